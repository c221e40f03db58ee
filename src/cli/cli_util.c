/*
 * cli_util.c - option parsing (getopt_long with the tool's own
 * messages), error printing, exit codes and the search for model and
 * questionnaire files by id.
 */
#define _POSIX_C_SOURCE 200809L

#include <assert.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

#ifndef SEMM_DATA_DIR
#define SEMM_DATA_DIR "/usr/local/share/semm"
#endif

/* ---- the command line -------------------------------------------------- */

/* Starts a fresh getopt_long scan of p's command line: optind 0 makes
 * getopt forget any earlier scan; the tool prints its own messages. */
static void start_scan(cli_parser *p)
{
	size_t n = strlen(p->shorts);

	assert(n + 3 <= sizeof(p->optstring));
	/* "-": other arguments in order, as 1, whatever POSIXLY_CORRECT
	 * says; "+": they end the options; ":": a missing value is ':' */
	p->optstring[0] = p->in_order ? '-' : '+';
	p->optstring[1] = ':';
	memcpy(p->optstring + 2, p->shorts, n + 1);
	opterr = 0;
	optind = 0;
	p->started = 1;
}

/* "(try 'semm score --help')" for p's command. */
static const char *help_hint(const cli_parser *p, char *buf, size_t len)
{
	snprintf(buf, len, "(try 'semm%s%s --help')", p->cmd ? " " : "",
		 p->cmd ? p->cmd : "");
	return buf;
}

/* The long options whose names start with name[0..len-1], as
 * "--a, --b" into buf; returns how many there are (*exact: the index of
 * one named so exactly, else -1). */
static size_t long_matches(const cli_parser *p, const char *name, size_t len,
			   char *buf, size_t size, int *exact)
{
	size_t k, n = 0, used = 0;

	buf[0] = '\0';
	*exact = -1;
	for (k = 0; p->longs && p->longs[k].name; k++) {
		if (strncmp(p->longs[k].name, name, len) != 0)
			continue;
		if (p->longs[k].name[len] == '\0')
			*exact = (int)k;
		if (used < size)
			used += (size_t)snprintf(buf + used, size - used,
						 "%s--%s", n ? ", " : "",
						 p->longs[k].name);
		n++;
	}
	return n;
}

/* Says what is wrong with the long option of argument arg ("--x..."). */
static void bad_long_option(const cli_parser *p, int c, const char *arg)
{
	const char *name = arg + 2;
	size_t len = strcspn(name, "="), n;
	char hint[64], list[256];
	int exact;

	if (c == ':') {
		cli_error("option %s needs a value", arg);
		return;
	}
	n = long_matches(p, name, len, list, sizeof(list), &exact);
	if (exact < 0 && n > 1) {
		cli_error("ambiguous option \"--%.*s\": %s %s", (int)len, name,
			  list, help_hint(p, hint, sizeof(hint)));
	} else if (n > 0 && name[len] == '=') {
		/* the one option meant takes no value */
		cli_error("option --%s takes no value",
			  exact >= 0 ? p->longs[exact].name : list + 2);
	} else {
		cli_error("unknown option \"--%.*s\" %s", (int)len, name,
			  help_hint(p, hint, sizeof(hint)));
	}
}

/* Says what is wrong with the option getopt_long returned c ('?' or
 * ':') for; arg is the argument it was reading. */
static void bad_option(const cli_parser *p, int c, const char *arg)
{
	char hint[64];

	if (strncmp(arg, "--", 2) == 0) {
		bad_long_option(p, c, arg);
	} else if (c == ':') {
		cli_error("option -%c needs a value", optopt);
	} else if (strlen(arg) > 2) {
		cli_error("unknown option \"-%c\" in \"%s\" %s", optopt, arg,
			  help_hint(p, hint, sizeof(hint)));
	} else {
		cli_error("unknown option \"-%c\" %s", optopt,
			  help_hint(p, hint, sizeof(hint)));
	}
}

int cli_next(cli_parser *p)
{
	int at, c;

	if (!p->started)
		start_scan(p);
	p->value = NULL;
	if (!p->ended) {
		/* getopt is at the argument it reads next (or within) */
		at = optind > 0 ? optind : 1;
		c = getopt_long(p->argc, p->argv, p->optstring, p->longs, NULL);
		if (c == '?' || c == ':') {
			bad_option(p, c, at < p->argc ? p->argv[at] : "");
			return CLI_BAD;
		}
		if (c != -1) {
			p->value = optarg;
			return c;
		}
		p->ended = 1;
	}
	/* in order, getopt leaves what follows "--" at optind */
	if (!p->in_order || optind >= p->argc)
		return -1;
	p->value = p->argv[optind++];
	return CLI_ARGUMENT;
}

const char *cli_option_name(const cli_parser *p, int code, char *buf,
			    size_t len)
{
	size_t k;

	for (k = 0; p->longs && p->longs[k].name; k++) {
		if (p->longs[k].val == code) {
			snprintf(buf, len, "--%s", p->longs[k].name);
			return buf;
		}
	}
	snprintf(buf, len, "-%c", code);
	return buf;
}

const char *cli_plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* Prints prefix and the formatted message as one line: arguments such as
 * an option or an id from a file are the user's text. */
static void vline(const char *prefix, const char *fmt, va_list ap)
{
	char raw[SEMM_ERROR_MESSAGE_MAX + SEMM_ERROR_SOURCE_MAX];
	char shown[sizeof(raw) * 2];

	vsnprintf(raw, sizeof(raw), fmt, ap);
	fprintf(stderr, "%s%s\n", prefix,
		semm_text_escape(raw, shown, sizeof(shown)));
}

void cli_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vline("semm: ", fmt, ap);
	va_end(ap);
}

void cli_message(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vline("", fmt, ap);
	va_end(ap);
}

void cli_print_error(const semm_error *err)
{
	char line[SEMM_ERROR_MESSAGE_MAX + SEMM_ERROR_SOURCE_MAX + 64];

	/* a message about no file is the tool's own: say so */
	fprintf(stderr, "%s%s\n", err->source[0] ? "" : "semm: ",
		semm_error_format(err, line, sizeof(line)));
}

int cli_exit_code(int rc, int definition)
{
	switch (rc) {
	case SEMM_OK: return EXIT_OK;
	case SEMM_EIO: return EXIT_IO;
	case SEMM_ENOMEM: return EXIT_MEMORY;
	case SEMM_ELIMIT: return definition ? EXIT_DEFINITION : EXIT_DATA;
	case SEMM_EARG: return EXIT_USAGE;
	default: return definition ? EXIT_DEFINITION : EXIT_DATA;
	}
}

int cli_mkdirs(const char *path)
{
	char buf[PATH_MAX];
	size_t i, n = strlen(path);

	if (n == 0 || n >= sizeof(buf)) {
		errno = n ? ENAMETOOLONG : ENOENT;
		return -1;
	}
	memcpy(buf, path, n + 1);
	for (i = 1; i <= n; i++) {
		if (buf[i] != '/' && buf[i] != '\0')
			continue;
		buf[i] = '\0';
		if (mkdir(buf, 0777) != 0 && errno != EEXIST)
			return -1;
		buf[i] = path[i];
	}
	return 0;
}

static int is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

void cli_out_of_memory(const char *doing)
{
	cli_error("out of memory while %s", doing);
	exit(EXIT_MEMORY);
}

static char *try_path(const char *base, const char *dir, const char *id)
{
	size_t len = strlen(base) + strlen(dir) + strlen(id) + 8;
	char *path = malloc(len);

	if (!path)
		cli_out_of_memory("looking for a definition file");
	snprintf(path, len, "%s/%s/%s.json", base, dir, id);
	if (is_file(path))
		return path;
	free(path);
	return NULL;
}

/* Whether arg names a definition by id rather than by its file. */
static int is_id(const char *arg)
{
	return !strchr(arg, '/') && !strchr(arg, '.');
}

/* The folders an id is looked up under, in order: $SEMM_DATA_DIR (when
 * set), the current folder, the installed data folder; returns how many
 * of bases[0..2] are set. */
static size_t search_bases(const char *bases[3])
{
	const char *env = getenv("SEMM_DATA_DIR");
	size_t n = 0;

	if (env && *env)
		bases[n++] = env;
	bases[n++] = ".";
	bases[n++] = SEMM_DATA_DIR;
	return n;
}

char *cli_find_definition(const char *dir, const char *arg)
{
	const char *bases[3];
	char *found = NULL;
	size_t k, n;

	if (is_file(arg)) {
		found = strdup(arg);
		if (!found)
			cli_out_of_memory("looking for a definition file");
		return found;
	}
	if (!is_id(arg))
		return NULL;
	n = search_bases(bases);
	for (k = 0; k < n && !found; k++)
		found = try_path(bases[k], dir, arg);
	return found;
}

const char *cli_search_places(const char *dir, char *buf, size_t len)
{
	const char *bases[3];
	size_t k, n, used = 0;

	buf[0] = '\0';
	n = search_bases(bases);
	for (k = 0; k < n && used < len; k++)
		used += (size_t)snprintf(buf + used, len - used, "%s/%s%s",
					 bases[k], dir, k + 1 < n ? ", " : "");
	return buf;
}

void cli_not_found(const char *what, const char *dir, const char *arg,
		   const char *first, const char *hint)
{
	char places[SEMM_ERROR_MESSAGE_MAX];

	if (!is_id(arg)) {
		cli_error("%s \"%s\" not found (no such file%s%s)", what, arg,
			  hint ? "; " : "", hint ? hint : "");
		return;
	}
	cli_error("%s \"%s\" not found (looked in: %s%s%s%s%s)", what, arg,
		  first ? first : "", first ? ", " : "",
		  cli_search_places(dir, places, sizeof(places)),
		  hint ? "; " : "", hint ? hint : "");
}

unsigned cli_parse_formats(const char *list, unsigned all)
{
	static const char *const names[] = { "json", "csv", "html", "xlsx" };
	unsigned out = 0;
	size_t len, k;

	while (*list) {
		len = strcspn(list, ",");
		for (k = 0; k < 4; k++) {
			if (strlen(names[k]) == len &&
			    strncmp(list, names[k], len) == 0)
				break;
		}
		if (len == 3 && strncmp(list, "all", 3) == 0)
			out |= all;
		else if (k == 4 || !(all & (1u << k)))
			return 0;
		else
			out |= 1u << k;
		list += len;
		if (*list == ',' && *++list == '\0')
			return 0;
	}
	return out;
}

unsigned cli_cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 256 ? 256 : (unsigned)n;
}

/* ---- the output folder ------------------------------------------------ */

#define CLI_MAX_OUTPUTS 16

/* The temporary files a signal must remove. A signal handler reaches
 * nothing but static storage: this is the tool's only such state, filled
 * before the first write and read only by on_signal. */
static char temp_paths[CLI_MAX_OUTPUTS][PATH_MAX];
static size_t n_temp_paths;

/* Removes the temporary files (unlink is async-signal-safe), then dies
 * of the signal as it would have. */
static void on_signal(int sig)
{
	size_t k;

	for (k = 0; k < n_temp_paths; k++)
		unlink(temp_paths[k]);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void remove_temps_on_signal(const char *dir, const char *const *names,
				   size_t n)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;
	size_t k;

	n_temp_paths = 0;
	for (k = 0; k < n && n_temp_paths < CLI_MAX_OUTPUTS; k++) {
		if (semm_output_temp_path(temp_paths[n_temp_paths], PATH_MAX,
					  dir, names[k]) == SEMM_OK)
			n_temp_paths++;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (k = 0; k < sizeof(sigs) / sizeof(sigs[0]); k++) {
		struct sigaction old;

		/* a signal ignored by whoever started semm stays ignored */
		if (sigaction(sigs[k], NULL, &old) == 0 &&
		    old.sa_handler != SIG_IGN)
			sigaction(sigs[k], &sa, NULL);
	}
}

/* The identity of an input: a file, or standard input; 0 when it is not
 * a regular file (a pipe, a terminal, missing). */
static int input_id(const char *input, struct stat *st)
{
	int rc = strcmp(input, "-") == 0 ? fstat(STDIN_FILENO, st)
					 : stat(input, st);

	return rc == 0 && S_ISREG(st->st_mode);
}

/* Refuses an input that is one of the output files. */
static int check_inputs(const char *dir, const char *const *names, size_t n,
			const char *const *inputs, size_t n_inputs,
			const char *what)
{
	char path[PATH_MAX];
	struct stat in, out;
	size_t i, k;

	for (i = 0; i < n_inputs; i++) {
		if (!inputs[i] || !input_id(inputs[i], &in))
			continue;
		for (k = 0; k < n; k++) {
			snprintf(path, sizeof(path), "%s/%s", dir, names[k]);
			if (lstat(path, &out) != 0 || in.st_dev != out.st_dev ||
			    in.st_ino != out.st_ino)
				continue;
			if (strcmp(inputs[i], path) == 0)
				cli_error("input %s would be overwritten by "
					  "the %s; choose another -o",
					  path, what);
			else
				cli_error("input %s%s would be overwritten by "
					  "the %s %s; choose another -o",
					  inputs[i],
					  strcmp(inputs[i], "-") == 0
						  ? " (standard input)"
						  : "",
					  what, path);
			return EXIT_IO;
		}
	}
	return EXIT_OK;
}

int cli_output_prepare(const char *dir, const char *const *names, size_t n,
		       const char *const *inputs, size_t n_inputs,
		       const char *what)
{
	int code;

	if (dir[0] == '\0') {
		cli_error("-o: empty folder name");
		return EXIT_USAGE;
	}
	if (strlen(dir) >= PATH_MAX) {
		cli_error("-o: path longer than PATH_MAX (%d bytes)", PATH_MAX);
		return EXIT_USAGE;
	}
	if (cli_mkdirs(dir) != 0) {
		cli_error("cannot create output folder %s: %s", dir,
			  strerror(errno));
		return EXIT_IO;
	}
	code = check_inputs(dir, names, n, inputs, n_inputs, what);
	if (code == EXIT_OK)
		remove_temps_on_signal(dir, names, n);
	return code;
}
