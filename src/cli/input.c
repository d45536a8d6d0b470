/* SPDX-License-Identifier: MIT */
/* sipwire tool: reading inputs whole. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_read_input(const char *path, struct cli_input *in)
{
    FILE *fp;
    size_t cap = 65536, len = 0;
    char *buf;
    int is_stdin = strcmp(path, "-") == 0;

    in->name = is_stdin ? "<stdin>" : path;
    in->data = NULL;
    in->len = 0;
    fp = is_stdin ? stdin : fopen(path, "rb");
    if (!fp) {
        cli_error_file(path, "EIO", "%s", strerror(errno));
        return -1;
    }
    buf = malloc(cap);
    while (buf) {
        size_t n = fread(buf + len, 1, cap - len, fp);
        len += n;
        if (len < cap) {
            if (ferror(fp)) {
                cli_error_file(in->name, "EIO", "read error: %s",
                               strerror(errno));
                free(buf);
                buf = NULL;
                len = 0;
                if (!is_stdin)
                    fclose(fp);
                return -1;
            }
            break;
        }
        {
            char *bigger = realloc(buf, cap * 2);
            if (!bigger) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = bigger;
            cap *= 2;
        }
    }
    if (!is_stdin)
        fclose(fp);
    if (!buf) {
        cli_error_file(in->name, "ENOMEM", "out of memory (reading %zu bytes)",
                       cap * 2);
        return -1;
    }
    in->data = buf;
    in->len = len;
    return 0;
}

void cli_free_input(struct cli_input *in)
{
    free(in->data);
    in->data = NULL;
    in->len = 0;
}
