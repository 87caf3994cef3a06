"""The reader's one owner of its state (``Reading``) and the corrector's queue, headless."""

from __future__ import annotations

from pathlib import Path

from tests.support.documents import find_sentence
from tui.corrections import CorrectionStore, Corrector, Outcome
from tui.model import Comparison
from tui.view.linking import LinkIndex
from tui.view.reading import Reading


def test_a_result_made_before_a_threshold_change_or_a_reload_is_not_current(
    news: Comparison,
) -> None:
    reading = Reading(news.documents, 35.0)
    assert not reading.ready and reading.comparison() is None
    before = reading.snapshot()
    assert reading.current(before)
    reading.threshold = 40.0  # +: a reselect at 35 still running is overtaken
    assert not reading.current(before)
    at_40 = reading.snapshot()
    reading.reload(news.documents)
    assert not reading.current(at_40) and reading.current(reading.snapshot())
    assert reading.links.alignment is None


def test_once_the_final_scores_are_in_links_of_the_first_are_not_current(
    news: Comparison,
) -> None:
    from tui.align import refine, score, select

    first = score(news.documents, first=True)
    assert first is not None
    reading = Reading(news.documents, news.threshold)
    start = reading.snapshot()
    base = select(news.documents, first, news.threshold)
    assert reading.current(start)
    reading.aligned(base, LinkIndex(news.documents, base))
    assert reading.refining and reading.scores is first
    plus = reading.snapshot()  # a reselect from the first scores, still running
    final = refine(first)
    reading.refined(final)
    assert reading.refining, "until their links are shown"
    assert not reading.current(plus)
    assert reading.snapshot().scores is final
    chosen = select(news.documents, final, news.threshold)
    reading.aligned(chosen, LinkIndex(news.documents, chosen))
    assert not reading.refining and reading.current(reading.snapshot())


def test_a_failed_encoder_pass_leaves_the_first_scores(news: Comparison) -> None:
    from tui.align import score, select

    first = score(news.documents, first=True)
    reading = Reading(news.documents, news.threshold)
    base = select(news.documents, first, news.threshold)
    reading.aligned(base, LinkIndex(news.documents, base))
    before = reading.snapshot()
    reading.refined(None)
    assert not reading.refining and reading.scores is first and reading.current(before)


def test_the_reading_is_the_one_place_its_state_lives(news: Comparison) -> None:
    """The corrector reads documents, threshold and base from the reading: no copies."""
    reading = Reading(news.documents, news.threshold)
    corrector = Corrector(reading)
    reading.aligned(news.alignment, LinkIndex(news.documents, news.alignment))
    assert corrector.base is news.alignment and reading.ready
    reading.threshold = 55.0
    assert corrector.sources.threshold == 55.0
    comparison = reading.comparison()
    assert comparison is not None and comparison.threshold == 55.0
    held = reading.hold()  # a reload starts: nothing to act on
    assert held is news.alignment and corrector.base is None and not reading.ready
    assert reading.links.alignment is news.alignment  # the panes keep showing them


def test_correction_jobs_run_one_at_a_time_in_the_order_of_the_keys(
    news: Comparison, tmp_path: Path
) -> None:
    reading = Reading(news.documents, news.threshold)
    reading.base = news.alignment
    corrector = Corrector(reading, CorrectionStore(tmp_path))
    one = find_sentence(
        news, "business-standard.txt", "In June, Trump and Kim had their first-ever"
    )
    two = find_sentence(news, "cbs-news.txt", "first summit with Kim in Singapore")
    ran: list[str] = []

    def job(name: str) -> Outcome:
        ran.append(name)
        return Outcome(name)

    for name in ("cut", "link", "undo"):
        corrector.queue(lambda _view, name=name: job(name))  # type: ignore[misc]
    assert corrector.pending == 3
    first = corrector.next_job()
    assert first is not None
    assert corrector.next_job() is None  # one at a time: the first is still running
    first(reading.snapshot())
    corrector.job_done()
    while (following := corrector.next_job()) is not None:
        following(reading.snapshot())
        corrector.job_done()
    assert ran == ["cut", "link", "undo"] and corrector.pending == 0
    # While jobs are pending, undo waits for them in a job of its own.
    corrector.queue(lambda _view: job("later"))
    assert callable(corrector.undo_job())
    assert not isinstance(corrector.cut_job(one, two), Outcome)


def test_a_correction_job_reads_its_snapshot_and_changes_the_corrector_only_when_done(
    news: Comparison, tmp_path: Path
) -> None:
    """Issue 28.4: jobs read the live base, documents and threshold and changed
    undo and redo from their thread."""
    reading = Reading(news.documents, news.threshold)
    reading.aligned(news.alignment, LinkIndex(news.documents, news.alignment))
    corrector = Corrector(reading, CorrectionStore(tmp_path))
    one = find_sentence(
        news, "business-standard.txt", "In June, Trump and Kim had their first-ever"
    )
    two = find_sentence(news, "cbs-news.txt", "first summit with Kim in Singapore")
    job = corrector.cut_job(one, two)
    assert not isinstance(job, Outcome)
    snapshot = reading.snapshot()
    reading.threshold = 99.0  # + pressed while it waited: the job keeps its snapshot's
    reading.hold()  # and a reload began: the live reading has no links now
    outcome = job(snapshot)
    assert outcome.ok and outcome.changed is not None, outcome.message
    assert corrector.done == []  # nothing changed from the worker's thread
    corrector.job_done(outcome)
    assert [step.after for step in corrector.done] == ["cut"]
    undo = corrector.undo_job()
    assert isinstance(undo, Outcome) and not undo.ok  # no links live: nothing to act on
