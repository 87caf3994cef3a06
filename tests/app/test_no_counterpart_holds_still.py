"""Where the cursor sentence has no counterpart in a source, that pane holds still."""

from __future__ import annotations

import pytest

from tests.support.settle import settled
from tui.ui.app import SynopticApp


@pytest.mark.parametrize("size", [(200, 50), (120, 40)])
async def test_end_leaves_a_pane_without_a_counterpart_where_it_was(
    size: tuple[int, int],
) -> None:
    app = SynopticApp([])
    async with app.run_test(size=size) as pilot:
        await settled(pilot)
        await pilot.press("1", "home")
        await settled(pilot)
        linked = app.reader_screen.linked_panes
        leader = linked.active_pane
        before = {pane.index: (pane.content_top, pane.pad_top) for pane in linked.panes}
        await pilot.press("end")
        await settled(pilot)
        last = len(leader.document.sentences) - 1
        assert leader.cursor == last
        # Without a counterpart and without a suggestion to preview (a pane with
        # one lines that up instead: tests/app/test_suggestions.py).
        still = [
            pane
            for pane in linked.panes
            if pane is not leader
            and not linked.links.counterparts(leader.index, last, pane.index)
            and not pane.roles
        ]
        assert still, "the sample's last bbc sentence has no counterpart in some source"
        for pane in still:
            assert "no counterpart" in str(linked.header(pane.index).render())
            assert (pane.content_top, pane.pad_top) == before[pane.index], pane.document.name
