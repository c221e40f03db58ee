/*
 * json.c - JSON paths, error positions and typed lookups over cJSON.
 *
 * cJSON keeps no positions, so an error about a value is located by
 * walking the (already validated) text along the value's path: a small
 * skipping scanner that only needs to step over strings, numbers,
 * literals and nested containers.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"

/* Whether cJSON's last allocation on this thread failed: cJSON reports a
 * failed allocation like bad syntax, so its allocator tells (the hooks
 * are installed by semm_init). */
static _Thread_local int alloc_failed;

static void *json_malloc(size_t n)
{
	void *p = malloc(n);

	if (!p)
		alloc_failed = 1;
	return p;
}

void semm__json_init(void)
{
	cJSON_Hooks hooks = { json_malloc, free };

	cJSON_InitHooks(&hooks);
}

void semm__jpath_key(semm__jpath *p, const char *key)
{
	if (p->depth < SEMM__JPATH_MAX) {
		p->part[p->depth].key = key;
		p->part[p->depth].index = 0;
	}
	p->depth++;
}

void semm__jpath_index(semm__jpath *p, size_t index)
{
	if (p->depth < SEMM__JPATH_MAX) {
		p->part[p->depth].key = NULL;
		p->part[p->depth].index = index;
	}
	p->depth++;
}

void semm__jpath_pop(semm__jpath *p)
{
	if (p->depth > 0)
		p->depth--;
}

void semm__jpath_format(const semm__jpath *p, char *buf, size_t len)
{
	size_t used;
	size_t i;

	snprintf(buf, len, "$");
	for (i = 0; i < p->depth && i < SEMM__JPATH_MAX; i++) {
		used = strlen(buf);
		if (used + 1 >= len)
			return;
		if (p->part[i].key)
			snprintf(buf + used, len - used, ".%s", p->part[i].key);
		else
			snprintf(buf + used, len - used, "[%zu]",
				 p->part[i].index);
	}
}

/* The text after a UTF-8 byte-order mark, if it starts with one (cJSON
 * skips it too): positions count from there, so a file saved with a BOM
 * is not located at 1:1 or one column off. */
static const char *text_start(const char *text, size_t len)
{
	return len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? text + 3
								: text;
}

void semm__text_position(const char *text, size_t len, size_t off,
			 unsigned long *line, unsigned long *column)
{
	unsigned long l = 1, c = 1;
	size_t i = (size_t)(text_start(text, len) - text);

	if (off > len)
		off = len;
	for (; i < off; i++) {
		if (text[i] == '\n') {
			l++;
			c = 1;
		} else if (((unsigned char)text[i] & 0xC0) != 0x80) {
			c++; /* count characters, not UTF-8 continuation bytes */
		}
	}
	*line = l;
	*column = c;
}

static const char *skip_ws(const char *s, const char *e)
{
	while (s < e && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
		s++;
	return s;
}

/* s at the opening quote; returns just past the closing quote. */
static const char *skip_string(const char *s, const char *e)
{
	s++;
	while (s < e && *s != '"')
		s += (*s == '\\' && s + 1 < e) ? 2 : 1;
	return s < e ? s + 1 : e;
}

static const char *skip_value(const char *s, const char *e)
{
	int depth = 0;

	s = skip_ws(s, e);
	do {
		if (s >= e)
			return e;
		if (*s == '"') {
			s = skip_string(s, e);
			continue;
		}
		if (*s == '{' || *s == '[')
			depth++;
		else if (*s == '}' || *s == ']')
			depth--;
		else if (depth == 0 && (*s == ',' || *s == ':'))
			return s;
		s++;
	} while (depth > 0 ||
		 (s < e && *s != ',' && *s != '}' && *s != ']' && *s != ' ' &&
		  *s != '\n' && *s != '\r' && *s != '\t'));
	return s;
}

/* Whether the JSON string at s (opening quote) spells key exactly. */
static int string_is(const char *s, const char *e, const char *key)
{
	size_t n = strlen(key);

	if (s + n + 2 > e || s[n + 1] != '"')
		return 0;
	return memcmp(s + 1, key, n) == 0 && memchr(s + 1, '\\', n) == NULL;
}

/* Steps into the member `key` of the object at s, or NULL. */
static const char *enter_key(const char *s, const char *e, const char *key)
{
	s = skip_ws(s + 1, e);
	while (s < e && *s == '"') {
		int hit = string_is(s, e, key);

		s = skip_ws(skip_string(s, e), e);
		if (s >= e || *s != ':')
			return NULL;
		s = skip_ws(s + 1, e);
		if (hit)
			return s;
		s = skip_ws(skip_value(s, e), e);
		if (s < e && *s == ',')
			s = skip_ws(s + 1, e);
	}
	return NULL;
}

static const char *enter_index(const char *s, const char *e, size_t index)
{
	size_t i;

	s = skip_ws(s + 1, e);
	for (i = 0; i < index; i++) {
		s = skip_ws(skip_value(s, e), e);
		if (s >= e || *s != ',')
			return NULL;
		s = skip_ws(s + 1, e);
	}
	return (s < e && *s != ']') ? s : NULL;
}

static size_t locate(const semm__jdoc *d, const semm__jpath *p)
{
	const char *s = skip_ws(text_start(d->text, d->len), d->text + d->len);
	const char *e = d->text + d->len;
	size_t i;

	for (i = 0; i < p->depth && i < SEMM__JPATH_MAX; i++) {
		const char *next = NULL;

		if (s < e && *s == '{' && p->part[i].key)
			next = enter_key(s, e, p->part[i].key);
		else if (s < e && *s == '[' && !p->part[i].key)
			next = enter_index(s, e, p->part[i].index);
		if (!next)
			break;
		s = next;
	}
	return (size_t)(s - d->text);
}

static int vfail_at(const semm__jdoc *d, const semm__jpath *p, int code,
		    int may_collect, const char *fmt, va_list ap)
	__attribute__((format(printf, 5, 0)));

static int vfail_at(const semm__jdoc *d, const semm__jpath *p, int code,
		    int may_collect, const char *fmt, va_list ap)
{
	char where[256];
	char what[SEMM_ERROR_MESSAGE_MAX];
	unsigned long line, column;
	semm_error problem;

	vsnprintf(what, sizeof(what), fmt, ap);
	semm__jpath_format(p, where, sizeof(where));
	semm__text_position(d->text, d->len, locate(d, p), &line, &column);
	if (!(may_collect && d->collect && code == SEMM_EINVALID))
		return semm__fail(d->err, code, d->source, line, column,
				  "%s: %s", where, what);
	semm__fail(&problem, code, d->source, line, column, "%s: %s", where,
		   what);
	d->collect->count++;
	d->collect->fn(d->collect->ctx, &problem);
	return SEMM_OK;
}

int semm__jfail(const semm__jdoc *d, const semm__jpath *p, int code,
		const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vfail_at(d, p, code, 1, fmt, ap);
	va_end(ap);
	return rc;
}

int semm__jfatal(const semm__jdoc *d, const semm__jpath *p, int code,
		 const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vfail_at(d, p, code, 0, fmt, ap);
	va_end(ap);
	return rc;
}

int semm__collected(const semm__jdoc *d)
{
	if (!d->collect || d->collect->count == 0)
		return SEMM_OK;
	return semm__fail(d->err, SEMM_EINVALID, d->source, 0, 0,
			  "%zu problem%s found", d->collect->count,
			  d->collect->count == 1 ? "" : "s");
}

/* Offset where nesting first goes deeper than max, or len when it never
 * does (strings are skipped; the text need not be valid JSON). */
static size_t too_deep(const char *text, size_t len, int max)
{
	const char *s = text, *e = text + len;
	int depth = 0;

	while (s < e) {
		if (*s == '"') {
			s = skip_string(s, e);
			continue;
		}
		if (*s == '[' || *s == '{') {
			if (++depth > max)
				return (size_t)(s - text);
		} else if (*s == ']' || *s == '}') {
			depth--;
		}
		s++;
	}
	return len;
}

/*
 * Duplicate member names. cJSON keeps every member and its lookups find
 * the first, so {"weight": 1, "weight": 5} would silently read 1 (or a
 * second "respondents" array would be lost): every JSON input refuses
 * them here, once, after parsing. Small objects compare names pairwise;
 * larger ones sort (name, index) pairs in a scratch array reused across
 * objects, so an object of 100,000 members costs O(n log n), not O(n^2).
 */
#define DUP_PAIRWISE_MAX 16

typedef struct dup_name {
	const char *name;
	size_t index;
} dup_name;

typedef struct dup_walk {
	const semm__jdoc *d;
	semm__jpath path;
	size_t trail[SEMM_JSON_MAX_DEPTH + 1]; /* child index per level */
	dup_name *scratch;
	size_t cap;
} dup_walk;

static int dup_cmp(const void *a, const void *b)
{
	const dup_name *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c != 0)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Finds, in obj of n members, the duplicate whose second occurrence comes
 * first: 1 with *first and *second (member indexes), 0 when none, or
 * SEMM_ENOMEM. */
static int find_duplicate(dup_walk *w, const cJSON *obj, size_t n,
			  size_t *first, size_t *second)
{
	const cJSON *a, *b;
	size_t i, j;
	int found = 0;

	if (n <= DUP_PAIRWISE_MAX) {
		for (b = obj->child, j = 0; b; b = b->next, j++) {
			for (a = obj->child, i = 0; a != b; a = a->next, i++) {
				if (strcmp(a->string, b->string) == 0) {
					*first = i;
					*second = j;
					return 1;
				}
			}
		}
		return 0;
	}
	if (n > w->cap) {
		dup_name *grown = realloc(w->scratch, n * sizeof(*grown));

		if (!grown)
			return SEMM_ENOMEM;
		w->scratch = grown;
		w->cap = n;
	}
	for (a = obj->child, i = 0; a; a = a->next, i++) {
		w->scratch[i].name = a->string;
		w->scratch[i].index = i;
	}
	qsort(w->scratch, n, sizeof(*w->scratch), dup_cmp);
	/* in a run of equal names, sorted by index, the second element is
	 * that name's earliest repetition */
	for (i = 1; i < n; i++) {
		if (strcmp(w->scratch[i - 1].name, w->scratch[i].name) != 0)
			continue;
		if (i >= 2 &&
		    strcmp(w->scratch[i - 2].name, w->scratch[i].name) == 0)
			continue;
		if (!found || w->scratch[i].index < *second) {
			*first = w->scratch[i - 1].index;
			*second = w->scratch[i].index;
			found = 1;
		}
	}
	return found;
}

/* s at '{': the opening quote of its member k, or NULL. */
static const char *member_key(const char *s, const char *e, size_t k)
{
	size_t i;

	s = skip_ws(s + 1, e);
	for (i = 0; s < e && *s == '"'; i++) {
		if (i == k)
			return s;
		s = skip_ws(skip_string(s, e), e);
		if (s >= e || *s != ':')
			return NULL;
		s = skip_ws(skip_value(s + 1, e), e);
		if (s < e && *s == ',')
			s = skip_ws(s + 1, e);
	}
	return NULL;
}

/* The value at w->trail[0..depth-1], found by member and element
 * indexes rather than by names (names may repeat, paths may be deeper
 * than semm__jpath keeps). */
static const char *walk_trail(const dup_walk *w, int depth)
{
	const char *e = w->d->text + w->d->len;
	const char *s = skip_ws(text_start(w->d->text, w->d->len), e);
	int i;

	for (i = 0; s && s < e && i < depth; i++) {
		if (*s == '{') {
			s = member_key(s, e, w->trail[i]);
			if (!s)
				break;
			s = skip_ws(skip_string(s, e), e);
			s = s < e ? skip_ws(s + 1, e) : s;
		} else if (*s == '[') {
			s = enter_index(s, e, w->trail[i]);
		} else {
			break;
		}
	}
	return s ? s : w->d->text;
}

static int report_duplicate(const dup_walk *w, const cJSON *obj, int depth,
			    size_t first, size_t second)
{
	char shown[SEMM__QUOTE_BUF];
	const char *e = w->d->text + w->d->len;
	const char *at = walk_trail(w, depth);
	const char *k1 = NULL, *k2 = NULL;
	unsigned long line1 = 0, line = 0, column = 0, ignored;
	const cJSON *v = obj->child;
	semm__jpath p = w->path;
	char where[256];
	size_t i;

	for (i = 0; i < second; i++)
		v = v->next;
	if (at < e && *at == '{') {
		k1 = member_key(at, e, first);
		k2 = member_key(at, e, second);
	}
	if (k1)
		semm__text_position(w->d->text, w->d->len,
				    (size_t)(k1 - w->d->text), &line1,
				    &ignored);
	semm__text_position(w->d->text, w->d->len,
			    (size_t)((k2 ? k2 : at) - w->d->text), &line,
			    &column);
	semm__jpath_key(&p, v->string);
	semm__jpath_format(&p, where, sizeof(where));
	return semm__fail(w->d->err, SEMM_EPARSE, w->d->source, line, column,
			  "%s: duplicate member \"%s\" (first at line %lu)",
			  where,
			  semm__shorten(v->string, strlen(v->string), shown,
					sizeof(shown)),
			  line1);
}

static int check_duplicates(dup_walk *w, const cJSON *v, int depth)
{
	const cJSON *c;
	size_t first, second, i = 0;
	int rc;

	if (cJSON_IsObject(v) && v->child) {
		rc = find_duplicate(w, v, (size_t)cJSON_GetArraySize(v), &first,
				    &second);
		if (rc == SEMM_ENOMEM)
			return semm__fail(w->d->err, rc, w->d->source, 0, 0,
					  "out of memory");
		if (rc > 0)
			return report_duplicate(w, v, depth, first, second);
	}
	if (!cJSON_IsObject(v) && !cJSON_IsArray(v))
		return SEMM_OK;
	cJSON_ArrayForEach(c, v)
	{
		if (depth < SEMM_JSON_MAX_DEPTH)
			w->trail[depth] = i;
		if (cJSON_IsObject(v))
			semm__jpath_key(&w->path, c->string);
		else
			semm__jpath_index(&w->path, i);
		rc = check_duplicates(w, c, depth + 1);
		semm__jpath_pop(&w->path);
		if (rc < 0)
			return rc;
		i++;
	}
	return SEMM_OK;
}

static int refuse_duplicates(const semm__jdoc *d, const cJSON *root)
{
	dup_walk w = { 0 };
	int rc;

	w.d = d;
	rc = check_duplicates(&w, root, 0);
	free(w.scratch);
	return rc;
}

int semm__json_parse(const semm__jdoc *d, cJSON **root)
{
	const char *end = NULL;
	unsigned long line, column;
	size_t deep = too_deep(d->text, d->len, SEMM_JSON_MAX_DEPTH);

	*root = NULL;
	if (deep < d->len) {
		semm__text_position(d->text, d->len, deep, &line, &column);
		return semm__fail(d->err, SEMM_ELIMIT, d->source, line, column,
				  "JSON nested deeper than %d levels",
				  SEMM_JSON_MAX_DEPTH);
	}
	alloc_failed = 0;
	*root = cJSON_ParseWithLengthOpts(d->text, d->len, &end, 0);
	if (!*root && alloc_failed)
		return semm__fail(d->err, SEMM_ENOMEM, d->source, 0, 0,
				  "out of memory while reading the JSON");
	if (*root && skip_ws(end, d->text + d->len) == d->text + d->len) {
		int rc = refuse_duplicates(d, *root);

		if (rc < 0) {
			cJSON_Delete(*root);
			*root = NULL;
		}
		if (rc == SEMM_ENOMEM)
			semm__fail(d->err, rc, d->source, 0, 0,
				   "out of memory while reading the JSON");
		return rc;
	}
	if (*root) {
		/* a document, then more: not one JSON document */
		cJSON_Delete(*root);
		*root = NULL;
		semm__text_position(
			d->text, d->len,
			(size_t)(skip_ws(end, d->text + d->len) - d->text),
			&line, &column);
		return semm__fail(d->err, SEMM_EPARSE, d->source, line, column,
				  "unexpected text after the JSON document");
	}
	/* cJSON fails alike on bad syntax and on a failed allocation; the
	 * end pointer says where it stopped. */
	if (!end)
		end = d->text;
	semm__text_position(d->text, d->len, (size_t)(end - d->text), &line,
			    &column);
	if (d->len == 0 || skip_ws(text_start(d->text, d->len),
				   d->text + d->len) == d->text + d->len)
		return semm__fail(
			d->err, SEMM_EPARSE, d->source, 0, 0,
			"the file is empty, expected a JSON document");
	return semm__fail(d->err, SEMM_EPARSE, d->source, line, column,
			  "invalid JSON here (truncated file, stray character "
			  "or missing comma?)");
}

int semm__json_check_format(const semm__jdoc *d, const cJSON *root,
			    const char *family, int major)
{
	semm__jpath p = { 0 };
	const cJSON *f;
	size_t n = strlen(family);
	char *end = NULL;
	long v;

	if (!cJSON_IsObject(root))
		return semm__jfail(d, &p, SEMM_ESCHEMA,
				   "expected an object with \"format\": "
				   "\"%s/%d\"",
				   family, major);
	f = cJSON_GetObjectItemCaseSensitive(root, "format");
	semm__jpath_key(&p, "format");
	if (!cJSON_IsString(f))
		return semm__jfail(d, &p, SEMM_ESCHEMA,
				   "missing \"format\": \"%s/%d\"", family,
				   major);
	if (strncmp(f->valuestring, family, n) != 0 || f->valuestring[n] != '/')
		return semm__jfail(d, &p, SEMM_ESCHEMA,
				   "this is a \"%s\" file, expected \"%s/%d\"",
				   f->valuestring, family, major);
	v = strtol(f->valuestring + n + 1, &end, 10);
	if (*end != '\0' || v != major)
		return semm__jfail(d, &p, SEMM_ESCHEMA,
				   "format version \"%s\" is not supported "
				   "(this engine reads %s/%d)",
				   f->valuestring, family, major);
	return SEMM_OK;
}

static const char *type_name(const cJSON *v)
{
	if (cJSON_IsString(v))
		return "a string";
	if (cJSON_IsNumber(v))
		return "a number";
	if (cJSON_IsBool(v))
		return "a boolean";
	if (cJSON_IsNull(v))
		return "null";
	if (cJSON_IsArray(v))
		return "an array";
	return "an object";
}

/* Looks up key; fails when missing and required or when of the wrong
 * type. *out is NULL when absent. */
static int member(const semm__jdoc *d, semm__jpath *p, const cJSON *obj,
		  const char *key, int required,
		  cJSON_bool (*is)(const cJSON *), const char *want,
		  const cJSON **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	int rc = SEMM_OK;

	*out = NULL;
	if (!v) {
		if (required)
			return semm__jfail(d, p, SEMM_ESCHEMA,
					   "missing member \"%s\" (%s)", key,
					   want);
		return SEMM_OK;
	}
	semm__jpath_key(p, key);
	if (!is(v))
		rc = semm__jfail(d, p, SEMM_ESCHEMA, "expected %s, found %s",
				 want, type_name(v));
	semm__jpath_pop(p);
	if (rc == SEMM_OK)
		*out = v;
	return rc;
}

int semm__jget_string(const semm__jdoc *d, semm__jpath *p, const cJSON *obj,
		      const char *key, int required, char **out)
{
	const cJSON *v;
	int rc = member(d, p, obj, key, required, cJSON_IsString, "a string",
			&v);

	*out = NULL;
	if (rc < 0 || !v)
		return rc;
	*out = semm__strdup(v->valuestring);
	if (!*out)
		return semm__fail(d->err, SEMM_ENOMEM, d->source, 0, 0,
				  "out of memory");
	return SEMM_OK;
}

int semm__jget_number(const semm__jdoc *d, semm__jpath *p, const cJSON *obj,
		      const char *key, int required, double def, double *out)
{
	const cJSON *v;
	int rc = member(d, p, obj, key, required, cJSON_IsNumber, "a number",
			&v);

	*out = def;
	if (rc < 0 || !v)
		return rc;
	if (!isfinite(v->valuedouble)) {
		semm__jpath_key(p, key);
		rc = semm__jfail(d, p, SEMM_ESCHEMA, "the number is too large");
		semm__jpath_pop(p);
		return rc;
	}
	*out = v->valuedouble;
	return SEMM_OK;
}

int semm__jget_bool(const semm__jdoc *d, semm__jpath *p, const cJSON *obj,
		    const char *key, int def, int *out)
{
	const cJSON *v;
	int rc = member(d, p, obj, key, 0, cJSON_IsBool, "true or false", &v);

	*out = def;
	if (rc < 0 || !v)
		return rc;
	*out = cJSON_IsTrue(v) ? 1 : 0;
	return SEMM_OK;
}

int semm__jget_array(const semm__jdoc *d, semm__jpath *p, const cJSON *obj,
		     const char *key, int required, const cJSON **out)
{
	return member(d, p, obj, key, required, cJSON_IsArray, "an array", out);
}

int semm__jget_object(const semm__jdoc *d, semm__jpath *p, const cJSON *obj,
		      const char *key, int required, const cJSON **out)
{
	return member(d, p, obj, key, required, cJSON_IsObject, "an object",
		      out);
}

void semm__free_strings(char **s, size_t n)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < n; i++)
		free(s[i]);
	free(s);
}

int semm__jget_strings(const semm__jdoc *d, semm__jpath *p, const cJSON *obj,
		       const char *key, char ***out, size_t *n)
{
	const cJSON *arr, *v;
	char **list = NULL;
	size_t i = 0, count;
	int rc = semm__jget_array(d, p, obj, key, 0, &arr);

	*out = NULL;
	*n = 0;
	if (rc < 0 || !arr)
		return rc;
	count = (size_t)cJSON_GetArraySize(arr);
	list = calloc(count ? count : 1, sizeof(*list));
	if (!list)
		return semm__fail(d->err, SEMM_ENOMEM, d->source, 0, 0,
				  "out of memory");
	semm__jpath_key(p, key);
	cJSON_ArrayForEach(v, arr)
	{
		semm__jpath_index(p, i);
		if (!cJSON_IsString(v)) {
			rc = semm__jfail(d, p, SEMM_ESCHEMA,
					 "expected a string, found %s",
					 type_name(v));
		} else {
			list[i] = semm__strdup(v->valuestring);
			if (!list[i])
				rc = semm__fail(d->err, SEMM_ENOMEM, d->source,
						0, 0, "out of memory");
		}
		semm__jpath_pop(p);
		if (rc < 0)
			break;
		i++;
	}
	semm__jpath_pop(p);
	if (rc < 0) {
		semm__free_strings(list, count);
		return rc;
	}
	*out = list;
	*n = count;
	return SEMM_OK;
}

void semm__json_element_lines(const semm__jdoc *d, const semm__jpath *array,
			      unsigned long *lines, size_t n)
{
	const char *e = d->text + d->len;
	const char *s = d->text + locate(d, array);
	unsigned long line = 1;
	const char *counted = d->text;
	size_t i;

	for (i = 0; i < n; i++)
		lines[i] = 0;
	if (s >= e || *s != '[')
		return;
	s = skip_ws(s + 1, e);
	for (i = 0; i < n && s < e && *s != ']'; i++) {
		while (counted < s) {
			if (*counted++ == '\n')
				line++;
		}
		lines[i] = line;
		s = skip_ws(skip_value(s, e), e);
		if (s < e && *s == ',')
			s = skip_ws(s + 1, e);
	}
}

void semm__json_position(const semm__jdoc *d, const semm__jpath *p,
			 unsigned long *line, unsigned long *column)
{
	semm__text_position(d->text, d->len, locate(d, p), line, column);
}

int semm_detect_format(const char *data, size_t len, const char *source,
		       char *out, size_t outlen, semm_error *err)
{
	semm__jdoc d = { data, len, source ? source : "<input>", err, NULL };
	semm__jpath p = { 0 };
	const cJSON *f;
	cJSON *root = NULL;
	int rc = semm__json_parse(&d, &root);

	if (rc < 0)
		return rc;
	f = cJSON_IsObject(root)
		    ? cJSON_GetObjectItemCaseSensitive(root, "format")
		    : NULL;
	if (!cJSON_IsString(f)) {
		rc = semm__jfail(&d, &p, SEMM_ESCHEMA,
				 "no \"format\" member: not a semm model or "
				 "questionnaire file");
	} else {
		snprintf(out, outlen, "%s", f->valuestring);
	}
	cJSON_Delete(root);
	return rc;
}

int semm__jcheck_members(const semm__jdoc *d, semm__jpath *p, const cJSON *obj,
			 const char *const *allowed)
{
	char shown[SEMM__QUOTE_BUF];
	char expected[256] = "";
	const cJSON *v;
	size_t i, used = 0;
	int rc;

	for (i = 0; allowed[i] && used + 1 < sizeof(expected); i++)
		used += (size_t)snprintf(expected + used,
					 sizeof(expected) - used, "%s%s",
					 i ? ", " : "", allowed[i]);
	cJSON_ArrayForEach(v, obj)
	{
		for (i = 0; allowed[i] && strcmp(allowed[i], v->string) != 0;
		     i++)
			;
		if (allowed[i])
			continue;
		semm__jpath_key(p, v->string);
		rc = semm__jfail(d, p, SEMM_EINVALID,
				 "unknown member \"%s\" (misspelt? expected "
				 "one of: %s)",
				 semm__shorten(v->string, strlen(v->string),
					       shown, sizeof(shown)),
				 expected);
		semm__jpath_pop(p);
		if (rc < 0)
			return rc;
	}
	return SEMM_OK;
}

int semm__jcheck_weight(const semm__jdoc *d, semm__jpath *p, double w)
{
	int rc = SEMM_OK;

	if (w > 0 && w >= DBL_MIN && w <= SEMM_WEIGHT_MAX)
		return SEMM_OK;
	semm__jpath_key(p, "weight");
	if (!(w > 0))
		rc = semm__jfail(d, p, SEMM_EINVALID,
				 "weight must be greater than 0, found %g", w);
	else
		rc = semm__jfail(d, p, SEMM_EINVALID,
				 "weight %g is too %s (weights must lie "
				 "between %g and %g; only their ratios count, "
				 "so scale them all alike)",
				 w, w < DBL_MIN ? "small" : "large", DBL_MIN,
				 SEMM_WEIGHT_MAX);
	semm__jpath_pop(p);
	return rc;
}
