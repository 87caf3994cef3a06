"""The two lines above each pane: which source it is, and how it relates.

Line one names the source (its number for the 1-9 keys, file name or URL,
site and date when the source gives them, title);
line two starts with where the pane is (its cursor, or in a follower the
lined-up counterpart): "Luke 3:19" in a verse-numbered text, "¶ 12 · 34%"
(paragraph, share read) in others; then the sync status (the score of the
lined-up link, "no counterpart", or how many counterparts there are to
cycle through) and its counts (sentences, share linked to other sources,
unique sentences). Every
part is a ``rich.text.Text`` built from safe strings, never markup.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.widgets import Static

from tui.ingest.safe_text import visible
from tui.model import Document
from tui.view.following import Status
from tui.wording import count

FEW_LINKS_SHARE = 20
"""Below this share (percent) of linked sentences the header suggests a lower threshold."""
FEW_LINKS_MIN = 5
"""...if the source has at least this many sentences."""


class PaneHeader(Static):
    """Name, title, counts and status of one source."""

    DEFAULT_CSS = """
    PaneHeader {
        height: 2;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        padding: 0 1;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "pane-header--number",
        "pane-header--name",
        "pane-header--title",
        "pane-header--counts",
        "pane-header--score",
        "pane-header--none",
        "pane-header--info",
        "pane-header--position",
    }

    def __init__(self, document: Document, index: int) -> None:
        super().__init__()
        self.document = document
        self.index = index
        self.counts: tuple[int, int, int] | None = None
        self.status = Status()
        self.position = ""
        """Where the pane is, from :func:`tui.view.position.position_label`."""

    def on_mount(self) -> None:
        self.refresh_text()
        # Component styles are baked into the Text: rebuild it for a new theme.
        self.app.theme_changed_signal.subscribe(
            self, lambda _theme: self.call_after_refresh(self.refresh_text)
        )

    def set_info(
        self, counts: tuple[int, int, int] | None, status: Status, position: str = ""
    ) -> None:
        # Called on every cursor step: the text is rebuilt only when it changes.
        if (counts, status, position) != (self.counts, self.status, self.position):
            self.counts, self.status, self.position = counts, status, position
            self.refresh_text()

    def refresh_text(self) -> None:
        style = self.get_component_rich_style
        number = f"{self.index + 1} " if self.index < 9 else ""
        first = Text(no_wrap=True, overflow="ellipsis", end="")
        first.append(number, style("pane-header--number"))
        first.append(visible(self.document.name), style("pane-header--name"))
        where = " · ".join(part for part in (self.document.site, self.document.date) if part)
        if where:
            # A web page or book says who published it and when (issue 11).
            first.append(f"  {visible(where)}", style("pane-header--counts"))
        if self.document.title:
            first.append("  ")
            first.append(visible(self.document.title), style("pane-header--title"))
        second = Text(no_wrap=True, overflow="ellipsis", end="")
        if self.position:
            # First, so it survives the ellipsis of a narrow pane (issue 9).
            second.append(visible(self.position), style("pane-header--position"))
            second.append(" · ", style("pane-header--counts"))
        if self.status.text:
            second.append(self.status.text, style(f"pane-header--{self.status.style}"))
            second.append(" · ", style("pane-header--counts"))
        sentences = len(self.document.sentences)
        if self.counts is None:
            second.append(
                f"{count(sentences, 'sentence')} · aligning…", style("pane-header--counts")
            )
        else:
            total, linked, unique = self.counts
            share = round(100 * linked / total) if total else 0
            summary = f"{count(total, 'sentence')} · {share}% linked · {unique} unique"
            second.append(summary, style("pane-header--counts"))
            if total >= FEW_LINKS_MIN and share < FEW_LINKS_SHARE:
                # Real coverage of one story should link; say how to look wider.
                second.append(" · few links: - for looser ones", style("pane-header--info"))
        both = Text(no_wrap=True, overflow="ellipsis", end="")
        both.append_text(first)
        both.append("\n")
        both.append_text(second)
        self.update(both)
