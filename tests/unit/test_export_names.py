"""The file name the export dialog offers: the first source's, then ``-synoptic``."""

from __future__ import annotations

import pytest

from tui.export.names import STEM_LIMIT, export_name
from tui.model import Document


def named(name: str) -> Document:
    return Document(name, None, "", "utf-8", "", [], [], [])


@pytest.mark.parametrize(
    ("name", "kind", "offered"),
    [
        ("bbc.txt", "html", "bbc-synoptic.html"),
        ("cbs-news.txt", "markdown", "cbs-news-synoptic.md"),
        ("report.final.pdf", "csv", "report.final-synoptic.csv"),
        ("-", "json", "synoptic.json"),  # standard input has no name
        ("https://example.org/news/story.html", "html", "story-synoptic.html"),
        ("https://example.org/", "json", "example-synoptic.json"),
        ("a b;c$(rm -rf).txt", "json", "a-b-c-rm--rf-synoptic.json"),
        ("\ufffd\ufffd.txt", "json", "synoptic.json"),
        ("Ἰωάννης.txt", "html", "Ἰωάννης-synoptic.html"),
    ],
)
def test_offered_name(name: str, kind: str, offered: str) -> None:
    assert export_name([named(name), named("other.txt")], kind) == offered


def test_a_long_name_is_cut_and_no_sources_is_plain() -> None:
    offered = export_name([named("x" * 300 + ".txt")], "html")
    assert offered == "x" * STEM_LIMIT + "-synoptic.html"
    assert export_name([], "csv") == "synoptic.csv"


@pytest.mark.parametrize("letter", ["𠀀", "𝒜", "é", "中"])
def test_a_long_name_in_any_script_fits_a_file_name(letter: str) -> None:
    """Cut by bytes too: 80 four-byte letters would make a 332-byte name."""
    offered = export_name([named(letter * 100 + ".txt")], "markdown")
    assert len(offered.encode("utf-8")) <= 255
    assert offered.startswith(letter) and offered.endswith("-synoptic.md")
    assert "\ufffd" not in offered
