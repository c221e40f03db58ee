/*
 * report_bench.c - the benchmark in report.json (its "benchmark" block)
 * and benchmark.csv (one row per group and unit: score, and percentile
 * rank, z-score and rank among all peers and within each segmentation;
 * its table is also the Benchmark sheet of report.xlsx).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_int.h"

static const char *const percentile_text =
	"percentile rank: the share of peers scoring strictly below plus "
	"half the share scoring equal, x 100 (the group itself is among its "
	"peers)";
static const char *const z_text =
	"z: (score - peer mean) / peer standard deviation (sample form, "
	"n - 1)";
static const char *const rank_text =
	"rank: 1 + the number of peers scoring strictly higher (ties share "
	"the best rank)";

static const char *method_name(const semm__bench *b)
{
	return b->pooled ? "pooled-over-respondents"
			 : "mean-of-organization-means";
}

static void write_dist(semm__jw *w, const semm__bench *b, const semm__dist *d)
{
	size_t i;

	semm__jw_size(w, "n", d->n);
	if (d->withheld) {
		semm__jw_bool(w, "withheld", 1);
		semm__jw_string(w, "reason", d->withheld);
		semm__jw_size(w, "organizations", d->short_n);
		semm__jw_size(w, "anonymity_threshold", b->min_groups);
		return;
	}
	semm__jw_bool(w, "withheld", 0);
	semm__jw_number(w, "weight", d->weight);
	semm__jw_number(w, "mean", d->mean);
	semm__jw_number(w, "sd", d->sd);
	semm__jw_number(w, "min", d->min);
	semm__jw_number(w, "q1", d->q1);
	semm__jw_number(w, "median", d->median);
	semm__jw_number(w, "q3", d->q3);
	semm__jw_number(w, "max", d->max);
	semm__jw_open(w, "deciles", '[');
	for (i = 0; i < 9; i++)
		semm__jw_number(w, NULL, d->decile[i]);
	semm__jw_close(w, ']');
}

static void write_segmentations(semm__jw *w, const semm_model *m,
				const semm__bench *b)
{
	size_t s, p, u;
	const char *type, *id;

	semm__jw_open(w, "segmentations", '[');
	for (s = 0; s < b->n_segs; s++) {
		const semm__segmentation *sg = &b->segs[s];

		semm__jw_open(w, NULL, '{');
		semm__jw_string(w, "name", sg->name);
		semm__jw_open(w, "segments", '[');
		for (p = 0; p < sg->n_peers; p++) {
			const semm__peer *peer = &sg->peers[p];

			semm__jw_open(w, NULL, '{');
			semm__jw_string(w, "segment", peer->name);
			semm__jw_size(w, "organizations", peer->n_groups);
			semm__jw_size(w, "respondents", peer->n_resp);
			semm__jw_open(w, "units", '[');
			for (u = 0; u < b->n_units; u++) {
				semm__bench_unit(m, u, &type, &id);
				semm__jw_open(w, NULL, '{');
				semm__jw_string(w, "type", type);
				semm__jw_string(w, "id", id);
				write_dist(w, b, &peer->units[u]);
				semm__jw_close(w, '}');
			}
			semm__jw_close(w, ']');
			semm__jw_close(w, '}');
		}
		semm__jw_close(w, ']');
		semm__jw_close(w, '}');
	}
	semm__jw_close(w, ']');
}

static void write_place(semm__jw *w, const semm__bench *b, size_t s, size_t g,
			size_t u)
{
	const semm__segmentation *sg = &b->segs[s];
	semm__place pl;

	semm__bench_place(b, s, g, u, &pl);
	semm__jw_open(w, NULL, '{');
	semm__jw_string(w, "segmentation", sg->name);
	semm__jw_string(w, "segment",
			sg->peer_of[g] == SIZE_MAX
				? NULL
				: sg->peers[sg->peer_of[g]].name);
	semm__jw_number(w, "percentile", pl.percentile);
	semm__jw_number(w, "z", pl.z);
	if (pl.rank)
		semm__jw_size(w, "rank", pl.rank);
	else
		semm__jw_null(w, "rank");
	semm__jw_size(w, "of", pl.of);
	semm__jw_string(w, "reason", pl.why);
	semm__jw_close(w, '}');
}

static void write_groups(semm__jw *w, const semm_model *m, const semm__bench *b,
			 const char *const *ids)
{
	size_t g, u, s;
	const char *type, *id;
	char why[160];

	semm__jw_open(w, "groups", '[');
	for (g = 0; g < b->n_groups; g++) {
		semm__jw_open(w, NULL, '{');
		semm__jw_string(w, "id", ids[g]);
		semm__jw_size(w, "respondents", b->n_resp[g]);
		semm__jw_bool(w, "entered", b->entered[g]);
		if (!b->entered[g]) {
			snprintf(why, sizeof(why),
				 "%zu scored respondent%s, fewer than the "
				 "%zu needed to enter the benchmark",
				 b->n_resp[g], b->n_resp[g] == 1 ? "" : "s",
				 b->min_resp);
			semm__jw_string(w, "reason", why);
			semm__jw_close(w, '}');
			continue;
		}
		semm__jw_open(w, "units", '[');
		for (u = 0; u < b->n_units; u++) {
			semm__bench_unit(m, u, &type, &id);
			semm__jw_open(w, NULL, '{');
			semm__jw_string(w, "type", type);
			semm__jw_string(w, "id", id);
			semm__jw_number(w, "score",
					b->score[g * b->n_units + u]);
			semm__jw_open(w, "peers", '[');
			for (s = 0; s < b->n_segs; s++)
				write_place(w, b, s, g, u);
			semm__jw_close(w, ']');
			semm__jw_close(w, '}');
		}
		semm__jw_close(w, ']');
		semm__jw_close(w, '}');
	}
	semm__jw_close(w, ']');
}

/* benchmark.scope: one run has one scope, so the organizations share
 * it and are compared on its units only. */
static void write_bench_scope(semm__jw *w, const char *scope)
{
	char text[512];

	if (scope)
		snprintf(text, sizeof(text),
			 "every organization of the run was assessed with the "
			 "same scope (%s) and is compared with the others "
			 "only on the units in scope; units not in scope are "
			 "not placed",
			 scope);
	else
		snprintf(text, sizeof(text),
			 "every organization of the run was assessed on the "
			 "whole model and is compared on every unit");
	semm__jw_open(w, "scope", '{');
	semm__jw_string(w, "canonical", scope);
	semm__jw_string(w, "statement", text);
	semm__jw_close(w, '}');
}

void semm__write_benchmark(semm__jw *w, const semm_model *m,
			   const semm__bench *b, const char *const *ids,
			   const char *scope)
{
	size_t i;

	semm__jw_open(w, "benchmark", '{');
	semm__jw_string(w, "method", method_name(b));
	semm__jw_string(w, "method_text",
			b->pooled ? "each peer weighs as many as its "
				    "respondents scored on the unit: the "
				    "peer mean is the pooled mean over "
				    "respondents"
				  : "each peer organization weighs the same: "
				    "the peer mean is the mean of "
				    "organization means");
	semm__jw_string(w, "scale", "percent");
	semm__jw_size(w, "min_respondents", b->min_resp);
	semm__jw_size(w, "anonymity_threshold", b->min_groups);
	write_bench_scope(w, scope);
	semm__jw_open(w, "definitions", '[');
	semm__jw_string(w, NULL, percentile_text);
	semm__jw_string(w, NULL, z_text);
	semm__jw_string(w, NULL, rank_text);
	semm__jw_close(w, ']');
	semm__jw_size(w, "entered", b->n_entered);
	semm__jw_open(w, "notes", '[');
	for (i = 0; i < b->notes.n; i++)
		semm__jw_string(w, NULL, b->notes.text[i]);
	semm__jw_close(w, ']');
	write_segmentations(w, m, b);
	write_groups(w, m, b, ids);
	semm__jw_close(w, '}');
}

void semm__tab_benchmark(semm__tab *t, const semm_model *m,
			 const semm__bench *b, const char *const *ids)
{
	static const char *const suffix[] = { "", "_percentile", "_z", "_rank",
					      "_of" };
	static const semm__col kind[] = { SEMM__COL_TEXT, SEMM__COL_PERCENT,
					  SEMM__COL_STAT, SEMM__COL_COUNT,
					  SEMM__COL_COUNT };
	size_t g, u, s, k;
	const char *type, *id;
	char cell[256];
	semm__place pl;

	semm__tab_column(t, "group", SEMM__COL_TEXT);
	semm__tab_column(t, "respondents", SEMM__COL_COUNT);
	semm__tab_column(t, "entered", SEMM__COL_TEXT);
	semm__tab_column(t, "unit_type", SEMM__COL_TEXT);
	semm__tab_column(t, "unit", SEMM__COL_TEXT);
	semm__tab_column(t, "score", SEMM__COL_PERCENT);
	for (s = 0; s < b->n_segs; s++) {
		for (k = 0; k < 5; k++) {
			snprintf(cell, sizeof(cell), "%s%s", b->segs[s].name,
				 suffix[k]);
			semm__tab_column(t, cell, kind[k]);
		}
	}
	semm__tab_end_row(t);
	for (g = 0; g < b->n_groups; g++) {
		for (u = 0; u < b->n_units; u++) {
			semm__bench_unit(m, u, &type, &id);
			semm__tab_text(t, ids[g]);
			semm__tab_count(t, b->n_resp[g]);
			semm__tab_text(t, b->entered[g] ? "yes" : "no");
			semm__tab_text(t, type);
			semm__tab_text(t, id);
			semm__tab_number(t, b->score[g * b->n_units + u]);
			for (s = 0; s < b->n_segs; s++) {
				const semm__segmentation *sg = &b->segs[s];

				semm__bench_place(b, s, g, u, &pl);
				semm__tab_text(
					t, sg->peer_of[g] == SIZE_MAX
						   ? NULL
						   : sg->peers[sg->peer_of[g]]
							     .name);
				semm__tab_number(t, pl.percentile);
				semm__tab_number(t, pl.z);
				if (pl.rank) {
					semm__tab_count(t, pl.rank);
					semm__tab_count(t, pl.of);
				} else {
					semm__tab_empty(t, 2);
				}
			}
			semm__tab_end_row(t);
		}
	}
}

int semm_report_write_benchmark_csv(const semm_result *res, FILE *fp)
{
	const char **ids;
	semm__tab t;
	size_t g;
	int rc;

	if (!res || !fp || !res->bench)
		return SEMM_EARG;
	ids = malloc((res->n_groups ? res->n_groups : 1) * sizeof(char *));
	if (!ids)
		return SEMM_ENOMEM;
	for (g = 0; g < res->n_groups; g++)
		ids[g] = res->groups[g].id;
	semm__tab_init_csv(&t, fp);
	semm__tab_benchmark(&t, res->model, res->bench, ids);
	rc = semm__tab_finish(&t);
	free(ids);
	return rc;
}
