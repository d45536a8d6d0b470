/* SPDX-License-Identifier: MIT */
/* sipwire tool, capture reader: IPv4 (RFC 791) and IPv6 (RFC 8200), and
 * the dispatch to the transport (or tunnel) they carry.
 *
 * Header checksums are not verified: captures taken on the sending host
 * hold packets whose checksums the network card fills in later, and
 * tshark does not verify them by default either. */
#include <string.h>

#include "capture-int.h"

#define IPPROTO_HOPOPTS_ 0
#define IPPROTO_IPIP_ 4 /* IPv4 inside (RFC 2003) */
#define IPPROTO_TCP_ 6
#define IPPROTO_UDP_ 17
#define IPPROTO_IPV6_ 41 /* IPv6 inside (RFC 2473, RFC 4213) */
#define IPPROTO_ROUTING_ 43
#define IPPROTO_FRAGMENT_ 44
#define IPPROTO_GRE_ 47
#define IPPROTO_ESP_ 50
#define IPPROTO_AH_ 51
#define IPPROTO_NONE_ 59
#define IPPROTO_DSTOPTS_ 60
#define IPPROTO_MH_ 135   /* Mobility header, RFC 6275 */
#define IPPROTO_HIP_ 139  /* RFC 7401 */
#define IPPROTO_SHIM6_ 140 /* RFC 5533 */

void cap_l4(struct cap_reader *r, const struct cap_pkt *pk, unsigned proto,
            const unsigned char *p, size_t n, size_t wire)
{
    switch (proto) {
    case IPPROTO_UDP_:
        cap_udp(r, pk, p, n, wire);
        return;
    case IPPROTO_TCP_:
        cap_tcp(r, pk, p, n, wire);
        return;
    case IPPROTO_IPIP_:
        r->st.tunnels++;
        cap_ip(r, p, n, pk->depth + 1, 4);
        return;
    case IPPROTO_IPV6_:
        r->st.tunnels++;
        cap_ip(r, p, n, pk->depth + 1, 6);
        return;
    case IPPROTO_GRE_:
        r->st.tunnels++;
        cap_gre(r, pk, p, n);
        return;
    default:
        r->st.ip_other++;
        return;
    }
}

/* The IP layer says `len` bytes follow, and `n` were captured. Returns
 * how many to decode, or 0 after reporting the packet as bad (cut by the
 * snaplen is no error of the packet's, so it decodes what is there and
 * marks it CAP_F_CUT). */
static size_t fit(struct cap_reader *r, struct cap_pkt *pk, const char *what,
                  size_t len, size_t n)
{
    if (len <= n)
        return len; /* n > len: link-layer padding or trailer, dropped */
    if (r->cut) {
        pk->flags |= CAP_F_CUT;
        return n;
    }
    cap_diag(r, CAP_ERROR, "%s length %zu exceeds the %zu bytes of the packet",
             what, len, n);
    return 0;
}

/* RFC 791 section 3.1. */
static void ipv4(struct cap_reader *r, const unsigned char *p, size_t n,
                 int depth)
{
    struct cap_pkt pk;
    size_t ihl, total, len;
    unsigned frag, proto;

    if (n < 20) {
        cap_diag(r, CAP_ERROR, "IPv4 header needs 20 bytes, %zu left%s", n,
                 r->cut ? " (cut by the snaplen)" : "");
        return;
    }
    ihl = (size_t)(p[0] & 0x0F) * 4;
    total = cap_be16(p + 2);
    if (ihl < 20) {
        cap_diag(r, CAP_ERROR, "IPv4 header length %zu is under 20", ihl);
        return;
    }
    /* A total length of 0 is what a capture on the sender shows for a
     * packet the network card segments (TSO): take what was captured, as
     * tshark does. */
    if (total == 0)
        total = n;
    if (total < ihl) {
        cap_diag(r, CAP_ERROR, "IPv4 total length %zu is under its header "
                 "length %zu", total, ihl);
        return;
    }
    memset(&pk, 0, sizeof pk);
    pk.ipv = 4;
    pk.depth = depth;
    len = fit(r, &pk, "IPv4 total", total, n);
    if (len == 0)
        return;
    if (len < ihl) {
        cap_diag(r, CAP_ERROR, "IPv4 header of %zu bytes cut by the snaplen",
                 ihl);
        return;
    }
    r->st.ip_packets++;
    memcpy(pk.src, p + 12, 4);
    memcpy(pk.dst, p + 16, 4);
    proto = p[9];
    frag = cap_be16(p + 6);
    /* Flags: reserved, DF, MF; then the offset in 8-byte units. */
    if (frag & 0x3FFFu) {
        struct cap_frag_in in;
        if (pk.flags & CAP_F_CUT) {
            r->st.fragments++;
            r->st.frag_dropped++;
            cap_diag(r, CAP_ERROR, "IPv4 fragment cut by the snaplen: not "
                     "reassembled");
            return;
        }
        in.proto = proto;
        in.id = cap_be16(p + 4);
        in.offset = (size_t)(frag & 0x1FFFu) * 8;
        in.more = (frag & 0x2000u) != 0;
        cap_frag(r, &pk, &in, p + ihl, len - ihl);
        return;
    }
    cap_l4(r, &pk, proto, p + ihl, len - ihl, total - ihl);
}

void cap_ip6_chain(struct cap_reader *r, const struct cap_pkt *pk,
                   unsigned nh, const unsigned char *p, size_t n,
                   size_t wire, int frag_ok)
{
    for (;;) {
        size_t hl;
        switch (nh) {
        case IPPROTO_HOPOPTS_:
        case IPPROTO_ROUTING_:
        case IPPROTO_DSTOPTS_:
        case IPPROTO_MH_:
        case IPPROTO_HIP_:
        case IPPROTO_SHIM6_:
            /* RFC 8200 section 4: Next Header, Hdr Ext Len in 8-octet
             * units not counting the first 8 (RFC 6564's uniform
             * format, which the later ones follow). */
            if (n < 2) {
                cap_diag(r, CAP_ERROR, "IPv6 extension header %u cut short",
                         nh);
                return;
            }
            hl = ((size_t)p[1] + 1) * 8;
            break;
        case IPPROTO_AH_:
            /* RFC 4302 section 2.2: Payload Len in 4-octet units, minus 2. */
            if (n < 2) {
                cap_diag(r, CAP_ERROR, "IPv6 AH header cut short");
                return;
            }
            hl = ((size_t)p[1] + 2) * 4;
            break;
        case IPPROTO_FRAGMENT_: {
            struct cap_frag_in in;
            unsigned off;
            if (n < 8) {
                cap_diag(r, CAP_ERROR, "IPv6 Fragment header cut short");
                return;
            }
            off = cap_be16(p + 2);
            in.proto = p[0];
            in.offset = off & 0xFFF8u; /* 13 bits in 8-octet units */
            in.more = off & 1u;
            in.id = cap_be32(p + 4);
            if (in.offset == 0 && !in.more) {
                /* An atomic fragment (RFC 6946): a whole packet. */
                nh = in.proto;
                p += 8;
                n -= 8;
                wire -= 8;
                continue;
            }
            if (!frag_ok) {
                cap_diag(r, CAP_ERROR, "IPv6 Fragment header inside a "
                         "reassembled packet");
                return;
            }
            if (pk->flags & CAP_F_CUT) {
                r->st.fragments++;
                r->st.frag_dropped++;
                cap_diag(r, CAP_ERROR, "IPv6 fragment cut by the snaplen: "
                         "not reassembled");
                return;
            }
            cap_frag(r, pk, &in, p + 8, n - 8);
            return;
        }
        case IPPROTO_ESP_:  /* encrypted: nothing to read */
        case IPPROTO_NONE_: /* RFC 8200 section 4.7 */
            r->st.ip_other++;
            return;
        default:
            cap_l4(r, pk, nh, p, n, wire);
            return;
        }
        if (hl > n) {
            cap_diag(r, CAP_ERROR, "IPv6 extension header %u of %zu bytes "
                     "exceeds the %zu left%s", nh, hl, n,
                     r->cut ? " (cut by the snaplen)" : "");
            return;
        }
        nh = p[0];
        p += hl;
        n -= hl;
        wire -= hl;
    }
}

/* RFC 8200 section 3. */
static void ipv6(struct cap_reader *r, const unsigned char *p, size_t n,
                 int depth)
{
    struct cap_pkt pk;
    size_t plen, len;

    if (n < 40) {
        cap_diag(r, CAP_ERROR, "IPv6 header needs 40 bytes, %zu left%s", n,
                 r->cut ? " (cut by the snaplen)" : "");
        return;
    }
    plen = cap_be16(p + 4);
    if (plen == 0) {
        /* A jumbogram (RFC 2675) or a TSO packet: neither carries SIP in
         * a capture worth reading. */
        cap_diag(r, CAP_ERROR, "IPv6 payload length 0 (jumbogram) is not "
                 "decoded");
        return;
    }
    memset(&pk, 0, sizeof pk);
    pk.ipv = 6;
    pk.depth = depth;
    len = fit(r, &pk, "IPv6 payload", plen, n - 40);
    if (len == 0)
        return;
    r->st.ip_packets++;
    memcpy(pk.src, p + 8, 16);
    memcpy(pk.dst, p + 24, 16);
    cap_ip6_chain(r, &pk, p[6], p + 40, len, plen, 1);
}

void cap_ip(struct cap_reader *r, const unsigned char *p, size_t n,
            int depth, int want)
{
    unsigned v;
    if (depth >= CAP_MAX_ENCAP) {
        cap_diag(r, CAP_ERROR, "more than %d nested tunnels", CAP_MAX_ENCAP);
        return;
    }
    if (n < 1) {
        cap_diag(r, CAP_ERROR, "IP packet missing%s",
                 r->cut ? " (cut by the snaplen)" : "");
        return;
    }
    v = p[0] >> 4;
    if (want && (int)v != want) {
        cap_diag(r, CAP_ERROR, "IPv%d expected, version field is %u", want,
                 v);
        return;
    }
    if (v == 4)
        ipv4(r, p, n, depth);
    else if (v == 6)
        ipv6(r, p, n, depth);
    else
        cap_diag(r, CAP_ERROR, "IP version %u is not 4 or 6", v);
}
