"""The whole path facts -> periods in one call, for the CLI and the report."""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from operator import attrgetter, itemgetter
from pathlib import Path

import pandas as pd

from stats.facts import FACT_FIELDS, Fact
from stats.series.frame import DEFAULT_TALLIES, facts_frame, tuples_frame
from stats.series.periods import daily_series, explain_table, period_conflicts, resample
from stats.series.reconcile import DEFAULT_RULE, Reconciled, Rule, reconcile
from stats.series.values import GROUP, MERGE_COLUMNS, SourceValues, source_values

# Facts turned into a frame at a time when a series is built from a stream. `source_values`
# pays pandas' fixed cost per call: 80,000 facts (about 7,000 documents) a chunk made a
# 100,000-document report 9% faster than 20,000 (160,000: no faster, 20% more memory).
STREAM_CHUNK = 80_000
# Spilled values reconciled together: whole months, until their files reach this size. One
# month at a time paid pandas' fixed cost per call 42 times for a 10,000-document corpus.
STREAM_BATCH_BYTES = 16 * 2**20


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
    keep: bool = True,
    batch_bytes: int | None = None,
    on_frame: Callable[[pd.DataFrame], None] | None = None,
    on_batch: Callable[[SourceValues, Reconciled], None] | None = None,
    tuples: bool = False,
) -> SeriesBuild:
    """`build_series` over a stream of facts (with `tuples`, their `fact_values` tuples, as
    workers send them), each document's facts together, in memory bounded by `chunk` facts and
    one month of per-source values. A text document is its own source, so
    its values are made a chunk of documents at a time, its facts let go, and the values
    spilled to a temporary file per month of their night; the air-force dataset's rows (one
    source) are gathered and valued at the end. Nights are then reconciled whole months at a
    time, as many as fit in `batch_bytes` of spilled values (a record never spans two nights).
    Same series and tables; with `keep=False` the values
    and candidates (as large as the corpus) are not kept, and `explain` lists only conflicts
    and the dataset's tallies left out. `on_frame` sees each chunk's `facts_frame` (text and
    dataset rows, in stream order) before it is let go: a report keeps what it needs of it.
    `on_batch` sees each batch of whole months: its per-source values and merges (with the
    dataset's `rest`, whole) and their reconciliation, before `keep=False` lets them go; the
    batches come in month order and hold, one after another, what `keep=True` would keep."""
    with tempfile.TemporaryDirectory(prefix="stats-series-") as tmp:
        folder = Path(tmp)
        rest = _spill_values(facts, tallies, chunk, folder, on_frame, tuples)
        months = sorted(p.name.split(".")[0] for p in folder.glob("*.values.pkl"))
        batches = _batches(folder, months, batch_bytes or STREAM_BATCH_BYTES)
        parts = [_months(folder, b, rule, keep, rest, on_batch) for b in batches]
    if not parts:  # nothing in the series (the dataset's left-out tallies may still be listed)
        empty = source_values(facts_frame([]), tallies=tallies)
        return _from_values(None, SourceValues(empty.values, empty.merges, rest), freq, rule)
    # Sorted again by source and key: month by month they were sorted within the month only.
    sv = SourceValues(
        _sorted([p[0].values for p in parts]), _sorted([p[0].merges for p in parts]), rest
    )
    rec = Reconciled(*(_concat([getattr(p[1], f) for p in parts]) for f in _RECONCILED))
    return _from_reconciled(None, sv, rec, freq)


_TUPLE_DOC = itemgetter(FACT_FIELDS.index("doc"))  # a `fact_values`'s document
_RECONCILED = ("chosen", "candidates", "records", "conflicts")


def _spill_values(
    facts: Iterable[Fact],
    tallies: Sequence[str],
    chunk: int,
    folder: Path,
    on_frame: Callable[[pd.DataFrame], None] | None = None,
    tuples: bool = False,
) -> pd.DataFrame:
    """Per-source values of the stream appended, chunk by chunk, to one pickle file per month
    of night in `folder` (`2024-11.values.pkl`, `2024-11.merges.pkl`); the dataset's tallies
    left out of the series (`rest`) are returned."""

    def put(sv: SourceValues) -> None:
        for name, frame in (("values", sv.values), ("merges", sv.merges)):
            if frame.empty:
                continue
            month = pd.to_datetime(frame["event_date"]).dt.strftime("%Y-%m")
            for m, part in frame.groupby(month, sort=False):
                with open(folder / f"{m}.{name}.pkl", "ab") as fh:
                    pickle.dump(part, fh, protocol=pickle.HIGHEST_PROTOCOL)

    for sv in _chunk_values(facts, tallies, chunk, on_frame, tuples):
        put(sv)
    return sv.rest  # the dataset's, valued last


def _batches(folder: Path, months: list[str], limit: int) -> Iterator[list[str]]:
    """Consecutive months in groups whose spilled values stay within `limit` bytes (a month
    larger than that is a group of its own)."""
    group: list[str] = []
    size = 0
    for m in months:
        n = (folder / f"{m}.values.pkl").stat().st_size
        if group and size + n > limit:
            yield group
            group, size = [], 0
        group.append(m)
        size += n
    if group:
        yield group


def _months(
    folder: Path,
    months: list[str],
    rule: Rule,
    keep: bool,
    rest: pd.DataFrame,
    on_batch: Callable[[SourceValues, Reconciled], None] | None = None,
) -> tuple[SourceValues, Reconciled]:
    """The spilled values of some months, in `source_values`' order, and their reconciliation."""
    values = _sorted([f for m in months for f in load_frames(folder / f"{m}.values.pkl")])
    paths = [p for m in months if (p := folder / f"{m}.merges.pkl").exists()]
    frames = [f for p in paths for f in load_frames(p)]
    merges = _sorted(frames) if frames else pd.DataFrame(columns=MERGE_COLUMNS)
    rec = reconcile(values, rule)
    if on_batch is not None:
        on_batch(SourceValues(values, merges, rest), rec)
    if not keep:
        # Empty copies: a slice `iloc[:0]` is a view that keeps the whole batch in memory.
        values, merges = values.iloc[:0].copy(), merges.iloc[:0].copy()
        rec = Reconciled(rec.chosen, rec.candidates.iloc[:0].copy(), rec.records, rec.conflicts)
    return SourceValues(values, merges), rec


def load_frames(path: Path) -> Iterator[pd.DataFrame]:
    """Every frame pickled one after another into `path`, one at a time."""
    with open(path, "rb") as fh:
        while True:
            try:
                yield pickle.load(fh)
            except EOFError:
                return


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The non-empty frames as one (the first frame, for its columns, when all are empty)."""
    kept = [f for f in frames if len(f)]
    return pd.concat(kept, ignore_index=True) if kept else frames[0]


def _chunk_values(
    facts: Iterable[Fact],
    tallies: Sequence[str],
    chunk: int,
    on_frame: Callable[[pd.DataFrame], None] | None = None,
    tuples: bool = False,
) -> Iterator[SourceValues]:
    """`source_values` of the text documents a chunk at a time, then of the dataset's rows (one
    source, gathered to the end; only its values carry `rest`)."""
    dataset: list[pd.DataFrame] = []
    frame_of, doc_of = (tuples_frame, _TUPLE_DOC) if tuples else (facts_frame, attrgetter("doc"))
    for frame in (frame_of(part) for part in _doc_chunks(facts, chunk, doc_of)):
        if on_frame is not None:
            on_frame(frame)
        ds = frame["dataset"].to_numpy(dtype=bool)
        if ds.any():
            dataset.append(frame[ds])
            frame = frame[~ds]
        yield source_values(frame, tallies=tallies)  # a chunk of text alone is not copied
    whole = pd.concat(dataset, ignore_index=True) if dataset else facts_frame([])
    yield source_values(whole, tallies=tallies)


def _doc_chunks(facts: Iterable[Fact], size: int, doc_of: Callable) -> Iterator[list[Fact]]:
    """Lists of about `size` facts that never split one document's facts (`doc_of`: a fact's
    document)."""
    part: list[Fact] = []
    for _, same_doc in groupby(facts, key=doc_of):
        part.extend(same_doc)
        if len(part) >= size:
            yield part
            part = []
    if part:
        yield part


def _sorted(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Chunk results as one frame in `source_values`' order (by source and key, stable)."""
    out = _concat(frames)
    if out.empty:
        return out
    # A chunk whose column held only None made it `object`: infer again, as for one frame.
    out = out.infer_objects()
    return out.sort_values(GROUP, kind="stable").reset_index(drop=True)


def _from_values(
    frame: pd.DataFrame | None, sv: SourceValues, freq: str, rule: Rule
) -> SeriesBuild:
    return _from_reconciled(frame, sv, reconcile(sv.values, rule), freq)


def _from_reconciled(
    frame: pd.DataFrame | None, sv: SourceValues, rec: Reconciled, freq: str
) -> SeriesBuild:
    daily = daily_series(rec.chosen)
    periods = resample(daily, freq)
    conflicts = period_conflicts(daily, freq)
    explain = explain_table(rec.candidates, rec.conflicts, conflicts, sv.rest)
    return SeriesBuild(frame, sv, rec, daily, periods, conflicts, explain)
