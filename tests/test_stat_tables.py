"""The table templates in rules/templates/: which there are, and the headers that start each table."""

from __future__ import annotations

import re

from gkcheck.packs import packs_folder
from gkcheck.stat_tables import DEFAULT_TEMPLATE, TABLE_KEYS, load_template, template_names
from gkcheck.structure.table_mapping import _anchor_of


def test_template_names_are_the_template_files_newest_first():
    files = sorted(
        item.name for item in (packs_folder() / "templates").iterdir() if item.name.endswith(".toml")
    )
    assert sorted(f"{name}.toml" for name in template_names()) == files
    assert template_names()[0] == DEFAULT_TEMPLATE == "2021"


def test_every_table_of_every_template_declares_anchors_that_compile():
    for name in template_names():
        for key in TABLE_KEYS:
            anchors = load_template(name).tables[key].anchors
            assert anchors, (name, key)
            assert all(re.compile(anchor) for anchor in anchors)


def test_table_headers_are_recognised_by_the_template_anchors():
    assert _anchor_of("第二十条第（一）项") == "active_disclosure"
    assert _anchor_of("本列数据的勾稽关系为：第一项加第二项之和") == "applications"
    assert _anchor_of("申请人情况") == "applications"
    assert _anchor_of("行政复议行政诉讼") == "reviews"
    assert _anchor_of("行政复议结果维持结果纠正") == "reviews"
    assert _anchor_of("行政复议") is None  # a heading word alone is not the table's header
    assert _anchor_of("依据条例第二十条第一款") is None
