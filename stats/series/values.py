"""Per source, night, metric, weapon family and actor: ONE value (grouped pandas, linear).

Restated mentions inside a text document are merged (the largest figure per weapon class
stands, so a toll that "rose to 12" wins over an earlier 8) and listed in `merges`; rows of the
dataset are separate weapons and are summed. A family's value is the larger of its generic
figure ("six missiles") and the sum of its named classes ("two cruise and four ballistic
missiles"), except that a generic item of a list beside named classes ("an Iskander-M and nine
guided missiles") adds to them. `breakdown` gives the value per weapon class, `models` per
named model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from stats.facts import CASUALTY_METRICS
from stats.series.casualties import is_military
from stats.series.frame import DATASET_UNIT, DEFAULT_TALLIES

KEY = ["event_date", "metric", "family_key", "actor"]
GROUP = ["source_unit", *KEY]
GENERIC = {
    "missile": "missile",
    "drone": "drone",
    "glide_bomb": "glide_bomb",
    "aircraft": "aircraft",
    "any": "any",
}
VALUE_COLUMNS = [
    *GROUP,
    "value",
    "qualifier",
    "claimed_by",
    "published",
    "breakdown",
    "models",
    "facts",
    "docs",
    "left",
]
MERGE_COLUMNS = [*GROUP, "weapon", "n_mentions", "kept_value", "texts"]
REST_COLUMNS = ["tally", *KEY, "value", "rows", "reports", "models"]


def is_dataset_unit(unit: object) -> bool:
    """True for the source that holds the air-force dataset's rows."""
    return str(unit) == DATASET_UNIT


@dataclass(frozen=True)
class SourceValues:
    """Per (source, day, metric, family, actor): the value, its class breakdown and what merged;
    `rest`: the dataset's tallies left out of the series (regional rows, day waves, tactical
    drones), summed per night so that they can be listed."""

    values: pd.DataFrame
    merges: pd.DataFrame
    rest: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=REST_COLUMNS))


def family_key(df: pd.DataFrame) -> pd.Series:
    """Weapon family for weapon metrics ("all" for casualties and troops, whose weapon is not
    compared); tactical drones keep their own key so they never add into strike drones."""
    fam = df["family"].astype(object)
    fam = fam.where(df["weapon"].astype(object).ne("tactical_drone"), "tactical_drone")
    other = df["metric"].astype(str).isin(CASUALTY_METRICS | {"troops"})
    return fam.where(~other, "all").fillna("unknown")


def series_mask(frame: pd.DataFrame, tallies: Sequence[str] = DEFAULT_TALLIES) -> pd.Series:
    """The facts a night's series is made of: event scope, a known date, not a subgroup, not a
    military casualty, and of one of `tallies`."""
    return (
        frame["scope"].eq("event")
        & frame["event_date"].notna()
        & frame["subgroup"].isna()
        & frame["tally"].isin(list(tallies))
        & ~is_military(frame)
    )


def source_values(frame: pd.DataFrame, *, tallies: Sequence[str] = DEFAULT_TALLIES) -> SourceValues:
    """One value per source and key; restated mentions merged and listed."""
    rest = other_tallies(frame, tallies)
    df = frame[series_mask(frame, tallies)].copy()
    if df.empty:
        return SourceValues(
            pd.DataFrame(columns=VALUE_COLUMNS), pd.DataFrame(columns=MERGE_COLUMNS), rest
        )
    df["family_key"] = family_key(df)
    df["actor"] = df["actor"].astype(object).fillna("unknown")
    df["metric"] = df["metric"].astype(str)
    weapon = df["weapon"].astype(object).fillna("all")
    generic_name = df["family_key"].map(GENERIC)
    # A generic class with a named model ("a Kh-59 guided missile") is a list item of its own,
    # not a total of the named classes beside it.
    named = weapon.eq(generic_name) & df["weapon_model"].notna()
    df["weapon_key"] = weapon.where(~named, weapon + "|" + df["weapon_model"].astype(str))
    df["is_generic"] = df["weapon_key"].eq(generic_name)
    ds = df["source_unit"].eq(DATASET_UNIT)

    keys = [*GROUP, "weapon_key"]
    grouped = df.groupby(keys, sort=False, observed=True)["value"]
    per = grouped.agg(["max", "sum", "size"]).reset_index()
    per_ds = per["source_unit"].eq(DATASET_UNIT)
    per["value"] = per["sum"].where(per_ds, per["max"])
    per["is_generic"] = per["weapon_key"].eq(per["family_key"].map(GENERIC))
    merges = _merges(df, ds, per, keys)

    gen = per[per["is_generic"]].set_index(GROUP)["value"]
    spec = per[~per["is_generic"]].groupby(GROUP, sort=False)["value"].sum()
    base = df.groupby(GROUP, sort=True, observed=True).agg(
        published=("published", "max"), facts=("value", "size"), top=("value", "max")
    )
    base["generic"] = gen.reindex(base.index)
    base["specific"] = spec.reindex(base.index).fillna(0.0)
    base["is_ds"] = base.index.get_level_values("source_unit") == DATASET_UNIT
    items, totals = _list_items(df[~ds])
    base["items"] = items.reindex(base.index)
    base["total"] = totals.reindex(base.index).fillna(0.0)

    # Which rule gives the family's value (see the module docstring).
    listed = ~base["is_ds"] & base["items"].notna()
    listed_total = listed & (base["total"] > base["specific"] + base["items"].fillna(0.0))
    listed_items = listed & ~listed_total
    generic_wins = ~base["is_ds"] & ~listed & base["generic"].notna()
    generic_wins &= base["generic"] >= base["specific"]
    mode = pd.Series("classes", index=base.index, dtype=object)
    mode[base["is_ds"]] = "all"
    mode[listed_items] = "classes+items"
    mode[listed_total | generic_wins] = "generic"
    base["value"] = base["specific"]
    base.loc[base["is_ds"], "value"] = base["specific"] + base["generic"].fillna(0.0)
    base.loc[listed_items, "value"] = base["specific"] + base["items"]
    base.loc[listed_total, "value"] = base["total"]
    base.loc[generic_wins, "value"] = base["generic"]

    base["breakdown"] = _breakdown(per, base, mode)
    base["models"] = _models(df, ds)
    base["qualifier"] = _qualifier(df, base)
    base["claimed_by"] = _claimant(df).reindex(base.index)
    base["docs"] = _docs(df, base)
    # Weapons still in the air or gone abroad when the bulletin's window closed (dataset rows;
    # carried once per row, by its `launched` fact).
    launched_rows = df[ds & df["metric"].eq("launched")]
    left = (
        (launched_rows["still_attacking"] + launched_rows["border_crossing"])
        .groupby([launched_rows[c] for c in GROUP], observed=True)
        .sum()
    )
    base["left"] = left.reindex(base.index)
    out = base.reset_index()[VALUE_COLUMNS]
    return SourceValues(out, merges, rest)


def _merges(df: pd.DataFrame, ds: pd.Series, per: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The restated mentions of text documents merged into one value, with their words."""
    many = per[~per["source_unit"].eq(DATASET_UNIT) & (per["size"] > 1)]
    if many.empty:
        return pd.DataFrame(columns=MERGE_COLUMNS)
    many = many.set_index(keys)
    rows = df[~ds]
    rows = rows[pd.MultiIndex.from_frame(rows[keys]).isin(many.index)]
    # The words joined per group by the group numbers: `agg(" | ".join)` calls Python per group.
    g = rows.groupby(keys, sort=False, observed=True)
    parts: list[list[str]] = [[] for _ in range(g.ngroups)]
    for k, text in zip(g.ngroup().tolist(), rows["text"].tolist(), strict=True):
        parts[k].append(text)
    texts = pd.Series([" | ".join(p) for p in parts], index=g.size().index)
    out = pd.DataFrame(
        {
            "n_mentions": many["size"],
            "kept_value": many["value"],
            "texts": texts.reindex(many.index),
        }
    ).reset_index()
    out = out.rename(columns={"weapon_key": "weapon"}).sort_values(GROUP, kind="stable")
    return out[MERGE_COLUMNS].reset_index(drop=True)


_PART_OF = re.compile(
    r"\b(?:including|includ(?:ed|es)|among them|of which|of them|of these|of those)\b"
)


def _list_items(text: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Per group: the sum of generic counts that are items of a list beside named classes in
    their sentence ("an Iskander-M and nine guided missiles"), and the largest generic count
    that is not (a total: "78 missiles, including 62 Kh-101")."""
    empty = pd.Series(dtype=float)
    gen = text[text["is_generic"]]
    if gen.empty:
        return empty, empty
    named = text[~text["is_generic"]]
    pairs = gen.reset_index().merge(
        named[[*GROUP, "doc", "sentence", "text", "start"]],
        on=[*GROUP, "doc", "sentence"],
        suffixes=("", "_named"),
    )
    if pairs.empty:
        listed_idx: set = set()
    else:
        ok = [
            _no_part_word(sent, a_text, a_start, b_text, b_start)
            for sent, a_text, a_start, b_text, b_start in zip(
                pairs["sentence"],
                pairs["text"],
                pairs["start"],
                pairs["text_named"],
                pairs["start_named"],
                strict=True,
            )
        ]
        listed_idx = set(pairs.loc[ok, "index"])
    is_item = gen.index.isin(list(listed_idx))
    items = gen[is_item].groupby(GROUP, observed=True)["value"].sum()
    totals = gen[~is_item].groupby(GROUP, observed=True)["value"].max()
    return items, totals


def _no_part_word(sentence: str, a_text: str, a_start: int, b_text: str, b_start: int) -> bool:
    """True when nothing like "including" stands between two counts of one sentence."""
    first, second = (a_text, b_text) if int(a_start) <= int(b_start) else (b_text, a_text)
    a = sentence.find(first)
    b = sentence.find(second, max(a, 0))
    return a >= 0 and b >= 0 and not _PART_OF.search(sentence[a:b].lower())


def _to_dicts(long: pd.DataFrame, index: pd.Index, key: str) -> pd.Series:
    """{key: value} per group of `index` from a long frame with the GROUP columns."""
    # Rows are placed by their group's position in `index` (vectorised), not by hashing a tuple
    # of the group's values per row.
    at = index.get_indexer(pd.MultiIndex.from_frame(long[GROUP])).tolist()
    out: list[dict[str, float]] = [{} for _ in range(len(index))]
    for p, k, v in zip(at, long[key].tolist(), long["value"].tolist(), strict=True):
        if p >= 0:
            out[p][str(k)] = float(v)
    return pd.Series(out, index=index, dtype=object)


def _breakdown(per: pd.DataFrame, base: pd.DataFrame, mode: pd.Series) -> pd.Series:
    """The value per weapon class, from the rule that gave the family's value."""
    per = per.join(mode.rename("mode"), on=GROUP)
    keep = per["mode"].eq("all") | (
        per["mode"].isin(["classes", "classes+items"]) & ~per["is_generic"]
    )
    parts = [per.loc[keep, [*GROUP, "weapon_key", "value"]]]
    for kind, column in (("classes+items", "items"), ("generic", "value")):
        sel = base[mode.eq(kind)]
        if len(sel):
            extra = sel[[column]].rename(columns={column: "value"}).reset_index()
            extra["weapon_key"] = extra["family_key"].map(GENERIC)
            parts.append(extra[[*GROUP, "weapon_key", "value"]])
    long = pd.concat(parts, ignore_index=True)
    long["cls"] = long["weapon_key"].astype(str).str.partition("|")[0]
    long = long.groupby([*GROUP, "cls"], sort=True, observed=True)["value"].sum().reset_index()
    return _to_dicts(long, base.index, "cls")


def _models(df: pd.DataFrame, ds: pd.Series) -> pd.Series:
    """Per named model (else class): summed over dataset rows, the largest mention of a text."""
    names = df["weapon_model"].astype(object)
    names = names.fillna(df["weapon"].astype(object)).fillna("all")
    frame = df[GROUP].assign(name=names, value=df["value"], ds=ds)
    g = frame.groupby([*GROUP, "name"], sort=True, observed=True)
    long = g.agg(vmax=("value", "max"), vsum=("value", "sum"), ds=("ds", "all")).reset_index()
    long["value"] = long["vsum"].where(long["ds"], long["vmax"])
    index = df.groupby(GROUP, sort=True, observed=True).size().index
    return _to_dicts(long, index, "name")


def _qualifier(df: pd.DataFrame, base: pd.DataFrame) -> pd.Series:
    """`exact` when an exact mention states the value (always for dataset rows), else the
    qualifier of the largest mention."""
    q = df["qualifier"].astype(str)
    any_exact = q.eq("exact").groupby([df[c] for c in GROUP], observed=True).any()
    top = df.assign(q=q).sort_values("value", ascending=False, kind="stable")
    top_q = top.drop_duplicates(GROUP).set_index(GROUP)["q"]
    exact = (any_exact.reindex(base.index) & base["value"].eq(base["top"])) | base["is_ds"]
    return top_q.reindex(base.index).where(~exact, "exact")


def _claimant(df: pd.DataFrame) -> pd.Series:
    """The most frequent claimant per group (ties: alphabetical), None when unnamed."""
    named = df[df["claimed_by"].notna()]
    counts = named.groupby([*GROUP, "claimed_by"], observed=True).size().rename("n").reset_index()
    counts = counts.sort_values([*GROUP, "n", "claimed_by"], ascending=[True] * 5 + [False, True])
    return counts.drop_duplicates(GROUP).set_index(GROUP)["claimed_by"]


def _docs(df: pd.DataFrame, base: pd.DataFrame) -> pd.Series:
    """The document a value rests on (a text source is one document); for the dataset, how many
    rows and bulletins."""
    units = pd.Series(base.index.get_level_values("source_unit").astype(str), index=base.index)
    ds = df[df["source_unit"].eq(DATASET_UNIT)]
    if ds.empty:
        return units
    reports = ds.groupby(GROUP, observed=True)["report"].nunique().reindex(base.index)
    label = (
        units
        + " ("
        + base["facts"].astype(int).astype(str)
        + " rows, "
        + reports.fillna(0).astype(int).astype(str)
        + " bulletin(s))"
    )
    return units.where(~base["is_ds"], label)


def other_tallies(frame: pd.DataFrame, tallies: Sequence[str] = DEFAULT_TALLIES) -> pd.DataFrame:
    """The dataset's counts that are not in the series, per tally and night (listed, not added)."""
    sel = (
        frame["dataset"]
        & ~frame["tally"].isin(list(tallies))
        & frame["scope"].eq("event")
        & frame["event_date"].notna()
    )
    df = frame[sel].copy()
    if df.empty:
        return pd.DataFrame(columns=REST_COLUMNS)
    df["family_key"] = family_key(df)
    df["actor"] = df["actor"].astype(object).fillna("unknown")
    df["metric"] = df["metric"].astype(str)
    df["model"] = df["model"].fillna("")
    keys = ["tally", *KEY]
    out = df.groupby(keys, sort=True, observed=True).agg(
        value=("value", "sum"), rows=("value", "size"), reports=("report", "nunique")
    )
    models = df.groupby([*keys, "model"], sort=True, observed=True)["value"].sum().reset_index()
    models["part"] = models["model"] + " " + models["value"].map("{:g}".format)
    out["models"] = models.groupby(keys, observed=True)["part"].agg("; ".join)
    return out.reset_index()[REST_COLUMNS]
