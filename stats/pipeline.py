"""Run the extractor over inputs and account for every document it was given.

Documents flow through one at a time: `iter_run` yields one `DocResult` per document, in input
order, holding nothing else, so a caller that writes facts as they come (`stats extract -o`)
keeps memory flat however large the corpus. `jobs` spreads documents over processes in chunks,
with a bounded number of chunks in flight; the results are the same as with one process.
`run` collects everything into a `Run` for callers that need all the facts at once.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, islice
from pathlib import Path
from typing import Any

from stats.facts import WEAPON_METRICS, Document, Fact, fact_values
from stats.guard import TooSlow, bounded_extract, cap_sentence, checked_dates, negative_number
from stats.parse import extract
from stats.sources import list_inputs, read_all, skipped_files

Encoder = Callable[[Iterable[Fact]], str]

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


@dataclass
class Account:
    """A run's documents counted as they stream by, in bounded memory: totals, the first `keep`
    that gave no facts, and the files that held rows (`path:row` origins; the air-force dataset
    is read again from them). What a report says about documents, without keeping them all."""

    keep: int = 500
    documents: int = 0
    errors: int = 0
    empty: int = 0
    facts: int = 0  # the facts the documents gave
    quiet: list[DocStatus] = field(default_factory=list)
    files: set[str] = field(default_factory=set)
    skipped: list[Path] = field(default_factory=list)

    def add(self, status: DocStatus) -> None:
        """Count one document."""
        self.documents += 1
        self.errors += status.error
        self.facts += status.facts
        if status.facts == 0:
            self.empty += 1
            if len(self.quiet) < self.keep:
                self.quiet.append(status)
        if ":" in status.origin:
            self.files.add(status.origin.rpartition(":")[0])

    @classmethod
    def of(cls, run: Run, keep: int = 500) -> Account:
        """The account of a whole run."""
        account = cls(keep=keep, skipped=list(run.skipped))
        for status in run.documents:
            account.add(status)
        return account


@dataclass(frozen=True)
class DocResult:
    """One document's outcome: its status, the facts kept and the messages to show."""

    status: DocStatus
    facts: tuple[Fact, ...] = ()
    messages: tuple[str, ...] = ()
    # The kept facts as output lines, when the run was asked to encode them (`facts` is then
    # empty unless asked for too): a worker hands back one string instead of fact objects to
    # unpickle and encode.
    lines: str = ""
    # The kept facts as `fact_values` tuples, when the run was asked for tuples (`facts` is then
    # empty unless asked for too): a tenth of the cost of unpickling fact objects.
    tuples: tuple[tuple[Any, ...], ...] = ()


def check_fact(fact: Fact) -> str | None:
    """Why a fact is not believable (an absurd number), else None."""
    if fact.value < 0 or fact.value >= ABSURD or (fact.value_max or 0) >= ABSURD:
        return f"absurd value in «{fact.text}» (limit {ABSURD:,})"
    if (
        fact.metric in WEAPON_METRICS
        and fact.scope == "event"
        and fact.value > ABSURD_EVENT_WEAPONS
    ):
        return f"implausible single-attack count {fact.value:,.0f} in «{fact.text}»"
    return None


def process(doc: Document) -> DocResult:
    """Extract one document; a failure becomes a status with a reason, never an exception."""
    notes = tuple(f"{doc.origin}: {note}" for note in doc.notes)
    if doc.error:
        status = DocStatus(doc.id, doc.origin, doc.published, 0, doc.error, True)
        return DocResult(status, messages=(*notes, f"{doc.origin}: {doc.error}"))
    try:
        facts = bounded_extract(doc, extract)
    except TooSlow as e:
        status = DocStatus(doc.id, doc.origin, doc.published, 0, str(e), True)
        return DocResult(status, messages=(*notes, f"{doc.origin}: {e}"))
    except Exception as e:  # noqa: BLE001 - one bad document must not end the run
        reason = f"extractor failed: {type(e).__name__}: {e}"
        status = DocStatus(doc.id, doc.origin, doc.published, 0, reason, True)
        return DocResult(status, messages=(f"{doc.origin}: {reason}",))
    kept: list[Fact] = []
    messages: list[str] = list(notes)
    for f in facts:
        f, dropped = checked_dates(cap_sentence(f))
        messages.extend(f"{doc.origin}: {note}" for note in dropped)
        problem = check_fact(f)
        if not problem and (signed := negative_number(f, doc.body)):
            problem = f"negative number in «{signed}»"
        if problem:
            messages.append(f"{doc.origin}: dropped {problem}")
        else:
            kept.append(f)
    reason = None if kept else ("only absurd numbers" if facts else "no war figures found")
    status = DocStatus(doc.id, doc.origin, doc.published, len(kept), reason)
    return DocResult(status, tuple(kept), tuple(messages))


def process_chunk(
    docs: list[Document],
    encode: Encoder | None = None,
    facts_too: bool = False,
    tuples: bool = False,
) -> list[DocResult]:
    """`process` over a chunk: the unit of work a worker process receives. With `encode`
    (facts -> text, e.g. `export.jsonl_lines`) each result carries its facts as `lines`, with
    `tuples` as `fact_values` tuples, and keeps the fact objects as well only when `facts_too`."""
    results = [process(doc) for doc in docs]
    if encode is None and not tuples:
        return results
    return [
        DocResult(
            r.status,
            r.facts if facts_too else (),
            r.messages,
            encode(r.facts) if encode is not None and r.facts else "",
            tuple(map(fact_values, r.facts)) if tuples else (),
        )
        for r in results
    ]


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def skips(inputs: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """Files in the given folders that are not read, and a message for each that is not a
    file people keep beside a corpus (NOTICE, README...)."""
    skipped = skipped_files(inputs)
    messages = [
        f"{path}: skipped (not a document type: .txt .md .html .jsonl .csv)"
        for path in skipped
        if path.name.upper() not in QUIET_SKIPS  # still listed in the report, without a warning
    ]
    return skipped, messages


# Chunks of documents in flight at least (of `chunksize` documents each).
WINDOW = 48


def iter_run(
    inputs: Iterable[str | Path],
    *,
    jobs: int | None = 1,
    chunksize: int = 64,
    encode: Encoder | None = None,
    facts_too: bool = False,
    tuples: bool = False,
) -> Iterator[DocResult]:
    """One DocResult per document of `inputs`, in input order, streamed.

    `jobs`: worker processes (None: all cores; 1: in this process). `encode`, `facts_too`,
    `tuples`: send each document's facts as text or tuples made where they are extracted (see
    `process_chunk`). Raises SourceError for a path that does not exist, at the call, before
    any reading starts.
    """
    items = list(inputs)
    list_inputs(items)  # raises SourceError now, before any reading
    docs = read_all(items)
    n = default_jobs() if jobs is None else max(1, jobs)
    return _stream(docs, n, max(1, chunksize), encode, facts_too, tuples)


def _stream(
    docs: Iterator[Document],
    jobs: int,
    chunksize: int,
    encode: Encoder | None = None,
    facts_too: bool = False,
    tuples: bool = False,
) -> Iterator[DocResult]:
    chunks = iter(lambda: list(islice(docs, chunksize)), [])
    if jobs == 1:
        for chunk in chunks:
            yield from process_chunk(chunk, encode, facts_too, tuples)
        return
    first = next(chunks, [])
    second = next(chunks, []) if len(first) == chunksize else []
    if not second:  # one chunk: starting processes would cost more than it saves
        yield from process_chunk(first, encode, facts_too, tuples)
        return
    # Chunks in flight, memory bounded: enough that the workers keep extracting while the
    # caller digests what came back (a series chunk of 80,000 facts is about 7,000 documents;
    # with 4 chunks a worker, the workers waited for the report's main process half the time).
    window = max(4 * jobs, WINDOW)
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_exit_with_parent, initargs=(os.getpid(),)
    ) as pool:
        pending: deque[Future[list[DocResult]]] = deque()
        for chunk in chain([first, second], chunks):
            pending.append(pool.submit(process_chunk, chunk, encode, facts_too, tuples))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _exit_with_parent(parent: int) -> None:
    """Worker initializer: a worker whose parent was killed exits instead of lingering, and
    takes SIGTERM's default action (not the CLI's unwinding handler it was forked with)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def run(
    inputs: Iterable[str | Path],
    *,
    on_document: Callable[[DocResult], None] | None = None,
    jobs: int | None = 1,
) -> Run:
    """Read and extract every input into one Run. Raises SourceError for a missing path.

    `on_document` is called with each document's result as it is made (a progress bar)."""
    items = list(inputs)
    stream = iter_run(items, jobs=jobs)
    skipped, messages = skips(items)
    result = Run(skipped=skipped, messages=messages)
    for one in stream:
        add(result, one)
        if on_document:
            on_document(one)
    return result


def add(result: Run, one: DocResult) -> None:
    """Fold one document's result into a Run."""
    result.documents.append(one.status)
    result.messages.extend(one.messages)
    result.facts.extend(one.facts)


def facts_of(
    results: Iterable[DocResult],
    *,
    on_result: Callable[[DocResult], None] | None = None,
    account: Account | None = None,
    tuples: bool = False,
) -> Iterator[Fact | tuple[Any, ...]]:
    """The facts of streamed results, in order, one document's together (their `tuples`
    with `tuples`); `on_result` sees each result first (messages, a progress bar), `account`
    counts it."""
    for one in results:
        if on_result:
            on_result(one)
        if account is not None:
            account.add(one.status)
        if tuples and one.facts and not one.tuples:
            raise ValueError("these results hold facts, not tuples: run them with tuples=True")
        yield from one.tuples if tuples else one.facts


@dataclass(frozen=True)
class Tally:
    """What a streamed run wrote: documents read, facts written, documents unreadable."""

    documents: int = 0
    facts: int = 0
    errors: int = 0


def drain(
    results: Iterable[DocResult],
    sink: Callable[[Iterable[Fact]], None],
    *,
    on_result: Callable[[DocResult], None] | None = None,
    batch: int = 512,
    write_lines: Callable[[str], None] | None = None,
) -> Tally:
    """Send every result's facts to `sink` as they come, in batches, and its encoded `lines`
    to `write_lines`; hold nothing else."""
    docs = n_facts = errors = 0
    pending: list[Fact] = []
    for one in results:
        docs += 1
        errors += one.status.error
        n_facts += one.status.facts
        pending.extend(one.facts)
        if one.lines:
            if write_lines is None:
                raise ValueError("results hold encoded lines: give write_lines")
            if pending:
                sink(pending)
                pending = []
            write_lines(one.lines)
        if on_result:
            on_result(one)
        if len(pending) >= batch:
            sink(pending)
            pending = []
    if pending:
        sink(pending)
    return Tally(docs, n_facts, errors)
