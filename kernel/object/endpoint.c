/*
 * object/endpoint.c - synchronous IPC on endpoints: call / receive / reply.
 *
 * A caller blocks until a receiver takes its message and until the reply
 * comes back into the same struct kh_msg.  A receiver blocks until a
 * caller arrives.  One receiver waits on an endpoint at a time, and a
 * receiver holds at most one caller to reply to (BUSY otherwise).  The
 * message is copied once, from the sender's memory straight into the
 * receiver's (both are validated while their owners still run), and a
 * capability named in it is copied into a free slot of the receiver.
 */
#include "object/endpoint.h"
#include "heap.h"
#include "klib.h"
#include "log.h"
#include "sched.h"
#include "usercopy.h"
#include "capops.h"

static struct endpoint *eps;
static uint32_t death_ep = PROC_NONE;     /* the endpoint told of deaths */

void ipc_init(void)
{
	eps = heap_alloc(HEAP_PART_ENDPOINTS, KH_MAX_ENDPOINTS * sizeof(*eps), 8);
}

/* What an endpoint is found by: a manifest name, or (owner != 0) an
 * owner's pid and index. */
struct ep_key {
	const char *name;
	uint32_t owner, k;
};

static bool ep_unused(const struct endpoint *e)
{
	return !e->name[0] && !e->owner;
}

static bool ep_is(const struct endpoint *e, const struct ep_key *key)
{
	if (key->owner)
		return e->owner == key->owner && e->own_index == key->k;
	return e->name[0] && !memcmp(e->name, key->name, CAP_NAME_BYTES);
}

/* The endpoint with that key, made in the first unused record if none. */
static enum status ep_find(const struct ep_key *key, uint32_t *index)
{
	uint32_t free_ep = PROC_NONE;

	for (uint32_t i = 0; i < KH_MAX_ENDPOINTS; i++) {
		if (ep_unused(&eps[i])) {
			if (free_ep == PROC_NONE)
				free_ep = i;
		} else if (ep_is(&eps[i], key)) {
			*index = i;
			return STATUS_OK;
		}
	}
	if (free_ep == PROC_NONE)
		return STATUS_NO_MEMORY;
	struct endpoint *e = &eps[free_ep];
	memset(e, 0, sizeof(*e));
	if (key->owner) {
		e->owner = key->owner;
		e->own_index = key->k;
	} else
		kstrlcpy(e->name, key->name, sizeof(e->name));
	e->receiver = e->send_head = e->send_tail = PROC_NONE;
	*index = free_ep;
	return STATUS_OK;
}

enum status ipc_endpoint_named(const char *name, uint32_t *index)
{
	const struct ep_key key = { .name = name };

	return ep_find(&key, index);
}

enum status ipc_endpoint_own(uint32_t pid, uint32_t k, uint32_t *index)
{
	const struct ep_key key = { .owner = pid, .k = k };

	KASSERT(pid && k < KH_OWN_ENDPOINTS);
	return ep_find(&key, index);
}

/* Reads and checks the caller's message: readable and writable (the reply
 * or the next message lands there), len within the buffer, a capability
 * slot that holds something. */
static enum status msg_take(struct process *p, uint64_t va, struct kh_msg *m)
{
	enum status st = user_range_check(p, va, sizeof(*m), HAL_MAP_WRITE);

	if (!st)
		st = user_copy_in(p, m, va, sizeof(*m));
	if (st)
		return st;
	if (m->len > KH_MSG_BUF_BYTES)
		return STATUS_BAD_LENGTH;
	if (m->cap == KH_NO_SLOT)
		return STATUS_OK;
	uint32_t slot = KH_MSG_CAP_SLOT(m->cap);
	struct cap c;
	if ((m->cap >> 24) || slot >= KH_CAPS_PER_PROC || !p->caps[slot].type)
		return STATUS_BAD_SLOT;
	return cap_for_transfer(p, slot, KH_MSG_CAP_RIGHTS(m->cap), &c);
}

/* Message m of `from` into `to`'s buffer, with its capability (checked
 * by msg_take: GRANT held, the mask within the rights). */
static void deliver(struct process *from, struct kh_msg *m, struct process *to)
{
	m->sender = from->pid;
	m->flags = 0;
	if (m->cap != KH_NO_SLOT) {
		uint32_t slot = cap_free_slot(to);
		struct cap c;
		/* Checked again: a queued message is read a second time. */
		if (KH_MSG_CAP_SLOT(m->cap) >= KH_CAPS_PER_PROC ||
		    cap_for_transfer(from, KH_MSG_CAP_SLOT(m->cap), KH_MSG_CAP_RIGHTS(m->cap), &c))
			slot = KH_NO_SLOT;
		if (slot != KH_NO_SLOT) {
			to->caps[slot] = c;
			cap_recount(to);
		} else
			m->flags |= KH_MSG_CAP_LOST;
		m->cap = slot;
	}
	/* Checked writable when `to` blocked; it cannot have changed since. */
	enum status st = user_copy_out(to, to->msg_va, m, sizeof(*m));
	KASSERT(!st);
}

static void queue_push(struct endpoint *e, struct process *p)
{
	p->next = PROC_NONE;
	if (e->send_tail == PROC_NONE)
		e->send_head = p->slot_index;
	else
		process_slot(e->send_tail)->next = p->slot_index;
	e->send_tail = p->slot_index;
}

static struct process *queue_pop(struct endpoint *e)
{
	struct process *p = process_slot(e->send_head);

	if (!p)
		return NULL;
	e->send_head = p->next;
	if (e->send_head == PROC_NONE)
		e->send_tail = PROC_NONE;
	return p;
}

static bool ep_held(uint32_t ep, uint32_t rights, const struct process *a,
		    const struct process *b);

static enum status ipc_call(struct process *p, struct endpoint *e, uint64_t va)
{
	struct kh_msg m;
	enum status st = msg_take(p, va, &m);

	if (st)
		return st;
	p->msg_va = va;
	p->ep = (uint32_t)(e - eps);
	struct process *r = process_slot(e->receiver);
	/* On its own endpoint with no other process left that could receive
	 * (the child it talks to has ended): a call would wait forever. */
	if (!r && e->owner == p->pid && !ep_held(p->ep, CAP_RIGHT_RECV, p, NULL))
		return STATUS_NOT_FOUND;
	if (!r) {
		queue_push(e, p);
		process_block(PROC_SEND_WAIT);
	}
	e->receiver = PROC_NONE;
	deliver(p, &m, r);
	r->reply_to = p->slot_index;
	process_wake(r, STATUS_OK);
	process_block(PROC_REPLY_WAIT);
}

static bool notice_pending(struct process *p, uint64_t va);

static enum status ipc_recv(struct process *p, struct cap *c, struct endpoint *e, uint64_t va,
			    uint64_t flags)
{
	if (!(c->rights & CAP_RIGHT_RECV))
		return STATUS_NO_PERMISSION;
	enum status st = user_range_check(p, va, sizeof(struct kh_msg), HAL_MAP_WRITE);
	if (st)
		return st;
	if (p->reply_to != PROC_NONE || e->receiver != PROC_NONE)
		return STATUS_BUSY;
	p->msg_va = va;
	if (flags & ~(uint64_t)KH_RECV_POLL)
		return STATUS_INVALID_ARGUMENT;
	if ((uint32_t)(e - eps) == death_ep && notice_pending(p, va))
		return STATUS_OK;
	if ((flags & KH_RECV_POLL) && e->send_head == PROC_NONE)
		return STATUS_EMPTY;           /* a driver's loop asks without blocking */
	struct process *s = queue_pop(e);
	if (!s) {
		e->receiver = p->slot_index;
		p->ep = (uint32_t)(e - eps);
		process_block(PROC_RECV_WAIT);
	}
	struct kh_msg m;
	st = user_copy_in(s, &m, s->msg_va, sizeof(m));
	KASSERT(!st);
	deliver(s, &m, p);
	s->state = PROC_REPLY_WAIT;
	p->reply_to = s->slot_index;
	return STATUS_OK;
}

/* DEATHS: this endpoint hears of every process that ends from now on. */
static enum status ipc_deaths(struct cap *c, struct endpoint *e)
{
	uint32_t at = (uint32_t)(e - eps);

	if (!(c->rights & CAP_RIGHT_RECV))
		return STATUS_NO_PERMISSION;
	if (death_ep != PROC_NONE && death_ep != at)
		return STATUS_BUSY;
	death_ep = at;
	return STATUS_OK;
}

static void notice_to(struct process *to, uint64_t va, const struct process *dead)
{
	struct kh_msg m = { .label = KH_MSG_DEATH, .word = { dead->pid, dead->end_state },
			    .cap = KH_NO_SLOT };
	enum status st = user_copy_out(to, va, &m, sizeof(m));
	KASSERT(!st);
}

/* The oldest unread death goes to the receiver at va; false if none. */
static bool notice_pending(struct process *p, uint64_t va)
{
	for (uint32_t i = 0; i < KH_MAX_PROCS; i++) {
		struct process *q = process_slot(i);
		if (q->state == PROC_FREE && q->death_unseen) {
			q->death_unseen = false;
			notice_to(p, va, q);
			return true;
		}
	}
	return false;
}

bool ipc_deaths_readable(void)
{
	return death_ep != PROC_NONE && ep_held(death_ep, CAP_RIGHT_RECV, NULL, NULL);
}

void ipc_death(struct process *p)
{
	if (death_ep == PROC_NONE || !p->started)
		return;
	struct endpoint *e = &eps[death_ep];
	struct process *r = process_slot(e->receiver);
	if (r && r != p && r->state == PROC_RECV_WAIT) {
		e->receiver = PROC_NONE;
		notice_to(r, r->msg_va, p);
		process_wake(r, STATUS_OK);
		return;
	}
	p->death_unseen = r != p;
}

static enum status ipc_reply(struct process *p, uint64_t va)
{
	struct kh_msg m;
	enum status st = msg_take(p, va, &m);

	if (st)
		return st;
	struct process *caller = process_slot(p->reply_to);
	if (!caller)
		return STATUS_NOT_FOUND;
	p->reply_to = PROC_NONE;
	deliver(p, &m, caller);
	process_wake(caller, STATUS_OK);
	return STATUS_OK;
}

enum status invoke_ENDPOINT(struct process *p, struct cap *c, uint32_t op,
			    const uint64_t *a, uint64_t *reply)
{
	struct endpoint *e = &eps[c->object];

	(void)reply;
	switch (op) {
	case KH_OP_CALL:  return ipc_call(p, e, a[0]);
	case KH_OP_RECV:  return ipc_recv(p, c, e, a[0], a[1]);
	case KH_OP_REPLY: return ipc_reply(p, a[0]);
	case KH_OP_DEATHS: return ipc_deaths(c, e);
	default:          return STATUS_INVALID_ARGUMENT;
	}
}

static void queue_remove(struct endpoint *e, struct process *p)
{
	uint32_t *link = &e->send_head, prev = PROC_NONE;

	while (*link != PROC_NONE && *link != p->slot_index) {
		prev = *link;
		link = &process_slot(*link)->next;
	}
	if (*link == PROC_NONE)
		return;
	*link = p->next;
	if (e->send_tail == p->slot_index)
		e->send_tail = prev;
}

/* Does a live process other than a and b hold a slot naming endpoint ep
 * with all of `rights`? */
static bool ep_held(uint32_t ep, uint32_t rights, const struct process *a,
		    const struct process *b)
{
	for (uint32_t i = 0; i < KH_MAX_PROCS; i++) {
		const struct process *q = process_slot(i);
		if (q == a || q == b || q->state == PROC_FREE)
			continue;
		for (uint32_t s = 0; s < KH_CAPS_PER_PROC; s++)
			if (q->caps[s].type == CAP_ENDPOINT && q->caps[s].object == ep &&
			    (q->caps[s].rights & rights) == rights)
				return true;
	}
	return false;
}

/* A parent waiting to CALL a child on one of its own endpoints would wait
 * forever once a child ends and no other process is left that could
 * receive on that endpoint: it gets not-found.  Another child, on another
 * of the parent's endpoints, ending leaves the call waiting. */
static void release_parent(const struct process *p)
{
	struct process *q = p->parent ? process_by_pid(p->parent) : NULL;

	if (!q || q->state != PROC_SEND_WAIT || eps[q->ep].owner != q->pid ||
	    ep_held(q->ep, CAP_RIGHT_RECV, q, p))
		return;
	queue_remove(&eps[q->ep], q);
	process_wake(q, STATUS_NOT_FOUND);
}

/* Own endpoints nobody can reach any more (their owner has ended or is
 * ending, and no other live process holds a slot naming them) go back to
 * the table: processes that come and go cannot drain it. */
static void reclaim_own(const struct process *ending)
{
	for (uint32_t i = 0; i < KH_MAX_ENDPOINTS; i++) {
		struct endpoint *e = &eps[i];
		if (!e->owner || (e->owner != ending->pid && process_by_pid(e->owner)) ||
		    ep_held(i, 0, ending, ending))
			continue;
		memset(e, 0, sizeof(*e));
		if (death_ep == i)
			death_ep = PROC_NONE;
	}
}

void ipc_release(struct process *p)
{
	release_parent(p);
	if (p->state == PROC_SEND_WAIT)
		queue_remove(&eps[p->ep], p);
	if (p->state == PROC_RECV_WAIT)
		eps[p->ep].receiver = PROC_NONE;
	struct process *caller = process_slot(p->reply_to);
	if (caller)
		process_wake(caller, STATUS_NOT_FOUND);   /* the server died */
	p->reply_to = PROC_NONE;
	for (uint32_t i = 0; i < KH_MAX_PROCS; i++) {
		struct process *q = process_slot(i);
		if (q->state != PROC_FREE && q->reply_to == p->slot_index)
			q->reply_to = PROC_NONE;          /* the caller died */
	}
	reclaim_own(p);
}
