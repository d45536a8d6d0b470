/* SPDX-License-Identifier: MIT */
/* sipwire, typed layer: URIs (RFC 3261 §19.1, RFC 3966, RFC 5118). The
 * productions are in grammar/uri.re; here are the struct they fill, the
 * checks of picked-out parameters, the reasons of errors and the public
 * entry points (<sipwire/uri.h>).
 *
 * Choices where the RFCs leave room:
 * - IPv4address: each part is also 0..255 (leading zeros allowed).
 * - hostname: the RFC 3261 grammar as written; label and name lengths
 *   (RFC 1035) are not checked. A run that is neither a hostname nor an
 *   IPv4address fails at the byte that makes it so (sipw__hostname_bad).
 * - "[2001:db8:::192.0.2.1]" (RFC 5118 §4.10) is rejected: ":::" is not
 *   an RFC 4291 address.
 * - A bare IPv6 address as a host (sip:2001:db8::10) is rejected (RFC
 *   5118 §4.2).
 * - uri-parameters: a second transport, user, method, ttl, maddr or lr is
 *   EDUP; names compare case-insensitively and with %-escapes decoded
 *   (§19.1.4: ";%6C%72" is lr). transport, user and method take a token,
 *   ttl 1*3DIGIT up to 255, maddr a host; each needs its value. lr takes
 *   none, but "lr=on" (sent by old proxies; an other-param by the ABNF)
 *   also sets lr. An empty value ("x=") is an error (pvalue = 1*paramchar).
 * - tel: RFC 3966 §3 with the phone-context that §5.1.5 requires for a
 *   local number; isub, ext and phone-context at most once; the order of
 *   parameters that §3 recommends is not checked; isub takes 1*paramchar.
 * - Other schemes: 1*uric after the ":", kept whole in `opaque`. */
#include "typed/typed.h"

/* --- errors ------------------------------------------------------------ */

const char *sipw__uri_why(const char *at, const char *e, const char *dflt)
{
    if (at == e)
        return dflt;
    switch (*at) {
    case '%':
        return "invalid %-escape";
    case ' ':
    case '\t':
        return "white space in a URI";
    case '\r':
    case '\n':
        return "line break in a URI";
    case '<':
    case '>':
        return "\"<\" or \">\" in a URI";
    default:
        return dflt;
    }
}

sipw_status sipw__uri_bad(const struct sipw_tp *tp, const char *at,
                          const char *e, const char *dflt)
{
    return sipw__tp_fail(tp, SIPW_EVALUE, at, sipw__uri_why(at, e, dflt));
}

/* --- hosts ------------------------------------------------------------- */

const char *sipw__ipv6_end(int empty, int ends_in_colon, int dbl, int groups,
                           const char *e, const char **why)
{
    if (empty) {
        *why = "empty IPv6 address";
        return e;
    }
    if (ends_in_colon) {
        *why = "IPv6 address ends in a single \":\"";
        return e - 1;
    }
    if (!dbl && groups < 8) {
        *why = "too few groups in IPv6 address (8 without \"::\")";
        return e;
    }
    return NULL;
}

int sipw__ipv6(const char *p, const char *e)
{
    const char *why;
    return sipw__ipv6_bad(p, e, &why) == NULL;
}

/* Why the run of [A-Za-z0-9.-] at [p, e) is neither a hostname nor an
 * IPv4address (called only after the lexer found that): returns the
 * offending byte and sets *why. */
const char *sipw__hostname_bad(const char *p, const char *e,
                               const char **why)
{
    const char *label = p, *last = p, *q;
    int all_digits = 1, dots = 0;

    for (q = p; q < e; q++) {
        if (*q == '.') {
            if (q == label) {
                *why = "empty label in host name";
                return q;
            }
            if (q[-1] == '-') {
                *why = "a host name label cannot end in \"-\"";
                return q - 1;
            }
            dots++;
            last = label;
            label = q + 1;
        } else if (*q == '-' && q == label) {
            *why = "a host name label cannot start with \"-\"";
            return q;
        } else if (*q < '0' || *q > '9') {
            all_digits = 0;
        }
    }
    if (label < e) {
        if (e[-1] == '-') {
            *why = "a host name label cannot end in \"-\"";
            return e - 1;
        }
        last = label;
    }
    if (all_digits && dots == 3) {
        /* Four parts: one of them is above 255 or too long. */
        for (label = q = p; q <= e; q++) {
            if (q == e || *q == '.') {
                if (q - label > 3 ||
                    (q - label == 3 &&
                     (label[0] > '2' ||
                      (label[0] == '2' &&
                       (label[1] > '5' ||
                        (label[1] == '5' && label[2] > '5')))))) {
                    *why = "IPv4 address part above 255";
                    return label;
                }
                label = q + 1;
            }
        }
    }
    if (all_digits) {
        *why = "a numeric host must be an IPv4 address: four parts of "
               "0..255";
        return p;
    }
    *why = "the last label of a host name must start with a letter "
           "(RFC 3261 section 25.1)";
    return last;
}

sipw_host_type sipw__host(const char *p, const char *e)
{
    const char *cur = p, *at, *why;
    sipw_host_type t = sipw__host_lex(&cur, e, &at, &why);
    return cur == e ? t : SIPW_HOST_NONE;
}

/* --- uri-parameters ---------------------------------------------------- */

static unsigned hexval(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return (unsigned)(c - '0');
    return (unsigned)((c | 0x20) - 'a' + 10);
}

static int is_hex(unsigned char c)
{
    return (sipw__cc[c] & SIPW_CC_HEXDIG) != 0;
}

/* A pname with %-escapes (already checked): which uri-parameter it names
 * once decoded. §19.1.4 makes "%6C%72" the same name as "lr" (RFC 4475
 * §3.1.1.3). */
int sipw__pname_escaped(const char *p, const char *e)
{
    static const char *const names[SIPW_UP_OTHER] = {
        "transport", "user", "method", "ttl", "maddr", "lr"};
    char b[9];
    size_t n = 0, i;
    unsigned c;

    while (p < e) {
        c = (unsigned char)*p;
        if (c == '%') {
            c = hexval((unsigned char)p[1]) * 16 + hexval((unsigned char)p[2]);
            p += 3;
        } else {
            p++;
        }
        if (n == sizeof b)
            return SIPW_UP_OTHER;
        b[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    for (i = 0; i < SIPW_UP_OTHER; i++)
        if (strlen(names[i]) == n && memcmp(names[i], b, n) == 0)
            return (int)i;
    return SIPW_UP_OTHER;
}

/* The value of ttl (1 to 3 digits, 0..255) lexed at [v, end), or why not. */
static sipw_status ttl_value(const struct sipw_tp *tp, const char *v,
                             const char *end, const char **follow,
                             sipw_uri *out)
{
    if (end == v || end - v > 3) {
        *follow = "ttl must be 1 to 3 digits (RFC 3261 section 25.1)";
        if (end != v)
            return sipw__tp_fail(tp, SIPW_EVALUE, v, *follow);
        return SIPW_OK;
    }
    out->ttl = sipw__ttl(v, end);
    if (out->ttl < 0)
        return sipw__tp_fail(tp, SIPW_EVALUE, v,
                             "ttl above 255 (RFC 3261 section 25.1)");
    *follow = "ttl must be a number of 0 to 255";
    return SIPW_OK;
}

/* One uri-parameter the lexer found: its name at `name`, its kind k (-1:
 * no name), its value from v (NULL: no "=") to *pcur. Checks it (a
 * picked-out one once only, with the value its rule wants) and fills out. */
sipw_status sipw__uri_param(const struct sipw_tp *tp, const char *name,
                            int k, const char *v, const char **pcur,
                            const char *e, unsigned *seen, sipw_uri *out)
{
    const char *cur = *pcur, *at, *why;
    const char *follow = "invalid character in a URI parameter";
    sipw_status st;

    if (k < 0)
        return sipw__uri_bad(tp, name, e, "empty parameter name (RFC 3261 "
                                          "section 25.1)");
    if (k != SIPW_UP_OTHER) {
        if (*seen & (1u << k))
            return sipw__tp_fail(tp, SIPW_EDUP, name, "duplicate parameter");
        *seen |= 1u << k;
    }
    if (k == SIPW_UP_LR)
        out->lr = 1;
    if (!v) {
        if (k != SIPW_UP_OTHER && k != SIPW_UP_LR)
            return sipw__tp_fail(tp, SIPW_EVALUE, cur,
                                 "this parameter needs a value (RFC 3261 "
                                 "section 19.1.1)");
        if (cur < e && *cur != ';' && *cur != '?')
            return sipw__uri_bad(tp, cur, e,
                                 "invalid character in a URI parameter");
        return SIPW_OK;
    }
    if (v == e || *v == ';' || *v == '?')
        return sipw__uri_bad(tp, v, e, "empty parameter value (RFC 3261 "
                                       "section 25.1)");
    switch (k) {
    case SIPW_UP_MADDR:
        cur = v;
        if (sipw__host_lex(&cur, e, &at, &why) == SIPW_HOST_NONE)
            return sipw__tp_fail(tp, SIPW_EVALUE, at, why);
        out->maddr = sipw__slice(v, cur);
        follow = "invalid character in the maddr host";
        break;
    case SIPW_UP_TTL:
        st = ttl_value(tp, v, cur, &follow, out);
        if (st != SIPW_OK)
            return st;
        break;
    case SIPW_UP_TRANSPORT:
    case SIPW_UP_USER:
    case SIPW_UP_METHOD:
        *(k == SIPW_UP_TRANSPORT ? &out->transport
          : k == SIPW_UP_USER    ? &out->user_param
                                 : &out->method) = sipw__slice(v, cur);
        follow = "this parameter's value must be a token (RFC 3261 section "
                 "25.1)";
        break;
    default:
        break;
    }
    if (cur < e && *cur != ';' && *cur != '?')
        return sipw__uri_bad(tp, cur, e, follow);
    *pcur = cur;
    return SIPW_OK;
}

/* --- SIP, SIPS and tel URIs -------------------------------------------- */

/* SIP-URI  = "sip:" [ userinfo ] hostport uri-parameters [ headers ]
 * SIPS-URI = "sips:" (the same)                      (§19.1.1, §25.1)
 * Without an "@" (memchr() tells, cheaply) there is no userinfo to lex;
 * with one, the userinfo ends at the first "@": "sip:user;par=u%40
 * example.net@example.com" has the user "user;par=u%40example.net" (RFC
 * 4475 §3.1.1.9). */
static sipw_status sip_uri(const struct sipw_tp *tp, const char *s,
                           const char *e, sipw_uri *out)
{
    const char *cur = s, *colon = NULL, *pwbad = NULL, *at = NULL, *uend;
    sipw_status st;

    if (memchr(s, '@', (size_t)(e - s)))
        at = sipw__userinfo(s, e, &colon, &pwbad);
    if (at) {
        uend = colon ? colon : at;
        if (uend == s)
            return sipw__tp_fail(tp, SIPW_EVALUE, s,
                                 "empty user part before \"@\" (RFC 3261 "
                                 "section 25.1)");
        if (pwbad)
            return sipw__tp_fail(tp, SIPW_EVALUE, pwbad,
                                 "invalid character in password (RFC 3261 "
                                 "section 25.1)");
        out->user = sipw__slice(s, uend);
        if (colon)
            out->password = sipw__slice(colon + 1, at);
        cur = at + 1;
    }
    st = sipw__hostport(tp, &cur, e, out);
    if (st == SIPW_OK && cur < e && *cur == ';')
        st = sipw__uri_params(tp, &cur, e, out);
    if (st == SIPW_OK && cur < e && *cur == '?')
        st = sipw__uri_headers(tp, &cur, e, out);
    return st;
}

/* One tel parameter (RFC 3966 §3) at the ";" at *pcur. */
static sipw_status tel_param(const struct sipw_tp *tp, const char **pcur,
                             const char *e, unsigned *seen)
{
    const char *name = *pcur + 1, *cur = name, *end;
    const char *follow = "invalid character in a tel parameter";
    int k = sipw__tel_pname(&cur, e);

    if (k < 0)
        return cur == e ? sipw__tp_fail(tp, SIPW_EVALUE, e,
                                        "empty parameter name (RFC 3966 "
                                        "section 3)")
                        : sipw__uri_bad(tp, cur, e,
                                        "empty or invalid parameter name "
                                        "(RFC 3966 section 3)");
    if (k != SIPW_TP_OTHER) {
        if (*seen & (1u << k))
            return sipw__tp_fail(tp, SIPW_EDUP, name, "duplicate parameter");
        *seen |= 1u << k;
    }
    if (cur == e || *cur != '=') {
        if (k != SIPW_TP_OTHER)
            return sipw__tp_fail(tp, SIPW_EVALUE, cur,
                                 "this parameter needs a value (RFC 3966 "
                                 "section 3)");
        if (cur < e && *cur != ';')
            return sipw__uri_bad(tp, cur, e,
                                 "invalid character in a tel parameter");
        *pcur = cur;
        return SIPW_OK;
    }
    cur++;
    if (cur == e || *cur == ';')
        return sipw__uri_bad(tp, cur, e, "empty parameter value (RFC 3966 "
                                         "section 3)");
    end = sipw__tel_value(cur, e, k);
    if (k == SIPW_TP_EXT)
        follow = "ext must be digits and visual separators (RFC 3966 "
                 "section 3)";
    else if (k == SIPW_TP_CONTEXT)
        follow = "phone-context must be a domain name or a global number "
                 "(RFC 3966 section 5.1.5)";
    if (end < e && *end != ';')
        return sipw__uri_bad(tp, end, e, follow);
    *pcur = end;
    return SIPW_OK;
}

/* telephone-uri = "tel:" telephone-subscriber (RFC 3966 §3): the number,
 * then *par; a local number needs its phone-context (§5.1.5). */
static sipw_status tel_uri(const struct sipw_tp *tp, const char *s,
                           const char *e, sipw_uri *out)
{
    const char *cur = s, *pstart;
    unsigned seen = 0;
    int global;
    sipw_status st = sipw__tel_number(tp, &cur, e, &global);

    if (st != SIPW_OK)
        return st;
    out->user = sipw__slice(s, cur);
    pstart = cur;
    while (cur < e && *cur == ';') {
        st = tel_param(tp, &cur, e, &seen);
        if (st != SIPW_OK)
            return st;
    }
    if (cur < e)
        return sipw__uri_bad(tp, cur, e, "invalid character in telephone "
                                         "number");
    if (!global && !(seen & (1u << SIPW_TP_CONTEXT)))
        return sipw__tp_fail(tp, SIPW_EVALUE, s,
                             "a local number needs a phone-context "
                             "parameter (RFC 3966 section 5.1.5)");
    if (cur > pstart)
        out->params = sipw__slice(pstart, cur);
    return SIPW_OK;
}

sipw_status sipw__uri(const struct sipw_tp *tp, const char *p, const char *e,
                      sipw_uri *out)
{
    const char *cur = p;
    sipw_scheme id;
    sipw_status st;

    memset(out, 0, sizeof *out);
    st = sipw__uri_scheme(tp, &cur, e, &id);
    if (st != SIPW_OK)
        return st;
    out->raw = sipw__slice(p, e);
    out->scheme = sipw__slice(p, cur - 1);
    out->scheme_id = id;
    out->port = -1;
    out->ttl = -1;
    if (id == SIPW_SCHEME_SIP || id == SIPW_SCHEME_SIPS)
        st = sip_uri(tp, cur, e, out);
    else if (id == SIPW_SCHEME_TEL)
        st = tel_uri(tp, cur, e, out);
    else
        st = sipw__other_uri(tp, cur, e, out);
    if (st != SIPW_OK)
        memset(out, 0, sizeof *out);
    return st;
}

/* --- the public entry points ------------------------------------------- */

sipw_status sipw_uri_parse(sipw_uri *uri, const char *s, size_t len,
                           unsigned flags, sipw_error *err)
{
    struct sipw_tp tp;

    tp.buf = s;
    tp.len = len;
    tp.header.p = NULL;
    tp.header.len = 0;
    tp.arena = NULL;
    tp.err = err;
    tp.flags = 0;
    if (!uri || (!s && len)) {
        if (uri)
            memset(uri, 0, sizeof *uri);
        return sipw__tp_fail(&tp, SIPW_EINVAL, s, "NULL argument");
    }
    if (flags != SIPW_URI_DEFAULT) {
        memset(uri, 0, sizeof *uri);
        return sipw__tp_fail(&tp, SIPW_EINVAL, s, "unknown flag bits");
    }
    return sipw__uri(&tp, s, len ? s + len : s, uri);
}

size_t sipw_uri_unescape(sipw_str s, char *dst, size_t cap)
{
    size_t i, n = 0;
    unsigned char c;

    for (i = 0; i < s.len; i++) {
        c = (unsigned char)s.p[i];
        if (c == '%' && s.len - i > 2 && is_hex((unsigned char)s.p[i + 1]) &&
            is_hex((unsigned char)s.p[i + 2])) {
            c = (unsigned char)(hexval((unsigned char)s.p[i + 1]) * 16 +
                                hexval((unsigned char)s.p[i + 2]));
            i += 2;
        }
        if (n + 1 < cap)
            dst[n] = (char)c;
        n++;
    }
    if (cap > 0)
        dst[n < cap ? n : cap - 1] = '\0';
    return n;
}

int sipw_uri_header_next(sipw_str *rest, sipw_str *name, sipw_str *value)
{
    const char *p, *e, *end, *eq;

    if (!rest || !rest->p || rest->len == 0)
        return 0;
    p = rest->p;
    e = p + rest->len;
    end = (const char *)memchr(p, '&', rest->len);
    if (!end)
        end = e;
    eq = (const char *)memchr(p, '=', (size_t)(end - p));
    if (name)
        *name = sipw__slice(p, eq ? eq : end);
    if (value) {
        if (eq) {
            *value = sipw__slice(eq + 1, end);
        } else {
            value->p = NULL;
            value->len = 0;
        }
    }
    rest->p = end < e ? end + 1 : e;
    rest->len = (size_t)(e - rest->p);
    return 1;
}
