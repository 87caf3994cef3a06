"""The comparing views, driven as a reader would: synopsis, lists, corrections, export."""

from __future__ import annotations

import json

from textual.widgets import DataTable, Input, OptionList, Static

from tests.support.pilot import (
    aligned,
    drawn,
    move_cursor_to,
    open_list,
    open_screen,
    pane_named,
    sentence_index,
)
from tests.support.settle import settled, until
from tui.cli import main
from tui.ui.app import SynopticApp
from tui.ui.screens.coverage import CoverageScreen
from tui.ui.screens.export import ExportScreen
from tui.ui.screens.jump_list import JumpListScreen
from tui.ui.screens.synopsis import SynopsisScreen
from tui.ui.widgets.synopsis_view import SynopsisView

BBC_SANDERS = "Chairman Kim [Jong-un]"
BS_SANDERS = "President Trump likes Chairman Kim and"


def _segments_with(view: SynopsisView, fragment: str) -> list:
    """Every drawn segment (text, style) on screen whose text holds ``fragment``."""
    found = []
    for y in range(view.scrollable_content_region.height):
        for segment in view.render_line(y):
            if fragment in segment.text:
                found.append(segment)
    return found


async def test_synopsis_row_shows_every_source_and_marks_the_insertion(reader) -> None:
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        business = pane_named(app, "business-standard.txt")
        await pilot.press("2")
        sanders = sentence_index(business, BS_SANDERS)
        await move_cursor_to(pilot, business, BS_SANDERS)
        await pilot.press("s")
        await settled(pilot)
        assert isinstance(app.screen, SynopsisScreen)
        view = app.screen.view
        assert view.table is not None
        row = view.table.rows[view.cursor]
        # The cursor row is the one holding the sentence the pane's cursor was on.
        assert sanders in row.cells[1]
        bbc = pane_named(app, "bbc.txt").index
        sanders_row = next(
            number
            for number, candidate in enumerate(view.table.rows)
            if any(
                BBC_SANDERS in app.reader_screen.reading.documents[bbc].sentences[i].text
                for i in candidate.cells[bbc]
            )
        )
        view.move_to(sanders_row)
        await pilot.press("tab", "right_square_bracket")
        await settled(pilot)
        assert app.reader_screen.linked_panes.active_index == 1, (
            "reader keys do not act behind the synopsis"
        )
        assert view.cursor == sanders_row
        assert all(view.table.rows[sanders_row].cells), "all three sources tell the quote"
        ins = view.get_component_rich_style("synopsis-view--ins")
        marked = _segments_with(view, "[Jong-un]")
        assert marked and all(segment.style.bold and segment.style.underline for segment in marked)
        assert any(segment.style.color == ins.color for segment in marked)
        # Leaving the synopsis keeps the place: the reference pane's cursor is on that row.
        await pilot.press("s")
        await settled(pilot)
        assert not isinstance(app.screen, SynopsisScreen)
        assert app.reader_screen.linked_panes.active_index == 1
        assert business.cursor in view.table.rows[sanders_row].cells[1]


async def test_leaving_the_synopsis_on_a_row_bbc_lacks_goes_back_to_the_pane_of_bbc(reader) -> None:
    """Issue 19, defect 9: Enter on a row bbc does not tell used to focus pane 2;
    it goes back to bbc's pane, on its sentence nearest before that row."""
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        await pilot.press("s")
        await settled(pilot)
        view = app.screen.query_one(SynopsisView)
        assert view.table is not None
        assert "1 bbc.txt · rows in its order" in str(
            app.screen.query_one("#synopsis-header").render()
        )
        # Scrolling (wheel, scrollbar) brings the cursor row along.
        view.scroll_to(y=30, animate=False, immediate=True)
        await settled(pilot)
        top = round(view.scroll_y)
        assert top > 0 and view.table.row_last[view.cursor] >= top
        rows = view.table.rows
        lacking = next(n for n, row in enumerate(rows) if n and not row.cells[0])
        view.move_to(lacking)
        before = next(rows[n].cells[0][-1] for n in range(lacking, -1, -1) if rows[n].cells[0])
        await pilot.press("enter")
        await settled(pilot)
        assert app.reader_screen.linked_panes.active_index == 0
        assert app.reader_screen.linked_panes.active_pane.cursor == before


async def test_panes_mark_word_differences_in_the_focused_group(reader) -> None:
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        await pilot.press("2")
        business = pane_named(app, "business-standard.txt")
        bbc = pane_named(app, "bbc.txt")
        await move_cursor_to(pilot, business, BS_SANDERS)
        assert sentence_index(bbc, BBC_SANDERS) in bbc.marks
        ins = bbc.get_component_rich_style("source-pane--ins")
        segments = [
            segment
            for y in range(bbc.viewport_height)
            for segment in bbc.render_line(y)
            if "[Jong-un]" in segment.text
        ]
        assert segments and all(s.style.underline and s.style.color == ins.color for s in segments)
        # The focused sentence's marks cover its text exactly.
        marks = business.marks[business.cursor]
        length = len(business.document.sentences[business.cursor].text)
        assert marks[0].start == 0 and marks[-1].end == length
        # Moving on leaves the old group unmarked.
        await pilot.press("j")
        await settled(pilot)
        assert sentence_index(bbc, BBC_SANDERS) not in bbc.marks


async def test_only_here_enter_jumps_to_the_passage_in_its_pane(reader) -> None:
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        await open_list(pilot, "O")
        entries = app.screen.entries
        assert entries[0].ref is None and entries[0].label == "Only in bbc.txt"
        # Past the BBC's own passages, to the first one only Business Standard has.
        target = next(e for e in entries if e.ref is not None and e.ref[0] == 1)
        await pilot.press(*["down"] * (entries.index(target) - 2))
        await pilot.press("enter")
        await settled(pilot)
        assert not isinstance(app.screen, JumpListScreen)
        assert app.reader_screen.linked_panes.active_index == 1
        assert app.reader_screen.linked_panes.active_pane.cursor == target.ref[1]
        assert app.reader_screen.linked_panes.active_pane.has_focus


async def test_disagreements_list_names_the_sanders_quote_and_jumps(reader) -> None:
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        await open_list(pilot, "d")
        entries = app.screen.entries
        quote = next(e for e in entries if e.label.startswith("quote") and "[Jong-un]" in e.label)
        assert quote.ref is not None
        # The sample's flags are all minor (a spelling variant, an editor's
        # "[Jong-un]", a capital): one heading, no empty "Real disagreements".
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(n).prompt) for n in range(len(entries))]
        assert prompts[0].startswith("Minor wording")
        assert not any(text.startswith("Real disagreements") for text in prompts)
        assert any("Adviser vs Advisor" in text for text in prompts)
        assert any("'Sanctions' vs 'sanctions'" in text for text in prompts)
        assert options.highlighted == 1, "the cursor starts on the first entry"
        first = next(e for e in entries if e.ref is not None)
        await pilot.press("enter")
        await settled(pilot)
        assert first.ref is not None
        assert (
            app.reader_screen.linked_panes.active_index,
            app.reader_screen.linked_panes.active_pane.cursor,
        ) == first.ref
        await open_list(pilot, "d")
        await pilot.press("escape")
        await settled(pilot)
        assert not isinstance(app.screen, JumpListScreen)


async def test_coverage_screen_has_a_row_per_source_with_the_matrix(reader) -> None:
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        screen = await open_screen(pilot, "C", CoverageScreen)
        table = screen.query_one(DataTable)
        assert table.row_count == 3 and len(table.columns) == 2 + 3 + 2
        first = [str(cell) for cell in table.get_row_at(0)]
        assert first[0] == "1 bbc.txt" and first[2] == "—" and first[3].endswith("%")
        await pilot.press("escape")
        await settled(pilot)
        assert not isinstance(app.screen, CoverageScreen)


BS_BOLTON = "The National Security Advisor John Bolton described it"
BBC_BOLTON = "US National Security Adviser John Bolton described"
CBS_MARITIME = "a senior administration official stressed"


async def test_link_and_cut_are_saved_and_applied_on_reopen(reader, corrections_dir) -> None:
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        business = pane_named(app, "business-standard.txt")
        bbc = pane_named(app, "bbc.txt")
        cbs = pane_named(app, "cbs-news.txt")
        await pilot.press("2")
        await move_cursor_to(pilot, business, BS_BOLTON)
        assert app.reader_screen.linked_panes.lined_up(bbc.index) == sentence_index(bbc, BBC_BOLTON)
        await pilot.press("X")
        await settled(pilot)
        assert app.reader_screen.linked_panes.lined_up(bbc.index) == -1
        # Link the BBC's Bolton sentence to an unrelated CBS one by hand.
        await pilot.press("1")
        await move_cursor_to(pilot, bbc, BBC_BOLTON)
        await pilot.press("m")
        assert bbc.pending == bbc.cursor
        assert any(text.startswith("✎") for text in drawn(bbc))
        await pilot.press("3")
        await move_cursor_to(pilot, cbs, CBS_MARITIME)
        await pilot.press("m")
        await settled(pilot)
        assert bbc.pending == -1
        assert app.reader_screen.linked_panes.is_manual(
            (bbc.index, sentence_index(bbc, BBC_BOLTON)), (cbs.index, cbs.cursor)
        )
    assert (corrections_dir / "corrections.json").exists()

    again = SynopticApp([])
    async with again.run_test(size=(160, 48)) as pilot:
        await aligned(pilot)
        business = pane_named(again, "business-standard.txt")
        bbc = pane_named(again, "bbc.txt")
        cbs = pane_named(again, "cbs-news.txt")
        await pilot.press("2")
        await move_cursor_to(pilot, business, BS_BOLTON)
        assert sentence_index(bbc, BBC_BOLTON) not in bbc.roles, "the cut link stays cut"
        await pilot.press("1")
        await move_cursor_to(pilot, bbc, BBC_BOLTON)
        assert again.reader_screen.linked_panes.lined_up(cbs.index) == sentence_index(
            cbs, CBS_MARITIME
        )
        assert "✎ manual link" in str(again.reader_screen.linked_panes.header(cbs.index).render())


async def _exported(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait for the export worker the dialog started."""
    await settled(pilot)
    await pilot.app.workers.wait_for_complete()
    await settled(pilot)


async def test_export_dialog_asks_before_overwriting_in_its_own_place(
    reader, said, monkeypatch, tmp_path
) -> None:
    monkeypatch.chdir(tmp_path)
    existing = tmp_path / "mine.md"
    existing.write_text("keep me\n", encoding="utf-8")
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        await pilot.press("e")
        await settled(pilot)
        assert isinstance(app.screen, ExportScreen)
        await pilot.click("#format-markdown")
        path_input = app.screen.query_one("#export-path", Input)
        assert path_input.value == "bbc-synoptic.md"
        path_input.value = str(existing)
        await pilot.click("#export-go")
        await settled(pilot)
        # The question replaces the form in the one dialog: nothing stacked.
        dialog = app.screen
        assert isinstance(dialog, ExportScreen) and dialog.asking
        assert len(app.screen_stack) == 2
        assert "mine.md already exists" in str(dialog.query_one("#confirm-question").render())
        assert not dialog.query_one("#export-form").display
        await pilot.press("escape")
        await settled(pilot)
        assert app.screen is dialog and not dialog.asking, "Escape: back to the form"
        assert dialog.query_one("#export-path", Input).value == str(existing)
        assert existing.read_text(encoding="utf-8") == "keep me\n"
        await pilot.click("#export-go")
        await settled(pilot)
        await pilot.click("#confirm-yes")
        await _exported(pilot)
        assert not isinstance(app.screen, ExportScreen)
        written = existing.read_text(encoding="utf-8")
        assert written != "keep me\n" and "bbc.txt" in written
        # A new file needs no confirmation.
        await pilot.press("e")
        await settled(pilot)
        await pilot.click("#export-go")
        await _exported(pilot)
        assert not isinstance(app.screen, ExportScreen)
        exported = json.loads((tmp_path / "bbc-synoptic.json").read_text(encoding="utf-8"))
        assert exported["version"] == 1
        assert "Wrote json to" in said


async def test_export_dialog_arrow_keys_choose_the_format(reader, monkeypatch, tmp_path) -> None:
    monkeypatch.chdir(tmp_path)
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        await pilot.press("e")
        await settled(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        path_input = dialog.query_one("#export-path", Input)
        assert path_input.has_focus, "type a name at once"
        await pilot.press("down", "down")
        assert dialog.kind == "markdown" and path_input.value == "bbc-synoptic.md"
        await pilot.press("up")
        assert dialog.kind == "csv"
        await pilot.press("up", "up")
        assert dialog.kind == "html", "wraps around"
        # In the row of formats, left and right choose too.
        await pilot.press("shift+tab")
        assert dialog.query_one("#export-format").has_focus
        await pilot.press("right")
        assert dialog.kind == "json"
        await pilot.press("left")
        assert dialog.kind == "html"
        await pilot.press("tab", "enter")
        await _exported(pilot)
        assert (tmp_path / "bbc-synoptic.html").read_text(encoding="utf-8").startswith("<!")


async def test_an_export_never_freezes_the_screen(reader, said, monkeypatch, tmp_path) -> None:
    """Issue 9, point 8: an HTML export of 2 x 30,000 sentences froze the screen for 9 s."""
    import threading

    import tui.export.formats as formats  # the export worker imports export_text on use

    monkeypatch.chdir(tmp_path)
    release = threading.Event()
    building = threading.Event()
    real_export_text = formats.export_text

    def held_export_text(comparison, kind):  # type: ignore[no-untyped-def]
        building.set()
        assert release.wait(20), "never released"
        return real_export_text(comparison, kind)

    monkeypatch.setattr(formats, "export_text", held_export_text)
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        bbc = pane_named(app, "bbc.txt")
        await pilot.press("1", "e")
        await settled(pilot)
        await pilot.click("#format-html")
        await pilot.click("#export-go")
        await until(pilot, building.is_set, "the export has started in its thread")  # ...
        assert building.is_set()
        assert not isinstance(app.screen, ExportScreen), "the dialog is gone"
        status = str(app.query_one("#status-left").render())
        assert "Exporting… building the html" in status
        assert app.query_one("#align-progress").display
        # While the export is held, the app is never "settled": wait for each
        # answer itself.
        start = bbc.cursor
        await pilot.press("j", "j")  # ...and the reader still answers keys
        await until(pilot, lambda: bbc.cursor == start + 2, "the cursor to move twice")

        def refusals() -> int:
            return said.count("Still exporting")

        await pilot.press("e")  # one export at a time
        await until(pilot, lambda: refusals() == 1, "the second export to be refused")
        assert not isinstance(app.screen, ExportScreen)
        await pilot.press("r")  # a reload would export the old text under the new one
        await until(pilot, lambda: refusals() == 2, "the reload to be refused")
        assert not app.reader_screen.reloader.running
        assert "Still exporting: try again in a moment" in said.messages
        assert not (tmp_path / "bbc-synoptic.html").exists()
        release.set()
        await _exported(pilot)
        assert (tmp_path / "bbc-synoptic.html").exists()
        status = str(app.query_one("#status-left").render())
        assert status.startswith("40 links") or "links ·" in status, status
        assert not app.query_one("#align-progress").display
        assert "Wrote html to" in said


async def test_a_broken_corrections_file_is_a_warning_not_a_crash(
    reader, said, corrections_dir
) -> None:
    (corrections_dir / "corrections.json").write_text("{not json", encoding="utf-8")
    async with reader(size=(160, 48)) as pilot:
        assert "corrections file" in said
        await pilot.press("m", "2", "m")
        await settled(pilot)
        assert (corrections_dir / "corrections.json").read_text(encoding="utf-8") == "{not json"


async def test_export_dialog_writes_what_the_command_line_writes(
    reader, monkeypatch, tmp_path
) -> None:
    """One path for both: the same HTML whichever source is active in the panes."""
    monkeypatch.chdir(tmp_path)
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        await pilot.press("2", "e")
        await settled(pilot)
        await pilot.click("#format-html")
        await pilot.click("#export-go")
        await _exported(pilot)
        assert not isinstance(app.screen, ExportScreen)
    paths = [document.path for document in app.reader_screen.reading.documents if document.path]
    assert main(["--export", "html", "-o", str(tmp_path / "cli.html"), *paths]) == 0
    dialog = (tmp_path / "bbc-synoptic.html").read_text(encoding="utf-8")
    assert dialog == (tmp_path / "cli.html").read_text(encoding="utf-8")


async def test_export_dialog_speaks_its_own_language(reader, monkeypatch, tmp_path) -> None:
    """Its errors never mention the command line's flags."""
    monkeypatch.chdir(tmp_path)
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        await pilot.press("e")
        await settled(pilot)
        app.screen.query_one("#export-path", Input).value = ""
        await pilot.click("#export-go")
        await settled(pilot)
        error = str(app.screen.query_one("#export-error", Static).render())
        assert "file" in error and "-o" not in error and "--" not in error


async def test_the_synopsis_header_at_80x24_says_the_order_in_words_that_fit(reader) -> None:
    """At 80 columns the reference column's header was cut mid-phrase: "rows in"."""
    async with reader(size=(80, 24)) as pilot:
        app = pilot.app
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, SynopsisScreen), "the synopsis")
        header = app.screen.query_one("#synopsis-header", Static).render_line(0).text
        first = header.split("│")[0].strip()
        assert first == "1 bbc.txt · its order", header
