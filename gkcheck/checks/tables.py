"""GK301–GK307: the three statistics tables (二 主动公开, 三 依申请, 四 复议诉讼) and their arithmetic.

The rules take the tables mapped onto the template from the fixtures `active_disclosure`,
`applications` and `reviews` (`gkcheck.fixtures`); a table that was not found or could not be read
skips every rule that needs it. Identities and labels come from `rules/templates/*.toml`.
"""

from __future__ import annotations

from gkcheck.fixtures import run_together_message
from gkcheck.packs.profile import Profile
from gkcheck.report import Report
from gkcheck.rule import FindingCollector, rule, skip
from gkcheck.stat_tables import (
    NUMBER,
    TABLE_KEYS,
    TABLE_NUMERALS,
    CellValue,
    StatTable,
    evaluate,
    plain_number,
)


def _row_label(table: StatTable, row_key: str) -> str:
    keys = {row.key for row in table.spec.rows}
    return table.spec.row(row_key).label if row_key in keys else row_key


def _column_label(table: StatTable, column_key: str) -> str:
    return table.spec.columns.get(column_key, column_key)


@rule("GK301", severity="error", title="统计表齐全完整")
def tables_present(report: Report, finding: FindingCollector) -> None:
    """The three statistics tables are present and complete, every cell a number.

    **What it does**
    Looks for tables 二, 三 and 四 and maps every printed row onto the template
    (`rules/templates/2021.toml`, or 2019 for the old layout). Reports a missing table, a template row
    that is missing, a row whose number of values differs from the template (e.g. 6 or 8 values where
    table 三 has 7; such a row is reported, never guessed), and cells of tables 三 and 四 that hold
    text or a negative or fractional count instead of a number. A table whose labels are printed but
    whose numbers run together ("规章000行政规范性文件77132470", a web page that lost its grid) is
    reported as unreadable, not as missing. A 法人或其他组织 subtotal column is accepted when the
    header names it (see GK308).

    What the table rules assume about values (docs/format.md §4.1, §5.4 I-4): a blank cell, a dash
    (—, -, /) or 无 is read as 0, so every sum rule (GK303–GK306) still checks the table; a number
    with a unit or separators ("251000元", "0件", "3,940.5", "１，２３４") is read as that number.
    Reports commonly write zero as a blank: such cells are noted once per table (`info`: how many,
    which rows). A warning is given only where zero cannot explain the blank: a total (总计) left
    blank while its parts hold figures, or a table with no figure at all.

    **Why is this bad?**
    《政府信息公开条例》第五十条 requires the report to state proactive disclosure, applications and
    reviews; the national format (国办公开办函〔2021〕30号) prescribes these three tables cell by cell.
    A missing row or a misaligned row makes the figures unverifiable: every sum rule depends on it.

    **Example**
    Fails: table 三 row "（七）总计" printed with 8 numbers, `0 0 0 0 0 0 0 0`; a row
    `一、本年新收政府信息公开申请数量 5 … (blank 总计)` (warning). Passes:
    `（七）总计 0 0 0 0 0 0 0` (7 numbers: 自然人, five 法人或其他组织 columns, 总计); a row of blanks
    standing for zeros (one `info` note for the table).
    """
    for key in TABLE_KEYS:
        numeral = TABLE_NUMERALS[key]
        table = report.tables.get(key)
        if table is None:
            section = report.sections.get(numeral)
            where = section.location.with_(table_key=key) if section else None
            finding(
                f"未找到表{numeral}", f"table {numeral} not found", where=where, expected=numeral, actual=None
            )
            continue
        if table.values_run_together:
            finding(
                *run_together_message(numeral),
                where=table.location,
                expected="separate values",
                actual="digits run together",
            )
            continue
        _shape_findings(table, numeral, finding)
        _cell_findings(table, numeral, finding)


def _shape_findings(table: StatTable, numeral: str, finding) -> None:
    """Rows that cannot be aligned, and the template rows that are missing.

    Rows that cannot be aligned get one line each, up to MAX_SHAPE_LINES, then one for the rest; the
    missing template rows get one line for the table.
    """
    problems = table.shape_problems
    for problem in problems[:MAX_SHAPE_LINES]:
        label = problem.label or _row_label(table, problem.row_key.split(",")[0])
        finding(
            f"表{numeral}“{label}”一行有{problem.actual}个数值，应为{problem.expected}个，无法与表格对齐",
            f"table {numeral} row “{label}” has {problem.actual} values, expected {problem.expected}: "
            "cannot be aligned",
            where=problem.location.with_(table_key=table.key, row_key=problem.row_key),
            expected=problem.expected,
            actual=problem.actual,
        )
    if len(problems) > MAX_SHAPE_LINES:
        rest = problems[MAX_SHAPE_LINES:]
        labels = [problem.label or _row_label(table, problem.row_key.split(",")[0]) for problem in rest]
        finding(
            f"表{numeral}另有{len(rest)}行的数值个数与格式不符，无法与表格对齐：" + _named(labels, "行"),
            f"table {numeral}: {len(rest)} more rows whose number of values differs from the template: "
            + _named_en(labels),
            where=rest[0].location.with_(table_key=table.key, row_key=rest[0].row_key),
            expected=rest[0].expected,
            actual=rest[0].actual,
        )
    missing = table.missing_rows
    if missing:
        labels = [_row_label(table, row_key) for row_key in missing]
        finding(
            f"表{numeral}缺少{len(missing)}行：" + _named(labels, "行")
            if len(missing) > 1
            else f"表{numeral}缺少“{labels[0]}”一行",
            f"table {numeral}: {len(missing)} rows missing: " + _named_en(labels)
            if len(missing) > 1
            else f"table {numeral}: row “{labels[0]}” ({missing[0]}) is missing",
            where=table.location.with_(table_key=table.key, row_key=missing[0]) if table.location else None,
            expected=labels[0] if len(missing) == 1 else len(missing),
            actual=None if len(missing) == 1 else labels,
        )


# Rows that cannot be aligned, one line each up to this many; the rest in one line.
MAX_SHAPE_LINES = 3
# At most this many lines of one kind per table; the rest are named in one more line.
MAX_LINES = 4
# Row (or column) names quoted in a grouped note.
MAX_NAMED = 3


def _cell_findings(table: StatTable, numeral: str, finding) -> None:
    """Cells that are not figures: text, and blanks and dashes read as 0.

    Text is an error, one per cell up to MAX_LINES; blanks and dashes, read as 0, get one note per
    table, a warning where 0 cannot explain them.
    """
    if table.all_empty:
        first = next(cell for columns in table.cells.values() for cell in columns.values())
        finding(
            f"表{numeral}的单元格全部为空，没有填写任何数字",
            f"every cell of table {numeral} is blank: no figure is given",
            where=first.location,
            expected="figures",
            actual="blank",
            severity="warning",
        )
        return
    if table.key != "active_disclosure":
        _not_number_findings(table, numeral, finding)
    blank_totals = _blank_totals(table)
    if blank_totals:
        places = [place for place, _, _ in blank_totals]
        finding(
            f"表{numeral}有{len(blank_totals)}处合计为空，而其组成数值不为0，不能按0理解："
            + _named(places, "处"),
            f"table {numeral}: {len(blank_totals)} total(s) left blank while their parts hold figures, "
            "which 0 cannot explain: " + _named_en(places),
            where=blank_totals[0][1].location,
            expected=plain_number(blank_totals[0][2]),
            actual=blank_totals[0][1].text,
            severity="warning",
        )
    explained = [cell for cell in table.empty_cells if cell not in {cell for _, cell, _ in blank_totals}]
    if explained:
        rows = list(dict.fromkeys(_row_label(table, cell.location.row_key or "") for cell in explained))
        blanks = sum(1 for cell in explained if cell.kind == "blank")
        kinds_zh = "为空或为横线" if blanks and blanks < len(explained) else ("为空" if blanks else "为横线")
        kinds_en = "blank or dash" if blanks and blanks < len(explained) else ("blank" if blanks else "dash")
        finding(
            f"表{numeral}有{len(explained)}个单元格{kinds_zh}，按0计入各项核对（报告常以空白表示0）："
            + _named(rows, "行"),
            f"table {numeral}: {len(explained)} {kinds_en} cell(s), read as 0 in every check "
            "(reports often write zero so): rows " + _named_en(rows),
            where=explained[0].location,
            expected=0,
            actual=len(explained),
            severity="info",
        )


def _not_number_findings(table: StatTable, numeral: str, finding) -> None:
    problems = []
    for row_key, columns in table.cells.items():
        for column_key, cell in columns.items():
            if cell.kind == NUMBER and not (isinstance(cell.value, int) and cell.value >= 0):
                problems.append((row_key, column_key, cell, "不是非负整数", "is not a non-negative integer"))
            elif cell.kind == "text":
                problems.append((row_key, column_key, cell, "不是数字", "is not a number"))
    for row_key, column_key, cell, what_zh, what_en in problems[:MAX_LINES]:
        row, column = _row_label(table, row_key), _column_label(table, column_key)
        finding(
            f"表{numeral}“{row}”行“{column}”列{what_zh}：“{cell.text}”",
            f"table {numeral} row “{row}” column “{column}” {what_en}: “{cell.text}”",
            where=cell.location,
            expected="non-negative integer",
            actual=cell.text,
        )
    if len(problems) > MAX_LINES:
        rest = problems[MAX_LINES:]
        finding(
            f"表{numeral}另有{len(rest)}个单元格不是非负整数："
            + "、".join(f"“{cell.text}”" for *_, cell, _, _ in rest[:MAX_NAMED])
            + ("等" if len(rest) > MAX_NAMED else ""),
            f"table {numeral}: {len(rest)} more cells are not non-negative integers",
            where=rest[0][2].location,
            expected="non-negative integer",
            actual=len(rest),
        )


def _blank_totals(table: StatTable) -> list[tuple[str, CellValue, object]]:
    """(place, blank total cell, sum of its parts) of each total printed blank beside figures."""
    found: dict[tuple[str, str], tuple[str, CellValue, object]] = {}
    for identity in table.spec.identities:
        for mismatch in evaluate(table, identity)[0]:
            if not mismatch.blank_total:
                continue
            cell = table.cells[mismatch.row_key][mismatch.column_key]
            row, column = _row_label(table, mismatch.row_key), _column_label(table, mismatch.column_key)
            place = f"“{row}”的“{column}”" if table.key == "reviews" else f"“{row}”行“{column}”列"
            found.setdefault((mismatch.row_key, mismatch.column_key), (place, cell, mismatch.expected))
    return list(found.values())


def _named(names: list[str], unit: str) -> str:
    quoted = [name if name.startswith("“") else f"“{name}”" for name in names[:MAX_NAMED]]
    more = f"等{len(names)}{unit}" if len(names) > MAX_NAMED else ""
    return "、".join(quoted) + more


def _named_en(names: list[str]) -> str:
    quoted = [name if name.startswith("“") else f"“{name}”" for name in names[:MAX_NAMED]]
    more = f" and {len(names) - MAX_NAMED} more" if len(names) > MAX_NAMED else ""
    return ", ".join(quoted) + more


@rule("GK302", severity="error", title="使用现行表格格式")
def template_version(report: Report, profile: Profile, finding: FindingCollector) -> None:
    """Reports for 2021 and later use the 2021 tables, not the 2019 trial layout.

    **What it does**
    Compares the layout of tables 二 and 三 with the template the report year requires: from report
    year 2021 on, table 三 splits "（六）其他处理" into three rows (1. 逾期不补正, 2. 逾期未缴费, 3. 其他)
    and table 二 no longer has 上一年项目数量 / 本年增/减 / 政府集中采购.

    **Why is this bad?**
    国办公开办函〔2021〕30号 replaced the trial format of 〔2019〕60号 for reports from 2021 on. A table in
    the old layout cannot report the new categories (applications dropped for missing corrections or
    unpaid fees), so its figures are not comparable with other reports.

    **Example**
    Fails (a 2023 report): `（六）其他处理 0 0 0 0 0 0 0` as one row.
    Passes: `（六）其他处理` as a group heading over `1．申请人无正当理由逾期不补正…`,
    `2．申请人逾期未按收费通知要求缴纳费用…`, `3．其他`, each with its 7 numbers.
    """
    if report.year is None:
        skip(
            "报告年度不明，无法确定应使用的格式", "report year unknown: the required template cannot be told"
        )
    expected = profile.template
    unreadable = [TABLE_NUMERALS[key] for key, table in report.tables.items() if table.values_run_together]
    if report.tables and len(unreadable) == len(report.tables):
        skip(*run_together_message("、".join(unreadable)))
    for key, table in report.tables.items():
        if table.values_run_together or _edition(table.template) >= _edition(expected):
            continue
        numeral = TABLE_NUMERALS[key]
        where = table.row_locations.get("r6") or table.location
        finding(
            f"{report.year}年度报告的表{numeral}使用了{table.template}年版格式，应使用{expected}年版格式",
            f"table {numeral} of a {report.year} report follows the {table.template} template; "
            f"expected {expected}",
            where=where.with_(table_key=key) if where else None,
            expected=expected,
            actual=table.template,
        )


def _edition(template: str) -> int:
    """The year of a template's edition ("2021" → 2021); unknown names sort first."""
    return int(template) if template.isdigit() else 0


def _identity_findings(table: StatTable, identity_id: str, finding, describe) -> None:
    identity = table.spec.identity(identity_id)
    mismatches, checked = evaluate(table, identity)
    if not checked:
        skip(
            f"表{TABLE_NUMERALS[table.key]}缺少所需数值，无法核对",
            "the cells needed are missing: not checked",
        )
    blank_totals = {(cell.location.row_key, cell.location.column_key) for _, cell, _ in _blank_totals(table)}
    for mismatch in mismatches:
        if mismatch.blank_total or mismatch.cells & blank_totals:
            continue  # a total left blank beside figures, or a sum it is part of: GK301's warning
        zh, en = describe(table, mismatch)
        finding(
            zh,
            en,
            where=mismatch.location,
            expected=plain_number(mismatch.expected),
            actual=plain_number(mismatch.actual),
        )


@rule("GK303", severity="error", title="表三行合计")
def applications_row_totals(applications: StatTable, finding: FindingCollector) -> None:
    """In every row of table 三, 总计 equals the sum of the six applicant columns.

    **What it does**
    For each row of table 三, adds 自然人 and the five 法人或其他组织 columns (商业企业, 科研机构,
    社会公益组织, 法律服务机构, 其他) and compares the sum with 总计 (identity I-1 of the template).
    A 法人或其他组织 subtotal column, if printed, is not counted (GK308 checks it). Blank and dash
    cells count as 0; a 总计 left blank beside non-zero parts is GK301's warning, not this rule's.

    **Why is this bad?**
    The national format (国办公开办函〔2021〕30号) defines 总计 as the total over applicants; a total that
    differs is an arithmetic or typing error in the published figures (条例 第五十条).

    **Example**
    Fails: `一、本年新收政府信息公开申请数量 49 0 0 0 0 0 48`.
    Passes: `一、本年新收政府信息公开申请数量 49 0 0 0 0 0 49`.
    """

    def describe(table, mismatch):
        row = _row_label(table, mismatch.row_key)
        return (
            f"表三“{row}”行：总计为{plain_number(mismatch.actual)}，六类申请人之和为{plain_number(mismatch.expected)}",
            f"table 三 row “{row}”: 总计 is {plain_number(mismatch.actual)}, the six applicant columns "
            f"sum to {plain_number(mismatch.expected)}",
        )

    _identity_findings(applications, "I-1", finding, describe)


@rule("GK304", severity="error", title="表三收支平衡")
def applications_balance(applications: StatTable, finding: FindingCollector) -> None:
    """In every column of table 三, 一 + 二 equals 三（七）总计 + 四.

    **What it does**
    Checks the identity printed in the table itself (本列数据的勾稽关系为：第一项加第二项之和，等于第三项加
    第四项之和, I-2): new applications plus those carried in equal those handled plus those carried out,
    for each of the 7 columns. Blank and dash cells count as 0; a 总计 left blank beside non-zero parts
    is GK301's warning, and the column it stands in is not reported again here.

    **Why is this bad?**
    Every application received is either handled this year or carried to the next; a column that does
    not balance means a figure is wrong (国办公开办函〔2021〕30号, table 三).

    **Example**
    Fails: 一 = 49, 二 = 0, （七）总计 = 44, 四 = 4 in column 自然人 (49 ≠ 48).
    Passes: the same with 四 = 5.
    """

    def describe(table, mismatch):
        column = _column_label(table, mismatch.column_key)
        return (
            f"表三“{column}”列：一、二项之和为{plain_number(mismatch.expected)}，"
            f"三（七）总计与四之和为{plain_number(mismatch.actual)}",
            f"table 三 column “{column}”: 一 + 二 = {plain_number(mismatch.expected)}, "
            f"but 三（七）总计 + 四 = {plain_number(mismatch.actual)}",
        )

    _identity_findings(applications, "I-2", finding, describe)


@rule("GK305", severity="error", title="表三办理结果合计")
def applications_results_total(applications: StatTable, finding: FindingCollector) -> None:
    """In every column of table 三, （七）总计 equals the sum of all result rows.

    **What it does**
    Adds the result rows （一）予以公开, （二）部分公开, the eight （三）不予公开 rows, the three
    （四）无法提供 rows, the five （五）不予处理 rows and the （六）其他处理 rows (three in the 2021
    template, one in 2019), and compares the sum with （七）总计 for each column (identity I-3).
    Group subtotals, if printed, are not counted. Blank and dash cells count as 0, so a wrong total
    among blanks is still found.

    **Why is this bad?**
    （七）总计 is by definition the total of the results; a difference means a result row or the total is
    wrong (国办公开办函〔2021〕30号, table 三).

    **Example**
    Fails: 予以公开 27, 无法提供 16, 其他处理 1 but （七）总计 45 in column 自然人.
    Passes: （七）总计 44.
    """

    def describe(table, mismatch):
        column = _column_label(table, mismatch.column_key)
        return (
            f"表三“{column}”列：（七）总计为{plain_number(mismatch.actual)}，各办理结果之和为{plain_number(mismatch.expected)}",
            f"table 三 column “{column}”: （七）总计 is {plain_number(mismatch.actual)}, the result rows sum "
            f"to {plain_number(mismatch.expected)}",
        )

    _identity_findings(applications, "I-3", finding, describe)


@rule("GK306", severity="error", title="表四合计")
def reviews_totals(reviews: StatTable, finding: FindingCollector) -> None:
    """In table 四, each 总计 equals 结果维持 + 结果纠正 + 其他结果 + 尚未审结.

    **What it does**
    Checks the three groups of table 四: 行政复议, 行政诉讼 未经复议直接起诉 and 行政诉讼 复议后起诉
    (identities R-1 to R-3). Blank and dash cells count as 0: a table 四 that writes zeros as blanks
    is checked all the same; a 总计 left blank beside non-zero outcomes is GK301's warning.

    **Why is this bad?**
    The national format defines 总计 as the number of cases of the group; a different figure is an
    error in the published report (条例 第五十条(三)).

    **Example**
    Fails: 行政复议 `10 1 0 0 0` (总计 0, the outcomes sum to 11). Passes: `10 1 0 0 11`.
    """

    def describe(table, mismatch):
        row = _row_label(table, mismatch.row_key)
        return (
            f"表四“{row}”：总计为{plain_number(mismatch.actual)}，各结果之和为{plain_number(mismatch.expected)}",
            f"table 四 “{row}”: 总计 is {plain_number(mismatch.actual)}, the outcomes sum to "
            f"{plain_number(mismatch.expected)}",
        )

    for identity in reviews.spec.identities:
        _identity_findings(reviews, identity.id, finding, describe)


@rule("GK307", severity="error", title="表二数值")
def active_disclosure_values(active_disclosure: StatTable, finding: FindingCollector) -> None:
    """In table 二, counts are non-negative integers and the fee amount a non-negative number.

    **What it does**
    Reads every value cell of table 二: document, licence, penalty and enforcement counts must be whole
    numbers ≥ 0; 行政事业性收费 (本年收费金额, in 万元) a number ≥ 0. Text and negative or fractional
    counts are reported. A blank or a dash is read as 0 (GK301 notes blanks once per table). A number
    printed with its unit is read as that number ("251000元" is 251000); a unit that is not the
    field's (元 in the 万元 fee field, 元 after a count) is an `info` note, and 元 in a 万元 field is
    converted (3500元 is 0.35 万元) rather than taken ten thousand times too large.

    **Why is this bad?**
    The national format (国办公开办函〔2021〕30号) asks for figures; text in a cell leaves the reader to
    guess, and "元" in a 万元 column misstates the amount ten thousand times.

    **Example**
    Fails: `行政许可 12.5`, `行政许可 若干`. Info: `行政事业性收费 3500元`. Passes: `行政许可 12`,
    `行政事业性收费 0.35`, `行政许可 12件`.
    """
    table = active_disclosure
    for row_key, columns in table.cells.items():
        row_spec = table.spec.row(row_key)
        for column_key, cell in columns.items():
            row, column = row_spec.label, _column_label(table, column_key)
            if cell.unit is not None and _unit_contradicts(cell.unit, row_spec):
                field_unit = row_spec.unit or "件"
                converted = (
                    f"，按{plain_number(cell.value)}{field_unit}计" if cell.converted_from is not None else ""
                )
                converted_en = (
                    f", read as {plain_number(cell.value)} {field_unit}"
                    if cell.converted_from is not None
                    else ""
                )
                finding(
                    f"表二“{row}”行“{column}”：单元格写作“{cell.text}”，单位“{cell.unit}”与本栏单位“{field_unit}”不符{converted}",
                    f"table 二 row “{row}” column “{column}”: the cell reads “{cell.text}”, in {cell.unit}, "
                    f"not the field's {field_unit}{converted_en}",
                    where=cell.location,
                    expected=field_unit,
                    actual=cell.unit,
                    severity="info",
                )
            problem = _value_problem(cell, row_spec.value_type, column_key in table.spec.signed_columns)
            if problem is None:
                continue
            finding(
                f"表二“{row}”行“{column}”：{problem[0]}（“{cell.text}”）",
                f"table 二 row “{row}” column “{column}”: {problem[1]} (“{cell.text}”)",
                where=cell.location,
                expected=problem[2],
                actual=cell.text,
            )


# Units a count may carry without contradicting its field.
COUNT_UNITS = frozenset(("件", "个", "项", "条", "次", "人次", "起", "份"))


def _unit_contradicts(unit: str, row_spec) -> bool:
    """True for a unit that is not the field's: 元 in a 万元 field, 元 after a count, 件 after an amount."""
    if row_spec.unit is not None:
        return unit != row_spec.unit
    if row_spec.value_type == "int":
        return unit not in COUNT_UNITS
    return False


def _value_problem(cell, value_type: str, signed: bool = False) -> tuple[str, str, str] | None:
    wanted = ("非负数", "a non-negative number", "non-negative number")
    if value_type == "int":
        wanted = ("非负整数", "a non-negative integer", "non-negative integer")
    if cell.is_empty:
        return None  # read as 0; GK301 notes the blanks once per table
    if cell.kind != NUMBER:
        return (f"应为{wanted[0]}", f"expected {wanted[1]}", wanted[2])
    if (cell.value < 0 and not signed) or (value_type == "int" and not isinstance(cell.value, int)):
        return (f"应为{wanted[0]}", f"expected {wanted[1]}", wanted[2])
    return None
