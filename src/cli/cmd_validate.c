/*
 * cmd_validate.c - `semm validate`: checks model and questionnaire files
 * and the references between them (each questionnaire is bound to its
 * model: one given on the command line, or found by id).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define MAX_FORMAT 64

static void validate_usage(FILE *fp)
{
	fputs("usage: semm validate FILE...\n"
	      "\n"
	      "Checks model (semm-model/1) and questionnaire\n"
	      "(semm-questionnaire/1) files: structure, ids, weights, level\n"
	      "bands, scales and labels, and that each questionnaire fits its\n"
	      "model (given among the files, or found by id in models/).\n"
	      "Prints one line per file; exits 4 if any file is invalid.\n",
	      fp);
}

typedef struct loaded {
	semm_model **models;
	size_t n_models;
	int failed;
	int out_of_memory; /* a check ran out of memory: exit 6 */
} loaded;

static int read_all(const char *path, char **data, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	long size;

	*data = NULL;
	if (!fp)
		return -1;
	if (fseek(fp, 0, SEEK_END) != 0 || (size = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) != 0) {
		fclose(fp);
		return -1;
	}
	*data = malloc((size_t)size + 1);
	if (!*data || fread(*data, 1, (size_t)size, fp) != (size_t)size) {
		free(*data);
		*data = NULL;
		fclose(fp);
		return -1;
	}
	fclose(fp);
	*len = (size_t)size;
	return 0;
}

static int kind_of(const char *path, char *format)
{
	semm_error err;
	char *data = NULL;
	size_t len = 0;
	int rc;

	semm_error_clear(&err);
	errno = 0;
	if (read_all(path, &data, &len) < 0) {
		if (errno == ENOMEM) {
			cli_error("%s: out of memory while reading the file",
				  path);
			return SEMM_ENOMEM;
		}
		cli_error("%s: cannot read the file", path);
		return SEMM_EIO;
	}
	rc = semm_detect_format(data, len, path, format, MAX_FORMAT, &err);
	free(data);
	if (rc < 0) {
		cli_print_error(&err);
		return rc;
	}
	return 0;
}

static void print_problem(void *ctx, const semm_error *problem)
{
	(void)ctx;
	cli_print_error(problem);
}

/* Prints err unless it only sums up problems already printed. */
static void print_failure(int rc, const semm_error *err)
{
	if (rc != SEMM_EINVALID || err->line != 0)
		cli_print_error(err);
	else
		fprintf(stderr, "%s: %s\n", err->source, err->message);
}

/* Reads a file to check; on failure says so and marks the run failed. */
static int read_definition(loaded *l, const char *path, char **data,
			   size_t *len)
{
	errno = 0;
	if (read_all(path, data, len) == 0)
		return 0;
	if (errno == ENOMEM) {
		cli_error("%s: out of memory while reading the file", path);
		l->out_of_memory = 1;
	} else {
		cli_error("%s: cannot read the file", path);
	}
	l->failed = 1;
	return -1;
}

static void check_model(loaded *l, const char *path)
{
	semm_model *m = NULL, **grown;
	semm_error err;
	char *data = NULL;
	size_t len = 0;
	int rc;

	semm_error_clear(&err);
	if (read_definition(l, path, &data, &len) < 0)
		return;
	rc = semm_model_check(data, len, path, print_problem, NULL, &m, &err);
	free(data);
	if (rc < 0) {
		print_failure(rc, &err);
		l->failed = 1;
		l->out_of_memory |= rc == SEMM_ENOMEM;
		return;
	}
	grown = realloc(l->models, (l->n_models + 1) * sizeof(*grown));
	if (!grown) {
		cli_error("%s: out of memory while keeping the model", path);
		semm_model_free(m);
		l->failed = 1;
		l->out_of_memory = 1;
		return;
	}
	l->models = grown;
	l->models[l->n_models++] = m;
	printf("%s: ok: model %s %s, %zu dimensions, %zu elements, %zu levels\n",
	       path, semm_model_id(m), semm_model_version(m),
	       semm_model_dimension_count(m), semm_model_element_count(m),
	       semm_model_level_count(m));
}

static semm_model *model_for(loaded *l, const char *id, semm_model **owned)
{
	semm_error err;
	char *path;
	size_t i;

	*owned = NULL;
	for (i = 0; i < l->n_models; i++) {
		if (strcmp(semm_model_id(l->models[i]), id) == 0)
			return l->models[i];
	}
	path = cli_find_definition("models", id);
	semm_error_clear(&err);
	if (path && semm_model_from_file(owned, path, &err) < 0)
		cli_print_error(&err);
	free(path);
	return *owned;
}

static void check_questionnaire(loaded *l, const char *path)
{
	semm_questionnaire *q = NULL, *probe = NULL;
	semm_model *owned = NULL, *m = NULL;
	semm_error err;
	char *data = NULL;
	size_t len = 0;
	int rc;

	semm_error_clear(&err);
	if (read_definition(l, path, &data, &len) < 0)
		return;
	/* Find the model when the file loads on its own; otherwise the
	 * check below reports the file's own problems first. */
	rc = semm_questionnaire_from_buffer(&probe, data, len, path, &err);
	if (rc == SEMM_ENOMEM) {
		print_failure(rc, &err);
		l->failed = l->out_of_memory = 1;
		goto done;
	}
	if (rc == SEMM_OK) {
		m = model_for(l, semm_questionnaire_model_id(probe), &owned);
		if (!m && l->n_models == 1) {
			/* the one model given is another: binding to it says
			 * so at the questionnaire's "model" member */
			m = l->models[0];
		} else if (!m) {
			char places[SEMM_ERROR_MESSAGE_MAX];

			cli_message("%s: model \"%s\" not found among the "
				    "files given or in %s: give its file too",
				    path, semm_questionnaire_model_id(probe),
				    cli_search_places("models", places,
						      sizeof(places)));
			l->failed = 1;
			goto done;
		}
	}
	semm_error_clear(&err);
	rc = semm_questionnaire_check(data, len, path, m, print_problem, NULL,
				      &q, &err);
	if (rc < 0 || !m) {
		print_failure(rc, &err);
		l->failed = 1;
		l->out_of_memory |= rc == SEMM_ENOMEM;
	} else {
		printf("%s: ok: questionnaire %s %s, %zu items, scores model "
		       "%s %s\n",
		       path, semm_questionnaire_id(q),
		       semm_questionnaire_version(q),
		       semm_questionnaire_item_count(q), semm_model_id(m),
		       semm_model_version(m));
	}
done:
	free(data);
	semm_model_free(owned);
	semm_questionnaire_free(probe);
	semm_questionnaire_free(q);
}

/* Reads the command line: the files into files[0..*n-1]; EXIT_OK to go
 * on, or an exit code (*done set when the help was shown). */
static int parse_args(int argc, char **argv, const char **files, int *n,
		      int *done)
{
	static const struct option longs[] = {
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
	};
	cli_parser p = { .argc = argc,
			 .argv = argv,
			 .shorts = "h",
			 .longs = longs,
			 .cmd = "validate",
			 .in_order = 1 };
	int c;

	for (;;) {
		c = cli_next(&p);
		if (c == -1)
			break;
		if (c == CLI_BAD)
			return EXIT_USAGE;
		if (c == 'h') {
			validate_usage(stdout);
			*done = 1;
			return EXIT_OK;
		}
		files[(*n)++] = p.value;
	}
	if (*n == 0) {
		validate_usage(stderr);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* Checks files[0..n-1]: the models first, so that questionnaires can be
 * bound to them. */
static void check_all(loaded *l, const char *const *files,
		      char (*format)[MAX_FORMAT], int n)
{
	int i;

	for (i = 0; i < n; i++) {
		int rc = kind_of(files[i], format[i]);

		l->failed |= rc < 0;
		l->out_of_memory |= rc == SEMM_ENOMEM;
	}
	for (i = 0; i < n; i++) {
		if (strncmp(format[i], "semm-model/", 11) == 0)
			check_model(l, files[i]);
	}
	for (i = 0; i < n; i++) {
		if (format[i][0] == '\0' ||
		    strncmp(format[i], "semm-model/", 11) == 0)
			continue;
		if (strncmp(format[i], "semm-questionnaire/", 19) == 0) {
			check_questionnaire(l, files[i]);
		} else {
			cli_message("%s: \"%s\" is not a model or "
				    "questionnaire format",
				    files[i], format[i]);
			l->failed = 1;
		}
	}
}

int cmd_validate(int argc, char **argv)
{
	loaded l = { NULL, 0, 0, 0 };
	char(*format)[MAX_FORMAT] = NULL;
	const char **files;
	int n = 0, done = 0, code;
	size_t k;

	files = calloc((size_t)argc, sizeof(*files));
	if (!files)
		cli_out_of_memory("reading the command line");
	code = parse_args(argc, argv, files, &n, &done);
	if (code != EXIT_OK || done)
		goto done;
	format = calloc((size_t)n, sizeof(*format));
	if (!format)
		cli_out_of_memory("reading the command line");
	check_all(&l, files, format, n);
	for (k = 0; k < l.n_models; k++)
		semm_model_free(l.models[k]);
	free(l.models);
	code = l.out_of_memory ? EXIT_MEMORY
	       : l.failed      ? EXIT_DEFINITION
			       : EXIT_OK;
done:
	free(format);
	free(files);
	return code;
}
