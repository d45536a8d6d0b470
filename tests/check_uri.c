/* SPDX-License-Identifier: MIT */
/* sipwire tests: URIs (RFC 3261 §19.1 and §25.1, RFC 3966 tel, RFC 5118
 * IPv6 references, other schemes), sipw__host(), sipw__ipv6(),
 * sipw_uri_unescape() and sipw_uri_header_next(). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "typed/typed.h"

/* want NULL: the slice must be absent ({NULL, 0}); else exactly want. */
static int slice_is(sipw_str s, const char *want)
{
    if (!want)
        return s.p == NULL && s.len == 0;
    return s.p != NULL && s.len == strlen(want) &&
           memcmp(s.p, want, s.len) == 0;
}

#define ck_assert_slice(what, s, want)                                        \
    ck_assert_msg(slice_is((s), (want)), "%s: %s: got %s'%.*s', want '%s'",   \
                  in, (what), (s).p ? "" : "(absent) ", (int)(s).len,         \
                  (s).p ? (s).p : "", (want) ? (want) : "(absent)")

/* A slice that is absent or lies inside [b, b + n). */
static int slice_inside(sipw_str s, const char *b, size_t n)
{
    if (!s.p)
        return s.len == 0;
    return s.p >= b && s.len <= n && (size_t)(s.p - b) <= n - s.len;
}

static int uri_inside(const sipw_uri *u, const char *b, size_t n)
{
    return slice_inside(u->raw, b, n) && slice_inside(u->scheme, b, n) &&
           slice_inside(u->user, b, n) && slice_inside(u->password, b, n) &&
           slice_inside(u->host, b, n) && slice_inside(u->params, b, n) &&
           slice_inside(u->transport, b, n) &&
           slice_inside(u->user_param, b, n) &&
           slice_inside(u->method, b, n) && slice_inside(u->maddr, b, n) &&
           slice_inside(u->headers, b, n) && slice_inside(u->opaque, b, n);
}

static int uri_is_zero(const sipw_uri *u)
{
    static const sipw_uri zero;
    return memcmp(u, &zero, sizeof zero) == 0;
}

/* --- valid URIs, every field -------------------------------------- */

struct vcase {
    const char *in;
    sipw_scheme id;
    const char *scheme, *user, *password, *host;
    sipw_host_type ht;
    int has_port;
    int32_t port;
    const char *params, *transport, *user_param, *method, *maddr;
    int has_ttl;
    int32_t ttl;
    int lr;
    const char *headers, *opaque;
};

#define PORT(n) .has_port = 1, .port = (n)
#define TTL(n) .has_ttl = 1, .ttl = (n)
#define SIP .id = SIPW_SCHEME_SIP, .scheme = "sip"
#define SIPS .id = SIPW_SCHEME_SIPS, .scheme = "sips"
#define TEL .id = SIPW_SCHEME_TEL, .scheme = "tel"
#define NAME(h) .host = (h), .ht = SIPW_HOST_NAME
#define IPV4(h) .host = (h), .ht = SIPW_HOST_IPV4
#define IPV6(h) .host = (h), .ht = SIPW_HOST_IPV6

static const struct vcase vcases[] = {
    /* RFC 3261 section 19.1.3 examples */
    {"sip:alice@atlanta.com", SIP, .user = "alice", NAME("atlanta.com")},
    {"sip:alice:secretword@atlanta.com;transport=tcp", SIP, .user = "alice",
     .password = "secretword", NAME("atlanta.com"),
     .params = ";transport=tcp", .transport = "tcp"},
    {"sips:alice@atlanta.com?subject=project%20x&priority=urgent", SIPS,
     .user = "alice", NAME("atlanta.com"),
     .headers = "subject=project%20x&priority=urgent"},
    {"sip:+1-212-555-1212:1234@gateway.com;user=phone", SIP,
     .user = "+1-212-555-1212", .password = "1234", NAME("gateway.com"),
     .params = ";user=phone", .user_param = "phone"},
    {"sips:1212@gateway.com", SIPS, .user = "1212", NAME("gateway.com")},
    {"sip:alice@192.0.2.4", SIP, .user = "alice", IPV4("192.0.2.4")},
    {"sip:atlanta.com;method=REGISTER?to=alice%40atlanta.com", SIP,
     NAME("atlanta.com"), .params = ";method=REGISTER", .method = "REGISTER",
     .headers = "to=alice%40atlanta.com"},
    {"sip:alice;day=tuesday@atlanta.com", SIP, .user = "alice;day=tuesday",
     NAME("atlanta.com")},
    /* the scheme is case-insensitive and kept as written */
    {"SIP:Alice@AtLanta.COM", .id = SIPW_SCHEME_SIP, .scheme = "SIP",
     .user = "Alice", NAME("AtLanta.COM")},
    {"sIpS:a@b", .id = SIPW_SCHEME_SIPS, .scheme = "sIpS", .user = "a",
     NAME("b")},
    /* RFC 4475 section 3.1.1.3 (esc01): escaped Request-URI and To */
    {"sip:sips%3Auser%40example.com@example.net", SIP,
     .user = "sips%3Auser%40example.com", NAME("example.net")},
    {"sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31", SIP,
     .user = "cal%6Cer", NAME("host5.example.net"),
     .params = ";%6C%72;n%61me=v%61lue%25%34%31", .lr = 1},
    {"sip:I%20have%20spaces@example.net", SIP, .user = "I%20have%20spaces",
     NAME("example.net")},
    /* RFC 4475 section 3.1.1.4 (escnull) */
    {"sip:null-%00-null@example.com", SIP, .user = "null-%00-null",
     NAME("example.com")},
    {"sip:%00@host5.example.com", SIP, .user = "%00",
     NAME("host5.example.com")},
    {"sip:%00%00@host5.example.com", SIP, .user = "%00%00",
     NAME("host5.example.com")},
    /* RFC 4475 section 3.1.1.9 (semiuri): ";par=" is in the user part */
    {"sip:user;par=u%40example.net@example.com", SIP,
     .user = "user;par=u%40example.net", NAME("example.com")},
    /* RFC 4475 section 3.1.1.2 (intmeth) */
    {"sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!"
     "*pas$wo~d_too.(doesn't-it)@example.com",
     SIP, .user = "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*",
     .password = "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)",
     NAME("example.com")},
    {"sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*@example.com", SIP,
     .user = "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*",
     NAME("example.com")},
    /* RFC 4475 section 3.1.1.1 (wsinv) and 3.3.13 (cparam02) */
    {"sip:vivekg@chair-dnrc.example.com;unknownparam", SIP, .user = "vivekg",
     NAME("chair-dnrc.example.com"), .params = ";unknownparam"},
    {"sip:services.example.com;lr;unknownwith=value;unknown-no-value", SIP,
     NAME("services.example.com"),
     .params = ";lr;unknownwith=value;unknown-no-value", .lr = 1},
    /* RFC 4475 section 3.3.14 (regescrt), 3.1.2.11 (escruri: headers are
     * a Request-URI error, not a URI error) */
    {"sip:user@example.com?Route=%3Csip:sip.example.com%3E", SIP,
     .user = "user", NAME("example.com"),
     .headers = "Route=%3Csip:sip.example.com%3E"},
    /* RFC 5118 */
    {"sip:[2001:db8::10]", SIP, IPV6("[2001:db8::10]")},
    {"sip:[2001:db8::10]:5070", SIP, IPV6("[2001:db8::10]"), PORT(5070)},
    /* section 4.3: the port is the last group of the address */
    {"sip:[2001:db8::10:5070]", SIP, IPV6("[2001:db8::10:5070]")},
    {"sip:user@[2001:db8::10]", SIP, .user = "user", IPV6("[2001:db8::10]")},
    {"sip:user@[2001:db8::192.0.2.1]", SIP, .user = "user",
     IPV6("[2001:db8::192.0.2.1]")},
    {"sip:ted@[::ffff:192.0.2.2]", SIP, .user = "ted",
     IPV6("[::ffff:192.0.2.2]")},
    {"sip:[::ffff:192.0.2.10]:19823", SIP, IPV6("[::ffff:192.0.2.10]"),
     PORT(19823)},
    {"sip:caller@[2001:DB8::9:1];transport=tcp", SIP, .user = "caller",
     IPV6("[2001:DB8::9:1]"), .params = ";transport=tcp",
     .transport = "tcp"},
    {"sip:[::]", SIP, IPV6("[::]")},
    {"sip:[1:2:3:4:5:6:7:8]:1", SIP, IPV6("[1:2:3:4:5:6:7:8]"), PORT(1)},
    {"sip:[1:2:3:4:5:6:7::]", SIP, IPV6("[1:2:3:4:5:6:7::]")},
    {"sip:[::2:3:4:5:6:7:8]", SIP, IPV6("[::2:3:4:5:6:7:8]")},
    {"sip:[1:2:3:4:5:6:192.0.2.1]", SIP, IPV6("[1:2:3:4:5:6:192.0.2.1]")},
    /* hosts and ports */
    {"sip:h", SIP, NAME("h")},
    {"sip:example.com.:5060", SIP, NAME("example.com."), PORT(5060)},
    {"sip:a-b--c.1x.x9", SIP, NAME("a-b--c.1x.x9")},
    {"sip:1.2.3.4.example", SIP, NAME("1.2.3.4.example")},
    {"sip:010.000.1.255", SIP, IPV4("010.000.1.255")},
    {"sip:255.255.255.255:0", SIP, IPV4("255.255.255.255"), PORT(0)},
    {"sip:h:65535", SIP, NAME("h"), PORT(65535)},
    {"sip:h:0000065535", SIP, NAME("h"), PORT(65535)},
    {"sip:fluffy@127.0.0.1:5070", SIP, .user = "fluffy",
     IPV4("127.0.0.1"), PORT(5070)},
    /* userinfo corners */
    {"sip:user:@h", SIP, .user = "user", .password = "", NAME("h")},
    {"sip:u:p%41ss&=+$,@h", SIP, .user = "u", .password = "p%41ss&=+$,",
     NAME("h")},
    {"sip:a?b/c=d@h", SIP, .user = "a?b/c=d", NAME("h")},
    /* no other part may hold "@", so this is user "h?subject=a" */
    {"sip:h?subject=a@b", SIP, .user = "h?subject=a", NAME("b")},
    /* the well-known parameters */
    {"sip:a@b;user=ip;method=INVITE;transport=sctp;ttl=1;maddr=ex.com;lr;"
     "o=1?h=v",
     SIP, .user = "a", NAME("b"),
     .params = ";user=ip;method=INVITE;transport=sctp;ttl=1;maddr=ex.com;lr;"
               "o=1",
     .transport = "sctp", .user_param = "ip", .method = "INVITE",
     .maddr = "ex.com", TTL(1), .lr = 1, .headers = "h=v"},
    {"sip:h;TRANSPORT=UDP;Ttl=255;MADDR=239.255.255.1;Lr;USER=phone", SIP,
     NAME("h"), .params = ";TRANSPORT=UDP;Ttl=255;MADDR=239.255.255.1;Lr;"
                          "USER=phone",
     .transport = "UDP", .maddr = "239.255.255.1", TTL(255), .lr = 1,
     .user_param = "phone"},
    {"sip:h;ttl=0", SIP, NAME("h"), .params = ";ttl=0", TTL(0)},
    {"sip:h;ttl=007", SIP, NAME("h"), .params = ";ttl=007", TTL(7)},
    {"sip:h;maddr=[2001:db8::1];transport=tls", SIP, NAME("h"),
     .params = ";maddr=[2001:db8::1];transport=tls",
     .maddr = "[2001:db8::1]", .transport = "tls"},
    {"sip:h;transport=t%63p;method=!-.*_+'~", SIP, NAME("h"),
     .params = ";transport=t%63p;method=!-.*_+'~", .transport = "t%63p",
     .method = "!-.*_+'~"},
    /* "lr=on" (old proxies) counts as lr */
    {"sip:h;lr=on", SIP, NAME("h"), .params = ";lr=on", .lr = 1},
    /* names that only look like the well-known ones */
    {"sip:h;transports=x;lrr;ttl2=999;x-maddr=1", SIP, NAME("h"),
     .params = ";transports=x;lrr;ttl2=999;x-maddr=1"},
    {"sip:h;p=[x]:/&+$;q=%41", SIP, NAME("h"), .params = ";p=[x]:/&+$;q=%41"},
    {"sip:h;transport=udp;foo;foo;foo=1", SIP, NAME("h"),
     .params = ";transport=udp;foo;foo;foo=1", .transport = "udp"},
    {"sip:h?a=", SIP, NAME("h"), .headers = "a="},
    {"sip:h?a=&b=c:d/e?f[]+$", SIP, NAME("h"), .headers = "a=&b=c:d/e?f[]+$"},
    {"sip:user@example.com:6000;unknownparam1=verylonglonglonglongvalue;"
     "longparamnamenamename=shortvalue;ParameterNameWithNoValue",
     SIP, .user = "user", NAME("example.com"), PORT(6000),
     .params = ";unknownparam1=verylonglonglonglongvalue;"
               "longparamnamenamename=shortvalue;ParameterNameWithNoValue"},
    /* tel (RFC 3966) */
    {"tel:+1-201-555-0123", TEL, .user = "+1-201-555-0123"},
    {"tel:7042;phone-context=example.com", TEL, .user = "7042",
     .params = ";phone-context=example.com"},
    {"tel:863-1234;phone-context=+1-914-555", TEL, .user = "863-1234",
     .params = ";phone-context=+1-914-555"},
    {"tel:+358-555-1234567;postd=pp22", TEL, .user = "+358-555-1234567",
     .params = ";postd=pp22"},
    {"TEL:+1(555)123.4;ext=22;isub=abc%20;x-a=b;flag", .id = SIPW_SCHEME_TEL,
     .scheme = "TEL", .user = "+1(555)123.4",
     .params = ";ext=22;isub=abc%20;x-a=b;flag"},
    {"tel:*67#;phone-context=a.b", TEL, .user = "*67#",
     .params = ";phone-context=a.b"},
    {"tel:AB-cd;PHONE-CONTEXT=x", TEL, .user = "AB-cd",
     .params = ";PHONE-CONTEXT=x"},
    /* other schemes (RFC 4475 sections 3.3.2 to 3.3.4) */
    {"nobodyKnowsThisScheme:totallyopaquecontent", SIPW_SCHEME_OTHER,
     "nobodyKnowsThisScheme", .opaque = "totallyopaquecontent"},
    {"soap.beep://192.0.2.103:3002", SIPW_SCHEME_OTHER, "soap.beep",
     .opaque = "//192.0.2.103:3002"},
    {"isbn:2983792873", SIPW_SCHEME_OTHER, "isbn", .opaque = "2983792873"},
    {"http://www.example.com", SIPW_SCHEME_OTHER, "http",
     .opaque = "//www.example.com"},
    {"name:John_Smith", SIPW_SCHEME_OTHER, "name", .opaque = "John_Smith"},
    {"mailto:a@b.c?subject=x%20y", SIPW_SCHEME_OTHER, "mailto",
     .opaque = "a@b.c?subject=x%20y"},
    {"x-y+z.w1:[::1];a=b,c$!", SIPW_SCHEME_OTHER, "x-y+z.w1",
     .opaque = "[::1];a=b,c$!"},
    {"sipx:a@b", SIPW_SCHEME_OTHER, "sipx", .opaque = "a@b"},
    {"tele:1", SIPW_SCHEME_OTHER, "tele", .opaque = "1"},
};

static void check_fields(const struct vcase *c, const sipw_uri *u,
                         const char *buf, size_t len)
{
    const char *in = c->in;
    ck_assert_msg(u->raw.p == buf && u->raw.len == len, "%s: raw", in);
    ck_assert_int_eq(u->scheme_id, c->id);
    ck_assert_slice("scheme", u->scheme, c->scheme);
    ck_assert_msg(u->scheme.p == buf, "%s: scheme start", in);
    ck_assert_slice("user", u->user, c->user);
    ck_assert_slice("password", u->password, c->password);
    ck_assert_slice("host", u->host, c->host);
    ck_assert_int_eq(u->host_type, c->ht);
    ck_assert_int_eq(u->port, c->has_port ? c->port : -1);
    ck_assert_slice("params", u->params, c->params);
    ck_assert_slice("transport", u->transport, c->transport);
    ck_assert_slice("user_param", u->user_param, c->user_param);
    ck_assert_slice("method", u->method, c->method);
    ck_assert_slice("maddr", u->maddr, c->maddr);
    ck_assert_int_eq(u->ttl, c->has_ttl ? c->ttl : -1);
    ck_assert_int_eq(u->lr, c->lr);
    ck_assert_slice("headers", u->headers, c->headers);
    ck_assert_slice("opaque", u->opaque, c->opaque);
    ck_assert_msg(uri_inside(u, buf, len), "%s: slice outside input", in);
}

START_TEST(valid_fields)
{
    const struct vcase *c = &vcases[_i];
    struct tu_guard g;
    size_t len = strlen(c->in);
    const char *buf;
    sipw_uri u;
    sipw_error err;
    sipw_status st;

    /* At the end of a guard page: reading one byte too far faults. */
    tu_guard_init(&g, len);
    buf = tu_guard_put(&g, c->in, len);
    memset(&err, 0, sizeof err);
    st = sipw_uri_parse(&u, buf, len, SIPW_URI_DEFAULT, &err);
    ck_assert_msg(st == SIPW_OK, "%s: %s at %zu: %s", c->in,
                  sipw_status_name(st), err.offset,
                  err.reason ? err.reason : "");
    check_fields(c, &u, buf, len);
    /* err is not touched on success, and NULL err is fine */
    ck_assert_ptr_null(err.reason);
    ck_assert_int_eq(sipw_uri_parse(&u, buf, len, 0, NULL), SIPW_OK);
    tu_guard_free(&g);
}
END_TEST

/* Every valid URI cut at every length: no crash, no read past the cut,
 * a clean result: OK with slices inside the cut, or an error at or
 * before the cut with a zeroed uri. */
START_TEST(valid_cut_everywhere)
{
    const struct vcase *c = &vcases[_i];
    struct tu_guard g;
    size_t len = strlen(c->in), n;
    const char *buf;
    sipw_uri u;
    sipw_error err;
    sipw_status st;

    tu_guard_init(&g, len);
    for (n = 0; n <= len; n++) {
        buf = tu_guard_put(&g, c->in, n);
        memset(&err, 0, sizeof err);
        st = sipw_uri_parse(&u, buf, n, 0, &err);
        if (st == SIPW_OK) {
            ck_assert_msg(uri_inside(&u, buf, n), "%s cut at %zu", c->in, n);
            ck_assert_msg(u.raw.p == buf && u.raw.len == n, "%s", c->in);
        } else {
            ck_assert_msg(st == SIPW_EVALUE || st == SIPW_EDUP,
                          "%s cut at %zu: %s", c->in, n,
                          sipw_status_name(st));
            ck_assert_int_eq(err.status, st);
            ck_assert_msg(err.offset <= n, "%s cut at %zu: offset %zu",
                          c->in, n, err.offset);
            ck_assert_ptr_nonnull(err.reason);
            ck_assert_msg(uri_is_zero(&u), "%s: uri not zeroed", c->in);
        }
    }
    /* n == len is the valid URI itself */
    ck_assert_int_eq(st, SIPW_OK);
    tu_guard_free(&g);
}
END_TEST

/* --- invalid URIs: exact status and offset ------------------------ */

struct icase {
    const char *in;
    sipw_status st;
    size_t off;
    const char *reason; /* a substring of err.reason, or NULL */
};

static const struct icase icases[] = {
    {"", SIPW_EVALUE, 0, "empty URI"},
    {"sip", SIPW_EVALUE, 3, "\":\""},
    {"sip/x", SIPW_EVALUE, 3, "\":\""},
    {"1sip:x", SIPW_EVALUE, 0, "scheme"},
    {":x", SIPW_EVALUE, 0, "scheme"},
    {"sip:", SIPW_EVALUE, 4, "empty host"},
    {"sips:", SIPW_EVALUE, 5, "empty host"},
    /* userinfo */
    {"sip:@host", SIPW_EVALUE, 4, "empty user"},
    {"sip::pw@host", SIPW_EVALUE, 4, "empty user"},
    {"sip:user:p;w@host", SIPW_EVALUE, 10, "password"},
    {"sip:user:a:b@h", SIPW_EVALUE, 10, "password"},
    {"sip:user:a/b@h", SIPW_EVALUE, 10, "password"},
    {"sip:a@b@c", SIPW_EVALUE, 7, "host"},
    {"sip:a[b@c", SIPW_EVALUE, 5, "host"},
    {"sip:u@", SIPW_EVALUE, 6, "empty host"},
    /* %-escapes: the "%" itself */
    {"sip:a%4", SIPW_EVALUE, 5, "%-escape"},
    {"sip:a%", SIPW_EVALUE, 5, "%-escape"},
    {"sip:a%zz@b", SIPW_EVALUE, 5, "%-escape"},
    {"sip:a%4g@b", SIPW_EVALUE, 5, "%-escape"},
    {"sip:a@b;x=%4", SIPW_EVALUE, 10, "%-escape"},
    {"sip:a@b;x%=1", SIPW_EVALUE, 9, "%-escape"},
    {"sip:a@b?h=%", SIPW_EVALUE, 10, "%-escape"},
    {"sip:a@b?%41=%g1", SIPW_EVALUE, 12, "%-escape"},
    {"sip:a@b%41", SIPW_EVALUE, 7, "%-escape"},
    {"tel:+1;a=%", SIPW_EVALUE, 9, "%-escape"},
    {"x:%", SIPW_EVALUE, 2, "%-escape"},
    /* "<", ">", white space (RFC 4475 sections 3.1.2.7 and 3.1.2.8) */
    {"<sip:a@b>", SIPW_EVALUE, 0, "\"<\""},
    {"sip:a@b>", SIPW_EVALUE, 7, "\"<\""},
    {"sip:<a@b", SIPW_EVALUE, 4, "\"<\""},
    {"sip:a@b; lr", SIPW_EVALUE, 8, "white space"},
    {"sip:user@example.com; lr", SIPW_EVALUE, 21, "white space"},
    {"sip:a @b", SIPW_EVALUE, 5, "white space"},
    {"sip:a@b ", SIPW_EVALUE, 7, "white space"},
    {"sip:a@b\t", SIPW_EVALUE, 7, "white space"},
    {" sip:a@b", SIPW_EVALUE, 0, "white space"},
    {"sip:a@b\r\n", SIPW_EVALUE, 7, "line break"},
    {"sip:a@b;x=\r\n y", SIPW_EVALUE, 10, "line break"},
    {"x:a b", SIPW_EVALUE, 3, "white space"},
    {"x:<a>", SIPW_EVALUE, 2, "\"<\""},
    /* hosts */
    {"sip:2001:db8::10", SIPW_EVALUE, 4, "brackets"},
    {"sip:user@2001:db8::10", SIPW_EVALUE, 9, "brackets"},
    {"sip:[2001:db8::1", SIPW_EVALUE, 4, "unterminated IPv6"},
    {"sip:[", SIPW_EVALUE, 4, "unterminated IPv6"},
    {"sip:[2001:db8::g]", SIPW_EVALUE, 15, "IPv6"},
    {"sip:[2001:db8::1 ]", SIPW_EVALUE, 16, "white space"},
    {"sip:user@[2001:db8:::192.0.2.1]", SIPW_EVALUE, 20, "\":::\""},
    {"sip:[2001:db8:::1]", SIPW_EVALUE, 15, "\":::\""},
    {"sip:[1::2::3]", SIPW_EVALUE, 9, "more than one"},
    {"sip:[]", SIPW_EVALUE, 5, "empty IPv6"},
    {"sip:[1:2:3:4:5:6:7]", SIPW_EVALUE, 18, "too few"},
    {"sip:[1:2:3:4:5:6:7:8:9]", SIPW_EVALUE, 21, "too many"},
    {"sip:[1::3:4:5:6:7:8:9]", SIPW_EVALUE, 20, "too many"},
    {"sip:[1:2:3:4:5:6:7:8::]", SIPW_EVALUE, 20, "too many"},
    {"sip:[12345::1]", SIPW_EVALUE, 9, "4 hex digits"},
    {"sip:[:1::]", SIPW_EVALUE, 5, "single \":\""},
    {"sip:[1:]", SIPW_EVALUE, 6, "single \":\""},
    {"sip:[::1.2.3.4.5]", SIPW_EVALUE, 14, "IPv4"},
    {"sip:[1.2.3.4]", SIPW_EVALUE, 5, "IPv4"},
    {"sip:[::1.2.3.4:1]", SIPW_EVALUE, 14, "IPv4"},
    {"sip:[1:2:3:4:5:6:7:1.2.3.4]", SIPW_EVALUE, 19, "too many"},
    {"sip:[::1]x", SIPW_EVALUE, 9, "host"},
    {"sip:[::1]:5060x", SIPW_EVALUE, 14, "port"},
    {"sip:a@-b.com", SIPW_EVALUE, 6, "start with \"-\""},
    {"sip:a@b-.com", SIPW_EVALUE, 7, "end in \"-\""},
    {"sip:a@b.com-", SIPW_EVALUE, 11, "end in \"-\""},
    {"sip:a@b..com", SIPW_EVALUE, 8, "empty label"},
    {"sip:a@.b", SIPW_EVALUE, 6, "empty label"},
    {"sip:a@1.2.3.256", SIPW_EVALUE, 12, "above 255"},
    {"sip:a@1.2.3000.1", SIPW_EVALUE, 10, "above 255"},
    {"sip:a@1.2.3", SIPW_EVALUE, 6, "IPv4"},
    {"sip:a@1.2.3.4.5", SIPW_EVALUE, 6, "IPv4"},
    {"sip:a@x.1a", SIPW_EVALUE, 8, "letter"},
    {"sip:a@x.1a.", SIPW_EVALUE, 8, "letter"},
    {"sip:a@exa_mple.com", SIPW_EVALUE, 9, "host"},
    {"sip:a@b!c", SIPW_EVALUE, 7, "host"},
    /* ports */
    {"sip:a@b:", SIPW_EVALUE, 8, "empty port"},
    {"sip:a@b:;lr", SIPW_EVALUE, 8, "port"},
    {"sip:a@b:x", SIPW_EVALUE, 8, "port"},
    {"sip:a@b:65536", SIPW_EVALUE, 8, "port above 65535"},
    {"sip:a@b:99999999999999999999", SIPW_EVALUE, 8, "port above 65535"},
    {"sip:a@b:5060x", SIPW_EVALUE, 12, "port"},
    {"sip:a@b:5060:1", SIPW_EVALUE, 12, "port"},
    {"sip:a@b:-1", SIPW_EVALUE, 8, "port"},
    /* uri-parameters */
    {"sip:a@b;", SIPW_EVALUE, 8, "empty parameter name"},
    {"sip:a@b;;lr", SIPW_EVALUE, 8, "empty parameter name"},
    {"sip:a@b;=x", SIPW_EVALUE, 8, "empty parameter name"},
    {"sip:a@b;lr;", SIPW_EVALUE, 11, "empty parameter name"},
    {"sip:a@b;x=", SIPW_EVALUE, 10, "empty parameter value"},
    {"sip:a@b;x=;y", SIPW_EVALUE, 10, "empty parameter value"},
    {"sip:a@b;transport=", SIPW_EVALUE, 18, "empty parameter value"},
    {"sip:a@b;transport=;lr", SIPW_EVALUE, 18, "empty parameter value"},
    {"sip:a@b;transport", SIPW_EVALUE, 17, "needs a value"},
    {"sip:a@b;ttl;lr", SIPW_EVALUE, 11, "needs a value"},
    {"sip:a@b;maddr?x=y", SIPW_EVALUE, 13, "needs a value"},
    {"sip:a@b;a=b=c", SIPW_EVALUE, 11, "parameter"},
    {"sip:a@b;a=b@c", SIPW_EVALUE, 11, "parameter"},
    {"sip:a@b;user=a/b", SIPW_EVALUE, 14, "token"},
    {"sip:a@b;method=IN(VITE", SIPW_EVALUE, 17, "token"},
    {"sip:a@b;ttl=256", SIPW_EVALUE, 12, "ttl above 255"},
    {"sip:a@b;ttl=999", SIPW_EVALUE, 12, "ttl above 255"},
    {"sip:a@b;ttl=1000", SIPW_EVALUE, 12, "3 digits"},
    {"sip:a@b;ttl=-1", SIPW_EVALUE, 12, "ttl"},
    {"sip:a@b;ttl=25x", SIPW_EVALUE, 14, "ttl"},
    {"sip:a@b;maddr=a..b", SIPW_EVALUE, 16, "empty label"},
    {"sip:a@b;maddr=[::1", SIPW_EVALUE, 14, "unterminated IPv6"},
    {"sip:a@b;maddr=a_b", SIPW_EVALUE, 15, "maddr"},
    {"sip:a@b;maddr=2001:db8::1", SIPW_EVALUE, 14, "brackets"},
    /* duplicates of the well-known parameters: at the second name */
    {"sip:a@b;transport=udp;TRANSPORT=tcp", SIPW_EDUP, 22, "duplicate"},
    {"sip:a@b;lr;lr", SIPW_EDUP, 11, "duplicate"},
    {"sip:a@b;lr;lr=on", SIPW_EDUP, 11, "duplicate"},
    {"sip:a@b;lr;%6c%72", SIPW_EDUP, 11, "duplicate"},
    {"sip:a@b;method=A;Method=B", SIPW_EDUP, 17, "duplicate"},
    {"sip:a@b;user=ip;x;user=phone", SIPW_EDUP, 18, "duplicate"},
    {"sip:a@b;ttl=1;ttl=1", SIPW_EDUP, 14, "duplicate"},
    {"sip:a@b;maddr=x;maddr=y", SIPW_EDUP, 16, "duplicate"},
    /* headers */
    {"sip:a@b?", SIPW_EVALUE, 8, "empty header name"},
    {"sip:a@b?x", SIPW_EVALUE, 9, "\"=\""},
    {"sip:a@b?=x", SIPW_EVALUE, 8, "empty header name"},
    {"sip:a@b?a=b&", SIPW_EVALUE, 12, "empty header name"},
    {"sip:a@b?a=b&&c=d", SIPW_EVALUE, 12, "empty header name"},
    {"sip:a@b?a=b;c", SIPW_EVALUE, 11, "header"},
    {"sip:a@b?a=b=c", SIPW_EVALUE, 11, "header"},
    {"sip:a@b?a;b=c", SIPW_EVALUE, 9, "\"=\""},
    /* tel */
    {"tel:", SIPW_EVALUE, 4, "empty telephone number"},
    {"tel:+", SIPW_EVALUE, 5, "digit"},
    {"tel:+-.", SIPW_EVALUE, 7, "digit"},
    {"tel:--", SIPW_EVALUE, 6, "digit"},
    {"tel:7042", SIPW_EVALUE, 4, "phone-context"},
    {"tel:7042;ext=1", SIPW_EVALUE, 4, "phone-context"},
    {"tel:+1 2", SIPW_EVALUE, 6, "white space"},
    {"tel:+12?x", SIPW_EVALUE, 7, "telephone number"},
    {"tel:+1g", SIPW_EVALUE, 6, "telephone number"},
    {"tel:x1", SIPW_EVALUE, 4, "telephone number"},
    {"tel:+1;", SIPW_EVALUE, 7, "empty parameter name"},
    {"tel:+1;=x", SIPW_EVALUE, 7, "parameter name"},
    {"tel:+1;a_b=1", SIPW_EVALUE, 8, "tel parameter"},
    {"tel:+1;ext", SIPW_EVALUE, 10, "needs a value"},
    {"tel:+1;ext=", SIPW_EVALUE, 11, "empty parameter value"},
    {"tel:+1;ext=a", SIPW_EVALUE, 11, "ext"},
    {"tel:+1;ext=12a", SIPW_EVALUE, 13, "ext"},
    {"tel:+1;ext=1;ext=2", SIPW_EDUP, 13, "duplicate"},
    {"tel:+1;isub=1;ISUB=2", SIPW_EDUP, 14, "duplicate"},
    {"tel:1;phone-context=", SIPW_EVALUE, 20, "empty parameter value"},
    {"tel:1;phone-context=-a", SIPW_EVALUE, 20, "phone-context"},
    {"tel:1;phone-context=+", SIPW_EVALUE, 20, "phone-context"},
    {"tel:1;phone-context=a.b_c", SIPW_EVALUE, 23, "phone-context"},
    {"tel:1;phone-context=a;phone-context=b", SIPW_EDUP, 22, "duplicate"},
    /* other schemes */
    {"x:", SIPW_EVALUE, 2, "empty URI after the scheme"},
    {"http://a#frag", SIPW_EVALUE, 8, "URI"},
    {"x:a\"b", SIPW_EVALUE, 3, "URI"},
    {"x:a{b}", SIPW_EVALUE, 3, "URI"},
    {"x:\x80", SIPW_EVALUE, 2, "URI"},
    {"sip:\xc3\xa9@h", SIPW_EVALUE, 4, "host"},
};

START_TEST(invalid_exact)
{
    const struct icase *c = &icases[_i];
    struct tu_guard g;
    size_t len = strlen(c->in);
    const char *buf;
    sipw_uri u;
    sipw_error err;
    sipw_status st;

    tu_guard_init(&g, len);
    buf = tu_guard_put(&g, c->in, len);
    memset(&u, 0xa5, sizeof u);
    memset(&err, 0, sizeof err);
    st = sipw_uri_parse(&u, buf, len, 0, &err);
    ck_assert_msg(st == c->st, "'%s': got %s at %zu (%s), want %s at %zu",
                  c->in, sipw_status_name(st), err.offset,
                  err.reason ? err.reason : "", sipw_status_name(c->st),
                  c->off);
    ck_assert_int_eq(err.status, c->st);
    ck_assert_msg(err.offset == c->off, "'%s': offset %zu (%s), want %zu",
                  c->in, err.offset, err.reason, c->off);
    ck_assert_uint_eq(err.line, 1);
    ck_assert_uint_eq(err.column, c->off + 1);
    ck_assert_ptr_null(err.header.p);
    ck_assert_ptr_nonnull(err.reason);
    if (c->reason)
        ck_assert_msg(strstr(err.reason, c->reason) != NULL,
                      "'%s': reason '%s' lacks '%s'", c->in, err.reason,
                      c->reason);
    ck_assert_msg(uri_is_zero(&u), "'%s': uri not zeroed", c->in);
    /* and without an error report */
    ck_assert_int_eq(sipw_uri_parse(&u, buf, len, 0, NULL), c->st);
    tu_guard_free(&g);
}
END_TEST

/* Every invalid URI cut at every length: no crash, no over-read. */
START_TEST(invalid_cut_everywhere)
{
    const struct icase *c = &icases[_i];
    struct tu_guard g;
    size_t len = strlen(c->in), n;
    const char *buf;
    sipw_uri u;
    sipw_error err;
    sipw_status st;

    tu_guard_init(&g, len);
    for (n = 0; n <= len; n++) {
        buf = tu_guard_put(&g, c->in, n);
        st = sipw_uri_parse(&u, buf, n, 0, &err);
        if (st != SIPW_OK)
            ck_assert_msg(err.offset <= n, "%s cut at %zu", c->in, n);
        else
            ck_assert(uri_inside(&u, buf, n));
    }
    tu_guard_free(&g);
}
END_TEST

/* The error offset counts from tp->buf, not from the URI's start: the
 * typed parsers pass the whole message. */
START_TEST(offsets_from_tp_buf)
{
    static const char msg[] = "INVITE sip:a@b;ttl=300 SIP/2.0\r\n";
    struct sipw_tp tp;
    sipw_error err;
    sipw_uri u;

    memset(&tp, 0, sizeof tp);
    tp.buf = msg;
    tp.len = sizeof msg - 1;
    tp.err = &err;
    ck_assert_int_eq(sipw__uri(&tp, msg + 7, msg + 22, &u), SIPW_EVALUE);
    ck_assert_uint_eq(err.offset, 19);
    ck_assert_uint_eq(err.column, 20);
    ck_assert_int_eq(sipw__uri(&tp, msg + 7, msg + 21, &u), SIPW_OK);
    ck_assert_int_eq(u.ttl, 30);
    ck_assert_ptr_eq(u.raw.p, msg + 7);
    ck_assert_uint_eq(u.raw.len, 14);
}
END_TEST

START_TEST(bad_arguments)
{
    sipw_uri u;
    sipw_error err;

    memset(&u, 0xa5, sizeof u);
    ck_assert_int_eq(sipw_uri_parse(&u, "sip:a", 5, 1u, &err), SIPW_EINVAL);
    ck_assert_int_eq(err.status, SIPW_EINVAL);
    ck_assert(uri_is_zero(&u));
    ck_assert_int_eq(sipw_uri_parse(NULL, "sip:a", 5, 0, &err), SIPW_EINVAL);
    ck_assert_int_eq(sipw_uri_parse(&u, NULL, 5, 0, &err), SIPW_EINVAL);
    ck_assert(uri_is_zero(&u));
    /* NULL with length 0 is just an empty URI */
    ck_assert_int_eq(sipw_uri_parse(&u, NULL, 0, 0, &err), SIPW_EVALUE);
    ck_assert_uint_eq(err.offset, 0);
}
END_TEST

/* --- port and ttl boundaries -------------------------------------- */

START_TEST(port_boundaries)
{
    static const struct {
        const char *in;
        int32_t port; /* -2: error */
    } t[] = {
        {"sip:h:0", 0},
        {"sip:h:1", 1},
        {"sip:h:5060", 5060},
        {"sip:h:65535", 65535},
        {"sip:h:065535", 65535},
        {"sip:h:65536", -2},
        {"sip:h:65540", -2},
        {"sip:h:100000", -2},
        {"sip:h:4294967296", -2},
        {"sip:h:4294972831", -2}, /* 65535 + 2^32: no wrap-around */
        {"sip:h:99999999999999999999", -2},
        {"sip:h:18446744073709617151", -2}, /* 65535 + 2^64 */
    };
    size_t i;
    sipw_uri u;
    sipw_error err;
    for (i = 0; i < sizeof t / sizeof t[0]; i++) {
        sipw_status st = sipw_uri_parse(&u, t[i].in, strlen(t[i].in), 0,
                                        &err);
        if (t[i].port == -2) {
            ck_assert_msg(st == SIPW_EVALUE, "%s", t[i].in);
            ck_assert_uint_eq(err.offset, 6);
            ck_assert_str_eq(err.reason, "port above 65535");
        } else {
            ck_assert_msg(st == SIPW_OK, "%s", t[i].in);
            ck_assert_int_eq(u.port, t[i].port);
        }
    }
}
END_TEST

START_TEST(ttl_boundaries)
{
    sipw_uri u;
    sipw_error err;
    ck_assert_int_eq(sipw_uri_parse(&u, "sip:h;ttl=255", 13, 0, &err),
                     SIPW_OK);
    ck_assert_int_eq(u.ttl, 255);
    ck_assert_int_eq(sipw_uri_parse(&u, "sip:h;ttl=256", 13, 0, &err),
                     SIPW_EVALUE);
    ck_assert_uint_eq(err.offset, 10);
    ck_assert_int_eq(sipw_uri_parse(&u, "sip:h;ttl=0", 11, 0, &err),
                     SIPW_OK);
    ck_assert_int_eq(u.ttl, 0);
    ck_assert_int_eq(sipw_uri_parse(&u, "sip:h;ttl=1;lr", 14, 0, &err),
                     SIPW_OK);
    ck_assert_int_eq(u.ttl, 1);
    ck_assert_int_eq(u.lr, 1);
}
END_TEST

/* --- sipw__host and sipw__ipv6 ------------------------------------ */

static const struct {
    const char *in;
    sipw_host_type t;
} hcases[] = {
    {"example.com", SIPW_HOST_NAME},
    {"example.com.", SIPW_HOST_NAME},
    {"a", SIPW_HOST_NAME},
    {"A-1.b--2.C", SIPW_HOST_NAME},
    {"1.2.3.4.x", SIPW_HOST_NAME},
    {"a.com1", SIPW_HOST_NAME},
    {"1.2.3.4", SIPW_HOST_IPV4},
    {"0.0.0.0", SIPW_HOST_IPV4},
    {"255.255.255.255", SIPW_HOST_IPV4},
    {"010.1.001.99", SIPW_HOST_IPV4},
    {"256.1.1.1", SIPW_HOST_NONE},
    {"1.2.3.260", SIPW_HOST_NONE},
    {"1.2.3.1000", SIPW_HOST_NONE},
    {"1.2.3", SIPW_HOST_NONE},
    {"1.2.3.4.", SIPW_HOST_NONE},
    {"1.2.3.4.5", SIPW_HOST_NONE},
    {"1.2.3.4a", SIPW_HOST_NONE},
    {"1.2..3", SIPW_HOST_NONE},
    {"x.1", SIPW_HOST_NONE},
    {"x.1a", SIPW_HOST_NONE},
    {"123", SIPW_HOST_NONE},
    {"-a.com", SIPW_HOST_NONE},
    {"a-.com", SIPW_HOST_NONE},
    {"a.com-", SIPW_HOST_NONE},
    {"a..com", SIPW_HOST_NONE},
    {".a", SIPW_HOST_NONE},
    {"..", SIPW_HOST_NONE},
    {"exa_mple.com", SIPW_HOST_NONE},
    {"a b", SIPW_HOST_NONE},
    {"", SIPW_HOST_NONE},
    {"example.com:5060", SIPW_HOST_NONE},
    {"[::1]", SIPW_HOST_IPV6},
    {"[::]", SIPW_HOST_IPV6},
    {"[2001:db8::10]", SIPW_HOST_IPV6},
    {"[2001:DB8::10:5070]", SIPW_HOST_IPV6},
    {"[::ffff:192.0.2.10]", SIPW_HOST_IPV6},
    {"[2001:db8::192.0.2.1]", SIPW_HOST_IPV6},
    {"[1:2:3:4:5:6:7:8]", SIPW_HOST_IPV6},
    {"[1:2:3:4:5:6:1.2.3.4]", SIPW_HOST_IPV6},
    {"[::1.2.3.4]", SIPW_HOST_IPV6},
    {"[1::3:4:5:6:7:8]", SIPW_HOST_IPV6},
    {"[1:2:3:4:5:6:7::]", SIPW_HOST_IPV6},
    {"[ffff::]", SIPW_HOST_IPV6},
    /* RFC 5118 section 4.10: rejected, see grammar/uri.re */
    {"[2001:db8:::192.0.2.1]", SIPW_HOST_NONE},
    {"[1:::2]", SIPW_HOST_NONE},
    {"[:::]", SIPW_HOST_NONE},
    {"[1:2:3:4:5:6:7:8:9]", SIPW_HOST_NONE},
    {"[1:2:3:4:5:6:7]", SIPW_HOST_NONE},
    {"[1::2:3:4:5:6:7:8]", SIPW_HOST_NONE},
    {"[1:2:3:4:5:6:7:8::]", SIPW_HOST_NONE},
    {"[::1:2:3:4:5:6:7:8]", SIPW_HOST_NONE},
    {"[1:2:3:4:5:6:7:1.2.3.4]", SIPW_HOST_NONE},
    {"[1:2:3:4:5:1.2.3.4]", SIPW_HOST_NONE},
    {"[::1.2.3.4:1]", SIPW_HOST_NONE},
    {"[::1.2.3]", SIPW_HOST_NONE},
    {"[::256.1.1.1]", SIPW_HOST_NONE},
    {"[12345::]", SIPW_HOST_NONE},
    {"[1::2::3]", SIPW_HOST_NONE},
    {"[:1::]", SIPW_HOST_NONE},
    {"[1:]", SIPW_HOST_NONE},
    {"[:]", SIPW_HOST_NONE},
    {"[::1", SIPW_HOST_NONE},
    {"::1]", SIPW_HOST_NONE},
    {"[]", SIPW_HOST_NONE},
    {"[", SIPW_HOST_NONE},
    {"[1.2.3.4]", SIPW_HOST_NONE},
    {"[::1]:5060", SIPW_HOST_NONE},
    {"[::g]", SIPW_HOST_NONE},
    {"2001:db8::1", SIPW_HOST_NONE},
    {"::1", SIPW_HOST_NONE},
};

START_TEST(host_direct)
{
    struct tu_guard g;
    const char *in = hcases[_i].in, *buf;
    size_t len = strlen(in), n;
    sipw_host_type t;

    tu_guard_init(&g, len);
    buf = tu_guard_put(&g, in, len);
    t = sipw__host(buf, buf + len);
    ck_assert_msg(t == hcases[_i].t, "'%s': got %d want %d", in, t,
                  hcases[_i].t);
    for (n = 0; n < len; n++) { /* every cut: no over-read */
        buf = tu_guard_put(&g, in, n);
        (void)sipw__host(buf, buf + n);
    }
    tu_guard_free(&g);
}
END_TEST

START_TEST(ipv6_direct)
{
    static const struct {
        const char *in;
        int ok;
    } t[] = {
        {"2001:db8::9:255", 1},
        {"2001:db8::10:5070", 1},
        {"::", 1},
        {"::1", 1},
        {"1::", 1},
        {"::ffff:192.0.2.10", 1},
        {"2001:db8::192.0.2.1", 1},
        {"1:2:3:4:5:6:7:8", 1},
        {"1:2:3:4:5:6:1.2.3.4", 1},
        {"fe80::1:2:3:4:5:6", 1},
        {"FFFF:ffff:0:0:0:0:0:1", 1},
        {"", 0},
        {"[::1]", 0},
        {"2001:db8:::192.0.2.1", 0},
        {":::", 0},
        {"1:2:3:4:5:6:7", 0},
        {"1:2:3:4:5:6:7:8:9", 0},
        {"1::2::3", 0},
        {"12345::", 0},
        {"1.2.3.4", 0},
        {"::1.2.3.4.5", 0},
        {"::1.2.3.4::", 0},
        {"1:", 0},
        {":1", 0},
        {"g::", 0},
        {"::1 ", 0},
    };
    struct tu_guard g;
    size_t i, len;
    const char *buf;

    tu_guard_init(&g, 64);
    for (i = 0; i < sizeof t / sizeof t[0]; i++) {
        len = strlen(t[i].in);
        buf = tu_guard_put(&g, t[i].in, len);
        ck_assert_msg(sipw__ipv6(buf, buf + len) == t[i].ok, "'%s'",
                      t[i].in);
    }
    tu_guard_free(&g);
}
END_TEST

/* --- sipw_uri_unescape -------------------------------------------- */

START_TEST(unescape)
{
    char buf[64];
    sipw_str s;
    sipw_uri u;

    s.p = "a%20b";
    s.len = 5;
    ck_assert_uint_eq(sipw_uri_unescape(s, buf, sizeof buf), 3);
    ck_assert_str_eq(buf, "a b");
    /* cap 0: nothing written, dst may be NULL */
    ck_assert_uint_eq(sipw_uri_unescape(s, NULL, 0), 3);
    buf[0] = 'X';
    ck_assert_uint_eq(sipw_uri_unescape(s, buf, 0), 3);
    ck_assert_int_eq(buf[0], 'X');
    /* exact fit: 3 bytes and the NUL */
    memset(buf, 'X', sizeof buf);
    ck_assert_uint_eq(sipw_uri_unescape(s, buf, 4), 3);
    ck_assert_str_eq(buf, "a b");
    /* short: truncated and terminated, full length returned */
    memset(buf, 'X', sizeof buf);
    ck_assert_uint_eq(sipw_uri_unescape(s, buf, 3), 3);
    ck_assert_str_eq(buf, "a ");
    ck_assert_int_eq(buf[3], 'X');
    memset(buf, 'X', sizeof buf);
    ck_assert_uint_eq(sipw_uri_unescape(s, buf, 1), 3);
    ck_assert_int_eq(buf[0], '\0');
    ck_assert_int_eq(buf[1], 'X');

    /* RFC 4475 section 3.1.1.3 */
    ck_assert_int_eq(sipw_uri_parse(&u, "sip:sips%3Auser%40example.com@"
                                        "example.net", 41, 0, NULL),
                     SIPW_OK);
    ck_assert_uint_eq(sipw_uri_unescape(u.user, buf, sizeof buf), 21);
    ck_assert_str_eq(buf, "sips:user@example.com");
    /* RFC 4475 section 3.1.1.4: %00 is a byte, not a terminator */
    ck_assert_int_eq(sipw_uri_parse(&u, "sip:null-%00-null@example.com", 29,
                                    0, NULL),
                     SIPW_OK);
    ck_assert_uint_eq(sipw_uri_unescape(u.user, buf, sizeof buf), 11);
    ck_assert_int_eq(memcmp(buf, "null-\0-null\0", 12), 0);
    /* upper and lower case hex; invalid escapes copied as they are */
    s.p = "%41%6a%4A%%4%zz%";
    s.len = strlen(s.p);
    ck_assert_uint_eq(sipw_uri_unescape(s, buf, sizeof buf), 10);
    ck_assert_str_eq(buf, "AjJ%%4%zz%");
    s.p = "%ff";
    s.len = 3;
    ck_assert_uint_eq(sipw_uri_unescape(s, buf, sizeof buf), 1);
    ck_assert_int_eq((unsigned char)buf[0], 0xff);
    /* escape at the very end of the slice (cut from a longer buffer) */
    s.p = "ab%41";
    s.len = 4;
    ck_assert_uint_eq(sipw_uri_unescape(s, buf, sizeof buf), 4);
    ck_assert_str_eq(buf, "ab%4");
    /* empty and absent */
    s.p = NULL;
    s.len = 0;
    ck_assert_uint_eq(sipw_uri_unescape(s, buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "");
}
END_TEST

/* --- sipw_uri_header_next ----------------------------------------- */

START_TEST(header_next)
{
    static const char in[] =
        "sips:alice@atlanta.com?subject=project%20x&priority=urgent&e=&"
        "r=%3Csip:a?b%3E";
    sipw_uri u;
    sipw_str rest, name, value;

    ck_assert_int_eq(sipw_uri_parse(&u, in, sizeof in - 1, 0, NULL), SIPW_OK);
    rest = u.headers;
    ck_assert_int_eq(sipw_uri_header_next(&rest, &name, &value), 1);
    ck_assert_slice("name", name, "subject");
    ck_assert_slice("value", value, "project%20x");
    ck_assert_int_eq(sipw_uri_header_next(&rest, &name, &value), 1);
    ck_assert_slice("name", name, "priority");
    ck_assert_slice("value", value, "urgent");
    ck_assert_int_eq(sipw_uri_header_next(&rest, &name, &value), 1);
    ck_assert_slice("name", name, "e");
    ck_assert_slice("value", value, "");
    ck_assert_int_eq(sipw_uri_header_next(&rest, &name, &value), 1);
    ck_assert_slice("name", name, "r");
    ck_assert_slice("value", value, "%3Csip:a?b%3E");
    ck_assert_int_eq(sipw_uri_header_next(&rest, &name, &value), 0);
    ck_assert_int_eq(sipw_uri_header_next(&rest, &name, &value), 0);

    /* no headers */
    ck_assert_int_eq(sipw_uri_parse(&u, "sip:h", 5, 0, NULL), SIPW_OK);
    rest = u.headers;
    ck_assert_int_eq(sipw_uri_header_next(&rest, &name, &value), 0);
    ck_assert_int_eq(sipw_uri_header_next(NULL, &name, &value), 0);
}
END_TEST

/* The params slice walks with sipw_param_next() and stops before "?". */
START_TEST(params_walk)
{
    static const char in[] = "sip:h;transport=tcp;lr;maddr=[::1];x=a:b?h=v";
    sipw_uri u;
    sipw_str rest;
    sipw_param prm;

    ck_assert_int_eq(sipw_uri_parse(&u, in, sizeof in - 1, 0, NULL), SIPW_OK);
    rest = u.params;
    ck_assert_int_eq(sipw_param_next(&rest, &prm), 1);
    ck_assert_slice("name", prm.name, "transport");
    ck_assert_slice("value", prm.value, "tcp");
    ck_assert_int_eq(sipw_param_next(&rest, &prm), 1);
    ck_assert_slice("name", prm.name, "lr");
    ck_assert_slice("value", prm.value, NULL);
    ck_assert_int_eq(sipw_param_next(&rest, &prm), 1);
    ck_assert_slice("name", prm.name, "maddr");
    ck_assert_slice("value", prm.value, "[::1]");
    ck_assert_int_eq(sipw_param_next(&rest, &prm), 1);
    ck_assert_slice("name", prm.name, "x");
    ck_assert_slice("value", prm.value, "a:b");
    ck_assert_int_eq(sipw_param_next(&rest, &prm), 0);
}
END_TEST

/* --- linear time ---------------------------------------------------- */

static char *repeat(const char *head, const char *unit, size_t n,
                    const char *tail, size_t *len)
{
    size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail), i;
    char *b = malloc(hl + ul * n + tl + 1), *q;
    ck_assert_ptr_nonnull(b);
    memcpy(b, head, hl);
    q = b + hl;
    for (i = 0; i < n; i++, q += ul)
        memcpy(q, unit, ul);
    memcpy(q, tail, tl + 1);
    *len = hl + ul * n + tl;
    return b;
}

START_TEST(many_parameters)
{
    size_t len;
    char *b;
    sipw_uri u;
    sipw_error err;

    /* 200,000 uri-parameters, no userinfo: the "@" search runs over all
     * of them once, then they are lexed once */
    b = repeat("sip:host", ";p=v", 200000, "", &len);
    ck_assert_int_eq(sipw_uri_parse(&u, b, len, 0, &err), SIPW_OK);
    ck_assert_uint_eq(u.params.len, 800000);
    free(b);
    /* with userinfo and 200,000 headers */
    b = repeat("sip:u@host;lr", ";p", 200000, "?a=b", &len);
    ck_assert_int_eq(sipw_uri_parse(&u, b, len, 0, &err), SIPW_OK);
    ck_assert_int_eq(u.lr, 1);
    free(b);
    b = repeat("sip:u@host?a=b", "&a=b", 200000, "", &len);
    ck_assert_int_eq(sipw_uri_parse(&u, b, len, 0, &err), SIPW_OK);
    ck_assert_uint_eq(u.headers.len, 800003);
    free(b);
    /* a user part of 200,000 ";x" */
    b = repeat("sip:u", ";x", 200000, "@h", &len);
    ck_assert_int_eq(sipw_uri_parse(&u, b, len, 0, &err), SIPW_OK);
    ck_assert_uint_eq(u.user.len, 400001);
    free(b);
    /* 200,000 parameters, an error at the very end */
    b = repeat("sip:host", ";p=1", 200000, ";lr;lr", &len);
    ck_assert_int_eq(sipw_uri_parse(&u, b, len, 0, &err), SIPW_EDUP);
    ck_assert_uint_eq(err.offset, len - 2);
    free(b);
    b = repeat("sip:host", ";p=v", 200000, "%", &len);
    ck_assert_int_eq(sipw_uri_parse(&u, b, len, 0, &err), SIPW_EVALUE);
    ck_assert_uint_eq(err.offset, len - 1);
    free(b);
    b = repeat("tel:+1", ";p=v", 200000, "", &len);
    ck_assert_int_eq(sipw_uri_parse(&u, b, len, 0, &err), SIPW_OK);
    free(b);
    b = repeat("x:", "a;b", 200000, "", &len);
    ck_assert_int_eq(sipw_uri_parse(&u, b, len, 0, &err), SIPW_OK);
    free(b);
    /* a long run of hex and colons in brackets */
    b = repeat("sip:[", "1:", 200000, "1]", &len);
    ck_assert_int_eq(sipw_uri_parse(&u, b, len, 0, &err), SIPW_EVALUE);
    ck_assert_uint_eq(err.offset, 5 + 16);
    free(b);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("uri");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, valid_fields, 0,
                        (int)(sizeof vcases / sizeof vcases[0]));
    tcase_add_loop_test(tc, valid_cut_everywhere, 0,
                        (int)(sizeof vcases / sizeof vcases[0]));
    tcase_add_loop_test(tc, invalid_exact, 0,
                        (int)(sizeof icases / sizeof icases[0]));
    tcase_add_loop_test(tc, invalid_cut_everywhere, 0,
                        (int)(sizeof icases / sizeof icases[0]));
    tcase_add_test(tc, offsets_from_tp_buf);
    tcase_add_test(tc, bad_arguments);
    tcase_add_test(tc, port_boundaries);
    tcase_add_test(tc, ttl_boundaries);
    tcase_add_loop_test(tc, host_direct, 0,
                        (int)(sizeof hcases / sizeof hcases[0]));
    tcase_add_test(tc, ipv6_direct);
    tcase_add_test(tc, unescape);
    tcase_add_test(tc, header_next);
    tcase_add_test(tc, params_walk);
    tcase_add_test(tc, many_parameters);
    suite_add_tcase(s, tc);
    return tu_run(s);
}
