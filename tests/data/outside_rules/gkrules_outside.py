"""Rules written outside gkcheck, against its documented API only (docs/en/plugins.md).

Loaded with `gkcheck --rules tests/data/outside_rules/` (files named gkrules*.py or *_rules.py).
"""

from gkcheck import fixture, rule


@fixture
def section_six(report):
    """The text of section 六 (其他需要报告的事项), or an empty text when it is absent."""
    six = report.sections.get("六")
    return six.text if six is not None else ""


@rule("OUT101", severity="warning", title="第六部分信息处理费")
def fee_in_section_six(section_six):
    """Section 六 mentions 信息处理费.

    **What it does**
    Looks for the word 信息处理费 in section 六.

    **Why is this bad?**
    Our office asks every body to report on fees in section 六, not elsewhere.

    **Example**
    Fails: section 六 reads "无". Passes: "本年度未收取信息处理费。"
    """
    assert "信息处理费" in section_six, "第六部分未提到信息处理费"


@rule("OUT102", severity="error", title="报告名称")
def report_names_itself(report):
    """The text names the report: 政府信息公开工作年度报告.

    **What it does**
    Looks for 政府信息公开工作年度报告 in the whole text.

    **Why is this bad?**
    A file without the name is not an annual report.

    **Example**
    Fails: a file titled "工作总结". Passes: "2023年政府信息公开工作年度报告".
    """
    assert "政府信息公开工作年度报告" in report.text
    assert report.sections["六"].text.strip(), "第六部分为空"
