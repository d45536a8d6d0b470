/* SPDX-License-Identifier: MIT */
/* sipwire tool: `sipwire check`, a validator with compiler-style
 * diagnostics. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sipwire/sipwire.h>

#include "cli.h"

static void check_usage(FILE *out)
{
    fputs("usage: sipwire check [OPTIONS] [FILE...]\n"
          "\n"
          "Validates SIP messages (RFC 3261). Prints nothing for a valid\n"
          "message; problems go to standard error as\n"
          "  FILE:LINE:COL: error: [Header: ]REASON\n"
          "  FILE:LINE:COL: warning: REASON\n"
          "and, for a message of a capture (--pcap),\n"
          "  FILE:frame N (TIME SRC:PORT -> DST:PORT):LINE:COL: error: ...\n"
          "Each FILE holds one message (a datagram) unless --stream or\n"
          "--pcap is given; no FILE, or '-', reads standard input.\n"
          "\n"
          "  -s, --stream     each FILE is a byte stream of messages (TCP\n"
          "                   style), read and reported as it arrives:\n"
          "                   Content-Length is required, CRLF keep-alives\n"
          "                   skipped\n"
          "  -p, --pcap       each FILE is a pcap or pcapng capture: its SIP\n"
          "                   messages over UDP, TCP and HEP are checked; the\n"
          "                   summary is always printed\n"
          "  -c, --summary    print the counts to standard output at the end\n"
          "  -l, --lenient    accept what real traffic sends against the\n"
          "                   grammar (a quoted qop in credentials), with a\n"
          "                   warning\n"
          "      --format=FMT text (the default) or json: one JSON object per\n"
          "                   diagnostic per line on standard error\n"
          "      --color[=WHEN]  colour the diagnostics: auto (the default:\n"
          "                   when standard error is a terminal), always,\n"
          "                   never\n"
          "  -h, --help       show this help\n"
          "\n"
          "Exit status: 0 all valid (warnings allowed), 1 some message\n"
          "invalid (or a capture record bad), 2 usage, I/O or output error.\n",
          out);
}

int cli_check(int argc, char **argv)
{
    int nfiles = 0, pretty = 0, compact = 0;
    struct cli_run r;
    const char **files;
    int done;

    memset(&r, 0, sizeof r);
    r.cmd = "check";
    done = cli_args(argc, argv, "check", 0, check_usage, &r, &pretty,
                    &compact, &files, &nfiles);
    if (done >= 0)
        return done;

    /* Validation only: the driver's diagnostics are the output. */
    cli_run_files(&r, files, nfiles);
    free(files);

    if (r.summary || r.pcap)
        cli_print_summary(&r, stdout);
    return cli_run_status(&r, 0);
}
