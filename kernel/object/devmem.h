/*
 * object/devmem.h - the DevMem capability: device memory mapped into a
 * process through the device StructPage pool (KH_OP_DEVMEM_MAP / UNMAP),
 * one pool record per 4 KiB frame, inside the slot's physical range.
 */
#ifndef KERNEL_OBJECT_DEVMEM_H
#define KERNEL_OBJECT_DEVMEM_H

#include "invoke.h"

/* Bytes of DevMem bookkeeping per pool record (the heap plan's DEVMAPS
 * part holds one word for each of the N + H records). */
#define DEVMEM_RECORD_BYTES 8u

/* Lays the bookkeeping over the DEVMAPS part.  Before heap_seal(). */
void devmem_init(uint32_t records);

/* Unmaps every mapping of a dying process and returns its pool records. */
void devmem_release_all(struct process *p);

INVOKE_HANDLER(DEVMEM);

#endif
