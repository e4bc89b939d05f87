"""Casualties: civilian victims of strikes apart from military losses and running totals.

The casualty series counts `killed`/`injured` facts with `scope == "event"` that are not
military: a figure about soldiers, troops or North Korean fighters (by `subgroup`, or by the
words that state it) is a military loss, kept in `military_losses` and never drawn as a
night's victims. Running totals (`scope == "cumulative"`) and period totals never enter.
"""

from __future__ import annotations

import pandas as pd

from stats.facts import CASUALTY_METRICS, MILITARY_SUBGROUPS

MILITARY_WORDS = (
    r"\b(?:soldiers?|troops|servicem[ae]n|servicewom[ae]n|service members?|fighters|"
    r"personnel|marines|paratroopers|mercenaries|conscripts|military (?:personnel|losses))\b"
)


def is_military(frame: pd.DataFrame) -> pd.Series:
    """True for casualty facts about the military (by subgroup or by the words stating them)."""
    casualty = frame["metric"].astype(str).isin(CASUALTY_METRICS)
    sub = frame["subgroup"].astype(object).isin(MILITARY_SUBGROUPS)
    words = frame["text"].astype(str).str.contains(MILITARY_WORDS, case=False, regex=True)
    return casualty & (sub | words)


def military_losses(frame: pd.DataFrame) -> pd.DataFrame:
    """Military casualty facts and casualty running totals: listed apart, never a night's
    victims."""
    casualty = frame["metric"].astype(str).isin(CASUALTY_METRICS)
    keep = casualty & (is_military(frame) | frame["scope"].astype(str).ne("event"))
    cols = ["doc", "event_date", "metric", "value", "qualifier", "scope", "subgroup", "text"]
    return frame.loc[keep, cols].reset_index(drop=True)
