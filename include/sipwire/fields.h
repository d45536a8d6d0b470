/* SPDX-License-Identifier: MIT */
/* sipwire: the other typed headers: CSeq, Content-Type, Retry-After,
 * Date, Event, Subscription-State and RAck, plus the token-list iterator for
 * Allow, Supported, Require, Proxy-Require and Unsupported. The scalar
 * headers (Call-ID, Max-Forwards, Expires, Min-Expires, RSeq) are fields of
 * sipw_msg. */
#ifndef SIPWIRE_FIELDS_H
#define SIPWIRE_FIELDS_H

#include <stddef.h>
#include <stdint.h>

#include <sipwire/export.h>
#include <sipwire/method.h>
#include <sipwire/str.h>

#ifdef __cplusplus
extern "C" {
#endif

/* CSeq = 1*DIGIT LWS Method (RFC 3261 §20.16): the number fits 32 bits
 * (a larger one is SIPW_EVALUE, RFC 4475 §3.1.2.4); leading zeros are
 * allowed; the method is any token. */
typedef struct sipw_cseq {
    uint32_t seq;          /* 0..2^32-1 */
    sipw_str method;       /* as written (case-sensitive) */
    sipw_method method_id; /* SIPW_METHOD_OTHER for extension methods */
} sipw_cseq;

/* media-type = m-type SLASH m-subtype *( SEMI m-parameter ) (§20.15).
 * Every m-parameter has a value: a token or a quoted string. */
typedef struct sipw_media {
    sipw_str type;    /* "application" as written */
    sipw_str subtype; /* "sdp" */
    sipw_str params;  /* raw, from the first ";" to the end of the value;
                       * {NULL, 0} when there is none; walk with
                       * sipw_param_next() */
} sipw_media;

/* Retry-After = delta-seconds [ comment ] *( SEMI retry-param ) (§20.33).
 * Numbers above 2^32-1 are SIPW_EVALUE (RFC 4475 §3.1.2.5); a second
 * ;duration is SIPW_EDUP. */
typedef struct sipw_retry_after {
    uint32_t delta;
    sipw_str comment;  /* between the outer parentheses, as written (nested
                        * comments and "\" escapes included); {NULL, 0}
                        * when absent */
    int has_duration;
    uint32_t duration; /* ;duration=delta-seconds */
    sipw_str params;   /* raw, from the first ";"; {NULL, 0} when none */
} sipw_retry_after;

/* Date = rfc1123-date (§20.17): wkday "," SP date1 SP time SP "GMT".
 * Names in any case; the zone must be GMT (RFC 4475 §3.1.2.12); a fold
 * may stand for an SP. The weekday is not checked against the date, nor
 * the day against the month's length. */
typedef struct sipw_date {
    unsigned wkday;  /* 0 = Mon .. 6 = Sun */
    unsigned day;    /* 1..31 */
    unsigned month;  /* 1 = Jan .. 12 = Dec */
    unsigned year;   /* four digits */
    unsigned hour;   /* 0..23 */
    unsigned minute; /* 0..59 */
    unsigned second; /* 0..60 (a leap second) */
} sipw_date;

/* Event = event-type *( SEMI event-param ) (RFC 6665 §8.2.1, §8.4). The
 * id must be a token and may appear once (else SIPW_EDUP). */
typedef struct sipw_event {
    sipw_str package; /* event-type: "presence", "presence.winfo" */
    sipw_str id;      /* ;id=token, {NULL, 0} when absent */
    sipw_str params;  /* raw, from the first ";"; {NULL, 0} when none */
} sipw_event;

/* Subscription-State = substate-value *( SEMI subexp-params )
 * (RFC 6665 §8.2.3, §8.4). reason, expires and retry-after may each
 * appear once (else SIPW_EDUP); numbers above 2^32-1 are SIPW_EVALUE. */
typedef struct sipw_substate {
    sipw_str state;   /* "active", "pending", "terminated" or a token */
    sipw_str reason;  /* ;reason=token, {NULL, 0} when absent */
    int has_expires;
    uint32_t expires;
    int has_retry_after;
    uint32_t retry_after;
    sipw_str params;  /* raw, from the first ";"; {NULL, 0} when none */
} sipw_substate;

/* RAck = "RAck" HCOLON response-num LWS CSeq-num LWS Method (RFC 3262
 * §7.2): which reliable provisional response a PRACK acknowledges. Its
 * RSeq (1..2^32-1, as RSeq: §7.1) and the CSeq number (0..2^32-1, as
 * CSeq's) and method of the response; leading zeros are allowed. The
 * method is any token and is not compared with anything. */
typedef struct sipw_rack {
    uint32_t rseq;         /* response-num, 1..2^32-1 */
    uint32_t cseq;         /* CSeq-num, 0..2^32-1 */
    sipw_str method;       /* as written (case-sensitive) */
    sipw_method method_id; /* SIPW_METHOD_OTHER for extension methods */
} sipw_rack;

/* Walks a comma-separated token list that the parser produced (the value
 * of an Allow, Supported, Require, Proxy-Require or Unsupported line):
 * fills *tok with the next token, advances *rest past it and returns 1;
 * returns 0 at the end. LWS and empty elements are skipped. */
SIPW_API int sipw_token_next(sipw_str *rest, sipw_str *tok);

#ifdef __cplusplus
}
#endif

#endif
