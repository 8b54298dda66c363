"""Options that several commands share (--root, --today, --format, --strict).

Every ``*/cli.py`` imports them from here, so no command module imports the root group.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from governance.clitext import install
from governance.dates import parse_day
from governance.report import FORMATS

install()  # click's texts in Swedish before any command is declared (see clitext)

F = TypeVar("F", bound=Callable[..., Any])


def _parse_today(ctx: click.Context, param: click.Parameter, value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return parse_day(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def root_option(func: F) -> F:
    return click.option(
        "--root",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("."),
        show_default="aktuell mapp",
        help="Korpusens rotmapp (där styrdok.yaml ligger).",
    )(func)


def today_option(func: F) -> F:
    return click.option(
        "--today",
        callback=_parse_today,
        metavar="ÅÅÅÅ-MM-DD",
        help="Räkna som om det vore detta datum (för reproducerbara resultat). Standard: i dag.",
    )(func)


def _formats_help() -> str:
    """``text för människor, json, … eller markdown (sammanfattning för CI).``"""
    helps = [f.help for f in FORMATS.values()]
    return f"{', '.join(helps[:-1])} eller {helps[-1]}."


def output_options(func: F) -> F:
    func = click.option("--strict", is_flag=True, help="Varningar ger också felstatus (exit 1).")(
        func
    )
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(FORMATS)),
        default="text",
        show_default=True,
        help=_formats_help(),
    )(func)
