/*
 * cmd_compare.c - `semm compare`: compares two reports (report.json) of
 * the same model, group by group, and writes compare.json, compare.csv
 * and compare.html.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

#define DEFAULT_DIR "reports/compare"

static void compare_usage(FILE *fp)
{
	fputs("usage: semm compare BEFORE.json AFTER.json [-o DIR]\n"
	      "                    [--format json,csv,html]\n"
	      "\n"
	      "Compares two reports (report.json of 'semm score') of the same\n"
	      "model and model version. Groups are matched by id; for the\n"
	      "overall score, each dimension and each element it gives the\n"
	      "difference of the means (after - before) with its 95 % Welch\n"
	      "confidence interval, the difference in percent points, a\n"
	      "verdict (improvement, decline, within noise, insufficient\n"
	      "data) and the change of maturity level.\n"
	      "\n"
	      "Writes into DIR (default: " DEFAULT_DIR "):\n"
	      "  compare.json   everything, format semm-compare/1\n"
	      "  compare.csv    one row per group x unit\n"
	      "  compare.html   a table per group, for reading\n"
	      "\n"
	      "  -o, --output DIR   the output folder (created if missing)\n"
	      "  --format LIST      which files to write, a comma-separated\n"
	      "                     list of json, csv, html (default: all)\n",
	      fp);
}

static void print_summary(const semm_compare *c, const char *dir)
{
	size_t i, n = semm_compare_warning_count(c);

	for (i = 0; i < n; i++)
		fprintf(stderr, "semm: warning: %s\n",
			semm_compare_warning(c, i));
	for (i = 0; i < semm_compare_unmatched_count(c, 0); i++)
		fprintf(stderr,
			"semm: group \"%s\" is only in the before "
			"report\n",
			semm_compare_unmatched(c, 0, i));
	for (i = 0; i < semm_compare_unmatched_count(c, 1); i++)
		fprintf(stderr,
			"semm: group \"%s\" is only in the after "
			"report\n",
			semm_compare_unmatched(c, 1, i));
	fprintf(stderr,
		"semm: %zu group(s) compared, %zu unmatched; %zu unit(s): "
		"%zu improvement(s), %zu decline(s), %zu within noise, %zu "
		"with insufficient data; reports in %s/\n",
		semm_compare_group_count(c),
		semm_compare_unmatched_count(c, 0) +
			semm_compare_unmatched_count(c, 1),
		semm_compare_unit_count(c),
		semm_compare_verdict_count(c, SEMM_VERDICT_IMPROVEMENT),
		semm_compare_verdict_count(c, SEMM_VERDICT_DECLINE),
		semm_compare_verdict_count(c, SEMM_VERDICT_WITHIN_NOISE),
		semm_compare_verdict_count(c, SEMM_VERDICT_INSUFFICIENT), dir);
}

/* Reads the command line; returns EXIT_OK to go on, or an exit code
 * (*done set when help was shown). */
static int parse_args(int argc, char **argv, const char **files,
		      const char **dir, unsigned *formats, int *done)
{
	cli_args a = { argc, argv, 1, NULL };
	size_t n_files = 0;
	int bad = 0;

	while (a.i < argc && !bad) {
		if (cli_option(&a, "-h", "--help", 0, &bad)) {
			compare_usage(stdout);
			*done = 1;
			return EXIT_OK;
		} else if (cli_option(&a, "-o", "--output", 1, &bad)) {
			*dir = a.value;
		} else if (cli_option(&a, NULL, "--format", 1, &bad)) {
			*formats = bad ? 0
				       : cli_parse_formats(a.value,
							   SEMM_COMPARE_ALL);
			if (!bad && *formats == 0) {
				cli_error("--format: expected a "
					  "comma-separated list of json, csv "
					  "and html");
				bad = 1;
			}
		} else if (argv[a.i][0] == '-' && argv[a.i][1] != '\0') {
			cli_error("unknown option \"%s\" (try 'semm compare "
				  "--help')",
				  argv[a.i]);
			bad = 1;
		} else if (n_files < 2) {
			files[n_files++] = argv[a.i++];
		} else {
			cli_error("too many files: expected BEFORE.json "
				  "AFTER.json (try 'semm compare --help')");
			bad = 1;
		}
	}
	if (!bad && n_files < 2) {
		cli_error("expected two reports, BEFORE.json and AFTER.json "
			  "(try 'semm compare --help')");
		bad = 1;
	}
	return bad ? EXIT_USAGE : EXIT_OK;
}

int cmd_compare(int argc, char **argv)
{
	const char *files[2] = { NULL, NULL }, *dir = DEFAULT_DIR;
	unsigned formats = SEMM_COMPARE_ALL;
	const char *const *names;
	semm_compare *c = NULL;
	semm_error err;
	size_t n_names;
	int done = 0, code, rc;

	code = parse_args(argc, argv, files, &dir, &formats, &done);
	if (code != EXIT_OK || done)
		return code;
	semm_error_clear(&err);
	rc = semm_compare_from_files(&c, files[0], files[1], &err);
	if (rc < 0)
		goto done;
	names = semm_output_names(SEMM_OUTPUT_COMPARE, &n_names);
	code = cli_output_prepare(dir, names, n_names, files, 2, "comparison");
	if (code != EXIT_OK)
		goto done;
	rc = semm_compare_write_dir(c, dir, formats, &err);
	if (rc == SEMM_OK)
		print_summary(c, dir);
done:
	if (rc < 0) {
		cli_print_error(&err);
		code = cli_exit_code(rc, 0);
	}
	semm_compare_free(c);
	return code;
}
