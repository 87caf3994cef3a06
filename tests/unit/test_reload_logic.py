"""The headless parts of ``r`` (reload): sentences matched across two readings,
the line that says what changed, re-reading sources that may be gone, and
corrections carried to the new text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.compare.changes import (
    describe_changes,
    reload_summary,
    sentence_changes,
)
from tui.corrections import Correction, CorrectionStore, Corrector, apply, document_hash
from tui.corrections.carry import carried
from tui.corrections.session import Step
from tui.ingest.document import analyse
from tui.ingest.loading import LoadedText
from tui.ingest.reread import reread, reread_all, source_spec
from tui.model import Alignment, Comparison, Document
from tui.view.reading import Reading

ONE = "Alpha rose early. Bravo baked bread. Charlie cycled home. Delta danced late."


def doc(text: str, name: str = "a.txt", path: str | None = "/nowhere/a.txt") -> Document:
    return analyse(LoadedText(name, path, text, "utf-8"))


def texts(document: Document) -> list[str]:
    return [sentence.text for sentence in document.sentences]


# Matching sentences -------------------------------------------------------


def test_unchanged_text_maps_every_sentence_to_itself() -> None:
    old = doc(ONE)
    changes = sentence_changes(old, doc(ONE))
    assert not changes.text_changed and not changes.sentences_changed
    assert changes.same == {0: 0, 1: 1, 2: 2, 3: 3}
    assert describe_changes(changes) == "unchanged"


def test_added_removed_and_changed_sentences_are_counted() -> None:
    old = doc(ONE)
    new = doc("New one came. Alpha rose early. Charlie cycled home fast. Delta danced late.")
    changes = sentence_changes(old, new)
    # Bravo and Charlie became one edited sentence: one changed, one removed.
    assert (changes.added, changes.removed, changes.changed) == (1, 1, 1)
    assert changes.same == {0: 1, 3: 3}
    assert describe_changes(changes) == "1 sentence added, 1 removed, 1 changed"
    dropped = sentence_changes(old, doc("Alpha rose early. Delta danced late."))
    assert (dropped.added, dropped.removed, dropped.changed) == (0, 2, 0)
    assert describe_changes(dropped) == "2 sentences removed"


def test_only_the_text_around_sentences_changed() -> None:
    changes = sentence_changes(doc(ONE), doc(ONE.replace(". ", ".\n\n")))
    assert changes.text_changed and not changes.sentences_changed
    assert changes.same == {0: 0, 1: 1, 2: 2, 3: 3}
    assert describe_changes(changes) == "same sentences (other text changed)"


def test_nearest_finds_the_same_sentence_or_what_took_its_place() -> None:
    old = doc(ONE)
    new = doc("Zulu zoomed. Alpha rose early. Bravo baked rye. Delta danced late.")
    changes = sentence_changes(old, new)
    assert changes.nearest(0) == 1  # the same text, moved
    assert changes.nearest(1) == 2  # edited: its new wording
    assert changes.nearest(3) == 3
    gone = sentence_changes(old, doc("Alpha rose early. Delta danced late."))
    assert gone.nearest(2) == 1  # removed: the sentence after the gap
    assert sentence_changes(old, doc("")).nearest(1) == -1


def test_the_summary_names_changed_sources_first() -> None:
    old = doc(ONE)
    grown = sentence_changes(old, doc(ONE + " Echo ate. Foxtrot fell. Golf gave."))
    same = sentence_changes(old, doc(ONE))
    assert (
        reload_summary(["bbc.txt", "cbs.txt"], [same, grown])
        == "Reloaded: cbs.txt 3 sentences added; bbc.txt unchanged"
    )
    assert reload_summary(["bbc.txt", "-"], [same, None]) == "Reloaded: nothing changed"
    many = reload_summary([f"{n}.txt" for n in range(7)], [grown, *[same] * 6])
    assert many == "Reloaded: 0.txt 3 sentences added; 6 others unchanged"


# Re-reading ---------------------------------------------------------------


def test_a_changed_file_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ONE, encoding="utf-8")
    old = analyse(LoadedText("a.txt", str(path), ONE, "utf-8"))
    path.write_text(ONE + " Echo ate.", encoding="utf-8")
    again = reread(old)
    assert again.fresh and texts(again.document)[-1] == "Echo ate."


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda path: None, "a.txt: no such file; kept the text read before"),
        (lambda path: path.write_text(" \n\n"), "a.txt: is now empty; kept the text read before"),
        (lambda path: path.write_bytes(b"\x00\x01\x02" * 100), "a.txt: "),
    ],
)
def test_a_source_that_cannot_be_read_keeps_its_text(tmp_path: Path, make, said: str) -> None:
    path = tmp_path / "a.txt"
    make(path)
    old = doc(ONE, path=str(path))
    again = reread(old)
    assert again.document is old and not again.fresh
    assert again.problem.startswith(said) and "\n" not in again.problem


def test_standard_input_and_pipes_are_not_read_again(tmp_path: Path) -> None:
    piped = doc(ONE, name="-", path=None)
    assert source_spec(piped) is None
    assert reread(piped).problem == "-: standard input cannot be read again; kept its text"
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    kept = reread(doc(ONE, name="fifo", path=str(fifo)))  # opening it would wait for ever
    assert kept.problem == "fifo: a pipe cannot be read again; kept its text"


def test_urls_are_specs_and_reread_all_keeps_the_order(tmp_path: Path) -> None:
    assert source_spec(doc(ONE, name="https://example.org/a", path=None)) == "https://example.org/a"
    paths = []
    for number in range(3):
        path = tmp_path / f"{number}.txt"
        path.write_text(f"Source {number} speaks.", encoding="utf-8")
        paths.append(path)
    olds = [doc("Old words.", name=p.name, path=str(p)) for p in paths]
    assert [texts(r.document) for r in reread_all(olds)] == [
        [f"Source {n} speaks."] for n in range(3)
    ]


# Carrying corrections -----------------------------------------------------


def anchor(document: Document, number: int) -> tuple[str, int, int]:
    sentence = document.sentences[number]
    return document_hash(document), sentence.start, sentence.end


def test_corrections_follow_kept_sentences_into_the_new_text() -> None:
    a_old, b = doc(ONE, "a.txt"), doc("Bravo baked bread today. Delta danced.", "b.txt")
    a_new = doc("Intro here. " + ONE.replace("Charlie cycled home. ", ""), "a.txt")
    link = Correction("link", *sorted((anchor(a_old, 1), anchor(b, 0))))
    cut = Correction("cut", *sorted((anchor(a_old, 2), anchor(b, 1))))  # Charlie is gone
    same = [sentence_changes(a_old, a_new).same, {0: 0, 1: 1}]
    moved = carried([link, cut], [a_old, b], [a_new, b], same)
    assert moved == [Correction("link", *sorted((anchor(a_new, 2), anchor(b, 0))))]
    # Applied to the new comparison, the link joins the same two sentences.
    comparison = Comparison([a_new, b], Alignment([], [], []), 35.0)
    links = apply(comparison, moved).alignment.links
    assert [(link.a, link.b, link.manual) for link in links] == [((0, 2), (1, 0), True)]
    # Nothing changed: nothing to carry (the old anchors still apply).
    assert carried([link, cut], [a_old, b], [a_old, b], [{}, {}]) == []


def test_carried_corrections_never_override_a_stored_decision(tmp_path: Path) -> None:
    store = CorrectionStore(tmp_path)
    first = Correction("cut", ("h1", 0, 5), ("h2", 0, 5))
    store._save([first])
    carried_link = Correction("link", ("h1", 0, 5), ("h2", 0, 5))
    fresh = Correction("link", ("h3", 0, 5), ("h4", 0, 5))
    assert store.add_missing([carried_link, fresh]) == 1
    assert store.load() == [first, fresh]
    assert store.add_missing([]) == 0


def test_undo_keeps_steps_whose_sentences_were_kept(tmp_path: Path) -> None:
    old = [doc(ONE, "a.txt"), doc(ONE, "b.txt")]
    reading = Reading(old, 35.0)
    corrector = Corrector(reading)
    corrector.done = [Step((0, 1), (1, 1), None, "link"), Step((0, 2), (1, 0), None, "cut")]
    corrector.mark = (0, 3)
    reading.base = Alignment([], [], [])
    new = [doc("Intro. " + ONE.replace("Charlie cycled home. ", ""), "a.txt"), old[1]]
    reading.reload(new)
    corrector.reloaded([sentence_changes(old[0], new[0]).same, {n: n for n in range(4)}])
    assert corrector.documents == new and corrector.base is None and corrector.mark is None
    assert corrector.done == [Step((0, 2), (1, 1), None, "link")]
