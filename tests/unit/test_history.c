/*
 * test_history.c - unit tests of src/history/ (the assessment history
 * store) and of semm_stats_linfit.
 *
 * The trend fixtures are small reports written below: one group "G" whose
 * element E1 has, over three waves, n = 12 and the means 2.5, 3.5, 4.0
 * with sd s, s, 2s, s = 0.5 sqrt(12/11) (half the respondents at a, half
 * at b: sd = |b - a| / 2 * sqrt(n / (n - 1))). Worked by hand:
 *
 *  - wave 1 -> 2: diff 1, se = sqrt(2 s^2 / 12) = sqrt(1/22), df = 22
 *    (equal n and sd: 2(n - 1)); t(0.975, 22) = 2.07387306790403
 *    (printed tables: 2.074); interval 1 -/+ 0.442151223707746:
 *    improvement.
 *  - wave 2 -> 3: diff 0.5, sd^2/n = 1/44 and 4/44, se = sqrt(5/44),
 *    df = (5/44)^2 / (((1/44)^2 + (4/44)^2) / 11) = 275/17 = 16.1765;
 *    t(0.975, 275/17) = 2.11802731953279 (tools/check_report.py's own
 *    t quantile; tables: 2.120 at 16, 2.110 at 17); interval 0.5 -/+
 *    0.713986863761199: within noise.
 *  - trend on waves x = 1, 2, 3: Sxx = 2, Sxy = (-1)(2.5 - 10/3) +
 *    (1)(4 - 10/3) = 1.5, slope 0.75, intercept 10/3 - 1.5 = 11/6;
 *    residuals -1/12, 1/6, -1/12, SSE = 1/24, se = sqrt(SSE / 1 / 2) =
 *    sqrt(1/48); t(0.975, 1) = tan(0.475 pi) = 12.7062047361747 (the
 *    Cauchy quantile); interval 0.75 -/+ 1.83398268120224.
 */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include "history/history_int.h"
#include "test_helpers.h"

#define TOL 1e-9
#define T1 12.706204736174707
#define T22 2.0738730679040258
#define T275_17 2.1180273195327928

#define expect_near(got, want)                                                \
	cr_expect(close_to((got), (want), TOL), "%s = %.17g, expected %.17g", \
		  #got, (double)(got), (double)(want))

/* ---- fixtures ------------------------------------------------------------ */

static char *db_path(const char *name)
{
	static char buf[256];

	snprintf(buf, sizeof(buf), "/tmp/semm_test_history_%ld_%s.db",
		 (long)getpid(), name);
	remove(buf);
	{
		char side[300];

		snprintf(side, sizeof(side), "%s-wal", buf);
		remove(side);
		snprintf(side, sizeof(side), "%s-shm", buf);
		remove(side);
	}
	return buf;
}

static void unit_json(char *out, size_t len, size_t n, double mean, double sd)
{
	double pct = 25.0 * (mean - 1.0);
	int level = pct >= 80	? 5
		    : pct >= 60 ? 4
		    : pct >= 40 ? 3
		    : pct >= 20 ? 2
				: 1;

	snprintf(out, len,
		 "\"n\": %zu, \"mean\": %.17g, \"sd\": %.17g, \"percent\": "
		 "%.17g, \"level\": %d, \"level_name\": \"L%d\", \"ci95\": "
		 "null",
		 n, mean, sd, pct, level, level);
}

/* A report of model `model` with group G: E1 at (mean, sd), n = 12,
 * written in language lang ("en", "de"). */
static char *mini_report_lang(const char *model, const char *input, double mean,
			      double sd, const char *lang)
{
	char u[512], *out = malloc(8192);

	cr_assert(out);
	unit_json(u, sizeof(u), 12, mean, sd);
	snprintf(
		out, 8192,
		"{\"format\": \"semm-report/1\",\n"
		" \"engine\": {\"name\": \"semm\", \"version\": \"0.1.0\"},\n"
		" \"model\": {\"id\": \"%s\", \"version\": \"1\"},\n"
		" \"questionnaire\": {\"id\": \"q\", \"version\": \"1\"},\n"
		" \"parameters\": {\"group_by\": \"org\", \"lang\": \"%s\", "
		"\"score_scale\": {\"min\": 1, \"max\": 5}, \"inputs\": "
		"[\"%s\"]},\n"
		" \"levels\": [{\"level\": 1, \"min\": 0, \"max\": 20}],\n"
		" \"respondents\": {\"read\": 12, \"scored\": 12, "
		"\"rejected\": 0},\n"
		" \"groups\": [{\"id\": \"G\", \"n\": 12,\n"
		"  \"overall\": {%s},\n"
		"  \"dimensions\": [{\"id\": \"D1\", \"name\": \"Dim\", %s}],\n"
		"  \"elements\": [{\"id\": \"E1\", \"name\": \"Elem\", "
		"\"dimension\": \"D1\", %s, \"reliability\": {\"alpha\": "
		"0.8}, \"agreement\": {\"rwg_j\": 0.9}}]}]}\n",
		model, lang, input, u, u, u);
	return out;
}

static char *mini_report(const char *model, const char *input, double mean,
			 double sd)
{
	return mini_report_lang(model, input, mean, sd, "en");
}

static semm_history *open_new(const char *path)
{
	semm_history *h = NULL;
	semm_error err;

	semm_error_clear(&err);
	cr_assert_eq(semm_history_open(&h, path, NULL, &err), SEMM_OK, "%s",
		     err.message);
	return h;
}

static long long add_text(semm_history *h, const char *text, int want)
{
	semm_error err;
	long long id = -1;
	int rc;

	semm_error_clear(&err);
	rc = semm_history_add_buffer(&id, h, text, strlen(text), "mini.json",
				     NULL, &err);
	cr_expect_eq(rc, want, "add: %d (%s), expected %d", rc, err.message,
		     want);
	return id;
}

static long long raw_count(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	long long n = -1;

	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK,
		     "%s", sqlite3_errmsg(db));
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

static char *raw_text(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	char *s = NULL;

	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		s = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return s;
}

/* ---- semm_stats_linfit --------------------------------------------------- */

Test(linfit, slope_and_interval_match_hand_worked_three_points)
{
	const double x[] = { 1, 2, 3 }, y[] = { 2.5, 3.5, 4.0 };
	semm_linfit f;

	cr_assert_eq(semm_stats_linfit(x, y, 3, 0.95, &f), SEMM_OK);
	expect_near(f.slope, 0.75);
	expect_near(f.intercept, 11.0 / 6.0);
	expect_near(f.se_slope, sqrt(1.0 / 48.0));
	expect_near(f.df, 1.0);
	expect_near(f.ci_lo, 0.75 - T1 * sqrt(1.0 / 48.0));
	expect_near(f.ci_hi, 0.75 + T1 * sqrt(1.0 / 48.0));
	cr_expect_null(f.reason);
}

Test(linfit, too_few_points_or_no_spread_give_no_interval)
{
	const double x[] = { 1, 2, 2, 2 }, y[] = { 1, 3, 4, 5 };
	semm_linfit f;

	cr_assert_eq(semm_stats_linfit(x, y, 2, 0.95, &f), SEMM_OK);
	expect_near(f.slope, 2.0);
	cr_expect(isnan(f.ci_lo) && f.reason);
	cr_assert_eq(semm_stats_linfit(x + 1, y, 3, 0.95, &f), SEMM_OK);
	cr_expect(isnan(f.slope) && f.reason);
	cr_assert_eq(semm_stats_linfit(x, y, 1, 0.95, &f), SEMM_OK);
	cr_expect(isnan(f.slope));
	cr_expect_eq(semm_stats_linfit(x, y, 3, 1.5, &f), SEMM_EARG);
	cr_expect_eq(semm_stats_linfit(NULL, y, 3, 0.95, &f), SEMM_EARG);
}

Test(linfit, exact_line_has_a_zero_width_interval)
{
	const double x[] = { 1, 2, 3, 4 }, y[] = { 3, 3, 3, 3 };
	semm_linfit f;

	cr_assert_eq(semm_stats_linfit(x, y, 4, 0.95, &f), SEMM_OK);
	expect_near(f.slope, 0.0);
	expect_near(f.ci_lo, 0.0);
	expect_near(f.ci_hi, 0.0);
}

/* ---- the store ----------------------------------------------------------- */

Test(history, new_store_has_schema_wal_and_application_id)
{
	const char *path = db_path("new");
	semm_history *h = open_new(path);
	char *mode;

	cr_expect_eq(semm_history_schema_version(h), 1);
	semm_history_close(h);
	cr_expect_eq(raw_count(path, "PRAGMA user_version"), 1);
	cr_expect_eq(raw_count(path, "PRAGMA application_id"), 0x73656d6d);
	mode = raw_text(path, "PRAGMA journal_mode");
	cr_expect_str_eq(mode, "wal");
	free(mode);
	remove(path);
}

Test(history, missing_file_without_create_is_an_io_error)
{
	semm_history_options o = SEMM_HISTORY_OPTIONS_INIT;
	semm_history *h = (semm_history *)1;
	semm_error err;

	o.create = 0;
	cr_expect_eq(semm_history_open(&h, db_path("absent"), &o, &err),
		     SEMM_EIO);
	cr_expect_null(h);
}

Test(history, shipped_report_round_trips_byte_for_byte)
{
	const char *path = db_path("ship");
	semm_history *h = open_new(path);
	semm_history_add_options o = SEMM_HISTORY_ADD_OPTIONS_INIT;
	semm_history_show *s = NULL;
	semm_history_list *l = NULL;
	const semm_history_unit *u;
	semm_error err;
	char *text = NULL, *back = NULL;
	size_t len = 0, blen = 0;
	long long id = 0;

	cr_assert_eq(
		semm__read_file(DATA("reports/report.json"), &text, &len, &err),
		SEMM_OK);
	o.label = "2026 wave";
	o.date_from = "2026-01-05";
	o.date_to = "2026-02-28";
	o.added = "2026-03-01T09:00:00Z";
	cr_assert_eq(semm_history_add_file(&id, h, DATA("reports/report.json"),
					   &o, &err),
		     SEMM_OK, "%s", err.message);
	cr_expect_eq(id, 1);
	cr_assert_eq(semm_history_export(&back, &blen, h, 1, &err), SEMM_OK);
	cr_expect_eq(blen, len);
	cr_expect(memcmp(back, text, len) == 0);
	cr_assert_eq(semm_history_list_read(&l, h, &err), SEMM_OK);
	cr_assert_eq(semm_history_list_count(l), 1);
	cr_expect_str_eq(semm_history_list_at(l, 0)->label, "2026 wave");
	cr_expect_str_eq(semm_history_list_at(l, 0)->date_to, "2026-02-28");
	cr_expect_str_eq(semm_history_list_at(l, 0)->added,
			 "2026-03-01T09:00:00Z");
	cr_expect_eq(semm_history_list_at(l, 0)->groups, 6);
	cr_expect_eq(semm_history_list_at(l, 0)->scored, 168);
	cr_assert_eq(semm_history_show_read(&s, h, 1, &err), SEMM_OK);
	/* 6 groups x (overall + 4 dimensions + 9 elements) */
	cr_expect_eq(semm_history_show_unit_count(s), 84);
	u = semm_history_show_unit_at(s, 0);
	cr_expect_str_eq(u->group, "Ashgrove Community Health");
	cr_expect_str_eq(u->type, "overall");
	cr_expect_eq(u->n, 57);
	cr_expect_eq(u->mean, 2.445053606237817);
	cr_expect(u->has_staged_level && u->staged_level == 2);
	u = semm_history_show_unit_at(s, 5);
	cr_expect_str_eq(u->id, "E1");
	cr_expect_eq(u->alpha, 0.6385616862988222);
	cr_expect_eq(u->rwg, 0.9511807518092003);
	/* the same report again is refused, naming the first */
	cr_expect_eq(semm_history_add_file(&id, h, DATA("reports/report.json"),
					   NULL, &err),
		     SEMM_EINVALID);
	cr_expect(strstr(err.message, "already in the store"));
	semm_history_show_free(s);
	semm_history_list_free(l);
	semm_history_close(h);
	free(text);
	free(back);
	remove(path);
}

Test(history, other_model_and_broken_reports_are_refused_and_leave_nothing)
{
	const char *path = db_path("mix");
	semm_history *h = open_new(path);
	char *a = mini_report("mini", "a.csv", 2.5, 0.5);
	char *b = mini_report("other", "b.csv", 2.5, 0.5);
	semm_error err;
	long long id;

	add_text(h, a, SEMM_OK);
	add_text(h, b, SEMM_EINVALID);
	add_text(h, "{\"format\": \"semm-report/1\"", SEMM_EPARSE);
	add_text(h, "{\"format\": \"semm-report/1\"}", SEMM_ESCHEMA);
	add_text(h, "{\"format\": \"semm-compare/1\"}", SEMM_ESCHEMA);
	semm_error_clear(&err);
	cr_expect_eq(semm_history_add_buffer(
			     &id, h, "{}", 2, "x.json",
			     &(semm_history_add_options){
				     SEMM_HISTORY_ADD_OPTIONS_VERSION, NULL,
				     "2026-02-30", NULL, NULL },
			     &err),
		     SEMM_EINVALID);
	cr_expect(strstr(err.message, "2026-02-30"));
	semm_history_close(h);
	cr_expect_eq(raw_count(path, "SELECT count(*) FROM assessment"), 1);
	cr_expect_eq(raw_count(path, "SELECT count(*) FROM unit"), 3);
	free(a);
	free(b);
	remove(path);
}

Test(history, files_that_are_not_stores_are_refused)
{
	const char *path = db_path("notstore");
	semm_history *h = NULL;
	semm_error err;
	sqlite3 *db;
	FILE *fp = fopen(path, "w");

	cr_assert(fp);
	fputs("this is not a database, just some text that is long enough "
	      "to be read as a header, which it is not at all.\n",
	      fp);
	fclose(fp);
	cr_expect_eq(semm_history_open(&h, path, NULL, &err), SEMM_ESCHEMA);
	cr_expect(strstr(err.message, "not an SQLite file"), "%s", err.message);
	remove(path);
	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_exec(db, "CREATE TABLE t (x)", NULL, NULL, NULL);
	sqlite3_close(db);
	cr_expect_eq(semm_history_open(&h, path, NULL, &err), SEMM_ESCHEMA);
	cr_expect(strstr(err.message, "not a semm history store"), "%s",
		  err.message);
	cr_expect_null(h);
	remove(path);
}

/* ---- migrations ---------------------------------------------------------- */

Test(history, migration_to_a_later_version_keeps_the_assessments)
{
	const char *path = db_path("migrate");
	semm_history *h = open_new(path);
	char *a = mini_report("mini", "a.csv", 2.5, 0.5);
	const char *steps[2] = { semm__history_schema_steps[0],
				 "ALTER TABLE assessment ADD COLUMN note TEXT;"
				 "UPDATE assessment SET note = 'migrated';" };
	semm_error err;
	sqlite3 *db;

	add_text(h, a, SEMM_OK);
	semm_history_close(h);
	/* a version-1 file taken to a version 2 by the mechanism */
	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	cr_expect_eq(semm__history_migrate(db, path, steps, 2, &err), SEMM_OK,
		     "%s", err.message);
	/* again: nothing to do */
	cr_expect_eq(semm__history_migrate(db, path, steps, 2, &err), SEMM_OK);
	sqlite3_close(db);
	cr_expect_eq(raw_count(path, "PRAGMA user_version"), 2);
	cr_expect_eq(raw_count(path, "SELECT count(*) FROM assessment WHERE "
				     "note = 'migrated'"),
		     1);
	cr_expect_eq(raw_count(path, "SELECT count(*) FROM unit"), 3);
	/* this semm reads version 1 only: a newer store is refused */
	h = (semm_history *)1;
	cr_expect_eq(semm_history_open(&h, path, NULL, &err), SEMM_ESCHEMA);
	cr_expect(strstr(err.message, "schema version 2 is newer"), "%s",
		  err.message);
	cr_expect_null(h);
	free(a);
	remove(path);
}

Test(history, empty_file_migrates_through_every_step)
{
	const char *path = db_path("fromzero");
	const char *steps[2] = { semm__history_schema_steps[0],
				 "CREATE TABLE extra (x);" };
	semm_error err;
	sqlite3 *db;

	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	cr_expect_eq(semm__history_migrate(db, path, steps, 2, &err), SEMM_OK,
		     "%s", err.message);
	sqlite3_close(db);
	cr_expect_eq(raw_count(path, "PRAGMA user_version"), 2);
	cr_expect_eq(raw_count(path, "SELECT count(*) FROM sqlite_master "
				     "WHERE name IN ('assessment', 'extra')"),
		     2);
	remove(path);
}

/* ---- concurrent writers and an interrupted add --------------------------- */

Test(history, second_writer_gets_a_clear_busy_message)
{
	const char *path = db_path("busy");
	semm_history_options o = SEMM_HISTORY_OPTIONS_INIT;
	semm_history *h = open_new(path);
	char *a = mini_report("mini", "a.csv", 2.5, 0.5);
	semm_error err;
	sqlite3 *other;
	long long id = 7;

	semm_history_close(h);
	o.busy_timeout_ms = 100;
	cr_assert_eq(semm_history_open(&h, path, &o, &err), SEMM_OK);
	cr_assert_eq(sqlite3_open(path, &other), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL),
		     SQLITE_OK);
	semm_error_clear(&err);
	cr_expect_eq(semm_history_add_buffer(&id, h, a, strlen(a), "a.json",
					     NULL, &err),
		     SEMM_EIO);
	cr_expect_eq(id, 0);
	cr_expect_str_eq(err.message,
			 "another semm process is writing; try again");
	cr_expect_str_eq(err.source, path);
	sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(other);
	add_text(h, a, SEMM_OK);
	semm_history_close(h);
	free(a);
	remove(path);
}

static void die_now(void)
{
	raise(SIGKILL);
}

Test(history, add_killed_inside_its_transaction_leaves_nothing)
{
	const char *path = db_path("killed");
	semm_history *h = open_new(path);
	char *a = mini_report("mini", "a.csv", 2.5, 0.5);
	char *b = mini_report("mini", "b.csv", 3.5, 0.5);
	semm_error err;
	long long id;
	char *check;
	pid_t pid;
	int status = 0;

	add_text(h, a, SEMM_OK);
	semm_history_close(h);
	pid = fork();
	cr_assert(pid >= 0);
	if (pid == 0) {
		h = NULL;
		if (semm_history_open(&h, path, NULL, &err) == SEMM_OK) {
			semm__history_test_hook = die_now;
			semm_history_add_buffer(&id, h, b, strlen(b), "b.json",
						NULL, &err);
		}
		_exit(0); /* not reached when the hook ran */
	}
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
		  "the add was not killed inside its transaction");
	h = open_new(path);
	semm_history_close(h);
	cr_expect_eq(raw_count(path, "SELECT count(*) FROM assessment"), 1);
	cr_expect_eq(raw_count(path, "SELECT count(*) FROM report"), 1);
	cr_expect_eq(raw_count(path, "SELECT count(*) FROM grp"), 1);
	cr_expect_eq(raw_count(path, "SELECT count(*) FROM unit"), 3);
	check = raw_text(path, "PRAGMA integrity_check");
	cr_expect_str_eq(check, "ok");
	free(check);
	/* the same report goes in afterwards, as the next id */
	h = open_new(path);
	cr_expect_eq(add_text(h, b, SEMM_OK), 2);
	semm_history_close(h);
	free(a);
	free(b);
	remove(path);
}

/* ---- trend --------------------------------------------------------------- */

Test(history, trend_matches_hand_worked_changes_and_slope)
{
	const char *path = db_path("trend");
	semm_history *h = open_new(path);
	double s = 0.5 * sqrt(12.0 / 11.0);
	char *w[3] = { mini_report("mini", "w1.csv", 2.5, s),
		       mini_report("mini", "w2.csv", 3.5, s),
		       mini_report("mini", "w3.csv", 4.0, 2.0 * s) };
	const semm_trend_series *e;
	semm_trend *t = NULL;
	semm_error err;
	int k;

	for (k = 0; k < 3; k++)
		cr_expect_eq(add_text(h, w[k], SEMM_OK), k + 1);
	cr_assert_eq(semm_history_trend(&t, h, "G", "E1", &err), SEMM_OK, "%s",
		     err.message);
	cr_assert_eq(semm_trend_series_count(t), 1);
	e = semm_trend_series_at(t, 0);
	cr_expect_str_eq(e->id, "E1");
	cr_assert_eq(e->n_points, 3);
	expect_near(e->points[2].mean, 4.0);
	expect_near(e->points[2].percent, 75.0);
	expect_near(e->changes[0].diff.diff, 1.0);
	expect_near(e->changes[0].diff.se, sqrt(1.0 / 22.0));
	expect_near(e->changes[0].diff.df, 22.0);
	expect_near(e->changes[0].diff.ci_lo, 1.0 - T22 * sqrt(1.0 / 22.0));
	expect_near(e->changes[0].diff.ci_hi, 1.0 + T22 * sqrt(1.0 / 22.0));
	cr_expect_eq(e->changes[0].verdict, SEMM_VERDICT_IMPROVEMENT);
	cr_expect_eq(e->changes[0].level_change, SEMM_LEVEL_UP);
	expect_near(e->changes[1].diff.df, 275.0 / 17.0);
	expect_near(e->changes[1].diff.ci_lo, 0.5 - T275_17 * sqrt(5.0 / 44.0));
	expect_near(e->changes[1].diff.ci_hi, 0.5 + T275_17 * sqrt(5.0 / 44.0));
	cr_expect_eq(e->changes[1].verdict, SEMM_VERDICT_WITHIN_NOISE);
	cr_expect_eq(e->changes[1].level_change, SEMM_LEVEL_SAME);
	expect_near(e->fit.slope, 0.75);
	expect_near(e->fit.ci_lo, 0.75 - T1 * sqrt(1.0 / 48.0));
	expect_near(e->fit.ci_hi, 0.75 + T1 * sqrt(1.0 / 48.0));
	semm_trend_free(t);
	/* all units: overall, D1, E1 */
	cr_assert_eq(semm_history_trend(&t, h, "G", NULL, &err), SEMM_OK);
	cr_expect_eq(semm_trend_series_count(t), 3);
	semm_trend_free(t);
	cr_expect_eq(semm_history_trend(&t, h, "H", NULL, &err), SEMM_EARG);
	cr_expect_eq(semm_history_trend(&t, h, "G", "E9", &err), SEMM_EARG);
	cr_expect_null(t);
	semm_history_close(h);
	for (k = 0; k < 3; k++)
		free(w[k]);
	remove(path);
}

Test(history, unknown_ids_are_named_with_the_range)
{
	const char *path = db_path("ids");
	semm_history *h = open_new(path);
	char *a = mini_report("mini", "a.csv", 2.5, 0.5);
	semm_history_show *s = NULL;
	semm_error err;
	char *text = NULL;
	size_t len;

	cr_expect_eq(semm_history_export(&text, &len, h, 1, &err), SEMM_EARG);
	cr_expect(strstr(err.message, "the store is empty"));
	add_text(h, a, SEMM_OK);
	cr_expect_eq(semm_history_show_read(&s, h, 4, &err), SEMM_EARG);
	cr_expect_str_eq(err.message,
			 "no assessment 4 (the store holds 1 to 1)");
	cr_expect_null(s);
	semm_history_close(h);
	free(a);
	remove(path);
}

/* ---- the trend page ------------------------------------------------------ */

Test(history, trend_page_messages_have_every_language)
{
	cr_expect_eq(semm__history_html_msg_check(), 0);
}

/* The page as text, for the trend of G's E1 over waves in language lang. */
static char *trend_page(const char *name, const char *lang)
{
	const char *path = db_path(name);
	semm_history *h = open_new(path);
	double s = 0.5 * sqrt(12.0 / 11.0);
	semm_trend *t = NULL;
	semm_error err;
	char *w[3], *text = NULL;
	size_t len = 0;
	FILE *fp;
	int k;

	w[0] = mini_report_lang("mini", "w1.csv", 2.5, s, lang);
	w[1] = mini_report_lang("mini", "w2.csv", 3.5, s, lang);
	w[2] = mini_report_lang("mini", "w3.csv", 4.0, 2.0 * s, lang);
	for (k = 0; k < 3; k++)
		add_text(h, w[k], SEMM_OK);
	cr_assert_eq(semm_history_trend(&t, h, "G", "E1", &err), SEMM_OK);
	fp = open_memstream(&text, &len);
	cr_assert(fp);
	cr_expect_eq(semm_history_write_trend(t, fp, SEMM_HISTORY_HTML),
		     SEMM_OK);
	fclose(fp);
	semm_trend_free(t);
	semm_history_close(h);
	for (k = 0; k < 3; k++)
		free(w[k]);
	remove(path);
	return text;
}

Test(history, trend_page_speaks_the_reports_language)
{
	char *en = trend_page("page_en", "en"),
	     *de = trend_page("page_de", "de");

	/* slope 0.75 and its interval 0.75 -/+ 1.834 (see the top) */
	cr_expect(strstr(en, "<html lang=\"en\">"));
	cr_expect(strstr(en, "G over time"));
	cr_expect(strstr(en,
			 "<strong>+0.750 per wave</strong>, 95 % confidence "
			 "interval -1.084 to +2.584 (3 waves)"),
		  "%s", en);
	cr_expect(strstr(en, "<td>improvement</td>"));
	cr_expect(strstr(de, "<html lang=\"de\">"));
	cr_expect(strstr(de, "G im Zeitverlauf"));
	cr_expect(strstr(de, "<strong>+0,750 je Welle</strong>, "
			     "95-%-Konfidenzintervall -1,084 bis +2,584 (3 "
			     "Wellen)"),
		  "%s", de);
	cr_expect(strstr(de, "<td>Verbesserung</td>"));
	cr_expect(strstr(de, "<td>im Rauschen</td>"));
	/* one chart, its whiskers and the dashed trend line */
	cr_expect(strstr(en, "<svg class=\"trend\""));
	cr_expect(strstr(en, "stroke-dasharray"));
	free(en);
	free(de);
}
