"""Stage 5, side: which side fired the weapons or caused the casualties of a draft fact."""

from __future__ import annotations

import re

from stats.facts import CASUALTY_METRICS, WEAPON_METRICS
from stats.parse import lexicon as L
from stats.parse.state import DocState, Draft, alternation

# Words that can put weapons over Russia (checked before the clause is read).
_RUSSIA_WORDS = frozenset(
    {"russia", "russian"} | {k for k, v in L.PLACES.items() if v[1] == "russia" and " " not in k}
)
_UKRAINE_SUBJECT = {"ukraine", "ukrainian", "ukraine's", "kyiv"}
# Words that make a Ukrainian subject the defender or the reporter, not the side that fired.

# Prepositions that tie weapons to where they flew: Russian places mean Ukraine fired them.
_TOWARDS = {"over", "in", "into", "above", "at", "on", "against", "towards", "toward"}


def actor(
    lows: list[str],
    d: Draft,
    claim: str | None,
    place: tuple[str, str] | None,
    st: DocState | None = None,
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
            and not any(w in L.NOT_UKRAINE_FIRING for w in before)
        ):
            return "ukraine"
        if _RUSSIA_WORDS.isdisjoint(lows):
            return default_side(lows, st)
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
        return default_side(lows, st)
    if d.metric in CASUALTY_METRICS:
        for k, w in enumerate(lows):
            if w in {"ukrainian", "ukraine's"} and any(
                x in L.STRIKE_WORDS | {"drone", "drones", "missile", "missiles", "shelling"}
                for x in lows[k + 1 : k + 4]
            ):
                return "ukraine"
        if place and place[1] == "russia" and place[0] != "Russia" and "russian" not in lows:
            return "ukraine"
        return default_side(lows, st)
    return d.actor_hint or "russia"


def default_side(lows: list[str], st: DocState | None) -> str:
    """The side for a sentence that names none: Ukraine in a report from Russian regions."""
    return "ukraine" if L.SIDE_WORDS.isdisjoint(lows) and st and _in_russia(st) else "russia"


_PLACE_WORD = re.compile(
    r"\b(?:" + alternation(sorted(k for k in L.PLACES if " " not in k)) + r")\b"
)


def _in_russia(st: DocState) -> bool:
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
