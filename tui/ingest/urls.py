"""Is a source a URL? Kept apart from :mod:`tui.ingest.fetch`, whose imports
(``urllib.request``, ``http.client``, ``ssl``, ``email``) cost a quarter of a
second: the reader's first frame must not wait for them when no source is
a URL."""

from __future__ import annotations


def is_url(spec: str) -> bool:
    """``http://`` or ``https://``, in any case."""
    return spec[:8].lower().startswith(("http://", "https://"))
