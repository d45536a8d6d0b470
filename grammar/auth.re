/* SPDX-License-Identifier: MIT */
/* Authentication headers: RFC 3261 §20.7, §20.27, §20.28, §20.44, §25.1;
 * RFC 7235 §2.1, §4.1; RFC 7616 (Digest); RFC 8760.
 *
 *   challenge           = ("Digest" LWS digest-cln *(COMMA digest-cln))
 *                         / other-challenge
 *   other-challenge     = auth-scheme LWS auth-param *(COMMA auth-param)
 *   credentials         = ("Digest" LWS digest-response) / other-response
 *   Authentication-Info = "Authentication-Info" HCOLON ainfo *(COMMA ainfo)
 *   auth-param          = auth-param-name EQUAL ( token / quoted-string )
 *   auth-scheme         = token            auth-param-name = token
 *   qop-options         = "qop" EQUAL LDQUOT qop-value *("," qop-value) RDQUOT
 *   nonce-count         = "nc" EQUAL nc-value         nc-value = 8LHEX
 *
 * RFC 7235 adds several challenges in one value (an element after COMMA
 * that is a token not followed by EQUAL starts the next one, §4.1) and a
 * scheme that stands alone or carries a token68 (§2.1). RFC 7616 adds
 * userhash and username* (an RFC 8187 ext-value).
 *
 * The productions; the flow of one challenge or credentials, the checks
 * of the Digest parameters and the list are in src/typed/auth.c. */
#include "typed/typed.h"

/*!include:re2c "abnf.re" */
/*!include:re2c "lexer.re" */

/* auth-scheme = token, and whether it is Digest (any case). */
const char *sipw__auth_scheme(const char *cur, const char *lim, int *digest)
{
    const char *tok = cur;

    /*!re2c
        'Digest' { *digest = 1; return cur; }
        token    { *digest = 0; return cur; }
        *        { *digest = 0; return tok; }
    */
}

/* An auth-param-name (a token) at cur: returns its end, and in *id which
 * picked-out Digest parameter it names (SIPW_AP_* order: the SIPW_AUTHP_*
 * bits), SIPW_AP_OTHER for any other. */
const char *sipw__auth_param_name(const char *cur, const char *lim, int *id)
{
    const char *tok = cur;

    /*!re2c
        'realm'     { *id = SIPW_AP_REALM; return cur; }
        'domain'    { *id = SIPW_AP_DOMAIN; return cur; }
        'nonce'     { *id = SIPW_AP_NONCE; return cur; }
        'opaque'    { *id = SIPW_AP_OPAQUE; return cur; }
        'stale'     { *id = SIPW_AP_STALE; return cur; }
        'algorithm' { *id = SIPW_AP_ALGORITHM; return cur; }
        'qop'       { *id = SIPW_AP_QOP; return cur; }
        'username'  { *id = SIPW_AP_USERNAME; return cur; }
        'username*' { *id = SIPW_AP_USERNAME_STAR; return cur; }
        'userhash'  { *id = SIPW_AP_USERHASH; return cur; }
        'uri'       { *id = SIPW_AP_URI; return cur; }
        'response'  { *id = SIPW_AP_RESPONSE; return cur; }
        'cnonce'    { *id = SIPW_AP_CNONCE; return cur; }
        'nc'        { *id = SIPW_AP_NC; return cur; }
        'charset'   { *id = SIPW_AP_CHARSET; return cur; }
        'nextnonce' { *id = SIPW_AP_NEXTNONCE; return cur; }
        'rspauth'   { *id = SIPW_AP_RSPAUTH; return cur; }
        token       { *id = SIPW_AP_OTHER; return cur; }
        *           { *id = SIPW_AP_OTHER; return tok; }
    */
}

/* token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
 * (RFC 7235 §2.1) at cur: returns its end, or NULL. */
const char *sipw__token68(const char *cur, const char *lim)
{
    /*!re2c
        (alphanum | [\-._~+/])+ "="* { return cur; }
        *                            { return NULL; }
    */
}

/* ext-value = charset "'" [ language ] "'" value-chars (RFC 8187 §3.2.1)
 * at cur: returns its end, or NULL. The language tag is read loosely as
 * letters, digits and "-". */
const char *sipw__ext_value(const char *cur, const char *lim)
{
    const char *mar = cur;

    /*!re2c
        mime_charsetc = alphanum | [!#$%&+\-^_`{}~];
        attr_char     = alphanum | [!#$&+\-.^_`|~];
        mime_charsetc+ "'" (alphanum | "-")* "'" (escaped | attr_char)* {
            return cur;
        }
        * { return NULL; }
    */
}

/* nc-value = 8LHEX (RFC 3261 §25.1), read as 8HEXDIG: [p, lim) exactly. */
int sipw__nc_value(const char *p, const char *lim)
{
    const char *cur = p, *mar = NULL;

    /*!re2c
        HEXDIG{8} { return cur == lim; }
        *         { return 0; }
    */
}

/* qop-options body: qop-value *("," qop-value), qop-value = token, with
 * LWS allowed around each "," (real challenges write "auth, auth-int").
 * NULL when [p, lim) is one, else the first byte that does not fit. */
const char *sipw__qop_list(const char *p, const char *lim)
{
    const char *cur = p, *tok, *mar = NULL;

    for (;;) {
        tok = cur;
        /*!re2c
            token { goto separator; }
            *     { return tok; }
        */
    separator:
        tok = cur;
        /*!re2c
            SWS "," SWS { continue; }
            SWS end     { return cur > lim ? NULL : cur - 1; }
            LWS         { return cur; }
            *           { return tok; }
        */
    }
}

/* The unquoted value of an auth-param: a token. Returns its end (cur when
 * there is none). */
const char *sipw__auth_token(const char *cur, const char *lim)
{
    const char *tok = cur;

    /*!re2c
        token { return cur; }
        *     { return tok; }
    */
}

/* EQUAL = SWS "=" SWS after a parameter name: returns what follows, or
 * NULL (*at then the byte that is no "="). */
const char *sipw__auth_equal(const char *cur, const char *lim,
                             const char **at)
{
    const char *mar = cur, *tok = cur;

    /*!re2c
        SWS "=" SWS { return cur; }
        LWS         { *at = cur; return NULL; }
        *           { *at = tok; return NULL; }
    */
}
