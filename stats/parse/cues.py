"""Stage 3, what happened: the metric cue before a number ("shot down 20") or the predicate
after its noun ("20 drones were destroyed"), and the predicate closing a list."""

from __future__ import annotations

from stats.facts import WEAPON_METRICS
from stats.parse import lexicon as L
from stats.parse.numbers import Token
from stats.parse.state import match_back, match_fwd

AUXILIARIES = {"are", "is", "were", "was", "remain", "remained", "remains", "have", "has", "had"}

PLACE_PREPOSITIONS = {"of", "from", "in", "at", "near", "on", "over", "across", "above"}


def list_predicate(toks: list[Token], k: int) -> str | None:
    """The predicate closing a list that starts at token k ("one missile and 15 drones were
    destroyed"): the first auxiliary-led predicate within the clause."""
    for j in range(k, min(len(toks), k + 14)):
        w = toks[j].low
        if (
            j > k
            and w in L.VERBS_AFTER
            and w not in L.NOUN_MODIFIERS  # "15 attack drones": part of the noun
            and toks[j - 1].low not in {"and", ",", "were", "was", "been"}
            and not toks[j - 1].text[:1].isdigit()
            and not (j + 1 < len(toks) and toks[j + 1].text[:1].isdigit())
        ):
            # an active verb closing the list: "several dozen drones and three missiles
            # targeted Kyiv", "four missiles and 37 drones struck the city"
            metric = L.VERBS_AFTER[w]
            if metric == "hit" and attacks_a_country(toks, j + 1):
                metric = "launched"
            return metric if metric in WEAPON_METRICS else None
        if w in {";", ":", ".", "which", "whom", "while", "but", "of"} or (
            w in L.VERBS_BEFORE and j > k and toks[j - 1].low not in {"were", "was", "been"}
        ):
            return None
        if w in {"were", "was", "have", "had", "are", "is"}:
            if j + 1 < len(toks) and toks[j + 1].low in {"not", "never", "n't"}:
                return None
            hit = cue_after(toks, j)
            return hit[0] if hit and hit[0] != "skip" else None
    return None


def cue_before(toks: list[Token], h: int, quants_at: set[int]) -> tuple[str, int] | None:
    """The metric cue governing the number at token h, and where it starts. Of two verbs
    joined by "or"/"and" the first names the metric ("shot down or jammed 27 missiles": the
    jammed are counted among the downed)."""
    hit = _cue_before(toks, h, quants_at)
    if hit is None or hit[0] not in L.COORDINATED_LATER or hit[1] < 2:
        return hit
    if toks[hit[1] - 1].low not in {"or", "and", "/"}:
        return hit
    first = match_back(toks, hit[1] - 1, L.PHRASES_BEFORE)
    word = toks[hit[1] - 2].low
    if first is None and word in L.VERBS_BEFORE:
        first = (L.VERBS_BEFORE[word], hit[1] - 2)
    if first and first[0] == "intercepted":
        return first
    return hit


def _cue_before(toks: list[Token], h: int, quants_at: set[int]) -> tuple[str, int] | None:
    k = h
    gaps = 0
    while k > 0 and gaps <= 3:
        hit = match_back(toks, k, L.PHRASES_BEFORE)
        if hit:
            return hit
        w = toks[k - 1].low
        if w == ":" and k >= 3 and toks[k - 2].low == "following":
            k -= 2  # "launched the following: 50 drones, ..."
            continue
        if w == ":" and k >= 2 and gaps == 0:
            # A label: "Launched: 64 drones", "Shot down: 41", "Locationally lost: 20 drones".
            label = match_back(toks, k - 1, L.PHRASES_BEFORE) or match_back(
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


def cue_after(toks: list[Token], k: int) -> tuple[str, int] | None:
    n = len(toks)
    gaps = 0
    while k < n and gaps <= 5:
        hit = match_fwd(toks, k, L.PHRASES_AFTER)
        if hit:
            return hit
        w = toks[k].low
        if w in L.SKIP_PREDICATES:
            return ("skip", k + 1)
        if w in {"returned", "returning", "left", "leaving", "crossed"} and any(
            x.low in L.ELSEWHERE | {"to", "airspace"} for x in toks[k + 1 : k + 3]
        ):
            return ("skip", k + 1)  # "one returned to Russia", "2 left the airspace"
        if w in {"flew", "flying", "headed", "heading"} and any(
            x.low in L.ELSEWHERE for x in toks[k + 1 : k + 4]
        ):
            return ("skip", k + 1)  # "2 flew towards Belarus", "one flew back into Russia"
        if w in L.VERBS_AFTER:
            metric = L.VERBS_AFTER[w]
            if gaps == 0 and k + 2 < n and toks[k + 1].low in {"was", "were"}:
                # a participle, then the predicate: "one of 6 Kh-101s fired was shot down"
                nxt = cue_after(toks, k + 1)
                if nxt and nxt[0] != "skip":
                    return nxt
            if metric == "hit" and attacks_a_country(toks, k + 1):
                metric = "launched"  # "90 drones attacked/struck Ukraine": not impacts
            return metric, k + 1
        if (
            w in {"that", "which"}
            and gaps == 0
            and k + 1 < n
            and toks[k + 1].low not in AUXILIARIES
        ):
            # A relative clause with its own verb: "all 9 drones that approached the capital
            # were destroyed" - the predicate is the one after it.
            aux = next((i for i in range(k + 2, min(n, k + 8)) if toks[i].low in AUXILIARIES), None)
            if aux is not None and not any(toks[i].text in {",", ";"} for i in range(k, aux)):
                k = aux
                gaps += 1
                continue
        if w in L.GAP_AFTER:
            k += 1
            gaps += 1
            continue
        if w in PLACE_PREPOSITIONS and gaps == 0:
            # A short phrase between noun and predicate: "two workers of an energy company were
            # injured", "12 drones over the Kursk region were destroyed".
            aux = next((i for i in range(k + 1, min(n, k + 7)) if toks[i].low in AUXILIARIES), None)
            if aux is not None and not any(
                toks[i].low in L.VERBS_AFTER or toks[i].text in {",", ";"} for i in range(k, aux)
            ):
                k = aux
                gaps += 1
                continue
        return None
    return None


def attacks_a_country(toks: list[Token], k: int) -> bool:
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
