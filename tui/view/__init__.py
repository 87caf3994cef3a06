"""Pure view-models the panes draw from: wrapped text, linked-scrolling maps,
the link index, word-difference marking, the synopsis table and jump lists.
Nothing here imports Textual, so all of it is tested without a screen."""
