/* sipwire tests: the data corpus (tests/data/{rfc3665,valid,invalid}).
 *
 * Every case is asserted against its line in the directory's EXPECTED.tsv:
 * the status, the line:column of an error, the header it names, and the
 * warnings of a valid message. Every case is parsed at the very end of a
 * page followed by a PROT_NONE page, so an over-read of one byte crashes.
 * Every valid message is also replayed cut at every byte through both
 * sipw_msg_parse() (a datagram cut short is never "valid" unless the cut
 * only shortens a body without Content-Length) and sipw_frame() (a stream
 * cut short is always "incomplete", never "invalid"), and pipelined with
 * its neighbour and keep-alives in one stream buffer. */
#include <check.h>
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
    return strcmp(names, "NO_MAX_FORWARDS") == 0
               ? 1u << SIPW_WARN_NO_MAX_FORWARDS
               : 0;
}

/* Asserts the verdict of one case, parsed at the guard page. */
static void assert_case(const struct tu_case *c)
{
    size_t len;
    char *data = tu_read_file(c->path, &len);
    const char *buf = tu_guard_put(&guard, data, len);
    sipw_msg msg;
    sipw_error err;
    sipw_status st;
    int want = strcmp(c->status, "OK") == 0 ? SIPW_OK
                                             : tu_status_from_name(c->status);

    ck_assert_msg(want >= 0, "%s: unknown status %s", c->file, c->status);
    memset(&err, 0, sizeof err);
    st = tu_parse(buf, len, &msg, &err);
    ck_assert_msg((int)st == want, "%s: got %s (%u:%u %s), want %s", c->file,
                  sipw_status_name(st), err.line, err.column,
                  st ? err.reason : "", c->status);
    if (st == SIPW_OK) {
        ck_assert_msg(msg.warnings == warning_bits(c->warnings),
                      "%s: warnings 0x%x, want %s", c->file, msg.warnings,
                      c->warnings[0] ? c->warnings : "none");
        ck_assert_uint_le(msg.size, len);
        ck_assert_ptr_eq(msg.body.p + msg.body.len, buf + msg.size);
    } else {
        ck_assert_msg(err.line == c->line && err.column == c->column,
                      "%s: error at %u:%u, want %u:%u (%s)", c->file,
                      err.line, err.column, c->line, c->column, err.reason);
        ck_assert_ptr_nonnull(err.reason);
        ck_assert_int_eq((int)err.status, want);
        ck_assert_uint_le(err.offset, len);
        if (c->header[0]) {
            ck_assert_msg(err.header.len == strlen(c->header) &&
                              memcmp(err.header.p, c->header,
                                     err.header.len) == 0,
                          "%s: error names header '%.*s', want '%s'",
                          c->file, (int)err.header.len,
                          err.header.p ? err.header.p : "", c->header);
        } else {
            ck_assert_msg(err.header.len == 0, "%s: unexpected header '%.*s'",
                          c->file, (int)err.header.len, err.header.p);
        }
    }
    free(data);
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
    size_t n, i, nvalid = 0;
    struct tu_case *cases = tu_load_cases(dir, &n);
    const struct tu_case *prev = NULL;

    ck_assert_uint_gt(n, 0);
    for (i = 0; i < n; i++) {
        assert_case(&cases[i]);
        if (valid_extras && strcmp(cases[i].status, "OK") == 0) {
            assert_cuts(&cases[i]);
            if (prev)
                assert_pipelined(prev, &cases[i]);
            prev = &cases[i];
            nvalid++;
        }
    }
    if (valid_extras)
        ck_assert_uint_gt(nvalid, 0);
    free(cases);
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

/* The RFC 3665 corpus must hold 193 messages, 3 of them invalid. */
START_TEST(rfc3665_counts)
{
    size_t n, i, bad = 0;
    struct tu_case *cases = tu_load_cases("rfc3665", &n);
    for (i = 0; i < n; i++)
        bad += strcmp(cases[i].status, "OK") != 0;
    ck_assert_uint_eq(n, 193);
    ck_assert_uint_eq(bad, 3);
    free(cases);
}
END_TEST

/* Invalid cases fed to stream framing never crash or over-read, and never
 * report a message longer than the data. */
START_TEST(invalid_as_stream)
{
    size_t n, i, cut;
    struct tu_case *cases = tu_load_cases("invalid", &n);
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
END_TEST

static Suite *corpus_suite(void)
{
    Suite *s = suite_create("corpus");
    TCase *tc = tcase_create("data");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, rfc3665_counts);
    tcase_add_test(tc, rfc3665_corpus);
    tcase_add_test(tc, valid_cases);
    tcase_add_test(tc, invalid_cases);
    tcase_add_test(tc, invalid_as_stream);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tu_run(corpus_suite());
}
