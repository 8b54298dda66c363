"""Progress of a long run on stderr (a link check, filling many forms): a bar on a
terminal, a quiet line now and then in CI (where a bar would fill the log)."""

from __future__ import annotations

import sys
import time
from typing import TextIO

BAR_WIDTH = 30
REDRAW_SECONDS = 0.1
LINE_SECONDS = 15.0


class Progress:
    """Nothing shown: for the library and tests."""

    def start(self, total: int) -> None:
        pass

    def advance(self) -> None:
        pass

    def finish(self) -> None:
        pass


class StreamProgress(Progress):
    """``bar=True``: one line redrawn in place; otherwise a line every LINE_SECONDS.
    ``label`` names the work on each line, ``starting`` ({total} filled in) opens a run."""

    def __init__(
        self,
        stream: TextIO | None = None,
        bar: bool | None = None,
        *,
        label: str = "Länkar",
        starting: str = "Kontrollerar {total} adresser …",
    ) -> None:
        self.label, self.starting = label, starting
        self.stream = stream or sys.stderr
        self.bar = self.stream.isatty() if bar is None else bar
        self.total = self.done = 0
        self.started = self.shown = 0.0

    def start(self, total: int) -> None:
        self.total, self.done = total, 0
        self.started = self.shown = time.monotonic()
        if total and not self.bar:
            self._write(self.starting.format(total=total) + "\n")

    def advance(self) -> None:
        self.done += 1
        now = time.monotonic()
        interval = REDRAW_SECONDS if self.bar else LINE_SECONDS
        if now - self.shown >= interval or (self.bar and self.done == self.total):
            self.shown = now
            self._show(now)

    def finish(self) -> None:
        if self.bar and self.total:
            self._write("\n")

    def _show(self, now: float) -> None:
        seconds = now - self.started
        if self.bar:
            filled = BAR_WIDTH * self.done // max(self.total, 1)
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            self._write(f"\r{self.label} [{bar}] {self.done}/{self.total} ({seconds:.0f} s)")
        else:
            self._write(f"{self.label}: {self.done} av {self.total} klara ({seconds:.0f} s)\n")

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()
