"""Scoring extracted facts against labelled ones, shared by the corpus tests."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from stats.facts import Fact

CASUALTY_OR_TROOPS = {"killed", "injured", "troops"}


@dataclass
class Score:
    expected: int = 0
    matched: int = 0
    false: list[Fact] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)
    field_checks: int = 0
    field_errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / (self.matched + len(self.false)) if self.matched else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 0.0

    def line(self, name: str) -> str:
        return (
            f"{name}: precision {self.precision:.3f} recall {self.recall:.3f} "
            f"(expected {self.expected}, matched {self.matched}, missed {len(self.missed)}, "
            f"false {len(self.false)}; fields {self.field_checks - len(self.field_errors)}"
            f"/{self.field_checks} agree)"
        )


def accepts(spec: object, value: object) -> bool:
    """Whether a labelled value accepts an extracted one: alternatives split by "|", a leading
    "~" for a case-insensitive substring, None for null."""
    if hasattr(value, "isoformat"):
        value = value.isoformat()
    for option in [None] if spec is None else str(spec).split("|"):
        if option is None or option == "None":
            if value is None:
                return True
        elif option.startswith("~"):
            if value is not None and option[1:].lower() in str(value).lower():
                return True
        elif isinstance(value, float):
            try:
                if float(option) == value:
                    return True
            except ValueError:
                pass
        elif str(value) == option:
            return True
    return False


def same_fact(label: dict, fact: Fact) -> bool:
    """Metric, class (not for casualties and troops), value and qualifier as labelled."""
    if not accepts(label["metric"], fact.metric):
        return False
    if label["metric"].split("|")[0] not in CASUALTY_OR_TROOPS and not accepts(
        label["weapon"], fact.weapon
    ):
        return False
    return float(label["value"]) == fact.value and accepts(label["qualifier"], fact.qualifier)


def score_document(
    score: Score,
    facts: Iterable[Fact],
    expected: list[dict],
    optional: list[dict] = (),
    same: Callable[[dict, Fact], bool] = same_fact,
) -> None:
    """Add one document to `score`: each label matches at most one fact; a leftover fact that
    repeats a labelled one (a restated number) or an optional label is not false."""
    left = list(facts)
    for label in expected:
        score.expected += 1
        candidates = [f for f in left if same(label, f)]
        if not candidates:
            score.missed.append(label)
            continue
        checks = label.get("fields", {})

        def wrong(f: Fact, checks: dict = checks) -> list[str]:
            return [k for k, v in checks.items() if not accepts(v, getattr(f, k))]

        best = min(candidates, key=lambda f: len(wrong(f)))
        left.remove(best)
        score.matched += 1
        score.field_checks += len(checks)
        score.field_errors += [f"{label['metric']} {label['value']}: {k}" for k in wrong(best)]
    optional = list(optional)
    for f in left:
        opt = next((o for o in optional if same(o, f)), None)
        if opt is not None:
            optional.remove(opt)
        elif not any(same(label, f) for label in expected):
            score.false.append(f)
