"""Write facts as JSONL, CSV or Parquet, with the field names of FACTS.md."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from stats.atomic import atomic_file, atomic_temp_path
from stats.csvsafe import neutralise
from stats.facts import FACT_FIELDS, Fact

FORMATS = ("jsonl", "csv", "parquet")


def facts_to_jsonl(facts: Iterable[Fact], out: IO[str]) -> None:
    for f in facts:
        out.write(json.dumps(f.to_dict(), ensure_ascii=False) + "\n")


def facts_to_csv(facts: Iterable[Fact], out: IO[str]) -> None:
    writer = csv.DictWriter(out, fieldnames=list(FACT_FIELDS), lineterminator="\n")
    writer.writeheader()
    for f in facts:
        writer.writerow({k: ("" if v is None else neutralise(v)) for k, v in f.to_dict().items()})


def write_facts(
    facts: list[Fact], fmt: str, path: Path | None = None, stream: IO[str] | None = None
) -> None:
    """Write facts to `path` (or to the text `stream` for jsonl/csv). Parquet needs a path."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if path is None:
            raise ValueError("parquet is binary: give an output file with -o")
        from stats.series import facts_frame

        # Exactly the columns of jsonl/csv: not the frame's derived `family`, `source_unit`.
        with atomic_temp_path(path) as tmp:
            facts_frame(facts)[list(FACT_FIELDS)].to_parquet(tmp, index=False)
        return
    writer = facts_to_jsonl if fmt == "jsonl" else facts_to_csv
    if path is not None:
        with atomic_file(path) as fh:
            writer(facts, fh)
    else:
        buf = io.StringIO()
        writer(facts, buf)
        assert stream is not None
        stream.write(buf.getvalue())
