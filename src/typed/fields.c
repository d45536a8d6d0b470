/* SPDX-License-Identifier: MIT */
/* sipwire, typed layer: the other typed headers (<sipwire/fields.h>):
 * their numbers, their structs, and the parameters a stack acts on
 * (Retry-After duration, Event id, Subscription-State reason, expires and
 * retry-after), each checked and allowed once. The productions are in
 * grammar/fields.re (CSeq and Date run its parts in order at the end of
 * this file); a parameter list is lexed one "SEMI generic-param"
 * at a time by sipw__gparam() (params.re) and kept as one raw slice. */
#include "typed/typed.h"

#define FAIL(at, reason) sipw__tp_fail(tp, SIPW_EVALUE, (at), (reason))

static const sipw_str none = {NULL, 0};

/* Where the parameter list that follows the value at cur starts: past
 * the SWS before its first ";". {NULL, 0} when the value ends at cur. */
static sipw_str params_slice(const char *cur, const char *lim)
{
    if (cur == lim)
        return none;
    sipw__sws(&cur, lim);
    return sipw__slice(cur, lim);
}

/* The value of a picked-out "name=delta-seconds", which may appear once:
 * *has says whether it was seen before. */
static sipw_status param_number(const struct sipw_tp *tp,
                                const sipw_param *prm, uint32_t *out,
                                int *has)
{
    const char *v = prm->value.p, *end;
    sipw_status st;

    if (*has)
        return sipw__tp_fail(tp, SIPW_EDUP, prm->name.p,
                             "duplicate parameter");
    if (!v)
        return FAIL(prm->name.p + prm->name.len,
                    "parameter needs a value: expected \"=\" and a number");
    end = v + prm->value.len; /* not before: no arithmetic on NULL */
    if (prm->quoted)
        return FAIL(v - 1, "expected a decimal number, not a quoted string");
    st = sipw__fields_number(tp, &v, end, UINT32_MAX, "value above 2^32-1", out);
    if (st != SIPW_OK)
        return st;
    if (v != end)
        return FAIL(v, "expected a decimal number");
    *has = 1;
    return SIPW_OK;
}

/* The value of a picked-out "name=token", which may appear once. A
 * gen-value that is not quoted is a token unless it is an IPv6
 * reference. */
static sipw_status param_token(const struct sipw_tp *tp,
                               const sipw_param *prm, sipw_str *out)
{
    const char *v = prm->value.p;

    if (out->p)
        return sipw__tp_fail(tp, SIPW_EDUP, prm->name.p,
                             "duplicate parameter");
    if (!v)
        return FAIL(prm->name.p + prm->name.len,
                    "parameter needs a value: expected \"=\" and a token");
    if (prm->quoted)
        return FAIL(v - 1, "expected a token, not a quoted string");
    if (*v == '[')
        return FAIL(v, "expected a token");
    *out = prm->value;
    return SIPW_OK;
}

/* Which picked-out parameter prm is, of those in `want` (SIPW_FP_* bits
 * 1 << id); 0 for any other. */
static int param_id(const sipw_param *prm, unsigned want)
{
    int id = sipw__fields_param_id(prm->name.p, prm->name.p + prm->name.len);
    return want & (1u << id) ? id : 0;
}

/* --- Max-Forwards, Expires, Min-Expires ---------------------------- */

/* §20.22 Max-Forwards = 1*DIGIT (0 to 255); §20.19 Expires and §20.23
 * Min-Expires = delta-seconds (0 to 2^32-1). */
sipw_status sipw__uint(const struct sipw_tp *tp, const char *p, const char *e,
                       uint32_t max, uint32_t *out)
{
    sipw_status st;
    const char *too_big = max == 255          ? "value above 255"
                          : max == UINT32_MAX ? "value above 2^32-1"
                                              : "value too large";

    *out = 0;
    st = sipw__fields_number(tp, &p, e, max, too_big, out);
    if (st == SIPW_OK && p != e)
        return FAIL(p, "expected a decimal number");
    return st;
}

/* --- Content-Type -------------------------------------------------- */

/* §20.15: m-parameter = m-attribute EQUAL m-value, m-value = token /
 * quoted-string: a value is required, and of gen-value's forms the IPv6
 * reference is not one. */
sipw_status sipw__media(const struct sipw_tp *tp, const char *p,
                        const char *e, sipw_media *out)
{
    sipw_param prm;
    sipw_status st;

    memset(out, 0, sizeof *out);
    st = sipw__media_type(tp, &p, e, out);
    if (st != SIPW_OK)
        return st;
    out->params = params_slice(p, e);
    while (p < e) {
        st = sipw__gparam(tp, &p, e, &prm, 0);
        if (st != SIPW_OK)
            return st;
        if (!prm.value.p)
            return FAIL(prm.name.p + prm.name.len,
                        "media-type parameter needs a value "
                        "(RFC 3261 section 20.15)");
        if (!prm.quoted && *prm.value.p == '[')
            return FAIL(prm.value.p, "media-type parameter value must be a "
                                     "token or a quoted string");
    }
    return SIPW_OK;
}

/* --- Retry-After --------------------------------------------------- */

/* §20.33: retry-param = ("duration" EQUAL delta-seconds) / generic-param.
 * Values above 2^32-1 are rejected (RFC 4475 §3.1.2.5). */
sipw_status sipw__retry_after(const struct sipw_tp *tp, const char *p,
                              const char *e, sipw_retry_after *out)
{
    sipw_param prm;
    sipw_status st;

    memset(out, 0, sizeof *out);
    st = sipw__fields_number(tp, &p, e, UINT32_MAX, "value above 2^32-1", &out->delta);
    if (st == SIPW_OK)
        st = sipw__retry_comment(tp, &p, e, &out->comment);
    if (st != SIPW_OK)
        return st;
    out->params = params_slice(p, e);
    while (p < e) {
        st = sipw__gparam(tp, &p, e, &prm, 0);
        if (st == SIPW_OK && param_id(&prm, 1u << SIPW_FP_DURATION))
            st = param_number(tp, &prm, &out->duration, &out->has_duration);
        if (st != SIPW_OK)
            return st;
    }
    return SIPW_OK;
}

/* --- Event, Subscription-State ------------------------------------- */

/* RFC 6665 §8.4: event-param = generic-param / ( "id" EQUAL token ). */
sipw_status sipw__event(const struct sipw_tp *tp, const char *p,
                        const char *e, sipw_event *out)
{
    sipw_param prm;
    sipw_status st;

    memset(out, 0, sizeof *out);
    st = sipw__event_type(tp, &p, e, &out->package);
    if (st != SIPW_OK)
        return st;
    out->params = params_slice(p, e);
    while (p < e) {
        st = sipw__gparam(tp, &p, e, &prm, 0);
        if (st == SIPW_OK && param_id(&prm, 1u << SIPW_FP_ID))
            st = param_token(tp, &prm, &out->id);
        if (st != SIPW_OK)
            return st;
    }
    return SIPW_OK;
}

/* One subexp-params of Subscription-State. */
static sipw_status substate_param(const struct sipw_tp *tp,
                                  const sipw_param *prm, sipw_substate *out)
{
    switch (param_id(prm, 1u << SIPW_FP_REASON | 1u << SIPW_FP_EXPIRES |
                              1u << SIPW_FP_RETRY_AFTER)) {
    case SIPW_FP_REASON:
        return param_token(tp, prm, &out->reason);
    case SIPW_FP_EXPIRES:
        return param_number(tp, prm, &out->expires, &out->has_expires);
    case SIPW_FP_RETRY_AFTER:
        return param_number(tp, prm, &out->retry_after,
                            &out->has_retry_after);
    default:
        return SIPW_OK;
    }
}

/* RFC 6665 §8.4: subexp-params = ("reason" EQUAL event-reason-value) /
 * ("expires" EQUAL delta-seconds) / ("retry-after" EQUAL delta-seconds) /
 * generic-param; event-reason-value is a token. */
sipw_status sipw__substate(const struct sipw_tp *tp, const char *p,
                           const char *e, sipw_substate *out)
{
    sipw_param prm;
    sipw_status st;

    memset(out, 0, sizeof *out);
    st = sipw__substate_value(tp, &p, e, &out->state);
    if (st != SIPW_OK)
        return st;
    out->params = params_slice(p, e);
    while (p < e) {
        st = sipw__gparam(tp, &p, e, &prm, 0);
        if (st == SIPW_OK)
            st = substate_param(tp, &prm, out);
        if (st != SIPW_OK)
            return st;
    }
    return SIPW_OK;
}

/* --- CSeq and Date from their parts in fields.re; sipw_token_next() -- */

/* CSeq = "CSeq" HCOLON 1*DIGIT LWS Method, exactly [p, lim). The number
 * is a 32-bit unsigned integer (§8.1.1.5; RFC 4475 §3.1.2.4); leading
 * zeros are allowed (RFC 4475 §3.1.1.1). */
sipw_status sipw__cseq(const struct sipw_tp *tp, const char *p,
                       const char *lim, sipw_cseq *out)
{
    sipw_status st;

    memset(out, 0, sizeof *out);
    st = sipw__fields_number(tp, &p, lim, UINT32_MAX,
                             "CSeq number above 2^32-1", &out->seq);
    if (st == SIPW_OK)
        st = sipw__cseq_lws(tp, &p, lim);
    return st == SIPW_OK ? sipw__cseq_method(tp, p, lim, out) : st;
}

/* Date = "Date" HCOLON SIP-date; SIP-date = rfc1123-date (§20.17,
 * §25.1), exactly [p, lim). The names are ABNF literals, so any case is
 * accepted (RFC 5234 §2.3). Only GMT is allowed (RFC 4475 §3.1.2.12).
 * The weekday is not checked against the date, nor the day against the
 * month. */
sipw_status sipw__date(const struct sipw_tp *tp, const char *p,
                       const char *lim, sipw_date *out)
{
    const char *cur = p;
    sipw_status st;

    memset(out, 0, sizeof *out);
    st = sipw__date_wkday(tp, &cur, lim, &out->wkday);
    if (st == SIPW_OK)
        st = sipw__date_day(tp, &cur, lim, &out->day);
    if (st == SIPW_OK)
        st = sipw__date_month(tp, &cur, lim, &out->month);
    if (st == SIPW_OK)
        st = sipw__date_year(tp, &cur, lim, &out->year);
    if (st == SIPW_OK)
        st = sipw__date_time(tp, &cur, lim, out);
    return st == SIPW_OK ? sipw__date_zone(tp, cur, lim) : st;
}

int sipw_token_next(sipw_str *rest, sipw_str *tok)
{
    const char *p = rest->p, *lim, *end;

    if (!p)
        return 0;
    lim = p + rest->len;
    p = sipw__list_separators(p, lim);
    if (p == lim) {
        *rest = sipw__slice(lim, lim);
        return 0;
    }
    end = sipw__list_element(p, lim);
    *tok = sipw__slice(p, end);
    *rest = sipw__slice(end, lim);
    return 1;
}
