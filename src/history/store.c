/*
 * store.c - the history store's SQLite adapter: opening a store (WAL
 * mode, foreign keys on, a busy timeout), its versioned schema and the
 * migrations that bring an earlier store up to date, adding an
 * assessment in one transaction, and the queries behind list, show,
 * export and trend. The only file that calls SQLite. Every message
 * starts with the store's file name.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <sqlite3.h>

#include "history/history_int.h"

void (*semm__history_test_hook)(void) = NULL;

/* ---- schema --------------------------------------------------------------
 * steps[v] takes a store from schema version v to v + 1. Version 0 is an
 * empty file. A later version appends its step; the earlier ones never
 * change, so a store of any version reaches the current one. */
static const char schema_v1[] =
	"CREATE TABLE assessment ("
	" id INTEGER PRIMARY KEY AUTOINCREMENT,"
	" label TEXT,"
	" added TEXT NOT NULL,"
	" source TEXT NOT NULL,"
	" engine_version TEXT NOT NULL,"
	" model_id TEXT NOT NULL,"
	" model_version TEXT NOT NULL,"
	" model_hash TEXT NOT NULL,"
	" questionnaire_id TEXT NOT NULL,"
	" questionnaire_version TEXT,"
	" questionnaire_hash TEXT NOT NULL,"
	" parameters TEXT NOT NULL,"
	" group_by TEXT,"
	" date_from TEXT,"
	" date_to TEXT,"
	" read INTEGER NOT NULL,"
	" scored INTEGER NOT NULL,"
	" rejected INTEGER NOT NULL,"
	" report_hash TEXT NOT NULL UNIQUE);\n"
	"CREATE TABLE report ("
	" assessment INTEGER PRIMARY KEY"
	"  REFERENCES assessment(id) ON DELETE CASCADE,"
	" json BLOB NOT NULL);\n"
	"CREATE TABLE grp ("
	" assessment INTEGER NOT NULL"
	"  REFERENCES assessment(id) ON DELETE CASCADE,"
	" idx INTEGER NOT NULL,"
	" id TEXT NOT NULL,"
	" respondents INTEGER NOT NULL,"
	" PRIMARY KEY (assessment, id));\n"
	"CREATE TABLE unit ("
	" assessment INTEGER NOT NULL,"
	" grp TEXT NOT NULL,"
	" idx INTEGER NOT NULL,"
	" type TEXT NOT NULL"
	"  CHECK (type IN ('overall', 'dimension', 'element')),"
	" id TEXT NOT NULL,"
	" name TEXT,"
	" dimension TEXT,"
	" n INTEGER NOT NULL,"
	" mean REAL, sd REAL, ci_lo REAL, ci_hi REAL, percent REAL,"
	" level INTEGER, level_name TEXT,"
	" staged_level INTEGER, staged_level_name TEXT,"
	" alpha REAL, rwg REAL,"
	" PRIMARY KEY (assessment, grp, type, id),"
	" FOREIGN KEY (assessment, grp) REFERENCES grp(assessment, id)"
	"  ON DELETE CASCADE);\n"
	"CREATE INDEX unit_by_group ON unit (grp, type, id);\n"
	"CREATE TABLE placement ("
	" assessment INTEGER NOT NULL,"
	" grp TEXT NOT NULL,"
	" type TEXT NOT NULL,"
	" unit TEXT NOT NULL,"
	" idx INTEGER NOT NULL,"
	" segmentation TEXT NOT NULL,"
	" segment TEXT,"
	" score REAL, percentile REAL, z REAL,"
	" rank INTEGER, peers INTEGER, reason TEXT,"
	" PRIMARY KEY (assessment, grp, type, unit, idx),"
	" FOREIGN KEY (assessment, grp, type, unit)"
	"  REFERENCES unit(assessment, grp, type, id) ON DELETE CASCADE);\n";

const char *const semm__history_schema_steps[SEMM_HISTORY_SCHEMA_VERSION] = {
	schema_v1
};

/* ---- errors -------------------------------------------------------------- */

static int sql_code(int rc)
{
	rc &= 0xff;
	if (rc == SQLITE_NOMEM)
		return SEMM_ENOMEM;
	if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT)
		return SEMM_ESCHEMA;
	return SEMM_EIO;
}

static int busy(int rc)
{
	rc &= 0xff;
	return rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
}

/* Fails with SQLite's own words on what `doing` ran into. */
static int sql_fail(sqlite3 *db, const char *name, int rc, const char *doing,
		    semm_error *err)
{
	if (busy(rc))
		return semm__fail(err, SEMM_EIO, name, 0, 0,
				  "another semm process is writing; try "
				  "again");
	if ((rc & 0xff) == SQLITE_NOMEM)
		return semm__fail(err, SEMM_ENOMEM, name, 0, 0,
				  "out of memory while %s", doing);
	if ((rc & 0xff) == SQLITE_NOTADB)
		return semm__fail(err, SEMM_ESCHEMA, name, 0, 0,
				  "not an SQLite file, so not a semm history "
				  "store");
	return semm__fail(err, sql_code(rc), name, 0, 0, "%s: %s", doing,
			  db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
}

static int exec(sqlite3 *db, const char *name, const char *sql,
		const char *doing, semm_error *err)
{
	int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? SEMM_OK : sql_fail(db, name, rc, doing, err);
}

/* The integer a one-row query gives (a PRAGMA, a count). */
static int query_int(sqlite3 *db, const char *name, const char *sql,
		     long long *out, semm_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);

	*out = 0;
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*out = sqlite3_column_int64(st, 0);
			rc = SQLITE_OK;
		} else if (rc == SQLITE_DONE) {
			rc = SQLITE_OK;
		}
	}
	if (rc != SQLITE_OK)
		rc = sql_fail(db, name, rc, "reading the store", err);
	sqlite3_finalize(st);
	return rc;
}

/* ---- migrations ---------------------------------------------------------- */

static int check_version(sqlite3 *db, const char *name, int target,
			 long long *version, semm_error *err)
{
	long long app = 0, objects = 0;
	int rc = query_int(db, name, "PRAGMA application_id", &app, err);

	if (rc == SEMM_OK)
		rc = query_int(db, name, "PRAGMA user_version", version, err);
	if (rc == SEMM_OK)
		rc = query_int(db, name, "SELECT count(*) FROM sqlite_master",
			       &objects, err);
	if (rc < 0)
		return rc;
	if (app != SEMM__HISTORY_APP_ID && (app != 0 || objects != 0))
		return semm__fail(err, SEMM_ESCHEMA, name, 0, 0,
				  "an SQLite file, but not a semm history "
				  "store (application_id %lld, %lld schema "
				  "objects)",
				  app, objects);
	if (*version > target)
		return semm__fail(err, SEMM_ESCHEMA, name, 0, 0,
				  "schema version %lld is newer than this "
				  "semm reads (%d): use a newer semm",
				  *version, target);
	if (*version < 0)
		return semm__fail(err, SEMM_ESCHEMA, name, 0, 0,
				  "schema version %lld is not one of semm's",
				  *version);
	return SEMM_OK;
}

int semm__history_migrate(sqlite3 *db, const char *name,
			  const char *const *steps, int target, semm_error *err)
{
	long long v = 0;
	char sql[96];
	int rc = check_version(db, name, target, &v, err);

	if (rc < 0 || v == target)
		return rc;
	rc = exec(db, name, "BEGIN IMMEDIATE", "starting the migration", err);
	if (rc < 0)
		return rc;
	/* another process may have migrated it since it was read */
	rc = check_version(db, name, target, &v, err);
	for (; rc == SEMM_OK && v < target; v++)
		rc = exec(db, name, steps[v], "migrating the schema", err);
	if (rc == SEMM_OK) {
		snprintf(sql, sizeof(sql),
			 "PRAGMA application_id = %d; PRAGMA user_version = %d",
			 SEMM__HISTORY_APP_ID, target);
		rc = exec(db, name, sql, "migrating the schema", err);
	}
	if (rc == SEMM_OK)
		rc = exec(db, name, "COMMIT", "migrating the schema", err);
	if (rc < 0)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* ---- open and close ------------------------------------------------------ */

void semm_history_close(semm_history *h)
{
	if (!h)
		return;
	sqlite3_close(h->db);
	free(h->path);
	free(h);
}

int semm_history_schema_version(const semm_history *h)
{
	return h ? h->version : 0;
}

static int journal_wal(semm_history *h, semm_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(h->db, "PRAGMA journal_mode = WAL", -1, &st,
				    NULL);
	const char *mode;

	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		mode = (const char *)sqlite3_column_text(st, 0);
		rc = mode && strcmp(mode, "wal") == 0 ? SQLITE_OK
						      : SQLITE_CANTOPEN;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_CANTOPEN)
		return semm__fail(err, SEMM_EIO, h->path, 0, 0,
				  "cannot use write-ahead logging here (a "
				  "store needs a local file system)");
	return rc == SQLITE_OK
		       ? SEMM_OK
		       : sql_fail(h->db, h->path, rc, "opening the store", err);
}

int semm_history_open(semm_history **out, const char *path,
		      const semm_history_options *opts, semm_error *err)
{
	semm_history_options def = SEMM_HISTORY_OPTIONS_INIT;
	semm_history *h = NULL;
	struct stat sb;
	int flags = SQLITE_OPEN_READWRITE, rc;

	if (!out || !path ||
	    (opts && opts->version != SEMM_HISTORY_OPTIONS_VERSION))
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "semm_history_open: missing argument or "
				  "unknown options version");
	*out = NULL;
	if (!opts)
		opts = &def;
	if (opts->create)
		flags |= SQLITE_OPEN_CREATE;
	else if (stat(path, &sb) != 0)
		return semm__fail(err, SEMM_EIO, path, 0, 0,
				  "cannot open the store: %s", strerror(errno));
	h = calloc(1, sizeof(*h));
	if (h)
		h->path = semm__strdup(path);
	if (!h || !h->path) {
		semm_history_close(h);
		return semm__fail(err, SEMM_ENOMEM, path, 0, 0,
				  "out of memory");
	}
	rc = sqlite3_open_v2(path, &h->db, flags, NULL);
	if (rc != SQLITE_OK) {
		rc = semm__fail(err, sql_code(rc), path, 0, 0,
				"cannot open the store: %s",
				h->db ? sqlite3_errmsg(h->db)
				      : sqlite3_errstr(rc));
		goto done;
	}
	sqlite3_extended_result_codes(h->db, 1);
	sqlite3_busy_timeout(h->db, opts->busy_timeout_ms);
	rc = exec(h->db, path, "PRAGMA foreign_keys = ON", "opening the store",
		  err);
	if (rc == SEMM_OK)
		rc = check_version(h->db, path, SEMM_HISTORY_SCHEMA_VERSION,
				   &(long long){ 0 }, err);
	if (rc == SEMM_OK)
		rc = journal_wal(h, err);
	if (rc == SEMM_OK)
		rc = semm__history_migrate(h->db, path,
					   semm__history_schema_steps,
					   SEMM_HISTORY_SCHEMA_VERSION, err);
	h->version = SEMM_HISTORY_SCHEMA_VERSION;
done:
	if (rc < 0) {
		semm_history_close(h);
		return rc;
	}
	*out = h;
	return SEMM_OK;
}

/* ---- statements ---------------------------------------------------------- */

/* A prepared statement and the binding of its next parameter. */
typedef struct stmt {
	sqlite3_stmt *st;
	int next;
	int rc; /* the first SQLite failure */
} stmt;

static int prepare(semm_history *h, stmt *s, const char *sql)
{
	memset(s, 0, sizeof(*s));
	s->next = 1;
	s->rc = sqlite3_prepare_v2(h->db, sql, -1, &s->st, NULL);
	return s->rc;
}

static void bind_text(stmt *s, const char *v)
{
	int rc = v ? sqlite3_bind_text(s->st, s->next, v, -1, SQLITE_STATIC)
		   : sqlite3_bind_null(s->st, s->next);

	if (s->rc == SQLITE_OK)
		s->rc = rc;
	s->next++;
}

static void bind_int(stmt *s, long long v)
{
	int rc = sqlite3_bind_int64(s->st, s->next++, v);

	if (s->rc == SQLITE_OK)
		s->rc = rc;
}

/* A double; NAN is NULL. */
static void bind_real(stmt *s, double v)
{
	int rc = isnan(v) ? sqlite3_bind_null(s->st, s->next)
			  : sqlite3_bind_double(s->st, s->next, v);

	if (s->rc == SQLITE_OK)
		s->rc = rc;
	s->next++;
}

/* An optional integer: NULL when !has. */
static void bind_opt_int(stmt *s, int has, long long v)
{
	if (has) {
		bind_int(s, v);
		return;
	}
	if (s->rc == SQLITE_OK)
		s->rc = sqlite3_bind_null(s->st, s->next);
	s->next++;
}

/* Runs an insert and resets it for the next row. */
static int run(stmt *s)
{
	int rc;

	if (s->rc != SQLITE_OK)
		return s->rc;
	rc = sqlite3_step(s->st);
	s->rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
	sqlite3_reset(s->st);
	sqlite3_clear_bindings(s->st);
	s->next = 1;
	return s->rc;
}

static const char *col_text(sqlite3_stmt *st, int i, semm__hpool *pool, int *rc)
{
	return semm__hpool_keep(pool, (const char *)sqlite3_column_text(st, i),
				rc);
}

static double col_real(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL
		       ? NAN
		       : sqlite3_column_double(st, i);
}

/* ---- adding an assessment ------------------------------------------------ */

static int valid_date(const char *s)
{
	static const int days[12] = { 31, 29, 31, 30, 31, 30,
				      31, 31, 30, 31, 30, 31 };
	int y, m, d, i, leap;

	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return 0;
		} else if (s[i] < '0' || s[i] > '9') {
			return 0;
		}
	}
	if (s[10] != '\0')
		return 0;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return 0;
	return !(m == 2 && d == 29 && !leap);
}

static int check_dates(const semm_history_add_options *o, const char *name,
		       semm_error *err)
{
	if (o->date_from && !valid_date(o->date_from))
		return semm__fail(err, SEMM_EINVALID, name, 0, 0,
				  "first response date \"%.40s\" is not a "
				  "date YYYY-MM-DD",
				  o->date_from);
	if (o->date_to && !valid_date(o->date_to))
		return semm__fail(err, SEMM_EINVALID, name, 0, 0,
				  "last response date \"%.40s\" is not a date "
				  "YYYY-MM-DD",
				  o->date_to);
	if (o->date_from && o->date_to && strcmp(o->date_from, o->date_to) > 0)
		return semm__fail(err, SEMM_EINVALID, name, 0, 0,
				  "the responses cannot end (%s) before they "
				  "start (%s)",
				  o->date_to, o->date_from);
	return SEMM_OK;
}

/* Refuses a report of another model than the store's first assessment,
 * and one already stored. */
static int check_fits(semm_history *h, const semm__hreport *r, semm_error *err)
{
	stmt s;
	const char *id, *ver, *hash;
	long long first;
	int rc = prepare(h, &s,
			 "SELECT id, model_id, model_version, model_hash "
			 "FROM assessment ORDER BY id LIMIT 1");

	if (rc == SQLITE_OK)
		rc = sqlite3_step(s.st);
	if (rc == SQLITE_ROW) {
		first = sqlite3_column_int64(s.st, 0);
		id = (const char *)sqlite3_column_text(s.st, 1);
		ver = (const char *)sqlite3_column_text(s.st, 2);
		hash = (const char *)sqlite3_column_text(s.st, 3);
		if (strcmp(id, r->e.model_id) != 0 ||
		    strcmp(ver, r->e.model_version) != 0)
			rc = semm__fail(
				err, SEMM_EINVALID, r->e.source, 0, 0,
				"model %.100s %.50s differs from "
				"model %.100s %.50s of the store %.200s "
				"(assessment %lld): a store keeps one "
				"model's assessments",
				r->e.model_id, r->e.model_version, id, ver,
				h->path, first);
		else if (strcmp(hash, r->e.model_hash) != 0)
			rc = semm__fail(err, SEMM_EINVALID, r->e.source, 0, 0,
					"model %.100s %.50s has other "
					"dimensions, elements or level bands "
					"than in the store %.200s (assessment "
					"%lld): a store keeps one model's "
					"assessments",
					r->e.model_id, r->e.model_version,
					h->path, first);
		else
			rc = SQLITE_DONE;
	}
	sqlite3_finalize(s.st);
	if (rc < 0)
		return rc;
	if (rc != SQLITE_DONE)
		return sql_fail(h->db, h->path, rc, "reading the store", err);
	rc = prepare(h, &s, "SELECT id FROM assessment WHERE report_hash = ?");
	bind_text(&s, r->e.report_hash);
	rc = s.rc == SQLITE_OK ? sqlite3_step(s.st) : s.rc;
	if (rc == SQLITE_ROW)
		rc = semm__fail(err, SEMM_EINVALID, r->e.source, 0, 0,
				"this report is already in the store %.200s "
				"as assessment %lld",
				h->path, sqlite3_column_int64(s.st, 0));
	else if (rc == SQLITE_DONE)
		rc = SEMM_OK;
	else
		rc = sql_fail(h->db, h->path, rc, "reading the store", err);
	sqlite3_finalize(s.st);
	return rc;
}

static int insert_assessment(semm_history *h, const semm__hreport *r,
			     const char *report, size_t len, long long *id)
{
	stmt s;
	int rc = prepare(
		h, &s,
		"INSERT INTO assessment (label, added, source, engine_version, "
		"model_id, model_version, model_hash, questionnaire_id, "
		"questionnaire_version, questionnaire_hash, parameters, "
		"group_by, date_from, date_to, read, scored, rejected, "
		"report_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
		"?, ?, ?, ?)");

	bind_text(&s, r->e.label);
	bind_text(&s, r->e.added);
	bind_text(&s, r->e.source);
	bind_text(&s, r->e.engine_version);
	bind_text(&s, r->e.model_id);
	bind_text(&s, r->e.model_version);
	bind_text(&s, r->e.model_hash);
	bind_text(&s, r->e.questionnaire_id);
	bind_text(&s, r->e.questionnaire_version);
	bind_text(&s, r->e.questionnaire_hash);
	bind_text(&s, r->e.parameters);
	bind_text(&s, r->e.group_by);
	bind_text(&s, r->e.date_from);
	bind_text(&s, r->e.date_to);
	bind_int(&s, (long long)r->e.read);
	bind_int(&s, (long long)r->e.scored);
	bind_int(&s, (long long)r->e.rejected);
	bind_text(&s, r->e.report_hash);
	rc = run(&s);
	sqlite3_finalize(s.st);
	if (rc != SQLITE_OK)
		return rc;
	*id = sqlite3_last_insert_rowid(h->db);
	rc = prepare(h, &s,
		     "INSERT INTO report (assessment, json) "
		     "VALUES (?, ?)");
	bind_int(&s, *id);
	if (s.rc == SQLITE_OK)
		s.rc = sqlite3_bind_blob64(s.st, 2, report ? report : "",
					   (sqlite3_uint64)len, SQLITE_STATIC);
	rc = run(&s);
	sqlite3_finalize(s.st);
	return rc;
}

static int insert_groups(semm_history *h, const semm__hreport *r, long long id)
{
	stmt s;
	size_t i;
	int rc = prepare(h, &s,
			 "INSERT INTO grp (assessment, idx, id, respondents) "
			 "VALUES (?, ?, ?, ?)");

	for (i = 0; i < r->n_groups && rc == SQLITE_OK; i++) {
		bind_int(&s, id);
		bind_int(&s, (long long)i);
		bind_text(&s, r->group_ids[i]);
		bind_int(&s, (long long)r->group_n[i]);
		rc = run(&s);
	}
	sqlite3_finalize(s.st);
	return rc;
}

static void bind_unit(stmt *s, const semm_history_unit *u, long long id,
		      size_t idx)
{
	bind_int(s, id);
	bind_text(s, u->group);
	bind_int(s, (long long)idx);
	bind_text(s, u->type);
	bind_text(s, u->id);
	bind_text(s, u->name);
	bind_text(s, u->dimension);
	bind_int(s, (long long)u->n);
	bind_real(s, u->mean);
	bind_real(s, u->sd);
	bind_real(s, u->ci_lo);
	bind_real(s, u->ci_hi);
	bind_real(s, u->percent);
	bind_opt_int(s, u->has_level, u->level);
	bind_text(s, u->level_name);
	bind_opt_int(s, u->has_staged_level, u->staged_level);
	bind_text(s, u->staged_level_name);
	bind_real(s, u->alpha);
	bind_real(s, u->rwg);
}

static int insert_units(semm_history *h, const semm__hreport *r, long long id)
{
	stmt s, p;
	const semm_history_unit *u;
	const semm_history_place *pl;
	size_t i, k;
	int rc = prepare(h, &s,
			 "INSERT INTO unit (assessment, grp, idx, type, id, "
			 "name, dimension, n, mean, sd, ci_lo, ci_hi, percent, "
			 "level, level_name, staged_level, staged_level_name, "
			 "alpha, rwg) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
			 "?, ?, ?, ?, ?, ?, ?, ?)");

	if (rc == SQLITE_OK)
		rc = prepare(h, &p,
			     "INSERT INTO placement (assessment, grp, type, "
			     "unit, idx, segmentation, segment, score, "
			     "percentile, z, rank, peers, reason) VALUES (?, "
			     "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	else
		memset(&p, 0, sizeof(p));
	for (i = 0; i < r->u.n && rc == SQLITE_OK; i++) {
		u = &r->u.units[i];
		bind_unit(&s, u, id, i);
		rc = run(&s);
		for (k = 0; k < u->n_places && rc == SQLITE_OK; k++) {
			pl = &u->places[k];
			bind_int(&p, id);
			bind_text(&p, u->group);
			bind_text(&p, u->type);
			bind_text(&p, u->id);
			bind_int(&p, (long long)k);
			bind_text(&p, pl->segmentation);
			bind_text(&p, pl->segment);
			bind_real(&p, pl->score);
			bind_real(&p, pl->percentile);
			bind_real(&p, pl->z);
			bind_opt_int(&p, pl->of > 0, pl->rank);
			bind_opt_int(&p, pl->of > 0, pl->of);
			bind_text(&p, pl->reason);
			rc = run(&p);
		}
	}
	sqlite3_finalize(s.st);
	sqlite3_finalize(p.st);
	return rc;
}

/* Now in UTC as YYYY-MM-DDTHH:MM:SSZ. */
static void utc_now(char *buf, size_t len)
{
	time_t t = time(NULL);
	struct tm tm;

	if (!gmtime_r(&t, &tm) ||
	    !strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(buf, len, "1970-01-01T00:00:00Z");
}

static int write_assessment(semm_history *h, semm__hreport *r,
			    const char *report, size_t len, long long *id,
			    semm_error *err)
{
	int rc = exec(h->db, h->path, "BEGIN IMMEDIATE", "starting to write",
		      err);

	if (rc < 0)
		return rc;
	rc = check_fits(h, r, err);
	if (rc == SEMM_OK) {
		rc = insert_assessment(h, r, report, len, id);
		if (rc == SQLITE_OK)
			rc = insert_groups(h, r, *id);
		if (rc == SQLITE_OK)
			rc = insert_units(h, r, *id);
		if (rc == SQLITE_OK && semm__history_test_hook)
			semm__history_test_hook();
		if (rc == SQLITE_OK)
			rc = sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			rc = sql_fail(h->db, h->path, rc,
				      "recording the assessment", err);
	}
	if (rc < 0)
		sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

int semm_history_add_buffer(long long *out_id, semm_history *h,
			    const char *report, size_t len, const char *source,
			    const semm_history_add_options *opts,
			    semm_error *err)
{
	semm_history_add_options def = SEMM_HISTORY_ADD_OPTIONS_INIT;
	semm__hreport r;
	char now[32];
	long long id = 0;
	int rc;

	if (!out_id || !h || (!report && len) ||
	    (opts && opts->version != SEMM_HISTORY_ADD_OPTIONS_VERSION))
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "semm_history_add_buffer: missing argument "
				  "or unknown options version");
	*out_id = 0;
	if (!opts)
		opts = &def;
	rc = check_dates(opts, source ? source : "<report>", err);
	if (rc == SEMM_OK)
		rc = semm__hreport_read(&r, report, len, source, err);
	if (rc < 0)
		return rc;
	utc_now(now, sizeof(now));
	r.e.label = opts->label;
	r.e.added = opts->added ? opts->added : now;
	r.e.date_from = opts->date_from;
	r.e.date_to = opts->date_to;
	rc = write_assessment(h, &r, report, len, &id, err);
	semm__hreport_free(&r);
	if (rc == SEMM_OK)
		*out_id = id;
	return rc;
}

int semm_history_add_file(long long *out_id, semm_history *h, const char *path,
			  const semm_history_add_options *opts, semm_error *err)
{
	char *text = NULL;
	size_t len = 0;
	int rc;

	if (!out_id || !h || !path)
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "semm_history_add_file: missing argument");
	*out_id = 0;
	rc = semm__read_file(path, &text, &len, err);
	if (rc == SEMM_OK)
		rc = semm_history_add_buffer(out_id, h, text, len, path, opts,
					     err);
	free(text);
	return rc;
}

/* ---- list ---------------------------------------------------------------- */

struct semm_history_list {
	semm_history_entry *e;
	size_t n, cap;
	semm__hpool pool;
};

#define ENTRY_COLUMNS                                                      \
	"a.id, a.label, a.added, a.source, a.engine_version, a.model_id, " \
	"a.model_version, a.model_hash, a.questionnaire_id, "              \
	"a.questionnaire_version, a.questionnaire_hash, a.report_hash, "   \
	"a.parameters, a.group_by, a.date_from, a.date_to, a.read, "       \
	"a.scored, a.rejected, "                                           \
	"(SELECT count(*) FROM grp g WHERE g.assessment = a.id) "

static void read_entry(sqlite3_stmt *st, semm_history_entry *e,
		       semm__hpool *pool, int *rc)
{
	e->id = sqlite3_column_int64(st, 0);
	e->label = col_text(st, 1, pool, rc);
	e->added = col_text(st, 2, pool, rc);
	e->source = col_text(st, 3, pool, rc);
	e->engine_version = col_text(st, 4, pool, rc);
	e->model_id = col_text(st, 5, pool, rc);
	e->model_version = col_text(st, 6, pool, rc);
	e->model_hash = col_text(st, 7, pool, rc);
	e->questionnaire_id = col_text(st, 8, pool, rc);
	e->questionnaire_version = col_text(st, 9, pool, rc);
	e->questionnaire_hash = col_text(st, 10, pool, rc);
	e->report_hash = col_text(st, 11, pool, rc);
	e->parameters = col_text(st, 12, pool, rc);
	e->group_by = col_text(st, 13, pool, rc);
	e->date_from = col_text(st, 14, pool, rc);
	e->date_to = col_text(st, 15, pool, rc);
	e->read = (size_t)sqlite3_column_int64(st, 16);
	e->scored = (size_t)sqlite3_column_int64(st, 17);
	e->rejected = (size_t)sqlite3_column_int64(st, 18);
	e->groups = (size_t)sqlite3_column_int64(st, 19);
}

void semm_history_list_free(semm_history_list *l)
{
	if (!l)
		return;
	free(l->e);
	semm__hpool_free(&l->pool);
	free(l);
}

int semm_history_list_read(semm_history_list **out, semm_history *h,
			   semm_error *err)
{
	semm_history_list *l;
	stmt s;
	int rc, keep = SEMM_OK;

	if (!out || !h)
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "semm_history_list_read: missing argument");
	*out = NULL;
	l = calloc(1, sizeof(*l));
	if (!l)
		return semm__fail(err, SEMM_ENOMEM, h->path, 0, 0,
				  "out of memory");
	rc = prepare(h, &s,
		     "SELECT " ENTRY_COLUMNS "FROM assessment a ORDER BY a.id");
	while (rc == SQLITE_OK) {
		rc = sqlite3_step(s.st);
		if (rc != SQLITE_ROW)
			break;
		rc = semm__grow_array((void **)&l->e, &l->cap, l->n,
				      sizeof(*l->e)) < 0
			     ? SQLITE_NOMEM
			     : SQLITE_OK;
		if (rc == SQLITE_OK)
			read_entry(s.st, &l->e[l->n++], &l->pool, &keep);
		if (keep < 0)
			rc = SQLITE_NOMEM;
	}
	sqlite3_finalize(s.st);
	if (rc != SQLITE_DONE) {
		semm_history_list_free(l);
		return sql_fail(h->db, h->path, rc, "listing the store", err);
	}
	*out = l;
	return SEMM_OK;
}

size_t semm_history_list_count(const semm_history_list *l)
{
	return l ? l->n : 0;
}

const semm_history_entry *semm_history_list_at(const semm_history_list *l,
					       size_t i)
{
	return l && i < l->n ? &l->e[i] : NULL;
}

/* ---- show ---------------------------------------------------------------- */

struct semm_history_show {
	semm_history_entry e;
	semm__hunits u;
	semm__hpool pool;
};

/* An unknown id, with the ids the store has. */
static int no_such(semm_history *h, long long id, semm_error *err)
{
	long long lo = 0, hi = 0;

	query_int(h->db, h->path, "SELECT min(id) FROM assessment", &lo, NULL);
	query_int(h->db, h->path, "SELECT max(id) FROM assessment", &hi, NULL);
	if (hi == 0)
		return semm__fail(err, SEMM_EARG, h->path, 0, 0,
				  "no assessment %lld: the store is empty", id);
	return semm__fail(err, SEMM_EARG, h->path, 0, 0,
			  "no assessment %lld (the store holds %lld to %lld)",
			  id, lo, hi);
}

static int read_place_rows(semm_history *h, long long id, semm__hunits *u,
			   size_t first, semm__hpool *pool)
{
	stmt s;
	semm_history_place *p;
	const char *grp, *type, *unit;
	size_t k;
	int rc = prepare(
		    h, &s,
		    "SELECT grp, type, unit, segmentation, segment, score, "
		    "percentile, z, rank, peers, reason FROM placement "
		    "WHERE assessment = ? ORDER BY grp, type, unit, idx"),
	    keep = SEMM_OK;

	bind_int(&s, id);
	rc = s.rc;
	while (rc == SQLITE_OK) {
		rc = sqlite3_step(s.st);
		if (rc != SQLITE_ROW)
			break;
		rc = SQLITE_OK;
		grp = (const char *)sqlite3_column_text(s.st, 0);
		type = (const char *)sqlite3_column_text(s.st, 1);
		unit = (const char *)sqlite3_column_text(s.st, 2);
		for (k = first; k < u->n; k++)
			if (strcmp(u->units[k].group, grp) == 0 &&
			    strcmp(u->units[k].type, type) == 0 &&
			    strcmp(u->units[k].id, unit) == 0)
				break;
		if (k == u->n)
			continue; /* a unit not asked for */
		p = semm__hunits_add_place(u, k);
		if (!p) {
			rc = SQLITE_NOMEM;
			break;
		}
		p->segmentation = col_text(s.st, 3, pool, &keep);
		p->segment = col_text(s.st, 4, pool, &keep);
		p->score = col_real(s.st, 5);
		p->percentile = col_real(s.st, 6);
		p->z = col_real(s.st, 7);
		p->rank = (long)sqlite3_column_int64(s.st, 8);
		p->of = (long)sqlite3_column_int64(s.st, 9);
		p->reason = col_text(s.st, 10, pool, &keep);
		if (keep < 0)
			rc = SQLITE_NOMEM;
	}
	sqlite3_finalize(s.st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int semm__history_units(semm_history *h, long long id, const char *group,
			const char *unit, semm__hunits *u, semm__hpool *pool,
			semm_error *err)
{
	stmt s;
	semm_history_unit *x;
	size_t first = u->n;
	int rc, keep = SEMM_OK;

	prepare(h, &s,
		"SELECT grp, type, id, name, dimension, n, mean, sd, ci_lo, "
		"ci_hi, percent, level, level_name, staged_level, "
		"staged_level_name, alpha, rwg FROM unit WHERE assessment = ? "
		"AND (?2 IS NULL OR grp = ?2) AND (?3 IS NULL OR id = ?3) "
		"ORDER BY idx");
	bind_int(&s, id);
	bind_text(&s, group);
	bind_text(&s, unit);
	rc = s.rc;
	while (rc == SQLITE_OK) {
		rc = sqlite3_step(s.st);
		if (rc != SQLITE_ROW)
			break;
		rc = SQLITE_OK;
		x = semm__hunits_add(u);
		if (!x) {
			rc = SQLITE_NOMEM;
			break;
		}
		x->group = col_text(s.st, 0, pool, &keep);
		x->type = col_text(s.st, 1, pool, &keep);
		x->id = col_text(s.st, 2, pool, &keep);
		x->name = col_text(s.st, 3, pool, &keep);
		x->dimension = col_text(s.st, 4, pool, &keep);
		x->n = (size_t)sqlite3_column_int64(s.st, 5);
		x->mean = col_real(s.st, 6);
		x->sd = col_real(s.st, 7);
		x->ci_lo = col_real(s.st, 8);
		x->ci_hi = col_real(s.st, 9);
		x->percent = col_real(s.st, 10);
		x->has_level = sqlite3_column_type(s.st, 11) != SQLITE_NULL;
		x->level = sqlite3_column_int(s.st, 11);
		x->level_name = col_text(s.st, 12, pool, &keep);
		x->has_staged_level =
			sqlite3_column_type(s.st, 13) != SQLITE_NULL;
		x->staged_level = sqlite3_column_int(s.st, 13);
		x->staged_level_name = col_text(s.st, 14, pool, &keep);
		x->alpha = col_real(s.st, 15);
		x->rwg = col_real(s.st, 16);
		if (keep < 0)
			rc = SQLITE_NOMEM;
	}
	sqlite3_finalize(s.st);
	if (rc == SQLITE_DONE)
		rc = read_place_rows(h, id, u, first, pool);
	if (rc == SQLITE_OK && semm__hunits_finish(u) < 0)
		rc = SQLITE_NOMEM;
	return rc == SQLITE_OK
		       ? SEMM_OK
		       : sql_fail(h->db, h->path, rc, "reading the store", err);
}

static int read_one_entry(semm_history *h, long long id, semm_history_entry *e,
			  semm__hpool *pool, semm_error *err)
{
	stmt s;
	int rc, keep = SEMM_OK;

	prepare(h, &s,
		"SELECT " ENTRY_COLUMNS "FROM assessment a "
		"WHERE a.id = ?");
	bind_int(&s, id);
	rc = s.rc == SQLITE_OK ? sqlite3_step(s.st) : s.rc;
	if (rc == SQLITE_ROW)
		read_entry(s.st, e, pool, &keep);
	sqlite3_finalize(s.st);
	if (rc == SQLITE_DONE)
		return no_such(h, id, err);
	if (rc != SQLITE_ROW)
		return sql_fail(h->db, h->path, rc, "reading the store", err);
	return keep < 0 ? semm__fail(err, SEMM_ENOMEM, h->path, 0, 0,
				     "out of memory")
			: SEMM_OK;
}

void semm_history_show_free(semm_history_show *s)
{
	if (!s)
		return;
	semm__hunits_free(&s->u);
	semm__hpool_free(&s->pool);
	free(s);
}

int semm_history_show_read(semm_history_show **out, semm_history *h,
			   long long id, semm_error *err)
{
	semm_history_show *s;
	int rc;

	if (!out || !h)
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "semm_history_show_read: missing argument");
	*out = NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return semm__fail(err, SEMM_ENOMEM, h->path, 0, 0,
				  "out of memory");
	rc = read_one_entry(h, id, &s->e, &s->pool, err);
	if (rc == SEMM_OK)
		rc = semm__history_units(h, id, NULL, NULL, &s->u, &s->pool,
					 err);
	if (rc < 0) {
		semm_history_show_free(s);
		return rc;
	}
	*out = s;
	return SEMM_OK;
}

const semm_history_entry *semm_history_show_entry(const semm_history_show *s)
{
	return s ? &s->e : NULL;
}

size_t semm_history_show_unit_count(const semm_history_show *s)
{
	return s ? s->u.n : 0;
}

const semm_history_unit *semm_history_show_unit_at(const semm_history_show *s,
						   size_t i)
{
	return s && i < s->u.n ? &s->u.units[i] : NULL;
}

/* ---- export and the reports of a trend ----------------------------------- */

int semm_history_export(char **out, size_t *len, semm_history *h, long long id,
			semm_error *err)
{
	stmt s;
	const void *blob;
	size_t n;
	int rc;

	if (!out || !len || !h)
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "semm_history_export: missing argument");
	*out = NULL;
	*len = 0;
	prepare(h, &s, "SELECT json FROM report WHERE assessment = ?");
	bind_int(&s, id);
	rc = s.rc == SQLITE_OK ? sqlite3_step(s.st) : s.rc;
	if (rc == SQLITE_ROW) {
		blob = sqlite3_column_blob(s.st, 0);
		n = (size_t)sqlite3_column_bytes(s.st, 0);
		*out = malloc(n + 1);
		if (*out) {
			if (n)
				memcpy(*out, blob, n);
			(*out)[n] = '\0';
			*len = n;
		}
	}
	sqlite3_finalize(s.st);
	if (rc == SQLITE_DONE)
		return no_such(h, id, err);
	if (rc != SQLITE_ROW)
		return sql_fail(h->db, h->path, rc, "reading the store", err);
	if (!*out)
		return semm__fail(err, SEMM_ENOMEM, h->path, 0, 0,
				  "out of memory");
	return SEMM_OK;
}

int semm__history_reports(semm_history *h, const char *group, long long **ids,
			  const char ***labels, const char ***texts,
			  size_t **lens, size_t *n, semm__hpool *pool,
			  semm_error *err)
{
	stmt s;
	size_t cap = 0, c1, c2, c3;
	int rc, keep = SEMM_OK;

	*n = 0;
	prepare(h, &s,
		"SELECT a.id, a.label, r.json FROM assessment a JOIN report r "
		"ON r.assessment = a.id WHERE EXISTS (SELECT 1 FROM grp g "
		"WHERE g.assessment = a.id AND g.id = ?) ORDER BY a.id");
	bind_text(&s, group);
	rc = s.rc;
	while (rc == SQLITE_OK) {
		rc = sqlite3_step(s.st);
		if (rc != SQLITE_ROW)
			break;
		rc = SQLITE_OK;
		c1 = c2 = c3 = cap;
		if (semm__grow_array((void **)ids, &cap, *n, sizeof(**ids)) <
			    0 ||
		    semm__grow_array((void **)labels, &c1, *n,
				     sizeof(**labels)) < 0 ||
		    semm__grow_array((void **)texts, &c2, *n, sizeof(**texts)) <
			    0 ||
		    semm__grow_array((void **)lens, &c3, *n, sizeof(**lens)) <
			    0) {
			rc = SQLITE_NOMEM;
			break;
		}
		(*ids)[*n] = sqlite3_column_int64(s.st, 0);
		(*labels)[*n] = col_text(s.st, 1, pool, &keep);
		(*lens)[*n] = (size_t)sqlite3_column_bytes(s.st, 2);
		/* the text as it is: it may hold a NUL only if the report
		 * did, which the JSON reader refuses with its position */
		(*texts)[*n] = NULL;
		if (keep == SEMM_OK) {
			char *copy = malloc((*lens)[*n] + 1);

			if (copy) {
				memcpy(copy,
				       sqlite3_column_blob(s.st, 2)
					       ? sqlite3_column_blob(s.st, 2)
					       : "",
				       (*lens)[*n]);
				copy[(*lens)[*n]] = '\0';
				if (semm__grow_array((void **)&pool->strs,
						     &pool->cap, pool->n,
						     sizeof(*pool->strs)) < 0) {
					free(copy);
					copy = NULL;
				} else {
					pool->strs[pool->n++] = copy;
				}
			}
			(*texts)[*n] = copy;
			if (!copy)
				keep = SEMM_ENOMEM;
		}
		(*n)++;
		if (keep < 0)
			rc = SQLITE_NOMEM;
	}
	sqlite3_finalize(s.st);
	return rc == SQLITE_DONE
		       ? SEMM_OK
		       : sql_fail(h->db, h->path, rc, "reading the store", err);
}

int semm__history_lang(semm_history *h, long long id, const char **out,
		       semm__hpool *pool, semm_error *err)
{
	stmt s;
	int rc, keep = SEMM_OK;

	*out = NULL;
	prepare(h, &s,
		"SELECT json_extract(parameters, '$.lang') FROM assessment "
		"WHERE id = ?");
	bind_int(&s, id);
	rc = s.rc == SQLITE_OK ? sqlite3_step(s.st) : s.rc;
	if (rc == SQLITE_ROW && sqlite3_column_type(s.st, 0) == SQLITE_TEXT)
		*out = col_text(s.st, 0, pool, &keep);
	sqlite3_finalize(s.st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sql_fail(h->db, h->path, rc, "reading the store", err);
	return keep < 0 ? semm__fail(err, SEMM_ENOMEM, h->path, 0, 0,
				     "out of memory")
			: SEMM_OK;
}
