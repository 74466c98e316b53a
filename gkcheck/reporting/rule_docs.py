"""A rule's title and documentation in the language of the run.

The documentation is the rule's docstring (English); a Chinese translation, where there is one,
lives in `gkcheck/ruledocs/zh/<ID>.md` beside the code, so that the rules' modules stay as they are.
"""

from __future__ import annotations

from importlib import resources

from gkcheck.rule import Rule


def chinese_doc(rule_id: str) -> str | None:
    """The Chinese documentation of rule `rule_id`, if it has been written."""
    item = resources.files("gkcheck.ruledocs").joinpath("zh").joinpath(f"{rule_id}.md")
    return item.read_text(encoding="utf-8").strip() if item.is_file() else None


def rule_doc(rule: Rule, lang: str) -> tuple[str, str]:
    """(title, documentation) of `rule`: Chinese where it exists and the run is in Chinese."""
    if lang == "en":
        return rule.name, rule.doc
    return rule.title_zh or rule.name, chinese_doc(rule.id) or rule.doc
