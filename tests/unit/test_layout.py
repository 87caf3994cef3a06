"""Wrapping documents into rows: what the panes draw and what sync measures."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.model import Boilerplate, Document, Paragraph, Sentence
from tui.view.layout import NO_SENTENCE, layout_document


def make_document(paragraphs: list[list[str]], boilerplate: list[tuple[int, str]] = ()) -> Document:
    """A document whose paragraphs hold the given sentences (offsets are synthetic)."""
    sentences: list[Sentence] = []
    spans: list[Paragraph] = []
    position = 0
    for number, texts in enumerate(paragraphs):
        begin = position
        for text in texts:
            sentences.append(Sentence(position, position + len(text), number, text))
            position += len(text) + 1
        spans.append(Paragraph(begin, position))
        position += 1
    furniture = [Boilerplate(start, start + len(text), text, "link") for start, text in boilerplate]
    text = " " * position
    return Document("t.txt", None, text, "utf-8", "", sentences, furniture, spans)


def row_text(layout, row: int) -> str:
    return "".join(piece.text for piece in layout.line(row))


def test_wraps_at_word_boundaries_with_blank_rows_between_paragraphs() -> None:
    document = make_document([["One two three four five.", "Six seven."], ["Eight nine ten."]])
    layout = layout_document(document, 12)
    assert [row_text(layout, row) for row in range(layout.height)] == [
        "One two",
        "three four",
        "five. Six",
        "seven.",
        "",
        "Eight nine",
        "ten.",
    ]
    assert layout.sentence_first == [0, 2, 5]
    assert layout.sentence_last == [2, 3, 6]
    assert layout.line_sentence == [0, 0, 0, 1, NO_SENTENCE, 2, 2]
    # The space between two sentences belongs to neither.
    assert [piece.sentence for piece in layout.line(2)] == [0, NO_SENTENCE, 1]


def test_a_word_wider_than_the_pane_is_cut() -> None:
    layout = layout_document(make_document([["Supercalifragilistic yes."]]), 8)
    assert [row_text(layout, row) for row in range(layout.height)] == [
        "Supercal",
        "ifragili",
        "stic",
        "yes.",
    ]


def test_wide_characters_count_two_cells() -> None:
    layout = layout_document(make_document([["北朝鲜 制裁 取消 了"]]), 7)
    for row in range(layout.height):
        assert cell_len(row_text(layout, row)) <= 7


def test_boilerplate_hidden_by_default_and_shown_dimmed_in_place() -> None:
    document = make_document([["First."], ["Second."]], boilerplate=[(8, "READ MORE")])
    hidden = layout_document(document, 40)
    assert [row_text(hidden, row) for row in range(hidden.height)] == ["First.", "", "Second."]
    shown = layout_document(document, 40, show_boilerplate=True)
    texts = [row_text(shown, row) for row in range(shown.height)]
    assert texts == ["First.", "", "READ MORE", "", "Second."]
    assert shown.line(2)[0].boilerplate and shown.line(2)[0].sentence == NO_SENTENCE
    assert shown.sentence_first == [0, 4]


def test_control_characters_are_made_visible() -> None:
    layout = layout_document(make_document([["Evil \x1b[2J text."]]), 40)
    assert row_text(layout, 0) == "Evil ␛[2J text."


def test_sentence_at_row_and_cell() -> None:
    document = make_document([["One two three four five.", "Six seven."], ["Eight nine ten."]])
    layout = layout_document(document, 12)
    assert layout.sentence_at(0) == 0
    assert layout.sentence_at(2) == 1  # the later sentence starting on the row
    assert layout.sentence_at(4) == 1  # the blank row after the paragraph
    assert layout.sentence_at_cell(2, 0) == 0  # "five."
    assert layout.sentence_at_cell(2, 7) == 1  # "Six"
    assert layout.sentence_at_cell(3, 30) == 1  # past the end of the row


words = st.text(alphabet=st.sampled_from("abcdefghij界\x1b"), min_size=1, max_size=14)
sentence_texts = st.lists(words, min_size=1, max_size=8).map(" ".join)
documents = st.lists(st.lists(sentence_texts, min_size=1, max_size=4), min_size=1, max_size=6)


@settings(max_examples=150, deadline=None)
@given(documents, st.integers(min_value=2, max_value=60))
def test_wrapping_invariants(paragraphs: list[list[str]], width: int) -> None:
    document = make_document(paragraphs)
    layout = layout_document(document, width)
    # No row is wider than the pane.
    assert all(cell_len(row_text(layout, row)) <= width for row in range(layout.height))
    # Every sentence's text is on its rows, in order, losing nothing but break spaces.
    for number, sentence in enumerate(document.sentences):
        first, last = layout.sentence_first[number], layout.sentence_last[number]
        assert first <= last
        shown = "".join(
            piece.text
            for row in range(first, last + 1)
            for piece in layout.line(row)
            if piece.sentence == number
        )
        assert shown.replace(" ", "") == sentence.text.replace("\x1b", "␛").replace(" ", "")
    # Sentences start in order, so rows can be bisected.
    assert layout.sentence_first == sorted(layout.sentence_first)
    assert len(layout.line_sentence) == layout.height
    # One blank row between paragraphs.
    assert (
        sum(1 for line in map(layout.line, range(layout.height)) if not line) == len(paragraphs) - 1
    )


def test_a_zwj_emoji_sequence_wraps_within_the_pane_by_rich_cell_len() -> None:
    """Issue 10, case 15: "👨‍👩‍👧" made a row wider on screen (tmux) than it was wrapped."""
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    hearts = "\u2764\ufe0f" * 6  # each 2 cells to Rich, 1 + 0 by character
    document = make_document([[f"The {family} family {family}{family} came.", hearts + " ok."]])
    for width in range(3, 30):
        layout = layout_document(document, width)
        rows = [row_text(layout, row) for row in range(layout.height)]
        assert all(cell_len(row) <= width for row in rows), (width, rows)
        assert "\u200d" not in "".join(rows)  # joiners are drawn unjoined, as "+"
        assert "".join(rows).replace(" ", "").count("\U0001f469") == 3
