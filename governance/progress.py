"""Progress of a long command on stderr, stage by stage (``styrdok build``: Word documents,
PDF, pages): a bar redrawn in place on a terminal, and in CI, where a bar would fill the
log, a line when a stage starts, one every 15 seconds while it runs, and one when it ends.

The library takes a ``Stages`` and reports to it; ``Stages()`` itself shows nothing (for
tests and callers that want quiet). Reports may come from another thread (the PDF run is
watched while LibreOffice works).
"""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

BAR_WIDTH = 24
REDRAW_SECONDS = 0.1
LINE_SECONDS = 15.0


class Stages:
    """Nothing shown."""

    def stage(self, name: str, total: int = 0) -> None:
        pass

    def advance(self, done: int | None = None) -> None:
        """One more done, or ``done`` in all."""

    def end(self) -> None:
        pass


class StreamStages(Stages):
    """Stages on ``stream`` (standard error): ``bar=None`` chooses by whether it is a
    terminal; ``every`` is the seconds between lines when it is not."""

    def __init__(
        self, stream: TextIO | None = None, bar: bool | None = None, every: float = LINE_SECONDS
    ) -> None:
        self.stream = stream or sys.stderr
        self.bar = self.stream.isatty() if bar is None else bar
        self.every = every
        self.name, self.total, self.done = "", 0, 0
        self.started = self.shown = 0.0
        self._lock = threading.Lock()
        self._ticker: threading.Thread | None = None
        self._stop = threading.Event()

    def stage(self, name: str, total: int = 0) -> None:
        self.end()
        with self._lock:
            self.name, self.total, self.done = name, total, 0
            self.started = self.shown = time.monotonic()
            self._stop = threading.Event()
        if self.bar:
            self._draw()
            return
        self._write(f"{name}{f' ({total})' if total else ''} …\n")
        self._ticker = threading.Thread(target=self._tick, daemon=True)
        self._ticker.start()

    def advance(self, done: int | None = None) -> None:
        with self._lock:
            self.done = self.done + 1 if done is None else done
            now = time.monotonic()
            due = self.bar and now - self.shown >= REDRAW_SECONDS
        if due:
            self.shown = now
            self._draw()

    def end(self) -> None:
        if not self.name:
            return
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join()
            self._ticker = None
        seconds = time.monotonic() - self.started
        count = f"{self.done} av {self.total}, " if self.total else ""
        if self.bar:
            self._draw()
            self._write("\n")
        else:
            self._write(f"{self.name}: klart ({count}{seconds:.0f} s)\n")
        self.name = ""

    def _tick(self) -> None:
        while not self._stop.wait(self.every):
            seconds = time.monotonic() - self.started
            with self._lock:
                count = f"{self.done} av {self.total}, " if self.total else ""
                line = f"{self.name}: pågår ({count}{seconds:.0f} s)\n"
            self._write(line)

    def _draw(self) -> None:
        seconds = time.monotonic() - self.started
        if self.total:
            filled = BAR_WIDTH * min(self.done, self.total) // self.total
            bar = f"[{'#' * filled}{'-' * (BAR_WIDTH - filled)}] {self.done}/{self.total} "
        else:
            bar = ""
        self._write(f"\r\x1b[2K{self.name} {bar}({seconds:.0f} s)")

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()
