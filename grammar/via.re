/* Via: RFC 3261 §20.42 and §25.1, RFC 3581 (rport), RFC 5118 §4.5.
 *
 *   Via           = ( "Via" / "v" ) HCOLON via-parm *(COMMA via-parm)
 *   via-parm      = sent-protocol LWS sent-by *( SEMI via-params )
 *   via-params    = via-ttl / via-maddr / via-received / via-branch
 *                   / via-extension            (RFC 3581 adds response-port)
 *   via-ttl       = "ttl" EQUAL ttl            ttl = 1*3DIGIT ; 0 to 255
 *   via-maddr     = "maddr" EQUAL host
 *   via-received  = "received" EQUAL (IPv4address / IPv6address)
 *   via-branch    = "branch" EQUAL token
 *   response-port = "rport" [EQUAL 1*DIGIT]
 *   via-extension = generic-param
 *   sent-protocol = protocol-name SLASH protocol-version SLASH transport
 *   protocol-name = "SIP" / token     protocol-version = token
 *   transport     = "UDP" / "TCP" / "TLS" / "SCTP" / other-transport
 *   sent-by       = host [ COLON port ]
 *
 * SWS is read as in params.re (any run of WSP and folds). */
#include <string.h>

#include "typed/typed.h"

/*!include:re2c "abnf_old.re" */
/*!include:re2c "lexer_old.re" */

static sipw_str slice(const char *b, const char *e)
{
    sipw_str s;
    s.p = b;
    s.len = (size_t)(e - b);
    return s;
}

/* token (§25.1) at *pcur: returns 1 and advances past it, or 0. */
static int lex_token(const char **pcur, const char *e)
{
    const char *end = sipw__span(*pcur, e, SIPW_CC_TOKEN);

    if (end == *pcur)
        return 0;
    *pcur = end;
    return 1;
}

/* SLASH = SWS "/" SWS (§25.1); RFC 4475 §3.1.1.1 (wsinv) has
 * "SIP  /   2.0 / TCP". */
static sipw_status slash(const struct sipw_tp *tp, const char **pcur,
                         const char *e, const char *reason)
{
    const char *cur = *pcur;
    sipw__sws(&cur, e);
    if (cur == e || *cur != '/')
        return sipw__tp_fail(tp, SIPW_EVALUE, cur, reason);
    cur++;
    sipw__sws(&cur, e);
    *pcur = cur;
    return SIPW_OK;
}

/* sent-protocol written without LWS ("SIP/2.0/UDP", the common case):
 * protocol-name "/" protocol-version "/" transport in one pass, without
 * the calls of the general path. Returns 0, setting nothing, for any
 * other form; via_parm() then lexes it piece by piece. */
static int sent_protocol_tight(const char **pcur, const char *e, sipw_via *v)
{
    const char *p = *pcur, *s1, *s2, *end;

    s1 = sipw__span(p, e, SIPW_CC_TOKEN);
    if (s1 == p || s1 == e || *s1 != '/')
        return 0;
    s2 = sipw__span(s1 + 1, e, SIPW_CC_TOKEN);
    if (s2 == s1 + 1 || s2 == e || *s2 != '/')
        return 0;
    end = sipw__span(s2 + 1, e, SIPW_CC_TOKEN);
    if (end == s2 + 1)
        return 0;
    v->protocol = slice(p, s1);
    v->version = slice(s1 + 1, s2);
    v->transport = slice(s2 + 1, end);
    *pcur = end;
    return 1;
}

/* 1*DIGIT at [p, e) as a number, or -1 when it is not all digits or
 * exceeds max (no overflow however long it is). */
static int32_t number(const char *p, const char *e, int32_t max)
{
    int32_t n = 0;
    if (p == e)
        return -1;
    for (; p < e; p++) {
        unsigned d = (unsigned char)*p - (unsigned)'0';
        if (d > 9)
            return -1;
        n = n * 10 + (int32_t)d;
        if (n > max)
            return -1;
    }
    return n;
}

/* Whether the byte at cur (before e) is a token_char (§25.1). */
static int token_char_at(const char *cur, const char *e)
{
    return cur < e && (sipw__cc[(unsigned char)*cur] & SIPW_CC_TOKEN);
}

/* The host of sent-by (§25.1), lexed by the URI host lexer. A host must
 * not run on into more token characters ("a_b"). On failure *at and
 * *why say where and why; *pcur moves only on success. */
static sipw_host_type lex_host(const char **pcur, const char *e,
                               const char **at, const char **why)
{
    const char *cur = *pcur;
    sipw_host_type t = sipw__host_lex(&cur, e, at, why);

    if (t == SIPW_HOST_NONE)
        return t;
    if (token_char_at(cur, e)) {
        *at = cur;
        *why = "invalid character in sent-by host";
        return SIPW_HOST_NONE;
    }
    *pcur = cur;
    return t;
}

/* received = IPv4address / IPv6address (§20.42). RFC 5118 §4.5: an
 * IPv6reference ("[...]") must be accepted too. *pcur is the value. */
static sipw_status received(const struct sipw_tp *tp, const char **pcur,
                            const char *e, sipw_str *out)
{
    const char *cur = *pcur, *lim = e, *mar = cur, *tok = cur, *at, *why;
    int he = 0;
    int *const hit_end = &he;
    int ok;

    (void)mar;
    /* The common case in one pass: an IPv4address that the run below
     * would end with too. */
    if (sipw__host_lex(&cur, e, &at, &why) == SIPW_HOST_IPV4 &&
        (cur == e || (*cur != ':' && !token_char_at(cur, e)))) {
        ok = 1;
        goto check;
    }
    cur = tok;
    /*!re2c
        "[" [0-9a-fA-F:.]* "]" {
            ok = sipw__host(tok, cur) == SIPW_HOST_IPV6;
            goto check;
        }
        (token_char | ":")+ {
            ok = memchr(tok, ':', (size_t)(cur - tok))
                     ? sipw__ipv6(tok, cur)
                     : sipw__host(tok, cur) == SIPW_HOST_IPV4;
            goto check;
        }
        $ { ok = 0; goto check; }
        * { ok = 0; goto check; }
    */
check:
    if (!ok)
        return sipw__tp_fail(tp, SIPW_EVALUE, tok,
                             "received must be an IPv4 or IPv6 address "
                             "(RFC 3261 section 20.42, RFC 5118 section 4.5)");
    *out = slice(tok, cur);
    *pcur = cur;
    return SIPW_OK;
}

/* The via-params that sipwire picks out. */
enum {
    P_BRANCH = 1,
    P_RECEIVED = 2,
    P_RPORT = 4,
    P_MADDR = 8,
    P_TTL = 16
};

/* Which via-param the name [p, e) is; names are case-insensitive. */
static unsigned which(const char *p, const char *e)
{
    const char *cur = p, *lim = e, *mar = p;
    int he = 0;
    int *const hit_end = &he;
    unsigned bit;

    (void)mar;
    /*!re2c
        'branch'   { bit = P_BRANCH; goto done; }
        'received' { bit = P_RECEIVED; goto done; }
        'rport'    { bit = P_RPORT; goto done; }
        'maddr'    { bit = P_MADDR; goto done; }
        'ttl'      { bit = P_TTL; goto done; }
        $          { return 0; }
        *          { return 0; }
    */
done:
    return cur == e ? bit : 0;
}

/* One "SEMI via-params" at *pcur (SWS, then ";"). */
static sipw_status via_param(const struct sipw_tp *tp, const char **pcur,
                             const char *e, sipw_via *v, unsigned *seen)
{
    const char *cur = *pcur, *after_name;
    sipw_param pr;
    unsigned bit;
    sipw_status st;

    /* Lex the name only, then the value the way that name needs. */
    st = sipw__gparam(tp, &cur, e, &pr, 1);
    if (st != SIPW_OK)
        return st;
    bit = which(pr.name.p, pr.name.p + pr.name.len);
    after_name = pr.name.p + pr.name.len;
    if (bit & *seen)
        return sipw__tp_fail(tp, SIPW_EDUP, pr.name.p, "duplicate parameter");
    *seen |= bit;

    if (bit == P_RECEIVED && pr.value.p) {
        st = received(tp, &cur, e, &v->received);
        *pcur = cur;
        return st;
    }
    if (pr.value.p) {
        st = sipw__gvalue(tp, &cur, cur, e, &pr);
        if (st != SIPW_OK)
            return st;
    }
    *pcur = cur;

    if (!pr.value.p && bit && bit != P_RPORT)
        return sipw__tp_fail(tp, SIPW_EVALUE, after_name,
                             bit == P_BRANCH ? "branch needs a value"
                             : bit == P_RECEIVED ? "received needs a value"
                             : bit == P_MADDR ? "maddr needs a value"
                                              : "ttl needs a value");
    switch (bit) {
    case P_BRANCH:
        if (pr.quoted || *pr.value.p == '[')
            return sipw__tp_fail(tp, SIPW_EVALUE,
                                 pr.quoted ? pr.value.p - 1 : pr.value.p,
                                 "branch must be a token "
                                 "(RFC 3261 section 20.42)");
        v->branch = pr.value;
        break;
    case P_RPORT:
        v->has_rport = 1;
        v->rport = -1;
        if (pr.value.p) {
            v->rport = pr.quoted ? -1
                                 : number(pr.value.p,
                                          pr.value.p + pr.value.len, 65535);
            if (v->rport < 0)
                return sipw__tp_fail(tp, SIPW_EVALUE,
                                     pr.quoted ? pr.value.p - 1 : pr.value.p,
                                     "rport must be a port 0..65535 "
                                     "(RFC 3581)");
        }
        break;
    case P_MADDR:
        if (pr.quoted ||
            sipw__host(pr.value.p, pr.value.p + pr.value.len) ==
                SIPW_HOST_NONE)
            return sipw__tp_fail(tp, SIPW_EVALUE,
                                 pr.quoted ? pr.value.p - 1 : pr.value.p,
                                 "maddr must be a host "
                                 "(RFC 3261 section 20.42)");
        v->maddr = pr.value;
        break;
    case P_TTL:
        /* ttl = 1*3DIGIT, as in the URI parser */
        v->ttl = pr.quoted || pr.value.len > 3
                     ? -1
                     : number(pr.value.p, pr.value.p + pr.value.len, 255);
        if (v->ttl < 0)
            return sipw__tp_fail(tp, SIPW_EVALUE,
                                 pr.quoted ? pr.value.p - 1 : pr.value.p,
                                 "ttl must be 1 to 3 digits, 0..255 "
                                 "(RFC 3261 section 20.42)");
        break;
    default:
        break;
    }
    return SIPW_OK;
}

/* Which via-param the name [p, e) is: what which() finds, without the
 * DFA. */
static unsigned which_fast(const char *p, const char *e)
{
    switch (e - p) {
    case 3:
        return sipw__lower_eq(p, "ttl", 3) ? P_TTL : 0;
    case 5:
        return sipw__lower_eq(p, "rport", 5)   ? P_RPORT
               : sipw__lower_eq(p, "maddr", 5) ? P_MADDR
                                                : 0;
    case 6:
        return sipw__lower_eq(p, "branch", 6) ? P_BRANCH : 0;
    case 8:
        return sipw__lower_eq(p, "received", 8) ? P_RECEIVED : 0;
    default:
        return 0;
    }
}

/* IPv4address (§25.1, each part 0..255, leading zeros allowed) at p:
 * returns its end, or NULL. At a byte that is no alphanum, "." or "-"
 * (the caller checks), sipw__host_lex() would find this address too. */
static const char *ipv4_fast(const char *p, const char *e)
{
    unsigned part, v, digits;

    for (part = 0;; part++) {
        for (v = 0, digits = 0; p < e && (unsigned)(*p - '0') <= 9 &&
                                digits < 4;
             p++, digits++)
            v = v * 10 + (unsigned)(*p - '0');
        if (digits == 0 || digits > 3 || v > 255)
            return NULL;
        if (part == 3)
            return p;
        if (p == e || *p != '.')
            return NULL;
        p++;
    }
}

/* The common via-parm, written without LWS but the one SP before
 * sent-by:
 *   "SIP/2.0/" token SP host [ ":" port ]
 *       *( ";" token [ "=" token ] )           ending at "," or e
 * where branch and rport take a token (rport's all digits), received an
 * IPv4address (ipv4_fast()), and no name appears twice; maddr and ttl, quoted and
 * IPv6 values take the general path. Fills *v (zeroed first) as
 * via_parm() does and returns where via_parm() stops; NULL for any other
 * input, which via_parm() then lexes from the start.
 *
 * Why it agrees: "SIP/2.0/" token is what sent_protocol_tight() splits;
 * one SP before a byte that is no LWS is what sipw__sws() skips; the host
 * is lexed by the same call as lex_host(), and the byte after it (":",
 * ";", "," or e) is no token byte; each parameter is what the fast path
 * of sipw__gparam() and then sipw__gvalue() or received() read, and a
 * value that ends at ";", "," or e is one via_param() accepts. */
static const char *via_fast(const char *p, const char *e, sipw_via *v)
{
    const char *cur, *tok, *at, *why;
    unsigned seen = 0, bit;

    if (e - p < 12 || memcmp(p, "SIP/2.0/", 8) != 0)
        return NULL;
    cur = sipw__span(p + 8, e, SIPW_CC_TOKEN);
    if (cur == p + 8 || e - cur < 2 || cur[0] != ' ' || cur[1] == ' ' ||
        cur[1] == '\t' || cur[1] == '\r')
        return NULL;
    memset(v, 0, sizeof *v);
    v->protocol = slice(p, p + 3);
    v->version = slice(p + 4, p + 7);
    v->transport = slice(p + 8, cur);
    v->ttl = -1;
    v->rport = -1;

    /* sent-by = host [ ":" port ] */
    tok = ++cur;
    v->host_type = sipw__host_lex(&cur, e, &at, &why);
    if (v->host_type == SIPW_HOST_NONE)
        return NULL;
    v->host = slice(tok, cur);
    v->port = -1;
    if (cur < e && *cur == ':') {
        tok = ++cur;
        while (cur < e && (unsigned)(*cur - '0') <= 9)
            cur++;
        v->port = number(tok, cur, 65535);
        if (v->port < 0)
            return NULL;
    }

    /* *( ";" via-params ) */
    while (cur < e && *cur == ';') {
        if (!v->params.p)
            v->params.p = cur;
        tok = cur + 1;
        cur = sipw__span(tok, e, SIPW_CC_TOKEN);
        if (cur == tok)
            return NULL;
        bit = which_fast(tok, cur);
        if (bit & (seen | P_MADDR | P_TTL))
            return NULL;
        seen |= bit;
        if (cur < e && *cur == '=') {
            tok = ++cur;
            if (bit == P_RECEIVED) {
                cur = ipv4_fast(tok, e);
                if (!cur)
                    return NULL;
                v->received = slice(tok, cur);
            } else {
                cur = sipw__span(tok, e, SIPW_CC_TOKEN);
                if (cur == tok)
                    return NULL;
                if (bit == P_BRANCH) {
                    v->branch = slice(tok, cur);
                } else if (bit == P_RPORT) {
                    v->has_rport = 1;
                    v->rport = number(tok, cur, 65535);
                    if (v->rport < 0)
                        return NULL;
                }
            }
        } else if (bit == P_RPORT) {
            v->has_rport = 1;
        } else if (bit) {
            return NULL; /* branch or received without a value */
        }
        v->params.len = (size_t)(cur - v->params.p);
    }
    if (cur < e && *cur != ',')
        return NULL;
    return cur;
}

/* via-parm = sent-protocol LWS sent-by *( SEMI via-params ). Stops
 * before the COMMA that ends it, or at e. */
static sipw_status via_parm(const struct sipw_tp *tp, const char **pcur,
                            const char *e, sipw_via *v)
{
    const char *cur = *pcur, *tok, *at, *why;
    unsigned seen = 0;
    sipw_status st;

    v->port = -1;
    v->ttl = -1;
    v->rport = -1;

    /* sent-protocol */
    if (sent_protocol_tight(&cur, e, v))
        goto sent_by;
    tok = cur;
    if (!lex_token(&cur, e))
        return sipw__tp_fail(tp, SIPW_EVALUE, tok,
                             "expected the sent-protocol (\"SIP/2.0/UDP\")");
    v->protocol = slice(tok, cur);
    st = slash(tp, &cur, e, "expected \"/\" after the protocol name");
    if (st != SIPW_OK)
        return st;
    tok = cur;
    if (!lex_token(&cur, e))
        return sipw__tp_fail(tp, SIPW_EVALUE, tok,
                             "expected the protocol version");
    v->version = slice(tok, cur);
    st = slash(tp, &cur, e,
               "expected \"/\" and the transport after the protocol "
               "version");
    if (st != SIPW_OK)
        return st;
    tok = cur;
    if (!lex_token(&cur, e))
        return sipw__tp_fail(tp, SIPW_EVALUE, tok, "expected the transport");
    v->transport = slice(tok, cur);

sent_by:
    /* LWS sent-by */
    tok = cur;
    sipw__sws(&cur, e);
    if (cur == e)
        return sipw__tp_fail(tp, SIPW_EVALUE, e, "sent-by host missing");
    if (cur == tok)
        return sipw__tp_fail(tp, SIPW_EVALUE, cur,
                             "expected LWS between the transport and "
                             "sent-by");
    tok = cur;
    v->host_type = lex_host(&cur, e, &at, &why);
    if (v->host_type == SIPW_HOST_NONE)
        return sipw__tp_fail(tp, SIPW_EVALUE, at, why);
    v->host = slice(tok, cur);

    /* [ COLON port ] */
    tok = cur;
    sipw__sws(&cur, e);
    if (cur < e && *cur == ':') {
        const char *digits;
        cur++;
        sipw__sws(&cur, e);
        digits = cur;
        while (cur < e && *cur >= '0' && *cur <= '9')
            cur++;
        if (cur == digits)
            return sipw__tp_fail(tp, SIPW_EVALUE, cur,
                                 "expected a port number after \":\"");
        v->port = number(digits, cur, 65535);
        if (v->port < 0)
            return sipw__tp_fail(tp, SIPW_EVALUE, digits,
                                 "port must be 0..65535");
    } else {
        cur = tok;
    }

    /* *( SEMI via-params ) */
    for (;;) {
        tok = cur;
        sipw__sws(&cur, e);
        if (cur == e || *cur == ',') {
            *pcur = tok;
            return SIPW_OK;
        }
        if (*cur != ';')
            return sipw__tp_fail(tp, SIPW_EVALUE, cur,
                                 "expected \";\" or \",\" after the "
                                 "via-parm");
        if (!v->params.p)
            v->params.p = cur;
        cur = tok;
        st = via_param(tp, &cur, e, v, &seen);
        if (st != SIPW_OK)
            return st;
        v->params.len = (size_t)(cur - v->params.p);
    }
}

sipw_status sipw__via(const struct sipw_tp *tp, const char *p, const char *e,
                      const sipw_header *h, sipw_via **first,
                      sipw_via **last)
{
    const char *cur = p, *start;
    sipw_via v, *node;
    sipw_status st;

    if (p == e)
        return sipw__tp_fail(tp, SIPW_EVALUE, p, "empty Via value");
    for (;;) {
        start = cur;
        /* The common shape straight into its node (via_fast()). Without
         * the room for it, the general path below reports the error the
         * value has, or else SIPW_ENOMEM. */
        if (!(tp->flags & SIPW__TP_SLOW) && tp->arena) {
            size_t hi = tp->arena->hi;
            node = (sipw_via *)sipw__arena_take(tp->arena, sizeof *node);
            if (node) {
                const char *end = via_fast(cur, e, node);
                if (end) {
                    cur = end;
                    goto link;
                }
                tp->arena->hi = hi; /* give it back */
            }
        }
        memset(&v, 0, sizeof v);
        st = via_parm(tp, &cur, e, &v);
        if (st != SIPW_OK)
            return st;
        /* *node = v below sets every byte. */
        node = tp->arena ? (sipw_via *)sipw__arena_take(tp->arena, sizeof v)
                         : NULL;
        if (!node)
            return sipw__tp_fail(tp, SIPW_ENOMEM, start,
                                 "arena too small for the typed headers");
        *node = v;
    link:
        node->header = h;
        if (*last)
            (*last)->next = node;
        else
            *first = node;
        *last = node;

        /* COMMA = SWS "," SWS, then another via-parm */
        sipw__sws(&cur, e);
        if (cur == e)
            return SIPW_OK;
        cur++; /* the "," where via_parm stopped */
        sipw__sws(&cur, e);
        if (cur == e)
            return sipw__tp_fail(tp, SIPW_EVALUE, e,
                                 "expected a via-parm after \",\"");
    }
}

sipw_status sipw_via_parse(const sipw_via **first, const char *s, size_t len,
                           sipw_arena *arena, sipw_error *err)
{
    static const sipw_str no_header = {NULL, 0};
    struct sipw_tp tp;
    sipw_via *f = NULL, *l = NULL;
    sipw_arena saved;
    sipw_status st;

    if (first)
        *first = NULL;
    if (!first || !arena || (!s && len)) {
        sipw__set_error(err, SIPW_EINVAL, s, 0, 0, no_header,
                        "NULL result, arena or buffer");
        return SIPW_EINVAL;
    }
    if (!s)
        s = "";
    tp.buf = s;
    tp.len = len;
    tp.header = no_header;
    tp.arena = arena;
    tp.err = err;
    tp.flags = 0;
    saved = *arena;
    st = sipw__via(&tp, s, len ? s + len : s, NULL, &f, &l);
    if (st != SIPW_OK) {
        *arena = saved; /* give the memory back */
        return st;
    }
    *first = f;
    return SIPW_OK;
}
