/*
 * fuzz_history.c - fuzzes semm_history_add_buffer: the report.json reader
 * of the history store (src/history/ingest.c) and the add's transaction.
 * Each input goes into one store kept for the whole run (a file in
 * /tmp, removed at exit); a report taken in is shown, followed as a
 * trend, exported (it must come back byte for byte) and written in every
 * format to /dev/null.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_common.h"

static semm_history *store;
static char store_path[64];

static void remove_store(void)
{
	char side[80];

	semm_history_close(store);
	remove(store_path);
	snprintf(side, sizeof(side), "%s-wal", store_path);
	remove(side);
	snprintf(side, sizeof(side), "%s-shm", store_path);
	remove(side);
}

static void open_store(void)
{
	semm_error err;

	if (store)
		return;
	snprintf(store_path, sizeof(store_path),
		 "/tmp/semm_fuzz_history_%ld.db", (long)getpid());
	remove(store_path);
	if (semm_history_open(&store, store_path, NULL, &err) < 0)
		fuzz_die("semm_history_open failed", err.message);
	atexit(remove_store);
}

static void write_all(long long id)
{
	semm_history_show *s = NULL;
	semm_trend *t = NULL;
	semm_error err;
	FILE *null = fopen("/dev/null", "w");
	int f;

	if (!null)
		fuzz_die("cannot open /dev/null", NULL);
	if (semm_history_show_read(&s, store, id, &err) < 0)
		fuzz_die("show of an added assessment failed", err.message);
	for (f = SEMM_HISTORY_TABLE; f <= SEMM_HISTORY_JSON; f++)
		semm_history_write_show(s, null, (semm_history_format)f);
	if (semm_history_show_unit_count(s) > 0 &&
	    semm_history_trend(&t, store,
			       semm_history_show_unit_at(s, 0)->group, NULL,
			       &err) == SEMM_OK) {
		for (f = SEMM_HISTORY_TABLE; f <= SEMM_HISTORY_HTML; f++)
			semm_history_write_trend(t, null,
						 (semm_history_format)f);
	}
	semm_trend_free(t);
	semm_history_show_free(s);
	fclose(null);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	semm_error err;
	char *back = NULL;
	size_t len = 0;
	long long id = 0;
	int rc;

	fuzz_setup();
	open_store();
	semm_error_clear(&err);
	rc = semm_history_add_buffer(&id, store, (const char *)data, size,
				     "fuzz.json", NULL, &err);
	if ((rc == SEMM_OK) != (id > 0))
		fuzz_die("semm_history_add_buffer: return and id disagree",
			 NULL);
	if (rc < 0)
		return 0;
	if (semm_history_export(&back, &len, store, id, &err) < 0)
		fuzz_die("export of an added assessment failed", err.message);
	if (len != size || (size && memcmp(back, data, size) != 0))
		fuzz_die("export differs from the report added", NULL);
	free(back);
	write_all(id);
	return 0;
}
