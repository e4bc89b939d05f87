"""Facts -> tidy frame -> one value per source and day -> reconciled daily series -> periods.

The path from a fact to a series value, and every choice on the way, is kept:

1. `facts_frame`: one row per fact, proper dtypes.
2. `source_values`: per source (a document, or a whole structured dataset), event date, metric,
   weapon family and actor, ONE value. Restated mentions inside a source are merged (the
   largest figure per weapon class stands, so a revised death toll "rose to 12" wins over an
   earlier 8); a family's value is the larger of its generic figure ("six missiles") and the sum
   of its named classes ("two cruise and four ballistic missiles"). `merges` lists every merge.
3. `reconcile`: several sources for one (day, metric, family, actor) -> one value, by a
   documented, configurable rule (`Rule`); every candidate and the reason are kept.
4. `daily_series` / `resample`: long tidy series; a day with no report is absent (NaN in a
   wide view), never zero.
Only `scope == "event"` facts with a known event date enter the series.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from stats.facts import (
    ACTORS,
    CASUALTY_METRICS,
    FACT_FIELDS,
    FAMILY,
    METRICS,
    QUALIFIERS,
    SCOPES,
    WEAPONS,
    Fact,
)

DATASET_PREFIXES = ("missile_attacks_daily",)
_GENERIC = {
    "missile": "missile",
    "drone": "drone",
    "glide_bomb": "glide_bomb",
    "aircraft": "aircraft",
    "any": "any",
}


def facts_frame(facts: Iterable[Fact]) -> pd.DataFrame:
    """One row per fact with the columns of FACTS.md plus `family` and `source_unit`.

    Dates are datetime64, the enums categoricals; `source_unit` groups a dataset's rows into
    one source (its file), and leaves each text document its own source.
    """
    rows = [f.to_dict() for f in facts]
    df = pd.DataFrame(rows, columns=list(FACT_FIELDS))
    for col in ("published", "event_date"):
        df[col] = pd.to_datetime(df[col], errors="coerce")
    df["value"] = pd.to_numeric(df["value"], errors="coerce").astype(float)
    df["value_max"] = pd.to_numeric(df["value_max"], errors="coerce").astype(float)
    df["family"] = df["weapon"].map(FAMILY)
    cats = {
        "metric": METRICS,
        "weapon": WEAPONS,
        "family": tuple(dict.fromkeys(FAMILY.values())),
        "qualifier": QUALIFIERS,
        "scope": SCOPES,
        "actor": ACTORS,
    }
    for col, values in cats.items():
        df[col] = pd.Categorical(df[col], categories=list(values))
    df["source_unit"] = df["doc"].astype(str).map(_source_unit)
    for col in ("doc", "text", "sentence"):
        df[col] = df[col].astype(str)
    return df


def _source_unit(doc: str) -> str:
    head, sep, _ = doc.partition(":")
    return head if sep and head.startswith(DATASET_PREFIXES) else doc


def is_dataset_unit(unit: str) -> bool:
    return str(unit).startswith(DATASET_PREFIXES)


_KEY = ["event_date", "metric", "family_key", "actor"]


def _family_key(df: pd.DataFrame) -> pd.Series:
    """Weapon family for weapon metrics; "all" for casualties and troops (weapon not compared)."""
    fam = df["family"].astype(object)
    other = df["metric"].astype(str).isin(CASUALTY_METRICS | {"troops"})
    return fam.where(~other, "all").fillna("unknown")


@dataclass(frozen=True)
class SourceValues:
    """Per (source, day, metric, family, actor): the value, its class breakdown and what merged."""

    values: pd.DataFrame  # source_unit, event_date, metric, family_key, actor, value, qualifier, claimed_by, published, breakdown, models, facts, docs
    merges: pd.DataFrame  # source_unit, key..., n_mentions, kept_value, texts


def source_values(frame: pd.DataFrame) -> SourceValues:
    """One value per source and key; restated mentions merged and listed."""
    df = frame[
        (frame["scope"] == "event") & frame["event_date"].notna() & frame["subgroup"].isna()
    ].copy()
    cols = [
        "source_unit",
        *_KEY,
        "value",
        "qualifier",
        "claimed_by",
        "published",
        "breakdown",
        "models",
        "facts",
        "docs",
    ]
    if df.empty:
        return SourceValues(
            pd.DataFrame(columns=cols),
            pd.DataFrame(columns=["source_unit", *_KEY, "n_mentions", "kept_value", "texts"]),
        )
    df["family_key"] = _family_key(df)
    df["weapon_key"] = df["weapon"].astype(object).fillna("all")
    # A generic class with a named model ("a Kh-59 guided missile") is a list item of its own,
    # not a total of the named classes beside it.
    named_generic = df["weapon_key"].isin(set(_GENERIC.values())) & df["weapon_model"].notna()
    df.loc[named_generic, "weapon_key"] = (
        df.loc[named_generic, "weapon_key"]
        + "|"
        + df.loc[named_generic, "weapon_model"].astype(str)
    )
    df["actor"] = df["actor"].astype(object).fillna("unknown")
    df["metric"] = df["metric"].astype(str)
    is_ds = df["source_unit"].map(is_dataset_unit)

    rows, merges = [], []
    for key, g in df.groupby(["source_unit", *_KEY], sort=True, observed=True):
        unit = key[0]
        per_class: dict[str, float] = {}
        for weapon, gw in g.groupby("weapon_key", sort=True):
            if is_ds.loc[gw.index].all():
                per_class[weapon] = float(gw["value"].sum())  # dataset rows are separate waves
            else:
                per_class[weapon] = float(gw["value"].max())  # restated mentions: largest stands
                if len(gw) > 1:
                    merges.append(
                        {
                            "source_unit": unit,
                            "event_date": key[1],
                            "metric": key[2],
                            "family_key": key[3],
                            "actor": key[4],
                            "weapon": weapon,
                            "n_mentions": len(gw),
                            "kept_value": per_class[weapon],
                            "texts": " | ".join(gw["text"].tolist()),
                        }
                    )
        generic = per_class.pop(_GENERIC.get(key[3], "__none__"), None)
        specific = sum(per_class.values())
        models = _per_model(g, is_dataset_unit(unit))
        generic_name = _GENERIC.get(key[3], "__none__")
        listed = (
            _listed(g, g["weapon_key"] == generic_name)
            if generic is not None and specific and not is_ds.loc[g.index].all()
            else None
        )
        if generic is not None and is_ds.loc[g.index].all():
            # dataset rows are separate waves: a generic row (Kh-59 as `missile`) adds to the classes
            value, breakdown = generic + specific, {**per_class, generic_name: generic}
        elif listed is not None and listed.any():
            # "an Iskander-M and nine guided missiles": list items add up; a total stated apart
            # ("78 missiles" in another sentence) stands if it is larger.
            items = float(g.loc[listed, "value"].sum())
            totals = g.loc[~listed & (g["weapon_key"] == generic_name), "value"]
            total = float(totals.max()) if len(totals) else 0.0
            if total > specific + items:
                value, breakdown = total, {generic_name: total}
            else:
                value, breakdown = specific + items, {**per_class, generic_name: items}
        elif generic is not None and generic >= specific:
            value, breakdown = generic, {_GENERIC[key[3]]: generic}
        else:
            value, breakdown = specific, dict(per_class)
            if generic is not None:
                breakdown = dict(per_class)
        top = g.sort_values("value", ascending=False).iloc[0]
        rows.append(
            {
                "source_unit": unit,
                "event_date": key[1],
                "metric": key[2],
                "family_key": key[3],
                "actor": key[4],
                "value": value,
                "qualifier": "exact"
                if (g["qualifier"].astype(str) == "exact").any()
                and value == g["value"].max()
                or is_dataset_unit(unit)
                else str(top["qualifier"]),
                "claimed_by": _claimant_of(g),
                "published": g["published"].max(),
                "breakdown": _collapse(breakdown),
                "models": models,
                "facts": len(g),
                "docs": ", ".join(sorted(set(g["doc"])))
                if not is_dataset_unit(unit)
                else f"{unit} ({len(g)} rows)",
            }
        )
    return SourceValues(pd.DataFrame(rows, columns=cols), pd.DataFrame(merges))


_PART_OF = re.compile(
    r"\b(?:including|includ(?:ed|es)|among them|of which|of them|of these|of those)\b"
)


def _listed(g: pd.DataFrame, generic: pd.Series) -> pd.Series:
    """The generic counts that are items of a list beside named classes in their sentence ("an
    Iskander-M and nine guided missiles"), not totals ("78 missiles, including 62 Kh-101")."""
    out = pd.Series(False, index=g.index)
    named = g[~generic]
    for i, h in g[generic].iterrows():
        beside = named[named["doc"].eq(h["doc"]) & named["sentence"].eq(h["sentence"])]
        for _, f in beside.iterrows():
            # Both facts carry offsets into the same body: what lies between them, in order.
            first, second = sorted([f, h], key=lambda x: int(x["start"]))
            sent = str(h["sentence"])
            a = sent.find(str(first["text"]))
            b = sent.find(str(second["text"]), max(a, 0))
            if a >= 0 and b >= 0 and not _PART_OF.search(sent[a:b].lower()):
                out[i] = True
                break
    return out


def _collapse(breakdown: dict[str, float]) -> dict[str, float]:
    """Per weapon class: named generic items ("missile|Kh-59") added into their class."""
    out: dict[str, float] = {}
    for key, value in breakdown.items():
        cls = key.partition("|")[0]
        out[cls] = out.get(cls, 0.0) + value
    return out


def _per_model(g: pd.DataFrame, dataset: bool) -> dict[str, float]:
    """Value per named model (else per class): summed over dataset rows, the largest mention
    of a text."""
    names = g["weapon_model"].astype(object).fillna(g["weapon"].astype(object)).fillna("all")
    values = g["value"].groupby(names.to_numpy())
    return {str(k): float(v) for k, v in (values.sum() if dataset else values.max()).items()}


def _claimant_of(g: pd.DataFrame) -> str | None:
    claims = g["claimed_by"].dropna()
    return str(claims.mode().iloc[0]) if len(claims) else None


@dataclass(frozen=True)
class Rule:
    """How one value is chosen when several sources report the same day, metric, family, actor.

    In order: the claimant ranked first in `claimants` (matched case-insensitively as a
    substring; unranked claimants come after all ranked ones), then the better qualifier
    (`qualifiers`, exact first), then the latest published.
    """

    claimants: Sequence[str] = (
        "air force",
        "general staff",
        "defence ministry",
        "defense ministry",
        "governor",
        "military administration",
        "officials",
    )
    qualifiers: Sequence[str] = ("exact", "range", "at_least", "approx", "at_most")

    def rank(self, row: pd.Series) -> tuple:
        claim = str(row.get("claimed_by") or "").lower()
        c = next(
            (i for i, name in enumerate(self.claimants) if name.lower() in claim),
            len(self.claimants),
        )
        q = (
            list(self.qualifiers).index(row["qualifier"])
            if row["qualifier"] in self.qualifiers
            else len(self.qualifiers)
        )
        published = row["published"]
        ts = (
            -published.value
            if isinstance(published, pd.Timestamp) and not pd.isna(published)
            else 0
        )
        return (c, q, ts)

    def why(self, row: pd.Series, runner_up: pd.Series | None) -> str:
        if runner_up is None:
            return "only source"
        a, b = self.rank(row), self.rank(runner_up)
        if a[0] != b[0]:
            return f"claimant ranked higher ({row.get('claimed_by') or 'unnamed'})"
        if a[1] != b[1]:
            return f"{row['qualifier']} over {runner_up['qualifier']}"
        if a[2] != b[2]:
            return "published later"
        return "tie: first in input order"


DEFAULT_RULE = Rule()


@dataclass(frozen=True)
class Reconciled:
    """The chosen value per key, and every candidate with the reason for the choice."""

    chosen: pd.DataFrame
    candidates: pd.DataFrame = field(repr=False)


def explain_table(candidates: pd.DataFrame) -> pd.DataFrame:
    """Every candidate flat for a file: dates as `YYYY-MM-DD`, models as "Kh-101 30; Kalibr 4"."""
    table = candidates.drop(columns=["breakdown", "_rank"], errors="ignore").copy()
    for col in ("event_date", "published"):
        if col in table:
            table[col] = pd.to_datetime(table[col]).dt.strftime("%Y-%m-%d")
    if "models" in table:
        table["models"] = table["models"].map(
            lambda m: "; ".join(f"{k} {v:g}" for k, v in m.items()) if isinstance(m, dict) else ""
        )
    return table


def reconcile(values: pd.DataFrame, rule: Rule = DEFAULT_RULE) -> Reconciled:
    """One value per (event_date, metric, family, actor) from the per-source values."""
    if values.empty:
        cols = [
            *_KEY,
            "value",
            "source_unit",
            "claimed_by",
            "qualifier",
            "reason",
            "n_sources",
            "breakdown",
        ]
        return Reconciled(
            pd.DataFrame(columns=cols),
            values.assign(chosen=pd.Series(dtype=bool), reason=pd.Series(dtype=str)),
        )
    cand = values.copy()
    cand["_rank"] = cand.apply(rule.rank, axis=1)
    cand = cand.sort_values([*_KEY, "_rank"], kind="stable")
    cand["chosen"] = ~cand.duplicated(_KEY, keep="first")
    chosen_rows = []
    reasons = {}
    for _, g in cand.groupby(_KEY, sort=True, observed=True):
        best = g.iloc[0]
        runner = g.iloc[1] if len(g) > 1 else None
        reason = rule.why(best, runner)
        reasons[best.name] = reason
        row = best.to_dict()
        row["reason"] = reason
        row["n_sources"] = len(g)
        row["values_seen"] = ", ".join(f"{v:g}" for v in g["value"])
        chosen_rows.append(row)
    cand["reason"] = cand.index.map(lambda i: reasons.get(i, "not chosen"))
    chosen = pd.DataFrame(chosen_rows).drop(columns=["_rank"])
    return Reconciled(
        chosen.reset_index(drop=True), cand.drop(columns=["_rank"]).reset_index(drop=True)
    )


def daily_series(chosen: pd.DataFrame) -> pd.DataFrame:
    """Long daily series: date, metric, weapon (class), family, actor, value, sources.

    A family's value is spread over the classes of the chosen source's breakdown, so the rows of
    one family always come from one source and can be summed without double counting.
    """
    rows = []
    for _, r in chosen.iterrows():
        breakdown = (
            r["breakdown"]
            if isinstance(r["breakdown"], dict) and r["breakdown"]
            else {"all": r["value"]}
        )
        for weapon, value in breakdown.items():
            rows.append(
                {
                    "date": r["event_date"],
                    "metric": r["metric"],
                    "weapon": None if weapon == "all" else weapon,
                    "family": None if r["family_key"] in {"all", "unknown"} else r["family_key"],
                    "actor": r["actor"],
                    "value": float(value),
                    "sources": int(r["n_sources"]),
                    "source_unit": r["source_unit"],
                }
            )
    cols = ["date", "metric", "weapon", "family", "actor", "value", "sources", "source_unit"]
    out = pd.DataFrame(rows, columns=cols)
    out["date"] = pd.to_datetime(out["date"])
    return out.sort_values(
        ["date", "metric", "family", "weapon"], na_position="last", kind="stable"
    ).reset_index(drop=True)


def wide(
    series: pd.DataFrame, *, metric: str, by: str = "family", actor: str = "russia"
) -> pd.DataFrame:
    """A date-indexed table of one metric, one column per family (or class): NaN = no report."""
    s = series[(series["metric"] == metric) & (series["actor"] == actor)]
    if s.empty:
        return pd.DataFrame(index=pd.DatetimeIndex([], name="date"))
    table = s.pivot_table(index="date", columns=by, values="value", aggfunc="sum")
    full = pd.date_range(table.index.min(), table.index.max(), freq="D", name="date")
    return table.reindex(full)


FREQS = {"D": "D", "W": "W-MON", "M": "MS"}


def resample(series: pd.DataFrame, freq: str = "D") -> pd.DataFrame:
    """Sums per period (`D`, `W` from Monday, `M`), one row per (period, metric, weapon, actor).

    Only days with data are added; `days` says how many days each sum covers and `sources` how
    many documents or dataset rows it rests on. No total rows: any slice can be summed.
    """
    if freq not in FREQS:
        raise ValueError(f"unknown frequency {freq!r}: choose D, W or M")
    cols = ["period", "metric", "weapon", "actor", "value", "days", "sources"]
    if series.empty:
        return pd.DataFrame(columns=cols)
    s = series.copy()
    s["weapon"] = s["weapon"].fillna("")
    if freq == "D":
        s["period"] = s["date"]
    elif freq == "W":
        s["period"] = s["date"] - pd.to_timedelta(s["date"].dt.day_of_week, unit="D")
    else:
        s["period"] = s["date"].dt.to_period("M").dt.start_time
    out = (
        s.groupby(["period", "metric", "weapon", "actor"], sort=True, observed=True)
        .agg(value=("value", "sum"), days=("date", "nunique"), sources=("sources", "sum"))
        .reset_index()
    )
    out["weapon"] = out["weapon"].replace("", np.nan)
    out["period"] = out["period"].dt.strftime("%Y-%m-%d")
    return out[cols]
