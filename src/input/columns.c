/*
 * columns.c - places the columns of a response file: each header names
 * an item, a metadata role, or a column to ignore. Besides the plain rule
 * (a header equal to an item id or a metadata column name), the survey
 * tools' layouts are understood (docs/IMPORT.md):
 *
 * - a mapping file maps any header to an item id, a metadata role or
 *   nothing;
 * - each preset knows its tool's own metadata columns (ignored, except
 *   the one holding the response id, which becomes the respondent id);
 * - a header "Question [Row]" (Google Forms grids, LimeSurvey
 *   "Q1[SQ001]") is placed by the text in brackets, and with the
 *   LimeSurvey preset "Q1_SQ001" (its SPSS name) by the code after the
 *   last underscore;
 * - a header may be an item's statement instead of its id (Microsoft and
 *   Google Forms head columns with the question text);
 * - Qualtrics' second header row holds "Question - Statement": the
 *   statement after the last " - " (or the whole text) places a column
 *   whose id row does not; an SPSS file's variable labels stand for that
 *   row, and LimeSurvey's, "[Statement] Question", place by the text in
 *   the leading brackets.
 */
#include <stdlib.h>
#include <string.h>

#include "input/input.h"

typedef struct preset_info {
	const char *name;
	size_t extra_rows;
	const char *respondent; /* the tool's response id column */
	const char *const *ignored;
} preset_info;

static const char *const no_columns[] = { NULL };
static const char *const qualtrics_columns[] = { "StartDate",
						 "EndDate",
						 "Status",
						 "IPAddress",
						 "Progress",
						 "Duration (in seconds)",
						 "Duration__in_seconds_",
						 "Finished",
						 "RecordedDate",
						 "RecipientLastName",
						 "RecipientFirstName",
						 "RecipientEmail",
						 "ExternalReference",
						 "LocationLatitude",
						 "LocationLongitude",
						 "DistributionChannel",
						 "UserLanguage",
						 NULL };
static const char *const limesurvey_columns[] = {
	"submitdate", "lastpage", "startlanguage", "seed",  "startdate",
	"datestamp",  "ipaddr",	  "refurl",	   "token", NULL
};
static const char *const google_columns[] = { "Timestamp", "Email Address",
					      "Score", NULL };
static const char *const ms_columns[] = {
	"Start time", "Completion time",    "Email",
	"Name",	      "Last modified time", NULL
};

static const preset_info presets[] = {
	{ "none", 0, NULL, no_columns },
	{ "qualtrics", 2, "ResponseId", qualtrics_columns },
	{ "limesurvey", 0, "id", limesurvey_columns },
	{ "google-forms", 0, NULL, google_columns },
	{ "ms-forms", 0, "ID", ms_columns },
};

#define N_PRESETS (sizeof(presets) / sizeof(presets[0]))
/* A column the mapping places somewhere impossible. */
#define PLACE_REFUSED 2

const char *semm_preset_name(semm_preset preset)
{
	return (size_t)preset < N_PRESETS ? presets[preset].name : "unknown";
}

int semm_preset_parse(const char *name, semm_preset *out)
{
	size_t i;

	for (i = 0; i < N_PRESETS; i++) {
		if (strcmp(name, presets[i].name) == 0) {
			*out = (semm_preset)i;
			return SEMM_OK;
		}
	}
	return SEMM_EARG;
}

size_t semm__preset_extra_header_rows(semm_preset preset)
{
	return (size_t)preset < N_PRESETS ? presets[preset].extra_rows : 0;
}

static int is(const char *raw, const char *key)
{
	return raw && semm__label_matches(raw, strlen(raw), key);
}

static int find_item(const semm_questionnaire *q, const char *key, size_t *out)
{
	size_t i;

	for (i = 0; i < q->n_items; i++) {
		if (is(q->items[i].id, key) ||
		    (q->items[i].text_key &&
		     strcmp(q->items[i].text_key, key) == 0)) {
			*out = i;
			return 1;
		}
	}
	return 0;
}

/* The item named by text t[0..n-1], trimmed and case-folded. */
static int item_by_text(const semm_questionnaire *q, const char *t, size_t n,
			size_t *out)
{
	char *key = semm__label_key(t, n);
	int found;

	if (!key)
		return SEMM_ENOMEM;
	found = find_item(q, key, out);
	free(key);
	return found;
}

/* "Question [Row]": the item named by the text in the last brackets. */
static int item_in_brackets(const semm_questionnaire *q, const char *name,
			    size_t *out)
{
	size_t len = strlen(name);
	const char *open;

	semm__trim(name, &len);
	if (len < 3 || name[len - 1] != ']')
		return 0;
	open = name + len - 1;
	while (open > name && *open != '[')
		open--;
	if (*open != '[')
		return 0;
	return item_by_text(q, open + 1, (size_t)(name + len - 1 - open - 1),
			    out);
}

/* Qualtrics' question text: "Question - Statement" or the statement;
 * LimeSurvey's SPSS variable label: "[Statement] Question". */
static int item_in_text(const semm_questionnaire *q, const char *text,
			size_t *out)
{
	const char *dash = NULL, *s, *close;
	int found;

	if (!text)
		return 0;
	found = item_by_text(q, text, strlen(text), out);
	close = text[0] == '[' ? strchr(text, ']') : NULL;
	if (found == 0 && close)
		found = item_by_text(q, text + 1, (size_t)(close - text - 1),
				     out);
	if (found != 0)
		return found;
	for (s = strstr(text, " - "); s; s = strstr(s + 1, " - "))
		dash = s;
	return dash ? item_by_text(q, dash + 3, strlen(dash + 3), out) : 0;
}

/* LimeSurvey's SPSS name of "Q1[SQ001]", "Q1_SQ001": the item whose id
 * follows the last underscore. */
static int item_after_underscore(const semm_questionnaire *q, const char *name,
				 size_t *out)
{
	const char *u = strrchr(name, '_');

	return u && u[1] ? item_by_text(q, u + 1, strlen(u + 1), out) : 0;
}

static int mapped(const semm_mapping *m, const semm_questionnaire *q,
		  const char *key, semm__column *col, char *why, size_t len)
{
	size_t i, item;

	for (i = 0; m && i < m->n_columns; i++) {
		if (strcmp(m->columns[i].key, key) != 0)
			continue;
		if (!m->columns[i].value) {
			col->kind = SEMM__COL_IGNORE;
			return 1;
		}
		for (item = 0; item < q->n_items; item++) {
			if (strcmp(q->items[item].id, m->columns[i].value) ==
			    0) {
				col->kind = SEMM__COL_ITEM;
				col->index = item;
				return 1;
			}
		}
		for (item = 0; item < SEMM_META_COUNT; item++) {
			if (strcmp(semm_meta_role_name((semm_meta_role)item),
				   m->columns[i].value) == 0) {
				col->kind = SEMM__COL_META;
				col->index = item;
				return 1;
			}
		}
		snprintf(why, len,
			 "the mapping sends it to \"%.60s\", which "
			 "is neither an item of questionnaire \"%s\" nor a "
			 "metadata role (respondent, organization, unit, role, "
			 "date)",
			 m->columns[i].value, q->id);
		return PLACE_REFUSED;
	}
	return 0;
}

/* The metadata slot of a column: a role of the questionnaire, or one of
 * the attributes the read keeps (after the roles); -1 when neither. */
static int meta_role(const semm_responses *r, const char *key)
{
	const semm_questionnaire *q = r->q;
	size_t a;
	int role;

	for (role = 0; role < SEMM_META_COUNT; role++) {
		if (is(q->meta_column[role], key))
			return role;
	}
	for (a = 0; a < r->opts.n_attributes; a++) {
		if (is(r->opts.attributes[a], key))
			return SEMM_META_COUNT + (int)a;
	}
	return -1;
}

static int tool_column(const semm_responses *r, const char *key,
		       int has_respondent, semm__column *col)
{
	const preset_info *p = &presets[r->opts.preset];
	const semm_mapping *m = r->opts.mapping;
	size_t i;

	if ((m && m->respondent && strcmp(m->respondent, key) == 0) ||
	    is(p->respondent, key)) {
		/* the tool's response id, unless the file has the
		 * questionnaire's own respondent column too */
		col->kind = has_respondent ? SEMM__COL_IGNORE : SEMM__COL_META;
		col->index = SEMM_META_RESPONDENT;
		return 1;
	}
	if (r->opts.preset == SEMM_PRESET_QUALTRICS &&
	    strncmp(key, "q_", 2) == 0) {
		/* Qualtrics names its own optional fields Q_... */
		col->kind = SEMM__COL_IGNORE;
		return 1;
	}
	for (i = 0; p->ignored[i]; i++) {
		if (is(p->ignored[i], key)) {
			col->kind = SEMM__COL_IGNORE;
			return 1;
		}
	}
	return 0;
}

/* Places one column; returns 1, 0 (unknown), PLACE_REFUSED (why says
 * why) or SEMM_ENOMEM. */
static int place(const semm_responses *r, const char *name, const char *text,
		 int has_respondent, semm__column *col, char *why,
		 size_t why_len)
{
	const semm_questionnaire *q = r->q;
	char *key = semm__label_key(name, strlen(name));
	int found, role;

	if (!key)
		return SEMM_ENOMEM;
	found = mapped(r->opts.mapping, q, key, col, why, why_len);
	if (found == 0) {
		role = meta_role(r, key);
		if (role >= 0) {
			col->kind = SEMM__COL_META;
			col->index = (size_t)role;
			found = 1;
		}
	}
	if (found == 0)
		found = tool_column(r, key, has_respondent, col);
	if (found == 0) {
		found = find_item(q, key, &col->index);
		if (found == 0)
			found = item_in_brackets(q, name, &col->index);
		if (found == 0 && r->opts.preset == SEMM_PRESET_LIMESURVEY)
			found = item_after_underscore(q, name, &col->index);
		if (found == 0)
			found = item_in_text(q, text, &col->index);
		col->kind = SEMM__COL_ITEM;
	}
	free(key);
	return found;
}

/* Whether the questionnaire's own respondent column is among names. */
static int has_own_respondent(const semm_responses *r, const char *const *names,
			      size_t n)
{
	const char *col = r->q->meta_column[SEMM_META_RESPONDENT];
	char *key;
	size_t i;
	int found = 0;

	if (!col)
		return 0;
	key = semm__label_key(col, strlen(col));
	if (!key)
		return SEMM_ENOMEM;
	for (i = 0; i < n && !found; i++)
		found = semm__label_matches(names[i], strlen(names[i]), key);
	free(key);
	return found;
}

int semm__columns_resolve(const semm_responses *r, const char *const *names,
			  const char *const *texts, size_t n,
			  semm__column *cols, size_t *bad, char *why,
			  size_t why_len)
{
	int own = has_own_respondent(r, names, n);
	size_t i;

	if (own < 0)
		return own;
	for (i = 0; i < n; i++) {
		int found = place(r, names[i], texts ? texts[i] : NULL, own,
				  &cols[i], why, why_len);

		if (found < 0)
			return found;
		if (found != 1) {
			if (found == 0)
				snprintf(why, why_len,
					 "not an item or a "
					 "metadata column of questionnaire "
					 "\"%s\"%s",
					 r->q->id,
					 r->opts.preset == SEMM_PRESET_NONE &&
							 !r->opts.mapping
						 ? " (an export of a survey "
						   "tool? see --preset and "
						   "--mapping)"
						 : "");
			*bad = i;
			return 0;
		}
	}
	return 1;
}
