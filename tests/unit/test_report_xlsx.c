/*
 * test_report_xlsx.c - report.xlsx where the end-to-end check
 * (tests/e2e/check_xlsx.py) cannot reach: a table longer than a sheet
 * (sheets made short) and a stream that refuses writes. The workbook is
 * read back here with a small zip reader over zlib.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <zlib.h>

#include "test_helpers.h"

static semm_model *model;
static semm_questionnaire *quest;
static semm_responses *resp;
static semm_result *res;

static void setup(void)
{
	semm_error err;

	semm_error_clear(&err);
	load_handworked(&model, &quest, &resp);
	cr_assert_eq(semm_score_run(&res, model, quest, resp, NULL, &err), 0,
		     "%s", err.message);
}

static void teardown(void)
{
	free_loaded(&res, &resp, &quest, &model);
}

/* ---- reading a member of a zip file ------------------------------------ */

static unsigned get16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static unsigned long get32(const unsigned char *p)
{
	return (unsigned long)get16(p) | (unsigned long)get16(p + 2) << 16;
}

/* The member `name` of the zip in data[0..n), inflated and NUL-ended;
 * NULL when it is not there. Caller frees. */
static char *zip_member(const unsigned char *data, size_t n, const char *name)
{
	size_t end = n - 22, at, k, count;
	char *out = NULL;

	while (end > 0 && get32(data + end) != 0x06054b50UL)
		end--;
	cr_assert_gt(end, 0, "no end of central directory");
	count = get16(data + end + 10);
	at = get32(data + end + 16);
	for (k = 0; k < count; k++) {
		const unsigned char *c = data + at;
		size_t nlen = get16(c + 28), csize = get32(c + 20);
		size_t usize = get32(c + 24), local = get32(c + 42);

		cr_assert_eq(get32(c), 0x02014b50UL);
		if (strlen(name) == nlen && memcmp(c + 46, name, nlen) == 0) {
			const unsigned char *l = data + local;
			z_stream z;

			memset(&z, 0, sizeof(z));
			out = malloc(usize + 1);
			cr_assert_not_null(out);
			z.next_in = (unsigned char *)l + 30 + get16(l + 26) +
				    get16(l + 28);
			z.avail_in = (uInt)csize;
			z.next_out = (unsigned char *)out;
			z.avail_out = (uInt)usize;
			cr_assert_eq(inflateInit2(&z, -MAX_WBITS), Z_OK);
			cr_assert_eq(inflate(&z, Z_FINISH), Z_STREAM_END);
			inflateEnd(&z);
			out[usize] = '\0';
			break;
		}
		at += 46 + nlen + get16(c + 30) + get16(c + 32);
	}
	return out;
}

/* Writes the workbook with sheets of max_rows rows into memory. */
static unsigned char *workbook(size_t max_rows, size_t *n)
{
	FILE *fp = tmpfile();
	unsigned char *data;
	long len;

	cr_assert_not_null(fp);
	cr_assert_eq(semm__report_write_xlsx(res, fp, max_rows), SEMM_OK);
	len = ftell(fp);
	cr_assert_gt(len, 22);
	rewind(fp);
	data = malloc((size_t)len);
	cr_assert_not_null(data);
	cr_assert_eq(fread(data, 1, (size_t)len, fp), (size_t)len);
	fclose(fp);
	*n = (size_t)len;
	return data;
}

/* ---- tables longer than a sheet ----------------------------------------- */

Test(report_xlsx, a_table_longer_than_a_sheet_ends_in_a_note, .init = setup,
     .fini = teardown)
{
	/* sheets of 24 rows: a header, 22 rows of the table, the note */
	const size_t max_rows = 24, shown = max_rows - 2;
	size_t n, rows = res->n_groups *
			 (1 + model->n_dims + model->n_elems + quest->n_items);
	unsigned char *data = workbook(max_rows, &n);
	char *scores = zip_member(data, n, "xl/worksheets/sheet2.xml");
	char *summary = zip_member(data, n, "xl/worksheets/sheet1.xml");
	char note[160], names[64];

	cr_assert_not_null(scores);
	cr_assert_not_null(summary);
	cr_assert_gt(rows, shown);
	snprintf(note, sizeof(note),
		 "%zu more row(s) not shown: a sheet holds 24 rows; all are "
		 "in scores.csv",
		 rows - shown);
	cr_expect_not_null(strstr(scores, note), "no note \"%s\"", note);
	cr_expect_not_null(strstr(scores, "<row r=\"24\""));
	cr_expect_null(strstr(scores, "<row r=\"25\""));
	/* the filter covers the rows shown, not the note */
	cr_expect_not_null(strstr(scores, "<autoFilter ref=\"A1:AD23\"/>"));
	snprintf(names, sizeof(names), "Scores: %zu", rows - shown);
	cr_expect_not_null(strstr(summary, "Rows not shown"));
	cr_expect_not_null(strstr(summary, names), "no \"%s\"", names);
	free(scores);
	free(summary);
	free(data);
}

Test(report_xlsx, tables_that_fit_have_no_note, .init = setup, .fini = teardown)
{
	size_t n;
	unsigned char *data = workbook(1048576, &n);
	char *scores = zip_member(data, n, "xl/worksheets/sheet2.xml");
	char *summary = zip_member(data, n, "xl/worksheets/sheet1.xml");

	cr_assert_not_null(scores);
	cr_expect_null(strstr(scores, "not shown"));
	cr_expect_null(strstr(summary, "Rows not shown"));
	cr_expect_not_null(strstr(scores, "state=\"frozen\""));
	free(scores);
	free(summary);
	free(data);
}

Test(report_xlsx, a_stream_refusing_writes_is_eio, .init = setup,
     .fini = teardown)
{
	/* a stream open for reading only refuses every write */
	FILE *fp = fopen(DATA("tests/data/handworked/responses.csv"), "r");

	cr_assert_not_null(fp);
	cr_expect_eq(semm_report_write_xlsx(res, fp), SEMM_EIO);
	cr_expect_eq(semm_report_write_xlsx(NULL, fp), SEMM_EARG);
	fclose(fp);
}
