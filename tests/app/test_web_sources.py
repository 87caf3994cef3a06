"""Issue 11 in the reader: a saved web page and a Markdown file open as their
text, the headline as title, and the page's site and date in the pane header."""

from __future__ import annotations

from pathlib import Path

from tests.support.pilot import drawn, pane_named
from tests.support.sources import COURIER, COURIER_TITLE, FURNITURE, GAZETTE, article_page
from tui.ui.widgets.pane_header import PaneHeader


async def test_a_saved_page_opens_as_its_article(reader, tmp_path: Path) -> None:
    page = tmp_path / "courier.html"
    page.write_text(article_page(COURIER_TITLE, COURIER), encoding="utf-8")
    notes = tmp_path / "gazette.md"
    notes.write_text("# Traffic back on the bridge\n\n" + "\n\n".join(GAZETTE), encoding="utf-8")
    async with reader([str(page), str(notes)], size=(160, 40)) as pilot:
        app = pilot.app
        headers = {header.document.name: header for header in app.query(PaneHeader)}
        first_line = str(headers["courier.html"].render()).splitlines()[0]
        assert "The Riverside Courier · 2026-03-14" in first_line
        assert COURIER_TITLE in first_line
        assert "·" not in str(headers["gazette.md"].render()).splitlines()[0]
        shown = "\n".join(drawn(pane_named(app, "courier.html")))
        assert "The harbour bridge reopened" in shown
        assert "<p>" not in shown
        for furniture in FURNITURE:
            assert furniture not in shown
        assert "**" not in "\n".join(drawn(pane_named(app, "gazette.md")))
