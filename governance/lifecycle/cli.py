"""Click commands for the lifecycle; registered on the ``styrdok`` group by governance.cli."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
