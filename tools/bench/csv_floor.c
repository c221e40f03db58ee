/*
 * csv_floor.c - the parser floor: how fast libcsv alone reads a file.
 *
 * Reads the file in 1 MiB blocks and feeds them to libcsv, whose callbacks
 * only count fields, rows and field bytes. That is the least work any
 * CSV-reading scorer built on libcsv has to do, so `semm score` time over
 * this program's time says how much the engine adds on top of parsing. The
 * counts are printed, which keeps the compiler from dropping the work:
 *
 *   rows=N fields=M bytes=B
 *
 * Build: cc -std=c11 -O2 -Wall -Wextra -Werror csv_floor.c -lcsv
 * Usage: csv_floor FILE.csv
 */
#include <csv.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FLOOR_NAME "csv_floor"
#define FLOOR_BLOCK (1u << 20)

struct floor_counts {
	unsigned long long rows;
	unsigned long long fields;
	unsigned long long bytes;
};

static void floor_on_field(void *field, size_t len, void *data)
{
	struct floor_counts *c = data;

	(void)field;
	c->fields++;
	c->bytes += len;
}

static void floor_on_row(int terminator, void *data)
{
	struct floor_counts *c = data;

	(void)terminator;
	c->rows++;
}

static int floor_parse(FILE *fp, const char *path, struct csv_parser *p,
		       struct floor_counts *c)
{
	char *block = malloc(FLOOR_BLOCK);
	size_t got;
	int rc = -1;

	if (block == NULL) {
		fprintf(stderr, FLOOR_NAME ": out of memory\n");
		return -1;
	}
	for (;;) {
		got = fread(block, 1, FLOOR_BLOCK, fp);
		if (got == 0)
			break;
		if (csv_parse(p, block, got, floor_on_field, floor_on_row, c) !=
		    got) {
			fprintf(stderr, FLOOR_NAME ": %s: %s\n", path,
				csv_strerror(csv_error(p)));
			goto done;
		}
	}
	if (ferror(fp)) {
		fprintf(stderr, FLOOR_NAME ": %s: read error\n", path);
		goto done;
	}
	/* Flushes the last row when the file does not end in a newline. */
	if (csv_fini(p, floor_on_field, floor_on_row, c) != 0) {
		fprintf(stderr, FLOOR_NAME ": %s: %s\n", path,
			csv_strerror(csv_error(p)));
		goto done;
	}
	rc = 0;
done:
	free(block);
	return rc;
}

int main(int argc, char **argv)
{
	struct floor_counts counts = { 0, 0, 0 };
	struct csv_parser parser;
	FILE *fp;
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: " FLOOR_NAME " FILE.csv\n");
		return 2;
	}
	fp = fopen(argv[1], "rb");
	if (fp == NULL) {
		fprintf(stderr, FLOOR_NAME ": %s: %s\n", argv[1],
			strerror(errno));
		return EXIT_FAILURE;
	}
	if (csv_init(&parser, CSV_APPEND_NULL) != 0) {
		fprintf(stderr, FLOOR_NAME ": out of memory\n");
		fclose(fp);
		return EXIT_FAILURE;
	}
	rc = floor_parse(fp, argv[1], &parser, &counts);
	csv_free(&parser);
	fclose(fp);
	if (rc < 0)
		return EXIT_FAILURE;
	printf("rows=%llu fields=%llu bytes=%llu\n", counts.rows, counts.fields,
	       counts.bytes);
	return EXIT_SUCCESS;
}
