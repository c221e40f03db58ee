/*
 * util.c - the error record, string helpers, number parsing, whole-file
 * reading and the growable buffer used across the library.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

void semm_error_clear(semm_error *err)
{
	if (!err)
		return;
	memset(err, 0, sizeof(*err));
}

int semm__stat_format_of(const char *name, semm_stat_format *out)
{
	static const struct {
		const char *ending;
		semm_stat_format format;
	} endings[] = { { ".sav", SEMM_STAT_SAV },
			{ ".zsav", SEMM_STAT_SAV },
			{ ".por", SEMM_STAT_POR },
			{ ".dta", SEMM_STAT_DTA } };
	size_t len = name ? strlen(name) : 0, i, k;

	for (i = 0; i < sizeof(endings) / sizeof(endings[0]); i++) {
		size_t n = strlen(endings[i].ending);

		if (len <= n)
			continue;
		for (k = 0; k < n; k++) {
			if (tolower((unsigned char)name[len - n + k]) !=
			    endings[i].ending[k])
				break;
		}
		if (k == n) {
			if (out)
				*out = endings[i].format;
			return 1;
		}
	}
	return 0;
}

int semm__locate(char *buf, size_t len, const char *source, unsigned long line,
		 unsigned long column)
{
	if (!source || !source[0])
		return snprintf(buf, len, "%s", "");
	if (line && semm__stat_format_of(source, NULL))
		return snprintf(buf, len, "%s: record %lu", source, line);
	if (line && column)
		return snprintf(buf, len, "%s:%lu:%lu", source, line, column);
	if (line)
		return snprintf(buf, len, "%s:%lu", source, line);
	return snprintf(buf, len, "%s", source);
}

const char *semm_error_format(const semm_error *err, char *buf, size_t len)
{
	int used = 0;

	if (!buf || len == 0)
		return buf;
	buf[0] = '\0';
	if (!err)
		return buf;
	if (err->source[0]) {
		used = semm__locate(buf, len, err->source, err->line,
				    err->column);
		if (used >= 0 && (size_t)used < len)
			used += snprintf(buf + used, len - (size_t)used, ": ");
	}
	if (used < 0 || (size_t)used >= len)
		return buf;
	snprintf(buf + used, len - (size_t)used, "%s",
		 err->message[0] ? err->message : semm_code_name(err->code));
	return buf;
}

const char *semm_code_name(int code)
{
	switch (code) {
	case SEMM_OK: return "success";
	case SEMM_ENOMEM: return "out of memory";
	case SEMM_EIO: return "input/output error";
	case SEMM_EPARSE: return "syntax error";
	case SEMM_ESCHEMA: return "unexpected structure";
	case SEMM_EINVALID: return "invalid definition";
	case SEMM_EDATA: return "invalid response data";
	case SEMM_EARG: return "invalid argument";
	case SEMM_ELIMIT: return "limit exceeded";
	default: return "unknown error";
	}
}

/* The escape for byte c of s (n bytes left), or 0 when it is printable:
 * C0 controls, DEL, the C1 controls U+0080..U+009F and bytes that are
 * not UTF-8 (a lone 0x9B is a terminal's CSI). *used gets the bytes it
 * stands for. */
static int escape_of(const unsigned char *s, size_t n, char *esc, size_t cap,
		     size_t *used)
{
	size_t len = semm__utf8_len(s, n);

	*used = len ? len : 1;
	if (s[0] == '\n')
		return snprintf(esc, cap, "\\n");
	if (s[0] == '\t')
		return snprintf(esc, cap, "\\t");
	if (s[0] == '\r')
		return snprintf(esc, cap, "\\r");
	if (s[0] < 0x20 || s[0] == 0x7F || len == 0)
		return snprintf(esc, cap, "\\x%02x", s[0]);
	if (len == 2 && s[0] == 0xC2 && s[1] <= 0x9F)
		return snprintf(esc, cap, "\\u%04x", s[1]);
	return 0;
}

char *semm_text_escape(const char *s, char *out, size_t cap)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, o = 0, used;
	char esc[8];

	if (cap == 0)
		return out;
	while (i < n) {
		int e = escape_of(u + i, n - i, esc, sizeof(esc), &used);
		size_t add = e > 0 ? (size_t)e : used;

		if (o + add >= cap)
			break; /* cut whole: never half an escape or character */
		memcpy(out + o, e > 0 ? esc : s + i, add);
		o += add;
		i += used;
	}
	out[o] = '\0';
	return out;
}

const char *semm__shorten(const char *s, size_t len, char *buf, size_t cap)
{
	size_t n = 0, step;

	if (cap == 0)
		return buf;
	/* whole characters up to SEMM__QUOTE_MAX bytes (a stray byte counts
	 * as one: the message escapes it) */
	while (n < len) {
		step = semm__utf8_len((const unsigned char *)s + n, len - n);
		step = step ? step : 1;
		if (n + step > SEMM__QUOTE_MAX || n + step + 4 > cap)
			break;
		n += step;
	}
	memcpy(buf, s, n);
	if (n < len && n + 4 <= cap) {
		memcpy(buf + n, "\xe2\x80\xa6", 3); /* … */
		n += 3;
	}
	buf[n] = '\0';
	return buf;
}

void semm__vformat(char *out, size_t cap, const char *fmt, va_list ap)
{
	char raw[SEMM_ERROR_MESSAGE_MAX * 2];

	vsnprintf(raw, sizeof(raw), fmt, ap);
	semm_text_escape(raw, out, cap);
}

int semm__vfail(semm_error *err, int code, const char *source,
		unsigned long line, unsigned long column, const char *fmt,
		va_list ap)
{
	if (!err)
		return code;
	err->code = code;
	err->line = line;
	err->column = column;
	semm_text_escape(source ? source : "", err->source,
			 sizeof(err->source));
	semm__vformat(err->message, sizeof(err->message), fmt, ap);
	return code;
}

int semm__fail(semm_error *err, int code, const char *source,
	       unsigned long line, unsigned long column, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	semm__vfail(err, code, source, line, column, fmt, ap);
	va_end(ap);
	return code;
}

char *semm__strndup(const char *s, size_t n)
{
	char *copy = malloc(n + 1);

	if (!copy)
		return NULL;
	memcpy(copy, s, n);
	copy[n] = '\0';
	return copy;
}

char *semm__strdup(const char *s)
{
	return s ? semm__strndup(s, strlen(s)) : NULL;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

const char *semm__trim(const char *s, size_t *n)
{
	size_t len = *n;

	while (len > 0 && is_blank(*s)) {
		s++;
		len--;
	}
	while (len > 0 && is_blank(s[len - 1]))
		len--;
	*n = len;
	return s;
}

/*
 * Case folding for labels: ASCII letters, and the Latin-1 capitals
 * U+00C0..U+00DE (but U+00D7, the multiplication sign), which UTF-8
 * writes as 0xC3 0x80..0x9E and whose small letters are 0x20 further
 * (so "Überhaupt" matches "überhaupt"). `prev` is the byte before c.
 */
static char fold(char prev, char c)
{
	unsigned char u = (unsigned char)c;

	if (c >= 'A' && c <= 'Z')
		return (char)(c - 'A' + 'a');
	if ((unsigned char)prev == 0xC3 && u >= 0x80 && u <= 0x9E && u != 0x97)
		return (char)(u + 0x20);
	return c;
}

char *semm__label_key(const char *s, size_t n)
{
	const char *t = semm__trim(s, &n);
	char *key = semm__strndup(t, n);
	size_t i;

	if (!key)
		return NULL;
	for (i = 0; i < n; i++)
		key[i] = fold(i ? t[i - 1] : '\0', t[i]);
	return key;
}

int semm__label_matches(const char *s, size_t n, const char *key)
{
	const char *t = semm__trim(s, &n);
	size_t i;

	for (i = 0; i < n; i++) {
		if (key[i] == '\0' || fold(i ? t[i - 1] : '\0', t[i]) != key[i])
			return 0;
	}
	return key[n] == '\0';
}

int semm__parse_number(const char *s, size_t n, double *out)
{
	char tmp[64];
	char *end = NULL;
	const char *t = semm__trim(s, &n);
	double v;
	size_t i;

	if (n == 0 || n >= sizeof(tmp))
		return 0;
	/* The common case, a few digits, without strtod: exact either way */
	if (n <= 9) {
		long whole = 0;

		for (i = 0; i < n && isdigit((unsigned char)t[i]); i++)
			whole = whole * 10 + (t[i] - '0');
		if (i == n) {
			*out = (double)whole;
			return 1;
		}
	}
	/* Only plain decimal notation: strtod would also take "inf", "nan"
	 * and hexadecimal floats, none of which is an answer. */
	for (i = 0; i < n; i++) {
		char c = t[i];

		if (!isdigit((unsigned char)c) && c != '.' && c != '-' &&
		    c != '+' && c != 'e' && c != 'E')
			return 0;
	}
	memcpy(tmp, t, n);
	tmp[n] = '\0';
	errno = 0;
	v = strtod(tmp, &end);
	if (end != tmp + n || errno == ERANGE || !isfinite(v))
		return 0;
	*out = v;
	return 1;
}

int semm__read_file(const char *path, char **data, size_t *len, semm_error *err)
{
	semm__buf b = { 0 };
	char chunk[65536];
	FILE *fp = fopen(path, "rb");
	size_t got;
	int rc = SEMM_OK;

	*data = NULL;
	*len = 0;
	if (!fp && errno == ENOMEM)
		return semm__fail(err, SEMM_ENOMEM, path, 0, 0,
				  "out of memory while opening the file");
	if (!fp)
		return semm__fail(err, SEMM_EIO, path, 0, 0, "cannot open: %s",
				  strerror(errno));
	for (;;) {
		got = fread(chunk, 1, sizeof(chunk), fp);
		if (got == 0)
			break;
		rc = semm__buf_append(&b, chunk, got);
		if (rc < 0)
			goto done;
	}
	if (ferror(fp)) {
		rc = semm__fail(err, SEMM_EIO, path, 0, 0, "read failed");
		goto done;
	}
	rc = semm__buf_append(&b, "", 1);
	if (rc < 0)
		goto done;
	*data = b.data;
	*len = b.len - 1;
	b.data = NULL;
done:
	if (rc == SEMM_ENOMEM)
		semm__fail(err, rc, path, 0, 0, "out of memory reading file");
	semm__buf_free(&b);
	fclose(fp);
	return rc;
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
size_t semm__utf8_len(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned cp;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xE0) == 0xC0) {
		len = 2;
		cp = s[0] & 0x1F;
	} else if ((s[0] & 0xF0) == 0xE0) {
		len = 3;
		cp = s[0] & 0x0F;
	} else if ((s[0] & 0xF8) == 0xF0) {
		len = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

size_t semm__utf8_check(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	/* ASCII, the common case, eight bytes at a time */
	while (i + 8 <= n) {
		uint64_t w;

		memcpy(&w, u + i, 8);
		if (w & UINT64_C(0x8080808080808080))
			break;
		i += 8;
	}
	while (i < n && u[i] < 0x80)
		i++;
	while (i < n) {
		size_t len = semm__utf8_len(u + i, n - i);

		if (len == 0)
			return i;
		i += len;
	}
	return n;
}

int semm__parse_file(const char *path, semm__parse_fn parse, void *out,
		     semm_error *err)
{
	char *data = NULL;
	size_t len = 0;
	int rc = semm__read_file(path, &data, &len, err);

	if (rc == SEMM_OK)
		rc = parse(out, data, len, path, err);
	free(data);
	return rc;
}

int semm__buf_append(semm__buf *b, const char *s, size_t n)
{
	if (n > SIZE_MAX - b->len - 1)
		return SEMM_ENOMEM;
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *data;

		while (cap < b->len + n)
			cap = cap > SIZE_MAX / 2 ? b->len + n : cap * 2;
		data = realloc(b->data, cap);
		if (!data)
			return SEMM_ENOMEM;
		b->data = data;
		b->cap = cap;
	}
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	return SEMM_OK;
}

void semm__buf_free(semm__buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

/* Room for element n (0-based) of an array of cap elements of `size`
 * bytes: doubles cap (from 16) when n has reached it. */
int semm__grow_array(void **p, size_t *cap, size_t n, size_t size)
{
	size_t c;
	void *q;

	if (n < *cap)
		return SEMM_OK;
	c = *cap ? *cap * 2 : 16;
	q = realloc(*p, c * size);
	if (!q)
		return SEMM_ENOMEM;
	*p = q;
	*cap = c;
	return SEMM_OK;
}
