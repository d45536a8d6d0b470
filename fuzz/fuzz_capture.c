#include "fuzz.h"
SIPW_FUZZ_TARGET(fuzz_capture, "msg")
{
    (void)data; (void)size;
    return 0;
}
