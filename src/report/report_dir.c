/*
 * report_dir.c - writes a result's report files into a folder, all or
 * nothing (see outfiles.c): report.json, the CSV files, and on request
 * report.html and report.xlsx.
 */
#include "report/report_html.h"

typedef int (*writer_fn)(const semm_result *, FILE *);

static const char *const report_names[] = {
	"report.json",	    "scores.csv",	 "respondents.csv",
	"reliability.csv",  "across_groups.csv", "aggregation.csv",
	"improvements.csv", "report.html",	 "benchmark.csv",
	"report.xlsx",	    "ratings.csv"
};
static const writer_fn report_writers[] = { semm_report_write_json,
					    semm_report_write_scores_csv,
					    semm_report_write_respondents_csv,
					    semm_report_write_reliability_csv,
					    semm_report_write_across_groups_csv,
					    semm_report_write_aggregation_csv,
					    semm_report_write_improvements_csv,
					    semm_report_write_html,
					    semm_report_write_benchmark_csv,
					    semm_report_write_xlsx,
					    semm_report_write_ratings_csv };
/* The format each file belongs to. */
static const unsigned report_formats[] = {
	SEMM_REPORT_JSON, SEMM_REPORT_CSV,  SEMM_REPORT_CSV, SEMM_REPORT_CSV,
	SEMM_REPORT_CSV,  SEMM_REPORT_CSV,  SEMM_REPORT_CSV, SEMM_REPORT_HTML,
	SEMM_REPORT_CSV,  SEMM_REPORT_XLSX, SEMM_REPORT_CSV
};

#define N_REPORTS (sizeof(report_names) / sizeof(report_names[0]))

/* The index of a report file's name in report_names. */
static size_t report_index(const char *name)
{
	size_t k;

	for (k = 0; k < N_REPORTS && strcmp(report_names[k], name) != 0; k++)
		;
	return k;
}

/* What a report set is written from. */
typedef struct report_ctx {
	const semm_result *res;
	const semm_report_options *o;
} report_ctx;

static int write_one(const void *ctx, size_t k, FILE *fp)
{
	const report_ctx *c = ctx;

	if (report_writers[k] == semm_report_write_html)
		return semm_report_write_html_ext(c->res, fp, c->o, -1, NULL);
	return report_writers[k](c->res, fp);
}

int semm_report_write_dir_formats(const semm_result *res, const char *dir,
				  unsigned formats, semm_error *err)
{
	semm_report_options o = SEMM_REPORT_OPTIONS_INIT;

	o.formats = formats;
	return semm_report_write(res, dir, &o, err);
}

int semm_report_write(const semm_result *res, const char *dir,
		      const semm_report_options *opts, semm_error *err)
{
	semm_report_options o = SEMM_REPORT_OPTIONS_INIT;
	semm__write_spec spec = { 0 };
	semm__groups_plan groups;
	unsigned wanted = 0, formats;
	report_ctx ctx;
	size_t k;
	int rc;

	if (opts &&
	    (opts->version < 1 || opts->version > SEMM_REPORT_OPTIONS_VERSION))
		return semm__fail(err, SEMM_EARG, dir, 0, 0,
				  "report options version %u is not known",
				  opts->version);
	if (opts)
		o = *opts;
	formats = o.formats;

	if (!res || !dir || formats == 0 ||
	    (formats & ~(unsigned)SEMM_REPORT_ALL) != 0)
		return semm__fail(err, SEMM_EARG, dir, 0, 0,
				  "no result, folder or report format");
	for (k = 0; k < N_REPORTS; k++) {
		if (formats & report_formats[k])
			wanted |= 1u << k;
	}
	/* respondents.csv lists kept rows: none in a summary, nor from a
	 * store (or merged partials) read without them */
	if (res->summary || !res->r->opts.keep_rows)
		wanted &= ~(1u << report_index("respondents.csv"));
	if (!res->bench) /* benchmark.csv only for a benchmark */
		wanted &= ~(1u << report_index("benchmark.csv"));
	if (!res->ratings) /* ratings.csv only with ratings */
		wanted &= ~(1u << report_index("ratings.csv"));
	rc = semm__html_check_logo(&o, err);
	if (rc == SEMM_OK && o.per_group)
		rc = semm__report_groups_check(dir, err);
	if (rc != SEMM_OK)
		return rc;
	/* the reports per organization first: what can fail is done before
	 * the set is placed */
	rc = semm__report_groups_prepare(&groups, res, dir, &o, err);
	ctx.res = res;
	ctx.o = &o;
	spec.dir = dir;
	spec.names = report_names;
	spec.n = N_REPORTS;
	spec.wanted = wanted;
	spec.write = write_one;
	spec.ctx = &ctx;
	spec.threads = res->threads; /* the result's (score options) */
	if (rc == SEMM_OK)
		rc = semm__write_set(&spec, err);
	if (rc == SEMM_OK)
		rc = semm__report_groups_place(&groups, err);
	semm__report_groups_free(&groups);
	return rc;
}

int semm_report_write_dir(const semm_result *res, const char *dir,
			  semm_error *err)
{
	return semm_report_write_dir_formats(
		res, dir, SEMM_REPORT_JSON | SEMM_REPORT_CSV, err);
}
