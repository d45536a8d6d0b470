/* SPDX-License-Identifier: MIT */
/* sipwire fuzz target: sipw_uri_parse() on the whole input. */
#include "fuzz.h"

SIPW_FUZZ_TARGET(fuzz_uri, "uri")
{
    char *buf = fz_copy(data, size);
    sipw_uri uri;
    sipw_error err;
    sipw_status st;

    memset(&err, 0, sizeof err);
    st = sipw_uri_parse(&uri, buf, size, SIPW_URI_DEFAULT, &err);
    if (st == SIPW_OK) {
        /* The URI is exactly the input. */
        FZ_CHECK(uri.raw.p == buf && uri.raw.len == size);
        fz_check_uri(&uri, buf, size);
    } else {
        fz_check_error(st, &err, buf, size);
        FZ_CHECK(uri.raw.p == NULL && uri.scheme.p == NULL &&
                 uri.host.p == NULL && uri.params.p == NULL);
    }
    /* Without an error report: the same verdict. */
    FZ_CHECK(sipw_uri_parse(&uri, buf, size, SIPW_URI_DEFAULT, NULL) == st);
    free(buf);
    return 0;
}
