/* SPDX-License-Identifier: MIT */
/* sipwire tool, capture reader: reassembly of IPv4 fragments (RFC 791
 * section 3.2) and of IPv6 Fragment headers (RFC 8200 section 4.5).
 *
 * A pending datagram is keyed by its addresses, identification and (for
 * IPv4) protocol. Its bytes go into a buffer grown as fragments arrive,
 * with one bit per 8-byte block received (offsets are multiples of 8, and
 * only the last fragment may end inside a block). A byte already received
 * is kept when it comes again: the first copy wins for IPv4; an IPv6
 * fragment that overlaps another drops the whole datagram, as RFC 5722
 * requires of hosts. The datagram is complete when the last fragment (MF
 * clear) has given the length and every byte before it is there; it is
 * then decoded as if it had come whole in the record that completed it.
 *
 * Bounded: CAP_FRAG_MAX_PENDING datagrams and CAP_FRAG_MAX_BYTES bytes
 * (buffers and bookkeeping) at once, the oldest dropped first, and
 * CAP_FRAG_TIMEOUT seconds of capture time for each. */
#include <stdlib.h>
#include <string.h>

#include "capture-int.h"

#define BLOCKS ((CAP_FRAG_MAX_DATAGRAM + 7) / 8)

struct frag {
    struct frag *next; /* oldest first */
    int ipv;
    unsigned char src[16], dst[16];
    uint32_t id;
    unsigned proto;  /* IPv4: the key's protocol; IPv6: from offset 0 */
    int have_first;  /* the fragment at offset 0 arrived (IPv6: proto) */
    int depth;
    int64_t since;   /* capture time of the first fragment to arrive */
    size_t total;    /* the datagram's length, once the last arrived */
    size_t received; /* bytes received so far (each counted once) */
    size_t max_end;  /* the furthest byte any fragment reached */
    size_t cap;      /* bytes allocated in data */
    unsigned nfrags; /* fragments that went into it */
    unsigned char *data;
    unsigned char have[BLOCKS / 8 + 1]; /* one bit per 8-byte block */
};

struct cap_frags {
    struct frag *head, **tail;
    size_t count, bytes; /* bytes: what the pending datagrams hold */
};

struct cap_frags *cap_frags_new(void)
{
    struct cap_frags *f = calloc(1, sizeof *f);
    if (f)
        f->tail = &f->head;
    return f;
}

static size_t frag_size(const struct frag *d)
{
    return sizeof *d + d->cap;
}

static void unlink_frag(struct cap_reader *r, struct frag *d)
{
    struct cap_frags *f = r->frags;
    struct frag **pp = &f->head;
    while (*pp && *pp != d)
        pp = &(*pp)->next;
    if (!*pp)
        return;
    *pp = d->next;
    if (f->tail == &d->next)
        f->tail = pp;
    f->count--;
    f->bytes -= frag_size(d);
    cap_release(r, frag_size(d));
}

static void free_frag(struct cap_reader *r, struct frag *d)
{
    unlink_frag(r, d);
    free(d->data);
    free(d);
}

void cap_frags_free(struct cap_reader *r, struct cap_frags *f)
{
    if (!f)
        return;
    r->frags = f;
    while (f->head)
        free_frag(r, f->head);
    free(f);
    r->frags = NULL;
}

static void describe(char *out, size_t cap, const struct frag *d)
{
    snprintf(out, cap, "IPv%d datagram id 0x%x (%u fragments, %zu bytes%s)",
             d->ipv, (unsigned)d->id, d->nfrags, d->received,
             d->total ? "" : ", last fragment missing");
}

/* Drops a pending datagram, reporting why. */
static void give_up(struct cap_reader *r, struct frag *d, const char *why,
                    int timeout)
{
    char what[128];
    describe(what, sizeof what, d);
    cap_diag(r, CAP_WARNING, "%s dropped: %s", what, why);
    if (timeout)
        r->st.frag_timeout += d->nfrags;
    else
        r->st.frag_dropped += d->nfrags;
    free_frag(r, d);
}

void cap_frags_expire(struct cap_reader *r)
{
    struct cap_frags *f = r->frags;
    while (f->head && r->ts_sec - f->head->since > CAP_FRAG_TIMEOUT)
        give_up(r, f->head, "reassembly timed out", 1);
}

static struct frag *find(struct cap_frags *f, const struct cap_pkt *pk,
                         const struct cap_frag_in *in)
{
    size_t alen = pk->ipv == 4 ? 4 : 16;
    struct frag *d;
    for (d = f->head; d; d = d->next)
        if (d->ipv == pk->ipv && d->id == in->id &&
            (pk->ipv == 6 || d->proto == in->proto) &&
            memcmp(d->src, pk->src, alen) == 0 &&
            memcmp(d->dst, pk->dst, alen) == 0)
            return d;
    return NULL;
}

/* Makes room for `more` bytes in the pending set, dropping the oldest
 * datagrams other than `keep`. Returns 0 when it cannot. */
static int make_room(struct cap_reader *r, size_t more, const struct frag *keep)
{
    struct cap_frags *f = r->frags;
    while (f->bytes + more > CAP_FRAG_MAX_BYTES) {
        struct frag *old = f->head;
        if (old && old == keep)
            old = old->next;
        if (!old)
            return 0;
        give_up(r, old, "too many bytes under reassembly", 0);
    }
    return 1;
}

static struct frag *create(struct cap_reader *r, const struct cap_pkt *pk,
                           const struct cap_frag_in *in)
{
    struct cap_frags *f = r->frags;
    struct frag *d;
    if (f->count >= CAP_FRAG_MAX_PENDING)
        give_up(r, f->head, "too many datagrams under reassembly", 0);
    if (!make_room(r, sizeof *d, NULL))
        return NULL;
    d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->ipv = pk->ipv;
    memcpy(d->src, pk->src, sizeof d->src);
    memcpy(d->dst, pk->dst, sizeof d->dst);
    d->id = in->id;
    d->proto = in->proto;
    d->depth = pk->depth;
    d->since = r->ts_sec;
    *f->tail = d;
    f->tail = &d->next;
    f->count++;
    f->bytes += sizeof *d;
    cap_hold(r, sizeof *d);
    return d;
}

/* Grows d->data to hold `end` bytes. Returns 0 when over the bounds. */
static int grow(struct cap_reader *r, struct frag *d, size_t end)
{
    size_t cap = d->cap ? d->cap : 2048;
    unsigned char *nd;
    while (cap < end)
        cap *= 2;
    if (cap > CAP_FRAG_MAX_DATAGRAM)
        cap = CAP_FRAG_MAX_DATAGRAM;
    if (cap <= d->cap)
        return 1;
    if (!make_room(r, cap - d->cap, d))
        return 0;
    nd = realloc(d->data, cap);
    if (!nd)
        return 0;
    memset(nd + d->cap, 0, cap - d->cap);
    r->frags->bytes += cap - d->cap;
    cap_hold(r, cap - d->cap);
    d->data = nd;
    d->cap = cap;
    return 1;
}

static int have_block(const struct frag *d, size_t b)
{
    return (d->have[b / 8] >> (b % 8)) & 1;
}

/* Copies the blocks of [off, end) not received yet. Returns the number of
 * bytes that were there already. */
static size_t fill(struct frag *d, size_t off, const unsigned char *p,
                   size_t end)
{
    size_t b, dup = 0;
    for (b = off / 8; b * 8 < end; b++) {
        size_t s = b * 8, e = s + 8 < end ? s + 8 : end;
        if (have_block(d, b)) {
            dup += e - s;
            continue;
        }
        memcpy(d->data + s, p + (s - off), e - s);
        d->have[b / 8] |= (unsigned char)(1u << (b % 8));
        d->received += e - s;
    }
    return dup;
}

/* The datagram is whole: take it out of the table and decode it. */
static void complete(struct cap_reader *r, struct frag *d)
{
    struct cap_pkt pk;
    memset(&pk, 0, sizeof pk);
    pk.ipv = d->ipv;
    memcpy(pk.src, d->src, sizeof pk.src);
    memcpy(pk.dst, d->dst, sizeof pk.dst);
    pk.depth = d->depth;
    pk.flags = CAP_F_REASSEMBLED;
    unlink_frag(r, d);
    r->st.reassembled++;
    if (d->ipv == 4)
        cap_l4(r, &pk, d->proto, d->data, d->total, d->total);
    else
        cap_ip6_chain(r, &pk, d->proto, d->data, d->total, d->total, 0);
    free(d->data);
    free(d);
}

void cap_frag(struct cap_reader *r, const struct cap_pkt *pk,
              const struct cap_frag_in *in, const unsigned char *p, size_t n)
{
    struct frag *d;
    size_t end = in->offset + n, dup;

    r->st.fragments++;
    if (end > CAP_FRAG_MAX_DATAGRAM) {
        r->st.frag_dropped++;
        cap_diag(r, CAP_ERROR, "IPv%d fragment ends at byte %zu, past the "
                 "largest datagram (%u)", pk->ipv, end,
                 (unsigned)CAP_FRAG_MAX_DATAGRAM);
        return;
    }
    /* RFC 791 and RFC 8200: every fragment but the last carries a
     * multiple of 8 bytes. */
    if (in->more && (n == 0 || n % 8 != 0)) {
        r->st.frag_dropped++;
        cap_diag(r, CAP_ERROR, "IPv%d fragment of %zu bytes with more to "
                 "come is not a multiple of 8", pk->ipv, n);
        return;
    }
    d = find(r->frags, pk, in);
    if (!d)
        d = create(r, pk, in);
    if (!d || !grow(r, d, end)) {
        r->st.frag_dropped++;
        cap_diag(r, CAP_WARNING, "IPv%d fragment dropped: no room for "
                 "reassembly", pk->ipv);
        if (d && d->nfrags == 0)
            free_frag(r, d);
        return;
    }
    if (!in->more) {
        if ((d->total && d->total != end) || end < d->max_end) {
            d->nfrags++;
            give_up(r, d, "its last fragments disagree on its length", 0);
            return;
        }
        d->total = end;
    } else if (d->total && end > d->total) {
        d->nfrags++;
        give_up(r, d, "a fragment lies past its end", 0);
        return;
    }
    if (end > d->max_end)
        d->max_end = end;
    dup = fill(d, in->offset, p, end);
    d->nfrags++;
    if (dup && pk->ipv == 6 && dup != n) {
        /* RFC 5722 section 4: overlapping IPv6 fragments. An exact
         * duplicate is a retransmission, and harmless. */
        give_up(r, d, "overlapping fragments (RFC 5722)", 0);
        return;
    }
    if (in->offset == 0) {
        d->have_first = 1;
        if (pk->ipv == 6)
            d->proto = in->proto;
    }
    if (d->total && d->received == d->total && d->have_first)
        complete(r, d);
}

void cap_frags_flush(struct cap_reader *r)
{
    while (r->frags->head)
        give_up(r, r->frags->head, "still incomplete at the end of the "
                "capture", 1);
}
