/* SPDX-License-Identifier: MIT */
/* Reliable provisional responses: RFC 3262 §7.1 and §7.2.
 *
 *   RSeq         = "RSeq" HCOLON response-num
 *   response-num = 1*DIGIT
 *   RAck         = "RAck" HCOLON response-num LWS CSeq-num LWS Method
 *   CSeq-num     = 1*DIGIT                        (RFC 3261 §20.16)
 *   Method       = INVITEm / ... / extension-method,
 *                  extension-method = token       (RFC 3261 §25.1)
 *
 * One function per production; each reports a value that does not match
 * at the byte where the match fails, which for these runs is their first
 * byte. The ranges of the numbers, the order of the parts and the structs
 * are checked and built in src/typed/rel.c. */
#include "typed/typed.h"

/*!include:re2c "abnf.re" */
/*!include:re2c "lexer.re" */

/* A run of 1*DIGIT at *pcur (response-num, CSeq-num), or `reason` at
 * the byte that is no digit; on SIPW_OK *pcur is past the digits. */
static sipw_status digits(const struct sipw_tp *tp, const char **pcur,
                          const char *lim, const char *reason)
{
    const char *cur = *pcur, *tok = cur;

    /*!re2c
        DIGIT+ { *pcur = cur; return SIPW_OK; }
        *      { return sipw__tp_fail(tp, SIPW_EVALUE, tok, reason); }
    */
}

/* response-num = 1*DIGIT (RFC 3262 §7.1). */
sipw_status sipw__response_num(const struct sipw_tp *tp, const char **pcur,
                               const char *lim)
{
    return digits(tp, pcur, lim, "expected a response-num (1*DIGIT)");
}

/* CSeq-num = 1*DIGIT (RFC 3262 §7.2, RFC 3261 §20.16). */
sipw_status sipw__cseq_num(const struct sipw_tp *tp, const char **pcur,
                           const char *lim)
{
    return digits(tp, pcur, lim, "expected the CSeq number (1*DIGIT)");
}

/* The LWS between the parts of RAck (RFC 3262 §7.2), folds included:
 * RFC 3261 §7.3.1 reads a fold as one SP. */
sipw_status sipw__rack_lws(const struct sipw_tp *tp, const char **pcur,
                           const char *lim, const char *reason)
{
    const char *cur = *pcur, *tok = cur, *mar = NULL;

    /*!re2c
        LWS { *pcur = cur; return SIPW_OK; }
        *   { return sipw__tp_fail(tp, SIPW_EVALUE, tok, reason); }
    */
}

/* Method = extension-method = token (RFC 3261 §25.1): every method name,
 * INVITE to UPDATE, is a token. */
sipw_status sipw__rack_method(const struct sipw_tp *tp, const char **pcur,
                              const char *lim)
{
    const char *cur = *pcur, *tok = cur;

    /*!re2c
        token { *pcur = cur; return SIPW_OK; }
        *     {
            return sipw__tp_fail(tp, SIPW_EVALUE, tok,
                                 "expected the method (a token)");
        }
    */
}
