"""`gkcheck inspect FILE [--json]`: what gkcheck understood of a report."""

from __future__ import annotations

import json
import sys
import unicodedata

import pluggy

from gkcheck.bodies import previous_link
from gkcheck.commands import ParseExit, common_options, make_config
from gkcheck.errors import ExitCode, InputError
from gkcheck.options import Parser
from gkcheck.runner import Checker


def inspect_parser(manager: pluggy.PluginManager) -> Parser:
    parser = Parser(prog="gkcheck inspect", description="Show what gkcheck understood of a report.")
    parser.add_argument("file", metavar="FILE")
    parser.add_argument(
        "others",
        metavar="OTHER",
        nargs="*",
        default=[],
        help="other reports of the run: shows which is linked as FILE's last year's report, and why",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    common_options(parser)
    return parser


def inspect_main(argv: list[str]) -> int:
    try:
        config = make_config(argv, inspect_parser)
    except ParseExit as exc:
        return ExitCode.OK if exc.code == 0 else ExitCode.USAGE_ERROR
    try:
        checker = Checker(config)
        report = checker.load(config.options.file)
    except InputError as exc:
        print(f"gkcheck: {config.options.file}: {exc.text(config.lang)}", file=sys.stderr)
        return ExitCode.FAILED
    data = report.to_dict()
    if config.options.others:
        try:
            others = [checker.load(path).summary() for path in config.options.others]
        except InputError as exc:
            print(f"gkcheck: {exc.text(config.lang)}", file=sys.stderr)
            return ExitCode.FAILED
        data["previous"] = previous_link(report.summary(), others)
    if config.options.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(render_text(data))
    return ExitCode.OK


def _where(location: dict | None) -> str:
    if not location:
        return ""
    if "page" in location:
        return f"  (p.{location['page']})"
    if "line" in location:
        return f"  (line {location['line']})"
    return ""


def _pages(data: dict) -> str:
    """ ", 5 pages" for a PDF; other formats have no pages of their own."""
    return f", {data['pages']} pages" if data["format"] == "pdf" else ""


def render_text(data: dict) -> str:
    period = data["period"]
    contact = data["contact"]
    signature = data["signature"]
    lines = [
        f"file:      {data['path']} ({data['format']}{_pages(data)})",
        f"title:     {data['title']}",
        f"issuer:    {data['issuer']}",
        f"year:      {data['year']}",
        f"kind:      {data['kind']}",
        f"period:    {period['start']} – {period['end']}{_where(period['location'])}"
        if period
        else "period:    —",
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
    """A statistics table as a grid: one line per row, its printed label, then the cells as printed."""
    if not (isinstance(table, dict) and "cells" in table):
        return [json.dumps(table, ensure_ascii=False)]
    out = [f"template {table.get('template')}"]
    if table.get("values_run_together"):
        out.append(
            f"[labels printed, numbers run together: no value can be read]{_where(table.get('location'))}"
        )
    org = table.get("org_subtotal", {})
    for row_key, columns in table["cells"].items():
        label = table.get("labels", {}).get(row_key, "")
        out.append(_grid_line(row_key, label, columns, org.get(row_key)))
    for group_key, columns in table.get("subtotals", {}).items():
        label = table.get("labels", {}).get(group_key, "")
        out.append(_grid_line(group_key, label, columns) + "  [subtotal]")
    for row_key in table.get("missing_rows", []):
        out.append(f"{row_key:<18} [missing]")
    for problem in table.get("shape_problems", []):
        out.append(
            f"{problem['row']:<18} [{problem['actual']} values, expected {problem['expected']}] "
            f"{problem['label']}"
        )
    return out


def _grid_line(row_key: str, label: str, columns: dict, org: dict | None = None) -> str:
    """One row of the grid; a 法人或其他组织 subtotal is shown in brackets after 自然人."""
    texts = [cell["text"] or "□" for cell in columns.values()]
    if org is not None:
        texts.insert(1, f"[{org['text'] or '□'}]")
    values = "  ".join(f"{text:>6}" for text in texts)
    first: dict = next(iter(columns.values()), {})
    page = (first.get("location") or {}).get("page")
    where = f"  (p.{page})" if page else ""
    return f"{row_key:<18} {_pad(_shorten(label, 16), 34)}{values}{where}"


def _pad(text: str, width: int) -> str:
    """`text` padded to `width` terminal columns (CJK characters take two)."""
    used = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
    return text + " " * max(1, width - used)


def _shorten(text: str, width: int) -> str:
    text = text.replace("\n", "")
    return text if len(text) <= width else text[: width - 1] + "…"
