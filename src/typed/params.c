/* SPDX-License-Identifier: MIT */
/* sipwire, typed layer: the typed parsers' quoted strings (the one lexer
 * of grammar/message.re, with the typed layer's errors) and the readers of
 * parser-produced parameter slices (<sipwire/params.h>). */
#include "typed/typed.h"

sipw_status sipw__quoted(const struct sipw_tp *tp, const char **pcur,
                         const char *e, sipw_str *body)
{
    const char *open, *at;
    unsigned flags = 0;

    sipw__sws(pcur, e);
    open = *pcur;
    if (open == e || *open != '"')
        return sipw__tp_fail(tp, SIPW_EVALUE, open,
                             "expected a quoted string");
    switch (sipw__quoted_string(open + 1, e, &at, &flags)) {
    case SIPW_QS_CLOSED:
        body->p = open + 1;
        body->len = (size_t)(at - open - 1);
        *pcur = at + 1;
        return SIPW_OK;
    case SIPW_QS_END:
        return sipw__tp_fail(tp, SIPW_EQUOTE, open,
                             "unterminated quoted string");
    case SIPW_QS_PAIR_END:
        return sipw__tp_fail(tp, SIPW_EQUOTE, at,
                             "quoted string ends in a lone \"\\\"");
    case SIPW_QS_BAD_PAIR:
    case SIPW_QS_PAIR_CR_END:
    case SIPW_QS_PAIR_CRLF:
        return sipw__tp_fail(tp, SIPW_EVALUE, at,
                             "a quoted-pair quotes only bytes below 0x80 "
                             "other than CR and LF (RFC 3261 section 25.1)");
    case SIPW_QS_LINE_END:
        return sipw__tp_fail(tp, SIPW_EVALUE, at,
                             "CR or LF in a quoted string outside a fold");
    default:
        return sipw__tp_fail(tp, SIPW_EVALUE, at,
                             *at == '\r' || *at == '\n'
                                 ? "CR or LF in a quoted string outside a "
                                   "fold"
                                 : "control character in a quoted string");
    }
}

/* Skips WSP and CR/LF (folds) from p; returns the first other byte. */
/* --- readers of parser-produced slices ------------------------------ */

static const char *skip_lws(const char *p, const char *e)
{
    while (p < e && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
        p++;
    return p;
}

/* Ends a name or an unquoted value: URI params (pname / pvalue, §25.1)
 * and header params (token / host) share these stops. */
static int is_stop(unsigned char c, int in_name)
{
    return c == ';' || c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
           (in_name && c == '=');
}

int sipw_param_next(sipw_str *rest, sipw_param *out)
{
    const char *p, *e, *start;

    if (!rest || !out || !rest->p)
        return 0;
    p = rest->p;
    e = p + rest->len;
    memset(out, 0, sizeof *out);
    p = skip_lws(p, e);
    start = p;
    if (p < e && *p == ';')
        p = skip_lws(p + 1, e);
    if (p == e) {
        rest->p = e;
        rest->len = 0;
        return 0;
    }
    out->name.p = p;
    while (p < e && !is_stop((unsigned char)*p, 1))
        p++;
    out->name.len = (size_t)(p - out->name.p);
    {
        /* EQUAL may have LWS around it in a header parameter. */
        const char *q = skip_lws(p, e);
        if (q < e && *q == '=') {
            p = skip_lws(q + 1, e);
            if (p < e && *p == '"') {
                const char *b = ++p;
                while (p < e && *p != '"')
                    p += (*p == '\\' && p + 1 < e) ? 2 : 1;
                out->value.p = b;
                out->value.len = (size_t)((p < e ? p : e) - b);
                out->quoted = 1;
                if (p < e)
                    p++;
            } else {
                out->value.p = p;
                while (p < e && !is_stop((unsigned char)*p, 0))
                    p++;
                out->value.len = (size_t)(p - out->value.p);
            }
        }
    }
    if (p == start) {
        /* Not a parser-produced list (a stray CR...): stop rather than
         * loop for ever. */
        rest->p = e;
        rest->len = 0;
        return 0;
    }
    rest->p = p;
    rest->len = (size_t)(e - p);
    return 1;
}

int sipw_param_find(sipw_str params, const char *name, sipw_param *out)
{
    sipw_str want;
    sipw_param pr;

    if (!name)
        return 0;
    want.p = name;
    want.len = strlen(name);
    while (sipw_param_next(&params, &pr)) {
        if (sipw_str_caseeq(pr.name, want)) {
            if (out)
                *out = pr;
            return 1;
        }
    }
    return 0;
}

