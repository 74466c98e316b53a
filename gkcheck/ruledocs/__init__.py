"""Rule documentation in languages other than the docstrings' English: `zh/<ID>.md`."""
