/* SPDX-License-Identifier: MIT */
/* sipwire tool: the capture reader, an internal module of the CLI (not
 * library API: only the sipwire program and its tests link libpcap).
 *
 * It reads a pcap or pcapng file once, record by record, with libpcap,
 * and hands the transport payloads it finds to a callback:
 *
 *   link layer  Ethernet (802.1Q / 802.1ad / QinQ tags, PPPoE), Linux cooked
 *               SLL and SLL2, raw IP (DLT_RAW, DLT_IPV4, DLT_IPV6), BSD
 *               loopback (DLT_NULL, DLT_LOOP, either byte order)
 *   IP          IPv4, IPv6 with its extension headers, fragments of both
 *               reassembled, IP-in-IP (4in4, 6in4, 4in6, 6in6), GRE
 *               (RFC 2784/2890 carrying IPv4, IPv6 or Ethernet; RFC 2637
 *               enhanced GRE carrying PPP)
 *   UDP         one delivery per datagram, after IP reassembly; a HEP v3
 *               datagram (Homer, heplify) is opened and its inner payload
 *               delivered instead
 *   TCP         each direction of each flow reassembled in sequence order
 *               and delivered as it becomes contiguous
 *
 * Each payload is classified as SIP or not by its content, never by its
 * port (cap_sip_check()). The reader does not frame or parse SIP: that is
 * the consumer's job (sipw_frame() on TCP data, sipw_msg_parse() on each
 * message).
 *
 * Memory is bounded whatever the file: the file is never loaded whole
 * (libpcap reads one record at a time), and what the reader holds between
 * records (IP fragments, out-of-order TCP data, TCP flows) is capped by
 * the CAP_* constants below. Going past a cap drops or flushes the oldest
 * state, reports it and goes on. Every problem with a record is reported
 * through the diagnostics callback with its frame number, and reading goes
 * on with the next record; only a record libpcap cannot read (a file cut
 * in the middle of a record, a corrupt block) ends the scan. */
#ifndef SIPW_CLI_CAPTURE_H
#define SIPW_CLI_CAPTURE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* --- bounds ------------------------------------------------------------ */

/* Link, VLAN and tunnel layers decoded in one record: deeper nesting is
 * reported as an error (a loop of tunnels is then no danger). */
#define CAP_MAX_ENCAP 8

/* IP reassembly (RFC 791 section 3.2, RFC 8200 section 4.5): datagrams
 * under reassembly at once, and the bytes their buffers may hold in all.
 * When a new datagram would pass either cap, the oldest pending one is
 * dropped (reported, counted in frag_dropped). */
#define CAP_FRAG_MAX_PENDING 256
#define CAP_FRAG_MAX_BYTES (8u << 20)
/* A datagram not complete this many seconds of capture time after its
 * first fragment is dropped (RFC 8200 section 4.5 says 60 seconds; RFC
 * 791 suggests 15; Linux waits 30, the middle ground kept here). */
#define CAP_FRAG_TIMEOUT 30
/* The largest reassembled payload (the 16-bit IPv4 total length; RFC
 * 8200: an IPv6 payload is at most 65535 bytes without jumbograms). */
#define CAP_FRAG_MAX_DATAGRAM 65535

/* TCP: flows followed at once; when a new one would pass the cap, the
 * least recently used flow is ended (its held data flushed as gaps). */
#define CAP_TCP_MAX_FLOWS 4096
/* Out-of-order data held for one direction of one flow, in bytes and in
 * segments, and for all flows together. Past a cap, the hole before the
 * held data is declared a gap. */
#define CAP_TCP_MAX_HELD (256u << 10)
#define CAP_TCP_MAX_HELD_SEGS 256
#define CAP_TCP_MAX_HELD_TOTAL (32u << 20)
/* A hole not filled this many seconds of capture time after data beyond
 * it arrived becomes a gap. */
#define CAP_TCP_HOLE_TIMEOUT 10
/* After a gap, or on a stream picked up in the middle, delivery resumes
 * only at a line that cap_sip_check() takes for a SIP start line. Such a
 * line may span segments: up to this many bytes of it are kept while
 * waiting for its end (a longer line is taken as not SIP). */
#define CAP_SIP_LINE_MAX 2048

/* Everything held between records stays under this: fragment buffers
 * and their bookkeeping (counted in CAP_FRAG_MAX_BYTES), held TCP
 * segments with their bookkeeping (CAP_TCP_MAX_HELD_TOTAL), and per flow
 * its state and two resync line buffers. fuzz/fuzz_capture.c checks it. */
#define CAP_MAX_HELD_TOTAL                                                     \
    ((uint64_t)CAP_FRAG_MAX_BYTES + CAP_TCP_MAX_HELD_TOTAL +                   \
     (uint64_t)CAP_TCP_MAX_FLOWS * (2u * CAP_SIP_LINE_MAX + 1024u))

/* Room for an address as text: "255.255.255.255" or "[v6 address]". */
#define CAP_ADDR_MAX 48

/* --- what is delivered ---------------------------------------------- */

enum cap_transport {
    CAP_T_UDP = 1, /* a UDP datagram's payload */
    CAP_T_TCP = 2, /* reassembled TCP data of one direction of a flow */
    CAP_T_HEP = 3  /* the payload inside a HEP v3 datagram (over UDP); the
                      addresses, ports and time are HEP's: those of the
                      packet the capture agent saw (hep_proto says UDP or
                      TCP) */
};

/* cap_meta.flags */
enum {
    /* TCP: the first data of this direction of this flow. */
    CAP_F_START = 1u << 0,
    /* TCP, with CAP_F_START: no SYN was seen (the capture began in the
     * middle of the connection), so data before this may be missing. */
    CAP_F_MIDSTREAM = 1u << 1,
    /* TCP: bytes are missing between the previous delivery of this
     * direction and this one (lost from the capture, or given up after a
     * CAP_* bound or timeout). What came before cannot be completed. */
    CAP_F_GAP = 1u << 2,
    /* TCP: the first SIP data after the start or a gap; it begins with a
     * line that looks like a SIP start line. Start framing afresh here. */
    CAP_F_SYNC = 1u << 3,
    /* TCP: this direction ended (FIN reached, RST, the flow given up, or
     * the end of the capture); data is NULL and len 0. Sent only for a
     * direction that delivered data. */
    CAP_F_END = 1u << 4,
    /* The record was cut by the capture's snaplen: only the captured part
     * of this datagram is delivered. */
    CAP_F_CUT = 1u << 5,
    /* The IP datagram was reassembled from fragments. */
    CAP_F_REASSEMBLED = 1u << 6
};

struct cap_meta {
    uint64_t frame;   /* 1-based record number, as tshark counts; for data
                         that was held, the record that completed it */
    int64_t ts_sec;   /* capture time: seconds since the epoch... */
    uint32_t ts_nsec; /* ...and nanoseconds */
    int ip_version;   /* 4 or 6 */
    char src[CAP_ADDR_MAX]; /* "192.0.2.1" or "[2001:db8::1]" */
    char dst[CAP_ADDR_MAX];
    uint16_t sport, dport;
    enum cap_transport transport;
    int hep_proto;    /* CAP_T_HEP: the IP protocol HEP names (17, 6...) */
    uint64_t flow;    /* CAP_T_TCP: the flow's id, 1-based, else 0 */
    int dir;          /* CAP_T_TCP: 0 from the side seen first (the SYN's
                         sender when there was one), 1 the other way */
    unsigned flags;   /* CAP_F_* */
    int sip;          /* 1: the payload is SIP (cap_sip_check()); for TCP,
                         the stream is in step with SIP start lines */
};

/* Diagnostics. An error is a problem with one record (corrupt or cut
 * headers, bad lengths): that record, or the part of it concerned, is
 * skipped. A warning is something lost on the way that was not the
 * record's fault (a TCP gap, a reassembly given up). A fatal error ends
 * the scan (libpcap cannot read on). */
enum cap_severity { CAP_WARNING, CAP_ERROR, CAP_FATAL };

struct cap_diag {
    uint64_t frame; /* the record concerned; 0: the file as a whole */
    int has_ts;       /* the record's time stamp is known: */
    int64_t ts_sec;   /* seconds since the epoch... */
    uint32_t ts_nsec; /* ...and nanoseconds */
    enum cap_severity severity;
    const char *text; /* one sentence, no "frame N:" prefix, no newline;
                         valid during the call only */
};

struct cap_handlers {
    /* Each payload, valid during the call only. data is NULL only for a
     * CAP_F_END event (len 0). May be NULL. */
    void (*on_payload)(void *ctx, const struct cap_meta *m,
                       const unsigned char *data, size_t len);
    /* Each problem. May be NULL. */
    void (*on_diag)(void *ctx, const struct cap_diag *d);
    void *ctx;
};

/* The counters of a scan (cap_stats()). */
struct cap_stats {
    uint64_t records;      /* records read */
    uint64_t bad_records;  /* records that got at least one error */
    uint64_t not_ip;       /* records or tunnels carrying no IP (ARP, LLDP,
                              a link type not decoded...) */
    uint64_t ip_packets;   /* IPv4 and IPv6 headers decoded, tunnelled ones
                              and fragments included */
    uint64_t ip_other;     /* IP packets of another protocol (ICMP, ESP...) */
    uint64_t tunnels;      /* IP-in-IP and GRE layers opened */
    uint64_t fragments;    /* IP fragments seen */
    uint64_t reassembled;  /* datagrams reassembled from them */
    uint64_t frag_dropped; /* fragments dropped: bad, overlapping (IPv6),
                              or evicted by the CAP_FRAG_* caps */
    uint64_t frag_timeout; /* fragments of datagrams that timed out or were
                              still incomplete at the end */
    uint64_t udp;          /* UDP datagrams */
    uint64_t tcp;          /* TCP segments */
    uint64_t tcp_flows;    /* TCP flows started */
    uint64_t tcp_out_of_order; /* segments that arrived ahead of a hole */
    uint64_t tcp_retrans;  /* segments whose data was all seen already */
    uint64_t tcp_overlap_bytes; /* bytes seen again (first copy kept) */
    uint64_t tcp_gaps;     /* holes given up on (CAP_F_GAP) */
    uint64_t tcp_gap_bytes;/* bytes missing in them */
    uint64_t tcp_evicted;  /* flows ended early by CAP_TCP_MAX_FLOWS */
    uint64_t hep;          /* HEP v3 datagrams decoded */
    uint64_t payloads;     /* payload callbacks, END events not counted */
    uint64_t sip;          /* of them SIP */
    uint64_t not_sip;      /* of them not SIP (payloads == sip + not_sip) */
    uint64_t sip_bytes;    /* bytes of the SIP payloads */
    uint64_t held_bytes;      /* bytes held right now between records */
    uint64_t held_bytes_peak; /* the most ever held (<= CAP_MAX_HELD_TOTAL) */
};

/* --- reading ------------------------------------------------------------ */

struct cap_reader;

/* Opens a capture file (pcap or pcapng, any byte order, micro- or
 * nanosecond time stamps; "-" is standard input). Returns NULL with a
 * message in err[0..errlen) when the file cannot be opened or is not a
 * capture libpcap reads. `h` is copied. */
struct cap_reader *cap_open(const char *path, const struct cap_handlers *h,
                            char *err, size_t errlen);

/* The same over an open stream, which the reader owns from then on
 * (closed by cap_close(), or here on failure): fmemopen() lets a buffer be
 * read this way. */
struct cap_reader *cap_open_fp(FILE *fp, const struct cap_handlers *h,
                               char *err, size_t errlen);

/* Reads and decodes the next record, calling the handlers. Returns 1 when
 * a record was read, 0 at the end of the file, -1 when libpcap could not
 * read on (reported as a CAP_FATAL diagnostic). After 0 or -1 everything
 * still held has been flushed (TCP gaps and END events, incomplete
 * fragments) and later calls return the same. */
int cap_next(struct cap_reader *r);

/* cap_next() until the end. Returns 0, or -1 after a fatal error. */
int cap_run(struct cap_reader *r);

/* The link type of the file (a DLT_ value) and its name ("EN10MB"). */
int cap_linktype(const struct cap_reader *r);
const char *cap_linktype_name(const struct cap_reader *r);

/* The counters so far. */
const struct cap_stats *cap_stats(const struct cap_reader *r);

/* Frees everything, without flushing (call cap_run() first for that). */
void cap_close(struct cap_reader *r);

/* The name of a transport for humans: "UDP", "TCP", "HEP3/UDP",
 * "HEP3/TCP", "HEP3" (another inner protocol). */
const char *cap_transport_name(const struct cap_meta *m);

/* --- recognising things ------------------------------------------------ */

enum cap_format {
    CAP_FMT_NONE = 0,
    CAP_FMT_PCAP,      /* pcap, microsecond time stamps (0xa1b2c3d4) */
    CAP_FMT_PCAP_NSEC, /* pcap, nanosecond time stamps (0xa1b23c4d) */
    CAP_FMT_PCAPNG     /* pcapng: a Section Header Block first */
};

/* Looks at the first bytes of a file: pcap (draft-ietf-opsawg-pcap
 * section 4: either byte order, micro- or nanosecond magic; also the
 * "modified" 0xa1b2cd34 libpcap reads) or pcapng (draft-ietf-opsawg-pcapng
 * section 4.1: block type 0x0A0D0D0A and the byte-order magic 0x1A2B3C4D,
 * either order, at offset 8). Needs 4 bytes for pcap, 12 for pcapng.
 * So that the tool can say "this looks like a capture: use --pcap". */
enum cap_format cap_sniff(const void *buf, size_t len);
const char *cap_format_name(enum cap_format f);

enum cap_sip { CAP_SIP_NO = 0, CAP_SIP_YES = 1, CAP_SIP_MORE = 2 };

/* Whether p[0..n) starts like a SIP message. The rule, cheap and by
 * content only (RFC 3261 section 7.1 start lines, with SIP-Version
 * compared ignoring case as section 7.1 allows):
 *   - any run of CR and LF bytes is skipped first (keep-alives, RFC 5626
 *     section 3.5.1, and the CRLFs RFC 3261 section 7.5 lets precede a
 *     message);
 *   - a Status-Line: "SIP/2.0" SP DIGIT;
 *   - a Request-Line: a token (RFC 3261 section 25.1, the Method) SP, a
 *     URI scheme (RFC 3986 section 3.1: ALPHA *(ALPHA / DIGIT / "+" / "-"
 *     / ".")) and ":", and the line, ended by LF (CRLF or a bare LF),
 *     ends in SP "SIP/2.0".
 * Nothing else is read: no header, no length. CAP_SIP_MORE means the
 * bytes so far fit the rule but end before it can decide (no line end
 * yet, at most CAP_SIP_LINE_MAX bytes into the line): a datagram is then
 * not SIP, a stream waits for more. */
enum cap_sip cap_sip_check(const void *p, size_t n);

#endif
