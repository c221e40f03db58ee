/*
 * main.c - the semm command: dispatches to one file per command.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *fp)
{
	fputs("usage: semm COMMAND [OPTIONS] [FILE...]\n"
	      "\n"
	      "Service-excellence maturity assessment engine.\n"
	      "\n"
	      "Commands:\n"
	      "  score      score response files and write JSON and CSV reports\n"
	      "  validate   check model and questionnaire files\n"
	      "  template   write an empty response file and a guide for\n"
	      "             collecting answers (by hand or in a survey tool)\n"
	      "  compare    compare two reports of the same model, group by group\n"
	      "  merge      merge the partials of shards and score them as one run\n"
	      "  mapping    write a mapping file for a survey export (mapping\n"
	      "             init), listing every column to edit once\n"
	      "  history    keep assessments in a history store: add, list,\n"
	      "             show, trend, export\n"
	      "\n"
	      "Run 'semm COMMAND --help' for a command's options.\n"
	      "\n"
	      "Options:\n"
	      "  -h, --help     show this help\n"
	      "  -V, --version  show the version\n"
	      "\n"
	      "Exit codes: 0 success; 2 bad command line; 3 invalid response\n"
	      "data; 4 invalid model or questionnaire; 5 a file cannot be read\n"
	      "or written; 6 out of memory.\n",
	      fp);
}

/* The commands, by name. */
static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
	{ "score", cmd_score },	      { "validate", cmd_validate },
	{ "template", cmd_template }, { "compare", cmd_compare },
	{ "merge", cmd_merge },	      { "mapping", cmd_mapping },
	{ "history", cmd_history },
};

/* semm's own options come before the command; the command reads its
 * options from its name on (its argv[0]) with a fresh scan. */
static int dispatch(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	cli_parser p = {
		.argc = argc, .argv = argv, .shorts = "hV", .longs = longs
	};
	const char *name;
	size_t k;
	int c;

	for (;;) {
		c = cli_next(&p);
		if (c == -1)
			break;
		if (c == 'h') {
			usage(stdout);
			return EXIT_OK;
		}
		if (c == 'V') {
			printf("semm %s\n", SEMM_VERSION_STRING);
			return EXIT_OK;
		}
		return EXIT_USAGE;
	}
	/* the options end at the command (or after "--"): argv[optind] */
	if (optind >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	name = argv[optind];
	if (strcmp(name, "help") == 0) {
		usage(stdout);
		return EXIT_OK;
	}
	for (k = 0; k < sizeof(commands) / sizeof(commands[0]); k++) {
		if (strcmp(name, commands[k].name) == 0)
			return commands[k].run(argc - optind, argv + optind);
	}
	cli_error("unknown command \"%s\" (try 'semm --help')", name);
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	int code;

	semm_init();
	code = dispatch(argc, argv);
	/* output that could not be written (a full disk, /dev/full, a closed
	 * pipe) is a failure, not a success with nothing said */
	errno = 0;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("writing standard output failed: %s",
			  strerror(errno ? errno : EIO));
		if (code == EXIT_OK)
			code = EXIT_IO;
	}
	return code;
}
