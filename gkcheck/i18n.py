"""The language of the run, and the Chinese of the command line's help.

The language is the first of: `--lang`, the configuration file's `lang`, the system locale (English
for an English locale, Chinese for a Chinese one), and Chinese.

Options' help texts are written in English where they are declared (by the core and by each plugin
in its `gkcheck_addoption`); `HELP_ZH` gives the Chinese of the built-ins' texts, used by
`gkcheck.options.Parser` when it prints help in Chinese. A third-party plugin's help stays as it
wrote it.
"""

from __future__ import annotations

import locale
import os

from gkcheck.patterns import LazyPattern

LANGUAGES = ("zh", "en")

# argparse's own words in its help output.
ARGPARSE_ZH = (
    ("usage: ", "用法："),
    ("positional arguments:", "位置参数："),
    ("optional arguments:", "选项："),
    ("options:", "选项："),
    ("show this help message and exit", "显示本帮助并退出"),
    ("show program's version number and exit", "显示版本号并退出"),
)

HELP_ZH = {
    # gkcheck PATH...
    "Check government information-disclosure annual reports.": "检查政府信息公开工作年度报告。",
    "report files or folders": "要检查的报告文件或文件夹",
    "write the --format output to FILE": "把 --format 的输出写入 FILE",
    "only rules with these id prefixes (GK3 = all GK3xx)": (
        "只检查编号以这些前缀开头的规则（GK3 即全部 GK3xx）"
    ),
    "add rules to the selection": "在已选规则之外再加选规则",
    "skip rules with these id prefixes": "不检查编号以这些前缀开头的规则",
    "lowest severity that fails (default: error)": "判为未通过的最低级别（默认：error）",
    "check N files in parallel (default auto, or 0: one per CPU)": (
        "同时检查 N 个文件（默认 auto，即 0：每个 CPU 一个）"
    ),
    "give up on a document after SECONDS (default: 120)": "一个文件检查超过 SECONDS 秒即放弃（默认：120）",
    "less output": "减少输出（-qq 只留每份报告一行和汇总行）",
    "print the documentation of rule ID and exit": "显示规则 ID 的说明并退出",
    "print the documentation of rule ID": "显示规则 ID 的说明",
    "subcommands: gkcheck inspect FILE [--json]; gkcheck rules [--format json] [--explain ID]; "
    "gkcheck cache info|clean": (
        "子命令：gkcheck inspect FILE [--json]（查看读到的内容）；"
        "gkcheck rules [--format json] [--explain ID]（规则列表与说明）；"
        "gkcheck cache info|clean（文档缓存）"
    ),
    "PDF engine: auto (the default: pdfium, or pdfminer where a font is not embedded), "
    "pdfium (fast) or pdfminer (the reference)": (
        "PDF 读取引擎：auto（默认：用 pdfium；文件有未嵌入的字体时用 pdfminer）、"
        "pdfium（快）或 pdfminer（参照实现）"
    ),
    "read and check every file afresh": "不用缓存，每个文件都重新读取和检查",
    "other reports of the run: shows which is linked as FILE's last year's report, and why": (
        "同批的其他报告：显示哪一份被认作 FILE 的上年报告，以及理由"
    ),
    "also write the batch as an Excel workbook to FILE": (
        "另把本批检查结果写成 Excel 工作簿 FILE（汇总、问题、逐年对比）"
    ),
    "where files are checked (default: local)": "在哪里检查文件：local 本机（默认），dask 在 Dask 集群上",
    "the Dask scheduler, e.g. tcp://10.0.0.5:8786": "Dask 调度器地址，如 tcp://10.0.0.5:8786",
    "where the cache lives": "缓存所在的文件夹（默认：用户缓存文件夹）",
    # gkcheck cache
    "Show or empty the cache.": "查看或清空缓存（读取的文档和检查结果）。",
    "info: where and how big; clean: empty it": "info：缓存的位置和大小；clean：清空缓存",
    "the cache folder (default: the user cache folder)": "缓存文件夹（默认：用户缓存文件夹）",
    # every subcommand
    "language of messages (default: zh)": "输出语言：zh 中文，en 英文（默认：配置文件、系统语言，否则中文）",
    "rule pack: national, national-2019, shandong, or a .toml file": (
        "规则包：national、national-2019、shandong，或一个 .toml 文件"
    ),
    "load rule files: a .py file, or a folder of gkrules*.py / *_rules.py files": (
        "加载规则文件：一个 .py 文件，或含 gkrules*.py / *_rules.py 的文件夹"
    ),
    "configuration file (default: the nearest gkcheck.toml or pyproject.toml with [tool.gkcheck])": (
        "配置文件（默认：最近的 gkcheck.toml，或含 [tool.gkcheck] 的 pyproject.toml）"
    ),
    "load plugin module PLUGIN; -p no:NAME disables plugin NAME": (
        "加载插件模块 PLUGIN；-p no:NAME 禁用插件 NAME"
    ),
    "more detail (tracebacks, skip reasons)": "更详细的输出（各规则结果、跳过原因、调用栈）",
    # gkcheck rules, gkcheck inspect
    "List the rules of a profile.": "列出规则包中的规则。",
    "output format: text or json (default: text)": "输出格式：text 或 json（默认：text）",
    "Show what gkcheck understood of a report.": "显示 gkcheck 从一份报告中读到的内容。",
    "the report to inspect": "要查看的报告",
    "print JSON instead of text": "输出 JSON 而不是文本",
    # the built-in plugins' options
    "also write the HTML report to FILE": "同时把 HTML 报告写入 FILE（附页面截图，适合审阅）",
    "also write JSON to FILE": "同时把 JSON 写入 FILE",
    "also write JUnit XML to FILE": "同时把 JUnit XML 写入 FILE",
    "also write SARIF to FILE": "同时把 SARIF 写入 FILE",
    "also write GitLab Code Quality JSON to FILE": "同时把 GitLab 代码质量报告（JSON）写入 FILE",
    "address of a rule's documentation, {id} and {name} replaced (SARIF helpUri)": (
        "规则说明的网址，{id}、{name} 替换为规则编号、名称（SARIF 的 helpUri）"
    ),
    "count the findings of each rule": "列出各规则的问题数",
    "exit 0 even if reports fail (unreadable files and rule errors still exit 1)": (
        "报告未通过也返回 0（文件无法读取、规则出错仍返回 1）"
    ),
    "stop after the first report that does not pass": "第一份未通过的报告之后停止",
    "the same as --format": "同 --format",
    "body kind, when the title does not tell": (
        "发布机关类型（标题看不出时指定）：government 政府，department 部门"
    ),
    "accepted findings (default: gkcheck-waivers.toml next to the configuration file "
    "or in the current folder)": (
        "豁免文件：已接受的问题（默认：配置文件旁或当前文件夹中的 gkcheck-waivers.toml）"
    ),
    "files and folders not to check, .gitignore-style (replaces the default list)": (
        "不检查的文件和文件夹，写法同 .gitignore（替换默认列表）"
    ),
    "more files and folders not to check": "另外不检查的文件和文件夹",
    "leave out what .gitignore files ignore (default: yes)": "跳过 .gitignore 忽略的文件（默认：是）",
    "list the files that would be checked, and exit": "列出将要检查的文件并退出",
}

# Help texts made with values in them: (pattern, Chinese template).
HELP_PATTERNS_ZH = (
    (
        LazyPattern(r"output format: (?P<formats>.+) \(default: text\)"),
        "输出格式：{formats}（默认：text）",
    ),
)


def help_zh(text: str | None) -> str | None:
    """The Chinese of a built-in help text; None when there is none."""
    if text is None:
        return None
    if text in HELP_ZH:
        return HELP_ZH[text]
    for pattern, template in HELP_PATTERNS_ZH:
        found = pattern.fullmatch(text)
        if found:
            return template.format(**found.groupdict())
    return None


def argparse_help_zh(text: str) -> str:
    for english, chinese in ARGPARSE_ZH:
        text = text.replace(english, chinese)
    return text


def system_language() -> str | None:
    """The system locale's language, "en" or "zh"; None when it names neither (C, POSIX, French...)."""
    names = [os.environ.get(key, "") for key in ("LC_ALL", "LC_MESSAGES", "LANG")]
    if not any(names):
        try:
            names = [locale.getlocale()[0] or ""]
        except ValueError:
            names = []
    for name in names:
        lowered = name.lower()
        if lowered.startswith(("en", "english")):
            return "en"
        if lowered.startswith(("zh", "chinese")):
            return "zh"
        if lowered:
            return None
    return None


def default_language() -> str:
    """The language when neither `--lang` nor the configuration file says: the system's, or Chinese."""
    return system_language() or "zh"
