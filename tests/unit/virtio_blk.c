/*
 * virtio_blk.c - the virtio-blk driver core against the simulated device:
 * init and negotiation, read and write through the real ring protocol,
 * flush, error status, a device that never answers, refused features, and
 * hostile capability layouts.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "virtio_sim.h"

static struct vsim sim;
static struct vio_platform pf;
static struct vblk blk;

static int setup(void **state)
{
	(void)state;
	vsim_init(&sim);
	vsim_platform(&sim, &pf);
	return 0;
}

static void test_init(void **state)
{
	(void)state;
	assert_int_equal(vblk_init(&blk, &pf), STATUS_OK);
	assert_int_equal(sim.status, 0x0f);     /* ACK DRIVER FEATURES_OK DRIVER_OK */
	assert_int_equal(sim.accepted, (1ull << 32) | (1ull << 9));
	assert_int_equal(blk.capacity, VSIM_SECTORS);
	assert_true(blk.flush);
	assert_int_equal(sim.qsize, VBLK_QUEUE_MAX);
	assert_int_equal(sim.qenable, 1);
	assert_int_equal(sim.qdesc, VSIM_DMA_PHYS);
}

static void test_read_write(void **state)
{
	uint8_t out[512], in[512];
	unsigned i, s;

	(void)state;
	assert_int_equal(vblk_init(&blk, &pf), STATUS_OK);
	for (i = 0; i < 512; i++)
		sim.disk[5 * 512 + i] = (uint8_t)(i * 7);
	assert_int_equal(vblk_read(&blk, 5, in), STATUS_OK);
	assert_memory_equal(in, sim.disk + 5 * 512, 512);
	/* More requests than ring entries: indices wrap. */
	for (s = 0; s < 3 * VBLK_QUEUE_MAX; s++) {
		memset(out, (int)(s + 1), sizeof(out));
		assert_int_equal(vblk_write(&blk, s, out), STATUS_OK);
		assert_int_equal(vblk_read(&blk, s, in), STATUS_OK);
		assert_memory_equal(in, out, 512);
		assert_memory_equal(sim.disk + s * 512, out, 512);
	}
	assert_int_equal(vblk_flush(&blk), STATUS_OK);
	assert_int_equal(sim.flushes, 1);
	assert_int_equal(sim.bad_chains, 0);
	assert_int_equal(vblk_read(&blk, VSIM_SECTORS, in), STATUS_OUT_OF_RANGE);
}

static void test_error_status(void **state)
{
	uint8_t buf[512] = { 1 };

	(void)state;
	sim.fail_write_at = 1;
	assert_int_equal(vblk_init(&blk, &pf), STATUS_OK);
	assert_int_equal(vblk_write(&blk, 0, buf), STATUS_OK);
	assert_int_equal(vblk_write(&blk, 1, buf), STATUS_IO_ERROR);
	assert_int_equal(sim.disk[512], 0);
	assert_int_equal(vblk_write(&blk, 2, buf), STATUS_OK);     /* not broken */
}

static void test_no_answer(void **state)
{
	uint8_t buf[512];

	(void)state;
	assert_int_equal(vblk_init(&blk, &pf), STATUS_OK);
	sim.mute = true;
	blk.timeout_ms = 1000;
	assert_int_equal(vblk_read(&blk, 0, buf), STATUS_IO_ERROR);
	assert_true(blk.broken);
	sim.mute = false;
	assert_int_equal(vblk_read(&blk, 0, buf), STATUS_IO_ERROR);  /* until re-init */
	assert_int_equal(vblk_init(&blk, &pf), STATUS_OK);
	assert_int_equal(vblk_read(&blk, 0, buf), STATUS_OK);
}

/* The deadline is time, not polls: a poller that wakes up long after the
 * deadline (host load) still polls once more and sees the answer that came
 * in time; a device that never answers times out after timeout_ms of the
 * clock, however fast the polls. */
static void test_deadline_is_time(void **state)
{
	uint8_t buf[512];

	(void)state;
	assert_int_equal(vblk_init(&blk, &pf), STATUS_OK);
	blk.timeout_ms = 50;
	sim.clock_jump_at = sim.clock_readings + 2;    /* the first reading in the loop */
	sim.clock_jump_ms = 60000;
	assert_int_equal(vblk_read(&blk, 0, buf), STATUS_OK);
	assert_false(blk.broken);

	sim.mute = true;
	uint64_t before = sim.clock_ms;
	assert_int_equal(vblk_read(&blk, 0, buf), STATUS_IO_ERROR);
	assert_true(sim.clock_ms - before > 50);
	assert_true(sim.clock_ms - before < 60);
}

static void test_features(void **state)
{
	(void)state;
	sim.refuse_features = true;
	assert_int_equal(vblk_init(&blk, &pf), STATUS_NOT_SUPPORTED);
	assert_true(sim.status & 0x80);         /* FAILED */
	setup(NULL);
	sim.offered = 1ull << 9;                /* legacy: no VERSION_1 */
	assert_int_equal(vblk_init(&blk, &pf), STATUS_NOT_SUPPORTED);
	setup(NULL);
	sim.offered = 1ull << 32;               /* no flush */
	assert_int_equal(vblk_init(&blk, &pf), STATUS_OK);
	assert_int_equal(vblk_flush(&blk), STATUS_NOT_SUPPORTED);
}

static void test_hostile_caps(void **state)
{
	(void)state;
	vsim_cap(sim.fn, 0x80, 4, 4, 0x3f00, 0x1000);   /* device cfg past the BAR */
	assert_int_equal(vblk_init(&blk, &pf), STATUS_OUT_OF_RANGE);
	assert_int_equal(sim.status, 0);                 /* never touched */
	setup(NULL);
	vsim_cap(sim.fn, 0x40, 1, 6, 0, 0x38);           /* BAR 6 does not exist */
	assert_int_equal(vblk_init(&blk, &pf), STATUS_OUT_OF_RANGE);
	setup(NULL);
	vsim_cap(sim.fn, 0x40, 1, 4, 0, 0x10);           /* common cfg too short */
	assert_int_equal(vblk_init(&blk, &pf), STATUS_OUT_OF_RANGE);
	setup(NULL);
	pcisim_set8(sim.fn, 0x81, 0x40);                 /* list loops */
	pcisim_set8(sim.fn, 0x80 + 3, 9);                /* and the device cap is gone */
	assert_int_equal(vblk_init(&blk, &pf), STATUS_NOT_FOUND);
	setup(NULL);
	pcisim_set8(sim.fn, 0x6d, 0x20);                 /* pointer into the header */
	assert_int_equal(vblk_init(&blk, &pf), STATUS_NOT_FOUND);
	setup(NULL);
	pf.bar_va[4] = 0;                                /* BAR not mapped */
	assert_int_equal(vblk_init(&blk, &pf), STATUS_OUT_OF_RANGE);
	setup(NULL);
	pf.dma_len = 100;
	assert_int_equal(vblk_init(&blk, &pf), STATUS_SHORT_BUFFER);
	setup(NULL);
	pf.dma_phys += 8;
	assert_int_equal(vblk_init(&blk, &pf), STATUS_MISALIGNED);
}

/* GET_ID returns the serial, NUL-padded, and the queue keeps working. */
static void test_get_id(void **state)
{
	uint8_t id[VBLK_ID_BYTES], want[VBLK_ID_BYTES] = "khstore", in[512];

	(void)state;
	memcpy(sim.serial, want, sizeof(want));
	assert_int_equal(vblk_init(&blk, &pf), STATUS_OK);
	memset(id, 0xaa, sizeof(id));
	assert_int_equal(vblk_get_id(&blk, id), STATUS_OK);
	assert_memory_equal(id, want, sizeof(id));
	sim.disk[512] = 0x5a;
	assert_int_equal(vblk_read(&blk, 1, in), STATUS_OK);
	assert_int_equal(in[0], 0x5a);
	/* a serial of the full 20 bytes has no NUL */
	memset(sim.serial, 'x', sizeof(sim.serial));
	assert_int_equal(vblk_get_id(&blk, id), STATUS_OK);
	assert_memory_equal(id, sim.serial, sizeof(id));
	assert_int_equal(vblk_get_id(&blk, NULL), STATUS_INVALID_ARGUMENT);
	assert_int_equal(sim.bad_chains, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_init, setup),
		cmocka_unit_test_setup(test_read_write, setup),
		cmocka_unit_test_setup(test_error_status, setup),
		cmocka_unit_test_setup(test_no_answer, setup),
		cmocka_unit_test_setup(test_deadline_is_time, setup),
		cmocka_unit_test_setup(test_features, setup),
		cmocka_unit_test_setup(test_hostile_caps, setup),
		cmocka_unit_test_setup(test_get_id, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
