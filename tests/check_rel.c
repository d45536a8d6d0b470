/* SPDX-License-Identifier: MIT */
/* sipwire tests: RSeq and RAck (RFC 3262 §7.1, §7.2; grammar/rel.re,
 * src/typed/rel.c), the typed headers added through the registry
 * (SIPW_TYPED_HEADERS): the parsers directly, in a message (values,
 * errors and their positions, a second line, the lazy path) and through
 * the writer (write(parse(write(m))) == write(m)). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "typed/typed.h"

static int str_is(sipw_str s, const char *want)
{
    return s.p && s.len == strlen(want) && memcmp(s.p, want, s.len) == 0;
}

static void tp_init(struct sipw_tp *tp, const char *s, sipw_error *err)
{
    tp->buf = s;
    tp->len = strlen(s);
    tp->header.p = NULL;
    tp->header.len = 0;
    tp->arena = NULL;
    tp->err = err;
    tp->flags = 0;
    memset(err, 0, sizeof *err);
}

static sipw_status rseq(const char *s, uint32_t *n, sipw_error *err)
{
    struct sipw_tp tp;
    tp_init(&tp, s, err);
    return sipw__rseq(&tp, s, s + strlen(s), n);
}

static sipw_status rack(const char *s, sipw_rack *r, sipw_error *err)
{
    struct sipw_tp tp;
    tp_init(&tp, s, err);
    return sipw__rack(&tp, s, s + strlen(s), r);
}

/* --- the parsers ------------------------------------------------------- */

START_TEST(rseq_valid)
{
    static const struct { const char *s; uint32_t n; } cases[] = {
        {"1", 1}, {"988789", 988789}, {"0001", 1},
        {"4294967295", 4294967295u}, {"000004294967295", 4294967295u},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sipw_error err;
        uint32_t n = 7;
        ck_assert_msg(rseq(cases[i].s, &n, &err) == SIPW_OK, "'%s': %s",
                      cases[i].s, err.reason);
        ck_assert_uint_eq(n, cases[i].n);
    }
}
END_TEST

START_TEST(rack_valid)
{
    sipw_error err;
    sipw_rack r;
    ck_assert_int_eq(rack("776656 1 INVITE", &r, &err), SIPW_OK);
    ck_assert_uint_eq(r.rseq, 776656);
    ck_assert_uint_eq(r.cseq, 1);
    ck_assert(str_is(r.method, "INVITE"));
    ck_assert_int_eq(r.method_id, SIPW_METHOD_INVITE);
    /* Any LWS, folds included (RFC 3261 §7.3.1); CSeq-num may be 0. */
    ck_assert_int_eq(rack("1\t \r\n 0   \r\n\tfoo.bar", &r, &err), SIPW_OK);
    ck_assert_uint_eq(r.rseq, 1);
    ck_assert_uint_eq(r.cseq, 0);
    ck_assert(str_is(r.method, "foo.bar"));
    ck_assert_int_eq(r.method_id, SIPW_METHOD_OTHER);
    ck_assert_int_eq(rack("4294967295 4294967295 x", &r, &err), SIPW_OK);
    ck_assert_uint_eq(r.rseq, 4294967295u);
    ck_assert_uint_eq(r.cseq, 4294967295u);
}
END_TEST

/* Invalid values: the status and the offset of the byte at fault. */
static const struct bad {
    int rack; /* 0: RSeq, 1: RAck */
    const char *s;
    size_t at;
    const char *why; /* a word of the reason */
} bad[] = {
    {0, "", 0, "response-num"},
    {0, "0", 0, "at least 1"},
    {0, "000", 0, "at least 1"},
    {0, "4294967296", 0, "2^32-1"},
    {0, "99999999999999999999999", 0, "2^32-1"},
    {0, "12a", 2, "decimal"},
    {0, "1 2", 1, "decimal"},
    {0, "-1", 0, "response-num"},
    {0, "+1", 0, "response-num"},
    {1, "", 0, "response-num"},
    {1, "0 1 INVITE", 0, "at least 1"},
    {1, "4294967296 1 INVITE", 0, "2^32-1"},
    {1, "1", 1, "LWS"},
    {1, "1x 1 INVITE", 1, "LWS"},
    {1, "1 ", 2, "CSeq number"},
    {1, "1 INVITE", 2, "CSeq number"},
    {1, "1 4294967296 INVITE", 2, "2^32-1"},
    {1, "1 1", 3, "LWS"},
    {1, "1 1INVITE", 3, "LWS"},
    {1, "1 1 ", 4, "method"},
    {1, "1 1 @", 4, "method"},
    {1, "1 1 INVITE x", 10, "after the RAck method"},
    {1, "1 1 INV@ITE", 7, "after the RAck method"},
};

START_TEST(invalid_values)
{
    const struct bad *c = &bad[_i];
    sipw_error err;
    sipw_rack r;
    uint32_t n;
    sipw_status st = c->rack ? rack(c->s, &r, &err) : rseq(c->s, &n, &err);
    ck_assert_msg(st == SIPW_EVALUE, "'%s': %s", c->s, sipw_status_name(st));
    ck_assert_int_eq(err.status, SIPW_EVALUE);
    ck_assert_msg(err.offset == c->at, "'%s': offset %zu (%s), want %zu",
                  c->s, err.offset, err.reason, c->at);
    ck_assert_msg(err.reason && strstr(err.reason, c->why),
                  "'%s': reason '%s' lacks '%s'", c->s, err.reason, c->why);
}
END_TEST

/* --- in a message ------------------------------------------------------ */

#define BASE                                                                   \
    "SIP/2.0 183 Session Progress\r\n"                                         \
    "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1\r\n"                       \
    "To: <sip:bob@example.com>;tag=2\r\n"                                      \
    "From: <sip:alice@example.com>;tag=1\r\n"                                  \
    "Call-ID: 1@a.example.com\r\n"                                             \
    "CSeq: 1 INVITE\r\n"

#define PRACK                                                                  \
    "PRACK sip:bob@example.com SIP/2.0\r\n"                                    \
    "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK2\r\n"                       \
    "Max-Forwards: 70\r\n"                                                     \
    "To: <sip:bob@example.com>;tag=2\r\n"                                      \
    "From: <sip:alice@example.com>;tag=1\r\n"                                  \
    "Call-ID: 1@a.example.com\r\n"                                             \
    "CSeq: 2 PRACK\r\n"

START_TEST(message_values)
{
    static const char resp[] = BASE "Require: 100rel\r\nRSeq: 0988789\r\n"
                                    "Content-Length: 0\r\n\r\n";
    static const char req[] = PRACK "RAck:  988789 \r\n 1 INVITE\r\n"
                                    "Content-Length: 0\r\n\r\n";
    sipw_msg m;
    sipw_error err;

    ck_assert_int_eq(tu_parse(resp, sizeof resp - 1, &m, &err), SIPW_OK);
    ck_assert_int_eq(m.rseq, 988789);
    ck_assert_ptr_null(m.rack);
    ck_assert_int_eq(tu_parse(req, sizeof req - 1, &m, &err), SIPW_OK);
    ck_assert_uint_eq(m.rseq, 0);
    ck_assert_ptr_nonnull(m.rack);
    ck_assert_uint_eq(m.rack->rseq, 988789);
    ck_assert_uint_eq(m.rack->cseq, 1);
    ck_assert(str_is(m.rack->method, "INVITE"));
}
END_TEST

/* Errors in a message: line 7 of BASE, the column of the byte at fault,
 * the header as written. */
static const struct msg_case {
    const char *lines;
    sipw_status st;
    unsigned line, column;
    const char *header;
} msg_cases[] = {
    {"RSeq: 0", SIPW_EVALUE, 7, 7, "RSeq"},
    {"rseq: 4294967296", SIPW_EVALUE, 7, 7, "rseq"},
    {"RSeq: 1\r\nRSeq: 2", SIPW_EDUP, 8, 1, "RSeq"},
    {"RAck: 1 1", SIPW_EVALUE, 7, 10, "RAck"},
    {"RAck: 1 1 INVITE\r\nRAck: 2 1 INVITE", SIPW_EDUP, 8, 1, "RAck"},
    {"RACK: 5 x INVITE", SIPW_EVALUE, 7, 9, "RACK"},
};

START_TEST(message_errors)
{
    const struct msg_case *c = &msg_cases[_i];
    char buf[512];
    int n = snprintf(buf, sizeof buf, BASE "%s\r\n\r\n", c->lines);
    sipw_msg m;
    sipw_error err;
    sipw_status st = tu_parse(buf, (size_t)n, &m, &err);
    ck_assert_msg(st == c->st, "'%s': got %s (%s)", c->lines,
                  sipw_status_name(st), err.reason ? err.reason : "");
    ck_assert_uint_eq(err.line, c->line);
    ck_assert_msg(err.column == c->column, "'%s': column %u (%s), want %u",
                  c->lines, err.column, err.reason, c->column);
    ck_assert(str_is(err.header, c->header));
}
END_TEST

/* SIPW_PARSE_LAZY: the slots are absent until sipw_msg_typed(). */
START_TEST(message_lazy)
{
    static const char resp[] = BASE "RSeq: 5\r\nRAck: 5 1 INVITE\r\n\r\n";
    static unsigned char mem[1 << 14];
    sipw_arena a;
    sipw_msg m;
    sipw_error err;

    sipw_arena_init(&a, mem, sizeof mem);
    ck_assert_int_eq(sipw_msg_parse(&m, resp, sizeof resp - 1,
                                    SIPW_PARSE_LAZY, &a, &err), SIPW_OK);
    ck_assert_uint_eq(m.rseq, 0);
    ck_assert_ptr_null(m.rack);
    ck_assert_int_eq(sipw_msg_typed(&m, SIPW_HDR_RSEQ, &a, &err), SIPW_OK);
    ck_assert_int_eq(m.rseq, 5);
    ck_assert_int_eq(sipw_msg_typed(&m, SIPW_HDR_RACK, &a, &err), SIPW_OK);
    ck_assert_ptr_nonnull(m.rack);
    ck_assert_uint_eq(m.rack->cseq, 1);
}
END_TEST

/* --- the writer -------------------------------------------------------- */

/* write(m), write(parse(write(m))): the same bytes; returns a malloc'ed
 * copy of the first (NUL-terminated). */
static char *round_trip(const char *in, size_t len)
{
    static unsigned char mem[1 << 16];
    sipw_arena a;
    sipw_msg m;
    sipw_error err;
    size_t n1, n2;
    char *w1, *w2;

    ck_assert_int_eq(tu_parse(in, len, &m, &err), SIPW_OK);
    n1 = sipw_msg_write(&m, NULL, 0, 0, &err);
    ck_assert_uint_gt(n1, 0);
    w1 = malloc(n1 + 1);
    ck_assert_ptr_nonnull(w1);
    ck_assert_uint_eq(sipw_msg_write(&m, w1, n1 + 1, 0, &err), n1);
    sipw_arena_init(&a, mem, sizeof mem);
    ck_assert_int_eq(sipw_msg_parse(&m, w1, n1, 0, &a, &err), SIPW_OK);
    n2 = sipw_msg_write(&m, NULL, 0, 0, &err);
    ck_assert_uint_eq(n2, n1);
    w2 = malloc(n2 + 1);
    ck_assert_ptr_nonnull(w2);
    ck_assert_uint_eq(sipw_msg_write(&m, w2, n2 + 1, 0, &err), n2);
    ck_assert_mem_eq(w1, w2, n1);
    free(w2);
    return w1;
}

START_TEST(write_round_trip)
{
    static const char resp[] = BASE "rseq:  00042\r\n\r\n";
    static const char req[] = PRACK "RAck: 042 \r\n\t001   INVITE\r\n\r\n";
    char *w = round_trip(resp, sizeof resp - 1);
    /* The canonical forms: no leading zeros, one SP between the parts. */
    ck_assert_ptr_nonnull(strstr(w, "\r\nRSeq: 42\r\n"));
    free(w);
    w = round_trip(req, sizeof req - 1);
    ck_assert_ptr_nonnull(strstr(w, "\r\nRAck: 42 1 INVITE\r\n"));
    free(w);
}
END_TEST

/* A typed value the writer refuses, and one attached to no line. */
START_TEST(write_refuses)
{
    static const char resp[] = BASE "RSeq: 1\r\nRAck: 1 1 INVITE\r\n\r\n";
    static const char bare[] = BASE "\r\n";
    static const sipw_rack r = {3, 1, {"INVITE", 6}, SIPW_METHOD_INVITE};
    sipw_msg m;
    sipw_error err;
    sipw_rack wrong;
    char out[1024];

    ck_assert_int_eq(tu_parse(resp, sizeof resp - 1, &m, &err), SIPW_OK);
    wrong = *m.rack;
    wrong.method.p = "IN VITE";
    wrong.method.len = 7;
    m.rack = &wrong;
    ck_assert_uint_eq(sipw_msg_write(&m, out, sizeof out, 0, &err), 0);
    ck_assert_int_eq(err.status, SIPW_EVALUE);
    ck_assert(str_is(err.header, "RAck"));

    ck_assert_int_eq(tu_parse(bare, sizeof bare - 1, &m, &err), SIPW_OK);
    m.rack = &r;
    ck_assert_uint_eq(sipw_msg_write(&m, out, sizeof out, 0, &err), 0);
    ck_assert_int_eq(err.status, SIPW_EINVAL);
    ck_assert(str_is(err.header, "RAck"));
}
END_TEST

static Suite *rel_suite(void)
{
    Suite *s = suite_create("rel");
    TCase *tc = tcase_create("rel");
    tcase_add_test(tc, rseq_valid);
    tcase_add_test(tc, rack_valid);
    tcase_add_loop_test(tc, invalid_values, 0,
                        (int)(sizeof bad / sizeof bad[0]));
    tcase_add_test(tc, message_values);
    tcase_add_loop_test(tc, message_errors, 0,
                        (int)(sizeof msg_cases / sizeof msg_cases[0]));
    tcase_add_test(tc, message_lazy);
    tcase_add_test(tc, write_round_trip);
    tcase_add_test(tc, write_refuses);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tu_run(rel_suite());
}
