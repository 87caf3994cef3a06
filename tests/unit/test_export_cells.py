"""Cells of the exported synopsis: sentences kept apart, paraphrases shown
plainly (issue 19, defects 6 and 7)."""

from __future__ import annotations

import csv
import io
import re

from tui.compare.pairwise import CLOSE_SHARE, row_marks, shared_share
from tui.compare.synopsis import synopsis_rows
from tui.compare.wordiff import diff_words
from tui.export.formats import to_csv, to_markdown
from tui.export.html import to_html
from tui.model import Comparison

HEADLINE = "Trump cancels new North Korea sanctions"
LEAD = "US President Donald Trump says"


def test_csv_keeps_the_headline_and_the_lead_apart(news: Comparison) -> None:
    rows = list(csv.reader(io.StringIO(to_csv(news))))
    cell = next(row[2] for row in rows if row[2].startswith(HEADLINE))
    assert cell.startswith(f"{HEADLINE}\n{LEAD}")


def test_markdown_keeps_the_headline_and_the_lead_apart(news: Comparison) -> None:
    assert f"{HEADLINE}<br>{LEAD}" in to_markdown(news)
    assert f"{HEADLINE} {LEAD}" not in to_markdown(news)


def test_html_keeps_the_headline_and_the_lead_apart(news: Comparison) -> None:
    text = re.sub(r"<(?!br>)[^>]+>", "", to_html(news))  # every mark but the line breaks
    assert f"{HEADLINE}<br>{LEAD}" in text


def test_a_loose_paraphrase_is_shown_plainly_with_its_shared_words_marked(
    news: Comparison,
) -> None:
    """The BBC and CBS headlines share a few words: nothing is struck or added."""
    page = to_html(news)
    bbc_headline = re.search(r'<td class="cell">(.*?)<br>', page)
    assert bbc_headline is not None
    cell = bbc_headline.group(1)
    assert "<del>" not in cell and "<ins>" not in cell
    assert '<span class="same">new North Korea sanctions</span>' in cell


def test_no_paraphrase_cell_is_mostly_struck(news: Comparison) -> None:
    """Before, rows of several sentences were struck through almost whole."""
    for cell in re.findall(r'<td class="cell">(.*?)</td>', to_html(news)):
        text = re.sub(r"<span class=\"flag\">.*", "", cell)
        struck = sum(len(part) for part in re.findall(r"<del>(.*?)</del>", text))
        plain = len(re.sub(r"<[^>]+>", "", text))
        assert struck <= 0.5 * plain, cell


def test_each_sentence_is_compared_with_its_own_linked_partner(news: Comparison) -> None:
    bbc = next(n for n, d in enumerate(news.documents) if d.name == "bbc.txt")
    for row in synopsis_rows(news, bbc):
        if not row.cells[bbc]:
            continue
        painted = row_marks(news, row, bbc)
        for source, cell in enumerate(row.cells):
            assert [item.sentence for item in painted[source]] == cell
            for item in painted[source]:
                text = news.documents[source].sentences[item.sentence].text
                assert "".join(text[m.start : m.end] for m in item.marks) == text


def test_shared_share_tells_a_close_pair_from_a_loose_one() -> None:
    close = diff_words("The storm hit the coast on Monday.", "The storm hit the coast Monday.")
    loose = diff_words(
        "Trump cancels new sanctions.", "He will reverse the new sanctions, he says."
    )
    assert shared_share(close) >= CLOSE_SHARE > shared_share(loose)


def _row_of(page: str, fragment: str) -> str:
    start = page.index(fragment)
    return page[page.rfind("<tr", 0, start) : page.index("</tr>", start)]


def test_an_attribution_put_after_the_quote_is_moved_not_struck(news: Comparison) -> None:
    """The BBC: 'In a tweet on Friday, Trump wrote: "…"'; Business Standard:
    '"…" Trump tweeted on Friday.' (issue 28.10): neither is missing nor added."""
    row = _row_of(to_html(news), "Trump wrote:")
    assert '<span class="moved">In a tweet on Friday, Trump wrote:</span>' in row
    assert '<span class="moved">Trump tweeted on Friday.</span>' in row
    assert "<del>In a tweet" not in row and "Trump tweeted on Friday.</ins>" not in row


def test_a_sentence_linked_to_two_of_the_base_is_compared_with_both(news: Comparison) -> None:
    """Business Standard says in one sentence what the BBC says in two: the
    second half ("I have today ordered…") is not shown as added."""
    row = _row_of(to_html(news), "Trump wrote:")
    assert "<ins>" not in row, row
    cells = re.findall(r'<td class="cell">(.*?)</td>', row)
    assert '<span class="minor">Sanctions</span>!' in cells[0]  # the BBC's second sentence
    assert 'those additional <span class="minor">sanctions</span>!' in cells[1]
