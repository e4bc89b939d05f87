"""The streaming pipeline: per-document results in order, the same facts on any number of
processes, facts written incrementally and atomically."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from stats.export import ENCODERS, fact_row, fact_sink, write_facts
from stats.facts import Document, Fact, fact_values
from stats.pipeline import DocResult, Tally, drain, facts_of, iter_run, process, run
from stats.sources import SourceError

ROOT = Path(__file__).parents[1]
NEWS = ROOT / "seeds" / "news"


def _corpus(tmp_path: Path) -> Path:
    """A JSONL corpus in our own words: figures, a row without any, an unreadable row."""
    rows = [
        {
            "id": "a",
            "published": "2024-03-02",
            "text": "Overnight 40 drones were launched at the "
            "south. Air defence shot down 31 of them.",
        },
        {"id": "b", "published": "2024-03-03", "text": "The bakery fair drew a crowd on Sunday."},
        {
            "id": "c",
            "published": "2024-03-04",
            "text": "Russia fired 6 cruise missiles at Lviv; 4 were intercepted, officials said.",
        },
    ]
    path = tmp_path / "corpus.jsonl"
    lines = [json.dumps(r) for r in rows] + ["{not json"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _facts(results) -> list[dict]:
    return [fact_row(f) for one in results for f in one.facts]


def test_jobs_give_the_same_facts_in_the_same_order():
    """Two processes (chunks of 4, so the pool really runs) and one process agree exactly."""
    one = list(iter_run([NEWS], jobs=1))
    two = list(iter_run([NEWS], jobs=2, chunksize=4))
    assert len(one) > 8, "the seed news folder holds enough documents for several chunks"
    assert [r.status for r in two] == [r.status for r in one]
    assert _facts(two) == _facts(one)
    assert _facts(one), "the seed news state figures"


@pytest.mark.parametrize("jobs", [1, 2])
def test_facts_sent_as_tuples_are_the_facts(jobs):
    plain = list(iter_run([NEWS], jobs=1))
    sent = list(iter_run([NEWS], jobs=jobs, chunksize=4, tuples=True))
    assert [r.status for r in sent] == [r.status for r in plain]
    assert not any(r.facts for r in sent)
    tuples = [t for r in sent for t in r.tuples]
    assert tuples and tuples == [fact_values(f) for r in plain for f in r.facts]
    assert list(facts_of(iter(sent), tuples=True)) == tuples
    with pytest.raises(ValueError, match="not tuples"):  # results of a run asked for facts
        list(facts_of(iter(plain), tuples=True))


def test_run_collects_what_iter_run_streams(tmp_path):
    path = _corpus(tmp_path)
    streamed = list(iter_run([path]))
    collected = run([path])
    assert collected.documents == [r.status for r in streamed]
    assert [fact_row(f) for f in collected.facts] == _facts(streamed)
    assert len(collected.documents) == 4  # every row accounted for, the broken one too
    assert len(collected.errors) == 1


@pytest.mark.parametrize(
    ("doc", "facts", "error", "reason"),
    [
        pytest.param(
            Document("d1", "Overnight 12 drones were launched; 9 were shot down."),
            True,
            False,
            None,
            id="figures",
        ),
        pytest.param(
            Document("d2", "The weather stayed mild all week."),
            False,
            False,
            "no war figures found",
            id="no-figures",
        ),
        pytest.param(
            Document("d3", "", error="not UTF-8 text"),
            False,
            True,
            "not UTF-8 text",
            id="unreadable",
        ),
    ],
)
def test_process_accounts_for_each_document(doc, facts, error, reason):
    one = process(doc)
    assert isinstance(one, DocResult)
    assert bool(one.facts) is facts
    assert one.status.error is error
    assert one.status.reason == reason
    assert one.status.facts == len(one.facts)


def test_missing_path_raises_at_the_call(tmp_path):
    with pytest.raises(SourceError):
        iter_run([tmp_path / "nowhere"])  # before any iteration


def test_drain_tallies_and_batches(tmp_path):
    batches: list[int] = []
    results = list(iter_run([_corpus(tmp_path)]))
    tally = drain(results, lambda fs: batches.append(len(list(fs))), batch=1)
    n = sum(len(r.facts) for r in results)
    assert tally == Tally(documents=4, facts=n, errors=1)
    assert sum(batches) == n and len(batches) > 1


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
@pytest.mark.parametrize("jobs", [1, 2])
def test_lines_encoded_by_workers_are_the_file_written_from_facts(tmp_path, fmt, jobs):
    """`encode`: workers hand back text; the file is byte for byte the one written from
    fact objects in this process, and the tally is the same."""
    inputs = [NEWS, _corpus(tmp_path)]
    plain = list(iter_run(inputs, jobs=1))
    encoded = list(iter_run(inputs, jobs=jobs, chunksize=4, encode=ENCODERS[fmt]))
    assert [r.status for r in encoded] == [r.status for r in plain]
    assert not any(r.facts for r in encoded) and sum(bool(r.lines) for r in encoded) > 8
    with fact_sink(fmt, tmp_path / f"a.{fmt}") as sink:
        a = drain(plain, sink)
    with fact_sink(fmt, tmp_path / f"b.{fmt}") as sink:
        b = drain(encoded, sink, write_lines=sink.write)
    assert a == b and a.facts > 50
    assert (tmp_path / f"a.{fmt}").read_bytes() == (tmp_path / f"b.{fmt}").read_bytes()


def test_encoded_lines_without_a_writer_are_an_error_not_a_loss():
    results = iter_run([NEWS], encode=ENCODERS["jsonl"])
    with pytest.raises(ValueError, match="write_lines"):
        drain(results, lambda facts: None)


def _seed_facts() -> list[Fact]:
    return [f for one in iter_run([NEWS]) for f in one.facts][:200]


def test_fact_row_is_to_dict():
    facts = _seed_facts()
    assert facts
    assert [fact_row(f) for f in facts] == [f.to_dict() for f in facts]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_a_failed_run_leaves_the_old_file(tmp_path, fmt):
    """A run that dies mid-way never leaves a truncated file: the old one stays whole."""
    out = tmp_path / f"facts.{fmt}"
    facts = _seed_facts()
    write_facts(facts[:3], fmt, path=out)
    before = out.read_bytes()
    with pytest.raises(RuntimeError), fact_sink(fmt, out) as sink:
        sink(facts)
        raise RuntimeError("killed")
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary left behind


def test_parquet_is_written_by_row_groups(tmp_path):
    import pyarrow.parquet as pq

    facts = _seed_facts()
    out = tmp_path / "facts.parquet"
    with fact_sink("parquet", out, row_group=16) as sink:
        for k in range(0, len(facts), 10):
            sink(facts[k : k + 10])
    meta = pq.ParquetFile(out).metadata
    assert meta.num_rows == len(facts)
    assert meta.num_row_groups == -(-len(facts) // 16)
    rows = pq.read_table(out).to_pylist()
    expected = [f.to_dict() for f in facts]
    for row, want in zip(rows, expected, strict=True):
        assert row["doc"] == want["doc"] and row["text"] == want["text"]
        assert row["value"] == want["value"]
        assert (row["event_date"] and row["event_date"].isoformat()) == want["event_date"]


@pytest.mark.parametrize(
    ("published", "value", "expected_published", "expected_value"),
    [
        pytest.param(date(2024, 5, 1), 12.0, "2024-05-01", 12, id="whole-number-as-int"),
        pytest.param(None, 2.5, None, 2.5, id="fraction-kept"),
    ],
)
def test_fact_row_fields(published, value, expected_published, expected_value):
    f = Fact(
        doc="x",
        published=published,
        event_date=None,
        metric="launched",
        weapon="drone",
        weapon_model=None,
        value=value,
        value_max=None,
        qualifier="exact",
        actor="russia",
        claimed_by=None,
        location=None,
        scope="event",
        subgroup=None,
        start=0,
        end=2,
        text="12",
        sentence="12 drones",
    )
    row = fact_row(f)
    assert row["published"] == expected_published
    assert row["value"] == expected_value
    assert row == f.to_dict()
