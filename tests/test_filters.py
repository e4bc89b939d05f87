"""--since/--until, --weapon, --actor and --wide: the filters and the wide table, and the CLI
that names a bad option in its own message."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from stats.analysis.filters import filter_facts, keep_fact, wide_series
from stats.cli import app
from stats.facts import Fact

SEEDS = str(Path(__file__).resolve().parent.parent / "seeds")


def fact(day, weapon="drone", actor="russia", metric="launched"):
    return Fact(
        doc="d",
        published=day,
        event_date=day,
        metric=metric,
        weapon=weapon,
        weapon_model=None,
        value=5.0,
        value_max=None,
        qualifier="exact",
        actor=actor,
        claimed_by=None,
        location=None,
        scope="event",
        subgroup=None,
        start=0,
        end=1,
        text="5",
        sentence="5 drones",
    )


D = date(2024, 11, 13)


@pytest.mark.parametrize(
    "f,filters,kept",
    [
        (fact(D), {}, True),
        (fact(D), {"since": D}, True),
        (fact(D), {"since": date(2024, 11, 14)}, False),
        (fact(D), {"until": date(2024, 11, 12)}, False),
        (fact(None), {"since": D}, False),  # no event date: not in any window
        (fact(D, "cruise_missile"), {"weapon": "missile"}, True),  # a family keeps its classes
        (fact(D, "missile"), {"weapon": "cruise_missile"}, False),
        (fact(D, "drone"), {"weapon": "missile"}, False),
        (fact(D, None, metric="killed"), {"weapon": "drone"}, False),
        (fact(D, actor="ukraine"), {"actor": "russia"}, False),
        (fact(D, actor=None), {"actor": "russia"}, False),
    ],
)
def test_keep_fact(f, filters, kept):
    assert keep_fact(f, **filters) is kept
    assert filter_facts([f], **filters) == ([f] if kept else [])


def test_wide_series_one_row_per_period_blank_is_no_report():
    long = pd.DataFrame(
        {
            "period": ["2024-11-01", "2024-11-01", "2024-12-01"],
            "metric": ["launched", "intercepted", "launched"],
            "weapon": ["drone", "drone", "drone"],
            "actor": "russia",
            "value": [100.0, 80.0, 50.0],
        }
    )
    table = wide_series(long)
    assert table["period"].tolist() == ["2024-11-01", "2024-12-01"]
    assert table["launched drone russia"].tolist() == [100.0, 50.0]
    assert table["intercepted drone russia"].isna().tolist() == [False, True]


runner = CliRunner()


@pytest.mark.parametrize(
    "args,option",
    [
        (["series", SEEDS, "--freq", "Q"], "--freq"),
        (["series", SEEDS, "--format", "xlsx"], "--format"),
        (["series", SEEDS, "--weapon", "laser"], "--weapon"),
        (["report", SEEDS, "--actor", "nobody"], "--actor"),
        (["series", SEEDS, "--since", "13/11/2024"], "--since"),
    ],
)
def test_a_bad_option_is_named(args, option):
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert option in result.output
    assert "Traceback" not in result.output


def test_series_filters_and_wide(tmp_path):
    out = tmp_path / "s.csv"
    args = ["series", SEEDS, "--freq", "M", "--since", "2024-11-01", "--until", "2024-11-30"]
    result = runner.invoke(app, [*args, "--weapon", "missile", "--wide", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out)
    assert table["period"].tolist() == ["2024-11-01"]
    weapons = {c.split(" ")[1] for c in table.columns if c != "period"}
    assert weapons <= {"missile", "cruise_missile", "ballistic_missile"}
