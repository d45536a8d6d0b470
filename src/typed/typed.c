/* sipwire: runs the typed-header parsers over a framed message and makes
 * the message-level checks that need typed values: singleton headers
 * (RFC 4475 §3.3.8), the CSeq method (§8.1.1.5) and the Request-URI
 * (§19.1.1). */
#include <string.h>

#include "typed/typed.h"

sipw_status sipw__tp_fail(const struct sipw_tp *tp, sipw_status st,
                          const char *at, const char *reason)
{
    sipw__set_error(tp->err, st, tp->buf, tp->len, (size_t)(at - tp->buf),
                    tp->header, reason);
    return st;
}

enum {
#define X(id, field) NA_##id,
    SIPW__NAMEADDR_HEADERS(X)
#undef X
    NA__COUNT
};

/* Lists being built: head and tail of each. Small, because it is
 * cleared for every message. */
struct lists {
    sipw_via *via, *via_tail;
    sipw_nameaddr *na[NA__COUNT][2];
    sipw_auth *auth[5][2]; /* in the order of auth_line()'s headers */
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
        SIPW__NAMEADDR_HEADERS(X)
#undef X
    default:
        return NULL;
    }
}

/* The authentication headers (RFC 3261 §20.7, §20.27, §20.28, §20.44):
 * the four lists run over every line; Authentication-Info is single. A
 * quoted message-qop that SIPW_PARSE_ALLOW_QUOTED_QOP let through is a warning. */
static sipw_status auth_line(sipw_msg *m, struct sipw_tp *tp,
                             const sipw_header *h, struct lists *ls)
{
    static const unsigned short ids[5] = {
        SIPW_HDR_WWW_AUTHENTICATE, SIPW_HDR_PROXY_AUTHENTICATE,
        SIPW_HDR_AUTHORIZATION, SIPW_HDR_PROXY_AUTHORIZATION,
        SIPW_HDR_AUTHENTICATION_INFO};
    const sipw_auth **slots[5];
    const sipw_auth *a;
    sipw_auth *before;
    unsigned i = 0, kind;
    sipw_status st;

    slots[0] = &m->www_authenticate;
    slots[1] = &m->proxy_authenticate;
    slots[2] = &m->authorization;
    slots[3] = &m->proxy_authorization;
    slots[4] = &m->authentication_info;
    while (ids[i] != h->id)
        i++;
    kind = i < 2 ? SIPW_AUTH_CHALLENGE
                 : i < 4 ? SIPW_AUTH_CREDENTIALS : SIPW_AUTH_INFO;
    before = ls->auth[i][1];
    st = sipw__auth(tp, h->value.p, h->value.p + h->value.len, kind, h,
                    &ls->auth[i][0], &ls->auth[i][1]);
    if (st != SIPW_OK)
        return st;
    *slots[i] = ls->auth[i][0];
    for (a = before ? before->next : ls->auth[i][0]; a; a = a->next)
        if (kind != SIPW_AUTH_CHALLENGE && (a->quoted & SIPW_AUTHP_QOP))
            m->warnings |= 1u << SIPW_WARN_QUOTED_QOP;
    return SIPW_OK;
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
    case SIPW_HDR_WWW_AUTHENTICATE:
    case SIPW_HDR_PROXY_AUTHENTICATE:
    case SIPW_HDR_AUTHORIZATION:
    case SIPW_HDR_PROXY_AUTHORIZATION:
    case SIPW_HDR_AUTHENTICATION_INFO:
        return auth_line(m, tp, h, ls);
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

/* 1 for the ids parse_line() parses; the others it keeps as text, so
 * the eager pass skips them without the call. */
static const unsigned char has_parser[SIPW_HDR__COUNT] = {
    [SIPW_HDR_VIA] = 1, [SIPW_HDR_CALL_ID] = 1, [SIPW_HDR_CSEQ] = 1,
    [SIPW_HDR_MAX_FORWARDS] = 1, [SIPW_HDR_EXPIRES] = 1,
    [SIPW_HDR_MIN_EXPIRES] = 1, [SIPW_HDR_CONTENT_TYPE] = 1,
    [SIPW_HDR_RETRY_AFTER] = 1, [SIPW_HDR_DATE] = 1, [SIPW_HDR_EVENT] = 1,
    [SIPW_HDR_SUBSCRIPTION_STATE] = 1, [SIPW_HDR_ALLOW] = 1,
    [SIPW_HDR_SUPPORTED] = 1, [SIPW_HDR_REQUIRE] = 1,
    [SIPW_HDR_PROXY_REQUIRE] = 1, [SIPW_HDR_UNSUPPORTED] = 1,
    [SIPW_HDR_WWW_AUTHENTICATE] = 1, [SIPW_HDR_PROXY_AUTHENTICATE] = 1,
    [SIPW_HDR_AUTHORIZATION] = 1, [SIPW_HDR_PROXY_AUTHORIZATION] = 1,
    [SIPW_HDR_AUTHENTICATION_INFO] = 1,
#define X(hid, field) [SIPW_HDR_##hid] = 1,
    SIPW__NAMEADDR_HEADERS(X)
#undef X
};

/* §8.1.1.5: the CSeq method matches the request method. */
static sipw_status check_cseq(const sipw_msg *m, struct sipw_tp *tp)
{
    if (m->type == SIPW_MSG_REQUEST && m->cseq &&
        !sipw_str_eq(m->cseq->method, m->method)) {
        tp->header = m->headers[m->first[SIPW_HDR_CSEQ] - 1].name;
        return sipw__tp_fail(tp, SIPW_EVALUE, m->cseq->method.p,
                             "CSeq method differs from the request method "
                             "(RFC 3261 section 8.1.1.5)");
    }
    return SIPW_OK;
}

/* Starts a pass over the lines of m: its context and empty lists. */
static void begin(const sipw_msg *m, struct sipw_tp *tp, struct lists *ls,
                  unsigned flags, sipw_arena *arena, sipw_error *err)
{
    memset(ls, 0, sizeof *ls);
    tp->buf = m->buf;
    tp->len = m->size;
    tp->header.p = NULL;
    tp->header.len = 0;
    tp->arena = arena;
    tp->err = err;
    tp->flags = flags;
}

/* Before a pass over every line: the scalar fields mean "absent" until a
 * line sets them. */
static void absent(sipw_msg *m)
{
    m->contact_star = 0;
    m->max_forwards = -1;
    m->expires = -1;
    m->min_expires = -1;
}

/* One header line of a pass: RFC 3261 §7.3.1 and RFC 4475 §3.3.8 (a
 * header whose grammar has one value may not appear twice; reported at
 * dup_at), then its parser, if it has one. */
static inline sipw_status one_line(sipw_msg *m, struct sipw_tp *tp,
                                   const sipw_header *h, struct lists *ls,
                                   const char *dup_at)
{
    tp->header = h->name;
    if ((sipw__hdr_flags[h->id] & SIPW_HDRF_SINGLE) &&
        h->id != SIPW_HDR_OTHER && h != &m->headers[m->first[h->id] - 1])
        return sipw__tp_fail(tp, SIPW_EDUP, dup_at,
                             "header may appear only once");
    if (!has_parser[h->id])
        return SIPW_OK;
    return parse_line(m, tp, h, ls);
}

sipw_status sipw__typed_parse(sipw_msg *m, const char *buf, size_t len,
                              unsigned flags, sipw_arena *arena,
                              sipw_error *err)
{
    struct sipw_tp tp;
    struct lists ls;
    size_t i;
    sipw_status st;

    begin(m, &tp, &ls, flags, arena, err);
    absent(m);
    tp.buf = buf;
    tp.len = len;
    if (m->type == SIPW_MSG_REQUEST) {
        /* sipw__uri() sets every field. */
        sipw_uri *u = (sipw_uri *)sipw__arena_take(arena, sizeof *u);
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
        st = one_line(m, &tp, h, &ls, h->name.p);
        if (st != SIPW_OK)
            return st;
    }
    return check_cseq(m, &tp);
}

/* The lazy path (SIPW_PARSE_LAZY): the lines of one header, on demand.
 * The same parsers and checks as the eager pass, so a lazy caller sees
 * the same values and errors, only later. */
sipw_status sipw__typed_header(sipw_msg *m, sipw_hdr id, sipw_arena *arena,
                               sipw_error *err)
{
    struct sipw_tp tp;
    struct lists ls;
    const sipw_header *h;
    sipw_status st;

    begin(m, &tp, &ls, m->parse_flags, arena, err);
    if (id == SIPW_HDR_CONTACT)
        m->contact_star = 0;
    for (h = sipw_msg_header(m, id); h; h = sipw_msg_header_next(m, h)) {
        st = one_line(m, &tp, h, &ls, h->name.p);
        if (st != SIPW_OK)
            return st;
    }
    return id == SIPW_HDR_CSEQ ? check_cseq(m, &tp) : SIPW_OK;
}

#undef TYPED

/* The builder's pass (src/build.c): the lines of a message whose values
 * live anywhere (the caller's buffer, the arena), so each value is its own
 * error buffer: offsets count from the start of the value in error and
 * *bad is the index of its line. The caller zeroes the typed fields first
 * and parses the Request-URI itself. */
sipw_status sipw__typed_lines(sipw_msg *m, sipw_arena *arena,
                              sipw_error *err, size_t *bad)
{
    struct sipw_tp tp;
    struct lists ls;
    size_t i;
    sipw_status st;

    begin(m, &tp, &ls, m->parse_flags, arena, err);
    absent(m);
    for (i = 0; i < m->nheaders; i++) {
        const sipw_header *h = &m->headers[i];
        *bad = i;
        tp.buf = h->value.p;
        tp.len = h->value.len;
        st = one_line(m, &tp, h, &ls, h->value.p);
        if (st != SIPW_OK)
            return st;
    }
    if (m->first[SIPW_HDR_CSEQ]) {
        const sipw_header *h = &m->headers[m->first[SIPW_HDR_CSEQ] - 1];
        *bad = m->first[SIPW_HDR_CSEQ] - 1u;
        tp.buf = h->value.p;
        tp.len = h->value.len;
        return check_cseq(m, &tp);
    }
    return SIPW_OK;
}
