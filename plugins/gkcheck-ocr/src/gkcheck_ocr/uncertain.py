"""Numbers read with low confidence: an arithmetic failure only through them is a warning, not an error.

The arithmetic rules (the identities and subtotals of tables 三 and 四) are wrapped when the run's
rules are chosen. On a document read by OCR, a failing identity (Σ parts = Σ totals) becomes a
warning "OCR 识别不确定，请人工核对" naming its uncertain cells only when some reading of those
cells would make it hold: it has an uncertain cell, and its certain cells alone do not already
prove it wrong (uncertain parts only, while the certain parts already exceed the totals, cannot
mend it). An identity that fails through certain cells stays an error, as on a text layer. A
finding is never raised above its rule's severity, and documents with a text layer are checked
exactly as without this plugin.
"""

from __future__ import annotations

import functools
import inspect
from dataclasses import dataclass
from decimal import Decimal

from gkcheck.document import Location, looks_like_value
from gkcheck.hookspec import hookimpl
from gkcheck.rule import Finding, FindingCollector, Message, argument_names
from gkcheck.stat_tables import NUMBER, CellValue, StatTable, evaluate, plain_number

# The rules checking sums of table cells: the table fixture each reads, and the identities it
# checks (None: all the table's identities; "subtotals": the subtotals a report prints).
ARITHMETIC_RULES: dict[str, tuple[str, tuple[str, ...] | str | None]] = {
    "GK303": ("applications", ("I-1",)),
    "GK304": ("applications", ("I-2",)),
    "GK305": ("applications", ("I-3",)),
    "GK306": ("reviews", None),
    "GK308": ("applications", "subtotals"),
}


@dataclass(frozen=True)
class UncertainCell:
    page: int
    bbox: tuple[float, float, float, float]
    text: str
    confidence: float

    def is_at(self, location: Location) -> bool:
        """Whether this is the cell at `location` (its middle lies in the location's box)."""
        if location.page != self.page or location.bbox is None:
            return False
        x0, top, x1, bottom = location.bbox
        middle_x, middle_y = (self.bbox[0] + self.bbox[2]) / 2, (self.bbox[1] + self.bbox[3]) / 2
        return x0 <= middle_x <= x1 and top <= middle_y <= bottom

    def describe(self) -> str:
        return f"第{self.page}页“{self.text}”（置信度{self.confidence:.2f}）"


@dataclass(frozen=True)
class Identity:
    """One checked sum: Σ `parts` = Σ `totals`, reported at `location`."""

    location: Location
    parts: tuple[CellValue, ...]
    totals: tuple[CellValue, ...]

    def sides(self) -> tuple[int | Decimal, int | Decimal]:
        return sum(_number(cell) for cell in self.parts), sum(_number(cell) for cell in self.totals)

    def mended_by(self, uncertain: list[UncertainCell]) -> list[UncertainCell]:
        """The uncertain cells of this identity when some reading of them makes it hold, else []."""
        unsure_parts = [u for u in uncertain if any(u.is_at(cell.location) for cell in self.parts)]
        unsure_totals = [u for u in uncertain if any(u.is_at(cell.location) for cell in self.totals)]
        certain = [
            sum(_number(cell) for cell in side if not any(u.is_at(cell.location) for u in uncertain))
            for side in (self.parts, self.totals)
        ]
        # Σ uncertain parts − Σ uncertain totals must make up the gap, each cell a count ≥ 0
        gap = certain[1] - certain[0]
        if unsure_parts and unsure_totals:
            can_hold = True
        elif unsure_parts:
            can_hold = gap >= 0
        else:
            can_hold = bool(unsure_totals) and gap <= 0
        return [*unsure_parts, *unsure_totals] if can_hold else []


def _number(cell: CellValue) -> int | Decimal:
    return cell.number or 0


def uncertain_cells(document, threshold: float) -> list[UncertainCell]:
    read = (document.metadata or {}).get("ocr_confidence") or []
    return [
        UncertainCell(location.page, location.bbox, text, confidence)
        for location, text, confidence in read
        if location.row is not None and confidence < threshold and looks_like_value(text) and location.bbox
    ]


def identities(rule_id: str, arguments: dict) -> list[Identity]:
    """The failing sums rule `rule_id` checks in the tables it was given."""
    fixture, which = ARITHMETIC_RULES[rule_id]
    table = arguments.get(fixture)
    if not isinstance(table, StatTable):
        return []
    if which == "subtotals":
        return _subtotals(table)
    found = []
    for identity in table.spec.identities:
        if which is not None and identity.id not in which:
            continue
        for mismatch in evaluate(table, identity)[0]:
            if identity.each == "row":
                pick = [
                    table.cells[mismatch.row_key].get(column) for column in (*identity.sum, *identity.equals)
                ]
            else:
                pick = [
                    table.cells.get(row, {}).get(mismatch.column_key)
                    for row in (*identity.sum, *identity.equals)
                ]
            cells = tuple(cell for cell in pick if cell is not None)
            if len(cells) == len(pick):
                found.append(
                    Identity(mismatch.location, cells[: len(identity.sum)], cells[len(identity.sum) :])
                )
    return found


def _subtotals(table: StatTable) -> list[Identity]:
    from gkcheck.checks.table_subtotals import printed_subtotals

    return [
        Identity(subtotal.location, tuple(parts), (subtotal,))
        for subtotal, parts, *_ in printed_subtotals(table)
        if subtotal.kind == NUMBER and all(part is not None and part.kind == NUMBER for part in parts)
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
            checked = identities(item.id, kwargs) if inner.findings else []
            outer.findings.extend(_downgraded(found, checked, uncertain) for found in inner.findings)

    parameters = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY) for name in (*names, *extra)]
    guarded.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    return dataclasses.replace(item, function=guarded)


def _downgraded(found: Finding, checked: list[Identity], uncertain: list[UncertainCell]) -> Finding:
    """The finding as a warning when the identity it reports fails only through uncertain cells."""
    if found.location is None:
        return found
    reported = [
        identity
        for identity in checked
        if identity.location == found.location
        and (found.expected, found.actual) == tuple(plain_number(side) for side in identity.sides())
    ]
    involved = [identity.mended_by(uncertain) for identity in reported]
    if not involved or not all(involved):
        return found
    named = list(dict.fromkeys(cell for cells in involved for cell in cells))
    names = "、".join(cell.describe() for cell in named)
    message = Message(
        f"OCR 识别不确定，请人工核对：{names}。{found.message.zh}",
        f"uncertain OCR reading, check by hand: {names}. {found.message.en}",
    )
    return Finding(message, found.location, found.expected, found.actual, severity="warning")
