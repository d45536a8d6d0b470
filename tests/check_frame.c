/* SPDX-License-Identifier: MIT */
/* sipwire tests: stream framing with sipw_frame() (RFC 3261 §18.3,
 * RFC 5626 §4.4.1 keep-alives). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#define MSG1                                                                   \
    "MESSAGE sip:bob@example.com SIP/2.0\r\n"                                  \
    "Via: SIP/2.0/TCP a.example.com;branch=z9hG4bK1\r\n"                       \
    "Max-Forwards: 70\r\n"                                                     \
    "To: <sip:bob@example.com>\r\n"                                            \
    "From: <sip:alice@example.com>;tag=1\r\n"                                  \
    "Call-ID: 1@a\r\n"                                                         \
    "CSeq: 1 MESSAGE\r\n"                                                      \
    "Content-Length: 5\r\n"                                                    \
    "\r\n"                                                                     \
    "hello"
#define MSG2                                                                   \
    "SIP/2.0 200 OK\r\n"                                                       \
    "Via: SIP/2.0/TCP a.example.com;branch=z9hG4bK1\r\n"                       \
    "To: <sip:bob@example.com>;tag=2\r\n"                                      \
    "From: <sip:alice@example.com>;tag=1\r\n"                                  \
    "Call-ID: 1@a\r\n"                                                         \
    "CSeq: 1 MESSAGE\r\n"                                                      \
    "l: 0\r\n"                                                                 \
    "\r\n"

static struct tu_guard guard;

static void setup(void)
{
    tu_guard_init(&guard, 1u << 17);
}

static void teardown(void)
{
    tu_guard_free(&guard);
}

static sipw_status frame(const char *s, size_t len, size_t *start,
                         size_t *mlen, sipw_error *e)
{
    return sipw_frame(tu_guard_put(&guard, s, len), len, start, mlen, e);
}

START_TEST(two_messages_and_keepalives)
{
    static const char stream[] = "\r\n\r\n" MSG1 "\r\n" MSG2 "\r\n\r\n";
    size_t pos = 0, start, mlen, total = sizeof stream - 1;
    sipw_error e;
    const char *buf = tu_guard_put(&guard, stream, total);

    ck_assert_int_eq(sipw_frame(buf, total, &start, &mlen, &e), SIPW_OK);
    ck_assert_uint_eq(start, 4);
    ck_assert_uint_eq(mlen, strlen(MSG1));
    pos = start + mlen;
    ck_assert_int_eq(sipw_frame(buf + pos, total - pos, &start, &mlen, &e),
                     SIPW_OK);
    ck_assert_uint_eq(start, 2);
    ck_assert_uint_eq(mlen, strlen(MSG2));
    ck_assert_int_eq(memcmp(buf + pos + start, MSG2, mlen), 0);
    pos += start + mlen;
    /* Only keep-alives left. */
    ck_assert_int_eq(sipw_frame(buf + pos, total - pos, &start, &mlen, &e),
                     SIPW_INCOMPLETE);
    ck_assert_uint_eq(start, 4);
}
END_TEST

START_TEST(keepalive_halves)
{
    size_t start, mlen;
    sipw_error e;
    ck_assert_int_eq(frame("", 0, &start, &mlen, &e), SIPW_INCOMPLETE);
    ck_assert_uint_eq(start, 0);
    ck_assert_int_eq(frame("\r", 1, &start, &mlen, &e), SIPW_INCOMPLETE);
    ck_assert_uint_eq(start, 0);
    ck_assert_int_eq(frame("\r\n\r", 3, &start, &mlen, &e), SIPW_INCOMPLETE);
    ck_assert_uint_eq(start, 2);
    /* A bare LF is no keep-alive and no start line. */
    ck_assert_int_eq(frame("\n", 1, &start, &mlen, &e), SIPW_ESTART);
}
END_TEST

/* Every split point of the two-message stream: the first part is
 * incomplete or exactly the first message, never invalid. */
START_TEST(every_split)
{
    static const char stream[] = MSG1 MSG2;
    size_t cut, start, mlen, total = sizeof stream - 1;
    sipw_error e;
    for (cut = 0; cut <= total; cut++) {
        sipw_status st = frame(stream, cut, &start, &mlen, &e);
        if (cut < strlen(MSG1)) {
            ck_assert_msg(st == SIPW_INCOMPLETE, "cut %zu: %s", cut,
                          sipw_status_name(st));
        } else {
            ck_assert_int_eq(st, SIPW_OK);
            ck_assert_uint_eq(mlen, strlen(MSG1));
        }
    }
}
END_TEST

START_TEST(content_length_required)
{
    static const char s[] = "OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/TCP h\r\n"
                            "\r\n";
    size_t start, mlen;
    sipw_error e;
    ck_assert_int_eq(frame(s, sizeof s - 1, &start, &mlen, &e), SIPW_EMISSING);
    ck_assert_uint_eq(e.header.len, strlen("Content-Length"));
    ck_assert_uint_eq(e.line, 1);
}
END_TEST

START_TEST(waits_for_body)
{
    static const char s[] = MSG1;
    size_t start, mlen, head = strlen(MSG1) - 5;
    sipw_error e;
    ck_assert_int_eq(frame(s, head, &start, &mlen, &e), SIPW_INCOMPLETE);
    ck_assert_int_eq(frame(s, head + 4, &start, &mlen, &e), SIPW_INCOMPLETE);
    ck_assert_int_eq(frame(s, head + 5, &start, &mlen, &e), SIPW_OK);
}
END_TEST

/* Garbage after a good message: the good one frames, the garbage is
 * invalid at once (it cannot become valid with more bytes), and the error
 * is reported at its position in the caller's buffer. */
START_TEST(garbage_after_message)
{
    static const char s[] = MSG2 "\r\n<garbage>\r\n";
    size_t start, mlen, pos;
    sipw_error e;
    const char *buf = tu_guard_put(&guard, s, sizeof s - 1);
    ck_assert_int_eq(sipw_frame(buf, sizeof s - 1, &start, &mlen, &e), SIPW_OK);
    pos = start + mlen;
    ck_assert_int_eq(sipw_frame(buf + pos, sizeof s - 1 - pos, &start, &mlen, &e),
                     SIPW_ESTART);
    ck_assert_uint_eq(e.offset, 2);
    ck_assert_uint_eq(e.line, 2);
    ck_assert_uint_eq(e.column, 1);
}
END_TEST

START_TEST(invalid_framing)
{
    static const struct {
        const char *s;
        sipw_status want;
    } cases[] = {
        {"OPTIONS sip:x SIP/2.0\r\nContent-Length: -1\r\n\r\n", SIPW_ECLEN},
        {"OPTIONS sip:x SIP/2.0\r\nl: 1\r\nl: 1\r\n\r\nx", SIPW_EDUP},
        {"OPTIONS sip:x SIP/2.0\r\nContent-Length: 99999999999\r\n\r\n",
         SIPW_ELIMIT},
        {"OPTIONS sip:x SIP/3.0\r\n", SIPW_EVERSION},
        {"OPTIONS sip:x SIP/2.0\r\nVia\x01: x\r\n", SIPW_EHEADER},
        {"OPTIONS sip:x SIP/2.0\r\nVia: a\x00", SIPW_EVALUE},
        {"SIP/2.0 99 x\r\n", SIPW_ESTATUS},
    };
    size_t i, start, mlen;
    sipw_error e;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t len = strlen(cases[i].s);
        if (i == 5)
            len += 1; /* the NUL is part of the data */
        ck_assert_msg(frame(cases[i].s, len, &start, &mlen, &e) ==
                          cases[i].want,
                      "case %zu: %s", i, sipw_status_name(e.status));
        ck_assert_int_eq(e.status, cases[i].want);
    }
}
END_TEST

/* A stream cut anywhere inside a bad quoted string is incomplete or has
 * the whole stream's error: the verdict may not depend on where the
 * bytes stopped (a "\" CR cut before its LF once said "bad
 * quoted-pair" where the whole says "backslash at the end of a line"). */
START_TEST(quoted_string_cuts)
{
    static const char *const streams[] = {
        "OPTIONS sip:x SIP/2.0\r\nTo: \"Bob\\\r\nFrom: x\r\n\r\n",
        "OPTIONS sip:x SIP/2.0\r\nTo: \"Bob\\\rx\r\n\r\n",
        "OPTIONS sip:x SIP/2.0\r\nTo: \"Bob\r\nFrom: x\r\n\r\n",
    };
    static const sipw_status want[] = {SIPW_EQUOTE, SIPW_EVALUE, SIPW_EQUOTE};
    size_t i, cut, start, mlen, len;
    sipw_error whole, part;

    for (i = 0; i < sizeof streams / sizeof streams[0]; i++) {
        len = strlen(streams[i]);
        ck_assert_int_eq(frame(streams[i], len, &start, &mlen, &whole),
                         want[i]);
        for (cut = 0; cut < len; cut++) {
            sipw_status st = frame(streams[i], cut, &start, &mlen, &part);
            if (st == SIPW_INCOMPLETE)
                continue;
            ck_assert_msg(st == want[i] && part.offset == whole.offset &&
                              strcmp(part.reason, whole.reason) == 0,
                          "stream %zu cut at %zu: %s at %zu (%s), whole: "
                          "%s at %zu (%s)",
                          i, cut, sipw_status_name(st), part.offset,
                          part.reason, sipw_status_name(want[i]),
                          whole.offset, whole.reason);
        }
    }
}
END_TEST

/* A header section that never ends: incomplete until the limit, then an
 * error, so that a peer cannot make a reader buffer without bound. */
START_TEST(endless_headers)
{
    size_t n = SIPW_MAX_HEAD_SIZE + 200, i, start, mlen;
    char *s = malloc(n);
    sipw_error e;
    /* 128-byte lines: the byte limit is reached before the line limit. */
    memcpy(s, "OPTIONS sip:x SIP/2.0\r\n", 23);
    for (i = 23; i + 128 <= n; i += 128) {
        memcpy(s + i, "X-A: ", 5);
        memset(s + i + 5, 'b', 121);
        memcpy(s + i + 126, "\r\n", 2);
    }
    ck_assert_int_lt(SIPW_MAX_HEAD_SIZE / 128, SIPW_MAX_HEADERS);
    ck_assert_int_eq(frame(s, SIPW_MAX_HEAD_SIZE - 8, &start, &mlen, &e),
                     SIPW_INCOMPLETE);
    ck_assert_int_eq(frame(s, i, &start, &mlen, &e), SIPW_ELIMIT);
    free(s);
}
END_TEST

START_TEST(null_arguments)
{
    size_t start, mlen;
    sipw_error e;
    ck_assert_int_eq(sipw_frame(NULL, 3, &start, &mlen, &e), SIPW_EINVAL);
    ck_assert_int_eq(sipw_frame("abc", 3, NULL, &mlen, &e), SIPW_EINVAL);
    ck_assert_int_eq(sipw_frame("abc", 3, &start, NULL, NULL), SIPW_EINVAL);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("frame");
    TCase *tc = tcase_create("stream");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, two_messages_and_keepalives);
    tcase_add_test(tc, keepalive_halves);
    tcase_add_test(tc, every_split);
    tcase_add_test(tc, content_length_required);
    tcase_add_test(tc, waits_for_body);
    tcase_add_test(tc, garbage_after_message);
    tcase_add_test(tc, invalid_framing);
    tcase_add_test(tc, quoted_string_cuts);
    tcase_add_test(tc, endless_headers);
    tcase_add_test(tc, null_arguments);
    suite_add_tcase(s, tc);
    return tu_run(s);
}
