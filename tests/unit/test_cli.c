/*
 * test_cli.c - the command line of semm score and semm merge as
 * cli_score_parse reads it (src/cli/cmd_score.c, cli_util.c): getopt's
 * forms and the tool's one-line messages. The messages of the other
 * commands and the runs themselves are tested end to end (tests/e2e).
 */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <stdarg.h>
#include <string.h>

#include "cli/cli.h"

#define MAX_ARGS 32
#define MAX_ARG 128

/* The arguments of one parse: "score" (or "merge") and the rest, copied
 * into writable storage because getopt may reorder them. */
static char arg_text[MAX_ARGS][MAX_ARG];
static char *argv_copy[MAX_ARGS + 1];
static int argc_copy;

static void add_arg(const char *a)
{
	cr_assert_lt(argc_copy, MAX_ARGS);
	cr_assert_lt(strlen(a), MAX_ARG);
	memcpy(arg_text[argc_copy], a, strlen(a) + 1);
	argv_copy[argc_copy] = arg_text[argc_copy];
	argc_copy++;
}

static void make_argv(const char *cmd, va_list ap)
{
	const char *a;

	argc_copy = 0;
	add_arg(cmd);
	for (a = va_arg(ap, const char *); a; a = va_arg(ap, const char *))
		add_arg(a);
	argv_copy[argc_copy] = NULL;
}

/* Parses "semm score ARGS..." (NULL-terminated) into s, which the test
 * frees with cli_score_args_free; returns what cli_score_parse does. */
static int parse(score_args *s, int merge, ...)
{
	va_list ap;

	va_start(ap, merge);
	make_argv(merge ? "merge" : "score", ap);
	va_end(ap);
	cr_assert_eq(cli_score_args_init(s, argc_copy), 0);
	s->merge = merge;
	return cli_score_parse(argc_copy, argv_copy, s);
}

static void redirect(void)
{
	cr_redirect_stderr();
}

Test(cli, double_dash_ends_the_options)
{
	score_args s;

	cr_assert_eq(parse(&s, 0, "-q", "q", "a.csv", "--", "-x", "--quiet",
			   "-", NULL),
		     0);
	cr_assert_eq(s.n_files, 4);
	cr_expect_str_eq(s.files[0], "a.csv");
	cr_expect_str_eq(s.files[1], "-x");
	cr_expect_str_eq(s.files[2], "--quiet");
	cr_expect_str_eq(s.files[3], "-");
	cr_expect_eq(s.quiet, 0);
	cli_score_args_free(&s);
}

Test(cli, values_attached_or_apart_and_options_after_files)
{
	score_args s;

	cr_assert_eq(parse(&s, 0, "a.csv", "-qQ", "--model=M", "-o", "D",
			   "b.csv", "--group-by", "unit", "--lang=de", NULL),
		     0);
	cr_expect_str_eq(s.questionnaire, "Q");
	cr_expect_str_eq(s.model, "M");
	cr_expect_str_eq(s.out_dir, "D");
	cr_expect_str_eq(s.score.group_by, "unit");
	cr_expect_str_eq(s.read.group_by, "unit");
	cr_expect_str_eq(s.score.lang, "de");
	cr_assert_eq(s.n_files, 2);
	cr_expect_str_eq(s.files[0], "a.csv");
	cr_expect_str_eq(s.files[1], "b.csv");
	cli_score_args_free(&s);
}

Test(cli, a_value_may_start_with_a_dash)
{
	score_args s;

	cr_assert_eq(parse(&s, 0, "-q", "q", "--partial", "-o", "-", "--",
			   "--lang", NULL),
		     0);
	cr_expect_str_eq(s.out_dir, "-");
	cr_expect_null(s.score.lang);
	cr_assert_eq(s.n_files, 1);
	cr_expect_str_eq(s.files[0], "--lang");
	cli_score_args_free(&s);
}

Test(cli, unknown_option_is_one_line_with_the_hint, .init = redirect)
{
	score_args s;

	cr_expect_eq(parse(&s, 0, "-q", "q", "--frobnicate=3", "a", NULL), -1);
	cli_score_args_free(&s);
	cr_expect_eq(parse(&s, 1, "-q", "q", "-z", "a", NULL), -1);
	cli_score_args_free(&s);
	fflush(stderr);
	cr_expect_stderr_eq_str(
		"semm: unknown option \"--frobnicate\" (try 'semm score "
		"--help')\n"
		"semm: unknown option \"-z\" (try 'semm merge --help')\n");
}

Test(cli, missing_value_names_the_option, .init = redirect)
{
	score_args s;

	cr_expect_eq(parse(&s, 0, "a.csv", "-q", NULL), -1);
	cli_score_args_free(&s);
	cr_expect_eq(parse(&s, 0, "-q", "q", "a.csv", "--group-by", NULL), -1);
	cli_score_args_free(&s);
	fflush(stderr);
	cr_expect_stderr_eq_str("semm: option -q needs a value\n"
				"semm: option --group-by needs a value\n");
}

Test(cli, flag_given_a_value_and_ambiguous_prefix, .init = redirect)
{
	score_args s;

	cr_expect_eq(parse(&s, 0, "-q", "q", "--quiet=yes", "a", NULL), -1);
	cli_score_args_free(&s);
	cr_expect_eq(parse(&s, 0, "-q", "q", "--p", "a", NULL), -1);
	cli_score_args_free(&s);
	fflush(stderr);
	cr_expect_stderr_eq_str("semm: option --quiet takes no value\n"
				"semm: ambiguous option \"--p\": --pooled, "
				"--partial, --preset (try 'semm score "
				"--help')\n");
}

Test(cli, a_unique_prefix_is_the_option)
{
	score_args s;

	cr_assert_eq(parse(&s, 0, "-q", "q", "--group", "unit", "a", NULL), 0);
	cr_expect_str_eq(s.score.group_by, "unit");
	cli_score_args_free(&s);
}

Test(cli, help_returns_one, .init = redirect)
{
	score_args s;

	cr_redirect_stdout();
	cr_expect_eq(parse(&s, 0, "--help", NULL), 1);
	cli_score_args_free(&s);
}

Test(cli, merge_refuses_reading_options, .init = redirect)
{
	score_args s;

	cr_expect_eq(
		parse(&s, 1, "-q", "q", "--preset=qualtrics", "p.semm", NULL),
		-1);
	cli_score_args_free(&s);
	cr_expect_eq(parse(&s, 1, "-q", "q", "p.semm", "--threads", "2", NULL),
		     -1);
	cli_score_args_free(&s);
	fflush(stderr);
	cr_expect_stderr_eq_str(
		"semm: --preset: a reading option; the partials were read with "
		"their own (give it to 'semm score --partial')\n"
		"semm: --threads: a reading option; the partials were read "
		"with their own (give it to 'semm score --partial')\n");
}
