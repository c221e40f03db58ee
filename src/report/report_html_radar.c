/*
 * report_html_radar.c - the radar chart of a group's element percents in
 * the HTML report: inline SVG with axes in model order from the top and
 * clockwise, rings at the level boundaries, the group, the peer median
 * and the targets as three series (colour-blind-safe colours and
 * different dash patterns), and a caption that gives every value in
 * words.
 */
#include <math.h>
#include <string.h>

#include "report/report_html.h"

/* The radar chart: the width of its view box, its centre and the radius
 * of 100 %, and how far outside the 100 % ring the axis labels sit. */
#define RADAR_SIZE 640.0
#define RADAR_CX 320.0
#define RADAR_CY 210.0
#define RADAR_R 140.0
#define RADAR_WRAP 22 /* characters per line of an axis label */
#define RADAR_LABEL_GAP 16.0
#define RADAR_LABEL_LINE 14.0 /* height of a label line */
#define PI 3.14159265358979323846

/* Series colours (Okabe-Ito) and dash patterns of the radar polygons. */
#define COLOUR_GROUP "#0072B2"
#define COLOUR_MEDIAN "#E69F00"
#define COLOUR_TARGET "#D55E00"
#define DASH_MEDIAN "8 5"
#define DASH_TARGET "2 4"

/* A radar chart's frame: centre, radius of 100 % and number of axes. */
typedef struct radar {
	double cx;
	double cy;
	double r;
	size_t n;
	size_t elem[SEMM_MAX_MODEL_UNITS]; /* axis -> element: those in scope */
} radar;

/* ---- radar geometry --------------------------------------------------- */

/**
 * Where percent pct lies on axis i of a radar with rd->n axes: axes start
 * at the top and go clockwise, angle = -90 deg + 360 deg * i / n, and
 * x = cx + r * pct / 100 * cos(angle), y = cy + r * pct / 100 * sin(angle)
 * (SVG's y grows downwards, so a positive angle turns clockwise).
 */
static void radar_point(const radar *rd, size_t i, double pct, double *x,
			double *y)
{
	double angle = (-90.0 + 360.0 * (double)i / (double)rd->n) * PI / 180.0;
	double len = rd->r * pct / 100.0;

	*x = rd->cx + len * cos(angle);
	*y = rd->cy + len * sin(angle);
}

/* Writes ` ax="x" ay="y"` with chart precision. */
static void xy_attrs(const html *h, const char *ax, const char *ay, double x,
		     double y)
{
	semm__html_outf(h, " %s=\"", ax);
	semm__html_coord(h, x);
	semm__html_outf(h, "\" %s=\"", ay);
	semm__html_coord(h, y);
	semm__html_out(h, "\"");
}

/* The series a radar chart draws. */
typedef enum series { SERIES_GROUP, SERIES_MEDIAN, SERIES_TARGET } series;

static const char *const series_class[] = { "series-group", "series-median",
					    "series-target" };
static const char *const series_style[] = {
	" fill=\"" COLOUR_GROUP
	"\" fill-opacity=\"0.15\" stroke=\"" COLOUR_GROUP
	"\" stroke-width=\"2.5\"",
	" fill=\"none\" stroke=\"" COLOUR_MEDIAN "\" stroke-width=\"2\" "
	"stroke-dasharray=\"" DASH_MEDIAN "\"",
	" fill=\"none\" stroke=\"" COLOUR_TARGET "\" stroke-width=\"2\" "
	"stroke-dasharray=\"" DASH_TARGET "\""
};

/* Element e's percent in series s (NAN when it has none). */
static double series_value(const html *h, const semm__group *gr, series s,
			   size_t e)
{
	if (s == SERIES_GROUP)
		return gr->elems[e].percent;
	if (s == SERIES_MEDIAN)
		return h->median[e];
	return gr->elems[e].target;
}

/* Where the value of series s on axis i is drawn: a missing value at the
 * centre, others clamped to the chart. */
static void series_point(const html *h, const radar *rd, const semm__group *gr,
			 series s, size_t i, double *x, double *y)
{
	double p = series_value(h, gr, s, rd->elem[i]);

	p = isfinite(p) ? fmin(fmax(p, 0.0), 100.0) : 0.0;
	radar_point(rd, i, p, x, y);
}

/* The polygon of series s: "x,y x,y ..." in axis order. */
static void radar_polygon(const html *h, const radar *rd, const semm__group *gr,
			  series s)
{
	double x, y;
	size_t e;

	semm__html_outf(h, "<polygon class=\"%s\"%s points=\"", series_class[s],
			series_style[s]);
	for (e = 0; e < rd->n; e++) {
		series_point(h, rd, gr, s, e, &x, &y);
		if (e)
			semm__html_out(h, " ");
		semm__html_coord(h, x);
		semm__html_out(h, ",");
		semm__html_coord(h, y);
	}
	semm__html_out(h, "\"/>\n");
}

/* Markers on the values of series s: dots for the group, squares for the
 * targets (which may exist for some elements only). */
static void radar_markers(const html *h, const radar *rd, const semm__group *gr,
			  series s)
{
	double x, y;
	size_t e;

	for (e = 0; e < rd->n; e++) {
		if (!isfinite(series_value(h, gr, s, rd->elem[e])))
			continue;
		series_point(h, rd, gr, s, e, &x, &y);
		if (s == SERIES_GROUP) {
			semm__html_out(h,
				       "<circle r=\"3.5\" fill=\"" COLOUR_GROUP
				       "\"");
			xy_attrs(h, "cx", "cy", x, y);
		} else {
			semm__html_out(h, "<rect width=\"7\" height=\"7\" "
					  "fill=\"" COLOUR_TARGET "\"");
			xy_attrs(h, "x", "y", x - 3.5, y - 3.5);
		}
		semm__html_out(h, "/>\n");
	}
}

/* A gridline at percent p: a polygon through the axes, or a circle when
 * there are fewer than three axes. */
static void radar_ring(const html *h, const radar *rd, double p)
{
	double x, y;
	size_t i;

	if (rd->n < 3) {
		semm__html_out(
			h,
			"<circle class=\"ring\" fill=\"none\" stroke=\"#bbb\"");
		xy_attrs(h, "cx", "cy", rd->cx, rd->cy);
		semm__html_out(h, " r=\"");
		semm__html_coord(h, rd->r * p / 100.0);
		semm__html_out(h, "\"/>\n");
		return;
	}
	semm__html_out(h,
		       "<polygon class=\"ring\" fill=\"none\" stroke=\"#bbb\" "
		       "points=\"");
	for (i = 0; i < rd->n; i++) {
		radar_point(rd, i, p, &x, &y);
		if (i)
			semm__html_out(h, " ");
		semm__html_coord(h, x);
		semm__html_out(h, ",");
		semm__html_coord(h, y);
	}
	semm__html_out(h, "\"/>\n");
}

/* Gridlines at each level band boundary and at 100 %, each labelled with
 * its percent beside the first axis. */
static void radar_grid(const html *h, const radar *rd)
{
	const semm_model *m = h->res->model;
	size_t b;

	for (b = 1; b <= m->n_bands; b++) {
		double p = b < m->n_bands ? m->bands[b].min : 100.0;

		radar_ring(h, rd, p);
		semm__html_out(h, "<text class=\"ringlabel\"");
		xy_attrs(h, "x", "y", rd->cx + 4.0,
			 rd->cy - rd->r * p / 100.0 - 3.0);
		semm__html_out(h, ">");
		semm__html_trimmed(h, p, DEC_PCT);
		semm__html_out(h, "</text>\n");
	}
}

/* The next line of an axis label: up to RADAR_WRAP characters (UTF-8
 * sequences kept whole) ending at a blank where there is one. Returns
 * its length; *rest gets what follows. */
static size_t label_line(const char *s, const char **rest)
{
	size_t n = strlen(s), chars = 0, i = 0, cut = 0;

	while (i < n && chars < RADAR_WRAP) {
		if (s[i] == ' ')
			cut = i;
		else if (s[i] == '-' && i + 1 < n)
			cut = i + 1; /* the hyphen stays on this line */
		i++;
		while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		chars++;
	}
	if (i >= n) {
		*rest = s + n;
		return n;
	}
	if (cut == 0)
		cut = i;
	*rest = s + cut + (s[cut] == ' ');
	return cut;
}

/* How many lines the label of element i takes. */
static size_t label_lines(const html *h, size_t i)
{
	const char *s = semm__html_elem_name(h, i), *rest;
	size_t n = 0;

	while (*s) {
		label_line(s, &rest);
		s = rest;
		n++;
	}
	return n ? n : 1;
}

/* Axis i: the spoke from the centre to 100 % and its label outside: the
 * element's name over as many lines as it needs. */
static void radar_axis(const html *h, const radar *rd, size_t i)
{
	double x, y, lx, ly, dx, dy;
	const char *s = semm__html_elem_name(h, rd->elem[i]), *rest;
	size_t lines = label_lines(h, rd->elem[i]), k;
	char line[4 * RADAR_WRAP + 8];

	radar_point(rd, i, 100.0, &x, &y);
	radar_point(rd, i, 100.0 * (rd->r + RADAR_LABEL_GAP) / rd->r, &lx, &ly);
	dx = (x - rd->cx) / rd->r;
	dy = (y - rd->cy) / rd->r;
	semm__html_out(h, "<line stroke=\"#999\"");
	xy_attrs(h, "x1", "y1", rd->cx, rd->cy);
	xy_attrs(h, "x2", "y2", x, y);
	semm__html_out(h, "/>\n");
	/* the block of lines sits above the point at the top, below it at
	 * the bottom and centred on it at the sides */
	if (dy < -0.3)
		ly -= RADAR_LABEL_LINE * (double)(lines - 1);
	else if (dy <= 0.3)
		ly -= RADAR_LABEL_LINE * (double)(lines - 1) / 2.0;
	semm__html_outf(h,
			"<text class=\"axislabel\" text-anchor=\"%s\" "
			"dominant-baseline=\"%s\"",
			fabs(dx) < 0.3 ? "middle"
			: dx > 0       ? "start"
				       : "end",
			dy < -0.3  ? "auto"
			: dy > 0.3 ? "hanging"
				   : "middle");
	xy_attrs(h, "x", "y", lx, ly);
	semm__html_out(h, ">");
	for (k = 0; *s; k++) {
		size_t len = label_line(s, &rest);

		if (len >= sizeof(line))
			len = sizeof(line) - 1;
		memcpy(line, s, len);
		line[len] = '\0';
		semm__html_out(h, "<tspan");
		xy_attrs(h, "x", "y", lx, ly + RADAR_LABEL_LINE * (double)k);
		semm__html_out(h, ">");
		semm__html_esc(h, line);
		semm__html_out(h, "</tspan>");
		s = rest;
	}
	semm__html_out(h, "</text>\n");
}

/* Whether every element of the group has a target (then the targets are
 * drawn as a polygon, otherwise only as markers). */
static int all_targets(const radar *rd, const semm__group *gr)
{
	size_t i;

	for (i = 0; i < rd->n; i++) {
		if (!isfinite(gr->elems[rd->elem[i]].target))
			return 0;
	}
	return 1;
}

/* The lowest and highest points the chart draws: the 100 % ring and the
 * labels beyond it (so that a chart with few axes wastes no height). */
static void radar_extent(const html *h, const radar *rd, double *top,
			 double *bottom)
{
	double x, y, lines;
	size_t i;

	*top = rd->cy - rd->r;
	*bottom = rd->cy + rd->r;
	for (i = 0; i < rd->n; i++) {
		double dy;

		radar_point(rd, i, 100.0, &x, &y);
		dy = (y - rd->cy) / rd->r;
		y += dy * RADAR_LABEL_GAP;
		lines = (double)label_lines(h, rd->elem[i]);
		if (dy < -0.3)
			*top = fmin(*top, y - RADAR_LABEL_LINE * lines);
		else if (dy > 0.3)
			*bottom = fmax(*bottom, y + RADAR_LABEL_LINE * lines);
		else {
			*top = fmin(*top, y - RADAR_LABEL_LINE * lines / 2);
			*bottom =
				fmax(*bottom, y + RADAR_LABEL_LINE * lines / 2);
		}
	}
	*top = floor(*top - 4.0);
	*bottom = ceil(*bottom + 4.0);
}

/* The chart itself: grid, axes, then targets, median and the group on
 * top. */
static void radar_svg(const html *h, size_t g)
{
	const semm_result *res = h->res;
	const semm__group *gr = &res->groups[g];
	radar rd = { RADAR_CX, RADAR_CY, RADAR_R, 0, { 0 } };
	double top, bottom, height;
	size_t i;

	/* an assessment of part of the model draws the elements in its
	 * scope only: the others have no score to draw */
	for (i = 0; i < res->model->n_elems; i++) {
		if (res->in_elem[i])
			rd.elem[rd.n++] = i;
	}

	radar_extent(h, &rd, &top, &bottom);
	height = bottom - top;

	semm__html_outf(
		h,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"radar\" "
		"viewBox=\"0 %.0f %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" "
		"role=\"img\" aria-labelledby=\"radar-%zu-title "
		"radar-%zu-caption\">\n",
		top, RADAR_SIZE, height, RADAR_SIZE, height, g + 1, g + 1);
	semm__html_outf(h, "<title id=\"radar-%zu-title\">", g + 1);
	SAY(h, M_RADAR_TITLE, gr->id);
	semm__html_out(h, "</title>\n");
	radar_grid(h, &rd);
	for (i = 0; i < rd.n; i++)
		radar_axis(h, &rd, i);
	if (all_targets(&rd, gr))
		radar_polygon(h, &rd, gr, SERIES_TARGET);
	if (h->median)
		radar_polygon(h, &rd, gr, SERIES_MEDIAN);
	radar_polygon(h, &rd, gr, SERIES_GROUP);
	radar_markers(h, &rd, gr, SERIES_TARGET);
	radar_markers(h, &rd, gr, SERIES_GROUP);
	semm__html_out(h, "</svg>\n");
}

/* A legend sample of series s: a short line in its colour and dash. */
static void swatch(const html *h, series s)
{
	semm__html_outf(
		h,
		"<svg class=\"swatch\" width=\"30\" height=\"10\" "
		"aria-hidden=\"true\"><line x1=\"1\" y1=\"5\" x2=\"29\" "
		"y2=\"5\" class=\"%s\"%s/></svg> ",
		series_class[s], series_style[s]);
}

/* The caption: what the chart shows and its legend. */
static void radar_caption(const html *h, size_t g)
{
	const semm_result *res = h->res;
	const semm__group *gr = &res->groups[g];
	size_t b;

	semm__html_outf(h, "<figcaption id=\"radar-%zu-caption\">", g + 1);
	semm__html_msg(h, M_RADAR_CAPTION);
	for (b = 1; b < res->model->n_bands; b++) {
		semm__html_out(h, b > 1 ? ", " : "");
		semm__html_trimmed(h, res->model->bands[b].min, DEC_PCT);
	}
	semm__html_out(h, "&nbsp;%).\n<ul class=\"legend\">\n<li>");
	swatch(h, SERIES_GROUP);
	semm__html_esc(h, gr->id);
	semm__html_out(h, "</li>\n");
	if (h->median) {
		semm__html_out(h, "<li>");
		swatch(h, SERIES_MEDIAN);
		SAY(h, M_RADAR_MEDIAN, semm__html_count(h, res->n_groups));
		semm__html_out(h, "</li>\n");
	}
	if (semm__html_has_targets(res, gr)) {
		semm__html_out(h, "<li>");
		swatch(h, SERIES_TARGET);
		semm__html_msg(h, M_RADAR_TARGET);
		semm__html_out(h, "</li>\n");
	}
	semm__html_out(h, "</ul>\n</figcaption>\n");
}

void semm__html_radar_figure(const html *h, size_t g)
{
	semm__html_out(h, "<figure class=\"chart\">\n");
	radar_svg(h, g);
	radar_caption(h, g);
	semm__html_out(h, "</figure>\n");
}
