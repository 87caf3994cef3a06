"""``f`` and ``/`` on big input: the search runs in a thread while the keys
keep working, a newer search (or Esc) wins over an older one, and the panes
work out where the words are only for the rows they paint.

Searches in a thread wait at a gate the test opens, so what the screen does
meanwhile is certain, not a race; no timing is measured here (that is
``benchmarks/ui_bench.py``'s)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

import tui.ui.widgets.searching_panes as searching_panes
from tests.support.settle import settled
from tui.model import Document, Paragraph, Sentence
from tui.ui.app import SynopticApp
from tui.ui.screens.reader import ReaderScreen
from tui.view.search import AT_ONCE, NOTHING, Found, find_in

SOURCES, SENTENCES = 4, 3_000
"""12,000 sentences in all: more than AT_ONCE, so ``f`` runs in a thread."""


def big_document(source: int) -> Document:
    sentences, paragraphs, position = [], [], 0
    for number in range(SENTENCES):
        state = "closed" if number % 3 == 0 else "open"
        text = f"Report {number} from desk {source}: the port is {state}."
        sentences.append(Sentence(position, position + len(text), number, text))
        paragraphs.append(Paragraph(position, position + len(text)))
        position += len(text) + 1
    name = f"desk{source}.txt"
    return Document(name, None, " " * position, "utf-8", "", sentences, [], paragraphs)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Searches in a worker thread wait until the gate is set; the UI thread's do not."""
    gate = threading.Event()

    def held(*args: object, **kwargs: object) -> Found:
        if threading.current_thread() is not threading.main_thread():
            assert gate.wait(30), "the test never opened the gate"
        return find_in(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(searching_panes, "find_in", held)
    # Aligning 12,000 sentences is not what is tested (and takes a while).
    monkeypatch.setattr(ReaderScreen, "start_alignment", lambda self: None)
    yield gate
    gate.set()


HELD = ("search",)
"""The worker group of the searches held at the gate: not waited for until it opens."""


def status(app: SynopticApp) -> str:
    return str(app.query_one("#status-right").render())


async def test_keys_work_while_f_searches_and_the_newest_search_wins(
    gate: threading.Event,
) -> None:
    assert SOURCES * SENTENCES > AT_ONCE
    app = SynopticApp(documents=[big_document(n) for n in range(SOURCES)])
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        linked = app.reader_screen.linked_panes
        await pilot.press("f", *"closed", "enter")
        await settled(pilot, ignoring=HELD)
        assert linked.found is NOTHING  # still searching, in its thread
        assert linked.active_pane.has_focus and "hits" not in status(app)
        await pilot.press("down", "down", "2")  # the keys answer meanwhile
        assert linked.active_index == 1
        start = (1, linked.active_pane.cursor)
        await pilot.press("f", *"open", "enter")  # a newer search, the older still running
        gate.set()
        await app.workers.wait_for_complete()
        await settled(pilot)
        found = linked.found
        assert found.query == "open" and found.everywhere  # "closed" came back too, dropped
        opened = [n for n in range(SENTENCES) if n % 3]
        assert found.hits == [(source, n) for source in range(SOURCES) for n in opened]
        assert f"{len(opened) * SOURCES} hits in 4 sources for “open”" in status(app)
        at = (linked.active_index, linked.active_pane.cursor)
        assert at == found.next(start, True, inclusive=True)
        for pane in linked.panes:
            assert list(pane.hits) == opened
            at_open = pane.document.sentences[1].text.index("open")
            assert pane.hits[1] == [(at_open, at_open + 4)]
            # Only what was painted (and the one just asked for) was worked out.
            assert pane.hits.worked_out() < 100  # type: ignore[attr-defined]
        await pilot.press("n")
        assert (linked.active_index, linked.active_pane.cursor) == found.next(at, True)


async def test_escape_drops_a_search_still_running_and_slash_stays_at_once(
    gate: threading.Event,
) -> None:
    app = SynopticApp(documents=[big_document(n) for n in range(SOURCES)])
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        linked = app.reader_screen.linked_panes
        await pilot.press("f", *"desk", "enter")
        await settled(pilot, ignoring=HELD)
        await pilot.press("escape")
        gate.set()
        await app.workers.wait_for_complete()
        await settled(pilot)
        assert linked.found is NOTHING and all(not pane.hits for pane in linked.panes)
        # One source (3,000 sentences) is searched at once, without a thread.
        gate.clear()
        await pilot.press("slash", *"closed", "enter")
        await settled(pilot)
        assert linked.found.sources == (0,) and len(linked.found.hits) == SENTENCES // 3
        assert "1000 hits for “closed”" in status(app)
