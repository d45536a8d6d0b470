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

/* Where and why a parse failed.
 *
 * `offset` is the byte offset into the buffer given to the call; `line`
 * and `column` are 1-based, counted in bytes, lines ending in LF. `header`
 * names the header line in which the error lies ({NULL,0} for the start
 * line and for errors about the message as a whole, except EMISSING and
 * EDUP, where it names the header concerned). `reason` is a static English
 * sentence more precise than sipw_strerror(status). */
typedef struct sipw_error {
    sipw_status status;
    size_t offset;
    unsigned line;
    unsigned column;
    sipw_str header;
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
