/*
 * jsonw.c - output primitives shared by the report writers: a streaming
 * JSON writer (two-space indentation, escaped strings, invalid UTF-8
 * replaced, fixed number format) and CSV cells that are safe to open in
 * a spreadsheet.
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

static void put_string(FILE *fp, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = strlen(str);

	fputc('"', fp);
	while (n > 0) {
		size_t len = 0;

		/* a run of plain ASCII in one write */
		while (len < n && plain_byte(s[len]))
			len++;
		if (len > 0) {
			fwrite(s, 1, len, fp);
			s += len;
			n -= len;
			continue;
		}
		len = semm__utf8_len(s, n);
		if (len == 0) {
			fputs("\\ufffd", fp);
			len = 1;
		} else if (*s == '"' || *s == '\\') {
			fputc('\\', fp);
			fputc(*s, fp);
		} else if (*s == '\n') {
			fputs("\\n", fp);
		} else if (*s == '\t') {
			fputs("\\t", fp);
		} else if (*s == '\r') {
			fputs("\\r", fp);
		} else if (*s < 0x20) {
			fprintf(fp, "\\u%04x", *s);
		} else {
			fwrite(s, 1, len, fp);
		}
		s += len;
		n -= len;
	}
	fputc('"', fp);
}

/* Two blanks per level, in one write. */
static void indent(FILE *fp, int depth)
{
	static const char blanks[2 * SEMM__JW_DEPTH] =
		"                                                            "
		"    ";

	if (depth > 0)
		fwrite(blanks, 1, 2 * (size_t)depth, fp);
}

/* Starts a value: separator, newline, indentation and key. */
static void begin_value(semm__jw *w, const char *key)
{
	if (w->depth > 0) {
		if (w->has_items[w->depth - 1])
			fputc(',', w->fp);
		w->has_items[w->depth - 1] = 1;
		if (!w->compact)
			fputc('\n', w->fp);
	}
	if (!w->compact)
		indent(w->fp, w->depth);
	if (key) {
		put_string(w->fp, key);
		fputs(": ", w->fp);
	}
}

void semm__jw_open(semm__jw *w, const char *key, char bracket)
{
	begin_value(w, key);
	fputc(bracket, w->fp);
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
	if (w->has_items[w->depth] && !w->compact) {
		fputc('\n', w->fp);
		indent(w->fp, w->depth);
	}
	fputc(bracket, w->fp);
	if (w->depth == 0)
		fputc('\n', w->fp);
	if (ferror(w->fp))
		w->failed = 1;
}

void semm__jw_string(semm__jw *w, const char *key, const char *s)
{
	if (!s) {
		semm__jw_null(w, key);
		return;
	}
	begin_value(w, key);
	put_string(w->fp, s);
}

void semm__jw_number(semm__jw *w, const char *key, double v)
{
	char buf[SEMM_NUMFMT_BUFSIZE];

	semm__format_number(v, buf, sizeof(buf));
	begin_value(w, key);
	fputs(buf[0] ? buf : "null", w->fp);
}

void semm__jw_size(semm__jw *w, const char *key, size_t v)
{
	begin_value(w, key);
	fprintf(w->fp, "%zu", v);
}

void semm__jw_exact(semm__jw *w, const char *key, double v)
{
	char buf[SEMM_NUMFMT_BUFSIZE];

	begin_value(w, key);
	if (isnan(v) || isinf(v)) {
		fputs("null", w->fp);
		return;
	}
	semm__numfmt_shortest(v, buf);
	fputs(buf, w->fp);
}

void semm__jw_bool(semm__jw *w, const char *key, int v)
{
	begin_value(w, key);
	fputs(v ? "true" : "false", w->fp);
}

void semm__jw_null(semm__jw *w, const char *key)
{
	begin_value(w, key);
	fputs("null", w->fp);
}

int semm__csv_formula_start(char c)
{
	return c != '\0' && strchr("=+-@\t\r", c) != NULL;
}

void semm__csv_text(FILE *fp, const char *s)
{
	const char *p;
	int quote = 0;

	if (!s)
		return;
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		fputc('"', fp);
	if (semm__csv_formula_start(s[0]))
		fputc('\'', fp);
	for (p = s; *p; p++) {
		if (*p == '"')
			fputc('"', fp);
		fputc(*p, fp);
	}
	if (quote)
		fputc('"', fp);
}
