#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# sipwire: build it and show it at work.
#
# Installs the missing build dependencies (Debian: apt-get, as root or
# through sudo), builds out of tree in build/, then validates the bundled
# RFC 3665 call-flow corpus with `sipwire check --summary`.
#
# Five of the corpus messages are invalid as RFC 3665 prints them: the
# status line of 3.9 F6, F8 and F10 is "SIP/2.0  486 Busy Here", with two
# spaces, which RFC 3261's Status-Line grammar does not allow; the
# Authorization of 2.1 F3 has no comma between realm and nonce, and 2.2 F1
# quotes its qop, a token in RFC 3261 section 25.1. So the check exits 1,
# and this script succeeds exactly when those five, and no others, are the
# ones rejected.
set -euo pipefail

cd "$(dirname "$0")"
# shellcheck source=tools/deps.sh
. tools/deps.sh

sipw_install_deps
sipw_autogen
sipw_configure build
sipw_log "building in build/"
sipw_make build -j"$(sipw_nproc)"

corpus=tests/data/rfc3665
expected_invalid=(
    "$corpus/2.1-successful-new-registration-F3.sip"
    "$corpus/2.2-update-of-contact-list-F1.sip"
    "$corpus/3.9-unsuccessful-busy-F10.sip"
    "$corpus/3.9-unsuccessful-busy-F6.sip"
    "$corpus/3.9-unsuccessful-busy-F8.sip"
)

shopt -s nullglob
files=("$corpus"/*.sip)
shopt -u nullglob
[ "${#files[@]}" -gt 0 ] || sipw_die "no $corpus/*.sip files found"

sipw_log "checking the RFC 3665 corpus: build/sipwire check --summary $corpus/*.sip (${#files[@]} files)"
diag=$(mktemp)
summary=$(mktemp)
trap 'rm -f "$diag" "$summary"' EXIT
rc=0
build/sipwire check --summary "${files[@]}" >"$summary" 2>"$diag" || rc=$?
# What the tool printed: the diagnostics (FILE:LINE:COL: error|warning:
# ...), then its one-line summary.
cat "$diag" "$summary"

invalid=$(sed -n 's/^\(.*\):[0-9]*:[0-9]*: error: .*/\1/p' "$diag" | sort -u)
want=$(printf '%s\n' "${expected_invalid[@]}" | sort -u)
nwarn=$(grep -c ': warning: ' "$diag" || true)

if [ "$rc" -eq 1 ] && [ "$invalid" = "$want" ]; then
    sipw_log "as expected: sipwire check exited 1 because exactly the ${#expected_invalid[@]} messages known to be invalid were rejected"
    sipw_log "(3.9-unsuccessful-busy-F6/F8/F10: RFC 3665 prints their status line with a double space, \"SIP/2.0  486 Busy Here\";"
    sipw_log "2.1-successful-new-registration-F3: no comma between realm and nonce; 2.2-update-of-contact-list-F1: a quoted qop, which --lenient accepts);"
    sipw_log "the other $(( ${#files[@]} - ${#expected_invalid[@]} )) messages are valid ($nwarn with a warning). OK."
    exit 0
fi

echo "FAILED: expected sipwire check to exit 1 rejecting exactly:" >&2
printf '  %s\n' "${expected_invalid[@]}" >&2
echo "but it exited $rc rejecting:" >&2
if [ -n "$invalid" ]; then printf '  %s\n' "${invalid//$'\n'/$'\n'  }" >&2; else echo "  (none)" >&2; fi
exit 1
