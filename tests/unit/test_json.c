/*
 * test_json.c - the cJSON adapter shared by every JSON reader: duplicate
 * member names refused with the place of the second occurrence, positions
 * counted after a byte-order mark.
 */
#include <time.h>

#include "base/json.h"
#include "test_helpers.h"

static semm_error err;

static int parse(const char *text, size_t len)
{
	semm__jdoc d = { text, len, "x.json", &err, NULL };
	cJSON *root = NULL;
	int rc;

	semm_error_clear(&err);
	rc = semm__json_parse(&d, &root);
	cJSON_Delete(root);
	return rc;
}

static const char *formatted(void)
{
	static char line[SEMM_ERROR_MESSAGE_MAX + SEMM_ERROR_SOURCE_MAX + 64];

	return semm_error_format(&err, line, sizeof(line));
}

Test(json, duplicate_member_is_refused_at_its_second_occurrence)
{
	const char *text = "{\"format\": \"semm-model/1\",\n"
			   "  \"dimensions\": [\n"
			   "    {\"id\": \"D1\",\n"
			   "      \"weight\": 1,\n"
			   "      \"weight\": 5}]}\n";

	cr_assert_eq(parse(text, strlen(text)), SEMM_EPARSE);
	cr_expect_str_eq(formatted(),
			 "x.json:5:7: $.dimensions[0].weight: duplicate "
			 "member \"weight\" (first at line 4)");
}

Test(json, duplicate_top_level_array_is_refused)
{
	const char *text = "{\"respondents\": [],\n\"respondents\": []}";

	cr_assert_eq(parse(text, strlen(text)), SEMM_EPARSE);
	cr_expect_str_eq(formatted(),
			 "x.json:2:1: $.respondents: duplicate member "
			 "\"respondents\" (first at line 1)");
}

Test(json, names_equal_after_unescaping_are_duplicates)
{
	const char *text = "{\"a\": {\"id\": 1, \"\\u0069d\": 2}}";

	cr_assert_eq(parse(text, strlen(text)), SEMM_EPARSE);
	cr_expect_str_eq(formatted(),
			 "x.json:1:17: $.a.id: duplicate member \"id\" (first "
			 "at line 1)");
}

Test(json, duplicate_under_a_repeated_name_in_an_array_is_located)
{
	/* the second element's "x" repeats; the first element's does not */
	const char *text = "[{\"x\": {\"k\": 1}},\n"
			   " {\"x\": {\"k\": 1,\n"
			   "         \"k\": 2}}]";

	cr_assert_eq(parse(text, strlen(text)), SEMM_EPARSE);
	cr_expect_str_eq(formatted(),
			 "x.json:3:10: $[1].x.k: duplicate member \"k\" (first "
			 "at line 2)");
}

Test(json, case_differs_is_not_a_duplicate)
{
	const char *text = "{\"Q1\": 1, \"q1\": 2}";

	cr_expect_eq(parse(text, strlen(text)), SEMM_OK, "%s", err.message);
}

/* Writes {"k0": 0, "k1": 1, ...} of n members; when dup, member n - 1
 * repeats the name of member n / 2. */
static char *big_object(size_t n, int dup)
{
	semm__buf b = { 0 };
	char member[64];
	size_t i;

	cr_assert_eq(semm__buf_append(&b, "{", 1), 0);
	for (i = 0; i < n; i++) {
		int len = snprintf(member, sizeof(member), "%s\n\"k%zu\": %zu",
				   i ? "," : "", dup && i == n - 1 ? n / 2 : i,
				   i);

		cr_assert_eq(semm__buf_append(&b, member, (size_t)len), 0);
	}
	cr_assert_eq(semm__buf_append(&b, "}", 2), 0);
	b.len--;
	return b.data;
}

Test(json, large_object_duplicate_is_found_by_sorting)
{
	char *text = big_object(1000, 1);

	cr_assert_eq(parse(text, strlen(text)), SEMM_EPARSE);
	cr_expect_str_eq(formatted(),
			 "x.json:1001:1: $.k500: duplicate member \"k500\" "
			 "(first at line 502)");
	free(text);
}

Test(json, object_of_100k_members_is_checked_quickly)
{
	char *text = big_object(100000, 0);
	clock_t t0 = clock();

	cr_assert_eq(parse(text, strlen(text)), SEMM_OK, "%s", err.message);
	/* pairwise comparison would take 5e9 comparisons: minutes */
	cr_expect_lt((double)(clock() - t0) / CLOCKS_PER_SEC, 2.0);
	free(text);
}

Test(json, model_with_a_repeated_weight_does_not_load)
{
	const char *text = "{\"format\": \"semm-model/1\", \"id\": \"m\",\n"
			   "\"weight\": 1, \"weight\": 2}";
	semm_model *m = NULL;

	semm_error_clear(&err);
	cr_assert_eq(
		semm_model_from_buffer(&m, text, strlen(text), "m.json", &err),
		SEMM_EPARSE);
	cr_expect_null(m);
	cr_expect_str_eq(formatted(),
			 "m.json:2:14: $.weight: duplicate member \"weight\" "
			 "(first at line 2)");
}

#define BOM "\xEF\xBB\xBF"

Test(json, bom_is_accepted_and_positions_count_after_it)
{
	const char *text = BOM "{\"format\": x}";
	const char *dup = BOM "{\"a\": 1,\n \"a\": 2}";
	const char *empty = BOM " \n";

	cr_expect_eq(parse(BOM "{\"a\": 1}", 11), SEMM_OK, "%s", err.message);
	cr_assert_eq(parse(text, strlen(text)), SEMM_EPARSE);
	cr_expect_eq(err.line, 1);
	cr_expect_eq(err.column, 12);
	cr_assert_eq(parse(dup, strlen(dup)), SEMM_EPARSE);
	cr_expect_str_eq(formatted(), "x.json:2:2: $.a: duplicate member "
				      "\"a\" (first at line 1)");
	cr_assert_eq(parse(empty, strlen(empty)), SEMM_EPARSE);
	cr_expect_str_eq(formatted(),
			 "x.json: the file is empty, expected a JSON document");
}

Test(json, bom_file_rule_problem_is_located_at_the_value)
{
	const char *text = BOM "{\"format\": \"semm-model/1\", \"id\": \"m\","
			       "\n  \"version\": 7}";
	semm_model *m = NULL;

	semm_error_clear(&err);
	cr_assert_lt(
		semm_model_from_buffer(&m, text, strlen(text), "m.json", &err),
		0);
	cr_expect_eq(err.line, 2, "%s", formatted());
	cr_expect_eq(err.column, 14, "%s", formatted());
}
