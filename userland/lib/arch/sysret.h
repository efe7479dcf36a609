/*
 * sysret.h - what every architecture's system-call stub answers
 * (lib/arch/<arch>/syscall_arch.h): the result and the two reply words
 * (KH_SYS_INVOKE's r0/r1, KH_SYS_CAP_FIND's slot in r0).
 */
#ifndef KH_SYSRET_H
#define KH_SYSRET_H

#include <stdint.h>

struct kh_sysret {
	uint64_t result;   /* rax on x86_64, d0 on ColdFire */
	uint64_t r0, r1;   /* reply words; meaningful only for the calls that set them */
};

#endif
