/*
 * ivshmem - the driver of an ivshmem-plain device (1af4:1110), the first
 * program that uses device memory: devdisc hands it the device's BARs over
 * the device-manager protocol (kh_drv.h); it maps BAR 2, the shared
 * memory, and serves the host through it.  The contract on BAR 2 is
 * exact (host scripts rely on it; docs/hotplug.md):
 *
 *   offset 0     the driver writes "kheap-ivshmem ready pid=<pid> dev=<bdf>"
 *                NUL-terminated when it starts;
 *   offset 1024  the host writes a nonzero little-endian 32-bit request
 *                number, after the request text (NUL-terminated, at most
 *                1000 bytes) at offset 1028;
 *   offset 2048  within 50 ms of guest time the driver writes the same
 *                number, after the text upper-cased and NUL-terminated at
 *                offset 2052, and logs `ivshmem: dev=<bdf> request=<n>
 *                bytes=<n>`.
 *
 * Started only by devdisc (manifest: `ivshmem spawned`).
 */
#include "kh_user.h"
#include "kh_objects.h"
#include "kh_drv.h"

#define VA           0x40000000ull     /* 2 MiB aligned: big BARs map in 2 MiB pages */
#define OFF_READY    0u
#define OFF_REQ_NO   1024u
#define OFF_REQ      1028u
#define OFF_REP_NO   2048u
#define OFF_REP      2052u
#define REQ_MAX      1000u
#define POLL_MS      5u
#define REVOKED_MS   50u                /* told, then gone: the rescind finds it holding */

static volatile uint8_t *mem;
static char bdf[KH_DRV_BDF_BYTES];

static uint32_t get32(uint32_t off)
{
	volatile uint8_t *b = mem + off;

	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static void put32(uint32_t off, uint32_t v)
{
	for (unsigned i = 0; i < 4; i++)
		mem[off + i] = (uint8_t)(v >> (8 * i));
}

/* Text at off, not terminated; the offset after it. */
static uint32_t put_text(uint32_t off, const char *s)
{
	for (; *s; s++)
		mem[off++] = (uint8_t)*s;
	return off;
}

static uint32_t put_decimal(uint32_t off, uint32_t v)
{
	char d[10];
	unsigned n = 0;

	do
		d[n++] = (char)('0' + v % 10);
	while ((v /= 10));
	while (n)
		mem[off++] = (uint8_t)d[--n];
	return off;
}

static void write_ready(void)
{
	uint32_t off = put_text(OFF_READY, "kheap-ivshmem ready pid=");

	off = put_decimal(off, kh_getpid());
	off = put_text(off, " dev=");
	off = put_text(off, bdf);
	mem[off] = 0;
}

/* One GRANT: BAR 2 is mapped, the others are kept unmapped. */
static enum status take_bar(uint32_t ep, struct kh_msg *m)
{
	enum status st = STATUS_OK;

	for (unsigned i = 0; i < KH_DRV_BDF_BYTES - 1 && m->buf[i]; i++)
		bdf[i] = (char)m->buf[i];
	if (m->word[0] == 2 && m->cap != KH_NO_SLOT)
		st = kh_devmem_map(m->cap, m->word[1], m->word[2], VA, 0, 0);
	if (!st && m->word[0] == 2)
		mem = (volatile uint8_t *)VA;
	*m = (struct kh_msg){ .label = st ? (uint64_t)st : KH_DRV_OK, .cap = KH_NO_SLOT };
	return kh_reply(ep, m);
}

/* Until START: every message is a GRANT. */
static enum status receive_bars(uint32_t ep)
{
	struct kh_msg m;

	for (;;) {
		enum status st = kh_recv(ep, &m);
		if (st)
			return st;
		if (m.label == KH_DRV_START) {
			m = (struct kh_msg){ .label = mem ? KH_DRV_OK : STATUS_NOT_FOUND,
					     .cap = KH_NO_SLOT };
			kh_reply(ep, &m);
			return mem ? STATUS_OK : STATUS_NOT_FOUND;
		}
		if ((st = take_bar(ep, &m)))
			return st;
	}
}

static void serve(uint32_t number)
{
	uint32_t n = 0;

	for (; n < REQ_MAX && mem[OFF_REQ + n]; n++) {
		uint8_t c = mem[OFF_REQ + n];
		mem[OFF_REP + n] = (uint8_t)(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
	}
	mem[OFF_REP + n] = 0;
	put32(OFF_REP_NO, number);
	kh_printf("ivshmem: dev=%s request=%u bytes=%u\n", bdf, (unsigned)number, (unsigned)n);
}

/* Polls the request number and the endpoint; ends on REVOKE. */
static void run(uint32_t ep)
{
	uint32_t last = 0;
	struct kh_msg m;

	for (;;) {
		uint32_t number = get32(OFF_REQ_NO);
		if (number && number != last) {
			serve(number);
			last = number;
		}
		if (kh_recv_poll(ep, &m) == STATUS_OK && m.label == KH_DRV_REVOKE) {
			kh_printf("ivshmem: dev=%s revoked\n", bdf);
			m = (struct kh_msg){ .label = KH_DRV_OK, .cap = KH_NO_SLOT };
			kh_reply(ep, &m);
			kh_sleep_ms(REVOKED_MS);   /* devdisc rescinds meanwhile */
			return;
		}
		kh_sleep_ms(POLL_MS);
	}
}

int main(void)
{
	uint32_t ep;

	if (kh_cap_find(KH_CAP_ENDPOINT, 0, &ep) || receive_bars(ep)) {
		kh_printf("ivshmem: no device memory\n");
		return 1;
	}
	write_ready();
	kh_printf("ivshmem: dev=%s ready pid=%u\n", bdf, kh_getpid());
	run(ep);
	return 0;
}
