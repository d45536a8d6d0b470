/* SPDX-License-Identifier: MIT */
/* sipwire: request methods. */
#ifndef SIPWIRE_METHOD_H
#define SIPWIRE_METHOD_H

#include <stddef.h>

#include <sipwire/export.h>

#ifdef __cplusplus
extern "C" {
#endif

/* X(ID, "NAME") for the methods of RFC 3261 and its extensions. Methods are
 * case-sensitive (RFC 3261 §7.1): "invite" is an unknown method. */
#define SIPW_METHOD_LIST(X)                                                    \
    X(INVITE, "INVITE")     /* RFC 3261 */                                     \
    X(ACK, "ACK")           /* RFC 3261 */                                     \
    X(BYE, "BYE")           /* RFC 3261 */                                     \
    X(CANCEL, "CANCEL")     /* RFC 3261 */                                     \
    X(OPTIONS, "OPTIONS")   /* RFC 3261 */                                     \
    X(REGISTER, "REGISTER") /* RFC 3261 */                                     \
    X(PRACK, "PRACK")       /* RFC 3262 */                                     \
    X(SUBSCRIBE, "SUBSCRIBE") /* RFC 6665 */                                   \
    X(NOTIFY, "NOTIFY")     /* RFC 6665 */                                     \
    X(PUBLISH, "PUBLISH")   /* RFC 3903 */                                     \
    X(INFO, "INFO")         /* RFC 6086 */                                     \
    X(REFER, "REFER")       /* RFC 3515 */                                     \
    X(MESSAGE, "MESSAGE")   /* RFC 3428 */                                     \
    X(UPDATE, "UPDATE")     /* RFC 3311 */

/* Method ids; SIPW_METHOD_OTHER (0) is an extension method, whose name is
 * in sipw_msg.method. */
typedef enum sipw_method {
    SIPW_METHOD_OTHER = 0,
#define SIPW_X_(id, name) SIPW_METHOD_##id,
    SIPW_METHOD_LIST(SIPW_X_)
#undef SIPW_X_
    SIPW_METHOD__COUNT
} sipw_method;

/* Maps a method name (case-sensitive) to its id; SIPW_METHOD_OTHER when
 * it is not in the list. */
SIPW_API sipw_method sipw_method_lookup(const char *name, size_t len);

/* The method's name ("INVITE"), or NULL for SIPW_METHOD_OTHER. */
SIPW_API const char *sipw_method_name(sipw_method id);

#ifdef __cplusplus
}
#endif

#endif
