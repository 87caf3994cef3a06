"""Verse references in every export (issue 9, point 4): ``ref`` on each JSON
sentence (null in texts without verse numbers), and the verses a passage
covers at the start of each CSV, Markdown and HTML cell."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from tui.export.formats import to_csv, to_dict, to_markdown
from tui.export.html import to_html
from tui.ingest.verses import ref_span
from tui.model import Comparison, Sentence
from tui.pipeline import compare

MATTHEW = (
    "14:3 For Herod had laid hold on John, and bound him, and put him in prison for "
    "Herodias’ sake, his brother Philip’s wife.\n"
    "14:4 For John said unto him, It is not lawful for thee to have her.\n"
    "14:5 And when he would have put him to death, he feared the multitude.\n"
)
LUKE = (
    "3:19 But Herod the tetrarch, being reproved by him for Herodias his brother "
    "Philip’s wife, and for all the evils which Herod had done,\n"
    "3:20 Added yet this above all, that he shut up John in prison.\n"
    "3:21 Now when all the people were baptized, it came to pass that the heaven was opened.\n"
)


def verses(tmp_path: Path) -> Comparison:
    (tmp_path / "matthew.txt").write_text(MATTHEW, encoding="utf-8")
    (tmp_path / "luke.txt").write_text(LUKE, encoding="utf-8")
    return compare([str(tmp_path / "matthew.txt"), str(tmp_path / "luke.txt")])


def test_json_sentences_carry_their_verse(tmp_path: Path) -> None:
    data = to_dict(verses(tmp_path))
    assert data["version"] == 1
    matthew, luke = data["sources"]
    assert [s["ref"] for s in matthew["sentences"]] == ["14:3", "14:4", "14:5"]
    assert [s["ref"] for s in luke["sentences"]] == ["3:19", "3:20", "3:21"]
    # The number is not part of the text that was aligned, and offsets skip it.
    first = luke["sentences"][0]
    assert first["text"].startswith("But Herod") and LUKE[first["start"] :].startswith("But")


def test_json_ref_is_null_without_verse_numbers(news: Comparison) -> None:
    for source in to_dict(news)["sources"]:
        assert {sentence["ref"] for sentence in source["sentences"]} == {None}
        assert list(source["sentences"][0]) == ["start", "end", "paragraph", "text", "ref"]


def test_csv_markdown_and_html_cite_the_verses(tmp_path: Path) -> None:
    """Luke 3:19 beside Matthew 14:3 (with 3:20, Herod "shut up John in prison",
    where the aligner links it too: then the cell cites the range 3:19–20)."""
    comparison = verses(tmp_path)
    rows = list(csv.reader(io.StringIO(to_csv(comparison))))
    herod = next(row for row in rows if "Herodias" in row[2] and "Herodias" in row[3])
    assert herod[2].startswith("[14:3] For Herod")
    assert re.match(r"\[3:19(–20)?\] But Herod", herod[3])
    markdown = to_markdown(comparison)
    assert "**14:3** For Herod" in markdown
    assert re.search(r"\*\*3:19(–20)?\*\* But Herod", markdown)
    page = to_html(comparison)
    # The citation comes before the words (which carry their difference marks).
    assert re.search(
        r'<span class="ref">14:3</span>(<del>)?For(</del>)? (<span class="same">)?Herod', page
    )
    assert re.search(
        r'<span class="ref">3:19(–20)?</span>(<ins>)?But(</ins>)? (<span class="same">)?Herod', page
    )


def test_news_exports_have_no_citations(news: Comparison) -> None:
    assert "**" not in to_markdown(news).split("## Only here")[0].split("|---")[1]
    assert 'class="ref"' not in to_html(news)
    assert not any(
        cell.startswith("[") for row in csv.reader(io.StringIO(to_csv(news))) for cell in row
    )


def test_ref_span_cites_a_run_of_verses() -> None:
    def at(*refs: str | None) -> list[Sentence]:
        return [Sentence(0, 1, 0, "x", ref) for ref in refs]

    assert ref_span(at("3:19")) == "3:19"
    assert ref_span(at("3:19", "3:19", "3:20")) == "3:19–20"
    assert ref_span(at("3:38", "4:2")) == "3:38–4:2"
    assert ref_span(at(None, "1:1")) is None
    assert ref_span([]) is None
