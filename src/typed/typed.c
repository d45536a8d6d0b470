/* SPDX-License-Identifier: MIT */
/* sipwire: runs the typed-header parsers over a framed message and makes
 * the message-level checks that need typed values: singleton headers
 * (RFC 4475 §3.3.8), the CSeq method (§8.1.1.5) and the Request-URI
 * (§19.1.1). */
#include <stddef.h>
#include <string.h>

#include "typed/typed.h"

sipw_status sipw__tp_fail(const struct sipw_tp *tp, sipw_status st,
                          const char *at, const char *reason)
{
    sipw__set_error(tp->err, st, tp->buf, tp->len, (size_t)(at - tp->buf),
                    tp->header, reason);
    return st;
}

void sipw__tp_standalone(struct sipw_tp *tp, const char *s, size_t len,
                         sipw_arena *arena, sipw_error *err)
{
    tp->buf = s ? s : "";
    tp->len = len;
    tp->header.p = NULL;
    tp->header.len = 0;
    tp->arena = arena;
    tp->err = err;
    tp->flags = 0;
}

/* Lists being built, head and tail of each list-shaped header of
 * SIPW_TYPED_HEADERS. Small, because it is cleared for every message. */
#define LIST_VIA_LIST(id) sipw_via *id[2];
#define LIST_NAMEADDR(id) sipw_nameaddr *id[2];
#define LIST_NAMEADDR_LIST(id) sipw_nameaddr *id[2];
#define LIST_CONTACT(id) sipw_nameaddr *id[2];
#define LIST_CHALLENGES(id) sipw_auth *id[2];
#define LIST_CREDENTIALS(id) sipw_auth *id[2];
#define LIST_AUTH_INFO(id) sipw_auth *id[2];
#define LIST_CALLID(id)
#define LIST_CSEQ(id)
#define LIST_UINT8(id)
#define LIST_DELTA(id)
#define LIST_LENGTH(id)
#define LIST_MEDIA(id)
#define LIST_RETRY_AFTER(id)
#define LIST_DATE(id)
#define LIST_EVENT(id)
#define LIST_SUBSTATE(id)
#define LIST_TOKENS(id)
#define LIST_TOKENS1(id)
#define LIST_RSEQ(id)
#define LIST_RACK(id)

struct lists {
#define X(id, field, shape) LIST_##shape(id)
    SIPW_TYPED_HEADERS(X)
#undef X
};

/* --- one line of each shape -------------------------------------------- */

static sipw_status via_line(struct sipw_tp *tp, const sipw_header *h,
                            sipw_via **l, const sipw_via **slot)
{
    sipw_status st = sipw__via(tp, h->value.p, h->value.p + h->value.len, h,
                               &l[0], &l[1]);
    *slot = l[0];
    return st;
}

static sipw_status nameaddr_line(struct sipw_tp *tp, const sipw_header *h,
                                 sipw_nameaddr **l,
                                 const sipw_nameaddr **slot, unsigned flags)
{
    int star = 0;
    sipw_status st = sipw__nameaddr(tp, h->value.p,
                                    h->value.p + h->value.len, flags, h,
                                    &l[0], &l[1], &star);
    if (st == SIPW_OK)
        *slot = l[0];
    return st;
}

/* Contact: a name-addr list, or "*", which must be the only Contact value
 * (§10.2.2), across lines. */
static sipw_status contact_line(struct sipw_tp *tp, const sipw_header *h,
                                sipw_nameaddr **l,
                                const sipw_nameaddr **slot, int *star_slot)
{
    int star = 0;
    sipw_status st = sipw__nameaddr(
        tp, h->value.p, h->value.p + h->value.len,
        SIPW_NAMEADDR_LIST | SIPW_NAMEADDR_STAR, h, &l[0], &l[1], &star);
    if (st != SIPW_OK)
        return st;
    if (*star_slot || (star && l[0]))
        return sipw__tp_fail(tp, SIPW_EVALUE, h->value.p,
                             "\"*\" must be the only Contact value "
                             "(RFC 3261 section 10.2.2)");
    if (star)
        *star_slot = 1;
    *slot = l[0];
    return SIPW_OK;
}

/* The authentication headers (RFC 3261 §20.7, §20.27, §20.28, §20.44):
 * the lists run over every line; Authentication-Info is single. A quoted
 * message-qop that SIPW_PARSE_ALLOW_QUOTED_QOP let through is a warning. */
static sipw_status auth_line(sipw_msg *m, struct sipw_tp *tp,
                             const sipw_header *h, sipw_auth **l,
                             const sipw_auth **slot, unsigned kind)
{
    const sipw_auth *a;
    sipw_auth *before = l[1];
    sipw_status st = sipw__auth(tp, h->value.p, h->value.p + h->value.len,
                                kind, h, &l[0], &l[1]);
    if (st != SIPW_OK)
        return st;
    *slot = l[0];
    for (a = before ? before->next : l[0]; a; a = a->next)
        if (kind != SIPW_AUTH_CHALLENGE && (a->quoted & SIPW_AUTHP_QOP))
            m->warnings |= 1u << SIPW_WARN_QUOTED_QOP;
    return SIPW_OK;
}

static sipw_status callid_line(struct sipw_tp *tp, const sipw_header *h,
                               sipw_str *slot)
{
    sipw_status st = sipw__callid(tp, h->value.p, h->value.p + h->value.len);
    if (st == SIPW_OK)
        *slot = h->value;
    return st;
}

/* A value parsed into one struct from the arena's top, stored in the slot
 * before parsing (a failed parse zeroes the message). */
#define STRUCT_LINE(type, parse, slot)                                         \
    do {                                                                       \
        const char *v_ = h->value.p;                                           \
        type *x_ = (type *)sipw__arena_top(tp->arena, sizeof(type));           \
        if (!x_)                                                               \
            return sipw__tp_fail(tp, SIPW_ENOMEM, v_,                          \
                                 "arena too small for the typed headers");     \
        (slot) = x_;                                                           \
        return parse(tp, v_, v_ + h->value.len, x_);                           \
    } while (0)

/* A number of at most max, stored whatever the verdict (0 on an error),
 * as the slot of an absent header holds -1 until then. */
#define NUMBER_LINE(max, slot, type)                                           \
    do {                                                                       \
        uint32_t n_;                                                           \
        sipw_status st_ = sipw__uint(tp, h->value.p,                           \
                                     h->value.p + h->value.len, (max), &n_);   \
        (slot) = (type)n_;                                                     \
        return st_;                                                            \
    } while (0)

static sipw_status rseq_line(struct sipw_tp *tp, const sipw_header *h,
                             uint32_t *slot)
{
    uint32_t n;
    sipw_status st = sipw__rseq(tp, h->value.p, h->value.p + h->value.len,
                                &n);
    *slot = n;
    return st;
}

/* The body of the parser of each shape: id and field of the registry
 * entry; m, tp, h and ls are the parser's arguments. LENGTH has none
 * (framing read Content-Length), hence no PARSE_LENGTH. */
#define PARSE_VIA_LIST(id, f) return via_line(tp, h, ls->id, &m->f);
#define PARSE_NAMEADDR(id, f)                                                  \
    return nameaddr_line(tp, h, ls->id, &m->f, SIPW_NAMEADDR_ONE);
#define PARSE_NAMEADDR_LIST(id, f)                                             \
    return nameaddr_line(tp, h, ls->id, &m->f, SIPW_NAMEADDR_LIST);
#define PARSE_CONTACT(id, f)                                                   \
    return contact_line(tp, h, ls->id, &m->f, &m->f##_star);
#define PARSE_CHALLENGES(id, f)                                                \
    return auth_line(m, tp, h, ls->id, &m->f, SIPW_AUTH_CHALLENGE);
#define PARSE_CREDENTIALS(id, f)                                               \
    return auth_line(m, tp, h, ls->id, &m->f, SIPW_AUTH_CREDENTIALS);
#define PARSE_AUTH_INFO(id, f)                                                 \
    return auth_line(m, tp, h, ls->id, &m->f, SIPW_AUTH_INFO);
#define PARSE_CALLID(id, f) return callid_line(tp, h, &m->f);
#define PARSE_CSEQ(id, f) STRUCT_LINE(sipw_cseq, sipw__cseq, m->f);
#define PARSE_UINT8(id, f) NUMBER_LINE(255, m->f, int32_t);
#define PARSE_DELTA(id, f) NUMBER_LINE(UINT32_MAX, m->f, int64_t);
#define PARSE_MEDIA(id, f) STRUCT_LINE(sipw_media, sipw__media, m->f);
#define PARSE_RETRY_AFTER(id, f)                                               \
    STRUCT_LINE(sipw_retry_after, sipw__retry_after, m->f);
#define PARSE_DATE(id, f) STRUCT_LINE(sipw_date, sipw__date, m->f);
#define PARSE_EVENT(id, f) STRUCT_LINE(sipw_event, sipw__event, m->f);
#define PARSE_SUBSTATE(id, f)                                                  \
    STRUCT_LINE(sipw_substate, sipw__substate, m->f);
#define PARSE_TOKENS(id, f)                                                    \
    return sipw__token_list(tp, h->value.p, h->value.p + h->value.len, 1);
#define PARSE_TOKENS1(id, f)                                                   \
    return sipw__token_list(tp, h->value.p, h->value.p + h->value.len, 0);
#define PARSE_RSEQ(id, f) return rseq_line(tp, h, &m->f);
#define PARSE_RACK(id, f) STRUCT_LINE(sipw_rack, sipw__rack, m->f);

typedef sipw_status (*line_parser)(sipw_msg *m, struct sipw_tp *tp,
                                   const sipw_header *h, struct lists *ls);

/* One parser per registry entry (p_VIA, p_FROM...), and the table of
 * them by header id; NULL for the ids sipwire keeps as text, which the
 * pass skips without a call. DEF_ and FN_ give LENGTH none. */
#define DEF_(id, field, shape)                                                 \
    static sipw_status p_##id(sipw_msg *m, struct sipw_tp *tp,                 \
                              const sipw_header *h, struct lists *ls)          \
    {                                                                          \
        (void)m;                                                               \
        (void)ls;                                                              \
        PARSE_##shape(id, field)                                               \
    }
#define DEF_LENGTH(id, field)
#define FN_(id) [SIPW_HDR_##id] = p_##id,
#define FN_LENGTH(id)

#define X(id, field, shape) DEF_##shape(id, field)
#define DEF_VIA_LIST(id, f) DEF_(id, f, VIA_LIST)
#define DEF_NAMEADDR(id, f) DEF_(id, f, NAMEADDR)
#define DEF_NAMEADDR_LIST(id, f) DEF_(id, f, NAMEADDR_LIST)
#define DEF_CONTACT(id, f) DEF_(id, f, CONTACT)
#define DEF_CHALLENGES(id, f) DEF_(id, f, CHALLENGES)
#define DEF_CREDENTIALS(id, f) DEF_(id, f, CREDENTIALS)
#define DEF_AUTH_INFO(id, f) DEF_(id, f, AUTH_INFO)
#define DEF_CALLID(id, f) DEF_(id, f, CALLID)
#define DEF_CSEQ(id, f) DEF_(id, f, CSEQ)
#define DEF_UINT8(id, f) DEF_(id, f, UINT8)
#define DEF_DELTA(id, f) DEF_(id, f, DELTA)
#define DEF_MEDIA(id, f) DEF_(id, f, MEDIA)
#define DEF_RETRY_AFTER(id, f) DEF_(id, f, RETRY_AFTER)
#define DEF_DATE(id, f) DEF_(id, f, DATE)
#define DEF_EVENT(id, f) DEF_(id, f, EVENT)
#define DEF_SUBSTATE(id, f) DEF_(id, f, SUBSTATE)
#define DEF_TOKENS(id, f) DEF_(id, f, TOKENS)
#define DEF_TOKENS1(id, f) DEF_(id, f, TOKENS1)
#define DEF_RSEQ(id, f) DEF_(id, f, RSEQ)
#define DEF_RACK(id, f) DEF_(id, f, RACK)
SIPW_TYPED_HEADERS(X)
#undef X

static const line_parser parsers[SIPW_HDR__COUNT] = {
#define X(id, field, shape) FN_##shape(id)
#define FN_VIA_LIST FN_
#define FN_NAMEADDR FN_
#define FN_NAMEADDR_LIST FN_
#define FN_CONTACT FN_
#define FN_CHALLENGES FN_
#define FN_CREDENTIALS FN_
#define FN_AUTH_INFO FN_
#define FN_CALLID FN_
#define FN_CSEQ FN_
#define FN_UINT8 FN_
#define FN_DELTA FN_
#define FN_MEDIA FN_
#define FN_RETRY_AFTER FN_
#define FN_DATE FN_
#define FN_EVENT FN_
#define FN_SUBSTATE FN_
#define FN_TOKENS FN_
#define FN_TOKENS1 FN_
#define FN_RSEQ FN_
#define FN_RACK FN_
    SIPW_TYPED_HEADERS(X)
#undef X
};

/* The slots whose "absent" value is not zero: the numbers that may be 0
 * (-1; RSeq is never 0, which stands for absent) and
 * Contact's star (0, cleared before its lines are parsed again). */
#define ABSENT_UINT8(f) m->f = -1;
#define ABSENT_DELTA(f) m->f = -1;
#define ABSENT_RSEQ(f)
#define ABSENT_CONTACT(f) m->f##_star = 0;
#define ABSENT_VIA_LIST(f)
#define ABSENT_NAMEADDR(f)
#define ABSENT_NAMEADDR_LIST(f)
#define ABSENT_CHALLENGES(f)
#define ABSENT_CREDENTIALS(f)
#define ABSENT_AUTH_INFO(f)
#define ABSENT_CALLID(f)
#define ABSENT_CSEQ(f)
#define ABSENT_LENGTH(f)
#define ABSENT_MEDIA(f)
#define ABSENT_RETRY_AFTER(f)
#define ABSENT_DATE(f)
#define ABSENT_EVENT(f)
#define ABSENT_SUBSTATE(f)
#define ABSENT_TOKENS(f)
#define ABSENT_TOKENS1(f)
#define ABSENT_RACK(f)

void sipw__typed_absent(sipw_msg *m)
{
#define X(id, field, shape) ABSENT_##shape(field)
    SIPW_TYPED_HEADERS(X)
#undef X
}

/* The same for the slots of one header, before its lines are parsed
 * again (sipw_msg_typed()). */
static void absent_one(sipw_msg *m, sipw_hdr id)
{
    switch (id) {
#define X(hid, field, shape)                                                   \
    case SIPW_HDR_##hid:                                                       \
        ABSENT_##shape(field) break;
        SIPW_TYPED_HEADERS(X)
#undef X
    default:
        break;
    }
}

/* The bytes of each shape's slot in sipw_msg (msg.h's SIPW_SLOT_*): an
 * offset and a length, none for the shapes without a slot. */
#define SPAN(f) {offsetof(sipw_msg, f), sizeof(((sipw_msg *)0)->f)}
#define SPAN_UINT8(f) SPAN(f)
#define SPAN_DELTA(f) SPAN(f)
#define SPAN_RSEQ(f) SPAN(f)
#define SPAN_CONTACT(f)                                                        \
    {offsetof(sipw_msg, f), offsetof(sipw_msg, f##_star) + sizeof(int) -      \
                                offsetof(sipw_msg, f)}
#define SPAN_VIA_LIST(f) SPAN(f)
#define SPAN_NAMEADDR(f) SPAN(f)
#define SPAN_NAMEADDR_LIST(f) SPAN(f)
#define SPAN_CHALLENGES(f) SPAN(f)
#define SPAN_CREDENTIALS(f) SPAN(f)
#define SPAN_AUTH_INFO(f) SPAN(f)
#define SPAN_CALLID(f) SPAN(f)
#define SPAN_CSEQ(f) SPAN(f)
#define SPAN_LENGTH(f) {0, 0}
#define SPAN_MEDIA(f) SPAN(f)
#define SPAN_RETRY_AFTER(f) SPAN(f)
#define SPAN_DATE(f) SPAN(f)
#define SPAN_EVENT(f) SPAN(f)
#define SPAN_SUBSTATE(f) SPAN(f)
#define SPAN_TOKENS(f) {0, 0}
#define SPAN_TOKENS1(f) {0, 0}
#define SPAN_RACK(f) SPAN(f)

static const struct {
    uint16_t off, len;
} slot_span[SIPW_HDR__COUNT] = {
#define X(hid, field, shape) [SIPW_HDR_##hid] = SPAN_##shape(field),
    SIPW_TYPED_HEADERS(X)
#undef X
};

void sipw__typed_extent(sipw_hdr id, size_t *off, size_t *len)
{
    if (id == SIPW_HDR_OTHER) {
        *off = 0;
        *len = sizeof(sipw_msg);
        return;
    }
    *off = slot_span[id].off;
    *len = slot_span[id].len;
}

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
    if (!parsers[h->id])
        return SIPW_OK;
    return parsers[h->id](m, tp, h, ls);
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
    sipw__typed_absent(m);
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
    absent_one(m, id);
    for (h = sipw_msg_header(m, id); h; h = sipw_msg_header_next(m, h)) {
        st = one_line(m, &tp, h, &ls, h->name.p);
        if (st != SIPW_OK)
            return st;
    }
    return id == SIPW_HDR_CSEQ ? check_cseq(m, &tp) : SIPW_OK;
}

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
    sipw__typed_absent(m);
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
