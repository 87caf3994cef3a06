"""``synoptic batch --scheduler``: the same stories on a Dask LocalCluster on 127.0.0.1
give the same tables as the local process pool."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.corpus import make_folder, table_rows, write_jsonl
from tui.batch.tables import SCHEMAS
from tui.cli import main

pytestmark = pytest.mark.process  # starts whole processes: not in make test-fast

distributed = pytest.importorskip("distributed")


def local_cluster(workers: int = 1, threads: int = 2) -> Any:
    """A small cluster in this process, on 127.0.0.1, no dashboard."""
    return distributed.LocalCluster(
        n_workers=workers,
        threads_per_worker=threads,
        processes=False,
        protocol="tcp://",
        host="127.0.0.1",
        dashboard_address=None,
    )


@pytest.fixture
def cluster() -> Iterator[Any]:
    """One worker, two threads."""
    with local_cluster() as local:
        yield local


def test_the_dask_path_gives_the_pools_tables(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cluster: Any
) -> None:
    root = make_folder(tmp_path / "in", 5)
    (root / "broken").mkdir()
    (root / "broken" / "a.txt").write_bytes(b"\x00\x01\x02binary")
    on_dask, in_pool = tmp_path / "dask", tmp_path / "pool"
    address = cluster.scheduler_address
    assert address.startswith("tcp://127.0.0.1:")
    code = main(["batch", str(root), "-o", str(on_dask), "--scheduler", address])
    err = capsys.readouterr().err
    assert code == 1, err  # the broken story failed, the others were written
    assert "story broken: " in err and "binary" in err
    assert "5 stories written, 0 already written, 1 failed" in err
    assert main(["batch", str(root), "-o", str(in_pool), "--workers", "1"]) == 1
    for table in SCHEMAS:
        drop = ("seconds",) if table == "stories" else ()
        assert table_rows(on_dask, table, drop) == table_rows(in_pool, table, drop), table
    # Resuming on the cluster skips what is written, as the pool does.
    code = main(["batch", str(root), "-o", str(on_dask), "--scheduler", address])
    assert "0 stories written, 5 already written, 1 failed" in capsys.readouterr().err


def test_jsonl_on_dask(tmp_path: Path, capsys: pytest.CaptureFixture[str], cluster: Any) -> None:
    text = "The bridge opened on Friday after six years of work. Crowds came to see it."
    path = write_jsonl(
        tmp_path / "s.jsonl",
        [{"id": "one", "sources": [{"name": "a", "text": text}, {"name": "b", "text": text}]}],
    )
    code = main(
        ["batch", str(path), "-o", str(tmp_path / "out"), "--scheduler", cluster.scheduler_address]
    )
    assert code == 0, capsys.readouterr().err
    (row,) = table_rows(tmp_path / "out", "stories")
    assert row["story"] == "one" and row["links"] == 2


def test_no_scheduler_at_the_address_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.batch import dask_backend

    monkeypatch.setattr(dask_backend, "CONNECT_SECONDS", 1)
    root = make_folder(tmp_path / "in", 1)
    code = main(
        ["batch", str(root), "-o", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:9"]
    )
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "no Dask scheduler answers there" in err
    assert not (tmp_path / "out").exists()


def test_a_listener_that_never_answers_is_one_line_in_bounded_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 30, case 10: a port that accepts and never answers ran for 300 s."""
    import socket
    import time

    from tui.batch import dask_backend

    monkeypatch.setattr(dask_backend, "CONNECT_SECONDS", 1)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)  # accepts (the kernel does), never answers
    try:
        root = make_folder(tmp_path / "in", 1)
        started = time.monotonic()
        address = f"tcp://127.0.0.1:{listener.getsockname()[1]}"
        code = main(["batch", str(root), "-o", str(tmp_path / "out"), "--scheduler", address])
        elapsed = time.monotonic() - started
    finally:
        listener.close()
    err = capsys.readouterr().err
    assert code == 2 and "no Dask scheduler answered there in 1 s" in err, err
    assert elapsed < 30  # it ran for 300 s; a busy machine needs seconds to start


def test_a_scheduler_without_workers_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 30, case 10: a scheduler with no workers hung for ever, silent."""
    from tui.batch import dask_backend

    monkeypatch.setattr(dask_backend, "CONNECT_SECONDS", 2)
    with local_cluster(workers=0) as empty:
        root = make_folder(tmp_path / "in", 1)
        address = empty.scheduler_address
        code = main(["batch", str(root), "-o", str(tmp_path / "out"), "--scheduler", address])
    err = capsys.readouterr().err
    assert code == 2 and "has no workers" in err, err


def test_an_address_that_is_none_is_one_line_at_once(tmp_path: Path) -> None:
    """Issue 30, case 13: the right line, then a 20 s stall and 'Exception ignored
    in Client.__del__' (a fresh process: the stall was at its exit)."""
    import subprocess
    import sys
    import time

    root = make_folder(tmp_path / "in", 1)
    command = [sys.executable, "-m", "tui", "batch", str(root), "-o", str(tmp_path / "out")]
    started = time.monotonic()
    result = subprocess.run(
        [*command, "--scheduler", "::not an address::"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines() == [
        "synoptic: error: ::not an address::: is not a Dask scheduler address (invalid address "
        "'::not an address::'; maybe: ipv6 needs brackets like [::1])"
    ]
    assert time.monotonic() - started < 15  # it stalled 20 s at exit


def _killing(story: Any, *args: Any) -> Any:
    """The story task, but the second story takes its worker down with it."""
    from tui.batch.story import process_story

    if story.id == "story-001":
        worker = distributed.get_worker()
        worker.loop.add_callback(worker.close)
        import time

        time.sleep(3)
    return process_story(story, *args)


def test_the_only_worker_killed_mid_run_is_one_line_not_a_hang(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 30, case 10: the only worker killed mid-run: the run waited for ever."""
    import time

    from tui.batch import dask_backend

    monkeypatch.setattr(dask_backend, "CONNECT_SECONDS", 2)
    monkeypatch.setattr(dask_backend, "process_story", _killing)
    with local_cluster(threads=1) as local:
        root = make_folder(tmp_path / "in", 4)
        started = time.monotonic()
        code = main(
            [
                "batch",
                str(root),
                "-o",
                str(tmp_path / "out"),
                "--scheduler",
                local.scheduler_address,
            ]
        )
        elapsed = time.monotonic() - started
    err = capsys.readouterr().err
    assert code == 1 and "has had no workers for 2 s" in err, err
    assert elapsed < 60


def test_a_web_server_is_no_scheduler_one_line_in_bounded_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 30, case 10: --scheduler to an HTTP server ran for 300 s."""
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from tui.batch import dask_backend

    monkeypatch.setattr(dask_backend, "CONNECT_SECONDS", 1)
    server = ThreadingHTTPServer(("127.0.0.1", 0), SimpleHTTPRequestHandler)
    server.daemon_threads = True  # a handler waiting for a request line never holds it up
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        root = make_folder(tmp_path / "in", 1)
        address = f"tcp://127.0.0.1:{server.server_address[1]}"
        code = main(["batch", str(root), "-o", str(tmp_path / "out"), "--scheduler", address])
    finally:
        server.shutdown()
        server.server_close()
    err = capsys.readouterr().err
    assert code == 2 and "no Dask scheduler answer" in err, err
