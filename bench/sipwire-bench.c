/* sipwire-bench: throughput of sipwire on a set of message files.
 *
 *   sipwire-bench [--mode frame|parse|all] [--seconds S | --iterations N]
 *                 FILE...
 *
 * Each FILE holds one message. The files are loaded once; messages that do
 * not parse are skipped (and named on stderr). For each mode one line:
 *
 *   MODE: N msg/s, N MB/s, N ns/msg
 *
 * (MB = 10^6 bytes of input), the median of 5 timed runs after a warm-up.
 * With --iterations N the corpus is processed exactly N times, untimed
 * apart from one line, so that `valgrind --tool=callgrind` counts a
 * repeatable number of instructions.
 *
 * Modes:
 *   frame  sipw_frame(): stream framing (start line, header lines,
 *          Content-Length), no header table
 *   parse  sipw_msg_parse(): datagram parse with the header table in an
 *          arena and the message-level checks */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sipwire/sipwire.h>

struct corpus {
    char **data;
    size_t *len;
    size_t n, bytes;
};

static unsigned char arena_mem[SIPW_MAX_HEADERS * sizeof(sipw_header) + 64];
static volatile size_t sink; /* keeps results alive */

static int load(struct corpus *c, const char *path)
{
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
    sipw_arena_init(&a, arena_mem, sizeof arena_mem);
    if (sipw_msg_parse(&m, buf, (size_t)n, &a, 0, &e) != SIPW_OK) {
        fprintf(stderr, "sipwire-bench: skipping %s (%s)\n", path, e.reason);
        free(buf);
        return 0;
    }
    if (!m.has_content_length) { /* stream framing needs it */
        fprintf(stderr, "sipwire-bench: skipping %s (no Content-Length)\n",
                path);
        free(buf);
        return 0;
    }
    c->data[c->n] = buf;
    c->len[c->n] = m.size; /* the message, without trailing datagram bytes */
    c->bytes += m.size;
    c->n++;
    return 0;
}

static void run_frame(const struct corpus *c)
{
    size_t i, start, mlen, acc = 0;
    sipw_error e;
    for (i = 0; i < c->n; i++) {
        if (sipw_frame(c->data[i], c->len[i], &start, &mlen, &e) == SIPW_OK)
            acc += mlen;
    }
    sink += acc;
}

static void run_parse(const struct corpus *c)
{
    size_t i, acc = 0;
    sipw_arena a;
    sipw_msg m;
    sipw_error e;
    for (i = 0; i < c->n; i++) {
        sipw_arena_init(&a, arena_mem, sizeof arena_mem);
        if (sipw_msg_parse(&m, c->data[i], c->len[i], &a, 0, &e) == SIPW_OK)
            acc += m.nheaders;
    }
    sink += acc;
}

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

static void bench(const char *name, void (*fn)(const struct corpus *),
                  const struct corpus *c, double seconds, long iterations)
{
    double runs[5], per_pass, t0;
    long passes, p;
    int r;

    if (iterations > 0) {
        t0 = now();
        for (p = 0; p < iterations; p++)
            fn(c);
        per_pass = (now() - t0) / (double)iterations;
    } else {
        /* Warm up, then size a run to about seconds/5. */
        passes = 0;
        t0 = now();
        do {
            fn(c);
            passes++;
        } while (now() - t0 < 0.2);
        passes = (long)((double)passes / (now() - t0) * seconds / 5.0) + 1;
        for (r = 0; r < 5; r++) {
            t0 = now();
            for (p = 0; p < passes; p++)
                fn(c);
            runs[r] = (now() - t0) / (double)passes;
        }
        qsort(runs, 5, sizeof runs[0], cmp_double);
        per_pass = runs[2];
    }
    printf("%s: %.0f msg/s, %.0f MB/s, %.0f ns/msg\n", name,
           (double)c->n / per_pass, (double)c->bytes / per_pass / 1e6,
           per_pass / (double)c->n * 1e9);
}

static void usage(FILE *out)
{
    fputs("usage: sipwire-bench [--mode frame|parse|all] "
          "[--seconds S | --iterations N] FILE...\n",
          out);
}

int main(int argc, char **argv)
{
    const char *mode = "all";
    double seconds = 5.0;
    long iterations = 0;
    struct corpus c = {NULL, NULL, 0, 0};
    int i;

    c.data = calloc((size_t)argc, sizeof *c.data);
    c.len = calloc((size_t)argc, sizeof *c.len);
    if (!c.data || !c.len)
        return 2;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--mode") == 0 && i + 1 < argc) {
            mode = argv[++i];
        } else if (strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) {
            seconds = atof(argv[++i]);
        } else if (strcmp(argv[i], "--iterations") == 0 && i + 1 < argc) {
            iterations = atol(argv[++i]);
        } else if (strcmp(argv[i], "-h") == 0 ||
                   strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (argv[i][0] == '-') {
            usage(stderr);
            return 2;
        } else if (load(&c, argv[i]) != 0) {
            return 2;
        }
    }
    if (c.n == 0 || seconds <= 0) {
        usage(stderr);
        return 2;
    }
    if (iterations == 0)
        fprintf(stderr, "sipwire-bench: %zu messages, %zu bytes\n", c.n,
                c.bytes);
    if (strcmp(mode, "frame") == 0 || strcmp(mode, "all") == 0)
        bench("frame", run_frame, &c, seconds, iterations);
    if (strcmp(mode, "parse") == 0 || strcmp(mode, "all") == 0)
        bench("parse", run_parse, &c, seconds, iterations);
    if (strcmp(mode, "frame") && strcmp(mode, "parse") && strcmp(mode, "all")) {
        usage(stderr);
        return 2;
    }
    return 0;
}
