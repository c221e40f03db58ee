/*
 * cmd_history.c - `semm history`: the assessment history store (add,
 * list, show, trend, export), `semm score --history DB`'s recording, and
 * the "DB:ID" sides of `semm compare`.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

enum { OPT_FORMAT = 256, OPT_LABEL, OPT_FROM, OPT_TO, OPT_GROUP, OPT_UNIT };

static void history_usage(FILE *fp)
{
	fputs("usage: semm history add DB REPORT.json [--label TEXT]\n"
	      "                          [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"
	      "       semm history list DB [--format table|csv|json] [-o FILE]\n"
	      "       semm history show DB ID [--format table|csv|json] [-o FILE]\n"
	      "       semm history trend DB --group GROUP [--unit UNIT]\n"
	      "                          [--format table|csv|json|html] [-o FILE]\n"
	      "       semm history export DB ID [-o FILE]\n"
	      "\n"
	      "Keeps the assessments of one maturity model in DB, an SQLite\n"
	      "file (created by the first add; 'semm score --history DB'\n"
	      "adds too):\n"
	      "  add      records a report.json of 'semm score' as the next\n"
	      "           assessment (ids 1, 2, ... in the order added)\n"
	      "  list     the assessments\n"
	      "  show     one assessment: per group, the overall score, the\n"
	      "           dimensions and elements (n, mean, sd, 95 % CI,\n"
	      "           percent, level, alpha, rwg) and benchmark places\n"
	      "  trend    a group's units over the assessments that have it:\n"
	      "           each wave's figures, the change from the wave\n"
	      "           before (Welch 95 % interval and verdict, as 'semm\n"
	      "           compare') and, from 3 waves, the least-squares\n"
	      "           slope of the mean per wave with its 95 % interval\n"
	      "  export   the report.json an assessment was added from, byte\n"
	      "           for byte\n"
	      "'semm compare DB:ID1 DB:ID2' compares two stored assessments.\n"
	      "\n"
	      "  --label TEXT     the assessment's label (\"2026 wave\")\n"
	      "  --from, --to D   the dates of the first and last response\n"
	      "  --group GROUP    the group (organization) to follow\n"
	      "  --unit UNIT      only this unit: overall, a dimension or an\n"
	      "                   element id (default: all)\n"
	      "  --format F       table (default), csv, json; html for trend\n"
	      "  -o, --output FILE  write to FILE instead of standard output\n"
	      "  -h, --help       show this help\n"
	      "\n"
	      "SOURCE_DATE_EPOCH, when set, is the time recorded as 'added'.\n",
	      fp);
}

/* The command line of a history subcommand. */
typedef struct hargs {
	const char *sub;
	const char *db;
	const char *arg; /* REPORT.json or ID */
	const char *label, *from, *to, *group, *unit, *out;
	semm_history_format format;
	int format_set;
} hargs;

static int parse_format(hargs *a, const char *v)
{
	static const struct {
		const char *name;
		semm_history_format f;
	} names[] = { { "table", SEMM_HISTORY_TABLE },
		      { "csv", SEMM_HISTORY_CSV },
		      { "json", SEMM_HISTORY_JSON },
		      { "html", SEMM_HISTORY_HTML } };
	size_t k;

	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		if (strcmp(v, names[k].name) == 0) {
			a->format = names[k].f;
			a->format_set = 1;
			return 0;
		}
	}
	cli_error("--format: expected table, csv, json or html, not \"%s\"", v);
	return -1;
}

/* Which options each subcommand takes; says what is wrong. */
static int check_args(const hargs *a, int n_args)
{
	int add = strcmp(a->sub, "add") == 0;
	int trend = strcmp(a->sub, "trend") == 0;
	int export = strcmp(a->sub, "export") == 0;
	int need = strcmp(a->sub, "list") == 0 || trend ? 1 : 2;

	if (n_args != need) {
		cli_error("history %s: expected %s (try 'semm history --help')",
			  a->sub,
			  need == 1 ? "DB"
			  : add	    ? "DB REPORT.json"
				    : "DB ID");
		return -1;
	}
	if (!add && (a->label || a->from || a->to)) {
		cli_error("history %s: --label, --from and --to belong to "
			  "'semm history add'",
			  a->sub);
		return -1;
	}
	if (!trend && (a->group || a->unit)) {
		cli_error("history %s: --group and --unit belong to 'semm "
			  "history trend'",
			  a->sub);
		return -1;
	}
	if (trend && !a->group) {
		cli_error("history trend: missing --group GROUP");
		return -1;
	}
	if ((add || export) && a->format_set) {
		cli_error("history %s: takes no --format", a->sub);
		return -1;
	}
	if (add && a->out) {
		cli_error("history add: takes no -o");
		return -1;
	}
	if (a->format == SEMM_HISTORY_HTML && !trend) {
		cli_error("history %s: --format html is for 'semm history "
			  "trend'",
			  a->sub);
		return -1;
	}
	return 0;
}

/* Returns EXIT_OK to go on, or an exit code (*done after the help). */
static int parse_args(int argc, char **argv, hargs *a, int *done)
{
	static const struct option longs[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "label", required_argument, NULL, OPT_LABEL },
		{ "from", required_argument, NULL, OPT_FROM },
		{ "to", required_argument, NULL, OPT_TO },
		{ "group", required_argument, NULL, OPT_GROUP },
		{ "unit", required_argument, NULL, OPT_UNIT },
		{ NULL, 0, NULL, 0 }
	};
	cli_parser p = { .argc = argc,
			 .argv = argv,
			 .shorts = "ho:",
			 .longs = longs,
			 .cmd = "history",
			 .in_order = 1 };
	const char *args[3] = { NULL, NULL, NULL };
	int n_args = 0, c;

	for (;;) {
		c = cli_next(&p);
		if (c == -1)
			break;
		if (c == CLI_BAD)
			return EXIT_USAGE;
		switch (c) {
		case 'h':
			history_usage(stdout);
			*done = 1;
			return EXIT_OK;
		case 'o': a->out = p.value; break;
		case OPT_FORMAT:
			if (parse_format(a, p.value) < 0)
				return EXIT_USAGE;
			break;
		case OPT_LABEL: a->label = p.value; break;
		case OPT_FROM: a->from = p.value; break;
		case OPT_TO: a->to = p.value; break;
		case OPT_GROUP: a->group = p.value; break;
		case OPT_UNIT: a->unit = p.value; break;
		default:
			if (n_args == 3) {
				cli_error("history: too many arguments (try "
					  "'semm history --help')");
				return EXIT_USAGE;
			}
			args[n_args++] = p.value;
		}
	}
	if (n_args == 0) {
		cli_error("history: expected a subcommand: add, list, show, "
			  "trend or export (try 'semm history --help')");
		return EXIT_USAGE;
	}
	a->sub = args[0];
	if (strcmp(a->sub, "add") != 0 && strcmp(a->sub, "list") != 0 &&
	    strcmp(a->sub, "show") != 0 && strcmp(a->sub, "trend") != 0 &&
	    strcmp(a->sub, "export") != 0) {
		cli_error("history: unknown subcommand \"%s\" (add, list, "
			  "show, trend, export)",
			  a->sub);
		return EXIT_USAGE;
	}
	a->db = args[1];
	a->arg = args[2];
	return check_args(a, n_args - 1) < 0 ? EXIT_USAGE : EXIT_OK;
}

/* An assessment id: a whole number from 1. */
static int parse_id(const char *s, long long *id)
{
	char *end;

	errno = 0;
	*id = strtoll(s, &end, 10);
	if (errno || end == s || *end != '\0' || *id < 1 || s[0] == '+' ||
	    s[0] == ' ') {
		cli_error("history: \"%s\" is not an assessment id (1, 2, ...)",
			  s);
		return -1;
	}
	return 0;
}

static int open_store(const char *db, int create, semm_history **h)
{
	semm_history_options o = SEMM_HISTORY_OPTIONS_INIT;
	semm_error err;
	int rc;

	semm_error_clear(&err);
	o.create = create;
	rc = semm_history_open(h, db, &o, &err);
	if (rc < 0) {
		cli_print_error(&err);
		return cli_exit_code(rc, 0);
	}
	return EXIT_OK;
}

/* SOURCE_DATE_EPOCH as YYYY-MM-DDTHH:MM:SSZ into buf, or NULL (now). */
static const char *added_time(char *buf, size_t len)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	struct tm tm;
	time_t t;
	char *end;
	long long v;

	if (!env || !*env)
		return NULL;
	errno = 0;
	v = strtoll(env, &end, 10);
	t = (time_t)v;
	if (errno || *end != '\0' || v < 0 || !gmtime_r(&t, &tm) ||
	    !strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm)) {
		cli_error("SOURCE_DATE_EPOCH: \"%s\" is not a time in seconds "
			  "since 1970; using the clock",
			  env);
		return NULL;
	}
	return buf;
}

static int record(const char *db, const char *path, const char *text,
		  size_t len, const char *source,
		  const semm_history_add_options *o, int quiet)
{
	semm_history *h = NULL;
	semm_error err;
	long long id = 0;
	int code = open_store(db, 1, &h), rc;

	if (code != EXIT_OK)
		return code;
	semm_error_clear(&err);
	rc = path ? semm_history_add_file(&id, h, path, o, &err)
		  : semm_history_add_buffer(&id, h, text, len, source, o, &err);
	if (rc < 0) {
		cli_print_error(&err);
		code = rc == SEMM_EINVALID || rc == SEMM_ESCHEMA ||
				       rc == SEMM_EPARSE
			       ? EXIT_DATA
			       : cli_exit_code(rc, 0);
	} else if (!quiet) {
		cli_message("semm: recorded as assessment %lld in %s", id, db);
	}
	semm_history_close(h);
	return code;
}

int cli_history_record(const char *db, const char *path, const char *report,
		       size_t len, const char *source, const char *label,
		       const semm_responses *r, int quiet)
{
	semm_history_add_options o = SEMM_HISTORY_ADD_OPTIONS_INIT;
	char added[32], first[SEMM_DATE_BUFSIZE], last[SEMM_DATE_BUFSIZE];

	o.label = label;
	if (r && semm_responses_date_range(r, first, last)) {
		o.date_from = first;
		o.date_to = last;
	}
	o.added = added_time(added, sizeof(added));
	return record(db, path, report, len, source, &o, quiet);
}

/* Opens -o FILE (a temporary beside it, renamed at the end) or takes
 * standard output. */
static FILE *open_out(const hargs *a, char *tmp, size_t len)
{
	FILE *fp;

	if (!a->out)
		return stdout;
	snprintf(tmp, len, "%s.tmp%ld", a->out, (long)getpid());
	fp = fopen(tmp, "wb");
	if (!fp)
		cli_error("%s: cannot write: %s", a->out, strerror(errno));
	return fp;
}

static int close_out(const hargs *a, FILE *fp, const char *tmp, int rc)
{
	int failed = rc < 0;

	if (fp == stdout)
		return failed ? EXIT_IO : EXIT_OK;
	if (fclose(fp) != 0)
		failed = 1;
	if (!failed && rename(tmp, a->out) != 0)
		failed = 1;
	if (failed) {
		remove(tmp);
		cli_error("%s: cannot write: %s", a->out,
			  strerror(errno ? errno : EIO));
		return EXIT_IO;
	}
	return EXIT_OK;
}

static int query(const hargs *a, semm_history *h, long long id)
{
	semm_history_list *l = NULL;
	semm_history_show *s = NULL;
	semm_trend *t = NULL;
	semm_error err;
	char tmp[4096], *text = NULL;
	size_t len = 0;
	FILE *fp;
	int rc = SEMM_OK, code;

	semm_error_clear(&err);
	if (strcmp(a->sub, "list") == 0)
		rc = semm_history_list_read(&l, h, &err);
	else if (strcmp(a->sub, "show") == 0)
		rc = semm_history_show_read(&s, h, id, &err);
	else if (strcmp(a->sub, "trend") == 0)
		rc = semm_history_trend(&t, h, a->group, a->unit, &err);
	else
		rc = semm_history_export(&text, &len, h, id, &err);
	if (rc < 0) {
		cli_print_error(&err);
		code = cli_exit_code(rc, 0);
		goto done;
	}
	fp = open_out(a, tmp, sizeof(tmp));
	if (!fp) {
		code = EXIT_IO;
		goto done;
	}
	if (l)
		rc = semm_history_write_list(l, fp, a->format);
	else if (s)
		rc = semm_history_write_show(s, fp, a->format);
	else if (t)
		rc = semm_history_write_trend(t, fp, a->format);
	else
		rc = fwrite(text, 1, len, fp) == len ? SEMM_OK : SEMM_EIO;
	code = close_out(a, fp, tmp, rc);
done:
	semm_history_list_free(l);
	semm_history_show_free(s);
	semm_trend_free(t);
	free(text);
	return code;
}

int cmd_history(int argc, char **argv)
{
	semm_history_add_options o = SEMM_HISTORY_ADD_OPTIONS_INIT;
	semm_history *h = NULL;
	hargs a;
	char added[32];
	long long id = 0;
	int done = 0, code;

	memset(&a, 0, sizeof(a));
	code = parse_args(argc, argv, &a, &done);
	if (code != EXIT_OK || done)
		return code;
	if (strcmp(a.sub, "add") == 0) {
		o.label = a.label;
		o.date_from = a.from;
		o.date_to = a.to;
		o.added = added_time(added, sizeof(added));
		return record(a.db, a.arg, NULL, 0, NULL, &o, 0);
	}
	/* a bad id is a bad command line, whatever the store */
	if (a.arg && parse_id(a.arg, &id) < 0)
		return EXIT_USAGE;
	code = open_store(a.db, 0, &h);
	if (code == EXIT_OK)
		code = query(&a, h, id);
	semm_history_close(h);
	return code;
}

int cli_history_side(const char *arg, char **text, size_t *len, int *code)
{
	semm_history *h = NULL;
	semm_error err;
	struct stat st;
	const char *colon = strrchr(arg, ':');
	char *db;
	long long id;
	int rc;

	*text = NULL;
	*len = 0;
	*code = EXIT_OK;
	if (stat(arg, &st) == 0 || !colon || colon == arg || !colon[1] ||
	    strspn(colon + 1, "0123456789") != strlen(colon + 1))
		return 0;
	db = strndup(arg, (size_t)(colon - arg));
	if (!db)
		cli_out_of_memory("reading the command line");
	if (parse_id(colon + 1, &id) < 0) {
		free(db);
		*code = EXIT_USAGE;
		return -1;
	}
	*code = open_store(db, 0, &h);
	if (*code == EXIT_OK) {
		semm_error_clear(&err);
		rc = semm_history_export(text, len, h, id, &err);
		if (rc < 0) {
			cli_print_error(&err);
			*code = cli_exit_code(rc, 0);
		}
	}
	semm_history_close(h);
	free(db);
	return *code == EXIT_OK ? 1 : -1;
}
