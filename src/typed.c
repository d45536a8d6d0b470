/* sipwire: runs the typed-header parsers over a framed message and makes
 * the message-level checks that need typed values: singleton headers
 * (RFC 4475 §3.3.8), the CSeq method (§8.1.1.5) and the Request-URI
 * (§19.1.1). */
#include <string.h>

#include "typed.h"

sipw_status sipw__tp_fail(const struct sipw_tp *tp, sipw_status st,
                          const char *at, const char *reason)
{
    sipw__set_error(tp->err, st, tp->buf, tp->len, (size_t)(at - tp->buf),
                    tp->header, reason);
    return st;
}

/* Byte classes for the hand-written fast loops (typed.h), as in
 * grammar/abnf.re (RFC 3261 section 25.1): SIPW_CC_TOKEN (1) token_char,
 * SIPW_CC_WORD (2) word_char, SIPW_CC_ALNUM (4) alphanum, SIPW_CC_ALPHA
 * (8) ALPHA. Bytes 0x80 and up are in none. */
const unsigned char sipw__cc[256] = {
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  /* 0x00 */
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  /* 0x10 */
     0,  3,  2,  0,  0,  3,  0,  3,  2,  2,  3,  3,  0,  3,  3,  2,  /* 0x20 */
     7,  7,  7,  7,  7,  7,  7,  7,  7,  7,  2,  0,  2,  0,  2,  2,  /* 0x30 */
     0, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15,  /* 0x40 */
    15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15,  2,  2,  2,  0,  3,  /* 0x50 */
     3, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15,  /* 0x60 */
    15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15,  2,  0,  2,  3,  0,  /* 0x70 */
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  /* 0x80 */
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  /* 0x90 */
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  /* 0xa0 */
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  /* 0xb0 */
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  /* 0xc0 */
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  /* 0xd0 */
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  /* 0xe0 */
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  /* 0xf0 */
};

/* The name-addr headers, in the order of their list slots below. */
#define NAMEADDR_HEADERS(X)                                                    \
    X(FROM, from) X(TO, to) X(CONTACT, contact) X(ROUTE, route)                \
    X(RECORD_ROUTE, record_route) X(REPLY_TO, reply_to)                        \
    X(REFER_TO, refer_to) X(P_ASSERTED_IDENTITY, p_asserted_identity)          \
    X(P_PREFERRED_IDENTITY, p_preferred_identity) X(PATH, path)                \
    X(SERVICE_ROUTE, service_route)

enum {
#define X(id, field) NA_##id,
    NAMEADDR_HEADERS(X)
#undef X
    NA__COUNT
};

/* Lists being built: head and tail of each. Small, because it is
 * cleared for every message. */
struct lists {
    sipw_via *via, *via_tail;
    sipw_nameaddr *na[NA__COUNT][2];
};

static unsigned nameaddr_flags(sipw_hdr id)
{
    switch (id) {
    case SIPW_HDR_FROM:
    case SIPW_HDR_TO:
    case SIPW_HDR_REPLY_TO:
    case SIPW_HDR_REFER_TO:
        return SIPW_NAMEADDR_ONE;
    case SIPW_HDR_CONTACT:
        return SIPW_NAMEADDR_LIST | SIPW_NAMEADDR_STAR;
    case SIPW_HDR_ROUTE:
    case SIPW_HDR_RECORD_ROUTE:
    case SIPW_HDR_P_ASSERTED_IDENTITY:
    case SIPW_HDR_P_PREFERRED_IDENTITY:
    case SIPW_HDR_PATH:
    case SIPW_HDR_SERVICE_ROUTE:
        return SIPW_NAMEADDR_LIST;
    default:
        return ~0u;
    }
}

/* Where a name-addr header's list goes in the message and while it is
 * built; NULL for the other headers. */
static const sipw_nameaddr **nameaddr_slot(sipw_msg *m, sipw_hdr id,
                                           struct lists *ls,
                                           sipw_nameaddr ***build)
{
    switch (id) {
#define X(hid, field)                                                          \
    case SIPW_HDR_##hid:                                                       \
        *build = ls->na[NA_##hid];                                             \
        return &m->field;
        NAMEADDR_HEADERS(X)
#undef X
    default:
        return NULL;
    }
}

/* A header parsed into one struct from the arena's top, stored in
 * m->field (set before parsing: a failed parse zeroes the message). */
#define TYPED(hid, type, field, parse)                                         \
    case SIPW_HDR_##hid: {                                                     \
        type *x_ = (type *)sipw__arena_top(tp->arena, sizeof(type));           \
        if (!x_)                                                               \
            return sipw__tp_fail(tp, SIPW_ENOMEM, v,                           \
                                 "arena too small for the typed headers");     \
        m->field = x_;                                                         \
        return parse(tp, v, e, x_);                                            \
    }

static sipw_status parse_line(sipw_msg *m, struct sipw_tp *tp,
                              const sipw_header *h, struct lists *ls)
{
    const char *v = h->value.p, *e = v + h->value.len;
    sipw_hdr id = (sipw_hdr)h->id;
    uint32_t n;
    sipw_status st;

    switch (id) {
    case SIPW_HDR_VIA:
        st = sipw__via(tp, v, e, h, &ls->via, &ls->via_tail);
        m->via = ls->via;
        return st;
    case SIPW_HDR_CALL_ID:
        st = sipw__callid(tp, v, e);
        if (st == SIPW_OK)
            m->call_id = h->value;
        return st;
    TYPED(CSEQ, sipw_cseq, cseq, sipw__cseq)
    case SIPW_HDR_MAX_FORWARDS:
        st = sipw__uint(tp, v, e, 255, &n);
        m->max_forwards = (int32_t)n;
        return st;
    case SIPW_HDR_EXPIRES:
        st = sipw__uint(tp, v, e, UINT32_MAX, &n);
        m->expires = n;
        return st;
    case SIPW_HDR_MIN_EXPIRES:
        st = sipw__uint(tp, v, e, UINT32_MAX, &n);
        m->min_expires = n;
        return st;
    TYPED(CONTENT_TYPE, sipw_media, content_type, sipw__media)
    TYPED(RETRY_AFTER, sipw_retry_after, retry_after, sipw__retry_after)
    TYPED(DATE, sipw_date, date, sipw__date)
    TYPED(EVENT, sipw_event, event, sipw__event)
    TYPED(SUBSCRIPTION_STATE, sipw_substate, subscription_state,
          sipw__substate)
    case SIPW_HDR_ALLOW:
    case SIPW_HDR_SUPPORTED:
        return sipw__token_list(tp, v, e, 1);
    case SIPW_HDR_REQUIRE:
    case SIPW_HDR_PROXY_REQUIRE:
    case SIPW_HDR_UNSUPPORTED:
        return sipw__token_list(tp, v, e, 0);
    default:
        break;
    }

    {
        sipw_nameaddr **l = NULL;
        const sipw_nameaddr **slot = nameaddr_slot(m, id, ls, &l);
        int star = 0;
        if (!slot || !l)
            return SIPW_OK; /* a header sipwire keeps as text */
        st = sipw__nameaddr(tp, v, e, nameaddr_flags(id), h, &l[0], &l[1],
                            &star);
        if (st != SIPW_OK)
            return st;
        /* "*" must be the only Contact value (§10.2.2), across lines. */
        if (id == SIPW_HDR_CONTACT && (m->contact_star || (star && l[0])))
            return sipw__tp_fail(tp, SIPW_EVALUE, v,
                                 "\"*\" must be the only Contact value "
                                 "(RFC 3261 section 10.2.2)");
        if (star)
            m->contact_star = 1;
        *slot = l[0];
        return SIPW_OK;
    }
}

sipw_status sipw__typed_parse(sipw_msg *m, const char *buf, size_t len,
                              sipw_arena *arena, sipw_error *err)
{
    struct sipw_tp tp;
    struct lists ls;
    size_t i;
    sipw_status st;

    memset(&ls, 0, sizeof ls);
    tp.buf = buf;
    tp.len = len;
    tp.arena = arena;
    tp.err = err;
    m->max_forwards = -1;
    m->expires = -1;
    m->min_expires = -1;

    if (m->type == SIPW_MSG_REQUEST) {
        /* sipw__uri() sets every field. */
        sipw_uri *u = (sipw_uri *)sipw__arena_take(arena, sizeof *u);
        tp.header.p = NULL;
        tp.header.len = 0;
        if (!u)
            return sipw__tp_fail(&tp, SIPW_ENOMEM, m->request_uri.p,
                                 "arena too small for the typed headers");
        st = sipw__uri(&tp, m->request_uri.p,
                       m->request_uri.p + m->request_uri.len, u);
        if (st != SIPW_OK)
            return st;
        /* §19.1.1, table 1: headers are not allowed in a SIP or SIPS
         * Request-URI (RFC 4475 §3.1.2.11). */
        if (u->scheme_id != SIPW_SCHEME_OTHER && u->scheme_id !=
            SIPW_SCHEME_TEL && u->headers.p)
            return sipw__tp_fail(&tp, SIPW_EVALUE, u->headers.p - 1,
                                 "headers (\"?\") are not allowed in a "
                                 "Request-URI (RFC 3261 section 19.1.1)");
        m->uri = u;
    }

    for (i = 0; i < m->nheaders; i++) {
        const sipw_header *h = &m->headers[i];
        tp.header = h->name;
        /* RFC 3261 §7.3.1 and RFC 4475 §3.3.8: a header whose grammar
         * has one value may not appear twice. */
        if ((sipw__hdr_flags[h->id] & SIPW_HDRF_SINGLE) && h->id !=
            SIPW_HDR_OTHER && m->first[h->id] != i + 1)
            return sipw__tp_fail(&tp, SIPW_EDUP, h->name.p,
                                 "header may appear only once");
        st = parse_line(m, &tp, h, &ls);
        if (st != SIPW_OK)
            return st;
    }

    /* §8.1.1.5: the CSeq method matches the request method. */
    if (m->type == SIPW_MSG_REQUEST && m->cseq &&
        !sipw_str_eq(m->cseq->method, m->method)) {
        tp.header = m->headers[m->first[SIPW_HDR_CSEQ] - 1].name;
        return sipw__tp_fail(&tp, SIPW_EVALUE, m->cseq->method.p,
                             "CSeq method differs from the request method "
                             "(RFC 3261 section 8.1.1.5)");
    }
    return SIPW_OK;
}

#undef TYPED
