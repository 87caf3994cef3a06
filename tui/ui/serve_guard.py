"""Who a served reader answers: its own host names, its own page, a bounded number.

A reader served on 127.0.0.1 is reachable by every web page the owner's
browser opens, so two browser attacks must be refused here:

- **DNS rebinding**: a site the owner visits (``evil.example``) makes its
  name resolve to 127.0.0.1, and its scripts then talk to the reader as
  "their own" server. The browser still sends ``Host: evil.example:PORT``,
  so every request whose Host is not a name this server was started for is
  answered 421, before any route runs.
- **Cross-site WebSocket hijacking**: WebSockets are not bound by the
  same-origin policy; any page may open ``ws://127.0.0.1:PORT/ws``. The
  browser always says which page asks (``Origin``), so the WebSocket is
  accepted only from the reader's own page: ``Origin`` equal to
  ``http://`` (or ``https://``, behind a proxy) plus the request's Host.
  A client that sends no Origin is not a browser (browsers always send one
  with a WebSocket); it could send any Origin it liked, so a missing Origin
  is let through, like curl is let through to the page.

Both checks are plain functions of the headers, tested without a server.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
"""The names a reader on this machine is opened by, whatever ``--host`` says."""

WILDCARDS = frozenset({"0.0.0.0", "::", ""})


def host_name(header: str | None) -> str | None:
    """The host name of a ``Host`` header (``[::1]:8000`` -> ``::1``), lower case;
    None when it is missing or malformed."""
    if not header:
        return None
    value = header.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        if end < 0:
            return None
        name, rest = value[1:end], value[end + 1 :]
        if rest and not (rest.startswith(":") and _is_port(rest[1:])):
            return None
        return name or None
    name, colon, port = value.partition(":")
    if colon and not _is_port(port):
        return None
    return name or None


def _is_port(text: str) -> bool:
    return text.isascii() and text.isdigit() and len(text) <= 5


def allowed_names(host: str) -> frozenset[str]:
    """The host names a server bound to ``host`` answers to: the loopback names
    and ``host`` itself; bound to every address (``0.0.0.0``), also this
    machine's name (the one the address printed uses)."""
    names = set(LOOPBACK_NAMES)
    bound = host.strip().strip("[]").lower()
    if bound in WILDCARDS:
        names.add(socket.gethostname().lower())
    else:
        names.add(bound)
    return frozenset(names)


def _is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def host_allowed(header: str | None, names: Iterable[str], *, any_address: bool) -> bool:
    """Whether a request with this ``Host`` header is for this server.

    ``any_address`` (bound to every address): an IP address literal is
    accepted too, since no DNS rebinding gives a page an IP address as its
    origin.
    """
    name = host_name(header)
    if name is None:
        return False
    return name in names or (any_address and _is_address(name))


def origin_allowed(origin: str | None, host_header: str | None) -> bool:
    """Whether a WebSocket with this ``Origin`` comes from the reader's own page
    (the page at the Host the request was sent to); a missing Origin is a
    client that is not a browser, and is let through."""
    if origin is None:
        return True
    if not host_header:
        return False
    own = host_header.strip().lower()
    return origin.strip().lower() in (f"http://{own}", f"https://{own}")


def misdirected() -> web.Response:
    """The answer to a Host this server was not started for."""
    return web.Response(
        status=421,
        text="421 Misdirected Request: this reader answers only the address it was started on\n",
    )


def foreign_origin() -> web.HTTPForbidden:
    """The answer (to raise) to a WebSocket opened by another site's page."""
    return web.HTTPForbidden(text="403 Forbidden: only the reader's own page may connect to it\n")


def host_guard(host: str) -> Middleware:
    """An aiohttp middleware answering 421 to every request (page, WebSocket,
    static file, download) whose Host is not one of :func:`allowed_names`."""
    names = allowed_names(host)
    any_address = host.strip().strip("[]") in WILDCARDS

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        if not host_allowed(request.headers.get("Host"), names, any_address=any_address):
            return misdirected()
        return await handler(request)

    return guard
