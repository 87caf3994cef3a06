"""A wheel (``pip install .``, not editable) must carry the styles and samples."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.support.wheel import build_wheel

pytestmark = pytest.mark.process  # starts whole processes: not in make test-fast


def test_wheel_carries_styles_and_samples(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path)
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
