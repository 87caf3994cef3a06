"""Everything that imports Textual: the app, its screens and its widgets."""
