/*
 * object/devmem.h - the DevMem capability: device memory mapped into a
 * process through the device StructPage pool (KH_OP_DEVMEM_MAP / UNMAP),
 * one pool record per 4 KiB frame however often it is mapped, inside the
 * slot's physical range; published frames (PUBLISH) and their RESCIND.
 */
#ifndef KERNEL_OBJECT_DEVMEM_H
#define KERNEL_OBJECT_DEVMEM_H

#include "invoke.h"

/* Bytes of DevMem bookkeeping per pool record (the heap plan's DEVMAPS
 * part holds one word for each of the N + H records). */
#define DEVMEM_RECORD_BYTES 8u

/* Lays the bookkeeping over the DEVMAPS part.  Before heap_seal(). */
void devmem_init(uint32_t records);

/* Unmaps every mapping of a dying process (private runs go back to the
 * pool with their last mapping) and rescinds the frames it is master of. */
void devmem_release_all(struct process *p);

/* RESCIND through slot c (the master): every mapping of the frames in
 * every process goes, every slot naming them fails `rescinded` from now
 * on, the records return to the pool; logs `kernel: rescind ...`. */
enum status devmem_rescind(const struct cap *c, uint64_t *reply);

/* RESCINDED for a slot naming published frames that went back to the
 * pool (their alloc_count moved on), OK otherwise. */
enum status devmem_cap_alive(const struct cap *c);

/* Mappings p holds and the frames they cover (the Ctrl-T table). */
void devmem_held(const struct process *p, uint32_t *mappings, uint32_t *frames);

INVOKE_HANDLER(DEVMEM);

#endif
