/* SPDX-License-Identifier: MIT */
/* sipwire fuzz target: sipw_msg_parse() on one datagram, with every typed
 * header parsed (that is what sipw_msg_parse() does), each result checked
 * against the API's promises (fuzz/fuzz.h), and the same parse repeated
 * with an arena too small. Then the lazy path (SIPW_PARSE_LAZY, then
 * sipw_msg_typed() for the whole message) must reach the same verdict,
 * with the same error at the same byte. */
#include "fuzz.h"

static void lazy_agrees(const uint8_t *data, size_t size)
{
    char *buf = fz_copy(data, size);
    sipw_arena eager_a, lazy_a;
    sipw_msg eager, lazy;
    sipw_error ee, el;
    sipw_status se, sl;

    fz_big_arena(&eager_a, size);
    fz_second_arena(&lazy_a, size);
    memset(&ee, 0, sizeof ee);
    memset(&el, 0, sizeof el);
    se = sipw_msg_parse(&eager, buf, size, SIPW_PARSE_DEFAULT, &eager_a, &ee);
    sl = sipw_msg_parse(&lazy, buf, size, SIPW_PARSE_LAZY, &lazy_a, &el);
    if (sl != SIPW_OK) {
        /* The lazy parse stops before the typed pass, so a missing
         * mandatory header is what it finds first; the eager parse
         * reports a typed error before it (errors in message order), but
         * the verdict is the same. */
        FZ_CHECK(se != SIPW_OK);
        if (sl == SIPW_EMISSING && se != SIPW_EMISSING)
            goto out;
    } else {
        FZ_CHECK(lazy.via == NULL && lazy.cseq == NULL && lazy.buf == buf);
        sl = sipw_msg_typed(&lazy, SIPW_HDR_OTHER, &lazy_a, &el);
    }
    FZ_CHECK(sl == se);
    if (se == SIPW_OK) {
        fz_check_msg(&lazy, buf, size);
        FZ_CHECK(lazy.size == eager.size && lazy.nheaders == eager.nheaders);
        FZ_CHECK((lazy.via == NULL) == (eager.via == NULL));
        FZ_CHECK((lazy.cseq == NULL) == (eager.cseq == NULL));
        FZ_CHECK(lazy.max_forwards == eager.max_forwards);
    } else {
        FZ_CHECK(el.offset == ee.offset);
    }
out:
    free(buf);
}

SIPW_FUZZ_TARGET(fuzz_msg, "msg")
{
    size_t msg_size;
    fz_parse_msg(data, size, &msg_size);
    FZ_CHECK(msg_size <= size);
    lazy_agrees(data, size);
    return 0;
}
