/*
 * bench_ops.c - repeats one operation so that callgrind can count its
 * instructions:
 *
 *   bench_ops <op> <reps>      op: alloc_free | alloc_run_256 | decide
 *
 * Each measured operation is one function, never inlined or cloned (bench_op_*), so
 * `valgrind --tool=callgrind --toggle-collect=bench_op_<op>` counts exactly
 * those calls and the total divided by <reps> is the cost of one.  Work
 * that is not measured (setup, giving a run back) happens outside them.
 * Prints nothing but a checksum, so the compiler cannot drop the work.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pool.h"
#include "retune_policy.h"

#define BENCH_N 4096u
#define BENCH_H 1024u
#define RUN     256u

/* The measured operations stay external, so that callgrind's
 * --toggle-collect finds them by name (scripts/bench). */
void bench_op_alloc_free(struct pool *p, uint64_t pfn);
uint32_t bench_op_alloc_run_256(struct pool *p, uint64_t pfn);
void bench_op_decide(const struct retune_params *params, const struct retune_input *in);

static struct StructPageDev region[BENCH_N + BENCH_H];
static uint64_t checksum;

/* One pool_alloc + pool_release pair. */
__attribute__((noinline, noclone)) void bench_op_alloc_free(struct pool *p, uint64_t pfn)
{
	uint32_t index;
	if (pool_alloc(p, pfn, 0, &index) == STATUS_OK &&
	    pool_release(p, index) == STATUS_OK)
		checksum += index;
}

/* One pool_alloc_run of 256 records (released outside the measurement). */
__attribute__((noinline, noclone)) uint32_t bench_op_alloc_run_256(struct pool *p, uint64_t pfn)
{
	uint32_t head = 0, missing = 0;
	if (pool_alloc_run(p, pfn, RUN, STRUCTPAGE_F_UNCACHED, &head, &missing))
		exit(1);
	return head;
}

__attribute__((noinline, noclone)) void bench_op_decide(const struct retune_params *params,
					       const struct retune_input *in)
{
	struct retune_decision d;
	if (retune_decide(params, in, &d) == STATUS_OK)
		checksum += d.new_pool;
}

static void run_alloc_free(unsigned long reps)
{
	struct pool p;
	if (pool_init(&p, region, BENCH_N, BENCH_H))
		exit(1);
	for (unsigned long i = 0; i < reps; i++)
		bench_op_alloc_free(&p, 0x100000 + i);
}

static void run_alloc_run(unsigned long reps)
{
	struct pool p;
	uint32_t released;
	if (pool_init(&p, region, BENCH_N, BENCH_H))
		exit(1);
	for (unsigned long i = 0; i < reps; i++) {
		uint32_t head = bench_op_alloc_run_256(&p, 0x100000);
		if (pool_release_run(&p, head, &released))
			exit(1);
		checksum += released;
	}
}

/* The costliest path: a shortage that needs a grow and a reboot. */
static void run_decide(unsigned long reps)
{
	struct retune_params params;
	struct retune_input in;
	retune_default_params(&params);
	memset(&in, 0, sizeof(in));
	bootcfg_defaults(&in.tuning);
	in.need = BOOTCFG_DEFAULT_POOL + 1000;
	in.fingerprint = 0x1234;
	in.ram_frames = 262144;
	for (unsigned long i = 0; i < reps; i++)
		bench_op_decide(&params, &in);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: bench_ops alloc_free|alloc_run_256|decide REPS\n");
		return 2;
	}
	unsigned long reps = strtoul(argv[2], NULL, 10);
	if (!strcmp(argv[1], "alloc_free"))
		run_alloc_free(reps);
	else if (!strcmp(argv[1], "alloc_run_256"))
		run_alloc_run(reps);
	else if (!strcmp(argv[1], "decide"))
		run_decide(reps);
	else
		return 2;
	printf("checksum=%llu\n", (unsigned long long)checksum);
	return 0;
}
