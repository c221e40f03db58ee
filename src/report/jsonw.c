/*
 * jsonw.c - output primitives shared by the report writers: a streaming
 * JSON writer (two-space indentation, escaped strings, invalid UTF-8
 * replaced, fixed number format), which can also hand each scalar over
 * with its path instead (pairs mode: the Methods sheet of report.xlsx),
 * and CSV cells that are safe to open in a spreadsheet.
 */
#include <math.h>
#include <string.h>

#include "base/numfmt.h"
#include "report/report_int.h"

/*
 * Numbers are written as the shortest decimal that reads back to the
 * same double (numfmt.c), laid out as printf's %.15g would: where %.15g
 * reads back, the text is the same; where it does not, one or two more
 * digits make it exact.
 */
void semm__format_number(double v, char *buf, size_t len)
{
	char tmp[SEMM_NUMFMT_BUFSIZE];
	size_t n;

	if (isnan(v) || isinf(v)) {
		buf[0] = '\0';
		return;
	}
	if (v == 0)
		v = 0; /* no "-0" */
	n = semm__numfmt_shortest(v, tmp);
	if (n >= len)
		n = len - 1;
	memcpy(buf, tmp, n);
	buf[n] = '\0';
}

/* Whether byte c can be written as it is inside a JSON string. */
static int plain_byte(unsigned char c)
{
	return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

/*
 * The writer keeps its own buffer and hands it to the stream when full
 * and at the end of each top-level value: reports are written in tens of
 * millions of small pieces, and stdio's per-call work was a fifth of the
 * time of writing a large report.
 */
static void flush(semm__jw *w)
{
	if (w->len && fwrite(w->buf, 1, w->len, w->fp) != w->len)
		w->failed = 1;
	w->len = 0;
}

static void out_bytes(semm__jw *w, const char *s, size_t n)
{
	if (w->len + n > sizeof(w->buf)) {
		flush(w);
		if (n > sizeof(w->buf)) {
			if (fwrite(s, 1, n, w->fp) != n)
				w->failed = 1;
			return;
		}
	}
	memcpy(w->buf + w->len, s, n);
	w->len += n;
}

static void out_byte(semm__jw *w, char c)
{
	if (w->len == sizeof(w->buf))
		flush(w);
	w->buf[w->len++] = c;
}

static void out_text(semm__jw *w, const char *s)
{
	out_bytes(w, s, strlen(s));
}

static void put_string(semm__jw *w, const char *str)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s = (const unsigned char *)str;
	size_t n;

	out_byte(w, '"');
	/* keys and most values are plain ASCII: copied straight into the
	 * buffer until the first byte that is not */
	while (plain_byte(*s)) {
		if (w->len == sizeof(w->buf))
			flush(w);
		w->buf[w->len++] = (char)*s++;
	}
	n = strlen((const char *)s);
	while (n > 0) {
		size_t len = 0;

		/* a run of plain ASCII in one copy */
		while (len < n && plain_byte(s[len]))
			len++;
		if (len > 0) {
			out_bytes(w, (const char *)s, len);
			s += len;
			n -= len;
			continue;
		}
		len = semm__utf8_len(s, n);
		if (len == 0) {
			out_text(w, "\\ufffd");
			len = 1;
		} else if (*s == '"' || *s == '\\') {
			out_byte(w, '\\');
			out_byte(w, (char)*s);
		} else if (*s == '\n') {
			out_text(w, "\\n");
		} else if (*s == '\t') {
			out_text(w, "\\t");
		} else if (*s == '\r') {
			out_text(w, "\\r");
		} else if (*s < 0x20) {
			char u[7] = { '\\',	    'u',	  '0', '0',
				      hex[*s >> 4], hex[*s & 15], '\0' };

			out_text(w, u);
		} else {
			out_bytes(w, (const char *)s, len);
		}
		s += len;
		n -= len;
	}
	out_byte(w, '"');
}

/* Two blanks per level, in one copy. */
static void indent(semm__jw *w, int depth)
{
	static const char blanks[2 * SEMM__JW_DEPTH] =
		"                                                            "
		"    ";

	if (depth > 0)
		out_bytes(w, blanks, 2 * (size_t)depth);
}

/* Starts a value: separator, newline, indentation and key. */
static void begin_value(semm__jw *w, const char *key)
{
	if (w->depth > 0) {
		if (w->has_items[w->depth - 1]) {
			out_byte(w, ',');
			if (w->compact > 1)
				out_byte(w, ' ');
		}
		w->has_items[w->depth - 1] = 1;
		if (!w->compact)
			out_byte(w, '\n');
	}
	if (!w->compact)
		indent(w, w->depth);
	if (key) {
		put_string(w, key);
		out_bytes(w, ": ", 2);
	}
}

/* ---- pairs mode: scalars handed over with their paths ----------------- */

/* Appends one step of a path: ".key" (no dot first) or "[i]". */
static size_t path_step(char *buf, size_t len, size_t at, const char *key,
			int in_array, size_t i)
{
	int n;

	if (in_array)
		n = snprintf(buf + at, len - at, "[%zu]", i);
	else if (key)
		n = snprintf(buf + at, len - at, "%s%s", at ? "." : "", key);
	else
		n = 0;
	return n < 0 || (size_t)n >= len - at ? len - 1 : at + (size_t)n;
}

/* Hands a scalar over with its path. */
static void pair_out(semm__jw *w, const char *key, char type, const char *s,
		     double v)
{
	semm__jw_value value = { type, s, v };
	char path[512];
	size_t at = 0, d, depth = (size_t)w->depth;
	size_t i = depth ? w->places[depth - 1]++ : 0;

	path[0] = '\0';
	for (d = 0; d <= depth; d++) {
		int in_array = d > 0 && w->brackets[d - 1] == '[';

		at = path_step(path, sizeof(path), at,
			       d < depth ? w->keys[d] : key, in_array,
			       d < depth ? w->place[d] : i);
	}
	w->pair(w->pair_ctx, path, &value);
}

static void pair_open(semm__jw *w, const char *key, char bracket)
{
	if (w->depth >= SEMM__JW_DEPTH) {
		w->failed = 1;
		return;
	}
	w->keys[w->depth] = key;
	w->place[w->depth] = w->depth ? w->places[w->depth - 1]++ : 0;
	w->places[w->depth] = 0;
	w->brackets[w->depth++] = bracket;
}

/* A value at the top level is the whole document: hand it over. */
static void end_value(semm__jw *w)
{
	if (w->depth == 0)
		flush(w);
}

void semm__jw_open(semm__jw *w, const char *key, char bracket)
{
	if (w->pair) {
		pair_open(w, key, bracket);
		return;
	}
	begin_value(w, key);
	out_byte(w, bracket);
	if (w->depth >= SEMM__JW_DEPTH) {
		w->failed = 1;
		return;
	}
	w->has_items[w->depth++] = 0;
}

void semm__jw_close(semm__jw *w, char bracket)
{
	if (w->depth == 0) {
		w->failed = 1;
		return;
	}
	w->depth--;
	if (w->pair)
		return;
	if (w->has_items[w->depth] && !w->compact) {
		out_byte(w, '\n');
		indent(w, w->depth);
	}
	out_byte(w, bracket);
	if (w->depth == 0) {
		out_byte(w, '\n');
		flush(w);
	}
	if (ferror(w->fp))
		w->failed = 1;
}

void semm__jw_string(semm__jw *w, const char *key, const char *s)
{
	if (!s) {
		semm__jw_null(w, key);
		return;
	}
	if (w->pair) {
		pair_out(w, key, 's', s, NAN);
		return;
	}
	begin_value(w, key);
	put_string(w, s);
	end_value(w);
}

void semm__jw_number(semm__jw *w, const char *key, double v)
{
	char buf[SEMM_NUMFMT_BUFSIZE];

	if (w->pair) {
		pair_out(w, key, isnan(v) || isinf(v) ? 'z' : 'n', NULL, v);
		return;
	}
	begin_value(w, key);
	if (isnan(v) || isinf(v)) {
		out_bytes(w, "null", 4);
		end_value(w);
		return;
	}
	if (v == 0)
		v = 0; /* no "-0" */
	out_bytes(w, buf, semm__numfmt_shortest(v, buf));
	end_value(w);
}

void semm__jw_u64(semm__jw *w, const char *key, uint64_t v)
{
	char buf[24];
	size_t i = sizeof(buf);

	if (w->pair) {
		pair_out(w, key, 'n', NULL, (double)v);
		return;
	}
	begin_value(w, key);
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	out_bytes(w, buf + i, sizeof(buf) - i);
	end_value(w);
}

void semm__jw_size(semm__jw *w, const char *key, size_t v)
{
	semm__jw_u64(w, key, (uint64_t)v);
}

void semm__jw_exact(semm__jw *w, const char *key, double v)
{
	char buf[SEMM_NUMFMT_BUFSIZE];

	if (w->pair) {
		pair_out(w, key, isnan(v) || isinf(v) ? 'z' : 'n', NULL, v);
		return;
	}
	begin_value(w, key);
	if (isnan(v) || isinf(v)) {
		out_bytes(w, "null", 4);
		end_value(w);
		return;
	}
	out_bytes(w, buf, semm__numfmt_shortest(v, buf));
	end_value(w);
}

void semm__jw_bool(semm__jw *w, const char *key, int v)
{
	if (w->pair) {
		pair_out(w, key, 'b', NULL, v ? 1 : 0);
		return;
	}
	begin_value(w, key);
	out_text(w, v ? "true" : "false");
	end_value(w);
}

void semm__jw_null(semm__jw *w, const char *key)
{
	if (w->pair) {
		pair_out(w, key, 'z', NULL, NAN);
		return;
	}
	begin_value(w, key);
	out_bytes(w, "null", 4);
	end_value(w);
}

int semm__csv_formula_start(char c)
{
	return c != '\0' && strchr("=+-@\t\r", c) != NULL;
}

void semm__csv_text(FILE *fp, const char *s)
{
	const char *p = s, *q = strchr(s ? s : "", '"');
	int quote = 0;

	if (!s)
		return;
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		fputc('"', fp);
	if (semm__csv_formula_start(s[0]))
		fputc('\'', fp);
	/* in runs up to each quote, which is doubled */
	for (; q; q = strchr(p, '"')) {
		fwrite(p, 1, (size_t)(q - p) + 1, fp);
		fputc('"', fp);
		p = q + 1;
	}
	fputs(p, fp);
	if (quote)
		fputc('"', fp);
}
