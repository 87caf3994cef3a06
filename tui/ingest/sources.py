"""One source, whatever it is: a URL, a file or ``-``, in any supported format.

``load`` is what the pipeline calls: URLs go to :mod:`tui.ingest.fetch`,
everything else to ``loading.load_source`` with the converter of
:mod:`tui.ingest.formats` (HTML, PDF, DOCX, EPUB, Markdown, else text).
``load_all`` loads several at once, fetching URLs side by side so three
pages cost about one round trip, not three.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import BinaryIO

from tui.ingest.formats import convert
from tui.ingest.loading import LoadedText, load_source
from tui.ingest.urls import is_url

MAX_PARALLEL_FETCHES = 8


def load(spec: str, stdin: BinaryIO | None = None) -> LoadedText:
    if is_url(spec):
        from tui.ingest.fetch import fetch  # only now: its imports cost 0.25 s

        return fetch(spec)
    return load_source(spec, stdin, convert=convert)


def load_all(specs: Sequence[str], stdin: BinaryIO | None = None) -> list[LoadedText]:
    """Every source in order; the first failing one (in order) raises."""
    urls = sum(1 for spec in specs if is_url(spec))
    if urls < 2:
        return [load(spec, stdin) for spec in specs]
    from tui.ingest.fetch import fetch

    with ThreadPoolExecutor(min(urls, MAX_PARALLEL_FETCHES)) as pool:
        fetched = {spec: pool.submit(fetch, spec) for spec in dict.fromkeys(specs) if is_url(spec)}
        return [fetched[spec].result() if is_url(spec) else load(spec, stdin) for spec in specs]
