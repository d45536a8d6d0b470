/* SPDX-License-Identifier: MIT */
/* sipwire: Digest authentication (RFC 2617, RFC 7616, RFC 8760): the
 * client's credentials for a challenge, and the server's check of them.
 *
 * Every hash goes through OpenSSL's EVP interface; nothing here hashes by
 * hand. Inputs are fed to the hash piece by piece ("a" ":" "b"...), so
 * only the values that must be unquoted are copied, into fixed stack
 * buffers (SIPW_DIGEST_MAX_VALUE). */
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "base/base.h"

/* --- algorithms -------------------------------------------------------- */

static const struct {
    const char *name;
    size_t hex; /* hex digits of the hash */
    int sess;   /* the -sess variant: HA1 keyed with nonce and cnonce */
} algs[SIPW_DIGEST__COUNT] = {
    {"MD5", 32, 0},         {"MD5-sess", 32, 1},
    {"SHA-256", 64, 0},     {"SHA-256-sess", 64, 1},
    {"SHA-512-256", 64, 0}, {"SHA-512-256-sess", 64, 1},
};

static int alg_ok(sipw_digest_alg alg)
{
    return (unsigned)alg < (unsigned)SIPW_DIGEST__COUNT;
}

static const EVP_MD *alg_md(sipw_digest_alg alg)
{
    switch (alg) {
    case SIPW_DIGEST_MD5:
    case SIPW_DIGEST_MD5_SESS:
        return EVP_md5();
    case SIPW_DIGEST_SHA256:
    case SIPW_DIGEST_SHA256_SESS:
        return EVP_sha256();
    case SIPW_DIGEST_SHA512_256:
    case SIPW_DIGEST_SHA512_256_SESS:
        return EVP_sha512_256();
    default:
        return NULL;
    }
}

static sipw_str lit(const char *s)
{
    sipw_str r;
    r.p = s;
    r.len = strlen(s);
    return r;
}

sipw_digest_alg sipw_digest_alg_lookup(sipw_str name)
{
    int i;
    if (!name.p)
        return SIPW_DIGEST_MD5; /* RFC 7616 §3.3: absent means MD5 */
    for (i = 0; i < SIPW_DIGEST__COUNT; i++) {
        if (sipw_str_caseeq(name, lit(algs[i].name)))
            return (sipw_digest_alg)i;
    }
    return SIPW_DIGEST_UNKNOWN;
}

const char *sipw_digest_alg_name(sipw_digest_alg alg)
{
    return alg_ok(alg) ? algs[alg].name : NULL;
}

size_t sipw_digest_hex_len(sipw_digest_alg alg)
{
    return alg_ok(alg) ? algs[alg].hex : 0;
}

/* --- errors ------------------------------------------------------------ */

/* No position (SIPW_NO_OFFSET): a sipw_auth does not know where its
 * message starts. `param` names the digest parameter concerned (static),
 * or is NULL. */
static sipw_status fail(sipw_error *err, sipw_status st, const char *param,
                        const char *reason)
{
    sipw__set_error(err, st, NULL, 0, SIPW_NO_OFFSET, sipw_str_cstr(param),
                    reason);
    return st;
}

/* A caller's slice is usable: p may be NULL only with len 0. */
static int slice_ok(sipw_str s)
{
    return s.p != NULL || s.len == 0;
}

/* --- hashing ----------------------------------------------------------- */

/* One EVP context reused for every hash of a call. `ok` turns 0 at the
 * first failure and stays there, so the callers check once at the end. */
struct hash {
    EVP_MD_CTX *ctx;
    const EVP_MD *md;
    size_t hex; /* expected hex digits */
    int ok;
};

static int hash_open(struct hash *h, sipw_digest_alg alg)
{
    h->md = alg_md(alg);
    h->hex = algs[alg].hex;
    h->ctx = EVP_MD_CTX_new();
    h->ok = h->ctx != NULL && h->md != NULL;
    return h->ok;
}

static void hash_close(struct hash *h)
{
    EVP_MD_CTX_free(h->ctx);
    h->ctx = NULL;
}

static void hash_begin(struct hash *h)
{
    if (h->ok && EVP_DigestInit_ex(h->ctx, h->md, NULL) != 1)
        h->ok = 0;
}

static void hash_add(struct hash *h, const void *p, size_t n)
{
    if (h->ok && n > 0 && EVP_DigestUpdate(h->ctx, p, n) != 1)
        h->ok = 0;
}

static void hash_str(struct hash *h, sipw_str s)
{
    hash_add(h, s.p, s.len);
}

static void hash_colon(struct hash *h)
{
    hash_add(h, ":", 1);
}

/* Ends the hash and writes it as h->hex lower-case hex digits and a NUL
 * (hex holds SIPW_DIGEST_HEX_MAX + 1 bytes). */
static void hash_end(struct hash *h, char *hex)
{
    static const char digits[] = "0123456789abcdef";
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned n = 0, i;

    hex[0] = '\0';
    if (!h->ok)
        return;
    if (EVP_DigestFinal_ex(h->ctx, md, &n) != 1 || (size_t)n * 2 != h->hex ||
        h->hex > SIPW_DIGEST_HEX_MAX) {
        h->ok = 0;
        return;
    }
    for (i = 0; i < n; i++) {
        hex[2 * i] = digits[md[i] >> 4];
        hex[2 * i + 1] = digits[md[i] & 15];
    }
    hex[2 * n] = '\0';
}

/* hex = H(a ":" b ":" c); c may be absent (p NULL): H(a ":" b). */
static void hash3(struct hash *h, sipw_str a, sipw_str b, sipw_str c, char *hex)
{
    hash_begin(h);
    hash_str(h, a);
    hash_colon(h);
    hash_str(h, b);
    if (c.p) {
        hash_colon(h);
        hash_str(h, c);
    }
    hash_end(h, hex);
}

/* --- values ------------------------------------------------------------ */

static int is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
           (c >= 'A' && c <= 'F');
}

static char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c + ('a' - 'A')) : c;
}

static unsigned hex_val(char c)
{
    if (c >= '0' && c <= '9')
        return (unsigned)(c - '0');
    return (unsigned)(lower(c) - 'a' + 10);
}

/* Copies n hex digits to dst in lower case and a NUL; 0 when s is not
 * exactly n hex digits. */
static int hex_copy(sipw_str s, size_t n, char *dst)
{
    size_t i;
    if (!s.p || s.len != n)
        return 0;
    for (i = 0; i < n; i++) {
        if (!is_hex(s.p[i]))
            return 0;
        dst[i] = lower(s.p[i]);
    }
    dst[n] = '\0';
    return 1;
}

/* A parameter value unquoted into a stack buffer. */
struct val {
    char b[SIPW_DIGEST_MAX_VALUE + 1];
    sipw_str s; /* {b, len}, or {NULL, 0} when the parameter is absent */
};

static sipw_status unquote(sipw_str in, struct val *v, const char *param,
                           sipw_error *err)
{
    size_t n;
    v->s.p = NULL;
    v->s.len = 0;
    v->b[0] = '\0';
    if (!in.p)
        return SIPW_OK;
    n = sipw_str_unquote(in, v->b, sizeof v->b);
    if (n > SIPW_DIGEST_MAX_VALUE)
        return fail(err, SIPW_ELIMIT, param,
                    "value is longer than SIPW_DIGEST_MAX_VALUE bytes");
    v->s.p = v->b;
    v->s.len = n;
    return SIPW_OK;
}

/* A required parameter: absent is SIPW_EPARAM with `missing`. */
static sipw_status need(sipw_str in, struct val *v, const char *param,
                        const char *missing, sipw_error *err)
{
    if (!in.p)
        return fail(err, SIPW_EPARAM, param, missing);
    return unquote(in, v, param, err);
}

/* CR or LF would end the header line, NUL the C string the response is
 * (a quoted-pair may carry NUL: RFC 3261 §25.1). */
static int has_crlf_nul(sipw_str s)
{
    return s.len > 0 && (memchr(s.p, '\r', s.len) || memchr(s.p, '\n', s.len) ||
                         memchr(s.p, '\0', s.len));
}

/* The qops a challenge offers: qop-options is a quoted, comma-separated
 * list of tokens (RFC 7616 §3.3); unknown ones are skipped. */
struct offer {
    int present, auth, auth_int;
};

static void qop_offer(sipw_str list, struct offer *o)
{
    size_t i = 0;
    o->present = list.p != NULL;
    o->auth = o->auth_int = 0;
    while (list.p && i < list.len) {
        size_t start, end;
        sipw_str tok;
        while (i < list.len &&
               (list.p[i] == ' ' || list.p[i] == '\t' || list.p[i] == ','))
            i++;
        start = i;
        while (i < list.len && list.p[i] != ',' && list.p[i] != ' ' &&
               list.p[i] != '\t')
            i++;
        end = i;
        tok.p = list.p + start;
        tok.len = end - start;
        if (sipw_str_caseeq(tok, lit("auth")))
            o->auth = 1;
        else if (sipw_str_caseeq(tok, lit("auth-int")))
            o->auth_int = 1;
    }
}

static const char *qop_name(sipw_digest_qop q)
{
    return q == SIPW_DIGEST_QOP_AUTH_INT ? "auth-int" : "auth";
}

/* nc-value = 8LHEX (RFC 7616 §3.4); either case is accepted. */
static int nc_ok(sipw_str nc)
{
    size_t i;
    if (nc.len != 8)
        return 0;
    for (i = 0; i < 8; i++)
        if (!is_hex(nc.p[i]))
            return 0;
    return 1;
}

/* --- the hashes shared by both sides (RFC 7616 §3.4.1-§3.4.3) -------- */

struct calc {
    sipw_digest_alg alg;
    sipw_digest_qop qop;                /* NONE, AUTH or AUTH_INT */
    sipw_str qop_text;                  /* as sent: it is hashed as is */
    sipw_str username, realm, password; /* password.p NULL: ha1 given */
    const char *ha1; /* lower-case hex, when password.p is NULL */
    sipw_str nonce, cnonce, nc, method, uri, body;
};

/* The response, as hex, into `out`. */
static void response(struct hash *h, const struct calc *c, char *out)
{
    char ha1[SIPW_DIGEST_HEX_MAX + 1], ha2[SIPW_DIGEST_HEX_MAX + 1];
    char hbody[SIPW_DIGEST_HEX_MAX + 1];
    const sipw_str none = {NULL, 0};

    if (c->password.p)
        hash3(h, c->username, c->realm, c->password, ha1);
    else
        memcpy(ha1, c->ha1, h->hex + 1);
    if (algs[c->alg].sess) /* A1 = H(user:realm:pass):nonce:cnonce */
        hash3(h, lit(ha1), c->nonce, c->cnonce, ha1);

    if (c->qop == SIPW_DIGEST_QOP_AUTH_INT) {
        hash_begin(h);
        hash_str(h, c->body);
        hash_end(h, hbody);
        hash3(h, c->method, c->uri, lit(hbody), ha2);
    } else {
        hash3(h, c->method, c->uri, none, ha2);
    }

    hash_begin(h);
    hash_str(h, lit(ha1));
    hash_colon(h);
    hash_str(h, c->nonce);
    hash_colon(h);
    if (c->qop != SIPW_DIGEST_QOP_NONE) {
        hash_str(h, c->nc);
        hash_colon(h);
        hash_str(h, c->cnonce);
        hash_colon(h);
        hash_str(h, c->qop_text);
        hash_colon(h);
    }
    hash_str(h, lit(ha2));
    hash_end(h, out);
}

static sipw_status openssl_failed(sipw_error *err)
{
    return fail(err, SIPW_ENOMEM, NULL,
                "OpenSSL could not compute the hash (out of memory, or the "
                "algorithm is disabled)");
}

/* --- HA1 --------------------------------------------------------------- */

sipw_status sipw_digest_ha1(sipw_digest_alg alg, sipw_str username,
                            sipw_str realm, sipw_str password,
                            char out[SIPW_DIGEST_HEX_MAX + 1], sipw_error *err)
{
    struct hash h;
    if (!out || !alg_ok(alg) || !slice_ok(username) || !slice_ok(realm) ||
        !slice_ok(password)) {
        if (out)
            out[0] = '\0';
        return fail(err, SIPW_EINVAL, NULL,
                    "bad argument: NULL output or slice, or unknown "
                    "algorithm");
    }
    if (!password.p)
        password.p = ""; /* empty, not absent: hash3 keeps its ":" */
    hash_open(&h, alg);
    hash3(&h, username, realm, password, out);
    hash_close(&h);
    if (!h.ok) {
        out[0] = '\0';
        return openssl_failed(err);
    }
    return SIPW_OK;
}

/* --- choosing a challenge ---------------------------------------------- */

int sipw_digest_realm_is(const sipw_auth *a, sipw_str realm)
{
    char b[SIPW_DIGEST_MAX_VALUE + 1];
    size_t n;
    if (!a || !a->realm.p || !realm.p)
        return 0;
    n = sipw_str_unquote(a->realm, b, sizeof b);
    return n == realm.len && n <= SIPW_DIGEST_MAX_VALUE &&
           (n == 0 || memcmp(b, realm.p, n) == 0);
}

const sipw_auth *sipw_digest_select(const sipw_auth *first, sipw_str realm)
{
    const sipw_auth *a;
    for (a = first; a; a = a->next) {
        if (!a->digest ||
            sipw_digest_alg_lookup(a->algorithm) == SIPW_DIGEST_UNKNOWN)
            continue;
        if (realm.p && !sipw_digest_realm_is(a, realm))
            continue;
        return a;
    }
    return NULL;
}

/* --- the client -------------------------------------------------------- */

/* An snprintf-style writer: counts everything, stores what fits. */
struct out {
    char *p;
    size_t cap, len;
};

static void put(struct out *o, const char *s, size_t n)
{
    if (o->len < o->cap && n > 0) {
        size_t room = o->cap - o->len;
        memcpy(o->p + o->len, s, n < room ? n : room);
    }
    o->len += n;
}

static void puts_(struct out *o, const char *s)
{
    put(o, s, strlen(s));
}

/* `"` value `"`, as quoted-string: '"', '\' and the control bytes a
 * quoted-pair allows are escaped (RFC 3261 §25.1); the caller has
 * refused CR and LF. */
static void put_quoted(struct out *o, sipw_str v)
{
    size_t i;
    put(o, "\"", 1);
    for (i = 0; i < v.len; i++) {
        unsigned char c = (unsigned char)v.p[i];
        if (c == '"' || c == '\\' || (c < 0x20 && c != '\t') || c == 0x7F)
            put(o, "\\", 1);
        put(o, v.p + i, 1);
    }
    put(o, "\"", 1);
}

/* A username that cannot go in a quoted-string as it is goes in
 * username* (RFC 7616 §3.4, RFC 8187): every byte outside printable
 * ASCII (UTF-8, controls) needs it. */
static int needs_ext(sipw_str u)
{
    size_t i;
    for (i = 0; i < u.len; i++) {
        unsigned char c = (unsigned char)u.p[i];
        if (c < 0x20 || c > 0x7E)
            return 1;
    }
    return 0;
}

/* attr-char (RFC 8187 §3.2.1). */
static int attr_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || (c != 0 && strchr("!#$&+-.^_`|~", c));
}

static void put_ext(struct out *o, sipw_str v)
{
    static const char digits[] = "0123456789ABCDEF";
    size_t i;
    puts_(o, "UTF-8''");
    for (i = 0; i < v.len; i++) {
        unsigned char c = (unsigned char)v.p[i];
        if (attr_char(c)) {
            put(o, v.p + i, 1);
        } else {
            char pct[3];
            pct[0] = '%';
            pct[1] = digits[c >> 4];
            pct[2] = digits[c & 15];
            put(o, pct, 3);
        }
    }
}

/* The checks of sipw_digest_respond() before any hashing. */
static sipw_status client_args(const sipw_auth *ch,
                               const sipw_digest_client *in, char *out,
                               size_t cap, sipw_error *err)
{
    if (!ch || !in || (!out && cap > 0))
        return fail(err, SIPW_EINVAL, NULL,
                    "bad argument: NULL challenge, input or output");
    if (!slice_ok(in->username) || !slice_ok(in->password) ||
        !slice_ok(in->ha1) || !slice_ok(in->method) || !slice_ok(in->uri) ||
        !slice_ok(in->body) || !slice_ok(in->cnonce))
        return fail(err, SIPW_EINVAL, NULL,
                    "bad argument: a slice with a NULL pointer and a length");
    if (!in->method.len)
        return fail(err, SIPW_EINVAL, NULL, "the method is missing");
    if (!in->uri.len)
        return fail(err, SIPW_EINVAL, "uri", "the digest URI is missing");
    if ((in->password.p != NULL) == (in->ha1.p != NULL))
        return fail(err, SIPW_EINVAL, NULL,
                    "give exactly one of the password and the HA1");
    if ((unsigned)in->qop > (unsigned)SIPW_DIGEST_QOP_AUTH_INT)
        return fail(err, SIPW_EINVAL, "qop", "unknown qop choice");
    if (!ch->digest)
        return fail(err, SIPW_EUNSUPPORTED, NULL,
                    "the challenge's scheme is not Digest");
    return SIPW_OK;
}

/* The qop the client uses (RFC 7616 §3.4: one the challenge offers). */
static sipw_status client_qop(sipw_str offered, sipw_digest_qop want,
                              sipw_digest_qop *qop, sipw_error *err)
{
    char b[SIPW_DIGEST_MAX_VALUE + 1];
    struct offer o;
    size_t n;

    o.present = 0;
    o.auth = o.auth_int = 0;
    if (offered.p) {
        n = sipw_str_unquote(offered, b, sizeof b);
        if (n > SIPW_DIGEST_MAX_VALUE)
            return fail(err, SIPW_ELIMIT, "qop",
                        "value is longer than SIPW_DIGEST_MAX_VALUE bytes");
        offered.p = b;
        offered.len = n;
        qop_offer(offered, &o);
    }
    switch (want) {
    case SIPW_DIGEST_QOP_AUTO:
        if (!o.present)
            *qop = SIPW_DIGEST_QOP_NONE;
        else if (o.auth)
            *qop = SIPW_DIGEST_QOP_AUTH;
        else if (o.auth_int)
            *qop = SIPW_DIGEST_QOP_AUTH_INT;
        else
            return fail(err, SIPW_EUNSUPPORTED, "qop",
                        "the challenge offers neither auth nor auth-int");
        return SIPW_OK;
    case SIPW_DIGEST_QOP_NONE:
        if (o.present)
            return fail(err, SIPW_EUNSUPPORTED, "qop",
                        "the challenge asks for a qop: none is not allowed");
        break;
    case SIPW_DIGEST_QOP_AUTH:
        if (!o.auth)
            return fail(err, SIPW_EUNSUPPORTED, "qop",
                        "the challenge does not offer qop auth");
        break;
    case SIPW_DIGEST_QOP_AUTH_INT:
        if (!o.auth_int)
            return fail(err, SIPW_EUNSUPPORTED, "qop",
                        "the challenge does not offer qop auth-int");
        break;
    }
    *qop = want;
    return SIPW_OK;
}

sipw_status sipw_digest_respond(const sipw_auth *ch,
                                const sipw_digest_client *in, char *out,
                                size_t cap, size_t *len, sipw_error *err)
{
    struct val realm, nonce, opaque;
    struct calc c;
    struct hash h;
    struct out o;
    sipw_status st;
    char ha1[SIPW_DIGEST_HEX_MAX + 1], resp[SIPW_DIGEST_HEX_MAX + 1];
    char uhash[SIPW_DIGEST_HEX_MAX + 1], ncbuf[16];
    int userhash;

    if (len)
        *len = 0;
    if (out && cap > 0)
        out[0] = '\0';
    if ((st = client_args(ch, in, out, cap, err)) != SIPW_OK)
        return st;
    memset(&c, 0, sizeof c);
    if ((c.alg = sipw_digest_alg_lookup(ch->algorithm)) == SIPW_DIGEST_UNKNOWN)
        return fail(err, SIPW_EUNSUPPORTED, "algorithm",
                    "the challenge's algorithm is not supported");
    if ((st = need(ch->realm, &realm, "realm", "the challenge has no realm",
                   err)) != SIPW_OK ||
        (st = need(ch->nonce, &nonce, "nonce", "the challenge has no nonce",
                   err)) != SIPW_OK ||
        (st = unquote(ch->opaque, &opaque, "opaque", err)) != SIPW_OK)
        return st;
    {
        /* They are written back into the response. */
        const sipw_str vals[5] = {realm.s, nonce.s, opaque.s, in->uri,
                                  in->cnonce};
        static const char *const names[5] = {"realm", "nonce", "opaque", "uri",
                                             "cnonce"};
        int i;
        for (i = 0; i < 5; i++)
            if (has_crlf_nul(vals[i]))
                return fail(err, SIPW_EPARAM, names[i],
                            "the value holds CR, LF or NUL");
    }
    if (in->ha1.p && !hex_copy(in->ha1, algs[c.alg].hex, ha1))
        return fail(err, SIPW_EINVAL, NULL,
                    "the HA1 is not hex of the algorithm's length");
    if ((st = client_qop(ch->qop, in->qop, &c.qop, err)) != SIPW_OK)
        return st;
    if (c.qop != SIPW_DIGEST_QOP_NONE && !in->cnonce.p)
        return fail(err, SIPW_EINVAL, "cnonce", "a qop needs a cnonce");
    if (algs[c.alg].sess && c.qop == SIPW_DIGEST_QOP_NONE)
        return fail(err, SIPW_EPARAM, "qop",
                    "a -sess algorithm needs a qop (and a cnonce)");
    if (c.qop == SIPW_DIGEST_QOP_AUTH_INT && !in->body.p)
        return fail(err, SIPW_EINVAL, "qop",
                    "auth-int needs the body (body.p is NULL)");
    userhash = in->userhash && ch->userhash.p &&
               sipw_str_caseeq(ch->userhash, lit("true"));

    snprintf(ncbuf, sizeof ncbuf, "%08lx",
             (unsigned long)(in->nc ? in->nc : 1));
    c.username = in->username;
    c.realm = realm.s;
    c.password = in->password;
    c.ha1 = ha1;
    c.nonce = nonce.s;
    c.cnonce = c.qop != SIPW_DIGEST_QOP_NONE ? in->cnonce : (sipw_str){NULL, 0};
    c.nc = lit(ncbuf);
    c.qop_text = lit(qop_name(c.qop));
    c.method = in->method;
    c.uri = in->uri;
    c.body = in->body;

    hash_open(&h, c.alg);
    response(&h, &c, resp);
    if (userhash) /* RFC 7616 §3.4.4 */
        hash3(&h, in->username, realm.s, (sipw_str){NULL, 0}, uhash);
    hash_close(&h);
    if (!h.ok)
        return openssl_failed(err);

    o.p = out;
    o.cap = cap;
    o.len = 0;
    puts_(&o, "Digest ");
    if (userhash) {
        puts_(&o, "username=");
        put_quoted(&o, lit(uhash));
    } else if (needs_ext(in->username)) {
        puts_(&o, "username*=");
        put_ext(&o, in->username);
    } else {
        puts_(&o, "username=");
        put_quoted(&o, in->username);
    }
    puts_(&o, ", realm=");
    put_quoted(&o, realm.s);
    puts_(&o, ", uri=");
    put_quoted(&o, in->uri);
    puts_(&o, ", algorithm=");
    puts_(&o, algs[c.alg].name);
    puts_(&o, ", nonce=");
    put_quoted(&o, nonce.s);
    if (c.qop != SIPW_DIGEST_QOP_NONE) {
        puts_(&o, ", nc=");
        puts_(&o, ncbuf);
        puts_(&o, ", cnonce=");
        put_quoted(&o, in->cnonce);
        puts_(&o, ", qop=");
        puts_(&o, qop_name(c.qop));
    }
    puts_(&o, ", response=");
    put_quoted(&o, lit(resp));
    if (opaque.s.p) {
        puts_(&o, ", opaque=");
        put_quoted(&o, opaque.s);
    }
    if (userhash)
        puts_(&o, ", userhash=true");

    if (len)
        *len = o.len;
    if (o.len >= cap) {
        if (cap > 0)
            out[0] = '\0';
        return fail(err, SIPW_ENOMEM, NULL,
                    "the output buffer is too small for the credentials");
    }
    out[o.len] = '\0';
    return SIPW_OK;
}

/* --- the server -------------------------------------------------------- */

/* Decodes username* = ext-value (RFC 8187 §3.2.1: charset "'" [language]
 * "'" value-chars) into v; UTF-8 is the only charset RFC 7616 uses. */
static sipw_status ext_value(sipw_str in, struct val *v, sipw_error *err)
{
    struct val raw;
    sipw_status st;
    size_t i, q1, q2, n = 0;
    sipw_str charset;

    if ((st = unquote(in, &raw, "username*", err)) != SIPW_OK)
        return st;
    for (q1 = 0; q1 < raw.s.len && raw.b[q1] != '\''; q1++)
        ;
    for (q2 = q1 + 1; q2 < raw.s.len && raw.b[q2] != '\''; q2++)
        ;
    if (q2 >= raw.s.len)
        return fail(err, SIPW_EPARAM, "username*",
                    "not an ext-value (charset'language'value)");
    charset.p = raw.b;
    charset.len = q1;
    if (!sipw_str_caseeq(charset, lit("UTF-8")))
        return fail(err, SIPW_EUNSUPPORTED, "username*",
                    "the charset is not UTF-8");
    for (i = q2 + 1; i < raw.s.len; i++) {
        unsigned char c = (unsigned char)raw.b[i];
        if (c == '%' && i + 2 < raw.s.len && is_hex(raw.b[i + 1]) &&
            is_hex(raw.b[i + 2])) {
            v->b[n++] =
                (char)(hex_val(raw.b[i + 1]) * 16 + hex_val(raw.b[i + 2]));
            i += 2;
        } else if (attr_char(c)) {
            v->b[n++] = (char)c;
        } else {
            return fail(err, SIPW_EPARAM, "username*",
                        "bad character in the ext-value");
        }
    }
    v->b[n] = '\0';
    v->s.p = v->b;
    v->s.len = n;
    return SIPW_OK;
}

/* The checks of sipw_digest_verify() before the credentials are read. */
static sipw_status server_args(const sipw_auth *cr,
                               const sipw_digest_server *in, sipw_error *err)
{
    if (!cr || !in)
        return fail(err, SIPW_EINVAL, NULL,
                    "bad argument: NULL credentials or input");
    if (!slice_ok(in->method) || !slice_ok(in->body) ||
        !slice_ok(in->password) || !slice_ok(in->ha1) || !slice_ok(in->realm) ||
        !slice_ok(in->uri) || !slice_ok(in->username))
        return fail(err, SIPW_EINVAL, NULL,
                    "bad argument: a slice with a NULL pointer and a length");
    if (!in->method.len)
        return fail(err, SIPW_EINVAL, NULL, "the method is missing");
    if ((in->password.p != NULL) == (in->ha1.p != NULL))
        return fail(err, SIPW_EINVAL, NULL,
                    "give exactly one of the password and the HA1");
    if (!cr->digest)
        return fail(err, SIPW_EUNSUPPORTED, NULL,
                    "the credentials' scheme is not Digest");
    return SIPW_OK;
}

/* The qop of credentials: absent (RFC 2069), or one token. */
static sipw_status server_qop(sipw_str q, sipw_digest_qop *qop, sipw_error *err)
{
    if (!q.p)
        *qop = SIPW_DIGEST_QOP_NONE;
    else if (sipw_str_caseeq(q, lit("auth")))
        *qop = SIPW_DIGEST_QOP_AUTH;
    else if (sipw_str_caseeq(q, lit("auth-int")))
        *qop = SIPW_DIGEST_QOP_AUTH_INT;
    else
        return fail(err, SIPW_EUNSUPPORTED, "qop",
                    "unknown qop: neither auth nor auth-int");
    return SIPW_OK;
}

/* userhash = "true" / "false" (RFC 7616 §3.4); absent is false. */
static sipw_status userhash_flag(sipw_str v, int *on, sipw_error *err)
{
    *on = 0;
    if (!v.p || sipw_str_caseeq(v, lit("false")))
        return SIPW_OK;
    if (sipw_str_caseeq(v, lit("true"))) {
        *on = 1;
        return SIPW_OK;
    }
    return fail(err, SIPW_EPARAM, "userhash",
                "userhash is neither true nor false");
}

sipw_status sipw_digest_verify(const sipw_auth *cr,
                               const sipw_digest_server *in, sipw_error *err)
{
    struct val realm, nonce, uri, cnonce, user, resp_in;
    struct calc c;
    struct hash h;
    sipw_status st;
    char ha1[SIPW_DIGEST_HEX_MAX + 1], resp[SIPW_DIGEST_HEX_MAX + 1];
    char got[SIPW_DIGEST_HEX_MAX + 1], uhash[SIPW_DIGEST_HEX_MAX + 1];
    int userhash, match;
    size_t hex;

    if ((st = server_args(cr, in, err)) != SIPW_OK)
        return st;
    memset(&c, 0, sizeof c);
    if ((c.alg = sipw_digest_alg_lookup(cr->algorithm)) == SIPW_DIGEST_UNKNOWN)
        return fail(err, SIPW_EUNSUPPORTED, "algorithm",
                    "the credentials' algorithm is not supported");
    hex = algs[c.alg].hex;
    if ((st = server_qop(cr->qop, &c.qop, err)) != SIPW_OK)
        return st;

    /* Every parameter must be there and well formed before any hash. */
    if ((st = need(cr->realm, &realm, "realm", "the credentials have no realm",
                   err)) != SIPW_OK ||
        (st = need(cr->nonce, &nonce, "nonce", "the credentials have no nonce",
                   err)) != SIPW_OK ||
        (st = need(cr->uri, &uri, "uri", "the credentials have no uri", err)) !=
            SIPW_OK ||
        (st = need(cr->response, &resp_in, "response",
                   "the credentials have no response", err)) != SIPW_OK ||
        (st = unquote(cr->cnonce, &cnonce, "cnonce", err)) != SIPW_OK)
        return st;
    if (!hex_copy(resp_in.s, hex, got))
        return fail(err, SIPW_EPARAM, "response",
                    "the response is not hex of the algorithm's length");
    if (c.qop != SIPW_DIGEST_QOP_NONE) {
        if (!cnonce.s.p)
            return fail(err, SIPW_EPARAM, "cnonce", "a qop needs a cnonce");
        if (!cr->nc.p || !nc_ok(cr->nc))
            return fail(err, SIPW_EPARAM, "nc", "a qop needs nc, 8 hex digits");
    } else if (cnonce.s.p || cr->nc.p) {
        return fail(err, SIPW_EPARAM, cnonce.s.p ? "cnonce" : "nc",
                    "cnonce and nc are not allowed without a qop");
    }
    if (algs[c.alg].sess && c.qop == SIPW_DIGEST_QOP_NONE)
        return fail(err, SIPW_EPARAM, "qop",
                    "a -sess algorithm needs a qop (and a cnonce)");
    if ((st = userhash_flag(cr->userhash, &userhash, err)) != SIPW_OK)
        return st;
    if (cr->username.p && cr->username_star.p)
        return fail(err, SIPW_EPARAM, "username*",
                    "username and username* together");
    if (cr->username_star.p) {
        if (userhash)
            return fail(err, SIPW_EPARAM, "username*",
                        "username* with userhash=true");
        if ((st = ext_value(cr->username_star, &user, err)) != SIPW_OK)
            return st;
    } else if ((st = need(cr->username, &user, "username",
                          "the credentials have no username", err)) !=
               SIPW_OK) {
        return st;
    }

    /* The caller's inputs. */
    if (in->ha1.p && !hex_copy(in->ha1, hex, ha1))
        return fail(err, SIPW_EINVAL, NULL,
                    "the HA1 is not hex of the algorithm's length");
    if (userhash && !in->username.p)
        return fail(err, SIPW_EINVAL, "username",
                    "userhash credentials: the expected username is needed");
    if (c.qop == SIPW_DIGEST_QOP_AUTH_INT && !in->body.p)
        return fail(err, SIPW_EINVAL, "qop",
                    "auth-int needs the body (body.p is NULL)");

    /* Policy and expected values. */
    if (in->algorithms && !(in->algorithms & (1u << c.alg)))
        return fail(err, SIPW_EAUTH, "algorithm",
                    "the algorithm is not one the server accepts");
    if (in->qops && !(in->qops & (1u << c.qop)))
        return fail(err, SIPW_EAUTH, "qop",
                    "the qop is not one the server accepts");
    if (in->realm.p && !sipw_str_eq(realm.s, in->realm))
        return fail(err, SIPW_EAUTH, "realm",
                    "the realm differs from the expected one");
    if (in->uri.p && !sipw_str_eq(uri.s, in->uri))
        return fail(err, SIPW_EAUTH, "uri",
                    "the uri differs from the expected one");
    if (!userhash && in->username.p && !sipw_str_eq(user.s, in->username))
        return fail(err, SIPW_EAUTH, "username",
                    "the username differs from the expected one");

    c.username = userhash ? in->username : user.s;
    c.realm = realm.s;
    c.password = in->password;
    c.ha1 = ha1;
    c.nonce = nonce.s;
    c.cnonce = cnonce.s;
    c.nc = cr->nc;
    c.qop_text = cr->qop;
    c.method = in->method;
    c.uri = uri.s;
    c.body = in->body;

    hash_open(&h, c.alg);
    response(&h, &c, resp);
    if (userhash)
        hash3(&h, in->username, realm.s, (sipw_str){NULL, 0}, uhash);
    hash_close(&h);
    if (!h.ok)
        return openssl_failed(err);
    if (userhash) {
        /* The username is H(username:realm) in hex (RFC 7616 §3.4.4). */
        char sent[SIPW_DIGEST_HEX_MAX + 1];
        if (!hex_copy(user.s, hex, sent) ||
            CRYPTO_memcmp(sent, uhash, hex) != 0)
            return fail(err, SIPW_EAUTH, "username",
                        "the hashed username differs from the expected one");
    }
    match = CRYPTO_memcmp(got, resp, hex) == 0;
    if (!match)
        return fail(err, SIPW_EAUTH, "response", "the response does not match");
    return SIPW_OK;
}
