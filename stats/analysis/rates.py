"""Interception rates with 95% Wilson intervals, per day and per period.

A rate is computed only where both launched and intercepted are known for the same day, weapon
(family or class) and actor; a period's rate uses the sums over exactly those days.
"""

from __future__ import annotations

import math

import pandas as pd

Z95 = 1.959963984540054


def wilson(k: float, n: float, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for k successes in n trials.

    >>> [round(x, 3) for x in wilson(37, 90)]
    [0.315, 0.514]
    """
    if n <= 0:
        raise ValueError(f"wilson: n must be positive, got {n}")
    if k < 0 or k > n:
        raise ValueError(f"wilson: k must be within 0..n, got k={k}, n={n}")
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    # exact ends at k == 0 and k == n (the formula leaves ~1e-17 of rounding noise there)
    return (0.0 if k == 0 else max(0.0, centre - half)), (
        1.0 if k == n else min(1.0, centre + half)
    )


RATE_COLUMNS = [
    "period",
    "weapon",
    "actor",
    "launched",
    "intercepted",
    "rate",
    "low",
    "high",
    "days",
]


def _paired(series: pd.DataFrame, by: str) -> pd.DataFrame:
    s = series[series["metric"].isin(["launched", "intercepted"])].copy()
    s = s[s[by].notna()]
    if s.empty:
        return pd.DataFrame(columns=["date", by, "actor", "launched", "intercepted"])
    table = s.pivot_table(
        index=["date", by, "actor"], columns="metric", values="value", aggfunc="sum"
    )
    table = table.reindex(columns=["launched", "intercepted"]).dropna()
    return table.reset_index()


def interception_rates(
    series: pd.DataFrame, *, freq: str | None = "D", by: str = "family"
) -> pd.DataFrame:
    """Interception rate per period (`D`, `W`, `M`, or None for the whole span) and weapon.

    `series` is the long daily series of `stats.series.daily_series`; `by` is `family` or
    `weapon` (the class). Days where intercepted exceeds launched (inconsistent reports) are
    left out of the rate and counted in `excluded_days`.
    """
    if by not in {"family", "weapon"}:
        raise ValueError(f"by must be 'family' or 'weapon', got {by!r}")
    pairs = _paired(series, by)
    if pairs.empty:
        return pd.DataFrame(columns=[*RATE_COLUMNS, "excluded_days"])
    bad = pairs["intercepted"] > pairs["launched"]
    pairs["excluded"] = bad
    pairs.loc[bad, ["launched", "intercepted"]] = 0.0
    pairs = pairs[(pairs["launched"] > 0) | bad].copy()
    if freq is None:
        pairs["period"] = "all"
    elif freq == "D":
        pairs["period"] = pairs["date"].dt.strftime("%Y-%m-%d")
    elif freq == "W":
        pairs["period"] = (
            pairs["date"] - pd.to_timedelta(pairs["date"].dt.day_of_week, unit="D")
        ).dt.strftime("%Y-%m-%d")
    elif freq == "M":
        pairs["period"] = pairs["date"].dt.to_period("M").dt.start_time.dt.strftime("%Y-%m-%d")
    else:
        raise ValueError(f"unknown frequency {freq!r}: choose D, W, M or None")
    rows = []
    for (period, weapon, actor), g in pairs.groupby(["period", by, "actor"], sort=True):
        n, k = float(g["launched"].sum()), float(g["intercepted"].sum())
        used = g[~g["excluded"]]
        if n <= 0:
            continue
        lo, hi = wilson(k, n)
        rows.append(
            {
                "period": period,
                "weapon": weapon,
                "actor": actor,
                "launched": n,
                "intercepted": k,
                "rate": k / n,
                "low": lo,
                "high": hi,
                "days": int(used["date"].nunique()),
                "excluded_days": int(g["excluded"].sum()),
            }
        )
    return pd.DataFrame(rows, columns=[*RATE_COLUMNS, "excluded_days"])


def text_vs_dataset(values: pd.DataFrame) -> pd.DataFrame:
    """Per night, metric and weapon family: the dataset's value beside each text source's.

    `values` is `stats.series.source_values(...).values`. `status` says whether they agree:
    `agrees` (equal), `within hedge` (an `at_least`/`approx`/`at_most` figure consistent with the
    dataset: approx within 10%), or `differs`, with `why` spelling out the difference.
    """
    from stats.series import is_dataset_unit

    cols = [
        "event_date",
        "metric",
        "family",
        "actor",
        "doc",
        "claimed_by",
        "qualifier",
        "text",
        "dataset",
        "difference",
        "status",
        "why",
    ]
    if values.empty:
        return pd.DataFrame(columns=cols)
    ds_mask = values["source_unit"].map(is_dataset_unit)
    ds_rows = {
        (r["event_date"], r["metric"], r["family_key"], r["actor"]): r
        for _, r in values[ds_mask].iterrows()
    }
    rows = []
    for _, r in values[~ds_mask].iterrows():
        key = (r["event_date"], r["metric"], r["family_key"], r["actor"])
        if key not in ds_rows:
            continue
        dr = ds_rows[key]
        d, t, q = float(dr["value"]), float(r["value"]), r["qualifier"]
        if t == d:
            status, why = "agrees", ""
        elif q == "at_least" and t <= d:
            status, why = "within hedge", f"'at least {t:g}' is consistent with {d:g}"
        elif q == "at_most" and t >= d:
            status, why = "within hedge", f"'up to {t:g}' is consistent with {d:g}"
        elif q == "approx" and abs(t - d) <= 0.1 * d:
            status, why = "within hedge", f"'about {t:g}' is within 10% of {d:g}"
        else:
            status, why = "differs", _why_differs(r, dr)
        rows.append(
            {
                "event_date": r["event_date"],
                "metric": r["metric"],
                "family": r["family_key"],
                "actor": r["actor"],
                "doc": r["docs"],
                "claimed_by": r["claimed_by"],
                "qualifier": q,
                "text": t,
                "dataset": d,
                "difference": t - d,
                "status": status,
                "why": why,
            }
        )
    return pd.DataFrame(rows, columns=cols)


def _parts(mapping: object) -> str:
    """ "Kh-101 30, Kalibr 4" from {"Kh-101": 30.0, "Kalibr": 4.0}."""
    if not isinstance(mapping, dict) or not mapping:
        return ""
    return ", ".join(f"{k} {v:g}" for k, v in sorted(mapping.items(), key=lambda kv: -kv[1]))


def _why_differs(text: pd.Series, ds: pd.Series) -> str:
    """Why a text value differs from the dataset's value of its night, as specifically as the
    two breakdowns allow: a subset of weapon classes, a subset of the dataset's rows, or a gap."""
    t, d = float(text["value"]), float(ds["value"])
    t_classes = dict(text["breakdown"]) if isinstance(text["breakdown"], dict) else {}
    d_classes = dict(ds["breakdown"]) if isinstance(ds["breakdown"], dict) else {}
    rows = _parts(ds.get("models"))
    said = f"text says {t:g} ({text['qualifier']})"
    # The text names only some classes of the family ("two ballistic missiles" of a night that
    # also had guided missiles): compare like with like.
    named = {c for c in t_classes if c != text["family_key"]}
    if named and set(t_classes) == named and named < set(d_classes):
        same = sum(d_classes[c] for c in named)
        others = _parts({c: v for c, v in d_classes.items() if c not in named})
        if same == t:
            return (
                f"{said}, counting only {', '.join(sorted(named))}; the dataset's {d:g} also has "
                f"{others} (dataset rows: {rows})"
            )
        return (
            f"{said} for {', '.join(sorted(named))}, where the dataset has {same:g}; the dataset's "
            f"family total {d:g} also has {others} (dataset rows: {rows})"
        )
    if t < d:
        return (
            f"{said}, {d - t:g} fewer than the dataset's {d:g}: the dataset sums every row of the "
            f"night ({rows}), the text may count one wave or one report"
        )
    return (
        f"{said}, {t - d:g} more than the dataset's {d:g} ({rows}): the text may count a wider "
        "window than the dataset's night, or a figure revised later"
    )
