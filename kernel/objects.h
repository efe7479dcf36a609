/*
 * objects.h - the kernel objects behind capabilities: endpoints (ipc.c),
 * device memory (devmem.c), the frame limit and settle (framealloc.c), and
 * the one invocation system call that reaches them (invoke.c).
 */
#ifndef KERNEL_OBJECTS_H
#define KERNEL_OBJECTS_H

#include <stdint.h>
#include "status.h"
#include "process.h"

/* Invocation handler of one capability type: validates everything before
 * it changes anything; reply[0..1] go back in rdx and r8. */
typedef enum status (*invoke_fn)(struct process *p, struct cap *c, uint32_t op,
				 const uint64_t *a, uint64_t *reply);

/* KH_SYS_INVOKE (slot, op, a0..a3). */
enum status invoke(struct process *p, uint64_t slot, uint64_t op, const uint64_t *a,
		   uint64_t *reply);

/* --- endpoints ------------------------------------------------------- */
void ipc_init(void);                               /* before heap_seal() */
enum status ipc_endpoint_named(const char *name, uint32_t *index);
void ipc_release(struct process *p);               /* dequeue a dying process */

/* --- device memory ---------------------------------------------------- */
void devmem_release_all(struct process *p);

/* --- frame limit and settle ------------------------------------------- */
void framealloc_init(uint64_t conservative_limit);  /* at the seal */
void framealloc_release_all(struct process *p);    /* a holder dies */
void framealloc_get(uint64_t *limit, uint64_t *used, uint32_t *phase);

/* Per-type handlers, named invoke_<TYPE> after the list in cap.h. */
#define OBJ_HANDLER_DECL(name, text) \
	enum status invoke_##name(struct process *p, struct cap *c, uint32_t op, \
				  const uint64_t *a, uint64_t *reply);
KH_CAP_TYPE_LIST(OBJ_HANDLER_DECL)
#undef OBJ_HANDLER_DECL

#endif
