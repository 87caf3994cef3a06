"""Why two sentences are linked: the reasons in words (tui.align.why), and the JSON ``why``."""

from __future__ import annotations

import json
from dataclasses import replace

from tests.support.documents import find_sentence
from tui.align.groups import build_groups
from tui.align.why import meaning_cosine, quote_found_again, reasons
from tui.export.formats import to_dict, to_json
from tui.export.json_layout import Records, dumps
from tui.model import Comparison, Document, Link, Paragraph, Sentence


def doc(name: str, *texts: str) -> Document:
    """A document of one paragraph per sentence, offsets true to its text."""
    sentences, paragraphs, position = [], [], 0
    for number, text in enumerate(texts):
        sentences.append(Sentence(position, position + len(text), number, text))
        paragraphs.append(Paragraph(position, position + len(text)))
        position += len(text) + 2
    return Document(name, None, "\n\n".join(texts), "utf-8", "", sentences, [], paragraphs)


LOPEZ = doc(
    "a.txt",
    "Storm hits the coast",
    "Rain fell all night.",
    "Senator Maria Lopez said 42 people were hurt in Denver on Tuesday.",
    "The governor asked for calm.",
)
HURT = doc(
    "b.txt",
    "Coastal storm leaves dozens hurt",
    "It rained without a break.",
    "In Denver, 42 were hurt, Lopez said.",
    "Officials asked residents for calm.",
)


def test_shared_names_and_numbers_as_written() -> None:
    found = reasons(LOPEZ, 2, HURT, 2)
    names = next(reason for reason in found if reason.startswith("shared names: "))
    assert "Lopez" in names and "Denver" in names
    assert "Maria" not in names and "Senator" not in names  # only in one sentence
    assert "shared numbers: 42" in found
    words = next((reason for reason in found if reason.startswith("shared words")), "")
    assert "said" not in words and "in" not in words  # too common to be evidence


def test_a_quote_found_again_in_a_paraphrase() -> None:
    quoting = 'She said: "I went too far with the image and I am sorry."'
    paraphrase = "Griffin admitted she went too far with the image."
    assert quote_found_again(quoting, paraphrase) == "went too far with the image"
    assert quote_found_again(paraphrase, quoting) == ""  # nothing quoted there
    one, two = doc("a.txt", quoting), doc("b.txt", paraphrase)
    assert "a quote found again: “went too far with the image”" in reasons(one, 0, two, 0)


def test_headline_and_lead() -> None:
    assert "both are headlines" in reasons(LOPEZ, 0, HURT, 0)
    assert "headline and lead: both open their stories" in reasons(LOPEZ, 1, HURT, 0)
    assert not any("headline" in reason for reason in reasons(LOPEZ, 2, HURT, 2))


def test_linked_neighbours() -> None:
    links = [Link(0, 1, 1, 1, 60.0), Link(0, 2, 1, 2, 70.0), Link(0, 3, 1, 3, 50.0)]
    alignment = build_groups(links, [LOPEZ, HURT])
    found = reasons(LOPEZ, 2, HURT, 2, alignment=alignment, sources=(0, 1))
    assert "the sentences before are linked too" in found
    assert "the sentences after are linked too" in found
    alone = build_groups([Link(0, 2, 1, 2, 70.0)], [LOPEZ, HURT])
    assert not any(
        "linked too" in r for r in reasons(LOPEZ, 2, HURT, 2, alignment=alone, sources=(0, 1))
    )


def test_same_sentence_by_hand_meaning_and_never_empty() -> None:
    same = doc("c.txt", "Senator Maria Lopez said 42 people were hurt in Denver on Tuesday.")
    assert reasons(LOPEZ, 2, same, 0)[0] == "the same sentence"
    assert reasons(LOPEZ, 3, HURT, 1, manual=True)[0] == "linked by hand"
    assert "nearly the same meaning (similarity 0.80)" in reasons(LOPEZ, 3, HURT, 3, meaning=0.8)
    assert "related meaning (similarity 0.55)" in reasons(LOPEZ, 3, HURT, 3, meaning=0.55)
    assert not any("meaning" in r for r in reasons(LOPEZ, 3, HURT, 3, meaning=0.2))
    unrelated = doc("d.txt", "x", "y", "Bananas are yellow.")
    assert reasons(LOPEZ, 3, unrelated, 2) == ["no single strong sign: several weak ones add up"]


def test_meaning_cosine_of_the_shipped_vectors() -> None:
    text = "The governor asked for calm."
    same = meaning_cosine(text, text)
    if same is None:  # the model package is not installed: nothing to compare
        return
    assert abs(same - 1.0) < 1e-6
    near = meaning_cosine(text, "Officials asked residents for calm.")
    far = meaning_cosine(text, "Bananas are yellow.")
    assert near is not None and far is not None and near > far
    assert meaning_cosine("...", text) is None  # no word: no vector


def test_json_export_gives_every_link_a_why(news: Comparison) -> None:
    data = json.loads(to_json(news))
    assert data["version"] == 1
    assert data["links"] and all(
        isinstance(link["why"], list)
        and link["why"]
        and all(isinstance(r, str) for r in link["why"])
        for link in data["links"]
    )
    assert data == to_dict(news)  # the written text means what the data says
    bbc = find_sentence(news, "bbc.txt", "US National Security Adviser John Bolton described")
    bolton = [link for link in data["links"] if (link["source_a"], link["sentence_a"]) == bbc]
    assert bolton and any("Bolton" in reason for link in bolton for reason in link["why"])


def test_json_why_of_a_manual_link_and_of_copies() -> None:
    copy = doc("copy.txt", *(sentence.text for sentence in LOPEZ.sentences))
    links = [Link(0, 2, 1, 2, 100.0), Link(0, 3, 2, 3, 100.0, manual=True)]
    documents = [LOPEZ, copy, HURT]
    comparison = Comparison(documents, build_groups(links, documents), 35.0)
    why = [link["why"] for link in json.loads(to_json(comparison))["links"]]
    assert why[0] == ["the same sentence"]
    assert why[1][0] == "linked by hand"


def test_lists_of_strings_are_encoded_once_but_other_lists_as_they_are() -> None:
    items = [["a", "b"], ["a", "b"], [1], [True], [1.0], [[0, 1]], ["a", "b"]]
    text = dumps({"rows": Records.of_fields(items, {"x": lambda item: item})})
    assert [row["x"] for row in json.loads(text)["rows"]] == items
    assert '{"x": [true]}' in text and '{"x": [1.0]}' in text


def test_a_large_export_gives_the_signs_that_need_no_words(monkeypatch) -> None:
    import tui.export.why_field

    monkeypatch.setattr(tui.export.why_field, "FULL_WHY_LINKS", 1)
    links = [Link(0, 1, 1, 0, 60.0), Link(0, 2, 1, 2, 70.0)]
    comparison = Comparison([LOPEZ, HURT], build_groups(links, [LOPEZ, HURT]), 35.0)
    why = [link["why"] for link in json.loads(to_json(comparison))["links"]]
    assert why[0][0] == "headline and lead: both open their stories"
    assert not any(reason.startswith("shared") for reasons in why for reason in reasons)
    assert all(
        reasons[-1] == "the words are not compared in an export of this many links"
        for reasons in why
    )


def test_a_number_with_separators_is_one_number_and_a_title_is_no_name() -> None:
    """ "shared numbers: 60, 000" split one number at its comma; "President" was
    listed as a name shared by two sentences about different people."""
    one = doc("a.txt", "President Obama said 60,000 troops and 2.5 billion dollars would stay.")
    two = doc("b.txt", "President Bush sent 60,000 troops; the bill was 2.5 billion.")
    found = reasons(one, 0, two, 0)
    assert "shared numbers: 60,000, 2.5" in found, found
    assert not any(reason.startswith("shared names") for reason in found), found
    three = doc("c.txt", "Obama kept 60000 troops there.")
    assert "shared numbers: 60,000" in reasons(one, 0, three, 0)


def test_the_why_panel_names_a_verse_as_its_header_does() -> None:
    from tui.view.suggestions import Suggestions
    from tui.view.why_panel import why_panel

    luke = doc("luke.txt", "And Herod the tetrarch was reproved.", "He shut up John in prison.")
    luke.sentences[1] = replace(luke.sentences[1], ref="3:20")
    mark = doc("mark.txt", "Herod had laid hold upon John and bound him in prison.")
    documents = [luke, mark]
    alignment = build_groups([Link(0, 1, 1, 0, 80.0)], documents)
    panel = why_panel(documents, alignment, Suggestions(), (0, 1), (1, 0))
    assert panel is not None
    assert panel.title == "Why linked: Luke 3:20 ↔ mark.txt 1"


def test_the_suggestion_note_names_a_verse_as_its_header_does() -> None:
    from tui.ui.suggesting import suggestion_note
    from tui.view.suggestions import Suggestion, Suggestions

    luke = doc("luke.txt", "And Herod the tetrarch was reproved.", "He shut up John in prison.")
    luke.sentences[1] = replace(luke.sentences[1], ref="3:20")
    mark = doc("mark.txt", "Herod had laid hold upon John and bound him in prison.")
    offer = Suggestions([Suggestion((0, 1), (1, 0), 77.5)])
    assert (
        suggestion_note(offer, [luke, mark], (1, 0)) == "? Luke 3:20 (77.5): a accepts, A rejects"
    )
    assert suggestion_note(offer, [luke, mark], (0, 1)).startswith("? mark.txt 1 (77.5)")


def test_cursor_marks_merge_what_each_counterpart_lacks() -> None:
    from tui.view.marking import cursor_marks

    mine, theirs = cursor_marks(
        "The bridge reopened on Monday.",
        {1: "The bridge reopened.", 2: "A bridge opened on Monday."},
    )
    assert set(theirs) == {1, 2} and mine and all(theirs.values())
    assert cursor_marks("Alone.", {}) == ([], {})


def test_cursor_marks_show_a_loose_paraphrase_plainly_with_its_shared_words() -> None:
    """As the synopsis and the HTML export do: the BBC headline against CBS's
    longer wording of it was struck through whole, CBS's words all "added"."""
    from tui.view.marking import cursor_marks

    headline = "Trump cancels new North Korea sanctions"
    cbs = "Trump, parting with Treasury, says he'll reverse new North Korea sanctions"
    close = "Trump cancels new North Korea sanctions at once"
    mine, theirs = cursor_marks(headline, {2: cbs})
    kinds = {mark.kind for mark in mine} | {mark.kind for mark in theirs[2]}
    assert kinds <= {"equal", "shared"} and "shared" in kinds
    mine, theirs = cursor_marks(headline, {1: close, 2: cbs})  # a close one: its differences
    assert "ins" in {mark.kind for mark in theirs[1]}
    assert {mark.kind for mark in theirs[2]} <= {"equal", "shared"}
    assert {mark.kind for mark in mine} == {"equal"}  # the close one lacks nothing
