#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# sipwire: examples/sipwire-register against a real registrar, Kamailio
# 5.6, started here on 127.0.0.1 with our own tests/kamailio/kamailio.cfg.
# RFC 3665 §2.1 over UDP and TCP, with MD5 and with SHA-256 challenges; a
# wrong password, a refused user, a silent registrar (retransmissions
# and the timeout) and usage errors. TAP output; exits 1 if anything
# failed.
#
# Not part of `make check` (it starts a server): test.sh runs it once
# Kamailio is installed (apt-get install kamailio). Without Kamailio the
# test FAILS, it does not skip.
#
# Environment: SIPW_BUILDDIR (the build tree holding
# examples/sipwire-register), KAMAILIO (default: kamailio in PATH, else
# /usr/sbin/kamailio).
set -uo pipefail

NAME=kamailio
HERE=$(cd "$(dirname "$0")" && pwd)
CFG=$HERE/kamailio/kamailio.cfg
# shellcheck source=tests/tap.sh
. "$HERE/tap.sh"

REG=$SIPW_BUILDDIR/examples/sipwire-register
KAMAILIO=${KAMAILIO:-$(command -v kamailio || echo /usr/sbin/kamailio)}
for need in "$REG" "$KAMAILIO"; do
    if [ ! -x "$need" ]; then
        echo "not ok 1 - $need is not there (build the tree; apt-get install kamailio)"
        echo "1..1"
        exit 1
    fi
done

# The accounts of tests/kamailio/kamailio.cfg.
DOMAIN=biloxi.example.com
USER_OK=bob
PASSWORD=zanzibar

# --- the registrar ------------------------------------------------------
kpid=
kport=
klog=

# Starts Kamailio with our config and the extra arguments "$@" (-A
# defines) on a free port: a random one in 10000-31999 (below Linux's
# ephemeral range), another one when that one is taken or its bind fails,
# at most 10 tries. It is our child (-DD: no daemon), so $! is its pid.
# Sets kpid, kport and klog; returns 1 when it cannot be started.
start_registrar() {
    local label=$1 try port
    shift
    klog=$PWD/kamailio-$label.log
    mkdir -p "run-$label"
    for try in 1 2 3 4 5 6 7 8 9 10; do
        port=$((10000 + (RANDOM * 32768 + RANDOM + $$) % 22000))
        # A UDP socket with SO_REUSEADDR would share the port with
        # Kamailio's instead of failing its bind: skip ports ss shows bound.
        if command -v ss >/dev/null 2>&1 &&
            ss -Hlnut "sport = :$port" 2>/dev/null | grep -q .; then
            continue
        fi
        : >"$klog" # before the background job opens it: grep reads it next
        "$KAMAILIO" -f "$CFG" -A "SIPW_PORT=$port" "$@" -DD -E \
            -Y "$PWD/run-$label" -m 16 -M 4 </dev/null >"$klog" 2>&1 &
        kpid=$!
        # The config logs "sipwire-test: ready" from the first worker,
        # after both sockets are bound; at most 10 s.
        for _ in $(seq 1 100); do
            if grep -q 'sipwire-test: ready' "$klog"; then
                kport=$port
                return 0
            fi
            kill -0 "$kpid" 2>/dev/null || break
            sleep 0.1
        done
        stop_registrar
        if ! grep -q 'Address already in use' "$klog"; then
            echo "# kamailio did not start (try $try, port $port); its log:"
            sed 's/^/#   /' "$klog" | tail -n 30
            return 1
        fi
    done
    echo "# no free port after 10 tries"
    return 1
}

# SIGTERM to the pid we started (Kamailio then ends its own children),
# and wait for it.
stop_registrar() {
    [ -n "$kpid" ] || return 0
    kill -TERM "$kpid" 2>/dev/null
    wait "$kpid" 2>/dev/null
    kpid=
}
trap 'stop_registrar; cleanup' EXIT

# --- the client ------------------------------------------------------------
# reg TRANSPORT USER PASSWORD [ARGS...]: runs sipwire-register against the
# current registrar; $rc, ./out, ./err.
reg() {
    local transport=$1 user=$2 password=$3
    shift 3
    rc=0
    "$REG" --server "127.0.0.1:$kport" --transport "$transport" \
        --user "$user" --password "$password" --domain "$DOMAIN" "$@" \
        </dev/null >out 2>err || rc=$?
}

# The first words of the ">>> " / "<<< " lines, retransmissions and
# ignored responses left out: ">>> REGISTER <<< 401 ...".
flow() {
    grep -E '^(>>>|<<<) ' out | grep -v -e 'retransmission' -e 'ignored' |
        awk '{ print $1, $2 }' | paste -sd ' ' -
}

# check_flow WANT DESC
check_flow() {
    local got
    got=$(flow)
    if [ "$got" = "$1" ]; then ok "$2"; else not_ok "$2" "flow: $got" "want: $1"; fi
}

# The raw message printed after the Nth "<<< " line (N from 1; ignored
# responses not counted), up to the next ">>> " / "<<< " line; no CRs.
received() {
    awk -v n="$1" '/^(>>>|<<<) / { inside = 0 }
        /^<<< / && !/ignored/ { if (++k == n) { inside = 1; next } }
        inside' out | tr -d '\r'
}
# The same for the Nth request sent (retransmissions not counted).
sent() {
    awk -v n="$1" '/^(>>>|<<<) / { inside = 0 }
        /^>>> / && !/retransmission/ { if (++k == n) { inside = 1; next } }
        inside' out | tr -d '\r'
}

# assert DESC COMMAND...: ok when COMMAND succeeds.
assert() {
    local desc=$1
    shift
    if "$@"; then ok "$desc"; else not_ok "$desc" "exit status of sipwire-register: $rc"; fi
}
# has TEXT ERE / lacks FILE ERE / gone PID (called through assert)
# shellcheck disable=SC2317
has() { grep -Eq -- "$2" <<<"$1"; }
# shellcheck disable=SC2317
lacks() { ! grep -Eq -- "$2" "$1"; }
# shellcheck disable=SC2317
gone() { ! kill -0 "$1" 2>/dev/null; }

# A successful registration over TRANSPORT with ALGORITHM (MD5, SHA-256)
# whose digests have HEXLEN hex digits; extra client arguments after.
registers() {
    local transport=$1 alg=$2 hexlen=$3 what T f1 f2 f3 f4 authz port contact
    shift 3
    what="$transport, $alg${1:+, $*}"
    T=$(tr '[:lower:]' '[:upper:]' <<<"$transport")
    reg "$transport" "$USER_OK" "$PASSWORD" "$@"
    expect_rc 0 "$what: sipwire-register exits 0"
    check_flow ">>> REGISTER <<< 401 >>> REGISTER <<< 200" \
        "$what: REGISTER, 401, REGISTER with credentials, 200"
    f1=$(sent 1) f2=$(received 1) f3=$(sent 2) f4=$(received 2)
    assert "$what: F1 has Via SIP/2.0/$T, our address and a branch" \
        has "$f1" "^Via: SIP/2.0/$T 127\.0\.0\.1:[0-9]+;branch=z9hG4bK[0-9a-v]{20}\$"
    assert "$what: F1 registers sip:bob@$DOMAIN" has "$f1" "^To: <sip:bob@$DOMAIN>\$"
    assert "$what: F1 has CSeq 1" has "$f1" '^CSeq: 1 REGISTER$'
    assert "$what: F2 challenges with Digest, algorithm=$alg" \
        has "$f2" "^WWW-Authenticate: Digest .*algorithm=$alg(,|\$)"
    assert "$what: F2 offers qop=\"auth\"" has "$f2" 'qop="auth"'
    assert "$what: F3 keeps the Call-ID" \
        test "$(grep '^Call-ID:' <<<"$f3")" = "$(grep '^Call-ID:' <<<"$f1")"
    assert "$what: F3 has CSeq 2" has "$f3" '^CSeq: 2 REGISTER$'
    authz=$(grep '^Authorization:' <<<"$f3")
    assert "$what: F3 Authorization names bob" has "$authz" '^Authorization: Digest (.*, )?username="bob"(,|$)'
    assert "$what: F3 Authorization has the realm" has "$authz" 'realm="biloxi\.example\.com"(,|$)'
    assert "$what: F3 Authorization has the Request-URI" has "$authz" 'uri="sip:biloxi\.example\.com"(,|$)'
    assert "$what: F3 Authorization has algorithm=$alg" has "$authz" "algorithm=$alg(,|\$)"
    assert "$what: F3 Authorization has qop=auth" has "$authz" 'qop=auth(,|$)'
    assert "$what: F3 Authorization has nc=00000001" has "$authz" 'nc=00000001(,|$)'
    assert "$what: F3 Authorization has a cnonce" has "$authz" 'cnonce="[^"]+"'
    assert "$what: F3 Authorization has a $hexlen-digit response" \
        has "$authz" "response=\"[0-9a-f]{$hexlen}\"(,|\$)"
    # Our Contact among the AOR's bindings (earlier tests left some).
    port=$(sed -n 's/^Via: [^ ]* 127\.0\.0\.1:\([0-9]*\);.*/\1/p' <<<"$f1")
    contact="<sip:bob@127.0.0.1:$port>"
    [ "$transport" = tcp ] && contact="<sip:bob@127.0.0.1:$port;transport=tcp>"
    assert "$what: F1 has Contact $contact" has "$f1" "^Contact: ${contact//./\\.}\$"
    contact=${contact//./\\.}
    assert "$what: F4 lists our Contact with ;expires=" \
        has "$(grep -E '^Contact:' <<<"$f4")" "(^Contact: |, )$contact;expires=[1-9][0-9]*(,|\$)"
    assert "$what: the last line says registered" \
        has "$(tail -n 1 out)" '^registered: '
}

# refused DESC FLOW STATUS: exit 1, that flow, no 200, STATUS on stderr.
refused() {
    local desc=$1 want=$2 status=$3
    expect_rc 1 "$desc: sipwire-register exits 1"
    check_flow "$want" "$desc: $want"
    assert "$desc: no 200 OK" lacks out '^<<< 200'
    assert "$desc: stderr names the status $status" grep -q " $status " err
}

# --- usage (no registrar needed) -------------------------------------------
kport=5060
rc=0
"$REG" >out 2>err || rc=$?
expect_rc 2 "usage: no arguments exit 2"
assert "usage: the message says what is missing" grep -q -- '--server is required' err
reg sctp bob x
expect_rc 2 "usage: --transport sctp exits 2"
reg udp 'b b' x
expect_rc 2 "usage: a user with a space exits 2 (no valid From)"
assert "usage: the builder's error names From" grep -q 'cannot build the REGISTER: From: ' err
reg udp bob x --expires 0
expect_rc 2 "usage: --expires 0 exits 2"
reg udp bob x --expires soon
expect_rc 2 "usage: --expires soon exits 2"
rc=0
"$REG" --server 127.0.0.1:99999 --transport udp --user bob --password x \
    --domain "$DOMAIN" >out 2>err || rc=$?
expect_rc 2 "usage: port 99999 exits 2"
rc=0
"$REG" --help >out 2>err || rc=$?
expect_rc 0 "usage: --help exits 0"
assert "usage: --help prints the synopsis on stdout" grep -q -- '--transport udp|tcp' out

# --- MD5 -----------------------------------------------------------------
if ! start_registrar md5; then
    not_ok "kamailio starts with tests/kamailio/kamailio.cfg (MD5)"
    tap_finish
fi
ok "kamailio $("$KAMAILIO" -v | sed -n 's/^version: kamailio \([^ ]*\).*/\1/p') listens on udp and tcp 127.0.0.1:$kport (MD5)"

registers udp MD5 32
# The whole exchange, for the log.
echo "# the exchange, UDP, MD5:"
sed 's/\r$//; s/^/#   /' out
registers tcp MD5 32
registers udp MD5 32 --expires 600
assert "udp, MD5, --expires 600: F1 has Expires: 600" has "$(sent 1)" '^Expires: 600$'
assert "udp, MD5, --expires 600: the last line says ;expires=600" has "$(tail -n 1 out)" ';expires=600$'

reg udp "$USER_OK" "$PASSWORD-wrong"
refused "udp, wrong password" ">>> REGISTER <<< 401 >>> REGISTER <<< 401" 401
reg tcp "$USER_OK" "$PASSWORD-wrong"
refused "tcp, wrong password" ">>> REGISTER <<< 401 >>> REGISTER <<< 401" 401
# other authenticates with the right password but may not register.
reg udp other "$PASSWORD"
refused "udp, user not allowed" ">>> REGISTER <<< 401 >>> REGISTER <<< 403" 403
# nobinding gets a 200 OK that lists no binding: not registered.
reg udp nobinding "$PASSWORD"
expect_rc 1 "udp, 200 OK without our Contact: exits 1"
check_flow ">>> REGISTER <<< 200" "udp, 200 OK without our Contact: >>> REGISTER <<< 200"
assert "udp, 200 OK without our Contact: stderr says so" grep -q 'does not list our Contact' err

# mute is never answered: over UDP, sends at 0, 0.5 and 1.5 s, then the
# timeout at 2 s; over TCP one send (a reliable transport is not resent).
reg udp mute "$PASSWORD" --timeout 2
expect_rc 1 "udp, no answer: exits 1"
assert "udp, no answer: stderr says the request timed out" grep -qi 'no response' err
assert "udp, no answer: 2 retransmissions printed" \
    test "$(grep -c '^>>> .*retransmission' out)" -eq 2
assert "udp, no answer: kamailio received the REGISTER 3 times" \
    test "$(grep -c 'sipwire-test: REGISTER from .*/udp fU=mute' "$klog")" -eq 3
reg tcp mute "$PASSWORD" --timeout 1
expect_rc 1 "tcp, no answer: exits 1"
assert "tcp, no answer: no retransmission" lacks out retransmission
assert "tcp, no answer: kamailio received the REGISTER once" \
    test "$(grep -c 'sipwire-test: REGISTER from .*/tcp fU=mute' "$klog")" -eq 1
md5_port=$kport
stop_registrar

# Nothing listens there any more: a clear error, not a hang.
kport=$md5_port
reg tcp "$USER_OK" "$PASSWORD"
expect_rc 1 "tcp, nobody listening: exits 1"
assert "tcp, nobody listening: stderr says the connection failed" grep -q 'cannot connect' err
# over UDP the ICMP port unreachable ends it before the first resend
reg udp "$USER_OK" "$PASSWORD"
expect_rc 1 "udp, nobody listening: exits 1"
assert "udp, nobody listening: stderr says the port refused it" grep -q 'Connection refused' err
assert "udp, nobody listening: no retransmission" lacks out retransmission

# --- SHA-256 ---------------------------------------------------------------
if ! start_registrar sha256 -A SIPW_SHA256; then
    not_ok "kamailio starts with tests/kamailio/kamailio.cfg (SHA-256)"
    tap_finish
fi
ok "kamailio listens on udp and tcp 127.0.0.1:$kport (SHA-256)"
registers udp SHA-256 64
registers tcp SHA-256 64
reg udp "$USER_OK" "$PASSWORD-wrong"
refused "udp, SHA-256, wrong password" ">>> REGISTER <<< 401 >>> REGISTER <<< 401" 401
reg tcp "$USER_OK" "$PASSWORD-wrong"
refused "tcp, SHA-256, wrong password" ">>> REGISTER <<< 401 >>> REGISTER <<< 401" 401
last=$kpid
stop_registrar
assert "kamailio (pid $last) has stopped" gone "$last"

tap_finish
