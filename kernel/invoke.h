/*
 * invoke.h - KH_SYS_INVOKE, the one system call that reaches every kernel
 * object, and the shape of a capability type's handler.  Each type has
 * its file pair under object/ (object/<type>.c, named after the type's
 * text in KH_CAP_TYPE_LIST), which declares its handler with
 * INVOKE_HANDLER; invoke.c's table is generated from the same list.
 */
#ifndef KERNEL_INVOKE_H
#define KERNEL_INVOKE_H

#include <stdint.h>
#include "status.h"
#include "proc.h"

/* Invocation handler of one capability type: validates everything before
 * it changes anything; reply[0..1] go back in rdx and r8. */
typedef enum status (*invoke_fn)(struct process *p, struct cap *c, uint32_t op,
				 const uint64_t *a, uint64_t *reply);

/* The handler of type `name` (a KH_CAP_TYPE_LIST name): invoke_<name>.
 * (Pasted in one step, so that NULL stays a name.) */
#define INVOKE_FN(fn) \
	enum status fn(struct process *p, struct cap *c, uint32_t op, \
		       const uint64_t *a, uint64_t *reply)
#define INVOKE_HANDLER(name) INVOKE_FN(invoke_##name)

/* KH_SYS_INVOKE (slot, op, a0..a3). */
enum status invoke(struct process *p, uint64_t slot, uint64_t op, const uint64_t *a,
		   uint64_t *reply);

#endif
