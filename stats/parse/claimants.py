"""Who states a sentence's numbers: the claimant named beside a say verb."""

from __future__ import annotations

from stats.parse import lexicon as L

_CLAIM_INDEX: dict[str, list[tuple[int, tuple[str, ...], str]]] = {}
for _order, (_pattern, _name) in enumerate(L.CLAIMANTS):
    _CLAIM_INDEX.setdefault(_pattern[0], []).append((_order, _pattern, _name))


def claimant(lows: list[str]) -> str | None:
    """Who the sentence says states its numbers: the first-listed multiword claimant it names
    (most specific), else the earliest one-word claimant; only in sentences with a say verb.

    `lows` are the sentence's lowercased tokens."""
    if not any(w in L.SAY_VERBS for w in lows):
        return None
    best: tuple[int, int, str] | None = None  # (multiword first, order or position, name)
    for k, w in enumerate(lows):
        for order, pattern, name in _CLAIM_INDEX.get(w, ()):
            if name in L.CAPITAL_CLAIMANTS and (
                k + 1 >= len(lows) or lows[k + 1] not in L.SAY_VERBS
            ):
                continue  # "in Kyiv", "KYIV, Nov 13": a place, not "Kyiv said"
            if tuple(lows[k : k + len(pattern)]) == pattern:
                key = (0, order, name) if len(pattern) > 1 else (1, k, name)
                if best is None or key < best:
                    best = key
    return best[2] if best else None
