/*
 * html_style.c - the stylesheet every HTML page of semm shares (the
 * report, the comparison and the history pages): screen and print, and
 * the heat map's colour steps.
 */
#include <stdio.h>

#include "report/report_html.h"

/* Heat map: viridis in ten steps of 10 percentage points (colour-blind
 * safe, sequential, readable in grey); the first steps are dark and take
 * white text. */
static const char *const heat_palette[HEAT_STEPS] = {
	"#440154", "#482878", "#3E4A89", "#31688E", "#26828E",
	"#1F9E89", "#35B779", "#6DCD59", "#B4DE2C", "#FDE725"
};

static const char stylesheet[] =
	":root{color-scheme:light}\n"
	"body{font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,"
	"\"Helvetica Neue\",Arial,sans-serif;color:#1a1a1a;background:#fff;"
	"max-width:72rem;margin:0 auto;padding:1.5rem}\n"
	"h1{font-size:1.6rem;margin:0 0 .5rem}\n"
	"h2{font-size:1.35rem;margin:2.5rem 0 .5rem;padding-top:.5rem;"
	"border-top:3px solid #0072B2}\n"
	"h3{font-size:1.05rem;margin:1.5rem 0 .4rem}\n"
	"a{color:#005a8c}\n"
	"table{border-collapse:collapse;margin:.4rem 0 1rem;"
	"font-variant-numeric:tabular-nums}\n"
	"th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;"
	"vertical-align:top}\n"
	"th{background:#f0f0f0;font-weight:600}\n"
	"td.num,th.num{text-align:right}\n"
	"td.num,td.lvl,.nowrap{white-space:nowrap}\n"
	"th .sub{display:block;font-weight:400;font-size:.8rem;"
	"max-width:12rem}\n"
	"table.facts th{width:14rem}\n"
	"caption{text-align:left;font-weight:600;padding:.2rem 0}\n"
	".flag{font-weight:700;color:#8a1c00}\n"
	".muted,.rank{color:#555}\n"
	"figure.chart{margin:0 0 1rem;display:flex;flex-wrap:wrap;"
	"gap:.5rem 2rem;align-items:center}\n"
	"svg.radar{flex:0 1 420px;height:auto;max-width:420px;"
	"overflow:visible}\n"
	"svg.radar text{font:12px system-ui,Arial,sans-serif;fill:#222}\n"
	"svg.radar text.ringlabel{font-size:10px;fill:#555;stroke:#fff;"
	"stroke-width:3px;paint-order:stroke}\n"
	"svg.radar text.axislabel{font-weight:700}\n"
	"figcaption{flex:1 1 16rem;max-width:34rem;font-size:.9rem}\n"
	"ul.legend{list-style:none;padding:0;margin:.4rem 0}\n"
	"ul.legend li{margin:.2rem 0}\n"
	".staged{font-size:1.05rem;background:#f5f8fb;"
	"border-left:4px solid #0072B2;padding:.5rem .8rem}\n"
	".heat td.cell{text-align:right;font-weight:600;min-width:3.5rem}\n"
	".scale span{display:inline-block;padding:.1rem .4rem;"
	"font-size:.8rem}\n"
	".h-none{background:#e6e6e6;color:#000}\n"
	".wide{overflow-x:auto}\n"
	"dl.methods dt{font-weight:600;margin-top:.6rem}\n"
	"dl.methods dd{margin-left:1.5rem}\n"
	"footer{margin-top:3rem;font-size:.85rem;color:#555}\n"
	"@media print{\n"
	"@page{margin:14mm}\n"
	"body{max-width:none;padding:0;font-size:10pt;color:#000}\n"
	"h1,h2,h3,p,li,td,th,dt,dd,figcaption,.muted,.rank,.flag,footer"
	"{color:#000}\n"
	"a{color:#000;text-decoration:none}\n"
	"h2{border-top-color:#000}\n"
	"section.org{break-before:page}\n"
	"table,figure,svg,.staged,ul.legend{break-inside:avoid}\n"
	/* a table longer than a page (items, rejections) must break, but
	 * between rows, repeating its header */
	"table.heat,table.rejected{break-inside:auto}\n"
	"tr{break-inside:avoid}\n"
	"table{font-size:8.5pt;max-width:100%}\n"
	"td.lvl{white-space:normal}\n"
	"thead{display:table-header-group}\n"
	"h2,h3{break-after:avoid}\n"
	"th{background:none}\n"
	".heat td.cell,.scale span,.h-none{-webkit-print-color-adjust:exact;"
	"print-color-adjust:exact}\n"
	".wide{overflow:visible}\n"
	"nav a::after{content:none}\n"
	"}\n";

/* The heat map classes: one per palette step. */
static void heat_classes(FILE *fp)
{
	size_t k;

	for (k = 0; k < HEAT_STEPS; k++)
		fprintf(fp, ".h%zu{background:%s;color:%s}\n", k,
			heat_palette[k], k < HEAT_DARK_STEPS ? "#fff" : "#000");
}

/* The report's parts: cover, summary, roadmap, detail and answers, and
 * how they print (a part per page, three pages an organization). */
static const char report_sheet[] =
	".cover{padding:.5rem 0 .8rem;border-bottom:3px solid #0072B2;"
	"margin-bottom:1rem;overflow:hidden}\n"
	".cover h1{font-size:2rem;margin:.15rem 0;border:0}\n"
	".kicker{text-transform:uppercase;letter-spacing:.08em;"
	"font-size:.78rem;color:#005a8c;margin:0;font-weight:600}\n"
	".subtitle{font-size:1.1rem;margin:.1rem 0 .5rem;color:#333}\n"
	"img.logo{float:right;max-height:64px;max-width:200px;"
	"margin:0 0 .5rem 1rem}\n"
	"dl.cover-facts{display:grid;grid-template-columns:max-content 1fr;"
	"gap:.1rem 1rem;margin:.4rem 0 0}\n"
	"dl.cover-facts dt{font-weight:600;color:#444}\n"
	"dl.cover-facts dd{margin:0}\n"
	".summary h2,section.org h2{margin-top:1.2rem}\n"
	".keyfigs{display:flex;flex-wrap:wrap;gap:.5rem;margin:.6rem 0}\n"
	".keyfig{border:1px solid #cfd8e3;background:#f5f8fb;"
	"padding:.35rem .7rem;flex:1 1 0;min-width:7rem}\n"
	".keyfig .label{display:block;font-size:.72rem;color:#444;"
	"text-transform:uppercase;letter-spacing:.04em}\n"
	".keyfig .value{display:block;font-size:1.2rem;font-weight:700}\n"
	".lead{font-size:1.02rem}\n"
	".cols{display:flex;flex-wrap:wrap;gap:0 2rem}\n"
	".cols .col{flex:1 1 18rem}\n"
	".cols h3{margin-top:.6rem}\n"
	".cols ol,ol.priorities{padding-left:1.4rem;margin:.2rem 0}\n"
	".fig{color:#444}\n"
	".code{color:#666;font-size:.85em;white-space:nowrap}\n"
	".trust{background:#f7f7f0;border-left:4px solid #8a7a2a;"
	"padding:.4rem .7rem}\n"
	"ol.roadmap{padding-left:1.4rem}\n"
	"ol.roadmap li{margin:.35rem 0}\n"
	"ol.roadmap p{margin:.05rem 0}\n"
	"p.step{font-weight:600}\n"
	"ol.roadmap li.stagehead{list-style:none;margin:.5rem 0 .1rem -1.4rem;"
	"font-weight:700;color:#005a8c;break-after:avoid}\n"
	"p.scope{margin:.2rem 0;color:#333}\n"
	"p.stage{margin:.3rem 0}\n"
	"p.step .fig{font-weight:400}\n"
	"tr.dim th,tr.dim td{background:#eef3f8}\n"
	"td.indent{padding-left:1.2rem}\n"
	".answer-key{font-size:.85rem}\n"
	".answer-key span{margin-right:.8rem;white-space:nowrap}\n"
	".answer-key i{display:inline-block;width:.85rem;height:.85rem;"
	"vertical-align:-2px;margin-right:.25rem;border:1px solid #888}\n"
	"table.answers td{padding:.08rem .4rem}\n"
	"td.barcell{vertical-align:middle;padding:.05rem .3rem}\n"
	"svg.bar,svg.strip{display:block}\n"
	".note{font-size:.85rem;color:#444}\n"
	"section.org{margin-top:2.5rem}\n"
	"h2.part{font-size:1.6rem}\n"
	"th.org-col span{display:inline-block;writing-mode:vertical-rl;"
	"transform:rotate(180deg);max-height:8rem;overflow:hidden;"
	"text-overflow:ellipsis;white-space:nowrap;font-weight:600}\n"
	"table.heat th.org-col{vertical-align:bottom;text-align:center}\n"
	"figure.chart svg.radar{flex:0 1 600px;max-width:600px}\n"
	"@media print{\n"
	".sheet,section.appendix{break-before:page}\n"
	"section.org{margin-top:0;font-size:9pt;line-height:1.3}\n"
	".cover{padding-top:0;margin-bottom:.4rem;padding-bottom:.4rem}\n"
	".cover h1{font-size:18pt}\n"
	"dl.cover-facts{display:flex;flex-wrap:wrap;gap:0 .4rem}\n"
	"dl.cover-facts dd{margin-right:1rem}\n"
	".summary h2,section.org h2{margin-top:.5rem;font-size:12.5pt}\n"
	".keyfigs{margin:.3rem 0}\n"
	".keyfig{background:none;padding:.2rem .5rem}\n"
	".keyfig .value{font-size:11pt}\n"
	".lead{font-size:9.5pt}\n"
	"p{margin:.35rem 0}\n"
	".cols h3,section.org h3{margin:.4rem 0 .2rem;font-size:10pt}\n"
	"figure.chart{break-inside:avoid;flex-wrap:nowrap;margin:0}\n"
	"figure.chart svg.radar{flex:0 0 auto;width:128mm;height:auto;"
	"max-height:88mm}\n"
	"figure.chart figcaption{font-size:8pt}\n"
	"ol.roadmap{font-size:8pt;columns:2;column-gap:7mm}\n"
	"ol.roadmap li{break-inside:avoid}\n"
	"table.bench{font-size:7.5pt}\n"
	"table.bench td,table.bench th{padding:0 .3rem}\n"
	"ol.roadmap li{margin:.2rem 0}\n"
	"table.answers{font-size:7pt;break-inside:auto}\n"
	"table.answers td{padding:0 .25rem;line-height:1.15}\n"
	"table.answers td:first-child{max-width:0;width:100%;"
	"white-space:nowrap;overflow:hidden;text-overflow:ellipsis}\n"
	"table.answers tr.dim th{padding:0 .25rem}\n"
	"svg.bar{width:38mm;height:auto}\n"
	"table.elements{font-size:8pt}\n"
	"table.elements td,table.elements th{padding:.1rem .3rem}\n"
	"ul.warnings{font-size:8pt;margin:.2rem 0;padding-left:1.2rem}\n"
	"table.glance,table.heat{break-inside:auto}\n"
	".note{font-size:7.5pt}\n"
	"}\n";

void semm__html_style(FILE *fp)
{
	fputs(stylesheet, fp);
	fputs(report_sheet, fp);
	heat_classes(fp);
}
