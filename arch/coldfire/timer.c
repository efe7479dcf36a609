/*
 * timer.c - PIT0 as the periodic tick, through the interrupt controller
 * (source 4 -> vector 68).  The PIT counts down from PMR at
 * CF_PIT_CLOCK_HZ / 2^PRE; PRE = 1 keeps PMR within 16 bits at 1000 Hz.
 */
#include "hal/arch.h"
#include "cf.h"

#define PIT_PRESCALE_SHIFT 1u
#define PIT_LEVEL          6u    /* interrupt level in ICR (1..7) */

uint64_t hal_timer_init(uint32_t hz, const char **name)
{
	uint32_t clock = CF_PIT_CLOCK_HZ >> PIT_PRESCALE_SHIFT;
	uint32_t pmr = (clock + hz / 2) / hz;

	if (pmr > 0xffffu)
		pmr = 0xffffu;
	cf_write16(CF_PIT0 + CF_PIT_PCSR, 0);
	cf_write16(CF_PIT0 + CF_PIT_PMR, (uint16_t)pmr);
	cf_write16(CF_PIT0 + CF_PIT_PCSR, CF_PCSR_PRE(PIT_PRESCALE_SHIFT) | CF_PCSR_RLD |
		   CF_PCSR_PIE | CF_PCSR_PIF | CF_PCSR_EN);
	cf_write8(CF_INTC0 + CF_INTC_ICR(CF_PIT0_SOURCE), PIT_LEVEL);
	/* Unmask source 4 and clear bit 0 (mask-all on the real part). */
	uint32_t imr = cf_read32(CF_INTC0 + CF_INTC_IMRL);
	cf_write32(CF_INTC0 + CF_INTC_IMRL, imr & ~((1u << CF_PIT0_SOURCE) | 1u));
	*name = "pit0";
	return (uint64_t)clock * 1000u / pmr;
}

void hal_timer_ack(void)
{
	uint16_t pcsr = cf_read16(CF_PIT0 + CF_PIT_PCSR);

	cf_write16(CF_PIT0 + CF_PIT_PCSR, pcsr | CF_PCSR_PIF);   /* write 1 to clear */
}

/* Silences the PIT and masks every interrupt source (before a reset). */
void cf_timer_stop(void)
{
	cf_write16(CF_PIT0 + CF_PIT_PCSR, CF_PCSR_PIF);
	cf_write8(CF_INTC0 + CF_INTC_ICR(CF_PIT0_SOURCE), 0);
	cf_write32(CF_INTC0 + CF_INTC_IMRH, 0xffffffffu);
	cf_write32(CF_INTC0 + CF_INTC_IMRL, 0xffffffffu);
}
