/*
 * report_html.h - what the HTML report's files share: the writer's
 * state, its output primitives, its messages and the decimals it shows.
 *
 * report_html.c writes the page around the sections (head, styles for
 * print, the cover and the overview of all organizations);
 * report_html_org.c one organization's part (cover, executive summary,
 * profile, roadmap, element detail, answers, peers);
 * report_html_appendix.c the appendix (data quality, methods,
 * parameters, differences between groups); report_html_radar.c the
 * radar charts; report_html_agg.c the appendix on aggregation;
 * report_html_text.c every sentence in every report language.
 */
#ifndef SEMM_REPORT_HTML_H
#define SEMM_REPORT_HTML_H

#include "base/i18n.h"
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

/* Number buffers a writer rotates through (semm__html_num). */
#define HTML_NUMS 12

/* Where one organization stands among its peers on one element. */
typedef struct html_peer {
	size_t n;	   /* peers with a score, the organization included */
	double q[5];	   /* min, lower quartile, median, upper, max */
	size_t rank;	   /* 1 = highest; 0 when it has no score */
	double percentile; /* share of peers lower, ties half */
} html_peer;

/* The writer's state: where to write, what, and in which language. */
typedef struct html {
	FILE *fp;
	const semm_result *res;
	const semm_report_options *o; /* cover texts, logo (may be NULL) */
	const char *logo_uri;	      /* the logo as a data: URI, or NULL */
	const double *median;	  /* per element, NULL with fewer than 2 groups
			       * or in a participant's report below the
			       * anonymity threshold */
	const double *all_median; /* the same, whatever the page */
	double *scratch;	  /* n_groups doubles */
	semm__lang lang;	  /* the report's own words */
	size_t mlang;		  /* the model's texts */
	long only; /* a participant's report: its group, else -1 */
	const uint32_t *date_first; /* per group, then of all: yyyymmdd */
	const uint32_t *date_last;
	char (*num)[SEMM__FMT_BUFSIZE]; /* HTML_NUMS buffers */
	size_t *num_next;
	int *nomem; /* set when a text could not be made: the page fails */
} html;

/* What a writer allocates once for any number of pages (the full
 * report and each participant's): the number buffers, the peers'
 * median, the logo, the response dates. */
typedef struct html_store {
	char nums[HTML_NUMS][SEMM__FMT_BUFSIZE];
	size_t next;
	double *median;
	double *scratch;
	char *logo_uri;
	uint32_t *date_first;
	uint32_t *date_last;
	int nomem;
} html_store;

/** Prepares h for writing pages of res (the logo read, the dates and
 * the peers' median computed once); SEMM_OK or an error in err. */
int semm__html_open(html *h, html_store *st, const semm_result *res,
		    const semm_report_options *opts, semm_error *err);
/** Writes report.html to fp: the full report (group -1) or group's
 * participant's report. */
int semm__html_page(html *h, FILE *fp, long group, semm_error *err);
void semm__html_close(html_store *st);

/* ---- messages (report_html_text.c) ------------------------------------ */

/* Every text of the report, in every report language. Texts are HTML
 * (trusted); {0}..{9} stand for arguments, which are escaped. */
typedef enum html_msg {
#define M(id, en, de) id,
#include "report/report_html_msgs.h"
#undef M
	M_COUNT
} html_msg;

/** The message table, for tests: M_COUNT entries. */
const semm__msg *semm__html_messages(size_t *n);
/** Message id in the report's language. */
const char *semm__html_t(const html *h, html_msg id);
/** Writes message id with its {k} replaced by args[k], escaped; args
 * ends with NULL. */
void semm__html_say(const html *h, html_msg id, const char *const *args);
#define SAY(h, id, ...) \
	semm__html_say(h, id, (const char *const[]){ __VA_ARGS__, NULL })
/** Writes message id as it is. */
void semm__html_msg(const html *h, html_msg id);
/** A reason the library gives in English ("fewer than 2 values"), in
 * the report's language. */
const char *semm__html_reason(const html *h, const char *reason);

/* ---- output primitives (report_html.c) -------------------------------- */

/** Writes s as it is. */
void semm__html_out(const html *h, const char *s);
/** Writes formatted text (no input strings: those go through esc). */
void semm__html_outf(const html *h, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/** Writes text from an input file, HTML-escaped. */
void semm__html_esc(const html *h, const char *str);
/** Writes v with exactly `decimals` decimals (the language's decimal
 * mark), NONE when it does not exist. */
void semm__html_fixed(const html *h, double v, int decimals);
/** Writes v with up to `decimals` decimals, trailing zeros dropped. */
void semm__html_trimmed(const html *h, double v, int decimals);
/** v with `decimals` decimals in the report's language, in one of the
 * writer's rotating buffers (valid for HTML_NUMS calls); "-" when v does
 * not exist. */
const char *semm__html_num(const html *h, double v, int decimals);
/** As semm__html_num, trailing zeros dropped. */
const char *semm__html_numt(const html *h, double v, int decimals);
/** n as text in a rotating buffer. */
const char *semm__html_count(const html *h, size_t n);
/** v with exactly `decimals` decimals for SVG coordinates (always '.'). */
void semm__html_coord(const html *h, double v);
/** "3 (Established)" for a level band index, NONE for -1. */
void semm__html_level(const html *h, int band);
/** The band's name in the model's language. */
const char *semm__html_band_name(const html *h, int band);
/** Element e's name in the model's language. */
const char *semm__html_elem_name(const html *h, size_t e);
/** Dimension d's name in the model's language. */
const char *semm__html_dim_name(const html *h, size_t d);
/** "Element name (E3)" */
void semm__html_elem_label(const html *h, size_t e);
/** The name of group g (its id). */
const char *semm__html_group_name(const html *h, size_t g);
/** A <td class="num"> with v, NONE when it does not exist. */
void semm__html_num_cell(const html *h, double v, int decimals);
/** "[lo, hi]" or NONE. */
void semm__html_interval(const html *h, double lo, double hi, int decimals);
/** A heat map cell: percent p on its palette step, NONE on grey. */
void semm__html_heat_cell(const html *h, double p);
/** Whether any element of the group has a target. */
int semm__html_has_targets(const semm_result *res, const semm__group *gr);
/** Group g's place among the groups on element e (none for a
 * participant's report with fewer peers than the anonymity threshold). */
void semm__html_peer(const html *h, size_t g, size_t e, html_peer *out);
/** The fewest organizations a peer comparison needs (anonymity). */
size_t semm__html_min_peers(const html *h);
/** The statement of item i in the report's language. */
const char *semm__html_item_text(const html *h, size_t i);
/** Opens a <td> holding a statement, marked with its language. */
void semm__html_statement_cell_open(const html *h);
/** The dates of group g's responses (-1: of all), "2026-02-01 –
 * 2026-02-28" (German 01.02.2026), into buf; 0 when they have none. */
int semm__html_dates(const html *h, long g, char *buf, size_t len);

/** Writes the shared stylesheet (without the style tags). */
void semm__html_style(FILE *fp);

/* ---- sections ----------------------------------------------------------- */

/** The cover block of organization g's part (report_html.c). */
void semm__html_org_cover(const html *h, size_t g);
/** Fills h's date ranges (malloc'd into *first, *last; free both). */
int semm__html_load_dates(html *h, uint32_t **first, uint32_t **last);
/** Checks that the options' logo can be embedded (SEMM_OK when there is
 * none). */
int semm__html_check_logo(const semm_report_options *o, semm_error *err);
/** The reports per organization (report_groups.c), written before the
 * report set is placed and put in place after it, so that a failure
 * while writing them leaves the folder as it was. */
typedef struct semm__groups_plan {
	char *groups; /* dir/groups */
	char *tmp;    /* this run's tree, until placed */
	char *old;    /* the earlier tree, moved aside */
	int stale;    /* an earlier run's tree to remove (no per_group) */
	int built;    /* tmp holds this run's tree */
} semm__groups_plan;

/** Writes the reports per organization into a temporary tree beside
 * dir/groups/ (all of them or none), or notes an earlier run's tree to
 * remove when o->per_group is 0; refuses a "groups" folder semm did not
 * write. Free p with semm__report_groups_free whatever the result. */
int semm__report_groups_prepare(semm__groups_plan *p, const semm_result *res,
				const char *dir, const semm_report_options *o,
				semm_error *err);
/** Once the report set is in place: this run's tree in place of the
 * earlier one (renames), or the earlier one removed. */
int semm__report_groups_place(semm__groups_plan *p, semm_error *err);
/** Removes a tree that was not placed, and frees the paths. */
void semm__report_groups_free(semm__groups_plan *p);
/** Whether dir/groups/ may be written: SEMM_OK when absent or semm's. */
int semm__report_groups_check(const char *dir, semm_error *err);
/** The library's reasons the report translates, for tests. */
size_t semm__html_reason_count(void);
const char *semm__html_reason_en(size_t k);

/** One organization's part of the report (report_html_org.c). */
void semm__html_org_section(const html *h, size_t g);
/** The warnings among findings [first, end); returns how many entries
 * (report_html_org.c). */
size_t semm__html_warning_list(const html *h, size_t first, size_t end);
/** The appendix (report_html_appendix.c). */
void semm__html_appendix(const html *h);
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
