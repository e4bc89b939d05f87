"""Saturation: does the interception rate fall as the night's attack grows?

Nights are put in bins by launched count (quantile bins by default, so each holds about as
many nights); each bin's rate is pooled over its nights with a 95% Wilson interval. Spearman's
rank correlation (scipy) between size and the night's rate says whether the relation is
monotonic at all.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats as sps

from stats.analysis.rates import wilson

SATURATION_COLUMNS = [
    "family",
    "bin",
    "smallest",
    "largest",
    "nights",
    "launched",
    "intercepted",
    "rate",
    "low",
    "high",
]


def saturation(nights: pd.DataFrame, *, bins: int = 4) -> pd.DataFrame:
    """Per family and size bin (1 = smallest attacks): the pooled rate of its nights.

    `nights` is `stats.analysis.nights.night_table(...)`: only nights with a rate count.
    """
    n = nights[nights["rate"].notna()]
    rows = []
    for family, g in n.groupby("family", sort=True):
        k = min(bins, g["launched"].nunique())
        if k < 1:
            continue
        codes = pd.qcut(g["launched"].rank(method="first"), k, labels=False) + 1
        for b, gb in g.groupby(codes, sort=True):
            lo, hi = wilson(gb["intercepted"].sum(), gb["launched"].sum())
            rows.append(
                {
                    "family": family,
                    "bin": int(b),
                    "smallest": float(gb["launched"].min()),
                    "largest": float(gb["launched"].max()),
                    "nights": len(gb),
                    "launched": float(gb["launched"].sum()),
                    "intercepted": float(gb["intercepted"].sum()),
                    "rate": float(gb["intercepted"].sum() / gb["launched"].sum()),
                    "low": lo,
                    "high": hi,
                }
            )
    return pd.DataFrame(rows, columns=SATURATION_COLUMNS)


def saturation_test(nights: pd.DataFrame) -> pd.DataFrame:
    """Per family: Spearman's rho between the night's size and its rate, the p-value, nights."""
    rows = []
    for family, g in nights[nights["rate"].notna()].groupby("family", sort=True):
        if len(g) < 3 or g["launched"].nunique() < 2 or g["rate"].nunique() < 2:
            rho, p = np.nan, np.nan
        else:
            res = sps.spearmanr(g["launched"], g["rate"])
            rho, p = float(res.statistic), float(res.pvalue)
        rows.append({"family": family, "rho": rho, "p_value": p, "nights": len(g)})
    return pd.DataFrame(rows, columns=["family", "rho", "p_value", "nights"])
