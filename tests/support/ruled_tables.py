"""Ruled statistics tables printed over page breaks, as real PDFs (reportlab, with a text layer).

A page is a list of parts: a text line (a `str`) or a grid (a list of `GridCell`, or a `Ruled` grid
with columns of their own widths). Each cell is stroked as its own box, so merged cells (行政复议
over five columns) have no inner lines, as word processors print them. Tests read the result with
gkcheck's real PDF loader.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from tests.support.pdfmaker import FONT

LEFT = 60
TOP = 780
ROW_HEIGHT = 18
GRID_FONT_SIZE = 6
TEXT_FONT_SIZE = 10


@dataclass(frozen=True)
class GridCell:
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class Ruled:
    """A grid whose columns have widths of their own (label columns wide, value columns narrow)."""

    cells: list[GridCell]
    widths: Sequence[float]


def render_pages(pages: list[list], path: Path, column_width: float = 31) -> Path:
    """An A4 PDF with one page per item of `pages`, each part drawn below the one before."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number, parts in enumerate(pages, start=1):
        y = TOP
        for part in parts:
            if isinstance(part, str):
                y = _draw_text(pdf, part, y)
            elif isinstance(part, Ruled):
                y = _draw_grid(pdf, part.cells, y, part.widths)
            else:
                y = _draw_grid(pdf, part, y, [column_width] * max(c.col + c.colspan for c in part))
        pdf.setFont(FONT, TEXT_FONT_SIZE)
        pdf.drawCentredString(A4[0] / 2, 36, f"— {number} —")
        pdf.showPage()
    pdf.save()
    return path


def _draw_text(pdf, text: str, y: float) -> float:
    pdf.setFont(FONT, TEXT_FONT_SIZE)
    pdf.drawString(LEFT, y, text)
    return y - 24


def _draw_grid(pdf, cells: list[GridCell], y: float, widths: Sequence[float]) -> float:
    pdf.setLineWidth(0.5)
    pdf.setFont(FONT, GRID_FONT_SIZE)
    for cell in cells:
        x0 = LEFT + sum(widths[: cell.col])
        top = y - cell.row * ROW_HEIGHT
        width, height = sum(widths[cell.col : cell.col + cell.colspan]), cell.rowspan * ROW_HEIGHT
        pdf.rect(x0, top - height, width, height, stroke=1, fill=0)
        pdf.drawCentredString(x0 + width / 2, top - height / 2 - GRID_FONT_SIZE / 3, cell.text)
    rows = max(cell.row + cell.rowspan for cell in cells)
    return y - rows * ROW_HEIGHT - 24


OUTCOMES = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def reviews_header() -> list[list[GridCell]]:
    """Table 四's header as its three printed rows (行政复议 / 行政诉讼, then their columns)."""
    first = [GridCell("行政复议", 0, 0, colspan=5), GridCell("行政诉讼", 0, 5, colspan=10)]
    second = [GridCell(text, 1, col, rowspan=2) for col, text in enumerate(OUTCOMES)]
    second += [GridCell("未经复议直接起诉", 1, 5, colspan=5), GridCell("复议后起诉", 1, 10, colspan=5)]
    third = [GridCell(text, 2, 5 + index, 1) for index, text in enumerate(OUTCOMES * 2)]
    return [first, second, third]


def reviews_values(values: list[str], row: int) -> list[GridCell]:
    return [GridCell(text, row, col) for col, text in enumerate(values)]


def restarted(rows: list[list[GridCell]]) -> list[GridCell]:
    """`rows` drawn as a grid of their own, from its top: a part continued on a new page."""
    first = min(cell.row for row in rows for cell in row)
    return [
        GridCell(cell.text, cell.row - first, cell.col, cell.rowspan, cell.colspan)
        for row in rows
        for cell in row
    ]


# Table 二 of the samples, in the sections the national template prints.
DISCLOSURE_LABELS = {
    "a20_1.guizhang": "规章",
    "a20_1.guifanxing": "行政规范性文件",
    "a20_5.xuke": "行政许可",
    "a20_6.chufa": "行政处罚",
    "a20_6.qiangzhi": "行政强制",
    "a20_8.fee": "行政事业性收费",
}
DISCLOSURE_SECTIONS = (
    (
        "第二十条第（一）项",
        ["本年制发件数", "本年废止件数", "现行有效件数"],
        ["a20_1.guizhang", "a20_1.guifanxing"],
    ),
    ("第二十条第（五）项", ["本年处理决定数量"], ["a20_5.xuke"]),
    ("第二十条第（六）项", ["本年处理决定数量"], ["a20_6.chufa", "a20_6.qiangzhi"]),
    ("第二十条第（八）项", ["本年收费金额（单位：万元）"], ["a20_8.fee"]),
)


def disclosure_rows(rows: dict[str, list[str]], labels: dict[str, str], sections) -> list[list[GridCell]]:
    """Table 二 as one ruled grid of four columns: a 第二十条第（N）项 heading, then its rows.

    `sections` is a list of (heading, column titles, row keys); a row with one value spans the
    three value columns, as the national template prints it.
    """
    out: list[list[GridCell]] = []
    for heading, titles, keys in sections:
        out.append([GridCell(heading, len(out), 0, colspan=4)])
        out.append(_spread(["信息内容", *titles], len(out)))
        for key in keys:
            out.append(_spread([labels[key], *rows[key]], len(out)))
    return out


def _spread(texts: list[str], row: int) -> list[GridCell]:
    if len(texts) == 2:
        return [GridCell(texts[0], row, 0), GridCell(texts[1], row, 1, colspan=3)]
    return [GridCell(text, row, col) for col, text in enumerate(texts)]


# Table 三 as the 2019 format prints it: up to three levels of labels, a label without the levels
# after it spanning their columns, a level's label ("" where it goes on) spanning the rows under it.
APPLICATION_LABELS = (
    ("new", ("一、本年新收政府信息公开申请数量",)),
    ("carried_in", ("二、上年结转政府信息公开申请数量",)),
    ("r1_open", ("三、本年度办理结果", "（一）予以公开")),
    ("r2_partial", ("", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")),
    ("r3_1", ("", "（三）不予公开", "1．属于国家秘密")),
    ("r3_2", ("", "", "2．其他法律行政法规禁止公开")),
    ("r3_3", ("", "", "3．危及“三安全一稳定”")),
    ("r3_4", ("", "", "4．保护第三方合法权益")),
    ("r3_5", ("", "", "5．属于三类内部事务信息")),
    ("r3_6", ("", "", "6．属于四类过程性信息")),
    ("r3_7", ("", "", "7．属于行政执法案卷")),
    ("r3_8", ("", "", "8．属于行政查询事项")),
    ("r4_1", ("", "（四）无法提供", "1．本机关不掌握相关政府信息")),
    ("r4_2", ("", "", "2．没有现成信息需要另行制作")),
    ("r4_3", ("", "", "3．补正后申请内容仍不明确")),
    ("r5_1", ("", "（五）不予处理", "1．信访举报投诉类申请")),
    ("r5_2", ("", "", "2．重复申请")),
    ("r5_3", ("", "", "3．要求提供公开出版物")),
    ("r5_4", ("", "", "4．无正当理由大量反复申请")),
    ("r5_5", ("", "", "5．要求行政机关确认或重新出具已获取信息")),
    ("r6", ("", "（六）其他处理")),
    ("r_total", ("", "（七）总计")),
    ("carried_out", ("四、结转下年度继续办理",)),
)
APPLICANTS = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
APPLICATION_WIDTHS = (60, 48, 130, *[38] * 7)
LABEL_LEVELS = 3


def applications_grid(values: dict[str, list[str]]) -> Ruled:
    """Table 三 (2019 format) as one ruled grid: its three header rows, then a row per row key."""
    cells = [
        GridCell(
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 0, 0, 3, LABEL_LEVELS
        ),
        GridCell("申请人情况", 0, 3, colspan=7),
        GridCell("自然人", 1, 3, rowspan=2),
        GridCell("法人或其他组织", 1, 4, colspan=5),
        GridCell("总计", 1, 9, rowspan=2),
        *[GridCell(text, 2, 4 + index) for index, text in enumerate(APPLICANTS)],
    ]
    for index, (key, labels) in enumerate(APPLICATION_LABELS):
        row = 3 + index
        for level, text in enumerate(labels):
            if not text:
                continue
            last = level == len(labels) - 1
            span = 1 + _continued(index, level) if not last else 1
            cells.append(GridCell(text, row, level, span, LABEL_LEVELS - level if last else 1))
        cells += [GridCell(text, row, LABEL_LEVELS + col) for col, text in enumerate(values[key])]
    return Ruled(cells, APPLICATION_WIDTHS)


def _continued(index: int, level: int) -> int:
    """How many rows after row `index` go on under its label at `level`."""
    count = 0
    for _, labels in APPLICATION_LABELS[index + 1 :]:
        if len(labels) <= level or labels[level]:
            break
        count += 1
    return count
