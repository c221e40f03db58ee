/*
 * report_html_text.c - the HTML report's texts in every report language
 * (report_html_msgs.h), their arguments, and the library's reasons
 * ("fewer than 2 values") in the report's language.
 */
#include <string.h>

#include "report/report_html.h"

static const semm__msg messages[M_COUNT] = {
#define M(id, en, de) [id] = { { en, de } },
#include "report/report_html_msgs.h"
#undef M
};

const semm__msg *semm__html_messages(size_t *n)
{
	*n = M_COUNT;
	return messages;
}

const char *semm__html_t(const html *h, html_msg id)
{
	return semm__tr(&messages[id], h->lang);
}

void semm__html_msg(const html *h, html_msg id)
{
	semm__html_out(h, semm__html_t(h, id));
}

void semm__html_say(const html *h, html_msg id, const char *const *args)
{
	const char *s = semm__html_t(h, id);
	size_t n = 0;

	while (args[n])
		n++;
	while (*s) {
		const char *open = strchr(s, '{');

		if (!open || !(open[1] >= '0' && open[1] <= '9') ||
		    open[2] != '}') {
			size_t len = open ? (size_t)(open - s) + 1 : strlen(s);

			fwrite(s, 1, len, h->fp);
			s += len;
			continue;
		}
		fwrite(s, 1, (size_t)(open - s), h->fp);
		if ((size_t)(open[1] - '0') < n)
			semm__html_esc(h, args[open[1] - '0']);
		s = open + 3;
	}
}

/* The library's reasons and verdicts, in every report language. */
static const struct {
	const char *en;
	const char *de;
} reasons[] = {
	{ "a mean is missing", "ein Mittelwert fehlt" },
	{ "a standard deviation is missing", "eine Standardabweichung fehlt" },
	{ "aggregate", "zusammenfassbar" },
	{ "aggregate-with-caution", "mit Vorsicht zusammenfassbar" },
	{ "an item has zero variance", "eine Frage hat keine Varianz" },
	{ "do-not-aggregate", "nicht zusammenfassbar" },
	{ "every group has a single value", "jede Gruppe hat nur einen Wert" },
	{ "every item's mean is at an end of the scale",
	  "der Mittelwert jeder Frage liegt am Rand der Skala" },
	{ "fewer complete cases than the reliability minimum",
	  "weniger vollständige Fälle als das Minimum für die Reliabilität" },
	{ "fewer organizations than the anonymity threshold",
	  "weniger Organisationen als die Anonymitätsschwelle" },
	{ "fewer than 2 groups with values",
	  "weniger als 2 Gruppen mit Werten" },
	{ "fewer than 2 items", "weniger als 2 Fragen" },
	{ "fewer than 2 respondents", "weniger als 2 Antwortende" },
	{ "fewer than 2 values on a side",
	  "weniger als 2 Werte auf einer Seite" },
	{ "fewer than 2 values", "weniger als 2 Werte" },
	{ "fewer than two answers", "weniger als zwei Antworten" },
	{ "fewer than two groups with two values",
	  "weniger als zwei Gruppen mit zwei Werten" },
	{ "fewer than two groups", "weniger als zwei Gruppen" },
	{ "items whose mean is at an end of the scale are left out",
	  "Fragen mit einem Mittelwert am Rand der Skala bleiben außen vor" },
	{ "no group has an rwg(j)", "keine Gruppe hat ein rwg(j)" },
	{ "no item has two answers", "keine Frage hat zwei Antworten" },
	{ "no replications", "keine Wiederholungen" },
	{ "no score on this unit", "kein Wert für diese Einheit" },
	{ "no segment value", "kein Segmentwert" },
	{ "no values", "keine Werte" },
	{ "no variance on either side", "keine Varianz auf beiden Seiten" },
	{ "not entered (too few respondents)",
	  "nicht aufgenommen (zu wenige Antwortende)" },
	{ "the F quantile could not be computed",
	  "das F-Quantil ließ sich nicht berechnen" },
	{ "the F tail could not be computed",
	  "die F-Wahrscheinlichkeit ließ sich nicht berechnen" },
	{ "the mean is at an end of the scale",
	  "der Mittelwert liegt am Rand der Skala" },
	{ "the mean overflows", "der Mittelwert läuft über" },
	{ "the pseudo-groups' variances do not vary",
	  "die Varianzen der Pseudogruppen variieren nicht" },
	{ "the standard error overflows", "der Standardfehler läuft über" },
	{ "the standardized total has zero variance",
	  "die standardisierte Summe hat keine Varianz" },
	{ "the t quantile could not be computed",
	  "das t-Quantil ließ sich nicht berechnen" },
	{ "the unit's items use different answer scales",
	  "die Fragen der Einheit verwenden verschiedene Antwortskalen" },
	{ "the values do not vary", "die Werte variieren nicht" },
	{ "the variance overflows", "die Varianz läuft über" },
	{ "within-group agreement is too low: the mean rwg(j) is below the "
	  "threshold",
	  "die Übereinstimmung innerhalb der Gruppen ist zu gering: das "
	  "mittlere rwg(j) liegt unter der Schwelle" },
	{ "zero variance between the groups",
	  "keine Varianz zwischen den Gruppen" },
	{ "zero variance of the scores", "keine Varianz der Werte" },
	{ "zero variance of the total score", "keine Varianz der Summenwerte" },
	{ "zero variance within the groups",
	  "keine Varianz innerhalb der Gruppen" },
};

#define N_REASONS (sizeof(reasons) / sizeof(reasons[0]))

size_t semm__html_reason_count(void)
{
	return N_REASONS;
}

const char *semm__html_reason_en(size_t k)
{
	return reasons[k].en;
}

const char *semm__html_reason(const html *h, const char *reason)
{
	size_t k;

	if (!reason)
		return NONE;
	if (h->lang == SEMM__LANG_EN)
		return reason;
	for (k = 0; k < N_REASONS; k++) {
		if (strcmp(reasons[k].en, reason) == 0)
			return reasons[k].de;
	}
	/* a reason the table lacks: a test (test_report_html.c) keeps the
	 * table complete against the library's sources */
	return reason;
}
