"""Per-region, per-model, trend, change-point, saturation and record views on seeded
synthetic data whose answers are known by construction."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from stats.analysis.models import model_nights, per_model
from stats.analysis.nights import night_table
from stats.analysis.records import monthly_records
from stats.analysis.regions import (
    dataset_regions,
    fact_regions,
    parse_pydict,
    per_region,
    target_regions,
)
from stats.analysis.saturation import saturation, saturation_test
from stats.analysis.trends import change_points, monotonic_trend, monthly


@pytest.mark.parametrize(
    "text,expected",
    [
        ("{'south': 35, 'east': NaN, 'north': NaN}", {"south": 35, "east": None, "north": None}),
        ("['Kharkiv oblast', 'Donetsk oblast']", ["Kharkiv oblast", "Donetsk oblast"]),
        ("", None),
        (float("nan"), None),
        ("{'a': NaNa}", None),  # not a literal
        ("__import__('os').system('true')", None),  # never evaluated
        ("42", None),  # a number is not a dict or list
    ],
)
def test_parse_pydict(text, expected):
    assert parse_pydict(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Odesa oblast and Mykolaiv oblast", ["Odesa oblast", "Mykolaiv oblast"]),
        ("Dnipropetrovsk oblast, Dnipro Raion", ["Dnipropetrovsk oblast"]),
        ("Ukraine", []),
        ("", []),
        (None, []),
        ("Kyiv and Kyiv", ["Kyiv"]),
    ],
)
def test_target_regions(text, expected):
    assert target_regions(text) == expected


DATASET = pd.DataFrame(
    {
        "time_end": ["2024-11-13 09:00", "2024-11-13", "2024-11-14 08:00", "bad"],
        "model": ["Shahed-136/131", "Kalibr", "Shahed-136/131", "Kalibr"],
        "target": ["Odesa oblast and Kyiv oblast", "Ukraine", "Odesa oblast, Izmail Raion", "Kyiv"],
        "launched": [40.0, 6.0, 20.0, 9.0],
        "affected region": ["['Kyiv oblast']", "", "['Kyiv oblast', 'Sumy oblast']", ""],
        "destroyed_details": ["{'south': 30, 'east': NaN}", "", "", "{'south': 1}"],
    }
)


@pytest.mark.parametrize(
    "region,source,nights,value",
    [
        ("Odesa oblast", "target", 2, 60.0),
        ("Kyiv oblast", "target", 1, 40.0),
        ("Kyiv oblast", "affected region", 2, 2.0),
        ("Sumy oblast", "affected region", 1, 1.0),
        ("south", "destroyed_details", 1, 30.0),  # the malformed-date row is left out
    ],
)
def test_dataset_regions(region, source, nights, value):
    table = per_region(dataset_regions(DATASET))
    row = table[(table["region"] == region) & (table["source"] == source)]
    assert len(row) == 1
    assert (int(row["nights"].iloc[0]), row["value"].iloc[0]) == (nights, value)
    assert "east" not in set(table["region"])  # NaN sector: unknown, not zero


def test_fact_regions_reads_event_locations_only():
    facts = pd.DataFrame(
        {
            "event_date": pd.to_datetime(["2024-11-13", "2024-11-13", "2024-11-14"]),
            "location": ["Kyiv", None, "Kyiv"],
            "scope": ["event", "event", "period"],
            "metric": ["killed", "killed", "killed"],
            "value": [2.0, 5.0, 7.0],
        }
    )
    out = per_region(fact_regions(facts))
    assert out[["region", "nights", "value"]].values.tolist() == [["Kyiv", 1, 2.0]]


def _facts(rows):
    """(date, model, weapon, metric, value, doc) rows as a facts frame."""
    df = pd.DataFrame(
        rows, columns=["event_date", "weapon_model", "weapon", "metric", "value", "doc"]
    )
    df["event_date"] = pd.to_datetime(df["event_date"])
    df["scope"] = "event"
    df["source_unit"] = df["doc"].str.partition(":")[0]
    df["dataset"] = df["doc"].str.contains(":")  # facts_frame tells dataset rows by content
    return df


MODEL_FACTS = _facts(
    [
        ("2024-11-13", "Shahed", "drone", "launched", 60, "missile_attacks_daily:1"),
        ("2024-11-13", "Shahed", "drone", "intercepted", 50, "missile_attacks_daily:1"),
        ("2024-11-13", "Shahed", "drone", "launched", 20, "missile_attacks_daily:2"),  # 2nd wave
        ("2024-11-13", "Kalibr", "cruise_missile", "launched", 20, "missile_attacks_daily:3"),
        ("2024-11-13", "Kalibr", "cruise_missile", "intercepted", 15, "missile_attacks_daily:3"),
        ("2024-11-14", "Shahed", "drone", "launched", 10, "missile_attacks_daily:4"),
        ("2024-11-14", "Shahed", "drone", "intercepted", 10, "missile_attacks_daily:4"),
        ("2024-11-14", None, "glide_bomb", "launched", 5, "missile_attacks_daily:5"),
        ("2024-11-14", "Kalibr", "cruise_missile", "launched", 99, "kyiv-news"),  # text: not used
    ]
)


@pytest.mark.parametrize(
    "model,nights,launched,intercepted,share",
    [
        ("Shahed", 2, 90.0, 60.0, (0.8 + 10 / 15) / 2),
        ("Kalibr", 1, 20.0, 15.0, 0.2),
        ("glide_bomb (unnamed)", 1, 5.0, math.nan, 5 / 15),
    ],
)
def test_per_model(model, nights, launched, intercepted, share):
    table = per_model(model_nights(MODEL_FACTS)).set_index("model")
    row = table.loc[model]
    assert row["nights"] == nights and row["launched"] == launched
    assert row["median_share"] == pytest.approx(share)
    if math.isnan(intercepted):
        assert math.isnan(row["rate"])
    else:
        # a night's waves add up per model: Shahed 50 of 80 on the 13th, 10 of 10 on the 14th
        assert row["rate"] == pytest.approx(intercepted / launched)
        assert row["low"] < row["rate"] < row["high"]


def _nights(values, family="drone", start="2023-01-01", per_month=4):
    """Synthetic nights: `values` is a list of (launched, rate) per month, `per_month` nights
    each, on days 1, 8, 15, 22."""
    rows = []
    for m, (launched, rate) in enumerate(values):
        month = pd.Timestamp(start) + pd.DateOffset(months=m)
        for d in range(per_month):
            rows.append(
                {
                    "date": month + pd.Timedelta(days=7 * d),
                    "family": family,
                    "actor": "russia",
                    "launched": float(launched),
                    "intercepted": float(round(launched * rate)),
                }
            )
    df = pd.DataFrame(rows)
    df["rate"] = df["intercepted"] / df["launched"]
    return df


@pytest.mark.parametrize("planted", [5, 9, 14])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_planted_change_in_rate_is_found_within_a_month(planted, seed):
    rng = np.random.default_rng(seed)
    rates = [0.85 if m < planted else 0.65 for m in range(20)]
    values = [(200, float(np.clip(r + rng.normal(0, 0.02), 0, 1))) for r in rates]
    cps = change_points(monthly(_nights(values)), "rate")
    found = [pd.Timestamp(p) for p in cps["period"]]
    expected = pd.Timestamp("2023-01-01") + pd.DateOffset(months=planted)
    assert found, "no change point found"
    assert min(abs((f.to_period("M") - expected.to_period("M")).n) for f in found) <= 1
    assert len(found) == 1, f"spurious breaks: {found}"
    assert cps["change"].iloc[0] == pytest.approx(-0.2, abs=0.05)


@pytest.mark.parametrize("planted", [6, 12])
def test_a_planted_jump_in_volume_is_found_within_a_month(planted):
    rng = np.random.default_rng(planted)
    values = [(int((100 if m < planted else 400) + rng.normal(0, 10)), 0.8) for m in range(18)]
    cps = change_points(monthly(_nights(values)), "launched")
    expected = pd.Timestamp("2023-01-01") + pd.DateOffset(months=planted)
    assert len(cps) == 1
    assert (
        abs((pd.Timestamp(cps["period"].iloc[0]).to_period("M") - expected.to_period("M")).n) <= 1
    )


def test_flat_noise_has_no_change_point():
    rng = np.random.default_rng(7)
    values = [(200, float(0.8 + rng.normal(0, 0.02))) for _ in range(24)]
    assert change_points(monthly(_nights(values)), "rate").empty


@pytest.mark.parametrize(
    "slope,direction",
    [(0.01, "rising"), (-0.01, "falling"), (0.0, "no trend")],
)
def test_monotonic_trend(slope, direction):
    rng = np.random.default_rng(11)
    values = [(100, 0.6 + slope * m + rng.normal(0, 0.004)) for m in range(24)]
    out = monotonic_trend(monthly(_nights(values)), "rate")
    assert out["direction"].tolist() == [direction]
    assert out["periods"].iloc[0] == 24


def test_saturation_bins_show_a_falling_rate():
    # the rate falls with size by construction: 10 -> 95%, 40 -> 90%, 160 -> 75%, 400 -> 50%
    rows = [(10, 0.95), (40, 0.9), (160, 0.75), (400, 0.5)] * 5
    nights = pd.DataFrame(
        {
            "date": pd.date_range("2024-01-01", periods=len(rows)),
            "family": "drone",
            "launched": [float(a) for a, _ in rows],
            "intercepted": [a * r for a, r in rows],
        }
    )
    nights["rate"] = nights["intercepted"] / nights["launched"]
    table = saturation(nights, bins=4)
    assert table["bin"].tolist() == [1, 2, 3, 4]
    assert table["rate"].tolist() == pytest.approx([0.95, 0.9, 0.75, 0.5])
    assert table["nights"].tolist() == [5, 5, 5, 5]
    test = saturation_test(nights)
    assert test["rho"].iloc[0] == pytest.approx(-1.0)
    assert test["p_value"].iloc[0] < 0.001


def test_monthly_records():
    nights = pd.DataFrame(
        {
            "date": pd.to_datetime(
                ["2024-01-03", "2024-01-20", "2024-02-02", "2024-02-10", "2024-03-05"]
            ),
            "family": "drone",
            "launched": [50.0, 80.0, 120.0, 5.0, 60.0],
            "intercepted": [40.0, 76.0, 90.0, 5.0, 59.0],
        }
    )
    nights["rate"] = nights["intercepted"] / nights["launched"]
    out = monthly_records(nights, min_launched=10)
    largest = out[out["record"] == "largest attack"]
    assert largest["value"].tolist() == [80.0, 120.0, 60.0]
    assert largest["all_time"].tolist() == [False, True, False]
    lowest = out[out["record"] == "lowest rate"]
    assert lowest["date"].dt.strftime("%m-%d").tolist() == ["01-03", "02-02", "03-05"]
    assert lowest["all_time"].tolist() == [False, True, False]  # 0.75 < 0.8; 5-of-5 ignored
    highest = out[out["record"] == "highest rate"]
    assert highest["all_time"].tolist() == [False, False, True]  # 59/60 beats 76/80


def test_night_table_keeps_missing_intercepted_and_refuses_impossible_rates():
    daily = pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-01-01"] * 2 + ["2024-01-02"] * 2 + ["2024-01-03"]),
            "metric": ["launched", "intercepted"] * 2 + ["launched"],
            "weapon": "drone",
            "family": "drone",
            "actor": "russia",
            "value": [10.0, 8.0, 5.0, 9.0, 7.0],
        }
    )
    out = night_table(daily)
    assert out["launched"].tolist() == [10.0, 5.0, 7.0]
    assert out["rate"].iloc[0] == 0.8
    assert math.isnan(out["rate"].iloc[1]) and math.isnan(out["rate"].iloc[2])
