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


VALUE_COLUMNS = ["event_date", "model", "weapon", "metric", "dataset", "value"]


def model_values(facts: pd.DataFrame) -> pd.DataFrame:
    """Per night, model, weapon class and metric: the dataset's bulletin rows summed
    (`dataset` True) and the text facts' largest mention (`dataset` False). Values of separate
    parts of a corpus combine with `combine_model_values` (sums add, maxima take the max), so a
    report over a stream keeps this small table, not the facts."""
    f = facts[
        facts["metric"].astype(str).isin(["launched", "intercepted"])
        & (facts["scope"].astype(str) == "event")
        & facts["event_date"].notna()
        & facts["weapon"].notna()
    ]
    if f.empty:
        return pd.DataFrame(columns=VALUE_COLUMNS)
    if "dataset" in f:  # stats.series.facts_frame: the dataset told by content
        ds = f["dataset"].astype(bool)
        if "tally" in f:
            ds &= f["tally"].eq("bulletin")  # the national bulletin: no regional repeats
        text = ~f["dataset"].astype(bool)
    else:
        ds = f["doc"].astype(str).str.startswith("missile_attacks_daily")
        text = ~ds
    named = f["weapon_model"].astype(object)
    if "model" in f:  # the dataset's own name for a combined row ("X-101/X-555 and Kalibr")
        named = named.where(named.notna(), f["model"].astype(object))
    g = pd.DataFrame(
        {
            "event_date": f["event_date"],
            "model": named.where(named.notna(), f["weapon"].astype(str) + " (unnamed)"),
            "weapon": f["weapon"].astype(str),
            "metric": f["metric"].astype(str),
            "value": f["value"].astype(float),
        }
    )
    return combine_model_values([g[ds].assign(dataset=True), g[text].assign(dataset=False)])


def combine_model_values(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """`model_values` of several parts as one: dataset values summed, text values' maximum."""
    kept = [p for p in parts if len(p)]
    if not kept:
        return pd.DataFrame(columns=VALUE_COLUMNS)
    both = pd.concat(kept, ignore_index=True)
    key = ["event_date", "model", "weapon", "metric"]
    out = [
        rows.groupby(key)["value"]
        .agg("sum" if is_ds else "max")
        .reset_index()
        .assign(dataset=is_ds)
        for is_ds, rows in both.groupby("dataset")
    ]
    return pd.concat(out, ignore_index=True)[VALUE_COLUMNS]


def model_nights(facts: pd.DataFrame) -> pd.DataFrame:
    """Per night and model: weapon class, launched, intercepted, and `share` of that night's
    launches (all models together)."""
    return nights_of_models(model_values(facts))


def nights_of_models(values: pd.DataFrame) -> pd.DataFrame:
    """`model_nights` from `model_values`: the dataset's values when there are any, else the
    text's."""
    cols = ["date", "model", "weapon", "launched", "intercepted", "share"]
    if values.empty:
        return pd.DataFrame(columns=cols)
    ds = values["dataset"].astype(bool)
    v = values[ds] if ds.any() else values[~ds]
    key = ["event_date", "model", "weapon", "metric"]
    per = v.set_index(key)["value"]
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
