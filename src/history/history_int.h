/*
 * history_int.h - what the history's files share: the store's handle and
 * its SQLite adapter (store.c), the figures read from a report.json
 * (ingest.c), the owned-strings pool of the lists, shows and trends, and
 * the trend's structure (trend.c, history_write.c). Private to the
 * library; SQLite's types appear only here and in store.c.
 */
#ifndef SEMM_HISTORY_INT_H
#define SEMM_HISTORY_INT_H

#include "compare/compare_internal.h"

typedef struct sqlite3 sqlite3;

/* PRAGMA application_id of a semm history store: "semm" in ASCII. */
#define SEMM__HISTORY_APP_ID 0x73656d6d

/* The store's name in messages ("DB: ..."). */
struct semm_history {
	sqlite3 *db;
	char *path;
	int version;
};

/* ---- owned strings and growable arrays (ingest.c) ---------------------- */

typedef struct semm__hpool {
	char **strs;
	size_t n, cap;
} semm__hpool;

/** A copy of s (NULL stays NULL) owned by pool; sets *rc on failure. */
const char *semm__hpool_keep(semm__hpool *pool, const char *s, int *rc);
void semm__hpool_free(semm__hpool *pool);

/* ---- units with their placements --------------------------------------- */

typedef struct semm__hunits {
	semm_history_unit *units;
	size_t n, cap;
	semm_history_place *places;
	size_t n_places, cap_places;
	size_t *place_unit; /* per place: its unit (cap_places entries) */
} semm__hunits;

/** Appends a zeroed unit (figures NAN); NULL when out of memory. */
semm_history_unit *semm__hunits_add(semm__hunits *u);
/** Appends a zeroed placement (figures NAN) of unit `unit`; NULL when
 * out of memory. */
semm_history_place *semm__hunits_add_place(semm__hunits *u, size_t unit);
/** Orders the placements by unit (stable) and points each unit at its
 * own: after the last add. SEMM_OK or SEMM_ENOMEM. */
int semm__hunits_finish(semm__hunits *u);
void semm__hunits_free(semm__hunits *u);

/* ---- a report read for the store (ingest.c) ---------------------------- */

typedef struct semm__hreport {
	semm_history_entry e; /* id, label, added, dates: set by the store */
	const char **group_ids;
	size_t *group_n; /* respondents of each group */
	size_t n_groups;
	semm__hunits u;
	semm__hpool pool;
} semm__hreport;

/**
 * Reads report[0..len-1] ("semm-report/1") into r: the header, the
 * parameters as compact JSON, the hashes (report, model, questionnaire)
 * and per group and unit the figures. Fails with err at the JSON path.
 */
int semm__hreport_read(semm__hreport *r, const char *report, size_t len,
		       const char *source, semm_error *err);
void semm__hreport_free(semm__hreport *r);

/* ---- the store (store.c) ------------------------------------------------ */

/** The SQL of each schema version: [v] takes version v to v + 1. */
extern const char
	*const semm__history_schema_steps[SEMM_HISTORY_SCHEMA_VERSION];

/**
 * Brings the store's schema from its user_version up to `target` with
 * steps[v] (the SQL taking version v to v + 1), in one transaction;
 * store.c calls it with its own steps, the tests with more.
 */
int semm__history_migrate(sqlite3 *db, const char *name,
			  const char *const *steps, int target,
			  semm_error *err);

/** Called inside an add's transaction after the rows are written and
 * before the commit (the tests' interrupted add); NULL: nothing. */
extern void (*semm__history_test_hook)(void);

/** The reports of the assessments that have group g, in the order added
 * (for the trend): ids, labels and texts owned by pool. */
int semm__history_reports(semm_history *h, const char *group, long long **ids,
			  const char ***labels, const char ***texts,
			  size_t **lens, size_t *n, semm__hpool *pool,
			  semm_error *err);

/** Units of group g (unit: NULL for all) of assessment id, added to u. */
int semm__history_units(semm_history *h, long long id, const char *group,
			const char *unit, semm__hunits *u, semm__hpool *pool,
			semm_error *err);

/* ---- the trend (trend.c) ------------------------------------------------ */

struct semm_trend {
	const char *group;
	const char *lang; /* the latest report's language code, or NULL */
	semm_trend_series *series;
	size_t n_series;
	semm_trend_point *points; /* all series' points */
	semm_compare_unit *changes;
	semm_compare **compares; /* kept: the changes' strings are theirs */
	size_t n_compares;
	const char **warnings;
	size_t n_warnings;
	semm__hpool pool;
};

/** The language code ("en", "de") the report of assessment id was
 * written in (its parameters.lang), into *out (owned by pool; NULL when
 * the report does not say). */
int semm__history_lang(semm_history *h, long long id, const char **out,
		       semm__hpool *pool, semm_error *err);

/* ---- output (history_write.c, history_html.c) --------------------------- */

/** Writes s HTML-escaped. */
void semm__hist_html_text(FILE *fp, const char *s);

/** Writes the trend page in t->lang (history_html.c). */
void semm__history_write_html(const semm_trend *t, FILE *fp);

/** 0 when every message of the trend page has every language. */
size_t semm__history_html_msg_check(void);

#endif
