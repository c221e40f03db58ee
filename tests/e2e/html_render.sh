#!/usr/bin/env bash
# html_render.sh TEST_REPORT_HTML - renders the HTML report in a real
# browser. The unit test binary (tests/unit/test_report_html.c) writes the
# hand-worked report and the shipped ISO 23592 example's report to the
# paths in SEMM_HTML_OUT and SEMM_HTML_EXAMPLE_OUT; headless Chromium then
# takes a screenshot and prints each to PDF. The screenshot must not be
# blank (its pixels are decoded and counted) and the PDF must be a real
# PDF with a page per group section at least. Without Chromium the test
# prints "SKIP: chromium not installed" and passes.
set -euo pipefail

if [ $# -ne 1 ]; then
	echo "usage: $0 TEST_REPORT_HTML" >&2
	exit 2
fi
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

SEMM_HTML_OUT="$work/handworked.html" \
SEMM_HTML_EXAMPLE_OUT="$work/example.html" \
	"$bin" --filter 'report_html/writes*' >"$work/unit.log" 2>&1 || {
	cat "$work/unit.log" >&2
	echo "FAIL: the unit test binary could not write the reports" >&2
	exit 1
}
for f in handworked example; do
	[ -s "$work/$f.html" ] || { echo "FAIL: $f.html was not written" >&2; exit 1; }
done

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	echo "SKIP: chromium not installed"
	exit 0
fi
if ! command -v python3 >/dev/null; then
	echo "SKIP: python3 not installed (needed to read the screenshot)"
	exit 0
fi

# Runs headless Chromium on one page with a fresh profile and no network
# activity of its own; "$@" adds the output flag.
render() {
	local page=$1
	shift
	HOME="$work" timeout 120 "$browser" --headless --no-sandbox \
		--disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update \
		--disable-sync --hide-scrollbars \
		--user-data-dir="$(mktemp -d -p "$work")" \
		--window-size=1200,2000 "$@" "file://$page" \
		>>"$work/chromium.log" 2>&1
}

# Decodes the top of a PNG (8-bit RGB or RGBA, as Chromium writes it: the
# header, the index and the first tables; pure Python is slow) and fails
# unless it has many colours and a fair share of non-white pixels.
check_png() {
	python3 - "$1" <<'EOF'
import struct, sys, zlib

data = open(sys.argv[1], "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit("not a PNG")
pos, idat = 8, b""
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
if depth != 8 or ctype not in (2, 6):
    sys.exit("unexpected PNG type %d/%d" % (depth, ctype))
bpp = 3 if ctype == 2 else 4
stride = w * bpp
raw = zlib.decompress(idat)
prev = bytearray(stride)
colours, inked, i = set(), 0, 0
full_h, h = h, min(h, 800)
for y in range(h):
    f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
    i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b, c = prev[x], (prev[x - bpp] if x >= bpp else 0)
        if f == 1:
            line[x] = (line[x] + a) & 255
        elif f == 2:
            line[x] = (line[x] + b) & 255
        elif f == 3:
            line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc
                                  else b if pb <= pc else c)) & 255
    for x in range(0, stride, bpp * 4):  # every fourth pixel is enough
        px = bytes(line[x:x + 3])
        colours.add(px)
        inked += px != b"\xff\xff\xff"
    prev = line
share = inked / (h * ((w + 3) // 4))
print("%dx%d, top %d rows: %d colours, %.1f %% not white"
      % (w, full_h, h, len(colours), 100 * share))
if len(colours) < 16 or share < 0.02:
    sys.exit("the screenshot looks blank")
EOF
}

# The PDF must be a PDF, of some size, with at least min_pages pages.
check_pdf() {
	local pdf=$1 min_pages=$2 size pages
	size=$(wc -c <"$pdf")
	pages=$(grep -a -c '/Type /Page$\|/Type /Page[^s]' "$pdf" || true)
	echo "$(basename "$pdf"): $size bytes, $pages pages"
	head -c 5 "$pdf" | grep -q '%PDF-' || { echo "FAIL: not a PDF" >&2; return 1; }
	[ "$size" -gt 10000 ] || { echo "FAIL: the PDF is too small" >&2; return 1; }
	[ "$pages" -ge "$min_pages" ] || {
		echo "FAIL: fewer than $min_pages pages" >&2
		return 1
	}
}

status=0
# The front page, then one page or more per group (2 and 6 groups).
for spec in handworked:3 example:7; do
	f=${spec%%:*}
	render "$work/$f.html" --screenshot="$work/$f.png" || true
	render "$work/$f.html" --print-to-pdf="$work/$f.pdf" \
		--no-pdf-header-footer || true
	if [ ! -s "$work/$f.png" ] || [ ! -s "$work/$f.pdf" ]; then
		tail -5 "$work/chromium.log" >&2
		echo "FAIL: chromium wrote no screenshot or PDF of $f.html" >&2
		status=1
		continue
	fi
	echo -n "$f.png: "
	check_png "$work/$f.png" || status=1
	check_pdf "$work/$f.pdf" "${spec##*:}" || status=1
done
if [ -n "${SEMM_HTML_KEEP:-}" ]; then
	mkdir -p "$SEMM_HTML_KEEP"
	cp "$work"/*.html "$work"/*.png "$work"/*.pdf "$SEMM_HTML_KEEP"/
fi
[ $status = 0 ] && echo "html_render: ok"
exit $status
