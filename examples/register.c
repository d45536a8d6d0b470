/* SPDX-License-Identifier: MIT */
/* sipwire-register: registers one contact with a SIP registrar, over UDP
 * or TCP, as in RFC 3665 §2.1 (REGISTER, 401 challenge, REGISTER with
 * credentials, 200 OK). Built only on sipwire and the C library's
 * sockets: the messages are built with build.h, written with write.h,
 * read with sipw_frame() / sipw_msg_parse(), and the credentials come
 * from digest.h.
 *
 *   sipwire-register --server HOST[:PORT] --transport udp|tcp --user U
 *                    --password P --domain D [--expires N] [--timeout S]
 *
 * Every message sent or received is printed on standard output after a
 * ">>> " or "<<< " line. Exit status: 0 registered (a 200 OK lists our
 * Contact with an expires parameter), 1 failure, 2 usage. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <sipwire/sipwire.h>

enum { EXIT_REGISTERED = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

/* RFC 3261 §17.1.2.2: a non-INVITE client transaction over UDP resends
 * after T1, doubling each time up to T2 (timer E), until timer F. */
#define T1_MS 500
#define T2_MS 4000
/* Timer F is 64*T1 = 32 s in RFC 3261; an interactive tool gives up
 * after a few sends: 0, 0.5, 1.5, 3.5 and 7.5 s with the default. */
#define DEFAULT_TIMEOUT_MS 8000

/* Largest message we send or accept: a datagram (RFC 3261 §18.1.1 asks
 * for far less; 64 KiB is the UDP limit). */
#define MSG_MAX 65536
#define ARENA_SIZE (64 * 1024)
#define AUTH_MAX 2048

static const char *progname = "sipwire-register";

struct options {
    char host[256];
    char port[8];
    int tcp;
    const char *user;
    const char *password;
    const char *domain;
    int has_expires;  /* send an Expires header ... */
    uint32_t expires; /* ... with this value */
    long timeout_ms;
};

struct conn {
    int fd;
    int tcp;
    char local[INET6_ADDRSTRLEN + 8]; /* host:port for Via and Contact */
    char local_host[INET6_ADDRSTRLEN + 2];
    unsigned local_port;
    char peer[INET6_ADDRSTRLEN + 8]; /* for the printed lines */
    /* TCP: bytes read but not yet framed */
    char stream[2 * MSG_MAX];
    size_t stream_len;
};

/* One received response: its bytes (copied out of the socket buffer so
 * that they outlive the next read) and the parse, whose slices point
 * into them. */
struct response {
    char buf[MSG_MAX];
    size_t len;
    sipw_msg msg;
    sipw_arena arena;
    unsigned char mem[ARENA_SIZE];
};

static void usage(FILE *out)
{
    fprintf(out,
            "usage: %s --server HOST[:PORT] --transport udp|tcp --user USER\n"
            "       --password PASSWORD --domain DOMAIN [--expires N] "
            "[--timeout SECONDS]\n"
            "\n"
            "Registers sip:USER@DOMAIN at the registrar HOST:PORT (default "
            "port 5060)\n"
            "as in RFC 3665 section 2.1, answering a digest challenge "
            "(MD5, SHA-256,\n"
            "SHA-512-256), and prints every message sent (>>>) and received "
            "(<<<).\n"
            "\n"
            "  --expires N        ask for a binding of N seconds (an Expires "
            "header)\n"
            "  --timeout SECONDS  give up on a request after this long "
            "(default 8;\n"
            "                     over UDP the request is resent after 0.5, "
            "1, 2, 4 s...)\n"
            "  -h, --help         show this help and exit\n"
            "\n"
            "Exit status: 0 registered, 1 failed (refused, timeout, bad "
            "response), 2 usage.\n",
            progname);
}

static int usage_error(const char *what, const char *arg)
{
    fprintf(stderr, "%s: %s%s%s\n", progname, what, arg ? ": " : "",
            arg ? arg : "");
    usage(stderr);
    return EXIT_USAGE;
}

/* A string of 1 to 10 digits whose value is in [min, max]. */
static int parse_num(const char *s, uint32_t min, uint32_t max, uint32_t *out)
{
    uint64_t v = 0;
    size_t i;

    for (i = 0; s[i]; i++) {
        if (s[i] < '0' || s[i] > '9' || i == 10)
            return -1;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    if (i == 0 || v < min || v > max)
        return -1;
    *out = (uint32_t)v;
    return 0;
}

/* HOST[:PORT], HOST being a name, an IPv4 address or "[" IPv6 "]". */
static int parse_server(const char *s, struct options *o)
{
    const char *colon, *host = s;
    size_t hlen;
    uint32_t port = 5060;

    if (*s == '[') {
        const char *close = strchr(s, ']');
        if (!close)
            return -1;
        host = s + 1;
        hlen = (size_t)(close - host);
        colon = close[1] == ':' ? close + 1 : NULL;
        if (close[1] && !colon)
            return -1;
    } else {
        colon = strchr(s, ':');
        if (colon && strchr(colon + 1, ':'))
            return -1; /* an IPv6 address needs its brackets */
        hlen = colon ? (size_t)(colon - s) : strlen(s);
    }
    if (hlen == 0 || hlen >= sizeof o->host)
        return -1;
    if (colon && parse_num(colon + 1, 1, 65535, &port) != 0)
        return -1;
    memcpy(o->host, host, hlen);
    o->host[hlen] = '\0';
    snprintf(o->port, sizeof o->port, "%u", (unsigned)port);
    return 0;
}

static int parse_args(int argc, char **argv, struct options *o)
{
    int i, have_server = 0, have_transport = 0;
    uint32_t secs = DEFAULT_TIMEOUT_MS / 1000;

    memset(o, 0, sizeof *o);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            exit(EXIT_REGISTERED);
        }
        if (strncmp(a, "--", 2) != 0 || !v)
            return usage_error(v ? "unexpected argument"
                                 : "missing value or unknown argument",
                               a);
        i++;
        if (strcmp(a, "--server") == 0) {
            if (parse_server(v, o) != 0)
                return usage_error("bad --server, expected HOST[:PORT]", v);
            have_server = 1;
        } else if (strcmp(a, "--transport") == 0) {
            if (strcmp(v, "udp") == 0 || strcmp(v, "UDP") == 0)
                o->tcp = 0;
            else if (strcmp(v, "tcp") == 0 || strcmp(v, "TCP") == 0)
                o->tcp = 1;
            else
                return usage_error("bad --transport, expected udp or tcp", v);
            have_transport = 1;
        } else if (strcmp(a, "--user") == 0) {
            o->user = v;
        } else if (strcmp(a, "--password") == 0) {
            o->password = v;
        } else if (strcmp(a, "--domain") == 0) {
            o->domain = v;
        } else if (strcmp(a, "--expires") == 0) {
            /* delta-seconds (RFC 3261 §20.19); 0 would remove the
             * binding, which is not what this tool is for */
            if (parse_num(v, 1, UINT32_MAX, &o->expires) != 0)
                return usage_error("bad --expires, expected 1 to "
                                   "4294967295 seconds",
                                   v);
            o->has_expires = 1;
        } else if (strcmp(a, "--timeout") == 0) {
            if (parse_num(v, 1, 3600, &secs) != 0)
                return usage_error("bad --timeout, expected 1 to 3600 "
                                   "seconds",
                                   v);
        } else {
            return usage_error("unknown option", a);
        }
    }
    if (!have_server)
        return usage_error("--server is required", NULL);
    if (!have_transport)
        return usage_error("--transport is required", NULL);
    /* the URIs made of them must fit struct reg */
    if (!o->user || !*o->user || strlen(o->user) > 255)
        return usage_error("--user is required (1 to 255 bytes)", NULL);
    if (!o->password)
        return usage_error("--password is required", NULL);
    if (!o->domain || !*o->domain || strlen(o->domain) > 255)
        return usage_error("--domain is required (1 to 255 bytes)", NULL);
    o->timeout_ms = (long)secs * 1000;
    return 0;
}

/* --- sockets ---------------------------------------------------------- */

static long now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* "host:port", with brackets around an IPv6 host. */
static void format_addr(const struct sockaddr *sa, char *host, size_t hcap,
                        char *out, size_t cap, unsigned *port)
{
    char ip[INET6_ADDRSTRLEN] = "?";
    unsigned p = 0;

    if (sa->sa_family == AF_INET6) {
        const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)sa;
        inet_ntop(AF_INET6, &s6->sin6_addr, ip, sizeof ip);
        p = ntohs(s6->sin6_port);
        snprintf(host, hcap, "[%s]", ip);
    } else {
        const struct sockaddr_in *s4 = (const struct sockaddr_in *)sa;
        inet_ntop(AF_INET, &s4->sin_addr, ip, sizeof ip);
        p = ntohs(s4->sin_port);
        snprintf(host, hcap, "%s", ip);
    }
    snprintf(out, cap, "%s:%u", host, p);
    if (port)
        *port = p;
}

/* Connects a UDP or TCP socket to the server (UDP too: the kernel then
 * drops datagrams from anyone else and reports ICMP errors). */
static int open_conn(struct conn *c, const struct options *o)
{
    struct addrinfo hints, *res, *ai;
    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    char phost[INET6_ADDRSTRLEN + 2];
    int rc, saved = 0;

    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = o->tcp ? SOCK_STREAM : SOCK_DGRAM;
    hints.ai_flags = AI_NUMERICSERV;
    rc = getaddrinfo(o->host, o->port, &hints, &res);
    if (rc != 0) {
        fprintf(stderr, "%s: cannot resolve %s: %s\n", progname, o->host,
                gai_strerror(rc));
        return -1;
    }
    c->fd = -1;
    for (ai = res; ai; ai = ai->ai_next) {
        c->fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (c->fd < 0) {
            saved = errno;
            continue;
        }
        if (connect(c->fd, ai->ai_addr, ai->ai_addrlen) == 0) {
            format_addr(ai->ai_addr, phost, sizeof phost, c->peer,
                        sizeof c->peer, NULL);
            break;
        }
        saved = errno;
        close(c->fd);
        c->fd = -1;
    }
    freeaddrinfo(res);
    if (c->fd < 0) {
        int v6 = strchr(o->host, ':') != NULL;
        fprintf(stderr, "%s: cannot connect to %s%s%s:%s over %s: %s\n",
                progname, v6 ? "[" : "", o->host, v6 ? "]" : "", o->port,
                o->tcp ? "TCP" : "UDP", strerror(saved));
        return -1;
    }
    if (getsockname(c->fd, (struct sockaddr *)&ss, &sl) != 0) {
        fprintf(stderr, "%s: getsockname: %s\n", progname, strerror(errno));
        close(c->fd);
        return -1;
    }
    format_addr((const struct sockaddr *)&ss, c->local_host,
                sizeof c->local_host, c->local, sizeof c->local,
                &c->local_port);
    c->tcp = o->tcp;
    c->stream_len = 0;
    return 0;
}

static int send_all(struct conn *c, const char *p, size_t len)
{
    while (len > 0) {
        ssize_t n = send(c->fd, p, len, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "%s: send to %s: %s\n", progname, c->peer,
                    strerror(errno));
            return -1;
        }
        if (!c->tcp && (size_t)n != len) {
            fprintf(stderr, "%s: short datagram to %s\n", progname, c->peer);
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

static int only_crlf(const char *p, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++)
        if (p[i] != '\r' && p[i] != '\n')
            return 0;
    return 1;
}

/* Waits until `deadline` (now_ms() time) for one message from the
 * server and copies it into r->buf. Returns 1 with a message, 0 at the
 * deadline, -1 on an error (printed). Over TCP, sipw_frame() delimits
 * the message in the byte stream (RFC 3261 §18.3). */
static int recv_message(struct conn *c, struct response *r, long deadline)
{
    for (;;) {
        struct pollfd pfd;
        long left;
        ssize_t n;
        int pr;

        if (c->tcp && c->stream_len > 0) {
            size_t start = 0, mlen = 0;
            sipw_error err;
            sipw_status st =
                sipw_frame(c->stream, c->stream_len, &start, &mlen, &err);
            if (st == SIPW_OK) {
                if (mlen > sizeof r->buf) {
                    fprintf(stderr,
                            "%s: message from %s too large (%zu "
                            "bytes)\n",
                            progname, c->peer, mlen);
                    return -1;
                }
                memcpy(r->buf, c->stream + start, mlen);
                r->len = mlen;
                c->stream_len -= start + mlen;
                memmove(c->stream, c->stream + start + mlen, c->stream_len);
                return 1;
            }
            if (st != SIPW_INCOMPLETE) {
                fprintf(stderr,
                        "%s: bad byte stream from %s at byte %zu: "
                        "%s\n",
                        progname, c->peer, err.offset, err.reason);
                return -1;
            }
            /* drop CRLF keep-alives already seen */
            c->stream_len -= start;
            memmove(c->stream, c->stream + start, c->stream_len);
            if (c->stream_len == sizeof c->stream) {
                fprintf(stderr, "%s: message from %s too large\n", progname,
                        c->peer);
                return -1;
            }
        }
        left = deadline - now_ms();
        if (left <= 0)
            return 0;
        pfd.fd = c->fd;
        pfd.events = POLLIN;
        pfd.revents = 0;
        pr = poll(&pfd, 1, left > INT_MAX ? INT_MAX : (int)left);
        if (pr < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "%s: poll: %s\n", progname, strerror(errno));
            return -1;
        }
        if (pr == 0)
            return 0;
        if (c->tcp)
            n = recv(c->fd, c->stream + c->stream_len,
                     sizeof c->stream - c->stream_len, 0);
        else
            n = recv(c->fd, r->buf, sizeof r->buf, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "%s: receive from %s: %s\n", progname, c->peer,
                    strerror(errno));
            return -1;
        }
        if (c->tcp) {
            if (n == 0) {
                fprintf(stderr, "%s: %s closed the connection\n", progname,
                        c->peer);
                return -1;
            }
            c->stream_len += (size_t)n;
            continue;
        }
        if (only_crlf(r->buf, (size_t)n))
            continue; /* a keep-alive (RFC 5626 §4.4.1) */
        r->len = (size_t)n;
        return 1;
    }
}

/* --- printing ----------------------------------------------------------- */

/* The raw bytes of a message after its ">>> " / "<<< " line; a final
 * newline is added when the message does not end in one (a body). */
static void print_raw(const char *p, size_t len)
{
    fwrite(p, 1, len, stdout);
    if (len == 0 || p[len - 1] != '\n')
        putchar('\n');
    fflush(stdout);
}

/* --- one transaction ---------------------------------------------------- */

/* What a response must carry to belong to our request: RFC 3261 §17.1.3
 * matches on the top Via branch and the CSeq method; we check the CSeq
 * number too. */
struct expect {
    const char *branch;
    uint32_t cseq;
};

static int ours(const sipw_msg *m, const struct expect *x)
{
    sipw_str branch = {x->branch, strlen(x->branch)};

    return m->type == SIPW_MSG_RESPONSE && m->via &&
           sipw_str_eq(m->via->branch, branch) && m->cseq &&
           m->cseq->seq == x->cseq &&
           m->cseq->method_id == SIPW_METHOD_REGISTER;
}

/* Sends req and waits for its final response (1xx are printed and
 * skipped), resending over UDP on timer E. Returns 1 with the response
 * parsed in *r, 0 on timeout, -1 on an error (printed). A message from the
 * server that does not parse is an error: this tool exists to see two
 * implementations agree. */
static int transact(struct conn *c, const char *req, size_t len,
                    const struct expect *x, long timeout_ms, const char *label,
                    struct response *r)
{
    long start = now_ms(), deadline = start + timeout_ms;
    long interval = T1_MS, next = start + T1_MS;
    unsigned sends = 1;
    int proceeding = 0;

    printf(">>> %s (%s to %s, %zu bytes)\n", label, c->tcp ? "TCP" : "UDP",
           c->peer, len);
    print_raw(req, len);
    if (send_all(c, req, len) != 0)
        return -1;
    for (;;) {
        sipw_error err;
        long wait_until =
            c->tcp ? deadline : (next < deadline ? next : deadline);
        int got = recv_message(c, r, wait_until);

        if (got < 0)
            return -1;
        if (got == 0) {
            long now = now_ms();
            if (now >= deadline) {
                fprintf(stderr,
                        "%s: no response to %s from %s within "
                        "%ld s (%u send%s)\n",
                        progname, label, c->peer, timeout_ms / 1000, sends,
                        sends == 1 ? "" : "s");
                return 0;
            }
            /* timer E fired: resend, double the interval up to T2 (after
             * a 1xx, every T2) */
            sends++;
            printf(">>> %s, retransmission %u (UDP to %s, %ld ms after "
                   "the first send)\n",
                   label, sends - 1, c->peer, now - start);
            fflush(stdout);
            if (send_all(c, req, len) != 0)
                return -1;
            interval =
                proceeding || interval * 2 > T2_MS ? T2_MS : interval * 2;
            next = now + interval;
            continue;
        }
        sipw_arena_init(&r->arena, r->mem, sizeof r->mem);
        if (sipw_msg_parse(&r->msg, r->buf, r->len, SIPW_PARSE_DEFAULT,
                           &r->arena, &err) != SIPW_OK) {
            unsigned line, col;
            sipw_position(r->buf, r->len, err.offset, &line, &col);
            printf("<<< unparseable message (%s from %s, %zu bytes)\n",
                   c->tcp ? "TCP" : "UDP", c->peer, r->len);
            print_raw(r->buf, r->len);
            fprintf(stderr, "%s: bad message from %s: %u:%u: %.*s%s%s\n",
                    progname, c->peer, line, col, (int)err.header.len,
                    err.header.p ? err.header.p : "",
                    err.header.len ? ": " : "", err.reason);
            return -1;
        }
        if (r->msg.type == SIPW_MSG_REQUEST)
            printf("<<< %.*s", (int)r->msg.method.len, r->msg.method.p);
        else
            printf("<<< %u%s%.*s", r->msg.status, r->msg.reason.len ? " " : "",
                   (int)r->msg.reason.len,
                   r->msg.reason.len ? r->msg.reason.p : "");
        printf(" (%s from %s, %zu bytes%s)\n", c->tcp ? "TCP" : "UDP", c->peer,
               r->len,
               ours(&r->msg, x) ? ""
                                : "; ignored: not a response to the current "
                                  "request");
        print_raw(r->buf, r->len);
        if (!ours(&r->msg, x))
            continue;
        if (r->msg.status >= 200)
            return 1;
        proceeding = 1;
    }
}

/* --- the registration --------------------------------------------------- */

/* What stays the same across the REGISTERs of one registration (RFC
 * 3261 §10.2: one Call-ID, CSeq going up). */
struct reg {
    const struct options *o;
    const struct conn *c;
    char ruri[300];    /* sip:DOMAIN */
    char aor[600];     /* <sip:USER@DOMAIN> */
    char contact[600]; /* <sip:USER@LOCAL[;transport=tcp]> */
    char from[700];    /* aor;tag=... */
    char call_id[128];
    uint32_t cseq;
};

static sipw_str str(const char *s)
{
    sipw_str r;

    r.p = s;
    r.len = strlen(s);
    return r;
}

/* Why a REGISTER could not be built or written, on stderr: the
 * header at fault, the reason and the status. Returns 0. */
static size_t build_failed(const sipw_error *err)
{
    fprintf(stderr, "%s: cannot build the REGISTER: %.*s%s%s (%s)\n", progname,
            (int)err->header.len, err->header.len ? err->header.p : "",
            err->header.len ? ": " : "",
            err->reason ? err->reason : sipw_strerror(err->status),
            sipw_status_name(err->status));
    return 0;
}

/* Adds a line `id: value` to m. */
static int add(sipw_msg *m, sipw_hdr id, const char *value, sipw_arena *a,
               sipw_error *err)
{
    static const sipw_str canonical_name = {NULL, 0};

    return sipw_msg_add(m, id, canonical_name, str(value), SIPW_ADD_DEFAULT, a,
                        err) == SIPW_OK
               ? 0
               : -1;
}

/* Builds REGISTER number r->cseq, with an Authorization line of value
 * authz and a Proxy-Authorization line of value pauthz when they are not
 * NULL, writes it to out and its Via branch to branch. Returns the
 * length, 0 on an error (printed). */
static size_t build_register(const struct reg *r, const char *authz,
                             const char *pauthz, char *out, size_t cap,
                             char *branch, size_t bcap)
{
    static unsigned char mem[ARENA_SIZE];
    sipw_arena arena;
    sipw_request_spec spec;
    sipw_msg m;
    sipw_error err;
    char num[16];
    size_t len;

    sipw_arena_init(&arena, mem, sizeof mem);
    memset(&spec, 0, sizeof spec);
    spec.method = str("REGISTER");
    spec.uri = str(r->ruri);
    /* To is the address of record; From, the same here, says who
     * registers it (RFC 3261 §10.2) */
    spec.to = str(r->aor);
    spec.from = str(r->from);
    spec.call_id = str(r->call_id);
    spec.cseq = r->cseq;
    spec.transport = str(r->c->tcp ? "TCP" : "UDP");
    spec.sent_by = str(r->c->local);
    spec.max_forwards = -1;
    spec.contact = str(r->contact);
    if (sipw_msg_request(&m, &spec, &arena, &err) != SIPW_OK)
        return build_failed(&err);
    snprintf(num, sizeof num, "%lu", (unsigned long)r->o->expires);
    if ((r->o->has_expires && add(&m, SIPW_HDR_EXPIRES, num, &arena, &err)) ||
        (authz && add(&m, SIPW_HDR_AUTHORIZATION, authz, &arena, &err)) ||
        (pauthz && add(&m, SIPW_HDR_PROXY_AUTHORIZATION, pauthz, &arena, &err)))
        return build_failed(&err);
    /* the builder drew the branch: responses are matched on it */
    if (!m.via || m.via->branch.len >= bcap) {
        fprintf(stderr, "%s: the built request has no usable branch\n",
                progname);
        return 0;
    }
    memcpy(branch, m.via->branch.p, m.via->branch.len);
    branch[m.via->branch.len] = '\0';
    len = sipw_msg_write(&m, out, cap, SIPW_WRITE_DEFAULT, &err);
    if (len == 0)
        return build_failed(&err);
    if (len > cap) {
        fprintf(stderr, "%s: the REGISTER needs %zu bytes, more than %zu\n",
                progname, len, cap);
        return 0;
    }
    return len;
}

/* The credentials for the first challenge we support in `first`, into
 * out. Returns 0, or -1 (printed). */
static int answer(const struct reg *r, const sipw_auth *first, char *out,
                  size_t cap)
{
    static const sipw_str any_realm = {NULL, 0};
    const sipw_auth *ch = sipw_digest_select(first, any_realm);
    sipw_digest_client in;
    sipw_error err;
    sipw_status st;
    char cnonce[SIPW_TAG_LEN + 1];

    if (!ch) {
        fprintf(stderr,
                "%s: no Digest challenge with an algorithm we "
                "support (MD5, SHA-256, SHA-512-256, -sess)\n",
                progname);
        return -1;
    }
    /* a cnonce is any unguessable token (RFC 7616 §3.4): a tag's 80
     * random bits do */
    if (sipw_make_tag(cnonce, sizeof cnonce, NULL, NULL) != SIPW_OK) {
        fprintf(stderr, "%s: no random bytes for the cnonce\n", progname);
        return -1;
    }
    memset(&in, 0, sizeof in);
    in.username = str(r->o->user);
    in.password = str(r->o->password);
    in.method = str("REGISTER");
    in.uri = str(r->ruri);
    in.cnonce = str(cnonce);
    in.nc = 1; /* each challenge brings a new nonce */
    in.qop = SIPW_DIGEST_QOP_AUTO;
    st = sipw_digest_respond(ch, &in, out, cap, NULL, &err);
    if (st != SIPW_OK) {
        fprintf(stderr, "%s: cannot answer the challenge: %s%s%.*s: %s\n",
                progname, sipw_status_name(st), err.header.len ? " (" : "",
                (int)err.header.len, err.header.p ? err.header.p : "",
                err.reason ? err.reason : "");
        return -1;
    }
    return 0;
}

/* Whether a Contact value names the URI we registered: sip, same user,
 * same host (ignoring case), same port. Enough for the registrar's echo
 * of what we sent; RFC 3261 §19.1.4 compares more. */
static int is_our_contact(const struct reg *r, const sipw_nameaddr *ct)
{
    const sipw_uri *u = &ct->uri;

    return u->scheme_id == SIPW_SCHEME_SIP &&
           sipw_str_eq(u->user, str(r->o->user)) &&
           sipw_str_caseeq(u->host, str(r->c->local_host)) &&
           u->port == (int32_t)r->c->local_port;
}

/* The verdict on a 2xx: our Contact with an expires parameter greater
 * than 0. */
static int check_ok(const struct reg *r, const sipw_msg *m)
{
    const sipw_nameaddr *ct;

    for (ct = m->contact; ct; ct = ct->next) {
        if (!is_our_contact(r, ct))
            continue;
        if (!ct->has_expires) {
            fprintf(stderr,
                    "%s: bad response: the %u lists our Contact "
                    "without an expires parameter\n",
                    progname, m->status);
            return EXIT_FAILED;
        }
        if (ct->expires == 0) {
            fprintf(stderr,
                    "%s: bad response: the %u gives our Contact "
                    "expires=0 (not registered)\n",
                    progname, m->status);
            return EXIT_FAILED;
        }
        printf("registered: %s;expires=%lu\n", r->contact,
               (unsigned long)ct->expires);
        return EXIT_REGISTERED;
    }
    fprintf(stderr,
            "%s: bad response: the %u does not list our Contact "
            "%s\n",
            progname, m->status, r->contact);
    return EXIT_FAILED;
}

static int fail_status(const sipw_msg *m, const char *why)
{
    fprintf(stderr, "%s: registration failed: %u %.*s%s%s\n", progname,
            m->status, (int)m->reason.len, m->reason.len ? m->reason.p : "",
            why ? ": " : "", why ? why : "");
    return EXIT_FAILED;
}

static int run(const struct options *o)
{
    static const sipw_str any_realm = {NULL, 0};
    static struct conn c;
    static struct response resp;
    static char req[MSG_MAX];
    /* [0] answers the registrar's 401 (Authorization), [1] a proxy's 407
     * (Proxy-Authorization, RFC 3261 §22.3); both may be needed */
    static char creds[2][AUTH_MAX];
    int have[2] = {0, 0}, stale_retried[2] = {0, 0};
    int rc = EXIT_FAILED;
    struct reg r;
    struct expect x;
    char branch[SIPW_BRANCH_LEN + 8], tag[SIPW_TAG_LEN + 1];

    if (open_conn(&c, o) != 0)
        return EXIT_FAILED;
    memset(&r, 0, sizeof r);
    r.o = o;
    r.c = &c;
    r.cseq = 1;
    snprintf(r.ruri, sizeof r.ruri, "sip:%s", o->domain);
    snprintf(r.aor, sizeof r.aor, "<sip:%s@%s>", o->user, o->domain);
    snprintf(r.contact, sizeof r.contact, "<sip:%s@%s%s>", o->user, c.local,
             c.tcp ? ";transport=tcp" : "");
    if (sipw_make_tag(tag, sizeof tag, NULL, NULL) != SIPW_OK ||
        sipw_make_call_id(r.call_id, sizeof r.call_id, NULL, NULL) != SIPW_OK) {
        fprintf(stderr, "%s: no random bytes for the tag and Call-ID\n",
                progname);
        close(c.fd);
        return EXIT_FAILED;
    }
    snprintf(r.from, sizeof r.from, "%s;tag=%s", r.aor, tag);

    for (;;) {
        const sipw_msg *m = &resp.msg;
        const sipw_auth *challenges;
        size_t len = build_register(&r, have[0] ? creds[0] : NULL,
                                    have[1] ? creds[1] : NULL, req, sizeof req,
                                    branch, sizeof branch);
        int k;

        if (len == 0) {
            /* the first REGISTER is made of the arguments only */
            if (r.cseq == 1)
                rc = EXIT_USAGE;
            break;
        }
        x.branch = branch;
        x.cseq = r.cseq;
        if (transact(&c, req, len, &x, o->timeout_ms,
                     have[0] || have[1] ? "REGISTER with credentials"
                                        : "REGISTER",
                     &resp) <= 0)
            break;
        if (m->status >= 200 && m->status < 300) {
            rc = check_ok(&r, m);
            break;
        }
        if (m->status != 401 && m->status != 407) {
            fail_status(m,
                        m->status == 403 ? "the registrar refuses us" : NULL);
            break;
        }
        k = m->status == 407;
        challenges = k ? m->proxy_authenticate : m->www_authenticate;
        if (!challenges) {
            fail_status(m, k ? "no Proxy-Authenticate" : "no WWW-Authenticate");
            break;
        }
        if (have[k]) {
            /* A second challenge means the credentials were wrong, unless
             * only the nonce had expired (stale=true, RFC 7616 §3.3):
             * then one more try with the new nonce. */
            const sipw_auth *sel = sipw_digest_select(challenges, any_realm);
            if (!sel || sel->stale != 1 || stale_retried[k]) {
                fail_status(m, "the credentials were not accepted");
                break;
            }
            stale_retried[k] = 1;
        }
        if (answer(&r, challenges, creds[k], sizeof creds[k]) != 0)
            break;
        have[k] = 1;
        r.cseq++;
    }
    close(c.fd);
    return rc;
}

int main(int argc, char **argv)
{
    struct options o;
    int rc = parse_args(argc, argv, &o);

    if (rc != 0)
        return rc;
    return run(&o);
}
