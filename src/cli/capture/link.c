/* SPDX-License-Identifier: MIT */
/* sipwire tool, capture reader: link layers, down to the IP packet.
 *
 * The link-layer header types are those of tcpdump.org's LINKTYPE list
 * (draft-ietf-opsawg-pcaplinktype); libpcap hands them over as DLT_
 * values. Ethernet may carry 802.1Q tags and PPPoE sessions (RFC 2516). */
#include <pcap/pcap.h>

#include "capture-int.h"

/* IEEE 802.1Q customer tag, 802.1ad service tag (QinQ's outer tag), and
 * the pre-standard 0x9100 some switches still send for the outer tag. */
#define ETH_VLAN 0x8100u
#define ETH_QINQ 0x88A8u
#define ETH_QINQ_OLD 0x9100u
#define ETH_IPV4 0x0800u
#define ETH_IPV6 0x86DDu
#define ETH_PPPOE 0x8864u /* PPPoE session stage, RFC 2516 */
/* Values up to 1500 in the type field are an IEEE 802.3 length (an LLC
 * frame, never IP here); types start at 1536 (0x0600). */
#define ETH_MIN_TYPE 0x0600u

static void truncated(struct cap_reader *r, const char *what, size_t need,
                      size_t n)
{
    cap_diag(r, CAP_ERROR, "%s header needs %zu bytes, the record has %zu%s",
             what, need, n, r->cut ? " (cut by the snaplen)" : "");
}

/* PPP (RFC 1661 section 2): the address and control bytes FF 03 may be
 * there (HDLC-like framing, RFC 1662, as PPTP sends it) or left out
 * (ACFC, RFC 1661 section 6.6), and the protocol may be shortened to one
 * byte (PFC, section 6.5: a protocol's low byte is odd, its high byte
 * even). 0x0021 is IPv4, 0x0057 IPv6 (RFC 5072). */
void cap_ppp(struct cap_reader *r, const unsigned char *p, size_t n,
             int depth)
{
    unsigned proto;
    if (n >= 2 && p[0] == 0xFF && p[1] == 0x03) {
        p += 2;
        n -= 2;
    }
    if (n < 1)
        return; /* PPTP: an acknowledgment without payload */
    if (p[0] & 1) {
        proto = p[0];
        p += 1;
        n -= 1;
    } else {
        if (n < 2) {
            cap_diag(r, CAP_ERROR, "PPP protocol field cut short");
            return;
        }
        proto = cap_be16(p);
        p += 2;
        n -= 2;
    }
    if (proto == 0x0021)
        cap_ip(r, p, n, depth, 4);
    else if (proto == 0x0057)
        cap_ip(r, p, n, depth, 6);
    else
        r->st.not_ip++; /* LCP, IPCP, CCP... */
}

/* PPPoE session stage (RFC 2516 section 4): version and type (0x11), code
 * 0, session id, the length of the PPP payload, then PPP. */
static void pppoe(struct cap_reader *r, const unsigned char *p, size_t n,
                  int depth)
{
    size_t len;
    if (n < 6) {
        truncated(r, "PPPoE", 6, n);
        return;
    }
    if (p[0] != 0x11 || p[1] != 0x00) {
        cap_diag(r, CAP_ERROR, "PPPoE session header with version/type "
                 "0x%02x and code 0x%02x", p[0], p[1]);
        return;
    }
    len = cap_be16(p + 4);
    if (len > n - 6) {
        if (!r->cut) {
            cap_diag(r, CAP_ERROR, "PPPoE length %zu exceeds the %zu bytes "
                     "left", len, n - 6);
            return;
        }
        len = n - 6;
    }
    cap_ppp(r, p + 6, len, depth + 1);
}

void cap_ethertype(struct cap_reader *r, unsigned type,
                   const unsigned char *p, size_t n, int depth)
{
    int tags = 0;

    /* 802.1Q tags, any number of them (QinQ has two), each a 2-byte TCI
     * and the next EtherType. */
    while (type == ETH_VLAN || type == ETH_QINQ || type == ETH_QINQ_OLD) {
        if (++tags + depth > CAP_MAX_ENCAP) {
            cap_diag(r, CAP_ERROR, "more than %d VLAN tags and tunnels",
                     CAP_MAX_ENCAP);
            return;
        }
        if (n < 4) {
            truncated(r, "802.1Q tag", 4, n);
            return;
        }
        type = cap_be16(p + 2);
        p += 4;
        n -= 4;
    }
    if (type == ETH_IPV4)
        cap_ip(r, p, n, depth + tags, 4);
    else if (type == ETH_IPV6)
        cap_ip(r, p, n, depth + tags, 6);
    else if (type == ETH_PPPOE)
        pppoe(r, p, n, depth + tags);
    else
        r->st.not_ip++; /* ARP, LLDP, 802.3 LLC... */
}

void cap_ether(struct cap_reader *r, const unsigned char *p, size_t n,
               int depth)
{
    unsigned type;
    /* destination, source, EtherType (IEEE 802.3 clause 3.1.1); no FCS is
     * assumed: the IP length tells where the packet ends anyway. */
    if (n < 14) {
        truncated(r, "Ethernet", 14, n);
        return;
    }
    type = cap_be16(p + 12);
    if (type < ETH_MIN_TYPE) {
        r->st.not_ip++;
        return;
    }
    cap_ethertype(r, type, p + 14, n - 14, depth);
}

/* LINKTYPE_LINUX_SLL (113): packet type, ARPHRD type, address length,
 * 8 address bytes, then the protocol (an EtherType) at offset 14. */
static void linux_sll(struct cap_reader *r, const unsigned char *p, size_t n)
{
    if (n < 16) {
        truncated(r, "Linux cooked (SLL)", 16, n);
        return;
    }
    cap_ethertype(r, cap_be16(p + 14), p + 16, n - 16, 0);
}

/* LINKTYPE_LINUX_SLL2 (276): the protocol first, then reserved, the
 * interface index, ARPHRD type, packet type, address length and 8
 * address bytes: 20 bytes. */
static void linux_sll2(struct cap_reader *r, const unsigned char *p,
                       size_t n)
{
    if (n < 20) {
        truncated(r, "Linux cooked (SLL2)", 20, n);
        return;
    }
    cap_ethertype(r, cap_be16(p), p + 20, n - 20, 0);
}

/* LINKTYPE_NULL (0) and LINKTYPE_LOOP (108): a 4-byte address family.
 * NULL writes it in the byte order of the capturing host, LOOP in network
 * order, but writers get LOOP wrong too, so both are read either way: the
 * family is the smaller of the two readings (2 reads as 0x02000000 the
 * wrong way round). AF_INET is 2 everywhere; AF_INET6 is 10 (Linux), 24
 * (NetBSD, OpenBSD), 28 (FreeBSD, DragonFly) or 30 (macOS). */
static void bsd_loopback(struct cap_reader *r, const unsigned char *p,
                         size_t n)
{
    uint32_t be, le, fam;
    if (n < 4) {
        truncated(r, "BSD loopback", 4, n);
        return;
    }
    be = cap_be32(p);
    le = cap_le32(p);
    fam = be < le ? be : le;
    if (fam == 2)
        cap_ip(r, p + 4, n - 4, 0, 4);
    else if (fam == 10 || fam == 24 || fam == 28 || fam == 30)
        cap_ip(r, p + 4, n - 4, 0, 6);
    else
        r->st.not_ip++;
}

void cap_link(struct cap_reader *r, const unsigned char *p, size_t n)
{
    switch (r->dlt) {
    case DLT_EN10MB:
        cap_ether(r, p, n, 0);
        return;
    case DLT_LINUX_SLL:
        linux_sll(r, p, n);
        return;
    case DLT_LINUX_SLL2:
        linux_sll2(r, p, n);
        return;
    case DLT_RAW: /* LINKTYPE_RAW (101): the version nibble says which */
        cap_ip(r, p, n, 0, 0);
        return;
    case DLT_IPV4:
        cap_ip(r, p, n, 0, 4);
        return;
    case DLT_IPV6:
        cap_ip(r, p, n, 0, 6);
        return;
    case DLT_NULL:
    case DLT_LOOP:
        bsd_loopback(r, p, n);
        return;
    default:
        break;
    }
    r->st.not_ip++;
    if (!r->linktype_reported) {
        const char *name = pcap_datalink_val_to_name(r->dlt);
        r->linktype_reported = 1;
        cap_diag(r, CAP_WARNING,
                 "link type %d (%s) is not decoded: its records are skipped",
                 r->dlt, name ? name : "unknown");
    }
}
