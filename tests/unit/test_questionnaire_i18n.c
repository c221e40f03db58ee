/*
 * test_questionnaire_i18n.c - a questionnaire that lists languages must
 * give every statement, label and N/A code in each of them
 * (src/defs/questionnaire.c): each kind of text left out once, with the
 * exact JSON path, line and column (counted by hand from the text below;
 * a missing member is located at the nearest member that exists).
 */
#include "test_helpers.h"

/*
 *   1 {"format": "semm-questionnaire/1", "id": "q", "version": "1",
 *   2 "languages": ["en", "de"], "model": {"id": "m", "version": "1"},
 *   3 "scales": [{"id": "s", "min": 1, "max": 2,
 *   4   "labels": [{"value": 1, "label": "No", "i18n": {"de": "Nein"}},
 *   5     {"value": 2, "label": "Yes", "i18n": {"de": "Ja"}}],
 *   6   "na": ["N/A"], "na_i18n": {"de": ["k. A."]}}],
 *   7 "items": [
 *   8   {"id": "Q1", "element": "E1", "scale": "s", "text": "Fine",
 *   9    "i18n": {"de": "Gut"}}]}
 */
#define TEXT                                                                   \
	"{\"format\": \"semm-questionnaire/1\", \"id\": \"q\", \"version\": "  \
	"\"1\",\n"                                                             \
	"\"languages\": [\"en\", \"de\"], \"model\": {\"id\": \"m\", "         \
	"\"version\": \"1\"},\n"                                               \
	"\"scales\": [{\"id\": \"s\", \"min\": 1, \"max\": 2,\n"               \
	"  \"labels\": [{\"value\": 1, \"label\": \"No\", \"i18n\": {\"de\": " \
	"\"Nein\"}},\n"                                                        \
	"    {\"value\": 2, \"label\": \"Yes\", \"i18n\": {\"de\": "           \
	"\"Ja\"}}],\n"                                                         \
	"  \"na\": [\"N/A\"], \"na_i18n\": {\"de\": [\"k. A.\"]}}],\n"         \
	"\"items\": [\n"                                                       \
	"  {\"id\": \"Q1\", \"element\": \"E1\", \"scale\": \"s\", \"text\": " \
	"\"Fine\",\n"                                                          \
	"   \"i18n\": {\"de\": \"Gut\"}}]}\n"

/* text with its first `from` left out */
static char *without(const char *text, const char *from)
{
	const char *at = strstr(text, from);
	size_t head, n = strlen(text);
	char *s;

	cr_assert(at != NULL, "\"%s\" is not in the text", from);
	head = (size_t)(at - text);
	s = malloc(n + 1);
	cr_assert(s != NULL);
	memcpy(s, text, head);
	memcpy(s + head, at + strlen(from), n - head - strlen(from) + 1);
	return s;
}

static void expect_missing(const char *left_out, unsigned long line,
			   unsigned long column, const char *message)
{
	char *text = without(TEXT, left_out);
	semm_questionnaire *q = (semm_questionnaire *)1;
	semm_error err;

	semm_error_clear(&err);
	cr_expect_eq(semm_questionnaire_from_buffer(&q, text, strlen(text),
						    "q.json", &err),
		     SEMM_EINVALID, "%s", err.message);
	cr_expect_null(q);
	cr_expect_str_eq(err.message, message);
	cr_expect_eq(err.line, line, "line %lu, expected %lu", err.line, line);
	cr_expect_eq(err.column, column, "column %lu, expected %lu", err.column,
		     column);
	free(text);
}

Test(questionnaire_i18n, complete_translation_loads_and_lists_its_languages)
{
	semm_questionnaire *q = NULL;
	semm_error err;

	semm_error_clear(&err);
	cr_assert_eq(semm_questionnaire_from_buffer(&q, TEXT, strlen(TEXT),
						    "q.json", &err),
		     0, "%s", err.message);
	cr_expect_eq(semm_questionnaire_language_count(q), 2);
	cr_expect_str_eq(semm_questionnaire_language_code(q, 0), "en");
	cr_expect_str_eq(semm_questionnaire_language_code(q, 1), "de");
	cr_expect_null(semm_questionnaire_language_code(q, 2));
	semm_questionnaire_free(q);
}

Test(questionnaire_i18n, no_languages_listed_counts_none)
{
	static const char text[] =
		"{\"format\": \"semm-questionnaire/1\", \"id\": \"q\", "
		"\"version\": \"1\", \"model\": {\"id\": \"m\"},\n"
		"\"scales\": [{\"id\": \"s\", \"min\": 1, \"max\": 2}],\n"
		"\"items\": [{\"id\": \"Q1\", \"element\": \"E1\", "
		"\"scale\": \"s\", \"text\": \"Fine\"}]}\n";
	semm_questionnaire *q = NULL;
	semm_error err;

	semm_error_clear(&err);
	cr_assert_eq(semm_questionnaire_from_buffer(&q, text, strlen(text),
						    "q.json", &err),
		     0, "%s", err.message);
	cr_expect_eq(semm_questionnaire_language_count(q), 0);
	cr_expect_null(semm_questionnaire_language_code(q, 0));
	semm_questionnaire_free(q);
}

Test(questionnaire_i18n, missing_german_statement_fails_at_the_item)
{
	expect_missing(",\n   \"i18n\": {\"de\": \"Gut\"}", 8, 3,
		       "$.items[0].i18n.de: missing (the questionnaire lists "
		       "language \"de\")");
}

Test(questionnaire_i18n, missing_german_label_fails_at_the_label)
{
	expect_missing(", \"i18n\": {\"de\": \"Ja\"}", 5, 5,
		       "$.scales[0].labels[1].i18n.de: missing (the "
		       "questionnaire lists language \"de\")");
}

Test(questionnaire_i18n, missing_german_na_code_fails_at_the_scale)
{
	expect_missing(", \"na_i18n\": {\"de\": [\"k. A.\"]}", 3, 12,
		       "$.scales[0].na_i18n.de: missing (the questionnaire "
		       "lists language \"de\")");
}

Test(questionnaire_i18n, an_item_without_a_statement_needs_no_translation)
{
	char *text = without(TEXT, ", \"text\": \"Fine\",\n   \"i18n\": "
				   "{\"de\": \"Gut\"}");
	semm_questionnaire *q = NULL;
	semm_error err;

	semm_error_clear(&err);
	cr_expect_eq(semm_questionnaire_from_buffer(&q, text, strlen(text),
						    "q.json", &err),
		     0, "%s", err.message);
	semm_questionnaire_free(q);
	free(text);
}
