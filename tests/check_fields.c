/* SPDX-License-Identifier: MIT */
/* sipwire tests: the other typed headers (grammar/fields.re): Call-ID,
 * CSeq, Max-Forwards / Expires, Content-Type, Retry-After, Date, Event,
 * Subscription-State and the token lists, called directly through the
 * internal interface (src/typed.h), plus sipw_token_next(). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "testutil.h"
#include "typed/typed.h"

/* Which parser a case runs. */
enum fn {
    CALLID,
    CSEQ,
    MAXF,     /* sipw__uint, max 255 */
    EXPIRES,  /* sipw__uint, max 2^32-1 */
    MEDIA,
    RETRY,
    DATE,
    EVENT,
    SUBSTATE,
    LIST,     /* sipw__token_list, allow_empty 0 (Require) */
    LIST_E    /* allow_empty 1 (Allow, Supported) */
};

union out {
    sipw_cseq cseq;
    uint32_t n;
    sipw_media media;
    sipw_retry_after ra;
    sipw_date date;
    sipw_event ev;
    sipw_substate ss;
};

/* Runs parser f over [p, p + len), offsets counting from buf. */
static sipw_status run_at(enum fn f, const char *buf, size_t buf_len,
                          const char *p, size_t len, union out *o,
                          sipw_error *err)
{
    struct sipw_tp tp;
    const char *e = p + len;
    tp.buf = buf;
    tp.len = buf_len;
    tp.header.p = NULL;
    tp.header.len = 0;
    tp.arena = NULL;
    tp.err = err;
    memset(err, 0, sizeof *err);
    switch (f) {
    case CALLID: return sipw__callid(&tp, p, e);
    case CSEQ: return sipw__cseq(&tp, p, e, &o->cseq);
    case MAXF: return sipw__uint(&tp, p, e, 255, &o->n);
    case EXPIRES: return sipw__uint(&tp, p, e, UINT32_MAX, &o->n);
    case MEDIA: return sipw__media(&tp, p, e, &o->media);
    case RETRY: return sipw__retry_after(&tp, p, e, &o->ra);
    case DATE: return sipw__date(&tp, p, e, &o->date);
    case EVENT: return sipw__event(&tp, p, e, &o->ev);
    case SUBSTATE: return sipw__substate(&tp, p, e, &o->ss);
    case LIST: return sipw__token_list(&tp, p, e, 0);
    case LIST_E: return sipw__token_list(&tp, p, e, 1);
    }
    return SIPW_EINVAL;
}

static sipw_status run(enum fn f, const char *s, union out *o,
                       sipw_error *err)
{
    return run_at(f, s, strlen(s), s, strlen(s), o, err);
}

static int str_is(sipw_str s, const char *want)
{
    return s.p && s.len == strlen(want) && memcmp(s.p, want, s.len) == 0;
}

#define ck_assert_slice(s, want)                                               \
    ck_assert_msg(str_is((s), (want)), "got '%.*s', want '%s'",                \
                  (int)(s).len, (s).p ? (s).p : "", (want))

#define ck_assert_absent(s) ck_assert_msg(!(s).p && !(s).len, "not absent")

/* Runs and asserts SIPW_OK. */
#define OK(f, s, o)                                                            \
    do {                                                                       \
        sipw_error err_;                                                       \
        sipw_status st_ = run((f), (s), (o), &err_);                           \
        ck_assert_msg(st_ == SIPW_OK, "'%s': %s at %zu (%s)", (s),             \
                      sipw_status_name(st_), err_.offset,                      \
                      err_.reason ? err_.reason : "");                         \
    } while (0)

static struct tu_guard guard;

static void setup(void)
{
    tu_guard_init(&guard, 1u << 16);
}

static void teardown(void)
{
    tu_guard_free(&guard);
}

/* --- valid values ---------------------------------------------------- */

/* Every valid case: the cut and guard-page tests walk this table. */
static const struct valid {
    enum fn f;
    const char *in;
} valid[] = {
    {CALLID, "a84b4c76e66710@pc33.atlanta.example.com"},
    {CALLID, "f81d4fae-7dec-11d0-a765-00a0c91e6bf6"},
    {CALLID, "wsinv.ndaksdj@192.0.2.1"},
    {CALLID, "intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{"},
    {CALLID, "()<>:\\\"/[]?{}"},
    {CSEQ, "314159 INVITE"},
    {CSEQ, "0009\r\n  INVITE"},
    {CSEQ, "4294967295 REGISTER"},
    {CSEQ, "0 ACK"},
    {CSEQ, "1\t \tNEWMETHOD"},
    {CSEQ, "1 \r\n \r\n\tBYE"},
    {CSEQ, "139122385 !interesting-Method0123456789_*+`.%indeed'~"},
    {MAXF, "70"},
    {MAXF, "0068"},
    {MAXF, "0"},
    {MAXF, "255"},
    {MAXF, "00000000000000000000000000000255"},
    {EXPIRES, "3600"},
    {EXPIRES, "4294967295"},
    {EXPIRES, "0"},
    {MEDIA, "application/sdp"},
    {MEDIA, "text/html; charset=ISO-8859-4"},
    {MEDIA, "multipart/signed;protocol=\"application/pkcs7-signature\";"
            "micalg=sha1;boundary=boundary42"},
    {MEDIA, "text / plain ;\r\n charset = \"utf-8\""},
    {MEDIA, "application/x-private+xml;a=b;c=d"},
    {RETRY, "18000;duration=3600"},
    {RETRY, "120 (I'm in a meeting)"},
    {RETRY, "120(a (nested \\) comment) done);duration=0;x"},
    {RETRY, "0 ()"},
    {RETRY, "4294967295 (x) ;DURATION=4294967295 ; y=\"z\""},
    {DATE, "Sat, 13 Nov 2010 23:29:00 GMT"},
    {DATE, "Mon, 01 Jan 0000 00:00:60 GMT"},
    {DATE, "sun, 31 dec 9999 23:59:59 gmt"},
    {DATE, "Thu, 21 Feb 2002\r\n 13:02:03 GMT"},
    {EVENT, "presence"},
    {EVENT, "presence.winfo;id=abc;x=\"y\""},
    {EVENT, "a-b!%*_+`'~.t1.t2 ; ID = 42"},
    {EVENT, "refer;id=93809824"},
    {SUBSTATE, "active;expires=600"},
    {SUBSTATE, "terminated;reason=timeout;retry-after=30"},
    {SUBSTATE, "pending"},
    {SUBSTATE, "Active ;Expires=0;RETRY-AFTER=4294967295;Reason=x;y"},
    {LIST, "100rel"},
    {LIST, "nothingSupportsThis, nothingSupportsThisEither"},
    {LIST, "a,b , c\r\n ,d"},
    {LIST, "a \r\n ,\r\n \r\n b"},
    {LIST_E, ""},
    {LIST_E, "INVITE, ACK, OPTIONS, CANCEL, BYE"},
    {LIST_E, "x-y!%*_+`'~.z"},
};

START_TEST(valid_all_ok)
{
    size_t i;
    union out o;
    for (i = 0; i < sizeof valid / sizeof valid[0]; i++)
        OK(valid[i].f, valid[i].in, &o);
}
END_TEST

START_TEST(callid_values)
{
    sipw_error err;
    union out o;
    /* The whole value is the Call-ID; the parser only checks it. */
    ck_assert_int_eq(run(CALLID, "abc", &o, &err), SIPW_OK);
    ck_assert_int_eq(run(CALLID, "abc@def", &o, &err), SIPW_OK);
}
END_TEST

START_TEST(cseq_values)
{
    union out o;
    OK(CSEQ, "0009\r\n  INVITE", &o);
    ck_assert_uint_eq(o.cseq.seq, 9);
    ck_assert_slice(o.cseq.method, "INVITE");
    ck_assert_int_eq(o.cseq.method_id, SIPW_METHOD_INVITE);

    OK(CSEQ, "4294967295 REGISTER", &o);
    ck_assert_uint_eq(o.cseq.seq, 4294967295u);
    ck_assert_int_eq(o.cseq.method_id, SIPW_METHOD_REGISTER);

    OK(CSEQ, "0 ACK", &o);
    ck_assert_uint_eq(o.cseq.seq, 0);
    ck_assert_int_eq(o.cseq.method_id, SIPW_METHOD_ACK);

    /* Methods are case-sensitive (§7.1): "invite" is an extension. */
    OK(CSEQ, "2 invite", &o);
    ck_assert_slice(o.cseq.method, "invite");
    ck_assert_int_eq(o.cseq.method_id, SIPW_METHOD_OTHER);

    OK(CSEQ, "139122385 !interesting-Method0123456789_*+`.%indeed'~", &o);
    ck_assert_uint_eq(o.cseq.seq, 139122385u);
    ck_assert_slice(o.cseq.method, "!interesting-Method0123456789_*+`.%indeed'~");
    ck_assert_int_eq(o.cseq.method_id, SIPW_METHOD_OTHER);

    OK(CSEQ, "1\t \tSUBSCRIBE", &o);
    ck_assert_int_eq(o.cseq.method_id, SIPW_METHOD_SUBSCRIBE);
}
END_TEST

START_TEST(uint_values)
{
    union out o;
    OK(MAXF, "0068", &o);
    ck_assert_uint_eq(o.n, 68);
    OK(MAXF, "255", &o);
    ck_assert_uint_eq(o.n, 255);
    OK(MAXF, "0", &o);
    ck_assert_uint_eq(o.n, 0);
    /* Many leading zeros do not count as an overflow. */
    OK(MAXF, "00000000000000000000000000000255", &o);
    ck_assert_uint_eq(o.n, 255);
    OK(EXPIRES, "4294967295", &o);
    ck_assert_uint_eq(o.n, 4294967295u);
    OK(EXPIRES, "0000004294967295", &o);
    ck_assert_uint_eq(o.n, 4294967295u);
    OK(EXPIRES, "3600", &o);
    ck_assert_uint_eq(o.n, 3600);
}
END_TEST

START_TEST(media_values)
{
    union out o;
    const char *s;
    sipw_str rest;
    sipw_param prm;

    OK(MEDIA, "application/sdp", &o);
    ck_assert_slice(o.media.type, "application");
    ck_assert_slice(o.media.subtype, "sdp");
    ck_assert_absent(o.media.params);

    s = "text / plain ;\r\n charset = \"utf-8\"";
    OK(MEDIA, s, &o);
    ck_assert_slice(o.media.type, "text");
    ck_assert_slice(o.media.subtype, "plain");
    ck_assert_slice(o.media.params, ";\r\n charset = \"utf-8\"");
    ck_assert_ptr_eq(o.media.params.p, s + 13);

    s = "multipart/signed;protocol=\"application/pkcs7-signature\";"
        "micalg=sha1;boundary=boundary42";
    OK(MEDIA, s, &o);
    ck_assert_slice(o.media.type, "multipart");
    ck_assert_slice(o.media.subtype, "signed");
    ck_assert_ptr_eq(o.media.params.p, s + 16);
    ck_assert_uint_eq(o.media.params.len, strlen(s) - 16);
    /* The raw list walks with sipw_param_next(). */
    rest = o.media.params;
    ck_assert_int_eq(sipw_param_next(&rest, &prm), 1);
    ck_assert_slice(prm.name, "protocol");
    ck_assert_slice(prm.value, "application/pkcs7-signature");
    ck_assert_int_eq(prm.quoted, 1);
    ck_assert_int_eq(sipw_param_next(&rest, &prm), 1);
    ck_assert_slice(prm.name, "micalg");
    ck_assert_slice(prm.value, "sha1");
    ck_assert_int_eq(sipw_param_next(&rest, &prm), 1);
    ck_assert_slice(prm.name, "boundary");
    ck_assert_int_eq(sipw_param_next(&rest, &prm), 0);
}
END_TEST

START_TEST(retry_after_values)
{
    union out o;

    OK(RETRY, "18000;duration=3600", &o);
    ck_assert_uint_eq(o.ra.delta, 18000);
    ck_assert_absent(o.ra.comment);
    ck_assert_int_eq(o.ra.has_duration, 1);
    ck_assert_uint_eq(o.ra.duration, 3600);
    ck_assert_slice(o.ra.params, ";duration=3600");

    OK(RETRY, "120 (I'm in a meeting)", &o);
    ck_assert_uint_eq(o.ra.delta, 120);
    ck_assert_slice(o.ra.comment, "I'm in a meeting");
    ck_assert_int_eq(o.ra.has_duration, 0);
    ck_assert_absent(o.ra.params);

    OK(RETRY, "120(a (nested \\) comment) done);duration=0;x", &o);
    ck_assert_slice(o.ra.comment, "a (nested \\) comment) done");
    ck_assert_int_eq(o.ra.has_duration, 1);
    ck_assert_uint_eq(o.ra.duration, 0);
    ck_assert_slice(o.ra.params, ";duration=0;x");

    OK(RETRY, "0 ()", &o);
    ck_assert_uint_eq(o.ra.delta, 0);
    ck_assert_ptr_nonnull(o.ra.comment.p);
    ck_assert_uint_eq(o.ra.comment.len, 0);

    OK(RETRY, "4294967295 (x) ;DURATION=4294967295 ; y=\"z\"", &o);
    ck_assert_uint_eq(o.ra.delta, 4294967295u);
    ck_assert_slice(o.ra.comment, "x");
    ck_assert_uint_eq(o.ra.duration, 4294967295u);
    ck_assert_slice(o.ra.params, ";DURATION=4294967295 ; y=\"z\"");

    /* Folds inside a comment are ctext (LWS). */
    OK(RETRY, "5 (a\r\n b)", &o);
    ck_assert_slice(o.ra.comment, "a\r\n b");
}
END_TEST

START_TEST(date_values)
{
    union out o;

    OK(DATE, "Sat, 13 Nov 2010 23:29:00 GMT", &o);
    ck_assert_uint_eq(o.date.wkday, 5);
    ck_assert_uint_eq(o.date.day, 13);
    ck_assert_uint_eq(o.date.month, 11);
    ck_assert_uint_eq(o.date.year, 2010);
    ck_assert_uint_eq(o.date.hour, 23);
    ck_assert_uint_eq(o.date.minute, 29);
    ck_assert_uint_eq(o.date.second, 0);

    OK(DATE, "sun, 31 dec 9999 23:59:59 gmt", &o);
    ck_assert_uint_eq(o.date.wkday, 6);
    ck_assert_uint_eq(o.date.day, 31);
    ck_assert_uint_eq(o.date.month, 12);
    ck_assert_uint_eq(o.date.year, 9999);
    ck_assert_uint_eq(o.date.second, 59);

    OK(DATE, "Mon, 01 Jan 0000 00:00:60 GMT", &o);
    ck_assert_uint_eq(o.date.wkday, 0);
    ck_assert_uint_eq(o.date.day, 1);
    ck_assert_uint_eq(o.date.month, 1);
    ck_assert_uint_eq(o.date.year, 0);
    ck_assert_uint_eq(o.date.hour, 0);
    ck_assert_uint_eq(o.date.second, 60);

    OK(DATE, "Thu, 21 Feb 2002\r\n 13:02:03 GMT", &o);
    ck_assert_uint_eq(o.date.wkday, 3);
    ck_assert_uint_eq(o.date.month, 2);
    ck_assert_uint_eq(o.date.hour, 13);
    ck_assert_uint_eq(o.date.minute, 2);
    ck_assert_uint_eq(o.date.second, 3);

    {
        static const char *const wk[] = {"Mon", "TUE", "wed", "Thu",
                                         "fRI", "Sat", "Sun"};
        static const char *const mo[] = {"Jan", "Feb", "Mar", "Apr",
                                         "May", "Jun", "Jul", "Aug",
                                         "Sep", "Oct", "Nov", "Dec"};
        char buf[64];
        unsigned i;
        for (i = 0; i < 12; i++) {
            snprintf(buf, sizeof buf, "%s, 0%u %s 2024 01:02:03 GMT",
                     wk[i % 7], i % 9 + 1, mo[i]);
            OK(DATE, buf, &o);
            ck_assert_uint_eq(o.date.wkday, i % 7);
            ck_assert_uint_eq(o.date.day, i % 9 + 1);
            ck_assert_uint_eq(o.date.month, i + 1);
        }
    }
}
END_TEST

START_TEST(event_values)
{
    union out o;

    OK(EVENT, "presence", &o);
    ck_assert_slice(o.ev.package, "presence");
    ck_assert_absent(o.ev.id);
    ck_assert_absent(o.ev.params);

    OK(EVENT, "presence.winfo;id=abc;x=\"y\"", &o);
    ck_assert_slice(o.ev.package, "presence.winfo");
    ck_assert_slice(o.ev.id, "abc");
    ck_assert_slice(o.ev.params, ";id=abc;x=\"y\"");

    OK(EVENT, "a-b!%*_+`'~.t1.t2 ; ID = 42", &o);
    ck_assert_slice(o.ev.package, "a-b!%*_+`'~.t1.t2");
    ck_assert_slice(o.ev.id, "42");
    ck_assert_slice(o.ev.params, "; ID = 42");
}
END_TEST

START_TEST(substate_values)
{
    union out o;

    OK(SUBSTATE, "active;expires=600", &o);
    ck_assert_slice(o.ss.state, "active");
    ck_assert_int_eq(o.ss.has_expires, 1);
    ck_assert_uint_eq(o.ss.expires, 600);
    ck_assert_int_eq(o.ss.has_retry_after, 0);
    ck_assert_absent(o.ss.reason);
    ck_assert_slice(o.ss.params, ";expires=600");

    OK(SUBSTATE, "terminated;reason=timeout;retry-after=30", &o);
    ck_assert_slice(o.ss.state, "terminated");
    ck_assert_slice(o.ss.reason, "timeout");
    ck_assert_int_eq(o.ss.has_expires, 0);
    ck_assert_int_eq(o.ss.has_retry_after, 1);
    ck_assert_uint_eq(o.ss.retry_after, 30);

    OK(SUBSTATE, "pending", &o);
    ck_assert_slice(o.ss.state, "pending");
    ck_assert_absent(o.ss.params);

    OK(SUBSTATE, "Active ;Expires=0;RETRY-AFTER=4294967295;Reason=x;y", &o);
    ck_assert_slice(o.ss.state, "Active");
    ck_assert_int_eq(o.ss.has_expires, 1);
    ck_assert_uint_eq(o.ss.expires, 0);
    ck_assert_uint_eq(o.ss.retry_after, 4294967295u);
    ck_assert_slice(o.ss.reason, "x");
    ck_assert_slice(o.ss.params, ";Expires=0;RETRY-AFTER=4294967295;Reason=x;y");
}
END_TEST

START_TEST(token_next)
{
    const char *s = "INVITE, ACK ,\r\n BYE,,x";
    sipw_str rest, tok;
    rest.p = s;
    rest.len = strlen(s);
    ck_assert_int_eq(sipw_token_next(&rest, &tok), 1);
    ck_assert_slice(tok, "INVITE");
    ck_assert_int_eq(sipw_token_next(&rest, &tok), 1);
    ck_assert_slice(tok, "ACK");
    ck_assert_int_eq(sipw_token_next(&rest, &tok), 1);
    ck_assert_slice(tok, "BYE");
    ck_assert_int_eq(sipw_token_next(&rest, &tok), 1);
    ck_assert_slice(tok, "x");
    ck_assert_ptr_eq(tok.p, s + strlen(s) - 1);
    ck_assert_int_eq(sipw_token_next(&rest, &tok), 0);
    ck_assert_int_eq(sipw_token_next(&rest, &tok), 0);

    rest.p = s + 6; /* ", ACK ,\r\n " then "BYE"... */
    rest.len = 10;
    ck_assert_int_eq(sipw_token_next(&rest, &tok), 1);
    ck_assert_slice(tok, "ACK");
    ck_assert_int_eq(sipw_token_next(&rest, &tok), 0);

    /* Empty and absent lists. */
    rest.p = s;
    rest.len = 0;
    ck_assert_int_eq(sipw_token_next(&rest, &tok), 0);
    rest.p = NULL;
    rest.len = 0;
    ck_assert_int_eq(sipw_token_next(&rest, &tok), 0);
}
END_TEST

/* The CSeq method is named by the rules of grammar/fields.re: each
 * name of SIPW_METHOD_LIST, exactly and case-sensitively, and a longer
 * token or a NUL byte after it is not that method. */
START_TEST(cseq_method_ids)
{
    union out o;
    sipw_error err;
    char buf[64];
    unsigned i;

    for (i = 1; i < SIPW_METHOD__COUNT; i++) {
        const char *name = sipw_method_name((sipw_method)i);
        snprintf(buf, sizeof buf, "7 %s", name);
        OK(CSEQ, buf, &o);
        ck_assert_int_eq(o.cseq.method_id, (int)i);
        ck_assert_slice(o.cseq.method, name);
        snprintf(buf, sizeof buf, "7 %sX", name);
        OK(CSEQ, buf, &o);
        ck_assert_int_eq(o.cseq.method_id, SIPW_METHOD_OTHER);
        snprintf(buf, sizeof buf, "7 %s", name);
        buf[2] = (char)(buf[2] | 0x20); /* "iNVITE" */
        OK(CSEQ, buf, &o);
        ck_assert_int_eq(o.cseq.method_id, SIPW_METHOD_OTHER);
    }
    /* A NUL byte inside the value is a byte, not its end. */
    ck_assert_int_eq(run_at(CSEQ, "1 INVITE\0", 9, "1 INVITE\0", 9, &o, &err),
                     SIPW_EVALUE);
    ck_assert_uint_eq(err.offset, 8);
    ck_assert_int_eq(run_at(CALLID, "a@b\0", 4, "a@b\0", 4, &o, &err),
                     SIPW_EVALUE);
    ck_assert_uint_eq(err.offset, 3);
    ck_assert_str_eq(err.reason, "invalid character in Call-ID");
    ck_assert_int_eq(run_at(DATE, "Sun, 01 Jan 2000 00:00:00 GMT\0", 30,
                            "Sun, 01 Jan 2000 00:00:00 GMT\0", 30, &o, &err),
                     SIPW_EVALUE);
    ck_assert_uint_eq(err.offset, 29);
    ck_assert_int_eq(run_at(LIST_E, "a,\0", 3, "a,\0", 3, &o, &err),
                     SIPW_EVALUE);
    ck_assert_uint_eq(err.offset, 2);
    ck_assert_str_eq(err.reason, "expected a token");
}
END_TEST

/* --- invalid values -------------------------------------------------- */

#define ANY ((size_t)-1) /* offset not asserted */

static const struct invalid {
    enum fn f;
    const char *in;
    sipw_status st;
    size_t at;
} invalid[] = {
    /* callid = word [ "@" word ] */
    {CALLID, "", SIPW_EVALUE, 0},
    {CALLID, "@host", SIPW_EVALUE, 0},
    {CALLID, "abc@", SIPW_EVALUE, 4},
    {CALLID, "abc@@x", SIPW_EVALUE, 4},
    {CALLID, "a@b@c", SIPW_EVALUE, 3},
    {CALLID, "a b", SIPW_EVALUE, 1},
    {CALLID, "a\r\n b", SIPW_EVALUE, 1},
    {CALLID, "abc;x", SIPW_EVALUE, 3},
    {CALLID, "abc,def", SIPW_EVALUE, 3},
    {CALLID, "ab\x80", SIPW_EVALUE, 2},
    {CALLID, "a@b=c", SIPW_EVALUE, 3},
    /* CSeq = 1*DIGIT LWS Method */
    {CSEQ, "", SIPW_EVALUE, 0},
    {CSEQ, "INVITE", SIPW_EVALUE, 0},
    {CSEQ, "-1 INVITE", SIPW_EVALUE, 0},
    {CSEQ, "1", SIPW_EVALUE, 1},
    {CSEQ, "1INVITE", SIPW_EVALUE, 1},
    {CSEQ, "1 @", SIPW_EVALUE, 2},
    {CSEQ, "1 INVITE x", SIPW_EVALUE, 8},
    {CSEQ, "1 INVITE;x", SIPW_EVALUE, 8},
    {CSEQ, "1 INV\"ITE", SIPW_EVALUE, 5},
    {CSEQ, "1\r\nINVITE", SIPW_EVALUE, 1},
    {CSEQ, "1 \r\nINVITE", SIPW_EVALUE, 2},
    {CSEQ, "1.5 INVITE", SIPW_EVALUE, 1},
    {CSEQ, "4294967296 INVITE", SIPW_EVALUE, 0},
    {CSEQ, "36893488147419103232 REGISTER", SIPW_EVALUE, 0},
    {CSEQ, "99999999999999999999999999999999999999 X", SIPW_EVALUE, 0},
    /* Max-Forwards = 1*DIGIT, 0..255 */
    {MAXF, "", SIPW_EVALUE, 0},
    {MAXF, "-1", SIPW_EVALUE, 0},
    {MAXF, "+1", SIPW_EVALUE, 0},
    {MAXF, "1a", SIPW_EVALUE, 1},
    {MAXF, "1 2", SIPW_EVALUE, 1},
    {MAXF, "0x10", SIPW_EVALUE, 1},
    {MAXF, "256", SIPW_EVALUE, 0},
    {MAXF, "300", SIPW_EVALUE, 0},
    {MAXF, "99999999999999999999999", SIPW_EVALUE, 0},
    {MAXF, "70;x", SIPW_EVALUE, 2},
    /* Expires = delta-seconds, 0..2^32-1 */
    {EXPIRES, "4294967296", SIPW_EVALUE, 0},
    {EXPIRES, "18446744073709551616", SIPW_EVALUE, 0},
    {EXPIRES, "99999999999999999999999", SIPW_EVALUE, 0},
    {EXPIRES, "1e3", SIPW_EVALUE, 1},
    {EXPIRES, "Thu, 01 Dec 1994 16:00:00 GMT", SIPW_EVALUE, 0},
    /* media-type */
    {MEDIA, "", SIPW_EVALUE, 0},
    {MEDIA, "text", SIPW_EVALUE, 4},
    {MEDIA, "text/", SIPW_EVALUE, 5},
    {MEDIA, "/plain", SIPW_EVALUE, 0},
    {MEDIA, "text plain", SIPW_EVALUE, 5},
    {MEDIA, "text;plain", SIPW_EVALUE, 4},
    {MEDIA, "te\"xt/plain", SIPW_EVALUE, 2},
    {MEDIA, "text/pl ain", SIPW_EVALUE, 8},
    {MEDIA, "text/plain/x", SIPW_EVALUE, 10},
    {MEDIA, "text//plain", SIPW_EVALUE, 5},
    {MEDIA, "text/plain;charset", SIPW_EVALUE, 18},
    {MEDIA, "text/plain;a;b=c", SIPW_EVALUE, 12},
    {MEDIA, "text/plain;a=[::1]", SIPW_EVALUE, 13},
    {MEDIA, "text/plain;a=\"x", SIPW_EQUOTE, 13},
    {MEDIA, "text/plain;;a=b", SIPW_EVALUE, 11},
    {MEDIA, "text/plain;", SIPW_EVALUE, 11},
    /* Retry-After */
    {RETRY, "", SIPW_EVALUE, 0},
    {RETRY, "abc", SIPW_EVALUE, 0},
    {RETRY, "4294967296", SIPW_EVALUE, 0},
    {RETRY, "949302838503028349304023988", SIPW_EVALUE, 0},
    {RETRY, "120 (", SIPW_EVALUE, 4},
    {RETRY, "120 (a(b)", SIPW_EVALUE, 4},
    {RETRY, "120 (a(b)c", SIPW_EVALUE, 4},
    {RETRY, "120 (a\\", SIPW_EQUOTE, 6},
    {RETRY, "120 (a\x01)", SIPW_EVALUE, 6},
    {RETRY, "120 (a\\\r)", SIPW_EVALUE, 6},
    {RETRY, "120 (a\rb)", SIPW_EVALUE, 6},
    {RETRY, "120 )", SIPW_EVALUE, 4},
    {RETRY, "120 x", SIPW_EVALUE, 4},
    {RETRY, "120 (c) (d)", SIPW_EVALUE, 8},
    {RETRY, "120;duration", SIPW_EVALUE, 12},
    {RETRY, "120;duration=abc", SIPW_EVALUE, 13},
    {RETRY, "120;duration=1x", SIPW_EVALUE, 14},
    {RETRY, "120;duration=4294967296", SIPW_EVALUE, 13},
    {RETRY, "120;DURATION=\"1\"", SIPW_EVALUE, 13},
    {RETRY, "120;duration=1;duration=2", SIPW_EDUP, 15},
    {RETRY, "120;duration=1;Duration=1", SIPW_EDUP, 15},
    /* rfc1123-date */
    {DATE, "", SIPW_EVALUE, 0},
    {DATE, "Fri, 01 Jan 2010 16:00:00 EST", SIPW_EVALUE, 26},
    {DATE, "Fri, 01 Jan 2010 16:00:00 UTC", SIPW_EVALUE, 26},
    {DATE, "Fri, 01 Jan 2010 16:00:00 GMTX", SIPW_EVALUE, 29},
    {DATE, "Fri, 01 Jan 2010 16:00:00 GMT+1", SIPW_EVALUE, 29},
    {DATE, "Fri, 01 Jan 2010 16:00:00", SIPW_EVALUE, 25},
    {DATE, "Fri, 01 Jan 2010 16:00:00  GMT", SIPW_EVALUE, 26},
    {DATE, "Fry, 01 Jan 2010 16:00:00 GMT", SIPW_EVALUE, 0},
    {DATE, "Friday, 01 Jan 2010 16:00:00 GMT", SIPW_EVALUE, 3},
    {DATE, "Fri 01 Jan 2010 16:00:00 GMT", SIPW_EVALUE, 3},
    {DATE, "Fri,01 Jan 2010 16:00:00 GMT", SIPW_EVALUE, 4},
    {DATE, "Fri,\t01 Jan 2010 16:00:00 GMT", SIPW_EVALUE, 4},
    {DATE, "Fri,  01 Jan 2010 16:00:00 GMT", SIPW_EVALUE, 5},
    {DATE, "Fri, 1 Jan 2010 16:00:00 GMT", SIPW_EVALUE, 6},
    {DATE, "Fri, 00 Jan 2010 16:00:00 GMT", SIPW_EVALUE, 5},
    {DATE, "Fri, 32 Jan 2010 16:00:00 GMT", SIPW_EVALUE, 5},
    {DATE, "Fri, 01 Jam 2010 16:00:00 GMT", SIPW_EVALUE, 8},
    {DATE, "Fri, 01 January 2010 16:00:00 GMT", SIPW_EVALUE, 11},
    {DATE, "Fri, 01 Jan 10 16:00:00 GMT", SIPW_EVALUE, 14},
    {DATE, "Fri, 01 Jan 20100 16:00:00 GMT", SIPW_EVALUE, 16},
    {DATE, "Fri, 01 Jan 2010 24:00:00 GMT", SIPW_EVALUE, 17},
    {DATE, "Fri, 01 Jan 2010 16:60:00 GMT", SIPW_EVALUE, 20},
    {DATE, "Fri, 01 Jan 2010 16:00:61 GMT", SIPW_EVALUE, 23},
    {DATE, "Fri, 01 Jan 2010 16.00:00 GMT", SIPW_EVALUE, 19},
    {DATE, "Fri, 01 Jan 2010 16:00.00 GMT", SIPW_EVALUE, 22},
    {DATE, "Fri, 01 Jan 2010 6:00:00 GMT", SIPW_EVALUE, 18},
    {DATE, "Fri, 01 Jan 2010 \r\n 16:00:00 GMT", SIPW_EVALUE, 17},
    {DATE, "Fri, 01 Jan 2010\r\n16:00:00 GMT", SIPW_EVALUE, 16},
    {DATE, "Fri, 01 Jan 2010 16:00:00 GMT;x", SIPW_EVALUE, 29},
    /* Event */
    {EVENT, "", SIPW_EVALUE, 0},
    {EVENT, ".a", SIPW_EVALUE, 0},
    {EVENT, "a.", SIPW_EVALUE, 2},
    {EVENT, "a..b", SIPW_EVALUE, 2},
    {EVENT, "a.b.;id=1", SIPW_EVALUE, 4},
    {EVENT, "a b", SIPW_EVALUE, 2},
    {EVENT, "pres@ence", SIPW_EVALUE, 4},
    {EVENT, "a;id", SIPW_EVALUE, 4},
    {EVENT, "a;id=1;id=2", SIPW_EDUP, 7},
    {EVENT, "a;Id=1;iD=1", SIPW_EDUP, 7},
    {EVENT, "a;id=\"x\"", SIPW_EVALUE, 5},
    {EVENT, "a;id=[::1]", SIPW_EVALUE, 5},
    /* Subscription-State */
    {SUBSTATE, "", SIPW_EVALUE, 0},
    {SUBSTATE, ";expires=1", SIPW_EVALUE, 0},
    {SUBSTATE, "act\"ive", SIPW_EVALUE, 3},
    {SUBSTATE, "active;expires", SIPW_EVALUE, 14},
    {SUBSTATE, "active;expires=x", SIPW_EVALUE, 15},
    {SUBSTATE, "active;expires=-1", SIPW_EVALUE, 15},
    {SUBSTATE, "active;expires=4294967296", SIPW_EVALUE, 15},
    {SUBSTATE, "active;expires=1;expires=2", SIPW_EDUP, 17},
    {SUBSTATE, "terminated;reason=a;reason=b", SIPW_EDUP, 20},
    {SUBSTATE, "terminated;retry-after=1;RETRY-AFTER=2", SIPW_EDUP, 25},
    {SUBSTATE, "terminated;reason=\"x\"", SIPW_EVALUE, 18},
    {SUBSTATE, "terminated;reason", SIPW_EVALUE, 17},
    {SUBSTATE, "terminated;retry-after=99999999999999999999", SIPW_EVALUE,
     23},
    /* token lists */
    {LIST, "", SIPW_EVALUE, 0},
    {LIST, ",", SIPW_EVALUE, 0},
    {LIST, ",a", SIPW_EVALUE, 0},
    {LIST, "a,,b", SIPW_EVALUE, 2},
    {LIST, "a, ,b", SIPW_EVALUE, 3},
    {LIST, "a,", SIPW_EVALUE, 2},
    {LIST, "a,b,", SIPW_EVALUE, 4},
    {LIST, "a b", SIPW_EVALUE, 2},
    {LIST, "a;b", SIPW_EVALUE, 1},
    {LIST, "a/b", SIPW_EVALUE, 1},
    {LIST, "a,\"b\"", SIPW_EVALUE, 2},
    {LIST, "a\r\nb", SIPW_EVALUE, 1},
    {LIST_E, ",", SIPW_EVALUE, 0},
    {LIST_E, "a,,b", SIPW_EVALUE, 2},
    {LIST_E, "INVITE,", SIPW_EVALUE, 7},
    {LIST_E, "INVITE ACK", SIPW_EVALUE, 7},
};

START_TEST(invalid_cases)
{
    const struct invalid *c = &invalid[_i];
    union out o;
    sipw_error err;
    sipw_status st = run(c->f, c->in, &o, &err);
    ck_assert_msg(st == c->st, "case %d '%s': got %s (%s at %zu), want %s",
                  _i, c->in, sipw_status_name(st),
                  err.reason ? err.reason : "", err.offset,
                  sipw_status_name(c->st));
    ck_assert_int_eq(err.status, c->st);
    ck_assert_ptr_nonnull(err.reason);
    if (c->at != ANY)
        ck_assert_msg(err.offset == c->at,
                      "case %d '%s': error at %zu (%s), want %zu", _i, c->in,
                      err.offset, err.reason, c->at);
    else
        ck_assert_uint_le(err.offset, strlen(c->in));
}
END_TEST

/* The reasons the task and the docs quote. */
START_TEST(reasons)
{
    union out o;
    sipw_error err;
    ck_assert_int_eq(run(CSEQ, "4294967296 INVITE", &o, &err), SIPW_EVALUE);
    ck_assert_str_eq(err.reason, "CSeq number above 2^32-1");
    ck_assert_int_eq(run(MAXF, "256", &o, &err), SIPW_EVALUE);
    ck_assert_str_eq(err.reason, "value above 255");
    ck_assert_int_eq(run(EXPIRES, "4294967296", &o, &err), SIPW_EVALUE);
    ck_assert_str_eq(err.reason, "value above 2^32-1");
    ck_assert_int_eq(run(EVENT, "a;id=1;id=2", &o, &err), SIPW_EDUP);
    ck_assert_str_eq(err.reason, "duplicate parameter");
    ck_assert_int_eq(run(DATE, "Fri, 01 Jan 2010 16:00:00 EST", &o, &err),
                     SIPW_EVALUE);
    ck_assert_ptr_nonnull(strstr(err.reason, "GMT"));
}
END_TEST

/* Boundaries of every number. */
START_TEST(boundaries)
{
    union out o;
    sipw_error err;

    ck_assert_int_eq(run(CSEQ, "4294967295 INVITE", &o, &err), SIPW_OK);
    ck_assert_uint_eq(o.cseq.seq, UINT32_MAX);
    ck_assert_int_eq(run(CSEQ, "4294967296 INVITE", &o, &err), SIPW_EVALUE);
    ck_assert_uint_eq(err.offset, 0);
    ck_assert_int_eq(run(CSEQ, "04294967295 INVITE", &o, &err), SIPW_OK);

    ck_assert_int_eq(run(MAXF, "255", &o, &err), SIPW_OK);
    ck_assert_uint_eq(o.n, 255);
    ck_assert_int_eq(run(MAXF, "256", &o, &err), SIPW_EVALUE);

    ck_assert_int_eq(run(EXPIRES, "4294967295", &o, &err), SIPW_OK);
    ck_assert_uint_eq(o.n, UINT32_MAX);
    ck_assert_int_eq(run(EXPIRES, "4294967296", &o, &err), SIPW_EVALUE);
    ck_assert_int_eq(run(EXPIRES, "4294967300", &o, &err), SIPW_EVALUE);
    ck_assert_int_eq(run(EXPIRES, "42949672950", &o, &err), SIPW_EVALUE);

    ck_assert_int_eq(run(RETRY, "4294967295;duration=4294967295", &o, &err),
                     SIPW_OK);
    ck_assert_int_eq(run(RETRY, "1;duration=4294967296", &o, &err),
                     SIPW_EVALUE);
    ck_assert_uint_eq(err.offset, 11);
    ck_assert_int_eq(run(SUBSTATE, "active;expires=4294967295", &o, &err),
                     SIPW_OK);
    ck_assert_uint_eq(o.ss.expires, UINT32_MAX);

    ck_assert_int_eq(run(DATE, "Fri, 31 Jan 2010 23:59:60 GMT", &o, &err),
                     SIPW_OK);
    ck_assert_int_eq(run(DATE, "Fri, 01 Jan 2010 00:00:00 GMT", &o, &err),
                     SIPW_OK);
}
END_TEST

/* Offsets count from tp->buf, not from p: a value in the middle of a
 * message reports its position in the message. */
START_TEST(offsets_from_buf)
{
    static const char msg[] = "xxxxCSeq: 12 INVITE/\r\n";
    union out o;
    sipw_error err;
    ck_assert_int_eq(run_at(CSEQ, msg, sizeof msg - 1, msg + 10, 10, &o, &err),
                     SIPW_EVALUE);
    ck_assert_uint_eq(err.offset, 19);
    ck_assert_uint_eq(err.line, 1);
    ck_assert_uint_eq(err.column, 20);
    ck_assert_int_eq(run_at(CSEQ, msg, sizeof msg - 1, msg + 10, 9, &o, &err),
                     SIPW_OK);
    ck_assert_uint_eq(o.cseq.seq, 12);
    ck_assert_ptr_eq(o.cseq.method.p, msg + 13);
}
END_TEST

/* --- guard pages and cuts -------------------------------------------- */

static int allowed_error(sipw_status st)
{
    return st == SIPW_EVALUE || st == SIPW_EQUOTE || st == SIPW_EDUP;
}

/* Every valid case, placed against a PROT_NONE page and then cut at
 * every length: no read past the end, OK or a clean error inside. */
START_TEST(guard_and_cuts)
{
    const struct valid *c = &valid[_i];
    size_t len = strlen(c->in), n;
    union out o;
    sipw_error err;
    const char *g = tu_guard_put(&guard, c->in, len);
    sipw_status st = run_at(c->f, g, len, g, len, &o, &err);

    ck_assert_msg(st == SIPW_OK, "'%s': %s at %zu", c->in,
                  sipw_status_name(st), err.offset);
    for (n = 0; n <= len; n++) {
        g = tu_guard_put(&guard, c->in, n);
        st = run_at(c->f, g, n, g, n, &o, &err);
        ck_assert_msg(st == SIPW_OK || allowed_error(st),
                      "'%s' cut at %zu: %s", c->in, n, sipw_status_name(st));
        if (st != SIPW_OK) {
            ck_assert_int_eq(err.status, st);
            ck_assert_uint_le(err.offset, n);
        }
    }
    /* Cut from the front too (a different first byte each time). */
    for (n = 1; n <= len; n++) {
        g = tu_guard_put(&guard, c->in + n, len - n);
        st = run_at(c->f, g, len - n, g, len - n, &o, &err);
        ck_assert(st == SIPW_OK || allowed_error(st));
        if (st != SIPW_OK)
            ck_assert_uint_le(err.offset, len - n);
    }
}
END_TEST

/* Invalid cases at a guard page give the same answer. */
START_TEST(invalid_at_guard)
{
    const struct invalid *c = &invalid[_i];
    size_t len = strlen(c->in);
    union out o;
    sipw_error err;
    const char *g = tu_guard_put(&guard, c->in, len);
    sipw_status st = run_at(c->f, g, len, g, len, &o, &err);
    ck_assert_int_eq(st, c->st);
    if (c->at != ANY)
        ck_assert_uint_eq(err.offset, c->at);
}
END_TEST

/* --- RFC 4475 ---------------------------------------------------------- */

/* Finds the value of the first header line named `name` (any case, as
 * RFC 3261 §7.3.1 allows) in a message file: the bytes after HCOLON and
 * any LWS, to the end of the logical line, without trailing WSP. */
static int file_value(const char *buf, size_t len, const char *name,
                      const char **vp, size_t *vlen)
{
    size_t nl = strlen(name), i;
    for (i = 0; i + nl < len; i++) {
        const char *p, *e = buf + len, *v, *end;
        if (i > 0 && buf[i - 1] != '\n')
            continue;
        if (strncasecmp(buf + i, name, nl) != 0)
            continue;
        p = buf + i + nl;
        while (p < e && (*p == ' ' || *p == '\t'))
            p++;
        if (p == e || *p != ':')
            continue;
        p++;
        for (;;) {
            while (p < e && (*p == ' ' || *p == '\t'))
                p++;
            if (e - p >= 3 && p[0] == '\r' && p[1] == '\n' &&
                (p[2] == ' ' || p[2] == '\t'))
                p += 2;
            else
                break;
        }
        v = end = p;
        while (p < e) {
            if (e - p >= 2 && p[0] == '\r' && p[1] == '\n') {
                if (e - p >= 3 && (p[2] == ' ' || p[2] == '\t')) {
                    p += 3;
                    continue;
                }
                break;
            }
            if (*p != ' ' && *p != '\t')
                end = p + 1;
            p++;
        }
        *vp = v;
        *vlen = (size_t)(end - v);
        return 1;
    }
    return 0;
}

struct rfc_file {
    char *data;
    size_t len;
};

static struct rfc_file load(const char *file)
{
    struct rfc_file f;
    char path[1024];
    snprintf(path, sizeof path, "%s/rfc4475/%s", tu_data_dir(), file);
    f.data = tu_read_file(path, &f.len);
    return f;
}

/* Runs parser fn over the value of header `name` in the file; returns
 * the status and the value's offset in the file. */
static sipw_status file_run(const struct rfc_file *f, const char *name,
                            enum fn fn, union out *o, sipw_error *err,
                            size_t *voff)
{
    const char *v;
    size_t vlen;
    ck_assert_msg(file_value(f->data, f->len, name, &v, &vlen),
                  "no %s header", name);
    *voff = (size_t)(v - f->data);
    return run_at(fn, f->data, f->len, v, vlen, o, err);
}

START_TEST(rfc4475_wsinv)
{
    /* §3.1.1.1: "cseq: 0009\r\n  INVITE", "MaX-fOrWaRdS: 0068". */
    struct rfc_file f = load("wsinv.dat");
    union out o;
    sipw_error err;
    size_t at;
    ck_assert_int_eq(file_run(&f, "CSeq", CSEQ, &o, &err, &at), SIPW_OK);
    ck_assert_uint_eq(o.cseq.seq, 9);
    ck_assert_slice(o.cseq.method, "INVITE");
    ck_assert_int_eq(o.cseq.method_id, SIPW_METHOD_INVITE);
    ck_assert_int_eq(file_run(&f, "Max-Forwards", MAXF, &o, &err, &at),
                     SIPW_OK);
    ck_assert_uint_eq(o.n, 68);
    ck_assert_int_eq(file_run(&f, "Call-ID", CALLID, &o, &err, &at), SIPW_OK);
    ck_assert_int_eq(file_run(&f, "Content-Type", MEDIA, &o, &err, &at),
                     SIPW_OK);
    ck_assert_slice(o.media.type, "application");
    ck_assert_slice(o.media.subtype, "sdp");
    free(f.data);
}
END_TEST

START_TEST(rfc4475_scalar02)
{
    /* §3.1.2.4: CSeq 36893488147419103232, Max-Forwards 300, a 103-digit
     * Expires: each rejected at its first digit. */
    struct rfc_file f = load("scalar02.dat");
    union out o;
    sipw_error err;
    size_t at;
    ck_assert_int_eq(file_run(&f, "CSeq", CSEQ, &o, &err, &at), SIPW_EVALUE);
    ck_assert_uint_eq(err.offset, at);
    ck_assert_str_eq(err.reason, "CSeq number above 2^32-1");
    ck_assert_int_eq(file_run(&f, "Max-Forwards", MAXF, &o, &err, &at),
                     SIPW_EVALUE);
    ck_assert_uint_eq(err.offset, at);
    ck_assert_int_eq(file_run(&f, "Expires", EXPIRES, &o, &err, &at),
                     SIPW_EVALUE);
    ck_assert_uint_eq(err.offset, at);
    ck_assert_int_eq(file_run(&f, "Call-ID", CALLID, &o, &err, &at), SIPW_OK);
    free(f.data);
}
END_TEST

START_TEST(rfc4475_scalarlg)
{
    /* §3.1.2.5: CSeq 9292394834772304023312, Retry-After
     * 949302838503028349304023988. */
    struct rfc_file f = load("scalarlg.dat");
    union out o;
    sipw_error err;
    size_t at;
    ck_assert_int_eq(file_run(&f, "CSeq", CSEQ, &o, &err, &at), SIPW_EVALUE);
    ck_assert_uint_eq(err.offset, at);
    ck_assert_int_eq(file_run(&f, "Retry-After", RETRY, &o, &err, &at),
                     SIPW_EVALUE);
    ck_assert_uint_eq(err.offset, at);
    ck_assert_str_eq(err.reason, "value above 2^32-1");
    free(f.data);
}
END_TEST

START_TEST(rfc4475_baddate)
{
    /* §3.1.2.12: "Date: Fri, 01 Jan 2010 16:00:00 EST". */
    struct rfc_file f = load("baddate.dat");
    union out o;
    sipw_error err;
    size_t at;
    ck_assert_int_eq(file_run(&f, "Date", DATE, &o, &err, &at), SIPW_EVALUE);
    ck_assert_uint_eq(err.offset, at + 26);
    ck_assert_int_eq(memcmp(f.data + err.offset, "EST", 3), 0);
    ck_assert_uint_eq(err.line, 8);
    ck_assert_uint_eq(err.column, 33);
    ck_assert_int_eq(file_run(&f, "CSeq", CSEQ, &o, &err, &at), SIPW_OK);
    ck_assert_uint_eq(o.cseq.seq, 1392934);
    free(f.data);
}
END_TEST

START_TEST(rfc4475_bext01)
{
    /* §3.3.5: unknown option tags are valid syntax (420 is the UAS's
     * business). */
    struct rfc_file f = load("bext01.dat");
    union out o;
    sipw_error err;
    size_t at;
    const char *v;
    sipw_str rest, tok;
    ck_assert_int_eq(file_run(&f, "Require", LIST, &o, &err, &at), SIPW_OK);
    ck_assert_int_eq(file_run(&f, "Proxy-Require", LIST, &o, &err, &at),
                     SIPW_OK);
    ck_assert(file_value(f.data, f.len, "Proxy-Require", &v, &rest.len));
    rest.p = v;
    ck_assert_int_eq(sipw_token_next(&rest, &tok), 1);
    ck_assert_slice(tok, "noProxiesSupportThis");
    ck_assert_int_eq(sipw_token_next(&rest, &tok), 1);
    ck_assert_slice(tok, "norDoAnyProxiesSupportThis");
    ck_assert_int_eq(sipw_token_next(&rest, &tok), 0);
    ck_assert_int_eq(file_run(&f, "Max-Forwards", MAXF, &o, &err, &at),
                     SIPW_OK);
    ck_assert_uint_eq(o.n, 6);
    free(f.data);
}
END_TEST

START_TEST(rfc4475_zeromf)
{
    /* §3.3.11: Max-Forwards: 0 is valid. */
    struct rfc_file f = load("zeromf.dat");
    union out o;
    sipw_error err;
    size_t at;
    o.n = 99;
    ck_assert_int_eq(file_run(&f, "Max-Forwards", MAXF, &o, &err, &at),
                     SIPW_OK);
    ck_assert_uint_eq(o.n, 0);
    free(f.data);
}
END_TEST

START_TEST(rfc4475_words)
{
    /* §3.1.1.2 and §3.1.1.7: unusual word characters in Call-ID, an
     * extension method in CSeq. */
    struct rfc_file f = load("intmeth.dat");
    union out o;
    sipw_error err;
    size_t at;
    ck_assert_int_eq(file_run(&f, "Call-ID", CALLID, &o, &err, &at), SIPW_OK);
    ck_assert_int_eq(file_run(&f, "CSeq", CSEQ, &o, &err, &at), SIPW_OK);
    ck_assert_slice(o.cseq.method, "!interesting-Method0123456789_*+`.%indeed'~");
    ck_assert_int_eq(o.cseq.method_id, SIPW_METHOD_OTHER);
    free(f.data);
    f = load("longreq.dat");
    ck_assert_int_eq(file_run(&f, "Call-ID", CALLID, &o, &err, &at), SIPW_OK);
    free(f.data);
}
END_TEST

/* --- whole messages (src/typed.c runs these parsers) ------------------ */

#define BASE                                                                   \
    "NOTIFY sip:bob@example.com SIP/2.0\r\n"                                   \
    "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1\r\n"                       \
    "To: <sip:bob@example.com>;tag=2\r\n"                                      \
    "From: <sip:alice@example.com>;tag=1\r\n"                                  \
    "Call-ID: 1@a.example.com\r\n"                                             \
    "CSeq: 0009\r\n NOTIFY\r\n"

START_TEST(message_fields)
{
    static const char msg[] =
        BASE
        "Max-Forwards: 0068\r\n"
        "Event: presence.winfo;id=7\r\n"
        "Subscription-State: terminated;reason=timeout;retry-after=30\r\n"
        "Date: Sat, 13 Nov 2010 23:29:00 GMT\r\n"
        "Expires: 4294967295\r\n"
        "Min-Expires: 60\r\n"
        "Retry-After: 120 (busy);duration=60\r\n"
        "Allow: INVITE, ACK,\r\n NOTIFY\r\n"
        "k:\r\n"
        "Require: 100rel\r\n"
        "Proxy-Require: x\r\n"
        "Unsupported: y , z\r\n"
        "c: application/pidf+xml;charset=utf-8\r\n"
        "\r\n";
    sipw_msg m;
    sipw_error err;
    ck_assert_msg(tu_parse(msg, sizeof msg - 1, &m, &err) == SIPW_OK,
                  "%s at %u:%u (%s)", sipw_status_name(err.status), err.line,
                  err.column, err.reason ? err.reason : "");
    ck_assert_slice(m.call_id, "1@a.example.com");
    ck_assert_ptr_nonnull(m.cseq);
    ck_assert_uint_eq(m.cseq->seq, 9);
    ck_assert_int_eq(m.cseq->method_id, SIPW_METHOD_NOTIFY);
    ck_assert_int_eq(m.max_forwards, 68);
    ck_assert_int_eq(m.expires, 4294967295LL);
    ck_assert_int_eq(m.min_expires, 60);
    ck_assert_ptr_nonnull(m.event);
    ck_assert_slice(m.event->package, "presence.winfo");
    ck_assert_slice(m.event->id, "7");
    ck_assert_ptr_nonnull(m.subscription_state);
    ck_assert_slice(m.subscription_state->state, "terminated");
    ck_assert_slice(m.subscription_state->reason, "timeout");
    ck_assert_uint_eq(m.subscription_state->retry_after, 30);
    ck_assert_ptr_nonnull(m.date);
    ck_assert_uint_eq(m.date->year, 2010);
    ck_assert_ptr_nonnull(m.retry_after);
    ck_assert_uint_eq(m.retry_after->delta, 120);
    ck_assert_slice(m.retry_after->comment, "busy");
    ck_assert_uint_eq(m.retry_after->duration, 60);
    ck_assert_ptr_nonnull(m.content_type);
    ck_assert_slice(m.content_type->type, "application");
    ck_assert_slice(m.content_type->subtype, "pidf+xml");
    ck_assert_slice(m.content_type->params, ";charset=utf-8");
}
END_TEST

/* Absent headers: -1 and NULL. */
START_TEST(message_absent)
{
    static const char msg[] = BASE "\r\n";
    sipw_msg m;
    sipw_error err;
    ck_assert_int_eq(tu_parse(msg, sizeof msg - 1, &m, &err), SIPW_OK);
    ck_assert_int_eq(m.max_forwards, -1);
    ck_assert_int_eq(m.expires, -1);
    ck_assert_int_eq(m.min_expires, -1);
    ck_assert_ptr_null(m.content_type);
    ck_assert_ptr_null(m.retry_after);
    ck_assert_ptr_null(m.date);
    ck_assert_ptr_null(m.event);
    ck_assert_ptr_null(m.subscription_state);
}
END_TEST

/* One bad header line after BASE (which ends on line 7): the error names
 * the header and points at the byte. */
static const struct msg_case {
    const char *line;
    sipw_status st;
    unsigned column;
    const char *header;
} msg_cases[] = {
    {"Max-Forwards: 256", SIPW_EVALUE, 15, "Max-Forwards"},
    {"Max-Forwards: 7 0", SIPW_EVALUE, 16, "Max-Forwards"},
    {"Expires: 4294967296", SIPW_EVALUE, 10, "Expires"},
    {"Min-Expires: -1", SIPW_EVALUE, 14, "Min-Expires"},
    {"Date: Fri, 01 Jan 2010 16:00:00 EST", SIPW_EVALUE, 33, "Date"},
    {"o: presence;id=1;id=2", SIPW_EDUP, 18, "o"},
    {"Subscription-State: active;expires=1;Expires=2", SIPW_EDUP, 38,
     "Subscription-State"},
    {"Retry-After: 949302838503028349304023988", SIPW_EVALUE, 14,
     "Retry-After"},
    {"Retry-After: 5 (open", SIPW_EVALUE, 16, "Retry-After"},
    {"Allow: INVITE,,ACK", SIPW_EVALUE, 15, "Allow"},
    {"Require:", SIPW_EVALUE, 9, "Require"},
    {"Proxy-Require: a b", SIPW_EVALUE, 18, "Proxy-Require"},
    {"Unsupported: x,", SIPW_EVALUE, 16, "Unsupported"},
    {"Content-Type: text", SIPW_EVALUE, 19, "Content-Type"},
    {"Content-Type: text/plain;charset", SIPW_EVALUE, 33, "Content-Type"},
};

START_TEST(message_errors)
{
    const struct msg_case *c = &msg_cases[_i];
    char buf[512];
    int n = snprintf(buf, sizeof buf, BASE "%s\r\n\r\n", c->line);
    sipw_msg m;
    sipw_error err;
    sipw_status st = tu_parse(buf, (size_t)n, &m, &err);
    ck_assert_msg(st == c->st, "'%s': got %s (%s)", c->line,
                  sipw_status_name(st), err.reason ? err.reason : "");
    ck_assert_uint_eq(err.line, 8);
    ck_assert_msg(err.column == c->column, "'%s': column %u (%s), want %u",
                  c->line, err.column, err.reason, c->column);
    ck_assert_slice(err.header, c->header);
}
END_TEST

/* --- linear time ------------------------------------------------------- */

#define MANY 200000

/* head followed by MANY copies of rep. */
static char *repeat(const char *head, const char *rep, const char *tail,
                    size_t *len)
{
    size_t hl = strlen(head), rl = strlen(rep), tl = strlen(tail), i;
    char *s = malloc(hl + rl * MANY + tl + 1), *q;
    ck_assert_ptr_nonnull(s);
    memcpy(s, head, hl);
    q = s + hl;
    for (i = 0; i < MANY; i++, q += rl)
        memcpy(q, rep, rl);
    memcpy(q, tail, tl);
    q[tl] = 0;
    *len = hl + rl * MANY + tl;
    return s;
}

static void timed(enum fn f, const char *head, const char *rep,
                  const char *tail, sipw_status want)
{
    size_t len;
    char *s = repeat(head, rep, tail, &len);
    union out o;
    sipw_error err;
    clock_t t0 = clock();
    sipw_status st = run_at(f, s, len, s, len, &o, &err);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    ck_assert_msg(st == want, "%s x %d: %s (%s at %zu)", rep, MANY,
                  sipw_status_name(st), err.reason ? err.reason : "",
                  err.offset);
    /* Linear: a few MB take milliseconds; quadratic would take minutes. */
    ck_assert_msg(secs < 2.0, "%s x %d took %.2f s", rep, MANY, secs);
    free(s);
}

START_TEST(many_params)
{
    timed(MEDIA, "text/plain", ";a=b", "", SIPW_OK);
    timed(EVENT, "presence", " ; x=\"y\"", ";id=7", SIPW_OK);
    timed(SUBSTATE, "active", ";a", ";expires=1;reason=x", SIPW_OK);
    timed(RETRY, "1 (c)", ";d=1", ";duration=2", SIPW_OK);
    timed(LIST, "a", ", b", "", SIPW_OK);
    timed(LIST_E, "a", ",b", ",", SIPW_EVALUE);
    timed(RETRY, "1 ", "(", "", SIPW_EVALUE);
    timed(RETRY, "1 (", "(x)", ")", SIPW_OK);
    timed(EVENT, "a", ".b", "", SIPW_OK);
    timed(CALLID, "x", "y", "@z", SIPW_OK);
    timed(MAXF, "", "0", "1", SIPW_OK);
    timed(EXPIRES, "", "9", "", SIPW_EVALUE);
    /* A duplicate at the very end is still found. */
    timed(SUBSTATE, "active;expires=1", ";x=1", ";expires=2", SIPW_EDUP);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("fields");
    TCase *tc = tcase_create("values");
    TCase *tg = tcase_create("guard");
    TCase *tr = tcase_create("rfc4475");
    TCase *tm = tcase_create("messages");
    TCase *tl = tcase_create("linear");

    tcase_add_test(tc, valid_all_ok);
    tcase_add_test(tc, callid_values);
    tcase_add_test(tc, cseq_values);
    tcase_add_test(tc, cseq_method_ids);
    tcase_add_test(tc, uint_values);
    tcase_add_test(tc, media_values);
    tcase_add_test(tc, retry_after_values);
    tcase_add_test(tc, date_values);
    tcase_add_test(tc, event_values);
    tcase_add_test(tc, substate_values);
    tcase_add_test(tc, token_next);
    tcase_add_loop_test(tc, invalid_cases, 0,
                        (int)(sizeof invalid / sizeof invalid[0]));
    tcase_add_test(tc, reasons);
    tcase_add_test(tc, boundaries);
    tcase_add_test(tc, offsets_from_buf);
    suite_add_tcase(s, tc);

    tcase_add_checked_fixture(tg, setup, teardown);
    tcase_add_loop_test(tg, guard_and_cuts, 0,
                        (int)(sizeof valid / sizeof valid[0]));
    tcase_add_loop_test(tg, invalid_at_guard, 0,
                        (int)(sizeof invalid / sizeof invalid[0]));
    suite_add_tcase(s, tg);

    tcase_add_test(tr, rfc4475_wsinv);
    tcase_add_test(tr, rfc4475_scalar02);
    tcase_add_test(tr, rfc4475_scalarlg);
    tcase_add_test(tr, rfc4475_baddate);
    tcase_add_test(tr, rfc4475_bext01);
    tcase_add_test(tr, rfc4475_zeromf);
    tcase_add_test(tr, rfc4475_words);
    suite_add_tcase(s, tr);

    tcase_add_test(tm, message_fields);
    tcase_add_test(tm, message_absent);
    tcase_add_loop_test(tm, message_errors, 0,
                        (int)(sizeof msg_cases / sizeof msg_cases[0]));
    suite_add_tcase(s, tm);

    tcase_set_timeout(tl, 30);
    tcase_add_test(tl, many_params);
    suite_add_tcase(s, tl);
    return tu_run(s);
}
