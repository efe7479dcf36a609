/* pool.c - (being written) */
