/*
 * test_responses_sav.c - reading respondents from SPSS (.sav, .zsav,
 * .por) and Stata (.dta) files (src/input/responses_sav.c). Each test
 * writes its file into memory with libreadstat's writer, so the bytes
 * come from a second implementation, and reads it back through the
 * public API. Uses the hand-worked questionnaire: items A1 A2 B1 B2 B3 C1
 * C2 on scale s5 1..5 (never/rarely/sometimes/often/always, N/A "N/A",
 * don't know "DK"), respondent column "id", organization column "org".
 * Expected codes and messages are written out by hand.
 */
#define _POSIX_C_SOURCE 200809L

#include <readstat.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "test_helpers.h"

typedef struct tlabel {
	double value;
	const char *text;
	char tag; /* a tagged missing value (Stata), 0 */
} tlabel;

typedef struct tvar {
	const char *name;
	int string;
	const char *label;
	const tlabel *labels; /* ends with text NULL; NULL: none */
	double missing;	      /* a user-missing value (SPSS), 0 none */
} tvar;

static const tlabel scale_words[] = { { 1, "never", 0 },     { 2, "rarely", 0 },
				      { 3, "sometimes", 0 }, { 4, "often", 0 },
				      { 5, "always", 0 },    { 6, "N/A", 0 },
				      { 7, "DK", 0 },	     { 0, NULL, 0 } };
static const tlabel orgs[] = { { 1, "Acme", 0 },
			       { 2, "Beta Ltd.", 0 },
			       { 0, NULL, 0 } };

/* id (string), org (numeric, labelled), the seven items (labelled) */
static const tvar base_vars[] = {
	{ "id", 1, "Respondent", NULL, 0 },
	{ "org", 0, "Organization", orgs, 0 },
	{ "A1", 0, "Item A1", scale_words, 0 },
	{ "A2", 0, "Item A2", scale_words, 0 },
	{ "B1", 0, "Item B1", scale_words, 0 },
	{ "B2", 0, "Item B2", scale_words, 0 },
	{ "B3", 0, "Item B3", scale_words, 0 },
	{ "C1", 0, "Item C1", scale_words, 0 },
	{ "C2", 0, "Item C2", scale_words, 0 },
};
#define N_BASE (sizeof(base_vars) / sizeof(base_vars[0]))

static semm_model *model;
static semm_questionnaire *quest;
static semm_responses *resp;
static semm_error err;

static void setup(void)
{
	semm_error_clear(&err);
	cr_assert_eq(
		semm_model_from_file(
			&model, DATA("tests/data/handworked/model.json"), &err),
		0);
	cr_assert_eq(semm_questionnaire_from_file(
			     &quest,
			     DATA("tests/data/handworked/questionnaire.json"),
			     &err),
		     0);
	cr_assert_eq(semm_questionnaire_bind(quest, model, &err), 0);
	cr_assert_eq(semm_responses_new(&resp, quest, NULL), 0);
}

static void teardown(void)
{
	semm_responses_free(resp);
	semm_questionnaire_free(quest);
	semm_model_free(model);
}

TestSuite(sav, .init = setup, .fini = teardown);

/* ---- writing a file into memory ----------------------------------------- */

typedef struct tbuf {
	char *data;
	size_t len;
} tbuf;

static ssize_t put_bytes(const void *data, size_t len, void *ctx)
{
	tbuf *b = ctx;
	char *p = realloc(b->data, b->len + len + 1);

	cr_assert(p);
	memcpy(p + b->len, data, len);
	b->data = p;
	b->len += len;
	return (ssize_t)len;
}

static readstat_label_set_t *label_set(readstat_writer_t *w, semm_stat_format f,
				       const tlabel *l, size_t i)
{
	char name[16];
	readstat_label_set_t *set;

	snprintf(name, sizeof(name), "l%zu", i);
	set = readstat_add_label_set(w,
				     f == SEMM_STAT_DTA ? READSTAT_TYPE_INT32
							: READSTAT_TYPE_DOUBLE,
				     name);
	for (; l->text; l++) {
		if (l->tag)
			readstat_label_tagged_value(set, l->tag, l->text);
		else if (f == SEMM_STAT_DTA)
			readstat_label_int32_value(set, (int32_t)l->value,
						   l->text);
		else
			readstat_label_double_value(set, l->value, l->text);
	}
	return set;
}

/* One cell: NULL is missing, ".a" a tagged missing value, else text (a
 * string variable) or a number. */
static void put_cell(readstat_writer_t *w, const readstat_variable_t *v,
		     const tvar *t, const char *cell)
{
	readstat_error_t e;

	if (!cell)
		e = readstat_insert_missing_value(w, v);
	else if (t->string)
		e = readstat_insert_string_value(w, v, cell);
	else if (cell[0] == '.' && cell[1])
		e = readstat_insert_tagged_missing_value(w, v, cell[1]);
	else
		e = readstat_insert_double_value(w, v, strtod(cell, NULL));
	cr_assert_eq(e, READSTAT_OK, "%s", readstat_error_message(e));
}

static readstat_error_t begin(readstat_writer_t *w, semm_stat_format f, tbuf *b,
			      size_t n_rows, int zsav)
{
	if (f == SEMM_STAT_DTA)
		return readstat_begin_writing_dta(w, b, (long)n_rows);
	if (f == SEMM_STAT_POR)
		return readstat_begin_writing_por(w, b, (long)n_rows);
	if (zsav)
		readstat_writer_set_compression(w, READSTAT_COMPRESS_BINARY);
	return readstat_begin_writing_sav(w, b, (long)n_rows);
}

/* Writes vars and rows (n_rows x n_vars cells) as a file of format f. */
static tbuf make_file(semm_stat_format f, int zsav, const tvar *vars,
		      size_t n_vars, const char *const *cells, size_t n_rows)
{
	readstat_writer_t *w = readstat_writer_init();
	readstat_variable_t *v[32];
	tbuf b = { NULL, 0 };
	readstat_error_t e;
	size_t i, k;

	cr_assert(n_vars <= 32);
	readstat_set_data_writer(w, put_bytes);
	readstat_writer_set_file_timestamp(w, 1772582400);
	for (k = 0; k < n_vars; k++) {
		v[k] = readstat_add_variable(w, vars[k].name,
					     vars[k].string
						     ? READSTAT_TYPE_STRING
						     : READSTAT_TYPE_DOUBLE,
					     vars[k].string ? 24 : 0);
		readstat_variable_set_label(v[k], vars[k].label);
		if (vars[k].labels)
			readstat_variable_set_label_set(
				v[k], label_set(w, f, vars[k].labels, k));
		if (vars[k].missing != 0)
			readstat_variable_add_missing_double_value(
				v[k], vars[k].missing);
	}
	e = begin(w, f, &b, n_rows, zsav);
	for (i = 0; e == READSTAT_OK && i < n_rows; i++) {
		e = readstat_begin_row(w);
		cr_assert_eq(e, READSTAT_OK, "row: %s",
			     readstat_error_message(e));
		for (k = 0; k < n_vars; k++)
			put_cell(w, v[k], &vars[k], cells[i * n_vars + k]);
		e = readstat_end_row(w);
	}
	if (e == READSTAT_OK)
		e = readstat_end_writing(w);
	readstat_writer_free(w);
	cr_assert_eq(e, READSTAT_OK, "writing: %s", readstat_error_message(e));
	return b;
}

static int read_file(const tbuf *b, semm_stat_format f, const char *source)
{
	semm_error_clear(&err);
	return semm_responses_read_stat_buffer(resp, b->data, b->len, f, source,
					       &err);
}

/* Writes and reads; frees the bytes. */
static int write_read(semm_stat_format f, const tvar *vars, size_t n_vars,
		      const char *const *cells, size_t n_rows,
		      const char *source)
{
	tbuf b = make_file(f, 0, vars, n_vars, cells, n_rows);
	int rc = read_file(&b, f, source);

	free(b.data);
	return rc;
}

static const char *rejection(size_t i)
{
	static char buf[600];

	return semm_responses_rejection(resp, i, buf, sizeof(buf));
}

static const char *error_line(void)
{
	static char buf[1024];

	return semm_error_format(&err, buf, sizeof(buf));
}

static uint8_t code_at(size_t i, size_t j)
{
	uint8_t codes[64];

	semm__responses_unpack(resp, i, codes);
	return codes[j];
}

/* Row i's group (organization) and respondent id, as stored. */
static const char *group_of(size_t i)
{
	uint32_t g = semm__row_group(resp, i);

	return g == SEMM__NONE32 ? "" : resp->groups.value[g];
}

static const char *id_of(size_t i)
{
	semm__where w;
	semm__idref ref;

	memcpy(&w, semm__chunk_at(&resp->where, i), sizeof(w));
	semm__idset_ref(&resp->ids, w.id, &ref);
	return ref.id;
}

static unsigned long line_of(size_t i)
{
	semm__where w;

	memcpy(&w, semm__chunk_at(&resp->where, i), sizeof(w));
	return (unsigned long)w.line;
}

static void reopen(const semm_read_options *o)
{
	semm_responses_free(resp);
	cr_assert_eq(semm_responses_new(&resp, quest, o), 0);
}

static const char *const base_cells[] = {
	"r1", "1", "3", "6", NULL, "1", "1", "1", "1",
	"r2", "2", "1", "1", "1",  "1", "1", "1", "5",
};

/* ---- values ----------------------------------------------------------- */

Test(sav, numbers_labels_and_missing_values_read_as_answers)
{
	/* A2 is a string variable holding a label, as a CSV cell would;
	 * C1 has 9 declared user-missing and labelled "Refused" */
	tvar vars[N_BASE];
	static const tlabel c1_words[] = { { 1, "never", 0 },
					   { 9, "Refused", 0 },
					   { 6, "N/A", 0 },
					   { 0, NULL, 0 } };
	const char *cells[] = {
		"r1", "1", "3", "often", "6", "7", NULL, "9", "5",
		"r2", "2", "1", "2",	 "5", "4", "3",	 "6", "2",
	};

	memcpy(vars, base_vars, sizeof(vars));
	vars[3].string = 1;
	vars[3].labels = NULL;
	vars[7].labels = c1_words;
	vars[7].missing = 9;
	cr_assert_eq(write_read(SEMM_STAT_SAV, vars, N_BASE, cells, 2, "t.sav"),
		     0, "%s", error_line());
	cr_assert_eq(semm_responses_count(resp), 2);
	cr_expect_eq(code_at(0, 0), 2); /* 3 on 1..5 */
	cr_expect_eq(code_at(0, 1), 3); /* "often" = 4 */
	cr_expect_eq(code_at(0, 2), SEMM__ANS_NA);
	cr_expect_eq(code_at(0, 3), SEMM__ANS_DK);
	cr_expect_eq(code_at(0, 4), SEMM__ANS_BLANK);
	cr_expect_eq(code_at(0, 5), SEMM__ANS_BLANK); /* user-missing */
	cr_expect_eq(code_at(0, 6), 4);
	cr_expect_eq(code_at(1, 1), 1);		   /* string "2" */
	cr_expect_eq(code_at(1, 5), SEMM__ANS_NA); /* 6 "N/A" */
	cr_expect_str_eq(group_of(0), "Acme");	   /* labelled code */
	cr_expect_str_eq(group_of(1), "Beta Ltd.");
	cr_expect_str_eq(id_of(1), "r2");
	cr_expect_eq(line_of(1), 2); /* the record number */
}

Test(sav, a_user_missing_value_labelled_na_is_na)
{
	tvar vars[N_BASE];
	static const tlabel a1_words[] = { { 98, "N/A", 0 },
					   { 99, "DK", 0 },
					   { 0, NULL, 0 } };
	const char *cells[] = { "r1", "1", "98", "1", "1", "1", "1", "1", "1",
				"r2", "1", "99", "1", "1", "1", "1", "1", "1" };

	memcpy(vars, base_vars, sizeof(vars));
	vars[2].labels = a1_words;
	vars[2].missing = 98;
	cr_assert_eq(write_read(SEMM_STAT_SAV, vars, N_BASE, cells, 2, "t.sav"),
		     0, "%s", error_line());
	cr_expect_eq(code_at(0, 0), SEMM__ANS_NA);
	cr_expect_eq(code_at(1, 0), SEMM__ANS_DK); /* not missing, labelled */
}

Test(sav, numbers_without_a_label_are_written_shortest)
{
	tvar vars[N_BASE];
	const char *cells[] = {
		"r1", "12",  "1", "1", "1", "1", "1", "1", "1",
		"r2", "2.5", "1", "1", "1", "1", "1", "1", "1"
	};

	memcpy(vars, base_vars, sizeof(vars));
	cr_assert_eq(write_read(SEMM_STAT_SAV, vars, N_BASE, cells, 2, "t.sav"),
		     0, "%s", error_line());
	cr_expect_str_eq(group_of(0), "12");
	cr_expect_str_eq(group_of(1), "2.5");
}

Test(sav, numeric_respondent_ids_read_as_text)
{
	tvar vars[N_BASE];
	const char *cells[] = {
		"1007", "1", "1", "1", "1", "1", "1", "1", "1"
	};

	memcpy(vars, base_vars, sizeof(vars));
	vars[0].string = 0;
	cr_assert_eq(write_read(SEMM_STAT_SAV, vars, N_BASE, cells, 1, "t.sav"),
		     0, "%s", error_line());
	cr_expect_str_eq(id_of(0), "1007");
}

/* ---- value labels against the scale ------------------------------------ */

Test(sav, a_label_contradicting_the_scale_fails_the_file)
{
	tvar vars[N_BASE];
	static const tlabel agree[] = { { 1, "never", 0 },
					{ 2, "Agree", 0 },
					{ 0, NULL, 0 } };
	const char *cells[] = { "r1", "1", "1", "1", "1", "1", "1", "1", "1" };

	memcpy(vars, base_vars, sizeof(vars));
	vars[4].labels = agree;
	cr_expect_eq(write_read(SEMM_STAT_SAV, vars, N_BASE, cells, 1, "t.sav"),
		     SEMM_EDATA);
	cr_expect_str_eq(error_line(),
			 "t.sav: variable B1: value 2 is labelled \"Agree\" "
			 "but scale s5 calls 2 \"rarely\"");
	cr_expect_eq(semm_responses_read_count(resp), 0);
}

Test(sav, labels_match_without_case_and_blanks)
{
	tvar vars[N_BASE];
	static const tlabel shouty[] = { { 1, " NEVER ", 0 },
					 { 5, "Always", 0 },
					 { 7, "dk", 0 },
					 { 0, NULL, 0 } };
	const char *cells[] = { "r1", "1", "1", "1", "7", "1", "1", "1", "1" };

	memcpy(vars, base_vars, sizeof(vars));
	vars[4].labels = shouty;
	cr_assert_eq(write_read(SEMM_STAT_SAV, vars, N_BASE, cells, 1, "t.sav"),
		     0, "%s", error_line());
	cr_expect_eq(code_at(0, 2), SEMM__ANS_DK);
}

Test(sav, a_label_outside_the_scale_must_be_na_or_dont_know)
{
	tvar vars[N_BASE];
	static const tlabel refused[] = { { 8, "Refused", 0 }, { 0, NULL, 0 } };
	const char *cells[] = { "r1", "1", "1", "1", "1", "1", "1", "1", "1" };

	memcpy(vars, base_vars, sizeof(vars));
	vars[8].labels = refused;
	cr_expect_eq(write_read(SEMM_STAT_SAV, vars, N_BASE, cells, 1, "t.sav"),
		     SEMM_EDATA);
	cr_expect_str_eq(error_line(),
			 "t.sav: variable C2: value 8 is labelled \"Refused\", "
			 "which is outside the scale 1..5 and not an N/A or "
			 "don't-know code of scale s5");
	/* declared missing, the same label is no answer: blank */
	vars[8].missing = 8;
	reopen(NULL);
	cells[8] = "8";
	cr_assert_eq(write_read(SEMM_STAT_SAV, vars, N_BASE, cells, 1, "t.sav"),
		     0, "%s", error_line());
	cr_expect_eq(code_at(0, 6), SEMM__ANS_BLANK);
}

Test(sav, labels_of_metadata_variables_are_not_checked)
{
	tvar vars[N_BASE];
	static const tlabel odd[] = { { 2, "Agree", 0 }, { 0, NULL, 0 } };
	const char *cells[] = { "r1", "2", "1", "1", "1", "1", "1", "1", "1" };

	memcpy(vars, base_vars, sizeof(vars));
	vars[1].labels = odd;
	cr_assert_eq(write_read(SEMM_STAT_SAV, vars, N_BASE, cells, 1, "t.sav"),
		     0, "%s", error_line());
	cr_expect_str_eq(group_of(0), "Agree");
}

/* ---- records: rejection, failure, duplicates ------------------------------ */

Test(sav, a_value_outside_the_scale_rejects_the_record)
{
	const char *cells[] = { "r1", "1", "1", "1", "1", "1", "1", "1", "1",
				"r2", "1", "9", "1", "1", "1", "1", "1", "1",
				"r3", "1", "1", "1", "1", "1", "1", "1", "1" };

	cr_assert_eq(
		write_read(SEMM_STAT_SAV, base_vars, N_BASE, cells, 3, "t.sav"),
		0, "%s", error_line());
	cr_expect_eq(semm_responses_count(resp), 2);
	cr_expect_eq(semm_responses_rejected_count(resp), 1);
	cr_expect_str_eq(rejection(0), "t.sav: record 2: item A1: \"9\" is "
				       "outside the scale 1..5");
	cr_expect_eq(resp->rej[0].line, 2);
	cr_expect_eq(resp->rej[0].column, 3); /* the variable's number */
	cr_expect_eq(line_of(1), 3);
}

Test(sav, fail_mode_stops_at_the_record)
{
	semm_read_options o = SEMM_READ_OPTIONS_INIT;
	const char *cells[] = {
		"r1", "1", "1", "1", "1", "1", "1",   "1", "1",
		"r2", "1", "1", "1", "1", "1", "2.5", "1", "1"
	};

	o.on_error = SEMM_ON_ERROR_FAIL;
	reopen(&o);
	cr_expect_eq(
		write_read(SEMM_STAT_SAV, base_vars, N_BASE, cells, 2, "t.sav"),
		SEMM_EDATA);
	cr_expect_str_eq(error_line(), "t.sav: record 2: item B3: \"2.5\" is "
				       "not a point of the scale 1..5");
	cr_expect_eq(err.line, 2);
}

Test(sav, duplicate_ids_name_the_first_record)
{
	const char *cells[] = { "r1", "1", "1", "1", "1", "1", "1", "1", "1",
				"r1", "2", "1", "1", "1", "1", "1", "1", "1" };

	cr_assert_eq(
		write_read(SEMM_STAT_SAV, base_vars, N_BASE, cells, 2, "t.sav"),
		0, "%s", error_line());
	cr_expect_str_eq(rejection(0),
			 "t.sav: record 2: duplicate respondent id \"r1\" "
			 "(first seen at t.sav: record 1)");
}

Test(sav, a_variable_named_otherwise_names_itself_in_reasons)
{
	tvar vars[N_BASE];
	const char *cells[] = { "r1", "1", "0", "1", "1", "1", "1", "1", "1" };

	memcpy(vars, base_vars, sizeof(vars));
	vars[2].name = "q_a1";
	vars[2].label = "Matrix - Item A1"; /* placed by its label */
	cr_assert_eq(write_read(SEMM_STAT_SAV, vars, N_BASE, cells, 1, "t.sav"),
		     0, "%s", error_line());
	cr_expect_str_eq(rejection(0), "t.sav: record 1: variable q_a1: item "
				       "A1: \"0\" is outside the scale 1..5");
}

/* ---- placing the variables ------------------------------------------------ */

Test(sav, a_missing_item_variable_is_an_error_naming_it)
{
	const char *cells[] = { "r1", "1", "1", "1", "1", "1", "1", "1" };

	cr_expect_eq(write_read(SEMM_STAT_SAV, base_vars, N_BASE - 1, cells, 1,
				"t.sav"),
		     SEMM_EDATA);
	cr_expect_str_eq(error_line(),
			 "t.sav: no column for item C2 (1 of the 7 items of "
			 "questionnaire \"mini-q\"; a column is placed by the "
			 "item id, its statement or the mapping: "
			 "docs/IMPORT.md)");
}

Test(sav, an_unknown_variable_is_an_error_with_its_number)
{
	tvar vars[N_BASE + 1];
	const char *cells[] = { "r1", "1", "1", "1", "1",
				"1",  "1", "1", "1", "x" };

	memcpy(vars, base_vars, sizeof(base_vars));
	vars[N_BASE] = (tvar){ "comment", 1, "Anything else?", NULL, 0 };
	cr_expect_eq(
		write_read(SEMM_STAT_SAV, vars, N_BASE + 1, cells, 1, "t.sav"),
		SEMM_EDATA);
	cr_expect_str_eq(
		error_line(),
		"t.sav: unknown column \"comment\" (column 10): not "
		"an item or a metadata column of questionnaire "
		"\"mini-q\" (an export of a survey tool? see --preset, "
		"--mapping and --ignore-unknown-columns)");
}

Test(sav, limesurvey_names_and_labels_place_items)
{
	semm_read_options o = SEMM_READ_OPTIONS_INIT;
	tvar vars[N_BASE];
	const char *cells[] = { "r1", "1", "4", "1", "1", "1", "1", "1", "5" };

	memcpy(vars, base_vars, sizeof(vars));
	vars[2].name = "G1Q1_A1"; /* by the code after the underscore */
	vars[2].label = "[Something else] Question";
	vars[8].name = "G1Q1_SQ007"; /* by the statement in brackets */
	vars[8].label = "[Item C2] How often?";
	o.preset = SEMM_PRESET_LIMESURVEY;
	reopen(&o);
	cr_assert_eq(write_read(SEMM_STAT_SAV, vars, N_BASE, cells, 1, "t.sav"),
		     0, "%s", error_line());
	cr_expect_eq(code_at(0, 0), 3);
	cr_expect_eq(code_at(0, 6), 4);
}

Test(sav, a_mapping_places_variables_and_answers)
{
	static const char mapping[] =
		"{\"format\": \"semm-mapping/1\", \"respondent\": \"rid\","
		" \"columns\": {\"v7\": \"C2\", \"note\": null},"
		" \"answers\": {\"Sehr oft\": 5}}";
	semm_read_options o = SEMM_READ_OPTIONS_INIT;
	semm_mapping *m = NULL;
	tvar vars[N_BASE + 1];
	const char *cells[] = { "x1", "1", "1", "1",	    "1",
				"1",  "1", "1", "Sehr oft", "ignored" };

	cr_assert_eq(semm_mapping_from_buffer(&m, mapping, strlen(mapping),
					      "m.json", &err),
		     0, "%s", err.message);
	memcpy(vars, base_vars, sizeof(base_vars));
	vars[0].name = "rid";
	vars[8] = (tvar){ "v7", 1, "Last one", NULL, 0 };
	vars[N_BASE] = (tvar){ "note", 1, "A note", NULL, 0 };
	o.mapping = m;
	reopen(&o);
	cr_assert_eq(
		write_read(SEMM_STAT_SAV, vars, N_BASE + 1, cells, 1, "t.sav"),
		0, "%s", error_line());
	cr_expect_eq(code_at(0, 6), 4); /* "Sehr oft" = 5 */
	cr_expect_str_eq(id_of(0), "x1");
	semm_responses_free(resp);
	resp = NULL;
	semm_mapping_free(m);
}

Test(sav, without_keep_rows_only_the_figures_are_kept)
{
	semm_read_options o = SEMM_READ_OPTIONS_INIT;

	o.keep_rows = 0;
	reopen(&o);
	cr_assert_eq(write_read(SEMM_STAT_SAV, base_vars, N_BASE, base_cells, 2,
				"t.sav"),
		     0, "%s", error_line());
	cr_expect_eq(semm_responses_count(resp), 2);
	cr_expect_eq(resp->where.n_chunks, 0);
	cr_expect_eq(code_at(1, 6), 4);
	cr_expect_str_eq(group_of(1), "Beta Ltd.");
}

Test(sav, attribute_columns_are_required_and_kept)
{
	semm_read_options o = SEMM_READ_OPTIONS_INIT;
	static const char *const attrs[] = { "sector" };
	tvar vars[N_BASE + 1];
	const char *cells[] = { "r1", "1", "1", "1", "1",
				"1",  "1", "1", "1", "Health" };

	o.attributes = attrs;
	o.n_attributes = 1;
	reopen(&o);
	cr_expect_eq(
		write_read(SEMM_STAT_SAV, base_vars, N_BASE, cells, 1, "t.sav"),
		SEMM_EDATA);
	cr_expect_str_eq(error_line(),
			 "t.sav: missing column \"sector\" among the variables "
			 "(asked for as a segment or attribute column)");
	memcpy(vars, base_vars, sizeof(base_vars));
	vars[N_BASE] = (tvar){ "sector", 1, "Sector", NULL, 0 };
	reopen(&o);
	cr_assert_eq(
		write_read(SEMM_STAT_SAV, vars, N_BASE + 1, cells, 1, "t.sav"),
		0, "%s", error_line());
	cr_expect_str_eq(resp->attr[0].value[0], "Health");
}

/* ---- formats ----------------------------------------------------------------- */

static void expect_base_codes(void)
{
	cr_assert_eq(semm_responses_count(resp), 2);
	cr_expect_eq(code_at(0, 0), 2);
	cr_expect_eq(code_at(0, 1), SEMM__ANS_NA);
	cr_expect_eq(code_at(0, 2), SEMM__ANS_BLANK);
	cr_expect_eq(code_at(1, 6), 4);
	cr_expect_str_eq(group_of(1), "Beta Ltd.");
}

Test(sav, zsav_reads_like_sav)
{
	tbuf b = make_file(SEMM_STAT_SAV, 1, base_vars, N_BASE, base_cells, 2);

	cr_assert(b.len > 4 && memcmp(b.data, "$FL3", 4) == 0);
	cr_assert_eq(read_file(&b, SEMM_STAT_SAV, "t.zsav"), 0, "%s",
		     error_line());
	free(b.data);
	expect_base_codes();
}

Test(sav, stata_reads_like_sav_with_tagged_missing_values)
{
	tvar vars[N_BASE];
	static const tlabel stata_words[] = { { 1, "never", 0 },
					      { 5, "always", 0 },
					      { 0, "N/A", 'a' },
					      { 0, NULL, 0 } };
	const char *cells[] = {
		"r1", "1", "3", ".a", NULL, "1", "1", "1", "1",
		"r2", "2", "1", "1",  "1",  "1", "1", "1", "5"
	};

	memcpy(vars, base_vars, sizeof(vars));
	vars[3].labels = stata_words;
	cr_assert_eq(write_read(SEMM_STAT_DTA, vars, N_BASE, cells, 2, "t.dta"),
		     0, "%s", error_line());
	expect_base_codes();
}

/* A portable file's names are upper case (libreadstat refuses others);
 * headers are matched without case. */
static void portable_vars(tvar *vars)
{
	memcpy(vars, base_vars, sizeof(base_vars));
	vars[0].name = "ID";
	vars[1].name = "ORG";
}

Test(sav, spss_portable_reads_like_sav)
{
	tvar vars[N_BASE];

	portable_vars(vars);
	cr_assert_eq(
		write_read(SEMM_STAT_POR, vars, N_BASE, base_cells, 2, "t.por"),
		0, "%s", error_line());
	expect_base_codes();
}

Test(sav, read_path_tells_the_format_by_the_name_in_any_case)
{
	char dir[] = "/tmp/semm-sav-XXXXXX", path[64];
	tbuf b = make_file(SEMM_STAT_DTA, 0, base_vars, N_BASE, base_cells, 2);
	semm_stat_format f;
	FILE *fp;

	cr_expect(semm_stat_format_from_name("x.ZSAV", &f) &&
		  f == SEMM_STAT_SAV);
	cr_expect(semm_stat_format_from_name("a.b.Por", &f) &&
		  f == SEMM_STAT_POR);
	cr_expect(!semm_stat_format_from_name("dta", &f));
	cr_expect(!semm_stat_format_from_name("x.csv", &f));
	cr_assert(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/EXPORT.DTA", dir);
	fp = fopen(path, "wb");
	cr_assert(fp);
	cr_assert_eq(fwrite(b.data, 1, b.len, fp), b.len);
	fclose(fp);
	free(b.data);
	cr_expect_eq(semm_responses_read_path(resp, path, &err), 0, "%s",
		     error_line());
	unlink(path);
	rmdir(dir);
	expect_base_codes();
}

Test(sav, a_missing_file_cannot_be_opened)
{
	cr_expect_eq(semm_responses_read_path(resp, "/nonexistent/x.sav", &err),
		     SEMM_EIO);
	cr_expect_str_eq(error_line(), "/nonexistent/x.sav: cannot open: No "
				       "such file or directory");
}

Test(sav, a_csv_file_named_sav_is_not_spss)
{
	const char *text = "id,org,A1,A2,B1,B2,B3,C1,C2\nr1,X,1,1,1,1,1,1,1\n";
	tbuf b = { (char *)text, strlen(text) };

	cr_expect_eq(read_file(&b, SEMM_STAT_SAV, "t.sav"), SEMM_EPARSE);
	cr_expect_str_eq(error_line(),
			 "t.sav: not an SPSS .sav or .zsav file: it does not "
			 "start with \"$FL2\" or \"$FL3\"");
	cr_expect_eq(read_file(&b, SEMM_STAT_DTA, "t.dta"), SEMM_EPARSE);
	cr_expect_str_eq(error_line(),
			 "t.dta: not a Stata .dta file: it starts with neither "
			 "\"<stata_dta>\" nor the version and byte order of "
			 "Stata 5 to 12");
	/* a portable file has no signature at a fixed place: libreadstat
	 * finds the text too short for its header */
	cr_expect_eq(read_file(&b, SEMM_STAT_POR, "t.por"), SEMM_EPARSE);
	cr_expect_str_eq(error_line(),
			 "t.por: truncated or damaged SPSS file (libreadstat: "
			 "Unable to read from file)");
}

Test(sav, a_file_without_records_is_an_error)
{
	cr_expect_eq(
		write_read(SEMM_STAT_SAV, base_vars, N_BASE, NULL, 0, "t.sav"),
		SEMM_EDATA);
	cr_expect_str_eq(error_line(), "t.sav: the file has variables but no "
				       "records (respondents)");
}

/*
 * Every truncation of a file fails with one line (never a crash or a
 * read past the bytes given: run under AddressSanitizer), and no
 * truncation of a file that states its number of records reads as a
 * shorter file.
 */
static void every_truncation_fails(semm_stat_format f, int zsav,
				   const char *source, int strict)
{
	tvar vars[N_BASE];
	tbuf b;
	size_t n;

	portable_vars(vars);
	b = make_file(f, zsav, f == SEMM_STAT_POR ? vars : base_vars, N_BASE,
		      base_cells, 2);

	for (n = 0; n < b.len; n++) {
		char *cut = malloc(n ? n : 1);
		int rc;

		memcpy(cut, b.data, n);
		reopen(NULL);
		semm_error_clear(&err);
		rc = semm_responses_read_stat_buffer(resp, cut, n, f, source,
						     &err);
		free(cut);
		if (!strict && rc == SEMM_OK)
			continue;
		cr_assert(rc < 0, "%s cut at %zu of %zu bytes was read", source,
			  n, b.len);
		cr_assert(err.message[0] && !strchr(error_line(), '\n'),
			  "%s cut at %zu: \"%s\"", source, n, error_line());
	}
	free(b.data);
}

Test(sav, every_truncated_sav_fails_cleanly)
{
	every_truncation_fails(SEMM_STAT_SAV, 0, "t.sav", 1);
}

Test(sav, every_truncated_zsav_fails_cleanly)
{
	every_truncation_fails(SEMM_STAT_SAV, 1, "t.zsav", 1);
}

Test(sav, every_truncated_dta_fails_cleanly)
{
	every_truncation_fails(SEMM_STAT_DTA, 0, "t.dta", 1);
}

Test(sav, every_truncated_por_fails_or_reads_less)
{
	every_truncation_fails(SEMM_STAT_POR, 0, "t.por", 0);
}
