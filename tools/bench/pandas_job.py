#!/usr/bin/env python3
"""The benchmark's job written in pandas and numpy, for comparison with semm.

Usage: pandas_job.py [--model MODEL.json] [--segment-by COLS]
                     QUESTIONNAIRE.json RESPONSES.csv OUT.csv

It computes what `semm score --segment-by sector,size_band,region --summary`
computes for each organization (group = the questionnaire's organization
column) and unit (overall, each dimension, each element), following
docs/SCORING.md, docs/BENCHMARK.md and the statistical definitions of the
project's domain notes, with semm's defaults (N/A policy exclude, the
questionnaire's or model's coverage minimum, reliability from 10 complete
cases, rwg(j) with the uniform null, benchmark entry from 5 respondents,
anonymity threshold 5 organizations, mean of organization means):

1. Respondent scores. Items are reverse-coded (x' = min + max - x) and put
   on the unit interval u = (x' - min) / (max - min); N/A, don't-know and
   blank cells are missing. An element score is the weighted mean (item
   weights) of the answered u, kept when answered / items >= the coverage
   minimum; a dimension score the weighted mean (element weights) of its
   element scores under the same rule over elements; overall the same over
   dimensions. Scores are reported on the score scale (the shared answer
   scale, else 0..100). A respondent with no answered item is left out
   (semm rejects them).
2. Per organization and unit: n, missing, mean, sd, se, 95 % t interval,
   median, q1, q3 (R type 7), min, max, percent of the scale and level
   (the model's bands; within 1e-9 of a boundary counts as the upper band).
3. Per organization, element and dimension: Cronbach's alpha over the
   complete cases (listwise, answers after reverse coding, at least 10
   cases), standardized alpha from the mean inter-item r, the Feldt 95 %
   interval (scipy's F quantiles; skipped when scipy is missing), and
   rwg(j) with the uniform null (A^2 - 1) / 12 from the variances of each
   item's answered values (items with fewer than two answers are left out;
   undefined for a group of one); rwg(j) over every item too (the
   "overall" unit), when the items share one scale.
4. Across organizations, per unit: one-way ANOVA of respondent scores on
   organization, ICC(1) and ICC(2) with k = N / G, F and its upper tail p;
   pooled over all respondents: alpha, standardized alpha, mean r, Feldt
   interval, and each item's alpha if deleted and corrected item-total r.
5. Benchmark on the percent scores, per segmentation ("all" and each
   segment column): an organization enters with at least 5 respondents;
   its segment is the value most of its respondents give (ties: the first
   in byte order); a segment with fewer than 5 entered organizations, or
   a unit on which fewer than 5 of them have a score, is withheld. Per
   segment and unit the distribution (n, mean, sd, quartiles, deciles);
   per organization the percentile rank ((below + equal / 2) / n * 100,
   itself among its peers), z (peer mean, sample sd) and rank (1 + peers
   strictly higher) with "of" (peers with a score).

Alpha and the agreement variances come from per-organization sums of the
answers and of their pairwise products (one pandas groupby-sum per item
row of the cross-product matrix): answers are whole numbers, so the sums
are exact and so are the centred cross-products, as in semm.

Outputs (numbers in full precision, empty = not defined):
  OUT.csv                one row per organization and unit: the group
                         statistics, reliability, agreement and, for each
                         segmentation S, S_segment, S_percentile, S_z,
                         S_rank, S_of;
  OUT-units.csv          one row per unit: ICC block and pooled alpha;
  OUT-pooled-items.csv   pooled alpha if deleted and r_drop of each item;
  OUT-segments.csv       one row per segmentation, segment and unit: the
                         distribution of organization scores.
(OUT-x.csv means OUT.csv's name with ".csv" replaced by "-x.csv".)

Answers must be numbers or one of the scales' N/A or don't-know codes;
label text is not mapped (tools/gen_bench.c writes numbers). Rows without
an organization value are left out.
"""
import argparse
import json
import os
import sys

import numpy as np
import pandas as pd

try:
    from scipy import stats as sps
except ImportError:  # the F and t quantiles then cannot be computed
    sps = None

COVERAGE_EPSILON = 1e-12     # as semm: have + eps >= coverage * total
BAND_TOLERANCE = 1e-9        # a percent this close to a boundary is on it
RELIABILITY_MIN_N = 10       # complete cases for alpha
MIN_RESPONDENTS = 5          # for an organization to enter the benchmark
ANONYMITY_THRESHOLD = 5      # organizations a segment (and unit) needs
TIE_DECIMALS = 9             # percent scores equal to 1e-9 are tied
ROUNDING_ULPS = 16.0         # semm's bound for "zero up to rounding"
DEFAULT_SEGMENTS = ["sector", "size_band", "region"]


# ------------------------------------------------------------------ inputs

def find_model(quest_path, model_id, given):
    """The model file: given, else beside the questionnaire (../models/),
    else models/ in the current directory or in this repository."""
    if given:
        return given
    here = os.path.dirname(os.path.abspath(__file__))
    for d in (os.path.join(os.path.dirname(os.path.abspath(quest_path)),
                           "..", "models"),
              "models", os.path.join(here, "..", "..", "models")):
        p = os.path.join(d, model_id + ".json")
        if os.path.exists(p):
            return p
    sys.exit(f"pandas_job: model {model_id} not found; give --model")


def load_setup(quest_path, model_path):
    """Items, element and dimension structure, weights, scales and bands."""
    with open(quest_path, encoding="utf-8") as f:
        q = json.load(f)
    with open(find_model(quest_path, q["model"]["id"], model_path),
              encoding="utf-8") as f:
        m = json.load(f)
    scales = {s["id"]: s for s in q["scales"]}
    items = pd.DataFrame([{
        "id": it["id"],
        "element": it["element"],
        "min": float(scales[it["scale"]]["min"]),
        "max": float(scales[it["scale"]]["max"]),
        "reverse": bool(it.get("reverse", False)),
        "weight": float(it.get("weight", 1.0)),
        "missing": list(scales[it["scale"]].get("na", []))
        + list(scales[it["scale"]].get("dont_know", [])),
    } for it in q["items"]])
    elements = pd.DataFrame([
        {"id": e["id"], "dimension": d["id"],
         "weight": float(e.get("weight", 1.0))}
        for d in m["dimensions"] for e in d["elements"]])
    dimensions = pd.DataFrame([
        {"id": d["id"], "weight": float(d.get("weight", 1.0))}
        for d in m["dimensions"]])
    one_scale = items[["min", "max"]].drop_duplicates().shape[0] == 1
    smin, smax = ((items["min"].iat[0], items["max"].iat[0]) if one_scale
                  else (0.0, 100.0))
    coverage = q.get("coverage_min",
                     m.get("scoring", {}).get("coverage_min", 0.5))
    return {
        "items": items, "elements": elements, "dimensions": dimensions,
        "smin": smin, "smax": smax, "coverage": float(coverage),
        "bands": m["levels"]["bands"],
        "organization": q["metadata"]["organization"]["column"],
    }


def read_responses(path, setup, segment_cols):
    """The answer matrix (NaN = missing), organization codes and ids, and
    the segment columns, of the respondents with at least one answer,
    sorted by organization."""
    items = setup["items"]
    org = setup["organization"]
    header = pd.read_csv(path, nrows=0).columns
    segs = [c for c in segment_cols if c in header]
    na = {it.id: it.missing + [""] for it in items.itertuples()}
    na.update({c: [""] for c in [org] + segs})
    frame = pd.read_csv(
        path, usecols=[org] + segs + list(items["id"]),
        dtype={**{c: np.float64 for c in items["id"]},
               **{c: "category" for c in [org] + segs}},
        na_values=na, keep_default_na=False)
    x = frame[list(items["id"])].to_numpy(dtype=np.float64)
    keep = ~np.isnan(x).all(axis=1) & frame[org].notna().to_numpy()
    # groups in byte order of their ids (code point order of str is the
    # byte order of UTF-8), rows sorted by group
    group = frame[org][keep].cat.remove_unused_categories()
    group = group.cat.reorder_categories(sorted(group.cat.categories))
    codes = group.cat.codes.to_numpy()
    order = np.flatnonzero(keep)[np.argsort(codes, kind="stable")]
    ids = pd.Index(group.cat.categories, name="group")
    return (x[order], np.sort(codes, kind="stable"), ids,
            frame[segs].iloc[order].reset_index(drop=True), segs)


def weighted_cover_mean(values, weights, unit_of, n_units, coverage):
    """Per row and unit: the weighted mean of the present values of the
    unit's members (unit_of: each column's unit), NaN below the coverage
    minimum (present members / members)."""
    present = ~np.isnan(values)
    wv = np.where(present, values * weights, 0.0)
    wp = present * weights
    out = np.empty((values.shape[0], n_units))
    for u in range(n_units):
        cols = np.flatnonzero(unit_of == u)
        have = present[:, cols].sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = wv[:, cols].sum(axis=1) / wp[:, cols].sum(axis=1)
        out[:, u] = np.where(have + COVERAGE_EPSILON >= coverage * len(cols),
                             mean, np.nan)
    return out


def respondent_scores(x, setup):
    """Actual answers after reverse coding, and the unit scores on the
    score scale (columns: overall, dimensions, elements)."""
    items, els, dims = setup["items"], setup["elements"], setup["dimensions"]
    lo, hi = items["min"].to_numpy(), items["max"].to_numpy()
    actual = np.where(items["reverse"].to_numpy(), lo + hi - x, x)
    u = (actual - lo) / (hi - lo)
    elem_of = pd.Index(els["id"]).get_indexer(items["element"])
    dim_of = pd.Index(dims["id"]).get_indexer(els["dimension"])
    eu = weighted_cover_mean(u, items["weight"].to_numpy(), elem_of,
                             len(els), setup["coverage"])
    du = weighted_cover_mean(eu, els["weight"].to_numpy(), dim_of,
                             len(dims), setup["coverage"])
    ou = weighted_cover_mean(du, dims["weight"].to_numpy(),
                             np.zeros(len(dims), dtype=int), 1,
                             setup["coverage"])
    s = setup["smin"] + np.hstack([ou, du, eu]) * (setup["smax"] - setup["smin"])
    columns = pd.MultiIndex.from_arrays(
        [["overall"] + ["dimension"] * len(dims) + ["element"] * len(els),
         ["overall"] + list(dims["id"]) + list(els["id"])],
        names=["unit_type", "unit"])
    return actual, pd.DataFrame(s, columns=columns)


# ------------------------------------------------------ group descriptives

def quantile(dist, p, *df):
    """dist.ppf(p, *df) refined by one Newton step on the tail it lies in.
    scipy's own t quantile (1.10) is off by up to 4e-9 relative for some
    degrees of freedom; its cdf and sf are accurate, and one step brings
    the quantile to a few ulps (checked against 40-digit mpmath)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        x = dist.ppf(p, *df)
        if p > 0.5:
            return x + (dist.sf(x, *df) - (1.0 - p)) / dist.pdf(x, *df)
        return x - (dist.cdf(x, *df) - p) / dist.pdf(x, *df)


def levels(percent, bands):
    """The level of each percent: band i while percent < its max - 1e-9."""
    upper = np.array([b["max"] for b in bands[:-1]]) - BAND_TOLERANCE
    lv = np.array([b["level"] for b in bands], dtype=float)
    idx = np.searchsorted(upper, np.nan_to_num(percent), side="right")
    return np.where(np.isnan(percent), np.nan, lv[idx])


def describe(scores, codes, ids, setup):
    """One row per group and unit: n, missing, mean, sd, se, t interval,
    quartiles, min, max, percent and level."""
    g = scores.groupby(codes)
    size = pd.Series(np.bincount(codes, minlength=len(ids)))

    def long(frame, name):
        s = frame.stack(["unit_type", "unit"])
        return s.rename(name)

    q = g.quantile([0.25, 0.5, 0.75])
    out = pd.concat([
        long(g.count(), "n"), long(g.mean(), "mean"), long(g.std(), "sd"),
        long(q.xs(0.5, level=1), "median"), long(q.xs(0.25, level=1), "q1"),
        long(q.xs(0.75, level=1), "q3"),
        long(g.min(), "min"), long(g.max(), "max")], axis=1)
    out.index = out.index.set_names(["code", "unit_type", "unit"])
    out = out.reset_index()
    out.insert(1, "group", ids[out["code"]])
    out.insert(2, "respondents", size[out["code"]].to_numpy())
    out["missing"] = out["respondents"] - out["n"]
    n = out["n"].to_numpy(dtype=float)
    out["se"] = out["sd"] / np.sqrt(n)
    if sps is not None:
        t = quantile(sps.t, 0.975, n - 1)
        out["ci95_low"] = out["mean"] - t * out["se"]
        out["ci95_high"] = out["mean"] + t * out["se"]
    span = setup["smax"] - setup["smin"]
    out["percent"] = (out["mean"] - setup["smin"]) / span * 100.0
    out["level"] = levels(out["percent"].to_numpy(), setup["bands"])
    return out


# ------------------------------------------------ reliability and agreement

def group_sums(values, starts, counts):
    """Column sums of each group's rows (rows sorted by group; a group's
    rows start at starts[g], counts[g] of them)."""
    if len(values) == 0:
        return np.zeros((len(starts),) + values.shape[1:])
    sums = np.add.reduceat(values, np.minimum(starts, len(values) - 1),
                           axis=0)
    sums[counts == 0] = 0.0  # reduceat gives a row, not 0, for empty ones
    return sums


def unit_item_sums(actual, codes, n_groups, cols):
    """Per group, over the rows that answered every item in cols: the
    count, each item's sum (G x k) and the sums of products (G x k x k).
    Rows must be sorted by group code."""
    xu = actual[:, cols]
    complete = ~np.isnan(xu).any(axis=1)
    xc, gc = xu[complete], codes[complete]
    k = len(cols)
    counts = np.bincount(gc, minlength=n_groups)
    starts = np.searchsorted(gc, np.arange(n_groups))
    s = group_sums(xc, starts, counts)
    ss = np.zeros((n_groups, k, k))
    for i in range(k):
        block = group_sums(xc[:, i:i + 1] * xc[:, i:], starts, counts)
        ss[:, i, i:] = block
        ss[:, i:, i] = block
    return counts.astype(np.float64), s, ss


def alpha_from_sums(n, s, ss, items=False):
    """Cronbach's alpha, standardized alpha, mean inter-item r and the
    Feldt interval from the sums (vectorised over the leading axis); with
    items, also each item's alpha if deleted and corrected item-total r.
    cp = n * sum(xy) - sum(x) sum(y) is n times the centred cross-product,
    exact for whole-number answers; the factor cancels in every ratio."""
    k = s.shape[1]
    cp = n[:, None, None] * ss - s[:, :, None] * s[:, None, :]
    var = np.diagonal(cp, axis1=1, axis2=2)
    sum_var = var.sum(axis=1)
    total = cp.sum(axis=(1, 2))
    ok = n >= max(RELIABILITY_MIN_N, 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        alpha = k / (k - 1) * (1.0 - sum_var / total)
        alpha[~ok | ~(total > 0)] = np.nan
        r = cp / np.sqrt(var[:, :, None] * var[:, None, :])
        r = np.clip(r, -1.0, 1.0)
        iu = np.triu_indices(k, 1)
        pairs = r[:, iu[0], iu[1]]
        zero_var = ~(var > 0).all(axis=1)
        mean_r = pairs.mean(axis=1)
        mean_r[~ok | zero_var] = np.nan
        den = 1.0 + (k - 1) * mean_r
        tiny = den <= ROUNDING_ULPS * k * np.finfo(float).eps * (
            1.0 + (k - 1) * np.abs(mean_r))
        alpha_std = np.where(tiny, np.nan, k * mean_r / den)
    res = {"alpha_n": n, "alpha_k": np.full(len(n), k), "alpha": alpha,
           "alpha_std": alpha_std, "mean_r": mean_r}
    if sps is not None:
        df1 = np.where(ok, n - 1, np.nan)
        df2 = df1 * (k - 1)
        res["alpha_ci95_low"] = 1 - (1 - alpha) * quantile(sps.f, 0.975,
                                                           df1, df2)
        res["alpha_ci95_high"] = 1 - (1 - alpha) * quantile(sps.f, 0.025,
                                                            df1, df2)
    if items:
        if_deleted, r_drop = [], []
        for i in range(k):
            rest = [j for j in range(k) if j != i]
            rest_var = cp[:, rest][:, :, rest].sum(axis=(1, 2))
            rest_sum_var = var[:, rest].sum(axis=1)
            cov = cp[:, i, rest].sum(axis=1)
            with np.errstate(invalid="ignore", divide="ignore"):
                a = (k - 1) / (k - 2) * (1.0 - rest_sum_var / rest_var) \
                    if k >= 3 else np.full(len(n), np.nan)
                rd = np.clip(cov / np.sqrt(var[:, i] * rest_var), -1.0, 1.0)
            a = np.where(ok & (rest_var > 0), a, np.nan)
            rd = np.where(ok & (var[:, i] > 0) & (rest_var > 0), rd, np.nan)
            if_deleted.append(a)
            r_drop.append(rd)
        res["alpha_if_deleted"] = np.array(if_deleted).T
        res["r_drop"] = np.array(r_drop).T
    return res


def rwg_j(item_var, cols, group_n, options):
    """rwg(j) per group with the uniform null: items with a variance (two
    or more answers) count; mean variance truncated at the null's."""
    v = item_var[:, cols]
    j = (~np.isnan(v)).sum(axis=1)
    sigma2 = (options * options - 1.0) / 12.0
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_var = np.nansum(v, axis=1) / j
        ratio = np.minimum(mean_var, sigma2) / sigma2
        agree = j * (1.0 - ratio)
        rwg = agree / (agree + ratio)
    defined = (group_n >= 2) & (j > 0)
    return {"rwg_j": np.where(defined, rwg, np.nan),
            "rwg_items": np.where(group_n >= 2, j, 0),
            "rwg_options": np.full(len(j), options),
            "mean_variance": np.where(defined, mean_var, np.nan),
            "null_variance": np.full(len(j), sigma2)}


def reliability(actual, codes, ids, setup):
    """Per group and element/dimension: alpha block and rwg(j); pooled
    alpha (with item figures) per unit."""
    items, els = setup["items"], setup["elements"]
    g_n = np.bincount(codes, minlength=len(ids))
    # item variances over each item's answered values, per group
    item_var = pd.DataFrame(actual).groupby(codes).var().reindex(
        range(len(ids))).to_numpy()
    units = [("element", e, list(np.flatnonzero(items["element"] == e)))
             for e in els["id"]]
    units += [("dimension", d, list(np.flatnonzero(items["element"].isin(
        els.loc[els["dimension"] == d, "id"])))) for d in setup["dimensions"]["id"]]
    rows, pooled, pooled_items = [], [], []
    for utype, uid, cols in units:
        n, s, ss = unit_item_sums(actual, codes, len(ids), cols)
        block = pd.DataFrame(alpha_from_sums(n, s, ss))
        lo = items["min"].iloc[cols]
        hi = items["max"].iloc[cols]
        if lo.nunique() == 1 and hi.nunique() == 1:
            agr = rwg_j(item_var, cols, g_n, hi.iat[0] - lo.iat[0] + 1)
            block = block.assign(**agr)
        block.insert(0, "unit", uid)
        block.insert(0, "unit_type", utype)
        block.insert(0, "code", np.arange(len(ids)))
        rows.append(block)
        p = alpha_from_sums(n.sum(keepdims=True), s.sum(axis=0)[None],
                            ss.sum(axis=0)[None], items=True)
        pooled.append({"unit_type": utype, "unit": uid,
                       **{k: v[0] for k, v in p.items()
                          if k not in ("alpha_if_deleted", "r_drop")}})
        for i, c in enumerate(cols):
            pooled_items.append({
                "unit_type": utype, "unit": uid, "item": items["id"].iat[c],
                "alpha_if_deleted": p["alpha_if_deleted"][0, i],
                "r_drop": p["r_drop"][0, i]})
    # rwg(j) over every item of the questionnaire (semm's "overall"
    # agreement), when they share one scale; no alpha for it
    if items["min"].nunique() == 1 and items["max"].nunique() == 1:
        agr = rwg_j(item_var, list(range(len(items))), g_n,
                    items["max"].iat[0] - items["min"].iat[0] + 1)
        block = pd.DataFrame(agr)
        block.insert(0, "unit", "overall")
        block.insert(0, "unit_type", "overall")
        block.insert(0, "code", np.arange(len(ids)))
        rows.append(block)
    return (pd.concat(rows, ignore_index=True), pd.DataFrame(pooled),
            pd.DataFrame(pooled_items))


def icc(scores, codes):
    """One-way ANOVA of respondent scores on group, per unit: ICC(1),
    ICC(2) with k = N / G over the groups with a score (Bliese)."""
    g = scores.groupby(codes)
    cnt, mean, var = g.count(), g.mean(), g.var()
    n_tot = cnt.sum()
    groups = (cnt > 0).sum()
    grand = (cnt * mean).sum() / n_tot
    ssb = (cnt * (mean - grand) ** 2).sum()
    ssw = ((cnt - 1) * var.fillna(0.0)).sum()
    df_b, df_w = groups - 1, n_tot - groups
    msb, msw = ssb / df_b, ssw / df_w
    k_bar = n_tot / groups
    out = pd.DataFrame({
        "n": n_tot, "groups": groups, "k_bar": k_bar, "msb": msb,
        "msw": msw, "df_between": df_b, "df_within": df_w,
        "f": msb / msw,
        "icc1": (msb - msw) / (msb + (k_bar - 1) * msw),
        "icc2": (msb - msw) / msb})
    if sps is not None:
        out["p"] = sps.f.sf(out["f"], df_b, df_w)
    return out.reset_index()


# ---------------------------------------------------------------- benchmark

def group_segments(seg_frame, segs, codes, n_groups):
    """Per group and segment column: the value most respondents give, the
    first in byte order on a tie; NaN when none gives one."""
    out = pd.DataFrame(index=range(n_groups))
    for c in segs:
        counts = (pd.DataFrame({"code": codes, "v": seg_frame[c].to_numpy()})
                  .dropna().value_counts().rename("count").reset_index())
        best = (counts.sort_values(["code", "count", "v"],
                                   ascending=[True, False, True])
                .drop_duplicates("code").set_index("code")["v"])
        out[c] = best.reindex(out.index)
    return out


def benchmark(table, seg_of_group, segs):
    """Placements (added to the group table) and segment distributions."""
    entered = table["respondents"] >= MIN_RESPONDENTS
    table = table.assign(entered=entered)
    dists = []
    for seg in ["all"] + segs:
        segment = (pd.Series("all", index=table.index) if seg == "all"
                   else seg_of_group[seg].reindex(table["code"]).set_axis(
                       table.index))
        table[seg + "_segment"] = segment
        # entered organizations per segment (the anonymity rule's count)
        orgs = (table.loc[entered & segment.notna()]
                .drop_duplicates("code").assign(s=segment)
                .groupby("s").size())
        peers = entered & segment.notna() & table["percent"].notna()
        p = table.loc[peers, ["unit_type", "unit", "percent"]].assign(
            s=segment[peers])
        by = p.groupby(["s", "unit_type", "unit"])["percent"]
        n = by.transform("count")
        ok = (n >= ANONYMITY_THRESHOLD) & (
            p["s"].map(orgs).fillna(0) >= ANONYMITY_THRESHOLD).to_numpy()
        mean, sd = by.transform("mean"), by.transform("std")
        # ties compare the scores rounded to TIE_DECIMALS: a tie must not
        # depend on the order in which sums happened to be added up
        tied = p["percent"].round(TIE_DECIMALS).groupby(
            [p["s"], p["unit_type"], p["unit"]])
        table[seg + "_percentile"] = ((tied.rank(method="average") - 0.5)
                                      / n * 100.0)[ok]
        table[seg + "_z"] = ((p["percent"] - mean) / sd.where(sd > 0))[ok]
        table[seg + "_rank"] = tied.rank(method="min", ascending=False)[ok]
        table[seg + "_of"] = n[ok]
        probs = sorted({0.25, 0.75} | {i / 10 for i in range(1, 10)})
        qs = by.quantile(probs).unstack().reindex(columns=probs)
        d = pd.concat([by.count().rename("n"), by.mean().rename("mean"),
                       by.std().rename("sd"), by.min().rename("min"),
                       by.max().rename("max")], axis=1)
        d["q1"], d["median"], d["q3"] = qs[0.25], qs[0.5], qs[0.75]
        for i in range(1, 10):
            d[f"d{i}"] = qs[i / 10]
        d = d.reset_index().rename(columns={"s": "segment"})
        d["organizations"] = d["segment"].map(orgs)
        d["withheld"] = ((d["n"] < ANONYMITY_THRESHOLD)
                         | (d["organizations"] < ANONYMITY_THRESHOLD))
        stats_cols = ["mean", "sd", "min", "max", "q1", "median", "q3"] + [
            f"d{i}" for i in range(1, 10)]
        d.loc[d["withheld"], stats_cols] = np.nan
        d.insert(0, "segmentation", seg)
        dists.append(d)
    return table, pd.concat(dists, ignore_index=True)


# --------------------------------------------------------------------- main

def sibling(path, name):
    root = path[:-4] if path.endswith(".csv") else path
    return f"{root}-{name}.csv"


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", help="the model file (default: found by id)")
    ap.add_argument("--segment-by", default=",".join(DEFAULT_SEGMENTS),
                    help="segment columns, comma-separated (those missing "
                    "from the file are skipped)")
    ap.add_argument("questionnaire")
    ap.add_argument("responses")
    ap.add_argument("out")
    a = ap.parse_args(argv[1:])
    if sps is None:
        sys.stderr.write("pandas_job: scipy missing: no t or Feldt "
                         "intervals, no ICC p values\n")
    setup = load_setup(a.questionnaire, a.model)
    seg_cols = [c for c in a.segment_by.split(",") if c]
    x, codes, ids, seg_frame, segs = read_responses(a.responses, setup,
                                                    seg_cols)
    actual, scores = respondent_scores(x, setup)
    table = describe(scores, codes, ids, setup)
    rel, pooled, pooled_items = reliability(actual, codes, ids, setup)
    table = table.merge(rel, on=["code", "unit_type", "unit"], how="left")
    seg_of_group = group_segments(seg_frame, segs, codes, len(ids))
    table, dists = benchmark(table, seg_of_group, segs)
    units = icc(scores, codes).merge(pooled, on=["unit_type", "unit"],
                                     how="left")
    counts = ["n", "missing", "level", "alpha_n", "alpha_k", "rwg_items",
              "rwg_options"] + [f"{s}_{f}" for s in ["all"] + segs
                                for f in ("rank", "of")]
    table = table.astype({c: "Int64" for c in counts if c in table})
    table.drop(columns="code").to_csv(a.out, index=False)
    units.to_csv(sibling(a.out, "units"), index=False)
    pooled_items.to_csv(sibling(a.out, "pooled-items"), index=False)
    dists.to_csv(sibling(a.out, "segments"), index=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
