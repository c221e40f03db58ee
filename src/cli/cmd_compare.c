/*
 * cmd_compare.c - `semm compare`: compares two reports (report.json) of
 * the same model, group by group, and writes compare.json, compare.csv
 * and compare.html.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define DEFAULT_DIR "reports/compare"

enum { OPT_FORMAT = 256, OPT_LANG };

static void compare_usage(FILE *fp)
{
	fputs("usage: semm compare BEFORE AFTER [-o DIR]\n"
	      "                    [--format json,csv,html] [--lang en|de]\n"
	      "\n"
	      "Compares two reports (report.json of 'semm score') of the same\n"
	      "model and model version, each a file or DB:ID, assessment ID\n"
	      "of the history store DB ('semm history'). Groups are matched\n"
	      "by id; for the\n"
	      "overall score, each dimension and each element it gives the\n"
	      "difference of the means (after - before) with its 95 % Welch\n"
	      "confidence interval, the difference in percent points, a\n"
	      "verdict (improvement, decline, within noise, insufficient\n"
	      "data) and the change of maturity level.\n"
	      "\n"
	      "Writes into DIR (default: " DEFAULT_DIR "):\n"
	      "  compare.json   everything, format semm-compare/1\n"
	      "  compare.csv    one row per group x unit\n"
	      "  compare.html   a page for people: a summary, a chart and a\n"
	      "                 table per group\n"
	      "\n"
	      "  -o, --output DIR   the output folder (created if missing)\n"
	      "  --format LIST      which files to write, a comma-separated\n"
	      "                     list of json, csv, html (default: all)\n"
	      "  --lang L           the language of compare.html: en or de\n"
	      "                     (default: the language both reports\n"
	      "                     were scored in, else en)\n",
	      fp);
}

/* The counts of a comparison: "semm: 2 groups compared, 0 unmatched;
 * 28 units: 1 improvement, 2 declines, 25 within noise, 0 with
 * insufficient data; reports in DIR/". */
static void print_counts(const semm_compare *c, const char *dir)
{
	size_t groups = semm_compare_group_count(c);
	size_t units = semm_compare_unit_count(c);
	size_t up = semm_compare_verdict_count(c, SEMM_VERDICT_IMPROVEMENT);
	size_t down = semm_compare_verdict_count(c, SEMM_VERDICT_DECLINE);

	fprintf(stderr,
		"semm: %zu %s compared, %zu unmatched; %zu %s: %zu %s, %zu "
		"%s, %zu within noise, %zu with insufficient data; reports "
		"in %s/\n",
		groups, cli_plural(groups, "group", "groups"),
		semm_compare_unmatched_count(c, 0) +
			semm_compare_unmatched_count(c, 1),
		units, cli_plural(units, "unit", "units"), up,
		cli_plural(up, "improvement", "improvements"), down,
		cli_plural(down, "decline", "declines"),
		semm_compare_verdict_count(c, SEMM_VERDICT_WITHIN_NOISE),
		semm_compare_verdict_count(c, SEMM_VERDICT_INSUFFICIENT), dir);
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
	print_counts(c, dir);
}

/* Reads the command line; returns EXIT_OK to go on, or an exit code
 * (*done set when help was shown). */
static int parse_args(int argc, char **argv, const char **files,
		      const char **dir, unsigned *formats, const char **lang,
		      int *done)
{
	static const struct option longs[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ NULL, 0, NULL, 0 }
	};
	cli_parser p = { .argc = argc,
			 .argv = argv,
			 .shorts = "ho:",
			 .longs = longs,
			 .cmd = "compare",
			 .in_order = 1 };
	size_t n_files = 0;
	int c;

	for (;;) {
		c = cli_next(&p);
		if (c == -1)
			break;
		if (c == CLI_BAD)
			return EXIT_USAGE;
		if (c == 'h') {
			compare_usage(stdout);
			*done = 1;
			return EXIT_OK;
		}
		if (c == 'o') {
			*dir = p.value;
		} else if (c == OPT_LANG) {
			*lang = p.value;
		} else if (c == OPT_FORMAT) {
			*formats = cli_parse_formats(p.value, SEMM_COMPARE_ALL);
			if (*formats == 0) {
				cli_error("--format: expected a "
					  "comma-separated list of json, csv "
					  "and html");
				return EXIT_USAGE;
			}
		} else if (n_files < 2) {
			files[n_files++] = p.value;
		} else {
			cli_error("too many files: expected BEFORE.json "
				  "AFTER.json (try 'semm compare --help')");
			return EXIT_USAGE;
		}
	}
	if (n_files < 2) {
		cli_error("expected two reports, BEFORE.json and AFTER.json "
			  "(try 'semm compare --help')");
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* Compares the two sides, files or DB:ID assessments of a history
 * store; *code is set when a DB:ID side cannot be read (said). */
static int read_sides(semm_compare **c, const char *const *files, int *code,
		      semm_error *err)
{
	char *text[2] = { NULL, NULL };
	size_t len[2] = { 0, 0 };
	int k, from_db = 0, rc = SEMM_OK, got;

	for (k = 0; k < 2 && *code == EXIT_OK; k++) {
		got = cli_history_side(files[k], &text[k], &len[k], code);
		if (got > 0)
			from_db = 1;
	}
	if (*code != EXIT_OK)
		goto done;
	if (!from_db) {
		rc = semm_compare_from_files(c, files[0], files[1], err);
		goto done;
	}
	/* a file side beside a DB:ID one is read here */
	for (k = 0; k < 2; k++) {
		FILE *fp;
		char buf[65536], *grown;
		size_t n;

		if (text[k])
			continue;
		fp = fopen(files[k], "rb");
		if (!fp) {
			cli_error("%s: cannot read: %s", files[k],
				  strerror(errno));
			*code = EXIT_IO;
			goto done;
		}
		for (;;) {
			n = fread(buf, 1, sizeof(buf), fp);
			if (n == 0)
				break;
			grown = realloc(text[k], len[k] + n + 1);
			if (!grown)
				cli_out_of_memory("reading a report");
			text[k] = grown;
			memcpy(text[k] + len[k], buf, n);
			len[k] += n;
		}
		fclose(fp);
	}
	rc = semm_compare_from_buffers(c, text[0] ? text[0] : "", len[0],
				       files[0], text[1] ? text[1] : "", len[1],
				       files[1], err);
done:
	free(text[0]);
	free(text[1]);
	return rc;
}

int cmd_compare(int argc, char **argv)
{
	const char *files[2] = { NULL, NULL }, *dir = DEFAULT_DIR;
	const char *lang = NULL;
	unsigned formats = SEMM_COMPARE_ALL;
	const char *const *names;
	semm_compare *c = NULL;
	semm_error err;
	size_t n_names;
	int done = 0, code, rc;

	code = parse_args(argc, argv, files, &dir, &formats, &lang, &done);
	if (code != EXIT_OK || done)
		return code;
	semm_error_clear(&err);
	rc = read_sides(&c, files, &code, &err);
	if (rc < 0 || code != EXIT_OK)
		goto done;
	rc = semm_compare_set_lang(c, lang, &err);
	if (rc < 0) {
		cli_error("--lang: %s", err.message);
		code = EXIT_USAGE;
		rc = SEMM_OK;
		goto done;
	}
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
