#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# sipwire: black-box tests of the sipwire tool. Prints "ok N - ..." or
# "not ok N - ..." for each assertion and exits 1 if any failed.
#
# Environment (exported by make check): SIPW_BUILDDIR.
set -uo pipefail

NAME=cli
# shellcheck source=tests/tap.sh
. "$(dirname "$0")/tap.sh"

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
[ "$rc" -eq 0 ] && [ ! -s err ] && [ ! -s out ]
verdict "a valid message: exit 0, nothing printed"

run check body.sip
[ "$rc" -eq 0 ] && [ ! -s err ]
verdict "a valid message with a body: exit 0"

run check busy.sip
want="busy.sip:1:9: error: expected a three-digit status code"
[ "$rc" -eq 1 ] && [ "$(cat err)" = "$want" ] && [ ! -s out ]
verdict "double space in the status line: exit 1, '$want'"

run check nomf.sip
want="nomf.sip:1:1: warning: request has no Max-Forwards header"
[ "$rc" -eq 0 ] && grep -q "^$want" err && [ "$(wc -l <err)" -eq 1 ]
verdict "request without Max-Forwards: exit 0 and one line '$want ...'"

sed 's/^Content-Length: 0/Content-Length: x1/' valid.sip >badlen.sip
run check badlen.sip
[ "$rc" -eq 1 ] && grep -Eq '^badlen\.sip:8:[0-9]+: error: Content-Length: ' err
verdict "bad Content-Length: exit 1, 'FILE:LINE:COL: error: Content-Length: REASON'"

# --- usage and I/O errors ----------------------------------------------------
run check does-not-exist.sip
[ "$rc" -eq 2 ] && grep -q 'does-not-exist.sip' err
verdict "missing file: exit 2, named on stderr"

run check valid.sip does-not-exist.sip
expect_rc 2 "a valid file and a missing one: exit 2"

run check --no-such-option valid.sip
[ "$rc" -eq 2 ] && grep -q -- '--no-such-option' err
verdict "unknown option: exit 2, named on stderr"

run
[ "$rc" -eq 2 ] && [ "$(cat err)" = "sipwire: no command given
Try 'sipwire --help'." ]
verdict "no arguments: exit 2, one line and 'Try 'sipwire --help'.' on stderr"

run frobnicate valid.sip
expect_rc 2 "unknown command: exit 2"

run --help
[ "$rc" -eq 0 ] && grep -q '^usage:' out && grep -q 'check' out
verdict "--help: exit 0, usage on stdout"

run check --help
[ "$rc" -eq 0 ] && grep -q '^usage: sipwire check' out
verdict "check --help: exit 0, usage on stdout"

run --version
[ "$rc" -eq 0 ] && grep -Eqx 'sipwire [0-9]+\.[0-9]+\.[0-9]+.*' out
verdict "--version: exit 0, 'sipwire X.Y.Z'"

# --- standard input ------------------------------------------------------------
STDIN=valid.sip run check -
[ "$rc" -eq 0 ] && [ ! -s err ]
verdict "'-' reads a valid message from stdin: exit 0"

STDIN=valid.sip run check
[ "$rc" -eq 0 ] && [ ! -s err ]
verdict "no FILE reads a valid message from stdin: exit 0"

STDIN=busy.sip run check
want="<stdin>:1:9: error: expected a three-digit status code"
[ "$rc" -eq 1 ] && [ "$(cat err)" = "$want" ]
verdict "an invalid message on stdin: exit 1, '$want'"

# --- streams ---------------------------------------------------------------------
run check --stream --summary stream.sip
want="2 messages checked: 2 valid (0 with warnings), 0 invalid, 0 not SIP"
[ "$rc" -eq 0 ] && [ ! -s err ] && [ "$(cat out)" = "$want" ]
verdict "--stream: two messages and CRLF keep-alives: exit 0, '$want'"

STDIN=stream.sip run check --stream -
expect_rc 0 "--stream from stdin: exit 0"

run check --stream truncated.sip
[ "$rc" -eq 1 ] && grep -Eq '^truncated\.sip:[0-9]+:[0-9]+: error: .*incomplete' err
verdict "--stream with a truncated last message: exit 1, 'incomplete' error"

run check truncated.sip
expect_rc 0 "the same bytes as a datagram: the first message is valid, the rest ignored (RFC 3261 18.3)"

# --- summary -----------------------------------------------------------------------
run check --summary valid.sip busy.sip nomf.sip
want="3 messages checked: 2 valid (1 with warnings), 1 invalid, 0 not SIP
by code: ESTATUS 1, NO_MAX_FORWARDS 1"
[ "$rc" -eq 1 ] && [ "$(cat out)" = "$want" ] && [ "$(wc -l <err)" -eq 2 ]
verdict "--summary: exit 1, '$want', 2 diagnostics"

run check --summary valid.sip body.sip
want="2 messages checked: 2 valid (0 with warnings), 0 invalid, 0 not SIP"
[ "$rc" -eq 0 ] && [ "$(cat out)" = "$want" ] && [ ! -s err ]
verdict "--summary with valid files: exit 0, '$want'"

run check -- valid.sip
expect_rc 0 "'--' ends the options"

# --- --lenient: a quoted qop in credentials, as RFC 3665 2.2 F1 has it ------
{ sed '/^Content-Length/d; /^$/d; /^\r$/d' valid.sip
  crlf 'Authorization: Digest username="bob", realm="a.example.com", qop="auth", nonce="n1", uri="sip:a.example.com", response="0123"' \
      "Content-Length: 0" ""; } >qop.sip
run check --summary qop.sip
want="qop.sip:8:66: error: Authorization: qop must be a token, not a quoted string (RFC 3261 section 25.1 message-qop)"
[ "$rc" -eq 1 ] && [ "$(cat err)" = "$want" ] && [ "$(head -n 1 out)" = "1 messages checked: 0 valid (0 with warnings), 1 invalid, 0 not SIP" ]
verdict "quoted qop in credentials: exit 1, '$want'"

run check --lenient --summary qop.sip
want="qop.sip:1:1: warning: qop in credentials is a quoted string where RFC 3261 section 25.1 wants a token (accepted in lenient mode)"
[ "$rc" -eq 0 ] && [ "$(cat err)" = "$want" ] && [ "$(head -n 1 out)" = "1 messages checked: 1 valid (1 with warnings), 0 invalid, 0 not SIP" ]
verdict "--lenient: the same message is valid, with the warning '$want'"

run check --lenient --stream --summary qop.sip
[ "$rc" -eq 0 ] && [ "$(cat err)" = "$want" ]
verdict "--lenient applies to --stream too"

sed 's/realm="a.example.com",/realm="a.example.com"/' qop.sip >comma.sip
run check --lenient comma.sip
want='comma.sip:8:61: error: Authorization: expected "," before parameter "qop"'
[ "$rc" -eq 1 ] && [ "$(cat err)" = "$want" ]
verdict "--lenient does not excuse a missing comma (RFC 3665 2.1 F3): '$want'"

run check --help
grep -q -- '--lenient' out
verdict "check --help lists --lenient"

# 3,000 Contact values (45 KB, under SIPW_MAX_HEAD_SIZE): more typed
# structs than the old fixed arena held;
# the tool grows its arena instead of reporting a false error.
{ sed '/^Content-Length/d; /^$/d; /^\r$/d' valid.sip
  printf 'Contact: <sip:a@b>'
  i=0; while [ $i -lt 3000 ]; do printf ', <sip:c%d@d>' $i; i=$((i + 1)); done
  printf '\r\nContent-Length: 0\r\n\r\n'; } >many-contacts.sip
run check --summary many-contacts.sip
[ "$rc" -eq 0 ] && [ ! -s err ] && grep -q "1 valid" out
verdict "3,000 Contact values: exit 0, the arena grows"

tap_finish
