/*
 * gen_bench.c - write a large, deterministic response CSV for benchmarks.
 *
 * Reads a semm questionnaire (format semm-questionnaire/1) for three things
 * only: the respondent and organization column names, the item ids with
 * their element, scale and reverse flag, and each scale's range and N/A
 * code. It then writes one row per respondent:
 *
 *   respondent_id,organization,sector,size_band,region,<item ids...>
 *
 * for many organizations at once, as a benchmarking service would receive
 * them. Every organization has a fixed sector, size band and region; two
 * sector x size cells are deliberately rare (a handful of organizations),
 * so that anonymity thresholds have something to suppress. Organizations
 * differ in size: most are small, a few are ten times bigger than the
 * typical one, and about 2 % have fewer than five respondents. The counts
 * add up to exactly the number asked for, and an organization's rows are
 * contiguous.
 *
 * Answers follow a latent model on a fixed-point unit interval: an
 * organization's maturity per element (its base, shifted by sector and size,
 * plus an element effect), plus a respondent shift, an item difficulty and
 * noise, rounded to a scale point and clamped. Reverse-coded items are
 * written as min + max - x. About 2 % of answers are N/A and 0.5 % blank.
 *
 * Determinism: the output depends only on the questionnaire, the options
 * and the seed. The program draws from its own xoshiro256** generator
 * (seeded by splitmix64) and does all the model arithmetic in integers -
 * normal variates are Irwin-Hall sums of uniform integers - so there is no
 * libm rounding that could differ between platforms.
 *
 * Speed: rows are built in a large buffer with precomputed cell texts and
 * hand-written integer formatting, and written with fwrite; one PRNG call
 * yields both the noise and the missing-answer draw of a cell.
 *
 * Build: cc -std=c11 -O2 -Wall -Wextra -Werror gen_bench.c -lcjson -lm
 * Usage: gen_bench -q QUESTIONNAIRE.json [-n RESPONDENTS] [-g ORGS]
 *                  [-s SEED] [-o OUT.csv] [--no-segments]
 *
 * Exit status: 0 on success, 1 when a file cannot be read or written (a
 * partly written output is left as it is; write to a temporary name and
 * rename on success, as tools/bench.sh does), 2 for a bad command line.
 *
 * A stand-alone tool: it uses cJSON directly and nothing of libsemm.
 */
#include <cjson/cJSON.h>

#include <errno.h>
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

#define GEN_NAME "gen_bench"
#define GEN_FORMAT "semm-questionnaire/1"
#define GEN_DEFAULT_RESPONDENTS 1000000u
#define GEN_DEFAULT_ORGS 10000u
#define GEN_DEFAULT_SEED 19387u
#define GEN_MAX_RESPONDENTS 2000000000u
#define GEN_MAX_ORGS 100000000u
#define GEN_MAX_SCALE_POINTS 200
#define GEN_MAX_SCALE_ABS 1000000
#define GEN_MAX_CELL 31 /* longest cell text we write, in bytes */
#define GEN_RESPONDENT_DIGITS 7
#define GEN_ORG_DIGITS 5
#define GEN_BUFFER_SIZE (8u << 20)

/*
 * Fixed-point latent scale: GEN_Q is the whole scale span, so a latent of
 * GEN_Q / 2 is the scale midpoint. GEN_PCT(p) is p percent of the span.
 */
#define GEN_Q 65536
#define GEN_Q_SHIFT 16
#define GEN_PCT(p) ((int32_t)(GEN_Q * (p) / 100))

#define GEN_BASE_LOW GEN_PCT(25)
#define GEN_BASE_SPAN GEN_PCT(50)
#define GEN_BASE_SD GEN_PCT(4)
#define GEN_ELEMENT_EFFECT_SD GEN_PCT(5)
#define GEN_ELEMENT_SD GEN_PCT(7)
#define GEN_LATENT_LOW GEN_PCT(3)
#define GEN_LATENT_HIGH GEN_PCT(97)
#define GEN_ITEM_SD GEN_PCT(4)
#define GEN_RESPONDENT_SD GEN_PCT(9)
#define GEN_NOISE_SD GEN_PCT(12)

/*
 * Irwin-Hall normal: the sum of four uniform 12-bit integers has mean
 * 4 * 4095 / 2 and standard deviation 4096 / sqrt(3), close to 2365.
 */
#define GEN_IH_BITS 12
#define GEN_IH_MASK 0xfffu
#define GEN_IH_MEAN 8190
#define GEN_IH_SD 2365

/* Missing answers, out of 65536 (the top 16 bits of a cell's draw). */
#define GEN_NA_PER_64K 1311   /* 2.0 % */
#define GEN_BLANK_PER_64K 328 /* 0.5 % */

/* Organization sizes: share of organizations per class, in percent. */
#define GEN_TINY_PERCENT 2 /* fewer than GEN_SMALL_FLOOR respondents */
#define GEN_SMALL_FLOOR 5  /* respondents every other organization has */
#define GEN_JITTER_LOW 32  /* weights are scaled by 32..63 */
#define GEN_JITTER_SPAN 32

struct gen_size_class {
	unsigned percent; /* of the organizations that are not tiny */
	unsigned weight;
};

static const struct gen_size_class gen_size_classes[] = {
	{ 68, 2 }, { 20, 5 }, { 9, 12 }, { 3, 30 }
};

/* Segments: a name, a weight (relative frequency) and a latent shift. */
struct gen_segment {
	const char *name;
	unsigned weight;
	int32_t shift;
};

enum gen_sector {
	GEN_HEALTH,
	GEN_LOCAL_GOVERNMENT,
	GEN_UTILITIES,
	GEN_RETAIL,
	GEN_FINANCE,
	GEN_TRANSPORT
};

enum gen_size { GEN_SMALL, GEN_MEDIUM, GEN_LARGE };

static const struct gen_segment gen_sectors[] = {
	[GEN_HEALTH] = { "health", 20, GEN_PCT(1) },
	[GEN_LOCAL_GOVERNMENT] = { "local-government", 18, -GEN_PCT(4) },
	[GEN_UTILITIES] = { "utilities", 10, -GEN_PCT(2) },
	[GEN_RETAIL] = { "retail", 22, GEN_PCT(2) },
	[GEN_FINANCE] = { "finance", 15, GEN_PCT(3) },
	[GEN_TRANSPORT] = { "transport", 15, -GEN_PCT(1) },
};

static const struct gen_segment gen_sizes[] = {
	[GEN_SMALL] = { "small", 45, -GEN_PCT(2) },
	[GEN_MEDIUM] = { "medium", 35, 0 },
	[GEN_LARGE] = { "large", 20, GEN_PCT(2) },
};

static const struct gen_segment gen_regions[] = {
	{ "north", 27, 0 }, { "south", 30, 0 },	 { "east", 20, 0 },
	{ "west", 21, 0 },  { "islands", 2, 0 },
};

#define GEN_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Sector x size cells that hold exactly `count` organizations. */
struct gen_rare_cell {
	size_t sector;
	size_t size;
	size_t count;
};

static const struct gen_rare_cell gen_rare_cells[] = {
	{ GEN_UTILITIES, GEN_SMALL, 3 },
	{ GEN_FINANCE, GEN_SMALL, 2 },
};

struct gen_scale {
	const char *id;
	int min;
	int max;
	const char *na; /* code written for N/A; NULL writes a blank */
};

/* Cell text of one scale point, or of a missing answer. */
struct gen_cell {
	char text[GEN_MAX_CELL + 1];
	unsigned char len;
};

struct gen_item {
	const char *id;
	size_t scale;
	size_t element;
	int reverse;
	int32_t difficulty;
	/* Text of the answer at rounded latent position 0..span. */
	struct gen_cell *points;
	struct gen_cell na;
};

/* The questionnaire; the strings point into root, which owns them. */
struct gen_quest {
	cJSON *root;
	struct gen_scale *scales;
	size_t nscales;
	struct gen_item *items;
	size_t nitems;
	const char **elements;
	size_t nelements;
	const char *respondent_column;
	const char *organization_column;
};

struct gen_org {
	size_t sector;
	size_t size;
	size_t region;
	uint64_t weight; /* 0 for a tiny organization */
	uint64_t respondents;
	int32_t *latent; /* one per element, into a shared array */
	char *prefix;	 /* "ORG-00001,health,small,north," into a pool */
	size_t prefix_len;
};

struct gen_options {
	const char *questionnaire;
	const char *output;
	uint64_t respondents;
	uint64_t orgs;
	uint64_t seed;
	int segments;
};

/* A write buffer in front of a FILE; `failed` latches the first error. */
struct gen_out {
	FILE *fp;
	char *buf;
	size_t len;
	size_t cap;
	int failed;
};

/* ---------------------------------------------------------------- errors */

static int gen_fail(const char *file, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int gen_fail(const char *file, const char *fmt, ...)
{
	va_list ap;

	fputs(GEN_NAME ": ", stderr);
	if (file != NULL)
		fprintf(stderr, "%s: ", file);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

static void gen_usage(FILE *fp)
{
	fputs("usage: " GEN_NAME " -q QUESTIONNAIRE.json [-n RESPONDENTS]"
	      " [-g ORGS] [-s SEED]\n"
	      "                 [-o OUT.csv] [--no-segments]\n"
	      "\n"
	      "  -q FILE          questionnaire (semm-questionnaire/1)\n"
	      "  -n RESPONDENTS   rows to write (default 1000000)\n"
	      "  -g ORGS          organizations (default 10000)\n"
	      "  -s SEED          seed, 0..2^64-1 (default 19387)\n"
	      "  -o FILE          output file (default: standard output)\n"
	      "  --no-segments    omit the sector, size_band and region"
	      " columns\n",
	      fp);
}

/* ------------------------------------------------------------------ PRNG */

/*
 * Approximately normal with mean 0 and standard deviation `sd`, from the
 * low 48 bits of `bits` (four 12-bit uniforms). Integer division truncates
 * toward zero in C99 and later, so the result is the same everywhere.
 */
static int32_t gen_normal_bits(uint64_t bits, int32_t sd)
{
	int64_t sum = 0;
	int k;

	for (k = 0; k < 4; k++)
		sum += (int64_t)((bits >> (k * GEN_IH_BITS)) & GEN_IH_MASK);
	return (int32_t)((sum - GEN_IH_MEAN) * sd / GEN_IH_SD);
}

static int32_t gen_rng_normal(struct gen_rng *rng, int32_t sd)
{
	return gen_normal_bits(gen_rng_next(rng), sd);
}

/* Index into `table`, drawn in proportion to the weights. */
static size_t gen_rng_segment(struct gen_rng *rng,
			      const struct gen_segment *table, size_t n)
{
	unsigned total = 0;
	uint64_t pick;
	size_t i;

	for (i = 0; i < n; i++)
		total += table[i].weight;
	pick = gen_rng_below(rng, total);
	for (i = 0; i + 1 < n && pick >= table[i].weight; i++)
		pick -= table[i].weight;
	return i;
}

static int32_t gen_clamp(int32_t v, int32_t lo, int32_t hi)
{
	return v < lo ? lo : (v > hi ? hi : v);
}

/* ------------------------------------------------------------ formatting */

/* Writes v in decimal, zero-padded to `width`; returns the length. */
static size_t gen_format_uint(char *dst, uint64_t v, size_t width)
{
	char tmp[24];
	size_t n = 0, i;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	while (n < width && n < sizeof(tmp))
		tmp[n++] = '0';
	for (i = 0; i < n; i++)
		dst[i] = tmp[n - 1 - i];
	return n;
}

static size_t gen_format_int(char *dst, int v)
{
	if (v < 0) {
		dst[0] = '-';
		return 1 + gen_format_uint(dst + 1, (uint64_t)(-(int64_t)v), 0);
	}
	return gen_format_uint(dst, (uint64_t)v, 0);
}

/* --------------------------------------------------------- file reading */

static int gen_read_file(const char *path, char **out, size_t *out_len)
{
	FILE *fp;
	char *buf = NULL, *grown;
	size_t len = 0, cap = 0, got;
	int rc = -1;

	*out = NULL;
	fp = fopen(path, "rb");
	if (fp == NULL)
		return gen_fail(path, "cannot open: %s", strerror(errno));
	for (;;) {
		if (len == cap) {
			cap = cap == 0 ? 65536 : cap * 2;
			grown = realloc(buf, cap);
			if (grown == NULL) {
				gen_fail(path, "out of memory");
				goto done;
			}
			buf = grown;
		}
		got = fread(buf + len, 1, cap - len, fp);
		if (got == 0)
			break;
		len += got;
	}
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
	fclose(fp);
	return rc;
}

/* ------------------------------------------------- questionnaire parsing */

static const char *gen_json_string(const cJSON *obj, const char *name)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, name);

	if (!cJSON_IsString(m) || m->valuestring == NULL ||
	    m->valuestring[0] == '\0')
		return NULL;
	return m->valuestring;
}

static int gen_json_int(const cJSON *obj, const char *name, int *out)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, name);
	double v;

	if (!cJSON_IsNumber(m))
		return -1;
	v = m->valuedouble;
	if (!(v >= -GEN_MAX_SCALE_ABS && v <= GEN_MAX_SCALE_ABS) ||
	    v != (double)(int)v)
		return -1;
	*out = (int)v;
	return 0;
}

/* The scale's N/A code: "N/A" if it lists that, else its first code. */
static const char *gen_scale_na(const cJSON *scale)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(scale, "na");
	const cJSON *code;
	const char *first = NULL;

	cJSON_ArrayForEach(code, list)
	{
		if (!cJSON_IsString(code) || code->valuestring == NULL)
			continue;
		if (strcmp(code->valuestring, "N/A") == 0)
			return code->valuestring;
		if (first == NULL)
			first = code->valuestring;
	}
	return first;
}

static int gen_load_scales(struct gen_quest *q, const char *path)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(q->root, "scales");
	const cJSON *obj;
	struct gen_scale *s;

	if (!cJSON_IsArray(list) || cJSON_GetArraySize(list) < 1)
		return gen_fail(path, "\"scales\" must be a non-empty array");
	q->scales = calloc((size_t)cJSON_GetArraySize(list), sizeof(*s));
	if (q->scales == NULL)
		return gen_fail(path, "out of memory");
	cJSON_ArrayForEach(obj, list)
	{
		s = &q->scales[q->nscales];
		s->id = gen_json_string(obj, "id");
		if (s->id == NULL || gen_json_int(obj, "min", &s->min) < 0 ||
		    gen_json_int(obj, "max", &s->max) < 0)
			return gen_fail(path,
					"scales[%zu] needs an \"id\" and"
					" integer \"min\" and \"max\"",
					q->nscales);
		if (s->min >= s->max ||
		    s->max - s->min + 1 > GEN_MAX_SCALE_POINTS)
			return gen_fail(path, "scale %s: %d..%d is not allowed",
					s->id, s->min, s->max);
		s->na = gen_scale_na(obj);
		if (s->na != NULL && strlen(s->na) > GEN_MAX_CELL)
			return gen_fail(path, "scale %s: N/A code too long",
					s->id);
		q->nscales++;
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

/* Index of element `id`, added in order of first appearance. */
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

static int gen_load_item(struct gen_quest *q, const cJSON *obj,
			 struct gen_item *item, const char *path)
{
	const char *element = gen_json_string(obj, "element");
	const char *scale = gen_json_string(obj, "scale");
	const cJSON *reverse = cJSON_GetObjectItemCaseSensitive(obj, "reverse");

	item->id = gen_json_string(obj, "id");
	if (item->id == NULL || element == NULL || scale == NULL)
		return gen_fail(path,
				"items[%zu] needs \"id\", \"element\" and"
				" \"scale\"",
				q->nitems);
	if (gen_find_scale(q, scale, &item->scale) < 0)
		return gen_fail(path, "item %s: unknown scale \"%s\"", item->id,
				scale);
	if (reverse != NULL && !cJSON_IsBool(reverse))
		return gen_fail(path, "item %s: \"reverse\" must be a boolean",
				item->id);
	item->reverse = cJSON_IsTrue(reverse);
	item->element = gen_element_index(q, element);
	return 0;
}

static int gen_load_items(struct gen_quest *q, const char *path)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(q->root, "items");
	const cJSON *obj;
	size_t n;

	if (!cJSON_IsArray(list) || cJSON_GetArraySize(list) < 1)
		return gen_fail(path, "\"items\" must be a non-empty array");
	n = (size_t)cJSON_GetArraySize(list);
	q->items = calloc(n, sizeof(*q->items));
	q->elements = calloc(n, sizeof(*q->elements));
	if (q->items == NULL || q->elements == NULL)
		return gen_fail(path, "out of memory");
	cJSON_ArrayForEach(obj, list)
	{
		if (gen_load_item(q, obj, &q->items[q->nitems], path) < 0)
			return -1;
		q->nitems++;
	}
	return 0;
}

/* The column name of metadata role `role`, or NULL after an error. */
static const char *gen_load_column(const cJSON *root, const char *role,
				   const char *path)
{
	const cJSON *meta = cJSON_GetObjectItemCaseSensitive(root, "metadata");
	const char *column = gen_json_string(
		cJSON_GetObjectItemCaseSensitive(meta, role), "column");

	if (column == NULL)
		gen_fail(path, "metadata.%s.column is required", role);
	return column;
}

static void gen_quest_free(struct gen_quest *q)
{
	size_t i;

	for (i = 0; q->items != NULL && i < q->nitems; i++)
		free(q->items[i].points);
	free(q->items);
	free(q->scales);
	free(q->elements);
	cJSON_Delete(q->root);
	memset(q, 0, sizeof(*q));
}

static int gen_quest_load(struct gen_quest *q, const char *path)
{
	const cJSON *format;
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
	format = cJSON_GetObjectItemCaseSensitive(q->root, "format");
	if (!cJSON_IsString(format) || format->valuestring == NULL ||
	    strcmp(format->valuestring, GEN_FORMAT) != 0) {
		rc = gen_fail(path, "\"format\" must be \"" GEN_FORMAT "\"");
		goto done;
	}
	q->respondent_column = gen_load_column(q->root, "respondent", path);
	q->organization_column = gen_load_column(q->root, "organization", path);
	if (q->respondent_column == NULL || q->organization_column == NULL) {
		rc = -1;
		goto done;
	}
	rc = gen_load_scales(q, path);
	if (rc == 0)
		rc = gen_load_items(q, path);
done:
	free(text);
	if (rc < 0)
		gen_quest_free(q);
	return rc;
}

/* ------------------------------------------------------------- the model */

/*
 * Item difficulties and the precomputed text of every answer an item can
 * get, indexed by the rounded latent position 0..span, so that reverse
 * coding costs nothing per cell.
 */
static int gen_items_prepare(struct gen_rng *rng, struct gen_quest *q)
{
	size_t i, span, k;

	for (i = 0; i < q->nitems; i++) {
		struct gen_item *item = &q->items[i];
		const struct gen_scale *s = &q->scales[item->scale];

		item->difficulty = gen_rng_normal(rng, GEN_ITEM_SD);
		span = (size_t)(s->max - s->min);
		item->points = calloc(span + 1, sizeof(*item->points));
		if (item->points == NULL)
			return gen_fail(NULL, "out of memory");
		for (k = 0; k <= span; k++) {
			int x = s->min + (int)k;

			if (item->reverse)
				x = s->min + s->max - x;
			item->points[k].len = (unsigned char)gen_format_int(
				item->points[k].text, x);
		}
		if (s->na != NULL) {
			item->na.len = (unsigned char)strlen(s->na);
			memcpy(item->na.text, s->na, item->na.len);
		}
	}
	return 0;
}

/* Draws sector, size and region; a rare cell is never drawn here. */
static void gen_org_segments(struct gen_rng *rng, struct gen_org *org)
{
	size_t r;
	int rare;

	org->sector = gen_rng_segment(rng, gen_sectors, GEN_COUNT(gen_sectors));
	do {
		org->size =
			gen_rng_segment(rng, gen_sizes, GEN_COUNT(gen_sizes));
		rare = 0;
		for (r = 0; r < GEN_COUNT(gen_rare_cells); r++)
			rare |= gen_rare_cells[r].sector == org->sector &&
				gen_rare_cells[r].size == org->size;
	} while (rare);
	org->region = gen_rng_segment(rng, gen_regions, GEN_COUNT(gen_regions));
}

/*
 * Fills each rare cell with exactly its count of organizations (when the
 * sector has that many), taken from the sector from a random start.
 */
static void gen_fill_rare_cells(struct gen_rng *rng, struct gen_org *orgs,
				size_t norgs)
{
	size_t r, k, i, done;

	for (r = 0; r < GEN_COUNT(gen_rare_cells); r++) {
		const struct gen_rare_cell *cell = &gen_rare_cells[r];

		i = (size_t)gen_rng_below(rng, norgs);
		done = 0;
		for (k = 0; k < norgs && done < cell->count; k++) {
			if (orgs[i].sector == cell->sector) {
				orgs[i].size = cell->size;
				done++;
			}
			i = (i + 1) % norgs;
		}
	}
}

/* Size weight (0: a tiny organization) and the latent maturities. */
static void gen_org_model(struct gen_rng *rng, struct gen_org *org,
			  const int32_t *element_effect, size_t nelements)
{
	uint64_t pick = gen_rng_below(rng, 100);
	int32_t base;
	size_t c, e;

	org->weight = 0;
	if (pick >= GEN_TINY_PERCENT) {
		pick = gen_rng_below(rng, 100);
		for (c = 0; c + 1 < GEN_COUNT(gen_size_classes) &&
			    pick >= gen_size_classes[c].percent;
		     c++)
			pick -= gen_size_classes[c].percent;
		org->weight =
			gen_size_classes[c].weight *
			(GEN_JITTER_LOW + gen_rng_below(rng, GEN_JITTER_SPAN));
	}
	base = GEN_BASE_LOW + (int32_t)gen_rng_below(rng, GEN_BASE_SPAN) +
	       gen_rng_normal(rng, GEN_BASE_SD);
	for (e = 0; e < nelements; e++)
		org->latent[e] =
			gen_clamp(base + element_effect[e] +
					  gen_sectors[org->sector].shift +
					  gen_sizes[org->size].shift +
					  gen_rng_normal(rng, GEN_ELEMENT_SD),
				  GEN_LATENT_LOW, GEN_LATENT_HIGH);
}

/*
 * Gives `extra` respondents to the weighted organizations in proportion to
 * their weights; if every organization is tiny, to all of them evenly.
 */
static void gen_share_out(struct gen_org *orgs, size_t norgs, uint64_t extra)
{
	uint64_t total = 0, given = 0, share;
	size_t i;
	int even;

	for (i = 0; i < norgs; i++)
		total += orgs[i].weight;
	even = total == 0;
	if (even)
		total = norgs;
	for (i = 0; i < norgs; i++) {
		share = extra * (even ? 1 : orgs[i].weight) / total;
		orgs[i].respondents += share;
		given += share;
	}
	/* The rounding remainder is below the number of organizations. */
	for (i = 0; i < norgs && given < extra; i++) {
		if (even || orgs[i].weight > 0) {
			orgs[i].respondents++;
			given++;
		}
	}
}

/*
 * Respondent counts that sum to exactly `n` (n >= norgs): tiny
 * organizations get 1..GEN_SMALL_FLOOR-1, the others a floor of
 * GEN_SMALL_FLOOR plus their weighted share of the rest. When `n` is too
 * small for that, the floors drop to one.
 */
static void gen_allocate(struct gen_rng *rng, struct gen_org *orgs,
			 size_t norgs, uint64_t n)
{
	uint64_t tiny_sum = 0, weighted = 0, least = GEN_SMALL_FLOOR;
	size_t i;

	for (i = 0; i < norgs; i++) {
		if (orgs[i].weight == 0) {
			orgs[i].respondents =
				1 + gen_rng_below(rng, GEN_SMALL_FLOOR - 1);
			tiny_sum += orgs[i].respondents;
		} else {
			weighted++;
		}
	}
	if (n < tiny_sum + least * weighted)
		least = 1;
	if (n < tiny_sum + least * weighted) {
		tiny_sum = 0;
		for (i = 0; i < norgs; i++) {
			if (orgs[i].weight == 0)
				orgs[i].respondents = 1;
			tiny_sum += orgs[i].weight == 0;
		}
	}
	for (i = 0; i < norgs; i++) {
		if (orgs[i].weight > 0)
			orgs[i].respondents = least;
	}
	gen_share_out(orgs, norgs, n - tiny_sum - least * weighted);
}

/* "ORG-00001,health,small,north," (segments only when asked for). */
static size_t gen_org_prefix(char *dst, const struct gen_org *org, size_t index,
			     int segments)
{
	const char *parts[3];
	size_t len = 0, k, n;

	memcpy(dst, "ORG-", 4);
	len = 4 + gen_format_uint(dst + 4, index + 1, GEN_ORG_DIGITS);
	dst[len++] = ',';
	if (!segments)
		return len;
	parts[0] = gen_sectors[org->sector].name;
	parts[1] = gen_sizes[org->size].name;
	parts[2] = gen_regions[org->region].name;
	for (k = 0; k < 3; k++) {
		n = strlen(parts[k]);
		memcpy(dst + len, parts[k], n);
		len += n;
		dst[len++] = ',';
	}
	return len;
}

struct gen_world {
	struct gen_org *orgs;
	size_t norgs;
	int32_t *latent; /* norgs x nelements */
	char *prefixes;	 /* norgs x GEN_PREFIX_MAX */
	size_t prefix_max;
};

#define GEN_PREFIX_MAX 96

static void gen_world_free(struct gen_world *w)
{
	free(w->orgs);
	free(w->latent);
	free(w->prefixes);
	memset(w, 0, sizeof(*w));
}

static int gen_world_create(struct gen_rng *rng, const struct gen_quest *q,
			    const struct gen_options *opt, struct gen_world *w)
{
	int32_t *effect = calloc(q->nelements, sizeof(*effect));
	size_t i, e;
	int rc = -1;

	memset(w, 0, sizeof(*w));
	w->norgs = (size_t)opt->orgs;
	w->orgs = calloc(w->norgs, sizeof(*w->orgs));
	w->latent = calloc(w->norgs * q->nelements, sizeof(*w->latent));
	w->prefixes = malloc(w->norgs * GEN_PREFIX_MAX);
	if (effect == NULL || w->orgs == NULL || w->latent == NULL ||
	    w->prefixes == NULL) {
		gen_fail(NULL, "out of memory");
		goto done;
	}
	for (e = 0; e < q->nelements; e++)
		effect[e] = gen_rng_normal(rng, GEN_ELEMENT_EFFECT_SD);
	for (i = 0; i < w->norgs; i++)
		gen_org_segments(rng, &w->orgs[i]);
	gen_fill_rare_cells(rng, w->orgs, w->norgs);
	for (i = 0; i < w->norgs; i++) {
		struct gen_org *org = &w->orgs[i];

		org->latent = w->latent + i * q->nelements;
		gen_org_model(rng, org, effect, q->nelements);
		org->prefix = w->prefixes + i * GEN_PREFIX_MAX;
		org->prefix_len =
			gen_org_prefix(org->prefix, org, i, opt->segments);
		if (org->prefix_len > w->prefix_max)
			w->prefix_max = org->prefix_len;
	}
	gen_allocate(rng, w->orgs, w->norgs, opt->respondents);
	rc = 0;
done:
	free(effect);
	if (rc < 0)
		gen_world_free(w);
	return rc;
}

/* ------------------------------------------------------------ CSV output */

static void gen_out_flush(struct gen_out *out)
{
	if (out->len > 0 && !out->failed &&
	    fwrite(out->buf, 1, out->len, out->fp) != out->len)
		out->failed = 1;
	out->len = 0;
}

/* Grows the buffer to hold at least `need` bytes. */
static int gen_out_capacity(struct gen_out *out, size_t need)
{
	char *grown;

	if (need <= out->cap)
		return 0;
	grown = realloc(out->buf, need);
	if (grown == NULL)
		return gen_fail(NULL, "out of memory");
	out->buf = grown;
	out->cap = need;
	return 0;
}

/* Makes room for `need` more bytes (need <= cap). */
static char *gen_out_reserve(struct gen_out *out, size_t need)
{
	if (out->cap - out->len < need)
		gen_out_flush(out);
	return out->buf + out->len;
}

/* A header field, quoted when it holds a comma, quote or line break. */
static void gen_out_name(struct gen_out *out, const char *s, int last)
{
	size_t n = strlen(s), k;
	char *p = gen_out_reserve(out, 2 * n + 3);

	if (strpbrk(s, ",\"\r\n") == NULL) {
		memcpy(p, s, n);
		p += n;
	} else {
		*p++ = '"';
		for (k = 0; k < n; k++) {
			if (s[k] == '"')
				*p++ = '"';
			*p++ = s[k];
		}
		*p++ = '"';
	}
	*p++ = last ? '\n' : ',';
	out->len = (size_t)(p - out->buf);
}

static void gen_write_header(struct gen_out *out, const struct gen_quest *q,
			     int segments)
{
	size_t i;

	gen_out_name(out, q->respondent_column, 0);
	gen_out_name(out, q->organization_column, 0);
	if (segments) {
		gen_out_name(out, "sector", 0);
		gen_out_name(out, "size_band", 0);
		gen_out_name(out, "region", 0);
	}
	for (i = 0; i < q->nitems; i++)
		gen_out_name(out, q->items[i].id, i + 1 == q->nitems);
}

/* One answer cell; `bits` is one PRNG draw: noise low, missing high. */
static char *gen_write_cell(char *p, const struct gen_item *item,
			    int32_t latent, uint64_t bits, int32_t span)
{
	uint32_t miss = (uint32_t)(bits >> 48);
	const struct gen_cell *cell;
	int32_t u;

	if (miss < GEN_NA_PER_64K) {
		cell = &item->na;
	} else if (miss < GEN_NA_PER_64K + GEN_BLANK_PER_64K) {
		return p;
	} else {
		u = latent + item->difficulty +
		    gen_normal_bits(bits, GEN_NOISE_SD);
		u = gen_clamp(u, 0, GEN_Q);
		cell = &item->points[((int64_t)u * span + GEN_Q / 2) >>
				     GEN_Q_SHIFT];
	}
	memcpy(p, cell->text, cell->len);
	return p + cell->len;
}

/* The longest header field or row, quoted, with its delimiters. */
static size_t gen_row_max(const struct gen_quest *q, const struct gen_world *w)
{
	size_t row =
		1 + 24 + 1 + w->prefix_max + q->nitems * (GEN_MAX_CELL + 1);
	size_t name = strlen(q->respondent_column), i;

	if (strlen(q->organization_column) > name)
		name = strlen(q->organization_column);
	for (i = 0; i < q->nitems; i++) {
		if (strlen(q->items[i].id) > name)
			name = strlen(q->items[i].id);
	}
	return 2 * name + 3 > row ? 2 * name + 3 : row;
}

static void gen_write_rows(struct gen_out *out, struct gen_rng *rng,
			   const struct gen_quest *q, const struct gen_world *w,
			   int32_t *row_latent, const int32_t *spans,
			   size_t row_max)
{
	uint64_t id = 0, r;
	size_t o, e, i;
	char *p;

	for (o = 0; o < w->norgs; o++) {
		const struct gen_org *org = &w->orgs[o];

		for (r = 0; r < org->respondents; r++) {
			int32_t shift = gen_rng_normal(rng, GEN_RESPONDENT_SD);

			for (e = 0; e < q->nelements; e++)
				row_latent[e] = org->latent[e] + shift;
			p = gen_out_reserve(out, row_max);
			*p++ = 'R';
			p += gen_format_uint(p, ++id, GEN_RESPONDENT_DIGITS);
			*p++ = ',';
			memcpy(p, org->prefix, org->prefix_len);
			p += org->prefix_len;
			for (i = 0; i < q->nitems; i++) {
				const struct gen_item *item = &q->items[i];

				p = gen_write_cell(p, item,
						   row_latent[item->element],
						   gen_rng_next(rng), spans[i]);
				*p++ = ',';
			}
			p[-1] = '\n';
			out->len = (size_t)(p - out->buf);
		}
	}
}

static int gen_run(const struct gen_options *opt, struct gen_quest *q,
		   struct gen_out *out)
{
	struct gen_world w;
	struct gen_rng rng;
	int32_t *row_latent = calloc(q->nelements, sizeof(*row_latent));
	int32_t *spans = calloc(q->nitems, sizeof(*spans));
	size_t i, row_max;
	int rc = -1;

	memset(&w, 0, sizeof(w));
	if (row_latent == NULL || spans == NULL) {
		gen_fail(NULL, "out of memory");
		goto done;
	}
	gen_rng_seed(&rng, opt->seed);
	rc = gen_items_prepare(&rng, q);
	if (rc < 0)
		goto done;
	for (i = 0; i < q->nitems; i++)
		spans[i] = q->scales[q->items[i].scale].max -
			   q->scales[q->items[i].scale].min;
	rc = gen_world_create(&rng, q, opt, &w);
	if (rc < 0)
		goto done;
	row_max = gen_row_max(q, &w);
	rc = gen_out_capacity(out, row_max);
	if (rc < 0)
		goto done;
	gen_write_header(out, q, opt->segments);
	gen_write_rows(out, &rng, q, &w, row_latent, spans, row_max);
done:
	gen_world_free(&w);
	free(row_latent);
	free(spans);
	return rc;
}

/* --------------------------------------------------------- command line */

static int gen_parse_u64(const char *s, uint64_t min, uint64_t max,
			 uint64_t *out)
{
	unsigned long long v;
	char *end = NULL;

	if (s[0] < '0' || s[0] > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;
	*out = (uint64_t)v;
	return 0;
}

static int gen_parse_value(struct gen_options *opt, char flag, const char *v)
{
	switch (flag) {
	case 'q': opt->questionnaire = v; return 0;
	case 'o': opt->output = v; return 0;
	case 's':
		if (gen_parse_u64(v, 0, UINT64_MAX, &opt->seed) < 0)
			return gen_fail(NULL, "-s: \"%s\" is not a seed", v);
		return 0;
	case 'n':
		if (gen_parse_u64(v, 1, GEN_MAX_RESPONDENTS,
				  &opt->respondents) < 0)
			return gen_fail(NULL,
					"-n: \"%s\" is not a number of"
					" respondents (1..%u)",
					v, GEN_MAX_RESPONDENTS);
		return 0;
	default:
		if (gen_parse_u64(v, 1, GEN_MAX_ORGS, &opt->orgs) < 0)
			return gen_fail(NULL,
					"-g: \"%s\" is not a number of"
					" organizations (1..%u)",
					v, GEN_MAX_ORGS);
		return 0;
	}
}

/* 0 to run, 1 for --help, -1 on a bad command line. */
static int gen_parse_args(int argc, char **argv, struct gen_options *opt)
{
	int i;

	memset(opt, 0, sizeof(*opt));
	opt->respondents = GEN_DEFAULT_RESPONDENTS;
	opt->orgs = GEN_DEFAULT_ORGS;
	opt->seed = GEN_DEFAULT_SEED;
	opt->segments = 1;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
			return 1;
		if (strcmp(a, "--no-segments") == 0) {
			opt->segments = 0;
			continue;
		}
		if (a[0] != '-' || a[1] == '\0' || a[2] != '\0' ||
		    strchr("qnsgo", a[1]) == NULL)
			return gen_fail(NULL, "unknown argument \"%s\"", a);
		if (i + 1 >= argc)
			return gen_fail(NULL, "%s needs a value", a);
		if (gen_parse_value(opt, a[1], argv[++i]) < 0)
			return -1;
	}
	if (opt->questionnaire == NULL)
		return gen_fail(NULL, "-q QUESTIONNAIRE.json is required");
	if (opt->orgs > opt->respondents)
		return gen_fail(NULL,
				"%llu organizations need at least as many"
				" respondents (-n)",
				(unsigned long long)opt->orgs);
	return 0;
}

static int gen_out_open(struct gen_out *out, const char *path)
{
	memset(out, 0, sizeof(*out));
	out->cap = GEN_BUFFER_SIZE;
	out->buf = malloc(out->cap);
	if (out->buf == NULL)
		return gen_fail(NULL, "out of memory");
	if (path == NULL) {
#ifdef _WIN32
		_setmode(_fileno(stdout), _O_BINARY); /* keep LF endings */
#endif
		out->fp = stdout;
		return 0;
	}
	out->fp = fopen(path, "wb"); /* binary: LF endings everywhere */
	if (out->fp == NULL)
		return gen_fail(path, "cannot create: %s", strerror(errno));
	return 0;
}

static int gen_out_close(struct gen_out *out, const char *path)
{
	int bad;

	if (out->fp == NULL) {
		free(out->buf);
		return 0;
	}
	gen_out_flush(out);
	bad = out->failed || ferror(out->fp);
	if (out->fp == stdout)
		bad |= fflush(out->fp) != 0;
	else
		bad |= fclose(out->fp) != 0;
	free(out->buf);
	memset(out, 0, sizeof(*out));
	if (bad)
		return gen_fail(path != NULL ? path : "(stdout)",
				"write error");
	return 0;
}

int main(int argc, char **argv)
{
	struct gen_options opt;
	struct gen_quest q;
	struct gen_out out;
	int rc;

	memset(&q, 0, sizeof(q));
	memset(&out, 0, sizeof(out));
	rc = gen_parse_args(argc, argv, &opt);
	if (rc > 0) {
		gen_usage(stdout);
		return EXIT_SUCCESS;
	}
	if (rc < 0) {
		fputs("Try '" GEN_NAME " --help'.\n", stderr);
		return 2;
	}
	rc = gen_quest_load(&q, opt.questionnaire);
	if (rc == 0)
		rc = gen_out_open(&out, opt.output);
	if (rc == 0)
		rc = gen_run(&opt, &q, &out);
	if (gen_out_close(&out, opt.output) < 0)
		rc = -1;
	gen_quest_free(&q);
	return rc < 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
