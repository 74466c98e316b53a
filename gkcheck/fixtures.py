"""Built-in fixtures: what every rule can ask for by name.

The runner provides `document`, `config`, `profile` and `finding` directly; the fixtures here
derive from them. Plugins add their own with `@fixture`.
"""

from __future__ import annotations

from gkcheck.report import Report
from gkcheck.rule import fixture, skip


@fixture
def report(parsed_report: Report) -> Report:
    """The interpreted report. Skips every rule that needs it when the file has no text layer."""
    if not parsed_report.document.has_text_layer:
        skip("无文本层（扫描件），无法检查", "no text layer (scanned document): cannot be checked")
    return parsed_report


@fixture
def lang(config) -> str:
    """The output language, "zh" or "en"."""
    return config.lang
