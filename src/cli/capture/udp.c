/* SPDX-License-Identifier: MIT */
/* sipwire tool, capture reader: UDP (RFC 768), one delivery per
 * datagram. The checksum is not verified (see ip.c). */
#include "capture-int.h"

void cap_datagram(struct cap_reader *r, const struct cap_pkt *pk,
                  enum cap_transport t, int hep_proto, uint16_t sport,
                  uint16_t dport, unsigned flags, const unsigned char *p,
                  size_t n)
{
    struct cap_meta m;
    if (n == 0)
        return; /* nothing to deliver */
    cap_meta_init(r, &m, pk, t, sport, dport);
    m.hep_proto = hep_proto;
    m.flags |= flags;
    /* A datagram is whole: "more" means it ended too soon to be SIP. */
    m.sip = cap_sip_check(p, n) == CAP_SIP_YES;
    cap_emit(r, &m, p, n);
}

void cap_udp(struct cap_reader *r, const struct cap_pkt *pk,
             const unsigned char *p, size_t n, size_t wire)
{
    size_t ulen;
    unsigned flags = 0;
    uint16_t sport, dport;

    r->st.udp++;
    if (n < 8) {
        cap_diag(r, CAP_ERROR, "UDP header needs 8 bytes, %zu left%s", n,
                 n < wire ? " (cut by the snaplen)" : "");
        return;
    }
    sport = (uint16_t)cap_be16(p);
    dport = (uint16_t)cap_be16(p + 2);
    ulen = cap_be16(p + 4);
    if (ulen < 8) {
        cap_diag(r, CAP_ERROR, "UDP length %zu is under 8", ulen);
        return;
    }
    if (ulen > n) {
        if (n < wire && ulen <= wire) {
            flags |= CAP_F_CUT;
            ulen = n;
        } else {
            cap_diag(r, CAP_ERROR, "UDP length %zu exceeds the %zu bytes "
                     "of the IP payload", ulen, n);
            return;
        }
    }
    p += 8;
    ulen -= 8;
    if (!(flags & CAP_F_CUT) && cap_hep_is(p, ulen)) {
        cap_hep(r, pk, p, ulen);
        return;
    }
    cap_datagram(r, pk, CAP_T_UDP, 17, sport, dport, flags, p, ulen);
}
