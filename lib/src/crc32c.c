/* crc32c.c - (being written) */
