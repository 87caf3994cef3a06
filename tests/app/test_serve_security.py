"""A served reader only its owner can reach (issue 18, 1-4), tried on a real server.

Each attack comes from a client the test starts on 127.0.0.1, the way a
hostile page in the owner's browser would send it: another site's Origin on
the WebSocket, another site's name in the Host header (DNS rebinding), a
visitor's corrections and theme, one visitor too many. Every socket has a
timeout, and every wait is bounded (``START_WAIT``).
"""

from __future__ import annotations

import socket
from pathlib import Path

import aiohttp
import pytest

from tests.support.serving import START_WAIT, Served, Session, children, served, wait_until_ended

TIMEOUT = aiohttp.ClientTimeout(total=START_WAIT)


def port_of(server: Served) -> int:
    return int(server.url.rsplit(":", 1)[1].rstrip("/"))


async def visit(http: aiohttp.ClientSession, url: str, origin: str | None = None) -> Session:
    """Open the page's WebSocket as textual.js does (a browser sends its page's Origin)."""
    headers = {} if origin is None else {"Origin": origin}
    socket_ = await http.ws_connect(f"{url}ws?width=120&height=40", headers=headers)
    return Session(socket_, bytearray(), [])


def raw_request(port: int, path: str, host: str, *extra: str) -> tuple[int, bytes]:
    """One HTTP/1.1 request with exactly the headers given (a browser after DNS
    rebinding sends its own site's name as Host); the status and the response."""
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}", "Connection: close", *extra, "", ""]
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.settimeout(30)
        connection.sendall("\r\n".join(lines).encode("ascii"))
        response = b""
        while chunk := connection.recv(65536):
            response += chunk
            if b"\r\n\r\n" in response and b" 101 " in response.split(b"\r\n", 1)[0]:
                break  # an upgraded WebSocket never closes by itself
    status = int(response.split(b" ", 2)[1])
    return status, response


UPGRADE = (
    "Upgrade: websocket",
    "Sec-WebSocket-Version: 13",
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
)


async def test_a_websocket_from_another_sites_page_is_refused_and_the_own_page_works() -> None:
    with served() as server:
        port = port_of(server)
        async with aiohttp.ClientSession(timeout=TIMEOUT) as http:
            for origin in ("http://evil.example", f"http://localhost:{port}", "null"):
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    await visit(http, server.url, origin)
                assert refused.value.status == 403, origin
            assert children(server.process.pid) == set(), "a refused visitor got an app"
            own = await visit(http, server.url, server.url.rstrip("/"))
            assert await own.drawn(b"bbc.txt"), bytes(own.screen[-2000:])
            await own.socket.close()


async def test_a_websocket_without_origin_is_not_a_browser_and_is_let_in() -> None:
    """Browsers always send Origin with a WebSocket; a program could send any, so
    a missing one is let through (README: In a browser)."""
    with served() as server:
        async with aiohttp.ClientSession(timeout=TIMEOUT) as http:
            session = await visit(http, server.url)
            assert await session.drawn(b"bbc.txt")
            await session.socket.close()


def test_another_host_name_is_misdirected_on_every_route() -> None:
    """DNS rebinding: ``evil.example`` resolved to 127.0.0.1 still says its name."""
    with served() as server:
        port = port_of(server)
        evil = f"evil.example:{port}"
        for path, extra in [
            ("/", ()),
            ("/static/js/textual.js", ()),
            ("/download/anything", ()),
            ("/ws?width=80&height=24", (*UPGRADE, "Connection: Upgrade")),
            ("/ws?width=80&height=24", (*UPGRADE, "Connection: Upgrade", "Origin: http://" + evil)),
        ]:
            status, response = raw_request(port, path, evil, *extra)
            assert status == 421, (path, response[:300])
            assert b"evil.example" not in response  # the page never points anywhere else
        assert children(server.process.pid) == set()
        for name in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"):
            status, response = raw_request(port, "/", name)
            assert status == 200, (name, response[:300])
            assert f'data-session-websocket-url="ws://{name}/ws"'.encode() in response


async def test_a_visitor_never_writes_the_owners_corrections_or_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``m`` Tab ``m`` links two sentences for the session, and the reader says so;
    the data and config folders are as they were."""
    data, config = tmp_path / "data", tmp_path / "config"
    data.mkdir()
    config.mkdir()
    (config / "settings.toml").write_text('theme = "nord"\n', encoding="utf-8")
    before = {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()}
    monkeypatch.setenv("SYNOPTIC_DATA_DIR", str(data))
    monkeypatch.setenv("SYNOPTIC_CONFIG_DIR", str(config))
    with served() as server:
        async with aiohttp.ClientSession(timeout=TIMEOUT) as http:
            session = await visit(http, server.url, server.url.rstrip("/"))
            # Said at start-up, for a few seconds (before the links, here).
            assert await session.shown("session only; no file on the server"), "not told"
            assert await session.drawn(b" suggestion"), bytes(session.screen[-2000:])
            await session.press("m")  # (a key bound with priority, Tab, could overtake it)
            assert await session.shown("Marked sentence 1 of bbc.txt")
            await session.press("\t", "m")
            assert await session.shown("Linked by hand: bbc.txt 1"), bytes(session.screen[-3000:])
            assert await session.shown("(this session only)")
            apps = children(server.process.pid)
            await session.press("q")
            assert await wait_until_ended(apps) == set()
    after = {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()}
    assert after == before
    assert list(data.iterdir()) == []


async def test_one_visitor_more_than_max_visitors_is_told_the_reader_is_busy() -> None:
    with served("--max-visitors", "1") as server:
        async with aiohttp.ClientSession(timeout=TIMEOUT) as http:
            first = await visit(http, server.url, server.url.rstrip("/"))
            assert await first.drawn(b"bbc.txt")
            async with http.get(server.url) as response:
                assert response.status == 503
                assert response.content_type == "text/html"
                page = await response.text()
            assert "Synoptic is busy" in page and "1 reader is open, the most" in page
            assert "<script" not in page and "http" not in page
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await visit(http, server.url, server.url.rstrip("/"))
            assert refused.value.status == 503
            apps = children(server.process.pid)
            assert len(apps) == 1, "the one too many got an app"
            await first.socket.close()  # the first visitor leaves: the next may come in
            assert await wait_until_ended(apps) == set()
            second = await visit(http, server.url, server.url.rstrip("/"))
            assert await second.drawn(b"bbc.txt")
            await second.socket.close()
