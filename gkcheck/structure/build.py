"""Built-in plugin: interprets any `Document` as a `Report`."""

from __future__ import annotations

import datetime as dt
import re

from gkcheck.document import Document, merge_locations
from gkcheck.hookspec import hookimpl
from gkcheck.patterns import LazyPattern
from gkcheck.report import Report
from gkcheck.structure.headings import (
    build_sections,
    find_headings,
    find_title,
    is_noise,
    split_inline_headings,
    title_from_text,
)
from gkcheck.text import FlatText

GOVERNMENT = LazyPattern(r"人民政府$")
UNKNOWN_KIND = LazyPattern(r"(开发区|实验区|新区|管委会|管理委员会|园区)$")


@hookimpl
def gkcheck_addoption(parser) -> None:
    kinds = ("government", "department")
    parser.add_reading_argument("--kind", choices=kinds, help="body kind, when the title does not tell")
    parser.add_setting("kind", choices=kinds, override=True, help="body kind, when the title does not tell")


@hookimpl(trylast=True)
def gkcheck_build_report(document: Document, config) -> Report:
    # What reads the facts and maps the tables is imported with the first report, not at start-up.
    from gkcheck.structure.facts import find_period, find_signature
    from gkcheck.structure.table_mapping import map_tables
    from gkcheck.structure.traditional import simplified

    document = simplified(document)  # a Traditional-character page is matched on a converted copy
    report = Report(path=document.path, document=document)
    sections_spec = config.profile_for(None).sections
    lines = split_inline_headings(document.lines, sections_spec)
    title = find_title(lines)
    if title is None and (page_title := _page_title(document)):
        title = title_from_text(page_title)
    if title is not None:
        report.title, report.issuer, report.year = title.text, title.issuer, title.year
        if title.lines:
            report.title_location = merge_locations(title.lines[0].location, title.lines[-1].location)
    headings = find_headings(lines, config.profile_for(report.year).sections)
    first_heading = headings[0].index if headings else len(lines)
    after_title = lines.index(title.lines[-1]) + 1 if title and title.lines else 0
    report.preamble = tuple(line for line in lines[after_title:first_heading] if not is_noise(line))
    signature, signature_start = find_signature(
        lines, after=headings[-1].index + 1 if headings else first_heading
    )
    report.signature = signature
    report.sections = build_sections(lines, headings, end=signature_start)
    report.period = find_period(FlatText(report.preamble)) or find_period(FlatText(lines))
    report.contact = _contact(report, lines)
    if not report.issuer:
        report.issuer = page_issuer(document)
    report.kind = config.get("kind") or body_kind(report.issuer)
    report.published = published_date(document)
    report.tables = map_tables(document.blocks, config.profile_for(report.year).template)
    return report


def _page_title(document: Document) -> str | None:
    """The title a web page or its text capture carries outside the body (标题: … header line)."""
    if document.metadata.get("title"):
        return document.metadata["title"]
    found = re.search(r"^标题[:：]\s*(.+)$", document.metadata.get("header", ""), re.MULTILINE)
    return found.group(1).strip() if found else None


PUBLISHED = LazyPattern(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


# The page's own lines about the document, above the report: "发布日期：2020-01-31", "发布机构：…".
PUBLISHED_LINE = LazyPattern(r"(?:发布日期|公开日期|发布时间|发文日期|成文日期)\s*[:：]\s*(\S.*)$")
ISSUER_LINE = LazyPattern(r"(?:发布机构|发文机关|发布单位|信息来源|来源)\s*[:：]\s*([^\s:：]{2,40})")
# How far into the document such page lines are looked for.
PAGE_LINES = 30


def _page_lines(document: Document) -> list[str]:
    header = document.metadata.get("header", "").splitlines()
    return header + [line.text for line in document.lines[:PAGE_LINES]]


def page_issuer(document: Document) -> str | None:
    """The issuing body a web page names outside the title: a meta tag, a 发布机构 line."""
    if document.metadata.get("issuer"):
        return document.metadata["issuer"]
    for line in _page_lines(document):
        found = ISSUER_LINE.search(line)
        if found and not re.search(r"网|www|http", found.group(1)):
            return found.group(1)
    return None


def published_date(document: Document) -> dt.date | None:
    """The publication date the document states.

    That is the date a web page (meta tag, <publishtime>), its capture (发布时间: header line) or a
    line at its top (发布日期：…, 公开日期：…) states.
    """
    text = document.metadata.get("published")
    if not text:
        found = next(
            (match for line in _page_lines(document) if (match := PUBLISHED_LINE.search(line))), None
        )
        text = found.group(1) if found else ""
    date = PUBLISHED.search(text)
    try:
        return dt.date(*(int(part) for part in date.groups())) if date else None
    except ValueError:
        return None


def _contact(report: Report, lines):
    from gkcheck.structure.facts import find_contact

    contact = find_contact(FlatText(report.preamble))
    if contact.location is None:
        contact = find_contact(FlatText(lines))
    return contact


def body_kind(issuer: str | None) -> str | None:
    """The body kind: "government" for a people's government, "department" for others, None when unclear.

    Development zones and their 管委会 are neither clearly one nor the other (docs/format.md §1.1).
    """
    if not issuer:
        return None
    if GOVERNMENT.search(issuer):
        return "government"
    if UNKNOWN_KIND.search(issuer):
        return None
    return "department"
