"""``synoptic --serve`` for real: a server subprocess on 127.0.0.1, visited over HTTP
and WebSocket the way the page's script does (the browser itself is
``test_serve_browser.py``).

Every wait here is for something to happen (a line, a screen, a process
ending), bounded generously so a loaded machine is slow but never wrong.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest

from tests.support.serving import Served, Session, children, running, served, wait_until_ended


async def visit(http: aiohttp.ClientSession, server: Served) -> Session:
    """Open the page's WebSocket as textual.js does, sized 120 x 40."""
    socket_ = await http.ws_connect(f"{server.url}ws?width=120&height=40")
    return Session(socket_, bytearray(), [])


async def test_the_page_loads_and_names_synoptic() -> None:
    with served() as server:
        assert "(Ctrl+C stops)" in server.first_line
        async with aiohttp.ClientSession() as http, http.get(server.url) as response:
            assert response.status == 200
            assert response.content_type == "text/html"
            page = await response.text()
        assert "Synoptic" in page
        port = server.url.rsplit(":", 1)[1].rstrip("/")
        assert f'data-session-websocket-url="ws://127.0.0.1:{port}/ws"' in page


async def test_the_websocket_upgrades_and_streams_a_fresh_reader_per_visitor() -> None:
    """No files: the bundled sample. Each visitor has an app process of their own."""
    with served() as server:
        async with aiohttp.ClientSession() as http:
            first = await visit(http, server)
            assert not first.socket.closed
            assert await first.drawn(b"bbc.txt"), bytes(first.screen[-2000:])
            assert await first.drawn(b" suggestion"), "the alignment never finished"
            one = children(server.process.pid)
            second = await visit(http, server)
            assert await second.drawn(b"bbc.txt")
            both = children(server.process.pid)
            assert len(one) == 1 and len(both) == 2 and one < both
            await first.press("q")  # ends the first visitor's reader, and only that
            assert await first.read(lambda: first.socket.closed), "q left the page connected"
            assert await wait_until_ended(one) == set(), "q left the app running"
            assert all(running(pid) for pid in both - one)
            await second.socket.close()  # a tab closed: its app ends too
            assert await wait_until_ended(both) == set(), "a closed visitor's app lives on"


async def test_an_export_arrives_as_a_download_not_a_file_on_the_server(
    tmp_path: Path, news_paths: list[str]
) -> None:
    """Files given relative to the server's folder; ``e`` then the dialog's Enter."""
    for path in news_paths[:2]:
        shutil.copy(path, tmp_path)
    names = sorted(item.name for item in tmp_path.iterdir())
    with served(*names, cwd=tmp_path) as server:
        async with aiohttp.ClientSession() as http:
            session = await visit(http, server)
            assert await session.drawn(b" suggestion"), bytes(session.screen[-2000:])
            await session.press("e")
            assert await session.drawn(b"Export the comparison")
            await session.press("\t", "\r")  # to the file name, then Enter
            assert await session.read(lambda: bool(session.messages)), "no download offered"
            kind, key = session.messages[0]  # type: ignore[misc]
            assert kind == "deliver_file_start"
            async with http.get(f"{server.url}download/{key}") as response:
                assert response.status == 200
                assert response.headers["Content-Type"] == "application/json; charset=utf-8"
                disposition = response.headers["Content-Disposition"]
                assert disposition == f"attachment; filename={Path(names[0]).stem}-synoptic.json"
                exported = json.loads(await response.text())
            assert await session.drawn(b"Sent json to your browser")
    assert exported["version"] == 1
    assert [source["name"] for source in exported["sources"]] == names
    assert exported["links"]
    assert sorted(item.name for item in tmp_path.iterdir()) == names, "a file was written"


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
async def test_a_stop_signal_exits_0_and_ends_every_visitors_app(number: int) -> None:
    with served() as server:
        async with aiohttp.ClientSession() as http:
            sessions = [await visit(http, server) for _ in range(2)]
            for session in sessions:
                assert await session.drawn(b"bbc.txt")
            apps = children(server.process.pid)
            assert len(apps) == 2
            status, stderr = server.stop(number)
            assert status == 0, stderr
            assert "Traceback" not in stderr
            assert stderr.splitlines() == ["synoptic: stopping: closing the visitors' readers"]
            assert await wait_until_ended(apps) == set(), "a visitor's app outlived the server"
            for session in sessions:
                await session.read(lambda session=session: session.socket.closed)
                assert session.socket.closed


def run_serve(*args: str) -> subprocess.CompletedProcess[str]:
    """A ``--serve`` that must fail before serving (a timeout means it served)."""
    return subprocess.run(
        [sys.executable, "-m", "tui", "--serve", *args],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def test_a_busy_port_is_one_line_and_exit_2() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_serve("--host", "127.0.0.1", "--port", str(port))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"synoptic: error: 127.0.0.1:{port}: the port is in use; choose another with --port\n"
    )


def test_a_missing_file_is_refused_before_serving_as_without_serve(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere.txt")
    served_ = run_serve("--port", "0", missing)
    exported = subprocess.run(
        [sys.executable, "-m", "tui", "--export", "json", missing],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert served_.returncode == exported.returncode == 2
    assert served_.stderr == exported.stderr
    assert len(served_.stderr.splitlines()) == 1 and "nowhere.txt" in served_.stderr


def test_a_host_beyond_loopback_is_warned_about() -> None:
    """192.0.2.1 (TEST-NET-1) is no address of this machine: warned, then refused,
    so the test listens on nothing but loopback."""
    result = run_serve("--host", "192.0.2.1", "--port", "0")
    lines = result.stderr.splitlines()
    assert result.returncode == 2
    assert lines[0].startswith("synoptic: warning: serving on 192.0.2.1, not loopback: anyone")
    assert lines[1:] == [
        "synoptic: error: 192.0.2.1:0: this machine has no such address; try --host 127.0.0.1"
    ]


def test_a_host_name_too_long_to_encode_is_one_line() -> None:
    """A label over 63 characters is refused by the IDNA codec: one line, exit 2."""
    result = run_serve("--host", "a" * 70, "--port", "0")
    lines = result.stderr.splitlines()
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert lines[-1].endswith("not a valid host name; try --host 127.0.0.1")


def test_a_bracketed_ipv6_loopback_is_served_without_a_warning() -> None:
    """``--host [::1]`` as written in a URL is bound as ::1 (or, on a machine without
    IPv6, refused in one line), and never warned about as beyond loopback."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "--serve", "--host", "[::1]", "--port", "0"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate(timeout=120)
    assert "warning" not in line and "[[" not in line
    assert re.match(r"synoptic: serving the reader at http://\[::1\]:\d+/", line) or (
        "no such address" in line
    ), line
