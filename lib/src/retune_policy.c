/* retune_policy.c - (being written) */
