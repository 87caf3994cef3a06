"""Building the project's wheel in a test (the real ``pip wheel``, no network)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.documents import ROOT


def build_wheel(folder: Path) -> Path:
    """The wheel of this checkout, built into ``folder`` (fails the test if pip fails)."""
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
            str(folder),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return next(folder.glob("synoptic-*.whl"))
