/*
 * test_mapping.c - mapping files (src/defs/mapping.c) and their check
 * against a questionnaire (src/input/mapping_check.c): string and object
 * column entries, informational members, answers without a value yet,
 * and every rule semm validate reports. Uses the hand-worked
 * questionnaire (items A1 A2 B1 B2 B3 C1 C2 on scale s5, 1..5, labels
 * never..always, N/A and DK; respondent column "id", organization "org").
 */
#include "test_helpers.h"

static semm_model *model;
static semm_questionnaire *quest;
static semm_responses *resp;
static semm_mapping *map;
static semm_error err;

/* Problems a check reported, one line each. */
#define MAX_PROBLEMS 16
static char problems[MAX_PROBLEMS][SEMM_ERROR_MESSAGE_MAX + 64];
static size_t n_problems;

static void setup(void)
{
	semm_error_clear(&err);
	cr_assert_eq(
		semm_model_from_file(
			&model, DATA("tests/data/handworked/model.json"), &err),
		0);
	cr_assert_eq(semm_questionnaire_from_file(
			     &quest,
			     DATA("tests/data/handworked/questionnaire.json"),
			     &err),
		     0);
	cr_assert_eq(semm_questionnaire_bind(quest, model, &err), 0);
	resp = NULL;
	map = NULL;
	n_problems = 0;
}

static void teardown(void)
{
	semm_mapping_free(map);
	semm_responses_free(resp);
	semm_questionnaire_free(quest);
	semm_model_free(model);
}

TestSuite(mapping, .init = setup, .fini = teardown);

static int load(const char *json)
{
	semm_mapping_free(map);
	map = NULL;
	semm_error_clear(&err);
	return semm_mapping_from_buffer(&map, json, strlen(json), "map.json",
					&err);
}

/* Reads csv through the mapping loaded (with preset p). */
static int read_mapped(semm_preset p, const char *csv)
{
	semm_read_options o = SEMM_READ_OPTIONS_INIT;

	o.preset = p;
	o.mapping = map;
	semm_responses_free(resp);
	cr_assert_eq(semm_responses_new(&resp, quest, &o), 0);
	semm_error_clear(&err);
	return semm_responses_read_csv_buffer(resp, csv, strlen(csv), "x.csv",
					      &err);
}

static void collect(void *ctx, const semm_error *e)
{
	(void)ctx;
	cr_assert_lt(n_problems, MAX_PROBLEMS);
	snprintf(problems[n_problems++], sizeof(problems[0]), "%lu:%lu: %s",
		 e->line, e->column, e->message);
}

static int check(const char *json, const semm_questionnaire *q)
{
	n_problems = 0;
	semm_error_clear(&err);
	semm_mapping_free(map);
	map = NULL;
	return semm_mapping_check(json, strlen(json), "map.json", q, collect,
				  NULL, &map, &err);
}

#define HEADER "Who,Where,Item 1,Item 2,B1,B2,B3,C1,C2\n"

/* ---- loading ------------------------------------------------------------ */

Test(mapping, string_and_object_entries_place_alike)
{
	const char *csv = HEADER "r1,X,1,2,3,4,5,often,never\n";

	cr_assert_eq(
		load("{\"format\": \"semm-mapping/1\", \"columns\": {"
		     "\"Who\": \"respondent\", \"Where\": \"organization\","
		     " \"Item 1\": \"A1\", \"Item 2\": \"A2\"}}"),
		0, "%s", err.message);
	cr_expect_eq(read_mapped(SEMM_PRESET_NONE, csv), 0, "%s", err.message);
	cr_expect_eq(semm_responses_count(resp), 1);
	cr_assert_eq(load("{\"format\": \"semm-mapping/1\", \"columns\": {"
			  "\"Who\": {\"item\": \"respondent\", \"column\": 1},"
			  " \"Where\": {\"item\": \"organization\"},"
			  " \"Item 1\": {\"item\": \"A1\", \"matched_by\": "
			  "\"statement\", \"column\": 3, \"answers_seen\": "
			  "[\"1\"], \"answers_more\": 0},"
			  " \"Item 2\": {\"item\": \"A2\", \"column\": [4]}}}"),
		     0, "%s", err.message);
	cr_expect_eq(read_mapped(SEMM_PRESET_NONE, csv), 0, "%s", err.message);
	cr_expect_eq(semm_responses_count(resp), 1);
}

Test(mapping, an_object_with_item_null_ignores_the_column)
{
	cr_assert_eq(load("{\"format\": \"semm-mapping/1\", \"columns\": {"
			  "\"Item 1\": \"A1\", \"Item 2\": \"A2\","
			  " \"Browser\": {\"item\": null, \"column\": 10}}}"),
		     0, "%s", err.message);
	/* without ignoring unknown columns: Browser must be placed */
	{
		semm_read_options o = SEMM_READ_OPTIONS_INIT;
		const char *csv =
			"id,org,Item 1,Item 2,B1,B2,B3,C1,C2,Browser\n"
			"r1,X,1,2,3,4,5,1,2,Firefox\n";

		o.mapping = map;
		o.ignore_unknown_columns = 0;
		cr_assert_eq(semm_responses_new(&resp, quest, &o), 0);
		cr_expect_eq(semm_responses_read_csv_buffer(
				     resp, csv, strlen(csv), "x.csv", &err),
			     0, "%s", err.message);
		cr_expect_eq(semm_responses_ignored_count(resp), 0);
	}
}

Test(mapping, an_object_without_item_leaves_the_tool_its_column)
{
	/* Finished is Qualtrics' filter: an entry without "item" must not
	 * turn it into an ignored column (the unfinished row stays out) */
	const char *csv = "V1,V2,V3,V4,V5,V6,V7,V8,V9,V10\n"
			  "ResponseId,Finished,org,A1,A2,B1,B2,B3,C1,C2\n"
			  "R1,1,X,1,2,3,4,5,1,2\n"
			  "R2,0,X,1,2,3,4,5,1,2\n";

	cr_assert_eq(load("{\"format\": \"semm-mapping/1\", \"columns\": {"
			  "\"Finished\": {\"matched_by\": \"tool\", \"tool\": "
			  "\"response filter\", \"column\": 2},"
			  " \"ResponseId\": {\"matched_by\": \"tool\"}}}"),
		     0, "%s", err.message);
	cr_expect_eq(read_mapped(SEMM_PRESET_QUALTRICS, csv), 0, "%s",
		     err.message);
	cr_expect_eq(semm_responses_count(resp), 1);
	cr_expect_eq(
		semm_responses_excluded_count(resp, SEMM_EXCLUDED_UNFINISHED),
		1);
	/* and null there does ignore it: both rows are then scored */
	cr_assert_eq(load("{\"format\": \"semm-mapping/1\", \"columns\": {"
			  "\"Finished\": null}}"),
		     0);
	cr_expect_eq(read_mapped(SEMM_PRESET_QUALTRICS, csv), 0, "%s",
		     err.message);
	cr_expect_eq(semm_responses_count(resp), 2);
}

Test(mapping, a_segment_column_stays_one_whatever_the_mapping_says)
{
	/* a stub lists an unplaced "Sector" as null; --segment-by Sector
	 * must still find it (without the rule: "missing column") */
	static const char *const attrs[] = { "Sector" };
	semm_read_options o = SEMM_READ_OPTIONS_INIT;
	const char *csv = "id,org,Sector,A1,A2,B1,B2,B3,C1,C2\n"
			  "r1,X,Retail,1,2,3,4,5,1,2\n";

	cr_assert_eq(load("{\"format\": \"semm-mapping/1\", \"columns\": {"
			  "\"Sector\": {\"item\": null, \"column\": 3}}}"),
		     0);
	o.mapping = map;
	o.attributes = attrs;
	o.n_attributes = 1;
	cr_assert_eq(semm_responses_new(&resp, quest, &o), 0);
	cr_expect_eq(semm_responses_read_csv_buffer(resp, csv, strlen(csv),
						    "x.csv", &err),
		     0, "%s", err.message);
	cr_expect_eq(semm_responses_count(resp), 1);
}

Test(mapping, an_answer_without_a_value_fails_naming_it)
{
	cr_expect_eq(load("{\"format\": \"semm-mapping/1\",\n"
			  " \"answers\": {\"A1\": null, \"A2\": 2,"
			  " \"A3\": null, \"A4\": null}}"),
		     SEMM_EINVALID);
	cr_expect_null(map);
	cr_expect_eq(err.line, 2);
	cr_expect_eq(err.column, 20);
	cr_expect_str_eq(err.message,
			 "$.answers.A1: answer \"A1\" has no value yet: give "
			 "the scale value it stands for (2 more answers have "
			 "no value)");
	cr_expect_eq(load("{\"format\": \"semm-mapping/1\", \"answers\": "
			  "{\"A5\": null}}"),
		     SEMM_EINVALID);
	cr_expect_str_eq(err.message,
			 "$.answers.A5: answer \"A5\" has no value yet: give "
			 "the scale value it stands for");
}

Test(mapping, filled_answers_read_as_their_values)
{
	const char *csv = "id,org,A1,A2,B1,B2,B3,C1,C2\n"
			  "r1,X,A4,A1, a2 ,3,4,5,1\n";

	cr_assert_eq(load("{\"format\": \"semm-mapping/1\", \"answers\": "
			  "{\"A1\": 1, \"A2\": 2, \"A4\": 4}}"),
		     0, "%s", err.message);
	cr_expect_eq(read_mapped(SEMM_PRESET_NONE, csv), 0, "%s", err.message);
	cr_expect_eq(semm_responses_count(resp), 1);
	cr_expect_eq(semm_responses_rejected_count(resp), 0);
}

Test(mapping, the_questionnaire_member_is_kept)
{
	cr_assert_eq(load("{\"format\": \"semm-mapping/1\", "
			  "\"questionnaire\": \"mini-q\"}"),
		     0);
	cr_expect_str_eq(semm_mapping_questionnaire(map), "mini-q");
	cr_assert_eq(load("{\"format\": \"semm-mapping/1\"}"), 0);
	cr_expect_null(semm_mapping_questionnaire(map));
	cr_expect_null(semm_mapping_questionnaire(NULL));
}

Test(mapping, wrong_shapes_are_refused_where_they_are)
{
	static const struct {
		const char *json;
		int code;
		const char *message;
	} cases[] = {
		{ "{\"format\": \"semm-mapping/1\", \"columns\": {\"X\": 5}}",
		  SEMM_ESCHEMA,
		  "$.columns.X: expected an item id or metadata role, null "
		  "to ignore the column, or an object with \"item\"" },
		{ "{\"format\": \"semm-mapping/1\", \"columns\": {\"X\": "
		  "{\"item\": 5}}}",
		  SEMM_ESCHEMA,
		  "$.columns.X.item: expected an item id or metadata role, "
		  "null to ignore the column, or an object with \"item\"" },
		{ "{\"format\": \"semm-mapping/1\", \"columns\": {\"X\": "
		  "{\"itme\": \"A1\"}}}",
		  SEMM_EINVALID,
		  "$.columns.X.itme: unknown member \"itme\" (misspelt? "
		  "expected one of: item, matched_by, column, tool, "
		  "answers_seen, answers_more)" },
		{ "{\"format\": \"semm-mapping/1\", \"columns\": {\"X\": "
		  "{\"item\": \"A1\", \"column\": 0}}}",
		  SEMM_ESCHEMA,
		  "$.columns.X.column: expected the column's number (1 for "
		  "the first), or a list of them" },
		{ "{\"format\": \"semm-mapping/1\", \"columns\": {\"X\": "
		  "{\"column\": [2, 2.5]}}}",
		  SEMM_ESCHEMA,
		  "$.columns.X.column: expected the column's number (1 for "
		  "the first), or a list of them" },
		{ "{\"format\": \"semm-mapping/1\", \"columns\": {\"X\": "
		  "{\"answers_seen\": [\"a\", 1]}}}",
		  SEMM_ESCHEMA,
		  "$.columns.X.answers_seen: expected a list of answer "
		  "texts" },
		{ "{\"format\": \"semm-mapping/1\", \"columns\": {\"X\": "
		  "{\"answers_more\": -1}}}",
		  SEMM_ESCHEMA,
		  "$.columns.X.answers_more: expected the number of other "
		  "answer texts" },
		{ "{\"format\": \"semm-mapping/1\", \"columns\": {\"X\": "
		  "{\"matched_by\": 1}}}",
		  SEMM_ESCHEMA, "$.columns.X.matched_by: expected a string" },
		{ "{\"format\": \"semm-mapping/1\", \"answers\": {\"Yes\": "
		  "\"5\"}}",
		  SEMM_ESCHEMA,
		  "$.answers.Yes: expected the scale value the answer stands "
		  "for (a number)" },
		{ "{\"format\": \"semm-mapping/1\", \"questionnaire\": 3}",
		  SEMM_ESCHEMA, NULL },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cr_expect_eq(load(cases[i].json), cases[i].code, "case %zu: %s",
			     i, err.message);
		cr_expect_null(map, "case %zu", i);
		if (cases[i].message)
			cr_expect_str_eq(err.message, cases[i].message,
					 "case %zu", i);
	}
}

/* ---- checking against the questionnaire ------------------------------- */

Test(mapping, a_sound_mapping_checks_clean)
{
	cr_expect_eq(check("{\"format\": \"semm-mapping/1\", "
			   "\"questionnaire\": \"mini-q\", \"columns\": {"
			   "\"Who\": {\"item\": \"respondent\"},"
			   " \"Item 1\": {\"item\": \"A1\", \"answers_seen\": "
			   "[\"never\", \"N/A\", \"dk\", \"4\", \"Yes\"]},"
			   " \"Item 2\": \"A2\", \"Browser\": null,"
			   " \"Status\": {\"matched_by\": \"tool\"}},"
			   " \"answers\": {\"Yes\": 5}}",
			   quest),
		     0, "%s", err.message);
	cr_expect_eq(n_problems, 0);
	cr_expect_not_null(map);
}

Test(mapping, check_reports_unknown_ids_and_items_given_twice)
{
	const char *json = "{\"format\": \"semm-mapping/1\", \"columns\": {\n"
			   "\"Item 1\": \"A1\",\n"
			   "\"Item 9\": {\"item\": \"Z9\"},\n"
			   "\"Again\": {\"item\": \"A1\"},\n"
			   "\"Who\": \"respondent\",\n"
			   "\"Who else\": \"respondent\",\n"
			   "\"Team\": \"team\"}}";

	cr_expect_eq(check(json, quest), SEMM_EINVALID);
	cr_expect_null(map);
	cr_assert_eq(n_problems, 4);
	cr_expect_str_eq(problems[0],
			 "3:20: $.columns.Item 9.item: \"Z9\" is neither an "
			 "item of questionnaire \"mini-q\" nor a metadata role "
			 "(respondent, organization, unit, role, date)");
	cr_expect_str_eq(problems[1],
			 "4:19: $.columns.Again.item: item A1 is also given "
			 "to column \"Item 1\": a column each");
	cr_expect_str_eq(problems[2],
			 "6:13: $.columns.Who else: metadata role respondent "
			 "is also given to column \"Who\": a column each");
	cr_expect_str_eq(problems[3],
			 "7:9: $.columns.Team: \"team\" is neither an item of "
			 "questionnaire \"mini-q\" nor a metadata role "
			 "(respondent, organization, unit, role, date)");
	cr_expect_str_eq(err.message, "4 problems found");
}

Test(mapping, check_reports_values_off_the_scale)
{
	const char *json =
		"{\"format\": \"semm-mapping/1\", \"columns\": {\n"
		"\"Item 1\": {\"item\": \"A1\", \"answers_seen\": [\"Top\"]}},\n"
		"\"answers\": {\"Top\": 6, \"Half\": 2.5, \"Low\": 1,"
		" \"7\": 5}}";

	cr_expect_eq(check(json, quest), SEMM_EINVALID);
	cr_assert_eq(n_problems, 3);
	cr_expect_str_eq(problems[0],
			 "3:20: $.answers.Top: answer \"Top\" is 6, not a "
			 "point of scale \"s5\" (1..5) of item A1, whose "
			 "column lists it");
	cr_expect_str_eq(problems[1],
			 "3:31: $.answers.Half: answer \"Half\" is 2.5, not a "
			 "point of scale \"s5\" (1..5)");
	cr_expect_str_eq(problems[2],
			 "3:51: $.answers.7: answer \"7\" is a number, which "
			 "is read as itself: this entry is never used");
}

Test(mapping, check_reports_an_unread_answer_text_once)
{
	const char *json =
		"{\"format\": \"semm-mapping/1\", \"columns\": {\n"
		"\"Item 1\": {\"item\": \"A1\", \"answers_seen\": [\"Yes\", "
		"\"never\", \"No\"]},\n"
		"\"Item 2\": {\"item\": \"A2\", \"answers_seen\": [\"yes \", "
		"\"Pending\"]},\n"
		"\"Other\": {\"item\": null, \"answers_seen\": [\"Maybe\"]}},\n"
		"\"answers\": {\"No\": 1, \"Pending\": null}}";

	cr_expect_eq(check(json, quest), SEMM_EINVALID);
	cr_assert_eq(n_problems, 2);
	/* the unfilled answer first (loading), then "Yes" once; "Pending"
	 * is not reported again, "Maybe" is in no item column */
	cr_expect_str_eq(problems[0],
			 "5:33: $.answers.Pending: answer \"Pending\" has no "
			 "value yet: give the scale value it stands for");
	cr_expect_str_eq(problems[1],
			 "2:43: $.columns.Item 1.answers_seen[0]: \"Yes\" is "
			 "not an answer of scale \"s5\" (item A1, and any "
			 "other column that lists it): add it to \"answers\" "
			 "with the scale value it stands for");
}

Test(mapping, check_reports_a_header_listed_twice)
{
	cr_expect_eq(check("{\"format\": \"semm-mapping/1\", \"columns\": "
			   "{\"Item 1\": \"A1\", \" item 1\": \"A2\"}}",
			   quest),
		     SEMM_EINVALID);
	cr_assert_eq(n_problems, 1);
	cr_expect_str_eq(
		problems[0],
		"1:69: $.columns. item 1: column \" item 1\" is listed "
		"twice (headers are compared without case and "
		"surrounding blanks)");
}

Test(mapping, check_reports_a_mapping_of_another_questionnaire)
{
	cr_expect_eq(check("{\"format\": \"semm-mapping/1\", "
			   "\"questionnaire\": \"iso23592-self-assessment\"}",
			   quest),
		     SEMM_EINVALID);
	cr_assert_eq(n_problems, 1);
	cr_expect_str_eq(problems[0],
			 "1:47: $.questionnaire: the mapping was made for "
			 "questionnaire \"iso23592-self-assessment\", not "
			 "\"mini-q\"");
}

Test(mapping, check_without_questionnaire_reports_unfilled_answers_only)
{
	const char *json = "{\"format\": \"semm-mapping/1\", \"columns\": "
			   "{\"X\": \"Z9\"}, \"answers\": {\"A1\": null, "
			   "\"A2\": null}}";

	cr_expect_eq(check(json, NULL), SEMM_EINVALID);
	cr_assert_eq(n_problems, 2);
	cr_expect(strstr(problems[0], "$.answers.A1: answer \"A1\" has no "
				      "value yet") != NULL,
		  "%s", problems[0]);
	cr_expect(strstr(problems[1], "$.answers.A2: answer \"A2\" has no "
				      "value yet") != NULL,
		  "%s", problems[1]);
	cr_expect_eq(check("{\"format\": \"semm-mapping/1\", \"columns\": "
			   "{\"X\": \"Z9\"}}",
			   NULL),
		     0);
	cr_expect_eq(n_problems, 0);
}

Test(mapping, check_stops_at_broken_structure)
{
	cr_expect_eq(check("{\"format\": \"semm-mapping/1\", \"columns\": "
			   "{\"X\": 5}}",
			   quest),
		     SEMM_ESCHEMA);
	cr_expect_eq(n_problems, 0);
	cr_expect_eq(check("{\"format\": ", quest), SEMM_EPARSE);
}
