# SPDX-License-Identifier: MIT
# shellcheck shell=bash
# sipwire: the set-up shared by run.sh and test.sh. Source it from bash;
# it defines functions and SIPW_TOP (the top of the source tree) and runs
# nothing by itself.
#
#   sipw_install_deps         apt-get install the missing build dependencies
#                             (SIPW_DEPS; test.sh adds SIPW_TEST_DEPS)
#   sipw_autogen              ./autogen.sh when configure is missing or stale
#   sipw_configure DIR ARG..  configure DIR out of tree (CC, CFLAGS, LDFLAGS
#                             from the environment); reuses DIR when it was
#                             configured the same way, else starts it afresh
#   sipw_make DIR ARG..       make -C DIR ARG..

SIPW_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Debian packages needed to build from git and to run make check (jq:
# tests/cli-json.sh checks the output of `sipwire json` with it;
# groff-base and man-db: tests/man-pages.sh renders the man pages with
# groff and man; libssl-dev: OpenSSL's libcrypto, which computes the
# digest hashes; libpcap-dev: the capture reader of the tool).
SIPW_DEPS=(autoconf automake libtool pkg-config re2c check jq groff-base man-db
    libssl-dev libpcap-dev)
# What test.sh adds to them: clang and libFuzzer's runtime (on Debian 12
# libclang-rt-dev pulls in libclang-rt-14-dev, which holds
# libclang_rt.fuzzer and the sanitizer runtimes) for the fuzz targets, zip
# for their seed corpora, valgrind for the run over the corpus, tshark for
# tests/capture-tshark.sh (it cross-checks the capture reader, and skips
# itself without tshark).
# shellcheck disable=SC2034 # used by test.sh
SIPW_TEST_DEPS=(clang libclang-rt-dev zip valgrind tshark)
# Optional for test.sh: Kamailio, the registrar tests/kamailio.sh runs
# examples/sipwire-register against; that stage is reported as not run
# where it cannot be installed.
# shellcheck disable=SC2034 # used by test.sh
SIPW_OPTIONAL_DEPS=(kamailio)
# Optional for test.sh: the three parsers bench/compare measures beside
# sipwire (./configure --enable-compare).
# shellcheck disable=SC2034 # used by test.sh
SIPW_COMPARE_DEPS=(libosip2-dev libsofia-sip-ua-dev libre-dev)

sipw_log() { printf '==> %s\n' "$*"; }
sipw_die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Runs "$@" as root: directly when we are root, else through sudo.
sipw_as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        sipw_die "need root or sudo to run: $*"
    fi
}

sipw_install_deps() {
    local p missing=()
    if ! command -v dpkg >/dev/null 2>&1; then
        sipw_log "no dpkg here: not a Debian system; assuming these are installed: ${SIPW_DEPS[*]}"
        return 0
    fi
    for p in "${SIPW_DEPS[@]}"; do
        # dpkg -s also succeeds for removed-but-not-purged packages, so
        # look at the Status line.
        if ! dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed'; then
            missing+=("$p")
        fi
    done
    if [ "${#missing[@]}" -eq 0 ]; then
        sipw_log "build dependencies present: ${SIPW_DEPS[*]}"
        return 0
    fi
    sipw_log "installing missing build dependencies: ${missing[*]}"
    sipw_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    sipw_as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q --no-install-recommends "${missing[@]}"
}

sipw_autogen() {
    local f stale=
    [ -f "$SIPW_TOP/configure" ] && [ -f "$SIPW_TOP/Makefile.in" ] || stale=missing
    for f in configure.ac Makefile.am; do
        [ -n "$stale" ] && break
        if [ "$SIPW_TOP/$f" -nt "$SIPW_TOP/configure" ]; then
            stale="older than $f"
        fi
    done
    if [ -n "$stale" ]; then
        sipw_log "running ./autogen.sh (configure $stale)"
        (cd "$SIPW_TOP" && ./autogen.sh)
    fi
    if [ -f "$SIPW_TOP/config.status" ]; then
        sipw_die "$SIPW_TOP is configured in place; run 'make distclean' there first (builds go out of tree)"
    fi
}

sipw_configure() {
    local dir=$1 stamp want a
    shift
    case $dir in /*) ;; *) dir=$SIPW_TOP/$dir ;; esac
    stamp=$dir/.sipw-configure
    # What the configuration depends on; kept in DIR/.sipw-configure.
    want=$(printf 'CC=%q CFLAGS=%q LDFLAGS=%q args:' "${CC-}" "${CFLAGS-}" "${LDFLAGS-}")
    for a in "$@"; do
        want+=" $(printf '%q' "$a")"
    done
    if [ -f "$dir/Makefile" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        sipw_log "reusing ${dir#"$SIPW_TOP"/}/ ($want)"
        return 0
    fi
    if [ -e "$dir" ]; then
        # Configured some other way: objects built without, say,
        # --enable-werror would not be rebuilt, so start afresh.
        if [ -f "$dir/.sipw-configure" ] || [ -f "$dir/config.status" ]; then
            sipw_log "removing ${dir#"$SIPW_TOP"/}/ (configured differently)"
            rm -rf "$dir"
        else
            sipw_die "$dir exists and is not a sipwire build directory"
        fi
    fi
    mkdir -p "$dir"
    sipw_log "configuring ${dir#"$SIPW_TOP"/}/ ($want)"
    (cd "$dir" && "$SIPW_TOP/configure" "$@") >"$dir/configure.out" 2>&1 || {
        tail -n 40 "$dir/configure.out" >&2
        sipw_die "configure failed in $dir (see $dir/config.log)"
    }
    grep -i 'WARNING' "$dir/configure.out" || true
    printf '%s\n' "$want" >"$stamp"
}

sipw_make() {
    local dir=$1
    shift
    case $dir in /*) ;; *) dir=$SIPW_TOP/$dir ;; esac
    make --no-print-directory -C "$dir" "$@"
}

sipw_nproc() { nproc 2>/dev/null || echo 2; }
