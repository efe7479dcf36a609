/*
 * cap.c - capability type names and the manifest's grant list.
 */
#include <stdbool.h>
#include "cap.h"

static const char *const cap_names[CAP_TYPE_COUNT] = {
#define CAP_TYPE_NAME(name, text) [CAP_##name] = text,
	CAP_TYPE_LIST(CAP_TYPE_NAME)
#undef CAP_TYPE_NAME
};

const char *cap_type_name(enum cap_type t)
{
	if ((unsigned)t >= CAP_TYPE_COUNT)
		return "unknown";
	return cap_names[t];
}

static bool name_is(const char *s, unsigned len, const char *name)
{
	unsigned i = 0;

	for (; i < len; i++)
		if (name[i] != s[i])
			return false;
	return name[i] == '\0';
}

/* Type named by s[0, len); "null" is not grantable. */
static enum status lookup(const char *s, unsigned len, enum cap_type *t)
{
	for (unsigned i = CAP_NULL + 1; i < CAP_TYPE_COUNT; i++) {
		if (name_is(s, len, cap_names[i])) {
			*t = (enum cap_type)i;
			return STATUS_OK;
		}
	}
	return STATUS_NOT_FOUND;
}

enum status cap_parse_grants(const char *s, unsigned max, uint32_t *mask)
{
	uint32_t m = 0;
	unsigned at = 0;

	if (!s || !mask)
		return STATUS_INVALID_ARGUMENT;
	while (at < max && s[at]) {
		unsigned len = 0;
		enum cap_type t;
		while (at + len < max && s[at + len] && s[at + len] != ',')
			len++;
		if (!len || at + len == max)
			return STATUS_INVALID_ARGUMENT;
		if (lookup(s + at, len, &t))
			return STATUS_NOT_FOUND;
		m |= 1u << t;
		at += len;
		if (s[at] == ',' && (++at == max || !s[at]))
			return STATUS_INVALID_ARGUMENT;   /* trailing comma */
	}
	if (at == max)
		return STATUS_INVALID_ARGUMENT;
	*mask = m;
	return STATUS_OK;
}
