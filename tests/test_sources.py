"""Readers: text headers, folders, HTML, corpora, bad inputs and stdin -> Documents.

Every case is a row: input bytes (written to a temporary file) -> the Document(s) expected.
"""

from __future__ import annotations

import io
import os
import types
from datetime import date
from pathlib import Path

import pytest

import stats.sources as sources
from stats.sources import SourceError, list_inputs, read_documents, read_path, skipped_files

ROOT = Path(__file__).parents[1]
SEED = ROOT / "seeds" / "2024-11-13-kyiv.txt"


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _one(path: Path | str) -> sources.Document:
    docs = list(read_path(path))
    assert len(docs) == 1, docs
    return docs[0]


# --------------------------------------------------------------------------- text headers

# (file name, bytes) -> (id, published, url, title, body)
HEADER_CASES = [
    pytest.param(
        "2024-11-13-night.txt",
        b"date 2024-11-13\nsource https://example.org/a\ntitle Night attack on Kyiv\n\n"
        b"Russia launched 40 drones.\nTwelve were shot down.\n",
        ("2024-11-13-night", date(2024, 11, 13), "https://example.org/a", "Night attack on Kyiv"),
        "Russia launched 40 drones.\nTwelve were shot down.\n",
        id="full-header",
    ),
    pytest.param(
        "undated.txt",
        b"date unknown\ntitle Undated report\n\nAir defence downed 7 missiles.",
        ("undated", None, None, "Undated report"),
        "Air defence downed 7 missiles.",
        id="date-unknown",
    ),
    pytest.param(
        "plain.txt",
        b"Russia launched 40 drones overnight.\n\nOfficials said 3 were injured.\n",
        ("plain", None, None, None),
        "Russia launched 40 drones overnight.\n\nOfficials said 3 were injured.\n",
        id="no-header",
    ),
    pytest.param(
        "seedlike.txt",
        b" date 2024-11-13 Russia intensified its strikes, firing 6 missiles.\n\nSecond paragraph.",
        ("seedlike", date(2024, 11, 13), None, None),
        "Russia intensified its strikes, firing 6 missiles.\n\nSecond paragraph.",
        id="seed-form-date-on-first-line",
    ),
    pytest.param(
        "crlf.txt",
        b"date 2024-11-15\r\nsource https://example.org/crlf\r\ntitle CRLF title\r\n\r\n"
        b"First line 5 drones.\r\nSecond line.\r\n",
        ("crlf", date(2024, 11, 15), "https://example.org/crlf", "CRLF title"),
        "First line 5 drones.\nSecond line.\n",
        id="crlf",
    ),
    pytest.param(
        "bom.txt",
        b"\xef\xbb\xbfdate 2024-11-14\ntitle With BOM\n\nBody after the BOM.",
        ("bom", date(2024, 11, 14), None, "With BOM"),
        "Body after the BOM.",
        id="bom-with-header",
    ),
    pytest.param(
        "bomplain.txt",
        b"\xef\xbb\xbfRussia fired 3 missiles.",
        ("bomplain", None, None, None),
        "Russia fired 3 missiles.",
        id="bom-no-header",
    ),
    pytest.param(
        "noblank.txt",
        b"date 2024-11-16\nRussia fired 9 drones.",
        ("noblank", date(2024, 11, 16), None, None),
        "Russia fired 9 drones.",
        id="header-without-blank-line",
    ),
    pytest.param(
        "order.md",
        b"title Fields in another order\nsource https://example.org/o\ndate 2024-11-17\n\n"
        b"# Head\n\nText.",
        ("order", date(2024, 11, 17), "https://example.org/o", "Fields in another order"),
        "# Head\n\nText.",
        id="markdown-fields-reordered",
    ),
    pytest.param(
        "baddate.txt",
        b"date 2024-13-45\n\nBody with an impossible date.",
        ("baddate", None, None, None),
        "Body with an impossible date.",
        id="impossible-date",
    ),
    pytest.param(
        "prose.txt",
        b"Sources said the date 2024-11-13 was quiet.\ndate of the next attack unknown.",
        ("prose", None, None, None),
        "Sources said the date 2024-11-13 was quiet.\ndate of the next attack unknown.",
        id="words-date-source-in-prose-not-header",
    ),
]


@pytest.mark.parametrize(("name", "data", "meta", "body"), HEADER_CASES)
def test_text_headers(tmp_path, name, data, meta, body):
    doc = _one(_write(tmp_path, name, data))
    assert doc.error is None
    assert (doc.id, doc.published, doc.url, doc.title) == meta
    assert doc.body == body


def test_real_seed():
    doc = _one(SEED)
    assert doc.error is None
    assert doc.id == "2024-11-13-kyiv"
    assert doc.published == date(2024, 11, 13)
    assert doc.body.startswith("Russia intensified")
    assert "date" not in doc.body[:20]


# --------------------------------------------------------------------------- folders

TREE = {
    "b.txt": b"Russia fired 2 drones.",
    "a.md": b"Russia fired 1 drone.",
    "c.html": b"<p>Russia fired 3 drones.</p>",
    "UPPER.TXT": b"Upper-case suffix, 4 drones.",
    "data.jsonl": b'{"id": "j1", "text": "Row one."}\n{"text": "Row two."}\n',
    "notes.pdf": b"%PDF-1.4 not a document type",
    "README": b"no suffix",
    ".hidden.txt": b"hidden file",
    "aa/y.txt": b"In a subfolder that sorts before b.txt.",
    "sub/z.txt": b"Deeper.",
    "sub/image.png": b"\x89PNG",
    "sub/.DS_Store": b"junk",
    "sub/deep/w.txt": b"Deepest.",
    ".git/config.txt": b"in a hidden folder",
}

FOLDER_CASES = [
    pytest.param(
        "list_inputs",
        [
            "UPPER.TXT",
            "a.md",
            "b.txt",
            "c.html",
            "data.jsonl",
            "aa/y.txt",
            "sub/z.txt",
            "sub/deep/w.txt",
        ],
        id="list_inputs-own-files-first-then-subfolders",
    ),
    pytest.param(
        "skipped_files",
        [".git/config.txt", ".hidden.txt", "README", "notes.pdf", "sub/.DS_Store", "sub/image.png"],
        id="skipped_files-unsupported-and-hidden",
    ),
    pytest.param(
        "document_ids",
        ["UPPER", "a", "b", "c", "j1", "2", "y", "z", "w"],
        id="read_documents-ids-in-order",
    ),
]


@pytest.mark.parametrize(("what", "expected"), FOLDER_CASES)
def test_folders(tmp_path, what, expected):
    root = tmp_path / "corpus"
    for name, data in TREE.items():
        _write(root, name, data)
    if what == "list_inputs":
        got = [Path(p).relative_to(root).as_posix() for p in list_inputs([root])]
        assert got == expected
    elif what == "skipped_files":
        got = [p.relative_to(root).as_posix() for p in skipped_files([root])]
        assert sorted(got) == sorted(expected)
    else:
        docs = list(read_documents([root]))
        assert all(d.error is None for d in docs), [d.error for d in docs]
        assert [d.id for d in docs] == expected


def test_explicit_file_and_folder_keep_argument_order(tmp_path):
    folder = tmp_path / "f"
    _write(folder, "x.txt", b"x")
    single = _write(tmp_path, "single.txt", b"s")
    assert list_inputs([single, folder, "-"]) == [single, folder / "x.txt", "-"]


# --------------------------------------------------------------------------- HTML

PAGE = (
    b"<!DOCTYPE html><html><head><title>Night  attack &amp; aftermath</title>"
    b'<meta property="article:published_time" content="2024-11-13T06:30:00+02:00">'
    b"<style>p { color: red } .n99 { width: 99px }</style>"
    b"<script>var msg = 'shot down 99 drones';</script></head>"
    b"<body><h1>Kyiv attacked</h1>"
    b"<p>Russia launched 40 drones &amp; 3 missiles at Ukraine&#8217;s capital.</p>"
    b"<p>Air defence shot down 35 drones.</p>"
    b"<noscript>Enable JavaScript to see 77 more.</noscript></body></html>"
)

# (file name, bytes) -> (body, title, published)
HTML_CASES = [
    pytest.param(
        "page.html",
        PAGE,
        (
            "Kyiv attacked\n\nRussia launched 40 drones & 3 missiles at Ukraine’s capital.\n\n"
            "Air defence shot down 35 drones.",
            "Night attack & aftermath",
            date(2024, 11, 13),
        ),
        id="full-page-script-style-noscript-dropped",
    ),
    pytest.param(
        "unclosed-head.htm",
        b"<html><head><title>T</title><body><p>Text with 5 drones.</p>",
        ("Text with 5 drones.", "T", None),
        id="head-never-closed",
    ),
    pytest.param(
        "unclosed.html",
        b"<div><p>One<p>Two<li>Three<div>Four",
        ("One\n\nTwo\n\nThree\n\nFour", None, None),
        id="unclosed-block-tags-still-separate",
    ),
    pytest.param(
        "huge-attr.html",
        b'<p data-x="' + b"9" * 200_000 + b'">Kept 12 missiles.</p>',
        ("Kept 12 missiles.", None, None),
        id="huge-attribute",
    ),
    pytest.param(
        "trailing-tag.html",
        b'<p>Kept 8 drones.</p><img alt="shot down 99 drones',
        ("Kept 8 drones.", None, None),
        id="unfinished-tag-at-end",
    ),
    pytest.param(
        "script-markup.html",
        b"<p>Before.</p><script>document.write('<p>shot down 99 drones</p>');</script>"
        b"<p>After.</p>",
        ("Before.\n\nAfter.", None, None),
        id="script-containing-markup-and-numbers",
    ),
    pytest.param(
        "script-unclosed.html",
        b"<p>Visible 4 drones.</p><script>var n = 'shot down 99 drones'; <p>",
        ("Visible 4 drones.", None, None),
        id="script-never-closed",
    ),
    pytest.param(
        "comment.html",
        b"<p>Shown 6.</p><!-- shot down 99 drones --><p>Also shown.</p>",
        ("Shown 6.\n\nAlso shown.", None, None),
        id="comment-dropped",
    ),
    pytest.param(
        "entities.html",
        b"<p>5 &lt; 6 &gt; 4 &quot;quoted&quot; &#x41;&#66; caf&eacute;</p>",
        ('5 < 6 > 4 "quoted" AB café', None, None),
        id="entities-decoded",
    ),
    pytest.param(
        "page.txt",
        b"<!DOCTYPE html><html><body><p>Sniffed as HTML, 2 drones.</p></body></html>",
        ("Sniffed as HTML, 2 drones.", None, None),
        id="txt-suffix-sniffed-as-html",
    ),
]


@pytest.mark.parametrize(("name", "data", "expected"), HTML_CASES)
def test_html(tmp_path, name, data, expected):
    doc = _one(_write(tmp_path, name, data))
    assert doc.error is None
    assert doc.id == Path(name).stem
    assert (doc.body, doc.title, doc.published) == expected
    assert "99" not in doc.body


# --------------------------------------------------------------------------- corpora

JSONL = (
    b'{"id": "kyiv-1", "text": "Russia launched 40 drones.", "date": "2024-11-13", '
    b'"url": "https://example.org/1", "title": "Kyiv"}\n'
    b'{"text": "No id here, 5 missiles."}\n'
    b"{not json at all\n"
    b'{"id": "later", "text": "Still read after a bad line."}\n'
    b'{"id": "empty", "text": "   "}\n'
    b'{"id": "missing"}\n'
    b'["a", "list"]\n'
    b'{"id": "stamp", "text": "Timestamp date.", "date": "2024-11-14T10:00:00Z"}\n'
)

CSV = (
    b"id,date,url,title,text\n"
    b'c1,2024-11-13,https://example.org/c1,"Title, with comma",'
    b'"Russia launched 40 drones, officials said.\nSecond line."\n'
    b",,,,Row without an id\n"
    b"c3,,,,\n"
    b"c4,not-a-date,,,Bad date is ignored\n"
)

# Each expected document: (id, origin row, error substring or None, body, published, url, title)
CORPUS_CASES = [
    pytest.param(
        "corpus.jsonl",
        JSONL,
        [
            (
                "kyiv-1",
                1,
                None,
                "Russia launched 40 drones.",
                date(2024, 11, 13),
                "https://example.org/1",
                "Kyiv",
            ),
            ("2", 2, None, "No id here, 5 missiles.", None, None, None),
            ("3", 3, "JSON", "", None, None, None),
            ("later", 4, None, "Still read after a bad line.", None, None, None),
            ("empty", 5, "no text", "", None, None, None),
            ("missing", 6, "no text", "", None, None, None),
            ("7", 7, "not a JSON object", "", None, None, None),
            ("stamp", 8, None, "Timestamp date.", date(2024, 11, 14), None, None),
        ],
        id="jsonl",
    ),
    pytest.param(
        "corpus.ndjson",
        b'{"text": "Only text."}\n{"text": "Second."}\n',
        [
            ("1", 1, None, "Only text.", None, None, None),
            ("2", 2, None, "Second.", None, None, None),
        ],
        id="ndjson-ids-are-row-numbers",
    ),
    pytest.param(
        "corpus.csv",
        CSV,
        [
            (
                "c1",
                1,
                None,
                "Russia launched 40 drones, officials said.\nSecond line.",
                date(2024, 11, 13),
                "https://example.org/c1",
                "Title, with comma",
            ),
            ("2", 2, None, "Row without an id", None, None, None),
            ("c3", 3, "no text", "", None, None, None),
            ("c4", 4, None, "Bad date is ignored", None, None, None),
        ],
        id="csv",
    ),
    pytest.param(
        "bom.csv",
        b"\xef\xbb\xbftext,id\nWith a BOM before the header,b1\n",
        [("b1", 1, None, "With a BOM before the header", None, None, None)],
        id="csv-with-bom-and-reordered-columns",
    ),
]


@pytest.mark.parametrize(("name", "data", "expected"), CORPUS_CASES)
def test_corpora(tmp_path, name, data, expected):
    path = _write(tmp_path, name, data)
    docs = list(read_path(path))
    assert len(docs) == len(expected), [(d.id, d.error) for d in docs]
    for doc, (doc_id, row, error, body, published, url, title) in zip(docs, expected, strict=True):
        assert doc.id == doc_id
        assert doc.origin == f"{path}:{row}"
        if error is None:
            assert doc.error is None
        else:
            assert doc.error and error in doc.error
        assert (doc.body, doc.published, doc.url, doc.title) == (body, published, url, title)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        pytest.param(
            "notext.csv",
            b"headline,body\nA,B\n",
            ["text", "headline", "body"],
            id="csv-no-text-column",
        ),
        pytest.param("header-only.csv", b"id,text\n", ["no rows"], id="csv-header-only"),
        pytest.param("blank.jsonl", b"\n\n   \n", ["empty"], id="jsonl-blank-lines-only"),
    ],
)
def test_corpus_without_rows_is_one_error(tmp_path, name, data, reason):
    path = _write(tmp_path, name, data)
    doc = _one(path)
    assert doc.id == path.stem
    assert doc.body == ""
    assert doc.error
    for word in reason:
        assert word in doc.error


# --------------------------------------------------------------------------- bad inputs

BAD_CASES = [
    pytest.param("empty.txt", b"", "empty", id="empty"),
    pytest.param("blank.txt", b"  \n\t\r\n  \n", "empty", id="whitespace-only"),
    pytest.param(
        "binary.txt", b"GIF89a\x00\x01\x02\x00 12 drones", "binary", id="binary-nul-bytes"
    ),
    pytest.param(
        "latin1.txt", "Caf\xe9 attacked by 12 drones".encode("latin-1"), "UTF-8", id="latin-1"
    ),
    pytest.param("header-only.txt", b"date 2024-11-13\ntitle T\n\n", "no text", id="header-only"),
    pytest.param(
        "script-only.html", b"<script>shot down 99</script>", "no visible text", id="html-no-text"
    ),
    pytest.param("empty.html", b"", "empty", id="html-empty"),
    pytest.param("binary.jsonl", b"\x00\x00\x00", "binary", id="jsonl-binary"),
    # A CSV with a bad byte costs that row only: tests/test_hostile.py.
]


@pytest.mark.parametrize(("name", "data", "reason"), BAD_CASES)
def test_bad_input_is_one_error_document(tmp_path, name, data, reason):
    path = _write(tmp_path, name, data)
    docs = list(read_documents([path]))  # never raises
    assert len(docs) == 1
    doc = docs[0]
    assert doc.id == path.stem
    assert doc.origin == str(path)
    assert doc.body == ""
    assert doc.error and reason in doc.error
    assert "\n" not in doc.error


@pytest.mark.parametrize(
    ("size", "error"),
    [
        pytest.param(101, "too large", id="over-the-limit"),
        pytest.param(100, None, id="exactly-the-limit"),
    ],
)
def test_size_limit(tmp_path, monkeypatch, size, error):
    monkeypatch.setattr(sources, "MAX_BYTES", 100)
    doc = _one(_write(tmp_path, "big.txt", b"x" * size))
    if error is None:
        assert doc.error is None and doc.body == "x" * size
    else:
        assert doc.error and error in doc.error and doc.body == ""


def test_utf16_corpus_over_the_limit_is_refused_not_cut(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_BYTES", 100)
    rows = "".join(f'{{"id": "r{i}", "text": "Russia fired {i} drones."}}\n' for i in range(9))
    docs = list(sources.read_all([_write(tmp_path, "c.jsonl", rows.encode("utf-16"))]))
    assert len(docs) == 1 and "too large" in docs[0].error


def test_unreadable_file_chmod(tmp_path):
    path = _write(tmp_path, "locked.txt", b"Russia fired 3 drones.")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user who can read a mode-000 file (root)")
        doc = _one(path)
        assert doc.id == "locked" and doc.body == ""
        assert doc.error and "unreadable" in doc.error
    finally:
        path.chmod(0o644)


def test_unreadable_file_read_error(tmp_path, monkeypatch):
    """The same path as chmod 000 for a non-root user, forced so it runs as root too."""
    path = _write(tmp_path, "locked.txt", b"Russia fired 3 drones.")

    def refuse(file, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(file))

    monkeypatch.setattr(sources.os, "open", refuse)
    doc = _one(path)
    assert doc.id == "locked" and doc.body == ""
    assert doc.error and "unreadable" in doc.error and "Permission denied" in doc.error


def test_folder_given_to_read_path_is_an_error_not_a_crash(tmp_path):
    doc = _one(tmp_path)
    assert doc.error and "unreadable" in doc.error


@pytest.mark.parametrize(
    "encoding",
    [pytest.param("utf-16", id="utf-16-native-bom"), pytest.param("utf-16-be-bom", id="utf-16-be")],
)
def test_utf16_with_bom(tmp_path, encoding):
    text = "date 2024-11-13\ntitle Київ\n\nRussia fired 6 missiles at Київ."
    data = (
        b"\xfe\xff" + text.encode("utf-16-be")
        if encoding == "utf-16-be-bom"
        else text.encode(encoding)
    )
    doc = _one(_write(tmp_path, "wide.txt", data))
    assert doc.error is None
    assert (doc.published, doc.title, doc.body) == (
        date(2024, 11, 13),
        "Київ",
        "Russia fired 6 missiles at Київ.",
    )


@pytest.mark.parametrize(
    "inputs",
    [
        pytest.param(["missing.txt"], id="file"),
        pytest.param(["missing-folder"], id="folder"),
        pytest.param(["GOOD", "missing.txt"], id="after-a-good-file"),
    ],
)
def test_missing_path_raises_source_error(tmp_path, inputs):
    good = _write(tmp_path, "good.txt", b"Russia fired 2 drones.")
    paths = [good if p == "GOOD" else tmp_path / p for p in inputs]
    with pytest.raises(SourceError, match="missing"):
        list_inputs(paths)
    docs = read_documents(paths)
    with pytest.raises(SourceError):
        next(docs)  # raised before any document is read


# --------------------------------------------------------------------------- stdin

STDIN_CASES = [
    pytest.param(
        b"date 2024-11-13\nsource https://example.org/s\n\nRussia fired 5 drones.",
        [("stdin", "<stdin>", None, "Russia fired 5 drones.", date(2024, 11, 13))],
        id="text-with-header",
    ),
    pytest.param(
        b'{"id": "s1", "text": "First.", "date": "2024-11-12"}\n{"text": "Second."}\n',
        [
            ("s1", "<stdin>:1", None, "First.", date(2024, 11, 12)),
            ("2", "<stdin>:2", None, "Second.", None),
        ],
        id="jsonl-sniffed",
    ),
    pytest.param(b"", [("stdin", "<stdin>", "empty", "", None)], id="empty"),
    pytest.param(b"\xff\xfe\x00", [("stdin", "<stdin>", "UTF-16", "", None)], id="broken-utf16"),
]


@pytest.mark.parametrize(("data", "expected"), STDIN_CASES)
def test_stdin(monkeypatch, data, expected):
    monkeypatch.setattr("sys.stdin", types.SimpleNamespace(buffer=io.BytesIO(data)))
    docs = list(read_documents(["-"]))
    got = [(d.id, d.origin, d.error, d.body, d.published) for d in docs]
    assert len(got) == len(expected)
    for (doc_id, origin, error, body, published), exp in zip(got, expected, strict=True):
        assert (doc_id, origin, body, published) == (exp[0], exp[1], exp[3], exp[4])
        assert (error is None) if exp[2] is None else (error and exp[2] in error)
