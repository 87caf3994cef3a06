"""Documents: PDF (pypdf), DOCX (python-docx), EPUB (zip and the OPF spine) and Markdown.

Each becomes paragraphs of plain text: PDF lines unwrapped and hyphenation
mended, page numbers dropped; an EPUB's chapters read in spine order through
the same extraction as web pages; Markdown without its markup.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from typing import Any
from urllib.parse import unquote
from xml.etree import ElementTree

from tui.errors import InputError
from tui.ingest.extracted import Extracted, join_paragraphs
from tui.ingest.html import decode_declared, decode_html, html_to_text
from tui.ingest.loading import MAX_BYTES

# --- PDF ----------------------------------------------------------------------

_SENTENCE_END = (".", "!", "?", ":", '"', "”", "’", "'", ")", "…")
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?\s*$", re.I)


def from_pdf(data: bytes, label: str, charset: str | None, url: str | None) -> Extracted:
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
    return join_paragraphs(paragraphs) if paragraphs else ""


# --- DOCX ---------------------------------------------------------------------


def from_docx(data: bytes, label: str, charset: str | None, url: str | None) -> Extracted:
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
    return Extracted(join_paragraphs(paragraphs), encoding="binary", title=title)


# --- EPUB ---------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def from_epub(data: bytes, label: str, charset: str | None, url: str | None) -> Extracted:
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
        join_paragraphs(paragraphs),
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
    return Extracted(join_paragraphs(paragraphs), title=title, date=date)


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


def from_markdown(data: bytes, label: str, charset: str | None, url: str | None) -> Extracted:
    loaded = decode_declared(label, None, data, label, charset)
    extracted = markdown_to_text(loaded.text)
    extracted.encoding = loaded.encoding
    extracted.notes = list(loaded.notes)
    return extracted
