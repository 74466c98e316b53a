"""Writing the output files safely: tried before the run, written whole or not at all, one at a time.

- Every output path is tried before the first file is checked (folder created, a file made and
  removed next to it), so an unwritable `-o` is a usage error at once, not after an hour's run.
- Each output is written to a temporary file beside it and renamed into place: a full disk, a
  crash or a kill leaves the previous output as it was, and a reader never sees half a file.
- A lock beside each output keeps two runs from writing the same path: the second one is refused.
- A failing output is reported and the others are still written.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path

from gkcheck.errors import UsageError

try:
    import fcntl
except ImportError:  # Windows: the rename still makes a second run's output whole, never mixed
    fcntl = None  # type: ignore[assignment]


def reason(exc: OSError) -> str:
    """The system's words for a failed write, without the errno number."""
    return exc.strerror or str(exc)


def unwritable(path: str, exc: OSError | None = None, *, zh: str = "", en: str = "") -> UsageError:
    why_zh = zh or (reason(exc) if exc else "")
    why_en = en or (reason(exc) if exc else "")
    return UsageError(
        zh=f"无法写入输出文件 {path}：{why_zh}", en=f"cannot write the output file {path}: {why_en}"
    )


def try_output(path: str) -> None:
    """Raise a UsageError now if `path` cannot be written at the end of the run."""
    target = Path(path)
    if target.is_dir():
        raise unwritable(path, zh="这是一个文件夹", en="it is a folder")
    if is_special(path):  # /dev/stdout, a FIFO: written in place, as given
        if not os.access(path, os.W_OK):
            raise unwritable(path, zh="没有写入权限", en="permission denied")
        return
    existing = next(folder for folder in [target.parent, *target.parent.parents] if folder.exists())
    if not existing.is_dir():
        raise unwritable(path, zh=f"{existing} 不是文件夹", en=f"{existing} is not a folder")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(handle)
        os.unlink(probe)
    except OSError as exc:
        raise unwritable(path, exc) from None


def is_special(path: str) -> bool:
    """A device or a FIFO (not a regular file, not a folder): never replaced, only written to."""
    target = Path(path)
    return target.exists() and not target.is_file() and not target.is_dir()


def write_atomically(path: str, text: str) -> None:
    """Write `text` to `path` through a temporary file renamed into place; OSError if it cannot."""
    target = Path(path)
    if is_special(path):
        with open(path, "w", encoding="utf-8") as stream:
            stream.write(text)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(OSError):  # keep the mode a previous output had
            os.chmod(temporary, target.stat().st_mode & 0o777 if target.exists() else 0o644)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


class OutputLocks:
    """Exclusive locks, one beside each output path, held for the whole run."""

    def __init__(self, paths: list[str]):
        self.paths = paths
        self.held: list[tuple[int, Path]] = []

    def __enter__(self) -> OutputLocks:
        try:
            for path in self.paths:
                self._lock(path)
        except BaseException:
            self.release()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        self.release()

    def _lock(self, path: str) -> None:
        if fcntl is None or is_special(path):
            return
        target = Path(path)
        lock = target.with_name(f".{target.name}.lock")
        try:
            handle = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise unwritable(path, exc) from None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(handle)
            raise UsageError(
                zh=f"另一个 gkcheck 正在写入 {path}：请等它结束，或换一个输出文件",
                en=f"another gkcheck run is writing {path}: wait for it to end, or choose another file",
            ) from None
        self.held.append((handle, lock))

    def release(self) -> None:
        for handle, lock in self.held:
            with contextlib.suppress(OSError):
                os.unlink(lock)
            with contextlib.suppress(OSError):
                os.close(handle)
        self.held = []


class PartialResults:
    """Every finished report, one JSON line each, beside the first output while the run goes on.

    `name.partial.jsonl` is flushed after each file, so a run that is killed, or whose outputs
    cannot be written, still leaves every finished result readable; it is removed once all the
    outputs are written.
    """

    def __init__(self, output: str, lang: str, fail_on: str):
        target = Path(output)
        self.path = target.with_name(f"{target.name}.partial.jsonl")
        self.lang, self.fail_on = lang, fail_on
        self.stream = self.path.open("w", encoding="utf-8")

    def add(self, result) -> None:
        if self.stream.closed:
            return
        try:
            self.stream.write(json.dumps(result.to_dict(self.lang, self.fail_on), ensure_ascii=False) + "\n")
            self.stream.flush()
        except OSError:  # a full disk: the outputs at the end say so
            pass

    def finish(self, keep: bool) -> None:
        with contextlib.suppress(OSError):
            self.stream.close()
        if not keep:
            with contextlib.suppress(OSError):
                self.path.unlink()
