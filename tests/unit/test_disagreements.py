"""Disagreements: the seed sample's known cases, synthetic facts, few false alarms."""

from __future__ import annotations

import re
import sys

import tui.compare.disagreements as conflicts
from tests.support.documents import find_sentence
from tui.compare.disagreements import (
    all_flags,
    flagged_sentences,
    group_flags,
    sentence_flags,
)
from tui.compare.flags import Flag
from tui.compare.quotes import typography_key
from tui.model import Comparison


def flags_between(a: str, b: str) -> list[Flag]:
    return sentence_flags(0, (0, 0), a, (1, 0), b)


def kinds(a: str, b: str) -> list[tuple[str, str, str]]:
    return [(f.kind, f.a_text, f.b_text) for f in flags_between(a, b)]


def test_differing_death_tolls_and_days() -> None:
    a = "At least 12 people are dead after the storm hit on Thursday."
    b = "The storm, which hit on Friday, left 15 dead, officials said."
    assert kinds(a, b) == [("number", "12", "15"), ("date", "Thursday", "Friday")]
    flag = flags_between(a, b)[0]
    assert a[slice(*flag.a_span)] == "12" and b[slice(*flag.b_span)] == "15"


def test_written_numbers_and_shared_values_do_not_flag() -> None:
    assert kinds("Twelve people died.", "12 people died.") == []
    assert kinds("Five hundred troops left.", "500 troops left.") == []
    assert (
        kinds("Two ships carried 3,000 tonnes in 2019.", "In 2019, two ships took 3000 tonnes.")
        == []
    )
    assert kinds("Twelve people died.", "Fifteen people died.") == [("number", "Twelve", "Fifteen")]
    # A number only one side mentions is no conflict, nor two unrelated numbers.
    assert kinds("The 5 ships left port.", "The ships left port.") == []
    assert kinds("The 5 ships left in March.", "Ten officials said the ships left.") == []


def test_dates_flag_only_when_each_side_has_its_own() -> None:
    assert kinds("He spoke on Friday.", "He spoke on Friday about Thursday's sanctions.") == []
    assert kinds("Talks ended in March.", "Talks ended in April.") == [("date", "March", "April")]
    assert kinds("You may go.", "He left in June.") == []


def test_names_spelled_two_ways() -> None:
    assert kinds("He met Kim Jong-un in Hanoi.", "He met Kim Jong Un in Hanoi.") == [
        ("name", "Kim Jong-un", "Kim Jong Un")
    ]
    assert kinds("Adviser John Bolton spoke.", "Advisor John Bolton spoke.") == []  # first word
    assert kinds("US Adviser John Bolton spoke.", "US Advisor John Bolton spoke.") == [
        ("name", "Adviser", "Advisor")
    ]
    # Derived words and different names are not misspellings.
    assert kinds("Sanctions on North Korea.", "The North Korean regime.") == []
    assert kinds("They went to Sidon.", "They met Simon.") == []


def test_quotes_worded_differently() -> None:
    a = 'She said: "We will never accept these terms from anyone."'
    b = '"We will not accept these terms from anyone," she said.'
    (flag,) = flags_between(a, b)
    assert flag.kind == "quote" and not flag.minor and "'never' vs 'not'" in flag.note
    # Same words, one outlet quoting more, a capital at the start: not a flag.
    c = 'She said "we will never accept these terms from anyone" and left.'
    d = '"We will never accept these terms from anyone. Nor should you," she said.'
    assert flags_between(c, d) == []


def test_seed_sample_flags(news: Comparison) -> None:
    flags = all_flags(news)
    names = [(f.a_text, f.b_text) for f in flags if f.kind == "name"]
    assert ("Adviser", "Advisor") in names
    bbc_bolton = find_sentence(news, "bbc.txt", "Security Adviser John Bolton")
    bs_bolton = find_sentence(news, "business-standard.txt", "Security Advisor John Bolton")
    (adviser,) = [f for f in flags if f.kind == "name"]
    assert (adviser.a, adviser.b) == (bbc_bolton, bs_bolton)

    sanders = find_sentence(news, "bbc.txt", "Chairman Kim [Jong-un]")
    quotes = [f for f in flags if f.kind == "quote" and f.a == sanders]
    assert {f.b[0] for f in quotes} == {1, 2}
    # An editor's bracketed insertion is no other words in the speaker's mouth.
    assert all("[Jong-un]" in f.a_text and "[Jong-un]" in f.note and f.minor for f in quotes)

    tweet = find_sentence(news, "bbc.txt", "existing Sanctions on North Korea")
    spelled = [f for f in flags if f.kind == "quote" and f.a == tweet]
    assert spelled and all(f.minor and "'Sanctions' vs 'sanctions'" in f.note for f in spelled)
    # Nothing else: the sample has no numeric or date conflicts.
    assert {f.kind for f in flags} == {"name", "quote"}
    assert len(flags) <= 8


def test_flags_follow_reading_order_and_point_into_sentences(news: Comparison) -> None:
    flags = all_flags(news)
    documents = news.documents
    for flag in flags:
        assert news.alignment.group_of(flag.a) == flag.group == news.alignment.group_of(flag.b)
        assert flag.a[0] != flag.b[0]
        a_text = documents[flag.a[0]].sentences[flag.a[1]].text
        b_text = documents[flag.b[0]].sentences[flag.b[1]].text
        assert a_text[slice(*flag.a_span)] == flag.a_text
        assert b_text[slice(*flag.b_span)] == flag.b_text
    groups = news.alignment.groups
    first_bbc = [
        min(i for s, i in groups[g].members if s == 0) for g in {f.group: 0 for f in flags}
    ]
    assert first_bbc == sorted(first_bbc)
    assert flagged_sentences(flags) >= {flags[0].a, flags[0].b}
    assert group_flags(news, flags[0].group)


def test_numbers_and_dates_outside_ascii_text() -> None:
    # Text with curly quotes or accents takes the full patterns, not the ASCII shortcut.
    a = "Twelve people died at the café on Thursday, “officials” said."
    b = "Fifteen people died at the café on Friday, “officials” said."
    assert kinds(a, b) == [
        ("number", "Twelve", "Fifteen"),
        ("date", "Thursday", "Friday"),
    ]
    assert kinds("Twenty-one boats sank.", "Twenty-two boats sank.") == [
        ("number", "Twenty-one", "Twenty-two")
    ]
    assert kinds("The vote is in MAY.", "The vote is in June.") == [("date", "MAY", "June")]
    assert kinds("The 2,000 boats sank.", "The 3,000 boats sank.") == [("number", "2,000", "3,000")]


def test_quotes_need_three_shared_words() -> None:
    (flag,) = flags_between('He said "we must go now".', 'He said "we must leave now".')
    assert flag.kind == "quote" and flag.note == "'go' vs 'leave'"
    assert flags_between('He said "we go now".', 'He said "we leave now".') == []
    a = '"The sanctions must stay in place," he said.'
    (minor,) = flags_between(a, a.replace("sanctions", "Sanctions"))
    assert minor.minor and minor.note == "'sanctions' vs 'Sanctions'"


def test_letters_that_only_look_ascii() -> None:
    # Case-insensitive patterns take "ſ" for "s": such text is read in full.
    assert kinds("It rained on Thurſday.", "It rained on Friday.") == [
        ("date", "Thurſday", "Friday")
    ]
    letter = re.compile("[a-z]", re.IGNORECASE)
    taken = {chr(c) for c in range(0x80, sys.maxunicode + 1) if letter.match(chr(c))}
    assert taken == set(conflicts._ASCII_LOOKALIKES)


def test_each_sentence_is_read_once(news: Comparison, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    read: list[str] = []
    original = conflicts._features

    def counting(text: str) -> conflicts._Features:
        read.append(text)
        return original(text)

    monkeypatch.setattr(conflicts, "_features", counting)
    flags = all_flags(news)
    grouped = {ref for group in news.alignment.groups for ref in group.members}
    assert len(read) <= len(grouped)
    # Same flags as comparing every linked pair from scratch.
    fresh = []
    for group in {flag.group: None for flag in flags}:
        members = sorted(news.alignment.groups[group].members)
        for a, b in ((a, b) for i, a in enumerate(members) for b in members[i + 1 :]):
            if a[0] != b[0]:
                a_text = news.documents[a[0]].sentences[a[1]].text
                b_text = news.documents[b[0]].sentences[b[1]].text
                fresh.extend(sentence_flags(group, a, a_text, b, b_text))
    assert flags == fresh


def test_typography_alone_is_never_a_disagreement() -> None:
    """Curly or straight quotes and apostrophes, & or "and", dash kinds: typesetting."""
    straight = 'He said "I don\'t think Smith & Wesson will sell them -- not now" today.'
    curly = "He said “I don’t think Smith and Wesson will sell them — not now” today."
    assert flags_between(straight, curly) == []
    assert typography_key("don’t — “so”") == typography_key('don\'t -- "so"')
    # A real change of wording still flags, and its note names only the real change.
    worded = "He said “I don’t think Smith and Wesson will sell them — not ever” today."
    (flag,) = flags_between(straight, worded)
    assert flag.kind == "quote" and not flag.minor and flag.note == "'now' vs 'ever'"


def test_copies_of_one_sentence_are_not_read_and_a_different_one_still_flags(
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    """Ten copies of a story make groups of one text ten times: nothing to read.
    A group that also holds another wording is read, each text once."""
    from tui.model import Alignment, Document, Group, Sentence

    same = "At least 12 people died on Thursday."
    other = "At least 15 people died on Thursday."

    def document(name: str, text: str) -> Document:
        return Document(name, None, text, "utf-8", "", [Sentence(0, len(text), 0, text)], [], [])

    documents = [document("a", same), document("b", same), document("c", other)]
    read: list[str] = []
    original = conflicts._features

    def counting(text: str) -> conflicts._Features:
        read.append(text)
        return original(text)

    monkeypatch.setattr(conflicts, "_features", counting)
    copies = Comparison(documents[:2], Alignment([], [Group([(0, 0), (1, 0)], 100.0)], []), 35.0)
    assert all_flags(copies) == [] and read == []
    mixed = Alignment([], [Group([(0, 0), (1, 0), (2, 0)], 90.0)], [])
    flags = all_flags(Comparison(documents, mixed, 35.0))
    assert [(f.a, f.b, f.a_text, f.b_text) for f in flags] == [
        ((0, 0), (2, 0), "12", "15"),
        ((1, 0), (2, 0), "12", "15"),
    ]
    assert sorted(read) == sorted([same, other])


def test_spelling_variants_and_editors_insertions_are_minor() -> None:
    """Issue 19, defect 8: neither is listed among the real disagreements."""
    (adviser,) = flags_between("US Adviser John Bolton spoke.", "US Advisor John Bolton spoke.")
    assert adviser.kind == "name" and adviser.minor and "spelling variant" in adviser.note
    (kim,) = flags_between("He met Kim Jong-un in Hanoi.", "He met Kim Jong Un in Hanoi.")
    assert kim.minor
    (gloss,) = flags_between(
        'She said "Chairman Kim [Jong-un] does not think these sanctions are needed."',
        'She said "Chairman Kim does not think these sanctions are needed."',
    )
    assert gloss.kind == "quote" and gloss.minor and "editor's insertion" in gloss.note
    (organise,) = flags_between(
        'He said "we will organise the talks in Hanoi next month."',
        'He said "we will organize the talks in Hanoi next month."',
    )
    assert organise.minor


def test_a_misspelt_name_and_other_words_stay_real() -> None:
    (name,) = flags_between("US envoy Mnuchin spoke.", "US envoy Munchin spoke.")
    assert name.kind == "name" and not name.minor
    (quote,) = flags_between(
        'She said "Chairman Kim [Jong-un] does not think these sanctions are needed."',
        'She said "Chairman Kim does not think these sanctions are ever needed."',
    )
    assert not quote.minor


def test_seed_sample_lists_no_real_disagreement(news: Comparison) -> None:
    assert [f.note for f in all_flags(news) if not f.minor] == []
