#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# sipwire: the full test run, as CI does it (.ci/run calls this).
#
#   a. build/       --enable-werror: make, make check
#   b. build-asan/  AddressSanitizer + UndefinedBehaviorSanitizer (leaks
#                   too), --enable-werror --disable-shared: make check
#   c. build/       make distcheck (the release tarball builds and passes)
#   d. build-fuzz/  fuzz/build.sh (clang, libFuzzer, ASan + UBSan), then
#                   fuzz/smoke.sh: each target for SIPW_FUZZ_SECONDS
#                   (default 20) seconds, two at a time; skipped without
#                   clang and libFuzzer
#   o. build-ossfuzz/  fuzz/oss-fuzz/check-build.sh address: the targets
#                   built as OSS-Fuzz builds them, offline, and checked as
#                   its build check does (each runs its seed corpus)
#   e. build/       sipwire check (datagrams, then streams) under valgrind
#                   over tests/data and ../shared/corpus; skipped without
#                   valgrind
#   k. build/       examples/sipwire-register against Kamailio
#                   (tests/kamailio.sh), Kamailio installed if missing;
#                   reported as not run where it cannot be installed
#   t. build-tsan/  gcc ThreadSanitizer: sipwire-bench on two threads over
#                   bench/corpus (tests/tsan.sh)
#   p. build-compare/  bench/compare over bench/corpus, one untimed pass:
#                   oSIP2, sofia-sip and libre must find sipwire's fields
#   f. one line: "sipwire: N passed, F failed"
#
# N and F add up, over build/ and build-asan/, the "Checks: N, Failures:
# F, Errors: E" lines of the Check unit-test programs (one per test case)
# and the automake results of the shell tests (one per script), plus one
# per fuzz target smoke run, one per valgrind run, and one each for
# tests/kamailio.sh, tests/tsan.sh, bench/compare and the OSS-Fuzz build
# check. A stage that fails without a failing test to show for it (a
# compile error, a crash after the checks, distcheck, fuzz/build.sh)
# counts as one failure. Exits 0
# only when F is 0 and N is not.
set -euo pipefail

cd "$(dirname "$0")"
# shellcheck source=tools/deps.sh
. tools/deps.sh

SAN_FLAGS="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
# The only test allowed to be skipped: it needs the shared library, which
# build-asan/ does not build.
ALLOWED_SKIP="build-asan/tests/check-exports.sh"

passed=0
failed=0
skipped=0
failures=()  # one line per failure, for the report at the end
declare -A check_rc=()

fail() {
    failed=$((failed + 1))
    failures+=("$1")
    printf 'FAILED: %s\n' "$1" >&2
}

stage() {
    printf '\n==> [%s] %s (%ds elapsed)\n' "$1" "$2" "$SECONDS"
}

# Prints the .log of every test of DIR that did not pass.
show_failed_logs() {
    local dir=$1 trs log
    shopt -s nullglob
    for trs in "$dir"/tests/*.trs; do
        if grep -Eq '^:test-result: (FAIL|ERROR|XPASS)' "$trs"; then
            log=${trs%.trs}.log
            printf '\n----- %s -----\n' "$log"
            cat "$log" 2>/dev/null || echo "(no log)"
            printf -- '----- end of %s -----\n' "$log"
        fi
    done
    shopt -u nullglob
}

# make check in DIR (extra environment in "$@"); old results are removed
# first so that only this run is counted.
run_check() {
    local dir=$1 rc=0
    shift
    rm -f "$dir"/tests/*.log "$dir"/tests/*.trs "$dir"/test-suite.log
    env "$@" make -C "$dir" -j2 check || rc=$?
    check_rc[$dir]=$rc
    if [ "$rc" -ne 0 ]; then
        echo "make check failed in $dir/ (exit $rc); logs of the failing tests:" >&2
        show_failed_logs "$dir" >&2
    fi
}

# Adds the results of DIR's last make check to passed/failed/skipped.
count_results() {
    local dir=$1 trs log name res line n f e dp=0 df=0 ds=0 ntrs=0
    if [ "${check_rc[$dir]:-notrun}" = notrun ]; then
        # Its build failure is already counted.
        echo "$dir/: not tested (the build failed)"
        return 0
    fi
    shopt -s nullglob
    for trs in "$dir"/tests/*.trs; do
        ntrs=$((ntrs + 1))
        log=${trs%.trs}.log
        name=$dir/tests/$(basename "${trs%.trs}")
        res=$(sed -n 's/^:test-result: //p' "$trs" | sort -u | tr '\n' ' ')
        res=${res% }
        line=$(grep -Eo 'Checks: [0-9]+, Failures: [0-9]+, Errors: [0-9]+' "$log" 2>/dev/null || true)
        if [ -n "$line" ]; then
            # A Check program: count its test cases.
            read -r n f e < <(awk -F'[ ,]+' '{n += $2; f += $4; e += $6}
                END {print n + 0, f + 0, e + 0}' <<<"$line")
            dp=$((dp + n - f - e))
            if [ $((f + e)) -gt 0 ]; then
                df=$((df + f + e))
                failures+=("$name: $f failures, $e errors")
            fi
            if [ "$res" != PASS ] && [ $((f + e)) -eq 0 ]; then
                # e.g. a leak report or a crash after the checks ran.
                df=$((df + 1))
                failures+=("$name: result $res although its checks passed (see $log)")
            fi
        else
            case $res in
            PASS) dp=$((dp + 1)) ;;
            SKIP)
                if [ "$name" = "$ALLOWED_SKIP" ]; then
                    ds=$((ds + 1))
                else
                    df=$((df + 1))
                    failures+=("$name: skipped, and only $ALLOWED_SKIP may be")
                fi
                ;;
            *)
                df=$((df + 1))
                failures+=("$name: ${res:-no result}")
                ;;
            esac
        fi
    done
    shopt -u nullglob
    if [ "${check_rc[$dir]}" -ne 0 ] && [ "$df" -eq 0 ]; then
        df=1
        failures+=("$dir: make check exited ${check_rc[$dir]} with no failing test to show for it")
    elif [ "$ntrs" -eq 0 ]; then
        df=$((df + 1))
        failures+=("$dir: no test results found")
    fi
    printf '%s/: %d passed, %d failed, %d skipped (%d test programs and scripts)\n' \
        "$dir" "$dp" "$df" "$ds" "$ntrs"
    passed=$((passed + dp))
    failed=$((failed + df))
    skipped=$((skipped + ds))
}

stage setup "dependencies and configure script"
SIPW_DEPS+=("${SIPW_TEST_DEPS[@]}")
sipw_install_deps
sipw_autogen

# --- a. warnings as errors ----------------------------------------------
stage a "build/: --enable-werror, make, make check"
build_ok=1
# (in a subshell: a configure failure must not skip the report at the end)
if ! (sipw_configure build --enable-werror) || ! sipw_make build -j2; then
    fail "build/: configure or make (compile or link error)"
    build_ok=0
    check_rc[build]=notrun
else
    run_check build
fi

# --- b. sanitizers -------------------------------------------------------
stage b "build-asan/: ASan + UBSan, --enable-werror --disable-shared, make check"
if ! (CFLAGS="$SAN_FLAGS" LDFLAGS="$SAN_FLAGS" \
    sipw_configure build-asan --enable-werror --disable-shared) ||
    ! sipw_make build-asan -j2; then
    fail "build-asan/: configure or make (compile or link error)"
    check_rc[build-asan]=notrun
else
    run_check build-asan \
        ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
        UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fi

# --- c. the release tarball ----------------------------------------------
stage c "build/: make distcheck"
if [ "$build_ok" -eq 1 ] && [ "${check_rc[build]}" = 0 ]; then
    if ! sipw_make build -j2 distcheck; then
        fail "build/: make distcheck"
    fi
else
    echo "make distcheck not run: build/ already failed"
fi

# --- d. fuzzing ------------------------------------------------------------
stage d "build-fuzz/: fuzz/build.sh, then each fuzz target for ${SIPW_FUZZ_SECONDS:-20}s (ASan + UBSan)"
# Whether clang links a libFuzzer target (the runtime is a separate
# package on Debian).
have_libfuzzer() {
    local d rc=0
    command -v clang >/dev/null 2>&1 || return 1
    d=$(mktemp -d)
    printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
        'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
        'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { return d && n > 9; }' \
        >"$d/t.c"
    clang -fsanitize=fuzzer,address,undefined -o "$d/t" "$d/t.c" >/dev/null 2>&1 || rc=1
    rm -rf "$d"
    return "$rc"
}
if ! have_libfuzzer; then
    echo "clang with libFuzzer not found: smoke runs skipped (make check still replayed the seeds through every target)"
# OSS-Fuzz's variables, set by hand (clang, ASan + UBSan + libFuzzer).
elif ! (unset CC CXX CFLAGS CXXFLAGS LDFLAGS LIB_FUZZING_ENGINE OUT WORK SRC
    fuzz/build.sh); then
    fail "fuzz/build.sh"
else
    rm -f build-fuzz/work/smoke.tsv
    (unset OUT WORK; fuzz/smoke.sh "${SIPW_FUZZ_SECONDS:-20}") || true
    if [ ! -s build-fuzz/work/smoke.tsv ]; then
        fail "fuzz/smoke.sh ran no target"
    else
        while IFS=$'\t' read -r t result _; do
            if [ "$result" = ok ]; then
                passed=$((passed + 1))
            else
                fail "fuzz smoke run of $t (see build-fuzz/work/logs/$t.log)"
            fi
        done <build-fuzz/work/smoke.tsv
    fi
fi

# --- o. the OSS-Fuzz build check ----------------------------------------------
stage o "build-ossfuzz/: fuzz/oss-fuzz/check-build.sh address (OSS-Fuzz's build and its check)"
if ! have_libfuzzer; then
    echo "clang with libFuzzer not found: the OSS-Fuzz build check is not run"
elif (unset CC CXX CFLAGS CXXFLAGS LDFLAGS LIB_FUZZING_ENGINE OUT WORK SRC
    fuzz/oss-fuzz/check-build.sh address); then
    passed=$((passed + 1))
else
    fail "fuzz/oss-fuzz/check-build.sh address"
fi

# --- e. valgrind ------------------------------------------------------------
stage e "build/: sipwire check under valgrind over the corpus"
if ! command -v valgrind >/dev/null 2>&1; then
    echo "valgrind not found: skipped"
elif [ "$build_ok" -ne 1 ]; then
    echo "not run: build/ failed"
else
    mapfile -t corpus < <(find tests/data ../shared/corpus \
        \( -name '*.sip' -o -name '*.dat' \) -type f 2>/dev/null | LC_ALL=C sort)
    echo "${#corpus[@]} files"
    [ "${#corpus[@]}" -gt 0 ] || fail "valgrind: no corpus files found"
    for mode in $([ "${#corpus[@]}" -gt 0 ] && echo datagram stream); do
        args=(check)
        [ "$mode" = stream ] && args+=(--stream)
        rc=0
        # Exit 1 only says that some messages are invalid (some are on
        # purpose); 99 is valgrind's.
        build/libtool --mode=execute valgrind -q --error-exitcode=99 \
            --leak-check=full --errors-for-leak-kinds=definite,indirect \
            build/sipwire "${args[@]}" "${corpus[@]}" \
            >"build/valgrind-$mode.log" 2>&1 || rc=$?
        if [ "$rc" -eq 0 ] || [ "$rc" -eq 1 ]; then
            passed=$((passed + 1))
            echo "valgrind, $mode: no error"
        else
            grep -E '^==[0-9]+==' "build/valgrind-$mode.log" | head -n 60 >&2 || true
            fail "valgrind: sipwire check ($mode) exited $rc (see build/valgrind-$mode.log)"
        fi
    done
fi

# --- k. a real registrar -----------------------------------------------------
stage k "build/: examples/sipwire-register against Kamailio (tests/kamailio.sh)"
# Kamailio is optional (SIPW_OPTIONAL_DEPS): where apt-get cannot install
# it the stage is reported as not run, except on Debian 12, where it must
# run.
kamailio_bin=$(command -v kamailio || echo /usr/sbin/kamailio)
if [ "$build_ok" -eq 1 ] && [ ! -x "$kamailio_bin" ]; then
    (SIPW_DEPS=("${SIPW_OPTIONAL_DEPS[@]}") && sipw_install_deps) || true
    kamailio_bin=$(command -v kamailio || echo /usr/sbin/kamailio)
fi
if [ "$build_ok" -ne 1 ]; then
    echo "not run: build/ failed"
elif [ ! -x "$kamailio_bin" ]; then
    if grep -qs '^ID=debian$' /etc/os-release &&
        grep -qs '^VERSION_ID="12"$' /etc/os-release; then
        fail "Kamailio could not be installed (apt-get install kamailio); on Debian 12 tests/kamailio.sh must run"
    else
        echo "NOT RUN: Kamailio is not installed and apt-get could not install it: tests/kamailio.sh was skipped"
    fi
else
    rc=0
    SIPW_BUILDDIR=$SIPW_TOP/build KAMAILIO=$kamailio_bin \
        tests/kamailio.sh >build/kamailio.log 2>&1 || rc=$?
    grep -E '^(not ok|# (all|[0-9]+ of))' build/kamailio.log || true
    if [ "$rc" -eq 0 ] && grep -q '^# all [0-9]* passed' build/kamailio.log; then
        passed=$((passed + 1))
    else
        fail "tests/kamailio.sh exited $rc (see build/kamailio.log)"
    fi
fi

# --- t. threads ---------------------------------------------------------------
stage t "build-tsan/: sipwire-bench on two threads under ThreadSanitizer (tests/tsan.sh)"
rc=0
tests/tsan.sh build-tsan >build-tsan.log 2>&1 || rc=$?
tail -n 8 build-tsan.log
if [ "$rc" -eq 0 ]; then
    passed=$((passed + 1))
else
    fail "tests/tsan.sh exited $rc (see build-tsan.log)"
fi

# --- p. other parsers --------------------------------------------------------
stage p "build-compare/: bench/compare checks oSIP2, sofia-sip and libre against sipwire"
# bench/compare refuses to measure unless every library finds the same
# Via branch, tags, Call-ID, CSeq, Contact host and nonce as sipwire, so
# one untimed pass (--iterations 1) is a cross-check of the parsers. The
# libraries are optional (SIPW_COMPARE_DEPS): where apt-get cannot install
# them the stage is reported as not run, except on Debian 12.
compare_pc=(libosip2 sofia-sip-ua libre)
if ! pkg-config --exists "${compare_pc[@]}" 2>/dev/null; then
    (SIPW_DEPS=("${SIPW_COMPARE_DEPS[@]}") && sipw_install_deps) || true
fi
if ! pkg-config --exists "${compare_pc[@]}" 2>/dev/null; then
    if grep -qs '^ID=debian$' /etc/os-release &&
        grep -qs '^VERSION_ID="12"$' /etc/os-release; then
        fail "the libraries of bench/compare could not be installed (apt-get install ${SIPW_COMPARE_DEPS[*]})"
    else
        echo "NOT RUN: ${SIPW_COMPARE_DEPS[*]} are not installed and apt-get could not install them"
    fi
else
    rc=0
    { sipw_configure build-compare --enable-compare &&
        sipw_make build-compare -j"$(sipw_nproc)" bench/compare &&
        build-compare/bench/compare --iterations 1 bench/corpus/*.sip; } \
        >build-compare.log 2>&1 || rc=$?
    tail -n 5 build-compare.log
    if [ "$rc" -eq 0 ]; then
        passed=$((passed + 1))
    else
        fail "bench/compare exited $rc (see build-compare.log)"
    fi
fi

# --- f. totals ---------------------------------------------------------------
stage f "results"
count_results build
count_results build-asan
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
    fail "no test ran at all"
fi
if [ "$skipped" -gt 0 ]; then
    echo "skipped: $skipped ($ALLOWED_SKIP: no shared library in a --disable-shared build)"
fi
if [ "${#failures[@]}" -gt 0 ]; then
    echo "failures:"
    printf '  %s\n' "${failures[@]}"
fi
echo "total time: ${SECONDS}s"
echo "sipwire: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
