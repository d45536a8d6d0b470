/* SPDX-License-Identifier: MIT */
/* The name-addr / addr-spec family: RFC 3261 §20.10 (Contact), §20.20
 * (From), §20.39 (To), §20.30 and §20.34 (Record-Route, Route), §20.31
 * (Reply-To); RFC 3515 (Refer-To), RFC 3325 (P-Asserted-Identity,
 * P-Preferred-Identity), RFC 3327 (Path), RFC 3608 (Service-Route).
 *
 *   value        = ( name-addr / addr-spec ) *( SEMI param )
 *   name-addr    = [ display-name ] LAQUOT addr-spec RAQUOT
 *   addr-spec    = SIP-URI / SIPS-URI / absoluteURI
 *   display-name = *(token LWS) / quoted-string
 *
 * One pass, left to right: commas split values only outside quoted
 * strings and "<>" because each piece is lexed in order. The list, the
 * parameters a stack acts on and the standalone parser are in
 * src/typed/nameaddr.c. */
#include "typed/typed.h"

/*!include:re2c "abnf.re" */
/*!include:re2c "lexer.re" */

/* display-name = *(token LWS): tokens until "<". LWS before "<" is
 * optional (RFC 4475 §3.1.1.6). The slice is the tokens and the LWS
 * between them, as written. */
static sipw_status display_name(const struct sipw_tp *tp, const char **pcur,
                                const char *lim, sipw_nameaddr *na)
{
    const char *cur = *pcur, *tok, *ds = cur, *de = cur, *mar = NULL;

    for (;;) {
        tok = cur;
        /*!re2c
            LWS   { continue; }
            token { de = cur; continue; }
            "<" {
                na->display = sipw__slice(ds, de);
                *pcur = tok;
                return SIPW_OK;
            }
            end {
                if (tok < lim)
                    goto bad;
                return sipw__tp_fail(tp, SIPW_EVALUE, lim,
                                     "expected \"<\" after the display name");
            }
            * {
            bad:
                return sipw__tp_fail(tp, SIPW_EVALUE, tok,
                                     "invalid character in display name "
                                     "(RFC 3261 section 25.1)");
            }
        */
    }
}

/* The LWS and "<" after a quoted display name. */
static sipw_status after_quote(const struct sipw_tp *tp, const char **pcur,
                               const char *lim)
{
    const char *cur = *pcur, *tok = cur, *mar = NULL;

    /*!re2c
        LWS? "<" { *pcur = cur - 1; return SIPW_OK; }
        LWS      { tok = cur; goto no_angle; }
        * {
        no_angle:
            return sipw__tp_fail(tp, SIPW_EVALUE, tok == lim ? lim : tok,
                                 "expected \"<\" after the display name");
        }
    */
}

/* LAQUOT addr-spec RAQUOT, at the "<": the URI is everything up to the
 * first ">", without LWS (RFC 4475 §3.1.2.14). Its bytes are skipped in
 * one go (the generated skip over aspec_byte); the rules decide on the
 * byte after. */
static sipw_status angle_addr(const struct sipw_tp *tp, const char **pcur,
                              const char *lim, sipw_nameaddr *na)
{
    const char *lt = *pcur, *u = lt + 1, *cur = u, *tok, *ws = NULL;
    sipw_status st;

    for (;;) {
        cur = sipw__skip_aspec(cur, lim);
        tok = cur;
        /*!re2c
            ">" { break; }
            [ \t\r\n] {
                if (!ws)
                    ws = tok;
                continue;
            }
            * {
                return sipw__tp_fail(tp, SIPW_EVALUE, lt,
                                     "unterminated \"<\"");
            }
        */
    }
    if (ws)
        return sipw__tp_fail(tp, SIPW_EVALUE, ws,
                             "LWS is not allowed inside \"<>\" (RFC 3261 "
                             "section 25.1)");
    if (tok == u)
        return sipw__tp_fail(tp, SIPW_EVALUE, u, "empty URI in \"<>\"");
    st = sipw__uri(tp, u, tok, &na->uri);
    if (st != SIPW_OK)
        return st;
    na->angle = 1;
    *pcur = cur;
    return SIPW_OK;
}

/* addr-spec without "<>" (§20.10): it ends at ";", "," or LWS, and a URI
 * with "?" must be written in "<>" (RFC 4475 §3.1.2.13). */
static sipw_status bare_addr(const struct sipw_tp *tp, const char **pcur,
                             const char *lim, sipw_nameaddr *na)
{
    const char *u = *pcur, *cur = sipw__span(u, lim, SIPW_CC_BARE);
    sipw_status st;

    if (cur < lim && *cur == '?')
        return sipw__tp_fail(tp, SIPW_EVALUE, cur,
                             "a URI with \"?\" must be in \"<>\" (RFC 3261 "
                             "section 20.10)");
    st = sipw__uri(tp, u, cur, &na->uri);
    if (st == SIPW_OK)
        *pcur = cur;
    return st;
}

/* ( name-addr / addr-spec ) at *pcur: which form, from its first token. */
sipw_status sipw__nameaddr_addr(const struct sipw_tp *tp, const char **pcur,
                                const char *lim, sipw_nameaddr *na)
{
    const char *cur = *pcur, *tok = cur;
    sipw_status st;

    /*!re2c
        token ":" { cur = tok; st = bare_addr(tp, &cur, lim, na); goto done; }
        token {
            cur = tok;
            st = display_name(tp, &cur, lim, na);
            goto angle;
        }
        DQUOTE {
            cur = tok;
            st = sipw__quoted(tp, &cur, lim, &na->display);
            na->display_quoted = 1;
            if (st == SIPW_OK)
                st = after_quote(tp, &cur, lim);
            goto angle;
        }
        "<" { cur = tok; st = SIPW_OK; goto angle; }
        "," { return sipw__tp_fail(tp, SIPW_EVALUE, tok, "empty value"); }
        end {
            if (tok < lim)
                goto bad;
            return sipw__tp_fail(tp, SIPW_EVALUE, lim, "empty value");
        }
        * {
        bad:
            return sipw__tp_fail(tp, SIPW_EVALUE, tok,
                                 "expected a URI, a display name or \"<\" "
                                 "(RFC 3261 section 25.1)");
        }
    */
angle:
    if (st == SIPW_OK)
        st = angle_addr(tp, &cur, lim, na);
done:
    if (st == SIPW_OK)
        *pcur = cur;
    return st;
}

/* delta-seconds = 1*DIGIT (§20.10, §20.19) that is exactly [p, lim), at
 * most 2^32-1 (leading zeros are allowed, RFC 4475 §3.1.1.1). */
sipw_status sipw__nameaddr_expires(const struct sipw_tp *tp, const char *p,
                                   const char *lim, int64_t *out)
{
    const char *cur = p;

    /*!re2c
        DIGIT+ {
            if (cur != lim)
                return sipw__tp_fail(tp, SIPW_EVALUE, cur,
                                     "expires must be decimal digits (RFC "
                                     "3261 section 20.10)");
            *out = sipw__delta(p, cur);
            if (*out < 0)
                return sipw__tp_fail(tp, SIPW_EVALUE, p,
                                     "expires is larger than 4294967295");
            return SIPW_OK;
        }
        * {
            return sipw__tp_fail(tp, SIPW_EVALUE, p,
                                 "expires must be decimal digits (RFC 3261 "
                                 "section 20.10)");
        }
    */
}

/* qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ) (§20.10),
 * exactly [p, lim). */
int sipw__qvalue(const char *p, const char *lim)
{
    const char *cur = p;

    /*!re2c
        "0" ("." DIGIT{0,3})? { return cur == lim; }
        "1" ("." "0"{0,3})?   { return cur == lim; }
        *                     { return 0; }
    */
}

/* Which header parameter the name [p, lim) is, names ignoring case: 1 tag
 * (§19.3), 2 expires, 3 q (§20.10), 0 any other. */
int sipw__nameaddr_param_id(const char *p, const char *lim)
{
    const char *cur = p, *mar = NULL;
    int id;

    /*!re2c
        'tag'     { id = 1; goto done; }
        'expires' { id = 2; goto done; }
        'q'       { id = 3; goto done; }
        *         { return 0; }
    */
done:
    return cur == lim ? id : 0;
}
