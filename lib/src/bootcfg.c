/* bootcfg.c - (being written) */
