/* SPDX-License-Identifier: MIT */
/* sipwire: result codes and error reports. */
#ifndef SIPWIRE_STATUS_H
#define SIPWIRE_STATUS_H

#include <stddef.h>

#include <sipwire/export.h>
#include <sipwire/str.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The one list of result codes: X(NAME, "what it means"). The enum,
 * sipw_status_name() and sipw_strerror() are all generated from it. New
 * codes are appended, so the numbers of existing ones never change. */
#define SIPW_STATUS_LIST(X)                                                    \
    X(OK, "success")                                                           \
    X(INCOMPLETE, "message incomplete: more bytes are needed")                 \
    X(ENOMEM, "arena too small")                                               \
    X(EINVAL, "invalid argument")                                              \
    X(EEMPTY, "empty message")                                                 \
    X(ESTART, "malformed start line")                                          \
    X(EVERSION, "unsupported SIP version")                                     \
    X(ESTATUS, "invalid status code")                                          \
    X(EHEADER, "malformed header line")                                        \
    X(EVALUE, "invalid character in header value")                             \
    X(EQUOTE, "unterminated quoted string")                                    \
    X(EEOH, "header section not terminated by an empty line")                  \
    X(ECLEN, "invalid Content-Length")                                         \
    X(ETRUNC, "body shorter than Content-Length")                              \
    X(EDUP, "header appears more than once")                                   \
    X(EMISSING, "mandatory header missing")                                    \
    X(ELIMIT, "limit exceeded")                                                \
    /* digest authentication (digest.h) */                                     \
    X(EAUTH, "authentication failed: credentials do not match")                \
    X(EUNSUPPORTED, "unsupported authentication scheme, algorithm or qop")     \
    X(EPARAM, "missing or malformed authentication parameter")

/* Result of every sipwire call that can fail. SIPW_OK is 0; SIPW_INCOMPLETE
 * is not an error but "wait for more bytes" (stream framing only); every
 * other value is an error. */
typedef enum sipw_status {
#define SIPW_X_(name, text) SIPW_##name,
    SIPW_STATUS_LIST(SIPW_X_)
#undef SIPW_X_
    SIPW_STATUS__COUNT
} sipw_status;

/* sipw_error.offset when the error is at no byte of the input: every
 * error of the writer and of the digest functions, and the builder's
 * errors about no string the caller passed. line and column are then 0. */
#define SIPW_NO_OFFSET ((size_t)-1)

/* sipw_error.header_index when the error is in no line of a header
 * table: every error of the parser, the framer and the digest functions,
 * and the writer's and builder's that are not about one line. */
#define SIPW_NO_INDEX ((size_t)-1)

/* Where and why a call failed: every function that takes a sipw_error
 * (which may be NULL) fills all of it on failure. What the fields say
 * depends on the part of the library that reports:
 *
 * - the parser (sipw_msg_parse(), sipw_msg_typed(), sipw_uri_parse(),
 *   sipw_via_parse(), sipw_nameaddr_parse(), sipw_auth_parse()) and the
 *   framer (sipw_frame()) read bytes, and point at one: `offset` is the
 *   byte offset of the error in the buffer given to the call (from
 *   msg->buf for sipw_msg_typed()), never above its length (the length
 *   itself when the bytes end too early; 0 for bad arguments and for a
 *   missing mandatory header). `header` is the header line in which the
 *   error lies, as written ({NULL, 0} for the start line and for errors
 *   about the message as a whole, except EMISSING and EDUP, where it
 *   names the header concerned). `header_index` is SIPW_NO_INDEX.
 * - the writer (sipw_msg_write(), write.h) reads a sipw_msg, not bytes:
 *   `offset` is SIPW_NO_OFFSET. `header_index` is the index in
 *   msg->headers of the line at fault, SIPW_NO_INDEX for the start line
 *   and for the message as a whole. `header` names the line's header (as
 *   in the line, else its canonical name), or for the message as a whole
 *   the header concerned ({NULL, 0} for the start line and the header
 *   section as a whole).
 * - the builder (build.h) checks the strings the caller passes: `offset`
 *   is the offset of the offending byte in the string passed for the
 *   field at fault (0 for an error about that string as a whole), or in
 *   the value of the line at `header_index` (unfolded, for
 *   sipw_msg_response(), which copies lines unfolded); SIPW_NO_OFFSET for errors
 *   about no string (a number out of range, a missing argument, the
 *   arena, the random source). `header_index` is the index, in the
 *   header table of the message given (the edited *msg, the request of
 *   sipw_msg_response()), of a line of it that fails the builder's
 *   re-check (a line of a SIPW_PARSE_LAZY message found invalid), else
 *   SIPW_NO_INDEX. `header` names the header, or for the start line
 *   "Method", "Request-URI", "Status-Code" or "Reason-Phrase".
 * - the digest functions (digest.h) read parsed sipw_auth structs:
 *   `offset` is SIPW_NO_OFFSET and `header_index` SIPW_NO_INDEX (the
 *   sipw_auth's own `header` locates its line); `header` names the digest
 *   parameter concerned ("realm", "response"; {NULL, 0} for none).
 *
 * Always: `status` is the code returned; `line` and `column` are the
 * 1-based position of `offset` (in bytes, lines ending in LF) in the
 * string it counts in, or 0 and 0 when offset is SIPW_NO_OFFSET;
 * `reason` is a static English sentence more precise than
 * sipw_strerror(status). */
typedef struct sipw_error {
    sipw_status status;
    size_t offset;       /* a byte, or SIPW_NO_OFFSET */
    unsigned line;
    unsigned column;
    sipw_str header;
    size_t header_index; /* a header line, or SIPW_NO_INDEX */
    const char *reason;
} sipw_error;

/* A static description of `s` ("arena too small"), or "unknown status". */
SIPW_API const char *sipw_strerror(sipw_status s);

/* The code's name without prefix ("ENOMEM"), or "UNKNOWN". */
SIPW_API const char *sipw_status_name(sipw_status s);

/* Line and column (1-based, in bytes) of `offset` in buf[0..len). Lines
 * end in LF. An offset past `len` counts as `len`. */
SIPW_API void sipw_position(const char *buf, size_t len, size_t offset,
                            unsigned *line, unsigned *column);

#ifdef __cplusplus
}
#endif

#endif
