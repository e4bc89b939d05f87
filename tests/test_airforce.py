"""The air-force daily dataset as a source: reading rows, classifying models, facts and sums."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from stats.facts import FACT_FIELDS, METRICS, WEAPONS, Document
from stats.sources.airforce import (
    AIRFORCE_COLUMNS,
    DESTROYED_DRIFT,
    MODEL_CLASSES,
    ROW_PATTERN,
    is_airforce_header,
    read_airforce,
    record_facts,
    unknown_models,
)

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "missile_attacks_daily.csv"
HEADER = [
    "time_start",
    "time_end",
    "model",
    "launch_place",
    "target",
    "target_main",
    "launched",
    "destroyed",
    "not_reach_goal",
    "still_attacking",
    "border_crossing",
    "is_shahed",
    "num_hit_location",
    "num_fall_fragment_location",
    "carrier",
    "turbojet",
    "turbojet_destroyed",
    "affected region",
    "destroyed_details",
    "launched_details",
    "launch_place_details",
    "source",
]


@pytest.fixture(scope="module")
def real_docs() -> list[Document]:
    if not DATA.exists():
        pytest.skip(f"shared dataset not found at {DATA} (clone shared/ beside the repo)")
    return list(read_airforce(DATA))


@pytest.fixture(scope="module")
def real_frame():
    if not DATA.exists():
        pytest.skip(f"shared dataset not found at {DATA} (clone shared/ beside the repo)")
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(DATA)
    # Independent of the module's date parser: the first ten characters of time_end.
    frame["day"] = frame["time_end"].astype(str).str.strip().str[:10]
    frame["weapon"] = frame["model"].map(lambda m: MODEL_CLASSES[m][0])
    return frame


def fact_sums(docs, prefix: str) -> dict[tuple[str, str], float]:
    """Sum of fact values by (weapon, metric) over facts whose event_date starts with prefix."""
    sums: dict[tuple[str, str], float] = defaultdict(float)
    for doc in docs:
        for fact in record_facts(doc):
            if fact.event_date and fact.event_date.isoformat().startswith(prefix):
                sums[(fact.weapon, fact.metric)] += fact.value
    return dict(sums)


def frame_sums(frame, prefix: str) -> dict[tuple[str, str], float]:
    rows = frame[frame["day"].str.startswith(prefix)]
    grouped = rows.groupby("weapon")[["launched", "destroyed"]].sum()
    sums: dict[tuple[str, str], float] = {}
    for weapon, row in grouped.iterrows():
        sums[(weapon, "launched")] = float(row["launched"])
        sums[(weapon, "intercepted")] = float(row["destroyed"])
    return sums


def only(sums: dict, metrics=("launched", "intercepted")) -> dict:
    return {key: value for key, value in sums.items() if key[1] in metrics}


# --- the header and the model table ---------------------------------------------------------


@pytest.mark.parametrize(
    ("fieldnames", "expected"),
    [
        (HEADER, True),
        (["time_end", "model", "launched", "destroyed"], True),
        ([" time_end", "model ", "launched", "destroyed", "extra"], True),
        (["time_end", "model", "launched"], False),
        (["id", "date", "text"], False),
        ([], False),
        (None, False),
    ],
)
def test_is_airforce_header(fieldnames, expected):
    assert is_airforce_header(fieldnames) is expected


def test_columns_are_the_header():
    assert set(HEADER) == set(AIRFORCE_COLUMNS)


def test_model_table_uses_contract_classes():
    for model, (weapon, _name) in MODEL_CLASSES.items():
        assert weapon in WEAPONS, model


@pytest.mark.parametrize(
    ("model", "weapon", "name"),
    [
        ("Shahed-136/131", "drone", "Shahed"),
        ("Unknown UAV", "drone", None),
        ("Orlan-10 and ZALA", "tactical_drone", None),
        ("Reconnaissance UAV", "tactical_drone", None),
        ("Молнія", "tactical_drone", "Molniya"),
        ("Supercam", "tactical_drone", "Supercam"),
        ("X-101/X-555", "cruise_missile", "Kh-101"),
        ("Kalibr", "cruise_missile", "Kalibr"),
        ("X-22", "cruise_missile", "Kh-22"),
        ("3M22 Zircon", "cruise_missile", "Zircon"),
        ("X-101/X-555 and Kalibr and X-22", "cruise_missile", None),
        ("Iskander-M", "ballistic_missile", "Iskander-M"),
        ("Iskander-M/KN-23", "ballistic_missile", "Iskander-M"),
        ("X-47 Kinzhal", "ballistic_missile", "Kinzhal"),
        ("X-47 Kinzhal and Iskander-M/KN-23", "ballistic_missile", None),
        ("C-300/C-400", "missile", "S-300"),
        ("X-59/X-69", "missile", "Kh-59"),
        ("X-101/X-555 and Kalibr and Iskander-M/KN-23", "missile", None),
        ("C-400 and Iskander-M", "missile", None),
        ("Unknown Missile", "missile", None),
        ("GBU", "glide_bomb", None),
    ],
)
def test_model_classes(model, weapon, name):
    assert MODEL_CLASSES[model] == (weapon, name)


def test_every_real_model_is_known(real_docs):
    assert unknown_models(real_docs) == {}
    with DATA.open(newline="", encoding="utf-8") as handle:
        models = {row["model"] for row in csv.DictReader(handle)}
    assert models - set(MODEL_CLASSES) == set()


# --- the real dataset -----------------------------------------------------------------------


def test_real_rows_read(real_docs):
    assert len(real_docs) == 3701
    assert [doc.id for doc in real_docs[:2]] == [
        "missile_attacks_daily:1",
        "missile_attacks_daily:2",
    ]
    assert [doc.error for doc in real_docs if doc.error] == []
    first = real_docs[0]
    assert first.published == date(2026, 5, 17)
    assert first.origin == f"{DATA}:1"
    assert first.url and first.url.startswith("kpszsu/posts/")
    assert first.body.startswith("2026-05-16 18:00 to 2026-05-17 08:00, Shahed-136/131: ")


def test_real_facts_trace_to_their_words(real_docs):
    for doc in real_docs[:500]:
        for fact in record_facts(doc):
            assert fact.sentence == doc.body
            assert doc.body[fact.start : fact.end] == fact.text
            assert fact.text.endswith(str(int(fact.value)))
            assert set(fact.to_dict()) == set(FACT_FIELDS)
            assert fact.metric in METRICS


def test_november_2024_matches_pandas(real_docs, real_frame):
    got = only(fact_sums(real_docs, "2024-11"))
    expected = frame_sums(real_frame, "2024-11")
    assert got == expected
    # pinned, so that a change in either the reader or the data is noticed
    assert got == {
        ("drone", "launched"): 2435,
        ("drone", "intercepted"): 1309,
        ("tactical_drone", "launched"): 52,
        ("tactical_drone", "intercepted"): 52,
        ("cruise_missile", "launched"): 196,
        ("cruise_missile", "intercepted"): 170,
        ("ballistic_missile", "launched"): 29,
        ("ballistic_missile", "intercepted"): 11,
        ("missile", "launched"): 47,
        ("missile", "intercepted"): 25,
    }


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (
            "2024-11-13",
            {
                ("drone", "launched"): 90,
                ("drone", "intercepted"): 37,
                ("cruise_missile", "launched"): 2,
                ("cruise_missile", "intercepted"): 2,
                ("ballistic_missile", "launched"): 2,
                ("ballistic_missile", "intercepted"): 2,
                ("missile", "launched"): 2,
                ("missile", "intercepted"): 0,
            },
        ),
        (
            "2024-11-17",
            {
                ("drone", "launched"): 90,
                ("drone", "intercepted"): 42,
                ("cruise_missile", "launched"): 102,
                ("cruise_missile", "intercepted"): 86,
                ("ballistic_missile", "launched"): 9,
                ("ballistic_missile", "intercepted"): 7,
                ("missile", "launched"): 9,
                ("missile", "intercepted"): 9,
            },
        ),
        (
            "2024-11-21",
            {
                ("cruise_missile", "launched"): 7,
                ("cruise_missile", "intercepted"): 6,
                ("ballistic_missile", "launched"): 2,
                ("ballistic_missile", "intercepted"): 0,
            },
        ),
        (
            "2024-11-28",
            {
                ("drone", "launched"): 97,
                ("drone", "intercepted"): 35,
                ("cruise_missile", "launched"): 85,
                ("cruise_missile", "intercepted"): 76,
                ("missile", "launched"): 6,
                ("missile", "intercepted"): 3,
            },
        ),
    ],
)
def test_daily_sums(real_docs, real_frame, day, expected):
    got = only(fact_sums(real_docs, day))
    assert got == frame_sums(real_frame, day)
    assert got == expected


def test_whole_dataset_sums_match_pandas(real_docs, real_frame):
    got = fact_sums(real_docs, "")
    totals = defaultdict(float)
    for (_weapon, metric), value in got.items():
        totals[metric] += value
    assert totals["launched"] == real_frame["launched"].sum()
    assert totals["intercepted"] == real_frame["destroyed"].sum()
    assert totals["lost"] == real_frame["not_reach_goal"].sum()


# --- rows of every shape, written here --------------------------------------------------------


def write_rows(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER)
        writer.writeheader()
        for row in rows:
            writer.writerow({name: row.get(name, "") for name in HEADER})
    return path


SRC = "kpszsu/posts/abc"

# (row, expected error substring or None, published, expected facts as (metric, weapon,
#  weapon_model, value, text))
SHAPES = [
    pytest.param(
        {
            "time_start": "2024-11-12 18:00",
            "time_end": "2024-11-13 09:00",
            "model": "Shahed-136/131",
            "target": "Ukraine",
            "launched": "90.0",
            "destroyed": "37.0",
            "not_reach_goal": "46.0",
            "source": SRC,
        },
        None,
        date(2024, 11, 13),
        [
            ("launched", "drone", "Shahed", 90, "launched 90"),
            ("intercepted", "drone", "Shahed", 37, "destroyed 37"),
            ("lost", "drone", "Shahed", 46, "not_reach_goal 46"),
        ],
        id="datetime-window",
    ),
    pytest.param(
        {
            "time_start": "2024-11-25",
            "time_end": "2024-11-25",
            "model": "X-59/X-69",
            "launched": "3.0",
            "destroyed": "0.0",
            "source": SRC,
        },
        None,
        date(2024, 11, 25),
        [
            ("launched", "missile", "Kh-59", 3, "launched 3"),
            ("intercepted", "missile", "Kh-59", 0, "destroyed 0"),
        ],
        id="date-only-and-zero",
    ),
    pytest.param(
        {
            "time_start": "2024-05-16",
            "time_end": "2024-05-16 ",
            "model": "Lancet",
            "launched": "1.0",
            "destroyed": "1.0",
        },
        None,
        date(2024, 5, 16),
        [
            ("launched", "tactical_drone", "Lancet", 1, "launched 1"),
            ("intercepted", "tactical_drone", "Lancet", 1, "destroyed 1"),
        ],
        id="trailing-space",
    ),
    pytest.param(
        {
            "time_start": "2023-05-16 3:30",
            "time_end": "2023-05-16 7:00",
            "model": "X-47 Kinzhal",
            "launched": "6",
            "destroyed": "6",
        },
        None,
        date(2023, 5, 16),
        [
            ("launched", "ballistic_missile", "Kinzhal", 6, "launched 6"),
            ("intercepted", "ballistic_missile", "Kinzhal", 6, "destroyed 6"),
        ],
        id="one-digit-hour",
    ),
    pytest.param(
        {
            "time_start": "2025-02-10 18:00",
            "time_end": "2025-02-11 10:00",
            "model": "Unknown Missile",
            "launched": "19.0",
            "destroyed": "",
            "source": SRC,
        },
        None,
        date(2025, 2, 11),
        [("launched", "missile", None, 19, "launched 19")],
        id="blank-destroyed-is-unknown",
    ),
    pytest.param(
        {
            "time_end": "2025-01-01 08:00",
            "model": "Kalibr",
            "launched": "",
            "destroyed": "",
        },
        None,
        date(2025, 1, 1),
        [],
        id="no-counts",
    ),
    pytest.param(
        {
            "time_end": "2025-01-02 08:00",
            "model": "Geran-5",
            "launched": "4.0",
            "destroyed": "nan",
        },
        None,
        date(2025, 1, 2),
        [("launched", None, None, 4, "launched 4")],
        id="unknown-model-and-nan",
    ),
    pytest.param(
        {"time_end": "2024-13-45", "model": "Kalibr", "launched": "3.0", "destroyed": "3.0"},
        "time_end '2024-13-45' is not a date",
        None,
        [],
        id="impossible-date",
    ),
    pytest.param(
        {"time_end": "yesterday", "model": "Kalibr", "launched": "3.0", "destroyed": "3.0"},
        "time_end 'yesterday' is not a date",
        None,
        [],
        id="malformed-time-end",
    ),
    pytest.param(
        {"time_end": "", "model": "Kalibr", "launched": "3.0", "destroyed": "3.0"},
        "is not a date",
        None,
        [],
        id="blank-time-end",
    ),
    pytest.param(
        {"time_end": "2024-11-13", "model": "Kalibr", "launched": "three", "destroyed": "3"},
        "launched 'three' is not a count",
        date(2024, 11, 13),
        [],
        id="non-numeric-count",
    ),
    pytest.param(
        {"time_end": "2024-11-13", "model": "Kalibr", "launched": "5", "destroyed": "-1"},
        "destroyed '-1' is not a count",
        date(2024, 11, 13),
        [],
        id="negative-count",
    ),
]


@pytest.mark.parametrize(("row", "error", "published", "expected"), SHAPES)
def test_row_shapes(tmp_path, row, error, published, expected):
    path = write_rows(tmp_path / "af.csv", [row])
    (doc,) = list(read_airforce(path))
    assert doc.id == "af:1"
    assert doc.origin == f"{path}:1"
    assert doc.published == published
    assert doc.record is not None and doc.record["model"] == row["model"]
    facts = record_facts(doc)
    if error:
        assert doc.error and "af.csv row 1" in doc.error and error in doc.error
        assert "\n" not in doc.error
        assert facts == []
        return
    assert doc.error is None
    assert "\n" not in doc.body
    assert doc.url == (row.get("source") or None)
    got = [(f.metric, f.weapon, f.weapon_model, f.value, f.text) for f in facts]
    assert got == expected
    for fact in facts:
        assert doc.body[fact.start : fact.end] == fact.text
        assert fact.sentence == doc.body
        assert fact.doc == "af:1"
        assert fact.event_date == fact.published == published
        assert (fact.qualifier, fact.actor, fact.scope) == ("exact", "russia", "event")
        assert fact.claimed_by == "Ukrainian air force"
        assert fact.location is None and fact.subgroup is None and fact.value_max is None
        assert fact.source == (row.get("source") or None)


def test_body_reads_like_the_example(tmp_path):
    path = write_rows(tmp_path / "af.csv", [SHAPES[0].values[0]])
    (doc,) = list(read_airforce(path))
    assert doc.body == (
        "2024-11-12 18:00 to 2024-11-13 09:00, Shahed-136/131: launched 90, destroyed 37, "
        "not_reach_goal 46; target Ukraine (kpszsu/posts/abc)"
    )


def test_bad_row_does_not_stop_the_file(tmp_path):
    rows = [
        {"time_end": "2024-11-13", "model": "Kalibr", "launched": "3", "destroyed": "3"},
        {"time_end": "??", "model": "Kalibr", "launched": "3", "destroyed": "3"},
        {"time_end": "2024-11-14", "model": "Molniya?", "launched": "2", "destroyed": "1"},
        {"time_end": "2024-11-14", "model": "Molniya?", "launched": "1", "destroyed": "1"},
    ]
    docs = list(read_airforce(write_rows(tmp_path / "mixed.csv", rows)))
    assert [doc.id for doc in docs] == [f"mixed:{i}" for i in range(1, 5)]
    assert [bool(doc.error) for doc in docs] == [False, True, False, False]
    assert unknown_models(docs) == {"Molniya?": 2}
    assert sum(len(record_facts(doc)) for doc in docs) == 6


def test_extra_cells_are_an_error(tmp_path):
    path = tmp_path / "extra.csv"
    path.write_text(",".join(HEADER) + "\n" + ",2024-11-13,Kalibr" + ",1" * 30 + "\n")
    (doc,) = list(read_airforce(path))
    assert doc.error and "beyond the header" in doc.error


def test_not_the_dataset(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("id,date,text\n1,2024-11-13,hello\n")
    with pytest.raises(ValueError, match="not the air-force dataset"):
        list(read_airforce(path))


# --- what the series builder reads back from a row -------------------------------------------


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (
            {"time_start": "2024-11-12 18:00", "still_attacking": "2", "source": "kpszsu/p/1"},
            {"time_start": "2024-11-12 18:00", "still_attacking": "2", "post": "kpszsu/p/1"},
        ),
        (
            {"border_crossing": "{'Moldova': 1, 'Belarus': NaN, 'Romania': 2}"},
            {"border_crossing": "3", "still_attacking": None, "post": None},
        ),
        ({"target": "Kyiv (city)", "source": "PvKPivden/p/2"}, {"post": "PvKPivden/p/2"}),
    ],
)
def test_row_pattern_reads_the_rendered_row_back(tmp_path, cells, expected):
    row = {"time_end": "2024-11-13 09:00", "model": "Kalibr", "launched": "4", "destroyed": "3"}
    (doc,) = list(read_airforce(write_rows(tmp_path / "af.csv", [{**row, **cells}])))
    match = re.match(ROW_PATTERN, doc.body)
    assert match is not None, doc.body
    assert match["time_end"] == "2024-11-13 09:00" and match["model"] == "Kalibr"
    for key, value in expected.items():
        assert match[key] == value, key


def test_destroyed_drift_is_where_not_reach_goal_stops(real_frame):
    national = real_frame[
        real_frame["source"].astype(str).str.startswith("kpszsu")
        & real_frame["model"].eq("Shahed-136/131")
    ]
    day = national["day"]
    before = national[(day >= "2024-09-01") & (day < DESTROYED_DRIFT.isoformat())]
    after = national[day >= DESTROYED_DRIFT.isoformat()]
    assert (before["not_reach_goal"] > 0).mean() > 0.9
    assert (after["not_reach_goal"] > 0).mean() < 0.02
