/* SPDX-License-Identifier: MIT */
/* sipwire tool, capture reader: reading the file with libpcap, one record
 * at a time, and the reporting and delivery every layer shares.
 *
 * libpcap reads both formats: pcap (draft-ietf-opsawg-pcap, the
 * tcpdump.org format) and pcapng (draft-ietf-opsawg-pcapng), and gives
 * time stamps at the precision asked for (nanoseconds here, whatever the
 * file holds). pcap_next_ex() reads one record into a buffer of its own,
 * sized by the snaplen and capped by libpcap, so a capture of any size is
 * read with bounded memory. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#include "capture-int.h"

/* --- reporting ------------------------------------------------------- */

void cap_diag(struct cap_reader *r, enum cap_severity sev, const char *fmt,
              ...)
{
    char text[512];
    struct cap_diag d;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (sev != CAP_WARNING && !r->rec_error) {
        r->rec_error = 1;
        if (r->frame > 0)
            r->st.bad_records++;
    }
    if (!r->h.on_diag)
        return;
    d.frame = r->frame;
    /* A record libpcap could not read has no time stamp of its own. */
    d.has_ts = r->frame > 0 && sev != CAP_FATAL;
    d.ts_sec = d.has_ts ? r->ts_sec : 0;
    d.ts_nsec = d.has_ts ? r->ts_nsec : 0;
    d.severity = sev;
    d.text = text;
    r->h.on_diag(r->h.ctx, &d);
}

/* --- delivering -------------------------------------------------------- */

static void addr_text(char *out, int ipv, const unsigned char *a)
{
    char buf[INET6_ADDRSTRLEN];
    if (ipv == 4) {
        if (!inet_ntop(AF_INET, a, out, CAP_ADDR_MAX))
            strcpy(out, "?");
        return;
    }
    if (!inet_ntop(AF_INET6, a, buf, sizeof buf))
        strcpy(buf, "?");
    snprintf(out, CAP_ADDR_MAX, "[%s]", buf);
}

void cap_meta_init(const struct cap_reader *r, struct cap_meta *m,
                   const struct cap_pkt *pk, enum cap_transport t,
                   uint16_t sport, uint16_t dport)
{
    memset(m, 0, sizeof *m);
    m->frame = r->frame;
    m->ts_sec = pk->has_ts ? pk->ts_sec : r->ts_sec;
    m->ts_nsec = pk->has_ts ? pk->ts_nsec : r->ts_nsec;
    m->ip_version = pk->ipv;
    addr_text(m->src, pk->ipv, pk->src);
    addr_text(m->dst, pk->ipv, pk->dst);
    m->sport = sport;
    m->dport = dport;
    m->transport = t;
    m->flags = pk->flags & (CAP_F_CUT | CAP_F_REASSEMBLED);
}

void cap_emit(struct cap_reader *r, const struct cap_meta *m,
              const unsigned char *data, size_t len)
{
    if (!(m->flags & CAP_F_END)) {
        r->st.payloads++;
        if (m->sip) {
            r->st.sip++;
            r->st.sip_bytes += len;
        } else {
            r->st.not_sip++;
        }
    }
    if (r->h.on_payload)
        r->h.on_payload(r->h.ctx, m, data, len);
}

void cap_hold(struct cap_reader *r, size_t n)
{
    r->st.held_bytes += n;
    if (r->st.held_bytes > r->st.held_bytes_peak)
        r->st.held_bytes_peak = r->st.held_bytes;
}

void cap_release(struct cap_reader *r, size_t n)
{
    r->st.held_bytes -= n <= r->st.held_bytes ? n : r->st.held_bytes;
}

const char *cap_transport_name(const struct cap_meta *m)
{
    switch (m->transport) {
    case CAP_T_UDP: return "UDP";
    case CAP_T_TCP: return "TCP";
    case CAP_T_HEP:
        return m->hep_proto == 17  ? "HEP3/UDP"
               : m->hep_proto == 6 ? "HEP3/TCP"
                                   : "HEP3";
    }
    return "?";
}

/* --- opening ------------------------------------------------------------ */

static struct cap_reader *reader_new(pcap_t *p, const struct cap_handlers *h,
                                     char *err, size_t errlen)
{
    struct cap_reader *r = calloc(1, sizeof *r);
    if (r) {
        r->frags = cap_frags_new();
        r->tcp = cap_tcp_new();
    }
    if (!r || !r->frags || !r->tcp) {
        if (r) {
            free(r->frags);
            free(r->tcp);
            free(r);
        }
        pcap_close(p);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    r->pcap = p;
    r->dlt = pcap_datalink(p);
    if (h)
        r->h = *h;
    return r;
}

struct cap_reader *cap_open(const char *path, const struct cap_handlers *h,
                            char *err, size_t errlen)
{
    char ebuf[PCAP_ERRBUF_SIZE] = "";
    pcap_t *p = pcap_open_offline_with_tstamp_precision(
        path, PCAP_TSTAMP_PRECISION_NANO, ebuf);
    if (!p) {
        snprintf(err, errlen, "%s", ebuf[0] ? ebuf : "cannot open");
        return NULL;
    }
    return reader_new(p, h, err, errlen);
}

struct cap_reader *cap_open_fp(FILE *fp, const struct cap_handlers *h,
                               char *err, size_t errlen)
{
    char ebuf[PCAP_ERRBUF_SIZE] = "";
    pcap_t *p = pcap_fopen_offline_with_tstamp_precision(
        fp, PCAP_TSTAMP_PRECISION_NANO, ebuf);
    if (!p) {
        fclose(fp); /* libpcap leaves it open when it fails */
        snprintf(err, errlen, "%s", ebuf[0] ? ebuf : "cannot open");
        return NULL;
    }
    return reader_new(p, h, err, errlen);
}

/* --- reading ------------------------------------------------------------ */

static void finish(struct cap_reader *r)
{
    if (r->done)
        return;
    r->done = 1;
    /* What is flushed now belongs to no record of its own. */
    r->rec_error = 1; /* nothing more to count as a bad record */
    r->cut = 0;
    cap_frags_flush(r);
    cap_tcp_flush(r);
}

int cap_next(struct cap_reader *r)
{
    struct pcap_pkthdr *hdr;
    const u_char *data;
    int rc;

    if (r->done)
        return r->done > 1 ? -1 : 0;
    rc = pcap_next_ex((pcap_t *)r->pcap, &hdr, &data);
    if (rc == 1) {
        r->frame++;
        r->st.records++;
        r->ts_sec = (int64_t)hdr->ts.tv_sec;
        r->ts_nsec = (uint32_t)hdr->ts.tv_usec; /* nanoseconds, as asked */
        r->cut = hdr->caplen < hdr->len;
        r->rec_error = 0;
        if (r->ts_nsec >= 1000000000u) {
            /* libpcap passes on what the file says; a fraction of a
             * second or more is carried into the seconds, before the
             * warning, which carries the record's (now valid) time. */
            unsigned long frac = (unsigned long)r->ts_nsec;
            r->ts_sec += r->ts_nsec / 1000000000u;
            r->ts_nsec %= 1000000000u;
            cap_diag(r, CAP_WARNING, "time stamp fraction %lu ns is a "
                     "second or more", frac);
        }
        cap_frags_expire(r);
        cap_link(r, data, hdr->caplen);
        return 1;
    }
    if (rc == PCAP_ERROR_BREAK) {
        finish(r);
        return 0;
    }
    /* libpcap cannot go on: a record cut short by the end of the file, a
     * record or block length it refuses. What is held is flushed first,
     * so that the fatal error is the last thing reported; it names the
     * record libpcap was at. */
    {
        char why[PCAP_ERRBUF_SIZE + 1];
        snprintf(why, sizeof why, "%s", pcap_geterr((pcap_t *)r->pcap));
        finish(r);
        r->done = 2;
        r->frame++;
        r->rec_error = 0;
        cap_diag(r, CAP_FATAL, "cannot read the record: %s", why);
    }
    return -1;
}

int cap_run(struct cap_reader *r)
{
    int rc;
    while ((rc = cap_next(r)) == 1)
        ;
    return rc;
}

int cap_linktype(const struct cap_reader *r)
{
    return r->dlt;
}

const char *cap_linktype_name(const struct cap_reader *r)
{
    const char *n = pcap_datalink_val_to_name(r->dlt);
    return n ? n : "unknown";
}

const struct cap_stats *cap_stats(const struct cap_reader *r)
{
    return &r->st;
}

void cap_close(struct cap_reader *r)
{
    if (!r)
        return;
    cap_tcp_free(r, r->tcp);
    cap_frags_free(r, r->frags);
    pcap_close((pcap_t *)r->pcap);
    free(r);
}

/* --- recognising a capture --------------------------------------------- */

enum cap_format cap_sniff(const void *buf, size_t len)
{
    const unsigned char *p = buf;
    uint32_t be, le;

    if (len < 4)
        return CAP_FMT_NONE;
    be = cap_be32(p);
    le = cap_le32(p);
    /* draft-ietf-opsawg-pcap section 4: the magic is written in the
     * writer's byte order, so read it both ways. */
    if (be == 0xA1B2C3D4u || le == 0xA1B2C3D4u || be == 0xA1B2CD34u ||
        le == 0xA1B2CD34u)
        return CAP_FMT_PCAP;
    if (be == 0xA1B23C4Du || le == 0xA1B23C4Du)
        return CAP_FMT_PCAP_NSEC;
    /* draft-ietf-opsawg-pcapng section 4.1: the Section Header Block's
     * type reads the same in both orders; its Byte-Order Magic follows
     * the Block Total Length. */
    if (be == 0x0A0D0D0Au && len >= 12 &&
        (cap_be32(p + 8) == 0x1A2B3C4Du || cap_le32(p + 8) == 0x1A2B3C4Du))
        return CAP_FMT_PCAPNG;
    return CAP_FMT_NONE;
}

const char *cap_format_name(enum cap_format f)
{
    switch (f) {
    case CAP_FMT_PCAP: return "pcap";
    case CAP_FMT_PCAP_NSEC: return "pcap (nanosecond)";
    case CAP_FMT_PCAPNG: return "pcapng";
    case CAP_FMT_NONE: break;
    }
    return "not a capture";
}
