"""The reader shows the text at once: building it loads nothing the first
frame does not need (issue 19, defect 16). In a fresh interpreter, since
other tests import everything."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.process  # starts whole processes: not in make test-fast

NOT_BEFORE_THE_FIRST_FRAME = [
    "numpy",
    "scipy",
    "tokenizers",
    "safetensors",
    "tui.align.embedding",
    "tui.align.aligner",
    "urllib.request",
    "http.client",
    "tui.ingest.fetch",
    "tui.export.formats",
    "tui.compare.disagreements",
    "tui.ui.screens.export",
    "tui.ui.screens.help",
]
"""The model and the aligner are the alignment worker's to load, after the
first frame; the fetcher only when a source is a URL; the exports, the
disagreement flags and the dialogs when they are asked for."""


def test_building_the_reader_loads_no_model_and_starts_no_thread() -> None:
    code = (
        "import json, sys, threading\n"
        "from tui.ui.app import SynopticApp\n"
        "app = SynopticApp([])\n"
        f"heavy = [m for m in {NOT_BEFORE_THE_FIRST_FRAME!r} if m in sys.modules]\n"
        "threads = [t.name for t in threading.enumerate() if t is not threading.main_thread()]\n"
        "print(json.dumps({'heavy': heavy, 'threads': threads}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found == {"heavy": [], "threads": []}
