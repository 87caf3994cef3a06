"""``synoptic batch`` end to end: tables, links equal to the JSON export, bad stories,
resume after a kill, Ctrl+C, --force and the options' one-line errors."""

from __future__ import annotations

import contextlib
import json
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.corpus import (
    inline_story,
    make_folder,
    start_batch,
    stop_group,
    table_rows,
    wait_for_parts,
    write_jsonl,
)
from tui.align.threshold import DEFAULT_THRESHOLD
from tui.batch.tables import SCHEMAS
from tui.cli import main
from tui.resources import sample_files

pytestmark = pytest.mark.process  # starts whole processes: not in make test-fast

LIMIT = 120.0
"""Seconds a subprocess run may take on a busy machine before the test gives up."""


def _batch(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["batch", *args])
    return code, capsys.readouterr().err


def test_a_folder_of_stories_makes_every_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_folder(tmp_path / "in", 3)
    out = tmp_path / "out"
    code, err = _batch(capsys, str(root), "-o", str(out), "--workers", "1")
    assert code == 0, err
    assert "3 stories written, 0 already written, 0 failed" in err
    assert len(err.strip().splitlines()) == 1  # stderr is not a terminal: one summary line
    for table, schema in SCHEMAS.items():
        parts = sorted(path.name for path in (out / table).iterdir())
        assert len(parts) == 3 and all(name.startswith("part-story-") for name in parts), table
        assert table_rows(out, table)  # every table has rows for these stories
        assert schema.names == list(table_rows(out, table)[0])
    stories = {row["story"]: row for row in table_rows(out, "stories")}
    assert set(stories) == {"story-000", "story-001", "story-002"}
    assert stories["story-000"]["sources"] == ["alpha", "beta", "gamma"]
    assert all(row["links"] > 0 for row in stories.values())
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["threshold"] == DEFAULT_THRESHOLD and manifest["complete"] is True
    assert len(manifest["model"]) == 2
    assert "| alpha | 3 |" in (out / "report.md").read_text()


def test_links_are_exactly_those_of_export_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = tmp_path / "in" / "news"
    story.mkdir(parents=True)
    files = []
    for path in sample_files("news"):
        shutil.copy(path, story / path.name)
        files.append(str(story / path.name))
    out = tmp_path / "out"
    code, err = _batch(capsys, str(tmp_path / "in"), "-o", str(out), "--workers", "1")
    assert code == 0, err
    assert main(["--export", "json", "--no-corrections", *sorted(files)]) == 0
    exported = json.loads(capsys.readouterr().out)
    links = [
        {key: row[key] for key in exported["links"][0] if key != "why"}
        for row in sorted(
            table_rows(out, "links"),
            key=lambda r: (r["source_a"], r["sentence_a"], r["source_b"], r["sentence_b"]),
        )
    ]
    # The export's "why" (reasons in words) is for people, not a corpus table.
    expected = sorted(
        ({key: value for key, value in link.items() if key != "why"} for link in exported["links"]),
        key=lambda r: (r["source_a"], r["sentence_a"], r["source_b"], r["sentence_b"]),
    )
    assert len(links) > 10 and links == expected
    sentences = [row for row in table_rows(out, "sentences") if row["boilerplate"] is None]
    assert len(sentences) == sum(len(source["sentences"]) for source in exported["sources"])
    groups = {row["group"] for row in table_rows(out, "groups")}
    assert len(groups) == len(exported["groups"])
    assert len(table_rows(out, "unique")) == len(exported["unique"])
    assert len(table_rows(out, "flags")) == len(exported["flags"])


def test_json_lines_with_a_bad_line_and_an_unreadable_story(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_jsonl(
        tmp_path / "stories.jsonl",
        [
            inline_story("first", 0),
            "{oops",
            {"id": "missing", "sources": [{"name": "a", "path": "nowhere.txt"}]},
            inline_story("second", 1),
        ],
    )
    out = tmp_path / "out"
    code, err = _batch(capsys, str(path), "-o", str(out), "--workers", "1")
    assert code == 1
    lines = err.strip().splitlines()
    assert any(line.startswith("synoptic: story line 2: is not JSON") for line in lines)
    assert any(
        line.startswith("synoptic: story missing: ") and "no such file" in line for line in lines
    )
    assert "2 stories written, 0 already written, 2 failed" in lines[-1]
    assert "Traceback" not in err
    assert {row["story"] for row in table_rows(out, "stories")} == {"first", "second"}
    assert json.loads((out / "manifest.json").read_text())["complete"] is False


def test_a_degenerate_story_is_cut_and_says_so_in_its_notes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_jsonl(
        tmp_path / "stories.jsonl",
        [{"id": "hi", "sources": [{"name": n, "text": "Hi. " * 400 + n} for n in ("a", "b")]}],
    )
    code, err = _batch(capsys, str(path), "-o", str(tmp_path / "out"), "--workers", "1")
    assert code == 0, err
    (row,) = table_rows(tmp_path / "out", "stories")
    assert any("50" in note for note in row["notes"]), row["notes"]


def test_resume_after_a_kill_gives_the_same_tables(tmp_path: Path) -> None:
    root = make_folder(tmp_path / "in", 12)
    killed, clean = tmp_path / "killed", tmp_path / "clean"
    process = start_batch(str(root), "-o", str(killed), "--workers", "1")
    try:
        written = wait_for_parts(killed, 2, process, LIMIT)
    finally:
        stop_group(process, signal.SIGKILL)
        process.wait(LIMIT)
    assert 2 <= written < 12, "the run must be stopped midway"
    # Only complete parts are visible to a dataset reader (hidden temporary names aside).
    for table in SCHEMAS:
        for part in (killed / table).glob("part-*.parquet"):
            assert part.stat().st_size > 0
    again = start_batch(str(root), "-o", str(killed), "--workers", "1")
    _, err = again.communicate(timeout=LIMIT)
    assert again.returncode == 0, err
    skipped = int(err.split(" already written")[0].rsplit(", ", 1)[1])
    assert skipped >= written
    assert not [p for t in SCHEMAS for p in (killed / t).iterdir() if p.name.startswith(".")]
    full = start_batch(str(root), "-o", str(clean), "--workers", "1")
    full.communicate(timeout=LIMIT)
    for table in SCHEMAS:
        drop = ("seconds",) if table == "stories" else ()  # times differ from run to run
        assert table_rows(killed, table, drop) == table_rows(clean, table, drop), table


def _forty_stories_on_two_workers(tmp_path: Path) -> tuple[Path, subprocess.Popen[str]]:
    """A batch run of forty stories started (not waited for): its output folder and process."""
    out = tmp_path / "out"
    root = make_folder(tmp_path / "in", 40)
    return out, start_batch(str(root), "-o", str(out), "--workers", "2")


@pytest.mark.skipif(sys.platform == "win32", reason="process groups and SIGINT")
def test_ctrl_c_stops_cleanly(tmp_path: Path) -> None:
    out, process = _forty_stories_on_two_workers(tmp_path)
    try:
        wait_for_parts(out, 1, process, LIMIT)
        stop_group(process, signal.SIGINT)  # what the terminal sends on Ctrl+C
        _, err = process.communicate(timeout=LIMIT)
    finally:
        if process.poll() is None:
            stop_group(process, signal.SIGKILL)
    assert process.returncode == 130, err
    assert "Traceback" not in err
    assert "run the same command to resume" in err.strip().splitlines()[-1]
    assert not [p for t in SCHEMAS for p in (out / t).iterdir() if p.name.startswith(".")]
    done = len(list((out / "stories").glob("part-*.parquet")))
    assert 1 <= done < 40


def test_force_redoes_written_stories(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_folder(tmp_path / "in", 2)
    out = tmp_path / "out"
    assert _batch(capsys, str(root), "-o", str(out), "--workers", "1")[0] == 0
    code, err = _batch(capsys, str(root), "-o", str(out), "--workers", "1")
    assert code == 0 and "0 stories written, 2 already written" in err  # resumed: not redone
    part = next((out / "links").glob("part-*.parquet"))
    part.write_bytes(b"spoiled")
    code, err = _batch(capsys, str(root), "-o", str(out), "--workers", "1")
    assert code == 0 and "1 story written, 1 already written" in err  # the spoiled one
    assert part.read_bytes() != b"spoiled"
    code, err = _batch(capsys, str(root), "-o", str(out), "--workers", "1", "--force")
    assert code == 0 and "2 stories written, 0 already written" in err
    assert len(table_rows(out, "links")) > 0


def test_options_and_folders_that_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_folder(tmp_path / "in", 1)
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("my own file")
    code, err = _batch(capsys, str(root), "-o", str(mine))
    assert code == 2 and "is not empty and has no manifest.json" in err
    assert (mine / "notes.txt").read_text() == "my own file" and len(list(mine.iterdir())) == 1
    code, err = _batch(capsys, str(root))
    assert code == 2 and err.count("\n") == 1 and "-o OUTDIR" in err
    out = tmp_path / "out"
    assert _batch(capsys, str(root), "-o", str(out), "--workers", "1")[0] == 0
    code, err = _batch(capsys, str(root), "-o", str(out), "--threshold", "60")
    assert code == 2 and "another threshold" in err and "--force" in err
    monkeypatch.setitem(sys.modules, "distributed", None)  # Dask not installed
    code, err = _batch(capsys, str(root), "-o", str(out), "--scheduler", "tcp://127.0.0.1:1")
    assert code == 2 and "pip install 'synoptic[dask]'" in err and err.count("\n") == 1


def test_report_of_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _batch(capsys, "--report", str(tmp_path))
    assert code == 2 and "not a synoptic batch folder" in err


def test_corpus_mode_leaves_its_sentence_vectors_for_the_reader(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 27: corpus mode encodes with the reader's model into the one cache."""
    import numpy as np

    from tui.align import encoder
    from tui.align.vector_cache import VectorCache
    from tui.pipeline import load_documents

    monkeypatch.setenv("SYNOPTIC_CACHE_DIR", str(tmp_path / "cache"))
    story = tmp_path / "in" / "news"
    story.mkdir(parents=True)
    for path in sample_files("news"):
        shutil.copy(path, story / path.name)
    code, err = _batch(capsys, str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--workers", "2")
    assert code == 0, err
    documents = load_documents([str(path) for path in sorted(story.iterdir())])
    texts = [sentence.text for document in documents for sentence in document.sentences]

    def never(_texts: object) -> np.ndarray:
        raise AssertionError("every vector should be in the cache already")

    cache = VectorCache(encoder.MODEL_SHA256, encoder.DIMENSIONS)
    vectors = cache.encode(texts, never)
    assert vectors.shape == (len(texts), encoder.DIMENSIONS)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-4)


def test_outdir_equal_to_input_is_one_line_and_nothing_done(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 30, case 16: the tables were read as stories."""
    root = make_folder(tmp_path / "in", 1)
    before = sorted(path.name for path in root.iterdir())
    code, err = _batch(capsys, str(root), "-o", str(root))
    assert code == 2 and "is INPUT itself" in err and len(err.strip().splitlines()) == 1
    assert sorted(path.name for path in root.iterdir()) == before


def test_a_second_run_into_one_outdir_is_one_line_naming_the_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 30, case 2: two runs at once, one with another threshold, both exit
    0 and the tables mix thresholds under one manifest."""
    import os

    from tui.batch.lock import locked

    root = make_folder(tmp_path / "in", 1)
    out = tmp_path / "out"
    out.mkdir()
    with locked(out):  # as a run in another process holds it
        code, err = _batch(capsys, str(root), "-o", str(out), "--workers", "1")
    assert code == 2 and f"process {os.getpid()}" in err, err
    assert not (out / "manifest.json").exists()
    code, err = _batch(capsys, str(root), "-o", str(out), "--workers", "1")  # free again
    assert code == 0, err


def test_a_table_folder_that_is_a_link_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 30, case 5: out/links -> elsewhere was followed."""
    root = make_folder(tmp_path / "in", 1)
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "manifest.json").write_text("{}")  # a folder of ours, as after a first run
    (out / "links").symlink_to(elsewhere, target_is_directory=True)
    code, err = _batch(capsys, str(root), "-o", str(out), "--workers", "1", "--force")
    assert code == 2 and "not a real folder" in err, err
    assert list(elsewhere.iterdir()) == []


def test_a_fifo_in_a_story_is_a_failed_story_not_a_hang(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 30, case 9: a FIFO as a source path waited for a writer for ever."""
    import os

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    lines = write_jsonl(
        tmp_path / "in.jsonl",
        [{"id": "f", "sources": [{"name": "a", "path": "pipe"}, {"name": "b", "text": "One."}]}],
    )
    code, err = _batch(capsys, str(lines), "-o", str(tmp_path / "out"), "--workers", "1")
    assert code == 1 and "story f: a: is a named pipe (FIFO), not a regular file" in err, err


def _stamps(out: Path) -> set[bytes]:
    import pyarrow.parquet as pq

    from tui.batch.tables import STAMP_KEY

    return {
        (pq.read_metadata(part).metadata or {}).get(STAMP_KEY, b"")
        for table in SCHEMAS
        for part in (out / table).glob("part-*.parquet")
    }


def test_a_resume_redoes_the_stories_made_with_other_settings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 30, case 1: a --force run with a new threshold, killed after its
    manifest was written, then resumed: "already written", threshold-85 rows
    under a manifest that says 50 and complete."""
    root = make_folder(tmp_path / "in", 3)
    out = tmp_path / "out"
    code, err = _batch(capsys, str(root), "-o", str(out), "--workers", "1", "--threshold", "85")
    assert code == 0, err
    manifest = json.loads((out / "manifest.json").read_text())
    manifest.update(threshold=50.0, complete=False)  # as the killed --force run left it
    (out / "manifest.json").write_text(json.dumps(manifest))
    code, err = _batch(capsys, str(root), "-o", str(out), "--workers", "1", "--threshold", "50")
    assert code == 0 and "3 stories written, 0 already written" in err, err
    clean = tmp_path / "clean"
    code, err = _batch(capsys, str(root), "-o", str(clean), "--workers", "1", "--threshold", "50")
    assert code == 0, err
    assert table_rows(out, "links") == table_rows(clean, "links")
    assert len(_stamps(out)) == 1 and _stamps(out) == _stamps(clean)


def test_a_damaged_part_is_redone_not_trusted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 30, case 4: a links part cut in half was trusted; a stories part of
    garbage gave an ArrowInvalid traceback."""
    root = make_folder(tmp_path / "in", 3)
    out = tmp_path / "out"
    code, err = _batch(capsys, str(root), "-o", str(out), "--workers", "1")
    assert code == 0, err
    expected = table_rows(out, "links")
    links = sorted((out / "links").glob("part-*.parquet"))
    links[0].write_bytes(links[0].read_bytes()[: links[0].stat().st_size // 2])
    stories = sorted((out / "stories").glob("part-*.parquet"))
    stories[1].write_bytes(b"garbage" * 100)
    code, err = _batch(capsys, str(root), "-o", str(out), "--workers", "1")
    assert code == 0 and "2 stories written, 1 already written" in err, err
    assert table_rows(out, "links") == expected
    assert main(["batch", "--report", str(out)]) == 0


def test_a_story_that_fails_under_force_keeps_no_old_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 30, case 3: its old rows stayed in all six tables under the new manifest."""
    lines = tmp_path / "in.jsonl"
    write_jsonl(lines, [inline_story("one", 0), inline_story("two", 1)])
    out = tmp_path / "out"
    code, err = _batch(capsys, str(lines), "-o", str(out), "--workers", "1")
    assert code == 0, err
    broken = inline_story("two", 1)
    broken["sources"][0]["text"] = "nul\x00inside"
    write_jsonl(lines, [inline_story("one", 0), broken])
    code, err = _batch(capsys, str(lines), "-o", str(out), "--workers", "1", "--force")
    assert code == 1 and "story two" in err, err
    for table in SCHEMAS:
        assert {row["story"] for row in table_rows(out, table)} <= {"one"}, table


def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (read from /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _gone(pids: set[int], limit: float) -> bool:
    import os
    import time

    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        alive = set()
        for pid in pids:
            try:
                os.kill(pid, 0)
                state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
                if state != "Z":
                    alive.add(pid)
            except (ProcessLookupError, OSError):
                pass
        if not alive:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize("sign", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_stop_as_cleanly_as_ctrl_c(tmp_path: Path, sign: signal.Signals) -> None:
    """Issue 30, case 11."""
    out, process = _forty_stories_on_two_workers(tmp_path)
    try:
        wait_for_parts(out, 1, process, LIMIT)
        workers = _children(process.pid)
        process.send_signal(sign)  # the main process only, as a service manager does
        _, err = process.communicate(timeout=LIMIT)
    finally:
        if process.poll() is None:
            stop_group(process, signal.SIGKILL)
    assert process.returncode == 128 + sign, err
    assert "Traceback" not in err and f"stopped by {sign.name}" in err.strip().splitlines()[-1]
    assert not [p for t in SCHEMAS for p in (out / t).iterdir() if p.name.startswith(".")]
    assert _gone(workers, 30.0)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_the_workers_end_when_the_run_is_killed(tmp_path: Path) -> None:
    """Issue 30, case 11: kill -9 of the main process left its workers alive."""
    out, process = _forty_stories_on_two_workers(tmp_path)
    try:
        wait_for_parts(out, 1, process, LIMIT)
        workers = _children(process.pid) - {process.pid}
        assert workers
        process.kill()
        process.communicate(timeout=LIMIT)
        assert _gone(workers, 30.0), "the workers outlived the run"
    finally:
        with contextlib.suppress(ProcessLookupError):
            stop_group(process, signal.SIGKILL)  # whatever is left of the group


def test_a_story_over_its_time_limit_is_given_up_and_the_others_go_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 30, case 9: a stuck story held the whole corpus."""
    root = make_folder(tmp_path / "in", 2)
    out = tmp_path / "out"
    code, err = _batch(
        capsys, str(root), "-o", str(out), "--workers", "1", "--story-timeout", "0.001"
    )
    assert code == 1 and err.count("took longer than 0.001 s: given up") == 2, err
    code, err = _batch(capsys, str(root), "-o", str(out), "--workers", "1")  # the default: ample
    assert code == 0 and "2 stories written" in err, err
    with pytest.raises(SystemExit) as stopped:  # argparse's own one line
        _batch(capsys, str(root), "-o", str(out), "--story-timeout", "-1")
    assert stopped.value.code == 2 and "not a number of seconds" in capsys.readouterr().err
