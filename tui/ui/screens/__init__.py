"""The screens pushed over the reader: synopsis, lists, coverage, export, help."""
