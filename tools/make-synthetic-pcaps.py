#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""sipwire: writes the synthetic captures of tests/data/pcap/ (synth-*.pcap).

    tools/make-synthetic-pcaps.py [OUTDIR]     (default tests/data/pcap)

Each file covers what the public captures lack: VLAN tags, SLL2, BSD
loopback, IPv4 and IPv6 fragments out of order, TCP with out-of-order
segments, a retransmission, an overlap, a gap, mid-stream pickup, HEP v3,
GRE and IP-in-IP variants, snaplen cuts and corrupt headers. The output is
deterministic (fixed time stamps), so running it again gives the same bytes;
tests/check_capture.c asserts what the capture reader finds in each file
(and tests/data/pcap/PROVENANCE.tsv says what each one holds).

Only the standard library: the pcap format (draft-ietf-opsawg-pcap) is a
24-byte file header and a 16-byte header per record.
"""
import os
import struct
import sys

T0 = 1700000000  # time stamps: seconds from here


# --- checksums and headers ------------------------------------------------

def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ip4(a):
    return bytes(int(x) for x in a.split("."))


def ip6(a):
    import ipaddress
    return ipaddress.IPv6Address(a).packed


def ipv4(src, dst, proto, payload, ident=1, frag=0, ihl=5, total=None):
    """An IPv4 header (RFC 791) before payload; frag is flags<<13 | offset/8."""
    tl = 4 * ihl + len(payload) if total is None else total
    h = struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, 0, tl, ident, frag, 64,
                    proto, 0, ip4(src), ip4(dst))
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return h + b"\0" * (4 * ihl - 20 if ihl > 5 else 0) + payload


def ipv6(src, dst, nh, payload):
    """An IPv6 header (RFC 8200) before payload (extension headers in it)."""
    return struct.pack("!IHBB16s16s", 6 << 28, len(payload), nh, 64,
                       ip6(src), ip6(dst)) + payload


def l4_csum(src, dst, proto, seg, v6):
    if v6:
        ph = ip6(src) + ip6(dst) + struct.pack("!I3xB", len(seg), proto)
    else:
        ph = ip4(src) + ip4(dst) + struct.pack("!xBH", proto, len(seg))
    return csum(ph + seg)


def udp(src, dst, sport, dport, payload, v6=False, length=None):
    ln = 8 + len(payload) if length is None else length
    seg = struct.pack("!HHHH", sport, dport, ln, 0) + payload
    c = l4_csum(src, dst, 17, seg, v6) or 0xFFFF
    return seg[:6] + struct.pack("!H", c) + seg[8:]


def udp4(src, dst, sport, dport, payload, **kw):
    return ipv4(src, dst, 17, udp(src, dst, sport, dport, payload), **kw)


def udp6(src, dst, sport, dport, payload):
    return ipv6(src, dst, 17, udp(src, dst, sport, dport, payload, v6=True))


FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10


def tcp(src, dst, sport, dport, seq, ack, flags, payload=b"", doff=5):
    seg = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF,
                      ack & 0xFFFFFFFF, doff << 4, flags, 65535, 0,
                      0) + payload
    c = l4_csum(src, dst, 6, seg, False)
    return seg[:16] + struct.pack("!H", c) + seg[18:]


def tcp4(src, dst, sport, dport, seq, ack, flags, payload=b"", doff=5):
    return ipv4(src, dst, 6, tcp(src, dst, sport, dport, seq, ack, flags,
                                 payload, doff))


MAC_A = bytes.fromhex("020000000001")
MAC_B = bytes.fromhex("020000000002")


def eth(etype, payload):
    return MAC_B + MAC_A + struct.pack("!H", etype) + payload


def eth4(pkt):
    return eth(0x0800, pkt)


def eth6(pkt):
    return eth(0x86DD, pkt)


# --- SIP messages -----------------------------------------------------------

def sip_request(method, uri, call_id, cseq, body=b"", via_host="192.0.2.10",
                transport="UDP"):
    head = ("%s %s SIP/2.0\r\n"
            "Via: SIP/2.0/%s %s:5060;branch=z9hG4bK%s%d\r\n"
            "Max-Forwards: 70\r\n"
            "From: <sip:alice@example.com>;tag=1928301774\r\n"
            "To: <sip:bob@example.com>\r\n"
            "Call-ID: %s\r\n"
            "CSeq: %d %s\r\n"
            "Content-Length: %d\r\n\r\n" %
            (method, uri, transport, via_host, method.lower(), cseq, call_id,
             cseq, method, len(body)))
    return head.encode() + body


def sip_response(code, reason, call_id, cseq, method, transport="UDP"):
    return ("SIP/2.0 %d %s\r\n"
            "Via: SIP/2.0/%s 192.0.2.10:5060;branch=z9hG4bK%s%d\r\n"
            "From: <sip:alice@example.com>;tag=1928301774\r\n"
            "To: <sip:bob@example.com>;tag=a6c85cf\r\n"
            "Call-ID: %s\r\n"
            "CSeq: %d %s\r\n"
            "Content-Length: 0\r\n\r\n" %
            (code, reason, transport, method.lower(), cseq, call_id, cseq,
             method)).encode()


SDP = (b"v=0\r\no=alice 2890844526 2890844526 IN IP4 192.0.2.10\r\n"
       b"s=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n"
       b"m=audio 49170 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n")


def options(n, **kw):
    return sip_request("OPTIONS", "sip:bob@example.com", "opt%d@example.com"
                       % n, n, **kw)


# --- writing ------------------------------------------------------------------

class Pcap:
    """A pcap file (draft-ietf-opsawg-pcap section 4)."""

    def __init__(self, linktype, snaplen=65535, nsec=False, big=False):
        self.bo = ">" if big else "<"
        self.nsec = nsec
        magic = 0xA1B23C4D if nsec else 0xA1B2C3D4
        self.out = struct.pack(self.bo + "IHHiIII", magic, 2, 4, 0, 0,
                               snaplen, linktype)
        self.snaplen = snaplen

    def add(self, t, data, frac=0, caplen=None):
        cap = min(len(data), self.snaplen) if caplen is None else caplen
        self.out += struct.pack(self.bo + "IIII", T0 + t, frac, cap,
                                len(data)) + data[:cap]

    def write(self, path):
        with open(path, "wb") as f:
            f.write(self.out)


def f_vlan(out):
    """Ethernet with 802.1Q, 802.1ad QinQ and 0x9100 tags; ARP; 802.3."""
    p = Pcap(1)
    sip4 = udp4("192.0.2.10", "192.0.2.20", 5060, 5060, options(1))
    sip6 = udp6("2001:db8::10", "2001:db8::20", 5060, 5060, options(2))
    sip4b = udp4("192.0.2.10", "192.0.2.20", 5060, 5060, options(3))
    p.add(0, eth(0x8100, struct.pack("!HH", 100, 0x0800) + sip4))
    p.add(1, eth(0x88A8, struct.pack("!HH", 200, 0x8100) +
                 struct.pack("!HH", 100, 0x86DD) + sip6))
    p.add(2, eth(0x9100, struct.pack("!HH", 300, 0x8100) +
                 struct.pack("!HH", 101, 0x0800) + sip4b))
    arp = struct.pack("!HHBBH", 1, 0x0800, 6, 4, 1) + MAC_A + ip4(
        "192.0.2.10") + b"\0" * 6 + ip4("192.0.2.20")
    p.add(3, eth(0x0806, arp))
    p.add(4, MAC_B + MAC_A + struct.pack("!H", 38) + b"\xaa\xaa\x03" +
          b"\0" * 35)
    p.write(os.path.join(out, "synth-vlan-qinq.pcap"))


def f_sll2(out):
    """Linux cooked v2 (LINKTYPE_LINUX_SLL2, 276)."""
    p = Pcap(276)

    def sll2(proto, pkt):
        return struct.pack("!HHIHBB8s", proto, 0, 2, 1, 0, 6,
                           MAC_A + b"\0\0") + pkt
    p.add(0, sll2(0x0800, udp4("192.0.2.10", "192.0.2.20", 5060, 5060,
                               options(1))))
    p.add(1, sll2(0x86DD, udp6("2001:db8::10", "2001:db8::20", 5060, 5060,
                               options(2))))
    p.add(2, b"\x08\x00\x00\x00\x00\x00\x00\x02\x00\x01")  # cut short
    p.write(os.path.join(out, "synth-sll2.pcap"))


def f_loopback(out):
    """BSD loopback: DLT_NULL in host order (little-endian here, and one
    record written big-endian), DLT_LOOP in network order."""
    sip4 = udp4("127.0.0.1", "127.0.0.1", 5060, 5062, options(1))
    sip6 = udp6("::1", "::1", 5060, 5062, options(2))
    sip6b = udp6("::1", "::1", 5062, 5060, options(3))
    p = Pcap(0)
    p.add(0, struct.pack("<I", 2) + sip4)
    p.add(1, struct.pack("<I", 30) + sip6)   # macOS AF_INET6
    p.add(2, struct.pack(">I", 24) + sip6b)  # NetBSD's, the other order
    p.add(3, struct.pack("<I", 7) + b"\0" * 20)  # another family
    p.write(os.path.join(out, "synth-null.pcap"))
    p = Pcap(108)
    p.add(0, struct.pack(">I", 2) + sip4)
    p.add(1, struct.pack(">I", 28) + sip6)  # FreeBSD AF_INET6
    p.write(os.path.join(out, "synth-loop.pcap"))


def frags4(src, dst, ident, payload, cuts):
    """IPv4 fragments of a UDP datagram, cut at the byte offsets given."""
    dgram = udp(src, dst, 5060, 5060, payload)
    edges = [0] + cuts + [len(dgram)]
    out = []
    for a, b in zip(edges, edges[1:]):
        more = 0x2000 if b < len(dgram) else 0
        out.append(ipv4(src, dst, 17, dgram[a:b], ident=ident,
                        frag=more | (a // 8)))
    return out


def f_ipv4_frag(out):
    """A datagram in three fragments out of order (last, first, first
    again, middle); one whose second fragment never comes (timed out by a
    datagram 40 s later); a fragment with MF whose size is not a multiple
    of 8."""
    p = Pcap(1)
    body = b"x" * 1000
    inv = sip_request("INVITE", "sip:bob@example.com", "frag1@example.com",
                      1, body)
    f = frags4("192.0.2.10", "192.0.2.20", 0x1234, inv, [480, 960])
    p.add(0, eth4(f[2]))
    p.add(0, eth4(f[0]))
    p.add(0, eth4(f[0]))
    p.add(0, eth4(f[1]))
    g = frags4("192.0.2.10", "192.0.2.20", 0x2345, inv, [480])
    p.add(1, eth4(g[0]))
    p.add(41, eth4(udp4("192.0.2.10", "192.0.2.20", 5060, 5060,
                        options(7))))
    bad = ipv4("192.0.2.10", "192.0.2.20", 17, b"y" * 100, ident=0x3456,
               frag=0x2000)
    p.add(42, eth4(bad))
    p.write(os.path.join(out, "synth-ipv4-frag.pcap"))


def f_ipv6_frag(out):
    """IPv6: a hop-by-hop header, then a Fragment header whose fragmentable
    part starts with a Destination Options header; two fragments, second
    first. Then two overlapping fragments (RFC 5722: dropped) and an atomic
    fragment (RFC 6946)."""
    p = Pcap(1)
    src, dst = "2001:db8::10", "2001:db8::20"
    body = b"z" * 900
    msg = sip_request("MESSAGE", "sip:bob@example.com", "frag6@example.com",
                      1, body)
    u = udp(src, dst, 5060, 5060, msg, v6=True)
    dstopts = struct.pack("!BB", 17, 0) + b"\x01\x04\0\0\0\0"  # PadN
    fragmentable = dstopts + u
    hop = struct.pack("!BB", 44, 0) + b"\x01\x04\0\0\0\0"

    def frag(nh_first, off, more, ident, data):
        return hop + struct.pack("!BBHI", nh_first, 0, off | more,
                                 ident) + data
    cut = 512
    f1 = frag(60, 0, 1, 0xABCD, fragmentable[:cut])
    f2 = frag(60, cut, 0, 0xABCD, fragmentable[cut:])
    p.add(0, eth6(ipv6(src, dst, 0, f2)))
    p.add(0, eth6(ipv6(src, dst, 0, f1)))
    o1 = frag(17, 0, 1, 0xBCDE, u[:64])
    o2 = frag(17, 48, 0, 0xBCDE, b"w" * 40)
    p.add(1, eth6(ipv6(src, dst, 0, o1)))
    p.add(1, eth6(ipv6(src, dst, 0, o2)))
    atomic = struct.pack("!BBHI", 17, 0, 0, 0xCDEF) + udp(
        src, dst, 5060, 5060, options(9), v6=True)
    p.add(2, eth6(ipv6(src, dst, 44, atomic)))
    p.write(os.path.join(out, "synth-ipv6-frag.pcap"))


def f_tcp(out):
    """TCP, flow 1 with its handshake: one message in three segments (the
    third before the second), a retransmission, two messages in one
    segment, an overlap whose second copy differs (the first wins), a lost
    segment (a gap, given up 11 s later) followed by the tail of the lost
    message and a whole one; then FINs. Flow 2, picked up mid-stream: the
    tail of a body and the start of a request line, the rest of the
    request in the next segment."""
    p = Pcap(1)
    c, s, cp, sp = "192.0.2.10", "192.0.2.20", 40000, 5060
    ci, si = 1000, 5000

    def cli(t, seq, flags, data=b""):
        p.add(t, eth4(tcp4(c, s, cp, sp, seq, si + 1, flags, data)))

    def srv(t, seq, flags, data=b""):
        p.add(t, eth4(tcp4(s, c, sp, cp, seq, ci + 1, flags, data)))

    m1 = sip_request("REGISTER", "sip:example.com", "reg1@example.com", 1,
                     transport="TCP")
    m2 = options(2, transport="TCP")
    m3 = sip_request("MESSAGE", "sip:bob@example.com", "msg3@example.com", 3,
                     b"Hello, Bob.", transport="TCP")
    m4 = options(4, transport="TCP")
    m5 = sip_request("MESSAGE", "sip:bob@example.com", "msg5@example.com", 5,
                     b"This body is partly lost.\r\n", transport="TCP")
    m6 = options(6, transport="TCP")
    cli(0, ci, SYN)                                   # 1
    srv(0, si, SYN | ACK)                             # 2
    cli(0, ci + 1, ACK)                               # 3
    seq = ci + 1
    a, b = 100, 200
    cli(1, seq, PSH | ACK, m1[:a])                    # 4 part 1
    cli(1, seq + b, PSH | ACK, m1[b:])                # 5 part 3, early
    cli(1, seq + a, PSH | ACK, m1[a:b])               # 6 part 2: M1 whole
    cli(1, seq, PSH | ACK, m1[:a])                    # 7 retransmission
    seq += len(m1)
    cli(2, seq, PSH | ACK, m2 + m3)                   # 8 two messages
    seq += len(m2) + len(m3)
    h = len(m4) // 2
    cli(3, seq, PSH | ACK, m4[:h])                    # 9
    cli(3, seq + h - 10, PSH | ACK, b"X" * 10 + m4[h:])  # 10 overlap
    seq += len(m4)
    lost = len(m5) - 20
    # the segment with m5[:lost] is never captured
    cli(4, seq + lost, PSH | ACK, m5[lost:] + m6)     # 11 after a hole
    srv(4, si + 1, PSH | ACK, sip_response(200, "OK", "reg1@example.com", 1,
                                           "REGISTER", "TCP"))  # 12
    seq += len(m5) + len(m6)
    cli(15, seq, FIN | ACK)                           # 13: hole times out
    srv(15, si + 1 + len(sip_response(200, "OK", "reg1@example.com", 1,
                                      "REGISTER", "TCP")), FIN | ACK)  # 14
    # flow 2: no handshake in the capture
    c2, cp2 = "192.0.2.30", 40001
    m7 = sip_request("INVITE", "sip:bob@example.com", "inv7@example.com", 7,
                     SDP, transport="TCP")
    first = SDP[-22:] + m7[:19]    # a body's tail, "INVITE sip:bob@exam"
    seq2 = 777777
    p.add(16, eth4(tcp4(c2, s, cp2, sp, seq2, 1, PSH | ACK, first)))  # 15
    p.add(16, eth4(tcp4(c2, s, cp2, sp, seq2 + len(first), 1, PSH | ACK,
                        m7[19:])))                                    # 16
    p.write(os.path.join(out, "synth-tcp.pcap"))


def hep3(chunks):
    body = b"".join(struct.pack("!HHH", 0, t, 6 + len(v)) + v
                    for t, v in chunks)
    return b"HEP3" + struct.pack("!H", 6 + len(body)) + body


def f_hep(out):
    """HEP v3 over UDP to port 9060: IPv4/UDP and IPv6/TCP inner packets,
    one with a chunk too long for the packet, one with a non-SIP payload."""
    p = Pcap(1)

    def send(t, payload):
        p.add(t, eth4(udp4("10.0.0.1", "10.0.0.2", 40000, 9060, payload)))
    msg = options(1)
    send(0, hep3([(1, b"\x02"), (2, b"\x11"), (3, ip4("192.0.2.1")),
                  (4, ip4("192.0.2.2")), (7, struct.pack("!H", 5060)),
                  (8, struct.pack("!H", 5062)),
                  (9, struct.pack("!I", 1600000000)),
                  (10, struct.pack("!I", 123456)), (11, b"\x01"),
                  (12, struct.pack("!I", 2001)), (14, b"secret"),
                  (15, msg)]))
    resp = sip_response(200, "OK", "opt1@example.com", 1, "OPTIONS")
    send(1, hep3([(1, b"\x0a"), (2, b"\x06"), (5, ip6("2001:db8::2")),
                  (6, ip6("2001:db8::1")), (7, struct.pack("!H", 5060)),
                  (8, struct.pack("!H", 5060)),
                  (9, struct.pack("!I", 1600000001)),
                  (10, struct.pack("!I", 0)), (15, resp)]))
    bad = bytearray(hep3([(1, b"\x02"), (15, msg)]))
    struct.pack_into("!H", bad, 6 + 7 + 4, 5000)  # payload chunk length
    send(2, bytes(bad))
    send(3, hep3([(1, b"\x02"), (2, b"\x11"), (3, ip4("192.0.2.1")),
                  (4, ip4("192.0.2.2")), (7, struct.pack("!H", 30000)),
                  (8, struct.pack("!H", 30001)),
                  (15, b"\x80\x00\x00\x01" + b"\0" * 8)]))
    p.write(os.path.join(out, "synth-hep3.pcap"))


def f_tunnels(out):
    """GRE with checksum, key and sequence carrying Ethernet (TEB); plain
    GRE carrying IPv6; IPv6 in IPv4 (6in4); IPv4 in IPv6 (4in6); GRE with
    the RFC 1701 routing bit (refused)."""
    p = Pcap(1)
    inner4 = udp4("10.1.0.1", "10.1.0.2", 5060, 5060, options(1))
    gre_ckks = struct.pack("!HH", 0xB000, 0x6558) + b"\0\0\0\0" + \
        struct.pack("!II", 42, 7)
    p.add(0, eth4(ipv4("192.0.2.1", "192.0.2.2", 47,
                       gre_ckks + eth4(inner4))))
    inner6 = udp6("2001:db8:1::1", "2001:db8:1::2", 5060, 5060, options(2))
    p.add(1, eth4(ipv4("192.0.2.1", "192.0.2.2", 47,
                       struct.pack("!HH", 0, 0x86DD) + inner6)))
    p.add(2, eth4(ipv4("192.0.2.1", "192.0.2.2", 41, inner6)))
    p.add(3, eth6(ipv6("2001:db8::1", "2001:db8::2", 4, inner4)))
    p.add(4, eth4(ipv4("192.0.2.1", "192.0.2.2", 47,
                       struct.pack("!HH", 0x4000, 0x0800) + inner4)))
    p.write(os.path.join(out, "synth-tunnels.pcap"))


def f_corrupt(out):
    """A snaplen of 200: a UDP datagram cut by it; then corrupt headers,
    each its own record, and valid records after them; a TCP segment cut
    by the snaplen (a gap), and the message after it."""
    p = Pcap(1, snaplen=200)
    big = sip_request("INVITE", "sip:bob@example.com", "cut@example.com", 1,
                      SDP)
    p.add(0, eth4(udp4("192.0.2.10", "192.0.2.20", 5060, 5060, big)))   # 1
    good = udp4("192.0.2.10", "192.0.2.20", 5060, 5060, b"\r\n\r\n")
    p.add(1, eth4(bytes([0x44]) + good[1:]))                            # 2
    p.add(2, eth4(ipv4("192.0.2.10", "192.0.2.20", 17,
                       udp("192.0.2.10", "192.0.2.20", 5060, 5060,
                           b"\r\n", length=2000))))                     # 3
    p.add(3, eth4(ipv4("192.0.2.10", "192.0.2.20", 17, good[20:],
                       total=1000)))                                    # 4
    p.add(4, eth4(tcp4("192.0.2.10", "192.0.2.20", 40000, 5060, 1, 1, ACK,
                       b"", doff=3)))                                   # 5
    p.add(5, eth4(udp4("192.0.2.10", "192.0.2.20", 5060, 5060,
                       b"SIP/2.0 180 Ringing\r\n\r\n")))                # 6
    m1 = options(1, transport="TCP")
    m2 = options(2, transport="TCP")
    p.add(6, eth4(tcp4("192.0.2.10", "192.0.2.20", 40002, 5060, 100, 1,
                       PSH | ACK, m1)))                                 # 7
    p.add(7, eth4(tcp4("192.0.2.10", "192.0.2.20", 40002, 5060,
                       100 + len(m1), 1, PSH | ACK, m2[:60])))          # 8
    p.write(os.path.join(out, "synth-snaplen-corrupt.pcap"))


def f_nsec(out):
    """Big-endian file header with the nanosecond magic."""
    p = Pcap(1, nsec=True, big=True)
    p.add(0, eth4(udp4("192.0.2.10", "192.0.2.20", 5060, 5060, options(1))),
          frac=123456789)
    p.write(os.path.join(out, "synth-nsec-be.pcap"))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data",
        "pcap")
    for f in (f_vlan, f_sll2, f_loopback, f_ipv4_frag, f_ipv6_frag, f_tcp,
              f_hep, f_tunnels, f_corrupt, f_nsec):
        f(out)


if __name__ == "__main__":
    main()
