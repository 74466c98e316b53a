"""The DOCX loader on the sample reports, on edited copies of them, and on broken Word files."""

from __future__ import annotations

import copy
import json
import re
import shutil
import struct
import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn

from gkcheck.commands.check import check_config
from gkcheck.document import Document, Line, Table
from gkcheck.errors import InputError
from gkcheck.manager import make_plugin_manager
from gkcheck.runner import Checker
from tests.support.paths import DATA, NATIONAL_TEMPLATE, SAMPLES, corpus_file

STEMS = sorted(path.stem for path in SAMPLES.glob("*.docx"))
SAMPLE_001 = SAMPLES / "001_c779024abbc6666e.docx"
ENCRYPTED = DATA / "office" / "000_encrypted.docx"  # sample 000, password-protected in Word's format


def load(path: Path) -> Document:
    """Load a file the way gkcheck does: the first loader that recognises its content."""
    manager = make_plugin_manager(load_entry_points=False)
    head = path.read_bytes()[:8192]
    return manager.hook.gkcheck_load_document(path=str(path), head=head, config=None)


@pytest.fixture(scope="session")
def documents() -> dict[str, Document]:
    return {stem: load(SAMPLES / f"{stem}.docx") for stem in STEMS}


def truth(stem: str) -> dict:
    return json.loads((SAMPLES / f"{stem}.json").read_text(encoding="utf-8"))


def cell_at(table: Table, row: int, col: int):
    return next(cell for cell in table.rows[row] if cell.col == col)


def test_every_sample_has_its_three_tables_after_their_headings(documents):
    for stem, document in documents.items():
        assert document.format == "docx"
        tables = [index for index, block in enumerate(document.blocks) if isinstance(block, Table)]
        assert len(tables) == 3, stem
        headings = [document.blocks[index - 1].text[:2] for index in tables]
        assert headings == ["二、", "三、", "四、"], stem


def test_paragraphs_are_numbered_and_match_the_text_version(documents):
    document = documents["001_c779024abbc6666e"]
    text_lines = [
        line.strip() for line in (SAMPLES / "001_c779024abbc6666e.txt").read_text("utf-8").splitlines()
    ]
    for line in document.lines:
        assert line.text in text_lines
    numbers = [line.location.line for line in document.lines]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


def test_merged_cells_appear_once_with_their_spans(documents):
    applications = documents["001_c779024abbc6666e"].tables[1]
    corner = cell_at(applications, 0, 0)
    assert corner.text.startswith("（本列数据的勾稽关系为") and (corner.rowspan, corner.colspan) == (3, 3)
    group = cell_at(applications, 5, 0)
    assert group.text == "三、本年度办理结果" and group.rowspan == 20
    withheld = cell_at(applications, 7, 1)
    assert withheld.text == "（三）不予公开" and withheld.rowspan == 8
    texts = [cell.text for row in applications.rows for cell in row]
    assert texts.count("三、本年度办理结果") == 1 and texts.count("申请人情况") == 1
    # rows under a vertical merge start at the column after it
    assert [cell.col for cell in applications.rows[8]][:2] == [2, 3]


def test_values_sit_at_their_grid_positions(documents):
    rows = truth("001_c779024abbc6666e")["tables"]["t3"]["rows"]
    applications = documents["001_c779024abbc6666e"].tables[1]
    new = applications.rows[3]
    assert new[0].text == "一、本年新收政府信息公开申请数量" and new[0].colspan == 3
    assert [cell.text for cell in new[1:]] == [str(value) for value in rows["new"]]
    assert [cell.col for cell in new[1:]] == list(range(3, 10))
    natural = cell_at(applications, 3, 3)
    assert (natural.location.table, natural.location.row, natural.location.col) == (1, 3, 3)
    reviews = documents["001_c779024abbc6666e"].tables[2]
    assert [cell.text for cell in reviews.rows[-1]] == [
        str(value) for value in truth("001_c779024abbc6666e")["tables"]["t4"]
    ]


def edited_copy(tmp_path: Path, edit) -> Path:
    word = docx.Document(str(SAMPLE_001))
    edit(word)
    path = tmp_path / "edited.docx"
    word.save(str(path))
    return path


def test_cell_paragraphs_are_joined_and_bookmarks_leave_no_text(tmp_path):
    def split_label_and_add_bookmark(word):
        cell = word.tables[1].cell(15, 2)  # 1．本机关不掌握相关政府信息
        paragraph = cell.paragraphs[0]
        second = copy.deepcopy(paragraph._p)
        paragraph._p.addnext(second)
        paragraph.runs[0].text = "1．本机关不掌握相关"
        cell.paragraphs[1].runs[0].text = "政府信息"
        bookmark = OxmlElement("w:bookmarkStart")
        bookmark.set(qn("w:id"), "0")
        bookmark.set(qn("w:name"), "_GoBack")
        word.paragraphs[0]._p.insert(0, bookmark)

    document = load(edited_copy(tmp_path, split_label_and_add_bookmark))
    assert cell_at(document.tables[1], 15, 2).text == "1．本机关不掌握相关\n政府信息"
    assert cell_at(document.tables[1], 15, 3).text == "16"
    assert not any("bookmark" in line.text for line in document.lines)
    assert document.lines[0].text == "淄博高新技术产业开发区"


def test_content_in_a_content_control_and_tracked_insertions_is_read(tmp_path):
    def wrap_and_insert(word):
        body = word.element.body
        sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
        sdt.append(content)
        target = word.tables[2]._tbl
        target.addprevious(sdt)
        content.append(target)
        paragraph = word.paragraphs[-1]._p
        insertion = OxmlElement("w:ins")
        for run in paragraph.findall(qn("w:r")):
            insertion.append(run)
        paragraph.append(insertion)
        assert body is not None

    original = load(SAMPLE_001)
    document = load(edited_copy(tmp_path, wrap_and_insert))
    assert [table.text_rows() for table in document.tables] == [
        table.text_rows() for table in original.tables
    ]
    assert [line.text for line in document.lines] == [line.text for line in original.lines]


def write_ole(path: Path, stream_name: str, stream: bytes) -> Path:
    """A minimal OLE compound file (the container of .doc and of encrypted Office files) with one stream."""
    sector = 512
    stream = stream.ljust(4096, b"\0")  # at the mini-stream cutoff: stored in regular sectors
    stream_sectors = len(stream) // sector
    header = bytearray(sector)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 44, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    struct.pack_into("<I", header, 76, 0)
    header[80:512] = b"\xff" * 432
    fat = [0xFFFFFFFD, 0xFFFFFFFE] + [3 + index for index in range(stream_sectors - 1)] + [0xFFFFFFFE]
    fat_sector = struct.pack(f"<{len(fat)}I", *fat).ljust(sector, b"\xff")

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        encoded = name.encode("utf-16-le") + b"\0\0"
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", 0xFFFFFFFF, 0xFFFFFFFF, child)
            + bytes(16 + 4 + 16)
            + struct.pack("<IQ", start, size)
        )

    directory = entry("Root Entry", 5, 1, 0xFFFFFFFE, 0) + entry(stream_name, 2, 0xFFFFFFFF, 2, len(stream))
    directory = directory.ljust(sector, b"\0")
    path.write_bytes(bytes(header) + fat_sector + directory + stream)
    return path


def error_of(path: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        load(path)
    return caught.value


def test_truncated_docx_is_damaged(tmp_path):
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(SAMPLE_001.read_bytes()[:20000])
    error = error_of(truncated)
    assert error.message.startswith("damaged DOCX") and error.zh.startswith("DOCX 文件已损坏")


def test_docx_with_a_damaged_part_is_damaged(tmp_path):
    damaged = tmp_path / "damaged.docx"
    with zipfile.ZipFile(SAMPLE_001) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data[: len(data) // 2] if item.filename == "word/document.xml" else data)
    assert error_of(damaged).message.startswith("damaged DOCX")


def test_encrypted_office_file_is_refused_with_the_reason():
    error = error_of(ENCRYPTED)
    assert error.message.startswith("encrypted Office document") and "已加密" in error.zh


def test_old_binary_doc_is_refused_with_advice(tmp_path):
    body = SAMPLE_001.with_suffix(".txt").read_bytes()[:2000]
    error = error_of(write_ole(tmp_path / "report.doc", "WordDocument", body))
    assert error.message.startswith("old binary Word document (.doc)") and "另存为 .docx" in error.zh


def test_a_docx_that_is_not_a_zip_is_refused(tmp_path):
    junk = tmp_path / "report.docx"
    junk.write_bytes(bytes(range(256)) * 40)
    assert error_of(junk).message.startswith("not a Word document")


def test_a_zip_without_a_word_document_is_refused_only_when_named_docx(tmp_path):
    archive = tmp_path / "report.docx"
    with zipfile.ZipFile(archive, "w") as target:
        target.writestr("xl/workbook.xml", "<workbook/>")
    assert "no word/document.xml" in error_of(archive).message
    renamed = shutil.copy(archive, tmp_path / "bundle.zip")
    assert load(Path(renamed)) is None


def test_command_line_reports_each_bad_file_in_one_line(gkcheck, tmp_path):
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(SAMPLE_001.read_bytes()[:20000])
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    encrypted = shutil.copy(ENCRYPTED, tmp_path / "encrypted.docx")
    good = shutil.copy(SAMPLE_001, tmp_path / "good.docx")
    run = gkcheck(truncated, empty, encrypted, good, "--format", "json", "--lang", "en")
    errors = {Path(report["path"]).name: report["error"] for report in run.json()["reports"]}
    assert errors["truncated.docx"].startswith("damaged DOCX")
    assert errors["empty.docx"] == "empty file"
    assert errors["encrypted.docx"].startswith("encrypted Office document")
    assert errors["good.docx"] is None
    assert "Traceback" not in run.stdout + run.stderr
    assert all("\n" not in message for message in errors.values() if message)


def test_blank_lines_are_not_lines(documents):
    for document in documents.values():
        assert all(isinstance(block, Table) or block.text.strip() for block in document.blocks)
        assert all(isinstance(line, Line) for line in document.lines)


def test_published_blank_template_reads_as_three_empty_grids():
    template = corpus_file(NATIONAL_TEMPLATE)  # the blank 2021 template as published
    document = load(template)
    disclosure, applications, reviews = document.tables
    assert len(applications.rows) == 28 and cell_at(applications, 5, 0).rowspan == 22
    assert cell_at(applications, 2, 4).text == "商业\n企业"  # two paragraphs in one cell
    assert cell_at(reviews, 1, 1).text == "结果\n纠正" and cell_at(reviews, 1, 1).rowspan == 2
    value_cells = [cell for row in applications.rows[3:] for cell in row if cell.col >= 3]
    assert len(value_cells) == 25 * 7 and all(cell.text == "" for cell in value_cells)
    assert [len(row) for row in disclosure.rows] == [1, 4, 4, 4, 1, 2, 2, 1, 2, 2, 2, 1, 2, 2]
    assert [cell.text for cell in reviews.rows[-1]] == [""] * 15


def test_blank_template_tables_are_found_with_blank_cells():
    template = corpus_file(NATIONAL_TEMPLATE)
    report = Checker(check_config([str(template)])).load(str(template))
    assert set(report.tables) == {"active_disclosure", "applications", "reviews"}
    kinds = {
        cell.kind for table in report.tables.values() for row in table.cells.values() for cell in row.values()
    }
    assert kinds == {"blank"}


def test_a_frame_table_around_the_report_is_read_through(tmp_path):
    def frame_the_body(word):
        frame = word.add_table(rows=1, cols=1)._tbl
        cell = frame.tr_lst[0].tc_lst[0]
        body = word.element.body
        for element in [
            child for child in body if child.tag in (qn("w:p"), qn("w:tbl")) and child is not frame
        ]:
            cell.append(element)
        body.insert(0, frame)

    original = load(SAMPLE_001)
    document = load(edited_copy(tmp_path, frame_the_body))
    assert len(docx.Document(str(tmp_path / "edited.docx")).tables) == 1  # one frame at the top level
    assert [line.text for line in document.lines] == [line.text for line in original.lines]
    assert [table.text_rows() for table in document.tables] == [
        table.text_rows() for table in original.tables
    ]


def test_rtf_saved_as_doc_is_refused_with_advice(tmp_path):
    text = SAMPLE_001.with_suffix(".txt").read_text("utf-8")[:500]
    escaped = "".join(f"\\u{ord(char)}?" if ord(char) > 127 else char for char in text).replace(
        "\n", "\\par\n"
    )
    rtf = tmp_path / "report.doc"
    rtf.write_text("{\\rtf1\\ansi\\ansicpg936\\deff0 " + escaped + "}", encoding="ascii")
    error = error_of(rtf)
    assert error.message.startswith("RTF document") and "RTF 文档" in error.zh


def test_an_imported_html_chunk_is_read_in_place(tmp_path):
    """ "Export to Word" features embed the page as a w:altChunk part instead of Word paragraphs."""
    page = SAMPLE_001.with_suffix(".html")
    word = docx.Document()
    chunk = Part(PackURI("/word/afchunk.htm"), "text/html", page.read_bytes(), word.part.package)
    alt_chunk = OxmlElement("w:altChunk")
    alt_chunk.set(qn("r:id"), word.part.relate_to(chunk, RT.A_F_CHUNK))
    word.element.body.insert(0, alt_chunk)
    word.add_paragraph("2022年2月17日补充")
    path = tmp_path / "exported.docx"
    word.save(str(path))
    document = load(path)
    original = load(SAMPLE_001)
    assert [line.text for line in document.lines] == [line.text for line in original.lines] + [
        "2022年2月17日补充"
    ]
    assert [table.text_rows() for table in document.tables] == [
        table.text_rows() for table in original.tables
    ]
    assert [table.location.table for table in document.tables] == [0, 1, 2]
    numbers = [line.location.line for line in document.lines]
    assert numbers == list(range(1, len(numbers) + 1))


LISTS = """<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="91">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1．"/></w:lvl>
</w:abstractNum>
<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>
<w:num w:numId="91"><w:abstractNumId w:val="91"/></w:num>
</w:numbering>"""


def number_with_a_list(paragraph, num_id: str, level: int, printed: str) -> None:
    """Remove the printed number from the paragraph's text and let a Word list draw it instead."""
    run = paragraph.runs[0]
    assert run.text.startswith(printed)
    run.text = run.text[len(printed) :]
    properties = paragraph._p.get_or_add_pPr()
    numbering = OxmlElement("w:numPr")
    for name, value in (("w:ilvl", str(level)), ("w:numId", num_id)):
        element = OxmlElement(name)
        element.set(qn("w:val"), value)
        numbering.append(element)
    properties.append(numbering)


def test_automatic_list_numbers_are_drawn_into_the_text(tmp_path):
    def use_word_lists(word):
        definitions = parse_xml(LISTS)
        numbering = word.part.numbering_part.element
        for abstract in definitions.findall(qn("w:abstractNum")):
            numbering.insert(0, abstract)
        for num in definitions.findall(qn("w:num")):
            numbering.append(num)
        for paragraph in word.paragraphs[:15]:
            printed = re.match(r"[一二三四五六]、|（[一二三四五]）|", paragraph.text).group(0)
            if printed:
                number_with_a_list(paragraph, "90", 0 if printed.endswith("、") else 1, printed)
        withheld = [word.tables[1].cell(row, 2).paragraphs[0] for row in range(7, 15)]
        for index, paragraph in enumerate(withheld, start=1):
            number_with_a_list(paragraph, "91", 0, f"{index}．")

    edited = edited_copy(tmp_path, use_word_lists)
    assert "一、" not in docx.Document(str(edited)).paragraphs[4].text
    original, document = load(SAMPLE_001), load(edited)
    assert [line.text for line in document.lines] == [line.text for line in original.lines]
    assert [table.text_rows() for table in document.tables] == [
        table.text_rows() for table in original.tables
    ]
