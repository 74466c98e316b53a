"""Worker processes for `--jobs N`: each builds its own plugin manager and checker once."""

from __future__ import annotations

import argparse

from gkcheck.commands import settings_of
from gkcheck.config import Config
from gkcheck.manager import make_plugin_manager
from gkcheck.results import ReportResult
from gkcheck.runner import Checker

_checker: Checker | None = None


def start_worker(options: argparse.Namespace, plugins: list[str]) -> None:
    """Build the worker's plugins and configuration as the main process built them."""
    global _checker
    manager = make_plugin_manager(plugins)
    config = Config(manager, options, settings=settings_of(manager))
    config.complete(getattr(options, "paths", None) or [])
    _checker = Checker(config)


def use_checker(checker: Checker) -> None:
    """Check with `checker`: the main process's, which a forked worker has a copy of."""
    global _checker
    _checker = checker


def check_in_worker(path: str) -> ReportResult:
    assert _checker is not None, "start_worker() runs first in every worker"
    result, _report = _checker.check(path)
    return result
