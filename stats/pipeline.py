"""Run the extractor over inputs and account for every document it was given."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from stats.facts import WEAPON_METRICS, Document, Fact
from stats.guard import TooSlow, bounded_extract, cap_sentence, checked_dates, negative_number
from stats.parse import extract
from stats.sources import list_inputs, read_all, skipped_files

# Files a corpus folder holds for people, not as documents: skipped without a warning.
QUIET_SKIPS = {"NOTICE", "LICENSE", "LICENCE", "COPYING", "AUTHORS", "README", "CHANGELOG"}

# Values past these are not believable for one statement; the fact is dropped with a message.
ABSURD = 10_000_000
ABSURD_EVENT_WEAPONS = 20_000


@dataclass(frozen=True)
class DocStatus:
    """What became of one document: how many facts it gave, or why it gave none."""

    id: str
    origin: str
    published: date | None
    facts: int
    reason: str | None = None  # set when the document gave no facts
    error: bool = False  # True when the document could not be read at all


@dataclass
class Run:
    """The outcome of a run: every fact, every document's status, and the messages to show."""

    facts: list[Fact] = field(default_factory=list)
    documents: list[DocStatus] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)

    @property
    def errors(self) -> list[DocStatus]:
        return [d for d in self.documents if d.error]


def check_fact(fact: Fact) -> str | None:
    """Why a fact is not believable (an absurd number), else None."""
    if fact.value < 0 or fact.value >= ABSURD or (fact.value_max or 0) >= ABSURD:
        return f"absurd value {fact.value:,.0f} in «{fact.text}»"
    if (
        fact.metric in WEAPON_METRICS
        and fact.scope == "event"
        and fact.value > ABSURD_EVENT_WEAPONS
    ):
        return f"implausible single-attack count {fact.value:,.0f} in «{fact.text}»"
    return None


def run(
    inputs: Iterable[str | Path],
    *,
    on_document: Callable[[Document], None] | None = None,
) -> Run:
    """Read and extract every input. Raises SourceError for a path that does not exist."""
    items = list(inputs)
    list_inputs(items)  # raises SourceError before any reading
    result = Run(skipped=skipped_files(items))
    for path in result.skipped:
        if path.name.upper() not in QUIET_SKIPS:  # still listed in the report, without a warning
            result.messages.append(
                f"{path}: skipped (not a document type: .txt .md .html .jsonl .csv)"
            )
    for doc in read_all(items):
        _one(doc, result)
        if on_document:
            on_document(doc)
    return result


def _one(doc: Document, result: Run) -> None:
    result.messages.extend(f"{doc.origin}: {note}" for note in doc.notes)
    if doc.error:
        result.documents.append(DocStatus(doc.id, doc.origin, doc.published, 0, doc.error, True))
        result.messages.append(f"{doc.origin}: {doc.error}")
        return
    try:
        facts = bounded_extract(doc, extract)
    except TooSlow as e:
        result.documents.append(DocStatus(doc.id, doc.origin, doc.published, 0, str(e), True))
        result.messages.append(f"{doc.origin}: {e}")
        return
    except Exception as e:  # noqa: BLE001 - one bad document must not end the run
        reason = f"extractor failed: {type(e).__name__}: {e}"
        result.documents.append(DocStatus(doc.id, doc.origin, doc.published, 0, reason, True))
        result.messages.append(f"{doc.origin}: {reason}")
        return
    kept = []
    for f in facts:
        f, notes = checked_dates(cap_sentence(f))
        result.messages.extend(f"{doc.origin}: {note}" for note in notes)
        problem = check_fact(f)
        if not problem and negative_number(f, doc.body):
            problem = f"negative number in «{f.text}»"
        if problem:
            result.messages.append(f"{doc.origin}: dropped {problem}")
        else:
            kept.append(f)
    reason = None if kept else ("only absurd numbers" if facts else "no war figures found")
    result.documents.append(DocStatus(doc.id, doc.origin, doc.published, len(kept), reason))
    result.facts.extend(kept)
