"""Readers: paths, folders, stdin and corpora -> Documents.

Every input is accounted for: a document that cannot be read becomes a `Document` with `error`
set (a one-line reason), never an exception that ends the run. Only a path that does not exist
raises, as `SourceError`, before any reading starts. Folders are walked once per real folder
(symlink loops end), and FIFOs, devices, sockets and dangling links are listed as skipped, never
opened. Corpora stream row by row: a bad row costs that row only. Limits: `stats.limits`.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

from stats.facts import Document
from stats.limits import MAX_DIGITS, MAX_DOC_CHARS, MAX_FILE_BYTES, MAX_JSON_DEPTH
from stats.sources.html import parse_html
from stats.sources.text import parse_date, parse_text

__all__ = [
    "SourceError",
    "list_inputs",
    "read_all",
    "read_documents",
    "read_path",
    "skipped_files",
    "DOCUMENT_SUFFIXES",
    "REPORT_MARKER",
]

TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
CORPUS_SUFFIXES = {".jsonl", ".ndjson", ".csv"}
DOCUMENT_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | CORPUS_SUFFIXES
MAX_BYTES = MAX_FILE_BYTES  # one text/HTML file or stdin (corpora stream without a file cap)
REPORT_MARKER = ".stats-report"  # written into every report folder: never read back as input
# Columns of a file `stats` wrote itself (facts): such a file is not read back as documents.
_FACT_COLUMNS = {"doc", "metric", "sentence", "start", "end"}
_BOM = b"\xef\xbb\xbf"

csv.field_size_limit(max(csv.field_size_limit(), 4 * MAX_DOC_CHARS + 1))


class SourceError(Exception):
    """An input that cannot be used at all (a path that does not exist)."""


@dataclass(frozen=True)
class _Entry:
    """One thing found in the inputs: a file to read, or a path skipped for `skip`."""

    path: Path | str
    root: Path | None  # the folder given as input it was found in; None when given directly
    skip: str | None = None


@dataclass
class _Found:
    entries: list[_Entry]
    skipped: list[Path]  # regular files left out: not a document type, or hidden


def _kind(path: Path) -> str:
    """ "dir", "file", or what else the path is (FIFO, device, dangling link ...)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "a dangling symlink"
    except OSError as e:
        if e.errno == 40:  # ELOOP
            return "a symlink loop"
        return f"unreadable ({e.strerror or e})"
    if stat.S_ISDIR(mode):
        return "dir"
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _expand(inputs: Iterable[str | Path]) -> _Found:
    found = _Found([], [])
    seen_dirs: set[str] = set()
    seen_files: dict[str, Path] = {}
    for item in inputs:
        if str(item) == "-":
            found.entries.append(_Entry("-", None))
            continue
        path = Path(item)
        if not os.path.lexists(path):
            raise SourceError(f"{path}: no such file or folder")
        kind = _kind(path)
        if kind == "dir":
            _walk(path, path, found, seen_dirs, seen_files, hidden=False)
        else:
            found.entries.append(_file_entry(path, None, kind, seen_files))
    return found


def _file_entry(path: Path, root: Path | None, kind: str, seen: dict[str, Path]) -> _Entry:
    if kind != "file":
        return _Entry(path, root, f"skipped: {kind}, not a regular file")
    real = os.path.realpath(path)
    if real in seen:
        return _Entry(path, root, f"skipped: the same file as {seen[real]}")
    seen[real] = path
    return _Entry(path, root)


def _walk(folder, root, found, seen_dirs, seen_files, *, hidden: bool) -> None:
    real = os.path.realpath(folder)
    if real in seen_dirs:
        if not hidden:
            found.entries.append(_Entry(folder, root, "skipped: folder already read (symlink)"))
        return
    seen_dirs.add(real)
    if not hidden and (folder / REPORT_MARKER).exists():
        found.entries.append(_Entry(folder, root, "skipped: a report folder written by stats"))
        return
    try:
        children = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as e:
        found.entries.append(_Entry(folder, root, f"skipped: unreadable folder ({e.strerror})"))
        return
    subs = []
    for child in children:
        path = folder / child.name
        kind = _kind(path)
        quiet = hidden or child.name.startswith(".")
        if kind == "dir":
            subs.append((path, quiet))
        elif quiet or (kind == "file" and path.suffix.lower() not in DOCUMENT_SUFFIXES):
            if kind == "file":
                found.skipped.append(path)
        else:
            found.entries.append(_file_entry(path, root, kind, seen_files))
    for sub, quiet in subs:
        _walk(sub, root, found, seen_dirs, seen_files, hidden=quiet)


def list_inputs(inputs: Iterable[str | Path]) -> list[Path | str]:
    """Expand inputs into files to read: folders recursively (a folder's own files before its
    subfolders', each sorted by name), `-` kept as stdin. Raises SourceError for missing paths.

    Files inside folders whose suffix is not a document type (and hidden files) are left out;
    `skipped_files` names them so a run can say so.
    """
    return [e.path for e in _expand(inputs).entries if e.skip is None]


def skipped_files(inputs: Iterable[str | Path]) -> list[Path]:
    """Files inside the given folders that are not read (not a document type, or hidden)."""
    return _expand(inputs).skipped


def _file_ids(entries: list[_Entry]) -> dict[int, str]:
    """Each entry's document id: its stem, or its path (from the input folder, without the
    extension) where stems collide, or with the extension where even those collide."""
    stems = Counter(Path(e.path).stem for e in entries if e.path != "-")
    ids: dict[int, str] = {}
    for i, e in enumerate(entries):
        if e.path == "-":
            continue
        path = Path(e.path)
        if stems[path.stem] == 1:
            ids[i] = path.stem
            continue
        rel = path.relative_to(e.root) if e.root is not None else path
        ids[i] = rel.with_suffix("").as_posix() if rel.suffix else rel.as_posix()
    qualified = Counter(ids.values())
    for i, doc_id in ids.items():
        if qualified[doc_id] > 1:
            e = entries[i]
            ids[i] = (Path(e.path).relative_to(e.root) if e.root else Path(e.path)).as_posix()
    return ids


def read_all(inputs: Iterable[str | Path]) -> Iterator[Document]:
    """Every document of every input, in order, with ids unique within the run: a skipped path
    is an error Document; an id met twice is renamed to the document's origin, with a note."""
    entries = _expand(inputs).entries
    ids = _file_ids(entries)
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        if entry.skip:
            docs: Iterable[Document] = [_error(ids[i], str(entry.path), entry.skip)]
        else:
            docs = read_path(entry.path, doc_id=ids.get(i))
        for doc in docs:
            if doc.id in seen:
                new = doc.origin if doc.origin not in seen else f"{doc.origin}#{len(seen)}"
                note = f"id {doc.id!r} is already used by another document: read as {new!r}"
                doc = replace(doc, id=new, notes=(*doc.notes, note))
            seen.add(doc.id)
            yield doc


read_documents = read_all


def read_path(item: Path | str, doc_id: str | None = None) -> Iterator[Document]:
    """The documents of one file (one, or one per row for a corpus) or of stdin (`-`)."""
    if item == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            yield _error("stdin", "<stdin>", f"too large to read (over {MAX_BYTES:,} bytes)")
            return
        yield from _read_stream(io.BytesIO(data), doc_id or "stdin", "<stdin>", _sniff(data))
        return
    path = Path(item)
    name = doc_id or path.stem
    try:
        # O_NONBLOCK: a path swapped for a FIFO after it was listed still never blocks a run.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as e:
        yield _error(name, str(path), f"unreadable: {e.strerror or e}")
        return
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        what = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
        yield _error(name, str(path), f"unreadable: {what}")
        return
    with os.fdopen(fd, "rb") as fh:
        try:
            yield from _read_stream(fh, name, str(path), path.suffix.lower())
        except OSError as e:
            yield _error(name, str(path), f"unreadable: {e.strerror or e}")


def _read_stream(fh: IO[bytes], name: str, origin: str, suffix: str) -> Iterator[Document]:
    head = fh.read(8192)
    fh.seek(0)
    if not head.strip():
        yield _error(name, origin, "empty")
        return
    utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    if b"\x00" in head and not utf16:
        yield _error(name, origin, "binary file (NUL bytes), not text")
        return
    if suffix in CORPUS_SUFFIXES:
        if utf16 or (b"\r" in head and b"\n" not in head):
            text, reason = _read_whole(fh, "too large to read")
            if text is None:
                yield _error(name, origin, reason)
                return
            fh = io.BytesIO(text.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8"))
        reader = _read_csv if suffix == ".csv" else _read_jsonl
        yield from reader(fh, name=name, origin=origin)
        return
    text, reason = _read_whole(fh, "too large to read")
    if text is None:
        yield _error(name, origin, reason)
    elif len(text) > MAX_DOC_CHARS:
        yield _error(name, origin, f"too long ({len(text):,} characters > {MAX_DOC_CHARS:,})")
    elif suffix in HTML_SUFFIXES or (suffix != ".md" and _looks_like_html(text)):
        doc = parse_html(text, doc_id=name, origin=origin)
        yield doc if doc.body.strip() else _error(name, origin, "no visible text in the HTML")
    else:
        doc = parse_text(text, doc_id=name, origin=origin)
        yield doc if doc.body.strip() else _error(name, origin, "header only, no text")


def _sniff(data: bytes) -> str:
    head = data.lstrip()[:1]
    return ".jsonl" if head == b"{" else ".txt"


def _error(doc_id: str, origin: str, reason: str) -> Document:
    return Document(id=doc_id, body="", origin=origin, error=reason)


def _read_whole(fh: IO[bytes], too_large: str) -> tuple[str | None, str]:
    """A file read whole and decoded, refused past MAX_BYTES: (text, "") or (None, reason)."""
    data = fh.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        return None, f"{too_large} (over {MAX_BYTES:,} bytes)"
    text, reason = _decode(data)
    return (text, "") if text is not None else (None, reason or "unreadable")


def _decode(data: bytes) -> tuple[str | None, str | None]:
    """(text, None) or (None, reason)."""
    if not data.strip():
        return None, "empty"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            return None, "not valid UTF-16 despite its byte-order mark"
    if b"\x00" in data[:8192]:
        return None, "binary file (NUL bytes), not text"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as e:
        return None, f"not valid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start})"


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


def _field(value: object) -> str | None:
    """A metadata cell as one line of at most 2,000 characters, or None when blank."""
    if value is None or isinstance(value, (dict, list)):
        return None
    text = " ".join(str(value).split())[:2000]
    return text or None


def _row_document(row: dict, *, n: int, origin: str) -> Document:
    """A Document from one corpus row with `text` and optional `id`, `date`, `url`, `title`."""
    doc_id = _field(row.get("id")) or str(n)
    where = f"{origin}:{n}"
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        return _error(doc_id, where, "row has no text")
    if len(text) > MAX_DOC_CHARS:
        return _error(doc_id, where, f"text too long ({len(text):,} characters)")
    raw_date = row.get("date")
    published, note = parse_date(raw_date if isinstance(raw_date, str) else None)
    title = _field(row.get("title"))
    if _looks_like_html(text):
        doc = parse_html(text, doc_id=doc_id, origin=where)
        text, title = doc.body, title or doc.title
    return Document(
        id=doc_id,
        body=text,
        published=published,
        url=_field(row.get("url")),
        title=title,
        origin=where,
        notes=(note,) if note else (),
    )


class _RowError(ValueError):
    """A JSONL row that is refused (too deep, a number with too many digits)."""


def _int(token: str) -> int:
    if len(token.lstrip("-")) > MAX_DIGITS:
        raise _RowError(f"a number with more than {MAX_DIGITS} digits")
    return int(token)


_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"')


def _depth(line: str) -> int:
    depth = deepest = 0
    for ch in re.findall(r"[\[\]{}]", _STRINGS.sub("", line)):
        depth += 1 if ch in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _loads(line: str) -> object:
    if line.count("[") + line.count("{") > MAX_JSON_DEPTH and _depth(line) > MAX_JSON_DEPTH:
        raise _RowError(f"nested deeper than {MAX_JSON_DEPTH} levels")
    try:
        return json.loads(line, parse_int=_int)
    except RecursionError:
        raise _RowError(f"nested deeper than {MAX_JSON_DEPTH} levels") from None


def _is_facts_file(columns: Iterable[object]) -> bool:
    return _FACT_COLUMNS <= {str(c).strip() for c in columns}


_FACTS_SKIP = "skipped: a facts file written by stats extract, not documents"


def _read_jsonl(fh: IO[bytes], *, name: str, origin: str) -> Iterator[Document]:
    """One Document per non-blank line (split on \\n only, so U+2028 inside a row is text)."""
    cap = 4 * MAX_DOC_CHARS  # bytes of one row (UTF-8 takes up to 4 per character)
    n = 0
    for raw in iter(lambda: fh.readline(cap + 1), b""):
        too_long = len(raw) > cap
        while too_long and not raw.endswith(b"\n"):
            raw = fh.readline(1 << 20) or b"\n"  # skip the rest of the row
        if n == 0:
            raw = raw.removeprefix(_BOM)
        if not raw.strip():
            continue
        n += 1
        where = f"{origin}:{n}"
        if too_long:
            yield _error(str(n), where, f"row over {cap:,} bytes, not read")
            continue
        try:
            row = _loads(raw.decode("utf-8"))
        except UnicodeDecodeError as e:
            yield _error(str(n), where, f"not valid UTF-8 (byte 0x{raw[e.start]:02x})")
            continue
        except _RowError as e:
            yield _error(str(n), where, f"row refused: {e}")
            continue
        except ValueError as e:
            yield _error(str(n), where, f"not JSON: {getattr(e, 'msg', e)}")
            continue
        if not isinstance(row, dict):
            yield _error(str(n), where, "row is not a JSON object")
            continue
        if n == 1 and _is_facts_file(row):
            yield _error(name, origin, _FACTS_SKIP)
            return
        yield _row_document(row, n=n, origin=origin)
    if n == 0:
        yield _error(name, origin, "empty corpus (no rows)")


def _csv_records(fh: IO[bytes]) -> Iterator[bytes | str]:
    """The raw bytes of each CSV record (lines joined while a quote is open), or a reason
    string for a record refused: too large, or a quote never closed (reading then resumes at
    the record's second line, so the rows after it are kept)."""
    cap = 4 * MAX_DOC_CHARS
    while True:
        buf = bytearray()
        quotes = 0
        resume = None
        while True:
            chunk = fh.readline(cap + 1)
            if not chunk:
                break
            resume = resume or fh.tell()
            quotes += chunk.count(b'"')
            if len(buf) <= cap:
                buf += chunk
            if chunk.endswith(b"\n") and quotes % 2 == 0:
                break
        if resume is None:
            return
        if quotes % 2:
            yield "a quote is never closed"
            fh.seek(resume)
        elif len(buf) > cap:
            yield f"row over {cap:,} bytes, not read"
        else:
            yield bytes(buf)


def _read_csv(fh: IO[bytes], *, name: str, origin: str) -> Iterator[Document]:
    from stats.sources import airforce

    records = _csv_records(fh)
    header = next(records, b"")
    if isinstance(header, str):
        yield _error(name, origin, f"CSV header unreadable: {header}")
        return
    try:
        fields = next(csv.reader(io.StringIO(header.decode("utf-8-sig"), newline="")), [])
    except (UnicodeDecodeError, csv.Error) as e:
        yield _error(name, origin, f"CSV header unreadable: {e}")
        return
    if airforce.is_airforce_header(fields):
        yield from _read_airforce(fh, name=name, origin=origin)
        return
    if _is_facts_file(fields):
        yield _error(name, origin, _FACTS_SKIP)
        return
    if "text" not in fields:
        shown = ", ".join(f[:40] for f in fields[:20])
        yield _error(name, origin, f"CSV without a 'text' column (columns: {shown})")
        return
    n = 0
    for record in records:
        if isinstance(record, bytes) and not record.strip():
            continue
        n += 1
        where = f"{origin}:{n}"
        if isinstance(record, str):
            yield _error(str(n), where, f"CSV row refused: {record}")
            continue
        try:
            cells = next(csv.reader(io.StringIO(record.decode("utf-8"), newline="")), [])
        except UnicodeDecodeError as e:
            yield _error(str(n), where, f"not valid UTF-8 (byte 0x{record[e.start]:02x})")
            continue
        except csv.Error as e:
            yield _error(str(n), where, f"CSV error: {e}")
            continue
        row = dict(zip(fields, cells, strict=False))
        if len(cells) != len(fields):
            doc = _row_document(row, n=n, origin=origin)
            note = f"{len(cells)} cells for {len(fields)} columns (wrong delimiter?)"
            yield replace(doc, notes=(*doc.notes, note)) if not doc.error else doc
            continue
        yield _row_document(row, n=n, origin=origin)
    if n == 0:
        yield _error(name, origin, "empty corpus (no rows)")


def _read_airforce(fh: IO[bytes], *, name: str, origin: str) -> Iterator[Document]:
    """The air-force dataset (recognised by its header): read whole, its last row refused when
    the file does not end with a line break (a truncated download cuts a count mid-cell)."""
    from stats.sources import airforce

    fh.seek(0)
    text, reason = _read_whole(fh, "dataset too large")
    if text is None:
        yield _error(name, origin, reason)
        return
    cut = None
    if not text.endswith("\n"):
        text, _, cut = text.rpartition("\n")
        text += "\n"
    n = 0
    for n, doc in enumerate(airforce.read_airforce_text(text, name=name, origin=origin), 1):  # noqa: B007
        yield doc
    if cut is not None:
        row = f"{Path(origin).name} row {n + 1}"
        yield _error(
            f"{name}:{n + 1}",
            f"{origin}:{n + 1}",
            f"{row}: cut short (the file does not end with a line break: truncated?)",
        )
