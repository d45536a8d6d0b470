/* SPDX-License-Identifier: MIT */
/* sipwire tests: the authentication headers (RFC 3261 §20.7, §20.27,
 * §20.28, §20.44, §25.1; RFC 7235; RFC 7616) through sipw_auth_parse(),
 * sipw_auth_param_next() and sipw_msg_parse(). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "typed/typed.h"

static int str_is(sipw_str s, const char *want)
{
    if (!want)
        return s.p == NULL && s.len == 0;
    return s.p && s.len == strlen(want) && memcmp(s.p, want, s.len) == 0;
}

#define ck_assert_slice(s, want)                                               \
    ck_assert_msg(str_is((s), (want)), "%s: got '%.*s', want '%s'", #s,       \
                  (int)(s).len, (s).p ? (s).p : "(null)",                      \
                  (want) ? (want) : "(null)")

#define CH SIPW_AUTH_CHALLENGE
#define CR SIPW_AUTH_CREDENTIALS
#define AI SIPW_AUTH_INFO
#define LENIENT SIPW_AUTH_ALLOW_QUOTED_QOP

/* One expected value; NULL slices are absent. stale: NULL absent, "1"
 * true, "0" false. */
struct want {
    const char *scheme, *params;
    int digest, token68;
    unsigned quoted;
    const char *stale;
    const char *realm, *domain, *nonce, *opaque, *algorithm, *qop, *username,
        *username_star, *userhash, *uri, *response, *cnonce, *nc, *charset,
        *nextnonce, *rspauth;
};

#define MAXV 3
struct valid_case {
    const char *in;
    unsigned flags;
    size_t n;
    struct want v[MAXV];
};

/* RFC 7616 section 3.9.1 and 3.9.2, written with folds as the RFC prints
 * them over several lines. */
#define N7616 "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v"
#define O7616 "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"
#define C7616 "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"
#define N7616B "5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK"
#define O7616B "HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS"
#define C7616B "NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v"
#define U7616B                                                                 \
    "488869477bf257147b804c45308cd62ac4e25eb717b12b298c79e62dcea254ec"
#define R7616B                                                                 \
    "ae66e67d6b427bd3f120414a82e4acff38e8ecd9101d6c861229025f607a79dd"

#define CH7616_PARAMS(alg)                                                     \
    "realm=\"http-auth@example.org\",\r\n"                                     \
    "    qop=\"auth, auth-int\",\r\n"                                          \
    "    algorithm=" alg ",\r\n"                                               \
    "    nonce=\"" N7616 "\",\r\n"                                             \
    "    opaque=\"" O7616 "\""
#define CR7616_PARAMS(alg, resp)                                               \
    "username=\"Mufasa\",\r\n"                                                 \
    "    realm=\"http-auth@example.org\",\r\n"                                 \
    "    uri=\"/dir/index.html\",\r\n"                                         \
    "    algorithm=" alg ",\r\n"                                               \
    "    nonce=\"" N7616 "\",\r\n"                                             \
    "    nc=00000001,\r\n"                                                     \
    "    cnonce=\"" C7616 "\",\r\n"                                            \
    "    qop=auth,\r\n"                                                        \
    "    response=\"" resp "\",\r\n"                                           \
    "    opaque=\"" O7616 "\""
#define CH7616B_PARAMS                                                         \
    "realm=\"api@example.org\",\r\n"                                           \
    "    qop=\"auth\",\r\n"                                                    \
    "    algorithm=SHA-512-256,\r\n"                                           \
    "    nonce=\"" N7616B "\",\r\n"                                            \
    "    opaque=\"" O7616B "\",\r\n"                                           \
    "    charset=UTF-8,\r\n"                                                   \
    "    userhash=true"
#define CR7616B_PARAMS(user)                                                   \
    user ",\r\n"                                                               \
    "    realm=\"api@example.org\",\r\n"                                       \
    "    uri=\"/doe.json\",\r\n"                                               \
    "    algorithm=SHA-512-256,\r\n"                                           \
    "    nonce=\"" N7616B "\",\r\n"                                            \
    "    nc=00000001,\r\n"                                                     \
    "    cnonce=\"" C7616B "\",\r\n"                                           \
    "    qop=auth,\r\n"                                                        \
    "    response=\"" R7616B "\",\r\n"                                         \
    "    opaque=\"" O7616B "\",\r\n"                                           \
    "    userhash="

#define QR SIPW_AUTHP_REALM
#define QN SIPW_AUTHP_NONCE
#define QO SIPW_AUTHP_OPAQUE
#define QQ SIPW_AUTHP_QOP
#define QU SIPW_AUTHP_USERNAME
#define QURI SIPW_AUTHP_URI
#define QRESP SIPW_AUTHP_RESPONSE
#define QC SIPW_AUTHP_CNONCE

static const struct valid_case valid[] = {
    /* RFC 3665 section 2.1 F2 */
    {"Digest realm=\"atlanta.example.com\", qop=\"auth\", "
     "nonce=\"ea9c8e88df84f1cec4341ae6cbe5a359\", opaque=\"\", stale=FALSE, "
     "algorithm=MD5",
     CH, 1,
     {{.scheme = "Digest", .digest = 1,
       .params = "realm=\"atlanta.example.com\", qop=\"auth\", "
                 "nonce=\"ea9c8e88df84f1cec4341ae6cbe5a359\", opaque=\"\", "
                 "stale=FALSE, algorithm=MD5",
       .quoted = QR | QQ | QN | QO, .stale = "0",
       .realm = "atlanta.example.com", .qop = "auth",
       .nonce = "ea9c8e88df84f1cec4341ae6cbe5a359", .opaque = "",
       .algorithm = "MD5"}}},
    /* RFC 3665 section 3.3 F11 */
    {"Digest username=\"alice\", realm=\"atlanta.example.com\", "
     "nonce=\"wf84f1ceczx41ae6cbe5aea9c8e88d359\", opaque=\"\", "
     "uri=\"sip:bob@biloxi.example.com\", "
     "response=\"42ce3cef44b22f50c6a6071bc8\"",
     CR, 1,
     {{.scheme = "Digest", .digest = 1,
       .params = "username=\"alice\", realm=\"atlanta.example.com\", "
                 "nonce=\"wf84f1ceczx41ae6cbe5aea9c8e88d359\", opaque=\"\", "
                 "uri=\"sip:bob@biloxi.example.com\", "
                 "response=\"42ce3cef44b22f50c6a6071bc8\"",
       .quoted = QU | QR | QN | QO | QURI | QRESP,
       .username = "alice", .realm = "atlanta.example.com",
       .nonce = "wf84f1ceczx41ae6cbe5aea9c8e88d359", .opaque = "",
       .uri = "sip:bob@biloxi.example.com",
       .response = "42ce3cef44b22f50c6a6071bc8"}}},
    /* RFC 7616 section 3.9.1: the SHA-256 and the MD5 challenge, here in
     * one value */
    {"Digest\r\n    " CH7616_PARAMS("SHA-256") ",\r\n Digest\r\n    "
     CH7616_PARAMS("MD5"),
     CH, 2,
     {{.scheme = "Digest", .digest = 1, .params = CH7616_PARAMS("SHA-256"),
       .quoted = QR | QQ | QN | QO, .realm = "http-auth@example.org",
       .qop = "auth, auth-int", .algorithm = "SHA-256", .nonce = N7616,
       .opaque = O7616},
      {.scheme = "Digest", .digest = 1, .params = CH7616_PARAMS("MD5"),
       .quoted = QR | QQ | QN | QO, .realm = "http-auth@example.org",
       .qop = "auth, auth-int", .algorithm = "MD5", .nonce = N7616,
       .opaque = O7616}}},
    /* RFC 7616 section 3.9.1: the SHA-256 credentials */
    {"Digest " CR7616_PARAMS("SHA-256", "753927fa0e85d155564e2e272a28d1802ca1"
                                        "0daf4496794697cf8db5856cb6c1"),
     CR, 1,
     {{.scheme = "Digest", .digest = 1,
       .params = CR7616_PARAMS("SHA-256", "753927fa0e85d155564e2e272a28d1802"
                                          "ca10daf4496794697cf8db5856cb6c1"),
       .quoted = QU | QR | QURI | QN | QC | QRESP | QO, .username = "Mufasa",
       .realm = "http-auth@example.org", .uri = "/dir/index.html",
       .algorithm = "SHA-256", .nonce = N7616, .nc = "00000001",
       .cnonce = C7616, .qop = "auth",
       .response = "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db58"
                   "56cb6c1",
       .opaque = O7616}}},
    /* ... and the MD5 credentials */
    {"Digest " CR7616_PARAMS("MD5", "8ca523f5e9506fed4657c9700eebdbec"), CR, 1,
     {{.scheme = "Digest", .digest = 1,
       .params = CR7616_PARAMS("MD5", "8ca523f5e9506fed4657c9700eebdbec"),
       .quoted = QU | QR | QURI | QN | QC | QRESP | QO, .username = "Mufasa",
       .realm = "http-auth@example.org", .uri = "/dir/index.html",
       .algorithm = "MD5", .nonce = N7616, .nc = "00000001",
       .cnonce = C7616, .qop = "auth",
       .response = "8ca523f5e9506fed4657c9700eebdbec", .opaque = O7616}}},
    /* RFC 7616 section 3.9.2: charset and userhash */
    {"Digest\r\n    " CH7616B_PARAMS, CH, 1,
     {{.scheme = "Digest", .digest = 1, .params = CH7616B_PARAMS,
       .quoted = QR | QQ | QN | QO, .realm = "api@example.org", .qop = "auth",
       .algorithm = "SHA-512-256", .nonce = N7616B, .opaque = O7616B,
       .charset = "UTF-8", .userhash = "true"}}},
    {"Digest\r\n    " CR7616B_PARAMS("username=\"" U7616B "\"") "true", CR, 1,
     {{.scheme = "Digest", .digest = 1,
       .params = CR7616B_PARAMS("username=\"" U7616B "\"") "true",
       .quoted = QU | QR | QURI | QN | QC | QRESP | QO, .username = U7616B,
       .realm = "api@example.org", .uri = "/doe.json",
       .algorithm = "SHA-512-256", .nonce = N7616B, .nc = "00000001",
       .cnonce = C7616B, .qop = "auth", .response = R7616B, .opaque = O7616B,
       .userhash = "true"}}},
    /* ... and with username* (RFC 7616 section 3.4.4, RFC 8187) */
    {"Digest\r\n    " CR7616B_PARAMS("username*=UTF-8''J%C3%A4s%C3%B8n%20Doe")
     "false", CR, 1,
     {{.scheme = "Digest", .digest = 1,
       .params = CR7616B_PARAMS("username*=UTF-8''J%C3%A4s%C3%B8n%20Doe")
           "false",
       .quoted = QR | QURI | QN | QC | QRESP | QO,
       .username_star = "UTF-8''J%C3%A4s%C3%B8n%20Doe",
       .realm = "api@example.org", .uri = "/doe.json",
       .algorithm = "SHA-512-256", .nonce = N7616B, .nc = "00000001",
       .cnonce = C7616B, .qop = "auth", .response = R7616B, .opaque = O7616B,
       .userhash = "false"}}},
    /* RFC 7235 section 4.1: a new scheme after the parameters of another */
    {"Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\", Basic "
     "realm=\"simple\"",
     CH, 2,
     {{.scheme = "Newauth",
       .params = "realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\""},
      {.scheme = "Basic", .params = "realm=\"simple\""}}},
    /* three challenges: two Digest algorithms and Basic */
    {"Digest realm=\"a\", nonce=\"1\", algorithm=SHA-256,Digest realm=\"a\","
     "nonce=\"2\" ,\r\n\tBasic realm=\"b\"",
     CH, 3,
     {{.scheme = "Digest", .digest = 1,
       .params = "realm=\"a\", nonce=\"1\", algorithm=SHA-256",
       .quoted = QR | QN, .realm = "a", .nonce = "1",
       .algorithm = "SHA-256"},
      {.scheme = "Digest", .digest = 1, .params = "realm=\"a\",nonce=\"2\"",
       .quoted = QR | QN, .realm = "a", .nonce = "2"},
      {.scheme = "Basic", .params = "realm=\"b\""}}},
    /* token68 (RFC 7235 section 2.1; RFC 7617, RFC 6750) */
    {"Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", CR, 1,
     {{.scheme = "Basic", .token68 = 1,
       .params = "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="}}},
    {"Bearer mF_9.B5f-4.1JqM", CR, 1,
     {{.scheme = "Bearer", .token68 = 1, .params = "mF_9.B5f-4.1JqM"}}},
    {"Basic abc=, Negotiate,Bearer x/y", CH, 3,
     {{.scheme = "Basic", .token68 = 1, .params = "abc="},
      {.scheme = "Negotiate"},
      {.scheme = "Bearer", .token68 = 1, .params = "x/y"}}},
    /* RFC 4475 section 3.3.7 (regaut01): an unknown scheme */
    {"NoOneKnowsThisScheme opaque-data=here", CR, 1,
     {{.scheme = "NoOneKnowsThisScheme", .params = "opaque-data=here"}}},
    /* a scheme alone, trailing LWS ignored */
    {"Negotiate \r\n ", CH, 1, {{.scheme = "Negotiate"}}},
    /* Authentication-Info (RFC 3261 section 20.6, RFC 7616 section 3.5) */
    {"nextnonce=\"47364c23432d2e131a5fb210812c\", qop=auth, "
     "rspauth=\"6629fae49393a05397450978507c4ef1\", cnonce=\"0a4f113b\", "
     "nc=00000001",
     AI, 1,
     {{.digest = 1,
       .params = "nextnonce=\"47364c23432d2e131a5fb210812c\", qop=auth, "
                 "rspauth=\"6629fae49393a05397450978507c4ef1\", "
                 "cnonce=\"0a4f113b\", nc=00000001",
       .quoted = SIPW_AUTHP_NEXTNONCE | SIPW_AUTHP_RSPAUTH | QC,
       .nextnonce = "47364c23432d2e131a5fb210812c", .qop = "auth",
       .rspauth = "6629fae49393a05397450978507c4ef1", .cnonce = "0a4f113b",
       .nc = "00000001"}}},
    /* names and scheme in any case, quoted stale, token nonce, a token qop
     * in a challenge, upper-case hex in nc */
    {"dIGEST REALM=\"r\", Nonce=abc.def, Stale=\"TRUE\", QOP=auth-int, "
     "Domain=\"sip:a.example.com sip:b.example.com\", NC=0000000A",
     CH, 1,
     {{.scheme = "dIGEST", .digest = 1,
       .params = "REALM=\"r\", Nonce=abc.def, Stale=\"TRUE\", QOP=auth-int, "
                 "Domain=\"sip:a.example.com sip:b.example.com\", "
                 "NC=0000000A",
       .quoted = QR | SIPW_AUTHP_STALE | SIPW_AUTHP_DOMAIN, .stale = "1",
       .realm = "r", .nonce = "abc.def", .qop = "auth-int",
       .domain = "sip:a.example.com sip:b.example.com",
       .nc = "0000000A"}}},
    /* quoted values keep their escapes; other params may repeat; LWS and
     * folds around "=" and ","; an empty realm */
    {"Digest realm = \"a\\\"b\\\\c\" ,\r\n\tnonce\r\n =\r\n \"n\", x=1, "
     "X=\"2\", opaque=\"\\\"\"",
     CH, 1,
     {{.scheme = "Digest", .digest = 1,
       .params = "realm = \"a\\\"b\\\\c\" ,\r\n\tnonce\r\n =\r\n \"n\", x=1, "
                 "X=\"2\", opaque=\"\\\"\"",
       .quoted = QR | QN | QO, .realm = "a\\\"b\\\\c", .nonce = "n",
       .opaque = "\\\""}}},
    {"Digest realm=\"\", qop=\"auth,auth-int , x\"", CH, 1,
     {{.scheme = "Digest", .digest = 1,
       .params = "realm=\"\", qop=\"auth,auth-int , x\"", .quoted = QR | QQ,
       .realm = "", .qop = "auth,auth-int , x"}}},
    /* the lenient flag: a quoted message-qop, as in RFC 3665 2.2 F1 */
    {"Digest username=\"bob\", realm=\"atlanta.example.com\", qop=\"auth\", "
     "nonce=\"1cec\"",
     CR | LENIENT, 1,
     {{.scheme = "Digest", .digest = 1,
       .params = "username=\"bob\", realm=\"atlanta.example.com\", "
                 "qop=\"auth\", nonce=\"1cec\"",
       .quoted = QU | QR | QQ | QN, .username = "bob",
       .realm = "atlanta.example.com", .qop = "auth", .nonce = "1cec"}}},
    {"qop=\"auth-int\"", AI | LENIENT, 1,
     {{.digest = 1, .params = "qop=\"auth-int\"", .quoted = QQ,
       .qop = "auth-int"}}},
    /* the lenient flag changes nothing else */
    {"Digest realm=\"r\", qop=\"auth,auth-int\"", CH | LENIENT, 1,
     {{.scheme = "Digest", .digest = 1,
       .params = "realm=\"r\", qop=\"auth,auth-int\"", .quoted = QR | QQ,
       .realm = "r", .qop = "auth,auth-int"}}},
    /* Digest parameter names in another scheme are not picked out */
    {"Basic realm=\"WallyWorld\", charset=\"UTF-8\", realm=x", CH, 1,
     {{.scheme = "Basic",
       .params = "realm=\"WallyWorld\", charset=\"UTF-8\", realm=x"}}},
};

static void check_want(const sipw_auth *a, const struct want *w, size_t i,
                       size_t k)
{
    ck_assert_msg(a != NULL, "case %u: value %u missing", (unsigned)i,
                  (unsigned)k);
    ck_assert_slice(a->scheme, w->scheme);
    ck_assert_slice(a->params, w->params);
    ck_assert_int_eq(a->digest, w->digest);
    ck_assert_int_eq(a->token68, w->token68);
    ck_assert_msg(a->quoted == w->quoted, "case %u: quoted 0x%x, want 0x%x",
                  (unsigned)i, a->quoted, w->quoted);
    ck_assert_int_eq(a->stale, w->stale ? atoi(w->stale) : -1);
    ck_assert_slice(a->realm, w->realm);
    ck_assert_slice(a->domain, w->domain);
    ck_assert_slice(a->nonce, w->nonce);
    ck_assert_slice(a->opaque, w->opaque);
    ck_assert_slice(a->algorithm, w->algorithm);
    ck_assert_slice(a->qop, w->qop);
    ck_assert_slice(a->username, w->username);
    ck_assert_slice(a->username_star, w->username_star);
    ck_assert_slice(a->userhash, w->userhash);
    ck_assert_slice(a->uri, w->uri);
    ck_assert_slice(a->response, w->response);
    ck_assert_slice(a->cnonce, w->cnonce);
    ck_assert_slice(a->nc, w->nc);
    ck_assert_slice(a->charset, w->charset);
    ck_assert_slice(a->nextnonce, w->nextnonce);
    ck_assert_slice(a->rspauth, w->rspauth);
    ck_assert_ptr_null(a->header);
}

static unsigned char arena_mem[1 << 16];

START_TEST(valid_table)
{
    const struct valid_case *c = &valid[_i];
    const sipw_auth *a;
    sipw_arena ar;
    sipw_error err;
    size_t k;
    sipw_status st;

    sipw_arena_init(&ar, arena_mem, sizeof arena_mem);
    memset(&err, 0, sizeof err);
    st = sipw_auth_parse(&a, c->in, strlen(c->in), c->flags, &ar, &err);
    ck_assert_msg(st == SIPW_OK, "case %d: %s at %u: %s", _i,
                  sipw_status_name(st), (unsigned)err.offset,
                  err.reason ? err.reason : "");
    for (k = 0; k < c->n; k++, a = a->next)
        check_want(a, &c->v[k], (size_t)_i, k);
    ck_assert_ptr_null(a);
    ck_assert_uint_ge(sipw_arena_used(&ar), c->n * sizeof(sipw_auth));
}
END_TEST

/* Every valid value at a guard page and cut at every length: no read
 * past the end; OK or a clean error, the arena given back on error. */
START_TEST(valid_guard_every_cut)
{
    const struct valid_case *c = &valid[_i];
    size_t len = strlen(c->in), n;
    struct tu_guard g;

    tu_guard_init(&g, len);
    for (n = 0; n <= len; n++) {
        const char *b = tu_guard_put(&g, c->in, n);
        const sipw_auth *a = (const sipw_auth *)&g; /* must be reset */
        sipw_arena ar;
        sipw_error err;
        sipw_status st;
        sipw_arena_init(&ar, arena_mem, sizeof arena_mem);
        st = sipw_auth_parse(&a, b, n, c->flags, &ar, &err);
        if (st == SIPW_OK) {
            ck_assert_ptr_nonnull(a);
            for (; a; a = a->next) {
                if (a->scheme.p)
                    ck_assert(a->scheme.p >= b &&
                              a->scheme.p + a->scheme.len <= b + n);
                if (a->params.p)
                    ck_assert(a->params.p >= b &&
                              a->params.p + a->params.len <= b + n);
            }
        } else {
            ck_assert_msg(st == SIPW_EVALUE || st == SIPW_EQUOTE,
                          "case %d cut %u: %s", _i, (unsigned)n,
                          sipw_status_name(st));
            ck_assert_int_eq(err.status, st);
            ck_assert_uint_le(err.offset, n);
            ck_assert_ptr_nonnull(err.reason);
            ck_assert_ptr_null(a);
            ck_assert_uint_eq(sipw_arena_used(&ar), 0);
        }
        if (n == len)
            ck_assert_int_eq(st, SIPW_OK);
    }
    tu_guard_free(&g);
}
END_TEST

/* An arena of every size from 0 to the size needed: ENOMEM with the arena
 * untouched below it, OK at it. */
START_TEST(arena_every_size)
{
    const struct valid_case *c = &valid[_i];
    size_t size, needed = 0;

    for (size = 0; size <= sizeof arena_mem; size++) {
        const sipw_auth *a = (const sipw_auth *)arena_mem;
        sipw_arena ar, before;
        sipw_error err;
        sipw_status st;
        sipw_arena_init(&ar, size ? arena_mem : NULL, size);
        before = ar;
        st = sipw_auth_parse(&a, c->in, strlen(c->in), c->flags, &ar, &err);
        if (st == SIPW_OK) {
            needed = size;
            ck_assert_ptr_nonnull(a);
            break;
        }
        ck_assert_int_eq(st, SIPW_ENOMEM);
        ck_assert_int_eq(err.status, SIPW_ENOMEM);
        ck_assert_str_eq(err.reason, "arena too small for the typed headers");
        ck_assert_ptr_null(a);
        ck_assert_int_eq(memcmp(&ar, &before, sizeof ar), 0);
    }
    ck_assert_uint_ge(needed, c->n * sizeof(sipw_auth));
    ck_assert_uint_le(needed, c->n * sizeof(sipw_auth) + 2 * sizeof(void *) +
                                  sizeof(uint64_t));
}
END_TEST

struct invalid_case {
    const char *in;
    unsigned flags;
    sipw_status st;
    size_t at;
    const char *reason;
};

#define COMMA_BEFORE(p) "expected \",\" before parameter \"" p "\""
#define QUOTE_IN(p) "unterminated quoted value of parameter \"" p "\""
#define NC_BAD "nc must be 8 hex digits (RFC 3261 section 25.1)"

static const struct invalid_case invalid[] = {
    /* a missing comma between parameters: RFC 3665 2.1 F3 */
    {"Digest username=\"bob\", realm=\"atlanta.example.com\" "
     "nonce=\"ea9c8e88df84f1cec4341ae6cbe5a359\", opaque=\"\"",
     CR, SIPW_EVALUE, 51, COMMA_BEFORE("nonce")},
    {"Digest realm=\"a\"nonce=\"b\"", CH, SIPW_EVALUE, 16,
     COMMA_BEFORE("nonce")},
    {"Digest realm=\"a\"\r\n nc=00000001", CH, SIPW_EVALUE, 19,
     COMMA_BEFORE("nc")},
    {"Digest realm=\"a\" x-foo=1", CH, SIPW_EVALUE, 17,
     "expected \",\" before the next parameter"},
    {"Basic realm=\"a\" charset=\"UTF-8\"", CH, SIPW_EVALUE, 16,
     "expected \",\" before the next parameter"},
    {"nextnonce=\"a\" rspauth=\"b\"", AI, SIPW_EVALUE, 14,
     COMMA_BEFORE("rspauth")},
    {"Digest realm=\"a\" Basic realm=\"b\"", CH, SIPW_EVALUE, 17,
     "expected \",\" or the end after parameter \"realm\""},
    {"Digest realm=a@b", CH, SIPW_EVALUE, 14,
     "expected \",\" or the end after parameter \"realm\""},
    {"Foo x=1 y", CH, SIPW_EVALUE, 8,
     "expected \",\" or the end after a parameter"},
    /* an unterminated quote, at the opening quote */
    {"Digest realm=\"a, nonce=1", CH, SIPW_EQUOTE, 13, QUOTE_IN("realm")},
    {"Digest realm=\"a\", nonce=\"", CH, SIPW_EQUOTE, 24, QUOTE_IN("nonce")},
    {"Digest username=\"bob, realm=\"x\"", CR, SIPW_EVALUE, 29,
     "expected \",\" or the end after parameter \"username\""},
    {"Foo x=\"abc", CH, SIPW_EQUOTE, 6, "unterminated quoted parameter value"},
    {"Digest realm=\"a\\", CH, SIPW_EQUOTE, 15,
     "quoted string ends in a lone \"\\\""},
    /* a whole value: "\" CR at its end quotes a byte it may not */
    {"Digest realm=\"a\\\r", CH, SIPW_EVALUE, 15,
     "a quoted-pair quotes only bytes below 0x80 other than CR and LF (RFC "
     "3261 section 25.1)"},
    {"Digest realm=\"a\x01\"", CH, SIPW_EVALUE, 15,
     "control character in a quoted string"},
    /* nc = 8 hex digits, unquoted */
    {"Digest nc=0000001", CR, SIPW_EVALUE, 10, NC_BAD},
    {"Digest nc=000000001", CR, SIPW_EVALUE, 10, NC_BAD},
    {"Digest nc=0000000g", CR, SIPW_EVALUE, 10, NC_BAD},
    {"Digest nc=\"00000001\"", CR, SIPW_EVALUE, 10, NC_BAD},
    {"nc=00-00001", AI, SIPW_EVALUE, 3, NC_BAD},
    /* duplicates of the picked-out parameters, at the second name */
    {"Digest realm=\"a\", nonce=\"1\", NONCE=\"2\"", CH, SIPW_EDUP, 29,
     "duplicate parameter \"nonce\""},
    {"Digest realm=\"a\", realm=\"a\"", CH, SIPW_EDUP, 18,
     "duplicate parameter \"realm\""},
    {"Digest response=\"a\", uri=\"x\", Response=\"a\"", CR, SIPW_EDUP, 30,
     "duplicate parameter \"response\""},
    {"Digest username*=UTF-8''a, username*=UTF-8''b", CR, SIPW_EDUP, 27,
     "duplicate parameter \"username*\""},
    {"qop=auth, nc=00000001, qop=auth", AI, SIPW_EDUP, 23,
     "duplicate parameter \"qop\""},
    {"Digest realm=\"a\", stale=true, stale=false", CH, SIPW_EDUP, 30,
     "duplicate parameter \"stale\""},
    /* username and username* (RFC 7616 section 3.4.4) */
    {"Digest username=\"a\", username*=UTF-8''a", CR, SIPW_EVALUE, 21,
     "username and username* must not both be present (RFC 7616 section "
     "3.4.4)"},
    {"Digest username*=UTF-8''a, username=\"a\"", CR, SIPW_EVALUE, 27,
     "username and username* must not both be present (RFC 7616 section "
     "3.4.4)"},
    {"Digest username*=\"UTF-8''a\"", CR, SIPW_EVALUE, 17,
     "username* must be an unquoted RFC 8187 ext-value "
     "(charset'language'value)"},
    {"Digest username*=abc", CR, SIPW_EVALUE, 17,
     "username* must be an unquoted RFC 8187 ext-value "
     "(charset'language'value)"},
    /* a Digest challenge needs a realm */
    {"Digest nonce=\"n\"", CH, SIPW_EVALUE, 0,
     "Digest challenge without realm (RFC 3261 section 25.1, RFC 7616 "
     "section 3.3)"},
    {"Basic realm=\"x\", Digest nonce=\"n\", qop=\"auth\"", CH, SIPW_EVALUE,
     17,
     "Digest challenge without realm (RFC 3261 section 25.1, RFC 7616 "
     "section 3.3)"},
    /* Digest needs parameters */
    {"Digest", CH, SIPW_EVALUE, 6,
     "expected parameters after Digest (RFC 3261 section 25.1)"},
    {"Digest ,Basic x", CH, SIPW_EVALUE, 6,
     "expected parameters after Digest (RFC 3261 section 25.1)"},
    {"digest", CR, SIPW_EVALUE, 6,
     "expected parameters after Digest (RFC 3261 section 25.1)"},
    /* message-qop is a token (RFC 3265 2.2 F1 without SIPW_AUTH_LENIENT) */
    {"Digest username=\"bob\", realm=\"atlanta.example.com\", qop=\"auth\", "
     "nonce=\"1cec\"",
     CR, SIPW_EVALUE, 56,
     "qop must be a token, not a quoted string (RFC 3261 section 25.1 "
     "message-qop)"},
    {"qop=\"auth\"", AI, SIPW_EVALUE, 4,
     "qop must be a token, not a quoted string (RFC 3261 section 25.1 "
     "message-qop)"},
    {"Digest qop=\"auth,auth-int\"", CR | LENIENT, SIPW_EVALUE, 11,
     "qop must be one token (RFC 3261 section 25.1 message-qop)"},
    {"Digest qop=\"\"", CR | LENIENT, SIPW_EVALUE, 11,
     "qop must be one token (RFC 3261 section 25.1 message-qop)"},
    /* qop-options is a list of tokens */
    {"Digest realm=\"a\", qop=\"auth,,x\"", CH, SIPW_EVALUE, 28,
     "qop must be a list of tokens separated by \",\""},
    {"Digest realm=\"a\", qop=\"\"", CH, SIPW_EVALUE, 23,
     "qop must be a list of tokens separated by \",\""},
    {"Digest realm=\"a\", qop=\"auth int\"", CH, SIPW_EVALUE, 28,
     "qop must be a list of tokens separated by \",\""},
    {"Digest realm=\"a\", qop=\"auth,\"", CH, SIPW_EVALUE, 28,
     "qop must be a list of tokens separated by \",\""},
    /* stale and userhash are true or false */
    {"Digest realm=\"a\", stale=maybe", CH, SIPW_EVALUE, 24,
     "stale must be true or false (RFC 3261 section 25.1)"},
    {"Digest realm=\"a\", stale=\"\"", CH, SIPW_EVALUE, 24,
     "stale must be true or false (RFC 3261 section 25.1)"},
    {"Digest realm=\"a\", userhash=1", CH, SIPW_EVALUE, 27,
     "userhash must be true or false (RFC 7616 section 3.4)"},
    /* values */
    {"Digest realm=", CH, SIPW_EVALUE, 13,
     "expected a token or a quoted string as the value of parameter "
     "\"realm\""},
    {"Digest realm=, nonce=1", CH, SIPW_EVALUE, 13,
     "expected a token or a quoted string as the value of parameter "
     "\"realm\""},
    {"Foo a=<b>", CH, SIPW_EVALUE, 6,
     "expected a token or a quoted string as a parameter value"},
    {"Digest realm", CH, SIPW_EVALUE, 12,
     "expected \"=\" and a value after parameter \"realm\""},
    {"Digest realm \"a\"", CH, SIPW_EVALUE, 13,
     "expected \"=\" and a value after parameter \"realm\""},
    {"Digest abc", CR, SIPW_EVALUE, 10,
     "expected \"=\" and a value after a parameter name"},
    {"Foo a b", CH, SIPW_EVALUE, 6,
     "expected \"=\" and a value after a parameter name"},
    {"Digest realm=\"a\", =x", CH, SIPW_EVALUE, 18,
     "expected an auth-scheme (\"Digest\")"},
    {"Digest \"a\"", CH, SIPW_EVALUE, 7, "expected a parameter name"},
    /* schemes and commas */
    {"", CH, SIPW_EVALUE, 0, "expected an auth-scheme (\"Digest\")"},
    {"", CR, SIPW_EVALUE, 0, "expected an auth-scheme (\"Digest\")"},
    {"", AI, SIPW_EVALUE, 0, "expected a parameter name"},
    {" Digest realm=\"a\"", CH, SIPW_EVALUE, 0,
     "expected an auth-scheme (\"Digest\")"},
    {"\"Digest\" realm=\"a\"", CH, SIPW_EVALUE, 0,
     "expected an auth-scheme (\"Digest\")"},
    {"realm=\"x\"", CH, SIPW_EVALUE, 0,
     "expected an auth-scheme (\"Digest\") before the parameters"},
    {"Basic abc=, realm=\"x\"", CH, SIPW_EVALUE, 12,
     "expected an auth-scheme (\"Digest\") before the parameters"},
    {"Digest\"realm\"", CH, SIPW_EVALUE, 6,
     "expected white space after the auth-scheme"},
    {"Digest realm=\"a\",", CH, SIPW_EVALUE, 17,
     "expected a parameter after \",\""},
    {"Digest realm=\"a\" , \r\n ", CH, SIPW_EVALUE, 22,
     "expected a parameter after \",\""},
    {"Negotiate,", CH, SIPW_EVALUE, 10, "expected a challenge after \",\""},
    {"Digest realm=\"a\", , Basic x", CH, SIPW_EVALUE, 18,
     "expected an auth-scheme (\"Digest\")"},
    {"Digest username=\"a\", Basic xyz", CR, SIPW_EVALUE, 21,
     "expected a parameter (name=value) after \",\": one credentials per "
     "header line"},
    {"Basic abc, Digest username=\"x\"", CR, SIPW_EVALUE, 9,
     "expected the end of the value: one credentials per header line (RFC "
     "3261 section 25.1)"},
    {"nc=00000001, Digest", AI, SIPW_EVALUE, 13,
     "expected a parameter (name=value) after \",\": one credentials per "
     "header line"},
    /* flags */
    {"Digest realm=\"a\"", 3, SIPW_EINVAL, 0,
     "NULL result, arena or buffer, or unknown flags"},
    {"Digest realm=\"a\"", 1u << 5, SIPW_EINVAL, 0,
     "NULL result, arena or buffer, or unknown flags"},
};

START_TEST(invalid_table)
{
    const struct invalid_case *c = &invalid[_i];
    const sipw_auth *a = (const sipw_auth *)arena_mem;
    sipw_arena ar;
    sipw_error err;
    sipw_status st;

    sipw_arena_init(&ar, arena_mem, sizeof arena_mem);
    memset(&err, 0, sizeof err);
    st = sipw_auth_parse(&a, c->in, strlen(c->in), c->flags, &ar, &err);
    ck_assert_msg(st == c->st, "case %d '%s': %s, want %s (%s)", _i, c->in,
                  sipw_status_name(st), sipw_status_name(c->st),
                  err.reason ? err.reason : "");
    ck_assert_int_eq(err.status, c->st);
    ck_assert_msg(err.offset == c->at,
                  "case %d '%s': error at %u, want %u (%s)", _i, c->in,
                  (unsigned)err.offset, (unsigned)c->at, err.reason);
    ck_assert_str_eq(err.reason, c->reason);
    ck_assert_ptr_null(err.header.p);
    ck_assert_ptr_null(a);
    ck_assert_uint_eq(sipw_arena_used(&ar), 0);
}
END_TEST

/* Invalid values at a guard page and cut at every length. */
START_TEST(invalid_guard_every_cut)
{
    const struct invalid_case *c = &invalid[_i];
    size_t len = strlen(c->in), n;
    struct tu_guard g;

    tu_guard_init(&g, len + 1);
    for (n = 0; n <= len; n++) {
        const char *b = tu_guard_put(&g, c->in, n);
        const sipw_auth *a;
        sipw_arena ar;
        sipw_error err;
        sipw_status st;
        sipw_arena_init(&ar, arena_mem, sizeof arena_mem);
        st = sipw_auth_parse(&a, b, n, c->flags, &ar, &err);
        if (st != SIPW_OK) {
            ck_assert_uint_le(err.offset, n);
            ck_assert_uint_eq(sipw_arena_used(&ar), 0);
        }
        if (n == len) {
            ck_assert_int_eq(st, c->st);
            ck_assert_uint_eq(err.offset, c->at);
        }
    }
    tu_guard_free(&g);
}
END_TEST

/* The size limits (limits.h): at the limit valid, one byte more ELIMIT
 * at the value (its opening quote when quoted). */
START_TEST(value_limits)
{
    static const struct {
        const char *prefix; /* then the value */
        unsigned flags;
        size_t limit;
        int quoted;
        const char *reason;
    } lim[] = {
        {"Digest realm=\"r\", nonce=", CH, SIPW_MAX_AUTH_NONCE, 1,
         "nonce longer than SIPW_MAX_AUTH_NONCE (1024 bytes)"},
        {"Digest nonce=", CR, SIPW_MAX_AUTH_NONCE, 0,
         "nonce longer than SIPW_MAX_AUTH_NONCE (1024 bytes)"},
        {"Digest username=\"u\", cnonce=", CR, SIPW_MAX_AUTH_NONCE, 1,
         "cnonce longer than SIPW_MAX_AUTH_NONCE (1024 bytes)"},
        {"nextnonce=", AI, SIPW_MAX_AUTH_NONCE, 1,
         "nextnonce longer than SIPW_MAX_AUTH_NONCE (1024 bytes)"},
        {"Digest response=", CR, SIPW_MAX_AUTH_RESPONSE, 1,
         "response longer than SIPW_MAX_AUTH_RESPONSE (128 bytes)"},
        {"Digest response=", CR, SIPW_MAX_AUTH_RESPONSE, 0,
         "response longer than SIPW_MAX_AUTH_RESPONSE (128 bytes)"},
        {"qop=auth, rspauth=", AI, SIPW_MAX_AUTH_RESPONSE, 1,
         "rspauth longer than SIPW_MAX_AUTH_RESPONSE (128 bytes)"},
    };
    char buf[2048];
    size_t i, extra;

    ck_assert_int_eq(SIPW_MAX_AUTH_NONCE, 1024);
    ck_assert_int_eq(SIPW_MAX_AUTH_RESPONSE, 128);
    for (i = 0; i < sizeof lim / sizeof lim[0]; i++) {
        for (extra = 0; extra < 2; extra++) {
            size_t pl = strlen(lim[i].prefix), len = pl, k;
            const sipw_auth *a;
            sipw_arena ar;
            sipw_error err;
            sipw_status st;
            memcpy(buf, lim[i].prefix, pl);
            if (lim[i].quoted)
                buf[len++] = '"';
            for (k = 0; k < lim[i].limit + extra; k++)
                buf[len++] = "0123456789abcdef"[k % 16];
            if (lim[i].quoted)
                buf[len++] = '"';
            sipw_arena_init(&ar, arena_mem, sizeof arena_mem);
            memset(&err, 0, sizeof err);
            st = sipw_auth_parse(&a, buf, len, lim[i].flags, &ar, &err);
            if (!extra) {
                ck_assert_msg(st == SIPW_OK, "case %u: %s", (unsigned)i,
                              err.reason ? err.reason : "");
                continue;
            }
            ck_assert_int_eq(st, SIPW_ELIMIT);
            ck_assert_uint_eq(err.offset, pl);
            ck_assert_str_eq(err.reason, lim[i].reason);
            ck_assert_uint_eq(sipw_arena_used(&ar), 0);
        }
    }
}
END_TEST

START_TEST(arguments)
{
    const sipw_auth *a;
    sipw_arena ar;
    sipw_error err;
    static const char in[] = "Digest realm=\"a\"";

    sipw_arena_init(&ar, arena_mem, sizeof arena_mem);
    ck_assert_int_eq(sipw_auth_parse(NULL, in, 16, CH, &ar, &err),
                     SIPW_EINVAL);
    ck_assert_int_eq(err.status, SIPW_EINVAL);
    ck_assert_int_eq(sipw_auth_parse(&a, in, 16, CH, NULL, &err),
                     SIPW_EINVAL);
    ck_assert_ptr_null(a);
    ck_assert_int_eq(sipw_auth_parse(&a, NULL, 16, CH, &ar, NULL),
                     SIPW_EINVAL);
    ck_assert_int_eq(sipw_auth_parse(&a, NULL, 0, CH, &ar, &err),
                     SIPW_EVALUE);
    ck_assert_uint_eq(err.offset, 0);
    ck_assert_int_eq(sipw_auth_parse(&a, in, 16, CH, &ar, NULL), SIPW_OK);
    ck_assert_slice(a->realm, "a");
    /* an arena without memory */
    sipw_arena_init(&ar, NULL, 0);
    ck_assert_int_eq(sipw_auth_parse(&a, in, 16, CH, &ar, &err), SIPW_ENOMEM);
    ck_assert_uint_eq(err.offset, 0);
    ck_assert_ptr_null(a);
}
END_TEST

/* ENOMEM for the second challenge points at it; the first is given
 * back. */
START_TEST(enomem_second_value)
{
    static const char in[] =
        "Digest realm=\"a\", nonce=\"1\", Basic realm=\"b\"";
    unsigned char mem[sizeof(sipw_auth) + 16];
    const sipw_auth *a;
    sipw_arena ar;
    sipw_error err;
    /* room for exactly one node, whatever the alignment of mem */
    size_t pad = (size_t)((uintptr_t)(mem + sizeof mem) % 16);
    sipw_arena_init(&ar, mem, sizeof mem - pad);
    ck_assert_int_eq(sipw_auth_parse(&a, in, sizeof in - 1, CH, &ar, &err),
                     SIPW_ENOMEM);
    ck_assert_uint_eq(err.offset, 29);
    ck_assert_uint_eq(sipw_arena_used(&ar), 0);
}
END_TEST

/* sipw_auth_param_next() over the params of a parsed challenge. */
START_TEST(params_walk)
{
    static const char in[] =
        "Digest realm=\"a\\\"b\" ,\r\n nonce = xyz,x-y=\"\" , qop=\"a,b\"";
    const sipw_auth *a;
    sipw_arena ar;
    sipw_str rest;
    sipw_param pr;
    char buf[16];

    sipw_arena_init(&ar, arena_mem, sizeof arena_mem);
    ck_assert_int_eq(sipw_auth_parse(&a, in, sizeof in - 1, CH, &ar, NULL),
                     SIPW_OK);
    rest = a->params;
    ck_assert_int_eq(sipw_auth_param_next(&rest, &pr), 1);
    ck_assert_slice(pr.name, "realm");
    ck_assert_slice(pr.value, "a\\\"b");
    ck_assert_int_eq(pr.quoted, 1);
    ck_assert_ptr_eq(pr.value.p, a->realm.p);
    ck_assert_uint_eq(sipw_str_unquote(pr.value, buf, sizeof buf), 3);
    ck_assert_str_eq(buf, "a\"b");
    ck_assert_int_eq(sipw_auth_param_next(&rest, &pr), 1);
    ck_assert_slice(pr.name, "nonce");
    ck_assert_slice(pr.value, "xyz");
    ck_assert_int_eq(pr.quoted, 0);
    ck_assert_int_eq(sipw_auth_param_next(&rest, &pr), 1);
    ck_assert_slice(pr.name, "x-y");
    ck_assert_slice(pr.value, "");
    ck_assert_int_eq(pr.quoted, 1);
    ck_assert_int_eq(sipw_auth_param_next(&rest, &pr), 1);
    ck_assert_slice(pr.name, "qop");
    ck_assert_slice(pr.value, "a,b");
    ck_assert_int_eq(sipw_auth_param_next(&rest, &pr), 0);
    ck_assert_uint_eq(rest.len, 0);
    ck_assert_int_eq(sipw_auth_param_next(&rest, &pr), 0);
    /* the qop list walks with sipw_token_next() */
    rest = a->qop;
    ck_assert_int_eq(sipw_token_next(&rest, &pr.name), 1);
    ck_assert_slice(pr.name, "a");
    ck_assert_int_eq(sipw_token_next(&rest, &pr.name), 1);
    ck_assert_slice(pr.name, "b");
    ck_assert_int_eq(sipw_token_next(&rest, &pr.name), 0);
    /* NULL arguments, an absent list */
    ck_assert_int_eq(sipw_auth_param_next(NULL, &pr), 0);
    rest = a->params;
    ck_assert_int_eq(sipw_auth_param_next(&rest, NULL), 0);
    rest.p = NULL;
    rest.len = 5;
    ck_assert_int_eq(sipw_auth_param_next(&rest, &pr), 0);
    ck_assert_uint_eq(rest.len, 0);
}
END_TEST

/* The walk ends and stays inside any slice, even one no parser made. */
START_TEST(params_walk_any_text)
{
    static const char *const texts[] = {
        "", ",,, ,", "a", "=", "==,=", "a=\"", "a=\"\\", "a=\"x\\\"", "\"\"",
        "a b c", "a= ,b", "x=\"1\"y=2", "\r\n\t", "a=b=c"};
    size_t i;
    struct tu_guard g;

    tu_guard_init(&g, 64);
    for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        size_t len = strlen(texts[i]), steps = 0;
        sipw_str rest, whole;
        sipw_param pr;
        whole.p = tu_guard_put(&g, texts[i], len);
        whole.len = len;
        rest = whole;
        while (sipw_auth_param_next(&rest, &pr)) {
            ck_assert_uint_le(++steps, len);
            ck_assert(pr.name.p >= whole.p &&
                      pr.name.p + pr.name.len <= whole.p + len);
            if (pr.value.p)
                ck_assert(pr.value.p >= whole.p &&
                          pr.value.p + pr.value.len <= whole.p + len);
            ck_assert(rest.p >= whole.p && rest.p + rest.len == whole.p + len);
        }
    }
    tu_guard_free(&g);
}
END_TEST

/* --- in messages ------------------------------------------------------- */

static sipw_status parse_msg(const char *s, unsigned flags, sipw_msg *m,
                             sipw_error *err)
{
    static unsigned char mem[1 << 16];
    sipw_arena ar;
    sipw_arena_init(&ar, mem, sizeof mem);
    memset(err, 0, sizeof *err);
    return sipw_msg_parse(m, s, strlen(s), flags, &ar, err);
}

#define RESP_HEAD                                                              \
    "SIP/2.0 401 Unauthorized\r\n"                                             \
    "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\r\n"                       \
    "From: <sip:a@example.com>;tag=1\r\n"                                      \
    "To: <sip:a@example.com>;tag=2\r\n"                                        \
    "Call-ID: auth@host\r\n"                                                   \
    "CSeq: 1 REGISTER\r\n"
#define REQ_HEAD                                                               \
    "REGISTER sip:example.com SIP/2.0\r\n"                                     \
    "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\r\n"                       \
    "Max-Forwards: 70\r\n"                                                     \
    "From: <sip:a@example.com>;tag=1\r\n"                                      \
    "To: <sip:a@example.com>\r\n"                                              \
    "Call-ID: auth@host\r\n"                                                   \
    "CSeq: 2 REGISTER\r\n"

/* Every challenge of every line, in message order, each pointing at its
 * line; the other lists stay apart. */
START_TEST(message_lists)
{
    static const char in[] =
        RESP_HEAD
        "WWW-Authenticate: Digest realm=\"a\", nonce=\"1\", "
        "Basic realm=\"b\"\r\n"
        "Proxy-Authenticate: Digest realm=\"p\", qop=\"auth\"\r\n"
        "WWW-Authenticate: Digest realm=\"c\",\r\n algorithm=SHA-256\r\n"
        "Content-Length: 0\r\n\r\n";
    sipw_msg m;
    sipw_error err;
    const sipw_auth *a;

    ck_assert_int_eq(parse_msg(in, 0, &m, &err), SIPW_OK);
    a = m.www_authenticate;
    ck_assert_slice(a->realm, "a");
    ck_assert_ptr_eq(a->header, &m.headers[5]);
    a = a->next;
    ck_assert_slice(a->scheme, "Basic");
    ck_assert_ptr_eq(a->header, &m.headers[5]);
    a = a->next;
    ck_assert_slice(a->realm, "c");
    ck_assert_slice(a->algorithm, "SHA-256");
    ck_assert_ptr_eq(a->header, &m.headers[7]);
    ck_assert_ptr_null(a->next);
    a = m.proxy_authenticate;
    ck_assert_slice(a->realm, "p");
    ck_assert_slice(a->qop, "auth");
    ck_assert_ptr_eq(a->header, &m.headers[6]);
    ck_assert_ptr_null(a->next);
    ck_assert_ptr_null(m.authorization);
    ck_assert_ptr_null(m.proxy_authorization);
    ck_assert_ptr_null(m.authentication_info);
    ck_assert_uint_eq(m.warnings, 0);
}
END_TEST

START_TEST(message_credentials)
{
    static const char in[] =
        REQ_HEAD
        "Proxy-Authorization: Digest username=\"alice\", realm=\"one\", "
        "nonce=\"n1\", uri=\"sip:example.com\", response=\"r1\"\r\n"
        "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\r\n"
        "Proxy-Authorization: Digest username=\"alice\", realm=\"two\", "
        "nonce=\"n2\", uri=\"sip:example.com\", response=\"r2\"\r\n"
        "Authentication-Info: nextnonce=\"x\"\r\n"
        "Content-Length: 0\r\n\r\n";
    sipw_msg m;
    sipw_error err;

    ck_assert_int_eq(parse_msg(in, 0, &m, &err), SIPW_OK);
    ck_assert_slice(m.proxy_authorization->realm, "one");
    ck_assert_slice(m.proxy_authorization->next->realm, "two");
    ck_assert_slice(m.proxy_authorization->next->response, "r2");
    ck_assert_ptr_eq(m.proxy_authorization->next->header, &m.headers[8]);
    ck_assert_ptr_null(m.proxy_authorization->next->next);
    ck_assert_int_eq(m.authorization->token68, 1);
    ck_assert_slice(m.authorization->params, "QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    ck_assert_ptr_null(m.authorization->next);
    ck_assert_slice(m.authentication_info->nextnonce, "x");
    ck_assert_ptr_null(m.authentication_info->scheme.p);
    ck_assert_ptr_null(m.www_authenticate);
}
END_TEST

/* Errors in a message: line, column, the header named as written, the
 * arena given back, the message zeroed. */
START_TEST(message_errors)
{
    static const struct {
        const char *lines;
        unsigned flags;
        sipw_status st;
        unsigned line, column;
        const char *header, *reason;
    } cases[] = {
        {"Authorization: Digest username=\"bob\", realm=\"a\" nonce=\"n\"\r\n",
         0, SIPW_EVALUE, 8, 49, "Authorization", COMMA_BEFORE("nonce")},
        {"Proxy-Authorization: Digest username=\"bob\", qop=\"auth\"\r\n", 0,
         SIPW_EVALUE, 8, 49, "Proxy-Authorization",
         "qop must be a token, not a quoted string (RFC 3261 section 25.1 "
         "message-qop)"},
        {"Authorization: Digest nc=1, realm=\"a\"\r\n", SIPW_PARSE_LENIENT,
         SIPW_EVALUE, 8, 26, "Authorization", NC_BAD},
        {"authorization: Digest realm=\"a\",\r\n REALM=\"b\"\r\n", 0,
         SIPW_EDUP, 9, 2, "authorization", "duplicate parameter \"realm\""},
        {"Authentication-Info: qop=auth\r\nAuthentication-Info: qop=auth\r\n",
         0, SIPW_EDUP, 9, 1, "Authentication-Info",
         "header may appear only once"},
        {"WWW-Authenticate: Basic realm=\"x\"\r\nWWW-Authenticate: Digest "
         "nonce=\"n\"\r\n",
         0, SIPW_EVALUE, 9, 19, "WWW-Authenticate",
         "Digest challenge without realm (RFC 3261 section 25.1, RFC 7616 "
         "section 3.3)"},
        {"Authorization: Digest realm=\"a\r\n", 0, SIPW_EQUOTE, 8, 29,
         "Authorization", NULL},
    };
    char buf[1024];
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sipw_msg m;
        sipw_error err;
        sipw_status st;
        snprintf(buf, sizeof buf, "%s%sContent-Length: 0\r\n\r\n", REQ_HEAD,
                 cases[i].lines);
        st = parse_msg(buf, cases[i].flags, &m, &err);
        ck_assert_msg(st == cases[i].st, "case %u: %s (%s)", (unsigned)i,
                      sipw_status_name(st), err.reason ? err.reason : "");
        ck_assert_uint_eq(err.line, cases[i].line);
        ck_assert_uint_eq(err.column, cases[i].column);
        ck_assert_slice(err.header, cases[i].header);
        if (cases[i].reason)
            ck_assert_str_eq(err.reason, cases[i].reason);
        ck_assert_ptr_null(m.authorization);
        ck_assert_ptr_null(m.headers);
    }
}
END_TEST

/* SIPW_PARSE_LENIENT: a quoted message-qop in credentials or
 * Authentication-Info is a warning; in a challenge it is no warning
 * (qop-options is quoted). */
START_TEST(message_lenient)
{
    static const char in[] =
        REQ_HEAD
        "Authorization: Digest username=\"bob\", realm=\"a\", qop=auth, "
        "nc=00000001, cnonce=\"c\"\r\n"
        "Proxy-Authorization: Digest username=\"bob\", realm=\"b\", "
        "qop=\"auth\"\r\n"
        "Content-Length: 0\r\n\r\n";
    static const char challenge[] =
        RESP_HEAD "WWW-Authenticate: Digest realm=\"a\", qop=\"auth\"\r\n"
                  "Authentication-Info: qop=auth-int\r\n"
                  "Content-Length: 0\r\n\r\n";
    sipw_msg m;
    sipw_error err;

    ck_assert_int_eq(parse_msg(in, 0, &m, &err), SIPW_EVALUE);
    ck_assert_uint_eq(err.line, 9);
    ck_assert_uint_eq(err.column, 60);
    ck_assert_int_eq(parse_msg(in, SIPW_PARSE_LENIENT, &m, &err), SIPW_OK);
    ck_assert_uint_eq(m.warnings, 1u << SIPW_WARN_QUOTED_QOP);
    ck_assert_slice(m.authorization->qop, "auth");
    ck_assert_uint_eq(m.authorization->quoted & SIPW_AUTHP_QOP, 0);
    ck_assert_slice(m.proxy_authorization->qop, "auth");
    ck_assert_uint_eq(m.proxy_authorization->quoted & SIPW_AUTHP_QOP,
                      SIPW_AUTHP_QOP);
    ck_assert_ptr_nonnull(sipw_warning_name(SIPW_WARN_QUOTED_QOP));
    /* the relaxation's own bit does the same as the mask holding it */
    ck_assert_uint_eq(SIPW_PARSE_LENIENT & SIPW_PARSE_ALLOW_QUOTED_QOP,
                      SIPW_PARSE_ALLOW_QUOTED_QOP);
    ck_assert_int_eq(parse_msg(in, SIPW_PARSE_ALLOW_QUOTED_QOP, &m, &err),
                     SIPW_OK);
    ck_assert_uint_eq(m.warnings, 1u << SIPW_WARN_QUOTED_QOP);
    /* a quoted qop in a challenge is no warning, lenient or not */
    ck_assert_int_eq(parse_msg(challenge, SIPW_PARSE_LENIENT, &m, &err),
                     SIPW_OK);
    ck_assert_uint_eq(m.warnings, 0);
    ck_assert_slice(m.authentication_info->qop, "auth-int");
    ck_assert_int_eq(parse_msg(challenge, 0, &m, &err), SIPW_OK);
    ck_assert_uint_eq(m.warnings, 0);
}
END_TEST

/* A lazy parse fills the lists on demand, with the same values. */
START_TEST(message_lazy)
{
    static const char in[] =
        RESP_HEAD "WWW-Authenticate: Digest realm=\"a\", Basic realm=\"b\"\r\n"
                  "WWW-Authenticate: Digest realm=\"c\"\r\n"
                  "Content-Length: 0\r\n\r\n";
    static unsigned char mem[1 << 16];
    sipw_arena ar;
    sipw_msg m;
    sipw_error err;

    sipw_arena_init(&ar, mem, sizeof mem);
    ck_assert_int_eq(sipw_msg_parse(&m, in, sizeof in - 1, SIPW_PARSE_LAZY,
                                    &ar, &err),
                     SIPW_OK);
    ck_assert_ptr_null(m.www_authenticate);
    ck_assert_int_eq(sipw_msg_typed(&m, SIPW_HDR_WWW_AUTHENTICATE, &ar, &err),
                     SIPW_OK);
    ck_assert_slice(m.www_authenticate->realm, "a");
    ck_assert_slice(m.www_authenticate->next->scheme, "Basic");
    ck_assert_slice(m.www_authenticate->next->next->realm, "c");
    ck_assert_ptr_null(m.www_authenticate->next->next->next);
}
END_TEST

/* 5,000 challenges on one line and 8,000 parameters in one: linear, and a
 * duplicate at the very end is still found. */
START_TEST(many_values_linear)
{
    static const char one[] = "Digest realm=\"r\", nonce=\"n\", ";
    size_t n = 5000, k, len = 0, size = n * sizeof(sipw_auth) + 64;
    char *buf = malloc(n * (sizeof one - 1) + 64);
    unsigned char *mem = malloc(size);
    const sipw_auth *a;
    sipw_arena ar;
    sipw_error err;

    ck_assert_ptr_nonnull(buf);
    ck_assert_ptr_nonnull(mem);
    for (k = 0; k < n; k++) {
        memcpy(buf + len, one, sizeof one - 1);
        len += sizeof one - 1;
    }
    len -= 2; /* no final ", " */
    sipw_arena_init(&ar, mem, size);
    ck_assert_int_eq(sipw_auth_parse(&a, buf, len, CH, &ar, &err), SIPW_OK);
    for (k = 0; a; a = a->next, k++)
        ck_assert_ptr_eq(a->scheme.p, buf + k * (sizeof one - 1));
    ck_assert_uint_eq(k, n);
    /* with the "," back: an error at the very end, arena given back */
    sipw_arena_reset(&ar);
    ck_assert_int_eq(sipw_auth_parse(&a, buf, len + 1, CH, &ar, &err),
                     SIPW_EVALUE);
    ck_assert_uint_eq(err.offset, len + 1);
    ck_assert_uint_eq(sipw_arena_used(&ar), 0);
    free(buf);
    free(mem);
}
END_TEST

/* Parameter names match ASCII case-insensitively, and only exactly: each
 * picked-out name in every case mix repeats into SIPW_EDUP, and names one
 * byte longer, shorter or different are other auth-params, which may
 * repeat. */
START_TEST(param_names_any_case)
{
    static const struct {
        const char *name, *value;
    } names[] = {
        {"realm", "\"r\""}, {"domain", "\"/\""}, {"nonce", "\"n\""},
        {"opaque", "\"o\""}, {"stale", "true"}, {"algorithm", "MD5"},
        {"username", "\"u\""}, {"userhash", "false"}, {"uri", "\"/\""},
        {"response", "\"0\""}, {"cnonce", "\"c\""}, {"nc", "00000001"},
        {"charset", "UTF-8"}, {"nextnonce", "\"n\""}, {"rspauth", "\"0\""},
        {"qop", "auth"}, {"username*", "UTF-8''u"},
    };
    char in[256], a[16], b[16];
    size_t i, k, n;
    unsigned mix;
    sipw_arena ar;
    const sipw_auth *first;
    sipw_status st;

    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        n = strlen(names[i].name);
        for (mix = 0; mix < 8; mix++) {
            for (k = 0; k < n; k++) {
                char c = names[i].name[k];
                int up = (int)((mix + k) % 3 == 0);
                a[k] = up && c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
                b[k] = !up && c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
            }
            a[n] = b[n] = 0;
            snprintf(in, sizeof in, "Digest %s=%s, %s=%s", a,
                     names[i].value, b, names[i].value);
            sipw_arena_init(&ar, arena_mem, sizeof arena_mem);
            st = sipw_auth_parse(&first, in, strlen(in),
                                 SIPW_AUTH_CREDENTIALS, &ar, NULL);
            ck_assert_msg(st == SIPW_EDUP, "%s: %s", in, sipw_status_name(st));
        }
        /* Near misses: an extra byte, a missing byte, a changed byte. */
        snprintf(in, sizeof in, "Digest %sx=%s, %sx=%s", names[i].name,
                 names[i].value, names[i].name, names[i].value);
        sipw_arena_init(&ar, arena_mem, sizeof arena_mem);
        st = sipw_auth_parse(&first, in, strlen(in), SIPW_AUTH_CREDENTIALS,
                             &ar, NULL);
        ck_assert_msg(st == SIPW_OK, "%s: %s", in, sipw_status_name(st));
        ck_assert_uint_eq(first->quoted, 0);
        if (n > 2 && names[i].name[n - 1] != '*') {
            snprintf(in, sizeof in, "Digest %.*s=%s, %.*s=%s", (int)(n - 1),
                     names[i].name, names[i].value, (int)(n - 1),
                     names[i].name, names[i].value);
            sipw_arena_init(&ar, arena_mem, sizeof arena_mem);
            st = sipw_auth_parse(&first, in, strlen(in),
                                 SIPW_AUTH_CREDENTIALS, &ar, NULL);
            ck_assert_msg(st == SIPW_OK, "%s: %s", in, sipw_status_name(st));
        }
        memcpy(a, names[i].name, n + 1);
        a[n / 2] = a[n / 2] == '~' ? '-' : '~';
        snprintf(in, sizeof in, "Digest %s=%s, %s=%s", a, names[i].value, a,
                 names[i].value);
        sipw_arena_init(&ar, arena_mem, sizeof arena_mem);
        st = sipw_auth_parse(&first, in, strlen(in), SIPW_AUTH_CREDENTIALS,
                             &ar, NULL);
        ck_assert_msg(st == SIPW_OK, "%s: %s", in, sipw_status_name(st));
    }
}
END_TEST

START_TEST(many_params_linear)
{
    size_t n = 8000, k, len;
    char *buf = malloc(32 + n * 8 + 32);
    const sipw_auth *a;
    sipw_arena ar;
    sipw_error err;

    ck_assert_ptr_nonnull(buf);
    memcpy(buf, "Digest realm=\"r\"", 16);
    len = 16;
    for (k = 0; k < n; k++) {
        memcpy(buf + len, k % 2 ? ", x=y" : ",x=\"\"", 5);
        len += 5;
    }
    memcpy(buf + len, ", nonce=\"end\"", 13);
    len += 13;
    sipw_arena_init(&ar, arena_mem, sizeof arena_mem);
    ck_assert_int_eq(sipw_auth_parse(&a, buf, len, CH, &ar, &err), SIPW_OK);
    ck_assert_slice(a->nonce, "end");
    ck_assert_ptr_eq(a->params.p, buf + 7);
    ck_assert_uint_eq(a->params.len, len - 7);
    memcpy(buf + len, ",REALM=x", 8);
    ck_assert_int_eq(sipw_auth_parse(&a, buf, len + 8, CH, &ar, &err),
                     SIPW_EDUP);
    ck_assert_uint_eq(err.offset, len + 1);
    free(buf);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("auth");
    TCase *tc = tcase_create("auth");
    int nv = (int)(sizeof valid / sizeof valid[0]);
    int ni = (int)(sizeof invalid / sizeof invalid[0]);
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, valid_table, 0, nv);
    tcase_add_loop_test(tc, valid_guard_every_cut, 0, nv);
    tcase_add_loop_test(tc, arena_every_size, 0, nv);
    tcase_add_loop_test(tc, invalid_table, 0, ni);
    tcase_add_loop_test(tc, invalid_guard_every_cut, 0, ni);
    tcase_add_test(tc, value_limits);
    tcase_add_test(tc, arguments);
    tcase_add_test(tc, enomem_second_value);
    tcase_add_test(tc, params_walk);
    tcase_add_test(tc, params_walk_any_text);
    tcase_add_test(tc, message_lists);
    tcase_add_test(tc, message_credentials);
    tcase_add_test(tc, message_errors);
    tcase_add_test(tc, message_lenient);
    tcase_add_test(tc, message_lazy);
    tcase_add_test(tc, many_values_linear);
    tcase_add_test(tc, many_params_linear);
    tcase_add_test(tc, param_names_any_case);
    suite_add_tcase(s, tc);
    return tu_run(s);
}
