/* SPDX-License-Identifier: MIT */
/* sipwire, typed layer: the name-addr family (<sipwire/nameaddr.h>): the
 * list of values of a header, the parameters a stack acts on (tag,
 * expires, q) and the standalone parser. The productions are in
 * grammar/nameaddr.re. */
#include <stddef.h>

#include "typed/typed.h"

/* Parameters picked out of the header parameters. */
enum { SEEN_TAG = 1, SEEN_EXPIRES = 2, SEEN_Q = 4 };

static const char *const no_space = "arena too small for the typed headers";

/* Picks tag, expires and q out of one header parameter. */
static sipw_status pick_param(const struct sipw_tp *tp, const sipw_param *pr,
                              sipw_nameaddr *na, unsigned *seen)
{
    /* No pointer arithmetic on the NULL of a parameter without a value. */
    const char *v = pr->value.p, *ve = v ? v + pr->value.len : v, *bad;
    const char *vat = pr->quoted ? v - 1 : v; /* the value as written */
    const char *no_value = pr->name.p + pr->name.len;
    unsigned which;

    switch (sipw__nameaddr_param_id(pr->name.p, no_value)) {
    case 1: which = SEEN_TAG; break;
    case 2: which = SEEN_EXPIRES; break;
    case 3: which = SEEN_Q; break;
    default: return SIPW_OK;
    }
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
        bad = sipw__span(v, ve, SIPW_CC_TOKEN);
        if (v == ve || bad != ve)
            return sipw__tp_fail(tp, SIPW_EVALUE, v == ve ? ve : bad,
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
        {
            int64_t n;
            sipw_status st = sipw__nameaddr_expires(tp, v, ve, &n);
            na->expires = (uint32_t)n;
            return st;
        }
    default: /* c-p-q = "q" EQUAL qvalue */
        if (!v)
            return sipw__tp_fail(tp, SIPW_EVALUE, no_value,
                                 "q needs a value (RFC 3261 section "
                                 "20.10)");
        if (pr->quoted || !sipw__qvalue(v, ve))
            return sipw__tp_fail(tp, SIPW_EVALUE, vat,
                                 "q must be a qvalue from 0 to 1 with at "
                                 "most 3 decimals (RFC 3261 section "
                                 "20.10)");
        na->q = pr->value;
        return SIPW_OK;
    }
}

/* One value at *pcur: ( name-addr / addr-spec ) *( SEMI param ). On
 * SIPW_OK *pcur is at the "," that ends it or at e. The raw parameter
 * list runs from the first ";" to the end of the last parameter. */
static sipw_status one_value(const struct sipw_tp *tp, const char **pcur,
                             const char *e, sipw_nameaddr *na)
{
    const char *cur = *pcur, *q;
    unsigned seen = 0;
    sipw_param pr;
    sipw_status st = sipw__nameaddr_addr(tp, &cur, e, na);

    if (st != SIPW_OK)
        return st;
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
        st = sipw__gparam(tp, &q, e, &pr, 0);
        if (st != SIPW_OK)
            return st;
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
        /* Zeroed but for the URI, which sipw__uri() zeroes itself on every
         * path that reaches it; the others fail the value. */
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
    sipw__tp_standalone(&tp, s, len, arena, err);
    saved = *arena;
    st = sipw__nameaddr(&tp, tp.buf, tp.buf + len, flags, NULL, &f, &l, &st_);
    if (st != SIPW_OK) {
        *arena = saved;
        return st;
    }
    *first = f;
    if (star)
        *star = st_;
    return SIPW_OK;
}
