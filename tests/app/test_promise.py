"""Issue 9: the reader keeps its promise that the other panes show the matching passage."""

from __future__ import annotations

from tests.support.pilot import aligned, pane_named, search_for, visible_sentences
from tui.resources import sample_files
from tui.ui.app import SynopticApp
from tui.ui.widgets.source_pane import SourcePane


def _unrelated_followers(app: SynopticApp, leader: SourcePane) -> list[str]:
    """Followers showing nothing linked to the leader's screen although a link exists."""
    links = app.linked_panes.links
    on_screen = visible_sentences(leader)
    wrong = []
    for follower in app.linked_panes.panes:
        if follower is leader:
            continue
        linked = {
            number
            for sentence in on_screen
            for number, _score in links.counterparts(leader.index, sentence, follower.index)
        }
        if linked and not linked & visible_sentences(follower):
            wrong.append(f"{follower.document.name} shows none of {sorted(linked)}")
    return wrong


async def test_paging_through_the_gospels_every_follower_shows_a_linked_passage() -> None:
    app = SynopticApp([str(path) for path in sample_files("gospels")])
    async with app.run_test(size=(160, 40)) as pilot:
        await aligned(pilot)
        luke = pane_named(app, "luke.txt")
        assert app.linked_panes.active_pane is luke
        await search_for(pilot, "Herod the tetrarch, being reproved")
        await pilot.press("escape")
        await pilot.pause()
        assert not _unrelated_followers(app, luke)
        keys = ["pagedown"] * 12 + ["pageup"] * 16
        for number, key in enumerate(keys):
            await pilot.press(key)
            await pilot.pause()
            wrong = _unrelated_followers(app, luke)
            assert not wrong, f"after {keys[: number + 1].count(key)} × {key}: {wrong}"
