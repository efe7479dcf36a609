/*
 * drvmgr.c - the manager's side of the device-manager protocol
 * (kh_drvmgr.h).  Which of the manager's own endpoints a driver talks on
 * is kept here: endpoint k is taken by the pid spawned on it until that
 * process ends, so a driver that exits or faults frees its k without the
 * manager being told.
 */
#include "kh_drvmgr.h"
#include "kh_objects.h"

#define EXTRA_MAX 6u

static uint32_t ep_slot[KH_OWN_ENDPOINTS];   /* KH_NO_SLOT + 1 = not fetched: 0 */
static uint32_t k_pid[KH_OWN_ENDPOINTS];     /* 0: free */

static bool pid_live(uint32_t proc, uint32_t pid)
{
	struct kh_procinfo pi;

	return pid && !kh_proc_info(proc, pid, &pi) && pi.state == KH_PROC_LIVE;
}

/* A free k and its endpoint slot (fetched once per k: every
 * Process.ENDPOINT call fills a new slot). */
static enum status free_endpoint(uint32_t proc, uint32_t *k, uint32_t *slot)
{
	for (uint32_t i = 0; i < KH_OWN_ENDPOINTS; i++) {
		if (pid_live(proc, k_pid[i]))
			continue;
		k_pid[i] = 0;
		if (!ep_slot[i]) {
			uint32_t s;
			enum status st = kh_proc_endpoint(proc, i, &s);
			if (st)
				return st;
			ep_slot[i] = s + 1;
		}
		*k = i;
		*slot = ep_slot[i] - 1;
		return STATUS_OK;
	}
	return STATUS_BUSY;
}

enum status kh_drv_spawn(struct kh_driver *h, uint32_t proc, const char *image,
			 const char *bdf, const uint32_t *extra, uint32_t nextra)
{
	uint32_t slots[2 + EXTRA_MAX];
	enum status st;

	*h = (struct kh_driver){ .proc = proc };
	if (nextra > EXTRA_MAX)
		return STATUS_BAD_LENGTH;
	if ((st = kh_cap_find(KH_CAP_CONSOLE, 0, &slots[0])) ||
	    (st = free_endpoint(proc, &h->k, &h->ep)))
		return st;
	/* No grant right on anything a driver is handed: it passes nothing on. */
	slots[0] = KH_MSG_CAP(slots[0], KH_RIGHT_WRITE);
	slots[1] = KH_MSG_CAP(h->ep, KH_RIGHT_RECV);
	for (uint32_t i = 0; i < nextra; i++)
		slots[2 + i] = KH_MSG_CAP(extra[i], KH_RIGHT_READ | KH_RIGHT_WRITE);
	if ((st = kh_proc_spawn(proc, image, slots, 2 + nextra, &h->pid)))
		return st;
	k_pid[h->k] = h->pid;
	h->live = true;
	for (uint32_t i = 0; bdf && i < KH_DRV_BDF_BYTES - 1 && bdf[i]; i++)
		h->bdf[i] = bdf[i];
	return STATUS_OK;
}

enum status kh_drv_call(struct kh_driver *h, uint64_t label, struct kh_msg *m)
{
	m->label = label;
	enum status st = kh_call(h->ep, m);
	return st ? st : (enum status)m->label;
}

enum status kh_drv_grant(struct kh_driver *h, uint32_t index, uint64_t phys, uint32_t pages,
			 uint64_t len, uint32_t cap, uint32_t rights)
{
	struct kh_msg m = { .word = { index, phys, pages, len }, .len = KH_DRV_BDF_BYTES,
			    .cap = KH_MSG_CAP(cap, rights) };

	for (unsigned i = 0; i < KH_DRV_BDF_BYTES; i++)
		m.buf[i] = (uint8_t)h->bdf[i];
	return kh_drv_call(h, KH_DRV_GRANT, &m);
}

enum status kh_drv_config(struct kh_driver *h, const uint8_t *config)
{
	enum status st = STATUS_OK;

	for (uint32_t off = 0; !st && off < KH_DRV_CONFIG_BYTES; off += KH_DRV_CONFIG_PART) {
		struct kh_msg m = { .word = { off }, .len = KH_DRV_CONFIG_PART, .cap = KH_NO_SLOT };
		for (uint32_t i = 0; i < KH_DRV_CONFIG_PART; i++)
			m.buf[i] = config[off + i];
		st = kh_drv_call(h, KH_DRV_CONFIG, &m);
	}
	return st;
}

enum status kh_drv_start(struct kh_driver *h)
{
	struct kh_msg m = { .cap = KH_NO_SLOT };

	return kh_drv_call(h, KH_DRV_START, &m);
}

enum status kh_drv_revoke(struct kh_driver *h)
{
	struct kh_msg m = { .cap = KH_NO_SLOT };
	enum status st = kh_drv_call(h, KH_DRV_REVOKE, &m);

	h->live = false;
	return st;
}

bool kh_drv_alive(struct kh_driver *h)
{
	if (h->live && !pid_live(h->proc, h->pid))
		h->live = false;
	return h->live;
}

void kh_drv_stop(struct kh_driver *h)
{
	if (kh_drv_alive(h))
		kh_proc_stop(h->proc, h->pid);
	h->live = false;
}
