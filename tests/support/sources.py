"""Sources in every format, made for the tests (no copyrighted pages): a
fictional story told by two outlets, written as web pages with furniture,
PDF, DOCX, EPUB and Markdown; and a local HTTP server to fetch them from.

Nothing here touches the outside network: the server listens on 127.0.0.1.
"""

from __future__ import annotations

import html
import http.server
import io
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field

COURIER = [
    "The harbour bridge reopened to traffic on Saturday morning after eight months of "
    "repairs, the city council said.",
    "Engineers replaced 120 steel cables and resurfaced the deck, at a cost of 14 million pounds.",
    "Commuters had faced detours of up to forty minutes while the bridge was closed.",
    '"It is a relief to drive straight into town again," said Maria Lopez, a nurse who '
    "crosses the bridge every day.",
    "The council said a new inspection regime would check the cables every six months.",
]
COURIER_TITLE = "Harbour bridge reopens after eight months of repairs"

GAZETTE = [
    "Traffic returned to the harbour bridge on Saturday after eight months of repair work, "
    "according to the city council.",
    "The council said engineers had replaced 120 steel cables and laid a new deck surface "
    "for 14 million pounds.",
    "Drivers endured detours of as much as forty minutes during the closure.",
    "Local shop owners said trade had fallen by a third while the bridge was shut.",
]
GAZETTE_TITLE = "Traffic back on harbour bridge as repairs end"

FURNITURE = [
    "Subscribe to our morning newsletter",
    "We use cookies to improve your experience on our site",
    "Accept all cookies",
    "Most read",
    "Celebrity chef opens a floating restaurant",
    "Ten gardening tips for a rainy spring",
    "Copyright 2026 The Riverside Courier",
    "Privacy policy",
    "World news",
]
"""Text on the page that is not the article and must not be read as it."""


def article_page(
    title: str,
    paragraphs: list[str],
    site: str = "The Riverside Courier",
    date: str = "2026-03-14",
    charset: str | None = "utf-8",
    link: str | None = None,
    padding: int = 0,
) -> str:
    """A news page as sites serve them: navigation, cookie banner, the article,
    a "most read" list and a footer. ``padding`` adds that many extra
    "more stories" teasers (for a big page)."""
    meta = f'<meta charset="{charset}">' if charset else ""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    if link:
        body += f'\n<p>Read <a href="{html.escape(link)}">the other report</a> too.</p>'
    teasers = "\n".join(
        f'<li><a href="/story/{n}">Teaser number {n} about something else entirely</a></li>'
        for n in range(padding)
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head>{meta}
<title>{html.escape(title)} | {html.escape(site)}</title>
<meta property="og:site_name" content="{html.escape(site)}">
<meta property="og:title" content="{html.escape(title)}">
<meta property="article:published_time" content="{date}T09:30:00Z">
<script>window.analytics = {{"track": true}};</script>
<style>body {{ font-family: serif; }}</style>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li>
<li><a href="/newsletter">Subscribe to our morning newsletter</a></li></ul></nav></header>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience
on our site.</p><button>Accept all cookies</button></div>
<main><article>
<h1>{html.escape(title)}</h1>
<p class="byline">By Staff Reporter</p>
{body}
</article></main>
<aside class="most-read"><h2>Most read</h2><ol>
<li><a href="/a">Celebrity chef opens a floating restaurant</a></li>
<li><a href="/b">Ten gardening tips for a rainy spring</a></li></ol></aside>
<section class="more-stories"><ul>{teasers}</ul></section>
<footer><p>Copyright 2026 The Riverside Courier. All rights reserved.</p>
<a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


def _pdf_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[list[str]], title: str | None = None) -> bytes:
    """A minimal PDF whose pages show these lines (Helvetica, one per line)."""
    objects: list[bytes] = []
    count = len(pages)
    kids = " ".join(f"{4 + 2 * n} 0 R" for n in range(count))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for number, lines in enumerate(pages):
        content = "BT /F1 11 Tf 14 TL 72 720 Td " + " ".join(
            f"({_pdf_string(line)}) Tj T*" for line in lines
        )
        stream = content.encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * number} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    info = None
    if title:
        objects.append(f"<< /Title ({_pdf_string(title)}) >>".encode("latin-1"))
        info = len(objects)
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    trailer = f"<< /Size {len(objects) + 1} /Root 1 0 R"
    trailer += f" /Info {info} 0 R >>" if info else " >>"
    out.write(f"trailer\n{trailer}\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def make_docx(title: str, paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(title, 1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_epub(title: str, chapters: list[list[str]], publisher: str = "Test Press") -> bytes:
    """An EPUB 3: mimetype first and stored, container, OPF, one XHTML per chapter.
    The spine lists the chapters in reverse manifest order, so following the spine
    (not the manifest or the zip order) is what puts them right."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        archive.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" '
            'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            '<rootfile full-path="OEBPS/content.opf" '
            'media-type="application/oebps-package+xml"/></rootfiles></container>',
        )
        items = "".join(
            f'<item id="c{n}" href="text/chapter%20{n}.xhtml" media-type="application/xhtml+xml"/>'
            for n in reversed(range(len(chapters)))
        )
        spine = "".join(f'<itemref idref="c{n}"/>' for n in range(len(chapters)))
        archive.writestr(
            "OEBPS/content.opf",
            '<?xml version="1.0" encoding="utf-8"?>'
            '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">'
            '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:title>{html.escape(title)}</dc:title><dc:date>2026-03-14</dc:date>"
            f"<dc:publisher>{html.escape(publisher)}</dc:publisher></metadata>"
            f"<manifest>{items}</manifest><spine>{spine}</spine></package>",
        )
        for number, paragraphs in enumerate(chapters):
            body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
            archive.writestr(
                f"OEBPS/text/chapter {number}.xhtml",
                '<?xml version="1.0" encoding="utf-8"?>\n'
                '<html xmlns="http://www.w3.org/1999/xhtml"><head>'
                f"<title>Chapter {number + 1}</title></head><body>"
                f"<h2>Chapter {number + 1}</h2>{body}</body></html>",
            )
    return buffer.getvalue()


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    location: str | None = None
    delay: float = 0.0


@dataclass
class Site:
    """What the test server answers, by path."""

    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)
    """(path, user agent) of every request."""
    base: str = ""

    def url(self, path: str) -> str:
        return self.base + path


def _handler(site: Site) -> Callable[..., http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.requests.append((self.path, self.headers.get("User-Agent", "")))
            route = site.routes.get(self.path)
            if route is None:
                self.send_error(404, "Not Found")
                return
            if route.delay:
                time.sleep(route.delay)
            self.send_response(route.status)
            if route.location:
                self.send_header("Location", route.location)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            with suppress(OSError):
                self.wfile.write(route.body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextmanager
def serve(site: Site) -> Iterator[Site]:
    """Serve ``site`` on 127.0.0.1 (a free port) in a thread while the block runs."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


PROXY_VARIABLES = (
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
)
"""Unset in the fetch tests: the test server is reached directly."""
