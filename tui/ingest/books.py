"""Documents: PDF (pypdf), DOCX (python-docx), EPUB (zip and the OPF spine) and Markdown.

Each becomes paragraphs of plain text: PDF lines unwrapped and hyphenation
mended, page numbers dropped (:mod:`tui.ingest.pdf`); an EPUB's chapters
read in spine order through the same extraction as web pages (each chapter
once, at most :data:`MAX_CHAPTERS`); Markdown without its markup. A zip
(DOCX, EPUB) is inflated within the source limit, counted as it inflates
(:mod:`tui.ingest.archives`).
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
from tui.ingest.archives import InflationBudget
from tui.ingest.extracted import Extracted, join_paragraphs
from tui.ingest.html import decode_declared, decode_html, html_to_text
from tui.ingest.pdf import from_pdf, unwrap_lines

MAX_CHAPTERS = 2_000
"""Chapters of an EPUB read at most (a few ms each); the rest is left out, said."""

# PDF is read in tui.ingest.pdf; from_pdf and unwrap_lines are re-exported here.
__all__ = [
    "from_docx",
    "from_epub",
    "from_markdown",
    "from_pdf",
    "markdown_to_text",
    "unwrap_lines",
]


# --- DOCX ---------------------------------------------------------------------


def from_docx(data: bytes, label: str, charset: str | None, url: str | None) -> Extracted:
    import docx
    from docx.table import Table

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        # python-docx trusts the sizes the zip claims: inflate it once, counted.
        InflationBudget(archive, label).check_all()
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
    budget = InflationBudget(archive, label)

    def read(name: str) -> bytes:
        try:
            info = archive.getinfo(name)
        except KeyError:
            raise InputError(label, f"is a broken EPUB: {name} is missing") from None
        return budget.read(info)

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
    chapters, notes = _spine(package, manifest, base)
    for name in chapters:
        markup, _, _ = decode_html(read(name), label)
        text = html_to_text(markup, chapter=True, label=label).text
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
        notes=notes,
    )


def _spine(
    package: ElementTree.Element, manifest: dict[str | None, str], base: str
) -> tuple[list[str], list[str]]:
    """The chapter files to read, in spine order, and what was left out.

    A spine may list a chapter once (EPUB 3.3, 5.6.2.1); one that repeats it
    thousands of times would have it read, and aligned, every time, so each
    file is read once. Past :data:`MAX_CHAPTERS` chapters the rest is left out.
    """
    names: list[str] = []
    seen: set[str] = set()
    repeats = 0
    for itemref in (e for e in package.iter() if _local(e.tag) == "itemref"):
        href = manifest.get(itemref.get("idref"))
        if not href or itemref.get("linear") == "no":
            continue
        name = posixpath.normpath(posixpath.join(base, unquote(href.split("#")[0])))
        if name in seen:
            repeats += 1
            continue
        seen.add(name)
        names.append(name)
    notes = []
    if repeats:
        notes.append(f"the spine lists chapters again {repeats:,} times; each was read once")
    if len(names) > MAX_CHAPTERS:
        notes.append(f"only the first {MAX_CHAPTERS:,} of {len(names):,} chapters were read")
        names = names[:MAX_CHAPTERS]
    return names, notes


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
