"""Stage 6, date: the day a draft fact belongs to (the night's morning, the strike's day, the
statement's day for totals)."""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date, timedelta

from stats.facts import CASUALTY_METRICS, WEAPON_METRICS
from stats.parse import lexicon as L
from stats.parse.hits import within
from stats.parse.numbers import Token
from stats.parse.scope import scope_of
from stats.parse.state import DocState, Draft, lows_of, marks_of, sentence_starts, tokens_of

_REVISED = frozenset({"toll", "rose", "risen", "climbed", "grew", "increased", "reached"})


def _day_named_before(st: DocState, toks: list[Token]) -> date | None:
    """The last explicit or weekday date of the three sentences before this one ("On Sunday
    ... A day earlier ...")."""
    if not toks:
        return None
    i = bisect_right(sentence_starts(st), toks[0].start) - 1
    for a, b in reversed(st.sents[max(0, i - 3) : i]):
        if within(st.hits.dates, a, b):
            named = [
                m.day
                for m in marks_of(st, a, tokens_of(st, a, b))
                if m.day and m.kind in {"explicit", "weekday"}
            ]
            if named:
                return named[-1]
    return None


def dated(toks: list[Token], d: Draft, st: DocState, scope: str, s: int) -> date | None:
    """_event_date, once per sentence and kind of fact (its derivation reads no more)."""
    marks = marks_of(st, s, toks)
    if scope == "event" and "that" in lows_of(st, toks) and (named := _back_reference(st, toks)):
        return named
    if not marks:  # most sentences name no date: the statement's day or the document's event
        return st.doc.published if d.metric == "troops" or scope != "event" else anchor(st)
    shifted = any(m.kind in {"shifted", "relative"} for m in marks)  # read per number
    key = (s, d.metric, scope, d.q.i if shifted else 0)
    if key not in st.dates:
        st.dates[key] = _event_date(toks, d, st, scope)
    return st.dates[key]


_THAT_DAY, _THAT_NIGHT = ("that", "day"), ("that", "night")


def _back_reference(st: DocState, toks: list[Token]) -> date | None:
    """The day "that day" / "that night" points back to: the day the text last named."""
    lows = lows_of(st, toks)
    pairs = set(zip(lows, lows[1:], strict=False))
    if _THAT_DAY in pairs or _THAT_NIGHT in pairs:
        return _day_named_before(st, toks)
    return None


def _stated(lows: list[str], i: int, j: int) -> bool:
    """Whether the date word at tokens i..j is the day of a statement: "said on Tuesday", "in
    his nightly address on Oct. 27", "On August 20 the president said"."""
    if i < 1 or lows[i - 1] != "on":
        return False
    if i > 1 and (lows[i - 2] in L.SAY_VERBS or lows[i - 2] in L.STATEMENT_NOUNS):
        return True
    return not L.SAY_VERBS.isdisjoint(lows[j : j + 4])


def _evening_start(lows: list[str], i: int) -> bool:
    """Whether the date at token i is the evening an attack began ("began at 19:00 on 24
    December"), which the air force counts on the next morning."""
    if i < 5 or lows[i - 1] != "on" or lows[i - 3] != ":" or not lows[i - 4].isdigit():
        return False
    starts = not L.START_WORDS.isdisjoint(lows[max(0, i - 9) : i - 4])
    return starts and int(lows[i - 4]) >= L.EVENING_HOUR


def _event_date(toks: list[Token], d: Draft, st: DocState, scope: str) -> date | None:
    marks = marks_of(st, toks[0].start, toks) if toks else []
    resolved = [m for m in marks if m.day is not None]
    lows = lows_of(st, toks)
    shifted = [m for m in resolved if m.kind == "shifted" and m.i < d.q.i]
    resolved = [m for m in resolved if m.kind != "shifted"]
    if shifted and st.ref and (base := _day_named_before(st, toks) or anchor(st)):
        # "a day earlier", "two days after <strike>": counted back from the day the text last
        # named ("On Sunday ... A day earlier ..."), else from the report's event
        return base - (st.ref - shifted[0].day)
    # "the ministry said on Tuesday": the day of the statement.
    stated = [m.day for m in resolved if _stated(lows, m.i, m.j)]
    if d.metric == "troops" or scope != "event":
        return stated[0] if stated else st.doc.published
    if stated and any(m.kind == "overnight" for m in resolved) and len(resolved) == 2:
        return stated[0]  # "overnight, the ministry said on Sunday": Sunday's night
    if stated and len(resolved) > len(stated):
        # "said on Thursday that it shot down five drones on Tuesday": the event's day
        resolved = [m for m in resolved if not _stated(lows, m.i, m.j)]
    if (
        resolved
        and d.metric in CASUALTY_METRICS
        and not _REVISED.isdisjoint(lows)
        and not any(w in L.STRIKE_WORDS for m in resolved for w in lows[max(0, m.i - 3) : m.j + 5])
    ):
        return anchor(st)  # "the toll rose to 33 on Tuesday": the strike's day, not the update's
    if resolved:
        beside = [m for m in resolved if m.kind == "relative" and d.b <= m.i <= d.b + 1]
        if beside:
            return beside[0].day  # "destroyed six more drones yesterday": that day
        for m in resolved:
            if m.kind == "weekday" and m.i > 1 and lows[m.i - 1] == "into":
                if lows[m.i - 2] in {"overnight", "night"}:
                    return m.day  # "a bombardment overnight into Friday": Friday's morning
        for m in resolved:
            if d.metric in WEAPON_METRICS and m.kind == "explicit" and _evening_start(lows, m.i):
                return m.day + timedelta(days=1)  # "began at 19:00 on 24 December": 25th
            near = lows[max(0, m.i - 3) : m.j + 5]
            if any(w in L.STRIKE_WORDS for w in near):
                return m.day
            if m.kind == "weekday" and m.i > 0 and lows[m.i - 1] in {"into", "to"}:
                return m.day  # "overnight into Friday": Friday's morning
        if d.metric in CASUALTY_METRICS and all(m.kind == "overnight" for m in resolved):
            # A toll takes the strike's date: "40 have died, officials said after more bodies
            # were found overnight" belongs to the strike the document dates.
            return anchor(st)
        explicit = [m.day for m in resolved if m.kind == "explicit"]
        if len(explicit) > 1 and d.metric in WEAPON_METRICS:
            return max(explicit)
        for kind in ("explicit", "overnight", "weekday", "relative"):
            for m in resolved:
                if m.kind == kind:
                    return m.day
    if marks and all(m.kind in {"vague", "month"} for m in marks):
        return None
    return anchor(st)


# A photo caption dates the photo, not the story: "[FILE] Rescuers at the site, May 3 / Reuters".
_CAPTION = re.compile(r"\[file\]|/ *(?:reuters|ap|afp|getty images|epa)\b")


def anchor(st: DocState) -> date | None:
    """The doc's main event date: the first resolvable date word tied to the attack, else ref."""
    if not st.anchor_done:
        st.anchor_done = True
        st.anchor = st.ref
        first: date | None = None
        for s, e in st.sents[:12]:
            if not within(st.hits.dates, s, e):
                continue
            if _CAPTION.search(st.low, s, e) or scope_of(st.low[s:e], "killed") != "event":
                continue  # the bounds of a period total ("from 24 February to 5 March")
            toks = tokens_of(st, s, e)
            marks = marks_of(st, s, toks)
            explicit = [m.day for m in marks if m.kind == "explicit" and m.day is not None]
            if len(explicit) > 1:  # a window "from 18:00 on 15 October to 09:00 on 16 October"
                st.anchor = max(explicit)
                return st.anchor
            for m in marks:
                if m.day is None or m.kind == "shifted":
                    continue
                lows = [t.low for t in toks[max(0, m.i - 6) : m.j + 5]]
                if any(w in L.STRIKE_WORDS for w in lows) or m.kind == "overnight":
                    st.anchor = m.day
                    return st.anchor
                if first is None:
                    first = m.day
        if first is not None:
            st.anchor = first
    return st.anchor
