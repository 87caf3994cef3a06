"""The ``synoptic`` command: open the reader, or export an alignment.

Every problem with the user's input ends here as one line on stderr and exit
status 2: no traceback ever reaches the user. The reader (Textual) is only
imported when it is about to open, so exports and ``--help`` stay fast and
headless.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

from tui import __version__
from tui.align import DEFAULT_THRESHOLD
from tui.align.threshold import threshold_argument
from tui.errors import InputError
from tui.export.kinds import EXTENSIONS
from tui.ingest.safe_text import visible
from tui.scoring_ahead import ScoringAhead
from tui.settings import load_settings
from tui.wording import count

if TYPE_CHECKING:
    from tui.model import Comparison

EXIT_INPUT = 2

NO_NAME = "-o needs a file name"
EXISTS = "already exists; add --force to overwrite it"

EXAMPLES = """\
examples:
  synoptic                                open the bundled news sample
  synoptic bbc.txt cbs.txt reuters.txt    read three accounts side by side
  synoptic --sample gospels               Matthew, Mark and Luke (KJV)
  synoptic --export json a.txt b.txt      print the alignment as JSON
  synoptic --export markdown -o cmp.md a.txt b.txt
                                          write a Markdown synopsis table
  synoptic --export html -o cmp.html a.txt b.txt
                                          one self-contained web page
  synoptic https://a.example/story https://b.example/story saved.html
                                          web pages: the article text is read
  synoptic report.pdf notes.docx book.epub README.md
                                          PDF, DOCX, EPUB and Markdown too
  curl -s URL | synoptic - saved.txt      '-' reads standard input
  synoptic --serve a.txt b.txt            the reader in a web browser, at
                                          http://127.0.0.1:8000/ (Ctrl+C stops)

exit status: 0 on success, 2 on bad input (one line on stderr says why).
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="synoptic",
        description="Read several accounts of one story side by side: similar sentences "
        "are aligned across sources and the panes scroll together.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="files (text, HTML, PDF, DOCX, EPUB, Markdown) or http(s) URLs to compare "
        "('-' is stdin)",
    )
    parser.add_argument(
        "--export",
        choices=list(EXTENSIONS),
        metavar="FORMAT",
        help="write the alignment as json, csv, markdown or html instead of opening the reader",
    )
    parser.add_argument(
        "--no-corrections",
        action="store_true",
        help="export the aligner's links only, without your manual links and cuts",
    )
    parser.add_argument(
        "-o", "--output", metavar="PATH", help="write the export to PATH (default: stdout)"
    )
    parser.add_argument("--force", action="store_true", help="let -o overwrite an existing file")
    parser.add_argument(
        "--threshold",
        type=threshold_argument,
        metavar="N",
        help="minimum score (0-100) for two sentences to be linked "
        f"(default: the settings file's, else {DEFAULT_THRESHOLD:g})",
    )
    parser.add_argument(
        "--keep-boilerplate",
        action="store_true",
        help="treat paywall, cookie and link text as ordinary text and align it too",
    )
    parser.add_argument(
        "--sample", metavar="NAME", help="open a bundled sample set (see --list-samples)"
    )
    parser.add_argument("--list-samples", action="store_true", help="list the bundled sample sets")
    parser.add_argument(
        "--config",
        metavar="PATH",
        help="read the settings from PATH instead of settings.toml in the config directory "
        "($SYNOPTIC_CONFIG_DIR or the platform's)",
    )
    parser.add_argument(
        "--serve",
        action="store_true",
        help="serve the reader to a web browser instead of this terminal (one fresh "
        "reader per visitor); stop with Ctrl+C",
    )
    parser.add_argument(
        "--port", type=_port, metavar="N", help="with --serve: the port (default 8000; 0: any free)"
    )
    parser.add_argument(
        "--host",
        metavar="H",
        help="with --serve: the address to listen on (default 127.0.0.1, this machine only)",
    )
    parser.add_argument(
        "--max-visitors",
        type=_visitors,
        metavar="N",
        help="with --serve: readers open at once (default 8); the next visitor is told "
        "the reader is busy",
    )
    parser.add_argument("--version", action="version", version=f"synoptic {__version__}")
    return parser


def _port(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number") from None
    if not 0 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"{value} is outside 0-65535")
    return number


MAX_VISITORS_LIMIT = 1000


def _visitors(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if not 1 <= number <= MAX_VISITORS_LIMIT:
        raise argparse.ArgumentTypeError(f"{value} is outside 1-{MAX_VISITORS_LIMIT}")
    return number


def main(argv: Sequence[str] | None = None) -> int:
    _guard_standard_streams()
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["batch"]:  # corpus mode (issue 17): its own options
        from tui.batch.command import main as batch_main

        return batch_main(argv[1:])
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except InputError as error:
        _say(f"error: {error}")
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130


def _guard_standard_streams() -> None:
    """A standard stream closed by the caller (``<&-``, ``>&-``, ``2>&-``) is
    ``None`` in :mod:`sys`; its descriptor gets ``/dev/null`` so that no file
    we open later takes its number and receives stray output."""
    for number in (0, 1, 2):
        try:
            os.fstat(number)
        except OSError:
            try:
                fd = os.open(os.devnull, os.O_RDWR)
            except OSError:
                continue
            if fd != number:
                os.dup2(fd, number)
                os.close(fd)


def _say(message: str) -> None:
    """One line on stderr; nowhere when stderr is closed (never on stdout)."""
    if sys.stderr is None:
        return
    try:
        sys.stderr.write(f"synoptic: {visible(message)}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _run(args: argparse.Namespace) -> int:
    from tui import resources

    if args.list_samples:
        lines = []
        for name in resources.sample_names():
            names = ", ".join(path.name for path in resources.sample_files(name))
            lines.append(f"{name}: {names}\n")
        _write_stdout("".join(lines))
        return 0
    if args.sample and args.files:
        raise InputError("", "give either --sample or files, not both")
    files: list[str] = list(args.files)
    if not files:
        files = [
            str(path) for path in resources.sample_files(args.sample or resources.DEFAULT_SAMPLE)
        ]
    if args.output is not None and not args.export:
        raise InputError("", "-o/--output goes with --export FORMAT")
    if (args.port is not None or args.host is not None) and not args.serve:
        raise InputError("", "--port and --host go with --serve")
    if args.max_visitors is not None and not args.serve:
        raise InputError("", "--max-visitors goes with --serve")
    args.settings, args.settings_warnings = load_settings(args.config)
    for warning in args.settings_warnings:
        _say(warning)
    args.threshold = args.settings.threshold_or(args.threshold)
    if args.export:
        if args.serve:
            raise InputError("", "--serve opens the reader; it does not go with --export")
        return _export(args, files)
    if args.serve:
        return _serve(args, files)
    return _open_reader(args, files)


def _export(args: argparse.Namespace, files: list[str]) -> int:
    from tui.align import align
    from tui.export.formats import export_text
    from tui.export.output import Wording, check_target, write_atomically
    from tui.model import Comparison
    from tui.pipeline import load_documents

    target = None
    if args.output is not None:
        target = check_target(args.output, args.force, files, Wording(NO_NAME, EXISTS))
    documents = load_documents(files, args.keep_boilerplate)
    _report_notes(documents)
    comparison = Comparison(documents, align(documents, args.threshold), args.threshold)
    for note in comparison.alignment.notes:
        _say(note)
    if not args.no_corrections:
        comparison = _corrected(comparison)
    text = export_text(comparison, args.export)
    if target is None:
        _write_stdout(text)
    else:
        write_atomically(target, text, overwrite=args.force)
        links = count(len(comparison.alignment.links), "link")
        _say(f"wrote {args.export} to {target} ({count(len(documents), 'source')}, {links})")
    return 0


def _write_stdout(text: str) -> None:
    """Print the export as UTF-8, whatever stdout's encoding (``PYTHONIOENCODING=ascii``);
    a closed or full stdout is the user's problem, said in one line."""
    if sys.stdout is None:
        raise InputError("stdout", "is closed; use -o PATH")
    data = text.encode("utf-8", "replace")
    try:
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # a text-only stream (an embedding program's)
            sys.stdout.write(data.decode("utf-8"))
        else:
            buffer.write(data)
            buffer.flush()
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader of the pipe has had enough (`| head`): not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except OSError as error:
        # Nothing more may go there, not even the interpreter's flush at exit.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise InputError("stdout", f"cannot write: {error.strerror}") from None


def _corrected(comparison: Comparison) -> Comparison:
    """Apply the user's stored corrections; a broken store is a warning, not a stop."""
    from tui.corrections import CorrectionStore, CorruptStore, apply_corrections

    try:
        return apply_corrections(comparison, CorrectionStore())
    except CorruptStore as error:
        _say(f"warning: {error}; exporting without corrections")
        return comparison


def _report_notes(documents: Sequence[object]) -> None:
    from tui.model import Document

    for document in documents:
        assert isinstance(document, Document)
        for note in document.notes:
            _say(f"{document.name}: {note}")
    if len(documents) == 1:
        _say("only one source given: nothing to compare it with, so there are no links")


def _serve(args: argparse.Namespace, files: list[str]) -> int:
    """Check the sources as the reader would, then hand over to :mod:`tui.ui.serve`."""
    from tui.pipeline import load_documents

    if "-" in files:
        raise InputError("-", "standard input cannot be served to every visitor; save it to a file")
    _report_notes(load_documents(files, args.keep_boilerplate))
    from tui.ui import serve

    host = serve.DEFAULT_HOST if args.host is None else serve.bind_host(args.host)
    if (warning := serve.exposure_warning(host)) is not None:
        _say(warning)
    command = serve.visitor_command(
        files,
        args.threshold,
        args.keep_boilerplate,
        config=args.config,
        no_corrections=args.no_corrections,
    )
    port = serve.DEFAULT_PORT if args.port is None else args.port
    visitors = serve.DEFAULT_MAX_VISITORS if args.max_visitors is None else args.max_visitors
    return serve.serve(command, host, port, _say, visitors)


def _served() -> bool:
    """Run by ``--serve`` for a visitor: textual-serve's web driver is the terminal."""
    return "web_driver" in os.environ.get("TEXTUAL_DRIVER", "")


def _open_reader(args: argparse.Namespace, files: list[str]) -> int:
    if not _served() and (sys.stdout is None or not sys.stdout.isatty()):
        raise InputError("", "the reader needs a terminal; use --export FORMAT to write to a file")
    if sys.stdin is None:
        raise InputError("", "standard input is closed; the reader reads its keys from it")
    if "-" in files and sys.stdin.isatty():  # (stdin is open: checked above)
        raise InputError("-", "standard input is a terminal; pipe text in or give a file")
    # Before Textual is imported: the child scores on the other core while this
    # process builds the screen (tui/scoring_ahead.py).
    ahead = ScoringAhead.start(files, args.keep_boilerplate)
    # Importing Textual and building the screen make a few hundred thousand
    # objects that live as long as the reader: the cyclic collector, walking
    # them again and again, put the text 0.04 s later. The app turns it back
    # on once the first frame is drawn (SynopticApp.on_mount).
    gc.disable()
    try:
        from tui.ui.app import SynopticApp
        from tui.ui.terminal import drawing_on_terminal

        app = SynopticApp(
            files,
            threshold=args.threshold,
            keep_boilerplate=args.keep_boilerplate,
            settings=args.settings,
            notices=args.settings_warnings,
            session_only=_served(),
            ahead=ahead,
        )
    except BaseException:
        if ahead is not None:
            ahead.close()
        raise
    for problem in app.settings_problems:  # (the file's own were said above)
        _say(problem)
    if "-" in files:
        _attach_terminal()
    # `synoptic 2>err.log`: draw on /dev/tty, keep the warnings for the file.
    # A visitor of --serve draws through textual-serve's driver, not a terminal.
    try:
        with contextlib.nullcontext() if _served() else drawing_on_terminal():
            app.run()
    finally:
        if ahead is not None:
            ahead.close()  # quit before it was done: nobody waits for its scores
    _leave_at_once(app.return_code or 0)


def _leave_at_once(code: int) -> NoReturn:
    """End the process as soon as the reader has given the terminal back.

    The interpreter's own teardown (freeing the embedding model, the
    alignment, thousands of objects and every module) took a second on the
    news sample after the screen was gone, with the shell prompt waiting for
    it. Nothing is lost by skipping it: Textual waits for its thread workers
    (a correction or the theme being saved) before ``run()`` returns, and
    abandoned work (an alignment, an export) runs in daemon threads that
    never finish a file half-way (exports are renamed into place).
    """
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)


def _attach_terminal() -> None:
    """After reading piped text, take keys from the terminal, as ``less`` does."""
    try:
        terminal = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        raise InputError("-", "no terminal to read keys from; use --export FORMAT") from None
    os.dup2(terminal, 0)
    os.close(terminal)
