"""Issue 11: URLs on the command line, fetched from a server the test starts on
127.0.0.1 (no outside network anywhere), and every way a fetch fails."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import tui.ingest.fetch as fetch_module
from tests.support.sources import (
    COURIER,
    COURIER_TITLE,
    FURNITURE,
    GAZETTE,
    GAZETTE_TITLE,
    PROXY_VARIABLES,
    Route,
    Site,
    article_page,
    make_pdf,
    serve,
)
from tui.cli import main
from tui.errors import InputError
from tui.ingest.fetch import fetch, is_url
from tui.pipeline import load_documents


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """127.0.0.1 is reached directly, whatever the environment says."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def site() -> Iterator[Site]:
    page = article_page(COURIER_TITLE, COURIER).encode()
    routes = {
        "/story": Route(page),
        "/old-story": Route(status=301, location="/story"),
        "/loop": Route(status=302, location="/loop2"),
        "/loop2": Route(status=302, location="/loop"),
        "/report": Route(make_pdf([["Harbour bridge reopens", COURIER[0]]]), "application/pdf"),
        "/notes": Route(b"<p>Plain words, not markup.</p>\n", "text/plain; charset=utf-8"),
        "/slow": Route(page, delay=3.0),
    }
    with serve(Site(routes)) as running:
        yield running


def one_line_error(url: str, timeout: float = 5.0) -> str:
    with pytest.raises(InputError) as caught:
        fetch(url, timeout=timeout)
    message = str(caught.value)
    assert message.startswith(f"{url}: "), message
    assert "\n" not in message
    return message


def test_is_url() -> None:
    assert is_url("https://example.org/a") and is_url("HTTP://x")
    assert not is_url("story.html") and not is_url("-") and not is_url("ftp://x")


def test_a_page_is_fetched_and_extracted(site: Site) -> None:
    loaded = fetch(site.url("/story"))
    assert loaded.format == "html"
    assert loaded.title == COURIER_TITLE
    assert loaded.url == site.url("/story")
    assert loaded.site == "The Riverside Courier" and loaded.date == "2026-03-14"
    assert loaded.text.startswith(COURIER_TITLE + "\n\n" + COURIER[0])
    for furniture in FURNITURE:
        assert furniture not in loaded.text
    path, agent = site.requests[-1]
    assert path == "/story" and agent.startswith("synoptic/")


def test_redirects_are_followed_and_bounded(site: Site) -> None:
    loaded = fetch(site.url("/old-story"))
    assert loaded.url == site.url("/story")
    assert "too many redirects" in one_line_error(site.url("/loop"))


def test_the_content_type_decides(site: Site) -> None:
    assert fetch(site.url("/report")).format == "pdf"
    notes = fetch(site.url("/notes"))
    assert notes.format == "text"
    assert notes.text == "<p>Plain words, not markup.</p>\n"


def test_json_of_a_text_url_carries_its_text(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--export", "json", site.url("/notes")]) == 0
    (source,) = json.loads(capsys.readouterr().out)["sources"]
    assert source["format"] == "text" and source["path"] is None
    assert source["text"] == "<p>Plain words, not markup.</p>\n"
    assert source["url"] == site.url("/notes")


def test_404(site: Site) -> None:
    assert one_line_error(site.url("/missing")).endswith("the server answered 404 Not Found")


def test_refused_connection() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert one_line_error(f"http://127.0.0.1:{port}/story").endswith("connection refused")


def test_dns_failure() -> None:
    message = one_line_error("http://nonexistent.invalid/story")
    assert message.endswith("host not found (DNS lookup failed)")


def test_timeout(site: Site) -> None:
    began = time.monotonic()
    message = one_line_error(site.url("/slow"), timeout=0.5)
    assert message.endswith("timed out after 0.5 s")
    assert time.monotonic() - began < 2.5


def test_tls_error_against_plain_http(site: Site) -> None:
    url = site.url("/story").replace("http://", "https://")
    assert "TLS" in one_line_error(url)


def test_size_cap(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch_module, "MAX_BYTES", 1000)
    assert "the limit is" in one_line_error(site.url("/story"))


def test_timeout_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SYNOPTIC_FETCH_TIMEOUT", "0.25")
    assert fetch_module.timeout_seconds() == 0.25
    monkeypatch.setenv("SYNOPTIC_FETCH_TIMEOUT", "soon")
    assert fetch_module.timeout_seconds() == fetch_module.TIMEOUT


def test_three_urls_load_side_by_side(site: Site) -> None:
    site.routes["/slow"].delay = 1.0
    urls = [site.url("/slow")] * 3
    began = time.monotonic()
    documents = load_documents(urls)
    # Fetched together: one after another would take at least 3 s.
    assert time.monotonic() - began < 2.7
    assert [d.title for d in documents] == [COURIER_TITLE] * 3


def test_cli_error_names_the_url(
    site: Site, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SYNOPTIC_FETCH_TIMEOUT", "0.5")
    for path, problem in [("/missing", "404"), ("/slow", "timed out")]:
        url = site.url(path)
        assert main(["--export", "json", url, url]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert err.startswith(f"synoptic: error: {url}: ") and problem in err


def test_export_json_of_a_url_and_a_saved_page(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README's example: a URL and a saved page, each linking to the other."""
    saved = tmp_path / "saved.html"
    saved.write_text(
        article_page(GAZETTE_TITLE, GAZETTE, site="The Harbour Gazette", link=site.url("/story")),
        encoding="utf-8",
    )
    site.routes["/story"] = Route(
        article_page(COURIER_TITLE, COURIER, link="https://gazette.invalid/saved").encode()
    )
    assert main(["--export", "json", site.url("/story"), str(saved)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["version"] == 1
    web, local = data["sources"]
    assert web["name"] == site.url("/story") and web["path"] is None
    assert web["url"] == site.url("/story")
    assert local["name"] == "saved.html" and local["path"] == str(saved)
    assert "url" not in local
    for source, title, outlet in [
        (web, COURIER_TITLE, "The Riverside Courier"),
        (local, GAZETTE_TITLE, "The Harbour Gazette"),
    ]:
        assert source["format"] == "html"
        assert source["title"] == title
        assert source["site"] == outlet and source["date"] == "2026-03-14"
        for sentence in source["sentences"]:
            span = source["text"][sentence["start"] : sentence["end"]]
            assert " ".join(span.split()) == sentence["text"]
            for furniture in FURNITURE:
                assert furniture not in sentence["text"]
    # The two accounts are aligned: the reopening and the cables link up.
    linked = {(link["sentence_a"], link["sentence_b"]) for link in data["links"]}
    texts_a = [s["text"] for s in web["sentences"]]
    texts_b = [s["text"] for s in local["sentences"]]
    assert (texts_a.index(COURIER[0]), texts_b.index(GAZETTE[0])) in linked
    assert any(link["source_a"] == 0 and link["source_b"] == 1 for link in data["links"])


def test_json_of_plain_text_gains_only_format(
    news_paths: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--export", "json", *news_paths]) == 0
    for source in json.loads(capsys.readouterr().out)["sources"]:
        assert source["format"] == "text"
        assert not {"text", "url", "date", "site"} & set(source)
