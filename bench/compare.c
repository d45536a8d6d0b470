/* SPDX-License-Identifier: MIT */
/* compare: sipwire beside oSIP2, sofia-sip and libre, on the same
 * messages and the same fields (built with ./configure --enable-compare).
 *
 *   compare [--lib sipwire|osip2|sofia-sip|libre|all]
 *           [--seconds S | --iterations N] [--threads T] FILE...
 *
 * Each library parses every message and the reference fields are read
 * from its structures: the top Via's branch, the From and To tags,
 * Call-ID, CSeq, the first Contact's URI, and realm, nonce and response
 * of the first digest header (bench/modes.h). One line per library, in
 * sipwire-bench's format with the library's name as MODE:
 *
 *   osip2: N msg/s, N MB/s, N ns/msg
 *
 * Before measuring, the branch, tags, Call-ID, CSeq number, Contact host
 * and digest nonce that each library found in each message are checked
 * against sipwire's: a library that skipped work, or read a message
 * otherwise, stops the program with exit status 1. */
#include <stdio.h>
#include <string.h>

#include <sipwire/sipwire.h>

#include "compare.h"
#include "harness.h"
#include "modes.h"

static const char usage[] =
    "compare [--lib sipwire|osip2|sofia-sip|libre|all] "
    "[--seconds S | --iterations N] [--threads T] FILE...";

static const char *only = "all";

static int lib_arg(int argc, char **argv, int i)
{
    if (strcmp(argv[i], "--lib") != 0 || i + 1 >= argc)
        return 0;
    only = argv[i + 1];
    return 2;
}

void cmp_copy(char *dst, size_t cap, const char *s, size_t len)
{
    if (!s)
        len = 0;
    if (len >= 2 && s[0] == '"' && s[len - 1] == '"') {
        s++;
        len -= 2;
    }
    if (len >= cap)
        len = cap - 1;
    if (len)
        memcpy(dst, s, len);
    dst[len] = '\0';
}

static void from_sipwire(const struct bench_fields *b, struct cmp_fields *f)
{
    memset(f, 0, sizeof *f);
    cmp_copy(f->branch, sizeof f->branch, b->branch.p, b->branch.len);
    cmp_copy(f->from_tag, sizeof f->from_tag, b->from_tag.p, b->from_tag.len);
    cmp_copy(f->to_tag, sizeof f->to_tag, b->to_tag.p, b->to_tag.len);
    cmp_copy(f->call_id, sizeof f->call_id, b->call_id.p, b->call_id.len);
    f->cseq = (long)b->cseq;
    cmp_copy(f->contact_host, sizeof f->contact_host, b->contact_host.p,
             b->contact_host.len);
    cmp_copy(f->nonce, sizeof f->nonce, b->nonce.p, b->nonce.len);
}

/* Some libraries keep the brackets of an IPv6 reference, some do not. */
static void unbracket(char *host)
{
    size_t n = strlen(host);
    if (n >= 2 && host[0] == '[' && host[n - 1] == ']') {
        memmove(host, host + 1, n - 2);
        host[n - 2] = '\0';
    }
}

static int same(const char *file, const char *lib, const char *field,
                const char *got, const char *want)
{
    if (strcmp(got, want) == 0)
        return 1;
    fprintf(stderr, "compare: %s: %s reads the %s as \"%s\", sipwire as "
                    "\"%s\"\n",
            file, lib, field, got, want);
    return 0;
}

/* Checks every library's fields against sipwire's, message by message. */
static int check(const struct bench_corpus *c, const struct cmp_lib *const *libs,
                 size_t nlibs)
{
    static unsigned char mem[BENCH_ARENA_SIZE];
    struct bench_fields b;
    struct cmp_fields want, got;
    sipw_arena a;
    sipw_msg m;
    size_t i, k;
    int ok = 1;

    for (i = 0; i < c->n; i++) {
        sipw_arena_init(&a, mem, sizeof mem);
        if (sipw_msg_parse(&m, c->data[i], c->len[i], 0, &a, NULL) !=
            SIPW_OK) {
            fprintf(stderr, "compare: %s: sipwire cannot parse it\n",
                    c->name[i]);
            return 1;
        }
        bench_fields_get(&m, &b);
        from_sipwire(&b, &want);
        unbracket(want.contact_host);
        for (k = 0; k < nlibs; k++) {
            const char *lib = libs[k]->name;
            if (libs[k]->fields(c->data[i], c->len[i], &got) != 0) {
                fprintf(stderr, "compare: %s: %s cannot parse it\n",
                        c->name[i], lib);
                ok = 0;
                continue;
            }
            unbracket(got.contact_host);
            ok &= same(c->name[i], lib, "Via branch", got.branch,
                       want.branch);
            ok &= same(c->name[i], lib, "From tag", got.from_tag,
                       want.from_tag);
            ok &= same(c->name[i], lib, "To tag", got.to_tag, want.to_tag);
            ok &= same(c->name[i], lib, "Call-ID", got.call_id,
                       want.call_id);
            ok &= same(c->name[i], lib, "Contact host", got.contact_host,
                       want.contact_host);
            ok &= same(c->name[i], lib, "digest nonce", got.nonce,
                       want.nonce);
            if (got.cseq != want.cseq) {
                fprintf(stderr, "compare: %s: %s reads the CSeq number as "
                                "%ld, sipwire as %ld\n",
                        c->name[i], lib, got.cseq, want.cseq);
                ok = 0;
            }
        }
    }
    if (!ok)
        fprintf(stderr, "compare: the libraries disagree: no measurement\n");
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    static const struct cmp_lib *const all[] = {&cmp_osip, &cmp_sofia,
                                                &cmp_re};
    const struct cmp_lib *libs[3];
    struct bench_mode sipwire = bench_mode_full;
    struct bench_corpus c;
    struct bench_opts o;
    size_t k, nlibs = 0;
    int want_sipwire, rc = bench_args(argc, argv, usage, lib_arg, &c, &o);

    if (rc != 0) {
        bench_free(&c);
        return rc < 0 ? 0 : rc;
    }
    want_sipwire = !strcmp(only, "all") || !strcmp(only, "sipwire");
    for (k = 0; k < sizeof all / sizeof all[0]; k++) {
        if (strcmp(only, "all") && strcmp(only, all[k]->name))
            continue;
        if (all[k]->init() != 0) {
            fprintf(stderr, "compare: %s: initialisation failed\n",
                    all[k]->name);
            rc = 1;
        }
        libs[nlibs++] = all[k];
    }
    if (rc == 0 && !want_sipwire && nlibs == 0) {
        fprintf(stderr, "compare: unknown library \"%s\"\nusage: %s\n", only,
                usage);
        rc = 2;
    }
    if (rc == 0)
        rc = check(&c, libs, nlibs);
    sipwire.name = "sipwire";
    if (rc == 0 && want_sipwire)
        rc = bench_run(&sipwire, &c, &o);
    for (k = 0; rc == 0 && k < nlibs; k++)
        rc = bench_run(&libs[k]->mode, &c, &o);
    bench_free(&c);
    return rc;
}
