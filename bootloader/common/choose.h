/*
 * choose.h - what both loaders (x86_64 stage 2, ColdFire) do with the
 * config store once its bytes are in memory: pick the blob with the shared
 * codec, say which and why on the console, and hand it to the kernel.
 */
#ifndef BOOT_COMMON_CHOOSE_H
#define BOOT_COMMON_CHOOSE_H

#include <stdint.h>
#include "bootinfo.h"
#include "console.h"


/* `len` is 0 when there is no readable store: defaults, `reason=no-store`.
 * Never fails: a bad store ends in the other slot or built-in defaults.
 * *fallback: the other valid slot, else the defaults, for a kernel that
 * finds the chosen blob's heap too big for RAM. */
void boot_config_choose(const uint8_t *store, uint32_t len, struct bootinfo_config *out,
			struct bootinfo_config *fallback);

#endif
