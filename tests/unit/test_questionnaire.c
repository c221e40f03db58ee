/*
 * test_questionnaire.c - loading, checking and binding questionnaires: the
 * shipped ISO 23592 self-assessment, then each rule of docs/FORMATS.md
 * broken once in a small questionnaire written out below, with the exact
 * code, JSON path, line and column of the fault. Every line and column in
 * the comments was counted by hand from the text (1-based, a column is a
 * character of the line).
 */
#include "test_helpers.h"

static semm_error err;

static int load(const char *text, semm_questionnaire **q)
{
	semm_error_clear(&err);
	return semm_questionnaire_from_buffer(q, text, strlen(text), "q.json",
					      &err);
}

/* Expects loading text to fail with code_ at line_:column_ and a message
 * holding want (a "$.path: what" fragment); the failed load must leave
 * *out NULL. */
#define expect_failure(text, code_, line_, column_, want)                      \
	do {                                                                   \
		semm_questionnaire *q_ = (semm_questionnaire *)1;              \
		cr_expect_eq(load((text), &q_), (code_), "%s", err.message);   \
		cr_expect_null(q_);                                            \
		semm_questionnaire_free(q_); /* in case it loaded */           \
		cr_expect_eq(err.code, (code_));                               \
		cr_expect_str_eq(err.source, "q.json");                        \
		cr_expect_eq(err.line, (line_), "line %lu, expected %d: %s",   \
			     err.line, (line_), err.message);                  \
		cr_expect_eq(err.column, (column_),                            \
			     "column %lu, expected %d: %s", err.column,        \
			     (column_), err.message);                          \
		cr_expect(strstr(err.message, (want)) != NULL,                 \
			  "message \"%s\" lacks \"%s\"", err.message, (want)); \
	} while (0)

/*
 * A valid questionnaire in three parts; a test replaces one part.
 * HEAD is lines 1-2, SCALES lines 3-5, ITEMS lines 6-8:
 *
 *   1 {"format": "semm-questionnaire/1", "id": "q", "version": "1",
 *   2 "model": {"id": "m", "version": "1"},
 *   3 "scales": [{"id": "s", "min": 1, "max": 5,
 *   4   "labels": [{"value": 4, "label": "Often", "synonyms": ["Usually"]}],
 *   5   "na": ["N/A"], "dont_know": ["DK"]}],
 *   6 "items": [
 *   7   {"id": "Q1", "element": "E1", "scale": "s"},
 *   8   {"id": "Q2", "element": "E2", "scale": "s"}]}
 */
#define HEAD                                                                          \
	"{\"format\": \"semm-questionnaire/1\", \"id\": \"q\", \"version\": \"1\",\n" \
	"\"model\": {\"id\": \"m\", \"version\": \"1\"},\n"
#define SCALE_OPEN "\"scales\": [{\"id\": \"s\", \"min\": 1, \"max\": 5,\n"
#define LABELS                                                               \
	"  \"labels\": [{\"value\": 4, \"label\": \"Often\", \"synonyms\": " \
	"[\"Usually\"]}],\n"
#define CODES "  \"na\": [\"N/A\"], \"dont_know\": [\"DK\"]}],\n"
#define SCALES SCALE_OPEN LABELS CODES
#define ITEMS_OPEN "\"items\": [\n"
#define ITEM1 "  {\"id\": \"Q1\", \"element\": \"E1\", \"scale\": \"s\"},\n"
#define ITEM2 "  {\"id\": \"Q2\", \"element\": \"E2\", \"scale\": \"s\"}]}\n"
#define ITEMS ITEMS_OPEN ITEM1 ITEM2

/* The model the small questionnaire binds to: "m" version "1", one
 * dimension with elements E1 and E2. */
static const char model_text[] =
	"{\"format\": \"semm-model/1\", \"id\": \"m\", \"version\": \"1\",\n"
	"\"title\": \"t\",\n"
	"\"levels\": {\"label\": \"x\", \"bands\": [\n"
	"  {\"level\": 1, \"name\": \"Low\", \"min\": 0, \"max\": 50},\n"
	"  {\"level\": 2, \"name\": \"High\", \"min\": 50, \"max\": 100}]},\n"
	"\"dimensions\": [{\"id\": \"D1\", \"name\": \"d\", \"elements\": [\n"
	"  {\"id\": \"E1\", \"name\": \"e1\"}, {\"id\": \"E2\", \"name\": \"e2\"}]}]}\n";

static semm_model *small_model(void)
{
	semm_model *m = NULL;

	semm_error_clear(&err);
	cr_assert_eq(semm_model_from_buffer(&m, model_text, strlen(model_text),
					    "m.json", &err),
		     0, "%s", err.message);
	return m;
}

/* Loads text (which must be valid) and binds it to the small model;
 * returns bind's code with err filled. */
static int load_and_bind(const char *text)
{
	semm_questionnaire *q = NULL;
	semm_model *m = small_model();
	int rc;

	cr_assert_eq(load(text, &q), 0, "%s", err.message);
	semm_error_clear(&err);
	rc = semm_questionnaire_bind(q, m, &err);
	semm_questionnaire_free(q);
	semm_model_free(m);
	return rc;
}

/* ---- the shipped questionnaire ------------------------------------------ */

Test(questionnaire, shipped_self_assessment_loads_and_binds_to_iso23592)
{
	/* Per element, counted in the file: E1 Q01-Q05, E2 Q06-Q11, E3
	 * Q12-Q16, E4 Q17-Q22, E5 Q23-Q28, E6 Q29-Q34, E7 Q35-Q39, E8
	 * Q40-Q44, E9 Q45-Q50. */
	static const size_t per_element[9] = { 5, 6, 5, 6, 6, 6, 5, 5, 6 };
	semm_questionnaire *q = NULL;
	semm_model *m = NULL;
	size_t e, total = 0;

	semm_error_clear(&err);
	cr_assert_eq(
		semm_model_from_file(&m, DATA("models/iso23592.json"), &err), 0,
		"%s", err.message);
	cr_assert_eq(
		semm_questionnaire_from_file(
			&q,
			DATA("questionnaires/iso23592-self-assessment.json"),
			&err),
		0, "%s", err.message);
	cr_assert_eq(semm_questionnaire_bind(q, m, &err), 0, "%s", err.message);
	cr_expect_str_eq(semm_questionnaire_id(q), "iso23592-self-assessment");
	cr_expect_str_eq(semm_questionnaire_version(q), "1.0.0");
	cr_expect_str_eq(semm_questionnaire_model_id(q), "iso23592");
	cr_assert_eq(semm_questionnaire_item_count(q), 50);
	cr_expect_str_eq(semm_questionnaire_item_id(q, 0), "Q01");
	cr_expect_str_eq(semm_questionnaire_item_id(q, 49), "Q50");
	cr_expect_null(semm_questionnaire_item_id(q, 50));
	cr_assert_not_null(q->elem_items);
	cr_expect_eq(q->model, m);
	for (e = 0; e < 9; e++) {
		cr_expect_geq(q->elem_items[e], 5, "element %zu has %zu items",
			      e + 1, q->elem_items[e]);
		cr_expect_eq(q->elem_items[e], per_element[e],
			     "element %zu has %zu items", e + 1,
			     q->elem_items[e]);
		total += q->elem_items[e];
	}
	cr_expect_eq(total, 50);
	/* items resolved to their element: Q06 opens E2, Q50 closes E9 */
	cr_expect_eq(q->items[5].element, 1);
	cr_expect_eq(q->items[49].element, 8);
	semm_questionnaire_free(q);
	semm_model_free(m);
}

Test(questionnaire, shipped_self_assessment_has_six_reverse_items)
{
	static const char *const reverse[6] = { "Q09", "Q14", "Q24",
						"Q34", "Q41", "Q48" };
	semm_questionnaire *q = NULL;
	size_t i, k = 0;

	semm_error_clear(&err);
	cr_assert_eq(
		semm_questionnaire_from_file(
			&q,
			DATA("questionnaires/iso23592-self-assessment.json"),
			&err),
		0, "%s", err.message);
	for (i = 0; i < q->n_items; i++) {
		if (!q->items[i].reverse)
			continue;
		cr_assert_lt(k, 6, "more than 6 reverse items");
		cr_expect_str_eq(q->items[i].id, reverse[k]);
		k++;
	}
	cr_expect_eq(k, 6);
	semm_questionnaire_free(q);
}

/* The value of the label or synonym stored under key, or -1. */
static int label_value(const semm__scale *s, const char *key)
{
	size_t i;

	for (i = 0; i < s->n_labels; i++) {
		if (strcmp(s->labels[i].key, key) == 0)
			return s->labels[i].value;
	}
	return -1;
}

static int has_code(char *const *codes, size_t n, const char *key)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(codes[i], key) == 0)
			return 1;
	}
	return 0;
}

Test(questionnaire, shipped_self_assessment_metadata_scale_and_coverage)
{
	semm_questionnaire *q = NULL;
	const semm__scale *s;

	semm_error_clear(&err);
	cr_assert_eq(
		semm_questionnaire_from_file(
			&q,
			DATA("questionnaires/iso23592-self-assessment.json"),
			&err),
		0, "%s", err.message);
	cr_expect_str_eq(
		semm_questionnaire_meta_column(q, SEMM_META_RESPONDENT),
		"respondent_id");
	cr_expect_str_eq(
		semm_questionnaire_meta_column(q, SEMM_META_ORGANIZATION),
		"organization");
	cr_expect_str_eq(semm_questionnaire_meta_column(q, SEMM_META_UNIT),
			 "unit");
	cr_expect_str_eq(semm_questionnaire_meta_column(q, SEMM_META_ROLE),
			 "role");
	cr_expect_str_eq(semm_questionnaire_meta_column(q, SEMM_META_DATE),
			 "date");
	cr_expect_null(semm_questionnaire_meta_column(q, SEMM_META_COUNT));
	cr_expect_eq(q->meta_required[SEMM_META_RESPONDENT], 1);
	cr_expect_eq(q->meta_required[SEMM_META_ORGANIZATION], 0);
	cr_expect_eq(q->meta_required[SEMM_META_UNIT], 0);
	expect_close(q->coverage_min, 0.5);
	/* one 5-point extent scale; its answer words are stored as keys
	 * (trimmed, lowered): "Often" is a synonym of 4, "Fully" the label
	 * of 5, "N/A" an N/A code and "DK" a don't-know code */
	cr_assert_eq(q->n_scales, 1);
	s = &q->scales[0];
	cr_expect_str_eq(s->id, "extent5");
	cr_expect_eq(s->min, 1);
	cr_expect_eq(s->max, 5);
	cr_expect_eq(label_value(s, "often"), 4);
	cr_expect_eq(label_value(s, "fully"), 5);
	cr_expect_eq(label_value(s, "not at all"), 1);
	cr_expect(has_code(s->na, s->n_na, "n/a"));
	cr_expect(has_code(s->dk, s->n_dk, "dk"));
	semm_questionnaire_free(q);
}

Test(questionnaire, meta_role_names)
{
	cr_expect_str_eq(semm_meta_role_name(SEMM_META_RESPONDENT),
			 "respondent");
	cr_expect_str_eq(semm_meta_role_name(SEMM_META_DATE), "date");
	cr_expect_str_eq(semm_meta_role_name(SEMM_META_COUNT), "unknown");
}

/* ---- a valid small questionnaire ---------------------------------------- */

Test(questionnaire, minimal_questionnaire_loads_with_defaults)
{
	semm_questionnaire *q = NULL;

	cr_assert_eq(load(HEAD SCALES ITEMS, &q), 0, "%s", err.message);
	cr_expect_eq(q->n_items, 2);
	cr_expect_eq(q->items[0].reverse, 0);
	expect_close(q->items[0].weight, 1.0);
	cr_expect(isnan(q->coverage_min));
	/* no metadata member: no organization column */
	cr_expect_null(
		semm_questionnaire_meta_column(q, SEMM_META_ORGANIZATION));
	/* labels and synonyms are stored as lowered keys */
	cr_assert_eq(q->scales[0].n_labels, 2);
	cr_expect_str_eq(q->scales[0].labels[0].key, "often");
	cr_expect_str_eq(q->scales[0].labels[1].key, "usually");
	cr_expect_eq(q->scales[0].labels[1].value, 4);
	cr_expect_str_eq(q->scales[0].na[0], "n/a");
	cr_expect_str_eq(q->scales[0].dk[0], "dk");
	cr_expect_null(q->elem_items); /* not bound yet */
	semm_questionnaire_free(q);
}

Test(questionnaire, respondent_column_defaults_to_respondent_id)
{
	semm_questionnaire *q = NULL;

	/* "metadata" present without a respondent role */
	cr_assert_eq(load(HEAD "\"metadata\": {},\n" SCALES ITEMS, &q), 0, "%s",
		     err.message);
	cr_expect_str_eq(
		semm_questionnaire_meta_column(q, SEMM_META_RESPONDENT),
		"respondent_id");
	cr_expect_eq(q->meta_required[SEMM_META_RESPONDENT], 1);
	semm_questionnaire_free(q);
}

/*
 * Regression test for an engine bug found with it: leaving "metadata" out
 * altogether was not the same as "metadata": {}. With the member absent
 * no respondent column was set and none was required, so respondents were
 * read without ids (no duplicate check, empty ids in the reports).
 * docs/FORMATS.md: "Only `respondent` is required by default".
 */
Test(questionnaire, respondent_column_defaults_without_a_metadata_member)
{
	semm_questionnaire *q = NULL;

	cr_assert_eq(load(HEAD SCALES ITEMS, &q), 0, "%s", err.message);
	cr_expect_str_eq(
		semm_questionnaire_meta_column(q, SEMM_META_RESPONDENT),
		"respondent_id",
		"no respondent column when \"metadata\" is absent");
	cr_expect_eq(q->meta_required[SEMM_META_RESPONDENT], 1,
		     "respondent not required when \"metadata\" is absent");
	semm_questionnaire_free(q);
}

/*
 * Regression test for an engine bug found with it: the default respondent
 * column "respondent_id" was not claimed among the column ids, so an item
 * could take the same name and no CSV could ever be read (one column is
 * taken as the respondent and the item is missing; two columns "appear
 * twice"). It must be refused like any item that repeats a metadata
 * column. Item "Respondent_ID" is on line 9 (metadata takes line 3), its
 * id value at column 10.
 */
Test(questionnaire, item_id_equal_to_the_default_respondent_column_is_refused)
{
	expect_failure(HEAD
		       "\"metadata\": {},\n" SCALES ITEMS_OPEN ITEM1
		       "  {\"id\": \"Respondent_ID\", \"element\": \"E2\", "
		       "\"scale\": \"s\"}]}\n",
		       SEMM_EINVALID, 9, 10,
		       "$.items[1].id: duplicate item or column id "
		       "\"Respondent_ID\"");
}

Test(questionnaire, scale_of_exactly_200_points_is_accepted)
{
	semm_questionnaire *q = NULL;

	cr_assert_eq(load(HEAD "\"scales\": [{\"id\": \"s\", \"min\": 1, "
			       "\"max\": 200,\n" LABELS CODES ITEMS,
			  &q),
		     0, "%s", err.message);
	cr_expect_eq(q->scales[0].max, 200);
	semm_questionnaire_free(q);
}

/* ---- syntax and structure ------------------------------------------------ */

Test(questionnaire, missing_comma_is_a_parse_error_at_the_next_token)
{
	/* line 2 is `"id": "q" "version": "1"}`: the stray '"' of
	 * "version" is column 11 */
	expect_failure("{\"format\": \"semm-questionnaire/1\",\n"
		       "\"id\": \"q\" \"version\": \"1\"}",
		       SEMM_EPARSE, 2, 11, "invalid JSON");
}

Test(questionnaire, empty_text_is_a_parse_error)
{
	semm_questionnaire *q = (semm_questionnaire *)1;

	cr_expect_eq(load(" \n ", &q), SEMM_EPARSE);
	cr_expect_null(q);
	cr_expect(strstr(err.message, "empty") != NULL, "%s", err.message);
}

Test(questionnaire, model_file_is_refused_by_its_format)
{
	/* line 1 `{"format": "semm-model/1"}`: the value opens at column 12 */
	expect_failure("{\"format\": \"semm-model/1\"}", SEMM_ESCHEMA, 1, 12,
		       "$.format: this is a \"semm-model/1\" file, expected "
		       "\"semm-questionnaire/1\"");
}

Test(questionnaire, unknown_major_version_is_refused)
{
	expect_failure("{\"format\": \"semm-questionnaire/2\"}", SEMM_ESCHEMA,
		       1, 12,
		       "$.format: format version \"semm-questionnaire/2\" "
		       "is not supported");
}

Test(questionnaire, missing_items_is_a_schema_error_at_the_root)
{
	/* the root object opens at 1:1 */
	expect_failure(HEAD SCALES "\"title\": \"no items\"}\n", SEMM_ESCHEMA,
		       1, 1, "$: missing member \"items\" (an array)");
}

Test(questionnaire, empty_items_array_is_refused)
{
	/* line 6 `"items": []}`: '[' at column 10 */
	expect_failure(HEAD SCALES "\"items\": []}\n", SEMM_EINVALID, 6, 10,
		       "$.items: a questionnaire needs at least one item");
}

Test(questionnaire, string_where_a_number_belongs_is_a_schema_error)
{
	/* line 3 `"scales": [{"id": "s", "min": "1", "max": 5,`:
	 * `"scales": [{` is columns 1-12, `"id": "s", ` 13-23, `"min": `
	 * 24-30, so the value "1" opens at column 31 */
	expect_failure(HEAD "\"scales\": [{\"id\": \"s\", \"min\": \"1\", "
			    "\"max\": 5,\n" LABELS CODES ITEMS,
		       SEMM_ESCHEMA, 3, 31,
		       "$.scales[0].min: expected a number, found a string");
}

/* ---- scales ---------------------------------------------------------------- */

/* A broken min/max is reported at the scale object: line 3, its '{' at
 * column 12 (`"scales": [` is 11 characters). */
Test(questionnaire, scale_min_equal_to_max_is_refused)
{
	expect_failure(HEAD "\"scales\": [{\"id\": \"s\", \"min\": 5, "
			    "\"max\": 5,\n" LABELS CODES ITEMS,
		       SEMM_EINVALID, 3, 12,
		       "$.scales[0]: min and max must be integers with min < "
		       "max and at most 200 points");
}

Test(questionnaire, scale_min_above_max_is_refused)
{
	expect_failure(HEAD "\"scales\": [{\"id\": \"s\", \"min\": 6, "
			    "\"max\": 5,\n" LABELS CODES ITEMS,
		       SEMM_EINVALID, 3, 12, "$.scales[0]: min and max");
}

Test(questionnaire, non_integer_scale_min_is_refused)
{
	expect_failure(HEAD "\"scales\": [{\"id\": \"s\", \"min\": 1.5, "
			    "\"max\": 5,\n" LABELS CODES ITEMS,
		       SEMM_EINVALID, 3, 12,
		       "$.scales[0]: min and max must be integers");
}

Test(questionnaire, scale_of_201_points_is_refused)
{
	/* 1..201 is 201 points, one more than the limit */
	expect_failure(HEAD "\"scales\": [{\"id\": \"s\", \"min\": 1, "
			    "\"max\": 201,\n" LABELS CODES ITEMS,
		       SEMM_EINVALID, 3, 12, "at most 200 points");
}

Test(questionnaire, label_value_above_the_scale_is_refused_at_the_value)
{
	/* line 4 `  "labels": [{"value": 6, ...`: 2 blanks, `"labels": [`
	 * 3-13, '{' 14, `"value": ` 15-23, the 6 at column 24 */
	expect_failure(
		HEAD SCALE_OPEN
		"  \"labels\": [{\"value\": 6, \"label\": \"Often\"}],\n" CODES
			ITEMS,
		SEMM_EINVALID, 4, 24,
		"$.scales[0].labels[0].value: 6 is not a point of the "
		"scale 1..5");
}

Test(questionnaire, label_value_between_points_is_refused)
{
	expect_failure(
		HEAD SCALE_OPEN
		"  \"labels\": [{\"value\": 2.5, \"label\": \"Often\"}],\n" CODES
			ITEMS,
		SEMM_EINVALID, 4, 24,
		"$.scales[0].labels[0].value: 2.5 is not a point of the "
		"scale 1..5");
}

Test(questionnaire, label_repeated_in_another_case_is_refused)
{
	/* labels on lines 4-6; line 6 `    {"value": 5, "label": "often"}],`:
	 * 4 blanks, '{' 5, `"value": 5, ` 6-17, `"label": ` 18-26, the
	 * string at column 27 */
	expect_failure(
		HEAD SCALE_OPEN "  \"labels\": [\n"
				"    {\"value\": 4, \"label\": \"Often\"},\n"
				"    {\"value\": 5, \"label\": \"often\"}],\n"
				"  \"na\": [\"N/A\"]}],\n" ITEMS,
		SEMM_EINVALID, 6, 27,
		"$.scales[0].labels[1].label: \"often\" is used twice in "
		"this scale");
}

Test(questionnaire, synonym_repeating_a_label_with_blanks_is_refused)
{
	/* line 6 `    {"value": 5, "label": "Always", "synonyms": [" OFTEN "]}],`:
	 * `"label": "Always", ` is 18-36, `"synonyms": [` 37-49, the string
	 * at column 50 */
	expect_failure(
		HEAD SCALE_OPEN
		"  \"labels\": [\n"
		"    {\"value\": 4, \"label\": \"Often\"},\n"
		"    {\"value\": 5, \"label\": \"Always\", \"synonyms\": "
		"[\" OFTEN \"]}],\n"
		"  \"na\": [\"N/A\"]}],\n" ITEMS,
		SEMM_EINVALID, 6, 50,
		"$.scales[0].labels[1].synonyms[0]: \" OFTEN \" is used "
		"twice");
}

Test(questionnaire, synonym_equal_to_an_na_code_is_refused)
{
	/* the synonym "n/a" is claimed first; the N/A code "N/A" on line 5
	 * (`  "na": [` is columns 1-9) then repeats it at column 10 */
	expect_failure(
		HEAD SCALE_OPEN
		"  \"labels\": [{\"value\": 4, \"label\": \"Often\", "
		"\"synonyms\": [\"n/a\"]}],\n" CODES ITEMS,
		SEMM_EINVALID, 5, 10,
		"$.scales[0].na[0]: \"N/A\" is used twice in this scale");
}

Test(questionnaire, dont_know_code_equal_to_a_label_is_refused)
{
	/* line 5 `  "na": ["N/A"], "dont_know": ["often"]}],`: `  "na":
	 * ["N/A"], ` is 1-17, `"dont_know": [` 18-31, the string at 32 */
	expect_failure(
		HEAD SCALE_OPEN LABELS
		"  \"na\": [\"N/A\"], \"dont_know\": [\"often\"]}],\n" ITEMS,
		SEMM_EINVALID, 5, 32,
		"$.scales[0].dont_know[0]: \"often\" is used twice");
}

Test(questionnaire, empty_label_is_refused)
{
	/* line 4: `"label": ` is columns 27-35 after `{"value": 4, ` (14-26) */
	expect_failure(
		HEAD SCALE_OPEN
		"  \"labels\": [{\"value\": 4, \"label\": \"  \"}],\n" CODES
			ITEMS,
		SEMM_EINVALID, 4, 36,
		"$.scales[0].labels[0].label: an empty answer word is "
		"not allowed");
}

Test(questionnaire, duplicate_scale_id_is_refused)
{
	/* scales on lines 3-5; line 5 `  {"id": "s", "min": 0, "max": 1}],`
	 * repeats "s": its '{' at column 3 */
	expect_failure(
		HEAD "\"scales\": [{\"id\": \"s\", \"min\": 1, "
		     "\"max\": 5},\n"
		     "  {\"id\": \"t\", \"min\": 0, \"max\": 1},\n"
		     "  {\"id\": \"s\", \"min\": 0, \"max\": 1}],\n" ITEMS,
		SEMM_EINVALID, 5, 3, "$.scales[2]: duplicate scale id \"s\"");
}

/* ---- items ----------------------------------------------------------------- */

/* Items are on lines 7 and 8; in `  {"id": "Q1", "element": "E1",
 * "scale": "s"` the id value opens at column 10, the element at 27, the
 * scale at 42; a weight appended after `"s", ` has its value at 57. */
Test(questionnaire, item_with_unknown_scale_is_refused)
{
	expect_failure(
		HEAD SCALES ITEMS_OPEN
		"  {\"id\": \"Q1\", \"element\": \"E1\", \"scale\": \"t\"},\n" ITEM2,
		SEMM_EINVALID, 7, 42, "$.items[0].scale: unknown scale \"t\"");
}

Test(questionnaire, duplicate_item_id_is_refused)
{
	expect_failure(
		HEAD SCALES ITEMS_OPEN ITEM1
		"  {\"id\": \"Q1\", \"element\": \"E2\", \"scale\": \"s\"}]}\n",
		SEMM_EINVALID, 8, 10,
		"$.items[1].id: duplicate item or column id \"Q1\"");
}

Test(questionnaire, item_ids_differing_only_in_case_are_duplicates)
{
	expect_failure(
		HEAD SCALES ITEMS_OPEN ITEM1
		"  {\"id\": \"q1\", \"element\": \"E2\", \"scale\": \"s\"}]}\n",
		SEMM_EINVALID, 8, 10,
		"$.items[1].id: duplicate item or column id \"q1\" "
		"(compared without case)");
}

Test(questionnaire, empty_item_id_is_refused)
{
	expect_failure(
		HEAD SCALES ITEMS_OPEN ITEM1
		"  {\"id\": \"\", \"element\": \"E2\", \"scale\": \"s\"}]}\n",
		SEMM_EINVALID, 8, 10,
		"$.items[1].id: item id must not be empty");
}

Test(questionnaire, item_weight_zero_is_refused)
{
	expect_failure(
		HEAD SCALES ITEMS_OPEN ITEM1
		"  {\"id\": \"Q2\", \"element\": \"E2\", \"scale\": \"s\", "
		"\"weight\": 0}]}\n",
		SEMM_EINVALID, 8, 57,
		"$.items[1].weight: weight must be greater than 0, "
		"found 0");
}

Test(questionnaire, negative_item_weight_is_refused)
{
	expect_failure(
		HEAD SCALES ITEMS_OPEN ITEM1
		"  {\"id\": \"Q2\", \"element\": \"E2\", \"scale\": \"s\", "
		"\"weight\": -1}]}\n",
		SEMM_EINVALID, 8, 57,
		"$.items[1].weight: weight must be greater than 0, "
		"found -1");
}

Test(questionnaire, label_reading_as_another_number_is_refused)
{
	semm_questionnaire *q = NULL;

	expect_failure(
		HEAD SCALE_OPEN
		"  \"labels\": [{\"value\": 5, \"label\": \"3\"}],\n" CODES
			ITEMS,
		SEMM_EINVALID, 4, 36,
		"$.scales[0].labels[0].label: label \"3\" reads as the "
		"number 3, not its value 5");
	expect_failure(HEAD SCALE_OPEN
		       "  \"labels\": [{\"value\": 4, \"label\": \"x\", "
		       "\"synonyms\": [\" 2.0 \"]}],\n" CODES ITEMS,
		       SEMM_EINVALID, 4, 54, "reads as the number 2");
	/* a label that is its own value is merely redundant */
	cr_expect_eq(
		load(HEAD SCALE_OPEN
		     "  \"labels\": [{\"value\": 5, \"label\": \"5\"}],\n" CODES
			     ITEMS,
		     &q),
		SEMM_OK, "%s", err.message);
	semm_questionnaire_free(q);
}

Test(questionnaire, item_weight_that_would_overflow_a_sum_is_refused)
{
	expect_failure(
		HEAD SCALES ITEMS_OPEN ITEM1
		"  {\"id\": \"Q2\", \"element\": \"E2\", \"scale\": \"s\", "
		"\"weight\": 1e308}]}\n",
		SEMM_EINVALID, 8, 57,
		"$.items[1].weight: weight 1e+308 is too large (weights must "
		"lie between 2.22507e-308 and 1e+300");
}

Test(questionnaire, subnormal_item_weight_is_refused)
{
	expect_failure(
		HEAD SCALES ITEMS_OPEN ITEM1
		"  {\"id\": \"Q2\", \"element\": \"E2\", \"scale\": \"s\", "
		"\"weight\": 5e-324}]}\n",
		SEMM_EINVALID, 8, 57,
		"$.items[1].weight: weight 4.94066e-324 is too small");
}

Test(questionnaire, reverse_must_be_a_boolean)
{
	/* `"reverse": ` follows `"s", ` (45-46) at 47-57: value at 58 */
	expect_failure(
		HEAD SCALES ITEMS_OPEN ITEM1
		"  {\"id\": \"Q2\", \"element\": \"E2\", \"scale\": \"s\", "
		"\"reverse\": \"yes\"}]}\n",
		SEMM_ESCHEMA, 8, 58,
		"$.items[1].reverse: expected true or false, found a "
		"string");
}

Test(questionnaire, reverse_and_weight_are_read)
{
	semm_questionnaire *q = NULL;

	cr_assert_eq(load(HEAD SCALES ITEMS_OPEN ITEM1
			  "  {\"id\": \"Q2\", \"element\": \"E2\", \"scale\": "
			  "\"s\", \"reverse\": true, \"weight\": 2.5}]}\n",
			  &q),
		     0, "%s", err.message);
	cr_expect_eq(q->items[1].reverse, 1);
	expect_close(q->items[1].weight, 2.5);
	cr_expect_str_eq(q->items[1].element_id, "E2");
	semm_questionnaire_free(q);
}

/* ---- metadata -------------------------------------------------------------- */

/*
 * With a metadata line 3, the scales are lines 4-6 and the items 7-9:
 * 3 "metadata": {"respondent": {"column": "id"}, "organization": {...}},
 * `"metadata": {` is 1-13, `"respondent": {` 14-28, `"column": ` 29-38,
 * `"id"` 39-42, `}, ` 43-45, so the second role's name opens at 46.
 */
Test(questionnaire, metadata_column_equal_to_an_item_id_is_refused)
{
	/* the column "q2" is claimed first; item Q2 (line 9) repeats it */
	expect_failure(
		HEAD
		"\"metadata\": {\"respondent\": {\"column\": \"q2\"}},\n" SCALES
			ITEMS,
		SEMM_EINVALID, 9, 10,
		"$.items[1].id: duplicate item or column id \"Q2\"");
}

Test(questionnaire, two_roles_on_one_column_are_refused)
{
	/* `"organization": {` is 46-62, `"column": ` 63-72, "ID" at 73 */
	expect_failure(
		HEAD "\"metadata\": {\"respondent\": {\"column\": \"id\"}, "
		     "\"organization\": {\"column\": \"ID\"}},\n" SCALES ITEMS,
		SEMM_EINVALID, 3, 73,
		"$.metadata.organization.column: column \"ID\" is empty "
		"or already used");
}

Test(questionnaire, unknown_metadata_role_is_refused)
{
	/* `"region": ` is 46-55: its object opens at 56 */
	expect_failure(HEAD
		       "\"metadata\": {\"respondent\": {\"column\": \"id\"}, "
		       "\"region\": {\"column\": \"r\"}},\n" SCALES ITEMS,
		       SEMM_EINVALID, 3, 56,
		       "$.metadata.region: unknown metadata role \"region\"");
}

Test(questionnaire, metadata_roles_are_read)
{
	semm_questionnaire *q = NULL;

	cr_assert_eq(
		load(HEAD
		     "\"metadata\": {\"respondent\": {\"column\": "
		     "\"rid\", \"required\": false}, \"unit\": "
		     "{\"column\": \"dept\", \"required\": true}},\n" SCALES
			     ITEMS,
		     &q),
		0, "%s", err.message);
	cr_expect_str_eq(
		semm_questionnaire_meta_column(q, SEMM_META_RESPONDENT), "rid");
	cr_expect_eq(q->meta_required[SEMM_META_RESPONDENT], 0);
	cr_expect_str_eq(semm_questionnaire_meta_column(q, SEMM_META_UNIT),
			 "dept");
	cr_expect_eq(q->meta_required[SEMM_META_UNIT], 1);
	cr_expect_null(semm_questionnaire_meta_column(q, SEMM_META_ROLE));
	semm_questionnaire_free(q);
}

/* ---- coverage minimum ------------------------------------------------------ */

/* line 3 `"coverage_min": X,`: `"coverage_min": ` is 1-16, value at 17 */
Test(questionnaire, coverage_min_zero_is_refused)
{
	expect_failure(HEAD "\"coverage_min\": 0,\n" SCALES ITEMS,
		       SEMM_EINVALID, 3, 17,
		       "$.coverage_min: must be greater than 0 and at most 1");
}

Test(questionnaire, coverage_min_above_one_is_refused)
{
	expect_failure(HEAD "\"coverage_min\": 1.5,\n" SCALES ITEMS,
		       SEMM_EINVALID, 3, 17,
		       "$.coverage_min: must be greater than 0 and at most 1");
}

Test(questionnaire, coverage_min_of_one_is_accepted)
{
	semm_questionnaire *q = NULL;

	cr_assert_eq(load(HEAD "\"coverage_min\": 1,\n" SCALES ITEMS, &q), 0,
		     "%s", err.message);
	expect_close(q->coverage_min, 1.0);
	semm_questionnaire_free(q);
}

/* ---- binding to a model ---------------------------------------------------- */

Test(questionnaire, bind_resolves_elements_and_counts_items)
{
	semm_questionnaire *q = NULL;
	semm_model *m = small_model();

	cr_assert_eq(
		load(HEAD SCALES ITEMS_OPEN ITEM1
		     "  {\"id\": \"Q2\", \"element\": \"E2\", \"scale\": \"s\"},\n"
		     "  {\"id\": \"Q3\", \"element\": \"E2\", \"scale\": \"s\"}]}\n",
		     &q),
		0, "%s", err.message);
	cr_assert_eq(semm_questionnaire_bind(q, m, &err), 0, "%s", err.message);
	cr_expect_eq(q->model, m);
	cr_expect_eq(q->items[0].element, 0);
	cr_expect_eq(q->items[2].element, 1);
	cr_expect_eq(q->elem_items[0], 1);
	cr_expect_eq(q->elem_items[1], 2);
	/* binding again is allowed and gives the same counts */
	cr_assert_eq(semm_questionnaire_bind(q, m, &err), 0, "%s", err.message);
	cr_expect_eq(q->elem_items[1], 2);
	semm_questionnaire_free(q);
	semm_model_free(m);
}

Test(questionnaire, model_version_is_optional)
{
	cr_expect_eq(
		load_and_bind("{\"format\": \"semm-questionnaire/1\", "
			      "\"id\": \"q\", \"version\": \"1\",\n"
			      "\"model\": {\"id\": \"m\"},\n" SCALES ITEMS),
		0, "%s", err.message);
}

/* line 2 `"model": {"id": ...}`: the object opens at column 10 */
Test(questionnaire, bind_refuses_another_model_id)
{
	cr_expect_eq(
		load_and_bind(
			"{\"format\": \"semm-questionnaire/1\", "
			"\"id\": \"q\", \"version\": \"1\",\n"
			"\"model\": {\"id\": \"other\", \"version\": \"1\"},\n" SCALES
				ITEMS),
		SEMM_EINVALID);
	cr_expect_str_eq(err.source, "q.json");
	cr_expect_eq(err.line, 2);
	cr_expect_eq(err.column, 10);
	cr_expect(strstr(err.message, "$.model: the questionnaire scores model "
				      "\"other\", not \"m\"") != NULL,
		  "%s", err.message);
}

Test(questionnaire, bind_refuses_another_model_version)
{
	cr_expect_eq(
		load_and_bind(
			"{\"format\": \"semm-questionnaire/1\", "
			"\"id\": \"q\", \"version\": \"1\",\n"
			"\"model\": {\"id\": \"m\", \"version\": \"2\"},\n" SCALES
				ITEMS),
		SEMM_EINVALID);
	cr_expect_eq(err.line, 2);
	cr_expect_eq(err.column, 10);
	cr_expect(strstr(err.message, "$.model: the questionnaire needs model "
				      "version \"2\", the model is version "
				      "\"1\"") != NULL,
		  "%s", err.message);
}

Test(questionnaire, bind_refuses_an_unknown_element_at_the_item)
{
	/* item Q2 on line 8, its element value at column 27 */
	cr_expect_eq(load_and_bind(HEAD SCALES ITEMS_OPEN ITEM1
				   "  {\"id\": \"Q2\", \"element\": \"E9\", "
				   "\"scale\": \"s\"}]}\n"),
		     SEMM_EINVALID);
	cr_expect_str_eq(err.source, "q.json");
	cr_expect_eq(err.line, 8);
	cr_expect_eq(err.column, 27);
	cr_expect(strstr(err.message, "$.items[1].element: unknown element "
				      "\"E9\" (not in model \"m\")") != NULL,
		  "%s", err.message);
}

Test(questionnaire, bind_element_ids_are_case_sensitive)
{
	cr_expect_eq(load_and_bind(HEAD SCALES ITEMS_OPEN ITEM1
				   "  {\"id\": \"Q2\", \"element\": \"e2\", "
				   "\"scale\": \"s\"}]}\n"),
		     SEMM_EINVALID);
	cr_expect(strstr(err.message, "unknown element \"e2\"") != NULL, "%s",
		  err.message);
}

Test(questionnaire, bind_refuses_an_element_without_items)
{
	/* both items on E1; the items array opens at 6:10 */
	cr_expect_eq(load_and_bind(HEAD SCALES ITEMS_OPEN ITEM1
				   "  {\"id\": \"Q2\", \"element\": \"E1\", "
				   "\"scale\": \"s\"}]}\n"),
		     SEMM_EINVALID);
	cr_expect_eq(err.line, 6);
	cr_expect_eq(err.column, 10);
	cr_expect(strstr(err.message, "$.items: element \"E2\" of model \"m\" "
				      "has no item") != NULL,
		  "%s", err.message);
}

Test(questionnaire, failed_bind_leaves_the_questionnaire_unbound)
{
	semm_questionnaire *q = NULL;
	semm_model *m = small_model();

	cr_assert_eq(load(HEAD SCALES ITEMS_OPEN ITEM1
			  "  {\"id\": \"Q2\", \"element\": \"E9\", \"scale\": "
			  "\"s\"}]}\n",
			  &q),
		     0);
	cr_expect_eq(semm_questionnaire_bind(q, m, &err), SEMM_EINVALID);
	cr_expect_null(q->model);
	cr_expect_null(q->elem_items);
	semm_questionnaire_free(q);
	semm_model_free(m);
}

/* ---- ownership --------------------------------------------------------------- */

Test(questionnaire, free_of_null_is_a_no_op)
{
	semm_questionnaire_free(NULL);
}

Test(questionnaire, failed_load_from_a_missing_file_leaves_out_null)
{
	semm_questionnaire *q = (semm_questionnaire *)1;

	semm_error_clear(&err);
	cr_expect_eq(semm_questionnaire_from_file(
			     &q, DATA("tests/data/no-such-questionnaire.json"),
			     &err),
		     SEMM_EIO);
	cr_expect_null(q);
}

Test(questionnaire, failure_late_in_the_file_leaves_out_null)
{
	/* everything before the last item is built, then freed */
	expect_failure(
		HEAD
		"\"metadata\": {\"respondent\": {\"column\": \"id\"}},\n" SCALES
			ITEMS_OPEN ITEM1
		"  {\"id\": \"Q2\", \"element\": \"E2\", \"scale\": \"s\", "
		"\"weight\": 0}]}\n",
		SEMM_EINVALID, 9, 57, "$.items[1].weight");
}

#define HEAD_ID(id)                                                   \
	"{\"format\": \"semm-questionnaire/1\", \"id\": \"" id "\", " \
	"\"version\": \"1\",\n\"model\": {\"id\": \"m\", \"version\": \"1\"},\n"

/* semm template writes ID-template.csv: an id must be a safe file name
 * (issue 12: "../../x" wrote outside -o). */
Test(questionnaire, id_that_is_not_a_safe_file_name_is_refused)
{
	static const char *const bad[] = { HEAD_ID("../../x") SCALES ITEMS,
					   HEAD_ID(".hidden") SCALES ITEMS,
					   HEAD_ID("a/b") SCALES ITEMS,
					   HEAD_ID("a b") SCALES ITEMS,
					   HEAD_ID("") SCALES ITEMS };
	semm_questionnaire *q = NULL;
	size_t k;

	for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		cr_expect_eq(load(bad[k], &q), SEMM_EINVALID, "%zu", k);
		cr_expect(strstr(err.message, "$.id: not a safe file name"),
			  "%s", err.message);
		cr_expect_eq(err.line, 1);
		semm_questionnaire_free(q);
		q = NULL;
	}
	cr_expect_eq(
		load(HEAD_ID("iso23592-self_assessment.v2") SCALES ITEMS, &q),
		SEMM_OK, "%s", err.message);
	semm_questionnaire_free(q);
}
