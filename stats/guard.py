"""Guards between the parser and a run: one document's time, and each fact's dates and size.

The parser (`stats.parse`) reads text; these checks keep what a hostile document can do to a
run bounded: extraction gets `doc_time_budget` seconds (30 s plus 10 s per million
characters), a fact's `sentence` is cut to `SENTENCE_WINDOW` characters each side of its text,
a date outside the window is dropped (the fact stays, undated), and a number written with a
minus sign is not read as a count.
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace

from stats.facts import Document, Fact
from stats.limits import SENTENCE_WINDOW, date_problem, doc_time_budget

_FIRST_DIGIT = re.compile(r"\d")
_MINUS = {"-", "\u2212"}
_REARM_S = 0.01


class TooSlow(Exception):
    """Extraction of one document ran past its time budget."""


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise TooSlow in the block after `seconds` (SIGALRM; a no-op off the main thread).

    An exception raised by a signal handler is swallowed when it lands in a weakref callback
    or a `__del__`, so the alarm re-arms itself every `_REARM_S` until one reaches the block,
    and a block that still returns after the deadline raises TooSlow on the way out.
    """
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or seconds <= 0:
        yield
        return
    message = f"too slow: extraction ran past {seconds:g} s"
    expired = False

    def alarm(signum, frame):
        nonlocal expired
        expired = True
        signal.setitimer(signal.ITIMER_REAL, _REARM_S)
        raise TooSlow(message)

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if expired:
        raise TooSlow(message)


def bounded_extract(
    doc: Document, extract: Callable[[Document], list[Fact]], seconds: float | None = None
) -> list[Fact]:
    """`extract(doc)` within `seconds` (default: `doc_time_budget` of its length); raises
    TooSlow past it."""
    with time_budget(doc_time_budget(len(doc.body)) if seconds is None else seconds):
        return extract(doc)


def cap_sentence(fact: Fact, window: int = SENTENCE_WINDOW) -> Fact:
    """The fact with its sentence cut to `window` characters each side of its text ("…" marks
    a cut), so one huge sentence cannot be copied into every fact it holds."""
    s = fact.sentence
    if len(s) <= 2 * window + len(fact.text):
        return fact
    i = max(s.find(fact.text), 0)
    lo, hi = max(i - window, 0), min(i + len(fact.text) + window, len(s))
    cut = ("…" if lo else "") + s[lo:hi] + ("…" if hi < len(s) else "")
    return replace(fact, sentence=cut)


def negative_number(fact: Fact, body: str) -> str | None:
    """The fact's text with its minus sign ("-5 drones") when its number is written with one
    (not a hyphen), else None."""
    m = _FIRST_DIGIT.search(fact.text)
    if not m or body[fact.start : fact.end] != fact.text:
        return None
    pos = fact.start + m.start()
    if pos >= 1 and body[pos - 1] in _MINUS and (pos < 2 or not body[pos - 2].isalnum()):
        return body[min(fact.start, pos - 1) : fact.end]
    return None


def checked_dates(fact: Fact) -> tuple[Fact, list[str]]:
    """The fact with any date outside the window dropped, and a message per dropped date."""
    notes = []
    published = fact.published
    if problem := date_problem(published):
        notes.append(f"published {problem}")
        published = None
        fact = replace(fact, published=None)
    if problem := date_problem(fact.event_date, published):
        notes.append(f"event {problem} in «{fact.text[:80]}»")
        fact = replace(fact, event_date=None)
    return fact, notes
