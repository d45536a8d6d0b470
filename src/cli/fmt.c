/* sipwire tool: `sipwire fmt`, each valid message in canonical form
 * (sipw_msg_write(), docs/canonical.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sipwire/sipwire.h>

#include "cli.h"

static void fmt_usage(FILE *out)
{
    fputs("usage: sipwire fmt [--stream] [--compact] [--lenient] [FILE...]\n"
          "\n"
          "Parses SIP messages (RFC 3261) and writes each valid one to\n"
          "standard output in canonical form (docs/canonical.md): header\n"
          "names in their RFC spelling, one Via or name-addr value per line,\n"
          "parameters without white space, Content-Length computed from the\n"
          "body. An invalid message writes nothing; its error goes to\n"
          "standard error as\n"
          "  FILE:LINE:COL: error: REASON\n"
          "and warnings about valid messages as\n"
          "  FILE:LINE:COL: warning: REASON\n"
          "\n"
          "  --stream    each FILE is a byte stream of messages (TCP style):\n"
          "              Content-Length is required, CRLF keep-alives skipped\n"
          "  --compact   compact header names (v, f, t, i...) where a header\n"
          "              has one\n"
          "  --lenient   accept what real traffic sends against the grammar\n"
          "              (with a warning); such a line is written as it is\n"
          "  -h, --help  show this help\n"
          "\n"
          "Exit status: 0 all valid (warnings allowed), 1 some message\n"
          "invalid, 2 usage, I/O or output error.\n",
          out);
}

struct fmt_ctx {
    unsigned flags;
    char *buf;
    size_t cap;
    int failed; /* a parsed message the writer refused */
};

/* The driver's callback: writes one valid message. */
static void fmt_msg(void *ctx, const struct cli_input *in, size_t off,
                    const sipw_msg *msg)
{
    struct fmt_ctx *c = (struct fmt_ctx *)ctx;
    sipw_error err;
    size_t n = sipw_msg_write(msg, c->buf, c->cap, c->flags, &err);

    if (n > c->cap) {
        free(c->buf);
        c->cap = n;
        c->buf = cli_xrealloc(NULL, c->cap);
        n = sipw_msg_write(msg, c->buf, c->cap, c->flags, &err);
    }
    if (n == 0) {
        /* Only a limit can stop a parsed message (its canonical form
         * may be longer than the message). */
        size_t at = off;
        if (err.offset < msg->nheaders && err.header.p)
            at = (size_t)(msg->headers[err.offset].name.p - in->data);
        c->failed = 1;
        cli_diag(in, at, "error", err.header, err.reason);
        return;
    }
    fwrite(c->buf, 1, n, stdout);
}

int cli_fmt(int argc, char **argv)
{
    int compact = 0, nfiles = 0, io_error;
    struct cli_run r = {0};
    const char **files;
    struct fmt_ctx c;

    memset(&c, 0, sizeof c);
    {
        const struct cli_opt opts[] = {{"--compact", &compact},
                                       {NULL, NULL}};
        int done = cli_args(argc, argv, "fmt", opts, fmt_usage, &r, &files,
                            &nfiles);
        if (done >= 0)
            return done;
    }

    c.flags = compact ? SIPW_WRITE_COMPACT : SIPW_WRITE_DEFAULT;
    r.on_msg = fmt_msg;
    r.ctx = &c;
    io_error = cli_run_files(&r, files, nfiles) != 0;
    free(files);
    free(c.buf);

    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "%s: fmt: error writing standard output\n",
                cli_progname);
        return CLI_USAGE;
    }
    if (io_error)
        return CLI_USAGE;
    return r.invalid || c.failed ? CLI_INVALID : CLI_OK;
}
