"""Word-level differences: the seed sample's known cases and span invariants."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.support.documents import find_sentence
from tui.compare.wordiff import Mark, WordDiff, diff_words, tokenize, worst_marks
from tui.model import Comparison


def merged(diffs: list[WordDiff]) -> list[Mark]:
    """The common side's marks of several diffs, as the panes and the synopsis merge them."""
    return worst_marks(diffs[0].a, [diff.marks("a") for diff in diffs]) if diffs else []


def changed(text: str, marks: list[Mark], kind: str) -> list[str]:
    return [text[m.start : m.end] for m in marks if m.kind == kind]


def test_tokens_are_words_numbers_and_punctuation() -> None:
    text = 'He doesn\'t pay $3,000.50 "now".'
    assert [t.text for t in tokenize(text)] == [
        "He", "doesn't", "pay", "$", "3,000.50", '"', "now", '"', ".",
    ]  # fmt: skip
    assert all(text[t.start : t.end] == t.text for t in tokenize(text))


def test_sanders_quote_shows_the_inserted_name(news: Comparison) -> None:
    bbc = find_sentence(news, "bbc.txt", "Chairman Kim [Jong-un]")
    for source in ("business-standard.txt", "cbs-news.txt"):
        other = find_sentence(news, source, "President Trump likes Chairman Kim and")
        a = news.documents[other[0]].sentences[other[1]].text
        b = news.documents[bbc[0]].sentences[bbc[1]].text
        diff = diff_words(a, b)
        inserted = changed(b, diff.marks("b"), "ins")
        assert "[Jong-un]" in inserted, inserted
        assert not any("Kim" in piece or "likes" in piece for piece in inserted)
        ops = [op for op in diff.ops if b[op.b_start : op.b_end] == "[Jong-un]"]
        assert [(op.tag, op.minor) for op in ops] == [("insert", False)]


def test_capitalised_sanctions_in_the_tweet_is_minor(news: Comparison) -> None:
    bbc = find_sentence(news, "bbc.txt", "existing Sanctions on North Korea")
    bs = find_sentence(news, "business-standard.txt", "existing sanctions on North Korea")
    a = news.documents[bbc[0]].sentences[bbc[1]].text
    b = news.documents[bs[0]].sentences[bs[1]].text
    diff = diff_words(a, b)
    assert changed(a, diff.marks("a"), "minor") == ["Sanctions", "Sanctions"]
    assert changed(b, diff.marks("b"), "minor") == ["sanctions", "sanctions"]
    # "large-scale" against "large- scale" is whitespace only: no difference.
    assert not any("large" in piece for piece in changed(b, diff.marks("b"), "ins"))


def test_kinds_of_change() -> None:
    diff = diff_words("The ship, sank on Monday", "the ship sank quickly on Friday")
    by_a = {diff.a[op.a_start : op.a_end]: (op.tag, op.minor) for op in diff.ops}
    assert by_a["The"] == ("replace", True)
    assert by_a[","] == ("delete", True)
    assert by_a["Monday"] == ("replace", False)
    inserted = [diff.b[op.b_start : op.b_end] for op in diff.ops if op.tag == "insert"]
    assert inserted == ["quickly"]
    assert not diff.identical and not diff.minor_only
    assert diff_words("Kim Jong-un", "Kim Jong Un").minor_only
    assert diff_words("a  b", "a b").identical


def test_merged_marks_take_the_worst_difference() -> None:
    base = "Five ships sailed north"
    diffs = [
        diff_words(base, other) for other in ("five ships sailed north", "Five boats sailed north")
    ]
    marks = merged(diffs)
    assert changed(base, marks, "minor") == ["Five"]
    assert changed(base, marks, "del") == ["ships"]
    assert merged([]) == []


texts = st.text(alphabet=st.sampled_from([*"abcAB  ,.-'\"0123", "é", "\n", "[", "]"]), max_size=40)


def covers_exactly(marks: list[Mark], length: int) -> bool:
    position = 0
    for mark in marks:
        if mark.start != position or mark.end <= mark.start:
            return False
        position = mark.end
    return position == length


@given(texts, texts)
def test_marks_cover_both_texts_in_order(a: str, b: str) -> None:
    diff = diff_words(a, b)
    assert covers_exactly(diff.marks("a"), len(a))
    assert covers_exactly(diff.marks("b"), len(b))
    assert covers_exactly(merged([diff]), len(a))
    # Ops walk both token lists from end to end without gaps.
    a_position = b_position = 0
    for op in diff.ops:
        assert op.a_tokens[0] == a_position and op.b_tokens[0] == b_position
        a_position, b_position = op.a_tokens[1], op.b_tokens[1]
        a_words = [t.text for t in diff.a_tokens[slice(*op.a_tokens)]]
        b_words = [t.text for t in diff.b_tokens[slice(*op.b_tokens)]]
        assert (a_words == b_words) == (op.tag == "equal")
    assert (a_position, b_position) == (len(diff.a_tokens), len(diff.b_tokens))


@given(texts)
def test_a_text_against_itself_is_identical(a: str) -> None:
    diff = diff_words(a, a)
    assert diff.identical and all(m.kind == "equal" for m in diff.marks("b"))


def test_an_attribution_moved_after_the_quote_is_moved_on_both_sides() -> None:
    a = 'In a tweet on Friday, Trump wrote: "I have ordered the withdrawal."'
    b = '"I have ordered the withdrawal." Trump tweeted on Friday.'
    diff = diff_words(a, b)
    moved_a = [a[m.start : m.end] for m in diff.marks("a") if m.kind == "moved"]
    moved_b = [b[m.start : m.end] for m in diff.marks("b") if m.kind == "moved"]
    assert moved_a == ["In a tweet on Friday, Trump wrote:"]
    assert moved_b == ["Trump tweeted on Friday."]
    assert merged([diff])[0] == Mark(0, len("In a tweet on Friday, Trump wrote:"), "moved")


def test_different_words_at_two_places_are_missing_and_added_not_moved() -> None:
    a = "Officials in Seoul said the talks failed. Prices rose sharply."
    b = "The talks failed. Prices rose sharply, analysts in Tokyo warned."
    kinds = {m.kind for m in diff_words(a, b).marks("a")} | {
        m.kind for m in diff_words(a, b).marks("b")
    }
    assert "moved" not in kinds and {"del", "ins"} <= kinds


def test_moved_loses_to_a_counterpart_that_lacks_the_words() -> None:
    a = "In a tweet on Friday, Trump wrote: we are done."
    moved = diff_words(a, "We are done, Trump tweeted on Friday.")
    missing = diff_words(a, "We are done.")
    marks = merged([moved, missing])
    assert [m.kind for m in marks if a[m.start : m.end].startswith("In a tweet")] == ["del"]


def test_a_few_words_inside_a_long_other_run_are_not_moved() -> None:
    """The BBC's quote against CBS's paraphrase of it: "on North Korea" is found
    in a long run of CBS's own words ("imposed on the North Korean regime, he
    would cancel them…"); the two share a topic, nothing was moved."""
    a = (
        'In a tweet on Friday, Trump wrote: "It was announced today by the US Treasury that '
        "additional large-scale Sanctions would be added to those already existing Sanctions "
        "on North Korea."
    )
    b = (
        "President Trump tweeted on Friday that despite an announcement from his own Treasury "
        'Department that "additional large-scale" sanctions would be imposed on the North '
        'Korean regime, he would cancel them: "I have today ordered the withdrawal of those '
        'additional sanctions!"'
    )
    diff = diff_words(a, b)
    assert "moved" not in {m.kind for m in diff.marks("a")} | {m.kind for m in diff.marks("b")}
