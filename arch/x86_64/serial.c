/*
 * serial.c - COM1 (16550 UART at 0x3f8), 115200 8N1, polled.
 */
#include "hal/console.h"
#include "x86.h"

#define COM1        0x3f8u
#define UART_DATA   0u
#define UART_IER    1u
#define UART_FCR    2u
#define UART_LCR    3u
#define UART_MCR    4u
#define UART_LSR    5u
#define LSR_THRE    0x20u    /* transmit holding register empty */
#define LSR_DR      0x01u    /* a received byte is waiting */
#define LCR_DLAB    0x80u
#define LCR_8N1     0x03u

void hal_console_init(void)
{
	outb(COM1 + UART_IER, 0);            /* polled: no UART interrupts */
	outb(COM1 + UART_LCR, LCR_DLAB);
	outb(COM1 + UART_DATA, 1);           /* divisor 1: 115200 baud */
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, LCR_8N1);
	outb(COM1 + UART_FCR, 0xc7);         /* FIFOs on, cleared */
	outb(COM1 + UART_MCR, 0x03);         /* DTR, RTS */
}

void hal_console_putc(char c)
{
	while (!(inb(COM1 + UART_LSR) & LSR_THRE))
		;
	outb(COM1 + UART_DATA, (uint8_t)c);
}

int hal_console_getc(void)
{
	if (!(inb(COM1 + UART_LSR) & LSR_DR))
		return -1;
	return inb(COM1 + UART_DATA);
}
