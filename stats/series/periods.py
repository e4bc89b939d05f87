"""Chosen values -> long daily series -> sums per period; conflicts per period.

A day with no report is absent (NaN in a wide view), never zero.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

FREQS = {"D": "D", "W": "W-MON", "M": "MS"}
SERIES_COLUMNS = ["date", "metric", "weapon", "family", "actor", "value", "sources", "source_unit"]
PERIOD_COLUMNS = ["period", "metric", "weapon", "actor", "value", "days", "sources"]


def daily_series(chosen: pd.DataFrame) -> pd.DataFrame:
    """Long daily series: date, metric, weapon (class), family, actor, value, sources.

    A family's value is spread over the classes of the chosen source's breakdown, so the rows of
    one family always come from one source and can be summed without double counting.
    """
    if chosen.empty:
        out = pd.DataFrame(columns=SERIES_COLUMNS)
        out["date"] = pd.to_datetime(out["date"])
        return out
    breakdown = [
        b if isinstance(b, dict) and b else {"all": v}
        for b, v in zip(chosen["breakdown"], chosen["value"], strict=True)
    ]
    lengths = np.array([len(b) for b in breakdown])
    idx = np.repeat(np.arange(len(chosen)), lengths)
    weapons = [w for b in breakdown for w in b]
    vals = [float(x) for b in breakdown for x in b.values()]
    base = chosen.iloc[idx].reset_index(drop=True)
    family = base["family_key"].astype(object)
    out = pd.DataFrame(
        {
            "date": pd.to_datetime(base["event_date"]),
            "metric": base["metric"].astype(str),
            "weapon": pd.Series(weapons, dtype=object).where(lambda w: w != "all", None),
            "family": family.where(~family.isin(["all", "unknown"]), None),
            "actor": base["actor"],
            "value": vals,
            "sources": base["n_sources"].astype(int),
            "source_unit": base["source_unit"],
        }
    )
    return out.sort_values(
        ["date", "metric", "family", "weapon"], na_position="last", kind="stable"
    ).reset_index(drop=True)


def wide(
    series: pd.DataFrame, *, metric: str, by: str = "family", actor: str = "russia"
) -> pd.DataFrame:
    """A date-indexed table of one metric, one column per family (or class): NaN = no report."""
    s = series[(series["metric"] == metric) & (series["actor"] == actor)]
    if s.empty:
        return pd.DataFrame(index=pd.DatetimeIndex([], name="date"))
    table = s.pivot_table(index="date", columns=by, values="value", aggfunc="sum")
    full = pd.date_range(table.index.min(), table.index.max(), freq="D", name="date")
    return table.reindex(full)


def period_of(dates: pd.Series, freq: str | None) -> pd.Series:
    """The period a date belongs to as `YYYY-MM-DD` (its first day), `all` for freq None."""
    if freq is None:
        return pd.Series("all", index=dates.index)
    if freq == "D":
        start = dates
    elif freq == "W":
        start = dates - pd.to_timedelta(dates.dt.day_of_week, unit="D")
    elif freq == "M":
        start = dates.dt.to_period("M").dt.start_time
    else:
        raise ValueError(f"unknown frequency {freq!r}: choose D, W, M or None")
    return start.dt.strftime("%Y-%m-%d")


def resample(series: pd.DataFrame, freq: str = "D") -> pd.DataFrame:
    """Sums per period (`D`, `W` from Monday, `M`), one row per (period, metric, weapon, actor).

    Only days with data are added; `days` says how many days each sum covers and `sources` how
    many documents or dataset rows it rests on. No total rows: any slice can be summed.
    """
    if freq not in FREQS:
        raise ValueError(f"unknown frequency {freq!r}: choose D, W or M")
    if series.empty:
        return pd.DataFrame(columns=PERIOD_COLUMNS)
    s = series.copy()
    s["weapon"] = s["weapon"].fillna("")
    s["period"] = period_of(s["date"], freq)
    out = (
        s.groupby(["period", "metric", "weapon", "actor"], sort=True, observed=True)
        .agg(value=("value", "sum"), days=("date", "nunique"), sources=("sources", "sum"))
        .reset_index()
    )
    out["weapon"] = out["weapon"].replace("", np.nan)
    return out[PERIOD_COLUMNS]


PERIOD_CONFLICT_COLUMNS = ["period", "family", "actor", "launched", "intercepted", "why"]


def period_conflicts(series: pd.DataFrame, freq: str = "D") -> pd.DataFrame:
    """Periods where the summed intercepted exceeds the summed launched for a family and actor,
    with why: the nights that give an intercepted figure and no launched figure."""
    s = series[series["metric"].isin(["launched", "intercepted"]) & series["family"].notna()]
    if s.empty:
        return pd.DataFrame(columns=PERIOD_CONFLICT_COLUMNS)
    s = s.assign(period=period_of(s["date"], freq))
    keys = ["period", "family", "actor"]
    sums = s.pivot_table(index=keys, columns="metric", values="value", aggfunc="sum")
    sums = sums.reindex(columns=["launched", "intercepted"]).fillna(0.0)
    bad = sums[sums["intercepted"] > sums["launched"]].reset_index()
    if bad.empty:
        return pd.DataFrame(columns=PERIOD_CONFLICT_COLUMNS)
    nights = s.pivot_table(
        index=[*keys, "date"], columns="metric", values="value", aggfunc="sum"
    ).reindex(columns=["launched", "intercepted"])
    lone = nights[nights["launched"].isna()].reset_index()
    lone["day"] = (
        lone["date"].dt.strftime("%Y-%m-%d") + " (" + lone["intercepted"].map("{:g}".format) + ")"
    )
    listing = lone.groupby(keys)["day"].agg(", ".join)
    bad["why"] = "intercepted without a launched figure on " + bad.set_index(keys).index.map(
        listing.to_dict()
    ).fillna("no night").astype(str)
    return bad[PERIOD_CONFLICT_COLUMNS]


def explain_table(
    candidates: pd.DataFrame,
    conflicts: pd.DataFrame | None = None,
    periods: pd.DataFrame | None = None,
    rest: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every candidate flat for a file (dates as `YYYY-MM-DD`, models as "Kh-101 30; Kalibr 4"),
    then, one row each, the night conflicts withheld, the periods whose sums conflict, and the
    dataset's tallies left out of the series. `kind` says which a row is."""
    parts = [
        candidates.drop(columns=["breakdown", "_rank"], errors="ignore").assign(kind="candidate")
    ]
    if conflicts is not None and len(conflicts):
        c = conflicts.rename(columns={"intercepted": "value"}).assign(
            kind="conflict", metric="intercepted", chosen=False
        )
        c["reason"] = (
            "intercepted "
            + c["value"].map("{:g}".format)
            + " above launched "
            + c["launched"].map("{:g}".format)
            + " (from "
            + c["intercepted_from"].astype(str)
            + " / "
            + c["launched_from"].astype(str)
            + "): "
            + c["action"].astype(str)
        )
        parts.append(
            c.drop(columns=["launched", "launched_from", "intercepted_from", "action", "mixed"])
        )
    if periods is not None and len(periods):
        p = periods.rename(columns={"family": "family_key", "intercepted": "value"})
        p = p.assign(kind="period conflict", metric="intercepted", chosen=False)
        p["reason"] = (
            "period "
            + p["period"].astype(str)
            + ": intercepted "
            + p["value"].map("{:g}".format)
            + " above launched "
            + p["launched"].map("{:g}".format)
            + "; "
            + p["why"]
        )
        p["event_date"] = pd.to_datetime(p["period"], errors="coerce")
        parts.append(p.drop(columns=["period", "launched", "why"]))
    if rest is not None and len(rest):
        r = rest.assign(kind="not in series", chosen=False, source_unit="air force dataset")
        r["reason"] = "left out of the night series: " + r["tally"].astype(str)
        parts.append(r.drop(columns=["tally"]))
    table = pd.concat(parts, ignore_index=True)
    for col in ("event_date", "published"):
        if col in table:
            table[col] = pd.to_datetime(table[col]).dt.strftime("%Y-%m-%d")
    if "models" in table:
        table["models"] = table["models"].map(
            lambda m: "; ".join(f"{k} {v:g}" for k, v in m.items()) if isinstance(m, dict) else m
        )
    return table
