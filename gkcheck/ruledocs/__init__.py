"""Each rule's title, summary and documentation in the language of the run.

The documentation of a rule is its docstring, in English. The Chinese documentation of the
built-in rules lives beside this module, one Markdown file per rule (`zh/GK303.md`), so that the
rules' modules need not change when a translation does; a rule without one (a third-party plugin's)
is shown with its docstring. The first line of a documentation is its summary.
"""

from __future__ import annotations

from gkcheck.rule import Rule


def chinese_doc(rule_id: str) -> str | None:
    """The Chinese documentation of rule `rule_id`, if it has been written."""
    from importlib import resources

    item = resources.files("gkcheck.ruledocs").joinpath("zh").joinpath(f"{rule_id}.md")
    return item.read_text(encoding="utf-8").strip() if item.is_file() else None


def rule_doc(rule: Rule, lang: str) -> tuple[str, str]:
    """(title, documentation) of `rule`: in Chinese unless `lang` is "en" (or none is written)."""
    if lang == "en":
        return rule.name, rule.doc
    chinese = chinese_doc(rule.id)
    if chinese is None:
        return rule.title_zh or rule.name, rule.doc
    return rule.title_zh or rule.name, "\n\n".join([chinese, *_params_zh(rule)])


def summary(rule: Rule, lang: str) -> str:
    """The first line of the rule's documentation in `lang`."""
    doc = rule_doc(rule, lang)[1]
    return doc.splitlines()[0] if doc else ""


def _params_zh(rule: Rule) -> list[str]:
    if not rule.params:
        return []
    lines = [f"**参数**（在规则包的 `[rules.{rule.id}]` 中设置）"]
    for key, param in rule.params.items():
        allowed = f"；可选：{'、'.join(param.choices)}" if param.choices else ""
        lines.append(
            f"- `{key}`（{param.type_names[0]}，默认 `{param.toml(param.default)}`{allowed}）：{param.zh}"
        )
    return ["\n".join(lines)]
