"""JSON schemas of gkcheck's machine-readable outputs."""
