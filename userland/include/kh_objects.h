/*
 * kh_objects.h - user-side wrappers for capabilities, IPC and time
 * (docs/syscalls.md).  Every call returns an enum status; extra results
 * come back through pointers (NULL to ignore).
 */
#ifndef KH_OBJECTS_H
#define KH_OBJECTS_H

#include <stdint.h>
#include "kh_syscall.h"
#include "status.h"

/* KH_SYS_INVOKE: slot, op, four arguments; r0/r1 receive the two reply
 * words (rdx and r8 on x86_64, d1/d3 and d2/d4 on ColdFire). */
enum status kh_invoke(uint32_t slot, uint32_t op, uint64_t a0, uint64_t a1,
		      uint64_t a2, uint64_t a3, uint64_t *r0, uint64_t *r1);

/* The nth (0-based) slot holding a capability of `type`. */
enum status kh_cap_find(enum kh_cap_type type, uint32_t nth, uint32_t *slot);

enum status kh_sleep_ms(uint64_t ms);
uint64_t kh_clock_ms(void);
enum status kh_yield(void);

/* IPC on an endpoint slot (struct kh_msg in kh_syscall.h). */
enum status kh_call(uint32_t slot, struct kh_msg *m);
enum status kh_recv(uint32_t slot, struct kh_msg *m);
/* The same without blocking: EMPTY when no caller waits. */
enum status kh_recv_poll(uint32_t slot, struct kh_msg *m);
enum status kh_reply(uint32_t slot, struct kh_msg *m);

/* DevMem: map `pages` frames of device memory at phys to vaddr; on
 * POOL_EXHAUSTED *missing says how many pool records were lacking. */
enum status kh_devmem_map(uint32_t slot, uint64_t phys, uint64_t pages, uint64_t vaddr,
			  unsigned flags, uint64_t *missing);
enum status kh_devmem_unmap(uint32_t slot, uint64_t vaddr);
/* DevMem hold (KH_MAP_HOLD): the records of `pages` frames at phys, as a
 * mapping would take them, and no page; released by its physical
 * address.  flags: KH_MAP_WC or 0 (the records' attribute). */
enum status kh_devmem_hold(uint32_t slot, uint64_t phys, uint64_t pages, unsigned flags,
			   uint64_t *missing);
enum status kh_devmem_release(uint32_t slot, uint64_t phys);

enum status kh_io_in(uint32_t slot, uint16_t port, unsigned width, uint32_t *value);
enum status kh_io_out(uint32_t slot, uint16_t port, unsigned width, uint32_t value);

/* FrameAlloc: a zeroed RAM frame at vaddr (inside the frame window),
 * its physical address for DMA in *pa. */
enum status kh_frame_map(uint32_t slot, uint64_t vaddr, uint64_t *pa);
enum status kh_frame_free(uint32_t slot, uint64_t vaddr);
/* Frames counted against the limit but not mapped; *reserved = total. */
enum status kh_frame_reserve(uint32_t slot, uint64_t count, uint64_t *reserved);
enum status kh_frame_unreserve(uint32_t slot, uint64_t count, uint64_t *reserved);
enum status kh_frame_limit(uint32_t slot, uint64_t *limit, uint64_t *used, uint32_t *phase);

enum status kh_settle(uint32_t slot, uint32_t keep, uint64_t *records, uint64_t *frames);
enum status kh_pool_grow(uint32_t slot, uint32_t count);

enum status kh_bootinfo_read(uint32_t slot, struct kh_bootfacts *out);
/* Store (ColdFire): len <= KH_STORE_IO_MAX bytes at offset of the config
 * store; flush makes written bytes reach the host file. */
enum status kh_store_read(uint32_t slot, uint32_t offset, void *buf, uint32_t len);
enum status kh_store_write(uint32_t slot, uint32_t offset, const void *buf, uint32_t len);
enum status kh_store_flush(uint32_t slot);
enum status kh_proc_info(uint32_t slot, uint32_t pid, struct kh_procinfo *out);
enum status kh_proc_stop(uint32_t slot, uint32_t pid);
/* A child from the manifest image `name` holding copies of the caller's
 * slots[0..count) (each needs KH_RIGHT_GRANT), in that order; an entry
 * KH_MSG_CAP(slot, mask) gives the child's copy only the rights in mask. */
enum status kh_proc_spawn(uint32_t slot, const char *name, const uint32_t *slots,
			  uint32_t count, uint32_t *pid);
/* The caller's k-th own endpoint (k < KH_OWN_ENDPOINTS; the same endpoint
 * for the same k on every call) in a new slot *slot with the receive
 * right: hand a copy to a child and talk to it there. */
enum status kh_proc_endpoint(uint32_t proc_slot, uint32_t k, uint32_t *slot);

/* Capability operations (docs/capabilities.md): a narrower copy of a slot
 * (sub-range [first, last] for DevMem and IOPort; FrameAlloc 0/n-1: its
 * holder may hold at most n frames, so 0/0 is one frame; 0/0 for other
 * types; a subset of its rights) in a new slot; a slot emptied. */
enum status kh_cap_derive(uint32_t slot, uint64_t first, uint64_t last, uint32_t rights,
			  uint32_t *new_slot);
enum status kh_cap_delete(uint32_t slot);
/* DevMem: the frames [phys, phys + pages) become one device's published
 * run, named by a new master slot; RESCIND through the master takes every
 * mapping of them away. */
enum status kh_devmem_publish(uint32_t slot, uint64_t phys, uint64_t pages, unsigned flags,
			      uint32_t *master);
enum status kh_devmem_rescind(uint32_t master, uint64_t *frames, uint64_t *mappings);

#endif
