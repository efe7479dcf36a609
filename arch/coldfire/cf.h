/*
 * cf.h - ColdFire MCF5208 registers and helpers private to the port.
 */
#ifndef CF_H
#define CF_H

#include <stdint.h>

#define CF_SDRAM_BASE         0x40000000u
#define CF_SRAM_BASE          0x80000000u
#define CF_SR_S               0x2000u   /* supervisor */
#define CF_SR_IPL_MASK        0x0700u
#define CF_SR_CCR             0x001fu   /* X N Z V C */
#define CF_FORMAT_WORD        0x40000000u /* format 4, no stack adjustment */
#define CF_VECTOR_TRAP0       32u
#define CF_VECTOR_INT_BASE    64u       /* interrupt controller source n -> 64 + n */
#define CF_PIT0_SOURCE        4u

/* Saved registers, lowest address first: the trap stub pushes d0-d7,
 * a0-a6 and the user stack pointer below the exception frame the CPU
 * pushed (format/vector/SR long word, then PC). */
struct hal_frame {
	uint32_t usp;
	uint32_t d[8];
	uint32_t a[7];
	uint32_t fmt_sr;   /* format:4 fs:2 vector:8 fs:2 sr:16 */
	uint32_t pc;
};

_Static_assert(sizeof(struct hal_frame) == 72, "trap frame layout (trap.S)");
_Static_assert(__builtin_offsetof(struct hal_frame, d) == 4 &&
	       __builtin_offsetof(struct hal_frame, a) == 4 + 8 * 4 &&
	       __builtin_offsetof(struct hal_frame, fmt_sr) == 4 + 60 &&
	       __builtin_offsetof(struct hal_frame, pc) == 4 + 60 + 4,
	       "usp, then movem's 60 bytes of d0-d7/a0-a6, then the CPU's frame (trap.S)");

#define CF_UART0        0xfc060000u
#define CF_UART_USR     0x04u     /* status (read) */
#define CF_UART_UCR     0x08u     /* command (write) */
#define CF_UART_UTB     0x0cu     /* transmit buffer */
#define CF_USR_TXRDY    0x04u
#define CF_USR_TXEMP    0x08u
#define CF_UCR_TX_ON    0x04u
#define CF_UCR_RX_ON    0x01u
#define CF_UART_URB     0x0cu     /* receive buffer (read) */
#define CF_USR_RXRDY    0x01u

#define CF_INTC0        0xfc048000u
#define CF_INTC_IMRH    0x08u
#define CF_INTC_IMRL    0x0cu
#define CF_INTC_ICR(n)  (0x40u + (n))

#define CF_PIT0         0xfc080000u
#define CF_PIT_PCSR     0x00u
#define CF_PIT_PMR      0x02u
#define CF_PCSR_EN      0x0001u
#define CF_PCSR_RLD     0x0002u
#define CF_PCSR_PIF     0x0004u
#define CF_PCSR_PIE     0x0008u
#define CF_PCSR_PRE(p)  ((uint16_t)((p) << 8))
#define CF_PIT_CLOCK_HZ 83333333u  /* system clock / 2 (QEMU: 166666666 / 2) */

/* Separate user stack pointer.  QEMU 7.2 models EUSP as CACR bit 4
 * (0x10); the MCF5445x manual puts it at bit 5: the QEMU value is what
 * this port runs on, and the one to re-check on hardware. */
#define CF_CACR_EUSP    0x00000010u

static inline void cf_write8(uint32_t addr, uint8_t v)
{
	*(volatile uint8_t *)addr = v;
}

static inline uint8_t cf_read8(uint32_t addr)
{
	return *(volatile uint8_t *)addr;
}

static inline void cf_write16(uint32_t addr, uint16_t v)
{
	*(volatile uint16_t *)addr = v;
}

static inline uint16_t cf_read16(uint32_t addr)
{
	return *(volatile uint16_t *)addr;
}

static inline void cf_write32(uint32_t addr, uint32_t v)
{
	*(volatile uint32_t *)addr = v;
}

static inline uint32_t cf_read32(uint32_t addr)
{
	return *(volatile uint32_t *)addr;
}

static inline void cf_irq_off(void)
{
	__asm__ volatile("move.w #0x2700, %%sr" ::: "memory");
}

/* trap.S */
extern uint32_t cf_vectors[256];
void cf_resume(struct hal_frame *f) __attribute__((noreturn));
void cf_call_on_stack(uint32_t sp, void (*fn)(void)) __attribute__((noreturn));

/* timer.c, reset.c */
void cf_timer_stop(void);
void cf_uart_drain(void);

#endif
