/*
 * bootcfg - inspect and edit a boot-config store (docs/bootcfg.md).
 *
 *   bootcfg init STORE [--force]
 *   bootcfg show STORE [--json]
 *   bootcfg log STORE [--json]
 *   bootcfg plot STORE OUT.svg
 *   bootcfg set STORE key=value... [--force]
 *   bootcfg log-append STORE key=value...
 *
 * The format lives only in the shared codec (lib/src/bootcfg.c); this
 * file reads and writes files and prints.  Like the real writer it
 * rewrites one slot (or one log record) in place and never the other.
 * Every failure is one line on stderr, "bootcfg: <what>: <why>", and one
 * of the exit codes below.
 */
#define _GNU_SOURCE     /* F_OFD_GETLK: the lock kind QEMU takes */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bootcfg.h"
#include "plot.h"

enum exit_code {
	EXIT_OK = 0,
	EXIT_USAGE = 1,     /* bad command line */
	EXIT_IO = 2,        /* a file could not be read or written */
	EXIT_CORRUPT = 3,   /* store has no valid slot, is too short or unrecognisable */
	EXIT_INVALID = 4,   /* invalid key or value, or the result would not validate */
	EXIT_REFUSED = 5,   /* init over a file that holds a valid store */
};

static const char usage_text[] =
	"usage: bootcfg COMMAND STORE [ARGS]\n"
	"  init STORE [--force]           create a 64 KiB store: slot A = defaults,\n"
	"                                 generation 1; refuses to overwrite a file\n"
	"                                 that is not blank unless --force\n"
	"  show STORE [--json]            both slots, which one is current and why\n"
	"  log STORE [--json]             the retune log, oldest first, with the\n"
	"                                 generation and slot of each record's blob\n"
	"  plot STORE OUT.svg             the retune log as a chart (N, need, reboots)\n"
	"  set STORE key=value... [--force]\n"
	"                                 write the next slot (generation + 1) with\n"
	"                                 these keys changed; --force starts from\n"
	"                                 defaults when no slot is valid; appends a\n"
	"                                 log record (reason manual unless given);\n"
	"                                 warns when a running QEMU holds the store\n"
	"  log-append STORE key=value...  append a retune-log record\n"
	"set keys: pool headroom hard_cap pending_target attempts boot_count\n"
	"          last_reason fingerprint guard_fingerprint (fingerprints in hex)\n"
	"log-append keys: boot old new need reason reboot(yes|no) trigger(bb:dd.f|-)\n"
	"          fingerprint\n"
	"reasons: none init manual grow shrink give-up cured\n"
	"exit codes: 0 ok, 1 usage, 2 I/O error, 3 store has no valid slot\n"
	"  (corrupt, too short or unrecognisable), 4 invalid key or value,\n"
	"  5 init refused: the file holds a valid store (use --force)\n";

/* ---- errors ---------------------------------------------------------- */

static int fail(int code, const char *what, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "bootcfg: %s: ", what);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

static int usage_error(const char *why)
{
	return fail(EXIT_USAGE, "usage", "%s (see bootcfg --help)", why);
}

/* ---- files ----------------------------------------------------------- */

struct store {
	const char *path;
	uint8_t image[BOOTCFG_STORE_BYTES];
	off_t file_bytes;
};

/* Reads the store part of the file; a short file is a corrupt store. */
static int read_store(struct store *s)
{
	int fd = open(s->path, O_RDONLY);
	struct stat sb;

	if (fd < 0)
		return fail(EXIT_IO, s->path, "%s", strerror(errno));
	if (fstat(fd, &sb) < 0) {
		close(fd);
		return fail(EXIT_IO, s->path, "%s", strerror(errno));
	}
	s->file_bytes = sb.st_size;
	memset(s->image, 0, sizeof(s->image));
	ssize_t got = pread(fd, s->image, sizeof(s->image), 0);
	int err = errno;
	close(fd);
	if (got < 0)
		return fail(EXIT_IO, s->path, "%s", strerror(err));
	if ((size_t)got < sizeof(s->image))
		return fail(EXIT_CORRUPT, s->path,
			    "store is %zd bytes, shorter than the %u a store needs",
			    got, BOOTCFG_STORE_BYTES);
	return EXIT_OK;
}

static int write_at(const char *path, off_t offset, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY);

	if (fd < 0)
		return fail(EXIT_IO, path, "%s", strerror(errno));
	ssize_t put = pwrite(fd, data, len, offset);
	int err = errno;
	if (put == (ssize_t)len && fsync(fd) < 0)
		err = errno, put = -1;
	close(fd);
	if (put != (ssize_t)len)
		return fail(EXIT_IO, path, "write failed: %s",
			    put < 0 ? strerror(err) : "short write");
	return EXIT_OK;
}

static int create_file(const char *path, const uint8_t *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return fail(EXIT_IO, path, "%s", strerror(errno));
	close(fd);
	return write_at(path, 0, data, len);
}

/* ---- value parsing --------------------------------------------------- */

/* Decimal, or hex with 0x; no sign, no junk, at most max. */
static bool parse_number(const char *text, uint64_t max, uint64_t *out)
{
	int base = 10;
	char *end;

	if (text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
		base = 16;
		text += 2;
	}
	if (!*text || !strchr("0123456789abcdefABCDEF", *text) ||
	    (base == 10 && !strchr("0123456789", *text)))
		return false;
	errno = 0;
	unsigned long long v = strtoull(text, &end, base);
	if (errno || *end || v > max)
		return false;
	*out = v;
	return true;
}

/* Fingerprints are hex with or without 0x, as `show` prints them. */
static bool parse_hex64(const char *text, uint64_t *out)
{
	char buf[24];

	if (text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
		text += 2;
	if (strlen(text) > 16)
		return false;
	snprintf(buf, sizeof(buf), "0x%s", text);
	return parse_number(buf, UINT64_MAX, out);
}

static bool parse_u32(const char *text, uint32_t *out)
{
	uint64_t v;

	if (!parse_number(text, UINT32_MAX, &v))
		return false;
	*out = (uint32_t)v;
	return true;
}

static bool parse_reason(const char *text, uint32_t *out)
{
	enum bootcfg_reason r;

	if (bootcfg_reason_parse(text, &r))
		return false;
	*out = (uint32_t)r;
	return true;
}

static bool parse_yes_no(const char *text, uint8_t *out)
{
	if (!strcmp(text, "yes") || !strcmp(text, "1"))
		*out = 1;
	else if (!strcmp(text, "no") || !strcmp(text, "0"))
		*out = 0;
	else
		return false;
	return true;
}

/* "-", "bb:dd.f", "ssss:bb:dd.f" (hex, as lspci prints) or a raw number. */
static bool parse_trigger(const char *text, uint32_t *out)
{
	unsigned seg = 0, bus, dev, fn;
	int used = 0;

	if (!strcmp(text, "-")) {
		*out = BOOTCFG_TRIGGER_NONE;
		return true;
	}
	if (sscanf(text, "%4x:%2x:%2x.%1x%n", &seg, &bus, &dev, &fn, &used) == 4 ||
	    (seg = 0, sscanf(text, "%2x:%2x.%1x%n", &bus, &dev, &fn, &used) == 3)) {
		if (text[used] || dev > 31 || fn > 7)
			return false;
		*out = seg << 16 | bus << 8 | dev << 3 | fn;
		return true;
	}
	return parse_u32(text, out);
}

static void format_trigger(uint32_t t, char *buf, size_t len)
{
	unsigned seg = t >> 16, bus = (t >> 8) & 0xff, dev = (t >> 3) & 31, fn = t & 7;

	if (t == BOOTCFG_TRIGGER_NONE)
		snprintf(buf, len, "-");
	else if (seg)
		snprintf(buf, len, "%04x:%02x:%02x.%x", seg, bus, dev, fn);
	else
		snprintf(buf, len, "%02x:%02x.%x", bus, dev, fn);
}

/* Splits "key=value"; the '=' in arg is replaced by a NUL. */
static int split_key_value(char *arg, const char **key, const char **value)
{
	char *eq = strchr(arg, '=');

	if (!eq || eq == arg)
		return fail(EXIT_INVALID, arg, "expected key=value");
	*eq = '\0';
	*key = arg;
	*value = eq + 1;
	return EXIT_OK;
}

/* ---- set: keys of the blob ------------------------------------------- */

static int apply_blob_key(struct bootcfg *c, const char *key, const char *value,
			  bool *reason_set)
{
	bool ok;

	if (!strcmp(key, "pool"))
		ok = parse_u32(value, &c->pool_frames);
	else if (!strcmp(key, "headroom"))
		ok = parse_u32(value, &c->headroom_frames);
	else if (!strcmp(key, "hard_cap"))
		ok = parse_u32(value, &c->hard_cap_frames);
	else if (!strcmp(key, "pending_target"))
		ok = parse_u32(value, &c->pending_target);
	else if (!strcmp(key, "attempts"))
		ok = parse_u32(value, &c->attempts);
	else if (!strcmp(key, "boot_count"))
		ok = parse_u32(value, &c->boot_count);
	else if (!strcmp(key, "last_reason"))
		ok = (*reason_set = parse_reason(value, &c->last_reason));
	else if (!strcmp(key, "fingerprint"))
		ok = parse_hex64(value, &c->fingerprint);
	else if (!strcmp(key, "guard_fingerprint"))
		ok = parse_hex64(value, &c->guard_fingerprint);
	else if (!strcmp(key, "generation"))
		return fail(EXIT_INVALID, key, "set by the writer (current + 1), not settable");
	else
		return fail(EXIT_INVALID, key, "unknown key");
	if (!ok)
		return fail(EXIT_INVALID, key, "invalid value '%s'", value);
	return EXIT_OK;
}

static const char *bound_text(enum status st)
{
	switch (st) {
	case STATUS_BAD_POOL:     return "pool must be in [16, 4194304] and <= hard_cap";
	case STATUS_BAD_HEADROOM: return "headroom must be <= 4194304";
	case STATUS_BAD_HARD_CAP: return "hard_cap must be in [16, 16777216]";
	case STATUS_BAD_PENDING:  return "pending_target must be 0 or in [16, hard_cap]";
	case STATUS_BAD_ATTEMPTS: return "attempts must be <= 16";
	case STATUS_BAD_REASON:   return "last_reason must be a known reason";
	default:                  return "out of bounds";
	}
}

/* The parsed command line after COMMAND STORE. */
struct args {
	bool force, json;
	char **pairs;           /* key=value arguments, in order */
	int npairs;
};

/* ---- show ------------------------------------------------------------ */

static void print_json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void print_cfg_text(const struct bootcfg *c)
{
	printf("  generation=%" PRIu64 "\n  pool=%" PRIu32 "\n  headroom=%" PRIu32
	       "\n  hard_cap=%" PRIu32 "\n  pending_target=%" PRIu32
	       "\n  attempts=%" PRIu32 "\n  boot_count=%" PRIu32
	       "\n  last_reason=%s\n  fingerprint=%016" PRIx64
	       "\n  guard_fingerprint=%016" PRIx64 "\n",
	       c->generation, c->pool_frames, c->headroom_frames,
	       c->hard_cap_frames, c->pending_target, c->attempts, c->boot_count,
	       bootcfg_reason_name(c->last_reason), c->fingerprint,
	       c->guard_fingerprint);
}

static void print_cfg_json(const struct bootcfg *c)
{
	printf("{\"generation\":%" PRIu64 ",\"pool\":%" PRIu32 ",\"headroom\":%" PRIu32
	       ",\"hard_cap\":%" PRIu32 ",\"pending_target\":%" PRIu32
	       ",\"attempts\":%" PRIu32 ",\"boot_count\":%" PRIu32
	       ",\"last_reason\":\"%s\",\"fingerprint\":\"%016" PRIx64
	       "\",\"guard_fingerprint\":\"%016" PRIx64 "\"}",
	       c->generation, c->pool_frames, c->headroom_frames,
	       c->hard_cap_frames, c->pending_target, c->attempts, c->boot_count,
	       bootcfg_reason_name(c->last_reason), c->fingerprint,
	       c->guard_fingerprint);
}

/* What one slot is, seen from the selection. */
struct slot_view {
	enum bootcfg_slot slot;
	enum status status;
	bool current;
	const char *why_not;     /* NULL when current */
	struct bootcfg cfg;      /* valid when status == OK */
};

static void view_slot(const struct store *s, const struct bootcfg_choice *ch,
		      enum bootcfg_slot slot, struct slot_view *v)
{
	v->slot = slot;
	v->status = bootcfg_decode(s->image + BOOTCFG_SLOT_OFFSET(slot),
				   BOOTCFG_SLOT_BYTES, &v->cfg);
	v->current = ch->slot == slot;
	if (v->current)
		v->why_not = NULL;
	else if (v->status != STATUS_OK)
		v->why_not = status_name(v->status);
	else if (v->cfg.generation == ch->cfg.generation)
		v->why_not = "same-generation-a-wins";
	else
		v->why_not = "older-generation";
}

static void show_text(const struct store *s, const struct bootcfg_choice *ch,
		      const struct slot_view v[2])
{
	printf("store=%s current=%s pick=%s generation=%" PRIu64 "\n", s->path,
	       bootcfg_slot_name(ch->slot), bootcfg_pick_name(ch->pick),
	       ch->cfg.generation);
	for (int i = 0; i < 2; i++) {
		printf("slot=%s status=%s current=%s", bootcfg_slot_name(v[i].slot),
		       status_name(v[i].status), v[i].current ? "yes" : "no");
		if (v[i].why_not)
			printf(" why=%s", v[i].why_not);
		putchar('\n');
		if (v[i].status == STATUS_OK)
			print_cfg_text(&v[i].cfg);
	}
	if (ch->slot == BOOTCFG_SLOT_DEFAULT) {
		printf("defaults:\n");
		print_cfg_text(&ch->cfg);
	}
}

static void show_json(const struct store *s, const struct bootcfg_choice *ch,
		      const struct slot_view v[2])
{
	printf("{\"store\":");
	print_json_string(s->path);
	printf(",\"current\":\"%s\",\"pick\":\"%s\",\"slots\":[",
	       bootcfg_slot_name(ch->slot), bootcfg_pick_name(ch->pick));
	for (int i = 0; i < 2; i++) {
		printf("%s{\"slot\":\"%s\",\"status\":\"%s\",\"current\":%s", i ? "," : "",
		       bootcfg_slot_name(v[i].slot), status_name(v[i].status),
		       v[i].current ? "true" : "false");
		if (v[i].why_not)
			printf(",\"why\":\"%s\"", v[i].why_not);
		if (v[i].status == STATUS_OK) {
			printf(",\"config\":");
			print_cfg_json(&v[i].cfg);
		}
		putchar('}');
	}
	printf("],\"config\":");
	print_cfg_json(&ch->cfg);
	printf("}\n");
}

static int no_valid_slot(const struct store *s, const struct bootcfg_choice *ch,
			 const char *then)
{
	return fail(EXIT_CORRUPT, s->path, "no valid slot (%s: A %s, B %s)%s",
		    bootcfg_pick_name(ch->pick), status_name(ch->slot_status[0]),
		    status_name(ch->slot_status[1]), then);
}

static int cmd_show(struct store *s, const struct args *a)
{
	struct bootcfg_choice ch;
	struct slot_view v[2];

	int rc = read_store(s);
	if (rc)
		return rc;
	bootcfg_select(s->image, sizeof(s->image), &ch);
	view_slot(s, &ch, BOOTCFG_SLOT_A, &v[0]);
	view_slot(s, &ch, BOOTCFG_SLOT_B, &v[1]);
	if (a->json)
		show_json(s, &ch, v);
	else
		show_text(s, &ch, v);
	if (ch.slot == BOOTCFG_SLOT_DEFAULT)
		return no_valid_slot(s, &ch, "; a loader would boot on defaults");
	return EXIT_OK;
}

/* ---- log ------------------------------------------------------------- */

/* The log as `log` and `plot` show it: the valid records oldest first,
 * and the blob write each went with.  A record written with its blob
 * (docs/bootcfg.md "One commit point") carries that blob's generation and
 * it is shown as is.  Older records carry none (0), so for them the tool
 * derives it: every writer (devdisc, the guest store test,
 * `bootcfg set`) writes the blob, then one record, and each blob goes to
 * the slot that was not current.  Walking from the newest record back,
 * the generation drops by one per record and the slot alternates.  The
 * walk is anchored on the blob the newest record describes (its new pool
 * and reason): the current one, or the other slot's when the record for
 * the current blob is missing (bootcfg init, a torn record).  Without an
 * anchor, or below generation 2 (init writes generation 1 with no record),
 * the columns show "-".  Records from `log-append` (no blob) break the
 * count; the anchor check keeps that visible as "-" at the newest end. */
struct log_view {
	uint32_t count;
	struct bootcfg_log_record rec[BOOTCFG_LOG_RECORDS];
	uint64_t gen[BOOTCFG_LOG_RECORDS];          /* 0 = unknown */
	enum bootcfg_slot slot[BOOTCFG_LOG_RECORDS]; /* DEFAULT = unknown */
	struct bootcfg_choice ch;
};

static bool record_matches(const struct bootcfg_log_record *r, const struct slot_view *v)
{
	return v->status == STATUS_OK && r->new_pool == v->cfg.pool_frames &&
	       r->reason == v->cfg.last_reason;
}

/* Generation of the newest record's blob, 0 if none matches. */
static uint64_t log_anchor(const struct store *s, const struct log_view *lv)
{
	const struct bootcfg_log_record *newest = &lv->rec[lv->count - 1];
	struct slot_view v[2];

	if (lv->ch.slot == BOOTCFG_SLOT_DEFAULT)
		return 0;
	view_slot(s, &lv->ch, BOOTCFG_SLOT_A, &v[0]);
	view_slot(s, &lv->ch, BOOTCFG_SLOT_B, &v[1]);
	const struct slot_view *cur = &v[lv->ch.slot], *other = &v[!lv->ch.slot];
	if (record_matches(newest, cur))
		return cur->cfg.generation;
	if (record_matches(newest, other) && other->cfg.generation + 1 == cur->cfg.generation)
		return other->cfg.generation;
	return 0;
}

static void derive_generations(const struct store *s, struct log_view *lv)
{
	uint64_t top = lv->count ? log_anchor(s, lv) : 0, cur = lv->ch.cfg.generation;

	for (uint32_t i = 0; i < lv->count; i++) {
		uint64_t back = lv->count - 1 - i;
		bool known = top > back + 1;    /* generation >= 2 */
		lv->gen[i] = lv->rec[i].generation ? lv->rec[i].generation :
			     known ? top - back : 0;
		known = lv->gen[i] != 0;
		lv->slot[i] = !known ? BOOTCFG_SLOT_DEFAULT :
			      (cur - lv->gen[i]) % 2 ? (enum bootcfg_slot)!lv->ch.slot :
			      lv->ch.slot;
	}
}

/* Reads the store and its log; a file with neither a valid slot nor a
 * valid record is not a store (exit 3, as `show` says). */
static int read_log(struct store *s, struct log_view *lv)
{
	const uint8_t *ring = s->image + BOOTCFG_LOG_OFFSET;
	struct bootcfg_log_state st;

	int rc = read_store(s);
	if (rc)
		return rc;
	bootcfg_select(s->image, sizeof(s->image), &lv->ch);
	bootcfg_log_scan(ring, BOOTCFG_LOG_BYTES, &st);
	lv->count = st.count;
	for (uint32_t k = 0; k < st.count; k++)
		if (bootcfg_log_get(ring, BOOTCFG_LOG_BYTES, k, &lv->rec[k]))
			return fail(EXIT_CORRUPT, s->path, "log record %u vanished", k);
	if (lv->ch.slot == BOOTCFG_SLOT_DEFAULT && lv->count == 0)
		return no_valid_slot(s, &lv->ch, " and no log record: not a config store"
				     " (bootcfg init makes one)");
	derive_generations(s, lv);
	return EXIT_OK;
}

static void format_gen(const struct log_view *lv, uint32_t i, char *buf, size_t len)
{
	if (lv->gen[i])
		snprintf(buf, len, "%" PRIu64, lv->gen[i]);
	else
		snprintf(buf, len, "-");
}

static void log_row_text(const struct log_view *lv, uint32_t i)
{
	const struct bootcfg_log_record *r = &lv->rec[i];
	char trigger[24], gen[24];

	format_trigger(r->trigger, trigger, sizeof(trigger));
	format_gen(lv, i, gen, sizeof(gen));
	printf("%6" PRIu32 " %6" PRIu32 " %6s %-4s %8" PRIu32 " %8" PRIu32 " %8" PRIu32
	       " %-8s %-6s %-12s %016" PRIx64 "\n",
	       r->seq, r->boot, gen, lv->gen[i] ? bootcfg_slot_name(lv->slot[i]) : "-",
	       r->old_pool, r->new_pool, r->need, bootcfg_reason_name(r->reason),
	       r->reboot ? "yes" : "no", trigger, r->fingerprint);
}

static void log_row_json(const struct log_view *lv, uint32_t i)
{
	const struct bootcfg_log_record *r = &lv->rec[i];
	char trigger[24], gen[24], slot[8];

	format_trigger(r->trigger, trigger, sizeof(trigger));
	snprintf(gen, sizeof(gen), lv->gen[i] ? "%" PRIu64 : "null", lv->gen[i]);
	snprintf(slot, sizeof(slot), lv->gen[i] ? "\"%s\"" : "null",
		 bootcfg_slot_name(lv->slot[i]));
	printf("%s{\"seq\":%" PRIu32 ",\"boot\":%" PRIu32 ",\"generation\":%s"
	       ",\"slot\":%s,\"old\":%" PRIu32 ",\"new\":%" PRIu32 ",\"need\":%" PRIu32
	       ",\"reason\":\"%s\",\"reboot\":%s,\"trigger\":\"%s\""
	       ",\"fingerprint\":\"%016" PRIx64 "\"}",
	       i ? "," : "", r->seq, r->boot, gen, slot, r->old_pool, r->new_pool,
	       r->need, bootcfg_reason_name(r->reason),
	       r->reboot ? "true" : "false", trigger, r->fingerprint);
}

static int cmd_log(struct store *s, const struct args *a)
{
	static struct log_view lv;

	int rc = read_log(s, &lv);
	if (rc)
		return rc;
	if (a->json)
		printf("{\"count\":%" PRIu32 ",\"records\":[", lv.count);
	else
		printf("%6s %6s %6s %-4s %8s %8s %8s %-8s %-6s %-12s %s\n", "seq", "boot",
		       "gen", "slot", "old", "new", "need", "reason", "reboot", "trigger",
		       "fingerprint");
	for (uint32_t i = 0; i < lv.count; i++) {
		if (a->json)
			log_row_json(&lv, i);
		else
			log_row_text(&lv, i);
	}
	if (a->json)
		printf("]}\n");
	if (lv.ch.slot == BOOTCFG_SLOT_DEFAULT)
		return no_valid_slot(s, &lv.ch, "; the records above are all that is left");
	return EXIT_OK;
}

/* ---- init, set, log-append ------------------------------------------- */

static bool all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

/* True if every byte of the file is zero (a freshly made blank image). */
static bool file_is_blank(const char *path)
{
	uint8_t chunk[4096];
	FILE *f = fopen(path, "rb");
	size_t got;
	bool blank = f != NULL;

	while (blank && (got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		blank = all_zero(chunk, got);
	if (f && ferror(f))
		blank = false;
	if (f)
		fclose(f);
	return blank;
}

/* A missing, empty or all-zero file may be initialised; anything else
 * holds data someone may want. */
static int check_init_target(struct store *s)
{
	struct bootcfg_choice ch;
	struct stat sb;

	if (stat(s->path, &sb) < 0)
		return errno == ENOENT ? EXIT_OK : fail(EXIT_IO, s->path, "%s", strerror(errno));
	if (sb.st_size == 0)
		return EXIT_OK;
	if (read_store(s) == EXIT_IO)
		return EXIT_IO;
	bootcfg_select(s->image, sizeof(s->image), &ch);
	if (ch.slot != BOOTCFG_SLOT_DEFAULT)
		return fail(EXIT_REFUSED, s->path,
			    "holds a valid store (slot %s, generation %" PRIu64
			    "); use --force to overwrite",
			    bootcfg_slot_name(ch.slot), ch.cfg.generation);
	if (!file_is_blank(s->path))
		return fail(EXIT_CORRUPT, s->path,
			    "exists and is not a recognisable store; use --force to overwrite");
	return EXIT_OK;
}

static int cmd_init(struct store *s, const struct args *a)
{
	static uint8_t image[BOOTCFG_IMAGE_BYTES];
	struct bootcfg cfg;

	int rc = a->force ? EXIT_OK : check_init_target(s);
	if (rc)
		return rc;
	memset(image, 0, sizeof(image));
	bootcfg_defaults(&cfg);
	cfg.last_reason = BOOTCFG_REASON_INIT;
	enum status st = bootcfg_store_write(image, sizeof(image), &cfg);
	if (st)
		return fail(EXIT_INVALID, "init", "defaults do not encode: %s", status_name(st));
	rc = create_file(s->path, image, sizeof(image));
	if (!rc)
		printf("initialised %s: slot=A generation=%" PRIu64 " pool=%" PRIu32
		       " headroom=%" PRIu32 "\n", s->path, cfg.generation,
		       cfg.pool_frames, cfg.headroom_frames);
	return rc;
}

/* QEMU takes fcntl (OFD) locks on the disk images it has open: a lock
 * someone else holds on the store means a guest may write it too.  Returns
 * true when such a lock is there. */
static bool held_by_other(const char *path)
{
	int fd = open(path, O_RDWR);
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	bool held = false;

	if (fd < 0)
		return false;
#ifdef F_OFD_GETLK
	held = fcntl(fd, F_OFD_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
#endif
	fl = (struct flock){ .l_type = F_WRLCK, .l_whence = SEEK_SET };
	if (!held)
		held = fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
	close(fd);
	return held;
}

static void warn_if_held(const char *path)
{
	if (held_by_other(path))
		fprintf(stderr, "bootcfg: warning: %s is locked by another program (a running "
			"QEMU?): the guest reads the store at boot and may write it before "
			"then; stop QEMU first to be sure the change is the one it boots on\n",
			path);
}

/* A hand change leaves a record like devdisc's, so `bootcfg log` shows it
 * (need 0: unknown; no trigger). */
static int log_hand_change(struct store *s, const struct bootcfg *before,
			   const struct bootcfg *next)
{
	struct bootcfg_log_state st;
	struct bootcfg_log_record r = {
		.boot = next->boot_count, .old_pool = before->pool_frames,
		.new_pool = next->pool_frames, .reason = next->last_reason,
		.trigger = BOOTCFG_TRIGGER_NONE, .fingerprint = next->fingerprint,
		.generation = next->generation,      /* the blob just written */
	};

	bootcfg_log_scan(s->image + BOOTCFG_LOG_OFFSET, BOOTCFG_LOG_BYTES, &st);
	enum status status = bootcfg_log_append(s->image, sizeof(s->image), &r);
	if (status)
		return fail(EXIT_INVALID, "set", "log record: %s", status_name(status));
	size_t offset = BOOTCFG_LOG_OFFSET + (size_t)st.next_index * BOOTCFG_LOG_RECORD_BYTES;
	int rc = write_at(s->path, (off_t)offset, s->image + offset, BOOTCFG_LOG_RECORD_BYTES);
	if (!rc)
		printf("logged seq=%" PRIu32 " reason=%s\n", r.seq,
		       bootcfg_reason_name(r.reason));
	return rc;
}

/* Applies the key=value pairs to next. */
static int apply_pairs(const struct args *a, struct bootcfg *next, bool *reason_set)
{
	const char *key = NULL, *value = NULL;

	for (int i = 0; i < a->npairs; i++) {
		int rc = split_key_value(a->pairs[i], &key, &value);
		if (rc)
			return rc;
		rc = apply_blob_key(next, key, value, reason_set);
		if (rc)
			return rc;
	}
	return EXIT_OK;
}

/* A store at the generation limit is compacted first (bootcfg.h): the
 * same torn-safe slot writes devdisc makes, then selection again. */
static int compact_if_needed(struct store *s, struct bootcfg_choice *ch)
{
	uint8_t encoded[BOOTCFG_SLOT_BYTES];
	enum bootcfg_slot slot;

	if (!bootcfg_needs_compaction(ch))
		return EXIT_OK;
	for (unsigned step = 0; step < BOOTCFG_COMPACT_STEPS; step++) {
		enum status st = bootcfg_prepare_compaction(ch, step, &slot, encoded,
							    sizeof(encoded));
		if (st)
			return fail(EXIT_INVALID, "set", "cannot compact: %s", status_name(st));
		int rc = write_at(s->path, BOOTCFG_SLOT_OFFSET(slot), encoded, sizeof(encoded));
		if (rc)
			return rc;
		for (size_t i = 0; i < sizeof(encoded); i++)
			s->image[BOOTCFG_SLOT_OFFSET(slot) + i] = encoded[i];
	}
	fprintf(stderr, "bootcfg: the store was at the generation limit: compacted (generations restart at 1)\n");
	bootcfg_select(s->image, sizeof(s->image), ch);
	return EXIT_OK;
}

static int cmd_set(struct store *s, const struct args *a)
{
	struct bootcfg_choice ch;
	enum bootcfg_slot slot;
	uint8_t encoded[BOOTCFG_SLOT_BYTES];
	bool reason_set = false;

	int rc = read_store(s);
	if (rc)
		return rc;
	bootcfg_select(s->image, sizeof(s->image), &ch);
	if (ch.slot == BOOTCFG_SLOT_DEFAULT && !a->force)
		return no_valid_slot(s, &ch, "; refusing to rewrite it without --force");
	if ((rc = compact_if_needed(s, &ch)))
		return rc;
	struct bootcfg next = ch.cfg;
	if ((rc = apply_pairs(a, &next, &reason_set)))
		return rc;
	if (!reason_set)
		next.last_reason = BOOTCFG_REASON_MANUAL;
	enum status st = bootcfg_validate(&next);
	if (st)
		return fail(EXIT_INVALID, "set", "%s: %s", status_name(st), bound_text(st));
	st = bootcfg_prepare_write(&ch, &next, &slot, encoded, sizeof(encoded));
	if (st)
		return fail(EXIT_INVALID, "set", "cannot write the next blob: %s", status_name(st));
	warn_if_held(s->path);
	rc = write_at(s->path, BOOTCFG_SLOT_OFFSET(slot), encoded, sizeof(encoded));
	if (rc)
		return rc;
	printf("wrote slot=%s generation=%" PRIu64 "\n", bootcfg_slot_name(slot),
	       next.generation);
	return log_hand_change(s, &ch.cfg, &next);
}

static int apply_log_key(struct bootcfg_log_record *r, const char *key,
			 const char *value)
{
	bool ok;

	if (!strcmp(key, "boot"))
		ok = parse_u32(value, &r->boot);
	else if (!strcmp(key, "old"))
		ok = parse_u32(value, &r->old_pool);
	else if (!strcmp(key, "new"))
		ok = parse_u32(value, &r->new_pool);
	else if (!strcmp(key, "need"))
		ok = parse_u32(value, &r->need);
	else if (!strcmp(key, "reason"))
		ok = parse_reason(value, &r->reason);
	else if (!strcmp(key, "reboot"))
		ok = parse_yes_no(value, &r->reboot);
	else if (!strcmp(key, "trigger"))
		ok = parse_trigger(value, &r->trigger);
	else if (!strcmp(key, "fingerprint"))
		ok = parse_hex64(value, &r->fingerprint);
	else
		return fail(EXIT_INVALID, key, "unknown key");
	if (!ok)
		return fail(EXIT_INVALID, key, "invalid value '%s'", value);
	return EXIT_OK;
}

/* Fields not given default to the current blob's (or the defaults'). */
static int cmd_log_append(struct store *s, const struct args *a)
{
	struct bootcfg_choice ch;
	struct bootcfg_log_state st;
	const char *key = NULL, *value = NULL;

	int rc = read_store(s);
	if (rc)
		return rc;
	bootcfg_select(s->image, sizeof(s->image), &ch);
	struct bootcfg_log_record r = {
		.boot = ch.cfg.boot_count, .old_pool = ch.cfg.pool_frames,
		.new_pool = ch.cfg.pool_frames, .reason = BOOTCFG_REASON_MANUAL,
		.trigger = BOOTCFG_TRIGGER_NONE, .fingerprint = ch.cfg.fingerprint,
	};
	for (int i = 0; i < a->npairs; i++) {
		rc = split_key_value(a->pairs[i], &key, &value);
		if (rc)
			return rc;
		rc = apply_log_key(&r, key, value);
		if (rc)
			return rc;
	}
	bootcfg_log_scan(s->image + BOOTCFG_LOG_OFFSET, BOOTCFG_LOG_BYTES, &st);
	enum status status = bootcfg_log_append(s->image, sizeof(s->image), &r);
	if (status)
		return fail(EXIT_INVALID, "log-append", "%s", status_name(status));
	size_t offset = BOOTCFG_LOG_OFFSET + (size_t)st.next_index * BOOTCFG_LOG_RECORD_BYTES;
	rc = write_at(s->path, (off_t)offset, s->image + offset, BOOTCFG_LOG_RECORD_BYTES);
	if (!rc)
		printf("appended seq=%" PRIu32 " index=%" PRIu32 "\n", r.seq, st.next_index);
	return rc;
}

/* ---- plot ------------------------------------------------------------ */

static int cmd_plot(struct store *s, const struct args *a)
{
	static struct log_view lv;

	if (a->npairs != 1)
		return fail(EXIT_USAGE, "plot", "want exactly one output file (plot STORE OUT.svg)");
	int rc = read_log(s, &lv);
	if (rc)
		return rc;
	FILE *out = fopen(a->pairs[0], "w");
	if (!out)
		return fail(EXIT_IO, a->pairs[0], "%s", strerror(errno));
	int bad = plot_svg(out, s->path, lv.rec, lv.count);
	if (fclose(out) || bad)
		return fail(EXIT_IO, a->pairs[0], "write failed");
	printf("wrote %s: %" PRIu32 " records\n", a->pairs[0], lv.count);
	return EXIT_OK;
}

/* ---- command line ---------------------------------------------------- */

struct command {
	const char *name;
	int (*run)(struct store *s, const struct args *a);
	bool force, json, pairs;     /* what it accepts after STORE */
	int min_pairs;
};

static const struct command commands[] = {
	{ "init",       cmd_init,       true,  false, false, 0 },
	{ "show",       cmd_show,       false, true,  false, 0 },
	{ "log",        cmd_log,        false, true,  false, 0 },
	{ "set",        cmd_set,        true,  false, true,  1 },
	{ "log-append", cmd_log_append, false, false, true,  0 },
	{ "plot",       cmd_plot,       false, false, true,  0 },
};

/* Options may appear anywhere after STORE. */
static int parse_args(const struct command *c, int argc, char **argv,
		      struct args *a)
{
	*a = (struct args){ .pairs = argv + 3 };
	for (int i = 3; i < argc; i++) {
		if (c->force && !strcmp(argv[i], "--force"))
			a->force = true;
		else if (c->json && !strcmp(argv[i], "--json"))
			a->json = true;
		else if (argv[i][0] == '-' && argv[i][1] == '-')
			return fail(EXIT_USAGE, c->name, "unknown option %s", argv[i]);
		else if (c->pairs)
			a->pairs[a->npairs++] = argv[i];
		else
			return fail(EXIT_USAGE, c->name, "unexpected argument '%s'", argv[i]);
	}
	if (a->npairs < c->min_pairs)
		return fail(EXIT_USAGE, c->name, "needs at least one key=value");
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	static struct store s;
	struct args a;

	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		fputs(usage_text, stdout);
		return EXIT_OK;
	}
	if (argc < 3)
		return usage_error(argc < 2 ? "missing command" : "missing STORE");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(argv[1], commands[i].name))
			continue;
		int rc = parse_args(&commands[i], argc, argv, &a);
		if (rc)
			return rc;
		s.path = argv[2];
		return commands[i].run(&s, &a);
	}
	return fail(EXIT_USAGE, argv[1], "unknown command (see bootcfg --help)");
}
