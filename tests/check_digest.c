/* SPDX-License-Identifier: MIT */
/* sipwire tests: Digest authentication (digest.h): known answers from RFC
 * 2069 §2.4, RFC 2617 §3.5 and RFC 7616 §3.9.1, our own vectors for
 * SHA-512-256, -sess, auth-int, userhash and username*, the client and
 * server sides against each other, and every bad input the API refuses.
 *
 * Vectors marked "computed" were obtained outside sipwire, twice: with
 * `openssl dgst -md5 | -sha256 | -sha512-256 -r` in a shell, one hash per
 * step (HA1, HA2, the body, the response), and with Python's hashlib;
 * both gave the same hex. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

static sipw_str S(const char *s)
{
    sipw_str r;
    r.p = s;
    r.len = s ? strlen(s) : 0;
    return r;
}

/* A challenge or credentials built by hand: each field is the slice a
 * parser gives (quoted values without quotes, escapes kept); NULL is
 * absent. */
struct fields {
    const char *realm, *nonce, *opaque, *algorithm, *qop, *username,
        *username_star, *userhash, *uri, *response, *cnonce, *nc;
};

static sipw_auth make_auth(const struct fields *f)
{
    sipw_auth a;
    memset(&a, 0, sizeof a);
    a.scheme = S("Digest");
    a.digest = 1;
    a.stale = -1;
    a.realm = S(f->realm);
    a.nonce = S(f->nonce);
    a.opaque = S(f->opaque);
    a.algorithm = S(f->algorithm);
    a.qop = S(f->qop);
    a.username = S(f->username);
    a.username_star = S(f->username_star);
    a.userhash = S(f->userhash);
    a.uri = S(f->uri);
    a.response = S(f->response);
    a.cnonce = S(f->cnonce);
    a.nc = S(f->nc);
    return a;
}

static char out[4096];
static size_t out_len;

/* sipw_digest_respond() into `out`; checks the snprintf contract against
 * every smaller buffer on the way. */
static sipw_status respond(const sipw_auth *ch, const sipw_digest_client *in,
                           sipw_error *err)
{
    sipw_status st;
    size_t len = 12345, cap, len2;
    char small[4096];

    memset(err, 0, sizeof *err);
    st = sipw_digest_respond(ch, in, out, sizeof out, &len, err);
    out_len = len;
    if (st != SIPW_OK) {
        ck_assert_int_eq(err->status, st);
        ck_assert_ptr_nonnull(err->reason);
        ck_assert_str_eq(out, "");
        return st;
    }
    ck_assert_uint_eq(strlen(out), len);
    for (cap = 0; cap <= len; cap++) {
        sipw_error e2;
        memset(small, 'x', sizeof small);
        len2 = 0;
        ck_assert_int_eq(
            sipw_digest_respond(ch, in, cap ? small : NULL, cap, &len2, &e2),
            SIPW_ENOMEM);
        ck_assert_uint_eq(len2, len);
        ck_assert_int_eq(e2.status, SIPW_ENOMEM);
        if (cap > 0)
            ck_assert_int_eq(small[0], '\0');
        ck_assert_int_eq(small[cap], 'x'); /* nothing written past cap */
    }
    memset(small, 'x', sizeof small);
    ck_assert_int_eq(sipw_digest_respond(ch, in, small, len + 1, NULL, NULL),
                     SIPW_OK);
    ck_assert_mem_eq(small, out, len + 1);
    return st;
}

/* err says st, about the parameter `param` (NULL: none), with a reason
 * and no position. */
static void err_is(const sipw_error *err, sipw_status st, const char *param,
                   int line)
{
    ck_assert_msg(err->status == st, "line %d: status %s, want %s", line,
                  sipw_status_name(err->status), sipw_status_name(st));
    ck_assert_msg(err->reason && strlen(err->reason) > 5, "line %d", line);
    if (!param)
        ck_assert_msg(err->header.p == NULL && err->header.len == 0,
                      "line %d: param '%.*s', want none", line,
                      (int)err->header.len, err->header.p ? err->header.p : "");
    else
        ck_assert_msg(err->header.p && err->header.len == strlen(param) &&
                          memcmp(err->header.p, param, err->header.len) == 0,
                      "line %d: param '%.*s', want '%s'", line,
                      (int)err->header.len,
                      err->header.p ? err->header.p : "(null)", param);
    ck_assert_uint_eq(err->offset, SIPW_NO_OFFSET);
    ck_assert_uint_eq(err->line, 0);
    ck_assert_uint_eq(err->column, 0);
    ck_assert_uint_eq(err->header_index, SIPW_NO_INDEX);
}
#define ck_assert_err(err, st, param) err_is(&(err), (st), (param), __LINE__)

/* --- algorithms and HA1 ------------------------------------------------ */

START_TEST(algorithm_names)
{
    static const struct {
        const char *name;
        sipw_status st;
        sipw_digest_alg alg;
    } rows[] = {
        {"MD5", SIPW_OK, SIPW_DIGEST_MD5},
        {"md5", SIPW_OK, SIPW_DIGEST_MD5},
        {"MD5-sess", SIPW_OK, SIPW_DIGEST_MD5_SESS},
        {"MD5-SESS", SIPW_OK, SIPW_DIGEST_MD5_SESS},
        {"SHA-256", SIPW_OK, SIPW_DIGEST_SHA256},
        {"sha-256-Sess", SIPW_OK, SIPW_DIGEST_SHA256_SESS},
        {"SHA-512-256", SIPW_OK, SIPW_DIGEST_SHA512_256},
        {"SHA-512-256-sess", SIPW_OK, SIPW_DIGEST_SHA512_256_SESS},
        {"SHA-1", SIPW_EUNSUPPORTED, 0},
        {"SHA-512", SIPW_EUNSUPPORTED, 0},
        {"SHA-512/256", SIPW_EUNSUPPORTED, 0},
        {"SHA256", SIPW_EUNSUPPORTED, 0},
        {"MD5-ses", SIPW_EUNSUPPORTED, 0},
        {"MD5 ", SIPW_EUNSUPPORTED, 0},
        {"", SIPW_EUNSUPPORTED, 0},
        {"AKAv1-MD5", SIPW_EUNSUPPORTED, 0},
    };
    size_t i;
    sipw_digest_alg alg;

    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        alg = sipw_digest_alg_lookup(S(rows[i].name));
        if (rows[i].st == SIPW_OK)
            ck_assert_int_eq(alg, rows[i].alg);
        else
            ck_assert_int_eq(alg, SIPW_DIGEST_UNKNOWN);
    }
    /* Absent: MD5 (RFC 7616 §3.3). */
    ck_assert_int_eq(sipw_digest_alg_lookup(S(NULL)), SIPW_DIGEST_MD5);
    ck_assert_ptr_null(sipw_digest_alg_name(SIPW_DIGEST_UNKNOWN));
    ck_assert_uint_eq(sipw_digest_hex_len(SIPW_DIGEST_UNKNOWN), 0);

    ck_assert_str_eq(sipw_digest_alg_name(SIPW_DIGEST_MD5), "MD5");
    ck_assert_str_eq(sipw_digest_alg_name(SIPW_DIGEST_MD5_SESS), "MD5-sess");
    ck_assert_str_eq(sipw_digest_alg_name(SIPW_DIGEST_SHA256), "SHA-256");
    ck_assert_str_eq(sipw_digest_alg_name(SIPW_DIGEST_SHA256_SESS),
                     "SHA-256-sess");
    ck_assert_str_eq(sipw_digest_alg_name(SIPW_DIGEST_SHA512_256),
                     "SHA-512-256");
    ck_assert_str_eq(sipw_digest_alg_name(SIPW_DIGEST_SHA512_256_SESS),
                     "SHA-512-256-sess");
    ck_assert_ptr_null(sipw_digest_alg_name(SIPW_DIGEST__COUNT));
    ck_assert_ptr_null(sipw_digest_alg_name((sipw_digest_alg)-1));
    ck_assert_uint_eq(sipw_digest_hex_len(SIPW_DIGEST_MD5), 32);
    ck_assert_uint_eq(sipw_digest_hex_len(SIPW_DIGEST_MD5_SESS), 32);
    ck_assert_uint_eq(sipw_digest_hex_len(SIPW_DIGEST_SHA256), 64);
    ck_assert_uint_eq(sipw_digest_hex_len(SIPW_DIGEST_SHA512_256_SESS), 64);
    ck_assert_uint_eq(sipw_digest_hex_len(SIPW_DIGEST__COUNT), 0);
    /* Every name round-trips. */
    for (i = 0; i < SIPW_DIGEST__COUNT; i++) {
        alg = sipw_digest_alg_lookup(
            S(sipw_digest_alg_name((sipw_digest_alg)i)));
        ck_assert_int_eq(alg, (sipw_digest_alg)i);
    }
}
END_TEST

START_TEST(ha1_values)
{
    char hex[SIPW_DIGEST_HEX_MAX + 1];
    sipw_error err;

    /* RFC 2617 §3.5's user: H(A1) is quoted in countless write-ups, and
     * computed here: printf 'Mufasa:testrealm@host.com:Circle Of Life' |
     * openssl dgst -md5 */
    ck_assert_int_eq(sipw_digest_ha1(SIPW_DIGEST_MD5, S("Mufasa"),
                                     S("testrealm@host.com"),
                                     S("Circle Of Life"), hex, &err),
                     SIPW_OK);
    ck_assert_str_eq(hex, "939e7578ed9e3c518a452acee763bce9");
    /* -sess stores the same HA1 */
    ck_assert_int_eq(sipw_digest_ha1(SIPW_DIGEST_MD5_SESS, S("Mufasa"),
                                     S("testrealm@host.com"),
                                     S("Circle Of Life"), hex, &err),
                     SIPW_OK);
    ck_assert_str_eq(hex, "939e7578ed9e3c518a452acee763bce9");
    /* computed: printf 'bob:biloxi.com:zanzibar' | openssl dgst -X */
    ck_assert_int_eq(sipw_digest_ha1(SIPW_DIGEST_SHA256, S("bob"),
                                     S("biloxi.com"), S("zanzibar"), hex, NULL),
                     SIPW_OK);
    ck_assert_str_eq(
        hex,
        "e65db393e748c5228939a6b4b2879e9ea5625cd79fd5267868cb568d69f6b97e");
    ck_assert_int_eq(sipw_digest_ha1(SIPW_DIGEST_SHA512_256, S("bob"),
                                     S("biloxi.com"), S("zanzibar"), hex, NULL),
                     SIPW_OK);
    ck_assert_str_eq(
        hex,
        "a969680ab364e333ec5c93ff823d570a79841c8d40270655dd42f37b755dfc38");
    /* computed: printf '' | openssl dgst -sha512-256 is the hash of "";
     * "::" is the three empty fields: printf '::' | openssl dgst -md5 */
    ck_assert_int_eq(
        sipw_digest_ha1(SIPW_DIGEST_MD5, S(NULL), S(""), S(NULL), hex, NULL),
        SIPW_OK);
    ck_assert_str_eq(hex, "4501c091b0366d76ea3218b6cfdd8097");

    /* Bad arguments. */
    ck_assert_int_eq(
        sipw_digest_ha1(SIPW_DIGEST__COUNT, S("a"), S("b"), S("c"), hex, &err),
        SIPW_EINVAL);
    ck_assert_err(err, SIPW_EINVAL, NULL);
    ck_assert_str_eq(hex, "");
    ck_assert_int_eq(
        sipw_digest_ha1(SIPW_DIGEST_MD5, S("a"), S("b"), S("c"), NULL, &err),
        SIPW_EINVAL);
    {
        sipw_str bad = {NULL, 3};
        ck_assert_int_eq(
            sipw_digest_ha1(SIPW_DIGEST_MD5, bad, S("b"), S("c"), hex, NULL),
            SIPW_EINVAL);
    }
}
END_TEST

/* --- known answers: client side ---------------------------------------- */

/* RFC 2617 §3.5: the challenge, and the response for "Circle Of Life". */
static const struct fields rfc2617_challenge = {
    .realm = "testrealm@host.com",
    .qop = "auth,auth-int",
    .nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093",
    .opaque = "5ccc069c403ebaf9f0171e9517f40e41",
};

static sipw_digest_client client(const char *user, const char *pass,
                                 const char *method, const char *uri,
                                 const char *cnonce, uint32_t nc)
{
    sipw_digest_client c;
    memset(&c, 0, sizeof c);
    c.username = S(user);
    c.password = S(pass);
    c.method = S(method);
    c.uri = S(uri);
    c.cnonce = S(cnonce);
    c.nc = nc;
    return c;
}

START_TEST(rfc2617_client)
{
    sipw_auth ch = make_auth(&rfc2617_challenge);
    sipw_digest_client c = client("Mufasa", "Circle Of Life", "GET",
                                  "/dir/index.html", "0a4f113b", 1);
    sipw_error err;

    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_OK);
    ck_assert_str_eq(out, "Digest username=\"Mufasa\", "
                          "realm=\"testrealm@host.com\", "
                          "uri=\"/dir/index.html\", algorithm=MD5, "
                          "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", "
                          "nc=00000001, cnonce=\"0a4f113b\", qop=auth, "
                          "response=\"6629fae49393a05397450978507c4ef1\", "
                          "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
    /* nc 0 counts as 1 */
    c.nc = 0;
    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_OK);
    ck_assert_ptr_nonnull(strstr(out, "6629fae49393a05397450978507c4ef1"));
    /* From the stored HA1 instead of the password, in either case. */
    c.password = S(NULL);
    c.ha1 = S("939E7578ED9E3C518A452ACEE763BCE9");
    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_OK);
    ck_assert_ptr_nonnull(strstr(out, "6629fae49393a05397450978507c4ef1"));
}
END_TEST

/* RFC 7616 §3.9.1: the same request answered with SHA-256 and MD5. */
START_TEST(rfc7616_client)
{
    struct fields f = {
        .realm = "http-auth@example.org",
        .qop = "auth, auth-int",
        .algorithm = "SHA-256",
        .nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
        .opaque = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS",
    };
    sipw_auth ch = make_auth(&f);
    sipw_digest_client c =
        client("Mufasa", "Circle of Life", "GET", "/dir/index.html",
               "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", 1);
    sipw_error err;

    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_OK);
    ck_assert_str_eq(
        out, "Digest username=\"Mufasa\", realm=\"http-auth@example.org\", "
             "uri=\"/dir/index.html\", algorithm=SHA-256, "
             "nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", "
             "nc=00000001, "
             "cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\", "
             "qop=auth, response=\"753927fa0e85d155564e2e272a28d1802ca10daf"
             "4496794697cf8db5856cb6c1\", "
             "opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"");

    f.algorithm = "MD5";
    ch = make_auth(&f);
    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_OK);
    ck_assert_str_eq(
        out, "Digest username=\"Mufasa\", realm=\"http-auth@example.org\", "
             "uri=\"/dir/index.html\", algorithm=MD5, "
             "nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", "
             "nc=00000001, "
             "cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\", "
             "qop=auth, response=\"8ca523f5e9506fed4657c9700eebdbec\", "
             "opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"");
}
END_TEST

/* RFC 2069 §2.4: no qop, no cnonce, no nc. */
START_TEST(rfc2069_client)
{
    struct fields f = {
        .realm = "testrealm@host.com",
        .nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093",
        .opaque = "5ccc069c403ebaf9f0171e9517f40e41",
    };
    sipw_auth ch = make_auth(&f);
    sipw_digest_client c = client("Mufasa", "CircleOfLife", "GET",
                                  "/dir/index.html", "ignored", 7);
    sipw_error err;

    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_OK);
    ck_assert_str_eq(out, "Digest username=\"Mufasa\", "
                          "realm=\"testrealm@host.com\", "
                          "uri=\"/dir/index.html\", algorithm=MD5, "
                          "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", "
                          "response=\"1949323746fe6a43ef61f9606e7febea\", "
                          "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
    /* Without qop the cnonce is not needed. */
    c.cnonce = S(NULL);
    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_OK);
    ck_assert_ptr_nonnull(strstr(out, "1949323746fe6a43ef61f9606e7febea"));
}
END_TEST

/* SHA-512-256 with userhash and a UTF-8 username (inputs after RFC 7616
 * §3.9.2). Computed (see the top of the file):
 *   userhash  = H("J\xc3\xa4s\xc3\xb8n Doe:api@example.org")
 *   response  = H(H(user:realm:"Secret, or not?"):nonce:00000001:cnonce:
 *                 auth:H("GET:/doc/index.html")) */
#define JASON "J\xc3\xa4s\xc3\xb8n Doe"
#define JASON_HASH                                                             \
    "793263caabb707a56211940d90411ea4a575adeccb7e360aeb624ed06ece9b0b"
#define JASON_RESPONSE                                                         \
    "93308f41873a77f41ea3d87886878276f1a92271362e72275c3d3a38cf9f5fd6"
static const struct fields jason_challenge = {
    .realm = "api@example.org",
    .qop = "auth",
    .algorithm = "SHA-512-256",
    .nonce = "5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK",
    .opaque = "HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS",
    .userhash = "true",
};

START_TEST(sha512_256_userhash_client)
{
    sipw_auth ch = make_auth(&jason_challenge);
    sipw_digest_client c =
        client(JASON, "Secret, or not?", "GET", "/doc/index.html",
               "NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v", 1);
    sipw_error err;

    c.userhash = 1;
    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_OK);
    ck_assert_str_eq(
        out, "Digest username=\"" JASON_HASH "\", realm=\"api@example.org\", "
             "uri=\"/doc/index.html\", algorithm=SHA-512-256, "
             "nonce=\"5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK\", "
             "nc=00000001, "
             "cnonce=\"NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v\", "
             "qop=auth, response=\"" JASON_RESPONSE "\", "
             "opaque=\"HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS\", "
             "userhash=true");

    /* Without userhash the name goes in username* (RFC 8187), and the
     * response is the same: it hashes the name itself. */
    c.userhash = 0;
    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_OK);
    ck_assert_str_eq(out,
                     "Digest username*=UTF-8''J%C3%A4s%C3%B8n%20Doe, "
                     "realm=\"api@example.org\", "
                     "uri=\"/doc/index.html\", algorithm=SHA-512-256, "
                     "nonce=\"5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK\", "
                     "nc=00000001, "
                     "cnonce=\"NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v\", "
                     "qop=auth, response=\"" JASON_RESPONSE "\", "
                     "opaque=\"HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS\"");

    /* userhash asked for, but the challenge does not offer it. */
    {
        struct fields f = jason_challenge;
        f.userhash = "false";
        ch = make_auth(&f);
        c.userhash = 1;
        ck_assert_int_eq(respond(&ch, &c, &err), SIPW_OK);
        ck_assert_ptr_nonnull(strstr(out, "username*=UTF-8''J%C3%A4s"));
        ck_assert_ptr_null(strstr(out, "userhash"));
    }
}
END_TEST

/* The -sess variants: HA1 = H(H(user:realm:pass):nonce:cnonce). Computed,
 * for bob / biloxi.com / zanzibar, REGISTER sip:biloxi.com, nonce
 * dcd98b7102dd2f0e8b11d0f600bfb0c093, cnonce 0a4f113b, nc 1, qop auth. */
static const struct {
    const char *alg, *response;
} sess_rows[] = {
    {"MD5-sess", "d20652dbd76d31d860900c50052719f5"},
    {"SHA-256-sess",
     "c7a3482824c9edb1f43c541a2b65b28ac79600c0718ae1c33ad53facdeb09577"},
    {"SHA-512-256-sess",
     "d4d982175dbbf48bfe8ada69e6a51f82c872e88fe8ff37627b13b15108fba843"},
    /* and without -sess, for contrast */
    {"MD5", "9e2d1006810044fd79f39476209ae31a"},
    {"SHA-256",
     "93e0e23c30bf2e3b139a3410a7edc9a5b15b1cfd8fd557ca8ee303e4372339a1"},
    {"SHA-512-256",
     "4bf969d821d66b375c5b96ab92a04ea44a9f7a2a259b9351753b177ccd0cd062"},
};

START_TEST(sess_client)
{
    struct fields f = {
        .realm = "biloxi.com",
        .qop = "auth",
        .nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093",
    };
    sipw_auth ch;
    sipw_digest_client c =
        client("bob", "zanzibar", "REGISTER", "sip:biloxi.com", "0a4f113b", 1);
    sipw_error err;
    char want[512];

    f.algorithm = sess_rows[_i].alg;
    ch = make_auth(&f);
    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_OK);
    snprintf(want, sizeof want,
             "Digest username=\"bob\", realm=\"biloxi.com\", "
             "uri=\"sip:biloxi.com\", algorithm=%s, "
             "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", nc=00000001, "
             "cnonce=\"0a4f113b\", qop=auth, response=\"%s\"",
             sess_rows[_i].alg, sess_rows[_i].response);
    ck_assert_str_eq(out, want);

    /* A -sess challenge without qop cannot be answered: no cnonce. */
    f.qop = NULL;
    ch = make_auth(&f);
    if (strstr(sess_rows[_i].alg, "-sess")) {
        ck_assert_int_eq(respond(&ch, &c, &err), SIPW_EPARAM);
        ck_assert_err(err, SIPW_EPARAM, "qop");
    } else {
        ck_assert_int_eq(respond(&ch, &c, &err), SIPW_OK);
    }
}
END_TEST

/* auth-int hashes the body. Computed: body hash = printf 'v=0\r\no=bob
 * 2890844527 2890844527 IN IP4 192.0.2.4\r\n' | openssl dgst -md5 =
 * 1cf2745ec1757c77adbe7c787b68bad1, HA2 = H("INVITE:sip:bob@biloxi.com:"
 * body-hash), response = H(HA1:nonce:00000001:0a4f113b:auth-int:HA2). */
#define SDP "v=0\r\no=bob 2890844527 2890844527 IN IP4 192.0.2.4\r\n"
START_TEST(auth_int_client)
{
    struct fields f = {
        .realm = "biloxi.com",
        .qop = "auth-int",
        .nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093",
    };
    sipw_auth ch = make_auth(&f);
    sipw_digest_client c = client("bob", "zanzibar", "INVITE",
                                  "sip:bob@biloxi.com", "0a4f113b", 1);
    sipw_error err;

    /* No body given: a clear error, not the hash of "". */
    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_EINVAL);
    ck_assert_err(err, SIPW_EINVAL, "qop");

    c.body = S(SDP);
    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_OK);
    ck_assert_str_eq(out, "Digest username=\"bob\", realm=\"biloxi.com\", "
                          "uri=\"sip:bob@biloxi.com\", algorithm=MD5, "
                          "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", "
                          "nc=00000001, cnonce=\"0a4f113b\", qop=auth-int, "
                          "response=\"512c2c3cccfc0981ac16e1c7446796a5\"");

    /* An empty body hashes "". Computed with SHA-256, nc 2: body hash =
     * printf '' | openssl dgst -sha256. */
    f.algorithm = "SHA-256";
    ch = make_auth(&f);
    c.body = S("");
    c.nc = 2;
    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_OK);
    ck_assert_ptr_nonnull(strstr(
        out, "nc=00000002, cnonce=\"0a4f113b\", qop=auth-int, "
             "response=\"4a9b8d43de2b8d5dcb547e1d1c6e6ce5489f12e68b0185c561dc"
             "e07418f0c8aa\""));

    /* "auth,auth-int" offered: AUTO takes auth; asked, auth-int. */
    f.qop = "auth,auth-int";
    f.algorithm = NULL;
    ch = make_auth(&f);
    c.body = S(SDP);
    c.nc = 1;
    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_OK);
    ck_assert_ptr_nonnull(strstr(out, "qop=auth,"));
    c.qop = SIPW_DIGEST_QOP_AUTH_INT;
    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_OK);
    ck_assert_ptr_nonnull(strstr(
        out, "qop=auth-int, response=\"512c2c3cccfc0981ac16e1c7446796a5\""));
}
END_TEST

/* --- the client's choices and refusals -------------------------------- */

START_TEST(client_qop_choice)
{
    static const struct {
        const char *offered; /* the challenge's qop, NULL: none */
        sipw_digest_qop want;
        sipw_status st;
        const char *written; /* qop written, "" none */
    } rows[] = {
        {NULL, SIPW_DIGEST_QOP_AUTO, SIPW_OK, ""},
        {NULL, SIPW_DIGEST_QOP_NONE, SIPW_OK, ""},
        {NULL, SIPW_DIGEST_QOP_AUTH, SIPW_EUNSUPPORTED, NULL},
        {NULL, SIPW_DIGEST_QOP_AUTH_INT, SIPW_EUNSUPPORTED, NULL},
        {"auth", SIPW_DIGEST_QOP_AUTO, SIPW_OK, "auth"},
        {"auth", SIPW_DIGEST_QOP_NONE, SIPW_EUNSUPPORTED, NULL},
        {"auth", SIPW_DIGEST_QOP_AUTH_INT, SIPW_EUNSUPPORTED, NULL},
        {"auth-int", SIPW_DIGEST_QOP_AUTO, SIPW_OK, "auth-int"},
        {"auth-int", SIPW_DIGEST_QOP_AUTH, SIPW_EUNSUPPORTED, NULL},
        {" AUTH-INT ,\tAuth ", SIPW_DIGEST_QOP_AUTO, SIPW_OK, "auth"},
        {"auth-conf,auth-int", SIPW_DIGEST_QOP_AUTO, SIPW_OK, "auth-int"},
        {"auth-conf", SIPW_DIGEST_QOP_AUTO, SIPW_EUNSUPPORTED, NULL},
        {"", SIPW_DIGEST_QOP_AUTO, SIPW_EUNSUPPORTED, NULL},
        {",,", SIPW_DIGEST_QOP_AUTO, SIPW_EUNSUPPORTED, NULL},
        {"authx", SIPW_DIGEST_QOP_AUTH, SIPW_EUNSUPPORTED, NULL},
        {"auth", (sipw_digest_qop)9, SIPW_EINVAL, NULL},
    };
    size_t i;
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct fields f = {.realm = "r", .nonce = "n", .qop = rows[i].offered};
        sipw_auth ch = make_auth(&f);
        sipw_digest_client c = client("u", "p", "INVITE", "sip:x", "c", 1);
        sipw_error err;
        c.qop = rows[i].want;
        c.body = S("");
        ck_assert_msg(respond(&ch, &c, &err) == rows[i].st, "row %zu", i);
        if (rows[i].st != SIPW_OK) {
            ck_assert_err(err, rows[i].st, "qop");
        } else if (rows[i].written[0]) {
            char want[64];
            snprintf(want, sizeof want, ", qop=%s, ", rows[i].written);
            ck_assert_msg(strstr(out, want) != NULL, "row %zu: %s", i, out);
        } else {
            ck_assert_msg(strstr(out, "qop") == NULL, "row %zu", i);
            ck_assert_msg(strstr(out, "cnonce") == NULL, "row %zu", i);
        }
    }
}
END_TEST

START_TEST(client_bad_input)
{
    struct fields f = rfc2617_challenge;
    sipw_auth ch;
    sipw_digest_client c;
    sipw_error err;
    static char big[SIPW_DIGEST_MAX_VALUE + 2];

    /* the challenge */
    f.realm = NULL;
    ch = make_auth(&f);
    c = client("Mufasa", "Circle Of Life", "GET", "/dir/index.html", "0a4f113b",
               1);
    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_EPARAM);
    ck_assert_err(err, SIPW_EPARAM, "realm");
    f = rfc2617_challenge;
    f.nonce = NULL;
    ch = make_auth(&f);
    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_EPARAM);
    ck_assert_err(err, SIPW_EPARAM, "nonce");
    /* A NUL (a quoted-pair may hold one) would cut the C string the
     * response is: refused like CR and LF (found by fuzz_digest). */
    f = rfc2617_challenge;
    ch = make_auth(&f);
    ch.nonce.p = "ab\0cd";
    ch.nonce.len = 5;
    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_EPARAM);
    ck_assert_err(err, SIPW_EPARAM, "nonce");
    f = rfc2617_challenge;
    f.algorithm = "SHA-1";
    ch = make_auth(&f);
    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_EUNSUPPORTED);
    ck_assert_err(err, SIPW_EUNSUPPORTED, "algorithm");
    f = rfc2617_challenge;
    ch = make_auth(&f);
    ch.digest = 0;
    ch.scheme = S("Basic");
    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_EUNSUPPORTED);
    ck_assert_err(err, SIPW_EUNSUPPORTED, NULL);

    /* Oversized nonce: SIPW_DIGEST_MAX_VALUE bytes pass, one more fails. */
    memset(big, 'a', sizeof big - 1);
    big[SIPW_DIGEST_MAX_VALUE] = '\0';
    f = rfc2617_challenge;
    f.nonce = big;
    ch = make_auth(&f);
    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_OK);
    big[SIPW_DIGEST_MAX_VALUE] = 'a';
    ch = make_auth(&f);
    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_ELIMIT);
    ck_assert_err(err, SIPW_ELIMIT, "nonce");
    f = rfc2617_challenge;
    f.opaque = big;
    ch = make_auth(&f);
    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_ELIMIT);
    ck_assert_err(err, SIPW_ELIMIT, "opaque");
    f = rfc2617_challenge;
    f.qop = big;
    ch = make_auth(&f);
    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_ELIMIT);
    ck_assert_err(err, SIPW_ELIMIT, "qop");
    /* The limit counts unquoted bytes: 1025 escaped pairs are 1025. */
    {
        static char esc[2 * SIPW_DIGEST_MAX_VALUE + 1];
        size_t i;
        for (i = 0; i < SIPW_DIGEST_MAX_VALUE; i++) {
            esc[2 * i] = '\\';
            esc[2 * i + 1] = 'x';
        }
        f = rfc2617_challenge;
        f.realm = esc;
        ch = make_auth(&f);
        ck_assert_int_eq(respond(&ch, &c, &err), SIPW_OK);
    }

    /* CR or LF would break the header line. */
    f = rfc2617_challenge;
    f.realm = "a\\\rb";
    ch = make_auth(&f);
    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_EPARAM);
    ck_assert_err(err, SIPW_EPARAM, "realm");
    f = rfc2617_challenge;
    ch = make_auth(&f);
    c.uri = S("sip:a\r\nVia: x");
    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_EPARAM);
    ck_assert_err(err, SIPW_EPARAM, "uri");
    c.uri = S("/dir/index.html");
    c.cnonce = S("a\nb");
    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_EPARAM);
    ck_assert_err(err, SIPW_EPARAM, "cnonce");

    /* The caller's side. */
    c = client("Mufasa", "Circle Of Life", "GET", "/dir/index.html", NULL, 1);
    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_EINVAL);
    ck_assert_err(err, SIPW_EINVAL, "cnonce");
    c.cnonce = S("0a4f113b");
    c.ha1 = S("939e7578ed9e3c518a452acee763bce9"); /* and a password */
    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_EINVAL);
    c.password = S(NULL);
    c.ha1 = S(NULL); /* neither */
    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_EINVAL);
    {
        static const char *const bad_ha1[] = {
            "939e7578ed9e3c518a452acee763bce",   /* 31 */
            "939e7578ed9e3c518a452acee763bce9a", /* 33 */
            "939e7578ed9e3c518a452acee763bceg",  /* not hex */
            "",
            "e65db393e748c5228939a6b4b2879e9ea5625cd79fd5267868cb568d69f6b97e",
        };
        size_t i;
        for (i = 0; i < sizeof bad_ha1 / sizeof bad_ha1[0]; i++) {
            c.ha1 = S(bad_ha1[i]);
            ck_assert_int_eq(respond(&ch, &c, &err), SIPW_EINVAL);
            ck_assert_err(err, SIPW_EINVAL, NULL);
        }
    }
    c = client("Mufasa", "Circle Of Life", "", "/dir/index.html", "x", 1);
    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_EINVAL);
    c = client("Mufasa", "Circle Of Life", "GET", "", "x", 1);
    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_EINVAL);
    ck_assert_err(err, SIPW_EINVAL, "uri");
    c = client("Mufasa", "Circle Of Life", "GET", "/", "x", 1);
    c.username.len = 5;
    c.username.p = NULL;
    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_EINVAL);
    c = client("Mufasa", "Circle Of Life", "GET", "/", "x", 1);
    ck_assert_int_eq(sipw_digest_respond(NULL, &c, out, sizeof out, NULL, &err),
                     SIPW_EINVAL);
    ck_assert_int_eq(
        sipw_digest_respond(&ch, NULL, out, sizeof out, NULL, NULL),
        SIPW_EINVAL);
    ck_assert_int_eq(sipw_digest_respond(&ch, &c, NULL, 10, NULL, NULL),
                     SIPW_EINVAL);
}
END_TEST

/* Values are unquoted for hashing and quoted again on output. */
START_TEST(client_quoting)
{
    struct fields f = {.realm = "a\\\"b\\\\c", .nonce = "n\\x", .qop = "auth"};
    sipw_auth ch = make_auth(&f);
    sipw_digest_client c = client("us\"er", "p", "GET", "sip:a\\b", "c\"n", 1);
    sipw_error err;
    static char want[sizeof out];
    char ha1[SIPW_DIGEST_HEX_MAX + 1];

    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_OK);
    ck_assert_ptr_nonnull(strstr(out,
                                 "username=\"us\\\"er\", realm=\"a\\\"b"
                                 "\\\\c\", uri=\"sip:a\\\\b\", "
                                 "algorithm=MD5, nonce=\"nx\", nc=00000001, "
                                 "cnonce=\"c\\\"n\""));
    /* The hash saw the unquoted realm: the HA1 route agrees. */
    ck_assert_int_eq(sipw_digest_ha1(SIPW_DIGEST_MD5, S("us\"er"), S("a\"b\\c"),
                                     S("p"), ha1, NULL),
                     SIPW_OK);
    memcpy(want, out, sizeof want);
    c.password = S(NULL);
    c.ha1 = S(ha1);
    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_OK);
    ck_assert_str_eq(out, want);

    /* Control bytes in a username: username*; in a realm: quoted-pair. */
    c = client("a\tb", "p", "GET", "/", "c", 1);
    f.realm = "x\\\x01y";
    ch = make_auth(&f);
    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_OK);
    ck_assert_ptr_nonnull(strstr(out, "username*=UTF-8''a%09b, "
                                      "realm=\"x\\\x01y\""));
}
END_TEST

/* --- the server -------------------------------------------------------- */

static const struct fields rfc2617_credentials = {
    .username = "Mufasa",
    .realm = "testrealm@host.com",
    .nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093",
    .uri = "/dir/index.html",
    .qop = "auth",
    .nc = "00000001",
    .cnonce = "0a4f113b",
    .response = "6629fae49393a05397450978507c4ef1",
    .opaque = "5ccc069c403ebaf9f0171e9517f40e41",
};

static sipw_digest_server server(const char *method, const char *pass)
{
    sipw_digest_server s;
    memset(&s, 0, sizeof s);
    s.method = S(method);
    s.password = S(pass);
    return s;
}

static sipw_status verify(const struct fields *f, const sipw_digest_server *s,
                          sipw_error *err)
{
    sipw_auth a = make_auth(f);
    memset(err, 0, sizeof *err);
    return sipw_digest_verify(&a, s, err);
}

START_TEST(rfc2617_server)
{
    struct fields f = rfc2617_credentials;
    sipw_digest_server s = server("GET", "Circle Of Life");
    sipw_error err;

    ck_assert_int_eq(verify(&f, &s, &err), SIPW_OK);
    /* with every expectation given */
    s.realm = S("testrealm@host.com");
    s.uri = S("/dir/index.html");
    s.username = S("Mufasa");
    s.algorithms = 1u << SIPW_DIGEST_MD5;
    s.qops = 1u << SIPW_DIGEST_QOP_AUTH;
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_OK);
    /* stored HA1, upper case */
    s.password = S(NULL);
    s.ha1 = S("939E7578ED9E3C518A452ACEE763BCE9");
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_OK);
    /* LHEX is the rule, but an upper-case response is the same number */
    f.response = "6629FAE49393A05397450978507C4EF1";
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_OK);

    /* wrong password, one digit of the response off, another method */
    f = rfc2617_credentials;
    s = server("GET", "Circle of Life");
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EAUTH);
    ck_assert_err(err, SIPW_EAUTH, "response");
    s = server("GET", "Circle Of Life");
    f.response = "6629fae49393a05397450978507c4ef0";
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EAUTH);
    ck_assert_err(err, SIPW_EAUTH, "response");
    f = rfc2617_credentials;
    s = server("POST", "Circle Of Life");
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EAUTH);
    /* the nonce count and cnonce are in the hash */
    s = server("GET", "Circle Of Life");
    f.nc = "00000002";
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EAUTH);
    f = rfc2617_credentials;
    f.cnonce = "0a4f113c";
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EAUTH);
    f = rfc2617_credentials;
    f.qop = "auth-int";
    s.body = S("");
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EAUTH);
    /* The qop is hashed as sent. Computed: MD5(HA1
     * ":dcd98b7102dd2f0e8b11d0f600bfb0c093:00000001:0a4f113b:AUTH:"
     * MD5("GET:/dir/index.html")) with openssl dgst -md5. */
    f = rfc2617_credentials;
    f.qop = "AUTH";
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EAUTH);
    f.response = "389109b310bc4cfc538ebec7701e34bd";
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_OK);
}
END_TEST

START_TEST(rfc7616_server)
{
    struct fields f = {
        .username = "Mufasa",
        .realm = "http-auth@example.org",
        .uri = "/dir/index.html",
        .algorithm = "SHA-256",
        .nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
        .nc = "00000001",
        .cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
        .qop = "auth",
        .response =
            "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
        .opaque = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS",
    };
    sipw_digest_server s = server("GET", "Circle of Life");
    sipw_error err;

    ck_assert_int_eq(verify(&f, &s, &err), SIPW_OK);
    /* The server offered SHA-256 only: a downgrade to MD5 is refused even
     * with the right MD5 response. */
    s.algorithms = 1u << SIPW_DIGEST_SHA256;
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_OK);
    f.algorithm = "MD5";
    f.response = "8ca523f5e9506fed4657c9700eebdbec";
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EAUTH);
    ck_assert_err(err, SIPW_EAUTH, "algorithm");
    s.algorithms = 0;
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_OK);
    /* The SHA-256 response under MD5 has the wrong length. */
    f.response =
        "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1";
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EPARAM);
    ck_assert_err(err, SIPW_EPARAM, "response");
}
END_TEST

START_TEST(rfc2069_server)
{
    struct fields f = {
        .username = "Mufasa",
        .realm = "testrealm@host.com",
        .nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093",
        .uri = "/dir/index.html",
        .response = "1949323746fe6a43ef61f9606e7febea",
        .opaque = "5ccc069c403ebaf9f0171e9517f40e41",
    };
    sipw_digest_server s = server("GET", "CircleOfLife");
    sipw_error err;

    ck_assert_int_eq(verify(&f, &s, &err), SIPW_OK);
    /* A server that requires a qop refuses it. */
    s.qops = (1u << SIPW_DIGEST_QOP_AUTH) | (1u << SIPW_DIGEST_QOP_AUTH_INT);
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EAUTH);
    ck_assert_err(err, SIPW_EAUTH, "qop");
    s.qops = 0;
    /* cnonce or nc without qop: malformed (RFC 2617 §3.2.2) */
    f.cnonce = "0a4f113b";
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EPARAM);
    ck_assert_err(err, SIPW_EPARAM, "cnonce");
    f.cnonce = NULL;
    f.nc = "00000001";
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EPARAM);
    ck_assert_err(err, SIPW_EPARAM, "nc");
}
END_TEST

START_TEST(userhash_server)
{
    struct fields f = {
        .username = JASON_HASH,
        .userhash = "true",
        .realm = "api@example.org",
        .uri = "/doc/index.html",
        .algorithm = "SHA-512-256",
        .nonce = "5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK",
        .nc = "00000001",
        .cnonce = "NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v",
        .qop = "auth",
        .response = JASON_RESPONSE,
    };
    sipw_digest_server s = server("GET", "Secret, or not?");
    sipw_error err;

    /* Which user? The caller must say. */
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EINVAL);
    ck_assert_err(err, SIPW_EINVAL, "username");
    s.username = S(JASON);
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_OK);
    f.userhash = "TRUE";
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_OK);
    /* The right response, but the hash of another user. */
    s.username = S("Jason Doe");
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EAUTH);
    ck_assert_err(err, SIPW_EAUTH, "username");
    s.username = S(JASON);
    f.username =
        "793263CAABB707A56211940D90411EA4A575ADECCB7E360AEB624ED06ECE9B0B";
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_OK);
    f.username =
        "793263caabb707a56211940d90411ea4a575adeccb7e360aeb624ed06ece9b0";
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EAUTH);
    /* userhash=false: the username is the name itself */
    f.username = JASON;
    f.userhash = "false";
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_OK);
    f.userhash = "yes";
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EPARAM);
    ck_assert_err(err, SIPW_EPARAM, "userhash");

    /* username* decodes to the same name. */
    f.userhash = NULL;
    f.username = NULL;
    f.username_star = "UTF-8''J%C3%A4s%C3%B8n%20Doe";
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_OK);
    f.username_star = "utf-8'en'J%c3%a4s%c3%b8n%20Doe";
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_OK);
    s.username = S("Jason Doe");
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EAUTH);
    ck_assert_err(err, SIPW_EAUTH, "username");
    s.username = S(NULL);
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_OK);
    {
        static const struct {
            const char *v;
            sipw_status st;
        } bad[] = {
            {"ISO-8859-1''J%E4s%F8n%20Doe", SIPW_EUNSUPPORTED},
            {"J%C3%A4s%C3%B8n%20Doe", SIPW_EPARAM}, /* no quotes */
            {"UTF-8'J%C3%A4s", SIPW_EPARAM},        /* one quote */
            {"UTF-8''J%C3%A4s Doe", SIPW_EPARAM},   /* SP */
            {"UTF-8''J%C", SIPW_EPARAM},            /* cut escape */
            {"UTF-8''J%G1", SIPW_EPARAM},           /* not hex */
        };
        size_t i;
        for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
            f.username_star = bad[i].v;
            ck_assert_msg(verify(&f, &s, &err) == bad[i].st, "%s", bad[i].v);
            ck_assert_err(err, bad[i].st, "username*");
        }
    }
    /* both, or username* with userhash */
    f.username_star = "UTF-8''J%C3%A4s%C3%B8n%20Doe";
    f.username = JASON;
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EPARAM);
    ck_assert_err(err, SIPW_EPARAM, "username*");
    f.username = NULL;
    f.userhash = "true";
    s.username = S(JASON);
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EPARAM);
    ck_assert_err(err, SIPW_EPARAM, "username*");
}
END_TEST

START_TEST(sess_server)
{
    struct fields f = {
        .username = "bob",
        .realm = "biloxi.com",
        .uri = "sip:biloxi.com",
        .nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093",
        .nc = "00000001",
        .cnonce = "0a4f113b",
        .qop = "auth",
    };
    sipw_digest_server s = server("REGISTER", "zanzibar");
    sipw_error err;
    char ha1[SIPW_DIGEST_HEX_MAX + 1];
    sipw_digest_alg alg;

    f.algorithm = sess_rows[_i].alg;
    f.response = sess_rows[_i].response;
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_OK);
    /* and from the stored HA1, the same for -sess and not */
    alg = sipw_digest_alg_lookup(S(f.algorithm));
    ck_assert_int_ne(alg, SIPW_DIGEST_UNKNOWN);
    ck_assert_int_eq(sipw_digest_ha1(alg, S("bob"), S("biloxi.com"),
                                     S("zanzibar"), ha1, NULL),
                     SIPW_OK);
    s.password = S(NULL);
    s.ha1 = S(ha1);
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_OK);
    /* an HA1 of another algorithm's length */
    s.ha1 = S(sipw_digest_hex_len(alg) == 32
                  ? "a969680ab364e333ec5c93ff823d570a79841c8d40270655dd42f37b"
                    "755dfc38"
                  : "12af60467a33e8518da5c68bbff12b11");
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EINVAL);
    ck_assert_err(err, SIPW_EINVAL, NULL);
    /* another cnonce changes a -sess HA1 too */
    s = server("REGISTER", "zanzibar");
    f.cnonce = "0a4f113c";
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EAUTH);
    /* -sess without qop */
    f.qop = NULL;
    f.cnonce = NULL;
    f.nc = NULL;
    if (strstr(f.algorithm, "-sess")) {
        ck_assert_int_eq(verify(&f, &s, &err), SIPW_EPARAM);
        ck_assert_err(err, SIPW_EPARAM, "qop");
    } else {
        ck_assert_int_eq(verify(&f, &s, &err), SIPW_EAUTH);
    }
}
END_TEST

START_TEST(auth_int_server)
{
    struct fields f = {
        .username = "bob",
        .realm = "biloxi.com",
        .uri = "sip:bob@biloxi.com",
        .nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093",
        .nc = "00000001",
        .cnonce = "0a4f113b",
        .qop = "auth-int",
        .response = "512c2c3cccfc0981ac16e1c7446796a5",
    };
    sipw_digest_server s = server("INVITE", "zanzibar");
    sipw_error err;

    /* body not given: refused, never hashed as "" */
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EINVAL);
    ck_assert_err(err, SIPW_EINVAL, "qop");
    s.body = S(SDP);
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_OK);
    /* one byte of the body changed */
    s.body = S("v=0\r\no=bob 2890844527 2890844527 IN IP4 192.0.2.5\r\n");
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EAUTH);
    s.body = S("");
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EAUTH);
    /* the empty-body vector (SHA-256, nc 2) */
    f.algorithm = "SHA-256";
    f.nc = "00000002";
    f.response =
        "4a9b8d43de2b8d5dcb547e1d1c6e6ce5489f12e68b0185c561dce07418f0c8aa";
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_OK);
    s.qops = 1u << SIPW_DIGEST_QOP_AUTH;
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EAUTH);
    ck_assert_err(err, SIPW_EAUTH, "qop");
}
END_TEST

/* Each row breaks the RFC 2617 credentials one way. */
struct bad_row {
    const char *field; /* which field of `fields` to replace */
    const char *value; /* NULL: remove it; "BIG": 1025 bytes */
    sipw_status st;
    const char *param;
};
static const struct bad_row bad_rows[] = {
    {"realm", NULL, SIPW_EPARAM, "realm"},
    {"nonce", NULL, SIPW_EPARAM, "nonce"},
    {"uri", NULL, SIPW_EPARAM, "uri"},
    {"response", NULL, SIPW_EPARAM, "response"},
    {"username", NULL, SIPW_EPARAM, "username"},
    {"cnonce", NULL, SIPW_EPARAM, "cnonce"},
    {"nc", NULL, SIPW_EPARAM, "nc"},
    {"nc", "0000001", SIPW_EPARAM, "nc"},
    {"nc", "000000001", SIPW_EPARAM, "nc"},
    {"nc", "0000000x", SIPW_EPARAM, "nc"},
    {"algorithm", "SHA-1", SIPW_EUNSUPPORTED, "algorithm"},
    {"algorithm", "", SIPW_EUNSUPPORTED, "algorithm"},
    {"qop", "auth-conf", SIPW_EUNSUPPORTED, "qop"},
    {"qop", "auth,auth-int", SIPW_EUNSUPPORTED, "qop"},
    {"qop", "", SIPW_EUNSUPPORTED, "qop"},
    /* RFC 3665 §2.1 F3 prints a 31-digit response */
    {"response", "dfe56131d1958046689d83306477ecc", SIPW_EPARAM, "response"},
    {"response", "6629fae49393a05397450978507c4ef1a", SIPW_EPARAM, "response"},
    {"response", "6629fae49393a05397450978507c4ef ", SIPW_EPARAM, "response"},
    {"response", "", SIPW_EPARAM, "response"},
    {"response", "BIG", SIPW_ELIMIT, "response"},
    {"nonce", "BIG", SIPW_ELIMIT, "nonce"},
    {"realm", "BIG", SIPW_ELIMIT, "realm"},
    {"uri", "BIG", SIPW_ELIMIT, "uri"},
    {"cnonce", "BIG", SIPW_ELIMIT, "cnonce"},
    {"username", "BIG", SIPW_ELIMIT, "username"},
    /* a response that matches only if compared as a prefix */
    {"response", "6629fae4", SIPW_EPARAM, "response"},
};

START_TEST(server_bad_input)
{
    static char big[SIPW_DIGEST_MAX_VALUE + 2];
    const struct bad_row *r = &bad_rows[_i];
    struct fields f = rfc2617_credentials;
    const char *v = r->value;
    sipw_digest_server s = server("GET", "Circle Of Life");
    sipw_error err;

    memset(big, 'a', sizeof big - 1);
    if (v && strcmp(v, "BIG") == 0)
        v = big;
    if (!strcmp(r->field, "realm"))
        f.realm = v;
    else if (!strcmp(r->field, "nonce"))
        f.nonce = v;
    else if (!strcmp(r->field, "uri"))
        f.uri = v;
    else if (!strcmp(r->field, "response"))
        f.response = v;
    else if (!strcmp(r->field, "username"))
        f.username = v;
    else if (!strcmp(r->field, "cnonce"))
        f.cnonce = v;
    else if (!strcmp(r->field, "nc"))
        f.nc = v;
    else if (!strcmp(r->field, "algorithm"))
        f.algorithm = v;
    else if (!strcmp(r->field, "qop"))
        f.qop = v;
    else
        ck_abort_msg("bad row");
    ck_assert_msg(verify(&f, &s, &err) == r->st, "%s=%s: got %s", r->field,
                  r->value ? r->value : "(absent)",
                  sipw_status_name(err.status));
    ck_assert_err(err, r->st, r->param);
}
END_TEST

START_TEST(server_expectations)
{
    struct fields f = rfc2617_credentials;
    sipw_digest_server s = server("GET", "Circle Of Life");
    sipw_error err;
    sipw_auth a;

    s.realm = S("testrealm@host.co");
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EAUTH);
    ck_assert_err(err, SIPW_EAUTH, "realm");
    s.realm = S("TESTREALM@HOST.COM"); /* a realm is case-sensitive */
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EAUTH);
    s.realm = S("testrealm@host.com");
    s.uri = S("/dir/index.htm");
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EAUTH);
    ck_assert_err(err, SIPW_EAUTH, "uri");
    s.uri = S("/dir/index.html");
    s.username = S("mufasa");
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EAUTH);
    ck_assert_err(err, SIPW_EAUTH, "username");
    s.username = S("Mufasa");
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_OK);
    /* expected values compare with the unquoted credentials */
    f.realm = "testrealm\\@host.com";
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_OK);

    /* arguments */
    f = rfc2617_credentials;
    s = server("GET", NULL);
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EINVAL);
    ck_assert_err(err, SIPW_EINVAL, NULL);
    s = server("GET", "Circle Of Life");
    s.ha1 = S("939e7578ed9e3c518a452acee763bce9");
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EINVAL);
    s = server("", "Circle Of Life");
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EINVAL);
    s = server("GET", NULL);
    s.ha1 = S("939e7578ed9e3c518a452acee763bce");
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EINVAL);
    s.ha1 = S("939e7578ed9e3c518a452acee763bc-9");
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EINVAL);
    s = server("GET", "Circle Of Life");
    s.uri.p = NULL;
    s.uri.len = 1;
    ck_assert_int_eq(verify(&f, &s, &err), SIPW_EINVAL);
    s = server("GET", "Circle Of Life");
    a = make_auth(&f);
    ck_assert_int_eq(sipw_digest_verify(NULL, &s, &err), SIPW_EINVAL);
    ck_assert_int_eq(sipw_digest_verify(&a, NULL, NULL), SIPW_EINVAL);
    a.digest = 0;
    ck_assert_int_eq(sipw_digest_verify(&a, &s, &err), SIPW_EUNSUPPORTED);
    ck_assert_err(err, SIPW_EUNSUPPORTED, NULL);
    /* NULL err is fine */
    a.digest = 1;
    ck_assert_int_eq(sipw_digest_verify(&a, &s, NULL), SIPW_OK);
}
END_TEST

/* What the client writes, the server accepts: for every algorithm and
 * qop, from the password and from the HA1, with and without userhash. */
START_TEST(client_server_agree)
{
    sipw_digest_alg alg = (sipw_digest_alg)(_i % SIPW_DIGEST__COUNT);
    int variant = _i / SIPW_DIGEST__COUNT; /* 0..7 */
    sipw_digest_qop qop = (variant & 3) == 0   ? SIPW_DIGEST_QOP_AUTH
                          : (variant & 3) == 1 ? SIPW_DIGEST_QOP_AUTH_INT
                                               : SIPW_DIGEST_QOP_NONE;
    int use_ha1 = (variant & 3) == 3, userhash = variant >= 4;
    struct fields cf = {
        .realm = "sip.example.com",
        .nonce = "bm9uY2U=",
        .opaque = "op",
        .userhash = "true",
    };
    sipw_auth ch;
    sipw_digest_client c = client("alice", "s3cret", "INVITE",
                                  "sip:bob@example.com", "Y25vbmNl", 3);
    sipw_digest_server s = server("INVITE", "s3cret");
    sipw_error err;
    char ha1[SIPW_DIGEST_HEX_MAX + 1], resp[SIPW_DIGEST_HEX_MAX + 1];
    char uname[SIPW_DIGEST_HEX_MAX + 1];
    const char *p, *q;
    struct fields vf;

    if (qop != SIPW_DIGEST_QOP_NONE)
        cf.qop = "auth,auth-int";
    else if (alg == SIPW_DIGEST_MD5_SESS || alg == SIPW_DIGEST_SHA256_SESS ||
             alg == SIPW_DIGEST_SHA512_256_SESS)
        return; /* covered by sess_client */
    cf.algorithm = sipw_digest_alg_name(alg);
    ch = make_auth(&cf);
    c.qop = qop;
    c.userhash = userhash;
    c.body = S("body");
    if (use_ha1) {
        ck_assert_int_eq(sipw_digest_ha1(alg, S("alice"), S("sip.example.com"),
                                         S("s3cret"), ha1, NULL),
                         SIPW_OK);
        c.password = S(NULL);
        c.ha1 = S(ha1);
    }
    ck_assert_int_eq(respond(&ch, &c, &err), SIPW_OK);

    /* Pick the values out of the output (no parser needed here). */
    p = strstr(out, "response=\"");
    ck_assert_ptr_nonnull(p);
    p += 10;
    q = strchr(p, '"');
    ck_assert_uint_eq((size_t)(q - p), sipw_digest_hex_len(alg));
    memcpy(resp, p, (size_t)(q - p));
    resp[q - p] = '\0';
    p = strstr(out, "username=\"") + 10;
    q = strchr(p, '"');
    memcpy(uname, p, (size_t)(q - p));
    uname[q - p] = '\0';
    if (userhash)
        ck_assert_uint_eq(strlen(uname), sipw_digest_hex_len(alg));
    else
        ck_assert_str_eq(uname, "alice");

    memset(&vf, 0, sizeof vf);
    vf.username = uname;
    vf.userhash = userhash ? "true" : NULL;
    vf.realm = "sip.example.com";
    vf.nonce = "bm9uY2U=";
    vf.uri = "sip:bob@example.com";
    vf.response = resp;
    vf.algorithm = sipw_digest_alg_name(alg);
    if (qop != SIPW_DIGEST_QOP_NONE) {
        vf.qop = qop == SIPW_DIGEST_QOP_AUTH ? "auth" : "auth-int";
        vf.nc = "00000003";
        vf.cnonce = "Y25vbmNl";
    }
    s.body = S("body");
    s.username = S("alice");
    ck_assert_int_eq(verify(&vf, &s, &err), SIPW_OK);
    s.password = S("s3creT");
    ck_assert_int_eq(verify(&vf, &s, &err), SIPW_EAUTH);
    if (use_ha1) {
        s.password = S(NULL);
        s.ha1 = S(ha1);
        ck_assert_int_eq(verify(&vf, &s, &err), SIPW_OK);
    }
}
END_TEST

START_TEST(select_challenge)
{
    struct fields f1 = {
        .realm = "a.example", .nonce = "1", .algorithm = "SHA-1"};
    struct fields f2 = {
        .realm = "b.example", .nonce = "2", .algorithm = "SHA-256"};
    struct fields f3 = {.realm = "a.example", .nonce = "3"};
    sipw_auth a1 = make_auth(&f1), a2 = make_auth(&f2), a3 = make_auth(&f3),
              basic;

    memset(&basic, 0, sizeof basic);
    basic.scheme = S("Basic");
    basic.stale = -1;
    basic.next = &a1;
    a1.next = &a2;
    a2.next = &a3;
    ck_assert_ptr_eq(sipw_digest_select(&basic, S(NULL)), &a2);
    ck_assert_ptr_eq(sipw_digest_select(&basic, S("a.example")), &a3);
    ck_assert_ptr_eq(sipw_digest_select(&basic, S("b.example")), &a2);
    ck_assert_ptr_null(sipw_digest_select(&basic, S("c.example")));
    ck_assert_ptr_null(sipw_digest_select(&basic, S("a.exampl")));
    ck_assert_ptr_null(sipw_digest_select(&basic, S("")));
    ck_assert_ptr_eq(sipw_digest_select(&a1, S("a.example")), &a3);
    ck_assert_ptr_null(sipw_digest_select(NULL, S(NULL)));
    a3.realm = S("a\\.example"); /* compared unquoted */
    ck_assert_ptr_eq(sipw_digest_select(&basic, S("a.example")), &a3);

    /* the realm test on its own */
    ck_assert_int_eq(sipw_digest_realm_is(&a3, S("a.example")), 1);
    ck_assert_int_eq(sipw_digest_realm_is(&a3, S("a\\.example")), 0);
    ck_assert_int_eq(sipw_digest_realm_is(&a3, S("A.example")), 0);
    ck_assert_int_eq(sipw_digest_realm_is(&a3, S(NULL)), 0);
    ck_assert_int_eq(sipw_digest_realm_is(&basic, S("a.example")), 0);
    ck_assert_int_eq(sipw_digest_realm_is(NULL, S("a.example")), 0);
    a3.realm = S("");
    ck_assert_int_eq(sipw_digest_realm_is(&a3, S("")), 1);
    ck_assert_int_eq(sipw_digest_realm_is(&a3, S("x")), 0);
}
END_TEST

/* --- end to end, through the parsers (auth.h, msg.h) ---------------- */

/* Parses one auth header value of `kind` into a static arena. */
static const sipw_auth *parse_auth(const char *s, size_t len, unsigned kind)
{
    static unsigned char mem[16384];
    sipw_arena arena;
    const sipw_auth *first = NULL;
    sipw_error err;
    sipw_status st;

    sipw_arena_init(&arena, mem, sizeof mem);
    st = sipw_auth_parse(&first, s, len, kind, &arena, &err);
    ck_assert_msg(st == SIPW_OK, "parse of '%.*s': %s at %zu: %s", (int)len, s,
                  sipw_status_name(st), err.offset, err.reason);
    return first;
}

/* RFC 7616 §3.9.1 as written in the RFC: the challenge and the SHA-256
 * credentials, parsed, then checked; and our answer to that challenge is
 * byte for byte the RFC's credentials (one line, ", " separators). */
START_TEST(rfc7616_parsed)
{
    static const char challenge[] =
        "Digest\r\n    realm=\"http-auth@example.org\",\r\n"
        "    qop=\"auth, auth-int\",\r\n    algorithm=SHA-256,\r\n"
        "    nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\",\r\n"
        "    opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";
    static const char credentials[] =
        "Digest username=\"Mufasa\",\r\n    realm=\"http-auth@example.org\","
        "\r\n    uri=\"/dir/index.html\",\r\n    algorithm=SHA-256,\r\n"
        "    nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\",\r\n"
        "    nc=00000001,\r\n"
        "    cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\",\r\n"
        "    qop=auth,\r\n"
        "    response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8"
        "db5856cb6c1\",\r\n"
        "    opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";
    const sipw_auth *ch, *cr;
    sipw_digest_client c =
        client("Mufasa", "Circle of Life", "GET", "/dir/index.html",
               "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", 1);
    sipw_digest_server s = server("GET", "Circle of Life");
    sipw_error err;
    char unfolded[sizeof credentials];
    size_t i, n = 0;

    ch = parse_auth(challenge, sizeof challenge - 1, SIPW_AUTH_CHALLENGE);
    ck_assert_int_eq(respond(ch, &c, &err), SIPW_OK);
    /* The RFC's credentials with each fold made one space. */
    for (i = 0; i < sizeof credentials - 1; i++) {
        if (credentials[i] == '\r') {
            i += 5; /* CRLF and four spaces */
            unfolded[n++] = ' ';
            continue;
        }
        unfolded[n++] = credentials[i];
    }
    unfolded[n] = '\0';
    ck_assert_str_eq(out, unfolded);

    cr = parse_auth(credentials, sizeof credentials - 1, SIPW_AUTH_CREDENTIALS);
    s.realm = S("http-auth@example.org");
    s.uri = S("/dir/index.html");
    s.username = S("Mufasa");
    ck_assert_int_eq(sipw_digest_verify(cr, &s, &err), SIPW_OK);
    s.password = S("Circle Of Life");
    ck_assert_int_eq(sipw_digest_verify(cr, &s, &err), SIPW_EAUTH);
    ck_assert_err(err, SIPW_EAUTH, "response");
}
END_TEST

/* Challenges as a server would write them: answered, the answer parsed as
 * credentials, and checked with the right and a wrong password. */
static const char *const parsed_challenges[] = {
    "Digest realm=\"atlanta.example.com\", qop=\"auth\", "
    "nonce=\"ea9c8e88df84f1cec4341ae6cbe5a359\", opaque=\"\", stale=FALSE, "
    "algorithm=MD5",
    "Digest realm=\"biloxi.com\", nonce=\"abc\"",
    "digest REALM=\"biloxi.com\", NONCE=\"abc\", QOP=\"auth-int\", "
    "ALGORITHM=md5-SESS",
    "Digest realm=\"r\\\"q\\\\\", nonce=\"n\\\"\", qop=\"auth,auth-int\", "
    "algorithm=SHA-256-sess, opaque=\"o\\\"p\"",
    "Digest realm=\"api@example.org\", qop=\"auth\", algorithm=SHA-512-256, "
    "nonce=\"5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK\", "
    "opaque=\"HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS\", "
    "charset=UTF-8, userhash=true",
    "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256-sess, "
    "qop=\"auth-int\", userhash=true",
};

START_TEST(parsed_roundtrip)
{
    const char *text = parsed_challenges[_i];
    const sipw_auth *ch, *cr;
    static const char *const users[] = {"bob", JASON, "a\"b"};
    size_t u;
    int uh;

    ch = parse_auth(text, strlen(text), SIPW_AUTH_CHALLENGE);
    for (u = 0; u < 3; u++) {
        for (uh = 0; uh < 2; uh++) {
            sipw_digest_client c = client(users[u], "pass word", "INVITE",
                                          "sip:x@y", "c-nonce", 0x1a);
            sipw_digest_server s = server("INVITE", "pass word");
            sipw_error err;
            static char copy[sizeof out];

            c.body = S("hello");
            c.userhash = uh;
            ck_assert_int_eq(respond(ch, &c, &err), SIPW_OK);
            memcpy(copy, out, sizeof copy);
            cr = parse_auth(copy, out_len, SIPW_AUTH_CREDENTIALS);
            s.body = S("hello");
            s.uri = S("sip:x@y");
            s.username = S(users[u]);
            ck_assert_msg(sipw_digest_verify(cr, &s, &err) == SIPW_OK,
                          "%s: %s (%.*s)", copy, err.reason,
                          (int)err.header.len, err.header.p);
            s.password = S("pass worD");
            ck_assert_int_eq(sipw_digest_verify(cr, &s, &err), SIPW_EAUTH);
            s.password = S("pass word");
            s.body = S("hellO");
            if (cr->qop.p && cr->qop.len == 8)
                ck_assert_int_eq(sipw_digest_verify(cr, &s, &err), SIPW_EAUTH);
            else
                ck_assert_int_eq(sipw_digest_verify(cr, &s, &err), SIPW_OK);
        }
    }
}
END_TEST

/* The RFC 3665 §2.1 F2 message, parsed whole; the answer goes into a
 * REGISTER that is parsed whole too. */
START_TEST(rfc3665_messages)
{
    char path[1024], req[2048];
    char *f2;
    size_t len;
    int n;
    sipw_msg msg;
    sipw_error err;
    sipw_digest_client c;
    sipw_digest_server s;
    static char line[sizeof out];

    snprintf(path, sizeof path,
             "%s/rfc3665/2.1-successful-new-registration-F2.sip",
             tu_data_dir());
    f2 = tu_read_file(path, &len);
    ck_assert_int_eq(tu_parse(f2, len, &msg, &err), SIPW_OK);
    ck_assert_ptr_nonnull(msg.www_authenticate);
    ck_assert_ptr_eq(sipw_digest_select(msg.www_authenticate, S(NULL)),
                     msg.www_authenticate);
    c = client("bob", "zanzibar", "REGISTER", "sips:ss2.biloxi.example.com",
               "0a4f113b", 1);
    ck_assert_int_eq(respond(msg.www_authenticate, &c, &err), SIPW_OK);
    /* computed: MD5(MD5("bob:atlanta.example.com:zanzibar")
     * ":ea9c8e88df84f1cec4341ae6cbe5a359:00000001:0a4f113b:auth:"
     * MD5("REGISTER:sips:ss2.biloxi.example.com")) */
    ck_assert_ptr_nonnull(
        strstr(out, "response=\"fb435565e3b8d14aafad09f8bec61e73\""));
    memcpy(line, out, sizeof line);
    free(f2);

    n = snprintf(
        req, sizeof req,
        "REGISTER sips:ss2.biloxi.example.com SIP/2.0\r\n"
        "Via: SIP/2.0/TLS "
        "client.biloxi.example.com:5061;branch=z9hG4bKnashd92\r\n"
        "Max-Forwards: 70\r\n"
        "From: Bob <sips:bob@biloxi.example.com>;tag=ja743ks76zlflH\r\n"
        "To: Bob <sips:bob@biloxi.example.com>\r\n"
        "Call-ID: 1j9FpLxk3uxtm8tn@biloxi.example.com\r\n"
        "CSeq: 2 REGISTER\r\n"
        "Authorization: %s\r\n"
        "Content-Length: 0\r\n\r\n",
        line);
    ck_assert_int_lt(n, (int)sizeof req);
    ck_assert_int_eq(tu_parse(req, (size_t)n, &msg, &err), SIPW_OK);
    ck_assert_ptr_nonnull(msg.authorization);
    memset(&s, 0, sizeof s);
    s.method = msg.method;
    s.body = msg.body;
    s.uri = msg.request_uri;
    s.realm = S("atlanta.example.com");
    s.password = S("zanzibar");
    ck_assert_int_eq(sipw_digest_verify(msg.authorization, &s, &err), SIPW_OK);
    s.password = S("zanzibaR");
    ck_assert_int_eq(sipw_digest_verify(msg.authorization, &s, &err),
                     SIPW_EAUTH);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("digest");
    TCase *tc = tcase_create("digest");
    tcase_add_test(tc, algorithm_names);
    tcase_add_test(tc, ha1_values);
    tcase_add_test(tc, rfc2617_client);
    tcase_add_test(tc, rfc7616_client);
    tcase_add_test(tc, rfc2069_client);
    tcase_add_test(tc, sha512_256_userhash_client);
    tcase_add_loop_test(tc, sess_client, 0,
                        sizeof sess_rows / sizeof sess_rows[0]);
    tcase_add_test(tc, auth_int_client);
    tcase_add_test(tc, client_qop_choice);
    tcase_add_test(tc, client_bad_input);
    tcase_add_test(tc, client_quoting);
    tcase_add_test(tc, rfc2617_server);
    tcase_add_test(tc, rfc7616_server);
    tcase_add_test(tc, rfc2069_server);
    tcase_add_test(tc, userhash_server);
    tcase_add_loop_test(tc, sess_server, 0,
                        sizeof sess_rows / sizeof sess_rows[0]);
    tcase_add_test(tc, auth_int_server);
    tcase_add_loop_test(tc, server_bad_input, 0,
                        sizeof bad_rows / sizeof bad_rows[0]);
    tcase_add_test(tc, server_expectations);
    tcase_add_loop_test(tc, client_server_agree, 0, 8 * SIPW_DIGEST__COUNT);
    tcase_add_test(tc, select_challenge);
    tcase_add_test(tc, rfc7616_parsed);
    tcase_add_loop_test(tc, parsed_roundtrip, 0,
                        sizeof parsed_challenges / sizeof parsed_challenges[0]);
    tcase_add_test(tc, rfc3665_messages);
    suite_add_tcase(s, tc);
    return tu_run(s);
}
