/* sipwire: the byte tables behind sipw__skip_text() and
 * sipw__skip_qdtext() (see scan.h). */
#include "base/scan.h"

#define C16(v) v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v

const unsigned char sipw__text_stop[256] = {
    /* 0x00-0x0f: control bytes stop, HTAB does not */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1,
    /* 0x10-0x1f */
    C16(1),
    /* 0x20-0x2f: DQUOTE (0x22) stops */
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    C16(0), C16(0), C16(0), C16(0),
    /* 0x70-0x7f: DEL stops */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
    /* 0x80-0xff: UTF-8 bytes are text */
    C16(0), C16(0), C16(0), C16(0), C16(0), C16(0), C16(0), C16(0),
};

/* The same, and "\\" (0x5c). */
const unsigned char sipw__qdtext_stop[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1,
    C16(1),
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    C16(0), C16(0),
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
    C16(0),
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
    C16(0), C16(0), C16(0), C16(0), C16(0), C16(0), C16(0), C16(0),
};

#undef C16
