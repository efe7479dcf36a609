/*
 * arith64.c - the 64-bit multiply and divide helpers GCC calls on a
 * 32-bit CPU.
 * Debian's m68k libgcc is built for the 68020 and uses instructions the
 * ColdFire lacks, so the ColdFire builds of lib/ (kh_core_coldfire and
 * _low: kernel, loader, user runtime) carry these: plain
 * shift-and-subtract, 64 steps, no tables.  Division is rare here
 * (boot-time figures, time conversions).  Built for ColdFire only.
 */
#include <stdint.h>

uint64_t __muldi3(uint64_t a, uint64_t b);
uint64_t __lshrdi3(uint64_t v, int n);
uint64_t __ashldi3(uint64_t v, int n);
uint64_t __udivmoddi4(uint64_t n, uint64_t d, uint64_t *rem);
uint64_t __udivdi3(uint64_t n, uint64_t d);
uint64_t __umoddi3(uint64_t n, uint64_t d);
int64_t __divdi3(int64_t n, int64_t d);
int64_t __moddi3(int64_t n, int64_t d);

/* Variable 64-bit shifts (-Os calls these), from 32-bit halves only:
 * a 64-bit shift here would call itself. */
union halves {
	uint64_t v;
	struct { uint32_t hi, lo; } w;     /* big-endian */
};

uint64_t __lshrdi3(uint64_t v, int n)
{
	union halves in = { .v = v }, out;

	if (n == 0)
		return v;
	if (n >= 32) {
		out.w.hi = 0;
		out.w.lo = in.w.hi >> (n - 32);
	} else {
		out.w.hi = in.w.hi >> n;
		out.w.lo = (in.w.lo >> n) | (in.w.hi << (32 - n));
	}
	return out.v;
}

uint64_t __ashldi3(uint64_t v, int n)
{
	union halves in = { .v = v }, out;

	if (n == 0)
		return v;
	if (n >= 32) {
		out.w.lo = 0;
		out.w.hi = in.w.lo << (n - 32);
	} else {
		out.w.lo = in.w.lo << n;
		out.w.hi = (in.w.hi << n) | (in.w.lo >> (32 - n));
	}
	return out.v;
}

/* Low 64 bits of a * b from 32 x 32 -> 64 partial products (the CPU's
 * mulu.l gives only 32 bits, so each is split in 16-bit halves). */
static uint64_t mul32x32(uint32_t a, uint32_t b)
{
	uint32_t al = a & 0xffffu, ah = a >> 16, bl = b & 0xffffu, bh = b >> 16;
	uint64_t mid = (uint64_t)(al * bh) + (uint64_t)(ah * bl);

	return ((uint64_t)(ah * bh) << 32) + (mid << 16) + (uint64_t)(al * bl);
}

uint64_t __muldi3(uint64_t a, uint64_t b)
{
	uint32_t alo = (uint32_t)a, ahi = (uint32_t)(a >> 32);
	uint32_t blo = (uint32_t)b, bhi = (uint32_t)(b >> 32);

	return mul32x32(alo, blo) + ((uint64_t)(alo * bhi + ahi * blo) << 32);
}

uint64_t __udivmoddi4(uint64_t n, uint64_t d, uint64_t *rem)
{
	uint64_t q = 0, r = 0;

	if (d == 0) {
		/* Division by zero is a caller bug; answer something defined. */
		if (rem)
			*rem = n;
		return ~0ull;
	}
	for (int bit = 63; bit >= 0; bit--) {
		r = (r << 1) | ((n >> bit) & 1u);
		if (r >= d) {
			r -= d;
			q |= 1ull << bit;
		}
	}
	if (rem)
		*rem = r;
	return q;
}

uint64_t __udivdi3(uint64_t n, uint64_t d)
{
	return __udivmoddi4(n, d, 0);
}

uint64_t __umoddi3(uint64_t n, uint64_t d)
{
	uint64_t r;

	__udivmoddi4(n, d, &r);
	return r;
}

static uint64_t magnitude(int64_t v)
{
	return v < 0 ? -(uint64_t)v : (uint64_t)v;
}

int64_t __divdi3(int64_t n, int64_t d)
{
	uint64_t q = __udivmoddi4(magnitude(n), magnitude(d), 0);

	return (n < 0) != (d < 0) ? -(int64_t)q : (int64_t)q;
}

int64_t __moddi3(int64_t n, int64_t d)
{
	uint64_t r;

	__udivmoddi4(magnitude(n), magnitude(d), &r);
	return n < 0 ? -(int64_t)r : (int64_t)r;
}
