"""Run ``synoptic --serve`` for real in a subprocess, on 127.0.0.1 only.

The server is started on ``--port 0`` (the system picks a free port) and
the URL is read from the line it prints, so tests never guess a port nor
race another process for it. Whatever happens in the test, the server (and
its process group) is stopped afterwards.
"""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

START_WAIT = 120.0
"""Seconds allowed for the server to print its URL (a loaded 2-core machine)."""


@dataclass
class Served:
    process: subprocess.Popen[str]
    url: str
    first_line: str

    def stop(self, number: int = signal.SIGTERM) -> tuple[int, str]:
        """Send ``number`` to the server; its exit status and the rest of stderr."""
        self.process.send_signal(number)
        _, rest = self.process.communicate(timeout=START_WAIT)
        return self.process.returncode, rest


def serve_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "tui", "--serve", "--host", "127.0.0.1", "--port", "0", *args]


@contextlib.contextmanager
def served(*args: str, cwd: Path | None = None) -> Iterator[Served]:
    process = subprocess.Popen(
        serve_command(*args),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
        start_new_session=True,  # a signal meant for pytest never reaches it, nor back
    )
    try:
        line = _first_line(process)
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert found, f"no URL in {line!r}"
        yield Served(process, found.group(0), line)
    finally:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.communicate(timeout=START_WAIT)


def _first_line(process: subprocess.Popen[str]) -> str:
    """The server's first stderr line, or a failure if it never comes."""
    stream = process.stderr
    assert stream is not None
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.append(stream.readline()), daemon=True)
    reader.start()
    reader.join(START_WAIT)
    assert lines and lines[0], f"the server printed nothing (exit status {process.poll()})"
    return lines[0]


def children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (Linux /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                stat = (entry / "stat").read_text()
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    found.add(int(entry.name))
    return found


def running(pid: int) -> bool:
    """Alive and not a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


async def wait_until_ended(pids: set[int], seconds: float = START_WAIT) -> set[int]:
    """The pids still running after waiting up to ``seconds`` for them to end."""
    for _ in range(int(seconds * 10)):
        alive = {pid for pid in pids if running(pid)}
        if not alive:
            return alive
        await asyncio.sleep(0.1)
    return {pid for pid in pids if running(pid)}


CONTROL = re.compile(
    r"\x1b\[(?P<params>[0-9;:?<=>]*)(?P<final>[@-~])"  # CSI: cursor moves, colours, modes
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: titles, clipboard
    r"|\x1b[()][0-9A-Za-z]|\x1b[=>78]"  # character sets, keypad, save/restore
)


class Terminal:
    """The characters on a visitor's screen, rebuilt from what the app sends:
    enough of a terminal (text, cursor positioning, newlines) to read rows
    drawn in pieces. Colours and modes are skipped."""

    def __init__(self) -> None:
        self.rows: dict[int, dict[int, str]] = {}
        self.row = self.column = 0
        self.pending = ""
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def feed(self, data: bytes) -> None:
        text = self.pending + self.decoder.decode(data)
        self.pending = ""
        position = 0
        while position < len(text):
            escape = text.find("\x1b", position)
            end = len(text) if escape < 0 else escape
            self._write(text[position:end])
            if escape < 0:
                break
            found = CONTROL.match(text, escape)
            if found is None:
                if len(text) - escape < 64:  # cut off between two messages
                    self.pending = text[escape:]
                    break
                position = escape + 1
                continue
            if found.group("final") == "H":
                numbers = [int(n or 1) for n in (found.group("params") or "").split(";")]
                self.row, self.column = numbers[0] - 1, (numbers[1:] or [1])[0] - 1
            elif found.group("final") == "J" and found.group("params") == "2":
                self.rows.clear()
            position = found.end()

    def _write(self, text: str) -> None:
        for character in text:
            if character == "\n":
                self.row += 1
            elif character == "\r":
                self.column = 0
            elif character >= " ":
                self.rows.setdefault(self.row, {})[self.column] = character
                self.column += 1

    def text(self) -> str:
        lines = []
        for number in sorted(self.rows):
            cells = self.rows[number]
            lines.append("".join(cells.get(x, " ") for x in range(max(cells) + 1)))
        return "\n".join(lines)


@dataclass
class Session:
    """One visitor's WebSocket: what the app drew, and what the page was told."""

    socket: aiohttp.ClientWebSocketResponse
    screen: bytearray
    messages: list[object]
    terminal: Terminal = field(default_factory=lambda: Terminal())

    async def read(self, done: Callable[[], bool], seconds: float = START_WAIT) -> bool:
        """Read from the server until ``done()`` (True) or ``seconds`` pass (False)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while not done():
            left = deadline - loop.time()
            if left <= 0:
                return False
            try:
                message = await asyncio.wait_for(self.socket.receive(), left)
            except TimeoutError:
                return False
            if message.type == aiohttp.WSMsgType.BINARY:
                self.screen += message.data
                self.terminal.feed(message.data)
            elif message.type == aiohttp.WSMsgType.TEXT:
                self.messages.append(message.json())
            else:
                return done()
        return True

    async def drawn(self, text: bytes) -> bool:
        """True once the app has drawn ``text`` (False if it never does)."""
        return await self.read(lambda: text in self.screen)

    async def shown(self, text: str) -> bool:
        """True once ``text`` stands on one row of the screen (False if it never
        does), however it was drawn: a toast over two panes comes in pieces."""
        return await self.read(lambda: text in self.terminal.text())

    async def press(self, *keys: str) -> None:
        for key in keys:
            await self.socket.send_json(["stdin", key])
