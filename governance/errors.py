"""The exception tree. An exception is the toolkit failing, not the corpus: a problem in a
document is a Finding (governance.findings), never an exception.

    click.ClickException        prints "Error: …", exit 1
     └── StyrdokError           anything styrdok refuses to do
          ├── ConfigError       styrdok.yaml missing or invalid: exit 2
          ├── CorpusError       the corpus folder itself cannot be used: exit 2
          └── OutputError       a file could not be written
"""

from __future__ import annotations

import click


class StyrdokError(click.ClickException):
    """Base of every error styrdok reports to the user."""


class ConfigError(StyrdokError):
    exit_code = 2


class CorpusError(StyrdokError):
    exit_code = 2


class OutputError(StyrdokError):
    pass
