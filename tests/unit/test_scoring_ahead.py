"""Scoring ahead in a child process (``tui.scoring_ahead``): the scores it sends
are the ones the reader's process would make, it is used only where it can
be, and it never outlives the reader. Each check runs in a fresh interpreter,
as ``synoptic`` forks (before Textual, no thread running)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tui.resources import sample_files
from tui.scoring_ahead import can_score_ahead

pytestmark = pytest.mark.process  # starts whole processes: not in make test-fast

SCRIPT = """
import json, os, sys
import numpy as np
from tui.scoring_ahead import ScoringAhead
from tui.pipeline import load_documents

files = sys.argv[1:]
ahead = ScoringAhead.start(files, False)
assert ahead is not None
documents = load_documents(files)
first = ahead.first(documents, lambda: False)
final = ahead.final(documents, lambda: False)
pid = ahead.pid
ahead.close()
try:
    os.kill(pid, 0)
    gone = False
except ProcessLookupError:
    gone = True
from tui.align import score
here_first, here_final = score(documents, first=True), score(documents)
same = lambda a, b: all(
    np.array_equal(getattr(a, n), getattr(b, n)) for n in ("rows", "cols", "scores")
)
print(json.dumps({
    "first_same": same(first, here_first),
    "first_pending": first.pending,
    "final_same": same(final, here_final),
    "final_encoder": final.encoder and not final.pending,
    "child_gone": gone,
}))
"""

OTHER_TEXT = """
import json, sys
from dataclasses import replace
from tui.scoring_ahead import ScoringAhead
from tui.pipeline import load_documents

files = sys.argv[1:]
ahead = ScoringAhead.start(files, False)
documents = load_documents(files)
edited = [replace(documents[0], text=documents[0].text + " And one more."), *documents[1:]]
other = ahead.first(edited, lambda: False)
stopped = ScoringAhead.start(files, False)
cancelled = stopped.first(documents, lambda: True)
ahead.close(); stopped.close()
print(json.dumps({"other": other is None, "cancelled": cancelled is None}))
"""


def _run(script: str) -> dict[str, bool]:
    files = [str(path) for path in sample_files("news")]
    result = subprocess.run(
        [sys.executable, "-c", script, *files], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_the_child_sends_the_scores_this_process_would_make_and_is_gone_after() -> None:
    assert _run(SCRIPT) == {
        "first_same": True,
        "first_pending": True,
        "final_same": True,
        "final_encoder": True,
        "child_gone": True,
    }


def test_scores_of_other_text_or_a_cancelled_wait_are_not_taken() -> None:
    assert _run(OTHER_TEXT) == {"other": True, "cancelled": True}


def test_only_local_files_are_scored_ahead(tmp_path, monkeypatch) -> None:
    one, two = tmp_path / "a.txt", tmp_path / "b.txt"
    one.write_text("A bridge reopened.\n", encoding="utf-8")
    two.write_text("The bridge reopened.\n", encoding="utf-8")
    assert can_score_ahead([str(one), str(two)])
    assert not can_score_ahead([str(one)])  # nothing to align
    assert not can_score_ahead([str(one), "-"])  # standard input is read once
    assert not can_score_ahead([str(one), "https://example.org/story"])  # never fetched twice
    assert not can_score_ahead([str(one), str(tmp_path / "missing.txt")])
    monkeypatch.setenv("SYNOPTIC_SCORE_AHEAD", "0")
    assert not can_score_ahead([str(one), str(two)])
