/*
 * invoke.c - KH_SYS_INVOKE: one system call reaches every capability.
 * The slot is checked here (range, not empty), the operation's type
 * against the slot's (WRONG_TYPE), then the type's handler validates the
 * rest before it changes anything.  The handlers' declarations and the
 * table are generated from the one type list (uapi/kh_syscall.h): a type
 * without a handler (object/<type>.c) does not link.
 */
#include "invoke.h"
#include "config.h"

#define OBJ_HANDLER_DECL(name, text) INVOKE_FN(invoke_##name);
CAP_TYPE_LIST(OBJ_HANDLER_DECL)
#undef OBJ_HANDLER_DECL

static const invoke_fn handlers[CAP_TYPE_COUNT] = {
#define OBJ_HANDLER(name, text) [CAP_##name] = invoke_##name,
	CAP_TYPE_LIST(OBJ_HANDLER)
#undef OBJ_HANDLER
};

enum status invoke(struct process *p, uint64_t slot, uint64_t op, const uint64_t *a,
		   uint64_t *reply)
{
	if (slot >= KH_CAPS_PER_PROC || !p->caps[slot].type)
		return STATUS_BAD_SLOT;
	struct cap *c = &p->caps[slot];
	if (op > 0xffff || (op >> 8) != c->type)
		return STATUS_WRONG_TYPE;
	return handlers[c->type](p, c, (uint32_t)op, a, reply);
}
