"""The structure layer: from a `Document` to a `Report` (title, sections, period, contact, ...)."""
