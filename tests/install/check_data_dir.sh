#!/usr/bin/env bash
# The installed tool finds the shipped definitions by id (run by ctest as
# install.data_dir).
#
# The data folder the tool searches last is compiled in from the prefix the
# build was configured with (SEMM_DATA_DIR, cmake/install.cmake), so
# `cmake --install --prefix` of an existing build cannot show it: this
# configures, builds and installs a fresh copy of the sources for a
# temporary prefix, then runs the installed tool from another folder with
# SEMM_DATA_DIR unset, giving the questionnaire and the model by id.
#
# usage: check_data_dir.sh SOURCE_DIR
# The environment may give SEMM_CC, SEMM_CMAKE and SEMM_GENERATOR.
# Needs no network and no root; removes its temporary folder.
set -eu -o pipefail

src=$(cd "$1" && pwd)
cc=${SEMM_CC:-cc}
cmake=${SEMM_CMAKE:-cmake}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/semm-datadir.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
prefix="$tmp/prefix"

fail() {
	echo "install.data_dir: FAIL: $*" >&2
	exit 1
}

step() {
	if ! "$@" > "$tmp/log" 2>&1; then
		cat "$tmp/log" >&2
		fail "$*"
	fi
}

args=(-DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_INSTALL_LIBDIR=lib
	-DCMAKE_C_COMPILER="$cc" -DSEMM_BUILD_TESTS=OFF
	-DSEMM_BUILD_FUZZERS=OFF -DSEMM_SANITIZE=OFF)
if [ -n "${SEMM_GENERATOR:-}" ]; then
	args+=(-G "$SEMM_GENERATOR")
fi
jobs=$(nproc 2> /dev/null || echo 2)
step "$cmake" -S "$src" -B "$tmp/build" "${args[@]}"
step "$cmake" --build "$tmp/build" -j "$jobs" --target semm semm_shared \
	semm_static
step "$cmake" --install "$tmp/build"

semm="$prefix/bin/semm"
data="$prefix/share/semm"
example="$data/questionnaires/examples/iso23592-example.csv"
mkdir "$tmp/elsewhere"
cd "$tmp/elsewhere"
unset SEMM_DATA_DIR

# Runs the installed tool; the expected exit code first.
run() {
	local want=$1 got=0
	shift
	"$semm" "$@" > "$tmp/stdout" 2> "$tmp/stderr" || got=$?
	if [ "$got" != "$want" ]; then
		cat "$tmp/stderr" >&2
		fail "semm $* exited $got, expected $want"
	fi
}

# The questionnaire by id; its model by the id the questionnaire names.
run 0 score -q iso23592-self-assessment -o "$tmp/out" "$example"
for f in report.json scores.csv respondents.csv reliability.csv \
	across_groups.csv; do
	[ -s "$tmp/out/$f" ] || fail "score by id wrote no $f"
done
grep -q "168 respondents read from 1 file: 168 scored" "$tmp/stderr" ||
	{ cat "$tmp/stderr" >&2; fail "score by id: unexpected summary"; }

# Both by id, with -m.
run 0 score -q iso23592-self-assessment -m iso23592 -o "$tmp/out2" \
	--quiet "$example"
cmp -s "$tmp/out/report.json" "$tmp/out2/report.json" ||
	fail "-m iso23592 gives another report than the questionnaire's model"

# validate finds the questionnaire's model by id in the data folder.
run 0 validate "$data/questionnaires/iso23592-self-assessment.json"

# An id found nowhere: exit 5, "not found".
run 5 score -q no-such-questionnaire "$example"
grep -q "not found" "$tmp/stderr" ||
	{ cat "$tmp/stderr" >&2; fail "unknown id: no \"not found\""; }

echo "install.data_dir: ok"
