/* sipwire fuzz target: sipw_msg_parse() on one datagram, with every typed
 * header parsed (that is what sipw_msg_parse() does), each result checked
 * against the API's promises (fuzz/fuzz.h), and the same parse repeated
 * with an arena too small. */
#include "fuzz.h"

SIPW_FUZZ_TARGET(fuzz_msg, "msg")
{
    size_t msg_size;
    fz_parse_msg(data, size, &msg_size);
    FZ_CHECK(msg_size <= size);
    return 0;
}
