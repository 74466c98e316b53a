"""Which reports of a run are one body's (GK403 pairs a report with last year's of the same body)."""

from __future__ import annotations

import pytest

from gkcheck.run_index import same_body


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("洪泽区人民政府", "淮安市洪泽区人民政府"),  # the outer region left out
        ("宿迁市", "宿迁市人民政府"),  # a three-character name: a region stands for its government
        ("宿迁市", "宿迁市"),
        ("淮安市洪泽区财政局", "洪泽区财政局"),
        ("淄博高新技术产业开发区发展改革局", "淄博高新技术产业开发区发展改革局"),
    ],
)
def test_the_same_body(first, second):
    assert same_body(first, second)
    assert same_body(second, first)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("区政府", "洪泽区政府"),  # a fragment is not a name
        ("洪泽区财政局", "淮安市财政局"),  # the same kind of body in two regions
        ("宿迁市人民政府办公室", "宿迁市人民政府"),  # the office is not the government
        ("平潭综合实验区", "平潭综合实验区管委会"),
        ("宿迁市", None),
    ],
)
def test_different_bodies(first, second):
    assert not same_body(first, second)
