/* SPDX-License-Identifier: MIT */
/* sipwire tests: parsing calls no allocator.
 *
 * This program is linked with -Wl,--wrap=malloc (and calloc, realloc,
 * free), so every call to them from the library's objects lands in the
 * counters below. The counters are armed only around the library calls. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t m);
void *__wrap_realloc(void *p, size_t n);
void __wrap_free(void *p);

/* volatile: the compiler may assume malloc touches no globals. */
static volatile int armed;
static volatile unsigned long calls;

void *__wrap_malloc(size_t n)
{
    calls += armed;
    return __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t m)
{
    calls += armed;
    return __real_calloc(n, m);
}

void *__wrap_realloc(void *p, size_t n)
{
    calls += armed;
    return __real_realloc(p, n);
}

void __wrap_free(void *p)
{
    calls += armed;
    __real_free(p);
}

/* The wrapper must see calls, or a zero count proves nothing. */
START_TEST(wrapper_counts)
{
    void *volatile p; /* volatile: the pair must not be optimised away */
    armed = 1;
    calls = 0;
    p = malloc(16);
    free(p);
    armed = 0;
    ck_assert_uint_eq(calls, 2);
}
END_TEST

static unsigned long responses_built, lazy_parsed;

static void parse_dir(const char *dir, unsigned long *parsed)
{
    size_t n, i;
    struct tu_case *cases = tu_load_cases(dir, &n);
    static unsigned char mem[1u << 20];
    static char out[1u << 17];
    for (i = 0; i < n; i++) {
        size_t len, start, mlen;
        char *data = tu_read_file(cases[i].path, &len);
        sipw_arena a;
        sipw_msg m;
        sipw_error e;
        sipw_arena_init(&a, mem, sizeof mem);
        calls = 0;
        armed = 1;
        (void)sipw_msg_parse(&m, data, len, 0, &a, &e);
        (void)sipw_frame(data, len, &start, &mlen, &e);
        if (m.nheaders)
            (void)sipw_header_unfold(&m.headers[0], NULL, 0);
        (void)sipw_hdr_lookup("Via", 3);
        /* The writer and the builder allocate nothing either. */
        if (m.nheaders) {
            sipw_msg r;
            (void)sipw_msg_write(&m, out, sizeof out, SIPW_WRITE_DEFAULT, &e);
            if (m.type == SIPW_MSG_REQUEST &&
                sipw_msg_response(&r, &m, 200, (sipw_str){NULL, 0},
                                  SIPW_RESPONSE_TO_TAG, NULL, NULL, &a,
                                  &e) == SIPW_OK) {
                responses_built++;
                (void)sipw_msg_add(&r, SIPW_HDR_SERVER,
                                   (sipw_str){NULL, 0},
                                   (sipw_str){"sipwire", 7}, 0, &a, &e);
                (void)sipw_msg_write(&r, out, sizeof out,
                                     SIPW_WRITE_COMPACT, &e);
            }
        }
        /* Nor does the lazy path. */
        sipw_arena_init(&a, mem, sizeof mem);
        if (sipw_msg_parse(&m, data, len, SIPW_PARSE_LAZY, &a, &e) ==
            SIPW_OK &&
            sipw_msg_typed(&m, SIPW_HDR_OTHER, &a, &e) == SIPW_OK)
            lazy_parsed++;
        armed = 0;
        ck_assert_msg(calls == 0, "%s: %lu allocator calls", cases[i].file,
                      calls);
        (*parsed)++;
        free(data);
    }
    free(cases);
}

START_TEST(corpus_allocates_nothing)
{
    unsigned long parsed = 0;
    parse_dir("rfc3665", &parsed);
    parse_dir("valid", &parsed);
    parse_dir("invalid", &parsed);
    ck_assert_uint_gt(parsed, 193);
    ck_assert_uint_gt(responses_built, 60);
    ck_assert_uint_gt(lazy_parsed, 180);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("alloc");
    TCase *tc = tcase_create("no-malloc");
    tcase_add_test(tc, wrapper_counts);
    tcase_add_test(tc, corpus_allocates_nothing);
    suite_add_tcase(s, tc);
    return tu_run(s);
}
