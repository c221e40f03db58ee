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
