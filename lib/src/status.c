/* status.c - names for the status enum, generated from STATUS_LIST. */
#include "status.h"

static const char *const status_names[STATUS_COUNT] = {
#define STATUS_NAME(name, text) [STATUS_##name] = text,
	STATUS_LIST(STATUS_NAME)
#undef STATUS_NAME
};

const char *status_name(enum status st)
{
	if ((unsigned)st >= STATUS_COUNT)
		return "unknown";
	return status_names[st];
}
