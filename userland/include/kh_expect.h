/*
 * kh_expect.h - what the in-guest test programs share: count checks, print
 * one FAIL line per miss and a summary `<prog>: done passed=<n> failed=<n>`
 * that the QEMU tests read.
 */
#ifndef KH_EXPECT_H
#define KH_EXPECT_H

#include <stdint.h>

void kh_expect(const char *what, uint64_t got, uint64_t want);
void kh_expect_true(const char *what, int cond);
/* Prints the summary; returns the exit status (0 when all passed). */
int kh_expect_done(const char *prog);

#endif
