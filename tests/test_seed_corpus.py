"""The bundled news corpus against the facts its documents were written to state.

`tests/data/seed_figures.csv` lists, per document of `seeds/news/`, every fact it states (one row
per fact: metric, weapon class, value, qualifier, actor, scope, the words). Matching is the dev
scorer's: same document, metric, weapon family (weapon metrics only) and value; a leftover
prediction that repeats a matched one (a restated number) is not counted against precision.
Run with `-s` to print the figures.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from stats.facts import WEAPON_METRICS, weapon_family
from stats.pipeline import run

ROOT = Path(__file__).parents[1]
FIGURES = Path(__file__).parent / "data" / "seed_figures.csv"


def _key(metric: str, weapon: str | None, value: float) -> tuple:
    return (metric, weapon_family(weapon) if metric in WEAPON_METRICS else "", float(value))


@pytest.fixture(scope="module")
def scored():
    with FIGURES.open(newline="") as f:
        gold = list(csv.DictReader(f))
    facts = run([ROOT / "seeds" / "news"]).facts
    preds: dict[str, Counter] = {}
    for fact in facts:
        preds.setdefault(fact.doc, Counter())[_key(fact.metric, fact.weapon, fact.value)] += 1
    misses, matched = [], {}
    for g in gold:
        key = _key(g["metric"], g["weapon"] or None, float(g["value"]))
        free = preds.get(g["doc"], Counter())
        if free[key] > 0:
            free[key] -= 1
            matched.setdefault(g["doc"], set()).add(key)
        else:
            misses.append(g)
    false = [
        (doc, key)
        for doc, left in preds.items()
        for key, n in left.items()
        for _ in range(n)
        if key not in matched.get(doc, set())
    ]
    tp = len(gold) - len(misses)
    precision, recall = tp / (tp + len(false)), tp / len(gold)
    print(
        f"\nseed corpus: precision {precision:.3f} recall {recall:.3f} "
        f"(gold {len(gold)}, matched {tp}, false {len(false)})"
    )
    return precision, recall, misses, false


def test_seed_corpus_recall(scored):
    _, recall, misses, _ = scored
    assert recall >= 0.93, [(m["doc"], m["metric"], m["value"], m["text"]) for m in misses]


def test_seed_corpus_precision(scored):
    precision, _, _, false = scored
    assert precision >= 0.93, false
