/*
 * spacebank - the space bank server (x86_64 guest).
 *
 * Holds FrameAlloc and serves the protocol of sb_proto.h on the endpoint
 * "spacebank".  The ledger (ledger.h) does the counting; this file adds
 * what the guest needs around it:
 *
 *  - Promises are real: every frame a bank hands out is RESERVEd in the
 *    kernel (held unmapped, counted against the kernel's limit), and given
 *    back with UNRESERVE.  So the ledger's root `held` always equals what
 *    this process has reserved, and no other FrameAlloc holder can take a
 *    frame the bank promised.
 *  - The limit is the kernel's.  It is re-read before every request, so
 *    the relaxed limit is served as soon as the kernel has settled, even
 *    if nobody sends REFRESH; it is logged once per phase.
 *  - Ownership: a sub-bank belongs to the pid that created it; the root is
 *    shared, and each client may free only what it took from the root.
 *  - Death notices (the kernel's KH_OP_DEATHS on this endpoint): when a
 *    client ends, what it took from the root and the banks it created go
 *    back, and its root entry is free for the next client:
 *    `spacebank: reclaimed pid=<n> frames=<n> banks=<n>`.
 *
 * Manifest: spacebank console,framealloc,endpoint:spacebank:recv
 */
#include "kh_user.h"
#include "kh_objects.h"
#include "ledger.h"
#include "sb_proto.h"

#define MAX_ROOT_CLIENTS 16     /* KH_MAX_PROCS: one entry per live client */

/* Frames one client took from the root bank (free when frames == 0). */
struct root_client {
	uint32_t pid;
	uint32_t frames;
};

static struct sb_ledger ledger;
static sb_handle root;
static uint32_t fa_slot;
static uint32_t owner[SB_MAX_BANKS];          /* creator pid per bank slot */
static struct root_client clients[MAX_ROOT_CLIENTS];

static void log_limit(void)
{
	char line[64];
	size_t len;

	if (sb_format_limit(&ledger, line, sizeof(line), &len) == STATUS_OK)
		kh_console_write(line, len);
}

/* Follows the kernel's limit up; logs when the phase turns relaxed.  The
 * kernel never lowers its limit, and the ledger refuses to, so the limit
 * this bank reports never goes down. */
static void refresh_limit(void)
{
	uint64_t limit, used;
	uint32_t phase;
	enum sb_phase was = (enum sb_phase)ledger.phase;

	if (kh_frame_limit(fa_slot, &limit, &used, &phase))
		return;
	if (limit > UINT32_MAX)
		limit = UINT32_MAX;
	if (phase == KH_PHASE_RELAXED)
		(void)sb_set_limit(&ledger, (uint32_t)limit, SB_RELAXED);
	else
		(void)sb_set_limit(&ledger, (uint32_t)limit, was);
	if (was == SB_CONSERVATIVE && ledger.phase == SB_RELAXED)
		log_limit();
}

/* Frames the kernel can still give anyone: the limit minus what every
 * FrameAlloc holder (this bank included) has. */
static uint32_t kernel_room(uint32_t *others)
{
	uint64_t limit = 0, used = 0;
	uint32_t phase;
	uint32_t mine = ledger.bank[0].held;

	(void)kh_frame_limit(fa_slot, &limit, &used, &phase);
	*others = used > mine ? (uint32_t)(used - mine) : 0;
	return limit > used ? (uint32_t)(limit - used) : 0;
}

static enum status count_arg(uint64_t word, uint32_t *n)
{
	if (word > UINT32_MAX)
		return STATUS_OUT_OF_RANGE;
	*n = (uint32_t)word;
	return STATUS_OK;
}

/* A live bank the caller may use: the root, or one it created. */
static enum status bank_arg(uint64_t word, uint32_t pid, sb_handle *b)
{
	struct sb_query q;

	if (word > UINT32_MAX || sb_query(&ledger, (sb_handle)word, &q))
		return STATUS_NOT_FOUND;
	if (word != root && owner[word & 0xffu] != pid)
		return STATUS_NO_PERMISSION;
	*b = (sb_handle)word;
	return STATUS_OK;
}

/* The caller's root entry, or a free one to start it; NULL if none. */
static struct root_client *root_entry(uint32_t pid, bool may_start)
{
	struct root_client *spare = NULL;

	for (unsigned i = 0; i < MAX_ROOT_CLIENTS; i++) {
		if (clients[i].frames && clients[i].pid == pid)
			return &clients[i];
		if (!clients[i].frames && !spare)
			spare = &clients[i];
	}
	return may_start ? spare : NULL;
}

static uint32_t root_frames_of(uint32_t pid)
{
	struct root_client *c = root_entry(pid, false);

	return c ? c->frames : 0;
}

static void give_back(uint32_t n)
{
	if (n && kh_frame_unreserve(fa_slot, n, NULL))
		kh_printf("spacebank: error unreserve frames=%u\n", n);
}

static enum status op_alloc(struct kh_msg *m, uint32_t pid)
{
	struct root_client *c = NULL;
	sb_handle b;
	uint32_t n;
	enum status st;

	if ((st = bank_arg(m->word[0], pid, &b)) || (st = count_arg(m->word[1], &n)))
		return st;
	if (b == root && n && !(c = root_entry(pid, true)))
		return STATUS_NO_MEMORY;
	if ((st = sb_alloc(&ledger, b, n)))
		return st;
	/* Another FrameAlloc holder may have taken frames: undo, refuse. */
	if (kh_frame_reserve(fa_slot, n, NULL)) {
		(void)sb_free(&ledger, b, n);
		return STATUS_NO_MEMORY;
	}
	if (c) {
		c->pid = pid;
		c->frames += n;
	}
	m->word[0] = ledger.bank[b & 0xffu].held;
	return STATUS_OK;
}

static enum status op_free(struct kh_msg *m, uint32_t pid)
{
	struct root_client *c = NULL;
	sb_handle b;
	uint32_t n;
	enum status st;

	if ((st = bank_arg(m->word[0], pid, &b)) || (st = count_arg(m->word[1], &n)))
		return st;
	if (n == 0)
		return STATUS_INVALID_ARGUMENT;
	if (b == root && (!(c = root_entry(pid, false)) || n > c->frames))
		return STATUS_OUT_OF_RANGE;
	if ((st = sb_free(&ledger, b, n)))
		return st;
	give_back(n);
	if (c)
		c->frames -= n;
	m->word[0] = ledger.bank[b & 0xffu].held;
	return STATUS_OK;
}

static enum status op_query(struct kh_msg *m, uint32_t pid)
{
	struct sb_info info;
	struct sb_query q;
	sb_handle b;
	uint32_t room;
	enum status st;

	if ((st = bank_arg(m->word[0], pid, &b)) || (st = sb_query(&ledger, b, &q)))
		return st;
	room = kernel_room(&info.others);
	info.limit = q.limit;
	info.quota = q.quota;
	info.used = q.used;
	info.available = q.available < room ? q.available : room;
	info.phase = q.phase;
	info.depth = q.depth;
	info.mine = root_frames_of(pid);
	m->word[0] = info.limit;
	m->word[1] = info.used;
	m->word[2] = info.available;
	m->word[3] = info.phase;
	__builtin_memcpy(m->buf, &info, sizeof(info));
	m->len = sizeof(info);
	return STATUS_OK;
}

static enum status op_create(struct kh_msg *m, uint32_t pid)
{
	sb_handle parent, child;
	uint32_t quota;
	enum status st;

	if ((st = bank_arg(m->word[0], pid, &parent)) ||
	    (st = count_arg(m->word[1], &quota)) ||
	    (st = sb_create(&ledger, parent, quota, &child)))
		return st;
	owner[child & 0xffu] = pid;
	m->word[0] = child;
	return STATUS_OK;
}

static enum status op_destroy(struct kh_msg *m, uint32_t pid)
{
	sb_handle b;
	uint32_t returned;
	enum status st;

	if ((st = bank_arg(m->word[0], pid, &b)) ||
	    (st = sb_destroy(&ledger, b, &returned)))
		return st;
	give_back(returned);
	m->word[0] = returned;
	return STATUS_OK;
}

/* A client ended: its root frames and its banks (with their sub-banks)
 * go back. */
static void reclaim(uint32_t pid)
{
	struct root_client *c = root_entry(pid, false);
	uint32_t frames = 0, banks = 0, returned;

	if (c && !sb_free(&ledger, root, c->frames)) {
		give_back(c->frames);
		frames = c->frames;
		c->frames = 0;
	}
	for (uint32_t i = 1; i < SB_MAX_BANKS; i++) {
		sb_handle b = (sb_handle)ledger.bank[i].generation << 8 | i;
		/* a sub-bank may already have gone with its parent */
		if (owner[i] != pid || !ledger.bank[i].live || sb_destroy(&ledger, b, &returned))
			continue;
		give_back(returned);
		frames += returned;
		banks++;
		owner[i] = 0;
	}
	if (frames || banks)
		kh_printf("spacebank: reclaimed pid=%u frames=%u banks=%u\n", pid, frames, banks);
}

static enum status serve(struct kh_msg *m)
{
	refresh_limit();
	m->len = 0;
	switch (m->label) {
	case SB_OP_REFRESH:
		m->word[0] = ledger.limit;
		m->word[1] = ledger.phase;
		return STATUS_OK;
	case SB_OP_ALLOC:   return op_alloc(m, m->sender);
	case SB_OP_FREE:    return op_free(m, m->sender);
	case SB_OP_QUERY:   return op_query(m, m->sender);
	case SB_OP_CREATE:  return op_create(m, m->sender);
	case SB_OP_DESTROY: return op_destroy(m, m->sender);
	default:            return STATUS_INVALID_ARGUMENT;
	}
}

static enum status start(uint32_t *ep)
{
	uint64_t limit, used;
	uint32_t phase;
	enum status st;

	if ((st = kh_cap_find(KH_CAP_FRAMEALLOC, 0, &fa_slot)) ||
	    (st = kh_cap_find(KH_CAP_ENDPOINT, 0, ep)) ||
	    (st = kh_frame_limit(fa_slot, &limit, &used, &phase)))
		return st;
	if ((st = sb_init(&ledger, limit > UINT32_MAX ? UINT32_MAX : (uint32_t)limit, &root)))
		return st;
	if (root != SB_ROOT_BANK)
		return STATUS_BAD_SEQUENCE;
	log_limit();
	refresh_limit();        /* started after a settle: relaxed at once */
	return kh_invoke(*ep, KH_OP_DEATHS, 0, 0, 0, 0, NULL, NULL);
}

int main(void)
{
	struct kh_msg m;
	uint32_t ep;
	enum status st = start(&ep);

	if (st) {
		kh_printf("spacebank: cannot start status=%s\n", status_name(st));
		return 1;
	}
	for (;;) {
		if ((st = kh_recv(ep, &m))) {
			kh_printf("spacebank: recv status=%s\n", status_name(st));
			return 1;
		}
		if (m.sender == 0 && m.label == KH_MSG_DEATH) {
			reclaim((uint32_t)m.word[0]);   /* a notice takes no reply */
			continue;
		}
		m.label = serve(&m);
		m.cap = KH_NO_SLOT;
		(void)kh_reply(ep, &m);
	}
}
