"""Manual corrections: links added and cut by hand, stored by content."""

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
    document_hash,
    manual_links,
)

__all__ = [
    "FILE_NAME",
    "MANUAL_SCORE",
    "STORE_VERSION",
    "Correction",
    "CorrectionStore",
    "CorruptStore",
    "apply",
    "apply_corrections",
    "data_dir",
    "document_hash",
    "manual_links",
]
