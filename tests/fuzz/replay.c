/*
 * replay.c - a plain driver for the fuzz targets without libFuzzer: calls
 * LLVMFuzzerTestOneInput once on every file named on the command line,
 * and on every file inside each directory named (recursively, in name
 * order so that runs are reproducible). ctest runs it on the corpora, so
 * every input ever found keeps being replayed, under the sanitizers too
 * when the build has them (SEMM_SANITIZE=ON).
 *
 * Exits 0 when every input ran, 1 when a file or directory could not be
 * read; a finding crashes the process, as under libFuzzer.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_common.h"

static size_t replayed;

static int replay_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *data = NULL, *grown;
	size_t len = 0, cap = 0, got;
	int rc = 0;

	if (!fp) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return 1;
	}
	for (;;) {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 65536;
			grown = realloc(data, cap);
			if (!grown) {
				fprintf(stderr, "replay: %s: out of memory\n",
					path);
				rc = 1;
				goto done;
			}
			data = grown;
		}
		got = fread(data + len, 1, cap - len, fp);
		if (got == 0)
			break;
		len += got;
	}
	if (ferror(fp)) {
		fprintf(stderr, "replay: %s: read failed\n", path);
		rc = 1;
		goto done;
	}
	/* An exact-size copy, so that a read past the end is caught by the
	 * sanitizers as it is under libFuzzer. */
	{
		unsigned char *exact = malloc(len ? len : 1);

		if (!exact) {
			rc = 1;
			goto done;
		}
		memcpy(exact, data, len);
		LLVMFuzzerTestOneInput(exact, len);
		free(exact);
	}
	replayed++;
done:
	free(data);
	fclose(fp);
	return rc;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int replay_path(const char *path);

static int replay_dir(const char *path)
{
	DIR *dir = opendir(path);
	struct dirent *ent;
	char **names = NULL, **grown;
	size_t n = 0, i;
	int rc = 0;

	if (!dir) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return 1;
	}
	for (;;) {
		size_t len;

		ent = readdir(dir);
		if (!ent)
			break;
		if (ent->d_name[0] == '.')
			continue; /* ".", "..", hidden files */
		grown = realloc(names, (n + 1) * sizeof(*names));
		len = strlen(path) + strlen(ent->d_name) + 2;
		if (!grown) {
			rc = 1;
			break;
		}
		names = grown;
		names[n] = malloc(len);
		if (!names[n]) {
			rc = 1;
			break;
		}
		snprintf(names[n], len, "%s/%s", path, ent->d_name);
		n++;
	}
	closedir(dir);
	if (n)
		qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++) {
		rc |= replay_path(names[i]);
		free(names[i]);
	}
	free(names);
	return rc;
}

static int replay_path(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (S_ISDIR(st.st_mode))
		return replay_dir(path);
	return replay_file(path);
}

int main(int argc, char **argv)
{
	int i, rc = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE-OR-DIRECTORY...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc; i++)
		rc |= replay_path(argv[i]);
	printf("replay: %zu input%s replayed\n", replayed,
	       replayed == 1 ? "" : "s");
	return rc;
}
