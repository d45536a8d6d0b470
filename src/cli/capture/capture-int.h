/* SPDX-License-Identifier: MIT */
/* sipwire tool, capture reader: what its files share (not for
 * consumers: they include capture.h only).
 *
 * A record goes down the layers as function calls: pcap.c reads it and
 * calls link.c, which calls ip.c, which calls frag.c, gre.c, udp.c or
 * tcp.c; udp.c calls hep.c; every payload comes back up through
 * cap_emit() (pcap.c). Lengths are checked by the layer that reads them,
 * before use. */
#ifndef SIPW_CLI_CAPTURE_INT_H
#define SIPW_CLI_CAPTURE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "capture.h"

struct cap_frags; /* frag.c */
struct cap_tcp;   /* tcp.c */

/* The IP-level view of one packet: what the transport layers need. */
struct cap_pkt {
    int ipv;                    /* 4 or 6 */
    unsigned char src[16], dst[16];
    int depth;                  /* layers opened so far (CAP_MAX_ENCAP) */
    unsigned flags;             /* CAP_F_CUT, CAP_F_REASSEMBLED */
    int has_ts;                 /* HEP: its own time, not the record's */
    int64_t ts_sec;
    uint32_t ts_nsec;
};

struct cap_reader {
    void *pcap; /* pcap_t: kept opaque here so that only pcap.c needs
                   <pcap/pcap.h> */
    int dlt;
    int done;   /* the end was reached and everything flushed */
    int linktype_reported;
    struct cap_handlers h;
    struct cap_stats st;
    /* The record being decoded. */
    uint64_t frame;
    int64_t ts_sec;
    uint32_t ts_nsec;
    int cut;       /* caplen < len: the snaplen cut it */
    int rec_error; /* an error was reported for it */
    struct cap_frags *frags;
    struct cap_tcp *tcp;
};

/* --- pcap.c: reporting and delivering ------------------------------- */

void cap_diag(struct cap_reader *r, enum cap_severity sev, const char *fmt,
              ...) __attribute__((format(printf, 3, 4)));

/* A meta for pk with the record's frame and time (or HEP's), the
 * addresses as text and the ports; the caller sets the rest. */
void cap_meta_init(const struct cap_reader *r, struct cap_meta *m,
                   const struct cap_pkt *pk, enum cap_transport t,
                   uint16_t sport, uint16_t dport);

/* Hands one payload (or an END event: data NULL, len 0) to the consumer
 * and counts it. */
void cap_emit(struct cap_reader *r, const struct cap_meta *m,
              const unsigned char *data, size_t len);

/* Accounting of what is held between records (cap_stats.held_bytes). */
void cap_hold(struct cap_reader *r, size_t n);
void cap_release(struct cap_reader *r, size_t n);

/* --- link.c ------------------------------------------------------------ */

void cap_link(struct cap_reader *r, const unsigned char *p, size_t n);
/* An Ethernet frame (also inside GRE, RFC 1701 type 0x6558). */
void cap_ether(struct cap_reader *r, const unsigned char *p, size_t n,
               int depth);
/* What an EtherType (or an SLL protocol) announces. */
void cap_ethertype(struct cap_reader *r, unsigned type,
                   const unsigned char *p, size_t n, int depth);

/* A PPP frame (PPPoE, PPTP's GRE). */
void cap_ppp(struct cap_reader *r, const unsigned char *p, size_t n,
             int depth);

/* --- ip.c ------------------------------------------------------------- */

/* An IP packet; want is 4 or 6 when the layer below said which, else 0.
 * p[0..n) is what was captured of it. */
void cap_ip(struct cap_reader *r, const unsigned char *p, size_t n,
            int depth, int want);
/* The transport layer `proto` of pk: p[0..n) captured of the `wire`
 * bytes the IP header announces (n < wire only for a cut record). */
void cap_l4(struct cap_reader *r, const struct cap_pkt *pk, unsigned proto,
            const unsigned char *p, size_t n, size_t wire);
/* IPv6 headers from `nh` on (RFC 8200 section 4): extension headers
 * skipped, a Fragment header sent to reassembly unless frag_ok is 0. */
void cap_ip6_chain(struct cap_reader *r, const struct cap_pkt *pk,
                   unsigned nh, const unsigned char *p, size_t n,
                   size_t wire, int frag_ok);

/* --- frag.c ----------------------------------------------------------- */

struct cap_frag_in {
    unsigned proto;  /* IPv4: the protocol; IPv6: the Fragment header's
                        Next Header (used from the first fragment) */
    uint32_t id;
    size_t offset;   /* in bytes */
    int more;        /* the M / MF flag */
};
struct cap_frags *cap_frags_new(void);
void cap_frags_free(struct cap_reader *r, struct cap_frags *f);
/* One fragment's data p[0..n); calls cap_l4() or cap_ip6_chain() when it
 * completes a datagram. */
void cap_frag(struct cap_reader *r, const struct cap_pkt *pk,
              const struct cap_frag_in *in, const unsigned char *p,
              size_t n);
/* Drops the datagrams older than CAP_FRAG_TIMEOUT (once per record). */
void cap_frags_expire(struct cap_reader *r);
/* At the end: the datagrams still incomplete are reported and dropped. */
void cap_frags_flush(struct cap_reader *r);

/* --- gre.c ------------------------------------------------------------ */

void cap_gre(struct cap_reader *r, const struct cap_pkt *pk,
             const unsigned char *p, size_t n);

/* --- udp.c, hep.c ------------------------------------------------------ */

void cap_udp(struct cap_reader *r, const struct cap_pkt *pk,
             const unsigned char *p, size_t n, size_t wire);
/* Whether a UDP payload is a HEP v3 packet, and decoding one. */
int cap_hep_is(const unsigned char *p, size_t n);
void cap_hep(struct cap_reader *r, const struct cap_pkt *pk,
             const unsigned char *p, size_t n);
/* Classifies a datagram payload and delivers it (UDP and HEP). */
void cap_datagram(struct cap_reader *r, const struct cap_pkt *pk,
                  enum cap_transport t, int hep_proto, uint16_t sport,
                  uint16_t dport, unsigned flags, const unsigned char *p,
                  size_t n);

/* --- tcp.c ------------------------------------------------------------ */

struct cap_tcp *cap_tcp_new(void);
void cap_tcp_free(struct cap_reader *r, struct cap_tcp *t);
void cap_tcp(struct cap_reader *r, const struct cap_pkt *pk,
             const unsigned char *p, size_t n, size_t wire);
/* At the end: every flow's held data flushed, END events. */
void cap_tcp_flush(struct cap_reader *r);

/* --- sip.c ----------------------------------------------------------- */

/* cap_sip_check() of one line start, without skipping CR and LF first
 * (the TCP resync looks at each line on its own). */
enum cap_sip cap_sip_line(const unsigned char *p, size_t n);
/* Only CR and LF bytes (a keep-alive). */
int cap_sip_keepalive(const unsigned char *p, size_t n);

/* --- byte order --------------------------------------------------------- */

static inline unsigned cap_be16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static inline uint32_t cap_be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
           (uint32_t)p[2] << 8 | p[3];
}

static inline uint32_t cap_le32(const unsigned char *p)
{
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
           (uint32_t)p[1] << 8 | p[0];
}

#endif
