"""The HTML loader on the sample pages and on edited copies: encodings, page chrome, layout tables."""

from __future__ import annotations

import json
import quopri
import re
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import lxml.html
import pytest

from gkcheck.document import Document, Table
from gkcheck.manager import make_plugin_manager
from tests.support.edits import edit_html
from tests.support.paths import SAMPLES

STEMS = sorted(path.stem for path in SAMPLES.glob("*.html"))
SAMPLE_001 = SAMPLES / "001_c779024abbc6666e.html"
META_CHARSET = re.compile(r'<meta charset="utf-8">')


def load(path: Path) -> Document:
    """Load a file the way gkcheck does: the first loader that recognises its content."""
    manager = make_plugin_manager(load_entry_points=False)
    return manager.hook.gkcheck_load_document(path=str(path), head=path.read_bytes()[:8192], config=None)


@pytest.fixture(scope="session")
def documents() -> dict[str, Document]:
    return {stem: load(SAMPLES / f"{stem}.html") for stem in STEMS}


@pytest.fixture(scope="session")
def word_documents() -> dict[str, Document]:
    return {stem: load(SAMPLES / f"{stem}.docx") for stem in STEMS}


def grid(table: Table) -> list[list[tuple]]:
    return [
        [(cell.text, cell.row, cell.col, cell.rowspan, cell.colspan) for cell in row] for row in table.rows
    ]


def cell_at(table: Table, row: int, col: int):
    return next(cell for cell in table.rows[row] if cell.col == col)


def test_pages_read_as_the_same_lines_and_grids_as_the_word_files(documents, word_documents):
    for stem in STEMS:
        page, word = documents[stem], word_documents[stem]
        assert page.format == "html" and page.metadata["encoding"] == "utf-8"
        assert [line.text for line in page.lines] == [line.text for line in word.lines], stem
        assert [grid(table) for table in page.tables] == [grid(table) for table in word.tables], stem
        assert [type(block).__name__ for block in page.blocks] == [
            type(block).__name__ for block in word.blocks
        ]


def test_rowspan_and_colspan_place_cells_on_the_grid(documents):
    reviews = documents["001_c779024abbc6666e"].tables[2]
    assert [(cell.text, cell.colspan) for cell in reviews.rows[0]] == [("行政复议", 5), ("行政诉讼", 10)]
    assert cell_at(reviews, 1, 0).rowspan == 2
    # the second header row starts after the five cells merged down from the row above
    assert [cell.col for cell in reviews.rows[2]] == list(range(5, 15))
    applications = documents["001_c779024abbc6666e"].tables[1]
    total = cell_at(applications, 24, 9)
    assert total.text == "44" and (total.location.table, total.location.row, total.location.col) == (1, 24, 9)
    assert cell_at(applications, 24, 1).text == "（七）总计"


def gbk_copy(tmp_path: Path, declaration: str | None, name: str = "gbk.html") -> Path:
    markup = SAMPLE_001.read_text(encoding="utf-8")
    markup = META_CHARSET.sub(declaration or "", markup)
    path = tmp_path / name
    path.write_bytes(markup.encode("gbk"))
    return path


@pytest.mark.parametrize(
    "declaration",
    [
        None,
        '<meta charset="gb2312">',
        '<meta http-equiv="Content-Type" content="text/html; charset=GBK">',
        '<meta charset="utf-8">',
    ],
    ids=["undeclared", "gb2312", "gbk-http-equiv", "wrongly-declared-utf8"],
)
def test_gbk_pages_are_decoded(tmp_path, documents, declaration):
    page = load(gbk_copy(tmp_path, declaration))
    assert page.metadata["encoding"] == "gb18030"
    original = documents["001_c779024abbc6666e"]
    assert [line.text for line in page.lines] == [line.text for line in original.lines]
    assert [grid(table) for table in page.tables] == [grid(table) for table in original.tables]


def test_utf8_page_declared_as_gb2312_is_read_as_utf8(tmp_path, documents):
    path = tmp_path / "mislabelled.html"
    path.write_bytes(
        META_CHARSET.sub('<meta charset="gb2312">', SAMPLE_001.read_text("utf-8")).encode("utf-8")
    )
    page = load(path)
    assert page.metadata["encoding"] == "utf-8"
    assert [line.text for line in page.lines] == [
        line.text for line in documents["001_c779024abbc6666e"].lines
    ]


def test_big5_page_is_read_in_its_declared_charset(tmp_path):
    markup = SAMPLE_001.read_text("utf-8").replace('<meta charset="utf-8">', '<meta charset="big5">')
    markup = (
        markup.replace("淄博高新技术产业开发区", "台北市政府").split("<table")[0] + "</div></body></html>"
    )
    path = tmp_path / "big5.html"
    path.write_bytes(markup.encode("big5", errors="ignore"))
    page = load(path)
    assert page.metadata["encoding"] == "big5" and page.lines[0].text == "台北市政府"


def test_byte_order_mark_wins(tmp_path, documents):
    path = tmp_path / "bom.html"
    path.write_bytes(
        b"\xef\xbb\xbf" + META_CHARSET.sub('<meta charset="gb2312">', SAMPLE_001.read_text("utf-8")).encode()
    )
    page = load(path)
    assert page.metadata["encoding"] == "utf-8-sig"
    assert page.lines[0].text == documents["001_c779024abbc6666e"].lines[0].text


def test_format_is_recognised_by_content_not_by_name(tmp_path):
    page_named_txt = tmp_path / "report.txt"
    page_named_txt.write_bytes(SAMPLE_001.read_bytes())
    assert load(page_named_txt).format == "html"
    text_named_html = tmp_path / "report.html"
    text_named_html.write_bytes(SAMPLE_001.with_suffix(".txt").read_bytes())
    document = load(text_named_html)
    assert document.format == "txt" and len(document.tables) == 3


def wrapped_in_a_portal_page(tmp_path: Path) -> Path:
    """The sample inside typical portal chrome: a page-wide form, scripts, menus, breadcrumbs, a
    layout table, the page footer; the signature in the article's own footer."""
    root = lxml.html.fromstring(SAMPLE_001.read_bytes())
    body = root.find("body")
    article = body.find("div")
    article.tag = "article"
    signature = lxml.html.fragment_fromstring('<footer class="article-footer"></footer>')
    signature.extend(article.findall("p")[-2:])
    article.append(signature)
    chrome = lxml.html.fragment_fromstring(
        '<form id="form1" method="post"><script>var title = "一、总体情况";</script>'
        '<style>p {color: red}</style><nav><a href="/">首页</a><a href="/zwgk">政务公开</a></nav>'
        '<div class="breadcrumb">当前位置：首页 &gt; 政府信息公开年报</div>'
        '<table width="100%"><tr><td class="content"></td></tr></table>'
        "<footer>主办单位：淄博高新区管委会办公室 版权所有</footer><!-- 统计代码 --></form>"
    )
    chrome.find(".//td").append(article)
    body.append(chrome)
    path = tmp_path / "portal.html"
    path.write_bytes(lxml.html.tostring(root, encoding="utf-8"))
    return path


def test_page_chrome_is_dropped_and_layout_tables_are_read_as_text(tmp_path, documents):
    page = load(wrapped_in_a_portal_page(tmp_path))
    original = documents["001_c779024abbc6666e"]
    assert [line.text for line in page.lines] == [line.text for line in original.lines]
    assert [grid(table) for table in page.tables] == [grid(table) for table in original.tables]


def test_line_breaks_and_blocks_split_lines(tmp_path):
    root = lxml.html.fromstring(SAMPLE_001.read_bytes())
    first, second = root.findall(".//p")[:2]
    first.append(lxml.html.fragment_fromstring("<br>"))
    first[-1].tail = second.text_content()
    second.drop_tree()
    path = tmp_path / "br.html"
    path.write_bytes(lxml.html.tostring(root, encoding="utf-8"))
    page = load(path)
    assert [line.text for line in page.lines[:2]] == [
        "淄博高新技术产业开发区",
        "2021年政府信息公开工作年度报告",
    ]


def saved_by_word(tmp_path: Path) -> Path:
    """The sample as Word's "save as web page" writes it: GB2312, MsoNormal paragraphs in every cell,
    office namespaces (<o:p>), conditional comments, hidden text."""
    root = lxml.html.fromstring(SAMPLE_001.read_bytes())
    for cell in root.iter("td"):
        text, cell.text = cell.text, None
        paragraph = lxml.html.fragment_fromstring(
            '<p class="MsoNormal" align="center"><span lang="EN-US" style="font-family:宋体"></span></p>'
        )
        paragraph[0].text = text
        paragraph[0].append(lxml.html.fragment_fromstring("<o:p></o:p>"))
        cell.append(paragraph)
    body = root.find("body")
    body.insert(0, lxml.html.fragment_fromstring('<p style="display:none">打印本页 关闭窗口</p>'))
    markup = lxml.html.tostring(root, encoding="unicode")
    markup = META_CHARSET.sub(
        '<meta http-equiv=Content-Type content="text/html; charset=gb2312">'
        "<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]-->",
        markup,
    )
    path = tmp_path / "word.htm"
    path.write_bytes(markup.encode("gbk"))
    return path


def test_page_saved_by_word_reads_like_the_original(tmp_path, documents):
    page = load(saved_by_word(tmp_path))
    original = documents["001_c779024abbc6666e"]
    assert page.metadata["encoding"] == "gb18030"
    assert [line.text for line in page.lines] == [line.text for line in original.lines]
    assert [grid(table) for table in page.tables] == [grid(table) for table in original.tables]


def test_single_file_web_page_is_read_through_its_html_part(tmp_path, documents):
    archive = MIMEMultipart("related", type="text/html")
    markup = META_CHARSET.sub(
        '<meta http-equiv=Content-Type content="text/html; charset=gb2312">', SAMPLE_001.read_text("utf-8")
    )
    page = MIMEText("", "html", "gb2312")
    page.replace_header("Content-Transfer-Encoding", "quoted-printable")
    page.set_payload(quopri.encodestring(markup.encode("gbk")).decode("ascii"))
    page["Content-Location"] = "file:///C:/report.htm"
    archive.attach(page)
    archive.attach(MIMEApplication(b"\x89PNG\r\n\x1a\n" + bytes(64), "png"))
    path = tmp_path / "report.mht"
    path.write_bytes(archive.as_bytes())
    document = load(path)
    assert document.format == "mht" and document.metadata["encoding"] == "gb18030"
    original = documents["001_c779024abbc6666e"]
    assert [line.text for line in document.lines] == [line.text for line in original.lines]
    assert [grid(table) for table in document.tables] == [grid(table) for table in original.tables]


def test_gbk_page_cut_inside_a_character_is_read_with_a_warning(tmp_path, documents):
    data = gbk_copy(tmp_path, None).read_bytes()
    cut = data.rindex("六、其他需要报告的事项".encode("gbk")) + 1  # inside 六
    path = tmp_path / "cut.html"
    path.write_bytes(data[:cut])
    page = load(path)
    assert page.metadata["encoding"] == "gb18030" and page.warnings == [
        "1 undecodable byte(s) shown as U+FFFD"
    ]
    original = documents["001_c779024abbc6666e"]
    assert [grid(table) for table in page.tables] == [grid(table) for table in original.tables]
    assert page.lines[-1].text == "\ufffd"


def test_issuer_and_publication_date_from_the_page(gkcheck, tmp_path):
    """A page whose title names no body: the issuer from its ContentSource meta tag, the date of
    publication from the site system's <publishtime> element (GK205 has no signature date here)."""
    page = edit_html(
        SAMPLES / "002_587a12f256707b84.html",
        tmp_path / "edited.html",
        [("淄博市博山区投资促进中心\n2023 年政府信息公开工作年度报告", "2023年政府信息公开工作年度报告")],
    )
    markup = page.read_text(encoding="utf-8")
    markup = markup.replace(
        "<head>", '<head><meta name="ContentSource" content="淄博市博山区投资促进中心">', 1
    ).replace("<body>", "<body><publishtime>2024-02-20 09:30</publishtime>", 1)
    page.write_text(markup, encoding="utf-8")
    run = gkcheck("inspect", str(page), "--json")
    report = json.loads(run.stdout)
    assert (report["issuer"], report["year"], report["published"]) == (
        "淄博市博山区投资促进中心",
        2023,
        "2024-02-20",
    )
