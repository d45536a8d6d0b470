/* sipwire tests: the data corpus (tests/data/{rfc3665,rfc4475,rfc5118,
 * rfc5118/crlf,valid,invalid}).
 *
 * Every case is asserted against its line in the directory's EXPECTED.tsv:
 * the status, the line:column of an error, the header it names, and the
 * warnings of a valid message. Every case is parsed at the very end of a
 * page followed by a PROT_NONE page, so an over-read of one byte crashes.
 * Every valid message is also replayed cut at every byte through both
 * sipw_msg_parse() (a datagram cut short is never "valid" unless the cut
 * only shortens a body without Content-Length) and sipw_frame() (a stream
 * cut short is always "incomplete", never "invalid"), and pipelined with
 * its neighbour and keep-alives in one stream buffer. Every file of every
 * folder, valid or not, is also fed to sipw_frame() cut at every byte.
 *
 * The RFC 4475 and RFC 5118 messages go through the same harness. Two of
 * them are unusual, and the harness already allows for both:
 * - dblreq (RFC 4475 3.1.1.8) is a REGISTER followed by trailing octets.
 *   Its msg.size covers the REGISTER only, and cuts and pipelining use
 *   msg.size, never the file length, so the trailing INVITE plays no part.
 *   On a stream those octets are a second message: see dblreq_as_stream.
 * - inv2543 (3.4.1) has no Content-Length. As a datagram any cut in its
 *   body is still a valid message (the body runs to the end), so only cuts
 *   in the header section must fail; on a stream it cannot be delimited,
 *   so sipw_frame() reports EMISSING once the header section is complete,
 *   and it is left out of pipelining.
 * The archived RFC 5118 files (LF line endings) are all invalid; the
 * conformance set is rfc5118/crlf. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

static struct tu_guard guard;

static void setup(void)
{
    tu_guard_init(&guard, 1u << 20);
}

static void teardown(void)
{
    tu_guard_free(&guard);
}

/* The warnings column names at most one warning so far. */
static unsigned warning_bits(const char *names)
{
    if (strcmp(names, "NO_MAX_FORWARDS") == 0)
        return 1u << SIPW_WARN_NO_MAX_FORWARDS;
    if (strcmp(names, "QUOTED_QOP") == 0)
        return 1u << SIPW_WARN_QUOTED_QOP;
    return 0;
}

/* Checks the verdict of one case, parsed at the guard page. A verdict
 * that differs from EXPECTED.tsv (status, warnings, position, header) is
 * printed and counted rather than aborting the test, so that one run lists
 * every differing case of a folder; run_dir() then fails. Returns 1 when
 * the verdict matches. Structural checks (no over-read, offsets inside the
 * data, the body ends where the message does) abort at once. */
static int check_case(const struct tu_case *c)
{
    size_t len;
    char *data = tu_read_file(c->path, &len);
    const char *buf = tu_guard_put(&guard, data, len);
    sipw_msg msg;
    sipw_error err;
    sipw_status st;
    int ok = 1;
    int want = strcmp(c->status, "OK") == 0 ? SIPW_OK
                                             : tu_status_from_name(c->status);

    ck_assert_msg(want >= 0, "%s: unknown status %s", c->file, c->status);
    memset(&err, 0, sizeof err);
    st = tu_parse(buf, len, &msg, &err);
    if ((int)st != want) {
        fprintf(stderr, "%s: got %s (%u:%u %.*s: %s), want %s %u:%u %s\n",
                c->path, sipw_status_name(st), err.line, err.column,
                (int)err.header.len, err.header.p ? err.header.p : "",
                st ? err.reason : "", c->status, c->line, c->column,
                c->header);
        ok = 0;
    } else if (st == SIPW_OK) {
        if (msg.warnings != warning_bits(c->warnings)) {
            fprintf(stderr, "%s: warnings 0x%x, want %s\n", c->path,
                    msg.warnings, c->warnings[0] ? c->warnings : "none");
            ok = 0;
        }
        ck_assert_uint_le(msg.size, len);
        ck_assert_ptr_eq(msg.body.p + msg.body.len, buf + msg.size);
    } else {
        ck_assert_ptr_nonnull(err.reason);
        ck_assert_int_eq((int)err.status, want);
        ck_assert_uint_le(err.offset, len);
        if (err.line != c->line || err.column != c->column) {
            fprintf(stderr, "%s: %s at %u:%u, want %u:%u (%s)\n", c->path,
                    c->status, err.line, err.column, c->line, c->column,
                    err.reason);
            ok = 0;
        }
        if (err.header.len != strlen(c->header) ||
            (err.header.len &&
             memcmp(err.header.p, c->header, err.header.len) != 0)) {
            fprintf(stderr, "%s: error names header '%.*s', want '%s'\n",
                    c->path, (int)err.header.len,
                    err.header.p ? err.header.p : "", c->header);
            ok = 0;
        }
    }
    free(data);
    return ok;
}

/* Every proper prefix of a valid message, as a datagram and as a stream. */
static void assert_cuts(const struct tu_case *c)
{
    size_t len, cut, head_len;
    char *data = tu_read_file(c->path, &len);
    sipw_msg whole;
    sipw_error err;
    int has_cl;

    ck_assert_int_eq(tu_parse(data, len, &whole, &err), SIPW_OK);
    has_cl = whole.has_content_length;
    head_len = (size_t)(whole.body.p - data);

    for (cut = 0; cut < whole.size; cut++) {
        const char *buf = tu_guard_put(&guard, data, cut);
        sipw_msg msg;
        size_t start, mlen;
        sipw_status st = tu_parse(buf, cut, &msg, &err);

        if (cut < head_len) {
            ck_assert_msg(st != SIPW_OK, "%s: datagram cut at %zu parsed",
                          c->file, cut);
        } else if (has_cl) {
            ck_assert_msg(st == SIPW_ETRUNC, "%s: cut at %zu in body: %s",
                          c->file, cut, sipw_status_name(st));
        }
        st = sipw_frame(buf, cut, &start, &mlen, &err);
        if (has_cl || cut < head_len)
            ck_assert_msg(st == SIPW_INCOMPLETE,
                          "%s: stream cut at %zu/%zu gave %s (%u:%u %s)",
                          c->file, cut, whole.size, sipw_status_name(st),
                          err.line, err.column, err.reason);
        else
            ck_assert_int_eq(st, SIPW_EMISSING);
    }
    /* The whole message frames exactly, at the guard page too. */
    if (has_cl) {
        size_t start, mlen;
        const char *buf = tu_guard_put(&guard, data, whole.size);
        ck_assert_int_eq(sipw_frame(buf, whole.size, &start, &mlen, &err),
                         SIPW_OK);
        ck_assert_uint_eq(start, 0);
        ck_assert_uint_eq(mlen, whole.size);
    }
    free(data);
}

/* Two messages, keep-alives around them, one stream buffer. */
static void assert_pipelined(const struct tu_case *a, const struct tu_case *b)
{
    size_t la, lb, total, pos, start, mlen, i;
    char *da = tu_read_file(a->path, &la);
    char *db = tu_read_file(b->path, &lb);
    char *stream = malloc(la + lb + 8);
    sipw_msg ma, mb;
    sipw_error err;
    const char *buf;
    size_t want[2];

    ck_assert_int_eq(tu_parse(da, la, &ma, &err), SIPW_OK);
    ck_assert_int_eq(tu_parse(db, lb, &mb, &err), SIPW_OK);
    if (!ma.has_content_length || !mb.has_content_length) {
        free(da);
        free(db);
        free(stream);
        return;
    }
    memcpy(stream, "\r\n", 2);
    memcpy(stream + 2, da, ma.size);
    memcpy(stream + 2 + ma.size, "\r\n\r\n", 4);
    memcpy(stream + 6 + ma.size, db, mb.size);
    total = 6 + ma.size + mb.size;
    buf = tu_guard_put(&guard, stream, total);
    want[0] = ma.size;
    want[1] = mb.size;
    pos = 0;
    for (i = 0; i < 2; i++) {
        sipw_status st = sipw_frame(buf + pos, total - pos, &start, &mlen,
                                    &err);
        ck_assert_msg(st == SIPW_OK, "%s+%s: message %zu: %s", a->file,
                      b->file, i, sipw_status_name(st));
        ck_assert_uint_eq(start, i == 0 ? 2 : 4);
        ck_assert_uint_eq(mlen, want[i]);
        pos += start + mlen;
    }
    ck_assert_uint_eq(pos, total);
    ck_assert_int_eq(sipw_frame(buf + pos, 0, &start, &mlen, &err),
                     SIPW_INCOMPLETE);
    free(da);
    free(db);
    free(stream);
}

static void run_dir(const char *dir, int valid_extras)
{
    size_t n, i, nvalid = 0, bad = 0;
    struct tu_case *cases = tu_load_cases(dir, &n);
    const struct tu_case *prev = NULL;

    ck_assert_uint_gt(n, 0);
    for (i = 0; i < n; i++) {
        if (!check_case(&cases[i])) {
            bad++;
            continue;
        }
        if (valid_extras && strcmp(cases[i].status, "OK") == 0) {
            assert_cuts(&cases[i]);
            if (prev)
                assert_pipelined(prev, &cases[i]);
            prev = &cases[i];
            nvalid++;
        }
    }
    free(cases);
    ck_assert_msg(bad == 0, "%s: %zu of %zu verdicts differ from EXPECTED.tsv "
                  "(listed on stderr)", dir, bad, n);
    if (valid_extras)
        ck_assert_uint_gt(nvalid, 0);
}

START_TEST(rfc3665_corpus)
{
    run_dir("rfc3665", 1);
}
END_TEST

START_TEST(valid_cases)
{
    run_dir("valid", 1);
}
END_TEST

START_TEST(invalid_cases)
{
    run_dir("invalid", 0);
}
END_TEST

START_TEST(rfc4475_corpus)
{
    run_dir("rfc4475", 1);
}
END_TEST

START_TEST(rfc5118_corpus)
{
    run_dir("rfc5118/crlf", 1);
}
END_TEST

/* The RFC 5118 files as archived, with LF line endings: all rejected. */
START_TEST(rfc5118_archived)
{
    run_dir("rfc5118", 0);
}
END_TEST

/* A folder must hold `want` cases, `bad` of them invalid: a verdict that
 * flips, or a file that goes missing, fails here as well. */
static void assert_counts(const char *dir, size_t want, size_t want_bad)
{
    size_t n, i, bad = 0;
    struct tu_case *cases = tu_load_cases(dir, &n);
    for (i = 0; i < n; i++)
        bad += strcmp(cases[i].status, "OK") != 0;
    ck_assert_msg(n == want && bad == want_bad,
                  "%s: %zu cases, %zu invalid; want %zu, %zu", dir, n, bad,
                  want, want_bad);
    free(cases);
}

/* RFC 3665: 193 messages, 5 invalid (3.9 F6, F8, F10; 2.1 F3 and 2.2 F1,
 * see rfc3665_auth). RFC 4475: the 49 tests of section 3
 * (13 + 1 + 12 + 1 valid; 19 + 3 invalid) plus the archive's extra member.
 * RFC 5118: 12 messages; 4.2 and 4.10's three colons are invalid. */
START_TEST(corpus_counts)
{
    assert_counts("rfc3665", 193, 5);
    assert_counts("rfc4475", 50, 23);
    assert_counts("rfc5118/crlf", 12, 2);
    assert_counts("rfc5118", 12, 12);
}
END_TEST

/* The two RFC 3665 messages whose Authorization breaks RFC 3261 §25.1,
 * with the exact reason: 2.1 F3 has no comma between realm and nonce;
 * 2.2 F1 quotes its message-qop, which SIPW_PARSE_LENIENT accepts with a
 * warning (the missing comma stays an error). */
START_TEST(rfc3665_auth)
{
    static const struct {
        const char *file;
        unsigned line, column;
        const char *reason;
        int lenient_ok;
    } cases[] = {
        {"2.1-successful-new-registration-F3.sip", 9, 67,
         "expected \",\" before parameter \"nonce\"", 0},
        {"2.2-update-of-contact-list-F1.sip", 9, 72,
         "qop must be a token, not a quoted string (RFC 3261 section 25.1 "
         "message-qop)",
         1},
    };
    static unsigned char mem[1u << 16];
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[1024];
        size_t len;
        char *data;
        const char *buf;
        sipw_arena a;
        sipw_msg msg;
        sipw_error err;
        unsigned f;

        snprintf(path, sizeof path, "%s/rfc3665/%s", tu_data_dir(),
                 cases[i].file);
        data = tu_read_file(path, &len);
        buf = tu_guard_put(&guard, data, len);
        for (f = 0; f < 2; f++) {
            unsigned flags = f ? SIPW_PARSE_LENIENT : SIPW_PARSE_DEFAULT;
            sipw_status st;
            sipw_arena_init(&a, mem, sizeof mem);
            memset(&err, 0, sizeof err);
            st = sipw_msg_parse(&msg, buf, len, flags, &a, &err);
            if (f && cases[i].lenient_ok) {
                ck_assert_int_eq(st, SIPW_OK);
                ck_assert_uint_eq(msg.warnings,
                                  1u << SIPW_WARN_QUOTED_QOP);
                ck_assert_ptr_nonnull(msg.authorization);
                ck_assert_ptr_null(msg.authorization->next);
                ck_assert_uint_eq(msg.authorization->qop.len, 4);
                ck_assert_int_eq(memcmp(msg.authorization->qop.p, "auth", 4),
                                 0);
                ck_assert_uint_eq(msg.authorization->quoted &
                                      SIPW_AUTHP_QOP,
                                  SIPW_AUTHP_QOP);
                ck_assert_str_eq(sipw_warning_name(SIPW_WARN_QUOTED_QOP),
                                 "qop in credentials is a quoted string "
                                 "where RFC 3261 section 25.1 wants a token "
                                 "(accepted in lenient mode)");
                continue;
            }
            ck_assert_msg(st == SIPW_EVALUE, "%s flags %u: %s",
                          cases[i].file, flags, sipw_status_name(st));
            ck_assert_uint_eq(err.line, cases[i].line);
            ck_assert_uint_eq(err.column, cases[i].column);
            ck_assert_str_eq(err.reason, cases[i].reason);
            ck_assert_uint_eq(err.header.len, 13);
            ck_assert_int_eq(memcmp(err.header.p, "Authorization", 13), 0);
            ck_assert_uint_eq(sipw_arena_used(&a), 0);
        }
        free(data);
    }
}
END_TEST

/* RFC 4475 3.1.1.8 on a stream: the REGISTER (300 bytes, Content-Length
 * 0), one CRLF keep-alive, then an INVITE whose 293-byte header section
 * announces a 150-byte body. The last 5 bytes of the file are past that
 * body (the RFC's Content-Length cuts "LPC" short). */
START_TEST(dblreq_as_stream)
{
    char path[1024];
    size_t len, start, mlen;
    char *data;
    const char *buf;
    sipw_error err;
    sipw_msg msg;

    snprintf(path, sizeof path, "%s/rfc4475/dblreq.dat", tu_data_dir());
    data = tu_read_file(path, &len);
    ck_assert_uint_eq(len, 750);
    buf = tu_guard_put(&guard, data, len);
    ck_assert_int_eq(sipw_frame(buf, len, &start, &mlen, &err), SIPW_OK);
    ck_assert_uint_eq(start, 0);
    ck_assert_uint_eq(mlen, 300);
    ck_assert_int_eq(sipw_frame(buf + 300, len - 300, &start, &mlen, &err),
                     SIPW_OK);
    ck_assert_uint_eq(start, 2);
    ck_assert_uint_eq(mlen, 293 + 150);
    /* Each delimited message is valid on its own. */
    ck_assert_int_eq(tu_parse(buf, 300, &msg, &err), SIPW_OK);
    ck_assert_int_eq(msg.method_id, SIPW_METHOD_REGISTER);
    ck_assert_int_eq(tu_parse(buf + 302, 443, &msg, &err), SIPW_OK);
    ck_assert_int_eq(msg.method_id, SIPW_METHOD_INVITE);
    ck_assert_uint_eq(msg.body.len, 150);
    free(data);
}
END_TEST

/* Every file of a folder fed to stream framing, cut at every byte, never
 * crashes or over-reads, and never reports a message longer than the
 * data. */
static void assert_stream_robust(const char *dir)
{
    size_t n, i, cut;
    struct tu_case *cases = tu_load_cases(dir, &n);
    for (i = 0; i < n; i++) {
        size_t len;
        char *data = tu_read_file(cases[i].path, &len);
        for (cut = 0; cut <= len; cut++) {
            size_t start, mlen;
            sipw_error err;
            const char *buf = tu_guard_put(&guard, data, cut);
            sipw_status st = sipw_frame(buf, cut, &start, &mlen, &err);
            if (st == SIPW_OK)
                ck_assert_uint_le(start + mlen, cut);
            else if (st != SIPW_INCOMPLETE)
                ck_assert_uint_le(err.offset, cut);
        }
        free(data);
    }
    free(cases);
}

START_TEST(invalid_as_stream)
{
    assert_stream_robust("invalid");
}
END_TEST

START_TEST(rfc_files_as_stream)
{
    assert_stream_robust("rfc4475");
    assert_stream_robust("rfc5118");
    assert_stream_robust("rfc5118/crlf");
}
END_TEST

static Suite *corpus_suite(void)
{
    Suite *s = suite_create("corpus");
    TCase *tc = tcase_create("data");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, corpus_counts);
    tcase_add_test(tc, rfc3665_corpus);
    tcase_add_test(tc, rfc3665_auth);
    tcase_add_test(tc, rfc4475_corpus);
    tcase_add_test(tc, rfc5118_corpus);
    tcase_add_test(tc, rfc5118_archived);
    tcase_add_test(tc, dblreq_as_stream);
    tcase_add_test(tc, valid_cases);
    tcase_add_test(tc, invalid_cases);
    tcase_add_test(tc, invalid_as_stream);
    tcase_add_test(tc, rfc_files_as_stream);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tu_run(corpus_suite());
}
