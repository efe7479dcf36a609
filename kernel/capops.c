/*
 * capops.c - derive, delete and transfer checks for every capability type,
 * and a capability's text (capops.h).  A derived or transferred slot never
 * names more than its source: a sub-range of a DevMem or IOPort range, a
 * FrameAlloc count no larger (cap.c checks both), and a subset of the
 * rights; RESCIND stays with the one master.
 */
#include <stdarg.h>
#include "capops.h"
#include "fmt.h"
#include "klib.h"
#include "object/devmem.h"

uint32_t cap_free_slot(const struct process *p)
{
	for (uint32_t i = 0; i < KH_CAPS_PER_PROC; i++)
		if (!p->caps[i].type)
			return i;
	return KH_NO_SLOT;
}

/* DevMem slots naming published frames that went back to the pool are
 * dead (RESCINDED). */
static enum status cap_usable(const struct cap *c)
{
	return c->type == CAP_DEVMEM ? devmem_cap_alive(c) : STATUS_OK;
}

enum status cap_derive(struct process *p, uint64_t slot, uint64_t first, uint64_t last,
		       uint64_t rights, uint64_t *reply)
{
	if (slot >= KH_CAPS_PER_PROC || !p->caps[slot].type)
		return STATUS_BAD_SLOT;
	const struct cap *c = &p->caps[slot];
	enum status st = cap_check_derive(c, first, last, rights);
	if (!st)
		st = cap_usable(c);
	uint32_t to = cap_free_slot(p);
	if (!st && to == KH_NO_SLOT)
		st = STATUS_NO_MEMORY;
	if (st)
		return st;
	p->caps[to] = *c;
	p->caps[to].rights = (uint8_t)rights;
	if (cap_has_range(c)) {
		p->caps[to].arg0 = first;
		p->caps[to].arg1 = last;
	}
	reply[0] = to;
	return STATUS_OK;
}

enum status cap_delete(struct process *p, uint64_t slot)
{
	uint64_t reply[2];

	if (slot >= KH_CAPS_PER_PROC || !p->caps[slot].type)
		return STATUS_BAD_SLOT;
	struct cap *c = &p->caps[slot];
	if (c->type == CAP_DEVMEM && (c->rights & KH_RIGHT_RESCIND) && !cap_usable(c))
		devmem_rescind(c, reply);
	memset(c, 0, sizeof(*c));
	cap_recount(p);
	return STATUS_OK;
}

enum status cap_for_transfer(const struct process *p, uint32_t slot, uint32_t mask,
			     struct cap *out)
{
	const struct cap *c = &p->caps[slot];
	uint32_t may = c->rights & (uint32_t)~KH_RIGHT_RESCIND;

	if (!(c->rights & KH_RIGHT_GRANT))
		return STATUS_NO_PERMISSION;
	if (mask & ~may)
		return STATUS_WIDER_THAN_HELD;
	*out = *c;
	out->rights = (uint8_t)(mask ? mask : may);
	return STATUS_OK;
}

void cap_recount(struct process *p)
{
	uint32_t mask = 0;

	for (uint32_t i = 0; i < KH_CAPS_PER_PROC; i++)
		if (p->caps[i].type)
			mask |= 1u << p->caps[i].type;
	p->grants = mask;
}

struct buf_sink {
	struct fmt_sink sink;
	char *buf;
	unsigned at, n;
};

static void buf_put(struct fmt_sink *s, char c)
{
	struct buf_sink *b = (struct buf_sink *)s;

	if (b->at + 1 < b->n)
		b->buf[b->at++] = c;
}

static void buf_printf(struct buf_sink *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fmt_vformat(&b->sink, fmt, ap);
	va_end(ap);
}

void cap_format(const struct cap *c, char *buf, unsigned n)
{
	struct buf_sink b = { { buf_put }, buf, 0, n };
	static const char letters[] = "xrwcgR";   /* recv read write wc grant rescind */

	buf_printf(&b, "%s", cap_type_name((enum cap_type)c->type));
	if (cap_has_range(c) && !(c->type == CAP_FRAMEALLOC && c->arg1 == CAP_FRAMES_ANY))
		buf_printf(&b, ":0x%lx-0x%lx", (unsigned long)c->arg0, (unsigned long)c->arg1);
	buf_printf(&b, ":");
	for (unsigned i = 0; i < 6; i++)
		if (c->rights & (1u << i))
			buf_printf(&b, "%c", letters[i]);
	buf[b.at] = '\0';
}
