/*
 * objects.c - capability and IPC wrappers (kh_objects.h), each one
 * KH_SYS_INVOKE through kh_invoke() of sys.c.
 */
#include "kh_objects.h"
#include "kh_user.h"

enum status kh_call(uint32_t slot, struct kh_msg *m)
{
	return kh_invoke(slot, KH_OP_CALL, (uintptr_t)m, 0, 0, 0, NULL, NULL);
}

enum status kh_recv(uint32_t slot, struct kh_msg *m)
{
	return kh_invoke(slot, KH_OP_RECV, (uintptr_t)m, 0, 0, 0, NULL, NULL);
}

enum status kh_recv_poll(uint32_t slot, struct kh_msg *m)
{
	return kh_invoke(slot, KH_OP_RECV, (uintptr_t)m, KH_RECV_POLL, 0, 0, NULL, NULL);
}

enum status kh_reply(uint32_t slot, struct kh_msg *m)
{
	return kh_invoke(slot, KH_OP_REPLY, (uintptr_t)m, 0, 0, 0, NULL, NULL);
}

enum status kh_devmem_map(uint32_t slot, uint64_t phys, uint64_t pages, uint64_t vaddr,
			  unsigned flags, uint64_t *missing)
{
	return kh_invoke(slot, KH_OP_DEVMEM_MAP, phys, pages, vaddr, flags, missing, NULL);
}

enum status kh_devmem_unmap(uint32_t slot, uint64_t vaddr)
{
	return kh_invoke(slot, KH_OP_DEVMEM_UNMAP, vaddr, 0, 0, 0, NULL, NULL);
}

enum status kh_devmem_hold(uint32_t slot, uint64_t phys, uint64_t pages, unsigned flags,
			   uint64_t *missing)
{
	return kh_devmem_map(slot, phys, pages, 0, flags | KH_MAP_HOLD, missing);
}

enum status kh_devmem_release(uint32_t slot, uint64_t phys)
{
	return kh_invoke(slot, KH_OP_DEVMEM_UNMAP, phys, KH_MAP_HOLD, 0, 0, NULL, NULL);
}

enum status kh_io_in(uint32_t slot, uint16_t port, unsigned width, uint32_t *value)
{
	uint64_t v = 0;
	enum status st = kh_invoke(slot, KH_OP_IO_IN, port, width, 0, 0, &v, NULL);

	if (!st && value)
		*value = (uint32_t)v;
	return st;
}

enum status kh_io_out(uint32_t slot, uint16_t port, unsigned width, uint32_t value)
{
	return kh_invoke(slot, KH_OP_IO_OUT, port, width, value, 0, NULL, NULL);
}

enum status kh_frame_map(uint32_t slot, uint64_t vaddr, uint64_t *pa)
{
	return kh_invoke(slot, KH_OP_FRAME_MAP, vaddr, 0, 0, 0, pa, NULL);
}

enum status kh_frame_free(uint32_t slot, uint64_t vaddr)
{
	return kh_invoke(slot, KH_OP_FRAME_FREE, vaddr, 0, 0, 0, NULL, NULL);
}

enum status kh_frame_limit(uint32_t slot, uint64_t *limit, uint64_t *used, uint32_t *phase)
{
	uint64_t l = 0, up = 0;
	enum status st = kh_invoke(slot, KH_OP_FRAME_LIMIT, 0, 0, 0, 0, &l, &up);

	if (st)
		return st;
	if (limit)
		*limit = l;
	if (used)
		*used = (uint32_t)up;
	if (phase)
		*phase = (uint32_t)(up >> 32);
	return st;
}

enum status kh_settle(uint32_t slot, uint32_t keep, uint64_t *records, uint64_t *frames)
{
	return kh_invoke(slot, KH_OP_SETTLE, keep, 0, 0, 0, records, frames);
}

enum status kh_pool_grow(uint32_t slot, uint32_t count)
{
	return kh_invoke(slot, KH_OP_POOL_GROW, count, 0, 0, 0, NULL, NULL);
}

enum status kh_bootinfo_read(uint32_t slot, struct kh_bootfacts *out)
{
	return kh_invoke(slot, KH_OP_BOOTINFO_READ, (uintptr_t)out, sizeof(*out), 0, 0, NULL, NULL);
}

enum status kh_store_read(uint32_t slot, uint32_t offset, void *buf, uint32_t len)
{
	return kh_invoke(slot, KH_OP_STORE_READ, offset, (uintptr_t)buf, len, 0, NULL, NULL);
}

enum status kh_store_write(uint32_t slot, uint32_t offset, const void *buf, uint32_t len)
{
	return kh_invoke(slot, KH_OP_STORE_WRITE, offset, (uintptr_t)buf, len, 0, NULL, NULL);
}

enum status kh_store_flush(uint32_t slot)
{
	return kh_invoke(slot, KH_OP_STORE_FLUSH, 0, 0, 0, 0, NULL, NULL);
}

enum status kh_proc_info(uint32_t slot, uint32_t pid, struct kh_procinfo *out)
{
	return kh_invoke(slot, KH_OP_PROC_INFO, pid, (uintptr_t)out, sizeof(*out), 0, NULL, NULL);
}

enum status kh_proc_stop(uint32_t slot, uint32_t pid)
{
	return kh_invoke(slot, KH_OP_PROC_STOP, pid, 0, 0, 0, NULL, NULL);
}

enum status kh_proc_spawn(uint32_t slot, const char *name, const uint32_t *slots,
			  uint32_t count, uint32_t *pid)
{
	uint64_t len = 0, p = 0;

	while (name[len])
		len++;
	enum status st = kh_invoke(slot, KH_OP_PROC_SPAWN, (uintptr_t)name, len,
				   (uintptr_t)slots, count, &p, NULL);
	if (!st && pid)
		*pid = (uint32_t)p;
	return st;
}

enum status kh_proc_endpoint(uint32_t proc_slot, uint32_t k, uint32_t *slot)
{
	uint64_t s = 0;
	enum status st = kh_invoke(proc_slot, KH_OP_PROC_ENDPOINT, k, 0, 0, 0, &s, NULL);

	if (!st && slot)
		*slot = (uint32_t)s;
	return st;
}

enum status kh_frame_reserve(uint32_t slot, uint64_t count, uint64_t *reserved)
{
	return kh_invoke(slot, KH_OP_FRAME_RESERVE, count, 0, 0, 0, reserved, NULL);
}

enum status kh_frame_unreserve(uint32_t slot, uint64_t count, uint64_t *reserved)
{
	return kh_invoke(slot, KH_OP_FRAME_UNRESERVE, count, 0, 0, 0, reserved, NULL);
}

enum status kh_devmem_publish(uint32_t slot, uint64_t phys, uint64_t pages, unsigned flags,
			      uint32_t *master)
{
	uint64_t m = 0;
	enum status st = kh_invoke(slot, KH_OP_DEVMEM_PUBLISH, phys, pages, flags, 0, &m, NULL);

	if (!st && master)
		*master = (uint32_t)m;
	return st;
}

enum status kh_devmem_rescind(uint32_t master, uint64_t *frames, uint64_t *mappings)
{
	return kh_invoke(master, KH_OP_DEVMEM_RESCIND, 0, 0, 0, 0, frames, mappings);
}
