"""Counterparts stay on the hit's row after a search near the end of the leader.

Closing the search bar makes the panes taller; a follower padded to line up
its counterpart had its scroll clamped by the new height and stood a row (on
the raw seeds, dozens of rows) away from the hit.
"""

from __future__ import annotations

import random
from pathlib import Path

from tests.support.pilot import misplaced_counterparts, search_for
from tests.support.settle import settled
from tui.ui.app import SynopticApp

KEY = (
    "White House press secretary Sarah Sanders explained that the president "
    "likes Chairman Kim very much."
)
LATER = "However, she added that the sanctions would stay in place for now."


def _fillers(rng: random.Random, count: int) -> list[str]:
    """Sentences of made-up words: no two link to each other."""

    def word() -> str:
        return "".join(rng.choice("bcdfghjklmnpqrstvwxz") + rng.choice("aeiou") for _ in range(3))

    return [" ".join(word() for _ in range(12)).capitalize() + "." for _ in range(count)]


def _sources(folder: Path) -> list[str]:
    """The shape of the seeds: the hit near the end of the first source, its
    counterpart near the start of the second and near the end of the third."""
    rng = random.Random(7)
    texts = {
        "a.txt": [*_fillers(rng, 45), KEY, LATER, *_fillers(rng, 1)],
        "b.txt": [*_fillers(rng, 1), KEY, *_fillers(rng, 30)],
        "c.txt": [*_fillers(rng, 25), KEY, *_fillers(rng, 1), LATER],
    }
    paths = []
    for name, sentences in texts.items():
        path = folder / name
        path.write_text("\n\n".join(sentences) + "\n", encoding="utf-8")
        paths.append(str(path))
    return paths


async def test_a_hit_near_the_end_has_every_counterpart_on_its_row(tmp_path: Path) -> None:
    app = SynopticApp(_sources(tmp_path))
    async with app.run_test(size=(240, 60)) as pilot:
        await settled(pilot)
        await pilot.press("1")
        await search_for(pilot, "likes Chairman")
        leader = app.reader_screen.linked_panes.active_pane
        assert "likes Chairman" in leader.document.sentences[leader.cursor].text
        followers = [pane for pane in app.reader_screen.linked_panes.panes if pane is not leader]
        assert all(app.reader_screen.linked_panes.lined_up(pane.index) >= 0 for pane in followers)
        assert not misplaced_counterparts(app)
