/* bootinfo.c - names for the enums of the boot-info contract (bootinfo.h). */
#include "bootinfo.h"
#include "names.h"

KH_NAME_FUNCTION(boot_reason_name, enum boot_reason, BOOT_REASON_LIST, BOOT_REASON_COUNT)
