/*
 * history_write.c - writes what the history store answers: the list of
 * assessments, one assessment, and a group's trend, as an aligned table
 * for a terminal, CSV and JSON ("semm-history-list/1",
 * "semm-history-show/1", "semm-history-trend/1"); the trend's HTML page
 * is history_html.c's.
 */
#include <math.h>
#include <string.h>

#include "history/history_int.h"

#define LIST_FORMAT "semm-history-list/1"
#define SHOW_FORMAT "semm-history-show/1"
#define TREND_FORMAT "semm-history-trend/1"

/* ---- shared cells -------------------------------------------------------- */

static void csv_num(FILE *fp, double v)
{
	char buf[64];

	semm__format_number(v, buf, sizeof(buf));
	fputc(',', fp);
	fputs(buf, fp);
}

static void csv_cell(FILE *fp, const char *s)
{
	fputc(',', fp);
	semm__csv_text(fp, s);
}

static void csv_level(FILE *fp, int has, int level)
{
	fputc(',', fp);
	if (has)
		fprintf(fp, "%d", level);
}

/* A table cell: v with `dec` decimals, or "-" for none. */
static void tab_num(FILE *fp, int width, double v, int dec)
{
	if (isnan(v))
		fprintf(fp, " %*s", width, "-");
	else
		fprintf(fp, " %*.*f", width, dec, v);
}

static void tab_text(FILE *fp, int width, const char *s)
{
	char buf[256];

	semm_text_escape(s ? s : "-", buf, sizeof(buf));
	fprintf(fp, " %-*s", width, buf);
}

static void json_level(semm__jw *w, const char *key, int has, int level)
{
	if (has)
		semm__jw_number(w, key, (double)level);
	else
		semm__jw_null(w, key);
}

static int done(FILE *fp)
{
	return ferror(fp) ? SEMM_EIO : SEMM_OK;
}

/* ---- list ---------------------------------------------------------------- */

static void json_entry(semm__jw *w, const semm_history_entry *e)
{
	semm__jw_u64(w, "id", (uint64_t)e->id);
	semm__jw_string(w, "label", e->label);
	semm__jw_string(w, "added", e->added);
	semm__jw_string(w, "source", e->source);
	semm__jw_string(w, "engine_version", e->engine_version);
	semm__jw_open(w, "model", '{');
	semm__jw_string(w, "id", e->model_id);
	semm__jw_string(w, "version", e->model_version);
	semm__jw_string(w, "sha256", e->model_hash);
	semm__jw_close(w, '}');
	semm__jw_open(w, "questionnaire", '{');
	semm__jw_string(w, "id", e->questionnaire_id);
	semm__jw_string(w, "version", e->questionnaire_version);
	semm__jw_string(w, "sha256", e->questionnaire_hash);
	semm__jw_close(w, '}');
	semm__jw_string(w, "report_sha256", e->report_hash);
	semm__jw_string(w, "group_by", e->group_by);
	semm__jw_open(w, "responses", '{');
	semm__jw_string(w, "from", e->date_from);
	semm__jw_string(w, "to", e->date_to);
	semm__jw_close(w, '}');
	semm__jw_open(w, "respondents", '{');
	semm__jw_size(w, "read", e->read);
	semm__jw_size(w, "scored", e->scored);
	semm__jw_size(w, "rejected", e->rejected);
	semm__jw_close(w, '}');
	semm__jw_size(w, "groups", e->groups);
}

static const char list_csv_header[] =
	"id,label,added,source,model_id,model_version,model_sha256,"
	"questionnaire_id,questionnaire_version,questionnaire_sha256,"
	"report_sha256,group_by,responses_from,responses_to,read,scored,"
	"rejected,groups\n";

static void csv_entry(FILE *fp, const semm_history_entry *e)
{
	fprintf(fp, "%lld", e->id);
	csv_cell(fp, e->label);
	csv_cell(fp, e->added);
	csv_cell(fp, e->source);
	csv_cell(fp, e->model_id);
	csv_cell(fp, e->model_version);
	csv_cell(fp, e->model_hash);
	csv_cell(fp, e->questionnaire_id);
	csv_cell(fp, e->questionnaire_version);
	csv_cell(fp, e->questionnaire_hash);
	csv_cell(fp, e->report_hash);
	csv_cell(fp, e->group_by);
	csv_cell(fp, e->date_from);
	csv_cell(fp, e->date_to);
	fprintf(fp, ",%zu,%zu,%zu,%zu\n", e->read, e->scored, e->rejected,
		e->groups);
}

/* "2026-01-10..2026-02-03", "from 2026-01-10", "-" */
static const char *dates(const semm_history_entry *e, char *buf, size_t len)
{
	if (e->date_from && e->date_to)
		snprintf(buf, len, "%s..%s", e->date_from, e->date_to);
	else if (e->date_from)
		snprintf(buf, len, "from %s", e->date_from);
	else if (e->date_to)
		snprintf(buf, len, "to %s", e->date_to);
	else
		snprintf(buf, len, "-");
	return buf;
}

static void table_entry(FILE *fp, const semm_history_entry *e)
{
	char buf[64];

	fprintf(fp, "%4lld", e->id);
	tab_text(fp, 20, e->added);
	tab_text(fp, 22, dates(e, buf, sizeof(buf)));
	fprintf(fp, " %6zu %6zu", e->groups, e->scored);
	tab_text(fp, 0, e->label);
	fputc('\n', fp);
}

int semm_history_write_list(const semm_history_list *l, FILE *fp,
			    semm_history_format format)
{
	semm__jw w = { 0 };
	size_t i, n = semm_history_list_count(l);

	if (!l || !fp || format == SEMM_HISTORY_HTML)
		return SEMM_EARG;
	if (format == SEMM_HISTORY_CSV) {
		fputs(list_csv_header, fp);
		for (i = 0; i < n; i++)
			csv_entry(fp, semm_history_list_at(l, i));
		return done(fp);
	}
	if (format == SEMM_HISTORY_TABLE) {
		fprintf(fp, "%4s %-20s %-22s %6s %6s %s\n", "id", "added",
			"responses", "groups", "scored", "label");
		for (i = 0; i < n; i++)
			table_entry(fp, semm_history_list_at(l, i));
		return done(fp);
	}
	w.fp = fp;
	semm__jw_open(&w, NULL, '{');
	semm__jw_string(&w, "format", LIST_FORMAT);
	semm__jw_open(&w, "assessments", '[');
	for (i = 0; i < n; i++) {
		semm__jw_open(&w, NULL, '{');
		json_entry(&w, semm_history_list_at(l, i));
		semm__jw_close(&w, '}');
	}
	semm__jw_close(&w, ']');
	semm__jw_close(&w, '}');
	return w.failed ? SEMM_EIO : done(fp);
}

/* ---- show ---------------------------------------------------------------- */

static void json_place(semm__jw *w, const semm_history_place *p)
{
	semm__jw_open(w, NULL, '{');
	semm__jw_string(w, "segmentation", p->segmentation);
	semm__jw_string(w, "segment", p->segment);
	semm__jw_number(w, "percentile", p->percentile);
	semm__jw_number(w, "z", p->z);
	if (p->of > 0) {
		semm__jw_number(w, "rank", (double)p->rank);
		semm__jw_number(w, "of", (double)p->of);
	} else {
		semm__jw_null(w, "rank");
		semm__jw_null(w, "of");
	}
	semm__jw_string(w, "reason", p->reason);
	semm__jw_close(w, '}');
}

static void json_hunit(semm__jw *w, const semm_history_unit *u)
{
	size_t k;

	semm__jw_open(w, NULL, '{');
	semm__jw_string(w, "group", u->group);
	semm__jw_string(w, "type", u->type);
	semm__jw_string(w, "id", u->id);
	semm__jw_string(w, "name", u->name);
	semm__jw_string(w, "dimension", u->dimension);
	semm__jw_size(w, "n", u->n);
	semm__jw_exact(w, "mean", u->mean);
	semm__jw_exact(w, "sd", u->sd);
	semm__write_pair(w, "ci95", u->ci_lo, u->ci_hi);
	semm__jw_exact(w, "percent", u->percent);
	json_level(w, "level", u->has_level, u->level);
	semm__jw_string(w, "level_name", u->level_name);
	if (strcmp(u->type, "overall") == 0) {
		json_level(w, "staged_level", u->has_staged_level,
			   u->staged_level);
		semm__jw_string(w, "staged_level_name", u->staged_level_name);
	}
	semm__jw_exact(w, "alpha", u->alpha);
	semm__jw_exact(w, "rwg_j", u->rwg);
	semm__jw_open(w, "benchmark", '[');
	for (k = 0; k < u->n_places; k++)
		json_place(w, &u->places[k]);
	semm__jw_close(w, ']');
	semm__jw_close(w, '}');
}

static void csv_hunit(FILE *fp, long long id, const semm_history_unit *u)
{
	fprintf(fp, "%lld", id);
	csv_cell(fp, u->group);
	csv_cell(fp, u->type);
	csv_cell(fp, u->id);
	csv_cell(fp, u->name);
	csv_cell(fp, u->dimension);
	fprintf(fp, ",%zu", u->n);
	csv_num(fp, u->mean);
	csv_num(fp, u->sd);
	csv_num(fp, u->ci_lo);
	csv_num(fp, u->ci_hi);
	csv_num(fp, u->percent);
	csv_level(fp, u->has_level, u->level);
	csv_cell(fp, u->level_name);
	csv_level(fp, u->has_staged_level, u->staged_level);
	csv_cell(fp, u->staged_level_name);
	csv_num(fp, u->alpha);
	csv_num(fp, u->rwg);
	fputc('\n', fp);
}

static void table_places(FILE *fp, const semm_history_unit *u)
{
	const semm_history_place *p;
	size_t k;

	for (k = 0; k < u->n_places; k++) {
		p = &u->places[k];
		fprintf(fp, "%20s benchmark", "");
		tab_text(fp, 0, p->segmentation);
		fputs(" /", fp);
		tab_text(fp, 0, p->segment);
		if (p->of > 0)
			fprintf(fp,
				": percentile %.1f, z %.2f, rank %ld of %ld\n",
				p->percentile, p->z, p->rank, p->of);
		else
			fprintf(fp, ": not placed (%s)\n",
				p->reason ? p->reason : "no reason given");
	}
}

static void table_hunit(FILE *fp, const semm_history_unit *u)
{
	char lv[160];

	tab_text(fp, 10, u->type);
	tab_text(fp, 8, u->id);
	fprintf(fp, " %5zu", u->n);
	tab_num(fp, 6, u->mean, 2);
	tab_num(fp, 5, u->sd, 2);
	tab_num(fp, 6, u->ci_lo, 2);
	tab_num(fp, 6, u->ci_hi, 2);
	tab_num(fp, 6, u->percent, 1);
	tab_num(fp, 5, u->alpha, 2);
	tab_num(fp, 5, u->rwg, 2);
	if (u->has_level)
		snprintf(lv, sizeof(lv), "L%d %s", u->level,
			 u->level_name ? u->level_name : "");
	else
		snprintf(lv, sizeof(lv), "-");
	tab_text(fp, 0, lv);
	if (u->has_staged_level)
		fprintf(fp, " (staged L%d)", u->staged_level);
	fputc('\n', fp);
	table_places(fp, u);
}

static void table_show(const semm_history_show *s, FILE *fp)
{
	const semm_history_entry *e = semm_history_show_entry(s);
	const semm_history_unit *u;
	const char *group = NULL;
	char buf[64];
	size_t i;

	fprintf(fp, "assessment %lld", e->id);
	if (e->label)
		tab_text(fp, 0, e->label);
	fputc('\n', fp);
	fprintf(fp, "  added          %s from", e->added);
	tab_text(fp, 0, e->source);
	fprintf(fp, "\n  model          %s %s (sha256 %.16s...)\n", e->model_id,
		e->model_version, e->model_hash);
	fprintf(fp, "  questionnaire  %s %s (sha256 %.16s...)\n",
		e->questionnaire_id,
		e->questionnaire_version ? e->questionnaire_version : "",
		e->questionnaire_hash);
	fprintf(fp, "  responses      %s\n", dates(e, buf, sizeof(buf)));
	fprintf(fp, "  respondents    %zu read, %zu scored, %zu rejected\n",
		e->read, e->scored, e->rejected);
	for (i = 0; i < semm_history_show_unit_count(s); i++) {
		u = semm_history_show_unit_at(s, i);
		if (!group || strcmp(group, u->group) != 0) {
			group = u->group;
			fputs("\ngroup", fp);
			tab_text(fp, 0, group);
			fprintf(fp,
				"\n %-10s %-8s %5s %6s %5s %6s %6s %6s %5s "
				"%5s %s\n",
				"unit", "id", "n", "mean", "sd", "ci_lo",
				"ci_hi", "pct", "alpha", "rwg", "level");
		}
		table_hunit(fp, u);
	}
}

int semm_history_write_show(const semm_history_show *s, FILE *fp,
			    semm_history_format format)
{
	semm__jw w = { 0 };
	const semm_history_entry *e = semm_history_show_entry(s);
	size_t i, n = semm_history_show_unit_count(s);

	if (!s || !fp || format == SEMM_HISTORY_HTML)
		return SEMM_EARG;
	if (format == SEMM_HISTORY_TABLE) {
		table_show(s, fp);
		return done(fp);
	}
	if (format == SEMM_HISTORY_CSV) {
		fputs("assessment,group,unit_type,unit_id,unit_name,dimension,"
		      "n,mean,sd,ci95_lo,ci95_hi,percent,level,level_name,"
		      "staged_level,staged_level_name,alpha,rwg_j\n",
		      fp);
		for (i = 0; i < n; i++)
			csv_hunit(fp, e->id, semm_history_show_unit_at(s, i));
		return done(fp);
	}
	w.fp = fp;
	semm__jw_open(&w, NULL, '{');
	semm__jw_string(&w, "format", SHOW_FORMAT);
	semm__jw_open(&w, "assessment", '{');
	json_entry(&w, e);
	semm__jw_close(&w, '}');
	semm__jw_open(&w, "units", '[');
	for (i = 0; i < n; i++)
		json_hunit(&w, semm_history_show_unit_at(s, i));
	semm__jw_close(&w, ']');
	semm__jw_close(&w, '}');
	return w.failed ? SEMM_EIO : done(fp);
}

/* ---- trend: JSON and CSV ------------------------------------------------- */

static void json_point(semm__jw *w, const semm_trend_point *p)
{
	semm__jw_open(w, NULL, '{');
	semm__jw_size(w, "wave", p->wave);
	semm__jw_u64(w, "assessment", (uint64_t)p->assessment);
	semm__jw_string(w, "label", p->label);
	semm__jw_size(w, "n", p->n);
	semm__jw_exact(w, "mean", p->mean);
	semm__jw_exact(w, "sd", p->sd);
	semm__write_pair(w, "ci95", p->ci_lo, p->ci_hi);
	semm__jw_exact(w, "percent", p->percent);
	json_level(w, "level", p->has_level, p->level);
	semm__jw_string(w, "level_name", p->level_name);
	semm__jw_close(w, '}');
}

static void json_change(semm__jw *w, const semm_trend_series *s, size_t j)
{
	const semm_compare_unit *c = &s->changes[j];

	semm__jw_open(w, NULL, '{');
	semm__jw_size(w, "from_wave", s->points[j].wave);
	semm__jw_size(w, "to_wave", s->points[j + 1].wave);
	semm__jw_exact(w, "difference", c->diff.diff);
	semm__jw_exact(w, "se", c->diff.se);
	semm__jw_exact(w, "df", c->diff.df);
	semm__write_pair(w, "ci95", c->diff.ci_lo, c->diff.ci_hi);
	semm__jw_exact(w, "percent_points", c->percent_points);
	semm__jw_string(w, "verdict", semm_verdict_name(c->verdict));
	semm__jw_string(w, "reason", c->reason);
	semm__jw_string(w, "level_change",
			semm_level_change_name(c->level_change));
	semm__jw_close(w, '}');
}

static void json_fit(semm__jw *w, const semm_linfit *f)
{
	semm__jw_open(w, "trend", '{');
	semm__jw_size(w, "points", f->n);
	semm__jw_exact(w, "slope", f->slope);
	semm__jw_exact(w, "intercept", f->intercept);
	semm__jw_exact(w, "se", f->se_slope);
	semm__jw_exact(w, "df", f->df);
	semm__write_pair(w, "ci95", f->ci_lo, f->ci_hi);
	semm__jw_string(w, "reason", f->reason);
	semm__jw_close(w, '}');
}

static void json_trend(const semm_trend *t, semm__jw *w)
{
	const semm_trend_series *s;
	size_t i, j;

	semm__jw_open(w, NULL, '{');
	semm__jw_string(w, "format", TREND_FORMAT);
	semm__jw_string(w, "group", t->group);
	semm__jw_open(w, "warnings", '[');
	for (i = 0; i < t->n_warnings; i++)
		semm__jw_string(w, NULL, t->warnings[i]);
	semm__jw_close(w, ']');
	semm__jw_open(w, "units", '[');
	for (i = 0; i < t->n_series; i++) {
		s = &t->series[i];
		semm__jw_open(w, NULL, '{');
		semm__jw_string(w, "type", s->type);
		semm__jw_string(w, "id", s->id);
		semm__jw_string(w, "name", s->name);
		semm__jw_open(w, "points", '[');
		for (j = 0; j < s->n_points; j++)
			json_point(w, &s->points[j]);
		semm__jw_close(w, ']');
		semm__jw_open(w, "changes", '[');
		for (j = 0; j + 1 < s->n_points; j++)
			json_change(w, s, j);
		semm__jw_close(w, ']');
		json_fit(w, &s->fit);
		semm__jw_close(w, '}');
	}
	semm__jw_close(w, ']');
	semm__jw_open(w, "methods", '{');
	semm__jw_string(w, "change",
			"as semm compare: the later mean minus the earlier, "
			"Welch 95 % interval, verdict and level change");
	semm__jw_string(w, "trend",
			"ordinary least squares of the unit's mean on the "
			"wave number (1, 2, ... in the order the assessments "
			"were added); 95 % Student t interval of the slope "
			"with n - 2 degrees of freedom, given from 3 waves");
	semm__jw_close(w, '}');
	semm__jw_close(w, '}');
}

static void csv_trend_row(FILE *fp, const semm_trend *t,
			  const semm_trend_series *s, size_t j)
{
	const semm_trend_point *p = &s->points[j];
	const semm_compare_unit *c = j ? &s->changes[j - 1] : NULL;
	const char *lc;

	semm__csv_text(fp, t->group);
	csv_cell(fp, s->type);
	csv_cell(fp, s->id);
	csv_cell(fp, s->name);
	fprintf(fp, ",%zu,%lld", p->wave, p->assessment);
	csv_cell(fp, p->label);
	fprintf(fp, ",%zu", p->n);
	csv_num(fp, p->mean);
	csv_num(fp, p->sd);
	csv_num(fp, p->ci_lo);
	csv_num(fp, p->ci_hi);
	csv_num(fp, p->percent);
	csv_level(fp, p->has_level, p->level);
	csv_cell(fp, p->level_name);
	csv_num(fp, c ? c->diff.diff : NAN);
	csv_num(fp, c ? c->diff.ci_lo : NAN);
	csv_num(fp, c ? c->diff.ci_hi : NAN);
	csv_num(fp, c ? c->percent_points : NAN);
	csv_cell(fp, c ? semm_verdict_name(c->verdict) : NULL);
	lc = c ? semm_level_change_name(c->level_change) : NULL;
	csv_cell(fp, lc);
	csv_num(fp, s->fit.slope);
	csv_num(fp, s->fit.ci_lo);
	csv_num(fp, s->fit.ci_hi);
	fputc('\n', fp);
}

/* ---- trend: table -------------------------------------------------------- */

static void table_series(FILE *fp, const semm_trend_series *s)
{
	const semm_compare_unit *c;
	const semm_trend_point *p;
	size_t j;

	fputc('\n', fp);
	tab_text(fp, 0, s->type);
	tab_text(fp, 0, s->id);
	if (s->name)
		tab_text(fp, 0, s->name);
	fprintf(fp, "\n %4s %4s %5s %6s %5s %15s %6s %-3s  %7s %17s %s\n",
		"wave", "id", "n", "mean", "sd", "ci95", "pct", "lvl", "change",
		"ci95", "verdict");
	for (j = 0; j < s->n_points; j++) {
		p = &s->points[j];
		fprintf(fp, " %4zu %4lld %5zu", p->wave, p->assessment, p->n);
		tab_num(fp, 6, p->mean, 2);
		tab_num(fp, 5, p->sd, 2);
		if (isnan(p->ci_lo))
			fprintf(fp, " %15s", "-");
		else
			fprintf(fp, " [%6.2f, %5.2f]", p->ci_lo, p->ci_hi);
		tab_num(fp, 6, p->percent, 1);
		if (p->has_level)
			fprintf(fp, " L%-2d", p->level);
		else
			fprintf(fp, " %-3s", "-");
		if (j == 0) {
			fputc('\n', fp);
			continue;
		}
		c = &s->changes[j - 1];
		fprintf(fp, "  %+7.2f", c->diff.diff);
		if (isnan(c->diff.ci_lo))
			fprintf(fp, " %17s", "-");
		else
			fprintf(fp, " [%+6.2f, %+6.2f]", c->diff.ci_lo,
				c->diff.ci_hi);
		fprintf(fp, " %s\n", semm_verdict_name(c->verdict));
	}
	if (s->fit.reason && isnan(s->fit.slope))
		fprintf(fp, " trend: none (%s)\n", s->fit.reason);
	else if (isnan(s->fit.ci_lo))
		fprintf(fp, " trend: %+.3f per wave, no interval (%s)\n",
			s->fit.slope, s->fit.reason ? s->fit.reason : "-");
	else
		fprintf(fp,
			" trend: %+.3f per wave, 95 %% CI [%+.3f, %+.3f] "
			"(%zu waves)\n",
			s->fit.slope, s->fit.ci_lo, s->fit.ci_hi, s->fit.n);
}

int semm_history_write_trend(const semm_trend *t, FILE *fp,
			     semm_history_format format)
{
	semm__jw w = { 0 };
	size_t i, j;

	if (!t || !fp)
		return SEMM_EARG;
	switch (format) {
	case SEMM_HISTORY_JSON:
		w.fp = fp;
		json_trend(t, &w);
		return w.failed ? SEMM_EIO : done(fp);
	case SEMM_HISTORY_CSV:
		fputs("group,unit_type,unit_id,unit_name,wave,assessment,label,"
		      "n,mean,sd,ci95_lo,ci95_hi,percent,level,level_name,"
		      "change,change_ci95_lo,change_ci95_hi,"
		      "change_percent_points,verdict,level_change,"
		      "trend_slope,trend_ci95_lo,trend_ci95_hi\n",
		      fp);
		for (i = 0; i < t->n_series; i++)
			for (j = 0; j < t->series[i].n_points; j++)
				csv_trend_row(fp, t, &t->series[i], j);
		return done(fp);
	case SEMM_HISTORY_HTML:
		semm__history_write_html(t, fp);
		return done(fp);
	case SEMM_HISTORY_TABLE:
		fputs("group", fp);
		tab_text(fp, 0, t->group);
		fputc('\n', fp);
		for (i = 0; i < t->n_warnings; i++)
			fprintf(fp, "warning: %s\n", t->warnings[i]);
		for (i = 0; i < t->n_series; i++)
			table_series(fp, &t->series[i]);
		return done(fp);
	}
	return SEMM_EARG;
}
