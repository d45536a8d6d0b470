/* sipwire tool: command dispatch. */
#include <stdio.h>
#include <string.h>

#include <sipwire/sipwire.h>

#include "cli.h"

const char *cli_progname = "sipwire";

static void usage(FILE *out)
{
    fputs("usage: sipwire COMMAND [OPTIONS] [FILE...]\n"
          "\n"
          "Commands:\n"
          "  check    validate SIP messages; report errors as FILE:LINE:COL\n"
          "  json     print each valid message as one JSON object per line\n"
          "  fmt      print each valid message in canonical form\n"
          "  digest   compute or verify digest credentials (RFC 7616)\n"
          "\n"
          "Each FILE holds one message (a datagram) unless --stream is given;\n"
          "no FILE, or '-', reads standard input.\n"
          "\n"
          "Options:\n"
          "  -h, --help     show this help and exit\n"
          "  -V, --version  show the version and exit\n"
          "\n"
          "Exit status: 0 all valid, 1 some message invalid, 2 usage or I/O "
          "error.\n"
          "Run 'sipwire COMMAND --help' for the command's options.\n",
          out);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return CLI_USAGE;
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        usage(stdout);
        return CLI_OK;
    }
    if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
        printf("sipwire %s\n", sipw_version());
        return CLI_OK;
    }
    if (strcmp(argv[1], "check") == 0)
        return cli_check(argc - 1, argv + 1);
    if (strcmp(argv[1], "json") == 0)
        return cli_json(argc - 1, argv + 1);
    if (strcmp(argv[1], "fmt") == 0)
        return cli_fmt(argc - 1, argv + 1);
    if (strcmp(argv[1], "digest") == 0)
        return cli_digest(argc - 1, argv + 1);
    fprintf(stderr, "%s: unknown command '%s'\n", cli_progname, argv[1]);
    usage(stderr);
    return CLI_USAGE;
}
