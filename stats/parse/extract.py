"""Document -> facts: the public entry point, which reads every sentence that may state a
count through the stages (candidates, nouns, cues, lists, counts, sides, when) and finishes
each draft into a Fact with its claimant, place and scope."""

from __future__ import annotations

import gc
from bisect import bisect_left, bisect_right

from stats.facts import CASUALTY_METRICS, WEAPON_METRICS, Document, Fact, new_fact
from stats.parse import lexicon as L
from stats.parse.candidates import number_like
from stats.parse.claimants import claimant
from stats.parse.context import not_this_war
from stats.parse.counts import drafts_of
from stats.parse.dates import dateline
from stats.parse.hits import hits_of, within
from stats.parse.numbers import TOKEN, Token, find_quantities
from stats.parse.places import location, places_in
from stats.parse.scope import SCOPE_WORDS, YEAR, scope_of, search_needing
from stats.parse.sentences import sentences
from stats.parse.sides import actor
from stats.parse.state import (
    FORGET_AT,
    DocState,
    Draft,
    forget_behind,
    lower_body,
    lows_of,
    sentence_starts,
    tokens_of,
)
from stats.parse.when import dated


def extract(doc: Document) -> list[Fact]:
    """Every fact a document states (none for a document that could not be read).

    Extraction makes no reference cycles, so the cyclic garbage collector is paused while it
    runs: its passes over a large document's growing state made the time per KB of a 10 MB
    document a third higher than of a 1 MB one (and cost a few per cent on small ones).
    """
    if not gc.isenabled():
        return _extract(doc)
    gc.disable()
    try:
        return _extract(doc)
    finally:
        gc.enable()


def _extract(doc: Document) -> list[Fact]:
    if doc.error:
        return []
    if doc.record is not None:
        from stats.sources.airforce import record_facts

        return record_facts(doc)
    body = doc.body
    low = lower_body(body)
    # Only sentences holding both a word that can make a number a fact (a metric verb, a
    # weapon or troop noun) and a number-like word are read closely; a text with neither is
    # not split at all.
    hits = hits_of(low)
    cues, numbers = hits.cues, hits.numbers
    if not cues or not number_like(low, 0, len(low), numbers):
        return []
    ref = dateline(body, doc.published) or doc.published
    st = DocState(doc=doc, ref=ref, sents=sentences(body), low=low, hits=hits)
    st.say_at = [a for a, _ in hits.says]
    out: list[Fact] = []
    for s, e in st.sents:
        # A line of a breakdown by place ("7 - above Smolensk region") holds no other cue: it
        # is read only in a document that has counted weapons.
        if (
            within(cues, s, e) or (st.last_metric and within(hits.breakdowns, s, e))
        ) and number_like(low, s, e, numbers):
            out.extend(_sentence_facts(body, s, e, st))
            if len(st.toks) > FORGET_AT:
                forget_behind(st, s)
    return out


def _sentence_facts(body: str, s: int, e: int, st: DocState) -> list[Fact]:
    """The facts of the sentence body[s:e]."""
    toks = tokens_of(st, s, e)
    lows = lows_of(st, toks)
    quants = find_quantities(toks, lows)
    sentence = body[s:e]
    low_sent = sentence.lower()
    if not quants or not_this_war(lows, low_sent):
        return []
    claim = _claim(st, s, e, lows, low_sent)
    drafts = drafts_of(toks, lows, quants, st)
    return [_finish(body, s, sentence, toks, d, st, claim, low_sent) for d in drafts]


def _claim(st: DocState, s: int, e: int, lows: list[str], low_sent: str) -> str | None:
    """Who states the sentence's numbers: a claimant named in it, or the latest earlier one
    when it refers back to a source ("according to the statement")."""
    k = bisect_right(st.say_at, s) - 1
    first = bisect_left(st.say_at, s)
    said_here = first < len(st.say_at) and st.say_at[first] < e
    claim = claimant(lows) if said_here else None
    if k >= 0 and st.say_at[k] >= st.read_upto:
        j = bisect_right(sentence_starts(st), st.say_at[k]) - 1
        a, b = st.sents[j]
        if a < s:
            # Only its words are needed: no Token records for a sentence not read for numbers.
            words = st.lows.get(a) or TOKEN.findall(st.low, a, b)
            st.claimant = claimant(words) or st.claimant
    st.read_upto = e
    if claim:
        st.claimant = claim
    elif any(w in low_sent for w in _REFERS_BACK):
        claim = st.claimant
    return claim


_REFERS_BACK = ("according to", "statement", " it said", "it added", "the ministry")


def _weapon_in_sentence(toks: list[Token]) -> str | None:
    """The weapon family a casualty sentence names (the weapon of its toll)."""
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


def _finish(
    body: str,
    s: int,
    sentence: str,
    toks: list[Token],
    d: Draft,
    st: DocState,
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
        lows = lows_of(st, toks)
        if SCOPE_WORDS.isdisjoint(lows) and not search_needing(YEAR, low_sent):
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
        if s not in st.sent_weapon:
            st.sent_weapon[s] = _weapon_in_sentence(toks)
        weapon = st.sent_weapon[s]
    return new_fact(
        doc=st.doc.id,
        published=st.doc.published,
        event_date=dated(toks, d, st, scope, s),
        metric=d.metric,
        weapon=None if d.metric == "troops" else weapon,
        weapon_model=d.model,
        value=d.value,
        value_max=d.value_max,
        qualifier=d.qualifier,
        actor=actor(lows_of(st, toks), d, claim, place, st),
        claimed_by=claim,
        location=place[0] if place else None,
        scope=scope,
        subgroup=d.subgroup,
        start=start,
        end=end,
        text=body[start:end],
        sentence=sentence,
        source=st.doc.url,
    )
