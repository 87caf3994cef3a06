"""In the reader, what used to crash, freeze or lose data, driven as a reader would."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual import events
from textual.app import App
from textual.command import CommandPalette
from textual.widgets import OptionList, Static

from tests.support.pilot import open_screen
from tests.support.settle import settled, until
from tui.ui.app import SynopticApp
from tui.ui.screens.jump_list import JumpListScreen
from tui.ui.screens.reader import ReaderScreen
from tui.ui.screens.too_small import TooSmallScreen
from tui.ui.widgets.option_list import PagedOptionList


@pytest.mark.parametrize("key", ["O", "d"])
async def test_double_enter_in_a_jump_list_goes_there_once(reader, key: str) -> None:
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        await pilot.press(key)
        await app.workers.wait_for_complete()
        await settled(pilot)
        screen = app.screen
        assert isinstance(screen, JumpListScreen)
        # Two Enters queued before the first one is handled, as a fast typist
        # (or a double click) delivers them.
        option_list = screen.query_one(OptionList)
        option_list.action_select()
        option_list.action_select()
        await settled(pilot)
        assert not isinstance(app.screen, JumpListScreen)
        assert app.return_code is None and app.is_running


async def test_double_click_in_a_jump_list_goes_there_once(reader) -> None:
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        screen = await open_screen(pilot, "d", JumpListScreen)
        option_list = screen.query_one(OptionList)
        index = option_list.highlighted
        assert index is not None
        option = option_list.get_option_at_index(index)
        for _ in range(2):
            option_list.post_message(OptionList.OptionSelected(option_list, option, index))
        await settled(pilot)
        assert not isinstance(app.screen, JumpListScreen)
        assert app.is_running


async def test_an_unreadable_store_keeps_the_links_and_warns(
    reader, said, corrections_dir, monkeypatch
) -> None:
    """A 5,000-digit integer in the store: links shown, a warning, the file untouched."""
    content = '{"version": 1, "corrections": [' + "9" * 5000 + "]}\n"
    (corrections_dir / "corrections.json").write_text(content, "utf-8")
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        assert app.reader_screen.alignment is not None and app.reader_screen.alignment.links
        warnings = said.warnings
        assert any("left untouched" in message for message in warnings), warnings
        headers = " ".join(str(h.render()) for h in app.screen.query("PaneHeader"))
        assert "aligning…" not in headers
    assert (corrections_dir / "corrections.json").read_text("utf-8") == content


async def test_a_zwj_emoji_row_is_drawn_exactly_as_wide_as_the_pane(reader, tmp_path) -> None:
    """Issue 10, case 15: a ZWJ sequence misaligned its row (tmux draws each emoji)."""
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    one = tmp_path / "one.txt"
    two = tmp_path / "two.txt"
    one.write_text(f"The {family} family went out. " * 6 + "They came back late.\n")
    two.write_text("The family went out together. They came back late at night.\n")
    async with reader([one, two], size=(61, 20)) as pilot:
        app = pilot.app
        pane = app.reader_screen.linked_panes.panes[0]
        strips = [pane.render_line(y) for y in range(pane.viewport_height)]
        texts = [strip.text for strip in strips]
        assert any("\U0001f468+\U0001f469+\U0001f467" in text for text in texts), texts
        width = pane.scrollable_content_region.width
        for strip, text in zip(strips, texts, strict=True):
            assert strip.cell_length == width == cell_len(text), text
            assert "\u200d" not in text


QUIT_WHILE_ALIGNING = """
import threading, time
import tui.align.aligner

started = threading.Event()

def slow_align(documents, threshold, progress, **options):
    progress(0.3, "scoring pairs")
    started.set()
    threading.Event().wait()  # never released: an alignment that takes forever

tui.align.aligner.align = slow_align
from tui.ui.app import SynopticApp

async def quit_soon(pilot):
    while not started.is_set():
        await pilot.pause(0.05)
    global pressed
    pressed = time.monotonic()
    await pilot.press("q")

app = SynopticApp([])
app.run(headless=True, size=(120, 30), auto_pilot=quit_soon)
print(f"quit after {time.monotonic() - pressed:.2f}")
"""


def test_quitting_does_not_wait_for_the_alignment_thread() -> None:
    """Issue 10, case 15: q waited for the alignment worker to finish."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", QUIT_WHILE_ALIGNING], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seconds = float(done.stdout.split("quit after")[-1])
    assert seconds < 3, seconds


async def test_a_manual_link_with_a_large_store_never_freezes_the_screen(
    reader, monkeypatch, corrections_dir
) -> None:
    """Issue 10, case 14: m…m with a large store froze the screen for 27 s."""
    import json
    import threading

    from tests.support.pilot import move_cursor_to, pane_named, sentence_index
    from tui.corrections.store import CorrectionStore

    entries = [
        {"action": "link", "a": [f"{n:064x}", 0, 10], "b": [f"{n + 1:064x}", 5, 20]}
        for n in range(5000)  # corrections of other documents: all kept
    ]
    (corrections_dir / "corrections.json").write_text(
        json.dumps({"version": 1, "corrections": entries}), encoding="utf-8"
    )
    release = threading.Event()
    saving = threading.Event()
    real_save = CorrectionStore._save

    def slow_save(self, corrections):
        saving.set()
        assert release.wait(20), "never released"
        real_save(self, corrections)

    monkeypatch.setattr(CorrectionStore, "_save", slow_save)
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        bbc = pane_named(app, "bbc.txt")
        cbs = pane_named(app, "cbs-news.txt")
        await pilot.press("1")
        await move_cursor_to(pilot, bbc, "US National Security Adviser John Bolton described")
        await pilot.press("m")
        await pilot.press("3")
        await move_cursor_to(pilot, cbs, "a senior administration official stressed")
        target = (cbs.index, cbs.cursor)
        one = (bbc.index, sentence_index(bbc, "US National Security Adviser John Bolton described"))
        await pilot.press("m")
        await until(pilot, saving.is_set, "the save has started in its thread")  # ...
        assert saving.is_set()
        await pilot.press("j")  # ...and the screen still answers keys (never settled
        # while the save is held: wait for the answer itself)
        await until(pilot, lambda: cbs.cursor == target[1] + 1, "the cursor to move")
        assert not app.reader_screen.linked_panes.is_manual(one, target), "not before it is saved"
        release.set()
        await app.workers.wait_for_complete()
        await settled(pilot)
        assert app.reader_screen.linked_panes.is_manual(one, target)
    stored = json.loads((corrections_dir / "corrections.json").read_text(encoding="utf-8"))
    assert len(stored["corrections"]) == 5001


@pytest.mark.parametrize(
    ("key", "character"),
    [("e", "e"), ("question_mark", "?"), ("s", "s"), ("d", "d"), ("C", "C")],
)
async def test_a_key_typed_with_q_opens_nothing_and_the_app_quits_cleanly(
    reader, key: str, character: str
) -> None:
    """``q e`` typed fast arrive together: the dialog was mounted while the app
    closed and its first query failed (NoMatches, exit 1). (``q`` then Ctrl+P is
    no crash: the palette's binding has priority, opens first and gets the q.)"""
    async with reader() as pilot:
        app = pilot.app
        app.post_message(events.Key("q", "q"))
        app.post_message(events.Key(key, character))
        await until(pilot, lambda: app.return_code is not None, "the app to quit")
    assert app.return_code == 0


async def test_a_terminal_too_small_covers_the_palette_instead_of_crashing(reader) -> None:
    """Ctrl+P, the terminal shrunk to 40×3, PageDown: KeyError in the palette's
    option list (exit 1). Now a "terminal too small" screen covers it, and the
    palette is back, working, when the terminal grows again."""
    async with reader() as pilot:
        app = pilot.app
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        for size in ((40, 3), (20, 2)):
            await pilot.resize_terminal(*size)
            await until(pilot, lambda: isinstance(app.screen, TooSmallScreen), "too small")
            await pilot.press("pagedown", "pageup", "down", "end", "enter")
            await settled(pilot)
            said = str(app.screen.query_one("#too-small", Static).render())
            assert f"Terminal too small: {size[0]}×{size[1]}" in said
        await pilot.resize_terminal(120, 40)
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette again")
        await pilot.press("pagedown", "escape")
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")


async def test_started_in_a_tiny_terminal_it_says_so_and_q_quits() -> None:
    app = SynopticApp([])
    async with app.run_test(size=(30, 8)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, TooSmallScreen), "too small")
        await pilot.resize_terminal(100, 30)
        await until(pilot, lambda: app.reader_screen.linked_panes.links.ready, "the links")
        assert isinstance(app.screen, ReaderScreen)
        await pilot.resize_terminal(30, 8)
        await until(pilot, lambda: isinstance(app.screen, TooSmallScreen), "too small again")
        await pilot.press("q")
        await until(pilot, lambda: app.return_code is not None, "the app to quit")
    assert app.return_code == 0


class _ShortList(App[None]):
    """One option list with no row to show (as on a terminal too short for it)."""

    CSS = "OptionList { height: 0; }"

    def __init__(self, kind: type[OptionList]) -> None:
        super().__init__()
        self.kind = kind

    def compose(self):  # type: ignore[no-untyped-def]
        yield self.kind(*[f"option {n}" for n in range(50)])


@pytest.mark.parametrize("kind", [PagedOptionList, OptionList], ids=["ours", "textual"])
async def test_page_keys_in_a_list_with_no_rows_do_nothing(kind: type[OptionList]) -> None:
    """A key mash in tmux: PageDown in a jump list before its rows were laid
    out raised KeyError in Textual's OptionList (exit 1). Ours does nothing."""
    app = _ShortList(kind)
    failed: list[BaseException] = []
    try:
        async with app.run_test(size=(40, 10)) as pilot:
            options = app.query_one(kind)
            options.focus()
            options.highlighted = 1
            await pilot.press("pagedown", "pageup", "pagedown")
            await settled(pilot)
    except KeyError as error:
        failed.append(error)
    assert bool(failed) == (kind is OptionList), failed  # Textual's own still fails


async def test_the_palette_closed_twice_leaves_the_reader_open(reader) -> None:
    """Enter twice fast on a palette command: Textual dismissed the palette twice
    and the second pop took the reader's own screen (ScreenStackError, exit 1)."""
    async with reader() as pilot:
        app = pilot.app
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        palette = app.screen
        palette.dismiss()
        palette.dismiss()
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette again")
        await pilot.press(*"theme", "pagedown", "pageup", "escape")
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader again")
