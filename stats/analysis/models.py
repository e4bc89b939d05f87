"""Per weapon model: launches, interception rate and share of the night's attack.

Input: the facts frame (`stats.series.facts_frame`). Models are counted from the air-force
dataset's national-bulletin rows when the run has them (one row per model and wave, summed per
night; regional repeats and tactical drones left out), else from text facts (the largest mention
per document, night and model). A fact with no named model takes the dataset's model text, else
counts as "<class> (unnamed)".
"""

from __future__ import annotations

import pandas as pd

from stats.analysis.rates import wilson

MODEL_COLUMNS = [
    "model",
    "weapon",
    "nights",
    "launched",
    "intercepted",
    "rate",
    "low",
    "high",
    "median_share",
]


def model_nights(facts: pd.DataFrame) -> pd.DataFrame:
    """Per night and model: weapon class, launched, intercepted, and `share` of that night's
    launches (all models together)."""
    cols = ["date", "model", "weapon", "launched", "intercepted", "share"]
    f = facts[
        facts["metric"].astype(str).isin(["launched", "intercepted"])
        & (facts["scope"].astype(str) == "event")
        & facts["event_date"].notna()
        & facts["weapon"].notna()
    ].copy()
    if f.empty:
        return pd.DataFrame(columns=cols)
    if "dataset" in f:  # stats.series.facts_frame: the dataset told by content
        ds = f["dataset"].astype(bool)
        if "tally" in f:
            ds &= f["tally"].eq("bulletin")  # the national bulletin: no regional repeats
    else:
        ds = f["doc"].astype(str).str.startswith("missile_attacks_daily")
    text_only = not ds.any()
    if not text_only:
        f = f[ds]
    elif "dataset" in f:
        f = f[~f["dataset"].astype(bool)]
    named = f["weapon_model"].astype(object)
    if "model" in f:  # the dataset's own name for a combined row ("X-101/X-555 and Kalibr")
        named = named.where(named.notna(), f["model"].astype(object))
    f = f.drop(columns=["model"], errors="ignore")
    f["model"] = named.where(named.notna(), f["weapon"].astype(str) + " (unnamed)")
    f["weapon"] = f["weapon"].astype(str)
    f["metric"] = f["metric"].astype(str)
    key = ["event_date", "model", "weapon", "metric"]
    if not text_only:
        per = f.groupby(key, observed=True)["value"].sum()
    else:
        per = f.groupby([*key, "doc"], observed=True)["value"].max().groupby(key).max()
    table = per.unstack("metric").reindex(columns=["launched", "intercepted"]).reset_index()
    table = table[table["launched"].notna()].rename(columns={"event_date": "date"})
    total = table.groupby("date")["launched"].transform("sum")
    table["share"] = (table["launched"] / total).where(total > 0)
    return table[cols].sort_values(["date", "model"], ignore_index=True)


def per_model(nights: pd.DataFrame) -> pd.DataFrame:
    """Per model: nights, launched, intercepted, rate with 95% Wilson interval (over nights with
    both figures and intercepted <= launched), and the median share of the night's attack."""
    if nights.empty:
        return pd.DataFrame(columns=MODEL_COLUMNS)
    rows = []
    for (model, weapon), g in nights.groupby(["model", "weapon"], sort=True):
        both = g[g["intercepted"].notna() & (g["intercepted"] <= g["launched"])]
        n, k = float(both["launched"].sum()), float(both["intercepted"].sum())
        lo, hi = wilson(k, n) if n > 0 else (float("nan"), float("nan"))
        rows.append(
            {
                "model": model,
                "weapon": weapon,
                "nights": int(g["date"].nunique()),
                "launched": float(g["launched"].sum()),
                "intercepted": k if n > 0 else float("nan"),
                "rate": k / n if n > 0 else float("nan"),
                "low": lo,
                "high": hi,
                "median_share": float(g["share"].median()),
            }
        )
    out = pd.DataFrame(rows, columns=MODEL_COLUMNS)
    return out.sort_values(["launched", "model"], ascending=[False, True], ignore_index=True)
