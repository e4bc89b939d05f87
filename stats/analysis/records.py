"""Month-on-month records: each month's largest attack and its highest and lowest night rates,
and whether the month set a record for the whole span so far."""

from __future__ import annotations

import pandas as pd

RECORD_COLUMNS = ["month", "family", "record", "date", "value", "launched", "all_time"]


def monthly_records(nights: pd.DataFrame, *, min_launched: float = 10) -> pd.DataFrame:
    """Per month and family: `largest attack` (value: launched), `highest rate` and
    `lowest rate` (value: the night's rate, among nights with at least `min_launched`
    launched, so a 1-of-1 night is no record). `all_time` is True when the value beats every
    earlier month's (the first month sets the bar, it is not a record). Ties: earliest night.
    """
    rows = []
    n = nights.copy()
    n["month"] = pd.to_datetime(n["date"]).dt.to_period("M").dt.start_time
    for family, g in n.groupby("family", sort=True):
        best = {"largest attack": None, "highest rate": None, "lowest rate": None}
        for month, gm in g.groupby("month", sort=True):
            gm = gm.sort_values("date", kind="stable")
            picks = {"largest attack": (gm.loc[gm["launched"].idxmax()], "launched")}
            rated = gm[gm["rate"].notna() & (gm["launched"] >= min_launched)]
            if len(rated):
                picks["highest rate"] = (rated.loc[rated["rate"].idxmax()], "rate")
                picks["lowest rate"] = (rated.loc[rated["rate"].idxmin()], "rate")
            for record, (night, col) in picks.items():
                value = float(night[col])
                prior = best[record]
                beats = prior is not None and (
                    value < prior if record == "lowest rate" else value > prior
                )
                if prior is None or beats:
                    best[record] = value
                rows.append(
                    {
                        "month": month,
                        "family": family,
                        "record": record,
                        "date": night["date"],
                        "value": value,
                        "launched": float(night["launched"]),
                        "all_time": bool(beats),
                    }
                )
    return pd.DataFrame(rows, columns=RECORD_COLUMNS)
