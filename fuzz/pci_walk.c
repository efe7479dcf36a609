/*
 * pci_walk.c - libFuzzer target: the PCI walker over a fuzzed config space.
 *
 * Input: byte 0 picks a base machine (empty, q35, q35 with ivshmem,
 * nested bridges, CardBus), then 11-byte edit records turn it hostile:
 *   op a b v0..v3 m0..m3     (v = value, m = write mask, little endian)
 *   op % 4 == 0  patch dword b % 64 of function a % n: value and mask
 *   op % 4 == 1  add a function at bus a, devfn b with dword 0 = v and
 *                dword 3 = m (header type), all of it writable per m
 *   op % 4 == 2  function a % n turns to all ones after v % 256 reads
 *   op % 4 == 3  move function a % n to bus v0, devfn v1
 * The walker must return, stay within its bounds and its access budget,
 * write only the command register and BARs, and leave every function
 * that did not vanish as it found it.  The need, fingerprint and log
 * formatter run on whatever it found.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pci_need.h"
#include "pci_log.h"
#include "fixtures.h"

#define RECORD_BYTES 11

static struct pcisim sim, before;
/* Small tables, so that truncation and counting past them are fuzzed
 * too. */
PCI_WALK_RESULT(res, 24, 8);
static char text[64 * 1024];

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static void build_base(uint8_t which)
{
	switch (which % 5) {
	case 0: pcisim_init(&sim); break;
	case 1: fixture_q35(&sim); break;
	case 2: fixture_q35_ivshmem(&sim, which % 3, 1ull << (20 + which % 20),
				    0x1000000000ull); break;
	case 3: fixture_nested(&sim); break;
	default: fixture_cardbus(&sim); break;
	}
}

static void apply_record(const uint8_t *r)
{
	uint32_t v = le32(r + 3), m = le32(r + 7);
	struct pcisim_fn *f = sim.nfn ? &sim.fn[r[1] % sim.nfn] : NULL;

	switch (r[0] % 4) {
	case 0:
		if (f) {
			f->cfg[r[2] % 64] = v;
			f->wmask[r[2] % 64] = m;
		}
		break;
	case 1:
		f = pcisim_add(&sim, r[1], (uint8_t)(r[2] >> 3), r[2] & 7,
			       (uint16_t)v, (uint16_t)(v >> 16), 0, 0);
		if (f)
			f->cfg[3] = m;
		break;
	case 2:
		if (f)
			f->vanish_after = (int32_t)(v % 256);
		break;
	default:
		if (f) {
			f->bus = (uint8_t)v;
			f->dev = (uint8_t)((v >> 8) >> 3) & 31;
			f->fn = (uint8_t)(v >> 8) & 7;
		}
		break;
	}
}

static void check_restored(void)
{
	unsigned i;

	for (i = 0; i < sim.nfn; i++)
		if (sim.fn[i].vanish_after < 0 &&
		    memcmp(sim.fn[i].cfg, before.fn[i].cfg, sizeof(sim.fn[i].cfg)) != 0)
			abort();
}

static void check_result(void)
{
	size_t len = 0;
	uint32_t need;
	unsigned i;

	if (res.ndev > res.dev_cap || res.nwarn > res.warn_cap || res.dev_wanted < res.ndev ||
	    (res.dev_wanted > res.ndev) != !!(res.truncated & PCI_TRUNC_DEVICES) ||
	    res.nbuses > PCI_MAX_BUSES || res.accesses > PCI_MAX_ACCESSES ||
	    res.accesses != sim.reads + sim.writes || sim.stray_writes != 0)
		abort();
	for (i = 0; i < res.ndev; i++)
		if (res.dev[i].nbars > PCI_MAX_BARS || res.dev[i].nwindows > PCI_MAX_WINDOWS ||
		    res.dev[i].header_type > 2)
			abort();
	if (pci_format_walk(&res, text, sizeof(text), &len) != STATUS_OK ||
	    strlen(text) != len)
		abort();
	(void)pci_need(&res, 1024, &need);
	(void)pci_fingerprint(&res);
}

/* libFuzzer's entry point (declared here: no libFuzzer header). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pci_access acc;
	size_t off;

	if (size == 0)
		return 0;
	build_base(data[0]);
	for (off = 1; off + RECORD_BYTES <= size; off += RECORD_BYTES)
		apply_record(data + off);
	sim.reads = sim.writes = sim.stray_writes = sim.decode_violations = 0;
	memcpy(&before, &sim, sizeof(sim));
	acc = pcisim_access(&sim);
	if (pci_walk(&acc, &res) != STATUS_OK)
		abort();
	check_restored();
	check_result();
	return 0;
}
