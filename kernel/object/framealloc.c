/*
 * object/framealloc.c - FrameAlloc: RAM frames for the space bank and for
 * DMA buffers, under a limit the kernel owns (Settle raises it,
 * object/settle.c).
 *
 * The limit is a count of frames all FrameAlloc holders together may
 * hold.  At the seal it is the conservative one: the free frames left
 * after the kernel heap (with all of H inside it) and the programs.
 * Settle raises it by exactly the frames the heap gave back, so
 * relaxed - conservative == released frames; nothing ever lowers it.
 *
 * A derived slot may also count frames (cap.h, CAP_FRAMES_ANY): MAP and
 * RESERVE through it are OVER_QUOTA once the process would hold more
 * FrameAlloc frames (mapped + reserved, through any slot) than its n.
 * That check comes first; the global limit keeps answering NO_MEMORY.
 *
 * MAP wants an address inside the frame window (KH_FRAME_VA_BASE..TOP,
 * the port's HAL_FRAME_VA_BASE..TOP).  With an MMU any free frame goes
 * behind it.  Without one (HAL_HAS_MMU 0) a program sees physical memory,
 * so MAP takes exactly the frame at that address (frame_alloc_user_at:
 * BUSY if another process holds it) and FREE gives it back; the window's
 * frames are kept for MAP alone (frame.c), RESERVE takes others.
 */
#include "object/framealloc.h"
#include "frame.h"
#include "klib.h"
#include "log.h"

_Static_assert(KH_FRAME_VA_BASE == HAL_FRAME_VA_BASE && KH_FRAME_VA_TOP == HAL_FRAME_VA_TOP,
	       "the uapi's frame window (what programs are built with) is the port's");
_Static_assert(HAL_FRAME_VA_BASE % HAL_PAGE_BYTES == 0 && HAL_FRAME_VA_TOP % HAL_PAGE_BYTES == 0 &&
	       HAL_FRAME_VA_BASE < HAL_FRAME_VA_TOP,
	       "the frame window is a non-empty run of whole pages");
_Static_assert(HAL_FRAME_VA_BASE >= HAL_USER_BASE && HAL_FRAME_VA_TOP <= HAL_USER_TOP,
	       "the frame window lies in user space (hal_as_map takes it)");

static struct {
	uint64_t limit;
	uint64_t used;
	uint32_t phase;     /* enum kh_phase */
} fa;

void framealloc_init(uint64_t conservative_limit)
{
	fa.limit = conservative_limit;
	fa.phase = KH_PHASE_CONSERVATIVE;
	kprintf("kernel: framealloc limit=%lu phase=conservative\n", (unsigned long)fa.limit);
	if (!HAL_HAS_MMU)
		kprintf("kernel: framealloc window base=0x%lx top=0x%lx frames=%lu free=%lu\n",
			(unsigned long)HAL_FRAME_VA_BASE, (unsigned long)HAL_FRAME_VA_TOP,
			(unsigned long)((HAL_FRAME_VA_TOP - HAL_FRAME_VA_BASE) / HAL_PAGE_BYTES),
			(unsigned long)frame_by_address_free());
}

/* Its reserve goes back to free RAM here; its mapped frames go with the
 * address space (process_release). */
void framealloc_release_all(struct process *p)
{
	KASSERT(p->fa_frames <= fa.used && p->fa_reserved <= p->fa_frames);
	frame_unreserve(p->fa_reserved, &p->fa_reserve_head);
	p->frames -= p->fa_reserved;
	fa.used -= p->fa_frames;
	p->fa_frames = p->fa_reserved = 0;
}

void framealloc_get(uint64_t *limit, uint64_t *used, uint32_t *phase)
{
	*limit = fa.limit;
	*used = fa.used;
	*phase = fa.phase;
}

uint64_t framealloc_relax(uint64_t frames)
{
	fa.limit += frames;
	fa.phase = KH_PHASE_RELAXED;
	return fa.limit;
}

static bool in_window(uint64_t va)
{
	return !(va % HAL_PAGE_BYTES) && va >= KH_FRAME_VA_BASE && va < KH_FRAME_VA_TOP;
}

static enum status frame_map(struct process *p, const struct cap *c, uint64_t va,
			     uint64_t *reply)
{
	uint64_t pa;

	if (va % HAL_PAGE_BYTES)
		return STATUS_MISALIGNED;
	if (!in_window(va))
		return STATUS_OUT_OF_RANGE;
	if (!hal_as_lookup(&p->as, va, HAL_MAP_DEVICE, &pa))
		return STATUS_OVERLAP;
	enum status st = cap_frames_allow(c, p->fa_frames, 1);
	if (st)
		return st;
	if (fa.used >= fa.limit)
		return STATUS_NO_MEMORY;
	st = HAL_HAS_MMU ? frame_alloc_user(&pa) : frame_alloc_user_at(va, &pa);
	if (st)
		return st;
	st = hal_as_map(&p->as, va, pa, HAL_MAP_WRITE);
	if (st) {
		frame_free_user(pa);
		return st;
	}
	p->frames++;
	p->fa_frames++;
	fa.used++;
	reply[0] = pa;
	return STATUS_OK;
}

static enum status frame_free(struct process *p, uint64_t va)
{
	uint64_t pa;

	if (va % HAL_PAGE_BYTES)
		return STATUS_MISALIGNED;
	if (!in_window(va))
		return STATUS_OUT_OF_RANGE;
	if (hal_as_lookup(&p->as, va, 0, &pa))
		return STATUS_NOT_FOUND;
	hal_as_unmap(&p->as, va, &pa);
	enum status st = frame_free_user(pa);
	KASSERT(!st);
	p->frames--;
	p->fa_frames--;
	fa.used--;
	return STATUS_OK;
}

/* Frames counted against the limit without being mapped: the space bank
 * promises them to clients without needing page tables for all of them. */
static enum status frame_reserve_op(struct process *p, const struct cap *c, uint64_t count,
				   uint64_t *reply)
{
	enum status st = cap_frames_allow(c, p->fa_frames, count);

	if (st)
		return st;
	if (count > fa.limit - fa.used)
		return STATUS_NO_MEMORY;
	st = frame_reserve(count, &p->fa_reserve_head);
	if (st)
		return st;
	p->frames += count;
	p->fa_frames += count;
	p->fa_reserved += count;
	fa.used += count;
	reply[0] = p->fa_reserved;
	return STATUS_OK;
}

static enum status frame_unreserve_op(struct process *p, uint64_t count, uint64_t *reply)
{
	if (count > p->fa_reserved)
		return STATUS_OUT_OF_RANGE;
	frame_unreserve(count, &p->fa_reserve_head);
	p->frames -= count;
	p->fa_frames -= count;
	p->fa_reserved -= count;
	fa.used -= count;
	reply[0] = p->fa_reserved;
	return STATUS_OK;
}

enum status invoke_FRAMEALLOC(struct process *p, struct cap *c, uint32_t op,
			      const uint64_t *a, uint64_t *reply)
{
	switch (op) {
	case KH_OP_FRAME_MAP:  return frame_map(p, c, a[0], reply);
	case KH_OP_FRAME_FREE: return frame_free(p, a[0]);
	case KH_OP_FRAME_RESERVE:   return frame_reserve_op(p, c, a[0], reply);
	case KH_OP_FRAME_UNRESERVE: return frame_unreserve_op(p, a[0], reply);
	case KH_OP_FRAME_LIMIT:
		reply[0] = fa.limit;
		reply[1] = fa.used | (uint64_t)fa.phase << 32;
		return STATUS_OK;
	default:               return STATUS_INVALID_ARGUMENT;
	}
}
