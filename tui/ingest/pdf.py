"""PDF (pypdf): the text layer as paragraphs, within bounds, problems in our words.

Lines are unwrapped and hyphenation mended, page numbers dropped
(:func:`unwrap_lines`). The page tree is walked here, lazily, rather than
through ``reader.pages``: pypdf flattens the whole tree first (100,000 empty
pages took minutes), so only the first :data:`MAX_PAGES` pages are ever
loaded and the rest is said to be left out. pypdf's own warnings
(``EOF marker not found``) would reach stderr as stray lines; they become
notes, one per problem, and an encrypted file says what to do.
"""

from __future__ import annotations

import io
import logging
import re
import threading
from collections.abc import Iterator
from typing import Any

from tui.errors import InputError
from tui.ingest.extracted import Extracted, join_paragraphs

MAX_PAGES = 2_000
"""Pages read at most (pypdf loads and reads about 600 a second); the rest is
left out, and said."""
MAX_NOTES = 5
"""pypdf problems said one by one; more are counted."""

_SENTENCE_END = (".", "!", "?", ":", '"', "”", "’", "'", ")", "…")
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?\s*$", re.I)
_INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")
"""What a page takes from the page-tree nodes above it (PDF 1.7, 7.7.3.4)."""


class _Problems(logging.Handler):
    """pypdf's log records, kept per thread while that thread reads a PDF
    (URLs are fetched and read side by side)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.local = threading.local()

    def emit(self, record: logging.LogRecord) -> None:
        kept = getattr(self.local, "kept", None)
        if kept is not None:
            kept.append(" ".join(record.getMessage().split())[:160])

    def start(self) -> list[str]:
        self.local.kept = []
        return self.local.kept  # type: ignore[no-any-return]

    def stop(self) -> None:
        self.local.kept = None


_PROBLEMS = _Problems()
_pypdf_log = logging.getLogger("pypdf")
_pypdf_log.addHandler(_PROBLEMS)
_pypdf_log.propagate = False  # never Python's last-resort handler on stderr


def from_pdf(data: bytes, label: str, charset: str | None, url: str | None) -> Extracted:
    problems = _PROBLEMS.start()
    try:
        try:
            # Strict first: pypdf's lenient reader checks every object's header
            # before anything else (6 s of 8 for 100,000 pages); a file that
            # needs its repairs is read again leniently, its problems said.
            text, title, notes = _read(data, label, strict=True)
            problems.clear()
        except InputError:
            raise
        except Exception:
            problems.clear()
            text, title, notes = _read(data, label, strict=False)
    finally:
        _PROBLEMS.stop()
    notes = _problem_notes(problems) + notes
    if not text.strip():
        notes.append("this PDF has no text layer (a scan?); nothing to align")
    return Extracted(text, encoding="binary", title=title, notes=notes)


def _read(data: bytes, label: str, strict: bool) -> tuple[str, str, list[str]]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    reader = PdfReader(io.BytesIO(data), strict=strict)
    if reader.is_encrypted:
        try:
            opened = bool(reader.decrypt(""))
        except DependencyError:
            raise InputError(
                label,
                "is an encrypted PDF (AES), which needs the cryptography package to open: "
                "pip install cryptography, or save an unlocked copy",
            ) from None
        except Exception:
            opened = False
        if not opened:
            raise InputError(
                label,
                "is an encrypted PDF that needs a password; save an unlocked copy "
                "(e.g. qpdf --decrypt --password=PASSWORD in.pdf out.pdf) and open that",
            )
    claimed = _claimed_pages(reader)
    pages = []
    for page in _pages(reader, MAX_PAGES):
        pages.append(page.extract_text() or "")
    notes = []
    if len(pages) >= MAX_PAGES and claimed > len(pages):
        notes.append(f"only the first {MAX_PAGES:,} of {claimed:,} pages were read")
    text = unwrap_lines(pages)
    # The metadata title is often a file name ("Microsoft Word - x.docx"): it is
    # the title only when the text itself starts with it.
    metadata = reader.metadata
    title = " ".join(((metadata.title if metadata is not None else None) or "").split())
    if not title or not text.startswith(title):
        title = ""
    return text, title, notes


def _claimed_pages(reader: Any) -> int:
    """The page count the page tree's root claims (may lie; only for the note)."""
    try:
        count = reader.trailer["/Root"].get_object()["/Pages"].get_object().get("/Count", 0)
        return int(count)
    except Exception:
        return 0


def _pages(reader: Any, limit: int) -> Iterator[Any]:
    """The first ``limit`` pages in document order, each loaded when it is reached.

    Depth first through ``/Kids`` with an explicit stack (no recursion), each
    node visited once (a tree that loops ends), inherited attributes passed down.
    """
    from pypdf import PageObject
    from pypdf.generic import DictionaryObject, IndirectObject, NameObject

    root = reader.trailer["/Root"].get_object().get("/Pages")
    stack: list[tuple[Any, dict[str, Any]]] = [(root, {})]
    seen: set[Any] = set()
    given = 0
    while stack and given < limit:
        reference, inherited = stack.pop()
        if isinstance(reference, IndirectObject):
            key: Any = (reference.idnum, reference.generation)
        else:
            key = id(reference)
        if key in seen:
            continue
        seen.add(key)
        node = reference.get_object() if reference is not None else None
        if not isinstance(node, DictionaryObject):
            continue
        passed = {**inherited, **{name: node[name] for name in _INHERITED if name in node}}
        kids = node.get("/Kids")
        if node.get("/Type") == "/Pages" or (kids is not None and node.get("/Type") != "/Page"):
            kids = kids.get_object() if kids is not None else []
            if isinstance(kids, list):
                stack.extend((kid, passed) for kid in reversed(kids))
            continue
        page = PageObject(reader, reference if isinstance(reference, IndirectObject) else None)
        page.update(node)
        for name, value in passed.items():
            if name not in page:
                page[NameObject(name)] = value
        given += 1
        yield page


def _problem_notes(problems: list[str]) -> list[str]:
    """One note per distinct problem pypdf worked around, in our words."""
    distinct = list(dict.fromkeys(problem for problem in problems if problem))
    notes = [f"damaged PDF, read as far as it goes ({problem})" for problem in distinct[:MAX_NOTES]]
    if len(distinct) > MAX_NOTES:
        notes.append(f"and {len(distinct) - MAX_NOTES} more problems in this PDF")
    return notes


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
