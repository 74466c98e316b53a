"""The structure layer on real reports as published: web-page text captures and PDFs."""

from __future__ import annotations

import pytest

from tests.support.paths import PINGTAN, corpus_file


def pingtan(year: int):
    (path,) = corpus_file(PINGTAN).glob(f"pingtan_{year}_*_page.txt")
    return path


@pytest.mark.parametrize("year", range(2019, 2026))
def test_flattened_web_page_finds_title_period_and_all_six_sections(gkcheck, year):
    data = gkcheck("inspect", pingtan(year), "--json").json()
    assert data["issuer"] == "平潭综合实验区"
    assert data["year"] == year
    assert data["kind"] is None  # a development zone's 管委会: neither government nor department
    assert data["period"]["start"] == f"{year}-01-01" and data["period"]["end"] == f"{year}-12-31"
    assert list(data["sections"]) == ["一", "二", "三", "四", "五", "六"]


def test_typo_in_a_heading_is_found_but_marked(gkcheck):
    data = gkcheck("inspect", pingtan(2022), "--json").json()
    assert data["sections"]["四"]["heading"] == "四、政府信息公开行政法复议、行政诉讼情况"
    assert data["sections"]["四"]["canonical"] is False


@pytest.mark.parametrize(
    ("year", "address", "phones", "email"),
    [
        (2019, "平潭综合实验区北厝金井湾片区管委会大楼主楼14层", ["0591-23165250"], "pzxxgkb@163.com"),
        (2020, "平潭综合实验区北厝金井湾片区管委会大楼主楼14层", ["0591-23165370"], "pzxxgkb@163.com"),
        (2021, "平潭综合实验区北厝金井湾片区管委会大楼主楼14层", ["0591-23165370"], None),
        (2023, "平潭综合实验区商务营运中心7号楼14层", ["0591-23165385"], None),
        (2024, None, [], None),
        (2025, None, [], None),
    ],
)
def test_contact_details_as_the_manifest_describes_them(gkcheck, year, address, phones, email):
    contact = gkcheck("inspect", pingtan(year), "--json").json()["contact"]
    assert (contact["address"], contact["phones"], contact["email"]) == (address, phones, email)
