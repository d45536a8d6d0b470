/* Authentication headers: RFC 3261 §20.7, §20.27, §20.28, §20.44, §25.1;
 * RFC 7235 §2.1, §4.1; RFC 7616 (Digest); RFC 8760.
 *
 *   WWW-Authenticate    = "WWW-Authenticate" HCOLON challenge
 *   Proxy-Authenticate  = "Proxy-Authenticate" HCOLON challenge
 *   challenge           = ("Digest" LWS digest-cln *(COMMA digest-cln))
 *                         / other-challenge
 *   other-challenge     = auth-scheme LWS auth-param *(COMMA auth-param)
 *   digest-cln          = realm / domain / nonce / opaque / stale
 *                         / algorithm / qop-options / auth-param
 *   Authorization       = "Authorization" HCOLON credentials
 *   credentials         = ("Digest" LWS digest-response) / other-response
 *   digest-response     = dig-resp *(COMMA dig-resp)
 *   dig-resp            = username / realm / nonce / digest-uri / dresponse
 *                         / algorithm / cnonce / opaque / message-qop
 *                         / nonce-count / auth-param
 *   Authentication-Info = "Authentication-Info" HCOLON ainfo *(COMMA ainfo)
 *   ainfo               = nextnonce / message-qop / response-auth / cnonce
 *                         / nonce-count
 *   auth-param          = auth-param-name EQUAL ( token / quoted-string )
 *   auth-scheme         = token            auth-param-name = token
 *   stale               = "stale" EQUAL ( "true" / "false" )
 *   qop-options         = "qop" EQUAL LDQUOT qop-value *("," qop-value) RDQUOT
 *   message-qop         = "qop" EQUAL qop-value       qop-value = token
 *   nonce-count         = "nc" EQUAL nc-value         nc-value = 8LHEX
 *
 * RFC 7235 adds what SIP traffic also carries: several challenges in one
 * value (an element after COMMA that is a token not followed by EQUAL
 * starts the next one, §4.1), and a scheme other than Digest that stands
 * alone or carries a token68 (§2.1):
 *
 *   challenge           =/ auth-scheme [ 1*SP ( token68 / #auth-param ) ]
 *   token68             = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+"
 *                         / "/" ) *"="
 *
 * RFC 7616: userhash = "userhash" EQUAL ( "true" / "false" ) (§3.4.4),
 * username* = "username*" EQUAL ext-value (RFC 8187 §3.2), charset.
 *
 * Choices (documented in auth.h): a Digest parameter may be a token or a
 * quoted-string (RFC 7616 §3.3, §3.4 only tell senders which to use),
 * except message-qop (a token: RFC 3261 §25.1; SIPW_PARSE_LENIENT accepts
 * it quoted), nc (8 hex digits, any case) and username* (an ext-value);
 * the picked-out parameters may each appear once, others may repeat;
 * LHEX is read as HEXDIG. SWS is read as in params.re. */
#include <string.h>

#include "typed/typed.h"

/*!include:re2c "abnf_old.re" */
/*!include:re2c "lexer_old.re" */

/* The picked-out Digest parameters, in the order of the SIPW_AUTHP_*
 * bits: X(ID, "name"). */
#define AUTH_PARAM_LIST(X)                                                     \
    X(REALM, "realm") X(DOMAIN, "domain") X(NONCE, "nonce")                    \
    X(OPAQUE, "opaque") X(STALE, "stale") X(ALGORITHM, "algorithm")            \
    X(QOP, "qop") X(USERNAME, "username") X(USERNAME_STAR, "username*")        \
    X(USERHASH, "userhash") X(URI, "uri") X(RESPONSE, "response")              \
    X(CNONCE, "cnonce") X(NC, "nc") X(CHARSET, "charset")                      \
    X(NEXTNONCE, "nextnonce") X(RSPAUTH, "rspauth")

enum {
#define X(id, name) P_##id,
    AUTH_PARAM_LIST(X)
#undef X
    P_OTHER /* any other auth-param, or any parameter of another scheme */
};

/* Each P_ index is the position of its public SIPW_AUTHP_ bit. */
#define X(id, name)                                                            \
    typedef char sipw_authp_##id##_matches_[                                   \
        (SIPW_AUTHP_##id == 1u << P_##id) ? 1 : -1];
AUTH_PARAM_LIST(X)
#undef X

/* Error reasons name the parameter: sipw_error.reason is a static
 * string, so there is one per picked-out parameter, and a generic one
 * (index P_OTHER) for the rest. */
#define X(id, name) "duplicate parameter \"" name "\"",
static const char *const why_dup[] = {AUTH_PARAM_LIST(X) "duplicate parameter"};
#undef X
#define X(id, name) "expected \",\" before parameter \"" name "\"",
static const char *const why_comma[] = {
    AUTH_PARAM_LIST(X) "expected \",\" before the next parameter"};
#undef X
#define X(id, name) "expected \",\" or the end after parameter \"" name "\"",
static const char *const why_after[] = {
    AUTH_PARAM_LIST(X) "expected \",\" or the end after a parameter"};
#undef X
#define X(id, name) "expected \"=\" and a value after parameter \"" name "\"",
static const char *const why_equal[] = {
    AUTH_PARAM_LIST(X) "expected \"=\" and a value after a parameter name"};
#undef X
#define X(id, name)                                                            \
    "expected a token or a quoted string as the value of parameter \"" name \
    "\"",
static const char *const why_value[] = {
    AUTH_PARAM_LIST(X)
    "expected a token or a quoted string as a parameter value"};
#undef X
#define X(id, name) "unterminated quoted value of parameter \"" name "\"",
static const char *const why_quote[] = {
    AUTH_PARAM_LIST(X) "unterminated quoted parameter value"};
#undef X

#define AUTH_STR_(x) #x
#define AUTH_STR(x) AUTH_STR_(x)

static sipw_str slice(const char *b, const char *e)
{
    sipw_str s;
    s.p = b;
    s.len = (size_t)(e - b);
    return s;
}

static int word_is(sipw_str s, const char *w)
{
    sipw_str t;
    t.p = w;
    t.len = strlen(w);
    return sipw_str_caseeq(s, t);
}

/* Whether the token [p, p + n) is the lower-case name lit (n <= 9) in
 * any case. Only letters and "*" occur in the names, and among token
 * bytes only a letter's two cases, or "*" itself, OR 0x20 to them. */
static int name_is(const char *p, size_t n, const char *lit)
{
    if (n <= 8)
        return sipw__lower_eq(p, lit, n);
    return sipw__lower_eq(p, lit, 8) && (p[8] | 0x20) == lit[8];
}

/* Which picked-out parameter the token [p, e) is (ASCII
 * case-insensitively), or P_OTHER: by length, then a word compare (one
 * per candidate), since this runs for every Digest parameter. */
static int param_id(const char *p, const char *e)
{
    size_t n = (size_t)(e - p);

    switch (n) {
    case 2:
        return name_is(p, n, "nc") ? P_NC : P_OTHER;
    case 3:
        return name_is(p, n, "qop")   ? P_QOP
               : name_is(p, n, "uri") ? P_URI
                                      : P_OTHER;
    case 5:
        return name_is(p, n, "realm")   ? P_REALM
               : name_is(p, n, "nonce") ? P_NONCE
               : name_is(p, n, "stale") ? P_STALE
                                        : P_OTHER;
    case 6:
        return name_is(p, n, "domain")   ? P_DOMAIN
               : name_is(p, n, "opaque") ? P_OPAQUE
               : name_is(p, n, "cnonce") ? P_CNONCE
                                         : P_OTHER;
    case 7:
        return name_is(p, n, "charset")   ? P_CHARSET
               : name_is(p, n, "rspauth") ? P_RSPAUTH
                                          : P_OTHER;
    case 8:
        return name_is(p, n, "username")   ? P_USERNAME
               : name_is(p, n, "userhash") ? P_USERHASH
               : name_is(p, n, "response") ? P_RESPONSE
                                           : P_OTHER;
    case 9:
        return name_is(p, n, "algorithm")   ? P_ALGORITHM
               : name_is(p, n, "username*") ? P_USERNAME_STAR
               : name_is(p, n, "nextnonce") ? P_NEXTNONCE
                                            : P_OTHER;
    default:
        return P_OTHER;
    }
}

/* token68 (RFC 7235 §2.1) at cur: returns its end, or NULL. */
static const char *token68(const char *cur, const char *e)
{
    const char *lim = e, *mar = cur;
    int he = 0;
    int *const hit_end = &he;

    (void)mar;
    /*!re2c
        token68 = (alphanum | [\-._~+/])+ "="*;
        token68 { return cur; }
        $       { return NULL; }
        *       { return NULL; }
    */
}

/* ext-value = charset "'" [ language ] "'" value-chars (RFC 8187 §3.2.1)
 * at cur: returns its end, or NULL. The language tag is read loosely as
 * letters, digits and "-". */
static const char *ext_value(const char *cur, const char *e)
{
    const char *lim = e, *mar = cur;
    int he = 0;
    int *const hit_end = &he;

    (void)mar;
    /*!re2c
        mime_charsetc = alphanum | [!#$%&+\-^_`{}~];
        attr_char     = alphanum | [!#$&+\-.^_`|~];
        ext_value     = mime_charsetc+ "'" (alphanum | "-")* "'"
                        (escaped | attr_char)*;
        ext_value { return cur; }
        $         { return NULL; }
        *         { return NULL; }
    */
}

/* nc-value = 8LHEX (RFC 3261 §25.1), read as 8HEXDIG: [p, e) exactly. */
static int nc_value(const char *p, const char *e)
{
    const char *cur = p, *lim = e, *mar = p;
    int he = 0;
    int *const hit_end = &he;

    (void)mar;
    /*!re2c
        HEXDIG{8} { return cur == e; }
        $         { return 0; }
        *         { return 0; }
    */
}

/* qop-options body: qop-value *("," qop-value), qop-value = token, with
 * LWS allowed around each "," (as real challenges write "auth, auth-int").
 * Returns NULL, or the first byte that does not fit. */
static const char *qop_list(const char *p, const char *e)
{
    const char *cur = p, *end;

    for (;;) {
        end = sipw__span(cur, e, SIPW_CC_TOKEN);
        if (end == cur)
            return cur;
        cur = end;
        sipw__sws(&cur, e);
        if (cur == e)
            return NULL;
        if (*cur != ',')
            return cur;
        cur++;
        sipw__sws(&cur, e);
    }
}

/* The value of an auth-param at *pcur (after EQUAL): token /
 * quoted-string, or for username* an ext-value. */
static sipw_status param_value(const struct sipw_tp *tp, const char **pcur,
                               const char *e, int id, sipw_str *val,
                               int *quoted)
{
    const char *cur = *pcur, *end;
    sipw_status st;

    *quoted = 0;
    if (id == P_USERNAME_STAR) {
        end = cur < e && *cur != '"' ? ext_value(cur, e) : NULL;
        if (!end)
            return sipw__tp_fail(tp, SIPW_EVALUE, cur,
                                 "username* must be an unquoted RFC 8187 "
                                 "ext-value (charset'language'value)");
        *val = slice(cur, end);
        *pcur = end;
        return SIPW_OK;
    }
    if (cur < e && *cur == '"') {
        st = sipw__quoted(tp, &cur, e, val);
        if (st == SIPW_EQUOTE && tp->err &&
            tp->err->offset == (size_t)(*pcur - tp->buf))
            tp->err->reason = why_quote[id];
        if (st != SIPW_OK)
            return st;
        *quoted = 1;
        *pcur = cur;
        return SIPW_OK;
    }
    end = sipw__span(cur, e, SIPW_CC_TOKEN);
    if (end == cur)
        return sipw__tp_fail(tp, SIPW_EVALUE, cur, why_value[id]);
    *val = slice(cur, end);
    *pcur = end;
    return SIPW_OK;
}

/* The checks and the field of a picked-out parameter whose value v (at
 * `at`, its opening quote when quoted) was just lexed. */
static sipw_status digest_param(const struct sipw_tp *tp, unsigned kind,
                                int id, sipw_str v, int quoted,
                                const char *at, sipw_auth *a)
{
    const char *bad;

    switch (id) {
    case P_REALM: a->realm = v; break;
    case P_DOMAIN: a->domain = v; break;
    case P_OPAQUE: a->opaque = v; break;
    case P_ALGORITHM: a->algorithm = v; break;
    case P_USERNAME: a->username = v; break;
    case P_USERNAME_STAR: a->username_star = v; break;
    case P_URI: a->uri = v; break;
    case P_CHARSET: a->charset = v; break;
    case P_NONCE:
    case P_CNONCE:
    case P_NEXTNONCE:
        if (v.len > SIPW_MAX_AUTH_NONCE)
            return sipw__tp_fail(
                tp, SIPW_ELIMIT, at,
                id == P_NONCE ? "nonce longer than SIPW_MAX_AUTH_NONCE ("
                    AUTH_STR(SIPW_MAX_AUTH_NONCE) " bytes)"
                : id == P_CNONCE ? "cnonce longer than SIPW_MAX_AUTH_NONCE ("
                    AUTH_STR(SIPW_MAX_AUTH_NONCE) " bytes)"
                : "nextnonce longer than SIPW_MAX_AUTH_NONCE ("
                    AUTH_STR(SIPW_MAX_AUTH_NONCE) " bytes)");
        if (id == P_NONCE)
            a->nonce = v;
        else if (id == P_CNONCE)
            a->cnonce = v;
        else
            a->nextnonce = v;
        break;
    case P_RESPONSE:
    case P_RSPAUTH:
        if (v.len > SIPW_MAX_AUTH_RESPONSE)
            return sipw__tp_fail(
                tp, SIPW_ELIMIT, at,
                id == P_RESPONSE
                    ? "response longer than SIPW_MAX_AUTH_RESPONSE ("
                      AUTH_STR(SIPW_MAX_AUTH_RESPONSE) " bytes)"
                    : "rspauth longer than SIPW_MAX_AUTH_RESPONSE ("
                      AUTH_STR(SIPW_MAX_AUTH_RESPONSE) " bytes)");
        if (id == P_RESPONSE)
            a->response = v;
        else
            a->rspauth = v;
        break;
    case P_STALE:
        if (word_is(v, "true"))
            a->stale = 1;
        else if (word_is(v, "false"))
            a->stale = 0;
        else
            return sipw__tp_fail(tp, SIPW_EVALUE, at,
                                 "stale must be true or false (RFC 3261 "
                                 "section 25.1)");
        break;
    case P_USERHASH:
        if (!word_is(v, "true") && !word_is(v, "false"))
            return sipw__tp_fail(tp, SIPW_EVALUE, at,
                                 "userhash must be true or false (RFC 7616 "
                                 "section 3.4)");
        a->userhash = v;
        break;
    case P_NC:
        if (quoted || !nc_value(v.p, v.p + v.len))
            return sipw__tp_fail(tp, SIPW_EVALUE, at,
                                 "nc must be 8 hex digits (RFC 3261 section "
                                 "25.1)");
        a->nc = v;
        break;
    case P_QOP:
        if (kind == SIPW_AUTH_CHALLENGE) {
            /* qop-options: a list (RFC 3261 §25.1, RFC 7616 §3.3) */
            bad = qop_list(v.p, v.p + v.len);
            if (bad)
                return sipw__tp_fail(tp, SIPW_EVALUE, bad,
                                     "qop must be a list of tokens "
                                     "separated by \",\"");
        } else {
            /* message-qop = "qop" EQUAL qop-value: one token */
            if (quoted && !(tp->flags & SIPW_PARSE_LENIENT))
                return sipw__tp_fail(tp, SIPW_EVALUE, at,
                                     "qop must be a token, not a quoted "
                                     "string (RFC 3261 section 25.1 "
                                     "message-qop)");
            if (v.len == 0 ||
                sipw__span(v.p, v.p + v.len, SIPW_CC_TOKEN) != v.p + v.len)
                return sipw__tp_fail(tp, SIPW_EVALUE, at,
                                     "qop must be one token (RFC 3261 "
                                     "section 25.1 message-qop)");
        }
        a->qop = v;
        break;
    default:
        break;
    }
    if (quoted)
        a->quoted |= 1u << id;
    return SIPW_OK;
}

/* Whether a token followed by EQUAL starts at cur: the next auth-param
 * (rather than the next challenge's scheme). Sets *name_end. */
static int param_ahead(const char *cur, const char *e, const char **name_end)
{
    const char *t = sipw__span(cur, e, SIPW_CC_TOKEN), *u = t;
    *name_end = t;
    if (t == cur)
        return 0;
    sipw__sws(&u, e);
    return u < e && *u == '=';
}

/* One challenge, credentials or Authentication-Info value at *pcur: the
 * scheme (none for Authentication-Info), then a token68 or auth-params.
 * Stops before the COMMA that starts the next challenge, or at e (*pcur
 * then before any trailing LWS). */
static sipw_status element(const struct sipw_tp *tp, const char **pcur,
                           const char *e, unsigned kind, sipw_auth *a)
{
    const char *cur = *pcur, *tok, *after, *name, *at, *next_end;
    unsigned seen = 0;
    sipw_str v;
    int id, quoted;
    sipw_status st;

    a->stale = -1;
    if (kind == SIPW_AUTH_INFO) {
        a->digest = 1;
    } else {
        /* auth-scheme = token */
        tok = cur;
        cur = sipw__span(cur, e, SIPW_CC_TOKEN);
        if (cur == tok)
            return sipw__tp_fail(tp, SIPW_EVALUE, tok,
                                 "expected an auth-scheme (\"Digest\")");
        a->scheme = slice(tok, cur);
        a->digest = a->scheme.len == 6 && name_is(tok, 6, "digest");
        after = cur;
        sipw__sws(&cur, e);
        if (cur < e && *cur == '=')
            return sipw__tp_fail(tp, SIPW_EVALUE, tok,
                                 "expected an auth-scheme (\"Digest\") "
                                 "before the parameters");
        if (cur == e || *cur == ',') {
            /* A scheme alone (RFC 7235 §2.1); Digest needs parameters. */
            if (a->digest)
                return sipw__tp_fail(tp, SIPW_EVALUE, after,
                                     "expected parameters after Digest "
                                     "(RFC 3261 section 25.1)");
            *pcur = after;
            return SIPW_OK;
        }
        if (cur == after)
            return sipw__tp_fail(tp, SIPW_EVALUE, cur,
                                 "expected white space after the "
                                 "auth-scheme");
        /* token68, alone up to the end or the next challenge */
        if (!a->digest) {
            const char *t = token68(cur, e), *r = t;
            if (t) {
                sipw__sws(&r, e);
                if (r == e || *r == ',') {
                    a->params = slice(cur, t);
                    a->token68 = 1;
                    *pcur = t;
                    return SIPW_OK;
                }
            }
        }
    }

    /* auth-param *(COMMA auth-param) */
    a->params.p = cur;
    next_end = NULL;
    for (;;) {
        name = cur;
        /* param_ahead() has found the name's end already, but for the
         * first one. */
        cur = next_end ? next_end : sipw__span(cur, e, SIPW_CC_TOKEN);
        if (cur == name)
            return sipw__tp_fail(tp, SIPW_EVALUE, name,
                                 "expected a parameter name");
        id = a->digest ? param_id(name, cur) : P_OTHER;
        if (id != P_OTHER) {
            if (seen & (1u << id))
                return sipw__tp_fail(tp, SIPW_EDUP, name, why_dup[id]);
            seen |= 1u << id;
            if ((seen & SIPW_AUTHP_USERNAME) &&
                (seen & SIPW_AUTHP_USERNAME_STAR))
                return sipw__tp_fail(tp, SIPW_EVALUE, name,
                                     "username and username* must not both "
                                     "be present (RFC 7616 section 3.4.4)");
        }
        /* EQUAL */
        sipw__sws(&cur, e);
        if (cur == e || *cur != '=')
            return sipw__tp_fail(tp, SIPW_EVALUE, cur, why_equal[id]);
        cur++;
        sipw__sws(&cur, e);
        at = cur;
        st = param_value(tp, &cur, e, id, &v, &quoted);
        if (st != SIPW_OK)
            return st;
        if (id != P_OTHER) {
            st = digest_param(tp, kind, id, v, quoted, at, a);
            if (st != SIPW_OK)
                return st;
        }
        a->params.len = (size_t)(cur - a->params.p);

        /* COMMA, then another auth-param or (challenges) the next
         * challenge; or the end */
        tok = cur;
        sipw__sws(&cur, e);
        if (cur == e) {
            *pcur = tok;
            break;
        }
        if (*cur == ',') {
            const char *s = cur + 1, *t;
            sipw__sws(&s, e);
            if (s == e)
                return sipw__tp_fail(tp, SIPW_EVALUE, e,
                                     "expected a parameter after \",\"");
            if (param_ahead(s, e, &t)) {
                cur = s;
                next_end = t;
                continue;
            }
            if (kind != SIPW_AUTH_CHALLENGE)
                return sipw__tp_fail(tp, SIPW_EVALUE, s,
                                     "expected a parameter (name=value) "
                                     "after \",\": one credentials per "
                                     "header line");
            *pcur = tok;
            break;
        }
        /* RFC 3665 2.1 F3: 'realm="..." nonce="..."' */
        {
            const char *t;
            if (param_ahead(cur, e, &t))
                return sipw__tp_fail(tp, SIPW_EVALUE, cur,
                                     why_comma[a->digest ? param_id(cur, t)
                                                         : P_OTHER]);
            return sipw__tp_fail(tp, SIPW_EVALUE, cur, why_after[id]);
        }
    }

    if (a->digest && kind == SIPW_AUTH_CHALLENGE && !a->realm.p)
        return sipw__tp_fail(tp, SIPW_EVALUE, a->scheme.p,
                             "Digest challenge without realm (RFC 3261 "
                             "section 25.1, RFC 7616 section 3.3)");
    return SIPW_OK;
}

sipw_status sipw__auth(const struct sipw_tp *tp, const char *p, const char *e,
                       unsigned kind, const sipw_header *h, sipw_auth **first,
                       sipw_auth **last)
{
    const char *cur = p, *start;
    sipw_auth a, *node;
    sipw_status st;

    for (;;) {
        memset(&a, 0, sizeof a);
        start = cur;
        st = element(tp, &cur, e, kind, &a);
        if (st != SIPW_OK)
            return st;
        /* *node = a below sets every byte. */
        node = tp->arena ? (sipw_auth *)sipw__arena_take(tp->arena, sizeof a)
                         : NULL;
        if (!node)
            return sipw__tp_fail(tp, SIPW_ENOMEM, start,
                                 "arena too small for the typed headers");
        *node = a;
        node->header = h;
        if (*last)
            (*last)->next = node;
        else
            *first = node;
        *last = node;

        sipw__sws(&cur, e);
        if (cur == e)
            return SIPW_OK;
        if (kind != SIPW_AUTH_CHALLENGE || *cur != ',')
            return sipw__tp_fail(tp, SIPW_EVALUE, cur,
                                 "expected the end of the value: one "
                                 "credentials per header line (RFC 3261 "
                                 "section 25.1)");
        cur++; /* COMMA = SWS "," SWS, then the next challenge */
        sipw__sws(&cur, e);
        if (cur == e)
            return sipw__tp_fail(tp, SIPW_EVALUE, e,
                                 "expected a challenge after \",\"");
    }
}

sipw_status sipw_auth_parse(const sipw_auth **first, const char *s,
                            size_t len, unsigned flags, sipw_arena *arena,
                            sipw_error *err)
{
    static const sipw_str no_header = {NULL, 0};
    unsigned kind = flags & ~(unsigned)SIPW_AUTH_LENIENT;
    struct sipw_tp tp;
    sipw_auth *f = NULL, *l = NULL;
    sipw_arena saved;
    sipw_status st;

    if (first)
        *first = NULL;
    if (!first || !arena || (!s && len) || kind > SIPW_AUTH_INFO) {
        sipw__set_error(err, SIPW_EINVAL, s, 0, 0, no_header,
                        "NULL result, arena or buffer, or unknown flags");
        return SIPW_EINVAL;
    }
    if (!s)
        s = "";
    tp.buf = s;
    tp.len = len;
    tp.header = no_header;
    tp.arena = arena;
    tp.err = err;
    tp.flags = (flags & SIPW_AUTH_LENIENT) ? SIPW_PARSE_LENIENT : 0;
    saved = *arena;
    st = sipw__auth(&tp, s, s + len, kind, NULL, &f, &l);
    if (st != SIPW_OK) {
        *arena = saved; /* give the memory back */
        return st;
    }
    *first = f;
    return SIPW_OK;
}

/* --- the reader of parser-produced slices --------------------------- */

static int is_lws(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int sipw_auth_param_next(sipw_str *rest, sipw_param *out)
{
    const char *p, *e, *q;

    if (!rest || !out)
        return 0;
    memset(out, 0, sizeof *out);
    if (!rest->p) {
        rest->len = 0;
        return 0;
    }
    p = rest->p;
    e = p + rest->len;
    while (p < e && (*p == ',' || is_lws(*p)))
        p++;
    if (p == e) {
        rest->p = e;
        rest->len = 0;
        return 0;
    }
    /* Each step below consumes at least one byte: *p is neither "," nor
     * LWS, so it belongs to the name or is the "=". */
    out->name.p = p;
    while (p < e && *p != '=' && *p != ',' && !is_lws(*p))
        p++;
    out->name.len = (size_t)(p - out->name.p);
    q = p;
    while (q < e && is_lws(*q))
        q++;
    if (q < e && *q == '=') {
        p = q + 1;
        while (p < e && is_lws(*p))
            p++;
        if (p < e && *p == '"') {
            const char *b = ++p;
            while (p < e && *p != '"')
                p += (*p == '\\' && p + 1 < e) ? 2 : 1;
            out->value = slice(b, p);
            out->quoted = 1;
            if (p < e)
                p++;
        } else {
            out->value.p = p;
            while (p < e && *p != ',' && !is_lws(*p))
                p++;
            out->value.len = (size_t)(p - out->value.p);
        }
    }
    rest->p = p;
    rest->len = (size_t)(e - p);
    return 1;
}

#undef AUTH_PARAM_LIST
#undef AUTH_STR
#undef AUTH_STR_
