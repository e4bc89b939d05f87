"""The bundled news corpus against the facts its documents were written to state.

`tests/data/seed_figures.csv` lists, per document of `seeds/news/`, every fact it states (one row
per fact: metric, weapon class, value, qualifier, actor, scope, the words). Matching is the dev
scorer's: same document, metric, weapon family (weapon metrics only) and value; a leftover
prediction that repeats a matched one (a restated number) is not counted against precision.
Run with `-s` to print the figures.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from scoring import Score, score_document

from stats.facts import WEAPON_METRICS, Fact, weapon_family
from stats.pipeline import run

ROOT = Path(__file__).parents[1]
FIGURES = Path(__file__).parent / "data" / "seed_figures.csv"


def same_family(label: dict, fact: Fact) -> bool:
    if label["metric"] != fact.metric or float(label["value"]) != fact.value:
        return False
    return fact.metric not in WEAPON_METRICS or weapon_family(label["weapon"] or None) == (
        weapon_family(fact.weapon)
    )


@pytest.fixture(scope="module")
def scored() -> Score:
    with FIGURES.open(newline="") as f:
        gold = list(csv.DictReader(f))
    by_doc: dict[str, list[Fact]] = {}
    for fact in run([ROOT / "seeds" / "news"]).facts:
        by_doc.setdefault(fact.doc, []).append(fact)
    score = Score()
    for doc in sorted(by_doc.keys() | {g["doc"] for g in gold}):
        labels = [
            {**g, "fields": {k: g[k] for k in ("event_date", "actor") if g[k]}}
            for g in gold
            if g["doc"] == doc
        ]
        score_document(score, by_doc.get(doc, []), labels, same=same_family)
    print("\n" + score.line("seed corpus"))
    return score


def test_seed_corpus_recall(scored):
    assert scored.recall >= 0.97, [(m["doc"], m["metric"], m["value"]) for m in scored.missed]


def test_seed_corpus_precision(scored):
    assert scored.precision >= 0.97, [(f.doc, f.metric, f.value, f.text) for f in scored.false]


def test_seed_corpus_dates_and_actors(scored):
    assert len(scored.field_errors) <= 0.02 * scored.field_checks, scored.field_errors
