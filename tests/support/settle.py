"""Wait for the reader to settle: the one way Pilot tests wait for state.

CI runs on a busy machine, so a fixed number of ``pilot.pause()`` calls is
not enough there: a test waits until the work it depends on is done.
"""

from __future__ import annotations

import time

from textual.pilot import Pilot

from tui.ui.widgets.linked_panes import LinkedPanes

TIMEOUT = 60.0
"""Seconds before a test that never settles fails (rather than hanging)."""


def _busy(pilot: Pilot) -> bool:
    app = pilot.app
    if any(not worker.is_finished for worker in app.workers):
        return True
    return any(
        panes.resync_pending for screen in app.screen_stack for panes in screen.query(LinkedPanes)
    )


async def settled(pilot: Pilot) -> None:
    """Wait until every worker is done, their results are handled and no pane
    is waiting to line up again (a resync after a resize or a re-wrap).

    Checked twice in a row, with the message queues drained in between: a
    result handled may start more work (a reload starts an alignment).
    """
    deadline = time.monotonic() + TIMEOUT
    quiet = 0
    while quiet < 2:
        assert time.monotonic() < deadline, "the reader did not settle"
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        quiet = 0 if _busy(pilot) else quiet + 1
