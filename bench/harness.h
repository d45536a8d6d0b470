/* SPDX-License-Identifier: MIT */
/* The measuring harness shared by sipwire-bench and compare: loading the
 * corpus, the timing loop (warm-up, median of 5 runs, or a fixed number
 * of passes for callgrind), threads, and the report line. */
#ifndef SIPW_BENCH_HARNESS_H
#define SIPW_BENCH_HARNESS_H

#include <stddef.h>
#include <stdint.h>

/* The messages, one per file, loaded once. Only messages that sipwire
 * accepts and that carry a Content-Length (sipw_frame needs it) are
 * kept, so that every program and every mode sees the same set. */
struct bench_corpus {
    char **data;   /* each message, NUL-terminated for the libraries that
                    * want it (the NUL is not counted) */
    size_t *len;   /* the message's bytes, start line to end of body */
    const char **name;
    size_t n, bytes;
};

/* One thread's state while it runs a mode. */
struct bench_ctx {
    const struct bench_corpus *corpus;
    unsigned char *mem;   /* arena memory of this thread */
    size_t mem_size;
    void *user;           /* whatever the mode's init put there */
    uint64_t sum;         /* checksum of the results, so that no compiler
                           * can drop the work; read after the run */
};

struct bench_mode {
    const char *name;      /* printed as the MODE of the report line */
    /* Per thread, before any pass; optional. Non-zero: give up. */
    int (*init)(struct bench_ctx *ctx);
    /* One pass over the whole corpus. */
    void (*pass)(struct bench_ctx *ctx);
    /* Per thread, after the last pass; optional. */
    void (*fini)(struct bench_ctx *ctx);
};

struct bench_opts {
    double seconds;   /* total time of the 5 timed runs */
    long iterations;  /* > 0: exactly this many passes, no timing loop */
    int threads;      /* each runs the whole corpus, with its own arena */
};

/* Arena memory each thread gets. */
#define BENCH_ARENA_SIZE (256u * 1024u)

/* Parses the common options (--seconds, --iterations, --threads) and
 * loads every FILE argument. Other options are handed to `other`, which
 * returns how many arguments it consumed (0: unknown option). Returns 0
 * on success, -1 after printing the help (--help: exit 0), 2 after
 * printing the usage line (usage error), 1 on an I/O error. */
int bench_args(int argc, char **argv, const char *usage,
               int (*other)(int argc, char **argv, int i),
               struct bench_corpus *c, struct bench_opts *o);

/* Frees what bench_args() loaded. */
void bench_free(struct bench_corpus *c);

/* Runs `mode` as `o` says and prints its report line:
 *   MODE: N msg/s, N MB/s, N ns/msg
 * Returns 0, or 1 when a thread could not be set up. */
int bench_run(const struct bench_mode *mode, const struct bench_corpus *c,
              const struct bench_opts *o);

#endif
