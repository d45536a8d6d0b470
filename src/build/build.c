/* SPDX-License-Identifier: MIT */
/* sipwire: building and editing messages (see <sipwire/build.h>).
 *
 * Every operation works on a copy of the message (struct ed): it copies
 * the caller's strings into the arena, lays out a new header table at the
 * arena's bottom, relinks first[] and next, and re-runs the typed parsers
 * over the new table (sipw__typed_lines(), one error buffer per value).
 * Only when all of that worked is the copy written back, so a failure
 * leaves the message as it was and the arena is rolled back. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#if defined(__has_include)
#if __has_include(<sys/random.h>)
#include <sys/random.h>
#define SIPW_HAVE_GETRANDOM 1
#endif
#endif

#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif

#include "typed/typed.h"

/* --- random identifiers ------------------------------------------------ */

static int read_urandom(unsigned char *p, size_t len)
{
    int fd;

    do
        fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    while (fd < 0 && errno == EINTR);
    if (fd < 0)
        return -1;
    while (len > 0) {
        ssize_t r = read(fd, p, len);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            close(fd);
            return -1;
        }
        p += r;
        len -= (size_t)r;
    }
    close(fd);
    return 0;
}

int sipw_random_os(void *ctx, void *buf, size_t len)
{
    unsigned char *p = (unsigned char *)buf;

    (void)ctx;
    if (!buf)
        return len ? -1 : 0;
#ifdef SIPW_HAVE_GETRANDOM
    while (len > 0) {
        ssize_t r = getrandom(p, len, 0);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            break; /* ENOSYS (old kernel), EPERM (seccomp): try the file */
        }
        p += r;
        len -= (size_t)r;
    }
    if (len == 0)
        return 0;
#endif
    return read_urandom(p, len);
}

/* 32 symbols: one random byte gives one character without bias. */
static const char id_chars[] = "0123456789abcdefghijklmnopqrstuv";

enum { BRANCH_RAND = SIPW_BRANCH_LEN - 7 };

static int random_chars(sipw_random_fn rnd, void *ctx, char *out, size_t n)
{
    size_t i;

    if (!rnd)
        rnd = sipw_random_os;
    if (rnd(ctx, out, n) != 0)
        return -1;
    for (i = 0; i < n; i++)
        out[i] = id_chars[(unsigned char)out[i] & 31u];
    return 0;
}

static sipw_status make_id(char *buf, size_t cap, const char *prefix,
                           size_t n, sipw_random_fn rnd, void *ctx)
{
    size_t plen = strlen(prefix);

    if (!buf || cap <= plen + n)
        return SIPW_EINVAL;
    memcpy(buf, prefix, plen);
    if (random_chars(rnd, ctx, buf + plen, n) != 0)
        return SIPW_EINVAL;
    buf[plen + n] = '\0';
    return SIPW_OK;
}

sipw_status sipw_make_branch(char *buf, size_t cap, sipw_random_fn rnd,
                             void *rnd_ctx)
{
    return make_id(buf, cap, "z9hG4bK", BRANCH_RAND, rnd, rnd_ctx);
}

sipw_status sipw_make_tag(char *buf, size_t cap, sipw_random_fn rnd,
                          void *rnd_ctx)
{
    return make_id(buf, cap, "", SIPW_TAG_LEN, rnd, rnd_ctx);
}

sipw_status sipw_make_call_id(char *buf, size_t cap, sipw_random_fn rnd,
                              void *rnd_ctx)
{
    return make_id(buf, cap, "", SIPW_CALL_ID_LEN, rnd, rnd_ctx);
}

/* --- reason phrases ---------------------------------------------------- */

static const struct {
    unsigned short code;
    const char *text;
} phrases[] = {
    /* RFC 3261 section 21 unless noted */
    {100, "Trying"}, {180, "Ringing"}, {181, "Call Is Being Forwarded"},
    {182, "Queued"}, {183, "Session Progress"},
    {199, "Early Dialog Terminated"},                 /* RFC 6228 */
    {200, "OK"}, {202, "Accepted"},                   /* RFC 3265 */
    {204, "No Notification"},                         /* RFC 5839 */
    {300, "Multiple Choices"}, {301, "Moved Permanently"},
    {302, "Moved Temporarily"}, {305, "Use Proxy"},
    {380, "Alternative Service"},
    {400, "Bad Request"}, {401, "Unauthorized"}, {402, "Payment Required"},
    {403, "Forbidden"}, {404, "Not Found"}, {405, "Method Not Allowed"},
    {406, "Not Acceptable"}, {407, "Proxy Authentication Required"},
    {408, "Request Timeout"}, {410, "Gone"},
    {412, "Conditional Request Failed"},              /* RFC 3903 */
    {413, "Request Entity Too Large"}, {414, "Request-URI Too Long"},
    {415, "Unsupported Media Type"}, {416, "Unsupported URI Scheme"},
    {417, "Unknown Resource-Priority"},               /* RFC 4412 */
    {420, "Bad Extension"}, {421, "Extension Required"},
    {422, "Session Interval Too Small"},              /* RFC 4028 */
    {423, "Interval Too Brief"},
    {424, "Bad Location Information"},                /* RFC 6442 */
    {428, "Use Identity Header"},                     /* RFC 8224 */
    {429, "Provide Referrer Identity"},               /* RFC 3892 */
    {430, "Flow Failed"},                             /* RFC 5626 */
    {433, "Anonymity Disallowed"},                    /* RFC 5079 */
    {436, "Bad Identity Info"},                       /* RFC 8224 */
    {437, "Unsupported Credential"},                  /* RFC 8224 */
    {438, "Invalid Identity Header"},                 /* RFC 8224 */
    {439, "First Hop Lacks Outbound Support"},        /* RFC 5626 */
    {440, "Max-Breadth Exceeded"},                    /* RFC 5393 */
    {469, "Bad Info Package"},                        /* RFC 6086 */
    {470, "Consent Needed"},                          /* RFC 5360 */
    {480, "Temporarily Unavailable"},
    {481, "Call/Transaction Does Not Exist"}, {482, "Loop Detected"},
    {483, "Too Many Hops"}, {484, "Address Incomplete"}, {485, "Ambiguous"},
    {486, "Busy Here"}, {487, "Request Terminated"},
    {488, "Not Acceptable Here"},
    {489, "Bad Event"},                               /* RFC 6665 */
    {491, "Request Pending"}, {493, "Undecipherable"},
    {494, "Security Agreement Required"},             /* RFC 3329 */
    {500, "Server Internal Error"}, {501, "Not Implemented"},
    {502, "Bad Gateway"}, {503, "Service Unavailable"},
    {504, "Server Time-out"}, {505, "Version Not Supported"},
    {513, "Message Too Large"},
    {555, "Push Notification Service Not Supported"}, /* RFC 8599 */
    {580, "Precondition Failure"},                    /* RFC 3312 */
    {600, "Busy Everywhere"}, {603, "Decline"},
    {604, "Does Not Exist Anywhere"}, {606, "Not Acceptable"},
    {607, "Unwanted"},                                /* RFC 8197 */
    {608, "Rejected"},                                /* RFC 8688 */
};

const char *sipw_reason_phrase(unsigned status)
{
    size_t i;
    for (i = 0; i < sizeof phrases / sizeof phrases[0]; i++)
        if (phrases[i].code == status)
            return phrases[i].text;
    return NULL;
}

/* --- small helpers ----------------------------------------------------- */

static sipw_str cstr(const char *s)
{
    sipw_str r;
    r.p = s;
    r.len = s ? strlen(s) : 0;
    return r;
}

static sipw_str mkstr(const char *p, size_t len)
{
    sipw_str r;
    r.p = p;
    r.len = len;
    return r;
}

static int is_wsp(char c)
{
    return c == ' ' || c == '\t';
}

static int is_hex(char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

static int is_ctl(unsigned char c)
{
    return (c < 0x20 && c != '\t') || c == 0x7f;
}

/* Index of the first byte of [p, p + n) that is not a token character, or
 * n (also for n == 0: callers check emptiness themselves). */
static size_t token_end(const char *p, size_t n)
{
    return (size_t)(sipw__span(p, p + n, SIPW_CC_TOKEN) - p);
}

/* Reports an error at byte `off` of the string `given` the caller passed
 * (SIPW_NO_OFFSET: at none of its bytes); `header` names it. */
static sipw_status fail(sipw_error *err, sipw_status st, sipw_str given,
                        size_t off, sipw_str header, const char *reason)
{
    sipw__set_error(err, st, given.p, given.len, off, header, reason);
    return st;
}

static sipw_status fail0(sipw_error *err, sipw_status st, const char *header,
                         const char *reason)
{
    sipw_str none = {NULL, 0};
    return fail(err, st, none, SIPW_NO_OFFSET, cstr(header), reason);
}

/* n bytes for a string, from the arena's top, unaligned. */
static char *take_bytes(sipw_arena *a, size_t n)
{
    if (!a->base || n > a->size - a->lo - a->hi)
        return NULL;
    a->hi += n;
    return (char *)(a->base + a->size - a->hi);
}

/* A copy of s in the arena; "" (not NULL) for an empty string. */
static const char *put(sipw_arena *a, const char *s, size_t n)
{
    char *d;
    if (n == 0)
        return "";
    d = take_bytes(a, n);
    if (d)
        memcpy(d, s, n);
    return d;
}

/* Decimal digits of v into out (room for 10); returns their count. */
static size_t put_uint(char *out, uint32_t v)
{
    char tmp[10];
    size_t n = 0, i;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    return n;
}

/* --- a message being made ---------------------------------------------- */

/* Where a caller's string went: line `line` (or the Request-URI, NO_LINE)
 * holds `given` from byte `lead` on, so an error offset in the copy plus
 * lead is the offset in what the caller passed. */
#define NO_LINE ((size_t)-1)
struct origin {
    size_t line;
    sipw_str given;
    size_t lead;
    sipw_str name; /* for err->header: the caller's name or a static one */
};

#define MAX_ORIGINS 8
struct ed {
    sipw_msg t;        /* the new message */
    sipw_header *tab;  /* its table (arena bottom) */
    size_t n, cap;
    sipw_arena *a;
    sipw_arena saved;  /* rolled back to on failure */
    const sipw_msg *src; /* the message the copied lines come from, or NULL */
    sipw_error *err;
    struct origin orig[MAX_ORIGINS];
    size_t norig;
};

static void ed_begin(struct ed *e, sipw_arena *a, sipw_error *err)
{
    memset(e, 0, sizeof *e);
    e->a = a;
    e->saved = *a;
    e->err = err;
}

static sipw_status ed_fail(struct ed *e, sipw_status st)
{
    *e->a = e->saved;
    return st;
}

/* A table of n lines (room for at least one, so header_cap is never 0),
 * aligned, from the arena's bottom: the same side the parser puts its
 * table on. */
static sipw_status ed_table(struct ed *e, size_t n)
{
    struct align {
        char c;
        sipw_header h;
    };
    const size_t al = offsetof(struct align, h);
    sipw_arena *a = e->a;
    size_t cap = n ? n : 1, pad, need;

    if (n > SIPW_MAX_HEADERS)
        return fail0(e->err, SIPW_ELIMIT, NULL,
                     "more than SIPW_MAX_HEADERS header lines");
    if (!a->base)
        goto nomem;
    pad = (size_t)(-(uintptr_t)(a->base + a->lo) & (uintptr_t)(al - 1));
    need = pad + cap * sizeof(sipw_header);
    if (need > a->size - a->lo - a->hi)
        goto nomem;
    e->tab = (sipw_header *)(void *)(a->base + a->lo + pad);
    a->lo += need;
    e->cap = cap;
    e->n = 0;
    return SIPW_OK;
nomem:
    return fail0(e->err, SIPW_ENOMEM, NULL,
                 "arena too small for the header table");
}

static sipw_header *ed_line(struct ed *e, sipw_hdr id, sipw_str name,
                            sipw_str value, unsigned flags)
{
    sipw_header *h = &e->tab[e->n++];
    h->name = name;
    h->value = value;
    h->id = (uint16_t)id;
    h->flags = (uint16_t)flags;
    h->next = 0;
    return h;
}

static void ed_copy(struct ed *e, const sipw_header *h)
{
    e->tab[e->n++] = *h;
}

static void ed_origin(struct ed *e, size_t line, sipw_str given, size_t lead,
                      sipw_str name)
{
    if (e->norig < MAX_ORIGINS) {
        struct origin *o = &e->orig[e->norig++];
        o->line = line;
        o->given = given;
        o->lead = lead;
        o->name = name;
    }
}

/* An error found in the copy of `given` (which starts at given + lead):
 * make it count from `given`. */
static void move_error(sipw_error *err, sipw_str given, size_t lead,
                       sipw_str name)
{
    size_t off;
    if (!err)
        return;
    /* ENOMEM is about the arena, not a byte. */
    off = err->status == SIPW_ENOMEM ? SIPW_NO_OFFSET : err->offset + lead;
    sipw__set_error(err, err->status, given.p, given.len, off, name,
                    err->reason);
}

/* The typed parsers point an ENOMEM at a byte; the builder's is about
 * the arena, at no byte and in no line. */
static void arena_error(sipw_error *err)
{
    if (err)
        sipw__set_error(err, SIPW_ENOMEM, NULL, 0, SIPW_NO_OFFSET,
                        err->header, err->reason);
}

static const struct origin *origin_of(const struct ed *e, size_t line)
{
    size_t i;
    for (i = 0; i < e->norig; i++)
        if (e->orig[i].line == line)
            return &e->orig[i];
    return NULL;
}

/* The index in e->src of the line that line k of the new table copies.
 * Every edit and every response keeps the lines of an id it copies in
 * their order, and the caller's own lines (origins) are no copies, so
 * the r-th copy of an id is the r-th line of that id in the source.
 * (Copies of SIPW_HDR_OTHER lines may be out of step, but an unknown
 * header is never re-checked.) */
static size_t src_index(const struct ed *e, size_t k)
{
    unsigned id = e->tab[k].id;
    size_t i, r = 0;

    for (i = 0; i < k; i++)
        r += e->tab[i].id == id && !origin_of(e, i);
    for (i = 0; i < e->src->nheaders; i++)
        if (e->src->headers[i].id == id && r-- == 0)
            return i;
    return SIPW_NO_INDEX;
}

/* An error the typed parsers found in line `line` (NO_LINE: the
 * Request-URI): move it to the caller's string when the line holds one,
 * else name the line of the source message it copies. */
static void map_error(struct ed *e, size_t line)
{
    const struct origin *o = origin_of(e, line);
    if (o)
        move_error(e->err, o->given, o->lead, o->name);
    else if (e->err && e->err->status == SIPW_ENOMEM)
        arena_error(e->err);
    else if (e->err && e->src && line != NO_LINE)
        e->err->header_index = src_index(e, line);
}

/* first[] and next for the new table, as the framing lexer sets them. */
static void relink(sipw_msg *t, sipw_header *tab)
{
    uint32_t last[SIPW_HDR__COUNT];
    size_t i;

    memset(t->first, 0, sizeof t->first);
    for (i = 0; i < t->nheaders; i++) {
        unsigned id = tab[i].id;
        tab[i].next = 0;
        if (t->first[id] == 0)
            t->first[id] = (uint16_t)(i + 1);
        else
            tab[last[id]].next = (uint32_t)i;
        last[id] = (uint32_t)i;
    }
}

/* The Request-URI, parsed as sipw__typed_parse() does. */
static sipw_status parse_ruri(struct ed *e)
{
    sipw_msg *t = &e->t;
    struct sipw_tp tp;
    sipw_uri *u;
    sipw_status st;

    tp.buf = t->request_uri.p;
    tp.len = t->request_uri.len;
    tp.header = cstr("Request-URI");
    tp.arena = e->a;
    tp.err = e->err;
    tp.flags = t->parse_flags;
    u = (sipw_uri *)sipw__arena_take(e->a, sizeof *u);
    if (!u)
        st = sipw__tp_fail(&tp, SIPW_ENOMEM, tp.buf,
                           "arena too small for the typed headers");
    else
        st = sipw__uri(&tp, tp.buf, tp.buf + tp.len, u);
    if (st == SIPW_OK && u->scheme_id != SIPW_SCHEME_OTHER &&
        u->scheme_id != SIPW_SCHEME_TEL && u->headers.p)
        st = sipw__tp_fail(&tp, SIPW_EVALUE, u->headers.p - 1,
                           "headers (\"?\") are not allowed in a "
                           "Request-URI (RFC 3261 section 19.1.1)");
    if (st != SIPW_OK) {
        map_error(e, NO_LINE);
        return st;
    }
    t->uri = u;
    return SIPW_OK;
}

/* Makes e->t whole (table, first[], typed fields) and writes it to *out. */
static sipw_status ed_finish(struct ed *e, sipw_msg *out)
{
    sipw_msg *t = &e->t;
    const sipw_uri *uri = t->uri;
    const size_t lo = offsetof(sipw_msg, uri),
                 hi = offsetof(sipw_msg, header_cap);
    size_t bad = 0;
    sipw_status st;

    t->headers = e->n ? e->tab : NULL;
    t->nheaders = e->n;
    t->header_cap = e->cap;
    relink(t, e->tab);
    /* Every typed field is rebuilt (the parsers only set what they see),
     * except the Request-URI, which no edit changes. */
    memset((char *)t + lo, 0, hi - lo);
    t->warnings = 0;
    if (t->type == SIPW_MSG_REQUEST) {
        t->uri = uri;
        if (!uri) {
            st = parse_ruri(e);
            if (st != SIPW_OK)
                return ed_fail(e, st);
        }
    }
    st = sipw__typed_lines(t, e->a, e->err, &bad);
    if (st != SIPW_OK) {
        map_error(e, bad);
        return ed_fail(e, st);
    }
    if (t->type == SIPW_MSG_REQUEST && !t->first[SIPW_HDR_MAX_FORWARDS])
        t->warnings |= 1u << SIPW_WARN_NO_MAX_FORWARDS;
    t->buf = NULL;
    t->size = 0;
    t->parse_flags &= ~(unsigned)SIPW_PARSE_LAZY;
    t->has_content_length = 1;
    t->content_length = t->body.len;
    if (!t->body.p)
        t->body = mkstr("", 0);
    *out = *t;
    return SIPW_OK;
}

/* --- values ------------------------------------------------------------ */

/* The bytes of a one-line header value, as the framing lexer takes them
 * (grammar/message.re): no control byte but HTAB (CR and LF included: the
 * builder writes no folds), and in headers with quoted strings, closed
 * quotes whose quoted-pairs quote a byte 0x00-0x7F. */
static sipw_status check_bytes(sipw_hdr id, const char *p, size_t n,
                               unsigned *hf, size_t *at, const char **why)
{
    int quotes = (sipw__hdr_flags[id] & SIPW_HDRF_QUOTED) != 0, in = 0;
    size_t i, open = 0;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == '\r' || c == '\n') {
            *at = i;
            *why = "CR or LF in a value (a value is one line; the writer "
                   "folds nothing)";
            return SIPW_EVALUE;
        }
        if (in && c == '"') {
            in = 0;
        } else if (in && c == '\\') {
            unsigned char q = i + 1 < n ? (unsigned char)p[i + 1] : 0;
            if (i + 1 == n) {
                *at = i;
                *why = "backslash at the end of the value inside a quoted "
                       "string";
                return SIPW_EQUOTE;
            }
            if (q == '\r' || q == '\n') {
                *at = i + 1;
                *why = "CR or LF in a value (a value is one line; the "
                       "writer folds nothing)";
                return SIPW_EVALUE;
            }
            if (q >= 0x80) {
                *at = i;
                *why = "backslash before a byte that cannot be quoted";
                return SIPW_EVALUE;
            }
            if (is_ctl(q))
                *hf |= SIPW_HF_QUOTED_CTL;
            i++;
        } else if (!in && quotes && c == '"') {
            in = 1;
            open = i;
        } else if (is_ctl(c)) {
            *at = i;
            *why = c ? "control character in header value"
                     : "NUL byte in header value";
            return SIPW_EVALUE;
        }
    }
    if (in) {
        *at = open;
        *why = "quoted string not closed before the end of the value";
        return SIPW_EQUOTE;
    }
    return SIPW_OK;
}

/* Copies the caller's value for header `id` (err names it `name`)
 * without the SP/HTAB around it, after checking its bytes. */
static sipw_status take_value(struct ed *e, sipw_hdr id, sipw_str name,
                              sipw_str given, sipw_str *out, size_t *lead,
                              unsigned *hf)
{
    size_t b = 0, n = given.len, at = 0;
    const char *why = NULL;
    const char *p;
    sipw_status st;

    if (!given.p && given.len)
        return fail(e->err, SIPW_EINVAL, given, SIPW_NO_OFFSET, name,
                    "NULL value with a non-zero length");
    while (b < n && is_wsp(given.p[b]))
        b++;
    while (n > b && is_wsp(given.p[n - 1]))
        n--;
    *hf = 0;
    st = check_bytes(id, given.p + b, n - b, hf, &at, &why);
    if (st != SIPW_OK)
        return fail(e->err, st, given, b + at, name, why);
    p = put(e->a, given.p + b, n - b);
    if (!p)
        return fail(e->err, SIPW_ENOMEM, given, SIPW_NO_OFFSET, name,
                    "arena too small for the value");
    *out = mkstr(p, n - b);
    *lead = b;
    return SIPW_OK;
}

/* The stored name of a line: the canonical one (static) or a copy of the
 * caller's. */
static sipw_status take_name(struct ed *e, sipw_hdr id, sipw_str given,
                             sipw_str *out)
{
    const char *p;
    if (given.len == 0) {
        *out = cstr(sipw_hdr_name(id));
        return SIPW_OK;
    }
    p = put(e->a, given.p, given.len);
    if (!p)
        return fail(e->err, SIPW_ENOMEM, given, SIPW_NO_OFFSET, given,
                    "arena too small for the header name");
    *out = mkstr(p, given.len);
    return SIPW_OK;
}

/* Resolves the (id, name) pair of an edit (see build.h). */
static sipw_status resolve(sipw_hdr *id, sipw_str name, sipw_str *errname,
                           sipw_error *err)
{
    size_t bad;
    sipw_hdr looked;

    if ((unsigned)*id >= (unsigned)SIPW_HDR__COUNT)
        return fail0(err, SIPW_EINVAL, NULL, "unknown header id");
    if (!name.p && name.len)
        return fail0(err, SIPW_EINVAL, NULL,
                     "NULL name with a non-zero length");
    if (name.len == 0) {
        if (*id == SIPW_HDR_OTHER)
            return fail0(err, SIPW_EINVAL, NULL,
                         "SIPW_HDR_OTHER needs a header name");
        *errname = cstr(sipw_hdr_name(*id));
        return SIPW_OK;
    }
    bad = token_end(name.p, name.len);
    if (bad < name.len)
        return fail(err, SIPW_EINVAL, name, bad, name,
                    "header name must be a token (RFC 3261 section 7.3.1)");
    looked = sipw_hdr_lookup(name.p, name.len);
    if (*id == SIPW_HDR_OTHER)
        *id = looked;
    else if (looked != *id)
        return fail(err, SIPW_EINVAL, name, 0, name,
                    "name is not a spelling of the header id");
    *errname = name;
    return SIPW_OK;
}

static int matches(const sipw_header *h, sipw_hdr id, sipw_str name)
{
    return h->id == id && (id != SIPW_HDR_OTHER || sipw_str_caseeq(h->name,
                                                                   name));
}

static size_t count_matching(const sipw_msg *m, sipw_hdr id, sipw_str name)
{
    size_t i, c = 0;
    for (i = 0; i < m->nheaders; i++)
        c += (size_t)matches(&m->headers[i], id, name);
    return c;
}

/* Whether the name-addr value [p, p + n) has a tag, parsed into arena
 * space that is given back. Errors count from p. */
static sipw_status has_tag(struct ed *e, sipw_str name, const char *p,
                           size_t n, int *tag)
{
    struct sipw_tp tp;
    sipw_nameaddr *first = NULL, *last = NULL;
    sipw_arena mark = *e->a;
    sipw_status st;

    tp.buf = p;
    tp.len = n;
    tp.header = name;
    tp.arena = e->a;
    tp.err = e->err;
    tp.flags = 0;
    st = sipw__nameaddr(&tp, p, p + n, SIPW_NAMEADDR_ONE, NULL, &first,
                        &last, NULL);
    *tag = st == SIPW_OK && first && first->tag.p;
    *e->a = mark;
    return st;
}

/* value ";tag=" new-tag, in the arena. */
static sipw_status add_tag(struct ed *e, sipw_str *value, sipw_random_fn rnd,
                           void *ctx, const char *header)
{
    size_t n = value->len + 5 + SIPW_TAG_LEN;
    char *d = take_bytes(e->a, n);

    if (!d)
        return fail0(e->err, SIPW_ENOMEM, header,
                     "arena too small for the value");
    memcpy(d, value->p, value->len);
    memcpy(d + value->len, ";tag=", 5);
    if (random_chars(rnd, ctx, d + value->len + 5, SIPW_TAG_LEN) != 0)
        return fail0(e->err, SIPW_EINVAL, header, "the random source failed");
    *value = mkstr(d, n);
    return SIPW_OK;
}

/* --- requests ---------------------------------------------------------- */

/* sent-by = host [ COLON port ] (RFC 3261 section 20.42), exactly. */
static sipw_status check_sent_by(sipw_str s, sipw_error *err)
{
    const char *cur = s.p, *e = s.p + s.len, *at = NULL, *why = NULL;
    sipw_str via = cstr("Via");
    uint32_t port = 0;
    const char *digits;

    if (sipw__host_lex(&cur, e, &at, &why) == SIPW_HOST_NONE)
        return fail(err, SIPW_EVALUE, s, (size_t)(at - s.p), via, why);
    if (cur == e)
        return SIPW_OK;
    if (*cur != ':')
        return fail(err, SIPW_EVALUE, s, (size_t)(cur - s.p), via,
                    "sent-by is host [\":\" port], nothing more");
    digits = ++cur;
    for (; cur < e && *cur >= '0' && *cur <= '9'; cur++) {
        port = port * 10 + (uint32_t)(*cur - '0');
        if (port > 65535)
            return fail(err, SIPW_EVALUE, s, (size_t)(digits - s.p), via,
                        "port must be 0 to 65535");
    }
    if (cur == digits)
        return fail(err, SIPW_EVALUE, s, (size_t)(cur - s.p), via,
                    "expected the port digits after ':'");
    if (cur < e)
        return fail(err, SIPW_EVALUE, s, (size_t)(cur - s.p), via,
                    "sent-by is host [\":\" port], nothing more");
    return SIPW_OK;
}

sipw_status sipw_msg_request(sipw_msg *msg, const sipw_request_spec *spec,
                             sipw_arena *arena, sipw_error *err)
{
    static const char branch_pre[] = ";branch=z9hG4bK";
    struct ed e;
    sipw_str transport, method, via, mf, cseq, to, from, callid, contact;
    size_t bad, to_lead = 0, from_lead = 0, cid_lead = 0, ct_lead = 0;
    unsigned to_hf = 0, from_hf = 0, ct_hf = 0, hf = 0, mfv;
    int tag;
    char *d;
    sipw_status st;

    if (!msg || !spec || !arena)
        return fail0(err, SIPW_EINVAL, NULL, "NULL message, spec or arena");
    if (!spec->method.p || !spec->method.len)
        return fail0(err, SIPW_EINVAL, "Method", "the method is required");
    if (!spec->uri.p || !spec->uri.len)
        return fail0(err, SIPW_EINVAL, "Request-URI",
                     "the Request-URI is required");
    if (!spec->from.p)
        return fail0(err, SIPW_EINVAL, "From", "From is required");
    if (!spec->to.p)
        return fail0(err, SIPW_EINVAL, "To", "To is required");
    if (!spec->sent_by.p || !spec->sent_by.len)
        return fail0(err, SIPW_EINVAL, "Via",
                     "sent_by (the Via host) is required");

    bad = token_end(spec->method.p, spec->method.len);
    if (bad < spec->method.len)
        return fail(err, SIPW_EVALUE, spec->method, bad, cstr("Method"),
                    "method must be a token (RFC 3261 section 25.1)");
    transport = spec->transport.p ? spec->transport : cstr("UDP");
    bad = token_end(transport.p, transport.len);
    if (bad < transport.len || transport.len == 0)
        return fail(err, SIPW_EVALUE, transport, bad, cstr("Via"),
                    "transport must be a token (RFC 3261 section 20.42)");
    st = check_sent_by(spec->sent_by, err);
    if (st != SIPW_OK)
        return st;
    if (spec->max_forwards > 255)
        return fail0(err, SIPW_EVALUE, "Max-Forwards",
                     "Max-Forwards must be 0 to 255 (RFC 3261 section "
                     "20.22)");
    if (spec->cseq >= 0x80000000u)
        return fail0(err, SIPW_EVALUE, "CSeq",
                     "CSeq number must be below 2**31 (RFC 3261 section "
                     "8.1.1.5)");

    ed_begin(&e, arena, err);
    e.t.type = SIPW_MSG_REQUEST;
    e.t.version = cstr("SIP/2.0");
    method.p = put(arena, spec->method.p, spec->method.len);
    e.t.request_uri.p = put(arena, spec->uri.p, spec->uri.len);
    if (!method.p || !e.t.request_uri.p)
        goto nomem;
    method.len = spec->method.len;
    e.t.method = method;
    e.t.method_id = sipw_method_lookup(method.p, method.len);
    e.t.request_uri.len = spec->uri.len;
    ed_origin(&e, NO_LINE, spec->uri, 0, cstr("Request-URI"));

    /* Via: SIP/2.0/transport SP sent-by ;branch=z9hG4bK... */
    via.len = 8 + transport.len + 1 + spec->sent_by.len +
              (sizeof branch_pre - 1) + BRANCH_RAND;
    d = take_bytes(arena, via.len);
    if (!d)
        goto nomem;
    via.p = d;
    memcpy(d, "SIP/2.0/", 8);
    memcpy(d += 8, transport.p, transport.len);
    *(d += transport.len) = ' ';
    memcpy(d += 1, spec->sent_by.p, spec->sent_by.len);
    memcpy(d += spec->sent_by.len, branch_pre, sizeof branch_pre - 1);
    if (random_chars(spec->random, spec->random_ctx,
                     d + sizeof branch_pre - 1, BRANCH_RAND) != 0) {
        st = fail0(err, SIPW_EINVAL, "Via", "the random source failed");
        return ed_fail(&e, st);
    }

    mfv = spec->max_forwards < 0 ? 70u : (unsigned)spec->max_forwards;
    d = take_bytes(arena, 3 + 1 + 10 + 1 + method.len);
    if (!d)
        goto nomem;
    mf = mkstr(d, put_uint(d, mfv));
    d += mf.len;
    cseq.p = d;
    cseq.len = put_uint(d, spec->cseq);
    d[cseq.len++] = ' ';
    memcpy(d + cseq.len, method.p, method.len);
    cseq.len += method.len;

    st = take_value(&e, SIPW_HDR_TO, cstr("To"), spec->to, &to, &to_lead,
                    &to_hf);
    if (st == SIPW_OK)
        st = take_value(&e, SIPW_HDR_FROM, cstr("From"), spec->from, &from,
                        &from_lead, &from_hf);
    if (st != SIPW_OK)
        return ed_fail(&e, st);
    /* §8.1.1.3: From carries a tag; add one when the caller gave none. */
    st = has_tag(&e, cstr("From"), from.p, from.len, &tag);
    if (st != SIPW_OK) {
        move_error(err, spec->from, from_lead, cstr("From"));
        return ed_fail(&e, st);
    }
    if (!tag) {
        st = add_tag(&e, &from, spec->random, spec->random_ctx, "From");
        if (st != SIPW_OK)
            return ed_fail(&e, st);
    }
    if (spec->call_id.p) {
        st = take_value(&e, SIPW_HDR_CALL_ID, cstr("Call-ID"), spec->call_id,
                        &callid, &cid_lead, &hf);
        if (st != SIPW_OK)
            return ed_fail(&e, st);
    } else {
        d = take_bytes(arena, SIPW_CALL_ID_LEN);
        if (!d)
            goto nomem;
        if (random_chars(spec->random, spec->random_ctx, d,
                         SIPW_CALL_ID_LEN) != 0) {
            st = fail0(err, SIPW_EINVAL, "Call-ID",
                       "the random source failed");
            return ed_fail(&e, st);
        }
        callid = mkstr(d, SIPW_CALL_ID_LEN);
    }
    if (spec->contact.p) {
        st = take_value(&e, SIPW_HDR_CONTACT, cstr("Contact"), spec->contact,
                        &contact, &ct_lead, &ct_hf);
        if (st != SIPW_OK)
            return ed_fail(&e, st);
    }

    st = ed_table(&e, spec->contact.p ? 7 : 6);
    if (st != SIPW_OK)
        return ed_fail(&e, st);
    ed_line(&e, SIPW_HDR_VIA, cstr("Via"), via, 0);
    ed_line(&e, SIPW_HDR_MAX_FORWARDS, cstr("Max-Forwards"), mf, 0);
    ed_origin(&e, e.n, spec->to, to_lead, cstr("To"));
    ed_line(&e, SIPW_HDR_TO, cstr("To"), to, to_hf);
    ed_origin(&e, e.n, spec->from, from_lead, cstr("From"));
    ed_line(&e, SIPW_HDR_FROM, cstr("From"), from, from_hf);
    if (spec->call_id.p)
        ed_origin(&e, e.n, spec->call_id, cid_lead, cstr("Call-ID"));
    ed_line(&e, SIPW_HDR_CALL_ID, cstr("Call-ID"), callid, hf);
    ed_line(&e, SIPW_HDR_CSEQ, cstr("CSeq"), cseq, 0);
    if (spec->contact.p) {
        ed_origin(&e, e.n, spec->contact, ct_lead, cstr("Contact"));
        ed_line(&e, SIPW_HDR_CONTACT, cstr("Contact"), contact, ct_hf);
    }
    return ed_finish(&e, msg);

nomem:
    st = fail0(err, SIPW_ENOMEM, NULL, "arena too small for the request");
    return ed_fail(&e, st);
}

/* --- responses --------------------------------------------------------- */

/* Reason-Phrase = *(reserved / unreserved / escaped / UTF8-NONASCII /
 * UTF8-CONT / SP / HTAB) (RFC 3261 section 25.1), as grammar/message.re
 * reads it. Returns the offset of the first bad byte, or len. */
static size_t reason_end(const char *p, size_t len)
{
    static const char marks[] = "-_.!~*'();/?:@&=+$,";
    size_t i;

    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c >= 0x80 || is_wsp((char)c) ||
            (sipw__cc[c] & SIPW_CC_ALNUM) ||
            (c && strchr(marks, c)))
            continue;
        if (c == '%' && len - i >= 3 && is_hex(p[i + 1]) &&
            is_hex(p[i + 2])) {
            i += 2;
            continue;
        }
        return i;
    }
    return len;
}

/* A copy of a request line for the response: value unfolded into the
 * arena, canonical name. */
static sipw_status copy_line(struct ed *e, const sipw_header *h)
{
    sipw_str name = cstr(sipw_hdr_name((sipw_hdr)h->id));
    char *d = take_bytes(e->a, h->value.len + 1);
    size_t n;

    if (!d)
        return fail0(e->err, SIPW_ENOMEM, name.p,
                     "arena too small for the response");
    n = sipw_header_unfold(h, d, h->value.len + 1);
    ed_line(e, (sipw_hdr)h->id, name, mkstr(n ? d : "", n),
            h->flags & ~(unsigned)SIPW_HF_FOLDED);
    return SIPW_OK;
}

static sipw_status copy_all(struct ed *e, const sipw_msg *req, sipw_hdr id)
{
    const sipw_header *h;
    for (h = sipw_msg_header(req, id); h; h = sipw_msg_header_next(req, h)) {
        sipw_status st = copy_line(e, h);
        if (st != SIPW_OK)
            return st;
    }
    return SIPW_OK;
}

sipw_status sipw_msg_response(sipw_msg *resp, const sipw_msg *req,
                              unsigned status, sipw_str reason,
                              unsigned flags, sipw_random_fn rnd,
                              void *rnd_ctx, sipw_arena *arena,
                              sipw_error *err)
{
    const unsigned known = SIPW_RESPONSE_TO_TAG | SIPW_RESPONSE_RECORD_ROUTE;
    struct ed e;
    sipw_str rp;
    size_t i, n, bad;
    int timestamp;
    sipw_status st;

    if (!resp || !req || !arena)
        return fail0(err, SIPW_EINVAL, NULL,
                     "NULL response, request or arena");
    if (flags & ~known)
        return fail0(err, SIPW_EINVAL, NULL, "unknown flag bits");
    if (req->type != SIPW_MSG_REQUEST)
        return fail0(err, SIPW_EINVAL, NULL, "not a request");
    if (req->method_id == SIPW_METHOD_ACK)
        return fail0(err, SIPW_EINVAL, NULL,
                     "an ACK gets no response (RFC 3261 section 17)");
    if (status < 100 || status > 699)
        return fail0(err, SIPW_ESTATUS, "Status-Code",
                     "status code must be between 100 and 699");
    /* RFC 3261 §8.1.1: SIPW_HDRF_MANDATORY, in msg.c's order. */
    for (i = 0; i < SIPW_HDR__MANDATORY; i++)
        if (!sipw_msg_header(req, (sipw_hdr)sipw__mandatory[i]))
            return fail0(err, SIPW_EMISSING,
                         sipw_hdr_name((sipw_hdr)sipw__mandatory[i]),
                         "the request lacks a mandatory header (RFC 3261 "
                         "section 8.1.1)");
    if (reason.p) {
        bad = reason_end(reason.p, reason.len);
        if (bad < reason.len)
            return fail(err, SIPW_EVALUE, reason, bad, cstr("Reason-Phrase"),
                        "invalid character in Reason-Phrase");
    } else if (reason.len) {
        return fail0(err, SIPW_EINVAL, "Reason-Phrase",
                     "NULL reason with a non-zero length");
    }

    ed_begin(&e, arena, err);
    e.src = req;
    e.t.type = SIPW_MSG_RESPONSE;
    e.t.version = cstr("SIP/2.0");
    e.t.status = status;
    if (reason.p) {
        rp.p = put(arena, reason.p, reason.len);
        rp.len = reason.len;
        if (!rp.p) {
            st = fail0(err, SIPW_ENOMEM, "Reason-Phrase",
                       "arena too small for the response");
            return ed_fail(&e, st);
        }
    } else {
        rp = cstr(sipw_reason_phrase(status));
        if (!rp.p)
            rp = cstr("");
    }
    e.t.reason = rp;

    /* §8.2.6.1 asks for the Timestamp in a 100 (Trying). */
    timestamp = status == 100 && sipw_msg_header(req, SIPW_HDR_TIMESTAMP);
    n = sipw_msg_header_count(req, SIPW_HDR_VIA) + 4 + (size_t)timestamp;
    if (flags & SIPW_RESPONSE_RECORD_ROUTE)
        n += sipw_msg_header_count(req, SIPW_HDR_RECORD_ROUTE);
    st = ed_table(&e, n);
    if (st == SIPW_OK)
        st = copy_all(&e, req, SIPW_HDR_VIA);
    if (st == SIPW_OK && (flags & SIPW_RESPONSE_RECORD_ROUTE))
        st = copy_all(&e, req, SIPW_HDR_RECORD_ROUTE);
    if (st == SIPW_OK)
        st = copy_line(&e, sipw_msg_header(req, SIPW_HDR_TO));
    if (st == SIPW_OK && (flags & SIPW_RESPONSE_TO_TAG)) {
        sipw_header *to = &e.tab[e.n - 1];
        int tag;
        st = has_tag(&e, to->name, to->value.p, to->value.len, &tag);
        if (st != SIPW_OK)
            map_error(&e, e.n - 1);
        if (st == SIPW_OK && !tag)
            st = add_tag(&e, &to->value, rnd, rnd_ctx, "To");
    }
    if (st == SIPW_OK)
        st = copy_line(&e, sipw_msg_header(req, SIPW_HDR_FROM));
    if (st == SIPW_OK)
        st = copy_line(&e, sipw_msg_header(req, SIPW_HDR_CALL_ID));
    if (st == SIPW_OK)
        st = copy_line(&e, sipw_msg_header(req, SIPW_HDR_CSEQ));
    if (st == SIPW_OK && timestamp)
        st = copy_line(&e, sipw_msg_header(req, SIPW_HDR_TIMESTAMP));
    if (st != SIPW_OK)
        return ed_fail(&e, st);
    return ed_finish(&e, resp);
}

/* --- editing ----------------------------------------------------------- */

/* The new line of an add or set: name and value in the arena. */
static sipw_status new_line(struct ed *e, sipw_hdr id, sipw_str name,
                            sipw_str errname, sipw_str value,
                            sipw_header *out, size_t *lead)
{
    unsigned hf = 0;
    sipw_status st = take_value(e, id, errname, value, &out->value, lead,
                                &hf);
    if (st == SIPW_OK)
        st = take_name(e, id, name, &out->name);
    out->id = (uint16_t)id;
    out->flags = (uint16_t)hf;
    out->next = 0;
    return st;
}

static sipw_status edit_args(sipw_msg *m, sipw_hdr *id, sipw_str name,
                             sipw_str *errname, sipw_arena *a,
                             sipw_error *err)
{
    sipw_status st;
    if (!m || !a)
        return fail0(err, SIPW_EINVAL, NULL, "NULL message or arena");
    st = resolve(id, name, errname, err);
    if (st != SIPW_OK)
        return st;
    if (*id == SIPW_HDR_CONTENT_LENGTH)
        return fail0(err, SIPW_EINVAL, "Content-Length",
                     "Content-Length follows the body: use "
                     "sipw_msg_set_body()");
    return SIPW_OK;
}

sipw_status sipw_msg_add(sipw_msg *msg, sipw_hdr id, sipw_str name,
                         sipw_str value, unsigned flags, sipw_arena *arena,
                         sipw_error *err)
{
    struct ed e;
    sipw_str errname;
    sipw_header line;
    size_t i, k, lead = 0;
    sipw_status st;

    if (flags & ~(unsigned)SIPW_ADD_TOP)
        return fail0(err, SIPW_EINVAL, NULL, "unknown flag bits");
    st = edit_args(msg, &id, name, &errname, arena, err);
    if (st != SIPW_OK)
        return st;
    if ((sipw__hdr_flags[id] & SIPW_HDRF_SINGLE) &&
        count_matching(msg, id, name))
        return fail(err, SIPW_EDUP, value, 0, errname,
                    "header may appear only once: use sipw_msg_set()");

    ed_begin(&e, arena, err);
    e.t = *msg;
    e.src = msg;
    st = new_line(&e, id, name, errname, value, &line, &lead);
    if (st == SIPW_OK)
        st = ed_table(&e, msg->nheaders + 1);
    if (st != SIPW_OK)
        return ed_fail(&e, st);
    k = msg->nheaders;
    if (flags & SIPW_ADD_TOP) {
        for (k = 0; k < msg->nheaders; k++)
            if (matches(&msg->headers[k], id, name))
                break;
        if (k == msg->nheaders)
            k = 0;
    }
    for (i = 0; i < msg->nheaders; i++) {
        if (i == k)
            e.tab[e.n++] = line;
        ed_copy(&e, &msg->headers[i]);
    }
    if (k == msg->nheaders)
        e.tab[e.n++] = line;
    ed_origin(&e, k, value, lead, errname);
    return ed_finish(&e, msg);
}

sipw_status sipw_msg_set(sipw_msg *msg, sipw_hdr id, sipw_str name,
                         sipw_str value, sipw_arena *arena, sipw_error *err)
{
    struct ed e;
    sipw_str errname;
    sipw_header line;
    size_t i, c, lead = 0;
    int placed = 0;
    sipw_status st;

    st = edit_args(msg, &id, name, &errname, arena, err);
    if (st != SIPW_OK)
        return st;
    c = count_matching(msg, id, name);

    ed_begin(&e, arena, err);
    e.t = *msg;
    e.src = msg;
    st = new_line(&e, id, name, errname, value, &line, &lead);
    if (st == SIPW_OK)
        st = ed_table(&e, msg->nheaders - c + 1);
    if (st != SIPW_OK)
        return ed_fail(&e, st);
    for (i = 0; i < msg->nheaders; i++) {
        if (!matches(&msg->headers[i], id, name)) {
            ed_copy(&e, &msg->headers[i]);
        } else if (!placed) {
            ed_origin(&e, e.n, value, lead, errname);
            e.tab[e.n++] = line;
            placed = 1;
        }
    }
    if (!placed) {
        ed_origin(&e, e.n, value, lead, errname);
        e.tab[e.n++] = line;
    }
    return ed_finish(&e, msg);
}

size_t sipw_msg_remove(sipw_msg *msg, sipw_hdr id, sipw_str name,
                       sipw_arena *arena)
{
    struct ed e;
    sipw_str errname;
    size_t i, c;

    if (!msg || !arena || resolve(&id, name, &errname, NULL) != SIPW_OK)
        return (size_t)-1;
    c = count_matching(msg, id, name);
    if (c == 0)
        return 0;
    ed_begin(&e, arena, NULL);
    e.t = *msg;
    e.src = msg;
    if (ed_table(&e, msg->nheaders - c) != SIPW_OK) {
        ed_fail(&e, SIPW_ENOMEM);
        return (size_t)-1;
    }
    for (i = 0; i < msg->nheaders; i++)
        if (!matches(&msg->headers[i], id, name))
            ed_copy(&e, &msg->headers[i]);
    return ed_finish(&e, msg) == SIPW_OK ? c : (size_t)-1;
}

sipw_status sipw_msg_set_body(sipw_msg *msg, sipw_str body,
                              sipw_str content_type, sipw_arena *arena,
                              sipw_error *err)
{
    struct ed e;
    sipw_header line;
    sipw_str ct_name = cstr("Content-Type");
    size_t i, c, lead = 0;
    int placed = 0;
    const char *b;
    sipw_status st;

    if (!msg || !arena || (!body.p && body.len) ||
        (!content_type.p && content_type.len))
        return fail0(err, SIPW_EINVAL, NULL,
                     "NULL message or arena, or NULL string with a length");
    if (body.len > SIPW_MAX_BODY_SIZE)
        return fail0(err, SIPW_ELIMIT, "Content-Length",
                     "body larger than SIPW_MAX_BODY_SIZE");
    c = count_matching(msg, SIPW_HDR_CONTENT_TYPE, ct_name);
    if (body.len && !content_type.p && !c)
        return fail0(err, SIPW_EMISSING, "Content-Type",
                     "a non-empty body needs a Content-Type (RFC 3261 "
                     "section 20.15)");

    ed_begin(&e, arena, err);
    e.t = *msg;
    e.src = msg;
    b = put(arena, body.p, body.len);
    if (!b) {
        st = fail0(err, SIPW_ENOMEM, NULL, "arena too small for the body");
        return ed_fail(&e, st);
    }
    e.t.body = mkstr(b, body.len);
    if (content_type.p) {
        sipw_str none = {NULL, 0};
        st = new_line(&e, SIPW_HDR_CONTENT_TYPE, none, ct_name, content_type,
                      &line, &lead);
        if (st != SIPW_OK)
            return ed_fail(&e, st);
    } else {
        c = 0; /* the Content-Type lines stay as they are */
    }
    st = ed_table(&e, msg->nheaders - c + (content_type.p ? 1 : 0));
    if (st != SIPW_OK)
        return ed_fail(&e, st);
    for (i = 0; i < msg->nheaders; i++) {
        const sipw_header *h = &msg->headers[i];
        if (content_type.p && h->id == SIPW_HDR_CONTENT_TYPE) {
            if (!placed) {
                ed_origin(&e, e.n, content_type, lead, ct_name);
                e.tab[e.n++] = line;
                placed = 1;
            }
        } else if (h->id == SIPW_HDR_CONTENT_LENGTH) {
            /* Keep the line where it is, with the new length. */
            char *d = take_bytes(arena, 10);
            if (!d) {
                st = fail0(err, SIPW_ENOMEM, "Content-Length",
                           "arena too small for the value");
                return ed_fail(&e, st);
            }
            ed_line(&e, SIPW_HDR_CONTENT_LENGTH, h->name,
                    mkstr(d, put_uint(d, (uint32_t)body.len)), 0);
        } else {
            ed_copy(&e, h);
        }
    }
    if (content_type.p && !placed) {
        ed_origin(&e, e.n, content_type, lead, ct_name);
        e.tab[e.n++] = line;
    }
    return ed_finish(&e, msg);
}
