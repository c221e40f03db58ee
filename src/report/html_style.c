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
	"section.group{break-before:page}\n"
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
				heat_palette[k],
				k < HEAT_DARK_STEPS ? "#fff" : "#000");
}

void semm__html_style(FILE *fp)
{
	fputs(stylesheet, fp);
	heat_classes(fp);
}
