"""Write facts as JSONL, CSV or Parquet, with the field names of FACTS.md, as they are made.

`fact_sink` opens an output and hands back a function that takes facts batch by batch: JSONL and
CSV lines go out at once, Parquet in row groups of `ROW_GROUP` facts, so memory does not grow
with the corpus. A file output goes through `stats.atomic`: a killed run leaves the old file or
none, never a truncated one.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from stats.atomic import atomic_file, atomic_temp_path
from stats.csvsafe import neutralise
from stats.facts import FACT_FIELDS, Fact, fact_values, weapon_family


def parquet_missing() -> str | None:
    """Why Parquet cannot be written here (pyarrow not installed), else None."""
    from importlib.util import find_spec

    if find_spec("pyarrow") is None:
        return 'parquet needs pyarrow: pip install "stats[parquet]" (or choose jsonl or csv)'
    return None


FORMATS = ("jsonl", "csv", "parquet")
ROW_GROUP = 50_000  # facts per Parquet row group

Sink = Callable[[Iterable[Fact]], None]


def fact_row(f: Fact) -> dict[str, Any]:
    """`Fact.to_dict` without `dataclasses.asdict`'s deep copy: the same dict, faster."""
    row = dict(f.__dict__)  # a dataclass's __dict__ holds its fields in FACT_FIELDS order
    for key in ("published", "event_date"):
        if row[key] is not None:
            row[key] = row[key].isoformat()
    for key in ("value", "value_max"):
        v = row[key]
        if isinstance(v, float) and v.is_integer():
            row[key] = int(v)
    return row


_DUMPS = json.JSONEncoder(ensure_ascii=False).encode


def jsonl_lines(facts: Iterable[Fact]) -> str:
    """Facts as JSONL text, one line per fact."""
    return "".join(_DUMPS(fact_row(f)) + "\n" for f in facts)


def csv_lines(facts: Iterable[Fact]) -> str:
    """Facts as CSV rows (no header), each value neutralised against formula injection."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(
        ["" if v is None else neutralise(v) for v in fact_row(f).values()] for f in facts
    )
    return buf.getvalue()


# The columns of a report's facts.csv: the fields of FACTS.md and the weapon family.
REPORT_CSV_COLUMNS = (*FACT_FIELDS, "family")


def report_csv_lines(facts: Iterable[Fact]) -> str:
    """Facts as the rows of a report's facts.csv (no header), each text value neutralised:
    the bytes the report's fact frames write (`value` as a float, `family` last), made where the
    facts are, so a report's main process does not encode them again."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(_report_row(f) for f in facts)
    return buf.getvalue()


def _report_row(f: Fact) -> list[Any]:
    row = ["" if v is None else neutralise(v) for v in fact_values(f)]
    row[_VALUE] = float(f.value)
    if f.value_max is not None:
        row[_VALUE_MAX] = float(f.value_max)
    row.append(weapon_family(f.weapon) or "")
    return row


_VALUE, _VALUE_MAX = FACT_FIELDS.index("value"), FACT_FIELDS.index("value_max")

# Encoders a worker process can run (module-level, so they pickle): facts -> text lines.
ENCODERS: dict[str, Callable[[Iterable[Fact]], str]] = {"jsonl": jsonl_lines, "csv": csv_lines}


class TextSink:
    """A JSONL or CSV output (the CSV header written first): called with facts, or given
    lines that a worker already encoded with the same format's encoder (`write`)."""

    def __init__(self, fmt: str, out: IO[str]) -> None:
        self.encode = ENCODERS[fmt]
        self.write = out.write
        if fmt == "csv":
            csv.writer(out, lineterminator="\n").writerow(FACT_FIELDS)

    def __call__(self, facts: Iterable[Fact]) -> None:
        self.write(self.encode(facts))


def parquet_schema():
    """The Arrow schema of a facts file: dates as dates, numbers as numbers, text as text."""
    import pyarrow as pa

    types = {
        "published": pa.date32(),
        "event_date": pa.date32(),
        "value": pa.float64(),
        "value_max": pa.float64(),
        "start": pa.int64(),
        "end": pa.int64(),
    }
    return pa.schema([(name, types.get(name, pa.string())) for name in FACT_FIELDS])


class _ParquetSink:
    """Buffers facts column by column and writes a row group every ROW_GROUP facts."""

    def __init__(self, path: Path, row_group: int = ROW_GROUP) -> None:
        import pyarrow.parquet as pq

        self.schema = parquet_schema()
        self.writer = pq.ParquetWriter(str(path), self.schema)
        self.row_group = row_group
        self.columns: dict[str, list] = {name: [] for name in FACT_FIELDS}
        self.n = 0

    def write(self, facts: Iterable[Fact]) -> None:
        cols = self.columns
        for f in facts:
            for name in FACT_FIELDS:
                cols[name].append(getattr(f, name))
            self.n += 1
            if self.n >= self.row_group:
                self.flush()

    def flush(self) -> None:
        import pyarrow as pa

        if self.n:
            table = pa.table(
                {name: pa.array(self.columns[name], f.type) for name, f in _fields(self.schema)},
                schema=self.schema,
            )
            self.writer.write_table(table)
            for values in self.columns.values():
                values.clear()  # in place: `write` holds this dict
            self.n = 0

    def close(self) -> None:
        self.flush()
        self.writer.close()


def _fields(schema) -> Iterator[tuple[str, Any]]:
    return ((f.name, f) for f in schema)


@contextmanager
def fact_sink(
    fmt: str,
    path: Path | None = None,
    stream: IO[str] | None = None,
    *,
    row_group: int = ROW_GROUP,
) -> Iterator[Sink]:
    """A function to call with facts, batch by batch; the output is complete when the block
    ends without an error (a file appears whole under `path`, or not at all). `row_group`:
    facts per Parquet row group."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if path is None:
            raise ValueError("parquet is binary: give an output file with -o")
        with atomic_temp_path(path) as tmp:
            sink = _ParquetSink(tmp, row_group)
            try:
                yield sink.write
            finally:
                sink.close()
        return
    if path is not None:
        with atomic_file(path) as fh:
            yield TextSink(fmt, fh)
        return
    if stream is None:
        raise ValueError("give an output path or a stream")
    yield TextSink(fmt, stream)


def write_facts(
    facts: Iterable[Fact], fmt: str, path: Path | None = None, stream: IO[str] | None = None
) -> None:
    """Write facts to `path` (or to the text `stream` for jsonl/csv). Parquet needs a path."""
    with fact_sink(fmt, path, stream) as sink:
        sink(facts)
