"""Shared records and per-document caches of the parse stages: a draft fact, the document's
state (tokens, date words, places per sentence) and phrase-table lookups."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date

from stats.facts import Document
from stats.parse.dates import DATE_WORDS, date_marks
from stats.parse.hits import Hits
from stats.parse.numbers import Quantity, Token, tokenize


def alternation(words) -> str:
    """A regex matching any of `words`, as a trie: Python's re tries alternatives one by one, so
    sharing prefixes makes a long word list many times faster to search."""
    trie: dict = {}
    for w in set(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        parts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not parts:
            return ""
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


# The records below write out `__init__`: compiled, a dataclass's generated one stays a Python
# function, seven times slower to call, and they are made per candidate number.
@dataclass(init=False)
class Draft:
    q: Quantity
    metric: str
    weapon: str | None
    model: str | None
    value: float
    value_max: float | None
    qualifier: str
    a: int  # first token of the text span
    b: int  # end token of the text span
    actor_hint: str | None
    subgroup: str | None
    noun_end: int
    derived: bool  # the Y of "X of Y" or the launched of "all N shot down"
    ante_at: int | None  # sentence start of the count it points back to ("Of these, 37")

    def __init__(
        self,
        q: Quantity,
        metric: str,
        weapon: str | None,
        model: str | None,
        value: float,
        value_max: float | None,
        qualifier: str,
        a: int,
        b: int,
        actor_hint: str | None = None,
        subgroup: str | None = None,
        noun_end: int = 0,
        derived: bool = False,
        ante_at: int | None = None,
    ) -> None:
        self.q = q
        self.metric = metric
        self.weapon = weapon
        self.model = model
        self.value = value
        self.value_max = value_max
        self.qualifier = qualifier
        self.a = a
        self.b = b
        self.actor_hint = actor_hint
        self.subgroup = subgroup
        self.noun_end = noun_end
        self.derived = derived
        self.ante_at = ante_at


@dataclass(init=False)
class DocState:
    doc: Document
    ref: date | None
    hits: Hits  # where the body names trigger words
    low: str  # the body lowercased
    weapons: list[tuple[str | None, str | None, float, str | None, int]]
    weapon_at: set[int]  # the positions of `weapons`, for lookups
    claimant: str | None
    anchor: date | None
    anchor_done: bool
    sents: list[tuple[int, int]]
    starts: list[int]  # first offset of every sentence
    say_at: list[int]  # offsets of say verbs ("said")
    read_upto: int  # say verbs before this offset have been read for claimants
    toks: dict[int, list[Token]]  # tokens per sentence start
    marks: dict[int, list]  # date words per sentence start
    places: dict[int, list]  # places named per sentence start
    lows: dict[int, list[str]]  # lowercased words per sentence
    scopes: dict[int, str]  # scope of weapon counts per sentence
    sent_scope: dict[tuple[int, bool], str]  # _scope per sentence
    sent_weapon: dict[int, str | None]  # casualty weapon
    dates: dict[tuple, date | None]  # _event_date per sentence
    in_russia: bool | None  # see _in_russia
    last_metric: str | None  # metric of the latest weapon count (for breakdowns)

    def __init__(
        self,
        doc: Document,
        ref: date | None,
        hits: Hits,
        low: str = "",
        sents: list[tuple[int, int]] | None = None,
    ) -> None:
        self.doc = doc
        self.ref = ref
        self.hits = hits
        self.low = low
        self.weapons = []
        self.weapon_at = set()
        self.claimant = None
        self.anchor = None
        self.anchor_done = False
        self.sents = [] if sents is None else sents
        self.starts = []
        self.say_at = []
        self.read_upto = 0
        self.toks = {}
        self.marks = {}
        self.places = {}
        self.lows = {}
        self.scopes = {}
        self.sent_scope = {}
        self.sent_weapon = {}
        self.dates = {}
        self.in_russia = None
        self.last_metric = None


# The memos of sentences this far behind the one being read are let go: the stages look back
# at most three sentences (and at a say verb's sentence, whose words are found again). A 10 MB
# document kept every sentence's tokens, 270 MB.
KEEP_BEHIND = 16
FORGET_AT = 512  # tokenized sentences held before the old ones are let go


def sentence_starts(st: DocState) -> list[int]:
    """The first offset of every sentence, made once, when a stage first needs it."""
    if not st.starts:
        st.starts = [a for a, _ in st.sents]
    return st.starts


def forget_behind(st: DocState, s: int) -> None:
    """Let go of the tokens, words, date words and places of the sentences that start
    KEEP_BEHIND sentences or more before offset `s` (made again, the same, if read again)."""
    starts = sentence_starts(st)
    cut = starts[max(0, bisect_left(starts, s) - KEEP_BEHIND)]
    st.toks = {k: v for k, v in st.toks.items() if k >= cut}
    st.lows = {k: v for k, v in st.lows.items() if k >= cut}
    st.marks = {k: v for k, v in st.marks.items() if k >= cut}
    st.places = {k: v for k, v in st.places.items() if k >= cut}


def lower_body(body: str) -> str:
    """The body lowercased with every offset kept ("İ" lowercases to two characters)."""
    low = body.lower()
    if len(low) == len(body):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in body)


def tokens_of(st: DocState, s: int, e: int) -> list[Token]:
    toks = st.toks.get(s)
    if toks is None:
        toks = st.toks[s] = tokenize(st.doc.body, s, e)
    return toks


def lows_of(st: DocState, toks: list[Token]) -> list[str]:
    """The lowercased words of a sentence's tokens, made once per sentence."""
    key = toks[0].start if toks else -1
    lows = st.lows.get(key)
    if lows is None:
        lows = st.lows[key] = [t.low for t in toks]
    return lows


def marks_of(st: DocState, s: int, toks: list[Token]) -> list:
    marks = st.marks.get(s)
    if marks is None:
        hinted = not DATE_WORDS.isdisjoint(lows_of(st, toks))
        marks = st.marks[s] = date_marks(toks, st.ref) if hinted else []
    return marks


_EDGE_WORDS: dict[int, tuple[set[str], set[str]]] = {}


def _edges(table: dict[tuple[str, ...], str]) -> tuple[set[str], set[str]]:
    """The first and the last words of a phrase table's keys (a cheap test before slicing)."""
    got = _EDGE_WORDS.get(id(table))
    if got is None:
        got = _EDGE_WORDS[id(table)] = ({k[0] for k in table}, {k[-1] for k in table})
    return got


def match_back(
    toks: list[Token], end: int, table: dict[tuple[str, ...], str]
) -> tuple[str, int] | None:
    """A phrase of `table` ending just before token `end`: (value, start index)."""
    if end < 1 or toks[end - 1].low not in _edges(table)[1]:
        return None
    for size in (4, 3, 2, 1):
        if end - size < 0:
            continue
        key = tuple(t.low for t in toks[end - size : end])
        if key in table:
            return table[key], end - size
    return None


def match_fwd(
    toks: list[Token], start: int, table: dict[tuple[str, ...], str]
) -> tuple[str, int] | None:
    """A phrase of `table` starting at token `start`: (value, index after it)."""
    if start >= len(toks) or toks[start].low not in _edges(table)[0]:
        return None
    for size in (3, 2, 1):
        key = tuple(t.low for t in toks[start : start + size])
        if len(key) == size and key in table:
            return table[key], start + size
    return None
