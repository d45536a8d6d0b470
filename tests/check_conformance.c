/* SPDX-License-Identifier: MIT */
/* sipwire tests: field values of the valid RFC 4475 and RFC 5118 messages.
 *
 * tests/check_corpus.c asserts every verdict (status, error position) of
 * tests/data/rfc4475 and tests/data/rfc5118/crlf. This suite parses each
 * VALID message through sipw_msg_parse() at the end of a guard page and
 * checks what the typed headers say: URI parts, Via values, name-addrs,
 * parameters, CSeq, Max-Forwards... Every expected value below was copied
 * from the message text (the comment above each test quotes the lines it
 * is about), never from the parser's output.
 *
 * A few invalid messages come back at the end, changed so that a defect the
 * datagram hides becomes visible (baddn without its empty line, the RFC 5118
 * three-colon address in To instead of the Request-URI). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

static struct tu_guard guard;
static char *file_data; /* the file as read, freed by teardown */
static const char *buf; /* the same bytes at the guard page */
static size_t buf_len;
static sipw_msg m;

static void setup(void)
{
    tu_guard_init(&guard, 1u << 16);
    file_data = NULL;
}

static void teardown(void)
{
    free(file_data);
    file_data = NULL;
    tu_guard_free(&guard);
}

/* Reads tests/data/<rel> to the guard page and parses it; it must be
 * valid with exactly the given warning bits. */
static void load_warn(const char *rel, unsigned warnings)
{
    char path[1024];
    sipw_error err;
    sipw_status st;

    snprintf(path, sizeof path, "%s/%s", tu_data_dir(), rel);
    free(file_data);
    file_data = tu_read_file(path, &buf_len);
    buf = tu_guard_put(&guard, file_data, buf_len);
    memset(&err, 0, sizeof err);
    st = tu_parse(buf, buf_len, &m, &err);
    ck_assert_msg(st == SIPW_OK, "%s: %s at %u:%u (%s)", rel,
                  sipw_status_name(st), err.line, err.column,
                  err.reason ? err.reason : "");
    ck_assert_msg(m.warnings == warnings, "%s: warnings 0x%x, want 0x%x", rel,
                  m.warnings, warnings);
}

static void load(const char *rel)
{
    load_warn(rel, 0);
}

/* --- slices ------------------------------------------------------------ */

static int bytes_are(sipw_str s, const char *p, size_t n)
{
    return s.p != NULL && s.len == n && memcmp(s.p, p, n) == 0;
}

/* Parses data[0..len) at the guard page; it must fail as given. */
static void expect_error(const char *what, const char *data, size_t len,
                         sipw_status want, unsigned line, unsigned col,
                         const char *header)
{
    sipw_error err;
    sipw_status st;
    const char *b = tu_guard_put(&guard, data, len);

    memset(&err, 0, sizeof err);
    st = tu_parse(b, len, &m, &err);
    ck_assert_msg(st == want, "%s: got %s (%u:%u %s), want %s", what,
                  sipw_status_name(st), err.line, err.column,
                  st ? err.reason : "", sipw_status_name(want));
    ck_assert_msg(err.line == line && err.column == col,
                  "%s: error at %u:%u (%s), want %u:%u", what, err.line,
                  err.column, err.reason, line, col);
    ck_assert_msg(bytes_are(err.header, header, strlen(header)),
                  "%s: error names '%.*s', want '%s'", what,
                  (int)err.header.len, err.header.p ? err.header.p : "",
                  header);
}

/* `lit` must be a string literal; it may hold NUL bytes. */
#define SLICE(s, lit)                                                          \
    ck_assert_msg(bytes_are((s), (lit), sizeof(lit) - 1),                      \
                  "%s: got '%.*s' (%zu bytes), want '%s'", #s, (int)(s).len,   \
                  (s).p ? (s).p : "", (s).len, (lit))

/* Absent: {NULL, 0}. */
#define ABSENT(s)                                                              \
    ck_assert_msg((s).p == NULL && (s).len == 0, "%s: got '%.*s', want absent", \
                  #s, (int)(s).len, (s).p ? (s).p : "")

/* Present but empty. */
#define EMPTY(s)                                                               \
    ck_assert_msg((s).p != NULL && (s).len == 0, "%s: got %s'%.*s', want empty", \
                  #s, (s).p ? "" : "NULL ", (int)(s).len, (s).p ? (s).p : "")

/* sipw_uri_unescape(s) is exactly `lit`. */
#define UNESCAPED(s, lit)                                                      \
    do {                                                                       \
        char d_[512];                                                          \
        size_t n_ = sipw_uri_unescape((s), d_, sizeof d_);                     \
        ck_assert_msg(n_ == sizeof(lit) - 1 && memcmp(d_, (lit), n_) == 0,     \
                      "unescape(%s) = '%.*s' (%zu bytes), want '%s'", #s,      \
                      (int)(n_ < sizeof d_ ? n_ : sizeof d_ - 1), d_, n_,      \
                      (lit));                                                  \
    } while (0)

/* sipw_str_unquote(s) is exactly `lit`. */
#define UNQUOTED(s, lit)                                                       \
    do {                                                                       \
        char d_[512];                                                          \
        size_t n_ = sipw_str_unquote((s), d_, sizeof d_);                      \
        ck_assert_msg(n_ == sizeof(lit) - 1 && memcmp(d_, (lit), n_) == 0,     \
                      "unquote(%s) = '%.*s' (%zu bytes), want '%s'", #s,       \
                      (int)(n_ < sizeof d_ ? n_ : sizeof d_ - 1), d_, n_,      \
                      (lit));                                                  \
    } while (0)

/* One expected parameter: value NULL means "no =value". */
struct want_param {
    const char *name;
    const char *value;
    int quoted;
};

/* Walks a parser-produced parameter list; it must hold exactly `want`. */
static void params_are(const char *what, sipw_str params,
                       const struct want_param *want, size_t n)
{
    sipw_str rest = params;
    sipw_param p;
    size_t i;

    for (i = 0; i < n; i++) {
        ck_assert_msg(sipw_param_next(&rest, &p), "%s: parameter %zu (%s) "
                      "missing", what, i, want[i].name);
        ck_assert_msg(bytes_are(p.name, want[i].name, strlen(want[i].name)),
                      "%s: parameter %zu is '%.*s', want '%s'", what, i,
                      (int)p.name.len, p.name.p ? p.name.p : "", want[i].name);
        if (want[i].value) {
            ck_assert_msg(bytes_are(p.value, want[i].value,
                                    strlen(want[i].value)),
                          "%s: %s = '%.*s', want '%s'", what, want[i].name,
                          (int)p.value.len, p.value.p ? p.value.p : "",
                          want[i].value);
        } else {
            ck_assert_msg(p.value.p == NULL && p.value.len == 0,
                          "%s: %s has value '%.*s', want none", what,
                          want[i].name, (int)p.value.len,
                          p.value.p ? p.value.p : "");
        }
        ck_assert_msg(p.quoted == want[i].quoted, "%s: %s quoted %d", what,
                      want[i].name, p.quoted);
    }
    ck_assert_msg(!sipw_param_next(&rest, &p), "%s: extra parameter '%.*s'",
                  what, (int)p.name.len, p.name.p ? p.name.p : "");
}

#define PARAMS(what, params, ...)                                              \
    do {                                                                       \
        static const struct want_param w_[] = {__VA_ARGS__};                   \
        params_are((what), (params), w_, sizeof w_ / sizeof w_[0]);            \
    } while (0)

/* The tokens of every line of header `id`, in order, are exactly `want`. */
static void tokens_are(sipw_hdr id, const char *const *want, size_t n)
{
    const sipw_header *h;
    size_t i = 0;
    sipw_str tok;

    for (h = sipw_msg_header(&m, id); h; h = sipw_msg_header_next(&m, h)) {
        sipw_str rest = h->value;
        while (sipw_token_next(&rest, &tok)) {
            ck_assert_msg(i < n, "extra token '%.*s'", (int)tok.len, tok.p);
            ck_assert_msg(bytes_are(tok, want[i], strlen(want[i])),
                          "token %zu is '%.*s', want '%s'", i, (int)tok.len,
                          tok.p, want[i]);
            i++;
        }
    }
    ck_assert_uint_eq(i, n);
}

/* The i-th Via value (0-based), which must exist. */
static const sipw_via *via_at(size_t i)
{
    const sipw_via *v = m.via;
    size_t k;
    for (k = 0; k < i && v; k++)
        v = v->next;
    ck_assert_msg(v != NULL, "Via value %zu missing", i);
    return v;
}

static size_t via_count(void)
{
    size_t n = 0;
    const sipw_via *v;
    for (v = m.via; v; v = v->next)
        n++;
    return n;
}

/* sent-protocol "SIP/2.0/<transport>" and sent-by. */
static void via_is(size_t i, const char *transport, const char *host,
                   sipw_host_type type, int32_t port)
{
    const sipw_via *v = via_at(i);
    ck_assert_msg(bytes_are(v->protocol, "SIP", 3) &&
                      bytes_are(v->version, "2.0", 3),
                  "Via %zu: protocol '%.*s/%.*s'", i, (int)v->protocol.len,
                  v->protocol.p ? v->protocol.p : "", (int)v->version.len,
                  v->version.p ? v->version.p : "");
    ck_assert_msg(bytes_are(v->transport, transport, strlen(transport)),
                  "Via %zu: transport '%.*s', want '%s'", i,
                  (int)v->transport.len, v->transport.p ? v->transport.p : "",
                  transport);
    ck_assert_msg(bytes_are(v->host, host, strlen(host)),
                  "Via %zu: host '%.*s', want '%s'", i, (int)v->host.len,
                  v->host.p ? v->host.p : "", host);
    ck_assert_msg(v->host_type == type, "Via %zu: host type %d, want %d", i,
                  (int)v->host_type, (int)type);
    ck_assert_msg(v->port == port, "Via %zu: port %d, want %d", i,
                  (int)v->port, (int)port);
}

static size_t nameaddr_count(const sipw_nameaddr *na)
{
    size_t n = 0;
    for (; na; na = na->next)
        n++;
    return n;
}

/* A request whose start line and CSeq name `method`. */
static void request_is(const char *method, sipw_method id, uint32_t seq)
{
    size_t n = strlen(method);
    ck_assert_int_eq(m.type, SIPW_MSG_REQUEST);
    ck_assert_msg(bytes_are(m.method, method, n), "method '%.*s'",
                  (int)m.method.len, m.method.p);
    ck_assert_int_eq(m.method_id, id);
    ck_assert_ptr_nonnull(m.uri);
    ck_assert_msg(m.uri->raw.p == m.request_uri.p &&
                      m.uri->raw.len == m.request_uri.len,
                  "uri->raw is not the Request-URI");
    ck_assert_ptr_nonnull(m.cseq);
    ck_assert_uint_eq(m.cseq->seq, seq);
    ck_assert_msg(bytes_are(m.cseq->method, method, n), "CSeq method '%.*s'",
                  (int)m.cseq->method.len, m.cseq->method.p);
    ck_assert_int_eq(m.cseq->method_id, id);
}

static void response_is(unsigned status, uint32_t seq, const char *method,
                        sipw_method id)
{
    ck_assert_int_eq(m.type, SIPW_MSG_RESPONSE);
    ck_assert_uint_eq(m.status, status);
    ck_assert_ptr_null(m.uri);
    ck_assert_int_eq(m.max_forwards, -1);
    ck_assert_ptr_nonnull(m.cseq);
    ck_assert_uint_eq(m.cseq->seq, seq);
    ck_assert_msg(bytes_are(m.cseq->method, method, strlen(method)),
                  "CSeq method '%.*s'", (int)m.cseq->method.len,
                  m.cseq->method.p);
    ck_assert_int_eq(m.cseq->method_id, id);
}

/* A sip: URI with user@host (user NULL: no userinfo), as written. */
static void sip_uri_is(const char *what, const sipw_uri *u, const char *user,
                       const char *host, sipw_host_type type, int32_t port)
{
    ck_assert_msg(u->scheme_id == SIPW_SCHEME_SIP &&
                      bytes_are(u->scheme, "sip", 3),
                  "%s: scheme '%.*s' (%d)", what, (int)u->scheme.len,
                  u->scheme.p ? u->scheme.p : "", (int)u->scheme_id);
    if (user)
        ck_assert_msg(bytes_are(u->user, user, strlen(user)),
                      "%s: user '%.*s', want '%s'", what, (int)u->user.len,
                      u->user.p ? u->user.p : "", user);
    else
        ck_assert_msg(u->user.p == NULL && u->user.len == 0,
                      "%s: user '%.*s', want none", what, (int)u->user.len,
                      u->user.p);
    ck_assert_msg(bytes_are(u->host, host, strlen(host)),
                  "%s: host '%.*s', want '%s'", what, (int)u->host.len,
                  u->host.p ? u->host.p : "", host);
    ck_assert_msg(u->host_type == type, "%s: host type %d, want %d", what,
                  (int)u->host_type, (int)type);
    ck_assert_msg(u->port == port, "%s: port %d, want %d", what, (int)u->port,
                  (int)port);
    ABSENT(u->opaque);
}

/* ====================================================================== *
 * RFC 4475 section 3.1.1: valid messages                                  *
 * ====================================================================== */

/* 3.1.1.1 wsinv:
 *   INVITE sip:vivekg@chair-dnrc.example.com;unknownparam SIP/2.0
 *   TO :
 *    sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n
 *   from   : "J Rosenberg \\\""       <sip:jdrosen@example.com>
 *     ;
 *     tag = 98asjd8
 *   MaX-fOrWaRdS: 0068
 *   Call-ID: wsinv.ndaksdj@192.0.2.1
 *   Content-Length   : 150
 *   cseq: 0009
 *     INVITE
 *   Via  : SIP  /   2.0
 *    /UDP
 *       192.0.2.2;branch=390skdjuw
 *   s :
 *   NewFangledHeader:   newfangled value
 *    continued newfangled value
 *   UnknownHeaderWithUnusualValue: ;;,,;;,;
 *   Content-Type: application/sdp
 *   Route:
 *    <sip:services.example.com;lr;unknownwith=value;unknown-no-value>
 *   v:  SIP  / 2.0  / TCP     spindle.example.com   ;
 *     branch  =   z9hG4bK9ikj8  ,
 *    SIP  /    2.0   / UDP  192.168.255.111   ; branch=
 *    z9hG4bK30239
 *   m:"Quoted string \"\"" <sip:jdrosen@example.com> ; newparam =
 *         newvalue ;
 *     secondparam ; q = 0.33 */
START_TEST(rfc4475_wsinv)
{
    char text[128];
    const sipw_header *h;

    load("rfc4475/wsinv.dat");
    request_is("INVITE", SIPW_METHOD_INVITE, 9);
    sip_uri_is("R-URI", m.uri, "vivekg", "chair-dnrc.example.com",
               SIPW_HOST_NAME, -1);
    PARAMS("R-URI params", m.uri->params, {"unknownparam", NULL, 0});
    ABSENT(m.uri->headers);

    /* To: an addr-spec, so ";tag" is a header parameter. */
    ck_assert_ptr_nonnull(m.to);
    ABSENT(m.to->display);
    ck_assert_int_eq(m.to->angle, 0);
    sip_uri_is("To", &m.to->uri, "vivekg", "chair-dnrc.example.com",
               SIPW_HOST_NAME, -1);
    ck_assert_uint_eq(m.to->uri.params.len, 0);
    SLICE(m.to->tag, "1918181833n");
    PARAMS("To params", m.to->params, {"tag", "1918181833n", 0});
    ck_assert_ptr_null(m.to->next);

    /* From: quoted display name ending in an escaped backslash and an
     * escaped quote; the tag is on a folded line. */
    ck_assert_ptr_nonnull(m.from);
    ck_assert_int_eq(m.from->display_quoted, 1);
    SLICE(m.from->display, "J Rosenberg \\\\\\\"");
    UNQUOTED(m.from->display, "J Rosenberg \\\"");
    ck_assert_int_eq(m.from->angle, 1);
    sip_uri_is("From", &m.from->uri, "jdrosen", "example.com", SIPW_HOST_NAME,
               -1);
    SLICE(m.from->tag, "98asjd8");

    ck_assert_int_eq(m.max_forwards, 68);
    SLICE(m.call_id, "wsinv.ndaksdj@192.0.2.1");
    ck_assert_int_eq(m.has_content_length, 1);
    ck_assert_uint_eq(m.content_length, 150);
    ck_assert_uint_eq(m.body.len, 150);

    /* Three Via values: one folded line, then two values on one line. */
    ck_assert_uint_eq(via_count(), 3);
    via_is(0, "UDP", "192.0.2.2", SIPW_HOST_IPV4, -1);
    SLICE(via_at(0)->branch, "390skdjuw");
    via_is(1, "TCP", "spindle.example.com", SIPW_HOST_NAME, -1);
    SLICE(via_at(1)->branch, "z9hG4bK9ikj8");
    via_is(2, "UDP", "192.168.255.111", SIPW_HOST_IPV4, -1);
    SLICE(via_at(2)->branch, "z9hG4bK30239");
    ck_assert_ptr_nonnull(via_at(0)->header);
    SLICE(via_at(0)->header->name, "Via");
    ck_assert_ptr_nonnull(via_at(1)->header);
    SLICE(via_at(1)->header->name, "v");
    ck_assert_ptr_eq(via_at(2)->header, via_at(1)->header);

    /* "s :" is a Subject with an empty value. */
    h = sipw_msg_header(&m, SIPW_HDR_SUBJECT);
    ck_assert_ptr_nonnull(h);
    ck_assert_uint_eq(h->value.len, 0);
    h = sipw_msg_header(&m, SIPW_HDR_OTHER);
    ck_assert_ptr_nonnull(h);
    SLICE(h->name, "NewFangledHeader");
    ck_assert_uint_eq(sipw_header_unfold(h, text, sizeof text),
                      strlen("newfangled value continued newfangled value"));
    ck_assert_str_eq(text, "newfangled value continued newfangled value");

    ck_assert_ptr_nonnull(m.content_type);
    SLICE(m.content_type->type, "application");
    SLICE(m.content_type->subtype, "sdp");
    ck_assert_uint_eq(m.content_type->params.len, 0);

    /* Route: unknown URI parameters, with and without a value. */
    ck_assert_ptr_nonnull(m.route);
    ck_assert_int_eq(m.route->angle, 1);
    sip_uri_is("Route", &m.route->uri, NULL, "services.example.com",
               SIPW_HOST_NAME, -1);
    ck_assert_int_eq(m.route->uri.lr, 1);
    PARAMS("Route URI params", m.route->uri.params, {"lr", NULL, 0},
           {"unknownwith", "value", 0}, {"unknown-no-value", NULL, 0});
    ck_assert_ptr_null(m.route->next);

    /* m: a quoted display name of escaped quotes; folded parameters. */
    ck_assert_ptr_nonnull(m.contact);
    ck_assert_int_eq(m.contact_star, 0);
    ck_assert_int_eq(m.contact->display_quoted, 1);
    SLICE(m.contact->display, "Quoted string \\\"\\\"");
    UNQUOTED(m.contact->display, "Quoted string \"\"");
    sip_uri_is("Contact", &m.contact->uri, "jdrosen", "example.com",
               SIPW_HOST_NAME, -1);
    PARAMS("Contact params", m.contact->params, {"newparam", "newvalue", 0},
           {"secondparam", NULL, 0}, {"q", "0.33", 0});
    SLICE(m.contact->q, "0.33");
    ck_assert_int_eq(m.contact->has_expires, 0);
    ck_assert_ptr_null(m.contact->next);
}
END_TEST

/* 3.1.1.2 intmeth:
 *   !interesting-Method0123456789_*+`.%indeed'~ sip:1_unusual.URI~(to-be!sure)
 *     &isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)
 *     @example.com SIP/2.0            (one line in the message)
 *   Via: SIP/2.0/TCP host1.example.com;branch=z9hG4bK-.!%66*_+`'~
 *   To: "BEL:\<07> NUL:\<00> DEL:\<7f>" <sip:1_unusual.URI~(to-be!sure)
 *     &isn't+it$/crazy?,/;;*@example.com>
 *   From: token1~` token2'+_ token3*%!.- <sip:mundane@example.com>;
 *     fromParam''~+*_!.-%="<UTF-8>";tag=_token~1'+`*%!-.
 *   Call-ID: intmeth.word%ZK-!.*_+'@word`~)(><:\/"][?}{
 *   CSeq: 139122385 !interesting-Method0123456789_*+`.%indeed'~
 *   Max-Forwards: 255
 *   extensionHeader-!.%*+_`'~:<UTF-8>                                     */
START_TEST(rfc4475_intmeth)
{
    const sipw_header *h;

    load("rfc4475/intmeth.dat");
    request_is("!interesting-Method0123456789_*+`.%indeed'~",
               SIPW_METHOD_OTHER, 139122385);
    /* userinfo holds "?", ";" and "/" (user-unreserved) and a password. */
    sip_uri_is("R-URI", m.uri, "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*",
               "example.com", SIPW_HOST_NAME, -1);
    SLICE(m.uri->password, "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
    ck_assert_uint_eq(m.uri->params.len, 0);
    ABSENT(m.uri->headers);

    via_is(0, "TCP", "host1.example.com", SIPW_HOST_NAME, -1);
    SLICE(via_at(0)->branch, "z9hG4bK-.!%66*_+`'~");
    ck_assert_uint_eq(via_count(), 1);

    /* To: quoted-pairs of BEL, NUL and DEL in the display name. */
    ck_assert_ptr_nonnull(m.to);
    ck_assert_int_eq(m.to->display_quoted, 1);
    SLICE(m.to->display, "BEL:\\\x07 NUL:\\\x00 DEL:\\\x7f");
    UNQUOTED(m.to->display, "BEL:\x07 NUL:\x00 DEL:\x7f");
    ck_assert_int_eq(m.to->angle, 1);
    sip_uri_is("To", &m.to->uri, "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*",
               "example.com", SIPW_HOST_NAME, -1);
    ABSENT(m.to->tag);
    h = sipw_msg_header(&m, SIPW_HDR_TO);
    ck_assert_ptr_nonnull(h);
    ck_assert_uint_eq(h->flags & SIPW_HF_QUOTED_CTL, SIPW_HF_QUOTED_CTL);

    /* From: an unquoted display name of three tokens. */
    ck_assert_ptr_nonnull(m.from);
    ck_assert_int_eq(m.from->display_quoted, 0);
    SLICE(m.from->display, "token1~` token2'+_ token3*%!.-");
    sip_uri_is("From", &m.from->uri, "mundane", "example.com", SIPW_HOST_NAME,
               -1);
    PARAMS("From params", m.from->params,
           {"fromParam''~+*_!.-%",
            "\xd1\x80\xd0\xb0\xd0\xb1\xd0\xbe\xd1\x82\xd0\xb0\xd1\x8e\xd1\x89"
            "\xd0\xb8\xd0\xb9",
            1},
           {"tag", "_token~1'+`*%!-.", 0});
    SLICE(m.from->tag, "_token~1'+`*%!-.");

    SLICE(m.call_id, "intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{");
    ck_assert_int_eq(m.max_forwards, 255);
    h = sipw_msg_header(&m, SIPW_HDR_OTHER);
    ck_assert_ptr_nonnull(h);
    SLICE(h->name, "extensionHeader-!.%*+_`'~");
    SLICE(h->value, "\xef\xbb\xbf\xe5\xa4\xa7\xe5\x81\x9c\xe9\x9b\xbb");
    ck_assert_uint_eq(m.body.len, 0);
}
END_TEST

/* 3.1.1.3 esc01:
 *   INVITE sip:sips%3Auser%40example.com@example.net SIP/2.0
 *   To: sip:%75se%72@example.com
 *   From: <sip:I%20have%20spaces@example.net>;tag=938
 *   Max-Forwards: 87
 *   i: esc01.239409asdfakjkn23onasd0-3234
 *   CSeq: 234234 INVITE
 *   Via: SIP/2.0/UDP host5.example.net;branch=z9hG4bKkdjuw
 *   C: application/sdp
 *   Contact:
 *     <sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31>
 *   Content-Length: 150 */
START_TEST(rfc4475_esc01)
{
    load("rfc4475/esc01.dat");
    request_is("INVITE", SIPW_METHOD_INVITE, 234234);
    sip_uri_is("R-URI", m.uri, "sips%3Auser%40example.com", "example.net",
               SIPW_HOST_NAME, -1);
    UNESCAPED(m.uri->user, "sips:user@example.com");
    ck_assert_uint_eq(m.uri->params.len, 0);

    ck_assert_int_eq(m.to->angle, 0);
    sip_uri_is("To", &m.to->uri, "%75se%72", "example.com", SIPW_HOST_NAME, -1);
    UNESCAPED(m.to->uri.user, "user");
    sip_uri_is("From", &m.from->uri, "I%20have%20spaces", "example.net",
               SIPW_HOST_NAME, -1);
    UNESCAPED(m.from->uri.user, "I have spaces");
    SLICE(m.from->tag, "938");

    ck_assert_int_eq(m.max_forwards, 87);
    SLICE(m.call_id, "esc01.239409asdfakjkn23onasd0-3234");
    via_is(0, "UDP", "host5.example.net", SIPW_HOST_NAME, -1);
    SLICE(via_at(0)->branch, "z9hG4bKkdjuw");
    ck_assert_ptr_nonnull(m.content_type);
    SLICE(m.content_type->type, "application");
    SLICE(m.content_type->subtype, "sdp");

    ck_assert_ptr_nonnull(m.contact);
    ck_assert_int_eq(m.contact->angle, 1);
    sip_uri_is("Contact", &m.contact->uri, "cal%6Cer", "host5.example.net",
               SIPW_HOST_NAME, -1);
    UNESCAPED(m.contact->uri.user, "caller");
    PARAMS("Contact URI params", m.contact->uri.params, {"%6C%72", NULL, 0},
           {"n%61me", "v%61lue%25%34%31", 0});
    ck_assert_uint_eq(m.contact->params.len, 0);
    ck_assert_uint_eq(m.body.len, 150);
}
END_TEST

/* 3.1.1.4 escnull:
 *   REGISTER sip:example.com SIP/2.0
 *   To: sip:null-%00-null@example.com
 *   From: sip:null-%00-null@example.com;tag=839923423
 *   Contact: <sip:%00@host5.example.com>
 *   Contact: <sip:%00%00@host5.example.com>
 *   L:0 */
START_TEST(rfc4475_escnull)
{
    const sipw_nameaddr *c;

    load("rfc4475/escnull.dat");
    request_is("REGISTER", SIPW_METHOD_REGISTER, 14398234);
    sip_uri_is("R-URI", m.uri, NULL, "example.com", SIPW_HOST_NAME, -1);
    sip_uri_is("To", &m.to->uri, "null-%00-null", "example.com",
               SIPW_HOST_NAME, -1);
    UNESCAPED(m.to->uri.user, "null-\x00-null");
    sip_uri_is("From", &m.from->uri, "null-%00-null", "example.com",
               SIPW_HOST_NAME, -1);
    SLICE(m.from->tag, "839923423");
    ck_assert_uint_eq(nameaddr_count(m.contact), 2);
    c = m.contact;
    sip_uri_is("Contact 1", &c->uri, "%00", "host5.example.com",
               SIPW_HOST_NAME, -1);
    UNESCAPED(c->uri.user, "\x00");
    sip_uri_is("Contact 2", &c->next->uri, "%00%00", "host5.example.com",
               SIPW_HOST_NAME, -1);
    UNESCAPED(c->next->uri.user, "\x00\x00");
    ck_assert_ptr_ne(c->header, c->next->header);
    ck_assert_uint_eq(m.content_length, 0);
}
END_TEST

/* 3.1.1.5 esc02:
 *   RE%47IST%45R sip:registrar.example.com SIP/2.0
 *   To: "%Z%45" <sip:resource@example.com>
 *   From: "%Z%45" <sip:resource@example.com>;tag=f232jadfj23
 *   Via: SIP/2.0/TCP host.example.com;branch=z9hG4bK209%fzsnel234
 *   CSeq: 29344 RE%47IST%45R
 *   Contact: <sip:alias1@host1.example.com>
 *   C%6Fntact: <sip:alias2@host2.example.com>
 *   Contact: <sip:alias3@host3.example.com> */
START_TEST(rfc4475_esc02)
{
    const sipw_header *h;

    load("rfc4475/esc02.dat");
    /* Not REGISTER: methods are not unescaped. */
    request_is("RE%47IST%45R", SIPW_METHOD_OTHER, 29344);
    sip_uri_is("R-URI", m.uri, NULL, "registrar.example.com", SIPW_HOST_NAME,
               -1);
    ck_assert_int_eq(m.to->display_quoted, 1);
    SLICE(m.to->display, "%Z%45");
    SLICE(m.from->display, "%Z%45");
    SLICE(m.from->tag, "f232jadfj23");
    SLICE(via_at(0)->branch, "z9hG4bK209%fzsnel234");
    via_is(0, "TCP", "host.example.com", SIPW_HOST_NAME, -1);
    /* C%6Fntact is an unknown header: two Contact values, not three. */
    ck_assert_uint_eq(sipw_msg_header_count(&m, SIPW_HDR_CONTACT), 2);
    ck_assert_uint_eq(nameaddr_count(m.contact), 2);
    sip_uri_is("Contact 1", &m.contact->uri, "alias1", "host1.example.com",
               SIPW_HOST_NAME, -1);
    sip_uri_is("Contact 2", &m.contact->next->uri, "alias3",
               "host3.example.com", SIPW_HOST_NAME, -1);
    h = sipw_msg_header(&m, SIPW_HDR_OTHER);
    ck_assert_ptr_nonnull(h);
    SLICE(h->name, "C%6Fntact");
}
END_TEST

/* 3.1.1.6 lwsdisp:
 *   From: caller<sip:caller@example.com>;tag=323 */
START_TEST(rfc4475_lwsdisp)
{
    load("rfc4475/lwsdisp.dat");
    request_is("OPTIONS", SIPW_METHOD_OPTIONS, 60);
    ck_assert_int_eq(m.from->display_quoted, 0);
    SLICE(m.from->display, "caller");
    ck_assert_int_eq(m.from->angle, 1);
    sip_uri_is("From", &m.from->uri, "caller", "example.com", SIPW_HOST_NAME,
               -1);
    SLICE(m.from->tag, "323");
    ck_assert_int_eq(m.to->angle, 0);
    sip_uri_is("To", &m.to->uri, "user", "example.com", SIPW_HOST_NAME, -1);
}
END_TEST

/* 3.1.1.7 longreq: the long values, copied from the message. */
#define LR_TO_DISPLAY                                                          \
    "I have a user name of extremeextremeextremeextremeextremeextreme"         \
    "extremeextremeextremeextreme proportion"
#define LR_TO_P1_VALUE                                                         \
    "verylonglonglonglonglonglonglonglonglonglonglonglonglonglonglong"         \
    "longlonglonglonglongvalue"
#define LR_TO_P2_NAME                                                          \
    "longparamnamenamenamenamenamenamenamenamenamenamenamenamenamenam"         \
    "enamenamenamenamenamenamenamenamenamenamename"
#define LR_TO_P3_NAME                                                          \
    "verylonglonglonglonglonglonglonglonglonglonglonglonglonglonglong"         \
    "longlonglonglonglonglonglonglonglonglongParameterNameWithNoValue"
#define LR_FROM_USER                                                           \
    "amazinglylongcallernameamazinglylongcallernameamazinglylongcalle"         \
    "rnameamazinglylongcallernameamazinglylongcallername"
#define LR_FROM_TAG                                                            \
    "1298298298298298298298298298298298298298298298298298298298298298"         \
    "2982982982982982982982982982982982982982982982982982982982982982"         \
    "982982982982982982982982424"
#define LR_FROM_P2_NAME                                                        \
    "unknownheaderparamnamenamenamenamenamenamenamenamenamenamenamena"         \
    "menamenamenamenamenamenamenamename"
#define LR_FROM_P2_VALUE                                                       \
    "unknowheaderparamvaluevaluevaluevaluevaluevaluevaluevaluevalueva"         \
    "luevaluevaluevaluevaluevalue"
#define LR_FROM_P3_NAME                                                        \
    "unknownValuelessparamnameparamnameparamnameparamnameparamnamepar"         \
    "amnameparamnameparamnameparamnameparamname"
#define LR_CALL_ID                                                             \
    "longreq.onereallyreallyreallyreallyreallyreallyreallyreallyreall"         \
    "yreallyreallyreallyreallyreallyreallyreallyreallyreallyreallyrea"         \
    "llylongcallid"
#define LR_BRANCH                                                              \
    "verylonglonglonglonglonglonglonglonglonglonglonglonglonglonglong"         \
    "longlonglonglonglonglonglonglonglonglonglonglonglonglonglonglong"         \
    "longlonglonglonglonglonglonglonglonglonglonglonglonglonglonglong"         \
    "longlonglongbranchvalue"

/* 3.1.1.7 longreq:
 *   To: "I have a user name of extreme...extreme proportion"<sip:user@
 *     example.com:6000;unknownparam1=verylong...longvalue;longparamname
 *     name...name=shortvalue;verylong...longParameterNameWithNoValue>
 *   F: sip:amazinglylongcallername...@example.net;tag=1298...2424;
 *     unknownheaderparamname...=unknowheaderparamvalue...;
 *     unknownValuelessparamname...paramname
 *   Call-ID: longreq.onereally...reallylongcallid
 *   CSeq: 3882340 INVITE
 *   Via: SIP/2.0/TCP sip33.example.com       (33 lines, sip33 down to sip1,
 *   v: SIP/2.0/TCP sip32.example.com          names in any case, compact,
 *   ...                                        SP before the colon)
 *   Via: SIP/2.0/TCP host.example.com;received=192.0.2.5;branch=verylong...
 *   Max-Forwards: 70
 *   Contact: <sip:amazinglylongcallername...@host5.example.net>
 *   l: 150 */
START_TEST(rfc4475_longreq)
{
    size_t i;
    char host[32];

    load("rfc4475/longreq.dat");
    request_is("INVITE", SIPW_METHOD_INVITE, 3882340);
    sip_uri_is("R-URI", m.uri, "user", "example.com", SIPW_HOST_NAME, -1);

    ck_assert_int_eq(m.to->display_quoted, 1);
    SLICE(m.to->display, LR_TO_DISPLAY);
    ck_assert_int_eq(m.to->angle, 1);
    sip_uri_is("To", &m.to->uri, "user", "example.com", SIPW_HOST_NAME, 6000);
    PARAMS("To URI params", m.to->uri.params,
           {"unknownparam1", LR_TO_P1_VALUE, 0},
           {LR_TO_P2_NAME, "shortvalue", 0}, {LR_TO_P3_NAME, NULL, 0});
    ck_assert_uint_eq(m.to->params.len, 0);
    ABSENT(m.to->tag);

    /* From is an addr-spec: everything after the URI is a header param. */
    ck_assert_int_eq(m.from->angle, 0);
    ABSENT(m.from->display);
    sip_uri_is("From", &m.from->uri, LR_FROM_USER, "example.net",
               SIPW_HOST_NAME, -1);
    ck_assert_uint_eq(m.from->uri.params.len, 0);
    SLICE(m.from->tag, LR_FROM_TAG);
    PARAMS("From params", m.from->params, {"tag", LR_FROM_TAG, 0},
           {LR_FROM_P2_NAME, LR_FROM_P2_VALUE, 0}, {LR_FROM_P3_NAME, NULL, 0});

    SLICE(m.call_id, LR_CALL_ID);

    /* 34 Via values over 34 lines: sip33 ... sip1, then host.example.com. */
    ck_assert_uint_eq(sipw_msg_header_count(&m, SIPW_HDR_VIA), 34);
    ck_assert_uint_eq(via_count(), 34);
    for (i = 0; i < 33; i++) {
        snprintf(host, sizeof host, "sip%zu.example.com", 33 - i);
        via_is(i, "TCP", host, SIPW_HOST_NAME, -1);
        ABSENT(via_at(i)->branch);
        ABSENT(via_at(i)->received);
    }
    SLICE(via_at(1)->header->name, "v");
    SLICE(via_at(2)->header->name, "V");
    SLICE(via_at(4)->header->name, "ViA");
    SLICE(via_at(11)->header->name, "V");
    SLICE(via_at(15)->header->name, "Via");
    via_is(33, "TCP", "host.example.com", SIPW_HOST_NAME, -1);
    SLICE(via_at(33)->received, "192.0.2.5");
    SLICE(via_at(33)->branch, LR_BRANCH);
    PARAMS("last Via params", via_at(33)->params,
           {"received", "192.0.2.5", 0}, {"branch", LR_BRANCH, 0});

    ck_assert_int_eq(m.max_forwards, 70);
    sip_uri_is("Contact", &m.contact->uri, LR_FROM_USER, "host5.example.net",
               SIPW_HOST_NAME, -1);
    ck_assert_uint_eq(m.content_length, 150);
    ck_assert_uint_eq(m.body.len, 150);
}
END_TEST

/* 3.1.1.8 dblreq: a REGISTER with Content-Length 0, then an INVITE.
 *   REGISTER sip:example.com SIP/2.0
 *   To: sip:j.user@example.com
 *   From: sip:j.user@example.com;tag=43251j3j324
 *   Max-Forwards: 8
 *   I: dblreq.0ha0isndaksdj99sdfafnl3lk233412
 *   Contact: sip:j.user@host.example.com
 *   CSeq: 8 REGISTER
 *   Via: SIP/2.0/UDP 192.0.2.125;branch=z9hG4bKkdjuw23492
 *   Content-Length: 0 */
START_TEST(rfc4475_dblreq)
{
    load("rfc4475/dblreq.dat");
    request_is("REGISTER", SIPW_METHOD_REGISTER, 8);
    /* The message is the REGISTER's 300 bytes, of the file's 750. */
    ck_assert_uint_eq(buf_len, 750);
    ck_assert_uint_eq(m.size, 300);
    ck_assert_uint_eq(m.body.len, 0);
    ck_assert_ptr_eq(m.body.p, buf + 300);
    ck_assert_uint_eq(m.nheaders, 8);
    ck_assert_uint_eq(sipw_msg_header_count(&m, SIPW_HDR_CALL_ID), 1);
    sip_uri_is("To", &m.to->uri, "j.user", "example.com", SIPW_HOST_NAME, -1);
    SLICE(m.from->tag, "43251j3j324");
    ck_assert_int_eq(m.max_forwards, 8);
    SLICE(m.call_id, "dblreq.0ha0isndaksdj99sdfafnl3lk233412");
    ck_assert_int_eq(m.contact->angle, 0);
    sip_uri_is("Contact", &m.contact->uri, "j.user", "host.example.com",
               SIPW_HOST_NAME, -1);
    ck_assert_uint_eq(via_count(), 1);
    via_is(0, "UDP", "192.0.2.125", SIPW_HOST_IPV4, -1);
    SLICE(via_at(0)->branch, "z9hG4bKkdjuw23492");
    ck_assert_ptr_null(m.content_type);
}
END_TEST

/* 3.1.1.9 semiuri:
 *   OPTIONS sip:user;par=u%40example.net@example.com SIP/2.0
 *   Accept: application/sdp, application/pkcs7-mime,
 *           multipart/mixed, multipart/signed,
 *           message/sip, message/sipfrag */
START_TEST(rfc4475_semiuri)
{
    const sipw_header *h;

    load("rfc4475/semiuri.dat");
    request_is("OPTIONS", SIPW_METHOD_OPTIONS, 8);
    /* ";par=..." comes before the "@": it is user text, not a parameter. */
    sip_uri_is("R-URI", m.uri, "user;par=u%40example.net", "example.com",
               SIPW_HOST_NAME, -1);
    UNESCAPED(m.uri->user, "user;par=u@example.net");
    ABSENT(m.uri->params);
    ABSENT(m.uri->password);
    ck_assert_int_eq(m.max_forwards, 3);
    SLICE(m.call_id, "semiuri.0ha0isndaksdj");
    h = sipw_msg_header(&m, SIPW_HDR_ACCEPT);
    ck_assert_ptr_nonnull(h);
    ck_assert_uint_eq(h->flags & SIPW_HF_FOLDED, SIPW_HF_FOLDED);
}
END_TEST

/* 3.1.1.10 transports:
 *   Via: SIP/2.0/UDP t1.example.com;branch=z9hG4bKkdjuw
 *   Via: SIP/2.0/SCTP t2.example.com;branch=z9hG4bKklasjdhf
 *   Via: SIP/2.0/TLS t3.example.com;branch=z9hG4bK2980unddj
 *   Via: SIP/2.0/UNKNOWN t4.example.com;branch=z9hG4bKasd0f3en
 *   Via: SIP/2.0/TCP t5.example.com;branch=z9hG4bK0a9idfnee */
START_TEST(rfc4475_transports)
{
    load("rfc4475/transports.dat");
    request_is("OPTIONS", SIPW_METHOD_OPTIONS, 60);
    ck_assert_uint_eq(via_count(), 5);
    via_is(0, "UDP", "t1.example.com", SIPW_HOST_NAME, -1);
    SLICE(via_at(0)->branch, "z9hG4bKkdjuw");
    via_is(1, "SCTP", "t2.example.com", SIPW_HOST_NAME, -1);
    SLICE(via_at(1)->branch, "z9hG4bKklasjdhf");
    via_is(2, "TLS", "t3.example.com", SIPW_HOST_NAME, -1);
    SLICE(via_at(2)->branch, "z9hG4bK2980unddj");
    via_is(3, "UNKNOWN", "t4.example.com", SIPW_HOST_NAME, -1);
    SLICE(via_at(3)->branch, "z9hG4bKasd0f3en");
    via_is(4, "TCP", "t5.example.com", SIPW_HOST_NAME, -1);
    SLICE(via_at(4)->branch, "z9hG4bK0a9idfnee");
    /* "Call-ID:  transports..." : the value starts after the LWS. */
    SLICE(m.call_id, "transports.kijh4akdnaqjkwendsasfdj");
    ck_assert_int_eq(m.from->angle, 1);
    SLICE(m.from->tag, "323");
}
END_TEST

/* 3.1.1.11 mpart01:
 *   MESSAGE sip:kumiko@example.org SIP/2.0
 *   Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-d87543-4dade06d0bdb11ee
 *     -1--d87543-;rport
 *   Route: <sip:127.0.0.1:5080>
 *   Contact: <sip:fluffy@127.0.0.1:5070>
 *   From: <sip:fluffy@example.com>;tag=2fb0dcc9
 *   Call-ID: 3d9485ad0c49859b@Zmx1ZmZ5LW1hYy0xNi5sb2NhbA..
 *   CSeq: 1 MESSAGE
 *   Content-Type: multipart/mixed;boundary=7a9cbec02ceef655
 *   Date: Sat, 15 Oct 2005 04:44:56 GMT
 *   Content-Length: 553 */
START_TEST(rfc4475_mpart01)
{
    load("rfc4475/mpart01.dat");
    request_is("MESSAGE", SIPW_METHOD_MESSAGE, 1);
    sip_uri_is("R-URI", m.uri, "kumiko", "example.org", SIPW_HOST_NAME, -1);
    via_is(0, "UDP", "127.0.0.1", SIPW_HOST_IPV4, 5070);
    SLICE(via_at(0)->branch, "z9hG4bK-d87543-4dade06d0bdb11ee-1--d87543-");
    ck_assert_int_eq(via_at(0)->has_rport, 1);
    ck_assert_int_eq(via_at(0)->rport, -1);
    ck_assert_int_eq(via_at(0)->ttl, -1);
    sip_uri_is("Route", &m.route->uri, NULL, "127.0.0.1", SIPW_HOST_IPV4,
               5080);
    sip_uri_is("Contact", &m.contact->uri, "fluffy", "127.0.0.1",
               SIPW_HOST_IPV4, 5070);
    SLICE(m.from->tag, "2fb0dcc9");
    ABSENT(m.to->tag);
    SLICE(m.call_id, "3d9485ad0c49859b@Zmx1ZmZ5LW1hYy0xNi5sb2NhbA..");
    ck_assert_ptr_nonnull(m.content_type);
    SLICE(m.content_type->type, "multipart");
    SLICE(m.content_type->subtype, "mixed");
    PARAMS("Content-Type params", m.content_type->params,
           {"boundary", "7a9cbec02ceef655", 0});
    ck_assert_ptr_nonnull(m.date);
    ck_assert_uint_eq(m.date->wkday, 5); /* Sat */
    ck_assert_uint_eq(m.date->day, 15);
    ck_assert_uint_eq(m.date->month, 10);
    ck_assert_uint_eq(m.date->year, 2005);
    ck_assert_uint_eq(m.date->hour, 4);
    ck_assert_uint_eq(m.date->minute, 44);
    ck_assert_uint_eq(m.date->second, 56);
    /* The binary body: 553 bytes by Content-Length, NUL and bare LF in it. */
    ck_assert_uint_eq(m.content_length, 553);
    ck_assert_uint_eq(m.body.len, 553);
    ck_assert_ptr_eq(m.body.p + m.body.len, buf + buf_len);
    ck_assert_ptr_nonnull(memchr(m.body.p, '\0', m.body.len));
    ck_assert_int_eq(memcmp(m.body.p, "--7a9cbec02ceef655\r\n", 20), 0);
}
END_TEST

/* 3.1.1.12 unreason:
 *   SIP/2.0 200 = 2**3 * 5**2 <UTF-8 Russian>
 *   Via: SIP/2.0/UDP 192.0.2.198;branch=z9hG4bK1324923
 *   CSeq: 35 INVITE
 *   From: sip:user@example.com;tag=11141343
 *   To: sip:user@example.edu;tag=2229 */
START_TEST(rfc4475_unreason)
{
    load("rfc4475/unreason.dat");
    response_is(200, 35, "INVITE", SIPW_METHOD_INVITE);
    SLICE(m.reason, "= 2**3 * 5**2 \xd0\xbd\xd0\xbe \xd1\x81\xd1\x82\xd0\xbe "
                    "\xd0\xb4\xd0\xb5\xd0\xb2\xd1\x8f\xd0\xbd\xd0\xbe\xd1\x81"
                    "\xd1\x82\xd0\xbe \xd0\xb4\xd0\xb5\xd0\xb2\xd1\x8f\xd1\x82"
                    "\xd1\x8c - \xd0\xbf\xd1\x80\xd0\xbe\xd1\x81\xd1\x82\xd0"
                    "\xbe\xd0\xb5");
    via_is(0, "UDP", "192.0.2.198", SIPW_HOST_IPV4, -1);
    ck_assert_int_eq(m.from->angle, 0);
    SLICE(m.from->tag, "11141343");
    sip_uri_is("To", &m.to->uri, "user", "example.edu", SIPW_HOST_NAME, -1);
    SLICE(m.to->tag, "2229");
    sip_uri_is("Contact", &m.contact->uri, "user", "host198.example.com",
               SIPW_HOST_NAME, -1);
    ck_assert_uint_eq(m.body.len, 154);
}
END_TEST

/* 3.1.1.13 noreason: "SIP/2.0 100 " then CRLF. */
START_TEST(rfc4475_noreason)
{
    load("rfc4475/noreason.dat");
    response_is(100, 35, "INVITE", SIPW_METHOD_INVITE);
    EMPTY(m.reason);
    SLICE(m.to->tag, "902jndnke3");
    SLICE(m.from->tag, "39ansfi3");
    via_is(0, "UDP", "192.0.2.105", SIPW_HOST_IPV4, -1);
}
END_TEST

/* ====================================================================== *
 * RFC 4475 sections 3.2 to 3.4: well-formed messages                      *
 * ====================================================================== */

/* 3.2.1 badbranch: Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK */
START_TEST(rfc4475_badbranch)
{
    load("rfc4475/badbranch.dat");
    request_is("OPTIONS", SIPW_METHOD_OPTIONS, 8);
    via_is(0, "UDP", "192.0.2.1", SIPW_HOST_IPV4, -1);
    SLICE(via_at(0)->branch, "z9hG4bK");
}
END_TEST

/* 3.3.2 unkscm: OPTIONS nobodyKnowsThisScheme:totallyopaquecontent SIP/2.0 */
START_TEST(rfc4475_unkscm)
{
    load("rfc4475/unkscm.dat");
    request_is("OPTIONS", SIPW_METHOD_OPTIONS, 3923423);
    ck_assert_int_eq(m.uri->scheme_id, SIPW_SCHEME_OTHER);
    SLICE(m.uri->scheme, "nobodyKnowsThisScheme");
    SLICE(m.uri->opaque, "totallyopaquecontent");
    SLICE(m.uri->raw, "nobodyKnowsThisScheme:totallyopaquecontent");
    ck_assert_int_eq(m.uri->host_type, SIPW_HOST_NONE);
    ck_assert_uint_eq(m.uri->host.len, 0);
}
END_TEST

/* 3.3.3 novelsc: OPTIONS soap.beep://192.0.2.103:3002 SIP/2.0 */
START_TEST(rfc4475_novelsc)
{
    load("rfc4475/novelsc.dat");
    request_is("OPTIONS", SIPW_METHOD_OPTIONS, 3923423);
    ck_assert_int_eq(m.uri->scheme_id, SIPW_SCHEME_OTHER);
    SLICE(m.uri->scheme, "soap.beep");
    SLICE(m.uri->opaque, "//192.0.2.103:3002");
    ck_assert_int_eq(m.uri->host_type, SIPW_HOST_NONE);
    ck_assert_uint_eq(m.uri->host.len, 0);
}
END_TEST

/* 3.3.4 unksm2:
 *   To: isbn:2983792873
 *   From: <http://www.example.com>;tag=3234233
 *   Contact: <name:John_Smith> */
START_TEST(rfc4475_unksm2)
{
    load("rfc4475/unksm2.dat");
    request_is("REGISTER", SIPW_METHOD_REGISTER, 234902);
    ck_assert_int_eq(m.to->angle, 0);
    ck_assert_int_eq(m.to->uri.scheme_id, SIPW_SCHEME_OTHER);
    SLICE(m.to->uri.scheme, "isbn");
    SLICE(m.to->uri.opaque, "2983792873");
    ck_assert_int_eq(m.from->angle, 1);
    ck_assert_int_eq(m.from->uri.scheme_id, SIPW_SCHEME_OTHER);
    SLICE(m.from->uri.scheme, "http");
    SLICE(m.from->uri.opaque, "//www.example.com");
    SLICE(m.from->tag, "3234233");
    ck_assert_int_eq(m.contact->uri.scheme_id, SIPW_SCHEME_OTHER);
    SLICE(m.contact->uri.scheme, "name");
    SLICE(m.contact->uri.opaque, "John_Smith");
    via_is(0, "UDP", "192.0.2.21", SIPW_HOST_IPV4, 5060);
}
END_TEST

/* 3.3.5 bext01:
 *   Require: nothingSupportsThis, nothingSupportsThisEither
 *   Proxy-Require: noProxiesSupportThis, norDoAnyProxiesSupportThis
 *   Via: SIP/2.0/TLS fold-and-staple.example.com;branch=z9hG4bKkdjuw */
START_TEST(rfc4475_bext01)
{
    static const char *const require[] = {"nothingSupportsThis",
                                          "nothingSupportsThisEither"};
    static const char *const proxy_require[] = {"noProxiesSupportThis",
                                                "norDoAnyProxiesSupportThis"};
    load("rfc4475/bext01.dat");
    request_is("OPTIONS", SIPW_METHOD_OPTIONS, 8);
    tokens_are(SIPW_HDR_REQUIRE, require, 2);
    tokens_are(SIPW_HDR_PROXY_REQUIRE, proxy_require, 2);
    via_is(0, "TLS", "fold-and-staple.example.com", SIPW_HOST_NAME, -1);
    ck_assert_int_eq(m.max_forwards, 6);
}
END_TEST

/* 3.3.6 invut:
 *   Content-Type: application/unknownformat
 *   Content-Length: 40
 *   <audio> ... </audio> */
START_TEST(rfc4475_invut)
{
    load("rfc4475/invut.dat");
    request_is("INVITE", SIPW_METHOD_INVITE, 235448);
    SLICE(m.content_type->type, "application");
    SLICE(m.content_type->subtype, "unknownformat");
    ck_assert_uint_eq(m.body.len, 40);
    ck_assert_int_eq(memcmp(m.body.p, "<audio>\r\n", 9), 0);
}
END_TEST

/* 3.3.7 regaut01:
 *   Authorization: NoOneKnowsThisScheme opaque-data=here
 *   Content-Length:0 */
START_TEST(rfc4475_regaut01)
{
    const sipw_header *h;
    load("rfc4475/regaut01.dat");
    request_is("REGISTER", SIPW_METHOD_REGISTER, 9338);
    h = sipw_msg_header(&m, SIPW_HDR_AUTHORIZATION);
    ck_assert_ptr_nonnull(h);
    SLICE(h->value, "NoOneKnowsThisScheme opaque-data=here");
    ck_assert_uint_eq(m.content_length, 0);
    via_is(0, "TCP", "192.0.2.253", SIPW_HOST_IPV4, -1);
}
END_TEST

/* 3.3.10 bcast:
 *   SIP/2.0 200 OK
 *   Via: SIP/2.0/UDP 192.0.2.198;branch=z9hG4bK1324923
 *   Via: SIP/2.0/UDP 255.255.255.255;branch=z9hG4bK1saber23 */
START_TEST(rfc4475_bcast)
{
    load("rfc4475/bcast.dat");
    response_is(200, 35, "INVITE", SIPW_METHOD_INVITE);
    SLICE(m.reason, "OK");
    ck_assert_uint_eq(via_count(), 2);
    via_is(0, "UDP", "192.0.2.198", SIPW_HOST_IPV4, -1);
    SLICE(via_at(0)->branch, "z9hG4bK1324923");
    via_is(1, "UDP", "255.255.255.255", SIPW_HOST_IPV4, -1);
    SLICE(via_at(1)->branch, "z9hG4bK1saber23");
    sip_uri_is("Contact", &m.contact->uri, "user", "host28.example.com",
               SIPW_HOST_NAME, -1);
}
END_TEST

/* 3.3.11 zeromf: Max-Forwards: 0 */
START_TEST(rfc4475_zeromf)
{
    load("rfc4475/zeromf.dat");
    request_is("OPTIONS", SIPW_METHOD_OPTIONS, 39234321);
    ck_assert_int_eq(m.max_forwards, 0);
    SLICE(m.from->tag, "3ghsd41");
}
END_TEST

/* 3.3.12 cparam01: Contact: sip:+19725552222@gw1.example.net;unknownparam
 * (no <>: the parameter belongs to the Contact, not to the URI). */
START_TEST(rfc4475_cparam01)
{
    load("rfc4475/cparam01.dat");
    request_is("REGISTER", SIPW_METHOD_REGISTER, 2);
    ck_assert_int_eq(m.contact->angle, 0);
    sip_uri_is("Contact", &m.contact->uri, "+19725552222", "gw1.example.net",
               SIPW_HOST_NAME, -1);
    ck_assert_uint_eq(m.contact->uri.params.len, 0);
    PARAMS("Contact params", m.contact->params, {"unknownparam", NULL, 0});
    ck_assert_ptr_null(m.contact->next);
    SLICE(m.from->tag, "DkfVgjkrtMwaerKKpe");
    via_is(0, "UDP", "saturn.example.com", SIPW_HOST_NAME, 5060);
}
END_TEST

/* 3.3.13 cparam02: Contact: <sip:+19725552222@gw1.example.net;unknownparam>
 * (in <>: a uri-parameter). */
START_TEST(rfc4475_cparam02)
{
    load("rfc4475/cparam02.dat");
    request_is("REGISTER", SIPW_METHOD_REGISTER, 3);
    ck_assert_int_eq(m.contact->angle, 1);
    sip_uri_is("Contact", &m.contact->uri, "+19725552222", "gw1.example.net",
               SIPW_HOST_NAME, -1);
    PARAMS("Contact URI params", m.contact->uri.params,
           {"unknownparam", NULL, 0});
    ck_assert_uint_eq(m.contact->params.len, 0);
    SLICE(m.from->tag, "838293");
}
END_TEST

/* 3.3.14 regescrt:
 *   M: <sip:user@example.com?Route=%3Csip:sip.example.com%3E>
 *   L:0 */
START_TEST(rfc4475_regescrt)
{
    sipw_str rest, name, value;

    load("rfc4475/regescrt.dat");
    request_is("REGISTER", SIPW_METHOD_REGISTER, 14398234);
    ck_assert_int_eq(m.contact->angle, 1);
    sip_uri_is("Contact", &m.contact->uri, "user", "example.com",
               SIPW_HOST_NAME, -1);
    SLICE(m.contact->uri.headers, "Route=%3Csip:sip.example.com%3E");
    rest = m.contact->uri.headers;
    ck_assert_int_eq(sipw_uri_header_next(&rest, &name, &value), 1);
    SLICE(name, "Route");
    SLICE(value, "%3Csip:sip.example.com%3E");
    UNESCAPED(value, "<sip:sip.example.com>");
    ck_assert_int_eq(sipw_uri_header_next(&rest, &name, &value), 0);
    ck_assert_uint_eq(m.contact->uri.params.len, 0);
    ck_assert_uint_eq(m.content_length, 0);
}
END_TEST

/* 3.3.15 sdp01: Accept: text/nobodyKnowsThis */
START_TEST(rfc4475_sdp01)
{
    const sipw_header *h;
    load("rfc4475/sdp01.dat");
    request_is("INVITE", SIPW_METHOD_INVITE, 8);
    h = sipw_msg_header(&m, SIPW_HDR_ACCEPT);
    ck_assert_ptr_nonnull(h);
    SLICE(h->value, "text/nobodyKnowsThis");
    SLICE(m.content_type->subtype, "sdp");
    ck_assert_uint_eq(m.body.len, 150);
}
END_TEST

/* 3.4.1 inv2543:
 *   INVITE sip:UserB@example.com SIP/2.0
 *   Via: SIP/2.0/UDP iftgw.example.com
 *   From: <sip:+13035551111@ift.client.example.net;user=phone>
 *   Record-Route: <sip:UserB@example.com;maddr=ss1.example.com>
 *   To: sip:+16505552222@ss1.example.net;user=phone
 *   Call-ID: inv2543.1717@ift.client.example.com
 *   CSeq: 56 INVITE
 *   Content-Type: application/sdp
 * No Max-Forwards, no Content-Length: the 105-byte body runs to the end. */
START_TEST(rfc4475_inv2543)
{
    load_warn("rfc4475/inv2543.dat", 1u << SIPW_WARN_NO_MAX_FORWARDS);
    request_is("INVITE", SIPW_METHOD_INVITE, 56);
    ck_assert_int_eq(m.max_forwards, -1);
    ck_assert_int_eq(m.has_content_length, 0);
    ck_assert_uint_eq(m.body.len, 105);
    ck_assert_uint_eq(m.size, buf_len);
    via_is(0, "UDP", "iftgw.example.com", SIPW_HOST_NAME, -1);
    ABSENT(via_at(0)->branch);
    ck_assert_uint_eq(via_at(0)->params.len, 0);
    /* From in <>: user=phone is a uri-parameter; no tag (RFC 2543). */
    ck_assert_int_eq(m.from->angle, 1);
    sip_uri_is("From", &m.from->uri, "+13035551111", "ift.client.example.net",
               SIPW_HOST_NAME, -1);
    SLICE(m.from->uri.user_param, "phone");
    ABSENT(m.from->tag);
    ck_assert_uint_eq(m.from->params.len, 0);
    /* To without <>: user=phone is a header parameter. */
    ck_assert_int_eq(m.to->angle, 0);
    sip_uri_is("To", &m.to->uri, "+16505552222", "ss1.example.net",
               SIPW_HOST_NAME, -1);
    ABSENT(m.to->uri.user_param);
    ck_assert_uint_eq(m.to->uri.params.len, 0);
    PARAMS("To params", m.to->params, {"user", "phone", 0});
    ck_assert_ptr_nonnull(m.record_route);
    sip_uri_is("Record-Route", &m.record_route->uri, "UserB", "example.com",
               SIPW_HOST_NAME, -1);
    SLICE(m.record_route->uri.maddr, "ss1.example.com");
    SLICE(m.call_id, "inv2543.1717@ift.client.example.com");
}
END_TEST

/* ====================================================================== *
 * RFC 5118 (the CRLF copies)                                              *
 * ====================================================================== */

/* 4.1 ipv6-good:
 *   REGISTER sip:[2001:db8::10] SIP/2.0
 *   Via: SIP/2.0/UDP [2001:db8::9:1];branch=z9hG4bKas3-111
 *   Contact: "Caller" <sip:caller@[2001:db8::1]> */
START_TEST(rfc5118_ipv6_good)
{
    load("rfc5118/crlf/ipv6-good.sip");
    request_is("REGISTER", SIPW_METHOD_REGISTER, 98176);
    sip_uri_is("R-URI", m.uri, NULL, "[2001:db8::10]", SIPW_HOST_IPV6, -1);
    via_is(0, "UDP", "[2001:db8::9:1]", SIPW_HOST_IPV6, -1);
    SLICE(via_at(0)->branch, "z9hG4bKas3-111");
    SLICE(m.contact->display, "Caller");
    ck_assert_int_eq(m.contact->display_quoted, 1);
    sip_uri_is("Contact", &m.contact->uri, "caller", "[2001:db8::1]",
               SIPW_HOST_IPV6, -1);
}
END_TEST

/* 4.3 port-ambiguous: REGISTER sip:[2001:db8::10:5070] SIP/2.0
 * "5070" is the last group of the address; there is no port. */
START_TEST(rfc5118_port_ambiguous)
{
    load("rfc5118/crlf/port-ambiguous.sip");
    sip_uri_is("R-URI", m.uri, NULL, "[2001:db8::10:5070]", SIPW_HOST_IPV6,
               -1);
    sip_uri_is("Contact", &m.contact->uri, "caller", "[2001:db8::1]",
               SIPW_HOST_IPV6, -1);
}
END_TEST

/* 4.4 port-unambiguous: REGISTER sip:[2001:db8::10]:5070 SIP/2.0 */
START_TEST(rfc5118_port_unambiguous)
{
    load("rfc5118/crlf/port-unambiguous.sip");
    sip_uri_is("R-URI", m.uri, NULL, "[2001:db8::10]", SIPW_HOST_IPV6, 5070);
}
END_TEST

/* 4.5 via-received-param-with-delim:
 *   BYE sip:[2001:db8::10] SIP/2.0
 *   To: sip:user@example.com;tag=bd76ya
 *   Via: SIP/2.0/UDP [2001:db8::9:1];received=[2001:db8::9:255];
 *     branch=z9hG4bKas3-111 */
START_TEST(rfc5118_received_with_delim)
{
    load("rfc5118/crlf/via-received-param-with-delim.sip");
    request_is("BYE", SIPW_METHOD_BYE, 321);
    sip_uri_is("R-URI", m.uri, NULL, "[2001:db8::10]", SIPW_HOST_IPV6, -1);
    via_is(0, "UDP", "[2001:db8::9:1]", SIPW_HOST_IPV6, -1);
    SLICE(via_at(0)->received, "[2001:db8::9:255]");
    SLICE(via_at(0)->branch, "z9hG4bKas3-111");
    SLICE(m.to->tag, "bd76ya");
}
END_TEST

/* 4.5 via-received-param-no-delim:
 *   Via: SIP/2.0/UDP [2001:db8::9:1];received=2001:db8::9:255;
 *     branch=z9hG4bKas3 */
START_TEST(rfc5118_received_no_delim)
{
    load("rfc5118/crlf/via-received-param-no-delim.sip");
    request_is("OPTIONS", SIPW_METHOD_OPTIONS, 921);
    via_is(0, "UDP", "[2001:db8::9:1]", SIPW_HOST_IPV6, -1);
    SLICE(via_at(0)->received, "2001:db8::9:255");
    SLICE(via_at(0)->branch, "z9hG4bKas3");
    sip_uri_is("Contact", &m.contact->uri, "caller", "[2001:db8::9:1]",
               SIPW_HOST_IPV6, -1);
}
END_TEST

/* 4.6 ipv6-in-sdp:
 *   INVITE sip:user@[2001:db8::10] SIP/2.0
 *   To: sip:user@[2001:db8::10]
 *   Via: SIP/2.0/UDP [2001:db8::20];branch=z9hG4bKas3-111
 *   Contact: "Caller" <sip:caller@[2001:db8::20]>
 *   Content-Length: 251 */
START_TEST(rfc5118_ipv6_in_sdp)
{
    load("rfc5118/crlf/ipv6-in-sdp.sip");
    request_is("INVITE", SIPW_METHOD_INVITE, 8612);
    sip_uri_is("R-URI", m.uri, "user", "[2001:db8::10]", SIPW_HOST_IPV6, -1);
    ck_assert_int_eq(m.to->angle, 0);
    sip_uri_is("To", &m.to->uri, "user", "[2001:db8::10]", SIPW_HOST_IPV6, -1);
    via_is(0, "UDP", "[2001:db8::20]", SIPW_HOST_IPV6, -1);
    sip_uri_is("Contact", &m.contact->uri, "caller", "[2001:db8::20]",
               SIPW_HOST_IPV6, -1);
    ck_assert_uint_eq(m.body.len, 251);
}
END_TEST

/* 4.7 mult-ip-in-header:
 *   BYE sip:user@host.example.net SIP/2.0
 *   Via: SIP/2.0/UDP [2001:db8::9:1]:6050;branch=z9hG4bKas3-111
 *   Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKjhja8781hjuaij65144
 *   Via: SIP/2.0/TCP [2001:db8::9:255];branch=z9hG4bK451jj;
 *     received=192.0.2.200 */
START_TEST(rfc5118_mult_ip_in_header)
{
    load("rfc5118/crlf/mult-ip-in-header.sip");
    request_is("BYE", SIPW_METHOD_BYE, 89187);
    sip_uri_is("R-URI", m.uri, "user", "host.example.net", SIPW_HOST_NAME, -1);
    ck_assert_uint_eq(via_count(), 3);
    via_is(0, "UDP", "[2001:db8::9:1]", SIPW_HOST_IPV6, 6050);
    SLICE(via_at(0)->branch, "z9hG4bKas3-111");
    ABSENT(via_at(0)->received);
    via_is(1, "UDP", "192.0.2.1", SIPW_HOST_IPV4, -1);
    SLICE(via_at(1)->branch, "z9hG4bKjhja8781hjuaij65144");
    via_is(2, "TCP", "[2001:db8::9:255]", SIPW_HOST_IPV6, -1);
    SLICE(via_at(2)->branch, "z9hG4bK451jj");
    SLICE(via_at(2)->received, "192.0.2.200");
    SLICE(m.to->tag, "9817--94");
    SLICE(m.from->tag, "81x2");
}
END_TEST

/* 4.8 mult-ip-in-sdp:
 *   INVITE sip:user@[2001:db8::10] SIP/2.0
 *   Contact: "Caller" <sip:caller@[2001:db8::9:1]>
 *   Content-Length: 189 */
START_TEST(rfc5118_mult_ip_in_sdp)
{
    load("rfc5118/crlf/mult-ip-in-sdp.sip");
    request_is("INVITE", SIPW_METHOD_INVITE, 8912);
    sip_uri_is("R-URI", m.uri, "user", "[2001:db8::10]", SIPW_HOST_IPV6, -1);
    sip_uri_is("Contact", &m.contact->uri, "caller", "[2001:db8::9:1]",
               SIPW_HOST_IPV6, -1);
    via_is(0, "UDP", "[2001:db8::9:1]", SIPW_HOST_IPV6, -1);
    ck_assert_uint_eq(m.body.len, 189);
}
END_TEST

/* 4.9 ipv4-mapped-ipv6:
 *   Via: SIP/2.0/UDP [::ffff:192.0.2.10]:19823;branch=z9hG4bKbh19
 *   Via: SIP/2.0/UDP [::ffff:192.0.2.2];branch=z9hG4bKas3-111
 *   Call-ID: SSG9559905523997077@hlau_4100
 *   Contact: "T. desk phone" <sip:ted@[::ffff:192.0.2.2]>
 *   Content-Length: 245 */
START_TEST(rfc5118_ipv4_mapped)
{
    load("rfc5118/crlf/ipv4-mapped-ipv6.sip");
    request_is("INVITE", SIPW_METHOD_INVITE, 612);
    ck_assert_uint_eq(via_count(), 2);
    via_is(0, "UDP", "[::ffff:192.0.2.10]", SIPW_HOST_IPV6, 19823);
    SLICE(via_at(0)->branch, "z9hG4bKbh19");
    via_is(1, "UDP", "[::ffff:192.0.2.2]", SIPW_HOST_IPV6, -1);
    SLICE(via_at(1)->branch, "z9hG4bKas3-111");
    SLICE(m.call_id, "SSG9559905523997077@hlau_4100");
    ck_assert_int_eq(m.contact->display_quoted, 1);
    SLICE(m.contact->display, "T. desk phone");
    sip_uri_is("Contact", &m.contact->uri, "ted", "[::ffff:192.0.2.2]",
               SIPW_HOST_IPV6, -1);
    SLICE(m.from->tag, "81x2");
    ck_assert_uint_eq(m.body.len, 245);
}
END_TEST

/* 4.10 ipv6-correct-abnf-2-colons:
 *   OPTIONS sip:user@[2001:db8::192.0.2.1] SIP/2.0
 *   To: sip:user@[2001:db8::192.0.2.1] */
START_TEST(rfc5118_two_colons)
{
    load("rfc5118/crlf/ipv6-correct-abnf-2-colons.sip");
    request_is("OPTIONS", SIPW_METHOD_OPTIONS, 689);
    sip_uri_is("R-URI", m.uri, "user", "[2001:db8::192.0.2.1]",
               SIPW_HOST_IPV6, -1);
    sip_uri_is("To", &m.to->uri, "user", "[2001:db8::192.0.2.1]",
               SIPW_HOST_IPV6, -1);
    via_is(0, "UDP", "lab1.east.example.com", SIPW_HOST_NAME, -1);
}
END_TEST

/* ====================================================================== *
 * Invalid messages, changed to expose the defect the datagram hides       *
 * ====================================================================== */

/* RFC 4475 3.1.2.15 baddn: the archive has no empty line after "l: 0".
 * With one added, the defect the RFC means shows:
 *   From:    Bell, Alexander <sip:a.g.bell@example.com>;tag=43
 * an unquoted display name is tokens and LWS; "," is none (4:14). */
START_TEST(rfc4475_baddn_completed)
{
    char path[1024];
    size_t len;
    char *data, *whole;

    snprintf(path, sizeof path, "%s/rfc4475/baddn.dat", tu_data_dir());
    data = tu_read_file(path, &len);
    whole = malloc(len + 2);
    ck_assert_ptr_nonnull(whole);
    memcpy(whole, data, len);
    memcpy(whole + len, "\r\n", 2);
    expect_error("baddn + CRLF", whole, len + 2, SIPW_EVALUE, 4, 14, "From");
    free(whole);
    free(data);
}
END_TEST

/* RFC 5118 4.10 ipv6-bug-abnf-3-colons with its Request-URI fixed, so
 * that the To header is where the three colons are:
 *   To: sip:user@[2001:db8:::192.0.2.1]
 * The third colon is column 25. */
START_TEST(rfc5118_three_colons_in_to)
{
    static const char fixed[] = "OPTIONS sip:user@[2001:db8::192.0.2.1] SIP/2.0\r\n";
    char path[1024];
    size_t len, rest;
    char *data, *msg;
    const char *line2;

    snprintf(path, sizeof path, "%s/rfc5118/crlf/ipv6-bug-abnf-3-colons.sip",
             tu_data_dir());
    data = tu_read_file(path, &len);
    line2 = memchr(data, '\n', len);
    ck_assert_ptr_nonnull(line2);
    line2++;
    rest = len - (size_t)(line2 - data);
    msg = malloc(sizeof fixed - 1 + rest);
    ck_assert_ptr_nonnull(msg);
    memcpy(msg, fixed, sizeof fixed - 1);
    memcpy(msg + sizeof fixed - 1, line2, rest);
    expect_error("3 colons in To", msg, sizeof fixed - 1 + rest, SIPW_EVALUE,
                 2, 25, "To");
    free(msg);
    free(data);
}
END_TEST

static Suite *conformance_suite(void)
{
    Suite *s = suite_create("conformance");
    TCase *a = tcase_create("rfc4475");
    TCase *b = tcase_create("rfc5118");

    tcase_add_checked_fixture(a, setup, teardown);
    tcase_add_test(a, rfc4475_wsinv);
    tcase_add_test(a, rfc4475_intmeth);
    tcase_add_test(a, rfc4475_esc01);
    tcase_add_test(a, rfc4475_escnull);
    tcase_add_test(a, rfc4475_esc02);
    tcase_add_test(a, rfc4475_lwsdisp);
    tcase_add_test(a, rfc4475_longreq);
    tcase_add_test(a, rfc4475_dblreq);
    tcase_add_test(a, rfc4475_semiuri);
    tcase_add_test(a, rfc4475_transports);
    tcase_add_test(a, rfc4475_mpart01);
    tcase_add_test(a, rfc4475_unreason);
    tcase_add_test(a, rfc4475_noreason);
    tcase_add_test(a, rfc4475_badbranch);
    tcase_add_test(a, rfc4475_unkscm);
    tcase_add_test(a, rfc4475_novelsc);
    tcase_add_test(a, rfc4475_unksm2);
    tcase_add_test(a, rfc4475_bext01);
    tcase_add_test(a, rfc4475_invut);
    tcase_add_test(a, rfc4475_regaut01);
    tcase_add_test(a, rfc4475_bcast);
    tcase_add_test(a, rfc4475_zeromf);
    tcase_add_test(a, rfc4475_cparam01);
    tcase_add_test(a, rfc4475_cparam02);
    tcase_add_test(a, rfc4475_regescrt);
    tcase_add_test(a, rfc4475_sdp01);
    tcase_add_test(a, rfc4475_inv2543);
    tcase_add_test(a, rfc4475_baddn_completed);
    suite_add_tcase(s, a);

    tcase_add_checked_fixture(b, setup, teardown);
    tcase_add_test(b, rfc5118_ipv6_good);
    tcase_add_test(b, rfc5118_port_ambiguous);
    tcase_add_test(b, rfc5118_port_unambiguous);
    tcase_add_test(b, rfc5118_received_with_delim);
    tcase_add_test(b, rfc5118_received_no_delim);
    tcase_add_test(b, rfc5118_ipv6_in_sdp);
    tcase_add_test(b, rfc5118_mult_ip_in_header);
    tcase_add_test(b, rfc5118_mult_ip_in_sdp);
    tcase_add_test(b, rfc5118_ipv4_mapped);
    tcase_add_test(b, rfc5118_two_colons);
    tcase_add_test(b, rfc5118_three_colons_in_to);
    suite_add_tcase(s, b);
    return s;
}

int main(void)
{
    return tu_run(conformance_suite());
}
