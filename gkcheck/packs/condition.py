"""Conditions of declared checks: `tables.applications.new.total > 0 and year >= 2021`.

A condition is a Python expression restricted to comparisons (`== != < <= > >=`, `in`, `not in`),
`and`, `or`, `not`, numbers, strings, and dotted paths into the report: `year`, `kind`,
`contact.email`, `sections.一` (the section's text), `tables.applications.new.total` (a table
cell's value, read as `report.tables["applications"].cells["new"]["total"].value`). It is parsed
with the `ast` module and evaluated by walking the tree, so nothing else can run.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

ROOTS = ("year", "kind", "title", "issuer", "period", "contact", "sections", "tables", "signature", "text")
_COMPARE = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
}


class ConditionError(ValueError):
    """The condition is not in the condition language: the reason in Chinese and English."""

    def __init__(self, *, zh: str, en: str):
        super().__init__(en)
        self.zh = zh


class MissingData(Exception):
    """A path of the condition names something the report does not have (a table not found)."""

    def __init__(self, path: str):
        super().__init__(path)
        self.path = path


@dataclass(frozen=True)
class Condition:
    source: str
    tree: ast.Expression

    @classmethod
    def parse(cls, source: str) -> Condition:
        try:
            tree = ast.parse(source.strip(), mode="eval")
        except SyntaxError as exc:
            raise ConditionError(
                zh=f"条件 {source!r} 无法解析：{exc.msg}", en=f"cannot parse condition {source!r}: {exc.msg}"
            ) from None
        _check(tree.body)
        return cls(source, tree)

    def evaluate(self, report: Any) -> bool:
        """True or False; raises MissingData when a path is absent from the report."""
        return bool(_evaluate(self.tree.body, report))


def _check(node: ast.AST) -> None:
    if isinstance(node, ast.BoolOp):
        for value in node.values:
            _check(value)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        _check(node.operand)
    elif isinstance(node, ast.Compare):
        for op in node.ops:
            if type(op) not in _COMPARE:
                name = type(op).__name__
                raise ConditionError(zh=f"不允许使用运算符 {name}", en=f"operator {name} is not allowed")
        for operand in (node.left, *node.comparators):
            _check_operand(operand)
    else:
        _check_operand(node)


def _check_operand(node: ast.AST) -> None:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float, str)):
        return
    if (
        isinstance(node, ast.UnaryOp)
        and isinstance(node.op, ast.USub)
        and isinstance(node.operand, ast.Constant)
    ):
        return
    path = _path(node)
    if path is None:
        raise ConditionError(
            zh=f"{ast.unparse(node)!r} 不是数字、字符串或 tables.applications.new.total 这样的点分路径",
            en=f"{ast.unparse(node)!r} is not a number, a string or a dotted path "
            "such as tables.applications.new.total",
        )
    if path[0] not in ROOTS:
        raise ConditionError(
            zh=f"未知的名称 {path[0]!r}（可用：{', '.join(ROOTS)}）",
            en=f"unknown name {path[0]!r} (known: {', '.join(ROOTS)})",
        )
    if any(part.startswith("_") for part in path):
        raise ConditionError(
            zh=f"{'.'.join(path)!r}：名称不能以 '_' 开头",
            en=f"{'.'.join(path)!r}: names may not start with '_'",
        )


def _path(node: ast.AST) -> tuple[str, ...] | None:
    if isinstance(node, ast.Name):
        return (node.id,)
    if isinstance(node, ast.Attribute):
        parent = _path(node.value)
        return None if parent is None else (*parent, node.attr)
    return None


def _evaluate(node: ast.AST, report: Any) -> Any:
    if isinstance(node, ast.BoolOp):
        values = (_evaluate(value, report) for value in node.values)
        return all(values) if isinstance(node.op, ast.And) else any(values)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return not _evaluate(node.operand, report)
    if isinstance(node, ast.Compare):
        left = _evaluate(node.left, report)
        for op, right_node in zip(node.ops, node.comparators):
            right = _evaluate(right_node, report)
            if not _COMPARE[type(op)](left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.UnaryOp):
        return -_evaluate(node.operand, report)
    if isinstance(node, ast.Constant):
        return node.value
    path = _path(node)
    assert path is not None, "parse() admits only names and attributes here"
    return resolve(report, path)


def resolve(report: Any, path: tuple[str, ...]) -> Any:
    """The value at a dotted path; a table cell gives its value, a section its text."""
    value = report
    for index, part in enumerate(path):
        value = _step(value, part)
        if value is None:
            raise MissingData(".".join(path[: index + 1]))
    if hasattr(value, "lines") and hasattr(value, "text"):  # a section: match against its flat text
        from gkcheck.text import FlatText

        return FlatText(value.lines).text
    if hasattr(value, "value") and hasattr(value, "location"):  # a table cell
        if value.value is None:
            raise MissingData(".".join(path))
        return value.value
    return value


def _step(value: Any, part: str) -> Any:
    if isinstance(value, Mapping):
        return value.get(part)
    cells = getattr(value, "cells", None)
    if isinstance(cells, Mapping):
        return cells.get(part)
    return getattr(value, part, None)
