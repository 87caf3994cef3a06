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

Locally without Chromium the test skips; with ``CI=true`` it fails.
"""

from __future__ import annotations

import asyncio
import base64
from pathlib import Path

from tests.support.chromium import DevTools, chromium, headless_page, png_colours
from tests.support.serving import START_WAIT, served

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

EXPECTED = [
    "bbc.txt",
    "business-standard.txt",
    "cbs-news.txt",
    "Trump cancels new North Korea sanctions",  # bbc's headline, sentence 0
    " suggestion",  # the status line once the alignment is done ("40 links · 24 suggestions")
]


async def wait_for(page: DevTools, expression: str, done: object = True) -> object:
    """Evaluate ``expression`` until it is ``done`` (or, for a callable, done(value))."""
    value = None
    for _ in range(int(START_WAIT * 4)):
        value = await page.evaluate(expression)
        if (done(value) if callable(done) else value == done) and value is not None:
            return value
        await asyncio.sleep(0.25)
    return value


async def test_chromium_shows_the_panes_text(tmp_path: Path) -> None:
    chromium()  # skip, or fail in CI, before starting anything
    with served() as server:
        async with headless_page(tmp_path / "profile") as page:
            await page.call("Page.enable")
            await page.call("Page.addScriptToEvaluateOnNewDocument", source=CATCH_TERMINAL)
            await page.call("Page.navigate", url=server.url)

            def complete(text: object) -> bool:
                return isinstance(text, str) and all(part in text for part in EXPECTED)

            screen = await wait_for(page, READ_TERMINAL, complete)
            assert complete(screen), f"the terminal shows:\n{screen}"
            assert await wait_for(page, TERMINAL_SHOWN) is True
            await asyncio.sleep(0.5)  # the 0.3 s fade-in, then a frame
            shot = await page.call("Page.captureScreenshot", format="png")
    picture = base64.b64decode(shot["data"])
    (tmp_path / "served.png").write_bytes(picture)
    colours = png_colours(picture)
    assert len(colours) > 50, f"only {len(colours)} colours: the page looks blank"
    assert any(g > r + 30 and g > b + 30 for r, g, b in colours), "no green word difference"
