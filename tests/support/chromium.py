"""Debian's headless Chromium for the tests: finding it, driving it, reading its PNGs.

Locally, without Chromium, a test that needs it skips and says why; in CI
(``CI=true``) a missing browser is a failure, because ``.ci/run`` installs
it. :class:`DevTools` speaks the DevTools protocol over the WebSocket that
``--remote-debugging-port`` opens, with aiohttp (which textual-serve brings).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import struct
import subprocess
import threading
import zlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
"""No name resolves but 127.0.0.1: a page that asks for outside resources
(textual-serve's asks Google for a font) gets nothing, and the test stays
off the network."""


def through_proxy(port: int) -> str:
    """The flag that sends every request but those to loopback addresses (which
    Chromium never proxies) to the proxy on 127.0.0.1:``port``."""
    return f"--proxy-server=http://127.0.0.1:{port}"


WAIT = 120.0
"""Seconds allowed for Chromium to start or answer (a loaded 2-core machine)."""


def chromium() -> str:
    found = shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
    )
    if found is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("chromium is missing in CI: .ci/run should have installed it")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return found


class DevTools:
    """One page of a running Chromium, driven by DevTools protocol calls."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket = socket
        self.calls = 0

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Send one command and return its result (events on the way are dropped)."""
        self.calls += 1
        number = self.calls
        await self.socket.send_json({"id": number, "method": method, "params": params})
        while True:
            message = await asyncio.wait_for(self.socket.receive_json(), WAIT)
            if message.get("id") == number:
                assert "error" not in message, f"{method}: {message['error']}"
                return dict(message["result"])

    async def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page."""
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"].get("value")


@contextlib.asynccontextmanager
async def headless_page(
    profile: Path, width: int = 1280, height: int = 900, outside: str = OFFLINE
) -> AsyncIterator[DevTools]:
    """A headless Chromium showing ``about:blank``, offline but for 127.0.0.1.

    ``outside``: the flag that keeps it off the network (by default no name
    resolves; :func:`through_proxy` sends every outside request to a local
    server of the test's instead).
    """
    command = [
        chromium(),
        *FLAGS,
        outside,
        f"--user-data-dir={profile}",
        "--remote-debugging-port=0",
        f"--window-size={width},{height}",
        "about:blank",
    ]
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    log: list[str] = []
    listening = threading.Event()
    drain = threading.Thread(target=_read_log, args=(process, log, listening), daemon=True)
    drain.start()
    try:
        assert listening.wait(WAIT), "Chromium never opened its DevTools port:\n" + "".join(log)
        found = re.search(r"DevTools listening on ws://[^/]+:(\d+)/", "".join(log))
        assert found is not None, "".join(log)
        async with aiohttp.ClientSession() as http:
            listing = f"http://127.0.0.1:{found.group(1)}/json/list"
            async with http.get(listing) as response:
                targets = await response.json()
            page = next(target for target in targets if target["type"] == "page")
            async with http.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as socket:
                yield DevTools(socket)
    finally:
        process.terminate()
        try:
            process.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        drain.join(WAIT)


def _read_log(process: subprocess.Popen[str], log: list[str], listening: threading.Event) -> None:
    """Keep reading Chromium's stderr (a full pipe would stall it); say when
    the DevTools line has come."""
    assert process.stderr is not None
    for line in process.stderr:
        log.append(line)
        if "DevTools listening on" in line:
            listening.set()
    listening.set()


def png_colours(data: bytes) -> set[tuple[int, int, int]]:
    """The distinct RGB colours of an 8-bit RGB/RGBA PNG, without a PNG library."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, idat, header = 8, b"", b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        position += 12 + length
    width, height, depth, colour_type = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour_type in (2, 6), (depth, colour_type)
    channels = 3 if colour_type == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    previous = bytearray(stride)
    colours: set[tuple[int, int, int]] = set()
    offset = 0
    for _ in range(height):
        method = raw[offset]
        line = bytearray(raw[offset + 1 : offset + 1 + stride])
        offset += 1 + stride
        unfilter(line, previous, method, channels)
        for x in range(0, stride, channels * 7):  # a sample is plenty
            colours.add((line[x], line[x + 1], line[x + 2]))
        previous = line
    return colours


def unfilter(line: bytearray, previous: bytearray, method: int, bpp: int) -> None:
    for i in range(len(line)):
        left = line[i - bpp] if i >= bpp else 0
        up = previous[i]
        corner = previous[i - bpp] if i >= bpp else 0
        if method == 1:
            line[i] = (line[i] + left) & 0xFF
        elif method == 2:
            line[i] = (line[i] + up) & 0xFF
        elif method == 3:
            line[i] = (line[i] + (left + up) // 2) & 0xFF
        elif method == 4:
            estimate = left + up - corner
            pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - corner)
            best = left if pa <= pb and pa <= pc else up if pb <= pc else corner
            line[i] = (line[i] + best) & 0xFF
