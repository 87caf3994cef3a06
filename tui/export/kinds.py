"""The export formats' names and file extensions, apart from the formats
themselves: the command line's options and the reader's dialog name them
without importing what writes them (the disagreement flags, the HTML page)."""

EXTENSIONS = {"json": "json", "csv": "csv", "markdown": "md", "html": "html"}
"""The usual file extension of each format, in the order the CLI and the dialog offer them."""
