"""The settings file in the reader: how it starts, the keymap, the theme remembered,
and NO_COLOR."""

from __future__ import annotations

import io
import re
import tomllib
from pathlib import Path

import pytest
from rich.console import Console
from rich.style import Style
from textual.command import CommandPalette
from textual.geometry import Region
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widgets import Static

from tests.support.documents import ROOT
from tests.support.pilot import aligned, move_cursor_to, pane_named, sentence_index
from tests.support.reader import Opener
from tests.support.settle import settled, until
from tui.resources import sample_files
from tui.settings import Settings, load_settings
from tui.ui.app import SynopticApp
from tui.ui.keymap import checked_keymap, is_key
from tui.ui.screens.help import HelpScreen
from tui.ui.widgets.search_bar import SearchBar
from tui.ui.widgets.source_pane import GUTTER, SourcePane


def settings_from(tmp_path: Path, text: str) -> tuple[Settings, list[str]]:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return load_settings(str(path))


def status_text(app: SynopticApp) -> str:
    return " ".join(str(s.render()) for s in app.screen.query("StatusBar Static").results(Static))


async def test_the_reader_starts_as_the_settings_say(reader, tmp_path: Path) -> None:
    settings, warnings = settings_from(
        tmp_path, 'theme = "nord"\nshow_boilerplate = true\nlinked = false\n'
    )
    assert warnings == []
    async with reader(size=(160, 48), settings=settings) as pilot:
        app = pilot.app
        assert app.theme == "nord"
        assert all(pane.show_boilerplate for pane in app.reader_screen.linked_panes.panes)
        assert not app.reader_screen.linked_panes.linked and "UNLINKED" in status_text(app)
        # Boilerplate is really drawn: the BBC scrape's "READ MORE" style lines are in the rows.
        assert any(
            piece.boilerplate
            for pane in app.reader_screen.linked_panes.panes
            for piece in _pieces(pane)
        )
        await pilot.press("b")  # and b still hides it
        assert not any(pane.show_boilerplate for pane in app.reader_screen.linked_panes.panes)


def _pieces(pane: SourcePane) -> list:
    return [piece for row in range(pane.wrapped.height) for piece in pane.wrapped.line(row)]


async def _page_down_cursor_row(reader: Opener, settings: Settings) -> tuple[int, int]:
    """Where on the pane PgDn leaves the cursor in a long text (0 = top row), and
    where the sentence before it begins."""
    async with reader(sample_files("gospels"), size=(160, 30), settings=settings) as pilot:
        app = pilot.app
        await pilot.press("pagedown", "pagedown", "pagedown")
        await settled(pilot)
        pane = app.reader_screen.linked_panes.active_pane
        first = pane.wrapped.sentence_first
        return first[pane.cursor] - pane.content_top, first[pane.cursor - 1] - pane.content_top


async def test_the_reading_line_can_be_the_top_row(reader: Opener, tmp_path: Path) -> None:
    top, _ = settings_from(tmp_path, 'reading_line = "top"\n')
    row, before = await _page_down_cursor_row(reader, top)
    assert row >= 0 > before  # the first sentence that begins on screen, at the top
    row, before = await _page_down_cursor_row(reader, Settings())
    assert row > before >= 0  # the default: mid-pane, with whole sentences above it


async def test_a_keymap_moves_a_key_and_the_help_shows_it(reader, tmp_path: Path) -> None:
    settings, _ = settings_from(
        tmp_path,
        '[keys]\nsearch = "f"\nnext-sentence = "down,ctrl+n"\ncommand-palette = "ctrl+k"\n',
    )
    async with reader(size=(160, 48), settings=settings) as pilot:
        app = pilot.app
        bar = app.screen.query_one(SearchBar)
        await pilot.press("slash")
        assert not bar.display  # / no longer searches
        await pilot.press("f")
        assert bar.display and bar.has_focus
        await pilot.press("escape")
        pane = app.reader_screen.linked_panes.active_pane
        before = pane.cursor
        await pilot.press("ctrl+n")
        assert pane.cursor == before + 1
        await pilot.press("j")  # j was replaced: "down,ctrl+n" only
        assert pane.cursor == before + 1
        await pilot.press("ctrl+p")
        assert not CommandPalette.is_open(app)
        await pilot.press("ctrl+k")
        assert CommandPalette.is_open(app)
        await pilot.press("escape")
        await settled(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=120, record=True, file=io.StringIO())
        for static in app.screen.query(Static).results(Static):
            console.print(static.content)
        lines = console.export_text().splitlines()
        assert any(
            line.split()
            == ["f", "search", "this", "source;", "Enter", "goes", "to", "the", "first", "hit"]
            for line in lines
        ), lines
        assert any(line.startswith("↓ ctrl+n / ↑ k ") for line in lines), lines


def test_keymap_entries_are_checked_against_the_bindings() -> None:
    keymap, warnings = checked_keymap(
        {"search": "f", "serach": "g", "synopsis": "ctrl-s", "quit": "Q, ctrl+q"},
        SynopticApp.key_bindings(),
        Path("settings.toml"),
    )
    assert keymap == {"search": "f", "quit": "Q,ctrl+q"}
    assert warnings == [
        "settings.toml: keys.serach is not a binding id (the README lists them); ignored",
        "settings.toml: keys.synopsis: 'ctrl-s' is not a key; using its default key",
        "settings.toml: keys.search: 'f' is also the key of search-all; "
        "only one of them will answer it",
    ]
    assert all(is_key(k) for k in ("f", "F", "ctrl+f", "f5", "?", "question_mark", "plus"))
    assert not any(is_key(k) for k in ("ctrl-f", "pgdn", "", "ctrl+", "a b", "F1"))


async def test_a_bad_theme_or_key_is_a_warning_in_the_reader(said, tmp_path: Path) -> None:
    settings, _ = settings_from(tmp_path, 'theme = "solarised"\n[keys]\nnope = "f"\n')
    app = SynopticApp([], settings=settings)
    assert len(app.settings_problems) == 2
    assert "theme 'solarised' is not a theme" in app.settings_problems[0]
    async with app.run_test(size=(160, 48)) as pilot:
        await aligned(pilot)
        assert app.theme == "textual-dark"
        shown = said.messages
        assert any("solarised" in message for message in shown)
        assert any("keys.nope" in message for message in shown)


async def _choose_theme(pilot: Pilot, name: str) -> None:
    from textual.command import CommandList, CommandPalette

    pilot.app.action_change_theme()
    await until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette), "the palette")
    await pilot.press(*name)

    def offered() -> bool:
        """The palette's search has run and highlights the theme asked for."""
        found = pilot.app.screen.query(CommandList)
        if not found:
            return False
        options = found.first()
        chosen = options.highlighted_option
        return chosen is not None and name in str(chosen.prompt)

    await until(pilot, offered, f"the palette to offer {name}")
    await pilot.press("enter")
    await until(pilot, lambda: pilot.app.theme == name, f"the theme {name}")
    await settled(pilot)


async def test_a_theme_chosen_in_the_palette_is_remembered_and_nothing_else_changes(
    reader,
    tmp_path: Path,
) -> None:
    original = '# mine\ntheme = "gruvbox"  # warm\nthreshold = 40\n\n[keys]\nsearch = "f"\n'
    settings, _ = settings_from(tmp_path, original)
    async with reader(size=(160, 48), settings=settings) as pilot:
        app = pilot.app
        assert app.theme == "gruvbox"
        assert (tmp_path / "settings.toml").read_text(encoding="utf-8") == original  # not unasked
        await _choose_theme(pilot, "nord")
        assert app.theme == "nord"
    text = (tmp_path / "settings.toml").read_text(encoding="utf-8")
    assert text == original.replace('"gruvbox"', '"nord"')
    reread, _ = load_settings(str(tmp_path / "settings.toml"))
    assert reread.theme == "nord"


async def test_without_a_file_the_theme_creates_one(reader, tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "config"
    monkeypatch.setenv("SYNOPTIC_CONFIG_DIR", str(folder))
    settings, _ = load_settings()
    async with reader(size=(160, 48), settings=settings) as pilot:
        assert not folder.exists()  # starting writes nothing
        await _choose_theme(pilot, "nord")
    assert tomllib.loads((folder / "settings.toml").read_text(encoding="utf-8")) == {
        "theme": "nord"
    }


async def test_a_broken_file_is_never_rewritten_when_the_theme_changes(
    reader, said, tmp_path: Path
) -> None:
    broken = '# half-edited\ntheme = "nord\n'
    settings, warnings = settings_from(tmp_path, broken)
    assert len(warnings) == 1
    async with reader(size=(160, 48), settings=settings, notices=warnings) as pilot:
        app = pilot.app
        await _choose_theme(pilot, "gruvbox")
        assert app.theme == "gruvbox"
        shown = said.messages
        assert any("not valid TOML" in message for message in shown)  # the start-up warning
        assert any("the theme is not remembered" in message for message in shown)
    assert (tmp_path / "settings.toml").read_text(encoding="utf-8") == broken


async def test_no_color_keeps_cursor_counterpart_and_unique_apart(reader, monkeypatch) -> None:
    """With NO_COLOR Textual draws in greys only; the cursor and its lined-up
    counterparts are still told apart by reverse video, unique sentences by their bar."""
    monkeypatch.setenv("NO_COLOR", "1")
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        assert app.no_color
        business = pane_named(app, "business-standard.txt")
        await pilot.press(str(business.index + 1))
        await move_cursor_to(pilot, business, "National Security Advisor")
        bbc = pane_named(app, "bbc.txt")
        for pane in app.reader_screen.linked_panes.panes:
            for strip in _drawn(pane):
                for segment in strip:
                    style = segment.style
                    for color in (style.color, style.bgcolor) if style else ():
                        if color is not None and color.triplet is not None:
                            assert len(set(color.triplet)) == 1, f"{color} with NO_COLOR"
        cursor = _text_styles(business, business.cursor)
        assert cursor and all(style.reverse and style.bold for style in cursor)
        lined_up = _text_styles(bbc, sentence_index(bbc, "National Security Adviser"))
        assert lined_up and all(style.reverse for style in lined_up)
        assert not all(style.bold for style in lined_up)  # bold: the cursor (and added words)
        plain = _text_styles(bbc, sentence_index(bbc, "ordered the withdrawal of recently"))
        assert plain and not any(style.reverse for style in plain)
        unique = app.reader_screen.linked_panes.links.unique_flags(business.index).index(True)
        business.set_cursor(unique)
        await settled(pilot)
        row = business.wrapped.sentence_first[unique] - business.content_top
        assert _drawn(business)[row].text.startswith("▌")


def _drawn(pane: SourcePane) -> list[Strip]:
    """The rows of ``pane`` as painted: after Textual's line filters (NO_COLOR's greys)."""
    return pane.render_lines(Region(0, 0, pane.size.width, pane.size.height))


def _text_styles(pane: SourcePane, sentence: int) -> list[Style]:
    """The styles of the words of ``sentence`` as painted (gutter and padding left out)."""
    strips = _drawn(pane)
    first = pane.wrapped.sentence_first[sentence] - pane.content_top
    last = pane.wrapped.sentence_last[sentence] - pane.content_top
    assert 0 <= first <= last < len(strips), f"sentence {sentence} is not on screen"
    styles = []
    for strip in strips[first : last + 1]:
        words = strip.crop(GUTTER, strip.cell_length)
        styles += [segment.style for segment in words if segment.text.strip() and segment.style]
    return styles


def test_no_color_snapshot_bolton_lined_up(snap_compare, monkeypatch) -> None:
    """How the reader looks with NO_COLOR: greys, the cursor and counterparts reversed."""
    monkeypatch.setenv("NO_COLOR", "1")

    async def bolton(pilot: Pilot) -> None:
        await pilot.app.workers.wait_for_complete()
        await settled(pilot)
        await pilot.press("2", *["j"] * 10)
        await settled(pilot)

    assert snap_compare(SynopticApp([]), terminal_size=(160, 48), run_before=bolton)


def test_the_readme_names_every_binding_id_a_keymap_can_use() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Settings", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`([a-z0-9-]+)`", section)) | {f"source-{n}" for n in range(1, 10)}
    ids = {b.id for b in SynopticApp.key_bindings() if not isinstance(b, tuple)}
    assert ids <= named, f"README Settings lacks {sorted(ids - named)}"


async def test_the_threshold_comes_from_the_settings_unless_given(reader, tmp_path: Path) -> None:
    settings, _ = settings_from(tmp_path, "threshold = 60\n")
    assert SynopticApp([], settings=settings).reader_screen.reading.threshold == 60
    assert SynopticApp([], settings=settings, threshold=45).reader_screen.reading.threshold == 45
    async with reader(size=(160, 48), settings=settings) as pilot:
        app = pilot.app
        assert all(link.score >= 60 for link in app.reader_screen.alignment.links)
        assert "threshold 60" in status_text(app)


def test_keys_that_can_never_arrive_are_refused() -> None:
    """Letters arrive as themselves, and a modifier counts once."""
    assert all(is_key(k) for k in ("tilde", "ampersand", "left_parenthesis", "ctrl+shift+a"))
    assert not any(
        is_key(k) for k in ("latin_small_letter_a", "digit_one", "ctrl+ctrl+a", "shift+shift+x")
    )


@pytest.mark.parametrize("key", ["colon", "escape", "a", "shift+a", "enter", "space"])
def test_the_palette_key_is_never_one_people_type(key: str) -> None:
    """The palette's binding works everywhere, even in the search line: a key people
    type (or Escape, which closes it) would be taken from every text box."""
    keymap, warnings = checked_keymap(
        {"command-palette": key}, SynopticApp.key_bindings(), Path("settings.toml")
    )
    assert keymap == {}
    assert warnings == [
        "settings.toml: keys.command-palette: works everywhere, so it needs a ctrl+ or alt+ "
        "key or an F key (others would be taken from typing); using its default key"
    ]


def test_the_palette_key_can_move_to_ctrl_alt_or_an_f_key() -> None:
    keymap, warnings = checked_keymap(
        {"command-palette": "ctrl+k,alt+p,f2"}, SynopticApp.key_bindings(), Path("s.toml")
    )
    assert keymap == {"command-palette": "ctrl+k,alt+p,f2"} and warnings == []
