#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# sipwire: black-box tests of `sipwire fmt` (docs/canonical.md). Prints "ok N
# - ..." or "not ok N - ..." for each assertion and exits 1 if any failed.
#
# Environment (exported by make check): SIPW_BUILDDIR, SIPW_TEST_DATA.
set -uo pipefail

NAME=cli-fmt
# shellcheck source=tests/tap.sh
. "$(dirname "$0")/tap.sh"
DATA=${SIPW_TEST_DATA:-$(cd "$(dirname "$0")" && pwd)/data}
if [ ! -d "$DATA/rfc3665" ]; then
    echo "not ok 1 - no test data at $DATA (set SIPW_TEST_DATA)"
    echo "1..1"
    exit 1
fi

# --- every corpus file --------------------------------------------------------
corpus=()
for f in "$DATA"/rfc3665/*.sip "$DATA"/valid/*.sip "$DATA"/invalid/*.sip \
    "$DATA"/rfc4475/*.dat "$DATA"/rfc4475/extra/*.dat "$DATA"/rfc5118/*.dat \
    "$DATA"/rfc5118/crlf/*.sip; do
    [ -f "$f" ] && corpus+=("$f")
done
nvalid=0
mismatch=()
notcanon=()
: >each.out
rm -rf canon && mkdir canon
canon_src=()
for f in "${corpus[@]}"; do
    crc=0
    "$SIPWIRE" check "$f" >/dev/null 2>check.err || crc=$?
    frc=0
    "$SIPWIRE" fmt "$f" >one.out 2>one.err || frc=$?
    if [ "$crc" -eq 0 ]; then
        nvalid=$((nvalid + 1))
        # The output is one valid message, and its own canonical form:
        # checked below for all of them in two runs, file by file only
        # when those fail (a process each costs seconds under ASan).
        [ -s one.out ] || notcanon+=("$f: fmt printed nothing")
        cp one.out "canon/$(printf %04d "$nvalid").sip"
        canon_src+=("$f")
    elif [ -s one.out ]; then
        mismatch+=("$f: invalid, but fmt printed something")
    fi
    if [ "$frc" -ne "$crc" ] || ! cmp -s check.err one.err; then
        mismatch+=("$f: check exit $crc, fmt exit $frc, or different stderr")
    fi
    cat one.out >>each.out
done
cat canon/*.sip >canon.all
if ! "$SIPWIRE" check canon/*.sip >/dev/null 2>&1 ||
    ! "$SIPWIRE" fmt canon/*.sip >two.out 2>/dev/null || ! cmp -s canon.all two.out; then
    i=0
    for c in canon/*.sip; do
        "$SIPWIRE" check "$c" >/dev/null 2>&1 && "$SIPWIRE" fmt "$c" >two.out 2>/dev/null &&
            cmp -s "$c" two.out || notcanon+=("${canon_src[$i]}")
        i=$((i + 1))
    done
    [ "${#notcanon[@]}" -gt 0 ] || notcanon+=("(the runs over all of them failed)")
fi
if [ "${#mismatch[@]}" -eq 0 ]; then
    ok "${#corpus[@]} corpus files: fmt exits like check, with the same stderr; nothing printed for an invalid one"
else
    not_ok "${#corpus[@]} corpus files: fmt exits like check, with the same stderr; nothing printed for an invalid one" \
        "${mismatch[@]:0:20}"
fi
if [ "${#notcanon[@]}" -eq 0 ] && [ "$nvalid" -ge 240 ]; then
    ok "$nvalid valid corpus messages: each output is valid and fmt | fmt == fmt"
else
    not_ok "$nvalid valid corpus messages: each output is valid and fmt | fmt == fmt" \
        "${notcanon[@]:0:20}" "(want at least 240 valid messages)"
fi

run fmt "${corpus[@]}"
[ "$rc" -eq 1 ] && cmp -s out each.out
verdict "all corpus files in one run: exit 1, the same output in order"

# The whole output as a stream: every message frames, is valid, and is
# already canonical.
STDIN=each.out run check --stream --summary
[ "$rc" -eq 0 ] && grep -q "^$nvalid messages checked: $nvalid valid (.*), 0 invalid" out
verdict "the $nvalid canonical forms back to back are a valid stream"
STDIN=each.out run fmt --stream
[ "$rc" -eq 0 ] && cmp -s out each.out
verdict "fmt --stream of that stream gives it back byte for byte"

# --- exact output ---------------------------------------------------------------
crlf "OPTIONS sip:carol@chicago.example.com sip/2.0" \
    "v: SIP / 2.0 / udp pc33.atlanta.example.com ; branch = z9hG4bKhjhs8ass877, SIP/2.0/TCP p2.example.com:05060" \
    "MAX-FORWARDS: 0070" \
    "t: sip:carol@chicago.example.com" \
    "f: Alice <sip:alice@atlanta.example.com>;tag=1928301774" \
    "i: a84b4c76e66710@pc33.atlanta.example.com" \
    "CSeq: 00063104 OPTIONS" \
    "Route: <sip:p1.example.com;lr>,<sip:p2.example.com;lr>" \
    "Subject: folded" \
    " subject" \
    "X-Custom: kept  as  is" \
    "" >in.sip
crlf "OPTIONS sip:carol@chicago.example.com SIP/2.0" \
    "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKhjhs8ass877" \
    "Via: SIP/2.0/TCP p2.example.com:5060" \
    "Max-Forwards: 70" \
    "To: <sip:carol@chicago.example.com>" \
    'From: "Alice" <sip:alice@atlanta.example.com>;tag=1928301774' \
    "Call-ID: a84b4c76e66710@pc33.atlanta.example.com" \
    "CSeq: 63104 OPTIONS" \
    "Route: <sip:p1.example.com;lr>" \
    "Route: <sip:p2.example.com;lr>" \
    "Subject: folded subject" \
    "X-Custom: kept  as  is" \
    "Content-Length: 0" \
    "" >want.sip
run fmt in.sip
[ "$rc" -eq 0 ] && [ ! -s err ] && cmp -s out want.sip
verdict "canonical form: long names, one Via and Route value per line, no LWS in parameters, quoted display name, folds unfolded, Content-Length added"

crlf "OPTIONS sip:carol@chicago.example.com SIP/2.0" \
    "v: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKhjhs8ass877" \
    "v: SIP/2.0/TCP p2.example.com:5060" \
    "Max-Forwards: 70" \
    "t: <sip:carol@chicago.example.com>" \
    'f: "Alice" <sip:alice@atlanta.example.com>;tag=1928301774' \
    "i: a84b4c76e66710@pc33.atlanta.example.com" \
    "CSeq: 63104 OPTIONS" \
    "Route: <sip:p1.example.com;lr>" \
    "Route: <sip:p2.example.com;lr>" \
    "s: folded subject" \
    "X-Custom: kept  as  is" \
    "l: 0" \
    "" >want-compact.sip
run fmt --compact in.sip
[ "$rc" -eq 0 ] && cmp -s out want-compact.sip
verdict "--compact: compact names where a header has one, long names otherwise"
cp out compact.sip
run fmt compact.sip
[ "$rc" -eq 0 ] && cmp -s out want.sip
verdict "fmt of the compact form is the canonical form"

# A body, and a message without Content-Length.
{
    crlf "MESSAGE sip:user2@domain.com SIP/2.0" \
        "Via: SIP/2.0/TCP user1pc.domain.com;branch=z9hG4bK776sgdkse" \
        "Max-Forwards: 70" \
        "From: sip:user1@domain.com;tag=49583" \
        "To: sip:user2@domain.com" \
        "Call-ID: asd88asd77a@1.2.3.4" \
        "CSeq: 1 MESSAGE" \
        "Content-Type: text/plain" \
        ""
    printf 'Watson, come here.'
} >nocl.sip
run fmt nocl.sip
grep -q $'^Content-Length: 18\r$' out && [ "$(tail -c 18 out)" = "Watson, come here." ]
verdict "no Content-Length: the line is added from the body, the body follows"

# --- errors as check reports them ------------------------------------------------
crlf "SIP/2.0  486 Busy Here" \
    "Via: SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK74bf9" \
    "From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl" \
    "To: Bob <sip:bob@biloxi.example.com>;tag=314159" \
    "Call-ID: 3848276298220188511@atlanta.example.com" \
    "CSeq: 1 INVITE" \
    "Content-Length: 0" \
    "" >busy.sip
run fmt busy.sip
[ "$rc" -eq 1 ] && [ ! -s out ] &&
    [ "$(cat err)" = "busy.sip:1:9: error: expected a three-digit status code" ]
verdict "an invalid message: exit 1, nothing on stdout, the check diagnostic"

run fmt in.sip busy.sip in.sip
[ "$rc" -eq 1 ] && cmp -s out <(cat want.sip want.sip) && [ "$(wc -l <err)" -eq 1 ]
verdict "valid, invalid, valid: exit 1, both valid ones printed, one error"

grep -vi '^Max-Forwards' in.sip >nomf.sip
run fmt nomf.sip
[ "$rc" -eq 0 ] && grep -q '^nomf.sip:1:1: warning: request has no Max-Forwards' err &&
    ! grep -q '^Max-Forwards' out
verdict "a warning: exit 0, the warning on stderr, the message printed"

# --lenient as check has it: the leniently accepted line is written as
# it stands, so only a lenient reader takes the output back.
len=$DATA/rfc3665/2.2-update-of-contact-list-F1.sip
c1=0; "$SIPWIRE" check "$len" >/dev/null 2>&1 || c1=$?
c2=0; "$SIPWIRE" check --lenient "$len" >/dev/null 2>lenient.err || c2=$?
run fmt "$len"
f1=$rc
run fmt --lenient "$len"
cp out lenient.sip
[ "$c1" -eq 1 ] && [ "$f1" -eq 1 ] && [ "$c2" -eq 0 ] && [ "$rc" -eq 0 ] &&
    cmp -s err lenient.err && grep -q 'qop="auth"' lenient.sip
verdict "--lenient: exit status and warning as check --lenient; the quoted qop kept"
run fmt --lenient lenient.sip
[ "$rc" -eq 0 ] && cmp -s out lenient.sip
verdict "--lenient output is its own canonical form"

# A message whose canonical form goes past SIPW_MAX_HEADERS lines: 1100
# Route values on one line parse, but would be 1100 Route lines.
{
    printf 'OPTIONS sip:bob@example.com SIP/2.0\r\n'
    printf 'Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n'
    printf 'To: <sip:bob@example.com>\r\nFrom: <sip:a@example.com>;tag=1\r\n'
    printf 'Call-ID: c@h\r\nCSeq: 1 OPTIONS\r\nRoute: <sip:p0.example.com;lr>'
    for i in $(seq 1 1099); do printf ',<sip:p%d.example.com;lr>' "$i"; done
    printf '\r\nContent-Length: 0\r\n\r\n'
} >routes.sip
run check routes.sip
crc=$rc
run fmt routes.sip
[ "$crc" -eq 0 ] && [ "$rc" -eq 1 ] && [ ! -s out ] &&
    [ "$(cat err)" = "routes.sip:8:1: error: Route: more than 1024 header lines" ]
verdict "a valid message too long in canonical form: exit 1, error at its Route line"

# --- standard input, streams, usage -------------------------------------------------
STDIN=in.sip run fmt
[ "$rc" -eq 0 ] && cmp -s out want.sip
verdict "no FILE: standard input"
STDIN=in.sip run fmt -
[ "$rc" -eq 0 ] && cmp -s out want.sip
verdict "'-': standard input"

{ printf '\r\n'; cat want.sip; printf '\r\n\r\n'; cat compact.sip; cat nocl.sip; } >stream.sip
run check --stream stream.sip
cerr=$(cat err)
run fmt --stream stream.sip
[ "$rc" -eq 1 ] && cmp -s out <(cat want.sip want.sip) && [ -n "$cerr" ] &&
    [ "$(cat err)" = "$cerr" ]
verdict "--stream: keep-alives skipped, two messages printed; one without Content-Length ends the stream with check's error"

run fmt --no-such-option in.sip
[ "$rc" -eq 2 ] && grep -q -- '--no-such-option' err && [ ! -s out ]
verdict "unknown option: exit 2, named on stderr"

run fmt does-not-exist.sip
[ "$rc" -eq 2 ] && grep -q 'does-not-exist.sip' err
verdict "missing file: exit 2, named on stderr"

run fmt in.sip does-not-exist.sip
[ "$rc" -eq 2 ] && cmp -s out want.sip
verdict "a valid file and a missing one: exit 2, the valid one printed"

run fmt --help
[ "$rc" -eq 0 ] && grep -q '^usage: sipwire fmt' out && grep -q -- '--compact' out
verdict "fmt --help: exit 0, usage on stdout"

run fmt -- in.sip
[ "$rc" -eq 0 ] && cmp -s out want.sip
verdict "'--' ends the options"

if [ -w /dev/full ]; then
    rc=0
    "$SIPWIRE" fmt in.sip >/dev/full 2>err || rc=$?
    [ "$rc" -eq 2 ] && grep -q 'error writing standard output' err
    verdict "standard output cannot be written: exit 2"
fi

tap_finish
