/*
 * report_xlsx.c - report.xlsx, the assessment as an Excel workbook, with
 * libxlsxwriter (its only user: no libxlsxwriter type leaves this file).
 *
 * The sheets are the Summary, then the tables of the CSV files as
 * report_csv.c and report_bench.c build them (a table sink here turns
 * their cells into typed cells: numbers as numbers in the column's
 * number format, missing values as empty cells), then the Methods: the
 * parameters and methods blocks of report.json as path and value rows
 * (the JSON writer in pairs mode). Each table has a bold, frozen and
 * filtered header row, columns as wide as their content (capped) and a
 * colour scale on percent columns.
 *
 * libxlsxwriter writes a workbook to a file name, not a stream: the
 * workbook is assembled in a scratch file in $TMPDIR (or /tmp), removed
 * at once where it can be reached as /dev/fd/N, and copied to the
 * stream. Its date is fixed, so the same result gives the
 * same bytes. libxlsxwriter reports an error also on standard error.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "report/report_int.h"

/* Excel's limits: rows and columns of a sheet, bytes of a cell's text
 * (libxlsxwriter counts characters; a byte limit is the safe side). */
#define SHEET_ROWS ((size_t)LXW_ROW_MAX)
#define SHEET_COLS ((size_t)LXW_COL_MAX)
#define CELL_TEXT_MAX ((size_t)32767) /* Excel: characters in a cell */

/* Column widths in characters: the longest cell, the header with room
 * for its filter button, capped so that a long descriptor does not push
 * the rest of the table off the screen. */
#define WIDTH_MIN 4.0
#define WIDTH_MAX 50.0
#define WIDTH_PAD 1.0
#define HEADER_PAD 3.0

/* The workbook's date, 1980-01-01T00:00:00Z: fixed (libxlsxwriter
 * dates the zip entries so too), so that the output is deterministic. */
#define BOOK_TIME ((time_t)315532800)

/* The colour scale of percent columns: Excel's red, yellow and green,
 * at 0, 50 and 100 percent of scale. */
#define SCALE_LOW 0xF8696B
#define SCALE_MID 0xFFEB84
#define SCALE_HIGH 0x63BE7B

/* Formats: one per kind of column (semm__col), then these. */
enum { F_HEADER = SEMM__COL_STAT + 1, F_TITLE, F_LABEL, N_FORMATS };

static const char *const number_formats[] = {
	NULL,	 /* text: General */
	"0",	 /* count */
	"0.00",	 /* score */
	"0.0",	 /* percent */
	"0.0",	 /* points */
	"0.000", /* statistic */
};
static const int decimals[] = { -1, 0, 2, 1, 1, 3 };

typedef struct book {
	lxw_workbook *wb;
	lxw_format *fmt[N_FORMATS];
	size_t max_rows; /* rows of a sheet */
	char notes[512]; /* the tables cut short, for the Summary */
} book;

/* A sheet being written, row by row. */
typedef struct sheet {
	book *b;
	lxw_worksheet *ws;
	const char *name;
	const char *csv;  /* the CSV file of the same rows, or NULL */
	size_t first;	  /* the header row of its table */
	size_t row;	  /* the row being written */
	size_t col;	  /* the next cell's column */
	size_t n_cols;	  /* columns of the table */
	size_t cap;	  /* room in kinds and widths */
	semm__col *kinds; /* per column */
	double *widths;	  /* per column */
	unsigned long long left_out; /* rows beyond the sheet's end */
	int rc;			     /* the first error */
} sheet;

/* ---- errors ------------------------------------------------------------ */

/* The code of a libxlsxwriter error: its allocations failed, or (files,
 * the zip, arguments) anything else. */
static int code_of(lxw_error e)
{
	if (e == LXW_NO_ERROR)
		return SEMM_OK;
	if (e == LXW_ERROR_MEMORY_MALLOC_FAILED)
		return SEMM_ENOMEM;
	/* creating a file or the zip sets errno; stdio allocates */
	if ((e == LXW_ERROR_CREATING_XLSX_FILE ||
	     e == LXW_ERROR_CREATING_TMPFILE ||
	     e == LXW_ERROR_ZIP_FILE_OPERATION) &&
	    errno == ENOMEM)
		return SEMM_ENOMEM;
	return SEMM_EIO;
}

static int keep(sheet *s, int rc)
{
	if (rc < 0 && s->rc == 0)
		s->rc = rc;
	return rc;
}

/* ---- texts ------------------------------------------------------------- */

/* Whether byte c is a control character that XML 1.0 cannot hold. */
static int bad_control(unsigned char c)
{
	return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

/* Whether s can go into a cell as it is: valid UTF-8, no control
 * character XML cannot hold, within a cell's length. */
static int plain_text(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), len;

	if (n > CELL_TEXT_MAX)
		return 0;
	while (n > 0) {
		len = *p < 0x80 ? 1 : semm__utf8_len(p, n);
		if (len == 0 || bad_control(*p))
			return 0;
		p += len;
		n -= len;
	}
	return 1;
}

/* A copy of s with each invalid byte and control character replaced by
 * U+FFFD, cut at a character to fit a cell (ending in an ellipsis). */
static char *clean_text(const char *s)
{
	static const char mark[] = "\xef\xbf\xbd", more[] = "\xe2\x80\xa6";
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), len, at = 0;
	char *out = malloc(CELL_TEXT_MAX + 1);

	if (!out)
		return NULL;
	while (n > 0) {
		len = *p < 0x80 ? 1 : semm__utf8_len(p, n);
		if (len == 0 || bad_control(*p)) {
			if (at + 3 > CELL_TEXT_MAX - 3)
				break;
			memcpy(out + at, mark, 3);
			at += 3;
			len = len ? len : 1;
		} else {
			if (at + len > CELL_TEXT_MAX - 3)
				break;
			memcpy(out + at, p, len);
			at += len;
		}
		p += len;
		n -= len;
	}
	if (n > 0) {
		memcpy(out + at, more, 3);
		at += 3;
	}
	out[at] = '\0';
	return out;
}

/* The width of a text: characters of its longest line. */
static double text_width(const char *s)
{
	size_t line = 0, widest = 0;

	for (; *s; s++) {
		if (*s == '\n')
			line = 0;
		else if (((unsigned char)*s & 0xC0) != 0x80)
			line++;
		if (line > widest)
			widest = line;
	}
	return (double)widest;
}

/* The width of a number as its column's format shows it. */
static double number_width(double v, semm__col kind)
{
	char buf[32];
	int n = decimals[kind] < 0
			? snprintf(buf, sizeof(buf), "%.10g", v)
			: snprintf(buf, sizeof(buf), "%.*f", decimals[kind], v);

	return n < 0 ? WIDTH_MAX : (double)n;
}

/* ---- sheets: cells, rows, columns --------------------------------------- */

static int fits(const sheet *s)
{
	/* the sheet's last row is kept for the note on rows left out */
	return s->row + 1 < s->b->max_rows;
}

static void widen(sheet *s, double w)
{
	if (s->col < s->n_cols && w > s->widths[s->col])
		s->widths[s->col] = w;
}

static int cell_text(sheet *s, const char *text, lxw_format *f)
{
	char *clean = NULL;
	int rc = SEMM_OK;

	if (text && *text && fits(s) && s->col < SHEET_COLS) {
		if (!plain_text(text)) {
			clean = clean_text(text);
			if (!clean)
				return keep(s, SEMM_ENOMEM);
			text = clean;
		}
		rc = code_of(worksheet_write_string(
			s->ws, (lxw_row_t)s->row, (lxw_col_t)s->col, text, f));
		widen(s, text_width(text));
		free(clean);
	}
	s->col++;
	return keep(s, rc);
}

static int cell_number(sheet *s, double v)
{
	semm__col kind = s->col < s->n_cols ? s->kinds[s->col] : SEMM__COL_TEXT;
	int rc = SEMM_OK;

	if (isfinite(v) && fits(s) && s->col < SHEET_COLS) {
		rc = code_of(worksheet_write_number(
			s->ws, (lxw_row_t)s->row, (lxw_col_t)s->col,
			v == 0 ? 0 : v, s->b->fmt[kind]));
		widen(s, number_width(v, kind));
	}
	s->col++;
	return keep(s, rc);
}

static int cell_bool(sheet *s, int v)
{
	int rc = SEMM_OK;

	if (fits(s) && s->col < SHEET_COLS)
		rc = code_of(worksheet_write_boolean(
			s->ws, (lxw_row_t)s->row, (lxw_col_t)s->col, v, NULL));
	widen(s, v ? 4 : 5);
	s->col++;
	return keep(s, rc);
}

static int row_end(sheet *s)
{
	if (fits(s))
		s->row++;
	else
		s->left_out++;
	s->col = 0;
	return s->rc;
}

/* A header cell: the column's kind, its name in bold. */
static int column(sheet *s, const char *name, semm__col kind)
{
	if (s->n_cols == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 32;
		semm__col *k = realloc(s->kinds, cap * sizeof(*k));
		double *w;

		if (!k)
			return keep(s, SEMM_ENOMEM);
		s->kinds = k;
		w = realloc(s->widths, cap * sizeof(*w));
		if (!w)
			return keep(s, SEMM_ENOMEM);
		s->widths = w;
		s->cap = cap;
	}
	s->kinds[s->n_cols] = kind;
	s->widths[s->n_cols++] = text_width(name) + HEADER_PAD;
	return cell_text(s, name, s->b->fmt[F_HEADER]);
}

/* ---- the table sink ----------------------------------------------------- */

static int sink_column(void *ctx, const char *name, semm__col kind)
{
	return column(ctx, name, kind);
}

static int sink_text(void *ctx, const char *s)
{
	return cell_text(ctx, s, NULL);
}

static int sink_number(void *ctx, double v)
{
	return cell_number(ctx, v);
}

static int sink_end_row(void *ctx)
{
	return row_end(ctx);
}

static const semm__tab_sink table_sink = { sink_column, sink_text, sink_number,
					   sink_end_row };

/* ---- a sheet's table, finished ------------------------------------------ */

/* The last row: how many rows did not fit, and where they are. */
static void note_left_out(sheet *s)
{
	char note[256];
	size_t used = strlen(s->b->notes);

	snprintf(note, sizeof(note),
		 "%llu more row(s) not shown: a sheet holds %zu rows%s%s",
		 s->left_out, s->b->max_rows, s->csv ? "; all are in " : "",
		 s->csv ? s->csv : "");
	s->col = 0;
	s->row = s->b->max_rows - 1;
	keep(s, code_of(worksheet_write_string(s->ws, (lxw_row_t)s->row, 0,
					       note, s->b->fmt[F_LABEL])));
	snprintf(s->b->notes + used, sizeof(s->b->notes) - used, "%s%s: %llu",
		 used ? ", " : "", s->name, s->left_out);
}

/* The percent colour scale over rows first..last of column c. */
static int colour_scale(sheet *s, size_t first, size_t last, size_t c)
{
	lxw_conditional_format cf;

	memset(&cf, 0, sizeof(cf));
	cf.type = LXW_CONDITIONAL_3_COLOR_SCALE;
	cf.min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
	cf.min_value = 0;
	cf.min_color = SCALE_LOW;
	cf.mid_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
	cf.mid_value = 50;
	cf.mid_color = SCALE_MID;
	cf.max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
	cf.max_value = 100;
	cf.max_color = SCALE_HIGH;
	return code_of(worksheet_conditional_format_range(
		s->ws, (lxw_row_t)first, (lxw_col_t)c, (lxw_row_t)last,
		(lxw_col_t)c, &cf));
}

/* Ends the table that started at row s->first: widths, the filter, the
 * colour scales and, if asked, the frozen header. */
static int table_end(sheet *s, int freeze)
{
	size_t last = s->row > s->first ? s->row - 1 : s->first, c;
	size_t n = s->n_cols < SHEET_COLS ? s->n_cols : SHEET_COLS;
	double w;
	int rc = SEMM_OK;

	if (s->rc < 0)
		return s->rc;
	if (freeze)
		worksheet_freeze_panes(s->ws, (lxw_row_t)s->first + 1, 0);
	/* the filter before the note: rows go out as they are finished, and
	 * libxlsxwriter refuses a range ending above the last row written */
	if (n > 0)
		rc = code_of(worksheet_autofilter(s->ws, (lxw_row_t)s->first, 0,
						  (lxw_row_t)last,
						  (lxw_col_t)(n - 1)));
	if (rc == SEMM_OK && s->left_out)
		note_left_out(s);
	for (c = 0; c < n && rc == SEMM_OK; c++) {
		w = s->widths[c] + WIDTH_PAD;
		w = w < WIDTH_MIN ? WIDTH_MIN : w > WIDTH_MAX ? WIDTH_MAX : w;
		rc = code_of(worksheet_set_column(s->ws, (lxw_col_t)c,
						  (lxw_col_t)c, w, NULL));
		if (rc == SEMM_OK && s->kinds[c] == SEMM__COL_PERCENT &&
		    last > s->first)
			rc = colour_scale(s, s->first + 1, last, c);
	}
	return keep(s, rc);
}

static int sheet_open(sheet *s, book *b, const char *name, const char *csv)
{
	memset(s, 0, sizeof(*s));
	s->b = b;
	s->name = name;
	s->csv = csv;
	s->ws = workbook_add_worksheet(b->wb, name);
	/* the names are valid: only an allocation can fail */
	return s->ws ? SEMM_OK : SEMM_ENOMEM;
}

static void sheet_close(sheet *s)
{
	free(s->kinds);
	free(s->widths);
	s->kinds = NULL;
	s->widths = NULL;
}

/* ---- the sheets ---------------------------------------------------------- */

/* A table of the CSV files, built into t. */
typedef int (*table_fn)(semm__tab *t, const semm_result *res);

static int scores_table(semm__tab *t, const semm_result *res)
{
	semm__tab_scores(t, res);
	return SEMM_OK;
}

static int reliability_table(semm__tab *t, const semm_result *res)
{
	semm__tab_reliability(t, res);
	return SEMM_OK;
}

static int across_table(semm__tab *t, const semm_result *res)
{
	semm__tab_across_groups(t, res);
	return SEMM_OK;
}

static int improvements_table(semm__tab *t, const semm_result *res)
{
	semm__tab_improvements(t, res);
	return SEMM_OK;
}

static int benchmark_table(semm__tab *t, const semm_result *res)
{
	const char **ids =
		malloc((res->n_groups ? res->n_groups : 1) * sizeof(char *));
	size_t g;

	if (!ids)
		return SEMM_ENOMEM;
	for (g = 0; g < res->n_groups; g++)
		ids[g] = res->groups[g].id;
	semm__tab_benchmark(t, res->model, res->bench, ids);
	free(ids);
	return SEMM_OK;
}

/* A sheet holding one table of the CSV files. */
static int table_sheet(sheet *s, const semm_result *res, table_fn fill)
{
	semm__tab t;
	int rc, done;

	semm__tab_init_sink(&t, &table_sink, s);
	rc = fill(&t, res);
	done = semm__tab_finish(&t);
	if (rc == SEMM_OK)
		rc = done;
	return rc < 0 ? keep(s, rc) : table_end(s, 1);
}

/* The Methods sheet: report.json's parameters and methods, one row per
 * value, named by its path. */
static void method_pair(void *ctx, const char *path, const semm__jw_value *v)
{
	sheet *s = ctx;

	cell_text(s, path, NULL);
	switch (v->type) {
	case 's': cell_text(s, v->text, NULL); break;
	case 'n': cell_number(s, v->number); break;
	case 'b': cell_bool(s, v->number != 0); break;
	default: s->col++; break;
	}
	row_end(s);
}

static int methods_sheet(sheet *s, const semm_result *res)
{
	semm__jw *w = calloc(1, sizeof(*w));

	if (!w)
		return keep(s, SEMM_ENOMEM);
	column(s, "item", SEMM__COL_TEXT);
	column(s, "value", SEMM__COL_TEXT);
	row_end(s);
	w->pair = method_pair;
	w->pair_ctx = s;
	semm__jw_open(w, NULL, '{');
	semm__write_parameters(w, res);
	semm__write_methods(w, res);
	semm__jw_close(w, '}');
	free(w);
	return table_end(s, 1);
}

/* A label in bold and its value, text or a count; the widest label so
 * far in *widest. */
static void label_row(sheet *s, const char *label, const char *text,
		      double count, double *widest)
{
	if (text_width(label) > *widest)
		*widest = text_width(label);
	cell_text(s, label, s->b->fmt[F_LABEL]);
	if (text)
		cell_text(s, text, NULL);
	else
		cell_number(s, count);
	row_end(s);
}

/* The labels above the Summary's table; returns the widest label's
 * width. */
static double summary_head(sheet *s, const semm_result *res)
{
	const semm_model *m = res->model;
	char engine[64];
	semm__buf scope = { 0 };
	double w = 0;

	snprintf(engine, sizeof(engine), "semm %s", SEMM_VERSION_STRING);
	cell_text(s, "Maturity assessment", s->b->fmt[F_TITLE]);
	row_end(s);
	row_end(s);
	label_row(s, "Assessment", m->title, NAN, &w);
	if (keep(s, semm__scope_sentence(res, SEMM__LANG_EN, &scope)) == 0)
		label_row(s, "Scope", scope.data, NAN, &w);
	semm__buf_free(&scope);
	label_row(s, "Levels", m->levels_label, NAN, &w);
	label_row(s, "Model id", m->id, NAN, &w);
	label_row(s, "Model version", m->version, NAN, &w);
	label_row(s, "Questionnaire id", res->q->id, NAN, &w);
	label_row(s, "Questionnaire version", res->q->version, NAN, &w);
	label_row(s, "Engine", engine, NAN, &w);
	label_row(s, "Grouped by",
		  res->group_by ? res->group_by : "(one group)", NAN, &w);
	label_row(s, "Respondents read", NULL,
		  (double)semm_result_read_count(res), &w);
	label_row(s, "Respondents scored", NULL,
		  (double)semm_result_scored_count(res), &w);
	label_row(s, "Respondents rejected", NULL,
		  (double)semm_result_rejected_count(res), &w);
	label_row(s, "Groups", NULL, (double)res->n_groups, &w);
	if (s->b->notes[0])
		label_row(s, "Rows not shown", s->b->notes, NAN, &w);
	row_end(s);
	return w;
}

/* Per group: respondents, overall percent, level and staged level. */
static void summary_groups(semm__tab *t, const semm_result *res)
{
	const semm_model *m = res->model;
	int top = (int)m->n_bands - 1;
	const char *ids[SEMM_MAX_MODEL_UNITS];
	size_t g, e, n;

	semm__tab_column(t, "Group", SEMM__COL_TEXT);
	semm__tab_column(t, "Respondents", SEMM__COL_COUNT);
	semm__tab_column(t, "Overall %", SEMM__COL_PERCENT);
	semm__tab_column(t, "Level", SEMM__COL_COUNT);
	semm__tab_column(t, "Level name", SEMM__COL_TEXT);
	semm__tab_column(t, "Staged level", SEMM__COL_COUNT);
	semm__tab_column(t, "Staged level name", SEMM__COL_TEXT);
	semm__tab_column(t, "Limiting elements", SEMM__COL_TEXT);
	semm__tab_column(t, "Implementation stage (indicative)",
			 SEMM__COL_TEXT);
	semm__tab_end_row(t);
	for (g = 0; g < res->n_groups; g++) {
		const semm__group *gr = &res->groups[g];
		int lv = gr->overall.level, st = gr->staged;

		semm__tab_text(t, gr->id);
		semm__tab_count(t, gr->n);
		semm__tab_number(t, gr->overall.percent);
		if (lv >= 0)
			semm__tab_int(t, m->bands[lv].level);
		else
			semm__tab_empty(t, 1);
		semm__tab_text(t, lv >= 0 ? m->bands[lv].name : NULL);
		if (st >= 0)
			semm__tab_int(t, m->bands[st].level);
		else
			semm__tab_empty(t, 1);
		semm__tab_text(t, st >= 0 ? m->bands[st].name : NULL);
		for (e = 0, n = 0; e < m->n_elems && st >= 0 && st < top &&
				   n < SEMM_MAX_MODEL_UNITS;
		     e++) {
			if (gr->elems[e].level == st)
				ids[n++] = m->elems[e].id;
		}
		semm__tab_words(t, ids, n);
		semm__tab_text(t, semm_stage_name(gr->stage.stage));
		semm__tab_end_row(t);
	}
}

static int summary_sheet(sheet *s, const semm_result *res)
{
	semm__tab t;
	int rc;

	double labels = summary_head(s, res);

	s->first = s->row;
	semm__tab_init_sink(&t, &table_sink, s);
	summary_groups(&t, res);
	rc = semm__tab_finish(&t);
	/* the labels above the table count in its first column's width */
	if (s->n_cols > 0 && s->widths[0] < labels)
		s->widths[0] = labels;
	return rc < 0 ? keep(s, rc) : table_end(s, 0);
}

/* ---- the workbook --------------------------------------------------------- */

static int add_formats(book *b)
{
	size_t k;

	for (k = 0; k < N_FORMATS; k++) {
		b->fmt[k] = workbook_add_format(b->wb);
		if (!b->fmt[k])
			return SEMM_ENOMEM;
	}
	for (k = 0; k <= SEMM__COL_STAT; k++) {
		if (number_formats[k])
			format_set_num_format(b->fmt[k], number_formats[k]);
	}
	format_set_bold(b->fmt[F_HEADER]);
	format_set_bottom(b->fmt[F_HEADER], LXW_BORDER_THIN);
	format_set_bold(b->fmt[F_TITLE]);
	format_set_font_size(b->fmt[F_TITLE], 14);
	format_set_bold(b->fmt[F_LABEL]);
	return SEMM_OK;
}

enum {
	S_SUMMARY,
	S_SCORES,
	S_RESPONDENTS,
	S_RELIABILITY,
	S_ACROSS,
	S_IMPROVEMENTS,
	S_BENCHMARK,
	S_RATINGS,
	S_METHODS,
	N_SHEETS
};

static const struct {
	const char *name;
	const char *csv;
} sheet_names[N_SHEETS] = {
	{ "Summary", NULL },
	{ "Scores", "scores.csv" },
	{ "Respondents", "respondents.csv" },
	{ "Reliability", "reliability.csv" },
	{ "Across groups", "across_groups.csv" },
	{ "Improvements", "improvements.csv" },
	{ "Benchmark", "benchmark.csv" },
	{ "Ratings", "ratings.csv" },
	{ "Methods", NULL },
};

/* Whether sheet k is in the workbook of res. */
static int has_sheet(const semm_result *res, size_t k)
{
	if (k == S_RESPONDENTS)
		return !res->summary && res->r->opts.keep_rows;
	if (k == S_BENCHMARK)
		return res->bench != NULL;
	if (k == S_RATINGS)
		return res->ratings != NULL;
	return 1;
}

static int fill_sheets(book *b, sheet *s, const semm_result *res)
{
	static const table_fn fills[N_SHEETS] = {
		NULL,
		scores_table,
		semm__tab_respondents,
		reliability_table,
		across_table,
		improvements_table,
		benchmark_table,
		semm__tab_ratings,
		NULL,
	};
	size_t k;
	int rc = SEMM_OK;

	for (k = 0; k < N_SHEETS && rc == SEMM_OK; k++) {
		if (has_sheet(res, k))
			rc = sheet_open(&s[k], b, sheet_names[k].name,
					sheet_names[k].csv);
	}
	/* the Summary last: it names the tables that were cut short */
	for (k = 1; k < N_SHEETS && rc == SEMM_OK; k++) {
		if (!has_sheet(res, k))
			continue;
		rc = k == S_METHODS ? methods_sheet(&s[k], res)
				    : table_sheet(&s[k], res, fills[k]);
	}
	if (rc == SEMM_OK)
		rc = summary_sheet(&s[S_SUMMARY], res);
	return rc;
}

static int write_book(const semm_result *res, const char *path,
		      const char *tmpdir, size_t max_rows)
{
	lxw_workbook_options opts = { 0 };
	lxw_doc_properties props = { 0 };
	sheet s[N_SHEETS];
	book b;
	size_t k;
	int rc;

	memset(&b, 0, sizeof(b));
	memset(s, 0, sizeof(s));
	b.max_rows = max_rows;
	/* rows go to libxlsxwriter's temporary files as they are finished,
	 * texts inline, rather than every cell being held in memory until
	 * the workbook is closed (some 250 bytes a cell: 1.3 GB for a
	 * workbook of 300,000 respondents, against the 70 MB of the run) */
	opts.constant_memory = 1;
	opts.tmpdir = (char *)tmpdir;
	b.wb = workbook_new_opt(path, &opts);
	if (!b.wb)
		return SEMM_ENOMEM;
	props.title = res->model->title;
	props.comments = "written by semm " SEMM_VERSION_STRING;
	props.created = BOOK_TIME;
	rc = code_of(workbook_set_properties(b.wb, &props));
	/* libxlsxwriter (to 1.1.x at least) frees the workbook's properties
	 * before copying the new ones, and leaves the pointer to them when
	 * a copy fails: clear it, or freeing the workbook frees them again */
	if (rc < 0)
		b.wb->properties = NULL;
	if (rc == SEMM_OK)
		rc = add_formats(&b);
	if (rc == SEMM_OK)
		rc = fill_sheets(&b, s, res);
	for (k = 0; k < N_SHEETS; k++)
		sheet_close(&s[k]);
	if (rc < 0) {
		lxw_workbook_free(b.wb);
		return rc;
	}
	errno = 0;
	return code_of(workbook_close(b.wb));
}

/* Copies the file open as fd to fp. */
static int copy_out(int fd, FILE *fp)
{
	char buf[16384];
	ssize_t got;

	if (lseek(fd, 0, SEEK_SET) != 0)
		return SEMM_EIO;
	for (;;) {
		got = read(fd, buf, sizeof(buf));
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		if (fwrite(buf, 1, (size_t)got, fp) != (size_t)got)
			return SEMM_EIO;
	}
	return got < 0 || ferror(fp) ? SEMM_EIO : SEMM_OK;
}

int semm__report_write_xlsx(const semm_result *res, FILE *fp, size_t max_rows)
{
	const char *env = getenv("TMPDIR");
	const char *dir = env && env[0] == '/' ? env : "/tmp";
	size_t len = strlen(dir) + sizeof("/semm-xlsx-XXXXXX");
	char *path = malloc(len), name[32];
	const char *target;
	struct stat st;
	int fd, rc;

	if (!path)
		return SEMM_ENOMEM;
	snprintf(path, len, "%s/semm-xlsx-XXXXXX", dir);
	fd = mkstemp(path);
	if (fd >= 0)
		fcntl(fd, F_SETFD, FD_CLOEXEC);
	if (fd < 0) {
		rc = errno == ENOMEM ? SEMM_ENOMEM : SEMM_EIO;
		free(path);
		return rc;
	}
	/* libxlsxwriter opens the file by name: where the system names open
	 * files (/dev/fd), the scratch file is removed at once and reached
	 * through its descriptor, so that nothing is left behind whatever
	 * happens to the process */
	snprintf(name, sizeof(name), "/dev/fd/%d", fd);
	target = stat(name, &st) == 0 && unlink(path) == 0 ? name : path;
	rc = write_book(res, target, dir, max_rows);
	if (rc == SEMM_OK)
		rc = copy_out(fd, fp);
	close(fd);
	if (target == path)
		unlink(path);
	free(path);
	return rc;
}

int semm_report_write_xlsx(const semm_result *res, FILE *fp)
{
	if (!res || !fp)
		return SEMM_EARG;
	return semm__report_write_xlsx(res, fp, SHEET_ROWS);
}
