"""gkcheck: a plugin-based checker for 政府信息公开工作年度报告 (government information-disclosure annual reports).

The public API for rule and plugin authors:

    from gkcheck import rule, Param, fixture, skip, hookimpl
"""

from gkcheck.hookspec import hookimpl
from gkcheck.rule import Finding, Message, Param, fixture, rule, skip

__version__ = "0.1.0"

__all__ = ["Finding", "Message", "Param", "__version__", "fixture", "hookimpl", "rule", "skip"]
