/*
 * object/ioport.h - the IOPort capability: port I/O inside the slot's
 * inclusive port range (KH_OP_IO_IN / KH_OP_IO_OUT, width 1, 2 or 4).
 */
#ifndef KERNEL_OBJECT_IOPORT_H
#define KERNEL_OBJECT_IOPORT_H

#include "invoke.h"

INVOKE_HANDLER(IOPORT);

#endif
