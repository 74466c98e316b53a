"""Ruled tables on a PDF page, as `Table` blocks with merged cells and cell bounding boxes.

pdfplumber's table finder works from the page's ruling lines. Word processors also paint white
background boxes behind whole paragraphs (WPS does, behind every line of text); those are not
ruling and would turn body text into a one-column "table", so unstroked boxes as wide as the text
column are ignored. Boxes painted behind single cells are kept: on a page break they are often
the only bottom edge of the last row.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from operator import itemgetter

from gkcheck.document import BBox, Cell, Location, Table

# An unstroked filled box wider than this share of the page is a paragraph background, not a cell.
BACKGROUND_WIDTH_SHARE = 0.6


@dataclass(frozen=True)
class FoundTable:
    table: Table
    bbox: BBox

    def contains(self, bbox: BBox, margin: float = 1.0) -> bool:
        """True when the centre of `bbox` lies inside the table."""
        x = (bbox[0] + bbox[2]) / 2
        y = (bbox[1] + bbox[3]) / 2
        x0, top, x1, bottom = self.bbox
        return x0 - margin <= x <= x1 + margin and top - margin <= y <= bottom + margin


def outside_tables(items: list[dict], tables: list[FoundTable], margin: float = 1.0) -> list[dict]:
    """The characters, words or lines whose centre lies in none of `tables` (`FoundTable.contains`)."""
    if not tables:
        return list(items)
    bounds = [
        (x0 - margin, top - margin, x1 + margin, bottom + margin)
        for x0, top, x1, bottom in (found.bbox for found in tables)
    ]
    kept = []
    for item in items:
        x = (item["x0"] + item["x1"]) / 2
        y = (item["top"] + item["bottom"]) / 2
        if not any(left <= x <= right and top <= y <= bottom for left, top, right, bottom in bounds):
            kept.append(item)
    return kept


def find_tables(page) -> list[FoundTable]:
    """The ruled tables of a pdfplumber page with two or more columns, top to bottom."""
    if not (page.lines or page.rects or page.edges):
        return []
    from gkcheck.loaders.pdf_grid import IndexedTableFinder

    found = []
    for table in IndexedTableFinder(ruled_page(page)).tables:
        grid = _table_block(page.page_number, table)
        if grid is not None:
            x0, top, x1, bottom = table.bbox
            found.append(FoundTable(grid, (x0, top, x1, bottom)))
    return sorted(found, key=lambda item: item.bbox[1])


def ruled_page(page):
    """The page without its paragraph backgrounds: what the table finder looks at."""
    return page.filter(lambda obj: not _is_background(obj, page.width))


def _is_background(obj: dict, page_width: float) -> bool:
    if obj.get("object_type") != "rect" or obj.get("stroke"):
        return False
    return min(obj["width"], obj["height"]) > 2 and obj["width"] > BACKGROUND_WIDTH_SHARE * page_width


def cell_texts(table) -> list[list[str | None]]:
    """The text of each cell, as pdfplumber's `table.extract()` gives it, found faster.

    pdfplumber tests every character of the page against every row, then every character of the
    row against every cell. Here the characters are sorted once by their vertical middle, so a
    row takes only its own, and a row's by their horizontal middle, so a cell does; the text of a
    cell is found without building pdfplumber's text map (`one_line_text` for one line,
    `pdf_lines.chars_text` for several).
    """
    from gkcheck.loaders.pdf_lines import chars_text

    chars = table.page.chars
    middles = [((char["top"] + char["bottom"]) / 2, (char["x0"] + char["x1"]) / 2) for char in chars]
    order = sorted(range(len(chars)), key=lambda index: middles[index][0])
    heights = [middles[index][0] for index in order]
    texts = []
    for row in table.rows:
        x0, top, x1, bottom = row.bbox
        span = order[bisect_left(heights, top) : bisect_left(heights, bottom)]
        across = sorted((middles[index][1], index) for index in span if x0 <= middles[index][1] < x1)
        lefts = [x for x, _ in across]
        row_texts: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                row_texts.append(None)
                continue
            columns = across[bisect_left(lefts, cell[0]) : bisect_left(lefts, cell[2])]
            inside = [chars[i] for i in sorted(i for _, i in columns if cell[1] <= middles[i][0] < cell[3])]
            one_line = one_line_text(inside) if inside else ""
            row_texts.append(chars_text(inside) if one_line is None else one_line)
        texts.append(row_texts)
    return texts


def one_line_text(chars: list[dict]) -> str | None:
    """The text pdfplumber's `extract_text(chars)` gives, where the characters stand upright on one line.

    pdfplumber groups the characters into lines by their tops (within its y tolerance) and sorts
    each line by x0; on one line, its words are the runs of characters not broken by a blank
    character or a gap wider than its x tolerance, and the text is the words joined by spaces.
    None where the characters are not so (pdfplumber's own is then asked).
    """
    from pdfplumber.utils.text import DEFAULT_X_TOLERANCE, DEFAULT_Y_TOLERANCE, LIGATURES

    tops = [char["top"] for char in chars]
    if max(tops) - min(tops) > DEFAULT_Y_TOLERANCE:
        return None
    if not all(char["upright"] and char["text"] for char in chars):
        return None
    words: list[str] = []
    word = ""
    last_x1 = 0.0
    for char in sorted(chars, key=itemgetter("x0")):
        text = char["text"]
        if text.isspace() or (word and char["x0"] > last_x1 + DEFAULT_X_TOLERANCE):
            if word:
                words.append(word)
            word = ""
            if text.isspace():
                continue
        word += LIGATURES.get(text, text)
        last_x1 = char["x1"]
    if word:
        words.append(word)
    return " ".join(words)


def _table_block(page_number: int, table) -> Table | None:
    rows = table.rows
    if not rows or max(len(row.cells) for row in rows) < 2:
        return None
    texts = cell_texts(table)
    tops = sorted({cell[1] for row in rows for cell in row.cells if cell is not None})
    lefts = sorted({cell[0] for row in rows for cell in row.cells if cell is not None})
    grid: list[tuple[Cell, ...]] = []
    for row_index, (row, row_texts) in enumerate(zip(rows, texts)):
        cells = []
        for col_index, (bbox, text) in enumerate(zip(row.cells, row_texts)):
            if bbox is None:
                continue
            location = Location(page=page_number, bbox=tuple(bbox), row=row_index, col=col_index)
            rowspan = _span(tops, bbox[1], bbox[3])
            colspan = _span(lefts, bbox[0], bbox[2])
            cells.append(Cell(text or "", row_index, col_index, location, rowspan, colspan))
        grid.append(tuple(cells))
    return Table(tuple(grid), Location(page=page_number, bbox=tuple(table.bbox)))


def _span(edges: list[float], start: float, end: float) -> int:
    """How many grid lines (row tops or column lefts) fall inside [start, end)."""
    return max(1, bisect_left(edges, end - 0.5) - bisect_left(edges, start - 0.5))


# Tables drawn without ruling: rows are the visual lines whose trailing words are numbers standing in
# shared columns; the label text between them belongs to the nearest such row.
LINE_TOLERANCE = 4.0
COLUMN_TOLERANCE = 9.0
MIN_ROWS = 3


def find_unruled_tables(page, words: list[dict]) -> list[FoundTable]:
    """Tables without ruling lines, from the positions of `words` (pdfplumber words of the page)."""
    lines = _visual_lines(words)
    value_lines = [index for index, line in enumerate(lines) if _trailing_numbers(line)]
    columns = _columns([word for index in value_lines for word in _trailing_numbers(lines[index])])
    aligned = [index for index in value_lines if _aligned(_trailing_numbers(lines[index]), columns)]
    found = []
    for group in _runs(lines, aligned):
        table = _unruled_table(page.page_number, lines, group, columns)
        if table is not None:
            found.append(table)
    return found


def _visual_lines(words: list[dict]) -> list[list[dict]]:
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda item: (item["top"], item["x0"])):
        middle = (word["top"] + word["bottom"]) / 2
        if lines and abs(middle - _middle(lines[-1])) <= LINE_TOLERANCE:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda item: item["x0"]) for line in lines]


def _middle(line: list[dict]) -> float:
    return sum((word["top"] + word["bottom"]) / 2 for word in line) / len(line)


def _trailing_numbers(line: list[dict]) -> list[dict]:
    from gkcheck.document import looks_like_value

    run: list[dict] = []
    for word in reversed(line):
        if not looks_like_value(word["text"]):
            break
        run.insert(0, word)
    return run


def _centre(word: dict) -> float:
    return (word["x0"] + word["x1"]) / 2


def _columns(numbers: list[dict]) -> list[float]:
    """Column centres shared by at least MIN_ROWS numbers."""
    centres = sorted(_centre(word) for word in numbers)
    groups: list[list[float]] = []
    for centre in centres:
        if groups and centre - groups[-1][-1] <= COLUMN_TOLERANCE:
            groups[-1].append(centre)
        else:
            groups.append([centre])
    return [sum(group) / len(group) for group in groups if len(group) >= MIN_ROWS]


def _column_of(word: dict, columns: list[float]) -> int | None:
    nearest = min(range(len(columns)), key=lambda index: abs(columns[index] - _centre(word)), default=None)
    if nearest is None or abs(columns[nearest] - _centre(word)) > COLUMN_TOLERANCE:
        return None
    return nearest


def _aligned(numbers: list[dict], columns: list[float]) -> bool:
    return bool(numbers) and all(_column_of(word, columns) is not None for word in numbers)


def _runs(lines: list[list[dict]], aligned: list[int]) -> list[list[int]]:
    """Aligned value lines close to each other (within three times their usual distance)."""
    if len(aligned) < MIN_ROWS:
        return []
    gaps = sorted(_middle(lines[b]) - _middle(lines[a]) for a, b in zip(aligned, aligned[1:]))
    limit = 3 * gaps[len(gaps) // 2]
    runs: list[list[int]] = [[aligned[0]]]
    for index in aligned[1:]:
        if _middle(lines[index]) - _middle(lines[runs[-1][-1]]) <= limit:
            runs[-1].append(index)
        else:
            runs.append([index])
    return [run for run in runs if len(run) >= MIN_ROWS]


def _unruled_table(
    page_number: int, lines: list[list[dict]], group: list[int], columns: list[float]
) -> FoundTable | None:
    first, last = group[0], group[-1]
    pitches = sorted(_middle(lines[b]) - _middle(lines[a]) for a, b in zip(group, group[1:]))
    reach = 0.75 * pitches[len(pitches) // 2]
    members: dict[int, list[int]] = {}
    for index in range(max(0, first - 1), min(len(lines), last + 2)):
        if index in group:
            members.setdefault(index, [])
            continue
        nearest = min(group, key=lambda row: abs(_middle(lines[row]) - _middle(lines[index])))
        if abs(_middle(lines[nearest]) - _middle(lines[index])) < reach and _within_labels(
            lines, index, nearest
        ):
            members.setdefault(nearest, []).append(index)
        elif first < index < last:
            members[index] = []  # a row of its own: a caption or header line inside the table
    label_starts = _label_columns(
        [
            word
            for index in range(first, last + 1)
            for word in lines[index]
            if word not in _trailing_numbers(lines[index])
        ]
    )
    ordered = sorted(members.items(), key=lambda item: _middle(lines[item[0]]))
    grid = [
        _unruled_row(page_number, row_index, lines, line, extra, columns, label_starts)
        for row_index, (line, extra) in enumerate(ordered)
    ]
    words = [
        word
        for value_line, extra in members.items()
        for index in (value_line, *extra)
        for word in lines[index]
    ]
    bbox = (
        min(w["x0"] for w in words),
        min(w["top"] for w in words),
        max(w["x1"] for w in words),
        max(w["bottom"] for w in words),
    )
    return FoundTable(Table(tuple(grid), Location(page=page_number, bbox=bbox)), bbox)


def _within_labels(lines: list[list[dict]], index: int, row: int) -> bool:
    """True when a text line stays left of the row's numbers: a wrapped part of the row's labels."""
    numbers = _trailing_numbers(lines[row])
    return max(word["x1"] for word in lines[index]) <= min(word["x0"] for word in numbers) + 2


def _label_columns(words: list[dict]) -> list[float]:
    starts: list[float] = []
    for x0 in sorted(word["x0"] for word in words):
        if not starts or x0 - starts[-1] > 2 * COLUMN_TOLERANCE:
            starts.append(x0)
    return starts


def _unruled_row(page_number, row_index, lines, value_line, extra, columns, label_starts) -> tuple[Cell, ...]:
    numbers = _trailing_numbers(lines[value_line])
    if not _aligned(numbers, columns):
        numbers = []
    labels: dict[int, list[dict]] = {}
    for index in sorted((value_line, *extra), key=lambda item: _middle(lines[item])):
        for word in lines[index]:
            if index == value_line and word in numbers:
                continue
            column = max((i for i, start in enumerate(label_starts) if start <= word["x0"] + 1), default=0)
            labels.setdefault(column, []).append(word)
    cells = [_word_cell(page_number, row_index, column, words) for column, words in sorted(labels.items())]
    offset = len(label_starts)
    cells += [  # every number is aligned with a column (checked above)
        _word_cell(page_number, row_index, offset + number_column, [word])
        for word in numbers
        if (number_column := _column_of(word, columns)) is not None
    ]
    return tuple(cells)


def _word_cell(page_number: int, row: int, col: int, words: list[dict]) -> Cell:
    bbox = (
        min(w["x0"] for w in words),
        min(w["top"] for w in words),
        max(w["x1"] for w in words),
        max(w["bottom"] for w in words),
    )
    text = "".join(word["text"] for word in words)
    return Cell(text, row, col, Location(page=page_number, bbox=bbox, row=row, col=col))
