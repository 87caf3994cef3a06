"""Helpers for the reader's Pilot tests: what a pane actually draws, and where."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.screen import Screen

from tests.support.settle import settled, until
from tui.ui.app import SynopticApp
from tui.ui.widgets.source_pane import SourcePane


def pane_named(app: SynopticApp, name: str) -> SourcePane:
    """The pane showing the source with file name ``name``."""
    for pane in app.reader_screen.linked_panes.panes:
        if pane.document.name == name:
            return pane
    raise AssertionError(f"no pane for {name}")


def drawn(pane: SourcePane) -> list[str]:
    """The text of every row the pane draws on screen, top to bottom."""
    return [pane.render_line(y).text for y in range(pane.viewport_height)]


def screen_row(pane: SourcePane, fragment: str) -> int:
    """The terminal row on which ``fragment`` is drawn in ``pane`` (fails if not shown)."""
    rows = [y for y, text in enumerate(drawn(pane)) if fragment in text]
    assert rows, f"{fragment!r} is not on screen in {pane.document.name}: {drawn(pane)}"
    return pane.content_region.y + rows[0]


def sentence_index(pane: SourcePane, fragment: str) -> int:
    hits = [i for i, s in enumerate(pane.document.sentences) if fragment in s.text]
    assert len(hits) == 1, (fragment, hits)
    return hits[0]


async def aligned(pilot: Pilot) -> None:
    """Wait until the alignment worker is done and its final links are shown
    (the encoder's pass in: not the first links, which come before)."""
    app = pilot.app
    await until(
        pilot,
        lambda: (
            app.reader_screen.linked_panes.links.ready and not app.reader_screen.reading.refining
        ),
        "the links",
    )
    await settled(pilot)


async def move_cursor_to(pilot: Pilot, pane: SourcePane, fragment: str) -> None:
    """Press j/k (as a reader would) until the cursor is on the sentence with ``fragment``."""
    target = sentence_index(pane, fragment)
    while pane.cursor != target:
        await pilot.press("j" if pane.cursor < target else "k")
    await settled(pilot)


def visible_sentences(pane: SourcePane) -> set[int]:
    """The sentences with at least one row on the pane's screen."""
    top = pane.content_top
    shown: set[int] = set()
    for row in range(max(0, top), min(pane.wrapped.height, top + pane.viewport_height)):
        shown.update(piece.sentence for piece in pane.wrapped.line(row) if piece.sentence >= 0)
    return shown


def shown_pairs(
    app: SynopticApp, leader: SourcePane, follower: SourcePane, *, level: bool = False
) -> list[tuple[int, int]]:
    """The linked pairs (leader sentence, its best counterpart) both on screen;
    with ``level``, only those whose first rows stand on the same screen row.

    What linked scrolling promises for the linked sentences a leader shows:
    their counterparts shown too (gliding across a passage only the leader
    tells), level with them when the follower anchors on a link."""
    partner = app.reader_screen.linked_panes.links.pair(leader.index, follower.index).partner
    there = visible_sentences(follower)
    pairs = []
    for sentence in sorted(visible_sentences(leader)):
        counterpart = partner[sentence]
        if counterpart < 0 or counterpart not in there:
            continue
        row = leader.screen_row_of(leader.wrapped.sentence_first[sentence])
        if not level or row == follower.screen_row_of(follower.wrapped.sentence_first[counterpart]):
            pairs.append((sentence, counterpart))
    return pairs


def misplaced_counterparts(app: SynopticApp) -> list[str]:
    """Lined-up counterparts not on the screen row of the leader's cursor."""
    linked = app.reader_screen.linked_panes
    leader = linked.active_pane
    row = leader.screen_row_of(leader.wrapped.sentence_first[leader.cursor])
    wrong = []
    for follower in linked.panes:
        chosen = linked.lined_up(follower.index)
        if follower is leader or chosen < 0:
            continue
        there = follower.screen_row_of(follower.wrapped.sentence_first[chosen])
        if there != row:
            wrong.append(f"{follower.document.name} sentence {chosen} on row {there}, not {row}")
    return wrong


def lined_up_followers(app: SynopticApp) -> int:
    """How many followers line up a counterpart of the cursor: what
    :func:`misplaced_counterparts` checked (a test asserts it checked some)."""
    linked = app.reader_screen.linked_panes
    return sum(
        1
        for follower in linked.panes
        if follower is not linked.active_pane and linked.lined_up(follower.index) >= 0
    )


async def search_for(pilot: Pilot, text: str) -> None:
    """Search the active pane for ``text`` as a reader would: /, the text, Enter."""
    await pilot.press("slash", *text, "enter")
    await settled(pilot)


async def open_screen(pilot: Pilot, key: str, kind: type[Screen]) -> Screen:
    """Press ``key`` and wait until the screen it opens (``kind``) is up and settled."""
    await pilot.press(key)
    await until(pilot, lambda: isinstance(pilot.app.screen, kind), f"the {key} screen")
    await settled(pilot)
    assert isinstance(pilot.app.screen, kind)
    return pilot.app.screen


async def open_list(pilot: Pilot, key: str) -> None:
    """Press ``key`` (``O`` only here, ``d`` disagreements...) and wait for its list."""
    from tui.ui.screens.jump_list import JumpListScreen

    await open_screen(pilot, key, JumpListScreen)
