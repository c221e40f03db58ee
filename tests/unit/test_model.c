/*
 * test_model.c - loading and checking maturity models: the shipped
 * ISO 23592-aligned model, and each rule of docs/FORMATS.md broken once,
 * with the exact line and column of the fault.
 */
#include "test_helpers.h"

static int load(const char *text, semm_model **m, semm_error *err)
{
	semm_error_clear(err);
	return semm_model_from_buffer(m, text, strlen(text), "m.json", err);
}

/* A valid two-band model; tests break one thing in a copy of it. */
#define BANDS                                                             \
	"\"levels\": {\"label\": \"x\", \"bands\": [\n"                   \
	"  {\"level\": 1, \"name\": \"Low\", \"min\": 0, \"max\": 50},\n" \
	"  {\"level\": 2, \"name\": \"High\", \"min\": 50, \"max\": 100}]},\n"
#define HEAD                                                                  \
	"{\"format\": \"semm-model/1\", \"id\": \"m\", \"version\": \"1\",\n" \
	"\"title\": \"t\",\n"
#define DIMS                                                                   \
	"\"dimensions\": [{\"id\": \"D1\", \"name\": \"d\", \"elements\": [\n" \
	"  {\"id\": \"E1\", \"name\": \"e\"}]}]}\n"

Test(model, shipped_iso23592_model_has_4_dimensions_9_elements_5_levels)
{
	semm_model *m = NULL;
	semm_error err;

	semm_error_clear(&err);
	cr_assert_eq(
		semm_model_from_file(&m, DATA("models/iso23592.json"), &err), 0,
		"%s", err.message);
	cr_expect_eq(semm_model_dimension_count(m), 4);
	cr_expect_eq(semm_model_element_count(m), 9);
	cr_expect_eq(semm_model_level_count(m), 5);
	cr_expect_str_eq(semm_model_element_id(m, 0), "E1");
	cr_expect_str_eq(semm_model_element_id(m, 8), "E9");
	/* E8 and E9 belong to the fourth dimension */
	cr_expect_eq(m->elems[7].dimension, 3);
	cr_expect_eq(m->elems[8].dimension, 3);
	cr_expect_eq(m->na_policy, SEMM_NA_EXCLUDE);
	expect_close(m->coverage_min, 0.5);
	semm_model_free(m);
}

Test(model, minimal_model_loads_with_defaults)
{
	semm_model *m = NULL;
	semm_error err;

	cr_assert_eq(load(HEAD BANDS DIMS, &m, &err), 0, "%s", err.message);
	expect_close(m->elems[0].weight, 1.0);
	expect_close(m->na_anchor_percent, 60.0);
	cr_expect_str_eq(m->staged_rule, "weakest-link");
	semm_model_free(m);
}

Test(model, band_lookup_uses_half_open_bands_and_closes_the_last)
{
	semm_model *m = NULL;
	semm_error err;

	cr_assert_eq(load(HEAD BANDS DIMS, &m, &err), 0);
	cr_expect_eq(semm__model_band(m, 0), 0);
	cr_expect_eq(semm__model_band(m, 49.999), 0);
	cr_expect_eq(semm__model_band(m, 50), 1);
	cr_expect_eq(semm__model_band(m, 100), 1);
	cr_expect_eq(semm__model_band(m, NAN), -1);
	semm_model_free(m);
}

Test(model, truncated_json_names_line_and_column)
{
	semm_model *m = (semm_model *)1;
	semm_error err;

	/* The text stops inside the object on line 2. */
	cr_expect_eq(load("{\"format\": \"semm-model/1\",\n\"id\": ", &m, &err),
		     SEMM_EPARSE);
	cr_expect_null(m);
	cr_expect_str_eq(err.source, "m.json");
	cr_expect_eq(err.line, 2);
}

Test(model, empty_file_is_a_parse_error)
{
	semm_model *m = NULL;
	semm_error err;

	cr_expect_eq(load("  \n", &m, &err), SEMM_EPARSE);
	cr_expect(strstr(err.message, "empty") != NULL);
}

Test(model, wrong_format_is_refused)
{
	semm_model *m = NULL;
	semm_error err;

	cr_expect_eq(load("{\"format\": \"semm-questionnaire/1\"}", &m, &err),
		     SEMM_ESCHEMA);
	cr_expect(strstr(err.message, "semm-questionnaire/1") != NULL, "%s",
		  err.message);
	cr_expect_eq(load("{\"format\": \"semm-model/2\"}", &m, &err),
		     SEMM_ESCHEMA);
	cr_expect(strstr(err.message, "not supported") != NULL);
}

Test(model, band_gap_is_reported_at_the_band)
{
	const char *text = HEAD
		"\"levels\": {\"label\": \"x\", \"bands\": [\n"
		"  {\"level\": 1, \"name\": \"Low\", \"min\": 0, \"max\": 40},\n"
		"  {\"level\": 2, \"name\": \"High\", \"min\": 50, \"max\": 100}]},\n" DIMS;
	semm_model *m = NULL;
	semm_error err;

	cr_expect_eq(load(text, &m, &err), SEMM_EINVALID);
	/* lines 1-2 are HEAD, line 3 opens the levels, line 5 holds the
	 * second band; its '{' is at column 3 */
	cr_expect_eq(err.line, 5);
	cr_expect_eq(err.column, 3);
	cr_expect(strstr(err.message,
			 "$.levels.bands[1]: band starts at 50 but "
			 "the previous band ends at 40") != NULL,
		  "%s", err.message);
}

Test(model, last_band_must_end_at_100)
{
	const char *text = HEAD
		"\"levels\": {\"label\": \"x\", \"bands\": [\n"
		"  {\"level\": 1, \"name\": \"Low\", \"min\": 0, \"max\": 50},\n"
		"  {\"level\": 2, \"name\": \"High\", \"min\": 50, \"max\": 90}]},\n" DIMS;
	semm_model *m = NULL;
	semm_error err;

	cr_expect_eq(load(text, &m, &err), SEMM_EINVALID);
	cr_expect(strstr(err.message, "must end at 100") != NULL);
}

Test(model, duplicate_ids_are_refused_across_dimensions_and_elements)
{
	const char *text = HEAD BANDS
		"\"dimensions\": [{\"id\": \"D1\", \"name\": \"d\", \"elements\": [\n"
		"  {\"id\": \"D1\", \"name\": \"e\"}]}]}\n";
	semm_model *m = NULL;
	semm_error err;

	cr_expect_eq(load(text, &m, &err), SEMM_EINVALID);
	cr_expect_eq(err.line, 7); /* the element's line, after 6 above */
	cr_expect(strstr(err.message, "duplicate id \"D1\"") != NULL, "%s",
		  err.message);
}

Test(model, weights_must_be_positive)
{
	const char *text = HEAD BANDS
		"\"dimensions\": [{\"id\": \"D1\", \"name\": \"d\", \"elements\": [\n"
		"  {\"id\": \"E1\", \"name\": \"e\", \"weight\": 0}]}]}\n";
	semm_model *m = NULL;
	semm_error err;

	cr_expect_eq(load(text, &m, &err), SEMM_EINVALID);
	cr_expect(strstr(err.message,
			 "$.dimensions[0].elements[0].weight: weight must be "
			 "greater than 0") != NULL,
		  "%s", err.message);
	cr_expect_eq(err.line, 7);
}

Test(model, weights_must_be_normal_and_not_overflow_a_sum)
{
	const char *huge = HEAD BANDS
		"\"dimensions\": [{\"id\": \"D1\", \"name\": \"d\",\n"
		" \"weight\": 1e308, \"elements\": [\n"
		"  {\"id\": \"E1\", \"name\": \"e\"}]}]}\n";
	const char *tiny = HEAD BANDS
		"\"dimensions\": [{\"id\": \"D1\", \"name\": \"d\", \"elements\": [\n"
		"  {\"id\": \"E1\", \"name\": \"e\", \"weight\": 5e-324}]}]}\n";
	const char *bounds = HEAD BANDS
		"\"dimensions\": [{\"id\": \"D1\", \"name\": \"d\",\n"
		" \"weight\": 1e300, \"elements\": [\n"
		"  {\"id\": \"E1\", \"name\": \"e\", \"weight\": 2.3e-308}]}]}\n";
	semm_model *m = NULL;
	semm_error err;

	cr_expect_eq(load(huge, &m, &err), SEMM_EINVALID);
	cr_expect_str_eq(err.message,
			 "$.dimensions[0].weight: weight 1e+308 is too large "
			 "(weights must lie between 2.22507e-308 and 1e+300; "
			 "only their ratios count, so scale them all alike)");
	cr_expect_eq(err.line, 7);
	cr_expect_eq(err.column, 12);
	cr_expect_eq(load(tiny, &m, &err), SEMM_EINVALID);
	cr_expect(strstr(err.message,
			 "$.dimensions[0].elements[0].weight: "
			 "weight 4.94066e-324 is too small") != NULL,
		  "%s", err.message);
	cr_expect_eq(err.line, 7);
	cr_expect_eq(load(bounds, &m, &err), SEMM_OK, "%s", err.message);
	semm_model_free(m);
}

Test(model, unknown_na_policy_is_refused)
{
	const char *text =
		HEAD BANDS "\"scoring\": {\"na_policy\": \"guess\"},\n" DIMS;
	semm_model *m = NULL;
	semm_error err;

	cr_expect_eq(load(text, &m, &err), SEMM_EINVALID);
	cr_expect(strstr(err.message, "unknown N/A policy \"guess\"") != NULL);
}

Test(model, wrong_member_type_names_what_was_found)
{
	semm_model *m = NULL;
	semm_error err;

	cr_expect_eq(
		load("{\"format\": \"semm-model/1\", \"id\": 7}", &m, &err),
		SEMM_ESCHEMA);
	cr_expect(strstr(err.message,
			 "$.id: expected a string, found a number") != NULL,
		  "%s", err.message);
	cr_expect_eq(err.column, 34);
}

Test(model, free_of_null_is_a_no_op)
{
	semm_model_free(NULL);
}
