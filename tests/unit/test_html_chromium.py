"""The HTML export opened in a real browser: Debian's headless Chromium.

Locally, without Chromium, the test skips and says why; in CI (``CI=true``)
a missing browser is a failure, because ``.ci/run`` installs it.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from tui.cli import main

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium() -> str:
    found = shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
    )
    if found is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("chromium is missing in CI: .ci/run should have installed it")
        pytest.skip("chromium is not installed (apt-get install chromium) to open the HTML export")
    return found


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


def png_colours(data: bytes) -> set[tuple[int, int, int]]:
    """The distinct RGB colours of an 8-bit RGB/RGBA PNG, without a PNG library."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, idat, header = 8, b"", b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        position += 12 + length
    width, height, depth, colour_type = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour_type in (2, 6), (depth, colour_type)
    channels = 3 if colour_type == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    previous = bytearray(stride)
    colours: set[tuple[int, int, int]] = set()
    offset = 0
    for _ in range(height):
        method = raw[offset]
        line = bytearray(raw[offset + 1 : offset + 1 + stride])
        offset += 1 + stride
        unfilter(line, previous, method, channels)
        for x in range(0, stride, channels * 7):  # a sample is plenty
            colours.add((line[x], line[x + 1], line[x + 2]))
        previous = line
    return colours


def unfilter(line: bytearray, previous: bytearray, method: int, bpp: int) -> None:
    for i in range(len(line)):
        left = line[i - bpp] if i >= bpp else 0
        up = previous[i]
        corner = previous[i - bpp] if i >= bpp else 0
        if method == 1:
            line[i] = (line[i] + left) & 0xFF
        elif method == 2:
            line[i] = (line[i] + up) & 0xFF
        elif method == 3:
            line[i] = (line[i] + (left + up) // 2) & 0xFF
        elif method == 4:
            estimate = left + up - corner
            pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - corner)
            best = left if pa <= pb and pa <= pc else up if pb <= pc else corner
            line[i] = (line[i] + best) & 0xFF
