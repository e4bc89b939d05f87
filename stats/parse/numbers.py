"""Tokens and quantities: "around 90", "four", "thirty-seven", "three million", "30 to 40".

A `Quantity` keeps the token positions of its hedge, number and any trailing hedge so that the
classifier can look at the words around it; values never come from ages, model numbers or
clock times because those are single tokens that are not pure numbers ("52-year-old",
"Kh-101") or are split by punctuation the classifier checks ("3:40").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from stats.parse.lexicon import (
    COUNT_WORDS,
    HEDGES_AFTER,
    HEDGES_BEFORE,
    SCALES,
    TENS,
    UNITS,
    VAGUE,
)

TOKEN = re.compile(
    r"\d+(?:[,.]\d+)*(?:[-–]\d+(?:[,.]\d+)*)?(?:[-–]?[^\W_]+)*|[^\W\d_]\w*(?:['’]\w+)*(?:[-–]\w+)*|[^\w\s]"
)
_TOKEN_SPLIT = re.compile(f"({TOKEN.pattern})")  # TOKEN has no group of its own
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|[1-9]\d{0,2}(?:\.\d{3}){2,}|\d+(?:\.\d+)?")
_DIGIT_RANGE = re.compile(r"(\d[\d,]*)[-–](\d[\d,]*)")
_ODD = re.compile(r"(\d[\d,]*)[-–]odd")
_PLUS = re.compile(r"(\d[\d,]*)(?:[-–]?plus)")  # "100-plus"
_KILO = re.compile(r"(\d+(?:\.\d+)?)k")  # "3.5k"
# A dot before exactly three digits groups thousands ("1.200 drones"), as a comma does.
_DOT_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
_GROUP = re.compile(r"\d{3}")
_SMALL = re.compile(r"[1-9]\d{0,2}")
# Plural vague words that multiply: "tens of thousands", "hundreds of thousands".
_CHANGE_VERBS = {
    "rose",
    "risen",
    "rising",
    "increased",
    "grew",
    "grown",
    "climbed",
    "jumped",
    "fell",
    "fallen",
    "dropped",
    "decreased",
    "declined",
    "went",
    "up",
    "down",
    "soared",
    "toll",
}
_VAGUE_SCALES = {"hundreds": 100, "thousands": 1_000, "millions": 1_000_000}
# "dozens of drones", "dozens were injured", "hundreds more": a vague number, not "the 1990s"
_AFTER_VAGUE = {
    "of",
    "were",
    "was",
    "have",
    "had",
    "are",
    "more",
    "others",
    "injured",
    "wounded",
    "killed",
    "dead",
}
# Words that can start a number written in words ("twenty-five" is checked by its head).
_STARTS = (
    set(UNITS)
    | set(TENS)
    | set(VAGUE)
    | set(COUNT_WORDS)
    | {"a", "dozen"}
    | {f"{t}-{u}" for t in TENS for u in UNITS if 0 < UNITS[u] < 10}
)
_MAX_HEDGE = max(len(k) for k in HEDGES_BEFORE)


# Token and Quantity are made by the million and read everywhere: plain classes with a written-
# out `__init__` compile to native records (made 4x and read 2x faster than a NamedTuple's, whose
# constructor and fields stay Python). The dataclass decorator only adds == and repr.
@dataclass(init=False)
class Token:
    text: str
    low: str
    start: int
    end: int

    def __init__(self, text: str, low: str, start: int, end: int) -> None:
        self.text = text
        self.low = low
        self.start = start
        self.end = end


@dataclass(init=False)
class Quantity:
    """A number found in a token list: tokens [i, j) hold the number, [h, j2) the whole phrase
    with hedges."""

    value: float
    value_max: float | None
    qualifier: str
    i: int
    j: int
    h: int
    j2: int
    article: bool  # "a"/"an"/"another"/"both": counts only before a victim or weapon
    vague: bool

    def __init__(
        self,
        value: float,
        value_max: float | None,
        qualifier: str,
        i: int,
        j: int,
        h: int,
        j2: int,
        article: bool = False,
        vague: bool = False,
    ) -> None:
        self.value = value
        self.value_max = value_max
        self.qualifier = qualifier
        self.i = i
        self.j = j
        self.h = h
        self.j2 = j2
        self.article = article
        self.vague = vague


_ANY_START = _STARTS | {"a", "an", "another", "single"}  # words that can open a number


def tokenize(text: str, offset: int = 0, end: int | None = None) -> list[Token]:
    """Word and punctuation tokens with character offsets, as TOKEN finds them.

    `tokenize(text)` reads all of `text`, `tokenize(text, offset)` too with offsets moved by
    `offset`; `tokenize(body, s, e)` reads `body[s:e]` with offsets into `body`.
    """
    part = text if end is None else text[offset:end]
    if _COMPILED and part.isascii():
        return _scan_ascii(part, offset)
    return _split_tokens(part, offset)


# The byte scanner is faster only compiled (mypyc, see hatch_build.py); run as Python source,
# a loop per character is slower than the regex split.
_COMPILED: Final = not __file__.endswith(".py")


def _split_tokens(part: str, offset: int) -> list[Token]:
    """TOKEN's tokens of any text, by regex."""
    # `split` on the capturing TOKEN gives [gap, token, gap, token, ..., gap] as plain strings,
    # about 2.5x faster than a match object per token; offsets are the running sum of lengths.
    parts = _TOKEN_SPLIT.split(part)
    out: list[Token] = []
    pos = offset
    for k in range(1, len(parts), 2):
        pos += len(parts[k - 1])
        g = parts[k]
        stop = pos + len(g)
        out.append(Token(g, g.lower(), pos, stop))
        pos = stop
    return out


def _ascii_classes() -> bytes:
    """The class bit of each ASCII character for _scan_ascii: a digit, a letter, `_` (a word
    character that starts no token), other punctuation, or none for a gap (Unicode `\\s`,
    which takes the separators \\x1c-\\x1f too)."""
    out = bytearray(128)
    for c in range(128):
        ch = chr(c)
        if ch.isdigit():
            out[c] = _DIG
        elif ch.isalpha():
            out[c] = _LET
        elif ch == "_":
            out[c] = _UND
        elif not ch.isspace():
            out[c] = _PUN
    return bytes(out)


_DIG: Final = 1
_LET: Final = 2
_UND: Final = 4
_PUN: Final = 8
_ALNUM: Final = _DIG | _LET  # [^\W_]
_WORD: Final = _DIG | _LET | _UND  # \w
_CLASS: Final = _ascii_classes()
_HYPHEN: Final = ord("-")
_APOSTROPHE: Final = ord("'")
_COMMA: Final = ord(",")
_DOT: Final = ord(".")


def _scan_ascii(part: str, offset: int) -> list[Token]:
    """TOKEN's tokens of an ASCII text, read byte by byte: compiled, about 1.8x faster than the
    regex split (which tries TOKEN's three branches at every gap). Each step below is a
    greedy part of TOKEN; nothing follows a token in the pattern, so no part ever gives back
    what it took, and the first branch that fits, by the first character, is the token."""
    raw = part.encode("ascii")
    cls = _CLASS
    n = len(raw)
    out: list[Token] = []
    i = 0
    while i < n:
        c = cls[raw[i]]
        if not c & (_ALNUM | _PUN):  # a gap, or `_`
            i += 1
            continue
        a = i
        i += 1
        if c == _LET:  # [^\W\d_]\w*(?:['’]\w+)*(?:[-–]\w+)*
            i = _run(raw, i, n, _WORD)
            for joint in (_APOSTROPHE, _HYPHEN):
                while i + 1 < n and raw[i] == joint and cls[raw[i + 1]] & _WORD:
                    i = _run(raw, i + 2, n, _WORD)
        elif c == _DIG:  # \d+(?:[,.]\d+)*(?:[-–]\d+(?:[,.]\d+)*)?(?:[-–]?[^\W_]+)*
            i = _digit_groups(raw, i, n)
            if i + 1 < n and raw[i] == _HYPHEN and cls[raw[i + 1]] == _DIG:
                i = _digit_groups(raw, i + 2, n)
            while True:
                if i < n and cls[raw[i]] & _ALNUM:
                    i = _run(raw, i + 1, n, _ALNUM)
                elif i + 1 < n and raw[i] == _HYPHEN and cls[raw[i + 1]] & _ALNUM:
                    i = _run(raw, i + 2, n, _ALNUM)
                else:
                    break
        g = part[a:i]
        out.append(Token(g, g.lower(), offset + a, offset + i))
    return out


def _run(raw: bytes, i: int, n: int, kinds: int) -> int:
    """The end of the run of `kinds` characters from byte i."""
    cls = _CLASS
    while i < n and cls[raw[i]] & kinds:
        i += 1
    return i


def _digit_groups(raw: bytes, i: int, n: int) -> int:
    """The end of `\\d*(?:[,.]\\d+)*` read from byte i."""
    i = _run(raw, i, n, _DIG)
    while i + 1 < n and (raw[i] == _COMMA or raw[i] == _DOT) and _CLASS[raw[i + 1]] == _DIG:
        i = _run(raw, i + 2, n, _DIG)
    return i


def word_value(word: str) -> int | None:
    """The value of one number word ("seven", "thirty-seven"), else None.

    >>> word_value("thirty-seven"), word_value("twelve"), word_value("drone")
    (37, 12, None)
    """
    if word in UNITS:
        return UNITS[word]
    if word in TENS:
        return TENS[word]
    if "-" in word:
        a, _, b = word.partition("-")
        if a in TENS and b in UNITS and 0 < UNITS[b] < 10:
            return TENS[a] + UNITS[b]
    return None


def digit_value(text: str) -> float | None:
    """The value of a token written in digits ("1,300" -> 1300.0, "1.200" -> 1200.0), else None."""
    if text.isdecimal():  # digits only (Unicode Nd, as `\d`): what _DIGITS' last branch takes
        return float(text)
    if _DIGITS.fullmatch(text):
        if "," not in text and _DOT_THOUSANDS.fullmatch(text):
            return float(text.replace(".", ""))
        return float(text.replace(",", ""))
    return None


def _words_number(toks: list[Token], k: int) -> tuple[float, int] | None:
    """A number written in words starting at token k: (value, end token index).

    "three million" -> 3e6, "one hundred and twenty" -> 120, "twenty five" -> 25.
    """
    total, current, j, last = 0, 0, k, ""
    n = len(toks)
    while j < n:
        w = toks[j].low
        v = word_value(w)
        if v is not None:
            if last == "ten" and v < 10:
                current += v
                last = "unit"
            elif last in {"", "scale"}:
                current += v
                last = "ten" if w in TENS else "unit"
            else:
                break  # two numbers side by side: stop before the second
            j += 1
        elif w in SCALES and last:
            if SCALES[w] == 100:
                current *= 100
            else:
                total += current * SCALES[w]
                current = 0
            last = "scale"
            j += 1
        elif w == "and" and last == "scale" and j + 1 < n and word_value(toks[j + 1].low):
            j += 1  # "one hundred and twenty"
        else:
            break
    if not last:
        return None
    return float(total + current), j


_HEDGE_LAST = {key[-1] for key in HEDGES_BEFORE}
_HEDGE_FIRST = {key[0] for key in HEDGES_AFTER}


def _hedge_before(toks: list[Token], k: int) -> tuple[str, int]:
    if k == 0 or toks[k - 1].low not in _HEDGE_LAST:
        return "exact", k
    for size in range(_MAX_HEDGE, 0, -1):
        if k - size < 0:
            continue
        key = tuple(t.low for t in toks[k - size : k])
        if key in HEDGES_BEFORE:
            return HEDGES_BEFORE[key], k - size
    return "exact", k


def _hedge_after(toks: list[Token], j: int) -> tuple[str | None, int]:
    if j >= len(toks) or toks[j].low not in _HEDGE_FIRST:
        return None, j
    for size in (2, 1):
        key = tuple(t.low for t in toks[j : j + size])
        if len(key) == size and key in HEDGES_AFTER:
            return HEDGES_AFTER[key], j + size
    return None, j


def _number_at(toks: list[Token], k: int) -> tuple[float, int, bool] | None:
    """(value, end, vague) for a number starting at token k, scales included."""
    low = toks[k].low
    v = digit_value(toks[k].text)
    if v is not None:
        j = k + 1
        # "1 200 drones": a space between groups of thousands
        if _SMALL.fullmatch(toks[k].text):
            while (
                j < len(toks)
                and _GROUP.fullmatch(toks[j].text)
                and toks[j].start == toks[j - 1].end + 1
            ):
                v = v * 1000 + int(toks[j].text)
                j += 1
        if j < len(toks) and toks[j].low in SCALES:
            v *= SCALES[toks[j].low]
            j += 1
        return v, j, False
    if (
        low in VAGUE
        and k + 2 < len(toks)
        and toks[k + 1].low == "of"
        and toks[k + 2].low in _VAGUE_SCALES
    ):
        return (
            float(VAGUE[low] * _VAGUE_SCALES[toks[k + 2].low]),
            k + 3,
            True,
        )  # "tens of thousands"
    if low in VAGUE and k + 1 < len(toks) and toks[k + 1].low in _AFTER_VAGUE:
        return float(VAGUE[low]), k + 1, True
    if low == "a" and k + 1 < len(toks) and toks[k + 1].low in SCALES:
        j = k + 2
        v = float(SCALES[toks[k + 1].low])
        if j < len(toks) and toks[j].low in SCALES:
            v *= SCALES[toks[j].low]
            j += 1
        if j + 1 < len(toks) and toks[j].low == "and" and (rest := _words_number(toks, j + 1)):
            if rest[0] < 100:
                v, j = v + rest[0], rest[1]  # "a hundred and twenty"
        return v, j, False
    if low == "a" and k + 1 < len(toks) and toks[k + 1].low == "dozen":
        return 12.0, k + 2, False
    got = _words_number(toks, k)
    if got is not None:
        value, j = got
        if j < len(toks) and toks[j].low == "dozen":
            return value * 12, j + 1, False
        return value, j, False
    if low in COUNT_WORDS and low != "dozen":
        return float(COUNT_WORDS[low]), k + 1, False
    if low == "dozen":
        return 12.0, k + 1, False
    return None


def find_quantities(toks: list[Token], lows: list[str] | None = None) -> list[Quantity]:
    """Every number phrase in a sentence's tokens, with hedges and ranges (`lows`: the tokens'
    lowercased words, when the caller has them)."""
    out: list[Quantity] = []
    n = len(toks)
    if lows is None:
        lows = [t.low for t in toks]
    starts = [k for k, w in enumerate(lows) if w in _ANY_START or w[0].isdigit()]
    k = 0  # the first token not yet read
    for k0 in starts:
        if k0 < k:
            continue  # inside a number already read ("three hundred")
        k = k0
        tok = toks[k]
        # "30-40", "100-plus", "3.5k", "40-odd": a digit first, not digits only
        marked = tok.text[0].isdigit() and not tok.text.isdigit()
        m = marked and _DIGIT_RANGE.fullmatch(tok.text)
        if m:
            lo, hi = float(m.group(1).replace(",", "")), float(m.group(2).replace(",", ""))
            if lo < hi:
                _, h = _hedge_before(toks, k)
                out.append(Quantity(lo, hi, "range", k, k + 1, h, k + 1))
            k += 1
            continue
        m = marked and (_PLUS.fullmatch(tok.text) or _KILO.fullmatch(tok.low))
        if m:
            value = float(m.group(1).replace(",", ""))
            if m.re is _KILO:
                value *= 1000
            hedge, h = _hedge_before(toks, k)
            qualifier = "at_least" if m.re is _PLUS else hedge
            out.append(Quantity(value, None, qualifier, k, k + 1, h, k + 1))
            k += 1
            continue
        m = marked and _ODD.fullmatch(tok.text)
        if m:
            out.append(
                Quantity(float(m.group(1).replace(",", "")), None, "approx", k, k + 1, k, k + 1)
            )
            k += 1
            continue
        if tok.low in {"a", "an", "another", "single"} and k + 1 < n:
            nw = toks[k + 1].low
            if not (tok.low == "a" and (nw in SCALES or nw == "dozen")):
                out.append(Quantity(1.0, None, "exact", k, k + 1, k, k + 1, article=True))
                k += 1
                continue
        if not (tok.text[0].isdigit() or tok.low in _STARTS):
            k += 1
            continue
        got = _number_at(toks, k)
        if got is None:
            k += 1
            continue
        value, j, vague = got
        qualifier, h = _hedge_before(toks, k)
        if vague:
            qualifier = "at_least"
        value_max: float | None = None
        # Ranges: "30 to 40", "30-40" (as tokens), "between 30 and 40".
        if j + 1 < n and toks[j].low in {"to", "-", "–", "or"}:
            nxt = _number_at(toks, j + 1)
            # "rose from 10 to 15" is a change; "From 10 to 15 drones were shot down" a range.
            from_before = k > 1 and toks[k - 1].low == "from" and toks[k - 2].low in _CHANGE_VERBS
            if nxt and nxt[0] > value and not nxt[2] and not from_before:
                value_max, j = nxt[0], nxt[1]
                qualifier = "range"
        elif h > 0 and toks[h - 1].low == "between" and j + 1 < n and toks[j].low == "and":
            nxt = _number_at(toks, j + 1)
            if nxt and nxt[0] > value:
                value_max, j = nxt[0], nxt[1]
                qualifier, h = "range", h - 1
        elif k > 0 and toks[k - 1].low == "between" and j + 1 < n and toks[j].low == "and":
            nxt = _number_at(toks, j + 1)
            if nxt and nxt[0] > value:
                value_max, j = nxt[0], nxt[1]
                qualifier, h = "range", k - 1
        after, j2 = _hedge_after(toks, j)
        if after and qualifier == "exact":
            qualifier = after
        out.append(Quantity(value, value_max, qualifier, k, j, h, j2, vague=vague))
        k = j
    return out
