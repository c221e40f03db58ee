/*
 * test_exports.c - what real survey-tool exports carry besides the
 * items: columns that are neither items nor metadata (ignored and listed
 * with a preset, every one named without), responses the tool marks as
 * not for analysis (left out and counted by reason, never rejected), the
 * layouts of Qualtrics' older exports, and a constant organization.
 * Uses the hand-worked questionnaire (items A1 A2 B1 B2 B3 C1 C2 on a
 * 1..5 scale, respondent column "id", organization column "org").
 */
#define _POSIX_C_SOURCE 200809L

#include "test_helpers.h"

static semm_model *model;
static semm_questionnaire *quest;
static semm_responses *resp;
static semm_error err;

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
}

static void teardown(void)
{
	semm_responses_free(resp);
	semm_questionnaire_free(quest);
	semm_model_free(model);
}

TestSuite(exports, .init = setup, .fini = teardown);

static int read_with(const semm_read_options *o, const char *text)
{
	semm_responses_free(resp);
	cr_assert_eq(semm_responses_new(&resp, quest, o), 0);
	semm_error_clear(&err);
	return semm_responses_read_csv_buffer(resp, text, strlen(text), "x.csv",
					      &err);
}

static int csv_into(semm_responses *r, const char *text)
{
	semm_error_clear(&err);
	return semm_responses_read_csv_buffer(r, text, strlen(text), "y.csv",
					      &err);
}

static const char *exclusion(size_t i, semm_exclusion *why)
{
	static char buf[600];

	return semm_responses_exclusion(resp, i, why, buf, sizeof(buf));
}

/* ---- unknown columns --------------------------------------------------- */

Test(exports, every_unknown_column_named_in_one_message)
{
	semm_read_options o = SEMM_READ_OPTIONS_INIT;

	cr_expect_eq(read_with(&o, "id,org,when,A1,A2,B1,B2,B3,C1,C2,"
				   "\"a comment of more than forty bytes, "
				   "never cut\"\nr1,X,t,1,1,1,1,1,1,1,c\n"),
		     SEMM_EDATA);
	cr_expect_eq(err.line, 1);
	cr_expect_eq(err.column, 3);
	cr_expect(strstr(err.message,
			 "2 unknown columns, not items or metadata columns "
			 "of questionnaire \"mini-q\": \"when\" (column 3), "
			 "\"a comment of more than forty bytes, never cut\" "
			 "(column 11) (an export of a survey tool?") != NULL,
		  "%s", err.message);
}

Test(exports, unknown_columns_ignored_when_asked)
{
	semm_read_options o = SEMM_READ_OPTIONS_INIT;
	const char *src = NULL;

	o.ignore_unknown_columns = 1;
	cr_assert_eq(read_with(&o, "id,org,when,A1,A2,B1,B2,B3,C1,C2,\n"
				   "r1,X,t,1,1,1,1,1,1,1,\n"),
		     SEMM_OK, "%s", err.message);
	cr_expect_eq(semm_responses_count(resp), 1);
	cr_assert_eq(semm_responses_ignored_count(resp), 2);
	cr_expect_str_eq(semm_responses_ignored_column(resp, 0, &src), "when");
	cr_expect_str_eq(src, "x.csv");
	/* a trailing delimiter makes a column without a header */
	cr_expect_str_eq(semm_responses_ignored_column(resp, 1, NULL), "");
}

Test(exports, named_columns_ignored_others_still_fail)
{
	semm_read_options o = SEMM_READ_OPTIONS_INIT;
	const char *ignore[] = { "WHEN" };

	o.ignore_columns = ignore;
	o.n_ignore_columns = 1;
	cr_expect_eq(read_with(&o, "id,org,when,A1,A2,B1,B2,B3,C1,C2\n"
				   "r1,X,t,1,1,1,1,1,1,1\n"),
		     SEMM_OK, "%s", err.message);
	/* asked for by name: not listed as unknown */
	cr_expect_eq(semm_responses_ignored_count(resp), 0);
	cr_expect_eq(read_with(&o, "id,org,when,where,A1,A2,B1,B2,B3,C1,C2\n"
				   "r1,X,t,p,1,1,1,1,1,1,1\n"),
		     SEMM_EDATA);
	cr_expect(strstr(err.message, "unknown column \"where\" (column 4)") !=
			  NULL,
		  "%s", err.message);
}

Test(exports, a_preset_ignores_unknown_columns_unless_strict)
{
	semm_read_options o = SEMM_READ_OPTIONS_INIT;
	const char *text = "id,org,Q7 other question,A1,A2,B1,B2,B3,C1,C2\n"
			   "r1,X,yes,1,1,1,1,1,1,1\n";

	o.preset = SEMM_PRESET_LIMESURVEY;
	cr_expect_eq(read_with(&o, text), SEMM_OK, "%s", err.message);
	cr_expect_eq(semm_responses_ignored_count(resp), 1);
	o.ignore_unknown_columns = 0;
	cr_expect_eq(read_with(&o, text), SEMM_EDATA);
}

Test(exports, a_missing_item_is_an_error_even_with_a_preset)
{
	semm_read_options o = SEMM_READ_OPTIONS_INIT;

	o.preset = SEMM_PRESET_LIMESURVEY;
	cr_expect_eq(read_with(&o, "id,org,A1,B1,B2,B3,C1\n"
				   "r1,X,1,1,1,1,1\n"),
		     SEMM_EDATA);
	cr_expect(strstr(err.message, "no column for items A2, C2 (2 of the "
				      "7 items") != NULL,
		  "%s", err.message);
}

/* ---- responses left out ------------------------------------------------ */

/* A Qualtrics export with choice text: a respondent, a preview, a test
 * response, spam, an unfinished response (with answers a reader would
 * otherwise reject: blank items count as unanswered, an impossible value
 * would be rejected), an imported response and an offline one (both
 * kept). */
#define QX_HEAD                                                             \
	"StartDate,Status,Progress,Finished,ResponseId,org,A1,A2,B1,B2,B3," \
	"C1,C2\n"                                                           \
	"Start Date,Response Type,Progress,Finished,Response ID,org,A1,A2," \
	"B1,B2,B3,C1,C2\n"                                                  \
	"\"{\"\"ImportId\"\":\"\"startDate\"\"}\",x,x,x,x,x,x,x,x,x,x,x,x\n"

Test(exports, qualtrics_previews_tests_spam_unfinished_left_out)
{
	semm_read_options o = SEMM_READ_OPTIONS_INIT;
	semm_exclusion why = SEMM_EXCLUSION_COUNT;

	o.preset = SEMM_PRESET_QUALTRICS;
	cr_assert_eq(read_with(&o, QX_HEAD
			       "d,IP Address,100,True,R_1,X,1,2,3,4,5,1,2\n"
			       "d,Survey Preview,100,True,R_2,X,1,2,3,4,5,1,2\n"
			       "d,Survey Test,100,True,R_3,X,1,2,3,4,5,1,2\n"
			       "d,Spam,100,True,R_4,X,1,2,3,4,5,1,2\n"
			       "d,IP Address,40,False,R_5,X,1,9,,,,,\n"
			       "d,Imported,100,True,R_6,X,1,2,3,4,5,1,2\n"
			       "d,Offline,100,True,R_7,X,1,2,3,4,5,1,2\n"
			       "d,IP Address,100,True,R_8,X,1,9,3,4,5,1,2\n"),
		     SEMM_OK, "%s", err.message);
	/* read = scored + rejected + excluded: 8 = 3 + 1 + 4 */
	cr_expect_eq(semm_responses_read_count(resp), 8);
	cr_expect_eq(semm_responses_count(resp), 3);
	cr_expect_eq(semm_responses_rejected_count(resp), 1);
	cr_expect_eq(semm_responses_excluded_count(resp, SEMM_EXCLUSION_COUNT),
		     4);
	cr_expect_eq(semm_responses_excluded_count(resp, SEMM_EXCLUDED_PREVIEW),
		     1);
	cr_expect_eq(semm_responses_excluded_count(resp, SEMM_EXCLUDED_TEST),
		     1);
	cr_expect_eq(semm_responses_excluded_count(resp, SEMM_EXCLUDED_SPAM),
		     1);
	cr_expect_eq(
		semm_responses_excluded_count(resp, SEMM_EXCLUDED_UNFINISHED),
		1);
	cr_expect_str_eq(exclusion(0, &why),
			 "x.csv:5: preview (Status = Survey Preview)");
	cr_expect_eq(why, SEMM_EXCLUDED_PREVIEW);
	cr_expect_str_eq(exclusion(3, &why),
			 "x.csv:8: unfinished (Finished = False)");
}

Test(exports, qualtrics_numeric_codes)
{
	semm_read_options o = SEMM_READ_OPTIONS_INIT;

	o.preset = SEMM_PRESET_QUALTRICS;
	cr_assert_eq(read_with(&o, QX_HEAD "d,0,100,1,R_1,X,1,2,3,4,5,1,2\n"
					   "d,1,100,1,R_2,X,1,2,3,4,5,1,2\n"
					   "d,2,100,1,R_3,X,1,2,3,4,5,1,2\n"
					   "d,8,100,1,R_4,X,1,2,3,4,5,1,2\n"
					   "d,9,100,1,R_5,X,1,2,3,4,5,1,2\n"
					   "d,12,100,1,R_6,X,1,2,3,4,5,1,2\n"
					   "d,16,100,1,R_7,X,1,2,3,4,5,1,2\n"
					   "d,17,100,1,R_8,X,1,2,3,4,5,1,2\n"
					   "d,4,50,0,R_9,X,1,2,3,4,5,1,2\n"),
		     SEMM_OK, "%s", err.message);
	/* kept: 0 (IP address), 16 (offline); 4 is imported but not
	 * finished */
	cr_expect_eq(semm_responses_count(resp), 2);
	cr_expect_eq(semm_responses_excluded_count(resp, SEMM_EXCLUDED_PREVIEW),
		     3); /* 1, 9 (preview spam), 17 (offline preview) */
	cr_expect_eq(semm_responses_excluded_count(resp, SEMM_EXCLUDED_TEST),
		     1);
	cr_expect_eq(semm_responses_excluded_count(resp, SEMM_EXCLUDED_SPAM),
		     2); /* 8, 12 */
	cr_expect_eq(
		semm_responses_excluded_count(resp, SEMM_EXCLUDED_UNFINISHED),
		1);
}

Test(exports, included_when_asked)
{
	semm_read_options o = SEMM_READ_OPTIONS_INIT;
	const char *text = QX_HEAD "d,1,100,1,R_2,X,1,2,3,4,5,1,2\n"
				   "d,8,100,1,R_4,X,1,2,3,4,5,1,2\n"
				   "d,0,60,0,R_5,X,1,2,3,4,5,1,2\n";

	o.preset = SEMM_PRESET_QUALTRICS;
	o.include = SEMM_INCLUDE_TEST;
	cr_assert_eq(read_with(&o, text), SEMM_OK, "%s", err.message);
	cr_expect_eq(semm_responses_count(resp), 1);
	o.include = SEMM_INCLUDE_SPAM | SEMM_INCLUDE_UNFINISHED;
	cr_assert_eq(read_with(&o, text), SEMM_OK, "%s", err.message);
	cr_expect_eq(semm_responses_count(resp), 2);
	cr_expect_eq(semm_responses_excluded_count(resp, SEMM_EXCLUSION_COUNT),
		     1);
}

Test(exports, progress_decides_without_finished)
{
	semm_read_options o = SEMM_READ_OPTIONS_INIT;

	o.preset = SEMM_PRESET_QUALTRICS;
	cr_assert_eq(read_with(&o, "Progress,ResponseId,org,A1,A2,B1,B2,B3,"
				   "C1,C2\nP,R,o,A1,A2,B1,B2,B3,C1,C2\n"
				   "\"{\"\"ImportId\"\":\"\"progress\"\"}\",x,"
				   "x,x,x,x,x,x,x,x\n"
				   "100,R_1,X,1,2,3,4,5,1,2\n"
				   "99,R_2,X,1,2,3,4,5,1,2\n"),
		     SEMM_OK, "%s", err.message);
	cr_expect_eq(semm_responses_count(resp), 1);
	cr_expect_str_eq(exclusion(0, NULL),
			 "x.csv:5: unfinished (Progress = 99)");
}

Test(exports, limesurvey_unsubmitted_left_out_with_full_headings)
{
	semm_read_options o = SEMM_READ_OPTIONS_INIT;

	o.preset = SEMM_PRESET_LIMESURVEY;
	cr_assert_eq(
		read_with(
			&o,
			"Response ID,Date submitted,Last page,Start language,"
			"Seed,org,Rate [Item A1],Rate [Item A2 (reverse-coded)],"
			"Rate [Item B1],Rate [Item B2],Rate [Item B3 (weight "
			"2)],Rate [Item C1],Rate [Item C2],Your comments\n"
			"1,2026-01-02 10:00:00,2,en,123,X,1,2,3,4,5,1,2,\n"
			"2,,1,en,124,X,1,,,,,,,\n"
			"3,1980-01-01 00:00:00,2,en,125,X,5,4,3,2,1,5,4,ok\n"),
		SEMM_OK, "%s", err.message);
	cr_expect_eq(semm_responses_count(resp), 2);
	cr_expect_eq(semm_responses_excluded_count(resp,
						   SEMM_EXCLUDED_NOT_SUBMITTED),
		     1);
	cr_expect_str_eq(exclusion(0, NULL),
			 "x.csv:3: not submitted (no submission date)");
	cr_expect_eq(semm_responses_ignored_count(resp), 1);
	cr_expect_str_eq(semm_responses_ignored_column(resp, 0, NULL),
			 "Your comments");
}

Test(exports, forms_without_a_completion_time_left_out)
{
	semm_read_options o = SEMM_READ_OPTIONS_INIT;

	o.preset = SEMM_PRESET_MS_FORMS;
	cr_assert_eq(read_with(&o, "ID,Start time,Completion time,Email,Name,"
				   "org,A1,A2,B1,B2,B3,C1,C2\n"
				   "1,t,t,anonymous,,X,1,2,3,4,5,1,2\n"
				   "2,t,,anonymous,,X,1,2,3,4,5,1,2\n"),
		     SEMM_OK, "%s", err.message);
	cr_expect_eq(semm_responses_count(resp), 1);
	o.preset = SEMM_PRESET_GOOGLE_FORMS;
	cr_assert_eq(read_with(&o, "Timestamp,org,A1,A2,B1,B2,B3,C1,C2\n"
				   "2026/01/02 10:00:00,X,1,2,3,4,5,1,2\n"
				   " ,X,1,2,3,4,5,1,2\n"),
		     SEMM_OK, "%s", err.message);
	cr_expect_eq(semm_responses_count(resp), 1);
	cr_expect_eq(semm_responses_excluded_count(resp, SEMM_EXCLUSION_COUNT),
		     1);
}

/* An excluded response is not a respondent: its id does not make a
 * later row with the same id a duplicate. */
Test(exports, excluded_ids_are_not_taken)
{
	semm_read_options o = SEMM_READ_OPTIONS_INIT;

	o.preset = SEMM_PRESET_QUALTRICS;
	cr_assert_eq(read_with(&o, QX_HEAD "d,1,100,1,R_1,X,1,2,3,4,5,1,2\n"
					   "d,0,100,1,R_1,X,1,2,3,4,5,1,2\n"),
		     SEMM_OK, "%s", err.message);
	cr_expect_eq(semm_responses_count(resp), 1);
	cr_expect_eq(semm_responses_rejected_count(resp), 0);
}

/* ---- Qualtrics' older layouts ------------------------------------------ */

Test(exports, qualtrics_single_quoted_import_ids)
{
	semm_read_options o = SEMM_READ_OPTIONS_INIT;

	o.preset = SEMM_PRESET_QUALTRICS;
	cr_assert_eq(read_with(&o, "ResponseID,ResponseSet,Status,Finished,"
				   "org,Q1_1,Q1_2,Q1_3,Q1_4,Q1_5,Q1_6,Q1_7\n"
				   "ResponseID,ResponseSet,Status,Finished,org,"
				   "Rate-Item A1,Rate-Item A2 (reverse-coded),"
				   "Rate-Item B1,Rate-Item B2,"
				   "Rate-Item B3 (weight 2),Rate-Item C1,"
				   "Rate-Item C2\n"
				   "\"{'ImportId': 'responseId'}\",x,x,x,x,x,x,"
				   "x,x,x,x,x\n"
				   "R_1,Default Response Set,0,1,X,1,2,3,4,5,1,"
				   "2\n"),
		     SEMM_OK, "%s", err.message);
	cr_expect_eq(semm_responses_count(resp), 1);
	cr_expect_eq(semm_responses_ignored_count(resp), 0);
}

Test(exports, qualtrics_legacy_two_header_rows)
{
	semm_read_options o = SEMM_READ_OPTIONS_INIT;

	o.preset = SEMM_PRESET_QUALTRICS;
	cr_assert_eq(
		read_with(&o,
			  "V1,V2,V3,V4,V5,V6,V7,V8,V9,V10,org,Q1_1,Q1_2,Q1_3,"
			  "Q1_4,Q1_5,Q1_6,Q1_7,LocationLatitude,"
			  "LocationLongitude,LocationAccuracy,\n"
			  "ResponseID,ResponseSet,Name,ExternalDataReference,"
			  "EmailAddress,IPAddress,Status,StartDate,EndDate,"
			  "Finished,org,Rate-Item A1,"
			  "Rate-Item A2 (reverse-coded),Rate-Item B1,"
			  "Rate-Item B2,Rate-Item B3 (weight 2),Rate-Item C1,"
			  "Rate-Item C2,LocationLatitude,LocationLongitude,"
			  "LocationAccuracy,\n"
			  "R_1,Default Response Set,Anonymous,,,1.2.3.4,0,d,d,"
			  "1,X,1,2,3,4,5,1,2,47.1,7.2,-1,\n"
			  "R_2,Default Response Set,Anonymous,,,1.2.3.4,1,d,d,"
			  "1,X,1,2,3,4,5,1,2,47.1,7.2,-1,\n"
			  "R_3,Default Response Set,Anonymous,,,1.2.3.4,0,d,d,"
			  "0,X,1,,,,,,,47.1,7.2,-1,\n"),
		SEMM_OK, "%s", err.message);
	/* the first data row is line 3: no row was taken for a header */
	cr_expect_eq(semm_responses_read_count(resp), 3);
	cr_expect_eq(semm_responses_count(resp), 1);
	cr_expect_str_eq(exclusion(0, NULL), "x.csv:4: preview (Status = 1)");
	cr_expect_str_eq(exclusion(1, NULL),
			 "x.csv:5: unfinished (Finished = 0)");
	/* the trailing comma's column without a header */
	cr_expect_eq(semm_responses_ignored_count(resp), 1);
}

/* ---- a named organization ---------------------------------------------- */

Test(exports, organization_named_when_the_file_has_none)
{
	semm_read_options o = SEMM_READ_OPTIONS_INIT;
	semm_result *res = NULL;

	o.organization = "City Library";
	cr_assert_eq(read_with(&o, "id,A1,A2,B1,B2,B3,C1,C2\n"
				   "r1,1,2,3,4,5,1,2\nr2,2,2,3,4,5,1,2\n"),
		     SEMM_OK, "%s", err.message);
	cr_assert_eq(semm_score_run(&res, model, quest, resp, NULL, &err),
		     SEMM_OK, "%s", err.message);
	cr_assert_eq(semm_result_group_count(res), 1);
	cr_expect_str_eq(semm_result_group_id(res, 0), "City Library");
	semm_result_free(res);
	/* a file with the column keeps its own values */
	cr_assert_eq(read_with(&o, "id,org,A1,A2,B1,B2,B3,C1,C2\n"
				   "r1,Own,1,2,3,4,5,1,2\n"),
		     SEMM_OK, "%s", err.message);
	cr_assert_eq(semm_score_run(&res, model, quest, resp, NULL, &err),
		     SEMM_OK);
	cr_expect_str_eq(semm_result_group_id(res, 0), "Own");
	semm_result_free(res);
}

/* ---- merging keeps what was left out ----------------------------------- */

Test(exports, merge_carries_exclusions_and_ignored_columns)
{
	semm_read_options o = SEMM_READ_OPTIONS_INIT;
	semm_responses *a = NULL;

	o.preset = SEMM_PRESET_QUALTRICS;
	cr_assert_eq(read_with(&o, QX_HEAD "d,1,100,1,R_1,X,1,2,3,4,5,1,2\n"
					   "d,0,100,1,R_2,X,1,2,3,4,5,1,2\n"),
		     SEMM_OK);
	a = resp;
	resp = NULL;
	cr_assert_eq(read_with(&o, "Status,ResponseId,org,x1,A1,A2,B1,B2,B3,"
				   "C1,C2\nS,R,o,x,A1,A2,B1,B2,B3,C1,C2\n"
				   "\"{\"\"ImportId\"\":\"\"status\"\"}\",x,x,"
				   "x,x,x,x,x,x,x,x\n"
				   "2,R_3,X,z,1,2,3,4,5,1,2\n"),
		     SEMM_OK, "%s", err.message);
	cr_assert_eq(semm_responses_merge(a, resp, &err), SEMM_OK);
	cr_expect_eq(semm_responses_read_count(a), 3);
	cr_expect_eq(semm_responses_count(a), 1);
	cr_expect_eq(semm_responses_excluded_count(a, SEMM_EXCLUDED_PREVIEW),
		     1);
	cr_expect_eq(semm_responses_excluded_count(a, SEMM_EXCLUDED_TEST), 1);
	cr_expect_eq(semm_responses_ignored_count(a), 1);
	cr_expect_str_eq(semm_responses_ignored_column(a, 0, NULL), "x1");
	semm_responses_free(a);
}

Test(exports, organization_named_for_json_respondents_without_one)
{
	semm_read_options o = SEMM_READ_OPTIONS_INIT;
	semm_result *res = NULL;
	const char *text = "[{\"id\": \"r1\", \"answers\": {\"A1\": 4}},\n"
			   " {\"id\": \"r2\", \"org\": \"Own\", \"answers\": "
			   "{\"A1\": 2}}]";

	o.organization = "City Library";
	semm_responses_free(resp);
	cr_assert_eq(semm_responses_new(&resp, quest, &o), 0);
	cr_assert_eq(semm_responses_read_json_buffer(resp, text, strlen(text),
						     "x.json", &err),
		     SEMM_OK, "%s", err.message);
	cr_assert_eq(semm_score_run(&res, model, quest, resp, NULL, &err),
		     SEMM_OK);
	cr_assert_eq(semm_result_group_count(res), 2);
	/* groups in byte order */
	cr_expect_str_eq(semm_result_group_id(res, 0), "City Library");
	cr_expect_str_eq(semm_result_group_id(res, 1), "Own");
	semm_result_free(res);
}

Test(exports, partial_keeps_exclusions_and_ignored_columns)
{
	semm_read_options o = SEMM_READ_OPTIONS_INIT;
	semm_responses *back = NULL;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	o.preset = SEMM_PRESET_QUALTRICS;
	o.include = SEMM_INCLUDE_SPAM;
	cr_assert_eq(read_with(&o, "Status,ResponseId,org,x1,A1,A2,B1,B2,B3,"
				   "C1,C2\nS,R,o,x,A1,A2,B1,B2,B3,C1,C2\n"
				   "\"{\"\"ImportId\"\":\"\"status\"\"}\",x,x,"
				   "x,x,x,x,x,x,x,x\n"
				   "2,R_3,X,z,1,2,3,4,5,1,2\n"
				   "8,R_4,X,z,1,2,3,4,5,1,2\n"
				   "0,R_5,X,z,1,2,3,4,5,1,2\n"),
		     SEMM_OK, "%s", err.message);
	fp = open_memstream(&buf, &len);
	cr_assert(fp != NULL);
	cr_assert_eq(semm_responses_save(resp, fp, &err), SEMM_OK);
	fclose(fp);
	cr_assert_eq(
		semm_responses_load_buffer(&back, quest, buf, len, "p", &err),
		SEMM_OK, "%s", err.message);
	cr_expect_eq(semm_responses_read_count(back), 3);
	cr_expect_eq(semm_responses_count(back), 2); /* spam read: included */
	cr_expect_eq(semm_responses_excluded_count(back, SEMM_EXCLUDED_TEST),
		     1);
	cr_expect_eq(semm_responses_ignored_count(back), 1);
	cr_expect_str_eq(semm_responses_ignored_column(back, 0, NULL), "x1");
	/* a set read without spam cannot take it in */
	semm_responses_free(resp);
	o.include = 0;
	cr_assert_eq(semm_responses_new(&resp, quest, &o), 0);
	cr_assert_eq(csv_into(resp, "Status,ResponseId,org,A1,A2,B1,B2,B3,C1,"
				    "C2\nS,R,o,A1,A2,B1,B2,B3,C1,C2\n"
				    "\"{\"\"ImportId\"\":\"\"s\"\"}\",x,x,x,x,"
				    "x,x,x,x,x\n0,R_9,X,1,2,3,4,5,1,2\n"),
		     SEMM_OK, "%s", err.message);
	cr_expect_eq(semm_responses_merge(resp, back, &err), SEMM_EARG);
	semm_responses_free(back);
	free(buf);
}

/* LimeSurvey's "question code & question text" headings. */
Test(exports, limesurvey_code_and_text_headings)
{
	semm_read_options o = SEMM_READ_OPTIONS_INIT;

	o.preset = SEMM_PRESET_LIMESURVEY;
	cr_assert_eq(read_with(&o,
			       "id. Response ID,submitdate. Date submitted,"
			       "org. Which organization?,"
			       "G1Q1[A1]. Rate [Item A1],G1Q1[A2]. Rate [x],"
			       "G1Q1[SQ3]. Rate [Item B1],B2. Item B2,"
			       "G1Q1[B3]. Rate,C1,C2,Q9. Comments\n"
			       "7,2026-01-01,X,1,2,3,4,5,1,2,fine\n"
			       "8,,X,1,2,3,4,5,1,2,\n"),
		     SEMM_OK, "%s", err.message);
	cr_expect_eq(semm_responses_count(resp), 1);
	cr_expect_eq(semm_responses_excluded_count(resp,
						   SEMM_EXCLUDED_NOT_SUBMITTED),
		     1);
	cr_expect_eq(semm_responses_ignored_count(resp), 1);
	cr_expect_str_eq(semm_responses_ignored_column(resp, 0, NULL),
			 "Q9. Comments");
}

/* A mapping names the organization of an export without the column;
 * --organization (the read options') comes first. */
Test(exports, organization_from_the_mapping)
{
	const char *map = "{\"format\": \"semm-mapping/1\", "
			  "\"organization\": \"Harbour Clinic\"}";
	semm_read_options o = SEMM_READ_OPTIONS_INIT;
	semm_mapping *m = NULL;
	semm_result *res = NULL;

	cr_assert_eq(
		semm_mapping_from_buffer(&m, map, strlen(map), "m.json", &err),
		SEMM_OK, "%s", err.message);
	o.mapping = m;
	cr_assert_eq(read_with(&o, "id,A1,A2,B1,B2,B3,C1,C2\n"
				   "r1,1,2,3,4,5,1,2\n"),
		     SEMM_OK, "%s", err.message);
	cr_assert_eq(semm_score_run(&res, model, quest, resp, NULL, &err),
		     SEMM_OK);
	cr_expect_str_eq(semm_result_group_id(res, 0), "Harbour Clinic");
	semm_result_free(res);
	o.organization = "Given";
	cr_assert_eq(read_with(&o, "id,A1,A2,B1,B2,B3,C1,C2\n"
				   "r1,1,2,3,4,5,1,2\n"),
		     SEMM_OK, "%s", err.message);
	cr_assert_eq(semm_score_run(&res, model, quest, resp, NULL, &err),
		     SEMM_OK);
	cr_expect_str_eq(semm_result_group_id(res, 0), "Given");
	semm_result_free(res);
	semm_responses_free(resp);
	resp = NULL;
	semm_mapping_free(m);
	/* an empty name is refused */
	map = "{\"format\": \"semm-mapping/1\", \"organization\": \"\"}";
	cr_expect_eq(
		semm_mapping_from_buffer(&m, map, strlen(map), "m.json", &err),
		SEMM_ESCHEMA);
}
