"""What `stats report` keeps of the series build's month batches, in memory that does not grow
with the corpus: every candidate spilled to a temporary file (for candidates.csv), the first
`limit` rows of the merges and of the nights several sources reported (the page's tables), and
the text-vs-dataset rows. The per-source values themselves are let go batch by batch.
"""

from __future__ import annotations

import pickle
import tempfile
from itertools import chain
from pathlib import Path
from typing import TextIO

import pandas as pd

from stats.analysis import text_vs_dataset
from stats.analysis.rates import order_agreement
from stats.csvsafe import neutralise_frame
from stats.series import Reconciled, SourceValues
from stats.series.build import load_frames
from stats.series.periods import explain_table
from stats.series.values import GROUP, KEY


class SeriesDigest:
    """Fed each batch of `build_series_stream(keep=False, on_batch=...)` (`add`); `close()`
    removes its temporary file. `merges` and `multi` hold the first `limit` rows in the order
    a kept build would give (merges by source and key; candidates in month order), `n_merges`
    and `n_multi` count them all."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.n_merges = 0
        self.n_multi = 0
        self.merges: pd.DataFrame | None = None
        self.multi: pd.DataFrame | None = None
        self._agreement: list[pd.DataFrame] = []
        self._tmp = tempfile.TemporaryDirectory(prefix="stats-report-")
        self._path = Path(self._tmp.name) / "candidates.pkl"
        self._spill = open(self._path, "wb")  # noqa: SIM115 - closed by write_candidates/close

    def add(self, sv: SourceValues, rec: Reconciled) -> None:
        """Take what the report needs of one batch of months."""
        if len(rec.candidates):
            pickle.dump(rec.candidates, self._spill, protocol=pickle.HIGHEST_PROTOCOL)
            # Candidates sharing a night's key were reported by several sources.
            multi = rec.candidates[rec.candidates.duplicated(KEY, keep=False)]
            self.n_multi += len(multi)
            self.multi = _first(self.multi, multi, self.limit)
        if len(sv.merges):
            self.n_merges += len(sv.merges)
            # A kept build sorts every batch's merges by source and key (stable): the first
            # rows of that order are the first of the rows kept so far and this batch's.
            both = _append(self.merges, sv.merges).infer_objects()
            self.merges = both.sort_values(GROUP, kind="stable").head(self.limit).copy()
        ag = text_vs_dataset(sv.values, sv.rest)
        if len(ag):
            self._agreement.append(ag)

    def agreement(self) -> pd.DataFrame:
        """`text_vs_dataset` of the whole build (a night never spans two batches)."""
        if not self._agreement:
            return text_vs_dataset(pd.DataFrame())
        return order_agreement(pd.concat(self._agreement, ignore_index=True))

    def write_candidates(self, fh: TextIO, explain: pd.DataFrame) -> None:
        """candidates.csv: every candidate, then the rows of `explain` (a lean build's table:
        the conflicts withheld and the dataset's tallies left out), as `explain_table` of a kept
        build writes them (its columns; numbers as floats, as its concatenation made them)."""
        self._spill.close()
        batches = load_frames(self._path)
        first = next(batches, None)
        if first is None:
            neutralise_frame(explain).to_csv(fh, index=False)
            return
        columns = list(dict.fromkeys([*explain_table(first.iloc[:1]).columns, *explain.columns]))
        header = True
        for part in chain([first], batches):
            rows = explain_table(part).reindex(columns=columns)
            numeric = rows.select_dtypes("number").columns
            rows[numeric] = rows[numeric].astype(float)
            neutralise_frame(rows).to_csv(fh, index=False, header=header)
            header = False
        if len(explain):
            neutralise_frame(explain.reindex(columns=columns)).to_csv(fh, index=False, header=False)

    def close(self) -> None:
        """Remove the spilled candidates."""
        self._spill.close()
        self._tmp.cleanup()


def _append(kept: pd.DataFrame | None, more: pd.DataFrame) -> pd.DataFrame:
    """The rows kept so far followed by `more`."""
    return more if kept is None else pd.concat([kept, more], ignore_index=True)


def _first(kept: pd.DataFrame | None, more: pd.DataFrame, limit: int) -> pd.DataFrame:
    """The first `limit` of the rows kept so far followed by `more` (a copy: a slice would keep
    the whole batch in memory)."""
    return _append(kept, more).head(limit).reset_index(drop=True).copy()
