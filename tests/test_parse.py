"""Sentence -> facts, as a table. Every sentence here is written for these tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from stats.facts import Document
from stats.parse import extract
from stats.sources import read_path

PUB = date(2024, 11, 13)  # a Wednesday


def facts_of(text: str, published: date | None = PUB):
    return extract(Document(id="t", body=text, published=published))


def brief(text: str, published: date | None = PUB):
    return sorted((f.metric, f.weapon, f.value, f.qualifier) for f in facts_of(text, published))


# (sentence, expected (metric, weapon, value, qualifier) facts)
CASES = [
    (
        "Air defences shot down 12 missiles and 40 drones overnight.",
        [("intercepted", "drone", 40, "exact"), ("intercepted", "missile", 12, "exact")],
    ),
    (
        "Russia launched around 70 attack drones at Ukraine overnight.",
        [("launched", "drone", 70, "approx")],
    ),
    ("Russia fired more than 1,200 drones at Ukraine.", [("launched", "drone", 1200, "at_least")]),
    ("Russia fired up to thirty-five missiles.", [("launched", "missile", 35, "at_most")]),
    ("Between 20 and 30 drones were shot down.", [("intercepted", "drone", 20, "range")]),
    (
        "Ukrainian forces downed 41 of 44 aerial targets.",
        [("intercepted", "any", 41, "exact"), ("launched", "any", 44, "exact")],
    ),
    (
        "The enemy attacked with 63 Shahed-type drones; 50 were destroyed and 13 were lost locally.",
        [
            ("intercepted", "drone", 50, "exact"),
            ("launched", "drone", 63, "exact"),
            ("lost", "drone", 13, "exact"),
        ],
    ),
    (
        "Russia used three Kh-101 cruise missiles and two Iskander-M ballistic missiles.",
        [("launched", "ballistic_missile", 2, "exact"), ("launched", "cruise_missile", 3, "exact")],
    ),
    (
        "All 9 drones were intercepted over the Bryansk region.",
        [("intercepted", "drone", 9, "exact"), ("launched", "drone", 9, "exact")],
    ),
    ("A rocket strike killed a 71-year-old man in Kharkiv.", [("killed", "missile", 1, "exact")]),
    (
        "The attack killed four people and injured 15, including three children.",
        [
            ("injured", None, 3, "exact"),
            ("injured", None, 15, "exact"),
            ("killed", None, 4, "exact"),
        ],
    ),
    ("At least 6 civilians were wounded in the shelling.", [("injured", None, 6, "at_least")]),
    ("Dozens of drones targeted the capital.", [("launched", "drone", 12, "at_least")]),
    (
        "Russia has gathered some 40,000 troops near the border.",
        [("troops", None, 40000, "approx")],
    ),
    (
        "A glide bomb attack on Zaporizhzhia wounded a 14-year-old girl.",
        [("injured", "glide_bomb", 1, "exact")],
    ),
    ("The number of missiles rose to 24, officials said.", [("launched", "missile", 24, "exact")]),
]
NOT_FACTS = [
    "The city, home to about 1.4 million people, was quiet.",
    "Sirens sounded across 14 regions at 03:15 local time.",
    "The strike damaged nine apartment buildings and 3 schools.",
    "Congress approved a $60 billion package in 2024.",
    "No one was killed, the mayor said.",
    "Analysts expect Russia could soon launch up to 2,000 drones a night.",
    "More than half of the drones were downed.",
    "The siege lasted for 80 days.",
    "Kh-101 and S-300 missiles are widely used by Russia.",
    "The 9-storey building partly collapsed.",
    "About 300 people were evacuated and 20 were rescued from the rubble.",
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_sentence_facts(text, expected):
    assert brief(text) == sorted((m, w, float(v), q) for m, w, v, q in expected)


@pytest.mark.parametrize("text", NOT_FACTS, ids=[t[:40] for t in NOT_FACTS])
def test_not_facts(text):
    assert facts_of(text) == []


@pytest.mark.parametrize(
    "text,field,expected",
    [
        (
            "Russia's defence ministry said air defences destroyed 30 Ukrainian drones over the Kursk region.",
            "actor",
            "ukraine",
        ),
        ("Ukraine's air force said it shot down 25 drones overnight.", "actor", "russia"),
        (
            "Ukraine's air force said it shot down 25 drones overnight.",
            "claimed_by",
            "Ukrainian air force",
        ),
        (
            "A Russian drone attack on Odesa killed two people on Monday.",
            "event_date",
            date(2024, 11, 11),
        ),
        ("Russia attacked with 40 drones overnight.", "event_date", date(2024, 11, 13)),
        ("On 9 November Russia fired 6 missiles at Kyiv.", "event_date", date(2024, 11, 9)),
        (
            "Since the start of the full-scale invasion, Russia has launched more than 9,000 missiles.",
            "scope",
            "cumulative",
        ),
        ("Over the past week Russia launched more than 800 drones.", "scope", "period"),
        ("Russia launched 14 Kalibr missiles from the Black Sea.", "weapon_model", "Kalibr"),
        ("The shelling of Kherson killed three people.", "location", "Kherson"),
    ],
)
def test_fact_fields(text, field, expected):
    facts = facts_of(text)
    assert facts, text
    assert getattr(facts[0], field) == expected


def test_spans_point_at_the_text():
    text = "Overnight, air defences shot down 20 of 25 drones. Two people were injured in Sumy."
    for f in facts_of(text):
        assert text[f.start : f.end] == f.text
        assert f.text in f.sentence


def test_unknown_year_gives_no_event_date():
    assert {f.event_date for f in facts_of("On Friday Russia launched 30 drones.", None)} == {None}


SEED = Path(__file__).resolve().parents[1] / "seeds" / "2024-11-13-kyiv.txt"
# The example table of FACTS.md: (metric, weapon family, value, qualifier)
SEED_EXPECTED = {
    ("intercepted", "missile", 4, "exact"),
    ("intercepted", "drone", 37, "exact"),
    ("launched", "drone", 90, "approx"),
    ("injured", None, 1, "exact"),
    ("killed", None, 1, "exact"),
    ("killed", None, 4, "exact"),
    ("troops", None, 50000, "exact"),
}


def test_seed_article_gives_the_example_table():
    (doc,) = list(read_path(SEED))
    facts = extract(doc)
    got = {
        (
            f.metric,
            f.weapon if f.metric in {"launched", "intercepted"} else None,
            f.value,
            f.qualifier,
        )
        for f in facts
    }
    assert got == SEED_EXPECTED
    # the Brovary injury may stand twice; nothing else may repeat
    assert len(facts) in (7, 8)
    # no fact from an age, population, duration, date or count of areas
    for f in facts:
        assert f.value not in (52, 32, 3_000_000, 70, 98, 8, 2022, 2024)
