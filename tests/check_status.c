/* SPDX-License-Identifier: MIT */
/* sipwire tests: result codes (SIPW_STATUS_LIST) and warnings. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

START_TEST(ok_is_zero)
{
    ck_assert_int_eq(SIPW_OK, 0);
    ck_assert_str_eq(sipw_status_name(SIPW_OK), "OK");
    ck_assert_str_eq(sipw_strerror(SIPW_OK), "success");
}
END_TEST

START_TEST(every_status_named_and_described)
{
    int i, j;
    for (i = 0; i < SIPW_STATUS__COUNT; i++) {
        const char *name = sipw_status_name((sipw_status)i);
        const char *text = sipw_strerror((sipw_status)i);
        ck_assert_ptr_nonnull(name);
        ck_assert_ptr_nonnull(text);
        ck_assert_uint_gt(strlen(text), 3);
        ck_assert_str_ne(name, "UNKNOWN");
        /* Error codes are named E...; the two non-errors are not. */
        if (i > SIPW_INCOMPLETE)
            ck_assert_int_eq(name[0], 'E');
        for (j = 0; j < i; j++) {
            ck_assert_str_ne(name, sipw_status_name((sipw_status)j));
            ck_assert_str_ne(text, sipw_strerror((sipw_status)j));
        }
    }
}
END_TEST

START_TEST(out_of_range)
{
    ck_assert_str_eq(sipw_status_name(SIPW_STATUS__COUNT), "UNKNOWN");
    ck_assert_str_eq(sipw_strerror(SIPW_STATUS__COUNT), "unknown status");
    ck_assert_str_eq(sipw_strerror((sipw_status)-1), "unknown status");
    ck_assert_ptr_null(sipw_warning_name(SIPW_WARN__COUNT));
}
END_TEST

START_TEST(specific_texts)
{
    ck_assert_str_eq(sipw_status_name(SIPW_ENOMEM), "ENOMEM");
    ck_assert_str_eq(sipw_strerror(SIPW_ENOMEM), "arena too small");
    ck_assert_str_eq(sipw_status_name(SIPW_INCOMPLETE), "INCOMPLETE");
    ck_assert_ptr_nonnull(strstr(sipw_warning_name(SIPW_WARN_NO_MAX_FORWARDS),
                                 "Max-Forwards"));
    /* The digest codes, appended after ELIMIT: older numbers unchanged. */
    ck_assert_int_eq(SIPW_ELIMIT, 16);
    ck_assert_int_eq(SIPW_EAUTH, SIPW_ELIMIT + 1);
    ck_assert_int_eq(SIPW_EUNSUPPORTED, SIPW_ELIMIT + 2);
    ck_assert_int_eq(SIPW_EPARAM, SIPW_ELIMIT + 3);
    ck_assert_str_eq(sipw_status_name(SIPW_EAUTH), "EAUTH");
    ck_assert_str_eq(sipw_status_name(SIPW_EUNSUPPORTED), "EUNSUPPORTED");
    ck_assert_str_eq(sipw_status_name(SIPW_EPARAM), "EPARAM");
}
END_TEST

START_TEST(version_matches_header)
{
    ck_assert_str_eq(sipw_version(), SIPW_VERSION_STRING);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("status");
    TCase *tc = tcase_create("status");
    tcase_add_test(tc, ok_is_zero);
    tcase_add_test(tc, every_status_named_and_described);
    tcase_add_test(tc, out_of_range);
    tcase_add_test(tc, specific_texts);
    tcase_add_test(tc, version_matches_header);
    suite_add_tcase(s, tc);
    return tu_run(s);
}
