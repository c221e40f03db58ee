/*
 * i18n.h - the languages the reports are written in (private to the
 * library). Every writer keeps its own messages as semm__msg entries
 * holding one text per language; a message without a text for every
 * language does not compile into a complete table, and tests check
 * each table has no NULL. Numbers are formatted per language here.
 */
#ifndef SEMM_I18N_H
#define SEMM_I18N_H

#include <stddef.h>

/** The report languages: English and German. */
typedef enum semm__lang {
	SEMM__LANG_EN = 0,
	SEMM__LANG_DE,
	SEMM__N_LANGS
} semm__lang;

/** One message in every report language. */
typedef struct semm__msg {
	const char *text[SEMM__N_LANGS];
} semm__msg;

/** The text of m in language l. */
static inline const char *semm__tr(const semm__msg *m, semm__lang l)
{
	return m->text[l];
}

/**
 * The report language of a language code: "en", "de", any case, with or
 * without a region ("de-AT", "en_GB"). Returns 0 and sets *out, or -1
 * when semm has no report text in that language.
 */
int semm__lang_find(const char *code, semm__lang *out);

/** The code of l: "en" or "de". */
const char *semm__lang_code(semm__lang l);

/** The codes of every report language, for messages: "en, de". */
const char *semm__lang_list(void);

/** Bytes a buffer passed to semm__fmt_fixed must have. */
#define SEMM__FMT_BUFSIZE 48

/**
 * Writes v with exactly `decimals` decimals (0..6) as language l writes
 * numbers: "1234.5" in English, "1234,5" in German (no thousands
 * separator: tables are read column by column). Negative values take
 * ASCII '-'; a value that rounds to zero loses its sign. Non-finite
 * values are written "n/a". Returns the length written.
 */
size_t semm__fmt_fixed(char *buf, double v, int decimals, semm__lang l);

/** As semm__fmt_fixed, trailing zeros (and a bare separator) dropped. */
size_t semm__fmt_trimmed(char *buf, double v, int decimals, semm__lang l);

/**
 * Checks a message table: every entry has a text in every language.
 * Returns the index of the first incomplete entry, or n when complete.
 */
size_t semm__msg_check(const semm__msg *table, size_t n);

#endif
