"""`stats report`: facts -> series -> rates and views -> charts -> report.html, report.md, CSVs.

The report opens with generated headline sentences (`headline`), each number linking to the
facts it rests on; then charts, per-oblast, per-model, trend and change-point sections, and a
fact table that scales (JSON rows rendered by a small inline script). Every piece of document
text is escaped (`html.escape`, and JSON with `</` escaped inside the script element).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import pandas as pd

from stats import plot
from stats.analysis import (
    RATE_COLUMNS,
    interception_rates,
    outcome_ledger,
    outcome_rates,
)
from stats.analysis.models import nights_of_models, per_model
from stats.analysis.nights import night_table
from stats.analysis.records import monthly_records
from stats.analysis.regions import dataset_regions, per_region
from stats.analysis.saturation import saturation, saturation_test
from stats.analysis.trends import change_points, monotonic_trend, monthly
from stats.atomic import atomic_dir
from stats.csvsafe import neutralise_frame
from stats.facts import Fact
from stats.pipeline import Account, Run
from stats.report_facts import TABLE_FACTS, CsvFeed, FactDigest
from stats.report_js import CSS, FACT_COLUMNS, SCRIPT
from stats.report_series import SeriesDigest
from stats.series import resample
from stats.series.build import build_series_stream
from stats.series.values import MERGE_COLUMNS
from stats.sources import REPORT_MARKER

ATTRIBUTION = (
    "Air-force dataset: “Massive Missile Attacks on Ukraine” (Petro Ivaniuk), as republished by "
    "the UA AirDefense Tracker, ODC-BY 1.0; primary source: Air Force Command of the Armed Forces "
    "of Ukraine."
)
DATASET_PREFIX = "missile_attacks_daily"
FAMILY_WORDS = {
    "drone": ("drone", "drones"),
    "missile": ("missile", "missiles"),
    "glide_bomb": ("glide bomb", "glide bombs"),
    "aircraft": ("aircraft", "aircraft"),
    "any": ("weapon", "weapons"),
}


def seeds_dir() -> Path:
    """The bundled corpus: shipped inside the package, or `seeds/` beside it in a checkout."""
    shipped = Path(str(resources.files("stats") / "_seeds"))
    if shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parent.parent / "seeds"


def display_path(origin: str, inputs: list[str] | None) -> str:
    """`origin` relative to the input it came from ("seeds/news/a.txt"), never an absolute
    install path; the bundled corpus shows as `seeds/...`."""
    path_part, sep, row = origin.partition(":") if ":" in Path(origin).name else (origin, "", "")
    p = Path(path_part)
    roots = [Path(i) for i in (inputs or []) if i != "-"] + [seeds_dir()]
    for root in roots:
        try:
            rel = p.resolve().relative_to(root.resolve())
        except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
            continue
        base = "seeds" if root.resolve() == seeds_dir().resolve() else str(root).rstrip("/")
        shown = (Path(base) / rel).as_posix() if root.is_dir() or rel != Path(".") else base
        return shown + (sep + row if sep else "")
    return origin


@dataclass(frozen=True)
class Analysis:
    """Everything the report shows, as tidy frames. `facts` holds the page's fact table (the
    first `FactDigest.limit` facts); `n_facts` counts them all."""

    facts: pd.DataFrame
    merges: pd.DataFrame  # the first LIMIT merges (`n_merges` counts them)
    multi: pd.DataFrame  # the first LIMIT candidates of nights several sources reported
    chosen: pd.DataFrame
    daily: pd.DataFrame
    rates_daily: pd.DataFrame
    rates_monthly: pd.DataFrame
    rates_all: pd.DataFrame
    agreement: pd.DataFrame
    explain: pd.DataFrame = field(default_factory=pd.DataFrame)  # conflicts, tallies left out
    conflicts: pd.DataFrame = field(default_factory=pd.DataFrame)  # intercepted above launched
    ledger: pd.DataFrame = field(default_factory=pd.DataFrame)  # outcome ledger per night
    outcomes_monthly: pd.DataFrame = field(default_factory=pd.DataFrame)
    outcomes_all: pd.DataFrame = field(default_factory=pd.DataFrame)  # the two rates, whole span
    nights: pd.DataFrame = field(default_factory=pd.DataFrame)
    models: pd.DataFrame = field(default_factory=pd.DataFrame)
    regions: pd.DataFrame = field(default_factory=pd.DataFrame)
    n_facts: int = 0
    dataset_rows: int = 0  # the dataset's rows (documents) among the facts
    bulletins: int = 0  # the national bulletins those rows come from
    n_merges: int = 0
    n_multi: int = 0


Dataset = pd.DataFrame | Callable[[], pd.DataFrame | None] | None


def analyse(
    facts: Run | Iterable[Fact],
    dataset: Dataset = None,
    *,
    digest: FactDigest | None = None,
    series: SeriesDigest | None = None,
    tuples: bool = False,
) -> Analysis:
    """The series build (stats.series), rates, the outcome ledger, the text-vs-dataset table
    and the analysis views of a run or a stream of its facts (one document's together).

    The facts are read once, chunk by chunk (`build_series_stream`); `digest` keeps what the
    views need of them (and may write facts.csv), `series` what they need of the per-source
    values and candidates, month by month (and may write candidates.csv after). `dataset` may
    be a function, called once the stream is read (the files a stream read are known only
    then). With `tuples`, the stream holds `fact_values` tuples, not facts."""
    if isinstance(facts, Run):
        facts, tuples = facts.facts, False  # a Run holds Fact objects
    digest = digest if digest is not None else FactDigest()
    if series is None:
        with closing(SeriesDigest(LIMIT)) as own:
            return analyse(facts, dataset, digest=digest, series=own, tuples=tuples)
    built = build_series_stream(
        facts, freq="M", keep=False, on_frame=digest.add, on_batch=series.add, tuples=tuples
    )
    rec, daily = built.reconciled, built.daily
    if callable(dataset):
        dataset = dataset()
    ledger = outcome_ledger(rec.records)
    conflicts = pd.concat(
        [
            rec.conflicts.assign(period=rec.conflicts["event_date"], level="night"),
            built.conflicts.assign(level="month"),
        ],
        ignore_index=True,
    )
    region_rows = [digest.regions()]
    if dataset is not None and len(dataset):
        region_rows.insert(0, dataset_regions(dataset))
    regions = pd.concat([r for r in region_rows if len(r)] or [region_rows[0]], ignore_index=True)
    return Analysis(
        facts=digest.table(),
        merges=_or_empty(series.merges, MERGE_COLUMNS),
        multi=_or_empty(series.multi, rec.candidates.columns),
        chosen=rec.chosen,
        daily=daily,
        rates_daily=interception_rates(daily, freq="D"),
        rates_monthly=interception_rates(daily, freq="M", by="weapon"),
        rates_all=interception_rates(daily, freq=None),
        agreement=series.agreement(),
        explain=built.explain,
        conflicts=conflicts,
        ledger=ledger,
        outcomes_monthly=outcome_rates(ledger, freq="M"),
        outcomes_all=outcome_rates(ledger, freq=None),
        nights=night_table(daily),
        models=per_model(nights_of_models(digest.models())),
        regions=regions,
        n_facts=digest.n_facts,
        dataset_rows=len(digest.dataset_docs),
        bulletins=len(digest.bulletins),
        n_merges=series.n_merges,
        n_multi=series.n_multi,
    )


def _or_empty(frame: pd.DataFrame | None, columns) -> pd.DataFrame:
    return pd.DataFrame(columns=list(columns)) if frame is None else frame


def dataset_frame(run: Run | Account, since=None, until=None) -> pd.DataFrame | None:
    """The air-force dataset rows the run read (its CSV files, told by their header, read
    again by pandas for the place columns), limited to the dates given."""
    from stats.sources.airforce import is_airforce_header

    files = sorted((run if isinstance(run, Account) else Account.of(run)).files)
    frames = []
    for f in files:
        try:
            with open(f, encoding="utf-8-sig", newline="") as fh:
                header = fh.readline().strip().split(",")
            if is_airforce_header(header):
                frames.append(pd.read_csv(f, dtype=str, keep_default_na=False))
        except (OSError, ValueError, UnicodeDecodeError, pd.errors.ParserError):
            continue
    if not frames:
        return None
    ds = pd.concat(frames, ignore_index=True)
    day = pd.to_datetime(ds["time_end"].str.strip().str[:10], errors="coerce", format="%Y-%m-%d")
    keep = pd.Series(True, index=ds.index)
    if since is not None:
        keep &= day >= pd.Timestamp(since)
    if until is not None:
        keep &= day <= pd.Timestamp(until)
    return ds[keep].reset_index(drop=True)


# --- headline -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Num:
    """A number in a headline sentence and the facts-table filter that shows its evidence."""

    value: float
    text: str
    evidence: tuple[tuple[str, str], ...]
    section: str = "documents"  # where a number without facts-table evidence points

    @property
    def href(self) -> str:
        if not self.evidence:
            return "#" + self.section
        return "#f:" + "&".join(f"{k}={v}" for k, v in self.evidence)


@dataclass(frozen=True)
class Headline:
    """Sentences (text and `Num` parts) and the named values they state, for tests."""

    sentences: tuple[tuple[str | Num, ...], ...]
    values: dict[str, float]


def _n(v: float) -> str:
    return f"{v:,.0f}"


def _pct(v: float) -> str:
    return f"{v:.1%}"


def _day(ts) -> str:
    return f"{pd.Timestamp(ts):%-d %B %Y}"


def two_rates(outcomes: pd.DataFrame, family: str) -> dict[str, tuple]:
    """Shot down and neutralised for one family fired by Russia over the whole span, from
    `stats.analysis.outcome_rates(ledger, freq=None)`: (k, n, rate, low, high, nights)."""
    o = outcomes[(outcomes["family"] == family) & (outcomes["actor"] == "russia")]
    if o.empty:
        return {}
    r = o.iloc[0]
    return {
        name: (
            float(r[col]),
            float(r["launched"]),
            float(r[f"{col}_rate"]),
            float(r[f"{col}_low"]),
            float(r[f"{col}_high"]),
            int(r["nights"]),
        )
        for name, col in (("shot down", "shot_down"), ("neutralised", "neutralised"))
    }


def headline(
    a: Analysis, run: Run | Account, *, documents: int, bulletins: int, dataset_rows: int = 0
) -> Headline:
    """The report's opening sentences, generated from the series; every number a `Num`."""
    values: dict[str, float] = {}
    sents: list[tuple[str | Num, ...]] = []
    d = a.daily
    if d.empty:
        sents.append(
            (
                "No dated figures were found in the ",
                Num(documents, _n(documents), ()),
                " documents given.",
            )
        )
        return Headline(tuple(sents), {"documents": documents})
    start, end = d["date"].min(), d["date"].max()
    nights_with = d["date"].nunique()
    values["nights"] = float(nights_with)
    span = (("from", f"{start:%Y-%m-%d}"), ("to", f"{end:%Y-%m-%d}"))
    sents.append(
        (
            f"From {_day(start)} to {_day(end)}, the sources report figures for ",
            Num(nights_with, _n(nights_with), span),
            " nights.",
        )
    )
    launched = d[(d["metric"] == "launched") & (d["actor"] == "russia") & d["family"].notna()]
    # "any" (a combined "drones and missiles" figure) would count the families twice.
    launched = launched[launched["family"] != "any"]
    totals = launched.groupby("family")["value"].sum().sort_values(ascending=False)
    parts: list[str | Num] = []
    for i, (family, v) in enumerate(totals.items()):
        values[f"launched {family}"] = float(v)
        one, many = FAMILY_WORDS.get(family, (family, family))
        nights_f = launched[launched["family"] == family]["date"].nunique()
        if i:
            parts.append(" and " if i == len(totals) - 1 else ", ")
        parts += [
            Num(v, _n(v), (("metric", "launched"), ("family", family), ("actor", "russia"), *span)),
            f" {one if v == 1 else many} (on {nights_f} night{'s' if nights_f != 1 else ''})",
        ]
    if parts:
        sents.append(("Russia launched ", *parts, "."))
    for family in totals.index[:2]:
        rates = two_rates(a.outcomes_all, family)
        if not rates:
            continue
        _, many = FAMILY_WORDS.get(family, (family, family))
        ev = (("family", family), ("actor", "russia"), *span)
        bits: list[str | Num] = [f"Of the {many} launched on nights with a shot-down figure, "]
        for j, (name, (k, m, r, lo, hi, nn)) in enumerate(rates.items()):
            values[f"{name} {family}"] = r
            metric = "intercepted" if name == "shot down" else "lost"
            if j:
                bits.append("; ")
            bits += [
                Num(r, _pct(r), (("metric", metric), *ev)),
                f" were {name} (95% interval {_pct(lo)}–{_pct(hi)}, bootstrap over nights; {_n(k)} of {_n(m)} over {nn} nights)",
            ]
        sents.append((*bits, "."))
    attack = launched[launched["family"].isin(["drone", "missile"])]
    per_night = attack.pivot_table(index="date", columns="family", values="value", aggfunc="sum")
    per_night = per_night.reindex(columns=["drone", "missile"])
    per_night["total"] = per_night.sum(axis=1)
    top = per_night.reset_index().sort_values(["total", "date"], ascending=[False, True]).head(3)
    if len(top):
        bits = ["The largest attacks (drones and missiles of one night): "]
        for j, r in enumerate(top.itertuples(index=False)):
            values[f"largest {j + 1}"] = float(r.total)
            if j:
                bits.append(", ")
            split = ", ".join(
                f"{_n(v)} {FAMILY_WORDS[f][1]}"
                for f, v in (("drone", r.drone), ("missile", r.missile))
                if pd.notna(v)
            )
            bits += [
                Num(
                    r.total,
                    _n(r.total),
                    (("metric", "launched"), ("date", f"{r.date:%Y-%m-%d}"), ("actor", "russia")),
                ),
                f" on {_day(r.date)} ({split})",
            ]
        sents.append((*bits, "."))
    change = biggest_change(a.nights)
    if change is not None:
        family, what, period, before, after = change
        _, many = FAMILY_WORDS.get(family, (family, family))
        values["change after"] = after
        ev = (
            ("metric", "launched"),
            ("family", family),
            ("actor", "russia"),  # biggest_change reads Russia's launches only
            ("from", f"{period:%Y-%m-%d}"),
        )
        if what == "rate":
            sents.append(
                (
                    f"The biggest change: from {period:%B %Y} the monthly share of {many} shot down moved from {_pct(before)} to ",
                    Num(after, _pct(after), ev),
                    ".",
                )
            )
        else:
            sents.append(
                (
                    f"The biggest change: from {period:%B %Y} {many} launched per month moved from about {_n(before)} to ",
                    Num(after, _n(after), ev),
                    ".",
                )
            )
    differs = a.agreement[a.agreement["status"] == "differs"] if len(a.agreement) else a.agreement
    conflict_nights = int(differs["event_date"].nunique()) if len(differs) else 0
    values["documents"] = float(documents)
    values["bulletins"] = float(bulletins)
    values["dataset rows"] = float(dataset_rows)
    values["conflict nights"] = float(conflict_nights)
    sents.append(
        (
            "These numbers rest on ",
            Num(documents, _n(documents), ()),
            " documents, of which ",
            Num(dataset_rows, _n(dataset_rows), (("claimant", "Ukrainian air force"),)),
            " are rows of the air-force dataset from ",
            Num(bulletins, _n(bulletins), (("claimant", "Ukrainian air force"),)),
            " national bulletins; on ",
            Num(conflict_nights, _n(conflict_nights), (), "agreement"),
            " nights a text figure differs from the dataset (listed first in the comparison below).",
        )
    )
    return Headline(tuple(sents), values)


def biggest_change(nights: pd.DataFrame):
    """(family, "rate" or "launched", period, before, after) of the largest relative change
    point in monthly launches or rate among the families fired by Russia, or None."""
    n = nights[nights["actor"] == "russia"] if len(nights) else nights
    if n.empty:
        return None
    m = monthly(n)
    best = None
    for what in ("launched", "rate"):
        cps = change_points(m, what)
        for r in cps.itertuples(index=False):
            rel = (
                abs(r.change) / max(abs(r.before), 1e-9)
                if what == "launched"
                else abs(r.change) * 2
            )
            if best is None or rel > best[0]:
                best = (rel, (r.family, what, pd.Timestamp(r.period), r.before, r.after))
    return best[1] if best else None


def headline_html(h: Headline) -> str:
    out = []
    for s in h.sentences:
        bits = []
        for p in s:
            if isinstance(p, Num):
                bits.append(
                    f"<a class='ev' href='{html.escape(p.href, quote=True)}'>{html.escape(p.text)}</a>"
                )
            else:
                bits.append(html.escape(p))
        out.append("<p>" + "".join(bits) + "</p>")
    return "<div class='headline' id='headline'>" + "".join(out) + "</div>"


def headline_text(h: Headline) -> list[str]:
    return ["".join(p.text if isinstance(p, Num) else p for p in s) for s in h.sentences]


# --- charts -------------------------------------------------------------------------------


def _charts(a: Analysis, out: Path, source: str) -> dict[str, list[Path]]:
    charts: dict[str, list[Path]] = {}
    d = a.daily
    if d.empty:
        return charts
    start, end = d["date"].min(), d["date"].max()
    freq = plot.choose_freq(start, end)
    if ((d["metric"] == "launched") & (d["actor"] == "russia") & d["weapon"].notna()).any():
        axes = plot.plot_family_multiples(d, metric="launched", freq=freq, source=source)
        charts["launched per family and class"] = plot.save(axes[0], out / "launched_by_family")
    # One line per family (classes are in the tables): Russia's attacks; Russian claims in tables.
    weekly = interception_rates(d, freq=freq, by="family")
    weekly = weekly[(weekly["actor"] == "russia") & weekly["weapon"].isin(plot.FAMILIES)]
    few = weekly["few"].astype(bool) if "few" in weekly else pd.Series(False, index=weekly.index)
    weekly = weekly[~few]  # a rate on a handful of launches is not one to publish
    if len(weekly):
        ax = plot.plot_rate(
            weekly,
            freq=freq,
            span=(start, end),
            source=source
            + " Sums of the days with both figures; weapons fired by Russia; periods with fewer"
            " than 30 launches left out.",
        )
        charts["interception rate per family"] = plot.save(ax, out / "interception_rate")
    ledger_freq = "D" if freq == "D" else ("W" if freq == "W" else "M")
    ledger = plot.ledger_periods(a.ledger, freq=ledger_freq)
    ledger = ledger[~ledger["period"].isin(plot.partial_periods(start, end, ledger_freq))]
    for family in ("drone", "missile"):
        if (ledger["family"] == family).any():
            ax = plot.plot_ledger(ledger, family=family, freq=ledger_freq, source=source)
            charts[f"outcome ledger, {family}s"] = plot.save(ax, out / f"ledger_{family}")
    sat = saturation(a.nights[a.nights["actor"] == "russia"])
    if len(sat):
        ax = plot.plot_saturation(sat, source=source)
        charts["rate by size of attack"] = plot.save(ax, out / "saturation")
    if d["metric"].isin(["killed", "injured"]).any():
        ax = plot.plot_casualties(d, source=source)
        charts["casualties"] = plot.save(ax, out / "casualties")
    if not a.agreement.empty:
        ax = plot.plot_agreement(a.agreement, source=source)
        charts["text vs dataset"] = plot.save(ax, out / "text_vs_dataset")
    return charts


# --- tables -------------------------------------------------------------------------------


def _fmt(v) -> str:
    if v is None or v is pd.NaT or (isinstance(v, float) and pd.isna(v)):
        return ""
    if isinstance(v, pd.Timestamp):
        return v.strftime("%Y-%m-%d")
    if isinstance(v, float):
        return f"{v:.3f}" if not v.is_integer() else f"{v:,.0f}"
    return str(v)


Table = tuple[list[str], list[list[str]]]


def _table(df: pd.DataFrame, cols: list[str], limit: int | None = None) -> Table:
    view = df if limit is None else df.head(limit)
    return cols, [[_fmt(r[c]) for c in cols] for _, r in view.iterrows()]


@dataclass(frozen=True)
class Section:
    heading: str
    anchor: str
    note: str
    table: Table | None = None
    row_class: str | None = None  # a column whose value becomes the row's class


def _html_table(table: Table, row_class: str | None = None) -> str:
    cols, rows = table
    head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
    idx = cols.index(row_class) if row_class in cols else None
    body = []
    for r in rows:
        cls = (
            f" class='{html.escape(r[idx].replace(' ', '-'), quote=True)}'"
            if idx is not None
            else ""
        )
        body.append(f"<tr{cls}>" + "".join(f"<td>{html.escape(x)}</td>" for x in r) + "</tr>")
    return (
        f"<div class='scroll'><table><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


_MD_SPECIAL = re.compile(r"([\\`*_\[\]()!#|~<>])")


def _md_text(x: str) -> str:
    """Text as Markdown that renders as the same text: no HTML, links, images or emphasis."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(x, quote=False)).replace("\n", " ")


def _md_table(table: Table) -> str:
    cols, rows = table

    def cell(x: str) -> str:
        return _md_text(x)

    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    lines += ["| " + " | ".join(cell(x) for x in r) + " |" for r in rows]
    return "\n".join(lines)


def fact_rows(facts: pd.DataFrame) -> list[dict]:
    """The fact table's rows as JSON-ready dicts (text facts first, then dataset rows)."""
    if facts.empty:
        return []
    is_ds = facts["dataset"].astype(bool)
    ordered = pd.concat([facts[~is_ds], facts[is_ds]])
    rows = []
    for i, r in enumerate(ordered.itertuples(index=False)):
        value = float(r.value)
        rows.append(
            {
                "i": i,
                "date": f"{r.event_date:%Y-%m-%d}" if pd.notna(r.event_date) else "",
                "metric": str(r.metric),
                "weapon": "" if pd.isna(r.weapon) else str(r.weapon),
                "family": "" if pd.isna(r.family) else str(r.family),
                "model": ""
                if r.weapon_model is None or pd.isna(r.weapon_model)
                else str(r.weapon_model),
                "value": int(value) if value.is_integer() else value,
                "qualifier": str(r.qualifier),
                "actor": "" if pd.isna(r.actor) else str(r.actor),
                "claimant": ""
                if r.claimed_by is None or pd.isna(r.claimed_by)
                else str(r.claimed_by),
                "location": "" if r.location is None or pd.isna(r.location) else str(r.location),
                "scope": str(r.scope),
                "doc": str(r.doc),
                "text": str(r.text),
                "sentence": str(r.sentence),
            }
        )
    return rows


def script_json(value) -> str:
    """JSON safe inside a <script> element: `<`, `>` and `&` as \\u escapes, so no document
    text can close the element or open a comment."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


LIMIT = 500  # rows of a section table in the page; the CSV files hold every row


def _shown(n: int, csv: str | None) -> str:
    if n <= LIMIT:
        return f"All {n:,} rows."
    return f"The first {LIMIT:,} of {n:,} rows" + (f"; all are in {csv}." if csv else ".")


def _sections(a: Analysis, account: Account, inputs: list[str] | None) -> list[Section]:
    out: list[Section] = []
    if len(a.agreement):
        ag = a.agreement.assign(_first=(a.agreement["status"] != "differs").astype(int))
        ag = ag.sort_values(["_first", "event_date", "metric"], kind="stable")
        counts = a.agreement["status"].value_counts().to_dict()
        out.append(
            Section(
                "Text vs air-force dataset",
                "agreement",
                "Every text-derived value beside the national bulletin's figure of the same "
                "definition (the night window, strike weapons); rows that differ first ("
                + ", ".join(f"{k}: {v}" for k, v in counts.items())
                + "). "
                + _shown(len(ag), "agreement.csv"),
                _table(
                    ag,
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
                    limit=LIMIT,
                ),
                row_class="status",
            )
        )
    if len(a.conflicts):
        out.append(
            Section(
                "Conflicts: intercepted above launched",
                "conflicts",
                "Nights whose record has more intercepted than launched (the intercepted figure is "
                "withheld from the series) and months whose sums do. "
                + _shown(len(a.conflicts), "candidates.csv"),
                _table(
                    a.conflicts,
                    [
                        "level",
                        "period",
                        "family_key",
                        "family",
                        "actor",
                        "launched",
                        "intercepted",
                        "why",
                    ],
                    limit=LIMIT,
                ),
            )
        )
    regions = per_region(a.regions)
    if len(regions):
        out.append(
            Section(
                "Per oblast and region",
                "regions",
                "From the dataset's `target` (value: launched toward the region), `affected region` "
                "(value: nights hit) and `destroyed_details` (value: destroyed per sector; NaN sectors "
                "left out), and from the facts' locations (value: the sum of their figures).",
                _table(regions, ["region", "source", "nights", "value", "first", "last"], limit=60),
            )
        )
    if len(a.models):
        out.append(
            Section(
                "Per weapon model",
                "models",
                "Launches and the share of the night's attack per model (dataset rows when the run has "
                "them); the rate over nights with both figures, 95% Wilson interval.",
                _table(
                    a.models,
                    [
                        "model",
                        "weapon",
                        "nights",
                        "launched",
                        "intercepted",
                        "rate",
                        "low",
                        "high",
                        "median_share",
                    ],
                ),
            )
        )
    russia = a.nights[a.nights["actor"] == "russia"] if len(a.nights) else a.nights
    if len(russia):
        m = monthly(russia)
        trends = pd.concat(
            [
                monotonic_trend(m, "launched").assign(measure="launched per month"),
                monotonic_trend(m, "rate").assign(measure="monthly rate"),
            ],
            ignore_index=True,
        )
        out.append(
            Section(
                "Trends",
                "trends",
                "Kendall's tau of each monthly measure against time (Mann-Kendall test, scipy); "
                "a direction only where p < 0.05.",
                _table(
                    trends,
                    ["family", "measure", "start", "end", "periods", "tau", "p_value", "direction"],
                ),
            )
        )
        cps = pd.concat(
            [
                change_points(m, "launched").assign(measure="launched per month"),
                change_points(m, "rate").assign(measure="monthly rate"),
            ],
            ignore_index=True,
        )
        out.append(
            Section(
                "Change points",
                "change-points",
                "Months where the mean of the monthly measure shifts (ruptures, PELT with a "
                "noise-scaled penalty).",
                _table(cps, ["family", "measure", "period", "before", "after", "change"]),
            )
        )
        sat = saturation(russia)
        test = saturation_test(russia)
        note = "; ".join(
            f"{r.family}: Spearman rho {r.rho:.2f} (p {r.p_value:.3g}, {r.nights} nights)"
            for r in test.itertuples(index=False)
            if pd.notna(r.rho)
        )
        out.append(
            Section(
                "Saturation: rate by size of the night's attack",
                "saturation",
                "Nights in four bins by launched count, rate pooled per bin. " + note,
                _table(
                    sat,
                    [
                        "family",
                        "bin",
                        "smallest",
                        "largest",
                        "nights",
                        "launched",
                        "intercepted",
                        "rate",
                        "low",
                        "high",
                    ],
                ),
            )
        )
        rec = monthly_records(russia)
        out.append(
            Section(
                "Month-on-month records",
                "records",
                "Each month's largest attack and its highest and lowest night rates (nights with at "
                "least 10 launched); `all_time` marks a month that beat every earlier month.",
                _table(rec, ["month", "family", "record", "date", "value", "launched", "all_time"]),
            )
        )
    if len(a.rates_monthly):
        out.append(
            Section(
                "Interception rate per month and weapon class",
                "rates",
                "Sums over the days on which both launched and intercepted are known; 95% interval "
                "(a seeded bootstrap over days; Wilson for a single day).",
                _table(a.rates_monthly, [*RATE_COLUMNS, "excluded_days", "interval", "few"]),
            )
        )
    if len(a.outcomes_monthly):
        out.append(
            Section(
                "Shot down and neutralised per month and family",
                "outcomes",
                "Shot down / launched and (shot down + lost to electronic warfare) / launched over "
                "the nights with both figures; 95% bootstrap interval over nights (Wilson for one "
                "night); `few`: fewer than 30 launches; `definition`: what the dataset's destroyed "
                "means (shot down or suppressed from 2025-07-24). See docs/series.md.",
                _table(a.outcomes_monthly, list(a.outcomes_monthly.columns)),
            )
        )
    multi = a.multi
    if len(multi):
        out.append(
            Section(
                "Reconciliation: days reported by several sources",
                "reconciliation",
                "One record stands per night, weapon family and actor, its weapon figures taken "
                "together from one source: a consistent source first, then one giving launched and "
                "intercepted together, then the claimant's rank (air force first), exact over "
                "hedged, the latest published; a metric taken from another source is marked "
                "mixed. Casualty figures: the latest published toll stands. "
                + _shown(a.n_multi, "candidates.csv"),
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
                    limit=LIMIT,
                ),
            )
        )
    if len(a.merges):
        out.append(
            Section(
                "Repeated mentions merged",
                "merges",
                "A number restated inside one document is counted once (the largest figure stands). "
                + _shown(a.n_merges, None),
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
                    limit=LIMIT,
                ),
            )
        )
    n_inputs = account.documents + len(account.skipped)
    quiet = [[d.id, display_path(d.origin, inputs), d.reason or ""] for d in account.quiet[:LIMIT]]
    quiet += [
        [p.stem, display_path(str(p), inputs), "skipped: not a document type"]
        for p in account.skipped[: LIMIT - len(quiet)]
    ]
    n_quiet = account.empty + len(account.skipped)
    out.append(
        Section(
            "Documents",
            "documents",
            f"{account.documents:,} documents read ({account.errors:,} unreadable, "
            f"{account.empty:,} with no facts), {len(account.skipped):,} "
            f"files skipped; {n_quiet:,} of {n_inputs:,} inputs gave no facts"
            + (":" if n_quiet <= LIMIT else f"; the first {LIMIT:,}:"),
            (["doc", "origin", "reason"], quiet),
        )
    )
    return out


# --- writing ------------------------------------------------------------------------------


def write_report(
    run: Run,
    out: Path,
    *,
    title: str = "stats report",
    inputs: list[str] | None = None,
    dataset: Dataset = None,
    made: str | None = None,
) -> Path:
    """Write report.html (self-contained), report.md, facts.csv, series.csv, candidates.csv,
    agreement.csv and the charts into `out`, whole or not at all (`atomic_dir`)."""
    account = Account.of(run)
    return write_stream_report(
        run.facts, account, out, title=title, inputs=inputs, dataset=dataset, made=made
    )


def write_stream_report(
    facts: Iterable[Fact],
    account: Account,
    out: Path,
    *,
    title: str = "stats report",
    inputs: list[str] | None = None,
    dataset: Dataset = None,
    made: str | None = None,
    table_facts: int = TABLE_FACTS,
    feed: CsvFeed | None = None,
    tuples: bool = False,
) -> Path:
    """`write_report` from a stream of facts (one document's together) in bounded memory:
    facts.csv is written as they come (from `feed`, when the workers encoded the same facts'
    rows), the page's fact table holds the first `table_facts` (`FactDigest.limit`). `account`
    is filled as the stream is read (`Account.add`); the dataset, when not given, is read from
    the files it names. With `tuples`, the stream holds `fact_values` tuples, not facts."""
    out = Path(out)
    if dataset is None:
        dataset = lambda: dataset_frame(account)  # noqa: E731 - called after the stream
    with atomic_dir(out) as stage:
        (stage / REPORT_MARKER).write_text("written by stats report; never read as input\n")
        with (
            open(stage / "facts.csv", "w", encoding="utf-8", newline="") as fh,
            closing(SeriesDigest(LIMIT)) as series,
        ):
            digest = FactDigest(fh, table_facts, feed)
            a = analyse(facts, dataset, digest=digest, series=series, tuples=tuples)
            digest.close()
            with open(stage / "candidates.csv", "w", encoding="utf-8", newline="") as cands:
                series.write_candidates(cands, a.explain)
        head = headline(
            a,
            account,
            documents=account.documents,
            bulletins=a.bulletins,
            dataset_rows=a.dataset_rows,
        )
        source = "Source: stats, from the documents listed in this report." + (
            " " + ATTRIBUTION if a.dataset_rows else ""
        )
        made = made or datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        charts = _charts(a, stage, source)
        neutralise_frame(resample(a.daily, "D")).to_csv(stage / "series.csv", index=False)
        neutralise_frame(a.agreement).to_csv(stage / "agreement.csv", index=False)
        sections = _sections(a, account, inputs)
        rows = fact_rows(a.facts)
        _write_html(
            stage / "report.html", title, made, head, charts, sections, rows, source, a.n_facts
        )
        _write_md(
            stage / "report.md", title, made, head, charts, sections, stage, source, a.n_facts
        )
    return out / "report.html"


def _script_hash() -> str:
    """The CSP source of the one inline script: any other script (injected or not) is refused."""
    digest = hashlib.sha256(SCRIPT.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _write_html(path, title, made, head, charts, sections, rows, source, n_facts) -> None:
    e = html.escape
    toc = (
        " ".join(f"<a href='#{s.anchor}'>{e(s.heading)}</a>" for s in sections)
        + " <a href='#facts'>Every fact</a>"
    )
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width,initial-scale=1'>"
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; img-src data:; "
        f"style-src 'unsafe-inline'; script-src '{_script_hash()}'\">"
        f"<title>{e(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        headline_html(head),
        f"<p class='note'>Generated {e(made)}. {e(source)}</p>",
        f"<nav class='toc'>{toc}</nav>",
        "<h2 id='charts'>Charts</h2>",
    ]
    for name, files in charts.items():
        png = next(f for f in files if f.suffix == ".png")
        data = base64.b64encode(png.read_bytes()).decode("ascii")
        parts.append(
            f"<figure><img alt='{e(name, quote=True)}' src='data:image/png;base64,{data}'>"
            f"<figcaption>{e(name)}</figcaption></figure>"
        )
    for s in sections:
        parts.append(
            f"<h2 id='{e(s.anchor, quote=True)}'>{e(s.heading)}</h2><p class='note'>{e(s.note)}</p>"
        )
        if s.table:
            parts.append(_html_table(s.table, s.row_class))
    selects = "".join(
        f"<select id='facts-filter-{k}' aria-label='{label}'><option value=''>any {label}</option></select>"
        for k, label in (
            ("metric", "metric"),
            ("weapon", "weapon"),
            ("actor", "actor"),
            ("claimant", "claimant"),
            ("doc", "document"),
        )
    )
    parts.append(
        "<h2 id='facts'>Every fact, with the sentence that states it</h2>"
        "<p class='note'>Search, filter and sort (click a heading); a headline number's link shows "
        f"the facts behind it. {_table_note(len(rows), n_facts)}</p>"
        "<div class='controls'><input id='facts-search' type='search' placeholder='search sentences, documents, places' size='32'>"
        "<label>from <input id='facts-from' type='date'></label><label>to <input id='facts-to' type='date'></label>"
        f"{selects}<button id='facts-reset' type='button'>reset</button></div>"
        "<div class='controls pager'><span id='facts-count'></span><button id='facts-prev' type='button'>previous</button>"
        "<span id='facts-page'></span><button id='facts-next' type='button'>next</button></div>"
        "<div class='scroll' style='max-height:640px'><table id='facts-table'><thead><tr></tr></thead><tbody></tbody></table></div>"
        f"<script type='application/json' id='facts-data'>{script_json(rows)}</script>"
        f"<script type='application/json' id='facts-columns'>{script_json(FACT_COLUMNS)}</script>"
        f"<script>{SCRIPT}</script></body></html>"
    )
    path.write_text("".join(parts), encoding="utf-8")


def _table_note(shown: int, n_facts: int) -> str:
    """What the page's fact table holds of all the facts."""
    if shown >= n_facts:
        return "All facts are in facts.csv."
    return (
        f"This table holds the first {shown:,} of {n_facts:,} facts (text facts first); "
        "all are in facts.csv, and a headline number's link shows only the facts held here."
    )


def _write_md(path, title, made, head, charts, sections, out, source, n_facts) -> None:
    parts = [
        f"# {_md_text(title)}",
        "",
        *(s + "\n" for s in headline_text(head)),
        f"Generated {made}. {source}",
        "",
        "## Charts",
        "",
    ]
    for name, files in charts.items():
        png = next(f for f in files if f.suffix == ".png")
        parts += [f"![{name}]({png.relative_to(out).as_posix()})", ""]
    for s in sections:
        parts += [f"## {s.heading}", "", s.note, ""]
        if s.table:
            parts += [_md_table(s.table), ""]
    parts += ["## Every fact", "", f"{n_facts:,} facts: see facts.csv.", ""]
    path.write_text("\n".join(parts), encoding="utf-8")
