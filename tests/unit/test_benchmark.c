/*
 * test_benchmark.c - the benchmark of groups against their peers, pinned
 * to tests/data/bench (EXPECTED.md there works every figure out by hand:
 * eight organizations whose respondents answer every item alike, so each
 * organization's score is a plain mean of a few percents).
 */
#include <math.h>

#include "test_helpers.h"

static semm_model *model;
static semm_questionnaire *quest;
static semm_responses *resp;
static semm_result *res;

/* Units: 0 overall, 1-2 dimensions D1, D2, 3-5 elements E1, E2, E3. */
#define U_OVERALL 0
#define U_E3 5

static void load(int pooled, size_t min_resp, size_t min_groups)
{
	static const char *const attrs[] = { "sector", "size" };
	static const char *const segs[] = { "sector", "sector+size" };
	semm_read_options ro = SEMM_READ_OPTIONS_INIT;
	semm_score_options so = SEMM_SCORE_OPTIONS_INIT;
	semm_error err;

	semm_error_clear(&err);
	ro.attributes = attrs;
	ro.n_attributes = 2;
	load_handworked_with(&model, &quest, &resp,
			     DATA("tests/data/bench/responses.csv"), &ro);
	so.segment_by = segs;
	so.n_segment_by = 2;
	so.bench_pooled = pooled;
	so.bench_min_respondents = min_resp;
	so.bench_min_groups = min_groups;
	cr_assert_eq(semm_score_run(&res, model, quest, resp, &so, &err), 0,
		     "%s", err.message);
}

static void unload(void)
{
	free_loaded(&res, &resp, &quest, &model);
}

static void setup(void)
{
	load(0, 2, 3);
}

/* Groups are sorted by id: P1..P8 are 0..7. */
static semm_bench_place place(size_t s, size_t g, size_t u)
{
	semm_bench_place p;

	cr_assert_eq(semm_result_bench_place(res, s, g, u, &p), 0);
	return p;
}

TestSuite(benchmark, .init = setup, .fini = unload);

Test(benchmark, all_peers_distribution)
{
	semm_bench_dist d;

	cr_assert_eq(semm_result_bench_segmentations(res), 3);
	cr_assert_eq(semm_result_bench_dist(res, 0, "all", U_OVERALL, &d), 0);
	cr_assert_null(d.withheld);
	cr_expect_eq(d.n, 7);
	expect_close(d.weight, 7);
	expect_close(d.mean, 400.0 / 7.0);
	expect_close(d.sd, sqrt(227500.0 / 294.0));
	expect_close(d.min, 25);
	expect_close(d.q1, 37.5);
	expect_close(d.median, 50);
	expect_close(d.q3, 75);
	expect_close(d.max, 100);
	expect_close(d.decile[0], 25);
	expect_close(d.decile[4], 50);
	expect_close(d.decile[8], 85);
}

Test(benchmark, percentile_z_and_rank_among_all)
{
	double sd = sqrt(227500.0 / 294.0);
	semm_bench_place p = place(0, 0, U_OVERALL);

	expect_close(p.score, 50);
	expect_close(p.percentile, 300.0 / 7.0);
	expect_close(p.z, (-50.0 / 7.0) / sd);
	cr_expect_eq(p.rank, 4);
	cr_expect_eq(p.of, 7);
	p = place(0, 4, U_OVERALL); /* P5, the best */
	expect_close(p.percentile, 650.0 / 7.0);
	expect_close(p.z, (300.0 / 7.0) / sd);
	cr_expect_eq(p.rank, 1);
	p = place(0, 3, U_E3); /* P4, tied lowest with P6 */
	expect_close(p.percentile, 100.0 / 7.0);
	cr_expect_eq(p.rank, 6);
}

Test(benchmark, within_segment)
{
	semm_bench_dist d;
	semm_bench_place p = place(1, 0, U_OVERALL); /* P1 in sector h */

	cr_expect_str_eq(p.segment, "h");
	expect_close(p.percentile, 50);
	expect_close(p.z, 0);
	cr_expect_eq(p.rank, 2);
	cr_expect_eq(p.of, 4);
	p = place(1, 2, U_OVERALL); /* P3 */
	expect_close(p.z, sqrt(1.5));
	cr_assert_eq(semm_result_bench_dist(res, 1, "h", U_OVERALL, &d), 0);
	expect_close(d.sd, sqrt(1250.0 / 3.0));
}

Test(benchmark, small_segments_are_withheld)
{
	semm_bench_dist d;
	semm_bench_place p = place(1, 4, U_OVERALL); /* P5 in sector r */

	cr_expect_str_eq(p.segment, "r");
	cr_expect(isnan(p.percentile));
	cr_expect_eq(p.rank, 0);
	cr_expect_not_null(p.reason);
	cr_assert_eq(semm_result_bench_dist(res, 1, "r", U_OVERALL, &d), 0);
	cr_expect_not_null(d.withheld);
	cr_expect(isnan(d.mean));
	cr_assert_eq(semm_result_bench_dist(res, 2, "h / s", U_OVERALL, &d), 0);
	cr_expect_not_null(d.withheld);
}

Test(benchmark, too_few_respondents_and_no_segment)
{
	semm_bench_place p = place(0, 6, U_OVERALL); /* P7: 1 respondent */

	expect_close(p.score, 100);
	cr_expect(isnan(p.percentile));
	cr_expect_not_null(p.reason);
	p = place(1, 7, U_OVERALL); /* P8: no sector */
	cr_expect_null(p.segment);
	cr_expect(isnan(p.percentile));
	p = place(0, 7, U_OVERALL); /* but among all */
	expect_close(p.percentile, 100.0 * 5.0 / 7.0);
	cr_expect_eq(p.rank, 2);
}

Test(benchmark, pooled_over_respondents, .init = NULL)
{
	semm_bench_dist d;
	semm_bench_place p;

	load(1, 2, 3);
	cr_assert_eq(semm_result_bench_dist(res, 0, "all", U_OVERALL, &d), 0);
	expect_close(d.weight, 15);
	expect_close(d.mean, 60);
	expect_close(d.sd, sqrt(11000.0 / 14.0));
	expect_close(d.q1, 37.5);
	expect_close(d.median, 50);
	p = place(0, 0, U_OVERALL);
	expect_close(p.percentile, 40);
	p = place(0, 4, U_OVERALL);
	expect_close(p.z, 40.0 / sqrt(11000.0 / 14.0));
	expect_close(p.percentile, 100.0 * 13.5 / 15.0);
	cr_expect_eq(p.rank, 1);
}

Test(benchmark, thresholds_are_options, .init = NULL)
{
	semm_bench_place p;

	load(0, 1, 1); /* P7 enters; nothing is withheld */
	p = place(0, 6, U_OVERALL);
	cr_expect_null(p.reason);
	cr_expect_eq(p.of, 8);
	cr_expect_eq(p.rank, 1); /* tied with P5 at 100 */
	expect_close(p.percentile, 100.0 * 7.0 / 8.0);
	p = place(2, 4, U_OVERALL); /* P5 alone in r / l */
	expect_close(p.percentile, 50);
	cr_expect(isnan(p.z));
}
