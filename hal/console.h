/*
 * hal/console.h - the kernel's one output device (x86_64: COM1 at
 * 115200 8N1; ColdFire: UART0).  Polled, so it works before interrupts,
 * inside a panic, and with interrupts off.
 */
#ifndef HAL_CONSOLE_H
#define HAL_CONSOLE_H

/* Programs the device.  Idempotent; may be called before anything else. */
void hal_console_init(void);

/* Writes one byte, waiting until the device accepts it.  '\n' is sent as
 * is: the port adds '\r' if its terminal needs one. */
void hal_console_putc(char c);

/* A byte typed on the console, or -1 if none is waiting (polled from the
 * timer tick: the kernel's only console input is the status key). */
int hal_console_getc(void);

#endif
