"""``synoptic --serve`` in a real browser: headless Chromium shows the panes.

textual-serve's page draws the terminal with xterm.js on a canvas (WebGL or
2D), so the page's DOM never holds the text. Two looks, both required:

- **what the terminal holds**: a script installed before the page's own
  (``Page.addScriptToEvaluateOnNewDocument``) catches the xterm.js
  ``Terminal`` as the page stores it (``this.terminal = ...``), and its public
  buffer API (``buffer.active.getLine(y).translateToString()``) gives the
  rows of characters the canvas is drawn from;
- **what is drawn**: a screenshot once the page has shown the terminal. The
  green of the words one source adds is the telling part: the page's intro
  (its background picture has some 200 colours) has none.

The page must reach the reader with nothing but 127.0.0.1 (issue 19, 15):
every outside request goes to a proxy of the test's that accepts and never
answers, as a network that drops packets does. textual-serve starts its
terminal on ``window.onload``, which waits for every stylesheet, so a page
that still asked Google Fonts for its typeface would sit on its splash here.
The panes' text must stand in the terminal within :data:`USER_WAIT`.

Locally without Chromium the test skips; with ``CI=true`` it fails.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import time
from collections.abc import AsyncIterator
from pathlib import Path

from tests.support.chromium import DevTools, chromium, headless_page, png_colours, through_proxy
from tests.support.serving import START_WAIT, served

USER_WAIT = 20.0
"""Seconds from opening the address to the panes' text that a user would accept,
on a busy 2-core machine (a quiet one takes a few)."""

CATCH_TERMINAL = """
(() => {
  const caught = [];
  window.__synopticTerminals = caught;
  Object.defineProperty(Object.prototype, "terminal", {
    configurable: true,
    set(value) {
      Object.defineProperty(this, "terminal", {
        value, writable: true, configurable: true, enumerable: true,
      });
      caught.push(value);
    },
  });
})();
"""
"""Every object assigned to a ``.terminal`` property, starting with the page's xterm."""

READ_TERMINAL = """
(() => {
  const terminal = (window.__synopticTerminals || []).find(
    (t) => t && t.buffer && t.buffer.active && typeof t.rows === "number");
  if (!terminal) return null;
  const rows = [];
  for (let y = 0; y < terminal.rows; y++) {
    const line = terminal.buffer.active.getLine(y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
})()
"""

TERMINAL_SHOWN = """
document.body.classList.contains("-first-byte")
  && getComputedStyle(document.querySelector(".textual-terminal")).opacity === "1"
"""
"""textual-serve's page hides the intro and fades the terminal in after its first bytes."""

PANES = [
    "bbc.txt",
    "business-standard.txt",
    "cbs-news.txt",
    "Trump cancels new North Korea sanctions",  # bbc's headline, sentence 0
]
EXPECTED = [
    *PANES,
    " suggestion",
]  # the status line once the alignment is done ("40 links · 24 suggestions")

PAGE_REQUESTS = """
[...document.querySelectorAll("link[href], script[src], img[src], iframe[src]")]
  .map((e) => e.href || e.src)
  .concat(performance.getEntriesByType("resource").map((e) => e.name))
"""
"""Every URL the page refers to or has fetched."""


@contextlib.asynccontextmanager
async def unanswering_proxy() -> AsyncIterator[tuple[int, list[bytes]]]:
    """A proxy on 127.0.0.1 that takes every request and never answers: its port,
    and the first line of each request (``CONNECT fonts.googleapis.com:443 ...``)."""
    asked: list[bytes] = []
    held: set[asyncio.StreamWriter] = set()

    async def hold(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.add(writer)
        with contextlib.suppress(Exception):
            asked.append(await asyncio.wait_for(reader.readline(), START_WAIT))
            await asyncio.wait_for(reader.read(), START_WAIT)  # until the browser gives up

    server = await asyncio.start_server(hold, "127.0.0.1", 0)
    try:
        yield server.sockets[0].getsockname()[1], asked
    finally:
        server.close()
        for writer in held:
            writer.close()
        await asyncio.wait_for(server.wait_closed(), 30)


async def wait_for(
    page: DevTools, expression: str, done: object = True, seconds: float = START_WAIT
) -> object:
    """Evaluate ``expression`` until it is ``done`` (or, for a callable, done(value)),
    for at most ``seconds``; the last value."""
    deadline = time.monotonic() + seconds
    while True:
        value = await page.evaluate(expression)
        if (done(value) if callable(done) else value == done) and value is not None:
            return value
        if time.monotonic() >= deadline:
            return value
        await asyncio.sleep(0.25)


async def test_chromium_shows_the_panes_text_with_no_network_but_127_0_0_1(
    tmp_path: Path,
) -> None:
    chromium()  # skip, or fail in CI, before starting anything
    with served() as server:
        async with (
            unanswering_proxy() as (proxy, asked),
            headless_page(tmp_path / "profile", outside=through_proxy(proxy)) as page,
        ):
            await page.call("Page.enable")
            await page.call("Page.addScriptToEvaluateOnNewDocument", source=CATCH_TERMINAL)
            opened = time.monotonic()
            await page.call("Page.navigate", url=server.url)

            def panes(text: object) -> bool:
                return isinstance(text, str) and all(part in text for part in PANES)

            def complete(text: object) -> bool:
                return isinstance(text, str) and all(part in text for part in EXPECTED)

            screen = await wait_for(page, READ_TERMINAL, panes, USER_WAIT)
            waited = time.monotonic() - opened
            assert panes(screen), (
                f"no panes after {waited:.1f} s; outside requests: {asked}; "
                f"the terminal shows:\n{screen}"
            )
            screen = await wait_for(page, READ_TERMINAL, complete)
            assert complete(screen), f"the terminal shows:\n{screen}"
            assert await wait_for(page, TERMINAL_SHOWN) is True
            requested = await page.evaluate(PAGE_REQUESTS)
            await asyncio.sleep(0.5)  # the 0.3 s fade-in, then a frame
            shot = await page.call("Page.captureScreenshot", format="png")
    print(f"panes' text {waited:.1f} s after opening the page")  # shown with pytest -s
    outside = [url for url in requested if not url.startswith(server.url)]
    assert outside == [], f"the page asks other hosts: {outside}"
    # Chromium's own background requests reach the proxy too; the page's must not.
    assert not [line for line in asked if b"fonts.g" in line], asked
    picture = base64.b64decode(shot["data"])
    (tmp_path / "served.png").write_bytes(picture)
    colours = png_colours(picture)
    assert len(colours) > 50, f"only {len(colours)} colours: the page looks blank"
    assert any(g > r + 30 and g > b + 30 for r, g, b in colours), "no green word difference"
