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
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.collections import PolyCollection  # noqa: E402

COLORS = {
    "launched": "#4c72b0",
    "intercepted": "#55a868",
    "lost": "#8172b2",
    "hit": "#c44e52",
    "killed": "#2d2d2d",
    "injured": "#dd8452",
}
# One colour per weapon class (and family) in every chart of every report.
CLASS_COLORS = {
    "drone": "#1b9e77",
    "missile": "#7570b3",
    "cruise_missile": "#d95f02",
    "ballistic_missile": "#e7298a",
    "glide_bomb": "#66a61e",
    "aircraft": "#a6761d",
    "tactical_drone": "#80b1d3",
    "any": "#666666",
}
# The outcome ledger: what became of the launched weapons.
OUTCOME_COLORS = {
    "shot down": "#55a868",
    "lost": "#8172b2",
    "hit": "#c44e52",
    "rest": "#c8c8c8",
}
# "any" (a combined "drones and missiles" figure) gets no panel: it would count them twice.
FAMILIES = ("drone", "missile", "glide_bomb", "aircraft")
FAMILY_OF = {
    "drone": "drone",
    "missile": "missile",
    "cruise_missile": "missile",
    "ballistic_missile": "missile",
    "tactical_drone": "drone",
    "glide_bomb": "glide_bomb",
    "aircraft": "aircraft",
    "any": "any",
}
PERIOD = {"D": "D", "W": "W-MON", "M": "MS"}


def class_color(weapon: str) -> str:
    """The fixed colour of a weapon class or family (grey for anything unknown)."""
    return CLASS_COLORS.get(str(weapon), "#999999")


def choose_freq(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """`D` for spans up to 92 days, `W` up to two years, else `M`."""
    days = (pd.Timestamp(end) - pd.Timestamp(start)).days + 1
    return "D" if days <= 92 else ("W" if days <= 731 else "M")


def period_start(dates: pd.Series, freq: str) -> pd.Series:
    """The first day of each date's period (weeks from Monday, months from the 1st)."""
    d = pd.to_datetime(dates)
    if freq == "D":
        return d.dt.normalize()
    if freq == "W":
        return (d - pd.to_timedelta(d.dt.day_of_week, unit="D")).dt.normalize()
    return d.dt.to_period("M").dt.start_time


def partial_periods(start: pd.Timestamp, end: pd.Timestamp, freq: str) -> set[pd.Timestamp]:
    """The periods the span [start, end] covers only in part (its first and last, or none)."""
    if freq == "D":
        return set()
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    first = period_start(pd.Series([start]), freq).iloc[0]
    last = period_start(pd.Series([end]), freq).iloc[0]
    last_end = last + (pd.Timedelta(days=6) if freq == "W" else pd.offsets.MonthEnd(0))
    out = set()
    if start > first:
        out.add(first)
    if end < last_end:
        out.add(last)
    return out


def _complete(values: pd.Series, freq: str) -> pd.Series:
    """`values` indexed by period start on every period between its first and last: a period
    with no data is NaN, so the line breaks there instead of joining its neighbours."""
    if values.empty:
        return values
    full = pd.date_range(values.index.min(), values.index.max(), freq=PERIOD[freq])
    return values.reindex(full)


def _legend_outside(ax: Axes, **kwargs) -> None:
    """The legend right of the axes, never over the data."""
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, **kwargs)


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
    _legend_outside(ax)
    _dates(ax)
    _source(ax, source)
    return ax


def plot_rate(
    rates: pd.DataFrame,
    *,
    freq: str = "W",
    span: tuple[pd.Timestamp, pd.Timestamp] | None = None,
    ax: Axes | None = None,
    source: str | None = None,
    **kwargs,
) -> Axes:
    """Interception rate per period with its 95% Wilson band, one line per weapon class in its
    fixed colour (dashed for a second firing side). A period with no data breaks the line;
    periods that `span` covers only in part are drawn as hollow markers, not joined."""
    ax = _axes(ax)
    by_actor = "actor" in rates and rates["actor"].nunique() > 1
    partial = partial_periods(*span, freq) if span is not None else set()
    for key, g in rates.groupby(["weapon", "actor"] if by_actor else "weapon", sort=True):
        weapon, actor = key if by_actor else (key, None)
        g = g.assign(period=pd.to_datetime(g["period"])).set_index("period").sort_index()
        whole = g[~g.index.isin(partial)]
        part = g[g.index.isin(partial)]
        color = class_color(weapon)
        label = str(weapon).replace("_", " ") + (f" (fired by {actor})" if actor else "")
        style = "--" if actor == "ukraine" else "-"
        if len(whole):
            rate, low, high = (_complete(whole[c], freq) * 100 for c in ("rate", "low", "high"))
            ax.plot(
                rate.index,
                rate.to_numpy(),
                marker="o",
                markersize=3,
                linewidth=1.2,
                linestyle=style,
                label=label,
                color=color,
                **kwargs,
            )
            ax.fill_between(
                rate.index, low.to_numpy(), high.to_numpy(), alpha=0.18, color=color, linewidth=0
            )
        if len(part):
            ax.scatter(
                part.index,
                part["rate"] * 100,
                s=22,
                facecolors="none",
                edgecolors=color,
                label=None if len(whole) else label,
                zorder=3,
            )
    ax.set_ylim(0, 105)
    ax.set_ylabel("intercepted / launched (%)")
    ax.set_xlabel("event date")
    name = {"D": "Daily", "W": "Weekly", "M": "Monthly"}[freq]
    ax.set_title(
        f"{name} interception rate with 95% interval"
        + (" (hollow: partial period)" if partial & set(pd.to_datetime(rates["period"])) else "")
    )
    _legend_outside(ax)
    _dates(ax)
    _source(ax, source)
    return ax


def plot_family_multiples(
    series: pd.DataFrame,
    *,
    metric: str = "launched",
    freq: str | None = None,
    actor: str = "russia",
    axes=None,
    source: str | None = None,
):
    """Small multiples: one panel per weapon family, one line per class in its fixed colour,
    sums per period (`freq` chosen from the span when None). Returns the array of Axes."""
    s = series[(series["metric"] == metric) & (series["actor"] == actor)].copy()
    s = s[s["weapon"].notna()]
    s["family"] = s["weapon"].astype(str).map(FAMILY_OF)
    families = [f for f in FAMILIES if (s["family"] == f).any()]
    if axes is None:
        n = max(1, len(families))
        fig, axes = plt.subplots(
            n, 1, figsize=(10, 2.3 * n + 0.6), sharex=True, layout="constrained", squeeze=False
        )
        axes = axes[:, 0]
    if not len(s):
        return axes
    start, end = s["date"].min(), s["date"].max()
    freq = freq or choose_freq(start, end)
    partial = partial_periods(start, end, freq)
    s["period"] = period_start(s["date"], freq)
    for ax, family in zip(axes, families, strict=False):
        f = s[s["family"] == family]
        for weapon, g in f.groupby(f["weapon"].astype(str), sort=True):
            v = g.groupby("period")["value"].sum()
            v = v[~v.index.isin(partial)]
            if v.empty:
                continue
            v = _complete(v, freq)
            ax.plot(
                v.index,
                v.to_numpy(),
                marker="o" if freq != "D" else None,
                markersize=2.5,
                linewidth=1.1,
                color=class_color(weapon),
                label=weapon.replace("_", " "),
            )
        ax.set_title(f"{family.replace('_', ' ')}s {metric} per {_UNIT[freq]}", fontsize=10)
        ax.set_ylim(bottom=0)
        _legend_outside(ax, fontsize=8)
        _dates(ax)
    if partial:
        axes[0].figure.suptitle(
            "Partial first/last periods left out", fontsize=8, x=0.01, ha="left"
        )
    _source(axes[0], source)
    return axes


_UNIT = {"D": "day", "W": "week", "M": "month"}


def ledger_periods(ledger: pd.DataFrame, *, freq: str = "M", actor: str = "russia") -> pd.DataFrame:
    """Per period and family: the night ledger of `stats.analysis.outcome_ledger` summed into
    shot down, lost, hit and the rest (still in the air, gone abroad, or unexplained; never
    below zero). A night whose shot-down figure is withheld (a conflict) counts as rest."""
    cols = ["period", "family", "outcome", "value"]
    lg = ledger[ledger["actor"] == actor].copy()
    if lg.empty:
        return pd.DataFrame(columns=cols)
    parts = lg[["shot_down", "lost", "hit"]].fillna(0.0)
    lg["shot down"], lg["lost"], lg["hit"] = parts["shot_down"], parts["lost"], parts["hit"]
    lg["rest"] = (lg["launched"] - parts.sum(axis=1)).clip(lower=0)
    lg["period"] = period_start(lg["date"], freq)
    long = lg.melt(
        id_vars=["period", "family"],
        value_vars=list(OUTCOME_COLORS),
        var_name="outcome",
        value_name="value",
    )
    out = long.groupby(["period", "family", "outcome"], sort=True)["value"].sum().reset_index()
    return out[cols]


def plot_ledger(
    ledger: pd.DataFrame,
    *,
    family: str = "drone",
    freq: str = "M",
    ax: Axes | None = None,
    source: str | None = None,
) -> Axes:
    """Stacked bars per period: shot down, lost, hit, rest (`ledger_periods` in)."""
    ax = _axes(ax)
    ledger = ledger[ledger["family"] == family]
    wide = ledger.pivot_table(index="period", columns="outcome", values="value", aggfunc="sum")
    width = {"D": 0.8, "W": 5.5, "M": 24}[freq]
    bottom = pd.Series(0.0, index=wide.index)
    for outcome, color in OUTCOME_COLORS.items():
        if outcome not in wide:
            continue
        v = wide[outcome].fillna(0.0)
        ax.bar(
            wide.index,
            v.to_numpy(),
            width=width,
            bottom=bottom.to_numpy(),
            color=color,
            label=outcome,
            align="edge",
        )
        bottom = bottom + v
    ax.set_title(
        f"What became of the {family.replace('_', ' ')}s launched, per {_UNIT[freq]} "
        "(whole periods only)"
    )
    ax.set_ylabel("count")
    _legend_outside(ax)
    _dates(ax)
    _source(ax, source)
    return ax


def plot_saturation(
    table: pd.DataFrame, *, ax: Axes | None = None, source: str | None = None
) -> Axes:
    """Pooled rate per attack-size bin and family (`stats.analysis.saturation` in)."""
    ax = _axes(ax, (8, 4))
    for family, g in table.groupby("family", sort=True):
        x = (g["smallest"] + g["largest"]) / 2
        ax.errorbar(
            x,
            g["rate"] * 100,
            yerr=[(g["rate"] - g["low"]) * 100, (g["high"] - g["rate"]) * 100],
            marker="o",
            linewidth=1,
            capsize=3,
            color=class_color(family),
            label=family,
        )
    ax.set_xscale("log")
    ax.set_ylim(0, 105)
    ax.set_xlabel("launched that night (bin midpoint, log scale)")
    ax.set_ylabel("intercepted / launched (%)")
    ax.set_title("Interception rate by size of the night's attack")
    _legend_outside(ax)
    ax.grid(alpha=0.3)
    _source(ax, source)
    return ax


def plot_casualties(
    series: pd.DataFrame, *, ax: Axes | None = None, source: str | None = None, **kwargs
) -> Axes:
    """Killed and injured per day as bars (days with no report are left empty, not zero)."""
    ax = _axes(ax)
    s = series[series["metric"].isin(["killed", "injured"])]
    for offset, metric in ((-0.2, "killed"), (0.2, "injured")):
        m = s[s["metric"] == metric].groupby("date")["value"].sum()
        if m.empty:
            continue
        days = mdates.date2num(pd.DatetimeIndex(m.index)) + offset
        bars(ax, days, m.to_numpy(dtype=float), 0.4, label=metric, color=COLORS[metric], **kwargs)
    ax.xaxis_date()
    ax.set_title("People killed and injured per day, as reported")
    ax.set_ylabel("people")
    ax.set_xlabel("event date")
    _legend_outside(ax)
    _dates(ax)
    _source(ax, source)
    return ax


def bars(ax: Axes, x: np.ndarray, heights: np.ndarray, width: float, **style) -> PolyCollection:
    """Bars centred on `x` as one collection: the look of `ax.bar`, but one artist for a
    thousand days instead of a thousand rectangles to lay out, draw and save twice."""
    x0, x1 = x - width / 2, x + width / 2
    zero = np.zeros_like(heights)
    corners = [(x0, zero), (x0, heights), (x1, heights), (x1, zero)]
    verts = np.stack([np.column_stack(c) for c in corners], axis=1)
    color = style.pop("color", None)
    coll = PolyCollection(verts, facecolors=color, edgecolors="none", **style)
    coll.sticky_edges.y.append(0.0)  # the axis starts at zero, as with ax.bar
    ax.add_collection(coll)
    ax.update_datalim(np.column_stack([np.r_[x0, x1], np.r_[zero, heights]]))
    ax.autoscale_view()
    return coll


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
        with plt.rc_context({"svg.hashsalt": "stats"}):  # SVG ids the same on every run
            ax.figure.savefig(
                target, dpi=130, metadata={"Date": None} if suffix == ".svg" else None
            )
        out.append(target)
    plt.close(ax.figure)
    return out
