/*
 * outfiles.c - writes a set of output files into a folder as one step:
 * each file goes to a temporary name in the folder and is renamed into
 * place only when every file is complete; a file being replaced is kept
 * (as a hard link, or renamed aside where the file system has no hard
 * links) until all renames succeeded, and put back otherwise. A failed
 * run leaves the folder as it was. Files of the same family (the report
 * files, the comparison files) that an earlier run wrote and this run
 * does not write are removed in the same step, so that the folder holds
 * exactly one run's set; files of other names are never touched.
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
	const char *name;
	int stale; /* an earlier run's file that this run removes */
	char *tmp;
	char *path;
	char *backup;
	int moved; /* the replaced file was renamed to backup */
	int placed;
} swap;

/* Every file name semm writes into an output folder, by kind. */
static const char *const report_family[] = {
	"report.json",	   "scores.csv",	"respondents.csv",
	"reliability.csv", "across_groups.csv", "improvements.csv",
	"report.html",	   "benchmark.csv",	"partial.jsonl"
};
static const char *const compare_family[] = { "compare.json", "compare.csv",
					      "compare.html" };

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *const *semm_output_names(semm_output_kind kind, size_t *n)
{
	switch (kind) {
	case SEMM_OUTPUT_REPORT:
		*n = COUNT(report_family);
		return report_family;
	case SEMM_OUTPUT_COMPARE:
		*n = COUNT(compare_family);
		return compare_family;
	}
	*n = 0;
	return NULL;
}

/* The family a set of names belongs to: the one holding its first name;
 * NULL (a set of its own, such as templates) otherwise. */
static const char *const *family_of(const char *name, size_t *n)
{
	const char *const *family;
	int kind;
	size_t k;

	for (kind = SEMM_OUTPUT_REPORT; kind <= SEMM_OUTPUT_COMPARE; kind++) {
		family = semm_output_names((semm_output_kind)kind, n);
		for (k = 0; k < *n; k++) {
			if (strcmp(family[k], name) == 0)
				return family;
		}
	}
	*n = 0;
	return NULL;
}

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

	if (lstat(sw->path, &st) != 0 && errno == ENOENT && sw->stale) {
		free(sw->path); /* nothing to remove */
		sw->path = NULL;
		return SEMM_OK;
	}
	if (lstat(sw->path, &st) != 0)
		return errno == ENOENT ? SEMM_OK
				       : semm__fail(err, SEMM_EIO, sw->path, 0,
						    0, "%s", strerror(errno));
	if (!S_ISREG(st.st_mode) && sw->stale) {
		free(sw->path); /* not a file semm wrote: left alone */
		sw->path = NULL;
		return SEMM_OK;
	}
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
		if (sw[k].stale) {
			/* kept as a link (or already moved aside) */
			if (!sw[k].moved && unlink(sw[k].path) != 0)
				return semm__fail(err, SEMM_EIO, sw[k].path, 0,
						  0, "cannot remove: %s",
						  strerror(errno));
			sw[k].placed = 1;
			continue;
		}
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

/* The set: names[k] for each k (written when wanted, else stale), then
 * the other names of their family (stale). */
static int plan(const semm__write_spec *spec, swap **out, size_t *n_out,
		semm_error *err)
{
	size_t n_family, k, j, n = spec->n;
	const char *const *family =
		n ? family_of(spec->names[0], &n_family) : NULL;
	swap *sw = calloc(n + n_family + 1, sizeof(*sw));

	*out = sw;
	if (!sw)
		return semm__fail(err, SEMM_ENOMEM, spec->dir, 0, 0,
				  "out of memory");
	for (k = 0; k < n; k++) {
		sw[k].name = spec->names[k];
		sw[k].stale = !(spec->wanted & (1u << k));
	}
	for (j = 0; j < n_family; j++) {
		for (k = 0; k < spec->n; k++) {
			if (strcmp(spec->names[k], family[j]) == 0)
				break;
		}
		if (k == spec->n) {
			sw[n].name = family[j];
			sw[n++].stale = 1;
		}
	}
	*n_out = n;
	for (k = 0; k < n; k++) {
		sw[k].path = join(spec->dir, sw[k].name);
		if (!sw[k].path)
			return semm__fail(err, SEMM_ENOMEM, spec->dir, 0, 0,
					  "out of memory");
	}
	return SEMM_OK;
}

int semm__write_set(const semm__write_spec *spec, semm_error *err)
{
	size_t n = 0, k;
	swap *sw = NULL;
	int rc = plan(spec, &sw, &n, err);

	for (k = 0; k < n && rc == SEMM_OK; k++) {
		if (!sw[k].stale)
			rc = write_temp(spec->dir, sw[k].name, k, spec->write,
					spec->ctx, &sw[k], err);
	}
	for (k = 0; k < n && rc == SEMM_OK; k++)
		rc = sw[k].path ? keep_old(spec, sw[k].name, &sw[k], err)
				: SEMM_OK;
	if (rc == SEMM_OK)
		rc = place_all(sw, n, err);
	for (k = n; rc < 0 && k-- > 0;)
		undo(&sw[k]);
	for (k = 0; sw && k < n; k++)
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
