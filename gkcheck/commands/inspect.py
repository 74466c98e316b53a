"""`gkcheck inspect FILE [--json]`: what gkcheck understood of a report.

It takes the options of a check that decide what is read of a file (those plugins declare with
`parser.add_reading_argument`: `--pdf-engine`, `--kind`, `--no-cache`, `--cache-dir` among the
built-ins), so that it shows what that check would read.
"""

from __future__ import annotations

import json
import sys
import unicodedata

import pluggy

from gkcheck.bodies import previous_link
from gkcheck.commands import common_options, make_config
from gkcheck.errors import ExitCode, InputError
from gkcheck.options import Parser
from gkcheck.originals import Originals, restore_values
from gkcheck.runner import Checker
from gkcheck.streams import write_output
from gkcheck.textwidth import pad, width


def inspect_parser(manager: pluggy.PluginManager) -> Parser:
    parser = Parser(prog="gkcheck inspect", description="Show what gkcheck understood of a report.")
    parser.add_argument("file", metavar="FILE", help="the report to inspect")
    parser.add_argument(
        "others",
        metavar="OTHER",
        nargs="*",
        default=[],
        help="other reports of the run: shows which is linked as FILE's last year's report, and why",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    common_options(parser)
    add_reading_options(parser, manager)
    return parser


def add_reading_options(parser: Parser, manager: pluggy.PluginManager) -> None:
    """The plugins' reading options, as a check's parser has them (their settings are collected apart)."""
    every_option = Parser(add_help=False)
    manager.hook.gkcheck_addoption(parser=every_option)
    for action in every_option._actions:
        if getattr(action, "reads_files", False):
            parser._add_action(action)  # as argparse's own `parents=` shares a parser's actions


def inspect_main(argv: list[str]) -> int:
    config = make_config(argv, inspect_parser)
    try:
        checker = Checker(config)
        report = checker.load(config.options.file)
    except InputError as exc:
        print(f"gkcheck: {config.options.file}: {exc.text(config.lang)}", file=sys.stderr)
        return ExitCode.FAILED
    data = restore_values(report.to_dict(), Originals.of(report.document))
    if config.options.others:
        try:
            others = [checker.load(path).summary() for path in config.options.others]
        except InputError as exc:
            print(f"gkcheck: {exc.text(config.lang)}", file=sys.stderr)
            return ExitCode.FAILED
        data["previous"] = previous_link(report.summary(), others)
    if config.options.json:
        write_output(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "json")
    else:
        print(render_text(data, config.lang))
    return ExitCode.OK


LABELS = {
    "zh": {
        "file": "文件",
        "title": "标题",
        "issuer": "机关",
        "year": "年度",
        "kind": "类别",
        "period": "统计期限",
        "contact": "联系方式",
        "sections": "各部分",
        "signature": "落款",
        "table": "统计表",
        "address": "地址",
        "postcode": "邮编",
        "phones": "电话",
        "email": "邮箱",
        "wording": "[用语与格式不同]",
    },
    "en": {
        "file": "file",
        "title": "title",
        "issuer": "issuer",
        "year": "year",
        "kind": "kind",
        "period": "period",
        "contact": "contact",
        "sections": "sections",
        "signature": "signature",
        "table": "table",
        "address": "address",
        "postcode": "postcode",
        "phones": "phones",
        "email": "email",
        "wording": "[wording differs]",
    },
}
KIND_WORDS = {"zh": {"department": "部门", "government": "政府"}, "en": {}}


def _where(location: dict | None, lang: str = "en") -> str:
    if not location:
        return ""
    if "page" in location:
        return f"  第{location['page']}页" if lang == "zh" else f"  (p.{location['page']})"
    if "line" in location:
        return f"  第{location['line']}行" if lang == "zh" else f"  (line {location['line']})"
    return ""


def _pages(data: dict, lang: str) -> str:
    """After the format: ", 5 pages, pdfium" for a PDF; other formats have no pages of their own."""
    if data["format"] != "pdf":
        return ""
    separator = "，" if lang == "zh" else ", "
    parts = [f"{data['pages']} 页" if lang == "zh" else f"{data['pages']} pages"]
    if data.get("engine"):
        parts.append(data["engine"])
    return separator + separator.join(parts)


def _shown(value) -> str:
    return "—" if value is None or value == "" else str(value)


def render_text(data: dict, lang: str = "en") -> str:
    words = LABELS["en" if lang == "en" else "zh"]
    lang = "en" if lang == "en" else "zh"
    period, contact, signature = data["period"], data["contact"], data["signature"]
    fields = ("file", "title", "issuer", "year", "kind", "period", "contact", "sections", "signature")
    colon = "：" if lang == "zh" else ":"
    columns = max(width(words[key] + colon) for key in fields) + 1

    def field(key: str, value: str) -> str:
        return f"{pad(words[key] + colon, columns)}{value}"

    span = f"{period['start']} – {period['end']}{_where(period['location'], lang)}" if period else "—"
    phones = ",".join(contact["phones"]) or "—"
    reach = " ".join(
        f"{words[key]}={_shown(value)}"
        for key, value in (
            ("address", contact["address"]),
            ("postcode", contact["postcode"]),
            ("phones", phones),
            ("email", contact["email"]),
        )
    )
    lines = [
        field("file", f"{data['path']} ({data['format']}{_pages(data, lang)})"),
        field("title", _shown(data["title"])),
        field("issuer", _shown(data["issuer"])),
        field("year", _shown(data["year"])),
        field("kind", _shown(KIND_WORDS[lang].get(data["kind"], data["kind"]))),
        field("period", span),
        field("contact", reach + _where(contact["location"], lang)),
        field("sections", ""),
    ]
    for numeral, section in data["sections"].items():
        mark = "" if section["canonical"] else f"  {words['wording']}"
        lines.append(f"  {numeral}  {section['heading']}{_where(section['location'], lang)}{mark}")
    lines.append(
        field("signature", f"{_shown(signature['body'])} {_shown(signature['date'])}")
        + _where(signature["location"], lang)
    )
    for key, table in data.get("tables", {}).items():
        lines.append(f"{words['table']} {key}:")
        lines.extend(f"  {row}" for row in _table_lines(table, lang))
    return "\n".join(lines)


def _table_lines(table, lang: str = "en") -> list[str]:
    """A statistics table as a grid: one line per row, its printed label, then the cells as printed."""
    if not (isinstance(table, dict) and "cells" in table):
        return [json.dumps(table, ensure_ascii=False)]
    out = [f"{'模板' if lang == 'zh' else 'template'} {table.get('template')}"]
    if table.get("values_run_together"):
        unreadable = (
            "[行标签已印出，数字连在一起：无法读取数值]"
            if lang == "zh"
            else "[labels printed, numbers run together: no value can be read]"
        )
        out.append(f"{unreadable}{_where(table.get('location'), lang)}")
    org = table.get("org_subtotal", {})
    for row_key, columns in table["cells"].items():
        label = table.get("labels", {}).get(row_key, "")
        out.append(_grid_line(row_key, label, columns, org.get(row_key), lang))
    for group_key, columns in table.get("subtotals", {}).items():
        label = table.get("labels", {}).get(group_key, "")
        out.append(_grid_line(group_key, label, columns, None, lang) + "  [subtotal]")
    for row_key in table.get("missing_rows", []):
        out.append(f"{row_key:<18} {'[缺少]' if lang == 'zh' else '[missing]'}")
    for problem in table.get("shape_problems", []):
        counted = (
            f"[读到 {problem['actual']} 个数值，应为 {problem['expected']} 个]"
            if lang == "zh"
            else f"[{problem['actual']} values, expected {problem['expected']}]"
        )
        out.append(f"{problem['row']:<18} {counted} {problem['label']}")
    return out


def _grid_line(row_key: str, label: str, columns: dict, org: dict | None = None, lang: str = "en") -> str:
    """One row of the grid; a 法人或其他组织 subtotal is shown in brackets after 自然人."""
    texts = [cell["text"] or "□" for cell in columns.values()]
    if org is not None:
        texts.insert(1, f"[{org['text'] or '□'}]")
    values = "  ".join(f"{text:>6}" for text in texts)
    first: dict = next(iter(columns.values()), {})
    page = (first.get("location") or {}).get("page")
    where = _where({"page": page}, lang) if page else ""
    return f"{row_key:<18} {_pad(_shorten(label, 16), 34)}{values}{where}"


def _pad(text: str, width: int) -> str:
    """`text` padded to `width` terminal columns (CJK characters take two)."""
    used = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
    return text + " " * max(1, width - used)


def _shorten(text: str, width: int) -> str:
    text = text.replace("\n", "")
    return text if len(text) <= width else text[: width - 1] + "…"
