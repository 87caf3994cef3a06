"""Verse numbers as references (issue 9, point 4): recognised only in texts
numbered that way throughout, kept out of the sentence text, and offsets
still index the document text."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.ingest.document import analyse
from tui.ingest.lines import collapse
from tui.ingest.loading import LoadedText
from tui.model import Document, Sentence
from tui.resources import sample_files
from tui.view.position import percent_read, position_label, source_label


def analysed(text: str, name: str = "t.txt") -> Document:
    return analyse(LoadedText(name, None, text, "utf-8"))


def texts_and_refs(text: str) -> list[tuple[str, str | None]]:
    return [(s.text, s.ref) for s in analysed(text).sentences]


def test_chapter_and_verse_become_the_reference() -> None:
    text = (
        "3:19 But Herod the tetrarch, being reproved by him, added this.\n"
        "3:20 He shut up John in prison. And so it was.\n"
        "4:1 And Jesus returned from Jordan.\n"
    )
    assert texts_and_refs(text) == [
        ("But Herod the tetrarch, being reproved by him, added this.", "3:19"),
        ("He shut up John in prison.", "3:20"),
        ("And so it was.", "3:20"),  # a verse of two sentences: both are 3:20
        ("And Jesus returned from Jordan.", "4:1"),
    ]


def test_a_title_line_before_the_verses_has_no_reference() -> None:
    text = "The Gospel of Luke\n1:1 Forasmuch as many have taken.\n1:2 Even as they did.\n"
    document = analysed(text)
    assert document.title == "The Gospel of Luke"
    assert [(s.text, s.ref) for s in document.sentences] == [
        ("The Gospel of Luke", None),
        ("Forasmuch as many have taken.", "1:1"),
        ("Even as they did.", "1:2"),
    ]


def test_verses_inside_one_paragraph_each_start_their_sentence() -> None:
    text = "1:1 In the beginning God created the heaven. 1:2 And the earth was without form.\n"
    assert texts_and_refs(text) == [
        ("In the beginning God created the heaven.", "1:1"),
        ("And the earth was without form.", "1:2"),
    ]


def test_leading_zeros_are_read_as_numbers() -> None:
    assert [ref for _, ref in texts_and_refs("01:09 One.\n01:10 Two.\n")] == ["1:9", "1:10"]


def test_times_in_prose_stay_in_the_text() -> None:
    text = (
        "2:30 pm was when the bridge closed.\n"
        "Police arrived soon after.\n"
        "4:15 pm brought the first buses back.\n"
    )
    assert texts_and_refs(text) == [
        ("2:30 pm was when the bridge closed.", None),
        ("Police arrived soon after.", None),
        ("4:15 pm brought the first buses back.", None),
    ]


def test_a_timetable_is_not_numbered_verses() -> None:
    # Every line starts with a number of the shape, but they do not run as verses.
    text = "9:00 Doors open.\n9:30 Welcome.\n10:15 First talk.\n11:00 Coffee.\n"
    assert [ref for _, ref in texts_and_refs(text)] == [None] * 4
    assert texts_and_refs(text)[0][0] == "9:00 Doors open."


def test_a_few_numbered_paragraphs_in_prose_are_not_verses() -> None:
    text = (
        "The ruling cited two passages.\n"
        "1:1 was read first, as the court asked.\n"
        "Then the judge spoke at length about it.\n"
        "1:2 followed after a pause.\n"
        "Nobody objected to the order.\n"
    )
    assert all(ref is None for _, ref in texts_and_refs(text))
    assert texts_and_refs(text)[1][0] == "1:1 was read first, as the court asked."


def test_numbered_lists_and_years_are_not_verses() -> None:
    text = "1. Buy milk.\n2. Call home.\n3. Pay the bill.\n"
    found = texts_and_refs(text)
    assert all(ref is None for _, ref in found)
    assert " ".join(words for words, _ in found) == "1. Buy milk. 2. Call home. 3. Pay the bill."
    years = "1999 was a dry year.\n2000 was wetter.\n2001 was wet.\n"
    assert all(ref is None for _, ref in texts_and_refs(years))
    # Bare verse numbers look like a numbered list or a recipe: left alone.
    bare = "1 cup of flour.\n2 eggs, beaten.\n3 spoons of sugar.\n"
    assert [text for text, _ in texts_and_refs(bare)] == [
        "1 cup of flour.",
        "2 eggs, beaten.",
        "3 spoons of sugar.",
    ]


def test_every_sentence_of_the_gospels_sample_has_its_verse() -> None:
    luke = sample_files("gospels")[2]
    text = luke.read_text(encoding="utf-8")
    document = analysed(text, luke.name)
    assert all(sentence.ref is not None for sentence in document.sentences)
    herod = next(s for s in document.sentences if s.text.startswith("But Herod the tetrarch"))
    assert herod.ref == "3:19"
    line = next(line for line in text.splitlines() if line.startswith("3:19 "))
    assert text[herod.start : herod.end] == line.removeprefix("3:19 ")


PSALM = (
    "23:1 The LORD is my shepherd;\n"
    "I shall not want.\n"
    "23:2 He maketh me to lie down in green pastures:\n"
    "He leadeth me beside the still waters.\n"
    "23:3 He restoreth my soul:\n"
    "He leadeth me in the paths of righteousness for his name's sake.\n"
)


def test_scripture_laid_out_as_poetry_is_verse_numbered() -> None:
    # Half the lines are continuations without a number: each is in the verse before it.
    assert texts_and_refs(PSALM) == [
        ("The LORD is my shepherd;", "23:1"),
        ("I shall not want.", "23:1"),
        ("He maketh me to lie down in green pastures:", "23:2"),
        ("He leadeth me beside the still waters.", "23:2"),
        ("He restoreth my soul:", "23:3"),
        ("He leadeth me in the paths of righteousness for his name's sake.", "23:3"),
    ]


def test_poetry_with_lower_case_continuations_is_cut_at_every_verse() -> None:
    # Lines going on in lower case make the text hard-wrapped: one paragraph,
    # its verses numbered at the start of lines, after ";" and ":".
    text = PSALM.replace("\nHe leadeth", "\nhe leadeth").replace(
        "shepherd;\nI", "shepherd;\nthen I"
    )
    document = analysed(text)
    assert [(s.text, s.ref) for s in document.sentences] == [
        ("The LORD is my shepherd; then I shall not want.", "23:1"),
        (
            "He maketh me to lie down in green pastures: he leadeth me beside the still waters.",
            "23:2",
        ),
        (
            "He restoreth my soul: he leadeth me in the paths of righteousness"
            " for his name's sake.",
            "23:3",
        ),
    ]
    assert len(document.paragraphs) == 1


def test_poetry_whose_lines_are_whole_sentences_is_judged_by_how_close_its_verses_are() -> None:
    # Two lines in three have no number and start a sentence of their own;
    # five numbers in sequence, a verse every hundred characters, still say "verses".
    lines = []
    for verse in range(1, 6):
        lines += [
            f"1:{verse} Blessed is the man.",
            "He walks not with the wicked.",
            "Nor sits with scorners.",
        ]
    found = texts_and_refs("\n".join(lines) + "\n")
    assert [ref for _, ref in found] == [f"1:{verse}" for verse in range(1, 6) for _ in range(3)]
    assert [text for text, _ in found[:3]] == [
        "Blessed is the man.",
        "He walks not with the wicked.",
        "Nor sits with scorners.",
    ]


def test_a_commentary_citing_verses_far_apart_is_not_verse_numbered() -> None:
    # Six numbers in sequence, each followed by a long discussion: a verse
    # every 700 characters is too far apart, and most paragraphs have none.
    discussion = "The commentator explains this at length. " * 8
    paragraphs = []
    for verse in range(1, 7):
        paragraphs += [f"1:{verse} is quoted next.", discussion, discussion]
    found = texts_and_refs("\n".join(paragraphs) + "\n")
    assert all(ref is None for _, ref in found)
    assert found[0] == ("1:1 is quoted next.", None)


def test_a_verse_after_a_semicolon_or_colon_starts_its_sentence() -> None:
    # One paragraph per chapter: every number counted as a verse is also cut at.
    text = (
        "1:1 In the beginning; 1:2 and the earth was void: 1:3 and God said, Let there be light.\n"
    )
    assert texts_and_refs(text) == [
        ("In the beginning;", "1:1"),
        ("and the earth was void:", "1:2"),
        ("and God said, Let there be light.", "1:3"),
    ]


def test_a_minute_by_minute_log_keeps_its_times() -> None:
    # In sequence like verses, but minutes are zero-padded and verse numbers are not.
    lines = [f"10:0{minute} Item {minute} was discussed." for minute in range(1, 10)]
    lines += [f"10:{minute} Item {minute} was discussed." for minute in range(10, 30)]
    text = "\n".join(lines) + "\n"
    found = texts_and_refs(text)
    assert all(ref is None for _, ref in found)
    assert [words for words, _ in found] == lines
    short = "10:01 The meeting opened.\n10:02 Bob asked about the budget.\n10:03 Alice answered.\n"
    assert texts_and_refs(short) == [
        ("10:01 The meeting opened.", None),
        ("10:02 Bob asked about the budget.", None),
        ("10:03 Alice answered.", None),
    ]


def test_times_with_am_or_pm_or_on_the_hour_are_never_verses() -> None:
    # "1:21 pm" would follow "1:20" as a verse, but it is a time: it stays as written.
    text = "".join(f"1:{verse} Verse {verse}.\n" for verse in range(1, 21))
    for time in (
        "1:21 pm Bells.",
        "1:21 a.m. Bells.",
        "2:1 PM Bells.",
        "12:00 Bells.",
        "9:05 Bells.",
    ):
        found = texts_and_refs(text + time + "\n")
        assert found[:2] == [("Verse 1.", "1:1"), ("Verse 2.", "1:2")]
        assert found[-1] == (time, "1:20")  # kept as written, in the verse before it


def test_a_few_times_in_a_long_verse_text_stay_in_it_many_make_it_a_log() -> None:
    verses = [f"1:{verse} Verse {verse} is here." for verse in range(1, 21)]
    one_time = "\n".join([*verses[:10], "10:05 The bell rang.", *verses[10:]]) + "\n"
    found = texts_and_refs(one_time)
    assert ("10:05 The bell rang.", "1:10") in found
    assert found[0] == ("Verse 1 is here.", "1:1")
    # More than one number in twenty is a time: a log, left as written.
    two_times = one_time.replace("1:15 ", "9:05 ")
    assert all(ref is None for _, ref in texts_and_refs(two_times))


VERSE_WORDS = st.sampled_from(["And", "he", "said", "unto", "them,", "Lo.", "Go!", "  ", "x"])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(VERSE_WORDS, max_size=12).map(lambda w: ["And", *w]), min_size=1, max_size=12
    ),
    st.integers(1, 150),
    st.sampled_from(["\n", "\r\n", "\n\n"]),
)
def test_offsets_index_the_text_and_refs_follow_the_verses(
    verses: list[list[str]], chapter: int, newline: str
) -> None:
    lines = [f"{chapter}:{number} " + " ".join(words) for number, words in enumerate(verses, 1)]
    text = newline.join(lines) + newline
    document = analysed(text)
    spans = [(s.start, s.end) for s in document.sentences]
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    line_starts = [text.index(line) for line in lines]
    for sentence in document.sentences:
        assert sentence.text == collapse(text[sentence.start : sentence.end])
        # The ref is that of the verse the sentence starts in, and not in its text.
        verse = max(n for n, start in enumerate(line_starts, 1) if start <= sentence.start)
        if len(verses) >= 2:
            assert sentence.ref == f"{chapter}:{verse}"
            assert not sentence.text.startswith(f"{chapter}:")


def test_source_labels_read_like_citations() -> None:
    assert source_label("luke.txt") == "Luke"
    assert source_label("1samuel.txt") == "1 Samuel"
    assert source_label("song_of_songs.txt") == "Song Of Songs"
    assert source_label("KJV-john.txt") == "KJV John"
    assert source_label("-") == "-"


def test_position_label_cites_verses_else_paragraph_and_share() -> None:
    verses = analysed("1:1 One is here.\n1:2 Two is here.\n", "mark.txt")
    assert position_label(verses, 1) == "Mark 1:2"
    assert position_label(verses, 1, "Marcus") == "Marcus 1:2"
    # Six sentences of ten characters each, back to back, in paragraphs of 2, 1 and 3.
    paragraphs = [0, 0, 1, 2, 2, 2]
    sentences = [Sentence(10 * n, 10 * n + 10, p, "x" * 10) for n, p in enumerate(paragraphs)]
    prose = Document("t.txt", None, "x" * 60, "utf-8", "", sentences, [], [])
    assert [position_label(prose, n) for n in range(6)] == [
        "¶ 1 · 17%",
        "¶ 1 · 33%",
        "¶ 2 · 50%",
        "¶ 3 · 67%",
        "¶ 3 · 83%",
        "¶ 3 · 100%",
    ]
    assert position_label(prose, -1) == ""
    assert percent_read(prose, 5) == 100
