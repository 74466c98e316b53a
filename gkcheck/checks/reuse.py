"""GK406: how much of this year's report repeats last year's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gkcheck.document import Location
from gkcheck.report import ReportSummary
from gkcheck.rule import FindingCollector, Param, rule, skip
from gkcheck.sentences import Sentence
from gkcheck.stat_tables import TABLE_KEYS

# Passages listed in a finding: the longest runs of repeated sentences.
MAX_PASSAGES = 4
QUOTE = 40
# The shortest run of characters that counts as a phrase kept from last year's text.
PHRASE = 6


@dataclass(frozen=True)
class Reuse:
    """Which of this year's sentences repeat one of last year's (`matches[i]`: index or None)."""

    sentences: tuple[Sentence, ...]
    previous: tuple[Sentence, ...]
    matches: tuple[int | None, ...]

    @property
    def share(self) -> float:
        """Repeated characters (of the sentences' keys) over all characters of this year's prose."""
        total = sum(len(item.key) for item in self.sentences)
        repeated = sum(
            len(item.key) for item, match in zip(self.sentences, self.matches) if match is not None
        )
        return repeated / total if total else 0.0

    def passages(self) -> list[list[int]]:
        """Runs of consecutive repeated sentences (indices into `sentences`), longest first."""
        runs: list[list[int]] = []
        for index, match in enumerate(self.matches):
            if match is None:
                continue
            last = runs[-1][-1] if runs else None
            if last == index - 1 and self.sentences[index].section == self.sentences[index - 1].section:
                runs[-1].append(index)
            else:
                runs.append([index])
        return sorted(runs, key=lambda run: -sum(len(self.sentences[i].key) for i in run))


def compare_sentences(
    sentences: tuple[Sentence, ...],
    previous: tuple[Sentence, ...],
    similarity: int,
    section: str | None = None,
) -> Reuse:
    """Match each sentence (of `section`, or all) to last year's most similar one, if ≥ `similarity` %."""
    mine = tuple(item for item in sentences if section is None or item.section == section)
    theirs = tuple(item for item in previous if section is None or item.section == section)
    from rapidfuzz import fuzz, process  # imported by the one rule that needs it, not at start-up

    keys = [item.key for item in theirs]
    matches: list[int | None] = []
    for item in mine:
        found = (
            process.extractOne(item.key, keys, scorer=fuzz.ratio, score_cutoff=similarity) if keys else None
        )
        matches.append(found[2] if found else None)
    return Reuse(mine, theirs, tuple(matches))


def phrase_share(sentences: tuple[Sentence, ...], previous: tuple[Sentence, ...]) -> float:
    """The share of this year's prose kept in phrases of last year's, however the sentences changed.

    Counted on the sentence keys: a character is kept when it stands in a run of `PHRASE` or more
    characters that last year's prose also has.
    """
    theirs = "\0".join(item.key for item in previous)
    known = {theirs[i : i + PHRASE] for i in range(len(theirs) - PHRASE + 1)}
    total = kept = 0
    for item in sentences:
        key = item.key
        covered = [False] * len(key)
        for i in range(len(key) - PHRASE + 1):
            if key[i : i + PHRASE] in known:
                covered[i : i + PHRASE] = [True] * PHRASE
        total += len(key)
        kept += sum(covered)
    return kept / total if total else 0.0


def table_reuse(tables: dict[str, Any], previous: dict[str, Any]) -> tuple[int, int]:
    """Cells of tables 二/三/四 read in both years, and how many print last year's value."""
    same = compared = 0
    for key in TABLE_KEYS:
        mine, theirs = tables.get(key), previous.get(key)
        if mine is None or theirs is None:
            continue
        for row, cells in getattr(mine, "cells", {}).items():
            for column, cell in cells.items():
                before = theirs.value(row, column)
                if cell.value is None or before is None:
                    continue
                compared += 1
                same += cell.value == before
    return compared, same


@rule(
    "GK406",
    severity="warning",
    title="与上年报告重复",
    params={
        "max_share": Param(
            "int",
            default=50,
            zh="正文与上年重复的比例上限（%）",
            en="the most of the text (%) that may repeat last year's",
        ),
        "max_table_share": Param(
            "int",
            default=100,
            zh="表二、三、四数值与上年相同的比例上限（%，默认100即不检查）",
            en="the most of the table values (%) that may equal last year's (default 100: not checked)",
        ),
        "measure": Param(
            "string",
            default="sentences",
            choices=("sentences", "phrases"),
            zh="max_share 所限的比例：sentences 为重复的句子，phrases 为见于上年的连续6字以上的文字",
            en="what max_share limits: repeated sentences, or text in runs of 6+ characters last year's has",
        ),
        "similarity": Param(
            "int",
            default=90,
            zh="两句视为重复的相似度（%，rapidfuzz 比值，数字不计）",
            en="how similar (%, rapidfuzz ratio, numbers aside) two sentences must be to count as repeated",
        ),
    },
)
def copied_from_last_year(
    report: ReportSummary,
    previous_report: ReportSummary,
    params: dict[str, Any],
    finding: FindingCollector,
) -> None:
    """No more than `max_share` % of the text repeats the same body's report of last year.

    **What it does**
    When the same body's report for the previous year is checked in the same run (bodies matched
    as for GK403), cuts the prose of both reports into sentences (numbers count as one sign, so a
    sentence whose only change is the year or a count is a repeat), and matches each of this
    year's sentences to last year's most similar one (rapidfuzz ratio ≥ `similarity`, default 90).
    The share is the repeated sentences' length over the length of all this year's prose. With
    `measure = "phrases"` the share is instead that of this year's prose standing in a run of 6 or
    more characters that last year's prose also has: phrases kept in rewritten sentences count
    too. When the share exceeds `max_share` (default 50 %), the finding gives both shares, the
    share of table 二/三/四 values that are the same as last year's, and the longest repeated
    passages with their pages in both reports. A pack may also limit the share of table values
    that equal last year's (`max_table_share`; by default 100 %, not checked: many cells are 0 in
    both years). Skipped when there is no such report in the run or either has no prose.

    **Why is this bad?**
    The annual report is to account for the year's work. A report that mostly repeats last
    year's says little about this year; assessment schemes deduct points for it (one city's
    indicators when more than half repeats).

    **Example**
    Fails: 80 % of the 2024 report's sentences are last year's with the year changed.
    Passes: the 2024 report keeps last year's structure and a fifth of its sentences.
    """
    if not report.sentences or not previous_report.sentences:
        skip("两份报告之一没有可比较的正文", "one of the two reports has no prose to compare")
    reuse = compare_sentences(report.sentences, previous_report.sentences, params["similarity"])
    phrases = phrase_share(report.sentences, previous_report.sentences)
    compared, same = table_reuse(report.tables, previous_report.tables)
    if compared and round(same * 100 / compared) > params["max_table_share"]:
        _tables_repeat(round(same * 100 / compared), previous_report.year, params, finding)
    share = phrases if params["measure"] == "phrases" else reuse.share
    if round(share * 100) > params["max_share"]:
        _text_repeats(reuse, phrases, (compared, same), previous_report.year, params, finding)


def _tables_repeat(share: int, year, params, finding) -> None:
    limit = params["max_table_share"]
    finding(
        f"表二、三、四数值{share}%与{year}年报告相同（上限{limit}%）",
        f"{share} % of the table 二/三/四 values equal the {year} report's (at most {limit} %)",
        expected=limit,
        actual=share,
    )


def _text_repeats(reuse: Reuse, phrases: float, tables: tuple[int, int], year, params, finding) -> None:
    """The text's shares and its longest repeated passages, with their places in both reports."""
    sentences, kept = round(reuse.share * 100), round(phrases * 100)
    share = kept if params["measure"] == "phrases" else sentences
    compared, same = tables
    tables_zh = f"，表格数值{round(same * 100 / compared)}%与上年相同" if compared else ""
    tables_en = f"; {round(same * 100 / compared)} % of table values equal last year's" if compared else ""
    passages = reuse.passages()
    first = reuse.sentences[passages[0][0]] if passages else None
    limit = params["max_share"]
    if params["measure"] == "phrases":
        text_zh = (
            f"正文{kept}%的文字见于{year}年报告（连续{PHRASE}字以上，上限{limit}%），{sentences}%的句子重复"
        )
        text_en = (
            f"{kept} % of the text stands in phrases of the {year} report ({PHRASE}+ characters, at most"
            f" {limit} %), {sentences} % of its sentences repeat"
        )
    else:
        text_zh = (
            f"正文{sentences}%与{year}年报告重复（上限{limit}%），{kept}%的文字见于上年（连续{PHRASE}字以上）"
        )
        text_en = (
            f"{sentences} % of the text repeats the {year} report (at most {limit} %), {kept} % stands in"
            f" its phrases ({PHRASE}+ characters)"
        )
    finding(
        text_zh + tables_zh,
        text_en + tables_en,
        where=_where(first) if first else None,
        expected=limit,
        actual=share,
    )
    for run in passages[:MAX_PASSAGES]:
        mine = reuse.sentences[run[0]]
        theirs = reuse.previous[reuse.matches[run[0]] or 0]
        quote = "".join(reuse.sentences[i].text for i in run)
        quote = quote if len(quote) <= QUOTE else quote[:QUOTE] + "…"
        finding(
            f"重复段落（{len(run)}句，上年{theirs.place}）：“{quote}”",
            f"repeated passage ({len(run)} sentence{'s' if len(run) > 1 else ''}, {theirs.place_en} of the"
            f" {year} report): “{quote}”",
            where=_where(mine),
        )


def _where(sentence: Sentence) -> Location:
    return Location(
        page=sentence.page, line=None if sentence.page else sentence.line, section=sentence.section
    )
