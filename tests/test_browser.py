"""The report in a real browser: headless Chromium runs its script, then the DOM is read.

`--dump-dom` prints the document after scripts ran; the fact table's state (search, sort,
filters) is driven through the URL hash, the same path the headline's evidence links use.
Skipped, with the reason, only where no Chromium is installed (CI installs it in .ci/run).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from stats.pipeline import run
from stats.report import write_report

ROOT = Path(__file__).resolve().parent.parent
BROWSER = (
    shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
)
pytestmark = pytest.mark.skipif(
    BROWSER is None, reason="no Chromium on PATH (Debian: apt-get install chromium)"
)
CORPUS = [
    ROOT / "seeds" / "2024-11-13-kyiv.txt",
    *sorted((ROOT / "seeds" / "news").glob("2024-11-1*.txt")),
    ROOT / "tests" / "data" / "browser" / "2024-11-20-hostile.txt",
]


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "report"
    return write_report(run([str(p) for p in CORPUS]), out, made="test")


def dump(url: str, tmp: Path) -> str:
    """The DOM after the page's scripts ran."""
    proc = subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp}",
            "--virtual-time-budget=5000",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


class Rows(HTMLParser):
    """The cells of #facts-table's body, and attributes of <body>."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.body: dict[str, str] = {}
        self._in, self._cell = False, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "body":
            self.body = {k: v or "" for k, v in attrs}
        if tag == "table" and a.get("id") == "facts-table":
            self._in = True
        if self._in and tag == "tr":
            self.rows.append([])
        if self._in and tag == "td":
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self._in = False
        if self._in and tag == "td" and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def parsed(dom: str) -> Rows:
    p = Rows()
    p.feed(dom)
    p.rows = [r for r in p.rows if r]
    return p


COL = {"date": 0, "metric": 1, "weapon": 2, "value": 4, "actor": 6, "doc": 10, "sentence": 11}


def test_headline_charts_and_first_page(report, tmp_path):
    dom = dump(report.as_uri(), tmp_path / "p")
    page = parsed(dom)
    assert re.search(r"From \d+ \w+ 2024 to \d+ \w+ 2024", dom)
    assert "Russia launched" in dom
    assert int(page.body["data-charts-loaded"]) >= 3  # PNGs decoded in the browser
    assert page.body["data-facts-rendered"] == str(len(page.rows))
    assert 0 < len(page.rows) <= 50  # one page, not every fact at once


@pytest.mark.parametrize(
    "hash_,check",
    [
        ("#f:q=kyiv", lambda r: "kyiv" in (r[COL["sentence"]] + r[COL["doc"]]).lower()),
        ("#f:metric=killed", lambda r: r[COL["metric"]] == "killed"),
        (
            "#f:weapon=drone&metric=launched",
            lambda r: r[COL["weapon"]] == "drone" and r[COL["metric"]] == "launched",
        ),
        ("#f:date=2024-11-13", lambda r: r[COL["date"]] == "2024-11-13"),
    ],
)
def test_search_and_filters(report, tmp_path, hash_, check):
    page = parsed(dump(report.as_uri() + hash_, tmp_path / "p"))
    assert page.rows, f"{hash_} matched nothing"
    assert all(check(r) for r in page.rows), hash_


@pytest.mark.parametrize("direction", ["asc", "desc"])
def test_sort_by_value(report, tmp_path, direction):
    page = parsed(dump(report.as_uri() + f"#f:sort=value&dir={direction}", tmp_path / "p"))
    values = [float(r[COL["value"]]) for r in page.rows]
    assert len(values) > 10
    assert values == sorted(values, reverse=direction == "desc")


def test_headline_links_filter_to_their_evidence(report, tmp_path):
    html = report.read_text(encoding="utf-8")
    links = re.findall(r"href='(#f:[^']+)'", html)
    assert links, "no evidence links in the headline"
    page = parsed(dump(report.as_uri() + links[1].replace("&amp;", "&"), tmp_path / "p"))
    assert page.rows  # the number's evidence is in the table


def test_document_text_does_not_execute(report, tmp_path):
    dom = dump(report.as_uri() + "#f:q=regional governor", tmp_path / "p")
    page = parsed(dom)
    assert "data-pwned" not in page.body
    assert any("onerror=" in r[COL["sentence"]] for r in page.rows)  # shown as text
    assert "<img src=x" not in dom and "<script>document.body" not in dom
