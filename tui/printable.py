"""Make control characters visible, so text can never drive a terminal.

Scraped text may carry escape sequences (colours, cursor moves, title
changes). Anything we print or draw shows them as Unicode control pictures
(ESC becomes ``␛``) instead of passing them to the terminal. Tabs and line
breaks are left alone; callers that need single lines collapse them first.
"""

from __future__ import annotations

_PICTURES = {code: chr(0x2400 + code) for code in range(32) if chr(code) not in "\t\n\r"}
_PICTURES[0x7F] = "\u2421"
# C1 controls (U+0080-U+009F) include CSI (U+009B), which some terminals obey.
_PICTURES.update({code: "\ufffd" for code in range(0x80, 0xA0)})
_TABLE = str.maketrans(_PICTURES)


def visible(text: str) -> str:
    """``text`` with every control character replaced by a visible symbol."""
    return text.translate(_TABLE)
