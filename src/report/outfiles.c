/*
 * outfiles.c - writes a set of output files into a folder as one step:
 * each file goes to a temporary name in the folder and is renamed into
 * place only when every file is complete; a file being replaced is kept
 * (as a hard link) until all renames succeeded, and put back otherwise.
 * A failed run leaves the folder as it was.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/report_int.h"

#ifdef __GLIBC__
#include <stdio_ext.h>
#endif

/* Bytes buffered before a report file is written to. */
#define WRITE_BUFFER ((size_t)1 << 20)

/* Paths of one file: the finished temporary file, its place, and a hard
 * link keeping the file it replaces until the swap succeeded. */
typedef struct swap {
	char *tmp;
	char *path;
	char *backup;
	int placed;
} swap;

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

/* Writes file k to a new temporary file in dir (sw->tmp). */
static int write_temp(const char *dir, const char *name, size_t k,
		      semm__file_writer write, const void *ctx, swap *sw,
		      semm_error *err)
{
	char pattern[64];
	FILE *fp;
	int fd, rc;

	snprintf(pattern, sizeof(pattern), ".%s.XXXXXX", name);
	sw->tmp = join(dir, pattern);
	if (!sw->tmp)
		return semm__fail(err, SEMM_ENOMEM, dir, 0, 0, "out of memory");
	fd = mkstemp(sw->tmp);
	if (fd < 0) {
		rc = semm__fail(err, SEMM_EIO, dir, 0, 0,
				"cannot create a file in the output folder: %s",
				strerror(errno));
		free(sw->tmp);
		sw->tmp = NULL;
		return rc;
	}
	/* mkstemp creates the file private (0600); the files get the mode a
	 * new file would get from the process's umask. */
	fp = fchmod(fd, 0666 & ~current_umask()) == 0 ? fdopen(fd, "w") : NULL;
	if (!fp) {
		rc = semm__fail(err, SEMM_EIO, sw->tmp, 0, 0, "%s",
				strerror(errno));
		close(fd);
		return rc;
	}
	/* reports are written in many small pieces by one thread: a large
	 * buffer, and no locking per call */
	setvbuf(fp, NULL, _IOFBF, WRITE_BUFFER);
#ifdef __GLIBC__
	__fsetlocking(fp, FSETLOCKING_BYCALLER);
#endif
	rc = write(ctx, k, fp);
	if (fflush(fp) != 0 || ferror(fp))
		rc = rc < 0 ? rc : SEMM_EIO;
	if (fclose(fp) != 0)
		rc = rc < 0 ? rc : SEMM_EIO;
	if (rc < 0)
		return semm__fail(err, rc, dir, 0, 0, "writing %s failed%s",
				  name, rc == SEMM_EIO ? " (disk full?)" : "");
	return SEMM_OK;
}

/* Keeps a link to the file being replaced, so that a failed swap can be
 * undone; refuses a place taken by something that is not a file. */
static int keep_old(const char *dir, const char *name, swap *sw,
		    semm_error *err)
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
				  "is not a regular file: cannot write there");
	snprintf(pattern, sizeof(pattern), ".%s.old.XXXXXX", name);
	sw->backup = join(dir, pattern);
	if (!sw->backup)
		return semm__fail(err, SEMM_ENOMEM, dir, 0, 0, "out of memory");
	fd = mkstemp(sw->backup);
	if (fd >= 0)
		close(fd);
	if (fd < 0 || unlink(sw->backup) != 0 ||
	    link(sw->path, sw->backup) != 0) {
		free(sw->backup);
		sw->backup = NULL;
		return semm__fail(err, SEMM_EIO, sw->path, 0, 0,
				  "cannot keep the previous file: %s",
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

static int place_all(swap *sw, size_t n, semm_error *err)
{
	size_t k;

	for (k = 0; k < n; k++) {
		if (!sw[k].path)
			continue;
		if (rename(sw[k].tmp, sw[k].path) != 0)
			return semm__fail(err, SEMM_EIO, sw[k].path, 0, 0,
					  "cannot rename into place: %s",
					  strerror(errno));
		free(sw[k].tmp);
		sw[k].tmp = NULL;
		sw[k].placed = 1;
	}
	return SEMM_OK;
}

int semm__write_files(const char *dir, const char *const *names, size_t n,
		      unsigned wanted, semm__file_writer write, const void *ctx,
		      semm_error *err)
{
	swap *sw = calloc(n ? n : 1, sizeof(*sw));
	size_t k;
	int rc = SEMM_OK;

	if (!sw)
		return semm__fail(err, SEMM_ENOMEM, dir, 0, 0, "out of memory");
	for (k = 0; k < n && rc == SEMM_OK; k++) {
		if (!(wanted & (1u << k)))
			continue;
		sw[k].path = join(dir, names[k]);
		rc = sw[k].path ? write_temp(dir, names[k], k, write, ctx,
					     &sw[k], err)
				: semm__fail(err, SEMM_ENOMEM, dir, 0, 0,
					     "out of memory");
	}
	for (k = 0; k < n && rc == SEMM_OK; k++)
		rc = sw[k].path ? keep_old(dir, names[k], &sw[k], err)
				: SEMM_OK;
	if (rc == SEMM_OK)
		rc = place_all(sw, n, err);
	for (k = 0; rc < 0 && k < n; k++)
		undo(&sw[k]);
	for (k = 0; k < n; k++)
		release(&sw[k]);
	free(sw);
	return rc;
}
