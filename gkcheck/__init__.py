"""gkcheck: a plugin-based checker for 政府信息公开工作年度报告 (disclosure annual reports).

The public API for rule and plugin authors:

    from gkcheck import rule, Param, fixture, skip, hookimpl
    from gkcheck import Report, StatTable, FindingCollector    # types for rule signatures
    from gkcheck import ReportSummary, RunIndex                # for rules comparing reports
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gkcheck.config import Config
    from gkcheck.document import Document, Location
    from gkcheck.errors import ExitCode, InputError, UsageError
    from gkcheck.hookspec import hookimpl
    from gkcheck.options import Parser
    from gkcheck.packs.profile import Profile
    from gkcheck.report import Report, ReportSummary
    from gkcheck.results import ReportResult, RuleResult
    from gkcheck.rule import Finding, FindingCollector, Message, Param, fixture, rule, skip
    from gkcheck.run_index import RunIndex
    from gkcheck.stat_tables import StatTable

# Where each public name lives. They are imported on first use, so that `gkcheck --version` and
# the command line's start do not pay for the whole engine.
_EXPORTS = {
    "Config": "gkcheck.config",
    "Document": "gkcheck.document",
    "Location": "gkcheck.document",
    "ExitCode": "gkcheck.errors",
    "InputError": "gkcheck.errors",
    "UsageError": "gkcheck.errors",
    "hookimpl": "gkcheck.hookspec",
    "Parser": "gkcheck.options",
    "Profile": "gkcheck.packs.profile",
    "Report": "gkcheck.report",
    "ReportSummary": "gkcheck.report",
    "ReportResult": "gkcheck.results",
    "RuleResult": "gkcheck.results",
    "Finding": "gkcheck.rule",
    "FindingCollector": "gkcheck.rule",
    "Message": "gkcheck.rule",
    "Param": "gkcheck.rule",
    "fixture": "gkcheck.rule",
    "skip": "gkcheck.rule",
    "RunIndex": "gkcheck.run_index",
    "StatTable": "gkcheck.stat_tables",
}

# `rule` is imported now: it is also the name of its module, which importing `gkcheck.rule`
# binds on this package, so a lazy `rule` would be shadowed by the module.
from gkcheck.rule import rule  # noqa: E402


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'gkcheck' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


__version__ = "0.1.0"

__all__ = [
    "Config",
    "Document",
    "ExitCode",
    "Finding",
    "FindingCollector",
    "InputError",
    "Location",
    "Message",
    "Param",
    "Parser",
    "Profile",
    "Report",
    "ReportResult",
    "ReportSummary",
    "RuleResult",
    "RunIndex",
    "StatTable",
    "UsageError",
    "__version__",
    "fixture",
    "hookimpl",
    "rule",
    "skip",
]
