"""Render a report's text (a sample's .txt) as Markdown, as extraction tools and sites publish it.

The title becomes a `#` heading, the six section headings `##` headings, caption lines of a table
(第二十条第（一）项) `###` headings, and each run of tab-separated rows a pipe table under a
separator row. A row that starts under a cell merged from the row above (fewer cells than the
table's widest row) gets empty cells at its start: rowspans written as empty cells.
"""

from __future__ import annotations

import re
from pathlib import Path

SECTION = re.compile(r"^[一二三四五六]、")


def to_markdown(text: str) -> str:
    lines = text.splitlines()
    out: list[str] = []
    table: list[list[str]] = []

    def flush() -> None:
        if not table:
            return
        width = max(len(row) for row in table)
        for index, row in enumerate(table):
            cells = [""] * (width - len(row)) + row
            out.append("| " + " | ".join(cells) + " |")
            if index == 0:
                out.append("|" + "---|" * width)
        out.append("")
        table.clear()

    for number, line in enumerate(lines):
        if "\t" in line:
            table.append(line.split("\t"))
            continue
        flush()
        if number < 2 and line.strip():
            out.append(f"# {line}")
        elif SECTION.match(line):
            out.append(f"## {line}")
        elif line.startswith("第二十条第"):
            out.append(f"### {line}")
        else:
            out.append(line)
        out.append("")
    flush()
    return "\n".join(out) + "\n"


def render_markdown(source: Path, path: Path, edit=None) -> Path:
    """Write the text file `source` (after `edit`, a function str -> str) as Markdown at `path`."""
    text = source.read_text(encoding="utf-8")
    if edit is not None:
        text = edit(text)
    path.write_text(to_markdown(text), encoding="utf-8")
    return path
