"""What the reader looks like: the news sample at two sizes and in a light theme.

Every snapshot waits for the alignment worker, so links, counts and marks
are in the picture. Regenerate with ``pytest --snapshot-update`` only after
looking at the report.
"""

from __future__ import annotations

from textual.pilot import Pilot

from tests.support.pilot import aligned
from tests.support.settle import settled, until
from tui.resources import sample_files
from tui.ui.app import SynopticApp
from tui.ui.screens.jump_list import JumpListScreen


async def _aligned(pilot: Pilot) -> None:
    await aligned(pilot)


async def _linked(pilot: Pilot) -> None:
    """Wait until the final links are shown (the worker may not have started yet)."""
    await aligned(pilot)


async def _bolton(pilot: Pilot) -> None:
    """Focus the Bolton sentence in the Business Standard pane."""
    await _aligned(pilot)
    await pilot.press("2", *["j"] * 10)
    await settled(pilot)


def test_news_160x48(snap_compare) -> None:
    assert snap_compare(SynopticApp([]), terminal_size=(160, 48), run_before=_aligned)


def test_news_bolton_lined_up_160x48(snap_compare) -> None:
    assert snap_compare(SynopticApp([]), terminal_size=(160, 48), run_before=_bolton)


def test_news_80x24_shows_a_window_of_sources(snap_compare) -> None:
    async def scrolled(pilot: Pilot) -> None:
        await _aligned(pilot)
        await pilot.press("pagedown")
        await settled(pilot)

    assert snap_compare(SynopticApp([]), terminal_size=(80, 24), run_before=scrolled)


def test_news_light_theme(snap_compare) -> None:
    async def light(pilot: Pilot) -> None:
        pilot.app.theme = "textual-light"
        await _bolton(pilot)
        await pilot.press("b")
        await settled(pilot)

    assert snap_compare(SynopticApp([]), terminal_size=(160, 48), run_before=light)


def test_help_screen(snap_compare) -> None:
    async def help_open(pilot: Pilot) -> None:
        await _aligned(pilot)
        await pilot.press("question_mark")
        await settled(pilot)

    assert snap_compare(SynopticApp([]), terminal_size=(100, 40), run_before=help_open)


def test_synopsis_view(snap_compare) -> None:
    async def synopsis(pilot: Pilot) -> None:
        await _aligned(pilot)
        await pilot.press("s", "j", "j")
        await settled(pilot)

    assert snap_compare(SynopticApp([]), terminal_size=(160, 48), run_before=synopsis)


def test_only_here_screen(snap_compare) -> None:
    async def only_here(pilot: Pilot) -> None:
        await _linked(pilot)
        await pilot.press("O")
        await until(pilot, lambda: isinstance(pilot.app.screen, JumpListScreen), "the list")
        await settled(pilot)

    assert snap_compare(SynopticApp([]), terminal_size=(120, 40), run_before=only_here)


def test_news_search_hits_only_the_matching_words(snap_compare) -> None:
    async def searched(pilot: Pilot) -> None:
        await _aligned(pilot)
        await pilot.press("slash", *"sanctions", "enter")
        await settled(pilot)

    assert snap_compare(SynopticApp([]), terminal_size=(160, 48), run_before=searched)


def test_disagreements_screen_real_ones_first(snap_compare) -> None:
    async def disagreements(pilot: Pilot) -> None:
        await _linked(pilot)
        await pilot.press("d")
        for _ in range(200):  # the flags are gathered in a worker
            await pilot.app.workers.wait_for_complete()
            await settled(pilot)
            if isinstance(pilot.app.screen, JumpListScreen):
                break

    assert snap_compare(SynopticApp([]), terminal_size=(120, 40), run_before=disagreements)


def test_export_dialog(snap_compare, monkeypatch, tmp_path) -> None:
    monkeypatch.chdir(tmp_path)

    async def dialog(pilot: Pilot) -> None:
        await _linked(pilot)
        await pilot.press("e")
        await settled(pilot)
        await pilot.press("down", "down", "down")  # html
        await settled(pilot)

    assert snap_compare(SynopticApp([]), terminal_size=(100, 30), run_before=dialog)


def test_export_overwrite_question_in_place_of_the_form(
    snap_compare, monkeypatch, tmp_path
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bbc-synoptic.json").write_text("{}", encoding="utf-8")

    async def asked(pilot: Pilot) -> None:
        await _linked(pilot)
        await pilot.press("e")
        await settled(pilot)
        await pilot.press("enter")
        await settled(pilot)

    assert snap_compare(SynopticApp([]), terminal_size=(100, 30), run_before=asked)


def test_gospels_after_resizes_one_thumb_per_scrollbar(snap_compare) -> None:
    """Issue 9, point 10: after resizes across the two- and three-pane window,
    each pane has one scrollbar with one thumb, where its scroll position says."""

    async def resized(pilot: Pilot) -> None:
        await _linked(pilot)
        await pilot.press("pagedown", "pagedown", "j", "j")
        for size in [(100, 30), (60, 20), (150, 45), (80, 24), (121, 36), (120, 36)]:
            await pilot.resize_terminal(*size)
            await settled(pilot)
        await pilot.press("3", "pagedown")
        await _linked(pilot)

    app = SynopticApp([str(path) for path in sample_files("gospels")])
    assert snap_compare(app, terminal_size=(160, 40), run_before=resized)


def test_why_panel(snap_compare) -> None:
    """The "why" panel over the Bolton pair: score, both sentences, the evidence."""

    async def why_open(pilot: Pilot) -> None:
        await _bolton(pilot)
        await pilot.press("w")
        for _ in range(100):  # wait for the panel, not for a count of pauses
            await pilot.pause()
            if type(pilot.app.screen).__name__ == "WhyScreen":
                break
        await pilot.pause()

    assert snap_compare(SynopticApp([]), terminal_size=(120, 36), run_before=why_open)
