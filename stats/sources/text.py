"""Plain text and Markdown documents, with the header lines of FACTS.md."""

from __future__ import annotations

import re
from datetime import date

from stats.facts import Document
from stats.limits import date_problem

# `date YYYY-MM-DD` (or `date unknown`), `source URL`, `title TEXT`, ended by a blank line.
# The seed article puts its date on the same line as its first sentence: ` date 2024-11-13 Russia`.
_HEADER = re.compile(r"[ \t]*(date|source|title)[ \t]+(.*)")
_INLINE_DATE = re.compile(r"[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2}|unknown)\b[ \t]*")


def parse_date(value: str | None) -> tuple[date | None, str | None]:
    """A `YYYY-MM-DD...` date and None, or None and why it was dropped (invalid, out of range)."""
    raw = (value or "").strip()
    if not raw or raw.lower() == "unknown":
        return None, None
    try:
        day = date.fromisoformat(raw[:10])
    except ValueError:
        return None, f"date {raw[:40]!r} is not a valid date, read as undated"
    problem = date_problem(day)
    return (None, problem) if problem else (day, None)


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Split a document into its header fields and its body.

    >>> split_header("date 2024-11-13\\ntitle T\\n\\nBody.")
    ({'date': '2024-11-13', 'title': 'T'}, 'Body.')
    >>> split_header(" date 2024-11-13 Russia attacked.")
    ({'date': '2024-11-13'}, 'Russia attacked.')
    """
    text = text.lstrip("\ufeff")
    header: dict[str, str] = {}
    pos = 0
    while pos < len(text):
        nl = text.find("\n", pos)
        line_end = len(text) if nl == -1 else nl
        line = text[pos:line_end]
        m = _HEADER.fullmatch(line.rstrip("\r"))
        if m and m.group(1) not in header:
            key, value = m.group(1), m.group(2).strip()
            if key == "date":
                inline = _INLINE_DATE.match(line)
                rest = line[inline.end() :] if inline else ""
                if inline and rest.strip():
                    # The date shares its line with the first sentence: the body starts there.
                    header["date"] = inline.group(1)
                    return header, text[pos + inline.end() :]
                value = inline.group(1) if inline else value
            header[key] = value
            pos = line_end + 1
            continue
        if header and not line.strip():
            pos = line_end + 1  # the blank line that ends the header
        break
    return header, text[pos:] if header else text


def parse_text(raw: str, *, doc_id: str, origin: str) -> Document:
    """A Document from the text of a .txt or .md file (CRLF and CR line ends read as LF)."""
    header, body = split_header(raw.replace("\r\n", "\n").replace("\r", "\n"))
    published, note = parse_date(header.get("date"))
    return Document(
        id=doc_id,
        body=body,
        published=published,
        url=header.get("source"),
        title=header.get("title"),
        origin=origin,
        notes=(note,) if note else (),
    )
