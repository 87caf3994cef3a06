"""Keys, mouse, search, help, boilerplate and sizes, driven through Pilot."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Footer

from tests.support.pilot import aligned, drawn, move_cursor_to, pane_named, screen_row
from tests.support.settle import settled, until
from tui.errors import InputError
from tui.resources import sample_files
from tui.ui.app import SynopticApp
from tui.ui.screens.help import HelpScreen
from tui.ui.widgets.search_bar import SearchBar


async def test_switching_sources_with_tab_letters_arrows_and_digits(reader) -> None:
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        linked = app.reader_screen.linked_panes
        assert linked.active_index == 0 and linked.active_pane.has_focus
        await pilot.press("tab")
        assert linked.active_index == 1 and linked.active_pane.has_focus
        await pilot.press("l")
        assert linked.active_index == 2
        await pilot.press("tab")  # wraps round
        assert linked.active_index == 0
        await pilot.press("shift+tab")
        assert linked.active_index == 2
        await pilot.press("h", "left")
        assert linked.active_index == 0
        await pilot.press("right")
        assert linked.active_index == 1
        await pilot.press("3")
        assert linked.active_index == 2 and linked.active_pane.has_focus
        await pilot.press("9")  # no ninth source: nothing happens
        assert linked.active_index == 2


async def test_switching_carries_the_cursor_to_the_lined_up_counterpart(reader) -> None:
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        bbc = pane_named(app, "bbc.txt")
        business = pane_named(app, "business-standard.txt")
        await move_cursor_to(pilot, bbc, "US National Security Adviser John Bolton")
        await pilot.press("tab")
        assert business.has_focus
        assert "John Bolton described it" in business.document.sentences[business.cursor].text


async def test_jump_to_counterpart_goes_to_the_next_source_that_has_one(reader) -> None:
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        bbc = pane_named(app, "bbc.txt")
        business = pane_named(app, "business-standard.txt")
        await move_cursor_to(pilot, bbc, "US National Security Adviser John Bolton")
        await pilot.press("o")
        assert app.reader_screen.linked_panes.active_index == business.index
        assert "John Bolton described it" in business.document.sentences[business.cursor].text


async def test_next_and_previous_shared_and_unique_passages(reader) -> None:
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        bbc = pane_named(app, "bbc.txt")
        links = app.reader_screen.linked_panes.links
        unique = links.unique[bbc.index]
        await pilot.press("u")
        assert bbc.cursor in unique and bbc.cursor - 1 not in unique
        first_unique = bbc.cursor
        await pilot.press("right_square_bracket")
        assert links.linked[bbc.index][bbc.cursor]
        assert bbc.cursor > first_unique
        await pilot.press("U")
        # Back to the start of the unique passage just left.
        assert bbc.cursor in unique and bbc.cursor == first_unique
        await pilot.press("left_square_bracket")
        assert links.linked[bbc.index][bbc.cursor]


async def test_clicking_a_sentence_focuses_it_and_its_pane(reader) -> None:
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        cbs = pane_named(app, "cbs-news.txt")
        row = screen_row(cbs, "White House press secretary Sarah Sanders")
        await pilot.click(cbs, offset=(10, row - cbs.region.y))
        await settled(pilot)
        assert app.reader_screen.linked_panes.active_index == cbs.index and cbs.has_focus
        assert cbs.document.sentences[cbs.cursor].text.startswith("White House press secretary")
        # The BBC's counterpart is lined up with it.
        bbc = pane_named(app, "bbc.txt")
        found = app.reader_screen.linked_panes.links.counterparts(cbs.index, cbs.cursor, bbc.index)
        if found:
            first = bbc.wrapped.sentence_first[found[0][0]]
            assert bbc.screen_row_of(first) == cbs.screen_row_of(
                cbs.wrapped.sentence_first[cbs.cursor]
            )


async def test_search_goes_to_the_first_hit_after_the_cursor_and_n_moves_on(reader) -> None:
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        bbc = pane_named(app, "bbc.txt")
        await move_cursor_to(pilot, bbc, "In a tweet on Friday, Trump referred")
        start = bbc.cursor
        await pilot.press("slash")
        bar = app.query_one(SearchBar)
        assert bar.display and bar.has_focus
        await pilot.press(*"tweet", "enter")
        await settled(pilot)
        assert not bar.display and bbc.has_focus
        assert bbc.cursor == start  # the hit at the cursor counts
        hits = app.reader_screen.linked_panes.found.sentences(bbc.index)
        assert len(hits) >= 2 and all("tweet" in bbc.document.sentences[h].text for h in hits)
        await pilot.press("n")
        assert bbc.cursor == hits[1]
        await pilot.press("N")
        assert bbc.cursor == hits[0]
        assert "hits for" in str(app.query_one("#status-right").render())
        await pilot.press("escape")
        assert app.reader_screen.linked_panes.found.hits == []


async def test_escape_closes_the_search_bar() -> None:
    app = SynopticApp([])
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("slash", "x", "escape")
        await settled(pilot)
        assert not app.query_one(SearchBar).display
        assert app.reader_screen.linked_panes.active_pane.has_focus


async def test_help_screen_opens_and_closes_and_footer_shows_keys() -> None:
    app = SynopticApp([])
    async with app.run_test(size=(160, 48)) as pilot:
        # The footer comes just after the first frame (the text first).
        await until(
            pilot,
            lambda: any("Help" in str(key.render()) for key in app.screen.query("FooterKey")),
            "the footer's keys",
        )
        assert app.screen.query_one(Footer).display
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_q_quits() -> None:
    app = SynopticApp([])
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("q")
        await settled(pilot)
    assert app.return_code == 0


async def test_boilerplate_is_hidden_until_b_shows_it(reader) -> None:
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        bbc = pane_named(app, "bbc.txt")
        assert not any("READ MORE" in row for row in drawn(bbc))
        await pilot.press("b", "end")
        await settled(pilot)
        assert any("READ MORE" in row for row in drawn(bbc))
        await pilot.press("b")
        await settled(pilot)
        assert not any("READ MORE" in row for row in drawn(bbc))


async def test_escape_sequences_in_a_source_are_shown_not_obeyed(reader, tmp_path: Path) -> None:
    evil = tmp_path / "evil.txt"
    evil.write_text(
        "A title\n\n"
        "The markup [bold]stays[/bold] and \x1b[2J\x1b[31mred\x1b[0m shows its escapes.\n"
    )
    async with reader([str(evil), str(evil)], size=(120, 30)) as pilot:
        app = pilot.app
        text = "\n".join(drawn(app.reader_screen.linked_panes.pane(0)))
        assert "[bold]stays[/bold]" in text
        assert "␛[2J␛[31mred␛[0m" in text
        assert "\x1b" not in text


def test_bad_input_raises_before_the_app_starts(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    try:
        SynopticApp([str(missing)])
    except InputError as error:
        assert "missing.txt" in str(error)
    else:
        raise AssertionError("no InputError for a missing file")


async def test_more_sources_than_fit_show_a_window_that_follows_the_active_one() -> None:
    news = [str(path) for path in sample_files("news")]
    app = SynopticApp(news * 2)  # six sources
    async with app.run_test(size=(80, 24)) as pilot:
        await aligned(pilot)
        linked = app.reader_screen.linked_panes
        assert linked.window_size == 2
        shown = [p.index for p in linked.panes if p.parent.display]
        assert shown == [0, 1]
        await pilot.press("5")
        shown = [p.index for p in linked.panes if p.parent.display]
        assert 4 in shown and len(shown) == 2
        assert "sources" in str(app.query_one("#status-right").render())
        await pilot.press("tab", "tab")  # past the last: back to the first
        assert [p.index for p in linked.panes if p.parent.display] == [0, 1]
        for pane in linked.panes:
            if pane.parent.display:
                assert pane.size.width >= 30


async def test_a_30000_sentence_source_opens_and_scrolls(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    sentence = "Sanctions on shipping firms were announced by the Treasury on Thursday."
    paragraph = " ".join([sentence] * 5)
    big.write_text("\n\n".join([paragraph] * 6000))
    app = SynopticApp([str(big), str(sample_files("news")[0])])
    async with app.run_test(size=(160, 48)) as pilot:
        pane = app.reader_screen.linked_panes.pane(0)
        await settled(pilot)
        assert drawn(pane)[0].strip()  # text at once
        await app.workers.wait_for_complete()
        await settled(pilot)
        assert len(pane.document.sentences) == 30000
        await pilot.press("end")
        await settled(pilot)
        assert pane.content_top + pane.viewport_height == pane.wrapped.height
        assert pane.cursor > 29900  # the cursor came along into view
        await pilot.press("home", "pagedown", "j")
        assert pane.content_top > 0


async def test_f_searches_every_source_and_n_goes_through_them_in_reading_order(reader) -> None:
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        linked = app.reader_screen.linked_panes
        await pilot.press("f")
        bar = app.query_one(SearchBar)
        assert bar.display and bar.has_focus and "every source" in bar.placeholder
        await pilot.press(*"sanctions", "enter")
        await settled(pilot)
        found = linked.found
        sources = {source for source, _sentence in found.hits}
        assert sources == {0, 1, 2}
        for pane in linked.panes:  # every pane marks its own hits
            expected = [
                n for n, s in enumerate(pane.document.sentences) if "sanctions" in s.text.lower()
            ]
            assert sorted(pane.hits) == expected and expected
        status = str(app.query_one("#status-right").render())
        assert f"{len(found.hits)} hits in 3 sources for “sanctions”" in status
        # The first hit at/after the cursor, then n walks source by source and wraps.
        visited = [(linked.active_index, linked.active_pane.cursor)]
        for _ in range(len(found.hits)):
            await pilot.press("n")
            visited.append((linked.active_index, linked.active_pane.cursor))
        start = found.hits.index(visited[0])
        in_order = found.hits[start:] + found.hits[:start]
        assert visited == [*in_order, in_order[0]]
        assert linked.active_pane.has_focus
        await pilot.press("N")
        assert (linked.active_index, linked.active_pane.cursor) == in_order[-1]
        # Switching source keeps the search of every source (unlike /).
        await pilot.press("2", "n")
        assert linked.found is found
        await pilot.press("escape")
        assert linked.found.hits == [] and all(not pane.hits for pane in linked.panes)


async def test_f_brings_a_hit_outside_the_window_of_sources_into_view(reader) -> None:
    async with reader(size=(80, 24)) as pilot:
        app = pilot.app
        linked = app.reader_screen.linked_panes
        assert linked.window_size < 3
        await pilot.press("f", *"senior administration official", "enter")
        await settled(pilot)
        (hit,) = linked.found.hits
        assert hit[0] == 2 and (linked.active_index, linked.active_pane.cursor) == hit
        assert 2 in linked.visible_indices()
