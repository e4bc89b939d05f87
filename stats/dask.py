"""The same pipeline on Dask, for corpora beyond one machine (`pip install "stats[dask]"`).

Input files are grouped, in input order, into partitions of about `PARTITION_BYTES` (a JSONL
corpus split into many files gives one partition per file or a few files). Each partition is
read and extracted on a worker by the very functions the local engine uses
(`stats.sources.read_path`, `stats.pipeline.process`), so the facts are the same.

- `results_bag`: a Dask bag of `DocResult`, one partition per group of files.
- `iter_results`: those results streamed back in input order, a bounded number of partitions
  in flight (what `stats extract --engine dask` writes from).
- `facts_frame`: a Dask DataFrame of facts with the columns of `stats.series.facts_frame`.
- `series`: the reconciled daily series. Per-source values are computed after a shuffle on
  the source (each source's facts in one partition), reconciliation after a shuffle on the
  series key (day, metric, family, actor), both with the library's own `source_values` and
  `reconcile` applied per partition; only the chosen rows are gathered, and `daily_series` /
  `resample` run on that small frame.

Workers must see the input paths (a shared file system); standard input is not supported.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from stats.pipeline import DocResult, default_jobs, process
from stats.sources import list_inputs, read_path

PARTITION_BYTES = 32 * 1024 * 1024  # input bytes per partition (files are never split)
_KEY = ["event_date", "metric", "family_key", "actor"]


def _require() -> None:
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        raise ImportError(
            'the dask engine needs the dask extra: pip install "stats[dask]"'
        ) from None


def partitions(
    inputs: Iterable[str | Path], target_bytes: int = PARTITION_BYTES
) -> list[tuple[str, ...]]:
    """The input files grouped, in order, into partitions of about `target_bytes`."""
    files = list_inputs(list(inputs))
    if "-" in files:
        raise ValueError("the dask engine reads files: standard input (-) needs --engine local")
    groups: list[tuple[str, ...]] = []
    group: list[str] = []
    size = 0
    for path in files:
        try:
            n = os.path.getsize(path)
        except OSError:
            n = 0  # read_path reports it as an unreadable document
        if group and size + n > target_bytes:
            groups.append(tuple(group))
            group, size = [], 0
        group.append(str(path))
        size += n
    if group:
        groups.append(tuple(group))
    return groups


def extract_partition(paths: Iterable[str]) -> list[DocResult]:
    """Read and extract the files of one partition (runs on a worker)."""
    return [process(doc) for path in paths for doc in read_path(Path(path))]


def results_bag(inputs: Iterable[str | Path], target_bytes: int = PARTITION_BYTES):
    """A Dask bag of DocResult, one partition per group of input files."""
    _require()
    import dask.bag as db
    from dask import delayed

    parts = partitions(inputs, target_bytes)
    return db.from_delayed([delayed(extract_partition)(p) for p in parts])


def local_client(workers: int | None = None):
    """A Client on a local cluster of `workers` processes (default: all cores), one thread
    each: extraction is pure Python, so processes, not threads, use the cores."""
    _require()
    from distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=workers or default_jobs(),
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",  # a free port: never clashes with another cluster
        silence_logs=logging.ERROR,
    )
    return Client(cluster)


def iter_results(
    inputs: Iterable[str | Path],
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    client: Any = None,
    target_bytes: int = PARTITION_BYTES,
) -> Iterator[DocResult]:
    """Every document's result in input order, computed on Dask and streamed back.

    Uses `client` if given, else connects to `scheduler`, else starts a local cluster of
    `workers` processes (closed at the end). Raises at the call for a missing path, standard
    input or a missing dask install.
    """
    _require()
    bag = results_bag(inputs, target_bytes)
    return _gather(bag.to_delayed(), workers, scheduler, client)


def _gather(parts: list, workers: int | None, scheduler: str | None, client: Any):
    from distributed import Client

    own = client is None
    if own:
        client = Client(scheduler) if scheduler else local_client(workers)
    try:
        window = 2 * max(1, len(client.nthreads()))  # partitions in flight: memory bounded
        pending: deque = deque()
        for part in parts:
            pending.append(client.compute(part))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        if own:
            cluster = client.cluster
            client.close()
            if cluster is not None:
                cluster.close()


def _partition_frame(paths: Iterable[str]):
    from stats.series import facts_frame as frame_of

    return frame_of(f for one in extract_partition(paths) for f in one.facts)


def facts_frame(inputs: Iterable[str | Path], target_bytes: int = PARTITION_BYTES):
    """A Dask DataFrame of every fact, one partition per group of input files."""
    _require()
    import dask.dataframe as dd

    from stats.series import facts_frame as frame_of

    return dd.from_map(_partition_frame, partitions(inputs, target_bytes), meta=frame_of([]))


def _values(part, tallies: tuple[str, ...]):
    from stats.series import source_values

    values = source_values(part, tallies=tallies).values
    return values.assign(_key=_key_of(values))


def _key_of(frame):
    """The night record a value belongs to (day, family, actor): reconcile's coarsest group."""
    from stats.series.reconcile import RECORD

    if frame.empty:
        import pandas as pd

        return pd.Series([], index=frame.index, dtype=object)
    return frame[RECORD].astype(str).agg("|".join, axis=1)


def _chosen(part):
    from stats.series import reconcile

    return reconcile(part.drop(columns=["_key"])).chosen


def series(
    inputs: Iterable[str | Path],
    *,
    freq: str = "D",
    tallies: Iterable[str] | None = None,
    client: Any = None,
    target_bytes: int = PARTITION_BYTES,
):
    """The period sums of `inputs` (`build_series(...).periods`, as `stats series` writes),
    computed on Dask: per-source values after a shuffle on the source, reconciliation after
    a shuffle on the night record; `daily_series` and `resample` on the gathered chosen rows.

    Runs on `client` if given (or the active distributed Client, else Dask's default scheduler).
    """
    _require()
    import pandas as pd

    from stats.series import DEFAULT_TALLIES, daily_series, resample
    from stats.series.values import KEY

    chosen_tallies = tuple(DEFAULT_TALLIES if tallies is None else tallies)
    frame = facts_frame(inputs, target_bytes)
    by_source = frame.shuffle(on="source_unit", shuffle_method="tasks")
    values = by_source.map_partitions(
        _values, chosen_tallies, enforce_metadata=False, meta=_values(_facts_meta(), chosen_tallies)
    )
    by_record = values.shuffle(on="_key", shuffle_method="tasks")
    meta = _chosen(_values(_facts_meta(), chosen_tallies))
    chosen = by_record.map_partitions(_chosen, enforce_metadata=False, meta=meta)
    parts = client.compute(chosen).result() if client is not None else chosen.compute()
    if parts.empty:
        return resample(daily_series(pd.DataFrame(columns=meta.columns)), freq)
    ordered = parts.sort_values(KEY, kind="stable").reset_index(drop=True)
    return resample(daily_series(ordered), freq)


def _facts_meta():
    from stats.series import facts_frame as frame_of

    return frame_of([])
