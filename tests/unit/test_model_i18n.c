/*
 * test_model_i18n.c - a model's languages and translations
 * (src/defs/model_i18n.c, src/defs/model_text.c): every text read back
 * in each language, and each rule of docs/FORMATS.md ("Languages of a
 * model") broken once, with the exact JSON path and position.
 */
#include "test_helpers.h"

/* A complete two-language model; line numbers matter to the tests. */
#define LANGS "\"languages\": [\"en\", \"de\"],\n" /* line 2 */
#define HEAD                                                                        \
	"{\"format\": \"semm-model/1\", \"id\": \"m\", \"version\": \"1\",\n" LANGS \
	"\"title\": \"Model\", \"description\": \"About\",\n"                       \
	"\"i18n\": {\"de\": {\"title\": \"Modell\", \"description\": "              \
	"\"Worum es geht\"}},\n"
#define LEVELS                                                                 \
	"\"levels\": {\"label\": \"Scale\", \"note\": \"Ours\",\n"             \
	" \"i18n\": {\"de\": {\"label\": \"Skala\", \"note\": \"Unsere\"}},\n" \
	" \"bands\": [\n"                                                      \
	"  {\"level\": 1, \"name\": \"Low\", \"min\": 0, \"max\": 50,\n"       \
	"   \"descriptor\": \"Little\",\n"                                     \
	"   \"i18n\": {\"de\": {\"name\": \"Niedrig\", \"descriptor\": "       \
	"\"Wenig\"}}},\n"                                                      \
	"  {\"level\": 2, \"name\": \"High\", \"min\": 50, \"max\": 100,\n"    \
	"   \"i18n\": {\"de\": {\"name\": \"Hoch\"}}}]},\n"
#define META                                                             \
	"\"principles\": [{\"id\": \"P1\", \"name\": \"Outside-in\",\n"  \
	" \"description\": \"Customer first\",\n"                        \
	" \"i18n\": {\"de\": {\"name\": \"Von außen nach innen\",\n"    \
	"  \"description\": \"Kunde zuerst\"}}}],\n"                     \
	"\"pyramid\": [{\"level\": 1, \"name\": \"Core\", \"outcome\": " \
	"\"satisfaction\",\n"                                            \
	" \"description\": \"Reliable\",\n"                              \
	" \"i18n\": {\"de\": {\"name\": \"Kern\", \"description\": "     \
	"\"Verlässlich\"}}}],\n"
/* the element's descriptor of level 2 in German is DESC2 */
#define DIMS_WITH(DESC2)                                                  \
	"\"dimensions\": [{\"id\": \"D1\", \"name\": \"Dim\",\n"          \
	" \"description\": \"Dim text\",\n"                               \
	" \"i18n\": {\"de\": {\"name\": \"Dimension\", \"description\": " \
	"\"Dimensionstext\"}},\n"                                         \
	" \"elements\": [{\"id\": \"E1\", \"name\": \"Elem\",\n"          \
	"  \"description\": \"Elem text\",\n"                             \
	"  \"descriptors\": {\"1\": \"One\", \"2\": \"Two\"},\n"          \
	"  \"i18n\": {\"de\": {\"name\": \"Element\", \"description\": "  \
	"\"Elementtext\",\n"                                              \
	"   \"descriptors\": {\"1\": \"Eins\"" DESC2 "}}}}]}]}\n"
#define DIMS DIMS_WITH(", \"2\": \"Zwei\"")

static int load(const char *text, semm_model **m, semm_error *err)
{
	semm_error_clear(err);
	return semm_model_from_buffer(m, text, strlen(text), "m.json", err);
}

/* Replaces the first `from` in text by `to` (a broken copy). */
static char *edit(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	size_t head, n;
	char *s;

	cr_assert(at != NULL, "\"%s\" is not in the model", from);
	head = (size_t)(at - text);
	n = strlen(text) - strlen(from) + strlen(to) + 1;
	s = malloc(n);
	cr_assert(s != NULL);
	memcpy(s, text, head);
	memcpy(s + head, to, strlen(to));
	memcpy(s + head + strlen(to), at + strlen(from),
	       strlen(at + strlen(from)) + 1);
	return s;
}

static void expect_fails_with(const char *text, unsigned long line,
			      const char *message)
{
	semm_model *m = (semm_model *)1;
	semm_error err;

	cr_expect_eq(load(text, &m, &err), SEMM_EINVALID, "%s", err.message);
	cr_expect_null(m);
	cr_expect_str_eq(err.message, message);
	cr_expect_eq(err.line, line, "line %lu, expected %lu", err.line, line);
}

Test(model_i18n, every_text_reads_back_in_german_and_in_english)
{
	semm_model *m = NULL;
	semm_error err;

	cr_assert_eq(load(HEAD LEVELS META DIMS, &m, &err), 0, "%s",
		     err.message);
	cr_expect_str_eq(semm__model_title_tr(m, 0), "Model");
	cr_expect_str_eq(semm__model_title_tr(m, 1), "Modell");
	cr_expect_str_eq(semm__model_description_tr(m, 0), "About");
	cr_expect_str_eq(semm__model_description_tr(m, 1), "Worum es geht");
	cr_expect_str_eq(semm__levels_label_tr(m, 0), "Scale");
	cr_expect_str_eq(semm__levels_label_tr(m, 1), "Skala");
	cr_expect_str_eq(semm__levels_note_tr(m, 0), "Ours");
	cr_expect_str_eq(semm__levels_note_tr(m, 1), "Unsere");
	cr_expect_str_eq(semm__band_name_tr(m, 0, 0), "Low");
	cr_expect_str_eq(semm__band_name_tr(m, 0, 1), "Niedrig");
	cr_expect_str_eq(semm__band_name_tr(m, 1, 0), "High");
	cr_expect_str_eq(semm__band_name_tr(m, 1, 1), "Hoch");
	cr_expect_str_eq(semm__band_descriptor_tr(m, 0, 0), "Little");
	cr_expect_str_eq(semm__band_descriptor_tr(m, 0, 1), "Wenig");
	/* band 2 has no descriptor in any language */
	cr_expect_null(semm__band_descriptor_tr(m, 1, 0));
	cr_expect_null(semm__band_descriptor_tr(m, 1, 1));
	cr_expect_str_eq(semm__principle_name_tr(m, 0, 0), "Outside-in");
	cr_expect_str_eq(semm__principle_name_tr(m, 0, 1),
			 "Von außen nach innen");
	cr_expect_str_eq(semm__principle_description_tr(m, 0, 0),
			 "Customer first");
	cr_expect_str_eq(semm__principle_description_tr(m, 0, 1),
			 "Kunde zuerst");
	cr_expect_str_eq(semm__layer_name_tr(m, 0, 0), "Core");
	cr_expect_str_eq(semm__layer_name_tr(m, 0, 1), "Kern");
	cr_expect_str_eq(semm__layer_description_tr(m, 0, 0), "Reliable");
	cr_expect_str_eq(semm__layer_description_tr(m, 0, 1), "Verlässlich");
	cr_expect_str_eq(m->pyramid[0].outcome, "satisfaction");
	cr_expect_str_eq(semm__dim_name_tr(m, 0, 0), "Dim");
	cr_expect_str_eq(semm__dim_name_tr(m, 0, 1), "Dimension");
	cr_expect_str_eq(semm__dim_description_tr(m, 0, 0), "Dim text");
	cr_expect_str_eq(semm__dim_description_tr(m, 0, 1), "Dimensionstext");
	cr_expect_str_eq(semm__elem_name_tr(m, 0, 0), "Elem");
	cr_expect_str_eq(semm__elem_name_tr(m, 0, 1), "Element");
	cr_expect_str_eq(semm__elem_description_tr(m, 0, 0), "Elem text");
	cr_expect_str_eq(semm__elem_description_tr(m, 0, 1), "Elementtext");
	cr_expect_str_eq(semm__elem_descriptor_tr(m, 0, 0, 0), "One");
	cr_expect_str_eq(semm__elem_descriptor_tr(m, 0, 1, 0), "Two");
	cr_expect_str_eq(semm__elem_descriptor_tr(m, 0, 0, 1), "Eins");
	cr_expect_str_eq(semm__elem_descriptor_tr(m, 0, 1, 1), "Zwei");
	/* a language the model does not have */
	cr_expect_null(semm__elem_name_tr(m, 0, 2));
	cr_expect_null(semm__elem_descriptor_tr(m, 0, 1, 2));
	semm_model_free(m);
}

Test(model_i18n, model_lang_finds_the_listed_languages_only)
{
	semm_model *m = NULL;
	semm_error err;
	size_t k = 99;

	cr_assert_eq(load(HEAD LEVELS META DIMS, &m, &err), 0, "%s",
		     err.message);
	cr_expect_eq(semm__model_lang(m, "de", &k), 0);
	cr_expect_eq(k, 1);
	cr_expect_eq(semm__model_lang(m, "en", &k), 0);
	cr_expect_eq(k, 0);
	k = 99;
	cr_expect_eq(semm__model_lang(m, "fr", &k), -1);
	cr_expect_eq(k, 99);
	cr_expect_eq(semm__model_lang(m, NULL, &k), -1);
	cr_expect_eq(semm_model_language_count(m), 2);
	cr_expect_str_eq(semm_model_language(m, 0), "en");
	cr_expect_str_eq(semm_model_language(m, 1), "de");
	cr_expect_null(semm_model_language(m, 2));
	semm_model_free(m);
}

Test(model_i18n, model_without_languages_is_english_only)
{
	static const char text[] =
		"{\"format\": \"semm-model/1\", \"id\": \"m\", \"version\": "
		"\"1\", \"title\": \"t\",\n" LEVELS
		"\"dimensions\": [{\"id\": \"D1\", \"name\": \"d\", "
		"\"elements\": [{\"id\": \"E1\", \"name\": \"e\"}]}]}\n";
	semm_model *m = NULL;
	semm_error err;
	size_t k = 99;

	/* the bands and levels of LEVELS carry German: that alone fails */
	expect_fails_with(text, 3,
			  "$.levels.i18n.de: language \"de\" is not listed "
			  "in the model's \"languages\" after the default "
			  "\"en\"");
	cr_assert_eq(load("{\"format\": \"semm-model/1\", \"id\": \"m\", "
			  "\"version\": \"1\", \"title\": \"t\",\n"
			  "\"levels\": {\"label\": \"x\", \"bands\": [\n"
			  "  {\"level\": 1, \"name\": \"Low\", \"min\": 0, "
			  "\"max\": 50},\n"
			  "  {\"level\": 2, \"name\": \"High\", \"min\": 50, "
			  "\"max\": 100}]},\n"
			  "\"dimensions\": [{\"id\": \"D1\", \"name\": "
			  "\"d\", \"elements\": [{\"id\": \"E1\", \"name\": "
			  "\"e\"}]}]}\n",
			  &m, &err),
		     0, "%s", err.message);
	cr_expect_eq(semm__model_lang(m, "en", &k), 0);
	cr_expect_eq(k, 0);
	cr_expect_eq(semm__model_lang(m, "de", &k), -1);
	cr_expect_eq(semm_model_language_count(m), 1);
	cr_expect_str_eq(semm_model_language(m, 0), "en");
	cr_expect_str_eq(semm__elem_name_tr(m, 0, 0), "e");
	cr_expect_null(semm__elem_name_tr(m, 0, 1));
	semm_model_free(m);
}

Test(model_i18n, missing_german_descriptor_fails_with_its_path)
{
	/* the German descriptors object sits on line 27 */
	expect_fails_with(HEAD LEVELS META DIMS_WITH(""), 27,
			  "$.dimensions[0].elements[0].i18n.de.descriptors.2: "
			  "missing (the model lists language \"de\")");
}

Test(model_i18n, missing_german_band_name_fails_at_the_band)
{
	char *text = edit(HEAD LEVELS META DIMS,
			  "{\"de\": {\"name\": \"Hoch\"}}", "{\"de\": {}}");

	expect_fails_with(text, 12,
			  "$.levels.bands[1].i18n.de.name: missing (the model "
			  "lists language \"de\")");
	free(text);
}

Test(model_i18n, a_language_without_any_translation_fails_at_the_title)
{
	char *text = edit(HEAD LEVELS META DIMS, LANGS,
			  "\"languages\": [\"en\", \"de\", \"fr\"],\n");

	/* the first French text missing: the model's own title; the
	 * position is that of the nearest member that exists, "i18n" */
	expect_fails_with(text, 4,
			  "$.i18n.fr.title: missing (the model lists language "
			  "\"fr\")");
	free(text);
}

Test(model_i18n, an_i18n_language_not_listed_fails)
{
	char *text = edit(HEAD LEVELS META DIMS,
			  "\"i18n\": {\"de\": {\"name\": \"Dimension\"",
			  "\"i18n\": {\"fr\": {}, \"de\": {\"name\": "
			  "\"Dimension\"");

	expect_fails_with(text, 22,
			  "$.dimensions[0].i18n.fr: language \"fr\" is not "
			  "listed in the model's \"languages\" after the "
			  "default \"en\"");
	free(text);
}

Test(model_i18n, the_default_language_is_not_an_i18n_key)
{
	char *text = edit(HEAD LEVELS META DIMS, "{\"de\": {\"title\"",
			  "{\"en\": {}, \"de\": {\"title\"");

	expect_fails_with(text, 4,
			  "$.i18n.en: language \"en\" is not listed in the "
			  "model's \"languages\" after the default \"en\"");
	free(text);
}

Test(model_i18n, a_translation_of_a_text_the_model_lacks_fails)
{
	/* band 2 has no descriptor to translate */
	char *text = edit(HEAD LEVELS META DIMS, "{\"name\": \"Hoch\"}",
			  "{\"name\": \"Hoch\", \"descriptor\": \"Viel\"}");

	expect_fails_with(text, 12,
			  "$.levels.bands[1].i18n.de.descriptor: there is no "
			  "\"descriptor\" in the default language to "
			  "translate");
	free(text);
}

Test(model_i18n, a_misspelt_translated_member_fails)
{
	char *text = edit(HEAD LEVELS META DIMS, "{\"de\": {\"name\": \"Kern\"",
			  "{\"de\": {\"nmae\": \"X\", \"name\": \"Kern\"");

	expect_fails_with(text, 19,
			  "$.pyramid[0].i18n.de.nmae: unknown member \"nmae\" "
			  "(misspelt? expected one of: name, description)");
	free(text);
}

Test(model_i18n, a_translated_descriptor_of_an_unknown_level_fails)
{
	char *text = edit(HEAD LEVELS META DIMS, "\"2\": \"Zwei\"",
			  "\"2\": \"Zwei\", \"7\": \"Sieben\"");

	expect_fails_with(text, 27,
			  "$.dimensions[0].elements[0].i18n.de.descriptors.7: "
			  "\"7\" is not a level of the model");
	free(text);
}

Test(model_i18n, a_language_listed_twice_fails)
{
	char *text = edit(HEAD LEVELS META DIMS, LANGS,
			  "\"languages\": [\"en\", \"de\", \"de\"],\n");

	expect_fails_with(text, 2,
			  "$.languages[2]: language \"de\" is listed twice");
	free(text);
}

static void count_problem(void *ctx, const semm_error *problem)
{
	size_t *n = ctx;

	(void)problem;
	(*n)++;
}

Test(model_i18n, checking_lists_every_missing_text)
{
	/* no German descriptors at all (2), no German element name (1),
	 * and a principle without German (2) */
	char *a = edit(HEAD LEVELS META DIMS,
		       ",\n   \"descriptors\": {\"1\": \"Eins\", \"2\": "
		       "\"Zwei\"}",
		       "");
	char *b = edit(a, "\"name\": \"Element\", ", "");
	char *c = edit(b,
		       ",\n \"i18n\": {\"de\": {\"name\": \"Von außen nach "
		       "innen\",\n  \"description\": \"Kunde zuerst\"}}",
		       "");
	semm_model *m = NULL;
	semm_error err;
	size_t n = 0;

	semm_error_clear(&err);
	cr_expect_eq(semm_model_check(c, strlen(c), "m.json", count_problem, &n,
				      &m, &err),
		     SEMM_EINVALID);
	cr_expect_eq(n, 5);
	cr_expect_null(m);
	free(a);
	free(b);
	free(c);
}
