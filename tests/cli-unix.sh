#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# sipwire: the tool behaves like a Unix tool (issue 16, item 3): getopt
# options, one-line usage errors, 'sipwire help COMMAND', --stream that
# reports each message as it arrives, the datagram rule of RFC 3261
# section 18.3, an arena that grows from what the parse needs, failed
# writes, limits as numbers, a capture given without --pcap, colour.
# Each check here failed before the change that made it pass.
#
# Environment (exported by make check): SIPW_BUILDDIR.
set -uo pipefail

NAME=cli-unix
SIPW_TEST_DATA=${SIPW_TEST_DATA:-$(cd "$(dirname "$0")" && pwd)/data}
# shellcheck source=tests/tap.sh
. "$(dirname "$0")/tap.sh"

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
options >valid.sip
grep -v '^Max-Forwards:' valid.sip >nomf.sip
{ cat valid.sip; cat nomf.sip; } >two.sip
{ printf '\r\n'; cat valid.sip; printf '\r\n'; cat valid.sip; } >stream.sip
sed '1s/.*/SIP\/2.0  486 Busy Here\r/' valid.sip >busy.sip

# --- getopt_long -------------------------------------------------------------
run check -sc stream.sip
[ "$rc" -eq 0 ] && grep -q '^2 messages checked: 2 valid' out
verdict "clustered short options: 'check -sc' is --stream --summary"

run check stream.sip --stream --summary
[ "$rc" -eq 0 ] && grep -q '^2 messages checked' out
verdict "options after the files are options"

run check --format=json busy.sip
[ "$rc" -eq 1 ] && jq -e -s 'length == 1 and .[0].code == "ESTATUS"' err >/dev/null
verdict "'--format=json': an option with '=VALUE'"

run check --format json busy.sip
[ "$rc" -eq 1 ] && jq -e -s 'length == 1' err >/dev/null
verdict "'--format json': the value as the next argument"

cp valid.sip ./-dash.sip
run check -- -dash.sip
expect_rc 0 "'--' ends the options: '-dash.sip' is a file"

# --- usage errors: one line, then the hint --------------------------------------
for args in "check --no-such-option" "check -x" "json --format=yaml" \
    "fmt --color=purple" "check --stream --pcap" "digest --bogus"; do
    cmd=${args%% *}
    # shellcheck disable=SC2086 # a list of arguments
    run $args valid.sip
    [ "$rc" -eq 2 ] && [ "$(wc -l <err)" -eq 2 ] &&
        [ "$(sed -n 2p err)" = "Try 'sipwire $cmd --help'." ] &&
        grep -q "^sipwire: $cmd: " err && [ ! -s out ]
    verdict "usage error '$args': exit 2, one line and 'Try 'sipwire $cmd --help'.'"
done

run check --no-such-option
want="sipwire: check: unknown option '--no-such-option'"
[ "$(head -n 1 err)" = "$want" ]
verdict "the line names the option: '$want'"

run frobnicate
[ "$rc" -eq 2 ] && [ "$(cat err)" = "sipwire: unknown command 'frobnicate'
Try 'sipwire --help'." ]
verdict "unknown command: exit 2, one line and the hint"

run check --help
[ "$rc" -eq 0 ] && grep -q '^usage: sipwire check' out && [ "$(wc -l <out)" -gt 10 ]
verdict "--help: the whole help, on stdout, exit 0"

# --- sipwire help COMMAND ---------------------------------------------------------
for cmd in check json fmt digest; do
    run "$cmd" --help
    cp out want.out
    run help "$cmd"
    [ "$rc" -eq 0 ] && cmp -s out want.out && [ ! -s err ]
    verdict "'sipwire help $cmd' prints what '$cmd --help' prints"
done
run help
[ "$rc" -eq 0 ] && grep -q '^usage: sipwire COMMAND' out
verdict "'sipwire help': the commands"
run help frobnicate
[ "$rc" -eq 2 ] && [ "$(wc -l <err)" -eq 2 ]
verdict "'sipwire help frobnicate': a usage error"

# --- --stream reads as the bytes arrive ---------------------------------------------
# A writer sends one message that draws a warning, keeps the pipe open,
# and the warning must already be on stderr before the second message.
mkfifo pipe
"$SIPWIRE" check --stream pipe >fifo.out 2>fifo.err &
pid=$!
exec 3>pipe
cat nomf.sip >&3
seen=0
for _ in $(seq 100); do
    if grep -q 'warning: request has no Max-Forwards' fifo.err; then
        seen=1
        break
    fi
    sleep 0.1
done
cat valid.sip >&3
exec 3>&-
wait "$pid"
frc=$?
if [ "$seen" -eq 1 ] && [ "$frc" -eq 0 ]; then
    ok "--stream from a fifo: the first message is reported while the writer still holds the pipe open"
else
    not_ok "--stream from a fifo: the first message is reported while the writer still holds the pipe open" \
        "seen=$seen exit=$frc" "$(cat fifo.err)"
fi

# The same through a coprocess, for json: the object comes out at once.
coproc SW { "$SIPWIRE" json --stream -; }
swpid=$SW_PID
cat valid.sip >&"${SW[1]}"
line=
read -r -t 10 line <&"${SW[0]}"
exec {SW[1]}>&-
wait "$swpid" 2>/dev/null
if [ -n "$line" ] && printf '%s' "$line" | jq -e '.method == "OPTIONS"' >/dev/null 2>&1; then
    ok "json --stream through a coprocess: the object is printed before the input ends"
else
    not_ok "json --stream through a coprocess: the object is printed before the input ends" "got: $line"
fi

# --- datagrams: bytes after the message ------------------------------------------
run check two.sip
want="two.sip:10:1: warning: "
[ "$rc" -eq 0 ] && grep -q "^${want}[0-9]* bytes after the message are ignored (RFC 3261 section 18.3" err &&
    grep -q 'they look like another SIP message' err
verdict "two messages in one datagram: exit 0 and a warning at 10:1 that the second is ignored"

{ cat valid.sip; printf 'junk'; } >junk.sip
run check junk.sip
[ "$rc" -eq 0 ] && [ "$(cat err)" = "junk.sip:10:1: warning: 4 bytes after the message are ignored (RFC 3261 section 18.3: bytes past the Content-Length of a datagram are discarded)" ]
verdict "4 junk bytes after Content-Length: a warning that says they are ignored"

run check --format=json junk.sip
jq -e '.code == "TRAILING_BYTES" and .severity == "warning"' err >/dev/null
verdict "its code is TRAILING_BYTES"

run check --stream two.sip
[ "$rc" -eq 0 ] && ! grep -q "after the message" err
verdict "with --stream the same file is two messages, no trailing-bytes warning"

# --- the arena grows from what the parse needs --------------------------------------
# 100 MB after a small message, under a 2 GB address-space limit: the
# arena was 32 times the input (3.2 GB) and the run failed.
if (ulimit -v 2000000 && "$SIPWIRE" --version) >/dev/null 2>&1; then
    { cat valid.sip; head -c 100000000 /dev/zero; } >big.sip
    rc=0
    (ulimit -v 2000000 && exec "$SIPWIRE" check --summary big.sip) >out 2>err || rc=$?
    [ "$rc" -eq 0 ] && grep -q '100000000 bytes after the message' err && grep -q '^1 messages checked: 1 valid' out
    verdict "100 MB input under a 2 GB limit: checked, not 'out of memory'"
    rc=0
    (ulimit -v 60000 && exec "$SIPWIRE" check big.sip) >out 2>err || rc=$?
    [ "$rc" -eq 2 ] && grep -q '^sipwire: big.sip: out of memory' err
    verdict "out of memory names the input: 'sipwire: big.sip: out of memory ...', exit 2"
    rm -f big.sip
else
    ok "# SKIP ulimit -v does not work here (a sanitizer build)"
    ok "# SKIP ulimit -v does not work here (a sanitizer build)"
fi

# 3,000 Contact values: the arena starts small and grows.
{ sed '/^Content-Length/d; /^$/d; /^\r$/d' valid.sip
  printf 'Contact: <sip:a@b>'
  i=0; while [ $i -lt 3000 ]; do printf ', <sip:c%d@d>' $i; i=$((i + 1)); done
  printf '\r\nContent-Length: 0\r\n\r\n'; } >many.sip
run check many.sip
[ "$rc" -eq 0 ] && [ ! -s err ]
verdict "3,000 Contact values: the arena grows on SIPW_ENOMEM"

# --- failed writes -----------------------------------------------------------------
if [ -w /dev/full ]; then
    for args in "check --summary valid.sip" "json valid.sip" "fmt valid.sip" \
        "check --help" "help check" "--help" "--version" \
        "check --pcap --format=json $SIPW_TEST_DATA/pcap/sngrep__ipv6frag.pcap"; do
        rc=0
        # shellcheck disable=SC2086
        "$SIPWIRE" $args >/dev/full 2>err </dev/null || rc=$?
        [ "$rc" -eq 2 ] && grep -q 'error writing standard output' err
        verdict "'$args >/dev/full': exit 2 and 'error writing standard output'"
    done
else
    ok "# SKIP no /dev/full"
fi

# --- limits as numbers ----------------------------------------------------------------
sed 's/^Content-Length: 0/Content-Length: 99999999/' valid.sip >hugelen.sip
run check hugelen.sip
[ "$rc" -eq 1 ] && grep -q 'Content-Length: value larger than 16777216 bytes' err && ! grep -q SIPW_ err
verdict "Content-Length past the body cap: 'value larger than 16777216 bytes'"

{ sed '/^Content-Length/d; /^$/d; /^\r$/d' valid.sip
  printf 'X-Big: %s\r\n' "$(head -c 70000 /dev/zero | tr '\0' a)"
  printf 'Content-Length: 0\r\n\r\n'; } >hugehead.sip
run check hugehead.sip
[ "$rc" -eq 1 ] && grep -q 'header section longer than 65536 bytes' err && ! grep -q SIPW_ err
verdict "a 70 KB header section: 'longer than 65536 bytes'"

# --- a capture without --pcap ----------------------------------------------------------
for f in pcapplusplus__sip_reqs.pcap ndpi__gre.pcapng; do
    run check "$SIPW_TEST_DATA/pcap/$f"
    [ "$rc" -eq 2 ] && grep -q 'capture file, not a SIP message: use --pcap' err
    verdict "$f without --pcap: exit 2, 'use --pcap'"
    run check --stream "$SIPW_TEST_DATA/pcap/$f"
    [ "$rc" -eq 2 ] && grep -q 'use --pcap' err
    verdict "$f with --stream: exit 2, 'use --pcap'"
done

# --- colour ------------------------------------------------------------------------------
esc=$(printf '\033')
run check --color=always busy.sip
grep -q "${esc}\[1;31merror" err
verdict "--color=always: 'error' in bold red"
run check --color=never busy.sip
! grep -q "$esc" err
verdict "--color=never: no escape sequence"
run check busy.sip
! grep -q "$esc" err
verdict "--color=auto (the default), stderr not a terminal: no colour"
if script -qec true /dev/null >/dev/null 2>&1; then
    TERM=xterm script -qec "'$SIPWIRE' check busy.sip" /dev/null >tty.out 2>&1 </dev/null
    grep -q "${esc}\[1;31merror" tty.out
    verdict "--color=auto on a terminal: colour"
    NO_COLOR=1 TERM=xterm script -qec "'$SIPWIRE' check busy.sip" /dev/null >tty.out 2>&1 </dev/null
    ! grep -q "$esc" tty.out
    verdict "NO_COLOR set: no colour on a terminal either"
else
    ok "# SKIP script(1) cannot make a terminal here"
    ok "# SKIP script(1) cannot make a terminal here"
fi
run check --pcap "$SIPW_TEST_DATA/pcap/ndpi__fuzz-2006-06-26-2594.pcap"
! grep -q $'\r' err
verdict "no progress line when stderr is not a terminal"

# A slow pipe on a terminal: after a second, an updating line, at most
# five times a second, erased at the end.
slow() { for _ in 1 2 3 4 5 6; do cat valid.sip; sleep 0.4; done; }
if script -qec true /dev/null >/dev/null 2>&1; then
    TERM=xterm script -qec "bash -c 'cd $PWD && $(declare -f slow); slow' | '$SIPWIRE' check --stream -" \
        /dev/null >tty.out 2>&1 </dev/null
    nr=$(tr -cd '\r' <tty.out | wc -c)
    grep -q 'sipwire: <stdin>: [0-9]* kB, [0-9]* messages' tty.out &&
        [ "$nr" -ge 2 ] && [ "$nr" -le 12 ] && [ "$(tail -c 4 tty.out | od -An -c | tr -d ' ')" = '\r033[K' ]
    verdict "progress on a terminal: an updating line ($nr updates in 2.4 s), erased at the end"
else
    ok "# SKIP script(1) cannot make a terminal here"
fi

# --- digest: the same diagnostics ----------------------------------------------------
run digest --user bob --password pw --uri sip:a@b --format=json valid.sip
[ "$rc" -eq 1 ] && jq -e '.code == "EDIGEST" and .line == 1 and .severity == "error"' err >/dev/null
verdict "digest --format=json: its diagnostic as a JSON object (code EDIGEST)"
run digest --user=bob --password=pw --uri=sip:a@b "$SIPW_TEST_DATA/pcap/ndpi__gre.pcapng"
[ "$rc" -eq 2 ] && grep -q 'capture file, not a SIP message' err
verdict "digest on a capture: exit 2, 'a capture file, not a SIP message'"

# --- the manual page and the help texts -------------------------------------------
man1=$SIPW_BUILDDIR/man/sipwire.1 # made from man/sipwire.1.in by make
[ -f "$man1" ] || { echo "no $man1: run make first" >&2; exit 1; }
if command -v groff >/dev/null 2>&1; then
    groff -ww -z -man "$man1" >groff.out 2>&1
    [ ! -s groff.out ]
    verdict "man/sipwire.1 renders without warnings (groff -ww -z -man)"
else
    ok "# SKIP groff is not installed"
fi
for opt in --stream --pcap --summary --lenient --format --color; do
    for cmd in check json fmt; do
        "$SIPWIRE" "$cmd" --help | grep -q -- "$opt" || echo "$cmd lacks $opt"
    done
    grep -qF -- "${opt//-/\\-}" "$man1" 2>/dev/null || echo "the manual lacks $opt"
done >missing.out
[ ! -s missing.out ] || cat missing.out >err
[ ! -s missing.out ]
verdict "--help of check, json, fmt and the manual list every shared option"

tap_finish
