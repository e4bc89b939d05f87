"""The places a sentence names, and the one a number is tied to."""

from __future__ import annotations

from stats.parse import lexicon as L
from stats.parse.numbers import Quantity, Token

# Prepositions before a place: "fired at Ukraine", "over the Kursk region".
PREPOSITIONS = {
    "of",
    "from",
    "in",
    "at",
    "near",
    "on",
    "over",
    "across",
    "above",
    "into",
    "against",
    "towards",
    "toward",
}


def places_in(toks: list[Token]) -> list[tuple[int, tuple[str, str], bool]]:
    """(token index, place, after a preposition) for every place a sentence names."""
    out = []
    n = len(toks)
    for k, t in enumerate(toks):
        key = t.low
        if key not in _PLACE_WORDS:
            continue
        after = k > 0 and toks[k - 1].low in PREPOSITIONS
        if k + 1 < n and (two := f"{key} {toks[k + 1].low}") in L.PLACES:
            out.append((k, L.PLACES[two], after))
        elif key in L.PLACES and t.text[:1].isupper():
            out.append((k, L.PLACES[key], after))
    return out


_PLACE_WORDS = {key.split()[0] for key in L.PLACES}  # first words of place names


def location(
    places: list[tuple[int, tuple[str, str], bool]], q: Quantity
) -> tuple[str, str] | None:
    """The place nearest the number, a region or city before a country, and a country after a
    preposition ("fired at Ukraine") before one that is the subject ("Russia fired")."""
    best, best_key = None, None
    for k, place, after_preposition in places:
        country = place[0] in {"Ukraine", "Russia"}
        key = (country, country and not after_preposition, abs(k - q.i))
        if best_key is None or key < best_key:
            best, best_key = place, key
    return best
