/*
 * names.h - the name function of an X-macro list, generated.
 *
 * Every named enum of the project is declared from one list
 * X(NAME, "text"), its values in list order from 0 (status.h,
 * bootcfg.h, retune_policy.h, hal/trap.h, ...).  KH_NAME_FUNCTION defines
 * the matching `const char *fn(type)` from the same list, so a name cannot
 * drift from its value, and there is one out-of-range rule for all of
 * them: "unknown".
 *
 *   KH_NAME_FUNCTION(status_name, enum status, STATUS_LIST, STATUS_COUNT)
 */
#ifndef KH_NAMES_H
#define KH_NAMES_H

#define KH_NAME_TEXT(name, text) text,

#define KH_NAME_FUNCTION(fn, type, list, count)                             \
	const char *fn(type value)                                          \
	{                                                                   \
		static const char *const names[] = { list(KH_NAME_TEXT) }; \
		_Static_assert(sizeof(names) / sizeof(names[0]) == (count), \
			       #fn ": one name per value");                 \
		return (unsigned)value < (count) ? names[value] : "unknown"; \
	}

#endif
