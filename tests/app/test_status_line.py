"""The status line at 80×24: the links and the threshold stay readable beside a
long state on the right, which is shortened with an ellipsis, never run into."""

from __future__ import annotations

from textual.widgets import Static

from tests.support.pilot import search_for


def _shown(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    """What the label draws on screen (its first row, as a terminal shows it)."""
    label = app.screen.query_one(selector, Static)
    return label.render_line(0).text.strip()


async def test_at_80x24_the_summary_and_a_search_share_the_line(reader) -> None:
    async with reader(size=(80, 24)) as pilot:
        app = pilot.app
        links = len(app.alignment.links)
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
