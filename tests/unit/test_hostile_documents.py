"""Issue 18, points 7, 9, 14, 15 and "Also": documents built to cost without
bound or to be misread. Each is generated here, in memory or in tmp_path
(no big fixture is committed), and each must end quickly with the truth
said once: an archive that inflates past the source limit, an EPUB spine
that repeats a chapter or lists thousands, a PDF of many pages or a looping
page tree, pypdf's warnings and an encrypted PDF, a page declaring UTF-16
in ASCII, and a page too large to extract."""

from __future__ import annotations

import io
import struct
import time
import zipfile
from pathlib import Path

import pytest

import tui.ingest.books as books
import tui.ingest.pdf as pdf
from tests.support.sources import COURIER, COURIER_TITLE, article_page, make_docx, make_pdf
from tui.errors import InputError
from tui.ingest.formats import convert
from tui.ingest.html import extractable_size
from tui.ingest.loading import MAX_BYTES

BOUND = 8.0
"""Seconds any one document may take here."""


def timed_convert(name: str, data: bytes) -> tuple[object, float]:
    start = time.monotonic()
    try:
        result: object = convert(name, None, data, name)
    except InputError as error:
        result = error
    return result, time.monotonic() - start


def _rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    """``data`` (a zip) with these entries' contents replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = replace.get(info.filename, source.read(info))
            target.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


# --- archives -----------------------------------------------------------------------------


def test_a_docx_zip_bomb_stops_at_the_source_limit() -> None:
    """Before: python-docx inflated it all (3.5 GB, killed)."""
    docx = make_docx(COURIER_TITLE, COURIER)
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        xml = archive.read("word/document.xml")
    head, tail = xml.split(b"</w:body>")
    bomb = head + b" " * (MAX_BYTES + 1024) + b"</w:body>" + tail
    data = _rezip(docx, {"word/document.xml": bomb})
    assert len(data) < MAX_BYTES // 100
    result, elapsed = timed_convert("bomb.docx", data)
    assert str(result) == "bomb.docx: unpacks to more than 64 MB (the limit of a source)"
    assert elapsed < BOUND


def epub(chapters: dict[str, bytes], spine: list[str]) -> bytes:
    """An EPUB with these chapter files and this spine (ids are the file names)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        archive.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" '
            'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            '<rootfile full-path="content.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>",
        )
        items = "".join(
            f'<item id="{name}" href="{name}" media-type="application/xhtml+xml"/>'
            for name in chapters
        )
        refs = "".join(f'<itemref idref="{name}"/>' for name in spine)
        archive.writestr(
            "content.opf",
            '<?xml version="1.0" encoding="utf-8"?>'
            '<package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
            '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Book</dc:title>'
            f"</metadata><manifest>{items}</manifest><spine>{refs}</spine></package>",
        )
        for name, body in chapters.items():
            archive.writestr(name, body)
    return out.getvalue()


def chapter(text: str) -> bytes:
    return f"<html><body><p>{text}</p></body></html>".encode()


def test_an_epub_entry_that_lies_about_its_size_is_read_no_further() -> None:
    """The directory says 40 bytes; the entry inflates to 70 MB: reading stops
    at what it claimed (and zip's checksum says the lie), quickly."""
    data = bytearray(epub({"c.xhtml": b"<p>" + b"a" * (70 << 20) + b"</p>"}, ["c.xhtml"]))
    entry = data.rindex(b"PK\x01\x02")  # the last directory entry: c.xhtml
    assert data[entry + 46 : entry + 46 + 7] == b"c.xhtml"
    data[entry + 24 : entry + 28] = struct.pack("<I", 40)
    result, elapsed = timed_convert("liar.epub", bytes(data))
    assert isinstance(result, InputError), result
    assert str(result).startswith("liar.epub: cannot be read as EPUB: Bad CRC-32")
    assert elapsed < BOUND


def test_an_epub_that_inflates_past_the_limit_in_many_entries_stops() -> None:
    big = b"<p>" + b"b" * (MAX_BYTES // 3) + b"</p>"
    names = [f"c{n}.xhtml" for n in range(4)]
    result, elapsed = timed_convert("many.epub", epub(dict.fromkeys(names, big), names))
    assert str(result) == "many.epub: unpacks to more than 64 MB (the limit of a source)"
    assert elapsed < BOUND


def test_a_spine_that_repeats_a_chapter_reads_it_once() -> None:
    """Before: one chapter listed 20,000 times was read (and aligned) 20,000 times."""
    data = epub({"c.xhtml": chapter("The only chapter.")}, ["c.xhtml"] * 20_000)
    result, elapsed = timed_convert("loop.epub", data)
    assert not isinstance(result, InputError), result
    assert result.text == "Book\n\nThe only chapter.\n"  # type: ignore[attr-defined]
    assert result.notes == [  # type: ignore[attr-defined]
        "the spine lists chapters again 19,999 times; each was read once"
    ]
    assert elapsed < BOUND


def test_an_epub_of_thousands_of_chapters_is_cut_and_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """60,000 chapters took past 120 s; the first MAX_CHAPTERS are read (here 40 of 3,000)."""
    monkeypatch.setattr(books, "MAX_CHAPTERS", 40)
    names = [f"c{n}.xhtml" for n in range(3_000)]
    data = epub({name: chapter(f"Chapter number {n}.") for n, name in enumerate(names)}, names)
    result, elapsed = timed_convert("huge.epub", data)
    assert not isinstance(result, InputError), result
    text = result.text  # type: ignore[attr-defined]
    assert "Chapter number 39." in text and "Chapter number 40." not in text
    assert result.notes == ["only the first 40 of 3,000 chapters were read"]  # type: ignore[attr-defined]
    assert elapsed < BOUND


def test_two_thousand_chapters_take_seconds_not_minutes() -> None:
    """Chapters are read block by block, not through trafilatura (15 ms each)."""
    names = [f"c{n}.xhtml" for n in range(books.MAX_CHAPTERS)]
    data = epub({name: chapter(f"Chapter number {n}.") for n, name in enumerate(names)}, names)
    result, elapsed = timed_convert("long.epub", data)
    assert not isinstance(result, InputError), result
    assert result.notes == []  # type: ignore[attr-defined]
    assert f"Chapter number {books.MAX_CHAPTERS - 1}." in result.text  # type: ignore[attr-defined]
    assert elapsed < BOUND


# --- PDF ----------------------------------------------------------------------------------


def test_a_pdf_of_many_pages_is_cut_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """100,000 empty pages took past 120 s: pages are loaded lazily, up to MAX_PAGES."""
    monkeypatch.setattr(pdf, "MAX_PAGES", 30)
    pages = [[f"Page {n} says something of its own."] for n in range(3_000)]
    result, elapsed = timed_convert("long.pdf", make_pdf(pages))
    assert not isinstance(result, InputError), result
    text = result.text  # type: ignore[attr-defined]
    assert "Page 29 says" in text and "Page 30 says" not in text
    assert result.notes == ["only the first 30 of 3,000 pages were read"]  # type: ignore[attr-defined]
    assert elapsed < BOUND


def test_pages_past_the_cap_are_never_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """pypdf's ``reader.pages`` loads every page first (20,000 took 10 s); the
    lazy walk stops at the cap. (100,000 empty pages with the real cap: 7.4 s,
    measured; before: past 120 s.)"""
    monkeypatch.setattr(pdf, "MAX_PAGES", 200)
    data = make_pdf([[]] * 20_000)
    result, elapsed = timed_convert("empty.pdf", data)
    assert not isinstance(result, InputError), result
    assert result.notes == [  # type: ignore[attr-defined]
        "only the first 200 of 20,000 pages were read",
        "this PDF has no text layer (a scan?); nothing to align",
    ]
    assert elapsed < BOUND / 2


def test_a_page_tree_that_loops_ends() -> None:
    data = make_pdf([[COURIER[0]], [COURIER[1]]])
    # The second page's entry in /Kids becomes the tree's root (2 0 R): a loop.
    looped = data.replace(b"/Kids [4 0 R 6 0 R]", b"/Kids [4 0 R 2 0 R]")
    assert looped != data
    result, elapsed = timed_convert("loop.pdf", looped)
    assert not isinstance(result, InputError), result
    assert COURIER[0] in result.text and COURIER[1] not in result.text  # type: ignore[attr-defined]
    assert elapsed < BOUND


def test_pypdf_warnings_become_notes_not_stray_lines(capfd: pytest.CaptureFixture[str]) -> None:
    """Before: pypdf's logging reached stderr as lines of its own."""
    data = make_pdf([[COURIER[0]]]).replace(b"startxref\n", b"startxref\n1")
    result, _ = timed_convert("damaged.pdf", data)
    assert not isinstance(result, InputError), result
    assert COURIER[0] in result.text  # type: ignore[attr-defined]
    notes = result.notes  # type: ignore[attr-defined]
    assert notes and all(note.startswith("damaged PDF, read as far as it goes (") for note in notes)
    assert capfd.readouterr().err == ""


def test_an_encrypted_pdf_says_what_to_do() -> None:
    """Before: "cannot be read as PDF: File has not been decrypted"."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(make_pdf([[COURIER[0]]]))).pages:
        writer.add_page(page)
    writer.encrypt("secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    result, _ = timed_convert("locked.pdf", out.getvalue())
    assert str(result) == (
        "locked.pdf: is an encrypted PDF that needs a password; save an unlocked copy "
        "(e.g. qpdf --decrypt --password=PASSWORD in.pdf out.pdf) and open that"
    )


# --- HTML ---------------------------------------------------------------------------------


def test_a_utf16_meta_on_ascii_bytes_is_ignored() -> None:
    """Before: decoded as UTF-16, mojibake. Browsers ignore such a declaration."""
    page = article_page(COURIER_TITLE, COURIER, charset="utf-16").encode("ascii")
    result, _ = timed_convert("page.html", page)
    assert not isinstance(result, InputError), result
    assert COURIER[1] in result.text  # type: ignore[attr-defined]
    assert result.encoding == "utf-8"  # type: ignore[attr-defined]


def test_a_page_too_large_to_extract_says_so_once(tmp_path: Path) -> None:
    """Before: a 60 MB page of one <p> said "no text found" and "the file is
    empty", exit 0. Past trafilatura's limit it is one clear error."""
    size = extractable_size() + 1024
    page = b"<html><body><p>" + b"word " * (size // 5) + b"</p></body></html>"
    result, elapsed = timed_convert("huge.html", page)
    assert str(result) == (
        f"huge.html: is {len(page) / 2**20:.0f} MB of HTML; pages over "
        f"{extractable_size() / 2**20:.0f} MB are too large to extract the article from "
        "(save its text as a .txt file)"
    )
    assert elapsed < BOUND
