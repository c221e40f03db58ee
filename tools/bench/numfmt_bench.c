/*
 * numfmt_bench.c - how much faster src/base/numfmt.c writes a double than
 * printf does.
 *
 * Formats the same random doubles with snprintf("%.15g") (what the report
 * writers use today), snprintf("%.17g") (the exact writer) and
 * semm__numfmt_shortest, kind by kind, and prints nanoseconds per number
 * and the ratio printf / numfmt. The kinds: uniform in [0, 1), integers
 * below 10^6, k / 3, percentages with two decimals, statistics already
 * rounded to 15 digits (what a report rereads), and m * 10^e with e
 * uniform in -300..300. The inputs are made before the clock starts; the
 * bytes written are summed so no call can be dropped. Deterministic
 * inputs (fixed seed); timings are wall clock. The three methods take
 * turns on blocks of BENCH_BLOCK numbers, so a machine shared with other
 * work slows them alike and the ratios stay meaningful.
 *
 * Build: cmake --build build --target numfmt_bench (a Release build dir
 * for meaningful numbers), or from the repository root
 *   cc -std=c11 -O2 -Wall -Wextra -Werror -Isrc tools/bench/numfmt_bench.c
 *      src/base/numfmt.c -o numfmt_bench
 * Usage: numfmt_bench [COUNT]   (COUNT doubles in all, default 10^7)
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/numfmt.h"

#define BENCH_DEFAULT_COUNT 10000000L
#define BENCH_SEED 0x62656e6368u /* "bench" */
#define BENCH_BUF 64
#define BENCH_BLOCK 10000L

enum bench_kind {
	KIND_UNIFORM,
	KIND_INTEGER,
	KIND_THIRDS,
	KIND_PERCENT,
	KIND_REPORT,
	KIND_WIDE,
	KIND_COUNT
};

static const char *const bench_kind_names[KIND_COUNT] = {
	"uniform [0,1)", "integers < 1e6", "k/3",
	"percent 2 dp",	 "15-digit stats", "1e-300..1e300",
};

static uint64_t bench_splitmix64(uint64_t *state)
{
	uint64_t z;

	*state += 0x9e3779b97f4a7c15u;
	z = *state;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static double bench_uniform(uint64_t *state)
{
	return (double)(bench_splitmix64(state) >> 11) * 0x1p-53;
}

static double bench_value(enum bench_kind kind, uint64_t *state)
{
	uint64_t r = bench_splitmix64(state);
	char buf[BENCH_BUF];

	switch (kind) {
	case KIND_UNIFORM: return bench_uniform(state);
	case KIND_INTEGER: return (double)(r % 1000000);
	case KIND_THIRDS: return (double)(r % 100000) / 3.0;
	case KIND_PERCENT: return (double)(r % 10001) / 100.0;
	case KIND_REPORT:
		snprintf(buf, sizeof(buf), "%.15g",
			 100.0 * bench_uniform(state));
		return strtod(buf, NULL);
	default:
		snprintf(buf, sizeof(buf), "%.17ge%d",
			 1.0 + 9.0 * bench_uniform(state),
			 (int)(r % 601) - 300);
		return strtod(buf, NULL);
	}
}

static double bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Seconds to format v[0..n-1] with printf's "%.<precision>g"; adds the
 * bytes written to *sink. */
static double bench_printf(const double *v, long n, int precision,
			   unsigned long *sink)
{
	char buf[BENCH_BUF];
	double t0 = bench_now();
	long i;

	for (i = 0; i < n; i++) {
		int len = snprintf(buf, sizeof(buf), "%.*g", precision, v[i]);

		*sink += (unsigned long)len + (unsigned char)buf[0];
	}
	return bench_now() - t0;
}

static double bench_numfmt(const double *v, long n, unsigned long *sink)
{
	char buf[SEMM_NUMFMT_BUFSIZE];
	double t0 = bench_now();
	long i;

	for (i = 0; i < n; i++) {
		size_t len = semm__numfmt_shortest(v[i], buf);

		*sink += (unsigned long)len + (unsigned char)buf[0];
	}
	return bench_now() - t0;
}

static int bench_count(int argc, char **argv, long *count)
{
	char *end;

	*count = BENCH_DEFAULT_COUNT;
	if (argc < 2)
		return 0;
	errno = 0;
	*count = strtol(argv[1], &end, 10);
	if (errno || *end || *count < KIND_COUNT) {
		fprintf(stderr, "usage: numfmt_bench [COUNT >= %d]\n",
			KIND_COUNT);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	uint64_t state = BENCH_SEED;
	unsigned long sink = 0;
	double *v;
	long count, per_kind, i;
	int kind;

	if (bench_count(argc, argv, &count) < 0)
		return 2;
	per_kind = count / KIND_COUNT;
	v = malloc((size_t)per_kind * sizeof(*v));
	if (!v) {
		fprintf(stderr, "numfmt_bench: out of memory\n");
		return 1;
	}
	printf("%-16s %10s %10s %10s %8s %8s\n", "kind (ns/number)", "%.15g",
	       "%.17g", "numfmt", "x%.15g", "x%.17g");
	for (kind = 0; kind < KIND_COUNT; kind++) {
		double t15, t17, tn, ns = 1e9 / (double)per_kind;

		for (i = 0; i < per_kind; i++)
			v[i] = bench_value((enum bench_kind)kind, &state);
		t15 = t17 = tn = 0;
		for (i = 0; i < per_kind; i += BENCH_BLOCK) {
			long n = per_kind - i < BENCH_BLOCK ? per_kind - i
							    : BENCH_BLOCK;

			t15 += bench_printf(v + i, n, 15, &sink);
			t17 += bench_printf(v + i, n, 17, &sink);
			tn += bench_numfmt(v + i, n, &sink);
		}
		printf("%-16s %10.1f %10.1f %10.1f %8.1f %8.1f\n",
		       bench_kind_names[kind], t15 * ns, t17 * ns, tn * ns,
		       t15 / tn, t17 / tn);
	}
	printf("(%ld doubles per kind; checksum %lu)\n", per_kind, sink);
	free(v);
	return 0;
}
