"""The HTML report opened in headless Chromium: the script runs, the page pictures decode, the
findings and boxes are in the rendered DOM, and a screenshot is taken.

Set GKCHECK_SCREENSHOTS=DIR to keep the screenshots (and the reports) for looking at them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest

from gkcheck.cli import main
from tests.support.html_reports import make_reports

pytestmark = pytest.mark.browser

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT = 60


def chromium() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no Chromium on this machine (Debian: apt-get install chromium; .ci/run installs it)")


def headless(page: Path, *arguments: str) -> subprocess.CompletedProcess:
    command = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--no-first-run",
        "--virtual-time-budget=5000",
        *arguments,
        page.resolve().as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=True)


def screenshot(page: Path, target: Path, height: int) -> Path:
    headless(page, f"--window-size=1200,{height}", f"--screenshot={target}")
    assert target.stat().st_size > 20_000  # a page with text and pictures, not a blank one
    return target


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    keep = os.environ.get("GKCHECK_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        return Path(keep)
    return tmp_path_factory.mktemp("browser")


@pytest.fixture(scope="module")
def reports(folder):
    return make_reports(folder)


def write_report(paths: list[Path], target: Path) -> Path:
    main([*map(str, paths), "--html", str(target), "-q", "-q"])
    return target


def test_the_report_renders_in_chromium(reports, folder, capsys):
    page = write_report([reports[role] for role in ("pdf", "docx", "html", "clean")], folder / "all.html")
    capsys.readouterr()
    dom = lxml.html.fromstring(headless(page, "--dump-dom").stdout)
    body = dom.find("body")
    # Set by the report's own script once the page has loaded: every picture decoded.
    assert body.get("data-pictures") == body.get("data-pictures-shown") == "2"
    rows = dom.cssselect("#summary-table tbody tr")
    assert [row.get("data-verdict") for row in rows] == ["failed", "failed", "failed", "passed"]
    for number in (1, 2, 3):
        assert dom.cssselect(f"#report-{number} li.finding"), number
        assert dom.cssselect(f"#report-{number} table.grid.applications td.bad"), number
    assert len(dom.cssselect("#report-1 .sheet a.box")) >= 4
    assert dom.cssselect("#report-2 .excerpt mark") and dom.cssselect("#report-3 .excerpt mark")
    assert not dom.cssselect("#report-4 li.finding")
    screenshot(page, folder / "all.png", 1600)


def test_a_failing_pdf_page_is_shown_with_its_box(reports, folder, capsys):
    page = write_report([reports["pdf"]], folder / "pdf.html")
    capsys.readouterr()
    shot = screenshot(page, folder / "pdf.png", 2400)
    assert pure_red_pixels(shot) > 500  # the boxes' frames were painted over the page pictures


def pure_red_pixels(path: Path) -> int:
    """How many pixels are the boxes' red (#ff0000, used for nothing else in the report)."""
    from PIL import Image, ImageChops

    with Image.open(path) as image:
        red, green, blue = image.convert("RGB").split()
    masks = [
        red.point(lambda value: 255 if value > 245 else 0).convert("1"),
        green.point(lambda value: 255 if value < 15 else 0).convert("1"),
        blue.point(lambda value: 255 if value < 15 else 0).convert("1"),
    ]
    both = ImageChops.logical_and(ImageChops.logical_and(masks[0], masks[1]), masks[2])
    return both.convert("L").histogram()[255]


# Run in the page after its own script: sort by errors (twice: descending), then filter.
INTERACTION = """
<script>
window.addEventListener("load", function () {
  var errors = document.querySelectorAll("#summary-table th")[5];
  errors.click();
  errors.click();
  var rows = document.querySelectorAll("#summary-table tbody tr");
  document.body.dataset.sortedErrors = Array.prototype.map.call(rows, function (row) {
    return row.cells[5].textContent; }).join(",");
  var filter = document.getElementById("filter");
  filter.value = "clean";
  filter.dispatchEvent(new Event("input"));
  document.body.dataset.shownRows = String(Array.prototype.filter.call(
    document.querySelectorAll("#summary-table tbody tr"), function (row) { return !row.hidden; }).length);
});
</script>
"""


def test_the_summary_sorts_and_filters(reports, folder, capsys):
    page = write_report([reports[role] for role in ("clean", "pdf", "docx")], folder / "sorting.html")
    capsys.readouterr()
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", INTERACTION + "</body>"), "utf-8")
    body = lxml.html.fromstring(headless(page, "--dump-dom").stdout).find("body")
    assert body.get("data-sorted-errors") == "4,4,0"
    assert body.get("data-shown-rows") == "1"


# Sort by score (the ninth column): ascending, then descending.
SCORE_SORT = """
<script>
window.addEventListener("load", function () {
  var score = document.querySelectorAll("#summary-table th")[8];
  function scores() {
    return Array.prototype.map.call(document.querySelectorAll("#summary-table tbody tr"), function (row) {
      return row.cells[8].textContent; }).join(",");
  }
  score.click();
  document.body.dataset.ascending = scores();
  score.click();
  document.body.dataset.descending = scores();
});
</script>
"""


def test_the_score_column_sorts(folder, capsys):
    from tests.support.paths import SAMPLE_REPORTS

    page = folder / "scores.html"
    batch = sorted(str(path) for path in SAMPLE_REPORTS.glob("*.pdf"))
    main(["--profile", "assessment-example", *batch, "--html", str(page), "-q", "-q"])
    capsys.readouterr()
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", SCORE_SORT + "</body>"), "utf-8")
    body = lxml.html.fromstring(headless(page, "--dump-dom").stdout).find("body")
    before = [
        row.cssselect("td")[8].text_content()
        for row in lxml.html.fromstring(page.read_text(encoding="utf-8")).cssselect("#summary-table tbody tr")
    ]
    ascending = sorted(before, key=float)
    assert ascending != before  # the batch is not already in score order: sorting is seen
    assert body.get("data-ascending") == ",".join(ascending)
    assert body.get("data-descending") == ",".join(reversed(ascending))


# Where the box of one finding and its page picture land on the screen, after the page's script.
BOX_RECTS = """
<script>
window.addEventListener("load", function () {
  var box = document.querySelector('a.box[href="#FINDING"]');
  var picture = box.parentElement.querySelector("img");
  function rect(element) {
    var r = element.getBoundingClientRect();
    return [r.left, r.top + window.scrollY, r.right, r.bottom + window.scrollY].join(",");
  }
  document.body.dataset.box = rect(box);
  document.body.dataset.picture = rect(picture);
});
</script>
"""


def test_a_wrong_cell_of_a_ruled_table_is_boxed_on_its_page(folder, tmp_path, capsys):
    """Table 三's （七）总计 for 自然人 printed 45 where its results add up to 44, in a ruled grid: the
    screenshot shows GK305's red frame around that very cell."""
    import pdfplumber
    from PIL import Image

    from tests.checks.test_blank_cells_pdf import REVIEW_ROWS, TRUTH, report_pdf

    applications = {key: list(values) for key, values in TRUTH["applications"].items()}
    applications["r_total"] = ["45", *applications["r_total"][1:]]
    reviews = [value for row in REVIEW_ROWS for value in TRUTH["reviews"][row]]
    pdf = report_pdf(folder / "ruled-wrong.pdf", applications, reviews)
    page = write_report([pdf], folder / "ruled.html")
    capsys.readouterr()
    dom = lxml.html.fromstring(page.read_text(encoding="utf-8"))
    (finding,) = [li for li in dom.cssselect("li.finding") if "GK305" in li.text_content()]
    script = BOX_RECTS.replace("FINDING", finding.get("id"))
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", script + "</body>"), "utf-8")
    # Laid out at the screenshot's width, so that the rectangles are the screenshot's.
    body = lxml.html.fromstring(headless(page, "--window-size=1200,3000", "--dump-dom").stdout).find("body")
    box = [float(value) for value in body.get("data-box").split(",")]
    picture = [float(value) for value in body.get("data-picture").split(",")]

    # The cell as pdfplumber finds it, independently of gkcheck: the "45" on page 2.
    with pdfplumber.open(pdf) as document:
        pdf_page = document.pages[1]
        (cell,) = [word for word in pdf_page.extract_words() if word["text"] == "45"]
        scale = (picture[2] - picture[0]) / float(pdf_page.width)
    left, top = picture[0] + cell["x0"] * scale, picture[1] + cell["top"] * scale
    right, bottom = picture[0] + cell["x1"] * scale, picture[1] + cell["bottom"] * scale
    assert box[0] <= left and right <= box[2] and box[1] <= top and bottom <= box[3]
    assert box[2] - box[0] < 8 * (right - left)  # the cell, not its row

    shot = screenshot(page, tmp_path / "ruled.png", int(box[3]) + 100)
    around = (int(box[0]) - 2, int(box[1]) - 2, int(box[2]) + 2, int(box[3]) + 2)
    with Image.open(shot) as image:
        image.crop(around).save(tmp_path / "frame.png")
    red = pure_red_pixels(tmp_path / "frame.png")
    assert red > 2 * ((box[2] - box[0]) + (box[3] - box[1]))  # the frame is painted round the cell
    if os.environ.get("GKCHECK_SCREENSHOTS"):
        shutil.copy(shot, folder / "ruled.png")
