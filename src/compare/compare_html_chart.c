/*
 * compare_html_chart.c - the chart of a group on compare.html: an inline
 * SVG "dot and whisker" chart, one row per element (its name), the change
 * of the mean as a marker (shape and colour by verdict: filled up and
 * down triangles, a hollow circle, a cross; readable without colour), its
 * 95 % Welch interval as a whisker, the zero line, and an axis with ticks
 * whose range and step follow a documented rule (docs/FORMATS.md); and
 * the legend that explains it.
 */
#include <math.h>
#include <string.h>

#include "compare/compare_html.h"

/* The chart's geometry, in SVG user units (the page scales it). Names
 * take the left part, right-aligned at NAME_X; the plot runs from PLOT_X0
 * to PLOT_X1. A row is as tall as its name's lines need. */
#define SVG_W 880.0
#define NAME_X 326.0
#define PLOT_X0 340.0
#define PLOT_X1 860.0
#define PAD_TOP 6.0
#define LINE_H 14.0
#define ROW_PAD 12.0
#define ROW_MIN 26.0
#define TICK_LEN 5.0
#define AXIS_H 52.0
#define MARK 6.0     /* half the width of a marker */
#define CAP 5.0	     /* half the height of a whisker's end */
#define NOTE_W 110.0 /* room for "no interval" beside a marker */
/* A name is broken into lines of at most NAME_CHARS characters, at most
 * NAME_LINES of them (the table has it in full). */
#define NAME_CHARS 46
#define NAME_LINES 3
/* The axis has at most this many intervals before rounding outwards. */
#define MAX_TICK_INTERVALS 6

typedef struct axis {
	double lo, hi, step;
	int decimals;
	double limit; /* the largest possible change, or INFINITY */
} axis;

/*
 * Fits the axis to [lo, hi] (which hold 0): clipped to the largest
 * change the scale allows, then the step is the smallest of 1, 2, 2.5 or
 * 5 times a power of ten that cuts the range into at most
 * MAX_TICK_INTERVALS, and the ends move out to multiples of the step.
 */
static void axis_fit(axis *ax, double lo, double hi, double limit)
{
	static const double nice[] = { 1.0, 2.0, 2.5, 5.0, 10.0 };
	double raw, mag;
	int k, e;

	ax->limit = limit;
	if (lo < -limit)
		lo = -limit;
	if (hi > limit)
		hi = limit;
	if (!(hi > lo)) {
		double half = isfinite(limit) ? limit / 4.0 : 1.0;

		lo = -half;
		hi = half;
	}
	raw = (hi - lo) / MAX_TICK_INTERVALS;
	e = (int)floor(log10(raw));
	mag = pow(10.0, e);
	for (k = 0; k < 4 && nice[k] * mag < raw * (1.0 - 1e-9); k++)
		;
	ax->step = nice[k] * mag;
	if (k == 4)
		e++;
	ax->decimals = e < 0 ? -e : 0;
	if (k == 2)
		ax->decimals++; /* 2.5, 0.25, ... */
	if (ax->decimals > 6)
		ax->decimals = 6;
	ax->lo = floor(lo / ax->step + 1e-9) * ax->step;
	ax->hi = ceil(hi / ax->step - 1e-9) * ax->step;
}

static double xpos(const axis *ax, double v)
{
	return PLOT_X0 + (v - ax->lo) / (ax->hi - ax->lo) * (PLOT_X1 - PLOT_X0);
}

/* The axis of group g: every element's change and interval, and 0. */
static void group_axis(const semm_compare *c, span g, axis *ax)
{
	const side_info *b = &c->side[BEFORE], *a = &c->side[AFTER];
	double lo = 0.0, hi = 0.0, limit = INFINITY;
	double v[3];
	size_t i, k;

	for (i = g.first; i < g.first + g.n; i++) {
		const semm_compare_unit *u = &c->units[i];

		if (!semm__ch_is_type(u, "element"))
			continue;
		v[0] = u->diff.diff;
		v[1] = u->diff.ci_lo;
		v[2] = u->diff.ci_hi;
		for (k = 0; k < 3; k++) {
			if (!isfinite(v[k]))
				continue;
			lo = v[k] < lo ? v[k] : lo;
			hi = v[k] > hi ? v[k] : hi;
		}
	}
	/* the largest change the scale allows, when both reports have
	 * the same scale */
	if (isfinite(b->smax - b->smin) && b->smax > b->smin &&
	    b->smin == a->smin && b->smax == a->smax)
		limit = b->smax - b->smin;
	axis_fit(ax, lo, hi, limit);
}

/* Where a name breaks into lines: ends[k] is the byte offset where line
 * k ends, starts[k] where it starts; returns the count of lines, and sets
 * *cut when the name did not fit. */
static size_t wrap_name(const char *s, size_t starts[NAME_LINES],
			size_t ends[NAME_LINES], int *cut)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s), pos = 0, lines = 0;

	*cut = 0;
	while (pos < n && lines < NAME_LINES) {
		size_t p = pos, chars = 0, brk = 0, len;

		while (p < n && u[p] == ' ')
			p++;
		starts[lines] = p;
		while (p < n && chars < NAME_CHARS) {
			len = semm__utf8_len(u + p, n - p);
			p += len ? len : 1;
			chars++;
			if (p < n && (u[p] == ' ' || u[p - 1] == '-'))
				brk = p;
		}
		if (p < n && brk > starts[lines])
			p = brk;
		ends[lines++] = p;
		pos = p;
	}
	while (pos < n && u[pos] == ' ')
		pos++;
	*cut = pos < n;
	return lines;
}

static double row_height(size_t lines)
{
	double h = (double)lines * LINE_H + ROW_PAD;

	return h < ROW_MIN ? ROW_MIN : h;
}

/* The name of a row, right-aligned, its lines centred on y. */
static void row_name(const page *pg, const char *name, double y)
{
	size_t starts[NAME_LINES], ends[NAME_LINES], lines, k;
	int cut;

	lines = wrap_name(name, starts, ends, &cut);
	semm__ch_out(pg, "<text class=\"name\" text-anchor=\"end\">");
	for (k = 0; k < lines; k++) {
		semm__ch_out(pg, "<tspan x=\"");
		semm__ch_coord(pg, NAME_X);
		semm__ch_out(pg, "\" y=\"");
		semm__ch_coord(pg,
			       y + 4.0 +
				       ((double)k - (double)(lines - 1) / 2.0) *
					       LINE_H);
		semm__ch_out(pg, "\">");
		semm__ch_esc_n(pg, name + starts[k], ends[k] - starts[k]);
		if (cut && k == lines - 1)
			semm__ch_out(pg, "…");
		semm__ch_out(pg, "</tspan>");
	}
	semm__ch_out(pg, "</text>\n");
}

/* A marker centred at (x, y). */
static void marker(const page *pg, semm_verdict v, double x, double y)
{
	static const char *const shapes[SEMM_VERDICT_COUNT] = {
		"M0,-6L6,5H-6Z",		      /* improvement: ▲ */
		"M0,6L6,-5H-6Z",		      /* decline: ▼ */
		"M5,0A5,5 0 1 1 -5,0A5,5 0 1 1 5,0Z", /* within noise: ○ */
		"M-4,-4L4,4M-4,4L4,-4"		      /* insufficient: × */
	};

	fprintf(pg->fp, "<path class=\"mk %s\" transform=\"translate(",
		semm__ch_verdict_class(v));
	semm__ch_coord(pg, x);
	semm__ch_out(pg, " ");
	semm__ch_coord(pg, y);
	fprintf(pg->fp, ")\" d=\"%s\"/>\n", shapes[v]);
}

/* An arrowhead at x pointing left (dir -1) or right (dir 1). */
static void arrow(const page *pg, const char *cls, double x, double y, int dir)
{
	fprintf(pg->fp, "<path class=\"arrow %s\" d=\"M", cls);
	semm__ch_coord(pg, x);
	semm__ch_out(pg, ",");
	semm__ch_coord(pg, y);
	semm__ch_out(pg, "l");
	semm__ch_coord(pg, -dir * 8.0);
	semm__ch_out(pg, ",-5v10z\"/>\n");
}

/* The whisker of a unit's interval; returns 1 when it was clipped. */
static int whisker(const page *pg, const axis *ax, const semm_compare_unit *u,
		   double y)
{
	const char *cls = semm__ch_verdict_class(u->verdict);
	int clip_lo = u->diff.ci_lo<ax->lo, clip_hi = u->diff.ci_hi> ax->hi;
	double x0 = xpos(ax, clip_lo ? ax->lo : u->diff.ci_lo);
	double x1 = xpos(ax, clip_hi ? ax->hi : u->diff.ci_hi);

	fprintf(pg->fp, "<path class=\"ci %s\" d=\"M", cls);
	semm__ch_coord(pg, x0);
	semm__ch_out(pg, ",");
	semm__ch_coord(pg, y);
	semm__ch_out(pg, "H");
	semm__ch_coord(pg, x1);
	if (!clip_lo) {
		semm__ch_out(pg, "M");
		semm__ch_coord(pg, x0);
		semm__ch_out(pg, ",");
		semm__ch_coord(pg, y - CAP);
		semm__ch_out(pg, "v");
		semm__ch_coord(pg, 2 * CAP);
	}
	if (!clip_hi) {
		semm__ch_out(pg, "M");
		semm__ch_coord(pg, x1);
		semm__ch_out(pg, ",");
		semm__ch_coord(pg, y - CAP);
		semm__ch_out(pg, "v");
		semm__ch_coord(pg, 2 * CAP);
	}
	semm__ch_out(pg, "\"/>\n");
	if (clip_lo)
		arrow(pg, cls, x0, y, -1);
	if (clip_hi)
		arrow(pg, cls, x1, y, 1);
	return clip_lo || clip_hi;
}

/* The accessible text of a row: name, change, interval, verdict. */
static void row_title(const page *pg, const semm_compare_unit *u)
{
	semm__ch_out(pg, "<title>");
	semm__ch_esc(pg, semm__ch_unit_name(u));
	semm__ch_out(pg, ": ");
	semm__ch_num(pg, u->diff.diff, DEC_MEAN, 1);
	if (!isnan(u->diff.ci_lo)) {
		semm__ch_out(pg, " [");
		semm__ch_num(pg, u->diff.ci_lo, DEC_MEAN, 1);
		semm__ch_out(pg, "; ");
		semm__ch_num(pg, u->diff.ci_hi, DEC_MEAN, 1);
		semm__ch_out(pg, "]");
	}
	semm__ch_out(pg, ", ");
	semm__ch_msg(pg, semm__ch_verdict_msg(u->verdict));
	semm__ch_out(pg, "</title>\n");
}

/* One element's row from y to y + h; returns 1 when its interval was
 * clipped. */
static int chart_row(const page *pg, const axis *ax, const semm_compare_unit *u,
		     double y, double h, size_t index)
{
	double mid = y + h / 2.0, x;
	const char *anchor;
	int clipped = 0;

	semm__ch_out(pg, "<g class=\"row\">\n");
	row_title(pg, u);
	if (index % 2 == 1) {
		semm__ch_out(pg, "<rect class=\"band\" x=\"0\" y=\"");
		semm__ch_coord(pg, y);
		semm__ch_out(pg, "\" width=\"");
		semm__ch_coord(pg, SVG_W);
		semm__ch_out(pg, "\" height=\"");
		semm__ch_coord(pg, h);
		semm__ch_out(pg, "\"/>\n");
	}
	row_name(pg, semm__ch_unit_name(u), mid);
	if (isfinite(u->diff.ci_lo) && isfinite(u->diff.ci_hi))
		clipped = whisker(pg, ax, u, mid);
	if (isfinite(u->diff.diff)) {
		x = u->diff.diff;
		x = x < ax->lo ? ax->lo : x > ax->hi ? ax->hi : x;
		marker(pg, u->verdict, xpos(ax, x), mid);
	}
	if (u->verdict == SEMM_VERDICT_INSUFFICIENT) {
		/* said in words beside the marker (on its left near the
		 * right edge), or in its place */
		x = isfinite(u->diff.diff) ? xpos(ax, u->diff.diff) : PLOT_X0;
		anchor = x > PLOT_X1 - NOTE_W ? "end" : "start";
		x += x > PLOT_X1 - NOTE_W ? -2 * MARK : 2 * MARK;
		fprintf(pg->fp,
			"<text class=\"nodata\" text-anchor=\"%s\" x=\"",
			anchor);
		semm__ch_coord(pg, x);
		semm__ch_out(pg, "\" y=\"");
		semm__ch_coord(pg, mid + 4.0);
		semm__ch_out(pg, "\">");
		semm__ch_msg(pg, isfinite(u->diff.diff) ? CM_NO_INTERVAL
							: CM_NO_DATA);
		semm__ch_out(pg, "</text>\n");
	}
	semm__ch_out(pg, "</g>\n");
	return clipped;
}

/* Vertical grid lines, the zero line, the axis with its ticks and
 * title, below rows ending at `bottom`. */
static void chart_axis(const page *pg, const axis *ax, double bottom)
{
	const side_info *b = &pg->c->side[BEFORE];
	long k, n = lround((ax->hi - ax->lo) / ax->step);
	double x, v;

	for (k = 0; k <= n; k++) {
		v = ax->lo + (double)k * ax->step;
		x = xpos(ax, v);
		semm__ch_out(pg, "<line class=\"grid\" x1=\"");
		semm__ch_coord(pg, x);
		semm__ch_out(pg, "\" x2=\"");
		semm__ch_coord(pg, x);
		semm__ch_out(pg, "\" y1=\"");
		semm__ch_coord(pg, PAD_TOP);
		semm__ch_out(pg, "\" y2=\"");
		semm__ch_coord(pg, bottom + TICK_LEN);
		semm__ch_out(
			pg,
			"\"/>\n<text class=\"tick\" text-anchor=\"middle\" x=\"");
		semm__ch_coord(pg, x);
		semm__ch_out(pg, "\" y=\"");
		semm__ch_coord(pg, bottom + TICK_LEN + 13.0);
		semm__ch_out(pg, "\">");
		semm__ch_num(pg, fabs(v) < ax->step * 1e-9 ? 0.0 : v,
			     ax->decimals, 1);
		semm__ch_out(pg, "</text>\n");
	}
	semm__ch_out(pg, "<line class=\"axisline\" x1=\"");
	semm__ch_coord(pg, PLOT_X0);
	semm__ch_out(pg, "\" x2=\"");
	semm__ch_coord(pg, PLOT_X1);
	semm__ch_out(pg, "\" y1=\"");
	semm__ch_coord(pg, bottom);
	semm__ch_out(pg, "\" y2=\"");
	semm__ch_coord(pg, bottom);
	semm__ch_out(pg,
		     "\"/>\n<text class=\"axis\" text-anchor=\"middle\" x=\"");
	semm__ch_coord(pg, (PLOT_X0 + PLOT_X1) / 2.0);
	semm__ch_out(pg, "\" y=\"");
	semm__ch_coord(pg, bottom + AXIS_H - 12.0);
	semm__ch_out(pg, "\">");
	if (isfinite(ax->limit)) {
		arg args[2] = { A_NUM(b->smin, 0), A_NUM(b->smax, 0) };

		semm__ch_put(pg, CM_AXIS_SCALE, args, 2);
	} else {
		semm__ch_msg(pg, CM_AXIS);
	}
	semm__ch_out(pg, "</text>\n");
}

/* The zero line over the rows (drawn after the grid, before rows). */
static void zero_line(const page *pg, const axis *ax, double bottom)
{
	semm__ch_out(pg, "<line class=\"zero\" x1=\"");
	semm__ch_coord(pg, xpos(ax, 0.0));
	semm__ch_out(pg, "\" x2=\"");
	semm__ch_coord(pg, xpos(ax, 0.0));
	semm__ch_out(pg, "\" y1=\"");
	semm__ch_coord(pg, PAD_TOP);
	semm__ch_out(pg, "\" y2=\"");
	semm__ch_coord(pg, bottom);
	semm__ch_out(pg, "\"/>\n");
}

/* A small marker for the legend. */
static void legend_mark(const page *pg, semm_verdict v)
{
	semm__ch_out(pg, "<svg class=\"dots\" width=\"14\" height=\"14\" "
			 "viewBox=\"-7 -7 14 14\" aria-hidden=\"true\" "
			 "style=\"display:inline;width:14px\">");
	marker(pg, v, 0.0, 0.0);
	semm__ch_out(pg, "</svg>");
}

static void legend(const page *pg, int clipped)
{
	static const int texts[SEMM_VERDICT_COUNT] = { CM_LEG_IMPROVEMENT,
						       CM_LEG_DECLINE,
						       CM_LEG_NOISE,
						       CM_LEG_INSUFFICIENT };
	int v;

	semm__ch_out(pg, "<figcaption class=\"dots\"><ul class=\"legend\">\n");
	for (v = 0; v < SEMM_VERDICT_COUNT; v++) {
		semm__ch_out(pg, "<li>");
		legend_mark(pg, (semm_verdict)v);
		semm__ch_msg(pg, texts[v]);
		semm__ch_out(pg, "</li>\n");
	}
	semm__ch_out(pg, "<li>");
	semm__ch_msg(pg, CM_LEG_WHISKER);
	semm__ch_out(pg, "</li>\n");
	if (clipped) {
		semm__ch_out(pg, "<li>");
		semm__ch_msg(pg, CM_LEG_CLIPPED);
		semm__ch_out(pg, "</li>\n");
	}
	semm__ch_out(pg, "</ul></figcaption>\n");
}

/* The rows' heights: the total, for the viewBox. */
static double rows_height(const semm_compare *c, span g)
{
	size_t starts[NAME_LINES], ends[NAME_LINES], i;
	double h = 0.0;
	int cut;

	for (i = g.first; i < g.first + g.n; i++) {
		const semm_compare_unit *u = &c->units[i];

		if (semm__ch_is_type(u, "element"))
			h += row_height(wrap_name(u->name ? u->name : u->id,
						  starts, ends, &cut));
	}
	return h;
}

void semm__ch_chart(const page *pg, span g)
{
	const semm_compare *c = pg->c;
	size_t starts[NAME_LINES], ends[NAME_LINES], i, row = 0;
	double y = PAD_TOP, h, bottom;
	int clipped = 0, cut;
	arg name = A_TEXT(c->units[g.first].group);
	axis ax;

	if (semm__ch_count_elements(c, g).n == 0) {
		semm__ch_out(pg, "<p>");
		semm__ch_msg(pg, CM_NO_ELEMENTS);
		semm__ch_out(pg, "</p>\n");
		return;
	}
	group_axis(c, g, &ax);
	bottom = PAD_TOP + rows_height(c, g);
	semm__ch_out(pg, "<figure class=\"dots\">\n<svg class=\"dots\" "
			 "role=\"img\" viewBox=\"0 0 ");
	semm__ch_coord(pg, SVG_W);
	semm__ch_out(pg, " ");
	semm__ch_coord(pg, bottom + AXIS_H);
	semm__ch_out(pg, "\">\n<title>");
	semm__ch_msg(pg, CM_CHART_TITLE);
	semm__ch_out(pg, " (");
	semm__ch_put(pg, CM_GROUP_HEADING, &name, 1);
	semm__ch_out(pg, ")</title>\n");
	chart_axis(pg, &ax, bottom);
	for (i = g.first; i < g.first + g.n; i++) {
		const semm_compare_unit *u = &c->units[i];

		if (!semm__ch_is_type(u, "element"))
			continue;
		h = row_height(
			wrap_name(semm__ch_unit_name(u), starts, ends, &cut));
		clipped |= chart_row(pg, &ax, u, y, h, row++);
		y += h;
	}
	zero_line(pg, &ax, bottom);
	semm__ch_out(pg, "</svg>\n");
	legend(pg, clipped);
	semm__ch_out(pg, "</figure>\n");
}
