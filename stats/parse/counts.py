"""Sentence -> draft facts: each candidate number with its counted thing (nouns) and what
happened to it (cues, lists); the stages run in this order for every number of a sentence."""

from __future__ import annotations

from dataclasses import dataclass

from stats.facts import CASUALTY_METRICS, MILITARY_SUBGROUPS, WEAPON_METRICS
from stats.parse import lexicon as L
from stats.parse.candidates import FORECAST_WORDS, RATE, excluded, forecast, negated
from stats.parse.cues import AUXILIARIES, body_found, cue_after, cue_before, list_predicate
from stats.parse.lists import (
    all_of_them,
    and_their_kin,
    by_place,
    continues,
    dedupe,
    names_items_of,
    subgroup_parent,
)
from stats.parse.nouns import Noun, noun_after, number_of
from stats.parse.numbers import Quantity, Token
from stats.parse.referents import build
from stats.parse.state import DocState, Draft, match_back

Cue = tuple[str, int] | None


@dataclass(init=False)
class _Sentence:
    """What the numbers of one sentence share while it is read (`__init__` written out, as
    state.Draft's)."""

    toks: list[Token]
    lows: list[str]
    quants: list[Quantity]
    quant_tokens: set[int]  # token indexes inside a candidate count
    st: DocState
    may_forecast: bool
    drafts: list[Draft]
    second_of: dict[int, Quantity]  # index of a Y in "X of Y" -> X
    emitted: set[int]  # token index of Ys emitted with their X
    _heads: tuple[int, list[Draft]]

    def __init__(
        self,
        toks: list[Token],
        lows: list[str],
        quants: list[Quantity],
        quant_tokens: set[int],
        st: DocState,
        may_forecast: bool,
    ) -> None:
        self.toks = toks
        self.lows = lows
        self.quants = quants
        self.quant_tokens = quant_tokens
        self.st = st
        self.may_forecast = may_forecast
        self.drafts = []
        self.second_of = {}
        self.emitted = set()
        self._heads = (0, [])

    def heads(self) -> list[Draft]:
        """The drafts a later number can continue (not the derived Y of "X of Y"), remade only
        when a draft was added."""
        if self._heads[0] != len(self.drafts):
            self._heads = (len(self.drafts), [d for d in self.drafts if not d.derived])
        return self._heads[1]


def drafts_of(
    toks: list[Token], lows: list[str], quants: list[Quantity], st: DocState
) -> list[Draft]:
    """The draft facts of one sentence's candidate numbers, in order."""
    dropped = [excluded(toks, q) for q in quants]
    quant_tokens = {
        k
        for q, x in zip(quants, dropped, strict=True)
        if not q.article and not x
        for k in range(q.i, q.j)
    }
    sc = _Sentence(toks, lows, quants, quant_tokens, st, not FORECAST_WORDS.isdisjoint(lows))
    for qi, q in enumerate(quants):
        if not dropped[qi] and q.i not in sc.emitted:
            _read_number(sc, qi, q)
    drafts = sc.drafts
    if "all" in lows or "both" in lows:
        drafts.extend(all_of_them(toks, lows, drafts))
    for d in drafts:  # "a 15-year-old girl and her 41-year-old father were killed": two
        if d.metric in CASUALTY_METRICS and (end := and_their_kin(toks, d.noun_end)):
            d.value, d.b, d.subgroup = d.value + 1, max(d.b, end), None
    return dedupe(drafts)


def _read_number(sc: _Sentence, qi: int, q: Quantity) -> None:
    """Read one number through the stages; add its drafts to the sentence's."""
    toks = sc.toks
    if q.article and (q.h > 0 and toks[q.h - 1].low in {"of", "in", "for", "at", "on", "as"}):
        if not (q.h > 1 and toks[q.h - 1].low == "of" and toks[q.h - 2].low in L.BODY_NOUNS):
            return  # not "the body of a woman", a death counted
    counted = _counted(sc, qi, q)
    if counted is None:
        return
    noun, y = counted
    happened = _happened(sc, qi, q, noun)
    if happened is None:
        return
    metric, a, b, before, after = happened
    if _add_subgroup(sc, q, noun, after):
        return
    listed = bool(sc.heads()) and continues(toks, sc.heads()[-1], q)
    metric, a = _from_list(sc, q, noun, metric, a, listed)
    if metric is None:
        metric, a = _from_clause(sc, q, noun, a)
    if metric is None and sc.st.last_metric and by_place(sc.toks, q, noun):
        metric = sc.st.last_metric  # a line of a breakdown: the total's metric
    metric = _as_troops(sc, noun, metric, before, after)
    if _joins_previous(sc, q, noun, metric, b):
        return
    if metric is None or negated(sc.lows, q, b):
        return  # "neither of the missiles, a Kh-59 and an S-300, was intercepted"
    if q.article and listed and names_items_of(toks, sc.heads()[-1], q, noun):
        return  # "two guided missiles, a Kh-35 and a Kh-31P": the two, named
    draft = build(toks, q, noun, metric, a, b, sc.st, listed=listed)
    if draft is not None:
        if noun.kind is None and draft.subgroup is None and metric in CASUALTY_METRICS:
            draft.subgroup = _elided_military(sc.drafts)
        _emit(sc, q, y, noun, metric, draft)


def _elided_military(drafts: list[Draft]) -> str | None:
    """The military group a casualty count without a noun of its own shares with the count
    before it ("100 soldiers were killed and close to 1,000 wounded"): soldiers, not victims."""
    for d in reversed(drafts):
        if d.metric in CASUALTY_METRICS:
            return d.subgroup if d.subgroup in MILITARY_SUBGROUPS else None
    return None


def _counted(sc: _Sentence, qi: int, q: Quantity) -> tuple[Noun, Quantity | None] | None:
    """What q counts, and the Y of "q of Y" when there is one; None for a number that counts
    nothing (a rate, a forecast, a thing out of scope)."""
    toks = sc.toks
    noun = noun_after(toks, q.j2)
    # "X of (the) Y": Y is launched, and lends X its noun.
    y = None
    of_at = q.j2
    if of_at + 1 < len(toks) and toks[of_at].low == "out" and toks[of_at + 1].low == "of":
        of_at += 1  # "13 out of 20 missiles"
    if noun.kind is None and of_at < len(toks) and toks[of_at].low == "of":
        for q2 in sc.quants[qi + 1 : qi + 2]:
            gap = [t.low for t in toks[of_at + 1 : q2.h]]
            if not q2.article and gap in ([], ["the"], ["all"]):
                y = q2
                sc.second_of[qi + 1] = q
                noun = noun_after(toks, q2.j2)
                if noun.kind is None:
                    noun = Noun(None, end=q2.j2)
    if noun.kind is None and y is None:
        noun = number_of(toks, q) or noun
    if noun.number_of == "launched" and noun.kind == "weapon" and q.article:
        return None  # "a missile strike": an attack, not a count
    if noun.word == "others":
        noun = Noun(None, end=noun.end)  # "seven others were lost": points back
    if noun.kind == "other":
        return None
    if tuple(t.low for t in toks[noun.end : noun.end + 2]) in RATE:
        return None
    if sc.may_forecast and forecast(toks, q):
        return None
    return noun, y


def _opens_with_of(toks: list[Token], q: Quantity) -> bool:
    """Whether q opens its clause with "of (the)": "Of 40 drones, 37 were downed"."""
    return (
        q.h >= 1
        and toks[q.h - 1].low == "of"
        and (q.h == 1 or toks[q.h - 2].text in {",", ";", ":"})
    ) or (
        q.h >= 2
        and toks[q.h - 1].low == "the"
        and toks[q.h - 2].low == "of"
        and (q.h == 2 or toks[q.h - 3].text in {",", ";", ":"})
    )


def _happened(
    sc: _Sentence, qi: int, q: Quantity, noun: Noun
) -> tuple[str | None, int, int, Cue, Cue] | None:
    """The metric of q from a cue before it or a predicate after its noun, with the span
    (metric, a, b, before, after); None for a number to leave out."""
    toks = sc.toks
    a, b = q.h, max(noun.end, q.j2)
    if noun.word in L.HIT_NOUNS:
        return "hit", a, b, None, None  # "recorded 19 direct hits"
    if qi in sc.second_of or (_opens_with_of(toks, q) and noun.kind == "weapon"):
        return "launched", a, b, None, None
    metric = None
    heads = sc.heads()
    before: tuple[str, int] | None = cue_before(toks, q.h, sc.quant_tokens)
    after = cue_after(toks, noun.end)
    if after and after[0] == "skip":
        return None
    # "37 drones launched by Russia", "two drones sent against the regions": a participle,
    # weaker than a list it continues.
    weak = (
        after is not None
        and noun.kind is not None
        and after[1] < len(toks)
        and (toks[after[1]].low == "by" or (after[0] == "launched" and noun.kind == "weapon"))
        and toks[after[1]].low in L.REDUCED_RELATIVE
    )
    if (
        after
        and after[0] == "launched"
        and not before
        and heads
        and heads[-1].metric in WEAPON_METRICS
        and tuple(t.low for t in toks[q.j2 : q.j2 + 2]) in {("of", "them"), ("of", "which")}
        and toks[after[1] - 2].low not in AUXILIARIES  # not "28 of which were flying"
    ):
        # "3 over Moscow, 2 of them heading for the city": a part of that count, same metric
        return heads[-1].metric, a, b, before, None
    if not after and noun.kind == "people" and body_found(toks, q.h, noun.word, noun.end):
        return "killed", a, b, before, None  # "two more bodies were pulled from the rubble"
    if before and not (noun.kind == "people" and before[0] in WEAPON_METRICS):
        metric, a = before[0], before[1]
    elif after and not (weak and heads and continues(toks, heads[-1], q)):
        metric, b = after[0], after[1]
        if (
            q.article
            and noun.kind == "weapon"
            and metric != "hit"
            and not (noun.end < len(toks) and toks[noun.end].low in AUXILIARIES)
        ):
            return None  # "a drone destroyed in mid-air": a caption, not a count
    return metric, a, b, before, after


def _add_subgroup(sc: _Sentence, q: Quantity, noun: Noun, after: Cue) -> bool:
    """Whether q is a subgroup of the count before it ("including 8 children"); adds it."""
    matched, parent = subgroup_parent(sc.toks, q, noun, sc.drafts, sc.quant_tokens)
    if parent is None:
        return matched  # a subgroup of a count that is no fact: left out
    # "including 8 foreign sailors": a named group is a subgroup too
    group = noun.subgroup or (
        noun.word
        if not q.article and noun.word in L.PEOPLE_NOUNS - L.GENERIC_PEOPLE - L.SINGULAR_PEOPLE
        else None
    )
    if group is None:
        return True
    noun.subgroup = group
    sc.drafts.append(
        Draft(
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
    return True


def _from_list(
    sc: _Sentence, q: Quantity, noun: Noun, metric: str | None, a: int, listed: bool
) -> tuple[str | None, int]:
    """The metric of a number in a list: the list's head's, or the predicate closing it."""
    toks = sc.toks
    heads = sc.heads()
    own_predicate = noun.end < len(toks) and toks[noun.end].low in AUXILIARIES
    if (
        metric is None
        and listed
        and noun.kind == "people"
        and noun.end < len(toks)
        and toks[noun.end].low in {"and", ","}
        and (pred := list_predicate(toks, noun.end)) in CASUALTY_METRICS
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
        metric = list_predicate(toks, noun.end)
    return metric, a


def _cue_earlier(sc: _Sentence, q: Quantity) -> str | None:
    """The weapon metric of the nearest cue earlier in q's clause ("Russia attacked overnight
    with 90 drones", "shot down the Kh-59 missile and 41 drones")."""
    toks = sc.toks
    if q.h > 0 and toks[q.h - 1].low == "with":
        return "launched"  # "struck Kharkiv with six bombs", "hit Ukraine with 11 missiles"
    for k in range(q.h - 1, max(-1, q.h - 16), -1):
        w = toks[k].low
        if w in {";", ":", "which", "whom"} or k in sc.quant_tokens:
            break
        if w in L.VERBS_BEFORE and L.VERBS_BEFORE[w] in WEAPON_METRICS:
            return L.VERBS_BEFORE[w]
        phrase = match_back(toks, k + 1, L.PHRASES_BEFORE)
        if phrase and phrase[0] in WEAPON_METRICS:
            return phrase[0]
        if w in L.ATTACK_WORDS:
            return "launched"
    return None


def _from_clause(sc: _Sentence, q: Quantity, noun: Noun, a: int) -> tuple[str | None, int]:
    """The metric of a number with no cue of its own, from the words of its clause."""
    toks = sc.toks
    metric = None
    if noun.kind == "weapon" and not q.article:
        metric = _cue_earlier(sc, q)
    heads = sc.heads()
    if (
        metric is None
        and heads
        and [t.low for t in toks[max(0, q.h - 2) : q.h]] in (["as", "were"], ["as", "was"])
    ):
        metric = heads[-1].metric  # "all three missiles were shot down, as were 52 drones"
    if (
        metric is None
        and sc.drafts
        and q.h > 0
        and toks[q.h - 1].low == "including"
        and noun.kind in {None, "weapon"}
        and sc.drafts[-1].metric in WEAPON_METRICS
    ):
        # "84 drones, including 20 over the Moscow region / 20 Shaheds": same metric
        metric = sc.drafts[-1].metric
    if metric is None and noun.number_of:
        metric = noun.number_of
        if noun.start is not None:
            a = noun.start
    return metric, a


def _as_troops(
    sc: _Sentence, noun: Noun, metric: str | None, before: Cue, after: Cue
) -> str | None:
    """Troops for soldiers sent or deployed ("sent 10,000 soldiers", "a force of 50,000"); not
    prisoners ("returned in an exchange", "captured")."""
    if (
        noun.kind == "people"
        and noun.word in L.TROOP_NOUNS | {"forces"}
        and metric in {None, "launched", "hit"}  # "sent", "have reached the front"
        and not (before and before[0] not in {"launched", "troops"})
        and not (after and after[0] not in {"launched", "troops", "hit"})
    ):
        near = sc.lows[max(0, noun.end - 10) : noun.end + 8]
        return "troops" if L.CAPTIVITY_WORDS.isdisjoint(near) else None
    return metric


def _joins_previous(sc: _Sentence, q: Quantity, noun: Noun, metric: str | None, b: int) -> bool:
    """Whether q adds to the victim count just before it ("a mother and her three children":
    one count); adds it there."""
    heads = sc.heads()
    if not (metric in CASUALTY_METRICS and noun.kind == "people" and heads):
        return False
    prev = heads[-1]
    between = [t.low for t in sc.toks[prev.b : q.h]]
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
        return True
    return False


def _emit(sc: _Sentence, q: Quantity, y: Quantity | None, noun: Noun, metric: str, draft: Draft):
    """Add q's draft, and what it implies: the Y of "X of Y" and the launched of "all N"."""
    toks = sc.toks
    if not (y is not None and metric == "launched" and draft.weapon):
        sc.drafts.append(draft)  # not "one of 6 Kh-101s fired": a member of the launched count
    if y is not None and metric in WEAPON_METRICS and draft.weapon:
        sc.emitted.add(y.i)
        sc.drafts.append(_derived(y, "launched", draft, y.h, max(noun.end, y.j2), noun.end))
    every = q.h > 0 and toks[q.h - 1].low == "all" and not (q.h > 1 and toks[q.h - 2].low == "in")
    if metric == "intercepted" and every and not y:  # not "in all, 30 were downed"
        sc.drafts.append(_derived(q, "launched", draft, draft.a, draft.b, noun.end))


def _derived(q: Quantity, metric: str, of: Draft, a: int, b: int, noun_end: int) -> Draft:
    """A draft implied by another one (same weapon and side), counting q."""
    return Draft(
        q,
        metric,
        of.weapon,
        of.model,
        q.value,
        q.value_max,
        q.qualifier,
        a,
        b,
        of.actor_hint,
        None,
        noun_end,
        derived=True,
    )
