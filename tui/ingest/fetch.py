"""Fetch an ``http://`` or ``https://`` source, within bounds, and convert it.

A URL on the command line is fetched once: a timeout (10 s, for the whole
transfer, not only for each read), the same size cap as a file, at most
five redirects and a user agent that says what we are. The response's
content type decides HTML, PDF or text (:func:`tui.ingest.formats.convert`).
Whatever goes wrong (404, refused connection, unknown host, timeout, TLS)
becomes one :class:`InputError` naming the URL.

``SYNOPTIC_FETCH_TIMEOUT`` (seconds) overrides the timeout; the tests use it
to keep their slow server short.
"""

from __future__ import annotations

import os
import socket
import ssl
import time
import urllib.error
import urllib.request
from http.client import HTTPException
from importlib import metadata
from urllib.parse import urlsplit

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


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS
    max_repeats = 2


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_Redirects())


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
    deadline = time.monotonic() + timeout
    try:
        with _opener().open(request, timeout=timeout) as response:
            final_url = response.geturl()
            headers = response.headers
            length = headers.get("Content-Length", "")
            if length.isdigit() and int(length) > MAX_BYTES:
                raise InputError(url, _too_large(int(length)))
            data = _read(response, url, deadline, timeout)
    except InputError:
        raise
    except urllib.error.HTTPError as error:
        if 300 <= error.code < 400:
            raise InputError(url, f"too many redirects (more than {MAX_REDIRECTS})") from None
        raise InputError(url, f"the server answered {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise InputError(url, _network_problem(error.reason, timeout)) from None
    except (OSError, HTTPException, ValueError) as error:
        raise InputError(url, _network_problem(error, timeout)) from None
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


def _read(response: object, url: str, deadline: float, timeout: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    read = response.read  # type: ignore[attr-defined]
    while True:
        if time.monotonic() > deadline:
            raise InputError(url, f"timed out after {timeout:g} s")
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
