"""The report: headline numbers equal the series they come from, colours are fixed per class
across reports, paths are shown relative to the inputs, document text is escaped."""

from __future__ import annotations

import json
import re
from pathlib import Path

import matplotlib.colors
import pandas as pd
import pytest

from stats import plot
from stats.analysis.regions import per_region
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


# --- a report from a stream ---------------------------------------------------------------


def _chunks_of_documents(facts, docs_per_chunk):
    """The facts as `facts_frame` chunks of a few documents each, in order."""
    from itertools import groupby

    from stats.series import facts_frame

    by_doc = [list(g) for _, g in groupby(facts, key=lambda f: f.doc)]
    for i in range(0, len(by_doc), docs_per_chunk):
        yield facts_frame([f for doc in by_doc[i : i + docs_per_chunk] for f in doc])


@pytest.mark.parametrize("docs_per_chunk", [1, 7, 10_000])
def test_a_digest_of_chunks_is_the_whole_frame(seeds_run, docs_per_chunk):
    """facts.csv written chunk by chunk, the region and model views from partial sums, and the
    capped table equal what the whole fact frame gives."""
    import io

    from stats.analysis.models import model_nights, nights_of_models
    from stats.analysis.regions import fact_regions
    from stats.csvsafe import neutralise_frame
    from stats.report_facts import DERIVED, FactDigest
    from stats.series import facts_frame

    whole = facts_frame(seeds_run.facts)
    csv = io.StringIO()
    digest = FactDigest(csv, limit=50)
    for frame in _chunks_of_documents(seeds_run.facts, docs_per_chunk):
        digest.add(frame)
    digest.close()
    assert csv.getvalue() == neutralise_frame(whole.drop(columns=DERIVED)).to_csv(index=False)
    assert digest.n_facts == len(whole)
    assert per_region(digest.regions()).equals(per_region(fact_regions(whole)))
    assert nights_of_models(digest.models()).equals(model_nights(whole))
    is_ds = whole["dataset"]
    expected = pd.concat([whole[~is_ds], whole[is_ds]]).head(50)
    assert list(digest.table()["text"]) == list(expected["text"])
    assert len(digest.dataset_docs) == whole.loc[is_ds, "doc"].nunique() > 0


@pytest.mark.parametrize("docs_per_chunk", [1, 7, 10_000])
def test_rows_the_workers_encode_are_the_frames_facts_csv(seeds_run, docs_per_chunk):
    """facts.csv from the rows encoded beside the facts (`CsvFeed`) is byte for byte the one
    the digest writes from the frames, however the documents fall into chunks."""
    import io
    from itertools import groupby

    from stats.csvsafe import neutralise_frame
    from stats.export import report_csv_lines
    from stats.report_facts import DERIVED, CsvFeed, FactDigest
    from stats.series import facts_frame

    by_doc = [list(g) for _, g in groupby(seeds_run.facts, key=lambda f: f.doc)]
    csv, feed = io.StringIO(), CsvFeed()
    digest = FactDigest(csv, feed=feed)
    for i in range(0, len(by_doc), docs_per_chunk):
        docs = by_doc[i : i + docs_per_chunk]
        for facts in docs:
            feed.put(report_csv_lines(facts))
        digest.add(facts_frame([f for doc in docs for f in doc]))
    digest.close()
    whole = facts_frame(seeds_run.facts)
    assert csv.getvalue() == neutralise_frame(whole.drop(columns=DERIVED)).to_csv(index=False)
    assert digest.n_facts == len(whole) and not feed.parts


@pytest.mark.parametrize(
    "fields",
    [
        {"text": "=HYPERLINK(1)", "sentence": "+1 drone, said the -post", "doc": "@d"},
        {"value": 12, "value_max": 20, "weapon": "tactical_drone", "location": "\tKyiv"},
        {"value": 7.0, "weapon": None, "claimed_by": None, "sentence": 'a "quoted", line\nnext'},
        {"event_date": None, "weapon": "cruise_missile", "weapon_model": "Kh-101"},
    ],
)
def test_a_worker_encoded_row_is_the_frames_row(fields):
    """Formula-like text, whole and range values, missing fields, quotes and line breaks come
    out of `report_csv_lines` as the fact frame writes them."""
    from datetime import date

    from stats.csvsafe import neutralise_frame
    from stats.export import REPORT_CSV_COLUMNS, report_csv_lines
    from stats.facts import Fact
    from stats.report_facts import DERIVED
    from stats.series import facts_frame

    base = dict(
        doc="d1", published=date(2024, 11, 2), event_date=date(2024, 11, 1), metric="launched",
        weapon="drone", weapon_model=None, value=37.0, value_max=None, qualifier="exact",
        actor="russia", claimed_by="air force", location=None, scope="event", subgroup=None,
        start=0, end=9, text="37 drones", sentence="Russia launched 37 drones.", source="x.txt",
    )  # fmt: skip
    fact = Fact(**{**base, **fields})
    frame = neutralise_frame(facts_frame([fact]).drop(columns=DERIVED))
    assert list(frame.columns) == list(REPORT_CSV_COLUMNS)
    assert report_csv_lines([fact]) == frame.to_csv(index=False, header=False)


@pytest.mark.parametrize("filters", [[], ["--weapon", "drone"]])
def test_stats_reports_facts_csv_is_the_frames(tmp_path, filters):
    """`stats report` (whose workers encode facts.csv unless a filter is given) writes the
    facts.csv that `write_report` writes from the fact frames of the same, filtered, facts."""
    from typer.testing import CliRunner

    from stats.analysis.filters import filter_facts
    from stats.cli import app

    inputs = [str(p) for p in NEWS]
    args = ["report", *inputs, "-q", "-j", "2", "--out", str(tmp_path / "cli"), *filters]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    ran = run(inputs)
    ran.facts = filter_facts(ran.facts, weapon="drone" if filters else None)
    write_report(ran, tmp_path / "lib", made="t")
    written = (tmp_path / "cli" / "facts.csv").read_bytes()
    assert written == (tmp_path / "lib" / "facts.csv").read_bytes()
    assert written.count(b"\n") == len(ran.facts) + 1 > 20


def test_an_empty_stream_writes_the_csv_header():
    import io

    from stats.report_facts import DERIVED, FactDigest
    from stats.series import facts_frame

    csv = io.StringIO()
    digest = FactDigest(csv)
    digest.close()
    header = ",".join(c for c in facts_frame([]).columns if c not in DERIVED)
    assert csv.getvalue().strip() == header
    assert digest.table().empty and digest.n_facts == 0


def test_a_capped_fact_table_says_so_and_facts_csv_holds_every_fact(tmp_path, seeds_run):
    from stats.pipeline import Account
    from stats.report import write_stream_report

    html = write_stream_report(
        iter(seeds_run.facts), Account.of(seeds_run), tmp_path / "r", made="t", table_facts=100
    ).read_text()
    rows = json.loads(re.search(r"id='facts-data'>(.*?)</script>", html, re.S).group(1))
    n = len(seeds_run.facts)
    assert len(rows) == 100 < n
    assert f"the first 100 of {n:,} facts" in html
    written = pd.read_csv(tmp_path / "r" / "facts.csv")
    assert len(written) == n
    assert f"{n:,} facts: see facts.csv." in (tmp_path / "r" / "report.md").read_text()


@pytest.mark.parametrize(
    "statuses, keep, documents, errors, empty, quiet, files",
    [
        ([("a", "x.txt", 2, False), ("b", "y.txt", 0, False)], 5, 2, 0, 1, ["b"], set()),
        (
            [(f"r{i}", f"d.jsonl:{i}", i % 2, i == 3) for i in range(6)],
            2,
            6,
            1,
            3,
            ["r0", "r2"],
            {"d.jsonl"},
        ),
    ],
)
def test_an_account_counts_every_document_and_keeps_a_few(
    statuses, keep, documents, errors, empty, quiet, files
):
    from stats.pipeline import Account, DocStatus

    account = Account(keep=keep)
    for doc, origin, n, error in statuses:
        account.add(DocStatus(doc, origin, None, n, None if n else "none", error))
    assert (account.documents, account.errors, account.empty) == (documents, errors, empty)
    assert [d.id for d in account.quiet] == quiet and account.files == files


def test_section_tables_hold_what_their_notes_say(monkeypatch, tmp_path, seeds_run):
    """A section whose note says "the first N of M rows" shows N rows, not all M."""
    import stats.report as report

    monkeypatch.setattr(report, "LIMIT", 5)
    html = write_report(seeds_run, tmp_path / "r", made="t").read_text()
    notes = re.findall(r"<h2 id='(\w+)'>[^<]*</h2><p class='note'>[^<]*The first 5 of", html)
    assert {"agreement", "reconciliation", "merges"} <= set(notes), notes
    for anchor in notes:
        section = html.split(f"<h2 id='{anchor}'>")[1].split("<h2 ")[0]
        assert section.count("<tr") == 1 + 5, anchor  # the heading row and five rows


@pytest.mark.parametrize("batch_bytes", [1, 2**16, 2**30])  # a month, a few, all at once
def test_a_series_digest_keeps_what_a_kept_build_shows(seeds_run, batch_bytes):
    """The report's lean build (values let go month by month) shows the same merges,
    multi-source nights, agreement and candidates.csv as a build that keeps every value."""
    import io

    from stats.analysis import text_vs_dataset
    from stats.csvsafe import neutralise_frame
    from stats.report_series import SeriesDigest
    from stats.series.build import build_series_stream
    from stats.series.values import KEY

    kept = build_series_stream(seeds_run.facts, freq="M", batch_bytes=batch_bytes)
    digest = SeriesDigest(limit=4)
    lean = build_series_stream(
        seeds_run.facts, freq="M", keep=False, batch_bytes=batch_bytes, on_batch=digest.add
    )
    cands = kept.reconciled.candidates
    multi = cands[cands.duplicated(KEY, keep=False)].reset_index(drop=True)
    merges = kept.values.merges
    assert (digest.n_multi, digest.n_merges) == (len(multi), len(merges))
    assert len(multi) > 4 and len(merges) > 4  # the limit is reached
    pd.testing.assert_frame_equal(digest.multi, multi.head(4))
    pd.testing.assert_frame_equal(digest.merges, merges.head(4))
    pd.testing.assert_frame_equal(
        digest.agreement(), text_vs_dataset(kept.values.values, kept.values.rest)
    )
    csv = io.StringIO()
    digest.write_candidates(csv, lean.explain)
    digest.close()
    assert csv.getvalue() == neutralise_frame(kept.explain).to_csv(index=False)


def test_a_series_digest_keeps_the_first_merges_in_source_order():
    """Merges come month by month; the page shows the first of them by source, as a kept build
    sorts them (the months' order is not the sources' order)."""
    from stats.report_series import SeriesDigest
    from stats.series import Reconciled, SourceValues
    from stats.series.values import MERGE_COLUMNS

    def merges(*units):
        rows = [dict.fromkeys(MERGE_COLUMNS, "x") | {"source_unit": u} for u in units]
        return pd.DataFrame(rows, columns=MERGE_COLUMNS)

    none = pd.DataFrame()
    digest = SeriesDigest(limit=3)
    for month in (merges("c-doc", "d-doc"), merges("a-doc", "e-doc"), merges("b-doc")):
        digest.add(SourceValues(none, month), Reconciled(none, none))
    digest.close()
    assert digest.merges["source_unit"].tolist() == ["a-doc", "b-doc", "c-doc"]
    assert digest.n_merges == 5
