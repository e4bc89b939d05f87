"""Stage 1, candidates: which number phrases may be counts at all (not clock times, dates,
money, ages, rates or forecasts), and the cheap per-sentence cues that gate reading."""

from __future__ import annotations

import re

from stats.parse import lexicon as L
from stats.parse.hits import within
from stats.parse.numbers import Quantity, Token
from stats.parse.state import alternation

PEOPLE = L.PEOPLE_NOUNS | L.SINGULAR_PEOPLE
# Words without which a sentence states no count: digits, number words (from the lexicon)
# and an article or "another" a few words before something counted ("an Iskander-M",
# "another drone", "a 52-year-old woman").
_COUNTED = sorted(set(L.WEAPON_NOUNS) | set(L.MODELS) | PEOPLE)
# Past digits and number words (hits.NUMBER_WORDS), the article branch is the slow one: it is
# searched only in a sentence with neither.
_ARTICLE_COUNT = re.compile(
    r"\b(?:an?|another|single)\s+(?:[^\s.]+\s+){0,3}?(?:[a-z]{1,4}-\d|(?:"
    + alternation(_COUNTED)
    + r")\b)"
)
_DIGIT = re.compile(r"\d")


def number_like(low: str, s: int, e: int, numbers: list[tuple[int, int]]) -> bool:
    """Whether the lowercased text low[s:e] holds a digit or a number-like word (`numbers`:
    the number words of `low`, from hits.hits_of)."""
    return bool(
        _DIGIT.search(low, s, e) or within(numbers, s, e) or _ARTICLE_COUNT.search(low, s, e)
    )


_YEARLIKE = re.compile(r"(?:19|20)\d\d")

RATE = {
    ("a", "night"),
    ("a", "day"),
    ("per", "day"),
    ("per", "night"),
    ("each", "night"),
    ("every", "night"),
    ("a", "week"),
    ("per", "week"),
    ("a", "month"),
    ("per", "month"),
}


def _in_age_list(toks: list[Token], h: int) -> bool:
    """Whether the number at token h is an age after "aged": "aged 45", "aged 50 and 67",
    "aged 8, 12 and 17"."""
    k = h - 1
    while k >= 0 and h - k <= 8 and (toks[k].text[:1].isdigit() or toks[k].low in {"and", ","}):
        k -= 1
    return k >= 0 and toks[k].low in {"aged", "ages"} and (h - k) <= 8


def excluded(toks: list[Token], q: Quantity) -> bool:
    """Numbers that are clock times, dates, money, percentages, years or zero."""
    if q.article:
        return False
    n = len(toks)
    nxt = toks[q.j].low if q.j < n else ""
    prv = toks[q.h - 1].low if q.h > 0 else ""
    if q.value == 0 or q.value % 1:
        return True  # no count is zero or a fraction: "the 11.11 strike"
    if (
        q.h >= 2
        and toks[q.h - 2].low in L.AGE_HOLDERS
        and (prv == "of" or (prv == "," and nxt in {",", "."}))
    ):
        return True  # an age: "a man of 58", "a pregnant woman, 35, was hurt"
    if (
        nxt == "/"
        and q.j + 1 < n
        and toks[q.j + 1].text[:1].isdigit()
        and toks[q.j].start == toks[q.j - 1].end
    ):
        return True  # a date or a ratio: "the 11/11 strike", "3/3"
    if _in_age_list(toks, q.h):
        return True
    if prv in {"$", "€", "£", "no", "number", "№", "#", "uah", "usd"} or nxt in {
        "%",
        "percent",
        "per",
        "$",
        "bn",
        "m",
    }:
        return True
    if _clock_time(toks, q, prv, nxt):
        return True
    if (
        nxt in L.MONTHS
        and toks[q.j].text[:1].isupper()
        or prv in L.MONTHS
        and q.h == q.i  # "October 12", not "In October at least 500"
        and toks[q.h - 1].text[:1].isupper()
    ):
        return True
    if _YEARLIKE.fullmatch(toks[q.i].text) and q.j == q.i + 1:
        return nxt not in L.WEAPON_NOUNS and nxt not in PEOPLE and nxt not in L.NOUN_MODIFIERS
    if (
        q.h > 1
        and toks[q.h - 1].text in {"-", "/"}
        and toks[q.h - 2].end == toks[q.h - 1].start
        and toks[q.h - 2].text[-1:].isalnum()
    ):
        return True  # the tail of a model number: "Tu-95", "Shahed-136/131", "Kh-59/69"
    if (
        q.value == 1
        and nxt == "of"
        and q.j + 1 < n
        and toks[q.j + 1].low in {"the", "them", "those", "its"}
    ):
        return True  # "one of the drones": a member, not a count
    if (
        nxt == "of"
        and q.j + 2 < n
        and toks[q.j + 1].low == "the"
        and toks[q.j + 2].low in {"dead", "injured", "wounded", "victims", "killed"}
        and not (q.j + 4 < n and toks[q.j + 4].low in L.SUBGROUPS)
    ):
        return True  # "Seven of the dead have yet to be identified": a part, not a count
    return False


FORECAST_WORDS = frozenset(L.FORECAST_CUES) | frozenset(L.NEGATIONS)


_DENIALS = frozenset({"not", "never", "n't", "neither", "none"})


def negated(lows: list[str], q: Quantity, b: int) -> bool:
    """Whether the predicate after q is denied: "was not intercepted", "neither ... was"."""
    if _DENIALS.isdisjoint(lows):
        return False
    if not {"not", "never", "n't"}.isdisjoint(lows[q.j2 : b]):
        return True
    return not {"neither", "none"}.isdisjoint(lows[max(0, q.h - 8) : q.h])


def forecast(toks: list[Token], q: Quantity) -> bool:
    lo = max(0, q.h - 12)
    for t in toks[lo : q.h]:
        if t.low in L.FORECAST_CUES and not (t.low == "may" and t.text == "May"):
            return True
    for t in toks[max(0, q.h - 3) : q.h]:
        if t.low in L.NEGATIONS:
            return True
    return False


_CLOCK_AFTER = frozenset(
    {"am", "pm", "a", "p", "gmt", "utc", "edt", "est", "cet", "eet", "h", "hrs"}
)


def _clock_time(toks: list[Token], q: Quantity, prv: str, nxt: str) -> bool:
    """A clock time: "03:15" (a colon touching the digits), "3 am", "18:00 GMT"."""
    n = len(toks)
    touching_colon = (
        nxt == ":"
        and toks[q.j].start == toks[q.j - 1].end
        and q.j + 1 < n
        and toks[q.j + 1].start == toks[q.j].end
    ) or (
        prv == ":"
        and q.h > 1
        and toks[q.h - 1].start == toks[q.h - 2].end
        and toks[q.h].start == toks[q.h - 1].end
    )
    if not touching_colon and nxt not in _CLOCK_AFTER:
        return False
    return not (nxt in {"a", "p"} and not (q.j + 1 < n and toks[q.j + 1].text == "."))
