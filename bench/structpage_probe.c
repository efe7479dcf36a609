/*
 * structpage_probe.c - compiled by scripts/bench with a target's compiler
 * (not linked): the symbol sizes (`nm -S`) are the record sizes that
 * compiler lays out.
 */
#include "structpage.h"

struct StructPageDev kh_probe_structpage_dev;
struct StructPageRam kh_probe_structpage_ram;
