"""What colour alone used to say is said in words too (NO_COLOR, and unlinked mode)."""

from __future__ import annotations

import pytest
from textual.widgets import RadioButton

from tests.support.settle import settled
from tui.ui.app import SynopticApp
from tui.ui.screens.export import ExportScreen


async def test_a_pane_with_no_counterpart_still_says_unlinked() -> None:
    app = SynopticApp([])
    async with app.run_test(size=(200, 50)) as pilot:
        await settled(pilot)
        await pilot.press("1", "x", "end")
        await settled(pilot)
        linked = app.reader_screen.linked_panes
        leader = linked.active_pane
        headers = {
            pane.index: str(linked.header(pane.index).render())
            for pane in linked.panes
            if pane is not leader
        }
        assert any("no counterpart" in text for text in headers.values()), headers
        assert all("unlinked" in text for text in headers.values()), headers


async def test_the_chosen_export_format_is_marked_in_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = SynopticApp([])
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        await pilot.press("e")
        await settled(pilot)
        assert isinstance(app.screen, ExportScreen)

        def labels() -> dict[str, str]:
            return {
                button.name or "": str(button.label) for button in app.screen.query(RadioButton)
            }

        first, second = list(labels())[:2]
        assert labels()[first] == f"{first} ✓" and labels()[second] == second
        await pilot.press("down")
        await settled(pilot)
        assert labels()[first] == first and labels()[second] == f"{second} ✓"
