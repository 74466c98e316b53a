"""Output streams that work on any console: UTF-8 for machine formats, never a crash for text.

On Chinese Windows a piped or redirected stdout is GBK (cp936): a report title with "•" cannot be
written in it, and a JUnit or JSON file made with `> out.xml` would hold GBK bytes under a UTF-8
declaration. So text meant for people is written in the console's encoding with characters it
lacks replaced, and every machine format is written as UTF-8 bytes whatever the console's encoding.
"""

from __future__ import annotations

import io
import sys
from typing import TextIO

# The formats read by people on the console: written in the console's encoding.
CONSOLE_FORMATS = ("text",)


def tolerate_unencodable(*streams: TextIO) -> None:
    """Replace, rather than fail on, characters the stream's encoding cannot write."""
    for stream in streams:
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            try:
                stream.reconfigure(errors="replace")
            except (ValueError, io.UnsupportedOperation):  # a detached or closed stream
                continue


def write_output(text: str, format_name: str, stream: TextIO | None = None) -> None:
    """Write one rendered output to stdout: a machine format as UTF-8 bytes, text as text."""
    stream = stream or sys.stdout
    buffer = getattr(stream, "buffer", None)
    if format_name in CONSOLE_FORMATS or buffer is None:
        stream.write(text)
        return
    stream.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()
