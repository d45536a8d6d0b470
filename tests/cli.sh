#!/usr/bin/env bash
# sipwire: black-box tests of the sipwire tool. Prints "ok N - ..." or
# "not ok N - ..." for each assertion and exits 1 if any failed.
#
# Environment (exported by make check): SIPW_BUILDDIR.
set -uo pipefail

: "${SIPW_BUILDDIR:?set SIPW_BUILDDIR to the build tree}"
SIPWIRE=$SIPW_BUILDDIR/sipwire
if [ ! -x "$SIPWIRE" ]; then
    echo "not ok 1 - $SIPWIRE is not built"
    exit 1
fi

# A private directory under the build tree (several tests may share
# tests/tmp and remove it when empty, hence the retries).
base=$SIPW_BUILDDIR/tests/tmp
tmp=
for _ in 1 2 3; do
    mkdir -p "$base" && tmp=$(mktemp -d "$base/cli.XXXXXX" 2>/dev/null) && break
done
if [ -z "$tmp" ]; then
    echo "not ok 1 - cannot make a directory under $base"
    exit 1
fi
# shellcheck disable=SC2317 # called by the trap
cleanup() { rm -rf "$tmp"; rmdir "$base" 2>/dev/null || true; }
trap cleanup EXIT
cd "$tmp" || exit 1

n=0
failed=0
ok() {
    n=$((n + 1))
    echo "ok $n - $1"
}
not_ok() {
    n=$((n + 1))
    failed=$((failed + 1))
    echo "not ok $n - $1"
    shift
    # details, indented like TAP diagnostics
    [ $# -gt 0 ] && printf '#   %s\n' "$@"
    if [ -s out ]; then echo "#   stdout:"; sed 's/^/#     /' out; fi
    if [ -s err ]; then echo "#   stderr:"; sed 's/^/#     /' err; fi
    return 0
}

# run ARGS...: runs sipwire with ARGS and stdin from /dev/null; sets $rc,
# and leaves stdout in ./out and stderr in ./err.
run() {
    rc=0
    "$SIPWIRE" "$@" <"${STDIN:-/dev/null}" >out 2>err || rc=$?
}

# expect_rc WANT DESCRIPTION
expect_rc() {
    if [ "$rc" -eq "$1" ]; then ok "$2"; else not_ok "$2" "exit status $rc, expected $1"; fi
}

# Prints each argument as one line ending in CRLF.
crlf() { printf '%s\r\n' "$@"; }

# A minimal valid OPTIONS request.
options() {
    crlf "OPTIONS sip:carol@chicago.example.com SIP/2.0" \
        "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKhjhs8ass877" \
        "Max-Forwards: 70" \
        "To: <sip:carol@chicago.example.com>" \
        "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774" \
        "Call-ID: a84b4c76e66710@pc33.atlanta.example.com" \
        "CSeq: 63104 OPTIONS" \
        "Content-Length: 0" \
        ""
}

# A MESSAGE request with a body and its exact Content-Length.
message_with_body() {
    local body="Watson, come here."
    crlf "MESSAGE sip:user2@domain.com SIP/2.0" \
        "Via: SIP/2.0/TCP user1pc.domain.com;branch=z9hG4bK776sgdkse" \
        "Max-Forwards: 70" \
        "From: sip:user1@domain.com;tag=49583" \
        "To: sip:user2@domain.com" \
        "Call-ID: asd88asd77a@1.2.3.4" \
        "CSeq: 1 MESSAGE" \
        "Content-Type: text/plain" \
        "Content-Length: ${#body}" \
        ""
    printf '%s' "$body"
}

# A 486 response whose status line has two spaces after the version, as
# RFC 3665 3.9 F6 prints it.
busy_double_space() {
    crlf "SIP/2.0  486 Busy Here" \
        "Via: SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK74bf9" \
        "From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl" \
        "To: Bob <sip:bob@biloxi.example.com>;tag=314159" \
        "Call-ID: 3848276298220188511@atlanta.example.com" \
        "CSeq: 1 INVITE" \
        "Content-Length: 0" \
        ""
}

options >valid.sip
message_with_body >body.sip
busy_double_space >busy.sip
# No Max-Forwards: valid (RFC 2543 peers), with a warning.
options | grep -v '^Max-Forwards:' >nomf.sip
# Two messages on a stream, with CRLF keep-alives before, between and after.
{ printf '\r\n\r\n'; cat valid.sip; printf '\r\n'; cat body.sip; printf '\r\n\r\n'; } >stream.sip
# A stream whose last message is cut short.
{ cat valid.sip; head -c 60 body.sip; } >truncated.sip

# --- single messages -------------------------------------------------------
run check valid.sip
if [ "$rc" -eq 0 ] && [ ! -s err ] && [ ! -s out ]; then
    ok "a valid message: exit 0, nothing printed"
else
    not_ok "a valid message: exit 0, nothing printed" "exit status $rc"
fi

run check body.sip
if [ "$rc" -eq 0 ] && [ ! -s err ]; then
    ok "a valid message with a body: exit 0"
else
    not_ok "a valid message with a body: exit 0" "exit status $rc"
fi

run check busy.sip
want="busy.sip:1:9: error: expected a three-digit status code"
if [ "$rc" -eq 1 ] && [ "$(cat err)" = "$want" ] && [ ! -s out ]; then
    ok "double space in the status line: exit 1, '$want'"
else
    not_ok "double space in the status line: exit 1, '$want'" "exit status $rc"
fi

run check nomf.sip
want="nomf.sip:1:1: warning: request has no Max-Forwards header"
if [ "$rc" -eq 0 ] && grep -q "^$want" err && [ "$(wc -l <err)" -eq 1 ]; then
    ok "request without Max-Forwards: exit 0 and one line '$want ...'"
else
    not_ok "request without Max-Forwards: exit 0 and one line '$want ...'" "exit status $rc"
fi

sed 's/^Content-Length: 0/Content-Length: x1/' valid.sip >badlen.sip
run check badlen.sip
if [ "$rc" -eq 1 ] && grep -Eq '^badlen\.sip:8:[0-9]+: error: Content-Length: ' err; then
    ok "bad Content-Length: exit 1, 'FILE:LINE:COL: error: Content-Length: REASON'"
else
    not_ok "bad Content-Length: exit 1, 'FILE:LINE:COL: error: Content-Length: REASON'" "exit status $rc"
fi

# --- usage and I/O errors ----------------------------------------------------
run check does-not-exist.sip
if [ "$rc" -eq 2 ] && grep -q 'does-not-exist.sip' err; then
    ok "missing file: exit 2, named on stderr"
else
    not_ok "missing file: exit 2, named on stderr" "exit status $rc"
fi

run check valid.sip does-not-exist.sip
expect_rc 2 "a valid file and a missing one: exit 2"

run check --no-such-option valid.sip
if [ "$rc" -eq 2 ] && grep -q -- '--no-such-option' err; then
    ok "unknown option: exit 2, named on stderr"
else
    not_ok "unknown option: exit 2, named on stderr" "exit status $rc"
fi

run
if [ "$rc" -eq 2 ] && grep -q '^usage:' err; then
    ok "no arguments: exit 2, usage on stderr"
else
    not_ok "no arguments: exit 2, usage on stderr" "exit status $rc"
fi

run frobnicate valid.sip
expect_rc 2 "unknown command: exit 2"

run --help
if [ "$rc" -eq 0 ] && grep -q '^usage:' out && grep -q 'check' out; then
    ok "--help: exit 0, usage on stdout"
else
    not_ok "--help: exit 0, usage on stdout" "exit status $rc"
fi

run check --help
if [ "$rc" -eq 0 ] && grep -q '^usage: sipwire check' out; then
    ok "check --help: exit 0, usage on stdout"
else
    not_ok "check --help: exit 0, usage on stdout" "exit status $rc"
fi

run --version
if [ "$rc" -eq 0 ] && grep -Eqx 'sipwire [0-9]+\.[0-9]+\.[0-9]+.*' out; then
    ok "--version: exit 0, 'sipwire X.Y.Z'"
else
    not_ok "--version: exit 0, 'sipwire X.Y.Z'" "exit status $rc"
fi

# --- standard input ------------------------------------------------------------
STDIN=valid.sip run check -
if [ "$rc" -eq 0 ] && [ ! -s err ]; then
    ok "'-' reads a valid message from stdin: exit 0"
else
    not_ok "'-' reads a valid message from stdin: exit 0" "exit status $rc"
fi

STDIN=valid.sip run check
if [ "$rc" -eq 0 ] && [ ! -s err ]; then
    ok "no FILE reads a valid message from stdin: exit 0"
else
    not_ok "no FILE reads a valid message from stdin: exit 0" "exit status $rc"
fi

STDIN=busy.sip run check
want="<stdin>:1:9: error: expected a three-digit status code"
if [ "$rc" -eq 1 ] && [ "$(cat err)" = "$want" ]; then
    ok "an invalid message on stdin: exit 1, '$want'"
else
    not_ok "an invalid message on stdin: exit 1, '$want'" "exit status $rc"
fi

# --- streams ---------------------------------------------------------------------
run check --stream --summary stream.sip
want="2 messages checked: 2 valid, 0 invalid, 0 warnings"
if [ "$rc" -eq 0 ] && [ ! -s err ] && [ "$(cat out)" = "$want" ]; then
    ok "--stream: two messages and CRLF keep-alives: exit 0, '$want'"
else
    not_ok "--stream: two messages and CRLF keep-alives: exit 0, '$want'" "exit status $rc"
fi

STDIN=stream.sip run check --stream -
expect_rc 0 "--stream from stdin: exit 0"

run check --stream truncated.sip
if [ "$rc" -eq 1 ] && grep -Eq '^truncated\.sip:[0-9]+:[0-9]+: error: .*incomplete' err; then
    ok "--stream with a truncated last message: exit 1, 'incomplete' error"
else
    not_ok "--stream with a truncated last message: exit 1, 'incomplete' error" "exit status $rc"
fi

run check truncated.sip
expect_rc 0 "the same bytes as a datagram: the first message is valid, the rest ignored (RFC 3261 18.3)"

# --- summary -----------------------------------------------------------------------
run check --summary valid.sip busy.sip nomf.sip
want="3 messages checked: 2 valid, 1 invalid, 1 warnings"
if [ "$rc" -eq 1 ] && [ "$(cat out)" = "$want" ] && [ "$(wc -l <err)" -eq 2 ]; then
    ok "--summary: exit 1, '$want', 2 diagnostics"
else
    not_ok "--summary: exit 1, '$want', 2 diagnostics" "exit status $rc"
fi

run check --summary valid.sip body.sip
want="2 messages checked: 2 valid, 0 invalid, 0 warnings"
if [ "$rc" -eq 0 ] && [ "$(cat out)" = "$want" ] && [ ! -s err ]; then
    ok "--summary with valid files: exit 0, '$want'"
else
    not_ok "--summary with valid files: exit 0, '$want'" "exit status $rc"
fi

run check -- valid.sip
expect_rc 0 "'--' ends the options"

echo "1..$n"
if [ "$failed" -gt 0 ]; then
    echo "# $failed of $n failed"
    exit 1
fi
echo "# all $n passed"
exit 0
