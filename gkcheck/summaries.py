"""The summaries that the cross-report rules need, kept on disk so the main process stays small.

A summary (a report's tables and facts) is a few hundred KB in memory; a run of 50,000 reports
kept them all for the rules that compare one report with another. Each summary is written to
an anonymous temporary file as it arrives, and only its path, issuer and year stay in memory;
its other attributes are read back when a rule asks for them (the last few are kept at hand).
"""

from __future__ import annotations

import contextlib
import pickle
import tempfile
from collections import OrderedDict
from typing import Any

KEPT = 4  # summaries kept in memory at once: a report and the one of the year before, with room


class SummaryStore:
    """An append-only file of pickled summaries."""

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile(prefix="gkcheck-summaries-", buffering=0)
        self.cache: OrderedDict[int, Any] = OrderedDict()

    def add(self, summary: Any) -> Any:
        """A stand-in for `summary` that reads it back from disk; `summary` itself if the disk is full."""
        data = pickle.dumps(summary, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            self.file.seek(0, 2)
            offset = self.file.tell()
            if self.file.write(data) != len(data):
                return summary
        except OSError:
            return summary
        return StoredSummary(self, offset, len(data), summary.path, summary.issuer, summary.year)

    def load(self, offset: int, length: int) -> Any:
        if offset in self.cache:
            self.cache.move_to_end(offset)
            return self.cache[offset]
        self.file.seek(offset)
        summary = pickle.loads(self.file.read(length))
        self.cache[offset] = summary
        if len(self.cache) > KEPT:
            self.cache.popitem(last=False)
        return summary

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.file.close()


class StoredSummary:
    """A summary on disk: `path`, `issuer` and `year` at hand, every other attribute read on demand."""

    def __init__(self, store: SummaryStore, offset: int, length: int, path: str, issuer: Any, year: Any):
        self._where = (store, offset, length)
        self.path, self.issuer, self.year = path, issuer, year

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "_where":
            raise AttributeError(name)
        store, offset, length = self._where
        return getattr(store.load(offset, length), name)
