"""The text loader: the samples' tab-separated rows, the seeds' one-cell-per-line tables, encodings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gkcheck.document import Document, Table
from gkcheck.document import looks_like_value as is_value
from gkcheck.errors import InputError
from gkcheck.manager import make_plugin_manager
from tests.support.paths import DATA, SAMPLES

SEEDS = DATA / "seeds"
STEMS = sorted(path.stem for path in SAMPLES.glob("*.txt"))


def load(path: Path) -> Document:
    """Load a file the way gkcheck does: the first loader that recognises its content."""
    manager = make_plugin_manager(load_entry_points=False)
    return manager.hook.gkcheck_load_document(path=str(path), head=path.read_bytes()[:8192], config=None)


@pytest.fixture(scope="session")
def samples() -> dict[str, Document]:
    return {stem: load(SAMPLES / f"{stem}.txt") for stem in STEMS}


@pytest.fixture(scope="session")
def seeds() -> dict[str, Document]:
    return {path.stem: load(path) for path in sorted(SEEDS.glob("*.txt"))}


def values(row) -> list[str]:
    return [cell.text for cell in row if is_value(cell.text)]


def row_labelled(table: Table, label: str):
    return next(row for row in table.rows if any(cell.text == label for cell in row))


def test_each_sample_has_three_tables_after_their_headings(samples):
    for stem, document in samples.items():
        tables = [index for index, block in enumerate(document.blocks) if isinstance(block, Table)]
        assert len(tables) == 3, stem
        assert [document.blocks[index - 1].text[:2] for index in tables] == ["二、", "三、", "四、"], stem


def test_sample_rows_carry_the_true_values(samples):
    for stem, document in samples.items():
        truth = json.loads((SAMPLES / f"{stem}.json").read_text("utf-8"))["tables"]
        applications, reviews = document.tables[1], document.tables[2]
        assert values(row_labelled(applications, "一、本年新收政府信息公开申请数量")) == [
            str(v) for v in truth["t3"]["rows"]["new"]
        ]
        assert values(row_labelled(applications, "四、结转下年度继续办理")) == [
            str(v) for v in truth["t3"]["rows"]["next"]
        ]
        assert values(reviews.rows[-1]) == [str(v) for v in truth["t4"]], stem
        disclosure = document.tables[0]
        assert values(row_labelled(disclosure, "行政规范性文件")) == [
            str(v) for v in truth["t2"]["rule1"]["行政规范性文件"]
        ]
        assert values(row_labelled(disclosure, "行政事业性收费")) == [
            str(truth["t2"]["rule8"]["行政事业性收费"])
        ]


def test_captions_between_rows_stay_in_the_table_and_headings_do_not(samples):
    disclosure = samples["000_bd99d2d058b13537"].tables[0]
    captions = [row[0].text for row in disclosure.rows if len(row) == 1]
    assert captions == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ]
    assert samples["000_bd99d2d058b13537"].blocks[
        samples["000_bd99d2d058b13537"].blocks.index(disclosure) + 1
    ].text == ("三、收到和处理政府信息公开申请情况")


def test_cell_locations_point_at_their_line_in_the_file(samples):
    for stem, document in samples.items():
        file_lines = (SAMPLES / f"{stem}.txt").read_text("utf-8-sig").splitlines()
        for table_index, table in enumerate(document.tables):
            assert table.location.table == table_index
            for row_index, row in enumerate(table.rows):
                for cell in row:
                    assert (cell.location.table, cell.location.row, cell.location.col) == (
                        table_index,
                        row_index,
                        cell.col,
                    )
                    assert cell.text in file_lines[cell.location.line - 1]


def test_one_cell_per_line_layout_of_the_seeds(seeds):
    document = seeds["000_bd99d2d058b13537"]
    assert len(document.tables) == 3
    applications = document.tables[1]
    assert applications.location.line == 60
    withheld = row_labelled(applications, "（三）不予公开")
    assert [cell.text for cell in withheld][:2] == [
        "（三）不予公开",
        "1．属于国家秘密",
    ]  # bookmark markup removed
    assert values(withheld) == ["0"] * 7
    assert all(len(values(row)) in (0, 7) for row in applications.rows)
    reviews = document.tables[2]
    assert len(values(reviews.rows[-1])) == 15
    texts = [block.text if not isinstance(block, Table) else "<table>" for block in document.blocks]
    start = texts.index("二、主动公开政府信息情况")
    assert texts[start : start + 6] == [
        "二、主动公开政府信息情况",
        "<table>",
        "三、收到和处理政府信息公开申请情况",
        "<table>",
        "四、因政府信息公开行政复议、行政诉讼情况",
        "<table>",
    ]


def test_seed_004_bookmarks_are_not_part_of_labels(seeds):
    applications = seeds["004_d68fabd84de01588"].tables[1]
    labels = [cell.text for row in applications.rows for cell in row if not is_value(cell.text)]
    assert "一、本年新收政府信息公开申请数量" in labels
    assert not any("bookmark" in label for label in labels)


def test_garbled_rows_of_seed_003_come_through_as_they_are(seeds):
    document = seeds["003_35beedbe3e7b0ed3"]
    applications, reviews = document.tables
    assert len(values(row_labelled(applications, "一、本年新收政府信息公开申请数量"))) == 6
    assert len(values(row_labelled(applications, "(七) 总计"))) == 8
    assert len(values(row_labelled(applications, "2.没有现成信息需要另行制作"))) == 7
    assert len(values(row_labelled(applications, "3.其他"))) == 8
    assert len(values(row_labelled(applications, "四、结转下年度继续办理"))) == 8
    assert len(values(reviews.rows[-1])) == 16
    # values start in the same column in every row; a short row stays short at its end
    new = row_labelled(applications, "一、本年新收政府信息公开申请数量")
    assert new[0].colspan == 3 and [cell.col for cell in new[1:]] == list(range(3, 9))
    total = row_labelled(applications, "(七) 总计")
    assert [cell.col for cell in total[1:]] == list(range(3, 11))


def test_seed_002_row_of_eight_values_is_kept(seeds):
    applications = seeds["002_587a12f256707b84"].tables[1]
    assert (
        len(
            values(
                row_labelled(
                    applications, "2. 申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
                )
            )
        )
        == 8
    )
    assert len(values(row_labelled(applications, "一、本年新收政府信息公开申请数量"))) == 7


def test_gb18030_text_without_declaration(tmp_path, samples):
    path = tmp_path / "gb.txt"
    path.write_bytes((SAMPLES / "000_bd99d2d058b13537.txt").read_text("utf-8").encode("gb18030"))
    document = load(path)
    assert document.metadata["encoding"] == "gb18030"
    original = samples["000_bd99d2d058b13537"]
    assert [line.text for line in document.lines] == [line.text for line in original.lines]
    assert [table.text_rows() for table in document.tables] == [
        table.text_rows() for table in original.tables
    ]


def test_tab_indented_paragraphs_stay_lines(tmp_path, samples):
    text = (SAMPLES / "000_bd99d2d058b13537.txt").read_text("utf-8")
    section_five = text.split("五、存在的主要问题及改进情况\n")[1].split("六、")[0]
    indented = "\n\n".join("\t" + line for line in section_five.splitlines())
    path = tmp_path / "indented.txt"
    path.write_text(text.replace(section_five, indented + "\n"), encoding="utf-8")
    document = load(path)
    assert len(document.tables) == 3
    original = [line.text for line in samples["000_bd99d2d058b13537"].lines]
    assert [line.text for line in document.lines] == original


def test_values_are_aligned_on_one_column_as_in_the_word_table(samples):
    for document in samples.values():
        applications = document.tables[1]
        starts = {
            row[next(i for i, cell in enumerate(row) if is_value(cell.text))].col
            for row in applications.rows
            if values(row)
        }
        assert starts == {2}
        withheld = row_labelled(applications, "（三）不予公开")
        assert [(cell.col, cell.colspan) for cell in withheld[:2]] == [(0, 1), (1, 1)]
        single = row_labelled(applications, "（一）予以公开")
        assert (single[1].col, single[1].colspan) == (1, 1)
        new = row_labelled(applications, "一、本年新收政府信息公开申请数量")
        assert (new[0].col, new[0].colspan) == (0, 2)


def test_blank_value_after_a_value_is_kept_as_blank(tmp_path):
    text = (SAMPLES / "001_c779024abbc6666e.txt").read_text("utf-8")
    blanked = text.replace(
        "一、本年新收政府信息公开申请数量\t49\t0\t0", "一、本年新收政府信息公开申请数量\t49\t\t0"
    )
    assert blanked != text
    path = tmp_path / "blank.txt"
    path.write_text(blanked, encoding="utf-8")
    row = row_labelled(load(path).tables[1], "一、本年新收政府信息公开申请数量")
    assert [cell.text for cell in row[1:]] == ["49", "", "0", "0", "0", "0", "49"]


def test_utf16_text_as_notepad_saves_it(tmp_path, samples):
    path = tmp_path / "unicode.txt"
    path.write_bytes((SAMPLES / "000_bd99d2d058b13537.txt").read_text("utf-8").encode("utf-16"))
    document = load(path)
    assert document.format == "txt" and document.metadata["encoding"] == "utf-16"
    original = samples["000_bd99d2d058b13537"]
    assert [line.text for line in document.lines] == [line.text for line in original.lines]
    assert [table.text_rows() for table in document.tables] == [
        table.text_rows() for table in original.tables
    ]


def test_lines_of_tabs_alone_leave_no_empty_line(tmp_path, samples):
    text = (SAMPLES / "000_bd99d2d058b13537.txt").read_text("utf-8")
    path = tmp_path / "tabs.txt"
    path.write_text(
        text.replace("五、存在的主要问题及改进情况\n", "五、存在的主要问题及改进情况\n\t\t\n"),
        encoding="utf-8",
    )
    document = load(path)
    assert [line.text for line in document.lines] == [
        line.text for line in samples["000_bd99d2d058b13537"].lines
    ]


def test_capture_cut_inside_a_character_is_read_with_a_warning(tmp_path, samples):
    data = (SAMPLES / "000_bd99d2d058b13537.txt").read_bytes().rstrip()
    path = tmp_path / "cut.txt"
    path.write_bytes(data[:-1])  # the last character (日) loses its last byte
    document = load(path)
    assert document.metadata["encoding"] == "utf-8-sig"
    assert document.warnings == ["1 undecodable byte(s) shown as U+FFFD"]
    original = samples["000_bd99d2d058b13537"]
    assert [line.text for line in document.lines[:-1]] == [line.text for line in original.lines[:-1]]
    assert document.lines[-1].text == "2024年1月5\ufffd"


def test_gbk_text_with_a_damaged_byte_is_read_as_gb18030(tmp_path, samples):
    data = bytearray((SAMPLES / "000_bd99d2d058b13537.txt").read_text("utf-8").encode("gbk"))
    data[200] = 0xFF  # not a valid GB18030 lead byte
    path = tmp_path / "damaged.txt"
    path.write_bytes(bytes(data))
    document = load(path)
    assert document.metadata["encoding"] == "gb18030" and len(document.warnings) == 1
    original = samples["000_bd99d2d058b13537"]
    assert [table.text_rows() for table in document.tables] == [
        table.text_rows() for table in original.tables
    ]


def test_bytes_undecodable_everywhere_are_refused(tmp_path):
    path = tmp_path / "binary.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 40)
    with pytest.raises(InputError) as caught:
        load(path)
    assert caught.value.message.startswith("not a text file in UTF-8 or GB18030")
