"""The summaries that the cross-report rules need, kept on disk so the main process stays small.

A summary (a report's tables and facts) is a few hundred KB in memory; a run of 50,000 reports
kept them all for the rules that compare one report with another. Each summary is written to
an anonymous temporary file as it arrives, and only its path, issuer and year stay in memory;
its other attributes are read back when a rule asks for them (the last few are kept at hand).

A summary is pickled once, where it is made: its pickled form keeps the pickled parts, so the same
summary sent from a worker, kept in the cache and written here is not pickled again, and its tables
(most of its size) are unpickled only when a rule reads them.
"""

from __future__ import annotations

import contextlib
import dataclasses
import pickle
import tempfile
from collections import OrderedDict
from typing import Any

# The attributes at hand in a summary's pickled form, and those read only when asked for.
AT_HAND = ("path", "issuer", "year")
ON_DEMAND = ("tables",)

KEPT = 4  # summaries kept in memory at once: a report and the one of the year before, with room


def packed(summary: Any) -> tuple:
    """`summary.__reduce__()`: its facts at hand, the rest as pickled parts made once and kept."""
    parts = summary.__dict__.get("_packed")
    if parts is None:
        names = [item.name for item in dataclasses.fields(summary) if item.name not in AT_HAND]
        parts = {
            "light": _pickled({name: getattr(summary, name) for name in names if name not in ON_DEMAND}),
            "heavy": _pickled({name: getattr(summary, name) for name in ON_DEMAND}),
        }
        object.__setattr__(summary, "_packed", parts)
    return unpacked, (type(summary), *(getattr(summary, name) for name in AT_HAND), parts)


def unpacked(kind: type, path: str, issuer: Any, year: Any, parts: dict[str, bytes]) -> Any:
    """A summary from its pickled form; its on-demand parts stay pickled until read."""
    summary: Any = object.__new__(kind)
    values = {"path": path, "issuer": issuer, "year": year, **pickle.loads(parts["light"])}
    summary.__dict__.update(values, _packed=parts)
    return summary


def read_packed_part(summary: Any, name: str) -> Any:
    """An on-demand attribute of an unpickled summary, unpickled now (`__getattr__`)."""
    parts = summary.__dict__.get("_packed")
    if name not in ON_DEMAND or parts is None:
        raise AttributeError(name)
    summary.__dict__.update(pickle.loads(parts["heavy"]))
    return summary.__dict__[name]


def renamed(summary: Any, path: str) -> Any:
    """`summary` as the report at `path` (the same bytes under another name), its parts still pickled."""
    parts = summary.__dict__.get("_packed")
    if parts is None:
        return dataclasses.replace(summary, path=path)
    return unpacked(type(summary), path, summary.issuer, summary.year, parts)


def _pickled(value: Any) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


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
