"""Stage 2b, referents: the draft of a number once its metric is known, its weapon taken from
its own noun or from the count it points back to ("Of these, 37 were shot down")."""

from __future__ import annotations

from bisect import bisect_right

from stats.facts import CASUALTY_METRICS, WEAPON_METRICS
from stats.parse import lexicon as L
from stats.parse.nouns import Noun, compound
from stats.parse.numbers import TOKEN, Quantity, Token
from stats.parse.state import DocState, Draft, sentence_starts


def build(
    toks: list[Token],
    q: Quantity,
    noun: Noun,
    metric: str,
    a: int,
    b: int,
    st: DocState,
    listed: bool = False,
) -> Draft | None:
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
            if metric == "hit" and noun.word in L.PLACE_COUNTS:
                return None  # "struck 12 targets": places hit, not weapons
            weapon, model = noun.weapon, noun.model
            if weapon == "aircraft" and metric != "intercepted":
                return None
            if q.article and not listed and compound(toks, noun.end):
                return None  # "a drone attack", "a missile strike": no count
        else:
            if q.article:
                return None
            # "The missiles were not intercepted; 2 of them struck": a weapon this sentence names
            # comes before a count of an earlier one.
            relative = q.j2 + 1 < len(toks) and toks[q.j2 + 1].low == "which"
            counted_here = at in st.weapon_at
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
        if noun.kind == "weapon" and not _of_them(toks, q):
            st.last_metric = metric  # a total a breakdown by place may follow
        st.weapons.append((weapon, model, q.value, noun.actor, at if ante_at is None else ante_at))
        st.weapon_at.add(st.weapons[-1][4])
    elif metric in CASUALTY_METRICS:
        if noun.kind == "weapon":
            return None
        if q.article and not (noun.kind == "people" and noun.word in L.SINGULAR_PEOPLE):
            return None
        if subgroup in {"soldiers"} and noun.korean:
            subgroup = "north_korean"
    elif metric == "troops":
        troop_word = noun.word in L.TROOP_NOUNS | L.TROOP_PEOPLE | {"forces"}
        if noun.kind != "people" or not troop_word or q.article:
            return None
    return Draft(
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
    st: DocState, toks: list[Token], h: int, previous: bool = True
) -> tuple[str, str | None] | None:
    """(class, model) of the nearest weapon word before token h, in this sentence or the one
    before it, for a number that points back to weapons never counted ("The missiles were
    fired from the Caspian Sea; 11 of them were shot down")."""
    words = [t.low for t in toks[:h]]
    if toks and previous:
        i = bisect_right(sentence_starts(st), toks[0].start) - 1
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
    st: DocState, value: float
) -> tuple[str | None, str | None, float, str | None, int] | None:
    """The weapon count a bare number points back to: (weapon, model, value, actor, sentence)."""
    for w in reversed(st.weapons[-6:]):
        if w[2] >= value:
            return w
    return st.weapons[-1] if st.weapons else None


def _of_them(toks: list[Token], q: Quantity) -> bool:
    """Whether q counts a part of an earlier count: "2 of them", "28 of which"."""
    return (
        q.j2 + 1 < len(toks) and toks[q.j2].low == "of" and toks[q.j2 + 1].low in {"them", "which"}
    )
