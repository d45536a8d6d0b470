/* SPDX-License-Identifier: MIT */
/* sipwire fuzzing: the standalone replay driver.
 *
 *   tests/fuzz_replay [-t TARGET] [-v] [PATH...]
 *
 * Runs every fuzz target (fuzz/fuzz_*.c, linked into this one program,
 * see fuzz.h) on every file under each PATH (directories are walked), so
 * that builds without libFuzzer, such as the plain gcc one of
 * `make check`, replay the seeds and the regression inputs too. A target
 * that takes header values or a framed stream rather than a whole message
 * also gets the seeds fuzz/seeds.c cuts out of each file.
 *
 * Without PATH (as `make check` runs it) it replays tests/data and
 * tests/regress of $SIPW_SRCDIR (default "."), and first checks that
 * every fuzz/fuzz_*.c there is linked in and that every tests/regress/
 * directory is named after a target. Exit status 0 when all is well; a
 * broken invariant aborts, and the file being replayed is named on
 * standard error. */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "seeds.h"

static struct sipw_fuzz_target *targets;
static size_t ntargets;

void sipw_fuzz_register(struct sipw_fuzz_target *t)
{
    /* Keep the list sorted by name, for a stable order. */
    struct sipw_fuzz_target **pp = &targets;
    while (*pp && strcmp((*pp)->name, t->name) < 0)
        pp = &(*pp)->next;
    t->next = *pp;
    *pp = t;
    ntargets++;
}

static struct sipw_fuzz_target *find_target(const char *name)
{
    struct sipw_fuzz_target *t;
    for (t = targets; t; t = t->next)
        if (strcmp(t->name, name) == 0)
            return t;
    return NULL;
}

/* --- naming the input that crashed ------------------------------------- */

static const char *volatile cur_file = "";
static const char *volatile cur_target = "";
static volatile long cur_seed = -1;

static void put(const char *s)
{
    ssize_t r = write(2, s, strlen(s));
    (void)r;
}

static void say_where(void)
{
    char num[24];
    long n = cur_seed;
    size_t i = sizeof num - 1;

    put("replay: crashed in ");
    put(cur_target);
    put(" on ");
    put(cur_file);
    if (n >= 0) {
        /* No snprintf in a signal handler. */
        num[i] = '\0';
        do {
            num[--i] = (char)('0' + n % 10);
            n /= 10;
        } while (n && i > 0);
        put(" (seed ");
        put(num + i);
        put(" cut out of it: rerun with -v -v to see it)");
    }
    put("\n");
}

static void on_signal(int sig)
{
    say_where();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Provided by the sanitizer runtimes when they are linked in. */
void __sanitizer_set_death_callback(void (*cb)(void)) __attribute__((weak));

/* --- running ------------------------------------------------------------ */

static const char *only_target; /* -t */
static int verbose;             /* -v */
static unsigned long nfiles, nruns;

struct seed_ctx {
    struct sipw_fuzz_target *t;
    long n;
};

static void run_seed(void *ctx, const unsigned char *p, size_t n)
{
    struct seed_ctx *c = (struct seed_ctx *)ctx;
    cur_seed = c->n++;
    if (verbose > 1) {
        fprintf(stderr, "replay:   %s seed %ld: %zu bytes: ", c->t->name,
                (long)cur_seed, n);
        fwrite(p, 1, n, stderr);
        fputc('\n', stderr);
    }
    c->t->run(p, n);
    nruns++;
}

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    size_t len = 0, cap = 0, got;
    struct sipw_fuzz_target *t;

    if (!f) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        return -1;
    }
    do {
        if (len == cap) {
            unsigned char *nb;
            cap = cap ? 2 * cap : 65536;
            nb = (unsigned char *)realloc(buf, cap);
            if (!nb)
                abort();
            buf = nb;
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
    } while (got > 0);
    if (ferror(f)) {
        fprintf(stderr, "replay: %s: read error\n", path);
        fclose(f);
        free(buf);
        return -1;
    }
    fclose(f);
    if (verbose)
        fprintf(stderr, "replay: %s (%zu bytes)\n", path, len);

    cur_file = path;
    for (t = targets; t; t = t->next) {
        struct seed_ctx c;
        if (only_target && strcmp(t->name, only_target) != 0)
            continue;
        cur_target = t->name;
        cur_seed = -1;
        /* Exactly the file's bytes: libFuzzer never passes NULL. */
        t->run(buf, len);
        nruns++;
        if (strcmp(t->seeds, "msg") != 0) {
            c.t = t;
            c.n = 0;
            if (sipw_seeds(t->seeds, buf, len, run_seed, &c) < 0) {
                fprintf(stderr, "replay: %s: unknown seed kind '%s'\n",
                        t->name, t->seeds);
                free(buf);
                return -1;
            }
        }
    }
    cur_file = "";
    cur_target = "";
    cur_seed = -1;
    nfiles++;
    free(buf);
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names in dir (without "." entries, hidden files, README files and
 * .gitkeep), sorted; NULL-terminated, free with free_names(). */
static char **list_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char **names = NULL;
    size_t n = 0, cap = 0;

    if (!d) {
        fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
        return NULL;
    }
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.' || strncmp(de->d_name, "README", 6) == 0)
            continue;
        if (n + 2 > cap) {
            char **nn;
            cap = cap ? 2 * cap : 64;
            nn = (char **)realloc(names, cap * sizeof *names);
            if (!nn)
                abort();
            names = nn;
        }
        names[n] = strdup(de->d_name);
        if (!names[n])
            abort();
        n++;
    }
    closedir(d);
    if (!names) {
        names = (char **)malloc(sizeof *names);
        if (!names)
            abort();
    }
    names[n] = NULL;
    qsort(names, n, sizeof *names, cmp_str);
    return names;
}

static void free_names(char **names)
{
    size_t i;
    for (i = 0; names[i]; i++)
        free(names[i]);
    free(names);
}

static char *join(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *s = (char *)malloc(la + lb + 2);
    if (!s)
        abort();
    memcpy(s, a, la);
    s[la] = '/';
    memcpy(s + la + 1, b, lb + 1);
    return s;
}

static int replay_path(const char *path)
{
    struct stat st;
    char **names;
    size_t i;
    int rc = 0;

    if (stat(path, &st) != 0) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode))
        return replay_file(path);
    names = list_dir(path);
    if (!names)
        return -1;
    for (i = 0; names[i]; i++) {
        char *sub = join(path, names[i]);
        if (replay_path(sub) != 0)
            rc = -1;
        free(sub);
    }
    free_names(names);
    return rc;
}

/* --- the checks of a `make check` run ------------------------------------ */

/* Every fuzz/fuzz_*.c of the source tree is linked into this program, and
 * every tests/regress/ directory is named after a target. */
static int check_tree(const char *srcdir)
{
    char *dir = join(srcdir, "fuzz");
    char **names = list_dir(dir);
    size_t i, n;
    int rc = 0;

    free(dir);
    if (!names)
        return -1;
    for (i = 0, n = 0; names[i]; i++) {
        const char *s = names[i];
        size_t len = strlen(s);
        char name[256];
        if (strncmp(s, "fuzz_", 5) != 0 || len < 3 ||
            strcmp(s + len - 2, ".c") != 0 || len - 2 >= sizeof name)
            continue;
        memcpy(name, s, len - 2);
        name[len - 2] = '\0';
        n++;
        if (!find_target(name)) {
            fprintf(stderr,
                    "replay: fuzz/%s is not linked into the replay driver: "
                    "add it to FUZZ_TARGETS in Makefile.am\n",
                    s);
            rc = -1;
        }
    }
    free_names(names);
    if (n != ntargets) {
        fprintf(stderr, "replay: %zu targets linked in, %zu fuzz/fuzz_*.c\n",
                ntargets, n);
        rc = -1;
    }

    dir = join(srcdir, "tests/regress");
    names = list_dir(dir);
    if (!names) {
        free(dir);
        return -1;
    }
    for (i = 0; names[i]; i++) {
        char *sub = join(dir, names[i]);
        struct stat st;
        if (stat(sub, &st) != 0 || !S_ISDIR(st.st_mode) ||
            !find_target(names[i])) {
            fprintf(stderr,
                    "replay: tests/regress/%s is not the directory of a fuzz "
                    "target\n",
                    names[i]);
            rc = -1;
        }
        free(sub);
    }
    free_names(names);
    free(dir);
    return rc;
}

static void usage(FILE *out)
{
    fputs("usage: fuzz_replay [-t TARGET] [-v] [PATH...]\n"
          "Runs the fuzz targets on every file under each PATH; without\n"
          "PATH, on tests/data and tests/regress of $SIPW_SRCDIR (or .).\n"
          "  -t TARGET  only this target (e.g. fuzz_uri)\n"
          "  -v         name each file; -v -v also prints each cut-out seed\n",
          out);
}

int main(int argc, char **argv)
{
    int i, rc = 0, npaths = 0;
    struct sipw_fuzz_target *t;

    signal(SIGABRT, on_signal);
    signal(SIGSEGV, on_signal);
    signal(SIGBUS, on_signal);
    signal(SIGFPE, on_signal);
    signal(SIGILL, on_signal);
    if (__sanitizer_set_death_callback)
        __sanitizer_set_death_callback(say_where);

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-t") == 0 && i + 1 < argc) {
            only_target = argv[++i];
            if (!find_target(only_target)) {
                fprintf(stderr, "replay: no target '%s'\n", only_target);
                return 2;
            }
        } else if (strcmp(argv[i], "-v") == 0) {
            verbose++;
        } else if (strcmp(argv[i], "-h") == 0 ||
                   strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            usage(stderr);
            return 2;
        } else {
            npaths++;
        }
    }
    if (ntargets == 0) {
        fputs("replay: no fuzz target linked in\n", stderr);
        return 1;
    }

    if (npaths > 0) {
        for (i = 1; i < argc; i++) {
            if (strcmp(argv[i], "-t") == 0) {
                i++;
                continue;
            }
            if (argv[i][0] == '-' && argv[i][1] != '\0')
                continue;
            if (replay_path(argv[i]) != 0)
                rc = 1;
        }
    } else {
        const char *src = getenv("SIPW_SRCDIR");
        char *data, *regress;
        if (!src || !*src)
            src = ".";
        if (check_tree(src) != 0)
            rc = 1;
        data = join(src, "tests/data");
        regress = join(src, "tests/regress");
        if (replay_path(data) != 0 || replay_path(regress) != 0)
            rc = 1;
        free(data);
        free(regress);
    }

    printf("replay: %lu files, %lu runs of", nfiles, nruns);
    for (t = targets; t; t = t->next)
        if (!only_target || strcmp(t->name, only_target) == 0)
            printf(" %s", t->name);
    printf("\n");
    if (nfiles == 0) {
        fputs("replay: no file replayed\n", stderr);
        rc = 1;
    }
    return rc;
}
