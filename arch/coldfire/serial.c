/*
 * serial.c - the console on UART0, polled.  QEMU's UART only sends once
 * the transmitter is enabled in UCR, so init must run before any output;
 * hal_console_putc() enables it on first use as well (a panic before
 * init still prints).
 */
#include "hal/arch.h"
#include "cf.h"

#define TX_POLL_LIMIT 1000000u

static int tx_on;

void hal_console_init(void)
{
	cf_write8(CF_UART0 + CF_UART_UCR, CF_UCR_TX_ON | CF_UCR_RX_ON);
	tx_on = 1;
}

int hal_console_getc(void)
{
	if (!tx_on || !(cf_read8(CF_UART0 + CF_UART_USR) & CF_USR_RXRDY))
		return -1;
	return cf_read8(CF_UART0 + CF_UART_URB);
}

static void put_raw(char c)
{
	/* Bounded: a wedged UART must not hang a panic path forever. */
	for (uint32_t i = 0; i < TX_POLL_LIMIT; i++)
		if (cf_read8(CF_UART0 + CF_UART_USR) & CF_USR_TXRDY)
			break;
	cf_write8(CF_UART0 + CF_UART_UTB, (uint8_t)c);
}

void hal_console_putc(char c)
{
	if (!tx_on)
		hal_console_init();
	if (c == '\n')
		put_raw('\r');
	put_raw(c);
}

/* Waits until the last byte has left (before a reset). */
void cf_uart_drain(void)
{
	for (uint32_t i = 0; i < TX_POLL_LIMIT; i++)
		if (cf_read8(CF_UART0 + CF_UART_USR) & CF_USR_TXEMP)
			return;
}
