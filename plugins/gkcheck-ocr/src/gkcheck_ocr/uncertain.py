"""Numbers read with low confidence: an arithmetic failure through them is a warning, not an error.

The arithmetic rules (the identities of tables 三 and 四) are wrapped when the run's rules are
chosen. On a document read by OCR, a finding of theirs whose row or column holds a number the
recogniser was unsure of becomes a warning "OCR 识别不确定，请人工核对" naming those cells: the
misread digit may be the recogniser's, not the report's. A finding is never raised above its rule's
severity, and documents with a text layer are checked exactly as without this plugin.
"""

from __future__ import annotations

import functools
import inspect
from dataclasses import dataclass

from gkcheck.document import Location, looks_like_value
from gkcheck.hookspec import hookimpl
from gkcheck.rule import Finding, FindingCollector, Message, argument_names

# The rules checking sums of table cells.
ARITHMETIC_RULES = frozenset({"GK303", "GK304", "GK305", "GK306", "GK308"})


@dataclass(frozen=True)
class UncertainCell:
    page: int
    bbox: tuple[float, float, float, float]
    text: str
    confidence: float

    def crosses(self, location: Location) -> bool:
        """In the row or the column of the cell at `location`."""
        if location.page != self.page or location.bbox is None:
            return False
        x0, top, x1, bottom = location.bbox
        middle_x, middle_y = (self.bbox[0] + self.bbox[2]) / 2, (self.bbox[1] + self.bbox[3]) / 2
        return top <= middle_y <= bottom or x0 <= middle_x <= x1

    def describe(self) -> str:
        return f"第{self.page}页“{self.text}”（置信度{self.confidence:.2f}）"


def uncertain_cells(document, threshold: float) -> list[UncertainCell]:
    read = (document.metadata or {}).get("ocr_confidence") or []
    return [
        UncertainCell(location.page, location.bbox, text, confidence)
        for location, text, confidence in read
        if location.row is not None and confidence < threshold and looks_like_value(text) and location.bbox
    ]


@hookimpl
def gkcheck_modify_rules(config, profile, rules) -> None:
    from gkcheck_ocr import min_confidence

    threshold = min_confidence(config)
    for index, item in enumerate(rules):
        if item.id in ARITHMETIC_RULES:
            rules[index] = _guarded(item, threshold)


def _guarded(item, threshold: float):
    import dataclasses

    original = item.function
    names = argument_names(original)
    extra = () if "document" in names or "finding" not in names else ("document",)
    if not extra and "document" not in names:
        return item

    @functools.wraps(original)
    def guarded(**kwargs):
        document = kwargs["document"] if "document" in names else kwargs.pop("document")
        uncertain = uncertain_cells(document, threshold)
        if not uncertain:
            return original(**kwargs)
        outer, inner = kwargs["finding"], FindingCollector()
        kwargs["finding"] = inner
        try:
            return original(**kwargs)
        finally:
            outer.findings.extend(_downgraded(found, uncertain) for found in inner.findings)

    parameters = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY) for name in (*names, *extra)]
    guarded.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    return dataclasses.replace(item, function=guarded)


def _downgraded(found: Finding, uncertain: list[UncertainCell]) -> Finding:
    if found.location is None:
        return found
    involved = [cell for cell in uncertain if cell.crosses(found.location)]
    if not involved:
        return found
    names = "、".join(cell.describe() for cell in involved)
    message = Message(
        f"OCR 识别不确定，请人工核对：{names}。{found.message.zh}",
        f"uncertain OCR reading, check by hand: {names}. {found.message.en}",
    )
    return Finding(message, found.location, found.expected, found.actual, severity="warning")
