/* SPDX-License-Identifier: MIT */
/* sipwire's benchmark modes, shared by sipwire-bench and compare. */
#ifndef SIPW_BENCH_MODES_H
#define SIPW_BENCH_MODES_H

#include <stdint.h>

#include <sipwire/sipwire.h>

#include "harness.h"

/* frame: sipw_frame(), the message's extent only.
 * lazy:  sipw_msg_parse(SIPW_PARSE_LAZY), then sipw_msg_typed() for
 *        Call-ID and CSeq, which are read.
 * full:  sipw_msg_parse() (every typed header), then the reference
 *        fields are read (bench_fields below).
 * write: sipw_msg_write() of each message, parsed once beforehand, into
 *        a buffer of this thread. */
extern const struct bench_mode bench_mode_frame, bench_mode_lazy,
    bench_mode_full, bench_mode_write;

/* The fields every parser in the comparison must produce: the top Via's
 * branch, the From and To tags, Call-ID, the CSeq number and method, the
 * first Contact's URI (user, host, port), and realm, nonce and response
 * of the first digest header (WWW-Authenticate, Authorization,
 * Proxy-Authenticate, Proxy-Authorization: the first present). Absent
 * ones are {NULL, 0}, port and cseq -1. */
struct bench_fields {
    sipw_str branch, from_tag, to_tag, call_id, cseq_method;
    int64_t cseq;
    sipw_str contact_user, contact_host;
    int32_t contact_port;
    sipw_str realm, nonce, response;
};

/* Fills `f` from a message parsed without SIPW_PARSE_LAZY. */
void bench_fields_get(const sipw_msg *m, struct bench_fields *f);

/* A checksum of the fields: it reads every byte's length and one byte of
 * each, which is what each mode "touches". */
uint64_t bench_fields_sum(const struct bench_fields *f);

/* Checks that every message of `c` goes through each mode in `which`
 * ("frame", "lazy", "full", "write" or "all"), and prepares the
 * pre-parsed messages of "write". Prints what failed and returns
 * non-zero when one does. */
int bench_modes_setup(const struct bench_corpus *c, const char *which);

/* Frees what bench_modes_setup() prepared. */
void bench_modes_free(const struct bench_corpus *c);

/* Prints the arena use of a full parse per message, and with `lazy` of
 * a lazy one too:
 *   arena: N bytes/msg (max M)
 *   arena (lazy): N bytes/msg (max M) */
void bench_arena_report(const struct bench_corpus *c, int lazy);

#endif
