"""Progress of long work on stderr: a bar on a terminal, a quiet line now and then in CI
(where a bar would fill the log).

``Progress``/``StreamProgress`` count items of one run (a link check, filling many forms);
``Stages``/``StreamStages`` show a long command stage by stage (``styrdok build``: Word
documents, PDF, pages), with a line when a stage starts, one every 15 seconds while it runs
and one when it ends. ``Progress()`` and ``Stages()`` show nothing (for tests and callers that
want quiet). Stage reports may come from another thread (the PDF run is watched while
LibreOffice works).
"""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

BAR_WIDTH = 30
STAGE_BAR_WIDTH = 24
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
            filled = STAGE_BAR_WIDTH * min(self.done, self.total) // self.total
            bar = f"[{'#' * filled}{'-' * (STAGE_BAR_WIDTH - filled)}] {self.done}/{self.total} "
        else:
            bar = ""
        self._write(f"\r\x1b[2K{self.name} {bar}({seconds:.0f} s)")

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()
