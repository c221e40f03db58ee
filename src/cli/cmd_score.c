/*
 * cmd_score.c - `semm score`: loads the questionnaire and its model,
 * reads the response files, scores them and writes the reports.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define MAX_REJECTIONS_SHOWN 20

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
	{ 0, "      --format LIST      which reports: json, csv, html, comma-\n"
	     "                         separated (default: json,csv)\n" },
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
	{ 0,
	  "      --targets FILE     targets per element (semm-targets/1)\n" },
	{ 0,
	  "      --target E=T       a target: E1=L4 (a level), E3=70 (a\n"
	  "                         percent), *=L3 (every other element);\n"
	  "                         repeatable, overrides --targets and the\n"
	  "                         model\n" },
	{ 0,
	  "      --lang L           language of the statements in the report\n"
	  "                         (labels of every language are read)\n" },
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
	{ 1, "      --threads N        threads that read a large CSV file\n"
	     "                         (default: every core); the reports are\n"
	     "                         the same whatever N\n" },
	{ 1,
	  "      --header-from FILE the header row(s) of the inputs are those\n"
	  "                         of FILE (for shards of a file split by\n"
	  "                         lines; a shard that starts with them has\n"
	  "                         them skipped)\n" },
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
	      "\n"
	      "Scores response files (CSV or JSON; '-' reads standard input)\n"
	      "and writes report.json, scores.csv, respondents.csv,\n"
	      "reliability.csv, across_groups.csv, aggregation.csv and\n"
	      "improvements.csv into DIR.\n"
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

static const char *const value_options[] = { "--group-by",
					     "--on-error",
					     "--na-policy",
					     "--na-anchor",
					     "--coverage-min",
					     "--delimiter",
					     "--reliability-min-n",
					     "--rwg-threshold",
					     "--rwg-null",
					     "--rgr-replications",
					     "--rgr-seed",
					     "--rgr-max-draws",
					     "--rgr-alpha",
					     "--icc1-min",
					     "--decimal-comma",
					     "--preset",
					     "--mapping",
					     "--lang",
					     "--targets",
					     "--target",
					     "--format",
					     "--segment-by",
					     "--min-respondents",
					     "--anonymity-threshold",
					     "--threads",
					     "--header-from" };

/* Adds a copy of s[0..n-1] to list (unless present when unique). */
static int add_copy(char ***list, size_t *n, const char *s, size_t len,
		    int unique)
{
	char **grown;
	size_t i;

	for (i = 0; unique && i < *n; i++) {
		if (strlen((*list)[i]) == len &&
		    strncmp((*list)[i], s, len) == 0)
			return 0;
	}
	grown = realloc(*list, (*n + 1) * sizeof(char *));
	if (!grown)
		return -1;
	*list = grown;
	grown[*n] = strndup(s, len);
	if (!grown[*n])
		return -1;
	(*n)++;
	return 0;
}

/* --segment-by a,b+c: segmentations "a" and "b+c", columns a, b, c. */
static int add_segments(score_args *s, const char *v)
{
	const char *p = v;

	for (;;) {
		size_t len = strcspn(p, ","), k = 0;

		while (len > 0 && p[0] == ' ') {
			p++;
			len--;
		}
		while (len > 0 && p[len - 1] == ' ')
			len--;
		if (len == 0) {
			cli_error(
				"--segment-by: an empty column name in \"%s\"",
				v);
			return -1;
		}
		if (add_copy(&s->segments, &s->n_segments, p, len, 1) < 0)
			return -1;
		while (k < len) {
			size_t c = strcspn(p + k, "+");

			if (c > len - k)
				c = len - k;
			if (add_copy(&s->columns, &s->n_columns, p + k, c, 1) <
			    0)
				return -1;
			k += c + 1;
		}
		p += strcspn(p, ",");
		if (*p == '\0')
			return 0;
		p++;
	}
}

/* The options of the aggregation statistics (--rwg-null, --rgr-*,
 * --icc1-min); returns 0, or -1 after an error. */
static int apply_aggregation(semm_score_options *o, const char *opt,
			     const char *v)
{
	unsigned long long seed;
	char *end = NULL;

	if (strcmp(opt, "--rwg-null") == 0) {
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
	if (strcmp(opt, "--rgr-replications") == 0)
		return parse_count(opt, v, &o->rgr_replications);
	if (strcmp(opt, "--rgr-max-draws") == 0)
		return parse_count(opt, v, &o->rgr_max_draws);
	if (strcmp(opt, "--rgr-alpha") == 0)
		return parse_number(opt, v, &o->rgr_alpha);
	if (strcmp(opt, "--icc1-min") == 0)
		return parse_number(opt, v, &o->icc1_min);
	errno = 0;
	seed = strtoull(v, &end, 10);
	if (end == v || *end != '\0' || errno != 0 || v[0] == '-') {
		cli_error("%s: expected a whole number, found \"%s\"", opt, v);
		return -1;
	}
	o->rgr_seed = (uint64_t)seed;
	return 0;
}

/* Applies one of value_options; returns 0, or -1 after an error. */
static int apply_value(score_args *s, const char *opt, const char *v)
{
	semm_na_policy policy;

	if (strcmp(opt, "--group-by") == 0) {
		s->score.group_by = v;
	} else if (strcmp(opt, "--on-error") == 0) {
		if (strcmp(v, "reject") != 0 && strcmp(v, "fail") != 0) {
			cli_error("--on-error: expected reject or fail");
			return -1;
		}
		s->read.on_error = strcmp(v, "fail") == 0
					   ? SEMM_ON_ERROR_FAIL
					   : SEMM_ON_ERROR_REJECT;
	} else if (strcmp(opt, "--na-policy") == 0) {
		if (semm_na_policy_parse(v, &policy) < 0) {
			cli_error(
				"--na-policy: expected exclude, anchor or zero");
			return -1;
		}
		s->score.na_policy = (int)policy;
	} else if (strcmp(opt, "--na-anchor") == 0) {
		return parse_number(opt, v, &s->score.na_anchor_percent);
	} else if (strcmp(opt, "--coverage-min") == 0) {
		return parse_number(opt, v, &s->score.coverage_min);
	} else if (strcmp(opt, "--rwg-threshold") == 0) {
		return parse_number(opt, v, &s->score.rwg_threshold);
	} else if (strcmp(opt, "--reliability-min-n") == 0) {
		return parse_count(opt, v, &s->score.reliability_min_n);
	} else if (strncmp(opt, "--rgr-", 6) == 0 ||
		   strcmp(opt, "--rwg-null") == 0 ||
		   strcmp(opt, "--icc1-min") == 0) {
		return apply_aggregation(&s->score, opt, v);
	} else if (strcmp(opt, "--decimal-comma") == 0) {
		return parse_choice(opt, v, &s->read.decimal_comma);
	} else if (strcmp(opt, "--preset") == 0) {
		if (semm_preset_parse(v, &s->read.preset) < 0) {
			cli_error("--preset: expected qualtrics, limesurvey, "
				  "google-forms or ms-forms");
			return -1;
		}
	} else if (strcmp(opt, "--mapping") == 0) {
		s->mapping_path = v;
	} else if (strcmp(opt, "--lang") == 0) {
		s->score.lang = v;
	} else if (strcmp(opt, "--format") == 0) {
		s->formats = cli_parse_formats(v);
		if (s->formats == 0) {
			cli_error(
				"--format: expected a comma-separated list of "
				"json, csv and html");
			return -1;
		}
	} else if (strcmp(opt, "--segment-by") == 0) {
		return add_segments(s, v);
	} else if (strcmp(opt, "--min-respondents") == 0) {
		return parse_count(opt, v, &s->score.bench_min_respondents);
	} else if (strcmp(opt, "--anonymity-threshold") == 0) {
		return parse_count(opt, v, &s->score.bench_min_groups);
	} else if (strcmp(opt, "--threads") == 0) {
		size_t n;

		if (parse_count(opt, v, &n) < 0)
			return -1;
		if (n < 1 || n > 256) {
			cli_error("--threads: expected 1 to 256, found \"%s\"",
				  v);
			return -1;
		}
		s->read.threads = (unsigned)n;
	} else if (strcmp(opt, "--header-from") == 0) {
		s->header_path = v;
	} else if (strcmp(opt, "--targets") == 0) {
		s->targets_path = v;
	} else if (strcmp(opt, "--target") == 0) {
		s->target_specs[s->n_target_specs++] = v;
	} else if (strcmp(v, "auto") == 0) {
		s->read.delimiter = '\0';
	} else if (strcmp(v, "tab") == 0 || strcmp(v, "\\t") == 0) {
		s->read.delimiter = '\t';
	} else {
		if (strlen(v) != 1 || v[0] == '"' || v[0] == '\n' ||
		    v[0] == '\r') {
			cli_error("--delimiter: expected one character, 'tab' "
				  "or 'auto'");
			return -1;
		}
		s->read.delimiter = v[0];
	}
	return 0;
}

/* Whether opt only tells how to read the inputs (not for semm merge). */
static int is_read_option(const char *opt)
{
	static const char *const read_options[] = {
		"--on-error", "--delimiter", "--decimal-comma", "--preset",
		"--mapping",  "--threads",   "--header-from"
	};
	size_t k;

	for (k = 0; k < sizeof(read_options) / sizeof(read_options[0]); k++) {
		if (strcmp(opt, read_options[k]) == 0)
			return 1;
	}
	return 0;
}

static int parse_value_option(cli_args *a, score_args *s, int *bad)
{
	size_t k;

	for (k = 0; k < sizeof(value_options) / sizeof(value_options[0]); k++) {
		if (!cli_option(a, NULL, value_options[k], 1, bad))
			continue;
		if (!*bad && s->merge && is_read_option(value_options[k])) {
			cli_error(
				"%s: a reading option; the partials were read "
				"with their own (give it to 'semm score "
				"--partial')",
				value_options[k]);
			*bad = 1;
		}
		if (!*bad && apply_value(s, value_options[k], a->value) < 0)
			*bad = 1;
		return 1;
	}
	return 0;
}

static int parse_args(int argc, char **argv, score_args *s)
{
	cli_args a = { argc, argv, 1, NULL };
	const char *cmd = s->merge ? "merge" : "score";
	int bad = 0;

	while (a.i < argc && !bad) {
		const char *arg = argv[a.i];

		if (cli_option(&a, "-h", "--help", 0, &bad)) {
			if (s->merge)
				cli_merge_usage(stdout);
			else
				score_usage(stdout);
			return 1;
		} else if (cli_option(&a, "-q", "--questionnaire", 1, &bad)) {
			s->questionnaire = a.value;
		} else if (cli_option(&a, "-m", "--model", 1, &bad)) {
			s->model = a.value;
		} else if (cli_option(&a, "-o", "--output", 1, &bad)) {
			s->out_dir = a.value;
		} else if (cli_option(&a, NULL, "--quiet", 0, &bad)) {
			s->quiet = 1;
		} else if (cli_option(&a, NULL, "--benchmark", 0, &bad)) {
			s->score.benchmark = 1;
		} else if (cli_option(&a, NULL, "--summary", 0, &bad)) {
			s->score.summary = 1;
		} else if (cli_option(&a, NULL, "--partial", 0, &bad)) {
			s->partial = 1;
		} else if (cli_option(&a, NULL, "--pooled", 0, &bad)) {
			s->score.bench_pooled = 1;
			s->score.benchmark = 1;
		} else if (parse_value_option(&a, s, &bad)) {
			continue;
		} else if (arg[0] == '-' && arg[1] != '\0') {
			cli_error(
				"unknown option \"%s\" (try 'semm %s --help')",
				arg, cmd);
			bad = 1;
		} else {
			s->files[s->n_files++] = argv[a.i++];
		}
	}
	if (!bad && s->n_columns > SEMM_MAX_ATTRIBUTES) {
		cli_error("--segment-by: at most %d different columns",
			  SEMM_MAX_ATTRIBUTES);
		bad = 1;
	}
	s->score.segment_by = (const char *const *)s->segments;
	s->score.n_segment_by = s->n_segments;
	s->read.attributes = (const char *const *)s->columns;
	s->read.n_attributes = s->n_columns;
	/* the store folds rows into the groups scoring will use, and keeps
	 * respondent rows only for the reports that list them */
	s->read.group_by = s->score.group_by;
	s->read.keep_rows = !s->score.summary;
	if (!bad && !s->questionnaire) {
		cli_error("missing -q QUESTIONNAIRE (try 'semm %s --help')",
			  cmd);
		bad = 1;
	}
	if (!bad && s->n_files == 0) {
		cli_error("no %s given (use '-' for standard input)",
			  s->merge ? "partials" : "response files");
		bad = 1;
	}
	if (!bad && strcmp(s->out_dir, "-") == 0 && !s->partial) {
		cli_error("-o -: only a partial goes to standard output (add "
			  "--partial)");
		bad = 1;
	}
	return bad ? -1 : 0;
}

int cli_score_parse(int argc, char **argv, score_args *s)
{
	return parse_args(argc, argv, s);
}

/* The model: -m, or the one the questionnaire names, looked up beside
 * the questionnaire's folder and in the usual places. */
static char *model_path(const score_args *s, const semm_questionnaire *q)
{
	const char *id = semm_questionnaire_model_id(q);
	char *path, *slash, *beside;
	size_t len;

	if (s->model)
		return cli_find_definition("models", s->model);
	path = strdup(s->questionnaire);
	if (!path)
		cli_out_of_memory("looking for the model");
	slash = strrchr(path, '/');
	if (slash) {
		*slash = '\0';
		len = strlen(path) + strlen(id) + 20;
		beside = malloc(len);
		if (!beside)
			cli_out_of_memory("looking for the model");
		{
			snprintf(beside, len, "%s/../models/%s.json", path, id);
			free(path);
			path = cli_find_definition("models", beside);
			free(beside);
			if (path)
				return path;
		}
	} else {
		free(path);
	}
	return cli_find_definition("models", id);
}

int cli_score_definitions(const score_args *s, semm_model **m,
			  semm_questionnaire **q)
{
	char *qpath = cli_find_definition("questionnaires", s->questionnaire);
	char *mpath = NULL;
	semm_error err;
	int rc;

	semm_error_clear(&err);
	if (!qpath) {
		cli_error("questionnaire \"%s\" not found", s->questionnaire);
		return EXIT_IO;
	}
	rc = semm_questionnaire_from_file(q, qpath, &err);
	if (rc == SEMM_OK) {
		mpath = model_path(s, *q);
		if (!mpath) {
			cli_error("model \"%s\" not found (give it with -m)",
				  s->model ? s->model
					   : semm_questionnaire_model_id(*q));
			free(qpath);
			return EXIT_IO;
		}
		rc = semm_model_from_file(m, mpath, &err);
	}
	if (rc == SEMM_OK)
		rc = semm_questionnaire_bind(*q, *m, &err);
	free(qpath);
	free(mpath);
	if (rc < 0) {
		cli_print_error(&err);
		return cli_exit_code(rc, 1);
	}
	return EXIT_OK;
}

/* Creates the output folder and refuses to overwrite an input: the
 * definitions (found as the loading found them), targets, mapping, the
 * header file and the response files or partials. */
static int prepare_output(const score_args *s, const semm_questionnaire *q)
{
	const char **inputs = calloc((size_t)s->n_files + 5, sizeof(char *));
	char *qpath = cli_find_definition(
		"questionnaires",
		s->questionnaire ? s->questionnaire : semm_questionnaire_id(q));
	char *mpath = model_path(s, q);
	const char *const *names;
	size_t n;
	int code = EXIT_MEMORY;

	names = semm_output_names(SEMM_OUTPUT_REPORT, &n);
	if (inputs) {
		inputs[0] = qpath;
		inputs[1] = mpath;
		inputs[2] = s->targets_path;
		inputs[3] = s->mapping_path;
		inputs[4] = s->header_path;
		memcpy(inputs + 5, s->files,
		       (size_t)s->n_files * sizeof(char *));
		code = cli_output_prepare(s->out_dir, names, n, inputs,
					  (size_t)s->n_files + 5,
					  s->partial ? "partial" : "report");
	}
	free(inputs);
	free(qpath);
	free(mpath);
	return code;
}

/* The progress line on a terminal: rows, speed, share of the input and
 * the time left (when the input's size is known). */
typedef struct progress {
	unsigned long long total; /* bytes of all inputs, 0 if unknown */
	unsigned long long done;  /* bytes of the inputs already read */
	unsigned long long now;	  /* bytes of the current input */
	double start;
	double last;
	int shown;
} progress;

static double seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void show_progress(void *ctx, const char *source,
			  unsigned long long bytes, size_t rows)
{
	progress *p = ctx;
	double t = seconds(), mb, rate;
	unsigned long long at;

	(void)source;
	p->now = bytes;
	if (t - p->last < 0.25)
		return;
	p->last = t;
	at = p->done + bytes;
	mb = (double)at / 1e6;
	rate = t > p->start ? mb / (t - p->start) : 0.0;
	fprintf(stderr, "\rsemm: %zu rows, %.0f MB, %.1f MB/s", rows, mb, rate);
	if (p->total > 0 && at <= p->total) {
		double left =
			rate > 0 ? ((double)(p->total - at) / 1e6) / rate : 0.0;

		fprintf(stderr, ", %.0f %%, %d:%02d left   ",
			100.0 * (double)at / (double)p->total, (int)left / 60,
			(int)left % 60);
	}
	fflush(stderr);
	p->shown = 1;
}

/* What a long run is doing after reading, on the progress line; NULL
 * clears the line. */
static void phase(const char *what)
{
	fputs("\r\033[K", stderr);
	if (what)
		fprintf(stderr, "semm: %s...", what);
	fflush(stderr);
}

static int read_responses(const score_args *s, semm_responses *r, progress *p)
{
	semm_error err;
	int i, rc;

	for (i = 0; i < s->n_files; i++) {
		semm_error_clear(&err);
		if (p) {
			p->done += p->now;
			p->now = 0;
		}
		rc = semm_responses_read_path(r, s->files[i], &err);
		if (p && p->shown) {
			fputs("\r\033[K", stderr);
			p->shown = 0;
		}
		if (rc < 0) {
			cli_print_error(&err);
			cli_error("no reports written");
			return cli_exit_code(rc, 0);
		}
	}
	return EXIT_OK;
}

static void print_rejections(const semm_result *res)
{
	char line[SEMM_ERROR_MESSAGE_MAX + SEMM_ERROR_SOURCE_MAX + 64];
	size_t n = semm_result_rejected_count(res), i;

	/* the reason is escaped; the file name is the user's too */
	for (i = 0; i < n && i < MAX_REJECTIONS_SHOWN; i++)
		cli_message("%s (respondent rejected)",
			    semm_result_rejection(res, i, line, sizeof(line)));
	if (n > MAX_REJECTIONS_SHOWN)
		fprintf(stderr,
			"... and %zu more rejected respondents, listed "
			"in report.json\n",
			n - MAX_REJECTIONS_SHOWN);
}

/* Targets from --targets and --target (NULL when neither is given). */
static int load_targets(const score_args *s, semm_targets **out)
{
	semm_error err;
	int i, rc = SEMM_OK;

	*out = NULL;
	semm_error_clear(&err);
	if (s->targets_path)
		rc = semm_targets_from_file(out, s->targets_path, &err);
	else if (s->n_target_specs)
		rc = semm_targets_new(out);
	for (i = 0; rc == SEMM_OK && i < s->n_target_specs; i++)
		rc = semm_targets_add(*out, s->target_specs[i], &err);
	if (rc < 0) {
		cli_print_error(&err);
		semm_targets_free(*out);
		*out = NULL;
	}
	return rc;
}

int cli_score_prepare(score_args *s, const semm_model *m,
		      const semm_questionnaire *q, semm_targets **targets)
{
	semm_error err;
	int rc;

	semm_error_clear(&err);
	rc = load_targets(s, targets);
	if (rc < 0)
		return cli_exit_code(rc, 1);
	s->score.targets = *targets;
	rc = semm_score_check_options(m, q, &s->score, &err);
	if (rc < 0) {
		cli_print_error(&err);
		return cli_exit_code(rc, 0);
	}
	return EXIT_OK;
}

/* --partial: the store into DIR/partial.semm or onto standard output. */
static int write_partial(const score_args *s, const semm_questionnaire *q,
			 const semm_responses *r, int n_inputs,
			 const char *noun)
{
	int to_stdout = strcmp(s->out_dir, "-") == 0;
	semm_error err;
	int code = EXIT_OK, rc;

	semm_error_clear(&err);
	if (!to_stdout)
		code = prepare_output(s, q);
	if (code != EXIT_OK)
		return code;
	rc = to_stdout ? semm_responses_save(r, stdout, &err)
		       : semm_responses_save_dir(r, s->out_dir, &err);
	if (rc < 0) {
		if (to_stdout && !err.source[0])
			snprintf(err.source, sizeof(err.source), "<stdout>");
		cli_print_error(&err);
		return cli_exit_code(rc, 0);
	}
	if (!s->quiet)
		fprintf(stderr,
			"semm: %zu respondents read from %d %s: %zu accepted, "
			"%zu rejected; partial %s%s%s\n",
			semm_responses_read_count(r), n_inputs, noun,
			semm_responses_count(r),
			semm_responses_rejected_count(r),
			to_stdout ? "written to standard output" : "in ",
			to_stdout ? "" : s->out_dir,
			to_stdout ? "" : "/partial.semm");
	return EXIT_OK;
}

int cli_score_finish(score_args *s, const semm_model *m,
		     const semm_questionnaire *q, const semm_responses *r,
		     int n_inputs, const char *noun, int show)
{
	semm_result *res = NULL;
	semm_error err;
	int code = EXIT_OK, rc;

	if (s->partial)
		return write_partial(s, q, r, n_inputs, noun);
	semm_error_clear(&err);
	if (show)
		phase("scoring");
	rc = semm_score_run(&res, m, q, r, &s->score, &err);
	if (rc < 0) {
		cli_print_error(&err);
		code = cli_exit_code(rc, 0);
	}
	if (show)
		phase(NULL);
	if (code == EXIT_OK && !s->quiet)
		print_rejections(res);
	if (code == EXIT_OK)
		code = prepare_output(s, q);
	if (code == EXIT_OK && show)
		phase("writing the reports");
	if (code == EXIT_OK) {
		rc = semm_report_write_dir_formats(res, s->out_dir, s->formats,
						   &err);
		if (rc < 0) {
			cli_print_error(&err);
			code = cli_exit_code(rc, 0);
		}
	}
	if (show)
		phase(NULL);
	if (code == EXIT_OK && !s->quiet)
		fprintf(stderr,
			"semm: %zu respondents read from %d %s: %zu scored, "
			"%zu rejected; %zu group(s); reports in %s/\n",
			semm_result_read_count(res), n_inputs, noun,
			semm_result_scored_count(res),
			semm_result_rejected_count(res),
			semm_result_group_count(res), s->out_dir);
	semm_result_free(res);
	return code;
}

static int run(score_args *s, semm_model *m, semm_questionnaire *q)
{
	semm_read_options read = s->read;
	progress prog = { 0 }, *p = NULL;
	semm_mapping *mapping = NULL;
	semm_targets *targets = NULL;
	semm_responses *r = NULL;
	semm_error err;
	int code, rc;

	semm_error_clear(&err);
	if (s->mapping_path) {
		rc = semm_mapping_from_file(&mapping, s->mapping_path, &err);
		if (rc < 0) {
			cli_print_error(&err);
			return cli_exit_code(rc, 1);
		}
		read.mapping = mapping;
	}
	code = cli_score_prepare(s, m, q, &targets);
	if (code != EXIT_OK)
		goto done;
	if (!s->quiet && isatty(STDERR_FILENO)) {
		struct stat st;
		int i;

		p = &prog;
		for (i = 0; i < s->n_files; i++) {
			if (strcmp(s->files[i], "-") == 0 ||
			    stat(s->files[i], &st) != 0) {
				prog.total = 0;
				break;
			}
			prog.total += (unsigned long long)st.st_size;
		}
		prog.start = prog.last = seconds();
		read.progress = show_progress;
		read.progress_ctx = p;
	}
	if (s->header_path) {
		rc = semm_responses_header_from_file(&s->header, s->header_path,
						     &read, &err);
		if (rc < 0) {
			cli_print_error(&err);
			code = cli_exit_code(rc, 1);
			goto done;
		}
		read.header = s->header;
	}
	rc = semm_responses_new(&r, q, &read);
	if (rc < 0) {
		cli_error("%s", semm_code_name(rc));
		code = cli_exit_code(rc, 0);
		goto done;
	}
	code = read_responses(s, r, p);
	if (code == EXIT_OK)
		code = cli_score_finish(s, m, q, r, s->n_files, "file(s)",
					p != NULL);
done:
	semm_responses_free(r);
	semm_mapping_free(mapping);
	semm_targets_free(targets);
	return code;
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

	memset(s, 0, sizeof(*s));
	s->read = ro;
	s->read.threads = cli_cores();
	s->score = so;
	s->out_dir = "reports";
	s->formats = SEMM_REPORT_JSON | SEMM_REPORT_CSV;
	s->files = calloc((size_t)argc, sizeof(char *));
	s->target_specs = calloc((size_t)argc, sizeof(char *));
	if (!s->files || !s->target_specs) {
		cli_score_args_free(s);
		return -1;
	}
	return 0;
}

void cli_score_args_free(score_args *s)
{
	free_list(s->segments, s->n_segments);
	free_list(s->columns, s->n_columns);
	free(s->files);
	free(s->target_specs);
	free(s->header);
	memset(s, 0, sizeof(*s));
}

int cmd_score(int argc, char **argv)
{
	score_args s;
	semm_model *m = NULL;
	semm_questionnaire *q = NULL;
	int code;

	if (cli_score_args_init(&s, argc) < 0)
		cli_out_of_memory("reading the command line");
	code = parse_args(argc, argv, &s);
	if (code == 0)
		code = cli_score_definitions(&s, &m, &q);
	else
		code = code > 0 ? EXIT_OK : EXIT_USAGE;
	if (code == EXIT_OK && m)
		code = run(&s, m, q);
	semm_questionnaire_free(q);
	semm_model_free(m);
	cli_score_args_free(&s);
	return code;
}
