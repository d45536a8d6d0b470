/* SPDX-License-Identifier: MIT */
/* sipwire fuzz target: the capture reader of the tool
 * (src/cli/capture/), on pcap or pcapng bytes.
 *
 * Input: a capture file, read through fmemopen() and libpcap's
 * pcap_fopen_offline(), decoded to the end. Checks, beyond "no crash and
 * no leak":
 *   - a file libpcap opens is one cap_sniff() recognises;
 *   - every payload lies in memory that may be read (each byte is read),
 *     is at most 65535 bytes (one IP datagram or one segment), carries
 *     valid flags, a known transport, NUL-terminated addresses, a frame
 *     number that never goes back and never passes the records read;
 *   - a SIP datagram passes cap_sip_check(), an END event has no data,
 *     only TCP has flows, END and SYNC;
 *   - each diagnostic has a text, and a fatal one comes last and once;
 *   - the counters agree with what was delivered (payloads == sip +
 *     not_sip, reassembled <= fragments...), and what the reader held
 *     never passed CAP_MAX_HELD_TOTAL. */
#include "fuzz.h"

#include "cli/capture/capture.h"

SIPW_FUZZ_LINK("libpcap")

struct fz_capture {
    uint64_t payloads, sip, ends, records_seen, last_frame;
    int fatal;
};

static void fz_on_payload(void *ctx, const struct cap_meta *m,
                          const unsigned char *data, size_t len)
{
    struct fz_capture *c = (struct fz_capture *)ctx;
    const unsigned all = CAP_F_START | CAP_F_MIDSTREAM | CAP_F_GAP |
                         CAP_F_SYNC | CAP_F_END | CAP_F_CUT |
                         CAP_F_REASSEMBLED;
    volatile unsigned char sink = 0;
    size_t i;

    FZ_CHECK(!c->fatal);
    FZ_CHECK(m->frame >= 1 && m->frame >= c->last_frame);
    c->last_frame = m->frame;
    FZ_CHECK((m->flags & ~all) == 0);
    FZ_CHECK(m->transport == CAP_T_UDP || m->transport == CAP_T_TCP ||
             m->transport == CAP_T_HEP);
    FZ_CHECK(m->ip_version == 4 || m->ip_version == 6);
    FZ_CHECK(memchr(m->src, '\0', sizeof m->src) != NULL);
    FZ_CHECK(memchr(m->dst, '\0', sizeof m->dst) != NULL);
    FZ_CHECK(m->sip == 0 || m->sip == 1);
    FZ_CHECK(m->ts_nsec < 1000000000u);
    if (m->transport != CAP_T_TCP) {
        FZ_CHECK(m->flow == 0);
        FZ_CHECK((m->flags & (CAP_F_START | CAP_F_MIDSTREAM | CAP_F_GAP |
                              CAP_F_SYNC | CAP_F_END)) == 0);
    } else {
        FZ_CHECK(m->flow >= 1);
        FZ_CHECK(m->dir == 0 || m->dir == 1);
        FZ_CHECK(!(m->flags & CAP_F_SYNC) || m->sip);
        FZ_CHECK(!(m->flags & CAP_F_MIDSTREAM) || (m->flags & CAP_F_START));
    }
    if (m->flags & CAP_F_END) {
        FZ_CHECK(data == NULL && len == 0);
        c->ends++;
        return;
    }
    FZ_CHECK(data != NULL && len > 0 && len <= 65535);
    for (i = 0; i < len; i++)
        sink ^= data[i];
    (void)sink;
    if (m->sip && m->transport != CAP_T_TCP)
        FZ_CHECK(cap_sip_check(data, len) == CAP_SIP_YES);
    c->payloads++;
    c->sip += m->sip != 0;
}

static void fz_on_diag(void *ctx, const struct cap_diag *d)
{
    struct fz_capture *c = (struct fz_capture *)ctx;
    FZ_CHECK(!c->fatal);
    FZ_CHECK(d->text != NULL && d->text[0] != '\0');
    FZ_CHECK(strchr(d->text, '\n') == NULL);
    FZ_CHECK(!d->has_ts || (d->frame >= 1 && d->ts_nsec < 1000000000u));
    FZ_CHECK(d->severity == CAP_WARNING || d->severity == CAP_ERROR ||
             d->severity == CAP_FATAL);
    if (d->severity == CAP_FATAL)
        c->fatal = 1;
}

SIPW_FUZZ_TARGET(fuzz_capture, "capture")
{
    struct fz_capture c;
    struct cap_handlers h;
    struct cap_reader *r;
    const struct cap_stats *st;
    char err[256];
    char *copy;
    FILE *fp;
    int rc;

    if (size < 4)
        return 0; /* fmemopen() wants bytes; no capture is this short */
    memset(&c, 0, sizeof c);
    h.on_payload = fz_on_payload;
    h.on_diag = fz_on_diag;
    h.ctx = &c;
    copy = fz_copy(data, size);
    fp = fmemopen(copy, size, "rb");
    if (!fp)
        abort();
    r = cap_open_fp(fp, &h, err, sizeof err);
    if (!r) {
        FZ_CHECK(err[0] != '\0');
        free(copy);
        return 0;
    }
    FZ_CHECK(cap_sniff(copy, size) != CAP_FMT_NONE);
    rc = cap_run(r);
    st = cap_stats(r);
    FZ_CHECK(rc == 0 || rc == -1);
    FZ_CHECK((rc == -1) == (c.fatal != 0));
    FZ_CHECK(cap_next(r) == rc); /* the end stays the end */
    FZ_CHECK(st->payloads == c.payloads);
    FZ_CHECK(st->sip == c.sip);
    FZ_CHECK(st->payloads == st->sip + st->not_sip);
    FZ_CHECK(c.last_frame <= st->records + (uint64_t)(rc == -1));
    FZ_CHECK(st->bad_records <= st->records + 1);
    FZ_CHECK(st->reassembled <= st->fragments);
    FZ_CHECK(st->frag_dropped + st->frag_timeout <= st->fragments);
    FZ_CHECK(st->tcp_flows <= st->tcp);
    FZ_CHECK(st->held_bytes_peak <= CAP_MAX_HELD_TOTAL);
    FZ_CHECK(c.ends <= 2 * st->tcp_flows);
    cap_close(r);
    free(copy);
    return 0;
}
