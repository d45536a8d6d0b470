/* SPDX-License-Identifier: MIT */
/* sipwire-bench: throughput of sipwire on a set of message files.
 *
 *   sipwire-bench [--mode frame|lazy|full|write|all] [--seconds S |
 *                 --iterations N] [--threads T] FILE...
 *
 * Each FILE holds one message. The files are loaded once; messages that
 * do not parse, or have no Content-Length, are skipped (and named on
 * stderr). For each mode one line:
 *
 *   MODE: N msg/s, N MB/s, N ns/msg
 *
 * (MB = 10^6 bytes of input), the median of 5 timed runs after a warm-up,
 * then the arena a full parse takes:
 *
 *   arena: N bytes/msg (max M)
 *
 * (and "arena (lazy): ..." when lazy runs). With --iterations N the
 * corpus is processed exactly N times, so that `valgrind --tool=callgrind`
 * counts a repeatable number of instructions. With --threads T, T threads
 * each process the whole corpus with an arena of their own, and the line
 * gives their aggregate throughput (ns/msg = 10^9 / msg/s).
 *
 * Modes (bench/modes.h): frame, lazy, full (alias: parse, its old name),
 * write. Before measuring, every message is run once through each chosen
 * mode and checked; a failure is reported and the exit status is 1. */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "modes.h"

static const char usage[] =
    "sipwire-bench [--mode frame|lazy|full|write|all] "
    "[--seconds S | --iterations N] [--threads T] FILE...";

static const char *mode = "all";

static int mode_arg(int argc, char **argv, int i)
{
    if (strcmp(argv[i], "--mode") != 0 || i + 1 >= argc)
        return 0;
    mode = argv[i + 1];
    if (strcmp(mode, "parse") == 0)
        mode = "full";
    if (strcmp(mode, "frame") && strcmp(mode, "lazy") &&
        strcmp(mode, "full") && strcmp(mode, "write") && strcmp(mode, "all"))
        return 0;
    return 2;
}

int main(int argc, char **argv)
{
    static const struct bench_mode *const modes[] = {
        &bench_mode_frame, &bench_mode_lazy, &bench_mode_full,
        &bench_mode_write};
    struct bench_corpus c;
    struct bench_opts o;
    size_t k;
    int rc = bench_args(argc, argv, usage, mode_arg, &c, &o);

    if (rc != 0) {
        bench_free(&c);
        return rc < 0 ? 0 : rc;
    }
    if (bench_modes_setup(&c, mode) != 0)
        rc = 1;
    for (k = 0; rc == 0 && k < sizeof modes / sizeof modes[0]; k++) {
        if (strcmp(mode, "all") == 0 || strcmp(mode, modes[k]->name) == 0)
            rc = bench_run(modes[k], &c, &o);
    }
    if (rc == 0)
        bench_arena_report(&c, !strcmp(mode, "all") || !strcmp(mode, "lazy"));
    bench_modes_free(&c);
    bench_free(&c);
    return rc;
}
