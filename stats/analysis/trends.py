"""Trends and change points per family, with well-kept libraries.

- `monotonic_trend`: Kendall's tau between time and the value (the Mann-Kendall test without
  serial-correlation correction), from `scipy.stats.kendalltau`.
- `change_points`: breaks in the mean of a monthly signal (rate or launch volume) found by
  `ruptures` (PELT, L2 cost). The penalty is BIC-like, scaled by the noise level estimated
  from month-to-month differences (robust to the steps themselves).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import ruptures as rpt
from scipy import stats as sps

TREND_COLUMNS = ["family", "start", "end", "periods", "tau", "p_value", "direction"]
CHANGE_COLUMNS = ["family", "period", "before", "after", "change"]


def monthly(nights: pd.DataFrame) -> pd.DataFrame:
    """Per month and family: launched, intercepted (nights with a rate), rate, nights.
    Months with no nights are absent, never zero."""
    n = nights.copy()
    n["period"] = pd.to_datetime(n["date"]).dt.to_period("M").dt.start_time
    rated = n[n["rate"].notna()]
    vol = n.groupby(["period", "family"]).agg(
        launched=("launched", "sum"), nights=("date", "nunique")
    )
    pair = rated.groupby(["period", "family"]).agg(
        paired=("launched", "sum"), intercepted=("intercepted", "sum")
    )
    out = vol.join(pair, how="left").reset_index()
    out["rate"] = out["intercepted"] / out["paired"]
    return out[["period", "family", "launched", "intercepted", "rate", "nights"]]


def monotonic_trend(
    frame: pd.DataFrame, value: str, *, alpha: float = 0.05, by: str = "family"
) -> pd.DataFrame:
    """Per `by` group: Kendall's tau of `value` against period order, its p-value and a
    direction (`rising`, `falling`, or `no trend` when p >= alpha or fewer than 4 periods)."""
    rows = []
    for key, g in frame[frame[value].notna()].groupby(by, sort=True):
        g = g.sort_values("period")
        if len(g) >= 4 and g[value].nunique() > 1:
            res = sps.kendalltau(np.arange(len(g)), g[value].to_numpy())
            tau, p = float(res.statistic), float(res.pvalue)
        else:
            tau, p = math.nan, math.nan
        direction = "no trend" if not p < alpha else ("rising" if tau > 0 else "falling")
        rows.append(
            {
                by: key,
                "start": g["period"].min(),
                "end": g["period"].max(),
                "periods": len(g),
                "tau": tau,
                "p_value": p,
                "direction": direction,
            }
        )
    return pd.DataFrame(rows, columns=[by, *TREND_COLUMNS[1:]])


def _noise(signal: np.ndarray) -> float:
    """The noise level from month-to-month differences, with the largest tenth (at least
    one: the steps themselves) left out."""
    d = np.sort(np.abs(np.diff(signal)))
    if len(d) < 2:
        return 0.0
    keep = d[: len(d) - max(1, len(d) // 10)]
    return float(np.sqrt(np.mean(keep**2) / 2))


def change_points(
    frame: pd.DataFrame,
    value: str,
    *,
    by: str = "family",
    min_size: int = 2,
    penalty: float = 6.0,
) -> pd.DataFrame:
    """Per group: each period where the mean of `value` shifts, with the means before and
    after. `penalty` multiplies sigma^2 * log(n) (larger: fewer breaks)."""
    rows = []
    for key, g in frame[frame[value].notna()].groupby(by, sort=True):
        g = g.sort_values("period").reset_index(drop=True)
        signal = g[value].to_numpy(dtype=float)
        n = len(signal)
        if n < 2 * min_size + 1:
            continue
        sigma = _noise(signal)
        if sigma == 0:
            sigma = max(float(np.std(signal)), 1e-9) / 10
        pen = penalty * sigma**2 * math.log(n)
        bkps = rpt.Pelt(model="l2", min_size=min_size, jump=1).fit(signal).predict(pen=pen)
        edges = [0, *bkps]
        for i, b in enumerate(bkps[:-1]):
            before = float(signal[edges[i] : b].mean())
            after = float(signal[b : edges[i + 2]].mean())
            rows.append(
                {
                    by: key,
                    "period": g.loc[b, "period"],
                    "before": before,
                    "after": after,
                    "change": after - before,
                }
            )
    return pd.DataFrame(rows, columns=[by, *CHANGE_COLUMNS[1:]])
