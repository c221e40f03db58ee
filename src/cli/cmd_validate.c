/*
 * cmd_validate.c - `semm validate`: checks model, questionnaire and
 * mapping files and the references between them (each questionnaire is
 * bound to its model: one given on the command line, or found by id;
 * each mapping is checked against the questionnaire of -q, or the one it
 * names; each ratings file is read against the model it names).
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
	fputs("usage: semm validate [-q QUESTIONNAIRE] FILE...\n"
	      "\n"
	      "Checks model (semm-model/1) and questionnaire\n"
	      "(semm-questionnaire/1) files: structure, ids, weights, level\n"
	      "bands, scales and labels, and that each questionnaire fits its\n"
	      "model (given among the files, or found by id in models/).\n"
	      "Checks mapping files (semm-mapping/1) against the questionnaire\n"
	      "of -q, or the one the mapping names: items and roles that\n"
	      "exist, one column each, answers with values on the scale.\n"
	      "A model or questionnaire that lists languages must give every\n"
	      "text in each; a language a questionnaire and its model do not\n"
	      "share is noted (semm score --lang with it will fail).\n"
	      "Checks ratings files (semm-ratings/1) against the model they\n"
	      "name: assessors, elements, levels or percents, evidence,\n"
	      "documents and dates.\n"
	      "Prints one line per file, and one per problem; exits 4 if any\n"
	      "file is invalid.\n"
	      "\n"
	      "  -q, --questionnaire Q  the questionnaire of the mappings (a\n"
	      "                         file, or an id in questionnaires/)\n"
	      "  -h, --help             show this help\n",
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

/* Whether model m has texts in language code. */
static int model_has_language(const semm_model *m, const char *code)
{
	size_t i;

	for (i = 0; i < semm_model_language_count(m); i++) {
		if (strcmp(semm_model_language(m, i), code) == 0)
			return 1;
	}
	return 0;
}

/* Notes each language that one of a questionnaire and its model lists
 * and the other lacks: `semm score --lang` with it fails, since a report
 * is never half in one language. Both files are sound, so these are
 * notes, not problems. A questionnaire that lists no languages has no
 * codes to compare. */
static void language_notes(const char *path, const semm_questionnaire *q,
			   const semm_model *m)
{
	size_t i, k, n = semm_questionnaire_language_count(q);
	const char *code;

	if (n == 0)
		return;
	for (i = 0; i < n; i++) {
		code = semm_questionnaire_language_code(q, i);
		if (!model_has_language(m, code))
			cli_message(
				"%s: note: model %s has no texts in \"%s\", "
				"so 'semm score --lang %s' will fail (give "
				"the model its \"%s\" texts)",
				path, semm_model_id(m), code, code, code);
	}
	for (i = 0; i < semm_model_language_count(m); i++) {
		code = semm_model_language(m, i);
		if (semm_questionnaire_language(q, code, &k) != SEMM_OK)
			cli_message("%s: note: the questionnaire has no "
				    "language \"%s\" while model %s has, so "
				    "'semm score --lang %s' will fail",
				    path, code, semm_model_id(m), code);
	}
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
		fflush(stdout);
		language_notes(path, q, m);
	}
done:
	free(data);
	semm_model_free(owned);
	semm_questionnaire_free(probe);
	semm_questionnaire_free(q);
}

/* The questionnaire at arg (a file or an id), or NULL after saying why;
 * a mapping needs no model. */
static semm_questionnaire *load_questionnaire(loaded *l, const char *arg,
					      const char *for_path)
{
	semm_questionnaire *q = NULL;
	char *path = cli_find_definition("questionnaires", arg);
	semm_error err;
	int rc;

	if (!path) {
		char places[SEMM_ERROR_MESSAGE_MAX];

		cli_message("%s: questionnaire \"%s\" not found (looked in: "
			    "%s; give it with -q)",
			    for_path, arg,
			    cli_search_places("questionnaires", places,
					      sizeof(places)));
		l->failed = 1;
		return NULL;
	}
	semm_error_clear(&err);
	rc = semm_questionnaire_from_file(&q, path, &err);
	free(path);
	if (rc < 0) {
		cli_print_error(&err);
		l->failed = 1;
		l->out_of_memory |= rc == SEMM_ENOMEM;
	}
	return q;
}

/*
 * A mapping, against the questionnaire of -q; without -q, on its own
 * and then, when it is sound and names its questionnaire, against that
 * one (found by id), so that every problem is printed once.
 */
static void check_mapping(loaded *l, const char *path, const char *qarg)
{
	semm_questionnaire *q = NULL;
	semm_mapping *m = NULL;
	semm_error err;
	char *data = NULL;
	size_t len = 0;
	int rc;

	if (read_definition(l, path, &data, &len) < 0)
		return;
	if (qarg) {
		q = load_questionnaire(l, qarg, path);
		if (!q)
			goto done;
	}
	semm_error_clear(&err);
	rc = semm_mapping_check(data, len, path, q, print_problem, NULL, &m,
				&err);
	if (rc == SEMM_OK && !q && semm_mapping_questionnaire(m)) {
		q = load_questionnaire(l, semm_mapping_questionnaire(m), path);
		if (!q)
			goto done;
		semm_mapping_free(m);
		m = NULL;
		rc = semm_mapping_check(data, len, path, q, print_problem, NULL,
					&m, &err);
	}
	if (rc < 0) {
		print_failure(rc, &err);
		l->failed = 1;
		l->out_of_memory |= rc == SEMM_ENOMEM;
	} else if (q) {
		printf("%s: ok: mapping for questionnaire %s\n", path,
		       semm_questionnaire_id(q));
	} else {
		printf("%s: ok: mapping (not checked against a questionnaire: "
		       "give -q QUESTIONNAIRE)\n",
		       path);
	}
done:
	free(data);
	semm_mapping_free(m);
	semm_questionnaire_free(q);
}

/* A ratings file, against the model it names (among the files given,
 * or found by id). */
static void check_ratings(loaded *l, const char *path)
{
	semm_model *owned = NULL, *m = NULL;
	semm_ratings *r = NULL;
	char id[256];
	semm_error err;
	char *data = NULL;
	size_t len = 0;
	int rc;

	semm_error_clear(&err);
	if (read_definition(l, path, &data, &len) < 0)
		return;
	rc = semm_ratings_model_of(data, len, path, id, sizeof(id), &err);
	if (rc < 0) {
		print_failure(rc, &err);
		l->failed = 1;
		l->out_of_memory |= rc == SEMM_ENOMEM;
		goto done;
	}
	m = model_for(l, id, &owned);
	if (!m) {
		char places[SEMM_ERROR_MESSAGE_MAX];

		cli_message(
			"%s: model \"%s\" not found among the files given "
			"or in %s: give its file too",
			path, id,
			cli_search_places("models", places, sizeof(places)));
		l->failed = 1;
		goto done;
	}
	semm_error_clear(&err);
	rc = semm_ratings_check(data, len, path, m, print_problem, NULL, &r,
				&err);
	if (rc < 0) {
		print_failure(rc, &err);
		l->failed = 1;
		l->out_of_memory |= rc == SEMM_ENOMEM;
	} else {
		printf("%s: ok: ratings of %s by %zu %s, %zu %s, model %s\n",
		       path, semm_ratings_organization(r),
		       semm_ratings_assessor_count(r),
		       cli_plural(semm_ratings_assessor_count(r), "assessor",
				  "assessors"),
		       semm_ratings_count(r),
		       cli_plural(semm_ratings_count(r), "rating", "ratings"),
		       semm_model_id(m));
	}
done:
	free(data);
	semm_model_free(owned);
	semm_ratings_free(r);
}

static const struct option validate_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "questionnaire", required_argument, NULL, 'q' },
	{ NULL, 0, NULL, 0 }
};

/* Parses the options (getopt_long): 0, 1 after the help, or -1; the
 * files are argv[optind..]. */
static int parse_validate(int argc, char **argv, const char **qarg)
{
	int opt;

	opterr = 0;
	optind = 0; /* 0: a fresh scan (glibc), after main's own */
	for (;;) {
		opt = getopt_long(argc, argv, ":hq:", validate_options, NULL);
		if (opt == -1)
			break;
		if (opt == 'h') {
			validate_usage(stdout);
			return 1;
		}
		if (opt == 'q') {
			*qarg = optarg;
		} else if (opt == ':') {
			cli_error("option %s needs a value", argv[optind - 1]);
			return -1;
		} else if (optopt) {
			cli_error("unknown option \"-%c\" (try 'semm validate "
				  "--help')",
				  optopt);
			return -1;
		} else {
			cli_error("unknown option \"%s\" (try 'semm validate "
				  "--help')",
				  argv[optind - 1]);
			return -1;
		}
	}
	if (optind >= argc) {
		validate_usage(stderr);
		return -1;
	}
	return 0;
}

int cmd_validate(int argc, char **argv)
{
	loaded l = { NULL, 0, 0, 0 };
	char(*format)[MAX_FORMAT];
	const char *qarg = NULL;
	int i, first, rc;
	size_t k;

	rc = parse_validate(argc, argv, &qarg);
	if (rc != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	first = optind;
	format = calloc((size_t)argc, sizeof(*format));
	if (!format)
		cli_out_of_memory("reading the command line");
	for (i = first; i < argc; i++) {
		rc = kind_of(argv[i], format[i]);
		l.failed |= rc < 0;
		l.out_of_memory |= rc == SEMM_ENOMEM;
	}
	/* Models first, so that questionnaires can be bound to them. */
	for (i = first; i < argc; i++) {
		if (strncmp(format[i], "semm-model/", 11) == 0)
			check_model(&l, argv[i]);
	}
	for (i = first; i < argc; i++) {
		if (format[i][0] == '\0' ||
		    strncmp(format[i], "semm-model/", 11) == 0)
			continue;
		if (strncmp(format[i], "semm-questionnaire/", 19) == 0) {
			check_questionnaire(&l, argv[i]);
		} else if (strncmp(format[i], "semm-mapping/", 13) == 0) {
			check_mapping(&l, argv[i], qarg);
		} else if (strncmp(format[i], "semm-ratings/", 13) == 0) {
			check_ratings(&l, argv[i]);
		} else {
			cli_message("%s: \"%s\" is not a model, questionnaire, "
				    "mapping or ratings format",
				    argv[i], format[i]);
			l.failed = 1;
		}
	}
	for (k = 0; k < l.n_models; k++)
		semm_model_free(l.models[k]);
	free(l.models);
	free(format);
	return l.out_of_memory ? EXIT_MEMORY
	       : l.failed      ? EXIT_DEFINITION
			       : EXIT_OK;
}
