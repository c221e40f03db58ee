/*
 * cli.h - what the command-line tool's files share: exit codes, option
 * parsing and finding definition files. The tool uses only libsemm's
 * public API.
 */
#ifndef SEMM_CLI_H
#define SEMM_CLI_H

#include <getopt.h>

#include <semm/semm.h>

/* Exit codes, documented in `semm --help` and the README. */
enum {
	EXIT_OK = 0,
	EXIT_USAGE = 2,	     /* bad command line */
	EXIT_DATA = 3,	     /* a response file is wrong */
	EXIT_DEFINITION = 4, /* a model or questionnaire is wrong */
	EXIT_IO = 5,	     /* a file cannot be read or written */
	EXIT_MEMORY = 6	     /* out of memory or over a limit */
};

/**
 * A command line read with getopt_long, one per command (semm itself,
 * then the command from its own name on). The options are the short
 * ones in `shorts` (getopt's letters, without a leading "+", "-" or ":")
 * and `longs` (ended by a zeroed entry); `cmd` names the command in
 * messages ("score"; NULL for semm itself). With `in_order` the other
 * arguments come back in order among the options, and every argument
 * after "--" is one of them; without it, the first other argument ends
 * the options (it is then argv[optind]).
 */
typedef struct cli_parser {
	int argc;
	char **argv;
	const char *shorts;
	const struct option *longs;
	const char *cmd;
	int in_order;
	const char *value; /* the value of the option just read, or the
			      argument (for CLI_ARGUMENT) */
	int started;
	int ended;
	char optstring[64];
} cli_parser;

/** cli_next's result for an argument that is not an option. */
#define CLI_ARGUMENT 1
/** cli_next's result after it printed what is wrong. */
#define CLI_BAD '?'

/**
 * The next option of p's command line: its short letter or its long
 * option's val, with its value (if it takes one) in p->value;
 * CLI_ARGUMENT for another argument (in p->value); -1 at the end; or
 * CLI_BAD after printing one line: an unknown or ambiguous option, a
 * missing value, a value given to an option that takes none. Starts a
 * fresh getopt_long scan on the first call ("--opt=value", "--opt
 * value", "-qQ", "-q Q"; "-" alone is an argument).
 */
int cli_next(cli_parser *p);

/** The "--name" or "-x" of option code (as cli_next returns it) into
 * buf of size len, for messages. Returns buf. */
const char *cli_option_name(const cli_parser *p, int code, char *buf,
			    size_t len);

/** `one` when n is 1, else `many`: "1 respondent", "2 respondents". */
const char *cli_plural(size_t n, const char *one, const char *many);

/** Prints "semm: message" as one line (control characters escaped) to
 * standard error. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** Prints a message as one line (control characters escaped) to
 * standard error, without the "semm: " of cli_error. */
void cli_message(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** Prints an error record as one line to standard error. */
void cli_print_error(const semm_error *err);

/** Maps a library return code to an exit code for the kind of input. */
int cli_exit_code(int rc, int definition);

/**
 * Finds a definition: `arg` itself when it is a file; otherwise, when it
 * is a bare id, <dir>/<arg>.json under $SEMM_DATA_DIR, the current folder
 * and the installed data folder. Returns a new string or NULL.
 */
char *cli_find_definition(const char *dir, const char *arg);

/** The folders cli_find_definition(dir, id) looks in, in order, as
 * "./models, /usr/local/share/semm/models" into buf of size len.
 * Returns buf. */
const char *cli_search_places(const char *dir, char *buf, size_t len);

/**
 * Says, as one line, that definition `arg` (`what`: "questionnaire",
 * "model") was not found where cli_find_definition(dir, arg) looked:
 *   semm: questionnaire "x" not found (looked in: ./questionnaires, ...)
 * `first`: a folder looked in before those (the models beside the
 * questionnaire), or NULL; `hint`: said after the folders, or NULL.
 */
void cli_not_found(const char *what, const char *dir, const char *arg,
		   const char *first, const char *hint);

/**
 * Parses a format list such as "json,csv,html" into bits json = 1,
 * csv = 2, html = 4, xlsx = 8 (the values of SEMM_REPORT_* and
 * SEMM_COMPARE_*), taking only the formats in `all`; "all" stands for
 * them all. 0 when the list is empty or names something else.
 */
unsigned cli_parse_formats(const char *list, unsigned all);

/** Creates a folder and its missing parents; 0 or -1 (errno set). */
int cli_mkdirs(const char *path);

/**
 * Gets output folder dir ready for a run that writes or removes the files
 * names[0..n-1] there: checks the name (-o), creates the folder, refuses
 * when one of inputs[0..n_inputs-1] ("-": standard input; NULL entries
 * skipped) is one of those files (`what` names the output in the
 * message: "report"), and removes this process's temporary files of
 * those names if SIGINT, SIGTERM or SIGHUP ends it. Prints the problem
 * and returns an exit code, EXIT_OK to go on.
 */
int cli_output_prepare(const char *dir, const char *const *names, size_t n,
		       const char *const *inputs, size_t n_inputs,
		       const char *what);

/* ---- what semm score and semm merge share: the command line
 * (score_args.c) and the end of the run (cmd_score.c) ---- */

/** A scoring run's command line: the definitions, the options of
 * reading and scoring, the output, and the inputs. */
typedef struct score_args {
	const char *model;
	const char *questionnaire;
	const char *out_dir;
	const char *mapping_path;
	const char *targets_path;
	const char *header_path; /* --header-from */
	char *header;		 /* its header rows (owned) */
	unsigned formats;
	const char **target_specs;
	int n_target_specs;
	int quiet;
	const char *history; /* --history DB: record the assessment there */
	const char *label;   /* --label: its label in the store */
	int partial;	     /* write the partial (the store) only */
	int merge;	     /* parsing for semm merge */
	char **segments;     /* segmentations (owned copies) */
	size_t n_segments;
	char **columns; /* their columns, each once (owned) */
	size_t n_columns;
	char **ignored; /* --ignore-columns, each once (owned) */
	size_t n_ignored;
	char **scope; /* --scope ids, each once (owned) */
	size_t n_scope;
	semm_read_options read;
	semm_score_options score;
	semm_report_options report; /* cover texts, logo, per group */
	const char **files;
	int n_files;
	/* --ratings files, and the sets loaded from them (owned) */
	const char **ratings_paths;
	int n_ratings_paths;
	semm_ratings **ratings_sets;
	semm_ratings_options ratings;
} score_args;

/** semm merge --help (cmd_merge.c). */
void cli_merge_usage(FILE *fp);

/** Prints the options of a scoring run (merge: without the reading
 * options) for --help. */
void cli_score_options_help(FILE *fp, int merge);

/** Sets the defaults; 0, or -1 when out of memory. */
int cli_score_args_init(score_args *s, int argc);
void cli_score_args_free(score_args *s);

/**
 * Parses the command line of semm score (s->merge 0) or semm merge (1:
 * the inputs are partials, the reading options are refused). Returns 0,
 * 1 after printing the help, or -1 after an error.
 */
int cli_score_parse(int argc, char **argv, score_args *s);

/** Loads the questionnaire and its model; an exit code. */
int cli_score_definitions(const score_args *s, semm_model **m,
			  semm_questionnaire **q);

/** Loads the targets and checks the scoring options before any input is
 * read; an exit code (*targets: the caller frees them). */
int cli_score_prepare(score_args *s, const semm_model *m,
		      const semm_questionnaire *q, semm_targets **targets);

/**
 * The end of a run over the respondents r read from n_inputs inputs
 * (noun: "file" or "partial", made plural with an "s"): with --partial
 * the partial is written (into DIR/partial.semm, or standard output for
 * -o -, with --scope recorded in it), else r is scored and the
 * reports are written. show: progress
 * lines on a terminal. Returns an exit code.
 */
int cli_score_finish(score_args *s, const semm_model *m,
		     const semm_questionnaire *q, semm_responses *r,
		     int n_inputs, const char *noun, int show);

int cmd_score(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_template(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_mapping(int argc, char **argv);
int cmd_history(int argc, char **argv);

/**
 * Records a report in the history store at db (created if missing),
 * labelled label (or NULL), with the date range of the respondents r
 * (or NULL): the file path, or (path NULL) the text report[0..len-1]
 * named source. Says "semm: recorded as assessment N in
 * DB" unless quiet. Returns an exit code after printing any problem
 * (cmd_history.c).
 */
int cli_history_record(const char *db, const char *path, const char *report,
		       size_t len, const char *source, const char *label,
		       const semm_responses *r, int quiet);

/**
 * Reads a comparison side "DB:ID" (a history store and an assessment
 * id) into *text (owned, len in *len): returns 1 when arg has that form
 * and is not an existing file, 0 when it is a file name, or -1 after
 * printing a problem with *code set (cmd_history.c).
 */
int cli_history_side(const char *arg, char **text, size_t *len, int *code);

/** Cores this machine has online (1 to 256): the default thread count. */
unsigned cli_cores(void);

/**
 * Says "semm: out of memory while DOING" and exits with EXIT_MEMORY: for
 * the tool's own allocations before anything is written.
 */
void cli_out_of_memory(const char *doing) __attribute__((noreturn));

#endif
