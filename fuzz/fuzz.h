/* SPDX-License-Identifier: MIT */
/* sipwire fuzzing: what every target shares.
 *
 * Header only, so that a target is one C file: OSS-Fuzz compiles each
 * target alone and links it with libsipwire.a. A target is written as
 *
 *     #include "fuzz.h"
 *     SIPW_FUZZ_TARGET(fuzz_NAME, "SEEDS")
 *     {
 *         ... data, size ...
 *         return 0;
 *     }
 *
 * which is LLVMFuzzerTestOneInput() in a libFuzzer build, and a function
 * registered with the replay driver (fuzz/replay.c) when compiled with
 * -DSIPW_FUZZ_REPLAY, so that one program can run every target. SEEDS
 * names the kind of seed the target wants (see fuzz/seeds.h): fuzz/build.sh
 * reads it from this line to build the target's seed corpus. A target
 * that needs another library says so with SIPW_FUZZ_LINK (below).
 *
 * Every helper here aborts, through fz_fail(), when an invariant the API
 * documents does not hold: a slice outside the input, an error position
 * that disagrees with sipw_position(), an arena not given back... libFuzzer
 * and the replay driver both report an abort as a crash. */
#ifndef SIPW_FUZZ_H
#define SIPW_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sipwire/sipwire.h>

/* --- declaring a target ---------------------------------------------- */

#ifdef SIPW_FUZZ_REPLAY
struct sipw_fuzz_target {
    const char *name;  /* "fuzz_msg" */
    const char *seeds; /* the kind of seed it takes: "msg", "uri"... */
    int (*run)(const uint8_t *data, size_t size);
    struct sipw_fuzz_target *next;
};
/* Defined by the replay driver; called before main() by each target. */
void sipw_fuzz_register(struct sipw_fuzz_target *t);
#define SIPW_FUZZ_TARGET(name, seeds)                                          \
    static int fz_run_(const uint8_t *data, size_t size);                      \
    static struct sipw_fuzz_target fz_target_ = {#name, seeds, fz_run_, NULL}; \
    static void fz_register_(void) __attribute__((constructor));               \
    static void fz_register_(void) { sipw_fuzz_register(&fz_target_); }       \
    static int fz_run_(const uint8_t *data, size_t size)
#else
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
#define SIPW_FUZZ_TARGET(name, seeds)                                          \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
#endif

/* --- what a target links besides libsipwire -------------------------- */

/* A target that needs a library besides libsipwire (and the libcrypto
 * libsipwire needs) names it, by its pkg-config name, on a line of its
 * own at file scope, before or after its SIPW_FUZZ_TARGET line:
 *
 *     SIPW_FUZZ_LINK("libpcap")
 *
 * (several names: SIPW_FUZZ_LINK("libpcap", "zlib")). fuzz/build.sh
 * reads the line, compiles the target with `pkg-config --cflags` of each
 * and links it with every library of `pkg-config --static --libs` as a
 * static archive, since OSS-Fuzz's runtime image has only the C library
 * (fuzz/README.md, "OSS-Fuzz"). To the compiler the line is nothing. */
#define SIPW_FUZZ_LINK(...)

/* --- failing ----------------------------------------------------------- */

static inline void fz_fail(const char *what, const char *file, int line)
{
    fprintf(stderr, "%s:%d: sipwire fuzz invariant broken: %s\n", file, line,
            what);
    fflush(stderr);
    abort();
}

#define FZ_CHECK(cond)                                                         \
    do {                                                                       \
        if (!(cond))                                                           \
            fz_fail(#cond, __FILE__, __LINE__);                                \
    } while (0)

/* --- memory ------------------------------------------------------------ */

/* A heap copy of exactly n bytes, so that ASan reports a read of even one
 * byte past the end (libFuzzer's own buffer may have slack). NULL only
 * when n is 0 and malloc(0) returns NULL. Free with free(). */
static inline char *fz_copy(const void *data, size_t n)
{
    char *p = (char *)malloc(n);
    if (!p && n)
        abort();
    if (n)
        memcpy(p, data, n);
    return p;
}

/* FNV-1a: a cheap, stable hash of the input, used to pick sizes and
 * variants that must not consume input bytes. */
static inline uint32_t fz_hash(const void *data, size_t n)
{
    const unsigned char *p = (const unsigned char *)data;
    uint32_t h = 2166136261u;
    size_t i;
    for (i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

/* A big arena for parsers whose result must not depend on running out of
 * memory: grown as needed and kept between runs. Big enough for the worst
 * case the typed structs allow (one list value every 4 input bytes).
 * `slot` 0 or 1: two arenas for two messages that live side by side. */
static inline void fz_arena_slot(sipw_arena *a, size_t input_len,
                                 unsigned slot)
{
    static unsigned char *mem[2];
    static size_t cap[2];
    size_t want = 256 * 1024 + input_len * 128;
    want = (want + 15) & ~(size_t)15;
    if (want > cap[slot]) {
        free(mem[slot]);
        mem[slot] = (unsigned char *)malloc(want);
        if (!mem[slot])
            abort();
        cap[slot] = want;
    }
    sipw_arena_init(a, mem[slot], cap[slot]);
}

static inline void fz_big_arena(sipw_arena *a, size_t input_len)
{
    fz_arena_slot(a, input_len, 0);
}

/* A second one, beside fz_big_arena()'s. */
static inline void fz_second_arena(sipw_arena *a, size_t input_len)
{
    fz_arena_slot(a, input_len, 1);
}

/* --- slices ------------------------------------------------------------ */

static inline sipw_str fz_lit(const char *s)
{
    sipw_str r;
    r.p = s;
    r.len = strlen(s);
    return r;
}

/* s is absent ({NULL, 0}) or lies inside [p, p + n). */
static inline int fz_within(sipw_str s, const char *p, size_t n)
{
    uintptr_t a, b;
    if (!s.p)
        return s.len == 0;
    if (!p)
        return 0;
    a = (uintptr_t)s.p;
    b = (uintptr_t)p;
    return a >= b && a - b <= n && s.len <= n - (size_t)(a - b);
}

static inline int fz_in(sipw_str s, sipw_str outer)
{
    return fz_within(s, outer.p, outer.len);
}

/* --- errors ------------------------------------------------------------ */

/* A failed call must have filled *err consistently: the same status, an
 * offset inside the input (or just past it), line and column as
 * sipw_position() computes them, no header line index (a parse gives a
 * byte), a reason, and a header name. */
static inline void fz_check_error(sipw_status st, const sipw_error *err,
                                  const char *buf, size_t len)
{
    unsigned line, col;
    FZ_CHECK(st != SIPW_OK && st != SIPW_INCOMPLETE);
    FZ_CHECK((unsigned)st < SIPW_STATUS__COUNT);
    FZ_CHECK(err->status == st);
    FZ_CHECK(err->offset <= len);
    sipw_position(buf, len, err->offset, &line, &col);
    FZ_CHECK(err->line == line);
    FZ_CHECK(err->column == col);
    FZ_CHECK(err->header_index == SIPW_NO_INDEX);
    FZ_CHECK(err->reason != NULL && err->reason[0] != '\0');
    /* A header line of the input or, for errors about a header that is
     * missing or too short (EMISSING, ETRUNC), its canonical name. */
    FZ_CHECK(fz_within(err->header, buf, len) ||
             (err->header.p != NULL &&
              sipw_hdr_lookup(err->header.p, err->header.len) !=
                  SIPW_HDR_OTHER));
    FZ_CHECK(strcmp(sipw_status_name(st), "UNKNOWN") != 0);
}

/* --- walking what the parsers produced ------------------------------ */

/* sipw_param_next() over a parser-made list: terminates, and every name
 * and value lies in the list. */
static inline void fz_walk_params(sipw_str params)
{
    sipw_str rest = params;
    sipw_param prm;
    size_t n = 0;
    while (sipw_param_next(&rest, &prm)) {
        FZ_CHECK(++n <= params.len);
        FZ_CHECK(prm.name.len > 0);
        FZ_CHECK(fz_in(prm.name, params));
        FZ_CHECK(fz_in(prm.value, params));
        FZ_CHECK(fz_in(rest, params));
        FZ_CHECK(prm.quoted == 0 || prm.value.p != NULL);
    }
}

/* The decoders never produce more bytes than they read, and honour the
 * snprintf contract on an exact-size buffer. */
static inline void fz_check_unescape(sipw_str s)
{
    size_t n = sipw_uri_unescape(s, NULL, 0), m;
    char *dst;
    FZ_CHECK(n <= s.len);
    dst = (char *)malloc(n + 1);
    if (!dst)
        abort();
    m = sipw_uri_unescape(s, dst, n + 1);
    FZ_CHECK(m == n);
    FZ_CHECK(dst[n] == '\0');
    free(dst);
}

static inline void fz_check_unquote(sipw_str s)
{
    size_t n = sipw_str_unquote(s, NULL, 0), m;
    char *dst;
    FZ_CHECK(n <= s.len);
    dst = (char *)malloc(n + 1);
    if (!dst)
        abort();
    m = sipw_str_unquote(s, dst, n + 1);
    FZ_CHECK(m == n);
    FZ_CHECK(dst[n] == '\0');
    free(dst);
}

/* A parsed URI: every part lies in `raw`, which lies in [buf, buf + len);
 * numbers in range; the well-known parameters inside `params`. */
static inline void fz_check_uri(const sipw_uri *u, const char *buf,
                                size_t len)
{
    sipw_str rest, name, value;
    size_t n = 0;

    FZ_CHECK(u->raw.p != NULL && u->raw.len > 0);
    FZ_CHECK(fz_within(u->raw, buf, len));
    FZ_CHECK(u->scheme.len > 0 && fz_in(u->scheme, u->raw));
    FZ_CHECK(u->scheme.p == u->raw.p);
    FZ_CHECK(fz_in(u->user, u->raw));
    FZ_CHECK(fz_in(u->password, u->raw));
    FZ_CHECK(fz_in(u->host, u->raw));
    FZ_CHECK(fz_in(u->params, u->raw));
    FZ_CHECK(fz_in(u->headers, u->raw));
    FZ_CHECK(fz_in(u->opaque, u->raw));
    FZ_CHECK(fz_in(u->transport, u->params));
    FZ_CHECK(fz_in(u->user_param, u->params));
    FZ_CHECK(fz_in(u->method, u->params));
    FZ_CHECK(fz_in(u->maddr, u->params));
    FZ_CHECK(u->port >= -1 && u->port <= 65535);
    FZ_CHECK(u->ttl >= -1 && u->ttl <= 255);
    FZ_CHECK(u->lr == 0 || u->lr == 1);
    FZ_CHECK((unsigned)u->host_type <= SIPW_HOST_IPV6);
    switch (u->scheme_id) {
    case SIPW_SCHEME_SIP:
        FZ_CHECK(sipw_str_caseeq(u->scheme, fz_lit("sip")));
        break;
    case SIPW_SCHEME_SIPS:
        FZ_CHECK(sipw_str_caseeq(u->scheme, fz_lit("sips")));
        break;
    case SIPW_SCHEME_TEL:
        FZ_CHECK(sipw_str_caseeq(u->scheme, fz_lit("tel")));
        break;
    case SIPW_SCHEME_OTHER:
        FZ_CHECK(!sipw_str_caseeq(u->scheme, fz_lit("sip")));
        FZ_CHECK(!sipw_str_caseeq(u->scheme, fz_lit("sips")));
        FZ_CHECK(!sipw_str_caseeq(u->scheme, fz_lit("tel")));
        break;
    default:
        FZ_CHECK(!"scheme_id out of range");
    }
    if (u->scheme_id == SIPW_SCHEME_SIP || u->scheme_id == SIPW_SCHEME_SIPS) {
        FZ_CHECK(u->host.len > 0);
        FZ_CHECK(u->host_type != SIPW_HOST_NONE);
    } else {
        FZ_CHECK(u->host_type == SIPW_HOST_NONE);
    }
    if (u->host_type == SIPW_HOST_IPV6)
        FZ_CHECK(u->host.len >= 2 && u->host.p[0] == '[' &&
                 u->host.p[u->host.len - 1] == ']');
    fz_walk_params(u->params);
    rest = u->headers;
    while (sipw_uri_header_next(&rest, &name, &value)) {
        FZ_CHECK(++n <= u->headers.len + 1);
        FZ_CHECK(fz_in(name, u->headers));
        FZ_CHECK(fz_in(value, u->headers));
        fz_check_unescape(name);
        fz_check_unescape(value);
    }
    fz_check_unescape(u->user);
    fz_check_unescape(u->password);
}

/* A Via list. When `msg` is not NULL the values came from its header
 * lines: each node names a Via line and lies inside its value. */
static inline void fz_check_via(const sipw_via *v, const char *buf,
                                size_t len, const sipw_msg *msg)
{
    size_t n = 0;
    for (; v; v = v->next) {
        FZ_CHECK(++n <= len);
        FZ_CHECK(v->protocol.len > 0 && fz_within(v->protocol, buf, len));
        FZ_CHECK(v->version.len > 0 && fz_within(v->version, buf, len));
        FZ_CHECK(v->transport.len > 0 && fz_within(v->transport, buf, len));
        FZ_CHECK(v->host.len > 0 && fz_within(v->host, buf, len));
        FZ_CHECK(v->host_type != SIPW_HOST_NONE &&
                 (unsigned)v->host_type <= SIPW_HOST_IPV6);
        FZ_CHECK(fz_within(v->params, buf, len));
        FZ_CHECK(fz_in(v->branch, v->params));
        FZ_CHECK(fz_in(v->received, v->params));
        FZ_CHECK(fz_in(v->maddr, v->params));
        FZ_CHECK(v->port >= -1 && v->port <= 65535);
        FZ_CHECK(v->ttl >= -1 && v->ttl <= 255);
        FZ_CHECK(v->has_rport == 0 || v->has_rport == 1);
        FZ_CHECK(v->rport >= -1 && v->rport <= 65535);
        if (msg) {
            const sipw_header *h = v->header;
            FZ_CHECK(h != NULL);
            FZ_CHECK(h >= msg->headers && h < msg->headers + msg->nheaders);
            FZ_CHECK(h->id == SIPW_HDR_VIA);
            FZ_CHECK(fz_in(v->protocol, h->value));
            FZ_CHECK(fz_in(v->host, h->value));
            FZ_CHECK(fz_in(v->params, h->value));
        } else {
            FZ_CHECK(v->header == NULL);
        }
        fz_walk_params(v->params);
    }
}

/* A name-addr list; `id` is the header it came from when `msg` is not
 * NULL (SIPW_HDR_OTHER for the standalone parser). */
static inline void fz_check_nameaddr(const sipw_nameaddr *na, const char *buf,
                                     size_t len, const sipw_msg *msg,
                                     sipw_hdr id)
{
    size_t n = 0;
    for (; na; na = na->next) {
        FZ_CHECK(++n <= len);
        FZ_CHECK(fz_within(na->display, buf, len));
        FZ_CHECK(na->display_quoted == 0 || na->display_quoted == 1);
        FZ_CHECK(na->angle == 0 || na->angle == 1);
        /* A display name needs "<>"; a quoted one is present. */
        FZ_CHECK(na->angle || na->display.p == NULL);
        FZ_CHECK(!na->display_quoted || na->display.p != NULL);
        fz_check_uri(&na->uri, buf, len);
        FZ_CHECK(fz_within(na->params, buf, len));
        FZ_CHECK(fz_in(na->tag, na->params));
        FZ_CHECK(fz_in(na->q, na->params));
        FZ_CHECK(na->has_expires == 0 || na->has_expires == 1);
        if (msg) {
            const sipw_header *h = na->header;
            FZ_CHECK(h != NULL);
            FZ_CHECK(h >= msg->headers && h < msg->headers + msg->nheaders);
            FZ_CHECK(h->id == id);
            FZ_CHECK(fz_in(na->uri.raw, h->value));
            FZ_CHECK(fz_in(na->display, h->value));
            FZ_CHECK(fz_in(na->params, h->value));
        } else {
            FZ_CHECK(na->header == NULL);
        }
        fz_walk_params(na->params);
        if (na->display_quoted)
            fz_check_unquote(na->display);
    }
}

/* --- messages ---------------------------------------------------------- */

/* What sipw_msg_parse() promised about a message it accepted from
 * buf[0..len). */
/* An auth list of a parsed message: every node on a line of header
 * `id`, in message order, its slices in the buffer and the picked-out
 * Digest values inside its parameters. */
static inline void fz_check_auth_list(const sipw_auth *a, const char *buf,
                                      size_t len, const sipw_msg *m,
                                      sipw_hdr id)
{
    const sipw_header *prev = NULL;
    size_t n = 0;
    FZ_CHECK((a == NULL) == (m->first[id] == 0));
    for (; a; a = a->next) {
        const sipw_str f[] = {a->realm,   a->domain,    a->nonce,
                              a->opaque,  a->algorithm, a->qop,
                              a->username, a->username_star, a->userhash,
                              a->uri,     a->response,  a->cnonce,
                              a->nc,      a->charset,   a->nextnonce,
                              a->rspauth};
        size_t i;
        FZ_CHECK(++n <= len);
        FZ_CHECK(a->header != NULL && a->header->id == id);
        FZ_CHECK(a->header >= m->headers &&
                 a->header < m->headers + m->nheaders);
        FZ_CHECK(prev == NULL || a->header >= prev);
        prev = a->header;
        FZ_CHECK(fz_within(a->scheme, buf, len));
        FZ_CHECK(fz_in(a->params, a->header->value));
        FZ_CHECK(a->stale >= -1 && a->stale <= 1);
        for (i = 0; i < sizeof f / sizeof f[0]; i++)
            FZ_CHECK(fz_in(f[i], a->params));
        if (id != SIPW_HDR_AUTHENTICATION_INFO)
            FZ_CHECK(a->scheme.len > 0 && fz_in(a->scheme, a->header->value));
    }
}

/* --- the typed headers, by shape (SIPW_TYPED_HEADERS) ----------------- */

/* The value of a single-value header: at most one. */
static inline void fz_check_one(const sipw_nameaddr *na, const char *buf,
                                size_t len, const sipw_msg *m, sipw_hdr id)
{
    fz_check_nameaddr(na, buf, len, m, id);
    FZ_CHECK(na == NULL || na->next == NULL);
}

static inline void fz_check_contact(const sipw_nameaddr *na, int star,
                                    const char *buf, size_t len,
                                    const sipw_msg *m, sipw_hdr id)
{
    fz_check_nameaddr(na, buf, len, m, id);
    FZ_CHECK(star == 0 || star == 1);
    FZ_CHECK(!star || na == NULL);
}

static inline void fz_check_cseq(const sipw_cseq *c, const char *buf,
                                 size_t len)
{
    if (!c)
        return;
    FZ_CHECK(fz_within(c->method, buf, len) && c->method.len > 0);
    FZ_CHECK((unsigned)c->method_id < SIPW_METHOD__COUNT);
}

static inline void fz_check_media(const sipw_media *c, const char *buf,
                                  size_t len)
{
    if (!c)
        return;
    FZ_CHECK(c->type.len > 0 && fz_within(c->type, buf, len));
    FZ_CHECK(c->subtype.len > 0 && fz_within(c->subtype, buf, len));
    FZ_CHECK(fz_within(c->params, buf, len));
    fz_walk_params(c->params);
}

static inline void fz_check_retry_after(const sipw_retry_after *r,
                                        const char *buf, size_t len)
{
    if (!r)
        return;
    FZ_CHECK(fz_within(r->comment, buf, len));
    FZ_CHECK(fz_within(r->params, buf, len));
    fz_walk_params(r->params);
}

static inline void fz_check_date(const sipw_date *d)
{
    if (!d)
        return;
    FZ_CHECK(d->wkday <= 6 && d->day >= 1 && d->day <= 31);
    FZ_CHECK(d->month >= 1 && d->month <= 12 && d->year <= 9999);
    FZ_CHECK(d->hour <= 23 && d->minute <= 59 && d->second <= 60);
}

static inline void fz_check_event(const sipw_event *ev, const char *buf,
                                  size_t len)
{
    if (!ev)
        return;
    FZ_CHECK(ev->package.len > 0 && fz_within(ev->package, buf, len));
    FZ_CHECK(fz_in(ev->id, ev->params));
    FZ_CHECK(fz_within(ev->params, buf, len));
    fz_walk_params(ev->params);
}

static inline void fz_check_substate(const sipw_substate *s, const char *buf,
                                     size_t len)
{
    if (!s)
        return;
    FZ_CHECK(s->state.len > 0 && fz_within(s->state, buf, len));
    FZ_CHECK(fz_in(s->reason, s->params));
    FZ_CHECK(fz_within(s->params, buf, len));
    fz_walk_params(s->params);
}

/* Authentication-Info: one ainfo list, of its one line. */
static inline void fz_check_auth_info(const sipw_auth *a, const char *buf,
                                      size_t len, const sipw_msg *m,
                                      sipw_hdr id)
{
    fz_check_auth_list(a, buf, len, m, id);
    FZ_CHECK(a == NULL || a->next == NULL);
}

/* RSeq: absent (0) exactly when the header is. */
static inline void fz_check_rseq(uint32_t v, const sipw_msg *m, sipw_hdr id)
{
    FZ_CHECK((v == 0) == (m->first[id] == 0));
}

static inline void fz_check_rack(const sipw_rack *r, const char *buf,
                                 size_t len, const sipw_msg *m, sipw_hdr id)
{
    FZ_CHECK((r == NULL) == (m->first[id] == 0));
    if (!r)
        return;
    FZ_CHECK(r->rseq >= 1);
    FZ_CHECK(r->method.len > 0 && fz_within(r->method, buf, len));
    FZ_CHECK(fz_in(r->method, m->headers[m->first[id] - 1].value));
    FZ_CHECK((unsigned)r->method_id < SIPW_METHOD__COUNT);
}

/* What each shape promises of its slot (m, buf, len in scope), and
 * whether the slot holds a value (for the mandatory headers). The token
 * lists have no slot: their lines are walked in fz_check_msg(). */
#define FZ_VIA_LIST(id, f) fz_check_via(m->f, buf, len, m);
#define FZ_NAMEADDR(id, f) fz_check_one(m->f, buf, len, m, SIPW_HDR_##id);
#define FZ_NAMEADDR_LIST(id, f)                                                \
    fz_check_nameaddr(m->f, buf, len, m, SIPW_HDR_##id);
#define FZ_CONTACT(id, f)                                                      \
    fz_check_contact(m->f, m->f##_star, buf, len, m, SIPW_HDR_##id);
#define FZ_CALLID(id, f) FZ_CHECK(fz_in(m->f, whole));
#define FZ_CSEQ(id, f) fz_check_cseq(m->f, buf, len);
#define FZ_UINT8(id, f) FZ_CHECK(m->f >= -1 && m->f <= 255);
#define FZ_DELTA(id, f) FZ_CHECK(m->f >= -1 && m->f <= (int64_t)UINT32_MAX);
#define FZ_LENGTH(id, f) FZ_CHECK(!m->has_##f || m->body.len == m->f);
#define FZ_MEDIA(id, f) fz_check_media(m->f, buf, len);
#define FZ_RETRY_AFTER(id, f) fz_check_retry_after(m->f, buf, len);
#define FZ_DATE(id, f) fz_check_date(m->f);
#define FZ_EVENT(id, f) fz_check_event(m->f, buf, len);
#define FZ_SUBSTATE(id, f) fz_check_substate(m->f, buf, len);
#define FZ_CHALLENGES(id, f)                                                   \
    fz_check_auth_list(m->f, buf, len, m, SIPW_HDR_##id);
#define FZ_CREDENTIALS(id, f)                                                  \
    fz_check_auth_list(m->f, buf, len, m, SIPW_HDR_##id);
#define FZ_AUTH_INFO(id, f)                                                    \
    fz_check_auth_info(m->f, buf, len, m, SIPW_HDR_##id);
#define FZ_TOKENS(id, f)
#define FZ_TOKENS1(id, f)
#define FZ_RSEQ(id, f) fz_check_rseq(m->f, m, SIPW_HDR_##id);
#define FZ_RACK(id, f) fz_check_rack(m->f, buf, len, m, SIPW_HDR_##id);

#define FZ_SET_PTR_(f) (m->f != NULL)
#define FZ_SET_VIA_LIST FZ_SET_PTR_
#define FZ_SET_NAMEADDR FZ_SET_PTR_
#define FZ_SET_NAMEADDR_LIST FZ_SET_PTR_
#define FZ_SET_CONTACT(f) (m->f != NULL || m->f##_star)
#define FZ_SET_CALLID(f) (m->f.p != NULL)
#define FZ_SET_CSEQ FZ_SET_PTR_
#define FZ_SET_UINT8(f) (m->f >= 0)
#define FZ_SET_DELTA(f) (m->f >= 0)
#define FZ_SET_RSEQ(f) (m->f != 0)
#define FZ_SET_LENGTH(f) (m->has_##f != 0)
#define FZ_SET_MEDIA FZ_SET_PTR_
#define FZ_SET_RETRY_AFTER FZ_SET_PTR_
#define FZ_SET_DATE FZ_SET_PTR_
#define FZ_SET_EVENT FZ_SET_PTR_
#define FZ_SET_SUBSTATE FZ_SET_PTR_
#define FZ_SET_CHALLENGES FZ_SET_PTR_
#define FZ_SET_CREDENTIALS FZ_SET_PTR_
#define FZ_SET_AUTH_INFO FZ_SET_PTR_
#define FZ_SET_TOKENS(f) 1
#define FZ_SET_TOKENS1(f) 1
#define FZ_SET_RACK FZ_SET_PTR_

/* Every slot of a parsed message by its shape; a mandatory header
 * (SIPW_HDRF_MANDATORY) has its value. */
static inline void fz_check_typed(const sipw_msg *m, const char *buf,
                                  size_t len)
{
    sipw_str whole;
    whole.p = buf;
    whole.len = m->size;
    (void)whole;
#define X(id, field, shape)                                                    \
    FZ_##shape(id, field)                                                      \
    if (sipw_hdr_flags(SIPW_HDR_##id) & SIPW_HDRF_MANDATORY)                   \
        FZ_CHECK(FZ_SET_##shape(field));
    SIPW_TYPED_HEADERS(X)
#undef X
}

/* 1 for the token-list headers (TOKENS, TOKENS1), whose lines
 * sipw_token_next() walks. */
#define FZ_TOK_TOKENS(id) [SIPW_HDR_##id] = 1,
#define FZ_TOK_TOKENS1(id) [SIPW_HDR_##id] = 1,
#define FZ_TOK_VIA_LIST(id)
#define FZ_TOK_NAMEADDR(id)
#define FZ_TOK_NAMEADDR_LIST(id)
#define FZ_TOK_CONTACT(id)
#define FZ_TOK_CALLID(id)
#define FZ_TOK_CSEQ(id)
#define FZ_TOK_UINT8(id)
#define FZ_TOK_DELTA(id)
#define FZ_TOK_RSEQ(id)
#define FZ_TOK_LENGTH(id)
#define FZ_TOK_MEDIA(id)
#define FZ_TOK_RETRY_AFTER(id)
#define FZ_TOK_DATE(id)
#define FZ_TOK_EVENT(id)
#define FZ_TOK_SUBSTATE(id)
#define FZ_TOK_CHALLENGES(id)
#define FZ_TOK_CREDENTIALS(id)
#define FZ_TOK_AUTH_INFO(id)
#define FZ_TOK_RACK(id)
static const unsigned char fz_token_list[SIPW_HDR__COUNT] = {
#define X(id, field, shape) FZ_TOK_##shape(id)
    SIPW_TYPED_HEADERS(X)
#undef X
};

static inline void fz_check_msg(const sipw_msg *m, const char *buf,
                                size_t len)
{
    size_t i, n;
    unsigned id;
    sipw_str whole;

    whole.p = buf;
    whole.len = m->size;
    FZ_CHECK(m->size > 0 && m->size <= len);
    FZ_CHECK(m->type == SIPW_MSG_REQUEST || m->type == SIPW_MSG_RESPONSE);
    FZ_CHECK(m->version.len > 0 && fz_in(m->version, whole));
    FZ_CHECK(fz_in(m->body, whole));
    FZ_CHECK(!m->has_content_length || m->body.len == m->content_length);
    FZ_CHECK(m->body.p == NULL || m->body.p + m->body.len == buf + m->size);
    FZ_CHECK((m->warnings >> SIPW_WARN__COUNT) == 0);
    if (m->type == SIPW_MSG_REQUEST) {
        FZ_CHECK(m->method.len > 0 && fz_in(m->method, whole));
        FZ_CHECK(m->request_uri.len > 0 && fz_in(m->request_uri, whole));
        FZ_CHECK((unsigned)m->method_id < SIPW_METHOD__COUNT);
        FZ_CHECK(m->status == 0 && m->reason.p == NULL);
        FZ_CHECK(m->uri != NULL);
        fz_check_uri(m->uri, buf, len);
        FZ_CHECK(sipw_str_eq(m->uri->raw, m->request_uri));
    } else {
        FZ_CHECK(m->status >= 100 && m->status <= 699);
        FZ_CHECK(fz_in(m->reason, whole));
        FZ_CHECK(m->method.p == NULL && m->request_uri.p == NULL);
        FZ_CHECK(m->uri == NULL);
        FZ_CHECK(!(m->warnings & (1u << SIPW_WARN_NO_MAX_FORWARDS)));
    }

    /* The header table, first[] and the next chains. */
    FZ_CHECK(m->nheaders <= SIPW_MAX_HEADERS);
    FZ_CHECK(m->nheaders == 0 || m->headers != NULL);
    for (i = 0; i < m->nheaders; i++) {
        const sipw_header *h = &m->headers[i];
        FZ_CHECK(h->id < SIPW_HDR__COUNT);
        FZ_CHECK(h->name.len > 0 && fz_in(h->name, whole));
        FZ_CHECK(fz_in(h->value, whole));
        FZ_CHECK(h->value.p > h->name.p);
        FZ_CHECK(h->next == 0 || (h->next > i && h->next < m->nheaders));
        FZ_CHECK(h->next == 0 || m->headers[h->next].id == h->id);
        FZ_CHECK(m->first[h->id] != 0 && m->first[h->id] <= i + 1);
        FZ_CHECK((h->flags & ~(unsigned)(SIPW_HF_FOLDED |
                                         SIPW_HF_QUOTED_CTL)) == 0);
        if (h->id != SIPW_HDR_OTHER)
            FZ_CHECK(sipw_hdr_lookup(h->name.p, h->name.len) == h->id);
        {
            size_t u = sipw_header_unfold(h, NULL, 0), u2;
            char *dst = (char *)malloc(u + 1);
            if (!dst)
                abort();
            FZ_CHECK(u <= h->value.len);
            u2 = sipw_header_unfold(h, dst, u + 1);
            FZ_CHECK(u2 == u && dst[u] == '\0');
            free(dst);
        }
        if (fz_token_list[h->id]) {
            sipw_str rest = h->value, tok;
            n = 0;
            while (sipw_token_next(&rest, &tok)) {
                FZ_CHECK(++n <= h->value.len);
                FZ_CHECK(tok.len > 0 && fz_in(tok, h->value));
            }
        }
    }
    for (id = 0; id < SIPW_HDR__COUNT; id++) {
        const sipw_header *h = sipw_msg_header(m, (sipw_hdr)id);
        size_t count = 0;
        if (m->first[id] == 0) {
            FZ_CHECK(h == NULL);
            FZ_CHECK(sipw_msg_header_count(m, (sipw_hdr)id) == 0);
            continue;
        }
        FZ_CHECK(m->first[id] <= m->nheaders);
        FZ_CHECK(h == &m->headers[m->first[id] - 1] && h->id == id);
        for (; h; h = sipw_msg_header_next(m, h)) {
            FZ_CHECK(++count <= m->nheaders);
            FZ_CHECK(h->id == id);
        }
        FZ_CHECK(sipw_msg_header_count(m, (sipw_hdr)id) == count);
        if (sipw_hdr_flags((sipw_hdr)id) & SIPW_HDRF_SINGLE)
            FZ_CHECK(count == 1);
    }

    /* The typed headers, each by its shape (fz_check_typed below), and
     * the mandatory ones present (RFC 3261 §8.1.1). */
    fz_check_typed(m, buf, len);
    FZ_CHECK(m->call_id.len > 0);
    if (m->type == SIPW_MSG_REQUEST)
        FZ_CHECK(sipw_str_eq(m->cseq->method, m->method));
}

/* sipw_msg_parse() of data[0..size) from an exact-size copy, with every
 * invariant checked; then the same parse again with an arena too small
 * (of a size picked from the input), which must fail with SIPW_ENOMEM and
 * give the arena back, or end exactly like the first parse. Returns the
 * status of the first parse; *msg_size gets the message size (0 on
 * error). */
static inline sipw_status fz_parse_msg(const uint8_t *data, size_t size,
                                       size_t *msg_size)
{
    char *buf = fz_copy(data, size);
    sipw_arena big, small;
    sipw_msg msg;
    sipw_error err, err2;
    sipw_status st, st2;
    size_t used, small_size;
    unsigned char *small_mem;
    uint32_t h = fz_hash(data, size);

    fz_big_arena(&big, size);
    memset(&err, 0, sizeof err);
    st = sipw_msg_parse(&msg, buf, size, SIPW_PARSE_DEFAULT, &big, &err);
    used = sipw_arena_used(&big);
    if (st == SIPW_OK) {
        fz_check_msg(&msg, buf, size);
        FZ_CHECK(used > 0);
        *msg_size = msg.size;
    } else {
        fz_check_error(st, &err, buf, size);
        FZ_CHECK(used == 0);
        FZ_CHECK(msg.type == SIPW_MSG_NONE && msg.headers == NULL &&
                 msg.nheaders == 0 && msg.size == 0 && msg.via == NULL &&
                 msg.uri == NULL);
        *msg_size = 0;
    }

    /* Unknown flag bits are refused. */
    {
        sipw_arena a;
        sipw_msg m2;
        sipw_arena_init(&a, NULL, 0);
        FZ_CHECK(sipw_msg_parse(&m2, buf, size, ~0u, &a, NULL) ==
                 SIPW_EINVAL);
    }

    /* Again with a smaller arena, exactly allocated so that ASan sees a
     * write past its end; every other run without an error report. */
    small_size = h % (used ? used : 4096);
    small_mem = (unsigned char *)malloc(small_size);
    if (!small_mem && small_size)
        abort();
    sipw_arena_init(&small, small_mem, small_size);
    memset(&err2, 0, sizeof err2);
    st2 = sipw_msg_parse(&msg, buf, size, SIPW_PARSE_DEFAULT, &small,
                         (h & 0x10000) ? NULL : &err2);
    if (st2 == SIPW_ENOMEM) {
        FZ_CHECK(sipw_arena_used(&small) == 0);
        if (!(h & 0x10000))
            fz_check_error(st2, &err2, buf, size);
    } else {
        FZ_CHECK(st2 == st);
        if (st2 == SIPW_OK) {
            fz_check_msg(&msg, buf, size);
            FZ_CHECK(msg.size == *msg_size);
        } else if (!(h & 0x10000)) {
            fz_check_error(st2, &err2, buf, size);
            FZ_CHECK(err2.offset == err.offset);
        }
    }
    free(small_mem);
    free(buf);
    return st;
}

#endif
