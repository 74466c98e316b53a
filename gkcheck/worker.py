"""Worker processes for `--jobs N`: each builds its own plugin manager and checker once."""

from __future__ import annotations

import argparse

from gkcheck.results import ReportResult

_checker = None


def start_worker(options: argparse.Namespace, plugins: list[str]) -> None:
    global _checker
    from gkcheck.config import Config
    from gkcheck.manager import make_plugin_manager
    from gkcheck.session import Checker

    config = Config(make_plugin_manager(plugins), options)
    config.complete(getattr(options, "paths", None) or [])
    _checker = Checker(config)


def check_in_worker(path: str) -> ReportResult:
    result, _report = _checker.check(path)
    return result
