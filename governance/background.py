"""A piece of work done on another core while this process goes on: ``start`` forks a
child that runs it (sharing the loaded corpus, copy on write), ``Job.result`` waits for
it and gives back what it returned, pickled through a pipe.

Where there is no fork (Windows) the work is done at once, in this process. An exception
in the child is raised again here: a ``StyrdokError`` (a message for the user) as it is,
anything else as a ``ToolError`` naming what failed. A child that dies without an answer
(killed, out of memory) fails too; nothing it did is taken for done.
"""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Callable
from typing import Generic, TypeVar

from governance.errors import StyrdokError, ToolError

T = TypeVar("T")


class Job(Generic[T]):
    """Work started by ``start``; ``result`` gives its value once."""

    def __init__(self, what: str, pid: int = 0, pipe: int = -1, value: T | None = None) -> None:
        self.what, self.pid, self.pipe, self.value = what, pid, pipe, value

    def result(self) -> T:
        if self.pid == 0:
            return self.value  # type: ignore[return-value]  # done at once
        with os.fdopen(self.pipe, "rb") as reader:
            data = reader.read()
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        try:
            ok, value = pickle.loads(data)
        except Exception:  # noqa: BLE001 - no answer at all: the child died
            code = os.waitstatus_to_exitcode(status)
            raise ToolError(f"{self.what} avbröts (processen slutade med {code}).") from None
        if not ok:
            if isinstance(value, StyrdokError):
                raise value
            raise ToolError(f"{self.what} misslyckades: {value}")
        self.value = value
        return value  # type: ignore[no-any-return]

    def abandon(self) -> None:
        """Stop waiting for the work (the build failed meanwhile): end the child."""
        if self.pid:
            os.close(self.pipe)
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pid = 0


def start(what: str, work: Callable[[], T]) -> Job[T]:
    """Run ``work`` in a forked child; ``what`` names it in a failure's message."""
    if not hasattr(os, "fork"):
        return Job(what, value=work())
    reading, writing = os.pipe()
    pid = os.fork()
    if pid:
        os.close(writing)
        return Job(what, pid, reading)
    os.close(reading)  # the child: answer through the pipe and leave without cleaning up
    code = 1
    try:
        with os.fdopen(writing, "wb") as writer:
            writer.write(_answer(work))
        code = 0
    finally:
        os._exit(code)


def _answer(work: Callable[[], object]) -> bytes:
    """What the child sends: (True, the value) or (False, the error or what it said)."""
    try:
        return pickle.dumps((True, work()), pickle.HIGHEST_PROTOCOL)
    except StyrdokError as exc:
        try:
            told = pickle.dumps((False, exc), pickle.HIGHEST_PROTOCOL)
            pickle.loads(told)  # the parent can take it back
            return told
        except Exception:  # noqa: BLE001 - an error that does not pickle: its message
            return pickle.dumps((False, exc.format_message()))
    except BaseException as exc:  # noqa: BLE001 - told to the parent
        return pickle.dumps((False, f"{type(exc).__name__}: {exc}"))
