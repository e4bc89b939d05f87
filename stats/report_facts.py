"""What `stats report` keeps of a stream of fact frames, in memory that does not grow with the
corpus: facts.csv written as the frames come (or as the workers encoded it, `CsvFeed`), the
first `limit` facts for the page's table, the per-region and per-model sums, and the counts the
headline needs. The facts are let go.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TextIO

import pandas as pd

from stats.analysis.models import combine_model_values, model_values
from stats.analysis.regions import REGION_COLUMNS, fact_regions
from stats.csvsafe import neutralise_frame
from stats.export import REPORT_CSV_COLUMNS
from stats.series import facts_frame

# Frame columns the series builder derives (stats.series.frame): not FACTS.md fields, so not
# in facts.csv.
DERIVED = [
    "source_unit",
    "dataset",
    "report",
    "tally",
    "time_start",
    "time_end",
    "model",
    "still_attacking",
    "border_crossing",
]
# Facts shown in the page's table; facts.csv holds every fact. 20,000 rows are a page of about
# 10 MB that a browser filters at once.
TABLE_FACTS = 20_000
# Partial sums gathered before they are added together (bounds the list on a long stream).
COMPACT_EVERY = 64


@dataclass
class CsvFeed:
    """facts.csv rows that the workers encoded (`DocResult.lines`, made by
    `export.report_csv_lines`), held from when a result is read until the digest writes them:
    the same bytes as the digest's frames give, without the main process encoding them."""

    parts: list[str] = field(default_factory=list)

    def put(self, lines: str) -> None:
        if lines:
            self.parts.append(lines)

    def take(self) -> str:
        """The rows put since the last take, in the order they came."""
        text = "".join(self.parts)
        self.parts.clear()
        return text


@dataclass
class FactDigest:
    """Fed each `facts_frame` chunk of a stream (`add`); `csv`, when given, receives every fact
    as facts.csv rows, from the frames or, when `feed` is given, from the rows it was fed for
    the same facts. `table()` is the first `limit` text facts, then dataset rows."""

    csv: TextIO | None = None
    limit: int = TABLE_FACTS
    feed: CsvFeed | None = None
    n_facts: int = 0
    dataset_docs: set[str] = field(default_factory=set)
    bulletins: set[str] = field(default_factory=set)
    _text: list[pd.DataFrame] = field(default_factory=list)
    _ds: list[pd.DataFrame] = field(default_factory=list)
    _regions: list[pd.DataFrame] = field(default_factory=list)
    _models: list[pd.DataFrame] = field(default_factory=list)
    _header: bool = True

    def add(self, frame: pd.DataFrame) -> None:
        """Take what the report needs of one chunk of facts."""
        if self.csv is not None and self.feed is not None:
            self._write_feed()
        elif self.csv is not None and len(frame):
            self._write(frame)
        self.n_facts += len(frame)
        ds = frame["dataset"].to_numpy(dtype=bool)
        if ds.any():
            rows = frame[ds]
            self.dataset_docs.update(rows["doc"].unique())
            self.bulletins.update(rows.loc[rows["tally"] == "bulletin", "report"].unique())
            _keep(self._ds, rows, self.limit)
        if not ds.all():
            _keep(self._text, frame[~ds], self.limit)
        regions = fact_regions(frame)
        if len(regions):
            self._regions.append(_region_sums([regions]))
        self._models.append(model_values(frame))
        if len(self._regions) >= COMPACT_EVERY:
            self._regions = [_region_sums(self._regions)]
        if len(self._models) >= COMPACT_EVERY:
            self._models = [combine_model_values(self._models)]

    def close(self) -> None:
        """Finish facts.csv: the rows still fed, its header when the stream held no facts."""
        if self.csv is not None and self.feed is not None:
            self._write_feed()
        elif self.csv is not None and self._header:
            self._write(facts_frame([]))

    def table(self) -> pd.DataFrame:
        """The facts of the page's table: text facts first, then dataset rows, `limit` in all."""
        parts = [f for f in (*self._text, *self._ds) if len(f)]  # text rows within `limit`
        if not parts:
            return facts_frame([])
        return pd.concat(parts, ignore_index=True).iloc[: self.limit].reset_index(drop=True)

    def regions(self) -> pd.DataFrame:
        """`fact_regions` of every fact, summed per date, region and metric."""
        return _region_sums(self._regions)

    def models(self) -> pd.DataFrame:
        """`model_values` of every fact."""
        return combine_model_values(self._models)

    def _write(self, frame: pd.DataFrame) -> None:
        out = neutralise_frame(frame.drop(columns=DERIVED, errors="ignore"))
        out.to_csv(self.csv, index=False, header=self._header)
        self._header = False

    def _write_feed(self) -> None:
        if self._header:
            self.csv.write(",".join(REPORT_CSV_COLUMNS) + "\n")
            self._header = False
        self.csv.write(self.feed.take())


def _keep(kept: list[pd.DataFrame], rows: pd.DataFrame, limit: int) -> None:
    """Append to `kept` the rows of `rows` that fit under `limit` rows in all."""
    room = limit - sum(map(len, kept))
    if room > 0 and len(rows):
        kept.append(rows.iloc[:room].copy())  # a slice would keep all of `rows`


def _region_sums(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Tidy region rows summed per date, region, source and model: `per_region`'s nights, sums,
    first and last dates are unchanged by it."""
    kept = [p for p in parts if len(p)]
    if not kept:
        return pd.DataFrame(columns=REGION_COLUMNS)
    rows = pd.concat(kept, ignore_index=True)
    key = ["date", "region", "source", "model"]
    return rows.groupby(key, sort=False)["value"].sum().reset_index()[REGION_COLUMNS]
