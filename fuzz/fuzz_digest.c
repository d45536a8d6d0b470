/* SPDX-License-Identifier: MIT */
/* sipwire fuzz target: Digest authentication (digest.h). The input is
 * parsed as one message (lenient, as the tool does). Each challenge it
 * carries (WWW-Authenticate, Proxy-Authenticate) is answered with fixed
 * credentials; the answer must keep the snprintf contract, parse back as
 * credentials, verify with the same password and with its HA1, and fail
 * with another password. Each credentials value it carries
 * (Authorization, Proxy-Authorization) is checked against a fixed
 * password and HA1: any verdict, but a consistent error and no crash.
 * Variants (username, userhash, qop, nonce count, body) come from a hash
 * of the input, so they cost no input bytes. */
#include "fuzz.h"

/* The error of a failed digest call: the status returned, a reason, no
 * position (no byte, no line), and a parameter name that is a short
 * static string. */
static void fz_check_digest_error(sipw_status st, const sipw_error *err)
{
    FZ_CHECK(st != SIPW_OK && (unsigned)st < SIPW_STATUS__COUNT);
    FZ_CHECK(err->status == st);
    FZ_CHECK(err->reason != NULL && err->reason[0] != '\0');
    FZ_CHECK(err->offset == SIPW_NO_OFFSET && err->line == 0 &&
             err->column == 0 && err->header_index == SIPW_NO_INDEX);
    FZ_CHECK(err->header.len < 16);
    FZ_CHECK(err->header.p != NULL || err->header.len == 0);
}

static const char *const users[] = {"alice", "J\xc3\xa4s\xc3\xb8n Doe",
                                    "a\"b\\c", ""};

/* Answers one challenge and checks the answer both ways. h picks the
 * variant; with `plain` the qop is AUTO and the body given, the variant
 * most challenges accept. */
static void answer(const sipw_auth *ch, const sipw_msg *msg, uint32_t h,
                   int plain)
{
    static unsigned char mem[1 << 16];
    sipw_digest_client c;
    sipw_digest_server s;
    sipw_error err;
    sipw_status st;
    size_t len = 0, len2 = 0, cap;
    char *out, realm[SIPW_DIGEST_MAX_VALUE + 1];
    char ha1[SIPW_DIGEST_HEX_MAX + 1];
    const sipw_auth *cr = NULL;
    sipw_arena arena;
    sipw_digest_alg alg;
    sipw_str r;

    memset(&c, 0, sizeof c);
    c.username = fz_lit(users[h % 4]);
    c.password = fz_lit("Circle Of Life");
    c.method = fz_lit("REGISTER");
    c.uri = fz_lit("sip:registrar.example.com");
    c.cnonce = fz_lit("0a4f113b");
    c.nc = (h >> 2) & 0xff;
    c.qop = plain ? SIPW_DIGEST_QOP_AUTO : (sipw_digest_qop)((h >> 10) % 4);
    c.userhash = (h >> 12) & 1;
    if (plain || !((h >> 13) & 1))
        c.body = msg->body; /* else none given: auth-int must refuse */

    memset(&err, 0, sizeof err);
    st = sipw_digest_respond(ch, &c, NULL, 0, &len, &err);
    if (st != SIPW_ENOMEM || len == 0) {
        fz_check_digest_error(st, &err);
        FZ_CHECK(len == 0);
        if (!c.body.p && st == SIPW_EINVAL) /* auth-int without a body */
            FZ_CHECK(err.header.len == 3);
        return;
    }
    FZ_CHECK(err.status == SIPW_ENOMEM);

    /* An exact buffer fits; one byte less does not, and writes "". */
    out = (char *)malloc(len + 1);
    if (!out)
        abort();
    FZ_CHECK(sipw_digest_respond(ch, &c, out, len, &len2, NULL) == SIPW_ENOMEM);
    FZ_CHECK(len2 == len && out[0] == '\0');
    cap = h % (len + 1);
    FZ_CHECK(sipw_digest_respond(ch, &c, out, cap, &len2, NULL) == SIPW_ENOMEM);
    FZ_CHECK(len2 == len && (cap == 0 || out[0] == '\0'));
    FZ_CHECK(sipw_digest_respond(ch, &c, out, len + 1, &len2, &err) == SIPW_OK);
    FZ_CHECK(len2 == len && strlen(out) == len);
    FZ_CHECK(memchr(out, '\r', len) == NULL && memchr(out, '\n', len) == NULL);
    FZ_CHECK(strncmp(out, "Digest ", 7) == 0);

    /* Our credentials parse, unless an escaped nonce or cnonce has grown
     * past the parser's limit. */
    sipw_arena_init(&arena, mem, sizeof mem);
    st = sipw_auth_parse(&cr, out, len, SIPW_AUTH_CREDENTIALS, &arena, &err);
    FZ_CHECK(st == SIPW_OK || st == SIPW_ELIMIT);
    if (st == SIPW_OK) {
        FZ_CHECK(cr != NULL && cr->digest && cr->next == NULL);
        memset(&s, 0, sizeof s);
        s.method = c.method;
        s.body = c.body;
        s.password = c.password;
        s.uri = c.uri;
        s.username = c.username;
        st = sipw_digest_verify(cr, &s, &err);
        if (st != SIPW_OK)
            fz_fail(err.reason, __FILE__, __LINE__);
        s.password = fz_lit("Circle of Life");
        FZ_CHECK(sipw_digest_verify(cr, &s, &err) == SIPW_EAUTH);

        /* The stored-HA1 route agrees. */
        alg = sipw_digest_alg_lookup(cr->algorithm);
        FZ_CHECK(alg != SIPW_DIGEST_UNKNOWN);
        r.p = realm;
        r.len = sipw_str_unquote(cr->realm, realm, sizeof realm);
        FZ_CHECK(r.len <= SIPW_DIGEST_MAX_VALUE);
        FZ_CHECK(sipw_digest_ha1(alg, c.username, r, c.password, ha1, NULL) ==
                 SIPW_OK);
        FZ_CHECK(strlen(ha1) == sipw_digest_hex_len(alg));
        s.password.p = NULL;
        s.password.len = 0;
        s.ha1 = fz_lit(ha1);
        FZ_CHECK(sipw_digest_verify(cr, &s, &err) == SIPW_OK);
    }
    free(out);
}

/* Checks credentials against a password and an HA1 no one sent. */
static void check(const sipw_auth *cr, const sipw_msg *msg)
{
    sipw_digest_server s;
    sipw_error err;
    sipw_status st;

    memset(&s, 0, sizeof s);
    s.method = msg->method;
    s.body = msg->body;
    s.password = fz_lit("Circle Of Life");
    st = sipw_digest_verify(cr, &s, &err);
    if (st != SIPW_OK)
        fz_check_digest_error(st, &err);
    s.password.p = NULL;
    s.password.len = 0;
    s.ha1 = fz_lit("939e7578ed9e3c518a452acee763bce9");
    s.username = fz_lit("Mufasa");
    s.realm = fz_lit("testrealm@host.com");
    s.uri = msg->request_uri;
    s.algorithms = 1u << SIPW_DIGEST_MD5;
    st = sipw_digest_verify(cr, &s, &err);
    if (st != SIPW_OK)
        fz_check_digest_error(st, &err);
}

SIPW_FUZZ_TARGET(fuzz_digest, "msg")
{
    char *buf = fz_copy(data, size);
    sipw_arena arena;
    sipw_msg msg;
    sipw_error err;
    const sipw_auth *a;
    uint32_t h = fz_hash(data, size);

    fz_big_arena(&arena, size);
    if (sipw_msg_parse(&msg, buf, size, SIPW_PARSE_LENIENT, &arena, &err) ==
        SIPW_OK) {
        const sipw_auth *lists[4];
        int i;
        lists[0] = msg.www_authenticate;
        lists[1] = msg.proxy_authenticate;
        lists[2] = msg.authorization;
        lists[3] = msg.proxy_authorization;
        for (i = 0; i < 2; i++) {
            const sipw_auth *sel = sipw_digest_select(lists[i], fz_lit("x"));
            FZ_CHECK(sel == NULL || sel->digest);
            for (a = lists[i]; a; a = a->next) {
                answer(a, &msg, h, 0);
                answer(a, &msg, h >> 16, 1);
                h = h * 16777619u + 1;
            }
        }
        for (i = 2; i < 4; i++)
            for (a = lists[i]; a; a = a->next)
                check(a, &msg);
    }
    free(buf);
    return 0;
}
