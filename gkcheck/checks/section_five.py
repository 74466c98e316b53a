"""GK503: section 五 names problems and what was done about them, in this year's words."""

from __future__ import annotations

from typing import Any

from gkcheck.checks.reuse import compare_sentences
from gkcheck.patterns import LazyPattern
from gkcheck.report import ReportSummary
from gkcheck.rule import FindingCollector, Param, fixture, rule, skip
from gkcheck.run_index import RunIndex

PROBLEM = LazyPattern(
    r"问题|不足|短板|差距|薄弱|有待|不够|不高|不强|欠缺|滞后|不到位|不平衡|不够及时|尚未|仍需|还需"
)
MEASURE = LazyPattern(
    r"改进|整改|措施|加强|提升|完善|强化|优化|推进|推动|健全|规范|下一步|将进一步|持续|加大"
)
PLACEHOLDER = LazyPattern(r"[X×xＸ]{2,}|（略）|\(略\)|^无$|^暂无$|待补充|待填写")


@fixture(scope="run")
def last_year_if_any(report: ReportSummary, run: RunIndex) -> ReportSummary | None:
    """The same body's report for the previous year when it is in the run, else None."""
    return run.previous_of(report)


@rule(
    "GK503",
    severity="warning",
    title="第五部分有实质内容",
    params={
        "max_copied": Param(
            "int",
            default=80,
            zh="第五部分与上年第五部分重复的比例上限（%）",
            en="the most of section 五 (%) that may repeat last year's section 五",
        )
    },
)
def section_five_substance(
    report: ReportSummary,
    last_year_if_any: ReportSummary | None,
    params: dict[str, Any],
    finding: FindingCollector,
) -> None:
    """Section 五 names at least one problem and one improvement, and is not last year's again.

    **What it does**
    Reads the prose of section 五 (存在的主要问题及改进情况). It is flagged when it is empty or a
    placeholder ("无", "暂无", "XX", "（略）"), when it names no problem (问题, 不足, 短板, 差距, 有待 …)
    or no measure taken or planned (改进, 整改, 加强, 完善, 下一步 …), and, when the same body's
    report for the previous year is in the run, when more than `max_copied` % (default 80) of it
    repeats last year's section 五 (sentences matched as for GK406). Skipped when the report has
    no section 五 (GK101 reports that).

    **Why is this bad?**
    Section 五 is where a body says what went wrong and what it does about it. A section with
    nothing in it, with only praise, or with last year's problems word for word, reports nothing;
    assessment schemes score it.

    **Example**
    Fails: "五、存在的主要问题及改进情况 无。"
    Passes: "主动公开的及时性还有不足。下一步，我们将完善发布审核机制。"
    """
    heading = report.headings.get("五")
    if heading is None:
        skip("没有第五部分（由GK101报告）", "there is no section 五 (see GK101)")
    sentences = [item for item in report.sentences if item.section == "五"]
    text = "".join(item.text for item in sentences)
    if not sentences or PLACEHOLDER.search(text):
        finding(
            "第五部分为空或只有占位文字，未说明存在的问题及改进情况",
            "section 五 is empty or a placeholder: it names no problem and no improvement",
            where=heading,
        )
        return
    lacking = [(zh, en) for pattern, zh, en in _PARTS if not pattern.search(text)]
    for zh, en in lacking:
        finding(f"第五部分未{zh}", f"section 五 names no {en}", where=heading)
    if last_year_if_any is not None:
        _copied(sentences, last_year_if_any, params["max_copied"], heading, finding)


_PARTS = (
    (PROBLEM, "指出存在的问题（如“不足”“差距”“有待”）", "problem (不足, 差距, 有待 …)"),
    (MEASURE, "说明改进措施（如“改进”“加强”“下一步”）", "improvement measure (改进, 加强, 下一步 …)"),
)


def _copied(sentences, previous, max_copied, heading, finding) -> None:
    reuse = compare_sentences(tuple(sentences), previous.sentences, 90, section="五")
    if not reuse.previous:
        return
    share = round(reuse.share * 100)
    if share > max_copied:
        finding(
            f"第五部分{share}%与{previous.year}年报告的第五部分重复（上限{max_copied}%）",
            f"{share} % of section 五 repeats section 五 of the {previous.year} report "
            f"(at most {max_copied} %)",
            where=heading,
            expected=max_copied,
            actual=share,
        )
