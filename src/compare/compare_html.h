/*
 * compare_html.h - what the files of compare.html share: the page's
 * messages (compare_html_msgs.c holds their English and German texts),
 * the writer's state and output primitives (compare_html.c) and the
 * chart (compare_html_chart.c).
 */
#ifndef SEMM_COMPARE_HTML_H
#define SEMM_COMPARE_HTML_H

#include "compare/compare_internal.h"
#include "report/report_html.h"

/* The page's messages; those with {0}..{9} take arguments (see
 * semm__ch_put). None holds a markup character, a double quote or a
 * backslash (the page number messages go into CSS). */
enum {
	M_TITLE,
	M_MODEL,
	M_COMPARED,
	M_BEFORE,
	M_AFTER,
	M_REPORT,
	M_QUESTIONNAIRE,
	M_GROUPED,
	M_ONE_GROUP,
	M_INPUTS,
	M_RESPONDENTS,
	M_RESP_COUNTS,
	M_ENGINE,
	M_WARNINGS,
	M_W_QUESTIONNAIRE,
	M_W_GROUPING,
	M_W_NA_POLICY,
	M_W_NA_ANCHOR,
	M_W_COVERAGE,
	M_W_SCALE,
	M_ONLY_BEFORE,
	M_ONLY_AFTER,
	M_SUMMARY,
	M_SUMMARY_INTRO,
	M_NO_MATCH,
	M_GROUP,
	M_GROUP_HEADING,
	M_OVERALL,
	M_OVERALL_CHANGE,
	M_DIMENSIONS,
	M_ELEMENTS,
	M_N_IMPROVED,
	M_N_DECLINED,
	M_N_NOISE,
	M_N_INSUFFICIENT,
	M_COUNTS,
	M_IMPROVED_LIST,
	M_DECLINED_LIST,
	M_NONE_BEYOND,
	M_LARGEST_NOISE,
	M_OVERALL_LINE,
	M_OVERALL_LINE_NOCI,
	M_LEVEL_LINE,
	M_NO_ELEMENTS,
	M_CHART_TITLE,
	M_AXIS_SCALE,
	M_AXIS,
	M_NO_INTERVAL,
	M_NO_DATA,
	M_LEG_IMPROVEMENT,
	M_LEG_DECLINE,
	M_LEG_NOISE,
	M_LEG_INSUFFICIENT,
	M_LEG_WHISKER,
	M_LEG_CLIPPED,
	M_FIGURES,
	M_SCOPE,
	M_N,
	M_MEAN,
	M_LEVEL,
	M_CHANGE,
	M_INTERVAL,
	M_PP,
	M_VERDICT,
	M_LEVEL_CHANGE,
	M_V_IMPROVEMENT,
	M_V_DECLINE,
	M_V_NOISE,
	M_V_INSUFFICIENT,
	M_LC_UP,
	M_LC_DOWN,
	M_LC_SAME,
	M_R_BOTH,
	M_R_BEFORE,
	M_R_AFTER,
	M_R_MEAN,
	M_R_SD,
	M_R_VARIANCE,
	M_R_OTHER,
	M_METHODS,
	M_X_CHANGE,
	M_X_INTERVAL,
	M_X_VERDICT,
	M_X_AXIS,
	M_X_NAMES,
	M_X_FILES,
	M_FOOTER,
	M_PAGE,
	M_PAGE_OF,
	N_MSGS
};

extern const semm__msg semm__ch_msgs[N_MSGS];

/* The writer's state. */
typedef struct page {
	FILE *fp;
	const semm_compare *c;
	semm__lang lang;
} page;

/* An argument of a message: text to escape, markup, or a number. */
typedef struct arg {
	char kind; /* 't' text, 'm' markup, 'n' number, 's' signed, 'c' count */
	const char *s;
	double v;
	int decimals;
} arg;

#define A_TEXT(s) ((arg){ 't', (s), 0.0, 0 })
#define A_MARKUP(s) ((arg){ 'm', (s), 0.0, 0 })
#define A_NUM(v, d) ((arg){ 'n', NULL, (v), (d) })
#define A_SIGNED(v, d) ((arg){ 's', NULL, (v), (d) })
#define A_COUNT(n) ((arg){ 'c', NULL, (double)(n), 0 })

/* A group's units: c->units[first .. first + n - 1]. */
typedef struct span {
	size_t first;
	size_t n;
} span;

/* How a group's elements changed. */
typedef struct tally {
	size_t n;
	size_t by_verdict[SEMM_VERDICT_COUNT];
} tally;

/** The text of message m in the page's language. */
const char *semm__ch_tr(const page *pg, int m);
/** Writes s as it is. */
void semm__ch_out(const page *pg, const char *s);
/** Writes message m as it is. */
void semm__ch_msg(const page *pg, int m);
/** Writes s[0..n-1] (or s) from a report, HTML-escaped. */
void semm__ch_esc_n(const page *pg, const char *s, size_t n);
void semm__ch_esc(const page *pg, const char *s);
/** A number in the page's language, a real minus, "+" with sign. */
void semm__ch_num(const page *pg, double v, int decimals, int sign);
/** A chart coordinate, with a decimal point whatever the language. */
void semm__ch_coord(const page *pg, double v);
/** Writes message m with each {k} replaced by args[k]. */
void semm__ch_put(const page *pg, int m, const arg *args, size_t n);
/** The message and the class of a verdict. */
int semm__ch_verdict_msg(semm_verdict v);
const char *semm__ch_verdict_class(semm_verdict v);
/** The name a unit is shown by (NULL for the overall score). */
const char *semm__ch_unit_name(const semm_compare_unit *u);
/** Whether u is of type "overall", "dimension" or "element". */
int semm__ch_is_type(const semm_compare_unit *u, const char *type);
/** How the elements of group g changed. */
tally semm__ch_count_elements(const semm_compare *c, span g);
/** The chart of group g with its legend (compare_html_chart.c). */
void semm__ch_chart(const page *pg, span g);

#endif
