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
#define RADAR_SIZE 420.0
#define RADAR_CX 210.0
#define RADAR_CY 210.0
#define RADAR_R 160.0
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
	semm__html_fixed(h, x, DEC_COORD);
	semm__html_outf(h, "\" %s=\"", ay);
	semm__html_fixed(h, y, DEC_COORD);
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

/* Where element e's value of series s is drawn: a missing value at the
 * centre, others clamped to the chart. */
static void series_point(const html *h, const radar *rd, const semm__group *gr,
			 series s, size_t e, double *x, double *y)
{
	double p = series_value(h, gr, s, e);

	p = isfinite(p) ? fmin(fmax(p, 0.0), 100.0) : 0.0;
	radar_point(rd, e, p, x, y);
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
		semm__html_fixed(h, x, DEC_COORD);
		semm__html_out(h, ",");
		semm__html_fixed(h, y, DEC_COORD);
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
		if (!isfinite(series_value(h, gr, s, e)))
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
		semm__html_fixed(h, rd->r * p / 100.0, DEC_COORD);
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
		semm__html_fixed(h, x, DEC_COORD);
		semm__html_out(h, ",");
		semm__html_fixed(h, y, DEC_COORD);
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

/* Axis i: the spoke from the centre to 100 % and its label outside. */
static void radar_axis(const html *h, const radar *rd, size_t i)
{
	double x, y, lx, ly, dx, dy;

	radar_point(rd, i, 100.0, &x, &y);
	radar_point(rd, i, 100.0 * (rd->r + RADAR_LABEL_GAP) / rd->r, &lx, &ly);
	dx = (x - rd->cx) / rd->r;
	dy = (y - rd->cy) / rd->r;
	semm__html_out(h, "<line stroke=\"#999\"");
	xy_attrs(h, "x1", "y1", rd->cx, rd->cy);
	xy_attrs(h, "x2", "y2", x, y);
	semm__html_out(h, "/>\n");
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
	semm__html_esc(h, h->res->model->elems[i].id);
	semm__html_out(h, "</text>\n");
}

/* Whether every element of the group has a target (then the targets are
 * drawn as a polygon, otherwise only as markers). */
static int all_targets(const semm_result *res, const semm__group *gr)
{
	size_t e;

	for (e = 0; e < res->model->n_elems; e++) {
		if (!isfinite(gr->elems[e].target))
			return 0;
	}
	return 1;
}

/* The lowest point the chart draws: the 100 % ring and the labels
 * below it (so that a chart with few axes wastes no height). */
static double radar_bottom(const radar *rd)
{
	double x, y, bottom = rd->cy;
	size_t i;

	for (i = 0; i < rd->n; i++) {
		radar_point(rd, i, 100.0, &x, &y);
		y += (y - rd->cy) / rd->r * RADAR_LABEL_GAP;
		y += (y - rd->cy) / rd->r > 0.3 ? RADAR_LABEL_LINE
						: RADAR_LABEL_LINE / 2;
		bottom = fmax(bottom, y);
	}
	return ceil(bottom);
}

/* The chart itself: grid, axes, then targets, median and the group on
 * top. */
static void radar_svg(const html *h, size_t g)
{
	const semm_result *res = h->res;
	const semm__group *gr = &res->groups[g];
	radar rd = { RADAR_CX, RADAR_CY, RADAR_R, res->model->n_elems };
	double top = floor(rd.cy - rd.r - RADAR_LABEL_GAP - RADAR_LABEL_LINE);
	double height = radar_bottom(&rd) - top;
	size_t i;

	semm__html_outf(
		h,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"radar\" "
		"viewBox=\"0 %.0f %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" "
		"role=\"img\" aria-labelledby=\"radar-%zu-title "
		"radar-%zu-caption\">\n",
		top, RADAR_SIZE, height, RADAR_SIZE, height, g + 1, g + 1);
	semm__html_outf(h, "<title id=\"radar-%zu-title\">Element profile of ",
			g + 1);
	semm__html_esc(h, gr->id);
	semm__html_out(h, "</title>\n");
	radar_grid(h, &rd);
	for (i = 0; i < rd.n; i++)
		radar_axis(h, &rd, i);
	if (all_targets(res, gr))
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

/* The values of series s in words: "E1 56.3 %, E2 68.8 % and E3 no
 * score" ("no target" for a missing target). */
static void series_words(const html *h, const semm__group *gr, series s)
{
	size_t n = h->res->model->n_elems, e;

	for (e = 0; e < n; e++) {
		double v = series_value(h, gr, s, e);

		semm__html_out(h, e == 0 ? "" : e + 1 == n ? " and " : ", ");
		semm__html_esc(h, h->res->model->elems[e].id);
		semm__html_out(h, " ");
		if (isfinite(v)) {
			semm__html_fixed(h, v, DEC_PCT);
			semm__html_out(h, "&nbsp;%");
		} else {
			semm__html_out(h, s == SERIES_TARGET ? "no target"
							     : "no score");
		}
	}
	semm__html_out(h, ".");
}

/* The caption: what the chart shows, and every value in words. */
static void radar_caption(const html *h, size_t g)
{
	const semm_result *res = h->res;
	const semm__group *gr = &res->groups[g];
	size_t b;

	semm__html_outf(
		h,
		"<figcaption id=\"radar-%zu-caption\">Element percents, 0 at "
		"the centre and 100 at the edge, axes clockwise from the top; "
		"gridlines at the level boundaries (",
		g + 1);
	for (b = 1; b < res->model->n_bands; b++) {
		semm__html_out(h, b > 1 ? ", " : "");
		semm__html_trimmed(h, res->model->bands[b].min, DEC_PCT);
	}
	semm__html_out(h, "&nbsp;%).\n<ul class=\"legend\">\n<li>");
	swatch(h, SERIES_GROUP);
	semm__html_esc(h, gr->id);
	semm__html_out(h, ": ");
	series_words(h, gr, SERIES_GROUP);
	semm__html_out(h, "</li>\n");
	if (h->median) {
		semm__html_out(h, "<li>");
		swatch(h, SERIES_MEDIAN);
		semm__html_outf(h, "Median of the %zu groups: ", res->n_groups);
		series_words(h, gr, SERIES_MEDIAN);
		semm__html_out(h, "</li>\n");
	}
	if (semm__html_has_targets(res, gr)) {
		semm__html_out(h, "<li>");
		swatch(h, SERIES_TARGET);
		semm__html_out(h, "Target: ");
		series_words(h, gr, SERIES_TARGET);
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
