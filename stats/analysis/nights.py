"""One row per night and weapon family: launched, intercepted and the night's rate.

The shared input of the saturation, records and trend views. A night enters only with a known
`launched`; `intercepted` may be missing (NaN), never guessed as zero. A night whose intercepted
exceeds launched is kept with `rate` NaN (an inconsistent report is not a number to publish).
"""

from __future__ import annotations

import pandas as pd

NIGHT_COLUMNS = ["date", "family", "actor", "launched", "intercepted", "rate"]


def night_table(daily: pd.DataFrame, *, by: str = "family") -> pd.DataFrame:
    """Per date, family (or class with `by="weapon"`) and actor: launched, intercepted, rate.

    `daily` is the long daily series (date, metric, weapon, family, actor, value).
    """
    s = daily[daily["metric"].isin(["launched", "intercepted"]) & daily[by].notna()]
    if s.empty:
        return pd.DataFrame(columns=NIGHT_COLUMNS).rename(columns={"family": by})
    table = s.pivot_table(
        index=["date", by, "actor"], columns="metric", values="value", aggfunc="sum", observed=True
    ).reindex(columns=["launched", "intercepted"])
    table = table[table["launched"].notna() & (table["launched"] > 0)].reset_index()
    table["date"] = pd.to_datetime(table["date"])
    ok = table["intercepted"].notna() & (table["intercepted"] <= table["launched"])
    table["rate"] = (table["intercepted"] / table["launched"]).where(ok)
    table[by] = table[by].astype(str)
    table["actor"] = table["actor"].astype(str)
    return table[["date", by, "actor", "launched", "intercepted", "rate"]].sort_values(
        ["date", by, "actor"], ignore_index=True
    )
