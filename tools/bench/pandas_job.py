#!/usr/bin/env python3
"""The benchmark's scoring job written in pandas, for comparison with semm.

Usage: pandas_job.py QUESTIONNAIRE.json RESPONSES.csv OUT.csv

This is the job an analyst would otherwise write by hand, and the same job
as r_job.R:

1. Read the responses; the scales' N/A and don't-know codes and blank cells
   are missing answers.
2. Per respondent and element: reverse-code (x -> min + max - x), map each
   answered item to percent of its scale, (x - min) / (max - min) * 100, and
   average; the respondent's overall score is the mean of their element
   scores.
3. Per organization: the mean of its respondents' element and overall
   scores, and, on the overall mean, the percentile rank among all
   organizations ((below + 0.5 * equal) / n * 100), the same within its
   sector (when the file has a sector column), the z-score (sample standard
   deviation) and the rank (1 = highest, ties share the best rank). Ranks
   compare the means rounded to TIE_DECIMALS decimals.
4. Write one CSV row per organization, sorted by organization id, numbers
   with six decimals.

The item -> element map, reverse flags and scale ranges come from the
questionnaire, as semm takes them.
"""
import json
import sys

import numpy as np
import pandas as pd

SECTOR_COLUMN = "sector"
FLOAT_FORMAT = "%.6f"
# Ranks compare overall means rounded to this many decimals, so that ties do
# not depend on the order in which a library happens to add numbers up.
TIE_DECIMALS = 9


def load_questionnaire(path):
    """Item ids, elements, scale bounds, reverse flags and missing codes."""
    with open(path, encoding="utf-8") as f:
        q = json.load(f)
    scales = {s["id"]: s for s in q["scales"]}
    items = []
    missing = {""}
    for s in q["scales"]:
        missing.update(s.get("na", []))
        missing.update(s.get("dont_know", []))
    for item in q["items"]:
        scale = scales[item["scale"]]
        items.append({
            "id": item["id"],
            "element": item["element"],
            "min": float(scale["min"]),
            "max": float(scale["max"]),
            "reverse": bool(item.get("reverse", False)),
        })
    meta = q["metadata"]
    return {
        "items": items,
        "missing": sorted(missing),
        "organization": meta["organization"]["column"],
    }


def mean_ignoring_missing(values):
    """Row means over the answered (non-NaN) cells; NaN if none."""
    answered = ~np.isnan(values)
    counts = answered.sum(axis=1)
    sums = np.where(answered, values, 0.0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counts > 0, sums / counts, np.nan)


def respondent_scores(frame, q):
    """Element and overall percent scores, one row per respondent."""
    ids = [i["id"] for i in q["items"]]
    lo = np.array([i["min"] for i in q["items"]])
    hi = np.array([i["max"] for i in q["items"]])
    rev = np.array([i["reverse"] for i in q["items"]])
    x = frame[ids].to_numpy(dtype=np.float64)
    x = np.where(rev, lo + hi - x, x)
    pct = (x - lo) / (hi - lo) * 100.0
    elements = list(dict.fromkeys(i["element"] for i in q["items"]))
    scores = pd.DataFrame(index=frame.index)
    for e in elements:
        cols = [k for k, i in enumerate(q["items"]) if i["element"] == e]
        scores[e] = mean_ignoring_missing(pct[:, cols])
    scores["overall"] = mean_ignoring_missing(scores[elements].to_numpy())
    return scores, elements


def percentile_rank(v):
    """(count below + 0.5 * count equal) / n * 100 over the non-NaN values."""
    values = v.to_numpy(dtype=np.float64)
    known = values[~np.isnan(values)]
    ordered = np.sort(known)
    below = np.searchsorted(ordered, values, side="left")
    upto = np.searchsorted(ordered, values, side="right")
    with np.errstate(invalid="ignore", divide="ignore"):
        rank = (below + 0.5 * (upto - below)) / len(known) * 100.0
    return pd.Series(np.where(np.isnan(values), np.nan, rank), index=v.index)


def organization_table(frame, q):
    org = q["organization"]
    scores, elements = respondent_scores(frame, q)
    scores[org] = frame[org]
    grouped = scores.groupby(org, sort=True)
    table = grouped[elements + ["overall"]].mean()
    table.insert(0, "respondents", grouped.size())
    if SECTOR_COLUMN in frame.columns:
        sector = frame.groupby(org, sort=True)[SECTOR_COLUMN].first()
        table.insert(0, SECTOR_COLUMN, sector)
    overall = table["overall"]
    tied = overall.round(TIE_DECIMALS)
    table["pct_all"] = percentile_rank(tied)
    if SECTOR_COLUMN in table.columns:
        table["pct_sector"] = tied.groupby(table[SECTOR_COLUMN])\
            .transform(percentile_rank)
    table["z"] = (overall - overall.mean()) / overall.std(ddof=1)
    table["rank"] = tied.rank(ascending=False, method="min")\
        .astype("Int64")
    return table


def main(argv):
    if len(argv) != 4:
        sys.stderr.write(
            "usage: pandas_job.py QUESTIONNAIRE.json RESPONSES.csv OUT.csv\n")
        return 2
    q = load_questionnaire(argv[1])
    header = pd.read_csv(argv[2], nrows=0).columns
    ids = [i["id"] for i in q["items"]]
    wanted = [q["organization"]] + ids
    if SECTOR_COLUMN in header:
        wanted.insert(1, SECTOR_COLUMN)
    frame = pd.read_csv(
        argv[2],
        usecols=wanted,
        dtype={**{c: np.float64 for c in ids}, q["organization"]: str},
        na_values=q["missing"],
        keep_default_na=False,
    )
    organization_table(frame, q).to_csv(argv[3], float_format=FLOAT_FORMAT)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
