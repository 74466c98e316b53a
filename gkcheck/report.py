"""The report model: what gkcheck understood of a document.

`Report` is the public face rule authors program against. Its attribute names are stable:
`path`, `text`, `title`, `issuer`, `year`, `kind`, `period`, `contact`, `sections`, `tables`,
`signature`. Every fact carries the `Location` it was read from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from gkcheck.document import Document, Line, Location
from gkcheck.sentences import Sentence, report_sentences

NUMERALS = ("一", "二", "三", "四", "五", "六")


@dataclass(frozen=True)
class Period:
    """The statistics period (统计期限) as stated in the report."""

    start: dt.date | None
    end: dt.date | None
    text: str
    location: Location | None

    def to_dict(self) -> dict:
        return {
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "text": self.text,
            "location": self.location.to_dict() if self.location else None,
        }


@dataclass(frozen=True)
class Contact:
    """Contact details (联系方式); absent fields are None or empty."""

    address: str | None = None
    postcode: str | None = None
    phones: tuple[str, ...] = ()
    email: str | None = None
    text: str | None = None
    location: Location | None = None

    def to_dict(self) -> dict:
        return {
            "address": self.address,
            "postcode": self.postcode,
            "phones": list(self.phones),
            "email": self.email,
            "location": self.location.to_dict() if self.location else None,
        }


@dataclass(frozen=True)
class Signature:
    """The signature block (落款): issuing body and date at the end of the report."""

    body: str | None = None
    date: dt.date | None = None
    date_text: str | None = None
    location: Location | None = None

    def to_dict(self) -> dict:
        return {
            "body": self.body,
            "date": self.date.isoformat() if self.date else None,
            "location": self.location.to_dict() if self.location else None,
        }


@dataclass(frozen=True)
class Section:
    """One of the six numbered sections: its heading line and the lines under it."""

    numeral: str
    heading: str
    location: Location
    lines: tuple[Line, ...] = ()
    canonical: bool = True

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def to_dict(self) -> dict:
        return {
            "heading": self.heading,
            "canonical": self.canonical,
            "location": self.location.to_dict(),
        }


@dataclass
class Report:
    """A document interpreted as an annual report."""

    path: str
    document: Document
    title: str | None = None
    issuer: str | None = None
    year: int | None = None
    kind: str | None = None
    period: Period | None = None
    contact: Contact = field(default_factory=Contact)
    sections: dict[str, Section] = field(default_factory=dict)
    tables: dict[str, Any] = field(default_factory=dict)
    signature: Signature = field(default_factory=Signature)
    title_location: Location | None = None
    published: dt.date | None = None  # from the web page or its capture, when it says
    preamble: tuple[Line, ...] = ()
    notes: list[str] = field(default_factory=list)

    @property
    def lines(self) -> list[Line]:
        return self.document.lines

    @property
    def has_text_layer(self) -> bool:
        return self.document.has_text_layer

    @property
    def text(self) -> str:
        """The whole text in reading order, one line per line of the document."""
        return "\n".join(line.text for line in self.document.lines)

    def summary(self) -> ReportSummary:
        """The facts other reports of the run may need, without the document's text."""
        return ReportSummary(
            path=self.path,
            title=self.title,
            issuer=self.issuer,
            year=self.year,
            kind=self.kind,
            period=self.period,
            tables=dict(self.tables),
            signature=self.signature,
            has_text_layer=self.has_text_layer,
            sentences=report_sentences(self.sections, self.tables),
            headings={numeral: section.location for numeral, section in self.sections.items()},
            pages=self.document.page_count,
        )

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "format": self.document.format,
            "pages": self.document.page_count,
            "engine": self.document.metadata.get("pdf_engine"),
            "title": self.title,
            "issuer": self.issuer,
            "year": self.year,
            "kind": self.kind,
            "period": self.period.to_dict() if self.period else None,
            "contact": self.contact.to_dict(),
            "sections": {numeral: section.to_dict() for numeral, section in self.sections.items()},
            "tables": {key: _table_to_dict(table) for key, table in self.tables.items()},
            "signature": self.signature.to_dict(),
            "published": self.published.isoformat() if self.published else None,
        }


def _table_to_dict(table: Any) -> Any:
    return table.to_dict() if hasattr(table, "to_dict") else table


@dataclass(frozen=True)
class ReportSummary:
    """A report's facts without its text: what cross-report rules receive as `report`.

    Same attribute names as `Report`, so fixtures such as `applications` work on both.
    """

    path: str
    title: str | None
    issuer: str | None
    year: int | None
    kind: str | None
    period: Period | None
    tables: dict[str, Any]
    signature: Signature
    has_text_layer: bool = True
    # The prose as sentences (gkcheck.sentences), for the rules comparing text across years.
    sentences: tuple[Sentence, ...] = ()
    headings: dict[str, Location] = field(default_factory=dict)  # each section's heading
    pages: int | None = None

    def __reduce__(self):
        from gkcheck.summaries import packed

        return packed(self)

    def __getattr__(self, name: str) -> Any:
        from gkcheck.summaries import read_packed_part

        return read_packed_part(self, name)
