"""Several sources for one night -> one record per (night, weapon family, actor).

A night's weapon figures (launched, intercepted, lost, hit) are taken together from ONE source,
the first of the ranking below, so that a launched figure and an intercepted figure always
describe the same count. Only a metric that source does not give is taken from the next source
that does; such a record is `mixed` and `--explain` says so. Casualty and troop figures are
chosen one per (day, metric, actor).

Ranking of the sources of one night and family (`Rule`): a source whose own figures are
consistent (intercepted not above launched) first; then one that gives launched and
intercepted together; then the claimant ranked first (air force, general staff, ...); then the
air force's own bulletin (the dataset) over a retelling of it; then exact over hedged figures;
then the latest published. For casualties the latest published stands first: a toll revised in
later reports stands once, at its latest value.

A class figure never sits beside a generic figure of its own family: when the metrics of a
record do not break down into the same weapon classes (mixed sources, or "120 missiles
launched, 60 cruise missiles shot down"), every metric of the record is given at family level
(`collapsed`). Intercepted above launched in a record is a conflict: the intercepted figure is
withheld from the series and the conflict listed (`conflicts`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from stats.facts import CASUALTY_METRICS
from stats.series.frame import DATASET_UNIT
from stats.series.values import GENERIC, KEY

RECORD = ["event_date", "family_key", "actor"]
WEAPON_METRICS = ("launched", "intercepted", "lost", "hit")
CONFLICT_COLUMNS = [
    "event_date",
    "family_key",
    "actor",
    "launched",
    "intercepted",
    "launched_from",
    "intercepted_from",
    "mixed",
    "action",
]
RECORD_COLUMNS = [
    *RECORD,
    *WEAPON_METRICS,
    "left",
    "source_unit",
    "src_launched",
    "src_intercepted",
    "src_lost",
    "src_hit",
    "sources",
    "mixed",
    "collapsed",
    "conflict",
]


@dataclass(frozen=True)
class Rule:
    """How one source is chosen among several for a night (see the module docstring)."""

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

    def claimant_rank(self, claimed_by: pd.Series) -> pd.Series:
        """Position of the first ranked claimant named in `claimed_by` (unranked: last)."""
        claim = claimed_by.fillna("").astype(str).str.lower()
        rank = pd.Series(len(self.claimants), index=claimed_by.index, dtype=int)
        for i, name in reversed(list(enumerate(self.claimants))):
            rank[claim.str.contains(name.lower(), regex=False)] = i
        return rank

    def ranks(self, values: pd.DataFrame) -> pd.DataFrame:
        """The rank columns of each candidate (lower is better): `_c` claimant, `_d` dataset
        first, `_q` qualifier, `_t` latest published first."""
        order = {q: i for i, q in enumerate(self.qualifiers)}
        published = pd.to_datetime(values["published"])
        ts = published.astype("int64").where(published.notna(), 0)
        return pd.DataFrame(
            {
                "_c": self.claimant_rank(values["claimed_by"]),
                "_d": (~values["source_unit"].eq(DATASET_UNIT)).astype(int),
                "_q": values["qualifier"].map(order).fillna(len(order)).astype(int),
                "_t": -ts,
            },
            index=values.index,
        )


DEFAULT_RULE = Rule()


@dataclass(frozen=True)
class Reconciled:
    """The chosen value per key, every candidate with the reason, the night records and the
    conflicts withheld from the series."""

    chosen: pd.DataFrame
    candidates: pd.DataFrame = field(repr=False)
    records: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=RECORD_COLUMNS))
    conflicts: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=CONFLICT_COLUMNS))


CHOSEN_COLUMNS = [*KEY, "value", "source_unit", "claimed_by", "qualifier", "reason", "n_sources"]


def reconcile(values: pd.DataFrame, rule: Rule = DEFAULT_RULE) -> Reconciled:
    """One record per (night, family, actor) and one value per casualty/troop key."""
    if values.empty:
        cand = values.assign(chosen=pd.Series(dtype=bool), reason=pd.Series(dtype=str))
        return Reconciled(pd.DataFrame(columns=[*CHOSEN_COLUMNS, "breakdown"]), cand)
    cand = values.reset_index(drop=True).copy()
    cand = cand.join(rule.ranks(cand))
    cand["n_sources"] = cand.groupby(KEY, observed=True)["value"].transform("size")
    weapon = cand["metric"].isin(WEAPON_METRICS)
    parts = [_choose_records(cand[weapon]), _choose_single(cand[~weapon])]
    cand = pd.concat([p[0] for p in parts]).sort_index()
    records, conflicts = parts[0][1], parts[0][2]
    chosen = cand[cand["chosen"]].copy()
    chosen["values_seen"] = chosen["value"].map("{:g}".format)
    several = cand[cand["n_sources"] > 1]
    if len(several):
        seen = several.groupby(KEY, observed=True)["value"].agg(
            lambda v: ", ".join(f"{x:g}" for x in v)
        )
        many = chosen["n_sources"] > 1
        chosen.loc[many, "values_seen"] = seen.reindex(
            pd.MultiIndex.from_frame(chosen.loc[many, KEY])
        ).to_numpy()
    drop = ["_c", "_d", "_q", "_t", "_s"]
    chosen = chosen.drop(columns=drop, errors="ignore").sort_values(KEY, kind="stable")
    cand = cand.drop(columns=drop, errors="ignore").sort_values(
        [*KEY, "chosen"], ascending=[True] * len(KEY) + [False], kind="stable"
    )
    return Reconciled(
        chosen.reset_index(drop=True), cand.reset_index(drop=True), records, conflicts
    )


def _reason_between(
    best: pd.DataFrame, runner: pd.DataFrame, cols: list[tuple[str, str]]
) -> pd.Series:
    """Why the best candidate stands over the runner-up: the first rank column that differs."""
    reason = pd.Series("tie: first in input order", index=best.index, dtype=object)
    decided = pd.Series(False, index=best.index)
    for col, text in cols:
        diff = ~decided & best[col].ne(runner[col])
        if text == "claimant":
            label = (
                "claimant ranked higher (" + best["claimed_by"].fillna("unnamed").astype(str) + ")"
            )
        elif text == "qualifier":
            label = best["qualifier"].astype(str) + " over " + runner["qualifier"].astype(str)
        else:
            label = pd.Series(text, index=best.index)
        reason[diff] = label[diff]
        decided |= diff
    return reason


def _choose_single(cand: pd.DataFrame) -> tuple[pd.DataFrame, None, None]:
    """Casualties and troops: one value per key (casualties: latest published first)."""
    cand = cand.copy()
    if cand.empty:
        return cand.assign(chosen=pd.Series(dtype=bool), reason=pd.Series(dtype=str)), None, None
    casualty = cand["metric"].isin(CASUALTY_METRICS)
    cols_cas = [
        ("_t", "published later (a revised toll stands at its latest)"),
        ("_c", "claimant"),
        ("_q", "qualifier"),
    ]
    cols_other = [("_c", "claimant"), ("_q", "qualifier"), ("_t", "published later")]
    out = []
    for mask, cols in ((casualty, cols_cas), (~casualty, cols_other)):
        part = cand[mask].sort_values([*KEY, *[c for c, _ in cols]], kind="stable")
        if part.empty:
            continue
        pos = part.groupby(KEY, observed=True).cumcount()
        part["chosen"] = pos.eq(0)
        best = part[pos.eq(0)].set_index(KEY)
        runner = part[pos.eq(1)].set_index(KEY)
        reason = pd.Series("only source", index=best.index, dtype=object)
        if len(runner):
            reason.loc[runner.index] = _reason_between(best.loc[runner.index], runner, cols)
        part["reason"] = reason.reindex(pd.MultiIndex.from_frame(part[KEY])).to_numpy()
        part.loc[~part["chosen"], "reason"] = "not chosen"
        out.append(part)
    return pd.concat(out), None, None


def _choose_records(cand: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Weapon metrics: one source's record per night, family and actor."""
    cand = cand.copy()
    if cand.empty:
        cand = cand.assign(chosen=pd.Series(dtype=bool), reason=pd.Series(dtype=str))
        return cand, pd.DataFrame(columns=RECORD_COLUMNS), pd.DataFrame(columns=CONFLICT_COLUMNS)
    src_keys = ["source_unit", *RECORD]
    wide = cand.pivot_table(
        index=src_keys, columns="metric", values="value", aggfunc="first", observed=True
    )
    wide = wide.reindex(columns=list(WEAPON_METRICS))
    src = pd.DataFrame(index=wide.index)
    src["_bad"] = (wide["intercepted"] > wide["launched"]).astype(int)
    src["_inc"] = (wide["launched"].isna() | wide["intercepted"].isna()).astype(int)
    # a source's rank columns: those of its launched figure, else of its first metric
    first = cand.assign(_m=cand["metric"].map({m: i for i, m in enumerate(WEAPON_METRICS)}))
    first = first.sort_values("_m", kind="stable").drop_duplicates(src_keys).set_index(src_keys)
    for col in ("_c", "_d", "_q", "_t", "claimed_by", "qualifier"):
        src[col] = first[col].reindex(src.index)
    order = [
        ("_bad", "its figures are consistent (intercepted not above launched)"),
        ("_inc", "gives launched and intercepted together"),
        ("_c", "claimant"),
        ("_d", "the air force's bulletin (dataset) over a retelling"),
        ("_q", "qualifier"),
        ("_t", "published later"),
    ]
    src = src.reset_index().sort_values([*RECORD, *[c for c, _ in order]], kind="stable")
    src["_s"] = src.groupby(RECORD, observed=True).cumcount()
    primary = src[src["_s"].eq(0)].set_index(RECORD)
    runner = src[src["_s"].eq(1)].set_index(RECORD)
    why = pd.Series("only source", index=primary.index, dtype=object)
    if len(runner):
        why.loc[runner.index] = _reason_between(primary.loc[runner.index], runner, order)

    cand = cand.join(src.set_index(src_keys)["_s"], on=src_keys)
    cand = cand.sort_values([*RECORD, "metric", "_s"], kind="stable")
    cand["chosen"] = ~cand.duplicated([*RECORD, "metric"], keep="first")
    rec_index = pd.MultiIndex.from_frame(cand[RECORD])
    prim_unit = primary["source_unit"].reindex(rec_index).to_numpy()
    cand["mixed"] = cand["chosen"] & (cand["source_unit"].to_numpy() != prim_unit)
    base_reason = pd.Series(why.reindex(rec_index).to_numpy(), index=cand.index).astype(str)
    base_reason += "; record of " + pd.Series(prim_unit, index=cand.index).astype(str)
    cand["reason"] = np.where(cand["chosen"], base_reason, "not chosen (another source's record)")
    mixed_reason = (
        "mixed sources: "
        + pd.Series(prim_unit, index=cand.index).astype(str)
        + " gives no "
        + cand["metric"]
        + ", taken from "
        + cand["source_unit"].astype(str)
    )
    cand.loc[cand["mixed"], "reason"] = mixed_reason[cand["mixed"]]

    records, collapse = _records(cand)
    # A class figure never sits beside a generic figure of its family: give the record at
    # family level where its metrics break down differently.
    hit = cand["chosen"] & pd.MultiIndex.from_frame(cand[RECORD]).isin(collapse)
    if hit.any():
        generic = cand.loc[hit, "family_key"].map(GENERIC).fillna(cand.loc[hit, "family_key"])
        cand.loc[hit, "breakdown"] = [
            {g: float(v)} for g, v in zip(generic, cand.loc[hit, "value"], strict=True)
        ]
        cand.loc[hit, "reason"] = (
            cand.loc[hit, "reason"] + "; given at family level (classes differ)"
        )
    conflicts = records[records["conflict"]].copy()
    if len(conflicts):
        bad = cand["chosen"] & cand["metric"].eq("intercepted")
        bad &= pd.MultiIndex.from_frame(cand[RECORD]).isin(
            pd.MultiIndex.from_frame(conflicts[RECORD])
        )
        cand.loc[bad, "chosen"] = False
        cand.loc[bad, "reason"] = "withheld: intercepted above launched (conflict)"
    conflicts = conflicts.assign(action="intercepted withheld from the series")
    conflicts = conflicts.rename(
        columns={"src_launched": "launched_from", "src_intercepted": "intercepted_from"}
    )
    conflicts = conflicts.reindex(columns=CONFLICT_COLUMNS).reset_index(drop=True)
    return cand, records.reindex(columns=RECORD_COLUMNS).reset_index(drop=True), conflicts


def _records(cand: pd.DataFrame) -> tuple[pd.DataFrame, pd.MultiIndex]:
    """The chosen figures per night record, and the records whose classes differ."""
    ch = cand[cand["chosen"]]
    wide = ch.pivot_table(
        index=RECORD, columns="metric", values="value", aggfunc="first", observed=True
    )
    wide = wide.reindex(columns=list(WEAPON_METRICS))
    units = ch.pivot_table(
        index=RECORD, columns="metric", values="source_unit", aggfunc="first", observed=True
    )
    units = units.reindex(columns=list(WEAPON_METRICS))
    rec = wide.copy()
    for m in WEAPON_METRICS:
        rec[f"src_{m}"] = units[m]
    left = ch[ch["metric"].eq("launched")].set_index(RECORD)["left"] if "left" in ch else None
    rec["left"] = left.reindex(rec.index) if left is not None else np.nan
    rec["source_unit"] = units.bfill(axis=1).iloc[:, 0]
    rec["sources"] = [
        ", ".join(dict.fromkeys(x for x in r if isinstance(x, str)))
        for r in units.itertuples(index=False)
    ]
    rec["mixed"] = ch.groupby(RECORD, observed=True)["mixed"].any().reindex(rec.index).fillna(False)
    classes = ch.assign(
        _k=[frozenset(b) if isinstance(b, dict) else frozenset() for b in ch["breakdown"]]
    )
    sets = classes.pivot_table(
        index=RECORD, columns="metric", values="_k", aggfunc="first", observed=True
    )
    sets = sets.reindex(columns=list(WEAPON_METRICS))
    collapsed = []
    rest_cols = sets[["intercepted", "lost", "hit"]].itertuples(index=False)
    for base, (inter, lost, hit) in zip(sets["launched"], rest_cols, strict=True):
        if not isinstance(base, frozenset):
            collapsed.append(False)
            continue
        differs = isinstance(inter, frozenset) and inter != base
        differs |= any(isinstance(k, frozenset) and not k <= base for k in (lost, hit))
        collapsed.append(differs)
    rec["collapsed"] = np.array(collapsed, dtype=bool) | rec["mixed"].to_numpy(dtype=bool)
    rec["conflict"] = (rec["intercepted"] > rec["launched"]).fillna(False)
    collapse = rec.index[rec["collapsed"].to_numpy(dtype=bool)]
    return rec.reset_index(), collapse
