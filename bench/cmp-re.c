/* SPDX-License-Identifier: MIT */
/* compare: libre's SIP decoder (baresip/re). sip_msg_decode() splits the
 * header lines into a list and a hash table of slices (struct pl) of the
 * caller's buffer, and decodes the top Via, From, To and CSeq on the way;
 * everything else stays raw until asked for. To do the same work as the
 * others, each pass also decodes the first Contact (sip_addr_decode) and
 * the first digest header (httpauth_digest_*_decode), as a stack reading
 * these fields would. Each thread gets one mbuf per message, made once:
 * libre parses in place, like sipwire. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <re.h>

#include "compare.h"

static int re_lib_init(void)
{
    return 0;
}

/* Realm, nonce and response of the first digest header, in the order of
 * bench/modes.c; 0 when there is none. */
static int first_auth(const struct sip_msg *msg, struct pl *realm,
                      struct pl *nonce, struct pl *response)
{
    static const enum sip_hdrid order[] = {
        SIP_HDR_WWW_AUTHENTICATE, SIP_HDR_AUTHORIZATION,
        SIP_HDR_PROXY_AUTHENTICATE, SIP_HDR_PROXY_AUTHORIZATION};
    const struct sip_hdr *h;
    struct httpauth_digest_chall ch;
    struct httpauth_digest_resp cr;
    size_t k;

    for (k = 0; k < sizeof order / sizeof order[0]; k++) {
        if (!(h = sip_msg_hdr(msg, order[k])))
            continue;
        if (k % 2 == 0) {
            if (httpauth_digest_challenge_decode(&ch, &h->val) != 0)
                return 0;
            *realm = ch.realm;
            *nonce = ch.nonce;
            response->p = NULL;
            response->l = 0;
        } else {
            if (httpauth_digest_response_decode(&cr, &h->val) != 0)
                return 0;
            *realm = cr.realm;
            *nonce = cr.nonce;
            *response = cr.response;
        }
        return 1;
    }
    return 0;
}

static uint64_t touch(const struct pl *pl)
{
    return pl->l ? pl->l + (unsigned char)pl->p[pl->l - 1] : 0;
}

static int init_mbufs(struct bench_ctx *ctx)
{
    const struct bench_corpus *c = ctx->corpus;
    struct mbuf **mb = calloc(c->n, sizeof *mb);
    size_t i;

    ctx->user = mb;
    if (!mb)
        return -1;
    for (i = 0; i < c->n; i++) {
        mb[i] = mbuf_alloc(c->len[i]);
        if (!mb[i] ||
            mbuf_write_mem(mb[i], (const uint8_t *)c->data[i], c->len[i]))
            return -1;
    }
    return 0;
}

static void fini_mbufs(struct bench_ctx *ctx)
{
    struct mbuf **mb = ctx->user;
    size_t i;
    if (!mb)
        return;
    for (i = 0; i < ctx->corpus->n; i++)
        mem_deref(mb[i]);
    free(mb);
    ctx->user = NULL;
}

static void pass(struct bench_ctx *ctx)
{
    const struct bench_corpus *c = ctx->corpus;
    struct mbuf **mb = ctx->user;
    struct sip_msg *msg;
    const struct sip_hdr *h;
    struct sip_addr addr;
    struct pl realm, nonce, response;
    uint64_t acc = 0;
    size_t i;

    for (i = 0; i < c->n; i++) {
        mbuf_set_pos(mb[i], 0);
        if (sip_msg_decode(&msg, mb[i]) != 0)
            continue;
        acc += touch(&msg->via.branch) + touch(&msg->from.tag) +
               touch(&msg->to.tag) + touch(&msg->callid) + msg->cseq.num +
               touch(&msg->cseq.met);
        if ((h = sip_msg_hdr(msg, SIP_HDR_CONTACT)) &&
            sip_addr_decode(&addr, &h->val) == 0)
            acc += touch(&addr.uri.user) + touch(&addr.uri.host) +
                   addr.uri.port;
        if (first_auth(msg, &realm, &nonce, &response))
            acc += touch(&realm) + touch(&nonce) + touch(&response);
        mem_deref(msg);
    }
    ctx->sum += acc;
}

static int fields(const char *buf, size_t len, struct cmp_fields *f)
{
    struct mbuf *mb = mbuf_alloc(len);
    struct sip_msg *msg;
    const struct sip_hdr *h;
    struct sip_addr addr;
    struct pl realm, nonce, response;

    memset(f, 0, sizeof *f);
    f->cseq = -1;
    if (!mb || mbuf_write_mem(mb, (const uint8_t *)buf, len) != 0) {
        mem_deref(mb);
        return -1;
    }
    mbuf_set_pos(mb, 0);
    if (sip_msg_decode(&msg, mb) != 0) {
        mem_deref(mb);
        return -1;
    }
    cmp_copy(f->branch, sizeof f->branch, msg->via.branch.p,
             msg->via.branch.l);
    cmp_copy(f->from_tag, sizeof f->from_tag, msg->from.tag.p,
             msg->from.tag.l);
    cmp_copy(f->to_tag, sizeof f->to_tag, msg->to.tag.p, msg->to.tag.l);
    cmp_copy(f->call_id, sizeof f->call_id, msg->callid.p, msg->callid.l);
    f->cseq = (long)msg->cseq.num;
    if ((h = sip_msg_hdr(msg, SIP_HDR_CONTACT)) &&
        sip_addr_decode(&addr, &h->val) == 0)
        cmp_copy(f->contact_host, sizeof f->contact_host, addr.uri.host.p,
                 addr.uri.host.l);
    if (first_auth(msg, &realm, &nonce, &response))
        cmp_copy(f->nonce, sizeof f->nonce, nonce.p, nonce.l);
    mem_deref(msg);
    mem_deref(mb);
    return 0;
}

const struct cmp_lib cmp_re = {"libre", re_lib_init, fields,
                               {"libre", init_mbufs, pass, fini_mbufs}};
