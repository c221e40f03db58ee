/*
 * report_bench.c - the benchmark in report.json (its "benchmark" block)
 * and benchmark.csv (one row per group and unit: score, and percentile
 * rank, z-score and rank among all peers and within each segmentation).
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

void semm__write_benchmark(semm__jw *w, const semm_model *m,
			   const semm__bench *b, const char *const *ids)
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

static void put_number(FILE *fp, double v)
{
	char buf[64];

	semm__format_number(v, buf, sizeof(buf));
	fputs(buf, fp);
}

int semm__write_benchmark_csv(FILE *fp, const semm_model *m,
			      const semm__bench *b, const char *const *ids)
{
	size_t g, u, s;
	const char *type, *id;
	semm__place pl;

	fputs("group,respondents,entered,unit_type,unit,score", fp);
	for (s = 0; s < b->n_segs; s++) {
		static const char *const suffix[] = { "", "_percentile", "_z",
						      "_rank", "_of" };
		char cell[256];
		size_t k;

		for (k = 0; k < 5; k++) {
			snprintf(cell, sizeof(cell), "%s%s", b->segs[s].name,
				 suffix[k]);
			fputc(',', fp);
			semm__csv_text(fp, cell);
		}
	}
	fputc('\n', fp);
	for (g = 0; g < b->n_groups; g++) {
		for (u = 0; u < b->n_units; u++) {
			semm__bench_unit(m, u, &type, &id);
			semm__csv_text(fp, ids[g]);
			fprintf(fp, ",%zu,%s,%s,", b->n_resp[g],
				b->entered[g] ? "yes" : "no", type);
			semm__csv_text(fp, id);
			fputc(',', fp);
			put_number(fp, b->score[g * b->n_units + u]);
			for (s = 0; s < b->n_segs; s++) {
				const semm__segmentation *sg = &b->segs[s];

				semm__bench_place(b, s, g, u, &pl);
				fputc(',', fp);
				if (sg->peer_of[g] != SIZE_MAX)
					semm__csv_text(
						fp,
						sg->peers[sg->peer_of[g]].name);
				fputc(',', fp);
				put_number(fp, pl.percentile);
				fputc(',', fp);
				put_number(fp, pl.z);
				if (pl.rank)
					fprintf(fp, ",%zu,%zu", pl.rank, pl.of);
				else
					fputs(",,", fp);
			}
			fputc('\n', fp);
		}
	}
	return ferror(fp) ? SEMM_EIO : SEMM_OK;
}

int semm_report_write_benchmark_csv(const semm_result *res, FILE *fp)
{
	const char **ids;
	size_t g;
	int rc;

	if (!res || !fp || !res->bench)
		return SEMM_EARG;
	ids = malloc((res->n_groups ? res->n_groups : 1) * sizeof(char *));
	if (!ids)
		return SEMM_ENOMEM;
	for (g = 0; g < res->n_groups; g++)
		ids[g] = res->groups[g].id;
	rc = semm__write_benchmark_csv(fp, res->model, res->bench, ids);
	free(ids);
	return rc;
}
