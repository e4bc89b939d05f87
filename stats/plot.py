"""Charts: tidy data in, Axes out (`ax=None` draws on a new figure). No `plt.show()` here."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg") if matplotlib.get_backend().lower() not in {
    "agg",
    "module://matplotlib_inline.backend_inline",
} else None
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402

COLORS = {
    "launched": "#4c72b0",
    "intercepted": "#55a868",
    "lost": "#8172b2",
    "hit": "#c44e52",
    "killed": "#2d2d2d",
    "injured": "#dd8452",
}


def _axes(ax: Axes | None, size: tuple[float, float] = (10, 4)) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def _dates(ax: Axes) -> None:
    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.grid(axis="y", alpha=0.3)


def _source(ax: Axes, source: str | None) -> None:
    """A source line under the chart, with room made for it by the layout engine."""
    if not source:
        return
    fig = ax.figure
    fig.text(0.01, 0.01, source, fontsize=7, color="#555555", ha="left", va="bottom", wrap=True)
    engine = fig.get_layout_engine()
    if engine is not None and hasattr(engine, "set"):
        engine.set(rect=(0, 0.08, 1, 0.92))


def plot_launched_intercepted(
    series: pd.DataFrame,
    *,
    family: str = "drone",
    actor: str = "russia",
    ax: Axes | None = None,
    source: str | None = None,
    **kwargs,
) -> Axes:
    """Daily launched and intercepted for one weapon family (tidy daily series in)."""
    ax = _axes(ax)
    s = series[(series["family"] == family) & (series["actor"] == actor)]
    for metric in ("launched", "intercepted"):
        m = s[s["metric"] == metric].groupby("date")["value"].sum()
        if m.empty:
            continue
        # Every calendar day on the axis: a day with no report is a gap in the line, not a
        # straight line drawn across it.
        m = m.reindex(pd.date_range(m.index.min(), m.index.max(), freq="D"))
        ax.plot(
            m.index,
            m.values,
            marker="o",
            markersize=3,
            linewidth=1,
            label=metric,
            color=COLORS[metric],
            **kwargs,
        )
    ax.set_title(
        f"{family.replace('_', ' ').capitalize()}s launched and intercepted per day ({actor})"
    )
    ax.set_ylabel("count per day")
    ax.set_xlabel("event date")
    ax.legend(loc="upper left", frameon=False)
    _dates(ax)
    _source(ax, source)
    return ax


def plot_rate(
    rates: pd.DataFrame, *, ax: Axes | None = None, source: str | None = None, **kwargs
) -> Axes:
    """Interception rate per period with its 95% Wilson band, one line per weapon (and per
    firing side, when `rates` holds more than one `actor`)."""
    ax = _axes(ax)
    by_actor = "actor" in rates and rates["actor"].nunique() > 1
    for key, g in rates.groupby(["weapon", "actor"] if by_actor else "weapon", sort=True):
        weapon, actor = key if by_actor else (key, None)
        g = g.sort_values("period")
        x = pd.to_datetime(g["period"])
        label = str(weapon).replace("_", " ") + (f" (fired by {actor})" if actor else "")
        (line,) = ax.plot(
            x,
            g["rate"] * 100,
            marker="o",
            markersize=3,
            linewidth=1,
            label=label,
            **kwargs,
        )
        ax.fill_between(
            x, g["low"] * 100, g["high"] * 100, alpha=0.2, color=line.get_color(), linewidth=0
        )
    ax.set_ylim(0, 105)
    ax.set_ylabel("intercepted / launched (%)")
    ax.set_xlabel("event date")
    ax.set_title("Interception rate with 95% Wilson interval")
    ax.legend(loc="best", frameon=False)
    _dates(ax)
    _source(ax, source)
    return ax


def plot_casualties(
    series: pd.DataFrame, *, ax: Axes | None = None, source: str | None = None, **kwargs
) -> Axes:
    """Killed and injured per day as bars (days with no report are left empty, not zero)."""
    ax = _axes(ax)
    s = series[series["metric"].isin(["killed", "injured"])]
    width = 0.8
    for offset, metric in ((-0.2, "killed"), (0.2, "injured")):
        m = s[s["metric"] == metric].groupby("date")["value"].sum()
        if m.empty:
            continue
        ax.bar(
            m.index + pd.to_timedelta(offset, unit="D"),
            m.values,
            width=width / 2,
            label=metric,
            color=COLORS[metric],
            **kwargs,
        )
    ax.set_title("People killed and injured per day, as reported")
    ax.set_ylabel("people")
    ax.set_xlabel("event date")
    ax.legend(loc="upper left", frameon=False)
    _dates(ax)
    _source(ax, source)
    return ax


def plot_agreement(
    compare: pd.DataFrame, *, ax: Axes | None = None, source: str | None = None, **kwargs
) -> Axes:
    """Text-derived value against the dataset's value for the same night (one dot each)."""
    ax = _axes(ax, (5.5, 5))
    for metric, g in compare.groupby("metric", sort=True):
        ax.scatter(
            g["dataset"],
            g["text"],
            s=18,
            label=str(metric),
            color=COLORS.get(str(metric)),
            alpha=0.8,
            **kwargs,
        )
    top = (
        float(max(compare["dataset"].max(), compare["text"].max(), 1)) * 1.05
        if len(compare)
        else 1.0
    )
    ax.plot([0, top], [0, top], color="#999999", linewidth=0.8, linestyle="--", label="agreement")
    ax.set_xlim(0, top)
    ax.set_ylim(0, top)
    ax.set_xlabel("air-force dataset (sum of the night's rows)")
    ax.set_ylabel("value from text")
    ax.set_title("Text-derived vs dataset values per night")
    ax.legend(loc="upper left", frameon=False)
    ax.grid(alpha=0.3)
    _source(ax, source)
    return ax


def save(ax: Axes, path: Path) -> list[Path]:
    """Save the Axes' figure as PNG and SVG beside each other (`path` without suffix)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    out = []
    for suffix in (".png", ".svg"):
        target = path.with_suffix(suffix)
        ax.figure.savefig(target, dpi=130, metadata={"Date": None} if suffix == ".svg" else None)
        out.append(target)
    plt.close(ax.figure)
    return out
