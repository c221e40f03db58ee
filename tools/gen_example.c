/*
 * gen_example.c - write a realistic, deterministic example response CSV.
 *
 * Reads a semm questionnaire (format semm-questionnaire/1) and writes one CSV
 * row per fictional respondent: the questionnaire's metadata columns
 * (respondent, organization, unit, role, date - whichever it defines), then
 * one column per item in questionnaire order.
 *
 * The data follow a small latent model so that examples look like real
 * surveys: every organization has a base maturity (some strong, some weak)
 * and a maturity per element with one clearly weakest element; a respondent
 * answers latent + respondent, role, unit and item effects + noise, rounded
 * to a scale point and clamped. Reverse-coded items are written as
 * min + max - x, so they agree with the latent maturity after recoding.
 * About 3 % of answers are N/A, 1 % don't know and 1 % blank, and a couple
 * of respondents answer most items N/A.
 *
 * Output is identical on every platform for a given seed: the program uses
 * its own PRNG (xoshiro256** seeded by splitmix64), never rand() or the
 * clock, and writes LF line endings.
 *
 * Build: cc -std=c11 -Wall -Wextra -Werror gen_example.c -lcjson -lm
 * Usage: gen_example -q QUESTIONNAIRE.json [-s SEED] [-g ORGS] [-o OUT.csv]
 *
 * This is a stand-alone tool: it uses cJSON directly and nothing of libsemm.
 */
#include <cjson/cJSON.h>

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen_rng.h"

#ifdef _WIN32
#include <fcntl.h>
#include <io.h>

#endif

#define GEN_NAME "gen_example"
#define GEN_FORMAT "semm-questionnaire/1"
#define GEN_DEFAULT_SEED 23592u
#define GEN_DEFAULT_ORGS 6
#define GEN_MAX_ORGS 999
#define GEN_MIN_RESPONDENTS 8
#define GEN_MAX_RESPONDENTS 60
#define GEN_MAX_SCALE_POINTS 200
#define GEN_UNITS 3
#define GEN_YEAR "2026"
#define GEN_SURVEY_DAYS 21

/* Latent model, all on the unit interval u = (x - min) / (max - min). */
#define GEN_BASE_LOW 0.22
#define GEN_BASE_SPAN 0.56
#define GEN_BASE_SD 0.03
#define GEN_ELEMENT_SD 0.07
#define GEN_WEAKEST_GAP 0.10
#define GEN_WEAKEST_EXTRA 0.05
#define GEN_LATENT_LOW 0.03
#define GEN_LATENT_HIGH 0.97
#define GEN_ITEM_SD 0.04
#define GEN_RESPONDENT_SD 0.09
#define GEN_UNIT_SD 0.04
#define GEN_NOISE_SD 0.12
#define GEN_MANAGER_SHARE 0.15
#define GEN_FRONTLINE_SHARE 0.60
#define GEN_MANAGER_SHIFT 0.06
#define GEN_FRONTLINE_SHIFT (-0.02)

/* Missing answers. */
#define GEN_NA_RATE 0.03
#define GEN_DK_RATE 0.01
#define GEN_BLANK_RATE 0.01
#define GEN_HEAVY_NA_RESPONDENTS 2
#define GEN_HEAVY_NA_RATE 0.85

enum gen_role {
	GEN_ROLE_RESPONDENT,
	GEN_ROLE_ORGANIZATION,
	GEN_ROLE_UNIT,
	GEN_ROLE_ROLE,
	GEN_ROLE_DATE,
	GEN_ROLE_COUNT
};

static const char *const gen_role_names[GEN_ROLE_COUNT] = {
	"respondent", "organization", "unit", "role", "date"
};

struct gen_scale {
	const char *id;
	int min;
	int max;
	const char *na; /* code written for N/A, NULL if the scale has none */
	const char *dk; /* code written for don't know, or NULL */
};

struct gen_item {
	const char *id;
	size_t element;
	size_t scale;
	int reverse;
	double difficulty;
};

/* The questionnaire; all strings point into root, which owns them. */
struct gen_quest {
	cJSON *root;
	struct gen_scale *scales;
	size_t nscales;
	struct gen_item *items;
	size_t nitems;
	const char **elements;
	size_t nelements;
	const char *columns[GEN_ROLE_COUNT];
};

struct gen_org {
	char name[64];
	char prefix[24];
	const char *units[GEN_UNITS];
	double unit_shift[GEN_UNITS];
	double *latent; /* one per element */
	size_t respondents;
	unsigned start_day; /* 0-based day of the year */
};

struct gen_options {
	const char *questionnaire;
	const char *output;
	uint64_t seed;
	size_t orgs;
};

struct gen_org_template {
	const char *name;
	const char *prefix;
	const char *units[GEN_UNITS];
};

static const struct gen_org_template gen_templates[] = {
	{ "Kestrel Water",
	  "KW",
	  { "Billing", "Field Operations", "Contact Centre" } },
	{ "Lantern Bay Borough Council",
	  "LB",
	  { "Housing", "Planning", "Citizen Services" } },
	{ "Foxglove Inns", "FI", { "Front Desk", "Housekeeping", "Events" } },
	{ "Ashgrove Community Health",
	  "AC",
	  { "Outpatients", "District Nursing", "Patient Relations" } },
	{ "Tideway Savings Bank",
	  "TS",
	  { "Branches", "Mortgages", "Digital Banking" } },
	{ "Pinecrest Freight",
	  "PF",
	  { "Warehousing", "Fleet", "Customer Care" } },
	{ "Saltmarsh Rail",
	  "SR",
	  { "Stations", "On-board Services", "Ticketing" } },
	{ "Orchard Lane Insurance",
	  "OL",
	  { "Claims", "Underwriting", "Broker Support" } },
	{ "Copperfield Telecom",
	  "CT",
	  { "Retail Stores", "Network Operations", "Helpdesk" } },
	{ "Willowmere University",
	  "WU",
	  { "Admissions", "Library", "Student Services" } },
	{ "Stonebridge Housing Association",
	  "SH",
	  { "Repairs", "Tenancy Services", "Lettings" } },
	{ "Marigold Airlines",
	  "MA",
	  { "Check-in", "Cabin Crew", "Loyalty Programme" } },
};

#define GEN_TEMPLATES (sizeof(gen_templates) / sizeof(gen_templates[0]))

static const char *const gen_generic_units[GEN_UNITS] = { "Unit A", "Unit B",
							  "Unit C" };

static const unsigned gen_month_days[12] = {
	31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 /* 2026 */
};

/* ---------------------------------------------------------------- errors */

static int gen_fail(const char *file, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int gen_fail(const char *file, const char *fmt, ...)
{
	va_list ap;

	if (file != NULL)
		fprintf(stderr, GEN_NAME ": %s: ", file);
	else
		fputs(GEN_NAME ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

static void gen_usage(FILE *out)
{
	fputs("usage: " GEN_NAME " -q QUESTIONNAIRE.json [-s SEED] [-g ORGS]"
	      " [-o OUT.csv]\n",
	      out);
}

/* ------------------------------------------------------------------ PRNG */

/* Uniform on [0, 1) with 53 random bits. */
static double gen_rng_uniform(struct gen_rng *rng)
{
	return (double)(gen_rng_next(rng) >> 11) * 0x1.0p-53;
}

/* Standard normal variate (Box-Muller; the second variate is dropped). */
static double gen_rng_normal(struct gen_rng *rng)
{
	const double two_pi = 6.283185307179586476925;
	double u1 = 1.0 - gen_rng_uniform(rng); /* (0, 1] */
	double u2 = gen_rng_uniform(rng);

	return sqrt(-2.0 * log(u1)) * cos(two_pi * u2);
}

/* --------------------------------------------------------- file reading */

static int gen_read_file(const char *path, char **out, size_t *out_len)
{
	FILE *fp = NULL;
	char *buf = NULL;
	size_t len = 0, cap = 0, got;
	int rc = -1;

	*out = NULL;
	fp = fopen(path, "rb");
	if (fp == NULL) {
		gen_fail(path, "cannot open: %s", strerror(errno));
		goto done;
	}
	do {
		if (len == cap) {
			char *grown;

			cap = cap ? cap * 2 : 65536;
			grown = realloc(buf, cap);
			if (grown == NULL) {
				gen_fail(path, "out of memory");
				goto done;
			}
			buf = grown;
		}
		got = fread(buf + len, 1, cap - len, fp);
		len += got;
	} while (got > 0);
	if (ferror(fp)) {
		gen_fail(path, "read error");
		goto done;
	}
	*out = buf;
	*out_len = len;
	buf = NULL;
	rc = 0;
done:
	free(buf);
	if (fp != NULL)
		fclose(fp);
	return rc;
}

/* ------------------------------------------------- questionnaire parsing */

static int gen_ascii_casecmp(const char *a, const char *b)
{
	unsigned char ca, cb;

	do {
		ca = (unsigned char)*a++;
		cb = (unsigned char)*b++;
		if (ca >= 'A' && ca <= 'Z')
			ca = (unsigned char)(ca - 'A' + 'a');
		if (cb >= 'A' && cb <= 'Z')
			cb = (unsigned char)(cb - 'A' + 'a');
	} while (ca != 0 && ca == cb);
	return (int)ca - (int)cb;
}

/* A required non-empty string member; NULL (after an error) if absent. */
static const char *gen_get_string(const cJSON *obj, const char *name,
				  const char *path, const char *where)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, name);

	if (!cJSON_IsString(m) || m->valuestring == NULL ||
	    m->valuestring[0] == '\0') {
		gen_fail(path, "%s: \"%s\" must be a non-empty string", where,
			 name);
		return NULL;
	}
	return m->valuestring;
}

static int gen_get_int(const cJSON *obj, const char *name, const char *path,
		       const char *where, int *out)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, name);
	double v;

	if (!cJSON_IsNumber(m))
		return gen_fail(path, "%s: \"%s\" must be an integer", where,
				name);
	v = m->valuedouble;
	if (!(v >= -1e6 && v <= 1e6) || v != floor(v))
		return gen_fail(path, "%s: \"%s\" must be an integer", where,
				name);
	*out = (int)v;
	return 0;
}

/*
 * The code to write for N/A or don't know: `preferred` if the list holds it
 * (ignoring case), else the list's first code, else NULL.
 */
static int gen_pick_code(const cJSON *scale, const char *name,
			 const char *preferred, const char *path,
			 const char *where, const char **out)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(scale, name);
	const cJSON *code;

	*out = NULL;
	if (list == NULL)
		return 0;
	if (!cJSON_IsArray(list))
		return gen_fail(path, "%s: \"%s\" must be an array of strings",
				where, name);
	cJSON_ArrayForEach(code, list)
	{
		if (!cJSON_IsString(code) || code->valuestring == NULL)
			return gen_fail(path,
					"%s: \"%s\" must be an array"
					" of strings",
					where, name);
		if (*out == NULL)
			*out = code->valuestring;
		if (gen_ascii_casecmp(code->valuestring, preferred) == 0)
			*out = code->valuestring;
	}
	return 0;
}

static int gen_parse_scale(const cJSON *obj, size_t index, const char *path,
			   struct gen_scale *scale)
{
	char where[48];

	snprintf(where, sizeof(where), "scales[%zu]", index);
	if (!cJSON_IsObject(obj))
		return gen_fail(path, "%s must be an object", where);
	scale->id = gen_get_string(obj, "id", path, where);
	if (scale->id == NULL)
		return -1;
	if (gen_get_int(obj, "min", path, where, &scale->min) < 0 ||
	    gen_get_int(obj, "max", path, where, &scale->max) < 0)
		return -1;
	if (scale->min >= scale->max ||
	    scale->max - scale->min + 1 > GEN_MAX_SCALE_POINTS)
		return gen_fail(path, "%s: scale %d..%d is not allowed", where,
				scale->min, scale->max);
	if (gen_pick_code(obj, "na", "N/A", path, where, &scale->na) < 0)
		return -1;
	return gen_pick_code(obj, "dont_know", "Don't know", path, where,
			     &scale->dk);
}

static int gen_parse_scales(struct gen_quest *q, const char *path)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(q->root, "scales");
	const cJSON *obj;
	size_t i = 0;

	if (!cJSON_IsArray(list) || cJSON_GetArraySize(list) < 1)
		return gen_fail(path, "\"scales\" must be a non-empty array");
	q->nscales = (size_t)cJSON_GetArraySize(list);
	q->scales = calloc(q->nscales, sizeof(*q->scales));
	if (q->scales == NULL)
		return gen_fail(path, "out of memory");
	cJSON_ArrayForEach(obj, list)
	{
		if (gen_parse_scale(obj, i, path, &q->scales[i]) < 0)
			return -1;
		i++;
	}
	return 0;
}

static int gen_find_scale(const struct gen_quest *q, const char *id,
			  size_t *out)
{
	size_t i;

	for (i = 0; i < q->nscales; i++) {
		if (strcmp(q->scales[i].id, id) == 0) {
			*out = i;
			return 0;
		}
	}
	return -1;
}

/* Index of element `id`, appending it in order of first appearance. */
static size_t gen_element_index(struct gen_quest *q, const char *id)
{
	size_t i;

	for (i = 0; i < q->nelements; i++) {
		if (strcmp(q->elements[i], id) == 0)
			return i;
	}
	q->elements[q->nelements] = id;
	return q->nelements++;
}

static int gen_parse_item(struct gen_quest *q, const cJSON *obj, size_t index,
			  const char *path)
{
	struct gen_item *item = &q->items[index];
	const char *element, *scale;
	const cJSON *reverse;
	char where[48];

	snprintf(where, sizeof(where), "items[%zu]", index);
	if (!cJSON_IsObject(obj))
		return gen_fail(path, "%s must be an object", where);
	item->id = gen_get_string(obj, "id", path, where);
	element = gen_get_string(obj, "element", path, where);
	scale = gen_get_string(obj, "scale", path, where);
	if (item->id == NULL || element == NULL || scale == NULL)
		return -1;
	if (gen_find_scale(q, scale, &item->scale) < 0)
		return gen_fail(path, "%s: item %s: unknown scale \"%s\"",
				where, item->id, scale);
	reverse = cJSON_GetObjectItemCaseSensitive(obj, "reverse");
	if (reverse != NULL && !cJSON_IsBool(reverse))
		return gen_fail(path,
				"%s: item %s: \"reverse\" must be true"
				" or false",
				where, item->id);
	item->reverse = cJSON_IsTrue(reverse);
	item->element = gen_element_index(q, element);
	return 0;
}

static int gen_parse_items(struct gen_quest *q, const char *path)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(q->root, "items");
	const cJSON *obj;
	size_t i = 0;

	if (!cJSON_IsArray(list) || cJSON_GetArraySize(list) < 1)
		return gen_fail(path, "\"items\" must be a non-empty array");
	q->nitems = (size_t)cJSON_GetArraySize(list);
	q->items = calloc(q->nitems, sizeof(*q->items));
	q->elements = calloc(q->nitems, sizeof(*q->elements));
	if (q->items == NULL || q->elements == NULL)
		return gen_fail(path, "out of memory");
	cJSON_ArrayForEach(obj, list)
	{
		if (gen_parse_item(q, obj, i, path) < 0)
			return -1;
		i++;
	}
	return 0;
}

static int gen_parse_metadata(struct gen_quest *q, const char *path)
{
	const cJSON *meta =
		cJSON_GetObjectItemCaseSensitive(q->root, "metadata");
	const cJSON *role;
	char where[48];
	size_t i;

	if (!cJSON_IsObject(meta))
		return gen_fail(path, "\"metadata\" must be an object");
	for (i = 0; i < GEN_ROLE_COUNT; i++) {
		role = cJSON_GetObjectItemCaseSensitive(meta,
							gen_role_names[i]);
		if (role == NULL)
			continue;
		snprintf(where, sizeof(where), "metadata.%s",
			 gen_role_names[i]);
		if (!cJSON_IsObject(role))
			return gen_fail(path, "%s must be an object", where);
		q->columns[i] = gen_get_string(role, "column", path, where);
		if (q->columns[i] == NULL)
			return -1;
	}
	if (q->columns[GEN_ROLE_RESPONDENT] == NULL)
		return gen_fail(path, "metadata.respondent is required");
	return 0;
}

static int gen_check_format(const cJSON *root, const char *path)
{
	const cJSON *format;

	if (!cJSON_IsObject(root))
		return gen_fail(path, "the top level must be an object");
	format = cJSON_GetObjectItemCaseSensitive(root, "format");
	if (!cJSON_IsString(format) || format->valuestring == NULL ||
	    strcmp(format->valuestring, GEN_FORMAT) != 0)
		return gen_fail(path, "\"format\" must be \"" GEN_FORMAT "\"");
	return 0;
}

static void gen_quest_free(struct gen_quest *q)
{
	free(q->scales);
	free(q->items);
	free(q->elements);
	cJSON_Delete(q->root);
	memset(q, 0, sizeof(*q));
}

static int gen_quest_load(struct gen_quest *q, const char *path)
{
	const char *end = NULL;
	char *text = NULL;
	size_t len = 0;
	int rc;

	memset(q, 0, sizeof(*q));
	rc = gen_read_file(path, &text, &len);
	if (rc < 0)
		goto done;
	q->root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (q->root == NULL) {
		rc = gen_fail(path, "invalid JSON near byte %ld",
			      end != NULL ? (long)(end - text) : 0L);
		goto done;
	}
	rc = gen_check_format(q->root, path);
	if (rc == 0)
		rc = gen_parse_scales(q, path);
	if (rc == 0)
		rc = gen_parse_items(q, path);
	if (rc == 0)
		rc = gen_parse_metadata(q, path);
done:
	free(text);
	if (rc < 0)
		gen_quest_free(q);
	return rc;
}

/* ------------------------------------------------------ latent structure */

static double gen_clamp(double v, double lo, double hi)
{
	return v < lo ? lo : (v > hi ? hi : v);
}

static void gen_shuffle(struct gen_rng *rng, size_t *v, size_t n)
{
	size_t i, j, t;

	for (i = n; i > 1; i--) {
		j = (size_t)gen_rng_below(rng, i);
		t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}

static void gen_org_names(struct gen_org *org, size_t index)
{
	const struct gen_org_template *t;
	size_t u;

	if (index < GEN_TEMPLATES) {
		t = &gen_templates[index];
		snprintf(org->name, sizeof(org->name), "%s", t->name);
		snprintf(org->prefix, sizeof(org->prefix), "%s", t->prefix);
		for (u = 0; u < GEN_UNITS; u++)
			org->units[u] = t->units[u];
		return;
	}
	snprintf(org->name, sizeof(org->name), "Example Organization %zu",
		 index + 1);
	snprintf(org->prefix, sizeof(org->prefix), "X%zu", index + 1);
	for (u = 0; u < GEN_UNITS; u++)
		org->units[u] = gen_generic_units[u];
}

/*
 * Element maturities around the organization's base, with one element
 * pushed clearly below all the others.
 */
static void gen_org_latent(struct gen_rng *rng, struct gen_org *org,
			   double base, size_t nelements)
{
	size_t e, weakest;
	double lowest = 1.0;

	for (e = 0; e < nelements; e++)
		org->latent[e] = base + GEN_ELEMENT_SD * gen_rng_normal(rng);
	weakest = (size_t)gen_rng_below(rng, nelements);
	for (e = 0; e < nelements; e++) {
		if (e != weakest && org->latent[e] < lowest)
			lowest = org->latent[e];
	}
	if (nelements > 1)
		org->latent[weakest] = lowest - GEN_WEAKEST_GAP -
				       GEN_WEAKEST_EXTRA * gen_rng_uniform(rng);
	for (e = 0; e < nelements; e++)
		org->latent[e] = gen_clamp(org->latent[e], GEN_LATENT_LOW,
					   GEN_LATENT_HIGH);
}

static void gen_org_init(struct gen_rng *rng, struct gen_org *org, size_t index,
			 size_t rank, size_t norgs, size_t nelements)
{
	double base = GEN_BASE_LOW + GEN_BASE_SPAN / 2;
	size_t u;

	gen_org_names(org, index);
	if (norgs > 1)
		base = GEN_BASE_LOW +
		       GEN_BASE_SPAN * (double)rank / (double)(norgs - 1);
	base += GEN_BASE_SD * gen_rng_normal(rng);
	gen_org_latent(rng, org, base, nelements);
	for (u = 0; u < GEN_UNITS; u++)
		org->unit_shift[u] = GEN_UNIT_SD * gen_rng_normal(rng);
	org->respondents =
		GEN_MIN_RESPONDENTS +
		(size_t)gen_rng_below(rng, GEN_MAX_RESPONDENTS -
						   GEN_MIN_RESPONDENTS + 1);
	org->start_day = 10 + (unsigned)gen_rng_below(rng, 300);
}

static void gen_orgs_free(struct gen_org *orgs, size_t n)
{
	size_t i;

	if (orgs == NULL)
		return;
	for (i = 0; i < n; i++)
		free(orgs[i].latent);
	free(orgs);
}

static int gen_orgs_create(struct gen_rng *rng, const struct gen_quest *q,
			   size_t norgs, struct gen_org **out)
{
	struct gen_org *orgs = calloc(norgs, sizeof(*orgs));
	size_t *rank = calloc(norgs, sizeof(*rank));
	size_t i;
	int rc = -1;

	*out = NULL;
	if (orgs == NULL || rank == NULL)
		goto done;
	for (i = 0; i < norgs; i++) {
		rank[i] = i;
		orgs[i].latent = calloc(q->nelements, sizeof(double));
		if (orgs[i].latent == NULL)
			goto done;
	}
	gen_shuffle(rng, rank, norgs);
	for (i = 0; i < norgs; i++)
		gen_org_init(rng, &orgs[i], i, rank[i], norgs, q->nelements);
	*out = orgs;
	orgs = NULL;
	rc = 0;
done:
	if (rc < 0)
		gen_fail(NULL, "out of memory");
	gen_orgs_free(orgs, norgs);
	free(rank);
	return rc;
}

/* ------------------------------------------------------------ CSV output */

static void gen_csv_field(FILE *out, const char *s)
{
	const char *p;

	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			fputc('"', out);
		fputc(*p, out);
	}
	fputc('"', out);
}

static void gen_csv_next(FILE *out, int *first)
{
	if (!*first)
		fputc(',', out);
	*first = 0;
}

static void gen_write_header(FILE *out, const struct gen_quest *q)
{
	int first = 1;
	size_t i;

	for (i = 0; i < GEN_ROLE_COUNT; i++) {
		if (q->columns[i] == NULL)
			continue;
		gen_csv_next(out, &first);
		gen_csv_field(out, q->columns[i]);
	}
	for (i = 0; i < q->nitems; i++) {
		gen_csv_next(out, &first);
		gen_csv_field(out, q->items[i].id);
	}
	fputc('\n', out);
}

static void gen_format_date(char *buf, size_t size, unsigned day)
{
	unsigned month = 0;

	while (month < 11 && day >= gen_month_days[month]) {
		day -= gen_month_days[month];
		month++;
	}
	snprintf(buf, size, GEN_YEAR "-%02u-%02u", month + 1, day + 1);
}

/* The per-respondent draws, in a fixed order. */
struct gen_respondent {
	char id[32];
	const char *role;
	double shift;
	size_t unit;
	char date[32];
	int heavy_na;
};

static void gen_respondent_draw(struct gen_rng *rng, const struct gen_org *org,
				size_t index, struct gen_respondent *r)
{
	double p;

	snprintf(r->id, sizeof(r->id), "%s-%03zu", org->prefix, index + 1);
	r->unit = (size_t)gen_rng_below(rng, GEN_UNITS);
	p = gen_rng_uniform(rng);
	if (p < GEN_MANAGER_SHARE) {
		r->role = "manager";
		r->shift = GEN_MANAGER_SHIFT;
	} else if (p < GEN_MANAGER_SHARE + GEN_FRONTLINE_SHARE) {
		r->role = "front-line";
		r->shift = GEN_FRONTLINE_SHIFT;
	} else {
		r->role = "support";
		r->shift = 0.0;
	}
	r->shift += org->unit_shift[r->unit];
	r->shift += GEN_RESPONDENT_SD * gen_rng_normal(rng);
	gen_format_date(r->date, sizeof(r->date),
			org->start_day +
				(unsigned)gen_rng_below(rng, GEN_SURVEY_DAYS));
}

/* One answer cell: a scale point, an N/A or don't-know code, or blank. */
static void gen_answer(struct gen_rng *rng, const struct gen_quest *q,
		       const struct gen_item *item, double latent,
		       const struct gen_respondent *r, char *buf, size_t size)
{
	const struct gen_scale *s = &q->scales[item->scale];
	double p = gen_rng_uniform(rng);
	double u = latent + r->shift + item->difficulty +
		   GEN_NOISE_SD * gen_rng_normal(rng);
	double span = (double)(s->max - s->min);
	int x = s->min + (int)floor(gen_clamp(u, 0.0, 1.0) * span + 0.5);
	const char *code = NULL;

	buf[0] = '\0';
	if (r->heavy_na ? p < GEN_HEAVY_NA_RATE : p < GEN_NA_RATE)
		code = s->na;
	else if (!r->heavy_na && p < GEN_NA_RATE + GEN_DK_RATE)
		code = s->dk;
	else if (!r->heavy_na && p < GEN_NA_RATE + GEN_DK_RATE + GEN_BLANK_RATE)
		code = "";
	if (code != NULL) {
		snprintf(buf, size, "%s", code);
		return;
	}
	if (item->reverse)
		x = s->min + s->max - x;
	snprintf(buf, size, "%d", x);
}

static void gen_write_row(FILE *out, struct gen_rng *rng,
			  const struct gen_quest *q, const struct gen_org *org,
			  const struct gen_respondent *r)
{
	const char *meta[GEN_ROLE_COUNT];
	char cell[256];
	int first = 1;
	size_t i;

	meta[GEN_ROLE_RESPONDENT] = r->id;
	meta[GEN_ROLE_ORGANIZATION] = org->name;
	meta[GEN_ROLE_UNIT] = org->units[r->unit];
	meta[GEN_ROLE_ROLE] = r->role;
	meta[GEN_ROLE_DATE] = r->date;
	for (i = 0; i < GEN_ROLE_COUNT; i++) {
		if (q->columns[i] == NULL)
			continue;
		gen_csv_next(out, &first);
		gen_csv_field(out, meta[i]);
	}
	for (i = 0; i < q->nitems; i++) {
		const struct gen_item *item = &q->items[i];

		gen_answer(rng, q, item, org->latent[item->element], r, cell,
			   sizeof(cell));
		gen_csv_next(out, &first);
		gen_csv_field(out, cell);
	}
	fputc('\n', out);
}

/* ------------------------------------------------------------ generation */

struct gen_heavy {
	size_t org;
	size_t respondent;
};

static int gen_is_heavy(const struct gen_heavy *heavy, size_t org,
			size_t respondent)
{
	size_t i;

	for (i = 0; i < GEN_HEAVY_NA_RESPONDENTS; i++) {
		if (heavy[i].org == org && heavy[i].respondent == respondent)
			return 1;
	}
	return 0;
}

static void gen_write_all(FILE *out, struct gen_rng *rng,
			  const struct gen_quest *q, const struct gen_org *orgs,
			  size_t norgs)
{
	struct gen_heavy heavy[GEN_HEAVY_NA_RESPONDENTS];
	struct gen_respondent r;
	size_t i, j;

	/* Distinct respondents, when there are enough of them. */
	memset(heavy, 0xff, sizeof(heavy));
	for (i = 0; i < GEN_HEAVY_NA_RESPONDENTS; i++) {
		size_t o, k, tries = 0;

		do {
			o = (size_t)gen_rng_below(rng, norgs);
			k = (size_t)gen_rng_below(rng, orgs[o].respondents);
		} while (gen_is_heavy(heavy, o, k) && ++tries < 100);
		heavy[i].org = o;
		heavy[i].respondent = k;
	}
	gen_write_header(out, q);
	for (i = 0; i < norgs; i++) {
		for (j = 0; j < orgs[i].respondents; j++) {
			gen_respondent_draw(rng, &orgs[i], j, &r);
			r.heavy_na = gen_is_heavy(heavy, i, j);
			gen_write_row(out, rng, q, &orgs[i], &r);
		}
	}
}

static int gen_run(const struct gen_options *opt, struct gen_quest *q,
		   FILE *out)
{
	struct gen_org *orgs = NULL;
	struct gen_rng rng;
	size_t i;
	int rc;

	gen_rng_seed(&rng, opt->seed);
	for (i = 0; i < q->nitems; i++)
		q->items[i].difficulty = GEN_ITEM_SD * gen_rng_normal(&rng);
	rc = gen_orgs_create(&rng, q, opt->orgs, &orgs);
	if (rc < 0)
		goto done;
	gen_write_all(out, &rng, q, orgs, opt->orgs);
done:
	gen_orgs_free(orgs, opt->orgs);
	return rc;
}

/* --------------------------------------------------------- command line */

static int gen_parse_u64(const char *s, uint64_t max, uint64_t *out)
{
	unsigned long long v;
	char *end = NULL;

	if (s[0] < '0' || s[0] > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v > max)
		return -1;
	*out = (uint64_t)v;
	return 0;
}

static int gen_parse_args(int argc, char **argv, struct gen_options *opt)
{
	uint64_t v;
	int i;

	opt->questionnaire = NULL;
	opt->output = NULL;
	opt->seed = GEN_DEFAULT_SEED;
	opt->orgs = GEN_DEFAULT_ORGS;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
			return 1;
		if (a[0] != '-' || a[1] == '\0' || a[2] != '\0' ||
		    strchr("qsgo", a[1]) == NULL)
			return gen_fail(NULL, "unknown argument \"%s\"", a);
		if (i + 1 >= argc)
			return gen_fail(NULL, "%s needs a value", a);
		a = argv[++i];
		switch (argv[i - 1][1]) {
		case 'q': opt->questionnaire = a; break;
		case 'o': opt->output = a; break;
		case 's':
			if (gen_parse_u64(a, UINT64_MAX, &opt->seed) < 0)
				return gen_fail(NULL,
						"-s: \"%s\" is not a"
						" seed (0..2^64-1)",
						a);
			break;
		default:
			if (gen_parse_u64(a, GEN_MAX_ORGS, &v) < 0 || v < 1)
				return gen_fail(NULL,
						"-g: \"%s\" is not a"
						" number of organizations"
						" (1..%d)",
						a, GEN_MAX_ORGS);
			opt->orgs = (size_t)v;
			break;
		}
	}
	if (opt->questionnaire == NULL)
		return gen_fail(NULL, "-q QUESTIONNAIRE.json is required");
	return 0;
}

static FILE *gen_open_output(const char *path)
{
	FILE *out;

	if (path == NULL) {
#ifdef _WIN32
		_setmode(_fileno(stdout), _O_BINARY); /* keep LF endings */
#endif
		return stdout;
	}
	/* Binary mode: rows end in LF on every platform. */
	out = fopen(path, "wb");
	if (out == NULL)
		gen_fail(path, "cannot create: %s", strerror(errno));
	return out;
}

static int gen_close_output(FILE *out, const char *path)
{
	int bad = ferror(out);

	if (path == NULL)
		bad |= fflush(out) != 0;
	else
		bad |= fclose(out) != 0;
	if (bad)
		return gen_fail(path != NULL ? path : "(stdout)",
				"write error");
	return 0;
}

int main(int argc, char **argv)
{
	struct gen_options opt;
	struct gen_quest q;
	FILE *out = NULL;
	int rc;

	memset(&q, 0, sizeof(q));
	rc = gen_parse_args(argc, argv, &opt);
	if (rc != 0) {
		gen_usage(rc > 0 ? stdout : stderr);
		return rc > 0 ? EXIT_SUCCESS : 2;
	}
	rc = gen_quest_load(&q, opt.questionnaire);
	if (rc < 0)
		goto done;
	out = gen_open_output(opt.output);
	if (out == NULL) {
		rc = -1;
		goto done;
	}
	rc = gen_run(&opt, &q, out);
	if (gen_close_output(out, opt.output) < 0)
		rc = -1;
done:
	gen_quest_free(&q);
	return rc < 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
