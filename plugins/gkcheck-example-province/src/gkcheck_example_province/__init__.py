"""An example province plugin for gkcheck: one fixture and one rule.

gkcheck finds this module through the entry point in pyproject.toml and collects its `@fixture`
and `@rule` functions, exactly as it collects its own built-in rules.
"""

from __future__ import annotations

import re

from gkcheck import fixture, rule

WEB_ADDRESS = re.compile(r"(?:https?://|www\.)[A-Za-z0-9.\-]+(?:/[A-Za-z0-9./_\-?=&%#]*)?", re.IGNORECASE)


@fixture
def web_addresses(report) -> list[str]:
    """The web addresses given in the report, in order, without repeats."""
    text = re.sub(r"\s+", "", report.text)
    return list(dict.fromkeys(match.rstrip("./") for match in WEB_ADDRESS.findall(text)))


@rule("EX101", severity="warning", title="发布网址")
def publication_address(report, web_addresses, finding):
    """The report gives the web address where it and the body's disclosures are published.

    **What it does**
    Looks in the whole text for a web address (`http://…`, `https://…` or `www.…`), such as the
    address of the body's 政府信息公开专栏.

    **Why is this bad?**
    The example province asks every report to tell readers where to find it and the body's
    disclosed information online (《中华人民共和国政府信息公开条例》第二十三条: government websites are
    the first channel of disclosure). Without the address a reader of the printed report cannot
    find the disclosures it counts.

    **Example**
    Fails: "本报告电子版可在本局门户网站查阅。" Passes: "本报告电子版可在淄博市人民政府网站
    （http://www.zibo.gov.cn）政府信息公开专栏查阅。"
    """
    if not web_addresses:
        finding(
            "报告未给出政府网站或信息公开专栏的网址",
            "the report gives no web address for the body's website or disclosure column",
            where=report.title_location,
            expected="http://…",
        )
