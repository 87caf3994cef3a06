"""Issue 12, point 3: ``r`` reads every source again, keeps the manual corrections
whose sentences are still there and the reading position, and says what changed."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.support.pilot import aligned, move_cursor_to, pane_named, screen_row, sentence_index
from tests.support.settle import settled, until
from tests.support.sources import PROXY_VARIABLES, Route, Site, serve
from tui.corrections import CorrectionStore
from tui.model import Document
from tui.resources import sample_files
from tui.ui import reloading
from tui.ui.app import SynopticApp

BOLTON = "US National Security Adviser John Bolton described"
UNCLEAR = "It was not immediately clear which measures he was referring to, the BBC reported."
NOT_KNOWN = "It is not known if the two events are connected."
ADDED = "Officials in Seoul gave no comment on Saturday. The weather in Kaesong was mild."


@pytest.fixture(autouse=True)
def _private_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SYNOPTIC_DATA_DIR", str(tmp_path / "data"))
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def news(tmp_path: Path) -> tuple[Path, Path]:
    """Copies of two sample sources the test may change."""
    bbc, cbs = (tmp_path / name for name in ("bbc.txt", "cbs-news.txt"))
    for copy in (bbc, cbs):
        shutil.copy(next(p for p in sample_files("news") if p.name == copy.name), copy)
    return bbc, cbs


async def reload(pilot: Pilot) -> None:
    """Press r and wait until the reload and the alignment after it are done."""
    app = pilot.app
    assert isinstance(app, SynopticApp)
    await pilot.press("r")
    for _ in range(20):  # the reload worker, then the alignment it starts
        await app.workers.wait_for_complete()
        await settled(pilot)
        if not app.reader_screen.reloader.running and app.reader_screen.alignment is not None:
            break
    await settled(pilot)
    assert not app.reader_screen.reloader.running


async def link_by_hand(pilot: Pilot, app: SynopticApp, bbc_text: str, cbs_number: int) -> None:
    """m on a BBC sentence, then m on CBS sentence ``cbs_number``, as a reader would."""
    bbc = pane_named(app, "bbc.txt")
    await pilot.press("1")
    await move_cursor_to(pilot, bbc, bbc_text)
    await pilot.press("m", "2")
    cbs = pane_named(app, "cbs-news.txt")
    cbs.set_cursor(cbs_number)
    await settled(pilot)
    await pilot.press("m")
    await app.workers.wait_for_complete()
    await settled(pilot)


def manual_pairs(app: SynopticApp) -> set[tuple[str, str]]:
    """The hand-made links shown, as (BBC sentence, CBS sentence) texts."""
    alignment = app.reader_screen.alignment
    assert alignment is not None
    bbc, cbs = app.reader_screen.reading.documents
    return {
        (bbc.sentences[link.sentence_a].text, cbs.sentences[link.sentence_b].text)
        for link in alignment.links
        if link.manual
    }


async def test_r_shows_the_new_text_where_the_reader_was_and_keeps_corrections(
    reader, said, news: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    bbc_path, cbs_path = news
    async with reader([str(bbc_path), str(cbs_path)], size=(160, 40)) as pilot:
        app = pilot.app
        cbs_doc = app.reader_screen.reading.documents[1]
        # Two links by hand to CBS's last two sentences: one from a sentence that
        # stays, one from a sentence the new version drops.
        last = len(cbs_doc.sentences) - 1
        await link_by_hand(pilot, app, BOLTON, last)
        await link_by_hand(pilot, app, UNCLEAR, last - 1)
        cbs_texts = (cbs_doc.sentences[last].text, cbs_doc.sentences[last - 1].text)
        bolton = next(
            s.text for s in app.reader_screen.reading.documents[0].sentences if BOLTON in s.text
        )
        assert manual_pairs(app) == {(bolton, cbs_texts[0]), (UNCLEAR, cbs_texts[1])}
        # The reader reads on at Bolton's sentence in the BBC pane, below the changes.
        await pilot.press("1")
        bbc = pane_named(app, "bbc.txt")
        await move_cursor_to(pilot, bbc, NOT_KNOWN)
        await move_cursor_to(pilot, bbc, BOLTON)
        row = screen_row(bbc, BOLTON)
        old_count = len(bbc.document.sentences)

        # Meanwhile the file changes: two sentences added near the top, one dropped.
        text = bbc_path.read_text(encoding="utf-8")
        tweet = "In a tweet on Friday, Trump referred"
        text = text.replace(UNCLEAR + "\n\n", "").replace(tweet, f"{ADDED}\n\n{tweet}")
        bbc_path.write_text(text, encoding="utf-8")
        messages = said.from_now()
        await reload(pilot)

        bbc = pane_named(app, "bbc.txt")
        assert len(bbc.document.sentences) == old_count + 1
        assert any("weather in Kaesong" in s.text for s in bbc.document.sentences)
        assert app.reader_screen.linked_panes.active_index == 0
        assert bbc.document.sentences[bbc.cursor].text == bolton
        assert bbc.cursor == 6  # was 5: two sentences added above it, one removed
        assert screen_row(bbc, BOLTON) == row  # the same place on screen
        assert (
            "Reloaded: bbc.txt 2 sentences added, 1 removed; cbs-news.txt unchanged"
            " · 1 correction kept" in messages
        )
        # The link whose sentences are both still there applies; the other does not,
        # but stays in the store (the old text may come back).
        assert manual_pairs(app) == {(bolton, cbs_texts[0])}
        stored = CorrectionStore().load()
        assert len(stored) == 3 and all(c.action == "link" for c in stored)
        # Linked again: CBS lines up the cursor's counterpart on the cursor's row.
        linked = app.reader_screen.linked_panes
        assert linked.links.ready and linked.links.documents[0] is bbc.document
        assert linked.lined_up(1) == last  # the link made by hand
        cbs = pane_named(app, "cbs-news.txt")
        assert cbs.content_region.y + cbs.screen_row_of(cbs.wrapped.sentence_first[last]) == row


async def test_r_with_nothing_changed_says_so_and_keeps_the_links(
    reader, said, news: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    async with reader([str(path) for path in news], size=(160, 40)) as pilot:
        app = pilot.app
        links = app.reader_screen.linked_panes.links
        panes = app.reader_screen.linked_panes
        messages = said.from_now()
        await reload(pilot)
        assert messages == ["Reloaded: nothing changed"]
        assert (
            app.reader_screen.linked_panes is panes
            and app.reader_screen.linked_panes.links is links
        )


async def test_r_with_nothing_changed_keeps_the_suggestions(reader) -> None:
    """ "26 links · 8 suggestions" became "· 0 suggestions" after r, and the ?
    marks went until + or -."""
    async with reader(size=(160, 40)) as pilot:
        app = pilot.app
        screen = app.reader_screen
        before = len(screen.reading.suggestions)
        marked = [set(pane.suggested) for pane in app.reader_screen.linked_panes.panes]
        assert before > 0 and any(marked), "the sample has suggestions at the default"
        summary = str(app.query_one("#status-left").render())
        await reload(pilot)
        assert len(screen.reading.suggestions) == before
        assert [set(pane.suggested) for pane in app.reader_screen.linked_panes.panes] == marked
        assert str(app.query_one("#status-left").render()) == summary


async def test_a_missing_or_empty_file_keeps_its_old_text(
    reader, said, news: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    bbc_path, cbs_path = news
    async with reader([str(bbc_path), str(cbs_path)], size=(160, 40)) as pilot:
        app = pilot.app
        before = [document.text for document in app.reader_screen.reading.documents]
        bbc_path.write_text("  \n", encoding="utf-8")
        cbs_path.unlink()
        messages = said.from_now()
        await reload(pilot)
        assert [document.text for document in app.reader_screen.reading.documents] == before
        assert "bbc.txt: is now empty; kept the text read before" in messages
        assert "cbs-news.txt: no such file; kept the text read before" in messages
        assert "Reloaded: nothing changed" in messages
        assert sentence_index(pane_named(app, "bbc.txt"), NOT_KNOWN) >= 0


@pytest.fixture
def site() -> Iterator[Site]:
    first = b"Harbour bridge reopens\n\nThe harbour bridge reopened on Saturday after repairs.\n"
    with serve(Site({"/story": Route(first, "text/plain; charset=utf-8")})) as running:
        yield running


async def test_a_url_is_fetched_again(
    reader, said, site: Site, news: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = site.url("/story")
    async with reader([url, str(news[1])], size=(160, 40)) as pilot:
        app = pilot.app
        site.routes["/story"] = Route(
            b"Harbour bridge reopens\n\nThe harbour bridge reopened on Saturday after repairs."
            b" Traffic was slow at first.\n",
            "text/plain; charset=utf-8",
        )
        messages = said.from_now()
        await reload(pilot)
        assert [path for path, _agent in site.requests] == ["/story", "/story"]
        assert (
            app.reader_screen.reading.documents[0].sentences[-1].text
            == "Traffic was slow at first."
        )
        assert f"Reloaded: {url} 1 sentence added; cbs-news.txt unchanged" in messages


async def test_standard_input_is_kept_and_said(
    reader, said, news: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.pipeline import load_documents

    piped = load_documents(["-"], stdin=_Bytes(news[0].read_bytes()))
    documents: list[Document] = [*piped, *load_documents([str(news[1])])]
    async with reader(size=(160, 40), documents=documents) as pilot:
        app = pilot.app
        messages = said.from_now()
        await reload(pilot)
        assert "-: standard input cannot be read again; kept its text" in messages
        assert app.reader_screen.reading.documents[0] is piped[0]


async def test_a_second_r_while_reloading_starts_nothing(
    reader, said, news: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    held = threading.Event()
    calls: list[int] = []
    real = reloading.reread_all

    def slow(documents: list[Document], keep: bool = False) -> object:
        calls.append(1)
        held.wait(10)
        return real(documents, keep)

    monkeypatch.setattr(reloading, "reread_all", slow)
    async with reader([str(path) for path in news], size=(160, 40)) as pilot:
        app = pilot.app
        messages = said.from_now()
        await pilot.press("r")  # held: wait for each answer, not for quiet
        await until(
            pilot,
            lambda: "reading the sources again" in str(app.query_one("#status-left").render()),
            "the reload to start",
        )
        await pilot.press("r", "m", "plus")
        await until(
            pilot,
            lambda: messages.count("Still aligning: try again in a moment") == 2,
            "m and + to be refused",
        )
        assert "Already reloading: wait for it to finish" in messages
        assert messages.count("Still aligning: try again in a moment") == 2
        held.set()
        await app.workers.wait_for_complete()
        await settled(pilot)
        await app.workers.wait_for_complete()
        await settled(pilot)
        assert calls == [1]
        assert "Reloaded: nothing changed" in messages
        assert app.reader_screen.alignment is not None


class _Bytes:
    """A stand-in for standard input."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data


async def test_quitting_mid_reload_does_not_wait_for_it(
    news: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A slow URL may hold a reload for its whole timeout; q must not wait for it."""
    held, started, finished = threading.Event(), threading.Event(), threading.Event()

    def stuck(documents: list[Document], keep: bool = False) -> object:
        started.set()
        held.wait(20)
        finished.set()
        raise RuntimeError("released")

    returned = threading.Event()
    work = reloading.Reloader._work

    def watched(self: reloading.Reloader, *args: object) -> None:
        work(self, *args)  # type: ignore[arg-type]
        returned.set()

    monkeypatch.setattr(reloading, "reread_all", stuck)
    monkeypatch.setattr(reloading.Reloader, "_work", watched)
    app = SynopticApp([str(path) for path in news])
    try:
        async with app.run_test(size=(160, 40)) as pilot:
            await aligned(pilot)
            await pilot.press("r")
            assert started.wait(10)
            await pilot.press("q")
        # The worker gave up as the app exited (Python waits for a worker's
        # thread as it exits), while the reading is still held.
        assert returned.wait(10)
        assert not finished.is_set()
        assert app.reader_screen.reloader.running
    finally:
        held.set()


async def test_r_after_a_failed_alignment_aligns_again(
    news: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.align

    real = tui.align.align
    calls: list[int] = []

    def flaky(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("out of luck")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tui.align, "align", flaky)
    app = SynopticApp([str(path) for path in news])
    async with app.run_test(size=(160, 40)) as pilot:
        await app.workers.wait_for_complete()
        await settled(pilot)
        assert app.reader_screen.alignment is None
        await reload(pilot)
        assert len(calls) == 2
        assert (
            app.reader_screen.alignment is not None and app.reader_screen.linked_panes.links.ready
        )


async def test_the_command_palette_offers_reload(
    reader, said, news: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    async with reader([str(path) for path in news], size=(160, 40)) as pilot:
        app = pilot.app
        messages = said.from_now()
        command = next(
            c for c in app.get_system_commands(app.screen) if c.title == "Reload sources"
        )
        command.callback()
        for _ in range(3):
            await app.workers.wait_for_complete()
            await settled(pilot)
        assert messages == ["Reloaded: nothing changed"]
