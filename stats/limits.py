"""Limits on what one input may hold, and the date window facts must fall in.

Each limit is a named constant so the README's "Inputs" section, the messages and the tests
agree. Past a limit the document (or the corpus row, or the date) is reported by name and left
out; the run goes on.
"""

from __future__ import annotations

from datetime import date

MAX_FILE_BYTES = 64 * 1024 * 1024  # one text/HTML file or stdin; corpora stream row by row
MAX_DOC_CHARS = 16 * 1024 * 1024  # one document: a file's text or one corpus row's text
MAX_JSON_DEPTH = 32  # nesting of one JSONL row
MAX_DIGITS = 30  # digits of one JSON integer (Python refuses >4300 anyway)
SENTENCE_WINDOW = 400  # characters kept each side of a fact's text in its `sentence`
DOC_TIME_BUDGET_S = 30.0  # seconds of extraction per document before it is "too slow"
DOC_TIME_PER_MB_S = 10.0  # plus this many per million characters (time is linear in length)
MIN_YEAR = 1990  # dates before 1 January of this year are dropped
YEARS_AHEAD = 1  # dates after the end of (publication year + this) are dropped


def doc_time_budget(chars: int) -> float:
    """Seconds a document of `chars` characters may take to extract: a 10 MB document takes
    about 3 s per MB here, so the budget only stops a document that stalls."""
    return DOC_TIME_BUDGET_S + DOC_TIME_PER_MB_S * chars / 1_000_000


def date_window(published: date | None) -> tuple[date, date]:
    """The first and last day a date may take: 1990 to the end of the publication year + 1."""
    year = (published or date.today()).year
    return date(MIN_YEAR, 1, 1), date(min(year + YEARS_AHEAD, 9999), 12, 31)


def date_problem(value: date | None, published: date | None = None) -> str | None:
    """Why `value` is outside the window (a one-line message), else None."""
    if value is None:
        return None
    low, high = date_window(published)
    if low <= value <= high:
        return None
    return f"date {value.isoformat()} outside {low.year}..{high.year}, dropped"
