"""Extracting a 1 MB news page (issue 11: target <= 1 s), each format once, and
the reader's first paint of three URLs served on 127.0.0.1 (target <= 1.5 s).

.venv/bin/python benchmarks/formats_bench.py
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.sources import (
    COURIER,
    COURIER_TITLE,
    GAZETTE,
    GAZETTE_TITLE,
    Route,
    Site,
    article_page,
    make_docx,
    make_epub,
    make_pdf,
    serve,
)
from tui.ingest.formats import convert


def best_of(runs: int, name: str, data: bytes) -> float:
    convert(name, None, data)  # imports and caches warm
    spent = []
    for _ in range(runs):
        began = time.perf_counter()
        convert(name, None, data)
        spent.append(time.perf_counter() - began)
    return min(spent)


async def first_paint(specs: list[str]) -> float:
    """Seconds from constructing the app (which fetches the URLs) to the first drawn rows."""
    from tui.ui.app import SynopticApp
    from tui.ui.widgets.source_pane import SourcePane

    painted: list[float] = []
    original = SourcePane.render_lines

    def spy(self: SourcePane, crop):  # type: ignore[no-untyped-def]
        if self.wrapped.height and not painted:
            painted.append(time.perf_counter())
        return original(self, crop)

    SourcePane.render_lines = spy  # type: ignore[method-assign]
    try:
        start = time.perf_counter()
        app = SynopticApp(specs)
        async with app.run_test(size=(160, 48)) as pilot:
            while not painted:
                await pilot.pause(0.005)
        return painted[0] - start
    finally:
        SourcePane.render_lines = original  # type: ignore[method-assign]


def three_urls() -> float:
    pages = [
        article_page(COURIER_TITLE, COURIER * 4),
        article_page(GAZETTE_TITLE, GAZETTE * 4, site="The Harbour Gazette"),
        article_page(COURIER_TITLE, COURIER[::-1] * 4, site="Bay Daily"),
    ]
    site = Site({f"/{n}": Route(page.encode()) for n, page in enumerate(pages)})
    with serve(site):
        return asyncio.run(first_paint([site.url(f"/{n}") for n in range(3)]))


def main() -> None:
    # First, while trafilatura and pypdf are not imported yet: what a user waits for.
    print(f"first paint, three URLs on 127.0.0.1: {three_urls():.3f} s (target <= 1.5 s)")
    pages = {
        "1 MB page, 200x article + 12000 teasers": article_page(
            COURIER_TITLE, COURIER * 200, padding=12000
        ),
        "1 MB page, 2000x article": article_page(COURIER_TITLE, COURIER * 2000),
    }
    for label, page in pages.items():
        data = page.encode()
        print(f"html  {label} ({len(data) / 2**20:.2f} MB): {best_of(5, 'x.html', data):.3f} s")
    lines = [COURIER[n % len(COURIER)][:70] for n in range(40)]
    others = {
        "pdf (20 pages)": ("x.pdf", make_pdf([lines] * 20)),
        "docx (500 paragraphs)": ("x.docx", make_docx(COURIER_TITLE, COURIER * 100)),
        "epub (20 chapters)": ("x.epub", make_epub(COURIER_TITLE, [COURIER * 5] * 20)),
    }
    for label, (name, data) in others.items():
        print(f"{label}: {best_of(3, name, data):.3f} s")


if __name__ == "__main__":
    main()
