#!/usr/bin/env bash
# reports_print.sh SEMM GEN_BENCH - the reports a consultant hands over.
#
# 1. The shipped example (6 organizations) and a generated benchmark of 60
#    organizations are scored with --per-group. Every organization's
#    folder groups/<name>/ holds its report.html, report.json, scores.csv
#    and improvements.csv, and no file in it names another organization;
#    groups/index.csv lists them all. A run without --per-group removes
#    the earlier run's groups/; a folder "groups" semm did not write is
#    refused, not overwritten.
# 2. With headless Chromium and poppler's pdftotext: each report.html is
#    printed to PDF; every organization appears in the print; the pages of
#    each organization (its name in the running head) number 1 to 3; the
#    example prints in at most 1 + 3 x 6 + 12 pages; a participant's
#    report prints in at most 3 + 4 pages. Without Chromium this part
#    prints SKIP and passes.
set -euo pipefail

if [ $# -ne 2 ]; then
	echo "usage: $0 SEMM GEN_BENCH" >&2
	exit 2
fi
semm=$1
gen=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
q=$root/questionnaires/iso23592-self-assessment.json

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# ---- 1. the files per organization ------------------------------------

"$semm" score -q "$q" --quiet --per-group --format all \
	--title "Service review 2026" --client "Ministry" --assessor "A. B." \
	-o "$work/ex" "$root/questionnaires/examples/iso23592-example.csv"
"$gen" -q "$q" -n 1800 -g 60 >"$work/b60.csv"
"$semm" score -q "$q" --quiet --per-group --format json,csv,html \
	--benchmark --segment-by sector,size_band --ignore-columns region \
	-o "$work/b60" "$work/b60.csv"

# one input file per organization, named after it, as a benchmarking
# service receives them: no participant's report may list the others'
mkdir -p "$work/split"
python3 - "$root/questionnaires/examples/iso23592-example.csv" "$work/split" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
org = rows[0].index("organization")
files = {}
for r in rows[1:]:
    files.setdefault(r[org], []).append(r)
for name, rs in files.items():
    with open("%s/%s.csv" % (sys.argv[2], name), "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([rows[0]] + rs)
EOF
"$semm" score -q "$q" --quiet --per-group --format all -o "$work/split/out" \
	"$work/split"/*.csv

python3 - "$work/ex" 6 "$work/b60" 60 "$work/split/out" 6 <<'EOF'
import csv, os, sys

def check(out, n):
    idx = os.path.join(out, "groups", "index.csv")
    rows = list(csv.DictReader(open(idx, encoding="utf-8")))
    if len(rows) != n:
        sys.exit("%s: %d organizations in index.csv, not %d" % (out, len(rows), n))
    folders = {r["folder"] for r in rows}
    if len(folders) != n:
        sys.exit("%s: folder names are not unique" % out)
    got = {d for d in os.listdir(os.path.join(out, "groups"))
           if os.path.isdir(os.path.join(out, "groups", d))}
    if got != folders:
        sys.exit("%s: folders %s, index %s" % (out, sorted(got), sorted(folders)))
    for r in rows:
        d = os.path.join(out, "groups", r["folder"])
        files = sorted(os.listdir(d))
        if files != ["improvements.csv", "report.html", "report.json", "scores.csv"]:
            sys.exit("%s: files %s" % (d, files))
        for f in files:
            text = open(os.path.join(d, f), encoding="utf-8").read()
            if f != "improvements.csv" and r["organization"] not in text:
                sys.exit("%s/%s does not name its organization" % (d, f))
            for o in rows:
                if o is not r and o["organization"] in text:
                    sys.exit("%s/%s names another organization: %s"
                             % (d, f, o["organization"]))
    print("%s: %d organizations, each alone in its folder" % (out, n))

check(sys.argv[1], int(sys.argv[2]))
check(sys.argv[3], int(sys.argv[4]))
check(sys.argv[5], int(sys.argv[6]))
EOF

# a run without --per-group leaves no groups/ of an earlier run behind
"$semm" score -q "$q" --quiet -o "$work/ex" \
	"$root/questionnaires/examples/iso23592-example.csv"
[ ! -e "$work/ex/groups" ] || fail "groups/ of the earlier run was left"
# a folder "groups" that semm did not write is refused, and kept
mkdir -p "$work/own/groups" && echo mine >"$work/own/groups/notes.txt"
if "$semm" score -q "$q" --quiet --per-group -o "$work/own" \
	"$root/questionnaires/examples/iso23592-example.csv" 2>"$work/err"; then
	fail "a foreign groups/ folder was not refused"
fi
grep -q 'that semm did not write' "$work/err" || fail "message: $(cat "$work/err")"
[ "$(cat "$work/own/groups/notes.txt")" = mine ] || fail "groups/notes.txt changed"
# without --per-group, a foreign groups/ is left alone
"$semm" score -q "$q" --quiet -o "$work/own" \
	"$root/questionnaires/examples/iso23592-example.csv"
[ "$(cat "$work/own/groups/notes.txt")" = mine ] || fail "groups/notes.txt removed"
echo "groups/: replaced, removed and refused as it should be"

# a scoped assessment draws only the elements in its scope: D1 (E1, E2),
# E5 and E6 are 4 axes on each of the 6 radars
"$semm" score -q "$q" --quiet --scope D1,E5,E6 --format html -o "$work/scoped" \
	"$root/questionnaires/examples/iso23592-example.csv"
axes=$(grep -o 'class="axislabel"' "$work/scoped/report.html" | wc -l)
[ "$axes" -eq 24 ] || fail "a scoped report's radars have $axes axes, not 24"
echo "scoped radars: 4 axes each"

# ---- 2. the print ------------------------------------------------------

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ] || ! command -v pdftotext >/dev/null; then
	echo "SKIP: chromium or pdftotext not installed (the print is not checked)"
	exit 0
fi

# The example again, with the groups.
"$semm" score -q "$q" --quiet --per-group --format html \
	-o "$work/ex" "$root/questionnaires/examples/iso23592-example.csv"

print() {
	HOME="$work" timeout 300 "$browser" --headless --no-sandbox \
		--disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$(mktemp -d -p "$work")" \
		--no-pdf-header-footer --print-to-pdf="$2" "file://$1" \
		>>"$work/chromium.log" 2>&1 || true
	[ -s "$2" ] || { tail -5 "$work/chromium.log" >&2; fail "no PDF of $1"; }
	pdftotext -layout "$2" "$2.txt"
}

# check_print TXT INDEX MAX_PAGES: every organization of the index appears,
# none has more than 3 pages (counted by its running head), the whole has
# at most MAX_PAGES pages.
check_print() {
	python3 - "$@" <<'EOF'
import csv, sys
text, index, most = sys.argv[1], sys.argv[2], int(sys.argv[3])
pages = open(text, encoding="utf-8").read().split("\f")
if pages and not pages[-1].strip():
    pages.pop()
orgs = [r["organization"] for r in csv.DictReader(open(index, encoding="utf-8"))]
for o in orgs:
    if not any(o in p for p in pages):
        sys.exit("%s does not appear in the print" % o)
    head = [p for p in pages if p.lstrip().startswith(o + " \u2014")]
    if not 1 <= len(head) <= 3:
        sys.exit("%s: %d pages carry its running head" % (o, len(head)))
if len(pages) > most:
    sys.exit("%d pages, more than %d" % (len(pages), most))
print("%s: %d pages, %d organizations of 1 to 3 pages each"
      % (text.split("/")[-1], len(pages), len(orgs)))
EOF
}

print "$work/ex/report.html" "$work/ex.pdf"
check_print "$work/ex.pdf.txt" "$work/ex/groups/index.csv" 31
folder=$(sed -n 2p "$work/ex/groups/index.csv" | sed 's/.*,//')
print "$work/ex/groups/$folder/report.html" "$work/one.pdf"
python3 - "$work/one.pdf.txt" <<'EOF'
import sys
pages = [p for p in open(sys.argv[1], encoding="utf-8").read().split("\f") if p.strip()]
if not 3 <= len(pages) <= 7:
    sys.exit("a participant's report of %d pages" % len(pages))
print("participant's report: %d pages" % len(pages))
EOF
# German, with targets: German headings, a decimal comma, the same bounds
"$semm" score -q "$q" --quiet --lang de --target '*=L4' --target E3=70 \
	--per-group --format html -o "$work/de" \
	"$root/questionnaires/examples/iso23592-example.csv"
grep -q '<html lang="de">' "$work/de/report.html" || fail "lang attribute"
print "$work/de/report.html" "$work/de.pdf"
grep -q 'Zusammenfassung' "$work/de.pdf.txt" || fail "no German summary"
grep -q "Seite 1 von" "$work/de.pdf.txt" || fail "no German page numbers"
grep -q 'Prioritäten gemessen an den Zielen' "$work/de.pdf.txt" ||
	fail "no priorities against the targets"
check_print "$work/de.pdf.txt" "$work/de/groups/index.csv" 31
print "$work/b60/report.html" "$work/b60.pdf"
check_print "$work/b60.pdf.txt" "$work/b60/groups/index.csv" 240
