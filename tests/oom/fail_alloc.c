/*
 * fail_alloc.c - a preloaded library for the command-line
 * allocation-failure test: with SEMM_FAIL_ALLOC=N in the environment,
 * the N-th call to malloc, calloc or realloc after the program starts
 * returns NULL (counted from 1; earlier and later calls succeed), as an
 * allocator out of memory would. SEMM_FAIL_ALLOC_COUNT=FILE writes the
 * number of calls made to FILE at exit, to size a sweep.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static void (*real_free)(void *);
static long calls, fail_at = -1;
static int ready;

/* dlsym may itself call calloc: serve it from a small static pool. */
static char pool[4096];
static size_t pool_used;

static void *from_pool(size_t n)
{
	void *p;

	n = (n + 15) & ~(size_t)15;
	if (pool_used + n > sizeof(pool))
		return NULL;
	p = pool + pool_used;
	pool_used += n;
	return p;
}

static void report(void)
{
	const char *path = getenv("SEMM_FAIL_ALLOC_COUNT");
	FILE *fp;

	if (!path)
		return;
	fp = fopen(path, "w");
	if (fp) {
		fprintf(fp, "%ld\n", calls);
		fclose(fp);
	}
}

__attribute__((constructor)) static void start(void)
{
	const char *n = getenv("SEMM_FAIL_ALLOC");

	real_malloc = dlsym(RTLD_NEXT, "malloc");
	real_calloc = dlsym(RTLD_NEXT, "calloc");
	real_realloc = dlsym(RTLD_NEXT, "realloc");
	real_free = dlsym(RTLD_NEXT, "free");
	fail_at = n ? strtol(n, NULL, 10) : -1;
	calls = 0;
	ready = 1;
	atexit(report);
}

/* A refused allocation sets errno as the C library's allocator does. */
static int refuse(void)
{
	if (ready && ++calls == fail_at) {
		errno = ENOMEM;
		return 1;
	}
	return 0;
}

void *malloc(size_t n)
{
	if (!real_malloc)
		return from_pool(n);
	return refuse() ? NULL : real_malloc(n);
}

void *calloc(size_t n, size_t size)
{
	if (!real_calloc) {
		void *p = from_pool(n * size);

		return p; /* the pool is static: already zero */
	}
	return refuse() ? NULL : real_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
	if (!real_realloc)
		return NULL;
	return refuse() ? NULL : real_realloc(p, n);
}

void free(void *p)
{
	if ((char *)p >= pool && (char *)p < pool + sizeof(pool))
		return;
	if (real_free)
		real_free(p);
}
