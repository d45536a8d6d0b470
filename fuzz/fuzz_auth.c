/* SPDX-License-Identifier: MIT */
/* sipwire fuzz target: sipw_auth_parse() on one authentication header
 * value. The first byte picks the kind (bits 0-1: 0 challenge, 1
 * credentials, 2 Authentication-Info, 3 an invalid kind that must give
 * SIPW_EINVAL) and bit 2 adds SIPW_AUTH_ALLOW_QUOTED_QOP; the rest is the value.
 * Then: the value walked with sipw_auth_param_next(); the lenient parse
 * agrees with the strict one; the same parse with an arena too small must
 * fail with SIPW_ENOMEM and leave the arena as it was, or end the same
 * way. */
#include "fuzz.h"

static size_t count(const sipw_auth *a)
{
    size_t n = 0;
    for (; a; a = a->next)
        n++;
    return n;
}

/* Every field of a list that sipw_auth_parse() accepted from buf[0..len)
 * as `kind`. */
static void check_auth(const sipw_auth *a, const char *buf, size_t len,
                       unsigned kind, int lenient)
{
    size_t n = 0;
    for (; a; a = a->next) {
        const sipw_str *f[16];
        static const unsigned bit[16] = {
            SIPW_AUTHP_REALM, SIPW_AUTHP_DOMAIN, SIPW_AUTHP_NONCE,
            SIPW_AUTHP_OPAQUE, SIPW_AUTHP_ALGORITHM, SIPW_AUTHP_QOP,
            SIPW_AUTHP_USERNAME, SIPW_AUTHP_USERNAME_STAR,
            SIPW_AUTHP_USERHASH, SIPW_AUTHP_URI, SIPW_AUTHP_RESPONSE,
            SIPW_AUTHP_CNONCE, SIPW_AUTHP_NC, SIPW_AUTHP_CHARSET,
            SIPW_AUTHP_NEXTNONCE, SIPW_AUTHP_RSPAUTH};
        unsigned present = 0;
        sipw_str rest;
        sipw_param prm;
        size_t i, steps = 0;

        FZ_CHECK(++n <= len);
        FZ_CHECK(a->header == NULL);
        FZ_CHECK(fz_within(a->scheme, buf, len));
        FZ_CHECK(fz_within(a->params, buf, len));
        if (kind == SIPW_AUTH_INFO) {
            FZ_CHECK(a->scheme.p == NULL && a->digest == 1);
            FZ_CHECK(a->params.len > 0);
        } else {
            FZ_CHECK(a->scheme.len > 0);
            FZ_CHECK(a->digest ==
                     sipw_str_caseeq(a->scheme, fz_lit("Digest")));
            FZ_CHECK(!a->params.p || a->params.p > a->scheme.p);
        }
        FZ_CHECK(a->token68 == 0 || a->token68 == 1);
        FZ_CHECK(!a->token68 || (!a->digest && a->params.len > 0));
        FZ_CHECK(a->stale >= -1 && a->stale <= 1);
        FZ_CHECK(!a->digest || a->params.len > 0);

        f[0] = &a->realm;
        f[1] = &a->domain;
        f[2] = &a->nonce;
        f[3] = &a->opaque;
        f[4] = &a->algorithm;
        f[5] = &a->qop;
        f[6] = &a->username;
        f[7] = &a->username_star;
        f[8] = &a->userhash;
        f[9] = &a->uri;
        f[10] = &a->response;
        f[11] = &a->cnonce;
        f[12] = &a->nc;
        f[13] = &a->charset;
        f[14] = &a->nextnonce;
        f[15] = &a->rspauth;
        for (i = 0; i < 16; i++) {
            FZ_CHECK(fz_in(*f[i], a->params));
            FZ_CHECK(a->digest || f[i]->p == NULL);
            if (f[i]->p)
                present |= bit[i];
            if (a->quoted & bit[i])
                fz_check_unquote(*f[i]);
        }
        if (a->stale >= 0)
            present |= SIPW_AUTHP_STALE;
        /* only picked-out parameters that are there were quoted */
        FZ_CHECK((a->quoted & ~present) == 0);
        FZ_CHECK(!(a->digest && kind == SIPW_AUTH_CHALLENGE) ||
                 a->realm.p != NULL);
        FZ_CHECK(!a->nc.p || a->nc.len == 8);
        FZ_CHECK(a->nonce.len <= SIPW_MAX_AUTH_NONCE);
        FZ_CHECK(a->cnonce.len <= SIPW_MAX_AUTH_NONCE);
        FZ_CHECK(a->nextnonce.len <= SIPW_MAX_AUTH_NONCE);
        FZ_CHECK(a->response.len <= SIPW_MAX_AUTH_RESPONSE);
        FZ_CHECK(a->rspauth.len <= SIPW_MAX_AUTH_RESPONSE);
        FZ_CHECK(!(a->username.p && a->username_star.p));
        if (kind != SIPW_AUTH_CHALLENGE && !lenient)
            FZ_CHECK(!(a->quoted & SIPW_AUTHP_QOP));

        /* The parameter walk ends inside params and finds every
         * picked-out value where the struct has it. */
        rest = a->params;
        while (!a->token68 && sipw_auth_param_next(&rest, &prm)) {
            FZ_CHECK(++steps <= a->params.len);
            FZ_CHECK(prm.name.len > 0);
            FZ_CHECK(fz_in(prm.name, a->params));
            FZ_CHECK(fz_in(prm.value, a->params));
            FZ_CHECK(prm.value.p != NULL);
            FZ_CHECK(fz_in(rest, a->params));
            if (a->digest && sipw_str_caseeq(prm.name, fz_lit("realm")))
                FZ_CHECK(prm.value.p == a->realm.p &&
                         prm.value.len == a->realm.len);
        }
    }
}

SIPW_FUZZ_TARGET(fuzz_auth, "auth")
{
    unsigned flags, kind;
    char *buf;
    const sipw_auth *first = NULL, *other = NULL;
    sipw_arena big, small, big2;
    sipw_error err;
    sipw_status st, st2;
    size_t used, small_size, len;
    unsigned char *small_mem, *mem2;
    uint32_t h;

    if (size == 0)
        return 0;
    kind = data[0] & 3u;
    flags = kind | ((data[0] & 4u) ? (unsigned)SIPW_AUTH_ALLOW_QUOTED_QOP : 0u);
    len = size - 1;
    buf = fz_copy(data + 1, len);
    h = fz_hash(data, size);

    fz_big_arena(&big, len);
    memset(&err, 0, sizeof err);
    st = sipw_auth_parse(&first, buf, len, flags, &big, &err);
    used = sipw_arena_used(&big);
    if (kind > SIPW_AUTH_INFO) {
        FZ_CHECK(st == SIPW_EINVAL && first == NULL && used == 0);
        free(buf);
        return 0;
    }
    if (st == SIPW_OK) {
        FZ_CHECK(first != NULL);
        FZ_CHECK(used >= count(first) * sizeof(sipw_auth));
        check_auth(first, buf, len, kind, (flags & SIPW_AUTH_ALLOW_QUOTED_QOP) != 0);
    } else {
        fz_check_error(st, &err, buf, len);
        FZ_CHECK(first == NULL);
        FZ_CHECK(used == 0);
        FZ_CHECK(st != SIPW_EINVAL && st != SIPW_ENOMEM);
    }

    /* The other mode: lenient accepts everything strict accepts, with the
     * same values; strict accepts what lenient accepted without a quoted
     * message-qop. */
    mem2 = (unsigned char *)malloc(used + 4096);
    if (!mem2)
        abort();
    sipw_arena_init(&big2, mem2, used + 4096);
    st2 = sipw_auth_parse(&other, buf, len, flags ^ SIPW_AUTH_ALLOW_QUOTED_QOP, &big2,
                          NULL);
    if (flags & SIPW_AUTH_ALLOW_QUOTED_QOP) {
        const sipw_auth *a;
        int quoted_qop = 0;
        for (a = first; a; a = a->next)
            quoted_qop |= kind != SIPW_AUTH_CHALLENGE &&
                          (a->quoted & SIPW_AUTHP_QOP);
        if (st == SIPW_OK && !quoted_qop)
            FZ_CHECK(st2 == SIPW_OK && count(other) == count(first));
        if (st != SIPW_OK)
            FZ_CHECK(st2 != SIPW_OK);
    } else if (st == SIPW_OK) {
        FZ_CHECK(st2 == SIPW_OK && count(other) == count(first));
    }
    free(mem2);

    small_size = h % (used ? used : 1024);
    small_mem = (unsigned char *)malloc(small_size);
    if (!small_mem && small_size)
        abort();
    sipw_arena_init(&small, small_mem, small_size);
    first = NULL;
    st2 = sipw_auth_parse(&first, buf, len, flags, &small, NULL);
    if (st2 == SIPW_ENOMEM) {
        FZ_CHECK(sipw_arena_used(&small) == 0);
        FZ_CHECK(first == NULL);
    } else {
        FZ_CHECK(st2 == st);
        if (st2 == SIPW_OK)
            check_auth(first, buf, len, kind,
                       (flags & SIPW_AUTH_ALLOW_QUOTED_QOP) != 0);
    }
    free(small_mem);
    free(buf);
    return 0;
}
