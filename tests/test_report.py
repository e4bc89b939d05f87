"""The report: headline numbers equal the series they come from, colours are fixed per class
across reports, paths are shown relative to the inputs, document text is escaped."""

from __future__ import annotations

import json
import re
from pathlib import Path

import matplotlib.colors
import pytest

from stats import plot
from stats.pipeline import run
from stats.report import analyse, dataset_frame, headline, script_json, seeds_dir, write_report

ROOT = Path(__file__).resolve().parent.parent
# The bundled corpus as the package finds it: the checkout's seeds/ in an editable install,
# the shipped copy in any other (where the checkout's folder is just another input).
SEEDS = seeds_dir()
NEWS = sorted((SEEDS / "news").glob("2024-1[12]-*.txt"))
HOSTILE = ROOT / "tests" / "data" / "browser" / "2024-11-20-hostile.txt"


@pytest.fixture(scope="module")
def seeds_run():
    return run([str(SEEDS)])


@pytest.fixture(scope="module")
def seeds_analysis(seeds_run):
    return analyse(seeds_run, dataset_frame(seeds_run))


def test_headline_numbers_equal_the_series(seeds_run, seeds_analysis):
    a = seeds_analysis
    h = headline(a, seeds_run, documents=len(seeds_run.documents), bulletins=455)
    d = a.daily
    launched = d[(d["metric"] == "launched") & (d["actor"] == "russia")]
    for family in ("drone", "missile"):
        assert (
            h.values[f"launched {family}"] == launched[launched["family"] == family]["value"].sum()
        )
    assert h.values["nights"] == d["date"].nunique()
    nights = a.nights[(a.nights["family"] == "drone") & a.nights["rate"].notna()]
    assert h.values["shot down drone"] == pytest.approx(
        nights["intercepted"].sum() / nights["launched"].sum()
    )
    per_night = (
        launched[launched["family"].isin(["drone", "missile"])].groupby("date")["value"].sum()
    )
    assert h.values["largest 1"] == per_night.max()
    assert h.values["documents"] == len(seeds_run.documents)


def test_every_headline_number_links_to_evidence(seeds_run, seeds_analysis):
    h = headline(seeds_analysis, seeds_run, documents=len(seeds_run.documents), bulletins=0)
    nums = [p for s in h.sentences for p in s if not isinstance(p, str)]
    assert len(nums) >= 8
    facts = seeds_analysis.facts
    for n in nums:
        for key, value in n.evidence:
            column = {"claimant": "claimed_by", "date": "event_date", "from": None, "to": None}.get(
                key, key
            )
            if column:
                shown = (
                    facts[column].astype(str)
                    if column != "event_date"
                    else facts[column].dt.strftime("%Y-%m-%d")
                )
                assert (shown == value).any(), f"{n.text}: no fact with {key}={value}"


def _draw_colours(monkeypatch, inputs, out):
    seen: dict[str, str] = {}
    real = plot.save

    def spy(ax, path):
        for a in ax.figure.axes:
            for line in a.get_lines():
                if not line.get_label().startswith("_"):
                    seen[line.get_label()] = matplotlib.colors.to_hex(line.get_color())
        return real(ax, path)

    monkeypatch.setattr(plot, "save", spy)
    write_report(run([str(p) for p in inputs]), out, made="test")
    return seen


def test_colours_per_class_are_the_same_in_two_reports(monkeypatch, tmp_path):
    one = _draw_colours(monkeypatch, [SEEDS / "data", *NEWS[:10]], tmp_path / "one")
    two = _draw_colours(monkeypatch, NEWS[10:], tmp_path / "two")
    common = set(one) & set(two)
    assert {"drone", "missile", "ballistic missile"} <= common, common
    for label in common:
        assert one[label] == two[label], label
    assert one["drone"] == plot.CLASS_COLORS["drone"]


def test_paths_are_relative_to_the_inputs_and_documents_counted_once(tmp_path, seeds_run):
    html = write_report(seeds_run, tmp_path / "r", inputs=[str(SEEDS)], made="t").read_text()
    assert str(ROOT) not in html and "site-packages" not in html
    n = len(seeds_run.documents)
    counts = set(re.findall(r"([\d,]+) documents", re.sub(r"<[^>]+>", "", html)))
    assert counts == {f"{n:,}"}, counts


def test_every_link_within_the_page_has_its_target(tmp_path, seeds_run):
    html = write_report(seeds_run, tmp_path / "r", inputs=[str(SEEDS)], made="t").read_text()
    ids = set(re.findall(r"id='([^']+)'", html))
    links = set(re.findall(r"href='#(?!f:)([^']+)'", html))
    assert links and links <= ids, links - ids
    assert "<a class='ev' href='#agreement'>" in html  # nights where text differs from the dataset


def test_document_text_is_never_markup(tmp_path):
    html = write_report(run([str(HOSTILE), str(NEWS[0])]), tmp_path / "r", made="t").read_text()
    assert "<img src=x" not in html and "<script>document.body" not in html
    data = re.search(r"id='facts-data'>(.*?)</script>", html, re.S).group(1)
    rows = json.loads(data)
    assert any("<img src=x onerror=" in r["sentence"] for r in rows)  # kept as text


@pytest.mark.parametrize(
    "value",
    ["</script><script>alert(1)</script>", "<!--", "a\u2028b", "&amp;"],
)
def test_script_json_cannot_close_its_element(value):
    text = script_json([value])
    assert "<" not in text and ">" not in text and "\u2028" not in text
    assert json.loads(text) == [value]


def test_report_folder_is_written_whole(tmp_path):
    out = tmp_path / "r"
    out.mkdir()
    (out / "stale.txt").write_text("old")
    write_report(run([str(NEWS[0])]), out, made="t")
    names = {p.name for p in out.iterdir()}
    assert "stale.txt" not in names and {"report.html", "report.md", "facts.csv"} <= names
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_fact_table_scales_to_ten_thousand_facts(tmp_path, seeds_run):
    """10,000+ facts: the HTML holds them as JSON rows, not 10,000 table rows. (The dataset's
    facts copied under new row ids: same nights, so the series work stays small.)"""
    from dataclasses import replace

    ds = [f for f in seeds_run.facts if f.doc.startswith("missile_attacks_daily")]
    copies = -(-10_000 // len(ds))
    facts = [replace(f, doc=f"{f.doc}-{i}") for i in range(copies) for f in ds]
    big = type(seeds_run)(facts=facts, documents=seeds_run.documents)
    html = write_report(big, tmp_path / "r", made="t").read_text()
    rows = json.loads(re.search(r"id='facts-data'>(.*?)</script>", html, re.S).group(1))
    assert len(rows) == len(facts) >= 10_000
    assert html.count("<tr") < 3000
