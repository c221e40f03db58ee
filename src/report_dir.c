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

#define N_REPORTS 5

typedef int (*writer_fn)(const semm_result *, FILE *);

static const char *const report_names[N_REPORTS] = {
	"report.json", "scores.csv", "respondents.csv", "reliability.csv",
	"across_groups.csv"
};
static const writer_fn report_writers[N_REPORTS] = {
	semm_report_write_json, semm_report_write_scores_csv,
	semm_report_write_respondents_csv, semm_report_write_reliability_csv,
	semm_report_write_across_groups_csv
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

int semm_report_write_dir(const semm_result *res, const char *dir,
			  semm_error *err)
{
	char *tmp[N_REPORTS] = { NULL };
	size_t k;
	int rc = SEMM_OK;

	for (k = 0; k < N_REPORTS && rc == SEMM_OK; k++)
		rc = write_temp(res, dir, k, &tmp[k], err);
	for (k = 0; k < N_REPORTS && rc == SEMM_OK; k++) {
		char *path = join(dir, report_names[k]);

		if (!path)
			rc = semm__fail(err, SEMM_ENOMEM, dir, 0, 0,
					"out of memory");
		else if (rename(tmp[k], path) != 0)
			rc = semm__fail(err, SEMM_EIO, path, 0, 0,
					"cannot rename into place: %s",
					strerror(errno));
		else {
			free(tmp[k]);
			tmp[k] = NULL;
		}
		free(path);
	}
	for (k = 0; k < N_REPORTS; k++) {
		if (tmp[k])
			unlink(tmp[k]);
		free(tmp[k]);
	}
	return rc;
}
