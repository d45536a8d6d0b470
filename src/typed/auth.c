/* SPDX-License-Identifier: MIT */
/* sipwire, typed layer: authentication headers (<sipwire/auth.h>): the
 * flow of one challenge, credentials or Authentication-Info value, the
 * checks of the Digest parameters, the list and the readers. The
 * productions are in grammar/auth.re.
 *
 * Choices (documented in auth.h): a Digest parameter may be a token or a
 * quoted-string (RFC 7616 §3.3, §3.4 only tell senders which to use),
 * except message-qop (a token: RFC 3261 §25.1; SIPW_PARSE_ALLOW_QUOTED_QOP
 * accepts it quoted), nc (8 hex digits, any case) and username* (an ext-value);
 * the picked-out parameters may each appear once, others may repeat;
 * LHEX is read as HEXDIG. */
#include "typed/typed.h"

/* Each SIPW_AP_ index is the position of its public SIPW_AUTHP_ bit. */
#define X(id, name)                                                            \
    typedef char sipw_authp_##id##_matches_[                                   \
        (SIPW_AUTHP_##id == 1u << SIPW_AP_##id) ? 1 : -1];
SIPW__AUTH_PARAM_LIST(X)
#undef X

/* Error reasons name the parameter: sipw_error.reason is a static
 * string, so there is one per picked-out parameter, and a generic one
 * (index P_OTHER) for the rest. */
#define X(id, name) "duplicate parameter \"" name "\"",
static const char *const why_dup[] = {SIPW__AUTH_PARAM_LIST(X) "duplicate parameter"};
#undef X
#define X(id, name) "expected \",\" before parameter \"" name "\"",
static const char *const why_comma[] = {
    SIPW__AUTH_PARAM_LIST(X) "expected \",\" before the next parameter"};
#undef X
#define X(id, name) "expected \",\" or the end after parameter \"" name "\"",
static const char *const why_after[] = {
    SIPW__AUTH_PARAM_LIST(X) "expected \",\" or the end after a parameter"};
#undef X
#define X(id, name) "expected \"=\" and a value after parameter \"" name "\"",
static const char *const why_equal[] = {
    SIPW__AUTH_PARAM_LIST(X) "expected \"=\" and a value after a parameter name"};
#undef X
#define X(id, name)                                                            \
    "expected a token or a quoted string as the value of parameter \"" name \
    "\"",
static const char *const why_value[] = {
    SIPW__AUTH_PARAM_LIST(X)
    "expected a token or a quoted string as a parameter value"};
#undef X
#define X(id, name) "unterminated quoted value of parameter \"" name "\"",
static const char *const why_quote[] = {
    SIPW__AUTH_PARAM_LIST(X) "unterminated quoted parameter value"};
#undef X

#define AUTH_STR_(x) #x
#define AUTH_STR(x) AUTH_STR_(x)

static int word_is(sipw_str s, const char *w)
{
    sipw_str t;
    t.p = w;
    t.len = strlen(w);
    return sipw_str_caseeq(s, t);
}

/* Whether a token followed by EQUAL starts at cur: the next auth-param
 * (rather than the next challenge's scheme). Sets *name_end. */
static int param_ahead(const char *cur, const char *e, const char **name_end)
{
    const char *t = sipw__auth_token(cur, e), *at;
    *name_end = t;
    return t != cur && sipw__auth_equal(t, e, &at) != NULL;
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
    if (id == SIPW_AP_USERNAME_STAR) {
        end = cur < e && *cur != '"' ? sipw__ext_value(cur, e) : NULL;
        if (!end)
            return sipw__tp_fail(tp, SIPW_EVALUE, cur,
                                 "username* must be an unquoted RFC 8187 "
                                 "ext-value (charset'language'value)");
        *val = sipw__slice(cur, end);
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
    end = sipw__auth_token(cur, e);
    if (end == cur)
        return sipw__tp_fail(tp, SIPW_EVALUE, cur, why_value[id]);
    *val = sipw__slice(cur, end);
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
    case SIPW_AP_REALM: a->realm = v; break;
    case SIPW_AP_DOMAIN: a->domain = v; break;
    case SIPW_AP_OPAQUE: a->opaque = v; break;
    case SIPW_AP_ALGORITHM: a->algorithm = v; break;
    case SIPW_AP_USERNAME: a->username = v; break;
    case SIPW_AP_USERNAME_STAR: a->username_star = v; break;
    case SIPW_AP_URI: a->uri = v; break;
    case SIPW_AP_CHARSET: a->charset = v; break;
    case SIPW_AP_NONCE:
    case SIPW_AP_CNONCE:
    case SIPW_AP_NEXTNONCE:
        if (v.len > SIPW_MAX_AUTH_NONCE)
            return sipw__tp_fail(
                tp, SIPW_ELIMIT, at,
                id == SIPW_AP_NONCE ? "nonce longer than SIPW_MAX_AUTH_NONCE ("
                    AUTH_STR(SIPW_MAX_AUTH_NONCE) " bytes)"
                : id == SIPW_AP_CNONCE ? "cnonce longer than SIPW_MAX_AUTH_NONCE ("
                    AUTH_STR(SIPW_MAX_AUTH_NONCE) " bytes)"
                : "nextnonce longer than SIPW_MAX_AUTH_NONCE ("
                    AUTH_STR(SIPW_MAX_AUTH_NONCE) " bytes)");
        if (id == SIPW_AP_NONCE)
            a->nonce = v;
        else if (id == SIPW_AP_CNONCE)
            a->cnonce = v;
        else
            a->nextnonce = v;
        break;
    case SIPW_AP_RESPONSE:
    case SIPW_AP_RSPAUTH:
        if (v.len > SIPW_MAX_AUTH_RESPONSE)
            return sipw__tp_fail(
                tp, SIPW_ELIMIT, at,
                id == SIPW_AP_RESPONSE
                    ? "response longer than SIPW_MAX_AUTH_RESPONSE ("
                      AUTH_STR(SIPW_MAX_AUTH_RESPONSE) " bytes)"
                    : "rspauth longer than SIPW_MAX_AUTH_RESPONSE ("
                      AUTH_STR(SIPW_MAX_AUTH_RESPONSE) " bytes)");
        if (id == SIPW_AP_RESPONSE)
            a->response = v;
        else
            a->rspauth = v;
        break;
    case SIPW_AP_STALE:
        if (word_is(v, "true"))
            a->stale = 1;
        else if (word_is(v, "false"))
            a->stale = 0;
        else
            return sipw__tp_fail(tp, SIPW_EVALUE, at,
                                 "stale must be true or false (RFC 3261 "
                                 "section 25.1)");
        break;
    case SIPW_AP_USERHASH:
        if (!word_is(v, "true") && !word_is(v, "false"))
            return sipw__tp_fail(tp, SIPW_EVALUE, at,
                                 "userhash must be true or false (RFC 7616 "
                                 "section 3.4)");
        a->userhash = v;
        break;
    case SIPW_AP_NC:
        if (quoted || !sipw__nc_value(v.p, v.p + v.len))
            return sipw__tp_fail(tp, SIPW_EVALUE, at,
                                 "nc must be 8 hex digits (RFC 3261 section "
                                 "25.1)");
        a->nc = v;
        break;
    case SIPW_AP_QOP:
        if (kind == SIPW_AUTH_CHALLENGE) {
            /* qop-options: a list (RFC 3261 §25.1, RFC 7616 §3.3) */
            bad = sipw__qop_list(v.p, v.p + v.len);
            if (bad)
                return sipw__tp_fail(tp, SIPW_EVALUE, bad,
                                     "qop must be a list of tokens "
                                     "separated by \",\"");
        } else {
            /* message-qop = "qop" EQUAL qop-value: one token */
            if (quoted && !(tp->flags & SIPW_PARSE_ALLOW_QUOTED_QOP))
                return sipw__tp_fail(tp, SIPW_EVALUE, at,
                                     "qop must be a token, not a quoted "
                                     "string (RFC 3261 section 25.1 "
                                     "message-qop)");
            if (v.len == 0 || sipw__auth_token(v.p, v.p + v.len) != v.p + v.len)
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

/* One challenge, credentials or Authentication-Info value at *pcur: the
 * scheme (none for Authentication-Info), then a token68 or auth-params.
 * Stops before the COMMA that starts the next challenge, or at e (*pcur
 * then before any trailing LWS). */
static sipw_status element(const struct sipw_tp *tp, const char **pcur,
                           const char *e, unsigned kind, sipw_auth *a)
{
    const char *cur = *pcur, *tok, *after, *name, *at, *bad;
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
        cur = sipw__auth_scheme(cur, e, &a->digest);
        if (cur == tok)
            return sipw__tp_fail(tp, SIPW_EVALUE, tok,
                                 "expected an auth-scheme (\"Digest\")");
        a->scheme = sipw__slice(tok, cur);
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
            const char *t = sipw__token68(cur, e), *r = t;
            if (t) {
                sipw__sws(&r, e);
                if (r == e || *r == ',') {
                    a->params = sipw__slice(cur, t);
                    a->token68 = 1;
                    *pcur = t;
                    return SIPW_OK;
                }
            }
        }
    }

    /* auth-param *(COMMA auth-param) */
    a->params.p = cur;
    for (;;) {
        name = cur;
        cur = sipw__auth_param_name(cur, e, &id);
        if (cur == name)
            return sipw__tp_fail(tp, SIPW_EVALUE, name,
                                 "expected a parameter name");
        if (!a->digest)
            id = SIPW_AP_OTHER;
        if (id != SIPW_AP_OTHER) {
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
        at = sipw__auth_equal(cur, e, &bad);
        if (!at)
            return sipw__tp_fail(tp, SIPW_EVALUE, bad, why_equal[id]);
        cur = at;
        st = param_value(tp, &cur, e, id, &v, &quoted);
        if (st != SIPW_OK)
            return st;
        if (id != SIPW_AP_OTHER) {
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
            {
                int next_id = SIPW_AP_OTHER;
                if (a->digest)
                    (void)sipw__auth_param_name(cur, e, &next_id);
                return sipw__tp_fail(tp, SIPW_EVALUE, cur, why_comma[next_id]);
            }
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
        node = (sipw_auth *)sipw__tp_keep(tp, &a, sizeof a, start);
        if (!node)
            return SIPW_ENOMEM;
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
    /* the kind is what is left without the relaxation bits */
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
    sipw__tp_standalone(&tp, s, len, arena, err);
    /* the productions read the SIPW_PARSE_* form of each relaxation */
    tp.flags = (flags & SIPW_AUTH_ALLOW_QUOTED_QOP)
                   ? (unsigned)SIPW_PARSE_ALLOW_QUOTED_QOP : 0u;
    saved = *arena;
    st = sipw__auth(&tp, tp.buf, tp.buf + len, kind, NULL, &f, &l);
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
            out->value = sipw__slice(b, p);
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

#undef AUTH_STR
#undef AUTH_STR_
