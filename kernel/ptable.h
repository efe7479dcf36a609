/*
 * ptable.h - the process table on the console (Ctrl-T, BSD's status key):
 * what each process is, holds and maps (docs/kernel.md, "Seeing it").
 */
#ifndef KERNEL_PTABLE_H
#define KERNEL_PTABLE_H

/* Prints `kernel: ps ...` lines: one summary, one per process, one per
 * capability slot it holds. */
void ptable_print(void);

#endif
