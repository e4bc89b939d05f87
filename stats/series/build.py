"""The whole path facts -> periods in one call, for the CLI and the report."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from stats.facts import Fact
from stats.series.frame import DEFAULT_TALLIES, facts_frame
from stats.series.periods import daily_series, explain_table, period_conflicts, resample
from stats.series.reconcile import DEFAULT_RULE, Reconciled, Rule, reconcile
from stats.series.values import SourceValues, source_values


@dataclass(frozen=True)
class SeriesBuild:
    """Every stage of one build: the fact frame, per-source values, the reconciled records,
    the daily series, the period sums, the period conflicts and the `--explain` table."""

    frame: pd.DataFrame
    values: SourceValues
    reconciled: Reconciled
    daily: pd.DataFrame
    periods: pd.DataFrame
    conflicts: pd.DataFrame
    explain: pd.DataFrame


def build_series(
    facts: Iterable[Fact] | pd.DataFrame,
    *,
    tallies: Sequence[str] = DEFAULT_TALLIES,
    freq: str = "D",
    rule: Rule = DEFAULT_RULE,
) -> SeriesBuild:
    """Facts (or a `facts_frame`) -> the series of `tallies` summed per `freq`, with its
    conflicts: night records withheld (`reconciled.conflicts`) and periods whose sums
    conflict (`conflicts`)."""
    frame = facts if isinstance(facts, pd.DataFrame) else facts_frame(facts)
    sv = source_values(frame, tallies=tallies)
    rec = reconcile(sv.values, rule)
    daily = daily_series(rec.chosen)
    periods = resample(daily, freq)
    conflicts = period_conflicts(daily, freq)
    explain = explain_table(rec.candidates, rec.conflicts, conflicts, sv.rest)
    return SeriesBuild(frame, sv, rec, daily, periods, conflicts, explain)
