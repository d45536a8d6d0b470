/* SPDX-License-Identifier: MIT */
/* sipwire tool, capture reader: TCP reassembly (RFC 9293), per flow and
 * direction, in sequence order.
 *
 * Each direction keeps the next sequence number it expects. A segment
 * there is delivered at once; one ahead of it is held, sorted, until the
 * hole before it fills. Bytes seen twice (retransmissions, overlapping
 * segments) keep their first copy: what was delivered or held already is
 * never replaced, the new copy's other bytes fill the rest. A receiving
 * host may keep either copy (RFC 9293 leaves it open, and stacks differ),
 * so a reader has to pick one; the first is what a receiver that had it
 * in its buffer would keep, and what tshark shows by default.
 *
 * A hole that does not fill is a gap: when the held data passes a
 * CAP_TCP_MAX_HELD* bound, after CAP_TCP_HOLE_TIMEOUT seconds, when the
 * direction ends (FIN, RST) with data held past it, when the snaplen cut
 * a segment, and at the end of the capture. The reader then jumps to the
 * held data, reports the gap (a warning, CAP_F_GAP on the next delivery)
 * and delivers nothing as SIP until a line that looks like a SIP start
 * line (cap_sip_line()): the message the gap cut cannot be completed,
 * and framing restarts at the next one (CAP_F_SYNC). A stream first seen
 * in the middle (no SYN: mid-stream pickup) starts the same way; one seen
 * from its SYN starts with its first byte. Data that is not in step
 * with SIP is still delivered, with sip = 0.
 *
 * A FIN closes its direction once every byte before it has arrived; an
 * RST closes both at once. Closed flows stay in the table (so that late
 * retransmissions are recognised) until a new SYN reuses the addresses
 * and ports, or the table is full: CAP_TCP_MAX_FLOWS flows, the least
 * recently used one given up first. */
#include <stdlib.h>
#include <string.h>

#include "capture-int.h"

#define TH_FIN 0x01u
#define TH_SYN 0x02u
#define TH_RST 0x04u

#define BUCKETS 8192 /* a power of two, above CAP_TCP_MAX_FLOWS */

struct seg {
    struct seg *next;
    uint32_t seq;
    uint32_t len;
    unsigned char data[];
};

struct dir {
    unsigned char addr[16]; /* the sender of this direction */
    uint16_t port;
    int started;       /* the first sequence number is known */
    int midstream;     /* started without a SYN */
    int delivered;     /* something was delivered (START given) */
    int gap_pending;   /* CAP_F_GAP goes on the next delivery */
    int synced;        /* in step with SIP: deliveries are SIP */
    int fin_seen, closed;
    uint32_t next_seq; /* the next byte expected */
    uint32_t fin_seq;  /* the FIN's sequence number */
    struct seg *held;  /* sorted, disjoint, all after next_seq */
    size_t held_bytes; /* their data and bookkeeping */
    unsigned nheld;
    int64_t hole_since;
    /* The resync: the line being looked at, kept across segments. */
    unsigned char *line;
    size_t line_len;
    size_t line_old;   /* its bytes from earlier segments, not delivered */
    int in_line;       /* a candidate line has started */
    int mid_line;      /* not at a line start: skip to the next LF */
};

struct flow {
    struct flow *hnext;
    struct flow *older, *newer; /* the LRU list */
    uint64_t id;
    int ipv;
    int closed;
    struct dir d[2];
};

struct cap_tcp {
    struct flow *bucket[BUCKETS];
    struct flow *oldest, *newest;
    size_t count;
    uint64_t next_id;
    size_t held_total; /* held segments of all flows */
};

/* The per-flow bound of CAP_MAX_HELD_TOTAL holds. */
typedef char flow_fits_bound[sizeof(struct flow) <= 1024 ? 1 : -1];

struct cap_tcp *cap_tcp_new(void)
{
    struct cap_tcp *t = calloc(1, sizeof *t);
    if (t)
        t->next_id = 1;
    return t;
}

/* Sequence-space distance from a to b (RFC 9293 section 3.4). */
static int32_t seq_diff(uint32_t b, uint32_t a)
{
    return (int32_t)(b - a);
}

/* --- the table ----------------------------------------------------------- */

static unsigned hash_side(const unsigned char *a, size_t alen, uint16_t port)
{
    unsigned h = 2166136261u ^ port;
    size_t i;
    for (i = 0; i < alen; i++)
        h = (h ^ a[i]) * 16777619u;
    return h;
}

static unsigned flow_hash(int ipv, const unsigned char *a, uint16_t pa,
                          const unsigned char *b, uint16_t pb)
{
    size_t alen = ipv == 4 ? 4 : 16;
    /* Symmetric: both directions land in the same bucket. */
    return (hash_side(a, alen, pa) + hash_side(b, alen, pb)) & (BUCKETS - 1);
}

static int side_is(const struct dir *d, int ipv, const unsigned char *a,
                   uint16_t port)
{
    return d->port == port && memcmp(d->addr, a, ipv == 4 ? 4 : 16) == 0;
}

static struct flow *lookup(struct cap_tcp *t, const struct cap_pkt *pk,
                           uint16_t sport, uint16_t dport, int *dir)
{
    unsigned h = flow_hash(pk->ipv, pk->src, sport, pk->dst, dport);
    struct flow *f;
    for (f = t->bucket[h]; f; f = f->hnext) {
        if (f->ipv != pk->ipv)
            continue;
        if (side_is(&f->d[0], f->ipv, pk->src, sport) &&
            side_is(&f->d[1], f->ipv, pk->dst, dport)) {
            *dir = 0;
            return f;
        }
        if (side_is(&f->d[1], f->ipv, pk->src, sport) &&
            side_is(&f->d[0], f->ipv, pk->dst, dport)) {
            *dir = 1;
            return f;
        }
    }
    return NULL;
}

static void lru_unlink(struct cap_tcp *t, struct flow *f)
{
    if (f->older)
        f->older->newer = f->newer;
    else
        t->oldest = f->newer;
    if (f->newer)
        f->newer->older = f->older;
    else
        t->newest = f->older;
    f->older = f->newer = NULL;
}

static void lru_push(struct cap_tcp *t, struct flow *f)
{
    f->older = t->newest;
    f->newer = NULL;
    if (t->newest)
        t->newest->newer = f;
    else
        t->oldest = f;
    t->newest = f;
}

/* --- delivering ----------------------------------------------------------- */

static void meta(struct cap_reader *r, const struct flow *f, int dir,
                 struct cap_meta *m)
{
    struct cap_pkt pk;
    memset(&pk, 0, sizeof pk);
    pk.ipv = f->ipv;
    memcpy(pk.src, f->d[dir].addr, 16);
    memcpy(pk.dst, f->d[!dir].addr, 16);
    cap_meta_init(r, m, &pk, CAP_T_TCP, f->d[dir].port, f->d[!dir].port);
    m->flow = f->id;
    m->dir = dir;
}

/* One callback; the flags owed by the direction (START, MIDSTREAM, GAP)
 * go on the first one after they arose. */
static void deliver(struct cap_reader *r, struct flow *f, int dir,
                    const unsigned char *p, size_t n, int sip, unsigned extra)
{
    struct dir *d = &f->d[dir];
    struct cap_meta m;
    if (n == 0)
        return;
    meta(r, f, dir, &m);
    if (!d->delivered) {
        m.flags |= CAP_F_START | (d->midstream ? CAP_F_MIDSTREAM : 0);
        d->delivered = 1;
    }
    if (d->gap_pending) {
        m.flags |= CAP_F_GAP;
        d->gap_pending = 0;
    }
    m.flags |= extra;
    m.sip = sip;
    cap_emit(r, &m, p, n);
}

static void line_free(struct cap_reader *r, struct dir *d)
{
    if (d->line) {
        free(d->line);
        d->line = NULL;
        cap_release(r, CAP_SIP_LINE_MAX);
    }
    d->line_len = d->line_old = 0;
    d->in_line = 0;
}

/* Appends to the line buffer; returns 0 when out of memory. */
static int line_add(struct cap_reader *r, struct dir *d,
                    const unsigned char *p, size_t n)
{
    if (!d->line) {
        d->line = malloc(CAP_SIP_LINE_MAX);
        if (!d->line)
            return 0;
        cap_hold(r, CAP_SIP_LINE_MAX);
    }
    memcpy(d->line + d->line_len, p, n);
    d->line_len += n;
    return 1;
}

/* Not in step with SIP: look at each line start for a SIP start line.
 * Bytes before it are delivered as not SIP; from it on, as SIP. A line
 * still open at the end of the data waits in d->line for the next. */
static void resync(struct cap_reader *r, struct flow *f, int dir,
                   const unsigned char *p, size_t n)
{
    struct dir *d = &f->d[dir];
    size_t i = 0, plain = 0; /* p[plain..i) is not SIP, not delivered yet */

    while (i < n) {
        const unsigned char *lf;
        size_t end, take, start;
        enum cap_sip v;

        if (d->mid_line) {
            lf = memchr(p + i, '\n', n - i);
            if (!lf) {
                i = n;
                break;
            }
            i = (size_t)(lf - p) + 1;
            d->mid_line = 0;
            continue;
        }
        if (!d->in_line) {
            d->in_line = 1;
            d->line_len = d->line_old = 0;
        }
        start = i; /* where the line's bytes from this segment begin */
        lf = memchr(p + i, '\n', n - i);
        end = lf ? (size_t)(lf - p) + 1 : n;
        take = end - i;
        if (take > CAP_SIP_LINE_MAX - d->line_len)
            take = CAP_SIP_LINE_MAX - d->line_len;
        if (!line_add(r, d, p + i, take)) {
            d->in_line = 0;
            d->mid_line = 1;
            continue;
        }
        i += take;
        v = cap_sip_line(d->line, d->line_len);
        if (v == CAP_SIP_MORE && d->line_len == CAP_SIP_LINE_MAX)
            v = CAP_SIP_NO;
        if (v == CAP_SIP_YES) {
            size_t old = d->line_old;
            /* Bytes before the line, then the line on: SIP. */
            if (start > plain)
                deliver(r, f, dir, p + plain, start - plain, 0, 0);
            d->synced = 1;
            if (old)
                deliver(r, f, dir, d->line, old, 1, CAP_F_SYNC);
            deliver(r, f, dir, p + start, n - start, 1, old ? 0 : CAP_F_SYNC);
            line_free(r, d);
            return;
        }
        if (v == CAP_SIP_NO) {
            if (d->line_old)
                deliver(r, f, dir, d->line, d->line_old, 0, 0);
            d->mid_line = d->line[d->line_len - 1] != '\n';
            d->in_line = 0;
            d->line_len = d->line_old = 0;
            continue;
        }
        /* More is needed: the rest of p is all this line. */
        break;
    }
    if (d->in_line) {
        /* The open line's bytes from p stay undelivered in d->line. */
        size_t mine = d->line_len - d->line_old;
        if (n - mine > plain)
            deliver(r, f, dir, p + plain, n - mine - plain, 0, 0);
        d->line_old = d->line_len;
    } else if (n > plain) {
        deliver(r, f, dir, p + plain, n - plain, 0, 0);
    }
}

/* In-order data of a direction. */
static void emit(struct cap_reader *r, struct flow *f, int dir,
                 const unsigned char *p, size_t n)
{
    struct dir *d = &f->d[dir];
    if (n == 0)
        return;
    if (d->synced)
        deliver(r, f, dir, p, n, 1, 0);
    else
        resync(r, f, dir, p, n);
}

/* What the resync holds back before a gap or the end: not SIP after all. */
static void drop_line(struct cap_reader *r, struct flow *f, int dir)
{
    struct dir *d = &f->d[dir];
    if (d->line_old)
        deliver(r, f, dir, d->line, d->line_old, 0, 0);
    line_free(r, d);
}

/* --- held segments --------------------------------------------------------- */

static size_t seg_size(size_t len)
{
    return sizeof(struct seg) + len;
}

static void pop_held(struct cap_reader *r, struct dir *d)
{
    struct seg *s = d->held;
    d->held = s->next;
    d->nheld--;
    d->held_bytes -= seg_size(s->len);
    r->tcp->held_total -= seg_size(s->len);
    cap_release(r, seg_size(s->len));
    free(s);
}

/* Delivers the held segments that are now in order. */
static void drain(struct cap_reader *r, struct flow *f, int dir)
{
    struct dir *d = &f->d[dir];
    while (d->held && d->held->seq == d->next_seq) {
        struct seg *s = d->held;
        d->next_seq += s->len;
        emit(r, f, dir, s->data, s->len);
        pop_held(r, d);
    }
    if (!d->held)
        d->hole_since = 0;
}

/* Gives up the hole before the first held segment. */
static void gap(struct cap_reader *r, struct flow *f, int dir, uint32_t to,
                const char *why)
{
    struct dir *d = &f->d[dir];
    uint32_t missing = to - d->next_seq;
    r->st.tcp_gaps++;
    r->st.tcp_gap_bytes += missing;
    cap_diag(r, CAP_WARNING, "TCP flow %llu direction %d: %lu bytes missing "
             "before sequence number %lu (%s); resuming at the next SIP "
             "start line", (unsigned long long)f->id, dir,
             (unsigned long)missing, (unsigned long)to, why);
    drop_line(r, f, dir);
    d->next_seq = to;
    d->gap_pending = 1;
    d->synced = 0;
    d->mid_line = 0; /* the data after the gap may start a message */
    /* Held data the jump passed (a cut segment's unseen bytes) is gone. */
    while (d->held && seq_diff(d->held->seq + d->held->len, to) <= 0)
        pop_held(r, d);
    if (d->held && seq_diff(d->held->seq, to) < 0) {
        struct seg *s = d->held;
        uint32_t skip = to - s->seq;
        memmove(s->data, s->data + skip, s->len - skip);
        s->seq = to;
        s->len -= skip; /* its bookkeeping size shrinks too: */
        d->held_bytes -= skip;
        r->tcp->held_total -= skip;
        cap_release(r, skip);
    }
    drain(r, f, dir);
}

static void flush_held(struct cap_reader *r, struct flow *f, int dir,
                       const char *why)
{
    while (f->d[dir].held)
        gap(r, f, dir, f->d[dir].held->seq, why);
}

/* Inserts the parts of [seq, seq + n) that are neither held nor
 * delivered. Returns the bytes that were already there. */
static size_t hold(struct cap_reader *r, struct flow *f, int dir,
                   uint32_t seq, const unsigned char *p, size_t n)
{
    struct dir *d = &f->d[dir];
    struct seg **pp = &d->held;
    uint64_t s = (uint32_t)(seq - d->next_seq), e = s + n;
    size_t dup = 0;

    if (!d->held)
        d->hole_since = r->ts_sec;
    while (s < e) {
        uint64_t cs, ce, pe;
        struct seg *c = *pp, *ns;
        if (c) {
            cs = (uint32_t)(c->seq - d->next_seq);
            ce = cs + c->len;
            if (ce <= s) {
                pp = &c->next;
                continue;
            }
            if (cs <= s) {
                uint64_t upto = ce < e ? ce : e;
                dup += (size_t)(upto - s);
                s = upto;
                pp = &c->next;
                continue;
            }
            pe = cs < e ? cs : e;
        } else {
            pe = e;
        }
        ns = malloc(seg_size((size_t)(pe - s)));
        if (!ns)
            return dup; /* lost: it becomes a gap later */
        ns->seq = d->next_seq + (uint32_t)s;
        ns->len = (uint32_t)(pe - s);
        memcpy(ns->data, p + (size_t)(s - (uint32_t)(seq - d->next_seq)),
               ns->len);
        ns->next = c;
        *pp = ns;
        pp = &ns->next;
        d->nheld++;
        d->held_bytes += seg_size(ns->len);
        r->tcp->held_total += seg_size(ns->len);
        cap_hold(r, seg_size(ns->len));
        s = pe;
    }
    return dup;
}

static int over_bounds(const struct cap_tcp *t, const struct dir *d, size_t n)
{
    return d->held_bytes + seg_size(n) > CAP_TCP_MAX_HELD ||
           d->nheld + 1 > CAP_TCP_MAX_HELD_SEGS ||
           t->held_total + seg_size(n) > CAP_TCP_MAX_HELD_TOTAL;
}

/* Data of a direction, from sequence number seq. */
static void data(struct cap_reader *r, struct flow *f, int dir, uint32_t seq,
                 const unsigned char *p, size_t n)
{
    struct dir *d = &f->d[dir];
    int32_t off;
    size_t dup;

    while (n > 0 && d->held && over_bounds(r->tcp, d, n))
        gap(r, f, dir, d->held->seq, "too much data held out of order");
    if (n == 0)
        return;
    off = seq_diff(seq, d->next_seq);
    if (off < 0) {
        size_t seen = (size_t)-(int64_t)off;
        if (seen >= n) {
            r->st.tcp_retrans++;
            r->st.tcp_overlap_bytes += n;
            return;
        }
        r->st.tcp_overlap_bytes += seen;
        p += seen;
        n -= seen;
        seq = d->next_seq;
        off = 0;
    }
    if (off == 0 && !d->held) {
        d->next_seq += (uint32_t)n;
        emit(r, f, dir, p, n);
        return;
    }
    if (off > 0)
        r->st.tcp_out_of_order++;
    if (over_bounds(r->tcp, d, n)) {
        /* Nothing held here and still no room (other flows hold it):
         * skip to this segment. */
        gap(r, f, dir, seq, "too much data held out of order");
        d->next_seq += (uint32_t)n;
        emit(r, f, dir, p, n);
        return;
    }
    dup = hold(r, f, dir, seq, p, n);
    r->st.tcp_overlap_bytes += dup;
    if (dup == n)
        r->st.tcp_retrans++;
    drain(r, f, dir);
}

/* --- ending ------------------------------------------------------------------ */

static void end_dir(struct cap_reader *r, struct flow *f, int dir)
{
    struct dir *d = &f->d[dir];
    struct cap_meta m;
    if (d->closed)
        return;
    flush_held(r, f, dir, d->fin_seen ? "the stream ended" : "the flow "
               "ended");
    drop_line(r, f, dir);
    d->closed = 1;
    if (!d->delivered)
        return;
    meta(r, f, dir, &m);
    m.flags |= CAP_F_END;
    m.sip = d->synced;
    cap_emit(r, &m, NULL, 0);
}

static void end_flow(struct cap_reader *r, struct flow *f)
{
    end_dir(r, f, 0);
    end_dir(r, f, 1);
    f->closed = 1;
}

static void free_flow(struct cap_reader *r, struct flow *f)
{
    struct cap_tcp *t = r->tcp;
    unsigned h = flow_hash(f->ipv, f->d[0].addr, f->d[0].port, f->d[1].addr,
                           f->d[1].port);
    struct flow **pp = &t->bucket[h];
    int i;
    while (*pp && *pp != f)
        pp = &(*pp)->hnext;
    if (*pp)
        *pp = f->hnext;
    lru_unlink(t, f);
    for (i = 0; i < 2; i++) {
        while (f->d[i].held)
            pop_held(r, &f->d[i]);
        line_free(r, &f->d[i]);
    }
    t->count--;
    cap_release(r, sizeof *f);
    free(f);
}

static struct flow *create(struct cap_reader *r, const struct cap_pkt *pk,
                           uint16_t sport, uint16_t dport)
{
    struct cap_tcp *t = r->tcp;
    struct flow *f;
    unsigned h;

    if (t->count >= CAP_TCP_MAX_FLOWS) {
        struct flow *old = t->oldest;
        if (!old->closed) {
            r->st.tcp_evicted++;
            cap_diag(r, CAP_WARNING, "TCP flow %llu given up: more than %d "
                     "flows at once", (unsigned long long)old->id,
                     CAP_TCP_MAX_FLOWS);
            end_flow(r, old);
        }
        free_flow(r, old);
    }
    f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->ipv = pk->ipv;
    f->id = t->next_id++;
    memcpy(f->d[0].addr, pk->src, 16);
    memcpy(f->d[1].addr, pk->dst, 16);
    f->d[0].port = sport;
    f->d[1].port = dport;
    h = flow_hash(f->ipv, pk->src, sport, pk->dst, dport);
    f->hnext = t->bucket[h];
    t->bucket[h] = f;
    lru_push(t, f);
    t->count++;
    cap_hold(r, sizeof *f);
    r->st.tcp_flows++;
    return f;
}

/* --- a segment ------------------------------------------------------------------ */

void cap_tcp(struct cap_reader *r, const struct cap_pkt *pk,
             const unsigned char *p, size_t n, size_t wire)
{
    struct cap_tcp *t = r->tcp;
    struct flow *f;
    struct dir *d;
    size_t doff, len, wire_len;
    uint16_t sport, dport;
    uint32_t seq;
    unsigned flags;
    int dir = 0;

    r->st.tcp++;
    if (n < 20) {
        cap_diag(r, CAP_ERROR, "TCP header needs 20 bytes, %zu left%s", n,
                 n < wire ? " (cut by the snaplen)" : "");
        return;
    }
    doff = (size_t)(p[12] >> 4) * 4;
    if (doff < 20 || doff > wire) {
        cap_diag(r, CAP_ERROR, "TCP data offset %zu is outside the %zu bytes "
                 "of the segment", doff, wire);
        return;
    }
    if (doff > n) {
        cap_diag(r, CAP_ERROR, "TCP header of %zu bytes cut by the snaplen",
                 doff);
        return;
    }
    sport = (uint16_t)cap_be16(p);
    dport = (uint16_t)cap_be16(p + 2);
    seq = cap_be32(p + 4);
    flags = p[13];
    len = n - doff;         /* captured */
    wire_len = wire - doff; /* sent */

    f = lookup(t, pk, sport, dport, &dir);
    if (!f) {
        if (!(flags & TH_SYN) && wire_len == 0)
            return; /* a bare ACK, FIN or RST of a flow not followed */
        f = create(r, pk, sport, dport);
        if (!f)
            return;
        dir = 0;
    } else {
        lru_unlink(t, f);
        lru_push(t, f);
    }
    d = &f->d[dir];

    if (flags & TH_SYN) {
        if (d->started && seq != d->next_seq - 1 && (f->closed || d->closed)) {
            /* The addresses and ports are used again: a new connection. */
            end_flow(r, f);
            free_flow(r, f);
            f = create(r, pk, sport, dport);
            if (!f)
                return;
            dir = 0;
            d = &f->d[0];
        }
        if (!d->started || (d->midstream && !d->delivered)) {
            d->started = 1;
            d->midstream = 0;
            d->next_seq = seq + 1;
        }
        seq++; /* data on a SYN (RFC 7413) follows it */
    } else if (!d->started) {
        if (wire_len == 0 && !(flags & TH_FIN))
            return;
        d->started = 1;
        d->midstream = 1;
        d->next_seq = seq;
    }
    if (flags & TH_RST) {
        end_flow(r, f);
        return;
    }
    if (d->closed) {
        if (wire_len > 0)
            r->st.tcp_retrans++;
        return;
    }
    if (d->held && r->ts_sec - d->hole_since > CAP_TCP_HOLE_TIMEOUT)
        flush_held(r, f, dir, "the hole was not filled in time");
    data(r, f, dir, seq, p + doff, len);
    if (len < wire_len) {
        /* The snaplen cut the segment: its other bytes are lost. */
        uint32_t end = seq + (uint32_t)wire_len;
        if (d->next_seq == seq + (uint32_t)len &&
            seq_diff(end, d->next_seq) > 0)
            gap(r, f, dir, end, "the snaplen cut the segment");
    }
    if (flags & TH_FIN) {
        d->fin_seen = 1;
        d->fin_seq = seq + (uint32_t)wire_len;
    }
    if (d->fin_seen && d->next_seq == d->fin_seq)
        end_dir(r, f, dir);
    if (f->d[0].closed && f->d[1].closed)
        f->closed = 1;
}

void cap_tcp_flush(struct cap_reader *r)
{
    struct flow *f;
    for (f = r->tcp->oldest; f; f = f->newer)
        if (!f->closed)
            end_flow(r, f);
}

void cap_tcp_free(struct cap_reader *r, struct cap_tcp *t)
{
    if (!t)
        return;
    r->tcp = t;
    while (t->oldest)
        free_flow(r, t->oldest);
    free(t);
    r->tcp = NULL;
}
