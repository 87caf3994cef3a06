"""Manual corrections: links added and cut by hand, stored by content (``store``),
and the reader's session of marking and cutting (``session``)."""

from tui.corrections.session import Corrector, Job, Outcome
from tui.corrections.session_store import SessionStore
from tui.corrections.store import (
    FILE_NAME,
    MANUAL_SCORE,
    STORE_VERSION,
    Correction,
    CorrectionStore,
    CorruptStore,
    apply,
    apply_corrections,
    data_dir,
    decided_pairs,
    document_hash,
    manual_links,
)

__all__ = [
    "FILE_NAME",
    "MANUAL_SCORE",
    "STORE_VERSION",
    "Correction",
    "CorrectionStore",
    "Corrector",
    "CorruptStore",
    "Job",
    "Outcome",
    "SessionStore",
    "apply",
    "apply_corrections",
    "data_dir",
    "decided_pairs",
    "document_hash",
    "manual_links",
]
