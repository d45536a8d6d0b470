/* SPDX-License-Identifier: MIT */
/* sipwire tests: helpers shared by the Check suites. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "testutil.h"

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "testutil: %s: %s\n", what, detail ? detail : "");
    abort();
}

const char *tu_data_dir(void)
{
    const char *d = getenv("SIPW_TEST_DATA");
    if (!d || !*d)
        die("SIPW_TEST_DATA is not set", "run the tests with make check");
    return d;
}

char *tu_read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *buf;
    long n = 0;
    if (!fp)
        die("cannot open", path);
    if (fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0 ||
        fseek(fp, 0, SEEK_SET) != 0)
        die("cannot size", path);
    buf = malloc((size_t)n + 1);
    if (!buf)
        die("out of memory", path);
    if (fread(buf, 1, (size_t)n, fp) != (size_t)n)
        die("cannot read", path);
    fclose(fp);
    *len = (size_t)n;
    return buf;
}

static void copy_field(char *dst, size_t cap, const char *src)
{
    if (strcmp(src, "-") == 0)
        src = "";
    if (strlen(src) >= cap)
        die("field too long", src);
    strcpy(dst, src);
}

static int listed(const struct tu_case *c, size_t n, const char *file)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (strcmp(c[i].file, file) == 0)
            return 1;
    return 0;
}

struct tu_case *tu_load_cases(const char *dir, size_t *n)
{
    char path[1024], line[4096];
    struct tu_case *cases = NULL;
    size_t count = 0, cap = 0;
    FILE *fp;
    DIR *d;
    struct dirent *de;

    snprintf(path, sizeof path, "%s/%s/EXPECTED.tsv", tu_data_dir(), dir);
    fp = fopen(path, "r");
    if (!fp)
        die("cannot open", path);
    while (fgets(line, sizeof line, fp)) {
        char *f[6];
        int k = 0;
        char *save = NULL, *tok;
        struct tu_case *c;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        line[strcspn(line, "\n")] = '\0';
        for (tok = strtok_r(line, "\t", &save); tok && k < 6;
             tok = strtok_r(NULL, "\t", &save))
            f[k++] = tok;
        if (k < 5)
            die("short line in", path);
        if (count == cap) {
            cap = cap ? cap * 2 : 64;
            cases = realloc(cases, cap * sizeof *cases);
            if (!cases)
                die("out of memory", path);
        }
        c = &cases[count++];
        memset(c, 0, sizeof *c);
        copy_field(c->file, sizeof c->file, f[0]);
        snprintf(c->path, sizeof c->path, "%s/%s/%s", tu_data_dir(), dir,
                 c->file);
        copy_field(c->status, sizeof c->status, f[1]);
        if (strcmp(f[2], "-") != 0 &&
            sscanf(f[2], "%u:%u", &c->line, &c->column) != 2)
            die("bad line:column in", path);
        copy_field(c->header, sizeof c->header, f[3]);
        copy_field(c->warnings, sizeof c->warnings, f[4]);
        if (access(c->path, R_OK) != 0)
            die("listed file missing", c->path);
    }
    fclose(fp);

    /* Every message file in the directory must have a verdict. */
    snprintf(path, sizeof path, "%s/%s", tu_data_dir(), dir);
    d = opendir(path);
    if (!d)
        die("cannot open directory", path);
    while ((de = readdir(d)) != NULL) {
        size_t l = strlen(de->d_name);
        int msgfile = (l > 4 && strcmp(de->d_name + l - 4, ".sip") == 0) ||
                      (l > 4 && strcmp(de->d_name + l - 4, ".dat") == 0);
        if (msgfile && !listed(cases, count, de->d_name))
            die("file has no line in EXPECTED.tsv", de->d_name);
    }
    closedir(d);
    *n = count;
    return cases;
}

void tu_guard_init(struct tu_guard *g, size_t max_len)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t data_pages = (max_len + page - 1) / page + 1;
    g->map_len = (data_pages + 1) * page;
    g->map = mmap(NULL, g->map_len, PROT_READ | PROT_WRITE,
                  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (g->map == MAP_FAILED)
        die("mmap failed", NULL);
    g->fence = g->map + data_pages * page;
    if (mprotect(g->fence, page, PROT_NONE) != 0)
        die("mprotect failed", NULL);
}

const char *tu_guard_put(struct tu_guard *g, const char *data, size_t len)
{
    unsigned char *dst = g->fence - len;
    if (len > (size_t)(g->fence - g->map))
        die("guard buffer too small", NULL);
    if (len)
        memcpy(dst, data, len);
    return (const char *)dst;
}

void tu_guard_free(struct tu_guard *g)
{
    munmap(g->map, g->map_len);
    g->map = g->fence = NULL;
}

int tu_status_from_name(const char *name)
{
    int s;
    for (s = 0; s < SIPW_STATUS__COUNT; s++)
        if (strcmp(sipw_status_name((sipw_status)s), name) == 0)
            return s;
    return -1;
}

sipw_status tu_parse(const char *buf, size_t len, sipw_msg *msg,
                     sipw_error *err)
{
    /* The header table plus typed structs: generous for any test. */
    static unsigned char mem[4u << 20];
    sipw_arena a;
    sipw_arena_init(&a, mem, sizeof mem);
    return sipw_msg_parse(msg, buf, len, 0, &a, err);
}

int tu_run(Suite *s)
{
    SRunner *sr = srunner_create(s);
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
