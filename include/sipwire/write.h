/* SPDX-License-Identifier: MIT */
/* sipwire: the canonical writer (docs/canonical.md). */
#ifndef SIPWIRE_WRITE_H
#define SIPWIRE_WRITE_H

#include <stddef.h>

#include <sipwire/export.h>
#include <sipwire/msg.h>
#include <sipwire/status.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Flags for sipw_msg_write(). Unknown bits are refused (SIPW_EINVAL). */
enum {
    SIPW_WRITE_DEFAULT = 0,
    /* Compact header names (RFC 3261 §7.3.3: "v", "f", "i"...) where the
     * header has one; long names for the others. */
    SIPW_WRITE_COMPACT = 1u << 0
};

/* Writes `msg`, parsed or built, in canonical form (docs/canonical.md):
 * the start line normalised ("SIP/2.0"), one "Name: value" CRLF line per
 * header line in message order, names in their RFC spelling, each Via
 * and name-addr list value on a line of its own, typed headers written
 * from their typed values (Via, the name-addr family, Call-ID, CSeq,
 * Max-Forwards, Expires, Min-Expires, Content-Type, Date, Event,
 * Subscription-State, the option-tag lists), parameters as ";name=value"
 * in their order, display names quoted, every other line from its raw
 * value with folds replaced by SP, Content-Length computed from
 * msg->body (in place of the message's line, or last when it has none),
 * the empty line, then the body.
 *
 * snprintf contract: returns the length of the canonical form and writes
 * its first min(length, cap) bytes to buf (never a NUL, never a byte past
 * buf + cap); when the result is greater than cap, call again with a
 * buffer of at least that size. buf may be NULL when cap is 0. The output
 * never depends on cap.
 *
 * Returns 0 and fills *err (err may be NULL) when msg cannot be written
 * as valid SIP that sipw_msg_parse() accepts: SIPW_EINVAL (msg NULL,
 * unknown flag bits, no message type, a header id out of range, a
 * header line with a NULL name or value of non-zero length, an
 * unknown header named like a known one, a typed value attached to no
 * header line), SIPW_ESTART (method, Request-URI or reason phrase),
 * SIPW_EVERSION (a version other than SIP/2.0), SIPW_ESTATUS (status
 * outside 100..699), SIPW_EVALUE (a CR or LF outside a fold, a control
 * byte, a token with a byte outside token, a host or URI with a byte that
 * cannot be in one, a number out of range: port > 65535, ttl > 255,
 * Max-Forwards > 255...), SIPW_EQUOTE (an unterminated quoted string in
 * a raw value), SIPW_EDUP (a single-value header twice), SIPW_EMISSING
 * (Via, From, To, Call-ID or CSeq absent), SIPW_ELIMIT (more than
 * SIPW_MAX_HEADERS lines, a header section longer than SIPW_MAX_HEAD_SIZE
 * bytes, or a body above SIPW_MAX_BODY_SIZE: the canonical form can be
 * longer than the message it comes from). The error fields then mean:
 * `header_index` is the index in msg->headers of the header line at
 * fault (SIPW_NO_INDEX for the start line and for a problem of the
 * message as a whole); `header` names that header (its name as in the
 * line, or its canonical name; for the message as a whole the header
 * concerned, {NULL, 0} for the start line and the header section);
 * `offset` is SIPW_NO_OFFSET, `line` and `column` 0 (the writer reads no
 * input bytes); `reason` says why (<sipwire/status.h>). buf may hold a
 * partial output then.
 *
 * Reads msg and the memory it points to; never allocates; linear in the
 * output. */
SIPW_API size_t sipw_msg_write(const sipw_msg *msg, char *buf, size_t cap,
                               unsigned flags, sipw_error *err);

#ifdef __cplusplus
}
#endif

#endif
