#!/usr/bin/env python3
"""Check a semm report against an independent re-implementation of its scoring.

This script is a second method: it reads the model, the questionnaire and the
response CSV files itself, applies the rules of docs/SCORING.md and
docs/FORMATS.md, and compares every figure with the engine's report.json (and
optionally respondents.csv). It shares no code with the engine and uses only
the Python standard library.

It also recomputes the statistics of DOMAIN.md section 4 that the report
carries: se, Student-t 95 % intervals and R type 7 quartiles of every unit;
Cronbach's alpha (standardized alpha, Feldt interval, alpha if item deleted,
corrected item-total r) and rwg(j) per element and dimension of each group;
pooled alpha; the one-way ANOVA with ICC(1)/ICC(2) across groups and the
dimension correlations. And the aggregation statistics of docs/SCORING.md
section 5: per group and unit (overall too) rwg(j) under the report's null,
r*wg(j), AD_M(j), AD_Md(j) (exact fractions) and a_wg(j) (the published
formula, not the engine's rearrangement); per unit the F intervals of the
ICCs, random group resampling (the same regroupings drawn with this
script's own splitmix64, the statistics computed here) and the verdict.
aggregation.csv and across_groups.csv can be compared too
(--aggregation-csv, --across-groups-csv). The t and F distributions are computed here from the
regularized incomplete beta function (no scipy); `--self-test` checks them
against published table values and closed forms.

The configuration that can change the arithmetic (N/A policy, anchor percent,
coverage minimum, grouping column) is taken from the report's `parameters`
block, and the reliability minimum and rwg(j) threshold from its `methods`
block, so the check reproduces the run the engine made. With --dump no report
is needed: the computed figures are printed as JSON in the report's shape,
using the model/questionnaire defaults or the --na-policy, --na-anchor-percent,
--coverage-min and --group-by options.

Output: one line per mismatch, `group/unit/field: engine X, check Y`, then
`N passed, M failed`. Exit status 0 only when nothing failed and at least one
figure was compared; 1 on mismatches; 2 on unusable input.

Assumptions where the documents leave room (see the report of the helper who
wrote this script): item counts are per raw answer (before reverse coding);
under the anchor and zero policies an N/A or don't-know answer also counts as
an item value on the item's own scale; coverage is the share answered/total
compared with >=; case is folded for ASCII letters only and "blanks" are
spaces and tabs; rows that are completely empty lines are skipped.
Respondent scores are kept as exact fractions, so a group mean that lies
exactly on a band edge gets the band the rules give it.

Statistics conventions where the documents leave room: reliability uses the
raw answers after reverse coding, listwise; an item with zero variance keeps
alpha, its interval and alpha-if-deleted but makes mean r, standardized alpha
and that item's r_drop null; alpha is null when the item sum has zero
variance; rwg(j) item variances use the raw answers (N/A, don't-know and
blank missing whatever the N/A policy) and need one number of answer options
across the unit's items; below_threshold is rwg(j) < threshold; ANOVA groups
are those with at least one score on the unit. Reasons are compared for
presence only (their wording is the engine's). p-values are compared by
relative tolerance only.
"""

import argparse
import csv
import json
import math
import os
import sys
from fractions import Fraction

DEFAULT_COVERAGE_MIN = 0.5
DEFAULT_NA_POLICY = "exclude"
DEFAULT_NA_ANCHOR_PERCENT = 60.0
DEFAULT_REL_TOL = 1e-9
DEFAULT_RELIABILITY_MIN_N = 10
DEFAULT_RWG_THRESHOLD = 0.70
# Aggregation statistics (docs/SCORING.md): the expected error variances of
# the non-uniform nulls of rwg(j) -- James, Demaree & Wolf (1984) for 5
# answer options, LeBreton & Senter (2008) for 7 -- and the defaults of
# random group resampling and of the verdict.
TABLED_NULLS = {"slight-skew": {5: 1.34, 7: 2.90},
                "moderate-skew": {5: 0.90, 7: 2.14},
                "triangular": {5: 1.32, 7: 2.10}}
DEFAULT_RGR_REPLICATIONS = 1000
DEFAULT_RGR_SEED = 1397050701
DEFAULT_RGR_MAX_DRAWS = 1 << 20
RGR_MIN_REPLICATIONS = 10
DEFAULT_RGR_ALPHA = 0.05
DEFAULT_ICC1_MIN = 0.0
ABS_TOL = 1e-12
ALL_GROUP = "all"
BLANKS = " \t"
NA_POLICIES = ("exclude", "anchor", "zero")


class InputError(Exception):
    """An input file cannot be used; the message names the file."""


# --------------------------------------------------------------- small helpers

def fold(text):
    """Compare key: surrounding blanks removed, ASCII letters lower-cased."""
    out = []
    for ch in text.strip(BLANKS):
        out.append(chr(ord(ch) + 32) if "A" <= ch <= "Z" else ch)
    return "".join(out)


def load_json(path):
    try:
        with open(path, "r", encoding="utf-8-sig") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        raise InputError("%s: %s" % (path, e))


def positive_weight(obj, where):
    w = obj.get("weight", 1)
    if isinstance(w, bool) or not isinstance(w, (int, float)) \
            or not math.isfinite(w) or w <= 0:
        raise InputError("%s: weight must be a finite number > 0" % where)
    return float(w)


def weighted_mean(pairs):
    """Exact weighted mean of (value, weight) pairs, as a Fraction.

    Respondent scores are kept exact (every answer, weight and anchor is a
    rational number) so that a score lying exactly on a band edge is put in
    the right band; they are rounded to float only when reported.
    """
    total = sum(Fraction(w) for _, w in pairs)
    return sum(Fraction(v) * Fraction(w) for v, w in pairs) / total


# ----------------------------------------------------------------------- model

def load_model(path):
    doc = load_json(path)
    if doc.get("format") != "semm-model/1":
        raise InputError("%s: format must be semm-model/1" % path)
    bands = []
    for b in doc["levels"]["bands"]:
        bands.append({"level": b["level"], "name": b.get("name"),
                      "min": float(b["min"]), "max": float(b["max"])})
    dimensions, elements = [], []
    for d in doc["dimensions"]:
        dim = {"id": d["id"], "name": d.get("name"),
               "weight": positive_weight(d, "%s: %s" % (path, d["id"])),
               "elements": []}
        for e in d["elements"]:
            el = {"id": e["id"], "name": e.get("name"), "dimension": d["id"],
                  "weight": positive_weight(e, "%s: %s" % (path, e["id"]))}
            dim["elements"].append(el["id"])
            elements.append(el)
        dimensions.append(dim)
    scoring = doc.get("scoring", {})
    return {"id": doc["id"], "version": doc.get("version"),
            "bands": bands, "dimensions": dimensions, "elements": elements,
            "element_by_id": {e["id"]: e for e in elements},
            "staged_rule": doc["levels"].get("staged_rule", "weakest-link"),
            "na_policy": scoring.get("na_policy", DEFAULT_NA_POLICY),
            "na_anchor_percent": float(scoring.get(
                "na_anchor_percent", DEFAULT_NA_ANCHOR_PERCENT)),
            "coverage_min": scoring.get("coverage_min")}


# --------------------------------------------------------------- questionnaire

def load_scale(s):
    labels = {}
    for lab in s.get("labels", []):
        for text in [lab["label"]] + list(lab.get("synonyms", [])):
            labels[fold(text)] = int(lab["value"])
    return {"id": s["id"], "min": int(s["min"]), "max": int(s["max"]),
            "labels": labels,
            "na": {fold(c) for c in s.get("na", [])},
            "dk": {fold(c) for c in s.get("dont_know", [])}}


def load_questionnaire(path, model):
    doc = load_json(path)
    if doc.get("format") != "semm-questionnaire/1":
        raise InputError("%s: format must be semm-questionnaire/1" % path)
    if doc["model"]["id"] != model["id"]:
        raise InputError("%s: questionnaire is for model %s, not %s"
                         % (path, doc["model"]["id"], model["id"]))
    scales = {s["id"]: load_scale(s) for s in doc["scales"]}
    items = []
    for it in doc["items"]:
        if it["element"] not in model["element_by_id"]:
            raise InputError("%s: item %s: unknown element %s"
                             % (path, it["id"], it["element"]))
        items.append({"id": it["id"], "element": it["element"],
                      "scale": scales[it["scale"]],
                      "reverse": bool(it.get("reverse", False)),
                      "weight": positive_weight(it, "%s: %s"
                                                % (path, it["id"]))})
    columns = {}
    for role, spec in doc.get("metadata", {}).items():
        if isinstance(spec, dict) and "column" in spec:
            columns[role] = spec["column"]
    return {"id": doc["id"], "version": doc.get("version"), "items": items,
            "columns": columns, "coverage_min": doc.get("coverage_min")}


def score_scale(quest):
    """(smin, smax): the shared answer scale, else 0..100 (percent)."""
    ids = {it["scale"]["id"] for it in quest["items"]}
    if len(ids) == 1:
        s = quest["items"][0]["scale"]
        return float(s["min"]), float(s["max"])
    return 0.0, 100.0


# ------------------------------------------------------------------ parameters

def resolve_parameters(args, report, model, quest):
    """The configuration: the report's if given, else options and defaults.

    The reliability minimum and the rwg(j) threshold come from the report's
    `methods` block (the values the engine used).
    """
    if report is not None:
        p = report["parameters"]
        group_by = args.group_by if args.group_by else p.get("group_by")
        methods = report.get("methods", {})
        min_n = methods.get("reliability", {}).get("min_complete_cases")
        threshold = methods.get("agreement", {}).get("threshold")
        out = {"na_policy": p["na_policy"],
               "na_anchor_percent": float(p["na_anchor_percent"]),
               "coverage_min": float(p["coverage_min"]),
               "group_by": group_by,
               "reliability_min_n": int(first_given(
                   min_n, args.reliability_min_n,
                   DEFAULT_RELIABILITY_MIN_N)),
               "rwg_threshold": float(first_given(
                   threshold, args.rwg_threshold, DEFAULT_RWG_THRESHOLD))}
        out.update(aggregation_parameters(p, methods.get("aggregation", {})))
        scope = report.get("scope")
        out["scope"] = set(scope["elements"]) if scope else None
        return out
    coverage = args.coverage_min
    if coverage is None:
        coverage = quest["coverage_min"]
    if coverage is None:
        coverage = model["coverage_min"]
    if coverage is None:
        coverage = DEFAULT_COVERAGE_MIN
    anchor = args.na_anchor_percent
    if anchor is None:
        anchor = model["na_anchor_percent"]
    group_by = args.group_by
    if group_by is None:
        group_by = quest["columns"].get("organization")
    out = {"na_policy": args.na_policy or model["na_policy"],
           "na_anchor_percent": float(anchor),
           "coverage_min": float(coverage), "group_by": group_by,
           "reliability_min_n": int(first_given(
               args.reliability_min_n, DEFAULT_RELIABILITY_MIN_N)),
           "rwg_threshold": float(first_given(
               args.rwg_threshold, DEFAULT_RWG_THRESHOLD))}
    out.update(aggregation_options(args))
    out["scope"] = None
    return out


def aggregation_options(args):
    """aggregation_parameters from the command line (no report)."""
    null = args.rwg_null or "uniform"
    p = {"rwg_null": {"distribution": null, "variance": None}, "rgr": {
        "replications": args.rgr_replications, "seed": args.rgr_seed,
        "max_draws": args.rgr_max_draws}}
    if null not in TABLED_NULLS and null != "uniform":
        p["rwg_null"] = {"distribution": "value", "variance": float(null)}
    return aggregation_parameters(p, {"rgr_alpha": args.rgr_alpha,
                                      "icc1_min": args.icc1_min})


def aggregation_parameters(p, methods):
    """The null of rwg(j), resampling and the verdict's thresholds, from a
    report's parameters and methods.aggregation blocks (defaults where a
    report has none)."""
    null = p.get("rwg_null") or {}
    rgr = p.get("rgr") or {}
    return {
        "rwg_null": null.get("distribution", "uniform"),
        "rwg_null_variance": null.get("variance"),
        "rgr_replications": int(first_given(rgr.get("replications"),
                                            DEFAULT_RGR_REPLICATIONS)),
        "rgr_seed": int(first_given(rgr.get("seed"), DEFAULT_RGR_SEED)),
        "rgr_max_draws": int(first_given(rgr.get("max_draws"),
                                         DEFAULT_RGR_MAX_DRAWS)),
        "rgr_alpha": float(first_given(methods.get("rgr_alpha"),
                                       DEFAULT_RGR_ALPHA)),
        "icc1_min": float(first_given(methods.get("icc1_min"),
                                      DEFAULT_ICC1_MIN))}


def first_given(*values):
    """The first value that is not None."""
    return next(v for v in values if v is not None)


# ------------------------------------------------------------------- responses

def parse_number(text):
    """A plain decimal number ("4", "4.0", "+4", "4."), else None."""
    body = text[1:] if text[:1] in "+-" else text
    whole, _, frac = body.partition(".")
    if not whole and not frac:
        return None
    if (whole and not whole.isdigit()) or (frac and not frac.isdigit()):
        return None
    if not whole.isascii() or not frac.isascii():
        return None
    return float(text)


def parse_cell(text, scale):
    """(kind, x): kind is blank, na, dk, value or invalid."""
    key = fold(text)
    if key == "":
        return ("blank", None)
    num = parse_number(key)
    if num is not None:
        if num == int(num) and scale["min"] <= num <= scale["max"]:
            return ("value", int(num))
        return ("invalid", None)
    if key in scale["na"]:
        return ("na", None)
    if key in scale["dk"]:
        return ("dk", None)
    if key in scale["labels"]:
        return ("value", scale["labels"][key])
    return ("invalid", None)


def header_index(header, path):
    index = {}
    for i, name in enumerate(header):
        key = fold(name)
        if key in index:
            raise InputError("%s: column \"%s\" is repeated" % (path, name))
        index[key] = i
    return index


def read_csv_file(path, quest, group_by):
    """Respondent records of one CSV file, in file order."""
    try:
        f = open(path, "r", encoding="utf-8-sig", newline="")
    except OSError as e:
        raise InputError("%s: %s" % (path, e))
    with f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header is None:
            raise InputError("%s: no header row" % path)
        cols = header_index(header, path)
        for it in quest["items"]:
            if fold(it["id"]) not in cols:
                raise InputError("%s: no column for item %s" % (path, it["id"]))
        id_col = cols.get(fold(quest["columns"].get("respondent", "")))
        if id_col is None:
            raise InputError("%s: no respondent column" % path)
        grp_col = cols.get(fold(group_by)) if group_by else None
        if group_by and grp_col is None:
            raise InputError("%s: no column \"%s\" to group by"
                             % (path, group_by))
        records, prev_end = [], reader.line_num
        for row in reader:
            start, prev_end = prev_end + 1, reader.line_num
            if not row:
                continue
            records.append(make_record(row, start, path, quest, cols,
                                       id_col, grp_col))
        return records


def cell(row, i):
    return row[i] if i is not None and i < len(row) else ""


def make_record(row, line, path, quest, cols, id_col, grp_col):
    cells, invalid = {}, None
    for it in quest["items"]:
        kind, x = parse_cell(cell(row, cols[fold(it["id"])]), it["scale"])
        if kind == "invalid" and invalid is None:
            invalid = "item %s: invalid answer" % it["id"]
        cells[it["id"]] = (kind, x)
    group = cell(row, grp_col).strip(BLANKS) if grp_col is not None \
        else ALL_GROUP
    return {"id": cell(row, id_col).strip(BLANKS), "source": path,
            "line": line, "group": group, "cells": cells, "invalid": invalid}


# ------------------------------------------------------------ respondent score

def item_unit_value(item, kind, x, params):
    """u in [0, 1] (an exact Fraction) for one cell under the N/A policy,
    or None if missing."""
    s = item["scale"]
    if kind == "value":
        xr = s["min"] + s["max"] - x if item["reverse"] else x
        return Fraction(xr - s["min"], s["max"] - s["min"])
    if kind in ("na", "dk"):
        if params["na_policy"] == "anchor":
            return Fraction(params["na_anchor_percent"]) / 100
        if params["na_policy"] == "zero":
            return Fraction(0)
    return None


def covered(have, total, coverage_min):
    return total > 0 and have / total >= coverage_min


def score_respondent(rec, quest, model, params):
    """Unit-interval scores: items, elements, dimensions and overall,
    over the scope (docs/SCORING.md, "Scope"): an element out of it has
    no score, a dimension is scored over its elements in scope, the
    overall over the dimensions with one."""
    scope = params.get("scope")
    inside = (lambda e: scope is None or e in scope)
    u_item = {}
    for it in quest["items"]:
        kind, x = rec["cells"][it["id"]]
        u_item[it["id"]] = item_unit_value(it, kind, x, params)
    u_el = {}
    for el in model["elements"]:
        its = [it for it in quest["items"] if it["element"] == el["id"]]
        got = [(u_item[it["id"]], it["weight"]) for it in its
               if u_item[it["id"]] is not None]
        ok = covered(len(got), len(its), params["coverage_min"])
        u_el[el["id"]] = weighted_mean(got) if ok and inside(el["id"]) \
            else None
    u_dim = {}
    dims_in = 0
    for d in model["dimensions"]:
        ins = [e for e in d["elements"] if inside(e)]
        dims_in += 1 if ins else 0
        got = [(u_el[e], model["element_by_id"][e]["weight"])
               for e in ins if u_el[e] is not None]
        ok = covered(len(got), len(ins), params["coverage_min"])
        u_dim[d["id"]] = weighted_mean(got) if ok else None
    got = [(u_dim[d["id"]], d["weight"]) for d in model["dimensions"]
           if u_dim[d["id"]] is not None]
    ok = covered(len(got), dims_in, params["coverage_min"])
    answered = sum(1 for v in u_item.values() if v is not None)
    return {"items": u_item, "elements": u_el, "dimensions": u_dim,
            "overall": weighted_mean(got) if ok else None,
            "answered": answered}


def to_scale(u, smin, smax):
    """A unit-interval score on the scale [smin, smax], as a float."""
    if u is None:
        return None
    return float(Fraction(smin) + Fraction(u) * (Fraction(smax)
                                                 - Fraction(smin)))


# --------------------------------------------------------------- distributions
#
# Student t and F without scipy: both are special cases of the regularized
# incomplete beta function I_x(a, b), evaluated with the continued fraction of
# Abramowitz & Stegun 26.5.8 (modified Lentz algorithm), using the symmetry
# I_x(a, b) = 1 - I_{1-x}(b, a) so that the fraction is always evaluated where
# it converges fast.  Tails are computed directly (never as 1 - CDF) so tiny
# p-values keep their relative accuracy.  Quantiles are found by bisection on
# the tail, down to adjacent floating-point numbers.

BETA_EPS = 1e-16
BETA_TINY = 1e-300
BETA_MAX_ITER = 100000


def log_beta(a, b):
    """ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b)."""
    return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)


def _beta_continued_fraction(a, b, x):
    """Continued fraction of I_x(a, b) (modified Lentz), x < (a+1)/(a+b+2)."""
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c = 1.0
    d = 1.0 - qab * x / qap
    if abs(d) < BETA_TINY:
        d = BETA_TINY
    d = 1.0 / d
    h = d
    for m in range(1, BETA_MAX_ITER):
        m2 = 2 * m
        # even step: d_{2m} = m (b − m) x / ((a + 2m − 1)(a + 2m))
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        if abs(d) < BETA_TINY:
            d = BETA_TINY
        c = 1.0 + aa / c
        if abs(c) < BETA_TINY:
            c = BETA_TINY
        d = 1.0 / d
        h *= d * c
        # odd step: d_{2m+1} = −(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1))
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        if abs(d) < BETA_TINY:
            d = BETA_TINY
        c = 1.0 + aa / c
        if abs(c) < BETA_TINY:
            c = BETA_TINY
        d = 1.0 / d
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < BETA_EPS:
            return h
    raise ArithmeticError("incomplete beta: no convergence (a=%r, b=%r, x=%r)"
                          % (a, b, x))


def reg_inc_beta(a, b, x, y=None):
    """Regularized incomplete beta I_x(a, b) for a, b > 0 and 0 <= x <= 1.

    y, when given, is 1 − x computed by the caller without cancellation.
    """
    if y is None:
        y = 1.0 - x
    if x <= 0.0:
        return 0.0
    if y <= 0.0:
        return 1.0
    if x > (a + 1.0) / (a + b + 2.0):
        return 1.0 - reg_inc_beta(b, a, y, x)
    front = math.exp(a * math.log(x) + b * math.log(y) - log_beta(a, b))
    return front * _beta_continued_fraction(a, b, x) / a


def t_upper_tail(t, df):
    """P(T > t) for Student's t with df degrees of freedom."""
    if t == 0.0:
        return 0.5
    tt = t * t
    half = 0.5 * reg_inc_beta(0.5 * df, 0.5, df / (df + tt), tt / (df + tt))
    return half if t > 0 else 1.0 - half


def t_cdf(t, df):
    """P(T <= t) for Student's t with df degrees of freedom."""
    return t_upper_tail(-t, df)


def f_upper_tail(f, df1, df2):
    """P(F > f) for the F distribution with (df1, df2) degrees of freedom."""
    if f <= 0.0:
        return 1.0
    den = df2 + df1 * f
    return reg_inc_beta(0.5 * df2, 0.5 * df1, df2 / den, df1 * f / den)


def f_cdf(f, df1, df2):
    """P(F <= f) for the F distribution with (df1, df2) degrees of freedom."""
    if f <= 0.0:
        return 0.0
    den = df2 + df1 * f
    return reg_inc_beta(0.5 * df1, 0.5 * df2, df1 * f / den, df2 / den)


def _solve_decreasing(tail, target):
    """x >= 0 with tail(x) = target, tail decreasing from tail(0) > target.

    Brackets the root by doubling, then bisects until the bracket is two
    adjacent floating-point numbers (relative width ~2e-16).
    """
    lo, hi = 0.0, 1.0
    while tail(hi) > target:
        lo, hi = hi, hi * 2.0
        if hi > 1e300:
            raise ArithmeticError("quantile out of range")
    while True:
        mid = 0.5 * (lo + hi)
        if mid <= lo or mid >= hi or hi - lo <= 2.2e-16 * hi:
            break
        if tail(mid) > target:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


_quantile_cache = {}


def t_quantile(p, df):
    """The p-quantile of Student's t with df degrees of freedom (0 < p < 1)."""
    key = ("t", p, df)
    if key not in _quantile_cache:
        if p == 0.5:
            q = 0.0
        else:
            upper = min(p, 1.0 - p)   # solve in the upper tail, by symmetry
            q = _solve_decreasing(lambda t: t_upper_tail(t, df), upper)
            if p < 0.5:
                q = -q
        _quantile_cache[key] = q
    return _quantile_cache[key]


def f_quantile(p, df1, df2):
    """The p-quantile of F(df1, df2) (0 < p < 1).

    Solves in whichever tail is smaller, so that both the upper (p near 1)
    and the lower (p near 0) quantiles are accurate.
    """
    key = ("f", p, df1, df2)
    if key not in _quantile_cache:
        if p >= 0.5:
            q = _solve_decreasing(lambda f: f_upper_tail(f, df1, df2), 1.0 - p)
        else:
            q = _solve_decreasing(lambda f: -f_cdf(f, df1, df2), -p)
        _quantile_cache[key] = q
    return _quantile_cache[key]


# ------------------------------------------------------------------ statistics

def quantile7(sorted_values, p):
    """R type 7 / GSL quantile of sorted data."""
    n = len(sorted_values)
    h = (n - 1) * p
    lo = int(math.floor(h))
    if lo + 1 >= n:
        return sorted_values[n - 1]
    return sorted_values[lo] + (h - lo) * (sorted_values[lo + 1]
                                          - sorted_values[lo])


def sum_squares(xs, mean=None):
    """Σ (x − mean)², two-pass (the mean first), summed with math.fsum."""
    if mean is None:
        mean = math.fsum(xs) / len(xs)
    return math.fsum((x - mean) ** 2 for x in xs)


def sample_variance(xs):
    """Sample variance (n − 1 form) of at least two values."""
    return sum_squares(xs) / (len(xs) - 1)


def pearson(xs, ys):
    """Pearson correlation of paired values; None when either has no spread."""
    n = len(xs)
    if n < 2:
        return None
    mx, my = math.fsum(xs) / n, math.fsum(ys) / n
    sxx = sum_squares(xs, mx)
    syy = sum_squares(ys, my)
    if sxx == 0 or syy == 0:
        return None
    sxy = math.fsum((x - mx) * (y - my) for x, y in zip(xs, ys))
    return sxy / math.sqrt(sxx * syy)


def describe(values, group_size):
    """n, missing, mean, sd (n − 1), se, ci95 (Student t), median, q1, q3,
    min and max of the present values (R type 7 quantiles)."""
    xs = sorted(v for v in values if v is not None)
    n = len(xs)
    out = {"n": n, "missing": group_size - n, "mean": None, "sd": None,
           "se": None, "ci95": None, "median": None, "q1": None, "q3": None,
           "min": None, "max": None}
    if n == 0:
        return out
    mean = math.fsum(xs) / n
    out.update(mean=mean, median=quantile7(xs, 0.5), q1=quantile7(xs, 0.25),
               q3=quantile7(xs, 0.75), min=xs[0], max=xs[-1])
    if n > 1:
        sd = math.sqrt(sum_squares(xs, mean) / (n - 1))
        se = sd / math.sqrt(n)
        half = t_quantile(0.975, n - 1) * se
        out.update(sd=sd, se=se, ci95=[mean - half, mean + half])
    return out


def band_of(percent, bands):
    """The band with min <= p < max; the last band also holds 100."""
    if percent is None:
        return None
    for b in bands:
        if b["min"] <= percent < b["max"]:
            return b
    return bands[-1] if percent >= bands[-1]["max"] else bands[0]


def percent_of(mean, lo, hi):
    return None if mean is None else (mean - lo) / (hi - lo) * 100.0


def scored_unit(unit_scores, size, lo, hi, bands):
    """Descriptives of exact unit-interval scores on the score scale, and
    the band of the percent score.

    The band is found from the exact mean (percent = 100 · mean of u), so a
    mean that lies exactly on a band edge is not pushed below it by rounding.
    """
    out = describe([to_scale(u, lo, hi) for u in unit_scores], size)
    present = [u for u in unit_scores if u is not None]
    exact = Fraction(100) * sum(present) / len(present) if present else None
    out["percent"] = float(exact) if exact is not None else None
    b = band_of(exact, bands)
    out["level"] = b["level"] if b else None
    out["level_name"] = b["name"] if b else None
    return out


# --------------------------------------------------- reliability and agreement

REASON_FEW_ITEMS = "fewer than two items"
REASON_FEW_CASES = "fewer complete cases than the reliability minimum"
REASON_FLAT_SUM = "the item sum has zero variance"
REASON_FLAT_ITEM = "an item has zero variance"


def answer_value(item, rec):
    """The raw answer after reverse coding (x' = min + max − x), or None.

    N/A, don't-know and blank are missing here whatever the N/A policy.
    """
    kind, x = rec["cells"][item["id"]]
    if kind != "value":
        return None
    s = item["scale"]
    return s["min"] + s["max"] - x if item["reverse"] else x


def unit_items(quest, model, kind, uid):
    """The questionnaire items of an element or of a dimension."""
    if kind == "element":
        return [it for it in quest["items"] if it["element"] == uid]
    dim = next(d for d in model["dimensions"] if d["id"] == uid)
    return [it for e in dim["elements"] for it in quest["items"]
            if it["element"] == e]


def cronbach_alpha(item_variances, total_variance):
    """α = k/(k − 1) · (1 − Σ s²ᵢ / s²ₜ); None when k < 2 or s²ₜ = 0."""
    k = len(item_variances)
    if k < 2 or total_variance == 0:
        return None
    return k / (k - 1.0) * (1.0 - math.fsum(item_variances) / total_variance)


def feldt_interval(alpha, n, k):
    """Feldt 95 % interval of α: df1 = n − 1, df2 = (n − 1)(k − 1)."""
    df1, df2 = n - 1, (n - 1) * (k - 1)
    return [1.0 - (1.0 - alpha) * f_quantile(0.975, df1, df2),
            1.0 - (1.0 - alpha) * f_quantile(0.025, df1, df2)]


def reliability(items, members, min_cases):
    """Cronbach's α block of one unit over the members' complete cases.

    Listwise: only members who answered every item take part. Figures are
    None, with a reason, when k < 2 or complete cases < min_cases. An item
    with zero variance leaves α (and its interval) but makes the
    correlations that involve it — the mean inter-item r, standardized α and
    that item's r_drop — undefined.
    """
    k = len(items)
    rows = []
    for rec in members:
        row = [answer_value(it, rec) for it in items]
        if all(v is not None for v in row):
            rows.append(row)
    n = len(rows)
    out = {"n": n, "k": k, "alpha": None, "alpha_std": None,
           "alpha_ci95": None, "mean_r": None, "reason": None,
           "items": [{"id": it["id"], "alpha_if_deleted": None,
                      "r_drop": None} for it in items]}
    if k < 2:
        out["reason"] = REASON_FEW_ITEMS
        return out
    if n < max(min_cases, 2):
        out["reason"] = REASON_FEW_CASES
        return out
    cols = [[row[i] for row in rows] for i in range(k)]
    totals = [math.fsum(row) for row in rows]
    var_items = [sample_variance(c) for c in cols]
    alpha = cronbach_alpha(var_items, sample_variance(totals))
    out["alpha"] = alpha
    if alpha is not None:
        out["alpha_ci95"] = feldt_interval(alpha, n, k)
    if any(v == 0 for v in var_items):
        out["reason"] = REASON_FLAT_ITEM
    else:
        rs = [pearson(cols[i], cols[j])
              for i in range(k) for j in range(i + 1, k)]
        mean_r = math.fsum(rs) / len(rs)
        out["mean_r"] = mean_r
        den = 1.0 + (k - 1) * mean_r
        out["alpha_std"] = k * mean_r / den if den != 0 else None
    if alpha is None:
        out["reason"] = REASON_FLAT_SUM
    for i, entry in enumerate(out["items"]):
        rest = [t - x for t, x in zip(totals, cols[i])]
        entry["r_drop"] = pearson(cols[i], rest)
        if k - 1 >= 2:
            others = var_items[:i] + var_items[i + 1:]
            entry["alpha_if_deleted"] = cronbach_alpha(
                others, sample_variance(rest))
    return out


def null_variance(params, a):
    """σ²_E of rwg(j)'s null for A answer options (None: no such figure)."""
    dist = params["rwg_null"]
    if dist == "uniform":
        return (a * a - 1) / 12.0
    if dist == "value":
        return float(params["rwg_null_variance"])
    return TABLED_NULLS[dist].get(a)


def exact_median(sorted_ints):
    """The median of sorted whole numbers as a Fraction (the mean of the two
    middle values when there is an even number)."""
    n = len(sorted_ints)
    if n % 2:
        return Fraction(sorted_ints[n // 2])
    return Fraction(sorted_ints[n // 2 - 1] + sorted_ints[n // 2], 2)


def item_indices(vals, lo, hi):
    """AD_M, AD_Md and a_wg of one item's answers (at least two), exactly.

    Burke & Dunlap (2002): AD = Σ|x − centre| / n. Brown & Hauenstein
    (2005): a_wg = 1 − 2 s² / ([(H + L) M − M² − H L] · n / (n − 1)),
    None when the mean M is at a scale end (the bracket is 0).
    """
    n = len(vals)
    mean = Fraction(sum(vals), n)
    median = exact_median(sorted(vals))
    ad_m = sum(abs(x - mean) for x in vals) / n
    ad_md = sum(abs(x - median) for x in vals) / n
    awg = None
    if lo < mean < hi:
        s2 = sum((x - mean) ** 2 for x in vals) / (n - 1)
        bracket = (hi + lo) * mean - mean * mean - hi * lo
        awg = 1 - 2 * s2 / (bracket * Fraction(n, n - 1))
    return ad_m, ad_md, awg


def agreement(items, members, params):
    """rwg(j) of one unit within one group, and the further indices.

    Each item's variance (n − 1 form) is over its answers in the group (N/A,
    don't-know and blank missing); items with fewer than two answers are left
    out, J counts the rest. A = max − min + 1 answer options (None when the
    unit's items do not share one number of options). The mean variance is
    reported before it is truncated at the null variance σ²_E of the chosen
    null. r*wg(j) = 1 − mean variance / σ²_E, untruncated (Lindell, Brandt &
    Whitney 1999); AD_M(j), AD_Md(j) and a_wg(j) are the means of the items'
    figures (items whose mean is at a scale end have no a_wg).
    """
    size = len(members)
    threshold = params["rwg_threshold"]
    variances, per_item = [], []
    for it in items:
        vals = [v for v in (answer_value(it, rec) for rec in members)
                if v is not None]
        if len(vals) >= 2:
            variances.append(sample_variance(vals))
            per_item.append(item_indices(vals, it["scale"]["min"],
                                         it["scale"]["max"]))
    options = {it["scale"]["max"] - it["scale"]["min"] + 1 for it in items}
    a = options.pop() if len(options) == 1 else None
    j = len(variances)
    sigma2 = null_variance(params, a) if a is not None else None
    out = {"rwg_j": None, "n": size, "j": j, "options": a,
           "mean_variance": math.fsum(variances) / j if j else None,
           "null_variance": sigma2,
           "below_threshold": None, "reason": None,
           "rstar_wg_j": None, "ad_items": 0, "ad_m": None, "ad_md": None,
           "ad_cutoff": a / 6.0 if a is not None else None,
           "ad_m_within_cutoff": None, "ad_md_within_cutoff": None,
           "awg_j": None, "awg_items": 0, "indices_reason": None,
           "awg_reason": None}
    if size < 2:
        out["reason"] = "a group of one"
    elif j == 0:
        out["reason"] = "no item has two answers"
    elif a is None:
        out["reason"] = "items with different numbers of options"
    else:
        ratio = min(out["mean_variance"], sigma2) / sigma2
        rwg = j * (1.0 - ratio) / (j * (1.0 - ratio) + ratio)
        out["rwg_j"] = rwg
        out["below_threshold"] = rwg < threshold
        out["rstar_wg_j"] = 1.0 - out["mean_variance"] / sigma2
    if a is None:
        out["indices_reason"] = out["awg_reason"] = "mixed scales"
        return out
    if not per_item:
        out["indices_reason"] = out["awg_reason"] = "no item has two answers"
        return out
    out["ad_items"] = len(per_item)
    out["ad_m"] = float(sum(x[0] for x in per_item) / len(per_item))
    out["ad_md"] = float(sum(x[1] for x in per_item) / len(per_item))
    out["ad_m_within_cutoff"] = out["ad_m"] <= out["ad_cutoff"]
    out["ad_md_within_cutoff"] = out["ad_md"] <= out["ad_cutoff"]
    awgs = [x[2] for x in per_item if x[2] is not None]
    out["awg_items"] = len(awgs)
    if awgs:
        out["awg_j"] = float(sum(awgs) / len(awgs))
    if len(awgs) < len(per_item):
        out["awg_reason"] = "an item's mean is at a scale end"
    return out


# --------------------------------------------------------------- across groups

def one_way_anova(groups_values):
    """One-way ANOVA and ICC(1), ICC(2) (Bliese) of values by group.

    groups_values: one list of values per group with at least one value.
    k̄ = N / G; ICC(1) = (MSB − MSW)/(MSB + (k̄ − 1) MSW);
    ICC(2) = (MSB − MSW)/MSB; p = upper tail of F(G − 1, N − G).
    """
    g = len(groups_values)
    n = sum(len(v) for v in groups_values)
    out = {"n": n, "groups": g, "k_bar": None, "msb": None,
           "msw": None, "df_between": None, "df_within": None, "f": None,
           "p": None, "icc1": None, "icc2": None, "reason": None}
    if g < 2:
        # no ANOVA at all: k̄ and the degrees of freedom are left out too
        out["reason"] = "fewer than two groups"
        return out
    out.update(k_bar=n / g, df_between=g - 1, df_within=n - g)
    if n - g < 1:
        out["reason"] = "no degrees of freedom within groups"
        return out
    grand = math.fsum(x for vals in groups_values for x in vals) / n
    means = [math.fsum(vals) / len(vals) for vals in groups_values]
    ssb = math.fsum(len(vals) * (m - grand) ** 2
                    for vals, m in zip(groups_values, means))
    ssw = math.fsum(sum_squares(vals, m)
                    for vals, m in zip(groups_values, means))
    msb, msw = ssb / (g - 1), ssw / (n - g)
    out.update(msb=msb, msw=msw)
    if msw > 0:
        out["f"] = msb / msw
        out["p"] = f_upper_tail(out["f"], g - 1, n - g)
    else:
        out["reason"] = "zero variance within the groups"
    if msb == 0:
        out["reason"] = "zero variance between the groups"
    den = msb + (out["k_bar"] - 1.0) * msw
    if den != 0:
        out["icc1"] = (msb - msw) / den
    if msb != 0:
        out["icc2"] = (msb - msw) / msb
    return out


def across_groups(scored, group_ids, model, scale):
    """ANOVA/ICC of every unit's respondent scores on group, and the Pearson
    correlations of the dimension scores (listwise)."""
    lo, hi = scale
    units = [("overall", "overall")] + \
        [("dimension", d["id"]) for d in model["dimensions"]] + \
        [("element", e["id"]) for e in model["elements"]]
    out_units = []
    for kind, uid in units:
        by_group = {}
        for rec in scored:
            sc = rec["score"]
            u = sc["overall"] if kind == "overall" else \
                sc[kind + "s"][uid]
            if u is not None:
                by_group.setdefault(rec["group"], []).append(
                    to_scale(u, lo, hi))
        res = one_way_anova([by_group[gid] for gid in group_ids
                             if gid in by_group])
        res.update(type=kind, id=uid)
        out_units.append(res)
    ids = [d["id"] for d in model["dimensions"]]
    rows = [[to_scale(rec["score"]["dimensions"][i], lo, hi) for i in ids]
            for rec in scored]
    rows = [r for r in rows if all(v is not None for v in r)]
    cols = [[r[i] for r in rows] for i in range(len(ids))]
    matrix = []
    for i in range(len(ids)):
        line = []
        for j in range(len(ids)):
            if len(rows) < 2:
                line.append(None)
            elif i == j:
                line.append(1.0 if sum_squares(cols[i]) > 0 else None)
            else:
                line.append(pearson(cols[i], cols[j]))
        matrix.append(line)
    return {"groups": len(group_ids), "units": out_units,
            "dimension_correlations": {"n": len(rows), "ids": ids,
                                       "r": matrix}}


# ------------------------------------------------------------- aggregation

MASK64 = (1 << 64) - 1
SPLITMIX_GAMMA = 0x9E3779B97F4A7C15
UNIT_STREAM = 0xD1B54A32D192ED03
RGR_TIE = 1e-12


class SplitMix64:
    """splitmix64 (Steele, Lea & Flood 2014), as docs/SCORING.md specifies
    it for random group resampling."""

    def __init__(self, seed):
        self.state = seed & MASK64

    def next(self):
        self.state = (self.state + SPLITMIX_GAMMA) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)


def shuffle(values, rng):
    """Fisher–Yates from the last place down. Each place i takes a uniform
    draw from 0 .. i − 1 by Lemire's method: the high half of a splitmix64
    draw times i, the draw rejected when its low half is below 2^64 mod i
    (the next() arithmetic written inline: the checker makes millions)."""
    state, mask = rng.state, MASK64
    for i in range(len(values), 1, -1):
        while True:
            state = (state + SPLITMIX_GAMMA) & mask
            z = state
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
            m = (z ^ (z >> 31)) * i
            if (m & mask) >= i or (m & mask) >= ((1 << 64) - i) % i:
                break
        j = m >> 64
        values[i - 1], values[j] = values[j], values[i - 1]
    rng.state = state


def plain_variance(xs):
    """Sample variance by two plain passes, summed left to right."""
    mean = sum(xs) / len(xs)
    return sum((x - mean) * (x - mean) for x in xs) / (len(xs) - 1)


def random_group_resampling(by_group, params, n_scored, n_groups, unit):
    """Bliese & Halverson's RGR of one unit's scores (by_group: each group's
    scores in group order). The checker draws the same regroupings as the
    engine (same generator, seed and pool order) but computes the
    statistics itself: the observed mean of the exact group variances, the
    pseudo-groups' mean and sd over every draw with fsum, z as R multilevel's
    rgr.agree, p from the normal distribution function."""
    out = {"groups": 0, "n": 0, "replications": 0,
           "observed_variance": None, "pseudo_mean_variance": None,
           "pseudo_sd_variance": None, "z": None, "p": None,
           "p_permutation": None, "reason": None}
    b_max, limit = params["rgr_replications"], params["rgr_max_draws"]
    if b_max == 0 or n_groups < 2 or \
            n_scored > limit // RGR_MIN_REPLICATIONS:
        out["reason"] = "resampling left out"
        return out
    groups = [sorted(v) for v in by_group if len(v) >= 2]
    sizes = [len(g) for g in groups]
    pool = [x for g in groups for x in g]
    out.update(groups=len(groups), n=len(pool))
    if len(groups) < 2:
        out["reason"] = "fewer than two groups with two scores"
        return out
    observed = math.fsum(sample_variance(g) for g in groups) / len(groups)
    out["observed_variance"] = observed
    if min(pool) == max(pool):
        out["reason"] = "the scores do not vary"
        return out
    b = min(b_max, limit // len(pool))
    rng = SplitMix64(params["rgr_seed"] + UNIT_STREAM * (unit + 1))
    plain_observed = sum(plain_variance(g) for g in groups) / len(groups)
    variances, not_above = [], 0
    for _ in range(b):
        shuffle(pool, rng)
        at, rep = 0, []
        for size in sizes:
            rep.append(plain_variance(pool[at:at + size]))
            at += size
        variances.extend(rep)
        if sum(rep) / len(rep) <= plain_observed * (1 + RGR_TIE):
            not_above += 1
    mean = math.fsum(variances) / len(variances)
    sd = math.sqrt(sum_squares(variances, mean) / (len(variances) - 1))
    out.update(replications=b, pseudo_mean_variance=mean,
               pseudo_sd_variance=sd,
               p_permutation=(1 + not_above) / (1 + b))
    if sd == 0:
        out["reason"] = "the pseudo-groups' variances do not vary"
        return out
    z = (observed - mean) / (sd / math.sqrt(len(groups)))
    out.update(z=z, p=0.5 * math.erfc(-z / math.sqrt(2)))
    return out


def icc_intervals(anova):
    """95 % intervals of ICC(1) and ICC(2) from F (Shrout & Fleiss 1979;
    McGraw & Wong 1996): F_L = F / F(.975; G − 1, N − G),
    F_U = F · F(.975; N − G, G − 1), with k = N / G."""
    f, df1, df2, k = anova["f"], anova["df_between"], anova["df_within"], \
        anova["k_bar"]
    if f is None or f <= 0 or not df1 or not df2:
        return None, None
    f_lo = f / f_quantile(0.975, df1, df2)
    f_hi = f * f_quantile(0.975, df2, df1)
    return ([(f_lo - 1) / (f_lo + k - 1), (f_hi - 1) / (f_hi + k - 1)],
            [1 - 1 / f_lo, 1 - 1 / f_hi])


def verdict_of(agree, differ, chance):
    """(verdict, has a reason) from the three tests (None: not made)."""
    if agree is None:
        return None, True
    if not agree:
        return "do-not-aggregate", True
    if differ and chance:
        return "aggregate", False
    if differ is False or chance is False:
        return "aggregate-with-caution", True
    return None, True


def aggregation(across, groups, scored, group_ids, model, scale, params):
    """Adds to each unit of across_groups its ICC intervals, resampling, mean
    rwg(j) over the groups and the verdict."""
    lo, hi = scale
    n_e, n_d = len(model["elements"]), len(model["dimensions"])
    for unit in across["units"]:
        kind, uid = unit["type"], unit["id"]
        if kind == "element":
            index = [e["id"] for e in model["elements"]].index(uid)
        elif kind == "dimension":
            index = n_e + [d["id"] for d in model["dimensions"]].index(uid)
        else:
            index = n_e + n_d
        unit["icc1_ci95"], unit["icc2_ci95"] = icc_intervals(unit)
        by_group = {g: [] for g in group_ids}
        for rec in scored:
            sc = rec["score"]
            u = sc["overall"] if kind == "overall" else sc[kind + "s"][uid]
            if u is not None:
                by_group[rec["group"]].append(to_scale(u, lo, hi))
        unit["rgr"] = random_group_resampling(
            [by_group[g] for g in group_ids], params, len(scored),
            len(group_ids), index)
        rwgs = []
        for g in groups:
            block = g["overall"] if kind == "overall" else next(
                u for u in g[kind + "s"] if u["id"] == uid)
            if block["agreement"]["rwg_j"] is not None:
                rwgs.append(block["agreement"]["rwg_j"])
        mean = math.fsum(rwgs) / len(rwgs) if rwgs else None
        agree = None if mean is None else mean >= params["rwg_threshold"]
        ci = unit["icc1_ci95"]
        differ = None if ci is None else ci[0] > params["icc1_min"]
        p = unit["rgr"]["p"]
        chance = None if p is None else p < params["rgr_alpha"]
        verdict, why = verdict_of(agree, differ, chance)
        unit["aggregation"] = {
            "rwg_groups": len(rwgs), "rwg_j_mean": mean, "agreement": agree,
            "groups_differ": differ, "beyond_chance": chance,
            "verdict": verdict, "reason": "why" if why else None}


# ---------------------------------------------------------------- group scores

def item_counts(item, members):
    s = item["scale"]
    counts = {str(v): 0 for v in range(s["min"], s["max"] + 1)}
    counts.update(na=0, dont_know=0, blank=0)
    for rec in members:
        kind, x = rec["cells"][item["id"]]
        if kind == "value":
            counts[str(x)] += 1
        elif kind in ("na", "dk", "blank"):
            counts[{"na": "na", "dk": "dont_know", "blank": "blank"}[kind]] += 1
    return counts


def group_items(quest, members):
    out = []
    for it in quest["items"]:
        s = it["scale"]
        vals = [to_scale(rec["score"]["items"][it["id"]], s["min"], s["max"])
                for rec in members]
        unit = describe(vals, len(members))
        unit["percent"] = percent_of(unit["mean"], s["min"], s["max"])
        unit.update(id=it["id"], element=it["element"],
                    reverse=it["reverse"], counts=item_counts(it, members))
        out.append(unit)
    return out


def staged(model, elements, scope=None):
    """Staged level, its name, limiting and unassessed elements, over
    the elements in scope."""
    elements = [e for e in elements if scope is None or e["id"] in scope]
    unassessed = [e["id"] for e in elements if e["n"] == 0]
    if unassessed:
        return None, None, [], unassessed
    low = min(e["level"] for e in elements)
    name = next(b["name"] for b in model["bands"] if b["level"] == low)
    top = max(b["level"] for b in model["bands"])
    limiting = [] if low == top else \
        [e["id"] for e in elements if e["level"] == low]
    return low, name, limiting, []


def group_result(gid, members, model, quest, scale, params):
    lo, hi = scale
    size, bands = len(members), model["bands"]

    def unit(kind, uid):
        res = scored_unit([rec["score"][kind + "s"][uid] for rec in members],
                          size, lo, hi, bands)
        res["id"] = uid
        items = unit_items(quest, model, kind, uid)
        res["reliability"] = reliability(items, members,
                                         params["reliability_min_n"])
        res["agreement"] = agreement(items, members, params)
        return res

    elements = [unit("element", e["id"]) for e in model["elements"]]
    dimensions = [unit("dimension", d["id"]) for d in model["dimensions"]]
    overall = scored_unit([rec["score"]["overall"] for rec in members],
                          size, lo, hi, bands)
    level, name, limiting, unassessed = staged(model, elements,
                                               params.get("scope"))
    overall.update(staged_level=level, staged_level_name=name,
                   limiting_elements=limiting, unassessed_elements=unassessed)
    overall["agreement"] = agreement(quest["items"], members, params)
    return {"id": gid, "n": size, "overall": overall,
            "dimensions": dimensions, "elements": elements,
            "items": group_items(quest, members)}


def compute(records, model, quest, params):
    """Score every record and build the groups, as the report would."""
    scale = score_scale(quest)
    scored, rejected = [], 0
    for rec in records:
        if rec["invalid"] is not None:
            rejected += 1
            continue
        rec["score"] = score_respondent(rec, quest, model, params)
        if rec["score"]["answered"] == 0:
            rejected += 1
            continue
        scored.append(rec)
    by_group = {}
    for rec in scored:
        by_group.setdefault(rec["group"], []).append(rec)
    group_ids = sorted(by_group, key=lambda s: s.encode("utf-8"))
    groups = [group_result(g, by_group[g], model, quest, scale, params)
              for g in group_ids]

    def pooled(kind, uid):
        return {"id": uid, "reliability": reliability(
            unit_items(quest, model, kind, uid), scored,
            params["reliability_min_n"])}

    pooled_reliability = {
        "dimensions": [pooled("dimension", d["id"])
                       for d in model["dimensions"]],
        "elements": [pooled("element", e["id"]) for e in model["elements"]]}
    across = across_groups(scored, group_ids, model, scale)
    aggregation(across, groups, scored, group_ids, model, scale, params)
    return {"parameters": dict(params, score_scale={"min": scale[0],
                                                    "max": scale[1]}),
            "respondents": {"read": len(records), "scored": len(scored),
                            "rejected": rejected},
            "groups": groups, "reliability": pooled_reliability,
            "across_groups": across,
            "scored": scored, "scale": scale}


# ------------------------------------------------------------------ comparison

class Tally:
    def __init__(self, rel_tol):
        self.rel_tol = rel_tol
        self.passed = 0
        self.failed = 0

    def same(self, engine, check, abs_tol=ABS_TOL):
        """Equal: numbers within the tolerance, lists element by element,
        null only with null, anything else exactly."""
        if engine is None or check is None:
            return engine is None and check is None
        if isinstance(check, bool) or isinstance(engine, bool):
            return engine == check
        if isinstance(check, list) and isinstance(engine, list):
            return len(engine) == len(check) and \
                all(self.same(e, c, abs_tol) for e, c in zip(engine, check))
        if isinstance(check, (int, float)) and \
                isinstance(engine, (int, float)):
            return math.isclose(engine, check, rel_tol=self.rel_tol,
                                abs_tol=abs_tol)
        return engine == check

    def figure(self, where, engine, check, abs_tol=ABS_TOL):
        """Count one compared figure; print it when it differs.

        abs_tol=0 compares by relative tolerance only (for p-values, which
        can be far below the absolute tolerance and still matter)."""
        if self.same(engine, check, abs_tol):
            self.passed += 1
            return
        self.failed += 1
        print("%s: engine %s, check %s" % (where, show(engine), show(check)))


def show(v):
    if v is None:
        return "null"
    if isinstance(v, float):
        return repr(v)
    return json.dumps(v) if isinstance(v, (list, dict, bool)) else str(v)


DESCRIBE_FIELDS = ("n", "missing", "mean", "sd", "se", "ci95", "median",
                   "q1", "q3", "min", "max", "percent")
UNIT_FIELDS = DESCRIBE_FIELDS + ("level", "level_name")
OVERALL_FIELDS = UNIT_FIELDS + ("staged_level", "staged_level_name",
                                "limiting_elements", "unassessed_elements")
ITEM_FIELDS = DESCRIBE_FIELDS + ("element", "reverse")
RELIABILITY_FIELDS = ("n", "k", "alpha", "alpha_std", "alpha_ci95", "mean_r")
RELIABILITY_ITEM_FIELDS = ("alpha_if_deleted", "r_drop")
AGREEMENT_FIELDS = ("rwg_j", "n", "j", "options", "mean_variance",
                    "null_variance", "below_threshold", "rstar_wg_j",
                    "ad_items", "ad_m", "ad_md", "ad_cutoff",
                    "ad_m_within_cutoff", "ad_md_within_cutoff", "awg_j",
                    "awg_items")
RGR_FIELDS = ("groups", "n", "replications", "observed_variance",
              "pseudo_mean_variance", "pseudo_sd_variance", "z", "p",
              "p_permutation")
VERDICT_FIELDS = ("rwg_groups", "rwg_j_mean", "agreement", "groups_differ",
                  "beyond_chance", "verdict")
ANOVA_FIELDS = ("n", "groups", "k_bar", "msb", "msw", "df_between",
                "df_within", "f", "p", "icc1", "icc2")


RELATIVE_ONLY_FIELDS = ("p",)


def compare_fields(tally, where, engine, check, fields):
    for f in fields:
        tally.figure("%s/%s" % (where, f), engine.get(f), check.get(f),
                     0.0 if f in RELATIVE_ONLY_FIELDS else ABS_TOL)


def compare_reason(tally, where, engine, check, key="reason"):
    """A reason must be given exactly when the check gives one (the wording
    is the engine's own and is not compared)."""
    e, c = engine.get(key), check.get(key)
    if (e is None) == (c is None):
        tally.passed += 1
    else:
        tally.figure(where + "/" + key, e, c)


def compare_reliability(tally, where, engine, check):
    """A reliability block: the unit's figures, then each item's."""
    where += "/reliability"
    if not isinstance(engine, dict):
        tally.figure(where, engine, "block")
        return
    compare_fields(tally, where, engine, check, RELIABILITY_FIELDS)
    compare_reason(tally, where, engine, check)
    engine_items = {i.get("id"): i for i in engine.get("items") or []}
    tally.figure(where + "/items", sorted(engine_items),
                 sorted(i["id"] for i in check["items"]))
    for item in check["items"]:
        eng = engine_items.get(item["id"])
        if eng is not None:
            compare_fields(tally, "%s/%s" % (where, item["id"]), eng, item,
                           RELIABILITY_ITEM_FIELDS)


def compare_agreement(tally, where, engine, check):
    """An rwg(j) block."""
    where += "/agreement"
    if not isinstance(engine, dict):
        tally.figure(where, engine, "block")
        return
    compare_fields(tally, where, engine, check, AGREEMENT_FIELDS)
    for key in ("reason", "indices_reason", "awg_reason"):
        compare_reason(tally, where, engine, check, key)


def flatten_counts(counts, lo):
    """Engine item counts as {"1": n, ..., "na": n, ...} whatever the shape."""
    flat = {}
    if isinstance(counts, list):
        for i, c in enumerate(counts):
            if isinstance(c, dict):
                flat[str(int(c.get("value")))] = c.get("count")
            else:
                flat[str(lo + i)] = c
        return flat
    if isinstance(counts, dict):
        for k, v in counts.items():
            if isinstance(v, (dict, list)):
                flat.update(flatten_counts(v, lo))
            else:
                try:
                    flat[str(int(float(k)))] = v
                except ValueError:
                    flat[k] = v
    return flat


def compare_units(tally, gid, kind, engine_list, check_list, fields):
    engine_by_id = {u.get("id"): u for u in engine_list or []}
    for unit in check_list:
        where = "%s/%s" % (gid, unit["id"])
        eng = engine_by_id.get(unit["id"])
        if eng is None:
            tally.figure(where + "/present", "absent", kind)
            continue
        compare_fields(tally, where, eng, unit, fields)
        if kind in ("element", "dimension"):
            compare_reliability(tally, where, eng.get("reliability"),
                                unit["reliability"])
            compare_agreement(tally, where, eng.get("agreement"),
                              unit["agreement"])
        if kind == "item":
            lo = min(int(k) for k in unit["counts"] if k.lstrip("-").isdigit())
            flat = flatten_counts(eng.get("counts"), lo)
            for k, v in unit["counts"].items():
                tally.figure("%s/counts.%s" % (where, k), flat.get(k), v)


def compare_group(tally, eng, chk):
    gid = chk["id"]
    tally.figure("%s/-/n" % gid, eng.get("n"), chk["n"])
    compare_fields(tally, "%s/overall" % gid, eng.get("overall") or {},
                   chk["overall"], OVERALL_FIELDS)
    compare_agreement(tally, "%s/overall" % gid,
                      (eng.get("overall") or {}).get("agreement"),
                      chk["overall"]["agreement"])
    compare_units(tally, gid, "element", eng.get("elements"),
                  chk["elements"], UNIT_FIELDS)
    compare_units(tally, gid, "dimension", eng.get("dimensions"),
                  chk["dimensions"], UNIT_FIELDS)
    if "items" in eng:
        compare_units(tally, gid, "item", eng.get("items"), chk["items"],
                      ITEM_FIELDS)


def compare_report(tally, report, result):
    for f in ("read", "scored", "rejected"):
        tally.figure("respondents/-/%s" % f,
                     report.get("respondents", {}).get(f),
                     result["respondents"][f])
    sc = report.get("parameters", {}).get("score_scale", {})
    tally.figure("parameters/score_scale/min", sc.get("min"),
                 result["scale"][0])
    tally.figure("parameters/score_scale/max", sc.get("max"),
                 result["scale"][1])
    engine_groups = report.get("groups", [])
    tally.figure("groups/-/order", [g.get("id") for g in engine_groups],
                 [g["id"] for g in result["groups"]])
    by_id = {g.get("id"): g for g in engine_groups}
    for chk in result["groups"]:
        if chk["id"] in by_id:
            compare_group(tally, by_id[chk["id"]], chk)
        else:
            tally.figure("%s/-/present" % chk["id"], "absent", "group")
    compare_pooled_reliability(tally, report.get("reliability") or {},
                               result["reliability"])
    compare_across_groups(tally, report.get("across_groups") or {},
                          result["across_groups"])


def compare_pooled_reliability(tally, engine, check):
    """Top-level reliability over all scored respondents."""
    for kind in ("dimensions", "elements"):
        engine_by_id = {u.get("id"): u for u in engine.get(kind) or []}
        for unit in check[kind]:
            where = "pooled/%s" % unit["id"]
            eng = engine_by_id.get(unit["id"])
            if eng is None:
                tally.figure(where + "/present", "absent", kind)
                continue
            compare_reliability(tally, where, eng.get("reliability"),
                                unit["reliability"])


def compare_across_groups(tally, engine, check):
    """One-way ANOVA, ICC(1), ICC(2) per unit; dimension correlations."""
    tally.figure("across_groups/-/groups", engine.get("groups"),
                 check["groups"])
    engine_units = {(u.get("type"), u.get("id")): u
                    for u in engine.get("units") or []}
    tally.figure("across_groups/-/units",
                 [[u.get("type"), u.get("id")] for u in engine.get("units")
                  or []],
                 [[u["type"], u["id"]] for u in check["units"]])
    for unit in check["units"]:
        where = "across_groups/%s" % unit["id"]
        eng = engine_units.get((unit["type"], unit["id"]))
        if eng is None:
            tally.figure(where + "/present", "absent", unit["type"])
            continue
        compare_fields(tally, where, eng, unit, ANOVA_FIELDS)
        compare_reason(tally, where, eng, unit)
        compare_fields(tally, where, eng, unit, ("icc1_ci95", "icc2_ci95"))
        for block, fields in (("rgr", RGR_FIELDS),
                              ("aggregation", VERDICT_FIELDS)):
            e, c = eng.get(block), unit[block]
            if not isinstance(e, dict):
                tally.figure(where + "/" + block, e, "block")
                continue
            compare_fields(tally, where + "/" + block, e, c, fields)
            compare_reason(tally, where + "/" + block, e, c)
    eng = engine.get("dimension_correlations") or {}
    chk = check["dimension_correlations"]
    where = "across_groups/dimension_correlations"
    tally.figure(where + "/n", eng.get("n"), chk["n"])
    tally.figure(where + "/ids", eng.get("ids"), chk["ids"])
    rows = eng.get("r") or []
    for i, line in enumerate(chk["r"]):
        for j, r in enumerate(line):
            got = rows[i][j] if i < len(rows) and j < len(rows[i]) \
                else "absent"
            tally.figure("%s/r[%s][%s]" % (where, chk["ids"][i],
                                           chk["ids"][j]), got, r)


def parse_score(text):
    text = text.strip()
    return float(text) if text else None


def compare_respondents_csv(tally, path, result, model):
    try:
        with open(path, "r", encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
    except OSError as e:
        raise InputError("%s: %s" % (path, e))
    scored = result["scored"]
    tally.figure("respondents.csv/-/rows", len(rows), len(scored))
    lo, hi = result["scale"]
    for row, rec in zip(rows, scored):
        where = "respondents.csv/%s" % rec["id"]
        tally.figure(where + "/respondent", row.get("respondent"), rec["id"])
        tally.figure(where + "/group", row.get("group"), rec["group"])
        tally.figure(where + "/line", int(row.get("line") or -1), rec["line"])
        tally.figure(where + "/source",
                     os.path.basename(row.get("source") or ""),
                     os.path.basename(rec["source"]))
        units = [("elements", e["id"]) for e in model["elements"]] + \
                [("dimensions", d["id"]) for d in model["dimensions"]]
        for kind, uid in units:
            tally.figure("%s/%s" % (where, uid), parse_score(row.get(uid, "")),
                         to_scale(rec["score"][kind][uid], lo, hi))
        tally.figure(where + "/overall", parse_score(row.get("overall", "")),
                     to_scale(rec["score"]["overall"], lo, hi))


def csv_value(text):
    """A CSV cell as the check's value: "" is None, yes/no are booleans,
    numbers are floats, anything else the text."""
    if text == "":
        return None
    if text in ("yes", "no"):
        return text == "yes"
    try:
        return float(text)
    except ValueError:
        return text


def read_csv_rows(path):
    try:
        with open(path, "r", encoding="utf-8-sig", newline="") as f:
            return list(csv.DictReader(f))
    except OSError as e:
        raise InputError("%s: %s" % (path, e))


AGGREGATION_CSV = {"n": "n", "j": "j", "options": "options",
                   "null_variance": "null_variance",
                   "mean_variance": "mean_variance", "rwg_j": "rwg_j",
                   "rstar_wg_j": "rstar_wg_j", "ad_items": "ad_items",
                   "ad_m": "ad_m", "ad_md": "ad_md", "ad_cutoff": "ad_cutoff",
                   "ad_m_within_cutoff": "ad_m_within_cutoff",
                   "ad_md_within_cutoff": "ad_md_within_cutoff",
                   "awg_items": "awg_items", "awg_j": "awg_j"}


def compare_aggregation_csv(tally, path, result):
    """aggregation.csv: per group the overall, dimensions and elements."""
    rows = read_csv_rows(path)
    want = []
    for g in result["groups"]:
        want.append((g["id"], "overall", "overall",
                     g["overall"]["agreement"]))
        for kind in ("dimension", "element"):
            for u in g[kind + "s"]:
                want.append((g["id"], kind, u["id"], u["agreement"]))
    tally.figure("aggregation.csv/-/rows", len(rows), len(want))
    for row, (gid, kind, uid, chk) in zip(rows, want):
        where = "aggregation.csv/%s/%s" % (gid, uid)
        tally.figure(where + "/key", [row["group"], row["unit_type"],
                                      row["unit_id"]], [gid, kind, uid])
        for col, key in AGGREGATION_CSV.items():
            tally.figure("%s/%s" % (where, col), csv_value(row[col]),
                         chk[key])


ACROSS_CSV = {"icc1_ci95_lo": ("icc1_ci95", 0), "icc1_ci95_hi": ("icc1_ci95", 1),
              "icc2_ci95_lo": ("icc2_ci95", 0), "icc2_ci95_hi": ("icc2_ci95", 1),
              "rgr_groups": ("rgr", "groups"), "rgr_n": ("rgr", "n"),
              "rgr_replications": ("rgr", "replications"),
              "rgr_observed": ("rgr", "observed_variance"),
              "rgr_pseudo_mean": ("rgr", "pseudo_mean_variance"),
              "rgr_pseudo_sd": ("rgr", "pseudo_sd_variance"),
              "rgr_z": ("rgr", "z"), "rgr_p": ("rgr", "p"),
              "rgr_p_permutation": ("rgr", "p_permutation"),
              "rwg_groups": ("aggregation", "rwg_groups"),
              "rwg_j_mean": ("aggregation", "rwg_j_mean"),
              "agreement": ("aggregation", "agreement"),
              "groups_differ": ("aggregation", "groups_differ"),
              "beyond_chance": ("aggregation", "beyond_chance"),
              "verdict": ("aggregation", "verdict")}


def compare_across_groups_csv(tally, path, result):
    """across_groups.csv: the columns of the aggregation statistics."""
    rows = read_csv_rows(path)
    units = result["across_groups"]["units"]
    tally.figure("across_groups.csv/-/rows", len(rows), len(units))
    for row, unit in zip(rows, units):
        where = "across_groups.csv/%s" % unit["id"]
        tally.figure(where + "/key", [row["unit_type"], row["unit_id"]],
                     [unit["type"], unit["id"]])
        for col, (block, key) in ACROSS_CSV.items():
            value = unit[block]
            value = None if value is None else value[key]
            tally.figure("%s/%s" % (where, col), csv_value(row[col]), value,
                         0.0 if col == "rgr_p" else ABS_TOL)


# ------------------------------------------------------------------- self-test

# Published critical values, 3 decimals: NIST/SEMATECH e-Handbook of
# Statistical Methods, section 1.3.6.7.2 "Critical Values of the Student's t
# Distribution" and section 1.3.6.7.3 "Upper Critical Values of the F
# Distribution" (5 % and 1 % tables). Checked to half a unit in the last
# published place.
NIST_T = [(0.95, 1, 6.314), (0.975, 1, 12.706), (0.995, 1, 63.657),
          (0.975, 2, 4.303), (0.975, 4, 2.776), (0.975, 10, 2.228),
          (0.975, 30, 2.042), (0.975, 100, 1.984)]
NIST_F = [(0.95, 5, 10, 3.326), (0.95, 1, 10, 4.965), (0.95, 10, 10, 2.978),
          (0.99, 3, 20, 4.938)]
# The same quantiles to 10 decimals (the values R's qt() and qf() print;
# they were also confirmed with a 50-digit mpmath computation of the
# incomplete beta function). Checked to half a unit in the 10th decimal.
TEN_DIGIT_T = [(0.975, 1, 12.7062047362), (0.975, 4, 2.7764451052),
               (0.975, 30, 2.0422724563)]
TEN_DIGIT_F = [(0.95, 5, 10, 3.3258345304), (0.975, 2, 30, 4.1820605910)]
SELF_TEST_REL_TOL = 1e-13


def _exact_cases():
    """(name, computed, exact, relative tolerance) from closed forms."""
    pi = math.pi
    cases = []
    # I_x(a, b) special cases.
    cases += [
        ("I_0.3(2.5, 1) = 0.3^2.5", reg_inc_beta(2.5, 1.0, 0.3), 0.3 ** 2.5),
        ("I_0.2(1, 7) = 1 - 0.8^7", reg_inc_beta(1.0, 7.0, 0.2),
         -math.expm1(7 * math.log1p(-0.2))),
        ("I_0.5(40, 40) = 1/2", reg_inc_beta(40.0, 40.0, 0.5), 0.5),
        ("I_0.1(1/2, 1/2) = 2 asin(sqrt 0.1)/pi",
         reg_inc_beta(0.5, 0.5, 0.1), 2 * math.asin(math.sqrt(0.1)) / pi)]
    # Student t: nu = 1 is Cauchy, nu = 2 and nu = 4 have closed forms.
    for p in (0.6, 0.975, 0.995):
        cases.append(("t(%g, 1) = tan(pi (p - 1/2))" % p, t_quantile(p, 1),
                      math.tan(pi * (p - 0.5))))
    for p in (0.025, 0.975):
        cases.append(("t(%g, 2) = (2p - 1)/sqrt(2p(1 - p))" % p,
                      t_quantile(p, 2),
                      (2 * p - 1) / math.sqrt(2 * p * (1 - p))))
    a = 4 * 0.975 * 0.025
    cases.append(("t(0.975, 4), Hill's closed form", t_quantile(0.975, 4),
                  2 * math.sqrt(math.cos(math.acos(math.sqrt(a)) / 3)
                                / math.sqrt(a) - 1)))
    cases.append(("P(T1 <= 3) = 1/2 + atan(3)/pi", t_cdf(3.0, 1),
                  0.5 + math.atan(3.0) / pi))
    cases.append(("P(T1 > 1e6) = atan(1e-6)/pi", t_upper_tail(1e6, 1),
                  math.atan2(1.0, 1e6) / pi))
    # F: df1 = 2 has a closed form; F(p; 1, nu) = t((1 + p)/2, nu)^2;
    # a lower quantile is the reciprocal of an upper one with swapped df.
    for p, d2 in ((0.975, 30), (0.025, 152)):
        cases.append(("F(%g; 2, %d) = (d2/2)((1 - p)^(-2/d2) - 1)" % (p, d2),
                      f_quantile(p, 2, d2),
                      d2 / 2.0 * math.expm1(-2.0 / d2 * math.log1p(-p))))
    cases.append(("F(0.95; 1, 10) = t(0.975, 10)^2", f_quantile(0.95, 1, 10),
                  t_quantile(0.975, 10) ** 2))
    cases.append(("F(0.025; 38, 152) = 1/F(0.975; 152, 38)",
                  f_quantile(0.025, 38, 152),
                  1.0 / f_quantile(0.975, 152, 38)))
    cases.append(("P(F(2, 160) > 50) = (1 + 100/160)^-80",
                  f_upper_tail(50.0, 2, 160), (1.0 + 100.0 / 160.0) ** -80))
    cases.append(("P(F(2, 30) <= 3) = 1 - (1 + 6/30)^-15",
                  f_cdf(3.0, 2, 30), -math.expm1(-15 * math.log1p(6.0 / 30))))
    return cases


def self_test():
    """Check the distribution functions; print one line per check and
    `N passed, M failed`; return 0 only when nothing failed."""
    rows = []
    for p, df, want in NIST_T:
        rows.append(("t(%g, %d) NIST table" % (p, df), t_quantile(p, df),
                     want, 5e-4, "abs"))
    for p, d1, d2, want in NIST_F:
        rows.append(("F(%g; %d, %d) NIST table" % (p, d1, d2),
                     f_quantile(p, d1, d2), want, 5e-4, "abs"))
    for p, df, want in TEN_DIGIT_T:
        rows.append(("t(%g, %d) 10 decimals" % (p, df), t_quantile(p, df),
                     want, 5e-11, "abs"))
    for p, d1, d2, want in TEN_DIGIT_F:
        rows.append(("F(%g; %d, %d) 10 decimals" % (p, d1, d2),
                     f_quantile(p, d1, d2), want, 5e-11, "abs"))
    for name, got, want in _exact_cases():
        rows.append((name, got, want, SELF_TEST_REL_TOL, "rel"))
    # splitmix64 from state 0: the first output of Vigna's reference
    # splitmix64.c (its value as an exact integer, compared exactly)
    rng = SplitMix64(0)
    rows.append(("splitmix64(0), first output", rng.next(),
                 0xE220A8397B1DCDAF, 0, "abs"))
    # a shuffle is a permutation, and Lemire's draw is uniform: all 6
    # orders of 3 values about equally often in 60000 shuffles
    counts = {}
    rng = SplitMix64(1)
    for _ in range(60000):
        x = [0, 1, 2]
        shuffle(x, rng)
        counts[tuple(x)] = counts.get(tuple(x), 0) + 1
    rows.append(("shuffle of 3: orders seen", len(counts), 6, 0, "abs"))
    rows.append(("shuffle of 3: largest share x 6", max(counts.values())
                 * 6 / 60000, 1.0, 0.05, "abs"))
    passed = failed = 0
    for name, got, want, tol, kind in rows:
        err = abs(got - want) if kind == "abs" else \
            abs(got - want) / abs(want)
        ok = err <= tol
        passed, failed = passed + ok, failed + (not ok)
        print("%-4s %-48s %.17g  expected %.17g  (%s err %.1e)"
              % ("ok" if ok else "FAIL", name, got, want, kind, err))
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


# ------------------------------------------------------------------------ main

def respondent_rows(result, model):
    """Each scored respondent's scores on the score scale, in input order."""
    lo, hi = result["scale"]
    rows = []
    for rec in result["scored"]:
        sc = rec["score"]
        scores = {e["id"]: to_scale(sc["elements"][e["id"]], lo, hi)
                  for e in model["elements"]}
        scores.update({d["id"]: to_scale(sc["dimensions"][d["id"]], lo, hi)
                       for d in model["dimensions"]})
        scores["overall"] = to_scale(sc["overall"], lo, hi)
        rows.append({"respondent": rec["id"], "source": rec["source"],
                     "line": rec["line"], "group": rec["group"],
                     "scores": scores})
    return rows


def dump(result, model):
    out = {"parameters": result["parameters"],
           "respondents": result["respondents"],
           "groups": result["groups"],
           "reliability": result["reliability"],
           "across_groups": result["across_groups"],
           "respondent_scores": respondent_rows(result, model)}
    json.dump(out, sys.stdout, indent=2)
    sys.stdout.write("\n")


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="Check a semm report.json against an independent "
                    "re-implementation of the scoring rules.")
    p.add_argument("--self-test", action="store_true",
                   help="check the t and F distribution functions against "
                        "published table values and exact formulas, then "
                        "exit")
    p.add_argument("--model")
    p.add_argument("--questionnaire")
    p.add_argument("--report", help="the engine's report.json")
    p.add_argument("--respondents", help="the engine's respondents.csv")
    p.add_argument("--aggregation-csv", help="the engine's aggregation.csv")
    p.add_argument("--across-groups-csv",
                   help="the engine's across_groups.csv (its columns of "
                        "the aggregation statistics)")
    p.add_argument("--group-by", help="grouping column (default: the "
                   "report's, else the organization column)")
    p.add_argument("--tolerance", type=float, default=DEFAULT_REL_TOL,
                   help="relative tolerance (default 1e-9)")
    p.add_argument("--dump", action="store_true",
                   help="print the computed figures as JSON; no report needed")
    p.add_argument("--na-policy", choices=NA_POLICIES,
                   help="with --dump and no report: N/A policy")
    p.add_argument("--na-anchor-percent", type=float,
                   help="with --dump and no report: anchor percent")
    p.add_argument("--coverage-min", type=float,
                   help="with --dump and no report: coverage minimum")
    p.add_argument("--reliability-min-n", type=int,
                   help="with --dump and no report: fewest complete cases "
                        "for Cronbach's alpha (default 10)")
    p.add_argument("--rwg-threshold", type=float,
                   help="with --dump and no report: rwg(j) threshold "
                        "(default 0.70)")
    p.add_argument("--rwg-null", help="with no report: rwg(j)'s null "
                   "(uniform, slight-skew, moderate-skew, triangular or a "
                   "variance)")
    p.add_argument("--rgr-replications", type=int,
                   help="with no report: regroupings per unit")
    p.add_argument("--rgr-seed", type=int, help="with no report: their seed")
    p.add_argument("--rgr-max-draws", type=int,
                   help="with no report: most regroupings x respondents")
    p.add_argument("--rgr-alpha", type=float,
                   help="with no report: the verdict's resampling level")
    p.add_argument("--icc1-min", type=float,
                   help="with no report: the verdict's least ICC(1)")
    p.add_argument("responses", nargs="*", help="response CSV files")
    args = p.parse_args(argv)
    if args.self_test:
        return args
    if not args.model or not args.questionnaire:
        p.error("--model and --questionnaire are required")
    if not args.responses:
        p.error("at least one response file is required")
    if not args.dump and not (args.report or args.aggregation_csv or
                              args.across_groups_csv):
        p.error("--report (or a CSV report to compare) is required unless "
                "--dump is given")
    return args


def run(args):
    model = load_model(args.model)
    quest = load_questionnaire(args.questionnaire, model)
    report = load_json(args.report) if args.report else None
    params = resolve_parameters(args, report, model, quest)
    if params["na_policy"] not in NA_POLICIES:
        raise InputError("unknown na_policy %r" % params["na_policy"])
    records = []
    for path in args.responses:
        records.extend(read_csv_file(path, quest, params["group_by"]))
    result = compute(records, model, quest, params)
    if args.dump:
        dump(result, model)
        if report is None:
            return 0
    tally = Tally(args.tolerance)
    if report is not None:
        compare_report(tally, report, result)
    if args.respondents:
        compare_respondents_csv(tally, args.respondents, result, model)
    if args.aggregation_csv:
        compare_aggregation_csv(tally, args.aggregation_csv, result)
    if args.across_groups_csv:
        compare_across_groups_csv(tally, args.across_groups_csv, result)
    print("%d passed, %d failed" % (tally.passed, tally.failed))
    return 0 if tally.failed == 0 and tally.passed > 0 else 1


def main(argv=None):
    args = parse_args(argv)
    if args.self_test:
        return self_test()
    try:
        return run(args)
    except InputError as e:
        print("check_report.py: %s" % e, file=sys.stderr)
        return 2
    except (KeyError, TypeError, ValueError) as e:
        print("check_report.py: unusable input: %s: %s"
              % (type(e).__name__, e), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
