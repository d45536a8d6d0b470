/* SPDX-License-Identifier: MIT */
/* sipwire tool, capture reader: GRE tunnels.
 *
 * Version 0 (RFC 2784, with RFC 2890's Key and Sequence Number): a 4-byte
 * header, then a checksum word when C is set, a key when K is, a sequence
 * number when S is. The protocol type is an EtherType: IPv4, IPv6, or
 * 0x6558, Transparent Ethernet Bridging, for a whole Ethernet frame.
 * RFC 1701's routing (R, strict source route, recursion control) is
 * refused, as RFC 2784 section 2.3 tells receivers to.
 *
 * Version 1 is PPTP's enhanced GRE (RFC 2637 section 4.1): K is always
 * set (payload length and call id), S and A (acknowledgment) optional, and
 * the payload is a PPP frame (protocol type 0x880B, link.c). */
#include "capture-int.h"

#define GRE_C 0x8000u
#define GRE_R 0x4000u
#define GRE_K 0x2000u
#define GRE_S 0x1000u
#define GRE_SSR 0x0800u
#define GRE_RECUR 0x0700u
#define GRE_A 0x0080u /* version 1 only */
#define GRE_VERSION 0x0007u

#define GRE_TEB 0x6558u
#define GRE_PPP 0x880Bu

void cap_gre(struct cap_reader *r, const struct cap_pkt *pk,
             const unsigned char *p, size_t n)
{
    unsigned flags, proto, version;
    size_t hl = 4;

    if (n < 4) {
        cap_diag(r, CAP_ERROR, "GRE header cut short (%zu bytes)", n);
        return;
    }
    flags = cap_be16(p);
    proto = cap_be16(p + 2);
    version = flags & GRE_VERSION;
    if (version == 0) {
        if (flags & (GRE_R | GRE_SSR | GRE_RECUR)) {
            cap_diag(r, CAP_ERROR, "GRE with RFC 1701 source routing "
                     "(flags 0x%04x) is not decoded", flags);
            return;
        }
        hl += (flags & GRE_C ? 4 : 0) + (flags & GRE_K ? 4 : 0) +
              (flags & GRE_S ? 4 : 0);
    } else if (version == 1) {
        if ((flags & (GRE_C | GRE_R | GRE_SSR | GRE_RECUR)) ||
            !(flags & GRE_K) || proto != GRE_PPP) {
            cap_diag(r, CAP_ERROR, "enhanced GRE (RFC 2637) with flags "
                     "0x%04x and protocol 0x%04x is not decoded", flags,
                     proto);
            return;
        }
        hl += 4 + (flags & GRE_S ? 4 : 0) + (flags & GRE_A ? 4 : 0);
    } else {
        cap_diag(r, CAP_ERROR, "GRE version %u is not decoded", version);
        return;
    }
    if (hl > n) {
        cap_diag(r, CAP_ERROR, "GRE header of %zu bytes exceeds the %zu "
                 "left", hl, n);
        return;
    }
    p += hl;
    n -= hl;
    if (pk->depth + 1 >= CAP_MAX_ENCAP) {
        cap_diag(r, CAP_ERROR, "more than %d nested tunnels", CAP_MAX_ENCAP);
        return;
    }
    switch (proto) {
    case 0x0800u:
        cap_ip(r, p, n, pk->depth + 1, 4);
        return;
    case 0x86DDu:
        cap_ip(r, p, n, pk->depth + 1, 6);
        return;
    case GRE_TEB:
        cap_ether(r, p, n, pk->depth + 1);
        return;
    case GRE_PPP:
        cap_ppp(r, p, n, pk->depth + 1);
        return;
    default:
        r->st.not_ip++;
        return;
    }
}
