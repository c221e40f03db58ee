/*
 * test_cli.c - the command line of semm score and semm merge as
 * cli_score_parse reads it (src/cli/score_args.c, cli_util.c): getopt's
 * forms, the tool's one-line messages, and the read options each
 * option fills in. The messages of the other commands and the runs
 * themselves are tested end to end (tests/e2e).
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
				"semm: ambiguous option \"--p\": --per-group, "
				"--pooled, --partial, --preset (try 'semm "
				"score --help')\n");
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
	cr_expect_eq(parse(&s, 1, "-q", "q", "p.semm", "--header-from", "h.csv",
			   NULL),
		     -1);
	cli_score_args_free(&s);
	fflush(stderr);
	cr_expect_stderr_eq_str(
		"semm: --preset: a reading option; the partials were read with "
		"their own (give it to 'semm score --partial')\n"
		"semm: --header-from: a reading option; the partials were read "
		"with their own (give it to 'semm score --partial')\n");
}

/* --threads is the reading option a merge takes: its own scoring and
 * writing run on them. */
Test(cli, merge_takes_threads)
{
	score_args s;

	cr_assert_eq(parse(&s, 1, "-q", "q", "p.semm", "--threads", "3", NULL),
		     0);
	cr_expect_eq(s.score.threads, 3);
	cr_expect_eq(s.read.threads, 3);
	cli_score_args_free(&s);
}

Test(cli, reading_options_of_version_3_keep_their_defaults)
{
	semm_read_options defaults = SEMM_READ_OPTIONS_INIT;
	score_args s;

	cr_assert_eq(parse(&s, 0, "-q", "q.json", "a.csv", NULL), 0);
	cr_expect_eq(s.read.version, 3);
	cr_expect_eq(s.read.ignore_unknown_columns,
		     defaults.ignore_unknown_columns);
	cr_expect_eq(s.read.ignore_unknown_columns, -1);
	cr_expect_null(s.read.ignore_columns);
	cr_expect_eq(s.read.n_ignore_columns, 0);
	cr_expect_eq(s.read.include, 0);
	cr_expect_null(s.read.organization);
	cli_score_args_free(&s);
}

Test(cli, ignore_unknown_columns_and_strict_columns_last_one_wins)
{
	score_args s;

	cr_assert_eq(
		parse(&s, 0, "-q", "q", "--ignore-unknown-columns", "a", NULL),
		0);
	cr_expect_eq(s.read.ignore_unknown_columns, 1);
	cli_score_args_free(&s);
	cr_assert_eq(parse(&s, 0, "-q", "q", "--strict-columns", "a", NULL), 0);
	cr_expect_eq(s.read.ignore_unknown_columns, 0);
	cli_score_args_free(&s);
	cr_assert_eq(parse(&s, 0, "-q", "q", "--strict-columns",
			   "--ignore-unknown-columns", "a", NULL),
		     0);
	cr_expect_eq(s.read.ignore_unknown_columns, 1);
	cli_score_args_free(&s);
	cr_assert_eq(parse(&s, 0, "-q", "q", "--ignore-unknown-columns",
			   "--strict-columns", "a", NULL),
		     0);
	cr_expect_eq(s.read.ignore_unknown_columns, 0);
	cli_score_args_free(&s);
}

Test(cli, ignore_columns_split_on_commas_trimmed_repeatable_each_once)
{
	score_args s;

	cr_assert_eq(parse(&s, 0, "-q", "q", "--ignore-columns",
			   "Start Date, IP Address", "a.csv",
			   "--ignore-columns=Progress,Start Date", NULL),
		     0);
	cr_assert_eq(s.read.n_ignore_columns, 3);
	cr_expect_str_eq(s.read.ignore_columns[0], "Start Date");
	cr_expect_str_eq(s.read.ignore_columns[1], "IP Address");
	cr_expect_str_eq(s.read.ignore_columns[2], "Progress");
	cr_expect_eq(s.n_files, 1);
	cli_score_args_free(&s);
}

Test(cli, ignore_columns_refuses_an_empty_name, .init = redirect)
{
	score_args s;

	cr_expect_eq(
		parse(&s, 0, "-q", "q", "--ignore-columns", "a,,b", "x", NULL),
		-1);
	cli_score_args_free(&s);
	fflush(stderr);
	cr_expect_stderr_eq_str(
		"semm: --ignore-columns: an empty column name in \"a,,b\"\n");
}

Test(cli, include_options_add_their_bits)
{
	score_args s;

	cr_assert_eq(parse(&s, 0, "-q", "q", "--include-unfinished", "a", NULL),
		     0);
	cr_expect_eq(s.read.include, SEMM_INCLUDE_UNFINISHED);
	cli_score_args_free(&s);
	cr_assert_eq(parse(&s, 0, "-q", "q", "--include-test", "a", NULL), 0);
	cr_expect_eq(s.read.include, SEMM_INCLUDE_TEST);
	cli_score_args_free(&s);
	cr_assert_eq(parse(&s, 0, "-q", "q", "--include-spam", "a", NULL), 0);
	cr_expect_eq(s.read.include, SEMM_INCLUDE_SPAM);
	cli_score_args_free(&s);
	cr_assert_eq(parse(&s, 0, "-q", "q", "--include-spam",
			   "--include-unfinished", "--include-test", "a", NULL),
		     0);
	cr_expect_eq(s.read.include, SEMM_INCLUDE_UNFINISHED |
					     SEMM_INCLUDE_TEST |
					     SEMM_INCLUDE_SPAM);
	cli_score_args_free(&s);
}

Test(cli, organization_is_the_value_given)
{
	score_args s;

	cr_assert_eq(
		parse(&s, 0, "-q", "q", "--organization=Acme Ltd", "a", NULL),
		0);
	cr_expect_str_eq(s.read.organization, "Acme Ltd");
	cli_score_args_free(&s);
}

Test(cli, organization_refuses_an_empty_or_blank_name, .init = redirect)
{
	score_args s;

	cr_expect_eq(parse(&s, 0, "-q", "q", "--organization", "", "a", NULL),
		     -1);
	cli_score_args_free(&s);
	cr_expect_eq(parse(&s, 0, "-q", "q", "--organization=  ", "a", NULL),
		     -1);
	cli_score_args_free(&s);
	fflush(stderr);
	cr_expect_stderr_eq_str("semm: --organization: an empty name\n"
				"semm: --organization: an empty name\n");
}

Test(cli, merge_refuses_every_new_reading_option, .init = redirect)
{
	static const char *const opts[][2] = {
		{ "--ignore-unknown-columns", NULL },
		{ "--strict-columns", NULL },
		{ "--ignore-columns", "a" },
		{ "--include-unfinished", NULL },
		{ "--include-test", NULL },
		{ "--include-spam", NULL },
		{ "--organization", "Acme" },
	};
	score_args s;
	size_t k;

	for (k = 0; k < sizeof(opts) / sizeof(opts[0]); k++) {
		cr_expect_eq(parse(&s, 1, "-q", "q", opts[k][0], opts[k][1],
				   "p.semm", NULL),
			     -1, "%s", opts[k][0]);
		cli_score_args_free(&s);
	}
	fflush(stderr);
	cr_expect_stderr_eq_str(
		"semm: --ignore-unknown-columns: a reading option; the "
		"partials were read with their own (give it to 'semm score "
		"--partial')\n"
		"semm: --strict-columns: a reading option; the partials were "
		"read with their own (give it to 'semm score --partial')\n"
		"semm: --ignore-columns: a reading option; the partials were "
		"read with their own (give it to 'semm score --partial')\n"
		"semm: --include-unfinished: a reading option; the partials "
		"were read with their own (give it to 'semm score "
		"--partial')\n"
		"semm: --include-test: a reading option; the partials were "
		"read with their own (give it to 'semm score --partial')\n"
		"semm: --include-spam: a reading option; the partials were "
		"read with their own (give it to 'semm score --partial')\n"
		"semm: --organization: a reading option; the partials were "
		"read with their own (give it to 'semm score --partial')\n");
}

Test(cli, plural_is_for_every_count_but_one)
{
	cr_expect_str_eq(cli_plural(0, "group", "groups"), "groups");
	cr_expect_str_eq(cli_plural(1, "group", "groups"), "group");
	cr_expect_str_eq(cli_plural(2, "group", "groups"), "groups");
}
