"""A wheel (``pip install .``, not editable) must carry the styles and samples."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.support.documents import ROOT


def test_wheel_carries_styles_and_samples(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "--wheel-dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    wheel = next(tmp_path.glob("synoptic-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for sample in (
        "news/bbc.txt",
        "news/cbs-news.txt",
        "news/business-standard.txt",
        "gospels/mark.txt",
        "gospels/ORDER",
        "levels-amazon/Amazon-ele.txt",
        "levels-amazon/LICENSE.CC-BY-SA-4.0.md",
    ):
        assert f"tui/_data/samples/{sample}" in names
    styles = [name for name in names if name.startswith("tui/_data/styles/")]
    assert any(name.endswith(".tcss") for name in styles), styles
    assert "tui/cli.py" in names
    entry_points = next(name for name in names if name.endswith("entry_points.txt"))
    assert "synoptic = tui.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
