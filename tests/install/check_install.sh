#!/usr/bin/env bash
# Installs a build of semm into a temporary prefix and uses it as a program
# outside the project would (run by ctest as install.package):
#
#   - the files are where the README says (tool, libraries, headers,
#     semm.pc, the CMake package, shared data, manual page);
#   - tests/install/consumer.c builds and runs through pkg-config, against
#     the shared library and (with --static) the static one, and through
#     find_package(semm) with semm::semm and semm::semm_static;
#   - its reports are byte for byte those of the installed tool, and its
#     figures those the tool prints and writes;
#   - the installed tool finds a questionnaire id through $SEMM_DATA_DIR
#     (the compiled-in data folder is install.data_dir's part);
#   - the manual page formats without warnings and lists every option that
#     `semm COMMAND --help` prints;
#   - the example program of docs/API.md is consumer.c, verbatim.
#
# usage: check_install.sh SOURCE_DIR BUILD_DIR
# The environment gives SEMM_{BIN,LIB,INCLUDE,DATA,MAN}DIR (the build's
# relative install folders), SEMM_VERSION, SEMM_SANITIZE, SEMM_CC,
# SEMM_CMAKE, SEMM_GENERATOR and SEMM_CONFIG (see CMakeLists.txt here).
# Needs no network and no root; removes its temporary folder.
set -eu -o pipefail

src=$(cd "$1" && pwd)
build=$(cd "$2" && pwd)
cc=${SEMM_CC:-cc}
cmake=${SEMM_CMAKE:-cmake}
here="$src/tests/install"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/semm-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
prefix="$tmp/prefix"

fail() {
	echo "install.package: FAIL: $*" >&2
	exit 1
}

# Runs a command with its output in $tmp/log, shown when it fails.
step() {
	echo "+ $*" >> "$tmp/steps"
	if ! "$@" > "$tmp/log" 2>&1; then
		cat "$tmp/log" >&2
		fail "$*"
	fi
}

for kind in BINDIR LIBDIR INCLUDEDIR DATADIR MANDIR; do
	var="SEMM_$kind"
	case "${!var:?$var is not set}" in
	/*) echo "install.package: skipped: $var is absolute (${!var})"
	    exit 0 ;;
	esac
done
bindir="$prefix/$SEMM_BINDIR"
libdir="$prefix/$SEMM_LIBDIR"
includedir="$prefix/$SEMM_INCLUDEDIR"
datadir="$prefix/$SEMM_DATADIR/semm"
mandir="$prefix/$SEMM_MANDIR"

# Sanitized libraries need the sanitizer runtime linked into the program.
san_flags=""
if [ "${SEMM_SANITIZE:-OFF}" = ON ]; then
	san_flags="-fsanitize=address,undefined -fno-omit-frame-pointer"
fi

# ---- 1. install, and everything is in its place
config_args=()
if [ -n "${SEMM_CONFIG:-}" ]; then
	config_args=(--config "$SEMM_CONFIG")
fi
step "$cmake" --install "$build" --prefix "$prefix" \
	${config_args[@]+"${config_args[@]}"}

for f in "$bindir/semm" "$libdir/libsemm.so" "$libdir/libsemm.a" \
	"$includedir/semm/semm.h" "$libdir/pkgconfig/semm.pc" \
	"$libdir/cmake/semm/semmConfig.cmake" \
	"$libdir/cmake/semm/semmConfigVersion.cmake" \
	"$libdir/cmake/semm/semmTargets.cmake" \
	"$datadir/models/iso23592.json" \
	"$datadir/questionnaires/iso23592-self-assessment.json" \
	"$datadir/questionnaires/examples/iso23592-example.csv" \
	"$mandir/man1/semm.1"; do
	[ -f "$f" ] || fail "not installed: ${f#"$prefix"/}"
done
[ -x "$bindir/semm" ] || fail "bin/semm is not executable"
for h in "$src"/include/semm/*.h; do
	cmp -s "$h" "$includedir/semm/$(basename "$h")" ||
		fail "header not installed as is: $(basename "$h")"
done
for m in "$src"/models/*.json; do
	[ -f "$datadir/models/$(basename "$m")" ] ||
		fail "model not installed: $(basename "$m")"
done
for q in "$src"/questionnaires/*.json; do
	[ -f "$datadir/questionnaires/$(basename "$q")" ] ||
		fail "questionnaire not installed: $(basename "$q")"
done

model="$datadir/models/iso23592.json"
questionnaire="$datadir/questionnaires/iso23592-self-assessment.json"
responses="$datadir/questionnaires/examples/iso23592-example.csv"
mkdir "$tmp/elsewhere"

# ---- 2. the installed tool's reports, the reference for the consumers.
# From another folder, with the questionnaire by id through SEMM_DATA_DIR.
(cd "$tmp/elsewhere" && SEMM_DATA_DIR="$prefix/$SEMM_DATADIR/semm" \
	"$bindir/semm" score -q iso23592-self-assessment -o "$tmp/tool-out" \
	"$responses") > "$tmp/tool.stdout" 2> "$tmp/tool.stderr" || {
	cat "$tmp/tool.stderr" >&2
	fail "installed semm score with SEMM_DATA_DIR"
}
groups=$(sed -n 's/.*; \([0-9][0-9]*\) groups\{0,1\};.*/\1/p' "$tmp/tool.stderr")
[ -n "$groups" ] || { cat "$tmp/tool.stderr" >&2; fail "no summary line"; }
# The first group's overall percent: column 17 of its first scores.csv row
# (the example's group names hold no commas or quotes).
percent=$(awk -F, 'NR == 2 && $2 == "overall" { print $17 }' \
	"$tmp/tool-out/scores.csv")
[ -n "$percent" ] || fail "no overall row for the first group in scores.csv"

# Checks a consumer's output and reports against the tool's.
check_consumer() {
	local name=$1 out=$2 dir=$3 got
	grep -qx "groups $groups" "$out" ||
		{ cat "$out" >&2; fail "$name: expected \"groups $groups\""; }
	got=$(sed -n 's/^first group ".*": overall \([^%]*\)%.*/\1/p' "$out")
	awk -v a="$got" -v b="$percent" 'BEGIN {
		d = a - b; if (d < 0) d = -d
		exit !(a != "" && d <= 1e-9 * (b < 0 ? -b : b) + 1e-12) }' ||
		{ cat "$out" >&2; fail "$name: overall $got%, the tool says $percent"; }
	for f in report.json scores.csv respondents.csv reliability.csv \
		across_groups.csv; do
		cmp -s "$tmp/tool-out/$f" "$dir/$f" ||
			fail "$name: $f differs from the installed tool's"
	done
	cmp -s "$out" "$tmp/reference.out" ||
		fail "$name: output differs from the pkg-config build's"
}

# Runs a built consumer on the installed files, into $tmp/out-<name>/.
run_consumer() {
	local name=$1 exe=$2
	shift 2
	mkdir "$tmp/out-$name"
	(cd "$tmp/elsewhere" && "$@" "$exe" "$model" "$questionnaire" \
		"$responses" "$tmp/out-$name") > "$tmp/$name.out" \
		2> "$tmp/$name.err" ||
		{ cat "$tmp/$name.err" >&2; fail "$name: consumer failed"; }
	[ -f "$tmp/reference.out" ] || cp "$tmp/$name.out" "$tmp/reference.out"
	check_consumer "$name" "$tmp/$name.out" "$tmp/out-$name"
}

# Whether a program needs libsemm.so (it must not after --static).
needs_libsemm() {
	if command -v readelf > /dev/null; then
		readelf -d "$1" | grep -q 'NEEDED.*libsemm'
	elif command -v objdump > /dev/null; then
		objdump -p "$1" | grep -q 'NEEDED.*libsemm'
	else
		return 1
	fi
}

# ---- 3. pkg-config: the shared library, then the static one
export PKG_CONFIG_PATH="$libdir/pkgconfig"
command -v pkg-config > /dev/null || fail "pkg-config is not installed"
[ "$(pkg-config --modversion semm)" = "$SEMM_VERSION" ] ||
	fail "pkg-config --modversion semm: $(pkg-config --modversion semm)"
[ "$(pkg-config --variable=semm_datadir semm)" = "$datadir" ] ||
	fail "pkg-config semm_datadir: $(pkg-config --variable=semm_datadir semm)"
# shellcheck disable=SC2046,SC2086
step "$cc" -std=c11 -Wall -Wextra -pedantic -Werror $san_flags \
	"$here/consumer.c" -o "$tmp/consumer-pc" \
	$(pkg-config --cflags --libs semm)
run_consumer pkg-config "$tmp/consumer-pc" env LD_LIBRARY_PATH="$libdir"

static_libs=$(pkg-config --static --libs semm | sed 's/-lsemm\b/-l:libsemm.a/')
# shellcheck disable=SC2046,SC2086
step "$cc" -std=c11 -Wall -Wextra -pedantic -Werror $san_flags \
	"$here/consumer.c" -o "$tmp/consumer-pc-static" \
	$(pkg-config --cflags semm) $static_libs
if needs_libsemm "$tmp/consumer-pc-static"; then
	fail "pkg-config --static: the program still needs libsemm.so"
fi
run_consumer pkg-config-static "$tmp/consumer-pc-static" env -u LD_LIBRARY_PATH

# ---- 4. CMake: find_package(semm) with semm::semm and semm::semm_static
cmake_args=(-DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_COMPILER="$cc"
	-DCONSUMER_STATIC=ON -DEXPECT_VERSION="$SEMM_VERSION"
	-DEXPECT_DATA_DIR="$datadir")
if [ -n "${SEMM_GENERATOR:-}" ]; then
	cmake_args+=(-G "$SEMM_GENERATOR")
fi
if [ -n "$san_flags" ]; then
	cmake_args+=(-DCMAKE_C_FLAGS="$san_flags"
		-DCMAKE_EXE_LINKER_FLAGS="$san_flags")
fi
step "$cmake" -S "$here/consumer" -B "$tmp/consumer-build" "${cmake_args[@]}"
step "$cmake" --build "$tmp/consumer-build"
grep -q "^semm_DIR:PATH=$libdir/cmake/semm\$" \
	"$tmp/consumer-build/CMakeCache.txt" ||
	fail "find_package(semm) did not find the temporary prefix's package"
run_consumer cmake "$tmp/consumer-build/consumer" env LD_LIBRARY_PATH="$libdir"
if needs_libsemm "$tmp/consumer-build/consumer_static"; then
	fail "semm::semm_static: the program still needs libsemm.so"
fi
run_consumer cmake-static "$tmp/consumer-build/consumer_static" \
	env -u LD_LIBRARY_PATH

# ---- 5. the manual page: formats cleanly and lists every option
page="$mandir/man1/semm.1"
if command -v man > /dev/null; then
	MANWIDTH=80 man -l "$page" > "$tmp/man.txt" 2> "$tmp/man.err" ||
		{ cat "$tmp/man.err" >&2; fail "man -l semm.1"; }
	[ -s "$tmp/man.txt" ] || fail "man -l semm.1 printed nothing"
fi
if command -v groff > /dev/null; then
	groff -ww -z -man -t "$page" 2> "$tmp/groff.err" ||
		fail "groff cannot format semm.1"
	if [ -s "$tmp/groff.err" ]; then
		cat "$tmp/groff.err" >&2
		fail "groff warns about semm.1"
	fi
fi
for section in NAME SYNOPSIS DESCRIPTION COMMANDS FILES "EXIT STATUS" \
	EXAMPLES "SEE ALSO"; do
	grep -Eq "^\.SH \"?$section\"?\$" "$page" || fail "semm.1 has no $section"
done
sed 's/\\-/-/g' "$page" > "$tmp/man.src"
commands=$("$bindir/semm" --help |
	sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p')
[ -n "$commands" ] || fail "semm --help lists no commands"
for c in "" $commands; do
	if [ -n "$c" ]; then
		grep -q "^\.SS \"semm ${c}[ \"]" "$tmp/man.src" ||
			fail "semm.1 does not describe the command \"$c\""
	fi
	# shellcheck disable=SC2086
	"$bindir/semm" $c --help > "$tmp/help.txt" 2>&1 ||
		fail "semm $c --help failed"
	{ grep -oE '(^|[][ ,])--?[a-zA-Z][a-zA-Z-]*' "$tmp/help.txt" || true; } |
		sed 's/^[][ ,]//' | sort -u > "$tmp/options"
	while read -r opt; do
		grep -qF -- "$opt" "$tmp/man.src" ||
			fail "semm.1 lacks \"$opt\" of 'semm $c --help'"
	done < "$tmp/options"
done
for code in 0 2 3 4 5 6; do
	sed -n '/^\.SH "EXIT STATUS"/,/^\.SH /p' "$page" | grep -qx "\.B $code" ||
		fail "semm.1 EXIT STATUS lacks $code"
done

# ---- 6. docs/API.md shows consumer.c as it is
sed -n '/^<!-- begin tests\/install\/consumer.c -->$/,/^<!-- end tests\/install\/consumer.c -->$/p' \
	"$src/docs/API.md" | sed '1,2d;$d' | sed '$d' > "$tmp/api-example.c"
cmp -s "$tmp/api-example.c" "$here/consumer.c" || {
	diff "$here/consumer.c" "$tmp/api-example.c" >&2 || true
	fail "the example of docs/API.md is not tests/install/consumer.c"
}

echo "install.package: ok ($(tr '\n' ' ' < "$tmp/reference.out"))"
