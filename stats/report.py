"""`stats report`: facts -> series -> rates -> charts -> report.html, report.md and CSVs."""

from __future__ import annotations

import base64
import html
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import pandas as pd

from stats import plot
from stats.analysis import RATE_COLUMNS, interception_rates, text_vs_dataset
from stats.atomic import atomic_dir
from stats.csvsafe import neutralise_frame
from stats.pipeline import Run
from stats.series import (
    daily_series,
    explain_table,
    facts_frame,
    reconcile,
    resample,
    source_values,
)

ATTRIBUTION = (
    "Air-force dataset: “Massive Missile Attacks on Ukraine” (Petro Ivaniuk), as republished by "
    "the UA AirDefense Tracker, ODC-BY 1.0; primary source: Air Force Command of the Armed Forces "
    "of Ukraine."
)


def seeds_dir() -> Path:
    """The bundled corpus: shipped inside the package, or `seeds/` beside it in a checkout."""
    shipped = Path(str(resources.files("stats") / "_seeds"))
    if shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parent.parent / "seeds"


@dataclass(frozen=True)
class Analysis:
    """Everything the report shows, as tidy frames."""

    facts: pd.DataFrame
    values: pd.DataFrame
    merges: pd.DataFrame
    candidates: pd.DataFrame
    chosen: pd.DataFrame
    daily: pd.DataFrame
    rates_daily: pd.DataFrame
    rates_monthly: pd.DataFrame
    rates_all: pd.DataFrame
    agreement: pd.DataFrame


def analyse(run: Run) -> Analysis:
    """Frames, reconciled series, rates and the text-vs-dataset table of one run."""
    facts = facts_frame(run.facts)
    sv = source_values(facts)
    rec = reconcile(sv.values)
    daily = daily_series(rec.chosen)
    return Analysis(
        facts=facts,
        values=sv.values,
        merges=sv.merges,
        candidates=rec.candidates,
        chosen=rec.chosen,
        daily=daily,
        rates_daily=interception_rates(daily, freq="D"),
        rates_monthly=interception_rates(daily, freq="M", by="weapon"),
        rates_all=interception_rates(daily, freq=None),
        agreement=text_vs_dataset(sv.values),
    )


def _charts(a: Analysis, out: Path, source: str) -> dict[str, list[Path]]:
    charts: dict[str, list[Path]] = {}
    for family in ("drone", "missile"):
        if ((a.daily["family"] == family) & (a.daily["metric"] == "launched")).any():
            ax = plot.plot_launched_intercepted(a.daily, family=family, source=source)
            charts[f"{family}s launched and intercepted"] = plot.save(
                ax, out / f"launched_intercepted_{family}"
            )
    if not a.rates_daily.empty:
        weekly = interception_rates(a.daily, freq="W")
        weekly = weekly[
            weekly["actor"] == "russia"
        ]  # Russia's attacks; Russian claims are in the tables
        ax = plot.plot_rate(
            weekly,
            source=source + " Weekly sums of days with both figures; weapons fired by Russia.",
        )
        charts["weekly interception rate"] = plot.save(ax, out / "interception_rate")
    if a.daily["metric"].isin(["killed", "injured"]).any():
        ax = plot.plot_casualties(a.daily, source=source)
        charts["casualties"] = plot.save(ax, out / "casualties")
    if not a.agreement.empty:
        ax = plot.plot_agreement(a.agreement, source=source)
        charts["text vs dataset"] = plot.save(ax, out / "text_vs_dataset")
    return charts


def _table(
    df: pd.DataFrame, cols: list[str], limit: int | None = None
) -> tuple[list[str], list[list[str]]]:
    rows = []
    view = df if limit is None else df.head(limit)
    for _, r in view.iterrows():
        rows.append([_fmt(r[c]) for c in cols])
    return cols, rows


def _fmt(v) -> str:
    if v is None or (isinstance(v, float) and pd.isna(v)) or v is pd.NaT:
        return ""
    if isinstance(v, pd.Timestamp):
        return v.strftime("%Y-%m-%d")
    if isinstance(v, float):
        return f"{v:.3f}" if not v.is_integer() else f"{v:,.0f}"
    return str(v)


def _html_table(cols: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(x)}</td>" for x in r) + "</tr>" for r in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]()!#|~])")


def _md_text(x: str) -> str:
    """Text as Markdown that renders as the same text: no HTML, links, images or emphasis."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(x, quote=False)).replace("\n", " ")


def _md_table(cols: list[str], rows: list[list[str]]) -> str:
    def cell(x: str) -> str:
        return _md_text(x)

    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    lines += ["| " + " | ".join(cell(x) for x in r) + " |" for r in rows]
    return "\n".join(lines)


def write_report(
    run: Run, out: Path, *, title: str = "stats report", fact_limit: int = 5000
) -> Path:
    """Write report.html (self-contained), report.md, facts.csv, series.csv and the charts.

    The folder is built beside `out` and swapped in whole (`stats.atomic.atomic_dir`): a killed
    run leaves the old report or none. A marker file keeps stats from reading it as input."""
    from stats.sources import REPORT_MARKER

    with atomic_dir(out) as stage:
        (stage / REPORT_MARKER).write_text("written by stats report; not read as input\n")
        _write_report(run, stage, title=title, fact_limit=fact_limit)
    return out / "report.html"


def _write_report(run: Run, out: Path, *, title: str, fact_limit: int) -> None:
    a = analyse(run)
    has_dataset = (
        a.values["source_unit"].astype(str).str.startswith("missile_attacks_daily").any()
        if len(a.values)
        else False
    )
    source = "Source: stats, from the documents listed in this report." + (
        " " + ATTRIBUTION if has_dataset else ""
    )
    charts = _charts(a, out, source)

    neutralise_frame(a.facts.drop(columns=["source_unit"])).to_csv(out / "facts.csv", index=False)
    series = resample(a.daily, "D")
    neutralise_frame(series).to_csv(out / "series.csv", index=False)
    neutralise_frame(explain_table(a.candidates)).to_csv(out / "candidates.csv", index=False)
    neutralise_frame(a.agreement).to_csv(out / "agreement.csv", index=False)

    sections: list[tuple[str, str, tuple[list[str], list[list[str]]] | None]] = []
    n_docs = len(run.documents)
    n_err = len(run.errors)
    text_facts = a.facts[~a.facts["source_unit"].str.startswith("missile_attacks_daily")]
    span = a.daily["date"]
    summary = [
        ["documents given", f"{n_docs:,}"],
        ["documents unreadable", f"{n_err:,}"],
        ["documents with no facts", f"{sum(1 for d in run.documents if d.facts == 0):,}"],
        ["facts", f"{len(a.facts):,} ({len(text_facts):,} from text)"],
        ["facts without a resolvable event date", f"{int(a.facts['event_date'].isna().sum()):,}"],
        [
            "facts that are period or running totals (not in daily series)",
            f"{int((a.facts['scope'] != 'event').sum()):,}",
        ],
        [
            "days in the series",
            f"{span.nunique():,}"
            + (f" ({span.min():%Y-%m-%d} to {span.max():%Y-%m-%d})" if len(span) else ""),
        ],
        [
            "restated mentions merged",
            f"{int(a.merges['n_mentions'].sum() - len(a.merges)) if len(a.merges) else 0:,}",
        ],
        [
            "days and figures reported by several sources",
            f"{int((a.chosen['n_sources'] > 1).sum()) if len(a.chosen) else 0:,}",
        ],
    ]
    for _, r in a.rates_all.iterrows():
        summary.append(
            [
                f"interception rate, {r['weapon']} ({r['actor']})",
                f"{r['rate']:.1%} (95% CI {r['low']:.1%}–{r['high']:.1%}; {r['intercepted']:,.0f} of {r['launched']:,.0f} over {r['days']} days)",
            ]
        )
    sections.append(("Summary", "", (["measure", "value"], summary)))
    if not a.rates_monthly.empty:
        sections.append(
            (
                "Interception rate per month and weapon class",
                "Sums over the days on which both launched and intercepted are known; 95% Wilson interval.",
                _table(a.rates_monthly, [*RATE_COLUMNS, "excluded_days"]),
            )
        )
    if not a.agreement.empty:
        counts = a.agreement["status"].value_counts().to_dict()
        note = ", ".join(f"{k}: {v}" for k, v in counts.items())
        sections.append(
            (
                "Text vs air-force dataset",
                f"Every text-derived value for a night the dataset covers ({note}).",
                _table(
                    a.agreement.sort_values(["event_date", "metric"]),
                    [
                        "event_date",
                        "metric",
                        "family",
                        "doc",
                        "claimed_by",
                        "qualifier",
                        "text",
                        "dataset",
                        "difference",
                        "status",
                        "why",
                    ],
                ),
            )
        )
    multi = (
        a.candidates[
            a.candidates.duplicated(["event_date", "metric", "family_key", "actor"], keep=False)
        ]
        if len(a.candidates)
        else a.candidates
    )
    if len(multi):
        sections.append(
            (
                "Reconciliation: days reported by several sources",
                "One value stands per day, metric, weapon family and actor: air force first, then exact over hedged figures, then the latest published. Every candidate is listed.",
                _table(
                    multi,
                    [
                        "event_date",
                        "metric",
                        "family_key",
                        "actor",
                        "docs",
                        "claimed_by",
                        "qualifier",
                        "value",
                        "chosen",
                        "reason",
                    ],
                ),
            )
        )
    if len(a.merges):
        sections.append(
            (
                "Repeated mentions merged",
                "A number restated inside one document is counted once (the largest figure stands).",
                _table(
                    a.merges,
                    [
                        "source_unit",
                        "event_date",
                        "metric",
                        "weapon",
                        "n_mentions",
                        "kept_value",
                        "texts",
                    ],
                ),
            )
        )
    quiet = [[d.id, d.origin, d.reason or ""] for d in run.documents if d.facts == 0]
    quiet += [[p.stem, str(p), "skipped: not a document type"] for p in run.skipped]
    sections.append(
        (
            "Documents that gave no facts",
            f"{len(quiet)} of {n_docs + len(run.skipped)} inputs.",
            (["doc", "origin", "reason"], quiet),
        )
    )
    fact_cols = [
        "doc",
        "event_date",
        "metric",
        "weapon",
        "weapon_model",
        "value",
        "qualifier",
        "actor",
        "claimed_by",
        "location",
        "scope",
        "subgroup",
        "text",
        "sentence",
    ]
    ordered = pd.concat([text_facts, a.facts.drop(text_facts.index)])
    shown = min(len(ordered), fact_limit)
    sections.append(
        (
            "Every fact, with the sentence that states it",
            f"{shown:,} of {len(ordered):,} facts shown (text first); all are in facts.csv.",
            _table(ordered, fact_cols, limit=fact_limit),
        )
    )

    made = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    _write_html(out / "report.html", title, made, charts, sections, source)
    _write_md(out / "report.md", title, made, charts, sections, out, source)


_CSS = """body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;font-size:12px;margin:1em 0}td,th{border:1px solid #ddd;padding:3px 6px;vertical-align:top}
th{background:#f4f4f4}img{max-width:100%}.note{color:#555}"""


def _write_html(path: Path, title: str, made: str, charts, sections, source: str) -> None:
    parts = [
        f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title><style>{_CSS}</style></head><body>"
    ]
    parts.append(
        f"<h1>{html.escape(title)}</h1><p class='note'>Generated {html.escape(made)}. {html.escape(source)}</p>"
    )
    summary = sections[0]
    parts.append(f"<h2>{html.escape(summary[0])}</h2>" + _html_table(*summary[2]))
    parts.append("<h2>Charts</h2>")
    for name, files in charts.items():
        png = next(f for f in files if f.suffix == ".png")
        data = base64.b64encode(png.read_bytes()).decode("ascii")
        parts.append(
            f"<figure><img alt='{html.escape(name)}' src='data:image/png;base64,{data}'><figcaption>{html.escape(name)}</figcaption></figure>"
        )
    for heading, note, table in sections[1:]:
        parts.append(f"<h2>{html.escape(heading)}</h2><p class='note'>{html.escape(note)}</p>")
        if table:
            parts.append(_html_table(*table))
    parts.append("</body></html>")
    path.write_text("".join(parts), encoding="utf-8")


def _write_md(path: Path, title: str, made: str, charts, sections, out: Path, source: str) -> None:
    parts = [f"# {_md_text(title)}", "", f"Generated {made}. {source}", ""]
    summary = sections[0]
    parts += [f"## {summary[0]}", "", _md_table(*summary[2]), "", "## Charts", ""]
    for name, files in charts.items():
        png = next(f for f in files if f.suffix == ".png")
        parts += [f"![{name}]({png.relative_to(out).as_posix()})", ""]
    for heading, note, table in sections[1:]:
        parts += [f"## {heading}", "", note, ""]
        if table:
            parts += [_md_table(*table), ""]
    path.write_text("\n".join(parts), encoding="utf-8")
