"""A hostile corpus, generated at test time: every bad document costs itself only.

One folder holds good documents beside broken and malicious ones. One run reads it all and
writes the report; each row below then asserts what became of one input: a good document's
fact is still there, a bad one is listed with its reason, a dropped date or renamed id is
reported. Separate tests cover what cannot share a folder (FIFOs and devices given directly,
stdin, unreadable folders, output paths, kills mid-write, time budgets).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import types
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stats import guard, sources
from stats.cli import app
from stats.facts import Document
from stats.guard import TooSlow, bounded_extract
from stats.limits import SENTENCE_WINDOW
from stats.parse import extract
from stats.pipeline import run
from stats.report import write_report

GOOD = "Russia launched {n} drones overnight, the air force said."
# Payloads that, if run by a browser, mark the DOM with data-pwned (never written literally).
JS = "document.body.dataset['p'+'wned']=1"
SCRIPT = f"<script>{JS}</script>"
IMG = f'<img src=x onerror="{JS}">'
LINK = "[click](javascript:alert(1)) ![x](https://evil.example/x.png)"


def _dataset(rows: list[str]) -> bytes:
    head = "time_start,time_end,model,launched,destroyed\n"
    return (head + "".join(rows)).encode()


def _jsonl(*rows: object) -> bytes:
    return b"".join((r if isinstance(r, bytes) else json.dumps(r).encode()) + b"\n" for r in rows)


# name -> bytes. Numbers 100..199 mark the good facts each row expects.
CORPUS: dict[str, bytes] = {
    "good.txt": b"date 2024-11-13\n\n" + GOOD.format(n=101).encode(),
    "empty.txt": b"",
    "blank.txt": b" \n\t\r\n ",
    "nul.txt": b"Russia launched 5\x00 drones",
    "binary.txt": bytes(range(256)) * 4,
    "bad-utf8.txt": GOOD.format(n=102).encode() + b" \xff\xfe broken " + GOOD.format(n=5).encode(),
    "utf16.txt": "\ufeff".encode("utf-16-le")[:0] + GOOD.format(n=103).encode("utf-16"),
    "latin1.txt": "Café: ".encode("latin-1") + GOOD.format(n=5).encode(),
    "bom.txt": b"\xef\xbb\xbfdate 2024-11-13\n\n" + GOOD.format(n=104).encode(),
    "cr.txt": b"date 2024-11-13\r\r" + GOOD.format(n=105).encode() + b"\r",
    "date-impossible.txt": b"date 2024-02-30\n\n" + GOOD.format(n=106).encode(),
    "date-future.txt": b"date 2300-01-01\n\n" + GOOD.format(n=107).encode(),
    "date-max.txt": b"date 9999-12-31\n\n" + GOOD.format(n=108).encode(),
    "date-min.txt": b"date 0001-01-01\n\n" + GOOD.format(n=109).encode(),
    "event-2300.txt": b"date 2024-11-13\n\nOn 3 March 2300 Russia launched 110 drones, the air force said.",
    "huge-header.txt": b"title " + b"T" * 1_000_000 + b"\n\n" + GOOD.format(n=111).encode(),
    "payload-body.txt": (GOOD.format(n=112)[:-1] + f" {SCRIPT} {IMG} {LINK}.").encode(),
    "payload <img src=x onerror=alert(1)>.txt": GOOD.format(n=113).encode(),
    "payload-title.txt": f"title {SCRIPT}{IMG}\nsource javascript:alert(1)\n\n".encode()
    + GOOD.format(n=114).encode(),
    "=HYPERLINK(x).txt": GOOD.format(n=115).encode(),
    "payload.html": (
        f"<html><head><title>{SCRIPT}</title><style>p{{}}</style></head><body>"
        f'<p onclick="{JS}">{GOOD.format(n=116)}</p>{SCRIPT}</body></html>'
    ).encode(),
    "minus.txt": b"Russia launched -5 drones overnight. " + GOOD.format(n=117).encode(),
    "absurd.txt": (
        "Russia launched 12345678901234567890123 drones overnight. "
        "Russia launched 1e308 drones overnight. Russia launched 2.5 drones overnight. "
        + GOOD.format(n=118)
    ).encode(),
    "list50k.txt": (
        "Russia launched "
        + ", ".join(str(i) for i in range(1, 50_001))
        + " drones. "
        + GOOD.format(n=119)
    ).encode(),
    "redos.txt": (
        "Russia launched "
        + "1 " * 3000
        + "drones. "
        + "about around nearly at least " * 500
        + ". "
        + "9" * 6000
        + " drones. "
        + "1," * 3000
        + ". "
        + GOOD.format(n=120)
    ).encode(),
    "huge-sentence.txt": ("Russia launched 121 drones and " * 300 + "nothing else.").encode(),
    "rows.jsonl": _jsonl(
        {"id": "j-good", "text": GOOD.format(n=122), "date": "2024-11-13"},
        b"{not json",
        {"id": "j-sep", "text": "Russia launched 123\u2028drones overnight, the air force said."},
        b'{"id": "j-bad-byte", "text": "caf\xe9"}',
        b"[" * 100_000 + b"]" * 100_000,
        b'{"id": "j-digits", "n": ' + b"7" * 5000 + b', "text": "x"}',
        ["an", "array"],
        {"id": ["not", "text"], "text": 42},
        {"id": "j-dup", "text": GOOD.format(n=124)},
        {"id": "j-dup", "text": GOOD.format(n=125)},
        {"id": "../../etc/passwd", "text": GOOD.format(n=126), "date": "2300-01-01"},
        {"text": GOOD.format(n=127)},  # id-less: row number 12
        {"id": "j-after", "text": GOOD.format(n=128)},
        {"id": f"j-{IMG}{SCRIPT}", "text": GOOD.format(n=136), "url": "javascript:alert(1)"},
    ),
    "rows.csv": (
        b"id,date,text\n"
        b'c-good,2024-11-13,"' + GOOD.format(n=129).encode() + b'"\n'
        b"c-huge,," + b"x" * (21 * 1024 * 1024) + b"\n"
        b"c-byte,,caf\xe9 drones\n"
        b'c-after,2024-02-30,"' + GOOD.format(n=130).encode() + b'"\n'
        b'c-open,,"never closed ' + GOOD.format(n=5).encode() + b"\n"
        b"c-last,2024-11-13," + GOOD.format(n=131).encode().replace(b",", b"") + b"\n"
    ),
    "semicolons.csv": b"id;text\ns1;Russia launched 5 drones\n",
    "12.txt": GOOD.format(n=132).encode(),
    "a/same.txt": GOOD.format(n=133).encode(),
    "b/same.txt": GOOD.format(n=134).encode(),
    "missile_attacks_daily.txt": b"Russia launched 5000 drones in a year, a blogger wrote.",
    "dataset-cut.csv": _dataset(["2024-11-12 18:00,2024-11-13 07:00,Shahed-136/131,135,100\n"])
    + b"2024-11-13 18:00,2024-11-14 07:00,Shahed-136/131,10",
    "dataset-garbled.csv": _dataset(["2024-11-15 18:00,2024-11-16 07:00,Shahed-136/131,abc,1\n"]),
}

# (input, what, expected): "fact" -> a fact with this value from it; "error" -> listed with this
# reason; "note" -> a message naming it says this.
ROWS = [
    ("good.txt", "fact", 101),
    ("empty.txt", "error", "empty"),
    ("blank.txt", "error", "empty"),
    ("nul.txt", "error", "binary"),
    ("binary.txt", "error", "binary"),
    ("bad-utf8.txt", "error", "UTF-8"),
    ("utf16.txt", "fact", 103),
    ("latin1.txt", "error", "UTF-8"),
    ("bom.txt", "fact", 104),
    ("cr.txt", "fact", 105),
    ("date-impossible.txt", "fact", 106),
    ("date-impossible.txt", "note", "not a valid date"),
    ("date-future.txt", "fact", 107),
    ("date-future.txt", "note", "outside 1990"),
    ("date-max.txt", "note", "outside 1990"),
    ("date-min.txt", "fact", 109),
    ("date-min.txt", "note", "outside 1990"),
    ("event-2300.txt", "fact", 110),
    ("huge-header.txt", "fact", 111),
    ("payload-body.txt", "fact", 112),
    ("payload <img src=x onerror=alert(1)>.txt", "fact", 113),
    ("payload-title.txt", "fact", 114),
    ("=HYPERLINK(x).txt", "fact", 115),
    ("payload.html", "fact", 116),
    ("minus.txt", "fact", 117),
    ("minus.txt", "note", "negative number"),
    ("absurd.txt", "fact", 118),
    ("absurd.txt", "note", "absurd value"),
    ("list50k.txt", "fact", 119),
    ("redos.txt", "fact", 120),
    ("huge-sentence.txt", "fact", 121),
    ("rows.jsonl:1", "fact", 122),
    ("rows.jsonl:2", "error", "not JSON"),
    ("rows.jsonl:3", "fact", 123),
    ("rows.jsonl:4", "error", "UTF-8"),
    ("rows.jsonl:5", "error", "nested deeper"),
    ("rows.jsonl:6", "error", "digits"),
    ("rows.jsonl:7", "error", "not a JSON object"),
    ("rows.jsonl:8", "error", "no text"),
    ("rows.jsonl:9", "fact", 124),
    ("rows.jsonl:10", "fact", 125),
    ("rows.jsonl:10", "note", "already used"),
    ("rows.jsonl:11", "fact", 126),
    ("rows.jsonl:11", "note", "outside 1990"),
    ("rows.jsonl:12", "fact", 127),
    ("rows.jsonl:13", "fact", 128),
    ("rows.jsonl:14", "fact", 136),
    ("rows.csv:1", "fact", 129),
    ("rows.csv:2", "error", "too long"),
    ("rows.csv:3", "error", "UTF-8"),
    ("rows.csv:4", "fact", 130),
    ("rows.csv:4", "note", "not a valid date"),
    ("rows.csv:5", "error", "quote is never closed"),
    ("rows.csv:6", "fact", 131),
    ("semicolons.csv", "error", "without a 'text' column"),
    ("12.txt", "fact", 132),
    ("a/same.txt", "fact", 133),
    ("b/same.txt", "fact", 134),
    ("dataset-cut.csv:1", "fact", 135),
    ("dataset-cut.csv:2", "error", "cut short"),
    ("dataset-garbled.csv:1", "error", "not a count"),
    ("loop", "error", "folder already read"),
    ("self-link.txt", "error", "symlink loop"),
    ("dangling.txt", "error", "dangling symlink"),
    ("fifo.txt", "error", "FIFO"),
    ("null.txt", "error", "device"),
    ("report", "error", "report folder"),
    ("facts.jsonl", "error", "facts file"),
]


def _build(root: Path) -> None:
    for name, data in CORPUS.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (root / "loop").symlink_to(".")
    (root / "loop2").symlink_to(".")
    (root / "self-link.txt").symlink_to("self-link.txt")
    (root / "dangling.txt").symlink_to("gone.txt")
    os.mkfifo(root / "fifo.txt")
    (root / "null.txt").symlink_to("/dev/null")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile") / "corpus"
    root.mkdir()
    _build(root)
    # A report written into the corpus, and facts extracted into it, are not read back.
    first = run([root / "good.txt"])
    write_report(first, root / "report")
    assert (
        CliRunner()
        .invoke(app, ["extract", str(root / "good.txt"), "-o", str(root / "facts.jsonl")])
        .exit_code
        == 0
    )
    start = time.perf_counter()
    result = run([root])
    out = root.parent / "out"
    write_report(result, out, title=f"{SCRIPT}{LINK}")
    return types.SimpleNamespace(
        root=root, run=result, out=out, seconds=time.perf_counter() - start
    )


def _origin(hostile, name: str) -> str:
    path, _, row = name.partition(":")
    return str(hostile.root / path) + (f":{row}" if row else "")


@pytest.mark.parametrize(("name", "what", "expected"), ROWS, ids=[f"{r[0]}-{r[1]}" for r in ROWS])
def test_every_input_accounted_for(hostile, name, what, expected):
    origin = _origin(hostile, name)
    docs = [d for d in hostile.run.documents if d.origin == origin]
    assert len(docs) == 1, (origin, [d.origin for d in hostile.run.documents])
    doc = docs[0]
    if what == "fact":
        values = [f.value for f in hostile.run.facts if f.doc == doc.id]
        assert expected in values, (doc, values)
    elif what == "error":
        assert doc.error and doc.facts == 0 and expected in (doc.reason or ""), doc
    else:
        assert any(m.startswith(origin + ":") and expected in m for m in hostile.run.messages), [
            m for m in hostile.run.messages if m.startswith(origin)
        ]


def test_no_document_unaccounted_and_ids_unique(hostile):
    docs = hostile.run.documents
    assert len({d.id for d in docs}) == len(docs)
    assert len({d.origin for d in docs}) == len(docs)
    assert all(d.facts or d.reason for d in docs)
    assert {f.doc for f in hostile.run.facts} <= {d.id for d in docs}
    # The file named like the dataset is a text document, its own source.
    assert not any(
        d.origin.startswith(str(hostile.root / "missile_attacks_daily")) and d.error for d in docs
    )


def test_run_time_bound(hostile):
    assert hostile.seconds < 30


def test_facts_are_bounded(hostile):
    long = [f for f in hostile.run.facts if f.value == 121]
    assert long and all(len(f.sentence) <= 2 * SENTENCE_WINDOW + len(f.text) + 2 for f in long)
    assert all(f.text in f.sentence for f in hostile.run.facts)
    assert not any(f.value == 5 for f in hostile.run.facts)  # -5, and 5s in refused docs
    assert not any(
        f.value % 1 or f.value >= 1e7 for f in hostile.run.facts
    )  # 2.5, 1e308, 23 digits
    dates = [d for f in hostile.run.facts for d in (f.published, f.event_date) if d]
    assert all(1990 <= d.year <= 2026 for d in dates)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_no_live_payload_in_html(hostile):
    page = (hostile.out / "report.html").read_text()
    parser = _Tags()
    parser.feed(page)
    from stats.report import _script_hash

    assert _script_hash() in page  # the CSP allows the report's own script only
    assert page.count("<script>") == 1
    for tag, attrs in parser.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        assert tag not in {"iframe", "object", "embed", "svg", "base", "form"}, tag
        assert attrs.get("src", "data:image/png").startswith("data:image/png"), attrs
        assert attrs.get("href", "#").startswith("#"), attrs
        if tag == "script" and attrs:
            assert attrs.get("type") == "application/json", attrs
    assert "&lt;script&gt;" in page  # the payload is there, as text


def test_no_live_payload_in_markdown(hostile):
    md = (hostile.out / "report.md").read_text()
    assert "<script" not in md and "<img" not in md
    assert "](javascript:" not in md and "](https://evil" not in md


@pytest.mark.skipif(not shutil.which("chromium"), reason="no Chromium")
def test_browser_runs_no_payload(hostile):
    proc = subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--dump-dom",
            (hostile.out / "report.html").as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "<body" in proc.stdout
    assert "data-pwned" not in proc.stdout


def test_no_formula_cells(hostile):
    for name in ("facts.csv", "series.csv", "candidates.csv", "agreement.csv"):
        with open(hostile.out / name, newline="") as fh:
            for row in csv.reader(fh):
                for cell in row:
                    if cell[:1] in {"=", "+", "@", "\t", "\r"} or (
                        cell[:1] == "-" and not _number(cell)
                    ):
                        pytest.fail(f"{name}: formula cell {cell[:60]!r}")
    assert "'=HYPERLINK" in (hostile.out / "facts.csv").read_text()


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


# --------------------------------------------------------------------------- given directly

runner = CliRunner()


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        pytest.param(lambda p: os.mkfifo(p) or p, "FIFO", id="fifo"),
        pytest.param(lambda p: Path("/dev/zero"), "device", id="dev-zero"),
        pytest.param(lambda p: p.symlink_to("nowhere") or p, "dangling", id="dangling-link"),
    ],
)
def test_special_file_given_directly(tmp_path, make, reason):
    good = tmp_path / "good.txt"
    good.write_text(GOOD.format(n=140))
    special = make(tmp_path / "special.txt")
    result = runner.invoke(app, ["extract", str(special), str(good)])
    assert result.exit_code == 0
    assert reason in result.stderr and str(special) in result.stderr
    assert '"value": 140' in result.stdout


def test_stdin_is_capped(monkeypatch):
    monkeypatch.setattr(sources, "MAX_BYTES", 1000)
    monkeypatch.setattr("sys.stdin", types.SimpleNamespace(buffer=io.BytesIO(b"x" * 5000)))
    docs = list(sources.read_all(["-"]))
    assert len(docs) == 1 and "too large" in docs[0].error


def test_unreadable_subfolder(tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "x.txt").write_text(GOOD.format(n=5))
    (tmp_path / "good.txt").write_text(GOOD.format(n=141))
    real = os.scandir

    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(sources.os, "scandir", scandir)
    result = run([tmp_path])
    assert [f.value for f in result.facts] == [141]
    assert any("unreadable folder" in m and "locked" in m for m in result.messages)


def test_file_vanishing_during_a_run(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(GOOD.format(n=142))
    (tmp_path / "b.txt").write_text(GOOD.format(n=5))
    named = sources._file_ids  # called once the run has listed its files, before reading

    def name_then_vanish(entries):
        (tmp_path / "b.txt").unlink(missing_ok=True)
        return named(entries)

    monkeypatch.setattr(sources, "_file_ids", name_then_vanish)
    result = run([tmp_path])
    assert [f.value for f in result.facts] == [142]
    assert any("b.txt" in m and "unreadable" in m for m in result.messages)


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(
            ["extract", "IN", "-o", "/nonexistent/dir/facts.jsonl"], id="extract-no-folder"
        ),
        pytest.param(["extract", "IN", "-o", "FOLDER"], id="extract-to-a-folder"),
        pytest.param(["series", "IN", "-o", "/nonexistent/s.csv"], id="series-no-folder"),
        pytest.param(["report", "IN", "--out", "FILE"], id="report-to-a-file"),
        pytest.param(["report", "IN", "--out", "/nonexistent/a/b"], id="report-no-parent"),
    ],
)
def test_bad_output_path_exits_2_before_work(tmp_path, args, monkeypatch):
    good = tmp_path / "good.txt"
    good.write_text(GOOD.format(n=143))
    (tmp_path / "afile").write_text("x")
    subs = {"IN": str(good), "FOLDER": str(tmp_path), "FILE": str(tmp_path / "afile")}
    monkeypatch.setattr("stats.pipeline.run", lambda *a, **k: pytest.fail("work started"))
    result = runner.invoke(app, [subs.get(a, a) for a in args])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


# --------------------------------------------------------------------------- time budget


def test_time_budget_stops_a_slow_document():
    body = "Russia launched 5 drones and Kyiv said 3 were shot down. " * 20_000  # 1.1 MB
    start = time.perf_counter()
    with pytest.raises(TooSlow):
        bounded_extract(Document(id="slow", body=body), extract, seconds=0.05)
    assert time.perf_counter() - start < 2


def test_time_budget_survives_a_swallowed_alarm():
    # A handler's exception that lands in a weakref callback or __del__ is swallowed; the
    # budget must still stop the block, and a block that returns late still counts as slow.
    start = time.perf_counter()
    with pytest.raises(TooSlow):
        with guard.time_budget(0.02):
            try:
                time.sleep(5)
            except TooSlow:
                pass
            time.sleep(5)
    assert time.perf_counter() - start < 2.5
    with pytest.raises(TooSlow):
        with guard.time_budget(0.02):
            try:
                time.sleep(1)
            except TooSlow:
                pass


def test_too_slow_document_is_listed_and_run_goes_on(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(GOOD.format(n=144))
    (tmp_path / "slow.txt").write_text("Russia launched 5 drones, Kyiv said. " * 30_000)
    monkeypatch.setattr(
        "stats.pipeline.bounded_extract", lambda doc, ex: guard.bounded_extract(doc, ex, 0.05)
    )
    result = run([tmp_path])
    assert [f.value for f in result.facts] == [144]
    slow = [d for d in result.documents if d.id == "slow"]
    assert slow and slow[0].error and "too slow" in slow[0].reason


# --------------------------------------------------------------------------- killed mid-write


def _big_corpus(path: Path, rows: int) -> None:
    with path.open("w") as fh:
        for i in range(rows):
            fh.write(
                json.dumps(
                    {"id": f"r{i}", "date": "2024-11-13", "text": GOOD.format(n=150 + i % 40)}
                )
                + "\n"
            )


@pytest.mark.parametrize(
    ("command", "target", "rows"),
    [
        pytest.param(["extract", "CORPUS", "-q", "-o", "OUT"], "facts.jsonl", 2000, id="extract-o"),
        pytest.param(["report", "CORPUS", "-q", "--out", "OUT"], "report", 100, id="report"),
    ],
)
def test_killed_run_leaves_old_output_or_none(tmp_path, command, target, rows):
    """SIGKILL at several moments of a second run: the first run's output stays whole, or the
    second run's complete output is there; never a truncated or mixed one."""
    corpus = tmp_path / "corpus.jsonl"
    exe = [sys.executable, "-c", "from stats.cli import app; app()"]

    def cmd(out: Path) -> list[str]:
        return exe + [
            str(corpus) if a == "CORPUS" else str(out) if a == "OUT" else a for a in command
        ]

    out, complete = tmp_path / target, tmp_path / "complete" / target
    complete.parent.mkdir()
    _big_corpus(corpus, rows)
    subprocess.run(cmd(out), capture_output=True, timeout=120, check=True)
    old = _snapshot(out)
    _big_corpus(corpus, 2 * rows)  # the second run has more facts
    subprocess.run(cmd(complete), capture_output=True, timeout=120, check=True)
    new = _snapshot(complete)
    assert old and new and old != new
    for delay in (0.3, 1.0, 2.0):
        proc = subprocess.Popen(cmd(out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert _snapshot(out) in (old, new), delay


def test_a_terminated_series_removes_its_spill_and_writes_nothing(tmp_path):
    """SIGTERM mid-run (a job scheduler's stop): the run unwinds, its spill folder of
    per-month values is removed from the temp dir, and no output file appears."""
    corpus, out, tmp = tmp_path / "corpus.jsonl", tmp_path / "series.csv", tmp_path / "tmp"
    tmp.mkdir()
    _big_corpus(corpus, 4000)
    exe = [sys.executable, "-c", "from stats.cli import app; app()"]
    proc = subprocess.Popen(
        exe + ["series", str(corpus), "-q", "-j", "1", "-o", str(out)],
        env={**os.environ, "TMPDIR": str(tmp)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not list(tmp.glob("stats-series-*")) and proc.poll() is None:
        assert time.monotonic() < deadline, "the run never made its spill folder"
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be stopped"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert b"Traceback" not in err
    assert list(tmp.glob("stats-series-*")) == []
    assert not out.exists() and list(tmp_path.glob(".series.csv*")) == []


def _snapshot(out: Path) -> dict[str, bytes]:
    """A facts file, or a report folder's data files and file names (report.md has a date)."""
    if out.is_file():
        return {out.name: out.read_bytes()}
    if not out.is_dir():
        return {}
    snap = {p.name: b"" for p in out.iterdir()}
    snap.update({p.name: p.read_bytes() for p in out.glob("*.csv")})
    return snap


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_a_row_past_the_byte_cap_costs_that_row_only(tmp_path, monkeypatch, suffix):
    monkeypatch.setattr(sources, "MAX_DOC_CHARS", 1_000)  # rows over 4,000 bytes are skipped
    rows = [("r1", GOOD.format(n=141)), ("r2", "x" * 5_000), ("r3", GOOD.format(n=142))]
    path = tmp_path / f"c{suffix}"
    if suffix == ".csv":
        buf = io.StringIO()
        csv.writer(buf).writerows([("id", "text"), *rows])
        path.write_text(buf.getvalue())
    else:
        path.write_bytes(_jsonl(*({"id": i, "text": t} for i, t in rows)))
    result = run([path])
    assert sorted(f.value for f in result.facts) == [141, 142]
    (bad,) = [d for d in result.documents if d.error]
    assert "row over 4,000 bytes" in bad.reason and bad.origin == f"{path}:2"


@pytest.mark.parametrize(
    ("cells", "written"),
    [
        (["=SUM(A1)", "ok", None], ["'=SUM(A1)", "ok", None]),
        (["+1", "-drone", "@x", "\tq"], ["'+1", "'-drone", "'@x", "'\tq"]),
        ([-3, 4, 5], [-3, 4, 5]),  # numbers are not formulas
        ([date(2024, 1, 2), None], [date(2024, 1, 2), None]),
        (["=a", 3, 2.5], ["'=a", 3, 2.5]),  # text among numbers
        (["\rx", "a=b", None], ["'\rx", "a=b", None]),  # only a leading character counts
    ],
)
def test_formula_cells_get_a_quote(cells, written):
    import pandas as pd

    from stats.csvsafe import neutralise_frame

    columns = [pd.Series(cells, dtype=object), pd.Series(cells, dtype="category")]
    if all(isinstance(c, str) or c is None for c in cells):
        columns.append(pd.Series(cells, dtype="string"))
    for column in columns:
        got = neutralise_frame(pd.DataFrame({"c": column}))["c"].tolist()
        assert [None if pd.isna(v) else v for v in got] == written
