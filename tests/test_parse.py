"""Sentence -> facts, as a table. Every sentence here is written for these tests."""

from __future__ import annotations

import importlib
import re
from datetime import date
from pathlib import Path

import pytest

from stats.facts import Document
from stats.parse import extract
from stats.parse import lexicon as L
from stats.parse.candidates import _ARTICLE_COUNT, number_like
from stats.parse.hits import CUE_WORDS, DAY_WORDS, NUMBER_WORDS, hits_of, within
from stats.parse.numbers import TOKEN, _scan_ascii, _split_tokens, digit_value
from stats.parse.sentences import _BREAK, breaks, sentences
from stats.parse.state import KEEP_BEHIND, alternation
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
    # lists whose predicate comes last, answers that point back, relative clauses
    (
        "Of the 120 missiles fired, air defences destroyed 104.",
        [("intercepted", "missile", 104, "exact"), ("launched", "missile", 120, "exact")],
    ),
    (
        "According to the air force, of 52 drones, 31 were shot down, 17 disappeared from radars, and 4 drones are still in the air.",
        [
            ("intercepted", "drone", 31, "exact"),
            ("launched", "drone", 52, "exact"),
            ("lost", "drone", 17, "exact"),
        ],
    ),
    (
        "Kyiv was hit by four ballistic missiles, two of which were intercepted.",
        [
            ("hit", "ballistic_missile", 4, "exact"),
            ("intercepted", "ballistic_missile", 2, "exact"),
        ],
    ),
    (
        "It intercepted 31 of the 35 drones and all three cruise missiles fired by Russia.",
        [
            ("intercepted", "cruise_missile", 3, "exact"),
            ("intercepted", "drone", 31, "exact"),
            ("launched", "cruise_missile", 3, "exact"),
            ("launched", "drone", 35, "exact"),
        ],
    ),
    (
        'Officials said 76 drones were shot down and 95 were "locally lost".',
        [("intercepted", "drone", 76, "exact"), ("lost", "drone", 95, "exact")],
    ),
    ("Russia launched 40 drones; 2 flew towards Belarus.", [("launched", "drone", 40, "exact")]),
    (
        "Air defence units destroyed 24 of 27 drones and three of four missiles.",
        [
            ("intercepted", "drone", 24, "exact"),
            ("intercepted", "missile", 3, "exact"),
            ("launched", "drone", 27, "exact"),
            ("launched", "missile", 4, "exact"),
        ],
    ),
    (
        "Russia hit Ukraine with 11 missiles and 48 drones, 36 of which were intercepted.",
        [
            ("intercepted", "drone", 36, "exact"),
            ("launched", "drone", 48, "exact"),
            ("launched", "missile", 11, "exact"),
        ],
    ),
    (
        "Russia attacked with 23 Shahed-136/131 attack drones and two Kh-59/69 guided missiles.",
        [("launched", "drone", 23, "exact"), ("launched", "missile", 2, "exact")],
    ),
    (
        "The strike included 86 Kh-101/Kh-55SM cruise missiles.",
        [("launched", "cruise_missile", 86, "exact")],
    ),
    (
        "Russia fired one Iskander-M and six Kh-59.",
        [("launched", "ballistic_missile", 1, "exact"), ("launched", "missile", 6, "exact")],
    ),
    # casualties
    (
        "The death toll from Saturday's strike on Kryvyi Rig rose to 12.",
        [("killed", None, 12, "exact")],
    ),
    ("A 9-year-old boy was among the dead.", [("killed", None, 1, "exact")]),
    (
        "A Russian strike killed a 40-year-old woman and her two sons.",
        [("killed", None, 3, "exact")],
    ),
    (
        "At least 3 people died and dozens were injured.",
        [("injured", None, 12, "at_least"), ("killed", None, 3, "at_least")],
    ),
    (
        "The strike killed 5 and wounded 12.",
        [("injured", None, 5 + 7, "exact"), ("killed", None, 5, "exact")],
    ),
    (
        "The Pentagon said North Korea had sent around 10,000 soldiers to Russia.",
        [("troops", None, 10000, "approx")],
    ),
    # Single weapons with an article are items of a list.
    (
        "Russia attacked with 45 drones, two Kalibr cruise missiles and an Iskander-M ballistic missile.",
        [
            ("launched", "ballistic_missile", 1, "exact"),
            ("launched", "cruise_missile", 2, "exact"),
            ("launched", "drone", 45, "exact"),
        ],
    ),
    (
        "Air defences destroyed 30 drones and a cruise missile.",
        [("intercepted", "cruise_missile", 1, "exact"), ("intercepted", "drone", 30, "exact")],
    ),
    # A total, then its breakdown after a colon: every item takes the total's metric.
    (
        "Russia attacked with 60 air attack weapons: four Kalibr cruise missiles and 56 drones.",
        [
            ("launched", "any", 60, "exact"),
            ("launched", "cruise_missile", 4, "exact"),
            ("launched", "drone", 56, "exact"),
        ],
    ),
    (
        "In all 30 targets were downed: every cruise missile and 25 drones.",
        [("intercepted", "any", 30, "exact"), ("intercepted", "drone", 25, "exact")],
    ),
    (
        "Air defence shot down 40 missiles, including 31 cruise missiles, and 12 drones.",
        [
            ("intercepted", "cruise_missile", 31, "exact"),
            ("intercepted", "drone", 12, "exact"),
            ("intercepted", "missile", 40, "exact"),
        ],
    ),
    (
        "All four missiles were destroyed, as were 18 drones.",
        [
            ("intercepted", "drone", 18, "exact"),
            ("intercepted", "missile", 4, "exact"),
            ("launched", "missile", 4, "exact"),
        ],
    ),
    (
        "The alert began at 21:40: 14 drones were shot down by 02:00.",
        [("intercepted", "drone", 14, "exact")],
    ),
    (
        "Air defence brought down an Iskander-M over Dnipro.",
        [("intercepted", "ballistic_missile", 1, "exact")],
    ),
    ("Another drone was destroyed near Sumy.", [("intercepted", "drone", 1, "exact")]),
    ("Nineteen drones were shot down before dawn.", [("intercepted", "drone", 19, "exact")]),
    ("Russia fired a thousand drones this week.", [("launched", "drone", 1000, "exact")]),
    (
        "Eleven out of 16 missiles were intercepted.",
        [("intercepted", "missile", 11, "exact"), ("launched", "missile", 16, "exact")],
    ),
    (
        "Warplanes dropped 60 guided aerial bombs on the front.",
        [("launched", "glide_bomb", 60, "exact")],
    ),
    (
        "Thirty drones were taken out by mobile fire groups.",
        [("intercepted", "drone", 30, "exact")],
    ),
    (
        "Of the 50 drones, 30 were downed and 20 were 'locationally lost'.",
        [
            ("intercepted", "drone", 30, "exact"),
            ("launched", "drone", 50, "exact"),
            ("lost", "drone", 20, "exact"),
        ],
    ),
    (
        "Of the 40 drones, 38 were shot down and two returned to Russia.",
        [("intercepted", "drone", 38, "exact"), ("launched", "drone", 40, "exact")],
    ),
    (
        "Bombers fired the cruise missiles from the Caspian; 17 of them were destroyed.",
        [("intercepted", "cruise_missile", 17, "exact")],
    ),
    ("Four elderly residents were killed.", [("killed", None, 4, "exact")]),
    ("Among the wounded were two teenagers.", [("injured", None, 2, "exact")]),
    (
        "Among the injured were a 7-year-old girl and a 10-year-old boy.",
        [("injured", None, 2, "exact")],
    ),
    ("None of the six missiles was intercepted.", []),
    (
        "Russia launched the following: 20 drones and 2 Kalibr missiles.",
        [("launched", "cruise_missile", 2, "exact"), ("launched", "drone", 20, "exact")],
    ),
    (
        "Russia launched 30 drones at Odesa, and all of them were shot down.",
        [("intercepted", "drone", 30, "exact"), ("launched", "drone", 30, "exact")],
    ),
    (
        "Air defence destroyed the Kh-31P missile and 27 drones.",
        [("intercepted", "drone", 27, "exact")],
    ),
    (
        "The missiles were not intercepted; 3 of them hit a port.",
        [("hit", "missile", 3, "exact")],
    ),
    ("Three employees of a power plant were wounded.", [("injured", None, 3, "exact")]),
    ("Five residents were seriously injured.", [("injured", None, 5, "exact")]),
    (
        "The ministry said 31 Ukrainian unmanned aerial vehicles were destroyed.",
        [("intercepted", "drone", 31, "exact")],
    ),
    ("The army destroyed 14 armoured vehicles.", []),
    ("Russia attacked with 70 air attack means.", [("launched", "any", 70, "exact")]),
    ("Jets dropped 25 glide bombs on the town.", [("launched", "glide_bomb", 25, "exact")]),
    (
        "It destroyed 30 drones: 18 over the Kursk region and 12 over the Oryol region.",
        [
            ("intercepted", "drone", 12, "exact"),
            ("intercepted", "drone", 18, "exact"),
            ("intercepted", "drone", 30, "exact"),
        ],
    ),
    ("A ballistic missile struck Dnipro.", [("hit", "ballistic_missile", 1, "exact")]),
    ("About 60 drones struck Ukraine overnight.", [("launched", "drone", 60, "approx")]),
    ("Forces have destroyed 400 air defence systems.", []),
    ("As many as 70 drones were launched overnight.", [("launched", "drone", 70, "at_most")]),
    ("Twelve missiles struck energy facilities in the west.", [("hit", "missile", 12, "exact")]),
    (
        "Ukraine Downs 30 Of 45 Drones Overnight",
        [("intercepted", "drone", 30, "exact"), ("launched", "drone", 45, "exact")],
    ),
    (
        "About 2,000 North Korean soldiers have reached the front.",
        [("troops", None, 2000, "approx")],
    ),
    (
        "In total 80 civilians were killed and 200 injured, among them 9 children killed and 30 injured.",
        [
            ("injured", None, 30, "exact"),
            ("injured", None, 200, "exact"),
            ("killed", None, 9, "exact"),
            ("killed", None, 80, "exact"),
        ],
    ),
    ("Impacts of 4 missiles were recorded in the city.", [("hit", "missile", 4, "exact")]),
    # Number forms.
    ("Russia has massed tens of thousands of troops.", [("troops", None, 10000, "at_least")]),
    ("Air defence destroyed 1.300 drones in October.", [("intercepted", "drone", 1300, "exact")]),
    ("Russia fired more than 1 100 drones this week.", [("launched", "drone", 1100, "at_least")]),
    ("Some 9,000-10,000 soldiers are in the region.", [("troops", None, 9000, "range")]),
    (
        "Russia launched ~400 drones and 20+ missiles.",
        [("launched", "drone", 400, "approx"), ("launched", "missile", 20, "at_least")],
    ),
    ("Russia fired a hundred and ten drones.", [("launched", "drone", 110, "exact")]),
    ("Russia launched several dozen drones.", [("launched", "drone", 12, "at_least")]),
    ("From 20 to 25 drones were shot down.", [("intercepted", "drone", 20, "range")]),
    ("Two people were injured in the 12/11 attack.", [("injured", None, 2, "exact")]),
    (
        "The shell hit the 10.5 metre wall and 40 drones were shot down.",
        [("intercepted", "drone", 40, "exact")],
    ),
    ("It was one of 8 Kalibrs fired from the sea.", [("launched", "cruise_missile", 8, "exact")]),
    (
        "Several dozen drones and two missiles targeted Odesa.",
        [("launched", "drone", 12, "at_least"), ("launched", "missile", 2, "exact")],
    ),
    (
        "The strike killed a 9-year-old boy and his 35-year-old mother.",
        [("killed", None, 2, "exact")],
    ),
    (
        "Thirty people were hurt, including 6 foreign sailors.",
        [("injured", None, 6, "exact"), ("injured", None, 30, "exact")],
    ),
    (
        "Defences, including Mirage 2000 jets, shot down 30 missiles.",
        [("intercepted", "missile", 30, "exact")],
    ),
    (
        "Russia launched 90 aerial targets - 40 missiles and 50 drones - overnight.",
        [
            ("launched", "any", 90, "exact"),
            ("launched", "drone", 50, "exact"),
            ("launched", "missile", 40, "exact"),
        ],
    ),
    ("Among the missiles were 12 Kalibrs.", [("launched", "cruise_missile", 12, "exact")]),
    ("The dead were three children aged 6, 9 and 15.", []),
    (
        "Of the 20 drones, 18 were downed and two flew into Belarusian airspace.",
        [("intercepted", "drone", 18, "exact"), ("launched", "drone", 20, "exact")],
    ),
    (
        "The number of people killed in Tuesday's strike on Dnipro has risen to 14.",
        [("killed", None, 14, "exact")],
    ),
    (
        "By Sunday the death toll had risen to 20, and 64 people had been injured.",
        [("injured", None, 64, "exact"), ("killed", None, 20, "exact")],
    ),
    ("Five of the dead have not yet been identified.", []),
    (
        "Russian air defences shot down three Tochka-U missiles.",
        [("intercepted", "ballistic_missile", 3, "exact")],
    ),
    # Labels and relative clauses.
    (
        "Launched: 40 Shahed drones. Shot down: 31. Locationally lost: 6 drones.",
        [
            ("intercepted", "drone", 31, "exact"),
            ("launched", "drone", 40, "exact"),
            ("lost", "drone", 6, "exact"),
        ],
    ),
    (
        "All 7 drones that approached the city were destroyed.",
        [("intercepted", "drone", 7, "exact"), ("launched", "drone", 7, "exact")],
    ),
    ("Among the injured is a 12-year-old boy.", [("injured", None, 1, "exact")]),
    # ... unless they name the items of a count just before them.
    (
        "Russia launched 80 drones and two guided missiles, a Kh-59 and a Kh-35.",
        [("launched", "drone", 80, "exact"), ("launched", "missile", 2, "exact")],
    ),
    (
        "Two ballistic missiles were fired: a Kinzhal and an Iskander-M.",
        [("launched", "ballistic_missile", 2, "exact")],
    ),
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
    "The Russian army has lost some 700,000 soldiers since February 2022, Kyiv says.",
    "Russian forces fired 120 artillery shells at the town.",
    "One of the drones hit a house.",
    "Thousands more people have reached the border region.",
    "A drone attack and a missile strike hit the port.",
    # Numbers about something other than this war.
    "Iran launched about 200 ballistic missiles at Israel on Tuesday.",
    "Israeli strikes on Gaza killed at least 30 people, health officials said.",
    "Four people were killed and 9 injured when a lorry collided with a bus near Lviv.",
    "A fire at a market in Odesa injured 3 people.",
    "Two players were injured and will miss 4 matches.",
    "In 1944 the city lost 20,000 residents, killed in the bombing.",
    "If Russia fires 80 missiles in one night, the grid could fail.",
    "The wounded were two men aged 41 and 63.",
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
        (
            "On the night of November 10-11, Russia launched 50 drones.",
            "event_date",
            date(2024, 11, 11),
        ),
        ("On Nov. 12, a guided bomb killed two people.", "event_date", date(2024, 11, 12)),
        (
            "On Sunday Sumy was shelled. A day earlier, a drone strike killed 4 people.",
            "event_date",
            date(2024, 11, 9),
        ),
        ("Three days ago, Russia launched 60 drones.", "event_date", date(2024, 11, 10)),
        (
            "Russia launched 70 drones overnight into Tuesday, the air force said.",
            "event_date",
            date(2024, 11, 12),
        ),
        (
            "Russia's ministry said on Wednesday that it shot down 9 drones on Monday.",
            "event_date",
            date(2024, 11, 11),
        ),
        (
            "Russia launched 90 missiles overnight, the largest attack since the start of the war.",
            "scope",
            "event",
        ),
        ("Russia has launched more than 900 drones since Sunday.", "scope", "period"),
        (
            "On the night of November 11 to 12, Russia launched 50 drones.",
            "event_date",
            date(2024, 11, 12),
        ),
        ("Ukraine launched 25 drones at Russian airfields overnight.", "actor", "ukraine"),
        ("Ukrainian air defence destroyed 25 drones overnight.", "actor", "russia"),
        ("Air defences downed 50 drones, and one flew back into Russia.", "actor", "russia"),
        (
            "Drones hit the Belgorod and Kursk regions overnight, the governor said. Four were injured.",
            "actor",
            "ukraine",
        ),
        ("Russia fired 30 drones at Kharkiv. Four people were injured.", "actor", "russia"),
        ("Moscow said it downed 12 drones over the Kursk region.", "claimed_by", "Moscow"),
        ("Moscow said it downed 12 drones over the Kursk region.", "actor", "ukraine"),
        (
            "KYIV, Nov 13 - Russia fired 12 missiles at the city, officials said.",
            "claimed_by",
            "officials",
        ),
        ("The army fired five HIMARS rockets at the bridge.", "actor", "ukraine"),
        (
            "Ukraine hit Moscow with 30 drones, its largest attack on the capital to date.",
            "scope",
            "event",
        ),
        ("In 2024 alone Russia fired 1,300 missiles.", "scope", "period"),
        (
            "In October at least 500 civilians were killed in Ukraine, the UN said.",
            "scope",
            "period",
        ),
        ("The deadliest strike this year killed 14 people in Dnipro.", "scope", "event"),
        (
            "It was the highest toll since June 2022: 600 civilians were killed in a month.",
            "scope",
            "period",
        ),
        (
            "A fire started by the Russian strike killed 2 people in Kharkiv.",
            "metric",
            "killed",
        ),
        ("On Monday night Russia launched 40 drones.", "event_date", date(2024, 11, 12)),
        ("During the night, 14 drones were shot down.", "event_date", date(2024, 11, 13)),
        (
            "Russia launched 40 drones overnight, the air force said on Monday.",
            "event_date",
            date(2024, 11, 11),
        ),
        (
            "About 8,000 troops are in Kursk, the Pentagon said on Tuesday.",
            "event_date",
            date(2024, 11, 12),
        ),
        (
            "The strike on the town on Saturday flattened a block. Nine people have died, "
            "officials said after rescuers worked overnight.",
            "event_date",
            date(2024, 11, 9),
        ),
        ("Since October 2022, Russia has launched 9,000 Shahed drones.", "scope", "cumulative"),
    ],
)
def test_fact_fields(text, field, expected):
    facts = facts_of(text)
    assert facts, text
    assert getattr(facts[0], field) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        (  # a count without a noun shares the soldiers of the count before it
            "Some 200 Russian soldiers were killed and nearly 600 wounded near the village.",
            [("killed", 200, "soldiers"), ("injured", 600, "soldiers")],
        ),
        (
            "At least 30 North Korean troops died and about 90 were injured, Kyiv said.",
            [("killed", 30, "north_korean"), ("injured", 90, "north_korean")],
        ),
        (  # civilians stay civilians: the second count is no subgroup
            "Four children were killed and 12 injured when the missile hit the school.",
            [("killed", 4, "children"), ("injured", 12, None)],
        ),
        (  # a noun of its own is never overridden
            "Two soldiers were killed and 15 civilians wounded in the strike.",
            [("killed", 2, "soldiers"), ("injured", 15, "civilians")],
        ),
    ],
)
def test_elided_military_counts_keep_their_group(text, expected):
    got = sorted((f.metric, f.value, f.subgroup) for f in facts_of(text))
    assert got == sorted(expected)


# A count over several days is a period total; a count that points back takes its scope.
SCOPES = [
    ("From 3 to 9 March Russia launched 600 drones.", ["period"]),
    ("Between March 3 and 9, 600 drones were launched at Ukraine.", ["period"]),
    ("From 28 February to 6 March Russia launched 600 drones.", ["period"]),
    ("Over the same five nights, air defences downed 500 drones.", ["period"]),
    ("From 8 to 9 March Russia launched 60 drones.", ["event"]),
    (
        "From 18:00 on 8 March to 08:00 on 9 March, Russia launched 60 drones.",
        ["event"],
    ),
    (
        "In October Russia launched 2,000 drones. Of these, 1,700 were shot down and 250 were lost.",
        ["period", "period", "period"],
    ),
    (
        "Russia launched 70 drones overnight. Of these, 60 were shot down.",
        ["event", "event"],
    ),
]


@pytest.mark.parametrize("text,scopes", SCOPES, ids=[t[:40] for t, _ in SCOPES])
def test_scopes(text, scopes):
    assert [f.scope for f in facts_of(text)] == scopes


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


# Shapes of real reporting, by class of error (sentences written for these tests).
REAL_SHAPES = [
    (
        "breakdown lines",
        "Air defence crews brought down 15 Ukrainian UAVs overnight:\n"
        "9 – above Kaluga region,\n4 – above Tula region,\n2 – above Ryazan region.",
        [
            ("intercepted", "drone", 15, "exact"),
            ("intercepted", "drone", 9, "exact"),
            ("intercepted", "drone", 4, "exact"),
            ("intercepted", "drone", 2, "exact"),
        ],
    ),
    (
        "breakdown sentence",
        "The ministry said 11 Ukrainian drones were destroyed overnight. Of those, eight came "
        "down over the Belgorod Region and three over the Kursk Region.",
        [
            ("intercepted", "drone", 11, "exact"),
            ("intercepted", "drone", 8, "exact"),
            ("intercepted", "drone", 3, "exact"),
        ],
    ),
    (
        "coordinated verbs",
        "Air defences shot down or jammed 31 missiles and 280 drones.",
        [("intercepted", "drone", 280, "exact"), ("intercepted", "missile", 31, "exact")],
    ),
    (
        "coordinated verbs",
        "Crews destroyed or suppressed 1,200 drones during the month.",
        [("intercepted", "drone", 1200, "exact")],
    ),
    (
        "hits closing a list",
        "Defences downed 60 drones, but 4 missiles and 11 drones struck 9 locations.",
        [
            ("hit", "drone", 11, "exact"),
            ("hit", "missile", 4, "exact"),
            ("intercepted", "drone", 60, "exact"),
        ],
    ),
    (
        "hits closing a list",
        "In the end 14 drones and two missiles got through and struck 6 targets.",
        [("hit", "drone", 14, "exact"), ("hit", "missile", 2, "exact")],
    ),
    (
        "hit verbs",
        "Three Russian glide bombs slammed into a residential quarter of Kharkiv.",
        [("hit", "glide_bomb", 3, "exact")],
    ),
    (
        "hit verbs",
        "Two drones tore into an apartment block on the city's edge.",
        [("hit", "drone", 2, "exact")],
    ),
    (
        "places hit are not weapons",
        "The missiles struck 14 targets across the country.",
        [],
    ),
    (
        "appositive subgroup",
        "A man died and 17 people, four of them children, were hurt in the strike.",
        [
            ("injured", None, 4, "exact"),
            ("injured", None, 17, "exact"),
            ("killed", None, 1, "exact"),
        ],
    ),
    (
        "subgroup of a count that is no fact",
        "The strike killed 7 people and sent 30 to hospital, nine of them children.",
        [("killed", None, 7, "exact")],
    ),
    (
        "ages beside a person",
        "A woman, 44, was wounded by the shelling.",
        [("injured", None, 1, "exact")],
    ),
    (
        "ages beside a person",
        "An elderly man of 71 was killed when the shell landed.",
        [("killed", None, 1, "exact")],
    ),
    (
        "bodies found",
        "Three more bodies were pulled from the debris overnight.",
        [("killed", None, 3, "exact")],
    ),
    (
        "bodies found",
        "Rescuers said the body of a man had been found in the ruins.",
        [("killed", None, 1, "exact")],
    ),
    (
        "bodies found",
        "By noon another body had been recovered from the collapsed stairwell.",
        [("killed", None, 1, "exact")],
    ),
    (
        "troops large counts",
        "Around 900,000 people are under arms, the minister said.",
        [("troops", None, 900000, "approx")],
    ),
    (
        "troops large counts",
        "Kyiv has mobilised 160,000 recruits since May.",
        [("troops", None, 160000, "exact")],
    ),
    (
        "breakdown sub-count",
        "Crews destroyed 9 Ukrainian UAVs overnight:\n5 – above Kursk region,\n"
        "4 – above Moscow region, 3 of them drones heading for the capital.",
        [
            ("intercepted", "drone", 9, "exact"),
            ("intercepted", "drone", 5, "exact"),
            ("intercepted", "drone", 4, "exact"),
            ("intercepted", "drone", 3, "exact"),
        ],
    ),
    (
        "born in a year is an age",
        "The wounded man was born in 1962, and air defences downed eight Shaheds overnight.",
        [("intercepted", "drone", 8, "exact")],
    ),
    (
        "knocked out",
        "Defenders knocked out 22 out of 25 attack drones.",
        [("intercepted", "drone", 22, "exact"), ("launched", "drone", 25, "exact")],
    ),
    (
        "casualty phrasing",
        "The dead included three teenagers, and another nine people had suffered injuries.",
        [("injured", None, 9, "exact"), ("killed", None, 3, "exact")],
    ),
    (
        "casualty phrasing",
        "Two farmers received shrapnel wounds in the shelling.",
        [("injured", None, 2, "exact")],
    ),
    (
        "strikes and launches counted",
        "Since the summer Russia has made 1,300 missile strikes on the region.",
        [("launched", "missile", 1300, "exact")],
    ),
    (
        "strikes and launches counted",
        "Radar crews logged 31 missile launches from the north.",
        [("launched", "missile", 31, "exact")],
    ),
    (
        "strikes and launches counted",
        "A missile strike hit the port.",
        [],
    ),
    (
        "verb before a colon list",
        "Crews downed most of the incoming weapons: nine of the ten cruise missiles and "
        "twenty of the 25 drones.",
        [
            ("intercepted", "cruise_missile", 9, "exact"),
            ("intercepted", "drone", 20, "exact"),
            ("launched", "cruise_missile", 10, "exact"),
            ("launched", "drone", 25, "exact"),
        ],
    ),
    (
        "one verb over a list with a participle",
        "Defences downed 18 cruise missiles and four drones sent against the western regions.",
        [("intercepted", "cruise_missile", 18, "exact"), ("intercepted", "drone", 4, "exact")],
    ),
    (
        "one verb over a list with a participle",
        "Crews brought down two ballistic missiles and six rockets launched from HIMARS.",
        [("intercepted", "ballistic_missile", 2, "exact"), ("intercepted", "missile", 6, "exact")],
    ),
    (
        "combined losses are not killed",
        "Officials put the number of killed and wounded at tens of thousands.",
        [],
    ),
    (
        "mixed attack names no count",
        "Russia has hit the grid in four missile and drone attacks since June.",
        [],
    ),
    (
        "nationality as the people counted",
        "The monthly tally is 41 Ukrainians killed and 150 injured.",
        [("injured", None, 150, "exact"), ("killed", None, 41, "exact")],
    ),
    (
        "an attack of vague counts",
        "The city endured a Russian barrage overnight of hundreds of drones and dozens of missiles.",
        [("launched", "drone", 100, "at_least"), ("launched", "missile", 12, "at_least")],
    ),
    (
        "one weapon with descriptive adjectives",
        "Russia fired a powerful experimental missile at the city of Lviv.",
        [("launched", "missile", 1, "exact")],
    ),
    (
        "hits counted as hits",
        "Of 50 drones, 41 were downed, but monitors recorded 7 direct hits on two districts.",
        [
            ("hit", "drone", 7, "exact"),
            ("intercepted", "drone", 41, "exact"),
            ("launched", "drone", 50, "exact"),
        ],
    ),
    (
        "casualty phrasing",
        "A police officer was shot dead at the checkpoint.",
        [("killed", None, 1, "exact")],
    ),
    (
        "ages beside a person",
        "An old woman, 81, was also hurt in the blast.",
        [("injured", None, 1, "exact")],
    ),
    (
        "captivity",
        "In the swap, 150 Russian servicemen returned home and 150 Ukrainian soldiers were freed.",
        [],
    ),
    (
        "captivity",
        "Kyiv's forces captured two more North Korean soldiers in the Kursk region.",
        [],
    ),
]


@pytest.mark.parametrize(
    "text,expected", [c[1:] for c in REAL_SHAPES], ids=[c[0] for c in REAL_SHAPES]
)
def test_real_shapes(text, expected):
    assert brief(text) == sorted((m, w, float(v), q) for m, w, v, q in expected)


# (class, document, field, expected value for every fact of it)
REAL_DOC_FIELDS = [
    (
        "period across months",
        "The monitors recorded 9,310 civilian deaths from Feb. 24 to Oct. 2, the agency said.",
        "scope",
        "period",
    ),
    (
        "period across months",
        "Between 24 February 2022 and the end of May 2024 the mission counted 11,000 civilians killed.",
        "event_date",
        PUB,
    ),
    (
        "month and year",
        "Russian attacks killed 140 civilians and injured 600 during March 2025, monitors said.",
        "scope",
        "period",
    ),
    (
        "season months",
        "Over the three winter months Russia used about 12,000 attack drones, he said.",
        "scope",
        "period",
    ),
    (
        "running total",
        "Since Russia invaded, 600 children have been killed, prosecutors said.",
        "scope",
        "cumulative",
    ),
    (
        "running total",
        "Russian forces have so far killed 512 children in the region.",
        "scope",
        "cumulative",
    ),
    (
        "strike verb dates the night",
        "A large Russian missile wave slammed into Ukraine on Monday.\n\n"
        "Air defences downed 40 of 52 cruise missiles, the air force said.",
        "event_date",
        date(2024, 11, 11),
    ),
    (
        "period bounds are not the event",
        "From 1 March to 30 April 2024, the monitors counted 300 civilians killed.\n\n"
        "Nine children were killed and 40 injured, the report said.",
        "event_date",
        PUB,
    ),
    (
        "evening start counts on the next morning",
        "The attack began at 20:00 on 11 November and went on until dawn; 45 drones were shot "
        "down.",
        "event_date",
        date(2024, 11, 12),
    ),
    (
        "yesterday beside the count",
        "Air defences destroyed nine more drones yesterday, the command said.",
        "event_date",
        date(2024, 11, 12),
    ),
    (
        "statement day of a period total",
        "In his evening address on Nov. 10, the president said Russia had fired 90 drones over "
        "the previous three days.",
        "event_date",
        date(2024, 11, 10),
    ),
    (
        "statement day before the say verb",
        "On November 9 the minister said that since the invasion began Russia had fired 9,000 "
        "missiles.",
        "event_date",
        date(2024, 11, 9),
    ),
    (
        "that day points back",
        "On 8 November the defenders downed 14 cruise missiles.\n\n"
        "Russia made 17 missile launches from several platforms that day.",
        "event_date",
        date(2024, 11, 8),
    ),
    (
        "overnight into a weekday",
        "Monday's strike came after a Russian raid overnight into Sunday of 70 drones.",
        "event_date",
        date(2024, 11, 10),
    ),
    (
        "photo caption",
        "Russian drone kills two in Sumy\n"
        "[FILE] A rescuer at a damaged house, October 30, 2024. / Reuters\n\n"
        "A Russian drone killed two people in Sumy, the governor said.",
        "event_date",
        PUB,
    ),
]


@pytest.mark.parametrize(
    "text,field,expected", [c[1:] for c in REAL_DOC_FIELDS], ids=[c[0] for c in REAL_DOC_FIELDS]
)
def test_real_doc_fields(text, field, expected):
    facts = facts_of(text)
    assert facts and all(getattr(f, field) == expected for f in facts), [
        (f.metric, f.value, getattr(f, field)) for f in facts
    ]


# The trigger-word finder (one Aho-Corasick pass) against regex word matches: every whole-word
# occurrence of each word list (overlapping ones too), none inside a longer word.
def _regex_spans(words, low):
    return {m.span() for w in words for m in re.finditer(r"\b" + re.escape(w) + r"\b", low)}


HIT_TEXTS = [
    "Air defence shot down 37 drones overnight, the air force said.",
    "The essays were published before the deadline; nobody was downed.",  # words inside words
    "Ракети: 12 missiles were intercepted over Київ, officials stated",  # non-ASCII neighbours
    "Two Shahed drones",  # a word at the very end
    "drones_x and x_drones are identifiers, not words.",
    "Shot-down drones fell on 3 houses; 5 people were killed and 7 injured.",
    "Dozens of drones flew across the border this  morning and on Tuesday's raid, hundreds more.",
    "Last\nmorning, lastmorning, this morningside: seven over Sumy, twelve above Kharkiv.",
    "Crews outlast morning shelling.",  # "last morning" inside a word
    "This\u2003morning, 4 drones; last morning_ 5; mornings: this morning",  # Unicode space, end
    "",
]
HIT_LISTS = {
    "cues": CUE_WORDS,
    "breakdowns": L.BREAKDOWN_PREPOSITIONS,
    "numbers": NUMBER_WORDS,
    "dates": DAY_WORDS,
    "says": L.SAY_VERBS,
}


@pytest.mark.parametrize("text", HIT_TEXTS, ids=[t[:30] or "empty" for t in HIT_TEXTS])
def test_hits_are_the_regex_word_matches(text):
    low = text.lower()
    hits = hits_of(low)
    for name, words in HIT_LISTS.items():
        expected = _regex_spans(sorted(words), low)
        if name == "dates":
            expected |= {m.span() for m in re.finditer(r"\b(?:this|last)\s+morning\b", low)}
        spans = getattr(hits, name)
        assert set(spans) == expected, name
        assert spans == sorted(spans)


@pytest.mark.parametrize(
    "text,field,words",
    [
        ("They shot down 37 drones, he said.", "cues", ["shot", "down", "drones"]),
        ("They shot down 37 drones, he said.", "says", ["said"]),
        ("The essays missed the deadline.", "cues", []),
        (
            "Shot-down drones hit 3 homes; 5 died.",
            "cues",
            ["shot", "down", "drones", "hit", "died"],
        ),
        ("drones", "cues", ["drones"]),
        ("Dozens, then eleven, then a couple", "numbers", ["dozens", "eleven", "couple"]),
        (
            "Last night and this\tmorning on Monday's",
            "dates",
            ["night", "this\tmorning", "monday", "monday's"],
        ),
        ("Next week, last year", "dates", []),
        ("7 over Sumy, 2 across Kyiv; moreover", "breakdowns", ["over", "across"]),
    ],
)
def test_hits_examples(text, field, words):
    low = text.lower()
    assert [low[a:b] for a, b in getattr(hits_of(low), field)] == words


@pytest.mark.parametrize(
    "token,expected",
    [
        ("37", 37.0),
        ("0042", 42.0),
        ("١٢", 12.0),  # Arabic-Indic digits are `\d` too
        ("²", None),  # a superscript is a digit to str.isdigit, not to `\d`
        ("1,300", 1300.0),
        ("1.200", 1200.0),
        ("1.200.000", 1200000.0),
        ("2.5", 2.5),
        ("12,5", None),
        ("", None),
    ],
)
def test_digit_value(token, expected):
    assert digit_value(token) == expected


@pytest.mark.parametrize(
    "spans,s,e,expected",
    [
        ([], 0, 10, False),
        ([(3, 5)], 0, 10, True),
        ([(3, 5)], 3, 5, True),
        ([(3, 5)], 4, 10, False),  # starts before the range
        ([(3, 12)], 0, 10, False),  # ends after it
        ([(1, 2), (3, 12), (4, 6)], 3, 10, True),  # a later span fits
        ([(1, 2), (12, 14)], 3, 10, False),
    ],
)
def test_within(spans, s, e, expected):
    assert within(spans, s, e) is expected


@pytest.mark.parametrize(
    "text", HIT_TEXTS + ["an Iskander-M hit", "another drone", "a 52-year-old"]
)
def test_number_like_is_the_regex_it_replaced(text):
    low = text.lower()
    plain = re.compile(r"\d|\b(?:" + alternation(NUMBER_WORDS) + r")\b|" + _ARTICLE_COUNT.pattern)
    assert number_like(low, 0, len(low), hits_of(low).numbers) is bool(plain.search(low))


SPLITS = [
    (
        "Russia fired 12 drones. The U.S. said so.\nHeadline",
        ["Russia fired 12 drones.", "The U.S. said so.", "Headline"],
    ),
    ('"We downed 30!" he said. 12 more fell.', ['"We downed 30!" he said.', "12 more fell."]),
    (
        "Was it 40?! Nobody knows... (Officials) agree.",
        ["Was it 40?!", "Nobody knows...", "(Officials) agree."],
    ),
    (
        "Mr. Lysak said 3 died. Gen. Oleshchuk agreed.",
        ["Mr. Lysak said 3 died.", "Gen. Oleshchuk agreed."],
    ),
    (
        "It was launched at 2 a.m. local time. J. Smith wrote it.",
        ["It was launched at 2 a.m. local time.", "J. Smith wrote it."],
    ),
    (
        "Brigade No. 5 held. He said no. Then 4 fell.",
        ["Brigade No. 5 held.", "He said no.", "Then 4 fell."],
    ),
    ("version 2.5 is out. ok", ["version 2.5 is out. ok"]),  # no capital after the stop
    ("A line\n\n  \nAnother line  ", ["A line", "Another line"]),
    ("Ended.” Next one.", ["Ended.”", "Next one."]),
]


@pytest.mark.parametrize("text,expected", SPLITS, ids=[t[:30] for t, _ in SPLITS])
def test_sentences(text, expected):
    assert [text[a:b] for a, b in sentences(text)] == expected
    # the break pattern finds what the plainer alternation (its earlier form) finds
    plain = re.compile(r"[.!?]+[\"”’')\]]*[ \t]+(?=[\"“‘'(\[]?[A-Z0-9])|\n")
    assert [m.span() for m in _BREAK.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert breaks(text) == [m.span() for m in _BREAK.finditer(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Air defence downed 1,200 drones (Shahed-136s) on 12-13 May; it's 3.5 times more!",
        "tabs\tand\x0bvertical\x0cfeeds\rand\x1cfile\x1dgroup\x1erecord\x1funit separators",
        "under_score, x2, 2x, 10km, 5-6 drones, S-300s, Kh-101, 24/7 #hash @at",
        "1,300-1,500 shells; 52-year-old; 3.5k; 10-20km; 1.2.3,4-5-x-; 7-; _7 a_b's-c'd-e' f-'",
        "it's rock'n'roll-ish, drones'-, 'quoted', 9-10-11, 2-a, 0.5.-1,,2 ..",
        "",
    ],
)
def test_ascii_scanner_matches_the_token_regex(text):
    assert text.isascii()
    assert _scan_ascii(text, 7) == _split_tokens(text, 7)
    assert [t.text for t in _scan_ascii(text, 0)] == TOKEN.findall(text)


def test_a_long_document_lets_go_of_old_sentences_with_the_same_facts(monkeypatch):
    """The memos of sentences far behind the one being read are let go (memory of a 10 MB
    document); facts that look back (claimants, "a day earlier", "of these") are unchanged."""
    extract_module = importlib.import_module("stats.parse.extract")  # the name is the function
    paths = sorted(Path(__file__).resolve().parent.parent.joinpath("seeds", "news").glob("*.txt"))
    body = "\n\n".join(p.read_text(encoding="utf-8") for p in paths[:40])
    doc = Document(id="long", body=body, published=PUB)
    whole = extract(doc)
    calls = []
    real = extract_module.forget_behind

    def counted(st, s):
        calls.append(s)
        real(st, s)
        assert len(st.toks) <= KEEP_BEHIND  # the old ones went

    monkeypatch.setattr(extract_module, "FORGET_AT", 2)
    monkeypatch.setattr(extract_module, "forget_behind", counted)
    assert extract(doc) == whole
    assert len(whole) > 100 and len(calls) > 20
