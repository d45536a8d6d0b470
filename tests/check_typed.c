/* SPDX-License-Identifier: MIT */
/* sipwire tests: typed headers seen through sipw_msg_parse(): the fields
 * of sipw_msg, and the message-level checks of src/typed.c (single-value
 * headers, the CSeq method, Request-URI headers, Contact "*"), the arena
 * contract with typed structs. Each family's own grammar is tested in its
 * own suite (check_uri, check_via, check_nameaddr, check_fields). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "typed/typed.h"

#define VIA "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n"
#define MF "Max-Forwards: 70\r\n"
#define TO "To: Bob <sip:bob@biloxi.example.com>\r\n"
#define FROM "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
#define CID "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
#define CSEQ "CSeq: 314159 INVITE\r\n"
#define RL "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
#define END "Content-Length: 0\r\n\r\n"

static int str_is(sipw_str s, const char *want)
{
    return s.p && s.len == strlen(want) && memcmp(s.p, want, s.len) == 0;
}

#define ck_assert_slice(s, want)                                               \
    ck_assert_msg(str_is((s), (want)), "got '%.*s', want '%s'",                \
                  (int)(s).len, (s).p ? (s).p : "", (want))

/* Parses `text`; checks status, and for errors line, column and header. */
static void expect(const char *text, sipw_status want, unsigned line,
                   unsigned col, const char *header)
{
    sipw_msg m;
    sipw_error e;
    sipw_status st = tu_parse(text, strlen(text), &m, &e);
    ck_assert_msg(st == want, "status %s (%s), want %s, for:\n%s",
                  sipw_status_name(st), st ? e.reason : "", sipw_status_name(want),
                  text);
    if (want == SIPW_OK)
        return;
    ck_assert_msg(e.line == line && e.column == col,
                  "error at %u:%u (%s), want %u:%u", e.line, e.column,
                  e.reason, line, col);
    if (header)
        ck_assert_slice(e.header, header);
}

START_TEST(typed_fields_of_an_invite)
{
    static const char msg[] =
        RL VIA "Via: SIP/2.0/TCP [2001:db8::1]:5061;rport, SIP/2.0/UDP 192.0.2.1\r\n"
        MF TO FROM CID CSEQ
        "Contact: <sip:alice@pc33.atlanta.example.com>;expires=60, "
        "\"A, B\" <sip:b@x>\r\n"
        "Route: <sip:p1.example.com;lr>\r\n"
        "Route: <sip:p2.example.com;lr>\r\n"
        "Expires: 7200\r\n"
        "Content-Type: application/sdp\r\n"
        "Allow: INVITE, ACK\r\n"
        END;
    sipw_msg m;
    sipw_error e;
    const sipw_via *v;
    const sipw_nameaddr *na;
    ck_assert_int_eq(tu_parse(msg, sizeof msg - 1, &m, &e), SIPW_OK);
    ck_assert_ptr_nonnull(m.uri);
    ck_assert_int_eq(m.uri->scheme_id, SIPW_SCHEME_SIP);
    ck_assert_slice(m.uri->user, "bob");
    ck_assert_slice(m.uri->host, "biloxi.example.com");
    /* Via: three values over two lines, in order. */
    v = m.via;
    ck_assert_ptr_nonnull(v);
    ck_assert_slice(v->host, "pc33.atlanta.example.com");
    ck_assert_slice(v->branch, "z9hG4bK776asdhds");
    ck_assert_ptr_eq(v->header, &m.headers[0]);
    v = v->next;
    ck_assert_ptr_nonnull(v);
    ck_assert_slice(v->transport, "TCP");
    ck_assert_slice(v->host, "[2001:db8::1]");
    ck_assert_int_eq(v->host_type, SIPW_HOST_IPV6);
    ck_assert_int_eq(v->port, 5061);
    ck_assert_int_eq(v->has_rport, 1);
    ck_assert_int_eq(v->rport, -1);
    ck_assert_ptr_eq(v->header, &m.headers[1]);
    v = v->next;
    ck_assert_ptr_nonnull(v);
    ck_assert_slice(v->host, "192.0.2.1");
    ck_assert_int_eq(v->port, -1);
    ck_assert_ptr_eq(v->header, &m.headers[1]);
    ck_assert_ptr_null(v->next);
    /* The name-addr family. */
    ck_assert_slice(m.from->display, "Alice");
    ck_assert_slice(m.from->tag, "1928301774");
    ck_assert_slice(m.to->uri.user, "bob");
    ck_assert_ptr_null(m.to->tag.p);
    na = m.contact;
    ck_assert_int_eq(na->has_expires, 1);
    ck_assert_uint_eq(na->expires, 60);
    na = na->next;
    ck_assert_ptr_nonnull(na);
    ck_assert_slice(na->display, "A, B");
    ck_assert_int_eq(na->display_quoted, 1);
    ck_assert_ptr_null(na->next);
    ck_assert_int_eq(m.contact_star, 0);
    ck_assert_slice(m.route->uri.host, "p1.example.com");
    ck_assert_int_eq(m.route->uri.lr, 1);
    ck_assert_ptr_nonnull(m.route->next);
    ck_assert_slice(m.route->next->uri.host, "p2.example.com");
    ck_assert_ptr_null(m.route->next->next);
    ck_assert_ptr_null(m.record_route);
    /* Scalars. */
    ck_assert_slice(m.call_id, "a84b4c76e66710@pc33.atlanta.example.com");
    ck_assert_uint_eq(m.cseq->seq, 314159);
    ck_assert_int_eq(m.cseq->method_id, SIPW_METHOD_INVITE);
    ck_assert_int_eq(m.max_forwards, 70);
    ck_assert_int_eq(m.expires, 7200);
    ck_assert_int_eq(m.min_expires, -1);
    ck_assert_slice(m.content_type->type, "application");
    ck_assert_slice(m.content_type->subtype, "sdp");
    ck_assert_ptr_null(m.date);
    ck_assert_ptr_null(m.event);
}
END_TEST

START_TEST(absent_scalars_and_responses)
{
    static const char resp[] =
        "SIP/2.0 200 OK\r\n" VIA TO FROM CID CSEQ "Contact: *\r\n" END;
    sipw_msg m;
    sipw_error e;
    ck_assert_int_eq(tu_parse(resp, sizeof resp - 1, &m, &e), SIPW_OK);
    ck_assert_ptr_null(m.uri); /* responses have no Request-URI */
    ck_assert_int_eq(m.max_forwards, -1);
    ck_assert_int_eq(m.expires, -1);
    ck_assert_ptr_null(m.content_type);
    ck_assert_int_eq(m.contact_star, 1);
    ck_assert_ptr_null(m.contact);
}
END_TEST

/* RFC 4475 §3.3.8: a single-value header may not appear twice; the error
 * points at the second line's name. */
START_TEST(singleton_headers_twice)
{
    expect(RL VIA MF TO FROM CID CSEQ CID END, SIPW_EDUP, 8, 1, "Call-ID");
    expect(RL VIA MF TO FROM CID CSEQ "t: <sip:x@y>\r\n" END, SIPW_EDUP, 8, 1,
           "t");
    expect(RL VIA MF TO FROM CID CSEQ "CSeq: 1 INVITE\r\n" END, SIPW_EDUP, 8, 1,
           "CSeq");
    expect(RL VIA MF TO FROM CID CSEQ "Max-Forwards: 70\r\n" END, SIPW_EDUP, 8,
           1, "Max-Forwards");
    expect(RL VIA MF TO FROM CID CSEQ "Expires: 1\r\nExpires: 2\r\n" END,
           SIPW_EDUP, 9, 1, "Expires");
    /* List headers may repeat. */
    expect(RL VIA VIA MF TO FROM CID CSEQ "Allow: ACK\r\nAllow: BYE\r\n" END,
           SIPW_OK, 0, 0, NULL);
}
END_TEST

/* RFC 3261 §8.1.1.5 and RFC 4475 §3.1.2.17/18. */
START_TEST(cseq_method_must_match)
{
    expect("OPTIONS sip:bob@biloxi.example.com SIP/2.0\r\n" VIA MF TO FROM CID
           CSEQ END,
           SIPW_EVALUE, 7, 14, "CSeq");
    expect("NEWMETHOD sip:bob@biloxi.example.com SIP/2.0\r\n" VIA MF TO FROM
           CID "CSeq: 1 NEWMETHOD\r\n" END,
           SIPW_OK, 0, 0, NULL);
    /* Methods are case-sensitive (§7.1). */
    expect(RL VIA MF TO FROM CID "CSeq: 1 invite\r\n" END, SIPW_EVALUE, 7, 9,
           "CSeq");
    /* Responses carry the request's method, not their own. */
    expect("SIP/2.0 200 OK\r\n" VIA TO FROM CID "CSeq: 1 BYE\r\n" END, SIPW_OK,
           0, 0, NULL);
}
END_TEST

/* RFC 3261 §19.1.1 table 1 and RFC 4475 §3.1.2.11: no headers in a SIP
 * Request-URI; other schemes are opaque to us. */
START_TEST(request_uri_headers)
{
    expect("INVITE sip:bob@biloxi.example.com?Route=%3Csip:x%3E SIP/2.0\r\n" VIA
           MF TO FROM CID CSEQ END,
           SIPW_EVALUE, 1, 34, NULL);
    expect("INVITE sip:bob@[2001:db8::1 SIP/2.0\r\n" VIA MF TO FROM CID CSEQ
           END,
           SIPW_EVALUE, 1, 16, NULL);
}
END_TEST

/* RFC 3261 §10.2.2: "*" is the only Contact value, on any line. */
START_TEST(contact_star_alone)
{
    const char *other = "Contact: <sip:a@b>\r\n";
    char buf[1024];
    expect(RL VIA MF TO FROM CID CSEQ "Contact: *\r\n" END, SIPW_OK, 0, 0, NULL);
    snprintf(buf, sizeof buf, "%s%s%s%s", RL VIA MF TO FROM CID CSEQ, other,
             "Contact: *\r\n", END);
    expect(buf, SIPW_EVALUE, 9, 10, "Contact");
    snprintf(buf, sizeof buf, "%s%s%s%s", RL VIA MF TO FROM CID CSEQ,
             "Contact: *\r\n", other, END);
    expect(buf, SIPW_EVALUE, 9, 10, "Contact");
    expect(RL VIA MF TO FROM CID CSEQ "Contact: *\r\nm: *\r\n" END, SIPW_EVALUE,
           9, 4, "m");
}
END_TEST

/* A typed error names the header, line and column of the bad byte. */
START_TEST(errors_point_into_values)
{
    expect(RL VIA "Max-Forwards: 7x\r\n" TO FROM CID CSEQ END, SIPW_EVALUE, 3,
           16, "Max-Forwards");
    expect(RL VIA MF TO FROM CID "CSeq: 4294967296 INVITE\r\n" END,
           SIPW_EVALUE, 7, 7, "CSeq");
    /* A typed error before a missing header is reported first: errors come
     * in message order, the mandatory-header check last. */
    expect(RL VIA "Max-Forwards: x\r\n" TO FROM CSEQ END, SIPW_EVALUE, 3, 15,
           "Max-Forwards");
}
END_TEST

/* Every arena size from 0 up: ENOMEM (arena untouched, msg zeroed) until
 * the header table and the typed structs fit, then OK. */
START_TEST(arena_every_size_with_typed_structs)
{
    static const char msg[] = RL VIA VIA MF TO FROM CID CSEQ
        "Contact: <sip:a@b>, <sip:c@d>\r\nRoute: <sip:r;lr>\r\n" END;
    static unsigned char mem[16384];
    size_t size, need = 0;
    for (size = 0; size < sizeof mem; size++) {
        sipw_arena a;
        sipw_msg m;
        sipw_error e;
        sipw_status st;
        sipw_arena_init(&a, mem, size);
        st = sipw_msg_parse(&m, msg, sizeof msg - 1, 0, &a, &e);
        if (st == SIPW_OK) {
            need = size;
            ck_assert_ptr_nonnull(m.contact);
            ck_assert_ptr_nonnull(m.contact->next);
            ck_assert_uint_le(sipw_arena_used(&a), size);
            break;
        }
        ck_assert_int_eq(st, SIPW_ENOMEM);
        ck_assert_uint_eq(sipw_arena_used(&a), 0);
        ck_assert_int_eq(m.type, SIPW_MSG_NONE);
        ck_assert_ptr_null(m.via);
    }
    ck_assert_uint_gt(need, 9 * sizeof(sipw_header));
}
END_TEST

/* The top allocator aligns, zeroes and refuses what does not fit. */
START_TEST(arena_top_allocator)
{
    static unsigned char mem[256];
    sipw_arena a;
    unsigned char *p, *q;
    sipw_arena_init(&a, mem + 1, 100); /* an unaligned arena */
    p = (unsigned char *)sipw__arena_top(&a, 10);
    ck_assert_ptr_nonnull(p);
    ck_assert_uint_eq((uintptr_t)p % sizeof(void *), 0);
    ck_assert(p + 10 <= mem + 101);
    ck_assert_int_eq(p[0] | p[9], 0);
    q = (unsigned char *)sipw__arena_top(&a, 10);
    ck_assert_ptr_nonnull(q);
    ck_assert(q + 10 <= p);
    ck_assert_ptr_null(sipw__arena_top(&a, 100));
    a.lo = 60; /* the header table has grown up to here */
    ck_assert_ptr_null(sipw__arena_top(&a, 40));
    sipw_arena_init(&a, NULL, 0);
    ck_assert_ptr_null(sipw__arena_top(&a, 1));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("typed");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, typed_fields_of_an_invite);
    tcase_add_test(tc, absent_scalars_and_responses);
    tcase_add_test(tc, singleton_headers_twice);
    tcase_add_test(tc, cseq_method_must_match);
    tcase_add_test(tc, request_uri_headers);
    tcase_add_test(tc, contact_star_alone);
    tcase_add_test(tc, errors_point_into_values);
    tcase_add_test(tc, arena_every_size_with_typed_structs);
    tcase_add_test(tc, arena_top_allocator);
    suite_add_tcase(s, tc);
    return tu_run(s);
}
