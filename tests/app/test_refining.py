"""Links in two steps, as the reader sees them: the first links at once (the
status line says "refining…"), the encoder's links after, with the reader's
place, cursor, threshold and corrections as they were when they arrive."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from textual.widgets import Static

from tests.support.pilot import aligned, pane_named
from tests.support.settle import settled, until
from tui.align import aligner
from tui.ui.app import SynopticApp
from tui.view.summary import REFINING


def status_text(app: SynopticApp) -> str:
    return str(app.reader_screen.query_one("#status-left", Static).render())


@pytest.fixture
def held_refinement(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The encoder's pass waits for the test to set the event."""
    release = threading.Event()
    real = aligner.refine

    def held(*args: Any, **kwargs: Any) -> Any:
        release.wait(60)
        return real(*args, **kwargs)

    monkeypatch.setattr(aligner, "refine", held)
    yield release
    release.set()


async def first_links(pilot: Any) -> None:
    app = pilot.app
    await until(
        pilot,
        lambda: app.reader_screen.reading.ready and REFINING in status_text(app),
        "first links",
    )


async def test_first_links_then_the_encoders_with_the_place_and_cursor_kept(
    held_refinement: threading.Event,
) -> None:
    app = SynopticApp([])
    async with app.run_test(size=(160, 48)) as pilot:
        await first_links(pilot)
        first = app.reader_screen.alignment
        assert first is not None and not _encoder(app)
        # The panes follow the first links already.
        assert app.reader_screen.linked_panes.links.ready
        cbs = pane_named(app, "cbs-news.txt")
        await pilot.press("3", *["j"] * 12)
        await until(pilot, lambda: cbs.cursor == 12, "the cursor to move")
        top = cbs.scroll_y
        held_refinement.set()
        await aligned(pilot)
        final = app.reader_screen.alignment
        assert final is not None and _encoder(app) and final is not first
        assert REFINING not in status_text(app)
        assert app.reader_screen.linked_panes.active_pane is cbs
        assert cbs.cursor == 12 and cbs.scroll_y == top


async def test_a_link_made_while_refining_is_kept_by_the_refined_links(
    held_refinement: threading.Event,
) -> None:
    app = SynopticApp([])
    async with app.run_test(size=(160, 48)) as pilot:
        await first_links(pilot)
        bbc, cbs = pane_named(app, "bbc.txt"), pane_named(app, "cbs-news.txt")
        pair = ((bbc.index, 0), (cbs.index, 9))
        assert not _linked(app, *pair)
        await pilot.press("1", "m", "3", *["j"] * 9)
        await until(pilot, lambda: cbs.cursor == 9, "the cursor to move")
        await pilot.press("m")
        await until(pilot, lambda: _linked(app, *pair), "the link by hand")
        assert REFINING in status_text(app)
        held_refinement.set()
        await aligned(pilot)
        assert _encoder(app) and _linked(app, *pair)


async def test_a_threshold_chosen_while_refining_is_the_one_the_refined_links_use(
    held_refinement: threading.Event,
) -> None:
    app = SynopticApp([], threshold=50.0)
    async with app.run_test(size=(160, 48)) as pilot:
        await first_links(pilot)
        await pilot.press("plus", "plus")
        await until(pilot, lambda: "threshold 60" in status_text(app), "the new threshold")
        await settled(pilot, ignoring=("align",))
        held_refinement.set()
        await aligned(pilot)
        alignment = app.reader_screen.alignment
        assert alignment is not None and _encoder(app)
        assert "threshold 60" in status_text(app) and REFINING not in status_text(app)
        assert alignment.links and all(link.score >= 60 for link in alignment.links)


def _linked(app: SynopticApp, one: tuple[int, int], two: tuple[int, int]) -> bool:
    alignment = app.reader_screen.alignment
    if alignment is None:
        return False
    return any({link.a, link.b} == {one, two} for link in alignment.links)


def _encoder(app: SynopticApp) -> bool:
    """Whether the links shown come from the encoder's scores."""
    base = app.reader_screen.reading.base
    return base is not None and base.scored is not None and base.scored.encoder


class FakeAhead:
    """A child's scores, made here (``tui.scoring_ahead`` forks; Pilot tests do not)."""

    def __init__(self, first: Any, final: Any) -> None:
        self._first, self._final = first, final
        self.closed = False

    def first(self, documents: Any, cancelled: Any) -> Any:
        return self._first

    def final(self, documents: Any, cancelled: Any) -> Any:
        return self._final

    def close(self) -> None:
        self.closed = True


def _portable(scored: Any) -> Any:
    from dataclasses import replace

    return replace(scored, refinement=None)  # as it crosses the pipe


async def test_links_from_scores_made_ahead_need_no_scoring_here(monkeypatch) -> None:
    from tui.pipeline import load_documents
    from tui.resources import sample_files

    documents = load_documents([str(path) for path in sample_files("news")])
    fake = FakeAhead(
        _portable(aligner.score(documents, first=True)), _portable(aligner.score(documents))
    )

    def no_scoring(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("the child scored these sources")

    monkeypatch.setattr(aligner, "score", no_scoring)
    monkeypatch.setattr(aligner, "refine", no_scoring)
    app = SynopticApp([], ahead=fake)  # type: ignore[arg-type]
    async with app.run_test(size=(160, 48)) as pilot:
        await aligned(pilot)
        assert _encoder(app) and REFINING not in status_text(app)
        assert app.reader_screen.alignment is not None and app.reader_screen.alignment.links
    assert fake.closed


async def test_when_the_child_fails_after_the_first_scores_this_process_scores() -> None:
    from tui.pipeline import load_documents
    from tui.resources import sample_files

    documents = load_documents([str(path) for path in sample_files("news")])
    fake = FakeAhead(_portable(aligner.score(documents, first=True)), None)
    app = SynopticApp([], ahead=fake)  # type: ignore[arg-type]
    async with app.run_test(size=(160, 48)) as pilot:
        await aligned(pilot)
        assert _encoder(app) and REFINING not in status_text(app)
    assert fake.closed
