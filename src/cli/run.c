/* SPDX-License-Identifier: MIT */
/* sipwire tool: what check, json and fmt do with their inputs: read each
 * file (a datagram whole, a stream incrementally, a capture through the
 * capture reader), parse each message, report errors and warnings, hand
 * the valid messages to the subcommand, and count for the summary. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cli/capture/capture.h"

static const sipw_str no_header = {NULL, 0};

/* The bytes after a datagram's message: RFC 3261 section 18.3 has them
 * ignored; say so, and say when they look like a second message. */
static void trailing_bytes(const struct cli_where *w, size_t at, size_t n)
{
    char reason[320];
    const char *rest = w->data + at;
    size_t skip = 0;

    while (skip < n && (rest[skip] == '\r' || rest[skip] == '\n'))
        skip++;
    snprintf(reason, sizeof reason,
             "%zu byte%s after the message %s ignored (RFC 3261 section "
             "18.3: bytes past the Content-Length of a datagram are "
             "discarded)%s",
             n, n == 1 ? "" : "s", n == 1 ? "is" : "are",
             skip < n && cap_sip_check(rest + skip, n - skip) == CAP_SIP_YES
                 ? "; they look like another SIP message, which a datagram "
                   "cannot carry (use --stream for a byte stream)"
                 : "");
    cli_report(w, at, CLI_SEV_WARNING, "TRAILING_BYTES", no_header, reason);
}

void cli_run_one(struct cli_run *r, const struct cli_where *w, size_t off,
                 size_t len, int datagram)
{
    sipw_msg msg;
    sipw_error err;
    sipw_status st;
    unsigned k;
    int warned = 0;

    r->messages++;
    st = cli_parse(&r->arena, w->file, &msg, w->data + off, len,
                   r->parse_flags, &err);
    if (st != SIPW_OK) {
        r->invalid++;
        cli_report(w, off + err.offset, CLI_SEV_ERROR, cli_lib_status_name(st),
                   err.header, err.reason);
        return;
    }
    for (k = 0; k < SIPW_WARN__COUNT; k++) {
        if (msg.warnings & (1u << k)) {
            warned = 1;
            cli_report(w, off, CLI_SEV_WARNING, cli_lib_warning_name(k),
                       no_header, cli_lib_warning_text(k));
        }
    }
    if (datagram && msg.size < len) {
        warned = 1;
        trailing_bytes(w, off + msg.size, len - msg.size);
    }
    r->warned += (unsigned long)warned;
    if (r->on_msg)
        r->on_msg(r->ctx, w, off, &msg);
    if (r->flush_each)
        fflush(stdout);
}

/* A capture given without --pcap. */
static int looks_like_capture(const char *name, const void *p, size_t n)
{
    enum cap_format f = cap_sniff(p, n);
    if (f == CAP_FMT_NONE)
        return 0;
    cli_error_file(name, "EUSAGE",
                   "this is a %s capture file, not a SIP message: use --pcap "
                   "to read the SIP messages it carries",
                   cap_format_name(f));
    return 1;
}

/* --- a byte stream, read as it arrives ------------------------------------ */

struct stream {
    char *buf;
    size_t len, cap;
    uint64_t base;          /* offset in the file of buf[0] */
    unsigned long line, col; /* position of buf[0]: line, column - 1 */
};

/* Drops buf[0..n), keeping count of the lines and columns passed. */
static void stream_consume(struct stream *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (s->buf[i] == '\n') {
            s->line++;
            s->col = 0;
        } else {
            s->col++;
        }
    }
    memmove(s->buf, s->buf + n, s->len - n);
    s->len -= n;
    s->base += n;
}

static void stream_where(const struct stream *s, const char *name,
                         struct cli_where *w)
{
    memset(w, 0, sizeof *w);
    w->file = name;
    w->data = s->buf;
    w->len = s->len;
    w->offset = s->base;
    w->line0 = s->line;
    w->col0 = s->col;
}

/* Frames and parses what s holds. Returns 1 when framing is lost (an
 * error was reported: the rest of the stream cannot be trusted). */
static int stream_frame(struct cli_run *r, const char *name, struct stream *s)
{
    size_t pos = 0;
    int lost = 0;

    while (pos < s->len) {
        size_t start, mlen;
        sipw_error err;
        struct cli_where w;
        sipw_status st =
            cli_lib_frame(s->buf + pos, s->len - pos, &start, &mlen, &err);
        stream_where(s, name, &w);
        if (st == SIPW_INCOMPLETE) {
            pos += start; /* keep-alives */
            break;
        }
        if (st != SIPW_OK) {
            r->messages++;
            r->invalid++;
            cli_report(&w, pos + err.offset, CLI_SEV_ERROR,
                       cli_lib_status_name(st), err.header, err.reason);
            lost = 1;
            pos = s->len;
            break;
        }
        cli_run_one(r, &w, pos + start, mlen, 0);
        pos += start + mlen;
    }
    stream_consume(s, pos);
    return lost;
}

static void run_stream_fd(struct cli_run *r, const char *name, int fd)
{
    struct stream s;
    int eof = 0, sniffed = 0;

    memset(&s, 0, sizeof s);
    s.line = 1;
    for (;;) {
        ssize_t n;
        if (s.len == s.cap) {
            size_t ncap = s.cap ? s.cap * 2 : 65536;
            if (s.len >= CLI_STREAM_MAX) {
                struct cli_where w;
                char reason[160];
                stream_where(&s, name, &w);
                snprintf(reason, sizeof reason,
                         "message longer than %zu bytes: not framed; the "
                         "rest of the stream is skipped",
                         (size_t)CLI_STREAM_MAX);
                r->messages++;
                r->invalid++;
                cli_report(&w, 0, CLI_SEV_ERROR, "ELIMIT", no_header, reason);
                break;
            }
            if (ncap > CLI_STREAM_MAX)
                ncap = CLI_STREAM_MAX;
            s.buf = realloc(s.buf, ncap);
            if (!s.buf)
                cli_fatal(name, "ENOMEM", "out of memory (%zu bytes)", ncap);
            s.cap = ncap;
        }
        n = read(fd, s.buf + s.len, s.cap - s.len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            cli_error_file(name, "EIO", "read error: %s", strerror(errno));
            r->io_error = 1;
            break;
        }
        if (n == 0)
            eof = 1;
        s.len += (size_t)n;
        r->bytes += (uint64_t)n;
        cli_progress(name, 0, r->messages, r->bytes);
        if (!sniffed && (s.len >= 12 || eof)) {
            sniffed = 1;
            if (looks_like_capture(name, s.buf, s.len)) {
                r->io_error = 1;
                break;
            }
        }
        if (!sniffed)
            continue;
        if (stream_frame(r, name, &s))
            break;
        if (eof) {
            if (s.len > 0) {
                struct cli_where w;
                stream_where(&s, name, &w);
                r->messages++;
                r->invalid++;
                cli_report(&w, s.len, CLI_SEV_ERROR, "INCOMPLETE", no_header,
                           "stream ends inside a message (incomplete)");
            }
            break;
        }
    }
    free(s.buf);
}

static void run_stream(struct cli_run *r, const char *path)
{
    int is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY);
    struct stat st;

    if (fd < 0) {
        cli_error_file(path, "EIO", "%s", strerror(errno));
        r->io_error = 1;
        return;
    }
    /* Each message is written out as it is parsed when the input comes
     * from a pipe, a terminal or a socket. */
    r->flush_each = fstat(fd, &st) == 0 && !S_ISREG(st.st_mode);
    run_stream_fd(r, name, fd);
    if (!is_stdin)
        close(fd);
    r->flush_each = 0;
}

/* --- a datagram: the whole input is one message ------------------------------ */

static void run_datagram(struct cli_run *r, const char *path)
{
    struct cli_input in;
    struct cli_where w;

    if (cli_read_input(path, &in) != 0) {
        r->io_error = 1;
        return;
    }
    r->bytes += in.len;
    if (looks_like_capture(in.name, in.data, in.len)) {
        r->io_error = 1;
    } else {
        memset(&w, 0, sizeof w);
        w.file = in.name;
        w.data = in.data;
        w.len = in.len;
        w.line0 = 1;
        cli_run_one(r, &w, 0, in.len, 1);
        cli_progress(in.name, 0, r->messages, r->bytes);
    }
    cli_free_input(&in);
}

int cli_run_files(struct cli_run *r, const char *const *files, int nfiles)
{
    int i;
    for (i = 0; i < (nfiles ? nfiles : 1); i++) {
        const char *path = nfiles ? files[i] : "-";
        if (r->pcap)
            cli_run_capture(r, path);
        else if (r->stream)
            run_stream(r, path);
        else
            run_datagram(r, path);
    }
    cli_progress_clear();
    cli_arena_free(&r->arena);
    return r->io_error ? -1 : 0;
}

/* --- the summary ---------------------------------------------------------- */

static int by_count(const void *a, const void *b)
{
    const struct cli_code_count *x = a, *y = b;
    if (x->sev != y->sev)
        return x->sev > y->sev ? -1 : 1; /* errors first */
    if (x->n != y->n)
        return x->n > y->n ? -1 : 1;
    return strcmp(x->code, y->code);
}

void cli_print_summary(const struct cli_run *r, FILE *out)
{
    size_t n, i;
    const struct cli_code_count *c0 = cli_code_counts(&n);
    struct cli_code_count c[64];
    unsigned long valid = r->messages - r->invalid;

    memcpy(c, c0, n * sizeof *c);
    qsort(c, n, sizeof *c, by_count);
    if (cli_out.format == CLI_FMT_JSON) {
        fprintf(out,
                "{\"summary\":{\"messages\":%lu,\"valid\":%lu,"
                "\"with_warnings\":%lu,\"invalid\":%lu,\"not_sip\":%lu",
                r->messages, valid, r->warned, r->invalid, r->not_sip);
        if (r->captures)
            fprintf(out, ",\"captures\":%d,\"records\":%" PRIu64
                         ",\"bad_records\":%" PRIu64,
                    r->captures, r->records, r->bad_records);
        fputs(",\"codes\":{", out);
        for (i = 0; i < n; i++)
            fprintf(out, "%s\"%s\":%lu", i ? "," : "", c[i].code, c[i].n);
        fputs("}}}\n", out);
        return;
    }
    fprintf(out,
            "%lu messages checked: %lu valid (%lu with warnings), %lu "
            "invalid, %lu not SIP\n",
            r->messages, valid, r->warned, r->invalid, r->not_sip);
    if (r->captures)
        fprintf(out, "%d capture%s: %" PRIu64 " records, %" PRIu64
                     " with errors\n",
                r->captures, r->captures == 1 ? "" : "s", r->records,
                r->bad_records);
    for (i = 0; i < n; i++)
        fprintf(out, "%s%s %lu%s", i ? ", " : "by code: ", c[i].code, c[i].n,
                i + 1 == n ? "\n" : "");
}

int cli_run_status(struct cli_run *r, int extra_invalid)
{
    if (cli_flush_stdout(r->cmd) != 0 || r->io_error)
        return CLI_USAGE;
    return r->invalid || r->capture_errors || extra_invalid ? CLI_INVALID
                                                             : CLI_OK;
}
