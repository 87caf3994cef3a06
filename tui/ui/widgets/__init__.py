"""The widgets of the reader screen: linked source panes, their headers, the search
and status bars."""
