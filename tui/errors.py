"""The one exception type the command line turns into a one-line message."""

from __future__ import annotations


class InputError(Exception):
    """A problem with what the user gave us, worded for the user.

    ``str(error)`` is the whole message, naming the file and the problem, so
    the CLI can print it on one line and exit with status 2.
    """

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}" if source else problem)
