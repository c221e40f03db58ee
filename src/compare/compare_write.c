/*
 * compare_write.c - writes a comparison: compare.json ("semm-compare/1")
 * and compare.csv, and a folder of them with compare.html
 * (compare_html.c) all or nothing.
 */
#include <math.h>
#include <string.h>

#include "compare/compare_internal.h"

/* ---- compare.json ------------------------------------------------------- */

static void json_side_info(semm__jw *w, const side_info *s, const char *key)
{
	size_t i;

	semm__jw_open(w, key, '{');
	semm__jw_string(w, "source", s->source);
	semm__jw_open(w, "engine", '{');
	semm__jw_string(w, "name", s->engine_name);
	semm__jw_string(w, "version", s->engine_version);
	semm__jw_close(w, '}');
	semm__jw_open(w, "model", '{');
	semm__jw_string(w, "id", s->model_id);
	semm__jw_string(w, "version", s->model_version);
	semm__jw_string(w, "title", s->model_title);
	semm__jw_close(w, '}');
	semm__jw_open(w, "questionnaire", '{');
	semm__jw_string(w, "id", s->q_id);
	semm__jw_string(w, "version", s->q_version);
	semm__jw_close(w, '}');
	semm__jw_string(w, "group_by", s->group_by);
	semm__jw_open(w, "inputs", '[');
	for (i = 0; i < s->n_inputs; i++)
		semm__jw_string(w, NULL, s->inputs[i]);
	semm__jw_close(w, ']');
	semm__jw_open(w, "respondents", '{');
	semm__jw_size(w, "read", s->read);
	semm__jw_size(w, "scored", s->scored);
	semm__jw_size(w, "rejected", s->rejected);
	semm__jw_close(w, '}');
	semm__jw_close(w, '}');
}

static void json_side(semm__jw *w, const char *key, const semm_compare_side *s)
{
	semm__jw_open(w, key, '{');
	semm__jw_size(w, "n", s->n);
	semm__jw_number(w, "mean", s->mean);
	semm__jw_number(w, "sd", s->sd);
	semm__jw_number(w, "percent", s->percent);
	if (s->has_level)
		semm__jw_number(w, "level", (double)s->level);
	else
		semm__jw_null(w, "level");
	semm__jw_string(w, "level_name", s->level_name);
	semm__jw_close(w, '}');
}

static void json_unit(semm__jw *w, const char *key, const semm_compare_unit *u)
{
	semm__jw_open(w, key, '{');
	if (strcmp(u->type, "overall") != 0) {
		semm__jw_string(w, "id", u->id);
		semm__jw_string(w, "name", u->name);
	}
	if (strcmp(u->type, "element") == 0)
		semm__jw_string(w, "dimension", u->dimension);
	json_side(w, "before", &u->before);
	json_side(w, "after", &u->after);
	semm__jw_open(w, "difference", '{');
	semm__jw_number(w, "mean", u->diff.diff);
	semm__jw_number(w, "se", u->diff.se);
	semm__jw_number(w, "df", u->diff.df);
	semm__write_pair(w, "ci95", u->diff.ci_lo, u->diff.ci_hi);
	semm__jw_number(w, "percent_points", u->percent_points);
	semm__jw_close(w, '}');
	semm__jw_string(w, "verdict", semm_verdict_name(u->verdict));
	semm__jw_string(w, "reason", u->reason);
	semm__jw_string(w, "level_change",
			semm_level_change_name(u->level_change));
	semm__jw_close(w, '}');
}

/* Writes the units of one group from *i on; leaves *i at the next. */
static void json_group(semm__jw *w, const semm_compare *c, size_t *i)
{
	const char *group = c->units[*i].group;
	const char *kinds[2][2] = { { "dimensions", "dimension" },
				    { "elements", "element" } };
	size_t k;

	semm__jw_open(w, NULL, '{');
	semm__jw_string(w, "id", group);
	json_unit(w, "overall", &c->units[(*i)++]);
	for (k = 0; k < 2; k++) {
		semm__jw_open(w, kinds[k][0], '[');
		while (*i < c->n_units && c->units[*i].group == group &&
		       strcmp(c->units[*i].type, kinds[k][1]) == 0)
			json_unit(w, NULL, &c->units[(*i)++]);
		semm__jw_close(w, ']');
	}
	semm__jw_close(w, '}');
}

static void json_methods(semm__jw *w)
{
	semm__jw_open(w, "methods", '{');
	semm__jw_string(w, "difference",
			"mean of the after report minus mean of the before "
			"report, for the same group and unit");
	semm__jw_string(w, "interval",
			"Welch: se = sqrt(sd1^2/n1 + sd2^2/n2), df = se^4 / "
			"((sd1^2/n1)^2/(n1-1) + (sd2^2/n2)^2/(n2-1)), "
			"difference -/+ t(0.975, df) * se");
	semm__jw_number(w, "level", SEMM_COMPARE_LEVEL);
	semm__jw_string(w, "verdict",
			"improvement when the interval is entirely above 0, "
			"decline when entirely below 0, within noise "
			"otherwise; insufficient data when a side has fewer "
			"than 2 scores, a figure is missing or neither side "
			"varies");
	semm__jw_string(w, "percent_points",
			"percent of the after report minus percent of the "
			"before report");
	semm__jw_string(w, "level_change",
			"up, down or same: the after level against the "
			"before level; null when a side has no level");
	semm__jw_close(w, '}');
}

int semm_compare_write_json(const semm_compare *c, FILE *fp)
{
	semm__jw w = { 0 };
	size_t i;
	int k;

	if (!c || !fp)
		return SEMM_EARG;
	w.fp = fp;
	semm__jw_open(&w, NULL, '{');
	semm__jw_string(&w, "format", COMPARE_FORMAT);
	semm__jw_open(&w, "engine", '{');
	semm__jw_string(&w, "name", "semm");
	semm__jw_string(&w, "version", SEMM_VERSION_STRING);
	semm__jw_close(&w, '}');
	semm__jw_open(&w, "model", '{');
	semm__jw_string(&w, "id", c->side[AFTER].model_id);
	semm__jw_string(&w, "version", c->side[AFTER].model_version);
	semm__jw_string(&w, "title", c->side[AFTER].model_title);
	semm__jw_close(&w, '}');
	for (k = BEFORE; k <= AFTER; k++)
		json_side_info(&w, &c->side[k], semm__compare_side_key[k]);
	semm__jw_open(&w, "warnings", '[');
	for (i = 0; i < c->n_warnings; i++)
		semm__jw_string(&w, NULL, c->warnings[i]);
	semm__jw_close(&w, ']');
	semm__jw_open(&w, "unmatched", '{');
	for (k = BEFORE; k <= AFTER; k++) {
		semm__jw_open(&w, semm__compare_side_key[k], '[');
		for (i = 0; i < c->n_unmatched[k]; i++)
			semm__jw_string(&w, NULL, c->unmatched[k][i]);
		semm__jw_close(&w, ']');
	}
	semm__jw_close(&w, '}');
	semm__jw_open(&w, "groups", '[');
	for (i = 0; i < c->n_units;)
		json_group(&w, c, &i);
	semm__jw_close(&w, ']');
	semm__compare_ratings_json(&w, c);
	json_methods(&w);
	semm__jw_close(&w, '}');
	return w.failed || ferror(fp) ? SEMM_EIO : SEMM_OK;
}

/* ---- compare.csv -------------------------------------------------------- */

static void csv_number(FILE *fp, double v)
{
	char buf[64];

	semm__format_number(v, buf, sizeof(buf));
	fputc(',', fp);
	fputs(buf, fp);
}

static void csv_side(FILE *fp, const semm_compare_side *s)
{
	fprintf(fp, ",%zu", s->n);
	csv_number(fp, s->mean);
	csv_number(fp, s->sd);
	csv_number(fp, s->percent);
	fputc(',', fp);
	if (s->has_level)
		fprintf(fp, "%d", s->level);
	fputc(',', fp);
	semm__csv_text(fp, s->level_name);
}

int semm_compare_write_csv(const semm_compare *c, FILE *fp)
{
	const semm_compare_unit *u;
	const char *change;
	size_t i;

	if (!c || !fp)
		return SEMM_EARG;
	fputs("group,unit_type,unit_id,unit_name,"
	      "before_n,before_mean,before_sd,before_percent,before_level,"
	      "before_level_name,after_n,after_mean,after_sd,after_percent,"
	      "after_level,after_level_name,diff,se,df,ci95_lo,ci95_hi,"
	      "percent_points,verdict,level_change,reason\n",
	      fp);
	for (i = 0; i < c->n_units; i++) {
		u = &c->units[i];
		semm__csv_text(fp, u->group);
		fprintf(fp, ",%s,", u->type);
		semm__csv_text(fp, u->id);
		fputc(',', fp);
		semm__csv_text(fp, u->name);
		csv_side(fp, &u->before);
		csv_side(fp, &u->after);
		csv_number(fp, u->diff.diff);
		csv_number(fp, u->diff.se);
		csv_number(fp, u->diff.df);
		csv_number(fp, u->diff.ci_lo);
		csv_number(fp, u->diff.ci_hi);
		csv_number(fp, u->percent_points);
		fprintf(fp, ",%s,", semm_verdict_name(u->verdict));
		change = semm_level_change_name(u->level_change);
		fputs(change ? change : "", fp);
		fputc(',', fp);
		semm__csv_text(fp, u->reason);
		fputc('\n', fp);
	}
	semm__compare_ratings_csv(fp, c);
	return ferror(fp) ? SEMM_EIO : SEMM_OK;
}

/* ---- writing a folder --------------------------------------------------- */

typedef int (*writer_fn)(const semm_compare *, FILE *);

static const char *const file_names[] = { "compare.json", "compare.csv",
					  "compare.html" };
static const writer_fn file_writers[] = { semm_compare_write_json,
					  semm_compare_write_csv,
					  semm_compare_write_html };
static const unsigned file_flags[] = { SEMM_COMPARE_JSON, SEMM_COMPARE_CSV,
				       SEMM_COMPARE_HTML };

#define N_FILES (sizeof(file_names) / sizeof(file_names[0]))

static int write_one(const void *ctx, size_t k, FILE *fp)
{
	return file_writers[k](ctx, fp);
}

int semm_compare_write_dir(const semm_compare *c, const char *dir,
			   unsigned formats, semm_error *err)
{
	unsigned wanted = 0;
	size_t k;

	if (!c || !dir || (formats & SEMM_COMPARE_ALL) == 0 ||
	    (formats & ~SEMM_COMPARE_ALL) != 0)
		return semm__fail(err, SEMM_EARG, dir, 0, 0,
				  "semm_compare_write_dir: no comparison, "
				  "folder or format");
	for (k = 0; k < N_FILES; k++) {
		if (formats & file_flags[k])
			wanted |= 1u << k;
	}
	return semm__write_files(dir, file_names, N_FILES, wanted, write_one, c,
				 err);
}
