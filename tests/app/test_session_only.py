"""A served reader (``session_only``) keeps a visitor's corrections and theme to the
session: the owner's corrections file and settings file stay as they were, and
the reader says so (issue 18, 3). ``test_serve_security.py`` tries it through
a real server; here the same app runs under Pilot."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.support.pilot import aligned
from tui.settings import load_settings
from tui.ui.app import SynopticApp

STORE = '{\n "version": 1,\n "corrections": []\n}\n'
SETTINGS = '# mine\ntheme = "gruvbox"\n'


def files_under(folder: Path) -> dict[Path, tuple[bytes, int]]:
    """Every file with its bytes and modification time: a rewrite shows either way."""
    return {
        path: (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


async def until(condition, seconds: float = 60.0) -> bool:  # type: ignore[no-untyped-def]
    """Poll ``condition()`` until it holds, at most ``seconds``."""
    for _ in range(int(seconds * 20)):
        if condition():
            return True
        await asyncio.sleep(0.05)
    return bool(condition())


@pytest.mark.parametrize("stored", [True, False], ids=["files-exist", "no-files-yet"])
async def test_a_served_reader_leaves_the_owners_files_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stored: bool
) -> None:
    data, config = tmp_path / "data", tmp_path / "config"
    monkeypatch.setenv("SYNOPTIC_DATA_DIR", str(data))
    monkeypatch.setenv("SYNOPTIC_CONFIG_DIR", str(config))
    if stored:
        data.mkdir()
        config.mkdir()
        (data / "corrections.json").write_text(STORE, encoding="utf-8")
        (config / "settings.toml").write_text(SETTINGS, encoding="utf-8")
    before = files_under(tmp_path)
    settings, _ = load_settings()
    app = SynopticApp([], settings=settings, session_only=True)
    said: list[str] = []
    notify = app.notify

    def recording(message: str, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        said.append(str(message))
        notify(message, *args, **kwargs)

    app.notify = recording  # type: ignore[method-assign]
    async with app.run_test(size=(160, 48)) as pilot:
        await aligned(pilot)
        assert any("session only" in line for line in said), said
        screen = app.reader_screen

        def manual_links() -> int:
            assert screen.alignment is not None
            return sum(link.manual for link in screen.alignment.links)

        manual = manual_links()
        await pilot.press("m")
        await pilot.press("2", "end", "m")  # the headline to business-standard's last sentence
        await app.workers.wait_for_complete()
        assert await until(lambda: manual_links() > manual), said
        assert any(line.endswith("(this session only)") for line in said), said
        await pilot.press("z")  # undo and redo work in memory too
        await app.workers.wait_for_complete()
        assert await until(lambda: any(line.startswith("Undone") for line in said)), said
        app.theme = "nord"
        assert await until(lambda: any("Theme for this session only" in line for line in said))
        await app.workers.wait_for_complete()
    assert files_under(tmp_path) == before
    assert data.exists() is stored and config.exists() is stored
