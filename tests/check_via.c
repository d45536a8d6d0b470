/* SPDX-License-Identifier: MIT */
/* sipwire tests: the Via header (RFC 3261 §20.42 and §25.1, RFC 3581
 * rport, RFC 5118 §4.5) through sipw_via_parse() and sipw__via(). */
#include <check.h>
#include <stdint.h>
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

/* One expected via-parm; NULL slices are absent. */
struct want {
    const char *protocol, *version, *transport, *host;
    sipw_host_type host_type;
    int32_t port;
    const char *params, *branch, *received, *maddr;
    int32_t ttl;
    int has_rport;
    int32_t rport;
};

#define MAXV 3
struct valid_case {
    const char *in;
    size_t n; /* values */
    struct want v[MAXV];
};

#define N SIPW_HOST_NAME
#define V4 SIPW_HOST_IPV4
#define V6 SIPW_HOST_IPV6

static const struct valid_case valid[] = {
    /* RFC 3261 section 24.2, F1 */
    {"SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds", 1,
     {{"SIP", "2.0", "UDP", "pc33.atlanta.example.com", N, -1,
       ";branch=z9hG4bK776asdhds", "z9hG4bK776asdhds", NULL, NULL, -1, 0,
       -1}}},
    /* RFC 4475 section 3.1.1.1 (wsinv): LWS and folds around SLASH */
    {"SIP  /   2.0\r\n /UDP\r\n    192.0.2.2;branch=390skdjuw", 1,
     {{"SIP", "2.0", "UDP", "192.0.2.2", V4, -1, ";branch=390skdjuw",
       "390skdjuw", NULL, NULL, -1, 0, -1}}},
    /* RFC 4475 section 3.1.1.6 (transports) */
    {"SIP/2.0/SCTP t2.example.com;branch=z9hG4bKklasjdhf", 1,
     {{"SIP", "2.0", "SCTP", "t2.example.com", N, -1,
       ";branch=z9hG4bKklasjdhf", "z9hG4bKklasjdhf", NULL, NULL, -1, 0,
       -1}}},
    {"SIP/2.0/UNKNOWN t4.example.com;branch=z9hG4bKasd0f3en", 1,
     {{"SIP", "2.0", "UNKNOWN", "t4.example.com", N, -1,
       ";branch=z9hG4bKasd0f3en", "z9hG4bKasd0f3en", NULL, NULL, -1, 0,
       -1}}},
    /* RFC 4475 section 3.1.1.8 (longreq): no parameters at all */
    {"SIP/2.0/TCP sip33.example.com", 1,
     {{"SIP", "2.0", "TCP", "sip33.example.com", N, -1, NULL, NULL, NULL,
       NULL, -1, 0, -1}}},
    /* RFC 4475 section 3.1.1.2 (intmeth): every token character */
    {"SIP/2.0/TCP host1.example.com;branch=z9hG4bK-.!%66*_+`'~", 1,
     {{"SIP", "2.0", "TCP", "host1.example.com", N, -1,
       ";branch=z9hG4bK-.!%66*_+`'~", "z9hG4bK-.!%66*_+`'~", NULL, NULL, -1,
       0, -1}}},
    /* RFC 3261 section 20.42: LWS around SLASH and COLON, ttl, maddr */
    {"SIP / 2.0 / UDP first.example.com: 4000;ttl=16;maddr=224.2.0.1 "
     ";branch=z9hG4bKa7c6a8dlze.1",
     1,
     {{"SIP", "2.0", "UDP", "first.example.com", N, 4000,
       ";ttl=16;maddr=224.2.0.1 ;branch=z9hG4bKa7c6a8dlze.1",
       "z9hG4bKa7c6a8dlze.1", NULL, "224.2.0.1", 16, 0, -1}}},
    /* RFC 3261 section 16.6: params start at the ";", not the LWS */
    {"SIP/2.0/UDP 192.0.2.1:5060 ;received=192.0.2.207;branch=z9hG4bK77asjd",
     1,
     {{"SIP", "2.0", "UDP", "192.0.2.1", V4, 5060,
       ";received=192.0.2.207;branch=z9hG4bK77asjd", "z9hG4bK77asjd",
       "192.0.2.207", NULL, -1, 0, -1}}},
    /* RFC 5118 section 4.5, both forms of received */
    {"SIP/2.0/UDP [2001:db8::9:1]:5060;branch=z9hG4bKas3-111;"
     "received=[2001:db8::9:255]",
     1,
     {{"SIP", "2.0", "UDP", "[2001:db8::9:1]", V6, 5060,
       ";branch=z9hG4bKas3-111;received=[2001:db8::9:255]", "z9hG4bKas3-111",
       "[2001:db8::9:255]", NULL, -1, 0, -1}}},
    {"SIP/2.0/UDP [2001:db8::9:1];received=2001:db8::9:255;branch=z9hG4bKas3",
     1,
     {{"SIP", "2.0", "UDP", "[2001:db8::9:1]", V6, -1,
       ";received=2001:db8::9:255;branch=z9hG4bKas3", "z9hG4bKas3",
       "2001:db8::9:255", NULL, -1, 0, -1}}},
    /* RFC 5118 section 4.9: IPv4-mapped IPv6 */
    {"SIP/2.0/UDP [::ffff:192.0.2.10]:19823;branch=z9hG4bKbh19", 1,
     {{"SIP", "2.0", "UDP", "[::ffff:192.0.2.10]", V6, 19823,
       ";branch=z9hG4bKbh19", "z9hG4bKbh19", NULL, NULL, -1, 0, -1}}},
    {"SIP/2.0/TCP [2001:db8::9:255];branch=z9hG4bK451jj;"
     "received=::ffff:192.0.2.200",
     1,
     {{"SIP", "2.0", "TCP", "[2001:db8::9:255]", V6, -1,
       ";branch=z9hG4bK451jj;received=::ffff:192.0.2.200", "z9hG4bK451jj",
       "::ffff:192.0.2.200", NULL, -1, 0, -1}}},
    /* RFC 3581: rport without and with a value */
    {"SIP/2.0/UDP 10.0.0.1:5060;rport;branch=z9hG4bKx", 1,
     {{"SIP", "2.0", "UDP", "10.0.0.1", V4, 5060, ";rport;branch=z9hG4bKx",
       "z9hG4bKx", NULL, NULL, -1, 1, -1}}},
    {"SIP/2.0/UDP 10.0.0.1;received=192.0.2.9;rport=9988;branch=z9hG4bKx",
     1,
     {{"SIP", "2.0", "UDP", "10.0.0.1", V4, -1,
       ";received=192.0.2.9;rport=9988;branch=z9hG4bKx", "z9hG4bKx",
       "192.0.2.9", NULL, -1, 1, 9988}}},
    /* bounds, leading zeros, names in any case, tab as LWS */
    {"SIP/2.0/UDP\th:0;TTL=0;RPort=0", 1,
     {{"SIP", "2.0", "UDP", "h", N, 0, ";TTL=0;RPort=0", NULL, NULL, NULL, 0,
       1, 0}}},
    {"SIP/2.0/UDP h:65535;ttl=255;rport=65535", 1,
     {{"SIP", "2.0", "UDP", "h", N, 65535, ";ttl=255;rport=65535", NULL,
       NULL, NULL, 255, 1, 65535}}},
    {"sip/2.0/udp H.EXAMPLE.COM:05060;ttl=016;Branch=z9hG4bK1", 1,
     {{"sip", "2.0", "udp", "H.EXAMPLE.COM", N, 5060,
       ";ttl=016;Branch=z9hG4bK1", "z9hG4bK1", NULL, NULL, 16, 0, -1}}},
    /* maddr: every kind of host */
    {"SIP/2.0/UDP h;maddr=[2001:db8::1]", 1,
     {{"SIP", "2.0", "UDP", "h", N, -1, ";maddr=[2001:db8::1]", NULL, NULL,
       "[2001:db8::1]", -1, 0, -1}}},
    {"SIP/2.0/UDP h;maddr=mcast.example.net.", 1,
     {{"SIP", "2.0", "UDP", "h", N, -1, ";maddr=mcast.example.net.", NULL,
       NULL, "mcast.example.net.", -1, 0, -1}}},
    /* extensions, quoted values holding ";" and ",", folds */
    {"SIP/2.0/UDP h ;\r\n x = \"a,b;c\\\"\" ; y;BRANCH\r\n\t=\r\n z9hG4bKq",
     1,
     {{"SIP", "2.0", "UDP", "h", N, -1,
       ";\r\n x = \"a,b;c\\\"\" ; y;BRANCH\r\n\t=\r\n z9hG4bKq", "z9hG4bKq",
       NULL, NULL, -1, 0, -1}}},
    /* several values: COMMA = SWS "," SWS */
    {"SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/TCP "
     "b.example.com:5061 ;branch=z9hG4bK2 ,\r\n SIP/2.0/TLS [::1]",
     3,
     {{"SIP", "2.0", "UDP", "a.example.com", N, -1, ";branch=z9hG4bK1",
       "z9hG4bK1", NULL, NULL, -1, 0, -1},
      {"SIP", "2.0", "TCP", "b.example.com", N, 5061, ";branch=z9hG4bK2",
       "z9hG4bK2", NULL, NULL, -1, 0, -1},
      {"SIP", "2.0", "TLS", "[::1]", V6, -1, NULL, NULL, NULL, NULL, -1, 0,
       -1}}},
    /* trailing LWS is ignored */
    {"SIP/2.0/UDP h;lr \r\n ", 1,
     {{"SIP", "2.0", "UDP", "h", N, -1, ";lr", NULL, NULL, NULL, -1, 0,
       -1}}},
    {"SIP/2.0/UDP a,SIP/2.0/UDP b;rport,SIP/2.0/UDP c:1", 3,
     {{"SIP", "2.0", "UDP", "a", N, -1, NULL, NULL, NULL, NULL, -1, 0, -1},
      {"SIP", "2.0", "UDP", "b", N, -1, ";rport", NULL, NULL, NULL, -1, 1,
       -1},
      {"SIP", "2.0", "UDP", "c", N, 1, NULL, NULL, NULL, NULL, -1, 0, -1}}},
};

static void check_want(const sipw_via *v, const struct want *w, size_t i,
                       size_t k)
{
    ck_assert_msg(v != NULL, "case %u: value %u missing", (unsigned)i,
                  (unsigned)k);
    ck_assert_slice(v->protocol, w->protocol);
    ck_assert_slice(v->version, w->version);
    ck_assert_slice(v->transport, w->transport);
    ck_assert_slice(v->host, w->host);
    ck_assert_int_eq(v->host_type, w->host_type);
    ck_assert_int_eq(v->port, w->port);
    ck_assert_slice(v->params, w->params);
    ck_assert_slice(v->branch, w->branch);
    ck_assert_slice(v->received, w->received);
    ck_assert_slice(v->maddr, w->maddr);
    ck_assert_int_eq(v->ttl, w->ttl);
    ck_assert_int_eq(v->has_rport, w->has_rport);
    ck_assert_int_eq(v->rport, w->rport);
    ck_assert_ptr_null(v->header);
}

static unsigned char arena_mem[1 << 16];

START_TEST(valid_table)
{
    const struct valid_case *c = &valid[_i];
    const sipw_via *v;
    sipw_arena a;
    sipw_error err;
    size_t k;
    sipw_status st;

    sipw_arena_init(&a, arena_mem, sizeof arena_mem);
    memset(&err, 0, sizeof err);
    st = sipw_via_parse(&v, c->in, strlen(c->in), 0, &a, &err);
    ck_assert_msg(st == SIPW_OK, "case %d: %s at %u: %s", _i,
                  sipw_status_name(st), (unsigned)err.offset,
                  err.reason ? err.reason : "");
    for (k = 0; k < c->n; k++, v = v->next)
        check_want(v, &c->v[k], (size_t)_i, k);
    ck_assert_ptr_null(v);
    ck_assert_uint_ge(sipw_arena_used(&a), c->n * sizeof(sipw_via));
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
        const sipw_via *v = (const sipw_via *)&g; /* must be reset */
        sipw_arena a;
        sipw_error err;
        sipw_status st;
        sipw_arena_init(&a, arena_mem, sizeof arena_mem);
        st = sipw_via_parse(&v, b, n, 0, &a, &err);
        if (st == SIPW_OK) {
            ck_assert_ptr_nonnull(v);
            for (; v; v = v->next) {
                ck_assert(v->host.p >= b && v->host.p + v->host.len <= b + n);
                if (v->params.p)
                    ck_assert(v->params.p > b &&
                              v->params.p + v->params.len <= b + n);
            }
        } else {
            ck_assert_msg(st == SIPW_EVALUE || st == SIPW_EQUOTE,
                          "case %d cut %u: %s", _i, (unsigned)n,
                          sipw_status_name(st));
            ck_assert_int_eq(err.status, st);
            ck_assert_uint_le(err.offset, n);
            ck_assert_ptr_nonnull(err.reason);
            ck_assert_ptr_null(v);
            ck_assert_uint_eq(sipw_arena_used(&a), 0);
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
        const sipw_via *v = (const sipw_via *)arena_mem;
        sipw_arena a, before;
        sipw_error err;
        sipw_status st;
        sipw_arena_init(&a, size ? arena_mem : NULL, size);
        before = a;
        st = sipw_via_parse(&v, c->in, strlen(c->in), 0, &a, &err);
        if (st == SIPW_OK) {
            needed = size;
            ck_assert_ptr_nonnull(v);
            break;
        }
        ck_assert_int_eq(st, SIPW_ENOMEM);
        ck_assert_int_eq(err.status, SIPW_ENOMEM);
        ck_assert_ptr_null(v);
        ck_assert_int_eq(memcmp(&a, &before, sizeof a), 0);
    }
    ck_assert_uint_ge(needed, c->n * sizeof(sipw_via));
    ck_assert_uint_le(needed, c->n * sizeof(sipw_via) + 2 * sizeof(void *) +
                                  sizeof(uint64_t));
}
END_TEST

struct invalid_case {
    const char *in;
    sipw_status st;
    size_t at;
};

static const struct invalid_case invalid[] = {
    {"", SIPW_EVALUE, 0},
    {",SIP/2.0/UDP h", SIPW_EVALUE, 0},
    {" SIP/2.0/UDP h", SIPW_EVALUE, 0},
    /* a missing transport */
    {"SIP/2.0 host", SIPW_EVALUE, 8},
    {"SIP/2.0", SIPW_EVALUE, 7},
    {"SIP//UDP h", SIPW_EVALUE, 4},
    {"SIP/2.0/;branch=x", SIPW_EVALUE, 8},
    /* a missing or bad host */
    {"SIP/2.0/UDP", SIPW_EVALUE, 11},
    {"SIP/2.0/UDP ", SIPW_EVALUE, 12},
    {"SIP/2.0/UDP :]", SIPW_EVALUE, 12},
    {"SIP/2.0/UDP ;branch=z9hG4bK1", SIPW_EVALUE, 12},
    {"SIP/2.0/UDP [2001:db8::1", SIPW_EVALUE, 12},
    {"SIP/2.0/UDP [2001:db8:::1]", SIPW_EVALUE, 23},
    {"SIP/2.0/UDP 2001:db8::1", SIPW_EVALUE, 12},
    {"SIP/2.0/UDP a..b", SIPW_EVALUE, 14},
    {"SIP/2.0/UDP a_b.example.com", SIPW_EVALUE, 13},
    {"SIP/2.0/UDP\r\nh", SIPW_EVALUE, 11},
    /* ports */
    {"SIP/2.0/UDP host:65536", SIPW_EVALUE, 17},
    {"SIP/2.0/UDP host:999999999999999999999", SIPW_EVALUE, 17},
    {"SIP/2.0/UDP host:", SIPW_EVALUE, 17},
    {"SIP/2.0/UDP host: ;x", SIPW_EVALUE, 18},
    {"SIP/2.0/UDP host:x", SIPW_EVALUE, 17},
    {"SIP/2.0/UDP host:-1", SIPW_EVALUE, 17},
    {"SIP/2.0/UDP host:5060:5060", SIPW_EVALUE, 21},
    /* separators: RFC 4475 section 3.1.2.1 (badinv01) */
    {"SIP/2.0/UDP 192.0.2.15;;,;,,", SIPW_EVALUE, 23},
    {"SIP/2.0/UDP h;;", SIPW_EVALUE, 14},
    {"SIP/2.0/UDP h;", SIPW_EVALUE, 14},
    {"SIP/2.0/UDP h,", SIPW_EVALUE, 14},
    {"SIP/2.0/UDP h , ", SIPW_EVALUE, 16},
    {"SIP/2.0/UDP h, ,SIP/2.0/UDP h", SIPW_EVALUE, 15},
    {"SIP/2.0/UDP h extra", SIPW_EVALUE, 14},
    {"SIP/2.0/UDP h\r\nx", SIPW_EVALUE, 13},
    {"SIP/2.0/UDP h;a=\"x", SIPW_EQUOTE, 16},
    {"SIP/2.0/UDP h;a=\"x\\", SIPW_EQUOTE, 18},
    {"SIP/2.0/UDP h;a=b=c", SIPW_EVALUE, 17},
    {"SIP/2.0/UDP h, SIP/2.0/UDP", SIPW_EVALUE, 26},
    /* ttl */
    {"SIP/2.0/UDP h;ttl=256", SIPW_EVALUE, 18},
    {"SIP/2.0/UDP h;ttl=0255", SIPW_EVALUE, 18}, /* ttl = 1*3DIGIT */
    {"SIP/2.0/UDP h;ttl=999999999999999999999", SIPW_EVALUE, 18},
    {"SIP/2.0/UDP h;ttl=1a", SIPW_EVALUE, 18},
    {"SIP/2.0/UDP h;ttl=\"1\"", SIPW_EVALUE, 18},
    {"SIP/2.0/UDP h;ttl", SIPW_EVALUE, 17},
    {"SIP/2.0/UDP h;ttl=", SIPW_EVALUE, 18},
    /* maddr */
    {"SIP/2.0/UDP h;maddr=a_b", SIPW_EVALUE, 20},
    {"SIP/2.0/UDP h;maddr=\"a\"", SIPW_EVALUE, 20},
    {"SIP/2.0/UDP h;maddr=[1::2::3]", SIPW_EVALUE, 20},
    {"SIP/2.0/UDP h;maddr", SIPW_EVALUE, 19},
    /* received */
    {"SIP/2.0/UDP h;received=example.com", SIPW_EVALUE, 23},
    {"SIP/2.0/UDP h;received=1.2.3.256", SIPW_EVALUE, 23},
    {"SIP/2.0/UDP h;received=[2001:db8::1", SIPW_EVALUE, 23},
    {"SIP/2.0/UDP h;received=[192.0.2.1]", SIPW_EVALUE, 23},
    {"SIP/2.0/UDP h;received=2001:db8:::1", SIPW_EVALUE, 23},
    {"SIP/2.0/UDP h;received=\"1.2.3.4\"", SIPW_EVALUE, 23},
    {"SIP/2.0/UDP h;received=", SIPW_EVALUE, 23},
    {"SIP/2.0/UDP h;received", SIPW_EVALUE, 22},
    {"SIP/2.0/UDP h;received=1.2.3.4x", SIPW_EVALUE, 23},
    {"SIP/2.0/UDP h;received=1.2.3.4/8", SIPW_EVALUE, 30},
    /* rport */
    {"SIP/2.0/UDP h;rport=65536", SIPW_EVALUE, 20},
    {"SIP/2.0/UDP h;rport=999999999999999999999", SIPW_EVALUE, 20},
    {"SIP/2.0/UDP h;rport=\"1\"", SIPW_EVALUE, 20},
    {"SIP/2.0/UDP h;rport=", SIPW_EVALUE, 20},
    /* branch */
    {"SIP/2.0/UDP h;branch", SIPW_EVALUE, 20},
    {"SIP/2.0/UDP h;branch=\"z9hG4bK\"", SIPW_EVALUE, 21},
    {"SIP/2.0/UDP h;branch=[::1]", SIPW_EVALUE, 21},
    /* duplicates of the five picked-out parameters */
    {"SIP/2.0/UDP h;branch=a;branch=b", SIPW_EDUP, 23},
    {"SIP/2.0/UDP h;rport;RPORT=1", SIPW_EDUP, 20},
    {"SIP/2.0/UDP h;received=1.2.3.4;Received=1.2.3.4", SIPW_EDUP, 31},
    {"SIP/2.0/UDP h;maddr=a;maddr=a", SIPW_EDUP, 22},
    {"SIP/2.0/UDP h;ttl=1 ; ttl=1", SIPW_EDUP, 22},
};

START_TEST(invalid_table)
{
    const struct invalid_case *c = &invalid[_i];
    const sipw_via *v = (const sipw_via *)arena_mem;
    sipw_arena a;
    sipw_error err;
    sipw_status st;

    sipw_arena_init(&a, arena_mem, sizeof arena_mem);
    memset(&err, 0, sizeof err);
    st = sipw_via_parse(&v, c->in, strlen(c->in), 0, &a, &err);
    ck_assert_msg(st == c->st, "case %d '%s': %s, want %s (%s)", _i, c->in,
                  sipw_status_name(st), sipw_status_name(c->st),
                  err.reason ? err.reason : "");
    ck_assert_int_eq(err.status, c->st);
    ck_assert_msg(err.offset == c->at, "case %d '%s': error at %u, want %u (%s)",
                  _i, c->in, (unsigned)err.offset, (unsigned)c->at,
                  err.reason);
    ck_assert_ptr_nonnull(err.reason);
    ck_assert_ptr_null(err.header.p);
    ck_assert_ptr_null(v);
    ck_assert_uint_eq(sipw_arena_used(&a), 0);
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
        const sipw_via *v;
        sipw_arena a;
        sipw_error err;
        sipw_status st;
        sipw_arena_init(&a, arena_mem, sizeof arena_mem);
        st = sipw_via_parse(&v, b, n, 0, &a, &err);
        if (st != SIPW_OK) {
            ck_assert_uint_le(err.offset, n);
            ck_assert_uint_eq(sipw_arena_used(&a), 0);
        }
        if (n == len) {
            ck_assert_int_eq(st, c->st);
            ck_assert_uint_eq(err.offset, c->at);
        }
    }
    tu_guard_free(&g);
}
END_TEST

START_TEST(arguments)
{
    const sipw_via *v;
    sipw_arena a;
    sipw_error err;
    sipw_arena_init(&a, arena_mem, sizeof arena_mem);
    ck_assert_int_eq(sipw_via_parse(NULL, "SIP/2.0/UDP h", 13, 0, &a, &err),
                     SIPW_EINVAL);
    ck_assert_int_eq(err.status, SIPW_EINVAL);
    ck_assert_int_eq(sipw_via_parse(&v, "SIP/2.0/UDP h", 13, 0, NULL, &err),
                     SIPW_EINVAL);
    ck_assert_ptr_null(v);
    ck_assert_int_eq(sipw_via_parse(&v, NULL, 13, 0, &a, NULL), SIPW_EINVAL);
    ck_assert_int_eq(sipw_via_parse(&v, NULL, 0, 0, &a, &err), SIPW_EVALUE);
    ck_assert_uint_eq(err.offset, 0);
    ck_assert_int_eq(sipw_via_parse(&v, "SIP/2.0/UDP h", 13, 0, &a, NULL),
                     SIPW_OK);
    ck_assert_slice(v->host, "h");
    /* no flag is defined: any bit is refused, arena untouched */
    ck_assert_int_eq(sipw_via_parse(&v, "SIP/2.0/UDP h", 13, 1u, &a, &err),
                     SIPW_EINVAL);
    ck_assert_ptr_null(v);
    ck_assert_int_eq(err.status, SIPW_EINVAL);
    /* an arena without memory */
    sipw_arena_init(&a, NULL, 0);
    ck_assert_int_eq(sipw_via_parse(&v, "SIP/2.0/UDP h", 13, 0, &a, &err),
                     SIPW_ENOMEM);
    ck_assert_uint_eq(err.offset, 0);
    ck_assert_ptr_null(v);
}
END_TEST

/* ENOMEM for the second value points at it; the first is given back. */
START_TEST(enomem_second_value)
{
    static const char in[] = "SIP/2.0/UDP a;branch=z9hG4bK1 , SIP/2.0/UDP b";
    unsigned char mem[sizeof(sipw_via) + 16];
    const sipw_via *v;
    sipw_arena a;
    sipw_error err;
    /* room for exactly one node, whatever the alignment of mem */
    size_t pad = (size_t)((uintptr_t)(mem + sizeof mem) % 16);
    sipw_arena_init(&a, mem, sizeof mem - pad);
    ck_assert_int_eq(sipw_via_parse(&v, in, sizeof in - 1, 0, &a, &err),
                     SIPW_ENOMEM);
    ck_assert_uint_eq(err.offset, 32);
    ck_assert_uint_eq(sipw_arena_used(&a), 0);
}
END_TEST

/* sipw__via appends to a list and sets `header` on each node. */
START_TEST(append_across_lines)
{
    static const char l1[] = "SIP/2.0/UDP a, SIP/2.0/UDP b";
    static const char l2[] = "SIP/2.0/TCP c;branch=z9hG4bK3";
    sipw_header h1, h2;
    sipw_via *first = NULL, *last = NULL;
    const sipw_via *v;
    sipw_arena a;
    struct sipw_tp tp;

    memset(&h1, 0, sizeof h1);
    memset(&h2, 0, sizeof h2);
    sipw_arena_init(&a, arena_mem, sizeof arena_mem);
    tp.buf = l1;
    tp.len = sizeof l1 - 1;
    tp.header.p = "Via";
    tp.header.len = 3;
    tp.arena = &a;
    tp.err = NULL;
    tp.flags = 0;
    ck_assert_int_eq(sipw__via(&tp, l1, l1 + sizeof l1 - 1, &h1, &first,
                               &last),
                     SIPW_OK);
    tp.buf = l2;
    tp.len = sizeof l2 - 1;
    ck_assert_int_eq(sipw__via(&tp, l2, l2 + sizeof l2 - 1, &h2, &first,
                               &last),
                     SIPW_OK);
    v = first;
    ck_assert_slice(v->host, "a");
    ck_assert_ptr_eq(v->header, &h1);
    v = v->next;
    ck_assert_slice(v->host, "b");
    ck_assert_ptr_eq(v->header, &h1);
    v = v->next;
    ck_assert_slice(v->host, "c");
    ck_assert_slice(v->branch, "z9hG4bK3");
    ck_assert_ptr_eq(v->header, &h2);
    ck_assert_ptr_eq(v, last);
    ck_assert_ptr_null(v->next);
}
END_TEST

/* The raw params slice walks with sipw_param_next. */
START_TEST(params_walk)
{
    static const char in[] =
        "SIP/2.0/UDP h:5060 ;received=2001:db8::9:255 ; rport ;"
        "x=\"a;b\";branch=z9hG4bKz";
    const sipw_via *v;
    sipw_arena a;
    sipw_str rest;
    sipw_param pr;
    sipw_arena_init(&a, arena_mem, sizeof arena_mem);
    ck_assert_int_eq(sipw_via_parse(&v, in, sizeof in - 1, 0, &a, NULL),
                     SIPW_OK);
    rest = v->params;
    ck_assert_int_eq(sipw_param_next(&rest, &pr), 1);
    ck_assert_slice(pr.name, "received");
    ck_assert_slice(pr.value, "2001:db8::9:255");
    ck_assert_int_eq(sipw_param_next(&rest, &pr), 1);
    ck_assert_slice(pr.name, "rport");
    ck_assert_ptr_null(pr.value.p);
    ck_assert_int_eq(sipw_param_next(&rest, &pr), 1);
    ck_assert_slice(pr.value, "a;b");
    ck_assert_int_eq(pr.quoted, 1);
    ck_assert_int_eq(sipw_param_next(&rest, &pr), 1);
    ck_assert_slice(pr.value, "z9hG4bKz");
    ck_assert_int_eq(sipw_param_next(&rest, &pr), 0);
    ck_assert_int_eq(sipw_param_find(v->params, "BRANCH", &pr), 1);
    ck_assert_ptr_eq(pr.value.p, v->branch.p);
}
END_TEST

/* 100,000 values on one line, and 200,000 params on one value: linear. */
START_TEST(many_values_linear)
{
    static const char one[] = "SIP/2.0/UDP h;branch=z9hG4bK1 ,";
    size_t n = 100000, k, len = 0, size = n * sizeof(sipw_via) + 64;
    char *buf = malloc(n * (sizeof one - 1));
    unsigned char *mem = malloc(size);
    const sipw_via *v;
    sipw_arena a;
    sipw_error err;

    ck_assert_ptr_nonnull(buf);
    ck_assert_ptr_nonnull(mem);
    for (k = 0; k < n; k++) {
        memcpy(buf + len, one, sizeof one - 1);
        len += sizeof one - 1;
    }
    len--; /* no final "," */
    sipw_arena_init(&a, mem, size);
    ck_assert_int_eq(sipw_via_parse(&v, buf, len, 0, &a, &err), SIPW_OK);
    for (k = 0; v; v = v->next, k++)
        ck_assert_ptr_eq(v->host.p, buf + k * (sizeof one - 1) + 12);
    ck_assert_uint_eq(k, n);
    /* with the "," back: an error at the very end, arena given back */
    sipw_arena_reset(&a);
    ck_assert_int_eq(sipw_via_parse(&v, buf, len + 1, 0, &a, &err),
                     SIPW_EVALUE);
    ck_assert_uint_eq(err.offset, len + 1);
    ck_assert_uint_eq(sipw_arena_used(&a), 0);
    free(buf);
    free(mem);
}
END_TEST

START_TEST(many_params_linear)
{
    size_t n = 200000, k, len;
    char *buf = malloc(16 + n * 6 + 32);
    const sipw_via *v;
    sipw_arena a;
    sipw_error err;

    ck_assert_ptr_nonnull(buf);
    memcpy(buf, "SIP/2.0/UDP h", 13);
    len = 13;
    for (k = 0; k < n; k++) {
        memcpy(buf + len, k % 2 ? " ;x=y" : ";rr=\"\"", k % 2 ? 5 : 6);
        len += k % 2 ? 5 : 6;
    }
    memcpy(buf + len, ";branch=z9hG4bKend", 18);
    len += 18;
    sipw_arena_init(&a, arena_mem, sizeof arena_mem);
    ck_assert_int_eq(sipw_via_parse(&v, buf, len, 0, &a, &err), SIPW_OK);
    ck_assert_slice(v->branch, "z9hG4bKend");
    ck_assert_ptr_eq(v->params.p, buf + 13);
    ck_assert_uint_eq(v->params.len, len - 13);
    /* a duplicate at the very end is still found */
    memcpy(buf + len, ";branch=x", 9);
    ck_assert_int_eq(sipw_via_parse(&v, buf, len + 9, 0, &a, &err), SIPW_EDUP);
    ck_assert_uint_eq(err.offset, len + 1);
    free(buf);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("via");
    TCase *tc = tcase_create("via");
    int nv = (int)(sizeof valid / sizeof valid[0]);
    int ni = (int)(sizeof invalid / sizeof invalid[0]);
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, valid_table, 0, nv);
    tcase_add_loop_test(tc, valid_guard_every_cut, 0, nv);
    tcase_add_loop_test(tc, arena_every_size, 0, nv);
    tcase_add_loop_test(tc, invalid_table, 0, ni);
    tcase_add_loop_test(tc, invalid_guard_every_cut, 0, ni);
    tcase_add_test(tc, arguments);
    tcase_add_test(tc, enomem_second_value);
    tcase_add_test(tc, append_across_lines);
    tcase_add_test(tc, params_walk);
    tcase_add_test(tc, many_values_linear);
    tcase_add_test(tc, many_params_linear);
    suite_add_tcase(s, tc);
    return tu_run(s);
}
