"""The `stats` command line: help, `extract` in every format, errors and exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stats.cli import app
from stats.sources import read_path

ROOT = Path(__file__).parents[1]
SEED = ROOT / "seeds" / "2024-11-13-kyiv.txt"

# The fields of shared/spec/FACTS.md; `source` may be added.
FACT_FIELDS = {
    "doc",
    "published",
    "event_date",
    "metric",
    "weapon",
    "weapon_model",
    "value",
    "value_max",
    "qualifier",
    "actor",
    "claimed_by",
    "location",
    "scope",
    "subgroup",
    "start",
    "end",
    "text",
    "sentence",
}
OPTIONAL_FIELDS = {"source"}
WIDE = {"COLUMNS": "200", "TERMINAL_WIDTH": "200", "NO_COLOR": "1"}


def _runner() -> CliRunner:
    # click >= 8.2 (and typer's own copy) keep stderr apart always; older click needs asking.
    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        return CliRunner()


def _invoke(args: list[str], **kwargs):
    return _runner().invoke(app, args, env=WIDE, **kwargs)


def _stderr(result) -> str:
    try:
        return result.stderr
    except ValueError:  # stderr mixed into output (old click without mix_stderr=False)
        return result.output


def _flat(text: str) -> str:
    """Help text with rich's box characters and line wraps removed."""
    return " ".join(text.replace("│", " ").split())


def _check_fields(keys) -> None:
    keys = set(keys)
    assert FACT_FIELDS <= keys, f"missing: {FACT_FIELDS - keys}"
    assert keys - FACT_FIELDS <= OPTIONAL_FIELDS, f"extra: {keys - FACT_FIELDS - OPTIONAL_FIELDS}"


@pytest.fixture(scope="module")
def seed_body() -> str:
    (doc,) = list(read_path(SEED))
    assert doc.error is None
    return doc.body


# --------------------------------------------------------------------------- help


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param(["--help"], ["Usage", "extract"], id="stats-help-lists-commands"),
        pytest.param(
            ["extract", "--help"],
            ["Usage", "Example", "stats extract seeds/2024-11-13-kyiv.txt", "--format", "--output"],
            id="extract-help-shows-example",
        ),
    ],
)
def test_help(args, expected):
    result = _invoke(args)
    assert result.exit_code == 0, result.output
    text = _flat(result.output)
    for word in expected:
        assert word in text


# --------------------------------------------------------------------------- extract


def _records(fmt: str, result, out: Path | None) -> list[dict]:
    """The records `extract` wrote, read back as dicts with the columns as written."""
    if fmt == "parquet":
        import pandas as pd

        frame = pd.read_parquet(out)
        _check_fields(frame.columns)
        return [
            {k: (None if pd.isna(v) else v) for k, v in row.items()}
            for row in frame.to_dict(orient="records")
        ]
    text = out.read_text(encoding="utf-8") if out is not None else result.stdout
    if fmt == "jsonl":
        rows = []
        for line in text.splitlines():
            obj = json.loads(line)
            assert isinstance(obj, dict), line
            _check_fields(obj)
            rows.append(obj)
        return rows
    reader = csv.DictReader(io.StringIO(text, newline=""))
    _check_fields(reader.fieldnames or [])
    return list(reader)


@pytest.mark.parametrize(
    ("fmt", "to_file"),
    [
        pytest.param("jsonl", False, id="jsonl-stdout"),
        pytest.param("jsonl", True, id="jsonl-file"),
        pytest.param("csv", False, id="csv-stdout"),
        pytest.param("csv", True, id="csv-file"),
        pytest.param("parquet", True, id="parquet-file"),
    ],
)
def test_extract_seed(tmp_path, seed_body, fmt, to_file):
    out = tmp_path / f"facts.{fmt}" if to_file else None
    args = ["extract", str(SEED), "--format", fmt, "--quiet"]
    if out is not None:
        args += ["-o", str(out)]
    result = _invoke(args)
    assert result.exit_code == 0, _stderr(result)
    if out is not None:
        assert out.exists()
        assert result.stdout == ""  # the facts went to the file, not the terminal
    rows = _records(fmt, result, out)
    assert rows, "the seed article states figures"
    for row in rows:
        assert row["doc"] == "2024-11-13-kyiv"
        assert str(row["published"])[:10] == "2024-11-13"
        start, end = int(row["start"]), int(row["end"])
        assert 0 <= start < end <= len(seed_body)
        assert seed_body[start:end] == row["text"]


def test_extract_formats_agree(tmp_path):
    """jsonl, csv and parquet hold the same columns and the same number of facts."""
    counts, columns = {}, {}
    for fmt in ("jsonl", "csv", "parquet"):
        out = tmp_path / f"facts.{fmt}"
        result = _invoke(["extract", str(SEED), "-f", fmt, "-o", str(out), "-q"])
        assert result.exit_code == 0, _stderr(result)
        rows = _records(fmt, result, out)
        counts[fmt] = len(rows)
        columns[fmt] = set(rows[0])
    assert len(set(counts.values())) == 1, counts
    assert columns["jsonl"] == columns["csv"] == columns["parquet"]


def test_extract_stdin():
    result = _invoke(["extract", "-", "-q"], input=SEED.read_bytes())
    assert result.exit_code == 0, _stderr(result)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and {r["doc"] for r in rows} == {"stdin"}
    assert {r["published"] for r in rows} == {"2024-11-13"}


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        pytest.param(["extract", "MISSING/nowhere.txt"], "nowhere.txt", id="missing-path"),
        pytest.param(["extract", "SEED", "MISSING/gone"], "gone", id="missing-after-good-path"),
        pytest.param(["extract", "SEED", "--format", "xml"], "xml", id="unknown-format"),
        pytest.param(["extract", "SEED", "--format", "parquet"], "-o", id="parquet-without-output"),
    ],
)
def test_extract_usage_errors_exit_2(tmp_path, args, needle):
    args = [
        str(SEED) if a == "SEED" else a.replace("MISSING", str(tmp_path / "missing")) for a in args
    ]
    result = _invoke(args)
    assert result.exit_code == 2, result.output
    assert needle in _stderr(result)
    assert result.stdout == ""  # no facts written


def test_extract_folder_with_bad_documents(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "good.txt").write_bytes(SEED.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02GIF\x00 shot down 99 drones")
    result = _invoke(["extract", str(folder), "--format", "jsonl", "-q"])
    assert result.exit_code == 0, _stderr(result)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and {r["doc"] for r in rows} == {"good"}
    lines = _stderr(result).splitlines()
    for bad in ("empty.txt", "binary.txt"):
        naming = [line for line in lines if bad in line]
        assert len(naming) == 1, lines
    assert not [line for line in lines if "good.txt" in line], lines


def test_skipped_files_warn_except_notices(tmp_path):
    from stats.pipeline import run

    (tmp_path / "good.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "NOTICE").write_text("Data: ODC-BY 1.0")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    result = run([tmp_path])
    assert sorted(p.name for p in result.skipped) == ["NOTICE", "scan.pdf"]
    assert [m for m in result.messages if "skipped" in m] == [
        f"{tmp_path / 'scan.pdf'}: skipped (not a document type: .txt .md .html .jsonl .csv)"
    ]


# --------------------------------------------------------------------------- import cost


@pytest.mark.parametrize(
    "code",
    [
        pytest.param("import stats.cli", id="import"),
        pytest.param("import stats", id="import-package"),
        pytest.param(
            "from typer.testing import CliRunner; from stats.cli import app; "
            "assert CliRunner().invoke(app, ['--version']).exit_code == 0",
            id="version",
        ),
        pytest.param(
            "from typer.testing import CliRunner; from stats.cli import app; "
            "assert CliRunner().invoke(app, ['--help']).exit_code == 0",
            id="help",
        ),
    ],
)
def test_cli_does_not_import_heavy_modules(code):
    probe = (
        f"{code}\nimport sys, json\n"
        "heavy = ('pandas', 'matplotlib', 'rich', 'stats.parse', 'pyarrow', 'dask')\n"
        "print(json.dumps(sorted(m for m in heavy if m in sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


# --------------------------------------------------------------------------- scale options


def test_version():
    from stats import __version__

    result = _invoke(["--version"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"stats {__version__}"


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_extract_jobs_agree(tmp_path, fmt):
    """--jobs 2 (the seed news folder is more than one chunk) writes what --jobs 1 writes."""
    news = ROOT / "seeds" / "news"
    outs = {}
    for jobs in (1, 2):
        out = tmp_path / f"facts-{jobs}.{fmt}"
        result = _invoke(["extract", str(news), "-f", fmt, "-o", str(out), "-q", "-j", str(jobs)])
        assert result.exit_code == 0, _stderr(result)
        outs[jobs] = out.read_text(encoding="utf-8")
    assert outs[1] and outs[1] == outs[2]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        pytest.param(["extract", "SEED", "--engine", "spark"], "spark", id="unknown-engine"),
        pytest.param(["extract", "SEED", "--jobs", "0"], "jobs", id="zero-jobs"),
        pytest.param(
            ["extract", "SEED", "-o", "MISSING/dir/out.jsonl"], "does not exist", id="bad-output"
        ),
        # /proc takes no new file whatever its permission bits say (root passes os.access)
        pytest.param(["extract", "SEED", "-o", "/proc/f.jsonl"], "refuses", id="proc-extract"),
        pytest.param(["series", "SEED", "-o", "/proc/s.csv"], "refuses", id="proc-series"),
        pytest.param(["report", "SEED", "--out", "/proc/r"], "refuses", id="proc-report"),
    ],
)
def test_scale_usage_errors_exit_2(tmp_path, args, needle):
    args = [
        str(SEED) if a == "SEED" else a.replace("MISSING", str(tmp_path / "missing")) for a in args
    ]
    result = _invoke(args)
    assert result.exit_code == 2, result.output
    assert needle in _flat(_stderr(result))


@pytest.mark.parametrize(
    ("command", "target"),
    [
        (["extract", "{doc}", "-o", "{out}"], "facts.jsonl"),
        (["report", "{doc}", "--out", "{out}"], "report"),
    ],
)
def test_output_held_by_another_run_is_one_line(tmp_path, command, target):
    """A second run into an output that another run is writing exits 2 with one line."""
    import fcntl

    doc = tmp_path / "doc.txt"
    doc.write_text("date 2024-11-13\n\nAir defence shot down 12 of 20 drones overnight.\n")
    out = tmp_path / target
    lock = open(tmp_path / f".{target}.lock", "w")  # what a run in progress holds
    fcntl.flock(lock, fcntl.LOCK_EX)
    try:
        args = [a.format(doc=doc, out=out) for a in command]
        res = _runner().invoke(app, args)
    finally:
        lock.close()
    assert res.exit_code == 2
    assert "being written by another run" in res.stderr
    assert "Traceback" not in res.stderr
    assert not out.exists()


@pytest.mark.parametrize("command", ["extract", "series"])
def test_parquet_without_pyarrow_names_the_extra(tmp_path, monkeypatch, command):
    """Without pyarrow, asking for parquet says which extra to install, before any work."""
    import stats.export

    assert stats.export.parquet_missing() is None  # the dev install has pyarrow
    monkeypatch.setattr(stats.export, "parquet_missing", lambda: "parquet needs pyarrow: x")
    doc = tmp_path / "doc.txt"
    doc.write_text("Air defence shot down 12 of 20 drones overnight.\n")
    out = tmp_path / "out.parquet"
    res = _runner().invoke(app, [command, str(doc), "--format", "parquet", "-o", str(out)])
    assert res.exit_code == 2
    assert "parquet needs pyarrow" in res.stderr
    assert not out.exists()
