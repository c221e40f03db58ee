#!/usr/bin/env bash
# compare_render.sh SEMM - renders compare.html in a real browser. The
# shipped ISO 23592 example is scored as it is ("before") and changed by
# a fixed rule ("after": every seventh respondent left out, statements
# Q23-Q34 one step higher for every other respondent), both comparisons
# (English and German) are written, and headless Chromium prints each to
# PDF. Each PDF must be a real PDF of a sensible length (the front pages,
# at least a page per group, at most three) and its text must name every
# organization of the example (taken from the CSV here, not from semm),
# under the page's own headings in that language, with page numbers
# "Page N of M". Without Chromium the test prints "SKIP: chromium not
# installed" and passes (after checking the pages were written).
set -euo pipefail

if [ $# -ne 1 ]; then
	echo "usage: $0 SEMM" >&2
	exit 2
fi
semm=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
q=questionnaires/iso23592-self-assessment.json
csv=questionnaires/examples/iso23592-example.csv

awk -F, -v OFS=, 'NR == 1 { for (i = 1; i <= NF; i++) col[i] = $i; print; next }
	NR % 7 == 0 { next }
	NR % 2 == 0 {
		for (i = 1; i <= NF; i++) {
			n = substr(col[i], 2) + 0
			if (col[i] ~ /^Q[0-9]+$/ && n >= 23 && n <= 34 &&
			    $i ~ /^[1-4]$/)
				$i = $i + 1
		}
	}
	{ print }' "$csv" >"$work/after.csv"
"$semm" score -q "$q" --quiet -o "$work/before" "$csv"
"$semm" score -q "$q" --quiet -o "$work/after" "$work/after.csv"
"$semm" compare -o "$work/en" "$work/before/report.json" \
	"$work/after/report.json" 2>/dev/null
"$semm" compare --lang de -o "$work/de" "$work/before/report.json" \
	"$work/after/report.json" 2>/dev/null
for l in en de; do
	grep -q "<html lang=\"$l\">" "$work/$l/compare.html" ||
		{ echo "FAIL: $l/compare.html is not in $l" >&2; exit 1; }
done

# the organizations of the example, in their order of first appearance
mapfile -t groups < <(awk -F, 'NR > 1 && !seen[$2]++ { print $2 }' "$csv")
[ ${#groups[@]} -ge 2 ] || { echo "FAIL: no organizations in $csv" >&2; exit 1; }

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	echo "SKIP: chromium not installed"
	exit 0
fi

status=0
fail() {
	echo "FAIL: $*" >&2
	status=1
}

# The page count of a PDF: pdfinfo's, else the page objects counted.
pages_of() {
	if command -v pdfinfo >/dev/null; then
		pdfinfo "$1" | awk '/^Pages:/ { print $2 }'
	else
		grep -a -c '/Type /Page$\|/Type /Page[^s]' "$1" || true
	fi
}

g=${#groups[@]}
for l in en de; do
	pdf="$work/$l.pdf"
	HOME="$work" timeout 120 "$browser" --headless --no-sandbox \
		--disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$(mktemp -d -p "$work")" \
		--no-pdf-header-footer --print-to-pdf="$pdf" \
		"file://$work/$l/compare.html" >>"$work/chromium.log" 2>&1 || true
	if [ ! -s "$pdf" ] || ! head -c 5 "$pdf" | grep -q '%PDF-'; then
		tail -5 "$work/chromium.log" >&2
		fail "chromium wrote no PDF of $l/compare.html"
		continue
	fi
	pages=$(pages_of "$pdf")
	echo "$l.pdf: $(wc -c <"$pdf") bytes, $pages pages, $g groups"
	# a front page, the summary, every group on a page of its own and the
	# methods; a group's chart and table take at most three pages
	if [ "$pages" -lt $((g + 2)) ] || [ "$pages" -gt $((3 * g + 3)) ]; then
		fail "$l.pdf has $pages pages, expected $((g + 2)) to $((3 * g + 3))"
	fi
	if ! command -v pdftotext >/dev/null; then
		echo "note: pdftotext not installed, the PDF's text is not checked"
		continue
	fi
	# (a page starts with a form feed: dropped, lines stay whole)
	pdftotext "$pdf" - | tr -d '\f' >"$work/$l.txt"
	if [ $l = en ]; then
		heading=Group summary=Summary page=Page of=of
	else
		heading=Gruppe summary=Zusammenfassung page=Seite of=von
	fi
	grep -q "^$summary\$" "$work/$l.txt" || fail "$l.pdf: no heading $summary"
	for name in "${groups[@]}"; do
		n=$(grep -c -x -F "$heading $name" "$work/$l.txt" || true)
		# in the summary and as the heading of its section
		[ "$n" -ge 2 ] || fail "$l.pdf: \"$heading $name\" appears $n times"
	done
	# page numbers from the CSS page margin boxes (Chromium 131 and later)
	grep -q -x "$page 1 $of $pages" "$work/$l.txt" ||
		fail "$l.pdf: no page number \"$page 1 $of $pages\""
	grep -q -x "$page $pages $of $pages" "$work/$l.txt" ||
		fail "$l.pdf: no page number \"$page $pages $of $pages\""
done
if [ -n "${SEMM_HTML_KEEP:-}" ]; then
	mkdir -p "$SEMM_HTML_KEEP"
	cp "$work"/*.pdf "$SEMM_HTML_KEEP"/
	cp "$work/en/compare.html" "$SEMM_HTML_KEEP/compare-en.html"
	cp "$work/de/compare.html" "$SEMM_HTML_KEEP/compare-de.html"
fi
[ $status = 0 ] && echo "compare_render: ok"
exit $status
