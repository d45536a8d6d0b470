/* SPDX-License-Identifier: MIT */
/* URIs: RFC 3261 §19.1 and §25.1 (sip, sips, absoluteURI), RFC 3966
 * (tel), RFC 5118 and RFC 4291 (IPv6 references).
 *
 *   host          = hostname / IPv4address / IPv6reference   (abnf.re)
 *   IPv6reference = "[" IPv6address "]"
 *   SIP-URI       = "sip:" [ userinfo ] hostport uri-parameters [ headers ]
 *
 * One function per production; each reads [p, lim) only and reports the
 * exact byte of an error. The choices where the RFCs leave room, the
 * struct the productions fill and the public entry points are in
 * src/typed/uri.c. */
#include "typed/typed.h"

/*!include:re2c "abnf.re" */
/*!include:re2c "lexer.re" */

/*!re2c
    // §25.1: paramchar = param-unreserved / unreserved / escaped,
    // param-unreserved = "[" / "]" / "/" / ":" / "&" / "+" / "$"
    paramchar  = [[\]/:&+$] | unreserved | escaped;
    paramchar_plain = [[\]/:&+$] | unreserved;
    // §25.1: hnv-unreserved = "[" / "]" / "/" / "?" / ":" / "+" / "$"
    hnvchar    = [[\]/?:+$] | unreserved | escaped;
    // RFC 2396 §2 (as RFC 3261 §25.1 uses it), with "[" "]" (RFC 2732)
    uric       = reserved | unreserved | escaped | [[\]];
    // token (§25.1) as far as it can appear in a URI parameter value
    ptoken     = (alphanum | [\-.!*_+'~] | escaped)+;
    // user = 1*( unreserved / escaped / user-unreserved ), and password
    userinfo_byte = unreserved | escaped | [&=+$,];
    // RFC 3966 §3
    visual_separator = [\-.()];
    phonedigit = DIGIT | visual_separator;
    phonedigit_hex = HEXDIG | [*#] | visual_separator;
    global_number_digits = "+" phonedigit* DIGIT phonedigit*;
    local_number_digits = phonedigit_hex* (HEXDIG | [*#]) phonedigit_hex*;
*/

/* IPv6address (RFC 4291 §2.2, RFC 5118): 1-4 hex digits per group, at
 * most one "::", 8 groups without "::" and at most 7 with it (it stands
 * for one or more zero groups), an embedded IPv4address only at the end,
 * where it counts as 2 groups. "[2001:db8:::192.0.2.1]" (RFC 5118 §4.10)
 * is rejected at its third ":". NULL when [p, lim) is exactly an
 * IPv6address, else the offending byte (lim when it ends too early), with
 * the reason in *why. */
const char *sipw__ipv6_bad(const char *p, const char *lim, const char **why)
{
    enum { START, GROUP, SEP, DBL, V4 } st = START;
    const char *cur = p, *tok, *mar = NULL;
    int groups = 0, dbl = 0;

    for (;;) {
        tok = cur;
        /*!re2c
            IPv4address {
                if (st != SEP && st != DBL) {
                    *why = "an IPv4 part must follow \":\" in an IPv6 "
                           "address (RFC 4291 section 2.2)";
                    return tok;
                }
                groups += 2;
                if (groups > (dbl ? 7 : 8)) {
                    *why = "too many groups in IPv6 address";
                    return tok;
                }
                st = V4;
                continue;
            }
            h16 {
                if (st == GROUP) {
                    *why = "more than 4 hex digits in an IPv6 group";
                    return tok;
                }
                if (st == V4) {
                    *why = "an IPv4 part must end an IPv6 address";
                    return tok;
                }
                if (++groups > (dbl ? 7 : 8)) {
                    *why = "too many groups in IPv6 address";
                    return tok;
                }
                st = GROUP;
                continue;
            }
            "::" {
                if (st == V4) {
                    *why = "an IPv4 part must end an IPv6 address";
                    return tok;
                }
                if (dbl) {
                    *why = "more than one \"::\" in IPv6 address";
                    return tok;
                }
                if (groups > 7) {
                    *why = "too many groups in IPv6 address";
                    return tok;
                }
                dbl = 1;
                st = DBL;
                continue;
            }
            ":" {
                if (st == DBL) {
                    *why = "\":::\" is not an IPv6 address (RFC 4291 "
                           "section 2.2, RFC 5118 section 4.10)";
                    return tok;
                }
                if (st == V4) {
                    *why = "an IPv4 part must end an IPv6 address";
                    return tok;
                }
                if (st != GROUP) {
                    *why = "IPv6 address starts with a single \":\"";
                    return tok;
                }
                st = SEP;
                continue;
            }
            end { if (tok == lim) break; goto bad; }
            * {
            bad:
                *why = st == V4 ? "an IPv4 part must end an IPv6 address"
                                : "invalid character in IPv6 address";
                return tok;
            }
        */
    }
    return sipw__ipv6_end(st == START, st == SEP, dbl, groups, lim, why);
}

/* host = hostname / IPv4address / IPv6reference (§25.1, RFC 5118), the
 * longest at *pcur. On success advances *pcur past it and returns its
 * type; else returns SIPW_HOST_NONE and sets *at and *why. The caller
 * checks what follows. */
sipw_host_type sipw__host_lex(const char **pcur, const char *lim,
                              const char **at, const char **why)
{
    const char *cur = *pcur, *tok = cur, *mar = NULL;
    sipw_host_type t;

    /*!re2c
        IPv4address { t = SIPW_HOST_IPV4; goto found; }
        hostname    { t = SIPW_HOST_NAME; goto found; }
        "[" [0-9a-fA-F:.]* "]" {
            *at = sipw__ipv6_bad(tok + 1, cur - 1, why);
            if (*at)
                return SIPW_HOST_NONE;
            *pcur = cur;
            return SIPW_HOST_IPV6;
        }
        // Unterminated constructs are reported at their opening byte, as
        // quotes and "<" are.
        "[" [0-9a-fA-F:.]* {
            *at = cur == lim ? tok : cur;
            *why = cur == lim ? "unterminated IPv6 reference"
                              : sipw__uri_why(cur, lim, "invalid character "
                                                        "in IPv6 reference");
            return SIPW_HOST_NONE;
        }
        // Two colons or more: an IPv6 address without brackets (RFC 5118
        // §4.2)? If not, lex it as a name without the colons, so that
        // "b:5060:1" fails at its second ":". A match here is always
        // longer than a name's, which cannot hold ":".
        [0-9a-fA-F.]* ":" [0-9a-fA-F.]* ":" [0-9a-fA-F:.]* {
            if (sipw__ipv6_bad(tok, cur, why) == NULL) {
                *at = tok;
                *why = "an IPv6 address must be in brackets (RFC 5118 "
                       "section 4.2)";
                return SIPW_HOST_NONE;
            }
            cur = tok;
            goto name;
        }
        end {
            *at = tok;
            *why = tok == lim ? "empty host"
                              : sipw__uri_why(tok, lim, "invalid character "
                                                        "in host");
            return SIPW_HOST_NONE;
        }
        * { cur = tok; goto found_none; }
    */
name:
    /* hostname / IPv4address before a ":". */
    /*!re2c
        IPv4address { t = SIPW_HOST_IPV4; goto found; }
        hostname    { t = SIPW_HOST_NAME; goto found; }
        *           { cur = tok; goto found_none; }
    */
found:
    /* The run of host bytes goes on past the host the rules found (or
     * there is no host at all): the whole run is the malformed host. */
    if (cur < lim && (sipw__cc[(unsigned char)*cur] & SIPW_CC_HOST))
        goto found_none;
    *pcur = cur;
    return t;
found_none:
    cur = sipw__span(cur, lim, SIPW_CC_HOST);
    if (cur > tok) {
        *at = sipw__hostname_bad(tok, cur, why);
        return SIPW_HOST_NONE;
    }
    *at = tok;
    *why = sipw__uri_why(tok, lim, "invalid character in host");
    return SIPW_HOST_NONE;
}

/* pname = 1*paramchar (§25.1), names case-insensitive (§19.1.4). Lexes
 * it at *pcur; returns which parameter it is, or -1 (nothing lexed) when
 * there is no name. */
static int pname(const char **pcur, const char *lim)
{
    const char *cur = *pcur, *tok = cur, *mar = NULL;
    int k;

    /*!re2c
        'transport'         { k = SIPW_UP_TRANSPORT; goto done; }
        'user'              { k = SIPW_UP_USER; goto done; }
        'method'            { k = SIPW_UP_METHOD; goto done; }
        'ttl'               { k = SIPW_UP_TTL; goto done; }
        'maddr'             { k = SIPW_UP_MADDR; goto done; }
        'lr'                { k = SIPW_UP_LR; goto done; }
        paramchar_plain+    { k = SIPW_UP_OTHER; goto done; }
        paramchar* escaped paramchar* {
            k = sipw__pname_escaped(tok, cur);
            goto done;
        }
        * { return -1; }
    */
done:
    *pcur = cur;
    return k;
}

/* The value of a uri-parameter after its "=" (§25.1):
 *   transport-param = "transport=" ( "udp" / "tcp" / "sctp" / "tls"
 *                     / other-transport ), other-transport = token
 *   user-param      = "user=" ( "phone" / "ip" / other-user ), token
 *   method-param    = "method=" Method (a token)
 *   ttl-param       = "ttl=" ttl             maddr-param = "maddr=" host
 *   other-param     = pname [ "=" pvalue ], pvalue = 1*paramchar
 * Where it stops, the caller checks (sipw__uri_pvalue()). */
static const char *pvalue(const char *cur, const char *lim, int k)
{
    const char *mar = cur, *tok = cur;

    switch (k) {
    case SIPW_UP_TTL:
        /*!re2c
            DIGIT+ { return cur; }
            *      { return tok; }
        */
    case SIPW_UP_TRANSPORT:
    case SIPW_UP_USER:
    case SIPW_UP_METHOD:
        /*!re2c
            ptoken { return cur; }
            *      { return tok; }
        */
    default:
        /*!re2c
            paramchar+ { return cur; }
            *          { return tok; }
        */
    }
}

/* uri-parameters = *( ";" uri-parameter ) (§19.1.1, §25.1), at the ";" at
 * *pcur. */
sipw_status sipw__uri_params(const struct sipw_tp *tp, const char **pcur,
                             const char *lim, sipw_uri *out)
{
    const char *cur = *pcur, *start = cur, *name, *v;
    unsigned seen = 0;
    sipw_status st;
    int k;

    while (cur < lim && *cur == ';') {
        name = ++cur;
        k = pname(&cur, lim);
        if (cur < lim && *cur == '=') {
            v = ++cur;
            cur = k == SIPW_UP_MADDR ? v : pvalue(v, lim, k);
        } else {
            v = NULL;
        }
        st = sipw__uri_param(tp, name, k, v, &cur, lim, &seen, out);
        if (st != SIPW_OK)
            return st;
    }
    out->params = sipw__slice(start, cur);
    *pcur = cur;
    return SIPW_OK;
}

/* headers = "?" header *( "&" header ), header = hname "=" hvalue,
 * hname = 1*( hnv-unreserved / unreserved / escaped ), hvalue = *( same )
 * (§19.1.1, §25.1), at the "?" at *pcur; runs to lim. */
sipw_status sipw__uri_headers(const struct sipw_tp *tp, const char **pcur,
                              const char *lim, sipw_uri *out)
{
    const char *cur = *pcur + 1, *start = cur, *tok, *mar = NULL;

    for (;;) {
        tok = cur;
        /*!re2c
            hnvchar+ { goto hname; }
            *        { cur = tok; goto hname; }
        */
    hname:
        if (cur == tok)
            return sipw__uri_bad(tp, cur, lim, "empty header name in a URI");
        if (cur == lim || *cur != '=')
            return sipw__uri_bad(tp, cur, lim,
                                 "expected \"=\" after a URI header name");
        tok = ++cur;
        /*!re2c
            hnvchar+ { goto hvalue; }
            *        { cur = tok; goto hvalue; }
        */
    hvalue:
        if (cur == lim)
            break;
        if (*cur != '&')
            return sipw__uri_bad(tp, cur, lim,
                                 "invalid character in a URI header");
        cur++;
    }
    out->headers = sipw__slice(start, lim);
    *pcur = lim;
    return SIPW_OK;
}

/* hostport = host [ ":" port ] (§25.1). */
sipw_status sipw__hostport(const struct sipw_tp *tp, const char **pcur,
                           const char *lim, sipw_uri *out)
{
    const char *cur = *pcur, *tok = cur, *at, *why;

    out->host_type = sipw__host_lex(&cur, lim, &at, &why);
    if (out->host_type == SIPW_HOST_NONE)
        return sipw__tp_fail(tp, SIPW_EVALUE, at, why);
    out->host = sipw__slice(tok, cur);
    if (cur < lim && *cur == ':') {
        tok = ++cur;
        /*!re2c
            port { goto port; }
            end {
                if (tok == lim)
                    return sipw__tp_fail(tp, SIPW_EVALUE, lim,
                                         "empty port after \":\"");
                goto no_port;
            }
            * {
            no_port:
                return sipw__uri_bad(tp, tok, lim,
                                     "expected a port number after \":\"");
            }
        */
    port:
        out->port = sipw__port(tok, cur);
        if (out->port < 0)
            return sipw__tp_fail(tp, SIPW_EVALUE, tok, "port above 65535");
        if (cur < lim && *cur != ';' && *cur != '?')
            return sipw__uri_bad(tp, cur, lim, "invalid character in port");
    } else if (cur < lim && *cur != ';' && *cur != '?') {
        return sipw__uri_bad(tp, cur, lim, "invalid character in host");
    }
    *pcur = cur;
    return SIPW_OK;
}

/* userinfo = ( user / telephone-subscriber ) [ ":" password ] "@"
 *   user     = 1*( unreserved / escaped / user-unreserved )
 *   user-unreserved = "&" / "=" / "+" / "$" / "," / ";" / "?" / "/"
 *   password = *( unreserved / escaped / "&" / "=" / "+" / "$" / "," )
 * No other part of a SIP URI may hold an "@", so the userinfo is there
 * iff an "@" ends the longest run of userinfo characters at the start.
 * Returns the "@" (NULL: no userinfo), with the first ":" in *colon and
 * the first byte the password may not hold in *pwbad. */
const char *sipw__userinfo(const char *cur, const char *lim,
                           const char **colon, const char **pwbad)
{
    const char *mar = cur, *tok;

    for (;;) {
        tok = cur;
        /*!re2c
            userinfo_byte+ { continue; }
            [;?/] {
                if (*colon && !*pwbad)
                    *pwbad = tok;
                continue;
            }
            ":" {
                if (!*colon)
                    *colon = tok;
                else if (!*pwbad)
                    *pwbad = tok;
                continue;
            }
            "@" { return tok; }
            *   { return NULL; }
        */
    }
}

/* RFC 3966 §3, the values sipwire lexes:
 *   extension = ";ext=" 1*phonedigit
 *   context   = ";phone-context=" descriptor
 *   descriptor = domainname / global-number-digits
 *   isdn-subaddress = ";isub=" 1*uric   (read as 1*paramchar: a ";" in
 *                                        it would end it anyway)
 *   parameter = ";" pname ["=" pvalue ], pvalue = 1*paramchar
 * Returns where the value ends (the caller checks what follows). */
const char *sipw__tel_value(const char *cur, const char *lim, int k)
{
    const char *mar = cur, *tok = cur;

    switch (k) {
    case SIPW_TP_EXT:
        /*!re2c
            phonedigit+ { return cur; }
            *           { return tok; }
        */
    case SIPW_TP_CONTEXT:
        /*!re2c
            global_number_digits { return cur; }
            hostname             { return cur; }
            *                    { return tok; }
        */
    default:
        /*!re2c
            paramchar+ { return cur; }
            *          { return tok; }
        */
    }
}

/* The name of a tel parameter: pname = 1*( alphanum / "-" ). Returns
 * which one it is, or -1 when there is none. */
int sipw__tel_pname(const char **pcur, const char *lim)
{
    const char *cur = *pcur;
    int k;

    /*!re2c
        'isub'            { k = SIPW_TP_ISUB; goto done; }
        'ext'             { k = SIPW_TP_EXT; goto done; }
        'phone-context'   { k = SIPW_TP_CONTEXT; goto done; }
        (alphanum | "-")+ { k = SIPW_TP_OTHER; goto done; }
        *                 { return -1; }
    */
done:
    *pcur = cur;
    return k;
}

/* telephone-subscriber = global-number / local-number (RFC 3966 §3):
 *   global-number-digits = "+" *phonedigit DIGIT *phonedigit
 *   local-number-digits  = *phonedigit-hex (HEXDIG / "*" / "#")
 *                          *phonedigit-hex
 * Sets *global; the parameters follow (sipw__tel_params()). */
sipw_status sipw__tel_number(const struct sipw_tp *tp, const char **pcur,
                             const char *lim, int *global)
{
    const char *cur = *pcur, *tok = cur;

    /*!re2c
        global_number_digits { *global = 1; *pcur = cur; return SIPW_OK; }
        local_number_digits  { *global = 0; *pcur = cur; return SIPW_OK; }
        "+" phonedigit* {
            return sipw__uri_bad(tp, cur, lim, "a global number needs a "
                                               "digit (RFC 3966 section 3)");
        }
        visual_separator+ {
            return sipw__uri_bad(tp, cur, lim, "a telephone number needs a "
                                               "digit (RFC 3966 section 3)");
        }
        end {
            if (tok < lim)
                goto bad;
            return sipw__tp_fail(tp, SIPW_EVALUE, lim,
                                 "empty telephone number");
        }
        * {
        bad:
            return sipw__uri_bad(tp, tok, lim,
                                 "invalid character in telephone number");
        }
    */
}

/* absoluteURI = scheme ":" ( hier-part / opaque-part ) (§25.1, RFC
 * 2396), kept as text: 1*uric after the ":". */
sipw_status sipw__other_uri(const struct sipw_tp *tp, const char *s,
                            const char *lim, sipw_uri *out)
{
    const char *cur = s, *mar = s, *tok = s;

    /*!re2c
        uric+ { goto done; }
        end {
            if (tok == lim)
                return sipw__tp_fail(tp, SIPW_EVALUE, lim,
                                     "empty URI after the scheme");
            goto bad;
        }
        * {
        bad:
            return sipw__uri_bad(tp, tok, lim, "invalid character in a URI");
        }
    */
done:
    if (cur < lim)
        return sipw__uri_bad(tp, cur, lim, "invalid character in a URI");
    out->opaque = sipw__slice(s, lim);
    return SIPW_OK;
}

/* The scheme of a URI (§19.1.1: case-insensitive) at p: sets *id and
 * returns the byte after its ":". */
sipw_status sipw__uri_scheme(const struct sipw_tp *tp, const char **pcur,
                             const char *lim, sipw_scheme *id)
{
    const char *cur = *pcur, *p = cur;

    /*!re2c
        'sip' ":"  { *id = SIPW_SCHEME_SIP; goto done; }
        'sips' ":" { *id = SIPW_SCHEME_SIPS; goto done; }
        'tel' ":"  { *id = SIPW_SCHEME_TEL; goto done; }
        scheme ":" { *id = SIPW_SCHEME_OTHER; goto done; }
        scheme {
            return sipw__uri_bad(tp, cur, lim,
                                 "expected \":\" after the URI scheme");
        }
        end {
            if (p == lim)
                return sipw__tp_fail(tp, SIPW_EVALUE, p, "empty URI");
            goto bad;
        }
        * {
        bad:
            return sipw__uri_bad(tp, p, lim, "a URI starts with a scheme: a "
                                             "letter (RFC 3261 section "
                                             "19.1.1)");
        }
    */
done:
    *pcur = cur;
    return SIPW_OK;
}
