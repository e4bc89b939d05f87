"""HTML pages: visible text only (scripts, styles and other non-text elements dropped)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from stats.facts import Document
from stats.sources.text import parse_date

# Not "head": its end tag is optional, and an unclosed <head> would hide the whole page.
_SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "object"}
_BLOCK = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "figcaption",
    "pre",
    "hr",
}
_DATE_META = {"article:published_time", "date", "pubdate", "publish-date", "dc.date"}


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.in_title = False
        self.title: list[str] = []
        self.published: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "meta":
            a = {k.lower(): (v or "") for k, v in attrs}
            name = (a.get("property") or a.get("name") or "").lower()
            if name in _DATE_META and not self.published:
                self.published = a.get("content")
        elif tag == "time" and not self.published:
            self.published = dict(attrs).get("datetime")
        if tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self.skip:
            self.skip -= 1
        elif tag == "title":
            self.in_title = False
        if tag in _BLOCK:
            self.parts.append("\n\n")

    def close(self) -> None:
        # A tag left unfinished at the end of the page is markup, not text: drop it as browsers
        # do (HTMLParser would otherwise pass it on as text, attribute values and all).
        if re.match(r"<[a-zA-Z/!?]", self.rawdata):
            self.rawdata = ""
        super().close()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skip:
            self.parts.append(data)


def html_to_text(raw: str) -> tuple[str, str | None, str | None]:
    """The visible text of an HTML page, its title and its published date (raw string)."""
    parser = _TextParser()
    parser.feed(raw)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" ?\n ?", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    title = " ".join("".join(parser.title).split()) or None
    return text, title, parser.published


def parse_html(raw: str, *, doc_id: str, origin: str) -> Document:
    """A Document from an HTML page."""
    text, title, published = html_to_text(raw)
    pub, note = parse_date(published)
    return Document(
        id=doc_id,
        body=text,
        published=pub,
        title=title,
        origin=origin,
        notes=(note,) if note else (),
    )
