/* SPDX-License-Identifier: MIT */
/* sipwire's benchmark modes (modes.h). */
#include "modes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One byte of each field is read as well as its length, so that the
 * fields are really looked at. */
static uint64_t touch(sipw_str s)
{
    return s.len ? s.len + (unsigned char)s.p[s.len - 1] : 0;
}

static const sipw_str none = {NULL, 0};

void bench_fields_get(const sipw_msg *m, struct bench_fields *f)
{
    const sipw_auth *au = m->www_authenticate;
    if (!au)
        au = m->authorization;
    if (!au)
        au = m->proxy_authenticate;
    if (!au)
        au = m->proxy_authorization;
    f->branch = m->via ? m->via->branch : none;
    f->from_tag = m->from ? m->from->tag : none;
    f->to_tag = m->to ? m->to->tag : none;
    f->call_id = m->call_id;
    f->cseq = m->cseq ? (int64_t)m->cseq->seq : -1;
    f->cseq_method = m->cseq ? m->cseq->method : none;
    f->contact_user = m->contact ? m->contact->uri.user : none;
    f->contact_host = m->contact ? m->contact->uri.host : none;
    f->contact_port = m->contact ? m->contact->uri.port : -1;
    f->realm = au ? au->realm : none;
    f->nonce = au ? au->nonce : none;
    f->response = au ? au->response : none;
}

uint64_t bench_fields_sum(const struct bench_fields *f)
{
    return touch(f->branch) + touch(f->from_tag) + touch(f->to_tag) +
           touch(f->call_id) + (uint64_t)f->cseq + touch(f->cseq_method) +
           touch(f->contact_user) + touch(f->contact_host) +
           (uint64_t)f->contact_port + touch(f->realm) + touch(f->nonce) +
           touch(f->response);
}

/* --- frame ----------------------------------------------------------- */

static void pass_frame(struct bench_ctx *ctx)
{
    const struct bench_corpus *c = ctx->corpus;
    size_t i, start, mlen;
    uint64_t acc = 0;
    for (i = 0; i < c->n; i++) {
        if (sipw_frame(c->data[i], c->len[i], &start, &mlen, NULL) ==
            SIPW_OK)
            acc += mlen;
    }
    ctx->sum += acc;
}

/* --- lazy -------------------------------------------------------------- */

static sipw_status parse_lazy(const char *buf, size_t len, sipw_arena *a,
                              sipw_msg *m, sipw_error *e)
{
    sipw_status st = sipw_msg_parse(m, buf, len, SIPW_PARSE_LAZY, a, e);
    if (st == SIPW_OK)
        st = sipw_msg_typed(m, SIPW_HDR_CALL_ID, a, e);
    if (st == SIPW_OK)
        st = sipw_msg_typed(m, SIPW_HDR_CSEQ, a, e);
    return st;
}

static void pass_lazy(struct bench_ctx *ctx)
{
    const struct bench_corpus *c = ctx->corpus;
    size_t i;
    sipw_arena a;
    sipw_msg m;
    uint64_t acc = 0;
    for (i = 0; i < c->n; i++) {
        sipw_arena_init(&a, ctx->mem, ctx->mem_size);
        if (parse_lazy(c->data[i], c->len[i], &a, &m, NULL) == SIPW_OK)
            acc += touch(m.call_id) + m.cseq->seq;
    }
    ctx->sum += acc;
}

/* --- full -------------------------------------------------------------- */

static void pass_full(struct bench_ctx *ctx)
{
    const struct bench_corpus *c = ctx->corpus;
    size_t i;
    sipw_arena a;
    sipw_msg m;
    struct bench_fields f;
    uint64_t acc = 0;
    for (i = 0; i < c->n; i++) {
        sipw_arena_init(&a, ctx->mem, ctx->mem_size);
        if (sipw_msg_parse(&m, c->data[i], c->len[i], SIPW_PARSE_DEFAULT, &a,
                           NULL) == SIPW_OK) {
            bench_fields_get(&m, &f);
            acc += bench_fields_sum(&f);
        }
    }
    ctx->sum += acc;
}

/* --- write ------------------------------------------------------------- */

/* The messages parsed once, each in an arena of its own; read-only while
 * the threads write them. */
static sipw_msg *pre_msg;
static unsigned char **pre_mem; /* their arenas */
static size_t out_cap;

static int init_write(struct bench_ctx *ctx)
{
    ctx->user = malloc(out_cap);
    if (!ctx->user) {
        perror("write buffer");
        return 1;
    }
    return 0;
}

static void pass_write(struct bench_ctx *ctx)
{
    const struct bench_corpus *c = ctx->corpus;
    char *out = ctx->user;
    size_t i, n;
    uint64_t acc = 0;
    for (i = 0; i < c->n; i++) {
        n = sipw_msg_write(&pre_msg[i], out, out_cap, SIPW_WRITE_DEFAULT,
                           NULL);
        acc += n + (unsigned char)out[n / 2];
    }
    ctx->sum += acc;
}

static void fini_write(struct bench_ctx *ctx)
{
    free(ctx->user);
    ctx->user = NULL;
}

const struct bench_mode bench_mode_frame = {"frame", NULL, pass_frame, NULL};
const struct bench_mode bench_mode_lazy = {"lazy", NULL, pass_lazy, NULL};
const struct bench_mode bench_mode_full = {"full", NULL, pass_full, NULL};
const struct bench_mode bench_mode_write = {"write", init_write, pass_write,
                                            fini_write};

/* --- setup: every message must go through every mode ------------------ */

static int str_eq(sipw_str a, sipw_str b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.p, b.p, a.len) == 0);
}

static int fail(const char *name, const char *mode, const char *what,
                const char *reason)
{
    fprintf(stderr, "%s: %s: %s%s%s\n", name, mode, what,
            reason ? ": " : "", reason ? reason : "");
    return 1;
}

static int wants(const char *which, const char *mode)
{
    return strcmp(which, "all") == 0 || strcmp(which, mode) == 0;
}

/* Parses message i into memory of its own for the write mode, writes it,
 * and checks that the output parses to the same reference fields. */
static int setup_write(const struct bench_corpus *c, size_t i,
                       const struct bench_fields *want, unsigned char *mem)
{
    const char *name = c->name[i];
    unsigned char *own;
    char *out;
    size_t n, used;
    sipw_arena a;
    sipw_msg m;
    sipw_error e;
    struct bench_fields got;
    int rc = 0;

    /* Size the message's own arena from a first parse. */
    sipw_arena_init(&a, mem, BENCH_ARENA_SIZE);
    if (sipw_msg_parse(&m, c->data[i], c->len[i], 0, &a, &e) != SIPW_OK)
        return fail(name, "write", "parse", e.reason);
    used = sipw_arena_used(&a) + 64; /* + alignment of another base */
    own = pre_mem[i] = malloc(used);
    if (!own)
        return fail(name, "write", "out of memory", NULL);
    sipw_arena_init(&a, own, used);
    if (sipw_msg_parse(&pre_msg[i], c->data[i], c->len[i], 0, &a, &e) !=
        SIPW_OK)
        return fail(name, "write", "parse into its own arena", e.reason);

    memset(&e, 0, sizeof e);
    n = sipw_msg_write(&pre_msg[i], NULL, 0, SIPW_WRITE_DEFAULT, &e);
    if (n == 0)
        return fail(name, "write", "sipw_msg_write failed", e.reason);
    out = malloc(n + 1);
    if (!out)
        return fail(name, "write", "out of memory", NULL);
    if (sipw_msg_write(&pre_msg[i], out, n, SIPW_WRITE_DEFAULT, NULL) != n)
        rc = fail(name, "write", "the length changed between two writes",
                  NULL);
    sipw_arena_init(&a, mem, BENCH_ARENA_SIZE);
    if (rc == 0 && sipw_msg_parse(&m, out, n, 0, &a, &e) != SIPW_OK)
        rc = fail(name, "write", "the output does not parse", e.reason);
    if (rc == 0) {
        bench_fields_get(&m, &got);
        if (!str_eq(got.branch, want->branch) ||
            !str_eq(got.call_id, want->call_id) || got.cseq != want->cseq ||
            !str_eq(got.from_tag, want->from_tag) ||
            !str_eq(got.nonce, want->nonce))
            rc = fail(name, "write", "the output has other field values",
                      NULL);
    }
    free(out);
    if (n > out_cap)
        out_cap = n;
    return rc;
}

int bench_modes_setup(const struct bench_corpus *c, const char *which)
{
    unsigned char *mem = malloc(BENCH_ARENA_SIZE);
    size_t i, start, mlen;
    sipw_arena a;
    sipw_msg m, full;
    sipw_error e;
    struct bench_fields want;
    int rc = 0;

    if (!mem)
        return fail("setup", which, "out of memory", NULL);
    if (wants(which, "write")) {
        pre_msg = calloc(c->n, sizeof *pre_msg);
        pre_mem = calloc(c->n, sizeof *pre_mem);
        if (!pre_msg || !pre_mem) {
            free(mem);
            return fail("setup", which, "out of memory", NULL);
        }
    }
    for (i = 0; i < c->n && rc == 0; i++) {
        const char *name = c->name[i];
        sipw_arena_init(&a, mem, BENCH_ARENA_SIZE);
        if (sipw_msg_parse(&full, c->data[i], c->len[i], 0, &a, &e) !=
            SIPW_OK) {
            rc = fail(name, "full", "parse", e.reason);
            break;
        }
        bench_fields_get(&full, &want);
        if (wants(which, "frame") &&
            (sipw_frame(c->data[i], c->len[i], &start, &mlen, &e) !=
                 SIPW_OK ||
             start != 0 || mlen != c->len[i]))
            rc = fail(name, "frame", "sipw_frame does not find the message",
                      NULL);
        if (rc == 0 && wants(which, "lazy")) {
            /* Into the upper half: `full` still lives in the lower one. */
            sipw_arena_init(&a, mem + BENCH_ARENA_SIZE / 2,
                            BENCH_ARENA_SIZE / 2);
            if (parse_lazy(c->data[i], c->len[i], &a, &m, &e) != SIPW_OK)
                rc = fail(name, "lazy", "parse", e.reason);
            else if (!str_eq(m.call_id, want.call_id) ||
                     (int64_t)m.cseq->seq != want.cseq)
                rc = fail(name, "lazy", "Call-ID or CSeq differ from full",
                          NULL);
        }
        if (rc == 0 && wants(which, "write"))
            rc = setup_write(c, i, &want, mem);
    }
    free(mem);
    return rc;
}

void bench_modes_free(const struct bench_corpus *c)
{
    size_t i;
    for (i = 0; pre_mem && i < c->n; i++)
        free(pre_mem[i]);
    free(pre_mem);
    free(pre_msg);
    pre_mem = NULL;
    pre_msg = NULL;
}

void bench_arena_report(const struct bench_corpus *c, int lazy)
{
    unsigned char *mem = malloc(BENCH_ARENA_SIZE);
    size_t i, used, total, max;
    sipw_arena a;
    sipw_msg m;
    int pass;

    if (!mem)
        return;
    for (pass = 0; pass <= (lazy ? 1 : 0); pass++) {
        total = max = 0;
        for (i = 0; i < c->n; i++) {
            sipw_arena_init(&a, mem, BENCH_ARENA_SIZE);
            if ((pass ? parse_lazy(c->data[i], c->len[i], &a, &m, NULL)
                      : sipw_msg_parse(&m, c->data[i], c->len[i], 0, &a,
                                       NULL)) != SIPW_OK)
                continue;
            used = sipw_arena_used(&a);
            total += used;
            if (used > max)
                max = used;
        }
        printf("arena%s: %zu bytes/msg (max %zu)\n", pass ? " (lazy)" : "",
               (total + c->n / 2) / c->n, max);
    }
    free(mem);
}
