"""Stage 2, the counted thing: the noun a number counts (a weapon and its class, people and
their subgroup, troops) or a phrase that implies it ("the number of missiles at 75")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from stats.facts import CASUALTY_METRICS, FAMILY
from stats.parse import lexicon as L
from stats.parse.candidates import PEOPLE
from stats.parse.numbers import Quantity, Token

AGE = re.compile(r"(?:\d+|[a-z]+(?:-[a-z]+)?)[-–](?:year|month|week|day)[-–]olds?|year[-–]olds?")

_DESIGNATION = re.compile(r"[a-z]{1,4}-\d+[a-z0-9]*")  # Tu-95MS, Su-34, Kh-101

_PREDICATE_WORDS = {"dead", "injured", "wounded", "more", "killed"}


@dataclass(init=False)
class Noun:
    """The counted thing of a number. `__init__` is written out: compiled, a dataclass's
    generated one stays a Python function, seven times slower to call for a record made per
    candidate number."""

    kind: str | None  # weapon, people, other, or None
    weapon: str | None
    model: str | None
    word: str
    end: int  # token after the noun (or after the scanned modifiers when no noun)
    actor: str | None
    subgroup: str | None
    korean: bool
    number_of: str | None  # the metric implied by "the number of X ... at N"
    start: int | None  # where a phrase before the number starts ("the death toll ...")

    def __init__(
        self,
        kind: str | None,
        weapon: str | None = None,
        model: str | None = None,
        word: str = "",
        end: int = 0,
        actor: str | None = None,
        subgroup: str | None = None,
        korean: bool = False,
        number_of: str | None = None,
        start: int | None = None,
    ) -> None:
        self.kind = kind
        self.weapon = weapon
        self.model = model
        self.word = word
        self.end = end
        self.actor = actor
        self.subgroup = subgroup
        self.korean = korean
        self.number_of = number_of
        self.start = start


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


def _weapon_noun(
    toks: list[Token], k: int, w: str, model: tuple[str, str] | None, adj: set[str], actor
) -> Noun:
    """The weapon noun at token k (`w` its normalised word), with the model and adjectives
    read before it."""
    n = len(toks)
    # "Shahed and decoy drones", "Shahed drones": prefer a plural noun just after.
    if w in L.MODELS:
        model = L.MODELS[w]
    k2 = k + 1
    while (
        k2 < n
        and k2 <= k + 4
        and (
            toks[k2].low in L.NOUN_MODIFIERS
            or toks[k2].low in L.MODELS
            or toks[k2].low in L.ATTRIBUTIVE_NOUNS
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
    if k + 1 < n and toks[k + 1].low in L.LAUNCH_NOUNS and w not in L.MODELS:
        # "4,500 missile strikes", "23 missile launches": a count of weapons fired
        weapon = _weapon_class(L.WEAPON_NOUNS[w], model, adj, w)
        return Noun("weapon", weapon, None, w, k + 2, actor, number_of="launched")
    if k + 1 < n and toks[k + 1].low in L.ATTRIBUTIVE_NOUNS:
        return Noun("other", end=k + 2)
    # "missiles and drones" together: a mixed total.
    if k + 2 < n and toks[k + 1].low in {"and", "or"} and toks[k + 2].low in L.WEAPON_NOUNS:
        other = L.WEAPON_NOUNS[toks[k + 2].low]
        if FAMILY.get(other) != FAMILY.get(L.WEAPON_NOUNS[w]) and w not in L.MODELS:
            if k + 3 < n and toks[k + 3].low in L.ATTRIBUTIVE_NOUNS:
                return Noun("other", end=k + 4)  # "five missile and drone attacks"
            return Noun("weapon", "any", None, w, k + 3, actor)
    weapon = _weapon_class(L.WEAPON_NOUNS[w], model, adj, w)
    if (
        weapon == "any"
        and w in {"targets", "target", "objects", "weapons"}
        and not adj & {"aerial", "air"}
    ):
        if w != "targets":
            return Noun("other", end=k + 1)
    return Noun("weapon", weapon, model[1] if model else None, w, k + 1, actor)


_SIDE_ADJECTIVES = {
    "ukrainian": "ukraine",
    "ukraine's": "ukraine",
    "russian": "russia",
    "russia's": "russia",
    "enemy": "russia",
}


def _normalised(w: str) -> str:
    """A word reduced to the lexicon's form: "Kh-101s" -> "kh-101", "Kinzhal-M" -> "kinzhal",
    "kamikaze-drones" -> "drones"."""
    if w not in L.MODELS and w.endswith("s") and w[:-1] in L.MODELS:
        w = w[:-1]  # "6 Kh-101s"
    if w not in L.MODELS and "-" in w and w.partition("-")[0] in L.MODELS:
        return w.partition("-")[0]  # a variant: "Neptune-MD", "Kinzhal-M"
    if w not in L.WEAPON_NOUNS and "-" in w and w.rpartition("-")[2] in L.WEAPON_NOUNS:
        return w.rpartition("-")[2]  # "imitator-drones", "kamikaze-drones"
    return w


def noun_after(toks: list[Token], k: int) -> Noun:
    """What the words from token k count: the noun after a number and its modifiers."""
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
        w = _normalised(w)
        if w in L.HIT_NOUNS and k > start:
            return Noun(None, word=w, end=k + 1, actor=actor)  # "19 direct hits"
        if w in {"vehicle", "vehicles"} and not adj & {"aerial", "unmanned"}:
            return Noun("other", end=k + 1)  # armour, cars: not an air weapon
        if w == "means" and k > start and toks[k - 1].low == "attack":
            return Noun("weapon", "any", None, w, k + 1, actor)  # "62 air attack means"
        if w in L.MODELS and w not in L.WEAPON_NOUNS:
            model = L.MODELS[w]
            model_end = k + 1
        elif (
            w in {"means", "weapons"}
            and k + 2 < n
            and toks[k + 1].low == "of"
            and toks[k + 2].low in {"air", "aerial"}
        ):
            return Noun("weapon", "any", None, w, min(n, k + 4), actor)
        elif w in L.WEAPON_NOUNS:
            return _weapon_noun(toks, k, w, model, adj, actor)
        elif w in _PREDICATE_WORDS and k + 1 < n and toks[k + 1].low in PEOPLE:
            pass  # "injured people", "dead civilians": an adjective here
        elif w in PEOPLE and w not in _PREDICATE_WORDS:
            if k + 1 < n and toks[k + 1].low in PEOPLE and toks[k + 1].low not in _PREDICATE_WORDS:
                k += 1  # "two elderly women", "three civilian residents": the last noun counts
                steps += 1
                continue
            sub = L.SUBGROUPS.get(w)
            if korean:
                sub = "north_korean"
            return Noun("people", word=w, end=k + 1, actor=actor, subgroup=sub, korean=korean)
        elif w in L.NOT_COUNTED:
            return Noun("other", end=k + 1)
        elif (
            w in L.NOUN_MODIFIERS
            or AGE.fullmatch(w)
            or _DESIGNATION.fullmatch(w)
            or w.endswith(("-type", "-made", "-style", "-launched", "-designed"))
        ):
            if w in L.WEAPON_ADJECTIVES:
                adj.add(w)
            if w in _SIDE_ADJECTIVES:
                actor = _SIDE_ADJECTIVES[w]
            elif w in {"korean", "dprk"}:
                korean = True
            elif w.startswith("shahed"):
                model = L.MODELS["shahed"]
            if w == "and" and k == start:
                break
        elif w in L.MODELS:
            model = L.MODELS[w]
        elif w == "forces" or w == "force":
            sub = "north_korean" if korean else None
            return Noun(
                "people", word="forces", end=k + 1, actor=actor, subgroup=sub, korean=korean
            )
        elif (
            t.text.isalpha()
            and t.text.islower()
            and w not in _NOT_ADJECTIVE
            and any(x.low in PEOPLE for x in toks[k + 1 : k + 3])
        ):
            pass  # an adjective before people: "two medical workers", "three local residents"
        else:
            break
        k += 1
        steps += 1
    if model is not None:  # "six Kh-59", "one Iskander-M was launched": the model is the noun
        return Noun("weapon", model[0], model[1], "model", max(model_end, start + 1), actor)
    return Noun(None, end=k, actor=actor)


def number_of(toks: list[Token], q: Quantity) -> Noun | None:
    """The noun of "the number of missiles at 75", "the death toll ... to 12" style phrases."""
    if q.h == 0 or toks[q.h - 1].low not in {"at", "to", "was", "is", "reached", "of", "hit"}:
        return None
    for k in range(q.h - 2, max(-1, q.h - 25), -1):
        if toks[k].low == "toll" and (k == 0 or toks[k - 1].low != "heavy"):
            if not any(toks[x].text[:1].isdigit() for x in range(k + 1, q.h)):
                return Noun(
                    "people",
                    word="people",
                    end=q.j2,
                    number_of="killed",
                    start=k - (k > 0 and toks[k - 1].low == "death"),
                )
    for k in range(q.h - 2, max(-1, q.h - 25), -1):
        if toks[k].low == "number" and k + 2 < q.h and toks[k + 1].low == "of":
            found = noun_after(toks, k + 2)
            words = [t.low for t in toks[k + 2 : q.h]]  # in order: no set, no hash-seed luck
            verbs = [L.VERBS_AFTER[w] for w in words if w in L.VERBS_AFTER]
            casualty = [v for v in verbs if v in CASUALTY_METRICS]
            metric = casualty[0] if casualty else (verbs[0] if verbs else None)
            if found.kind == "weapon":
                return Noun(
                    "weapon",
                    found.weapon,
                    found.model,
                    found.word,
                    q.j2,
                    found.actor,
                    number_of=metric or "launched",
                )
            if {"killed", "dead"} & set(words) and {"wounded", "injured"} & set(words):
                return Noun("other", end=q.j2)  # "the number of killed and wounded": combined
            if metric in CASUALTY_METRICS or "victims" in words:
                return Noun("people", word="people", end=q.j2, number_of=metric or "killed")
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


def compound(toks: list[Token], end: int) -> bool:
    """Whether the weapon noun ending before `end` modifies a noun that follows it."""
    return end < len(toks) and toks[end].low in L.COMPOUND_HEADS
