"""The corrections store: unreadable files, concurrent saves, twin sources."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.corrections import CorrectionStore, apply_corrections
from tui.pipeline import compare

HUGE = (
    '{"version": 1, "corrections": [{"action": "link", "a": ["x", '
    + "9" * 5000
    + ', 1], "b": ["y", 0, 1]}]}\n'
)


def _pair(tmp_path: Path) -> list[str]:
    (tmp_path / "a.txt").write_text(
        "Trump cancels the sanctions. Kim smiles. Rain fell.\n", "utf-8"
    )
    (tmp_path / "b.txt").write_text(
        "Trump cancelled sanctions. Markets rose. Kim smiled.\n", "utf-8"
    )
    return [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]


# 8. A store holding a 5,000-digit integer (any unreadable store) -------------


@pytest.mark.parametrize(
    "content",
    [HUGE, "[" * 100_000, '{"version": 1, "corrections": 5}'],
    ids=["huge-integer", "deep", "shape"],
)
@pytest.mark.process
def test_an_unreadable_store_is_a_warning_and_left_untouched(tmp_path: Path, content: str) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "corrections.json").write_text(content, "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--export", "json", *_pair(tmp_path)],
        capture_output=True,
        env={**os.environ, "SYNOPTIC_DATA_DIR": str(data)},
        timeout=120,
    )
    err = result.stderr.decode()
    assert result.returncode == 0 and "Traceback" not in err, err
    assert "warning: " in err and "left untouched" in err
    assert json.loads(result.stdout)["links"]
    assert (data / "corrections.json").read_text("utf-8") == content


# 4. Concurrent saves ------------------------------------------------------------

WRITER = """
import sys
from tui.corrections import CorrectionStore
from tui.pipeline import compare
comparison = compare(sys.argv[2:4])
store = CorrectionStore(sys.argv[1])
parity = int(sys.argv[4])
for i in range(30):
    if i % 2 == parity:
        for j in range(20):
            store.link(comparison, (0, i), (1, j))
"""


@pytest.mark.process
def test_two_processes_saving_at_once_lose_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        " ".join(f"Sentence number {n} of the first." for n in range(30)), "utf-8"
    )
    (tmp_path / "b.txt").write_text(
        " ".join(f"Line {n} says another thing." for n in range(20)), "utf-8"
    )
    data = tmp_path / "data"
    args = [str(data), str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, *args, str(parity)]) for parity in (0, 1)
    ]
    assert [writer.wait(timeout=300) for writer in writers] == [0, 0]
    assert len(CorrectionStore(data).load()) == 600


# 5. Corrections between byte-identical sources ---------------------------------


def test_a_correction_between_identical_sources_applies(tmp_path: Path) -> None:
    text = "The wire story starts here. It has a second sentence. And a third one.\n"
    (tmp_path / "ap.txt").write_text(text, "utf-8")
    (tmp_path / "outlet.txt").write_text(text, "utf-8")
    comparison = compare([str(tmp_path / "ap.txt"), str(tmp_path / "outlet.txt")])
    store = CorrectionStore(tmp_path / "data")
    store.link(comparison, (0, 0), (1, 2))
    store.cut(comparison, (0, 1), (1, 1))
    corrected = apply_corrections(comparison, store)
    pairs = {(link.a, link.b): link for link in corrected.alignment.links}
    assert ((0, 0), (1, 2)) in pairs and pairs[((0, 0), (1, 2))].manual
    assert ((0, 1), (1, 1)) not in pairs
    assert ((0, 1), (1, 1)) in {(link.a, link.b) for link in comparison.alignment.links}


def test_stale_entries_are_pruned_superseded_and_oldest_beyond_the_cap() -> None:
    """Issue 10, case 14: the store grew for ever."""
    from tui.corrections.store import Correction, pruned

    def entry(number: int, action: str = "link") -> Correction:
        return Correction(action, ("a" * 64, number, number + 1), ("b" * 64, number, number + 1))  # type: ignore[arg-type]

    old = [entry(n) for n in range(10)]
    # A later decision about pair 3 supersedes the earlier one and is the newest.
    assert pruned([*old, entry(3, "cut")], limit=100) == [*old[:3], *old[4:], entry(3, "cut")]
    assert pruned(old, limit=4) == old[-4:]  # the oldest go first
