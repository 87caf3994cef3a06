"""From file bytes to a :class:`tui.model.Document`: decoding, lines, boilerplate,
paragraphs and sentences, plus the ``visible`` guard for untrusted text."""
