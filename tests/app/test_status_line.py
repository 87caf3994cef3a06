"""The status line at 80×24: the links and the threshold stay readable beside a
long state on the right, which is shortened with an ellipsis, never run into."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static

from tests.support.pilot import search_for


def _shown(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    """What the label draws on screen (its first row, as a terminal shows it)."""
    label = app.screen.query_one(selector, Static)
    return label.render_line(0).text.strip()


async def test_at_80x24_the_summary_and_a_search_share_the_line(reader) -> None:
    async with reader(size=(80, 24)) as pilot:
        app = pilot.app
        links = len(app.reader_screen.alignment.links)
        await search_for(pilot, "likes Chairman")
        left, right = _shown(app, "#status-left"), _shown(app, "#status-right")
        assert left.startswith(f"{links} links") and "threshold" in left, left
        assert right.startswith("1 hit for") and right.endswith("…"), right
        await pilot.press("escape", "end")
        left = _shown(app, "#status-left")
        assert left.startswith(f"{links} links"), left  # End used to push it out


async def test_wide_the_summary_is_whole(reader) -> None:
    async with reader(size=(160, 48)) as pilot:
        left = _shown(pilot.app, "#status-left")
        assert "unique" in left and left.endswith("(+/-)"), left


async def test_at_80x24_the_keys_are_whole_and_help_and_quit_among_them(reader) -> None:
    """Textual's footer cut its last keys at 80 columns ("x Unl▏", quit gone)."""
    from textual.widgets import Footer

    from tests.support.settle import until
    from tui.ui.widgets.key_hints import KeyHints

    async with reader(size=(80, 24)) as pilot:
        app = pilot.app
        hints = app.screen.query_one(KeyHints)
        assert hints.display and not app.screen.query_one(Footer).display
        line = hints.render_line(0).text.rstrip()
        assert line.lstrip().startswith("? Help  q Quit"), line
        assert len(line) <= 80
        described = [description for _key, description in hints.entries()]
        shown = [description for description in described if description in line]
        assert shown == described[: len(shown)] and len(shown) >= 5, line  # whole, in order
        await pilot.resize_terminal(200, 50)
        await until(pilot, lambda: app.screen.query_one(Footer).display, "the footer back")
        assert not hints.display


def _notice(app) -> str:  # type: ignore[no-untyped-def]
    from tui.ui.widgets.notice_line import NoticeLine

    return app.screen.query_one(NoticeLine).notice


@asynccontextmanager
async def _with_toasts(size: tuple[int, int]) -> AsyncIterator[Pilot[Any]]:
    """The news sample with Textual's toasts on (``run_test`` turns them off)."""
    from tests.support.pilot import aligned
    from tui.ui.app import SynopticApp

    app = SynopticApp()
    async with app.run_test(size=size, notifications=True) as pilot:
        await aligned(pilot)
        yield pilot


async def test_a_notice_takes_the_key_line_and_covers_no_pane_text() -> None:
    """Toasts stood over the panes' text, bottom right, with stray half-blocks at
    the pane's edge (issue 28.11): a notice takes the key line's place, and the
    status line (progress, the links) stays in view."""
    from tests.support.settle import until
    from tui.ui.widgets.key_hints import KeyHints
    from tui.ui.widgets.linked_panes import LinkedPanes
    from tui.ui.widgets.notice_line import NoticeLine

    async with _with_toasts((80, 24)) as pilot:
        app = pilot.app
        screen = app.screen
        panes = screen.query_one(LinkedPanes).region
        links = f"{len(app.reader_screen.alignment.links)} links"
        await pilot.press("j", "m")
        await until(pilot, lambda: "Marked sentence" in _notice(app), "the notice shown")
        assert not screen.query("Toast"), "a toast over the panes"
        assert screen.query_one(LinkedPanes).region == panes  # not a row less
        assert screen.query_one(NoticeLine).region.y == 23  # the bottom row, the keys'
        assert not screen.query_one(KeyHints).display
        assert _shown(app, "#status-left").startswith(links)  # the status line stays
        app.notify("gone soon", timeout=0.2)
        await until(pilot, lambda: _notice(app) == "", "the notice gone after its time")
        await until(pilot, lambda: screen.query_one(KeyHints).display, "the keys back")
        assert screen.query_one(LinkedPanes).region == panes


async def test_a_long_notice_wraps_onto_three_rows_at_most() -> None:
    from tests.support.settle import until
    from tui.ui.widgets.linked_panes import LinkedPanes
    from tui.ui.widgets.notice_line import NoticeLine

    async with _with_toasts((80, 24)) as pilot:
        app = pilot.app
        panes = app.screen.query_one(LinkedPanes).region.height
        app.notify("word " * 200, severity="warning", markup=False)
        await until(pilot, lambda: "word" in _notice(app), "the notice shown")
        line = app.screen.query_one(NoticeLine)
        await until(pilot, lambda: line.region.height == 3, "three rows")
        assert app.screen.query_one(LinkedPanes).region.height == panes - 2  # beside, not over
        app.notify("short", markup=False)
        await until(pilot, lambda: _notice(app) == "short", "the newer notice in its place")
        await until(pilot, lambda: line.region.height == 1, "one row")


async def test_over_another_screen_a_notice_is_a_toast() -> None:
    from tests.support.settle import until

    async with _with_toasts((120, 40)) as pilot:
        app = pilot.app
        await pilot.press("question_mark")
        await until(pilot, lambda: type(app.screen).__name__ == "HelpScreen", "the help")
        app.notify("over the help", markup=False)
        await until(pilot, lambda: bool(app.screen.query("Toast")), "a toast on the help")
        assert _notice_of_reader(app) == ""


def _notice_of_reader(app) -> str:  # type: ignore[no-untyped-def]
    from tui.ui.widgets.notice_line import NoticeLine

    return app.get_default_screen().query_one(NoticeLine).notice


async def test_the_start_up_warnings_are_all_shown_and_the_links_too() -> None:
    """Said while the screen is still being built; two of them, both in view,
    and the status line's progress and links beside them (a served reader's
    visitor waited eight seconds for the link count behind its notice)."""
    from tests.support.pilot import aligned
    from tests.support.settle import until
    from tui.ui.app import SynopticApp

    app = SynopticApp(notices=["settings.toml: theme 'nope' is not a theme", "second warning"])
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await until(pilot, lambda: "second warning" in _notice(app), "the warnings shown")
        assert "theme 'nope' is not a theme" in _notice(app)
        await aligned(pilot)
        assert "second warning" in _notice(app)  # still: its eight seconds are not over
        links = f"{len(app.reader_screen.alignment.links)} links"
        assert _shown(app, "#status-left").startswith(links)
        assert not app.screen.query("Toast")
