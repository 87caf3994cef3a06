"""The reader's keys on one line at any width: Textual's footer where it fits,
this shorter line where it would be cut.

Textual's ``Footer`` lays every shown binding side by side and cuts the last
ones at the edge: at 80 columns the reader's read "x Unl▏" and the quit key
was gone. Below the width the footer needs, :class:`KeyHints` takes its
place: the same bindings (``screen.active_bindings``, so a remapped key shows
as remapped), most useful first, as many whole ones as fit; ``?`` (help,
every key) and ``q`` always among them.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Footer, Static

from tui.view.key_line import GAP, Entry, fitting, footer_width, ordered


class KeyHints(Static):
    """The shown bindings of the screen, as many as fit, most useful first."""

    DEFAULT_CSS = """
    KeyHints {
        height: 1;
        dock: bottom;
        background: $footer-background;
        color: $footer-description-foreground;
        text-wrap: nowrap;
        display: none;
    }
    """

    def on_mount(self) -> None:
        # As Textual's footer does: a modal on top, or back, changes what is live.
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        self.refresh()

    def entries(self) -> list[Entry]:
        """(key as shown, description) of each shown binding, most useful first."""
        seen: dict[str, tuple[str | None, str, str]] = {}
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.show and enabled and binding.action not in seen:
                key = self.app.get_key_display(binding)
                seen[binding.action] = (binding.id, key, binding.description)
        return ordered(seen.values())

    def footer_width(self) -> int:
        return footer_width(self.entries())

    def fit(self, width: int, notice: bool = False) -> None:
        """Show the footer where it fits, this line where it would be cut; neither
        while a ``notice`` stands in their place."""
        narrow = self.footer_width() > width
        for footer in self.screen.query(Footer):
            footer.display = not narrow and not notice
        self.display = narrow and not notice
        if narrow:
            self.refresh()

    def render(self) -> Text:
        line = Text(no_wrap=True, overflow="crop", end="")
        for number, (key, description) in enumerate(fitting(self.entries(), self.size.width)):
            line.append(GAP if number else " ")
            line.append(key, style="bold")
            line.append(" " + description)
        return line
