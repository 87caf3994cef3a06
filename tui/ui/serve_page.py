"""The pages a served reader sends: textual-serve's, kept off the network, and "busy".

textual-serve's page links Google Fonts' stylesheet for its typeface, and its
script starts the terminal on ``window.onload``, which waits for every
stylesheet: on a machine whose DNS or network does not answer, the page
stays on its splash until the browser gives the font request up. The same
typeface ships in textual-serve's own static files, so the page is served
with that link replaced by ``@font-face`` rules pointing there: it asks
nothing of any host but the reader's.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import jinja2
from aiohttp import web

PAGE = "app_index.html"
RETRY_AFTER = "10"

OUTSIDE_FONTS = re.compile(
    r"<link\s+rel=\"stylesheet\"\s+href=\"https://fonts\.googleapis\.com/[^\"]*\"\s*/?>"
)
"""The page's request to Google Fonts (textual-serve 1.1.3's template)."""

LOCAL_FONTS = """<style>
      @font-face {
        font-family: "Roboto Mono";
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf")
          format("truetype");
        font-weight: 100 700;
        font-style: normal;
      }
      @font-face {
        font-family: "Roboto Mono";
        src: url("{{ config.static.url }}fonts/RobotoMono-Italic-VariableFont_wght.ttf")
          format("truetype");
        font-weight: 100 700;
        font-style: italic;
      }
    </style>"""
"""The same typeface, from textual-serve's static files on this server."""


class LocalPageLoader(jinja2.BaseLoader):
    """textual-serve's templates, with the page's outside font request replaced."""

    def __init__(self, templates: Path) -> None:
        self.templates = jinja2.FileSystemLoader(templates)

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = self.templates.get_source(environment, template)
        if template == PAGE:
            source = OUTSIDE_FONTS.sub(lambda _match: LOCAL_FONTS, source)
        return source, filename, uptodate


def busy_page(title: str, limit: int) -> web.Response:
    """The answer to one visitor more than ``--max-visitors``: a plain page (and a
    503 with ``Retry-After``, for programs) that says why and what to do."""
    readers = "1 reader is" if limit == 1 else f"{limit} readers are"
    name = html.escape(title)
    body = f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{name}: busy</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto">
<h1>{name} is busy</h1>
<p>{readers} open, the most this server allows at a time.
Try again when someone closes their tab: <a href="/">reload this page</a>.</p>
</body>
</html>
"""
    return web.Response(
        status=503, text=body, content_type="text/html", headers={"Retry-After": RETRY_AFTER}
    )


def busy_refusal(limit: int) -> web.HTTPServiceUnavailable:
    """The same answer (to raise) to one WebSocket more than ``--max-visitors``."""
    return web.HTTPServiceUnavailable(
        text=f"503 Service Unavailable: the reader is busy ({limit} open, the most allowed)\n",
        headers={"Retry-After": RETRY_AFTER},
    )
