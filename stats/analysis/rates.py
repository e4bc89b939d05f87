"""Interception rates with 95% intervals, the outcome ledger, and text against the dataset.

A rate is computed only where both launched and intercepted are known for the same night,
weapon (family or class) and actor; a period's rate uses the sums over exactly those nights.
One night's interval is Wilson's; a period's is a bootstrap over its nights (resampling whole
nights, seeded, so the same input gives the same interval), which reflects how much nights
differ, not only how many weapons were counted. A rate resting on fewer than `MIN_LAUNCHED`
launches is flagged `few`. docs/series.md says what each rate means.
"""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pandas as pd

Z95 = 1.959963984540054
MIN_LAUNCHED = 30  # below this many launches a rate is flagged `few`
N_BOOT = 2000
SEED = 20241113
# `destroyed` in the dataset: shot down before, shot down or suppressed from (airforce.py).
DESTROYED_DRIFT = date(2025, 7, 24)


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
RATE_EXTRA = ["excluded_days", "interval", "few"]


def bootstrap_ratio(
    k: np.ndarray, n: np.ndarray, *, n_boot: int = N_BOOT, seed: int = SEED
) -> tuple[float, float]:
    """95% percentile interval of sum(k)/sum(n) resampling whole nights (rows) with a fixed seed.

    >>> bootstrap_ratio(np.array([5.0, 5.0]), np.array([10.0, 10.0]))
    (0.5, 0.5)
    """
    k, n = np.asarray(k, dtype=float), np.asarray(n, dtype=float)
    if len(n) == 0 or n.sum() <= 0:
        raise ValueError("bootstrap_ratio: no launches")
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(n), size=(n_boot, len(n)))
    num, den = k[idx].sum(axis=1), n[idx].sum(axis=1)
    ratios = num[den > 0] / den[den > 0]
    lo, hi = np.percentile(ratios, [2.5, 97.5])
    return float(min(max(lo, 0.0), 1.0)), float(min(max(hi, 0.0), 1.0))


def rate_interval(k: np.ndarray, n: np.ndarray) -> tuple[float, float, str]:
    """Wilson for one night, a bootstrap over nights for several; the method is returned."""
    if len(n) == 1:
        total = float(n[0])
        lo, hi = wilson(min(float(k[0]), total), total)
        return lo, hi, "wilson"
    lo, hi = bootstrap_ratio(k, n)
    return lo, hi, "bootstrap over nights"


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


def _groups(pairs: pd.DataFrame, by: str):
    """(period, weapon, actor) and its rows' launched, intercepted, excluded and date arrays,
    in key order, rows in frame order: numpy slices, not a pandas frame per group (a daily
    rate has a group per night)."""
    grouped = pairs.groupby(["period", by, "actor"], sort=True)
    codes = grouped.ngroup().to_numpy()
    order = np.argsort(codes, kind="stable")
    cuts = np.flatnonzero(np.diff(codes[order])) + 1
    columns = [
        pairs["launched"].to_numpy(float)[order],
        pairs["intercepted"].to_numpy(float)[order],
        pairs["excluded"].to_numpy(bool)[order],
        pairs["date"].to_numpy()[order],
    ]
    parts = zip(*(np.split(c, cuts) for c in columns), strict=True)
    return zip(grouped.size().index, parts, strict=True)


def interception_rates(
    series: pd.DataFrame, *, freq: str | None = "D", by: str = "family"
) -> pd.DataFrame:
    """Interception rate per period (`D`, `W`, `M`, or None for the whole span) and weapon.

    `series` is the long daily series of `stats.series.daily_series`; `by` is `family` or
    `weapon` (the class). Days where intercepted exceeds launched (inconsistent reports) are
    left out of the rate and counted in `excluded_days`. `interval` names the method (Wilson for
    one day, a seeded bootstrap over days for a period); `few` flags fewer than MIN_LAUNCHED
    launches. For the two rates of the outcome ledger see `outcome_rates`.
    """
    if by not in {"family", "weapon"}:
        raise ValueError(f"by must be 'family' or 'weapon', got {by!r}")
    pairs = _paired(series, by)
    if pairs.empty:
        return pd.DataFrame(columns=[*RATE_COLUMNS, *RATE_EXTRA])
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
    for (period, weapon, actor), (launched, caught, excluded, dates) in _groups(pairs, by):
        n, k = float(launched.sum()), float(caught.sum())
        if n <= 0:
            continue
        used = ~excluded
        lo, hi, method = rate_interval(caught[used], launched[used])
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
                "days": len(np.unique(dates[used])),
                "excluded_days": int(excluded.sum()),
                "interval": method,
                "few": n < MIN_LAUNCHED,
            }
        )
    return pd.DataFrame(rows, columns=[*RATE_COLUMNS, *RATE_EXTRA])


LEDGER_COLUMNS = [
    "date",
    "family",
    "actor",
    "launched",
    "shot_down",
    "lost",
    "left",
    "hit",
    "unexplained",
    "source_unit",
    "definition",
]


def outcome_ledger(records: pd.DataFrame) -> pd.DataFrame:
    """Per night, family and actor: launched, shot down, lost to electronic warfare, still in the
    air or gone abroad (`left`), hit, and the unexplained rest (launched minus the others).

    `records` is `stats.series.reconcile(...).records`. A conflict's shot-down figure is left
    out (NaN). `definition` says what `shot_down` holds: "shot down", or "shot down or
    suppressed" for the dataset's bulletins from DESTROYED_DRIFT on.
    """
    if records.empty:
        return pd.DataFrame(columns=LEDGER_COLUMNS)
    r = records[records["family_key"].ne("tactical_drone")]
    r = r[~r["family_key"].isin(["all", "unknown"])]
    out = pd.DataFrame(
        {
            "date": pd.to_datetime(r["event_date"]),
            "family": r["family_key"].astype(str),
            "actor": r["actor"],
            "launched": r["launched"].astype(float),
            "shot_down": r["intercepted"].astype(float).where(~r["conflict"].astype(bool)),
            "lost": r["lost"].astype(float),
            "left": r["left"].astype(float),
            "hit": r["hit"].astype(float),
            "source_unit": r["source_unit"],
        }
    )
    accounted = out[["shot_down", "lost", "left", "hit"]].fillna(0.0).sum(axis=1)
    out["unexplained"] = out["launched"] - accounted
    from_dataset = r["src_intercepted"].eq("air force dataset") if "src_intercepted" in r else False
    late = out["date"] >= pd.Timestamp(DESTROYED_DRIFT)
    out["definition"] = np.where(from_dataset & late, "shot down or suppressed", "shot down")
    return out[LEDGER_COLUMNS].sort_values(["date", "family", "actor"]).reset_index(drop=True)


OUTCOME_RATE_COLUMNS = [
    "period",
    "family",
    "actor",
    "launched",
    "shot_down",
    "neutralised",
    "shot_down_rate",
    "shot_down_low",
    "shot_down_high",
    "neutralised_rate",
    "neutralised_low",
    "neutralised_high",
    "nights",
    "interval",
    "definition",
    "few",
]


def outcome_rates(
    ledger: pd.DataFrame, *, freq: str | None = "M", min_launched: float = MIN_LAUNCHED
) -> pd.DataFrame:
    """Shot down / launched and neutralised (shot down + lost) / launched per period, family and
    actor, each with a 95% interval (Wilson for one night, a seeded bootstrap over nights for
    more); `few` where fewer than `min_launched` launches stand behind it."""
    from stats.series.periods import period_of

    use = ledger[(ledger["launched"] > 0) & ledger["shot_down"].notna()].copy()
    if use.empty:
        return pd.DataFrame(columns=OUTCOME_RATE_COLUMNS)
    use["period"] = period_of(use["date"], freq)
    use["neutralised"] = (use["shot_down"] + use["lost"].fillna(0.0)).clip(upper=use["launched"])
    rows = []
    for (period, family, actor), g in use.groupby(["period", "family", "actor"], sort=True):
        n = g["launched"].to_numpy(float)
        k, m = g["shot_down"].to_numpy(float), g["neutralised"].to_numpy(float)
        s_lo, s_hi, method = rate_interval(np.minimum(k, n), n)
        n_lo, n_hi, _ = rate_interval(m, n)
        defs = sorted(set(g["definition"]))
        rows.append(
            {
                "period": period,
                "family": family,
                "actor": actor,
                "launched": n.sum(),
                "shot_down": k.sum(),
                "neutralised": m.sum(),
                "shot_down_rate": k.sum() / n.sum(),
                "shot_down_low": s_lo,
                "shot_down_high": s_hi,
                "neutralised_rate": m.sum() / n.sum(),
                "neutralised_low": n_lo,
                "neutralised_high": n_hi,
                "nights": len(g),
                "interval": method,
                "definition": defs[0] if len(defs) == 1 else "mixed: " + " / ".join(defs),
                "few": n.sum() < min_launched,
            }
        )
    return pd.DataFrame(rows, columns=OUTCOME_RATE_COLUMNS)


def text_vs_dataset(values: pd.DataFrame, rest: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per night, metric and weapon family: the dataset's value beside each text source's, both
    of one definition (the national bulletin's night window, strike weapons), differences first.

    `values` is `stats.series.source_values(...).values` and `rest` its `.rest` (the dataset's
    tallies outside the series: named in `why` when they would explain a difference). `status` says whether they agree:
    `agrees` (equal), `within hedge` (an `at_least`/`approx`/`at_most` figure consistent with the
    dataset: approx within 10%), or `differs`, with `why` spelling out the difference.
    """
    from stats.series import is_dataset_unit
    from stats.series.values import KEY

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
    text = values[~ds_mask]
    # Only the text values of a night and definition the dataset has (a row loop over all the
    # text values of a large corpus was most of this function's time).
    text = text[pd.MultiIndex.from_frame(text[KEY]).isin(list(ds_rows))]
    rows = []
    for _, r in text.iterrows():
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
            status, why = "differs", _why_differs(r, dr) + _rest_note(rest, key, t, d)
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
    return order_agreement(pd.DataFrame(rows, columns=cols))


def order_agreement(table: pd.DataFrame) -> pd.DataFrame:
    """`text_vs_dataset` rows in its order: differences first, the largest first, then by
    night and metric (stable: the tables of separate months, concatenated, order as one)."""
    order = table["status"].map({"differs": 0, "within hedge": 1, "agrees": 2})
    table = table.assign(_o=order, _a=-table["difference"].abs())
    return (
        table.sort_values(["_o", "_a", "event_date", "metric"], kind="stable")
        .drop(columns=["_o", "_a"])
        .reset_index(drop=True)
    )


def _rest_note(rest: pd.DataFrame | None, key: tuple, t: float, d: float) -> str:
    """ "; with the regional rows (...) the dataset has 95" where other tallies of that night
    exist: the text may count them, the bulletin does not."""
    if rest is None or rest.empty:
        return ""
    day, metric, family, actor = key
    r = rest[
        rest["event_date"].eq(day)
        & rest["metric"].eq(metric)
        & rest["family_key"].eq(family)
        & rest["actor"].eq(actor)
    ]
    if r.empty:
        return ""
    parts = "; ".join(f"{row.tally}: {row.value:g} ({row.models})" for row in r.itertuples())
    total = d + float(r["value"].sum())
    note = f"; outside the bulletin that night: {parts}, {total:g} in all"
    matches = [row.tally for row in r.itertuples() if d + float(row.value) == t]
    if matches:
        return note + f" - the bulletin plus the {matches[0]} rows equals that sum"
    return note + (" - the text's figure equals that sum" if total == t else "")


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
            f"{said}, {d - t:g} fewer than the dataset's {d:g}: the bulletin's night counts "
            f"{rows}; the text may count one wave or one report"
        )
    return (
        f"{said}, {t - d:g} more than the dataset's {d:g} ({rows}): the text may count a wider "
        "window than the dataset's night, or a figure revised later"
    )
