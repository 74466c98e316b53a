"""Loaders: one plugin per file format, each turning a file into a `Document`."""
