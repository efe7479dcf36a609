/*
 * retune_policy.c - the re-tune decision (see retune_policy.h and
 * docs/retune-policy.md, whose table this code follows row by row).
 *
 * Pure: no I/O, no state.  Everything the decision depends on across boots
 * travels in the blob (pending_target, attempts, guard_fingerprint), which
 * is what lets a reboot loop be detected and stopped.
 */
#include "retune_policy.h"
#include <stddef.h>
#include "structpage.h"
#include "names.h"

KH_NAME_FUNCTION(retune_kind_name, enum retune_kind, RETUNE_KIND_LIST, RETUNE_KIND_COUNT)
KH_NAME_FUNCTION(retune_why_name, enum retune_why, RETUNE_WHY_LIST, RETUNE_WHY_COUNT)

void retune_default_params(struct retune_params *p)
{
	p->margin_pct = 25;
	p->margin_min = 256;
	p->round_to = 64;
	p->shrink_factor = 4;
	p->shrink_min_excess = 4096;
	p->max_attempts = 2;
	p->cap_ram_divisor = 8;
}

/* ---- validation ------------------------------------------------------ */

static bool params_ok(const struct retune_params *p)
{
	return p->margin_pct <= RETUNE_MARGIN_PCT_MAX &&
	       p->margin_min <= BOOTCFG_POOL_MAX &&
	       p->round_to >= 1 && p->round_to <= BOOTCFG_POOL_MAX &&
	       p->shrink_factor >= 1 &&
	       p->cap_ram_divisor >= 1 && p->cap_ram_divisor <= RETUNE_RAM_DIVISOR_MAX &&
	       p->max_attempts >= 1 && p->max_attempts <= BOOTCFG_ATTEMPTS_MAX;
}

static bool input_ok(const struct retune_input *in)
{
	return in->fingerprint != 0 && in->ram_frames != 0 &&
	       bootcfg_validate(&in->tuning) == STATUS_OK;
}

/* ---- the numbers ----------------------------------------------------- */

/*
 * Arithmetic stays in 32 bits (no 64-bit multiply or divide): ColdFire
 * links without libgcc.  The parameter bounds above and the clamps below
 * keep every product under 2^32.
 */

/* Device records that fit in RAM / divisor, or BOOTCFG_POOL_MAX if more. */
static uint32_t records_fitting_ram(uint64_t ram_frames, uint32_t divisor)
{
	const uint32_t per_frame = STRUCTPAGE_FRAME_BYTES / sizeof(struct StructPageDev);
	/* 2^32 frames / the largest divisor still hold over POOL_MAX records. */
	if (ram_frames > UINT32_MAX)
		return BOOTCFG_POOL_MAX;
	uint32_t whole = (uint32_t)ram_frames / divisor;
	uint32_t part = (uint32_t)ram_frames % divisor;
	if (whole >= BOOTCFG_POOL_MAX / per_frame)
		return BOOTCFG_POOL_MAX;
	return whole * per_frame + part * per_frame / divisor;
}

/* The largest pool a blob may ask for.  Never below BOOTCFG_POOL_MIN, since
 * the loader reserves that much anyway and a smaller N is not a valid blob. */
static uint32_t effective_cap(const struct retune_params *p, const struct retune_input *in)
{
	uint32_t cap = in->tuning.hard_cap_frames;
	uint32_t ram = records_fitting_ram(in->ram_frames, p->cap_ram_divisor);
	if (ram < cap)
		cap = ram;
	if (cap > BOOTCFG_POOL_MAX)
		cap = BOOTCFG_POOL_MAX;
	if (cap < BOOTCFG_POOL_MIN)
		cap = BOOTCFG_POOL_MIN;
	return cap;
}

/* N' for a need: need + margin, rounded up, within [POOL_MIN, cap].  A need
 * at or above the cap gets the cap, so need < 2^22 below. */
static uint32_t target_pool(const struct retune_params *p, uint32_t need, uint32_t cap)
{
	if (need >= cap)
		return cap;
	uint32_t margin = need * p->margin_pct / 100;
	if (margin < p->margin_min)
		margin = p->margin_min;
	uint32_t t = need + margin;
	t = (t + p->round_to - 1) / p->round_to * p->round_to;
	if (t < BOOTCFG_POOL_MIN)
		t = BOOTCFG_POOL_MIN;
	return t > cap ? cap : t;
}

/* Hysteresis: far larger than the need on both measures, and shrinking
 * would actually change N.  pool > need * factor, without the product. */
static bool oversized(const struct retune_params *p, uint32_t pool, uint32_t need,
		      uint32_t target)
{
	return need <= (pool - 1) / p->shrink_factor &&
	       pool - need > p->shrink_min_excess && target < pool;
}

/* ---- the loop guard's key ------------------------------------------- */

/*
 * The guard names the configuration *and* what bounded it: the blob's hard
 * cap and the RAM the cap is a fraction of.  A guard written for one of
 * them does not match after any changes, so a raised hard_cap (bootcfg
 * set) or more RAM re-arms it just as a changed device configuration
 * does.  32-bit multiplies only (ColdFire links without libgcc); the odd
 * constants spread every input bit over the half it lands in.
 */
uint64_t retune_guard_key(uint64_t fingerprint, uint32_t hard_cap, uint64_t ram_frames)
{
	uint32_t hi = (uint32_t)(fingerprint >> 32) ^ (hard_cap * 0x9e3779b1u);
	uint32_t lo = (uint32_t)fingerprint ^
		      (((uint32_t)ram_frames ^ (uint32_t)(ram_frames >> 32)) * 0x85ebca77u);
	uint64_t key = (uint64_t)hi << 32 | lo;
	return key ? key : 1;   /* 0 means "no guard" in the blob */
}

/* ---- the decision ---------------------------------------------------- */

/* What the policy knows while deciding. */
struct ctx {
	const struct retune_params *p;
	const struct retune_input *in;
	uint32_t running;   /* N reserved this boot */
	uint32_t disk;      /* N the next boot gets */
	uint32_t cap;
	uint32_t target;
	uint64_t guard;     /* the key a guard for this configuration and cap has */
	bool guarded;       /* this configuration already gave up under this cap */
};

/*
 * Field by field, because a struct copy becomes a memcpy() call that the
 * freestanding builds need not provide; generated from tuning.h's list, so
 * a field added there is copied too.
 */
static void copy_blob(struct bootcfg *dst, const struct bootcfg *src)
{
	KH_TUNING_FIELDS(KH_TUNING_COPY_FIELD)
}

/* Nothing to write: `next` is the input blob unchanged. */
static void decide_nothing(const struct ctx *c, struct retune_decision *d,
			   enum retune_kind kind, enum retune_why why)
{
	d->kind = kind;
	d->why = why;
	d->new_pool = c->disk;
	d->cap = c->cap;
	d->reboot = false;
	d->write_blob = false;
	copy_blob(&d->next, &c->in->tuning);
}

/*
 * A blob that retunes for the configuration now: no re-tune pending, and a
 * guard kept only while it names this very configuration and cap (any
 * change clears it).
 */
static void decide_write(const struct ctx *c, struct retune_decision *d,
			 enum retune_kind kind, enum retune_why why,
			 uint32_t new_pool, enum bootcfg_reason reason)
{
	decide_nothing(c, d, kind, why);
	d->new_pool = new_pool;
	d->write_blob = true;
	d->next.pool_frames = new_pool;
	d->next.pending_target = 0;
	d->next.attempts = 0;
	d->next.fingerprint = c->in->fingerprint;
	d->next.guard_fingerprint = c->guarded ? c->guard : 0;
	d->next.last_reason = reason;
}

/* Stop trying for this configuration; N stays what it was tuned to. */
static void decide_give_up(const struct ctx *c, struct retune_decision *d,
			   enum retune_why why)
{
	decide_nothing(c, d, RETUNE_GIVE_UP, why);
	d->write_blob = true;
	d->next.pending_target = 0;
	d->next.attempts = 0;
	d->next.guard_fingerprint = c->guard;
	d->next.last_reason = BOOTCFG_REASON_GIVE_UP;
}

/* Attempts count re-tune boots that did not cure; a fresh shortage starts
 * the count again. */
static void decide_grow_reboot(const struct ctx *c, struct retune_decision *d)
{
	const struct bootcfg *t = &c->in->tuning;
	uint32_t attempts = t->pending_target ? t->attempts : 0;
	decide_write(c, d, RETUNE_GROW, RETUNE_WHY_NEED_EXCEEDS_POOL, c->target,
		     BOOTCFG_REASON_GROW);
	d->reboot = true;
	d->next.pending_target = c->target;
	d->next.attempts = attempts + 1;
}

/* need > running pool: rows 1-6 of the table. */
static void decide_short(const struct ctx *c, struct retune_decision *d)
{
	const struct bootcfg *t = &c->in->tuning;
	uint32_t need = c->in->need;
	uint64_t avail = (uint64_t)c->running + c->in->kept_headroom;
	bool fits_now = need <= avail && need <= c->cap;

	if (fits_now && c->disk >= need)  /* a blob written this boot fits it */
		decide_nothing(c, d, RETUNE_GROW, RETUNE_WHY_FROM_HEADROOM);
	else if (fits_now)
		decide_write(c, d, RETUNE_GROW, RETUNE_WHY_FROM_HEADROOM, c->target,
			     BOOTCFG_REASON_GROW);
	else if (c->guarded)
		decide_nothing(c, d, RETUNE_GIVE_UP, RETUNE_WHY_GUARDED_CONFIG);
	else if (need > c->cap)
		decide_give_up(c, d, RETUNE_WHY_OVER_CAP);
	else if (t->pending_target && t->attempts >= c->p->max_attempts)
		decide_give_up(c, d, RETUNE_WHY_LOOP_GUARD);
	else
		decide_grow_reboot(c, d);
}

/* need <= running pool: rows 7-11. */
static void decide_fits(const struct ctx *c, struct retune_decision *d)
{
	uint32_t need = c->in->need;

	if (need > c->disk)
		decide_write(c, d, RETUNE_GROW, RETUNE_WHY_NEXT_BOOT_SHORT, c->target,
			     BOOTCFG_REASON_GROW);
	else if (oversized(c->p, c->disk, need, c->target))
		decide_write(c, d, RETUNE_SHRINK, RETUNE_WHY_POOL_OVERSIZED, c->target,
			     BOOTCFG_REASON_SHRINK);
	else if (c->in->tuning.pending_target)
		decide_write(c, d, RETUNE_OK, RETUNE_WHY_CURED, c->disk,
			     BOOTCFG_REASON_CURED);
	else if (c->disk > c->target)
		decide_nothing(c, d, RETUNE_OK, RETUNE_WHY_HYSTERESIS);
	else
		decide_nothing(c, d, RETUNE_OK, RETUNE_WHY_FITS);
}

enum status retune_decide(const struct retune_params *params,
			  const struct retune_input *in,
			  struct retune_decision *out)
{
	if (!params || !in || !out || !params_ok(params) || !input_ok(in))
		return STATUS_INVALID_ARGUMENT;

	struct ctx c = { .p = params, .in = in, .disk = in->tuning.pool_frames };
	c.running = in->running_pool ? in->running_pool : c.disk;
	c.cap = effective_cap(params, in);
	c.target = target_pool(params, in->need, c.cap);
	c.guard = retune_guard_key(in->fingerprint, in->tuning.hard_cap_frames, in->ram_frames);
	c.guarded = in->tuning.guard_fingerprint == c.guard;

	if (in->need > c.running)
		decide_short(&c, out);
	else
		decide_fits(&c, out);
	return STATUS_OK;
}
