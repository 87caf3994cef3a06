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
import io
import posixpath
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

from tui.errors import InputError
from tui.ingest.loading import MAX_BYTES, LoadedText, decode

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
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")

# The WHATWG encoding standard: what browsers decode these labels as.
_BROWSER_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "tis-620": "cp874",
}


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
        loaded = _decode_text(name, path, data, label, charset)
    else:
        extract = _EXTRACTORS[kind]
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


def _decode_text(
    name: str, path: str | None, data: bytes, label: str, charset: str | None
) -> LoadedText:
    """Plain text; a charset a server declared is honoured."""
    if charset:
        encoding = _usable_encoding(charset)
        if encoding is not None and not _has_bom(data):
            try:
                return LoadedText(name, path, data.decode(encoding), encoding)
            except UnicodeDecodeError:
                pass
    return decode(name, path, data, label)


@dataclass(slots=True)
class Extracted:
    text: str
    encoding: str = "utf-8"
    title: str = ""
    date: str | None = None
    site: str | None = None
    notes: list[str] = field(default_factory=list)


def _join(paragraphs: Iterable[str]) -> str:
    """Paragraphs, one per blank-line-separated block, whitespace tidied."""
    kept = [" ".join(p.split()) for p in paragraphs]
    return "\n\n".join(p for p in kept if p) + "\n"


# --- HTML ---------------------------------------------------------------------


def _has_bom(data: bytes) -> bool:
    return data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def _usable_encoding(label: str) -> str | None:
    label = label.strip().lower()
    label = _BROWSER_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XHTML document declares in its first bytes."""
    head = data[:4096]
    found = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return found.group(1).decode("ascii") if found else None


def decode_html(data: bytes, label: str, charset: str | None = None) -> tuple[str, str, list[str]]:
    """(text, encoding, notes): a byte-order mark, then the HTTP charset, then the
    page's own ``<meta charset>``, then detection, as a browser does."""
    notes: list[str] = []
    if not _has_bom(data):
        for source, declared in (("the server", charset), ("the page", declared_charset(data))):
            if not declared:
                continue
            encoding = _usable_encoding(declared)
            if encoding is None:
                notes.append(f"{source} declares an unknown charset {declared!r}")
                continue
            try:
                return data.decode(encoding), encoding, notes
            except UnicodeDecodeError as error:
                notes.append(
                    f"{source} declares {declared} but byte {error.start} is not valid in it"
                )
    loaded = decode(label, None, data, label)
    return loaded.text, loaded.encoding, notes + loaded.notes


METADATA_SPAN = 64 * 1024
"""Headline, date and site are read from the head and the top of the body only:
on a 1 MB page reading the whole tree for them costs more than the article."""


def html_to_text(markup: str, url: str | None = None) -> Extracted:
    """The article in a page: paragraphs kept, furniture gone; headline, date, site."""
    import trafilatura
    from trafilatura.metadata import extract_metadata

    markup = _XML_DECLARATION.sub("", markup, count=1)
    found = trafilatura.bare_extraction(
        markup,
        url=url,
        with_metadata=False,
        include_comments=False,
        include_tables=True,
        include_images=False,
    )
    if isinstance(found, dict):
        text = found.get("text") or ""
    else:
        text = (found.text if found is not None else "") or ""
    head_end = markup.find("</head")
    top = markup[: min(max(head_end, 0) + METADATA_SPAN, 8 * METADATA_SPAN)]
    meta = extract_metadata(
        top, default_url=url, date_config={"extensive_search": False, "original_date": True}
    )
    title = " ".join((meta.title or "").split())
    paragraphs = text.split("\n")
    if title and not (paragraphs and " ".join(paragraphs[0].split()) == title):
        paragraphs.insert(0, title)
    site = " ".join((meta.sitename or "").split()) or None
    return Extracted(_join(paragraphs), title=title, date=meta.date or None, site=site)


def _from_html(data: bytes, label: str, charset: str | None, url: str | None) -> Extracted:
    markup, encoding, notes = decode_html(data, label, charset)
    extracted = html_to_text(markup, url)
    extracted.encoding = encoding
    extracted.notes = notes
    return extracted


# --- PDF ----------------------------------------------------------------------

_SENTENCE_END = (".", "!", "?", ":", '"', "”", "’", "'", ")", "…")
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?\s*$", re.I)


def _from_pdf(data: bytes, label: str, charset: str | None, url: str | None) -> Extracted:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        try:
            reader.decrypt("")
        except Exception:
            raise InputError(label, "is an encrypted PDF; save an unlocked copy") from None
    text = unwrap_lines([page.extract_text() or "" for page in reader.pages])
    # The metadata title is often a file name ("Microsoft Word - x.docx"): it is
    # the title only when the text itself starts with it.
    metadata = reader.metadata
    title = " ".join(((metadata.title if metadata is not None else None) or "").split())
    if not title or not text.startswith(title):
        title = ""
    notes = [] if text.strip() else ["this PDF has no text layer (a scan?); nothing to align"]
    return Extracted(text, encoding="binary", title=title, notes=notes)


def unwrap_lines(pages: list[str]) -> str:
    """Join PDF lines into paragraphs: hyphenated words mended, hard wraps joined.

    A paragraph ends at a blank line, or after a line that ends a sentence
    and is clearly shorter than the page's lines; page numbers are dropped.
    """
    paragraphs: list[str] = []
    current = ""
    for page in pages:
        lines = [line.strip() for line in page.replace("\r", "\n").split("\n")]
        widths = sorted(len(line) for line in lines if line)
        full = widths[len(widths) * 3 // 4] if widths else 0
        for line in lines:
            if not line:
                if current:
                    paragraphs.append(current)
                current = ""
                continue
            if _PAGE_NUMBER.match(line):
                continue
            if not current:
                current = line
            elif current.endswith("-") and current[-2:-1].isalpha() and line[:1].islower():
                current = current[:-1] + line
            else:
                current = f"{current} {line}"
            short = len(line) < 0.8 * full
            if (short and line.endswith(_SENTENCE_END)) or (
                len(line) < 0.5 * full and not line.endswith("-")
            ):
                paragraphs.append(current)
                current = ""
    if current:
        paragraphs.append(current)
    return _join(paragraphs) if paragraphs else ""


# --- DOCX ---------------------------------------------------------------------


def _from_docx(data: bytes, label: str, charset: str | None, url: str | None) -> Extracted:
    import docx
    from docx.table import Table

    document = docx.Document(io.BytesIO(data))
    paragraphs: list[str] = []
    title = ""
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    paragraphs.extend(cell.text.split("\n"))
            continue
        text = " ".join(block.text.split())
        if not text:
            continue
        if not paragraphs:  # style lookups are slow: only the first paragraph's
            style = (block.style.name if block.style is not None else "") or ""
            if style in ("Title", "Heading 1"):
                title = text
        paragraphs.append(text)
    core_title = " ".join((document.core_properties.title or "").split())
    if core_title and not title:
        title = core_title
        if not paragraphs or paragraphs[0] != title:
            paragraphs.insert(0, title)
    return Extracted(_join(paragraphs), encoding="binary", title=title)


# --- EPUB ---------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _from_epub(data: bytes, label: str, charset: str | None, url: str | None) -> Extracted:
    archive = zipfile.ZipFile(io.BytesIO(data))
    budget = [MAX_BYTES]

    def read(name: str) -> bytes:
        try:
            info = archive.getinfo(name)
        except KeyError:
            raise InputError(label, f"is a broken EPUB: {name} is missing") from None
        budget[0] -= info.file_size
        if budget[0] < 0:
            raise InputError(label, f"unpacks to more than {MAX_BYTES // 2**20} MB")
        return archive.read(info)

    container = ElementTree.fromstring(read("META-INF/container.xml"))
    rootfile = next((e for e in container.iter() if _local(e.tag) == "rootfile"), None)
    if rootfile is None or not rootfile.get("full-path"):
        raise InputError(label, "is a broken EPUB: no package file in META-INF/container.xml")
    opf_path = rootfile.get("full-path", "")
    package = ElementTree.fromstring(read(opf_path))
    base = posixpath.dirname(opf_path)
    manifest = {
        item.get("id"): item.get("href", "")
        for item in package.iter()
        if _local(item.tag) == "item"
    }
    metadata = {
        _local(e.tag): " ".join((e.text or "").split())
        for e in reversed(list(package.iter()))
        if _local(e.tag) in ("title", "date", "publisher") and (e.text or "").strip()
    }
    paragraphs: list[str] = []
    for itemref in (e for e in package.iter() if _local(e.tag) == "itemref"):
        href = manifest.get(itemref.get("idref"))
        if not href or itemref.get("linear") == "no":
            continue
        chapter = read(posixpath.normpath(posixpath.join(base, unquote(href.split("#")[0]))))
        markup, _, _ = decode_html(chapter, label)
        text = html_to_text(markup).text
        paragraphs.extend(text.split("\n\n"))
    title = metadata.get("title", "")
    if title and (not paragraphs or " ".join(paragraphs[0].split()) != title):
        paragraphs.insert(0, title)
    date = metadata.get("date")
    return Extracted(
        _join(paragraphs),
        encoding="binary",
        title=title,
        date=date[:10] if date else None,
        site=metadata.get("publisher"),
    )


# --- Markdown -----------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def markdown_to_text(source: str) -> Extracted:
    """Markup removed, text kept: a paragraph per block; the first ``#`` is the title."""
    from markdown_it import MarkdownIt

    title = ""
    date = None
    front = _FRONT_MATTER.match(source)
    if front:
        source = source[front.end() :]
        for line in front.group(1).splitlines():
            key, _, value = line.partition(":")
            value = value.strip().strip("\"'")
            if key.strip().lower() == "title" and value:
                title = value
            elif key.strip().lower() == "date" and value:
                date = value[:10]
    parser = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    paragraphs: list[str] = []
    first_heading = None
    for token in parser.parse(source):
        if token.type == "inline":
            paragraphs.append(_inline_text(token.children or []))
        elif token.type in ("fence", "code_block"):
            paragraphs.extend(token.content.split("\n\n"))
        elif token.type == "heading_open" and first_heading is None:
            first_heading = (token.tag, len(paragraphs))
    if not title and first_heading == ("h1", 0) and paragraphs:
        title = " ".join(paragraphs[0].split())
    if title and (not paragraphs or " ".join(paragraphs[0].split()) != title):
        paragraphs.insert(0, title)
    return Extracted(_join(paragraphs), title=title, date=date)


def _inline_text(children: list[Any]) -> str:
    parts: list[str] = []
    for child in children:
        if child.type == "image":
            parts.append(child.content)  # the alt text
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def _from_markdown(data: bytes, label: str, charset: str | None, url: str | None) -> Extracted:
    loaded = _decode_text(label, None, data, label, charset)
    extracted = markdown_to_text(loaded.text)
    extracted.encoding = loaded.encoding
    extracted.notes = list(loaded.notes)
    return extracted


_EXTRACTORS = {
    "html": _from_html,
    "pdf": _from_pdf,
    "docx": _from_docx,
    "epub": _from_epub,
    "markdown": _from_markdown,
}
