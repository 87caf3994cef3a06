"""Sentence splitting on the cases news and scripture throw at us."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.ingest.document import analyse
from tui.ingest.lines import collapse
from tui.ingest.loading import LoadedText


def sentences(text: str) -> list[str]:
    return [s.text for s in analyse(LoadedText("t.txt", None, text, "utf-8")).sentences]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The two companies are Dalian Haibo International Freight Co. Ltd and Liaoning "
            "Danxing International Forwarding Co. Ltd. The sanctions were new.",
            [
                "The two companies are Dalian Haibo International Freight Co. Ltd and Liaoning "
                "Danxing International Forwarding Co. Ltd.",
                "The sanctions were new.",
            ],
        ),
        (
            "It is unclear what Mr. Trump meant. U.S. analysts say so. The U.N. agreed.",
            ["It is unclear what Mr. Trump meant.", "U.S. analysts say so.", "The U.N. agreed."],
        ),
        (
            "They met in the U.S. The talks failed.",
            ["They met in the U.S.", "The talks failed."],
        ),
        (
            '"It was announced today. I have ordered the withdrawal!" Trump tweeted on Friday. '
            "Then he left.",
            [
                '"It was announced today. I have ordered the withdrawal!" Trump tweeted on Friday.',
                "Then he left.",
            ],
        ),
        (
            'He would cancel them: "I have ordered the withdrawal!" It is unclear why.',
            ['He would cancel them: "I have ordered the withdrawal!"', "It is unclear why."],
        ),
        (
            "“We will go. Nobody stops us,” she said. John F. Kennedy agreed.",
            ["“We will go. Nobody stops us,” she said.", "John F. Kennedy agreed."],
        ),
        (
            "Prices rose 3.5 per cent... analysts shrugged.",
            ["Prices rose 3.5 per cent... analysts shrugged."],
        ),
        ("Who knew? Nobody did! Fine.", ["Who knew?", "Nobody did!", "Fine."]),
    ],
)
def test_splits_like_a_reader_would(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_headline_is_title_and_own_sentence() -> None:
    document = analyse(
        LoadedText(
            "t.txt", None, "Trump cancels new sanctions\n\nThe US said so. It did.\n", "utf-8"
        )
    )
    assert document.title == "Trump cancels new sanctions"
    assert next(s.text for s in document.sentences) == "Trump cancels new sanctions"
    assert [s.paragraph for s in document.sentences] == [0, 1, 1]


def test_first_line_with_full_stop_is_not_a_title() -> None:
    document = analyse(LoadedText("t.txt", None, "A full sentence here.\nAnother one.\n", "utf-8"))
    assert document.title == ""


def test_verse_numbers_stay_outside_sentences() -> None:
    text = "1:1 The beginning of the gospel.\n1:2 As it is written, Behold.\n"
    document = analyse(LoadedText("mark.txt", None, text, "utf-8"))
    assert [s.text for s in document.sentences] == [
        "The beginning of the gospel.",
        "As it is written, Behold.",
    ]
    assert [s.paragraph for s in document.sentences] == [0, 1]


def test_hard_wrapped_text_joins_lines_within_paragraphs() -> None:
    text = (
        "It was the best of times, it was the worst of times, it was the age\n"
        "of wisdom, it was the age of foolishness. It was the epoch of belief,\n"
        "it was the epoch of incredulity.\n\n"
        "There were a king with a large jaw and a queen with a plain face, on\n"
        "the throne of England. There were a king with a large jaw.\n"
    )
    found = sentences(text)
    assert found[0] == (
        "It was the best of times, it was the worst of times, it was the age of wisdom, "
        "it was the age of foolishness."
    )
    assert len(found) == 4


def test_unpunctuated_megaline_is_cut_into_bounded_sentences() -> None:
    text = "word " * 200_000
    found = analyse(LoadedText("big.txt", None, text, "utf-8")).sentences
    assert len(found) > 100
    assert max(s.end - s.start for s in found) <= 1200


TEXT_ALPHABET = st.sampled_from(
    [
        *"abcXYZ .!?\"'“”«»:;,-\n\r\t ",
        *["Mr.", "U.S.", "Co. Ltd", "1:1 ", "\x1b[31m", "[bold]", "said", "\u2028", "\x85"],
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT_ALPHABET, max_size=120).map("".join), st.booleans())
def test_offsets_invariants(text: str, keep: bool) -> None:
    document = analyse(LoadedText("h.txt", None, text, "utf-8"), keep_boilerplate=keep)
    spans = [(s.start, s.end) for s in document.sentences]
    for sentence in document.sentences:
        assert 0 <= sentence.start < sentence.end <= len(text)
        assert sentence.text == collapse(text[sentence.start : sentence.end])
        assert 0 <= sentence.paragraph < len(document.paragraphs)
        paragraph = document.paragraphs[sentence.paragraph]
        assert paragraph.start <= sentence.start and sentence.end <= paragraph.end
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    for span in document.boilerplate:
        assert 0 <= span.start < span.end <= len(text)
        assert span.text == collapse(text[span.start : span.end])
        assert all(span.end <= s or span.start >= e for s, e in spans)
    bounds = [(b.start, b.end) for b in document.boilerplate]
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(bounds))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text: str) -> None:
    document = analyse(LoadedText("h.txt", None, text, "utf-8"))
    for sentence in document.sentences:
        assert sentence.text == collapse(text[sentence.start : sentence.end])


def test_verse_numbers_inside_a_line_stay_outside_sentences() -> None:
    text = "1:1 In the beginning God created the heaven. 1:2 And the earth was without form.\n"
    assert sentences(text) == [
        "In the beginning God created the heaven.",
        "And the earth was without form.",
    ]
