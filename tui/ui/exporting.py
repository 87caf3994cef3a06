"""Exports from the reader: built and written in a thread worker, reported in the status bar.

An HTML export of two sources of 30,000 sentences took 9 s, and the screen
was frozen for all of it. Now the dialog only asks (format, file, whether
to overwrite) and closes; :func:`start_export` runs the export in a thread
worker, which posts :class:`ExportProgress` and :class:`ExportDone` to the
status bar, so the reader goes on reading while the file is written.
Building the text is the same call as ``--export``
(:func:`tui.export.formats.export_text`); :func:`deliver` is the one place
the finished text goes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from textual.dom import DOMNode
from textual.worker import WorkerState, get_current_worker

from tui.errors import InputError
from tui.export.output import write_atomically
from tui.ingest.safe_text import visible
from tui.model import Comparison
from tui.ui.abandon import Cancelled, abandoned_on_cancel
from tui.ui.downloads import send_download
from tui.ui.messages import ExportDone, ExportProgress

GROUP = "export"
"""The worker group of exports: one runs at a time."""

WRITING = 0.9
"""Where the progress bar stands while the finished text is written."""


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What the export dialog settled: the format, the file, and whether the
    user agreed to replace it."""

    kind: str
    target: Path
    overwrite: bool = False
    download: bool = False
    """Served (``--serve``): send it to the visitor's browser; ``target`` is
    only the name typed, never a file written on the server."""


def deliver(report: DOMNode, request: ExportRequest, text: str) -> str:
    """Put the finished export where it goes, and say so (runs in the worker).

    Served, it is a download in the visitor's browser, handed to
    ``App.deliver_text`` on the UI thread. Otherwise it is the file the
    dialog chose, written safely (temporary name, then renamed; never
    replacing a file the user did not agree to replace).
    """
    if request.download:
        app = report.app
        return app.call_from_thread(send_download, app, text, request.kind, str(request.target))
    write_atomically(request.target, text, overwrite=request.overwrite)
    return f"Wrote {request.kind} to {request.target}"


def export_in_thread(report: DOMNode, comparison: Comparison, request: ExportRequest) -> None:
    """The worker: build the text, deliver it, post each step to ``report``.

    The text is built in a daemon thread (:func:`abandoned_on_cancel`), so
    quitting mid-export returns at once and writes nothing.
    """
    worker = get_current_worker()
    report.post_message(ExportProgress(None, f"building the {request.kind}"))
    try:
        from tui.export.formats import export_text  # the flags and the page: when exporting

        text = abandoned_on_cancel(partial(export_text, comparison, request.kind), "export")
        if worker.is_cancelled:
            return
        step = "sending" if request.download else "writing"
        report.post_message(ExportProgress(WRITING, f"{step} {visible(request.target.name)}"))
        said = deliver(report, request, text)
    except Cancelled:
        return
    except InputError as error:
        report.post_message(ExportDone(f"Not exported: {error}", ok=False))
        return
    except Exception as error:  # told in a notification; the reader goes on
        report.post_message(ExportDone(f"The export failed: {error}", ok=False))
        return
    report.post_message(ExportDone(said))


def exporting(node: DOMNode) -> bool:
    """Whether an export is still running in the app of ``node``."""
    live = (WorkerState.PENDING, WorkerState.RUNNING)
    return any(worker.group == GROUP and worker.state in live for worker in node.app.workers)


def start_export(report: DOMNode, comparison: Comparison, request: ExportRequest) -> None:
    """Run the export in a thread worker owned by ``report``, which is told how it goes."""
    report.run_worker(
        partial(export_in_thread, report, comparison, request),
        name=f"export {request.kind}",
        group=GROUP,
        thread=True,
        exit_on_error=False,
    )
