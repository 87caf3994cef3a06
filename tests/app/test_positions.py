"""Positions in the pane headers (issue 9, point 4): "Luke 3:19" in a
verse-numbered text, "¶ 12 · 34%" in any other, for the cursor and for each
lined-up counterpart."""

from __future__ import annotations

import re

from tests.support.pilot import aligned, move_cursor_to, pane_named
from tests.support.settle import settled
from tui.resources import sample_files
from tui.ui.app import SynopticApp


def position_line(app: SynopticApp, index: int) -> str:
    """The header's second line: position, status, counts."""
    return str(app.reader_screen.linked_panes.header(index).render()).split("\n")[1]


def gospels() -> SynopticApp:
    return SynopticApp([str(path) for path in sample_files("gospels")])


async def test_searching_a_verse_shows_luke_3_19_in_its_header() -> None:
    app = gospels()
    async with app.run_test(size=(160, 40)) as pilot:
        await aligned(pilot)
        luke = pane_named(app, "luke.txt")
        await pilot.press(str(luke.index + 1), "slash", *"being reproved by him", "enter")
        await settled(pilot)
        assert luke.document.sentences[luke.cursor].text.startswith("But Herod the tetrarch")
        assert position_line(app, luke.index).startswith("Luke 3:19 · ")
        # The verse number is a position, never words that are aligned or searched.
        assert "3:19" not in luke.document.sentences[luke.cursor].text
        await pilot.press("j")
        assert position_line(app, luke.index).startswith("Luke 3:20 · ")
        await pilot.press("k")
        # Followers say where their lined-up counterpart is, as a citation too:
        # the parallels of Luke 3:19 (Herod reproved by John) in the others.
        matthew = position_line(app, pane_named(app, "matthew.txt").index)
        mark = position_line(app, pane_named(app, "mark.txt").index)
        assert matthew.startswith("Matthew 14:3 · ↔ "), matthew
        assert mark.startswith("Mark 6:17 · ↔ "), mark


async def test_moving_by_sentence_walks_the_verses() -> None:
    app = gospels()
    async with app.run_test(size=(80, 24)) as pilot:
        await aligned(pilot)
        matthew = pane_named(app, "matthew.txt")
        assert position_line(app, matthew.index).startswith("Matthew 1:1 · ")
        await pilot.press("j", "j")
        assert position_line(app, matthew.index).startswith("Matthew 1:3 · ")
        await pilot.press("end")
        assert position_line(app, matthew.index).startswith("Matthew 28:20 · ")


async def test_news_shows_paragraph_and_share_read(reader) -> None:
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        bbc = pane_named(app, "bbc.txt")
        paragraphs = len(bbc.document.paragraphs)
        assert re.match(r"¶ 1 · \d% · ", position_line(app, bbc.index))
        shares = []
        for _ in range(4):
            await pilot.press("j")
            found = re.match(r"¶ (\d+) · (\d+)% · ", position_line(app, bbc.index))
            assert found, position_line(app, bbc.index)
            assert int(found.group(1)) == bbc.document.sentences[bbc.cursor].paragraph + 1
            shares.append(int(found.group(2)))
        assert shares == sorted(shares) and shares[0] < shares[-1]
        await pilot.press("end")
        assert position_line(app, bbc.index).startswith(f"¶ {paragraphs} · 100% · ")
        await move_cursor_to(pilot, bbc, "In a tweet on Friday, Trump referred")
        line = position_line(app, bbc.index)
        assert re.match(r"¶ \d+ · ([1-9]\d?)% · ", line), line


def test_gospels_header_at_80x24(snap_compare) -> None:
    async def at_verse(pilot) -> None:  # type: ignore[no-untyped-def]
        # The screenshot's app may not have started its worker yet: wait for links.
        await aligned(pilot)
        await pilot.press("2", "slash", *"Herod himself had sent forth", "enter")
        await settled(pilot)  # the panes line up again once the search bar is gone

    assert snap_compare(gospels(), terminal_size=(80, 24), run_before=at_verse)
