"""Facts -> one tidy row per fact, with what the series builder needs to know about each.

Beside the fields of FACTS.md a row gets:
- `family`: the weapon family (FACTS.md: `cruise_missile` -> `missile`, `tactical_drone` ->
  `drone`).
- `dataset`: True for a row of the air-force dataset, told by its content (claimant, the
  rendered row in `sentence`, the column name in `text`), never by the file name or doc id.
- `source_unit`: the source a value belongs to: each text document is its own source; every
  row of the dataset belongs to one source, `DATASET_UNIT`.
- `report`: the bulletin a dataset row comes from (its `source` post), else the doc id.
- `tally`: which count a fact belongs to (`TALLIES`). The default night series counts `text`
  and `bulletin`; the other tallies stay in the frame and are listed, never added in.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from stats.facts import (
    ACTORS,
    FACT_FIELDS,
    FAMILY,
    METRICS,
    QUALIFIERS,
    SCOPES,
    WEAPONS,
    Fact,
    fact_values,
)
from stats.sources import airforce

DATASET_UNIT = "air force dataset"

# The accounts whose posts are the Air Force's (or the high command's) national bulletin, and
# the regional air commands (South, East, West, Centre) and regional administrations whose rows
# repeat or add to it. Matched on the post's first path part or the t.me channel.
NATIONAL_ACCOUNTS = frozenset({"kpszsu", "cincafu", "generalstaff.ua"})
REGIONAL_ACCOUNTS = frozenset(
    {"pvkpivden", "pvkshid", "pvkzahid", "pvkcenter", "kharkivoda.gov.ua"}
)

TALLIES: dict[str, str] = {
    "text": "a text document's figure",
    "bulletin": "the national bulletin's night window, strike weapons (the default)",
    "day_wave": "a national post's daytime or evening wave ending on the same date",
    "regional": "a regional air command's or administration's row",
    "other_post": "a row from another account (intelligence, monitoring channels)",
    "tactical": "tactical and reconnaissance drones (Orlan, ZALA, Supercam, Lancet, Molniya)",
}
DEFAULT_TALLIES: tuple[str, ...] = ("text", "bulletin")

# A night window ends by this hour of the morning (the bulletins close at 08:00-11:00).
MORNING_END_HOUR = 12
# ... or opened before this hour (an attack launched in the small hours, lasting into the day).
NIGHT_START_BEFORE_HOUR = 6


def facts_frame(facts: Iterable[Fact]) -> pd.DataFrame:
    """One row per fact: the columns of FACTS.md plus `family`, `dataset`, `source_unit`,
    `report`, `tally` and, for dataset rows, `time_start`, `time_end`, `model`,
    `still_attacking`, `border_crossing`."""
    # Attribute tuples made in C (`fact_values`), not `Fact.to_dict` (dataclasses.asdict
    # deep-copies every field: it was most of the time of a build on 10,000 documents).
    return tuples_frame(map(fact_values, facts))


def tuples_frame(tuples: Iterable[tuple]) -> pd.DataFrame:
    """`facts_frame` of facts given as `fact_values` tuples (as workers send them)."""
    df = pd.DataFrame.from_records(list(tuples), columns=list(FACT_FIELDS))
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
    for col in ("doc", "text", "sentence"):
        df[col] = df[col].astype(str)
    return _with_tallies(df)


def _with_tallies(df: pd.DataFrame) -> pd.DataFrame:
    # Only a fact claimed by the air force can be a dataset row: the rendered-row pattern is
    # matched on those sentences alone, not on every sentence of every text document.
    claimed = df["claimed_by"].eq(airforce.CLAIMED_BY).fillna(False).to_numpy(dtype=bool)
    row = df.loc[claimed, "sentence"].str.extract(airforce.ROW_PATTERN).reindex(df.index)
    # The fact-text pattern is matched on the rows that can still be dataset rows only.
    maybe = claimed & row["time_end"].notna().to_numpy(dtype=bool)
    texts = df.loc[maybe, "text"].str.match(airforce.FACT_TEXT_PATTERN)
    is_ds = pd.Series(False, index=df.index)
    is_ds[maybe] = texts.to_numpy(dtype=bool)
    df["dataset"] = is_ds
    df["source_unit"] = df["doc"].where(~is_ds, DATASET_UNIT)
    post = row["post"].where(is_ds)
    post = post.where(post.notna(), df["source"].where(is_ds))
    df["report"] = post.fillna("").where(is_ds, df["doc"])
    for col in ("time_start", "time_end"):
        df[col] = pd.to_datetime(row[col].where(is_ds), errors="coerce", format="mixed")
    df["model"] = row["model"].where(is_ds)
    for col in ("still_attacking", "border_crossing"):
        df[col] = pd.to_numeric(row[col], errors="coerce").where(is_ds).fillna(0.0)
        df.loc[~is_ds, col] = float("nan")
    df["tally"] = _tally(df, is_ds, row["time_end"].fillna("").str.contains(":"))
    return df


def account_of(post: pd.Series) -> pd.Series:
    """The account a post belongs to: `kpszsu/posts/...` -> `kpszsu`, a t.me URL -> its channel."""
    text = post.fillna("").astype(str).str.strip().str.lower()
    text = text.str.replace(r"^https?://(?:www\.)?(?:t\.me/|facebook\.com/)?", "", regex=True)
    return text.str.split("/").str[0]


def _tally(df: pd.DataFrame, is_ds: pd.Series, timed: pd.Series) -> pd.Series:
    tally = pd.Series("text", index=df.index, dtype=object)
    # The account matters for dataset rows only (every test below is joined with is_ds).
    account = pd.Series("", index=df.index, dtype=object)
    account[is_ds] = account_of(df.loc[is_ds, "report"])
    start, end = df["time_start"], df["time_end"]
    crosses = start.notna() & (start.dt.normalize() < end.dt.normalize())
    morning = end.dt.hour < MORNING_END_HOUR
    # A window with no hours is the date's bulletin; a timed window is the night's when it
    # crosses midnight, closes in the morning or opened before dawn (26 Aug 2024: 03:00 to
    # 18:00), else a wave of the day or evening.
    before_dawn = start.notna() & (start.dt.hour < NIGHT_START_BEFORE_HOUR)
    night = ~timed | crosses | morning | before_dawn | (end.dt.hour == 0) & (end.dt.minute == 0)
    national = account.isin(NATIONAL_ACCOUNTS) | account.eq("")
    tally[is_ds & national & night] = "bulletin"
    tally[is_ds & national & ~night] = "day_wave"
    tally[is_ds & account.isin(REGIONAL_ACCOUNTS)] = "regional"
    tally[is_ds & ~national & ~account.isin(REGIONAL_ACCOUNTS)] = "other_post"
    tally[df["weapon"].astype(object).eq("tactical_drone")] = "tactical"
    return tally
