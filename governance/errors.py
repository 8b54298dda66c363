"""The exception tree. An exception is the toolkit failing, not the corpus: a problem in a
document is a Finding (governance.findings), never an exception.

    click.ClickException        prints "Fel: …" on stderr, exit 1
     └── StyrdokError           anything styrdok refuses to do
          ├── ConfigError       styrdok.yaml missing or invalid: exit 2
          ├── CorpusError       the corpus folder itself cannot be used: exit 2
          └── OutputError       a file could not be written
               └── OutputRefused  an output folder styrdok will not write into: exit 2
"""

from __future__ import annotations

import sys
from typing import IO, Any

import click


class StyrdokError(click.ClickException):
    """Base of every error styrdok reports to the user, printed as "Fel: …" on stderr."""

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"Fel: {self.format_message()}", file=file or sys.stderr)


class ConfigError(StyrdokError):
    exit_code = 2


class CorpusError(StyrdokError):
    exit_code = 2


class OutputError(StyrdokError):
    pass


class OutputRefused(OutputError):
    """An output folder that writing into would destroy something (``build --out``)."""

    exit_code = 2
