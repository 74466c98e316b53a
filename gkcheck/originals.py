"""What rules quote from a converted copy, put back in the document's own characters.

A Traditional-character document is matched on a Simplified copy (gkcheck.structure.traditional),
so the passages rules quote ("正文“…”", "落款机关“…”", a row label) come out in Simplified. The copy has
the original's length, character for character, line by line and cell by cell: a passage found in
the copy has the document's own characters at the same positions. `Originals` looks each quoted
passage of a finding up in the copy (as printed, squashed, joined over wrapped lines, folded: the
forms rules quote) and puts the document's characters back. A quotation the copy does not hold
(gkcheck's own words, a template's label the report lacks) is left as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from gkcheck.document import Document, Line
from gkcheck.rule import Finding, Message
from gkcheck.text import FlatText, fold, squash

OPEN, CLOSE = "“", "”"
ELLIPSIS = "…"  # a quotation cut short ends so: its parts are looked up one by one


def _texts(document: Document, keys: list[str]) -> list[str]:
    """Every line's and cell's text in reading order, then the loader's `keys` of its metadata."""
    texts: list[str] = []
    for block in document.blocks:
        if isinstance(block, Line):
            texts.append(block.text)
        else:
            texts += [cell.text for row in block.rows for cell in row]
    return texts + [document.metadata[key] for key in keys]


def _views(document: Document, keys: list[str]) -> list[str]:
    """The document's text in each form a rule may quote it in."""
    texts = _texts(document, keys)
    return [
        "\n".join(texts),
        "\n".join(squash(text) for text in texts),
        FlatText(document.lines).text,
        "\n".join(fold(text) for text in texts),
    ]


@dataclass(frozen=True)
class Originals:
    """The converted copy's texts beside the original's, of equal length, to look quotations up in."""

    views: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, document: Document) -> Originals | None:
        """The look-up for a converted copy; None for a document read as printed."""
        if document.original is None:
            return None
        original = document.original
        keys = sorted(key for key, value in original.metadata.items() if isinstance(value, str))
        pairs = zip(_views(document, keys), _views(original, keys), strict=True)
        return cls(tuple((copy, printed) for copy, printed in pairs if len(copy) == len(printed)))

    def passage(self, text: str) -> str:
        """`text` in the document's own characters where the copy holds it; else `text` itself."""
        return ELLIPSIS.join(self._printed(part) for part in text.split(ELLIPSIS))

    def _printed(self, text: str) -> str:
        if not text.strip():
            return text
        for copy, printed in self.views:
            at = copy.find(text)
            if at >= 0:
                return printed[at : at + len(text)]
        return text

    def quotations(self, message: str) -> str:
        """`message` with every passage it quotes (between “ and ”) in the document's characters.

        A quoted sentence may quote in turn ("“坚持“公开为常态”原则”"): the outermost quotation is looked
        up whole, and the ones inside it when the copy does not hold it.
        """
        out, depth, start = [], 0, 0
        for at, char in enumerate(message):
            if char == OPEN:
                if depth == 0:
                    out.append(message[start : at + 1])
                    start = at + 1
                depth += 1
            elif char == CLOSE and depth:
                depth -= 1
                if depth == 0:
                    out.append(self._quoted(message[start:at]))
                    start = at
        out.append(message[start:] if depth == 0 else self.quotations_inside(message[start:]))
        return "".join(out)

    def _quoted(self, text: str) -> str:
        restored = self.passage(text)
        return restored if restored != text or OPEN not in text else self.quotations_inside(text)

    def quotations_inside(self, text: str) -> str:
        """The quotations of a text that opens a quotation it does not close, or one not found whole."""
        first = text.find(OPEN)
        return text if first < 0 else text[:first] + self.quotations(text[first:])

    def value(self, value: object) -> object:
        return self.passage(value) if isinstance(value, str) else value

    def message(self, message: Message) -> Message:
        return Message(self.quotations(message.zh), self.quotations(message.en))

    def finding(self, finding: Finding) -> Finding:
        return replace(
            finding,
            message=self.message(finding.message),
            expected=self.value(finding.expected),
            actual=self.value(finding.actual),
        )


def restore_findings(results: Iterable, originals: Originals | None) -> None:
    """Every finding of `results` (RuleResults) quoting the document in its own characters."""
    if originals is None:
        return
    for result in results:
        result.findings = [originals.finding(finding) for finding in result.findings]
        if result.reason is not None:
            result.reason = originals.message(result.reason)


def printed(originals: Originals | None) -> Callable[[str], str]:
    """A function giving a text as printed: the identity for a document read as printed."""
    return originals.passage if originals is not None else _same


def _same(text: str) -> str:
    return text


def restore_values(data: Any, originals: Originals | None) -> Any:
    """`data` (JSON-like: dicts, lists, strings) with every string in the document's own characters."""
    if originals is None:
        return data
    if isinstance(data, dict):
        return {key: restore_values(value, originals) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [restore_values(value, originals) for value in data]
    return originals.value(data)
