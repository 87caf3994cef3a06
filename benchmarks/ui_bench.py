"""Reader speed: time to first paint, and the cost of one (linked) scroll step.

Targets (issue 3): first paint of the news sample <= 0.5 s; one synced
scroll step with 3 x 2,000 sentences <= 2 ms, reported next to an unlinked
step. Runs headless (``App.run_test``), so terminal output is not included,
but everything the reader computes, including drawing the rows, is.

    .venv/bin/python benchmarks/ui_bench.py
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.model import Document, Paragraph, Sentence
from tui.ui.app import SynopticApp
from tui.ui.widgets.source_pane import SourcePane

SENTENCES = 2000
STEPS = 300


async def first_paint() -> float:
    """Seconds from constructing the app (which loads the files) to the first drawn rows."""
    painted: list[float] = []
    original = SourcePane.render_lines

    def spy(self: SourcePane, crop):  # type: ignore[no-untyped-def]
        if self.wrapped.height and not painted:
            painted.append(time.perf_counter())
        return original(self, crop)

    SourcePane.render_lines = spy  # type: ignore[method-assign]
    try:
        start = time.perf_counter()
        app = SynopticApp([])
        async with app.run_test(size=(160, 48)) as pilot:
            while not painted:
                await pilot.pause(0.005)
        return painted[0] - start
    finally:
        SourcePane.render_lines = original  # type: ignore[method-assign]


def synthetic_sources(folder: Path) -> list[str]:
    """Three accounts of 2,000 facts: shared facts reworded, some reordered, some unique."""
    random.seed(7)
    common = "the officials said on friday that new measures would follow soon".split()
    paths = []
    for source in range(3):
        sentences = []
        for fact in range(SENTENCES):
            if random.random() < 0.25:
                words = [f"unique{source}x{fact}", *random.sample(common, 6)]
            else:
                words = [f"fact{fact}", f"detail{fact}", *random.sample(common, 8)]
            sentences.append(" ".join(words).capitalize() + ".")
        if source == 1:  # one outlet tells blocks of the story in another order
            for begin in range(0, SENTENCES, 200):
                block = sentences[begin : begin + 50]
                sentences[begin : begin + 50] = block[25:] + block[:25]
        paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, SENTENCES, 4)]
        path = folder / f"source{source}.txt"
        path.write_text("\n\n".join(paragraphs), encoding="utf-8")
        paths.append(str(path))
    return paths


async def scroll_steps(paths: list[str]) -> dict[str, float]:
    """Median milliseconds of one scroll step: unlinked, linked, and the repaint."""
    app = SynopticApp(paths)
    results: dict[str, list[float]] = {
        "unlinked": [],
        "linked": [],
        "cursor": [],
        "page": [],
        "repaint": [],
    }
    async with app.run_test(size=(160, 48)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        linked = app.linked_panes
        leader = linked.active_pane
        assert linked.links.ready
        links = linked.links.counts(0)[1]
        print(f"  {len(paths)} sources x {SENTENCES} sentences, {links} of source 1 linked")
        height = leader.wrapped.height
        for step in range(STEPS):
            row = (step * 37) % max(1, height - leader.viewport_height)
            start = time.perf_counter()
            leader._scroll_quietly(row)  # what a wheel notch does, without syncing
            results["unlinked"].append(time.perf_counter() - start)
            start = time.perf_counter()
            leader._scroll_quietly(row + 1)
            linked.sync_rows(leader)
            results["linked"].append(time.perf_counter() - start)
            start = time.perf_counter()
            leader.cursor = min(len(leader.document.sentences) - 1, step * 5)
            linked.refresh_highlights()
            linked.sync_cursor()
            results["cursor"].append(time.perf_counter() - start)
            if step % 40 == 0:
                leader.show_top(0)
            start = time.perf_counter()
            # PgDn: the scroll, the cursor carried to the reading line, and what the
            # panes' messages then do (line up by rows, highlights, line up the cursor).
            leader.action_page("down")
            linked.sync_rows(leader)
            linked.refresh_highlights()
            linked.sync_cursor()
            results["page"].append(time.perf_counter() - start)
            start = time.perf_counter()
            for pane in linked.panes:
                pane.render_lines(pane.content_region.reset_offset)
            results["repaint"].append(time.perf_counter() - start)
    return {name: 1000 * statistics.median(values) for name, values in results.items()}


SEARCHED_SOURCES = 4
SEARCHED_SENTENCES = 100_000


def big_document(source: int, count: int) -> Document:
    """``count`` sentences, nearly all with "the" in them, one paragraph of ten each."""
    words = "the officials said on friday that new measures would follow soon".split()
    sentences, paragraphs, position = [], [], 0
    for number in range(count):
        text = " ".join(words[(number + k + source) % len(words)] for k in range(9)) + "."
        sentences.append(Sentence(position, position + len(text), number // 10, text))
        position += len(text) + 1
    for first in range(0, count, 10):
        paragraphs.append(
            Paragraph(sentences[first].start, sentences[min(count, first + 10) - 1].end)
        )
    return Document(f"s{source}.txt", None, " " * position, "utf-8", "", sentences, [], paragraphs)


def _no_alignment(self: SynopticApp) -> None:
    """Alignment of 400,000 sentences is not what is measured (and takes minutes)."""


async def search_everywhere(documents: list[Document]) -> tuple[float, float, str]:
    """Seconds from Enter on ``f`` "the" to the status showing the count, the longest
    the event loop went without a turn meanwhile (the freeze), and the status."""
    original = SynopticApp.align_sources
    SynopticApp.align_sources = _no_alignment  # type: ignore[method-assign,assignment]
    try:
        app = SynopticApp(documents=documents)
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            await pilot.press("f", *"the")
            status = app.query_one("#status-right")
            gaps: list[float] = []
            done = asyncio.Event()

            async def ticker() -> None:
                last = time.perf_counter()
                while not done.is_set():
                    await asyncio.sleep(0.001)
                    now = time.perf_counter()
                    gaps.append(now - last)
                    last = now

            ticking = asyncio.create_task(ticker())
            await asyncio.sleep(0.01)
            start = time.perf_counter()
            await pilot.press("enter")
            while "hits in" not in str(status.render()):
                await pilot.pause(0.001)
            elapsed = time.perf_counter() - start
            done.set()
            await ticking
            return elapsed, max(gaps), str(status.render())
    finally:
        SynopticApp.align_sources = original  # type: ignore[method-assign]


def main() -> None:
    paint = asyncio.run(first_paint())
    print(f"first paint, news sample: {paint * 1000:.0f} ms (target <= 500 ms)")
    with tempfile.TemporaryDirectory() as folder:
        paths = synthetic_sources(Path(folder))
        steps = asyncio.run(scroll_steps(paths))
    print(f"unlinked scroll step:     {steps['unlinked']:.3f} ms")
    print(f"linked scroll step:       {steps['linked']:.3f} ms (target <= 2 ms)")
    print(f"linked cursor step:       {steps['cursor']:.3f} ms (highlights + line-up)")
    print(f"linked page step:         {steps['page']:.3f} ms (PgDn, cursor carried)")
    print(f"repaint of all 3 panes:   {steps['repaint']:.3f} ms (drawing the rows, per frame)")
    documents = [big_document(n, SEARCHED_SENTENCES) for n in range(SEARCHED_SOURCES)]
    elapsed, freeze, status = asyncio.run(search_everywhere(documents))
    print(
        f"f “the”, {SEARCHED_SOURCES} x {SEARCHED_SENTENCES:,} sentences: count shown after "
        f"{elapsed * 1000:.0f} ms, longest freeze {freeze * 1000:.0f} ms "
        f"({status.split(' for')[0]})"
    )


if __name__ == "__main__":
    main()
