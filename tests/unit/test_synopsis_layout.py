"""The synopsis table's lines, without the UI: every sentence once, marks in place."""

from __future__ import annotations

from rich.cells import cell_len

from tests.support.documents import find_sentence
from tui.compare.wordiff import Mark
from tui.model import Comparison
from tui.view.synopsis_layout import column_width, layout_synopsis, wrap_cell


def test_every_sentence_is_on_exactly_one_row(news: Comparison) -> None:
    table = layout_synopsis(news, 0, 150)
    for source, document in enumerate(news.documents):
        for sentence in range(len(document.sentences)):
            homes = [n for n, row in enumerate(table.rows) if sentence in row.cells[source]]
            assert homes == [table.row_of((source, sentence))]


def test_lines_belong_to_rows_and_fit_their_columns(news: Comparison) -> None:
    table = layout_synopsis(news, 1, 120)
    width = column_width(120, 3)
    assert table.column_width == width
    for number in range(len(table.rows)):
        first, last = table.row_first[number], table.row_last[number]
        assert first <= last and table.line_row[last + 1] == number  # the rule after it
        assert table.row_at(first) == table.row_at(last + 1) == number
    for line in range(table.height):
        for cell in table.cells_at(line):
            assert cell_len("".join(span.text for span in cell)) <= width


def test_the_sanders_insertion_is_marked_against_the_reference(news: Comparison) -> None:
    source, sentence = find_sentence(news, "bbc.txt", "Chairman Kim [Jong-un]")
    table = layout_synopsis(news, 1, 160)
    row = table.row_of((source, sentence))
    spans = [
        span
        for line in range(table.row_first[row], table.row_last[row] + 1)
        for span in table.cells_at(line)[source]
    ]
    assert any("[Jong-un]" in span.text and span.kind == "ins" for span in spans)
    # With the BBC as reference the same words are what the others lack.
    table = layout_synopsis(news, source, 160)
    row = table.row_of((source, sentence))
    spans = [
        span
        for line in range(table.row_first[row], table.row_last[row] + 1)
        for span in table.cells_at(line)[source]
    ]
    assert any("[Jong-un]" in span.text and span.kind == "del" for span in spans)


def test_wrap_cell_cuts_marks_at_line_ends_and_shows_controls() -> None:
    text = "aaa bbb\x1bccc ddd"
    lines = wrap_cell(text, [Mark(0, 4, "equal"), Mark(4, 11, "ins"), Mark(11, 15, "equal")], 8)
    assert [[(s.text, s.kind) for s in line] for line in lines] == [
        [("aaa", "equal")],
        [("bbb␛ccc", "ins")],
        [("ddd", "equal")],
    ]


def test_each_sentence_of_a_cell_starts_a_line_of_its_own(news: Comparison) -> None:
    """Two sentences of one cell never run into each other (issue 19, defect 6:
    the headline ran into the lead)."""
    bbc = next(n for n, d in enumerate(news.documents) if d.name == "bbc.txt")
    sentences = news.documents[bbc].sentences
    table = layout_synopsis(news, bbc, 240)
    together = [
        (first, second)
        for first in range(len(sentences) - 1)
        for second in [first + 1]
        if table.row_of((bbc, first)) == table.row_of((bbc, second))
    ]
    assert together, "the sample has a row with two BBC sentences"
    first, second = together[0]
    row = table.row_of((bbc, first))
    lines = [
        "".join(span.text for span in table.cells_at(line)[bbc]).rstrip()
        for line in range(table.row_first[row], table.row_last[row] + 1)
    ]
    starts = [k for k, line in enumerate(lines) if line.startswith(sentences[second].text[:30])]
    assert starts, lines
    assert sentences[first].text.endswith(lines[starts[0] - 1].split()[-1]), lines


def _row_spans(table, fragment: str) -> list[list[tuple[str, str]]]:  # type: ignore[no-untyped-def]
    """Each source's spans (text, kind) over the whole row holding ``fragment``."""
    row = next(n for n, texts in enumerate(table.row_texts) if any(fragment in t for t in texts))
    cells: list[list[tuple[str, str]]] = [[] for _ in table.row_texts[row]]
    for line in range(table.row_first[row], table.row_last[row] + 1):
        for source, cell in enumerate(table.cells_at(line)):
            cells[source].extend((span.text, span.kind) for span in cell)
    return cells


def test_the_synopsis_view_compares_sentence_by_linked_sentence(news: Comparison) -> None:
    """As the HTML export does: the BBC headline and lead against their looser
    paraphrases were struck through whole (two cells diffed as one string)."""
    table = layout_synopsis(news, 0, 200)
    bbc = _row_spans(table, "Trump cancels new North Korea sanctions")[0]
    assert not [text for text, kind in bbc if kind == "del"], bbc
    tweet = _row_spans(table, "Trump wrote:")
    assert ("In a tweet on Friday, Trump wrote:", "moved") in tweet[0]
    assert not [text for text, kind in tweet[1] if kind == "ins"], tweet[1]
