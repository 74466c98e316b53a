"""The cache: a file read and checked once is not read or checked again while it is unchanged.

Two kinds of entry, both found by the SHA-256 of the file's bytes together with gkcheck's version,
its own source, the plugins taking part (name, version, source) and the settings of the run that
are not file paths, so a new loader, engine or option never meets an old entry:

- documents: each loaded `Document` (what the loaders read, before any rule ran), so a file is
  read once even when the rules, packs or profiles change;
- results: each file's result, before waivers and before the rules comparing reports (those run
  on the kept summary in every run). Its key adds the file's path, the rule selection and every
  profile the run may use, as resolved. Only a result without a fault is kept: a timeout or a
  crash is tried again.

The SHA-256 of a file's bytes is itself kept (`hashes`), under the file's path, size, times and
inode, so an unchanged file is not read again to find its entries: on a corpus of many thousand
reports that reading is most of a cached re-run. Any change to the file changes its change time,
so the kept hash is not used; a file changed in the last seconds has no hash kept, since a coarse
file-system clock could show its next change at the same times.

Entries live in the user's cache folder (`platformdirs`), or in `cache-dir` (a project's
`.gkcheck_cache`, say, as ruff keeps `.ruff_cache`). Each is written to a temporary file and
renamed into place, so runs sharing the cache never see half an entry; an entry that cannot be
read is ignored and written again. The folder holds a `.gitignore` of everything and a
`CACHEDIR.TAG`, so that neither git nor backup tools take it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import inspect
import json
import os
import pickle
import shutil
import tempfile
import time
from collections.abc import Generator, Iterator
from pathlib import Path

from gkcheck.document import Document
from gkcheck.errors import UsageError
from gkcheck.hookspec import hookimpl
from gkcheck.patterns import LazyPattern
from gkcheck.results import ERROR, ReportResult
from gkcheck.summaries import renamed

CACHE_FORMAT = "4"  # bump when `Document` or `ReportResult` changes shape, or how keys are made
KINDS = ("documents", "results")
FOLDERS = (*KINDS, "hashes")  # the folders of entries, the kept hashes' too
READ_CHUNK = 1 << 20
# An entry's file name (a SHA-256 key), or a temporary file on its way to being one.
ENTRY_NAME = LazyPattern(r"[0-9a-f]{64}\.pickle|[^/]+\.tmp")
# A file changed less than this long ago has no hash kept (file-system clocks may count seconds).
SETTLED_SECONDS = 2.0
# What marks the folder as a cache: for git, and for backup tools (https://bford.info/cachedir/).
FOLDER_MARKS = {
    ".gitignore": "# Created by gkcheck: a cache, not to be committed.\n*\n",
    "CACHEDIR.TAG": "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by gkcheck.\n",
}
# Settings of how results are shown or scheduled (where: `jobs`, `executor`, `scheduler`), which
# never change what a loader reads, or (the second set) what the rules find.
SCHEDULING_SETTINGS = frozenset({"cache", "lang", "fail-on", "jobs", "timeout", "executor", "scheduler"})
NOT_READING_SETTINGS = SCHEDULING_SETTINGS | {"select", "ignore"}
NOT_CHECKING_SETTINGS = SCHEDULING_SETTINGS | {"exit-zero", "exitfirst"}


@hookimpl
def gkcheck_addoption(parser) -> None:
    afresh = "read and check every file afresh"
    parser.add_reading_argument("--no-cache", dest="cache", action="store_false", default=None, help=afresh)
    parser.add_reading_argument("--cache-dir", metavar="DIR", help="where the cache lives")
    kept = "keep what was read and found of each file"
    parser.add_setting("cache", kind="boolean", default=True, help=kept)
    parser.add_setting("cache-dir", kind="path", help="where the cache lives")


@hookimpl(tryfirst=True, specname="gkcheck_load_document")
def load_cached(path: str, head: bytes, config) -> Document | None:
    """The file's cached document, when there is one."""
    cache = cache_for(config)
    document = None if cache is None else cache.get(cache.key(path))
    if document is not None and document.path != path:  # the same bytes under another name
        document = dataclasses.replace(document, path=path)
    return document


@hookimpl(wrapper=True, tryfirst=True, specname="gkcheck_load_document")
def store_loaded(path: str, head: bytes, config) -> Generator[None, Document | None, Document | None]:
    """Keep what the loaders read, for the next run.

    The outermost wrapper, so that what it keeps is what every other wrapper made of the document
    (a scan read again by OCR, say).
    """
    document = yield
    cache = cache_for(config)
    if cache is not None and document is not None:
        cache.put(cache.key(path), document)
    return document


@hookimpl
def gkcheck_cached_result(path: str, config) -> ReportResult | None:
    cache = cache_for(config)
    if cache is None:
        return None
    try:
        key = cache.result_key(path, config)
    except OSError:  # missing or unreadable: the check says so, in its own words
        return None
    result = cache.results.get(key)
    if result is not None:  # the same file, perhaps named otherwise ("a.pdf", "./a.pdf")
        result.path = path
        if result.summary is not None:
            result.summary = renamed(result.summary, path)
    return result


@hookimpl
def gkcheck_file_checked(path: str, result: ReportResult, config) -> None:
    """Keep the result of the file at `path` when it was checked without a fault.

    Also for a result checked elsewhere (on a Dask worker, from a copy of the file's bytes): it is
    kept under the file's own path, where the next run looks for it.
    """
    cache = cache_for(config)
    faultless = result.error is None and all(item.outcome != ERROR for item in result.results)
    if cache is not None and faultless:
        cache.results.put(cache.result_key(path, config), result)


def cache_for(config) -> Cache | None:
    if config is None or not config.get("cache"):  # loaders may be called without a run
        return None
    folder = config.get("cache-dir") or default_cache_dir()
    found = config.stash.get("cache")
    if found is None or found.folder != Path(folder):
        found = config.stash["cache"] = Cache(Path(folder), run_fingerprint(config))
    return found


def default_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("gkcheck", appauthor=False))


def run_fingerprint(config) -> str:
    """What besides a file's bytes decides what the loaders read of it."""
    from gkcheck import __version__

    manager = config.pluginmanager
    versions = {id(plugin): dist.version for plugin, dist in manager.list_plugin_distinfo()}
    plugins = sorted(
        f"{name}={versions.get(id(plugin), '')}@{_source_stamp(plugin)}"
        for name, plugin in manager.list_name_plugin()
    )
    settings = sorted(
        f"{name}={config.get(name)!r}"
        for name, setting in config.settings.items()
        if setting.kind not in ("path", "paths") and name not in NOT_READING_SETTINGS
    )
    parts = [CACHE_FORMAT, __version__, _package_stamp(), *plugins, *settings]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def results_fingerprint(config) -> str:
    """What besides the document decides a file's results: selection, settings, the profiles."""
    settings = sorted(
        f"{name}={config.get(name)!r}"
        for name, setting in config.settings.items()
        if setting.kind not in ("path", "paths") and name not in NOT_CHECKING_SETTINGS
    )
    profiles = [
        json.dumps([profile.name, profile.sources, profile.data], sort_keys=True, default=str)
        for profile in config.profiles_in_use()
    ]
    return hashlib.sha256("\n".join([*settings, *profiles]).encode()).hexdigest()


def _package_stamp() -> str:
    """The size and time of every source file of gkcheck itself: an edited checkout is a new version."""
    root = Path(__file__).parent
    stamps = []
    for source in sorted(root.rglob("*.py")):
        stat = source.stat()
        stamps.append(f"{source.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(stamps).encode()).hexdigest()


def _source_stamp(plugin) -> str:
    """The size and time of the plugin's source file, part of the cache key.

    An edited loader under development (same version, new code) must not meet the readings of its
    former self.
    """
    try:
        stat = os.stat(inspect.getfile(plugin if inspect.ismodule(plugin) else type(plugin)))
    except (OSError, TypeError):
        return ""
    return f"{stat.st_size}:{stat.st_mtime_ns}"


class Cache:
    """Loaded documents and results on disk, by the hash of the file and of the run's fingerprint."""

    def __init__(self, folder: Path, fingerprint: str):
        self.folder = folder
        self.fingerprint = fingerprint
        self.documents = Store(folder / "documents", Document)
        self.results = Store(folder / "results", ReportResult)
        self.hashes = Store(folder / "hashes", str)
        self._keys: dict[tuple[str, int, int, int, int], str] = {}
        self._results_prints: dict[int, tuple[object, str]] = {}

    @property
    def hits(self) -> int:
        return self.documents.hits

    def key(self, path: str) -> str:
        """The key of the file's entries: its bytes' hash with the run's fingerprint."""
        stat = os.stat(path)
        identity = (os.path.abspath(path), stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
        if identity not in self._keys:
            content = self._content_hash(path, identity, stat.st_mtime)
            self._keys[identity] = hashlib.sha256(f"{self.fingerprint}\n{content}".encode()).hexdigest()
        return self._keys[identity]

    def _content_hash(self, path: str, identity: tuple, modified: float) -> str:
        """The SHA-256 of the file's bytes: kept from an earlier run while the file is unchanged."""
        where = hashlib.sha256(repr(identity).encode()).hexdigest()
        kept = self.hashes.get(where)
        if kept is not None:
            return kept
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            while chunk := handle.read(READ_CHUNK):
                digest.update(chunk)
        content = digest.hexdigest()
        if time.time() - modified > SETTLED_SECONDS:
            self.hashes.put(where, content)
        return content

    def result_key(self, path: str, config) -> str:
        if id(config) not in self._results_prints:  # once per configuration, kept alive with its id
            self._results_prints[id(config)] = (config, results_fingerprint(config))
        parts = (self.key(path), os.path.abspath(path), self._results_prints[id(config)][1])
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def get(self, key: str) -> Document | None:
        return self.documents.get(key)

    def put(self, key: str, document: Document) -> None:
        self.documents.put(key, document)


def mark_folder(folder: Path) -> None:
    """Put the cache folder's marks (`FOLDER_MARKS`) in it, where they are missing."""
    for name, text in FOLDER_MARKS.items():
        mark = folder / name
        if not mark.exists():
            try:
                mark.write_text(text, encoding="utf-8")
            except OSError:  # a read-only cache still serves
                return


class Store:
    """Pickled objects of one type in a subfolder of the cache, by key.

    The cache folder is marked as one (`mark_folder`) when the store writes its first entry.
    """

    def __init__(self, folder: Path, kind: type):
        self.folder = folder
        self.kind = kind
        self.hits = 0
        self._marked = False

    def entry(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str):
        entry = self.entry(key)
        try:
            with entry.open("rb") as handle:
                value = pickle.load(handle)
        except FileNotFoundError:
            return None
        except Exception:  # a damaged or foreign entry: read the file afresh and write it again
            entry.unlink(missing_ok=True)
            return None
        if not isinstance(value, self.kind):
            entry.unlink(missing_ok=True)
            return None
        self.hits += 1
        return value

    def put(self, key: str, value) -> None:
        """Write the entry, unless it is there; a full or read-only cache never fails the check."""
        entry = self.entry(key)
        if entry.exists():
            return
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        except OSError:
            return
        if not self._marked:
            mark_folder(self.folder.parent)
            self._marked = True
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, entry)
        except OSError:
            Path(temporary).unlink(missing_ok=True)


def cache_info(folder: Path) -> dict[str, tuple[int, int]]:
    """Of each kind of entry (the kept hashes too): how many the cache holds, and their size in bytes."""
    found = {}
    for kind in FOLDERS:
        entries = list((folder / kind).glob("*/*.pickle"))
        found[kind] = (len(entries), sum(entry.stat().st_size for entry in entries))
    return found


def clean_cache(folder: Path) -> int:
    """Remove every entry and kept hash; the number of entries (documents and results) removed.

    Nothing is removed where the folders of entries hold a file gkcheck did not write: a
    `--cache-dir` given by mistake (a home folder with its own `results`) loses nothing.
    """
    stranger = next(_strangers(folder), None)
    if stranger is not None:
        raise UsageError(
            zh=f"{folder} 不像 gkcheck 的缓存目录（其中有不是缓存的文件：{stranger}），未删除任何文件",
            en=f"{folder} does not look like a gkcheck cache (it holds {stranger}, not an entry): "
            "nothing was removed",
        )
    found = cache_info(folder)
    for kind in found:
        shutil.rmtree(folder / kind, ignore_errors=True)
    return sum(count for kind, (count, _size) in found.items() if kind in KINDS)


def _strangers(folder: Path) -> Iterator[Path]:
    """Whatever lies in the folders of entries besides entries (`ab/ab….pickle`) and their temporaries."""
    for kind in FOLDERS:
        for path in (folder / kind).rglob("*"):
            relative = path.relative_to(folder / kind)
            if path.is_dir() and len(relative.parts) == 1 and len(path.name) == 2:
                continue
            if len(relative.parts) == 2 and ENTRY_NAME.fullmatch(relative.parts[1]):
                continue
            yield path
