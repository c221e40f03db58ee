/*
 * cmd_score.c - `semm score`: loads the questionnaire and its model,
 * reads the response files, scores them and writes the reports.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define MAX_REJECTIONS_SHOWN 20

/* The models folder beside the questionnaire's folder ("DIR/../models"
 * for a questionnaire in DIR), newly allocated; NULL when the
 * questionnaire was given without a folder. */
static char *models_beside(const score_args *s)
{
	const char *slash = strrchr(s->questionnaire, '/');
	size_t len;
	char *dir;

	if (!slash)
		return NULL;
	len = (size_t)(slash - s->questionnaire) + sizeof("/../models");
	dir = malloc(len);
	if (!dir)
		cli_out_of_memory("looking for the model");
	snprintf(dir, len, "%.*s/../models", (int)(slash - s->questionnaire),
		 s->questionnaire);
	return dir;
}

/* The model: -m, or the one the questionnaire names, looked up beside
 * the questionnaire's folder and in the usual places. */
static char *model_path(const score_args *s, const semm_questionnaire *q)
{
	const char *id = semm_questionnaire_model_id(q);
	char *dir, *beside, *path = NULL;
	size_t len;

	if (s->model)
		return cli_find_definition("models", s->model);
	dir = models_beside(s);
	if (dir) {
		len = strlen(dir) + strlen(id) + sizeof("/.json");
		beside = malloc(len);
		if (!beside)
			cli_out_of_memory("looking for the model");
		snprintf(beside, len, "%s/%s.json", dir, id);
		path = cli_find_definition("models", beside);
		free(beside);
		free(dir);
	}
	return path ? path : cli_find_definition("models", id);
}

/* Says where the model was looked for. */
static void model_not_found(const score_args *s, const semm_questionnaire *q)
{
	char *dir;

	if (s->model) {
		cli_not_found("model", "models", s->model, NULL, NULL);
		return;
	}
	dir = models_beside(s);
	cli_not_found("model", "models", semm_questionnaire_model_id(q), dir,
		      "give it with -m");
	free(dir);
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
		cli_not_found("questionnaire", "questionnaires",
			      s->questionnaire, NULL, NULL);
		return EXIT_IO;
	}
	rc = semm_questionnaire_from_file(q, qpath, &err);
	if (rc == SEMM_OK) {
		mpath = model_path(s, *q);
		if (!mpath) {
			model_not_found(s, *q);
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
	size_t n_in = (size_t)s->n_files + (size_t)s->n_ratings_paths + 5;
	const char **inputs = calloc(n_in, sizeof(char *));
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
		if (s->n_ratings_paths)
			memcpy(inputs + 5 + s->n_files, s->ratings_paths,
			       (size_t)s->n_ratings_paths * sizeof(char *));
		code = cli_output_prepare(s->out_dir, names, n, inputs, n_in,
					  s->partial ? "partial" : "report");
	} else {
		cli_error("out of memory while preparing the output folder");
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
	fprintf(stderr, "\rsemm: %zu %s, %.0f MB, %.1f MB/s", rows,
		cli_plural(rows, "row", "rows"), mb, rate);
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
			"... and %zu more rejected %s, listed in "
			"report.json\n",
			n - MAX_REJECTIONS_SHOWN,
			cli_plural(n - MAX_REJECTIONS_SHOWN, "respondent",
				   "respondents"));
}

/* What the read left aside: the columns of each input it ignored (all
 * named, as report.json's warning does) and the responses a survey tool
 * marks as not for analysis, by reason. */
static void print_input_notes(const semm_responses *r)
{
	size_t n = semm_responses_ignored_count(r), i, k, left, start;
	const char *src = NULL, *next_src = NULL;

	for (i = 0; i < n; i = k) {
		semm_responses_ignored_column(r, i, &src);
		for (k = i; k < n; k++) {
			semm_responses_ignored_column(r, k, &next_src);
			if (strcmp(next_src, src) != 0)
				break;
		}
		fprintf(stderr,
			"semm: %s: ignored %zu column%s (neither items "
			"nor metadata): ",
			src, k - i, k - i == 1 ? "" : "s");
		for (start = i; i < k; i++) {
			const char *name =
				semm_responses_ignored_column(r, i, NULL);

			if (name[0])
				fprintf(stderr, "%s\"%s\"",
					i > start ? ", " : "", name);
			else
				fprintf(stderr, "%sa column without header",
					i > start ? ", " : "");
		}
		fputs("; see --mapping\n", stderr);
	}
	left = semm_responses_excluded_count(r, SEMM_EXCLUSION_COUNT);
	if (left == 0)
		return;
	fprintf(stderr,
		"semm: left out %zu response%s the survey tool marks as "
		"not for analysis:",
		left, left == 1 ? "" : "s");
	for (i = 0, k = 0; i < SEMM_EXCLUSION_COUNT; i++) {
		size_t c = semm_responses_excluded_count(r, (semm_exclusion)i);

		if (c)
			fprintf(stderr, "%s %zu %s", k++ ? "," : "", c,
				semm_exclusion_name((semm_exclusion)i));
	}
	fputs(" (listed in report.json; --include-unfinished, "
	      "--include-test and --include-spam read them)\n",
	      stderr);
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

/* The --ratings files, read against the model. */
static int load_ratings(score_args *s, const semm_model *m)
{
	semm_error err;
	int i, rc;

	for (i = 0; i < s->n_ratings_paths; i++) {
		semm_error_clear(&err);
		rc = semm_ratings_from_file(&s->ratings_sets[i], m,
					    s->ratings_paths[i], &err);
		if (rc < 0) {
			cli_print_error(&err);
			return rc;
		}
	}
	return SEMM_OK;
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
	rc = load_ratings(s, m);
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

/* --scope into the store a partial saves; the partials merged into r
 * must have had the same (semm merge --partial --scope). */
static int record_scope(const score_args *s, semm_responses *r)
{
	const char *had = semm_responses_scope(r);
	char *before = had ? strdup(had) : NULL;
	semm_error err;
	int rc, code = EXIT_OK;

	if (s->n_scope == 0)
		return EXIT_OK;
	if (had && !before)
		cli_out_of_memory("recording the scope");
	semm_error_clear(&err);
	rc = semm_responses_set_scope(r, (const char *const *)s->scope,
				      s->n_scope, &err);
	if (rc < 0) {
		cli_error("--%s", err.message);
		code = rc == SEMM_EARG ? EXIT_USAGE : cli_exit_code(rc, 0);
	} else if (before && (!semm_responses_scope(r) ||
			      strcmp(before, semm_responses_scope(r)) != 0)) {
		cli_error("--scope: the partials were read for scope \"%s\"",
			  before);
		code = EXIT_DATA;
	}
	free(before);
	return code;
}

/* --partial: the store into DIR/partial.semm or onto standard output. */
static int write_partial(const score_args *s, const semm_questionnaire *q,
			 semm_responses *r, int n_inputs, const char *noun)
{
	int to_stdout = strcmp(s->out_dir, "-") == 0;
	semm_error err;
	int code = record_scope(s, r), rc;

	semm_error_clear(&err);
	if (code != EXIT_OK)
		return code;
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
		print_input_notes(r);
	if (!s->quiet) {
		size_t n = semm_responses_read_count(r);

		fprintf(stderr,
			"semm: %zu %s read from %d %s%s: %zu accepted, %zu "
			"rejected, %zu left out; partial %s%s%s\n",
			n, cli_plural(n, "respondent", "respondents"), n_inputs,
			noun, n_inputs == 1 ? "" : "s", semm_responses_count(r),
			semm_responses_rejected_count(r),
			semm_responses_excluded_count(r, SEMM_EXCLUSION_COUNT),
			to_stdout ? "written to standard output" : "in ",
			to_stdout ? "" : s->out_dir,
			to_stdout ? "" : "/partial.semm");
	}
	return EXIT_OK;
}

/* The counts at the end of a run: "semm: 5 respondents read from 1 file:
 * 5 scored, 0 rejected; 2 groups; reports in DIR/". */
static void print_counts(const semm_result *res, int n_inputs, const char *noun,
			 const char *dir)
{
	size_t n = semm_result_read_count(res);
	size_t groups = semm_result_group_count(res);
	size_t left = semm_result_excluded_count(res);
	char out[64] = "";

	if (left)
		snprintf(out, sizeof(out), ", %zu left out", left);
	fprintf(stderr,
		"semm: %zu %s read from %d %s%s: %zu scored, %zu rejected%s; "
		"%zu %s; reports in %s/\n",
		n, cli_plural(n, "respondent", "respondents"), n_inputs, noun,
		n_inputs == 1 ? "" : "s", semm_result_scored_count(res),
		semm_result_rejected_count(res), out, groups,
		cli_plural(groups, "group", "groups"), dir);
}

/* --history DB: the report.json just written (or, when JSON was not
 * asked for, the same bytes from its writer) goes into the store, with
 * the date range of the respondents r. */
static int record_history(const score_args *s, const semm_result *res,
			  const semm_responses *r)
{
	char path[4096], *text = NULL;
	size_t len = 0;
	FILE *fp;
	int code;

	if (s->formats & SEMM_REPORT_JSON) {
		snprintf(path, sizeof(path), "%s/report.json", s->out_dir);
		return cli_history_record(s->history, path, NULL, 0, NULL,
					  s->label, r, s->quiet);
	}
	fp = open_memstream(&text, &len);
	if (!fp)
		cli_out_of_memory("recording the assessment");
	if (semm_report_write_json(res, fp) < 0) {
		fclose(fp);
		free(text);
		cli_out_of_memory("recording the assessment");
	}
	if (fclose(fp) != 0) {
		free(text);
		cli_out_of_memory("recording the assessment");
	}
	code = cli_history_record(s->history, NULL, text, len, "report.json",
				  s->label, r, s->quiet);
	free(text);
	return code;
}

int cli_score_finish(score_args *s, const semm_model *m,
		     const semm_questionnaire *q, semm_responses *r,
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
	if (code == EXIT_OK && s->n_ratings_paths > 0) {
		rc = semm_result_add_ratings(
			res, (const semm_ratings *const *)s->ratings_sets,
			(size_t)s->n_ratings_paths, &s->ratings, &err);
		if (rc < 0) {
			/* the ratings do not fit the survey: a definition */
			cli_print_error(&err);
			code = rc == SEMM_EARG ? EXIT_DEFINITION
					       : cli_exit_code(rc, 1);
		}
	}
	if (show)
		phase(NULL);
	if (code == EXIT_OK && !s->quiet) {
		print_input_notes(r);
		print_rejections(res);
	}
	if (code == EXIT_OK)
		code = prepare_output(s, q);
	if (code == EXIT_OK && show)
		phase("writing the reports");
	if (code == EXIT_OK) {
		s->report.formats = s->formats;
		rc = semm_report_write(res, s->out_dir, &s->report, &err);
		if (rc < 0) {
			cli_print_error(&err);
			code = cli_exit_code(rc, 0);
		}
	}
	if (show)
		phase(NULL);
	if (code == EXIT_OK && !s->quiet)
		print_counts(res, n_inputs, noun, s->out_dir);
	if (code == EXIT_OK && !s->quiet && semm_result_rated_count(res))
		fprintf(stderr,
			"semm: %zu %s rated by assessors (ratings.csv)\n",
			semm_result_rated_count(res),
			cli_plural(semm_result_rated_count(res), "organization",
				   "organizations"));
	if (code == EXIT_OK && s->history)
		code = record_history(s, res, r);
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
		code = cli_score_finish(s, m, q, r, s->n_files, "file",
					p != NULL);
done:
	semm_responses_free(r);
	semm_mapping_free(mapping);
	semm_targets_free(targets);
	return code;
}

int cmd_score(int argc, char **argv)
{
	score_args s;
	semm_model *m = NULL;
	semm_questionnaire *q = NULL;
	int code;

	if (cli_score_args_init(&s, argc) < 0)
		cli_out_of_memory("reading the command line");
	code = cli_score_parse(argc, argv, &s);
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
