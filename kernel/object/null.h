/*
 * object/null.h - the Null type: an empty slot.  It has no operations;
 * invoke() stops at an empty slot (BAD_SLOT) before any handler runs.
 */
#ifndef KERNEL_OBJECT_NULL_H
#define KERNEL_OBJECT_NULL_H

#include "invoke.h"

INVOKE_HANDLER(NULL);

#endif
