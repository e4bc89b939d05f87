"""Sentence -> facts: the rules that decide what a number counts, and who, when and where.

Each number phrase found by `numbers.find_quantities` becomes a fact only when the words
around it say both what is counted (a weapon, people, troops; or an earlier noun it points
back to) and what happened to it (a metric cue before or after it, or a list it continues).
Everything else (ages, populations, places, durations, money, forecasts) is left out.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date

from stats.facts import CASUALTY_METRICS, FAMILY, WEAPON_METRICS, Document, Fact
from stats.parse import lexicon as L
from stats.parse.claimants import claimant
from stats.parse.context import not_this_war
from stats.parse.dates import DATE_WORDS, date_marks, dateline
from stats.parse.numbers import TOKEN, Quantity, Token, find_quantities, tokenize
from stats.parse.places import location, places_in
from stats.parse.scope import SCOPE_WORDS, YEAR, scope_of
from stats.parse.sentences import sentences

_AGE = re.compile(r"(?:\d+|[a-z]+(?:-[a-z]+)?)[-–](?:year|month|week|day)[-–]olds?|year[-–]olds?")
_AUXILIARIES = {"are", "is", "were", "was", "remain", "remained", "remains", "have", "has", "had"}
_ELSEWHERE = {
    "back",
    "belarus",
    "moldova",
    "poland",
    "romania",
    "hungary",
    "slovakia",
    "russia",
    "belarusian",
    "moldovan",
    "polish",
    "romanian",
    "airspace",
}
_DESIGNATION = re.compile(r"[a-z]{1,4}-\d+[a-z0-9]*")  # Tu-95MS, Su-34, Kh-101
_YEARLIKE = re.compile(r"(?:19|20)\d\d")


def _alternation(words) -> str:
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


# Words without which no number in a sentence becomes a fact (built from the lexicon).
_CUES = re.compile(
    r"\b(?:"
    + _alternation(
        list(L.VERBS_BEFORE)
        + list(L.VERBS_AFTER)
        + [p[0] for p in L.PHRASES_BEFORE]
        + [p[0] for p in L.PHRASES_AFTER]
        + list(L.WEAPON_NOUNS)
        + list(L.MODELS)
        + list(L.TROOP_NOUNS)
        + ["toll", "number", "among", "dead", "force", "means"]
    )
    + r")\b"
)
# A date word that can resolve to a day (what the document's anchor date is looked for by).
_DATE_WORD = re.compile(  # searched in the lowercased body
    r"\b(?:(?:this|last)\s+(?:morning|night)|"
    + _alternation([w for w in DATE_WORDS if w not in {"week", "month", "year", "this", "last"}])
    + r")\b"
)
_SAY = re.compile(r"\b(?:" + _alternation(L.SAY_VERBS) + r")\b")
_MODIFIERS = {
    "russian",
    "ukrainian",
    "russia's",
    "ukraine's",
    "enemy",
    "strike",
    "attack",
    "kamikaze",
    "combat",
    "long-range",
    "more",
    "other",
    "further",
    "additional",
    "new",
    "air",
    "aerial",
    "guided",
    "cruise",
    "ballistic",
    "decoy",
    "unmanned",
    "anti-aircraft",
    "air-launched",
    "sea-launched",
    "hypersonic",
    "north",
    "korean",
    "of",
    "the",
    "them",
    "those",
    "these",
    "strategic",
    "tactical",
    "type",
    "iranian-made",
    "iranian",
    "iranian-designed",
    "surface-to-air",
    "anti-ship",
    "heavy",
    "young",
    "elderly",
    "pregnant",
    "local",
    "imitator",
    "jet-powered",
    "fixed-wing",
    "glide",
    "naval",
    "sea",
    "maritime",
    "medical",
    "shadow",
    "attack-type",
    "reconnaissance",
    "enemy's",
    "its",
    "their",
    "his",
    "her",
    "fellow",
    "innocent",
    "little",
    "small",
    "teenage",
    "adult",
    "french",
    "american",
    "western",
    "chinese",
    "kh",
    "special",
    "aero-ballistic",
    "various",
    "record",
    "and",
    "-",
    "\u2013",
}
# A weapon noun followed by one of these names the attack, not a count of weapons.
_ATTRIBUTIVE = {
    "attack",
    "attacks",
    "strike",
    "strikes",
    "assault",
    "raid",
    "raids",
    "debris",
    "fragments",
    "wreckage",
    "alert",
    "alerts",
    "operators",
    "units",
    "production",
    "factory",
    "factories",
    "launch",
    "launchers",
    "sites",
    "site",
    "warning",
    "threat",
    "danger",
    "shelter",
    "barrage",
    "impact",
    "terror",
}
_PEOPLE = L.PEOPLE_NOUNS | L.SINGULAR_PEOPLE
# Words without which a sentence states no count: digits, number words (from the lexicon)
# and an article or "another" a few words before something counted ("an Iskander-M",
# "another drone", "a 52-year-old woman").
_COUNTED = sorted(set(L.WEAPON_NOUNS) | set(L.MODELS) | _PEOPLE)
_CANDIDATE = re.compile(
    r"\d+|\b(?:"
    + _alternation(
        [w for w in L.UNITS if L.UNITS[w]]
        + list(L.TENS)
        + list(L.SCALES)
        + list(L.VAGUE)
        + list(L.COUNT_WORDS)
    )
    + r")\b|\b(?:an?|another|single)\s+(?:[^\s.]+\s+){0,3}?(?:[a-z]{1,4}-\d|(?:"
    + _alternation(_COUNTED)
    + r")\b)"
)
_PREDICATE_WORDS = {"dead", "injured", "wounded", "more", "killed"}
_CONJ = {
    "and",
    ",",
    ":",
    "-",
    "–",
    "—",
    "plus",
    "together",
    "with",
    "as",
    "well",
    "along",
    "another",
    "&",
}
_SUBGROUP_BEFORE = {("including",), ("among", "them"), ("among", "whom"), ("of", "whom"), ("incl",)}
_SUBGROUP_AFTER = {("of", "them"), ("of", "whom"), ("among", "them"), ("among", "whom")}
_RATE = {
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
_STRIKE_WORDS = {
    "strike",
    "strikes",
    "attack",
    "attacks",
    "struck",
    "hit",
    "assault",
    "shelling",
    "bombardment",
    "raid",
}


@dataclass
class _Draft:
    q: Quantity
    metric: str
    weapon: str | None
    model: str | None
    value: float
    value_max: float | None
    qualifier: str
    a: int  # first token of the text span
    b: int  # end token of the text span
    actor_hint: str | None = None
    subgroup: str | None = None
    noun_end: int = 0
    derived: bool = False  # the Y of "X of Y" or the launched of "all N shot down"
    ante_at: int | None = None  # sentence start of the count it points back to ("Of these, 37")


@dataclass
class _DocState:
    doc: Document
    ref: date | None
    low: str = ""  # the body lowercased
    weapons: list[tuple[str, str | None, float, str | None, int]] = field(default_factory=list)
    claimant: str | None = None
    anchor: date | None = None
    anchor_done: bool = False
    sents: list[tuple[int, int]] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)  # first offset of every sentence
    say_at: list[int] = field(default_factory=list)  # offsets of say verbs ("said")
    read_upto: int = 0  # say verbs before this offset have been read for claimants
    toks: dict[int, list[Token]] = field(default_factory=dict)  # tokens per sentence start
    marks: dict[int, list] = field(default_factory=dict)  # date words per sentence start
    places: dict[int, list] = field(default_factory=dict)  # places named per sentence start
    lows: dict[int, list[str]] = field(default_factory=dict)  # lowercased words per sentence
    scopes: dict[int, str] = field(default_factory=dict)  # scope of weapon counts per sentence
    sent_scope: dict[tuple[int, bool], str] = field(default_factory=dict)  # _scope per sentence
    dates: dict[tuple, date | None] = field(default_factory=dict)  # _event_date per sentence
    in_russia: bool | None = None  # see _in_russia


def extract(doc: Document) -> list[Fact]:
    """Every fact a document states (none for a document that could not be read)."""
    if doc.error:
        return []
    if doc.record is not None:
        from stats.sources.airforce import record_facts

        return record_facts(doc)
    body = doc.body
    low = _lower(body)
    # Only sentences holding both a word that can make a number a fact (a metric verb, a
    # weapon or troop noun) and a number-like word are read closely: a regex search each per
    # sentence, instead of tokens for every sentence; a text with neither is not split at all.
    if not _CUES.search(low) or not _CANDIDATE.search(low):
        return []
    ref = dateline(body, doc.published) or doc.published
    st = _DocState(doc=doc, ref=ref, sents=sentences(body), low=low)
    st.say_at = [m.start() for m in _SAY.finditer(low)]
    number, cue = _CANDIDATE.search, _CUES.search
    out: list[Fact] = []
    for s, e in st.sents:
        if cue(low, s, e) and number(low, s, e):
            out.extend(_sentence_facts(body, s, e, st))
    return out


def _lower(body: str) -> str:
    """The body lowercased with every offset kept ("İ" lowercases to two characters)."""
    low = body.lower()
    if len(low) == len(body):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in body)


def _tokens(st: _DocState, s: int, e: int) -> list[Token]:
    toks = st.toks.get(s)
    if toks is None:
        toks = st.toks[s] = tokenize(st.doc.body, s, e)
    return toks


def _lows(st: _DocState, toks: list[Token]) -> list[str]:
    """The lowercased words of a sentence's tokens, made once per sentence."""
    key = toks[0].start if toks else -1
    lows = st.lows.get(key)
    if lows is None:
        lows = st.lows[key] = [t.low for t in toks]
    return lows


def _marks(st: _DocState, s: int, toks: list[Token]) -> list:
    marks = st.marks.get(s)
    if marks is None:
        hinted = not DATE_WORDS.isdisjoint(_lows(st, toks))
        marks = st.marks[s] = date_marks(toks, st.ref) if hinted else []
    return marks


_EDGE_WORDS: dict[int, tuple[set[str], set[str]]] = {}


def _edges(table: dict[tuple[str, ...], str]) -> tuple[set[str], set[str]]:
    """The first and the last words of a phrase table's keys (a cheap test before slicing)."""
    got = _EDGE_WORDS.get(id(table))
    if got is None:
        got = _EDGE_WORDS[id(table)] = ({k[0] for k in table}, {k[-1] for k in table})
    return got


def _match_back(
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


def _match_fwd(
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


def _in_age_list(toks: list[Token], h: int) -> bool:
    """Whether the number at token h is an age after "aged": "aged 45", "aged 50 and 67",
    "aged 8, 12 and 17"."""
    k = h - 1
    while k >= 0 and h - k <= 8 and (toks[k].text[:1].isdigit() or toks[k].low in {"and", ","}):
        k -= 1
    return k >= 0 and toks[k].low in {"aged", "ages"} and (h - k) <= 8


def _excluded(toks: list[Token], q: Quantity) -> bool:
    """Numbers that are clock times, dates, money, percentages, years or zero."""
    if q.article:
        return False
    n = len(toks)
    nxt = toks[q.j].low if q.j < n else ""
    prv = toks[q.h - 1].low if q.h > 0 else ""
    if q.value == 0 or q.value % 1:
        return True  # no count is zero or a fraction: "the 11.11 strike"
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
    # A clock time: "03:15" (a colon touching the digits), "3 am", "18:00 GMT".
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
    if touching_colon or nxt in {
        "am",
        "pm",
        "a",
        "p",
        "gmt",
        "utc",
        "edt",
        "est",
        "cet",
        "eet",
        "h",
        "hrs",
    }:
        if nxt in {"a", "p"} and not (q.j + 1 < n and toks[q.j + 1].text == "."):
            pass
        else:
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
        return nxt not in L.WEAPON_NOUNS and nxt not in _PEOPLE and nxt not in _MODIFIERS
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


@dataclass
class _Noun:
    kind: str | None  # weapon, people, other, or None
    weapon: str | None = None
    model: str | None = None
    word: str = ""
    end: int = 0  # token after the noun (or after the scanned modifiers when no noun)
    actor: str | None = None
    subgroup: str | None = None
    korean: bool = False
    number_of: str | None = None  # the metric implied by "the number of X ... at N"
    start: int | None = None  # where a phrase before the number starts ("the death toll ...")


# Words that end a noun phrase rather than modify its noun.
_NOT_ADJECTIVE = (
    set(L.VERBS_BEFORE)
    | set(L.VERBS_AFTER)
    | set(L.GAP_AFTER)
    | set(L.SAY_VERBS)
    | {
        "and",
        "or",
        "but",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "with",
        "by",
        "as",
        "than",
        "that",
        "who",
        "which",
        "were",
        "was",
        "are",
        "is",
        "had",
        "have",
        "has",
    }
)


def _noun_after(toks: list[Token], k: int) -> _Noun:
    n = len(toks)
    model = None
    adj: set[str] = set()
    actor = None
    korean = False
    steps = 0
    start = k
    model_end = k
    while k < n and steps < 7:
        t = toks[k]
        w = t.low
        if w == "/" and k > start and toks[k - 1].end == t.start:
            k += 2  # "Shahed-136/131", "Iskander-M/KN-23": the rest of a designation
            model_end = k if model else model_end
            steps += 1
            continue
        if w not in L.MODELS and w.endswith("s") and w[:-1] in L.MODELS:
            w = w[:-1]  # "6 Kh-101s"
        if w not in L.MODELS and "-" in w and w.partition("-")[0] in L.MODELS:
            w = w.partition("-")[0]  # a variant: "Neptune-MD", "Kinzhal-M"
        elif w not in L.WEAPON_NOUNS and "-" in w and w.rpartition("-")[2] in L.WEAPON_NOUNS:
            w = w.rpartition("-")[2]  # "imitator-drones", "kamikaze-drones"
        if w in {"vehicle", "vehicles"} and not adj & {"aerial", "unmanned"}:
            return _Noun("other", end=k + 1)  # armour, cars: not an air weapon
        if w == "means" and k > start and toks[k - 1].low == "attack":
            return _Noun("weapon", "any", None, w, k + 1, actor)  # "62 air attack means"
        if w in L.MODELS and w not in L.WEAPON_NOUNS:
            model = L.MODELS[w]
            model_end = k + 1
        elif (
            w in {"means", "weapons"}
            and k + 2 < n
            and toks[k + 1].low == "of"
            and toks[k + 2].low in {"air", "aerial"}
        ):
            return _Noun("weapon", "any", None, w, min(n, k + 4), actor)
        elif w in L.WEAPON_NOUNS:
            # "Shahed and decoy drones", "Shahed drones": prefer a plural noun just after.
            if w in L.MODELS:
                model = L.MODELS[w]
            k2 = k + 1
            while (
                k2 < n
                and k2 <= k + 4
                and (
                    toks[k2].low in _MODIFIERS
                    or toks[k2].low in L.MODELS
                    or toks[k2].low in _ATTRIBUTIVE
                )
            ):
                k2 += 1
            if (
                w in L.MODELS
                and k2 < n
                and k2 > k + 1
                and toks[k2].low in L.WEAPON_NOUNS
                and L.WEAPON_NOUNS[toks[k2].low] != "any"
            ):
                k = k2  # "Shahed attack drones", "Shahed and decoy drones"
                w = toks[k].low
            elif k + 1 < n and toks[k + 1].low in L.WEAPON_NOUNS:
                k += 1
                w = toks[k].low
            if k + 1 < n and toks[k + 1].low in _ATTRIBUTIVE:
                return _Noun("other", end=k + 2)
            # "missiles and drones" together: a mixed total.
            if k + 2 < n and toks[k + 1].low in {"and", "or"} and toks[k + 2].low in L.WEAPON_NOUNS:
                other = L.WEAPON_NOUNS[toks[k + 2].low]
                if FAMILY.get(other) != FAMILY.get(L.WEAPON_NOUNS[w]) and w not in L.MODELS:
                    return _Noun("weapon", "any", None, w, k + 3, actor)
            weapon = _weapon_class(L.WEAPON_NOUNS[w], model, adj, w)
            if (
                weapon == "any"
                and w in {"targets", "target", "objects", "weapons"}
                and not adj & {"aerial", "air"}
            ):
                if w != "targets":
                    return _Noun("other", end=k + 1)
            return _Noun("weapon", weapon, model[1] if model else None, w, k + 1, actor)
        elif w in _PREDICATE_WORDS and k + 1 < n and toks[k + 1].low in _PEOPLE:
            pass  # "injured people", "dead civilians": an adjective here
        elif w in _PEOPLE and w not in _PREDICATE_WORDS:
            if k + 1 < n and toks[k + 1].low in _PEOPLE and toks[k + 1].low not in _PREDICATE_WORDS:
                k += 1  # "two elderly women", "three civilian residents": the last noun counts
                steps += 1
                continue
            sub = L.SUBGROUPS.get(w)
            if korean:
                sub = "north_korean"
            if w in L.TROOP_NOUNS and w != "troops" and w != "soldiers" and w != "servicemen":
                kind = "people"
            else:
                kind = "people"
            return _Noun(kind, word=w, end=k + 1, actor=actor, subgroup=sub, korean=korean)
        elif w in L.NOT_COUNTED:
            return _Noun("other", end=k + 1)
        elif (
            w in _MODIFIERS
            or _AGE.fullmatch(w)
            or _DESIGNATION.fullmatch(w)
            or w.endswith(("-type", "-made", "-style", "-launched", "-designed"))
        ):
            if w in L.WEAPON_ADJECTIVES:
                adj.add(w)
            if w in {"ukrainian", "ukraine's"}:
                actor = "ukraine"
            elif w in {"russian", "russia's", "enemy"}:
                actor = "russia"
            elif w in {"korean", "dprk"}:
                korean = True
            elif w.startswith("shahed"):
                model = L.MODELS["shahed"]
            if w == "and" and k == start:
                break
        elif w in L.MODELS:
            model = L.MODELS[w]
        elif w == "forces" or w == "force":
            return _Noun(
                "people",
                word="forces",
                end=k + 1,
                actor=actor,
                subgroup="north_korean" if korean else None,
                korean=korean,
            )
        elif (
            t.text.isalpha()
            and t.text.islower()
            and w not in _NOT_ADJECTIVE
            and any(x.low in _PEOPLE for x in toks[k + 1 : k + 3])
        ):
            pass  # an adjective before people: "two medical workers", "three local residents"
        else:
            break
        k += 1
        steps += 1
    if model is not None:  # "six Kh-59", "one Iskander-M was launched": the model is the noun
        return _Noun("weapon", model[0], model[1], "model", max(model_end, start + 1), actor)
    return _Noun(None, end=k, actor=actor)


def _list_predicate(toks: list[Token], k: int) -> str | None:
    """The predicate closing a list that starts at token k ("one missile and 15 drones were
    destroyed"): the first auxiliary-led predicate within the clause."""
    for j in range(k, min(len(toks), k + 14)):
        w = toks[j].low
        if (
            j > k
            and w in L.VERBS_AFTER
            and w not in _MODIFIERS  # "15 attack drones": part of the noun
            and toks[j - 1].low not in {"and", ",", "were", "was", "been"}
            and not toks[j - 1].text[:1].isdigit()
            and not (j + 1 < len(toks) and toks[j + 1].text[:1].isdigit())
        ):
            # an active verb closing the list: "several dozen drones and three missiles
            # targeted Kyiv", "four missiles and 37 drones struck the city"
            metric = L.VERBS_AFTER[w]
            if metric == "hit" and _attacks_a_country(toks, j + 1):
                metric = "launched"
            return metric if metric in WEAPON_METRICS else None
        if w in {";", ":", ".", "which", "whom", "while", "but", "of"} or (
            w in L.VERBS_BEFORE and j > k and toks[j - 1].low not in {"were", "was", "been"}
        ):
            return None
        if w in {"were", "was", "have", "had", "are", "is"}:
            if j + 1 < len(toks) and toks[j + 1].low in {"not", "never", "n't"}:
                return None
            hit = _cue_after(toks, j)
            return hit[0] if hit and hit[0] != "skip" else None
    return None


def _number_of(toks: list[Token], q: Quantity) -> _Noun | None:
    """The noun of "the number of missiles at 75", "the death toll ... to 12" style phrases."""
    if q.h == 0 or toks[q.h - 1].low not in {"at", "to", "was", "is", "reached", "of", "hit"}:
        return None
    for k in range(q.h - 2, max(-1, q.h - 25), -1):
        if toks[k].low == "toll" and (k == 0 or toks[k - 1].low != "heavy"):
            if not any(toks[x].text[:1].isdigit() for x in range(k + 1, q.h)):
                return _Noun(
                    "people",
                    word="people",
                    end=q.j2,
                    number_of="killed",
                    start=k - (k > 0 and toks[k - 1].low == "death"),
                )
    for k in range(q.h - 2, max(-1, q.h - 25), -1):
        if toks[k].low == "number" and k + 2 < q.h and toks[k + 1].low == "of":
            found = _noun_after(toks, k + 2)
            words = [t.low for t in toks[k + 2 : q.h]]  # in order: no set, no hash-seed luck
            verbs = [L.VERBS_AFTER[w] for w in words if w in L.VERBS_AFTER]
            casualty = [v for v in verbs if v in CASUALTY_METRICS]
            metric = (casualty or verbs or [None])[0]
            if found.kind == "weapon":
                return _Noun(
                    "weapon",
                    found.weapon,
                    found.model,
                    found.word,
                    q.j2,
                    found.actor,
                    number_of=metric or "launched",
                )
            if metric in CASUALTY_METRICS or "victims" in words:
                return _Noun("people", word="people", end=q.j2, number_of=metric or "killed")
    return None


def _weapon_class(noun_class: str, model: tuple[str, str] | None, adj: set[str], word: str) -> str:
    if model and noun_class in {"missile", "drone"} | {model[0]}:
        if noun_class != "drone" or model[0] == "drone":
            return model[0]
    if noun_class == "missile":
        if "cruise" in adj and ("ballistic" in adj or "hypersonic" in adj):
            return "missile"
        for a in (
            "cruise",
            "air-launched",
            "sea-launched",
            "ballistic",
            "hypersonic",
            "guided",
            "anti-aircraft",
        ):
            if a in adj:
                return L.WEAPON_ADJECTIVES[a]
        return "missile"
    if noun_class == "glide_bomb" or word in {"bombs", "bomb"}:
        return "glide_bomb"
    return noun_class


def _cue_before(toks: list[Token], h: int, quants_at: set[int]) -> tuple[str, int] | None:
    k = h
    gaps = 0
    while k > 0 and gaps <= 3:
        hit = _match_back(toks, k, L.PHRASES_BEFORE)
        if hit:
            return hit
        w = toks[k - 1].low
        if w == ":" and k >= 3 and toks[k - 2].low == "following":
            k -= 2  # "launched the following: 50 drones, ..."
            continue
        if w == ":" and k >= 2 and gaps == 0:
            # A label: "Launched: 64 drones", "Shot down: 41", "Locationally lost: 20 drones".
            label = _match_back(toks, k - 1, L.PHRASES_BEFORE) or _match_back(
                toks, k - 1, L.PHRASES_AFTER
            )
            word = toks[k - 2].low
            if label and label[0] != "skip":
                return label[0], label[1]
            if word in L.VERBS_BEFORE or word in L.VERBS_AFTER:
                return L.VERBS_BEFORE.get(word) or L.VERBS_AFTER[word], k - 2
            return None
        if w in L.VERBS_BEFORE:
            return L.VERBS_BEFORE[w], k - 1
        if w in L.GAP_BEFORE or w in L.HEDGES_BEFORE:
            if (k - 1) in quants_at:
                return None
            k -= 1
            gaps += 1
            continue
        return None
    return None


def _cue_after(toks: list[Token], k: int) -> tuple[str, int] | None:
    n = len(toks)
    gaps = 0
    while k < n and gaps <= 5:
        hit = _match_fwd(toks, k, L.PHRASES_AFTER)
        if hit:
            return hit
        w = toks[k].low
        if w in L.SKIP_PREDICATES:
            return ("skip", k + 1)
        if w in {"returned", "returning", "left", "leaving", "crossed"} and any(
            x.low in _ELSEWHERE | {"to", "airspace"} for x in toks[k + 1 : k + 3]
        ):
            return ("skip", k + 1)  # "one returned to Russia", "2 left the airspace"
        if w in {"flew", "flying", "headed", "heading"} and any(
            x.low in _ELSEWHERE for x in toks[k + 1 : k + 4]
        ):
            return ("skip", k + 1)  # "2 flew towards Belarus", "one flew back into Russia"
        if w in L.VERBS_AFTER:
            metric = L.VERBS_AFTER[w]
            if gaps == 0 and k + 2 < n and toks[k + 1].low in {"was", "were"}:
                # a participle, then the predicate: "one of 6 Kh-101s fired was shot down"
                nxt = _cue_after(toks, k + 1)
                if nxt and nxt[0] != "skip":
                    return nxt
            if metric == "hit" and _attacks_a_country(toks, k + 1):
                metric = "launched"  # "90 drones attacked/struck Ukraine": not impacts
            return metric, k + 1
        if (
            w in {"that", "which"}
            and gaps == 0
            and k + 1 < n
            and toks[k + 1].low not in _AUXILIARIES
        ):
            # A relative clause with its own verb: "all 9 drones that approached the capital
            # were destroyed" - the predicate is the one after it.
            aux = next(
                (i for i in range(k + 2, min(n, k + 8)) if toks[i].low in _AUXILIARIES), None
            )
            if aux is not None and not any(toks[i].text in {",", ";"} for i in range(k, aux)):
                k = aux
                gaps += 1
                continue
        if w in L.GAP_AFTER:
            k += 1
            gaps += 1
            continue
        if w in _PLACE_PREPOSITIONS and gaps == 0:
            # A short phrase between noun and predicate: "two workers of an energy company were
            # injured", "12 drones over the Kursk region were destroyed".
            aux = next(
                (i for i in range(k + 1, min(n, k + 7)) if toks[i].low in _AUXILIARIES), None
            )
            if aux is not None and not any(
                toks[i].low in L.VERBS_AFTER or toks[i].text in {",", ";"} for i in range(k, aux)
            ):
                k = aux
                gaps += 1
                continue
        return None
    return None


_FORECAST_WORDS = frozenset(L.FORECAST_CUES) | frozenset(L.NEGATIONS)


_DENIALS = frozenset({"not", "never", "n't", "neither", "none"})


def _negated(lows: list[str], q: Quantity, b: int) -> bool:
    """Whether the predicate after q is denied: "was not intercepted", "neither ... was"."""
    if _DENIALS.isdisjoint(lows):
        return False
    if not {"not", "never", "n't"}.isdisjoint(lows[q.j2 : b]):
        return True
    return not {"neither", "none"}.isdisjoint(lows[max(0, q.h - 8) : q.h])


def _attacks_a_country(toks: list[Token], k: int) -> bool:
    """Whether the object at token k is a country or its regions at large ("Ukraine", "the
    country", "several regions"), which a wave attacks; a city or a building it hits."""
    words = [t.low for t in toks[k : k + 3]]
    if words and words[0] == "the":
        words = words[1:]
    if not words:
        return False
    if words[0] in L.ATTACKED_OBJECTS:
        return True
    return words[0] in L.PLACES and L.PLACES[words[0]][0] in {"Ukraine", "Russia"}


def _forecast(toks: list[Token], q: Quantity) -> bool:
    lo = max(0, q.h - 12)
    for t in toks[lo : q.h]:
        if t.low in L.FORECAST_CUES and not (t.low == "may" and t.text == "May"):
            return True
    for t in toks[max(0, q.h - 3) : q.h]:
        if t.low in L.NEGATIONS:
            return True
    return False


def _sentence_facts(body: str, s: int, e: int, st: _DocState) -> list[Fact]:
    sent = body[s:e]
    toks = _tokens(st, s, e)
    quants = find_quantities(toks, _lows(st, toks))
    low_sent = sent.lower()
    if not quants or not_this_war(_lows(st, toks), low_sent):
        return []
    # The latest earlier sentence that names a source carries over ("according to the statement").
    k = bisect_right(st.say_at, s) - 1
    first = bisect_left(st.say_at, s)
    said_here = first < len(st.say_at) and st.say_at[first] < e
    lows = _lows(st, toks)
    claim = claimant(lows) if said_here else None
    if k >= 0 and st.say_at[k] >= st.read_upto:
        if not st.starts:
            st.starts = [a for a, _ in st.sents]
        j = bisect_right(st.starts, st.say_at[k]) - 1
        a, b = st.sents[j]
        if a < s:
            # Only its words are needed: no Token records for a sentence not read for numbers.
            words = st.lows.get(a) or TOKEN.findall(st.low, a, b)
            st.claimant = claimant(words) or st.claimant
    st.read_upto = e
    if claim:
        st.claimant = claim
    elif any(
        w in low_sent for w in ("according to", "statement", " it said", "it added", "the ministry")
    ):
        claim = st.claimant
    excluded = [_excluded(toks, q) for q in quants]
    quant_tokens = {
        k
        for q, x in zip(quants, excluded, strict=True)
        if not q.article and not x
        for k in range(q.i, q.j)
    }
    may_forecast = not _FORECAST_WORDS.isdisjoint(lows)
    drafts: list[_Draft] = []
    second_of: dict[int, Quantity] = {}  # index of a Y in "X of Y" -> X
    emitted: set[int] = set()  # token index of Ys already emitted with their X
    for qi, q in enumerate(quants):
        if excluded[qi] or q.i in emitted:
            continue
        if q.article and (q.h > 0 and toks[q.h - 1].low in {"of", "in", "for", "at", "on", "as"}):
            continue
        noun = _noun_after(toks, q.j2)
        # "X of (the) Y": Y is launched, and lends X its noun.
        y = None
        of_at = q.j2
        if of_at + 1 < len(toks) and toks[of_at].low == "out" and toks[of_at + 1].low == "of":
            of_at += 1  # "13 out of 20 missiles"
        if noun.kind is None and of_at < len(toks) and toks[of_at].low == "of":
            for q2 in quants[qi + 1 : qi + 2]:
                gap = [t.low for t in toks[of_at + 1 : q2.h]]
                if not q2.article and gap in ([], ["the"], ["all"]):
                    y = q2
                    second_of[qi + 1] = q
                    noun = _noun_after(toks, q2.j2)
                    if noun.kind is None:
                        noun = _Noun(None, end=q2.j2)
        if noun.kind is None and y is None:
            noun = _number_of(toks, q) or noun
        if noun.word == "others":
            noun = _Noun(None, end=noun.end)  # "seven others were lost": points back
        if noun.kind == "other":
            continue
        if tuple(t.low for t in toks[noun.end : noun.end + 2]) in _RATE:
            continue
        if may_forecast and _forecast(toks, q):
            continue
        # The metric: a governing verb before, a predicate after, a list it continues.
        metric = None
        before = after = None
        a, b = q.h, max(noun.end, q.j2)
        heads = [d for d in drafts if not d.derived]
        opening_of = (
            q.h >= 1
            and toks[q.h - 1].low == "of"
            and (q.h == 1 or toks[q.h - 2].text in {",", ";", ":"})
        ) or (
            q.h >= 2
            and toks[q.h - 1].low == "the"
            and toks[q.h - 2].low == "of"
            and (q.h == 2 or toks[q.h - 3].text in {",", ";", ":"})
        )
        if qi in second_of or (opening_of and noun.kind == "weapon"):
            metric = "launched"
        else:
            before = _cue_before(toks, q.h, quant_tokens)
            after = _cue_after(toks, noun.end)
            if after and after[0] == "skip":
                continue
            # "37 drones launched by Russia" is a participle, weaker than a list it continues.
            weak = (
                after is not None
                and noun.kind is not None
                and after[1] < len(toks)
                and toks[after[1]].low == "by"
            )
            if before and not (noun.kind == "people" and before[0] in WEAPON_METRICS):
                metric, a = before[0], before[1]
            elif after and not (weak and heads and _continues(toks, heads[-1], q)):
                metric, b = after[0], after[1]
                if (
                    q.article
                    and noun.kind == "weapon"
                    and metric != "hit"
                    and not (noun.end < len(toks) and toks[noun.end].low in _AUXILIARIES)
                ):
                    continue  # "a drone destroyed in mid-air": a caption, not a count
        subgroup_of = _subgroup_parent(toks, q, noun, drafts)
        if subgroup_of is not None:
            # "including 8 foreign sailors": a named group is a subgroup too
            group = noun.subgroup or (
                noun.word
                if not q.article
                and noun.word in L.PEOPLE_NOUNS - _GENERIC_PEOPLE - L.SINGULAR_PEOPLE
                else None
            )
            if group is None:
                continue
            noun.subgroup = group
            parent = subgroup_of
            drafts.append(
                _Draft(
                    q,
                    # "among them 21 children killed and 67 injured": its own predicate first
                    after[0] if after and after[0] in CASUALTY_METRICS else parent.metric,
                    parent.weapon,
                    parent.model,
                    q.value,
                    q.value_max,
                    q.qualifier,
                    q.h,
                    noun.end,
                    parent.actor_hint,
                    noun.subgroup,
                    noun.end,
                )
            )
            continue
        own_predicate = noun.end < len(toks) and toks[noun.end].low in _AUXILIARIES
        listed = bool(heads) and _continues(toks, heads[-1], q)
        if (
            metric is None
            and listed
            and noun.kind == "people"
            and noun.end < len(toks)
            and toks[noun.end].low in {"and", ","}
            and (pred := _list_predicate(toks, noun.end)) in CASUALTY_METRICS
        ):
            metric = pred  # "the toll rose to 35, and 117 people, ... had been injured"
        if metric is None and listed and not own_predicate:
            metric = heads[-1].metric
            a = max(heads[-1].b, q.h - 1)  # the span keeps the conjunction: "and 37 drones"
        if (
            metric is None
            and noun.kind in {"weapon", "people"}
            and not noun.number_of  # "the toll had risen to 35, and 117 ... injured"
            and noun.end < len(toks)
            and toks[noun.end].low in {"and", ","}
        ):
            metric = _list_predicate(toks, noun.end)
        if metric is None and noun.kind == "weapon" and not q.article:
            # "Russia attacked overnight with 90 drones": the nearest cue earlier in the clause.
            if q.h > 0 and toks[q.h - 1].low == "with":
                metric = (
                    "launched"  # "struck Kharkiv with six bombs", "hit Ukraine with 11 missiles"
                )
            for k in range(q.h - 1, max(-1, q.h - 16), -1):
                if metric is not None:
                    break
                w = toks[k].low
                if w in {";", ":", "which", "whom"} or k in quant_tokens:
                    break
                if w in L.VERBS_BEFORE and L.VERBS_BEFORE[w] in WEAPON_METRICS:
                    metric = L.VERBS_BEFORE[w]
                    break
                phrase = _match_back(toks, k + 1, L.PHRASES_BEFORE)
                if phrase and phrase[0] in WEAPON_METRICS:
                    metric = phrase[0]  # "shot down the Kh-59 missile and 41 drones"
                    break
                if w in {"attacked", "attack", "targeted", "struck", "attacking"}:
                    metric = "launched"
                    break
        if (
            metric is None
            and drafts
            and heads
            and [t.low for t in toks[max(0, q.h - 2) : q.h]] in (["as", "were"], ["as", "was"])
        ):
            metric = heads[-1].metric  # "all three missiles were shot down, as were 52 drones"
        if (
            metric is None
            and drafts
            and q.h > 0
            and toks[q.h - 1].low == "including"
            and noun.kind in {None, "weapon"}
        ):
            prev = drafts[
                -1
            ]  # "84 drones, including 20 over the Moscow region / 20 Shaheds": same metric
            if prev.metric in WEAPON_METRICS:
                metric = prev.metric
        if metric is None and noun.number_of:
            metric = noun.number_of
            if noun.start is not None:
                a = noun.start
        if (
            noun.kind == "people"
            and noun.word in L.TROOP_NOUNS | {"forces"}
            and metric in {None, "launched", "hit"}  # "sent", "have reached the front"
            and not (before and before[0] not in {"launched", "troops"})
            and not (after and after[0] not in {"launched", "troops", "hit"})
        ):
            metric = "troops"  # "sent 10,000 soldiers", "a force of 50,000 troops"
        # "a mother and her three children": one victim count.
        if metric in CASUALTY_METRICS and noun.kind == "people" and heads:
            prev = heads[-1]
            between = [t.low for t in toks[prev.b : q.h]]
            if (
                prev.metric == metric
                and prev.subgroup in {None, noun.subgroup}
                and between
                and between[0] == "and"
                and len(between) <= 2
                and between[-1] in {"her", "his", "their", "and"}
            ):
                prev.value += q.value
                prev.b = max(noun.end, q.j2, b)
                continue
        if metric is None or _negated(lows, q, b):
            continue  # "neither of the missiles, a Kh-59 and an S-300, was intercepted"
        if q.article and listed and _names_items_of(toks, heads[-1], q, noun):
            continue  # "two guided missiles, a Kh-35 and a Kh-31P": the two, named
        draft = _build(toks, q, noun, metric, a, b, st, listed=listed)
        if draft is None:
            continue
        if not (y is not None and metric == "launched" and draft.weapon):
            drafts.append(draft)  # not "one of 6 Kh-101s fired": a member of the launched count
        if y is not None and metric in WEAPON_METRICS and draft.weapon:
            emitted.add(y.i)
            drafts.append(
                _Draft(
                    y,
                    "launched",
                    draft.weapon,
                    draft.model,
                    y.value,
                    y.value_max,
                    y.qualifier,
                    y.h,
                    max(noun.end, y.j2),
                    draft.actor_hint,
                    None,
                    noun.end,
                    derived=True,
                )
            )
        every = (
            q.h > 0 and toks[q.h - 1].low == "all" and not (q.h > 1 and toks[q.h - 2].low == "in")
        )
        if metric == "intercepted" and every and not y:  # not "in all, 30 were downed"
            drafts.append(
                _Draft(
                    q,
                    "launched",
                    draft.weapon,
                    draft.model,
                    q.value,
                    q.value_max,
                    q.qualifier,
                    draft.a,
                    draft.b,
                    draft.actor_hint,
                    None,
                    noun.end,
                    derived=True,
                )
            )
    if "all" in lows or "both" in lows:
        drafts.extend(_all_of_them(toks, lows, drafts))
    for d in drafts:  # "a 15-year-old girl and her 41-year-old father were killed": two
        if d.metric in CASUALTY_METRICS and (end := _and_their_kin(toks, d.noun_end)):
            d.value, d.b, d.subgroup = d.value + 1, max(d.b, end), None
    return [_finish(body, s, e, toks, d, st, claim, low_sent) for d in _dedupe(drafts)]


_GENERIC_PEOPLE = {
    "people",
    "persons",
    "person",
    "others",
    "individuals",
    "victims",
    "dead",
    "injured",
    "wounded",
    "more",
    "residents",
    "resident",
    "family",
    "adults",
}


def _and_their_kin(toks: list[Token], k: int) -> int | None:
    """The end of "and her (40-year-old) mother" at token k: one more victim, else None."""
    n = len(toks)
    if k + 2 >= n or toks[k].low != "and" or toks[k + 1].low not in {"her", "his", "their"}:
        return None
    j = k + 2
    if _AGE.fullmatch(toks[j].low):
        j += 1
    if j < n and toks[j].low in L.SINGULAR_PEOPLE:
        return j + 1
    return None


def _all_of_them(toks: list[Token], lows: list[str], drafts: list[_Draft]) -> list[_Draft]:
    """ "20 drones were detected, and all of them were destroyed", "3 missiles, all of which
    were intercepted": the fate of every one of a count just made, in words."""
    out = []
    for k, w in enumerate(lows):
        if w not in {"all", "both"} or k + 2 >= len(lows) or lows[k + 1] != "of":
            continue
        if lows[k + 2] not in {"them", "which", "these", "those", "it"}:
            continue
        heads = [d for d in drafts if d.b <= k and d.metric == "launched" and d.weapon]
        hit = _cue_after(toks, k + 3)
        if not heads or not hit or hit[0] not in {"intercepted", "lost", "hit"}:
            continue
        head = heads[-1]
        q = Quantity(head.value, head.value_max, head.qualifier, k, k + 3, k, k + 3)
        out.append(
            _Draft(
                q,
                hit[0],
                head.weapon,
                head.model,
                head.value,
                head.value_max,
                head.qualifier,
                k,
                hit[1],
                head.actor_hint,
                None,
                k + 3,
                derived=True,
            )
        )
    return out


# Nouns that a weapon word modifies rather than counts: "a drone attack", "a missile alert".
_COMPOUND_HEADS = {
    "attack",
    "attacks",
    "strike",
    "strikes",
    "alert",
    "alerts",
    "threat",
    "threats",
    "danger",
    "debris",
    "wreckage",
    "fragment",
    "fragments",
    "unit",
    "units",
    "operator",
    "operators",
    "launcher",
    "launchers",
    "production",
    "factory",
    "plant",
    "base",
    "programme",
    "program",
    "warning",
    "raid",
    "raids",
    "barrage",
    "assault",
    "campaign",
    "war",
    "sirens",
    "siren",
    "shield",
    "defence",
    "defense",
    "system",
    "systems",
    "wave",
    "waves",
    "crew",
    "crews",
}


def _compound(toks: list[Token], end: int) -> bool:
    """Whether the weapon noun ending before `end` modifies a noun that follows it."""
    return end < len(toks) and toks[end].low in _COMPOUND_HEADS


def _names_items_of(toks: list[Token], head: _Draft, q: Quantity, noun: _Noun) -> bool:
    """Whether a single weapon listed after `head` names one of the head's own items: the head
    counts several of the same family, and either stands generic ("two guided missiles, a
    Kh-35 and a Kh-31P") or opens the list with a colon ("two ballistic missiles: a Kinzhal")."""
    if head.weapon is None or noun.weapon is None or head.value < 2:
        return False
    family = FAMILY.get(head.weapon)
    if FAMILY.get(noun.weapon) != family:
        return False
    colon = head.b < q.h and toks[head.b].text == ":"
    return colon or (head.weapon == family and head.model is None and noun.model is not None)


def _continues(toks: list[Token], prev: _Draft, q: Quantity) -> bool:
    """Whether q continues the list that `prev` started ("four missiles and 37 drones")."""
    between = toks[prev.b : q.h]
    if between and between[0].low == "of":  # "3 missiles of the Iskander-M type, 4 Kh-101 ..."
        ends = [i for i, t in enumerate(between[:8]) if t.low in {"type", "types", "class"}]
        if ends:
            between = between[ends[0] + 1 :]
    while between and between[-1].low in {"her", "his", "their", "its", "all", "the", "another"}:
        between = between[:-1]
    # After a colon the list may name uncounted items first: "41 were shot down: all the
    # cruise missiles and 37 drones".
    # A breakdown by place may sit between items: "20 over the Kursk region, 12 over ...".
    opener = (
        between[0].text in {":", "-", "–", "—"} or between[0].low in _PLACE_PREPOSITIONS
        if between
        else False
    )
    longest = 10 if opener else 5
    return (
        bool(between)
        and len(between) <= longest
        and between[-1].low in _CONJ
        and not any(t.low in L.VERBS_BEFORE for t in between)
    )


def _dedupe(drafts: list[_Draft]) -> list[_Draft]:
    seen: set[tuple] = set()
    out = []
    for d in drafts:
        key = (d.q.i, d.metric, d.value)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def _subgroup_parent(
    toks: list[Token], q: Quantity, noun: _Noun, drafts: list[_Draft]
) -> _Draft | None:
    if not drafts:
        return None
    before = tuple(t.low for t in toks[max(0, q.h - 2) : q.h])
    after = tuple(t.low for t in toks[q.j2 : q.j2 + 2])
    after_noun = tuple(t.low for t in toks[noun.end : noun.end + 2])
    if (
        before[-1:] in _SUBGROUP_BEFORE
        or before in _SUBGROUP_BEFORE
        or after in _SUBGROUP_AFTER
        or after_noun in _SUBGROUP_AFTER
    ):
        prev = drafts[-1]
        if prev.metric in CASUALTY_METRICS or prev.metric == "troops":
            return prev
    return None


def _build(
    toks: list[Token],
    q: Quantity,
    noun: _Noun,
    metric: str,
    a: int,
    b: int,
    st: _DocState,
    listed: bool = False,
) -> _Draft | None:
    """The draft fact of q, or None where its noun cannot carry the metric.

    An article counts one weapon only as an item of a list ("37 drones and a cruise missile")
    or a thing that hit; alone ("a drone attack") it names no count."""
    weapon = model = ante_at = None
    subgroup = noun.subgroup
    at = toks[0].start if toks else 0
    if metric in WEAPON_METRICS:
        if noun.kind == "people":
            return None
        if noun.kind == "weapon":
            weapon, model = noun.weapon, noun.model
            if weapon == "aircraft" and metric != "intercepted":
                return None
            if q.article and not listed and _compound(toks, noun.end):
                return None  # "a drone attack", "a missile strike": no count
        else:
            if q.article:
                return None
            # "The missiles were not intercepted; 2 of them struck": a weapon this sentence names
            # comes before a count of an earlier one.
            relative = q.j2 + 1 < len(toks) and toks[q.j2 + 1].low == "which"
            counted_here = any(w[4] == at for w in st.weapons)
            here = (
                None
                if relative or counted_here  # "40 drones, 28 of which": the count just made
                else _weapon_named_before(st, toks, q.h, previous=False)
            )
            ante = (*here, q.value, None, at) if here else _antecedent(st, q.value)
            if ante is None:
                named = _weapon_named_before(st, toks, q.h)
                if named is None:
                    return None
                ante = (*named, q.value, None, at)
            weapon, model = ante[0], ante[1]
            ante_at = ante[4] if ante[4] != at else None
        st.weapons.append((weapon, model, q.value, noun.actor, at if ante_at is None else ante_at))
    elif metric in CASUALTY_METRICS:
        if noun.kind == "weapon":
            return None
        if q.article and not (noun.kind == "people" and noun.word in L.SINGULAR_PEOPLE):
            return None
        if subgroup in {"soldiers"} and noun.korean:
            subgroup = "north_korean"
    elif metric == "troops":
        if noun.kind != "people" or noun.word not in L.TROOP_NOUNS | {"forces"} or q.article:
            return None
    return _Draft(
        q,
        metric,
        weapon,
        model,
        q.value,
        q.value_max,
        q.qualifier,
        min(a, q.h),
        max(b, q.j2),
        noun.actor,
        subgroup,
        noun.end,
        ante_at=ante_at,
    )


def _weapon_named_before(
    st: _DocState, toks: list[Token], h: int, previous: bool = True
) -> tuple[str, str | None] | None:
    """(class, model) of the nearest weapon word before token h, in this sentence or the one
    before it, for a number that points back to weapons never counted ("The missiles were
    fired from the Caspian Sea; 11 of them were shot down")."""
    words = [t.low for t in toks[:h]]
    if toks and previous:
        i = bisect_right(st.starts or [a for a, _ in st.sents], toks[0].start) - 1
        if i > 0:
            a, b = st.sents[i - 1]
            words = TOKEN.findall(st.low, a, b) + words
    for k in range(len(words) - 1, -1, -1):  # carriers ("from bombers") were not counted
        w = words[k]
        if w in L.MODELS and L.MODELS[w][0] != "aircraft":
            return L.MODELS[w]
        if w in L.WEAPON_NOUNS and L.WEAPON_NOUNS[w] != "aircraft":
            adj = words[k - 1] if k else ""
            if L.WEAPON_NOUNS[w] == "missile" and adj in L.WEAPON_ADJECTIVES:
                return L.WEAPON_ADJECTIVES[adj], None  # "the cruise missiles"
            return L.WEAPON_NOUNS[w], None
    return None


def _antecedent(
    st: _DocState, value: float
) -> tuple[str, str | None, float, str | None, int] | None:
    """The weapon count a bare number points back to: (weapon, model, value, actor, sentence)."""
    for w in reversed(st.weapons[-6:]):
        if w[2] >= value:
            return w
    return st.weapons[-1] if st.weapons else None


_PLACE_PREPOSITIONS = {"of", "from", "in", "at", "near", "on", "over", "across", "above"}
# Words that can put weapons over Russia (checked before the clause is read).
_RUSSIA_WORDS = frozenset(
    {"russia", "russian"} | {k for k, v in L.PLACES.items() if v[1] == "russia" and " " not in k}
)
_UKRAINE_SUBJECT = {"ukraine", "ukrainian", "ukraine's", "kyiv"}
# Words that make a Ukrainian subject the defender or the reporter, not the side that fired.
_NOT_UKRAINE_FIRING = {
    "russia",
    "russian",
    "russia's",
    "moscow",
    "defence",
    "defense",
    "defences",
    "defenses",
    "said",
    "says",
    "reported",
    "shot",
    "downed",
    "destroyed",
    "intercepted",
}
# Prepositions that tie weapons to where they flew: Russian places mean Ukraine fired them.
_TOWARDS = {"over", "in", "into", "above", "at", "on", "against", "towards", "toward"}


def _actor(
    lows: list[str],
    d: _Draft,
    claim: str | None,
    place: tuple[str, str] | None,
    st: _DocState | None = None,
) -> str:
    """The side that fired, or caused the casualties. A sentence that names no side in a
    document whose places are all Russian regions (a governor's report from Belgorod) is about
    Ukraine's attack."""
    if d.actor_hint:
        if d.metric == "troops" or d.metric in WEAPON_METRICS:
            return d.actor_hint
    if d.metric in WEAPON_METRICS:
        if claim in L.RUSSIAN_CLAIMANTS or d.model in L.UKRAINIAN_MODELS:
            return "ukraine"
        # "Ukraine fired six missiles", "Ukrainian forces launched 20 drones": Ukraine is the
        # subject, and Russia is not named before the number.
        before = lows[: d.q.h]
        if (
            d.metric in {"launched", "hit"}
            and not d.derived
            and before[:1]
            and before[0] in _UKRAINE_SUBJECT
            and not any(w in _NOT_UKRAINE_FIRING for w in before)
        ):
            return "ukraine"
        if _RUSSIA_WORDS.isdisjoint(lows):
            return _default_side(lows, st)
        # Only the fact's own clause: "88 were downed, and one flew back into Russia" does not
        # make the 88 Ukrainian.
        lo, hi = max(0, d.a - 6), min(len(lows), d.b + 10)
        for k in range(d.b, hi):
            w = lows[k]
            if (
                w in {";", "while", "whereas"}
                or w[:1].isdigit()
                or (w in {"a", "an", "one", "another"} and lows[k - 1] in {"and", ","})
            ):
                hi = k
                break
        for k in range(lo, hi):
            w = lows[k]
            if w in _TOWARDS and k + 1 < len(lows):
                nxt = lows[k + 1 : k + 4]
                if nxt and (nxt[0] == "russia" or "russian" in nxt[:2]):
                    return "ukraine"
                for x in nxt:
                    if x in L.PLACES and L.PLACES[x][1] == "russia" and x != "russia":
                        return "ukraine"
                    if x in L.PLACES:
                        break
        return _default_side(lows, st)
    if d.metric in CASUALTY_METRICS:
        for k, w in enumerate(lows):
            if w in {"ukrainian", "ukraine's"} and any(
                x in _STRIKE_WORDS | {"drone", "drones", "missile", "missiles", "shelling"}
                for x in lows[k + 1 : k + 4]
            ):
                return "ukraine"
        if place and place[1] == "russia" and place[0] != "Russia" and "russian" not in lows:
            return "ukraine"
        return _default_side(lows, st)
    return d.actor_hint or "russia"


def _default_side(lows: list[str], st: _DocState | None) -> str:
    """The side for a sentence that names none: Ukraine in a report from Russian regions."""
    return "ukraine" if L.SIDE_WORDS.isdisjoint(lows) and st and _in_russia(st) else "russia"


_PLACE_WORD = re.compile(
    r"\b(?:" + _alternation(sorted(k for k in L.PLACES if " " not in k)) + r")\b"
)


def _in_russia(st: _DocState) -> bool:
    """Whether the document reports from Russia: its lede names only Russian regions and cities
    (two or more mentions) and a Russian official, not the air force's launch sites."""
    if st.in_russia is None:
        sides = [
            L.PLACES[w][1]
            for w in _PLACE_WORD.findall(st.low, 0, 400)
            if L.PLACES[w][0] not in {"Russia", "Ukraine"}
        ]
        lede = st.low[:400]
        st.in_russia = (
            sides.count("russia") >= 2
            and "ukraine" not in sides
            and _RUSSIAN_REPORT.search(lede) is not None
            and _UKRAINIAN_REPORT.search(lede) is None  # not "launched from Kursk and Oryol"
        )
    return st.in_russia


_RUSSIAN_REPORT = re.compile(r"\b(?:governor|mayor|sobyanin|gladkov|tass|ria|russian officials)\b")
_UKRAINIAN_REPORT = re.compile(r"\b(?:air force|launched from|the enemy|ukraine's air|occupiers)\b")


def _weapon_in_sentence(toks: list[Token]) -> str | None:
    for k, t in enumerate(toks):
        if t.low in {"drone", "drones", "shahed", "shaheds", "uav", "uavs"}:
            return "drone"
        if t.low in {"missile", "missiles", "rocket", "rockets"}:
            prev = toks[k - 1].low if k else ""
            return (
                L.WEAPON_ADJECTIVES.get(prev, "missile")
                if prev in {"cruise", "ballistic"}
                else "missile"
            )
        if t.low in {"bomb", "bombs", "kab", "kabs"}:
            return "glide_bomb"
    return None


_REVISED = frozenset({"toll", "rose", "risen", "climbed", "grew", "increased", "reached"})


def _day_named_before(st: _DocState, toks: list[Token]) -> date | None:
    """The last explicit or weekday date of the three sentences before this one ("On Sunday
    ... A day earlier ...")."""
    if not toks:
        return None
    if not st.starts:
        st.starts = [a for a, _ in st.sents]
    i = bisect_right(st.starts, toks[0].start) - 1
    for a, b in reversed(st.sents[max(0, i - 3) : i]):
        if _DATE_WORD.search(st.low, a, b):
            named = [
                m.day
                for m in _marks(st, a, _tokens(st, a, b))
                if m.day and m.kind in {"explicit", "weekday"}
            ]
            if named:
                return named[-1]
    return None


def _dated(toks: list[Token], d: _Draft, st: _DocState, scope: str, s: int) -> date | None:
    """_event_date, once per sentence and kind of fact (its derivation reads no more)."""
    marks = _marks(st, s, toks)
    if not marks:  # most sentences name no date: the statement's day or the document's event
        return st.doc.published if d.metric == "troops" or scope != "event" else _anchor(st)
    shifted = any(m.kind == "shifted" for m in marks)
    key = (s, d.metric, scope, d.q.i if shifted else 0)
    if key not in st.dates:
        st.dates[key] = _event_date(toks, d, st, scope)
    return st.dates[key]


def _event_date(toks: list[Token], d: _Draft, st: _DocState, scope: str) -> date | None:
    marks = _marks(st, toks[0].start, toks) if toks else []
    resolved = [m for m in marks if m.day is not None]
    lows = _lows(st, toks)
    shifted = [m for m in resolved if m.kind == "shifted" and m.i < d.q.i]
    resolved = [m for m in resolved if m.kind != "shifted"]
    if shifted and st.ref and (base := _day_named_before(st, toks) or _anchor(st)):
        # "a day earlier", "two days after <strike>": counted back from the day the text last
        # named ("On Sunday ... A day earlier ..."), else from the report's event
        return base - (st.ref - shifted[0].day)
    # "the ministry said on Tuesday": the day of the statement.
    stated = [
        m.day
        for m in resolved
        if m.i > 1 and lows[m.i - 1] == "on" and lows[m.i - 2] in L.SAY_VERBS
    ]
    if d.metric == "troops" or scope != "event":
        return stated[0] if stated else st.doc.published
    if stated and any(m.kind == "overnight" for m in resolved) and len(resolved) == 2:
        return stated[0]  # "overnight, the ministry said on Sunday": Sunday's night
    if stated and len(resolved) > len(stated):
        # "said on Thursday that it shot down five drones on Tuesday": the event's day
        resolved = [
            m
            for m in resolved
            if not (m.i > 1 and lows[m.i - 1] == "on" and lows[m.i - 2] in L.SAY_VERBS)
        ]
    if (
        resolved
        and d.metric in CASUALTY_METRICS
        and not _REVISED.isdisjoint(lows)
        and not any(w in _STRIKE_WORDS for m in resolved for w in lows[max(0, m.i - 3) : m.j + 5])
    ):
        return _anchor(st)  # "the toll rose to 33 on Tuesday": the strike's day, not the update's
    if resolved:
        for m in resolved:
            near = lows[max(0, m.i - 3) : m.j + 5]
            if any(w in _STRIKE_WORDS for w in near):
                return m.day
            if m.kind == "weekday" and m.i > 0 and lows[m.i - 1] in {"into", "to"}:
                return m.day  # "overnight into Friday": Friday's morning
        if d.metric in CASUALTY_METRICS and all(m.kind == "overnight" for m in resolved):
            # A toll takes the strike's date: "40 have died, officials said after more bodies
            # were found overnight" belongs to the strike the document dates.
            return _anchor(st)
        explicit = [m.day for m in resolved if m.kind == "explicit"]
        if len(explicit) > 1 and d.metric in WEAPON_METRICS:
            return max(explicit)
        for kind in ("explicit", "overnight", "weekday", "relative"):
            for m in resolved:
                if m.kind == kind:
                    return m.day
    if marks and all(m.kind in {"vague", "month"} for m in marks):
        return None
    return _anchor(st)


def _anchor(st: _DocState) -> date | None:
    """The doc's main event date: the first resolvable date word tied to the attack, else ref."""
    if not st.anchor_done:
        st.anchor_done = True
        st.anchor = st.ref
        first: date | None = None
        for s, e in st.sents[:12]:
            if not _DATE_WORD.search(st.low, s, e):
                continue
            toks = _tokens(st, s, e)
            marks = _marks(st, s, toks)
            explicit = [m.day for m in marks if m.kind == "explicit" and m.day is not None]
            if len(explicit) > 1:  # a window "from 18:00 on 15 October to 09:00 on 16 October"
                st.anchor = max(explicit)
                return st.anchor
            for m in marks:
                if m.day is None or m.kind == "shifted":
                    continue
                lows = [t.low for t in toks[max(0, m.i - 6) : m.j + 5]]
                if any(w in _STRIKE_WORDS for w in lows) or m.kind == "overnight":
                    st.anchor = m.day
                    return st.anchor
                if first is None:
                    first = m.day
        if first is not None:
            st.anchor = first
    return st.anchor


def _finish(
    body: str,
    s: int,
    e: int,
    toks: list[Token],
    d: _Draft,
    st: _DocState,
    claim: str | None,
    low_sent: str,
) -> Fact:
    a = min(d.a, d.q.h)
    b = max(d.b, d.q.j2)
    start, end = toks[a].start, toks[b - 1].end
    places = st.places.get(s)
    if places is None:
        places = st.places[s] = places_in(toks)
    place = location(places, d.q)
    weaponish = d.metric in WEAPON_METRICS
    scope = st.sent_scope.get((s, weaponish))
    if scope is None:
        lows = _lows(st, toks)
        if SCOPE_WORDS.isdisjoint(lows) and not YEAR.search(low_sent):
            scope = "event"  # no word that can make a count cumulative or a period total
        else:
            scope = scope_of(low_sent, d.metric)
        st.sent_scope[(s, weaponish)] = scope
    if d.metric in WEAPON_METRICS:
        if scope == "event" and d.ante_at is not None:
            scope = st.scopes.get(d.ante_at, scope)  # "Of these, 377 were shot down"
        st.scopes.setdefault(s, scope)
    weapon = d.weapon
    if d.metric in CASUALTY_METRICS and weapon is None:
        weapon = _weapon_in_sentence(toks)
    return Fact(
        doc=st.doc.id,
        published=st.doc.published,
        event_date=_dated(toks, d, st, scope, s),
        metric=d.metric,
        weapon=None if d.metric == "troops" else weapon,
        weapon_model=d.model,
        value=d.value,
        value_max=d.value_max,
        qualifier=d.qualifier,
        actor=_actor(_lows(st, toks), d, claim, place, st),
        claimed_by=claim,
        location=place[0] if place else None,
        scope=scope,
        subgroup=d.subgroup,
        start=start,
        end=end,
        text=body[start:end],
        sentence=body[s:e],
        source=st.doc.url,
    )
