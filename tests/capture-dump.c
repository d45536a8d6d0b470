/* SPDX-License-Identifier: MIT */
/* sipwire tests: capture-dump, the capture reader's output made visible
 * (src/cli/capture/). Not installed.
 *
 *   capture-dump [-q] [--frame] FILE...
 *
 * Prints one line per payload delivered:
 *   FRAME SECONDS.NANOSECONDS SRC:PORT -> DST:PORT TRANSPORT [flow=F dir=D]
 *   LENGTH SIP|not-SIP [FLAGS]
 * (an END event prints END for the length), each problem on standard
 * error as "FILE: frame N: error|warning|fatal: TEXT", and at the end of
 * each file one line of counters, "FILE: key=value ...". With -q only the
 * counters are printed. With --frame, the SIP payloads are also framed as
 * the tool will frame them: each SIP datagram is a message, and each TCP
 * direction is cut into messages by sipw_frame() from every CAP_F_SYNC
 * on; the counters then end with messages= and frame_errors=.
 *
 * Exit status: 0, or 1 when a file could not be opened or read to its
 * end, 2 on a usage error. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sipwire/sipwire.h>

#include "cli/capture/capture.h"

/* The largest message buffered for framing: the head and body limits. */
#define DUMP_MAX_MSG ((size_t)SIPW_MAX_HEAD_SIZE + SIPW_MAX_BODY_SIZE)

struct stream { /* one TCP direction being framed */
    char *buf;
    size_t len, cap;
    int lost; /* framing failed: wait for the next CAP_F_SYNC */
};

struct dump {
    const char *file;
    int quiet, frame;
    struct stream *streams; /* by (flow - 1) * 2 + dir */
    size_t nstreams;
    unsigned long messages, frame_errors;
};

static void flags_text(char *out, size_t cap, unsigned f)
{
    static const struct {
        unsigned bit;
        const char *name;
    } names[] = {{CAP_F_START, "START"},   {CAP_F_MIDSTREAM, "MIDSTREAM"},
                 {CAP_F_GAP, "GAP"},       {CAP_F_SYNC, "SYNC"},
                 {CAP_F_END, "END"},       {CAP_F_CUT, "CUT"},
                 {CAP_F_REASSEMBLED, "REASSEMBLED"}};
    size_t i, used = 0;
    out[0] = '\0';
    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (!(f & names[i].bit) || names[i].bit == CAP_F_END)
            continue;
        used += (size_t)snprintf(out + used, cap - used, "%s%s",
                                 used ? "," : " ", names[i].name);
        if (used >= cap)
            break;
    }
}

static struct stream *stream_of(struct dump *d, const struct cap_meta *m)
{
    size_t i = (size_t)(m->flow - 1) * 2 + (size_t)m->dir;
    if (i >= d->nstreams) {
        size_t n = d->nstreams ? d->nstreams : 64;
        struct stream *s;
        while (n <= i)
            n *= 2;
        s = realloc(d->streams, n * sizeof *s);
        if (!s) {
            fputs("capture-dump: out of memory\n", stderr);
            exit(1);
        }
        memset(s + d->nstreams, 0, (n - d->nstreams) * sizeof *s);
        d->streams = s;
        d->nstreams = n;
    }
    return &d->streams[i];
}

/* The messages sipw_frame() finds in what the stream holds. */
static void frame_stream(struct dump *d, struct stream *s)
{
    size_t pos = 0;
    while (!s->lost && pos < s->len) {
        size_t start, mlen;
        sipw_error err;
        sipw_status st =
            sipw_frame(s->buf + pos, s->len - pos, &start, &mlen, &err);
        if (st == SIPW_INCOMPLETE) {
            pos += start; /* keep-alives skipped */
            break;
        }
        if (st != SIPW_OK) {
            d->frame_errors++;
            s->lost = 1;
            break;
        }
        d->messages++;
        pos += start + mlen;
    }
    if (s->lost)
        pos = s->len;
    memmove(s->buf, s->buf + pos, s->len - pos);
    s->len -= pos;
}

static void frame_tcp(struct dump *d, const struct cap_meta *m,
                      const unsigned char *data, size_t len)
{
    struct stream *s = stream_of(d, m);
    if (m->flags & (CAP_F_SYNC | CAP_F_GAP)) {
        s->len = 0;
        s->lost = !(m->flags & CAP_F_SYNC);
    }
    if (m->flags & CAP_F_END) {
        if (s->len > 0 && !s->lost)
            d->frame_errors++; /* the stream ends inside a message */
        free(s->buf);
        memset(s, 0, sizeof *s);
        return;
    }
    if (!m->sip || s->lost)
        return;
    if (s->len + len > DUMP_MAX_MSG) {
        d->frame_errors++;
        s->lost = 1;
        s->len = 0;
        return;
    }
    if (s->len + len > s->cap) {
        size_t cap = s->cap ? s->cap : 4096;
        char *nb;
        while (cap < s->len + len)
            cap *= 2;
        nb = realloc(s->buf, cap);
        if (!nb) {
            fputs("capture-dump: out of memory\n", stderr);
            exit(1);
        }
        s->buf = nb;
        s->cap = cap;
    }
    memcpy(s->buf + s->len, data, len);
    s->len += len;
    frame_stream(d, s);
}

static void on_payload(void *ctx, const struct cap_meta *m,
                       const unsigned char *data, size_t len)
{
    struct dump *d = ctx;
    char flags[128], where[32] = "";

    if (d->frame) {
        if (m->transport == CAP_T_TCP)
            frame_tcp(d, m, data, len);
        else if (m->sip)
            d->messages++;
    }
    if (d->quiet)
        return;
    flags_text(flags, sizeof flags, m->flags);
    if (m->transport == CAP_T_TCP)
        snprintf(where, sizeof where, " flow=%" PRIu64 " dir=%d", m->flow,
                 m->dir);
    if (m->flags & CAP_F_END)
        printf("%" PRIu64 " %" PRId64 ".%09u %s:%u -> %s:%u %s%s END%s\n",
               m->frame, m->ts_sec, (unsigned)m->ts_nsec, m->src,
               (unsigned)m->sport, m->dst, (unsigned)m->dport,
               cap_transport_name(m), where, flags);
    else
        printf("%" PRIu64 " %" PRId64 ".%09u %s:%u -> %s:%u %s%s %zu %s%s\n",
               m->frame, m->ts_sec, (unsigned)m->ts_nsec, m->src,
               (unsigned)m->sport, m->dst, (unsigned)m->dport,
               cap_transport_name(m), where, len, m->sip ? "SIP" : "not-SIP",
               flags);
}

static void on_diag(void *ctx, const struct cap_diag *g)
{
    const struct dump *d = ctx;
    static const char *const sev[] = {"warning", "error", "fatal"};
    fflush(stdout);
    fprintf(stderr, "%s: frame %" PRIu64 ": %s: %s\n", d->file, g->frame,
            sev[g->severity], g->text);
}

static void print_counters(const struct dump *d, const struct cap_stats *s)
{
    printf("%s: records=%" PRIu64 " bad_records=%" PRIu64 " not_ip=%" PRIu64
           " ip=%" PRIu64 " ip_other=%" PRIu64 " tunnels=%" PRIu64
           " fragments=%" PRIu64 " reassembled=%" PRIu64
           " frag_dropped=%" PRIu64 " frag_timeout=%" PRIu64 " udp=%" PRIu64
           " tcp=%" PRIu64 " tcp_flows=%" PRIu64 " tcp_out_of_order=%" PRIu64
           " tcp_retrans=%" PRIu64 " tcp_overlap_bytes=%" PRIu64
           " tcp_gaps=%" PRIu64 " tcp_gap_bytes=%" PRIu64
           " tcp_evicted=%" PRIu64 " hep=%" PRIu64 " payloads=%" PRIu64
           " sip=%" PRIu64 " not_sip=%" PRIu64 " held_peak=%" PRIu64,
           d->file, s->records, s->bad_records, s->not_ip, s->ip_packets,
           s->ip_other, s->tunnels, s->fragments, s->reassembled,
           s->frag_dropped, s->frag_timeout, s->udp, s->tcp, s->tcp_flows,
           s->tcp_out_of_order, s->tcp_retrans, s->tcp_overlap_bytes,
           s->tcp_gaps, s->tcp_gap_bytes, s->tcp_evicted, s->hep,
           s->payloads, s->sip, s->not_sip, s->held_bytes_peak);
    if (d->frame)
        printf(" messages=%lu frame_errors=%lu", d->messages,
               d->frame_errors);
    printf("\n");
}

static int dump_file(struct dump *d, const char *path)
{
    struct cap_handlers h = {on_payload, on_diag, d};
    struct cap_reader *r;
    char err[512];
    size_t i;
    int rc;

    d->file = path;
    d->messages = d->frame_errors = 0;
    r = cap_open(path, &h, err, sizeof err);
    if (!r) {
        fprintf(stderr, "%s: %s\n", path, err);
        return 1;
    }
    rc = cap_run(r);
    print_counters(d, cap_stats(r));
    cap_close(r);
    for (i = 0; i < d->nstreams; i++)
        free(d->streams[i].buf);
    free(d->streams);
    d->streams = NULL;
    d->nstreams = 0;
    return rc < 0;
}

int main(int argc, char **argv)
{
    struct dump d;
    int i, rc = 0, nfiles = 0;

    memset(&d, 0, sizeof d);
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-q") == 0)
            d.quiet = 1;
        else if (strcmp(argv[i], "--frame") == 0)
            d.frame = 1;
        else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fputs("usage: capture-dump [-q] [--frame] FILE...\n", stderr);
            return 2;
        } else
            nfiles++;
    }
    if (nfiles == 0) {
        fputs("usage: capture-dump [-q] [--frame] FILE...\n", stderr);
        return 2;
    }
    for (i = 1; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1] != '\0')
            continue;
        if (dump_file(&d, argv[i]) != 0)
            rc = 1;
    }
    return rc;
}
