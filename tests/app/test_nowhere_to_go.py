"""Keys with nowhere to go say so (as ``o`` and ``c`` do), not just ring a bell."""

from __future__ import annotations

import threading

import pytest

import tui.align.aligner
from tests.support.settle import settled, until
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
        pane = app.reader_screen.linked_panes.active_pane
        # Walk to the last (first) passage, then one more press has nowhere to go.
        messages = said.from_now()
        for _ in range(len(pane.document.sentences)):
            before = pane.cursor
            await pilot.press(key)
            await settled(pilot)
            if pane.cursor == before:
                break
        assert any(expected in message for message in messages), messages


@pytest.mark.parametrize("key", ["s", "d", "O", "C", "e"])
async def test_views_asked_for_while_aligning_say_so(
    key: str, said, monkeypatch: pytest.MonkeyPatch
) -> None:
    """s, d and O did nothing and said nothing while the links were aligned."""
    release = threading.Event()
    real_align = tui.align.aligner.align

    def held_align(documents, threshold, progress, **options):  # type: ignore[no-untyped-def]
        release.wait(30)
        return real_align(documents, threshold, progress, **options)

    monkeypatch.setattr(tui.align.aligner, "align", held_align)
    app = SynopticApp([])
    async with app.run_test(size=(160, 48)) as pilot:
        await until(pilot, lambda: bool(app.reader_screen.linked_panes.panes), "the text")
        await pilot.press(key)
        await until(pilot, lambda: "Still aligning" in said, f"{key} to say why")
        assert app.screen is app.reader_screen, "nothing opened"
        release.set()
        await until(pilot, lambda: app.reader_screen.linked_panes.links.ready, "the links")


async def test_b_says_so_when_no_source_has_boilerplate(reader, said, tmp_path) -> None:
    paths = []
    for name, text in (("a.txt", "The bridge reopened.\n"), ("b.txt", "A bridge reopened.\n")):
        paths.append(tmp_path / name)
        paths[-1].write_text(text, encoding="utf-8")
    async with reader(paths) as pilot:
        await pilot.press("b")
        await until(pilot, lambda: "No boilerplate" in said, "b to say why")
        assert not any(pane.show_boilerplate for pane in pilot.app.reader_screen.linked_panes.panes)
