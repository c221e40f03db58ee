/*
 * score_args.c - the command line of a scoring run, shared by semm score
 * and semm merge: the options (getopt_long's table and --help's text),
 * what each sets in the read and score options, and the checks of the
 * whole line. semm merge refuses the reading options, which belong to
 * the runs that read the inputs.
 */
#define _POSIX_C_SOURCE 200809L

#include <assert.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The options of a scoring run, as --help shows them; `read` marks the
 * reading options, which semm merge does not take (its partials were
 * read with their own). */
static const struct {
	int read;
	const char *text;
} option_help[] = {
	{ 0,
	  "  -q, --questionnaire Q  questionnaire file, or an id looked up in\n"
	  "                         questionnaires/ ($SEMM_DATA_DIR, ., installed)\n" },
	{ 0,
	  "  -m, --model M          model file or id (default: the model the\n"
	  "                         questionnaire names, looked up in models/)\n" },
	{ 0,
	  "  -o, --output DIR       output folder, created if missing\n"
	  "                         (default: reports); '-' with --partial:\n"
	  "                         standard output\n" },
	{ 0, "      --format LIST      which reports: json, csv, html, xlsx,\n"
	     "                         comma-separated, or all (default:\n"
	     "                         json,csv)\n" },
	{ 0,
	  "      --group-by COL     group by this metadata column (default:\n"
	  "                         the organization column; else one group)\n" },
	{ 1,
	  "      --on-error MODE    reject (default): list a wrong respondent as\n"
	  "                         rejected and go on; fail: stop with exit 3\n" },
	{ 0,
	  "      --na-policy P      exclude, anchor or zero (default: model's)\n" },
	{ 0,
	  "      --na-anchor PCT    percent of scale N/A counts as under anchor\n" },
	{ 0,
	  "      --coverage-min C   share of an element's items a respondent\n"
	  "                         must answer, 0 < C <= 1\n" },
	{ 1, "      --delimiter C      CSV field delimiter: one character, or\n"
	     "                         'auto' (default: the most frequent of\n"
	     "                         , ; and tab in the header line)\n" },
	{ 1, "      --decimal-comma yes|no|auto\n"
	     "                         read \"4,0\" as 4 (auto: when the\n"
	     "                         delimiter is ';')\n" },
	{ 1,
	  "      --preset TOOL      the export's layout: qualtrics, limesurvey,\n"
	  "                         google-forms or ms-forms (docs/IMPORT.md)\n" },
	{ 1,
	  "      --mapping FILE     a semm-mapping/1 file: export headers to\n"
	  "                         item ids, answer texts to values\n" },
	{ 1,
	  "      --ignore-unknown-columns\n"
	  "                         ignore columns that are neither items nor\n"
	  "                         metadata (the default with --preset or\n"
	  "                         --mapping; without: they fail the read)\n" },
	{ 1,
	  "      --strict-columns   fail on such columns even with --preset or\n"
	  "                         --mapping\n" },
	{ 1,
	  "      --ignore-columns LIST\n"
	  "                         ignore these columns whatever they are:\n"
	  "                         headers, comma-separated, repeatable (a\n"
	  "                         header with a comma: map it to null in\n"
	  "                         a --mapping file)\n" },
	{ 1,
	  "      --include-unfinished\n"
	  "                         read the responses the survey tool marks\n"
	  "                         unfinished or never submitted (default:\n"
	  "                         left out, and counted)\n" },
	{ 1,
	  "      --include-test     read survey previews and test responses\n" },
	{ 1,
	  "      --include-spam     read responses the tool flagged as spam\n" },
	{ 1,
	  "      --organization NAME\n"
	  "                         the organization of every respondent of\n"
	  "                         an input without an organization column\n" },
	{ 0,
	  "      --scope LIST       assess only these dimensions and elements\n"
	  "                         (ids, comma-separated, repeatable: D1,E5);\n"
	  "                         overrides the questionnaire's \"scope\"\n" },
	{ 0,
	  "      --targets FILE     targets per element (semm-targets/1)\n" },
	{ 0,
	  "      --target E=T       a target: E1=L4 (a level), E3=70 (a\n"
	  "                         percent), *=L3 (every other element);\n"
	  "                         repeatable, overrides --targets and the\n"
	  "                         model\n" },
	{ 0, "      --lang L           language of the report: en or de (the\n"
	     "                         questionnaire and model must have it;\n"
	     "                         labels of every language are read)\n" },
	{ 0,
	  "      --title TEXT       the assessment's title on the report's\n"
	  "                         cover (default: the model's title)\n"
	  "      --client TEXT      the client, on the cover\n"
	  "      --assessor TEXT    who assessed, on the cover\n"
	  "      --logo FILE        a PNG, JPEG, GIF or SVG for the cover\n"
	  "                         (embedded in report.html)\n"
	  "      --per-group        also a report per organization for the\n"
	  "                         organization alone: DIR/groups/<name>/\n"
	  "                         with report.html, report.json, scores.csv\n"
	  "                         and improvements.csv; no other\n"
	  "                         organization's name or score\n" },
	{ 0,
	  "      --ratings FILE     assessor ratings with evidence of one\n"
	  "                         organization (semm-ratings/1); repeatable;\n"
	  "                         semm score without response files scores\n"
	  "                         them alone\n" },
	{ 0,
	  "      --disagree-levels N\n"
	  "                         an assessor's level N or more levels from\n"
	  "                         the survey's is a disagreement (default 1)\n" },
	{ 0,
	  "      --ratings-bootstrap N\n"
	  "                         bootstrap resamples of the assessors'\n"
	  "                         Krippendorff alpha (default 2000; 0: none)\n" },
	{ 0,
	  "      --ratings-seed S   the bootstrap's seed (default 19387)\n" },
	{ 0, "      --reliability-min-n N\n"
	     "                         fewest complete cases for Cronbach's\n"
	     "                         alpha (default 10)\n" },
	{ 0,
	  "      --rwg-threshold R  flag rwg(j) agreement below R (default 0.70)\n" },
	{ 0,
	  "      --rwg-null NULL    rwg(j)'s null distribution: uniform (the\n"
	  "                         default), slight-skew, moderate-skew or\n"
	  "                         triangular (5- and 7-point scales), or\n"
	  "                         its variance as a number\n"
	  "      --rgr-replications B\n"
	  "                         random group resampling: regroupings per\n"
	  "                         unit (default 1000; 0: none)\n"
	  "      --rgr-seed S       their seed (default 1397050701)\n"
	  "      --rgr-max-draws W  most regroupings x respondents per unit\n"
	  "                         (default 1048576)\n"
	  "      --rgr-alpha P      the aggregation verdict's resampling test:\n"
	  "                         p below P (default 0.05)\n"
	  "      --icc1-min X       its ICC(1) test: the 95 % interval above X\n"
	  "                         (default 0)\n" },
	{ 0,
	  "      --benchmark        place every group (organization) against\n"
	  "                         its peers: benchmark.csv and a benchmark\n"
	  "                         block in report.json (docs/BENCHMARK.md)\n" },
	{ 0,
	  "      --segment-by LIST  peer segments by these columns of the\n"
	  "                         input (comma-separated, repeatable;\n"
	  "                         a+b crosses two); implies --benchmark\n" },
	{ 0,
	  "      --min-respondents N\n"
	  "                         fewest scored respondents for a group to\n"
	  "                         enter the benchmark (default 5)\n" },
	{ 0, "      --anonymity-threshold N\n"
	     "                         withhold the figures of a segment with\n"
	     "                         fewer groups (default 5)\n" },
	{ 0,
	  "      --pooled           peer statistics pooled over respondents\n"
	  "                         (default: the mean of organization means)\n" },
	{ 0,
	  "      --summary          leave out what grows with groups x items:\n"
	  "                         item statistics of each group, item rows\n"
	  "                         of scores.csv and reliability.csv, the\n"
	  "                         item heat maps of report.html and\n"
	  "                         respondents.csv (for many groups)\n" },
	{ 0,
	  "      --partial          write the partial (the respondents as read,\n"
	  "                         for 'semm merge') instead of reports:\n"
	  "                         DIR/partial.semm, or standard output with\n"
	  "                         -o -\n" },
	{ 0, "      --threads N        threads that read a large CSV file,\n"
	     "                         compute the groups and write the\n"
	     "                         reports (default: every core); the\n"
	     "                         reports are the same whatever N\n" },
	{ 1,
	  "      --header-from FILE the header row(s) of the inputs are those\n"
	  "                         of FILE (for shards of a file split by\n"
	  "                         lines; a shard that starts with them has\n"
	  "                         them skipped)\n" },
	{ 0, "      --history DB       record the assessment (report.json) in\n"
	     "                         the history store DB after the reports\n"
	     "                         are written (created if missing; see\n"
	     "                         'semm history --help')\n" },
	{ 0, "      --label TEXT       the assessment's label in the store\n"
	     "                         (\"2026 wave\"; with --history)\n" },
	{ 0, "      --quiet            print only errors\n" },
	{ 0, "  -h, --help             show this help\n" },
};

void cli_score_options_help(FILE *fp, int merge)
{
	size_t k;

	for (k = 0; k < sizeof(option_help) / sizeof(option_help[0]); k++) {
		if (!merge || !option_help[k].read)
			fputs(option_help[k].text, fp);
	}
}

static void score_usage(FILE *fp)
{
	fputs("usage: semm score -q QUESTIONNAIRE [-m MODEL] [-o DIR] [OPTIONS] FILE...\n"
	      "       semm score -q QUESTIONNAIRE --ratings FILE [OPTIONS] [FILE...]\n"
	      "\n"
	      "Scores response files (CSV or JSON; '-' reads standard input;\n"
	      "SPSS .sav .zsav .por and Stata .dta by their name's ending)\n"
	      "and writes report.json, scores.csv, respondents.csv,\n"
	      "reliability.csv, across_groups.csv, aggregation.csv and\n"
	      "improvements.csv into DIR (and ratings.csv with --ratings).\n"
	      "\n",
	      fp);
	cli_score_options_help(fp, 0);
}

static int parse_number(const char *opt, const char *s, double *out)
{
	char *end = NULL;

	errno = 0;
	*out = strtod(s, &end);
	if (end == s || *end != '\0' || errno != 0 || !isfinite(*out)) {
		cli_error("%s: \"%s\" is not a number", opt, s);
		return -1;
	}
	return 0;
}

static int parse_count(const char *opt, const char *s, size_t *out)
{
	double v;

	if (parse_number(opt, s, &v) < 0)
		return -1;
	if (v < 0 || v != floor(v) || v > 1e9) {
		cli_error("%s: expected a whole number, found \"%s\"", opt, s);
		return -1;
	}
	*out = (size_t)v;
	return 0;
}

static int parse_choice(const char *opt, const char *v, int *out)
{
	if (strcmp(v, "yes") == 0)
		*out = 1;
	else if (strcmp(v, "no") == 0)
		*out = 0;
	else if (strcmp(v, "auto") == 0)
		*out = -1;
	else {
		cli_error("%s: expected yes, no or auto", opt);
		return -1;
	}
	return 0;
}

/* The long-only options of a scoring run, as cli_next returns them:
 * the scoring options, then the reading options (OPT_READ_FIRST on),
 * which semm merge refuses. */
enum {
	OPT_FORMAT = 256,
	OPT_GROUP_BY,
	OPT_NA_POLICY,
	OPT_NA_ANCHOR,
	OPT_COVERAGE_MIN,
	OPT_SCOPE,
	OPT_TARGETS,
	OPT_TARGET,
	OPT_LANG,
	OPT_RELIABILITY_MIN_N,
	OPT_RWG_THRESHOLD,
	OPT_RWG_NULL,
	OPT_RGR_REPLICATIONS,
	OPT_RGR_SEED,
	OPT_RGR_MAX_DRAWS,
	OPT_RGR_ALPHA,
	OPT_ICC1_MIN,
	OPT_RATINGS,
	OPT_DISAGREE_LEVELS,
	OPT_RATINGS_BOOTSTRAP,
	OPT_RATINGS_SEED,
	OPT_BENCHMARK,
	OPT_SEGMENT_BY,
	OPT_MIN_RESPONDENTS,
	OPT_ANONYMITY_THRESHOLD,
	OPT_POOLED,
	OPT_SUMMARY,
	OPT_PARTIAL,
	OPT_QUIET,
	OPT_HISTORY,
	OPT_LABEL,
	OPT_TITLE,
	OPT_CLIENT,
	OPT_ASSESSOR,
	OPT_LOGO,
	OPT_PER_GROUP,
	OPT_READ_FIRST,
	OPT_ON_ERROR = OPT_READ_FIRST,
	OPT_DELIMITER,
	OPT_DECIMAL_COMMA,
	OPT_PRESET,
	OPT_MAPPING,
	OPT_THREADS,
	OPT_HEADER_FROM,
	OPT_IGNORE_UNKNOWN_COLUMNS,
	OPT_STRICT_COLUMNS,
	OPT_IGNORE_COLUMNS,
	OPT_INCLUDE_UNFINISHED,
	OPT_INCLUDE_TEST,
	OPT_INCLUDE_SPAM,
	OPT_ORGANIZATION
};

static const struct option score_longs[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "questionnaire", required_argument, NULL, 'q' },
	{ "model", required_argument, NULL, 'm' },
	{ "output", required_argument, NULL, 'o' },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "title", required_argument, NULL, OPT_TITLE },
	{ "client", required_argument, NULL, OPT_CLIENT },
	{ "assessor", required_argument, NULL, OPT_ASSESSOR },
	{ "logo", required_argument, NULL, OPT_LOGO },
	{ "per-group", no_argument, NULL, OPT_PER_GROUP },
	{ "group-by", required_argument, NULL, OPT_GROUP_BY },
	{ "na-policy", required_argument, NULL, OPT_NA_POLICY },
	{ "na-anchor", required_argument, NULL, OPT_NA_ANCHOR },
	{ "coverage-min", required_argument, NULL, OPT_COVERAGE_MIN },
	{ "scope", required_argument, NULL, OPT_SCOPE },
	{ "targets", required_argument, NULL, OPT_TARGETS },
	{ "target", required_argument, NULL, OPT_TARGET },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "reliability-min-n", required_argument, NULL, OPT_RELIABILITY_MIN_N },
	{ "rwg-threshold", required_argument, NULL, OPT_RWG_THRESHOLD },
	{ "rwg-null", required_argument, NULL, OPT_RWG_NULL },
	{ "rgr-replications", required_argument, NULL, OPT_RGR_REPLICATIONS },
	{ "rgr-seed", required_argument, NULL, OPT_RGR_SEED },
	{ "rgr-max-draws", required_argument, NULL, OPT_RGR_MAX_DRAWS },
	{ "rgr-alpha", required_argument, NULL, OPT_RGR_ALPHA },
	{ "icc1-min", required_argument, NULL, OPT_ICC1_MIN },
	{ "ratings", required_argument, NULL, OPT_RATINGS },
	{ "disagree-levels", required_argument, NULL, OPT_DISAGREE_LEVELS },
	{ "ratings-bootstrap", required_argument, NULL, OPT_RATINGS_BOOTSTRAP },
	{ "ratings-seed", required_argument, NULL, OPT_RATINGS_SEED },
	{ "benchmark", no_argument, NULL, OPT_BENCHMARK },
	{ "segment-by", required_argument, NULL, OPT_SEGMENT_BY },
	{ "min-respondents", required_argument, NULL, OPT_MIN_RESPONDENTS },
	{ "anonymity-threshold", required_argument, NULL,
	  OPT_ANONYMITY_THRESHOLD },
	{ "pooled", no_argument, NULL, OPT_POOLED },
	{ "summary", no_argument, NULL, OPT_SUMMARY },
	{ "partial", no_argument, NULL, OPT_PARTIAL },
	{ "quiet", no_argument, NULL, OPT_QUIET },
	{ "history", required_argument, NULL, OPT_HISTORY },
	{ "label", required_argument, NULL, OPT_LABEL },
	{ "on-error", required_argument, NULL, OPT_ON_ERROR },
	{ "delimiter", required_argument, NULL, OPT_DELIMITER },
	{ "decimal-comma", required_argument, NULL, OPT_DECIMAL_COMMA },
	{ "preset", required_argument, NULL, OPT_PRESET },
	{ "mapping", required_argument, NULL, OPT_MAPPING },
	{ "threads", required_argument, NULL, OPT_THREADS },
	{ "header-from", required_argument, NULL, OPT_HEADER_FROM },
	{ "ignore-unknown-columns", no_argument, NULL,
	  OPT_IGNORE_UNKNOWN_COLUMNS },
	{ "strict-columns", no_argument, NULL, OPT_STRICT_COLUMNS },
	{ "ignore-columns", required_argument, NULL, OPT_IGNORE_COLUMNS },
	{ "include-unfinished", no_argument, NULL, OPT_INCLUDE_UNFINISHED },
	{ "include-test", no_argument, NULL, OPT_INCLUDE_TEST },
	{ "include-spam", no_argument, NULL, OPT_INCLUDE_SPAM },
	{ "organization", required_argument, NULL, OPT_ORGANIZATION },
	{ NULL, 0, NULL, 0 }
};

/* Adds a copy of s[0..n-1] to list (unless present when unique). */
static void add_copy(char ***list, size_t *n, const char *s, size_t len,
		     int unique)
{
	char **grown;
	size_t i;

	for (i = 0; unique && i < *n; i++) {
		if (strlen((*list)[i]) == len &&
		    strncmp((*list)[i], s, len) == 0)
			return;
	}
	grown = realloc(*list, (*n + 1) * sizeof(char *));
	if (!grown)
		cli_out_of_memory("reading the command line");
	*list = grown;
	grown[*n] = strndup(s, len);
	if (!grown[*n])
		cli_out_of_memory("reading the command line");
	(*n)++;
}

/* The entry of a comma-separated list that starts at p, trimmed of
 * spaces: its start, and its length in *len (0: an empty entry). */
static const char *list_entry(const char *p, size_t *len)
{
	*len = strcspn(p, ",");
	while (*len > 0 && p[0] == ' ') {
		p++;
		(*len)--;
	}
	while (*len > 0 && p[*len - 1] == ' ')
		(*len)--;
	return p;
}

/* --segment-by a,b+c: segmentations "a" and "b+c", columns a, b, c. */
static int add_segments(score_args *s, const char *v)
{
	const char *p = v, *e;
	size_t len, k;

	for (;;) {
		e = list_entry(p, &len);
		if (len == 0) {
			cli_error(
				"--segment-by: an empty column name in \"%s\"",
				v);
			return -1;
		}
		add_copy(&s->segments, &s->n_segments, e, len, 1);
		for (k = 0; k < len;) {
			size_t c = strcspn(e + k, "+");

			if (c > len - k)
				c = len - k;
			add_copy(&s->columns, &s->n_columns, e + k, c, 1);
			k += c + 1;
		}
		p += strcspn(p, ",");
		if (*p == '\0')
			return 0;
		p++;
	}
}

/* --ignore-columns a,b: the headers a and b. A header cannot hold a
 * comma here; a mapping file can map such a header to null. */
static int add_ignored(score_args *s, const char *v)
{
	const char *p = v, *e;
	size_t len;

	for (;;) {
		e = list_entry(p, &len);
		if (len == 0) {
			cli_error("--ignore-columns: an empty column name in "
				  "\"%s\"",
				  v);
			return -1;
		}
		add_copy(&s->ignored, &s->n_ignored, e, len, 1);
		p += strcspn(p, ",");
		if (*p == '\0')
			return 0;
		p++;
	}
}

/* --scope D1,E5: dimension and element ids, each once (the library
 * checks them against the model). */
static int add_scope(score_args *s, const char *v)
{
	const char *p = v, *e;
	size_t len;

	for (;;) {
		e = list_entry(p, &len);
		if (len == 0) {
			cli_error("--scope: an empty id in \"%s\"", v);
			return -1;
		}
		add_copy(&s->scope, &s->n_scope, e, len, 1);
		p += strcspn(p, ",");
		if (*p == '\0')
			return 0;
		p++;
	}
}

static int parse_delimiter(score_args *s, const char *v)
{
	if (strcmp(v, "auto") == 0) {
		s->read.delimiter = '\0';
	} else if (strcmp(v, "tab") == 0 || strcmp(v, "\\t") == 0) {
		s->read.delimiter = '\t';
	} else if (strlen(v) != 1 || v[0] == '"' || v[0] == '\n' ||
		   v[0] == '\r') {
		cli_error("--delimiter: expected one character, 'tab' or "
			  "'auto'");
		return -1;
	} else {
		s->read.delimiter = v[0];
	}
	return 0;
}

static int parse_threads(score_args *s, const char *opt, const char *v)
{
	size_t n;

	if (parse_count(opt, v, &n) < 0)
		return -1;
	if (n < 1 || n > 256) {
		cli_error("--threads: expected 1 to 256, found \"%s\"", v);
		return -1;
	}
	s->read.threads = (unsigned)n;
	s->score.threads = (unsigned)n;
	return 0;
}

/* Applies reading option c (named opt) with value v; 0, or -1 after an
 * error. */
static int apply_read(score_args *s, int c, const char *opt, const char *v)
{
	switch (c) {
	case OPT_ON_ERROR:
		if (strcmp(v, "reject") != 0 && strcmp(v, "fail") != 0) {
			cli_error("--on-error: expected reject or fail");
			return -1;
		}
		s->read.on_error = strcmp(v, "fail") == 0
					   ? SEMM_ON_ERROR_FAIL
					   : SEMM_ON_ERROR_REJECT;
		return 0;
	case OPT_DELIMITER: return parse_delimiter(s, v);
	case OPT_DECIMAL_COMMA:
		return parse_choice(opt, v, &s->read.decimal_comma);
	case OPT_PRESET:
		if (semm_preset_parse(v, &s->read.preset) < 0) {
			cli_error("--preset: expected qualtrics, limesurvey, "
				  "google-forms or ms-forms");
			return -1;
		}
		return 0;
	case OPT_MAPPING: s->mapping_path = v; return 0;
	case OPT_THREADS: return parse_threads(s, opt, v);
	case OPT_HEADER_FROM: s->header_path = v; return 0;
	case OPT_IGNORE_UNKNOWN_COLUMNS:
		s->read.ignore_unknown_columns = 1;
		return 0;
	case OPT_STRICT_COLUMNS: s->read.ignore_unknown_columns = 0; return 0;
	case OPT_IGNORE_COLUMNS: return add_ignored(s, v);
	case OPT_INCLUDE_UNFINISHED:
		s->read.include |= SEMM_INCLUDE_UNFINISHED;
		return 0;
	case OPT_INCLUDE_TEST: s->read.include |= SEMM_INCLUDE_TEST; return 0;
	case OPT_INCLUDE_SPAM: s->read.include |= SEMM_INCLUDE_SPAM; return 0;
	default:
		assert(c == OPT_ORGANIZATION);
		if (v[strspn(v, " \t")] == '\0') {
			cli_error("--organization: an empty name");
			return -1;
		}
		s->read.organization = v;
		return 0;
	}
}

/* Applies a scoring option with a value; 0, or -1 after an error. */
/* --rwg-null (a null's name or its variance) and --rgr-seed (a whole
 * number of 64 bits); returns 0, or -1 after an error. */
static int apply_aggregation(semm_score_options *o, int is_null,
			     const char *opt, const char *v)
{
	unsigned long long seed;
	char *end = NULL;

	if (is_null) {
		if (semm_rwg_null_parse(v, &o->rwg_null) == SEMM_OK)
			return 0;
		errno = 0;
		o->rwg_null = SEMM_RWG_NULL_VALUE;
		o->rwg_null_variance = strtod(v, &end);
		if (end == v || *end != '\0' || errno != 0) {
			cli_error("--rwg-null: expected uniform, slight-skew, "
				  "moderate-skew, triangular or a variance, "
				  "found \"%s\"",
				  v);
			return -1;
		}
		return 0;
	}
	errno = 0;
	seed = strtoull(v, &end, 10);
	if (end == v || *end != '\0' || errno != 0 || v[0] == '-') {
		cli_error("%s: expected a whole number, found \"%s\"", opt, v);
		return -1;
	}
	o->rgr_seed = (uint64_t)seed;
	return 0;
}

/* --disagree-levels, --ratings-bootstrap and --ratings-seed; 0, or -1
 * after an error. */
static int apply_ratings(score_args *s, int c, const char *opt, const char *v)
{
	size_t n;

	if (parse_count(opt, v, &n) < 0)
		return -1;
	if (c == OPT_DISAGREE_LEVELS) {
		if (n < 1) {
			cli_error("%s: at least 1 level", opt);
			return -1;
		}
		s->ratings.disagree_levels = (unsigned)n;
	} else if (c == OPT_RATINGS_BOOTSTRAP) {
		s->ratings.boot_replications = n;
	} else {
		s->ratings.boot_seed = (unsigned long)n;
	}
	return 0;
}

static int apply_score_value(score_args *s, int c, const char *opt,
			     const char *v)
{
	semm_na_policy policy;

	switch (c) {
	case OPT_GROUP_BY: s->score.group_by = v; return 0;
	case OPT_NA_POLICY:
		if (semm_na_policy_parse(v, &policy) < 0) {
			cli_error(
				"--na-policy: expected exclude, anchor or zero");
			return -1;
		}
		s->score.na_policy = (int)policy;
		return 0;
	case OPT_NA_ANCHOR:
		return parse_number(opt, v, &s->score.na_anchor_percent);
	case OPT_COVERAGE_MIN:
		return parse_number(opt, v, &s->score.coverage_min);
	case OPT_RWG_THRESHOLD:
		return parse_number(opt, v, &s->score.rwg_threshold);
	case OPT_RWG_NULL: return apply_aggregation(&s->score, 1, opt, v);
	case OPT_RGR_SEED: return apply_aggregation(&s->score, 0, opt, v);
	case OPT_RGR_REPLICATIONS:
		return parse_count(opt, v, &s->score.rgr_replications);
	case OPT_RGR_MAX_DRAWS:
		return parse_count(opt, v, &s->score.rgr_max_draws);
	case OPT_RGR_ALPHA: return parse_number(opt, v, &s->score.rgr_alpha);
	case OPT_ICC1_MIN: return parse_number(opt, v, &s->score.icc1_min);
	case OPT_RELIABILITY_MIN_N:
		return parse_count(opt, v, &s->score.reliability_min_n);
	case OPT_MIN_RESPONDENTS:
		return parse_count(opt, v, &s->score.bench_min_respondents);
	case OPT_ANONYMITY_THRESHOLD:
		return parse_count(opt, v, &s->score.bench_min_groups);
	case OPT_SEGMENT_BY: return add_segments(s, v);
	case OPT_SCOPE: return add_scope(s, v);
	case OPT_LANG: s->score.lang = v; return 0;
	case OPT_TARGETS: s->targets_path = v; return 0;
	case OPT_RATINGS: s->ratings_paths[s->n_ratings_paths++] = v; return 0;
	case OPT_DISAGREE_LEVELS:
	case OPT_RATINGS_BOOTSTRAP:
	case OPT_RATINGS_SEED: return apply_ratings(s, c, opt, v);
	case OPT_TARGET: s->target_specs[s->n_target_specs++] = v; return 0;
	default:
		assert(c == OPT_FORMAT);
		s->formats = cli_parse_formats(v, SEMM_REPORT_ALL);
		if (s->formats == 0) {
			cli_error(
				"--format: expected a comma-separated list of "
				"json, csv, html and xlsx, or all");
			return -1;
		}
		return 0;
	}
}

/* Applies option c of a scoring run (named opt, value v or NULL); 0, or
 * -1 after an error. */
static int apply_option(score_args *s, int c, const char *opt, const char *v)
{
	if (c >= OPT_READ_FIRST)
		return apply_read(s, c, opt, v);
	switch (c) {
	case 'q': s->questionnaire = v; return 0;
	case 'm': s->model = v; return 0;
	case 'o': s->out_dir = v; return 0;
	case OPT_QUIET: s->quiet = 1; return 0;
	case OPT_HISTORY: s->history = v; return 0;
	case OPT_LABEL: s->label = v; return 0;
	case OPT_TITLE: s->report.title = v; return 0;
	case OPT_CLIENT: s->report.client = v; return 0;
	case OPT_ASSESSOR: s->report.assessor = v; return 0;
	case OPT_LOGO: s->report.logo = v; return 0;
	case OPT_PER_GROUP: s->report.per_group = 1; return 0;
	case OPT_BENCHMARK: s->score.benchmark = 1; return 0;
	case OPT_SUMMARY: s->score.summary = 1; return 0;
	case OPT_PARTIAL: s->partial = 1; return 0;
	case OPT_POOLED:
		s->score.bench_pooled = 1;
		s->score.benchmark = 1;
		return 0;
	default: return apply_score_value(s, c, opt, v);
	}
}

/* Reads the options and the inputs; 0, 1 after the help, -1 after an
 * error (said). */
static int parse_options(int argc, char **argv, score_args *s)
{
	cli_parser p = { .argc = argc,
			 .argv = argv,
			 .shorts = "hq:m:o:",
			 .longs = score_longs,
			 .cmd = s->merge ? "merge" : "score",
			 .in_order = 1 };
	char opt[64];
	int c;

	for (;;) {
		c = cli_next(&p);
		if (c == -1)
			return 0;
		if (c == CLI_BAD)
			return -1;
		if (c == 'h') {
			if (s->merge)
				cli_merge_usage(stdout);
			else
				score_usage(stdout);
			return 1;
		}
		if (c == CLI_ARGUMENT) {
			s->files[s->n_files++] = p.value;
			continue;
		}
		cli_option_name(&p, c, opt, sizeof(opt));
		/* --threads is the one a merge takes too (for its own
		 * scoring and writing) */
		if (s->merge && c >= OPT_READ_FIRST && c != OPT_THREADS) {
			cli_error(
				"%s: a reading option; the partials were read "
				"with their own (give it to 'semm score "
				"--partial')",
				opt);
			return -1;
		}
		if (apply_option(s, c, opt, p.value) < 0)
			return -1;
	}
}

/* What the options imply for reading and scoring, and the checks of
 * the whole command line; 0, or -1 after an error. */
static int finish_options(score_args *s)
{
	const char *cmd = s->merge ? "merge" : "score";

	s->score.segment_by = (const char *const *)s->segments;
	s->score.n_segment_by = s->n_segments;
	s->score.scope = (const char *const *)s->scope;
	s->score.n_scope = s->n_scope;
	s->read.attributes = (const char *const *)s->columns;
	s->read.n_attributes = s->n_columns;
	s->read.ignore_columns = (const char *const *)s->ignored;
	s->read.n_ignore_columns = s->n_ignored;
	/* the store folds rows into the groups scoring will use, and keeps
	 * respondent rows only for the reports that list them */
	s->read.group_by = s->score.group_by;
	s->read.keep_rows = !s->score.summary;
	if (s->n_columns > SEMM_MAX_ATTRIBUTES) {
		cli_error("--segment-by: at most %d different columns",
			  SEMM_MAX_ATTRIBUTES);
		return -1;
	}
	if (!s->questionnaire) {
		cli_error("missing -q QUESTIONNAIRE (try 'semm %s --help')",
			  cmd);
		return -1;
	}
	if (s->n_ratings_paths > 0 && s->partial) {
		cli_error("--ratings: ratings are joined when scoring, not to "
			  "a partial");
		return -1;
	}
	if (s->n_files == 0 && (s->merge || s->n_ratings_paths == 0)) {
		cli_error("no %s given (use '-' for standard input)",
			  s->merge ? "partials" : "response files");
		return -1;
	}
	if (strcmp(s->out_dir, "-") == 0 && !s->partial) {
		cli_error("-o -: only a partial goes to standard output (add "
			  "--partial)");
		return -1;
	}
	if (s->label && !s->history) {
		cli_error("--label: names the assessment in a history store "
			  "(add --history DB)");
		return -1;
	}
	if (s->history && s->partial) {
		cli_error("--history: a partial is not an assessment (record "
			  "the merged run's)");
		return -1;
	}
	if (s->report.logo) {
		/* before anything is read: a run of an hour does not end on
		 * a misspelt logo */
		FILE *fp = fopen(s->report.logo, "rb");

		if (!fp) {
			cli_error("--logo %s: %s", s->report.logo,
				  strerror(errno));
			return -1;
		}
		fclose(fp);
	}
	return 0;
}

int cli_score_parse(int argc, char **argv, score_args *s)
{
	int rc = parse_options(argc, argv, s);

	return rc != 0 ? rc : finish_options(s);
}

static void free_list(char **list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

int cli_score_args_init(score_args *s, int argc)
{
	semm_read_options ro = SEMM_READ_OPTIONS_INIT;
	semm_score_options so = SEMM_SCORE_OPTIONS_INIT;
	semm_ratings_options rat = SEMM_RATINGS_OPTIONS_INIT;

	memset(s, 0, sizeof(*s));
	s->read = ro;
	s->read.threads = cli_cores();
	s->score = so;
	s->score.threads = s->read.threads;
	s->ratings = rat;
	s->out_dir = "reports";
	s->formats = SEMM_REPORT_JSON | SEMM_REPORT_CSV;
	{
		semm_report_options init = SEMM_REPORT_OPTIONS_INIT;

		s->report = init;
	}
	s->files = calloc((size_t)argc, sizeof(char *));
	s->target_specs = calloc((size_t)argc, sizeof(char *));
	s->ratings_paths = calloc((size_t)argc, sizeof(char *));
	s->ratings_sets = calloc((size_t)argc, sizeof(semm_ratings *));
	if (!s->files || !s->target_specs || !s->ratings_paths ||
	    !s->ratings_sets) {
		cli_score_args_free(s);
		return -1;
	}
	return 0;
}

void cli_score_args_free(score_args *s)
{
	int i;

	free_list(s->segments, s->n_segments);
	free_list(s->columns, s->n_columns);
	free_list(s->ignored, s->n_ignored);
	for (i = 0; s->ratings_sets && i < s->n_ratings_paths; i++)
		semm_ratings_free(s->ratings_sets[i]);
	free(s->ratings_sets);
	free(s->ratings_paths);
	free_list(s->scope, s->n_scope);
	free(s->files);
	free(s->target_specs);
	free(s->header);
	memset(s, 0, sizeof(*s));
}
