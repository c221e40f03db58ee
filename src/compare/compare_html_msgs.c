/*
 * compare_html_msgs.c - the text of compare.html in English and German:
 * every heading, label and sentence of the page's own (the names it shows
 * come from the reports).
 */
#include "compare/compare_html.h"

const semm__msg semm__ch_msgs[N_MSGS] = {
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
	[M_NO_MATCH] = { { "No group is in both reports: there is nothing "
			   "to compare.",
			   "Keine Gruppe ist in beiden Berichten: Es gibt "
			   "nichts zu vergleichen." } },
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
	[M_MEAN] = { { "Mean", "Mittel­wert" } },
	[M_LEVEL] = { { "Level", "Reifegrad" } },
	[M_CHANGE] = { { "Change", "Ver­ände­rung" } },
	[M_INTERVAL] = { { "95 % interval", "95-%-Intervall" } },
	[M_PP] = { { "% points", "%-Punkte" } },
	[M_VERDICT] = { { "Verdict", "Befund" } },
	[M_LEVEL_CHANGE] = { { "Level change", "Reife­grad­wechsel" } },
	[M_V_IMPROVEMENT] = { { "improvement", "Verbes­serung" } },
	[M_V_DECLINE] = { { "decline", "Verschlech­terung" } },
	[M_V_NOISE] = { { "within noise", "im Zufalls­bereich" } },
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
	return semm__ch_msgs;
}
