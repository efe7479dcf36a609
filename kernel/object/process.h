/*
 * object/process.h - the Process capability: stopping another process,
 * reading how a process is doing or how it ended (struct kh_procinfo),
 * and spawning a manifest program with that program's own grants.
 */
#ifndef KERNEL_OBJECT_PROCESS_H
#define KERNEL_OBJECT_PROCESS_H

#include "invoke.h"

INVOKE_HANDLER(PROCESS);

#endif
