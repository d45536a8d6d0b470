/* SPDX-License-Identifier: MIT */
/* sipwire tests: helpers shared by the Check suites. */
#ifndef SIPW_TESTUTIL_H
#define SIPW_TESTUTIL_H

#include <stddef.h>

#include <check.h>

#include <sipwire/sipwire.h>

/* The tests/data directory ($SIPW_TEST_DATA, set by make check). */
const char *tu_data_dir(void);

/* Reads a whole file; aborts the test on failure. Free with free(). */
char *tu_read_file(const char *path, size_t *len);

/* One row of a data directory's EXPECTED.tsv. */
struct tu_case {
    char file[256];
    char path[1024];
    char status[32];   /* "OK" or a status name such as "ESTATUS" */
    unsigned line, column; /* 0 when "-" */
    char header[64];   /* "" when "-" */
    char warnings[64]; /* "" when "-" */
};

/* Loads <data>/<dir>/EXPECTED.tsv. Aborts if any listed file is missing
 * or any .sip file of the directory is not listed. */
struct tu_case *tu_load_cases(const char *dir, size_t *n);

/* A buffer whose last byte sits just before a PROT_NONE page, so that a
 * read of even one byte past the data faults. */
struct tu_guard {
    unsigned char *map;
    size_t map_len;
    unsigned char *fence; /* first byte of the protected page */
};
void tu_guard_init(struct tu_guard *g, size_t max_len);
/* Copies data to the very end of the readable region; returns it. */
const char *tu_guard_put(struct tu_guard *g, const char *data, size_t len);
void tu_guard_free(struct tu_guard *g);

/* Status code from its name ("ENOMEM"), or -1. */
int tu_status_from_name(const char *name);

/* sipw_msg_parse() with a 4 MiB arena, enough for any test message
 * (shared: the message is valid until the next call). */
sipw_status tu_parse(const char *buf, size_t len, sipw_msg *msg,
                     sipw_error *err);

/* Runs a suite, prints Check's summary; returns the exit status. */
int tu_run(Suite *s);

#endif
