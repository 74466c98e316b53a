"""Helpers shared by the tests: where the real documents are, how to edit and render them, how to
read the command line's results. Imported as `tests.support.<module>`; fixtures live in conftest.py."""
