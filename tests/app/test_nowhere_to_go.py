"""Keys with nowhere to go say so (as ``o`` and ``c`` do), not just ring a bell."""

from __future__ import annotations

import pytest

from tests.support.settle import settled
from tui.ui.app import SynopticApp


@pytest.mark.parametrize(
    ("edge", "key", "expected"),
    [
        ("end", "u", "no unique passage after this one"),
        ("home", "U", "no unique passage before this one"),
        ("end", "right_square_bracket", "no shared passage after this one"),
        ("home", "left_square_bracket", "no shared passage before this one"),
    ],
)
async def test_a_passage_key_past_the_last_passage_says_so(
    said, monkeypatch: pytest.MonkeyPatch, edge: str, key: str, expected: str
) -> None:
    app = SynopticApp([])
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        await pilot.press("1", edge)
        await settled(pilot)
        pane = app.linked_panes.active_pane
        # Walk to the last (first) passage, then one more press has nowhere to go.
        messages = said.from_now()
        for _ in range(len(pane.document.sentences)):
            before = pane.cursor
            await pilot.press(key)
            await settled(pilot)
            if pane.cursor == before:
                break
        assert any(expected in message for message in messages), messages
