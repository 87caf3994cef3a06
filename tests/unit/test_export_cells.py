"""Cells of the exported synopsis: sentences kept apart, paraphrases shown
plainly (issue 19, defects 6 and 7)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from tui.align.groups import build_groups
from tui.align.threshold import DEFAULT_THRESHOLD
from tui.compare.pairwise import CLOSE_SHARE, row_marks, shared_share
from tui.compare.synopsis import synopsis_rows
from tui.compare.wordiff import diff_words
from tui.export.formats import to_csv, to_markdown
from tui.export.html import to_html
from tui.model import Comparison, Link
from tui.pipeline import load_documents

HEADLINE = "Trump cancels new North Korea sanctions"
LEAD = "US President Donald Trump says he has ordered the withdrawal"
ATTRIBUTION = "In a tweet on Friday, Trump wrote:"

BBC = f"""{HEADLINE}

{LEAD} of recently imposed sanctions against North Korea.

{ATTRIBUTION} "It was announced today by the US Treasury that additional large-scale \
Sanctions would be added to those already existing Sanctions on North Korea.

"I have today ordered the withdrawal of those additional Sanctions!"

The liaison office had allowed officials from North and South Korea to communicate.
"""
STANDARD = """Trump, parting with Treasury, says he'll reverse new North Korea sanctions

"It was announced today by the US Treasury that additional large- scale sanctions would \
be added to those already existing sanctions on North Korea. I have today ordered the \
withdrawal of those additional sanctions!" Trump tweeted on Friday.

The two companies are Dalian Haibo International Freight Co. Ltd and Liaoning Danxing.
"""


@pytest.fixture(scope="module")
def tweet(tmp_path_factory: pytest.TempPathFactory) -> Comparison:
    """The BBC's lead and its two sentences quoting the tweet against Business
    Standard's one (from the news sample): one row, three sentences in a cell.
    The links are given, not scored: these tests are about how a row is shown,
    whatever the aligner makes of two short texts."""
    folder: Path = tmp_path_factory.mktemp("tweet")
    (folder / "bbc.txt").write_text(BBC, encoding="utf-8")
    (folder / "standard.txt").write_text(STANDARD, encoding="utf-8")
    documents = load_documents([str(folder / "bbc.txt"), str(folder / "standard.txt")])
    links = [Link(0, 0, 1, 0, 93.0), Link(0, 1, 1, 1, 90.0)]
    links += [Link(0, 2, 1, 1, 100.0), Link(0, 3, 1, 1, 100.0)]
    return Comparison(documents, build_groups(links, documents), DEFAULT_THRESHOLD)


def test_csv_keeps_two_sentences_of_a_cell_apart(tweet: Comparison) -> None:
    rows = list(csv.reader(io.StringIO(to_csv(tweet))))
    cell = next(row[2] for row in rows if row[2].startswith(LEAD))
    assert cell.startswith(
        f"{LEAD} of recently imposed sanctions against North Korea.\n{ATTRIBUTION}"
    )


def test_markdown_keeps_two_sentences_of_a_cell_apart(tweet: Comparison) -> None:
    text = to_markdown(tweet)
    assert f"North Korea.<br>{ATTRIBUTION}" in text
    assert f"North Korea. {ATTRIBUTION}" not in text


def test_html_keeps_two_sentences_of_a_cell_apart(tweet: Comparison) -> None:
    text = re.sub(r"<(?!br>)[^>]+>", "", to_html(tweet))  # every mark but the line breaks
    assert f"North Korea.<br>{ATTRIBUTION}" in text


def test_a_loose_paraphrase_is_shown_plainly_with_its_shared_words_marked(
    news: Comparison,
) -> None:
    """The BBC and CBS headlines share a few words: nothing is struck or added."""
    cells = re.findall(r'<td class="cell">(.*?)</td>', to_html(news))
    cell = next(c for c in cells if re.sub(r"<[^>]+>", "", c).startswith(HEADLINE))
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


def test_an_attribution_put_after_the_quote_is_moved_not_struck(tweet: Comparison) -> None:
    """The BBC: 'In a tweet on Friday, Trump wrote: "…"'; Business Standard:
    '"…" Trump tweeted on Friday.' (issue 28.10): neither is missing nor added."""
    row = _row_of(to_html(tweet), "Trump wrote:")
    assert '<span class="moved">In a tweet on Friday, Trump wrote:</span>' in row
    assert '<span class="moved">Trump tweeted on Friday.</span>' in row
    assert "<del>In a tweet" not in row and "Trump tweeted on Friday.</ins>" not in row


def test_a_sentence_linked_to_two_of_the_base_is_compared_with_both(tweet: Comparison) -> None:
    """Business Standard says in one sentence what the BBC says in two: the
    second half ("I have today ordered…") is not shown as added."""
    row = _row_of(to_html(tweet), "Trump wrote:")
    assert "<ins>" not in row, row
    cells = re.findall(r'<td class="cell">(.*?)</td>', row)
    assert '<span class="minor">Sanctions</span>!' in cells[0]  # the BBC's third sentence
    assert 'those additional <span class="minor">sanctions</span>!' in cells[1]


def test_a_lead_beside_the_quote_it_sums_up_is_not_struck(tweet: Comparison) -> None:
    """The BBC's lead is linked to Business Standard's quote too, but only
    paraphrases it: compared with the quote's words, it came out struck whole."""
    row = _row_of(to_html(tweet), "Trump wrote:")
    assert LEAD in row and "<del>US President" not in row, row
