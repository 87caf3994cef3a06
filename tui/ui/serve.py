"""``synoptic --serve``: the reader in a web browser, through textual-serve.

textual-serve runs a shell command for every visitor (every WebSocket) and
relays that app process's screen to xterm.js in the page, so each visitor
gets a fresh reader of their own, and a crash or ``q`` in one tab touches no
other. The command re-runs ``synoptic`` with the user's arguments (files
made absolute, so the visitor's process finds them whatever its directory),
under textual's web driver; :func:`tui.cli` recognises that driver and lets
the reader run without a terminal.

We run the aiohttp application ourselves rather than ``Server.serve()``, for
three things the user sees: a busy port or an unknown host is one line, not
a traceback; ``--port 0`` prints the port really bound; and SIGTERM or
Ctrl+C asks every visitor's app to quit, waits for them, and exits 0.

And to keep the owner's machine the owner's: only the host names the server
was started for are answered and only the reader's own page may open its
WebSocket (:mod:`tui.ui.serve_guard`), at most ``--max-visitors`` readers
run at once (the next visitor is told the reader is busy), and the page asks
nothing of any other host (:mod:`tui.ui.serve_page`).
"""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import os
import shlex
import signal
import socket
import sys
from collections.abc import Callable, Sequence
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server

from tui.errors import InputError
from tui.ingest.fetch import is_url
from tui.ui.serve_guard import foreign_origin, host_guard, origin_allowed
from tui.ui.serve_page import LocalPageLoader, busy_page, busy_refusal

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_VISITORS = 8
"""Readers running at once: each is a process of some 70 MB (50 visitors took 3.4 GB)."""
TITLE = "Synoptic"

QUIT_WAIT = 10.0
"""Seconds the server waits, when stopped, for the visitors' apps to quit (then
for their connections to close): an app that ignores the request to quit
cannot keep the server from exiting."""

WILDCARD_HOSTS = ("0.0.0.0", "::", "")


def is_loopback(host: str) -> bool:
    """Only this machine can connect: ``localhost``, 127.0.0.0/8 or ``::1``."""
    name = host.strip().strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


def bind_host(host: str) -> str:
    """The address to listen on: ``[::1]`` as written in a URL is ``::1`` to bind."""
    name = host.strip()
    if name.startswith("[") and name.endswith("]"):
        return name[1:-1]
    return name


def exposure_warning(host: str) -> str | None:
    """The one-line warning a non-loopback ``--host`` deserves, else None."""
    if is_loopback(host):
        return None
    return (
        f"warning: serving on {host}, not loopback: anyone who can reach this machine "
        "on that network can open the reader and read the files given"
    )


def visitor_command(
    files: Sequence[str],
    threshold: float,
    keep_boilerplate: bool,
    python: str = sys.executable,
    *,
    config: str | None = None,
    no_corrections: bool = False,
) -> str:
    """The shell command each visitor's app process runs.

    The user's arguments again, minus ``--serve``/``--host``/``--port``:
    files made absolute (URLs left alone) and every word shell-quoted, after
    ``--`` so that a file named like an option stays a file. ``exec`` makes
    the app the shell's own process, so asking it to quit reaches the app.
    """
    words = [python, "-m", "tui", "--threshold", repr(threshold)]
    if keep_boilerplate:
        words.append("--keep-boilerplate")
    if no_corrections:
        words.append("--no-corrections")
    if config is not None:
        words.extend(["--config", os.path.abspath(config)])
    words.append("--")
    words.extend(spec if is_url(spec) else os.path.abspath(spec) for spec in files)
    return "exec " + shlex.join(words)


def page_url(host: str, port: int) -> str:
    """What to open in a browser for a server bound to ``host:port``."""
    if host in WILDCARD_HOSTS:
        host = socket.gethostname()
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}/"


class SynopticServer(Server):
    """textual-serve's server, with the visitors' pages and sessions kept in hand.

    The page's WebSocket and static URLs are built from the address the
    browser used (a Host already checked; not ``--host``, which may be
    ``0.0.0.0``), and every open session is remembered so that stopping the
    server ends its app and the visitors can be counted.
    """

    def __init__(
        self, command: str, host: str, port: int, max_visitors: int = DEFAULT_MAX_VISITORS
    ) -> None:
        super().__init__(command, host=host, port=port, title=TITLE)
        self.sessions: set[asyncio.Task[Any]] = set()
        self.max_visitors = max_visitors

    @property
    def full(self) -> bool:
        """As many readers run as ``--max-visitors`` allows."""
        return len(self.sessions) >= self.max_visitors

    def application(self) -> web.Application:
        """The routes of textual-serve's own application, served by this object,
        behind the Host check."""
        app = web.Application(middlewares=[host_guard(self.host)])
        aiohttp_jinja2.setup(app, loader=LocalPageLoader(self.templates_path))
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        app.on_shutdown.append(self.on_shutdown)
        return app

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any] | web.Response:
        if self.full:
            return busy_page(self.title, self.max_visitors)
        origin = str(request.url.origin())
        static = request.app.router["static"].url_for(filename="/")
        socket_path = request.app.router["websocket"].url_for()
        scheme = "wss" if origin.startswith("https:") else "ws"
        return {
            "font_size": _font_size(request.query.get("fontsize", "16")),
            "app_websocket_url": f"{scheme}:{origin.split(':', 1)[1]}{socket_path}",
            "config": {"static": {"url": f"{origin}{static}".rstrip("/") + "/"}},
            "application": {"name": self.title},
        }

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """A visitor's reader: only for the reader's own page, and only while
        fewer than ``max_visitors`` run (counted and added with no await between)."""
        if not origin_allowed(request.headers.get("Origin"), request.headers.get("Host")):
            raise foreign_origin()
        if self.full:
            raise busy_refusal(self.max_visitors)
        task = asyncio.current_task()
        assert task is not None
        self.sessions.add(task)
        try:
            return await super().handle_websocket(request)
        finally:
            self.sessions.discard(task)

    async def on_shutdown(self, app: web.Application) -> None:
        """End every visitor's session: textual-serve then tells its app to quit
        and waits for the process to end."""
        sessions = list(self.sessions)
        for task in sessions:
            task.cancel()
        if sessions:
            await asyncio.wait(sessions, timeout=QUIT_WAIT)


def _font_size(value: str) -> int:
    try:
        return max(6, min(int(value), 64))
    except ValueError:
        return 16


def serve(
    command: str,
    host: str,
    port: int,
    say: Callable[[str], None],
    max_visitors: int = DEFAULT_MAX_VISITORS,
) -> int:
    """Serve until SIGTERM or Ctrl+C; a port or host that cannot be bound is an
    :class:`InputError` (one line, exit status 2)."""
    server = SynopticServer(command, host, port, max_visitors)
    return asyncio.run(_serve(server, say))


async def _serve(server: SynopticServer, say: Callable[[str], None]) -> int:
    runner = web.AppRunner(
        server.application(), handle_signals=False, access_log=None, shutdown_timeout=QUIT_WAIT
    )
    await runner.setup()
    try:
        try:
            await web.TCPSite(runner, server.host, server.port).start()
        except (OSError, UnicodeError) as error:
            # UnicodeError: a host name the IDNA codec refuses (a label over 63 characters).
            where = f"[{server.host}]" if ":" in server.host else server.host
            raise InputError(f"{where}:{server.port}", _bind_problem(error)) from None
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for number in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(number, stop.set)
        port = _bound_port(runner, server.port)
        say(f"serving the reader at {page_url(server.host, port)} (Ctrl+C stops)")
        await stop.wait()
        say("stopping: closing the visitors' readers")
    finally:
        await runner.cleanup()
    return 0


def _bound_port(runner: web.AppRunner, asked: int) -> int:
    """The port really bound (``--port 0`` asks the system for a free one)."""
    for address in runner.addresses:
        if isinstance(address, tuple) and len(address) >= 2:
            return int(address[1])
    return asked


def _bind_problem(error: OSError | UnicodeError) -> str:
    if isinstance(error, UnicodeError):
        return "not a valid host name; try --host 127.0.0.1"
    if error.errno == errno.EADDRINUSE:
        return "the port is in use; choose another with --port"
    if error.errno == errno.EACCES:
        return "not allowed to use this port (below 1024 needs privileges); try --port 8000"
    if isinstance(error, socket.gaierror) or error.errno == errno.EADDRNOTAVAIL:
        return "this machine has no such address; try --host 127.0.0.1"
    return f"cannot listen there: {error.strerror or error}"
