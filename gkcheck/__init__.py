"""gkcheck: a plugin-based checker for 政府信息公开工作年度报告 (disclosure annual reports).

The public API for rule and plugin authors:

    from gkcheck import rule, Param, fixture, skip, hookimpl
    from gkcheck import Report, StatTable, FindingCollector    # types for rule signatures
"""

from gkcheck.config import Config
from gkcheck.document import Document, Location
from gkcheck.errors import ExitCode, InputError, UsageError
from gkcheck.hookspec import hookimpl
from gkcheck.options import Parser
from gkcheck.packs.profile import Profile
from gkcheck.report import Report
from gkcheck.results import ReportResult, RuleResult
from gkcheck.rule import Finding, FindingCollector, Message, Param, fixture, rule, skip
from gkcheck.stat_tables import StatTable

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
    "RuleResult",
    "StatTable",
    "UsageError",
    "__version__",
    "fixture",
    "hookimpl",
    "rule",
    "skip",
]
