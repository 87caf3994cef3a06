"""The export dialog: pick a format and a file; never overwrite without asking.

The same path as ``--export`` (:func:`tui.export.formats.export_text`) and
the same safe write (:mod:`tui.export.output`: checks, then an atomic
rename), so a file written from the reader equals the command line's. An
existing file is only replaced after an explicit "Overwrite" in a second
dialog.
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
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from tui.errors import InputError
from tui.export.formats import EXTENSIONS, export_text
from tui.export.output import Wording, check_target, write_atomically
from tui.ingest.safe_text import visible
from tui.model import Comparison
from tui.ui.downloads import deliver_export

WORDING = Wording(no_name="type the name of the file to write", exists="already exists")


class ConfirmScreen(ModalScreen[bool]):
    """Yes or no to one question; Escape means no."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,n", "dismiss(False)", "No")]

    def __init__(self, question: str, yes: str) -> None:
        super().__init__()
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.question))
            with Horizontal(classes="buttons"):
                yield Button(self.yes, variant="error", id="confirm-yes")
                yield Button("Cancel", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed)
    def _answer(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")


class ExportScreen(ModalScreen[str | None]):
    """Format and path; dismissed with what was written, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, comparison: Comparison, directory: Path | None = None):
        super().__init__()
        self.comparison = comparison
        self.directory = directory if directory is not None else Path.cwd()
        self.kind = "json"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-body"):
            yield Static(Text("Export the comparison", style="bold"))
            with RadioSet(id="export-format"):
                for number, kind in enumerate(EXTENSIONS):
                    yield RadioButton(kind, value=number == 0, name=kind, id=f"format-{kind}")
            yield Input(str(self._default_path()), id="export-path")
            yield Static(id="export-error")
            with Horizontal(classes="buttons"):
                yield Button("Export", variant="primary", id="export-go")
                yield Button("Cancel", id="export-cancel")

    def _default_path(self) -> Path:
        return self.directory / f"synoptic.{EXTENSIONS[self.kind]}"

    @on(RadioSet.Changed)
    def _format_chosen(self, event: RadioSet.Changed) -> None:
        path_input = self.query_one("#export-path", Input)
        was_default = path_input.value == str(self._default_path())
        self.kind = event.pressed.name or "json"
        if was_default:
            path_input.value = str(self._default_path())

    @on(Button.Pressed, "#export-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#export-go")
    @on(Input.Submitted, "#export-path")
    def _go(self) -> None:
        value = self.query_one("#export-path", Input).value.strip()
        if self.app.is_web:  # served: a download, never a file on the server
            self.dismiss(deliver_export(self.app, self.comparison, self.kind, value))
            return
        target = Path(value).expanduser()
        if value and target.is_file():
            question = f"{visible(str(target))} already exists. Overwrite it?"
            self.app.push_screen(ConfirmScreen(question, "Overwrite"), self._confirmed)
            return
        self._write(value, overwrite=False)

    def _confirmed(self, yes: bool | None) -> None:
        if yes:
            self._write(self.query_one("#export-path", Input).value.strip(), overwrite=True)

    def _write(self, value: str, overwrite: bool) -> None:
        inputs = [document.path for document in self.comparison.documents if document.path]
        try:
            target = check_target(value, True, inputs, WORDING)
            text = export_text(self.comparison, self.kind)
            write_atomically(target, text, overwrite=overwrite)
        except InputError as error:
            self.query_one("#export-error", Static).update(Text(visible(str(error))))
            return
        self.dismiss(f"Wrote {self.kind} to {target}")
