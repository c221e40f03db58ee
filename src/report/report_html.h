/*
 * report_html.h - what the HTML report's files share: the writer's
 * state, its output primitives and the decimals it shows.
 * report_html.c writes the page; report_html_radar.c draws the radar
 * charts; report_html_agg.c writes the appendix on aggregation.
 */
#ifndef SEMM_REPORT_HTML_H
#define SEMM_REPORT_HTML_H

#include "report/report_int.h"

/* Decimals shown: percents and points, means on the score scale,
 * coefficients (alpha, rwg, ICC), p values and chart coordinates. */
#define DEC_PCT 1
#define DEC_MEAN 2
#define DEC_COEF 2
#define DEC_P 3
#define DEC_COORD 2

/* The heat map's colour steps of 10 percentage points; the first
 * HEAT_DARK_STEPS are dark and take white text. */
#define HEAT_STEPS 10
#define HEAT_DARK_STEPS 5

/* What an absent figure looks like in a table. */
#define NONE "\xe2\x80\x94" /* em dash */

/* The writer's state: where to write, what, and the peer medians. */
typedef struct html {
	FILE *fp;
	const semm_result *res;
	const double *median; /* per element, NULL with fewer than 2 groups */
	double *scratch;      /* n_groups doubles */
} html;

/** Writes s as it is. */
void semm__html_out(const html *h, const char *s);
/** Writes formatted text (no input strings: those go through esc). */
void semm__html_outf(const html *h, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/** Writes text from an input file, HTML-escaped. */
void semm__html_esc(const html *h, const char *str);
/** Writes v with exactly `decimals` decimals. */
void semm__html_fixed(const html *h, double v, int decimals);
/** Writes v with up to `decimals` decimals, trailing zeros dropped. */
void semm__html_trimmed(const html *h, double v, int decimals);
/** Whether any element of the group has a target. */
int semm__html_has_targets(const semm_result *res, const semm__group *gr);
/** Writes the shared stylesheet (without the style tags). */
void semm__html_style(FILE *fp);
/** The radar chart of group g with its caption (report_html_radar.c). */
void semm__html_radar_figure(const html *h, size_t g);
/** The appendix on aggregation (report_html_agg.c). */
void semm__html_aggregation_section(const html *h);

/*
 * Assessor ratings (report_html_ratings.c). Rated organizations are
 * numbered 0 .. semm_result_rated_count(res) - 1; the one that is survey
 * group g is semm__rated_of_group(res, g) (score/ratings.h), -1 when
 * none; organizations rated without a survey have no group.
 */
/** Rated organization k: its table of elements by assessors with the
 * assessors' mean, the survey's figure and disagreement marks, the
 * agreement between the assessors, then the evidence. */
void semm__html_ratings_section(const html *h, size_t k);
/** The appendix listing every rating's evidence, documents and date
 * (nothing without ratings). */
void semm__html_evidence_appendix(const html *h);
/** The section's message table (tests check it is complete). */
const semm__msg *semm__html_ratings_msgs(size_t *n);

#endif
