"""Ctrl-C and SIGTERM during a run: stop at once, write what is finished, exit 2 or 143.

The first signal raises `Interrupted` in the main process while files are being checked; the
session then ends its workers and keeps every finished result, and the outputs are written. A
signal that arrives while the outputs are written only sets the exit status. A second signal
ends gkcheck at once, workers included, without a traceback.
"""

from __future__ import annotations

import os
import signal
import sys
import threading

from gkcheck.errors import Interrupted

SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM") if hasattr(signal, name))


def exit_status(signum: int | None) -> int:
    """2 for Ctrl-C (as pytest), 128 + N for another signal (143 for SIGTERM, as a shell reports it)."""
    return 2 if signum in (None, signal.SIGINT) else 128 + int(signum)


def _kill_workers() -> None:
    """End gkcheck's worker processes, if the run started any (it then imported `gkcheck.pool`)."""
    pool = sys.modules.get("gkcheck.pool")
    if pool is not None:
        pool.kill_all_workers()


class SignalGuard:
    """Handles SIGINT and SIGTERM inside a `with` block; `received` is the first signal that came."""

    def __init__(self, message: str):
        self.message = message  # printed when a second signal ends gkcheck at once
        self.received: int | None = None
        self.raising = True
        self.previous: dict[int, object] = {}

    def __enter__(self) -> SignalGuard:
        if threading.current_thread() is threading.main_thread():
            for signum in SIGNALS:
                self.previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc_info) -> None:
        for signum, handler in self.previous.items():
            signal.signal(signum, handler)  # type: ignore[arg-type]

    def stop_raising(self) -> None:
        """From now on (the outputs are being written) a first signal only changes the exit status."""
        self.raising = False

    def _handle(self, signum: int, frame) -> None:
        if self.received is not None:
            _kill_workers()
            try:
                sys.stderr.write(f"\n{self.message}\n")
                sys.stderr.flush()
            finally:
                os._exit(exit_status(self.received))
        self.received = signum
        if self.raising:
            raise Interrupted(signum)
