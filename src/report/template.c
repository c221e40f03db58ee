/*
 * template.c - writes what respondents fill in: the header row of a
 * response CSV, and a guide for building the questionnaire in a survey
 * tool so that its export imports with the matching preset.
 */
#include <string.h>

#include "report/report_int.h"

int semm_template_write_csv(const semm_questionnaire *q, FILE *fp)
{
	size_t i;
	int role, first = 1;

	for (role = 0; role < SEMM_META_COUNT; role++) {
		if (!q->meta_column[role])
			continue;
		if (!first)
			fputc(',', fp);
		semm__csv_text(fp, q->meta_column[role]);
		first = 0;
	}
	for (i = 0; i < q->n_items; i++) {
		if (!first)
			fputc(',', fp);
		semm__csv_text(fp, q->items[i].id);
		first = 0;
	}
	fputc('\n', fp);
	return ferror(fp) ? SEMM_EIO : SEMM_OK;
}

/* The label shown for value v of scale s in language lang (else in the
 * default language). */
static const char *label_of(const semm__scale *s, int v, size_t lang)
{
	const char *fallback = NULL;
	size_t i;

	for (i = 0; i < s->n_labels; i++) {
		const semm__label *l = &s->labels[i];

		if (l->value != v || l->synonym)
			continue;
		if (l->lang == lang)
			return l->text;
		if (l->lang == 0 && !fallback)
			fallback = l->text;
	}
	return fallback;
}

/* Codes of language lang, or of the default one when it has none. */
static void write_codes(FILE *fp, const char *what, char **texts,
			const size_t *langs, size_t n, size_t lang)
{
	size_t k, hits = 0;

	for (k = 0; k < n; k++)
		hits += langs[k] == lang;
	for (k = 0; k < n; k++) {
		if (langs[k] == (hits ? lang : 0))
			fprintf(fp, "- %s: %s\n", what, texts[k]);
	}
}

static void write_scales(const semm_questionnaire *q, size_t lang, FILE *fp)
{
	size_t i;
	int v;

	fputs("## Answer scales\n\n", fp);
	for (i = 0; i < q->n_scales; i++) {
		const semm__scale *s = &q->scales[i];

		fprintf(fp, "Scale `%s`, in this order:\n\n", s->id);
		for (v = s->min; v <= s->max; v++) {
			const char *l = label_of(s, v, lang);

			fprintf(fp, "- %d%s%s\n", v, l ? " = " : "",
				l ? l : "");
		}
		write_codes(fp, "not applicable", s->na_text, s->na_lang,
			    s->n_na, lang);
		write_codes(fp, "don't know", s->dk_text, s->dk_lang, s->n_dk,
			    lang);
		fputs("\nLabels are matched without case and surrounding "
		      "blanks; numbers may be given instead.\n\n",
		      fp);
	}
}

static void write_items(const semm_questionnaire *q, size_t lang, FILE *fp)
{
	size_t i;

	fputs("## Statements\n\nKeep this order and this wording (case and "
	      "surrounding blanks do not matter). Reverse-coded statements "
	      "are scored the other way round by semm: present them like the "
	      "others.\n\n| id | statement |\n|---|---|\n",
	      fp);
	for (i = 0; i < q->n_items; i++) {
		const semm__item *it = &q->items[i];
		const char *text = it->texts[lang] ? it->texts[lang] : it->text;

		fprintf(fp, "| %s | %s |\n", it->id, text ? text : "");
	}
	fputc('\n', fp);
}

static void write_metadata(const semm_questionnaire *q, FILE *fp)
{
	int role;

	fputs("## Respondent details\n\n", fp);
	for (role = SEMM_META_ORGANIZATION; role < SEMM_META_COUNT; role++) {
		if (q->meta_column[role])
			fprintf(fp,
				"- %s: a question (or hidden field) named "
				"exactly `%s`%s\n",
				semm_meta_role_name((semm_meta_role)role),
				q->meta_column[role],
				role == SEMM_META_ORGANIZATION
					? " — results are grouped by it"
					: "");
	}
	fputc('\n', fp);
}

static const char *const tool_steps[] = {
	/* none */
	"Fill in the CSV template written by `semm template` (one row per "
	"respondent; the respondent column must be unique; an answer is a "
	"number of the scale, a label, an N/A or don't-know code, or "
	"nothing). Save it as CSV in UTF-8. Score it with "
	"`semm score -q QUESTIONNAIRE FILE`.",
	/* qualtrics */
	"1. Create one Matrix table question (Likert, single answer): its "
	"statements are the statements below, its scale points the labels "
	"below, in order (add N/A and don't know as further scale points if "
	"you use them).\n2. Add the respondent details below as questions "
	"or embedded data with those export tags.\n3. Export: Data & "
	"Analysis, Export data, CSV, \"Use choice text\".\n4. Score it with "
	"`semm score --preset qualtrics -q QUESTIONNAIRE FILE`. The response "
	"id becomes the respondent id; Qualtrics' own columns are ignored; "
	"matrix columns are placed by the statement in the second header "
	"row.",
	/* limesurvey */
	"1. Create one Array question whose subquestion codes are the item "
	"ids below and whose subquestion texts are the statements; its "
	"answer options are the labels below, in order.\n2. Add the "
	"respondent details below as short text questions with those codes."
	"\n3. Export: Responses, Export, CSV, headings \"Question code\", "
	"responses \"Full answers\".\n4. Score it with "
	"`semm score --preset limesurvey -q QUESTIONNAIRE FILE`. The "
	"response id becomes the respondent id; columns headed "
	"`CODE[Q01]` are placed by the code in brackets.",
	/* google-forms */
	"1. Create one Multiple choice grid question: its rows are the "
	"statements below, its columns the labels below, in order.\n2. Add "
	"the respondent details below as short answer questions with those "
	"titles.\n3. Export: Responses, Download responses (.csv).\n4. Score "
	"it with `semm score --preset google-forms -q QUESTIONNAIRE FILE`. "
	"Google Forms gives no response id: semm names each respondent by "
	"file and line. Columns headed `Question [Row]` are placed by the "
	"row text.",
	/* ms-forms */
	"1. Create one Likert question: its statements are the statements "
	"below, its options the labels below, in order (or one Choice "
	"question per statement, titled with the statement).\n2. Add the "
	"respondent details below as text questions with those titles.\n"
	"3. Export: Responses, Open in Excel; save as \"CSV UTF-8\".\n"
	"4. Score it with `semm score --preset ms-forms -q QUESTIONNAIRE "
	"FILE`. The ID column becomes the respondent id; columns are placed "
	"by their statement.",
};

int semm_template_write_guide(const semm_questionnaire *q, semm_preset preset,
			      size_t lang, FILE *fp)
{
	if ((size_t)preset >= sizeof(tool_steps) / sizeof(tool_steps[0]) ||
	    lang >= q->n_languages)
		return SEMM_EARG;
	fprintf(fp, "# Collecting answers to %s (%s %s)%s%s\n\n",
		q->title ? q->title : q->id, q->id, q->version,
		preset ? " with " : "", preset ? semm_preset_name(preset) : "");
	fprintf(fp, "## Steps\n\n%s\n\n", tool_steps[preset]);
	write_metadata(q, fp);
	write_scales(q, lang, fp);
	write_items(q, lang, fp);
	return ferror(fp) ? SEMM_EIO : SEMM_OK;
}

int semm_template_names(const semm_questionnaire *q, semm_preset preset,
			char csv[SEMM_TEMPLATE_NAME_MAX],
			char guide[SEMM_TEMPLATE_NAME_MAX])
{
	int a, b;

	if (!q || (size_t)preset >= sizeof(tool_steps) / sizeof(tool_steps[0]))
		return SEMM_EARG;
	a = snprintf(csv, SEMM_TEMPLATE_NAME_MAX, "%s-template.csv", q->id);
	if (preset == SEMM_PRESET_NONE)
		b = snprintf(guide, SEMM_TEMPLATE_NAME_MAX, "%s-guide.md",
			     q->id);
	else
		b = snprintf(guide, SEMM_TEMPLATE_NAME_MAX, "%s-%s-guide.md",
			     q->id, semm_preset_name(preset));
	return a < 0 || b < 0 || a >= SEMM_TEMPLATE_NAME_MAX ||
			       b >= SEMM_TEMPLATE_NAME_MAX
		       ? SEMM_EARG
		       : SEMM_OK;
}

typedef struct template_job {
	const semm_questionnaire *q;
	semm_preset preset;
	size_t lang;
} template_job;

static int write_template_file(const void *ctx, size_t k, FILE *fp)
{
	const template_job *job = ctx;

	return k == 0 ? semm_template_write_csv(job->q, fp)
		      : semm_template_write_guide(job->q, job->preset,
						  job->lang, fp);
}

int semm_template_write_dir(const semm_questionnaire *q, semm_preset preset,
			    size_t lang, const char *dir, int force,
			    semm_error *err)
{
	char csv[SEMM_TEMPLATE_NAME_MAX], guide[SEMM_TEMPLATE_NAME_MAX];
	const char *names[2] = { csv, guide };
	template_job job = { q, preset, lang };
	semm__write_spec spec = { 0 };

	if (!dir || semm_template_names(q, preset, csv, guide) < 0 ||
	    lang >= q->n_languages)
		return semm__fail(err, SEMM_EARG, dir, 0, 0,
				  "no questionnaire, folder, tool or "
				  "language");
	spec.dir = dir;
	spec.names = names;
	spec.n = 2;
	spec.wanted = 3u;
	spec.write = write_template_file;
	spec.ctx = &job;
	spec.keep_existing = !force;
	return semm__write_set(&spec, err);
}
