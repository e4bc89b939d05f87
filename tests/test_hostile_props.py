"""Property tests: any string into the number and date parsers and the corpus readers, and no
exception comes out (a hostile document can only cost itself)."""

from __future__ import annotations

import io
import re
import string
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stats.facts import Document
from stats.guard import cap_sentence, checked_dates
from stats.parse import extract, scope
from stats.parse.dates import date_marks, dateline
from stats.parse.hits import _this_morning
from stats.parse.numbers import (
    _scan_ascii,
    _split_tokens,
    digit_value,
    find_quantities,
    tokenize,
)
from stats.parse.sentences import _BREAK, breaks
from stats.sources import _read_csv, _read_jsonl, _read_stream
from stats.sources.html import parse_html
from stats.sources.text import parse_date, split_header

# Text that looks like reporting: digits, separators, hedges, dates, quotes and odd characters.
WORDS = st.sampled_from(
    [
        "about",
        "at least",
        "up to",
        "drones",
        "missiles",
        "launched",
        "shot down",
        "killed",
        "on",
        "March",
        "Monday",
        "2024",
        "-",
        "−",
        ",",
        ".",
        " ",
        "\n",
        "\u2028",
        '"',
        "{",
        "[",
        "between",
        "and",
        "1,000",
        "1.200",
        "5-10",
        "tens of",
        "thousands",
        "date",
        "title",
    ]
)
TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(WORDS, st.text(string.digits, min_size=1, max_size=40)), max_size=80).map(
        " ".join
    ),
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TEXT)
def test_number_parser_takes_any_string(text):
    toks = tokenize(text)
    for q in find_quantities(toks):
        assert q.value == q.value  # not NaN
    for t in toks:
        digit_value(t.text)


# ASCII made of the characters where TOKEN's branches begin, join and end.
ASCII_TOKENS = st.text("aZ09 ,.-'_\t\n\x0b\x1c\x1f\x00:;()/", max_size=40)


@settings(max_examples=3000, deadline=None)
@given(ASCII_TOKENS, st.integers(0, 50))
def test_ascii_scanner_is_the_token_regex(text, offset):
    assert _scan_ascii(text, offset) == _split_tokens(text, offset)


@settings(max_examples=3000, deadline=None)
@given(st.text("a A1.!?\n\t\"”’')](“‘(", max_size=30))
def test_breaks_are_the_break_regex(text):
    assert breaks(text) == [m.span() for m in _BREAK.finditer(text)]


@pytest.mark.parametrize("pattern", list(scope._NEEDS), ids=lambda p: p.pattern[:25])
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_match_holds_a_needed_word(pattern, data):
    match = data.draw(st.from_regex(pattern, fullmatch=True))
    assert any(w in match for w in scope._NEEDS[pattern])


MORNINGS = st.lists(
    st.sampled_from(["this", "last", "morning", "mornings", "x", "_", " ", "\t", "\u00a0", "-"]),
    max_size=12,
).map("".join)


@settings(max_examples=2000, deadline=None)
@given(MORNINGS)
def test_this_morning_is_its_regex(low):
    expected = {m.span() for m in re.finditer(r"\b(?:this|last)\s+morning\b", low)}
    starts = [k for k in range(len(low)) if low.startswith("morning", k)]
    assert {sp for k in starts if (sp := _this_morning(low, k))} == expected


@SETTINGS
@given(TEXT, st.one_of(st.none(), st.dates()))
def test_date_parser_takes_any_string(text, ref):
    date_marks(tokenize(text), ref)
    dateline(text, ref)
    day, note = parse_date(text)
    assert (day is None) or (1990 <= day.year)
    assert day is None or note is None


@SETTINGS
@given(TEXT, st.one_of(st.none(), st.dates(min_value=date(1, 1, 1))))
def test_extract_and_guards_take_any_string(text, published):
    for fact in extract(Document(id="p", body=text, published=published)):
        fact, _ = checked_dates(cap_sentence(fact))
        for d in (fact.published, fact.event_date):
            assert d is None or 1990 <= d.year


@SETTINGS
@given(st.binary(max_size=400) | TEXT.map(str.encode))
def test_corpus_readers_take_any_bytes(data):
    for reader in (_read_jsonl, _read_csv):
        docs = list(reader(io.BytesIO(data), name="c", origin="c"))
        assert docs and all(isinstance(d, Document) for d in docs)
        assert all(d.error is None or "\n" not in d.error for d in docs)
    for suffix in (".txt", ".html", ".jsonl", ".csv"):
        assert list(_read_stream(io.BytesIO(data), "s", "s", suffix))


@SETTINGS
@given(TEXT)
def test_header_and_html_take_any_string(text):
    header, body = split_header(text)
    assert body in text
    parse_html(text, doc_id="h", origin="h")
