"""Stage 3, what happened: the metric cue before a number ("shot down 20") or the predicate
after its noun ("20 drones were destroyed"), and the predicate closing a list."""

from __future__ import annotations

from stats.facts import WEAPON_METRICS
from stats.parse import lexicon as L
from stats.parse.numbers import Token
from stats.parse.state import match_back, match_fwd

AUXILIARIES = {"are", "is", "were", "was", "remain", "remained", "remains", "have", "has", "had"}

PLACE_PREPOSITIONS = {"of", "from", "in", "at", "near", "on", "over", "across", "above"}


def _hits_places(toks: list[Token], j: int) -> bool:
    """Whether the verb at token j hits a number of places: "struck 33 locations"."""
    return (
        L.VERBS_AFTER.get(toks[j].low) == "hit"
        and j + 2 < len(toks)
        and toks[j + 2].low in L.PLACE_COUNTS
    )


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
            and not (
                j + 1 < len(toks) and toks[j + 1].text[:1].isdigit() and not _hits_places(toks, j)
            )
        ):
            # an active verb closing the list: "several dozen drones and three missiles
            # targeted Kyiv", "four missiles and 37 drones struck the city"
            metric = L.VERBS_AFTER[w]
            if metric == "hit" and attacks_a_country(toks, j + 1):
                metric = "launched"
            return metric if metric in WEAPON_METRICS else None
        phrase = match_fwd(toks, j, L.PHRASES_AFTER) if j > k else None
        if (
            phrase
            and phrase[0] in WEAPON_METRICS
            and not (phrase[1] < len(toks) and toks[phrase[1]].text[:1].isdigit())
        ):
            return phrase[0]  # "57 drones and one missile got through", not "..., shot down 30"
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


def _verb_before_colon(
    toks: list[Token], colon: int, quants_at: set[int]
) -> tuple[str, int] | None:
    """The weapon verb of the clause a colon closes, for the items listed after it ("downed
    more than half of the incoming targets: four of the six cruise missiles ...")."""
    for k in range(colon - 1, max(-1, colon - 12), -1):
        if k in quants_at or toks[k].text in {";", ":", "."}:
            return None
        phrase = match_back(toks, k + 1, L.PHRASES_BEFORE)
        if phrase and phrase[0] in WEAPON_METRICS:
            return phrase
        if L.VERBS_BEFORE.get(toks[k].low) in WEAPON_METRICS:
            return L.VERBS_BEFORE[toks[k].low], k
    return None


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
            return _verb_before_colon(toks, k - 1, quants_at)
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


def _appositive_end(toks: list[Token], k: int) -> int | None:
    """The token after a subgroup set off by commas from token k (", five of them children,")."""
    close = next((i for i in range(k + 1, min(len(toks), k + 8)) if toks[i].text == ","), None)
    if close is None:
        return None
    inner = [t.low for t in toks[k + 1 : close]]
    if len(inner) == 1 and inner[0].isdigit():
        return close + 1  # an age: "a pregnant woman, 35, was also hurt"
    pairs = set(zip(inner, inner[1:], strict=False))
    return close + 1 if pairs & {("of", "them"), ("of", "whom")} else None


def cue_after(toks: list[Token], k: int) -> tuple[str, int] | None:
    n = len(toks)
    gaps = 0
    while k < n and gaps <= 5:
        hit = match_fwd(toks, k, L.PHRASES_AFTER)
        if hit:
            return hit
        w = toks[k].low
        if w == "," and gaps == 0 and (close := _appositive_end(toks, k)):
            k = close  # "22 people, five of them children, were hurt"
            gaps += 1
            continue
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


def body_found(toks: list[Token], q_h: int, noun_word: str, end: int) -> bool:
    """Whether a count of bodies, or "the body of a woman", is found or recovered within the
    clause after token `end`: a death counted."""
    of_body = (
        q_h >= 2 and toks[q_h - 1].low in {"of", "a", "an"} and toks[q_h - 2].low in L.BODY_NOUNS
    )
    if noun_word not in L.BODY_NOUNS and not of_body:
        return False
    for t in toks[end : end + 6]:
        if t.low in L.RECOVERY_VERBS:
            return True
        if t.text in {",", ";"}:
            return False
    return False
