"""Click commands of this package; registered on the ``styrdok`` group by governance.cli."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
