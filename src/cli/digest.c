/* SPDX-License-Identifier: MIT */
/* sipwire tool: `sipwire digest`, Digest credentials for a challenge
 * (RFC 7616 client side) and their check against a password (server
 * side), on top of <sipwire/digest.h>. */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sipwire/sipwire.h>

#include "cli.h"
#include "cli/capture/capture.h"

static void digest_usage(FILE *out)
{
    fputs("usage: sipwire digest --user USER (--password PASS | --ha1 HEX)\n"
          "                      --uri URI [--method METHOD] [--realm REALM]\n"
          "                      [--cnonce CNONCE] [--nc N] "
          "[--qop auth|auth-int|none]\n"
          "                      [--body FILE] [--userhash] [FILE]\n"
          "       sipwire digest --verify (--password PASS | --ha1 HEX)\n"
          "                      [--user USER] [--realm REALM] [--uri URI] "
          "[FILE]\n"
          "\n"
          "Without --verify, FILE is a 401 or 407 response: prints the\n"
          "Authorization (or Proxy-Authorization) header line that answers\n"
          "its first Digest challenge with a supported algorithm.\n"
          "With --verify, FILE is a request: checks its Digest credentials\n"
          "(Authorization, else Proxy-Authorization) against the password.\n"
          "No FILE, or '-', reads standard input.\n"
          "\n"
          "  --user USER         the username (with --verify: the expected "
          "one)\n"
          "  --password PASS     the password\n"
          "  --password-file F   the password: the first line of F\n"
          "  --ha1 HEX           the stored H(user:realm:password) instead\n"
          "  --uri URI           the digest URI: the Request-URI (with "
          "--verify,\n"
          "                      the default is the request's own)\n"
          "  --method METHOD     the request's method (default: the CSeq "
          "method)\n"
          "  --realm REALM       use the challenge or credentials of this "
          "realm\n"
          "  --cnonce CNONCE     the client nonce (default: 128 random bits)\n"
          "  --nc N              the nonce count, in decimal (default: 1)\n"
          "  --qop QOP           auth, auth-int or none (default: what the\n"
          "                      challenge offers, auth first)\n"
          "  --body FILE         the request's body, for auth-int (default: "
          "empty)\n"
          "  --userhash          send H(user:realm) as the username when the\n"
          "                      challenge allows it (RFC 7616)\n"
          "  --verify            check credentials instead\n"
          "  --format=FMT        diagnostics as text (the default) or json\n"
          "  --color[=WHEN]      colour them: auto, always, never\n"
          "  -h, --help          show this help\n"
          "\n"
          "Exit status: 0 done (--verify: the credentials match), 1 the\n"
          "message is invalid, has no usable challenge or credentials, or\n"
          "(--verify) they do not match, 2 usage or I/O error.\n",
          out);
}

struct opts {
    int verify, userhash;
    const char *user, *password, *password_file, *ha1, *uri, *method, *realm,
        *cnonce, *nc, *qop, *body;
    const char *file;
};

/* Prints "sipwire: digest: " a arg b and "Try 'sipwire digest --help'.";
 * returns CLI_USAGE. */
static int usage_error(const char *a, const char *arg, const char *b)
{
    return cli_usage_error("digest", "%s%s%s", a, arg ? arg : "",
                           b ? b : "");
}

/* getopt_long: "--user bob", "--user=bob", "--" ends the options. */
static int parse_opts(int argc, char **argv, struct opts *o)
{
    enum { O_USER = 256, O_PASSWORD, O_PASSWORD_FILE, O_HA1, O_URI, O_METHOD,
           O_REALM, O_CNONCE, O_NC, O_QOP, O_BODY, O_VERIFY, O_USERHASH,
           O_FORMAT, O_COLOR };
    static const struct option longopts[] = {
        {"user", required_argument, NULL, O_USER},
        {"password", required_argument, NULL, O_PASSWORD},
        {"password-file", required_argument, NULL, O_PASSWORD_FILE},
        {"ha1", required_argument, NULL, O_HA1},
        {"uri", required_argument, NULL, O_URI},
        {"method", required_argument, NULL, O_METHOD},
        {"realm", required_argument, NULL, O_REALM},
        {"cnonce", required_argument, NULL, O_CNONCE},
        {"nc", required_argument, NULL, O_NC},
        {"qop", required_argument, NULL, O_QOP},
        {"body", required_argument, NULL, O_BODY},
        {"verify", no_argument, NULL, O_VERIFY},
        {"userhash", no_argument, NULL, O_USERHASH},
        {"format", required_argument, NULL, O_FORMAT},
        {"color", optional_argument, NULL, O_COLOR},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int c;

    memset(o, 0, sizeof *o);
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        const char *arg = optind - 1 < argc ? argv[optind - 1] : "";
        switch (c) {
        case O_USER: o->user = optarg; break;
        case O_PASSWORD: o->password = optarg; break;
        case O_PASSWORD_FILE: o->password_file = optarg; break;
        case O_HA1: o->ha1 = optarg; break;
        case O_URI: o->uri = optarg; break;
        case O_METHOD: o->method = optarg; break;
        case O_REALM: o->realm = optarg; break;
        case O_CNONCE: o->cnonce = optarg; break;
        case O_NC: o->nc = optarg; break;
        case O_QOP: o->qop = optarg; break;
        case O_BODY: o->body = optarg; break;
        case O_VERIFY: o->verify = 1; break;
        case O_USERHASH: o->userhash = 1; break;
        case O_FORMAT:
            if (strcmp(optarg, "json") == 0)
                cli_out.format = CLI_FMT_JSON;
            else if (strcmp(optarg, "text") == 0)
                cli_out.format = CLI_FMT_TEXT;
            else
                return usage_error("--format must be text or json, not '",
                                   optarg, "'");
            break;
        case O_COLOR:
            if (!optarg || strcmp(optarg, "always") == 0)
                cli_out.color = 1;
            else if (strcmp(optarg, "never") == 0)
                cli_out.color = 0;
            else if (strcmp(optarg, "auto") == 0)
                cli_out.color = isatty(STDERR_FILENO);
            else
                return usage_error("--color must be auto, always or never, "
                                   "not '",
                                   optarg, "'");
            break;
        case 'h':
            digest_usage(stdout);
            return cli_flush_stdout("digest") == 0 ? CLI_OK : CLI_USAGE;
        case ':':
            return usage_error("option '", arg, "' needs a value");
        default:
            if (optopt && strncmp(arg, "--", 2) != 0) {
                char opt[3] = {'-', (char)optopt, '\0'};
                return usage_error("unknown option '", opt, "'");
            }
            return usage_error("unknown option '", arg, "'");
        }
    }
    if (optind < argc)
        o->file = argv[optind++];
    if (optind < argc)
        return usage_error("one FILE at most ('", argv[optind],
                           "' is another)");
    return -1;
}

/* The checks that need no input. */
static int check_opts(const struct opts *o)
{
    int secrets =
        (o->password != NULL) + (o->password_file != NULL) + (o->ha1 != NULL);
    if (secrets != 1)
        return usage_error("give one of --password, --password-file and --ha1",
                           NULL, NULL);
    if (o->verify) {
        if (o->method || o->cnonce || o->nc || o->qop || o->body || o->userhash)
            return usage_error("--method, --cnonce, --nc, --qop, --body and "
                               "--userhash are for computing, not with "
                               "--verify",
                               NULL, NULL);
        return -1;
    }
    if (!o->user)
        return usage_error("--user is required", NULL, NULL);
    if (!o->uri || !o->uri[0])
        return usage_error("--uri is required (the Request-URI)", NULL, NULL);
    if (o->method && !o->method[0])
        return usage_error("--method is empty", NULL, NULL);
    if (o->qop && strcmp(o->qop, "auth") != 0 &&
        strcmp(o->qop, "auth-int") != 0 && strcmp(o->qop, "none") != 0)
        return usage_error("--qop must be auth, auth-int or none, not '",
                           o->qop, "'");
    if (o->nc) {
        char *end;
        unsigned long long v;
        errno = 0;
        v = strtoull(o->nc, &end, 10);
        if (o->nc[0] < '0' || o->nc[0] > '9' || *end || errno || v < 1 ||
            v > UINT32_MAX)
            return usage_error("--nc must be a number from 1 to 4294967295, "
                               "not '",
                               o->nc, "'");
    }
    return -1;
}

static sipw_str str_of(const char *s)
{
    sipw_str r;
    r.p = s;
    r.len = s ? strlen(s) : 0;
    return r;
}

/* Parses the whole input as one message (cli_parse(): the arena grows
 * on SIPW_ENOMEM). Lenient: clients do send qop="auth". */
static sipw_status parse(const struct cli_input *in, sipw_msg *msg,
                         struct cli_arena *arena, sipw_error *err)
{
    return cli_parse(arena, in->name, msg, in->data, in->len,
                     SIPW_PARSE_LENIENT, err);
}

/* A library error about a challenge or credentials, at its header line:
 * "FILE:LINE:COL: error: Authorization: nonce: REASON". */
static void auth_diag(const struct cli_input *in, const sipw_auth *a,
                      const sipw_error *err)
{
    char reason[512];
    size_t off = 0;
    sipw_str name = {NULL, 0};

    if (a && a->header) {
        off = (size_t)(a->header->name.p - in->data);
        name = a->header->name;
    }
    if (err->header.len)
        snprintf(reason, sizeof reason, "%.*s: %s", (int)err->header.len,
                 err->header.p, err->reason);
    else
        snprintf(reason, sizeof reason, "%s", err->reason);
    cli_diag(in, off, "error", cli_lib_status_name(err->status), name,
             reason);
}

/* The secret: --password, the first line of --password-file, or --ha1. */
static int read_secret(const struct opts *o, struct cli_input *pf,
                       sipw_str *password, sipw_str *ha1)
{
    password->p = ha1->p = NULL;
    password->len = ha1->len = 0;
    pf->data = NULL;
    if (o->ha1) {
        *ha1 = str_of(o->ha1);
    } else if (o->password) {
        *password = str_of(o->password);
    } else {
        const char *nl;
        if (cli_read_input(o->password_file, pf) != 0)
            return -1;
        password->p = pf->data ? pf->data : "";
        password->len = pf->len;
        nl = pf->len ? memchr(pf->data, '\n', pf->len) : NULL;
        if (nl)
            password->len = (size_t)(nl - pf->data);
        if (password->len && password->p[password->len - 1] == '\r')
            password->len--;
    }
    return 0;
}

/* 128 random bits in hex. */
static int random_cnonce(char out[33])
{
    static const char digits[] = "0123456789abcdef";
    unsigned char b[16];
    int i;
    if (sipw_random_os(NULL, b, sizeof b) != 0)
        return -1;
    for (i = 0; i < 16; i++) {
        out[2 * i] = digits[b[i] >> 4];
        out[2 * i + 1] = digits[b[i] & 15];
    }
    out[32] = '\0';
    return 0;
}

static int compute(const struct opts *o, const struct cli_input *in,
                   const sipw_msg *msg, sipw_str password, sipw_str ha1)
{
    const sipw_auth *list, *ch;
    sipw_digest_client c;
    sipw_error err;
    sipw_status st;
    struct cli_input body = {NULL, NULL, 0};
    char cnonce[33];
    char *buf;
    size_t len = 0;
    int proxy;

    if (msg->type != SIPW_MSG_RESPONSE ||
        (msg->status != 401 && msg->status != 407)) {
        cli_diag(in, 0, "error", "EDIGEST", (sipw_str){NULL, 0},
                 "not a 401 or 407 response: there is no challenge to "
                 "answer");
        return CLI_INVALID;
    }
    proxy = msg->status == 407;
    list = proxy ? msg->proxy_authenticate : msg->www_authenticate;
    ch = sipw_digest_select(list, str_of(o->realm));
    if (!ch) {
        char reason[256];
        snprintf(reason, sizeof reason,
                 "no Digest challenge with a supported algorithm%s%s in %s",
                 o->realm ? " for realm " : "", o->realm ? o->realm : "",
                 proxy ? "Proxy-Authenticate" : "WWW-Authenticate");
        cli_diag(in, 0, "error", "EDIGEST", (sipw_str){NULL, 0}, reason);
        return CLI_INVALID;
    }

    memset(&c, 0, sizeof c);
    c.username = str_of(o->user);
    c.password = password;
    c.ha1 = ha1;
    c.method = o->method ? str_of(o->method) : msg->cseq->method;
    c.uri = str_of(o->uri);
    if (o->cnonce) {
        c.cnonce = str_of(o->cnonce);
    } else {
        if (random_cnonce(cnonce) != 0) {
            fprintf(stderr, "%s: digest: no random bytes for the cnonce\n",
                    cli_progname);
            return CLI_USAGE;
        }
        c.cnonce = str_of(cnonce);
    }
    c.nc = o->nc ? (uint32_t)strtoul(o->nc, NULL, 10) : 1;
    c.qop = !o->qop                       ? SIPW_DIGEST_QOP_AUTO
            : strcmp(o->qop, "auth") == 0 ? SIPW_DIGEST_QOP_AUTH
            : strcmp(o->qop, "none") == 0 ? SIPW_DIGEST_QOP_NONE
                                          : SIPW_DIGEST_QOP_AUTH_INT;
    c.userhash = o->userhash;
    if (o->body) {
        if (cli_read_input(o->body, &body) != 0)
            return CLI_USAGE;
        c.body.p = body.data ? body.data : "";
        c.body.len = body.len;
    } else {
        c.body = str_of(""); /* the request has no body */
    }

    st = sipw_digest_respond(ch, &c, NULL, 0, &len, &err);
    if (st == SIPW_ENOMEM && len > 0) {
        buf = cli_xrealloc(NULL, len + 1);
        st = sipw_digest_respond(ch, &c, buf, len + 1, &len, &err);
        if (st == SIPW_OK)
            printf("%s: %s\n", proxy ? "Proxy-Authorization" : "Authorization",
                   buf);
        free(buf);
    }
    cli_free_input(&body);
    if (st == SIPW_OK)
        return CLI_OK;
    if (st == SIPW_EINVAL) {
        fprintf(stderr, "%s: digest: %.*s%s%s\n", cli_progname,
                (int)err.header.len, err.header.p ? err.header.p : "",
                err.header.len ? ": " : "", err.reason);
        return CLI_USAGE;
    }
    auth_diag(in, ch, &err);
    return CLI_INVALID;
}

/* The first Digest credentials of the request (Authorization first),
 * of the realm asked for. */
static const sipw_auth *find_credentials(const sipw_msg *msg, sipw_str realm)
{
    const sipw_auth *lists[2], *a;
    int i;
    lists[0] = msg->authorization;
    lists[1] = msg->proxy_authorization;
    for (i = 0; i < 2; i++) {
        for (a = lists[i]; a; a = a->next) {
            if (a->digest && (!realm.p || sipw_digest_realm_is(a, realm)))
                return a;
        }
    }
    return NULL;
}

static int verify(const struct opts *o, const struct cli_input *in,
                  const sipw_msg *msg, sipw_str password, sipw_str ha1)
{
    const sipw_auth *cr;
    sipw_digest_server s;
    sipw_error err;
    sipw_status st;

    if (msg->type != SIPW_MSG_REQUEST) {
        cli_diag(in, 0, "error", "EDIGEST", (sipw_str){NULL, 0},
                 "not a request: there are no credentials to check");
        return CLI_INVALID;
    }
    cr = find_credentials(msg, str_of(o->realm));
    if (!cr) {
        char reason[256];
        snprintf(reason, sizeof reason,
                 "no Digest credentials%s%s in Authorization or "
                 "Proxy-Authorization",
                 o->realm ? " for realm " : "", o->realm ? o->realm : "");
        cli_diag(in, 0, "error", "EDIGEST", (sipw_str){NULL, 0}, reason);
        return CLI_INVALID;
    }
    memset(&s, 0, sizeof s);
    s.method = msg->method;
    s.body = msg->body;
    s.password = password;
    s.ha1 = ha1;
    s.realm = str_of(o->realm);
    s.uri = o->uri ? str_of(o->uri) : msg->request_uri;
    s.username = str_of(o->user);
    st = sipw_digest_verify(cr, &s, &err);
    if (st == SIPW_OK)
        return CLI_OK;
    if (st == SIPW_EINVAL) {
        fprintf(stderr, "%s: digest: %.*s%s%s%s\n", cli_progname,
                (int)err.header.len, err.header.p ? err.header.p : "",
                err.header.len ? ": " : "", err.reason,
                err.header.len == 8 && !memcmp(err.header.p, "username", 8)
                    ? " (--user)"
                    : "");
        return CLI_USAGE;
    }
    auth_diag(in, cr, &err);
    return CLI_INVALID;
}

int cli_digest(int argc, char **argv)
{
    struct opts o;
    struct cli_input in, pf = {NULL, NULL, 0};
    sipw_msg msg;
    sipw_error err;
    sipw_str password, ha1;
    struct cli_arena arena = {NULL, 0};
    int rc;

    if ((rc = parse_opts(argc, argv, &o)) >= 0)
        return rc;
    if ((rc = check_opts(&o)) >= 0)
        return rc;
    if (read_secret(&o, &pf, &password, &ha1) != 0)
        return CLI_USAGE;
    if (cli_read_input(o.file ? o.file : "-", &in) != 0) {
        cli_free_input(&pf);
        return CLI_USAGE;
    }
    if (cap_sniff(in.data, in.len) != CAP_FMT_NONE) {
        cli_error_file(in.name, "EUSAGE",
                       "this is a capture file, not a SIP message (digest "
                       "reads one message: extract it first)");
        rc = CLI_USAGE;
    } else if (parse(&in, &msg, &arena, &err) != SIPW_OK) {
        cli_diag(&in, err.offset, "error", cli_lib_status_name(err.status),
                 err.header, err.reason);
        rc = CLI_INVALID;
    } else if (o.verify) {
        rc = verify(&o, &in, &msg, password, ha1);
    } else {
        rc = compute(&o, &in, &msg, password, ha1);
    }
    if (cli_flush_stdout("digest") != 0)
        rc = CLI_USAGE;
    cli_arena_free(&arena);
    cli_free_input(&in);
    cli_free_input(&pf);
    return rc;
}
