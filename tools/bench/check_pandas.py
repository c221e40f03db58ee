#!/usr/bin/env python3
"""Checks the benchmark's pandas job against semm, figure by figure.

Usage: check_pandas.py [--semm build/semm] [--dir DIR] [--rows 20000]
                       [--groups 200] [--seed 5] [--tolerance 1e-9]

Run from the repository root with a Python that has pandas (and scipy for
the intervals). Steps:

1. compiles tools/gen_bench.c (into DIR) and generates a small data set
   (default 20,000 respondents in 200 organizations, seed 5: organizations
   of one or two respondents, a segment with fewer organizations than the
   anonymity threshold, respondents below the coverage minimum);
2. runs `semm score -q tools/bench/iso23592-bench45.json --segment-by
   sector,size_band,region --summary --format json,csv` on it (semm must
   be built: cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
   -DSEMM_BUILD_TESTS=OFF && cmake --build build);
3. runs tools/bench/pandas_job.py on it;
4. compares every figure the two have in common, read from semm's
   report.json (groups[] overall, dimensions[] and elements[] with their
   reliability and agreement blocks; across_groups.units[]; the pooled
   reliability with its items; the benchmark's segment distributions and
   each group's placements): numbers to the relative tolerance
   (|a - b| <= tol * max(|a|, |b|)), counts, levels, segments and flags
   exactly, and "not defined" (null in JSON, empty in CSV) only against
   "not defined".

Every disagreement is listed (the first 50 of each kind, then a count),
then, per kind of figure, how many were compared and the largest relative
difference. Figures semm leaves undefined with a reason while the pandas
job computes them (Feldt intervals where GSL's inverse F fails to
converge: "the F quantile could not be computed") are listed apart and
not counted. Exit status 0 when all agree, 1 otherwise.
"""
import argparse
import json
import math
import os
import subprocess
import sys
from collections import defaultdict

import pandas as pd

QUEST = "tools/bench/iso23592-bench45.json"
SEGMENTS = "sector,size_band,region"
EXACT = {"n", "missing", "level", "alpha_n", "alpha_k", "rwg_n", "rwg_items",
         "rwg_options", "groups", "df_between", "df_within", "rank", "of",
         "segment", "entered", "withheld", "organizations", "respondents"}


# Figures semm leaves undefined with a reason where the pandas job has one
# (GSL's inverse F fails for some degrees of freedom): (block, group,
# unit type, unit) -> semm's reason. Listed, not counted as disagreements.
SEMM_REASONS = {}


def run(cmd):
    print("check: " + " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, check=True)


def missing(v):
    return v is None or (isinstance(v, float) and math.isnan(v)) or v == ""


# ------------------------------------------------------------ semm figures

def semm_figures(report):
    """{(kind, key..., figure): value} from semm's report.json."""
    out = {}
    for g in report["groups"]:
        units = [("overall", "overall", g["overall"])]
        units += [("dimension", d["id"], d) for d in g["dimensions"]]
        units += [("element", e["id"], e) for e in g["elements"]]
        for utype, uid, u in units:
            key = (g["id"], utype, uid)
            for f in ("n", "missing", "mean", "sd", "se", "median", "q1",
                      "q3", "min", "max", "percent", "level"):
                out[("group",) + key + (f,)] = u[f]
            ci = u["ci95"] or [None, None]
            out[("group",) + key + ("ci95_low",)] = ci[0]
            out[("group",) + key + ("ci95_high",)] = ci[1]
            if "reliability" in u:
                r = u["reliability"]
                ci = r["alpha_ci95"] or [None, None]
                for f, v in (("alpha_n", r["n"]), ("alpha_k", r["k"]),
                             ("alpha", r["alpha"]),
                             ("alpha_std", r["alpha_std"]),
                             ("mean_r", r["mean_r"]),
                             ("alpha_ci95_low", ci[0]),
                             ("alpha_ci95_high", ci[1])):
                    out[("reliability",) + key + (f,)] = v
                if r["alpha"] is not None and r["alpha_ci95"] is None:
                    SEMM_REASONS[("reliability",) + key] = r["reason"]
            if "agreement" in u:
                a = u["agreement"]
                for f, v in (("rwg_j", a["rwg_j"]), ("rwg_items", a["j"]),
                             ("rwg_options", a["options"]),
                             ("mean_variance", a["mean_variance"]),
                             ("null_variance", a["null_variance"])):
                    out[("agreement",) + key + (f,)] = v
    for u in report["across_groups"]["units"]:
        for f in ("n", "groups", "k_bar", "msb", "msw", "df_between",
                  "df_within", "f", "p", "icc1", "icc2"):
            out[("icc", u["type"], u["id"], f)] = u[f]
    for utype, block in (("dimension", "dimensions"), ("element", "elements")):
        for u in report["reliability"][block]:
            r = u["reliability"]
            ci = r["alpha_ci95"] or [None, None]
            for f, v in (("alpha_n", r["n"]), ("alpha_k", r["k"]),
                         ("alpha", r["alpha"]), ("alpha_std", r["alpha_std"]),
                         ("mean_r", r["mean_r"]), ("alpha_ci95_low", ci[0]),
                         ("alpha_ci95_high", ci[1])):
                out[("pooled", utype, u["id"], f)] = v
            for it in r.get("items", []):
                for f in ("alpha_if_deleted", "r_drop"):
                    out[("pooled-item", utype, u["id"], it["id"], f)] = it[f]
    b = report["benchmark"]
    for s in b["segmentations"]:
        for seg in s["segments"]:
            for u in seg["units"]:
                key = ("distribution", s["name"], seg["segment"], u["type"],
                       u["id"])
                out[key + ("withheld",)] = bool(u["withheld"])
                out[key + ("organizations",)] = seg["organizations"]
                if u["withheld"]:
                    continue
                out[key + ("n",)] = u["n"]
                for f in ("mean", "sd", "min", "q1", "median", "q3", "max"):
                    out[key + (f,)] = u[f]
                for i, v in enumerate(u["deciles"], 1):
                    out[key + (f"d{i}",)] = v
    for g in b["groups"]:
        out[("placement", g["id"], "entered")] = bool(g["entered"])
        for u in g.get("units", []):
            for p in u["peers"]:
                key = ("placement", g["id"], u["type"], u["id"],
                       p["segmentation"])
                out[key + ("segment",)] = p["segment"]
                withheld = p["reason"] is not None
                for f in ("percentile", "z", "rank", "of"):
                    out[key + (f,)] = None if withheld else p[f]
    return out


# ---------------------------------------------------------- pandas figures

def pandas_figures(out_csv):
    """The same keys from the pandas job's CSV files."""
    root = out_csv[:-4]
    t = pd.read_csv(out_csv, keep_default_na=False, na_values=[""],
                    dtype={"group": str})
    out = {}
    group_f = ["n", "missing", "mean", "sd", "se", "median", "q1", "q3",
               "min", "max", "percent", "level", "ci95_low", "ci95_high"]
    rel_f = ["alpha_n", "alpha_k", "alpha", "alpha_std", "mean_r",
             "alpha_ci95_low", "alpha_ci95_high"]
    agr_f = ["rwg_j", "rwg_items", "rwg_options", "mean_variance",
             "null_variance"]
    segs = [c[:-len("_segment")] for c in t.columns if c.endswith("_segment")]
    for row in t.to_dict("records"):
        key = (row["group"], row["unit_type"], row["unit"])
        for f in group_f:
            out[("group",) + key + (f,)] = row.get(f)
        if row["unit_type"] != "overall":
            for f in rel_f:
                out[("reliability",) + key + (f,)] = row.get(f)
        for f in agr_f:
            out[("agreement",) + key + (f,)] = row.get(f)
        out[("placement", row["group"], "entered")] = bool(row["entered"])
        if not row["entered"]:
            continue
        for s in segs:
            pk = ("placement",) + key + (s,)
            seg = row[s + "_segment"]
            if missing(seg):
                continue
            out[pk + ("segment",)] = seg
            for f in ("percentile", "z", "rank", "of"):
                out[pk + (f,)] = row[f"{s}_{f}"]
    u = pd.read_csv(root + "-units.csv")
    for row in u.to_dict("records"):
        for f in ("n", "groups", "k_bar", "msb", "msw", "df_between",
                  "df_within", "f", "p", "icc1", "icc2"):
            out[("icc", row["unit_type"], row["unit"], f)] = row.get(f)
        if row["unit_type"] != "overall":
            for f in rel_f:
                out[("pooled", row["unit_type"], row["unit"], f)] = row.get(f)
    pi = pd.read_csv(root + "-pooled-items.csv")
    for row in pi.to_dict("records"):
        for f in ("alpha_if_deleted", "r_drop"):
            out[("pooled-item", row["unit_type"], row["unit"], row["item"],
                 f)] = row[f]
    d = pd.read_csv(root + "-segments.csv", keep_default_na=False,
                    na_values=[""])
    for row in d.to_dict("records"):
        key = ("distribution", row["segmentation"], row["segment"],
               row["unit_type"], row["unit"])
        out[key + ("withheld",)] = bool(row["withheld"])
        out[key + ("organizations",)] = row["organizations"]
        if row["withheld"]:
            continue
        for f in ["n", "mean", "sd", "min", "q1", "median", "q3", "max"] + [
                f"d{i}" for i in range(1, 10)]:
            out[key + (f,)] = row[f]
    return out


# -------------------------------------------------------------- comparing

def kind_of(key):
    """The kind of a figure for the summary: block and figure name (the
    unit type for group figures)."""
    if key[0] in ("group", "reliability", "agreement"):
        return f"{key[0]} {key[2]} {key[-1]}"
    if key[0] == "placement" and len(key) == 3:
        return "placement entered"
    return f"{key[0]} {key[-1]}"


def compare(semm, pand, tol):
    """Per kind: [compared, max relative difference]; and the problems."""
    kinds = defaultdict(lambda: [0, 0.0])
    problems = defaultdict(list)
    semm_none = []
    for key in sorted(set(semm) | set(pand), key=str):
        kind = kind_of(key)
        if key not in pand:
            if not missing(semm[key]):
                problems[kind].append(f"{key}: semm {semm[key]!r}, "
                                      "not in the pandas output")
            continue
        if key not in semm:
            if not missing(pand[key]):
                problems[kind].append(f"{key}: pandas {pand[key]!r}, "
                                      "not in semm's report")
            continue
        a, b = semm[key], pand[key]
        kinds[kind][0] += 1
        if missing(a) and not missing(b) and key[:4] in SEMM_REASONS:
            kinds[kind][0] -= 1
            semm_none.append(f"{key}: semm none ({SEMM_REASONS[key[:4]]}), "
                             f"pandas {b!r}")
            continue
        if missing(a) or missing(b):
            if not (missing(a) and missing(b)):
                problems[kind].append(f"{key}: semm {a!r}, pandas {b!r}")
            continue
        if key[-1] in EXACT or isinstance(a, (str, bool)):
            same = (a == b) if isinstance(a, (str, bool)) else float(a) == float(b)
            if not same:
                problems[kind].append(f"{key}: semm {a!r}, pandas {b!r}")
            continue
        a, b = float(a), float(b)
        scale = max(abs(a), abs(b))
        rel = abs(a - b) / scale if scale > 0 else 0.0
        kinds[kind][1] = max(kinds[kind][1], rel)
        if rel > tol:
            problems[kind].append(f"{key}: semm {a!r}, pandas {b!r}, "
                                  f"relative difference {rel:.3g}")
    return kinds, problems, semm_none


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--semm", default="build/semm")
    ap.add_argument("--dir", default="build/check-pandas",
                    help="work directory (data, reports)")
    ap.add_argument("--rows", type=int, default=20000)
    ap.add_argument("--groups", type=int, default=200)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--tolerance", type=float, default=1e-9)
    a = ap.parse_args(argv[1:])
    here = os.path.dirname(os.path.abspath(__file__))
    os.chdir(os.path.join(here, "..", ".."))
    os.makedirs(a.dir, exist_ok=True)
    gen = os.path.join(a.dir, "gen_bench")
    data = os.path.join(a.dir, "small.csv")
    out_semm = os.path.join(a.dir, "semm")
    out_pandas = os.path.join(a.dir, "pandas.csv")
    if not os.access(a.semm, os.X_OK):
        sys.exit(f"check: {a.semm} not found: build semm first (cmake -S . "
                 "-B build -DCMAKE_BUILD_TYPE=Release -DSEMM_BUILD_TESTS=OFF"
                 " && cmake --build build)")
    run(["cc", "-O2", "tools/gen_bench.c", "-o", gen, "-lcjson", "-lm"])
    run([gen, "-q", QUEST, "-n", str(a.rows), "-g", str(a.groups), "-s",
         str(a.seed), "-o", data])
    run([a.semm, "score", "-q", QUEST, "--segment-by", SEGMENTS, "--summary",
         "--quiet", "--format", "json,csv", "-o", out_semm, data])
    run([sys.executable, os.path.join(here, "pandas_job.py"),
         "--segment-by", SEGMENTS, QUEST, data, out_pandas])
    with open(os.path.join(out_semm, "report.json"), encoding="utf-8") as f:
        semm = semm_figures(json.load(f))
    pand = pandas_figures(out_pandas)
    kinds, problems, semm_none = compare(semm, pand, a.tolerance)
    n_bad = sum(len(p) for p in problems.values())
    for kind in sorted(problems):
        for line in problems[kind][:50]:
            print("DIFFERS " + line)
        if len(problems[kind]) > 50:
            print(f"DIFFERS ... {len(problems[kind]) - 50} more of {kind}")
    print(f"\n{'kind of figure':<44} {'compared':>9} {'max rel diff':>13} "
          f"{'differ':>7}")
    for kind in sorted(kinds):
        c, m = kinds[kind]
        print(f"{kind:<44} {c:>9} {m:>13.3g} {len(problems.get(kind, [])):>7}")
    if semm_none:
        print(f"\nsemm gives no figure where the pandas job has one "
              f"({len(semm_none)}; not compared):")
        for line in semm_none:
            print("  " + line)
    total = sum(c for c, _ in kinds.values())
    print(f"\ncheck: {total} figures compared, {n_bad} disagree "
          f"(tolerance {a.tolerance:g} relative), semm has none for "
          f"{len(semm_none)}")
    return 1 if n_bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
