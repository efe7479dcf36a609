/*
 * start.c (musl) - what __libc_start_main calls instead of main: main()
 * then our exit (see crt0.S).  stdio is not flushed: our programs print
 * with kh_printf or snprintf + kh_console_write, never through FILE.
 */
#include "kh_user.h"

int kh_musl_main(int argc, char **argv, char **envp);

int kh_musl_main(int argc, char **argv, char **envp)
{
	(void)argc;
	(void)argv;
	(void)envp;
	kh_exit(main());
}
