/* SPDX-License-Identifier: MIT */
/* sipwire tests: sipw_msg_parse() field by field, the arena contract,
 * folding, limits and helpers. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/scan.h"
#include "testutil.h"

/* The mandatory headers but CSeq, whose method must match the request. */
#define HDRS_NO_CSEQ                                                           \
    "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n"   \
    "Max-Forwards: 70\r\n"                                                     \
    "To: Bob <sip:bob@biloxi.example.com>\r\n"                                 \
    "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"           \
    "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
#define HDRS HDRS_NO_CSEQ "CSeq: 314159 INVITE\r\n"

static const char invite[] =
    "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n" HDRS
    "Content-Type: application/sdp\r\n"
    "Content-Length: 4\r\n"
    "\r\n"
    "v=0\n";

static int str_is(sipw_str s, const char *want)
{
    return s.p && s.len == strlen(want) && memcmp(s.p, want, s.len) == 0;
}

#define ck_assert_slice(s, want)                                               \
    ck_assert_msg(str_is((s), (want)), "got '%.*s', want '%s'",                \
                  (int)(s).len, (s).p ? (s).p : "", (want))

START_TEST(request_fields)
{
    sipw_msg m;
    sipw_error e;
    const sipw_header *h;
    ck_assert_int_eq(tu_parse(invite, sizeof invite - 1, &m, &e), SIPW_OK);
    ck_assert_int_eq(m.type, SIPW_MSG_REQUEST);
    ck_assert_slice(m.method, "INVITE");
    ck_assert_int_eq(m.method_id, SIPW_METHOD_INVITE);
    ck_assert_slice(m.request_uri, "sip:bob@biloxi.example.com");
    ck_assert_slice(m.version, "SIP/2.0");
    ck_assert_uint_eq(m.status, 0);
    ck_assert_ptr_null(m.reason.p);
    ck_assert_uint_eq(m.nheaders, 8);
    ck_assert_int_eq(m.headers[0].id, SIPW_HDR_VIA);
    ck_assert_slice(m.headers[0].name, "Via");
    ck_assert_slice(m.headers[0].value,
                    "SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds");
    h = sipw_msg_header(&m, SIPW_HDR_CALL_ID);
    ck_assert_ptr_nonnull(h);
    ck_assert_slice(h->value, "a84b4c76e66710@pc33.atlanta.example.com");
    ck_assert_int_eq(m.has_content_length, 1);
    ck_assert_uint_eq(m.content_length, 4);
    ck_assert_slice(m.body, "v=0\n");
    ck_assert_uint_eq(m.size, sizeof invite - 1);
    ck_assert_uint_eq(m.warnings, 0);
    /* Slices point into the caller's buffer: no copies. */
    ck_assert(h->value.p > invite && h->value.p < invite + sizeof invite);
    ck_assert_ptr_null(sipw_msg_header(&m, SIPW_HDR_ROUTE));
    ck_assert_uint_eq(sipw_msg_header_count(&m, SIPW_HDR_ROUTE), 0);
}
END_TEST

START_TEST(response_fields)
{
    static const char resp[] = "SIP/2.0 180 Ringing \xc3\xa0 toi\r\n" HDRS
                               "\r\n";
    sipw_msg m;
    sipw_error e;
    ck_assert_int_eq(tu_parse(resp, sizeof resp - 1, &m, &e), SIPW_OK);
    ck_assert_int_eq(m.type, SIPW_MSG_RESPONSE);
    ck_assert_uint_eq(m.status, 180);
    ck_assert_slice(m.reason, "Ringing \xc3\xa0 toi");
    ck_assert_ptr_null(m.method.p);
    ck_assert_int_eq(m.method_id, SIPW_METHOD_OTHER);
    ck_assert_int_eq(m.has_content_length, 0);
    ck_assert_uint_eq(m.body.len, 0);
    ck_assert_uint_eq(m.warnings, 0);
}
END_TEST

START_TEST(status_code_bounds)
{
    char buf[1024];
    unsigned code;
    for (code = 0; code <= 999; code += (code < 90 || code > 690) ? 1 : 50) {
        sipw_msg m;
        sipw_error e;
        int n = snprintf(buf, sizeof buf, "SIP/2.0 %03u X\r\n" HDRS "\r\n",
                         code);
        sipw_status st = tu_parse(buf, (size_t)n, &m, &e);
        if (code >= 100 && code <= 699) {
            ck_assert_int_eq(st, SIPW_OK);
            ck_assert_uint_eq(m.status, code);
        } else {
            ck_assert_int_eq(st, SIPW_ESTATUS);
            ck_assert_uint_eq(e.column, 9);
        }
    }
}
END_TEST

START_TEST(methods)
{
    static const char *const names[] = {"INVITE", "ACK", "BYE", "CANCEL",
                                        "OPTIONS", "REGISTER", "PRACK",
                                        "SUBSCRIBE", "NOTIFY", "PUBLISH",
                                        "INFO", "REFER", "MESSAGE", "UPDATE"};
    size_t i;
    char buf[1024];
    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        sipw_msg m;
        sipw_error e;
        int n = snprintf(buf, sizeof buf,
                         "%s sip:x SIP/2.0\r\n" HDRS_NO_CSEQ
                         "CSeq: 1 %s\r\n\r\n",
                         names[i], names[i]);
        ck_assert_int_eq(tu_parse(buf, (size_t)n, &m, &e), SIPW_OK);
        ck_assert_int_eq(m.method_id, (int)(i + 1));
        ck_assert_str_eq(sipw_method_name(m.method_id), names[i]);
    }
    /* Methods are case-sensitive (RFC 3261 §7.1). */
    ck_assert_int_eq(sipw_method_lookup("invite", 6), SIPW_METHOD_OTHER);
    ck_assert_int_eq(sipw_method_lookup("INVITEX", 7), SIPW_METHOD_OTHER);
    ck_assert_int_eq(sipw_method_lookup("INVITE", 6), SIPW_METHOD_INVITE);
    ck_assert_ptr_null(sipw_method_name(SIPW_METHOD_OTHER));
}
END_TEST

START_TEST(values_trimmed_and_empty)
{
    static const char msg[] = "INVITE sip:x SIP/2.0\r\n" HDRS
                              "Subject:   spaced  out \t \r\n"
                              "X-Empty:\r\n"
                              "X-Blank:   \r\n"
                              "X-Late:\r\n \r\n  late\r\n"
                              "\r\n";
    sipw_msg m;
    sipw_error e;
    const sipw_header *h;
    ck_assert_int_eq(tu_parse(msg, sizeof msg - 1, &m, &e), SIPW_OK);
    h = sipw_msg_header(&m, SIPW_HDR_SUBJECT);
    ck_assert_slice(h->value, "spaced  out");
    ck_assert_uint_eq(h->flags, 0);
    h = sipw_msg_header(&m, SIPW_HDR_OTHER);
    ck_assert_slice(h->name, "X-Empty");
    ck_assert_ptr_nonnull(h->value.p);
    ck_assert_uint_eq(h->value.len, 0);
    h = sipw_msg_header_next(&m, h);
    ck_assert_slice(h->name, "X-Blank");
    ck_assert_uint_eq(h->value.len, 0);
    h = sipw_msg_header_next(&m, h);
    /* Folds before the first character are SWS, not part of the value. */
    ck_assert_slice(h->value, "late");
    ck_assert_uint_eq(h->flags & SIPW_HF_FOLDED, 0);
    ck_assert_ptr_null(sipw_msg_header_next(&m, h));
}
END_TEST

START_TEST(folding_and_unfold)
{
    static const char msg[] = "INVITE sip:x SIP/2.0\r\n" HDRS
                              "Subject: one \r\n two\r\n\t \tthree  \r\n"
                              "\r\n";
    sipw_msg m;
    sipw_error e;
    const sipw_header *h;
    char out[64];
    size_t n, cap;
    ck_assert_int_eq(tu_parse(msg, sizeof msg - 1, &m, &e), SIPW_OK);
    h = sipw_msg_header(&m, SIPW_HDR_SUBJECT);
    ck_assert_slice(h->value, "one \r\n two\r\n\t \tthree");
    ck_assert_uint_eq(h->flags & SIPW_HF_FOLDED, SIPW_HF_FOLDED);
    n = sipw_header_unfold(h, out, sizeof out);
    ck_assert_uint_eq(n, strlen("one two three"));
    ck_assert_str_eq(out, "one two three");
    /* snprintf contract: every capacity, never past it, always the length */
    for (cap = 0; cap <= n + 1; cap++) {
        char small[32];
        memset(small, '#', sizeof small);
        ck_assert_uint_eq(sipw_header_unfold(h, small, cap), n);
        if (cap > 0) {
            size_t got = cap - 1 < n ? cap - 1 : n;
            ck_assert_int_eq(small[got], '\0');
            ck_assert_int_eq(memcmp(small, "one two three", got), 0);
        }
        /* nothing written at or past cap */
        ck_assert_int_eq(small[cap], '#');
    }
}
END_TEST

START_TEST(quoted_strings)
{
    static const char msg[] = "INVITE sip:x SIP/2.0\r\n" HDRS
                              "Reply-To: \"a \\\"q\\\" \\\x00 ,;<>\" <sip:r@x>\r\n"
                              "Contact: \"folded\r\n name\" <sip:c@x>\r\n"
                              "\r\n";
    sipw_msg m;
    sipw_error e;
    const sipw_header *h;
    ck_assert_int_eq(tu_parse(msg, sizeof msg - 1, &m, &e), SIPW_OK);
    h = sipw_msg_header(&m, SIPW_HDR_REPLY_TO);
    ck_assert_uint_eq(h->value.len, 27);
    ck_assert_uint_eq(h->flags, SIPW_HF_QUOTED_CTL);
    h = sipw_msg_header(&m, SIPW_HDR_CONTACT);
    ck_assert_uint_eq(h->flags, SIPW_HF_FOLDED);
}
END_TEST

START_TEST(header_chain_in_order)
{
    static const char msg[] = "OPTIONS sip:x SIP/2.0\r\n"
                              "Via: SIP/2.0/UDP a\r\n"
                              "To: <sip:t@x>\r\n"
                              "v: SIP/2.0/UDP b\r\n"
                              "From: <sip:f@x>;tag=1\r\n"
                              "VIA : SIP/2.0/UDP c, SIP/2.0/UDP d\r\n"
                              "Call-ID: c\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 1\r\n"
                              "\r\n";
    static const char *const want[] = {"SIP/2.0/UDP a", "SIP/2.0/UDP b",
                                       "SIP/2.0/UDP c, SIP/2.0/UDP d"};
    sipw_msg m;
    sipw_error e;
    const sipw_header *h;
    size_t i = 0;
    ck_assert_int_eq(tu_parse(msg, sizeof msg - 1, &m, &e), SIPW_OK);
    for (h = sipw_msg_header(&m, SIPW_HDR_VIA); h;
         h = sipw_msg_header_next(&m, h))
        ck_assert_slice(h->value, want[i++]);
    ck_assert_uint_eq(i, 3);
    ck_assert_uint_eq(sipw_msg_header_count(&m, SIPW_HDR_VIA), 3);
    ck_assert_slice(m.headers[4].name, "VIA");
}
END_TEST

/* RFC 3261 §18.3 and RFC 4475 dblreq: the datagram's extra bytes are not
 * part of the message. */
START_TEST(bytes_past_content_length)
{
    static const char msg[] = "INVITE sip:x SIP/2.0\r\n" HDRS
                              "Content-Length: 0\r\n\r\n"
                              "INVITE sip:y SIP/2.0\r\n\r\n";
    sipw_msg m;
    sipw_error e;
    ck_assert_int_eq(tu_parse(msg, sizeof msg - 1, &m, &e), SIPW_OK);
    ck_assert_uint_eq(m.body.len, 0);
    ck_assert_uint_eq(m.size, sizeof msg - 1 - strlen("INVITE sip:y SIP/2.0\r\n\r\n"));
}
END_TEST

/* An arena of every size from 0 to the size needed: ENOMEM, the arena
 * untouched and the message zeroed, until it fits. */
START_TEST(arena_every_size)
{
    static unsigned char mem[4096];
    static const sipw_msg zero;
    size_t size, needed = 0;
    sipw_msg m;
    sipw_error e;
    sipw_arena a;

    for (size = 0; size <= sizeof mem; size++) {
        sipw_status st;
        sipw_arena_init(&a, size ? mem : NULL, size);
        memset(&m, 0x5a, sizeof m);
        st = sipw_msg_parse(&m, invite, sizeof invite - 1, 0, &a, &e);
        if (st == SIPW_OK) {
            needed = size;
            break;
        }
        ck_assert_int_eq(st, SIPW_ENOMEM);
        ck_assert_int_eq(e.status, SIPW_ENOMEM);
        ck_assert_uint_eq(sipw_arena_used(&a), 0);
        ck_assert_int_eq(memcmp(&m, &zero, sizeof m), 0);
    }
    /* The header table (8 lines) plus the typed structs: the Request-URI,
     * one Via, To and From, CSeq and Content-Type, each aligned. */
    {
        size_t table = 8 * sizeof(sipw_header);
        size_t typed = sizeof(sipw_uri) + sizeof(sipw_via) +
                       2 * sizeof(sipw_nameaddr) + sizeof(sipw_cseq) +
                       sizeof(sipw_media);
        ck_assert_uint_ge(needed, table + typed);
        ck_assert_uint_le(needed, table + typed + 8 * 16);
        ck_assert_uint_ge(sipw_arena_used(&a), table + typed);
    }
    /* A failed parse gives its memory back; a good one keeps it. */
    {
        size_t used = sipw_arena_used(&a);
        ck_assert_int_eq(sipw_msg_parse(&m, "x", 1, 0, &a, &e), SIPW_ESTART);
        ck_assert_uint_eq(sipw_arena_used(&a), used);
        sipw_arena_reset(&a);
        ck_assert_uint_eq(sipw_arena_used(&a), 0);
    }
}
END_TEST

/* An arena at an odd address still yields an aligned header table. */
START_TEST(arena_unaligned)
{
    static unsigned char mem[4096 + 1];
    sipw_arena a;
    sipw_msg m;
    sipw_error e;
    sipw_arena_init(&a, mem + 1, sizeof mem - 1);
    ck_assert_int_eq(sipw_msg_parse(&m, invite, sizeof invite - 1, 0, &a, &e),
                     SIPW_OK);
    ck_assert_uint_eq((uintptr_t)m.headers % _Alignof(sipw_header), 0);
}
END_TEST

START_TEST(invalid_arguments)
{
    sipw_msg m;
    sipw_error e;
    sipw_arena a;
    sipw_arena_init(&a, NULL, 0);
    ck_assert_int_eq(sipw_msg_parse(NULL, invite, 10, 0, &a, &e), SIPW_EINVAL);
    ck_assert_int_eq(sipw_msg_parse(&m, invite, 10, 0, NULL, &e), SIPW_EINVAL);
    ck_assert_int_eq(sipw_msg_parse(&m, NULL, 10, 0, &a, &e), SIPW_EINVAL);
    ck_assert_int_eq(sipw_msg_parse(&m, NULL, 0, 0, &a, NULL), SIPW_EEMPTY);
    ck_assert_int_eq(sipw_msg_parse(&m, invite, sizeof invite - 1, 1u << 30, &a,
                                    &e),
                     SIPW_EINVAL);
    ck_assert_str_eq(e.reason, "unknown flag bits");
    ck_assert_int_eq(sipw_msg_parse(&m, "x", 1, 0, &a, NULL), SIPW_ESTART);
}
END_TEST

START_TEST(missing_headers_in_order)
{
    /* RFC 3261 §8.1.1 order: To, From, CSeq, Call-ID, Via. */
    static const char *const drop[] = {"To:", "From:", "CSeq:", "Call-ID:",
                                       "Via:"};
    static const char *const name[] = {"To", "From", "CSeq", "Call-ID", "Via"};
    size_t i;
    for (i = 0; i < 5; i++) {
        char buf[1024], *p;
        const char *src = invite;
        sipw_msg m;
        sipw_error e;
        size_t len = 0;
        /* copy the message without the line starting with drop[i] */
        while (*src) {
            const char *eol = strstr(src, "\r\n");
            size_t l = (size_t)(eol - src) + 2;
            if (strncmp(src, drop[i], strlen(drop[i])) != 0) {
                memcpy(buf + len, src, l);
                len += l;
            }
            src += l;
            if (l == 2)
                break;
        }
        memcpy(buf + len, src, strlen(src));
        len += strlen(src);
        ck_assert_int_eq(tu_parse(buf, len, &m, &e), SIPW_EMISSING);
        ck_assert_uint_eq(e.line, 1);
        ck_assert_uint_eq(e.column, 1);
        ck_assert_slice(e.header, name[i]);
        p = strstr(e.reason, "mandatory");
        ck_assert_ptr_nonnull(p);
    }
}
END_TEST

START_TEST(position_helper)
{
    static const char text[] = "ab\r\ncd\nef";
    static const struct {
        size_t offset;
        unsigned line, col;
    } want[] = {{0, 1, 1}, {3, 1, 4}, {4, 2, 1}, {8, 3, 2}, {999, 3, 3}};
    size_t i;
    for (i = 0; i < sizeof want / sizeof want[0]; i++) {
        unsigned line, col;
        sipw_position(text, sizeof text - 1, want[i].offset, &line, &col);
        ck_assert_uint_eq(line, want[i].line);
        ck_assert_uint_eq(col, want[i].col);
    }
}
END_TEST

static char *repeat_headers(size_t count, size_t *len)
{
    static const char line[] = "X-H: v\r\n";
    size_t start = strlen("INVITE sip:x SIP/2.0\r\n" HDRS);
    char *buf = malloc(start + count * (sizeof line - 1) + 3);
    size_t i, n = 0;
    memcpy(buf, "INVITE sip:x SIP/2.0\r\n" HDRS, start);
    n = start;
    for (i = 0; i < count; i++) {
        memcpy(buf + n, line, sizeof line - 1);
        n += sizeof line - 1;
    }
    memcpy(buf + n, "\r\n", 2);
    *len = n + 2;
    return buf;
}

/* 20,000 header lines: rejected by SIPW_MAX_HEADERS, naming the line. */
START_TEST(too_many_headers)
{
    size_t len;
    char *buf = repeat_headers(20000, &len);
    sipw_msg m;
    sipw_error e;
    ck_assert_int_eq(tu_parse(buf, len, &m, &e), SIPW_ELIMIT);
    ck_assert_uint_eq(e.line, 1 + 6 + (SIPW_MAX_HEADERS - 6) + 1);
    ck_assert_slice(e.header, "X-H");
    free(buf);
    /* Exactly at the limit is fine. */
    buf = repeat_headers(SIPW_MAX_HEADERS - 6, &len);
    ck_assert_int_eq(tu_parse(buf, len, &m, &e), SIPW_OK);
    ck_assert_uint_eq(m.nheaders, SIPW_MAX_HEADERS);
    free(buf);
}
END_TEST

/* A 1 MB header line: rejected by SIPW_MAX_HEAD_SIZE without reading past
 * the limit, as a datagram and as a stream. */
START_TEST(huge_header_line)
{
    size_t big = 1u << 20, start, mlen;
    size_t pre = strlen("INVITE sip:x SIP/2.0\r\n" HDRS "Subject: ");
    char *buf = malloc(pre + big + 4);
    sipw_msg m;
    sipw_error e;
    memcpy(buf, "INVITE sip:x SIP/2.0\r\n" HDRS "Subject: ", pre);
    memset(buf + pre, 'a', big);
    memcpy(buf + pre + big, "\r\n\r\n", 4);
    ck_assert_int_eq(tu_parse(buf, pre + big + 4, &m, &e), SIPW_ELIMIT);
    ck_assert_uint_eq(e.offset, SIPW_MAX_HEAD_SIZE);
    ck_assert_slice(e.header, "Subject");
    ck_assert_int_eq(sipw_frame(buf, pre + big + 4, &start, &mlen, &e),
                     SIPW_ELIMIT);
    /* A stream that has not yet reached the limit is only incomplete. */
    ck_assert_int_eq(sipw_frame(buf, SIPW_MAX_HEAD_SIZE - 1, &start, &mlen, &e),
                     SIPW_INCOMPLETE);
    free(buf);
}
END_TEST

START_TEST(slice_comparisons)
{
    sipw_str via = {"Via", 3}, lower = {"via", 3}, vi = {"Vi", 2};
    sipw_str none = {NULL, 0}, empty = {"", 0}, odd = {"V\xc9" "a", 3};
    ck_assert(sipw_str_eq(via, via));
    ck_assert(!sipw_str_eq(via, lower));
    ck_assert(!sipw_str_eq(via, vi));
    ck_assert(sipw_str_eq(none, empty));
    ck_assert(sipw_str_caseeq(via, lower));
    ck_assert(!sipw_str_caseeq(via, vi));
    ck_assert(sipw_str_caseeq(none, empty));
    /* only ASCII letters fold: 0xc9 is not 'i' */
    ck_assert(!sipw_str_caseeq(odd, lower));
}
END_TEST

/* The SSE2 skip and the byte table agree, whatever the byte and wherever
 * it sits in a 16-byte block, and the skip never reads past `lim`. */
START_TEST(skip_text_matches_table)
{
    char buf[48];
    unsigned c;
    size_t at, lim;
    for (c = 0; c < 256; c++) {
        int stops = (c < 0x20 && c != '\t') || c == 0x7f || c == '"';
        ck_assert_int_eq(!(sipw__cc[c] & SIPW_CC_TEXT), stops);
        for (at = 0; at < 40; at++) {
            memset(buf, 'a', sizeof buf);
            buf[at] = (char)c;
            for (lim = at; lim <= at + 1; lim++) {
                const char *end = sipw__skip_text(buf, buf + lim);
                ck_assert_ptr_eq(end, buf + (stops && at < lim ? at : lim));
            }
        }
    }
}
END_TEST

/* Thousands of folds in one value (each a construct that a naive parser
 * re-scans) parse in one pass, and unfold to one SP each. */
START_TEST(many_folds)
{
    size_t n = 12000, k, len;
    const char *pre = "INVITE sip:x SIP/2.0\r\n" HDRS "Subject: a";
    char *buf = malloc(strlen(pre) + n * 4 + 8), *out;
    sipw_msg m;
    sipw_error e;
    const sipw_header *h;
    strcpy(buf, pre);
    len = strlen(pre);
    for (k = 0; k < n; k++) {
        memcpy(buf + len, "\r\n a", 4);
        len += 4;
    }
    memcpy(buf + len, "\r\n\r\n", 4);
    len += 4;
    ck_assert_int_eq(tu_parse(buf, len, &m, &e), SIPW_OK);
    h = sipw_msg_header(&m, SIPW_HDR_SUBJECT);
    ck_assert_uint_eq(h->value.len, 1 + 4 * n);
    out = malloc(2 * n + 2);
    ck_assert_uint_eq(sipw_header_unfold(h, out, 2 * n + 2), 1 + 2 * n);
    ck_assert_int_eq(out[1], ' ');
    ck_assert_int_eq(out[2 * n], 'a');
    free(out);
    free(buf);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("msg");
    TCase *tc = tcase_create("parse");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, request_fields);
    tcase_add_test(tc, response_fields);
    tcase_add_test(tc, status_code_bounds);
    tcase_add_test(tc, methods);
    tcase_add_test(tc, values_trimmed_and_empty);
    tcase_add_test(tc, folding_and_unfold);
    tcase_add_test(tc, quoted_strings);
    tcase_add_test(tc, header_chain_in_order);
    tcase_add_test(tc, bytes_past_content_length);
    tcase_add_test(tc, arena_every_size);
    tcase_add_test(tc, arena_unaligned);
    tcase_add_test(tc, invalid_arguments);
    tcase_add_test(tc, missing_headers_in_order);
    tcase_add_test(tc, position_helper);
    tcase_add_test(tc, too_many_headers);
    tcase_add_test(tc, huge_header_line);
    tcase_add_test(tc, many_folds);
    tcase_add_test(tc, slice_comparisons);
    tcase_add_test(tc, skip_text_matches_table);
    suite_add_tcase(s, tc);
    return tu_run(s);
}
