"""`gkcheck inspect FILE [--json]`: what gkcheck understood of a report."""

from __future__ import annotations

import argparse
import json
import sys

from gkcheck.errors import InputError


def inspect_parser(manager) -> argparse.ArgumentParser:
    from gkcheck.cli import common_options

    parser = argparse.ArgumentParser(prog="gkcheck inspect", description="Show what gkcheck understood of a report.")
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    common_options(parser)
    return parser


def inspect_main(argv: list[str]) -> int:
    from gkcheck.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, _ParseExit, make_config
    from gkcheck.session import Checker

    try:
        config = make_config(argv, inspect_parser)
    except _ParseExit as exc:
        return EXIT_OK if exc.code == 0 else EXIT_USAGE
    try:
        report = Checker(config).load(config.options.file)
    except InputError as exc:
        print(f"gkcheck: {config.options.file}: {exc.zh if config.lang == 'zh' else exc.message}", file=sys.stderr)
        return EXIT_FAILED
    data = report.to_dict()
    if config.options.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(render_text(data))
    return EXIT_OK


def _where(location: dict | None) -> str:
    if not location:
        return ""
    if "page" in location:
        return f"  (p.{location['page']})"
    if "line" in location:
        return f"  (line {location['line']})"
    return ""


def render_text(data: dict) -> str:
    period = data["period"]
    contact = data["contact"]
    signature = data["signature"]
    lines = [
        f"file:      {data['path']} ({data['format']}, {data['pages']} pages)",
        f"title:     {data['title']}",
        f"issuer:    {data['issuer']}",
        f"year:      {data['year']}",
        f"kind:      {data['kind']}",
        f"period:    {period['start']} – {period['end']}{_where(period['location'])}" if period else "period:    —",
        f"contact:   address={contact['address']} postcode={contact['postcode']} "
        f"phones={','.join(contact['phones']) or '—'} email={contact['email']}{_where(contact['location'])}",
        "sections:",
    ]
    for numeral, section in data["sections"].items():
        mark = "" if section["canonical"] else "  [wording differs]"
        lines.append(f"  {numeral}  {section['heading']}{_where(section['location'])}{mark}")
    lines.append(f"signature: {signature['body']} {signature['date']}{_where(signature['location'])}")
    for key, table in data.get("tables", {}).items():
        lines.append(f"table {key}:")
        lines.extend(f"  {row}" for row in _table_lines(table))
    return "\n".join(lines)


def _table_lines(table) -> list[str]:
    if isinstance(table, dict) and "cells" in table:
        out = []
        for row_key, columns in table["cells"].items():
            values = " ".join(str(cell.get("value")) if isinstance(cell, dict) else str(cell) for cell in columns.values())
            out.append(f"{row_key:<14} {values}")
        return out
    return [json.dumps(table, ensure_ascii=False)]
