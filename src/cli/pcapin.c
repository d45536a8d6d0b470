/* SPDX-License-Identifier: MIT */
/* sipwire tool: --pcap, the SIP messages of a capture file.
 *
 * The capture reader (src/cli/capture/) reads the file once, record by
 * record, and hands over transport payloads. Here:
 *   - a UDP datagram (after IP reassembly) or the payload of a HEP
 *     packet that is SIP is one datagram: parsed with sipw_msg_parse(),
 *     bytes after the message get a warning as for a file;
 *   - each direction of a TCP flow is framed incrementally with
 *     sipw_frame(): an incomplete message waits for more data (at most
 *     CLI_STREAM_MAX bytes, CLI_TCP_HELD_MAX for all flows together),
 *     each framed message is parsed; a message is reported at the frame
 *     that completed it;
 *   - payloads that are not SIP are counted (the summary's "not SIP"),
 *     never reported;
 *   - the reader's own diagnostics (a corrupt or cut record, a TCP gap)
 *     are reported as ECAPTURE errors or CAPTURE_LOSS warnings, and the
 *     scan goes on (libpcap cannot read past a record cut in the middle:
 *     that one ends the file).
 * Memory is bounded: the reader's CAP_* caps, the held TCP data, one
 * parse arena. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli/capture/capture.h"

/* One direction of a TCP flow that carries SIP. */
struct tcpdir {
    uint64_t key; /* flow * 2 + dir; 0: a free slot */
    char *buf;
    size_t len, cap;
    uint64_t base; /* stream offset of buf[0], from the first SIP byte */
    int lost;      /* framing failed: skip until the next CAP_F_SYNC */
};

/* Open addressing over at most 2 * CAP_TCP_MAX_FLOWS live directions. */
#define TAB_SIZE (4u * CAP_TCP_MAX_FLOWS)

struct pcapin {
    struct cli_run *r;
    const char *file;
    struct tcpdir *tab;
    size_t held; /* bytes of all tcpdir buffers */
    struct cli_cap cap;
};

static const sipw_str no_header = {NULL, 0};

static size_t slot_of(uint64_t key)
{
    return (size_t)((key * 0x9E3779B97F4A7C15ull) >> 40) & (TAB_SIZE - 1);
}

static struct tcpdir *dir_find(struct pcapin *p, uint64_t key, int create)
{
    size_t i, n;
    if (!p->tab) {
        if (!create)
            return NULL;
        p->tab = calloc(TAB_SIZE, sizeof *p->tab);
        if (!p->tab)
            cli_fatal(p->file, "ENOMEM", "out of memory");
    }
    for (i = slot_of(key), n = 0; n < TAB_SIZE; i = (i + 1) & (TAB_SIZE - 1), n++) {
        if (p->tab[i].key == key)
            return &p->tab[i];
        if (p->tab[i].key == 0) {
            if (!create)
                return NULL;
            memset(&p->tab[i], 0, sizeof p->tab[i]);
            p->tab[i].key = key;
            return &p->tab[i];
        }
    }
    return NULL; /* full: cannot happen below 2 * CAP_TCP_MAX_FLOWS */
}

/* Frees a direction and closes the hole its slot leaves (backward shift,
 * so that probing needs no tombstones). */
static void dir_remove(struct pcapin *p, struct tcpdir *d)
{
    size_t i = (size_t)(d - p->tab), j = i;

    p->held -= d->cap;
    free(d->buf);
    memset(d, 0, sizeof *d);
    for (;;) {
        size_t home;
        j = (j + 1) & (TAB_SIZE - 1);
        if (p->tab[j].key == 0)
            return;
        home = slot_of(p->tab[j].key);
        /* Move j to i when its home is not in (i, j] cyclically. */
        if ((i <= j) ? (home <= i || home > j) : (home <= i && home > j)) {
            p->tab[i] = p->tab[j];
            memset(&p->tab[j], 0, sizeof p->tab[j]);
            i = j;
        }
    }
}

static void set_cap(struct pcapin *p, const struct cap_meta *m)
{
    p->cap.frame = m->frame;
    p->cap.has_time = 1;
    p->cap.has_packet = 1;
    p->cap.sec = m->ts_sec;
    p->cap.nsec = m->ts_nsec;
    snprintf(p->cap.src, sizeof p->cap.src, "%s:%u", m->src,
             (unsigned)m->sport);
    snprintf(p->cap.dst, sizeof p->cap.dst, "%s:%u", m->dst,
             (unsigned)m->dport);
    p->cap.transport = cap_transport_name(m);
}

static void where_of(struct pcapin *p, const char *data, size_t len,
                     uint64_t offset, struct cli_where *w)
{
    memset(w, 0, sizeof *w);
    w->file = p->file;
    w->data = data;
    w->len = len;
    w->offset = offset;
    w->line0 = 1;
    w->cap = &p->cap;
}

/* Whether b[0..n) holds more than keep-alive CRLFs. */
static int has_data(const char *b, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (b[i] != '\r' && b[i] != '\n')
            return 1;
    return 0;
}

/* Frames and parses what d holds; LINE:COL count from the start of each
 * message (from where framing started for a framing error). */
static void tcp_frame(struct pcapin *p, struct tcpdir *d)
{
    size_t pos = 0;
    while (!d->lost && pos < d->len) {
        size_t start, mlen;
        sipw_error err;
        struct cli_where w;
        sipw_status st =
            cli_lib_frame(d->buf + pos, d->len - pos, &start, &mlen, &err);
        if (st == SIPW_INCOMPLETE) {
            pos += start;
            break;
        }
        if (st != SIPW_OK) {
            where_of(p, d->buf + pos, d->len - pos, d->base + pos, &w);
            p->r->messages++;
            p->r->invalid++;
            cli_report(&w, err.offset, CLI_SEV_ERROR, cli_lib_status_name(st),
                       err.header, err.reason);
            d->lost = 1;
            pos = d->len;
            break;
        }
        where_of(p, d->buf + pos + start, mlen, d->base + pos + start, &w);
        cli_run_one(p->r, &w, 0, mlen, 0);
        pos += start + mlen;
    }
    memmove(d->buf, d->buf + pos, d->len - pos);
    d->len -= pos;
    d->base += pos;
}

/* Drops what d holds of an unfinished message, with a warning. */
static void tcp_drop(struct pcapin *p, struct tcpdir *d, const char *why)
{
    if (!d->lost && has_data(d->buf, d->len)) {
        struct cli_where w;
        char reason[200];
        where_of(p, d->buf, d->len, d->base, &w);
        snprintf(reason, sizeof reason,
                 "%zu bytes of an unfinished message are dropped: %s", d->len,
                 why);
        cli_report(&w, 0, CLI_SEV_WARNING, "CAPTURE_LOSS", no_header, reason);
    }
    d->base += d->len;
    d->len = 0;
}

static void tcp_payload(struct pcapin *p, const struct cap_meta *m,
                        const unsigned char *data, size_t len)
{
    uint64_t key = m->flow * 2 + (uint64_t)m->dir;
    struct tcpdir *d = dir_find(p, key, m->sip && !(m->flags & CAP_F_END));

    if (!d)
        return; /* a direction with no SIP so far: nothing held */
    if (m->flags & CAP_F_END) {
        if (!d->lost && has_data(d->buf, d->len)) {
            struct cli_where w;
            where_of(p, d->buf, d->len, d->base, &w);
            p->r->messages++;
            p->r->invalid++;
            cli_report(&w, d->len, CLI_SEV_ERROR, "INCOMPLETE", no_header,
                       "TCP stream ends inside a message (incomplete)");
        }
        dir_remove(p, d);
        return;
    }
    if (m->flags & (CAP_F_SYNC | CAP_F_GAP)) {
        tcp_drop(p, d, "bytes are missing from the TCP stream after it");
        d->lost = !(m->flags & CAP_F_SYNC);
    }
    if (!m->sip || d->lost)
        return;
    if (d->len + len > CLI_STREAM_MAX || p->held + len > CLI_TCP_HELD_MAX) {
        struct cli_where w;
        char reason[200];
        where_of(p, d->buf, d->len, d->base, &w);
        if (d->len + len > CLI_STREAM_MAX)
            snprintf(reason, sizeof reason,
                     "message longer than %zu bytes: not framed; the rest "
                     "of this TCP direction is skipped",
                     (size_t)CLI_STREAM_MAX);
        else
            snprintf(reason, sizeof reason,
                     "more than %zu bytes of unfinished TCP messages held "
                     "in all flows: this one is dropped, and the rest of "
                     "its direction skipped",
                     (size_t)CLI_TCP_HELD_MAX);
        p->r->messages++;
        p->r->invalid++;
        cli_report(&w, 0, CLI_SEV_ERROR, "ELIMIT", no_header, reason);
        d->lost = 1;
        p->held -= d->cap;
        free(d->buf);
        d->buf = NULL;
        d->len = d->cap = 0;
        return;
    }
    if (d->len + len > d->cap) {
        size_t ncap = d->cap ? d->cap : 4096;
        char *nb;
        while (ncap < d->len + len)
            ncap *= 2;
        nb = realloc(d->buf, ncap);
        if (!nb)
            cli_fatal(p->file, "ENOMEM", "out of memory (%zu bytes)", ncap);
        p->held += ncap - d->cap;
        d->buf = nb;
        d->cap = ncap;
    }
    memcpy(d->buf + d->len, data, len);
    d->len += len;
    tcp_frame(p, d);
    if (d->len == 0 && d->cap > 65536) {
        /* Give back what a big message took. */
        p->held -= d->cap;
        free(d->buf);
        d->buf = NULL;
        d->cap = 0;
    }
}

static void on_payload(void *ctx, const struct cap_meta *m,
                       const unsigned char *data, size_t len)
{
    struct pcapin *p = ctx;

    set_cap(p, m);
    if (m->transport == CAP_T_TCP) {
        tcp_payload(p, m, data, len);
    } else if (m->sip) {
        struct cli_where w;
        where_of(p, (const char *)data, len, 0, &w);
        if (m->flags & CAP_F_CUT) {
            /* Not the message's fault: say so before its error. */
            char reason[160];
            snprintf(reason, sizeof reason,
                     "the capture's snaplen cut this datagram: only its "
                     "first %zu bytes were captured",
                     len);
            cli_report(&w, len, CLI_SEV_WARNING, "CAPTURE_LOSS", no_header,
                       reason);
        }
        cli_run_one(p->r, &w, 0, len, 1);
    }
}

static void on_diag(void *ctx, const struct cap_diag *g)
{
    struct pcapin *p = ctx;
    struct cli_where w;
    struct cli_cap cap;

    if (g->severity != CAP_WARNING)
        p->r->capture_errors++;
    memset(&cap, 0, sizeof cap);
    cap.frame = g->frame;
    cap.has_time = g->has_ts;
    cap.sec = g->ts_sec;
    cap.nsec = g->ts_nsec;
    memset(&w, 0, sizeof w);
    w.file = p->file;
    w.cap = &cap;
    cli_report(&w, 0,
               g->severity == CAP_WARNING ? CLI_SEV_WARNING : CLI_SEV_ERROR,
               g->severity == CAP_WARNING ? "CAPTURE_LOSS" : "ECAPTURE",
               no_header, g->text);
}

int cli_run_capture(struct cli_run *r, const char *path)
{
    struct pcapin p;
    struct cap_handlers h;
    struct cap_reader *rd;
    const struct cap_stats *st;
    char err[256];
    size_t i;
    int rc;

    memset(&p, 0, sizeof p);
    p.r = r;
    p.file = strcmp(path, "-") == 0 ? "<stdin>" : path;
    h.on_payload = on_payload;
    h.on_diag = on_diag;
    h.ctx = &p;
    rd = cap_open(path, &h, err, sizeof err);
    if (!rd) {
        cli_error_file(p.file, "EIO", "cannot read it as a capture: %s", err);
        r->io_error = 1;
        return -1;
    }
    r->captures++;
    while ((rc = cap_next(rd)) == 1)
        cli_progress(p.file, cap_stats(rd)->records, r->messages, 0);
    st = cap_stats(rd);
    r->records += st->records;
    r->bad_records += st->bad_records;
    r->not_sip += (unsigned long)st->not_sip;
    cap_close(rd);
    /* Every direction got its END from the reader; free what is left. */
    if (p.tab)
        for (i = 0; i < TAB_SIZE; i++)
            free(p.tab[i].buf);
    free(p.tab);
    return 0;
}
