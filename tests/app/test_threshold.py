"""+ and - change the score threshold live: links are chosen again from the kept scores."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.support.pilot import aligned, pane_named
from tests.support.settle import settled, until
from tui.align import DEFAULT_THRESHOLD
from tui.resources import sample_files
from tui.ui.app import SynopticApp


def status_text(app: SynopticApp) -> str:
    return str(app.screen.query_one("#status-left", Static).render())


START = 50.0
"""Where the threshold tests start: room for four + and six - (steps of 5)."""


async def test_the_default_threshold_is_shown(reader) -> None:
    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        assert f"threshold {DEFAULT_THRESHOLD:g}" in status_text(app)


async def test_plus_and_minus_choose_links_again_without_scoring(reader, monkeypatch) -> None:
    async with reader(size=(160, 48), threshold=START) as pilot:
        app = pilot.app
        before = len(app.reader_screen.alignment.links)
        assert f"threshold {START:g}" in status_text(app)

        def no_scoring(*_args, **_kwargs):
            raise AssertionError("re-selection must not score again")

        monkeypatch.setattr("tui.align.aligner.score", no_scoring)
        for _ in range(4):
            await pilot.press("plus")
            await aligned(pilot)
        stricter = app.reader_screen.alignment
        assert len(stricter.links) < before
        assert all(link.score >= START + 20 for link in stricter.links)
        assert f"threshold {START + 20:g}" in status_text(app)
        for _ in range(6):
            await pilot.press("minus")
            await aligned(pilot)
        assert len(app.reader_screen.alignment.links) > before
        assert f"threshold {START - 10:g}" in status_text(app)
        # The panes follow: the counts in the headers are the new ones.
        bbc = pane_named(app, "bbc.txt")
        total, linked, _unique = app.reader_screen.linked_panes.links.counts(bbc.index)
        assert f"{round(100 * linked / total)}% linked" in str(
            app.reader_screen.linked_panes.header(bbc.index).render()
        )


async def test_a_source_with_few_links_suggests_a_looser_threshold(reader) -> None:
    """News about North Korea beside an article about Amazon: hardly a link, so
    each header says how to look wider; - loosens the threshold by 5."""
    news = sample_files("news")[0]
    amazon = next(path for path in sample_files("levels-amazon") if path.name.endswith("adv.txt"))
    async with reader([news, amazon], size=(200, 48)) as pilot:
        app = pilot.app
        headers = [str(app.reader_screen.linked_panes.header(i).render()) for i in range(2)]
        assert all("few links: - for looser ones" in header for header in headers), headers
        await pilot.press("minus")
        await aligned(pilot)
        assert f"threshold {DEFAULT_THRESHOLD - 5:g}" in status_text(app)


async def test_well_linked_sources_do_not_suggest_a_looser_threshold(reader) -> None:
    async with reader(size=(200, 48)) as pilot:
        app = pilot.app
        headers = [str(app.reader_screen.linked_panes.header(i).render()) for i in range(3)]
        assert all("% linked" in header for header in headers), headers
        assert not any("few links" in header for header in headers), headers


async def test_the_threshold_stays_within_0_and_100(reader) -> None:
    async with reader(size=(160, 48), threshold=100) as pilot:
        app = pilot.app
        await pilot.press("plus")
        await aligned(pilot)
        assert "threshold 100" in status_text(app)


async def test_a_reload_aligns_at_the_threshold_the_status_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """+ four times (50 to 70), a source changes, r: the new links are chosen at
    70, not at the threshold the app started with (its stale copy used to win)."""
    monkeypatch.setenv("SYNOPTIC_DATA_DIR", str(tmp_path / "data"))
    copies = []
    for source in sample_files("news"):
        copies.append(tmp_path / source.name)
        shutil.copy(source, copies[-1])
    app = SynopticApp(copies, threshold=START)
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        for _ in range(4):
            await pilot.press("plus")
            await settled(pilot)
        strict = START + 20
        assert f"threshold {strict:g}" in status_text(app)
        with copies[0].open("a", encoding="utf-8") as text:
            text.write("\n\nOfficials in Seoul gave no comment on Saturday.\n")
        await pilot.press("r")
        await settled(pilot)
        assert app.reader_screen.alignment is not None and not app.reader_screen.reloader.running
        last = app.reader_screen.reading.documents[0].sentences[-1].text
        assert "Officials in Seoul" in last  # the new text
        assert app.reader_screen.reading.threshold == strict
        assert min(link.score for link in app.reader_screen.alignment.links) >= strict
        assert f"threshold {strict:g}" in status_text(app)


async def test_plus_while_a_correction_saves_keeps_the_threshold_shown(
    reader, monkeypatch: pytest.MonkeyPatch
) -> None:
    """m…m, then + while the link is saved: the save's links (chosen at the old
    threshold) replaced those of the new one, under a status saying the new."""
    import threading

    from tui.corrections.store import CorrectionStore

    release, saving = threading.Event(), threading.Event()
    real_save = CorrectionStore._save

    def slow_save(self, corrections):  # type: ignore[no-untyped-def]
        saving.set()
        assert release.wait(20), "never released"
        real_save(self, corrections)

    monkeypatch.setattr(CorrectionStore, "_save", slow_save)
    async with reader(size=(160, 48), threshold=START) as pilot:
        app = pilot.app
        assert any(link.score < START + 5 for link in app.reader_screen.alignment.links)
        await pilot.press("m", "3", "end", "m")  # BBC's headline with CBS's last sentence
        await until(pilot, saving.is_set, "the save to start")
        await pilot.press("plus")
        await until(pilot, lambda: f"threshold {START + 5:g}" in status_text(app), "the +")
        release.set()
        await until(
            pilot,
            lambda: any(link.manual for link in app.reader_screen.alignment.links),
            "the link",
        )
        await settled(pilot)
        assert f"threshold {START + 5:g}" in status_text(app)
        links = app.reader_screen.alignment.links
        assert all(link.manual or link.score >= START + 5 for link in links), [
            link.score for link in links if not link.manual
        ]


async def test_a_failure_of_overtaken_work_is_not_shown_over_newer_links(reader) -> None:
    from dataclasses import replace

    from tui.ui.messages import AlignmentFailed

    async with reader(size=(160, 48)) as pilot:
        app = pilot.app
        screen = app.reader_screen
        old = replace(screen.reading.snapshot(), threshold=screen.reading.threshold - 5)
        screen.post_message(AlignmentFailed("boom", old))
        await settled(pilot)
        assert "Alignment failed" not in status_text(app) and "links" in status_text(app)
        screen.post_message(AlignmentFailed("boom", screen.reading.snapshot()))
        await until(pilot, lambda: "Alignment failed: boom" in status_text(app), "the failure")
