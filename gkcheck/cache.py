"""The document cache: a file read once is not read again while it is unchanged.

Reading a PDF is most of what a check costs; interpreting it and running the rules is a few
milliseconds. The cache keeps each loaded `Document` (what the loaders read, before any rule ran),
so rules, packs and profiles changed since still apply to a cached file and its results are those
of a fresh run. An entry is found by the SHA-256 of the file's bytes together with gkcheck's
version, the plugins taking part (name and version) and the settings of the run that are not
file paths, so a new loader, engine or option never meets an old reading.

Entries live in the user's cache folder (`platformdirs`), or in `cache-dir`. Each is written to a
temporary file and renamed into place, so runs sharing the cache never see half an entry; an entry
that cannot be read is ignored and written again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import inspect
import os
import pickle
import shutil
import tempfile
from collections.abc import Generator
from pathlib import Path

from gkcheck.document import Document
from gkcheck.hookspec import hookimpl

CACHE_FORMAT = "2"  # bump when `Document` changes shape
READ_CHUNK = 1 << 20
# Settings of how results are shown or scheduled, which never change what a loader reads.
NOT_READING_SETTINGS = frozenset({"cache", "lang", "fail-on", "jobs", "timeout", "select", "ignore"})


@hookimpl
def gkcheck_addoption(parser) -> None:
    parser.add_argument(
        "--no-cache", dest="cache", action="store_false", default=None, help="read every file afresh"
    )
    parser.add_argument("--cache-dir", metavar="DIR", help="where the document cache lives")
    parser.add_setting("cache", kind="boolean", default=True, help="keep what was read of each file")
    parser.add_setting("cache-dir", kind="path", help="where the document cache lives")


@hookimpl(tryfirst=True, specname="gkcheck_load_document")
def load_cached(path: str, head: bytes, config) -> Document | None:
    """The file's cached document, when there is one."""
    cache = document_cache(config)
    document = None if cache is None else cache.get(cache.key(path))
    if document is not None and document.path != path:  # the same bytes under another name
        document = dataclasses.replace(document, path=path)
    return document


@hookimpl(wrapper=True, specname="gkcheck_load_document")
def store_loaded(path: str, head: bytes, config) -> Generator[None, Document | None, Document | None]:
    """Keep what the loaders read, for the next run."""
    document = yield
    cache = document_cache(config)
    if cache is not None and document is not None:
        cache.put(cache.key(path), document)
    return document


def document_cache(config) -> DocumentCache | None:
    if config is None or not config.get("cache"):  # loaders may be called without a run
        return None
    folder = config.get("cache-dir") or default_cache_dir()
    found = config.stash.get("document_cache")
    if found is None or found.folder != Path(folder):
        found = config.stash["document_cache"] = DocumentCache(Path(folder), run_fingerprint(config))
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
    parts = [CACHE_FORMAT, __version__, *plugins, *settings]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


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


class DocumentCache:
    """Loaded documents on disk, by the hash of the file and of the run's fingerprint."""

    def __init__(self, folder: Path, fingerprint: str):
        self.folder = folder
        self.fingerprint = fingerprint
        self._keys: dict[tuple[str, int, int], str] = {}
        self.hits = 0

    def key(self, path: str) -> str:
        stat = os.stat(path)
        identity = (os.path.abspath(path), stat.st_size, stat.st_mtime_ns)
        if identity not in self._keys:
            digest = hashlib.sha256(self.fingerprint.encode())
            with open(path, "rb") as handle:
                while chunk := handle.read(READ_CHUNK):
                    digest.update(chunk)
            self._keys[identity] = digest.hexdigest()
        return self._keys[identity]

    def entry(self, key: str) -> Path:
        return self.folder / "documents" / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> Document | None:
        entry = self.entry(key)
        try:
            with entry.open("rb") as handle:
                document = pickle.load(handle)
        except FileNotFoundError:
            return None
        except Exception:  # a damaged or foreign entry: read the file afresh and write it again
            entry.unlink(missing_ok=True)
            return None
        if not isinstance(document, Document):
            entry.unlink(missing_ok=True)
            return None
        self.hits += 1
        return document

    def put(self, key: str, document: Document) -> None:
        """Write the entry, unless it is there; a full or read-only cache never fails the check."""
        entry = self.entry(key)
        if entry.exists():
            return
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(document, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, entry)
        except OSError:
            Path(temporary).unlink(missing_ok=True)


def cache_info(folder: Path) -> tuple[int, int]:
    """How many entries the cache holds, and their size in bytes."""
    entries = list((folder / "documents").glob("*/*.pickle"))
    return len(entries), sum(entry.stat().st_size for entry in entries)


def clean_cache(folder: Path) -> int:
    """Remove every entry; the number removed."""
    count, _ = cache_info(folder)
    shutil.rmtree(folder / "documents", ignore_errors=True)
    return count
