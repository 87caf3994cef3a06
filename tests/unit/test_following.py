"""What a follower pane shows for the leader's cursor, headless (tui.view.following)."""

from __future__ import annotations

from tui.model import Comparison
from tui.view.following import Follower, Role, follower_view
from tui.view.linking import LinkIndex
from tui.view.suggestions import Suggestion, Suggestions


def never(_one: object, _two: object) -> bool:
    return False


def test_counterparts_suggestion_preview_and_nothing(news: Comparison) -> None:
    links = LinkIndex(news.documents, news.alignment)
    (a, b), *_ = [(link.a, link.b) for link in news.alignment.links if link.a[0] == 0]
    shown = follower_view(
        links, a, b[0], choice=0, linked=True, suggestions=Suggestions(), manual=never
    )
    assert shown.roles[shown.shown] is Role.LINED_UP and shown.status.style == "score"
    assert shown.status.text.startswith("↔ ")
    hand = follower_view(
        links, a, b[0], choice=0, linked=False, suggestions=Suggestions(), manual=lambda *_: True
    )
    assert hand.status.text.startswith("✎ manual link") and hand.status.text.endswith("unlinked")
    # A sentence with no counterpart in a source: a suggestion there is previewed...
    lonely = next(
        (0, n) for n in range(len(news.documents[0].sentences)) if not links.counterparts(0, n, 2)
    )
    offer = Suggestions([Suggestion(lonely, (2, 4), 80.0)])
    preview = follower_view(
        links, lonely, 2, choice=0, linked=True, suggestions=offer, manual=never
    )
    assert preview.roles == {4: Role.SUGGESTED} and preview.shown == 4
    assert "suggested" in preview.status.text
    # ...and without one the pane holds still, saying so.
    alone = follower_view(
        links, lonely, 2, choice=0, linked=True, suggestions=Suggestions(), manual=never
    )
    assert alone.roles == {} and alone.shown == -1 and alone.status.text == "no counterpart"
    assert (
        follower_view(
            LinkIndex(news.documents), a, 1, choice=0, linked=True, suggestions=offer, manual=never
        )
        == Follower()
    )
