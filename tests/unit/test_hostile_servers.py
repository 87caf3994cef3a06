"""Issue 18, points 6, 12 and 13: servers that trickle, stop short or redirect
away from the web. Each is a raw socket server the test starts on 127.0.0.1
in a thread; each handler stops when the test ends, and every fetch here is
given a deadline of about a second, so no test waits long."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

import pytest

from tests.support.sources import PROXY_VARIABLES
from tui.errors import InputError
from tui.ingest.fetch import fetch
from tui.ingest.sources import load_all

DEADLINE = 1.0
"""The fetch timeout the tests give; a fetch must end within SLACK of it."""
SLACK = 2.5

Handler = Callable[[socket.socket, threading.Event], None]


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@contextmanager
def raw_server(handler: Handler) -> Iterator[tuple[str, list[int]]]:
    """(base URL, connection count) of a server running ``handler`` on each
    connection in a thread, until the block ends (then every handler is told
    to stop and the listening socket is closed)."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    stop = threading.Event()
    connections = [0]

    def serve_one(connection: socket.socket) -> None:
        with connection, suppress(OSError):
            handler(connection, stop)

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            connections[0] += 1
            threading.Thread(target=serve_one, args=(connection,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}", connections
    finally:
        stop.set()
        thread.join(2)
        listener.close()


def _request(connection: socket.socket) -> None:
    """Read the request's head (up to the blank line)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(4096)
        if not chunk:
            return
        data += chunk


def trickle(head: bytes, drip: bytes) -> Handler:
    """Send ``head`` at once, then ``drip`` every 50 ms until told to stop."""

    def handler(connection: socket.socket, stop: threading.Event) -> None:
        _request(connection)
        connection.sendall(head)
        while not stop.wait(0.05):
            connection.sendall(drip)

    return handler


def timed_error(url: str) -> tuple[str, float]:
    start = time.monotonic()
    with pytest.raises(InputError) as caught:
        fetch(url, timeout=DEADLINE)
    return str(caught.value), time.monotonic() - start


TRICKLES = {
    "headers": trickle(b"HTTP/1.1 200 OK\r\n", b"X"),
    "body": trickle(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000000\r\n\r\n", b"a"
    ),
    "chunks": trickle(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n",
        b"1\r\na\r\n",
    ),
}


@pytest.mark.parametrize("part", list(TRICKLES))
def test_a_trickling_server_meets_the_whole_transfer_deadline(part: str) -> None:
    """Each read gets a byte well within the socket timeout: only a deadline for
    the whole transfer ends it (before: past 30 s for a 10 s promise)."""
    with raw_server(TRICKLES[part]) as (base, _):
        message, elapsed = timed_error(base + "/page")
    assert message == f"{base}/page: timed out after {DEADLINE:g} s"
    assert elapsed < DEADLINE + SLACK


def test_eight_trickling_urls_at_once_take_one_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SYNOPTIC_FETCH_TIMEOUT", str(DEADLINE))
    with raw_server(TRICKLES["body"]) as (base, connections):
        start = time.monotonic()
        with pytest.raises(InputError, match="timed out"):
            load_all([f"{base}/{n}" for n in range(8)])
        elapsed = time.monotonic() - start
        assert connections[0] == 8
    assert elapsed < DEADLINE + SLACK


def _short(connection: socket.socket, stop: threading.Event) -> None:
    _request(connection)
    connection.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000000\r\n\r\n"
        + b"A sentence of the page. " * 10
        + b"ab"
    )
    # and close: 242 of 1,000,000 bytes


def test_a_short_transfer_is_an_error_naming_the_url() -> None:
    """Before: the 250 bytes were read as the page, exit 0, nothing said."""
    with raw_server(_short) as (base, _):
        message, _ = timed_error(base + "/cut")
    assert message == f"{base}/cut: the transfer was cut short (242 of 1,000,000 bytes)"


def _truncated_chunks(connection: socket.socket, stop: threading.Event) -> None:
    _request(connection)
    connection.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"100\r\nonly a few bytes of a 256-byte chunk"
    )


def test_a_chunked_transfer_cut_short_is_an_error() -> None:
    with raw_server(_truncated_chunks) as (base, _):
        message, _ = timed_error(base + "/cut")
    assert message.startswith(f"{base}/cut: the transfer was cut short"), message


def _send_redirect(connection: socket.socket, location: str) -> None:
    connection.sendall(
        f"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\n"
        "Connection: close\r\n\r\n".encode()
    )


def redirect_to(location: str) -> Handler:
    def handler(connection: socket.socket, stop: threading.Event) -> None:
        _request(connection)
        _send_redirect(connection, location)

    return handler


def _ftp_greeting(connection: socket.socket, stop: threading.Event) -> None:
    connection.sendall(b"220 hostile ftp\r\n")
    stop.wait(DEADLINE)


def test_a_redirect_to_ftp_is_not_followed() -> None:
    """Before: urllib followed it and logged in to the FTP server."""
    with raw_server(_ftp_greeting) as (ftp_base, ftp_connections):
        ftp_url = ftp_base.replace("http://", "ftp://") + "/pub/page.html"
        with raw_server(redirect_to(ftp_url)) as (base, _):
            message, _ = timed_error(base + "/moved")
        assert ftp_connections[0] == 0
    assert message == f"{base}/moved: redirects to {ftp_url}; only http and https are followed"


@pytest.mark.parametrize("location", ["file:///etc/passwd", "data:text/plain,hello"])
def test_a_redirect_to_another_scheme_says_so(location: str) -> None:
    """Before: "too many redirects" for file://, and data: was read as the page."""
    with raw_server(redirect_to(location)) as (base, _):
        message, _ = timed_error(base + "/moved")
    assert message == f"{base}/moved: redirects to {location}; only http and https are followed"


def test_a_relative_redirect_is_still_followed() -> None:
    def handler(connection: socket.socket, stop: threading.Event) -> None:
        data = connection.recv(4096)
        if data.startswith(b"GET /moved "):
            _send_redirect(connection, "/page")
            return
        body = b"The page that was moved here."
        connection.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n"
            b"Connection: close\r\n\r\n%s" % (len(body), body)
        )

    with raw_server(handler) as (base, _):
        loaded = fetch(base + "/moved", timeout=DEADLINE)
    assert loaded.text == "The page that was moved here."
    assert loaded.url == base + "/page"
