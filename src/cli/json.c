/* SPDX-License-Identifier: MIT */
/* sipwire tool: `sipwire json`, one JSON object per parsed message.
 *
 * The keys and types follow the contract in shared/docs/JSON.md; the
 * full schema, the escaping rule and the choices made here are in
 * docs/json.md. Everything printed comes from the parsed sipw_msg. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sipwire/sipwire.h>

#include "cli.h"

/* --- JSON writer ----------------------------------------------------- */

#define JW_MAX_DEPTH 16

struct jw {
    FILE *out;
    int pretty;
    int depth;
    int after_key;            /* a key was just written: no separator */
    int has[JW_MAX_DEPTH];    /* the container at this depth has members */
};

static void jw_indent(struct jw *w)
{
    int i;
    fputc('\n', w->out);
    for (i = 0; i < w->depth; i++)
        fputs("  ", w->out);
}

/* Writes what goes before a value or a key: a comma and, when pretty, a
 * new line and the indentation. */
static void jw_pre(struct jw *w)
{
    if (w->after_key) {
        w->after_key = 0;
        return;
    }
    if (w->depth == 0)
        return;
    if (w->has[w->depth])
        fputc(',', w->out);
    w->has[w->depth] = 1;
    if (w->pretty)
        jw_indent(w);
}

static void jw_open(struct jw *w, char c)
{
    jw_pre(w);
    fputc(c, w->out);
    if (w->depth + 1 >= JW_MAX_DEPTH) {
        /* Cannot happen: the schema nests 5 deep at most. */
        fprintf(stderr, "%s: json: nesting too deep\n", cli_progname);
        exit(CLI_USAGE);
    }
    w->depth++;
    w->has[w->depth] = 0;
}

static void jw_close(struct jw *w, char c)
{
    int had = w->has[w->depth];
    w->depth--;
    if (w->pretty && had)
        jw_indent(w);
    fputc(c, w->out);
}

/* Length of the well-formed UTF-8 sequence (RFC 3629 section 4: no
 * overlong forms, no surrogates, nothing above U+10FFFF) starting at
 * s[0], or 0 when s[0] does not start one that fits in n bytes. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    unsigned char lo = 0x80, hi = 0xBF;
    size_t len, i;

    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4;
    else
        return 0; /* 80..C1 (continuation, overlong lead), F5..FF */
    if (c == 0xE0)
        lo = 0xA0; /* overlong */
    else if (c == 0xED)
        hi = 0x9F; /* surrogates */
    else if (c == 0xF0)
        lo = 0x90; /* overlong */
    else if (c == 0xF4)
        hi = 0x8F; /* above U+10FFFF */
    if (n < len)
        return 0;
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (i = 2; i < len; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return len;
}

/* Writes the bytes p[0..len) as the inside of a JSON string: `"` and `\`
 * escaped, control bytes (and DEL) as \b \t \n \f \r or \u00XX,
 * well-formed UTF-8 as is, and each byte that does not start a
 * well-formed UTF-8 sequence as \ufffd. With lower, ASCII capitals are
 * lower-cased. */
static void jw_chars(struct jw *w, const char *p, size_t len, int lower)
{
    const unsigned char *s = (const unsigned char *)p;
    size_t i = 0, run = 0; /* s[i - run .. i) is pending plain output */

    while (i < len) {
        unsigned char c = s[i];
        const char *esc = NULL;
        char ubuf[8];
        size_t n;

        if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\' &&
            !(lower && c >= 'A' && c <= 'Z')) {
            i++;
            run++;
            continue;
        }
        if (c >= 0x80) {
            n = utf8_seq(s + i, len - i);
            if (n > 0) {
                i += n;
                run += n;
                continue;
            }
        }
        if (run)
            fwrite(s + i - run, 1, run, w->out);
        run = 0;
        switch (c) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\b': esc = "\\b"; break;
        case '\t': esc = "\\t"; break;
        case '\n': esc = "\\n"; break;
        case '\f': esc = "\\f"; break;
        case '\r': esc = "\\r"; break;
        default:
            if (c >= 'A' && c <= 'Z') {
                fputc(c + ('a' - 'A'), w->out);
            } else if (c >= 0x80) {
                esc = "\\ufffd";
            } else {
                snprintf(ubuf, sizeof ubuf, "\\u%04x", (unsigned)c);
                esc = ubuf;
            }
            break;
        }
        if (esc)
            fputs(esc, w->out);
        i++;
    }
    if (run)
        fwrite(s + i - run, 1, run, w->out);
}

void cli_json_chars(FILE *out, const char *p, size_t len)
{
    struct jw w;
    memset(&w, 0, sizeof w);
    w.out = out;
    jw_chars(&w, p, len, 0);
}

static void jw_strn(struct jw *w, const char *p, size_t len)
{
    jw_pre(w);
    fputc('"', w->out);
    jw_chars(w, p, len, 0);
    fputc('"', w->out);
}

static void jw_str(struct jw *w, sipw_str s)
{
    jw_strn(w, s.p ? s.p : "", s.p ? s.len : 0);
}

static void jw_cstr(struct jw *w, const char *s)
{
    jw_strn(w, s, strlen(s));
}

static void jw_null(struct jw *w)
{
    jw_pre(w);
    fputs("null", w->out);
}

/* A string, or null when the slice is absent ({NULL, 0}). */
static void jw_str_or_null(struct jw *w, sipw_str s)
{
    if (s.p)
        jw_str(w, s);
    else
        jw_null(w);
}

static void jw_true(struct jw *w)
{
    jw_pre(w);
    fputs("true", w->out);
}

static void jw_uint(struct jw *w, uint64_t v)
{
    jw_pre(w);
    fprintf(w->out, "%" PRIu64, v);
}

/* An int, or null when v < 0. */
static void jw_int_or_null(struct jw *w, int64_t v)
{
    if (v < 0)
        jw_null(w);
    else
        jw_uint(w, (uint64_t)v);
}

static void jw_keyn(struct jw *w, const char *p, size_t len, int lower)
{
    jw_pre(w);
    fputc('"', w->out);
    jw_chars(w, p, len, lower);
    fputs(w->pretty ? "\": " : "\":", w->out);
    w->after_key = 1;
}

static void jw_key(struct jw *w, const char *k)
{
    jw_keyn(w, k, strlen(k), 0);
}

/* --- object keys without duplicates ---------------------------------- */

/* The names already written in the current object, compared ignoring
 * ASCII case, so that ";x=1;X=2" gives one key (the first wins). A hash
 * set whose slots are valid only for the current generation: starting a
 * new object is O(1), and a list of 200,000 parameters stays linear. */
struct keyset {
    struct ks_slot {
        const char *p;
        size_t len;
        unsigned long gen;
    } *slot;
    size_t cap, n; /* cap: a power of two, or 0 */
    unsigned long gen;
};

static unsigned char ascii_lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + ('a' - 'A')) : c;
}

static size_t ks_hash(const char *p, size_t len)
{
    size_t h = 2166136261u, i;
    for (i = 0; i < len; i++)
        h = (h ^ ascii_lower((unsigned char)p[i])) * 16777619u;
    return h;
}

static void ks_reset(struct keyset *ks)
{
    ks->gen++; /* never 0, the generation of zeroed (free) slots */
    if (ks->gen == 0)
        ks->gen = 1;
    ks->n = 0;
}

static void ks_put(struct keyset *ks, const char *p, size_t len)
{
    size_t i = ks_hash(p, len) & (ks->cap - 1);
    while (ks->slot[i].gen == ks->gen)
        i = (i + 1) & (ks->cap - 1);
    ks->slot[i].p = p;
    ks->slot[i].len = len;
    ks->slot[i].gen = ks->gen;
    ks->n++;
}

/* Returns 1 and remembers the name when it is new in this object, 0 when
 * it was already written. */
static int ks_add(struct keyset *ks, const char *p, size_t len)
{
    size_t i;
    sipw_str a, b;

    if (ks->gen == 0)
        ks_reset(ks);
    if (ks->cap == 0 || (ks->n + 1) * 2 > ks->cap) {
        struct ks_slot *old = ks->slot;
        size_t oldcap = ks->cap, j;
        size_t ncap = oldcap ? oldcap * 2 : 16;
        ks->slot = cli_xrealloc(NULL, ncap * sizeof *ks->slot);
        memset(ks->slot, 0, ncap * sizeof *ks->slot);
        ks->cap = ncap;
        ks->n = 0;
        for (j = 0; j < oldcap; j++)
            if (old[j].gen == ks->gen)
                ks_put(ks, old[j].p, old[j].len);
        free(old);
    }
    a.p = p;
    a.len = len;
    i = ks_hash(p, len) & (ks->cap - 1);
    while (ks->slot[i].gen == ks->gen) {
        b.p = ks->slot[i].p;
        b.len = ks->slot[i].len;
        if (sipw_str_caseeq(a, b))
            return 0;
        i = (i + 1) & (ks->cap - 1);
    }
    ks_put(ks, p, len);
    return 1;
}

/* --- state of one run -------------------------------------------------- */

struct json_ctx {
    struct jw w;
    struct keyset ks;
    char *scratch; /* unquoted strings */
    size_t scratch_cap;
};

/* Writes the body of a quoted-string (between the quotes) with its
 * quoted-pairs resolved. */
static void emit_unquoted(struct json_ctx *c, sipw_str s)
{
    size_t n = sipw_str_unquote(s, NULL, 0);
    if (n + 1 > c->scratch_cap) {
        c->scratch = cli_xrealloc(c->scratch, n + 1);
        c->scratch_cap = n + 1;
    }
    sipw_str_unquote(s, c->scratch, c->scratch_cap);
    jw_strn(&c->w, c->scratch, n);
}

/* Writes a parser-produced parameter list as an object: names
 * lower-cased, the first of several equal names wins, null for a
 * parameter without value, quoted values unquoted. */
static void emit_params(struct json_ctx *c, sipw_str list)
{
    sipw_param pr;

    jw_open(&c->w, '{');
    ks_reset(&c->ks);
    while (list.p && sipw_param_next(&list, &pr)) {
        if (!ks_add(&c->ks, pr.name.p, pr.name.len))
            continue;
        jw_keyn(&c->w, pr.name.p, pr.name.len, 1);
        if (!pr.value.p)
            jw_null(&c->w);
        else if (pr.quoted)
            emit_unquoted(c, pr.value);
        else
            jw_str(&c->w, pr.value);
    }
    jw_close(&c->w, '}');
}

/* --- URI, VIA, NAMEADDR ---------------------------------------------- */

static void emit_uri(struct json_ctx *c, const sipw_uri *u)
{
    struct jw *w = &c->w;
    int hier = u->scheme_id == SIPW_SCHEME_SIP ||
               u->scheme_id == SIPW_SCHEME_SIPS;

    jw_open(w, '{');
    jw_key(w, "scheme");
    jw_str(w, u->scheme);
    jw_key(w, "user");
    jw_str_or_null(w, u->user);
    jw_key(w, "password");
    jw_str_or_null(w, u->password);
    jw_key(w, "host");
    jw_str_or_null(w, hier ? u->host : (sipw_str){NULL, 0});
    jw_key(w, "port");
    jw_int_or_null(w, hier ? u->port : -1);
    jw_key(w, "params");
    emit_params(c, u->params);
    jw_key(w, "headers");
    jw_open(w, '{');
    if (hier && u->headers.p) {
        sipw_str rest = u->headers, name, value;
        ks_reset(&c->ks);
        while (sipw_uri_header_next(&rest, &name, &value)) {
            if (!ks_add(&c->ks, name.p, name.len))
                continue;
            jw_keyn(w, name.p, name.len, 0);
            jw_str(w, value);
        }
    }
    jw_close(w, '}');
    jw_key(w, "raw");
    jw_str(w, u->raw);
    jw_close(w, '}');
}

static void emit_via(struct json_ctx *c, const sipw_via *v)
{
    struct jw *w = &c->w;
    sipw_str sip = {"SIP", 3};

    jw_open(w, '{');
    jw_key(w, "protocol");
    if (sipw_str_caseeq(v->protocol, sip) && v->version.len == 3 &&
        memcmp(v->version.p, "2.0", 3) == 0) {
        jw_cstr(w, "SIP/2.0");
    } else {
        /* Not reachable while the parser only accepts SIP/2.0: name and
         * version as written, joined by "/". */
        jw_pre(w);
        fputc('"', w->out);
        jw_chars(w, v->protocol.p, v->protocol.len, 0);
        fputc('/', w->out);
        jw_chars(w, v->version.p, v->version.len, 0);
        fputc('"', w->out);
    }
    jw_key(w, "transport");
    jw_str(w, v->transport);
    jw_key(w, "host");
    jw_str(w, v->host);
    jw_key(w, "port");
    jw_int_or_null(w, v->port);
    jw_key(w, "branch");
    jw_str_or_null(w, v->branch);
    jw_key(w, "received");
    jw_str_or_null(w, v->received);
    jw_key(w, "rport");
    if (!v->has_rport)
        jw_null(w);
    else if (v->rport < 0)
        jw_true(w);
    else
        jw_uint(w, (uint64_t)v->rport);
    jw_key(w, "maddr");
    jw_str_or_null(w, v->maddr);
    jw_key(w, "ttl");
    jw_int_or_null(w, v->ttl);
    jw_key(w, "params");
    emit_params(c, v->params);
    jw_close(w, '}');
}

static void emit_nameaddr(struct json_ctx *c, const sipw_nameaddr *na,
                          int contact)
{
    struct jw *w = &c->w;

    jw_open(w, '{');
    jw_key(w, "display");
    if (!na->display.p)
        jw_null(w);
    else if (na->display_quoted)
        emit_unquoted(c, na->display);
    else
        jw_str(w, na->display);
    jw_key(w, "uri");
    emit_uri(c, &na->uri);
    jw_key(w, "tag");
    jw_str_or_null(w, na->tag);
    jw_key(w, "params");
    emit_params(c, na->params);
    if (contact) {
        jw_key(w, "expires");
        jw_int_or_null(w, na->has_expires ? (int64_t)na->expires : -1);
        jw_key(w, "q");
        jw_str_or_null(w, na->q);
    }
    jw_close(w, '}');
}

static void emit_nameaddr_list(struct json_ctx *c, const char *key,
                               const sipw_nameaddr *na, int contact)
{
    jw_key(&c->w, key);
    jw_open(&c->w, '[');
    for (; na; na = na->next)
        emit_nameaddr(c, na, contact);
    jw_close(&c->w, ']');
}

static void emit_nameaddr_one(struct json_ctx *c, const char *key,
                              const sipw_nameaddr *na)
{
    jw_key(&c->w, key);
    if (na)
        emit_nameaddr(c, na, 0);
    else
        jw_null(&c->w);
}

/* --- authentication headers ------------------------------------------ */

/* One challenge or credentials: the scheme, its auth-params as an object
 * (a token68 has none), and the text from the scheme to the end of its
 * last parameter. */
static void emit_auth(struct json_ctx *c, const sipw_auth *a)
{
    struct jw *w = &c->w;
    const char *start = a->scheme.p ? a->scheme.p : a->params.p;
    const char *end = a->params.p ? a->params.p + a->params.len
                                  : a->scheme.p + a->scheme.len;
    sipw_str rest = a->params;
    sipw_param pr;

    jw_open(w, '{');
    jw_key(w, "scheme");
    jw_str(w, a->scheme);
    jw_key(w, "params");
    jw_open(w, '{');
    ks_reset(&c->ks);
    while (!a->token68 && sipw_auth_param_next(&rest, &pr)) {
        if (!ks_add(&c->ks, pr.name.p, pr.name.len))
            continue;
        jw_keyn(w, pr.name.p, pr.name.len, 1);
        if (pr.quoted)
            emit_unquoted(c, pr.value);
        else
            jw_str(w, pr.value);
    }
    jw_close(w, '}');
    jw_key(w, "raw");
    jw_strn(w, start ? start : "", start ? (size_t)(end - start) : 0);
    jw_close(w, '}');
}

static void emit_auth_list(struct json_ctx *c, const char *key,
                           const sipw_auth *a)
{
    jw_key(&c->w, key);
    jw_open(&c->w, '[');
    for (; a; a = a->next)
        emit_auth(c, a);
    jw_close(&c->w, ']');
}

/* --- the typed headers ----------------------------------------------------- */

static void emit_via_list(struct json_ctx *c, const char *key,
                          const sipw_via *v)
{
    jw_key(&c->w, key);
    jw_open(&c->w, '[');
    for (; v; v = v->next)
        emit_via(c, v);
    jw_close(&c->w, ']');
}

/* A Contact: its list, or "*". */
static void emit_contact(struct json_ctx *c, const char *key,
                         const sipw_nameaddr *na, int star)
{
    if (star) {
        jw_key(&c->w, key);
        jw_cstr(&c->w, "*");
    } else {
        emit_nameaddr_list(c, key, na, 1);
    }
}

/* The Call-ID as parsed, or (a lazy parse) its line as written. */
static void emit_callid(struct json_ctx *c, const char *key, sipw_str v,
                        const sipw_msg *m, sipw_hdr id)
{
    const sipw_header *h = sipw_msg_header(m, id);
    jw_key(&c->w, key);
    if (v.p)
        jw_str(&c->w, v);
    else
        jw_str(&c->w, h ? h->value : (sipw_str){NULL, 0});
}

static void emit_cseq(struct json_ctx *c, const char *key,
                      const sipw_cseq *cs)
{
    jw_key(&c->w, key);
    if (!cs) {
        jw_null(&c->w);
        return;
    }
    jw_open(&c->w, '{');
    jw_key(&c->w, "seq");
    jw_uint(&c->w, cs->seq);
    jw_key(&c->w, "method");
    jw_str(&c->w, cs->method);
    jw_close(&c->w, '}');
}

static void emit_number(struct json_ctx *c, const char *key, int64_t v)
{
    jw_key(&c->w, key);
    jw_int_or_null(&c->w, v);
}

static void emit_length(struct json_ctx *c, const char *key, int has,
                        uint64_t v)
{
    jw_key(&c->w, key);
    if (has)
        jw_uint(&c->w, v);
    else
        jw_null(&c->w);
}

/* Content-Type: the header's value as written (docs/json.md). */
static void emit_raw_value(struct json_ctx *c, const char *key,
                           const sipw_msg *m, sipw_hdr id)
{
    const sipw_header *h = sipw_msg_header(m, id);
    jw_key(&c->w, key);
    if (h)
        jw_str(&c->w, h->value);
    else
        jw_null(&c->w);
}

/* RAck (RFC 3262 §7.2): {"rseq": int, "cseq": int, "method": str}. */
static void emit_rack(struct json_ctx *c, const char *key,
                      const sipw_rack *r)
{
    jw_key(&c->w, key);
    if (!r) {
        jw_null(&c->w);
        return;
    }
    jw_open(&c->w, '{');
    jw_key(&c->w, "rseq");
    jw_uint(&c->w, r->rseq);
    jw_key(&c->w, "cseq");
    jw_uint(&c->w, r->cseq);
    jw_key(&c->w, "method");
    jw_str(&c->w, r->method);
    jw_close(&c->w, '}');
}

/* The key of each shape of SIPW_TYPED_HEADERS: the field's name, with the
 * slot's value (docs/json.md). The shapes with no key expand to nothing:
 * Authentication-Info, Retry-After, Date, Event, Subscription-State and
 * the token lists, which `headers` shows as written. */
#define J_VIA_LIST(id, f) emit_via_list(c, #f, m->f);
#define J_NAMEADDR(id, f) emit_nameaddr_one(c, #f, m->f);
#define J_NAMEADDR_LIST(id, f) emit_nameaddr_list(c, #f, m->f, 0);
#define J_CONTACT(id, f) emit_contact(c, #f, m->f, m->f##_star);
#define J_CALLID(id, f) emit_callid(c, #f, m->f, m, SIPW_HDR_##id);
#define J_CSEQ(id, f) emit_cseq(c, #f, m->f);
#define J_UINT8(id, f) emit_number(c, #f, m->f);
#define J_DELTA(id, f) emit_number(c, #f, m->f);
#define J_RSEQ(id, f) emit_number(c, #f, m->f ? (int64_t)m->f : -1);
#define J_LENGTH(id, f) emit_length(c, #f, m->has_##f, m->f);
#define J_MEDIA(id, f) emit_raw_value(c, #f, m, SIPW_HDR_##id);
#define J_CHALLENGES(id, f) emit_auth_list(c, #f, m->f);
#define J_CREDENTIALS(id, f) emit_auth_list(c, #f, m->f);
#define J_RACK(id, f) emit_rack(c, #f, m->f);
#define J_AUTH_INFO(id, f)
#define J_RETRY_AFTER(id, f)
#define J_DATE(id, f)
#define J_EVENT(id, f)
#define J_SUBSTATE(id, f)
#define J_TOKENS(id, f)
#define J_TOKENS1(id, f)

/* Every typed key, in the registry's order. */
static void emit_typed(struct json_ctx *c, const sipw_msg *m)
{
#define X(id, field, shape) J_##shape(id, field)
    SIPW_TYPED_HEADERS(X)
#undef X
}

/* --- one message --------------------------------------------------------- */

static void emit_msg(struct json_ctx *c, const sipw_msg *m,
                     const struct cli_where *wh, size_t off)
{
    struct jw *w = &c->w;
    size_t i;
    unsigned k;

    w->depth = 0;
    w->after_key = 0;
    jw_open(w, '{');
    jw_key(w, "type");
    if (m->type == SIPW_MSG_REQUEST) {
        jw_cstr(w, "request");
        jw_key(w, "method");
        jw_str(w, m->method);
        jw_key(w, "request_uri");
        if (m->uri) {
            emit_uri(c, m->uri);
        } else {
            /* Only while the URI parser has not landed. */
            jw_null(w);
        }
    } else {
        jw_cstr(w, "response");
        jw_key(w, "status");
        jw_uint(w, m->status);
        jw_key(w, "reason");
        jw_str(w, m->reason);
    }
    jw_key(w, "version");
    jw_str(w, m->version);

    emit_typed(c, m);

    jw_key(w, "headers");
    jw_open(w, '[');
    for (i = 0; i < m->nheaders; i++) {
        jw_open(w, '{');
        jw_key(w, "name");
        jw_str(w, m->headers[i].name);
        jw_key(w, "value");
        jw_str(w, m->headers[i].value);
        jw_close(w, '}');
    }
    jw_close(w, ']');
    jw_key(w, "body");
    jw_open(w, '{');
    jw_key(w, "length");
    jw_uint(w, m->body.len);
    jw_close(w, '}');
    jw_key(w, "warnings");
    jw_open(w, '[');
    for (k = 0; k < SIPW_WARN__COUNT; k++)
        if (m->warnings & (1u << k))
            jw_cstr(w, cli_lib_warning_name(k));
    jw_close(w, ']');
    jw_key(w, "file");
    jw_cstr(w, wh->file);
    jw_key(w, "offset");
    jw_uint(w, wh->offset + off);
    if (wh->cap) {
        /* --pcap: where in the capture (docs/json.md). */
        char when[64];
        cli_format_time(when, sizeof when, wh->cap->sec, wh->cap->nsec);
        jw_key(w, "frame");
        jw_uint(w, wh->cap->frame);
        jw_key(w, "time");
        jw_cstr(w, when);
        jw_key(w, "src");
        jw_cstr(w, wh->cap->src);
        jw_key(w, "dst");
        jw_cstr(w, wh->cap->dst);
        jw_key(w, "transport");
        jw_cstr(w, wh->cap->transport);
    }
    jw_close(w, '}');
    fputc('\n', w->out);
}

/* --- input handling (as in check.c) ------------------------------------ */

static void json_usage(FILE *out)
{
    fputs("usage: sipwire json [OPTIONS] [FILE...]\n"
          "\n"
          "Parses SIP messages (RFC 3261) and prints each valid one as a\n"
          "JSON object on one line of standard output (schema: docs/json.md\n"
          "or sipwire(1)). An invalid message prints no object; its error\n"
          "goes to standard error as 'sipwire check' prints it:\n"
          "  FILE:LINE:COL: error: [Header: ]REASON\n"
          "and warnings about valid messages as\n"
          "  FILE:LINE:COL: warning: REASON\n"
          "Each FILE holds one message (a datagram) unless --stream or\n"
          "--pcap is given; no FILE, or '-', reads standard input.\n"
          "\n"
          "  -s, --stream     each FILE is a byte stream of messages (TCP\n"
          "                   style), read and printed as it arrives:\n"
          "                   Content-Length is required, CRLF keep-alives\n"
          "                   skipped\n"
          "  -p, --pcap       each FILE is a pcap or pcapng capture: each\n"
          "                   object gets the keys frame, time, src, dst and\n"
          "                   transport\n"
          "      --pretty     indent the objects over several lines\n"
          "  -c, --summary    print the counts to standard error at the end\n"
          "  -l, --lenient    accept what real traffic sends against the\n"
          "                   grammar (a quoted qop in credentials), with a\n"
          "                   warning\n"
          "      --format=FMT diagnostics as text (the default) or json\n"
          "      --color[=WHEN]  colour the diagnostics: auto, always, never\n"
          "  -h, --help       show this help\n"
          "\n"
          "Exit status: 0 all valid (warnings allowed), 1 some message\n"
          "invalid (or a capture record bad), 2 usage, I/O or output error.\n",
          out);
}

/* The driver's callback: prints one valid message. */
static void json_msg(void *ctx, const struct cli_where *w, size_t off,
                     const sipw_msg *msg)
{
    emit_msg((struct json_ctx *)ctx, msg, w, off);
}

int cli_json(int argc, char **argv)
{
    int pretty = 0, compact = 0, nfiles = 0, rc;
    struct cli_run r;
    const char **files;
    struct json_ctx c;

    memset(&c, 0, sizeof c);
    memset(&r, 0, sizeof r);
    r.cmd = "json";
    rc = cli_args(argc, argv, "json", CLI_O_PRETTY, json_usage, &r, &pretty,
                  &compact, &files, &nfiles);
    if (rc >= 0)
        return rc;

    c.w.out = stdout;
    c.w.pretty = pretty;
    r.on_msg = json_msg;
    r.ctx = &c;
    cli_run_files(&r, files, nfiles);
    free(files);
    free(c.ks.slot);
    free(c.scratch);

    if (r.summary)
        cli_print_summary(&r, stderr);
    return cli_run_status(&r, 0);
}
