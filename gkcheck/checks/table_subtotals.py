"""GK308: subtotals a report prints in table 三 equal the sum of their parts (docs/format.md §5.4 I-6)."""

from __future__ import annotations

from gkcheck.rule import FindingCollector, rule, skip
from gkcheck.stat_tables import NUMBER, CellValue, StatTable, plain_number


@rule("GK308", severity="error", title="表三小计")
def applications_subtotals(applications: StatTable, finding: FindingCollector) -> None:
    """Subtotals printed in table 三 equal the sum of what they add up.

    **What it does**
    The official table 三 prints no subtotals, but some reports print numbers on the group rows
    （三）不予公开, （四）无法提供, （五）不予处理, （六）其他处理 (2021 template), or add a 法人或其他组织
    column between 自然人 and the five organisation columns. Each such subtotal is compared with the
    sum of its parts: a group row with its sub-rows, column by column; the 法人或其他组织 column with
    商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他 of the same row (identity I-6). Subtotals are
    never counted again in the row totals (GK303) or the result total (GK305). Skipped when the
    report prints no subtotal.

    **Why is this bad?**
    A printed subtotal is a figure the public reads; one that differs from its parts means a figure
    of the report is wrong (《政府信息公开条例》第五十条, 国办公开办函〔2021〕30号 table 三).

    **Example**
    Fails: `（四）无法提供 17 0 0 0 0 0 17` over `1．本机关不掌握相关政府信息 16 …`, `2．… 0 …`, `3．… 0 …`.
    Passes: `（四）无法提供 16 0 0 0 0 0 16` over the same sub-rows.
    """
    table = applications
    if not table.subtotals and not table.org_subtotal:
        skip("表三未列出小计，无需核对", "table 三 prints no subtotal: nothing to check")
    checked = 0
    for subtotal, parts, row_label, column_label, what in printed_subtotals(table):
        values = [part.value for part in parts if part is not None and part.kind == NUMBER]
        if subtotal.kind != NUMBER or len(values) != len(parts):
            continue
        checked += 1
        if sum(values) != subtotal.value:
            finding(
                f"表三“{row_label}”行“{column_label}”列：小计为{plain_number(subtotal.value)}，{what[0]}之和为{plain_number(sum(values))}",
                f"table 三 row “{row_label}” column “{column_label}”: the subtotal is "
                f"{plain_number(subtotal.value)}, "
                f"{what[1]} sum to {plain_number(sum(values))}",
                where=subtotal.location,
                expected=plain_number(sum(values)),
                actual=plain_number(subtotal.value),
            )
    if not checked:
        skip(
            "表三小计或其组成数值无法读取，无法核对",
            "the subtotals of table 三 or their parts could not be read: not checked",
        )


def printed_subtotals(table: StatTable):
    """(subtotal cell, part cells, row label, column label, (zh, en) name of the parts) for each subtotal."""
    spec = table.spec
    extra = spec.subtotal_column
    columns = dict(spec.columns, **({extra.key: extra.label} if extra else {}))
    for group_key, cells in table.subtotals.items():
        group = spec.group(group_key)
        assert group is not None, "subtotals are read only for the template's group rows"
        for column, cell in cells.items():
            if extra is not None and column == extra.key:
                parts = [cells.get(part) for part in extra.parts]
                yield (
                    cell,
                    parts,
                    group.label,
                    columns[column],
                    ("五类法人或其他组织", "the five organisation columns"),
                )
            else:
                parts = [_cell(table, row, column) for row in group.rows]
                yield cell, parts, group.label, columns[column], ("其下各项", "its sub-rows")
    for row_key, cell in table.org_subtotal.items():
        assert extra is not None, "an organisation subtotal is read only where the template has the column"
        parts = [_cell(table, row_key, part) for part in extra.parts]
        yield (
            cell,
            parts,
            spec.row(row_key).label,
            extra.label,
            ("五类法人或其他组织", "the five organisation columns"),
        )


def _cell(table: StatTable, row: str, column: str) -> CellValue | None:
    return table.cells.get(row, {}).get(column)
