/*
 * test_util.c - the error record and message helpers of util.c: every
 * message is one line, whatever control characters the input holds.
 */
#include "test_helpers.h"

Test(util, escape_writes_c0_del_c1_and_stray_bytes_visibly)
{
	char out[128];

	cr_expect_str_eq(semm_text_escape("a\nb\tc\rd", out, sizeof(out)),
			 "a\\nb\\tc\\rd");
	cr_expect_str_eq(semm_text_escape("\x1b[31mred\x7f", out, sizeof(out)),
			 "\\x1b[31mred\\x7f");
	cr_expect_str_eq(
		semm_text_escape("x\xc2\x85y\xc2\x9b", out, sizeof(out)),
		"x\\u0085y\\u009b");
	cr_expect_str_eq(semm_text_escape("\x9b"
					  "2J",
					  out, sizeof(out)),
			 "\\x9b2J");
	/* printable UTF-8 and backslashes are kept: escaping is idempotent */
	cr_expect_str_eq(
		semm_text_escape("\xc3\xbc \xc2\xa0 \\n", out, sizeof(out)),
		"\xc3\xbc \xc2\xa0 \\n");
}

Test(util, escape_cuts_before_a_whole_escape_or_character)
{
	char out[6];

	cr_expect_str_eq(semm_text_escape("abc\ndef", out, sizeof(out)),
			 "abc\\n");
	cr_expect_str_eq(semm_text_escape("abcd\n", out, sizeof(out)), "abcd");
	cr_expect_str_eq(semm_text_escape("abc\xe2\x80\xa6", out, sizeof(out)),
			 "abc");
}

Test(util, error_message_and_source_are_one_line)
{
	semm_error err;

	semm_error_clear(&err);
	cr_expect_eq(semm__fail(&err, SEMM_EDATA, "a\nb.csv", 3, 1,
				"unknown column \"%s\"", "Q1\n\x1b[2J"),
		     SEMM_EDATA);
	cr_expect_str_eq(err.source, "a\\nb.csv");
	cr_expect_str_eq(err.message, "unknown column \"Q1\\n\\x1b[2J\"");
}

Test(util, rejection_reason_is_one_line)
{
	semm__row row = { 0 };

	semm__row_problem(&row, 2, "duplicate respondent id \"%s\"",
			  "r\r\n\xc2\x85");
	cr_expect_str_eq(row.reason,
			 "duplicate respondent id \"r\\r\\n\\u0085\"");
}

Test(util, shorten_cuts_at_a_character_boundary_with_an_ellipsis)
{
	/* 13 three-byte characters are 39 bytes; the 14th would make 42 */
	const char *id = "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
			 "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
			 "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
			 "\xe2\x82\xac\xe2\x82\xac";
	char buf[SEMM__QUOTE_BUF];

	cr_expect_str_eq(semm__shorten(id, strlen(id), buf, sizeof(buf)),
			 "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
			 "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
			 "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
			 "\xe2\x82\xac\xe2\x80\xa6");
	cr_expect_str_eq(semm__shorten("short", 5, buf, sizeof(buf)), "short");
	cr_expect_str_eq(
		semm__shorten("0123456789012345678901234567890123456789", 40,
			      buf, sizeof(buf)),
		"0123456789012345678901234567890123456789");
	cr_expect_str_eq(
		semm__shorten("0123456789012345678901234567890123456789X", 41,
			      buf, sizeof(buf)),
		"0123456789012345678901234567890123456789\xe2\x80\xa6");
}

Test(util, duplicate_respondent_id_is_quoted_at_40_bytes)
{
	semm_model *m = NULL;
	semm_questionnaire *q = NULL;
	semm_responses *r = NULL;
	semm_error err;
	char line[SEMM_ERROR_MESSAGE_MAX + SEMM_ERROR_SOURCE_MAX + 64];
	const char *text =
		"id,org,A1,A2,B1,B2,B3,C1,C2\n"
		"\xc3\xa9xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		"\xc3\xa9zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		"zzzzzzzzzzzzzzzzzzz,X,1,2,3,4,5,1,2\n"
		"\xc3\xa9xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		"\xc3\xa9zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		"zzzzzzzzzzzzzzzzzzz,X,1,2,3,4,5,1,2\n";

	load_handworked_with(&m, &q, &r,
			     DATA("tests/data/handworked/responses.csv"), NULL);
	semm_responses_free(r);
	cr_assert_eq(semm_responses_new(&r, q, NULL), 0);
	semm_error_clear(&err);
	cr_assert_eq(semm_responses_read_csv_buffer(r, text, strlen(text),
						    "r.csv", &err),
		     0, "%s", err.message);
	cr_assert_eq(semm_responses_rejected_count(r), 1);
	/* 2 + 38 bytes, then the second "é" would pass 40 */
	cr_expect_str_eq(semm_responses_rejection(r, 0, line, sizeof(line)),
			 "r.csv:3:1: duplicate respondent id "
			 "\"\xc3\xa9xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
			 "\xe2\x80\xa6\" (first seen at r.csv:2)");
	semm_responses_free(r);
	semm_questionnaire_free(q);
	semm_model_free(m);
}
