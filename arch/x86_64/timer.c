/*
 * timer.c - the 8254 PIT on IRQ 0 through the 8259 PICs, remapped to
 * vectors 32..47 so they do not alias CPU exceptions.  The PIT is the one
 * timer every PC and QEMU machine has and needs no calibration; the LAPIC
 * timer can replace it behind the same hal/timer.h.
 */
#include "hal/arch.h"
#include "x86.h"

#define PIC1_CMD   0x20u
#define PIC1_DATA  0x21u
#define PIC2_CMD   0xa0u
#define PIC2_DATA  0xa1u
#define PIC_EOI    0x20u
#define PIT_CH0    0x40u
#define PIT_CMD    0x43u
#define PIT_HZ     1193182u     /* input clock of the 8254 */

/* ICW1..ICW4: edge-triggered, cascaded, 8086 mode; master at base,
 * slave at base + 8 on the master's IRQ 2. */
static void pic_remap(void)
{
	outb(PIC1_CMD, 0x11);
	outb(PIC2_CMD, 0x11);
	outb(PIC1_DATA, X86_IRQ_BASE);
	outb(PIC2_DATA, X86_IRQ_BASE + 8);
	outb(PIC1_DATA, 0x04);
	outb(PIC2_DATA, 0x02);
	outb(PIC1_DATA, 0x01);
	outb(PIC2_DATA, 0x01);
	outb(PIC1_DATA, 0xfe);      /* only IRQ 0 (PIT) unmasked */
	outb(PIC2_DATA, 0xff);
}

uint64_t hal_timer_init(uint32_t hz, const char **name)
{
	uint32_t divisor = PIT_HZ / hz;

	if (divisor > 0xffff)
		divisor = 0xffff;
	pic_remap();
	outb(PIT_CMD, 0x34);        /* channel 0, lo/hi byte, mode 2 (rate) */
	outb(PIT_CH0, divisor & 0xff);
	outb(PIT_CH0, divisor >> 8);
	*name = "pit";
	return (uint64_t)PIT_HZ * 1000 / divisor;
}

void hal_timer_ack(void)
{
	outb(PIC1_CMD, PIC_EOI);
}

/* ISR bit of a PIC: a spurious IRQ 7/15 has none and must not get an EOI. */
static int pic_in_service(uint16_t cmd, unsigned irq)
{
	outb(cmd, 0x0b);
	return (inb(cmd) >> irq) & 1;
}

void x86_irq(struct hal_frame *f)
{
	unsigned irq = (unsigned)(f->vector - X86_IRQ_BASE);

	if (irq == 0) {
		kernel_timer_tick(f);
		return;
	}
	if ((irq == 7 && !pic_in_service(PIC1_CMD, 7)) ||
	    (irq == 15 && !pic_in_service(PIC2_CMD, 7)))
		return;
	if (irq >= 8)
		outb(PIC2_CMD, PIC_EOI);
	outb(PIC1_CMD, PIC_EOI);
}
