"""The exception tree. An exception is the toolkit failing or refusing, not the corpus: a
problem in a document is a Finding (governance.findings), never an exception.

    click.ClickException            prints "Fel: …" on stderr, exit 1
     └── StyrdokError               anything styrdok refuses or fails to do
          ├── ConfigError           styrdok.yaml missing or invalid: exit 2
          ├── CorpusError           the corpus folder itself cannot be used: exit 2
          ├── UnknownId             an id or name the corpus does not have (did you mean …)
          ├── Refused               the command will not do this, and says why
          │    ├── EditRefused      the edit would make 'styrdok check' fail
          │    ├── UnsafeEdit       the edit would touch lines it should not
          │    └── ConcurrentChange the file changed on disk after it was read
          ├── InputError            a file given to a command cannot be used
          │    └── UnsafeDocx       a .docx styrdok will not open (size, zip, entities)
          ├── RenderError           a Word layout failed on the case data
          ├── OutputError           a file could not be written
          │    └── OutputRefused    an output folder styrdok will not write into: exit 2
          └── ToolError             a program styrdok runs is missing or failed
               └── GitError         git is missing, or the corpus is not in a repository

Exceptions that never reach the user (caught where they are raised and turned into a
finding or a message): yamlio.YamlProblem, fastyaml.LoadError, lifecycle.ops.OpError,
render.forms.layout.LayoutSyntax, links.http.Failure.
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


class UnknownId(StyrdokError):
    """No document, template, kind or role has this id; the message names the nearest."""


class Refused(StyrdokError):
    """The command will not do this (to this document), and the message says why."""


class EditRefused(Refused):
    """The edit would make the corpus fail ``styrdok check``."""


class UnsafeEdit(Refused):
    """The edit cannot be made without touching lines it should not."""


class ConcurrentChange(Refused):
    """The file changed on disk after it was read."""


class InputError(StyrdokError):
    """A file given to a command (case data, a filled form, a layout) cannot be used."""


class UnsafeDocx(InputError):
    """The file is not a .docx styrdok will read (the message says why)."""


class RenderError(StyrdokError):
    """A template failed on the data (the message is completed by the caller)."""


class OutputError(StyrdokError):
    pass


class OutputRefused(OutputError):
    """An output folder that writing into would destroy something (``build --out``)."""

    exit_code = 2


class ToolError(StyrdokError):
    """A program styrdok runs (LibreOffice, MkDocs, git) is missing or failed."""


class GitError(ToolError):
    """git is missing, or the corpus is not in a git repository."""
