/*
 * test_responses.c - reading respondents from CSV and JSON: values as
 * numbers and labels, positions of every problem, rejection versus
 * failure, and the habits of real exports (BOM, CRLF, quoted newlines).
 * Uses the hand-worked questionnaire: items A1 A2 B1 B2 B3 C1 C2 on scale
 * 1..5 (labels never/rarely/sometimes/often/always, N/A "N/A", don't know
 * "DK"), respondent column "id", organization column "org".
 */
#include "test_helpers.h"

#define HEADER "id,org,A1,A2,B1,B2,B3,C1,C2\n"

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
	cr_assert_eq(semm_responses_new(&resp, quest, NULL), 0);
}

static void teardown(void)
{
	semm_responses_free(resp);
	semm_questionnaire_free(quest);
	semm_model_free(model);
}

TestSuite(responses, .init = setup, .fini = teardown);

static int csv(const char *text)
{
	semm_error_clear(&err);
	return semm_responses_read_csv_buffer(resp, text, strlen(text), "r.csv",
					      &err);
}

static const char *rejection(size_t i)
{
	static char buf[600];

	return semm_responses_rejection(resp, i, buf, sizeof(buf));
}

/* Row i's answer code of item j, unpacked from the store. */
static uint8_t code_at(size_t i, size_t j)
{
	uint8_t codes[64];

	semm__responses_unpack(resp, i, codes);
	return codes[j];
}

/* The line row i was read from (the store keeps rows by default). */
static unsigned long line_of(size_t i)
{
	semm__where w;

	memcpy(&w, semm__chunk_at(&resp->where, i), sizeof(w));
	return (unsigned long)w.line;
}

Test(responses, numbers_and_labels_give_the_same_codes)
{
	cr_assert_eq(csv(HEADER "r1,X,4,4,4,4,4,4,4\n"
				"r2,X,often, Often ,OFTEN,4.0,4,often,4\n"),
		     0, "%s", err.message);
	cr_assert_eq(semm_responses_count(resp), 2);
	for (size_t j = 0; j < 7; j++)
		cr_expect_eq(code_at(0, j), code_at(1, j));
	cr_expect_eq(code_at(0, 0), 3); /* 4 on 1..5 is offset 3 */
}

Test(responses, na_dont_know_and_blank_are_told_apart)
{
	cr_assert_eq(csv(HEADER "r1,X,N/A,dk,,  ,1,5,3\n"), 0);
	cr_expect_eq(code_at(0, 0), SEMM__ANS_NA);
	cr_expect_eq(code_at(0, 1), SEMM__ANS_DK);
	cr_expect_eq(code_at(0, 2), SEMM__ANS_BLANK);
	cr_expect_eq(code_at(0, 3), SEMM__ANS_BLANK);
}

Test(responses, value_outside_the_scale_rejects_with_line_and_column)
{
	cr_assert_eq(csv(HEADER "r1,X,4,4,4,4,4,4,4\n"
				"r2,X,4,4,6,4,4,4,4\n"),
		     0);
	cr_expect_eq(semm_responses_count(resp), 1);
	cr_expect_eq(semm_responses_rejected_count(resp), 1);
	cr_expect_str_eq(rejection(0),
			 "r.csv:3:5: item B1: \"6\" is outside the scale 1..5");
	cr_expect_eq(semm_responses_read_count(resp), 2);
}

Test(responses, fraction_and_unknown_label_are_rejected)
{
	cr_assert_eq(csv(HEADER "r1,X,3.5,4,4,4,4,4,4\n"
				"r2,X,4,4,4,4,4,4,sometimes-ish\n"),
		     0);
	cr_expect_str_eq(rejection(0),
			 "r.csv:2:3: item A1: \"3.5\" is not a point of the "
			 "scale 1..5");
	cr_expect_str_eq(rejection(1),
			 "r.csv:3:9: item C2: \"sometimes-ish\" is neither a "
			 "number 1..5 nor a label, N/A or don't-know code of "
			 "scale \"s5\"");
}

Test(responses, fail_mode_stops_at_the_first_bad_row)
{
	semm_read_options o = SEMM_READ_OPTIONS_INIT;

	semm_responses_free(resp);
	o.on_error = SEMM_ON_ERROR_FAIL;
	cr_assert_eq(semm_responses_new(&resp, quest, &o), 0);
	cr_expect_eq(csv(HEADER "r1,X,4,4,9,4,4,4,4\n"), SEMM_EDATA);
	cr_expect_eq(err.line, 2);
	cr_expect_eq(err.column, 5);
	cr_expect_str_eq(err.source, "r.csv");
}

Test(responses, unknown_column_fails_the_file)
{
	cr_expect_eq(csv("id,org,A1,A2,B1,B2,B3,C1,C2,Q99\n"), SEMM_EDATA);
	cr_expect_eq(err.line, 1);
	cr_expect_eq(err.column, 10);
	cr_expect(strstr(err.message,
			 "unknown column \"Q99\" (column 10): not an item") !=
			  NULL,
		  "%s", err.message);
}

Test(responses, missing_item_column_fails_the_file)
{
	cr_expect_eq(csv("id,org,A1,A2,B1,B2,B3,C1\nr1,X,1,1,1,1,1,1\n"),
		     SEMM_EDATA);
	cr_expect(strstr(err.message, "no column for item C2 (1 of the 7") !=
			  NULL,
		  "%s", err.message);
}

Test(responses, repeated_column_fails_the_file)
{
	cr_expect_eq(csv("id,org,A1,A2,B1,B2,B3,C1,C2,a1\n"), SEMM_EDATA);
	cr_expect_eq(err.column, 10);
	cr_expect(strstr(err.message, "appears twice") != NULL);
}

Test(responses, missing_respondent_column_fails_the_file)
{
	cr_expect_eq(csv("org,A1,A2,B1,B2,B3,C1,C2\nX,1,1,1,1,1,1,1\n"),
		     SEMM_EDATA);
	cr_expect(strstr(err.message, "missing respondent column \"id\"") !=
			  NULL,
		  "%s", err.message);
}

Test(responses, empty_file_and_header_only_are_errors)
{
	cr_expect_eq(csv(""), SEMM_EDATA);
	cr_expect(strstr(err.message, "empty") != NULL);
	cr_expect_eq(csv(HEADER), SEMM_EDATA);
	cr_expect(strstr(err.message, "no respondent rows") != NULL);
}

Test(responses, ragged_rows_are_rejected)
{
	cr_assert_eq(csv(HEADER "r1,X,4,4,4\n"
				"r2,X,4,4,4,4,4,4,4,4\n"
				"r3,X,4,4,4,4,4,4,4\n"),
		     0);
	cr_expect_eq(semm_responses_count(resp), 1);
	cr_expect_str_eq(rejection(0),
			 "r.csv:2:6: the row has 5 fields, the header has 9 "
			 "(column 6 \"B2\" is missing)");
	cr_expect_str_eq(rejection(1),
			 "r.csv:3:10: the row has more fields than the "
			 "header's 9 (a stray delimiter?)");
}

Test(responses, duplicate_respondent_ids_are_rejected)
{
	cr_assert_eq(csv(HEADER "r1,X,4,4,4,4,4,4,4\n"
				"r1,Y,4,4,4,4,4,4,4\n"),
		     0);
	cr_expect_eq(semm_responses_count(resp), 1);
	cr_expect_str_eq(rejection(0), "r.csv:3:1: duplicate respondent id "
				       "\"r1\" (first seen at r.csv:2)");
}

Test(responses, empty_respondent_id_is_rejected)
{
	cr_assert_eq(csv(HEADER " ,X,4,4,4,4,4,4,4\n"), 0);
	cr_expect_eq(semm_responses_rejected_count(resp), 1);
	cr_expect_str_eq(rejection(0),
			 "r.csv:2:1: respondent column \"id\" is missing or "
			 "empty");
}

Test(responses, bom_crlf_and_quoted_newlines_keep_line_numbers)
{
	/* Row r1 spans lines 2-3 (a quoted newline in the org); r2 is on
	 * line 5 after an empty line 4; its B1 is out of the scale. */
	cr_assert_eq(csv("\xEF\xBB\xBF"
			 "id,org,A1,A2,B1,B2,B3,C1,C2\r\n"
			 "r1,\"X\r\nY\",4,4,4,4,4,4,4\r\n"
			 "\r\n"
			 "r2,X,4,4,0,4,4,4,4\r\n"),
		     0, "%s", err.message);
	cr_expect_eq(semm_responses_count(resp), 1);
	cr_expect_eq(line_of(0), 2);
	cr_expect_str_eq(resp->groups.value[semm__row_group(resp, 0)],
			 "X\r\nY");
	cr_expect_str_eq(rejection(0),
			 "r.csv:5:5: item B1: \"0\" is outside the scale 1..5");
}

Test(responses, unterminated_quote_is_a_parse_error)
{
	cr_expect_eq(csv(HEADER "r1,\"X,4,4,4,4,4,4,4\n"), SEMM_EPARSE);
	cr_expect_eq(err.line, 2);
	cr_expect(strstr(err.message, "unterminated quoted field") != NULL);
}

Test(responses, binary_data_is_not_csv)
{
	static const char bin[] = "id,org\0\x01\x02";

	semm_error_clear(&err);
	cr_expect_eq(semm_responses_read_csv_buffer(resp, bin, sizeof(bin) - 1,
						    "b.csv", &err),
		     SEMM_EPARSE);
	cr_expect(strstr(err.message, "NUL byte") != NULL);
}

Test(responses, semicolon_delimiter_when_asked)
{
	semm_read_options o = SEMM_READ_OPTIONS_INIT;

	semm_responses_free(resp);
	o.delimiter = ';';
	cr_assert_eq(semm_responses_new(&resp, quest, &o), 0);
	cr_assert_eq(csv("id;org;A1;A2;B1;B2;B3;C1;C2\nr1;X;1;2;3;4;5;1;2\n"),
		     0, "%s", err.message);
	cr_expect_eq(semm_responses_count(resp), 1);
	cr_expect_eq(code_at(0, 4), 4);
}

Test(responses, excel_sep_line_declares_the_delimiter)
{
	cr_assert_eq(csv("\xEF\xBB\xBFsep=;\r\nid;org;A1;A2;B1;B2;B3;C1;C2\r\n"
			 "r1;X;1;2;3;4;5;1;2\r\nr2;X;1;2;9;4;5;1;2\r\n"),
		     0, "%s", err.message);
	cr_expect_eq(semm_responses_count(resp), 1);
	cr_expect_eq(code_at(0, 4), 4);
	cr_expect_eq(line_of(0), 3);
	cr_expect_str_eq(rejection(0),
			 "r.csv:4:5: item B1: \"9\" is outside the scale 1..5");
}

Test(responses, asked_delimiter_wins_over_an_excel_sep_line)
{
	semm_read_options o = SEMM_READ_OPTIONS_INIT;

	semm_responses_free(resp);
	o.delimiter = ',';
	cr_assert_eq(semm_responses_new(&resp, quest, &o), 0);
	cr_assert_eq(csv("sep=;\n" HEADER "r1,X,1,2,3,4,5,1,2\n"), 0, "%s",
		     err.message);
	cr_expect_eq(semm_responses_count(resp), 1);
	cr_expect_eq(line_of(0), 3);
}

static int json(const char *text)
{
	semm_error_clear(&err);
	return semm_responses_read_json_buffer(resp, text, strlen(text),
					       "r.json", &err);
}

Test(responses, json_document_reads_numbers_labels_and_nulls)
{
	cr_assert_eq(
		json("{\"format\": \"semm-responses/1\", \"respondents\": [\n"
		     " {\"id\": \"r1\", \"org\": \"X\", \"answers\": {\"A1\": 4,"
		     " \"a2\": \"often\", \"B1\": null, \"C2\": \"N/A\"}}\n]}"),
		0, "%s", err.message);
	cr_assert_eq(semm_responses_count(resp), 1);
	cr_expect_eq(code_at(0, 0), 3);
	cr_expect_eq(code_at(0, 1), 3);
	cr_expect_eq(code_at(0, 2), SEMM__ANS_BLANK);
	cr_expect_eq(code_at(0, 6), SEMM__ANS_NA);
	cr_expect_eq(code_at(0, 3), SEMM__ANS_BLANK); /* absent */
	cr_expect_eq(line_of(0), 2);
}

Test(responses, json_problems_are_located_at_the_value)
{
	cr_assert_eq(json("[\n"
			  " {\"id\": \"r1\", \"answers\": {\"A1\": 4}},\n"
			  " {\"id\": \"r2\", \"answers\": {\n"
			  "   \"A1\": 7}},\n"
			  " {\"id\": \"r3\", \"answers\": {\"Z9\": 1}}\n"
			  "]"),
		     0, "%s", err.message);
	cr_expect_eq(semm_responses_count(resp), 1);
	cr_expect_str_eq(rejection(0),
			 "r.json:4:10: $[1].answers.A1: item A1: 7 is not a "
			 "point of the scale 1..5");
	cr_expect(strstr(rejection(1), "r.json:5:33: $[2].answers.Z9: unknown "
				       "item \"Z9\"") != NULL,
		  "%s", rejection(1));
}

Test(responses, json_of_the_wrong_shape_fails)
{
	cr_expect_eq(json("{\"format\": \"semm-responses/1\"}"), SEMM_ESCHEMA);
	cr_expect(strstr(err.message, "missing member \"respondents\"") !=
		  NULL);
	cr_expect_eq(json("[1, 2"), SEMM_EPARSE);
	cr_expect_eq(json("[]"), SEMM_EDATA);
}

Test(responses, huge_json_number_is_rejected_not_scored)
{
	cr_assert_eq(json("[{\"id\": \"r1\", \"answers\": {\"A1\": 1e999}}]"),
		     0);
	cr_expect_eq(semm_responses_rejected_count(resp), 1);
}
