"""Writing a comparison out: JSON, CSV and Markdown (``formats``), one HTML
page (``html``) and the safe, atomic file write they share (``output``)."""
