/*
 * report_dir.c - writes a result's report files into a folder safely:
 * each file goes to a temporary name in the same folder and is renamed
 * into place only when every file is complete, so a failed run leaves
 * no partial report behind.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

#define N_REPORTS 6

typedef int (*writer_fn)(const semm_result *, FILE *);

static const char *const report_names[N_REPORTS] = {
	"report.json", "scores.csv", "respondents.csv", "reliability.csv",
	"across_groups.csv", "improvements.csv"
};
static const writer_fn report_writers[N_REPORTS] = {
	semm_report_write_json, semm_report_write_scores_csv,
	semm_report_write_respondents_csv, semm_report_write_reliability_csv,
	semm_report_write_across_groups_csv, semm_report_write_improvements_csv
};

static char *join(const char *dir, const char *name)
{
	size_t len = strlen(dir) + strlen(name) + 2;
	char *path = malloc(len);

	if (path)
		snprintf(path, len, "%s/%s", dir, name);
	return path;
}

static mode_t current_umask(void)
{
	mode_t mask = umask(0);

	umask(mask);
	return mask;
}

/* Writes one report to a new temporary file; *tmp gets its name. */
static int write_temp(const semm_result *res, const char *dir, size_t k,
		      char **tmp, semm_error *err)
{
	char pattern[64];
	FILE *fp;
	int fd, rc;

	snprintf(pattern, sizeof(pattern), ".%s.XXXXXX", report_names[k]);
	*tmp = join(dir, pattern);
	if (!*tmp)
		return semm__fail(err, SEMM_ENOMEM, dir, 0, 0, "out of memory");
	fd = mkstemp(*tmp);
	if (fd < 0) {
		rc = semm__fail(err, SEMM_EIO, dir, 0, 0,
				"cannot create a file in the output folder: %s",
				strerror(errno));
		free(*tmp);
		*tmp = NULL;
		return rc;
	}
	/* mkstemp creates the file private (0600); reports get the mode a
	 * new file would get from the process's umask. */
	if (fchmod(fd, 0666 & ~current_umask()) != 0) {
		close(fd);
		return semm__fail(err, SEMM_EIO, *tmp, 0, 0, "%s",
				  strerror(errno));
	}
	fp = fdopen(fd, "w");
	if (!fp) {
		close(fd);
		return semm__fail(err, SEMM_EIO, *tmp, 0, 0, "%s",
				  strerror(errno));
	}
	rc = report_writers[k](res, fp);
	if (fflush(fp) != 0 || ferror(fp))
		rc = SEMM_EIO;
	if (fclose(fp) != 0)
		rc = SEMM_EIO;
	if (rc < 0)
		return semm__fail(err, rc, dir, 0, 0,
				  "writing %s failed (disk full?)",
				  report_names[k]);
	return SEMM_OK;
}

/* Paths of one report: the finished temporary file, its place, and a
 * hard link keeping the file it replaces until the swap succeeded. */
typedef struct swap {
	char *tmp;
	char *path;
	char *backup;
	int placed;
} swap;

/* Keeps a link to an existing report so the swap can be undone; refuses
 * a place taken by something that is not a regular file. */
static int keep_old(const char *dir, size_t k, swap *sw, semm_error *err)
{
	char pattern[64];
	struct stat st;
	int fd;

	if (lstat(sw->path, &st) != 0)
		return errno == ENOENT ? SEMM_OK
				       : semm__fail(err, SEMM_EIO, sw->path, 0,
						    0, "%s", strerror(errno));
	if (!S_ISREG(st.st_mode))
		return semm__fail(err, SEMM_EIO, sw->path, 0, 0,
				  "is not a regular file: cannot write the "
				  "report there");
	snprintf(pattern, sizeof(pattern), ".%s.old.XXXXXX", report_names[k]);
	sw->backup = join(dir, pattern);
	if (!sw->backup)
		return semm__fail(err, SEMM_ENOMEM, dir, 0, 0, "out of memory");
	fd = mkstemp(sw->backup);
	if (fd >= 0)
		close(fd);
	if (fd < 0 || unlink(sw->backup) != 0 || link(sw->path, sw->backup) != 0) {
		free(sw->backup);
		sw->backup = NULL;
		return semm__fail(err, SEMM_EIO, sw->path, 0, 0,
				  "cannot keep the previous report: %s",
				  strerror(errno));
	}
	return SEMM_OK;
}

/* Puts back what was there before a failed swap. */
static void undo(swap *sw)
{
	if (!sw->placed)
		return;
	if (sw->backup) {
		if (rename(sw->backup, sw->path) == 0) {
			free(sw->backup);
			sw->backup = NULL;
		}
	} else {
		unlink(sw->path);
	}
}

static void release(swap *sw)
{
	if (sw->tmp)
		unlink(sw->tmp);
	if (sw->backup)
		unlink(sw->backup);
	free(sw->tmp);
	free(sw->path);
	free(sw->backup);
}

int semm_report_write_dir(const semm_result *res, const char *dir,
			  semm_error *err)
{
	swap sw[N_REPORTS];
	size_t k;
	int rc = SEMM_OK;

	memset(sw, 0, sizeof(sw));
	for (k = 0; k < N_REPORTS && rc == SEMM_OK; k++) {
		sw[k].path = join(dir, report_names[k]);
		rc = sw[k].path ? write_temp(res, dir, k, &sw[k].tmp, err)
				: semm__fail(err, SEMM_ENOMEM, dir, 0, 0,
					     "out of memory");
	}
	for (k = 0; k < N_REPORTS && rc == SEMM_OK; k++)
		rc = keep_old(dir, k, &sw[k], err);
	for (k = 0; k < N_REPORTS && rc == SEMM_OK; k++) {
		if (rename(sw[k].tmp, sw[k].path) != 0) {
			rc = semm__fail(err, SEMM_EIO, sw[k].path, 0, 0,
					"cannot rename into place: %s",
					strerror(errno));
			break;
		}
		free(sw[k].tmp);
		sw[k].tmp = NULL;
		sw[k].placed = 1;
	}
	for (k = 0; rc < 0 && k < N_REPORTS; k++)
		undo(&sw[k]);
	for (k = 0; k < N_REPORTS; k++)
		release(&sw[k]);
	return rc;
}
