/* sipwire tool: `sipwire check`, a validator with compiler-style
 * diagnostics. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sipwire/sipwire.h>

#include "cli.h"

static void check_usage(FILE *out)
{
    fputs("usage: sipwire check [--stream] [--summary] [--lenient] [FILE...]\n"
          "\n"
          "Validates SIP messages (RFC 3261). Prints nothing for a valid\n"
          "message; problems go to standard error as\n"
          "  FILE:LINE:COL: error: REASON\n"
          "  FILE:LINE:COL: warning: REASON\n"
          "\n"
          "  --stream    each FILE is a byte stream of messages (TCP style):\n"
          "              Content-Length is required, CRLF keep-alives skipped\n"
          "  --summary   print one line of counts to standard output\n"
          "  --lenient   accept what real traffic sends against the grammar\n"
          "              (a quoted qop in credentials), with a warning\n"
          "  -h, --help  show this help\n"
          "\n"
          "Exit status: 0 all valid (warnings allowed), 1 some message\n"
          "invalid, 2 usage or I/O error.\n",
          out);
}

int cli_check(int argc, char **argv)
{
    int summary = 0, nfiles = 0, io_error;
    struct cli_run r = {0};
    const char **files;

    {
        const struct cli_opt opts[] = {{"--summary", &summary},
                                       {NULL, NULL}};
        int done = cli_args(argc, argv, "check", opts, check_usage, &r, &files,
                            &nfiles);
        if (done >= 0)
            return done;
    }

    /* Validation only: the driver's diagnostics are the output. */
    io_error = cli_run_files(&r, files, nfiles) != 0;
    free(files);

    if (summary)
        printf("%lu messages checked: %lu valid, %lu invalid, %lu "
               "warnings\n",
               r.messages, r.messages - r.invalid, r.invalid, r.warnings);
    if (io_error)
        return CLI_USAGE;
    return r.invalid ? CLI_INVALID : CLI_OK;
}
