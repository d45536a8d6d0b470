/* SPDX-License-Identifier: MIT */
/* sipwire tests: header parameters (RFC 3261 §25.1 generic-param), SWS,
 * quoted strings, the parameter-slice iterator and sipw_str_unquote(). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "typed/typed.h"

static int str_is(sipw_str s, const char *want, size_t want_len)
{
    return s.p && s.len == want_len && memcmp(s.p, want, s.len) == 0;
}

#define ck_assert_slice(s, want)                                               \
    ck_assert_msg(str_is((s), (want), strlen(want)), "got '%.*s', want '%s'", \
                  (int)(s).len, (s).p ? (s).p : "", (want))

static struct sipw_tp make_tp(const char *buf, size_t len, sipw_error *err)
{
    struct sipw_tp tp;
    tp.buf = buf;
    tp.len = len;
    tp.header.p = NULL;
    tp.header.len = 0;
    tp.arena = NULL;
    tp.err = err;
    return tp;
}

/* --- sipw__gparam --------------------------------------------------- */

struct gp_case {
    const char *in;
    size_t len;        /* 0: strlen(in) */
    int raw;
    sipw_status st;
    const char *name;  /* OK: expected name */
    const char *value; /* OK: expected value (NULL: none) */
    size_t value_len;  /* 0: strlen(value) */
    int quoted;
    size_t stop;       /* OK: where *cur stops; error: error offset */
};

#define V(s) s, sizeof(s) - 1
static const struct gp_case gp_cases[] = {
    {";a=b", 0, 0, SIPW_OK, "a", "b", 0, 0, 4},
    {";lr", 0, 0, SIPW_OK, "lr", NULL, 0, 0, 3},
    {" ; lr", 0, 0, SIPW_OK, "lr", NULL, 0, 0, 5},
    /* not past the LWS that follows */
    {";lr ;x", 0, 0, SIPW_OK, "lr", NULL, 0, 0, 3},
    {";a=b c", 0, 0, SIPW_OK, "a", "b", 0, 0, 4},
    {";a=b,c", 0, 0, SIPW_OK, "a", "b", 0, 0, 4},
    {";branch=z9hG4bK-.!%*_+`'~x", 0, 0, SIPW_OK, "branch",
     "z9hG4bK-.!%*_+`'~x", 0, 0, 26},
    /* LWS and folds around ";" and "=" */
    {" \r\n ;\r\n\ta \r\n = \r\n \"x y\"", 0, 0, SIPW_OK, "a", "x y", 0, 1,
     23},
    {"\t;\tttl\t=\t16\t", 0, 0, SIPW_OK, "ttl", "16", 0, 0, 11},
    /* several folds in a row are one SWS (RFC 3261 section 7.3.1) */
    {"\r\n \r\n ;a", 0, 0, SIPW_OK, "a", NULL, 0, 0, 8},
    {";a=\"\"", 0, 0, SIPW_OK, "a", "", 0, 1, 5},
    {";a=\"x\\\"y\"", 0, 0, SIPW_OK, "a", "x\\\"y", 0, 1, 9},
    {";a=\"x;y,z=\"", 0, 0, SIPW_OK, "a", "x;y,z=", 0, 1, 11},
    {";a=\"\x80\xff\"", 0, 0, SIPW_OK, "a", "\x80\xff", 0, 1, 7},
    /* quoted-pair NUL (RFC 4475 section 3.1.1.2, intmeth) */
    {V(";a=\"\\\0\""), 0, SIPW_OK, "a", V("\\\0"), 1, 7},
    {";a=\"a\r\n b\"", 0, 0, SIPW_OK, "a", "a\r\n b", 0, 1, 10},
    {";a=\"\\\t\\\x7f\"", 0, 0, SIPW_OK, "a", "\\\t\\\x7f", 0, 1, 9},
    {";maddr=192.0.2.1", 0, 0, SIPW_OK, "maddr", "192.0.2.1", 0, 0, 16},
    {";maddr=[2001:db8::1]", 0, 0, SIPW_OK, "maddr", "[2001:db8::1]", 0, 0,
     20},
    {";maddr=[::ffff:192.0.2.1];x", 0, 0, SIPW_OK, "maddr",
     "[::ffff:192.0.2.1]", 0, 0, 25},
    /* raw_value: stop after EQUAL */
    {";received = 2001:db8::1", 0, 1, SIPW_OK, "received", "", 0, 0, 12},
    {";received=::1", 0, 1, SIPW_OK, "received", "", 0, 0, 10},
    {";rport", 0, 1, SIPW_OK, "rport", NULL, 0, 0, 6},
    {";rport ", 0, 1, SIPW_OK, "rport", NULL, 0, 0, 6},
    /* errors: offset of the offending byte */
    {"", 0, 0, SIPW_EVALUE, NULL, NULL, 0, 0, 0},
    {"a", 0, 0, SIPW_EVALUE, NULL, NULL, 0, 0, 0},
    {"  ,a", 0, 0, SIPW_EVALUE, NULL, NULL, 0, 0, 2},
    {";", 0, 0, SIPW_EVALUE, NULL, NULL, 0, 0, 1},
    {"; ", 0, 0, SIPW_EVALUE, NULL, NULL, 0, 0, 2},
    {";;", 0, 0, SIPW_EVALUE, NULL, NULL, 0, 0, 1},
    {"; ;a", 0, 0, SIPW_EVALUE, NULL, NULL, 0, 0, 2},
    {";=b", 0, 0, SIPW_EVALUE, NULL, NULL, 0, 0, 1},
    {";\"a\"", 0, 0, SIPW_EVALUE, NULL, NULL, 0, 0, 1},
    {";a=", 0, 0, SIPW_EVALUE, NULL, NULL, 0, 0, 3},
    {";a= ", 0, 0, SIPW_EVALUE, NULL, NULL, 0, 0, 4},
    {";a=;b", 0, 0, SIPW_EVALUE, NULL, NULL, 0, 0, 3},
    {";a=@", 0, 0, SIPW_EVALUE, NULL, NULL, 0, 0, 3},
    {";a=[1::2", 0, 0, SIPW_EVALUE, NULL, NULL, 0, 0, 3},
    {";a=[zz]", 0, 0, SIPW_EVALUE, NULL, NULL, 0, 0, 3},
    {";a=[1:2]", 0, 0, SIPW_EVALUE, NULL, NULL, 0, 0, 3},
    {";a=[]", 0, 0, SIPW_EVALUE, NULL, NULL, 0, 0, 3},
    {";a\r\n=b", 0, 0, SIPW_OK, "a", NULL, 0, 0, 2},
    {";a=\r\nb", 0, 0, SIPW_EVALUE, NULL, NULL, 0, 0, 3},
    {";a=\"abc", 0, 0, SIPW_EQUOTE, NULL, NULL, 0, 0, 3},
    {";a=\"", 0, 0, SIPW_EQUOTE, NULL, NULL, 0, 0, 3},
    {";a=\"ab\\", 0, 0, SIPW_EQUOTE, NULL, NULL, 0, 0, 6},
    {";a=\"ab\\\"", 0, 0, SIPW_EQUOTE, NULL, NULL, 0, 0, 3},
    {";a=\"a\r\n", 0, 0, SIPW_EQUOTE, NULL, NULL, 0, 0, 3},
    {";a=\"a\r\n\"", 0, 0, SIPW_EVALUE, NULL, NULL, 0, 0, 5},
    {";a=\"a\rb\"", 0, 0, SIPW_EVALUE, NULL, NULL, 0, 0, 5},
    {";a=\"a\nb\"", 0, 0, SIPW_EVALUE, NULL, NULL, 0, 0, 5},
    {";a=\"a\x01\"", 0, 0, SIPW_EVALUE, NULL, NULL, 0, 0, 5},
    {V(";a=\"a\0\""), 0, SIPW_EVALUE, NULL, NULL, 0, 0, 5},
    {";a=\"\x7f\"", 0, 0, SIPW_EVALUE, NULL, NULL, 0, 0, 4},
    /* "\" quotes bytes below 0x80 other than CR and LF */
    {";a=\"\\\x80\"", 0, 0, SIPW_EVALUE, NULL, NULL, 0, 0, 4},
    {";a=\"\\\r\n x\"", 0, 0, SIPW_EVALUE, NULL, NULL, 0, 0, 4},
    {";a=\"\\\n\"", 0, 0, SIPW_EVALUE, NULL, NULL, 0, 0, 4},
};

static size_t case_len(const struct gp_case *c)
{
    return c->len ? c->len : strlen(c->in);
}

static sipw_status run_gparam(const char *buf, size_t len, int raw,
                              sipw_param *out, const char **stop,
                              sipw_error *err)
{
    struct sipw_tp tp = make_tp(buf, len, err);
    const char *cur = buf;
    sipw_status st = sipw__gparam(&tp, &cur, buf + len, out, raw);
    *stop = cur;
    return st;
}

START_TEST(gparam_table)
{
    const struct gp_case *c = &gp_cases[_i];
    size_t len = case_len(c);
    sipw_param pr;
    sipw_error err;
    const char *stop;
    sipw_status st;

    memset(&err, 0, sizeof err);
    st = run_gparam(c->in, len, c->raw, &pr, &stop, &err);
    ck_assert_msg(st == c->st, "case %d: status %s, want %s (%s)", _i,
                  sipw_status_name(st), sipw_status_name(c->st),
                  err.reason ? err.reason : "");
    if (st == SIPW_OK) {
        ck_assert_slice(pr.name, c->name);
        if (c->value) {
            size_t vl = c->value_len ? c->value_len : strlen(c->value);
            if (c->raw) {
                ck_assert_ptr_eq(pr.value.p, c->in + c->stop);
                ck_assert_uint_eq(pr.value.len, 0);
            } else {
                ck_assert_msg(str_is(pr.value, c->value, vl),
                              "case %d: value '%.*s'", _i, (int)pr.value.len,
                              pr.value.p ? pr.value.p : "");
            }
        } else {
            ck_assert_ptr_null(pr.value.p);
            ck_assert_uint_eq(pr.value.len, 0);
        }
        ck_assert_int_eq(pr.quoted, c->quoted);
        ck_assert_msg((size_t)(stop - c->in) == c->stop,
                      "case %d: stopped at %u, want %u", _i,
                      (unsigned)(stop - c->in), (unsigned)c->stop);
    } else {
        ck_assert_int_eq(err.status, c->st);
        ck_assert_msg(err.offset == c->stop, "case %d: error at %u, want %u",
                      _i, (unsigned)err.offset, (unsigned)c->stop);
        ck_assert_ptr_nonnull(err.reason);
        ck_assert_ptr_eq(stop, c->in); /* *cur untouched on error */
    }
}
END_TEST

/* Every case at a guard page, cut at every length: never a read past the
 * end; an OK or a clean error whose offset lies inside the input. */
START_TEST(gparam_guard_every_cut)
{
    struct tu_guard g;
    size_t i, n;

    tu_guard_init(&g, 256);
    for (i = 0; i < sizeof gp_cases / sizeof gp_cases[0]; i++) {
        const struct gp_case *c = &gp_cases[i];
        size_t len = case_len(c);
        for (n = 0; n <= len; n++) {
            const char *b = tu_guard_put(&g, c->in, n);
            sipw_param pr;
            sipw_error err;
            const char *stop;
            sipw_status st = run_gparam(b, n, c->raw, &pr, &stop, &err);
            if (st == SIPW_OK) {
                ck_assert(stop > b && stop <= b + n);
                ck_assert(pr.name.p >= b && pr.name.p + pr.name.len <= b + n);
            } else {
                ck_assert(st == SIPW_EVALUE || st == SIPW_EQUOTE);
                ck_assert_uint_le(err.offset, n);
            }
            if (n == len)
                ck_assert_int_eq(st, c->st);
        }
    }
    tu_guard_free(&g);
}
END_TEST

/* A list of 200,000 parameters on one line lexes in linear time. */
START_TEST(gparam_many_linear)
{
    size_t n = 200000, k, len = 0;
    char *buf = malloc(n * 8 + 1);
    const char *cur, *e;
    struct sipw_tp tp;
    sipw_param pr;
    sipw_str rest;

    ck_assert_ptr_nonnull(buf);
    for (k = 0; k < n; k++) {
        memcpy(buf + len, k % 2 ? " ; p=v" : ";q=\"v\"", 6);
        len += 6;
    }
    tp = make_tp(buf, len, NULL);
    cur = buf;
    e = buf + len;
    for (k = 0; cur < e; k++)
        ck_assert_int_eq(sipw__gparam(&tp, &cur, e, &pr, 0), SIPW_OK);
    ck_assert_uint_eq(k, n);
    rest.p = buf;
    rest.len = len;
    for (k = 0; sipw_param_next(&rest, &pr); k++)
        ck_assert_uint_eq(pr.value.len, 1);
    ck_assert_uint_eq(k, n);
    free(buf);
}
END_TEST

/* --- sipw__sws and sipw__quoted ------------------------------------- */

START_TEST(sws_skips_folds_only)
{
    static const struct {
        const char *in;
        size_t stop;
    } t[] = {
        {"", 0},          {"a", 0},           {" \t a", 3},
        {"\r\n a", 3},    {" \r\n\t a", 5},   {"\r\n \r\n b", 6},
        {"\r\na", 0},     {" \r\na", 1},      {" \r", 1},
        {"\r\n", 0},      {" \n a", 1},       {"\t\r\n", 1},
    };
    size_t i;
    for (i = 0; i < sizeof t / sizeof t[0]; i++) {
        struct tu_guard g;
        size_t len = strlen(t[i].in);
        const char *b, *cur;
        tu_guard_init(&g, 16);
        b = tu_guard_put(&g, t[i].in, len);
        cur = b;
        sipw__sws(&cur, b + len);
        ck_assert_msg((size_t)(cur - b) == t[i].stop, "case %u: %u", (unsigned)i,
                      (unsigned)(cur - b));
        tu_guard_free(&g);
    }
}
END_TEST

START_TEST(quoted_direct)
{
    static const char in[] = " \r\n \"a\\\\b\" x";
    struct sipw_tp tp = make_tp(in, sizeof in - 1, NULL);
    const char *cur = in;
    sipw_str body;
    sipw_error err;

    ck_assert_int_eq(sipw__quoted(&tp, &cur, in + sizeof in - 1, &body),
                     SIPW_OK);
    ck_assert_slice(body, "a\\\\b");
    ck_assert_ptr_eq(cur, in + 10);

    tp.err = &err;
    ck_assert_int_eq(sipw__quoted(&tp, &cur, in + sizeof in - 1, &body),
                     SIPW_EVALUE);
    ck_assert_uint_eq(err.offset, 11);
    cur = in + sizeof in - 1;
    ck_assert_int_eq(sipw__quoted(&tp, &cur, in + sizeof in - 1, &body),
                     SIPW_EVALUE);
    ck_assert_uint_eq(err.offset, sizeof in - 1);
}
END_TEST

/* --- sipw_param_next / sipw_param_find ------------------------------ */

struct want_param {
    const char *name, *value;
    int quoted;
};

static void walk(const char *list, const struct want_param *w, size_t n)
{
    sipw_str rest;
    sipw_param pr;
    size_t k;
    rest.p = list;
    rest.len = strlen(list);
    for (k = 0; k < n; k++) {
        ck_assert_msg(sipw_param_next(&rest, &pr), "param %u missing",
                      (unsigned)k);
        ck_assert_slice(pr.name, w[k].name);
        if (w[k].value)
            ck_assert_slice(pr.value, w[k].value);
        else
            ck_assert_ptr_null(pr.value.p);
        ck_assert_int_eq(pr.quoted, w[k].quoted);
    }
    ck_assert_int_eq(sipw_param_next(&rest, &pr), 0);
    ck_assert_uint_eq(rest.len, 0);
    ck_assert_int_eq(sipw_param_next(&rest, &pr), 0);
}

START_TEST(next_header_style)
{
    static const struct want_param w[] = {
        {"a", "1", 0}, {"b", NULL, 0}, {"c", "x;y \\\" z", 1},
        {"d", "e", 0}, {"maddr", "[2001:db8::1]", 0}, {"E", "", 1},
    };
    walk(";a=1 ; b;c=\"x;y \\\" z\" \r\n ;d \r\n = e;maddr=[2001:db8::1]"
         ";E=\"\" ",
         w, sizeof w / sizeof w[0]);
}
END_TEST

START_TEST(next_uri_style)
{
    static const struct want_param w[] = {
        {"transport", "tcp", 0}, {"lr", NULL, 0},
        {"maddr", "[::1]", 0},   {"x%41", "a/b:c[d]&+$%20", 0},
        {"user", "phone", 0},    {"novalue", "", 0},
    };
    walk(";transport=tcp;lr;maddr=[::1];x%41=a/b:c[d]&+$%20;user=phone"
         ";novalue=",
         w, sizeof w / sizeof w[0]);
}
END_TEST

START_TEST(next_edges)
{
    sipw_str rest;
    sipw_param pr;
    static const char nul_list[] = ";a=\"\\\0\";b";

    rest.p = NULL;
    rest.len = 0;
    ck_assert_int_eq(sipw_param_next(&rest, &pr), 0);
    ck_assert_int_eq(sipw_param_next(NULL, &pr), 0);
    rest.p = "";
    ck_assert_int_eq(sipw_param_next(&rest, &pr), 0);
    rest.p = " \r\n ";
    rest.len = 4;
    ck_assert_int_eq(sipw_param_next(&rest, &pr), 0);
    ck_assert_uint_eq(rest.len, 0);
    /* not from a parser: still terminates, never reads past the end */
    rest.p = "=";
    rest.len = 1;
    ck_assert_int_eq(sipw_param_next(&rest, &pr), 1);
    ck_assert_uint_eq(pr.name.len, 0);
    ck_assert_int_eq(sipw_param_next(&rest, &pr), 0);
    rest.p = ";a=\"unterminated\\";
    rest.len = strlen(rest.p);
    ck_assert_int_eq(sipw_param_next(&rest, &pr), 1);
    ck_assert_slice(pr.value, "unterminated\\");
    ck_assert_int_eq(sipw_param_next(&rest, &pr), 0);
    /* a quoted-pair NUL inside the value */
    rest.p = nul_list;
    rest.len = sizeof nul_list - 1;
    ck_assert_int_eq(sipw_param_next(&rest, &pr), 1);
    ck_assert(str_is(pr.value, "\\\0", 2));
    ck_assert_int_eq(sipw_param_next(&rest, &pr), 1);
    ck_assert_slice(pr.name, "b");
    ck_assert_int_eq(sipw_param_next(&rest, &pr), 0);
}
END_TEST

/* Every prefix of a list at a guard page: the walk stays inside. */
START_TEST(next_guard_every_cut)
{
    static const char list[] =
        ";a=1 ; b;c=\"x;y \\\" z\" \r\n ;d \r\n = e;maddr=[::1];f=\"\\";
    struct tu_guard g;
    size_t n;
    tu_guard_init(&g, sizeof list);
    for (n = 0; n < sizeof list; n++) {
        sipw_str rest;
        sipw_param pr;
        const char *b = tu_guard_put(&g, list, n);
        size_t k = 0;
        rest.p = b;
        rest.len = n;
        while (sipw_param_next(&rest, &pr)) {
            ck_assert(pr.name.p >= b && pr.name.p + pr.name.len <= b + n);
            if (pr.value.p)
                ck_assert(pr.value.p >= b &&
                          pr.value.p + pr.value.len <= b + n);
            ck_assert_uint_le(++k, n);
        }
    }
    tu_guard_free(&g);
}
END_TEST

START_TEST(find_by_name)
{
    sipw_str l;
    sipw_param pr;
    l.p = ";Branch=z9hG4bK1 ;RPORT; received = \"q\" ;branch=second";
    l.len = strlen(l.p);
    ck_assert_int_eq(sipw_param_find(l, "branch", &pr), 1);
    ck_assert_slice(pr.value, "z9hG4bK1");
    ck_assert_int_eq(sipw_param_find(l, "rport", &pr), 1);
    ck_assert_ptr_null(pr.value.p);
    ck_assert_int_eq(sipw_param_find(l, "RECEIVED", &pr), 1);
    ck_assert_slice(pr.value, "q");
    ck_assert_int_eq(pr.quoted, 1);
    ck_assert_int_eq(sipw_param_find(l, "rpor", NULL), 0);
    ck_assert_int_eq(sipw_param_find(l, "rports", NULL), 0);
    ck_assert_int_eq(sipw_param_find(l, "rport", NULL), 1);
    ck_assert_int_eq(sipw_param_find(l, NULL, NULL), 0);
    l.p = NULL;
    l.len = 0;
    ck_assert_int_eq(sipw_param_find(l, "a", &pr), 0);
}
END_TEST

/* The slices that sipw__gparam produces walk back the same way. */
START_TEST(next_agrees_with_gparam)
{
    static const char in[] =
        " ;a=b ;\r\n c = \"d;e\\\"\" ; f;g=[::1];h=\"\\\0\"";
    struct sipw_tp tp = make_tp(in, sizeof in - 1, NULL);
    const char *cur = in, *e = in + sizeof in - 1;
    sipw_str rest;
    sipw_param a, b;
    rest.p = in;
    rest.len = sizeof in - 1;
    while (cur < e) {
        ck_assert_int_eq(sipw__gparam(&tp, &cur, e, &a, 0), SIPW_OK);
        ck_assert_int_eq(sipw_param_next(&rest, &b), 1);
        ck_assert(sipw_str_eq(a.name, b.name));
        ck_assert(sipw_str_eq(a.value, b.value));
        ck_assert_ptr_eq(a.value.p, b.value.p);
        ck_assert_int_eq(a.quoted, b.quoted);
        ck_assert_ptr_eq(rest.p, cur);
    }
    ck_assert_int_eq(sipw_param_next(&rest, &b), 0);
}
END_TEST

/* --- sipw_str_unquote ------------------------------------------------ */

START_TEST(unquote_snprintf)
{
    sipw_str s;
    char buf[16];

    s.p = "a\\\"b\\\\c";
    s.len = strlen(s.p);
    memset(buf, 'X', sizeof buf);
    ck_assert_uint_eq(sipw_str_unquote(s, buf, sizeof buf), 5);
    ck_assert_str_eq(buf, "a\"b\\c");
    ck_assert_uint_eq(sipw_str_unquote(s, NULL, 0), 5);
    memset(buf, 'X', sizeof buf);
    ck_assert_uint_eq(sipw_str_unquote(s, buf, 1), 5);
    ck_assert_int_eq(buf[0], '\0');
    ck_assert_int_eq(buf[1], 'X');
    memset(buf, 'X', sizeof buf);
    ck_assert_uint_eq(sipw_str_unquote(s, buf, 3), 5);
    ck_assert_str_eq(buf, "a\"");
    ck_assert_int_eq(buf[3], 'X');
    ck_assert_uint_eq(sipw_str_unquote(s, buf, 5), 5);
    ck_assert_str_eq(buf, "a\"b\\");
    ck_assert_uint_eq(sipw_str_unquote(s, buf, 6), 5);
    ck_assert_str_eq(buf, "a\"b\\c");

    /* empty and absent */
    s.p = "";
    s.len = 0;
    buf[0] = 'X';
    ck_assert_uint_eq(sipw_str_unquote(s, buf, sizeof buf), 0);
    ck_assert_int_eq(buf[0], '\0');
    s.p = NULL;
    buf[0] = 'X';
    ck_assert_uint_eq(sipw_str_unquote(s, buf, sizeof buf), 0);
    ck_assert_int_eq(buf[0], '\0');
}
END_TEST

/* The slice constructors of <sipwire/str.h>. */
START_TEST(str_constructors)
{
    static const sipw_str via = SIPW_STR_INIT("Via");
    sipw_str s = SIPW_STR("a\0b"), c;
    ck_assert_uint_eq(via.len, 3);
    ck_assert_int_eq(memcmp(via.p, "Via", 3), 0);
    ck_assert_uint_eq(s.len, 3); /* a literal's NUL bytes count */
    ck_assert_uint_eq(SIPW_STR("").len, 0);
    ck_assert_ptr_nonnull(SIPW_STR("").p); /* empty, not absent */
    c = sipw_str_cstr("a\0b");
    ck_assert_uint_eq(c.len, 1); /* a C string stops at its NUL */
    ck_assert(sipw_str_eq(sipw_str_cstr("Via"), via));
    c = sipw_str_cstr(NULL);
    ck_assert_ptr_null(c.p);
    ck_assert_uint_eq(c.len, 0);
}
END_TEST

START_TEST(unquote_nul_and_folds)
{
    static const char nul[] = "a\\\0b";
    sipw_str s;
    char buf[16];

    /* quoted-pair NUL: RFC 4475 section 3.1.1.2 */
    s.p = nul;
    s.len = sizeof nul - 1;
    memset(buf, 'X', sizeof buf);
    ck_assert_uint_eq(sipw_str_unquote(s, buf, sizeof buf), 3);
    ck_assert_int_eq(memcmp(buf, "a\0b\0", 4), 0);

    /* a fold keeps its WSP and loses its CRLF */
    s.p = "Bob\r\n \t Smith";
    s.len = strlen(s.p);
    ck_assert_uint_eq(sipw_str_unquote(s, buf, sizeof buf), 11);
    ck_assert_str_eq(buf, "Bob \t Smith");

    /* a lone trailing "\" (never produced by the parser) is copied */
    s.p = "ab\\";
    s.len = 3;
    ck_assert_uint_eq(sipw_str_unquote(s, buf, sizeof buf), 3);
    ck_assert_str_eq(buf, "ab\\");
}
END_TEST

/* A quoted value as the parser gives it, unquoted. */
START_TEST(unquote_parsed_value)
{
    static const char in[] = ";text=\"say \\\"hi\\\" \\\\o/\"";
    struct sipw_tp tp = make_tp(in, sizeof in - 1, NULL);
    const char *cur = in;
    sipw_param pr;
    char buf[32];
    ck_assert_int_eq(sipw__gparam(&tp, &cur, in + sizeof in - 1, &pr, 0),
                     SIPW_OK);
    ck_assert_int_eq(pr.quoted, 1);
    ck_assert_uint_eq(sipw_str_unquote(pr.value, buf, sizeof buf), 12);
    ck_assert_str_eq(buf, "say \"hi\" \\o/");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("params");
    TCase *tc = tcase_create("params");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, gparam_table, 0,
                        (int)(sizeof gp_cases / sizeof gp_cases[0]));
    tcase_add_test(tc, gparam_guard_every_cut);
    tcase_add_test(tc, gparam_many_linear);
    tcase_add_test(tc, sws_skips_folds_only);
    tcase_add_test(tc, quoted_direct);
    tcase_add_test(tc, next_header_style);
    tcase_add_test(tc, next_uri_style);
    tcase_add_test(tc, next_edges);
    tcase_add_test(tc, next_guard_every_cut);
    tcase_add_test(tc, find_by_name);
    tcase_add_test(tc, next_agrees_with_gparam);
    tcase_add_test(tc, unquote_snprintf);
    tcase_add_test(tc, str_constructors);
    tcase_add_test(tc, unquote_nul_and_folds);
    tcase_add_test(tc, unquote_parsed_value);
    suite_add_tcase(s, tc);
    return tu_run(s);
}
