"""GK001: the file has text that can be checked."""

from __future__ import annotations

from gkcheck.document import Document
from gkcheck.rule import FindingCollector, rule


@rule("GK001", severity="error", title="文本层")
def text_layer(document: Document, finding: FindingCollector) -> None:
    """The file has extractable text: a scanned PDF cannot be checked.

    **What it does**
    Checks that the loader found a text layer: at least a few characters of text on the pages of
    a PDF, or any text at all in another format.

    **Why is this bad?**
    A report published as page images (a scan) cannot be searched, read aloud or copied, and
    nothing in it can be checked automatically. 《政府信息公开条例》第二十三条 asks bodies to
    publish through channels that make the information easy for the public to obtain. When this
    rule fails, every other rule is skipped with the reason "no text layer", never passed.

    **Example**
    A PDF made by scanning the signed paper report: fails. With an OCR loader plugin installed
    (gkcheck-ocr) the scan is read by OCR instead: the rule then notes (info) that the text came
    from OCR, and the other rules run on what was read. Publish the PDF exported from the word
    processor (with the seal as an image on top of the text if needed) instead.
    """
    if document.has_text_layer:
        if document.metadata.get("text_source") == "ocr":  # read by an OCR loader plugin
            _read_by_ocr(document, finding)
        return
    if document.format == "pdf":
        finding(
            f"扫描件，无文本层：共{document.page_count}页均无可提取的文字，需 OCR 后才能检查",
            f"scanned, no text layer: none of the {document.page_count} pages has extractable text; "
            "cannot be checked without OCR",
        )
    else:
        finding("文件中没有文字内容", "the file contains no text")


def _read_by_ocr(document, finding) -> None:
    dpi = document.metadata.get("ocr_dpi")
    at = f"（{dpi} dpi）" if dpi else ""
    at_en = f" at {dpi} dpi" if dpi else ""
    finding(
        f"扫描件，文字经 OCR 识别{at}：共{document.page_count}页，识别结果可能有误，请对照原件核对",
        f"scanned, text read by OCR{at_en}: {document.page_count} pages; the reading may contain errors, "
        "check against the original",
        severity="info",
    )
