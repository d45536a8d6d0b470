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
 * One pass, left to right. Commas split values only outside quoted
 * strings and "<>" because each piece is lexed in order: the quoted
 * display name by sipw__quoted(), the bracketed URI up to its ">", the
 * parameters by sipw__gparam(). The URI itself goes to sipw__uri(). */
#include <stddef.h>
#include <string.h>

#include "base/scan.h"
#include "typed/typed.h"

/*!include:re2c "abnf_old.re" */
/*!include:re2c "lexer_old.re" */

/*!re2c
    // Bytes of an addr-spec inside "<>": anything up to ">" but LWS
    // (RFC 4475 §3.1.2.14); sipw__uri() judges the rest.
    aspec_char = [^> \t\r\n];
    // An addr-spec without "<>" ends at ";", "," or LWS, and may not hold
    // "?" (RFC 3261 §20.10).
    bare_char  = [^;,? \t\r\n];
*/

/* Parameters picked out of the header parameters. */
enum { SEEN_TAG = 1, SEEN_EXPIRES = 2, SEEN_Q = 4 };

static const char *const no_space = "arena too small for the typed headers";


/* token (§25.1) that is exactly [p, e): NULL when it is, else the first
 * byte that is not a token byte (e for an empty value). */
static const char *not_token(const char *p, const char *e)
{
    const char *end = sipw__span(p, e, SIPW_CC_TOKEN);

    if (p == e)
        return e;
    return end == e ? NULL : end;
}

/* delta-seconds = 1*DIGIT (§20.10, §20.19), at most 2^32-1; leading
 * zeros are allowed (RFC 4475 §3.1.1.1). */
static sipw_status delta_seconds(const struct sipw_tp *tp, const char *p,
                                 const char *e, uint32_t *out)
{
    const char *cur = p, *lim = e, *mar = p, *d;
    uint64_t n = 0;
    int ended = 0;
    int *const hit_end = &ended;
    (void)mar;
    /*!re2c
        DIGIT+ {
            if (cur != lim)
                return sipw__tp_fail(tp, SIPW_EVALUE, cur,
                                     "expires must be decimal digits "
                                     "(RFC 3261 section 20.10)");
            for (d = p; d < cur; d++) {
                n = n * 10 + (uint64_t)(*d - '0');
                if (n > UINT32_MAX)
                    return sipw__tp_fail(tp, SIPW_EVALUE, p,
                                         "expires is larger than "
                                         "4294967295");
            }
            *out = (uint32_t)n;
            return SIPW_OK;
        }
        $ {
            return sipw__tp_fail(tp, SIPW_EVALUE, cur,
                                 "expires must be decimal digits "
                                 "(RFC 3261 section 20.10)");
        }
        * {
            return sipw__tp_fail(tp, SIPW_EVALUE, cur - 1,
                                 "expires must be decimal digits "
                                 "(RFC 3261 section 20.10)");
        }
    */
}

/* qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ) (§20.10),
 * exactly [p, e). */
static int qvalue(const char *p, const char *e)
{
    const char *cur = p, *lim = e, *mar = p;
    int ended = 0;
    int *const hit_end = &ended;
    (void)mar;
    /*!re2c
        "0" ("." DIGIT{0,3})? { return cur == lim; }
        "1" ("." "0"{0,3})?   { return cur == lim; }
        $                     { return 0; }
        *                     { return 0; }
    */
}

/* Picks tag, expires and q out of one header parameter. */
static sipw_status pick_param(const struct sipw_tp *tp, const sipw_param *pr,
                              sipw_nameaddr *na, unsigned *seen)
{
    /* No pointer arithmetic on the NULL of a parameter without a value. */
    const char *v = pr->value.p, *ve = v ? v + pr->value.len : v, *bad;
    const char *vat = pr->quoted ? v - 1 : v; /* the value as written */
    const char *no_value = pr->name.p + pr->name.len;
    unsigned which;

    /* The name, ignoring case. */
    if (pr->name.len == 3 && sipw__lower_eq(pr->name.p, "tag", 3))
        which = SEEN_TAG;
    else if (pr->name.len == 7 && sipw__lower_eq(pr->name.p, "expires", 7))
        which = SEEN_EXPIRES;
    else if (pr->name.len == 1 && (*pr->name.p | 0x20) == 'q')
        which = SEEN_Q;
    else
        return SIPW_OK;
    if (*seen & which)
        return sipw__tp_fail(tp, SIPW_EDUP, pr->name.p,
                             "duplicate parameter");
    *seen |= which;

    switch (which) {
    case SEEN_TAG: /* tag-param = "tag" EQUAL token (§20.20) */
        if (!v)
            return sipw__tp_fail(tp, SIPW_EVALUE, no_value,
                                 "tag needs a value (RFC 3261 section "
                                 "19.3)");
        if (pr->quoted)
            return sipw__tp_fail(tp, SIPW_EVALUE, vat,
                                 "tag must be a token, not a quoted "
                                 "string");
        bad = not_token(v, ve);
        if (bad)
            return sipw__tp_fail(tp, SIPW_EVALUE, bad,
                                 "tag must be a token (RFC 3261 section "
                                 "25.1)");
        na->tag = pr->value;
        return SIPW_OK;
    case SEEN_EXPIRES: /* c-p-expires = "expires" EQUAL delta-seconds */
        if (!v)
            return sipw__tp_fail(tp, SIPW_EVALUE, no_value,
                                 "expires needs a value (RFC 3261 "
                                 "section 20.10)");
        if (pr->quoted)
            return sipw__tp_fail(tp, SIPW_EVALUE, vat,
                                 "expires must be decimal digits "
                                 "(RFC 3261 section 20.10)");
        na->has_expires = 1;
        return delta_seconds(tp, v, ve, &na->expires);
    default: /* c-p-q = "q" EQUAL qvalue */
        if (!v)
            return sipw__tp_fail(tp, SIPW_EVALUE, no_value,
                                 "q needs a value (RFC 3261 section "
                                 "20.10)");
        if (pr->quoted || !qvalue(v, ve))
            return sipw__tp_fail(tp, SIPW_EVALUE, vat,
                                 "q must be a qvalue from 0 to 1 with at "
                                 "most 3 decimals (RFC 3261 section "
                                 "20.10)");
        na->q = pr->value;
        return SIPW_OK;
    }
}

/* The common shapes of a name-addr or addr-spec at p, up to its header
 * parameters:
 *   [ token *(SP token) [SP] / quoted-string [SP] ] "<" URI ">"
 *   URI
 * with white space only as single-or-more SP, a quoted string without
 * quoted-pairs or folds, and a URI of the shape sipw__uri_fast() takes.
 * Returns the byte after it, having set na->display, display_quoted,
 * angle and uri as one_value() does on its way to the parameters; NULL
 * for any other input, which one_value() then lexes from the start.
 *
 * Why it agrees: the display tokens, the SP between them and the "<"
 * are what the display_name rules match; the quoted string is what
 * sipw__quoted() finds (the same qdtext run, no quoted-pair); the URI
 * bytes hold no ">", so the first ">" ends it, as the memchr() in
 * `angle` finds; an addr-spec's URI bytes are all bare_char and it ends
 * at ";", "," or SP, where the bare_char run ends, with no "?" after. */
static const char *fast_addr(const char *p, const char *e, sipw_nameaddr *na)
{
    const char *cur = p, *de, *end;

    if (cur == e)
        return NULL;
    if (*cur == '"') {
        end = sipw__skip_qdtext(cur + 1, e);
        if (end == e || *end != '"')
            return NULL;
        na->display.p = cur + 1;
        na->display.len = (size_t)(end - cur - 1);
        na->display_quoted = 1;
        cur = end + 1;
        while (cur < e && *cur == ' ')
            cur++;
    } else if (*cur != '<') {
        de = sipw__span(cur, e, SIPW_CC_TOKEN);
        if (de == cur)
            return NULL;
        if (de < e && *de == ':') {
            /* token ":": an addr-spec */
            end = sipw__uri_fast(p, e, 0, &na->uri);
            if (!end || (end < e && *end != ';' && *end != ',' && *end != ' '))
                return NULL;
            return end;
        }
        for (;;) {
            cur = de;
            while (cur < e && *cur == ' ')
                cur++;
            if (cur == e || *cur == '<')
                break;
            end = sipw__span(cur, e, SIPW_CC_TOKEN);
            if (cur == de || end == cur)
                return NULL;
            de = end;
        }
        na->display.p = p;
        na->display.len = (size_t)(de - p);
    }
    if (cur == e || *cur != '<')
        return NULL;
    end = sipw__uri_fast(cur + 1, e, 1, &na->uri);
    if (!end || end == e || *end != '>')
        return NULL;
    na->angle = 1;
    return end + 1;
}

/* One value at *pcur: ( name-addr / addr-spec ) *( SEMI param ). On
 * SIPW_OK *pcur is at the "," that ends it or at e. */
static sipw_status one_value(const struct sipw_tp *tp, const char **pcur,
                             const char *e, sipw_nameaddr *na)
{
    const char *cur = *pcur, *lim = e, *mar = cur;
    const char *tok, *ds = cur, *de = cur, *lt = cur, *u, *q;
    unsigned seen = 0;
    sipw_param pr;
    sipw_status st;
    int ended = 0;
    int *const hit_end = &ended;
    (void)mar;

    if (!(tp->flags & SIPW__TP_SLOW)) {
        q = fast_addr(cur, e, na);
        if (q) {
            cur = q;
            goto params;
        }
        /* What fast_addr() may have set; the URI is zeroed by sipw__uri()
         * on every path that succeeds. */
        na->display.p = NULL;
        na->display.len = 0;
        na->display_quoted = 0;
        na->angle = 0;
    }

    /* Which form: an addr-spec (scheme ":"), a display name or "<". */
    tok = cur;
    /*!re2c
        token ":" { cur = tok; goto addr_spec; }
        token     { ds = tok; de = cur; goto display_name; }
        DQUOTE    { cur = tok; goto quoted_display; }
        "<"       { lt = tok; goto angle; }
        "," {
            return sipw__tp_fail(tp, SIPW_EVALUE, tok, "empty value");
        }
        $ { return sipw__tp_fail(tp, SIPW_EVALUE, cur, "empty value"); }
        * {
            return sipw__tp_fail(tp, SIPW_EVALUE, tok,
                                 "expected a URI, a display name or \"<\" "
                                 "(RFC 3261 section 25.1)");
        }
    */

display_name:
    /* display-name = *(token LWS): tokens until "<". LWS before "<" is
     * optional (RFC 4475 §3.1.1.6). The slice is the tokens and the LWS
     * between them, as written. */
    tok = cur;
    /*!re2c
        LWS   { goto display_name; }
        token { de = cur; goto display_name; }
        "<" {
            na->display.p = ds;
            na->display.len = (size_t)(de - ds);
            lt = tok;
            goto angle;
        }
        $ {
            return sipw__tp_fail(tp, SIPW_EVALUE, cur,
                                 "expected \"<\" after the display name");
        }
        * {
            return sipw__tp_fail(tp, SIPW_EVALUE, tok,
                                 "invalid character in display name "
                                 "(RFC 3261 section 25.1)");
        }
    */

quoted_display:
    /* display-name = quoted-string, kept without its quotes. */
    st = sipw__quoted(tp, &cur, e, &na->display);
    if (st != SIPW_OK)
        return st;
    na->display_quoted = 1;
after_quote:
    tok = cur;
    /*!re2c
        LWS { goto after_quote; }
        "<" { lt = tok; goto angle; }
        $ {
            return sipw__tp_fail(tp, SIPW_EVALUE, cur,
                                 "expected \"<\" after the display name");
        }
        * {
            return sipw__tp_fail(tp, SIPW_EVALUE, tok,
                                 "expected \"<\" after the display name");
        }
    */

angle:
    /* LAQUOT addr-spec RAQUOT: the URI is everything up to ">", without
     * LWS (RFC 4475 §3.1.2.14). Fast path: no URI holds LWS, so a URI
     * that parses up to the first ">" is the one the lexer below finds;
     * any error is left to the lexer, which reports it in order. */
    u = cur;
    tok = cur;
    q = (const char *)memchr(cur, '>', (size_t)(e - cur));
    if (q && q > u && sipw__uri(tp, u, q, &na->uri) == SIPW_OK) {
        cur = q + 1;
        na->angle = 1;
        goto params;
    }
    /*!re2c
        aspec_char* ">" {
            if (cur - 1 == u)
                return sipw__tp_fail(tp, SIPW_EVALUE, u,
                                     "empty URI in \"<>\"");
            st = sipw__uri(tp, u, cur - 1, &na->uri);
            if (st != SIPW_OK)
                return st;
            na->angle = 1;
            goto params;
        }
        aspec_char+ { goto angle_stop; }
        $           { goto angle_stop; }
        *           { cur = tok; goto angle_stop; }
    */
angle_stop:
    /* cur is at e or at LWS: a ">" further on means LWS in the URI. */
    if (cur == e || !memchr(cur, '>', (size_t)(e - cur)))
        return sipw__tp_fail(tp, SIPW_EVALUE, lt, "unterminated \"<\"");
    return sipw__tp_fail(tp, SIPW_EVALUE, cur,
                         "LWS is not allowed inside \"<>\" (RFC 3261 "
                         "section 25.1)");

addr_spec:
    /* addr-spec without "<>" (§20.10): it ends at ";", "," or LWS, and a
     * URI with "?" must be written in "<>" (RFC 4475 §3.1.2.13). */
    u = cur;
    tok = cur;
    /*!re2c
        bare_char+ "?" {
            return sipw__tp_fail(tp, SIPW_EVALUE, cur - 1,
                                 "a URI with \"?\" must be in \"<>\" (RFC "
                                 "3261 section 20.10)");
        }
        bare_char+ {
            st = sipw__uri(tp, u, cur, &na->uri);
            if (st != SIPW_OK)
                return st;
            goto params;
        }
        $ { return sipw__tp_fail(tp, SIPW_EVALUE, cur, "empty value"); }
        * {
            return sipw__tp_fail(tp, SIPW_EVALUE, tok,
                                 "expected a URI (RFC 3261 section 25.1)");
        }
    */

params:
    /* *( SEMI param ): the raw list runs from the first ";" to the end of
     * the last parameter. */
    for (;;) {
        q = cur;
        sipw__sws(&q, e);
        if (q == e || *q == ',') {
            *pcur = q;
            return SIPW_OK;
        }
        if (*q != ';')
            return sipw__tp_fail(tp, SIPW_EVALUE, q,
                                 "expected \";\" or the end of the value");
        if (!na->params.p)
            na->params.p = q;
        /* Fast path: ";" token [ "=" token ] up to ";", "," or e, what the
         * fast path of sipw__gparam() and then sipw__gvalue() return for
         * it, without the calls. */
        tok = q + 1;
        ds = sipw__span(tok, e, SIPW_CC_TOKEN);
        de = ds < e && *ds == '=' ? sipw__span(ds + 1, e, SIPW_CC_TOKEN) : ds;
        if (!(tp->flags & SIPW__TP_SLOW) && ds > tok && de != ds + 1 &&
            (de == e || *de == ';' || *de == ',')) {
            pr.name.p = tok;
            pr.name.len = (size_t)(ds - tok);
            pr.value.p = de == ds ? NULL : ds + 1;
            pr.value.len = de == ds ? 0 : (size_t)(de - ds - 1);
            pr.quoted = 0;
            q = de;
        } else {
            st = sipw__gparam(tp, &q, e, &pr, 0);
            if (st != SIPW_OK)
                return st;
        }
        cur = q;
        na->params.len = (size_t)(cur - na->params.p);
        st = pick_param(tp, &pr, na, &seen);
        if (st != SIPW_OK)
            return st;
    }
}

sipw_status sipw__nameaddr(const struct sipw_tp *tp, const char *p,
                           const char *e, unsigned flags,
                           const sipw_header *h, sipw_nameaddr **first,
                           sipw_nameaddr **last, int *star)
{
    const char *cur = p, *star_at = NULL, *q;
    sipw_nameaddr *head = NULL, *tail = NULL, *na;
    sipw_status st;

    for (;;) {
        /* STAR (§20.10): a lone "*", the only value of the header. */
        if ((flags & SIPW_NAMEADDR_STAR) && cur < e && *cur == '*') {
            q = cur + 1;
            sipw__sws(&q, e);
            if (q == e || *q == ',') {
                if (head || star_at)
                    return sipw__tp_fail(tp, SIPW_EVALUE, cur,
                                         "\"*\" must be the only value "
                                         "(RFC 3261 section 10.2.2)");
                star_at = cur;
                cur = q;
                goto next;
            }
            if (*q == ';')
                return sipw__tp_fail(tp, SIPW_EVALUE, q,
                                     "\"*\" takes no parameters (RFC 3261 "
                                     "section 20.10)");
        }
        /* The value after a "*" is the one in error, as the value after
         * a "Contact: *" line is (src/typed.c). */
        if (star_at)
            return sipw__tp_fail(tp, SIPW_EVALUE, cur,
                                 "\"*\" must be the only value (RFC 3261 "
                                 "section 10.2.2)");
        na = (sipw_nameaddr *)sipw__arena_take(tp->arena, sizeof *na);
        if (!na)
            return sipw__tp_fail(tp, SIPW_ENOMEM, cur, no_space);
        /* Zeroed but for the URI, which one_value() hands to sipw__uri()
         * on every path that succeeds, and sipw__uri() zeroes it first. */
        memset(na, 0, offsetof(sipw_nameaddr, uri));
        memset(&na->uri + 1, 0, sizeof *na - offsetof(sipw_nameaddr, uri) -
                                    sizeof na->uri);
        st = one_value(tp, &cur, e, na);
        if (st != SIPW_OK)
            return st;
        na->header = h;
        if (tail)
            tail->next = na;
        else
            head = na;
        tail = na;
    next:
        if (cur == e)
            break;
        /* cur is at a "," outside quotes and "<>". */
        if (!(flags & SIPW_NAMEADDR_LIST))
            return sipw__tp_fail(tp, SIPW_EVALUE, cur,
                                 "header takes a single value");
        cur++;
        sipw__sws(&cur, e);
    }

    if (head) {
        if (*last)
            (*last)->next = head;
        else
            *first = head;
        *last = tail;
    }
    if (star_at && star)
        *star = 1;
    return SIPW_OK;
}

sipw_status sipw_nameaddr_parse(const sipw_nameaddr **first, int *star,
                                const char *s, size_t len, unsigned flags,
                                sipw_arena *arena, sipw_error *err)
{
    static const sipw_str no_header = {NULL, 0};
    struct sipw_tp tp;
    sipw_nameaddr *f = NULL, *l = NULL;
    sipw_arena saved;
    int st_ = 0;
    sipw_status st;

    if (star)
        *star = 0;
    if (first)
        *first = NULL;
    if (!first || !arena || (!s && len) ||
        ((flags & SIPW_NAMEADDR_STAR) && !star)) {
        sipw__set_error(err, SIPW_EINVAL, s, 0, 0, no_header,
                        "NULL list, arena, buffer or star");
        return SIPW_EINVAL;
    }
    if (flags & ~(unsigned)(SIPW_NAMEADDR_LIST | SIPW_NAMEADDR_STAR)) {
        sipw__set_error(err, SIPW_EINVAL, s, 0, 0, no_header,
                        "unknown flag bits");
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
    st = sipw__nameaddr(&tp, s, len ? s + len : s, flags, NULL, &f, &l, &st_);
    if (st != SIPW_OK) {
        *arena = saved;
        return st;
    }
    *first = f;
    if (star)
        *star = st_;
    return SIPW_OK;
}
