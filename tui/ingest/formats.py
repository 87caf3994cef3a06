"""What people actually have: web pages, PDF, DOCX, EPUB and Markdown, as text.

:func:`convert` has the signature of :func:`tui.ingest.loading.decode` and is
handed to ``load_source`` (and used by :mod:`tui.ingest.fetch`): it decides
the format from the content type (for a URL), the file name or the first
bytes, and extracts the text people read. For every format but plain text
the document's ``text`` *is* that extracted text: sentence offsets index it,
and the JSON export carries it (``text``) so offsets can be followed.

Each library is imported only when a source of its kind is opened, so plain
text stays as fast to open as before.
"""

from __future__ import annotations

import codecs
import posixpath
import re
from collections.abc import Callable
from urllib.parse import urlsplit

from tui.errors import InputError
from tui.ingest.extracted import Extracted
from tui.ingest.html import decode_declared, from_html
from tui.ingest.loading import LoadedText

FORMATS = ("text", "html", "pdf", "docx", "epub", "markdown")

EXTENSIONS = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".epub": "epub",
    ".md": "markdown",
    ".markdown": "markdown",
}

CONTENT_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/epub+zip": "epub",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "text/plain": "text",
}

_HTML_START = re.compile(
    rb"^(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html[\s>])", re.I | re.S
)


def detect_format(name: str, data: bytes, content_type: str | None = None) -> str:
    """The format of ``data``: the content type first, then the name, then the bytes."""
    if content_type in CONTENT_TYPES:
        return CONTENT_TYPES[content_type]
    extension = posixpath.splitext(name.lower())[1]
    if extension in EXTENSIONS:
        return EXTENSIONS[extension]
    return sniff(data)


def sniff(data: bytes) -> str:
    """The format the first bytes show (stdin, or a file without a telling name)."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if data[30:58] == b"mimetypeapplication/epub+zip":
            return "epub"
        if b"word/" in data[:65536] or b"[Content_Types].xml" in data[:65536]:
            return "docx"
    head = data[:1024]
    for bom in (codecs.BOM_UTF8,):
        head = head.removeprefix(bom)
    if _HTML_START.match(head):
        return "html"
    return "text"


def convert(
    name: str,
    path: str | None,
    data: bytes,
    label: str | None = None,
    *,
    content_type: str | None = None,
    charset: str | None = None,
    url: str | None = None,
) -> LoadedText:
    """Bytes of any supported format -> the text to read and align."""
    label = label or name
    where = name if url is None else urlsplit(url).path
    kind = detect_format(posixpath.basename(where), data, content_type)
    if kind == "text":
        loaded = decode_declared(name, path, data, label, charset)
    else:
        extract = _extractor(kind)
        try:
            extracted = extract(data, label, charset, url)
        except InputError:
            raise
        except Exception as error:  # a broken file: say so in one line, never a traceback
            raise InputError(label, f"cannot be read as {kind.upper()}: {_reason(error)}") from None
        loaded = LoadedText(
            name,
            path,
            extracted.text,
            extracted.encoding,
            extracted.notes,
            format=kind,
            title=extracted.title,
            date=extracted.date,
            site=extracted.site,
        )
        if not extracted.text.strip() and not extracted.notes:
            loaded.notes.append(f"no text found in this {kind.upper()} file")
    loaded.url = url
    return loaded


def _reason(error: Exception) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:200]


def _extractor(kind: str) -> Callable[[bytes, str, str | None, str | None], Extracted]:
    """The reader of one format. The books' readers (zip, XML) are imported when
    a book is opened, not by every start of the reader (issue 27)."""
    if kind == "html":
        return from_html
    from tui.ingest import books

    readers = {
        "pdf": books.from_pdf,
        "docx": books.from_docx,
        "epub": books.from_epub,
        "markdown": books.from_markdown,
    }
    return readers[kind]
