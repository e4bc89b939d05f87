"""Series, reconciliation and rates on small tables written for these tests."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from stats.analysis import (
    interception_rates,
    outcome_ledger,
    outcome_rates,
    text_vs_dataset,
    wilson,
)
from stats.facts import Fact, fact_values
from stats.pipeline import run
from stats.series import (
    build_series,
    daily_series,
    facts_frame,
    military_losses,
    reconcile,
    resample,
    source_values,
)
from stats.series.build import build_series_stream
from stats.sources.airforce import AIRFORCE_COLUMNS


def fact(
    doc,
    day,
    metric,
    weapon,
    value,
    *,
    qualifier="exact",
    claimed_by=None,
    published=None,
    scope="event",
    subgroup=None,
    text=None,
):
    return Fact(
        doc=doc,
        published=published or day,
        event_date=day,
        metric=metric,
        weapon=weapon,
        weapon_model=None,
        value=float(value),
        value_max=None,
        qualifier=qualifier,
        actor="russia",
        claimed_by=claimed_by,
        location=None,
        scope=scope,
        subgroup=subgroup,
        start=0,
        end=1,
        text=text or f"{value}",
        sentence=f"{text or value}.",
    )


D1, D2, D4 = date(2024, 11, 1), date(2024, 11, 2), date(2024, 11, 4)


def series_of(facts):
    return daily_series(reconcile(source_values(facts_frame(facts)).values).chosen)


@pytest.mark.parametrize(
    "k,n,low,high",
    [(37, 90, 0.315, 0.514), (0, 10, 0.0, 0.278), (10, 10, 0.722, 1.0), (50, 100, 0.404, 0.596)],
)
def test_wilson(k, n, low, high):
    lo, hi = wilson(k, n)
    assert (round(lo, 3), round(hi, 3)) == (low, high)


@pytest.mark.parametrize("k,n", [(5, 0), (11, 10), (-1, 5)])
def test_wilson_rejects_bad_counts(k, n):
    with pytest.raises(ValueError):
        wilson(k, n)


def test_restated_mention_counts_once_and_is_listed():
    sv = source_values(
        facts_frame([fact("a", D1, "killed", None, 3), fact("a", D1, "killed", None, 3)])
    )
    assert sv.values["value"].tolist() == [3.0]
    assert sv.merges["n_mentions"].tolist() == [2]


def test_revised_toll_keeps_the_larger_figure():
    sv = source_values(
        facts_frame([fact("a", D1, "killed", None, 25), fact("a", D1, "killed", None, 40)])
    )
    assert sv.values["value"].tolist() == [40.0]


def test_family_sums_named_classes_but_not_a_generic_total_twice():
    facts = [
        fact("a", D1, "launched", "cruise_missile", 2),
        fact("a", D1, "launched", "ballistic_missile", 4),
        fact("b", D1, "launched", "missile", 6),
        fact("b", D1, "launched", "cruise_missile", 2),
    ]
    values = source_values(facts_frame(facts)).values.set_index("source_unit")["value"]
    assert values.to_dict() == {"a": 6.0, "b": 6.0}


def listed(doc, weapon, value, text, sentence, start):
    return replace(
        fact(doc, D1, "launched", weapon, value), text=text, sentence=sentence, start=start
    )


LIST = "Russia fired an Iskander-M ballistic missile and nine guided missiles."
TOTAL = "Russia fired 12 missiles, including an Iskander-M ballistic missile."


@pytest.mark.parametrize(
    "facts,value",
    [
        (  # items of one list add up
            [
                listed("a", "ballistic_missile", 1, "an Iskander-M ballistic missile", LIST, 13),
                listed("a", "missile", 9, "nine guided missiles", LIST, 49),
            ],
            10.0,
        ),
        (  # a total with a part named: the total stands
            [
                listed("a", "missile", 12, "12 missiles", TOTAL, 13),
                listed("a", "ballistic_missile", 1, "an Iskander-M ballistic missile", TOTAL, 37),
            ],
            12.0,
        ),
        (  # list items, and a larger total stated apart
            [
                listed("a", "missile", 15, "15 missiles", "Russia fired 15 missiles.", 0),
                listed("a", "ballistic_missile", 1, "an Iskander-M ballistic missile", LIST, 40),
                listed("a", "missile", 9, "nine guided missiles", LIST, 76),
            ],
            15.0,
        ),
    ],
)
def test_family_value_of_lists_and_totals(facts, value):
    assert source_values(facts_frame(facts)).values["value"].tolist() == [value]


@pytest.mark.parametrize(
    "candidates,winner,reason",
    [
        (
            [("w", "Reuters", "exact", D2), ("af", "Ukrainian air force", "exact", D1)],
            "af",
            "claimant ranked higher",
        ),
        ([("w1", None, "approx", D1), ("w2", None, "exact", D1)], "w2", "exact over approx"),
        ([("w1", None, "exact", D1), ("w2", None, "exact", D2)], "w2", "published later"),
    ],
)
def test_reconcile_rule(candidates, winner, reason):
    facts = [
        fact(doc, D1, "launched", "drone", 90 + i, claimed_by=c, qualifier=q, published=p)
        for i, (doc, c, q, p) in enumerate(candidates)
    ]
    rec = reconcile(source_values(facts_frame(facts)).values)
    assert rec.chosen["source_unit"].tolist() == [winner]
    assert rec.chosen["reason"].iloc[0].startswith(reason)
    assert len(rec.candidates) == len(candidates)


def test_missing_day_is_missing_not_zero_and_weeks_count_days():
    facts = [
        fact("a", D1, "launched", "drone", 10),
        fact("b", D2, "launched", "drone", 20),
        fact("c", D4, "launched", "drone", 5),
    ]
    daily = series_of(facts)
    assert date(2024, 11, 3) not in set(daily["date"].dt.date)
    weekly = resample(daily, "W")
    # 2024-11-01 is a Friday: its week starts 2024-10-28; 2024-11-04 starts a new week
    assert weekly[["period", "value", "days"]].values.tolist() == [
        ["2024-10-28", 30.0, 2],
        ["2024-11-04", 5.0, 1],
    ]


def test_period_totals_stay_out_of_daily_series():
    daily = series_of(
        [
            fact("a", D1, "launched", "drone", 800, scope="period"),
            fact("b", D1, "launched", "drone", 50),
        ]
    )
    assert daily["value"].tolist() == [50.0]


def test_rate_only_where_both_known():
    facts = [
        fact("a", D1, "launched", "drone", 100),
        fact("a", D1, "intercepted", "drone", 80),
        fact("b", D2, "launched", "drone", 50),  # no intercepted figure that day: left out
    ]
    rates = interception_rates(series_of(facts), freq=None)
    row = rates.iloc[0]
    assert (row["launched"], row["intercepted"], row["days"]) == (100.0, 80.0, 1)
    assert row["low"] < 0.8 < row["high"]


ROOT = Path(__file__).resolve().parents[1]
SLICE = ROOT / "seeds" / "data" / "missile_attacks_daily.csv"
FULL = ROOT.parent / "shared" / "data" / "missile_attacks_daily.csv"


def dataset_facts(tmp_path, rows, name="af.csv"):
    """Facts of a small air-force CSV written from `rows` (dicts of some columns)."""
    path = tmp_path / name
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=sorted(AIRFORCE_COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    return run([path]).facts


def row(start, end, model, launched, destroyed, source="kpszsu/posts/a", nrg=""):
    return {
        "time_start": start,
        "time_end": end,
        "model": model,
        "launched": launched,
        "destroyed": destroyed,
        "not_reach_goal": nrg,
        "source": source,
    }


NIGHT = [
    row("2024-11-16 18:00", "2024-11-17 09:00", "Shahed-136/131", 90, 80, nrg=6),
    row("2024-11-16 18:00", "2024-11-17 09:00", "Kalibr", 10, 8),
    row("2024-11-16 18:00", "2024-11-17 09:00", "Orlan-10", 5, 5),  # tactical
    row("2024-11-17", "2024-11-17", "Unknown UAV", 20, 20, source="PvKPivden/posts/b"),
    row("2024-11-17 10:00", "2024-11-17 16:00", "Shahed-136/131", 30, 25, source="kpszsu/posts/c"),
]


def test_night_series_is_the_national_strike_tally_and_the_rest_is_listed(tmp_path):
    built = build_series(dataset_facts(tmp_path, NIGHT))
    got = built.daily.groupby(["metric", "family"])["value"].sum().to_dict()
    assert got == {
        ("launched", "drone"): 90.0,
        ("intercepted", "drone"): 80.0,
        ("lost", "drone"): 6.0,
        ("launched", "missile"): 10.0,
        ("intercepted", "missile"): 8.0,
    }
    rest = built.values.rest.set_index(["tally", "metric", "family_key"])["value"].to_dict()
    assert rest == {
        ("day_wave", "intercepted", "drone"): 25.0,
        ("day_wave", "launched", "drone"): 30.0,
        ("regional", "intercepted", "drone"): 20.0,
        ("regional", "launched", "drone"): 20.0,
        ("tactical", "intercepted", "tactical_drone"): 5.0,
        ("tactical", "launched", "tactical_drone"): 5.0,
    }
    listed = built.explain[built.explain["kind"] == "not in series"]
    assert len(listed) == len(rest)


@pytest.mark.parametrize(
    ("tallies", "drone_launched"),
    [
        (("text", "bulletin"), 90.0),
        (("text", "bulletin", "regional"), 110.0),
        (("text", "bulletin", "regional", "day_wave"), 140.0),
    ],
)
def test_other_tallies_can_be_added(tmp_path, tallies, drone_launched):
    built = build_series(dataset_facts(tmp_path, NIGHT), tallies=tallies)
    d = built.daily
    assert d[(d["metric"] == "launched") & (d["family"] == "drone")]["value"].sum() == (
        drone_launched
    )


@pytest.fixture(scope="module")
def full_facts():
    return run([FULL]).facts


@pytest.mark.parametrize("name", ["full_af.csv", "missile_attacks_daily (1).csv", "x.csv"])
def test_dataset_is_recognised_by_its_header_whatever_its_name(tmp_path, full_facts, name):
    copy = tmp_path / name
    copy.write_bytes(FULL.read_bytes())
    a = build_series(full_facts, freq="M").periods
    b = build_series(run([copy]).facts, freq="M").periods
    pd.testing.assert_frame_equal(a, b)


def test_a_text_document_is_not_the_dataset_because_of_its_id():
    facts = [
        fact("missile_attacks_daily:1", D1, "launched", "drone", 90),
        fact("missile_attacks_daily:2", D1, "launched", "drone", 70),
    ]
    frame = facts_frame(facts)
    assert not frame["dataset"].any()
    assert sorted(frame["source_unit"]) == ["missile_attacks_daily:1", "missile_attacks_daily:2"]


def family_sums(daily, freq):
    d = daily[daily["metric"].isin(["launched", "intercepted"]) & daily["family"].notna()]
    d = d.assign(period=resample(d, freq)["period"].iloc[0] if False else None)
    from stats.series import period_of

    d = d.assign(period=period_of(d["date"], freq))
    t = d.pivot_table(
        index=["period", "family", "actor"], columns="metric", values="value", aggfunc="sum"
    )
    return t.reindex(columns=["launched", "intercepted"]).fillna(0.0)


@pytest.mark.parametrize("source", ["seeds", "full"])
@pytest.mark.parametrize("freq", ["D", "W", "M"])
def test_no_intercepted_above_launched_unless_explain_lists_it(full_facts, source, freq):
    facts = run([ROOT / "seeds"]).facts if source == "seeds" else full_facts
    built = build_series(facts, freq=freq)
    sums = family_sums(built.daily, freq)
    over = set(sums[sums["intercepted"] > sums["launched"]].index)
    listed = set(map(tuple, built.conflicts[["period", "family", "actor"]].values.tolist()))
    assert over == listed
    explained = built.explain[built.explain["kind"] == "period conflict"]
    assert len(explained) == len(listed)
    # a night itself never carries intercepted above launched
    nights = family_sums(built.daily, "D")
    both = nights[(nights["launched"] > 0)]
    assert not (both["intercepted"] > both["launched"]).any()


def test_conflicting_night_is_withheld_and_listed():
    facts = [
        fact("a", D1, "launched", "missile", 9, claimed_by="Ukrainian air force"),
        fact("a", D1, "intercepted", "cruise_missile", 168, claimed_by="Ukrainian air force"),
    ]
    built = build_series(facts)
    assert built.daily[built.daily["metric"] == "intercepted"].empty
    (conflict,) = built.reconciled.conflicts.itertuples()
    assert (conflict.launched, conflict.intercepted) == (9.0, 168.0)
    assert (built.explain["kind"] == "conflict").sum() == 1


@pytest.mark.parametrize(
    ("facts", "launched_from", "intercepted_from", "mixed"),
    [
        (  # a source giving both stands over one giving launched only
            [
                fact("a", D1, "launched", "drone", 120, claimed_by="Ukrainian air force"),
                fact("b", D1, "launched", "drone", 90, claimed_by="officials"),
                fact("b", D1, "intercepted", "drone", 80, claimed_by="officials"),
            ],
            "b",
            "b",
            False,
        ),
        (  # no source gives both: the record is mixed and says so
            [
                fact("a", D1, "launched", "drone", 120, claimed_by="Ukrainian air force"),
                fact("b", D1, "intercepted", "drone", 80, claimed_by="officials"),
            ],
            "a",
            "b",
            True,
        ),
    ],
)
def test_one_night_one_record(facts, launched_from, intercepted_from, mixed):
    rec = reconcile(source_values(facts_frame(facts)).values)
    (r,) = rec.records.itertuples()
    assert (r.src_launched, r.src_intercepted, bool(r.mixed)) == (
        launched_from,
        intercepted_from,
        mixed,
    )
    reasons = " ".join(rec.chosen["reason"])
    assert ("mixed sources" in reasons) is mixed


def test_a_class_figure_never_sits_beside_a_generic_figure_of_its_family():
    facts = [
        fact("a", D1, "launched", "missile", 120),
        fact("a", D1, "intercepted", "cruise_missile", 60),
    ]
    daily = build_series(facts).daily
    assert set(daily["weapon"]) == {"missile"}
    assert daily.set_index("metric")["value"].to_dict() == {"intercepted": 60.0, "launched": 120.0}


def dataset_only_rates(paths):
    built = build_series(run(paths).facts)
    rates = outcome_rates(outcome_ledger(built.reconciled.records), freq="M")
    rates = rates[(rates["period"] == "2024-11-01") & (rates["actor"] == "russia")]
    return rates.set_index("family")["shot_down_rate"]


def test_november_2024_rate_per_family_within_a_point_of_the_dataset_alone():
    bundled = dataset_only_rates([ROOT / "seeds"])
    alone = dataset_only_rates([SLICE])
    for family in ("drone", "missile"):
        assert abs(bundled[family] - alone[family]) < 0.01, family


def test_the_slice_series_equals_the_csv_national_night_strike_rows():
    raw = pd.read_csv(SLICE)
    end = pd.to_datetime(raw["time_end"].str.strip(), format="mixed")
    start = pd.to_datetime(raw["time_start"].str.strip(), format="mixed")
    timed = raw["time_end"].str.contains(":")
    night = ~timed | (start.dt.date < end.dt.date) | (end.dt.hour < 12) | (start.dt.hour < 6)
    national = raw["source"].fillna("").str.match(r"(?:https://t\.me/)?kpszsu")
    tactical = raw["model"].str.contains(
        "Orlan|ZALA|Supercam|Lancet|Молнія|Reconnaissance|Merlin|Kub|Forpost|Granat"
    )
    drones = raw["model"].str.contains("Shahed|Unknown UAV|Orion|Mohajer")
    nov = (end >= "2024-11-01") & (end < "2024-12-01") & night & national & ~tactical & drones
    built = build_series(run([SLICE]).facts, freq="M")
    p = built.periods
    got = p[(p["period"] == "2024-11-01") & (p["weapon"] == "drone") & (p["actor"] == "russia")]
    got = got.set_index("metric")["value"]
    assert got["launched"] == raw.loc[nov, "launched"].sum()
    assert got["intercepted"] == raw.loc[nov, "destroyed"].sum()


CIVILIANS = fact("a", D1, "injured", None, 3)


@pytest.mark.parametrize(
    "other",
    [
        fact("b", D1, "injured", None, 1000, subgroup="north_korean"),
        fact("b", D1, "injured", None, 1000, text="close to 1,000 soldiers were wounded"),
        fact("b", D1, "injured", None, 1000, scope="cumulative"),
        fact("b", D1, "killed", None, 500, text="500 servicemen killed"),
    ],
)
def test_military_and_running_totals_stay_out_of_the_casualty_series(other):
    built = build_series([CIVILIANS, other])
    casualties = built.daily[built.daily["metric"].isin(["killed", "injured"])]
    assert casualties["value"].tolist() == [3.0]
    assert military_losses(built.frame)["value"].tolist() == [other.value]


@pytest.mark.parametrize(
    ("tolls", "stands"),
    [
        ([(25, D1), (40, D2)], 40.0),  # rose in a later report
        ([(40, D2), (25, D1)], 40.0),  # order of input does not matter
        ([(25, D1), (40, D2), (38, D4)], 38.0),  # revised down later: the latest stands
    ],
)
def test_a_revised_toll_stands_once_at_its_latest_value(tolls, stands):
    facts = [
        fact(f"doc{i}", D1, "killed", None, v, published=p, claimed_by="officials")
        for i, (v, p) in enumerate(tolls)
    ]
    daily = build_series(facts).daily
    assert daily["value"].tolist() == [stands]


def ledger_of(nights):
    """A records frame of (launched, intercepted, lost) per night for the ledger."""
    rows = [
        {
            "event_date": pd.Timestamp(day),
            "family_key": "drone",
            "actor": "russia",
            "launched": n,
            "intercepted": i,
            "lost": lost,
            "hit": float("nan"),
            "left": float("nan"),
            "source_unit": src,
            "src_intercepted": src,
            "conflict": i > n,
        }
        for day, n, i, lost, src in nights
    ]
    return outcome_ledger(pd.DataFrame(rows))


def test_ledger_accounts_for_every_launch():
    ledger = ledger_of([("2024-11-17", 90, 37, 46, "air force dataset")])
    r = ledger.iloc[0]
    assert (r["launched"], r["shot_down"], r["lost"], r["unexplained"]) == (90, 37, 46, 7)
    assert r["definition"] == "shot down"


@pytest.mark.parametrize(
    ("nights", "interval", "few", "definition"),
    [
        ([("2024-11-17", 90, 37, 46, "air force dataset")], "wilson", False, "shot down"),
        ([("2024-11-17", 10, 5, 0, "a")], "wilson", True, "shot down"),
        (
            [("2024-11-17", 90, 37, 46, "air force dataset"), ("2024-11-18", 60, 50, 5, "b")],
            "bootstrap over nights",
            False,
            "shot down",
        ),
        (
            [("2025-08-03", 90, 80, 0, "air force dataset")],
            "wilson",
            False,
            "shot down or suppressed",
        ),
        (
            [
                ("2025-07-23", 90, 37, 46, "air force dataset"),
                ("2025-07-24", 80, 70, 0, "air force dataset"),
            ],
            "bootstrap over nights",
            False,
            "mixed: shot down / shot down or suppressed",
        ),
    ],
)
def test_two_rates_with_intervals(nights, interval, few, definition):
    ledger = ledger_of(nights)
    rates = outcome_rates(ledger, freq=None)
    r = rates.iloc[0]
    k = sum(n[2] for n in nights)
    n = sum(n[1] for n in nights)
    m = sum(min(x[2] + x[3], x[1]) for x in nights)
    assert r["shot_down_rate"] == pytest.approx(k / n)
    assert r["neutralised_rate"] == pytest.approx(m / n)
    assert r["shot_down_low"] <= r["shot_down_rate"] <= r["shot_down_high"]
    assert r["neutralised_low"] <= r["neutralised_rate"] <= r["neutralised_high"]
    assert (r["interval"], bool(r["few"]), r["definition"]) == (interval, few, definition)
    again = outcome_rates(ledger, freq=None)
    pd.testing.assert_frame_equal(rates, again)  # seeded: the same input, the same interval


def test_text_vs_dataset_same_definition_differences_first(tmp_path):
    ds = dataset_facts(tmp_path, NIGHT)
    day = date(2024, 11, 17)
    texts = [
        fact("wire", day, "launched", "drone", 90, qualifier="approx"),
        fact("other", day, "launched", "drone", 110),  # bulletin + regional
        fact("third", day, "launched", "drone", 70),
    ]
    sv = source_values(facts_frame(ds + texts))
    table = text_vs_dataset(sv.values, sv.rest)
    assert table["doc"].tolist()[:2] == ["other", "third"]  # differences first, largest first
    t = table.set_index("doc")
    assert t.loc["wire", "status"] == "agrees"
    assert t.loc["other", "dataset"] == 90.0
    assert "regional: 20" in t.loc["other", "why"]
    assert "equals that sum" in t.loc["other", "why"]
    assert "20 fewer than the dataset's 90" in t.loc["third", "why"]


def test_text_vs_dataset_explains_a_subset_of_classes(tmp_path):
    ds = dataset_facts(
        tmp_path,
        [
            row("2024-11-16 18:00", "2024-11-17 09:00", "Iskander-M", 2, 1),
            row("2024-11-16 18:00", "2024-11-17 09:00", "X-59", 3, 2),
        ],
    )
    texts = [fact("wire", date(2024, 11, 17), "launched", "ballistic_missile", 2)]
    row0 = text_vs_dataset(source_values(facts_frame(ds + texts)).values).iloc[0]
    assert (row0["text"], row0["dataset"], row0["status"]) == (2.0, 5.0, "differs")
    assert "counting only ballistic_missile" in row0["why"]
    assert "also has missile 3" in row0["why"]


# --------------------------------------------------------------------------- from a stream

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def seed_facts():
    return run([SEEDS]).facts


@pytest.mark.parametrize(
    "chunk,batch",
    [(1, 1), (40, 1), (40, 120_000), (1_000_000, 120_000), (1_000_000, 2**30)],
)
@pytest.mark.parametrize("tallies", [("text", "bulletin"), ("text", "bulletin", "regional")])
@pytest.mark.parametrize("tuples", [False, True], ids=["facts", "tuples"])
def test_a_stream_builds_the_same_series(seed_facts, chunk, batch, tallies, tuples):
    # Chunks never split a document; the dataset's rows (one source) are valued together.
    # Batches of spilled months: one month each (1 byte), a few months, all of them. The
    # stream may hold the facts or their tuples (as workers send them).
    whole = build_series(seed_facts, tallies=tallies, freq="M")
    stream = map(fact_values, seed_facts) if tuples else iter(seed_facts)
    streamed = build_series_stream(
        stream, tallies=tallies, freq="M", chunk=chunk, batch_bytes=batch, tuples=tuples
    )
    assert streamed.frame is None
    for name in ("daily", "periods", "conflicts", "explain"):
        pd.testing.assert_frame_equal(getattr(whole, name), getattr(streamed, name))
    for name in ("values", "merges", "rest"):
        pd.testing.assert_frame_equal(getattr(whole.values, name), getattr(streamed.values, name))
    assert len(streamed.values.values) > 100 and len(streamed.values.merges) > 0


def test_a_stream_that_keeps_no_values_builds_the_same_series(seed_facts):
    whole = build_series(seed_facts, freq="W")
    lean = build_series_stream(iter(seed_facts), freq="W", chunk=40, keep=False)
    for name in ("daily", "periods", "conflicts"):
        pd.testing.assert_frame_equal(getattr(whole, name), getattr(lean, name))
    assert lean.values.values.empty and lean.reconciled.candidates.empty
    not_candidates = whole.explain[whole.explain["kind"] != "candidate"]
    assert len(not_candidates) and len(lean.explain) == len(not_candidates)
    assert (lean.explain["kind"] != "candidate").all()


def test_a_stream_of_no_facts_builds_an_empty_series():
    built = build_series_stream(iter([]))
    assert built.daily.empty and built.values.values.empty


def test_the_seeds_casualty_series_holds_no_military_loss(seed_facts):
    # "100 North Korean soldiers killed and close to 1,000 wounded": both are soldiers.
    built = build_series(seed_facts)
    losses = military_losses(built.frame)
    losses = losses[losses["scope"] == "event"]
    assert {1000.0, 100.0} <= set(losses["value"])
    daily = built.daily.rename(columns={"date": "event_date"})
    casualties = daily[daily["metric"].isin(["killed", "injured"])]
    keys = ["event_date", "metric", "value"]
    both = casualties[keys].astype(str).merge(losses[keys].astype(str), on=keys)
    assert both.empty, both


def test_a_stream_of_left_out_tallies_only_still_lists_them(tmp_path):
    path = tmp_path / "regional.csv"  # one regional command's row: not in the night series
    path.write_text(
        "time_start,time_end,model,launched,destroyed,source\n"
        "2024-11-12 18:00,2024-11-13 07:00,Shahed-136/131,50,40,PvKPivden\n"
    )
    facts = run([path]).facts
    whole, streamed = build_series(facts), build_series_stream(iter(facts), keep=False)
    assert whole.daily.empty and streamed.daily.empty
    assert len(streamed.values.rest) == len(whole.values.rest) > 0
    pd.testing.assert_frame_equal(whole.explain, streamed.explain)
