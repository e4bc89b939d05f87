"""Series, reconciliation and rates on small tables written for these tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from stats.analysis import interception_rates, text_vs_dataset, wilson
from stats.facts import Fact
from stats.pipeline import run
from stats.series import daily_series, facts_frame, reconcile, resample, source_values


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
        text=f"{value}",
        sentence=f"{value}.",
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


DATASET = Path(__file__).resolve().parents[1] / "seeds" / "data" / "missile_attacks_daily.csv"


def test_november_2024_monthly_sums_equal_the_csv():
    from stats.sources.airforce import MODEL_CLASSES

    result = run([DATASET])
    monthly = resample(series_of(result.facts), "M")
    nov = monthly[monthly["period"] == "2024-11-01"].set_index(["metric", "weapon"])["value"]
    raw = pd.read_csv(DATASET)
    raw["day"] = pd.to_datetime(raw["time_end"].str.strip().str[:10])
    raw = raw[(raw["day"] >= "2024-11-01") & (raw["day"] < "2024-12-01")]
    raw["weapon"] = raw["model"].map(lambda m: MODEL_CLASSES[m][0])
    for column, metric in (("launched", "launched"), ("destroyed", "intercepted")):
        expected = raw.groupby("weapon")[column].sum()
        for weapon, value in expected.items():
            assert nov[(metric, weapon)] == pytest.approx(value), (metric, weapon)


def test_text_vs_dataset_reports_agreement_and_differences():
    facts = [
        fact(
            "missile_attacks_daily:1", D1, "launched", "drone", 90, claimed_by="Ukrainian air force"
        ),
        fact("wire", D1, "launched", "drone", 90, qualifier="approx"),
        fact("other", D1, "launched", "drone", 70),
    ]
    table = text_vs_dataset(source_values(facts_frame(facts)).values).set_index("doc")
    assert table.loc["wire", "status"] == "agrees"
    assert table.loc["other", "status"] == "differs"
    assert table.loc["other", "difference"] == -20
    assert "20 fewer than the dataset's 90" in table.loc["other", "why"]


def test_text_vs_dataset_explains_a_subset_of_classes():
    facts = [
        fact("missile_attacks_daily:1", D1, "launched", "ballistic_missile", 2),
        fact("missile_attacks_daily:2", D1, "launched", "missile", 3),
        fact("wire", D1, "launched", "ballistic_missile", 2),
    ]
    row = text_vs_dataset(source_values(facts_frame(facts)).values).iloc[0]
    assert (row["text"], row["dataset"], row["status"]) == (2.0, 5.0, "differs")
    assert "counting only ballistic_missile" in row["why"]
    assert "also has missile 3" in row["why"]
