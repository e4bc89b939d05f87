"""Event dates: words such as "overnight", "on Wednesday", "on 12 November" -> a date.

Resolved against a reference date (the publication date, or a dateline such as "KYIV, July 9:"),
never into the future of the reference. Time zones do not move a date: only calendar words are
read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from stats.parse.lexicon import MONTHS, UNITS, WEEKDAYS
from stats.parse.numbers import Token

_DATELINE = re.compile(
    r"^\s*[A-Z][A-Za-z .'-]{1,40},\s+(?:[A-Z][a-z]+\s+)?"
    r"(January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+(\d{1,2})\b"
)
_YEAR = re.compile(r"(19|20)\d\d")
# A superset of the words date_marks reads: a sentence without one has no date marks.
_HINTS = [
    *MONTHS,
    *WEEKDAYS,
    *("overnight", "tonight", "today", "yesterday", "weekend", "night", "day", "days"),
]
DATE_WORDS = frozenset(
    [*_HINTS, *(w + "'s" for w in _HINTS), *(w + "’s" for w in _HINTS)]
    + ["week", "month", "year", "this", "last"]
)


@dataclass(frozen=True)
class DateMark:
    """A date word in a sentence: token span [i, j), the resolved date (None when vague or the
    year is unknown) and its kind: explicit, weekday, relative, overnight, vague, this (week,
    month, year), shifted ("a day earlier": that many days before the report's event)."""

    i: int
    j: int
    day: date | None
    kind: str


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _in_year(ref: date | None, month: int, day: int, year: int | None) -> date | None:
    """A day-month resolved to the latest such date not after `ref` (unless a year is given)."""
    if year:
        return _safe_date(year, month, day)
    if ref is None:
        return None
    d = _safe_date(ref.year, month, day)
    if d and d > ref + timedelta(days=1):
        d = _safe_date(ref.year - 1, month, day)
    return d


def last_weekday(ref: date, weekday: int) -> date:
    """The latest date on or before `ref` that falls on `weekday` (Monday = 0)."""
    return ref - timedelta(days=(ref.weekday() - weekday) % 7)


def dateline(body: str, published: date | None) -> date | None:
    """The date of a dateline that opens the body ("KYIV, July 9: ..."), else None."""
    m = _DATELINE.match(body[:120])
    if not m:
        return None
    return _in_year(published, MONTHS[m.group(1).lower()], int(m.group(2)), None)


def _year_at(toks: list[Token], k: int) -> int | None:
    if k < len(toks) and _YEAR.fullmatch(toks[k].text):
        return int(toks[k].text)
    if k + 1 < len(toks) and toks[k].text == "," and _YEAR.fullmatch(toks[k + 1].text):
        return int(toks[k + 1].text)
    return None


_DAY_SHIFT = {"earlier", "before", "ago", "after", "prior"}
_NIGHT = re.compile(r"(\d{1,2})[-–/](\d{1,2})")


def _day(text: str) -> int | None:
    """The day a token names: "12" -> 12, a night "9-10" -> 10 (its morning), else None."""
    if text.isdigit() and len(text) <= 2:
        return int(text)
    m = _NIGHT.fullmatch(text)
    if m and int(m.group(2)) == int(m.group(1)) + 1:
        return int(m.group(2))
    return None


def date_marks(toks: list[Token], ref: date | None) -> list[DateMark]:
    """The date words of one sentence, resolved against `ref`."""
    out: list[DateMark] = []
    n = len(toks)
    for k, t in enumerate(toks):
        w = t.low.removesuffix("'s").removesuffix("’s")
        if w in MONTHS and (len(w) > 3 or t.text[0].isupper()):
            month = MONTHS[w]
            if w == "may" and t.text == "may":
                continue
            # "12 November (2024)" or "November 12(, 2024)" or "the night of September 21";
            # a night "November 9-10" / "9-10 November" takes its morning; "Nov. 11" its day.
            nk = k + 2 if k + 2 < n and toks[k + 1].text == "." and len(w) <= 4 else k + 1
            if k > 0 and (d := _day(toks[k - 1].text)):
                day, i, j = d, k - 1, k + 1
            elif nk < n and (d := _day(toks[nk].text)):
                day, i, j = d, k, nk + 1
                # "the night of November 12 to 13": the morning it ended
                if j + 1 < n and toks[j].low in {"to", "into"} and (d2 := _day(toks[j + 1].text)):
                    if d2 == day + 1:
                        day, j = d2, j + 2
            else:
                year = _year_at(toks, k + 1)
                out.append(DateMark(k, k + (2 if year else 1), None, "month"))
                continue
            year = _year_at(toks, j)
            out.append(
                DateMark(i, j + (0 if not year else 1), _in_year(ref, month, day, year), "explicit")
            )
        elif w in WEEKDAYS:
            wday: date | None = last_weekday(ref, WEEKDAYS[w]) if ref else None
            if wday and ref and k + 1 < n and toks[k + 1].low == "night" and wday < ref:
                wday += timedelta(days=1)  # "on Monday night": the night ends Tuesday morning
            out.append(DateMark(k, k + 1, wday, "weekday"))
        elif (
            w in {"overnight", "tonight", "today"}
            or (w in {"this", "last"} and k + 1 < n and toks[k + 1].low in {"morning", "night"})
            or (  # "during the night", "in the night", "at night"
                w == "night"
                and k > 0
                and (
                    toks[k - 1].low == "at"
                    or (k > 1 and toks[k - 1].low == "the" and toks[k - 2].low in {"during", "in"})
                )
                and not (k + 1 < n and toks[k + 1].low == "of")
            )
        ):
            out.append(DateMark(k, k + 1, ref, "overnight"))
        elif w in {"day", "days"} and k + 1 < n and toks[k + 1].low in _DAY_SHIFT:
            # "a day earlier", "two days before", "three days ago", "a day after <event>": the
            # event named is that many days before the report's day
            prev = toks[k - 1].low if k else ""
            count = 1 if prev in {"a", "the", "previous"} else UNITS.get(prev)
            if prev.isdigit() and len(prev) <= 2:
                count = int(prev)
            if count and ref:
                out.append(DateMark(k - 1, k + 2, ref - timedelta(days=count), "shifted"))
        elif w == "yesterday":
            out.append(DateMark(k, k + 1, ref - timedelta(days=1) if ref else None, "relative"))
        elif w == "weekend" and ref:
            out.append(DateMark(k, k + 1, last_weekday(ref - timedelta(days=1), 5), "weekday"))
        elif (
            w in {"week", "month", "year"} and k > 0 and toks[k - 1].low in {"this", "last", "past"}
        ):
            # "last week" names no day; "this year" contains the report's own day
            kind = "this" if toks[k - 1].low == "this" else "vague"
            out.append(DateMark(k - 1, k + 1, None, kind))
    return out
