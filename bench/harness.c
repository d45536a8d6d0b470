/* SPDX-License-Identifier: MIT */
/* The measuring harness shared by sipwire-bench and compare (harness.h).
 *
 * Timed runs: a calibration of about 0.2 s sizes a run to seconds/5, then
 * (with threads, after one untimed warm-up round) 5 runs are timed and
 * the median is reported. With --iterations N, N passes run once, so that
 * callgrind counts the same instructions every time. With --threads T,
 * T threads each run the whole corpus, started together at a barrier; a
 * run lasts until the last one is done, and the report gives the
 * aggregate: T times the corpus over that wall time. */
#define _POSIX_C_SOURCE 200809L

#include "harness.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sipwire/sipwire.h>

#define RUNS 5

static volatile uint64_t sink; /* written by the main thread only */
static const char *prog = "bench";

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Reads one file; keeps it when sipwire accepts it and it has a
 * Content-Length. Returns 0 (kept or skipped) or -1 (I/O error). */
static int load(struct bench_corpus *c, const char *path)
{
    static unsigned char mem[BENCH_ARENA_SIZE];
    FILE *fp = fopen(path, "rb");
    long n;
    char *buf;
    sipw_arena a;
    sipw_msg m;
    sipw_error e;

    if (!fp || fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0 ||
        fseek(fp, 0, SEEK_SET) != 0) {
        perror(path);
        if (fp)
            fclose(fp);
        return -1;
    }
    buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, fp) != (size_t)n) {
        perror(path);
        fclose(fp);
        free(buf);
        return -1;
    }
    fclose(fp);
    buf[n] = '\0';
    sipw_arena_init(&a, mem, sizeof mem);
    if (sipw_msg_parse(&m, buf, (size_t)n, 0, &a, &e) != SIPW_OK) {
        fprintf(stderr, "%s: skipping %s (%s)\n", prog, path, e.reason);
        free(buf);
        return 0;
    }
    if (!m.has_content_length) { /* stream framing needs it */
        fprintf(stderr, "%s: skipping %s (no Content-Length)\n", prog, path);
        free(buf);
        return 0;
    }
    buf[m.size] = '\0'; /* drop trailing datagram bytes for everyone */
    c->data[c->n] = buf;
    c->len[c->n] = m.size;
    c->name[c->n] = path;
    c->bytes += m.size;
    c->n++;
    return 0;
}

static int positive(const char *s, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end != '\0' || !(v > 0))
        return 0;
    *out = v;
    return 1;
}

int bench_args(int argc, char **argv, const char *usage,
               int (*other)(int argc, char **argv, int i),
               struct bench_corpus *c, struct bench_opts *o)
{
    const char *slash;
    double v;
    int i, used;

    if (argc > 0 && argv[0]) {
        slash = strrchr(argv[0], '/');
        prog = slash ? slash + 1 : argv[0];
    }
    o->seconds = 5.0;
    o->iterations = 0;
    o->threads = 1;
    memset(c, 0, sizeof *c);
    c->data = calloc((size_t)argc + 1, sizeof *c->data);
    c->len = calloc((size_t)argc + 1, sizeof *c->len);
    c->name = calloc((size_t)argc + 1, sizeof *c->name);
    if (!c->data || !c->len || !c->name) {
        perror(prog);
        return 1;
    }
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            printf("usage: %s\n", usage);
            return -1;
        } else if (strcmp(a, "--seconds") == 0 && val && positive(val, &v)) {
            o->seconds = v;
            i++;
        } else if (strcmp(a, "--iterations") == 0 && val &&
                   positive(val, &v) && v < 1e12 && v == (double)(long)v) {
            o->iterations = (long)v;
            i++;
        } else if (strcmp(a, "--threads") == 0 && val && positive(val, &v) &&
                   v <= 256 && v == (double)(int)v) {
            o->threads = (int)v;
            i++;
        } else if (a[0] == '-' && a[1] != '\0') {
            used = other ? other(argc, argv, i) : 0;
            if (used <= 0) {
                fprintf(stderr, "usage: %s\n", usage);
                return 2;
            }
            i += used - 1;
        } else if (load(c, a) != 0) {
            return 1;
        }
    }
    if (c->n == 0) {
        fprintf(stderr, "%s: no message to measure\nusage: %s\n", prog,
                usage);
        return 2;
    }
    fprintf(stderr, "%s: %zu messages, %zu bytes\n", prog, c->n, c->bytes);
    return 0;
}

void bench_free(struct bench_corpus *c)
{
    size_t i;
    for (i = 0; i < c->n; i++)
        free(c->data[i]);
    free(c->data);
    free(c->len);
    free(c->name);
    memset(c, 0, sizeof *c);
}

struct plan {
    const struct bench_mode *mode;
    int rounds;          /* rounds[0] is the warm-up when timed */
    long passes[RUNS + 1];
    pthread_barrier_t start; /* each round starts when all are there */
};

struct worker {
    pthread_t tid;
    struct bench_ctx ctx;
    struct plan *plan;
    /* When this thread began and ended each round: the threads time
     * themselves, since the main thread may get no core to wake up on
     * while they run. */
    double began[RUNS + 1], ended[RUNS + 1];
};

static void run_passes(const struct bench_mode *m, struct bench_ctx *ctx,
                       long passes)
{
    long p;
    for (p = 0; p < passes; p++)
        m->pass(ctx);
}

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    struct plan *pl = w->plan;
    int r;
    for (r = 0; r < pl->rounds; r++) {
        pthread_barrier_wait(&pl->start);
        w->began[r] = now();
        run_passes(pl->mode, &w->ctx, pl->passes[r]);
        w->ended[r] = now();
    }
    return NULL;
}

/* Runs the plan on `nw` workers (in this thread when nw is 1); wall[r]
 * is the time of round r, from the first thread's start to the last
 * one's end. Returns 0 or -1. */
static int execute(struct plan *pl, struct worker *w, int nw, double *wall)
{
    int r, t;
    double t0, t1;

    if (nw == 1) {
        for (r = 0; r < pl->rounds; r++) {
            t0 = now();
            run_passes(pl->mode, &w[0].ctx, pl->passes[r]);
            wall[r] = now() - t0;
        }
        return 0;
    }
    if (pthread_barrier_init(&pl->start, NULL, (unsigned)nw) != 0)
        return -1;
    for (t = 0; t < nw; t++) {
        w[t].plan = pl;
        if (pthread_create(&w[t].tid, NULL, worker_main, &w[t]) != 0) {
            /* The ones already started wait at a barrier that will never
             * open: only the exit of the process ends them. */
            fprintf(stderr, "%s: could not start %d threads\n", prog, nw);
            exit(1);
        }
    }
    for (t = 0; t < nw; t++)
        pthread_join(w[t].tid, NULL);
    for (r = 0; r < pl->rounds; r++) {
        t0 = w[0].began[r];
        t1 = w[0].ended[r];
        for (t = 1; t < nw; t++) {
            if (w[t].began[r] < t0)
                t0 = w[t].began[r];
            if (w[t].ended[r] > t1)
                t1 = w[t].ended[r];
        }
        wall[r] = t1 - t0;
    }
    pthread_barrier_destroy(&pl->start);
    return 0;
}

int bench_run(const struct bench_mode *mode, const struct bench_corpus *c,
              const struct bench_opts *o)
{
    struct plan pl;
    struct worker *w;
    double wall[RUNS + 1], per_pass[RUNS], pp, t0, elapsed;
    double msgs, bytes;
    long passes;
    int nw = o->threads, t, r, ready = 0, rc = 1;

    w = calloc((size_t)nw, sizeof *w);
    if (!w) {
        perror(prog);
        return 1;
    }
    for (t = 0; t < nw; t++) {
        w[t].ctx.corpus = c;
        w[t].ctx.mem_size = BENCH_ARENA_SIZE;
        w[t].ctx.mem = malloc(BENCH_ARENA_SIZE);
        if (!w[t].ctx.mem) {
            perror(prog);
            goto out;
        }
        if (mode->init && mode->init(&w[t].ctx) != 0) {
            fprintf(stderr, "%s: %s: setting up thread %d failed\n", prog,
                    mode->name, t + 1);
            free(w[t].ctx.mem);
            w[t].ctx.mem = NULL;
            goto out;
        }
        ready++;
    }

    memset(&pl, 0, sizeof pl);
    pl.mode = mode;
    if (o->iterations > 0) {
        pl.rounds = 1;
        pl.passes[0] = o->iterations;
        if (execute(&pl, w, nw, wall) != 0)
            goto out;
        pp = wall[0] / (double)o->iterations;
    } else {
        /* Calibrate on one thread, then size a run to seconds/5. */
        passes = 0;
        t0 = now();
        do {
            mode->pass(&w[0].ctx);
            passes++;
        } while ((elapsed = now() - t0) < 0.2);
        passes = (long)((double)passes / elapsed * o->seconds / RUNS) + 1;
        pl.rounds = RUNS + 1;
        pl.passes[0] = nw > 1 ? passes / 4 + 1 : 0; /* threads warm up */
        for (r = 1; r <= RUNS; r++)
            pl.passes[r] = passes;
        if (execute(&pl, w, nw, wall) != 0)
            goto out;
        for (r = 0; r < RUNS; r++)
            per_pass[r] = wall[r + 1] / (double)passes;
        qsort(per_pass, RUNS, sizeof per_pass[0], cmp_double);
        pp = per_pass[RUNS / 2];
    }
    msgs = (double)nw * (double)c->n;
    bytes = (double)nw * (double)c->bytes;
    printf("%s: %.0f msg/s, %.0f MB/s, %.0f ns/msg\n", mode->name,
           msgs / pp, bytes / pp / 1e6, pp / msgs * 1e9);
    fflush(stdout);
    rc = 0;
out:
    for (t = 0; t < ready; t++) {
        if (mode->fini)
            mode->fini(&w[t].ctx);
        sink += w[t].ctx.sum;
        free(w[t].ctx.mem);
    }
    free(w);
    return rc;
}
