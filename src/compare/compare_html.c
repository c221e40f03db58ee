/*
 * compare_html.c - compare.html, the comparison page a consultant hands
 * over: what is compared (both reports' model, questionnaire, inputs and
 * respondents), a summary per group (how many elements improved, declined
 * or stayed within the noise, and which by name), then per group a dot
 * and whisker chart of the elements' changes with their 95 % intervals
 * and a table of every figure; a legend and the rules last.
 *
 * The page is in English or German (semm__compare_lang): every text of
 * its own comes from the message table below, numbers from
 * semm__fmt_fixed; names of dimensions, elements and levels are the
 * reports'. It uses the stylesheet every semm page shares
 * (semm__html_style) plus a few rules of its own, has no scripts and
 * fetches nothing, escapes every string from the reports, and the same
 * comparison gives the same bytes.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "compare/compare_internal.h"
#include "report/report_html.h"

/* ---- messages ----------------------------------------------------------- */

/* Messages with {0}..{9} take arguments (see put); none holds a double
 * quote or backslash, so the page-number messages may go into CSS. */
enum {
	M_TITLE,
	M_MODEL,
	M_COMPARED,
	M_BEFORE,
	M_AFTER,
	M_REPORT,
	M_QUESTIONNAIRE,
	M_GROUPED,
	M_ONE_GROUP,
	M_INPUTS,
	M_RESPONDENTS,
	M_RESP_COUNTS,
	M_ENGINE,
	M_WARNINGS,
	M_W_QUESTIONNAIRE,
	M_W_GROUPING,
	M_W_NA_POLICY,
	M_W_NA_ANCHOR,
	M_W_COVERAGE,
	M_W_SCALE,
	M_ONLY_BEFORE,
	M_ONLY_AFTER,
	M_SUMMARY,
	M_SUMMARY_INTRO,
	M_GROUP,
	M_GROUP_HEADING,
	M_OVERALL,
	M_OVERALL_CHANGE,
	M_DIMENSIONS,
	M_ELEMENTS,
	M_N_IMPROVED,
	M_N_DECLINED,
	M_N_NOISE,
	M_N_INSUFFICIENT,
	M_COUNTS,
	M_IMPROVED_LIST,
	M_DECLINED_LIST,
	M_NONE_BEYOND,
	M_LARGEST_NOISE,
	M_OVERALL_LINE,
	M_OVERALL_LINE_NOCI,
	M_LEVEL_LINE,
	M_NO_ELEMENTS,
	M_CHART_TITLE,
	M_AXIS_SCALE,
	M_AXIS,
	M_NO_INTERVAL,
	M_NO_DATA,
	M_LEG_IMPROVEMENT,
	M_LEG_DECLINE,
	M_LEG_NOISE,
	M_LEG_INSUFFICIENT,
	M_LEG_WHISKER,
	M_LEG_CLIPPED,
	M_FIGURES,
	M_SCOPE,
	M_N,
	M_MEAN,
	M_LEVEL,
	M_CHANGE,
	M_INTERVAL,
	M_PP,
	M_VERDICT,
	M_LEVEL_CHANGE,
	M_V_IMPROVEMENT,
	M_V_DECLINE,
	M_V_NOISE,
	M_V_INSUFFICIENT,
	M_LC_UP,
	M_LC_DOWN,
	M_LC_SAME,
	M_R_BOTH,
	M_R_BEFORE,
	M_R_AFTER,
	M_R_MEAN,
	M_R_SD,
	M_R_VARIANCE,
	M_R_OTHER,
	M_METHODS,
	M_X_CHANGE,
	M_X_INTERVAL,
	M_X_VERDICT,
	M_X_AXIS,
	M_X_NAMES,
	M_X_FILES,
	M_FOOTER,
	M_PAGE,
	M_PAGE_OF,
	N_MSGS
};

static const semm__msg msgs[N_MSGS] = {
	[M_TITLE] = { { "Comparison of two assessments",
			"Vergleich zweier Assessments" } },
	[M_MODEL] = { { "Model", "Modell" } },
	[M_COMPARED] = { { "What is compared", "Was verglichen wird" } },
	[M_BEFORE] = { { "Before", "Vorher" } },
	[M_AFTER] = { { "After", "Nachher" } },
	[M_REPORT] = { { "Report", "Bericht" } },
	[M_QUESTIONNAIRE] = { { "Questionnaire", "Fragebogen" } },
	[M_GROUPED] = { { "Groups formed by", "Gruppen gebildet nach" } },
	[M_ONE_GROUP] = { { "one group of all respondents",
			    "eine Gruppe aus allen Befragten" } },
	[M_INPUTS] = { { "Answers read from", "Antworten gelesen aus" } },
	[M_RESPONDENTS] = { { "Respondents", "Befragte" } },
	[M_RESP_COUNTS] = { { "{0} scored of {1} read ({2} rejected)",
			      "{0} ausgewertet von {1} gelesenen "
			      "({2} abgelehnt)" } },
	[M_ENGINE] = { { "Scored with", "Ausgewertet mit" } },
	[M_WARNINGS] = { { "Warnings", "Warnungen" } },
	[M_W_QUESTIONNAIRE] = { { "The reports use different questionnaires ({0} before, {1} "
				  "after): their statements differ; dimensions and elements "
				  "are compared.",
				  "Die Berichte beruhen auf verschiedenen Fragebögen "
				  "({0} vorher, {1} nachher): die Aussagen unterscheiden "
				  "sich; verglichen werden Dimensionen und Elemente." } },
	[M_W_GROUPING] = { { "The groups are formed differently ({0} before, {1} after): "
			     "groups of the same name may not be the same people.",
			     "Die Gruppen sind verschieden gebildet ({0} vorher, {1} "
			     "nachher): Gruppen gleichen Namens sind womöglich nicht "
			     "dieselben Personen." } },
	[M_W_NA_POLICY] = { { "The reports were scored with different rules for N/A "
			      "answers ({0} before, {1} after): the scores are not strictly "
			      "comparable.",
			      "Die Berichte wurden mit verschiedenen Regeln für "
			      "„nicht zutreffend“ ausgewertet ({0} "
			      "vorher, {1} nachher): Die Werte sind nicht streng "
			      "vergleichbar." } },
	[M_W_NA_ANCHOR] = { { "The reports were scored with different N/A anchors ({0} "
			      "before, {1} after): the scores are not strictly "
			      "comparable.",
			      "Die Berichte wurden mit verschiedenen Ankerwerten für "
			      "„nicht zutreffend“ ausgewertet ({0} "
			      "vorher, {1} nachher): Die Werte sind nicht streng "
			      "vergleichbar." } },
	[M_W_COVERAGE] = { { "The reports were scored with different coverage minimums "
			     "({0} before, {1} after): the scores are not strictly "
			     "comparable.",
			     "Die Berichte wurden mit verschiedenen Mindestabdeckungen "
			     "ausgewertet ({0} vorher, {1} nachher): Die Werte sind nicht "
			     "streng vergleichbar." } },
	[M_W_SCALE] = { { "The score scales differ ({0} before, {1} after): changes of "
			  "the means mix scales; compare the percent points.",
			  "Die Skalen unterscheiden sich ({0} vorher, {1} nachher): "
			  "Veränderungen der Mittelwerte mischen Skalen; "
			  "maßgeblich sind die Prozentpunkte." } },
	[M_ONLY_BEFORE] = { { "Groups only in the before report",
			      "Gruppen nur im Vorher-Bericht" } },
	[M_ONLY_AFTER] = { { "Groups only in the after report",
			     "Gruppen nur im Nachher-Bericht" } },
	[M_SUMMARY] = { { "Summary", "Zusammenfassung" } },
	[M_SUMMARY_INTRO] = { { "A change counts as an improvement or a decline only when "
				"its 95 % confidence interval lies entirely on one side of "
				"0; otherwise it is within the noise and may be chance.",
				"Eine Veränderung gilt nur dann als Verbesserung oder "
				"Verschlechterung, wenn ihr 95-%-Konfidenzintervall ganz auf "
				"einer Seite von 0 liegt; sonst liegt sie im Zufallsbereich "
				"und kann Zufall sein." } },
	[M_GROUP] = { { "Group", "Gruppe" } },
	[M_GROUP_HEADING] = { { "Group {0}", "Gruppe {0}" } },
	[M_OVERALL] = { { "Overall", "Gesamt" } },
	[M_OVERALL_CHANGE] = { { "Overall change", "Veränderung gesamt" } },
	[M_DIMENSIONS] = { { "Dimensions", "Dimensionen" } },
	[M_ELEMENTS] = { { "Elements", "Elemente" } },
	[M_N_IMPROVED] = { { "Elements improved", "Elemente verbessert" } },
	[M_N_DECLINED] = { { "Elements declined", "Elemente verschlechtert" } },
	[M_N_NOISE] = { { "Within noise", "Im Zufallsbereich" } },
	[M_N_INSUFFICIENT] = { { "Insufficient data", "Zu wenige Daten" } },
	[M_COUNTS] = { { "Of {0} elements, {1} improved and {2} declined; {3} changed "
			 "within the noise, and {4} have too few data for an "
			 "interval.",
			 "Von {0} Elementen haben sich {1} verbessert und {2} "
			 "verschlechtert; bei {3} liegt die Veränderung im "
			 "Zufallsbereich, bei {4} reichen die Daten nicht für "
			 "ein Intervall." } },
	[M_IMPROVED_LIST] = { { "Improved:", "Verbessert:" } },
	[M_DECLINED_LIST] = { { "Declined:", "Verschlechtert:" } },
	[M_NONE_BEYOND] = { { "No element changed beyond the noise.",
			      "Kein Element hat sich über den Zufallsbereich "
			      "hinaus verändert." } },
	[M_LARGEST_NOISE] = { { "Largest change within the noise: {0} ({1}).",
				"Größte Veränderung im Zufallsbereich: {0} ({1})." } },
	[M_OVERALL_LINE] = { { "Overall: mean {0} before, {1} after; change {2}, 95 % "
			       "interval {3} to {4}: {5}.",
			       "Gesamt: Mittelwert {0} vorher, {1} nachher; "
			       "Veränderung {2}, 95-%-Intervall {3} bis {4}: "
			       "{5}." } },
	[M_OVERALL_LINE_NOCI] = { { "Overall: mean {0} before, {1} after; change {2}: {3}.",
				    "Gesamt: Mittelwert {0} vorher, {1} nachher; "
				    "Veränderung {2}: {3}." } },
	[M_LEVEL_LINE] = { { "Maturity level: {0} before, {1} after.",
			     "Reifegrad: {0} vorher, {1} nachher." } },
	[M_NO_ELEMENTS] = { { "The reports give no elements for this group.",
			      "Die Berichte enthalten für diese Gruppe "
			      "keine Elemente." } },
	[M_CHART_TITLE] = { { "Change of each element's mean score with its 95 % "
			      "confidence interval",
			      "Veränderung des Mittelwerts jedes Elements mit "
			      "95-%-Konfidenzintervall" } },
	[M_AXIS_SCALE] = { { "Change of the mean, after − before (points on "
			     "the scale {0} to {1})",
			     "Veränderung des Mittelwerts, nachher − "
			     "vorher (Punkte auf der Skala {0} bis {1})" } },
	[M_AXIS] = { { "Change of the mean, after − before",
		       "Veränderung des Mittelwerts, nachher "
		       "− vorher" } },
	[M_NO_INTERVAL] = { { "no interval", "kein Intervall" } },
	[M_NO_DATA] = { { "no change to show",
			  "keine Veränderung darstellbar" } },
	[M_LEG_IMPROVEMENT] = { { "improvement: the whole interval lies above 0",
				  "Verbesserung: Das ganze Intervall liegt über 0" } },
	[M_LEG_DECLINE] = { { "decline: the whole interval lies below 0",
			      "Verschlechterung: Das ganze Intervall liegt unter 0" } },
	[M_LEG_NOISE] = { { "within noise: the interval includes 0, the change may be "
			    "chance",
			    "im Zufallsbereich: Das Intervall schließt 0 ein, "
			    "die Veränderung kann Zufall sein" } },
	[M_LEG_INSUFFICIENT] = { { "insufficient data: the change without an interval (fewer "
				   "than 2 scores on a side, or no variance)",
				   "zu wenige Daten: die Veränderung ohne Intervall "
				   "(weniger als 2 Werte auf einer Seite oder keine "
				   "Streuung)" } },
	[M_LEG_WHISKER] = { { "horizontal line: the 95 % confidence interval of the change; "
			      "dashed line: no change",
			      "waagrechte Linie: 95-%-Konfidenzintervall der "
			      "Veränderung; gestrichelte Linie: keine "
			      "Veränderung" } },
	[M_LEG_CLIPPED] = { { "arrow: the interval runs on beyond the largest possible "
			      "change",
			      "Pfeil: Das Intervall reicht über die "
			      "größtmögliche Veränderung "
			      "hinaus" } },
	[M_FIGURES] = { { "All figures", "Alle Werte" } },
	[M_SCOPE] = { { "Score", "Wert" } },
	[M_N] = { { "n", "n" } },
	[M_MEAN] = { { "Mean", "Mittelwert" } },
	[M_LEVEL] = { { "Level", "Reifegrad" } },
	[M_CHANGE] = { { "Change", "Veränderung" } },
	[M_INTERVAL] = { { "95 % interval", "95-%-Intervall" } },
	[M_PP] = { { "% points", "%-Punkte" } },
	[M_VERDICT] = { { "Verdict", "Befund" } },
	[M_LEVEL_CHANGE] = { { "Level change", "Reifegrad­wechsel" } },
	[M_V_IMPROVEMENT] = { { "improvement", "Verbesserung" } },
	[M_V_DECLINE] = { { "decline", "Verschlechterung" } },
	[M_V_NOISE] = { { "within noise", "im Zufallsbereich" } },
	[M_V_INSUFFICIENT] = { { "insufficient data", "zu wenige Daten" } },
	[M_LC_UP] = { { "up", "höher" } },
	[M_LC_DOWN] = { { "down", "niedriger" } },
	[M_LC_SAME] = { { "same", "gleich" } },
	[M_R_BOTH] = { { "fewer than 2 scores on either side",
			 "auf beiden Seiten weniger als 2 Werte" } },
	[M_R_BEFORE] = { { "fewer than 2 scores before",
			   "vorher weniger als 2 Werte" } },
	[M_R_AFTER] = { { "fewer than 2 scores after",
			  "nachher weniger als 2 Werte" } },
	[M_R_MEAN] = { { "a mean is missing", "ein Mittelwert fehlt" } },
	[M_R_SD] = { { "a standard deviation is missing",
		       "eine Standardabweichung fehlt" } },
	[M_R_VARIANCE] = { { "no variance on either side",
			     "auf keiner Seite Streuung" } },
	[M_R_OTHER] = { { "no interval", "kein Intervall" } },
	[M_METHODS] = { { "How to read the comparison",
			  "So ist der Vergleich zu lesen" } },
	[M_X_CHANGE] = { { "Change: the mean of the after report minus the mean of the "
			   "before report, for the same group and the same dimension or "
			   "element. Percent points: the same for the percent of the "
			   "scale.",
			   "Veränderung: Mittelwert des Nachher-Berichts minus "
			   "Mittelwert des Vorher-Berichts, für dieselbe Gruppe "
			   "und dieselbe Dimension oder dasselbe Element. "
			   "Prozentpunkte: dasselbe für den Prozentwert der "
			   "Skala." } },
	[M_X_INTERVAL] = { { "95 % interval: Welch's confidence interval of a difference "
			     "of two means, which does not assume equal variances: "
			     "se = √(sd₁²/n₁ + "
			     "sd₂²/n₂), degrees of freedom "
			     "by Welch and Satterthwaite, change ∓ t(0.975; "
			     "df)·se.",
			     "95-%-Intervall: Welchs Konfidenzintervall der Differenz "
			     "zweier Mittelwerte, das keine gleichen Varianzen voraussetzt: "
			     "se = √(sd₁²/n₁ + "
			     "sd₂²/n₂), Freiheitsgrade nach "
			     "Welch und Satterthwaite, Veränderung ∓ "
			     "t(0,975; df)·se." } },
	[M_X_VERDICT] = { { "Verdict: improvement when the interval lies entirely above "
			    "0, decline when it lies entirely below 0, within noise when "
			    "it includes 0; insufficient data when a side has fewer than "
			    "2 scores, a figure is missing or neither side varies. A "
			    "level that rose or fell while the change is within the "
			    "noise may be chance.",
			    "Befund: Verbesserung, wenn das Intervall ganz ü"
			    "ber 0 liegt, Verschlechterung, wenn es ganz unter 0 liegt, "
			    "im Zufallsbereich, wenn es 0 einschließt; zu wenige "
			    "Daten, wenn eine Seite weniger als 2 Werte hat, ein Wert "
			    "fehlt oder keine Seite streut. Ein Reifegrad, der bei einer "
			    "Veränderung im Zufallsbereich steigt oder sinkt, kann "
			    "Zufall sein." } },
	[M_X_AXIS] = { { "Chart: the axis of each group runs from 0 to the farthest "
			 "change or interval end, in steps of 1, 2, 2.5 or 5 times a "
			 "power of ten, and never beyond the largest change the scale "
			 "allows.",
			 "Diagramm: Die Achse jeder Gruppe reicht von 0 bis zur "
			 "fernsten Veränderung oder Intervallgrenze, in "
			 "Schritten von 1, 2, 2,5 oder 5 mal einer Zehnerpotenz, und "
			 "nie über die größte "
			 "Veränderung hinaus, die die Skala zulässt." } },
	[M_X_NAMES] = { { "Names of dimensions, elements and maturity levels are those "
			  "of the reports compared, in the language they were scored "
			  "in.",
			  "Namen von Dimensionen, Elementen und Reifegraden stammen "
			  "aus den verglichenen Berichten, in der Sprache, in der sie "
			  "ausgewertet wurden." } },
	[M_X_FILES] = { { "compare.json and compare.csv hold every figure with full "
			  "precision, including standard deviations, standard errors "
			  "and degrees of freedom.",
			  "compare.json und compare.csv enthalten jeden Wert in voller "
			  "Genauigkeit, auch Standardabweichungen, Standardfehler und "
			  "Freiheitsgrade." } },
	[M_FOOTER] = { { "Written by semm {0}.", "Erstellt mit semm {0}." } },
	[M_PAGE] = { { "Page ", "Seite " } },
	[M_PAGE_OF] = { { " of ", " von " } },
};

const semm__msg *semm__compare_html_msgs(size_t *n)
{
	*n = N_MSGS;
	return msgs;
}

/* ---- output primitives -------------------------------------------------- */

typedef struct page {
	FILE *fp;
	const semm_compare *c;
	semm__lang lang;
} page;

static const char *tr(const page *pg, int m)
{
	return semm__tr(&msgs[m], pg->lang);
}

static void out(const page *pg, const char *s)
{
	fputs(s, pg->fp);
}

/* Writes the message as it is (messages hold no markup characters). */
static void msg(const page *pg, int m)
{
	fputs(tr(pg, m), pg->fp);
}

/* Writes s[0..n-1] as HTML text: markup characters escaped, invalid
 * UTF-8 and control characters replaced by U+FFFD. */
static void esc_n(const page *pg, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t len;

	while (n > 0) {
		len = semm__utf8_len(s, n);
		if (len == 0 || (*s < 0x20 && *s != '\t' && *s != '\n') ||
		    *s == 0x7f) {
			out(pg, "&#xfffd;");
			len = len ? len : 1;
		} else if (*s == '&') {
			out(pg, "&amp;");
		} else if (*s == '<') {
			out(pg, "&lt;");
		} else if (*s == '>') {
			out(pg, "&gt;");
		} else if (*s == '"') {
			out(pg, "&quot;");
		} else if (*s == '\'') {
			out(pg, "&#39;");
		} else {
			fwrite(s, 1, len, pg->fp);
		}
		s += len;
		n -= len;
	}
}

static void esc(const page *pg, const char *s)
{
	if (s)
		esc_n(pg, s, strlen(s));
}

/* A number as the page's language writes it, with a real minus sign;
 * with `sign`, a "+" before a positive value. A value that shows as zero
 * has no sign; a missing one is a dash. */
static void num(const page *pg, double v, int decimals, int sign)
{
	char buf[SEMM__FMT_BUFSIZE];

	if (!isfinite(v)) {
		out(pg, NONE);
		return;
	}
	semm__fmt_fixed(buf, v, decimals, pg->lang);
	if (buf[0] == '-') {
		out(pg, "&minus;");
		out(pg, buf + 1);
		return;
	}
	if (sign && strspn(buf, "0.,") != strlen(buf))
		out(pg, "+");
	out(pg, buf);
}

/* A chart coordinate: always with a decimal point. */
static void coord(const page *pg, double v)
{
	char buf[SEMM__FMT_BUFSIZE];

	semm__fmt_fixed(buf, v, DEC_COORD, SEMM__LANG_EN);
	out(pg, buf);
}

/* An argument of a message: text to escape, markup, or a number. */
typedef struct arg {
	char kind; /* 't' text, 'm' markup, 'n' number, 's' signed, 'c' count */
	const char *s;
	double v;
	int decimals;
} arg;

#define A_TEXT(s) ((arg){ 't', (s), 0.0, 0 })
#define A_MARKUP(s) ((arg){ 'm', (s), 0.0, 0 })
#define A_NUM(v, d) ((arg){ 'n', NULL, (v), (d) })
#define A_SIGNED(v, d) ((arg){ 's', NULL, (v), (d) })
#define A_COUNT(n) ((arg){ 'c', NULL, (double)(n), 0 })

static void put_arg(const page *pg, const arg *a)
{
	switch (a->kind) {
	case 't': esc(pg, a->s); break;
	case 'm': out(pg, a->s); break;
	case 's': num(pg, a->v, a->decimals, 1); break;
	case 'c': fprintf(pg->fp, "%.0f", a->v); break;
	default: num(pg, a->v, a->decimals, 0); break;
	}
}

/* Writes message m with each {k} replaced by args[k]. */
static void put(const page *pg, int m, const arg *args, size_t n)
{
	const char *s = tr(pg, m), *open;
	size_t k;

	for (;;) {
		open = strchr(s, '{');
		if (!open || open[1] < '0' || open[1] > '9' || open[2] != '}') {
			out(pg, s);
			return;
		}
		fwrite(s, 1, (size_t)(open - s), pg->fp);
		k = (size_t)(open[1] - '0');
		if (k < n)
			put_arg(pg, &args[k]);
		s = open + 3;
	}
}

/* ---- units -------------------------------------------------------------- */

static int verdict_msg(semm_verdict v)
{
	switch (v) {
	case SEMM_VERDICT_IMPROVEMENT: return M_V_IMPROVEMENT;
	case SEMM_VERDICT_DECLINE: return M_V_DECLINE;
	case SEMM_VERDICT_WITHIN_NOISE: return M_V_NOISE;
	case SEMM_VERDICT_INSUFFICIENT: return M_V_INSUFFICIENT;
	}
	return M_V_INSUFFICIENT;
}

/* The class of a verdict: colour and marker of the chart and table. */
static const char *verdict_class(semm_verdict v)
{
	switch (v) {
	case SEMM_VERDICT_IMPROVEMENT: return "up";
	case SEMM_VERDICT_DECLINE: return "down";
	case SEMM_VERDICT_WITHIN_NOISE: return "noise";
	case SEMM_VERDICT_INSUFFICIENT: return "none";
	}
	return "none";
}

/* The marker of a verdict as a character, for the table and legend. */
static const char *verdict_glyph(semm_verdict v)
{
	switch (v) {
	case SEMM_VERDICT_IMPROVEMENT: return "▲";  /* ▲ */
	case SEMM_VERDICT_DECLINE: return "▼";	    /* ▼ */
	case SEMM_VERDICT_WITHIN_NOISE: return "○"; /* ○ */
	case SEMM_VERDICT_INSUFFICIENT: return "×"; /* × */
	}
	return "";
}

/* Why a unit has no interval, in the page's language: the cases of
 * compare.c's insufficient_reason and semm_stats_welch, told from the
 * figures. */
static int reason_msg(const semm_compare_unit *u)
{
	const semm_compare_side *b = &u->before, *a = &u->after;

	if (b->n < 2 && a->n < 2)
		return M_R_BOTH;
	if (b->n < 2)
		return M_R_BEFORE;
	if (a->n < 2)
		return M_R_AFTER;
	if (isnan(b->mean) || isnan(a->mean))
		return M_R_MEAN;
	if (isnan(b->sd) || isnan(a->sd))
		return M_R_SD;
	if (b->sd == 0.0 && a->sd == 0.0)
		return M_R_VARIANCE;
	return M_R_OTHER;
}

/* The name a unit is shown by: its name, else its id. */
static const char *unit_name(const page *pg, const semm_compare_unit *u)
{
	if (strcmp(u->type, "overall") == 0)
		return NULL;
	(void)pg;
	return u->name ? u->name : u->id;
}

static void put_name(const page *pg, const semm_compare_unit *u)
{
	if (strcmp(u->type, "overall") == 0)
		msg(pg, M_OVERALL);
	else
		esc(pg, unit_name(pg, u));
}

static int is_type(const semm_compare_unit *u, const char *type)
{
	return strcmp(u->type, type) == 0;
}

/* A group's units: c->units[first .. first + n - 1]. */
typedef struct span {
	size_t first;
	size_t n;
} span;

/* The group starting at units[i]. */
static span group_at(const semm_compare *c, size_t i)
{
	span s = { i, 0 };

	while (i + s.n < c->n_units &&
	       c->units[i + s.n].group == c->units[i].group)
		s.n++;
	return s;
}

/* ---- head and what is compared ------------------------------------------ */

/* Rules of this page only; the rest is the shared stylesheet. */
static const char page_style[] =
	".lead{font-size:1.05rem;margin:.2rem 0 1rem}\n"
	"table.compared th[scope=row]{width:12rem}\n"
	".warnings{background:#fff6e5;border-left:4px solid #E69F00;"
	"padding:.3rem .8rem;margin:1rem 0}\n"
	".warnings h2{border:0;margin:.4rem 0;padding:0;font-size:1.1rem}\n"
	"section.summary p{margin:.3rem 0}\n"
	"div.sgroup{margin-bottom:1rem}\n"
	"section.summary h3{margin-bottom:.2rem}\n"
	"table.cmp{width:100%;table-layout:fixed}\n"
	"table.cmp tbody th{font-weight:400}\n"
	"table.cmp td,table.cmp th{padding:.2rem .35rem}\n"
	"table.cmp tbody th{overflow-wrap:break-word}\n"
	"table.cmp tr.overall th,table.cmp tr.overall td{font-weight:600}\n"
	"table.cmp tr.sub th{background:#f7f7f7;font-weight:600}\n"
	"table.cmp th .muted{font-weight:400;font-size:.85em}\n"
	"table.cmp th[scope=colgroup]{text-align:center}\n"
	"td.verdict{white-space:nowrap}\n"
	"td.verdict small{display:block;white-space:normal;color:#555}\n"
	".v-up{color:#0060A0}\n"
	".v-down{color:#B04A00}\n"
	".v-noise{color:#333}\n"
	".v-none{color:#555;font-style:italic}\n"
	"figure.dots{margin:.5rem 0 1rem}\n"
	"svg.dots{width:100%;max-width:880px;height:auto;display:block}\n"
	"svg.dots text{font:12px system-ui,Arial,sans-serif;fill:#1a1a1a}\n"
	"svg.dots text.tick{font-size:11px;fill:#333}\n"
	"svg.dots text.axis{font-size:12px;font-weight:600}\n"
	"svg.dots text.nodata{font-style:italic;fill:#555}\n"
	"svg.dots .band{fill:#f4f4f4}\n"
	"svg.dots .grid{stroke:#ddd;stroke-width:1}\n"
	"svg.dots .axisline{stroke:#333;stroke-width:1}\n"
	"svg.dots .zero{stroke:#000;stroke-width:1.3;stroke-dasharray:5 3}\n"
	"svg.dots .ci{stroke-width:2;fill:none}\n"
	"svg.dots .ci.up,svg.dots .mk.up{stroke:#0072B2}\n"
	"svg.dots .ci.down,svg.dots .mk.down{stroke:#D55E00}\n"
	"svg.dots .ci.noise,svg.dots .mk.noise{stroke:#333}\n"
	"svg.dots .mk{stroke-width:1.5}\n"
	"svg.dots .mk.up{fill:#0072B2}\n"
	"svg.dots .mk.down{fill:#D55E00}\n"
	"svg.dots .mk.noise{fill:#fff}\n"
	"svg.dots .mk.none{stroke:#555;fill:none;stroke-width:2}\n"
	"svg.dots .arrow.up{fill:#0072B2}\n"
	"svg.dots .arrow.down{fill:#D55E00}\n"
	"svg.dots .arrow.noise{fill:#333}\n"
	"ul.legend svg{vertical-align:-2px;margin-right:.35rem}\n"
	"figcaption.dots ul.legend{display:grid;grid-template-columns:"
	"repeat(auto-fill,minmax(20rem,1fr));gap:.1rem 1.5rem}\n"
	"figcaption.dots ul.legend li{margin:0}\n"
	"figcaption.dots{font-size:.9rem;max-width:none}\n"
	"dl.methods{max-width:50rem}\n"
	"@media print{\n"
	"svg.dots .band{fill:#eee}\n"
	".warnings{border-left-color:#000}\n"
	"div.sgroup,section.methods{break-inside:avoid}\n"
	"table.cmp{font-size:7.5pt}\n"
	"table.cmp td,table.cmp th{padding:.1rem .2rem}\n"
	/* a group's table may go on over the next page, between rows and
	 * with its header repeated, rather than leave a page half empty */
	"table.cmp{break-inside:auto}\n"
	"figcaption.dots{font-size:8.5pt}\n"
	"table.cmp td.verdict,table.cmp td.num{white-space:normal}\n"
	"}\n";

/* A4 with the page number at the bottom right (CSS page margin boxes;
 * browsers without them print no number). */
static void page_rules(const page *pg)
{
	out(pg, "@page{size:A4;margin:14mm 14mm 16mm;@bottom-right{content:\"");
	msg(pg, M_PAGE);
	out(pg, "\" counter(page) \"");
	msg(pg, M_PAGE_OF);
	out(pg, "\" counter(pages);font:9pt system-ui,Arial,sans-serif;"
		"color:#333}}\n");
}

static void head(const page *pg)
{
	const side_info *a = &pg->c->side[AFTER];

	fprintf(pg->fp,
		"<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
		"<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, "
		"initial-scale=1\">\n<title>",
		semm__lang_code(pg->lang));
	msg(pg, M_TITLE);
	out(pg, " – ");
	esc(pg, a->model_title ? a->model_title : a->model_id);
	out(pg, "</title>\n<style>\n");
	semm__html_style(pg->fp);
	out(pg, page_style);
	page_rules(pg);
	out(pg, "</style>\n</head>\n<body>\n");
}

/* A row of the table of what is compared: label, before, after. */
static void compared_row(const page *pg, int label, const char *b,
			 const char *a)
{
	out(pg, "<tr><th scope=\"row\">");
	msg(pg, label);
	out(pg, "</th><td>");
	esc(pg, b);
	out(pg, "</td><td>");
	esc(pg, a);
	out(pg, "</td></tr>\n");
}

static void questionnaire_cell(const page *pg, const side_info *s)
{
	out(pg, "<td>");
	esc(pg, s->q_id);
	if (s->q_version) {
		out(pg, " ");
		esc(pg, s->q_version);
	}
	out(pg, "</td>");
}

static void inputs_cell(const page *pg, const side_info *s)
{
	size_t i;

	out(pg, "<td>");
	for (i = 0; i < s->n_inputs; i++) {
		if (i > 0)
			out(pg, "<br>");
		esc(pg, s->inputs[i]);
	}
	if (s->n_inputs == 0)
		out(pg, NONE);
	out(pg, "</td>");
}

static void compared(const page *pg)
{
	const side_info *s = pg->c->side;
	int k;

	out(pg, "<table class=\"facts compared\">\n<thead><tr><td></td>"
		"<th scope=\"col\">");
	msg(pg, M_BEFORE);
	out(pg, "</th><th scope=\"col\">");
	msg(pg, M_AFTER);
	out(pg, "</th></tr></thead>\n<tbody>\n");
	compared_row(pg, M_REPORT, s[BEFORE].source, s[AFTER].source);
	out(pg, "<tr><th scope=\"row\">");
	msg(pg, M_QUESTIONNAIRE);
	out(pg, "</th>");
	questionnaire_cell(pg, &s[BEFORE]);
	questionnaire_cell(pg, &s[AFTER]);
	out(pg, "</tr>\n<tr><th scope=\"row\">");
	msg(pg, M_GROUPED);
	out(pg, "</th>");
	for (k = BEFORE; k <= AFTER; k++) {
		out(pg, "<td>");
		if (s[k].group_by)
			esc(pg, s[k].group_by);
		else
			msg(pg, M_ONE_GROUP);
		out(pg, "</td>");
	}
	out(pg, "</tr>\n<tr><th scope=\"row\">");
	msg(pg, M_INPUTS);
	out(pg, "</th>");
	inputs_cell(pg, &s[BEFORE]);
	inputs_cell(pg, &s[AFTER]);
	out(pg, "</tr>\n<tr><th scope=\"row\">");
	msg(pg, M_RESPONDENTS);
	out(pg, "</th>");
	for (k = BEFORE; k <= AFTER; k++) {
		arg args[3] = { A_COUNT(s[k].scored), A_COUNT(s[k].read),
				A_COUNT(s[k].rejected) };

		out(pg, "<td>");
		put(pg, M_RESP_COUNTS, args, 3);
		out(pg, "</td>");
	}
	out(pg, "</tr>\n<tr><th scope=\"row\">");
	msg(pg, M_ENGINE);
	out(pg, "</th>");
	for (k = BEFORE; k <= AFTER; k++) {
		out(pg, "<td>");
		esc(pg, s[k].engine_name);
		out(pg, " ");
		esc(pg, s[k].engine_version);
		out(pg, "</td>");
	}
	out(pg, "</tr>\n</tbody>\n</table>\n");
}

/* "1..5", as the page writes numbers. */
static void scale_text(const page *pg, const side_info *s)
{
	num(pg, s->smin, 0, 0);
	out(pg, "–");
	num(pg, s->smax, 0, 0);
}

/* One warning, worded from the side infos. */
static void warning(const page *pg, unsigned kind)
{
	const side_info *b = &pg->c->side[BEFORE], *a = &pg->c->side[AFTER];
	const char *one = tr(pg, M_ONE_GROUP);
	arg args[2];

	switch (kind) {
	case CW_QUESTIONNAIRE:
		args[0] = A_TEXT(b->q_id);
		args[1] = A_TEXT(a->q_id);
		put(pg, M_W_QUESTIONNAIRE, args, 2);
		break;
	case CW_GROUPING:
		args[0] = A_TEXT(b->group_by ? b->group_by : one);
		args[1] = A_TEXT(a->group_by ? a->group_by : one);
		put(pg, M_W_GROUPING, args, 2);
		break;
	case CW_NA_POLICY:
		args[0] = A_TEXT(b->na_policy);
		args[1] = A_TEXT(a->na_policy);
		put(pg, M_W_NA_POLICY, args, 2);
		break;
	case CW_NA_ANCHOR:
		args[0] = A_NUM(b->na_anchor, DEC_PCT);
		args[1] = A_NUM(a->na_anchor, DEC_PCT);
		put(pg, M_W_NA_ANCHOR, args, 2);
		break;
	case CW_COVERAGE:
		args[0] = A_NUM(b->coverage_min, DEC_COEF);
		args[1] = A_NUM(a->coverage_min, DEC_COEF);
		put(pg, M_W_COVERAGE, args, 2);
		break;
	default: {
		/* the scales: written out by hand, they are two numbers */
		const char *t = tr(pg, M_W_SCALE);
		const char *p0 = strstr(t, "{0}"), *p1 = strstr(t, "{1}");

		fwrite(t, 1, (size_t)(p0 - t), pg->fp);
		scale_text(pg, b);
		fwrite(p0 + 3, 1, (size_t)(p1 - p0 - 3), pg->fp);
		scale_text(pg, a);
		out(pg, p1 + 3);
		break;
	}
	}
}

static void warnings(const page *pg)
{
	unsigned k;

	if (pg->c->warned == 0)
		return;
	out(pg, "<div class=\"warnings\" role=\"note\">\n<h2>");
	msg(pg, M_WARNINGS);
	out(pg, "</h2>\n<ul>\n");
	for (k = 0; k < CW_COUNT; k++) {
		if (!(pg->c->warned & (1u << k)))
			continue;
		out(pg, "<li>");
		warning(pg, k);
		out(pg, "</li>\n");
	}
	out(pg, "</ul>\n</div>\n");
}

static void unmatched(const page *pg, int side, int title)
{
	const semm_compare *c = pg->c;
	size_t i;

	if (c->n_unmatched[side] == 0)
		return;
	out(pg, "<h3>");
	msg(pg, title);
	out(pg, "</h3>\n<ul>\n");
	for (i = 0; i < c->n_unmatched[side]; i++) {
		out(pg, "<li>");
		esc(pg, c->unmatched[side][i]);
		out(pg, "</li>\n");
	}
	out(pg, "</ul>\n");
}

/* ---- the summary -------------------------------------------------------- */

/* How a group's elements changed. */
typedef struct tally {
	size_t n;
	size_t by_verdict[SEMM_VERDICT_COUNT];
} tally;

static tally count_elements(const semm_compare *c, span g)
{
	tally t;
	size_t i;

	memset(&t, 0, sizeof(t));
	for (i = g.first; i < g.first + g.n; i++) {
		if (!is_type(&c->units[i], "element"))
			continue;
		t.n++;
		t.by_verdict[c->units[i].verdict]++;
	}
	return t;
}

/* The next element of group g with verdict v after the one at `after`
 * (SIZE_MAX: from the start) in order of the change: largest rise first
 * for improvements, largest fall first for declines; ties keep the
 * reports' order. Returns SIZE_MAX when there is none. */
static size_t next_by_change(const semm_compare *c, span g, semm_verdict v,
			     size_t after)
{
	double sign = v == SEMM_VERDICT_DECLINE ? -1.0 : 1.0;
	double last =
		after == SIZE_MAX ? INFINITY : sign * c->units[after].diff.diff;
	size_t i, best = SIZE_MAX;
	double key, best_key = -INFINITY;

	for (i = g.first; i < g.first + g.n; i++) {
		const semm_compare_unit *u = &c->units[i];

		if (!is_type(u, "element") || u->verdict != v)
			continue;
		key = sign * u->diff.diff;
		/* after `after` in the order: smaller key, or equal key and
		 * later in the reports */
		if (after != SIZE_MAX &&
		    !(key < last || (key == last && i > after)))
			continue;
		if (best == SIZE_MAX || key > best_key) {
			best = i;
			best_key = key;
		}
	}
	return best;
}

/* "Improved: A (+0.52), B (+0.31)." */
static void name_list(const page *pg, span g, semm_verdict v, int label)
{
	const semm_compare *c = pg->c;
	size_t i = next_by_change(c, g, v, SIZE_MAX);
	int first = 1;

	if (i == SIZE_MAX)
		return;
	out(pg, "<p><span class=\"v-");
	out(pg, verdict_class(v));
	out(pg, "\">");
	out(pg, verdict_glyph(v));
	out(pg, "</span> ");
	msg(pg, label);
	out(pg, " ");
	for (; i != SIZE_MAX; i = next_by_change(c, g, v, i)) {
		if (!first)
			out(pg, ", ");
		first = 0;
		out(pg, "<strong>");
		put_name(pg, &c->units[i]);
		out(pg, "</strong> (");
		num(pg, c->units[i].diff.diff, DEC_MEAN, 1);
		out(pg, ")");
	}
	out(pg, ".</p>\n");
}

/* The element within the noise with the largest change in size. */
static void largest_noise(const page *pg, span g)
{
	const semm_compare *c = pg->c;
	size_t i, best = SIZE_MAX;
	arg args[2];

	for (i = g.first; i < g.first + g.n; i++) {
		const semm_compare_unit *u = &c->units[i];

		if (!is_type(u, "element") ||
		    u->verdict != SEMM_VERDICT_WITHIN_NOISE)
			continue;
		if (best == SIZE_MAX ||
		    fabs(u->diff.diff) > fabs(c->units[best].diff.diff))
			best = i;
	}
	if (best == SIZE_MAX)
		return;
	args[0] = A_TEXT(unit_name(pg, &c->units[best]));
	args[1] = A_SIGNED(c->units[best].diff.diff, DEC_MEAN);
	out(pg, "<p>");
	put(pg, M_LARGEST_NOISE, args, 2);
	out(pg, "</p>\n");
}

/* "Overall: mean 3.10 before, 3.42 after; change +0.32, ...". */
static void overall_line(const page *pg, const semm_compare_unit *u)
{
	char verdict[256];
	arg args[6];

	snprintf(verdict, sizeof(verdict),
		 "<span class=\"v-%s\">%s %s%s%s%s</span>",
		 verdict_class(u->verdict), verdict_glyph(u->verdict),
		 tr(pg, verdict_msg(u->verdict)),
		 u->verdict == SEMM_VERDICT_INSUFFICIENT ? " (" : "",
		 u->verdict == SEMM_VERDICT_INSUFFICIENT ? tr(pg, reason_msg(u))
							 : "",
		 u->verdict == SEMM_VERDICT_INSUFFICIENT ? ")" : "");
	args[0] = A_NUM(u->before.mean, DEC_MEAN);
	args[1] = A_NUM(u->after.mean, DEC_MEAN);
	args[2] = A_SIGNED(u->diff.diff, DEC_MEAN);
	out(pg, "<p>");
	if (isnan(u->diff.ci_lo)) {
		args[3] = A_MARKUP(verdict);
		put(pg, M_OVERALL_LINE_NOCI, args, 4);
	} else {
		args[3] = A_SIGNED(u->diff.ci_lo, DEC_MEAN);
		args[4] = A_SIGNED(u->diff.ci_hi, DEC_MEAN);
		args[5] = A_MARKUP(verdict);
		put(pg, M_OVERALL_LINE, args, 6);
	}
	out(pg, "</p>\n");
}

static void level_text(const page *pg, const semm_compare_side *s)
{
	if (!s->has_level) {
		out(pg, NONE);
		return;
	}
	fprintf(pg->fp, "%d", s->level);
	if (s->level_name) {
		out(pg, " ");
		esc(pg, s->level_name);
	}
}

static void level_line(const page *pg, const semm_compare_unit *u)
{
	const char *t = tr(pg, M_LEVEL_LINE);
	const char *p0 = strstr(t, "{0}"), *p1 = strstr(t, "{1}");

	if (!u->before.has_level && !u->after.has_level)
		return;
	out(pg, "<p>");
	fwrite(t, 1, (size_t)(p0 - t), pg->fp);
	level_text(pg, &u->before);
	fwrite(p0 + 3, 1, (size_t)(p1 - p0 - 3), pg->fp);
	level_text(pg, &u->after);
	out(pg, p1 + 3);
	out(pg, "</p>\n");
}

/* How the elements of group g changed, in words. */
static void summary_elements(const page *pg, span g, const tally *t)
{
	arg args[5] = { A_COUNT(t->n),
			A_COUNT(t->by_verdict[SEMM_VERDICT_IMPROVEMENT]),
			A_COUNT(t->by_verdict[SEMM_VERDICT_DECLINE]),
			A_COUNT(t->by_verdict[SEMM_VERDICT_WITHIN_NOISE]),
			A_COUNT(t->by_verdict[SEMM_VERDICT_INSUFFICIENT]) };

	out(pg, "<p>");
	put(pg, M_COUNTS, args, 5);
	out(pg, "</p>\n");
	name_list(pg, g, SEMM_VERDICT_IMPROVEMENT, M_IMPROVED_LIST);
	name_list(pg, g, SEMM_VERDICT_DECLINE, M_DECLINED_LIST);
	if (t->by_verdict[SEMM_VERDICT_IMPROVEMENT] == 0 &&
	    t->by_verdict[SEMM_VERDICT_DECLINE] == 0 &&
	    t->by_verdict[SEMM_VERDICT_WITHIN_NOISE] > 0) {
		out(pg, "<p>");
		msg(pg, M_NONE_BEYOND);
		out(pg, "</p>\n");
	}
	largest_noise(pg, g);
}

static void summary_group(const page *pg, span g)
{
	const semm_compare *c = pg->c;
	tally t = count_elements(c, g);
	arg name = A_TEXT(c->units[g.first].group);

	out(pg, "<div class=\"sgroup\">\n<h3>");
	put(pg, M_GROUP_HEADING, &name, 1);
	out(pg, "</h3>\n");
	overall_line(pg, &c->units[g.first]);
	if (t.n > 0)
		summary_elements(pg, g, &t);
	out(pg, "</div>\n");
}

/* The table of all groups at a glance. */
static void summary_table(const page *pg)
{
	static const int heads[] = { M_N_IMPROVED, M_N_DECLINED, M_N_NOISE,
				     M_N_INSUFFICIENT };
	static const semm_verdict order[] = { SEMM_VERDICT_IMPROVEMENT,
					      SEMM_VERDICT_DECLINE,
					      SEMM_VERDICT_WITHIN_NOISE,
					      SEMM_VERDICT_INSUFFICIENT };
	const semm_compare *c = pg->c;
	size_t i, k;
	span g;

	out(pg, "<table class=\"glance\">\n<thead><tr><th scope=\"col\">");
	msg(pg, M_GROUP);
	out(pg, "</th><th scope=\"col\" class=\"num\">");
	msg(pg, M_OVERALL_CHANGE);
	out(pg, "</th><th scope=\"col\">");
	msg(pg, M_VERDICT);
	out(pg, "</th>");
	for (k = 0; k < 4; k++) {
		out(pg, "<th scope=\"col\" class=\"num\">");
		msg(pg, heads[k]);
		out(pg, "</th>");
	}
	out(pg, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < c->n_units; i += g.n) {
		const semm_compare_unit *u = &c->units[i];
		tally t;

		g = group_at(c, i);
		t = count_elements(c, g);
		out(pg, "<tr><th scope=\"row\">");
		esc(pg, u->group);
		out(pg, "</th><td class=\"num\">");
		num(pg, u->diff.diff, DEC_MEAN, 1);
		fprintf(pg->fp, "</td><td class=\"verdict v-%s\">%s ",
			verdict_class(u->verdict), verdict_glyph(u->verdict));
		msg(pg, verdict_msg(u->verdict));
		out(pg, "</td>");
		for (k = 0; k < 4; k++)
			fprintf(pg->fp, "<td class=\"num\">%zu</td>",
				t.by_verdict[order[k]]);
		out(pg, "</tr>\n");
	}
	out(pg, "</tbody>\n</table>\n");
}

static void summary(const page *pg)
{
	const semm_compare *c = pg->c;
	size_t i;
	span g;

	out(pg, "<section class=\"summary\">\n<h2>");
	msg(pg, M_SUMMARY);
	out(pg, "</h2>\n<p>");
	msg(pg, M_SUMMARY_INTRO);
	out(pg, "</p>\n");
	if (c->n_units > 0)
		summary_table(pg);
	for (i = 0; i < c->n_units; i += g.n) {
		g = group_at(c, i);
		summary_group(pg, g);
	}
	out(pg, "</section>\n");
}

/* ---- the chart ---------------------------------------------------------- */

/* The chart's geometry, in SVG user units (the page scales it). Names
 * take the left part, right-aligned at NAME_X; the plot runs from PLOT_X0
 * to PLOT_X1. A row is as tall as its name's lines need. */
#define SVG_W 880.0
#define NAME_X 326.0
#define PLOT_X0 340.0
#define PLOT_X1 860.0
#define PAD_TOP 6.0
#define LINE_H 14.0
#define ROW_PAD 12.0
#define ROW_MIN 26.0
#define TICK_LEN 5.0
#define AXIS_H 52.0
#define MARK 6.0     /* half the width of a marker */
#define CAP 5.0	     /* half the height of a whisker's end */
#define NOTE_W 110.0 /* room for "no interval" beside a marker */
/* A name is broken into lines of at most NAME_CHARS characters, at most
 * NAME_LINES of them (the table has it in full). */
#define NAME_CHARS 46
#define NAME_LINES 3
/* The axis has at most this many intervals before rounding outwards. */
#define MAX_TICK_INTERVALS 6

typedef struct axis {
	double lo, hi, step;
	int decimals;
	double limit; /* the largest possible change, or INFINITY */
} axis;

/*
 * Fits the axis to [lo, hi] (which hold 0): clipped to the largest
 * change the scale allows, then the step is the smallest of 1, 2, 2.5 or
 * 5 times a power of ten that cuts the range into at most
 * MAX_TICK_INTERVALS, and the ends move out to multiples of the step.
 */
static void axis_fit(axis *ax, double lo, double hi, double limit)
{
	static const double nice[] = { 1.0, 2.0, 2.5, 5.0, 10.0 };
	double raw, mag;
	int k, e;

	ax->limit = limit;
	if (lo < -limit)
		lo = -limit;
	if (hi > limit)
		hi = limit;
	if (!(hi > lo)) {
		double half = isfinite(limit) ? limit / 4.0 : 1.0;

		lo = -half;
		hi = half;
	}
	raw = (hi - lo) / MAX_TICK_INTERVALS;
	e = (int)floor(log10(raw));
	mag = pow(10.0, e);
	for (k = 0; k < 4 && nice[k] * mag < raw * (1.0 - 1e-9); k++)
		;
	ax->step = nice[k] * mag;
	if (k == 4)
		e++;
	ax->decimals = e < 0 ? -e : 0;
	if (k == 2)
		ax->decimals++; /* 2.5, 0.25, ... */
	if (ax->decimals > 6)
		ax->decimals = 6;
	ax->lo = floor(lo / ax->step + 1e-9) * ax->step;
	ax->hi = ceil(hi / ax->step - 1e-9) * ax->step;
}

static double xpos(const axis *ax, double v)
{
	return PLOT_X0 + (v - ax->lo) / (ax->hi - ax->lo) * (PLOT_X1 - PLOT_X0);
}

/* The axis of group g: every element's change and interval, and 0. */
static void group_axis(const semm_compare *c, span g, axis *ax)
{
	const side_info *b = &c->side[BEFORE], *a = &c->side[AFTER];
	double lo = 0.0, hi = 0.0, limit = INFINITY;
	double v[3];
	size_t i, k;

	for (i = g.first; i < g.first + g.n; i++) {
		const semm_compare_unit *u = &c->units[i];

		if (!is_type(u, "element"))
			continue;
		v[0] = u->diff.diff;
		v[1] = u->diff.ci_lo;
		v[2] = u->diff.ci_hi;
		for (k = 0; k < 3; k++) {
			if (!isfinite(v[k]))
				continue;
			lo = v[k] < lo ? v[k] : lo;
			hi = v[k] > hi ? v[k] : hi;
		}
	}
	/* the largest change the scale allows, when both reports have
	 * the same scale */
	if (isfinite(b->smax - b->smin) && b->smax > b->smin &&
	    b->smin == a->smin && b->smax == a->smax)
		limit = b->smax - b->smin;
	axis_fit(ax, lo, hi, limit);
}

/* Where a name breaks into lines: ends[k] is the byte offset where line
 * k ends, starts[k] where it starts; returns the count of lines, and sets
 * *cut when the name did not fit. */
static size_t wrap_name(const char *s, size_t starts[NAME_LINES],
			size_t ends[NAME_LINES], int *cut)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s), pos = 0, lines = 0;

	*cut = 0;
	while (pos < n && lines < NAME_LINES) {
		size_t p = pos, chars = 0, brk = 0, len;

		while (p < n && u[p] == ' ')
			p++;
		starts[lines] = p;
		while (p < n && chars < NAME_CHARS) {
			len = semm__utf8_len(u + p, n - p);
			p += len ? len : 1;
			chars++;
			if (p < n && (u[p] == ' ' || u[p - 1] == '-'))
				brk = p;
		}
		if (p < n && brk > starts[lines])
			p = brk;
		ends[lines++] = p;
		pos = p;
	}
	while (pos < n && u[pos] == ' ')
		pos++;
	*cut = pos < n;
	return lines;
}

static double row_height(size_t lines)
{
	double h = (double)lines * LINE_H + ROW_PAD;

	return h < ROW_MIN ? ROW_MIN : h;
}

/* The name of a row, right-aligned, its lines centred on y. */
static void row_name(const page *pg, const char *name, double y)
{
	size_t starts[NAME_LINES], ends[NAME_LINES], lines, k;
	int cut;

	lines = wrap_name(name, starts, ends, &cut);
	out(pg, "<text class=\"name\" text-anchor=\"end\">");
	for (k = 0; k < lines; k++) {
		out(pg, "<tspan x=\"");
		coord(pg, NAME_X);
		out(pg, "\" y=\"");
		coord(pg,
		      y + 4.0 +
			      ((double)k - (double)(lines - 1) / 2.0) * LINE_H);
		out(pg, "\">");
		esc_n(pg, name + starts[k], ends[k] - starts[k]);
		if (cut && k == lines - 1)
			out(pg, "…");
		out(pg, "</tspan>");
	}
	out(pg, "</text>\n");
}

/* A marker centred at (x, y). */
static void marker(const page *pg, semm_verdict v, double x, double y)
{
	static const char *const shapes[SEMM_VERDICT_COUNT] = {
		"M0,-6L6,5H-6Z",		      /* improvement: ▲ */
		"M0,6L6,-5H-6Z",		      /* decline: ▼ */
		"M5,0A5,5 0 1 1 -5,0A5,5 0 1 1 5,0Z", /* within noise: ○ */
		"M-4,-4L4,4M-4,4L4,-4"		      /* insufficient: × */
	};

	fprintf(pg->fp, "<path class=\"mk %s\" transform=\"translate(",
		verdict_class(v));
	coord(pg, x);
	out(pg, " ");
	coord(pg, y);
	fprintf(pg->fp, ")\" d=\"%s\"/>\n", shapes[v]);
}

/* An arrowhead at x pointing left (dir -1) or right (dir 1). */
static void arrow(const page *pg, const char *cls, double x, double y, int dir)
{
	fprintf(pg->fp, "<path class=\"arrow %s\" d=\"M", cls);
	coord(pg, x);
	out(pg, ",");
	coord(pg, y);
	out(pg, "l");
	coord(pg, -dir * 8.0);
	out(pg, ",-5v10z\"/>\n");
}

/* The whisker of a unit's interval; returns 1 when it was clipped. */
static int whisker(const page *pg, const axis *ax, const semm_compare_unit *u,
		   double y)
{
	const char *cls = verdict_class(u->verdict);
	int clip_lo = u->diff.ci_lo<ax->lo, clip_hi = u->diff.ci_hi> ax->hi;
	double x0 = xpos(ax, clip_lo ? ax->lo : u->diff.ci_lo);
	double x1 = xpos(ax, clip_hi ? ax->hi : u->diff.ci_hi);

	fprintf(pg->fp, "<path class=\"ci %s\" d=\"M", cls);
	coord(pg, x0);
	out(pg, ",");
	coord(pg, y);
	out(pg, "H");
	coord(pg, x1);
	if (!clip_lo) {
		out(pg, "M");
		coord(pg, x0);
		out(pg, ",");
		coord(pg, y - CAP);
		out(pg, "v");
		coord(pg, 2 * CAP);
	}
	if (!clip_hi) {
		out(pg, "M");
		coord(pg, x1);
		out(pg, ",");
		coord(pg, y - CAP);
		out(pg, "v");
		coord(pg, 2 * CAP);
	}
	out(pg, "\"/>\n");
	if (clip_lo)
		arrow(pg, cls, x0, y, -1);
	if (clip_hi)
		arrow(pg, cls, x1, y, 1);
	return clip_lo || clip_hi;
}

/* The accessible text of a row: name, change, interval, verdict. */
static void row_title(const page *pg, const semm_compare_unit *u)
{
	out(pg, "<title>");
	esc(pg, unit_name(pg, u));
	out(pg, ": ");
	num(pg, u->diff.diff, DEC_MEAN, 1);
	if (!isnan(u->diff.ci_lo)) {
		out(pg, " [");
		num(pg, u->diff.ci_lo, DEC_MEAN, 1);
		out(pg, "; ");
		num(pg, u->diff.ci_hi, DEC_MEAN, 1);
		out(pg, "]");
	}
	out(pg, ", ");
	msg(pg, verdict_msg(u->verdict));
	out(pg, "</title>\n");
}

/* One element's row from y to y + h; returns 1 when its interval was
 * clipped. */
static int chart_row(const page *pg, const axis *ax, const semm_compare_unit *u,
		     double y, double h, size_t index)
{
	double mid = y + h / 2.0, x;
	const char *anchor;
	int clipped = 0;

	out(pg, "<g class=\"row\">\n");
	row_title(pg, u);
	if (index % 2 == 1) {
		out(pg, "<rect class=\"band\" x=\"0\" y=\"");
		coord(pg, y);
		out(pg, "\" width=\"");
		coord(pg, SVG_W);
		out(pg, "\" height=\"");
		coord(pg, h);
		out(pg, "\"/>\n");
	}
	row_name(pg, unit_name(pg, u), mid);
	if (isfinite(u->diff.ci_lo) && isfinite(u->diff.ci_hi))
		clipped = whisker(pg, ax, u, mid);
	if (isfinite(u->diff.diff)) {
		x = u->diff.diff;
		x = x < ax->lo ? ax->lo : x > ax->hi ? ax->hi : x;
		marker(pg, u->verdict, xpos(ax, x), mid);
	}
	if (u->verdict == SEMM_VERDICT_INSUFFICIENT) {
		/* said in words beside the marker (on its left near the
		 * right edge), or in its place */
		x = isfinite(u->diff.diff) ? xpos(ax, u->diff.diff) : PLOT_X0;
		anchor = x > PLOT_X1 - NOTE_W ? "end" : "start";
		x += x > PLOT_X1 - NOTE_W ? -2 * MARK : 2 * MARK;
		fprintf(pg->fp,
			"<text class=\"nodata\" text-anchor=\"%s\" x=\"",
			anchor);
		coord(pg, x);
		out(pg, "\" y=\"");
		coord(pg, mid + 4.0);
		out(pg, "\">");
		msg(pg, isfinite(u->diff.diff) ? M_NO_INTERVAL : M_NO_DATA);
		out(pg, "</text>\n");
	}
	out(pg, "</g>\n");
	return clipped;
}

/* Vertical grid lines, the zero line, the axis with its ticks and
 * title, below rows ending at `bottom`. */
static void chart_axis(const page *pg, const axis *ax, double bottom)
{
	const side_info *b = &pg->c->side[BEFORE];
	long k, n = lround((ax->hi - ax->lo) / ax->step);
	double x, v;

	for (k = 0; k <= n; k++) {
		v = ax->lo + (double)k * ax->step;
		x = xpos(ax, v);
		out(pg, "<line class=\"grid\" x1=\"");
		coord(pg, x);
		out(pg, "\" x2=\"");
		coord(pg, x);
		out(pg, "\" y1=\"");
		coord(pg, PAD_TOP);
		out(pg, "\" y2=\"");
		coord(pg, bottom + TICK_LEN);
		out(pg,
		    "\"/>\n<text class=\"tick\" text-anchor=\"middle\" x=\"");
		coord(pg, x);
		out(pg, "\" y=\"");
		coord(pg, bottom + TICK_LEN + 13.0);
		out(pg, "\">");
		num(pg, fabs(v) < ax->step * 1e-9 ? 0.0 : v, ax->decimals, 1);
		out(pg, "</text>\n");
	}
	out(pg, "<line class=\"axisline\" x1=\"");
	coord(pg, PLOT_X0);
	out(pg, "\" x2=\"");
	coord(pg, PLOT_X1);
	out(pg, "\" y1=\"");
	coord(pg, bottom);
	out(pg, "\" y2=\"");
	coord(pg, bottom);
	out(pg, "\"/>\n<text class=\"axis\" text-anchor=\"middle\" x=\"");
	coord(pg, (PLOT_X0 + PLOT_X1) / 2.0);
	out(pg, "\" y=\"");
	coord(pg, bottom + AXIS_H - 12.0);
	out(pg, "\">");
	if (isfinite(ax->limit)) {
		arg args[2] = { A_NUM(b->smin, 0), A_NUM(b->smax, 0) };

		put(pg, M_AXIS_SCALE, args, 2);
	} else {
		msg(pg, M_AXIS);
	}
	out(pg, "</text>\n");
}

/* The zero line over the rows (drawn after the grid, before rows). */
static void zero_line(const page *pg, const axis *ax, double bottom)
{
	out(pg, "<line class=\"zero\" x1=\"");
	coord(pg, xpos(ax, 0.0));
	out(pg, "\" x2=\"");
	coord(pg, xpos(ax, 0.0));
	out(pg, "\" y1=\"");
	coord(pg, PAD_TOP);
	out(pg, "\" y2=\"");
	coord(pg, bottom);
	out(pg, "\"/>\n");
}

/* A small marker for the legend. */
static void legend_mark(const page *pg, semm_verdict v)
{
	out(pg, "<svg class=\"dots\" width=\"14\" height=\"14\" "
		"viewBox=\"-7 -7 14 14\" aria-hidden=\"true\" "
		"style=\"display:inline;width:14px\">");
	marker(pg, v, 0.0, 0.0);
	out(pg, "</svg>");
}

static void legend(const page *pg, int clipped)
{
	static const int texts[SEMM_VERDICT_COUNT] = { M_LEG_IMPROVEMENT,
						       M_LEG_DECLINE,
						       M_LEG_NOISE,
						       M_LEG_INSUFFICIENT };
	int v;

	out(pg, "<figcaption class=\"dots\"><ul class=\"legend\">\n");
	for (v = 0; v < SEMM_VERDICT_COUNT; v++) {
		out(pg, "<li>");
		legend_mark(pg, (semm_verdict)v);
		msg(pg, texts[v]);
		out(pg, "</li>\n");
	}
	out(pg, "<li>");
	msg(pg, M_LEG_WHISKER);
	out(pg, "</li>\n");
	if (clipped) {
		out(pg, "<li>");
		msg(pg, M_LEG_CLIPPED);
		out(pg, "</li>\n");
	}
	out(pg, "</ul></figcaption>\n");
}

/* The rows' heights: the total, for the viewBox. */
static double rows_height(const semm_compare *c, span g)
{
	size_t starts[NAME_LINES], ends[NAME_LINES], i;
	double h = 0.0;
	int cut;

	for (i = g.first; i < g.first + g.n; i++) {
		const semm_compare_unit *u = &c->units[i];

		if (is_type(u, "element"))
			h += row_height(wrap_name(u->name ? u->name : u->id,
						  starts, ends, &cut));
	}
	return h;
}

static void chart(const page *pg, span g)
{
	const semm_compare *c = pg->c;
	size_t starts[NAME_LINES], ends[NAME_LINES], i, row = 0;
	double y = PAD_TOP, h, bottom;
	int clipped = 0, cut;
	arg name = A_TEXT(c->units[g.first].group);
	axis ax;

	if (count_elements(c, g).n == 0) {
		out(pg, "<p>");
		msg(pg, M_NO_ELEMENTS);
		out(pg, "</p>\n");
		return;
	}
	group_axis(c, g, &ax);
	bottom = PAD_TOP + rows_height(c, g);
	out(pg, "<figure class=\"dots\">\n<svg class=\"dots\" "
		"role=\"img\" viewBox=\"0 0 ");
	coord(pg, SVG_W);
	out(pg, " ");
	coord(pg, bottom + AXIS_H);
	out(pg, "\">\n<title>");
	msg(pg, M_CHART_TITLE);
	out(pg, " (");
	put(pg, M_GROUP_HEADING, &name, 1);
	out(pg, ")</title>\n");
	chart_axis(pg, &ax, bottom);
	for (i = g.first; i < g.first + g.n; i++) {
		const semm_compare_unit *u = &c->units[i];

		if (!is_type(u, "element"))
			continue;
		h = row_height(wrap_name(unit_name(pg, u), starts, ends, &cut));
		clipped |= chart_row(pg, &ax, u, y, h, row++);
		y += h;
	}
	zero_line(pg, &ax, bottom);
	out(pg, "</svg>\n");
	legend(pg, clipped);
	out(pg, "</figure>\n");
}

/* ---- the table of every figure ------------------------------------------ */

static void side_cells(const page *pg, const semm_compare_side *s)
{
	fprintf(pg->fp, "<td class=\"num\">%zu</td><td class=\"num\">", s->n);
	num(pg, s->mean, DEC_MEAN, 0);
	out(pg, "</td><td class=\"lvl\">");
	level_text(pg, s);
	out(pg, "</td>");
}

static void verdict_cell(const page *pg, const semm_compare_unit *u)
{
	fprintf(pg->fp, "<td class=\"verdict v-%s\">%s ",
		verdict_class(u->verdict), verdict_glyph(u->verdict));
	msg(pg, verdict_msg(u->verdict));
	if (u->verdict == SEMM_VERDICT_INSUFFICIENT) {
		out(pg, " <small>(");
		msg(pg, reason_msg(u));
		out(pg, ")</small>");
	}
	out(pg, "</td>");
}

static void level_change_cell(const page *pg, semm_level_change lc)
{
	out(pg, "<td>");
	switch (lc) {
	case SEMM_LEVEL_UP: msg(pg, M_LC_UP); break;
	case SEMM_LEVEL_DOWN: msg(pg, M_LC_DOWN); break;
	case SEMM_LEVEL_SAME: msg(pg, M_LC_SAME); break;
	case SEMM_LEVEL_UNKNOWN: out(pg, NONE); break;
	}
	out(pg, "</td>");
}

static void table_row(const page *pg, const semm_compare_unit *u)
{
	fprintf(pg->fp, "<tr class=\"%s\"><th scope=\"row\">", u->type);
	put_name(pg, u);
	if (!is_type(u, "overall") && u->name) {
		out(pg, " <span class=\"muted\">");
		esc(pg, u->id);
		out(pg, "</span>");
	}
	out(pg, "</th>");
	side_cells(pg, &u->before);
	side_cells(pg, &u->after);
	out(pg, "<td class=\"num\">");
	num(pg, u->diff.diff, DEC_MEAN, 1);
	out(pg, "</td><td class=\"num\">");
	if (isnan(u->diff.ci_lo)) {
		out(pg, NONE);
	} else {
		num(pg, u->diff.ci_lo, DEC_MEAN, 1);
		out(pg, " … ");
		num(pg, u->diff.ci_hi, DEC_MEAN, 1);
	}
	out(pg, "</td><td class=\"num\">");
	num(pg, u->percent_points, DEC_PCT, 1);
	out(pg, "</td>");
	verdict_cell(pg, u);
	level_change_cell(pg, u->level_change);
	out(pg, "</tr>\n");
}

/* The columns' widths in percent of the table: name; n, mean, level
 * before and after; change, interval, percent points, verdict, level
 * change. */
static const char *const col_width[] = { "22", "4",   "5.5", "9.5",
					 "4",  "5.5", "9.5", "6.5",
					 "10", "6",   "10",  "7" };

static void table_head(const page *pg)
{
	static const int singles[] = { M_CHANGE, M_INTERVAL, M_PP, M_VERDICT,
				       M_LEVEL_CHANGE };
	size_t k;
	int side;

	out(pg, "<colgroup>");
	for (k = 0; k < sizeof(col_width) / sizeof(col_width[0]); k++)
		fprintf(pg->fp, "<col style=\"width:%s%%\">", col_width[k]);
	out(pg, "</colgroup>\n<thead><tr><th scope=\"col\" rowspan=\"2\">");
	msg(pg, M_SCOPE);
	out(pg, "</th>");
	for (side = BEFORE; side <= AFTER; side++) {
		out(pg, "<th scope=\"colgroup\" colspan=\"3\">");
		msg(pg, side == BEFORE ? M_BEFORE : M_AFTER);
		out(pg, "</th>");
	}
	for (k = 0; k < sizeof(singles) / sizeof(singles[0]); k++) {
		out(pg, k < 3 ? "<th scope=\"col\" rowspan=\"2\" class=\"num\">"
			      : "<th scope=\"col\" rowspan=\"2\">");
		msg(pg, singles[k]);
		out(pg, "</th>");
	}
	out(pg, "</tr>\n<tr>");
	for (side = BEFORE; side <= AFTER; side++) {
		out(pg, "<th scope=\"col\" class=\"num\">");
		msg(pg, M_N);
		out(pg, "</th><th scope=\"col\" class=\"num\">");
		msg(pg, M_MEAN);
		out(pg, "</th><th scope=\"col\">");
		msg(pg, M_LEVEL);
		out(pg, "</th>");
	}
	out(pg, "</tr></thead>\n");
}

/* A row naming the kind of the rows that follow. */
static void sub_row(const page *pg, int title)
{
	out(pg, "<tr class=\"sub\"><th colspan=\"12\" scope=\"rowgroup\">");
	msg(pg, title);
	out(pg, "</th></tr>\n");
}

static void figures(const page *pg, span g)
{
	const semm_compare *c = pg->c;
	const char *last = "overall";
	size_t i;

	out(pg, "<h3>");
	msg(pg, M_FIGURES);
	out(pg, "</h3>\n<div class=\"wide\">\n<table class=\"cmp\">\n");
	table_head(pg);
	out(pg, "<tbody>\n");
	for (i = g.first; i < g.first + g.n; i++) {
		const semm_compare_unit *u = &c->units[i];

		if (strcmp(u->type, last) != 0) {
			last = u->type;
			sub_row(pg, is_type(u, "dimension") ? M_DIMENSIONS
							    : M_ELEMENTS);
		}
		table_row(pg, u);
	}
	out(pg, "</tbody>\n</table>\n</div>\n");
}

/* ---- the page ----------------------------------------------------------- */

static void group_section(const page *pg, span g)
{
	const semm_compare_unit *overall = &pg->c->units[g.first];
	arg name = A_TEXT(overall->group);

	out(pg, "<section class=\"group\">\n<h2>");
	put(pg, M_GROUP_HEADING, &name, 1);
	out(pg, "</h2>\n");
	overall_line(pg, overall);
	level_line(pg, overall);
	chart(pg, g);
	figures(pg, g);
	out(pg, "</section>\n");
}

static void methods(const page *pg)
{
	static const int items[] = { M_X_CHANGE, M_X_INTERVAL, M_X_VERDICT,
				     M_X_AXIS,	 M_X_NAMES,    M_X_FILES };
	size_t k;

	out(pg, "<section class=\"methods\">\n<h2>");
	msg(pg, M_METHODS);
	out(pg, "</h2>\n<ul>\n");
	for (k = 0; k < sizeof(items) / sizeof(items[0]); k++) {
		out(pg, "<li>");
		msg(pg, items[k]);
		out(pg, "</li>\n");
	}
	out(pg, "</ul>\n</section>\n");
}

int semm_compare_write_html(const semm_compare *c, FILE *fp)
{
	page pg;
	const side_info *a;
	arg version = A_TEXT(SEMM_VERSION_STRING);
	size_t i;
	span g;

	if (!c || !fp)
		return SEMM_EARG;
	pg.fp = fp;
	pg.c = c;
	pg.lang = semm__compare_lang(c);
	a = &c->side[AFTER];
	head(&pg);
	out(&pg, "<header>\n<h1>");
	msg(&pg, M_TITLE);
	out(&pg, "</h1>\n<p class=\"lead\">");
	msg(&pg, M_MODEL);
	out(&pg, ": <strong>");
	esc(&pg, a->model_title ? a->model_title : a->model_id);
	out(&pg, "</strong> (");
	esc(&pg, a->model_id);
	out(&pg, " ");
	esc(&pg, a->model_version);
	out(&pg, ")</p>\n<h2>");
	msg(&pg, M_COMPARED);
	out(&pg, "</h2>\n");
	compared(&pg);
	unmatched(&pg, BEFORE, M_ONLY_BEFORE);
	unmatched(&pg, AFTER, M_ONLY_AFTER);
	out(&pg, "</header>\n");
	warnings(&pg);
	summary(&pg);
	for (i = 0; i < c->n_units; i += g.n) {
		g = group_at(c, i);
		group_section(&pg, g);
	}
	methods(&pg);
	out(&pg, "<footer>");
	put(&pg, M_FOOTER, &version, 1);
	out(&pg, "</footer>\n</body>\n</html>\n");
	return ferror(fp) ? SEMM_EIO : SEMM_OK;
}
