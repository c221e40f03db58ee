/*
 * report_stats.c - the statistics blocks of report.json: confidence
 * intervals and quartiles of a unit, reliability, agreement, the
 * across-groups ANOVA and ICCs, dimension correlations, and the methods
 * block naming every method and convention.
 */
#include <math.h>
#include <string.h>

#include "report/report_int.h"

void semm__write_pair(semm__jw *w, const char *key, double lo, double hi)
{
	if (isnan(lo) || isnan(hi)) {
		semm__jw_null(w, key);
		return;
	}
	semm__jw_open(w, key, '[');
	semm__jw_number(w, NULL, lo);
	semm__jw_number(w, NULL, hi);
	semm__jw_close(w, ']');
}

void semm__write_reliability(semm__jw *w, const semm_result *res,
			     const semm__rel *rel, int items)
{
	size_t j;

	semm__jw_open(w, "reliability", '{');
	semm__jw_size(w, "n", rel->a.n);
	semm__jw_size(w, "k", rel->k);
	semm__jw_number(w, "alpha", rel->a.alpha);
	semm__jw_number(w, "alpha_std", rel->a.alpha_std);
	semm__write_pair(w, "alpha_ci95", rel->a.ci95_lo, rel->a.ci95_hi);
	semm__jw_number(w, "mean_r", rel->a.mean_r);
	semm__jw_string(w, "reason", rel->a.reason);
	if (!items) {
		semm__jw_close(w, '}');
		return;
	}
	semm__jw_open(w, "items", '[');
	for (j = 0; j < rel->k; j++) {
		semm__jw_open(w, NULL, '{');
		semm__jw_string(w, "id", res->q->items[rel->items[j]].id);
		semm__jw_number(w, "alpha_if_deleted",
				rel->alpha_if_deleted[j]);
		semm__jw_number(w, "r_drop", rel->r_drop[j]);
		semm__jw_close(w, '}');
	}
	semm__jw_close(w, ']');
	semm__jw_close(w, '}');
}

void semm__write_agreement(semm__jw *w, const semm_result *res,
			   const semm__agree *a)
{
	semm__jw_open(w, "agreement", '{');
	semm__jw_number(w, "rwg_j", a->r.rwg_j);
	semm__jw_size(w, "n", a->r.n);
	semm__jw_size(w, "j", a->r.j);
	if (a->options)
		semm__jw_size(w, "options", a->options);
	else /* the unit's items use different scales */
		semm__jw_null(w, "options");
	semm__jw_number(w, "mean_variance", a->r.mean_var);
	semm__jw_number(w, "null_variance", a->r.sigma2_eu);
	if (isnan(a->r.rwg_j))
		semm__jw_null(w, "below_threshold");
	else
		semm__jw_bool(w, "below_threshold",
			      a->r.rwg_j < res->rwg_threshold);
	semm__jw_string(w, "reason", a->r.reason);
	semm__write_agreement_more(w, a);
	semm__jw_close(w, '}');
}

static void write_icc(semm__jw *w, const char *type, const char *id,
		      const semm_icc *icc, const semm__aggr *aggr)
{
	semm__jw_open(w, NULL, '{');
	semm__jw_string(w, "type", type);
	semm__jw_string(w, "id", id);
	semm__jw_size(w, "n", icc->n);
	semm__jw_size(w, "groups", icc->groups);
	semm__jw_number(w, "k_bar", icc->k_bar);
	semm__jw_number(w, "msb", icc->msb);
	semm__jw_number(w, "msw", icc->msw);
	semm__jw_number(w, "df_between", icc->df_between);
	semm__jw_number(w, "df_within", icc->df_within);
	semm__jw_number(w, "f", icc->f);
	semm__jw_number(w, "p", icc->p);
	semm__jw_number(w, "icc1", icc->icc1);
	semm__jw_number(w, "icc2", icc->icc2);
	semm__jw_string(w, "reason", icc->reason);
	if (aggr)
		semm__write_unit_aggregation(w, aggr);
	semm__jw_close(w, '}');
}

static void write_correlations(semm__jw *w, const semm_result *res)
{
	size_t n_d = res->model->n_dims, i, j;

	semm__jw_open(w, "dimension_correlations", '{');
	semm__jw_string(w, "method",
			"Pearson, listwise over respondents "
			"with every dimension score");
	semm__jw_size(w, "n", res->dim_corr_n);
	semm__jw_open(w, "ids", '[');
	for (i = 0; i < n_d; i++)
		semm__jw_string(w, NULL, res->model->dims[i].id);
	semm__jw_close(w, ']');
	semm__jw_open(w, "r", '[');
	for (i = 0; i < n_d; i++) {
		semm__jw_open(w, NULL, '[');
		for (j = 0; j < n_d; j++)
			semm__jw_number(w, NULL, res->dim_corr[i * n_d + j]);
		semm__jw_close(w, ']');
	}
	semm__jw_close(w, ']');
	semm__jw_close(w, '}');
}

void semm__write_icc_units(semm__jw *w, const semm_result *res,
			   const semm_icc *overall, const semm_icc *dims,
			   const semm_icc *elems, const semm__aggr *aggr)
{
	const semm_model *m = res->model;
	size_t i, n_e = m->n_elems, n_d = m->n_dims;

	semm__jw_open(w, "units", '[');
	write_icc(w, "overall", "overall", overall,
		  aggr ? &aggr[n_e + n_d] : NULL);
	for (i = 0; i < n_d; i++)
		write_icc(w, "dimension", m->dims[i].id, &dims[i],
			  aggr ? &aggr[n_e + i] : NULL);
	for (i = 0; i < n_e; i++)
		write_icc(w, "element", m->elems[i].id, &elems[i],
			  aggr ? &aggr[i] : NULL);
	semm__jw_close(w, ']');
}

void semm__write_across_groups(semm__jw *w, const semm_result *res)
{
	semm__jw_open(w, "across_groups", '{');
	semm__jw_size(w, "groups", res->n_groups);
	semm__write_icc_units(w, res, &res->icc_overall, res->icc_dims,
			      res->icc_elems, res->aggr);
	write_correlations(w, res);
	semm__jw_close(w, '}');
}

void semm__write_pooled_reliability(semm__jw *w, const semm_result *res)
{
	const semm_model *m = res->model;
	size_t i;

	semm__jw_open(w, "reliability", '{');
	semm__jw_string(w, "scope", "all scored respondents");
	semm__jw_open(w, "dimensions", '[');
	for (i = 0; i < m->n_dims; i++) {
		semm__jw_open(w, NULL, '{');
		semm__jw_string(w, "id", m->dims[i].id);
		semm__write_reliability(w, res, &res->rel_dims[i], 1);
		semm__jw_close(w, '}');
	}
	semm__jw_close(w, ']');
	semm__jw_open(w, "elements", '[');
	for (i = 0; i < m->n_elems; i++) {
		semm__jw_open(w, NULL, '{');
		semm__jw_string(w, "id", m->elems[i].id);
		semm__write_reliability(w, res, &res->rel_elems[i], 1);
		semm__jw_close(w, '}');
	}
	semm__jw_close(w, ']');
	semm__jw_close(w, '}');
}

void semm__write_methods(semm__jw *w, const semm_result *res)
{
	semm__jw_open(w, "methods", '{');
	semm__jw_string(w, "group_score",
			"mean of respondents' scores on each unit");
	semm__jw_string(w, "percent",
			"(mean - min) / (max - min) * 100 of "
			"the score scale (items: their own scale)");
	semm__jw_string(w, "sd", "sample standard deviation (n - 1)");
	semm__jw_string(w, "ci95",
			"mean +/- t(0.975, n - 1) * sd / sqrt(n), "
			"Student t");
	semm__jw_string(w, "quantiles",
			"linear interpolation between order statistics "
			"(R type 7, GSL gsl_stats_quantile_from_sorted_data)");
	semm__jw_open(w, "reliability", '{');
	semm__jw_string(w, "statistic",
			"Cronbach's alpha; standardized alpha "
			"from the mean inter-item Pearson "
			"correlation");
	semm__jw_string(w, "missing",
			"listwise: respondents who answered "
			"every item of the unit; N/A, don't "
			"know and blank are missing whatever "
			"the N/A policy");
	semm__jw_string(w, "values", "answers after reverse coding");
	semm__jw_string(w, "ci95", "Feldt: df1 = n - 1, df2 = (n - 1)(k - 1)");
	semm__jw_string(w, "r_drop",
			"corrected item-total correlation (item "
			"against the sum of the other items)");
	semm__jw_size(w, "min_complete_cases", res->reliability_min_n);
	semm__jw_close(w, '}');
	semm__jw_open(w, "agreement", '{');
	semm__jw_string(w, "statistic", "rwg(j) within each group");
	semm__jw_string(w, "null_distribution", semm__rwg_null_method(res));
	semm__jw_string(w, "item_variance",
			"n - 1 form over each item's "
			"answers in the group; mean "
			"variance truncated at the null "
			"variance");
	semm__jw_number(w, "threshold", res->rwg_threshold);
	semm__jw_close(w, '}');
	semm__jw_open(w, "across_groups", '{');
	semm__jw_string(w, "statistic",
			"one-way ANOVA of respondent scores "
			"on group; ICC(1) = (MSB - MSW) / "
			"(MSB + (k - 1) MSW), k = N / groups; "
			"ICC(2) = (MSB - MSW) / MSB (Bliese)");
	semm__jw_string(w, "p", "upper tail of F(groups - 1, N - groups)");
	semm__jw_close(w, '}');
	semm__write_aggregation_methods(w, res);
	semm__jw_close(w, '}');
}
