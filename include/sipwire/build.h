/* SPDX-License-Identifier: MIT */
/* sipwire: building and editing messages (RFC 3261 §8.1.1 requests,
 * §8.2.6 responses).
 *
 * A built message is an ordinary sipw_msg: its header table and typed
 * fields are those sipw_msg_parse() gives for the message that
 * sipw_msg_write() (write.h) writes (names and spacing aside), so code
 * that reads parsed messages reads built ones too. Conventions of every function here:
 *
 * - Memory comes from the caller's arena, never from malloc. Every string
 *   the caller passes is copied into the arena: the caller's buffers may
 *   go away after the call. Lines an edit does not touch keep pointing
 *   where they pointed (a parsed message's lines into its buffer).
 * - Copy on write: an edit builds a new header table and new typed
 *   structs in the arena and never writes to the old ones, so a copy of
 *   the sipw_msg taken before the edit (the request a proxy received,
 *   say) stays valid and unchanged. The old table and structs stay in the
 *   arena until it is reset: each edit costs about what one parse of the
 *   message costs (some 40 bytes per line plus 200 to 350 per URI, Via or
 *   name-addr value: 1.5 KiB for a plain INVITE). A 32 KiB arena holds a
 *   request and a dozen edits.
 * - Values are checked with the grammar of their header: the bytes a
 *   header value may hold (a value is one line: CR and LF are refused,
 *   the writer folds nothing), balanced quotes in headers that have
 *   quoted strings, and the typed parser of sipwire's typed headers (Via,
 *   the name-addr family, CSeq, Call-ID, Max-Forwards, Content-Type...).
 *   SP and HTAB around a value are dropped.
 * - On any error, *msg and the arena are left exactly as they were, and
 *   err (when not NULL) says why. err->header names what was wrong: a
 *   header name, or for the start line "Method", "Request-URI",
 *   "Status-Code" or "Reason-Phrase". err->offset is the offset of the
 *   offending byte in the string the caller passed for it (line 1,
 *   column offset + 1), 0 for an error about that string as a whole,
 *   and SIPW_NO_OFFSET (line and column 0) for an error about no string:
 *   a number out of range, a NULL or missing argument, the arena, the
 *   random source. An edit (and a response) re-checks every line: a line
 *   of a SIPW_PARSE_LAZY message that turns out invalid fails the call,
 *   with err->header_index the index of that line in the message given
 *   (the edited *msg, or the request), err->header its name and
 *   err->offset the offset in its value (unfolded, for a response); a
 *   bad Request-URI is named "Request-URI". Otherwise err->header_index
 *   is SIPW_NO_INDEX (<sipwire/status.h>). SIPW_ENOMEM when the arena is
 *   too small, SIPW_EINVAL for bad arguments, SIPW_ELIMIT past
 *   SIPW_MAX_HEADERS lines.
 * - After a successful edit the message is a built one: buf NULL, size
 *   0, every typed field parsed (also after a SIPW_PARSE_LAZY parse),
 *   has_content_length 1 and content_length the body's length, and
 *   SIPW_WARN_NO_MAX_FORWARDS set exactly when a request lacks
 *   Max-Forwards. */
#ifndef SIPWIRE_BUILD_H
#define SIPWIRE_BUILD_H

#include <stddef.h>
#include <stdint.h>

#include <sipwire/arena.h>
#include <sipwire/export.h>
#include <sipwire/hdr.h>
#include <sipwire/msg.h>
#include <sipwire/status.h>
#include <sipwire/str.h>

#ifdef __cplusplus
extern "C" {
#endif

/* --- random identifiers ---------------------------------------------- */

/* A source of random bytes: fills buf[0..len) and returns 0, or returns
 * non-zero on failure. Branches, tags and Call-IDs must be unguessable
 * (RFC 3261 §8.1.1.4, §19.3): a caller's source should be a CSPRNG. */
typedef int (*sipw_random_fn)(void *ctx, void *buf, size_t len);

/* The default source, used wherever a sipw_random_fn may be NULL: the
 * kernel's CSPRNG through getrandom(2), or by open(2) and read(2) of
 * /dev/urandom where getrandom is missing. `ctx` is ignored. Returns 0,
 * or -1 (buf NULL with len > 0, or no source worked). Never mallocs. */
SIPW_API int sipw_random_os(void *ctx, void *buf, size_t len);

/* Lengths of the generated identifiers, without the NUL. Each random
 * character is one of 32 (0-9, a-v: tokens and words, lower case so
 * that no intermediary's case folding matters) and carries 5 bits. */
enum {
    SIPW_BRANCH_LEN = 27,  /* "z9hG4bK" (§8.1.1.7) + 20 chars: 100 bits */
    SIPW_TAG_LEN = 16,     /* 80 bits (§19.3 asks for at least 32) */
    SIPW_CALL_ID_LEN = 24  /* 120 bits, no "@host" (§8.1.1.4) */
};

/* Write a new Via branch, From/To tag or Call-ID into buf and a NUL after
 * it: buf needs cap > SIPW_BRANCH_LEN (resp. SIPW_TAG_LEN,
 * SIPW_CALL_ID_LEN) bytes. Random bytes come from rnd(rnd_ctx), or from
 * sipw_random_os() when rnd is NULL. Return SIPW_OK, or SIPW_EINVAL when
 * buf is NULL, cap is too small or the random source fails (buf is then
 * unspecified). */
SIPW_API sipw_status sipw_make_branch(char *buf, size_t cap,
                                      sipw_random_fn rnd, void *rnd_ctx);
SIPW_API sipw_status sipw_make_tag(char *buf, size_t cap, sipw_random_fn rnd,
                                   void *rnd_ctx);
SIPW_API sipw_status sipw_make_call_id(char *buf, size_t cap,
                                       sipw_random_fn rnd, void *rnd_ctx);

/* --- requests and responses ------------------------------------------- */

/* What a new request is made of (RFC 3261 §8.1.1). Absent strings are
 * {NULL, 0}. Zero the struct, then set what you need; note that
 * max_forwards must be set to -1 for the default. */
typedef struct sipw_request_spec {
    sipw_str method;  /* a token, e.g. "INVITE" (required) */
    sipw_str uri;     /* the Request-URI (required; no "?headers" in a
                       * sip or sips URI, §19.1.1) */
    sipw_str from;    /* From value; a tag is added when it has none
                       * (§8.1.1.3) (required) */
    sipw_str to;      /* To value, as given (required) */
    sipw_str call_id; /* absent: a new one (sipw_make_call_id()) */
    uint32_t cseq;    /* sequence number, below 2^31 (§8.1.1.5); the
                       * CSeq method is `method` */
    sipw_str transport; /* Via transport token; absent: "UDP" */
    sipw_str sent_by;   /* Via sent-by: host [":" port] (required) */
    int max_forwards;   /* 0..255; < 0: 70 (§8.1.1.6) */
    sipw_str contact;   /* Contact value; absent: no Contact line */
    sipw_random_fn random; /* for the branch, the tag and the Call-ID;
                            * NULL: sipw_random_os() */
    void *random_ctx;
} sipw_request_spec;

/* Makes a request in *msg (overwritten; it need not be initialised), with
 * the header lines, in this order: Via ("SIP/2.0/" transport SP sent-by
 * ";branch=" a new branch), Max-Forwards, To, From, Call-ID, CSeq and, if
 * given, Contact. The body is empty; sipw_msg_set_body() sets one. Errors
 * name the field: "Method", "Request-URI", or the header the field goes
 * to ("Via" for transport and sent_by, with the offset in that string;
 * "Max-Forwards" and "CSeq" for out-of-range numbers, SIPW_EVALUE).
 * SIPW_EINVAL when msg, spec or arena is NULL, a required field is
 * absent or the random source fails. */
SIPW_API sipw_status sipw_msg_request(sipw_msg *msg,
                                      const sipw_request_spec *spec,
                                      sipw_arena *arena, sipw_error *err);

/* Flags for sipw_msg_response(). */
enum {
    /* Add a tag to To when the request's To has none (§8.2.6.2: every
     * response but 100 Trying needs one). To send the same tag in
     * several responses (180, then 200), build the later ones without
     * this flag and copy the To of the first: sipw_msg_set(&r200,
     * SIPW_HDR_TO, no_name, sipw_msg_header(&r180, SIPW_HDR_TO)->value,
     * ...). */
    SIPW_RESPONSE_TO_TAG = 1u << 0,
    /* Also copy the Record-Route lines, in order (§12.1.1: a response
     * that makes a dialog, such as 2xx to INVITE). */
    SIPW_RESPONSE_RECORD_ROUTE = 1u << 1
};

/* Makes in *resp (overwritten; may be the same object as req) the
 * response to request `req` that RFC 3261 §8.2.6.2 describes: every Via
 * line in order, then To, From, Call-ID and CSeq, their values copied
 * into the arena byte for byte (folds become one SP); with
 * SIPW_RESPONSE_RECORD_ROUTE the Record-Route lines too (after Via);
 * and, for a 100 (Trying), the request's Timestamp (§8.2.6.1: the rule
 * is given for 100 only). Header names are the canonical ones. The body
 * is empty.
 *
 * `status` is 100..699 (else SIPW_ESTATUS). `reason` with a NULL pointer
 * means sipw_reason_phrase(status), or an empty phrase for a code not in
 * that table; otherwise it is checked against Reason-Phrase (§25.1) and
 * copied. The tag (SIPW_RESPONSE_TO_TAG) comes from rnd(rnd_ctx), or
 * from sipw_random_os() when rnd is NULL. SIPW_EINVAL when resp, req or
 * arena is NULL, req is not a request, req is an ACK (ACK has no
 * response, §17), flags has unknown bits or the random source fails;
 * SIPW_EMISSING (naming the header) when req lacks Via, From, To,
 * Call-ID or CSeq. */
SIPW_API sipw_status sipw_msg_response(sipw_msg *resp, const sipw_msg *req,
                                       unsigned status, sipw_str reason,
                                       unsigned flags, sipw_random_fn rnd,
                                       void *rnd_ctx, sipw_arena *arena,
                                       sipw_error *err);

/* The standard Reason-Phrase of a status code (RFC 3261 §21 and the
 * extensions listed in IANA's SIP registry, e.g. "Ringing" for 180,
 * "Session Interval Too Small" for 422), or NULL for a code it does not
 * know. */
SIPW_API const char *sipw_reason_phrase(unsigned status);

/* --- editing header lines --------------------------------------------- */

/* Flags for sipw_msg_add(). */
enum {
    SIPW_ADD_DEFAULT = 0,
    /* Insert before the first line of that header (a proxy adding its
     * Via, §16.6 step 8), or as the first header line when there is
     * none; by default the line goes last. */
    SIPW_ADD_TOP = 1u << 0
};

/* How the functions below pick a header: `id` says which; `name` is
 * {NULL, 0} for the canonical spelling. For a known id a name must be a
 * spelling of it (long or compact, any case: "v" for Via); it is kept in
 * the line's sipw_header.name (sipw_msg_write() writes the RFC spelling,
 * or the compact form with SIPW_WRITE_COMPACT). For SIPW_HDR_OTHER the name is required and must be a token
 * (§7.3.1 header-name); a name sipwire knows gets its id ("Via" with
 * SIPW_HDR_OTHER is Via), and lines of an unknown name match by name
 * (ignoring case), not all unknown lines. */

/* Adds one header line with `value`. A header that may appear once
 * (SIPW_HDRF_SINGLE: CSeq, Call-ID, From, To, Max-Forwards...) that is
 * already there is SIPW_EDUP (use sipw_msg_set()). A value that breaks a
 * rule across lines is refused: a CSeq method other than the request's
 * (§8.1.1.5, at the method), a Contact "*" next to other Contact values
 * (§10.2.2). Content-Length is SIPW_EINVAL: it follows the body
 * (sipw_msg_set_body()). SIPW_EINVAL also for unknown flag bits, a bad
 * name, or a name that is not a spelling of `id`. */
SIPW_API sipw_status sipw_msg_add(sipw_msg *msg, sipw_hdr id, sipw_str name,
                                  sipw_str value, unsigned flags,
                                  sipw_arena *arena, sipw_error *err);

/* Sets a header to one line with `value`: the first line of the header
 * takes the new name and value in place and the other lines of the
 * header go; when there is none the line is added last. Errors as for
 * sipw_msg_add() (without SIPW_EDUP). */
SIPW_API sipw_status sipw_msg_set(sipw_msg *msg, sipw_hdr id, sipw_str name,
                                  sipw_str value, sipw_arena *arena,
                                  sipw_error *err);

/* Removes every line of the header; `name` as above. Returns how many
 * lines went (0, with nothing changed and no arena used, when there were
 * none), or (size_t)-1 with nothing changed when the message cannot be
 * rebuilt: bad arguments, the arena too small, or a line of a lazily
 * parsed message that turns out invalid. Removing a mandatory header is
 * allowed; the message is then incomplete until one is added. */
SIPW_API size_t sipw_msg_remove(sipw_msg *msg, sipw_hdr id, sipw_str name,
                                sipw_arena *arena);

/* Sets the body: a copy of `body` ({NULL, 0} or an empty slice for
 * none; at most SIPW_MAX_BODY_SIZE bytes, else SIPW_ELIMIT). When
 * content_type is not {NULL, 0} it is the new Content-Type (set as by
 * sipw_msg_set(), checked as a media-type, §20.15); otherwise any
 * Content-Type line stays. A non-empty body with no Content-Type is
 * SIPW_EMISSING ("Content-Type", §20.15 makes it a MUST). A Content-Length
 * line already in the table (from a parsed message) gets the new length;
 * the writer adds one when there is none. */
SIPW_API sipw_status sipw_msg_set_body(sipw_msg *msg, sipw_str body,
                                       sipw_str content_type,
                                       sipw_arena *arena, sipw_error *err);

#ifdef __cplusplus
}
#endif

#endif
