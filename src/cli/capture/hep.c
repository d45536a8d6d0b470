/* SPDX-License-Identifier: MIT */
/* sipwire tool, capture reader: HEP version 3, the encapsulation that
 * Homer's capture agents (heplify, captagent, Kamailio's siptrace,
 * OpenSIPS, FreeSWITCH) send to a collector, usually over UDP to port
 * 9060. It is recognised by content: "HEP3" and a total length that fits
 * the datagram.
 *
 * The HEP v3 specification (HEP3 Network Protocol Specification, sipcapture
 * project): the ASCII "HEP3", a 16-bit total length (the whole packet,
 * this header included), then chunks, each a 16-bit vendor id, a 16-bit
 * type, a 16-bit length (the chunk with its 6-byte header) and the value,
 * all in network byte order. Vendor 0 (generic) types read here:
 *    1 IP family (1 byte: 2 AF_INET, 10 AF_INET6)
 *    2 IP protocol (1 byte: 17 UDP, 6 TCP)
 *    3, 4 IPv4 source, destination; 5, 6 IPv6 source, destination
 *    7, 8 source, destination port (2 bytes)
 *    9 time stamp, seconds; 10 its microseconds (4 bytes each)
 *   15 the captured payload; 16 a compressed payload (not decoded)
 * Other chunks (protocol type, agent id, authentication key, correlation
 * id) and other vendors' chunks are skipped. The payload is delivered as
 * a datagram (CAP_T_HEP) with HEP's addresses, ports and time: those of
 * the packet the agent captured. A TCP payload is delivered as HEP sends
 * it, segment by segment: HEP carries no sequence numbers to reassemble
 * with. */
#include <string.h>

#include "capture-int.h"

enum {
    HEP_FAMILY = 1,
    HEP_PROTO = 2,
    HEP_SRC4 = 3,
    HEP_DST4 = 4,
    HEP_SRC6 = 5,
    HEP_DST6 = 6,
    HEP_SPORT = 7,
    HEP_DPORT = 8,
    HEP_TS_SEC = 9,
    HEP_TS_USEC = 10,
    HEP_PAYLOAD = 15,
    HEP_ZPAYLOAD = 16
};

int cap_hep_is(const unsigned char *p, size_t n)
{
    return n >= 6 && memcmp(p, "HEP3", 4) == 0;
}

struct hep {
    int family, proto;
    int have_src, have_dst, have_sport, have_dport, have_sec, have_usec;
    unsigned char src[16], dst[16];
    uint16_t sport, dport;
    uint32_t sec, usec;
    const unsigned char *payload;
    size_t plen;
    int compressed;
};

/* The size a generic chunk's value must have, 0 for any. */
static size_t value_size(unsigned type)
{
    switch (type) {
    case HEP_FAMILY:
    case HEP_PROTO: return 1;
    case HEP_SRC4:
    case HEP_DST4: return 4;
    case HEP_SRC6:
    case HEP_DST6: return 16;
    case HEP_SPORT:
    case HEP_DPORT: return 2;
    case HEP_TS_SEC:
    case HEP_TS_USEC: return 4;
    default: return 0;
    }
}

static void take(struct hep *h, unsigned type, const unsigned char *v,
                 size_t n)
{
    switch (type) {
    case HEP_FAMILY: h->family = v[0]; break;
    case HEP_PROTO: h->proto = v[0]; break;
    case HEP_SRC4: memcpy(h->src, v, 4); h->have_src = 4; break;
    case HEP_DST4: memcpy(h->dst, v, 4); h->have_dst = 4; break;
    case HEP_SRC6: memcpy(h->src, v, 16); h->have_src = 6; break;
    case HEP_DST6: memcpy(h->dst, v, 16); h->have_dst = 6; break;
    case HEP_SPORT: h->sport = (uint16_t)cap_be16(v); h->have_sport = 1; break;
    case HEP_DPORT: h->dport = (uint16_t)cap_be16(v); h->have_dport = 1; break;
    case HEP_TS_SEC: h->sec = cap_be32(v); h->have_sec = 1; break;
    case HEP_TS_USEC: h->usec = cap_be32(v); h->have_usec = 1; break;
    case HEP_PAYLOAD: h->payload = v; h->plen = n; break;
    case HEP_ZPAYLOAD: h->compressed = 1; break;
    default: break;
    }
}

/* Reads the chunks of p[6..total). Returns 0 after reporting a bad one. */
static int read_chunks(struct cap_reader *r, struct hep *h,
                       const unsigned char *p, size_t total)
{
    size_t pos = 6;
    while (pos < total) {
        unsigned vendor, type;
        size_t clen, want;
        if (total - pos < 6) {
            cap_diag(r, CAP_ERROR, "HEP3 chunk header cut short at byte %zu",
                     pos);
            return 0;
        }
        vendor = cap_be16(p + pos);
        type = cap_be16(p + pos + 2);
        clen = cap_be16(p + pos + 4);
        if (clen < 6 || clen > total - pos) {
            cap_diag(r, CAP_ERROR, "HEP3 chunk %u of length %zu does not fit "
                     "the %zu bytes left", type, clen, total - pos);
            return 0;
        }
        if (vendor == 0) {
            want = value_size(type);
            if (want && clen - 6 != want) {
                cap_diag(r, CAP_ERROR, "HEP3 chunk %u has %zu value bytes, "
                         "not %zu", type, clen - 6, want);
                return 0;
            }
            take(h, type, p + pos + 6, clen - 6);
        }
        pos += clen;
    }
    return 1;
}

void cap_hep(struct cap_reader *r, const struct cap_pkt *outer,
             const unsigned char *p, size_t n)
{
    struct hep h;
    struct cap_pkt pk;
    size_t total = cap_be16(p + 4);
    int ipv;

    if (total < 6 || total > n) {
        cap_diag(r, CAP_ERROR, "HEP3 length %zu does not fit the %zu bytes "
                 "of the datagram", total, n);
        return;
    }
    memset(&h, 0, sizeof h);
    if (!read_chunks(r, &h, p, total))
        return;
    ipv = h.family == 2 ? 4 : h.family == 10 ? 6 : 0;
    if (!ipv || h.have_src != ipv || h.have_dst != ipv || !h.have_sport ||
        !h.have_dport) {
        cap_diag(r, CAP_ERROR, "HEP3 packet without a usable IP family, "
                 "addresses and ports");
        return;
    }
    if (!h.payload) {
        if (h.compressed)
            cap_diag(r, CAP_WARNING, "HEP3 compressed payload not decoded");
        return; /* a keep-alive, or an empty payload */
    }
    r->st.hep++;
    memset(&pk, 0, sizeof pk);
    pk.ipv = ipv;
    memcpy(pk.src, h.src, sizeof pk.src);
    memcpy(pk.dst, h.dst, sizeof pk.dst);
    pk.depth = outer->depth + 1;
    pk.flags = outer->flags & CAP_F_REASSEMBLED;
    if (h.have_sec) {
        pk.has_ts = 1;
        pk.ts_sec = h.sec;
        pk.ts_nsec = h.have_usec && h.usec < 1000000u ? h.usec * 1000u : 0;
    }
    cap_datagram(r, &pk, CAP_T_HEP, h.proto, h.sport, h.dport, 0, h.payload,
                 h.plen);
}
