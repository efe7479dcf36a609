/*
 * ptable.c - the process table printed on the status key (ptable.h):
 *   kernel: ps processes=<n> pool_free=<n> pool_used=<n> free_frames=<n>
 *   kernel: ps pid=<n> name=<name> state=<state> frames=<n> devmaps=<n> devframes=<n> caps=<n>
 *   kernel: ps pid=<n> slot=<i> <type>[:0x<first>-0x<last>]:<rights>
 * frames: RAM frames the process holds (its pages and FrameAlloc frames);
 * devmaps / devframes: its device mappings and the frames they cover.
 */
#include "ptable.h"
#include "capops.h"
#include "devpool.h"
#include "frame.h"
#include "log.h"
#include "names.h"
#include "object/devmem.h"

#define PROC_STATE_LIST(X)                  \
	X(FREE,       "free")               \
	X(READY,      "ready")              \
	X(RUNNING,    "running")            \
	X(SLEEPING,   "sleeping")           \
	X(SEND_WAIT,  "send-wait")          \
	X(RECV_WAIT,  "recv-wait")          \
	X(REPLY_WAIT, "reply-wait")

#define PROC_STATE_COUNT (PROC_REPLY_WAIT + 1)   /* the names follow enum proc_state */

static KH_NAME_FUNCTION(state_name, enum proc_state, PROC_STATE_LIST, PROC_STATE_COUNT)

static void print_caps(const struct process *p)
{
	char text[64];

	for (uint32_t i = 0; i < KH_CAPS_PER_PROC; i++) {
		if (!p->caps[i].type)
			continue;
		cap_format(&p->caps[i], text, sizeof(text));
		kprintf("kernel: ps pid=%u slot=%u %s\n", p->pid, i, text);
	}
}

static void print_process(const struct process *p)
{
	uint32_t maps, frames, caps = 0;

	devmem_held(p, &maps, &frames);
	for (uint32_t i = 0; i < KH_CAPS_PER_PROC; i++)
		caps += p->caps[i].type != 0;
	kprintf("kernel: ps pid=%u name=%s state=%s frames=%lu devmaps=%u devframes=%u caps=%u\n",
		p->pid, p->name, state_name((enum proc_state)p->state),
		(unsigned long)(p->frames + p->fa_frames), maps, frames, caps);
	print_caps(p);
}

void ptable_print(void)
{
	struct pool_stats ps;
	struct frame_stats fs;
	uint32_t live = 0;

	pool_get_stats(kernel_pool(), &ps);
	frame_get_stats(&fs);
	for (uint32_t i = 0; i < KH_MAX_PROCS; i++)
		live += process_slot(i)->state != PROC_FREE;
	kprintf("kernel: ps processes=%u pool_free=%u pool_used=%u free_frames=%lu\n", live,
		ps.free, ps.used, (unsigned long)fs.free_frames);
	for (uint32_t i = 0; i < KH_MAX_PROCS; i++)
		if (process_slot(i)->state != PROC_FREE)
			print_process(process_slot(i));
}
