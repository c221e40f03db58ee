/*
 * test_mapping_init.c - mapping stubs (src/report/mapping_init.c over
 * src/input/survey.c): semm_mapping_init on the shipped exports of
 * tests/data/exports with their presets, every column listed with what
 * it is placed on and how, the answer texts gathered per column, the
 * texts a scale does not read proposed as answers, and the stub used
 * unchanged reading as the preset alone. Expected values are read off
 * the export files (their header rows and cells), not off earlier runs.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>

#include "test_helpers.h"

static semm_model *iso_model, *mini_model;
static semm_questionnaire *iso, *mini;
static semm_error err;
static char *stub;
static cJSON *doc;

static void load_pair(semm_model **m, semm_questionnaire **q,
		      const char *model_path, const char *q_path)
{
	cr_assert_eq(semm_model_from_file(m, model_path, &err), 0, "%s",
		     err.message);
	cr_assert_eq(semm_questionnaire_from_file(q, q_path, &err), 0, "%s",
		     err.message);
	cr_assert_eq(semm_questionnaire_bind(*q, *m, &err), 0, "%s",
		     err.message);
}

static void setup(void)
{
	semm_error_clear(&err);
	load_pair(&iso_model, &iso, DATA("models/iso23592.json"),
		  DATA("questionnaires/iso23592-self-assessment.json"));
	load_pair(&mini_model, &mini, DATA("tests/data/handworked/model.json"),
		  DATA("tests/data/handworked/questionnaire.json"));
	stub = NULL;
	doc = NULL;
}

static void teardown(void)
{
	cJSON_Delete(doc);
	free(stub);
	semm_questionnaire_free(iso);
	semm_questionnaire_free(mini);
	semm_model_free(iso_model);
	semm_model_free(mini_model);
}

TestSuite(mapping_init, .init = setup, .fini = teardown);

/* The stub of the export at path (under the source tree), parsed. */
static const cJSON *init_file(const char *path, semm_preset preset)
{
	semm_read_options o = SEMM_READ_OPTIONS_INIT;
	char full[1024];

	snprintf(full, sizeof(full), "%s/%s", SEMM_SOURCE_DIR, path);
	o.preset = preset;
	free(stub);
	cJSON_Delete(doc);
	semm_error_clear(&err);
	cr_assert_eq(semm_mapping_init(&stub, iso, full, &o, &err), 0, "%s",
		     err.message);
	doc = cJSON_Parse(stub);
	cr_assert_not_null(doc, "not JSON: %s", stub);
	return cJSON_GetObjectItemCaseSensitive(doc, "columns");
}

/* The stub of a CSV text for the hand-worked questionnaire. */
static const cJSON *init_text(const char *csv, semm_preset preset)
{
	semm_read_options o = SEMM_READ_OPTIONS_INIT;

	o.preset = preset;
	free(stub);
	cJSON_Delete(doc);
	stub = NULL;
	semm_error_clear(&err);
	cr_assert_eq(semm_mapping_init_buffer(&stub, mini, csv, strlen(csv),
					      "x.csv", &o, &err),
		     0, "%s", err.message);
	doc = cJSON_Parse(stub);
	cr_assert_not_null(doc, "not JSON: %s", stub);
	return cJSON_GetObjectItemCaseSensitive(doc, "columns");
}

static const cJSON *member(const cJSON *o, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(o, key);
}

/* Entry `header` is at position k (from 1) and says what it holds: item
 * (NULL: no "item"; "null": null), matched_by (NULL: none), tool. */
static void expect_entry(const cJSON *columns, const char *header, int k,
			 const char *item, const char *how, const char *tool)
{
	const cJSON *e = member(columns, header), *v;

	cr_assert_not_null(e, "no entry for \"%s\"", header);
	cr_expect_eq(cJSON_GetArrayItem(columns, k - 1), e,
		     "\"%s\" is not entry %d", header, k);
	v = member(e, "column");
	cr_expect(cJSON_IsNumber(v) && v->valueint == k,
		  "\"%s\": column is not %d", header, k);
	v = member(e, "item");
	if (!item)
		cr_expect_null(v, "\"%s\" has an item", header);
	else if (strcmp(item, "null") == 0)
		cr_expect(cJSON_IsNull(v), "\"%s\": item is not null", header);
	else
		cr_expect(cJSON_IsString(v) &&
				  strcmp(v->valuestring, item) == 0,
			  "\"%s\": item is not %s", header, item);
	v = member(e, "matched_by");
	if (!how)
		cr_expect_null(v, "\"%s\" says how", header);
	else
		cr_expect(cJSON_IsString(v) && strcmp(v->valuestring, how) == 0,
			  "\"%s\": matched_by is not %s", header, how);
	v = member(e, "tool");
	if (!tool)
		cr_expect_null(v, "\"%s\" names a tool use", header);
	else
		cr_expect(cJSON_IsString(v) &&
				  strcmp(v->valuestring, tool) == 0,
			  "\"%s\": tool is not %s", header, tool);
}

/* The strings of array a are want[0..n-1] (n == 0: empty). */
static void expect_strings(const cJSON *a, const char *const *want, int n,
			   const char *what)
{
	int i;

	cr_assert(cJSON_IsArray(a), "%s is not a list", what);
	cr_expect_eq(cJSON_GetArraySize(a), n, "%s: %d texts, expected %d",
		     what, cJSON_GetArraySize(a), n);
	for (i = 0; i < n && i < cJSON_GetArraySize(a); i++)
		cr_expect_str_eq(cJSON_GetArrayItem(a, i)->valuestring, want[i],
				 "%s[%d]", what, i);
}

static void expect_seen(const cJSON *columns, const char *header,
			const char *const *want, int n)
{
	expect_strings(member(member(columns, header), "answers_seen"), want, n,
		       header);
}

static const char *const q50_seen[] = { "Fully", "To a large extent",
					"To a moderate extent",
					"To a small extent" };
static const char *const q12_seen[] = { "To a large extent", "N/A",
					"To a small extent" };

static void expect_no_answers(void)
{
	const cJSON *a = member(doc, "answers");

	cr_expect(cJSON_IsObject(a) && cJSON_GetArraySize(a) == 0,
		  "answers is not {}");
}

/* ---- the shipped exports ----------------------------------------------- */

Test(mapping_init, qualtrics_every_column_with_how)
{
	static const char *const tool[] = { "StartDate",
					    "EndDate",
					    "Status",
					    "IPAddress",
					    "Progress",
					    "Duration (in seconds)",
					    "Finished",
					    "RecordedDate",
					    "ResponseId",
					    "RecipientLastName",
					    "RecipientFirstName",
					    "RecipientEmail",
					    "ExternalReference",
					    "LocationLatitude",
					    "LocationLongitude",
					    "DistributionChannel",
					    "UserLanguage" };
	const cJSON *c = init_file("tests/data/exports/qualtrics.csv",
				   SEMM_PRESET_QUALTRICS);
	char header[16], item[8];
	int k;

	cr_expect_eq(cJSON_GetArraySize(c), 68);
	for (k = 1; k <= 17; k++) {
		const char *use = k == 9 ? "respondent id"
				  : k == 3 || k == 5 || k == 7
					  ? "response filter"
					  : "ignored";

		expect_entry(c, tool[k - 1], k, NULL, "tool", use);
		cr_expect_null(member(member(c, tool[k - 1]), "answers_seen"));
	}
	expect_entry(c, "organization", 18, "organization", "metadata", NULL);
	for (k = 1; k <= 50; k++) {
		snprintf(header, sizeof(header), "Q1_%d", k);
		snprintf(item, sizeof(item), "Q%02d", k);
		expect_entry(c, header, 18 + k, item, "question text", NULL);
	}
	expect_seen(c, "Q1_12", q12_seen, 3);
	expect_seen(c, "Q1_50", q50_seen, 4);
	expect_no_answers();
	cr_expect_str_eq(member(doc, "format")->valuestring, "semm-mapping/1");
	cr_expect_str_eq(member(doc, "questionnaire")->valuestring,
			 "iso23592-self-assessment");
}

Test(mapping_init, limesurvey_columns_by_code_in_brackets)
{
	const cJSON *c = init_file("tests/data/exports/limesurvey.csv",
				   SEMM_PRESET_LIMESURVEY);
	char header[16], item[8];
	int k;

	cr_expect_eq(cJSON_GetArraySize(c), 56);
	expect_entry(c, "id", 1, NULL, "tool", "respondent id");
	expect_entry(c, "submitdate", 2, NULL, "tool", "response filter");
	expect_entry(c, "lastpage", 3, NULL, "tool", "ignored");
	expect_entry(c, "startlanguage", 4, NULL, "tool", "ignored");
	expect_entry(c, "seed", 5, NULL, "tool", "ignored");
	expect_entry(c, "organization", 6, "organization", "metadata", NULL);
	for (k = 1; k <= 50; k++) {
		snprintf(header, sizeof(header), "G1Q1[Q%02d]", k);
		snprintf(item, sizeof(item), "Q%02d", k);
		expect_entry(c, header, 6 + k, item, "brackets", NULL);
	}
	expect_seen(c, "G1Q1[Q12]", q12_seen, 3);
	expect_seen(c, "G1Q1[Q50]", q50_seen, 4);
	expect_no_answers();
}

Test(mapping_init, google_forms_grid_rows_in_brackets)
{
	const cJSON *c = init_file("tests/data/exports/google-forms.csv",
				   SEMM_PRESET_GOOGLE_FORMS);
	const cJSON *e;
	int k = 0;

	cr_expect_eq(cJSON_GetArraySize(c), 53);
	expect_entry(c, "Timestamp", 1, NULL, "tool", "response filter");
	expect_entry(c, "Email Address", 2, NULL, "tool", "ignored");
	expect_entry(c, "Organization", 3, "organization", "metadata", NULL);
	cJSON_ArrayForEach(e, c)
	{
		char item[16];

		if (++k < 4)
			continue;
		snprintf(item, sizeof(item), "Q%02d", k - 3);
		expect_entry(c, e->string, k, item, "brackets", NULL);
	}
	expect_seen(c, cJSON_GetArrayItem(c, 14)->string, q12_seen, 3);
	expect_seen(c, cJSON_GetArrayItem(c, 52)->string, q50_seen, 4);
	cr_expect(strstr(cJSON_GetArrayItem(c, 3)->string,
			 "[Our vision or mission statement explicitly commits "
			 "us to delivering excellent service, not just "
			 "adequate service.]") != NULL);
	expect_no_answers();
}

Test(mapping_init, ms_forms_columns_by_statement)
{
	const cJSON *c = init_file("tests/data/exports/ms-forms.csv",
				   SEMM_PRESET_MS_FORMS);
	const cJSON *e;
	int k = 0;

	cr_expect_eq(cJSON_GetArraySize(c), 56);
	expect_entry(c, "ID", 1, NULL, "tool", "respondent id");
	expect_entry(c, "Start time", 2, NULL, "tool", "ignored");
	expect_entry(c, "Completion time", 3, NULL, "tool", "response filter");
	expect_entry(c, "Email", 4, NULL, "tool", "ignored");
	expect_entry(c, "Name", 5, NULL, "tool", "ignored");
	expect_entry(c, "Organization", 6, "organization", "metadata", NULL);
	cJSON_ArrayForEach(e, c)
	{
		char item[16];

		if (++k < 7)
			continue;
		snprintf(item, sizeof(item), "Q%02d", k - 6);
		expect_entry(c, e->string, k, item, "statement", NULL);
	}
	cr_expect_str_eq(cJSON_GetArrayItem(c, 6)->string,
			 "Our vision or mission statement explicitly commits "
			 "us to delivering excellent service, not just "
			 "adequate service.");
	expect_seen(c, cJSON_GetArrayItem(c, 17)->string, q12_seen, 3);
	expect_seen(c, cJSON_GetArrayItem(c, 55)->string, q50_seen, 4);
	expect_no_answers();
}

Test(mapping_init, other_tool_columns_placed_by_nothing_are_null)
{
	static const char *const ids[] = { "1", "2", "3", "4", "5", "6" };
	static const char *const item12[] = { "Agree", "N/A", "Disagree" };
	static const char *const item50[] = { "Strongly agree", "Agree",
					      "Neither agree nor disagree",
					      "Disagree" };
	const cJSON *c = init_file("tests/data/exports/other-tool.csv",
				   SEMM_PRESET_NONE);
	char header[16];
	int k;

	cr_expect_eq(cJSON_GetArraySize(c), 52);
	expect_entry(c, "Response #", 1, "null", NULL, NULL);
	expect_seen(c, "Response #", ids, 6);
	expect_entry(c, "organization", 2, "organization", "metadata", NULL);
	for (k = 1; k <= 50; k++) {
		snprintf(header, sizeof(header), "Item %d", k);
		expect_entry(c, header, k + 2, "null", NULL, NULL);
	}
	expect_seen(c, "Item 12", item12, 3);
	expect_seen(c, "Item 50", item50, 4);
	/* unplaced columns propose no answers: they may be anything */
	expect_no_answers();
}

Test(mapping_init, answer_codes_proposed_as_answers_to_fill_in)
{
	static const char *const codes[] = { "A3", "A4", "A5", "A1", "A2" };
	static const char *const q12[] = { "A4", "N/A", "A2" };
	const cJSON *c = init_file("tests/data/exports/limesurvey-codes.csv",
				   SEMM_PRESET_LIMESURVEY);
	const cJSON *answers = member(doc, "answers"), *a;
	int i = 0;

	expect_seen(c, "G1Q1[Q12]", q12, 3);
	cr_assert_eq(cJSON_GetArraySize(answers), 5);
	cJSON_ArrayForEach(a, answers)
	{
		cr_expect_str_eq(a->string, codes[i], "answer %d", i);
		cr_expect(cJSON_IsNull(a), "answer %s has a value", a->string);
		i++;
	}
}

/* ---- the stub, used unchanged, reads as the preset alone --------------- */

static void read_counts(const char *path, semm_preset preset,
			const semm_mapping *m, size_t counts[4])
{
	semm_read_options o = SEMM_READ_OPTIONS_INIT;
	semm_responses *r = NULL;
	char full[1024];

	snprintf(full, sizeof(full), "%s/%s", SEMM_SOURCE_DIR, path);
	o.preset = preset;
	o.mapping = m;
	cr_assert_eq(semm_responses_new(&r, iso, &o), 0);
	cr_assert_eq(semm_responses_read_path(r, full, &err), 0, "%s",
		     err.message);
	counts[0] = semm_responses_count(r);
	counts[1] = semm_responses_rejected_count(r);
	counts[2] = semm_responses_excluded_count(r, SEMM_EXCLUSION_COUNT);
	counts[3] = semm_responses_read_count(r);
	semm_responses_free(r);
}

Test(mapping_init, the_stub_unchanged_reads_as_the_preset_alone)
{
	static const struct {
		const char *path;
		semm_preset preset;
	} exports[] = {
		{ "tests/data/exports/qualtrics.csv", SEMM_PRESET_QUALTRICS },
		{ "tests/data/exports/limesurvey.csv", SEMM_PRESET_LIMESURVEY },
		{ "tests/data/exports/google-forms.csv",
		  SEMM_PRESET_GOOGLE_FORMS },
		{ "tests/data/exports/ms-forms.csv", SEMM_PRESET_MS_FORMS },
	};
	size_t i, k;

	for (i = 0; i < sizeof(exports) / sizeof(exports[0]); i++) {
		semm_mapping *m = NULL;
		size_t alone[4], mapped[4];

		init_file(exports[i].path, exports[i].preset);
		cr_assert_eq(semm_mapping_from_buffer(&m, stub, strlen(stub),
						      "stub.json", &err),
			     0, "%s", err.message);
		read_counts(exports[i].path, exports[i].preset, NULL, alone);
		read_counts(exports[i].path, exports[i].preset, m, mapped);
		cr_expect_eq(alone[0], 6, "%s", exports[i].path);
		for (k = 0; k < 4; k++)
			cr_expect_eq(alone[k], mapped[k], "%s: count %zu",
				     exports[i].path, k);
		semm_mapping_free(m);
	}
}

Test(mapping_init, the_same_export_gives_the_same_bytes)
{
	char *again = NULL, *data = NULL;
	size_t len = 0;
	semm_read_options o = SEMM_READ_OPTIONS_INIT;

	o.preset = SEMM_PRESET_QUALTRICS;
	init_file("tests/data/exports/qualtrics.csv", SEMM_PRESET_QUALTRICS);
	cr_assert_eq(semm__read_file(DATA("tests/data/exports/qualtrics.csv"),
				     &data, &len, &err),
		     0);
	cr_assert_eq(semm_mapping_init_buffer(&again, iso, data, len,
					      "elsewhere.csv", &o, &err),
		     0);
	cr_expect_str_eq(again, stub);
	cr_expect_eq(stub[strlen(stub) - 1], '\n');
	free(again);
	free(data);
}

/* ---- layouts, texts and limits ----------------------------------------- */

Test(mapping_init, headers_and_texts_survive_as_json)
{
	/* quotes, a backslash, a tab, a line break, non-ASCII letters */
	const char *csv =
		"id,org,A1,A2,B1,B2,B3,C1,C2,"
		"\"Say \"\"hi\"\" \\ now\",\"tab\there\","
		"\"two\nlines\",Größe\n"
		"r1,X,1,2,3,4,5,1,2,\"a \"\"b\"\"\",x\\y,\"c\nd\",Ä\n";
	const cJSON *c = init_text(csv, SEMM_PRESET_NONE);
	static const char *const s1[] = { "a \"b\"" };
	static const char *const s2[] = { "x\\y" };
	static const char *const s3[] = { "c\nd" };
	static const char *const s4[] = { "Ä" };

	cr_expect_eq(cJSON_GetArraySize(c), 13);
	expect_entry(c, "id", 1, "respondent", "metadata", NULL);
	expect_entry(c, "A1", 3, "A1", "id", NULL);
	expect_entry(c, "Say \"hi\" \\ now", 10, "null", NULL, NULL);
	expect_seen(c, "Say \"hi\" \\ now", s1, 1);
	expect_entry(c, "tab\there", 11, "null", NULL, NULL);
	expect_seen(c, "tab\there", s2, 1);
	expect_entry(c, "two\nlines", 12, "null", NULL, NULL);
	expect_seen(c, "two\nlines", s3, 1);
	expect_entry(c, "Größe", 13, "null", NULL, NULL);
	expect_seen(c, "Größe", s4, 1);
	cr_expect(strstr(stub, "\"Say \\\"hi\\\" \\\\ now\"") != NULL);
	cr_expect(strstr(stub, "\"tab\\there\"") != NULL);
	cr_expect(strstr(stub, "\"two\\nlines\"") != NULL);
	cr_expect(strstr(stub, "\"Größe\"") != NULL);
}

Test(mapping_init, unread_texts_of_item_columns_in_the_order_first_seen)
{
	/* A1 and B1 hold words the scale s5 does not know; C2's are
	 * unplaced; the rest are labels, codes and numbers */
	const char *csv = "id,org,A1,A2,B1,B2,B3,C1,C2,Extra\n"
			  "r1,X,yes,often,3,4,5,N/A,1,Maybe\n"
			  "r2,X,4.0,DK,No,4,9,never,2,\n"
			  "r3,X,YES ,always,so-so,4,5,1,3,Maybe\n";
	static const char *const a1[] = { "yes", "4.0" };
	static const char *const b1[] = { "3", "No", "so-so" };
	static const char *const b3[] = { "5", "9" };
	static const char *const extra[] = { "Maybe" };
	static const char *const want[] = { "yes", "No", "so-so" };
	const cJSON *c = init_text(csv, SEMM_PRESET_NONE);
	const cJSON *a;
	int i = 0;

	expect_seen(c, "A1", a1, 2);
	expect_seen(c, "B1", b1, 3);
	expect_seen(c, "B3", b3, 2);
	expect_seen(c, "Extra", extra, 1);
	/* 9 is a number off the scale: no answer entry could read it */
	cr_assert_eq(cJSON_GetArraySize(member(doc, "answers")), 3);
	cJSON_ArrayForEach(a, member(doc, "answers"))
	{
		cr_expect_str_eq(a->string, want[i]);
		cr_expect(cJSON_IsNull(a));
		i++;
	}
}

Test(mapping_init, free_text_columns_are_cut_and_propose_nothing)
{
	semm__buf b = { 0 };
	const cJSON *c;
	char line[128];
	int r, n;

	n = snprintf(line, sizeof(line), "id,org,A1,A2,B1,B2,B3,C1,C2,Note\n");
	cr_assert_eq(semm__buf_append(&b, line, (size_t)n), 0);
	for (r = 1; r <= 35; r++) {
		/* A1: 35 distinct words; Note: 35 distinct texts */
		n = snprintf(line, sizeof(line),
			     "r%d,X,word%d,1,2,3,4,5,1,note %d\n", r, r, r);
		cr_assert_eq(semm__buf_append(&b, line, (size_t)n), 0);
	}
	cr_assert_eq(semm__buf_append(&b, "", 1), 0);
	c = init_text(b.data, SEMM_PRESET_NONE);
	cr_expect_eq(
		cJSON_GetArraySize(member(member(c, "A1"), "answers_seen")),
		SEMM_MAPPING_INIT_ANSWERS_MAX);
	cr_expect_str_eq(
		cJSON_GetArrayItem(member(member(c, "A1"), "answers_seen"), 29)
			->valuestring,
		"word30");
	cr_expect_eq(member(member(c, "A1"), "answers_more")->valueint, 5);
	cr_expect_eq(member(member(c, "Note"), "answers_more")->valueint, 5);
	cr_expect_null(member(member(c, "A2"), "answers_more"));
	expect_no_answers();
	semm__buf_free(&b);
}

Test(mapping_init, a_repeated_header_is_one_entry_with_its_columns)
{
	const char *csv = "id,Note,org,A1,A2,B1,B2,B3,C1,C2, note \n"
			  "r1,x,X,1,2,3,4,5,1,2,y\n";
	const cJSON *c = init_text(csv, SEMM_PRESET_NONE);
	const cJSON *cols = member(member(c, "Note"), "column");
	static const char *const seen[] = { "x", "y" };

	cr_expect_eq(cJSON_GetArraySize(c), 10);
	cr_assert(cJSON_IsArray(cols));
	cr_expect_eq(cJSON_GetArraySize(cols), 2);
	cr_expect_eq(cJSON_GetArrayItem(cols, 0)->valueint, 2);
	cr_expect_eq(cJSON_GetArrayItem(cols, 1)->valueint, 11);
	expect_seen(c, "Note", seen, 2);
}

Test(mapping_init, legacy_qualtrics_named_by_the_second_row)
{
	const char *csv = "V1,V2,V3,V4,V5,V6,V7,V8,V9,V10\n"
			  "ResponseID,Finished,org,A1,A2,B1,B2,B3,C1,C2\n"
			  "R1,1,X,1,2,3,4,5,1,2\n";
	const cJSON *c = init_text(csv, SEMM_PRESET_QUALTRICS);

	cr_expect_eq(cJSON_GetArraySize(c), 10);
	expect_entry(c, "ResponseID", 1, NULL, "tool", "respondent id");
	expect_entry(c, "Finished", 2, NULL, "tool", "response filter");
	expect_entry(c, "org", 3, "organization", "metadata", NULL);
	expect_entry(c, "C2", 10, "C2", "id", NULL);
	cr_expect_null(member(c, "V1"));
}

Test(mapping_init, excel_habits_bom_sep_line_and_semicolons)
{
	const char *csv = "\xEF\xBB\xBFsep=;\r\n"
			  "id;org;A1;A2;B1;B2;B3;C1;C2\r\n"
			  "r1;X;4,0;2;3;4;5;1;2\r\n";
	static const char *const a1[] = { "4,0" };
	const cJSON *c = init_text(csv, SEMM_PRESET_NONE);

	cr_expect_eq(cJSON_GetArraySize(c), 9);
	expect_entry(c, "id", 1, "respondent", "metadata", NULL);
	expect_entry(c, "C2", 9, "C2", "id", NULL);
	expect_seen(c, "A1", a1, 1);
	/* a decimal comma with ';': "4,0" is the number 4 */
	expect_no_answers();
}

Test(mapping_init, a_header_without_rows_lists_its_columns)
{
	const cJSON *c = init_text("id,org,A1,A2,B1,B2,B3,C1,C2,Other\n",
				   SEMM_PRESET_NONE);

	cr_expect_eq(cJSON_GetArraySize(c), 10);
	expect_entry(c, "Other", 10, "null", NULL, NULL);
	expect_seen(c, "Other", NULL, 0);
	expect_seen(c, "A1", NULL, 0);
}

Test(mapping_init, what_cannot_be_read_fails_as_reading_does)
{
	semm_questionnaire *unbound = NULL;
	char *out = (char *)"untouched";

	cr_expect_eq(semm_mapping_init_buffer(&out, mini, "", 0, "x.csv", NULL,
					      &err),
		     SEMM_EDATA);
	cr_expect_null(out);
	cr_expect(strstr(err.message, "the file is empty") != NULL, "%s",
		  err.message);
	cr_expect_eq(semm_mapping_init_buffer(&out, mini, "id,\"A1\n", 7,
					      "x.csv", NULL, &err),
		     SEMM_EPARSE);
	cr_expect_eq(
		semm_mapping_init(&out, mini, "/nonexistent/x.csv", NULL, &err),
		SEMM_EIO);
	cr_expect_null(out);
	cr_assert_eq(semm_questionnaire_from_file(
			     &unbound,
			     DATA("tests/data/handworked/questionnaire.json"),
			     &err),
		     0);
	cr_expect_eq(semm_mapping_init_buffer(&out, unbound, "id\n", 3, "x.csv",
					      NULL, &err),
		     SEMM_EARG);
	semm_questionnaire_free(unbound);
}
