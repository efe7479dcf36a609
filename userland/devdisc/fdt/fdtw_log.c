/*
 * fdtw_log.c - the FDT walk's log lines (fdtw_log.h) into a caller
 * buffer, through the line builder (line/line.h).
 */
#include "fdtw_log.h"
#include "line.h"

static void put_device(struct line_buf *lb, const void *obj)
{
	const struct fdtw_device *d = obj;

	line_str(lb, "devdisc: found node=");
	line_str(lb, d->path);
	line_str(lb, " compatible=");
	line_str(lb, d->compatible[0] ? d->compatible : "none");
	line_key_dec(lb, " regions=", d->nregions);
	line_char(lb, '\n');
	for (unsigned i = 0; i < d->nregions; i++) {
		line_str(lb, "devdisc: region node=");
		line_str(lb, d->path);
		line_key_dec(lb, " index=", i);
		line_str(lb, " addr=0x");
		line_hex(lb, d->region[i].base, 1);
		line_key_dec(lb, " size=", d->region[i].size);
		line_char(lb, '\n');
	}
}

enum status fdtw_format_device(const struct fdtw_device *d, char *buf,
			       size_t cap, size_t *len)
{
	return line_format(put_device, d, buf, cap, len);
}

static void put_warning(struct line_buf *lb, const char *path,
			const char *what, uint32_t detail)
{
	line_str(lb, "devdisc: warning node=");
	line_str(lb, path);
	line_str(lb, " what=");
	line_str(lb, what);
	line_key_dec(lb, " detail=", detail);
	line_char(lb, '\n');
}

static void put_warning_of(struct line_buf *lb, const void *obj)
{
	const struct fdtw_warning *w = obj;

	put_warning(lb, w->path, fdtw_warn_name((enum fdtw_warn_what)w->what), w->detail);
}

enum status fdtw_format_warning(const struct fdtw_warning *w, char *buf,
				size_t cap, size_t *len)
{
	return line_format(put_warning_of, w, buf, cap, len);
}

/* Every device with its regions, every warning, then the dropped ones. */
static void put_walk(struct line_buf *lb, const void *obj)
{
	const struct fdtw_result *r = obj;

	for (unsigned i = 0; i < r->ndev && i < r->dev_cap; i++)
		put_device(lb, &r->dev[i]);
	for (unsigned i = 0; i < r->nwarn && i < FDTW_MAX_WARNINGS; i++)
		put_warning_of(lb, &r->warn[i]);
	if (r->warn_dropped)
		put_warning(lb, "/", "truncated-warnings", r->warn_dropped);
}

enum status fdtw_format_walk(const struct fdtw_result *r, char *buf,
			     size_t cap, size_t *len)
{
	return line_format(put_walk, r, buf, cap, len);
}
