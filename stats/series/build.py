"""The whole path facts -> periods in one call, for the CLI and the report."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby

import pandas as pd

from stats.facts import Fact
from stats.series.frame import DEFAULT_TALLIES, facts_frame
from stats.series.periods import daily_series, explain_table, period_conflicts, resample
from stats.series.reconcile import DEFAULT_RULE, Reconciled, Rule, reconcile
from stats.series.values import GROUP, SourceValues, source_values

# Facts turned into a frame at a time when a series is built from a stream.
STREAM_CHUNK = 20_000


@dataclass(frozen=True)
class SeriesBuild:
    """Every stage of one build: the fact frame, per-source values, the reconciled records,
    the daily series, the period sums, the period conflicts and the `--explain` table.
    `frame` is None for a build from a stream (`build_series_stream`), which keeps no facts."""

    frame: pd.DataFrame | None
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
    return _from_values(frame, sv, freq, rule)


def build_series_stream(
    facts: Iterable[Fact],
    *,
    tallies: Sequence[str] = DEFAULT_TALLIES,
    freq: str = "D",
    rule: Rule = DEFAULT_RULE,
    chunk: int = STREAM_CHUNK,
) -> SeriesBuild:
    """`build_series` over a stream of facts, each document's facts together, in memory bounded
    by `chunk` facts plus the per-source values: a text document is its own source, so its
    values are made a chunk of documents at a time and its facts let go; the air-force
    dataset's rows (one source) are gathered and valued at the end. Same series and tables."""
    return _from_values(None, stream_values(facts, tallies=tallies, chunk=chunk), freq, rule)


def stream_values(
    facts: Iterable[Fact], *, tallies: Sequence[str] = DEFAULT_TALLIES, chunk: int = STREAM_CHUNK
) -> SourceValues:
    """`source_values` of a stream of facts, computed chunk by chunk (see build_series_stream)."""
    parts: list[SourceValues] = []
    dataset: list[pd.DataFrame] = []
    for frame in (facts_frame(part) for part in _doc_chunks(facts, chunk)):
        ds = frame["dataset"].to_numpy(dtype=bool)
        if ds.any():
            dataset.append(frame[ds])
        parts.append(source_values(frame[~ds], tallies=tallies))
    if dataset:
        parts.append(source_values(pd.concat(dataset, ignore_index=True), tallies=tallies))
    if not parts:
        return source_values(facts_frame([]), tallies=tallies)
    # Only the dataset's rows have tallies outside the series (`rest`): they come last.
    values = _sorted([p.values for p in parts])
    return SourceValues(values, _sorted([p.merges for p in parts]), parts[-1].rest)


def _doc_chunks(facts: Iterable[Fact], size: int) -> Iterator[list[Fact]]:
    """Lists of about `size` facts that never split one document's facts."""
    part: list[Fact] = []
    for _, same_doc in groupby(facts, key=lambda f: f.doc):
        part.extend(same_doc)
        if len(part) >= size:
            yield part
            part = []
    if part:
        yield part


def _sorted(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Chunk results as one frame in `source_values`' order (by source and key, stable)."""
    kept = [f for f in frames if len(f)]
    if not kept:
        return frames[0]
    # A chunk whose column held only None made it `object`: infer again, as for one frame.
    out = pd.concat(kept, ignore_index=True).infer_objects()
    return out.sort_values(GROUP, kind="stable").reset_index(drop=True)


def _from_values(
    frame: pd.DataFrame | None, sv: SourceValues, freq: str, rule: Rule
) -> SeriesBuild:
    rec = reconcile(sv.values, rule)
    daily = daily_series(rec.chosen)
    periods = resample(daily, freq)
    conflicts = period_conflicts(daily, freq)
    explain = explain_table(rec.candidates, rec.conflicts, conflicts, sv.rest)
    return SeriesBuild(frame, sv, rec, daily, periods, conflicts, explain)
