/*
 * main.c - the semm command: dispatches to one file per command.
 */
#include <errno.h>
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

static int dispatch(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		printf("semm %s\n", SEMM_VERSION_STRING);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "score") == 0)
		return cmd_score(argc - 1, argv + 1);
	if (strcmp(argv[1], "validate") == 0)
		return cmd_validate(argc - 1, argv + 1);
	if (strcmp(argv[1], "template") == 0)
		return cmd_template(argc - 1, argv + 1);
	if (strcmp(argv[1], "compare") == 0)
		return cmd_compare(argc - 1, argv + 1);
	if (strcmp(argv[1], "merge") == 0)
		return cmd_merge(argc - 1, argv + 1);
	if (strcmp(argv[1], "mapping") == 0)
		return cmd_mapping(argc - 1, argv + 1);
	cli_error("unknown command \"%s\" (try 'semm --help')", argv[1]);
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
