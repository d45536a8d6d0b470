/* SPDX-License-Identifier: MIT */
/* sipwire tests: the lazy parse (SIPW_PARSE_LAZY + sipw_msg_typed()).
 * A lazy caller must see exactly what an eager one sees, only later: the
 * same verdict, the same error at the same byte, the same typed values.
 * Every corpus message is parsed both ways and the typed fields are
 * compared through a text dump of them. */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

/* A growing text dump of typed values. */
struct dump {
    char *p;
    size_t len, cap;
};

static void put(struct dump *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void put(struct dump *d, const char *fmt, ...)
{
    va_list ap;
    int n;
    for (;;) {
        va_start(ap, fmt);
        n = vsnprintf(d->p + d->len, d->cap - d->len, fmt, ap);
        va_end(ap);
        ck_assert_int_ge(n, 0);
        if ((size_t)n < d->cap - d->len)
            break;
        d->cap = d->cap * 2 + (size_t)n + 64;
        d->p = realloc(d->p, d->cap);
        ck_assert_ptr_nonnull(d->p);
    }
    d->len += (size_t)n;
}

static void put_str(struct dump *d, const char *name, sipw_str s)
{
    if (s.p)
        put(d, " %s=[%.*s]", name, (int)s.len, s.p);
    else
        put(d, " %s=-", name);
}

static void put_uri(struct dump *d, const sipw_uri *u)
{
    put_str(d, "uri", u->raw);
    put(d, " scheme=%d", (int)u->scheme_id);
    put_str(d, "user", u->user);
    put_str(d, "host", u->host);
    put(d, " port=%d", (int)u->port);
    put_str(d, "uparams", u->params);
}

static void put_nameaddr(struct dump *d, const sipw_msg *m, const char *name,
                         const sipw_nameaddr *n)
{
    for (; n; n = n->next) {
        put(d, "\n%s:", name);
        put_str(d, "display", n->display);
        put(d, " angle=%d", n->angle);
        put_uri(d, &n->uri);
        put_str(d, "params", n->params);
        put_str(d, "tag", n->tag);
        put(d, " expires=%d:%u", n->has_expires, (unsigned)n->expires);
        put(d, " line=%ld", (long)(n->header - m->headers));
    }
}

static void put_auth(struct dump *d, const char *name, const sipw_auth *a)
{
    for (; a; a = a->next) {
        put(d, "\n%s:", name);
        put_str(d, "scheme", a->scheme);
        put_str(d, "realm", a->realm);
        put_str(d, "nonce", a->nonce);
        put_str(d, "response", a->response);
        put_str(d, "qop", a->qop);
        put_str(d, "params", a->params);
    }
}

/* Everything typed in `m`, as text. Header pointers are printed as line
 * numbers, since the two parses have their tables in different arenas. */
static char *dump_typed(const sipw_msg *m)
{
    struct dump d = {NULL, 0, 0};
    const sipw_via *v;
    d.cap = 256;
    d.p = malloc(d.cap);
    ck_assert_ptr_nonnull(d.p);
    d.p[0] = 0;
    if (m->uri) {
        put(&d, "ruri:");
        put_uri(&d, m->uri);
    }
    for (v = m->via; v; v = v->next) {
        put(&d, "\nvia:");
        put_str(&d, "transport", v->transport);
        put_str(&d, "host", v->host);
        put(&d, " port=%d", (int)v->port);
        put_str(&d, "params", v->params);
        put_str(&d, "branch", v->branch);
        put_str(&d, "received", v->received);
        put(&d, " rport=%d:%d ttl=%d", v->has_rport, (int)v->rport,
            (int)v->ttl);
        put(&d, " line=%ld", (long)(v->header - m->headers));
    }
    put_nameaddr(&d, m, "from", m->from);
    put_nameaddr(&d, m, "to", m->to);
    put_nameaddr(&d, m, "contact", m->contact);
    put_nameaddr(&d, m, "route", m->route);
    put_nameaddr(&d, m, "record-route", m->record_route);
    put_nameaddr(&d, m, "reply-to", m->reply_to);
    put_nameaddr(&d, m, "refer-to", m->refer_to);
    put_nameaddr(&d, m, "pai", m->p_asserted_identity);
    put_nameaddr(&d, m, "ppi", m->p_preferred_identity);
    put_nameaddr(&d, m, "path", m->path);
    put_nameaddr(&d, m, "service-route", m->service_route);
    put(&d, "\nstar=%d", m->contact_star);
    put_str(&d, "call-id", m->call_id);
    if (m->cseq)
        put(&d, " cseq=%u %.*s", (unsigned)m->cseq->seq,
            (int)m->cseq->method.len, m->cseq->method.p);
    put(&d, " mf=%d exp=%lld minexp=%lld", (int)m->max_forwards,
        (long long)m->expires, (long long)m->min_expires);
    if (m->content_type) {
        put_str(&d, "ctype", m->content_type->type);
        put_str(&d, "csub", m->content_type->subtype);
        put_str(&d, "cparams", m->content_type->params);
    }
    if (m->retry_after)
        put(&d, " retry=%u", (unsigned)m->retry_after->delta);
    if (m->date)
        put(&d, " date=%u-%u-%u", m->date->year, m->date->month,
            m->date->day);
    if (m->event)
        put_str(&d, "event", m->event->package);
    if (m->subscription_state)
        put_str(&d, "substate", m->subscription_state->state);
    put_auth(&d, "www", m->www_authenticate);
    put_auth(&d, "proxy-auth", m->proxy_authenticate);
    put_auth(&d, "authz", m->authorization);
    put_auth(&d, "proxy-authz", m->proxy_authorization);
    put_auth(&d, "auth-info", m->authentication_info);
    put(&d, "\nwarnings=%u", m->warnings);
    return d.p;
}

/* The ids sipw_msg_typed() gives a typed form to, one by one. */
static const sipw_hdr typed_ids[] = {
    SIPW_HDR_VIA, SIPW_HDR_FROM, SIPW_HDR_TO, SIPW_HDR_CONTACT,
    SIPW_HDR_ROUTE, SIPW_HDR_RECORD_ROUTE, SIPW_HDR_REPLY_TO,
    SIPW_HDR_REFER_TO, SIPW_HDR_P_ASSERTED_IDENTITY,
    SIPW_HDR_P_PREFERRED_IDENTITY, SIPW_HDR_PATH, SIPW_HDR_SERVICE_ROUTE,
    SIPW_HDR_CALL_ID, SIPW_HDR_CSEQ, SIPW_HDR_MAX_FORWARDS, SIPW_HDR_EXPIRES,
    SIPW_HDR_MIN_EXPIRES, SIPW_HDR_CONTENT_TYPE, SIPW_HDR_RETRY_AFTER,
    SIPW_HDR_DATE, SIPW_HDR_EVENT, SIPW_HDR_SUBSCRIPTION_STATE,
    SIPW_HDR_ALLOW, SIPW_HDR_SUPPORTED, SIPW_HDR_REQUIRE,
    SIPW_HDR_WWW_AUTHENTICATE, SIPW_HDR_PROXY_AUTHENTICATE,
    SIPW_HDR_AUTHORIZATION, SIPW_HDR_PROXY_AUTHORIZATION,
    SIPW_HDR_AUTHENTICATION_INFO,
};

#define ARENA (4u << 20)
static unsigned char *mem_eager, *mem_lazy;

static void setup(void)
{
    mem_eager = malloc(ARENA);
    mem_lazy = malloc(ARENA);
    ck_assert_ptr_nonnull(mem_eager);
    ck_assert_ptr_nonnull(mem_lazy);
}

static void teardown(void)
{
    free(mem_eager);
    free(mem_lazy);
}

/* One message: the lazy verdict, error and values equal the eager ones.
 * Returns 1 when the message is valid. */
static int compare(const char *path)
{
    size_t len, i;
    char *buf = tu_read_file(path, &len);
    sipw_msg eager, lazy;
    sipw_error ee, el;
    sipw_arena ae, al;
    sipw_status se, sl;
    unsigned pass;

    sipw_arena_init(&ae, mem_eager, ARENA);
    se = sipw_msg_parse(&eager, buf, len, SIPW_PARSE_DEFAULT, &ae, &ee);

    /* Pass 0: everything at once; pass 1: header by header, then the
     * rest (the Request-URI and the cross-header checks). */
    for (pass = 0; pass < 2; pass++) {
        sipw_arena_init(&al, mem_lazy, ARENA);
        memset(&el, 0, sizeof el);
        sl = sipw_msg_parse(&lazy, buf, len, SIPW_PARSE_LAZY, &al, &el);
        if (sl == SIPW_OK) {
            ck_assert_ptr_eq(lazy.buf, buf);
            ck_assert_ptr_null(lazy.via);
            ck_assert_ptr_null(lazy.cseq);
            ck_assert_ptr_null(lazy.uri);
            ck_assert_int_eq(lazy.max_forwards, -1);
            for (i = 0; pass == 1 && sl == SIPW_OK &&
                        i < sizeof typed_ids / sizeof typed_ids[0];
                 i++)
                sl = sipw_msg_typed(&lazy, typed_ids[i], &al, &el);
            if (sl == SIPW_OK)
                sl = sipw_msg_typed(&lazy, SIPW_HDR_OTHER, &al, &el);
        }
        /* Header by header (pass 1) meets the errors in another order
         * than the eager pass (line order), so only the verdict must
         * agree there. */
        ck_assert_msg(pass == 0 ? sl == se : (sl == SIPW_OK) == (se == SIPW_OK),
                      "%s (pass %u): lazy %s, eager %s", path, pass,
                      sipw_status_name(sl), sipw_status_name(se));
        if (se != SIPW_OK) {
            if (pass == 0)
                ck_assert_msg(el.offset == ee.offset &&
                                  el.line == ee.line &&
                                  el.column == ee.column &&
                                  strcmp(el.reason, ee.reason) == 0,
                              "%s: lazy error %u:%u %s, eager %u:%u %s",
                              path, el.line, el.column, el.reason, ee.line,
                              ee.column, ee.reason);
            continue;
        }
        {
            char *de = dump_typed(&eager), *dl = dump_typed(&lazy);
            ck_assert_msg(strcmp(de, dl) == 0,
                          "%s (pass %u):\neager:\n%s\nlazy:\n%s", path, pass,
                          de, dl);
            free(de);
            free(dl);
        }
    }
    free(buf);
    return se == SIPW_OK;
}

static void compare_dir(const char *dir, size_t min_valid)
{
    size_t n, i, valid = 0;
    struct tu_case *c = tu_load_cases(dir, &n);
    for (i = 0; i < n; i++)
        valid += (size_t)compare(c[i].path);
    ck_assert_msg(valid >= min_valid, "%s: %zu valid", dir, valid);
    free(c);
}

START_TEST(lazy_equals_eager_on_the_corpus)
{
    compare_dir("rfc3665", 150);
    compare_dir("rfc4475", 20);
    compare_dir("rfc5118/crlf", 5);
    compare_dir("valid", 1);
    compare_dir("invalid", 0);
}
END_TEST

#define RL "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
#define VIA "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776\r\n"
#define REST                                                                   \
    "To: <sip:bob@biloxi.example.com>\r\n"                                     \
    "From: <sip:alice@atlanta.example.com>;tag=1928\r\n"                       \
    "Call-ID: a84b4c76e66710\r\n"

static sipw_status lazy_parse(const char *text, sipw_msg *m, sipw_arena *a,
                              sipw_error *e)
{
    sipw_arena_init(a, mem_lazy, ARENA);
    return sipw_msg_parse(m, text, strlen(text), SIPW_PARSE_LAZY, a, e);
}

/* A typed error stays hidden until its header is asked for, and then it
 * is the eager parse's error, at the same byte. */
START_TEST(errors_wait_for_first_use)
{
    const char *text = RL VIA REST "CSeq: 1 INVITE\r\nMax-Forwards: 256\r\n"
                                   "Content-Length: 0\r\n\r\n";
    sipw_msg m;
    sipw_arena a;
    sipw_error e;
    ck_assert_int_eq(lazy_parse(text, &m, &a, &e), SIPW_OK);
    ck_assert_int_eq(sipw_msg_typed(&m, SIPW_HDR_VIA, &a, &e), SIPW_OK);
    ck_assert_ptr_nonnull(m.via);
    ck_assert_int_eq(m.via->branch.len, 10);
    ck_assert_int_eq(sipw_msg_typed(&m, SIPW_HDR_CSEQ, &a, &e), SIPW_OK);
    ck_assert_uint_eq(m.cseq->seq, 1);
    ck_assert_int_eq(sipw_msg_typed(&m, SIPW_HDR_MAX_FORWARDS, &a, &e),
                     SIPW_EVALUE);
    ck_assert_uint_eq(e.line, 7);
    ck_assert_uint_eq(e.column, 15);
    ck_assert_uint_eq(e.offset, (size_t)(strstr(text, "256") - text));
    ck_assert_int_eq(sipw_msg_typed(&m, SIPW_HDR_OTHER, &a, &e), SIPW_EVALUE);
    ck_assert_uint_eq(e.line, 7);
    /* Ids without a typed form have nothing to do. */
    ck_assert_int_eq(sipw_msg_typed(&m, SIPW_HDR_SUBJECT, &a, &e), SIPW_OK);
}
END_TEST

/* The message-level checks run with their header: a second CSeq, and a
 * CSeq method that differs from the request's. */
START_TEST(message_checks_on_first_use)
{
    sipw_msg m;
    sipw_arena a;
    sipw_error e;
    ck_assert_int_eq(lazy_parse(RL VIA REST "CSeq: 1 INVITE\r\nCSeq: 2 "
                                            "INVITE\r\n\r\n",
                                &m, &a, &e),
                     SIPW_OK);
    ck_assert_int_eq(sipw_msg_typed(&m, SIPW_HDR_CSEQ, &a, &e), SIPW_EDUP);
    ck_assert_uint_eq(e.line, 7);
    ck_assert_uint_eq(e.column, 1);
    ck_assert_int_eq(lazy_parse(RL VIA REST "CSeq: 1 BYE\r\n\r\n", &m, &a, &e),
                     SIPW_OK);
    ck_assert_int_eq(sipw_msg_typed(&m, SIPW_HDR_CSEQ, &a, &e), SIPW_EVALUE);
    ck_assert_uint_eq(e.line, 6);
    ck_assert_uint_eq(e.column, 9);
    /* The Request-URI is part of the whole pass. */
    ck_assert_int_eq(lazy_parse("INVITE sip:bob@[::1 SIP/2.0\r\n" VIA REST
                                "CSeq: 1 INVITE\r\n\r\n",
                                &m, &a, &e),
                     SIPW_OK);
    ck_assert_int_eq(sipw_msg_typed(&m, SIPW_HDR_VIA, &a, &e), SIPW_OK);
    ck_assert_int_eq(sipw_msg_typed(&m, SIPW_HDR_OTHER, &a, &e), SIPW_EVALUE);
    ck_assert_uint_eq(e.line, 1);
    ck_assert_uint_eq(e.column, 16);
}
END_TEST

/* The one difference: a message with a typed error and a missing
 * mandatory header. The eager parse reports the typed error (errors come
 * in message order, the mandatory-header check last); the lazy parse
 * stops before the typed pass and reports the missing header. */
START_TEST(missing_header_found_first)
{
    const char *text = RL VIA "From: <sip:alice@atlanta.example.com\r\n"
                              "Call-ID: a84b4c76e66710\r\nCSeq: 1 INVITE\r\n"
                              "\r\n";
    sipw_msg m;
    sipw_arena a;
    sipw_error e;
    ck_assert_int_eq(tu_parse(text, strlen(text), &m, &e), SIPW_EVALUE);
    ck_assert_uint_eq(e.line, 3);
    ck_assert_int_eq(lazy_parse(text, &m, &a, &e), SIPW_EMISSING);
    ck_assert_uint_eq(e.header.len, 2);
    ck_assert_int_eq(memcmp(e.header.p, "To", 2), 0);
}
END_TEST

START_TEST(bad_arguments)
{
    sipw_msg m;
    sipw_arena a;
    sipw_error e;
    ck_assert_int_eq(lazy_parse(RL VIA REST "CSeq: 1 INVITE\r\n\r\n", &m, &a,
                                &e),
                     SIPW_OK);
    ck_assert_int_eq(sipw_msg_typed(&m, SIPW_HDR__COUNT, &a, &e), SIPW_EINVAL);
    ck_assert_int_eq(sipw_msg_typed(&m, SIPW_HDR_VIA, NULL, &e), SIPW_EINVAL);
    ck_assert_int_eq(sipw_msg_typed(NULL, SIPW_HDR_VIA, &a, NULL), SIPW_EINVAL);
    m.buf = NULL;
    ck_assert_int_eq(sipw_msg_typed(&m, SIPW_HDR_VIA, &a, &e), SIPW_EINVAL);
}
END_TEST

/* Lazy parsing uses the arena for the header table only; the typed
 * structs come later, one header at a time. */
START_TEST(lazy_takes_less_arena)
{
    const char *text = RL VIA VIA VIA REST "CSeq: 1 INVITE\r\n\r\n";
    sipw_msg m;
    sipw_arena a;
    sipw_error e;
    size_t lazy_used, via_used;
    ck_assert_int_eq(lazy_parse(text, &m, &a, &e), SIPW_OK);
    lazy_used = sipw_arena_used(&a);
    ck_assert_int_eq(sipw_msg_typed(&m, SIPW_HDR_VIA, &a, &e), SIPW_OK);
    via_used = sipw_arena_used(&a) - lazy_used;
    ck_assert_uint_ge(via_used, 3 * sizeof(sipw_via));
    ck_assert_ptr_nonnull(m.via->next->next);
    ck_assert_ptr_null(m.via->next->next->next);
    ck_assert_ptr_null(m.from);
}
END_TEST

/* A failing sipw_msg_typed() leaves the message and the arena as they
 * were, like every call that takes arena space: for each arena too small
 * for the three Via values, and for a bad third value. */
START_TEST(typed_failure_gives_back)
{
    const char *text = RL VIA VIA VIA REST "CSeq: 1 INVITE\r\n\r\n";
    const char *bad = RL VIA VIA "Via: SIP/2.0/UDP h:99999\r\n" REST
                      "CSeq: 1 INVITE\r\n\r\n";
    unsigned char before[sizeof(sipw_msg)];
    sipw_msg m;
    sipw_arena a;
    sipw_error e;
    size_t size, used;
    sipw_status st = SIPW_ENOMEM;

    for (size = 0; st == SIPW_ENOMEM && size < ARENA; size++) {
        sipw_arena_init(&a, mem_lazy, size);
        if (sipw_msg_parse(&m, text, strlen(text), SIPW_PARSE_LAZY, &a, &e))
            continue;
        used = sipw_arena_used(&a);
        memcpy(before, &m, sizeof m);
        st = sipw_msg_typed(&m, SIPW_HDR_VIA, &a, &e);
        if (st != SIPW_OK) {
            ck_assert_int_eq(st, SIPW_ENOMEM);
            ck_assert_uint_eq(sipw_arena_used(&a), used);
            ck_assert(memcmp(before, &m, sizeof m) == 0);
        }
    }
    ck_assert_int_eq(st, SIPW_OK);
    ck_assert_ptr_nonnull(m.via->next->next);

    ck_assert_int_eq(lazy_parse(bad, &m, &a, &e), SIPW_OK);
    used = sipw_arena_used(&a);
    memcpy(before, &m, sizeof m);
    ck_assert_int_eq(sipw_msg_typed(&m, SIPW_HDR_VIA, &a, &e), SIPW_EVALUE);
    ck_assert_uint_eq(sipw_arena_used(&a), used);
    ck_assert(memcmp(before, &m, sizeof m) == 0);
    ck_assert_int_eq(sipw_msg_typed(&m, SIPW_HDR_OTHER, &a, &e), SIPW_EVALUE);
    ck_assert_uint_eq(sipw_arena_used(&a), used);
    ck_assert(memcmp(before, &m, sizeof m) == 0);
}
END_TEST

/* The same for every header id and every file of the corpus, with a few
 * bytes of arena left after the lazy parse: whatever fails (out of
 * memory, a bad value) leaves every byte of the message and the arena
 * as they were, so sipw_msg_typed() keeps exactly the bytes it may change. */
static void gives_back_on(const char *path)
{
    static const size_t spare[] = {0, 16, 48, 160, 600};
    unsigned char before[sizeof(sipw_msg)];
    size_t len, used, k;
    char *buf = tu_read_file(path, &len);
    sipw_msg m;
    sipw_arena a;
    sipw_error e;
    int id;

    sipw_arena_init(&a, mem_lazy, ARENA);
    if (sipw_msg_parse(&m, buf, len, SIPW_PARSE_LAZY, &a, &e) != SIPW_OK) {
        free(buf);
        return;
    }
    used = sipw_arena_used(&a);
    for (k = 0; k < sizeof spare / sizeof spare[0]; k++) {
        for (id = 0; id < SIPW_HDR__COUNT; id++) {
            sipw_arena_init(&a, mem_lazy, used + spare[k]);
            ck_assert_int_eq(sipw_msg_parse(&m, buf, len, SIPW_PARSE_LAZY,
                                            &a, &e), SIPW_OK);
            memcpy(before, &m, sizeof m);
            if (sipw_msg_typed(&m, (sipw_hdr)id, &a, &e) == SIPW_OK)
                continue;
            ck_assert_msg(memcmp(before, &m, sizeof m) == 0 &&
                              sipw_arena_used(&a) == used,
                          "%s: failed sipw_msg_typed(%s) with %zu bytes "
                          "spare changed the message or the arena",
                          path, sipw_hdr_name((sipw_hdr)id), spare[k]);
        }
    }
    free(buf);
}

START_TEST(typed_failure_gives_back_on_the_corpus)
{
    static const char *const dirs[] = {"rfc3665", "rfc4475", "valid",
                                       "invalid"};
    size_t d, n, i;

    for (d = 0; d < sizeof dirs / sizeof dirs[0]; d++) {
        struct tu_case *c = tu_load_cases(dirs[d], &n);
        for (i = 0; i < n; i++)
            gives_back_on(c[i].path);
        free(c);
    }
}
END_TEST

static Suite *lazy_suite(void)
{
    Suite *s = suite_create("lazy");
    TCase *tc = tcase_create("lazy");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, lazy_equals_eager_on_the_corpus);
    tcase_add_test(tc, errors_wait_for_first_use);
    tcase_add_test(tc, message_checks_on_first_use);
    tcase_add_test(tc, missing_header_found_first);
    tcase_add_test(tc, bad_arguments);
    tcase_add_test(tc, lazy_takes_less_arena);
    tcase_add_test(tc, typed_failure_gives_back);
    tcase_add_test(tc, typed_failure_gives_back_on_the_corpus);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tu_run(lazy_suite());
}
