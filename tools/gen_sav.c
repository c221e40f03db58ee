/*
 * gen_sav.c - writes the SPSS and Stata test fixtures of
 * tests/data/exports/ with libreadstat, shaped as the survey tools export
 * them, from the respondents of tests/data/exports/numeric.csv and the
 * words of the shipped questionnaire.
 *
 *   qualtrics.sav   Qualtrics' SPSS export: its metadata variables
 *                   (StartDate ... UserLanguage; Status and Finished as
 *                   labelled codes, dates as SPSS date-times, the
 *                   duration named Duration__in_seconds_), an
 *                   "organization" string, then the matrix Q1_1..Q1_n
 *                   labelled "Question - Statement", each item with the
 *                   value labels 1..5 = the scale's words, 6 = "N/A",
 *                   7 = "Don't know"
 *   qualtrics.zsav  the same, compressed (zlib)
 *   limesurvey.sav  LimeSurvey's SPSS export: id, submitdate, lastpage,
 *                   startlanguage, seed, "organization", then the array
 *                   G1Q1_<item id> labelled "[Statement] Question", one
 *                   shared set of value labels
 *   numeric.dta     a Stata file with numeric.csv's columns
 *                   (respondent_id, organization, the item ids), one
 *                   shared set of value labels named as the scale
 *
 * With a variant, one damaged Qualtrics file OUT/<variant>.sav instead:
 *   mislabelled     item 3's value 2 is labelled "Agree"
 *   out-of-scale    respondent 4 answers item 2 with 9 (no label)
 *   missing-item    the variable of item 7 is left out
 * or, with "plain", OUT/plain.sav, plain.por and plain.dta: numeric.dta's
 * layout in each format (the seeds of the fuzz corpus; any questionnaire
 * with one scale whose CSV has a respondent and an organization column).
 *
 * The output does not depend on the time or the time zone: the files'
 * timestamp is fixed, and libreadstat writes it in UTC here.
 *
 * Usage: gen_sav QUESTIONNAIRE.json NUMERIC.csv OUTDIR [VARIANT]
 *
 * A stand-alone tool: cJSON and libreadstat directly, nothing of libsemm.
 */
#define _POSIX_C_SOURCE 200809L

#include <cjson/cJSON.h>
#include <readstat.h>

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define GEN_MAX_ITEMS 200
#define GEN_MAX_ROWS 64
#define GEN_MAX_FIELDS (GEN_MAX_ITEMS + 8)
#define GEN_SCALE_POINTS 5
#define GEN_NA_CODE 6
#define GEN_DK_CODE 7
#define GEN_BAD_CODE 9
/* 2026-03-04 00:00:00 UTC: the files' timestamp and the survey's day */
#define GEN_TIMESTAMP 1772582400
/* seconds from SPSS's epoch (1582-10-14) to the Unix epoch */
#define GEN_SPSS_EPOCH_OFFSET 12219379200.0
#define GEN_QUESTION \
	"To what extent is each statement true of our organization?"

typedef enum gen_format { GEN_SAV, GEN_POR, GEN_DTA } gen_format;

typedef struct gen_items {
	cJSON *root;
	const char *scale_id;
	size_t n;
	const char *id[GEN_MAX_ITEMS];
	const char *text[GEN_MAX_ITEMS];
	const char *words[GEN_SCALE_POINTS]; /* the scale's labels 1..5 */
	const char *na;
	const char *dk;
} gen_items;

/* numeric.csv: respondent_id, organization, then one column per item */
typedef struct gen_rows {
	char *text;
	char *head[GEN_MAX_FIELDS]; /* the header row */
	size_t n;
	char *field[GEN_MAX_ROWS][GEN_MAX_FIELDS];
	size_t n_fields;
} gen_rows;

typedef struct gen_out {
	FILE *fp;
	const char *path;
} gen_out;

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("gen_sav: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return 1;
}

static char *read_all(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *text = NULL;
	long n;

	if (!fp)
		return NULL;
	if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 &&
	    fseek(fp, 0, SEEK_SET) == 0) {
		text = malloc((size_t)n + 1);
		if (text && fread(text, 1, (size_t)n, fp) != (size_t)n) {
			free(text);
			text = NULL;
		} else if (text) {
			text[n] = '\0';
		}
	}
	fclose(fp);
	return text;
}

static const char *string_of(const cJSON *obj, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The scale's words for 1..5 and its first N/A and don't-know codes. */
static int load_scale(gen_items *q, const cJSON *scale)
{
	const cJSON *labels = cJSON_GetObjectItemCaseSensitive(scale, "labels");
	const cJSON *l;

	cJSON_ArrayForEach(l, labels)
	{
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(l, "value");

		if (cJSON_IsNumber(v) && v->valueint >= 1 &&
		    v->valueint <= GEN_SCALE_POINTS)
			q->words[v->valueint - 1] = string_of(l, "label");
	}
	q->na = cJSON_GetArrayItem(
			cJSON_GetObjectItemCaseSensitive(scale, "na"), 0)
			->valuestring;
	q->dk = cJSON_GetArrayItem(
			cJSON_GetObjectItemCaseSensitive(scale, "dont_know"), 0)
			->valuestring;
	return q->na && q->dk ? 0 : fail("the scale has no N/A or DK code");
}

static int load_items(gen_items *q, const char *path)
{
	char *text = read_all(path);
	const cJSON *item, *scales;
	size_t k;

	if (!text)
		return fail("cannot read %s", path);
	q->root = cJSON_Parse(text);
	free(text);
	if (!q->root)
		return fail("%s: not JSON", path);
	scales = cJSON_GetObjectItemCaseSensitive(q->root, "scales");
	if (cJSON_GetArraySize(scales) != 1 ||
	    load_scale(q, cJSON_GetArrayItem(scales, 0)))
		return fail("%s: expected one scale", path);
	q->scale_id = string_of(cJSON_GetArrayItem(scales, 0), "id");
	cJSON_ArrayForEach(item,
			   cJSON_GetObjectItemCaseSensitive(q->root, "items"))
	{
		if (q->n == GEN_MAX_ITEMS)
			return fail("%s: too many items", path);
		q->id[q->n] = string_of(item, "id");
		q->text[q->n] = string_of(item, "text");
		if (!q->id[q->n] || !q->text[q->n])
			return fail("%s: an item without id or text", path);
		q->n++;
	}
	for (k = 0; k < GEN_SCALE_POINTS; k++) {
		if (!q->words[k])
			return fail("%s: no label for %zu", path, k + 1);
	}
	return 0;
}

/* Splits one CSV line in place: fields may be quoted (holding commas and
 * doubled quotes), never span lines. */
static size_t split_line(char *s, char **field, size_t max)
{
	size_t n = 0;

	while (n < max) {
		char *out = s;

		field[n++] = s;
		if (*s == '"') {
			char *in = s + 1;

			while (*in && !(in[0] == '"' && in[1] != '"')) {
				if (in[0] == '"')
					in++;
				*out++ = *in++;
			}
			s = *in ? in + 1 : in;
		} else {
			while (*s && *s != ',')
				*out++ = *s++;
		}
		if (*s != ',') {
			*out = '\0';
			break;
		}
		s++;
		*out = '\0';
	}
	return n;
}

static int load_rows(gen_rows *rows, const char *path, size_t n_items)
{
	char *line, *next;

	rows->text = read_all(path);
	if (!rows->text)
		return fail("cannot read %s", path);
	line = strchr(rows->text, '\n');
	if (!line)
		return fail("%s: no header row", path);
	*line = '\0';
	if (split_line(rows->text, rows->head, GEN_MAX_FIELDS) != 2 + n_items)
		return fail("%s: the header is not the items'", path);
	while (*++line) {
		next = strchr(line, '\n');
		if (next)
			*next = '\0';
		else
			next = line + strlen(line) - 1;
		if (rows->n == GEN_MAX_ROWS)
			return fail("%s: too many rows", path);
		rows->n_fields =
			split_line(line, rows->field[rows->n], GEN_MAX_FIELDS);
		if (rows->n_fields != 2 + n_items)
			return fail("%s: row %zu has %zu fields", path,
				    rows->n + 1, rows->n_fields);
		rows->n++;
		line = next;
	}
	return rows->n ? 0 : fail("%s: no rows", path);
}

static ssize_t write_bytes(const void *data, size_t len, void *ctx)
{
	gen_out *out = ctx;

	return fwrite(data, 1, len, out->fp) == len ? (ssize_t)len : -1;
}

/* ---- the variables ---------------------------------------------------- */

static readstat_variable_t *add_var(readstat_writer_t *w, const char *name,
				    readstat_type_t type, size_t width,
				    const char *label, const char *format)
{
	readstat_variable_t *v = readstat_add_variable(w, name, type, width);

	if (label)
		readstat_variable_set_label(v, label);
	if (format)
		readstat_variable_set_format(v, format);
	return v;
}

/* The item value labels: the scale's words, N/A and don't know. */
static readstat_label_set_t *item_labels(readstat_writer_t *w,
					 const gen_items *q, const char *name,
					 int mislabel)
{
	readstat_label_set_t *set =
		readstat_add_label_set(w, READSTAT_TYPE_DOUBLE, name);
	int k;

	for (k = 0; k < GEN_SCALE_POINTS; k++)
		readstat_label_double_value(
			set, k + 1, mislabel && k == 1 ? "Agree" : q->words[k]);
	readstat_label_double_value(set, GEN_NA_CODE, q->na);
	readstat_label_double_value(set, GEN_DK_CODE, q->dk);
	return set;
}

/* A cell of numeric.csv as an item's code: blank (-1), a point (as a
 * number or the scale's word), N/A or don't know. */
static int code_of(const gen_items *q, const char *cell)
{
	int k;

	if (!cell[0])
		return -1;
	for (k = 0; k < GEN_SCALE_POINTS; k++) {
		if (strcmp(cell, q->words[k]) == 0)
			return k + 1;
	}
	if (strcmp(cell, q->na) == 0)
		return GEN_NA_CODE;
	if (strcmp(cell, q->dk) == 0)
		return GEN_DK_CODE;
	return (int)strtol(cell, NULL, 10);
}

static void put_code(readstat_writer_t *w, const readstat_variable_t *v,
		     int code)
{
	if (code < 0)
		readstat_insert_missing_value(w, v);
	else
		readstat_insert_double_value(w, v, code);
}

/* ---- Qualtrics --------------------------------------------------------- */

enum {
	Q_START,
	Q_END,
	Q_STATUS,
	Q_IP,
	Q_PROGRESS,
	Q_DURATION,
	Q_FINISHED,
	Q_RECORDED,
	Q_ID,
	Q_LAST,
	Q_FIRST,
	Q_EMAIL,
	Q_EXTERNAL,
	Q_LAT,
	Q_LON,
	Q_CHANNEL,
	Q_LANGUAGE,
	Q_ORG,
	Q_META
};

typedef struct gen_variant {
	int mislabel_item; /* index, -1 none */
	int bad_row;	   /* row answering GEN_BAD_CODE, -1 none */
	int bad_item;	   /* ... to this item */
	int missing_item;  /* index left out, -1 none */
	readstat_compress_t compress;
} gen_variant;

static void qualtrics_meta(readstat_writer_t *w, readstat_variable_t **m)
{
	static const struct {
		double code;
		const char *label;
	} status[] = { { 0, "IP Address" },
		       { 1, "Survey Preview" },
		       { 2, "Survey Test" },
		       { 4, "Imported" },
		       { 8, "Spam" },
		       { 9, "Survey Preview Spam" },
		       { 12, "Imported Spam" },
		       { 16, "Offline" },
		       { 17, "Offline Survey Preview" },
		       { 32, "EX" },
		       { 40, "EX Spam" },
		       { 48, "EX Offline" } };
	readstat_label_set_t *st =
		readstat_add_label_set(w, READSTAT_TYPE_DOUBLE, "Status");
	readstat_label_set_t *fin =
		readstat_add_label_set(w, READSTAT_TYPE_DOUBLE, "Finished");
	size_t k;

	for (k = 0; k < sizeof(status) / sizeof(status[0]); k++)
		readstat_label_double_value(st, status[k].code,
					    status[k].label);
	readstat_label_double_value(fin, 0, "False");
	readstat_label_double_value(fin, 1, "True");
	m[Q_START] = add_var(w, "StartDate", READSTAT_TYPE_DOUBLE, 0,
			     "Start Date", "DATETIME20");
	m[Q_END] = add_var(w, "EndDate", READSTAT_TYPE_DOUBLE, 0, "End Date",
			   "DATETIME20");
	m[Q_STATUS] = add_var(w, "Status", READSTAT_TYPE_DOUBLE, 0,
			      "Response Type", NULL);
	readstat_variable_set_label_set(m[Q_STATUS], st);
	m[Q_IP] = add_var(w, "IPAddress", READSTAT_TYPE_STRING, 15,
			  "IP Address", NULL);
	m[Q_PROGRESS] = add_var(w, "Progress", READSTAT_TYPE_DOUBLE, 0,
				"Progress", NULL);
	m[Q_DURATION] =
		add_var(w, "Duration__in_seconds_", READSTAT_TYPE_DOUBLE, 0,
			"Duration (in seconds)", NULL);
	m[Q_FINISHED] = add_var(w, "Finished", READSTAT_TYPE_DOUBLE, 0,
				"Finished", NULL);
	readstat_variable_set_label_set(m[Q_FINISHED], fin);
	m[Q_RECORDED] = add_var(w, "RecordedDate", READSTAT_TYPE_DOUBLE, 0,
				"Recorded Date", "DATETIME20");
	m[Q_ID] = add_var(w, "ResponseId", READSTAT_TYPE_STRING, 18,
			  "Response ID", NULL);
	m[Q_LAST] = add_var(w, "RecipientLastName", READSTAT_TYPE_STRING, 1,
			    "Recipient Last Name", NULL);
	m[Q_FIRST] = add_var(w, "RecipientFirstName", READSTAT_TYPE_STRING, 1,
			     "Recipient First Name", NULL);
	m[Q_EMAIL] = add_var(w, "RecipientEmail", READSTAT_TYPE_STRING, 1,
			     "Recipient Email", NULL);
	m[Q_EXTERNAL] = add_var(w, "ExternalReference", READSTAT_TYPE_STRING, 1,
				"External Data Reference", NULL);
	m[Q_LAT] = add_var(w, "LocationLatitude", READSTAT_TYPE_STRING, 16,
			   "Location Latitude", NULL);
	m[Q_LON] = add_var(w, "LocationLongitude", READSTAT_TYPE_STRING, 16,
			   "Location Longitude", NULL);
	m[Q_CHANNEL] = add_var(w, "DistributionChannel", READSTAT_TYPE_STRING,
			       9, "Distribution Channel", NULL);
	m[Q_LANGUAGE] = add_var(w, "UserLanguage", READSTAT_TYPE_STRING, 2,
				"User Language", NULL);
	m[Q_ORG] = add_var(w, "organization", READSTAT_TYPE_STRING, 64,
			   "Which organization do you work for?", NULL);
}

static void qualtrics_items(readstat_writer_t *w, const gen_items *q,
			    const gen_variant *vr, readstat_variable_t **item)
{
	char name[32], label[1024], set[32];
	size_t k;

	for (k = 0; k < q->n; k++) {
		item[k] = NULL;
		if ((int)k == vr->missing_item)
			continue;
		snprintf(name, sizeof(name), "Q1_%zu", k + 1);
		snprintf(set, sizeof(set), "labels%zu", k);
		snprintf(label, sizeof(label), "%s - %s", GEN_QUESTION,
			 q->text[k]);
		item[k] = add_var(w, name, READSTAT_TYPE_DOUBLE, 0, label,
				  "F40.0");
		readstat_variable_set_label_set(
			item[k],
			item_labels(w, q, set, (int)k == vr->mislabel_item));
	}
}

/* Respondent i's metadata: a survey day of 2026-03-04 from 09:15, ids as
 * in numeric.csv. */
static void qualtrics_row_meta(readstat_writer_t *w, readstat_variable_t **m,
			       const gen_rows *rows, size_t i)
{
	double start = GEN_SPSS_EPOCH_OFFSET + GEN_TIMESTAMP + 33302.0 +
		       3661.0 * (double)i;
	double duration = 300.0 + 37.0 * (double)i;
	char ip[32];

	snprintf(ip, sizeof(ip), "203.0.113.%zu", 17 + i);
	readstat_insert_double_value(w, m[Q_START], start);
	readstat_insert_double_value(w, m[Q_END], start + duration);
	readstat_insert_double_value(w, m[Q_STATUS], 0);
	readstat_insert_string_value(w, m[Q_IP], ip);
	readstat_insert_double_value(w, m[Q_PROGRESS], 100);
	readstat_insert_double_value(w, m[Q_DURATION], duration);
	readstat_insert_double_value(w, m[Q_FINISHED], 1);
	readstat_insert_double_value(w, m[Q_RECORDED], start + duration);
	readstat_insert_string_value(w, m[Q_ID], rows->field[i][0]);
	readstat_insert_string_value(w, m[Q_LAST], "");
	readstat_insert_string_value(w, m[Q_FIRST], "");
	readstat_insert_string_value(w, m[Q_EMAIL], "");
	readstat_insert_string_value(w, m[Q_EXTERNAL], "");
	readstat_insert_string_value(w, m[Q_LAT], "39.7392");
	readstat_insert_string_value(w, m[Q_LON], "-104.9903");
	readstat_insert_string_value(w, m[Q_CHANNEL], "anonymous");
	readstat_insert_string_value(w, m[Q_LANGUAGE], "EN");
	readstat_insert_string_value(w, m[Q_ORG], rows->field[i][1]);
}

static readstat_writer_t *writer_for(void)
{
	readstat_writer_t *w = readstat_writer_init();

	readstat_set_data_writer(w, write_bytes);
	readstat_writer_set_file_timestamp(w, GEN_TIMESTAMP);
	return w;
}

static int write_qualtrics(gen_out *out, const gen_items *q,
			   const gen_rows *rows, const gen_variant *vr)
{
	readstat_variable_t *m[Q_META], *item[GEN_MAX_ITEMS];
	readstat_writer_t *w = writer_for();
	readstat_error_t e;
	size_t i, k;

	readstat_writer_set_compression(w, vr->compress);
	qualtrics_meta(w, m);
	qualtrics_items(w, q, vr, item);
	e = readstat_begin_writing_sav(w, out, (long)rows->n);
	for (i = 0; e == READSTAT_OK && i < rows->n; i++) {
		readstat_begin_row(w);
		qualtrics_row_meta(w, m, rows, i);
		for (k = 0; k < q->n; k++) {
			int code = code_of(q, rows->field[i][2 + k]);

			if ((int)i == vr->bad_row && (int)k == vr->bad_item)
				code = GEN_BAD_CODE;
			if (item[k])
				put_code(w, item[k], code);
		}
		e = readstat_end_row(w);
	}
	if (e == READSTAT_OK)
		e = readstat_end_writing(w);
	readstat_writer_free(w);
	return e == READSTAT_OK
		       ? 0
		       : fail("%s: %s", out->path, readstat_error_message(e));
}

/* ---- LimeSurvey --------------------------------------------------------- */

static int write_limesurvey(gen_out *out, const gen_items *q,
			    const gen_rows *rows)
{
	readstat_variable_t *id, *submit, *lastpage, *lang, *seed, *org;
	readstat_variable_t *item[GEN_MAX_ITEMS];
	readstat_writer_t *w = writer_for();
	readstat_label_set_t *set = item_labels(w, q, "labels0", 0);
	char name[32], label[1024];
	readstat_error_t e;
	size_t i, k;

	id = add_var(w, "id", READSTAT_TYPE_DOUBLE, 0, "Response ID", "F4.0");
	submit = add_var(w, "submitdate", READSTAT_TYPE_DOUBLE, 0,
			 "Date submitted", "DATETIME20");
	lastpage = add_var(w, "lastpage", READSTAT_TYPE_DOUBLE, 0, "Last page",
			   "F1.0");
	lang = add_var(w, "startlanguage", READSTAT_TYPE_STRING, 2,
		       "Start language", NULL);
	seed = add_var(w, "seed", READSTAT_TYPE_DOUBLE, 0, "Seed", "F10.0");
	org = add_var(w, "organization", READSTAT_TYPE_STRING, 64,
		      "Which organization do you work for?", NULL);
	for (k = 0; k < q->n; k++) {
		snprintf(name, sizeof(name), "G1Q1_%s", q->id[k]);
		snprintf(label, sizeof(label), "[%s] %s", q->text[k],
			 GEN_QUESTION);
		item[k] = add_var(w, name, READSTAT_TYPE_DOUBLE, 0, label,
				  "F1.0");
		readstat_variable_set_label_set(item[k], set);
	}
	e = readstat_begin_writing_sav(w, out, (long)rows->n);
	for (i = 0; e == READSTAT_OK && i < rows->n; i++) {
		double at = GEN_SPSS_EPOCH_OFFSET + GEN_TIMESTAMP + 33730.0 +
			    3661.0 * (double)i;

		readstat_begin_row(w);
		readstat_insert_double_value(w, id,
					     strtod(rows->field[i][0], NULL));
		readstat_insert_double_value(w, submit, at);
		readstat_insert_double_value(w, lastpage, 2);
		readstat_insert_string_value(w, lang, "en");
		readstat_insert_double_value(w, seed,
					     1193046471.0 + 7919.0 * (double)i);
		readstat_insert_string_value(w, org, rows->field[i][1]);
		for (k = 0; k < q->n; k++)
			put_code(w, item[k], code_of(q, rows->field[i][2 + k]));
		e = readstat_end_row(w);
	}
	if (e == READSTAT_OK)
		e = readstat_end_writing(w);
	readstat_writer_free(w);
	return e == READSTAT_OK
		       ? 0
		       : fail("%s: %s", out->path, readstat_error_message(e));
}

/* ---- Stata --------------------------------------------------------------- */

/* A plain file of format f: numeric.csv's own column names (upper case
 * in a portable file, which allows no other), the items' statements as
 * variable labels, one shared set of value labels named as the scale. */
static int write_plain(gen_out *out, const gen_items *q, const gen_rows *rows,
		       gen_format f)
{
	readstat_variable_t *v[GEN_MAX_FIELDS];
	readstat_writer_t *w = writer_for();
	readstat_type_t type =
		f == GEN_DTA ? READSTAT_TYPE_INT8 : READSTAT_TYPE_DOUBLE;
	readstat_label_set_t *set = readstat_add_label_set(
		w, f == GEN_DTA ? READSTAT_TYPE_INT8 : READSTAT_TYPE_DOUBLE,
		q->scale_id);
	readstat_error_t e;
	size_t i, k;

	for (k = 0; k < GEN_SCALE_POINTS + 2; k++) {
		const char *text = k < GEN_SCALE_POINTS	   ? q->words[k]
				   : k == GEN_SCALE_POINTS ? q->na
							   : q->dk;

		if (f == GEN_DTA)
			readstat_label_int32_value(set, (int32_t)k + 1, text);
		else
			readstat_label_double_value(set, (double)k + 1, text);
	}
	for (k = 0; k < rows->n_fields; k++) {
		char name[64];
		size_t c;

		snprintf(name, sizeof(name), "%s", rows->head[k]);
		for (c = 0; f == GEN_POR && name[c]; c++)
			name[c] = (char)toupper((unsigned char)name[c]);
		v[k] = k < 2 ? add_var(w, name, READSTAT_TYPE_STRING,
				       k ? 64 : 8,
				       k ? "Organization" : "Respondent", NULL)
			     : add_var(w, name, type, 0, q->text[k - 2], NULL);
		if (k >= 2)
			readstat_variable_set_label_set(v[k], set);
	}
	e = f == GEN_DTA   ? readstat_begin_writing_dta(w, out, (long)rows->n)
	    : f == GEN_POR ? readstat_begin_writing_por(w, out, (long)rows->n)
			   : readstat_begin_writing_sav(w, out, (long)rows->n);
	for (i = 0; e == READSTAT_OK && i < rows->n; i++) {
		e = readstat_begin_row(w);
		for (k = 0; e == READSTAT_OK && k < rows->n_fields; k++) {
			int code = k < 2 ? 0 : code_of(q, rows->field[i][k]);

			if (k < 2)
				e = readstat_insert_string_value(
					w, v[k], rows->field[i][k]);
			else if (code < 0)
				e = readstat_insert_missing_value(w, v[k]);
			else if (f == GEN_DTA)
				e = readstat_insert_int8_value(w, v[k],
							       (int8_t)code);
			else
				e = readstat_insert_double_value(w, v[k], code);
		}
		if (e == READSTAT_OK)
			e = readstat_end_row(w);
	}
	if (e == READSTAT_OK)
		e = readstat_end_writing(w);
	readstat_writer_free(w);
	return e == READSTAT_OK
		       ? 0
		       : fail("%s: %s", out->path, readstat_error_message(e));
}

/* ---- main ------------------------------------------------------------------ */

typedef int (*gen_fn)(gen_out *out, const gen_items *q, const gen_rows *rows,
		      const gen_variant *vr);

static int gen_limesurvey(gen_out *out, const gen_items *q,
			  const gen_rows *rows, const gen_variant *vr)
{
	(void)vr;
	return write_limesurvey(out, q, rows);
}

static int gen_sav(gen_out *out, const gen_items *q, const gen_rows *rows,
		   const gen_variant *vr)
{
	(void)vr;
	return write_plain(out, q, rows, GEN_SAV);
}

static int gen_por(gen_out *out, const gen_items *q, const gen_rows *rows,
		   const gen_variant *vr)
{
	(void)vr;
	return write_plain(out, q, rows, GEN_POR);
}

static int gen_dta(gen_out *out, const gen_items *q, const gen_rows *rows,
		   const gen_variant *vr)
{
	(void)vr;
	return write_plain(out, q, rows, GEN_DTA);
}

static int write_file(const char *dir, const char *name, gen_fn fn,
		      const gen_items *q, const gen_rows *rows,
		      const gen_variant *vr)
{
	char path[4096];
	gen_out out;
	int rc;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	out.path = path;
	out.fp = fopen(path, "wb");
	if (!out.fp)
		return fail("cannot write %s", path);
	rc = fn(&out, q, rows, vr);
	if (fclose(out.fp) != 0 && rc == 0)
		rc = fail("cannot write %s", path);
	return rc;
}

/* The variant named, or -1 when the name is unknown. */
static int variant_of(const char *name, const gen_items *q, gen_variant *vr)
{
	vr->mislabel_item = vr->bad_row = vr->bad_item = -1;
	vr->missing_item = -1;
	vr->compress = READSTAT_COMPRESS_ROWS;
	if (!name)
		return 0;
	if (strcmp(name, "mislabelled") == 0 && q->n >= 3)
		vr->mislabel_item = 2;
	else if (strcmp(name, "out-of-scale") == 0 && q->n >= 2) {
		vr->bad_row = 3;
		vr->bad_item = 1;
	} else if (strcmp(name, "missing-item") == 0 && q->n >= 7)
		vr->missing_item = 6;
	else
		return -1;
	return 0;
}

static int generate(const char *dir, const char *variant, const gen_items *q,
		    const gen_rows *rows)
{
	char name[64];
	gen_variant vr;
	int rc;

	if (variant && strcmp(variant, "plain") == 0) {
		variant_of(NULL, q, &vr);
		rc = write_file(dir, "plain.sav", gen_sav, q, rows, &vr);
		if (rc == 0)
			rc = write_file(dir, "plain.por", gen_por, q, rows,
					&vr);
		return rc ? rc
			  : write_file(dir, "plain.dta", gen_dta, q, rows, &vr);
	}
	if (variant_of(variant, q, &vr) < 0)
		return fail("unknown variant \"%s\"", variant);
	if (variant) {
		snprintf(name, sizeof(name), "%s.sav", variant);
		return write_file(dir, name, write_qualtrics, q, rows, &vr);
	}
	rc = write_file(dir, "qualtrics.sav", write_qualtrics, q, rows, &vr);
	vr.compress = READSTAT_COMPRESS_BINARY;
	if (rc == 0)
		rc = write_file(dir, "qualtrics.zsav", write_qualtrics, q, rows,
				&vr);
	if (rc == 0)
		rc = write_file(dir, "limesurvey.sav", gen_limesurvey, q, rows,
				&vr);
	if (rc == 0)
		rc = write_file(dir, "numeric.dta", gen_dta, q, rows, &vr);
	return rc;
}

int main(int argc, char **argv)
{
	gen_items q;
	gen_rows rows;
	int rc;

	if (argc < 4 || argc > 5) {
		fputs("usage: gen_sav QUESTIONNAIRE.json NUMERIC.csv OUTDIR "
		      "[mislabelled|out-of-scale|missing-item|plain]\n",
		      stderr);
		return 2;
	}
	/* libreadstat writes the timestamp in local time */
	setenv("TZ", "UTC", 1);
	tzset();
	memset(&q, 0, sizeof(q));
	memset(&rows, 0, sizeof(rows));
	rc = load_items(&q, argv[1]);
	if (rc == 0)
		rc = load_rows(&rows, argv[2], q.n);
	if (rc == 0)
		rc = generate(argv[3], argc == 5 ? argv[4] : NULL, &q, &rows);
	cJSON_Delete(q.root);
	free(rows.text);
	return rc;
}
