"""Stage 4, lists and breakdowns: items that continue a list under one verb, subgroups
("including 8 children"), "all of them", and a victim's kin."""

from __future__ import annotations

from stats.facts import CASUALTY_METRICS, FAMILY
from stats.parse import lexicon as L
from stats.parse.cues import PLACE_PREPOSITIONS, cue_after
from stats.parse.nouns import AGE, Noun
from stats.parse.numbers import Quantity, Token
from stats.parse.state import Draft

_SUBGROUP_BEFORE = {("including",), ("among", "them"), ("among", "whom"), ("of", "whom"), ("incl",)}
_SUBGROUP_AFTER = {("of", "them"), ("of", "whom"), ("among", "them"), ("among", "whom")}


def and_their_kin(toks: list[Token], k: int) -> int | None:
    """The end of "and her (40-year-old) mother" at token k: one more victim, else None."""
    n = len(toks)
    if k + 2 >= n or toks[k].low != "and" or toks[k + 1].low not in {"her", "his", "their"}:
        return None
    j = k + 2
    if AGE.fullmatch(toks[j].low):
        j += 1
    if j < n and toks[j].low in L.SINGULAR_PEOPLE:
        return j + 1
    return None


def all_of_them(toks: list[Token], lows: list[str], drafts: list[Draft]) -> list[Draft]:
    """ "20 drones were detected, and all of them were destroyed", "3 missiles, all of which
    were intercepted": the fate of every one of a count just made, in words."""
    out = []
    for k, w in enumerate(lows):
        if w not in {"all", "both"} or k + 2 >= len(lows) or lows[k + 1] != "of":
            continue
        if lows[k + 2] not in {"them", "which", "these", "those", "it"}:
            continue
        heads = [d for d in drafts if d.b <= k and d.metric == "launched" and d.weapon]
        hit = cue_after(toks, k + 3)
        if not heads or not hit or hit[0] not in {"intercepted", "lost", "hit"}:
            continue
        head = heads[-1]
        q = Quantity(head.value, head.value_max, head.qualifier, k, k + 3, k, k + 3)
        out.append(
            Draft(
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


def names_items_of(toks: list[Token], head: Draft, q: Quantity, noun: Noun) -> bool:
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


def continues(toks: list[Token], prev: Draft, q: Quantity) -> bool:
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
        between[0].text in {":", "-", "–", "—"} or between[0].low in PLACE_PREPOSITIONS
        if between
        else False
    )
    longest = 10 if opener else 5
    return (
        bool(between)
        and len(between) <= longest
        and between[-1].low in L.LIST_JOINERS
        and not any(t.low in L.VERBS_BEFORE for t in between)
    )


def dedupe(drafts: list[Draft]) -> list[Draft]:
    seen: set[tuple] = set()
    out = []
    for d in drafts:
        key = (d.q.i, d.metric, d.value)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def subgroup_parent(
    toks: list[Token], q: Quantity, noun: Noun, drafts: list[Draft], quant_tokens: set[int]
) -> tuple[bool, Draft | None]:
    """Whether q names a subgroup ("including 8 children", "five of them children"), and the
    count it belongs to: the casualty or troop count just before it, unless another number
    stands nearer ("killed 12 and put 49 in hospital, six of them children": of the 49)."""
    if not drafts:
        return False, None
    before = tuple(t.low for t in toks[max(0, q.h - 2) : q.h])
    after = tuple(t.low for t in toks[q.j2 : q.j2 + 2])
    after_noun = tuple(t.low for t in toks[noun.end : noun.end + 2])
    if not (
        before[-1:] in _SUBGROUP_BEFORE
        or before in _SUBGROUP_BEFORE
        or after in _SUBGROUP_AFTER
        or after_noun in _SUBGROUP_AFTER
    ):
        return False, None
    prev = drafts[-1]
    if not (prev.metric in CASUALTY_METRICS or prev.metric == "troops"):
        return False, None
    if any(k in quant_tokens for k in range(prev.b, q.h)):
        return True, None
    return True, prev


def by_place(toks: list[Token], q: Quantity, noun: Noun) -> bool:
    """Whether the bare number q opens one line of a breakdown by place: "7 - above the
    Smolensk region", "13 fell above Crimea", "two over the Oryol region"."""
    if noun.kind is not None or q.article:
        return False
    k = noun.end
    while k < len(toks) and k < noun.end + 2 and toks[k].low in L.BREAKDOWN_GAP:
        k += 1
    if k >= len(toks) or toks[k].low not in L.BREAKDOWN_PREPOSITIONS:
        return False
    k += 1 + (k + 1 < len(toks) and toks[k + 1].low == "the")
    return k < len(toks) and (toks[k].text[:1].isupper() or toks[k].low in L.PLACES)
