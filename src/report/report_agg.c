/*
 * report_agg.c - the aggregation statistics in the reports: the further
 * agreement indices of each group's units and the ICC intervals,
 * resampling and verdict of each unit in report.json, the choices and
 * methods behind them, aggregation.csv (one row per group and unit) and
 * the columns they add to across_groups.csv. docs/FORMATS.md describes
 * the fields.
 */
#include <math.h>

#include "report/report_int.h"

/* AD's practical cut-off: c / 6 for c answer options (Burke and Dunlap). */
#define AD_CUTOFF_DIVISOR 6.0

double semm__ad_cutoff(const semm__agree *a)
{
	return a->options ? (double)a->options / AD_CUTOFF_DIVISOR : NAN;
}

/* true, false, or null when either side is missing. */
static void within(semm__jw *w, const char *key, double v, double cutoff)
{
	if (isnan(v) || isnan(cutoff))
		semm__jw_null(w, key);
	else
		semm__jw_bool(w, key, v <= cutoff);
}

void semm__write_agreement_more(semm__jw *w, const semm__agree *a)
{
	double cut = semm__ad_cutoff(a);

	semm__jw_number(w, "rstar_wg_j", a->rstar);
	semm__jw_size(w, "ad_items", a->ad_items);
	semm__jw_number(w, "ad_m", a->ad_m);
	semm__jw_number(w, "ad_md", a->ad_md);
	semm__jw_number(w, "ad_cutoff", cut);
	within(w, "ad_m_within_cutoff", a->ad_m, cut);
	within(w, "ad_md_within_cutoff", a->ad_md, cut);
	semm__jw_number(w, "awg_j", a->awg);
	semm__jw_size(w, "awg_items", a->awg_items);
	semm__jw_string(w, "indices_reason", a->more_reason);
	semm__jw_string(w, "awg_reason", a->awg_reason);
}

/* true, false or null for a test that was met, not met or not made. */
static void test(semm__jw *w, const char *key, int v)
{
	if (v < 0)
		semm__jw_null(w, key);
	else
		semm__jw_bool(w, key, v);
}

void semm__write_unit_aggregation(semm__jw *w, const semm__aggr *a)
{
	const semm_rgr *r = &a->rgr;

	semm__write_pair(w, "icc1_ci95", a->icc1_ci[0], a->icc1_ci[1]);
	semm__write_pair(w, "icc2_ci95", a->icc2_ci[0], a->icc2_ci[1]);
	semm__jw_open(w, "rgr", '{');
	semm__jw_size(w, "groups", r->groups);
	semm__jw_size(w, "n", r->n);
	semm__jw_size(w, "replications", r->replications);
	semm__jw_number(w, "observed_variance", r->observed);
	semm__jw_number(w, "pseudo_mean_variance", r->pseudo_mean);
	semm__jw_number(w, "pseudo_sd_variance", r->pseudo_sd);
	semm__jw_number(w, "z", r->z);
	semm__jw_number(w, "p", r->p);
	semm__jw_number(w, "p_permutation", r->p_permutation);
	semm__jw_string(w, "reason", r->reason);
	semm__jw_close(w, '}');
	semm__jw_open(w, "aggregation", '{');
	semm__jw_size(w, "rwg_groups", a->rwg_groups);
	semm__jw_number(w, "rwg_j_mean", a->rwg_mean);
	test(w, "agreement", a->agreement);
	test(w, "groups_differ", a->differ);
	test(w, "beyond_chance", a->beyond_chance);
	semm__jw_string(w, "verdict", a->verdict);
	semm__jw_string(w, "reason", a->verdict_reason);
	semm__jw_close(w, '}');
}

void semm__write_aggregation_parameters(semm__jw *w, const semm_result *res)
{
	semm__jw_open(w, "rwg_null", '{');
	semm__jw_string(w, "distribution", semm_rwg_null_name(res->rwg_null));
	semm__jw_number(w, "variance", res->rwg_null_variance);
	semm__jw_close(w, '}');
	semm__jw_open(w, "rgr", '{');
	semm__jw_size(w, "replications", res->rgr_replications);
	semm__jw_u64(w, "seed", res->rgr_seed);
	semm__jw_size(w, "max_draws", res->rgr_max_draws);
	semm__jw_close(w, '}');
}

const char *semm__rwg_null_method(const semm_result *res)
{
	switch (res->rwg_null) {
	case SEMM_RWG_NULL_UNIFORM:
		return "uniform: (A^2 - 1) / 12, A answer options";
	case SEMM_RWG_NULL_SLIGHT_SKEW:
		return "slightly skewed: 1.34 for 5 answer options (James, "
		       "Demaree and Wolf 1984), 2.90 for 7 (LeBreton and "
		       "Senter 2008)";
	case SEMM_RWG_NULL_MODERATE_SKEW:
		return "moderately skewed: 0.90 for 5 answer options (James, "
		       "Demaree and Wolf 1984), 2.14 for 7 (LeBreton and "
		       "Senter 2008)";
	case SEMM_RWG_NULL_TRIANGULAR:
		return "triangular: 1.32 for 5 answer options (James, Demaree "
		       "and Wolf 1984), 2.10 for 7 (LeBreton and Senter 2008)";
	default: return "a given variance, the same for every unit";
	}
}

void semm__write_aggregation_methods(semm__jw *w, const semm_result *res)
{
	semm__jw_open(w, "aggregation", '{');
	semm__jw_string(w, "rstar_wg_j",
			"1 - mean item variance / null variance, not "
			"truncated, no Spearman-Brown step; can be negative "
			"(Lindell, Brandt and Whitney 1999)");
	semm__jw_string(w, "ad",
			"AD_M(j), AD_Md(j): the mean over items of the mean "
			"absolute deviation of the group's answers from the "
			"item's mean, or median (R type 7), divisor n; "
			"practical cut-off c / 6, c answer options (Burke and "
			"Dunlap 2002)");
	semm__jw_string(w, "awg_j",
			"the mean over items of a_wg = 1 - 2 s^2 / ([(H + L) M "
			"- M^2 - H L] n / (n - 1)), s^2 the sample variance, "
			"M the mean, L..H the scale; items whose mean is at "
			"a scale end left out (Brown and Hauenstein 2005)");
	semm__jw_string(w, "items",
			"each item's answers in the group, N/A, don't know "
			"and blank missing; items with fewer than two answers "
			"left out");
	semm__jw_string(w, "icc_ci95",
			"from F = MSB / MSW: F_L = F / F(0.975; G - 1, N - G), "
			"F_U = F * F(0.975; N - G, G - 1); ICC(1) in [(F_L - "
			"1) / (F_L + k - 1), (F_U - 1) / (F_U + k - 1)], "
			"ICC(2) in [1 - 1 / F_L, 1 - 1 / F_U], k = N / G "
			"(Shrout and Fleiss 1979; McGraw and Wong 1996)");
	semm__jw_string(w, "rgr",
			"random group resampling of the unit scores (Bliese "
			"and Halverson 2002): groups with two scores or more, "
			"their scores permuted and cut into pseudo-groups of "
			"the same sizes; z = (observed - pseudo mean) / "
			"(pseudo sd / sqrt(groups)) as R multilevel's "
			"rgr.agree; p = Phi(z), one-sided; p_permutation = "
			"(1 + replications with a mean variance <= observed) "
			"/ (1 + replications); splitmix64 from the seed plus "
			"0xD1B54A32D192ED03 times (unit + 1)");
	semm__jw_size(w, "rgr_min_replications", SEMM_RGR_MIN_REPLICATIONS);
	semm__jw_string(w, "verdict",
			"aggregate: mean rwg(j) over the groups >= "
			"rwg_threshold, ICC(1)'s lower bound > icc1_min and "
			"resampling p < rgr_alpha; do-not-aggregate: mean "
			"rwg(j) below the threshold; aggregate-with-caution: "
			"agreement but another test not met; null when a test "
			"cannot be made");
	semm__jw_number(w, "rwg_threshold", res->rwg_threshold);
	semm__jw_number(w, "icc1_min", res->icc1_min);
	semm__jw_number(w, "rgr_alpha", res->rgr_alpha);
	semm__jw_close(w, '}');
}

/* ---- CSV -------------------------------------------------------------- */

static void put_number(FILE *fp, double v)
{
	char buf[64];

	fputc(',', fp);
	semm__format_number(v, buf, sizeof(buf));
	fputs(buf, fp);
}

static void put_text(FILE *fp, const char *s)
{
	fputc(',', fp);
	if (s)
		semm__csv_text(fp, s);
}

static void put_flag(FILE *fp, double v, double cutoff)
{
	fputc(',', fp);
	if (!isnan(v) && !isnan(cutoff))
		fputs(v <= cutoff ? "yes" : "no", fp);
}

static void put_test(FILE *fp, int v)
{
	fputc(',', fp);
	if (v >= 0)
		fputs(v ? "yes" : "no", fp);
}

static void agreement_row(FILE *fp, const char *group, const char *type,
			  const char *id, const semm__agree *a)
{
	double cut = semm__ad_cutoff(a);

	semm__csv_text(fp, group);
	fprintf(fp, ",%s,", type);
	semm__csv_text(fp, id);
	fprintf(fp, ",%zu,%zu,", a->r.n, a->r.j);
	if (a->options)
		fprintf(fp, "%u", a->options);
	put_number(fp, a->r.sigma2_eu);
	put_number(fp, a->r.mean_var);
	put_number(fp, a->r.rwg_j);
	put_number(fp, a->rstar);
	fprintf(fp, ",%zu", a->ad_items);
	put_number(fp, a->ad_m);
	put_number(fp, a->ad_md);
	put_number(fp, cut);
	put_flag(fp, a->ad_m, cut);
	put_flag(fp, a->ad_md, cut);
	fprintf(fp, ",%zu", a->awg_items);
	put_number(fp, a->awg);
	put_text(fp, a->r.reason);
	put_text(fp, a->more_reason);
	put_text(fp, a->awg_reason);
	fputc('\n', fp);
}

int semm_report_write_aggregation_csv(const semm_result *res, FILE *fp)
{
	const semm_model *m = res->model;
	size_t g, i;

	fputs("group,unit_type,unit_id,n,j,options,null_variance,"
	      "mean_variance,rwg_j,rstar_wg_j,ad_items,ad_m,ad_md,ad_cutoff,"
	      "ad_m_within_cutoff,ad_md_within_cutoff,awg_items,awg_j,reason,"
	      "indices_reason,awg_reason\n",
	      fp);
	for (g = 0; g < res->n_groups; g++) {
		const semm__group *gr = &res->groups[g];

		agreement_row(fp, gr->id, "overall", "overall",
			      &gr->agr_overall);
		for (i = 0; i < m->n_dims; i++)
			agreement_row(fp, gr->id, "dimension", m->dims[i].id,
				      &gr->agr_dims[i]);
		for (i = 0; i < m->n_elems; i++)
			agreement_row(fp, gr->id, "element", m->elems[i].id,
				      &gr->agr_elems[i]);
	}
	return ferror(fp) ? SEMM_EIO : SEMM_OK;
}

void semm__write_aggregation_cells(FILE *fp, const semm__aggr *a)
{
	const semm_rgr *r = &a->rgr;

	put_number(fp, a->icc1_ci[0]);
	put_number(fp, a->icc1_ci[1]);
	put_number(fp, a->icc2_ci[0]);
	put_number(fp, a->icc2_ci[1]);
	fprintf(fp, ",%zu,%zu,%zu", r->groups, r->n, r->replications);
	put_number(fp, r->observed);
	put_number(fp, r->pseudo_mean);
	put_number(fp, r->pseudo_sd);
	put_number(fp, r->z);
	put_number(fp, r->p);
	put_number(fp, r->p_permutation);
	put_text(fp, r->reason);
	fprintf(fp, ",%zu", a->rwg_groups);
	put_number(fp, a->rwg_mean);
	put_test(fp, a->agreement);
	put_test(fp, a->differ);
	put_test(fp, a->beyond_chance);
	put_text(fp, a->verdict);
	put_text(fp, a->verdict_reason);
}

/* The same columns through a table (report_csv.c's across_groups, which
 * the workbook's sheet shares). */
static const struct {
	const char *name;
	semm__col kind;
} aggregation_columns[] = {
	{ "icc1_ci95_lo", SEMM__COL_STAT },
	{ "icc1_ci95_hi", SEMM__COL_STAT },
	{ "icc2_ci95_lo", SEMM__COL_STAT },
	{ "icc2_ci95_hi", SEMM__COL_STAT },
	{ "rgr_groups", SEMM__COL_COUNT },
	{ "rgr_n", SEMM__COL_COUNT },
	{ "rgr_replications", SEMM__COL_COUNT },
	{ "rgr_observed", SEMM__COL_STAT },
	{ "rgr_pseudo_mean", SEMM__COL_STAT },
	{ "rgr_pseudo_sd", SEMM__COL_STAT },
	{ "rgr_z", SEMM__COL_STAT },
	{ "rgr_p", SEMM__COL_STAT },
	{ "rgr_p_permutation", SEMM__COL_STAT },
	{ "rgr_reason", SEMM__COL_TEXT },
	{ "rwg_groups", SEMM__COL_COUNT },
	{ "rwg_j_mean", SEMM__COL_STAT },
	{ "agreement", SEMM__COL_TEXT },
	{ "groups_differ", SEMM__COL_TEXT },
	{ "beyond_chance", SEMM__COL_TEXT },
	{ "verdict", SEMM__COL_TEXT },
	{ "verdict_reason", SEMM__COL_TEXT },
};

void semm__tab_aggregation_columns(semm__tab *t)
{
	size_t i;

	for (i = 0;
	     i < sizeof(aggregation_columns) / sizeof(aggregation_columns[0]);
	     i++)
		semm__tab_column(t, aggregation_columns[i].name,
				 aggregation_columns[i].kind);
}

static void tab_test(semm__tab *t, int v)
{
	semm__tab_text(t, v < 0 ? NULL : v ? "yes" : "no");
}

void semm__tab_aggregation_cells(semm__tab *t, const semm__aggr *a)
{
	const semm_rgr *r = &a->rgr;
	const double ci[4] = { a->icc1_ci[0], a->icc1_ci[1], a->icc2_ci[0],
			       a->icc2_ci[1] };
	const double rv[6] = { r->observed, r->pseudo_mean, r->pseudo_sd,
			       r->z,	    r->p,	    r->p_permutation };

	semm__tab_numbers(t, ci, 4);
	semm__tab_count(t, r->groups);
	semm__tab_count(t, r->n);
	semm__tab_count(t, r->replications);
	semm__tab_numbers(t, rv, 6);
	semm__tab_text(t, r->reason);
	semm__tab_count(t, a->rwg_groups);
	semm__tab_number(t, a->rwg_mean);
	tab_test(t, a->agreement);
	tab_test(t, a->differ);
	tab_test(t, a->beyond_chance);
	semm__tab_text(t, a->verdict);
	semm__tab_text(t, a->verdict_reason);
}
