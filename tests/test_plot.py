"""Chart functions: tidy data in, the Axes out (drawn on the one given), gaps kept as gaps."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from stats import plot  # noqa: E402


def daily(rows):
    """A tidy daily series: (date, metric, family, actor, value) rows."""
    df = pd.DataFrame(rows, columns=["date", "metric", "family", "actor", "value"])
    df["date"] = pd.to_datetime(df["date"])
    df["weapon"] = df["family"]
    return df


SERIES = daily(
    [
        ("2024-11-01", "launched", "drone", "russia", 50),
        ("2024-11-01", "intercepted", "drone", "russia", 40),
        ("2024-11-04", "launched", "drone", "russia", 70),
        ("2024-11-04", "intercepted", "drone", "russia", 60),
        ("2024-11-02", "killed", None, "russia", 3),
        ("2024-11-02", "injured", None, "russia", 9),
    ]
)
RATES = pd.DataFrame(
    {
        "period": pd.to_datetime(["2024-11-04", "2024-11-11", "2024-11-11"]),
        "weapon": ["drone", "drone", "missile"],
        "actor": ["russia", "russia", "ukraine"],
        "rate": [0.8, 0.7, 0.5],
        "low": [0.7, 0.6, 0.2],
        "high": [0.9, 0.8, 0.8],
    }
)
AGREEMENT = pd.DataFrame(
    {"metric": ["launched", "intercepted"], "text": [90.0, 37.0], "dataset": [90.0, 40.0]}
)


@pytest.mark.parametrize(
    "draw,data,lines",
    [
        (plot.plot_launched_intercepted, SERIES, 2),  # launched, intercepted
        (plot.plot_rate, RATES, 2),  # drone (russia), missile (ukraine)
        (plot.plot_agreement, AGREEMENT, 1),  # the agreement diagonal
    ],
)
def test_draws_on_the_axes_given_and_returns_it(draw, data, lines):
    fig, ax = plt.subplots()
    assert draw(data, ax=ax, source="test source") is ax
    assert len(ax.get_lines()) == lines
    assert ax.get_title()
    assert any("test source" in t.get_text() for t in fig.texts + ax.texts)
    plt.close(fig)


def test_a_day_with_no_report_is_a_gap_not_a_line():
    ax = plot.plot_launched_intercepted(SERIES)
    launched = next(line for line in ax.get_lines() if line.get_label() == "launched")
    ys = list(launched.get_ydata())
    assert len(ys) == 4  # 1 to 4 November
    assert ys[0] == 50 and ys[3] == 70
    assert math.isnan(ys[1]) and math.isnan(ys[2])
    plt.close(ax.figure)


def test_rate_lines_name_the_firing_side_when_there_are_two():
    ax = plot.plot_rate(RATES)
    labels = sorted(line.get_label() for line in ax.get_lines())
    assert labels == ["drone (fired by russia)", "missile (fired by ukraine)"]
    plt.close(ax.figure)


def test_casualties_are_bars_on_reported_days_only():
    ax = plot.plot_casualties(SERIES)
    heights = sorted(p.get_height() for p in ax.patches)
    assert heights == [3, 9]
    plt.close(ax.figure)


def test_save_writes_png_and_svg(tmp_path):
    ax = plot.plot_agreement(AGREEMENT)
    paths = plot.save(ax, tmp_path / "chart")
    assert sorted(p.suffix for p in paths) == [".png", ".svg"]
    assert all(p.stat().st_size > 0 for p in paths)
