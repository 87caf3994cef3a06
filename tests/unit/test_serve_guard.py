"""Which requests a served reader answers: the Host and Origin rules, without a server
(``tests/app/test_serve_security.py`` sends the same headers to a real one)."""

from __future__ import annotations

import socket

import pytest

from tui.ui.serve_guard import allowed_names, host_allowed, host_name, origin_allowed
from tui.ui.serve_page import OUTSIDE_FONTS, LocalPageLoader


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("127.0.0.1:8000", "127.0.0.1"),
        ("LocalHost:8000", "localhost"),
        ("localhost", "localhost"),
        ("[::1]:8000", "::1"),
        ("[::1]", "::1"),
        ("evil.example:8000", "evil.example"),
        ("", None),
        (None, None),
        ("[::1", None),
        ("[::1]x", None),
        ("127.0.0.1:80x", None),
        ("127.0.0.1:", None),
        (":8000", None),
    ],
)
def test_the_host_name_of_a_host_header(header: str | None, name: str | None) -> None:
    assert host_name(header) == name


@pytest.mark.parametrize(
    ("header", "allowed"),
    [
        ("127.0.0.1:8000", True),
        ("localhost:8000", True),
        ("[::1]:8000", True),
        ("evil.example:8000", False),
        ("127.0.0.1.evil.example:8000", False),
        ("localhost.evil.example", False),
        ("127.0.0.2:8000", False),
        ("", False),
        (None, False),
    ],
)
def test_a_loopback_server_answers_only_loopback_names(header: str | None, allowed: bool) -> None:
    assert host_allowed(header, allowed_names("127.0.0.1"), any_address=False) is allowed


def test_the_host_given_is_answered_too() -> None:
    names = allowed_names("reader.lan")
    assert host_allowed("reader.lan:8000", names, any_address=False)
    assert host_allowed("READER.LAN", names, any_address=False)
    assert not host_allowed("other.lan:8000", names, any_address=False)
    assert allowed_names("[::1]") == allowed_names("::1")


def test_every_address_answers_this_machines_name_and_ip_addresses_not_other_names() -> None:
    names = allowed_names("0.0.0.0")
    assert host_allowed(f"{socket.gethostname()}:8000", names, any_address=True)
    assert host_allowed("192.168.1.20:8000", names, any_address=True)
    assert host_allowed("[fe80::1]:8000", names, any_address=True)
    assert not host_allowed("evil.example:8000", names, any_address=True)


@pytest.mark.parametrize(
    ("origin", "host", "allowed"),
    [
        ("http://127.0.0.1:8000", "127.0.0.1:8000", True),
        ("HTTP://LOCALHOST:8000", "localhost:8000", True),
        ("https://reader.example", "reader.example", True),  # behind a TLS proxy
        (None, "127.0.0.1:8000", True),  # not a browser: could send anything
        ("http://evil.example", "127.0.0.1:8000", False),
        ("http://evil.example:8000", "127.0.0.1:8000", False),
        ("http://127.0.0.1:9000", "127.0.0.1:8000", False),  # another local server's page
        ("http://localhost:8000", "127.0.0.1:8000", False),  # another origin, same machine
        ("null", "127.0.0.1:8000", False),  # a sandboxed frame or a file:// page
        ("http://127.0.0.1:8000", None, False),
    ],
)
def test_only_the_readers_own_page_may_open_the_websocket(
    origin: str | None, host: str | None, allowed: bool
) -> None:
    assert origin_allowed(origin, host) is allowed


def test_the_page_template_asks_google_for_its_font_and_ours_does_not() -> None:
    """The pattern must match textual-serve's page as pinned, or nothing is replaced."""
    import jinja2
    from textual_serve.server import Server

    server = Server("true")
    original = (server.templates_path / "app_index.html").read_text(encoding="utf-8")
    assert OUTSIDE_FONTS.search(original)
    environment = jinja2.Environment(loader=LocalPageLoader(server.templates_path))
    source, _, _ = environment.loader.get_source(environment, "app_index.html")  # type: ignore[union-attr]
    assert "googleapis" not in source and "gstatic" not in source
    assert "fonts/RobotoMono-VariableFont_wght.ttf" in source
    assert (server.statics_path / "fonts" / "RobotoMono-VariableFont_wght.ttf").is_file()
