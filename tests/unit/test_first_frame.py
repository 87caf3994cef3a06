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
    "rapidfuzz",
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
    "tui.ingest.books",
    "tui.view.jump_lists",
]
"""The model and the aligner (and rapidfuzz, which the word
differences use once there are links) are the alignment worker's to load,
after the first frame; the fetcher only when a source is a URL; the exports, the
disagreement flags, the jump lists and the dialogs when they are asked for;
the readers of PDF, DOCX, EPUB and Markdown when such a file is opened."""


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


def test_the_collector_the_cli_turned_off_for_the_start_is_on_after_the_first_frame() -> None:
    """``synoptic`` turns the cyclic collector off while Textual is imported and
    the screen built (``tui.cli``); left off, a long session would never free
    a cycle."""
    code = (
        "import asyncio, gc\n"
        "from tui.ui.app import SynopticApp\n"
        "async def main():\n"
        "    gc.disable()\n"
        "    app = SynopticApp([])\n"
        "    async with app.run_test(size=(120, 40)) as pilot:\n"
        "        for _ in range(1000):\n"
        "            if gc.isenabled():\n"
        "                break\n"
        "            await pilot.pause(0.01)\n"
        "        print(gc.isenabled(), gc.get_freeze_count() > 0)\n"
        "asyncio.run(main())\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True"]
