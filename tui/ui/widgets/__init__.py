"""The reader's widgets: source panes, their headers, search bar and help."""
