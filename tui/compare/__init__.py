"""What an alignment says about the sources: synopsis rows, coverage,
possible disagreements and word differences (all pure, no Textual)."""
