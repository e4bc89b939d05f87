"""Where a document names the lexicon's trigger words (cue words, say verbs, number words, date
words, breakdown prepositions): one Aho-Corasick pass over the lowercased body, in Rust.

A regex search per sentence for each word list tried a trie at every character; one pass finds
every list at once, and a sentence then asks by bisection whether a list has a word inside it.
A word counts only between word boundaries, as regex `\\b` sees them.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from ahocorasick_rs import AhoCorasick, Implementation

from stats.parse import lexicon as L
from stats.parse.dates import DATE_WORDS

# Words without which no number in a sentence becomes a fact (built from the lexicon).
CUE_WORDS = frozenset(
    list(L.VERBS_BEFORE)
    + list(L.VERBS_AFTER)
    + [p[0] for p in L.PHRASES_BEFORE]
    + [p[0] for p in L.PHRASES_AFTER]
    + list(L.WEAPON_NOUNS)
    + list(L.MODELS)
    + list(L.TROOP_NOUNS)
    + list(L.BODY_NOUNS)
    + ["toll", "number", "among", "dead", "force", "means"]
)
# Number words ("twelve", "dozens", "several"): with digits, what makes a sentence number-like.
NUMBER_WORDS = frozenset(
    [w for w in L.UNITS if L.UNITS[w]]
    + list(L.TENS)
    + list(L.SCALES)
    + list(L.VAGUE)
    + list(L.COUNT_WORDS)
)
# Words that can date a sentence ("overnight", "Tuesday's"); "this"/"last" only before "morning"
# (see _this_morning), "week", "month" and "year" never alone.
DAY_WORDS = DATE_WORDS - {"week", "month", "year", "this", "last"}

# The word lists, in the order of Hits' span fields.
_LISTS = (CUE_WORDS, L.BREAKDOWN_PREPOSITIONS, NUMBER_WORDS, DAY_WORDS, L.SAY_VERBS)
_DATES = _LISTS.index(DAY_WORDS)
_PHRASES = sorted(frozenset().union(*_LISTS))
_KINDS = [tuple(k for k, words in enumerate(_LISTS) if w in words) for w in _PHRASES]
_FINDER = AhoCorasick(_PHRASES, implementation=Implementation.DFA)


def wordy(ch: str) -> bool:
    """Whether regex `\\b` counts the character as part of a word."""
    return ch.isalnum() or ch == "_"


_WORD_BYTE = bytes(wordy(chr(c)) for c in range(128))  # wordy() of each ASCII character

if not all(wordy(w[0]) and wordy(w[-1]) for w in _PHRASES):
    raise ValueError("lexicon: a trigger word must begin and end with a word character")


@dataclass(frozen=True)
class Hits:
    """The (start, end) of every whole-word occurrence of each list in a text, each sorted."""

    cues: list[tuple[int, int]]
    breakdowns: list[tuple[int, int]]  # "over", "above", "across" (a place line's preposition)
    numbers: list[tuple[int, int]]
    dates: list[tuple[int, int]]
    says: list[tuple[int, int]]


def hits_of(low: str) -> Hits:
    """Every trigger word of the lowercased text `low`."""
    found: tuple[list[tuple[int, int]], ...] = ([], [], [], [], [])
    n = len(low)
    raw = low.encode("ascii") if low.isascii() else None
    for k, a, b in _FINDER.find_matches_as_indexes(low, overlapping=True):
        if (a and _word_at(low, raw, a - 1)) or (b < n and _word_at(low, raw, b)):
            continue
        for kind in _KINDS[k]:
            found[kind].append((a, b))
    dates = found[_DATES]
    b = low.find("morning")
    while b >= 0:
        span = _this_morning(low, b)
        if span is not None:
            dates.append(span)
        b = low.find("morning", b + 7)
    for spans in found:
        spans.sort()
    return Hits(*found)


def _word_at(low: str, raw: bytes | None, i: int) -> bool:
    """wordy(low[i]); for an ASCII text (`raw`, its bytes) by a byte table, without a str
    method call."""
    return bool(_WORD_BYTE[raw[i]]) if raw is not None else wordy(low[i])


def _this_morning(low: str, b: int) -> tuple[int, int] | None:
    """The span of "this morning" / "last morning" (any space between, whole words) whose
    "morning" starts at b: the regex `\\b(?:this|last)\\s+morning\\b`, read backwards from
    the one word it needs (sre, with no literal prefix, tried it at every character)."""
    e = b + 7
    if e < len(low) and wordy(low[e]):
        return None
    k = b
    while k > 0 and low[k - 1].isspace():  # str.isspace is sre's Unicode \\s
        k -= 1
    a = k - 4
    if k == b or a < 0 or low[a:k] not in ("this", "last") or (a and wordy(low[a - 1])):
        return None
    return a, e


def within(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    """Whether one of the sorted spans lies inside [s, e)."""
    k = bisect_left(spans, (s, -1))
    while k < len(spans) and spans[k][0] < e:
        if spans[k][1] <= e:
            return True
        k += 1
    return False
