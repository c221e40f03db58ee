/*
 * outfiles.c - writes a set of output files into a folder as one step:
 * each file goes to a temporary name in the folder and is renamed into
 * place only when every file is complete; a file being replaced is kept
 * (as a hard link, or renamed aside where the file system has no hard
 * links) until all renames succeeded, and put back otherwise. A failed
 * run leaves the folder as it was.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

/* Paths of one file: the finished temporary file, its place, and a hard
 * link keeping the file it replaces until the swap succeeded (or that
 * file itself, moved aside, on a file system without hard links). */
typedef struct swap {
	char *tmp;
	char *path;
	char *backup;
	int moved; /* the replaced file was renamed to backup */
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

/* The code of a failed stream operation: stdio allocates its buffers. */
static int stream_error(void)
{
	return errno == ENOMEM ? SEMM_ENOMEM : SEMM_EIO;
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
		rc = semm__fail(err, errno == ENOMEM ? SEMM_ENOMEM : SEMM_EIO,
				sw->tmp, 0, 0, "%s", strerror(errno));
		close(fd);
		return rc;
	}
	rc = write(ctx, k, fp);
	if (fflush(fp) != 0 || ferror(fp))
		rc = rc < 0 ? rc : stream_error();
	if (fclose(fp) != 0)
		rc = rc < 0 ? rc : stream_error();
	if (rc == SEMM_ENOMEM)
		return semm__fail(err, rc, dir, 0, 0,
				  "out of memory while writing %s", name);
	if (rc < 0)
		return semm__fail(err, rc, dir, 0, 0, "writing %s failed%s",
				  name, rc == SEMM_EIO ? " (disk full?)" : "");
	return SEMM_OK;
}

/* Whether link() failed because the file system has no hard links (FAT,
 * exFAT, some network mounts) rather than for a reason to report. */
static int no_hard_links(int e)
{
	return e == EPERM || e == ENOTSUP || e == EOPNOTSUPP || e == EXDEV ||
	       e == EMLINK || e == ENOSYS;
}

/* Keeps a link to the file being replaced, so that a failed swap can be
 * undone; without hard links, moves the file aside instead. Refuses a
 * place taken by something that is not a file. */
static int keep_old(const semm__write_spec *spec, const char *name, swap *sw,
		    semm_error *err)
{
	semm__link_fn make_link = spec->link ? spec->link : link;
	char pattern[64];
	struct stat st;
	int fd, e = 0;

	if (lstat(sw->path, &st) != 0)
		return errno == ENOENT ? SEMM_OK
				       : semm__fail(err, SEMM_EIO, sw->path, 0,
						    0, "%s", strerror(errno));
	if (!S_ISREG(st.st_mode))
		return semm__fail(err, SEMM_EIO, sw->path, 0, 0,
				  "is not a regular file: cannot write there");
	snprintf(pattern, sizeof(pattern), ".%s.old.XXXXXX", name);
	sw->backup = join(spec->dir, pattern);
	if (!sw->backup)
		return semm__fail(err, SEMM_ENOMEM, spec->dir, 0, 0,
				  "out of memory");
	fd = mkstemp(sw->backup);
	if (fd < 0 || close(fd) != 0 || unlink(sw->backup) != 0)
		e = errno;
	else if (make_link(sw->path, sw->backup) != 0)
		e = errno;
	if (e && no_hard_links(e) && rename(sw->path, sw->backup) == 0) {
		sw->moved = 1;
		e = 0;
	}
	if (e) {
		free(sw->backup);
		sw->backup = NULL;
		return semm__fail(err, SEMM_EIO, sw->path, 0, 0,
				  "cannot keep the previous file: %s",
				  strerror(e));
	}
	return SEMM_OK;
}

/* Puts back what was there before a failed swap. */
static void undo(swap *sw)
{
	if (!sw->placed && !sw->moved)
		return;
	if (sw->backup) {
		/* a file moved aside that cannot go back stays where it is */
		if (rename(sw->backup, sw->path) == 0 || sw->moved) {
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

int semm__write_set(const semm__write_spec *spec, semm_error *err)
{
	size_t n = spec->n, k;
	swap *sw = calloc(n ? n : 1, sizeof(*sw));
	int rc = SEMM_OK;

	if (!sw)
		return semm__fail(err, SEMM_ENOMEM, spec->dir, 0, 0,
				  "out of memory");
	for (k = 0; k < n && rc == SEMM_OK; k++) {
		if (!(spec->wanted & (1u << k)))
			continue;
		sw[k].path = join(spec->dir, spec->names[k]);
		rc = sw[k].path
			     ? write_temp(spec->dir, spec->names[k], k,
					  spec->write, spec->ctx, &sw[k], err)
			     : semm__fail(err, SEMM_ENOMEM, spec->dir, 0, 0,
					  "out of memory");
	}
	for (k = 0; k < n && rc == SEMM_OK; k++)
		rc = sw[k].path ? keep_old(spec, spec->names[k], &sw[k], err)
				: SEMM_OK;
	if (rc == SEMM_OK)
		rc = place_all(sw, n, err);
	for (k = n; rc < 0 && k-- > 0;)
		undo(&sw[k]);
	for (k = 0; k < n; k++)
		release(&sw[k]);
	free(sw);
	return rc;
}

int semm__write_files(const char *dir, const char *const *names, size_t n,
		      unsigned wanted, semm__file_writer write, const void *ctx,
		      semm_error *err)
{
	semm__write_spec spec = { 0 };

	spec.dir = dir;
	spec.names = names;
	spec.n = n;
	spec.wanted = wanted;
	spec.write = write;
	spec.ctx = ctx;
	return semm__write_set(&spec, err);
}
