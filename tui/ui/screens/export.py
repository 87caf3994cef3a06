"""The export dialog: pick a format and a file; never overwrite without asking.

The dialog only settles what to do: the format (arrow keys or a click), the
file (offered as the first source's name, e.g. ``bbc-synoptic.html``) and,
if that file exists, whether to replace it. The question takes the form's
place in the same dialog (Escape goes back to the form), so there is never
a dialog stacked on a dialog. It is dismissed with an
:class:`~tui.ui.exporting.ExportRequest`, which the reader runs in a thread
worker: the same path as ``--export`` (:func:`tui.export.formats.export_text`)
and the same safe write (:mod:`tui.export.output`), so a file written from
the reader equals the command line's.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, ContentSwitcher, Input, RadioButton, RadioSet, Static

from tui.errors import InputError
from tui.export.formats import EXTENSIONS
from tui.export.names import export_name
from tui.export.output import Wording, check_target
from tui.ingest.safe_text import visible
from tui.model import Comparison
from tui.ui.exporting import ExportRequest

CHOSEN = "✓"
"""After the chosen format's name."""

WORDING = Wording(no_name="type the name of the file to write", exists="already exists")


class FormatChoice(RadioSet):
    """The formats in a row; an arrow key chooses the next or previous one at once
    (a plain radio set only moves a highlight that Enter or Space then presses)."""

    def action_next_button(self) -> None:
        self.step(1)

    def action_previous_button(self) -> None:
        self.step(-1)

    def step(self, by: int) -> None:
        """Press the button ``by`` places after the pressed one, wrapping around."""
        buttons = list(self.query(RadioButton))
        buttons[(self.pressed_index + by) % len(buttons)].value = True

    def show_choice(self) -> None:
        """Mark the chosen format in words (``json ✓``): a radio button's dot is
        the same glyph on and off, so without colour (``NO_COLOR``) all four
        looked alike."""
        for button in self.query(RadioButton):
            name = button.name or ""
            button.label = f"{name} {CHOSEN}" if button.value else name


class ExportScreen(ModalScreen[ExportRequest | None]):
    """Format and path, then the overwrite question if needed; dismissed with the
    export to run, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Cancel"),
        Binding("up", "format(-1)", "Previous format", show=False),
        Binding("down", "format(1)", "Next format", show=False),
    ]

    def __init__(self, comparison: Comparison):
        super().__init__()
        self.comparison = comparison
        self.kind = next(iter(EXTENSIONS))
        self.request: ExportRequest | None = None
        """What the overwrite question is about, while it is asked."""

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="export-form", classes="dialog", id="export-body"):
            with Vertical(id="export-form"):
                yield Static(Text("Export the comparison", style="bold"))
                with FormatChoice(id="export-format"):
                    for number, kind in enumerate(EXTENSIONS):
                        label = f"{kind} {CHOSEN}" if number == 0 else kind
                        yield RadioButton(label, value=number == 0, name=kind, id=f"format-{kind}")
                yield Input(self._default_path(), id="export-path")
                yield Static(Text("↑ ↓ format · Enter exports · Escape cancels", style="dim"))
                yield Static(id="export-error")
                with Horizontal(classes="buttons"):
                    yield Button("Export", variant="primary", id="export-go")
                    yield Button("Cancel", id="export-cancel")
            with Vertical(id="export-confirm"):
                yield Static(id="confirm-question")
                with Horizontal(classes="buttons"):
                    yield Button("Overwrite", variant="error", id="confirm-yes")
                    yield Button("Cancel", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    def _default_path(self) -> str:
        """In the current folder, named after the first source (short, so it reads)."""
        return export_name(self.comparison.documents, self.kind)

    @property
    def asking(self) -> bool:
        """Whether the overwrite question is shown (instead of the form)."""
        return self.query_one(ContentSwitcher).current == "export-confirm"

    def action_format(self, by: int) -> None:
        if not self.asking:
            self.query_one(FormatChoice).step(by)

    @on(RadioSet.Changed)
    def _format_chosen(self, event: RadioSet.Changed) -> None:
        path_input = self.query_one("#export-path", Input)
        was_default = path_input.value == self._default_path()
        self.kind = event.pressed.name or self.kind
        self.query_one(FormatChoice).show_choice()
        if was_default:
            path_input.value = self._default_path()

    def action_back(self) -> None:
        """Escape: from the question back to the form; from the form, cancel."""
        if self.asking:
            self._show_form()
        else:
            self.dismiss(None)

    @on(Button.Pressed, "#export-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#export-go")
    @on(Input.Submitted, "#export-path")
    def _go(self) -> None:
        value = self.query_one("#export-path", Input).value.strip()
        if self.app.is_web:  # served: a download, never a file on the server
            self.dismiss(ExportRequest(self.kind, Path(value), download=True))
            return
        inputs = [document.path for document in self.comparison.documents if document.path]
        try:
            check_target(value, True, inputs, WORDING)  # no folder, no input file
        except InputError as error:
            self.query_one("#export-error", Static).update(Text(visible(str(error))))
            return
        target = Path(value).expanduser().absolute()  # the folder it was asked in
        if target.is_file():
            self._ask(ExportRequest(self.kind, target, overwrite=True))
            return
        self.dismiss(ExportRequest(self.kind, target))

    def _ask(self, request: ExportRequest) -> None:
        """Put the overwrite question where the form was."""
        self.request = request
        typed = self.query_one("#export-path", Input).value.strip()
        question = f"{visible(typed)} already exists. Overwrite it?"
        self.query_one("#confirm-question", Static).update(Text(question))
        self.query_one(ContentSwitcher).current = "export-confirm"
        self.query_one("#confirm-no", Button).focus()

    def _show_form(self) -> None:
        self.request = None
        self.query_one(ContentSwitcher).current = "export-form"
        self.query_one("#export-path", Input).focus()

    @on(Button.Pressed, "#confirm-yes")
    def _overwrite(self) -> None:
        if self.request is not None:
            self.dismiss(self.request)

    @on(Button.Pressed, "#confirm-no")
    def _keep(self) -> None:
        self._show_form()
