/*
 * i18n.c - report languages and number formats.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"

static const char *const codes[SEMM__N_LANGS] = { "en", "de" };

int semm__lang_find(const char *code, semm__lang *out)
{
	size_t k, len;

	if (!code)
		return -1;
	len = strcspn(code, "-_");
	for (k = 0; k < SEMM__N_LANGS; k++) {
		if (len == strlen(codes[k]) &&
		    tolower((unsigned char)code[0]) == codes[k][0] &&
		    tolower((unsigned char)code[1]) == codes[k][1]) {
			*out = (semm__lang)k;
			return 0;
		}
	}
	return -1;
}

const char *semm__lang_code(semm__lang l)
{
	return codes[l];
}

const char *semm__lang_list(void)
{
	return "en, de";
}

size_t semm__fmt_fixed(char *buf, double v, int decimals, semm__lang l)
{
	double scale;
	int n;

	if (!isfinite(v)) {
		memcpy(buf, "n/a", 4);
		return 3;
	}
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	/* round half away from zero on the decimal value, as a reader
	 * would, then drop the sign of a result that shows as zero */
	scale = pow(10.0, decimals);
	v = round(v * scale) / scale;
	if (v == 0.0)
		v = 0.0;
	n = snprintf(buf, SEMM__FMT_BUFSIZE, "%.*f", decimals, v);
	if (n < 0 || n >= SEMM__FMT_BUFSIZE) {
		memcpy(buf, "n/a", 4);
		return 3;
	}
	if (l == SEMM__LANG_DE) {
		char *dot = strchr(buf, '.');

		if (dot)
			*dot = ',';
	}
	return (size_t)n;
}

size_t semm__fmt_trimmed(char *buf, double v, int decimals, semm__lang l)
{
	size_t n = semm__fmt_fixed(buf, v, decimals, l);
	char sep = l == SEMM__LANG_DE ? ',' : '.';

	if (!strchr(buf, sep))
		return n;
	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == sep)
		buf[--n] = '\0';
	return n;
}

size_t semm__msg_check(const semm__msg *table, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < SEMM__N_LANGS; k++) {
			if (!table[i].text[k] || !*table[i].text[k])
				return i;
		}
	}
	return n;
}
