"""Issue 11: web pages, PDF, DOCX, EPUB and Markdown read as the text people read.

Every fixture is written here or in ``tests/support/sources.py`` (a fictional
story); offsets always index ``Document.text``, the extracted text.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.support.sources import (
    COURIER,
    COURIER_TITLE,
    FURNITURE,
    article_page,
    make_docx,
    make_epub,
    make_pdf,
)
from tui.errors import InputError
from tui.ingest.books import markdown_to_text, unwrap_lines
from tui.ingest.document import analyse
from tui.ingest.formats import convert, detect_format
from tui.ingest.sources import load
from tui.model import Document
from tui.pipeline import load_documents


def loaded_document(tmp_path: Path, name: str, data: bytes) -> Document:
    path = tmp_path / name
    path.write_bytes(data)
    return load_documents([str(path)])[0]


def assert_offsets_true(document: Document) -> None:
    for sentence in document.sentences:
        assert " ".join(document.text[sentence.start : sentence.end].split()) == sentence.text


def test_html_page_reads_the_article_only(tmp_path: Path) -> None:
    page = article_page(COURIER_TITLE, COURIER).encode()
    document = loaded_document(tmp_path, "courier.html", page)
    assert document.format == "html"
    assert document.title == COURIER_TITLE
    assert document.date == "2026-03-14"
    assert document.site == "The Riverside Courier"
    texts = [s.text for s in document.sentences]
    assert texts[0] == COURIER_TITLE
    assert COURIER[0] in texts and COURIER[-1] in texts
    assert "<" not in document.text and "analytics" not in document.text
    for sentence in texts:
        for furniture in FURNITURE:
            assert furniture.lower() not in sentence.lower(), (furniture, sentence)
    # Paragraphs kept: one per <p> (plus the headline).
    assert len({s.paragraph for s in document.sentences}) == len(COURIER) + 1
    assert_offsets_true(document)


def test_html_on_stdin_is_recognised() -> None:
    page = article_page(COURIER_TITLE, COURIER).encode()
    document = load_documents(["-"], stdin=io.BytesIO(page))[0]
    assert document.format == "html"
    assert document.title == COURIER_TITLE
    assert document.sentences[1].text == COURIER[0]


def test_plain_text_is_unchanged(tmp_path: Path) -> None:
    document = loaded_document(tmp_path, "a.txt", b"A headline\n\nA <b>sentence</b> here.\n")
    assert document.format == "text"
    assert document.text == "A headline\n\nA <b>sentence</b> here.\n"
    assert document.url is None and document.date is None and document.site is None


@pytest.mark.parametrize(
    ("charset", "encoding"),
    [("windows-1251", "cp1251"), ("iso-8859-1", "cp1252"), ("koi8-r", "koi8-r")],
)
def test_html_declared_charset_is_honoured(tmp_path: Path, charset: str, encoding: str) -> None:
    words = "Мост открыт" if charset != "iso-8859-1" else "Le pont a été rouvert"
    paragraphs = [f"{words} après huit mois." if charset == "iso-8859-1" else f"{words} снова."]
    paragraphs += COURIER
    page = article_page(COURIER_TITLE, paragraphs, charset=charset)
    document = loaded_document(tmp_path, "page.htm", page.encode(encoding))
    assert paragraphs[0] in [s.text for s in document.sentences]
    assert document.encoding == encoding


def test_html_charset_from_the_server_wins_over_meta() -> None:
    page = article_page(COURIER_TITLE, ["Überall Brücken, sagte er.", *COURIER], charset="utf-8")
    loaded = convert(
        "x", None, page.encode("cp1252"), "u", content_type="text/html", charset="windows-1252"
    )
    assert "Überall Brücken, sagte er." in loaded.text


def test_html_extraction_of_a_1mb_page_keeps_every_paragraph() -> None:
    # Its speed (target 1 s, about 0.5 s) is measured by benchmarks/formats_bench.py.
    page = article_page(COURIER_TITLE, COURIER * 200, padding=12000).encode()
    assert len(page) >= 2**20
    loaded = convert("big.html", None, page)
    assert loaded.text.count(COURIER[1]) == 200
    assert "Teaser number" not in loaded.text


PDF_PAGES = [
    [
        "Harbour bridge reopens",
        "The harbour bridge reopened to traffic on Saturday morning after eight",
        "months of repairs, the city council said. Engineers replaced 120 steel ca-",
        "bles and resurfaced the deck at a cost of fourteen million pounds in all.",
        "",
        "Commuters had faced detours of up to forty minutes while the bridge was",
        "closed.",
        "1",
    ],
    [
        "The council said a new inspection regime would check the cables every six",
        "months from now on.",
    ],
]


def test_pdf_joins_hyphens_and_hard_wraps(tmp_path: Path) -> None:
    document = loaded_document(tmp_path, "report.pdf", make_pdf(PDF_PAGES))
    assert document.format == "pdf"
    assert document.title == "Harbour bridge reopens"
    texts = [s.text for s in document.sentences]
    assert (
        "The harbour bridge reopened to traffic on Saturday morning after eight months of "
        "repairs, the city council said." in texts
    )
    assert any("replaced 120 steel cables and resurfaced" in t for t in texts)
    assert (
        "Commuters had faced detours of up to forty minutes while the bridge was closed." in texts
    )
    assert texts[-1] == (
        "The council said a new inspection regime would check the cables every six months "
        "from now on."
    )
    assert "\n1\n" not in document.text  # the page number
    assert_offsets_true(document)


def test_pdf_recognised_by_its_bytes_on_stdin() -> None:
    document = load_documents(["-"], stdin=io.BytesIO(make_pdf(PDF_PAGES)))[0]
    assert document.format == "pdf"


def test_unwrap_keeps_real_hyphens_before_capitals() -> None:
    text = unwrap_lines(["The pro-", "Western party won a long and hard fought election on", ""])
    assert "pro- Western" in text or "pro-Western" in text


def test_broken_pdf_is_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is not really a pdf")
    with pytest.raises(InputError) as caught:
        load_documents([str(path)])
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and "\n" not in message


def test_docx(tmp_path: Path) -> None:
    document = loaded_document(tmp_path, "notes.docx", make_docx(COURIER_TITLE, COURIER))
    assert document.format == "docx"
    assert document.title == COURIER_TITLE
    assert [s.text for s in document.sentences][1:3] == COURIER[:2]
    assert_offsets_true(document)


def test_epub_follows_the_spine(tmp_path: Path) -> None:
    data = make_epub("The Bridge", [COURIER[:2], COURIER[2:]], publisher="Harbour Books")
    assert detect_format("-", data) == "epub"
    document = loaded_document(tmp_path, "book.epub", data)
    assert document.format == "epub"
    assert document.title == "The Bridge"
    assert document.site == "Harbour Books" and document.date == "2026-03-14"
    texts = [s.text for s in document.sentences]
    positions = [texts.index(sentence) for sentence in COURIER]
    assert positions == sorted(positions)
    assert texts.index("Chapter 1") < texts.index("Chapter 2")
    assert_offsets_true(document)


def test_markdown_markup_removed(tmp_path: Path) -> None:
    source = (
        "# Harbour bridge reopens\n\n"
        "The **harbour bridge** reopened on [Saturday](https://example.org/x), "
        "the _council_ said.\nEngineers replaced `120` cables.\n\n"
        "- Detours of forty minutes.\n- A relief for drivers.\n\n"
        "> Quoted words here.\n\n<div>raw html</div>\n"
    )
    document = loaded_document(tmp_path, "story.md", source.encode())
    assert document.format == "markdown"
    assert document.title == "Harbour bridge reopens"
    texts = [s.text for s in document.sentences]
    assert "The harbour bridge reopened on Saturday, the council said." in texts
    assert "Engineers replaced 120 cables." in texts
    assert "Detours of forty minutes." in texts and "Quoted words here." in texts
    for markup in ("**", "](", "`", "#", "<div>", "example.org"):
        assert markup not in document.text
    assert_offsets_true(document)


def test_markdown_front_matter() -> None:
    extracted = markdown_to_text('---\ntitle: "A day out?"\ndate: 2026-01-02\n---\nSome text.\n')
    assert extracted.title == "A day out?" and extracted.date == "2026-01-02"
    assert extracted.text == "A day out?\n\nSome text.\n"


def test_load_reads_a_path_or_stdin(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("Hello *there*.\n", encoding="utf-8")
    assert load(str(path)).text == "Hello there.\n"
    assert analyse(load("-", io.BytesIO(b"Plain words."))).format == "text"
