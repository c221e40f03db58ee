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
 *   "Q1[SQ001]") is placed by the text in brackets;
 * - a header may be an item's statement instead of its id (Microsoft and
 *   Google Forms head columns with the question text);
 * - Qualtrics' second header row holds "Question - Statement": the
 *   statement after the last " - " (or the whole text) places a column
 *   whose id row does not.
 */
#include <stdlib.h>
#include <string.h>

#include "input/input.h"

/* A column of the tool's own: ignored, the response id, or a filter
 * that tells whether the response is for analysis. */
typedef struct tool_column {
	const char *header;
	int filter; /* semm__filter, or -1: ignored */
} tool_info;

typedef struct preset_info {
	const char *name;
	size_t extra_rows;
	const char *const *respondent; /* the tool's response id column(s) */
	const tool_info *columns;
} preset_info;

#define IGNORED (-1)

static const char *const no_ids[] = { NULL };
static const tool_info no_columns[] = { { NULL, 0 } };

/* Qualtrics: the first header row of today's exports, and the second
 * row's names in legacy exports (whose first row is V1, V2, ...). */
static const char *const qualtrics_ids[] = { "ResponseId", NULL };
static const tool_info qualtrics_columns[] = {
	{ "Status", SEMM__FILTER_STATUS },
	{ "Finished", SEMM__FILTER_FINISHED },
	{ "Progress", SEMM__FILTER_PROGRESS },
	{ "StartDate", IGNORED },
	{ "EndDate", IGNORED },
	{ "IPAddress", IGNORED },
	{ "Duration (in seconds)", IGNORED },
	{ "Duration__in_seconds_", IGNORED }, /* its SPSS name */
	{ "RecordedDate", IGNORED },
	{ "RecipientLastName", IGNORED },
	{ "RecipientFirstName", IGNORED },
	{ "RecipientEmail", IGNORED },
	{ "ExternalReference", IGNORED },
	{ "ExternalDataReference", IGNORED },
	{ "LocationLatitude", IGNORED },
	{ "LocationLongitude", IGNORED },
	{ "LocationAccuracy", IGNORED },
	{ "DistributionChannel", IGNORED },
	{ "UserLanguage", IGNORED },
	{ "ResponseSet", IGNORED },
	{ "Name", IGNORED },
	{ "EmailAddress", IGNORED },
	{ NULL, 0 }
};

/* LimeSurvey: question-code headings and full-text headings. */
static const char *const limesurvey_ids[] = { "id", "Response ID", NULL };
static const tool_info limesurvey_columns[] = {
	{ "submitdate", SEMM__FILTER_SUBMITTED },
	{ "Date submitted", SEMM__FILTER_SUBMITTED },
	{ "lastpage", IGNORED },
	{ "Last page", IGNORED },
	{ "startlanguage", IGNORED },
	{ "Start language", IGNORED },
	{ "seed", IGNORED },
	{ "Seed", IGNORED },
	{ "startdate", IGNORED },
	{ "Date started", IGNORED },
	{ "datestamp", IGNORED },
	{ "Date last action", IGNORED },
	{ "ipaddr", IGNORED },
	{ "IP address", IGNORED },
	{ "refurl", IGNORED },
	{ "Referrer URL", IGNORED },
	{ "token", IGNORED },
	{ "Token", IGNORED },
	{ "Access code", IGNORED },
	{ "interviewtime", IGNORED },
	{ "Total time", IGNORED },
	{ NULL, 0 }
};

static const tool_info google_columns[] = { { "Timestamp",
					      SEMM__FILTER_SUBMITTED },
					    { "Email Address", IGNORED },
					    { "Score", IGNORED },
					    { NULL, 0 } };

static const char *const ms_ids[] = { "ID", NULL };
static const tool_info ms_columns[] = { { "Completion time",
					  SEMM__FILTER_SUBMITTED },
					{ "Start time", IGNORED },
					{ "Email", IGNORED },
					{ "Name", IGNORED },
					{ "Last modified time", IGNORED },
					{ "Total points", IGNORED },
					{ "Quiz feedback", IGNORED },
					{ NULL, 0 } };

static const preset_info presets[] = {
	{ "none", 0, no_ids, no_columns },
	{ "qualtrics", 2, qualtrics_ids, qualtrics_columns },
	{ "limesurvey", 0, limesurvey_ids, limesurvey_columns },
	{ "google-forms", 0, no_ids, google_columns },
	{ "ms-forms", 0, ms_ids, ms_columns },
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

int semm__qualtrics_legacy(const char *s, size_t n)
{
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;
		n -= 3;
	}
	if (n >= 1 && s[0] == '"') {
		s++;
		n--;
	}
	return n >= 3 && s[0] == 'V' && s[1] == '1' &&
	       (s[2] == ',' || s[2] == ';' || s[2] == '\t' || s[2] == '"');
}

size_t semm__header_rows(semm_preset preset, const char *s, size_t n)
{
	size_t extra = semm__preset_extra_header_rows(preset);

	if (preset == SEMM_PRESET_QUALTRICS && semm__qualtrics_legacy(s, n))
		extra = 1;
	return 1 + extra;
}

static int is(const char *raw, const char *key)
{
	return raw && semm__label_matches(raw, strlen(raw), key);
}

static int find_item(const semm_questionnaire *q, const char *key, size_t *out,
		     semm__col_how *how)
{
	size_t i;

	for (i = 0; i < q->n_items; i++) {
		if (is(q->items[i].id, key)) {
			*out = i;
			*how = SEMM__HOW_ID;
			return 1;
		}
	}
	for (i = 0; i < q->n_items; i++) {
		if (q->items[i].text_key &&
		    strcmp(q->items[i].text_key, key) == 0) {
			*out = i;
			*how = SEMM__HOW_STATEMENT;
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
	semm__col_how how;
	int found;

	if (!key)
		return SEMM_ENOMEM;
	found = find_item(q, key, out, &how);
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

/*
 * Qualtrics' question text: the statement alone, or "Question -
 * Statement" (legacy exports: "Question-Statement"). The text after
 * each dash is tried from the last dash on, so that a statement with a
 * dash of its own ("Well-defined roles") is found too. LimeSurvey's SPSS
 * variable label, "[Statement] Question", places by the leading
 * brackets.
 */
static int item_in_text(const semm_questionnaire *q, const char *text,
			size_t *out)
{
	const char *close;
	size_t n;
	int found;

	if (!text)
		return 0;
	found = item_by_text(q, text, strlen(text), out);
	close = text[0] == '[' ? strchr(text, ']') : NULL;
	if (found == 0 && close)
		found = item_by_text(q, text + 1, (size_t)(close - text - 1),
				     out);
	for (n = strlen(text); found == 0 && n-- > 0;) {
		if (text[n] == '-')
			found = item_by_text(q, text + n + 1,
					     strlen(text + n + 1), out);
	}
	return found;
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
		col->how = SEMM__HOW_MAPPING;
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
	int id = m && m->respondent && strcmp(m->respondent, key) == 0;

	for (i = 0; !id && p->respondent[i]; i++)
		id = is(p->respondent[i], key);
	col->how = SEMM__HOW_TOOL;
	if (id) {
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
	for (i = 0; p->columns[i].header; i++) {
		if (is(p->columns[i].header, key)) {
			col->kind = p->columns[i].filter == IGNORED
					    ? SEMM__COL_IGNORE
					    : SEMM__COL_FILTER;
			col->index = (size_t)(p->columns[i].filter == IGNORED
						      ? 0
						      : p->columns[i].filter);
			return 1;
		}
	}
	return 0;
}

static int ignored_by_option(const semm_responses *r, const char *key)
{
	size_t i;

	for (i = 0; i < r->opts.n_ignore_columns; i++) {
		if (is(r->opts.ignore_columns[i], key))
			return 1;
	}
	return 0;
}

/* A legacy Qualtrics header "V1", "V2", ...: the second row names it. */
static int v_number(const char *name)
{
	size_t i;

	if (name[0] != 'V' || name[1] == '\0')
		return 0;
	for (i = 1; name[i]; i++) {
		if (name[i] < '0' || name[i] > '9')
			return 0;
	}
	return 1;
}

/* Places one column by its own header (and the tool's second row);
 * returns 1, 0 (unknown), PLACE_REFUSED (why says why) or SEMM_ENOMEM. */
static int place_by(const semm_responses *r, const char *name, const char *text,
		    int has_respondent, semm__column *col, char *why,
		    size_t why_len)
{
	const semm_questionnaire *q = r->q;
	char *key = semm__label_key(name, strlen(name));
	int found = 0, role;

	if (!key)
		return SEMM_ENOMEM;
	if (ignored_by_option(r, key)) {
		col->kind = SEMM__COL_IGNORE;
		col->how = SEMM__HOW_IGNORED;
		found = 1;
	}
	/* a column asked for as an attribute (--segment-by) stays one
	 * whatever a mapping says of it (a stub lists it as null) */
	role = found ? -1 : meta_role(r, key);
	if (role < SEMM_META_COUNT && found == 0)
		found = mapped(r->opts.mapping, q, key, col, why, why_len);
	if (found == 0) {
		if (role >= 0) {
			col->kind = SEMM__COL_META;
			col->index = (size_t)role;
			col->how = SEMM__HOW_META;
			found = 1;
		}
	}
	if (found == 0)
		found = tool_column(r, key, has_respondent, col);
	if (found == 0) {
		col->kind = SEMM__COL_ITEM;
		found = find_item(q, key, &col->index, &col->how);
		if (found == 0) {
			found = item_in_brackets(q, name, &col->index);
			col->how = SEMM__HOW_BRACKETS;
		}
		if (found == 0 && r->opts.preset == SEMM_PRESET_LIMESURVEY) {
			found = item_after_underscore(q, name, &col->index);
			col->how = SEMM__HOW_ID;
		}
		if (found == 0) {
			found = item_in_text(q, text, &col->index);
			col->how = SEMM__HOW_TEXT;
		}
	}
	free(key);
	return found;
}

/* LimeSurvey's "question code & question text" headings: "id. Response
 * ID", "organization. Which organization?": the code before ". " places
 * the column. */
static int place_by_code(const semm_responses *r, const char *name,
			 int has_respondent, semm__column *col, char *why,
			 size_t why_len)
{
	const char *dot = strstr(name, ". ");
	char *code;
	int found;

	if (!dot || dot == name || memchr(name, ' ', (size_t)(dot - name)))
		return 0;
	code = semm__strndup(name, (size_t)(dot - name));
	if (!code)
		return SEMM_ENOMEM;
	found = place_by(r, code, NULL, has_respondent, col, why, why_len);
	free(code);
	return found;
}

const char *semm__column_header(semm_preset preset, const char *name,
				const char *text)
{
	/* legacy Qualtrics exports name their columns V1... in the first
	 * row and ResponseID, Status, ... in the second */
	if (preset == SEMM_PRESET_QUALTRICS && text && text[0] &&
	    v_number(name))
		return text;
	return name;
}

static int place(const semm_responses *r, const char *name, const char *text,
		 int has_respondent, semm__column *col, char *why,
		 size_t why_len)
{
	const char *header = semm__column_header(r->opts.preset, name, text);
	int found;

	found = place_by(r, header, header == name ? text : NULL,
			 has_respondent, col, why, why_len);
	if (found == 0 && r->opts.preset == SEMM_PRESET_LIMESURVEY)
		found = place_by_code(r, name, has_respondent, col, why,
				      why_len);
	if (found == 0) {
		col->kind = SEMM__COL_UNKNOWN;
		col->how = SEMM__HOW_NONE;
		col->index = 0;
	}
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
		if (found == PLACE_REFUSED) {
			*bad = i;
			return 0;
		}
	}
	return 1;
}

/* Whether unknown columns are ignored under the read options. */
static int ignore_unknown(const semm_responses *r)
{
	if (r->opts.ignore_unknown_columns >= 0)
		return r->opts.ignore_unknown_columns > 0;
	return r->opts.preset != SEMM_PRESET_NONE || r->opts.mapping != NULL;
}

/* Appends `"name" (column k)` to the message, or returns 0 when it does
 * not fit in the room left. */
static int add_name(char *msg, size_t cap, size_t *len, const char *name,
		    size_t column, int first)
{
	char one[SEMM_ERROR_MESSAGE_MAX];
	int n;

	if (name[0])
		n = snprintf(one, sizeof(one), "%s\"%s\" (column %zu)",
			     first ? "" : ", ", name, column);
	else
		n = snprintf(one, sizeof(one), "%scolumn %zu (no header)",
			     first ? "" : ", ", column);
	if (n < 0 || (size_t)n >= sizeof(one) || *len + (size_t)n >= cap)
		return 0;
	memcpy(msg + *len, one, (size_t)n + 1);
	*len += (size_t)n;
	return 1;
}

int semm__columns_unknown(semm_responses *r, uint32_t source,
			  const char *source_name, unsigned long line,
			  const char *const *names, semm__column *cols,
			  size_t n, semm_error *err)
{
	char list[SEMM_ERROR_MESSAGE_MAX], more[80] = "";
	const char *hint;
	size_t i, count = 0, shown = 0, len = 0, first = 0;
	/* room for the rest of the message around the list: its words,
	 * the questionnaire's id, "and N more" and the hint */
	size_t cap = sizeof(list) - 250 - strlen(r->q->id);
	int rc;

	for (i = 0; i < n; i++) {
		if (cols[i].kind != SEMM__COL_UNKNOWN)
			continue;
		if (count++ == 0)
			first = i;
	}
	if (count == 0)
		return SEMM_OK;
	if (ignore_unknown(r)) {
		for (i = 0; i < n; i++) {
			if (cols[i].kind != SEMM__COL_UNKNOWN)
				continue;
			cols[i].kind = SEMM__COL_IGNORE;
			rc = semm__responses_ignore_column(r, source, i + 1,
							   names[i]);
			if (rc < 0)
				return semm__fail(err, rc, source_name, 0, 0,
						  "out of memory");
		}
		return SEMM_OK;
	}
	list[0] = '\0';
	for (i = 0; i < n; i++) {
		if (cols[i].kind != SEMM__COL_UNKNOWN)
			continue;
		if (!add_name(list, cap, &len, names[i], i + 1, shown == 0))
			break;
		shown++;
	}
	if (shown == 0) /* one name longer than the message: cut it */
		snprintf(list, sizeof(list), "\"%.200s...\" (column %zu)",
			 names[first], first + 1);
	shown = shown ? shown : 1;
	if (shown < count)
		snprintf(more, sizeof(more),
			 " and %zu more (semm mapping init lists them all)",
			 count - shown);
	hint = r->opts.preset == SEMM_PRESET_NONE && !r->opts.mapping
		       ? " (an export of a survey tool? see --preset, "
			 "--mapping and --ignore-unknown-columns)"
		       : " (see --mapping and --ignore-unknown-columns)";
	if (count == 1)
		return semm__fail(err, SEMM_EDATA, source_name, line, first + 1,
				  "unknown column %s: not an item or a "
				  "metadata column of questionnaire \"%s\"%s",
				  list, r->q->id, hint);
	return semm__fail(err, SEMM_EDATA, source_name, line, first + 1,
			  "%zu unknown columns, not items or metadata "
			  "columns of questionnaire \"%s\": %s%s%s",
			  count, r->q->id, list, more, hint);
}
