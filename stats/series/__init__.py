"""Facts -> tidy frame -> one value per source and night -> one record per night -> periods.

The path from a fact to a series value, and every choice on the way, is kept:

1. `facts_frame` (frame.py): one row per fact; the air-force dataset's rows are recognised by
   their content and told apart by `tally` (national bulletin, day wave, regional command,
   other post, tactical drones).
2. `source_values` (values.py): per source, night, metric, family and actor, ONE value;
   restated mentions merged and listed; the dataset tallies outside the series in `rest`.
3. `reconcile` (reconcile.py): one record per (night, family, actor) from one source, mixed
   sources and conflicts said (`Rule`).
4. `daily_series` / `resample` / `period_conflicts` (periods.py).
5. `casualty_series` inputs: only civilian event casualties (casualties.py).
Only `scope == "event"` facts with a known event date enter the series. docs/series.md says
what a night, a source and each rate mean.
"""

from stats.series.build import SeriesBuild, build_series
from stats.series.casualties import MILITARY_SUBGROUPS, is_military, military_losses
from stats.series.frame import (
    DATASET_UNIT,
    DEFAULT_TALLIES,
    TALLIES,
    account_of,
    facts_frame,
)
from stats.series.periods import (
    FREQS,
    daily_series,
    explain_table,
    period_conflicts,
    period_of,
    resample,
    wide,
)
from stats.series.reconcile import (
    DEFAULT_RULE,
    WEAPON_METRICS,
    Reconciled,
    Rule,
    reconcile,
)
from stats.series.values import (
    SourceValues,
    family_key,
    is_dataset_unit,
    other_tallies,
    series_mask,
    source_values,
)

__all__ = [
    "DATASET_UNIT",
    "DEFAULT_RULE",
    "DEFAULT_TALLIES",
    "FREQS",
    "MILITARY_SUBGROUPS",
    "TALLIES",
    "WEAPON_METRICS",
    "Reconciled",
    "Rule",
    "SeriesBuild",
    "SourceValues",
    "account_of",
    "build_series",
    "daily_series",
    "explain_table",
    "facts_frame",
    "family_key",
    "is_dataset_unit",
    "is_military",
    "military_losses",
    "other_tallies",
    "period_conflicts",
    "period_of",
    "reconcile",
    "resample",
    "series_mask",
    "source_values",
    "wide",
]
