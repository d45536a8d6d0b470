/* SPDX-License-Identifier: MIT */
/* sipwire: RSeq and RAck (RFC 3262 §7.1, §7.2), the reliable provisional
 * responses: the numbers' ranges and the RAck struct, over the productions
 * of grammar/rel.re. */
#include "typed/typed.h"

/* The decimal digits [p, e) (what sipw__response_num() or
 * sipw__cseq_num() matched) as a number of at least `min` and at most
 * 2^32-1, reported at the first digit otherwise (as CSeq's number is). */
static sipw_status number(const struct sipw_tp *tp, const char *p,
                          const char *e, uint32_t min, const char *too_small,
                          const char *too_big, uint32_t *out)
{
    const char *q;
    uint64_t v = 0;

    /* v <= 2^32-1 before each step: no overflow in 64 bits. */
    for (q = p; q < e; q++) {
        v = v * 10 + (uint64_t)(*q - '0');
        if (v > UINT32_MAX)
            return sipw__tp_fail(tp, SIPW_EVALUE, p, too_big);
    }
    if (v < min)
        return sipw__tp_fail(tp, SIPW_EVALUE, p, too_small);
    *out = (uint32_t)v;
    return SIPW_OK;
}

/* response-num at *pcur: 1 to 2^32-1. RFC 3262 §3 starts the sequence
 * between 1 and 2^31-1 and adds one per reliable response, so 0 is never
 * sent, and a number above 2^32-1 could not have been reached. */
static sipw_status response_num(const struct sipw_tp *tp, const char **pcur,
                                const char *e, uint32_t *out)
{
    const char *start = *pcur;
    sipw_status st = sipw__response_num(tp, pcur, e);
    if (st != SIPW_OK)
        return st;
    return number(tp, start, *pcur, 1,
                  "response-num must be at least 1 (RFC 3262 section 3)",
                  "response-num above 2^32-1", out);
}

sipw_status sipw__rseq(const struct sipw_tp *tp, const char *p, const char *e,
                       uint32_t *out)
{
    const char *cur = p;
    sipw_status st;

    *out = 0;
    st = response_num(tp, &cur, e, out);
    if (st == SIPW_OK && cur != e)
        return sipw__tp_fail(tp, SIPW_EVALUE, cur,
                             "expected a decimal number");
    return st;
}

sipw_status sipw__rack(const struct sipw_tp *tp, const char *p, const char *e,
                       sipw_rack *out)
{
    const char *cur = p, *d;
    sipw_status st;

    memset(out, 0, sizeof *out);
    st = response_num(tp, &cur, e, &out->rseq);
    if (st == SIPW_OK)
        st = sipw__rack_lws(tp, &cur, e,
                            "expected LWS and the CSeq number after the "
                            "response-num");
    d = cur;
    if (st == SIPW_OK)
        st = sipw__cseq_num(tp, &cur, e);
    /* CSeq-num is CSeq's number: 0 to 2^32-1 (RFC 3261 §20.16). */
    if (st == SIPW_OK)
        st = number(tp, d, cur, 0, "", "CSeq number above 2^32-1",
                    &out->cseq);
    if (st == SIPW_OK)
        st = sipw__rack_lws(tp, &cur, e,
                            "expected LWS and the method after the CSeq "
                            "number");
    d = cur;
    if (st == SIPW_OK)
        st = sipw__rack_method(tp, &cur, e);
    if (st != SIPW_OK)
        return st;
    if (cur != e)
        return sipw__tp_fail(tp, SIPW_EVALUE, cur,
                             "unexpected text after the RAck method");
    out->method.p = d;
    out->method.len = (size_t)(cur - d);
    out->method_id = sipw_method_lookup(d, out->method.len);
    return SIPW_OK;
}
