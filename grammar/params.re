/* Header parameters: RFC 3261 §25.1.
 *
 *   generic-param = token [ EQUAL gen-value ]
 *   gen-value     = token / host / quoted-string
 *   host          = hostname / IPv4address / IPv6reference
 *   quoted-string = SWS DQUOTE *(qdtext / quoted-pair ) DQUOTE
 *   qdtext        = LWS / %x21 / %x23-5B / %x5D-7E / UTF8-NONASCII
 *   quoted-pair   = "\" (%x00-09 / %x0B-0C / %x0E-7F)
 *   SEMI = SWS ";" SWS      EQUAL = SWS "=" SWS
 *
 * SWS here is any run of WSP and folds (CRLF WSP): RFC 3261 §7.3.1 makes
 * a fold equivalent to SP, so "a \r\n \r\n ;b" is read as "a   ;b" even
 * though the ABNF's LWS has at most one CRLF.
 *
 * Also the readers of parser-produced parameter slices (sipw_param_next,
 * sipw_param_find) and sipw_str_unquote. */
#include <string.h>

#include "base/scan.h"
#include "typed/typed.h"

/*!include:re2c "abnf_old.re" */
/*!include:re2c "lexer_old.re" */

/* SWS (RFC 3261 §25.1), as any run of WSP and folds; typed.h's
 * sipw__sws() calls it only when *pcur is at WSP or CR. */
void sipw__sws_run(const char **pcur, const char *e)
{
    const char *cur = *pcur, *lim = e, *mar = cur, *tok;
    int he = 0;
    int *const hit_end = &he;

    for (;;) {
        tok = cur;
        /*!re2c
            WSP+     { continue; }
            CRLF WSP { continue; }
            $        { break; }
            *        { break; }
        */
    }
    (void)mar;
    *pcur = tok;
}

/* quoted-string = SWS DQUOTE *(qdtext / quoted-pair ) DQUOTE (§25.1).
 * A fold inside the quotes is part of qdtext (LWS); a CR or LF anywhere
 * else is an error. */
sipw_status sipw__quoted(const struct sipw_tp *tp, const char **pcur,
                         const char *e, sipw_str *body)
{
    const char *cur, *lim = e, *mar, *open, *tok;
    int he = 0;
    int *const hit_end = &he;

    sipw__sws(pcur, e);
    cur = mar = open = *pcur;
    if (cur == e || *cur != '"')
        return sipw__tp_fail(tp, SIPW_EVALUE, cur,
                             "expected a quoted string");
    cur++;
    for (;;) {
        /* A run of qdtext in one go (scan.h); the rules below decide on
         * the byte it stops at. */
        cur = sipw__skip_qdtext(cur, lim);
        /* The closing quote right after the run: the DQUOTE rule below,
         * without the DFA. */
        if (cur < lim && *cur == '"') {
            body->p = open + 1;
            body->len = (size_t)(cur - open - 1);
            *pcur = cur + 1;
            return SIPW_OK;
        }
        tok = cur;
        he = 0;
        /*!re2c
            (qdtext_char | WSP)+ { continue; }
            CRLF WSP             { continue; }
            quoted_pair          { continue; }
            DQUOTE {
                body->p = open + 1;
                body->len = (size_t)(tok - open - 1);
                *pcur = cur;
                return SIPW_OK;
            }
            $ {
                return sipw__tp_fail(tp, SIPW_EQUOTE, open,
                                     "unterminated quoted string");
            }
            * {
                if (*tok == '\\') {
                    if (tok + 1 == e)
                        return sipw__tp_fail(tp, SIPW_EQUOTE, tok,
                                             "quoted string ends in a "
                                             "lone \"\\\"");
                    return sipw__tp_fail(tp, SIPW_EVALUE, tok,
                                         "a quoted-pair quotes only bytes "
                                         "below 0x80 other than CR and LF "
                                         "(RFC 3261 section 25.1)");
                }
                if (he) /* a fold cut short: the string never closes */
                    return sipw__tp_fail(tp, SIPW_EQUOTE, open,
                                         "unterminated quoted string");
                if (*tok == '\r' || *tok == '\n')
                    return sipw__tp_fail(tp, SIPW_EVALUE, tok,
                                         "CR or LF in a quoted string "
                                         "outside a fold");
                return sipw__tp_fail(tp, SIPW_EVALUE, tok,
                                     "control character in a quoted "
                                     "string");
            }
        */
    }
}

/* The bytes at which sipw__sws() starts to skip. */
static int is_lws_start(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* SEMI generic-param (§25.1). */
sipw_status sipw__gparam(const struct sipw_tp *tp, const char **pcur,
                         const char *e, sipw_param *out, int raw_value)
{
    const char *cur, *tok;

    out->value.p = NULL;
    out->value.len = 0;
    out->quoted = 0;
    cur = *pcur;
    /* Fast path: ";" token [ "=" token ] with no white space or fold
     * anywhere (the bytes sipw__sws() would look at are none of SP, HTAB,
     * CR): what the code below finds, without its SWS checks. Anything
     * else takes the code below from the start. */
    if (cur < e && *cur == ';') {
        const char *n = cur + 1, *ne = sipw__span(n, e, SIPW_CC_TOKEN), *v;
        if (ne > n && (ne == e || !is_lws_start(*ne))) {
            out->name.p = n;
            out->name.len = (size_t)(ne - n);
            if (ne == e || *ne != '=') {
                *pcur = ne;
                return SIPW_OK;
            }
            v = ne + 1;
            if (v < e && !is_lws_start(*v)) {
                out->value.p = v;
                if (raw_value) {
                    *pcur = v;
                    return SIPW_OK;
                }
                return sipw__gvalue(tp, pcur, v, e, out);
            }
        }
    }
    sipw__sws(&cur, e);
    if (cur == e || *cur != ';')
        return sipw__tp_fail(tp, SIPW_EVALUE, cur,
                             "expected \";\" before a parameter");
    cur++;
    sipw__sws(&cur, e);
    /* token (§25.1), by table: a long run costs fewer instructions per
     * byte than in a re2c switch. */
    tok = cur;
    cur = sipw__span(cur, e, SIPW_CC_TOKEN);
    if (cur == tok)
        return sipw__tp_fail(tp, SIPW_EVALUE, tok,
                             "expected a parameter name after \";\"");
    out->name.p = tok;
    out->name.len = (size_t)(cur - tok);

    /* EQUAL, or no value: then stop right after the name. */
    tok = cur;
    sipw__sws(&cur, e);
    if (cur == e || *cur != '=') {
        *pcur = tok;
        return SIPW_OK;
    }
    cur++;
    sipw__sws(&cur, e);
    out->value.p = cur;
    if (raw_value) {
        *pcur = cur;
        return SIPW_OK;
    }
    return sipw__gvalue(tp, pcur, cur, e, out);
}

/* gen-value = token / host / quoted-string (§25.1) at cur. A hostname
 * and an IPv4address are tokens; an IPv6reference is checked as a
 * host. */
sipw_status sipw__gvalue(const struct sipw_tp *tp, const char **pcur,
                         const char *cur, const char *e, sipw_param *out)
{
    const char *lim = e, *mar, *tok;
    int he = 0;
    int *const hit_end = &he;
    sipw_status st;

    out->value.p = cur;
    /* token, the common case, by table (as in sipw__gparam()). */
    tok = sipw__span(cur, e, SIPW_CC_TOKEN);
    if (tok > cur) {
        out->value.len = (size_t)(tok - cur);
        *pcur = tok;
        return SIPW_OK;
    }
    tok = mar = cur;
    /*!re2c
        token { goto value_done; }
        "[" [0-9a-fA-F:.]* "]" {
            if (sipw__host(tok, cur) != SIPW_HOST_IPV6)
                return sipw__tp_fail(tp, SIPW_EVALUE, tok,
                                     "invalid IPv6 reference "
                                     "(RFC 5118)");
            goto value_done;
        }
        DQUOTE {
            cur = tok;
            st = sipw__quoted(tp, &cur, e, &out->value);
            if (st != SIPW_OK)
                return st;
            out->quoted = 1;
            *pcur = cur;
            return SIPW_OK;
        }
        $ {
            return sipw__tp_fail(tp, SIPW_EVALUE, tok,
                                 "expected a parameter value after \"=\"");
        }
        * {
            return sipw__tp_fail(tp, SIPW_EVALUE, tok,
                                 "expected a token, host or quoted string "
                                 "after \"=\"");
        }
    */
value_done:
    (void)mar;
    out->value.len = (size_t)(cur - tok);
    *pcur = cur;
    return SIPW_OK;
}

/* --- readers of parser-produced slices ------------------------------ */

/* Skips WSP and CR/LF (folds) from p; returns the first other byte. */
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

size_t sipw_str_unquote(sipw_str s, char *dst, size_t cap)
{
    size_t i, n = 0;

    for (i = 0; s.p && i < s.len; i++) {
        char c = s.p[i];
        if (c == '\\' && i + 1 < s.len) {
            c = s.p[++i];
        } else if (c == '\r' || c == '\n') {
            continue; /* a fold: its WSP is kept */
        }
        if (n + 1 < cap)
            dst[n] = c;
        n++;
    }
    if (cap > 0)
        dst[n < cap ? n : cap - 1] = '\0';
    return n;
}
