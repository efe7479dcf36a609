/*
 * plot.c - the retune log as an SVG chart (`bootcfg plot`, docs/bootcfg.md).
 *
 * One column per record, oldest on the left.  The pool N is a step line:
 * at each record it goes from the record's old N to its new N.  The need
 * (frames the devices wanted when the record was written; 0 = not known,
 * e.g. a hand change) is a dot.  A record that asked for a reboot gets a
 * red dashed line.  The y axis is logarithmic because needs run from a
 * few thousand frames to millions.  Written by hand with fprintf: the
 * format is small and a library would be one more package.
 */
#include <math.h>
#include <string.h>

#include "plot.h"

#define W 880.0
#define H 440.0
#define LEFT 90.0
#define RIGHT 170.0
#define TOP 50.0
#define BOTTOM 70.0
#define PLOT_W (W - LEFT - RIGHT)
#define PLOT_H (H - TOP - BOTTOM)

/* The decades the y axis spans. */
struct scale {
	int lo, hi;     /* log10 of the bottom and the top */
};

static void widen(double v, double *min, double *max)
{
	if (v <= 0)
		return;
	if (v < *min)
		*min = v;
	if (v > *max)
		*max = v;
}

static struct scale make_scale(const struct bootcfg_log_record *r, uint32_t n)
{
	double min = HUGE_VAL, max = 0;

	for (uint32_t i = 0; i < n; i++) {
		widen(r[i].old_pool, &min, &max);
		widen(r[i].new_pool, &min, &max);
		widen(r[i].need, &min, &max);
	}
	if (max == 0)
		min = max = 1;
	struct scale s = { (int)floor(log10(min)), (int)ceil(log10(max)) };
	if (s.hi <= s.lo)
		s.hi = s.lo + 1;
	return s;
}

static double y_of(const struct scale *s, double v)
{
	if (v < pow(10, s->lo))      /* 0 (unknown) sits on the bottom line */
		v = pow(10, s->lo);
	double t = (log10(v) - s->lo) / (s->hi - s->lo);
	return TOP + PLOT_H * (1.0 - t);
}

static double x_of(uint32_t i, uint32_t n)
{
	return LEFT + PLOT_W * (i + 0.5) / n;
}

/* 10, 100, 1k, ..., 1M, 10M. */
static void decade_label(int k, char *buf, size_t len)
{
	static const char *suffix[] = { "", "k", "M", "G" };
	int group = k / 3 > 3 ? 3 : k / 3;
	double v = pow(10, k - 3 * group);

	snprintf(buf, len, "%.0f%s", v, suffix[group]);
}

static void draw_axes(FILE *out, const struct scale *s)
{
	char label[16];

	for (int k = s->lo; k <= s->hi; k++) {
		double y = y_of(s, pow(10, k));
		decade_label(k, label, sizeof(label));
		fprintf(out, "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='#bbb'/>\n"
			"<text x='%.1f' y='%.1f' text-anchor='end'>%s</text>\n",
			LEFT, y, LEFT + PLOT_W, y, LEFT - 8, y + 4, label);
		for (int m = 2; k < s->hi && m <= 5; m += 3) {
			double ym = y_of(s, m * pow(10, k));
			fprintf(out, "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' "
				"stroke='#e4e4e4'/>\n", LEFT, ym, LEFT + PLOT_W, ym);
		}
	}
	fprintf(out, "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='none' "
		"stroke='#444'/>\n", LEFT, TOP, PLOT_W, PLOT_H);
	fprintf(out, "<text transform='translate(22 %.1f) rotate(-90)' text-anchor='middle'>"
		"frames (4 KiB), log scale</text>\n", TOP + PLOT_H / 2);
}

/* seq and reason under each column (every k-th when they would crowd). */
static void draw_columns(FILE *out, const struct bootcfg_log_record *r, uint32_t n)
{
	uint32_t every = n > 16 ? (n + 15) / 16 : 1;

	for (uint32_t i = 0; i < n; i++) {
		if (i % every && i != n - 1)
			continue;
		double x = x_of(i, n);
		fprintf(out, "<text x='%.1f' y='%.1f' text-anchor='middle'>%u</text>\n"
			"<text x='%.1f' y='%.1f' text-anchor='middle' font-size='10' "
			"fill='#555'>%s</text>\n", x, TOP + PLOT_H + 18, r[i].seq,
			x, TOP + PLOT_H + 32, bootcfg_reason_name(r[i].reason));
	}
	fprintf(out, "<text x='%.1f' y='%.1f' text-anchor='middle'>log record (seq, reason)"
		"</text>\n", LEFT + PLOT_W / 2, H - 12);
}

static void draw_reboots(FILE *out, const struct bootcfg_log_record *r, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		if (!r[i].reboot)
			continue;
		double x = x_of(i, n);
		fprintf(out, "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='#d62728' "
			"stroke-dasharray='5 4'/>\n<text x='%.1f' y='%.1f' fill='#d62728' "
			"text-anchor='middle' font-size='10'>reboot</text>\n",
			x, TOP, x, TOP + PLOT_H, x, TOP - 4);
	}
}

static void draw_pool(FILE *out, const struct scale *s,
		      const struct bootcfg_log_record *r, uint32_t n)
{
	fprintf(out, "<polyline fill='none' stroke='#1f77b4' stroke-width='2.5' points='"
		"%.1f,%.1f", LEFT, y_of(s, r[0].old_pool));
	for (uint32_t i = 0; i < n; i++) {
		/* flat at the previous N up to the record (a hand change can
		 * leave old != the previous new), then old -> new */
		double x = x_of(i, n), prev = i ? r[i - 1].new_pool : r[0].old_pool;
		fprintf(out, " %.1f,%.1f %.1f,%.1f %.1f,%.1f", x, y_of(s, prev),
			x, y_of(s, r[i].old_pool), x, y_of(s, r[i].new_pool));
	}
	fprintf(out, " %.1f,%.1f'/>\n", LEFT + PLOT_W, y_of(s, r[n - 1].new_pool));
}

static void draw_need(FILE *out, const struct scale *s,
		      const struct bootcfg_log_record *r, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (r[i].need)
			fprintf(out, "<circle cx='%.1f' cy='%.1f' r='5' fill='#ff7f0e'>"
				"<title>seq %u: need %u, N %u -&gt; %u</title></circle>\n",
				x_of(i, n), y_of(s, r[i].need), r[i].seq, r[i].need,
				r[i].old_pool, r[i].new_pool);
}

static void draw_legend(FILE *out)
{
	double x = W - RIGHT + 20, y = TOP + 10;

	fprintf(out, "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='#1f77b4' "
		"stroke-width='2.5'/><text x='%.1f' y='%.1f'>pool N</text>\n"
		"<circle cx='%.1f' cy='%.1f' r='5' fill='#ff7f0e'/>"
		"<text x='%.1f' y='%.1f'>need</text>\n"
		"<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='#d62728' "
		"stroke-dasharray='5 4'/><text x='%.1f' y='%.1f'>reboot asked</text>\n",
		x, y, x + 24, y, x + 32, y + 4, x + 12, y + 24, x + 32, y + 28,
		x, y + 48, x + 24, y + 48, x + 32, y + 52);
}

/* The store's path in a title: the characters XML gives meaning escaped. */
static void put_escaped(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '<')
			fputs("&lt;", out);
		else if (*s == '>')
			fputs("&gt;", out);
		else if (*s == '&')
			fputs("&amp;", out);
		else if (*s == '\'')
			fputs("&apos;", out);
		else
			fputc(*s, out);
	}
}

int plot_svg(FILE *out, const char *title,
	     const struct bootcfg_log_record *recs, uint32_t count)
{
	fprintf(out, "<?xml version='1.0' encoding='UTF-8'?>\n"
		"<svg xmlns='http://www.w3.org/2000/svg' width='%.0f' height='%.0f' "
		"viewBox='0 0 %.0f %.0f' font-family='sans-serif' font-size='12'>\n"
		"<rect width='100%%' height='100%%' fill='white'/>\n"
		"<text x='%.1f' y='24' font-size='15'>retune log of ", W, H, W, H, LEFT);
	put_escaped(out, title);
	fprintf(out, " (%u record%s)</text>\n", count, count == 1 ? "" : "s");
	if (count == 0) {
		fprintf(out, "<text x='%.1f' y='%.1f'>the log is empty: no re-tune yet</text>\n",
			LEFT, TOP + 40);
	} else {
		struct scale s = make_scale(recs, count);
		draw_axes(out, &s);
		draw_reboots(out, recs, count);
		draw_pool(out, &s, recs, count);
		draw_need(out, &s, recs, count);
		draw_columns(out, recs, count);
		draw_legend(out);
	}
	fputs("</svg>\n", out);
	return ferror(out) ? -1 : 0;
}
