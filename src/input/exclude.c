/*
 * exclude.c - responses left out and columns ignored.
 *
 * A survey tool exports every response it recorded, including survey
 * previews, test responses, spam and responses that were started but
 * never finished or submitted. Those are not respondents of the
 * assessment: they are left out before their answers are checked, and
 * counted by reason, so that read = scored + rejected + excluded. Which
 * value of which column means what is in docs/IMPORT.md ("Responses
 * left out").
 *
 * Columns of an export that are neither items nor metadata (timestamps,
 * location, embedded data, other questions of the survey) are ignored
 * when the read options allow it, and listed, each input's once.
 */
#include <stdlib.h>
#include <string.h>

#include "input/input.h"

static const char *const exclusion_names[SEMM_EXCLUSION_COUNT] = {
	"preview", "test", "spam", "unfinished", "not submitted"
};

const char *semm_exclusion_name(semm_exclusion reason)
{
	return (unsigned)reason < SEMM_EXCLUSION_COUNT ? exclusion_names[reason]
						       : "unknown";
}

/* Which SEMM_INCLUDE_* flag brings a reason back. */
static unsigned include_flag(semm_exclusion reason)
{
	switch (reason) {
	case SEMM_EXCLUDED_PREVIEW:
	case SEMM_EXCLUDED_TEST: return SEMM_INCLUDE_TEST;
	case SEMM_EXCLUDED_SPAM: return SEMM_INCLUDE_SPAM;
	default: return SEMM_INCLUDE_UNFINISHED;
	}
}

/* The cell s[0..n-1] trimmed and case-folded into buf (ASCII only). */
static const char *fold(const char *s, size_t n, char *buf, size_t len)
{
	size_t i;

	s = semm__trim(s, &n);
	if (n >= len)
		n = len - 1;
	for (i = 0; i < n; i++)
		buf[i] =
			(char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i]);
	buf[n] = '\0';
	return buf;
}

/* A whole number written in s, or -1. */
static long whole(const char *s)
{
	char *end;
	long v;

	if (*s < '0' || *s > '9')
		return -1;
	v = strtol(s, &end, 10);
	if (*end == '.' && end[1] == '0' && end[2] == '\0')
		return v; /* "1.0", as spreadsheets resave numbers */
	return *end == '\0' ? v : -1;
}

/*
 * Qualtrics' response type ("Status"), as choice text or as its code:
 * 0 IP Address (a respondent), 1 Survey Preview, 2 Survey Test,
 * 4 Imported, 8 Spam, 9 Preview Spam, 12 Imported Spam, 16 Offline,
 * 17 Offline Survey Preview. -1: a response to keep.
 */
static int status_reason(const char *v)
{
	static const struct {
		const char *text;
		long code;
		int reason;
	} types[] = {
		{ "survey preview", 1, SEMM_EXCLUDED_PREVIEW },
		{ "preview", -2, SEMM_EXCLUDED_PREVIEW },
		{ "survey test", 2, SEMM_EXCLUDED_TEST },
		{ "test", -2, SEMM_EXCLUDED_TEST },
		{ "spam", 8, SEMM_EXCLUDED_SPAM },
		{ "preview spam", 9, SEMM_EXCLUDED_PREVIEW },
		{ "survey preview spam", -2, SEMM_EXCLUDED_PREVIEW },
		{ "imported spam", 12, SEMM_EXCLUDED_SPAM },
		{ "offline survey preview", 17, SEMM_EXCLUDED_PREVIEW },
		{ "offline preview", -2, SEMM_EXCLUDED_PREVIEW },
	};
	long code = whole(v);
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		if (code >= 0 ? code == types[i].code
			      : strcmp(v, types[i].text) == 0)
			return types[i].reason;
	}
	return -1;
}

/* Qualtrics' Finished: True/False (choice text) or 1/0. */
static int unfinished(const char *v)
{
	return strcmp(v, "false") == 0 || strcmp(v, "0") == 0 ||
	       strcmp(v, "no") == 0;
}

/* "Column = value", the value as the file writes it (trimmed, cut to
 * 60 bytes). */
static void as_written(char *detail, size_t len, const char *column,
		       const char *cell, size_t n)
{
	cell = semm__trim(cell, &n);
	snprintf(detail, len, "%s = %.*s", column, (int)(n < 60 ? n : 60),
		 cell);
}

/*
 * Why the row is left out (a semm_exclusion, detail filled), or -1.
 * The tool's type of response comes first: a preview that was not
 * finished is a preview.
 */
static int excluded(const semm__row *row, char *detail, size_t len)
{
	static const char *const column[SEMM__FILTERS] = { "Status", "Finished",
							   "Progress",
							   "submitted" };
	char v[64];
	int reason;

	if (row->filter[SEMM__FILTER_STATUS]) {
		fold(row->filter[SEMM__FILTER_STATUS],
		     row->filter_len[SEMM__FILTER_STATUS], v, sizeof(v));
		reason = status_reason(v);
		if (reason >= 0) {
			as_written(detail, len, column[SEMM__FILTER_STATUS],
				   row->filter[SEMM__FILTER_STATUS],
				   row->filter_len[SEMM__FILTER_STATUS]);
			return reason;
		}
	}
	if (row->filter[SEMM__FILTER_FINISHED]) {
		fold(row->filter[SEMM__FILTER_FINISHED],
		     row->filter_len[SEMM__FILTER_FINISHED], v, sizeof(v));
		if (unfinished(v)) {
			as_written(detail, len, "Finished",
				   row->filter[SEMM__FILTER_FINISHED],
				   row->filter_len[SEMM__FILTER_FINISHED]);
			return SEMM_EXCLUDED_UNFINISHED;
		}
	} else if (row->filter[SEMM__FILTER_PROGRESS]) {
		long p;

		fold(row->filter[SEMM__FILTER_PROGRESS],
		     row->filter_len[SEMM__FILTER_PROGRESS], v, sizeof(v));
		p = whole(v);
		if (p >= 0 && p < 100) {
			snprintf(detail, len, "Progress = %ld", p);
			return SEMM_EXCLUDED_UNFINISHED;
		}
	}
	if (row->filter[SEMM__FILTER_SUBMITTED]) {
		size_t n = row->filter_len[SEMM__FILTER_SUBMITTED];

		semm__trim(row->filter[SEMM__FILTER_SUBMITTED], &n);
		if (n == 0) {
			snprintf(detail, len, "no submission date");
			return SEMM_EXCLUDED_NOT_SUBMITTED;
		}
	}
	return -1;
}

int semm__responses_excluded_row(semm_responses *r, const semm__row *row,
				 int *rc)
{
	char detail[128];
	int reason = excluded(row, detail, sizeof(detail));

	*rc = SEMM_OK;
	if (reason < 0 ||
	    (r->opts.include & include_flag((semm_exclusion)reason)))
		return 0;
	*rc = semm__responses_exclude(r, row->source, row->line,
				      row->meta[SEMM_META_RESPONDENT],
				      row->meta_len[SEMM_META_RESPONDENT],
				      (semm_exclusion)reason, detail);
	return 1;
}

int semm__responses_exclude(semm_responses *r, uint32_t source,
			    unsigned long line, const char *respondent,
			    size_t respondent_len, semm_exclusion reason,
			    const char *detail)
{
	semm__exclusion x;
	int rc = semm__grow_array((void **)&r->excl, &r->cap_excl, r->n_excl,
				  sizeof(*r->excl));

	x.source = source;
	x.reason = (uint32_t)reason;
	x.line = line;
	x.respondent = SEMM__NO_STRING;
	if (rc == SEMM_OK && respondent && respondent_len > 0)
		x.respondent =
			semm__pool_add(r, respondent, respondent_len, &rc);
	if (rc == SEMM_OK)
		x.detail = semm__pool_add(r, detail, strlen(detail), &rc);
	if (rc < 0)
		return rc;
	r->excl[r->n_excl++] = x;
	r->n_excl_by[reason]++;
	return SEMM_OK;
}

int semm__responses_ignore_column(semm_responses *r, uint32_t source,
				  unsigned long column, const char *name)
{
	semm__ignored x;
	size_t i;
	int rc;

	/* the parts of a file read on threads each list its columns */
	for (i = r->n_ignored; i-- > 0;) {
		if (r->ignored[i].source == source &&
		    r->ignored[i].column == column)
			return SEMM_OK;
	}
	rc = semm__grow_array((void **)&r->ignored, &r->cap_ignored,
			      r->n_ignored, sizeof(*r->ignored));
	x.source = source;
	x.column = column;
	if (rc == SEMM_OK)
		x.name = semm__pool_add(r, name, strlen(name), &rc);
	if (rc < 0)
		return rc;
	r->ignored[r->n_ignored++] = x;
	return SEMM_OK;
}

int semm__merge_exclusions(semm_responses *dst, const semm_responses *src,
			   const uint32_t *source_map)
{
	size_t i;
	int rc = SEMM_OK;

	for (i = 0; i < src->n_excl && rc == SEMM_OK; i++) {
		const semm__exclusion *x = &src->excl[i];
		const char *id = semm__pool_str(src, x->respondent);

		rc = semm__responses_exclude(dst, source_map[x->source],
					     x->line, id, id ? strlen(id) : 0,
					     (semm_exclusion)x->reason,
					     semm__pool_str(src, x->detail));
	}
	for (i = 0; i < src->n_ignored && rc == SEMM_OK; i++)
		rc = semm__responses_ignore_column(
			dst, source_map[src->ignored[i].source],
			src->ignored[i].column,
			semm__pool_str(src, src->ignored[i].name));
	return rc;
}

size_t semm_responses_excluded_count(const semm_responses *r,
				     semm_exclusion reason)
{
	if (!r)
		return 0;
	if ((unsigned)reason >= SEMM_EXCLUSION_COUNT)
		return r->n_excl;
	return r->n_excl_by[reason];
}

const char *semm_responses_exclusion(const semm_responses *r, size_t i,
				     semm_exclusion *reason, char *buf,
				     size_t len)
{
	const semm__exclusion *x;

	if (!buf || len == 0)
		return buf;
	buf[0] = '\0';
	if (!r || i >= r->n_excl)
		return buf;
	x = &r->excl[i];
	if (reason)
		*reason = (semm_exclusion)x->reason;
	snprintf(buf, len, "%s:%lu: %s (%s)", r->sources[x->source], x->line,
		 semm_exclusion_name((semm_exclusion)x->reason),
		 semm__pool_str(r, x->detail));
	return buf;
}

size_t semm_responses_ignored_count(const semm_responses *r)
{
	return r ? r->n_ignored : 0;
}

const char *semm_responses_ignored_column(const semm_responses *r, size_t i,
					  const char **source)
{
	if (!r || i >= r->n_ignored)
		return NULL;
	if (source)
		*source = r->sources[r->ignored[i].source];
	return semm__pool_str(r, r->ignored[i].name);
}
