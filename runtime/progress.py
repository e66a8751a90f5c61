"""Progress on a terminal for long commands.

A progress callback is any callable `progress(done, total, label)`; `total`
may be None when unknown. `terminal_progress()` returns one that draws a
single updating line on stderr when stderr is a terminal, and does nothing
otherwise (so pipes, logs and tests stay clean).
"""
from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Protocol, TextIO


class ProgressCallback(Protocol):
    def __call__(self, done: int, total: int | None = None, label: str = "") -> None: ...


def no_progress(done: int, total: int | None = None, label: str = "") -> None:
    """The callback to use when nobody watches."""


class TerminalProgress:
    """Redraws one line at most every `interval` seconds, and always at the end."""

    def __init__(self, stream: TextIO, interval: float = 0.2,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.interval = interval
        self.clock = clock
        self._last = 0.0
        self._label = ""
        self._width = 0

    def __call__(self, done: int, total: int | None = None, label: str = "") -> None:
        now = self.clock()
        finished = total is not None and done >= total
        if label != self._label and self._label:
            self.finish()
        self._label = label
        if not finished and now - self._last < self.interval:
            return
        self._last = now
        if total:
            width = 24
            filled = min(width, int(width * done / total))
            line = f"{label} [{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,}"
        else:
            line = f"{label} {done:,}"
        self.stream.write("\r" + line.ljust(self._width))
        self._width = len(line)
        if finished:
            self.finish()
        self.stream.flush()

    def finish(self) -> None:
        if self._width:
            self.stream.write("\n")
            self.stream.flush()
        self._width = 0
        self._label = ""


def terminal_progress(stream: TextIO | None = None) -> ProgressCallback:
    stream = stream if stream is not None else sys.stderr
    try:
        interactive = stream.isatty()
    except (AttributeError, ValueError):
        interactive = False
    return TerminalProgress(stream) if interactive else no_progress
