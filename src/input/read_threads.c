/*
 * read_threads.c - reading one large CSV file on several threads: the
 * file is cut at line boundaries outside quoted fields, each part is read
 * into a store of its own (the accumulator), and the stores are merged in
 * input order, which gives the same store as one thread reading the
 * whole file: the same rows in the same order, the same rejections and
 * duplicates, the same line numbers.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input/input.h"

/* The smallest part worth a thread of its own. */
#define MIN_PART ((off_t)4 << 20)
/* Bytes scanned at a time while looking for the cuts. */
#define SCAN_CHUNK ((size_t)1 << 20)
/* The most header text looked at for where the header rows end. */
#define HEADER_SCAN ((size_t)16 << 20)
#define MAX_PARTS 256

/* Progress of the whole file, told from part 0 (read on the caller's
 * thread): the parts are read at about the same speed, so the whole has
 * read about `scale` times what part 0 has. */
typedef struct progress_scale {
	const semm_read_options *opts; /* the caller's */
	size_t before;		       /* rows read before this file */
	double scale;
} progress_scale;

static void part_progress(void *ctx, const char *source,
			  unsigned long long bytes, size_t rows)
{
	const progress_scale *ps = ctx;

	ps->opts->progress(ps->opts->progress_ctx, source,
			   (unsigned long long)((double)bytes * ps->scale),
			   ps->before + (size_t)((double)rows * ps->scale));
}

typedef struct part {
	semm_responses *store;
	semm_read_options opts;
	int fd;
	off_t off;
	off_t len;
	unsigned long first_line;
	const char *source;
	semm_error err;
	int rc;
} part;

static void *read_part(void *arg)
{
	part *p = arg;

	p->rc = semm__responses_read_csv_range(p->store, p->fd, p->off, p->len,
					       p->source, p->first_line,
					       &p->err);
	return NULL;
}

/* Where the cuts fall while scanning: the quote parity and the line ends
 * seen so far. */
typedef struct scan {
	off_t pos;
	unsigned long lines;
	int quoted;
	int prev_cr; /* the last byte scanned was '\r' */
	int lone_cr; /* a line ends in '\r' alone: not for threads */
} scan;

static size_t count_byte(const char *s, size_t n, char c)
{
	size_t k = 0;
	const char *p = s, *end = s + n;

	while (p < end && (p = memchr(p, c, (size_t)(end - p))) != NULL) {
		k++;
		p++;
	}
	return k;
}

/* Whether s[0..n-1] (after a byte that was '\r' when prev_cr) has a '\r'
 * not followed by '\n' (the last byte's follower is unknown yet). */
static int has_lone_cr(const char *s, size_t n, int prev_cr)
{
	const char *p = s, *end = s + n;

	if (prev_cr && n > 0 && s[0] != '\n')
		return 1;
	while (p < end && (p = memchr(p, '\r', (size_t)(end - p))) != NULL) {
		if (p + 1 < end && p[1] != '\n')
			return 1;
		p++;
	}
	return 0;
}

/*
 * Scans s[0..n-1] (at sc->pos in the file): where the target falls in
 * it, the first line end after the target outside quotes is a cut (*cut,
 * *cut_line: the line number after it). Returns 1 when the cut was found.
 */
static int scan_chunk(scan *sc, const char *s, size_t n, off_t target,
		      off_t *cut, unsigned long *cut_line)
{
	size_t i = 0;

	if (has_lone_cr(s, n, sc->prev_cr))
		sc->lone_cr = 1;
	sc->prev_cr = n > 0 && s[n - 1] == '\r';
	if (sc->pos + (off_t)n <= target) {
		sc->quoted ^= (int)(count_byte(s, n, '"') & 1);
		sc->lines += count_byte(s, n, '\n');
		sc->pos += (off_t)n;
		return 0;
	}
	if (sc->pos < target) {
		i = (size_t)(target - sc->pos);
		sc->quoted ^= (int)(count_byte(s, i, '"') & 1);
		sc->lines += count_byte(s, i, '\n');
	}
	for (; i < n; i++) {
		if (s[i] == '"') {
			sc->quoted = !sc->quoted;
		} else if (s[i] == '\n') {
			sc->lines++;
			if (!sc->quoted) {
				*cut = sc->pos + (off_t)i + 1;
				*cut_line = sc->lines + 1;
				sc->quoted ^= (int)(count_byte(s + i + 1,
							       n - i - 1, '"') &
						    1);
				sc->lines +=
					count_byte(s + i + 1, n - i - 1, '\n');
				sc->pos += (off_t)n;
				return 1;
			}
		}
	}
	sc->pos += (off_t)n;
	return 0;
}

/* The cuts of [start, size) into at most n_parts parts: cut[0] = start,
 * cut[k] the start of part k, line[k] its first line. Returns the parts,
 * 0 when the file is not for threads. */
static size_t find_cuts(int fd, off_t start, off_t size, size_t n_parts,
			unsigned long start_line, off_t *cut,
			unsigned long *line)
{
	char *buf = malloc(SCAN_CHUNK);
	scan sc = { 0 };
	size_t k = 1;

	if (!buf)
		return 0;
	cut[0] = start;
	line[0] = start_line;
	sc.pos = start;
	sc.lines = start_line - 1;
	while (sc.pos < size && !sc.lone_cr) {
		off_t target = k < n_parts ? start + (size - start) * (off_t)k /
							     (off_t)n_parts
					   : size;
		size_t want = (size_t)(size - sc.pos) < SCAN_CHUNK
				      ? (size_t)(size - sc.pos)
				      : SCAN_CHUNK;
		ssize_t got = pread(fd, buf, want, sc.pos);

		if (got <= 0)
			break;
		if (scan_chunk(&sc, buf, (size_t)got, target, &cut[k],
			       &line[k]) &&
		    cut[k] < size && cut[k] - cut[k - 1] >= MIN_PART / 2)
			k++;
	}
	free(buf);
	if (sc.pos < size || sc.lone_cr || sc.quoted)
		return 0;
	return k;
}

/* Where the file's own header rows end (0: it has none that the read
 * options' header stands for), and their text when none is given. */
static int file_header(const semm_responses *r, int fd, off_t size, off_t *end,
		       unsigned long *lines, char **text)
{
	size_t rows;
	size_t want = (size_t)size < HEADER_SCAN ? (size_t)size : HEADER_SCAN;
	char *buf = malloc(want ? want : 1);
	ssize_t got;
	size_t e, bom, k;

	*text = NULL;
	if (!buf)
		return SEMM_ENOMEM;
	got = pread(fd, buf, want, 0);
	rows = semm__header_rows(r->opts.preset, buf,
				 got > 0 ? (size_t)got : 0);
	e = got > 0 ? semm__csv_header_end(buf, (size_t)got, rows) : 0;
	bom = got >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	if (r->opts.header) {
		size_t hn = strlen(r->opts.header);

		/* a file that starts with the given rows skips them */
		e = (size_t)got >= bom + hn &&
				    memcmp(buf + bom, r->opts.header, hn) == 0
			    ? bom + hn
			    : 0;
	} else if (e) {
		*text = semm__strndup(buf + bom, e - bom);
		if (!*text) {
			free(buf);
			return SEMM_ENOMEM;
		}
	}
	*end = (off_t)e;
	*lines = 0;
	for (k = 0; k < e; k++)
		*lines += buf[k] == '\n';
	free(buf);
	return e || r->opts.header ? SEMM_OK : SEMM_EDATA;
}

static void free_parts(part *p, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		semm_responses_free(p[k].store);
}

/* Reads parts 1.. on threads of their own and part 0 on this one. */
static int run_parts(part *p, size_t n)
{
	pthread_t tid[MAX_PARTS];
	size_t k, started = 1;
	int ok = 1;

	for (k = 1; k < n; k++) {
		if (pthread_create(&tid[k], NULL, read_part, &p[k]) != 0)
			break;
		started++;
	}
	read_part(&p[0]);
	for (k = started; k < n; k++) /* no thread: read here */
		read_part(&p[k]);
	for (k = 1; k < started; k++)
		pthread_join(tid[k], NULL);
	for (k = 0; k < n; k++)
		ok &= p[k].rc == SEMM_OK;
	return ok;
}

static int setup_parts(semm_responses *r, part *p, size_t n, int fd,
		       const char *source, const char *header, const off_t *cut,
		       const unsigned long *line, off_t size,
		       progress_scale *ps)
{
	size_t k;

	ps->opts = &r->opts;
	ps->before = semm_responses_read_count(r);
	ps->scale = (double)size / (double)(cut[1] > 0 ? cut[1] : 1);
	for (k = 0; k < n; k++) {
		p[k].opts = r->opts;
		p[k].opts.threads = 0;
		p[k].opts.progress = NULL;
		if (k == 0 && r->opts.progress) {
			p[k].opts.progress = part_progress;
			p[k].opts.progress_ctx = ps;
		}
		/* part 0 reads the file's own header, the others the same
		 * rows given as text */
		p[k].opts.header = k == 0 ? r->opts.header : header;
		p[k].fd = fd;
		p[k].off = k == 0 ? 0 : cut[k];
		p[k].len = (k + 1 < n ? cut[k + 1] : size) - p[k].off;
		p[k].first_line = k == 0 ? 1 : line[k];
		p[k].source = source;
		semm_error_clear(&p[k].err);
		if (semm_responses_new(&p[k].store, r->q, &p[k].opts) < 0)
			return SEMM_ENOMEM;
	}
	return SEMM_OK;
}

int semm__read_csv_threaded(semm_responses *r, int fd, const char *source,
			    int *rc, semm_error *err)
{
	off_t cut[MAX_PARTS], hdr_end = 0;
	unsigned long line[MAX_PARTS], hdr_lines = 0;
	part p[MAX_PARTS];
	progress_scale ps;
	char *header = NULL;
	size_t n_parts, n = r->opts.threads, k;
	struct stat st;
	int done = 0;

	if (n > MAX_PARTS)
		n = MAX_PARTS;
	if (n < 2 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size < 2 * MIN_PART)
		return 0;
	if ((off_t)n > st.st_size / MIN_PART)
		n = (size_t)(st.st_size / MIN_PART);
	if (file_header(r, fd, st.st_size, &hdr_end, &hdr_lines, &header) < 0)
		return 0;
	n_parts =
		find_cuts(fd, hdr_end, st.st_size, n, hdr_lines + 1, cut, line);
	memset(p, 0, sizeof(p));
	if (n_parts >= 2 &&
	    setup_parts(r, p, n_parts, fd, source,
			header ? header : r->opts.header, cut, line, st.st_size,
			&ps) == SEMM_OK &&
	    run_parts(p, n_parts)) {
		done = 1;
		*rc = SEMM_OK;
		for (k = 0; k < n_parts && *rc == SEMM_OK; k++)
			*rc = semm_responses_merge(r, p[k].store, err);
		if (*rc == SEMM_OK && r->opts.progress)
			r->opts.progress(r->opts.progress_ctx, source,
					 (unsigned long long)st.st_size,
					 semm_responses_read_count(r));
	}
	free_parts(p, n_parts);
	free(header);
	return done;
}
