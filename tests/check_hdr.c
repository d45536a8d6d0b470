/* SPDX-License-Identifier: MIT */
/* sipwire tests: header-name classification from the SIPW_HDR_LIST table,
 * both through sipw_hdr_lookup() and through the framing lexer. */
#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frame/frame.h"
#include "testutil.h"

static void recase(char *dst, const char *src, int mode)
{
    size_t i;
    for (i = 0; src[i]; i++) {
        unsigned char c = (unsigned char)src[i];
        if (mode == 0)
            dst[i] = (char)tolower(c);
        else if (mode == 1)
            dst[i] = (char)toupper(c);
        else
            dst[i] = (char)((i % 2) ? tolower(c) : toupper(c));
    }
    dst[i] = '\0';
}

START_TEST(every_name_in_every_case)
{
    int id, mode;
    char buf[64];
    for (id = 1; id < SIPW_HDR__COUNT; id++) {
        const char *name = sipw_hdr_name((sipw_hdr)id);
        char c = sipw_hdr_compact((sipw_hdr)id);
        ck_assert_ptr_nonnull(name);
        ck_assert_int_eq(sipw_hdr_lookup(name, strlen(name)), id);
        for (mode = 0; mode < 3; mode++) {
            recase(buf, name, mode);
            ck_assert_msg(sipw_hdr_lookup(buf, strlen(buf)) == (sipw_hdr)id,
                          "%s does not map to %s", buf, name);
        }
        if (c) {
            char lc = (char)tolower((unsigned char)c);
            char uc = (char)toupper((unsigned char)c);
            ck_assert_int_eq(sipw_hdr_lookup(&lc, 1), id);
            ck_assert_int_eq(sipw_hdr_lookup(&uc, 1), id);
        }
    }
}
END_TEST

START_TEST(names_and_compacts_unique)
{
    int a, b;
    for (a = 1; a < SIPW_HDR__COUNT; a++)
        for (b = 1; b < a; b++) {
            ck_assert_msg(strcasecmp(sipw_hdr_name((sipw_hdr)a),
                                     sipw_hdr_name((sipw_hdr)b)) != 0,
                          "duplicate %s", sipw_hdr_name((sipw_hdr)a));
            if (sipw_hdr_compact((sipw_hdr)a))
                ck_assert_int_ne(sipw_hdr_compact((sipw_hdr)a),
                                 sipw_hdr_compact((sipw_hdr)b));
        }
}
END_TEST

START_TEST(rfc3261_compact_forms)
{
    /* RFC 3261 §7.3.3 and the extensions' own RFCs. */
    static const struct {
        char c;
        sipw_hdr id;
    } forms[] = {
        {'c', SIPW_HDR_CONTENT_TYPE},   {'e', SIPW_HDR_CONTENT_ENCODING},
        {'f', SIPW_HDR_FROM},           {'i', SIPW_HDR_CALL_ID},
        {'k', SIPW_HDR_SUPPORTED},      {'l', SIPW_HDR_CONTENT_LENGTH},
        {'m', SIPW_HDR_CONTACT},        {'s', SIPW_HDR_SUBJECT},
        {'t', SIPW_HDR_TO},             {'v', SIPW_HDR_VIA},
        {'o', SIPW_HDR_EVENT},          {'u', SIPW_HDR_ALLOW_EVENTS},
        {'r', SIPW_HDR_REFER_TO},       {'b', SIPW_HDR_REFERRED_BY},
        {'x', SIPW_HDR_SESSION_EXPIRES}, {'a', SIPW_HDR_ACCEPT_CONTACT},
        {'j', SIPW_HDR_REJECT_CONTACT}, {'d', SIPW_HDR_REQUEST_DISPOSITION},
        {'y', SIPW_HDR_IDENTITY},       {'n', SIPW_HDR_IDENTITY_INFO},
    };
    size_t i;
    for (i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        ck_assert_int_eq(sipw_hdr_lookup(&forms[i].c, 1), forms[i].id);
        ck_assert_int_eq(sipw_hdr_compact(forms[i].id), forms[i].c);
    }
    ck_assert_str_eq(sipw_hdr_name(SIPW_HDR_CALL_ID), "Call-ID");
    ck_assert_str_eq(sipw_hdr_name(SIPW_HDR_WWW_AUTHENTICATE),
                     "WWW-Authenticate");
    ck_assert_str_eq(sipw_hdr_name(SIPW_HDR_CSEQ), "CSeq");
}
END_TEST

START_TEST(unknown_names)
{
    static const char *const names[] = {"Vi",   "Viaa",   "Via2", "X-Via",
                                        "g",    "Callid", "To:",  " To",
                                        "Call-", "From ", "w",    "zz"};
    size_t i;
    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        ck_assert_msg(sipw_hdr_lookup(names[i], strlen(names[i])) ==
                          SIPW_HDR_OTHER,
                      "'%s' should be unknown", names[i]);
    ck_assert_int_eq(sipw_hdr_lookup("", 0), SIPW_HDR_OTHER);
    ck_assert_int_eq(sipw_hdr_lookup(NULL, 3), SIPW_HDR_OTHER);
    /* Only `len` bytes count: "Viaduct" cut to 3 is Via. */
    ck_assert_int_eq(sipw_hdr_lookup("Viaduct", 3), SIPW_HDR_VIA);
    ck_assert_ptr_null(sipw_hdr_name(SIPW_HDR_OTHER));
    ck_assert_ptr_null(sipw_hdr_name(SIPW_HDR__COUNT));
    ck_assert_int_eq(sipw_hdr_compact(SIPW_HDR__COUNT), 0);
}
END_TEST

START_TEST(flags_from_table)
{
    ck_assert(sipw_hdr_flags(SIPW_HDR_FROM) & SIPW_HDRF_QUOTED);
    ck_assert(sipw_hdr_flags(SIPW_HDR_FROM) & SIPW_HDRF_SINGLE);
    ck_assert(sipw_hdr_flags(SIPW_HDR_VIA) & SIPW_HDRF_QUOTED);
    ck_assert(!(sipw_hdr_flags(SIPW_HDR_VIA) & SIPW_HDRF_SINGLE));
    ck_assert(!(sipw_hdr_flags(SIPW_HDR_SUBJECT) & SIPW_HDRF_QUOTED));
    ck_assert_uint_eq(sipw_hdr_flags(SIPW_HDR_OTHER), 0);
}
END_TEST

/* The framing lexer classifies names the same way, in long and compact
 * form, whatever the case, and keeps the name as written. */
START_TEST(framing_classifies_every_name)
{
    static char msg[65536];
    size_t len = 0;
    int id;
    sipw_msg m;
    sipw_error err;

    len += (size_t)sprintf(msg + len, "MESSAGE sip:a@b SIP/2.0\r\n");
    for (id = 1; id < SIPW_HDR__COUNT; id++) {
        char name[64];
        recase(name, sipw_hdr_name((sipw_hdr)id), id % 3);
        if (id == SIPW_HDR_CONTENT_LENGTH)
            len += (size_t)sprintf(msg + len, "%s : 0\r\n", name);
        else
            len += (size_t)sprintf(msg + len, "%s: x\r\n", name);
        if (sipw_hdr_compact((sipw_hdr)id) && id != SIPW_HDR_CONTENT_LENGTH)
            len += (size_t)sprintf(msg + len, "%c:y\r\n",
                                   sipw_hdr_compact((sipw_hdr)id));
    }
    len += (size_t)sprintf(msg + len, "X-Unknown: z\r\n\r\n");
    /* The framing lexer alone: "x" is no valid value for the typed
     * headers, and this test is about names. */
    {
        static unsigned char mem[1 << 16];
        sipw_arena a;
        struct sipw_framing fr;
        sipw_arena_init(&a, mem, sizeof mem);
        memset(&m, 0, sizeof m);
        ck_assert_int_eq(sipw__frame(msg, len, SIPW_FRAME_DATAGRAM, &m, &a,
                                     &fr, &err),
                         SIPW_OK);
    }
    for (id = 1; id < SIPW_HDR__COUNT; id++) {
        const sipw_header *h = sipw_msg_header(&m, (sipw_hdr)id);
        size_t want = (sipw_hdr_compact((sipw_hdr)id) &&
                       id != SIPW_HDR_CONTENT_LENGTH)
                          ? 2
                          : 1;
        ck_assert_msg(h != NULL, "%s not found", sipw_hdr_name((sipw_hdr)id));
        ck_assert_uint_eq(h->id, (unsigned)id);
        ck_assert_uint_eq(h->name.len, strlen(sipw_hdr_name((sipw_hdr)id)));
        ck_assert_uint_eq(sipw_msg_header_count(&m, (sipw_hdr)id), want);
        if (want == 2) {
            const sipw_header *c = sipw_msg_header_next(&m, h);
            ck_assert_uint_eq(c->name.len, 1);
            ck_assert_int_eq(c->value.p[0], 'y');
        }
    }
    ck_assert_uint_eq(sipw_msg_header_count(&m, SIPW_HDR_OTHER), 1);
    ck_assert_int_eq(sipw_msg_header(&m, SIPW_HDR_OTHER)->name.p[2], 'U');
}
END_TEST

int main(void)
{
    Suite *s = suite_create("hdr");
    TCase *tc = tcase_create("names");
    tcase_add_test(tc, every_name_in_every_case);
    tcase_add_test(tc, names_and_compacts_unique);
    tcase_add_test(tc, rfc3261_compact_forms);
    tcase_add_test(tc, unknown_names);
    tcase_add_test(tc, flags_from_table);
    tcase_add_test(tc, framing_classifies_every_name);
    suite_add_tcase(s, tc);
    return tu_run(s);
}
