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
 *
 * A run holds an exclusive flock() on DIR/.semm.lock from before its
 * first write until its set is in place (then removes it); a second run
 * into the folder meanwhile is refused, naming the holder's pid (written
 * in the lock file). Temporary files are named .NAME.PID and .NAME.old.PID, so that
 * the tool can remove its own on a signal; a run holding the lock
 * removes those an interrupted run left. Signals that end the process
 * are blocked while the set is swapped (a few renames), so that an
 * interrupt cannot leave half of one run's set and half of another.
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* flock */

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "report/report_int.h"

#ifdef __GLIBC__
#include <stdio_ext.h>
#endif

/* Bytes buffered before a report file is written to. */
#define WRITE_BUFFER ((size_t)1 << 20)
/* Files written at once, at most. */
#define MAX_WRITERS 16

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
	"report.json", "scores.csv", "respondents.csv", "reliability.csv",
	"across_groups.csv", "improvements.csv", "report.html", "benchmark.csv",
	"report.xlsx", "aggregation.csv", "ratings.csv", "partial.semm",
	/* an earlier version's partial results */
	"partial.jsonl"
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
	char suffix[64];
	FILE *fp;
	int fd, rc;

	snprintf(suffix, sizeof(suffix), ".%s.%ld", name, (long)getpid());
	sw->tmp = join(dir, suffix);
	if (!sw->tmp)
		return semm__fail(err, SEMM_ENOMEM, dir, 0, 0, "out of memory");
	/* a new file, never through a symbolic link; mode from the umask */
	fd = open(sw->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		  0666);
	if (fd < 0) {
		rc = semm__fail(err, SEMM_EIO, dir, 0, 0,
				"cannot create a file in the output folder: %s",
				strerror(errno));
		free(sw->tmp);
		sw->tmp = NULL;
		return rc;
	}
	fp = fdopen(fd, "w");
	if (!fp) {
		rc = errno == ENOMEM
			     ? semm__fail(
				       err, SEMM_ENOMEM, sw->tmp, 0, 0,
				       "out of memory while opening the file")
			     : semm__fail(err, SEMM_EIO, sw->tmp, 0, 0, "%s",
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
	int e = 0;

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
	snprintf(pattern, sizeof(pattern), ".%s.old.%ld", name, (long)getpid());
	sw->backup = join(spec->dir, pattern);
	if (!sw->backup)
		return semm__fail(err, SEMM_ENOMEM, spec->dir, 0, 0,
				  "out of memory");
	if (make_link(sw->path, sw->backup) != 0)
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
	size_t n_family = 0, k, j, n = spec->n;
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

/* ---- the folder's lock ------------------------------------------------ */

#define LOCK_NAME SEMM_OUTPUT_LOCK
#define LOCK_TRIES 100	    /* runs finishing while this one locks */
#define PID_READS 20	    /* tries to read the holder's pid ... */
#define PID_WAIT_NS 5000000 /* ... 5 ms apart: it writes it on locking */

typedef struct folder_lock {
	char *path;
	int fd;
} folder_lock;

/* The pid written in the lock file, or 0 when not (yet) readable. */
static long lock_holder(int fd)
{
	struct timespec pause = { 0, PID_WAIT_NS };
	char buf[32];
	ssize_t got;
	int i;

	for (i = 0; i < PID_READS; i++) {
		got = pread(fd, buf, sizeof(buf) - 1, 0);
		if (got > 0) {
			buf[got] = '\0';
			return strtol(buf, NULL, 10);
		}
		nanosleep(&pause, NULL);
	}
	return 0;
}

static int busy(const char *dir, long pid, semm_error *err)
{
	size_t len = strlen(dir);
	const char *slash = len && dir[len - 1] == '/' ? "" : "/";

	if (pid > 0)
		return semm__fail(err, SEMM_EIO, NULL, 0, 0,
				  "output folder %s%s is in use by another "
				  "semm run (pid %ld)",
				  dir, slash, pid);
	return semm__fail(err, SEMM_EIO, NULL, 0, 0,
			  "output folder %s%s is in use by another semm run",
			  dir, slash);
}

/* Whether fd is still the file at path (not one a finishing run has
 * removed while this run was locking it). */
static int same_inode(int fd, const char *path)
{
	struct stat a, b;

	return fstat(fd, &a) == 0 && lstat(path, &b) == 0 &&
	       a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* Takes the folder's lock (lk->fd), or refuses when another run holds
 * it. The lock file is removed on unlocking, so a run that locked a file
 * just removed tries again. */
static int lock_dir(const char *dir, folder_lock *lk, semm_error *err)
{
	char pid[32];
	int tries, e, rc;

	lk->fd = -1;
	lk->path = join(dir, LOCK_NAME);
	if (!lk->path)
		return semm__fail(err, SEMM_ENOMEM, dir, 0, 0, "out of memory");
	for (tries = 0; tries < LOCK_TRIES; tries++) {
		lk->fd = open(lk->path,
			      O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
		if (lk->fd < 0)
			break;
		if (flock(lk->fd, LOCK_EX | LOCK_NB) != 0) {
			e = errno;
			rc = e == EWOULDBLOCK
				     ? busy(dir, lock_holder(lk->fd), err)
				     : semm__fail(err, SEMM_EIO, dir, 0, 0,
						  "cannot lock the output "
						  "folder: %s",
						  strerror(e));
			close(lk->fd);
			lk->fd = -1;
			return rc;
		}
		if (same_inode(lk->fd, lk->path))
			break;
		close(lk->fd);
		lk->fd = -1;
	}
	if (lk->fd < 0)
		return semm__fail(err, SEMM_EIO, dir, 0, 0,
				  tries < LOCK_TRIES
					  ? "cannot create a file in the "
					    "output folder: %s"
					  : "cannot lock the output folder: %s",
				  tries < LOCK_TRIES ? strerror(errno)
						     : "it keeps changing");
	snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
	if (pwrite(lk->fd, pid, strlen(pid), 0) != (ssize_t)strlen(pid))
		return semm__fail(err, SEMM_EIO, dir, 0, 0,
				  "cannot lock the output folder: %s",
				  strerror(errno));
	return SEMM_OK;
}

/* Removes the lock file (still holding the lock), then releases it. */
static void unlock_dir(folder_lock *lk)
{
	if (lk->fd >= 0) {
		unlink(lk->path);
		close(lk->fd);
	}
	free(lk->path);
}

/* ---- temporary files of interrupted runs ------------------------------ */

/* Whether s is a temporary suffix of semm: a pid (digits), or the six
 * letters and digits of mkstemp() that earlier versions used. */
static int temp_suffix(const char *s)
{
	size_t k, digits = 0, alnum = 0;

	for (k = 0; s[k]; k++) {
		digits += isdigit((unsigned char)s[k]) != 0;
		alnum += isalnum((unsigned char)s[k]) != 0;
	}
	return k > 0 && (digits == k || (k == 6 && alnum == 6));
}

/* Whether entry is .NAME.SUFFIX or .NAME.old.SUFFIX for a NAME of sw. */
static int is_temp(const char *entry, const swap *sw, size_t n)
{
	const char *rest;
	size_t k, len;

	if (entry[0] != '.')
		return 0;
	for (k = 0; k < n; k++) {
		len = strlen(sw[k].name);
		if (strncmp(entry + 1, sw[k].name, len) != 0 ||
		    entry[1 + len] != '.')
			continue;
		rest = entry + len + 2;
		if (temp_suffix(rest) ||
		    (strncmp(rest, "old.", 4) == 0 && temp_suffix(rest + 4)))
			return 1;
	}
	return 0;
}

/* Removes the temporary files that interrupted runs left (the caller
 * holds the lock: no run is writing them). */
static int remove_temps(const char *dir, const swap *sw, size_t n,
			semm_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat st;
	char *path;
	int rc = SEMM_OK;

	if (!d && errno == ENOMEM) /* opendir allocates its buffer */
		return semm__fail(err, SEMM_ENOMEM, dir, 0, 0, "out of memory");
	if (!d)
		return semm__fail(err, SEMM_EIO, dir, 0, 0, "%s",
				  strerror(errno));
	for (e = readdir(d); e && rc == SEMM_OK; e = readdir(d)) {
		if (!is_temp(e->d_name, sw, n))
			continue;
		path = join(dir, e->d_name);
		if (!path)
			rc = semm__fail(err, SEMM_ENOMEM, dir, 0, 0,
					"out of memory");
		else if (lstat(path, &st) == 0 && S_ISREG(st.st_mode))
			unlink(path);
		free(path);
	}
	closedir(d);
	return rc;
}

int semm_output_temp_path(char *buf, size_t len, const char *dir,
			  const char *name)
{
	int n = snprintf(buf, len, "%s/.%s.%ld", dir, name, (long)getpid());

	return n < 0 || (size_t)n >= len ? SEMM_ELIMIT : SEMM_OK;
}

/* Refuses to replace a file (or anything else) already at a place. */
static int refuse_existing(const swap *sw, semm_error *err)
{
	struct stat st;

	if (sw->stale || lstat(sw->path, &st) != 0)
		return SEMM_OK;
	return semm__fail(err, SEMM_EIO, sw->path, 0, 0,
			  "already exists: not replaced (--force replaces "
			  "it)");
}

/* Blocks (or restores) the signals that end a process. */
static void hold_signals(sigset_t *old)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGQUIT);
	pthread_sigmask(SIG_BLOCK, &set, old);
}

/* The files still to write, shared by the threads writing them. */
typedef struct temp_jobs {
	const semm__write_spec *spec;
	swap *sw;
	size_t n;
	atomic_size_t next;
	atomic_int failed; /* no file starts after a failure */
	int *rc;	   /* per file */
	semm_error *errs;  /* per file */
} temp_jobs;

static void *write_some(void *arg)
{
	temp_jobs *j = arg;
	size_t k;

	while (!atomic_load(&j->failed) &&
	       (k = atomic_fetch_add(&j->next, 1)) < j->n) {
		if (j->sw[k].stale)
			continue;
		j->rc[k] = write_temp(j->spec->dir, j->sw[k].name, k,
				      j->spec->write, j->spec->ctx, &j->sw[k],
				      &j->errs[k]);
		if (j->rc[k] < 0)
			atomic_store(&j->failed, 1);
	}
	return NULL;
}

/* Every wanted file to its temporary name, on up to spec->threads
 * threads (each file is written by one thread, the files are
 * independent). A failure reports the first failing file in the set's
 * order, whatever the thread that met it. */
static int write_temps(const semm__write_spec *spec, swap *sw, size_t n,
		       semm_error *err)
{
	pthread_t tid[MAX_WRITERS];
	int started[MAX_WRITERS] = { 0 };
	size_t k, n_t = spec->threads > 1 ? spec->threads : 1, todo = 0;
	temp_jobs j;
	int rc = SEMM_OK;

	for (k = 0; k < n; k++)
		todo += !sw[k].stale;
	if (n_t > todo)
		n_t = todo ? todo : 1;
	if (n_t > MAX_WRITERS)
		n_t = MAX_WRITERS;
	j.spec = spec;
	j.sw = sw;
	j.n = n;
	atomic_init(&j.next, 0);
	atomic_init(&j.failed, 0);
	j.rc = calloc(n ? n : 1, sizeof(*j.rc));
	j.errs = calloc(n ? n : 1, sizeof(*j.errs));
	if (!j.rc || !j.errs) {
		free(j.rc);
		free(j.errs);
		return semm__fail(err, SEMM_ENOMEM, spec->dir, 0, 0,
				  "out of memory");
	}
	for (k = 1; k < n_t; k++)
		started[k] = pthread_create(&tid[k], NULL, write_some, &j) == 0;
	write_some(&j);
	for (k = 1; k < n_t; k++) {
		if (started[k])
			pthread_join(tid[k], NULL);
	}
	for (k = 0; k < n && rc == SEMM_OK; k++) {
		if (j.rc[k] < 0) {
			rc = j.rc[k];
			if (err)
				*err = j.errs[k];
		}
	}
	free(j.rc);
	free(j.errs);
	return rc;
}

int semm__write_set(const semm__write_spec *spec, semm_error *err)
{
	size_t n = 0, k;
	swap *sw = NULL;
	folder_lock lock = { NULL, -1 };
	sigset_t old;
	int rc = plan(spec, &sw, &n, err);

	if (rc == SEMM_OK)
		rc = lock_dir(spec->dir, &lock, err);
	if (rc == SEMM_OK)
		rc = remove_temps(spec->dir, sw, n, err);
	for (k = 0; k < n && rc == SEMM_OK && spec->keep_existing; k++)
		rc = refuse_existing(&sw[k], err);
	if (rc == SEMM_OK)
		rc = write_temps(spec, sw, n, err);
	hold_signals(&old);
	for (k = 0; k < n && rc == SEMM_OK; k++)
		rc = sw[k].path ? keep_old(spec, sw[k].name, &sw[k], err)
				: SEMM_OK;
	if (rc == SEMM_OK)
		rc = place_all(sw, n, err);
	for (k = n; rc < 0 && k-- > 0;)
		undo(&sw[k]);
	for (k = 0; sw && k < n; k++)
		release(&sw[k]);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	unlock_dir(&lock);
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
