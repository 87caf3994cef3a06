"""The HTML export opened in a real browser: Debian's headless Chromium.

Locally, without Chromium, the test skips and says why; in CI (``CI=true``)
a missing browser is a failure, because ``.ci/run`` installs it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.support.chromium import FLAGS, chromium, png_colours
from tui.cli import main

pytestmark = pytest.mark.process  # starts whole processes: not in make test-fast


def run_chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "profile"
    command = [chromium(), *FLAGS, f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def exported(tmp_path: Path, news_paths: list[str], capsys: pytest.CaptureFixture[str]) -> Path:
    target = tmp_path / "synopsis.html"
    assert main(["--export", "html", "--no-corrections", "-o", str(target), *news_paths]) == 0
    capsys.readouterr()
    return target


def test_chromium_renders_the_synopsis_table(tmp_path: Path, exported: Path) -> None:
    result = run_chromium(tmp_path, "--dump-dom", exported.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    assert '<table class="synopsis">' in dom
    rows = dom.count('<tr class="shared') + dom.count('<tr class="only')
    assert rows > 20
    assert "<del>[Jong-un]</del>" in dom and "<ins>" in dom
    assert '<span class="minor">Sanctions</span>' in dom


def test_chromium_screenshot_is_not_blank(tmp_path: Path, exported: Path) -> None:
    shot = tmp_path / "shot.png"
    result = run_chromium(
        tmp_path, f"--screenshot={shot}", "--window-size=1000,800", exported.as_uri()
    )
    assert result.returncode == 0 and shot.exists(), result.stderr[-2000:]
    colours = png_colours(shot.read_bytes())
    assert len(colours) > 50, f"only {len(colours)} colours: the page looks blank"
    # The highlight colours of <ins> (green) and <del> (red) are on screen.
    assert any(g > r + 30 and g > b + 30 for r, g, b in colours), "no green insertion"
    assert any(r > g + 30 and r > b + 30 for r, g, b in colours), "no red deletion"
