#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# sipwire: 'check --pcap' and 'json --pcap' over the captures of
# tests/data/pcap (issue 16, item 1), and the machine-readable
# diagnostics of --format=json (item 2), with their schema checked by jq
# over every file of tests/data and every capture of tests/data/pcap.
#
# Environment (exported by make check): SIPW_BUILDDIR, SIPW_TEST_DATA.
set -uo pipefail

NAME=cli-pcap
SIPW_TEST_DATA=${SIPW_TEST_DATA:-$(cd "$(dirname "$0")" && pwd)/data}
# shellcheck source=tests/tap.sh
. "$(dirname "$0")/tap.sh"

P=$SIPW_TEST_DATA/pcap

# --- check --pcap: the diagnostic names file, frame, time, addresses --------
run check --pcap "$P/pcapplusplus__sip_reqs.pcap"
want="$P/pcapplusplus__sip_reqs.pcap:frame 4 (2016-11-27T14:08:39.610514Z 10.0.2.15:5060 -> 10.0.2.20:5060):12:14: error: Content-Lengt: message ends before the empty line that closes the header section"
[ "$rc" -eq 1 ] && grep -qxF "$want" err
verdict "a diagnostic is 'FILE:frame N (TIME SRC -> DST):LINE:COL: error: ...'"
[ "$(head -n 1 out)" = "4 messages checked: 2 valid (1 with warnings), 2 invalid, 0 not SIP" ] &&
    [ "$(sed -n 2p out)" = "1 capture: 4 records, 0 with errors" ]
verdict "the summary is printed for --pcap without --summary"

run check --pcap "$P/sngrep__ipv6frag.pcap"
[ "$rc" -eq 1 ] && grep -q '^32 messages checked: 29 valid (0 with warnings), 3 invalid, 0 not SIP$' out &&
    grep -qF ':frame 27 (2022-03-22T05:20:30.389780Z [fd17:625c:f037:2:a00:27ff:feb9:4222]:25060 -> [fd17:625c:f037:2:a00:27ff:feb9:3519]:5062):4:90: error: To: ' err
verdict "IPv6 fragments: 32 messages reassembled, addresses in brackets"

run check --pcap "$P/ndpi__http_on_sip_port.pcap"
[ "$rc" -eq 0 ] && [ ! -s err ] && grep -q '^0 messages checked: 0 valid (0 with warnings), 0 invalid, 2 not SIP$' out
verdict "HTTP on port 5060: not SIP, counted, not an error (exit 0)"

# --- TCP: framed incrementally ------------------------------------------------
run json --pcap "$P/suricata-verify__sip-body-large__sip-body-large.pcap"
[ "$rc" -eq 0 ] && [ "$(wc -l <out)" -eq 2 ] &&
    jq -e -s '[.[] | .transport] == ["TCP", "TCP"] and [.[] | .frame] == [9, 11]
        and .[0].method == "INVITE" and .[1].status == 100' out >/dev/null
verdict "two TCP messages in 6 segments: two objects, at the frames that complete them (9, 11)"

run json --pcap "$P/suricata-verify__sip-tcp-method__sip-tcp.pcap"
[ "$rc" -eq 0 ] && jq -e -s 'length == 2 and .[0].method == "REGISTER" and .[0].frame == 6' out >/dev/null
verdict "a REGISTER in two TCP segments: one message at frame 6"

run check --pcap "$P/synth-tcp.pcap"
[ "$rc" -eq 0 ] && grep -q '^7 messages checked: 7 valid' out && grep -q 'frame 13 (.*): warning: TCP flow 1 direction 0: 258 bytes missing' err
verdict "synthetic TCP (reordering, overlap, gap): 7 messages, the gap a warning"

# --- json --pcap: the added keys -----------------------------------------------
run json --pcap "$P/synth-hep3.pcap"
[ "$rc" -eq 1 ] && jq -e -s 'length == 2 and .[0] == (.[0] + {frame: 1,
        time: "2020-09-13T12:26:40.123456Z", src: "192.0.2.1:5060",
        dst: "192.0.2.2:5062", transport: "HEP3/UDP", offset: 0})
        and .[1].transport == "HEP3/TCP" and .[1].src == "[2001:db8::2]:5060"' out >/dev/null
verdict "json --pcap: frame, time, src, dst, transport (HEP3: the addresses HEP carries)"

run json "$SIPW_TEST_DATA/valid/body-by-content-length.sip"
jq -e 'has("frame") | not' out >/dev/null
verdict "without --pcap the object has no capture keys (only keys added for captures)"

n_valid=0
n_obj=0
for f in "$P"/*.pcap "$P"/*.pcapng; do
    "$SIPWIRE" check --pcap --format=json "$f" >sum.out 2>/dev/null
    v=$(jq -r '.summary.valid' sum.out)
    "$SIPWIRE" json --pcap "$f" >obj.out 2>/dev/null
    o=$(wc -l <obj.out)
    n_valid=$((n_valid + v))
    n_obj=$((n_obj + o))
    if ! jq -e '(.frame | type == "number") and (.time | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\\.[0-9]{6}([0-9]{3})?Z$"))
            and (.src | test(":[0-9]+$")) and (.dst | test(":[0-9]+$"))
            and (.transport | IN("UDP", "TCP", "HEP3/UDP", "HEP3/TCP", "HEP3"))' obj.out >/dev/null 2>&1 &&
        [ -s obj.out ]; then
        echo "# bad capture keys in json --pcap $f" >&2
        n_obj=-1000000
    fi
done
[ "$n_obj" -eq "$n_valid" ] && [ "$n_valid" -gt 0 ]
verdict "every capture: one object per valid message ($n_obj), each with the capture keys"

# --- damaged captures: an error for the record, the scan goes on -------------------
run check --pcap "$P/sngrep__ipip-cut-mid-record.pcap"
[ "$rc" -eq 1 ] && grep -q ':frame 4: error: cannot read the record: truncated dump file' err &&
    grep -q '^3 messages checked: 3 valid' out
verdict "a capture cut mid-record: the 3 messages before it checked, an error for frame 4, exit 1"

run check --pcap "$P/synth-snaplen-corrupt.pcap" "$P/sngrep__ipip.pcap"
[ "$rc" -eq 1 ] && [ "$(grep -c ':frame [2-5] (2023-11-14T22:13:2[1-4].000000Z): error: ' err)" -eq 4 ] &&
    grep -q 'frame 1 (.*):5:3: warning: the capture.s snaplen cut this datagram' err &&
    grep -q 'sngrep__ipip.pcap:frame 4 (' err && grep -q '^2 captures: ' out
verdict "corrupt records: an error each, the scan and the next file go on"

printf 'not a capture at all\n' >plain.txt
run check --pcap plain.txt "$P/sngrep__ipip.pcap"
[ "$rc" -eq 2 ] && grep -q '^sipwire: plain.txt: cannot read it as a capture' err && grep -q '^4 messages checked' out
verdict "--pcap on a file that is not a capture: exit 2, named, the others still read"

STDIN=$P/sngrep__ipip.pcap run check --pcap -
[ "$rc" -eq 0 ] && grep -q '^<stdin>:frame 4 (' err && grep -q '^4 messages checked: 4 valid' out
verdict "--pcap - reads the capture from standard input"

run check --pcap --summary --format=json "$P/synth-tcp.pcap"
[ "$(wc -l <out)" -eq 1 ] && jq -e '.summary == (.summary + {messages: 7, valid: 7, with_warnings: 0, invalid: 0,
        not_sip: 2, captures: 1, records: 16, bad_records: 0})' out >/dev/null
verdict "--format=json: the summary is one JSON object on stdout"

# --- --format=json diagnostics: the schema, over everything -------------------------
# shellcheck disable=SC2016
schema='def maybe(t): . == null or type == t;
  (keys == ["code","column","dst","file","frame","header","line","reason","severity","src","time"])
  and (.file | maybe("string")) and (.frame | maybe("number"))
  and (.time | maybe("string")) and (.src | maybe("string")) and (.dst | maybe("string"))
  and (.line | maybe("number")) and (.column | maybe("number"))
  and ((.line == null) == (.column == null))
  and (.line == null or (.line >= 1 and .column >= 1))
  and (.severity == "error" or .severity == "warning")
  and (.code | type == "string" and test("^[A-Z][A-Z0-9_]*$"))
  and (.header | maybe("string")) and (.reason | maybe("string"))
  and ((.frame == null) or (.frame >= 1))
  and ((.src == null) == (.dst == null)) and (.src == null or .time != null)
  and (.time == null or .frame != null)
  and (.time == null or (.time | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{6}([0-9]{3})?Z$")))
  and (.src == null or (.src | test(":[0-9]+$")))'

mapfile -t data < <(find "$SIPW_TEST_DATA" -path "$P" -prune -o -type f \
    ! -name '*.md' ! -name '*.tsv' ! -name 'README*' -print | LC_ALL=C sort)
check_schema() { # check_schema DESC ARGS...: every stderr line passes
    local desc=$1 bad total
    shift
    rc=0
    "$SIPWIRE" "$@" >out 2>err </dev/null || rc=$?
    total=$(wc -l <err)
    if ! bad=$(jq -c "select(($schema) | not)" err 2>&1); then
        not_ok "$desc" "stderr is not JSON lines: $bad"
    elif [ -n "$bad" ]; then
        not_ok "$desc" "lines that fail the schema:" "$(printf '%s\n' "$bad" | head -n 5)"
    elif [ "$total" -eq 0 ]; then
        not_ok "$desc" "no diagnostic at all"
    else
        ok "$desc ($total diagnostics)"
    fi
}
check_schema "check --format=json over every file of tests/data: every line fits the schema" \
    check --format=json "${data[@]}"
check_schema "the same with --stream" check --stream --format=json "${data[@]}"
check_schema "json --format=json: the same diagnostics" json --format=json "${data[@]}"
check_schema "check --pcap --format=json over every capture of tests/data/pcap" \
    check --pcap --format=json "$P"/*.pcap "$P"/*.pcapng
check_schema "a file that cannot be read is a JSON diagnostic too" \
    check --format=json does-not-exist.sip

# The JSON and the text diagnostics are the same ones.
"$SIPWIRE" check "${data[@]}" 2>text.err >/dev/null
"$SIPWIRE" check --format=json "${data[@]}" 2>json.err >/dev/null
[ "$(wc -l <text.err)" -eq "$(wc -l <json.err)" ] &&
    [ "$(grep -c ': error: ' text.err)" -eq "$(jq -r 'select(.severity == "error") | 1' json.err | wc -l)" ]
verdict "--format=json gives as many diagnostics, and as many errors, as the text"

run check --format=json "$SIPW_TEST_DATA/rfc3665/3.9-unsuccessful-busy-F6.sip"
jq -e --arg f "$SIPW_TEST_DATA/rfc3665/3.9-unsuccessful-busy-F6.sip" '. == {file: $f, frame: null, time: null,
        src: null, dst: null, line: 1, column: 9, severity: "error", code: "ESTATUS",
        header: null, reason: "expected a three-digit status code"}' err >/dev/null
verdict "an error as JSON: line, column, code ESTATUS, header null"

run check --pcap --format=json "$P/sngrep__ipv6frag.pcap"
jq -e -s 'map(select(.frame == 27))[0] | .code == "EDUP" and .header == "To" and .line == 4
        and .column == 90 and .src == "[fd17:625c:f037:2:a00:27ff:feb9:4222]:25060"
        and .time == "2022-03-22T05:20:30.389780Z"' err >/dev/null
verdict "a capture error as JSON: frame, time, src, code EDUP, header To"

run check --pcap --format=json "$P/synth-snaplen-corrupt.pcap"
jq -e -s 'map(select(.frame == 2))[0] | .code == "ECAPTURE" and .line == null and .src == null
        and .time == "2023-11-14T22:13:21.000000Z"' err >/dev/null
verdict "a bad record as JSON: code ECAPTURE, its time, no position, no addresses"

tap_finish
