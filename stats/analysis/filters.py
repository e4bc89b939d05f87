"""Filters shared by `stats series` and `stats report` (--since/--until, --weapon, --actor),
and the wide table for spreadsheets. Standard library plus pandas only when a table is made."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from stats.facts import FAMILY, Fact

WEAPON_CHOICES: tuple[str, ...] = tuple(dict.fromkeys([*FAMILY, *FAMILY.values()]))


def keep_fact(
    fact: Fact,
    *,
    since: date | None = None,
    until: date | None = None,
    weapon: str | None = None,
    actor: str | None = None,
) -> bool:
    """True when the fact passes every filter given. A weapon family ("missile") keeps its
    classes (cruise and ballistic); a date filter drops facts with no event date."""
    if since is not None or until is not None:
        if fact.event_date is None:
            return False
        if since is not None and fact.event_date < since:
            return False
        if until is not None and fact.event_date > until:
            return False
    if weapon is not None:
        if fact.weapon is None:
            return False
        family_match = weapon in FAMILY.values() and FAMILY.get(fact.weapon) == weapon
        if fact.weapon != weapon and not family_match:
            return False
    if actor is not None and fact.actor != actor:
        return False
    return True


def filter_facts(facts: Iterable[Fact], **filters) -> list[Fact]:
    """The facts that pass `keep_fact` with these filters (all facts when none are given)."""
    if not any(v is not None for v in filters.values()):
        return list(facts)
    return [f for f in facts if keep_fact(f, **filters)]


def wide_series(long):
    """The long series of `stats.series.resample` as one row per period and one column per
    metric, weapon and actor ("launched drone russia"); blank cells are no report, not zero."""
    import pandas as pd

    if long.empty:
        return pd.DataFrame(columns=["period"])
    s = long.copy()
    s["column"] = (
        s["metric"].astype(str)
        + " "
        + s["weapon"].fillna("all").astype(str)
        + " "
        + s["actor"].fillna("unknown").astype(str)
    )
    table = s.pivot_table(index="period", columns="column", values="value", aggfunc="sum")
    table.columns.name = None
    return table.reset_index()
