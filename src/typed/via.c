/* SPDX-License-Identifier: MIT */
/* sipwire, typed layer: Via (<sipwire/via.h>): the checks of the
 * via-params sipwire picks out, the list of via-parms and the standalone
 * parser. The productions are in grammar/via.re. */
#include "typed/typed.h"

/* The value of one via-param: *pcur is past its EQUAL when has_value,
 * else past its name. k is the SIPW_VP_* bit the lexer found for the name
 * (0 for an extension); *seen collects them, to refuse a duplicate. */
sipw_status sipw__via_param(const struct sipw_tp *tp, const char **pcur,
                            const char *e, sipw_via *v, unsigned *seen,
                            unsigned bit, sipw_str name, int has_value)
{
    const char *cur = *pcur, *after_name = name.p + name.len;
    sipw_param pr;
    sipw_status st;

    if (bit & *seen)
        return sipw__tp_fail(tp, SIPW_EDUP, name.p, "duplicate parameter");
    *seen |= bit;

    if (bit == SIPW_VP_RECEIVED && has_value) {
        st = sipw__via_received(tp, &cur, e, &v->received);
        *pcur = cur;
        return st;
    }
    pr.value.p = NULL;
    pr.value.len = 0;
    pr.quoted = 0;
    if (has_value) {
        st = sipw__gvalue(tp, &cur, cur, e, &pr);
        if (st != SIPW_OK)
            return st;
    }
    *pcur = cur;

    if (!pr.value.p && bit && bit != SIPW_VP_RPORT)
        return sipw__tp_fail(tp, SIPW_EVALUE, after_name,
                             bit == SIPW_VP_BRANCH ? "branch needs a value"
                             : bit == SIPW_VP_RECEIVED ? "received needs a value"
                             : bit == SIPW_VP_MADDR ? "maddr needs a value"
                                              : "ttl needs a value");
    switch (bit) {
    case SIPW_VP_BRANCH:
        if (pr.quoted || *pr.value.p == '[')
            return sipw__tp_fail(tp, SIPW_EVALUE,
                                 pr.quoted ? pr.value.p - 1 : pr.value.p,
                                 "branch must be a token "
                                 "(RFC 3261 section 20.42)");
        v->branch = pr.value;
        break;
    case SIPW_VP_RPORT:
        v->has_rport = 1;
        v->rport = -1;
        if (pr.value.p) {
            v->rport = pr.quoted ? -1
                                 : sipw__port(pr.value.p, pr.value.p + pr.value.len);
            if (v->rport < 0)
                return sipw__tp_fail(tp, SIPW_EVALUE,
                                     pr.quoted ? pr.value.p - 1 : pr.value.p,
                                     "rport must be a port 0..65535 "
                                     "(RFC 3581)");
        }
        break;
    case SIPW_VP_MADDR:
        if (pr.quoted ||
            sipw__host(pr.value.p, pr.value.p + pr.value.len) ==
                SIPW_HOST_NONE)
            return sipw__tp_fail(tp, SIPW_EVALUE,
                                 pr.quoted ? pr.value.p - 1 : pr.value.p,
                                 "maddr must be a host "
                                 "(RFC 3261 section 20.42)");
        v->maddr = pr.value;
        break;
    case SIPW_VP_TTL:
        /* ttl = 1*3DIGIT, as in the URI parser */
        v->ttl = pr.quoted || pr.value.len > 3
                     ? -1
                     : sipw__ttl(pr.value.p, pr.value.p + pr.value.len);
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
        memset(&v, 0, sizeof v);
        st = sipw__via_parm(tp, &cur, e, &v);
        if (st != SIPW_OK)
            return st;
        node = (sipw_via *)sipw__tp_keep(tp, &v, sizeof v, start);
        if (!node)
            return SIPW_ENOMEM;
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
                           unsigned flags, sipw_arena *arena, sipw_error *err)
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
    /* No flag is defined yet; refusing the others now lets a later one
     * fail loudly on this version instead of being ignored. */
    if (flags & ~(unsigned)SIPW_VIA_DEFAULT) {
        sipw__set_error(err, SIPW_EINVAL, s, 0, 0, no_header,
                        "unknown flag bits");
        return SIPW_EINVAL;
    }
    sipw__tp_standalone(&tp, s, len, arena, err);
    saved = *arena;
    st = sipw__via(&tp, tp.buf, tp.buf + len, NULL, &f, &l);
    if (st != SIPW_OK) {
        *arena = saved; /* give the memory back */
        return st;
    }
    *first = f;
    return SIPW_OK;
}
