/*
 * fdtw_walk.c - the device table from a flattened device tree.
 *
 * libfdt validates the header and steps through nodes and properties
 * (it bounds every offset it hands back); every property value is decoded
 * here, with its length checked before a byte is read.  One pass in
 * structure-block order keeps a per-depth stack: the path, the cells a
 * node declares for its children, and how its children's addresses reach
 * the CPU (identity, a slice of the ranges pool already translated to CPU
 * addresses, or not at all).  A skipped node marks its whole subtree.
 *
 * Translation is by address, as the devicetree specification's `ranges`
 * says: an entry [addr, addr + size) of a child address space is cut
 * into its intersections with each window of the parent (child, cpu,
 * size); each non-empty intersection is kept, moved by cpu - child.  A
 * part that lies in no window is dropped (a `clipped` warning when some
 * part was kept, `untranslatable` when none was).  This is the rule for
 * both `reg` entries (regions) and `ranges` entries (a bus window partly
 * inside its parent's keeps that part, and its subtree).
 */
#include <libfdt.h>

#include "fdtw_walk.h"
#include "names.h"
#include "fdtw_scan.h"
#include "line.h"

#define HEADER_BYTES 40u         /* struct fdt_header, version 17 */

enum xlate_kind {
	XLATE_IDENTITY,          /* child address == CPU address */
	XLATE_RANGES,            /* through range[] */
	XLATE_UNMAPPED,          /* no `ranges`: not CPU-visible */
};

struct xrange {
	uint64_t child, cpu, size;
};

struct level {
	uint32_t addr_cells, size_cells; /* declared for the children */
	uint8_t xlate;                   /* enum xlate_kind, for the children */
	bool skip;                       /* subtree not walked */
	bool cells_warned;
	uint16_t path_len;
	uint16_t rfirst, nranges;        /* the children's windows in rpool */
	uint16_t rtop;                   /* rpool entries in use up to here */
};

/* The properties the walk looks at; NULL when absent. */
struct node_props {
	const uint8_t *reg, *ranges, *compatible, *status, *device_type;
	int reg_len, ranges_len, compatible_len, status_len, device_type_len;
	const uint8_t *addr_cells, *size_cells;
	int addr_cells_len, size_cells_len;
};

struct walk {
	const void *fdt;
	struct fdtw_result *out;
	bool steps_spent;
	bool devices_full, regions_full, ranges_full;
	char path[FDTW_PATH_MAX];
	struct level lvl[FDTW_MAX_DEPTH + 1];
	struct xrange rpool[FDTW_RANGES_POOL];   /* a stack along the path */
};

KH_NAME_FUNCTION(fdtw_warn_name, enum fdtw_warn_what, FDTW_WARN_LIST, FDTW_WARN_COUNT)

/* --- small freestanding helpers ----------------------------------------- */

static bool str_eq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* Bounded copy that always terminates (cap > 0). */
static void str_copy(char *dst, const char *src, size_t cap)
{
	size_t i = 0;

	while (i + 1 < cap && src[i]) {
		dst[i] = src[i];
		i++;
	}
	dst[i] = '\0';
}

static void mem_zero(void *p, size_t n)
{
	uint8_t *b = p;

	while (n--)
		*b++ = 0;
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* A 1- or 2-cell big-endian number. */
static uint64_t read_cells(const uint8_t *p, uint32_t cells)
{
	return cells == 2 ? (uint64_t)be32(p) << 32 | be32(p + 4) : be32(p);
}

/* A string property must end in NUL inside its length. */
static bool string_prop_ok(const uint8_t *p, int len)
{
	return p == NULL || (len > 0 && p[len - 1] == '\0');
}

/* --- warnings ------------------------------------------------------------- */

static void warn(struct walk *w, const char *path, enum fdtw_warn_what what,
		 uint32_t detail)
{
	struct fdtw_result *out = w->out;
	struct fdtw_warning *wn;

	if (out->nwarn == FDTW_MAX_WARNINGS) {
		out->warn_dropped++;
		return;
	}
	wn = &out->warn[out->nwarn++];
	str_copy(wn->path, path, sizeof(wn->path));
	wn->what = (uint8_t)what;
	wn->detail = detail;
}

/* --- header --------------------------------------------------------------- */

static enum status map_libfdt_error(int err)
{
	switch (err) {
	case -FDT_ERR_BADMAGIC:   return STATUS_BAD_MAGIC;
	case -FDT_ERR_BADVERSION: return STATUS_BAD_VERSION;
	case -FDT_ERR_TRUNCATED:  return STATUS_BAD_LENGTH;
	case -FDT_ERR_ALIGNMENT:  return STATUS_MISALIGNED;
	default:                  return STATUS_BAD_IMAGE;
	}
}

static bool spans_overlap(uint32_t a, uint32_t alen, uint32_t b, uint32_t blen)
{
	return alen && blen && a < b + blen && b < a + alen;
}

/*
 * libfdt checks that each block lies inside totalsize, not that blocks
 * stay apart; a structure block that is also the strings block would make
 * names and tags alias.  Offsets are in bounds here (checked first), so
 * the sums cannot wrap.  The reserve map's length is not stored: it is
 * taken as running up to the next block.
 */
static bool blocks_overlap(const void *fdt)
{
	uint32_t rsv = fdt_off_mem_rsvmap(fdt);
	uint32_t st = fdt_off_dt_struct(fdt), st_len = fdt_size_dt_struct(fdt);
	uint32_t str = fdt_off_dt_strings(fdt), str_len = fdt_size_dt_strings(fdt);

	if (rsv < HEADER_BYTES || st < HEADER_BYTES || str < HEADER_BYTES)
		return true;
	if (spans_overlap(st, st_len, str, str_len))
		return true;
	/* The reserve map needs at least its terminating entry (16 bytes). */
	return spans_overlap(rsv, 16, st, st_len) ||
	       spans_overlap(rsv, 16, str, str_len);
}

static enum status check_blob(const void *blob, size_t buf_size, struct fdtw_scan *scan)
{
	int err;

	if ((uintptr_t)blob & 7)
		return STATUS_MISALIGNED;    /* libfdt's read-only calls refuse it */
	if (buf_size < HEADER_BYTES)
		return STATUS_BAD_LENGTH;
	if (fdt_magic(blob) != FDT_MAGIC)
		return STATUS_BAD_MAGIC;
	if (fdt_totalsize(blob) > buf_size || fdt_totalsize(blob) < HEADER_BYTES)
		return STATUS_BAD_LENGTH;
	err = fdt_check_header(blob);
	if (err)
		return map_libfdt_error(err);
	if (fdt_version(blob) < 17)
		return STATUS_BAD_VERSION;   /* v17 added the struct block's size */
	if (blocks_overlap(blob))
		return STATUS_OVERLAP;
	return fdtw_prescan(blob, scan);    /* before libfdt walks: fdtw_scan.h */
}

/* --- properties ----------------------------------------------------------- */

static void keep_prop(struct node_props *np, const char *name,
		      const uint8_t *val, int len)
{
	if (str_eq(name, "reg")) {
		np->reg = val; np->reg_len = len;
	} else if (str_eq(name, "ranges")) {
		np->ranges = val; np->ranges_len = len;
	} else if (str_eq(name, "compatible")) {
		np->compatible = val; np->compatible_len = len;
	} else if (str_eq(name, "status")) {
		np->status = val; np->status_len = len;
	} else if (str_eq(name, "device_type")) {
		np->device_type = val; np->device_type_len = len;
	} else if (str_eq(name, "#address-cells")) {
		np->addr_cells = val; np->addr_cells_len = len;
	} else if (str_eq(name, "#size-cells")) {
		np->size_cells = val; np->size_cells_len = len;
	}
}

/* Collects the node's properties; false (with a warning, or with the step
 * budget spent) if the node cannot be trusted. */
static bool read_props(struct walk *w, int node, struct node_props *np)
{
	int off;

	mem_zero(np, sizeof(*np));
	fdt_for_each_property_offset(off, w->fdt, node) {
		const char *name;
		int len;
		const void *val;

		if (++w->out->steps > FDTW_MAX_STEPS) {
			w->steps_spent = true;
			return false;
		}
		val = fdt_getprop_by_offset(w->fdt, off, &name, &len);
		if (val == NULL) {
			warn(w, w->path, FDTW_WARN_BAD_STRING, (uint32_t)-len);
			return false;
		}
		keep_prop(np, name, val, len);
	}
	if (off != -FDT_ERR_NOTFOUND) {
		warn(w, w->path, FDTW_WARN_BAD_STRUCTURE, (uint32_t)-off);
		return false;
	}
	return true;
}

/* Strings must be terminated and cell counts one cell long. */
static bool props_well_formed(struct walk *w, const struct node_props *np)
{
	if (!string_prop_ok(np->compatible, np->compatible_len) ||
	    !string_prop_ok(np->status, np->status_len) ||
	    !string_prop_ok(np->device_type, np->device_type_len)) {
		warn(w, w->path, FDTW_WARN_BAD_PROPERTY, 0);
		return false;
	}
	if ((np->addr_cells && np->addr_cells_len != 4) ||
	    (np->size_cells && np->size_cells_len != 4)) {
		warn(w, w->path, FDTW_WARN_BAD_PROPERTY, 4);
		return false;
	}
	return true;
}

static bool status_okay(const struct node_props *np)
{
	const char *s = (const char *)np->status;

	return s == NULL || str_eq(s, "okay") || str_eq(s, "ok");
}

/* "memory" or "memory@<unit>". */
static bool is_memory(const struct node_props *np, const char *name)
{
	const char *m = "memory";

	if (np->device_type && str_eq((const char *)np->device_type, "memory"))
		return true;
	while (*m && *name == *m) {
		m++;
		name++;
	}
	return *m == '\0' && (*name == '\0' || *name == '@');
}

/* --- translation ---------------------------------------------------------- */

static bool cells_valid(uint32_t cells)
{
	return cells == 1 || cells == 2;
}

/* The cells `parent` declares, warned once per parent if unusable. */
static bool parent_cells_ok(struct walk *w, struct level *parent,
			    const char *parent_path)
{
	if (cells_valid(parent->addr_cells) && cells_valid(parent->size_cells))
		return true;
	if (!parent->cells_warned) {
		parent->cells_warned = true;
		warn(w, parent_path, FDTW_WARN_BAD_CELLS,
		     cells_valid(parent->addr_cells) ? parent->size_cells
						      : parent->addr_cells);
	}
	return false;
}

/* The parts of [addr, addr + size) that lv's windows reach: fn(ctx,
 * child part start, its CPU address, its size) for each, in window
 * order.  Returns the bytes covered (size when nothing was clipped; 0:
 * untranslatable).  A zero-size entry is found by its address. */
typedef void (*piece_fn)(void *ctx, uint64_t child, uint64_t cpu, uint64_t size);

static uint64_t window_end(const struct xrange *r)
{
	return r->size > UINT64_MAX - r->child ? UINT64_MAX : r->child + r->size;
}

static uint64_t translate(const struct walk *w, const struct level *lv, uint64_t addr,
			  uint64_t size, piece_fn fn, void *ctx, bool *any)
{
	uint64_t end = addr + size, covered = 0;

	*any = false;
	if (size > UINT64_MAX - addr)
		return 0;                       /* wraps: no address range */
	if (lv->xlate == XLATE_IDENTITY) {
		*any = true;
		fn(ctx, addr, addr, size);
		return size;
	}
	for (unsigned i = 0; lv->xlate == XLATE_RANGES && i < lv->nranges; i++) {
		const struct xrange *r = &w->rpool[lv->rfirst + i];
		uint64_t lo = addr > r->child ? addr : r->child;
		uint64_t hi = end < window_end(r) ? end : window_end(r);

		if (size == 0 ? (addr >= r->child && addr < window_end(r)) : lo < hi) {
			*any = true;
			fn(ctx, lo, r->cpu + (lo - r->child), hi - lo);
			covered += hi - lo;
			if (size == 0)
				break;
		}
	}
	return covered;
}

/* After translate(): the warning an entry earns, if any. */
static void translate_verdict(struct walk *w, bool any, uint64_t covered, uint64_t size,
			      uint32_t index)
{
	if (!any)
		warn(w, w->path, FDTW_WARN_UNTRANSLATABLE, index);
	else if (covered < size)
		warn(w, w->path, FDTW_WARN_CLIPPED, index);
}

/* Pushes one translated window of `self` onto the ranges pool. */
struct range_ctx {
	struct walk *w;
	struct level *self;
	uint32_t n;
};

static void push_range(void *ctx, uint64_t child, uint64_t cpu, uint64_t size)
{
	struct range_ctx *c = ctx;
	struct walk *w = c->w;

	if (c->self->rtop == FDTW_RANGES_POOL) {
		if (!w->ranges_full)
			warn(w, w->path, FDTW_WARN_TRUNCATED_RANGES, c->n);
		w->ranges_full = true;
		return;
	}
	w->rpool[c->self->rtop++] = (struct xrange){ child, cpu, size };
	c->self->nranges++;
}

/* Decodes a non-empty `ranges` of `self` into CPU-address windows. */
static void decode_ranges(struct walk *w, struct level *self,
			  const struct level *parent,
			  const struct node_props *np)
{
	uint32_t ca = self->addr_cells, cs = self->size_cells;
	uint32_t pa = parent->addr_cells;
	uint32_t entry = (ca + pa + cs) * 4, n, i;
	struct range_ctx ctx = { w, self, 0 };

	self->xlate = XLATE_RANGES;
	if ((uint32_t)np->ranges_len % entry != 0) {
		warn(w, w->path, FDTW_WARN_BAD_RANGES, (uint32_t)np->ranges_len);
		self->xlate = XLATE_UNMAPPED;
		return;
	}
	n = ctx.n = (uint32_t)np->ranges_len / entry;
	for (i = 0; i < n; i++) {
		const uint8_t *e = np->ranges + i * entry;
		uint64_t child = read_cells(e, ca), size = read_cells(e + 4 * (ca + pa), cs);
		uint64_t at = self->rtop, covered;
		bool any;

		/* The parent's windows see the parent address; each piece is
		 * moved back into the child's space by its offset. */
		covered = translate(w, parent, read_cells(e + 4 * ca, pa), size, push_range,
				    &ctx, &any);
		for (; at < self->rtop; at++) {
			struct xrange *r = &w->rpool[at];
			uint64_t off = r->child - read_cells(e + 4 * ca, pa);

			r->child = child + off;
		}
		translate_verdict(w, any, covered, size, i);
	}
}

/*
 * How the children of `self` reach the CPU: not at all without `ranges`
 * (or below such a bus), like the parent's children with empty `ranges`,
 * else through the decoded entries.
 */
static void set_child_xlate(struct walk *w, struct level *self,
			    struct level *parent, const char *parent_path,
			    const struct node_props *np)
{
	self->nranges = 0;
	self->rfirst = self->rtop = parent->rtop;
	self->xlate = XLATE_UNMAPPED;
	if (parent->xlate == XLATE_UNMAPPED || np->ranges == NULL)
		return;
	if (np->ranges_len == 0) {
		self->xlate = parent->xlate;      /* the parent's windows, shared */
		self->rfirst = parent->rfirst;
		self->nranges = parent->nranges;
		return;
	}
	if (!parent_cells_ok(w, parent, parent_path))
		return;
	if (!cells_valid(self->addr_cells) || !cells_valid(self->size_cells)) {
		warn(w, w->path, FDTW_WARN_BAD_CELLS,
		     cells_valid(self->addr_cells) ? self->size_cells
						    : self->addr_cells);
		self->cells_warned = true;
		return;
	}
	decode_ranges(w, self, parent, np);
}

/* --- devices -------------------------------------------------------------- */

/* Appends one translated region to device d (the pool's next entry). */
struct region_ctx {
	struct walk *w;
	struct fdtw_device *d;
};

static void push_region(void *ctx, uint64_t child, uint64_t cpu, uint64_t size)
{
	struct region_ctx *c = ctx;
	struct fdtw_result *out = c->w->out;

	(void)child;
	out->regions_wanted++;
	if (out->nregions_used == out->region_cap || c->d->nregions == UINT16_MAX) {
		if (!c->w->regions_full)
			warn(c->w, c->w->path, FDTW_WARN_TRUNCATED_REGIONS, out->nregions_used);
		c->w->regions_full = true;
		return;
	}
	out->regions[out->nregions_used++] = (struct fdtw_region){ cpu, size };
	c->d->nregions++;
}

static void decode_regions(struct walk *w, struct fdtw_device *d,
			   const struct level *parent,
			   const struct node_props *np)
{
	uint32_t ac = parent->addr_cells, sc = parent->size_cells;
	uint32_t entry = (ac + sc) * 4, n, i;
	struct region_ctx ctx = { w, d };

	if ((uint32_t)np->reg_len % entry != 0) {
		warn(w, w->path, FDTW_WARN_BAD_REG, (uint32_t)np->reg_len);
		return;
	}
	n = (uint32_t)np->reg_len / entry;
	if (w->out->regions)
		d->region = &w->out->regions[w->out->nregions_used];
	for (i = 0; i < n; i++) {
		const uint8_t *e = np->reg + i * entry;
		uint64_t size = read_cells(e + 4 * ac, sc), covered;
		bool any;

		covered = translate(w, parent, read_cells(e, ac), size, push_region, &ctx, &any);
		translate_verdict(w, any, covered, size, i);
	}
}

/* Records the node if its reg yields at least one CPU-visible region;
 * regions of a node that is not kept go back to the pool. */
static void add_device(struct walk *w, int depth, struct level *parent,
		       const char *parent_path, const struct node_props *np)
{
	struct fdtw_result *out = w->out;
	struct fdtw_device scratch, *d = &scratch;
	uint32_t used = out->nregions_used;

	if (np->reg == NULL || parent->xlate == XLATE_UNMAPPED)
		return;
	if (!parent_cells_ok(w, parent, parent_path))
		return;
	if (out->ndev < out->dev_cap)
		d = &out->dev[out->ndev];
	mem_zero(d, sizeof(*d));
	str_copy(d->path, w->path, sizeof(d->path));
	if (np->compatible)
		str_copy(d->compatible, (const char *)np->compatible,
			 sizeof(d->compatible));
	d->depth = (uint8_t)depth;
	decode_regions(w, d, parent, np);
	if (d->nregions == 0)
		return;
	out->dev_wanted++;
	if (d != &scratch) {
		out->ndev++;
		return;
	}
	out->nregions_used = used;      /* a device not kept keeps no region */
	if (!w->devices_full)
		warn(w, w->path, FDTW_WARN_TRUNCATED_DEVICES, out->ndev);
	w->devices_full = true;
}

/* --- the walk ------------------------------------------------------------- */

/* Appends "/name" to the parent's path; false if it does not fit. */
static bool push_path(struct walk *w, struct level *self,
		      const struct level *parent, const char *name, int len)
{
	size_t at = parent->path_len;

	if (at == 1)
		at = 0;                /* the root is "/", not a prefix "/" */
	if (len < 0 || at + 1 + (size_t)len + 1 > FDTW_PATH_MAX)
		return false;
	w->path[at] = '/';
	for (int i = 0; i < len; i++)
		w->path[at + 1 + (size_t)i] = name[i];
	self->path_len = (uint16_t)(at + 1 + (size_t)len);
	w->path[self->path_len] = '\0';
	return true;
}

static void enter_root(struct level *root, const struct node_props *np)
{
	root->xlate = XLATE_IDENTITY;   /* the root's children: CPU addresses */
	root->nranges = root->rfirst = root->rtop = 0;
	root->addr_cells = np->addr_cells ? be32(np->addr_cells) : 2;
	root->size_cells = np->size_cells ? be32(np->size_cells) : 1;
}

/* A node below the root whose path is in w->path. */
static void enter_child(struct walk *w, int depth, struct level *self,
			struct level *parent, const char *parent_path,
			const char *name, const struct node_props *np)
{
	self->addr_cells = np->addr_cells ? be32(np->addr_cells) : 2;
	self->size_cells = np->size_cells ? be32(np->size_cells) : 1;
	if (!status_okay(np)) {
		w->out->ndisabled++;
		self->skip = true;
		return;
	}
	if ((depth == 1 && str_eq(name, "cpus")) || is_memory(np, name)) {
		self->skip = true;
		return;
	}
	set_child_xlate(w, self, parent, parent_path, np);
	add_device(w, depth, parent, parent_path, np);
}

static void visit(struct walk *w, int node, int depth)
{
	struct level *self, *parent;
	char parent_path[FDTW_PATH_MAX];
	struct node_props np;
	const char *name;
	int len;

	if (depth > FDTW_MAX_DEPTH) {
		if (depth == FDTW_MAX_DEPTH + 1 && !w->lvl[FDTW_MAX_DEPTH].skip)
			warn(w, w->path, FDTW_WARN_TOO_DEEP, (uint32_t)depth);
		return;
	}
	self = &w->lvl[depth];
	parent = depth > 0 ? &w->lvl[depth - 1] : NULL;
	mem_zero(self, sizeof(*self));
	if (parent && parent->skip) {
		self->skip = true;
		return;
	}
	name = fdt_get_name(w->fdt, node, &len);
	if (parent) {
		w->path[parent->path_len] = '\0';
		str_copy(parent_path, w->path, sizeof(parent_path));
		if (name == NULL || !push_path(w, self, parent, name, len)) {
			warn(w, parent_path, name ? FDTW_WARN_PATH_TOO_LONG
						  : FDTW_WARN_BAD_STRUCTURE,
			     name ? (uint32_t)len : (uint32_t)-len);
			self->skip = true;
			return;
		}
	} else {
		str_copy(w->path, "/", sizeof(w->path));
		self->path_len = 1;
	}
	if (!read_props(w, node, &np) || !props_well_formed(w, &np)) {
		self->skip = true;
		return;
	}
	if (parent)
		enter_child(w, depth, self, parent, parent_path, name, &np);
	else
		enter_root(self, &np);
}

void fdtw_result_init(struct fdtw_result *r, struct fdtw_device *dev, uint32_t dev_cap,
		      struct fdtw_region *reg, uint32_t reg_cap)
{
	mem_zero(r, sizeof(*r));
	r->dev = dev;
	r->dev_cap = dev_cap > UINT16_MAX ? UINT16_MAX : dev_cap;
	r->regions = reg;
	r->region_cap = reg_cap;
}

enum status fdtw_measure(const void *blob, size_t buf_size, uint32_t *dev_cap,
			 uint32_t *reg_cap)
{
	struct fdtw_scan scan;
	enum status st;

	if (blob == NULL || dev_cap == NULL || reg_cap == NULL)
		return STATUS_INVALID_ARGUMENT;
	if ((st = check_blob(blob, buf_size, &scan)))
		return st;
	*dev_cap = scan.nodes;
	*reg_cap = scan.prop_bytes / 8u + scan.nodes;
	return STATUS_OK;
}

/* Empties the tables, keeping the caller's storage. */
static void result_reset(struct fdtw_result *out)
{
	struct fdtw_result keep = *out;

	fdtw_result_init(out, keep.dev, keep.dev_cap, keep.regions, keep.region_cap);
}

enum status fdtw_walk(const void *blob, size_t buf_size, struct fdtw_result *out)
{
	static struct walk w;    /* ~7.5 KiB: off the (small) guest stack */
	struct fdtw_scan scan;
	enum status st;
	int node, depth = -1;

	if (blob == NULL || out == NULL || (out->dev_cap && !out->dev) ||
	    (out->region_cap && !out->regions))
		return STATUS_INVALID_ARGUMENT;
	st = check_blob(blob, buf_size, &scan);
	if (st)
		return st;
	result_reset(out);
	mem_zero(&w, sizeof(w));
	w.fdt = blob;
	w.out = out;
	for (node = fdt_next_node(blob, -1, &depth); node >= 0 && depth >= 0;
	     node = fdt_next_node(blob, node, &depth)) {
		if (++out->steps > FDTW_MAX_STEPS)
			w.steps_spent = true;
		if (w.steps_spent) {
			warn(&w, "/", FDTW_WARN_TRUNCATED_STEPS, FDTW_MAX_STEPS);
			return STATUS_OK;
		}
		out->nnodes++;
		visit(&w, node, depth);
	}
	if (node < 0 && node != -FDT_ERR_NOTFOUND) {
		warn(&w, "/", FDTW_WARN_BAD_STRUCTURE, (uint32_t)-node);
		return STATUS_BAD_IMAGE;
	}
	return STATUS_OK;
}
