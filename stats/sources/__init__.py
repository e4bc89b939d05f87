"""Readers: paths, folders, stdin and corpora -> Documents.

Every input is accounted for: a document that cannot be read becomes a `Document` with `error`
set (a one-line reason), never an exception that ends the run. Only a path that does not exist
raises, as `SourceError`, before any reading starts.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from stats.facts import Document
from stats.sources.html import parse_html
from stats.sources.text import parse_text

__all__ = ["SourceError", "list_inputs", "read_documents", "read_path", "DOCUMENT_SUFFIXES"]

TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
CORPUS_SUFFIXES = {".jsonl", ".ndjson", ".csv"}
DOCUMENT_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | CORPUS_SUFFIXES
MAX_BYTES = 64 * 1024 * 1024  # one file; larger ones are refused with a message, not read
MAX_DOC_CHARS = 5 * 1024 * 1024  # one document (a file or a corpus row)


class SourceError(Exception):
    """An input that cannot be used at all (a path that does not exist)."""


def list_inputs(inputs: Iterable[str | Path]) -> list[Path | str]:
    """Expand inputs into files to read: folders recursively (a folder's own files before its
    subfolders', each sorted by name), `-` kept as stdin. Raises SourceError for missing paths.

    Files inside folders whose suffix is not a document type (and hidden files) are left out;
    `skipped_files` names them so a run can say so.
    """
    out: list[Path | str] = []
    for item in inputs:
        if str(item) == "-":
            out.append("-")
            continue
        path = Path(item)
        if not path.exists():
            raise SourceError(f"{path}: no such file or folder")
        out.extend(_walk(path) if path.is_dir() else [path])
    return out


def skipped_files(inputs: Iterable[str | Path]) -> list[Path]:
    """Files inside the given folders that are not read (not a document type, or hidden)."""
    skipped: list[Path] = []
    for item in inputs:
        path = Path(item)
        if str(item) != "-" and path.is_dir():
            for p in sorted(path.rglob("*")):
                if p.is_file() and (p.suffix.lower() not in DOCUMENT_SUFFIXES or _hidden(p, path)):
                    skipped.append(p)
    return skipped


def _hidden(p: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in p.relative_to(root).parts)


def _walk(folder: Path) -> list[Path]:
    entries = sorted(folder.iterdir(), key=lambda p: p.name)
    files = [
        p
        for p in entries
        if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES and not p.name.startswith(".")
    ]
    for sub in entries:
        if sub.is_dir() and not sub.name.startswith("."):
            files.extend(_walk(sub))
    return files


def read_documents(inputs: Iterable[str | Path]) -> Iterator[Document]:
    """Every document of every input, in order (see `list_inputs` for how folders expand)."""
    for item in list_inputs(inputs):
        yield from read_path(item)


def read_path(item: Path | str) -> Iterator[Document]:
    """The documents of one file (one, or one per row for a corpus) or of stdin (`-`)."""
    if item == "-":
        data = sys.stdin.buffer.read()
        yield from _read_bytes(data, name="stdin", origin="<stdin>", suffix=_sniff(data))
        return
    path = Path(item)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            yield _error(
                path.stem, str(path), f"too large to read ({size:,} bytes > {MAX_BYTES:,})"
            )
            return
        data = path.read_bytes()
    except OSError as e:
        yield _error(path.stem, str(path), f"unreadable: {e.strerror or e}")
        return
    yield from _read_bytes(data, name=path.stem, origin=str(path), suffix=path.suffix.lower())


def _sniff(data: bytes) -> str:
    head = data.lstrip()[:1]
    return ".jsonl" if head == b"{" else ".txt"


def _error(doc_id: str, origin: str, reason: str) -> Document:
    return Document(id=doc_id, body="", origin=origin, error=reason)


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


def _read_bytes(data: bytes, *, name: str, origin: str, suffix: str) -> Iterator[Document]:
    text, reason = _decode(data)
    if text is None:
        yield _error(name, origin, reason or "unreadable")
        return
    if suffix in {".jsonl", ".ndjson"}:
        yield from _read_jsonl(text, name=name, origin=origin)
    elif suffix == ".csv":
        yield from _read_csv(text, name=name, origin=origin)
    elif len(text) > MAX_DOC_CHARS:
        yield _error(name, origin, f"too long ({len(text):,} characters > {MAX_DOC_CHARS:,})")
    elif suffix in HTML_SUFFIXES or (suffix != ".md" and _looks_like_html(text)):
        doc = parse_html(text, doc_id=name, origin=origin)
        yield doc if doc.body.strip() else _error(name, origin, "no visible text in the HTML")
    else:
        doc = parse_text(text, doc_id=name, origin=origin)
        yield doc if doc.body.strip() else _error(name, origin, "header only, no text")


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


def _row_document(row: dict, *, n: int, origin: str) -> Document:
    """A Document from one corpus row with `text` and optional `id`, `date`, `url`, `title`."""
    doc_id = str(row.get("id") or "").strip() or str(n)
    where = f"{origin}:{n}"
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        return _error(doc_id, where, "row has no text")
    if len(text) > MAX_DOC_CHARS:
        return _error(doc_id, where, f"text too long ({len(text):,} characters)")
    published = None
    raw_date = str(row.get("date") or "").strip()
    if raw_date:
        try:
            published = date.fromisoformat(raw_date[:10])
        except ValueError:
            published = None
    if _looks_like_html(text):
        doc = parse_html(text, doc_id=doc_id, origin=where)
        text = doc.body
    return Document(
        id=doc_id,
        body=text,
        published=published,
        url=(str(row.get("url")) if row.get("url") else None),
        title=(str(row.get("title")) if row.get("title") else None),
        origin=where,
    )


def _read_jsonl(text: str, *, name: str, origin: str) -> Iterator[Document]:
    n = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        n += 1
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            yield _error(str(n), f"{origin}:{n}", f"not JSON: {e.msg}")
            continue
        if not isinstance(row, dict):
            yield _error(str(n), f"{origin}:{n}", "row is not a JSON object")
            continue
        yield _row_document(row, n=n, origin=origin)
    if n == 0:
        yield _error(name, origin, "empty corpus (no rows)")


def _read_csv(text: str, *, name: str, origin: str) -> Iterator[Document]:
    from stats.sources import airforce

    csv.field_size_limit(MAX_DOC_CHARS + 1)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    fields = reader.fieldnames or []
    if airforce.is_airforce_header(fields):
        yield from airforce.read_airforce_text(text, name=name, origin=origin)
        return
    if "text" not in fields:
        yield _error(name, origin, f"CSV without a 'text' column (columns: {', '.join(fields)})")
        return
    n = 0
    try:
        for n, row in enumerate(reader, 1):  # noqa: B007
            yield _row_document(row, n=n, origin=origin)
    except csv.Error as e:
        yield _error(name, f"{origin}:{n + 1}", f"CSV error: {e}")
    if n == 0:
        yield _error(name, origin, "empty corpus (no rows)")
