"""The three statistics tables of a report, mapped onto the canonical template.

A `StatTable` is what rules program against: `cells[row_key][column_key]` is a `CellValue` with the
value read (int or Decimal, None when the cell is blank, a dash or text), the text as printed, and
the location it came from. Row and column keys come from the template files in
`rules/templates/*.toml` (docs/format.md §4–§6); nothing about labels lives in code. Subtotals a report
prints on group rows or in a 法人或其他组织 column are kept in `subtotals` and `org_subtotal`, never
in `cells`, so no identity counts them twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from gkcheck.document import (
    DASH_TEXTS,
    DECIMAL_TEXT,
    INTEGER_TEXT,
    Location,
    normalise_number_text,
    split_unit,
)
from gkcheck.packs import packs_folder
from gkcheck.tomlfile import parse_toml

TABLE_KEYS = ("active_disclosure", "applications", "reviews")
TABLE_NUMERALS = {"active_disclosure": "二", "applications": "三", "reviews": "四"}
# The template a table follows when nothing printed tells the templates apart, and the one a pack
# without `template =` requires: the current national format.
DEFAULT_TEMPLATE = "2021"

NUMBER = "number"
BLANK = "blank"
DASH = "dash"
TEXT = "text"


# Money units and their factor to 元, for a cell printed in another unit than its field's.
MONEY_UNITS = {"元": Decimal(1), "万元": Decimal(10000)}


@dataclass(frozen=True)
class CellValue:
    """One cell of a statistics table: value, printed text, kind and location.

    `unit` is the unit printed in the cell after its number ("251000元": 元), None when none was;
    `converted_from` the value as printed when it was converted to the field's unit ("3500元" in a
    万元 field: value 0.35, converted_from 3500).
    """

    value: int | Decimal | None
    text: str
    kind: str
    location: Location
    unit: str | None = None
    converted_from: int | Decimal | None = None

    @classmethod
    def read(cls, text: str, location: Location) -> CellValue:
        """Read a printed cell.

        "12" → 12, "5953.02496" → Decimal, "" → blank, "—" → dash; "3,940.5" → 3940.5 and
        "251000元" → 251000 (unit 元), full-width digits as ASCII ones.
        """
        compact = normalise_number_text(text)
        if not compact:
            return cls(None, text, BLANK, location)
        if compact in DASH_TEXTS or set(compact) <= {"-", "—", "－", "–"}:
            return cls(None, text, DASH, location)
        number, unit = split_unit(compact)
        if INTEGER_TEXT.match(number):
            return cls(int(number), text, NUMBER, location, unit)
        if DECIMAL_TEXT.match(number):
            try:
                return cls(Decimal(number), text, NUMBER, location, unit)
            except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
                pass
        return cls(None, text, TEXT, location)

    @property
    def is_number(self) -> bool:
        return self.kind == NUMBER

    @property
    def is_empty(self) -> bool:
        """A blank or a dash: no figure printed, read as 0 (docs/format.md §4.1, §5.4 I-4)."""
        return self.kind in (BLANK, DASH)

    @property
    def number(self) -> int | Decimal | None:
        """The value for arithmetic: the number, 0 for a blank or a dash, None for text."""
        if self.kind == NUMBER:
            return self.value
        return 0 if self.is_empty else None

    def in_unit(self, unit: str | None) -> CellValue:
        """This cell in the field's `unit`: "3500元" in a 万元 field is 0.35 (money units only)."""
        if (
            unit is None
            or self.unit is None
            or self.unit == unit
            or self.value is None
            or not {unit, self.unit} <= set(MONEY_UNITS)
        ):
            return self
        value = Decimal(self.value) * MONEY_UNITS[self.unit] / MONEY_UNITS[unit]
        return CellValue(value, self.text, self.kind, self.location, self.unit, self.value)

    def to_dict(self) -> dict:
        value = plain_number(self.value, self.text if self.converted_from is None else ".")
        out = {"value": value, "text": self.text, "kind": self.kind, "location": self.location.to_dict()}
        if self.unit is not None:
            out["unit"] = self.unit
        return out


def plain_number(value, printed: str = ""):
    """A JSON-friendly number: a Decimal becomes an int when it is whole, otherwise a float.

    A whole Decimal `printed` with a decimal point ("3.0") stays a float, as printed; values that
    are not Decimals are returned unchanged.
    """
    if not isinstance(value, Decimal):
        return value
    return int(value) if value == value.to_integral_value() and "." not in printed else float(value)


@dataclass(frozen=True)
class ShapeProblem:
    """A row that could not be aligned with the template: e.g. 8 values where 7 are expected."""

    row_key: str
    label: str
    expected: int
    actual: int
    location: Location

    def to_dict(self) -> dict:
        return {
            "row": self.row_key,
            "label": self.label,
            "expected": self.expected,
            "actual": self.actual,
            "location": self.location.to_dict(),
        }


@dataclass
class StatTable:
    """One statistics table mapped onto its template."""

    key: str
    template: str
    spec: TableSpec
    cells: dict[str, dict[str, CellValue]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    row_locations: dict[str, Location] = field(default_factory=dict)
    shape_problems: list[ShapeProblem] = field(default_factory=list)
    location: Location | None = None
    # Optional subtotals (docs/format.md §5.4 I-6), kept apart from `cells` so I-1 and I-3 never count them:
    # `subtotals[group_key][column_key]` on printed group rows, `org_subtotal[row_key]` in the
    # 法人或其他组织 subtotal column.
    subtotals: dict[str, dict[str, CellValue]] = field(default_factory=dict)
    org_subtotal: dict[str, CellValue] = field(default_factory=dict)
    # The column the printed subtotal column follows (None: the table has no subtotal column).
    subtotal_after: str | None = None
    # The table's caption and row labels are printed but its numbers run together ("规章000行政…").
    values_run_together: bool = False

    @property
    def has_subtotal_column(self) -> bool:
        return self.subtotal_after is not None

    @property
    def missing_rows(self) -> list[str]:
        """Template rows that were not found (neither values nor a recorded shape problem)."""
        if self.values_run_together:
            return []
        odd = {key for problem in self.shape_problems for key in problem.row_key.split(",")}
        return [row.key for row in self.spec.rows if row.key not in self.cells and row.key not in odd]

    def value(self, row_key: str, column_key: str) -> int | Decimal | None:
        """The number printed in a cell; None when it is blank, a dash, text or missing."""
        cell = self.cells.get(row_key, {}).get(column_key)
        return cell.value if cell else None

    def number(self, row_key: str, column_key: str) -> int | Decimal | None:
        """The cell's value for arithmetic: a blank or a dash is 0; None for text or a missing cell."""
        cell = self.cells.get(row_key, {}).get(column_key)
        return cell.number if cell else None

    @property
    def empty_cells(self) -> list[CellValue]:
        """The blank and dash cells, in row order."""
        return [cell for columns in self.cells.values() for cell in columns.values() if cell.is_empty]

    @property
    def all_empty(self) -> bool:
        """True when the table has cells and not one of them holds a figure."""
        cells = [cell for columns in self.cells.values() for cell in columns.values()]
        return bool(cells) and all(cell.kind == BLANK for cell in cells)

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "template": self.template,
            "location": self.location.to_dict() if self.location else None,
            "labels": dict(self.labels),
            "cells": {
                row: {col: cell.to_dict() for col, cell in cols.items()} for row, cols in self.cells.items()
            },
            "missing_rows": self.missing_rows,
            "shape_problems": [problem.to_dict() for problem in self.shape_problems],
            "subtotals": {
                group: {col: cell.to_dict() for col, cell in cols.items()}
                for group, cols in self.subtotals.items()
            },
            "org_subtotal": {row: cell.to_dict() for row, cell in self.org_subtotal.items()},
            "subtotal_column_after": self.subtotal_after,
            "values_run_together": self.values_run_together,
        }


@dataclass(frozen=True)
class RowSpec:
    key: str
    label: str
    variants: tuple[str, ...]
    columns: tuple[str, ...]
    value_type: str
    group: str | None = None
    unit: str | None = None  # the unit of the row's figures when the template prints one (万元)


@dataclass(frozen=True)
class GroupSpec:
    """A group heading over sub-rows (（三）不予公开 over 1．…8．); its printed numbers are subtotals."""

    key: str
    label: str
    rows: tuple[str, ...]


@dataclass(frozen=True)
class SubtotalColumn:
    """An optional column adding up `parts`, printed right after column `after`."""

    key: str
    label: str
    after: str
    parts: tuple[str, ...]
    header_markers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Identity:
    """An arithmetic identity: for each row (or column), Σ `sum` = Σ `equals`."""

    id: str
    name: str
    each: str
    sum: tuple[str, ...]
    equals: tuple[str, ...]
    rows: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableSpec:
    key: str
    template: str
    title: str
    numeral: str
    anchors: tuple[str, ...]
    columns: dict[str, str]
    rows: tuple[RowSpec, ...]
    headers: tuple[str, ...] = ()
    foreign_markers: tuple[str, ...] = ()
    identities: tuple[Identity, ...] = ()
    one_line: bool = False
    signed_columns: tuple[str, ...] = ()
    groups: tuple[GroupSpec, ...] = ()
    subtotal_column: SubtotalColumn | None = None

    def row(self, key: str) -> RowSpec:
        return next(row for row in self.rows if row.key == key)

    def group(self, key: str) -> GroupSpec | None:
        return next((group for group in self.groups if group.key == key), None)

    def columns_with_subtotal(self, columns: tuple[str, ...], after: str | None = None) -> tuple[str, ...]:
        """`columns` with the subtotal column inserted after column `after` (by default, the template's)."""
        extra = self.subtotal_column
        after = after or (extra.after if extra else None)
        if extra is None or after not in columns:
            return columns
        at = columns.index(after) + 1
        return (*columns[:at], extra.key, *columns[at:])

    @property
    def width(self) -> int:
        """Values per printed row (table 三: 7; table 四: 15 on one line)."""
        if self.one_line:
            return sum(len(row.columns) for row in self.rows)
        return len(self.rows[0].columns)

    def identity(self, identity_id: str) -> Identity:
        return next(identity for identity in self.identities if identity.id == identity_id)


@dataclass(frozen=True)
class Template:
    name: str
    tables: dict[str, TableSpec]


@cache
def template_names() -> tuple[str, ...]:
    """The built-in templates, one per `rules/templates/NAME.toml`, newest edition first."""
    folder = packs_folder() / "templates"
    names = [item.name[: -len(".toml")] for item in folder.iterdir() if item.name.endswith(".toml")]
    return tuple(sorted(names, key=lambda name: (int(name) if name.isdigit() else 0, name), reverse=True))


@cache
def load_template(name: str) -> Template:
    """The built-in template `name` (one of `template_names()`) from `rules/templates/NAME.toml`."""
    data = parse_toml(_template_text(name), f"rules/templates/{name}.toml").data
    return Template(name, {key: _table_spec(key, name, spec) for key, spec in data["tables"].items()})


def _template_text(name: str) -> str:
    """The text of `rules/templates/NAME.toml`, shipped with the built-in packs."""
    return (packs_folder() / "templates" / f"{name}.toml").read_text(encoding="utf-8")


def _table_spec(key: str, template: str, data: dict) -> TableSpec:
    columns = dict(data["columns"])
    table_type = data.get("value_type", "int")
    rows = tuple(
        RowSpec(
            key=row["key"],
            label=row["label"],
            variants=tuple(row.get("variants", ())),
            columns=tuple(row.get("columns", columns)),
            value_type=row.get("value_type", table_type),
            group=row.get("group"),
            unit=row.get("unit"),
        )
        for row in data["rows"]
    )
    identities = tuple(
        Identity(
            id=item["id"],
            name=item["name"],
            each=item["each"],
            sum=tuple(item["sum"]),
            equals=tuple([item["equals"]] if isinstance(item["equals"], str) else item["equals"]),
            rows=tuple(item.get("rows", ())),
        )
        for item in data.get("identities", ())
    )
    return TableSpec(
        key=key,
        template=template,
        title=data["title"],
        numeral=data["numeral"],
        anchors=tuple(data.get("anchors", ())),
        columns=columns,
        rows=rows,
        headers=tuple(data.get("headers", ())),
        foreign_markers=tuple(data.get("foreign_markers", ())),
        identities=identities,
        one_line=bool(data.get("one_line", False)),
        signed_columns=tuple(data.get("signed_columns", ())),
        groups=tuple(
            GroupSpec(item["key"], item["label"], tuple(item["rows"])) for item in data.get("groups", ())
        ),
        subtotal_column=_subtotal_column(data.get("subtotal_column")),
    )


def _subtotal_column(data: dict | None) -> SubtotalColumn | None:
    if not data:
        return None
    return SubtotalColumn(
        key=data["key"],
        label=data["label"],
        after=data["after"],
        parts=tuple(data["parts"]),
        header_markers=tuple(data.get("header_markers", ())),
    )


@dataclass(frozen=True)
class Mismatch:
    """An identity that does not hold for one row or column of a table.

    `blank_total`: the total side is printed blank while its parts hold figures. Zero cannot
    explain such a blank, so it is GK301's to report (a warning), not an arithmetic error.
    `cells`: the (row, column) keys of every cell the identity added up, on either side.
    """

    identity: Identity
    row_key: str
    column_key: str
    expected: int | Decimal
    actual: int | Decimal
    location: Location
    blank_total: bool = False
    cells: frozenset[tuple[str | None, str | None]] = frozenset()


def evaluate(table: StatTable, identity: Identity) -> tuple[list[Mismatch], int]:
    """The mismatches of `identity` in `table`, and how many rows or columns could be checked.

    Blank and dash cells count as 0 (reports commonly write zero so), so every identity is checked
    and a wrong total among blanks is still found. A row or column with a missing cell, or a cell
    holding text, is not checked (it is GK301's to report).
    """
    if identity.each == "row":
        rows = identity.rows or tuple(table.cells)
        checked = [
            (
                row,
                identity.equals[0],
                _row_cells(table, row, identity.sum),
                _row_cells(table, row, identity.equals),
            )
            for row in rows
        ]
    else:
        checked = [
            (
                identity.equals[0],
                column,
                _column_cells(table, identity.sum, column),
                _column_cells(table, identity.equals, column),
            )
            for column in table.spec.columns
        ]
    mismatches, count = [], 0
    for row_key, column_key, parts, totals in checked:
        if parts is None or totals is None:
            continue
        count += 1
        expected = sum(cell.number or 0 for cell in parts)
        actual = sum(cell.number or 0 for cell in totals)
        if expected != actual:
            blank_total = all(cell.kind == BLANK for cell in totals)
            cell = table.cells[row_key][column_key]
            places = frozenset(
                (part.location.row_key, part.location.column_key) for part in [*parts, *totals]
            )
            mismatches.append(
                Mismatch(identity, row_key, column_key, expected, actual, cell.location, blank_total, places)
            )
    return mismatches, count


def _row_cells(table: StatTable, row: str, columns) -> list[CellValue] | None:
    return _usable([table.cells.get(row, {}).get(column) for column in columns])


def _column_cells(table: StatTable, rows, column: str) -> list[CellValue] | None:
    return _usable([table.cells.get(row, {}).get(column) for row in rows])


def _usable(cells: list[CellValue | None]) -> list[CellValue] | None:
    """The cells when each is there and can be counted (a number, a blank or a dash), else None."""
    usable = [cell for cell in cells if cell is not None and cell.number is not None]
    return usable if len(usable) == len(cells) else None
