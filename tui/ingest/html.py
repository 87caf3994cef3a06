"""Web pages: the article text of an HTML page, its headline, date and site.

trafilatura finds the article (navigation, cookie banners, "most read" lists
and footers left out). The charset comes from a byte-order mark, then the
server, then the page's own declaration (labels read as browsers read them),
then detection.
"""

from __future__ import annotations

import codecs
import re

from tui.errors import InputError
from tui.ingest.extracted import Extracted, join_paragraphs
from tui.ingest.loading import LoadedText, decode

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


def has_bom(data: bytes) -> bool:
    return data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def usable_encoding(label: str) -> str | None:
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
    if not has_bom(data):
        for source, declared in (("the server", charset), ("the page", declared_charset(data))):
            if not declared:
                continue
            encoding = usable_encoding(declared)
            if source == "the page" and (encoding or "").startswith(("utf-16", "utf-32")):
                # Found by an ASCII pattern, so these bytes are not UTF-16 (no byte-order
                # mark either): browsers then ignore the declaration, and so do we.
                continue
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


def extractable_size() -> int:
    """The largest markup trafilatura extracts from (its ``MAX_FILE_SIZE``, 20 MB):
    it silently gives nothing for a larger page."""
    from trafilatura.settings import DEFAULT_CONFIG

    return DEFAULT_CONFIG.getint("DEFAULT", "MAX_FILE_SIZE", fallback=20_000_000)


def html_to_text(
    markup: str, url: str | None = None, *, chapter: bool = False, label: str = ""
) -> Extracted:
    """The article in a page: paragraphs kept, furniture gone; headline, date, site.

    ``chapter`` (an EPUB's): no furniture to find and no metadata to read (the
    book's package has it), so :func:`chapter_text` reads every block instead
    of trafilatura (15 ms a chapter): a book of 2,000 chapters takes seconds,
    not half a minute.
    """
    import trafilatura
    from trafilatura.metadata import extract_metadata

    markup = _XML_DECLARATION.sub("", markup, count=1)
    if chapter:
        return Extracted(chapter_text(markup))
    limit = extractable_size()
    if len(markup) > limit:
        # Said once, as an error: "no text found" and "empty" would both be wrong.
        raise InputError(
            label or url or "page",
            f"is {len(markup) / 2**20:.0f} MB of HTML; pages over {limit / 2**20:.0f} MB are "
            "too large to extract the article from (save its text as a .txt file)",
        )
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
    return Extracted(join_paragraphs(paragraphs), title=title, date=meta.date or None, site=site)


_BLOCKS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li dt dd blockquote pre td th tr caption figcaption "
    "section article aside header footer br hr table ul ol dl".split()
)
_UNREAD = ("script", "style", "noscript", "template", "head")


def chapter_text(markup: str) -> str:
    """The text of a book's chapter (clean XHTML): every block a paragraph, in order.

    Plain ``lxml.etree`` (``lxml.html``'s element classes cost more than the
    parse), a marker around each block, and the text written out in C.
    """
    from lxml import etree

    if not markup.strip():
        return ""
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    root = etree.fromstring(markup, parser)
    if root is None:
        return ""
    etree.strip_elements(root, *_UNREAD, with_tail=False)
    for element in root.iter(*_BLOCKS):  # filtered in C: inline elements cost nothing
        element.text = "\n\n" + (element.text or "")
        element.tail = "\n\n" + (element.tail or "")
    text = etree.tostring(root, method="text", encoding="unicode", with_tail=False)
    return join_paragraphs(text.split("\n\n"))


def from_html(data: bytes, label: str, charset: str | None, url: str | None) -> Extracted:
    markup, encoding, notes = decode_html(data, label, charset)
    extracted = html_to_text(markup, url, label=label)
    extracted.encoding = encoding
    extracted.notes = notes
    return extracted


def decode_declared(
    name: str, path: str | None, data: bytes, label: str, charset: str | None
) -> LoadedText:
    """Plain text; a charset a server declared is honoured."""
    if charset:
        encoding = usable_encoding(charset)
        if encoding is not None and not has_bom(data):
            try:
                return LoadedText(name, path, data.decode(encoding), encoding)
            except UnicodeDecodeError:
                pass
    return decode(name, path, data, label)
