/* SPDX-License-Identifier: MIT */
/* sipwire tool: `sipwire fmt`, each valid message in canonical form
 * (sipw_msg_write(), docs/canonical.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sipwire/sipwire.h>

#include "cli.h"

static void fmt_usage(FILE *out)
{
    fputs("usage: sipwire fmt [OPTIONS] [FILE...]\n"
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
          "  -s, --stream     each FILE is a byte stream of messages (TCP\n"
          "                   style), read and written as it arrives:\n"
          "                   Content-Length is required, CRLF keep-alives\n"
          "                   skipped\n"
          "  -p, --pcap       each FILE is a pcap or pcapng capture\n"
          "      --compact    compact header names (v, f, t, i...) where a\n"
          "                   header has one\n"
          "  -c, --summary    print the counts to standard error at the end\n"
          "  -l, --lenient    accept what real traffic sends against the\n"
          "                   grammar (with a warning); such a line is\n"
          "                   written as it is\n"
          "      --format=FMT diagnostics as text (the default) or json\n"
          "      --color[=WHEN]  colour the diagnostics: auto, always, never\n"
          "  -h, --help       show this help\n"
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
static void fmt_msg(void *ctx, const struct cli_where *w, size_t off,
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
         * may be longer than the message). Reported at the line at
         * fault, else at the message. */
        size_t at = off;
        if (err.header_index < msg->nheaders)
            at = (size_t)(msg->headers[err.header_index].name.p - w->data);
        c->failed = 1;
        cli_report(w, at, CLI_SEV_ERROR, cli_lib_status_name(err.status),
                   err.header, err.reason);
        return;
    }
    fwrite(c->buf, 1, n, stdout);
}

int cli_fmt(int argc, char **argv)
{
    int compact = 0, pretty = 0, nfiles = 0, rc;
    struct cli_run r;
    const char **files;
    struct fmt_ctx c;

    memset(&c, 0, sizeof c);
    memset(&r, 0, sizeof r);
    r.cmd = "fmt";
    rc = cli_args(argc, argv, "fmt", CLI_O_COMPACT, fmt_usage, &r, &pretty,
                  &compact, &files, &nfiles);
    if (rc >= 0)
        return rc;

    c.flags = compact ? SIPW_WRITE_COMPACT : SIPW_WRITE_DEFAULT;
    r.on_msg = fmt_msg;
    r.ctx = &c;
    cli_run_files(&r, files, nfiles);
    free(files);
    free(c.buf);

    if (r.summary)
        cli_print_summary(&r, stderr);
    return cli_run_status(&r, c.failed);
}
