"""Linked scrolling, tested as a reader would see it: by what is drawn where."""

from __future__ import annotations

import threading

from textual.events import MouseScrollDown

import tui.align.aligner
import tui.ui.app
from tests.support.pilot import (
    aligned,
    drawn,
    move_cursor_to,
    pane_named,
    screen_row,
    shown_pairs,
)
from tests.support.settle import settled, until
from tui.ui.app import SynopticApp
from tui.ui.messages import AlignProgress
from tui.ui.widgets.status_bar import StatusBar

BS_BOLTON = "The National Security Advisor John Bolton described it"
BBC_BOLTON = "US National Security Adviser John Bolton described"


async def test_bolton_counterpart_stands_on_the_same_screen_row(reader) -> None:
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        await pilot.press("2")
        business = pane_named(app, "business-standard.txt")
        bbc = pane_named(app, "bbc.txt")
        assert business.has_focus
        await move_cursor_to(pilot, business, BS_BOLTON)
        # The BS sentence wraps: its first row starts with "The National Security".
        bs_row = screen_row(business, "The National Security Advisor")
        assert screen_row(bbc, "US National Security Adviser John") == bs_row
        # The follower's header shows the score of this link.
        (_, score), *_ = app.reader_screen.linked_panes.links.counterparts(
            business.index, business.cursor, bbc.index
        )
        assert f"↔ {score:.1f}" in str(app.reader_screen.linked_panes.header(bbc.index).render())
        # And it stays lined up after the terminal is resized (panes re-wrap).
        await pilot.resize_terminal(120, 40)
        await settled(pilot)
        await settled(pilot)
        assert screen_row(bbc, "US National Security") == screen_row(
            business, "The National Security"
        )


async def test_moving_down_a_sentence_at_a_time_keeps_every_counterpart_level(reader) -> None:
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        cbs = pane_named(app, "cbs-news.txt")
        await pilot.press("3")
        checked = 0
        for _ in range(len(cbs.document.sentences) - 1):
            await pilot.press("j")
            await settled(pilot)
            leader_row = cbs.screen_row_of(cbs.wrapped.sentence_first[cbs.cursor])
            for follower in app.reader_screen.linked_panes.panes:
                if follower is cbs:
                    continue
                found = app.reader_screen.linked_panes.links.counterparts(
                    cbs.index, cbs.cursor, follower.index
                )
                if found:
                    first = follower.wrapped.sentence_first[found[0][0]]
                    assert follower.screen_row_of(first) == leader_row
                    checked += 1
        # CBS tells most of what the others tell: many counterparts were checked.
        assert checked >= len(cbs.document.sentences) // 3, checked


async def test_scrolling_one_pane_moves_the_others(reader) -> None:
    """Page Down in the BBC: each follower moves to show, level with it, the
    counterpart of a linked sentence the BBC shows. The other outlets tell
    the Hanoi summit and the tweet near their start, the BBC further down, so
    the followers go *up* and show blank rows above their first line (their
    top padding): that is the counterpart lined up, not a fault."""
    async with reader(size=(160, 30)) as pilot:
        app = pilot.app
        bbc = pane_named(app, "bbc.txt")
        followers = [pane_named(app, "business-standard.txt"), pane_named(app, "cbs-news.txt")]
        before = [follower.content_top for follower in followers]
        await pilot.press("pagedown")
        await settled(pilot)
        assert bbc.content_top > 0
        for follower, top in zip(followers, before, strict=True):
            assert follower.content_top != top, follower.document.name
            assert shown_pairs(app, bbc, follower, level=True), drawn(follower)
        # End brings the leader's last line to the bottom row.
        await pilot.press("end")
        await settled(pilot)
        assert drawn(bbc)[-1].strip()


async def test_mouse_wheel_scroll_is_followed(reader) -> None:
    async with reader(size=(160, 30)) as pilot:
        app = pilot.app
        business = pane_named(app, "business-standard.txt")
        cbs = pane_named(app, "cbs-news.txt")
        start = cbs.content_top
        x, y = business.region.x + 10, business.region.y + 5
        for _ in range(8):
            wheel = MouseScrollDown(
                None, x, y, 0, 1, 0, False, False, False, screen_x=x, screen_y=y
            )
            app.post_message(wheel)
            await settled(pilot)
        assert business.content_top > 0
        assert cbs.content_top != start


async def test_unlinked_panes_stay_put(reader) -> None:
    async with reader(size=(160, 30)) as pilot:
        app = pilot.app
        business = pane_named(app, "business-standard.txt")
        cbs = pane_named(app, "cbs-news.txt")
        await pilot.press("x")
        await pilot.press("pagedown", "pagedown")
        await settled(pilot)
        assert pane_named(app, "bbc.txt").content_top > 0
        assert (business.content_top, cbs.content_top) == (0, 0)
        assert "UNLINKED" in str(app.query_one("#status-right").render())
        # Relinking lines them up with the cursor again.
        await pilot.press("x")
        await settled(pilot)
        assert app.reader_screen.linked_panes.linked


async def test_a_sentence_without_counterpart_holds_the_follower_still(reader) -> None:
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        bbc = pane_named(app, "bbc.txt")
        business = pane_named(app, "business-standard.txt")
        await move_cursor_to(pilot, bbc, "In a tweet on Friday, Trump referred to")
        assert app.reader_screen.linked_panes.links.counterparts(
            bbc.index, bbc.cursor, business.index
        )
        before = business.content_top
        await pilot.press("j")  # onto a sentence only the BBC has
        await settled(pilot)
        assert "It was not immediately clear" in bbc.document.sentences[bbc.cursor].text
        assert not app.reader_screen.linked_panes.links.counterparts(
            bbc.index, bbc.cursor, business.index
        )
        assert business.content_top == before
        assert "no counterpart" in str(
            app.reader_screen.linked_panes.header(business.index).render()
        )


async def test_several_counterparts_best_lined_up_others_marked_and_cycled(reader) -> None:
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        cbs = pane_named(app, "cbs-news.txt")
        bbc = pane_named(app, "bbc.txt")
        await pilot.press("3")
        await move_cursor_to(pilot, cbs, "President Trump tweeted on Friday that despite")
        found = app.reader_screen.linked_panes.links.counterparts(cbs.index, cbs.cursor, bbc.index)
        # The tweet is told in several BBC sentences (lead, quote, paraphrase).
        assert len(found) >= 2
        count = len(found)
        best, other = found[0][0], found[1][0]
        leader_row = cbs.screen_row_of(cbs.wrapped.sentence_first[cbs.cursor])
        assert bbc.screen_row_of(bbc.wrapped.sentence_first[best]) == leader_row
        assert f"1 of {count}" in str(app.reader_screen.linked_panes.header(bbc.index).render())
        # The other counterpart is marked in the gutter.
        other_row = bbc.screen_row_of(bbc.wrapped.sentence_first[other])
        assert drawn(bbc)[other_row].startswith("◆")
        await pilot.press("c")
        await settled(pilot)
        assert bbc.screen_row_of(bbc.wrapped.sentence_first[other]) == leader_row
        assert f"2 of {count}" in str(app.reader_screen.linked_panes.header(bbc.index).render())


async def test_text_appears_at_once_while_alignment_is_still_running(monkeypatch) -> None:
    release = threading.Event()
    real_align = tui.align.aligner.align

    def slow_align(documents, threshold, progress, **options):
        progress(0.3, "scoring pairs")
        release.wait(10)
        return real_align(documents, threshold, progress, **options)

    monkeypatch.setattr(tui.align.aligner, "align", slow_align)
    app = SynopticApp([])
    async with app.run_test(size=(160, 48)) as pilot:
        # The alignment is held, so the app never settles: wait for the text.
        def shown() -> bool:
            panes = [
                p for p in app.reader_screen.linked_panes.panes if p.document.name == "bbc.txt"
            ]
            return bool(panes) and "Trump cancels new North Korea sanctions" in drawn(panes[0])[0]

        await until(pilot, shown, "the text before the links")
        bbc = pane_named(app, "bbc.txt")
        assert not app.reader_screen.linked_panes.links.ready
        assert "Aligning" in str(app.query_one("#status-left").render())
        assert "aligning" in str(app.reader_screen.linked_panes.header(0).render())
        await pilot.press("j")  # the UI answers while the worker runs
        await until(pilot, lambda: bbc.cursor == 1, "the cursor to move")
        release.set()
        await aligned(pilot)
        assert "links" in str(app.query_one("#status-left").render())


async def test_followers_never_lead(reader) -> None:
    """Placing a follower must not report a scroll (no feedback loop)."""
    async with reader(size=(160, 30)) as pilot:
        app = pilot.app
        moved = []
        linked = app.reader_screen.linked_panes
        original = linked.sync_rows

        def spy(leader):
            moved.append(leader.index)
            original(leader)

        linked.sync_rows = spy
        await pilot.press("pagedown")
        await settled(pilot)
        await settled(pilot)
        assert moved and set(moved) == {0}


async def test_dragging_the_scrollbar_is_followed(reader) -> None:
    """Dragging business-standard's scrollbar: CBS moves with it, and each
    follower shows the counterpart of a linked sentence the leader shows (the
    BBC's stands level with it already, so the BBC may stay put)."""
    async with reader(size=(160, 30)) as pilot:
        app = pilot.app
        business = pane_named(app, "business-standard.txt")
        bbc, cbs = pane_named(app, "bbc.txt"), pane_named(app, "cbs-news.txt")
        start = cbs.content_top
        column = business.size.width - 1  # the scrollbar
        await pilot.mouse_down(business, offset=(column, 1))
        await pilot.hover(business, offset=(column, 12))
        await pilot.mouse_up(business, offset=(column, 12))
        await settled(pilot)
        assert business.content_top > 0
        assert cbs.content_top != start
        # The BBC anchors on a link (level); CBS glides across a passage
        # business-standard alone tells, a link's counterpart on screen.
        assert shown_pairs(app, business, bbc, level=True), drawn(bbc)
        assert shown_pairs(app, business, cbs), drawn(cbs)


async def test_command_palette_offers_the_reader_commands(reader) -> None:
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Unlink / relink panes" in titles and "Jump to counterpart" in titles
        unlink = next(
            c for c in app.get_system_commands(app.screen) if c.title.startswith("Unlink")
        )
        unlink.callback()
        assert not app.reader_screen.linked_panes.linked


async def test_progress_reported_while_the_app_closes_is_ignored() -> None:
    """The worker may report after the widgets are gone (quitting mid-alignment)."""
    app = SynopticApp([])
    async with app.run_test(size=(160, 48)) as pilot:
        await app.workers.wait_for_complete()
        await app.query_one(StatusBar).remove()
        app.reader_screen.post_message(AlignProgress(0.5, "scoring pairs"))
        await settled(pilot)
    assert app.return_code in (0, None)
