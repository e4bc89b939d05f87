"""The records that flow through `stats`: Document in, Fact out.

`Fact` carries exactly the fields of `shared/spec/FACTS.md` (the contract that other tools read
from `stats extract`), plus `source`: the URL or dataset row reference the document came from.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter
from typing import Any, Literal

Metric = Literal["launched", "intercepted", "lost", "hit", "killed", "injured", "troops"]
Weapon = Literal[
    "missile",
    "ballistic_missile",
    "cruise_missile",
    "drone",
    "tactical_drone",
    "glide_bomb",
    "aircraft",
    "any",
]
Qualifier = Literal["exact", "approx", "at_least", "at_most", "range"]
Scope = Literal["event", "period", "cumulative"]
Actor = Literal["russia", "ukraine"]

METRICS: tuple[str, ...] = (
    "launched",
    "intercepted",
    "lost",
    "hit",
    "killed",
    "injured",
    "troops",
)
WEAPON_METRICS: frozenset[str] = frozenset({"launched", "intercepted", "lost", "hit"})
CASUALTY_METRICS: frozenset[str] = frozenset({"killed", "injured"})
# Subgroups of casualty facts that are military losses, never a night's civilian victims.
MILITARY_SUBGROUPS: frozenset[str] = frozenset(
    {"soldiers", "north_korean", "troops", "servicemen", "military", "fighters", "prisoners"}
)
WEAPONS: tuple[str, ...] = (
    "missile",
    "ballistic_missile",
    "cruise_missile",
    "drone",
    "tactical_drone",
    "glide_bomb",
    "aircraft",
    "any",
)
QUALIFIERS: tuple[str, ...] = ("exact", "approx", "at_least", "at_most", "range")
SCOPES: tuple[str, ...] = ("event", "period", "cumulative")
ACTORS: tuple[str, ...] = ("russia", "ukraine")

# Weapon classes grouped into the families that series and rates are computed over.
FAMILY: dict[str, str] = {
    "missile": "missile",
    "ballistic_missile": "missile",
    "cruise_missile": "missile",
    "drone": "drone",
    "tactical_drone": "drone",  # reconnaissance and front-line drones, counted apart
    "glide_bomb": "glide_bomb",
    "aircraft": "aircraft",
    "any": "any",
}


def weapon_family(weapon: str | None) -> str | None:
    """The family of a weapon class ("cruise_missile" -> "missile"); None stays None."""
    return FAMILY.get(weapon) if weapon else None


@dataclass(frozen=True)
class Document:
    """One text to read: its id (see FACTS.md), body (header removed) and metadata.

    `error` is set when the document could not be read; such a document yields no facts but is
    still accounted for in every run.
    """

    id: str
    body: str
    published: date | None = None
    url: str | None = None
    title: str | None = None
    origin: str = ""  # where it came from: a path, "path:row", or "<stdin>"
    error: str | None = None
    # A structured row (the air-force dataset) carries its values here instead of prose.
    record: dict[str, Any] | None = field(default=None, compare=False, repr=False)
    # Warnings about a readable document (a date dropped, an id renamed): shown, not fatal.
    notes: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class Fact:
    """One number a document states about the war, classified and traced to its words."""

    doc: str
    published: date | None
    event_date: date | None
    metric: str
    weapon: str | None
    weapon_model: str | None
    value: float
    value_max: float | None
    qualifier: str
    actor: str | None
    claimed_by: str | None
    location: str | None
    scope: str
    subgroup: str | None
    start: int
    end: int
    text: str
    sentence: str  # in a run, capped to SENTENCE_WINDOW characters each side of `text`
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: dates as `YYYY-MM-DD`, whole numbers as ints."""
        out = dataclasses.asdict(self)
        for key in ("published", "event_date"):
            out[key] = out[key].isoformat() if out[key] else None
        for key in ("value", "value_max"):
            v = out[key]
            if isinstance(v, float) and v.is_integer():
                out[key] = int(v)
        return out


FACT_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Fact))
_FIELD_SET = frozenset(FACT_FIELDS)
# A fact's fields as a tuple, in FACT_FIELDS order: how workers send facts for a series or a
# report (unpickling 80,000 Fact objects took 555 ms, their tuples 61 ms).
fact_values = attrgetter(*FACT_FIELDS)


def new_fact(**fields: Any) -> Fact:
    """`Fact(**fields)` for the parser, which makes millions: every field must be given. A frozen
    dataclass's `__init__` sets each of the 19 fields through `object.__setattr__`, which is
    about ten times slower than filling the instance's dict at once; the record is the same."""
    if fields.keys() != _FIELD_SET:
        return Fact(**fields)  # a field missing or unknown: Fact's own error
    fact = object.__new__(Fact)
    fact.__dict__.update(fields)
    return fact
