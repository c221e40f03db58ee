/*
 * test_outfiles.c - writing a set of report files into a folder all or
 * nothing (src/outfiles.c): replacing files where the file system has no
 * hard links, telling an allocation failure from a full disk, removing
 * an earlier run's files, the folder's lock, interrupted runs' leftovers.
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* flock */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_helpers.h"

static const char *const names[] = { "a.txt", "b.txt", "c.txt" };

/* Writes "<text> <k>\n"; the context is the text. */
static int write_text(const void *ctx, size_t k, FILE *fp)
{
	fprintf(fp, "%s %zu\n", (const char *)ctx, k);
	return SEMM_OK;
}

static int write_oom(const void *ctx, size_t k, FILE *fp)
{
	(void)ctx;
	(void)fp;
	return k == 1 ? SEMM_ENOMEM : SEMM_OK;
}

static int no_link(const char *from, const char *to)
{
	(void)from;
	(void)to;
	errno = EPERM;
	return -1;
}

static char *make_dir(void)
{
	char *dir = strdup("/tmp/semm-outfiles-XXXXXX");

	cr_assert(dir && mkdtemp(dir));
	return dir;
}

static void remove_dir(char *dir)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_expect_eq(system(cmd), 0);
	free(dir);
}

/* The content of dir/name, or "" when it cannot be read. */
static const char *content(const char *dir, const char *name)
{
	static char buf[256];
	char path[512];
	FILE *fp;
	size_t n = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "r");
	if (fp) {
		n = fread(buf, 1, sizeof(buf) - 1, fp);
		fclose(fp);
	}
	buf[n] = '\0';
	return buf;
}

static int write_set(const char *dir, unsigned wanted, semm__file_writer fn,
		     const char *text, semm__link_fn make_link, semm_error *err)
{
	semm__write_spec spec = { 0 };

	spec.dir = dir;
	spec.names = names;
	spec.n = 3;
	spec.wanted = wanted;
	spec.write = fn;
	spec.ctx = text;
	spec.link = make_link;
	semm_error_clear(err);
	return semm__write_set(&spec, err);
}

Test(outfiles, replaces_files_without_hard_links)
{
	char *dir = make_dir();
	semm_error err;
	int run;

	/* every second run used to fail: "cannot keep the previous file" */
	for (run = 0; run < 3; run++) {
		cr_assert_eq(write_set(dir, 3u, write_text,
				       run % 2 ? "odd" : "even", no_link, &err),
			     SEMM_OK, "run %d: %s", run, err.message);
		cr_expect_str_eq(content(dir, "a.txt"),
				 run % 2 ? "odd 0\n" : "even 0\n");
	}
	remove_dir(dir);
}

Test(outfiles, failed_set_without_hard_links_puts_files_back)
{
	char *dir = make_dir();
	semm_error err;

	cr_assert_eq(write_set(dir, 1u, write_text, "first", NULL, &err), 0);
	cr_expect_eq(write_set(dir, 3u, write_oom, "x", no_link, &err),
		     SEMM_ENOMEM);
	cr_expect_str_eq(content(dir, "a.txt"), "first 0\n");
	remove_dir(dir);
}

Test(outfiles, allocation_failure_says_out_of_memory)
{
	char *dir = make_dir();
	semm_error err;

	cr_expect_eq(write_set(dir, 3u, write_oom, "x", NULL, &err),
		     SEMM_ENOMEM);
	cr_expect_eq(err.code, SEMM_ENOMEM);
	cr_expect_str_eq(err.message, "out of memory while writing b.txt");
	remove_dir(dir);
}

static void touch(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "w");
	cr_assert(fp);
	fputs(text, fp);
	fclose(fp);
}

static int exists(const char *dir, const char *name)
{
	char path[512];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return lstat(path, &st) == 0;
}

Test(outfiles, removes_files_of_the_set_that_a_run_does_not_write)
{
	char *dir = make_dir();
	semm_error err;

	cr_assert_eq(write_set(dir, 7u, write_text, "first", NULL, &err), 0);
	touch(dir, "notes.txt", "mine");
	cr_assert_eq(write_set(dir, 1u, write_text, "second", NULL, &err), 0,
		     "%s", err.message);
	cr_expect_str_eq(content(dir, "a.txt"), "second 0\n");
	cr_expect(!exists(dir, "b.txt"));
	cr_expect(!exists(dir, "c.txt"));
	cr_expect_str_eq(content(dir, "notes.txt"), "mine");
	remove_dir(dir);
}

Test(outfiles, removes_the_family_s_other_files_and_no_others)
{
	static const char *const merged[] = { "report.json", "benchmark.csv" };
	char *dir = make_dir();
	semm_error err;

	touch(dir, "report.json", "old");
	touch(dir, "respondents.csv", "old");
	touch(dir, "report.html", "old");
	touch(dir, "compare.json", "another family");
	touch(dir, "notes.txt", "mine");
	semm_error_clear(&err);
	cr_assert_eq(
		semm__write_files(dir, merged, 2, 1u, write_text, "new", &err),
		0, "%s", err.message);
	cr_expect_str_eq(content(dir, "report.json"), "new 0\n");
	cr_expect(!exists(dir, "respondents.csv"));
	cr_expect(!exists(dir, "report.html"));
	cr_expect(!exists(dir, "benchmark.csv"));
	cr_expect(exists(dir, "compare.json"));
	cr_expect(exists(dir, "notes.txt"));
	remove_dir(dir);
}

Test(outfiles, a_failed_run_keeps_the_files_it_would_remove)
{
	char *dir = make_dir();
	semm_error err;

	cr_assert_eq(write_set(dir, 7u, write_text, "first", NULL, &err), 0);
	cr_expect_eq(write_set(dir, 3u, write_oom, "x", NULL, &err),
		     SEMM_ENOMEM);
	cr_expect_str_eq(content(dir, "c.txt"), "first 2\n");
	cr_expect_str_eq(content(dir, "a.txt"), "first 0\n");
	remove_dir(dir);
}

Test(outfiles, names_every_report_file)
{
	size_t n = 0;
	const char *const *all = semm_output_names(SEMM_OUTPUT_REPORT, &n);

	/* the 11 reports, partial.semm, and the partial.jsonl an earlier
	 * version wrote */
	cr_expect_eq(n, 13);
	cr_expect_str_eq(all[0], "report.json");
	cr_expect_str_eq(all[8], "report.xlsx");
	cr_expect_str_eq(all[9], "aggregation.csv");
	cr_expect_str_eq(all[10], "ratings.csv");
	cr_expect_str_eq(all[11], "partial.semm");
	cr_expect(semm_output_names(SEMM_OUTPUT_COMPARE, &n) && n == 3);
}

Test(outfiles, refuses_a_folder_another_run_holds)
{
	char *dir = make_dir(), path[512], want[600];
	semm_error err;
	int fd;

	snprintf(path, sizeof(path), "%s/.semm.lock", dir);
	fd = open(path, O_RDWR | O_CREAT, 0666);
	cr_assert(fd >= 0);
	cr_assert_eq(write(fd, "4242\n", 5), 5);
	cr_assert_eq(flock(fd, LOCK_EX), 0);
	cr_expect_eq(write_set(dir, 1u, write_text, "x", NULL, &err), SEMM_EIO);
	snprintf(want, sizeof(want),
		 "output folder %s/ is in use by another semm run (pid 4242)",
		 dir);
	cr_expect_str_eq(err.message, want);
	cr_expect_str_eq(err.source, "");
	cr_expect(!exists(dir, "a.txt"));
	close(fd);
	cr_expect_eq(write_set(dir, 1u, write_text, "x", NULL, &err), SEMM_OK);
	remove_dir(dir);
}

Test(outfiles, removes_temporary_files_of_interrupted_runs)
{
	char *dir = make_dir();
	semm_error err;

	touch(dir, ".a.txt.12345", "left by a killed run");
	touch(dir, ".b.txt.old.777", "left by a killed run");
	touch(dir, ".c.txt.Ab3xYz", "left by an earlier version");
	touch(dir, ".a.txt.notes", "not semm's");
	touch(dir, ".other.txt.12345", "not semm's");
	cr_assert_eq(write_set(dir, 1u, write_text, "x", NULL, &err), SEMM_OK);
	cr_expect(!exists(dir, ".a.txt.12345"));
	cr_expect(!exists(dir, ".b.txt.old.777"));
	cr_expect(!exists(dir, ".c.txt.Ab3xYz"));
	cr_expect(exists(dir, ".a.txt.notes"));
	cr_expect(exists(dir, ".other.txt.12345"));
	remove_dir(dir);
}

Test(outfiles, temp_path_names_the_process)
{
	char buf[64], want[64];

	snprintf(want, sizeof(want), "out/.report.json.%ld", (long)getpid());
	cr_expect_eq(
		semm_output_temp_path(buf, sizeof(buf), "out", "report.json"),
		SEMM_OK);
	cr_expect_str_eq(buf, want);
	cr_expect_eq(semm_output_temp_path(buf, 8, "out", "report.json"),
		     SEMM_ELIMIT);
}
