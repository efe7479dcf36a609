/*
 * object/null.c - the Null type's handler, there so that the table
 * generated from the type list has no hole.
 */
#include "object/null.h"

enum status invoke_NULL(struct process *p, struct cap *c, uint32_t op,
			const uint64_t *a, uint64_t *reply)
{
	(void)p; (void)c; (void)op; (void)a; (void)reply;
	return STATUS_BAD_SLOT;   /* unreachable: empty slots stop in invoke() */
}
