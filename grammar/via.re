/* SPDX-License-Identifier: MIT */
/* Via: RFC 3261 §20.42 and §25.1, RFC 3581 (rport), RFC 5118 §4.5.
 *
 *   Via           = ( "Via" / "v" ) HCOLON via-parm *(COMMA via-parm)
 *   via-parm      = sent-protocol LWS sent-by *( SEMI via-params )
 *   via-params    = via-ttl / via-maddr / via-received / via-branch
 *                   / via-extension            (RFC 3581 adds response-port)
 *   via-received  = "received" EQUAL (IPv4address / IPv6address)
 *   sent-protocol = protocol-name SLASH protocol-version SLASH transport
 *   protocol-name = "SIP" / token     protocol-version = token
 *   transport     = "UDP" / "TCP" / "TLS" / "SCTP" / other-transport
 *   sent-by       = host [ COLON port ]
 *
 * One function per production. The checks of the picked-out parameters,
 * the list and the standalone parser are in src/typed/via.c. */
#include "typed/typed.h"

/*!include:re2c "abnf.re" */
/*!include:re2c "lexer.re" */

/* sent-protocol = protocol-name SLASH protocol-version SLASH transport,
 * SLASH = SWS "/" SWS (RFC 4475 §3.1.1.1 has "SIP  /   2.0 / TCP"). One
 * block: each rule that stops early names the part that is missing, at
 * the byte where it should start. */
static sipw_status sent_protocol(const struct sipw_tp *tp, const char **pcur,
                                 const char *lim, sipw_via *v)
{
    const char *cur = *pcur, *tok = cur, *why, *mar = NULL;
    const char *n, *ne, *ver, *vere, *tr;
    /*!stags:re2c:sent_protocol format = 'const char *@@ = NULL;\n'; */

    /*!re2c:sent_protocol
        @n token @ne SLASH @ver token @vere SLASH @tr token {
            v->protocol = sipw__slice(n, ne);
            v->version = sipw__slice(ver, vere);
            v->transport = sipw__slice(tr, cur);
            *pcur = cur;
            return SIPW_OK;
        }
        token SLASH token SLASH {
            why = "expected the transport";
            goto bad;
        }
        token SLASH token LWS? {
            why = "expected \"/\" and the transport after the protocol "
                  "version";
            goto bad;
        }
        token SLASH {
            why = "expected the protocol version";
            goto bad;
        }
        token LWS? {
            why = "expected \"/\" after the protocol name";
            goto bad;
        }
        * {
            cur = tok;
            why = "expected the sent-protocol (\"SIP/2.0/UDP\")";
            goto bad;
        }
    */
bad:
    return sipw__tp_fail(tp, SIPW_EVALUE, cur, why);
}

/* LWS sent-by = host [ COLON port ]. A host must not run on into more
 * token characters ("a_b"). */
static sipw_status sent_by(const struct sipw_tp *tp, const char **pcur,
                           const char *lim, sipw_via *v)
{
    const char *cur = *pcur, *tok = cur, *at, *why, *pt, *mar = NULL;
    /*!stags:re2c:sent_by_port format = 'const char *@@ = NULL;\n'; */

    /*!re2c
        LWS end { if (cur > lim) goto missing; cur--; goto host; }
        LWS     { goto host; }
        end     { if (tok == lim) goto missing; goto no_lws; }
        *       { goto no_lws; }
    */
missing:
    return sipw__tp_fail(tp, SIPW_EVALUE, lim, "sent-by host missing");
no_lws:
    return sipw__tp_fail(tp, SIPW_EVALUE, tok,
                         "expected LWS between the transport and sent-by");
host:
    tok = cur;
    v->host_type = sipw__host_lex(&cur, lim, &at, &why);
    if (v->host_type == SIPW_HOST_NONE)
        return sipw__tp_fail(tp, SIPW_EVALUE, at, why);
    if (cur < lim && (sipw__cc[(unsigned char)*cur] & SIPW_CC_TOKEN))
        return sipw__tp_fail(tp, SIPW_EVALUE, cur,
                             "invalid character in sent-by host");
    v->host = sipw__slice(tok, cur);

    /* [ COLON port ], COLON = SWS ":" SWS */
    tok = cur;
    /*!re2c:sent_by_port
        SWS ":" SWS @pt port {
            v->port = sipw__port(pt, cur);
            if (v->port < 0)
                return sipw__tp_fail(tp, SIPW_EVALUE, pt,
                                     "port must be 0..65535");
            *pcur = cur;
            return SIPW_OK;
        }
        SWS ":" SWS {
            return sipw__tp_fail(tp, SIPW_EVALUE, cur,
                                 "expected a port number after \":\"");
        }
        * { *pcur = tok; return SIPW_OK; }
    */
}

/* received = IPv4address / IPv6address (§20.42); RFC 5118 §4.5: an
 * IPv6reference ("[...]") must be accepted too. *pcur is the value. */
sipw_status sipw__via_received(const struct sipw_tp *tp, const char **pcur,
                               const char *lim, sipw_str *out)
{
    const char *cur = *pcur, *tok = cur, *mar = NULL;
    int ok;

    /* On a tie the first rule wins: an IPv4address is never the token
     * rule's, which is longer when more token bytes follow it. */
    /*!re2c
        IPv4address { ok = 1; goto check; }
        "[" [0-9a-fA-F:.]* "]" {
            ok = sipw__host(tok, cur) == SIPW_HOST_IPV6;
            goto check;
        }
        (token_char | ":")+ {
            ok = memchr(tok, ':', (size_t)(cur - tok)) && sipw__ipv6(tok, cur);
            goto check;
        }
        * { ok = 0; goto check; }
    */
check:
    if (!ok)
        return sipw__tp_fail(tp, SIPW_EVALUE, tok,
                             "received must be an IPv4 or IPv6 address "
                             "(RFC 3261 section 20.42, RFC 5118 section 4.5)");
    *out = sipw__slice(tok, cur);
    *pcur = cur;
    return SIPW_OK;
}

/* via-parm = sent-protocol LWS sent-by *( SEMI via-params ), up to the
 * COMMA that ends it (not taken) or lim. Each "SEMI via-params" is lexed
 * up to its value by one block, whose keyword rules say which parameter
 * it is (names are case-insensitive; a longer token is an extension);
 * sipw__via_param() (via.c) takes the value. */
sipw_status sipw__via_parm(const struct sipw_tp *tp, const char **pcur,
                           const char *lim, sipw_via *v)
{
    const char *cur = *pcur, *tok, *mar = NULL;
    const char *semi, *n, *ne, *eq;
    /*!stags:re2c:via_params format = 'const char *@@ = NULL;\n'; */
    unsigned seen = 0, k;
    sipw_status st;

    v->port = -1;
    v->ttl = -1;
    v->rport = -1;
    st = sent_protocol(tp, &cur, lim, v);
    if (st == SIPW_OK)
        st = sent_by(tp, &cur, lim, v);
    while (st == SIPW_OK) {
        tok = cur;
        /*!re2c:via_params
            via_semi = SWS @semi ";" SWS @n;
            via_eq   = @ne (SWS "=" SWS @eq)?;
            via_semi 'branch' via_eq   { k = SIPW_VP_BRANCH; goto param; }
            via_semi 'received' via_eq { k = SIPW_VP_RECEIVED; goto param; }
            via_semi 'rport' via_eq    { k = SIPW_VP_RPORT; goto param; }
            via_semi 'maddr' via_eq    { k = SIPW_VP_MADDR; goto param; }
            via_semi 'ttl' via_eq      { k = SIPW_VP_TTL; goto param; }
            via_semi token via_eq      { k = 0; goto param; }
            via_semi {
                return sipw__tp_fail(tp, SIPW_EVALUE, cur,
                                     "expected a parameter name after "
                                     "\";\"");
            }
            SWS "," { *pcur = tok; return SIPW_OK; }
            SWS end {
                if (cur <= lim) {
                    tok = cur - 1;
                    goto bad;
                }
                *pcur = tok;
                return SIPW_OK;
            }
            LWS { tok = cur; goto bad; }
            *   { goto bad; }
        */
    param:
        if (!v->params.p)
            v->params.p = semi;
        st = sipw__via_param(tp, &cur, lim, v, &seen, k,
                             sipw__slice(n, ne), eq != NULL);
        v->params.len = (size_t)(cur - v->params.p);
    }
    return st;
bad:
    return sipw__tp_fail(tp, SIPW_EVALUE, tok,
                         "expected \";\" or \",\" after the via-parm");
}
