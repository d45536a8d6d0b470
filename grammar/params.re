/* SPDX-License-Identifier: MIT */
/* Header parameters: RFC 3261 §25.1.
 *
 *   SEMI          = SWS ";" SWS          EQUAL = SWS "=" SWS
 *   generic-param = token [ EQUAL gen-value ]
 *   gen-value     = token / host / quoted-string
 *
 * SWS here is any run of WSP and folds (CRLF WSP): RFC 3261 §7.3.1 makes
 * a fold equivalent to SP (abnf.re's LWS). A hostname and an IPv4address
 * are tokens; an IPv6reference is the one host that is not. The readers
 * of the slices these lexers produce are in src/typed/params.c. */
#include "typed/typed.h"

/*!include:re2c "abnf.re" */
/*!include:re2c "lexer.re" */

/* SWS: typed.h's sipw__sws() calls this only when *pcur is at WSP or CR. */
void sipw__sws_run(const char **pcur, const char *lim)
{
    const char *cur = *pcur, *mar = NULL;

    /*!re2c
        LWS { *pcur = cur; return; }
        *   { return; }
    */
}

/* SEMI generic-param, up to the value: SEMI, the name (a token) and, when
 * there is one, EQUAL. One block, so the name is lexed once; the tags
 * mark where it starts and ends. */
sipw_status sipw__gparam(const struct sipw_tp *tp, const char **pcur,
                         const char *lim, sipw_param *out, int raw_value)
{
    const char *cur = *pcur, *tok = cur, *n, *ne, *mar = NULL;
    /*!stags:re2c:gparam format = 'const char *@@ = NULL;\n'; */

    out->value.p = NULL;
    out->value.len = 0;
    out->quoted = 0;
    /*!re2c:gparam
        SWS ";" SWS @n token @ne SWS "=" SWS {
            out->name = sipw__slice(n, ne);
            out->value.p = cur;
            if (raw_value) {
                *pcur = cur;
                return SIPW_OK;
            }
            return sipw__gvalue(tp, pcur, cur, lim, out);
        }
        SWS ";" SWS @n token @ne {
            out->name = sipw__slice(n, ne);
            *pcur = cur;
            return SIPW_OK;
        }
        SWS ";" SWS {
            return sipw__tp_fail(tp, SIPW_EVALUE, cur,
                                 "expected a parameter name after \";\"");
        }
        LWS { tok = cur; goto no_semi; }
        * {
        no_semi:
            return sipw__tp_fail(tp, SIPW_EVALUE, tok,
                                 "expected \";\" before a parameter");
        }
    */
}

/* gen-value = token / host / quoted-string (§25.1) at cur. */
sipw_status sipw__gvalue(const struct sipw_tp *tp, const char **pcur,
                         const char *cur, const char *lim, sipw_param *out)
{
    const char *mar = cur, *tok = cur;
    sipw_status st;

    out->value.p = cur;
    /* A token value (a branch, a tag) is often long: the rule decides on
     * its first byte, and the generated skip jumps the rest of the run. */
    /*!re2c
        token_char {
            cur = sipw__span_long(cur, lim, SIPW_CC_TOKEN);
            goto done;
        }
        "[" [0-9a-fA-F:.]* "]" {
            if (sipw__host(tok, cur) != SIPW_HOST_IPV6)
                return sipw__tp_fail(tp, SIPW_EVALUE, tok,
                                     "invalid IPv6 reference (RFC 5118)");
            goto done;
        }
        DQUOTE {
            cur = tok;
            st = sipw__quoted(tp, &cur, lim, &out->value);
            if (st != SIPW_OK)
                return st;
            out->quoted = 1;
            *pcur = cur;
            return SIPW_OK;
        }
        end {
            if (tok < lim)
                goto bad;
            return sipw__tp_fail(tp, SIPW_EVALUE, tok,
                                 "expected a parameter value after \"=\"");
        }
        * {
        bad:
            return sipw__tp_fail(tp, SIPW_EVALUE, tok,
                                 "expected a token, host or quoted "
                                 "string after \"=\"");
        }
    */
done:
    out->value.len = (size_t)(cur - tok);
    *pcur = cur;
    return SIPW_OK;
}
