"""Two tiers in the reader: links, and suggestions a little below the threshold;
and the "why" panel. Each test waits for the state it checks, never for a count of pauses."""

from __future__ import annotations

import re
from collections.abc import Callable

from textual.pilot import Pilot

from tests.support.pilot import drawn, move_cursor_to, pane_named, sentence_index
from tui.corrections import CorrectionStore, decided_pairs
from tui.ui.app import SynopticApp
from tui.ui.screens.why import WhyScreen
from tui.ui.widgets.source_pane import SourcePane
from tui.view.suggestions import Suggestion

BS_BOLTON = "The National Security Advisor John Bolton described it"
BBC_BOLTON = "US National Security Adviser John Bolton described"


async def until(pilot: Pilot, condition: Callable[[], bool], what: str) -> None:
    """Let the app run (workers included) until ``condition`` holds, for at most 10 s."""
    for _ in range(200):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"never happened: {what}")


def status(app: SynopticApp) -> str:
    return str(app.query_one("#status-left").render())


def first_suggestion(app: SynopticApp) -> Suggestion:
    items = app.reader_screen.reading.suggestions.items
    assert items, "the news sample has suggestions at the default threshold"
    return items[0]


async def cursor_to(pilot: Pilot, pane: SourcePane, sentence: int) -> None:
    """Switch to ``pane`` and press j/k (as a reader would) until the cursor is on ``sentence``."""
    await pilot.press(str(pane.index + 1))
    while pane.cursor != sentence:
        await pilot.press("j" if pane.cursor < sentence else "k")
    await until(pilot, lambda: pane.cursor == sentence and pane.has_focus, "cursor moved")


def decision(app: SynopticApp, suggestion: Suggestion) -> str | None:
    corrections = app.reader_screen.corrector.store.load()
    return decided_pairs(app.reader_screen.reading.documents, corrections).get(
        (suggestion.a, suggestion.b)
    )


async def test_suggestions_are_counted_marked_with_a_question_mark_and_never_lined_up(
    reader,
) -> None:
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        await until(pilot, lambda: "suggestion" in status(app), "the summary")
        found = app.reader_screen.reading.suggestions
        links = len(app.reader_screen.alignment.links) if app.reader_screen.alignment else 0
        assert re.match(rf"{links} links · {len(found)} suggestions · ", status(app)), status(app)
        suggestion = first_suggestion(app)
        (source, sentence), (other, partner) = suggestion.a, suggestion.b
        pane = app.reader_screen.linked_panes.pane(source)
        await cursor_to(pilot, pane, sentence)
        first_row = pane.screen_row_of(pane.wrapped.sentence_first[sentence])
        assert drawn(pane)[first_row][1] == "?", drawn(pane)[first_row]
        # Never lined up: the suggested sentence is not the other pane's counterpart.
        assert app.reader_screen.linked_panes.lined_up(other) != partner
        # The status line names it and the keys.
        right = str(app.query_one("#status-right").render())
        assert f"{app.reader_screen.reading.documents[other].name} {partner + 1}" in right, right
        assert "a accepts, A rejects" in right


async def test_accept_makes_a_manual_link_and_undo_takes_it_back(
    reader, said, monkeypatch, tmp_path
) -> None:
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        suggestion = first_suggestion(app)
        await cursor_to(
            pilot, app.reader_screen.linked_panes.pane(suggestion.a[0]), suggestion.a[1]
        )
        await pilot.press("a")
        await until(
            pilot,
            lambda: app.reader_screen.linked_panes.is_manual(suggestion.a, suggestion.b),
            "the link",
        )
        assert decision(app, suggestion) == "link"
        assert "Suggestion accepted" in said
        assert suggestion not in app.reader_screen.reading.suggestions.items
        await pilot.press("z")
        await until(
            pilot,
            lambda: suggestion in app.reader_screen.reading.suggestions.items,
            "the suggestion back",
        )
        assert not app.reader_screen.linked_panes.is_manual(suggestion.a, suggestion.b)
        assert decision(app, suggestion) is None


async def test_reject_is_stored_like_a_cut_and_undo_brings_it_back(
    reader, said, corrections_dir
) -> None:
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        suggestion = first_suggestion(app)
        await cursor_to(
            pilot, app.reader_screen.linked_panes.pane(suggestion.b[0]), suggestion.b[1]
        )
        await pilot.press("A")
        await until(
            pilot,
            lambda: suggestion not in app.reader_screen.reading.suggestions.items,
            "the suggestion gone",
        )
        assert decision(app, suggestion) == "cut"
        assert "Suggestion rejected" in said
        assert CorrectionStore(corrections_dir).load()
        assert not app.reader_screen.linked_panes.is_manual(suggestion.a, suggestion.b)
        await pilot.press("z")
        await until(
            pilot,
            lambda: suggestion in app.reader_screen.reading.suggestions.items,
            "the suggestion back",
        )
        assert decision(app, suggestion) is None


async def test_accept_without_a_suggestion_says_so(reader, said) -> None:
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        pane = app.reader_screen.linked_panes.active_pane
        plain = next(
            number
            for number in range(len(pane.document.sentences))
            if app.reader_screen.reading.suggestions.best((pane.index, number)) is None
        )
        await cursor_to(pilot, pane, plain)
        await pilot.press("a")
        await until(
            pilot,
            lambda: "No suggestion here" in said,
            "the warning",
        )


async def test_why_panel_shows_the_score_and_the_evidence_of_the_lined_up_pair(reader) -> None:
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        business = pane_named(app, "business-standard.txt")
        bbc = pane_named(app, "bbc.txt")
        await pilot.press("2")
        await move_cursor_to(pilot, business, BS_BOLTON)
        assert app.reader_screen.linked_panes.lined_up(bbc.index) == sentence_index(bbc, BBC_BOLTON)
        await pilot.press("w")
        await until(pilot, lambda: isinstance(app.screen, WhyScreen), "the panel")
        screen = app.screen
        assert isinstance(screen, WhyScreen)
        panel = screen.panel
        (_, score), *_ = app.reader_screen.linked_panes.links.counterparts(
            business.index, business.cursor, bbc.index
        )
        assert panel.score == f"score {score:g}"
        assert "business-standard.txt" in panel.title and "bbc.txt" in panel.title
        names = next(reason for reason in panel.reasons if reason.startswith("shared names"))
        assert "Bolton" in names, panel.reasons
        shown = str(screen.query_one("#why-reasons").render())
        assert "Bolton" in shown
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, WhyScreen), "the panel closed")


async def test_the_cursors_suggestion_is_shown_lined_up_before_a_links_it(reader) -> None:
    """Only "bbc.txt 17 (73.7): a accepts" was said and nothing marked in that
    pane: now the suggested sentence stands on the cursor's row there, marked,
    and the header says it is a suggestion; a links exactly it."""
    from tui.view.following import Role

    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        linked = app.reader_screen.linked_panes
        found = app.reader_screen.reading.suggestions
        previews = [
            (ref, item.other(ref))
            for item in found.items
            for ref in (item.a, item.b)
            if found.best(ref) == item and not linked.links.counterparts(*ref, item.other(ref)[0])
        ]
        assert previews, "the sample has a suggestion where no link is"
        (source, sentence), (other, partner) = previews[0]
        pane, there = linked.pane(source), linked.pane(other)
        await cursor_to(pilot, pane, sentence)
        await until(pilot, lambda: there.roles == {partner: Role.SUGGESTED}, "the preview")
        row = pane.screen_row_of(pane.wrapped.sentence_first[sentence])
        assert there.screen_row_of(there.wrapped.sentence_first[partner]) == row
        assert "suggested" in str(linked.header(other).render())
        assert linked.lined_up(other) == -1  # a preview, not a link
        await pilot.press("a")
        await until(pilot, lambda: linked.lined_up(other) == partner, "the link made by a")
