#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# sipwire: cross-checks the capture reader against tshark. For each
# capture of tests/data/pcap that carries SIP over UDP only, the number of
# SIP payloads tests/capture-dump finds must equal the number of frames
# `tshark -Y sip` shows (tshark shows a reassembled datagram in the frame
# that completes it, as the reader delivers it). The captures left out,
# and why the counts differ on them, are in src/cli/capture/README.md.
# Skipped (exit 77) when tshark is not installed.
#
# Environment (exported by make check): SIPW_BUILDDIR, SIPW_TEST_DATA.
set -uo pipefail

: "${SIPW_BUILDDIR:?}" "${SIPW_TEST_DATA:?}"
if ! command -v tshark >/dev/null 2>&1; then
    echo "1..0 # SKIP tshark is not installed (apt-get install tshark)"
    exit 77
fi
dump=$SIPW_BUILDDIR/tests/capture-dump
dir=$SIPW_TEST_DATA/pcap
# SIP over UDP only; expected difference (ours minus tshark's) where the
# README explains one.
files=(
    ndpi__sip_hello.pcapng:0 ndpi__gre.pcapng:0 heplify__ipip0.pcap:0
    sngrep__ipv6frag.pcap:0 pcapplusplus__sip_reqs.pcap:0
    zeek__sip-junk-before-request.pcap:0
    zeek__sip-long-request-response-paths.pcap:0
    zeek__invalid-content-length.pcap:0
    synth-vlan-qinq.pcap:0 synth-sll2.pcap:0 synth-null.pcap:0
    synth-loop.pcap:0 synth-ipv4-frag.pcap:0 synth-tunnels.pcap:0
    synth-nsec-be.pcap:0
    # tshark reassembles the overlapping IPv6 fragments RFC 5722 drops
    synth-ipv6-frag.pcap:-1
)
n=0
failed=0
for entry in "${files[@]}"; do
    f=${entry%%:*}
    delta=${entry##*:}
    n=$((n + 1))
    ours=$("$dump" -q "$dir/$f" 2>/dev/null | sed -n 's/.* sip=\([0-9]*\) .*/\1/p')
    theirs=$(tshark -n -r "$dir/$f" -Y sip 2>/dev/null | wc -l)
    if [ -n "$ours" ] && [ $((ours - theirs)) -eq "$delta" ]; then
        echo "ok $n - $f: $ours SIP payloads, tshark $theirs"
    else
        echo "not ok $n - $f: ${ours:-?} SIP payloads, tshark $theirs (expected a difference of $delta)"
        failed=$((failed + 1))
    fi
done
echo "1..$n"
[ "$failed" -eq 0 ]
