/*
 * compare_html.h - what the files of compare.html share: the page's
 * messages (their English and German texts are compare_html_msgs.h), the
 * writer's state and output primitives (compare_html.c) and the chart
 * (compare_html_chart.c).
 */
#ifndef SEMM_COMPARE_HTML_H
#define SEMM_COMPARE_HTML_H

#include "compare/compare_internal.h"
#include "report/report_html.h"

/* The page's messages (compare_html_msgs.h); those with {0}..{9} take
 * arguments (see semm__ch_put). */
typedef enum cmp_msg {
#define CM(id, en, de) id,
#include "compare/compare_html_msgs.h"
#undef CM
	CM_COUNT
} cmp_msg;

/** The message table, for tests: CM_COUNT entries. */
const semm__msg *semm__compare_html_msgs(size_t *n);

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
const char *semm__ch_tr(const page *pg, cmp_msg m);
/** Writes s as it is. */
void semm__ch_out(const page *pg, const char *s);
/** Writes message m as it is. */
void semm__ch_msg(const page *pg, cmp_msg m);
/** Writes s[0..n-1] (or s) from a report, HTML-escaped. */
void semm__ch_esc_n(const page *pg, const char *s, size_t n);
void semm__ch_esc(const page *pg, const char *s);
/** A number in the page's language, a real minus, "+" with sign. */
void semm__ch_num(const page *pg, double v, int decimals, int sign);
/** A chart coordinate, with a decimal point whatever the language. */
void semm__ch_coord(const page *pg, double v);
/** Writes message m with each {k} replaced by args[k]. */
void semm__ch_put(const page *pg, cmp_msg m, const arg *args, size_t n);
/** The message and the class of a verdict. */
cmp_msg semm__ch_verdict_msg(semm_verdict v);
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
