"""Chart functions: tidy data in, the Axes out (drawn on the one given), gaps kept as gaps."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402
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
    bars = [path.vertices for c in ax.collections for path in c.get_paths()]
    assert sorted(v[:, 1].max() - v[:, 1].min() for v in bars) == [3, 9]
    nov2 = mdates.date2num(pd.Timestamp("2024-11-02"))
    assert sorted(round((v[:, 0].min() + v[:, 0].max()) / 2 - nov2, 6) for v in bars) == [
        -0.2,
        0.2,
    ]  # that day only
    assert sorted(c.get_label() for c in ax.collections) == ["injured", "killed"]
    plt.close(ax.figure)


def test_save_writes_png_and_svg(tmp_path):
    ax = plot.plot_agreement(AGREEMENT)
    paths = plot.save(ax, tmp_path / "chart")
    assert sorted(p.suffix for p in paths) == [".png", ".svg"]
    assert all(p.stat().st_size > 0 for p in paths)


@pytest.mark.parametrize(
    "start,end,freq",
    [
        ("2024-11-01", "2024-11-30", "D"),
        ("2024-09-01", "2024-12-01", "D"),  # 92 days
        ("2024-09-01", "2024-12-02", "W"),
        ("2023-01-01", "2024-12-31", "W"),
        ("2022-09-28", "2026-05-17", "M"),
    ],
)
def test_granularity_follows_the_span(start, end, freq):
    assert plot.choose_freq(pd.Timestamp(start), pd.Timestamp(end)) == freq


@pytest.mark.parametrize(
    "start,end,freq,partial",
    [
        ("2024-11-04", "2024-11-17", "W", set()),  # Monday to Sunday: whole weeks
        ("2024-11-06", "2024-11-17", "W", {"2024-11-04"}),
        ("2024-11-04", "2024-11-20", "W", {"2024-11-18"}),
        ("2024-09-01", "2024-11-30", "M", set()),
        ("2024-09-15", "2024-11-10", "M", {"2024-09-01", "2024-11-01"}),
        ("2024-09-15", "2024-11-10", "D", set()),
    ],
)
def test_partial_periods(start, end, freq, partial):
    got = plot.partial_periods(pd.Timestamp(start), pd.Timestamp(end), freq)
    assert {p.strftime("%Y-%m-%d") for p in got} == partial


def _segments(line):
    """(x0, x1) of every drawn segment: consecutive points that are both finite."""
    xs = list(pd.to_datetime(line.get_xdata()))
    ys = list(line.get_ydata())
    return [
        (xs[i], xs[i + 1])
        for i in range(len(ys) - 1)
        if not (math.isnan(ys[i]) or math.isnan(ys[i + 1]))
    ]


GAPPY = pd.DataFrame(
    {
        # weeks of 2024-01-01 and 2024-01-08, then nothing until 2024-03-04 and 2024-03-11
        "period": ["2024-01-01", "2024-01-08", "2024-03-04", "2024-03-11"],
        "weapon": "glide_bomb",
        "actor": "russia",
        "rate": [0.1, 0.2, 0.3, 0.4],
        "low": [0.0, 0.1, 0.2, 0.3],
        "high": [0.2, 0.3, 0.4, 0.5],
    }
)


def test_no_rate_segment_spans_weeks_without_data():
    ax = plot.plot_rate(GAPPY, freq="W")
    (line,) = ax.get_lines()
    segments = _segments(line)
    assert len(segments) == 2  # Jan 1 -> Jan 8 and Mar 4 -> Mar 11, nothing across the gap
    assert all((b - a).days == 7 for a, b in segments)
    plt.close(ax.figure)


def test_no_small_multiple_segment_spans_months_without_data():
    s = daily(
        [
            ("2023-01-05", "launched", "drone", "russia", 10),
            ("2023-02-05", "launched", "drone", "russia", 20),
            ("2023-06-05", "launched", "drone", "russia", 30),
            ("2023-07-05", "launched", "drone", "russia", 40),
            ("2025-01-05", "launched", "drone", "russia", 40),
        ]
    )
    axes = plot.plot_family_multiples(s, freq="M")
    (line,) = axes[0].get_lines()
    for a, b in _segments(line):
        assert (b.to_period("M") - a.to_period("M")).n == 1
    plt.close(axes[0].figure)


def _colors(ax):
    return {line.get_label(): matplotlib.colors.to_hex(line.get_color()) for line in ax.get_lines()}


def test_a_class_has_the_same_colour_in_every_chart():
    one = RATES.assign(weapon=["drone", "drone", "cruise_missile"], actor="russia")
    two = RATES.assign(weapon=["glide_bomb", "cruise_missile", "ballistic_missile"], actor="russia")
    a, b = plot.plot_rate(one), plot.plot_rate(two)
    ca, cb = _colors(a), _colors(b)
    assert ca["cruise missile"] == cb["cruise missile"] == plot.CLASS_COLORS["cruise_missile"]
    assert ca["drone"] == plot.CLASS_COLORS["drone"]
    assert len(set(cb.values())) == 3
    plt.close(a.figure)
    plt.close(b.figure)


def test_partial_weeks_are_hollow_markers_not_line_points():
    ax = plot.plot_rate(
        GAPPY, freq="W", span=(pd.Timestamp("2024-01-03"), pd.Timestamp("2024-03-17"))
    )
    (line,) = ax.get_lines()
    assert len([y for y in line.get_ydata() if not math.isnan(y)]) == 3  # Jan 1 week left out
    assert len(ax.collections[-1].get_offsets()) == 1  # ... and drawn hollow
    plt.close(ax.figure)


def test_legend_sits_outside_the_axes():
    ax = plot.plot_rate(GAPPY, freq="W")
    ax.figure.canvas.draw()
    legend = ax.get_legend().get_window_extent()
    assert legend.x0 >= ax.get_window_extent().x1
    plt.close(ax.figure)


def test_ledger_periods_split_launched():
    ledger = pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-11-01", "2024-11-02", "2024-12-01"]),
            "family": "drone",
            "actor": "russia",
            "launched": [100.0, 50.0, 10.0],
            "shot_down": [70.0, float("nan"), 4.0],  # the 2nd: a conflict, withheld
            "lost": [20.0, 45.0, 4.0],
            "left": [0.0, 0.0, 0.0],
            "hit": [float("nan"), 0.0, 1.0],
            "unexplained": [10.0, 5.0, 1.0],
        }
    )
    table = plot.ledger_periods(ledger, freq="M")
    nov = table[table["period"] == "2024-11-01"].set_index("outcome")["value"].to_dict()
    assert nov == {"shot down": 70.0, "lost": 65.0, "hit": 0.0, "rest": 15.0}
    ax = plot.plot_ledger(table, freq="M")
    assert sum(p.get_height() for p in ax.patches) == 160.0  # every launch, once
    plt.close(ax.figure)
