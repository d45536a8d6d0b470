/* SPDX-License-Identifier: MIT */
/* sipwire: header lines and stream framing (RFC 3261 §7.3, §18.3). */
#ifndef SIPWIRE_FRAME_H
#define SIPWIRE_FRAME_H

#include <stddef.h>
#include <stdint.h>

#include <sipwire/export.h>
#include <sipwire/status.h>
#include <sipwire/str.h>

#ifdef __cplusplus
extern "C" {
#endif

/* sipw_header.flags bits. */
enum {
    /* The value spans several lines (RFC 3261 §7.3.1 folding): it holds
     * CRLF followed by SP or HTAB. Read it with sipw_header_unfold(). */
    SIPW_HF_FOLDED = 1u << 0,
    /* The value holds a quoted-pair of a control byte inside a quoted
     * string, such as "\" NUL (valid per RFC 4475 §3.1.1.2). */
    SIPW_HF_QUOTED_CTL = 1u << 1
};

/* One header line ("field") as it appears in the message. */
typedef struct sipw_header {
    sipw_str name;  /* as written, e.g. "v" or "VIA" */
    sipw_str value; /* raw, without the LWS around it; may hold folds */
    uint16_t id;    /* a sipw_hdr */
    uint16_t flags; /* SIPW_HF_* */
    uint32_t next;  /* index of the next line with the same id; 0: none */
} sipw_header;

/* Finds the first message in a byte stream (TCP, TLS, WebSocket-less
 * transports: RFC 3261 §18.3). CRLFs before the start line are skipped
 * (RFC 5626 §4.4.1 keep-alives) and Content-Length is required.
 *
 * Returns SIPW_OK when a whole message is there: it occupies
 * buf[*start .. *start + *msg_len). Returns SIPW_INCOMPLETE when more
 * bytes are needed; *start then counts the keep-alive bytes that may be
 * dropped. Any other status means the stream is invalid (close it);
 * `err` says where. Framing only checks what it needs to delimit the
 * message; pass the delimited bytes to sipw_msg_parse() for the rest.
 * Allocates nothing and reads only buf[0..len). */
SIPW_API sipw_status sipw_frame(const char *buf, size_t len, size_t *start,
                                size_t *msg_len, sipw_error *err);

/* Writes the value of `h` with each fold (CRLF followed by SP/HTAB
 * runs) replaced by one SP, as RFC 3261 §7.3.1 allows. Follows the
 * snprintf contract: returns the unfolded length, writes at most `cap`
 * bytes and, if cap > 0, a NUL after what fits. */
SIPW_API size_t sipw_header_unfold(const sipw_header *h, char *dst, size_t cap);

#ifdef __cplusplus
}
#endif

#endif
