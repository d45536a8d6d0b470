/* SPDX-License-Identifier: MIT */
/* sipwire tests: the capture reader of the tool (src/cli/capture/).
 *
 * Over the captures of tests/data/pcap (public ones and the synthetic
 * ones of tools/make-synthetic-pcaps.py, see PROVENANCE.tsv there): what
 * is delivered, with which flags and bytes, what is reported for which
 * frame, and the counters. Then the bounds, on captures written here in
 * memory: many TCP flows, too much out-of-order data, too many fragments
 * under reassembly; and SYN, FIN and RST handling. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/capture/capture.h"
#include "testutil.h"

/* --- recording what the reader delivers -------------------------------- */

struct ev {
    struct cap_meta m;
    unsigned char *data;
    size_t len;
};

struct dg {
    uint64_t frame;
    enum cap_severity sev;
    char text[512];
};

struct rec {
    struct ev *ev;
    size_t nev, cap;
    struct dg *dg;
    size_t ndg, dcap;
    struct cap_stats st;
    int rc;
};

static void on_payload(void *ctx, const struct cap_meta *m,
                       const unsigned char *data, size_t len)
{
    struct rec *r = ctx;
    struct ev *e;
    if (r->nev == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 64;
        r->ev = realloc(r->ev, r->cap * sizeof *r->ev);
        ck_assert_ptr_nonnull(r->ev);
    }
    e = &r->ev[r->nev++];
    e->m = *m;
    e->len = len;
    e->data = malloc(len + 1);
    ck_assert_ptr_nonnull(e->data);
    if (len)
        memcpy(e->data, data, len);
    e->data[len] = '\0';
}

static void on_diag(void *ctx, const struct cap_diag *d)
{
    struct rec *r = ctx;
    if (r->ndg == r->dcap) {
        r->dcap = r->dcap ? 2 * r->dcap : 64;
        r->dg = realloc(r->dg, r->dcap * sizeof *r->dg);
        ck_assert_ptr_nonnull(r->dg);
    }
    r->dg[r->ndg].frame = d->frame;
    r->dg[r->ndg].sev = d->severity;
    snprintf(r->dg[r->ndg].text, sizeof r->dg[r->ndg].text, "%s", d->text);
    r->ndg++;
}

static void rec_free(struct rec *r)
{
    size_t i;
    for (i = 0; i < r->nev; i++)
        free(r->ev[i].data);
    free(r->ev);
    free(r->dg);
    memset(r, 0, sizeof *r);
}

static void run_reader(struct rec *r, struct cap_reader *cr)
{
    ck_assert_ptr_nonnull(cr);
    r->rc = cap_run(cr);
    r->st = *cap_stats(cr);
    /* Invariants of every scan. */
    ck_assert_uint_eq(r->st.payloads, r->st.sip + r->st.not_sip);
    ck_assert_uint_le(r->st.held_bytes_peak, CAP_MAX_HELD_TOTAL);
    ck_assert_uint_le(r->st.reassembled, r->st.fragments);
    cap_close(cr);
}

static void run_file(struct rec *r, const char *name)
{
    char path[1024], err[256];
    struct cap_handlers h = {on_payload, on_diag, NULL};
    memset(r, 0, sizeof *r);
    h.ctx = r;
    snprintf(path, sizeof path, "%s/pcap/%s", tu_data_dir(), name);
    run_reader(r, cap_open(path, &h, err, sizeof err));
}

static void run_mem(struct rec *r, const unsigned char *buf, size_t len)
{
    char err[256];
    struct cap_handlers h = {on_payload, on_diag, NULL};
    FILE *fp = fmemopen((void *)(uintptr_t)buf, len, "rb");
    memset(r, 0, sizeof *r);
    h.ctx = r;
    ck_assert_ptr_nonnull(fp);
    run_reader(r, cap_open_fp(fp, &h, err, sizeof err));
}

/* The i-th payload that is not an END event. */
static const struct ev *payload(const struct rec *r, size_t i)
{
    size_t k;
    for (k = 0; k < r->nev; k++)
        if (!(r->ev[k].m.flags & CAP_F_END) && i-- == 0)
            return &r->ev[k];
    ck_abort_msg("fewer than %zu payloads", i + 1);
    return NULL;
}

static size_t count_ends(const struct rec *r)
{
    size_t k, n = 0;
    for (k = 0; k < r->nev; k++)
        n += (r->ev[k].m.flags & CAP_F_END) != 0;
    return n;
}

/* The index of the first diagnostic of `frame` containing `text`. */
static int find_diag(const struct rec *r, uint64_t frame,
                     enum cap_severity sev, const char *text)
{
    size_t k;
    for (k = 0; k < r->ndg; k++)
        if (r->dg[k].frame == frame && r->dg[k].sev == sev &&
            strstr(r->dg[k].text, text))
            return (int)k;
    return -1;
}

#define ck_diag(r, frame, sev, text)                                           \
    ck_assert_msg(find_diag(r, frame, sev, text) >= 0,                         \
                  "no diagnostic '%s' for frame %d", text, (int)(frame))

/* Number of messages sipw_frame() finds in the concatenated SIP data of
 * one TCP direction, from its first CAP_F_SYNC to the first gap after. */
static size_t frame_messages(const struct rec *r, uint64_t flow, int dir,
                             char *stream, size_t cap, size_t *len)
{
    size_t k, n = 0, pos = 0, start, mlen;
    int on = 0;
    sipw_error err;
    *len = 0;
    for (k = 0; k < r->nev; k++) {
        const struct ev *e = &r->ev[k];
        if (e->m.transport != CAP_T_TCP || e->m.flow != flow ||
            e->m.dir != dir || (e->m.flags & CAP_F_END))
            continue;
        if (on && (e->m.flags & CAP_F_GAP))
            break;
        if (e->m.flags & CAP_F_SYNC)
            on = 1;
        if (!on || !e->m.sip)
            continue;
        ck_assert_uint_le(*len + e->len, cap);
        memcpy(stream + *len, e->data, e->len);
        *len += e->len;
    }
    while (pos < *len &&
           sipw_frame(stream + pos, *len - pos, &start, &mlen, &err) ==
               SIPW_OK) {
        n++;
        pos += start + mlen;
    }
    ck_assert_uint_eq(pos, *len);
    return n;
}

/* --- recognising ---------------------------------------------------------- */

START_TEST(sniff_magic)
{
    static const unsigned char usec_le[] = {0xd4, 0xc3, 0xb2, 0xa1};
    static const unsigned char usec_be[] = {0xa1, 0xb2, 0xc3, 0xd4};
    static const unsigned char nsec_le[] = {0x4d, 0x3c, 0xb2, 0xa1};
    static const unsigned char nsec_be[] = {0xa1, 0xb2, 0x3c, 0x4d};
    static const unsigned char ng_le[] = {0x0a, 0x0d, 0x0d, 0x0a, 0x1c, 0,
                                          0,    0,    0x4d, 0x3c, 0x2b, 0x1a};
    static const unsigned char ng_be[] = {0x0a, 0x0d, 0x0d, 0x0a, 0, 0,
                                          0,    0x1c, 0x1a, 0x2b, 0x3c, 0x4d};
    static const unsigned char ng_bad[] = {0x0a, 0x0d, 0x0d, 0x0a, 0x1c, 0,
                                           0,    0,    1,    2,    3,    4};
    ck_assert_int_eq(cap_sniff(usec_le, 4), CAP_FMT_PCAP);
    ck_assert_int_eq(cap_sniff(usec_be, 4), CAP_FMT_PCAP);
    ck_assert_int_eq(cap_sniff(nsec_le, 4), CAP_FMT_PCAP_NSEC);
    ck_assert_int_eq(cap_sniff(nsec_be, 4), CAP_FMT_PCAP_NSEC);
    ck_assert_int_eq(cap_sniff(ng_le, 12), CAP_FMT_PCAPNG);
    ck_assert_int_eq(cap_sniff(ng_be, 12), CAP_FMT_PCAPNG);
    ck_assert_int_eq(cap_sniff(ng_bad, 12), CAP_FMT_NONE);
    ck_assert_int_eq(cap_sniff(ng_le, 8), CAP_FMT_NONE);
    ck_assert_int_eq(cap_sniff(usec_le, 3), CAP_FMT_NONE);
    ck_assert_int_eq(cap_sniff("INVITE sip:a SIP/2.0\r\n", 22), CAP_FMT_NONE);
    ck_assert_str_eq(cap_format_name(CAP_FMT_PCAPNG), "pcapng");
}
END_TEST

START_TEST(sniff_every_capture)
{
    static const char *const files[] = {
        "ndpi__sip_hello.pcapng", "ndpi__gre.pcapng", "sngrep__ipip.pcap",
        "synth-nsec-be.pcap", "ndpi__http_on_sip_port.pcap"};
    static const enum cap_format want[] = {CAP_FMT_PCAPNG, CAP_FMT_PCAPNG,
                                           CAP_FMT_PCAP, CAP_FMT_PCAP_NSEC,
                                           CAP_FMT_PCAPNG};
    size_t i;
    for (i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[1024];
        size_t len;
        char *buf;
        snprintf(path, sizeof path, "%s/pcap/%s", tu_data_dir(), files[i]);
        buf = tu_read_file(path, &len);
        ck_assert_msg(cap_sniff(buf, len) == want[i], "%s", files[i]);
        free(buf);
    }
}
END_TEST

START_TEST(sip_rule)
{
    static const struct {
        const char *s;
        enum cap_sip want;
    } cases[] = {
        {"INVITE sip:bob@example.com SIP/2.0\r\nVia: x\r\n", CAP_SIP_YES},
        {"\r\n\r\nOPTIONS sips:bob@example.com SIP/2.0\n", CAP_SIP_YES},
        {"MESSAGE tel:+1-555-0100 sip/2.0\r\n", CAP_SIP_YES},
        {"DBREGISTER sip:1.1.1.1:5060 SIP/2.0\r\n", CAP_SIP_YES},
        {"SIP/2.0 200 OK\r\n", CAP_SIP_YES},
        {"sip/2.0 180", CAP_SIP_YES},
        {"HTTP/1.1 200 OK\r\n", CAP_SIP_NO},
        {"GET / HTTP/1.1\r\n", CAP_SIP_NO},
        {"GET http://example.com/ HTTP/1.1\r\n", CAP_SIP_NO},
        {"INVITE sip:bob@example.com SIP/2.1\r\n", CAP_SIP_NO},
        {"INVITE  sip:bob@example.com SIP/2.0\r\n", CAP_SIP_NO},
        {"INVITE sip:bob@example.com  SIP/3.0\r\n", CAP_SIP_NO},
        {"INVITE 1sip:bob SIP/2.0\r\n", CAP_SIP_NO},
        {"SIP/2.0  486 Busy Here\r\n", CAP_SIP_NO},
        {"SIP/2.0/UDP host\r\n", CAP_SIP_NO},
        {"junk INVITE sip:bob@example.com SIP/2.0\r\n", CAP_SIP_NO},
        {"INVITE sip:bob@example.com SIP/2.0 x\r\n", CAP_SIP_NO},
        {"INVITE sip:bob@exam", CAP_SIP_MORE},
        {"INVITE", CAP_SIP_MORE},
        {"SIP/2.", CAP_SIP_MORE},
        {"SIP/2.0 ", CAP_SIP_MORE},
        {"\r\n\r\n", CAP_SIP_MORE},
        {"", CAP_SIP_MORE},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ck_assert_msg(cap_sip_check(cases[i].s, strlen(cases[i].s)) ==
                          cases[i].want,
                      "case %zu: %s", i, cases[i].s);
    /* Binary: a NUL, an RTP header. */
    ck_assert_int_eq(cap_sip_check("\0\0\0\0", 4), CAP_SIP_NO);
    ck_assert_int_eq(cap_sip_check("\x80\x00\x00\x01", 4), CAP_SIP_NO);
}
END_TEST

START_TEST(open_errors)
{
    char err[256] = "";
    char path[1024];
    struct cap_handlers h = {NULL, NULL, NULL};
    ck_assert_ptr_null(cap_open("/nonexistent/x.pcap", &h, err, sizeof err));
    ck_assert_str_ne(err, "");
    err[0] = '\0';
    snprintf(path, sizeof path, "%s/README.md", tu_data_dir());
    ck_assert_ptr_null(cap_open(path, &h, err, sizeof err));
    ck_assert_str_ne(err, "");
}
END_TEST

/* --- the public captures ------------------------------------------------ */

START_TEST(public_counts)
{
    static const struct {
        const char *file;
        uint64_t records, sip, not_sip, bad, tcp_flows;
        int rc;
    } cases[] = {
        {"ndpi__sip_hello.pcapng", 30, 8, 22, 0, 0, 0}, /* DNS, STUN.. */
        {"ndpi__gre.pcapng", 1, 1, 0, 0, 0, 0},
        {"sngrep__ipip.pcap", 4, 4, 0, 0, 1, 0},
        {"sngrep__ipv6frag.pcap", 34, 32, 0, 0, 0, 0},
        {"heplify__ipip0.pcap", 8, 8, 0, 0, 0, 0},
        {"ndpi__http_on_sip_port.pcap", 4, 0, 2, 0, 1, 0},
        {"suricata-verify__sip-tcp-method__sip-tcp.pcap", 11, 3, 0, 0, 1, 0},
        {"zeek__sip-junk-before-request.pcap", 2, 1, 1, 0, 0, 0},
        {"pcapplusplus__sip_reqs.pcap", 4, 4, 0, 0, 0, 0},
        {"zeek__sip-long-request-response-paths.pcap", 2, 2, 0, 0, 0, 0},
        {"zeek__invalid-content-length.pcap", 2, 2, 0, 0, 0, 0},
        {"suricata-verify__sip-body-large__sip-body-large.pcap", 16, 6, 0, 0,
         1, 0},
        {"suricata-verify__sip-tcp-pattern-matching__sip.pcap", 7, 2, 0, 0, 1,
         0},
        {"sngrep__ipip-cut-mid-record.pcap", 3, 3, 0, 1, 1, -1},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct rec r;
        run_file(&r, cases[i].file);
        ck_assert_msg(r.st.records == cases[i].records &&
                          r.st.sip == cases[i].sip &&
                          r.st.not_sip == cases[i].not_sip &&
                          r.st.bad_records == cases[i].bad &&
                          r.st.tcp_flows == cases[i].tcp_flows &&
                          r.rc == cases[i].rc,
                      "%s: records %llu sip %llu not_sip %llu bad %llu "
                      "flows %llu rc %d",
                      cases[i].file, (unsigned long long)r.st.records,
                      (unsigned long long)r.st.sip,
                      (unsigned long long)r.st.not_sip,
                      (unsigned long long)r.st.bad_records,
                      (unsigned long long)r.st.tcp_flows, r.rc);
        rec_free(&r);
    }
}
END_TEST

START_TEST(gre_pptp_ppp)
{
    struct rec r;
    const struct ev *e;
    run_file(&r, "ndpi__gre.pcapng");
    e = payload(&r, 0);
    ck_assert_str_eq(e->m.src, "192.168.10.210");
    ck_assert_str_eq(e->m.dst, "192.168.103.40");
    ck_assert_uint_eq(e->m.sport, 5060);
    ck_assert(e->m.sip);
    ck_assert(memcmp(e->data, "SIP/2.0 100", 11) == 0);
    ck_assert_uint_eq(r.st.tunnels, 1);
    rec_free(&r);
}
END_TEST

START_TEST(ipv6_fragments_public)
{
    struct rec r;
    const struct ev *e;
    run_file(&r, "sngrep__ipv6frag.pcap");
    /* Frames 1 and 2 are one INVITE in two fragments. */
    e = payload(&r, 0);
    ck_assert_uint_eq(e->m.frame, 2);
    ck_assert_uint_eq(e->m.ip_version, 6);
    ck_assert(e->m.flags & CAP_F_REASSEMBLED);
    ck_assert_str_eq(e->m.src, "[fd17:625c:f037:2:a00:27ff:feb9:1521]");
    ck_assert(memcmp(e->data, "INVITE ", 7) == 0);
    ck_assert_uint_eq(r.st.reassembled, 2);
    ck_assert_uint_eq(r.st.fragments, 4);
    rec_free(&r);
}
END_TEST

START_TEST(truncated_file)
{
    struct rec r;
    run_file(&r, "sngrep__ipip-cut-mid-record.pcap");
    ck_assert_int_eq(r.rc, -1);
    ck_assert_uint_ge(r.ndg, 1);
    /* The fatal error is the last thing said, about record 4. */
    ck_assert_int_eq(r.dg[r.ndg - 1].sev, CAP_FATAL);
    ck_assert_uint_eq(r.dg[r.ndg - 1].frame, 4);
    ck_assert_ptr_nonnull(strstr(r.dg[r.ndg - 1].text, "truncated"));
    /* What came before was delivered, and the streams were ended. */
    ck_assert_uint_eq(r.st.sip, 3);
    ck_assert_uint_eq(count_ends(&r), 2);
    rec_free(&r);
}
END_TEST

START_TEST(corrupt_file_goes_on)
{
    struct rec r;
    size_t k;
    run_file(&r, "ndpi__fuzz-2006-06-26-2594.pcap");
    ck_assert_int_eq(r.rc, 0);
    ck_assert_uint_eq(r.st.records, 691);
    ck_diag(&r, 7, CAP_ERROR, "UDP length 554 exceeds the 42 bytes");
    ck_diag(&r, 45, CAP_ERROR, "version field is 5");
    ck_assert_uint_ge(r.st.bad_records, 50);
    ck_assert_uint_eq(r.st.sip, 50);
    for (k = 0; k < r.ndg; k++)
        ck_assert_int_ne(r.dg[k].sev, CAP_FATAL);
    /* Records after the first error still deliver. */
    ck_assert_uint_gt(payload(&r, r.st.payloads - 1)->m.frame, 600);
    rec_free(&r);
}
END_TEST

START_TEST(http_on_sip_port_is_not_sip)
{
    struct rec r;
    size_t k;
    run_file(&r, "ndpi__http_on_sip_port.pcap");
    ck_assert_uint_eq(r.st.sip, 0);
    for (k = 0; k < r.nev; k++)
        ck_assert(!r.ev[k].m.sip);
    rec_free(&r);
}
END_TEST

/* --- the synthetic captures ------------------------------------------- */

START_TEST(vlan_tags)
{
    struct rec r;
    run_file(&r, "synth-vlan-qinq.pcap");
    ck_assert_uint_eq(r.st.sip, 3);
    ck_assert_uint_eq(r.st.not_ip, 2); /* ARP, an 802.3 LLC frame */
    ck_assert_uint_eq(payload(&r, 0)->m.ip_version, 4);
    ck_assert_uint_eq(payload(&r, 1)->m.ip_version, 6);
    ck_assert_str_eq(payload(&r, 1)->m.dst, "[2001:db8::20]");
    ck_assert_uint_eq(payload(&r, 2)->m.frame, 3);
    ck_assert_uint_eq(r.ndg, 0);
    rec_free(&r);
}
END_TEST

START_TEST(linux_sll2)
{
    struct rec r;
    run_file(&r, "synth-sll2.pcap");
    ck_assert_uint_eq(r.st.sip, 2);
    ck_assert_str_eq(payload(&r, 0)->m.src, "192.0.2.10");
    ck_assert_str_eq(payload(&r, 1)->m.src, "[2001:db8::10]");
    ck_diag(&r, 3, CAP_ERROR, "SLL2");
    ck_assert_uint_eq(r.st.bad_records, 1);
    rec_free(&r);
}
END_TEST

START_TEST(bsd_loopback)
{
    struct rec r;
    run_file(&r, "synth-null.pcap");
    ck_assert_uint_eq(r.st.sip, 3);
    ck_assert_str_eq(payload(&r, 0)->m.src, "127.0.0.1");
    ck_assert_str_eq(payload(&r, 1)->m.src, "[::1]");
    ck_assert_uint_eq(payload(&r, 2)->m.sport, 5062); /* big-endian AF 24 */
    ck_assert_uint_eq(r.st.not_ip, 1);
    rec_free(&r);
    run_file(&r, "synth-loop.pcap");
    ck_assert_uint_eq(r.st.sip, 2);
    ck_assert_uint_eq(payload(&r, 1)->m.ip_version, 6);
    rec_free(&r);
}
END_TEST

START_TEST(ipv4_fragments)
{
    struct rec r;
    const struct ev *e;
    size_t i;
    run_file(&r, "synth-ipv4-frag.pcap");
    /* Last, first, first again, middle: whole at frame 4. */
    e = payload(&r, 0);
    ck_assert_uint_eq(e->m.frame, 4);
    ck_assert(e->m.flags & CAP_F_REASSEMBLED);
    ck_assert(e->m.sip);
    ck_assert_uint_eq(e->len, 1251);
    ck_assert(memcmp(e->data, "INVITE sip:bob@example.com SIP/2.0\r\n", 36) ==
              0);
    for (i = e->len - 1000; i < e->len; i++)
        ck_assert_int_eq(e->data[i], 'x');
    ck_assert_uint_eq(payload(&r, 1)->m.frame, 6);
    ck_assert(!(payload(&r, 1)->m.flags & CAP_F_REASSEMBLED));
    /* The datagram whose second fragment never came: timed out at the
     * record 40 s later. */
    ck_diag(&r, 6, CAP_WARNING, "id 0x2345");
    ck_assert_uint_eq(r.st.frag_timeout, 1);
    ck_diag(&r, 7, CAP_ERROR, "not a multiple of 8");
    ck_assert_uint_eq(r.st.frag_dropped, 1);
    ck_assert_uint_eq(r.st.fragments, 6);
    ck_assert_uint_eq(r.st.reassembled, 1);
    rec_free(&r);
}
END_TEST

START_TEST(ipv6_fragments)
{
    struct rec r;
    const struct ev *e;
    run_file(&r, "synth-ipv6-frag.pcap");
    e = payload(&r, 0);
    ck_assert_uint_eq(e->m.frame, 2);
    ck_assert(e->m.flags & CAP_F_REASSEMBLED);
    ck_assert(memcmp(e->data, "MESSAGE sip:", 12) == 0);
    ck_assert_uint_eq(e->data[e->len - 1], 'z');
    ck_diag(&r, 4, CAP_WARNING, "RFC 5722");
    ck_assert_uint_eq(r.st.frag_dropped, 2);
    e = payload(&r, 1); /* the atomic fragment */
    ck_assert_uint_eq(e->m.frame, 5);
    ck_assert(!(e->m.flags & CAP_F_REASSEMBLED));
    ck_assert(e->m.sip);
    ck_assert_uint_eq(r.st.payloads, 2);
    rec_free(&r);
}
END_TEST

START_TEST(tcp_reassembly)
{
    static char stream[65536];
    struct rec r;
    const struct ev *e;
    size_t len, k, n_sync = 0;
    run_file(&r, "synth-tcp.pcap");
    /* The message in three segments: frames 4 and 6 (5 came early). */
    e = payload(&r, 0);
    ck_assert_uint_eq(e->m.frame, 4);
    ck_assert_uint_eq(e->m.flags, CAP_F_START | CAP_F_SYNC); /* a SYN */
    ck_assert_uint_eq(payload(&r, 1)->m.frame, 6);
    ck_assert_uint_eq(payload(&r, 2)->m.frame, 6);
    /* Before the gap: REGISTER, OPTIONS + MESSAGE (one segment), and
     * OPTIONS with its overlap, whose first copy won. */
    ck_assert_uint_eq(frame_messages(&r, 1, 0, stream, sizeof stream, &len),
                      4);
    ck_assert_ptr_null(memchr(stream, 'X', len));
    ck_assert_uint_eq(r.st.tcp_retrans, 1);
    ck_assert_uint_eq(r.st.tcp_out_of_order, 2);
    ck_assert_uint_eq(r.st.tcp_overlap_bytes, 100 + 10);
    /* The response on the other direction. */
    ck_assert_uint_eq(frame_messages(&r, 1, 1, stream, sizeof stream, &len),
                      1);
    ck_assert(memcmp(stream, "SIP/2.0 200 OK", 14) == 0);
    /* The gap: reported at frame 13 (the hole timed out), the tail of the
     * lost message delivered as not SIP, then the next message. */
    ck_diag(&r, 13, CAP_WARNING, "bytes missing");
    ck_assert_uint_eq(r.st.tcp_gaps, 1);
    for (k = 0; k < r.nev; k++) {
        e = &r.ev[k];
        if (e->m.flow == 1 && e->m.dir == 0 && (e->m.flags & CAP_F_GAP)) {
            ck_assert_uint_eq(e->m.frame, 13);
            ck_assert(!e->m.sip);
            ck_assert(memcmp(e->data, "artly lost.\r\n", 13) == 0 ||
                      strstr((char *)e->data, "lost.") != NULL);
            e = &r.ev[k + 1];
            ck_assert(e->m.flags & CAP_F_SYNC);
            ck_assert(memcmp(e->data, "OPTIONS sip:bob@example.com SIP/2.0",
                             35) == 0);
            break;
        }
    }
    ck_assert_uint_lt(k, r.nev);
    /* Flow 2, mid-stream: a body's tail (not SIP), then the request whose
     * first line spans two segments. */
    for (k = 0; k < r.nev; k++)
        if (r.ev[k].m.flow == 2)
            break;
    ck_assert_uint_lt(k + 2, r.nev);
    e = &r.ev[k];
    ck_assert_uint_eq(e->m.flags, CAP_F_START | CAP_F_MIDSTREAM);
    ck_assert(!e->m.sip);
    ck_assert_uint_eq(e->len, 22);
    e = &r.ev[k + 1];
    ck_assert_uint_eq(e->m.flags, CAP_F_SYNC);
    ck_assert_uint_eq(e->m.frame, 16);
    ck_assert_uint_eq(e->len, 19);
    ck_assert(memcmp(e->data, "INVITE sip:bob@exam", 19) == 0);
    ck_assert_uint_eq(frame_messages(&r, 2, 0, stream, sizeof stream, &len),
                      1);
    for (k = 0; k < r.nev; k++)
        n_sync += (r.ev[k].m.flags & CAP_F_SYNC) != 0;
    ck_assert_uint_eq(n_sync, 4);
    /* FINs ended flow 1 both ways, the end of the file flow 2. */
    ck_assert_uint_eq(count_ends(&r), 3);
    ck_assert_uint_eq(r.st.tcp_flows, 2);
    rec_free(&r);
}
END_TEST

START_TEST(hep3)
{
    struct rec r;
    const struct ev *e;
    run_file(&r, "synth-hep3.pcap");
    ck_assert_uint_eq(r.st.hep, 3);
    e = payload(&r, 0);
    ck_assert_int_eq(e->m.transport, CAP_T_HEP);
    ck_assert_int_eq(e->m.hep_proto, 17);
    ck_assert_str_eq(cap_transport_name(&e->m), "HEP3/UDP");
    ck_assert_str_eq(e->m.src, "192.0.2.1");
    ck_assert_str_eq(e->m.dst, "192.0.2.2");
    ck_assert_uint_eq(e->m.sport, 5060);
    ck_assert_uint_eq(e->m.dport, 5062);
    ck_assert_int_eq(e->m.ts_sec, 1600000000);
    ck_assert_uint_eq(e->m.ts_nsec, 123456000);
    ck_assert(e->m.sip);
    ck_assert(memcmp(e->data, "OPTIONS ", 8) == 0);
    e = payload(&r, 1);
    ck_assert_str_eq(cap_transport_name(&e->m), "HEP3/TCP");
    ck_assert_str_eq(e->m.src, "[2001:db8::2]");
    ck_assert(memcmp(e->data, "SIP/2.0 200 OK", 14) == 0);
    ck_diag(&r, 3, CAP_ERROR, "HEP3 chunk 15");
    e = payload(&r, 2);
    ck_assert_uint_eq(e->m.frame, 4);
    ck_assert(!e->m.sip);
    rec_free(&r);
}
END_TEST

START_TEST(tunnels)
{
    struct rec r;
    run_file(&r, "synth-tunnels.pcap");
    ck_assert_uint_eq(r.st.sip, 4);
    ck_assert_str_eq(payload(&r, 0)->m.src, "10.1.0.1"); /* GRE, TEB */
    ck_assert_str_eq(payload(&r, 1)->m.src, "[2001:db8:1::1]"); /* GRE */
    ck_assert_str_eq(payload(&r, 2)->m.src, "[2001:db8:1::1]"); /* 6in4 */
    ck_assert_str_eq(payload(&r, 3)->m.src, "10.1.0.1");        /* 4in6 */
    ck_diag(&r, 5, CAP_ERROR, "RFC 1701");
    ck_assert_uint_eq(r.st.tunnels, 5);
    rec_free(&r);
}
END_TEST

START_TEST(snaplen_and_corrupt_headers)
{
    struct rec r;
    const struct ev *e;
    run_file(&r, "synth-snaplen-corrupt.pcap");
    e = payload(&r, 0);
    ck_assert_uint_eq(e->m.frame, 1);
    ck_assert(e->m.flags & CAP_F_CUT);
    ck_assert(e->m.sip);
    ck_assert_uint_eq(e->len, 200 - 14 - 20 - 8);
    ck_diag(&r, 2, CAP_ERROR, "IPv4 header length 16");
    ck_diag(&r, 3, CAP_ERROR, "UDP length 2000");
    ck_diag(&r, 4, CAP_ERROR, "IPv4 total length 1000");
    ck_diag(&r, 5, CAP_ERROR, "TCP data offset 12");
    ck_assert_uint_eq(r.st.bad_records, 4);
    ck_assert_uint_eq(payload(&r, 1)->m.frame, 6);
    /* The TCP segment cut by the snaplen: its captured part, a gap, and
     * the next message framed afresh. */
    e = payload(&r, 2);
    ck_assert_uint_eq(e->m.frame, 7);
    ck_assert_uint_eq(e->m.flags, CAP_F_START | CAP_F_MIDSTREAM | CAP_F_SYNC);
    ck_diag(&r, 7, CAP_WARNING, "snaplen");
    e = payload(&r, 3);
    ck_assert_uint_eq(e->m.frame, 8);
    ck_assert_uint_eq(e->m.flags, CAP_F_GAP | CAP_F_SYNC);
    ck_assert(memcmp(e->data, "OPTIONS ", 8) == 0);
    rec_free(&r);
}
END_TEST

START_TEST(nanoseconds)
{
    struct rec r;
    run_file(&r, "synth-nsec-be.pcap");
    ck_assert_int_eq(payload(&r, 0)->m.ts_sec, 1700000000);
    ck_assert_uint_eq(payload(&r, 0)->m.ts_nsec, 123456789);
    rec_free(&r);
    run_file(&r, "ndpi__sip_hello.pcapng"); /* microseconds in the file */
    ck_assert_uint_eq(payload(&r, 0)->m.ts_nsec % 1000, 0);
    rec_free(&r);
}
END_TEST

/* --- captures written here -------------------------------------------------- */

/* A pcap file of raw IPv4 packets (LINKTYPE_RAW), built in memory. */
struct pb {
    unsigned char *buf;
    size_t len, cap;
    uint32_t t;
};

static void pb_put(struct pb *b, const void *p, size_t n)
{
    if (b->len + n > b->cap) {
        while (b->len + n > b->cap)
            b->cap = b->cap ? 2 * b->cap : 65536;
        b->buf = realloc(b->buf, b->cap);
        ck_assert_ptr_nonnull(b->buf);
    }
    memcpy(b->buf + b->len, p, n);
    b->len += n;
}

static void pb_le32(struct pb *b, uint32_t v)
{
    unsigned char x[4] = {(unsigned char)v, (unsigned char)(v >> 8),
                          (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
    pb_put(b, x, 4);
}

static void pb_init(struct pb *b)
{
    static const unsigned char hdr[] = {0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0,
                                        0,    0,    0,    0,    0, 0, 0, 0,
                                        0xff, 0xff, 0,    0,    101, 0, 0, 0};
    memset(b, 0, sizeof *b);
    pb_put(b, hdr, sizeof hdr);
}

static void put16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)(v >> 8);
    p[1] = (unsigned char)v;
}

static void put32(unsigned char *p, uint32_t v)
{
    put16(p, v >> 16);
    put16(p + 2, v & 0xFFFF);
}

/* One IPv4 packet from 10.0.x.y to 10.1.0.1 (checksums left 0: the reader
 * does not verify them). */
static void pb_ip(struct pb *b, uint32_t host, unsigned proto, unsigned id,
                  unsigned frag, const unsigned char *l4, size_t n)
{
    unsigned char ip[20] = {0x45, 0};
    put16(ip + 2, (unsigned)(20 + n));
    put16(ip + 4, id);
    put16(ip + 6, frag);
    ip[8] = 64;
    ip[9] = (unsigned char)proto;
    ip[12] = 10;
    ip[13] = 0;
    ip[14] = (unsigned char)(host >> 8);
    ip[15] = (unsigned char)host;
    ip[16] = 10;
    ip[17] = 1;
    ip[19] = 1;
    pb_le32(b, b->t);
    pb_le32(b, 0);
    pb_le32(b, (uint32_t)(20 + n));
    pb_le32(b, (uint32_t)(20 + n));
    pb_put(b, ip, 20);
    pb_put(b, l4, n);
}

#define SYN 0x02u
#define FIN 0x01u
#define RST 0x04u
#define ACK 0x10u

static void pb_tcp(struct pb *b, uint32_t host, unsigned sport, uint32_t seq,
                   unsigned flags, const char *data, size_t n)
{
    static unsigned char seg[20 + 70000];
    memset(seg, 0, 20);
    put16(seg, sport);
    put16(seg + 2, 5060);
    put32(seg + 4, seq);
    seg[12] = 0x50;
    seg[13] = (unsigned char)flags;
    ck_assert_uint_le(n, sizeof seg - 20);
    if (n)
        memcpy(seg + 20, data, n);
    pb_ip(b, host, 6, 1, 0, seg, 20 + n);
}

static const char OPT[] = "OPTIONS sip:bob@example.com SIP/2.0\r\n"
                          "Content-Length: 0\r\n\r\n";

START_TEST(bound_tcp_flows)
{
    struct pb b;
    struct rec r;
    uint32_t i, n = CAP_TCP_MAX_FLOWS + 10;
    pb_init(&b);
    for (i = 0; i < n; i++)
        pb_tcp(&b, i, 1024 + (i % 60000), 1, ACK, OPT, sizeof OPT - 1);
    run_mem(&r, b.buf, b.len);
    ck_assert_uint_eq(r.st.tcp_flows, n);
    ck_assert_uint_eq(r.st.tcp_evicted, 10);
    ck_assert_uint_eq(r.st.sip, n);
    ck_assert_uint_eq(count_ends(&r), n); /* evicted ones ended at once */
    ck_diag(&r, CAP_TCP_MAX_FLOWS + 1, CAP_WARNING, "more than");
    rec_free(&r);
    free(b.buf);
}
END_TEST

START_TEST(bound_tcp_held)
{
    static char chunk[1400];
    struct pb b;
    struct rec r;
    uint32_t i, seq = 1000 + 5000; /* 5000 bytes never come */
    size_t total = 0;
    memset(chunk, 'a', sizeof chunk);
    pb_init(&b);
    pb_tcp(&b, 1, 4000, 1000 - 1, SYN, NULL, 0);
    for (i = 0; total < 2 * CAP_TCP_MAX_HELD; i++) {
        pb_tcp(&b, 1, 4000, seq, ACK, chunk, sizeof chunk);
        seq += sizeof chunk;
        total += sizeof chunk;
    }
    run_mem(&r, b.buf, b.len);
    /* The hole was given up while the capture went on, not only at its
     * end, and nothing was ever held past the bound. */
    ck_assert_uint_ge(r.st.tcp_gaps, 1);
    ck_assert_uint_le(r.st.held_bytes_peak, CAP_TCP_MAX_HELD + 8192);
    ck_assert_uint_ge(r.ndg, 1);
    ck_assert_ptr_nonnull(strstr(r.dg[0].text, "too much data"));
    ck_assert_uint_lt(r.dg[0].frame, r.st.records);
    ck_assert_uint_eq(r.st.tcp_gap_bytes, 5000);
    rec_free(&r);
    free(b.buf);
}
END_TEST

START_TEST(bound_fragments)
{
    static unsigned char data[64];
    struct pb b;
    struct rec r;
    unsigned i, n = CAP_FRAG_MAX_PENDING + 5;
    memset(data, 'f', sizeof data);
    pb_init(&b);
    for (i = 0; i < n; i++)
        pb_ip(&b, 7, 17, i, 0x2000, data, sizeof data); /* first fragments */
    run_mem(&r, b.buf, b.len);
    ck_assert_uint_eq(r.st.fragments, n);
    ck_assert_uint_eq(r.st.frag_dropped, 5);
    ck_assert_uint_eq(r.st.frag_timeout, CAP_FRAG_MAX_PENDING); /* the end */
    ck_diag(&r, CAP_FRAG_MAX_PENDING + 1, CAP_WARNING, "too many datagrams");
    ck_assert_uint_le(r.st.held_bytes_peak, CAP_FRAG_MAX_BYTES);
    rec_free(&r);
    free(b.buf);
}
END_TEST

START_TEST(tcp_syn_fin_rst)
{
    struct pb b;
    struct rec r;
    pb_init(&b);
    /* Flow 1: handshake, a message, FINs. */
    pb_tcp(&b, 1, 4000, 99, SYN, NULL, 0);
    pb_tcp(&b, 1, 4000, 100, ACK, OPT, sizeof OPT - 1);
    pb_tcp(&b, 1, 4000, 100 + (uint32_t)sizeof OPT - 1, FIN | ACK, NULL, 0);
    /* A late retransmission: recognised, not delivered again. */
    pb_tcp(&b, 1, 4000, 100, ACK, OPT, sizeof OPT - 1);
    /* The same ports again with a new SYN: a new flow. */
    b.t = 10;
    pb_tcp(&b, 1, 4000, 5000, SYN, NULL, 0);
    pb_tcp(&b, 1, 4000, 5001, ACK, OPT, sizeof OPT - 1);
    pb_tcp(&b, 1, 4000, 5001 + (uint32_t)sizeof OPT - 1, RST, NULL, 0);
    /* After the RST nothing is delivered for it. */
    pb_tcp(&b, 1, 4000, 5001, ACK, OPT, sizeof OPT - 1);
    run_mem(&r, b.buf, b.len);
    ck_assert_uint_eq(r.st.tcp_flows, 2);
    ck_assert_uint_eq(r.st.sip, 2);
    ck_assert_uint_eq(r.nev, 4); /* two payloads, two ENDs */
    ck_assert_uint_eq(r.ev[0].m.flow, 1);
    ck_assert_uint_eq(r.ev[0].m.flags, CAP_F_START | CAP_F_SYNC);
    ck_assert(r.ev[1].m.flags & CAP_F_END);
    ck_assert_uint_eq(r.ev[1].m.frame, 3);
    ck_assert_uint_eq(r.ev[2].m.flow, 2);
    ck_assert(r.ev[3].m.flags & CAP_F_END);
    ck_assert_uint_eq(r.ev[3].m.frame, 7);
    ck_assert_uint_eq(r.st.tcp_retrans, 2);
    rec_free(&r);
    free(b.buf);
}
END_TEST

START_TEST(tcp_every_split)
{
    /* One message cut into two segments at every byte, the second sent
     * first: always the same bytes, once each, in order. */
    size_t cut, n = sizeof OPT - 1;
    for (cut = 1; cut < n; cut++) {
        struct pb b;
        struct rec r;
        size_t k, got = 0;
        char out[sizeof OPT];
        pb_init(&b);
        pb_tcp(&b, 1, 4000, 99, SYN, NULL, 0);
        pb_tcp(&b, 1, 4000, 100 + (uint32_t)cut, ACK, OPT + cut, n - cut);
        pb_tcp(&b, 1, 4000, 100, ACK, OPT, cut);
        run_mem(&r, b.buf, b.len);
        for (k = 0; k < r.nev; k++) {
            if (r.ev[k].m.flags & CAP_F_END)
                continue;
            ck_assert(r.ev[k].m.sip);
            ck_assert_uint_le(got + r.ev[k].len, n);
            memcpy(out + got, r.ev[k].data, r.ev[k].len);
            got += r.ev[k].len;
        }
        ck_assert_uint_eq(got, n);
        ck_assert(memcmp(out, OPT, n) == 0);
        ck_assert_uint_eq(r.st.tcp_gaps, 0);
        rec_free(&r);
        free(b.buf);
    }
}
END_TEST

START_TEST(tcp_resync_line_split_everywhere)
{
    /* Mid-stream: junk, then a message whose start line is split at every
     * byte: the SIP part always starts at the message. */
    static const char junk[] = "tail of a body\r\n";
    char data[256];
    size_t jl = sizeof junk - 1, n = sizeof OPT - 1, cut;
    memcpy(data, junk, jl);
    memcpy(data + jl, OPT, n);
    for (cut = 1; cut < jl + n; cut++) {
        struct pb b;
        struct rec r;
        size_t k, sip = 0, not_sip = 0;
        pb_init(&b);
        pb_tcp(&b, 1, 4000, 100, ACK, data, cut);
        pb_tcp(&b, 1, 4000, 100 + (uint32_t)cut, ACK, data + cut,
               jl + n - cut);
        run_mem(&r, b.buf, b.len);
        for (k = 0; k < r.nev; k++) {
            if (r.ev[k].m.flags & CAP_F_END)
                continue;
            if (r.ev[k].m.sip) {
                if (sip == 0)
                    ck_assert(r.ev[k].m.flags & CAP_F_SYNC);
                sip += r.ev[k].len;
            } else {
                ck_assert_uint_eq(sip, 0);
                not_sip += r.ev[k].len;
            }
        }
        ck_assert_msg(sip == n && not_sip == jl, "cut %zu: %zu %zu", cut, sip,
                      not_sip);
        rec_free(&r);
        free(b.buf);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("capture");
    TCase *tc = tcase_create("recognise");
    tcase_add_test(tc, sniff_magic);
    tcase_add_test(tc, sniff_every_capture);
    tcase_add_test(tc, sip_rule);
    tcase_add_test(tc, open_errors);
    suite_add_tcase(s, tc);
    tc = tcase_create("public");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, public_counts);
    tcase_add_test(tc, gre_pptp_ppp);
    tcase_add_test(tc, ipv6_fragments_public);
    tcase_add_test(tc, truncated_file);
    tcase_add_test(tc, corrupt_file_goes_on);
    tcase_add_test(tc, http_on_sip_port_is_not_sip);
    suite_add_tcase(s, tc);
    tc = tcase_create("synthetic");
    tcase_add_test(tc, vlan_tags);
    tcase_add_test(tc, linux_sll2);
    tcase_add_test(tc, bsd_loopback);
    tcase_add_test(tc, ipv4_fragments);
    tcase_add_test(tc, ipv6_fragments);
    tcase_add_test(tc, tcp_reassembly);
    tcase_add_test(tc, hep3);
    tcase_add_test(tc, tunnels);
    tcase_add_test(tc, snaplen_and_corrupt_headers);
    tcase_add_test(tc, nanoseconds);
    suite_add_tcase(s, tc);
    tc = tcase_create("bounds");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, bound_tcp_flows);
    tcase_add_test(tc, bound_tcp_held);
    tcase_add_test(tc, bound_fragments);
    tcase_add_test(tc, tcp_syn_fin_rst);
    tcase_add_test(tc, tcp_every_split);
    tcase_add_test(tc, tcp_resync_line_split_everywhere);
    suite_add_tcase(s, tc);
    return tu_run(s);
}
