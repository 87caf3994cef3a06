"""Fetch an ``http://`` or ``https://`` source, within bounds, and convert it.

A URL on the command line is fetched once: a timeout (10 s, for the whole
transfer, not only for each read: a server sending a byte a second is cut
off by :class:`_Deadline`), the same size cap as a file, at most five
redirects and only to ``http``/``https``, a body as long as its
``Content-Length`` says (a short one is an error, not a page), and a user
agent that says what we are. The response's
content type decides HTML, PDF or text (:func:`tui.ingest.formats.convert`).
Whatever goes wrong (404, refused connection, unknown host, timeout, TLS)
becomes one :class:`InputError` naming the URL.

``SYNOPTIC_FETCH_TIMEOUT`` (seconds) overrides the timeout; the tests use it
to keep their slow server short.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import ssl
import threading
import urllib.error
import urllib.request
from email.message import Message
from http.client import HTTPException
from importlib import metadata
from typing import Any
from urllib.parse import urljoin, urlsplit

from tui.errors import InputError
from tui.ingest.formats import convert
from tui.ingest.loading import MAX_BYTES, LoadedText
from tui.ingest.urls import is_url

__all__ = ["fetch", "is_url"]

TIMEOUT = 10.0
"""Seconds for the whole fetch."""
MAX_REDIRECTS = 5
CHUNK = 64 * 1024


def user_agent() -> str:
    try:
        version = metadata.version("synoptic")
    except metadata.PackageNotFoundError:
        version = "dev"
    return f"synoptic/{version} (terminal reader comparing news accounts; one fetch per request)"


def timeout_seconds() -> float:
    value = os.environ.get("SYNOPTIC_FETCH_TIMEOUT", "")
    try:
        seconds = float(value)
    except ValueError:
        return TIMEOUT
    return seconds if 0 < seconds <= 600 else TIMEOUT


class _BadRedirect(Exception):
    """A redirect to something other than ``http`` or ``https`` (``ftp://``, ``file://``)."""

    def __init__(self, location: str) -> None:
        super().__init__(location)
        self.location = location


class _Redirects(urllib.request.HTTPRedirectHandler):
    """At most five redirects, and only to ``http``/``https``: urllib would also
    follow ``ftp://`` (logging in to the FTP server) and say "too many
    redirects" of a ``file://`` one."""

    max_redirections = MAX_REDIRECTS
    max_repeats = 2

    def http_error_302(  # type: ignore[override]
        self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any
    ) -> Any:
        location = headers.get("location") or headers.get("uri")
        if location:
            scheme = urlsplit(urljoin(req.full_url, location.strip())).scheme.lower()
            if scheme not in ("http", "https"):
                raise _BadRedirect(location)
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302  # type: ignore[assignment]


class _Deadline:
    """One deadline for a whole fetch: connecting, TLS, headers, body, redirects.

    A socket timeout bounds each read, not their sum: a server that sends a
    byte a second never trips it. So every socket the fetch opens is
    registered here, and when the deadline passes a timer shuts them down;
    the blocked read returns at once and :attr:`expired` says why.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)

    def connect(
        self, address: tuple[str, int], timeout: float | None = None, source: Any = None
    ) -> socket.socket:
        """``socket.create_connection``, registered so that the deadline can end it."""
        sock = socket.create_connection(address, timeout, source)
        with self._lock:
            self._sockets.append(sock)
            late = self.expired
        if late:
            _shut(sock)
        return sock

    def handlers(self) -> list[urllib.request.BaseHandler]:
        deadline = self

        class Plain(http.client.HTTPConnection):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                self._create_connection = deadline.connect

        class Secure(http.client.HTTPSConnection):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                self._create_connection = deadline.connect

        class PlainHandler(urllib.request.HTTPHandler):
            def http_open(self, req: urllib.request.Request) -> Any:
                return self.do_open(Plain, req)

        class SecureHandler(urllib.request.HTTPSHandler):
            def https_open(self, req: urllib.request.Request) -> Any:
                return self.do_open(Secure, req, context=ssl.create_default_context())

        return [PlainHandler(), SecureHandler()]


def _shut(sock: socket.socket) -> None:
    # socket.socket's own shutdown, also for an SSLSocket: the descriptor is
    # ended under the TLS layer, which another thread may be inside.
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


def _opener(deadline: _Deadline) -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_Redirects(), *deadline.handlers())


def fetch(url: str, timeout: float | None = None) -> LoadedText:
    """Fetch ``url`` and convert what came back; raise :class:`InputError` on failure."""
    timeout = timeout_seconds() if timeout is None else timeout
    parts = urlsplit(url)
    if not parts.hostname:
        raise InputError(url, "is not a valid URL (no host name)")
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": user_agent(),
            "Accept": "text/html,application/xhtml+xml,application/pdf,text/plain;q=0.9,*/*;q=0.5",
        },
    )
    with _Deadline(timeout) as deadline:
        try:
            final_url, headers, data = _transfer(request, url, deadline)
        except InputError:
            raise
        except Exception as error:
            if deadline.expired:
                raise InputError(url, f"timed out after {timeout:g} s") from None
            raise InputError(url, _failure(error, timeout)) from None
        if deadline.expired:  # the body ended because the deadline shut the socket
            raise InputError(url, f"timed out after {timeout:g} s")
    content_type = headers.get_content_type() if headers.get("Content-Type") else None
    return convert(
        url,  # the name people know it by; the format comes from final_url
        None,
        data,
        url,
        content_type=content_type,
        charset=headers.get_content_charset(),
        url=final_url,
    )


def _transfer(
    request: urllib.request.Request, url: str, deadline: _Deadline
) -> tuple[str, Message, bytes]:
    """(final URL, headers, body) of one fetch; every length checked."""
    with _opener(deadline).open(request, timeout=deadline.seconds) as response:
        final_url = response.geturl()
        headers = response.headers
        length = headers.get("Content-Length", "").strip()
        if length.isdigit() and int(length) > MAX_BYTES:
            raise InputError(url, _too_large(int(length)))
        data = _read(response, url, deadline)
    if not deadline.expired and length.isdigit() and len(data) < int(length):
        # http.client returns what came when the server closes early: not a page.
        raise InputError(
            url, f"the transfer was cut short ({len(data):,} of {int(length):,} bytes)"
        )
    return final_url, headers, data


def _failure(error: Exception, timeout: float) -> str:
    """The user's words for an exception out of urllib or http.client."""
    if isinstance(error, _BadRedirect):
        shown = " ".join(error.location.split())[:120]
        return f"redirects to {shown}; only http and https are followed"
    if isinstance(error, urllib.error.HTTPError):
        if 300 <= error.code < 400:
            return f"too many redirects (more than {MAX_REDIRECTS})"
        return f"the server answered {error.code} {error.reason}"
    if isinstance(error, urllib.error.URLError):
        if isinstance(error.reason, Exception):
            return _failure(error.reason, timeout)
        return _network_problem(error.reason, timeout)
    if isinstance(error, http.client.IncompleteRead):
        return "the transfer was cut short (the server closed the connection)"
    if isinstance(error, OSError | HTTPException | ValueError):
        return _network_problem(error, timeout)
    return _network_problem(error, timeout)


def _read(response: object, url: str, deadline: _Deadline) -> bytes:
    chunks: list[bytes] = []
    size = 0
    read = response.read  # type: ignore[attr-defined]
    while True:
        if deadline.expired:
            raise InputError(url, f"timed out after {deadline.seconds:g} s")
        chunk = read(CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > MAX_BYTES:
            raise InputError(url, _too_large(size, at_least=True))
        chunks.append(chunk)


def _too_large(size: int, at_least: bool = False) -> str:
    more = "more than " if at_least else ""
    return f"is {more}{size / 2**20:.0f} MB; the limit is {MAX_BYTES // 2**20} MB"


def _network_problem(reason: object, timeout: float) -> str:
    """The user's words for why the fetch failed."""
    if isinstance(reason, socket.gaierror):
        return "host not found (DNS lookup failed)"
    if isinstance(reason, TimeoutError):
        return f"timed out after {timeout:g} s"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, ConnectionResetError):
        return "the connection was reset"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"TLS certificate not trusted ({reason.verify_message or reason.reason})"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error ({reason.reason or reason})"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    text = " ".join(str(reason).split())
    return text[:200] or "cannot be fetched"
