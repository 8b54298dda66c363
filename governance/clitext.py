"""click's own texts in Swedish ("Användning", "Flaggor", "Oväntat extra argument" …),
colour only where it is wanted (NO_COLOR, https://no-color.org), and Swedish counts.

click marks its texts for gettext (``from gettext import gettext as _`` in each module).
``install()`` gives those modules a lookup in the catalogue below instead, so the texts
change only inside click, never the process' gettext domain. A text missing here stays
English, which a test catches for the ones a user sees (tests/test_cli_swedish.py).
"""

from __future__ import annotations

import os
import sys
from typing import IO, Any

import click

CATALOGUE: dict[str, str] = {
    "Usage:": "Användning:",
    "Options": "Flaggor",
    "Commands": "Kommandon",
    "Positional arguments": "Argument",
    "Show this message and exit.": "Visa detta meddelande och avsluta.",
    "Show the version and exit.": "Visa versionen och avsluta.",
    "Error: {message}": "Fel: {message}",
    "Try '{command} {option}' for help.": "Skriv '{command} {option}' för hjälp.",
    "No such option {name!r}.": "Flaggan {name!r} finns inte.",
    "No such command {name!r}.": "Kommandot {name!r} finns inte.",
    "Missing command.": "Ange ett kommando.",
    "Missing argument": "Argument saknas",
    "Missing option": "Flagga saknas",
    "Missing parameter": "Parameter saknas",
    "Missing parameter: {param_name}": "Parameter saknas: {param_name}",
    "Missing {param_type}": "{param_type} saknas",
    "Invalid value for {param_hint}: {message}": "Ogiltigt värde för {param_hint}: {message}",
    "Invalid value: {message}": "Ogiltigt värde: {message}",
    "Option {name!r} requires an argument.": "Flaggan {name!r} behöver ett värde.",
    "Option {name!r} requires {nargs} arguments.": "Flaggan {name!r} behöver {nargs} värden.",
    "Option {name!r} does not take a value.": "Flaggan {name!r} tar inget värde.",
    "Argument {name!r} takes {nargs} values.": "Argumentet {name!r} tar {nargs} värden.",
    "Got unexpected extra argument ({args})": "Oväntat extra argument ({args})",
    "Got unexpected extra arguments ({args})": "Oväntade extra argument ({args})",
    "Did you mean {possibility}?": "Menade du {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Menade du något av: {possibilities}?)",
    "default: {default}": "standard: {default}",
    "required": "krävs",
    "env var: {var}": "miljövariabel: {var}",
    "deprecated": "utgår",
    "Aborted!": "Avbrutet.",
    "unknown error": "okänt fel",
    "Could not open file {filename!r}: {message}": "Kan inte öppna filen {filename!r}: {message}",
    "Choose from:\n\t{choices}": "Välj bland:\n\t{choices}",
    "{value!r} is not {choice}.": "{value!r} är inte {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} är inte ett av {choices}.",
    "{value!r} is not a valid {number_type}.": "{value!r} är inget giltigt {number_type}.",
    "{value} is not in the range {range}.": "{value} ligger inte i intervallet {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} är inget "
    "sanningsvärde. Giltiga värden: {states}",
    "{value!r} does not match the format {format}.": "{value!r} har inte formen {format}.",
    "{value!r} does not match the formats {formats}.": "{value!r} har inte formerna {formats}.",
    "file": "fil",
    "directory": "mapp",
    "path": "sökväg",
    "{name} {filename!r} does not exist.": "{name} {filename!r} finns inte.",
    "{name} {filename!r} is a file.": "{name} {filename!r} är en fil.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} är en mapp.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} går inte att läsa.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} går inte att skriva.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} går inte att köra.",
    "Do you want to continue?": "Vill du fortsätta?",
    "Confirm the action without prompting.": "Bekräfta utan att fråga.",
    "Error: invalid input": "Fel: ogiltigt svar",
    "Error: The two entered values do not match.": "Fel: de två värdena är olika.",
    "Repeat for confirmation": "Upprepa för att bekräfta",
    "Press any key to continue...": "Tryck på en tangent för att fortsätta …",
    "Couldn't detect Bash version, shell completion is not supported.": "Kan inte avgöra "
    "Bash-versionen; komplettering stöds inte.",
    "Shell completion is not supported for Bash versions older than 4.4.": "Komplettering "
    "kräver Bash 4.4 eller senare.",
}

# What click writes for a command's options and a group's subcommand in the usage line.
OPTIONS_METAVAR = "[FLAGGOR]"
SUBCOMMAND_METAVAR = "KOMMANDO [ARGUMENT]..."
_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui")


def gettext(message: str) -> str:
    return CATALOGUE.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return gettext(singular if n == 1 else plural)


def install() -> None:
    """Give click's modules the Swedish catalogue (idempotent)."""
    import importlib

    for name in (*_MODULES, "shell_completion"):
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]


def swedish_usage(command: click.Command) -> None:
    """[FLAGGOR], KOMMANDO and Swedish value names (TEXT, TAL, MAPP, FIL) in the help of
    ``command`` and every subcommand."""
    command.options_metavar = OPTIONS_METAVAR
    for param in command.params:
        if isinstance(param, click.Option) and param.metavar is None and not param.is_flag:
            param.metavar = _metavar(param.type)
    if isinstance(command, click.Group):
        command.subcommand_metavar = SUBCOMMAND_METAVAR
        for sub in command.commands.values():
            swedish_usage(sub)


def _metavar(kind: click.ParamType[Any]) -> str | None:
    if isinstance(kind, click.Path):
        return "MAPP" if not kind.file_okay else "FIL" if not kind.dir_okay else "SÖKVÄG"
    if isinstance(kind, click.types.IntParamType):
        return "TAL"
    if kind is click.STRING:
        return "TEXT"
    return None  # a choice shows its values


def use_color(stream: IO[Any] | None = None) -> bool:
    """Colour on a terminal, unless NO_COLOR is set to anything but empty."""
    if os.environ.get("NO_COLOR"):
        return False
    return bool((stream or sys.stdout).isatty())


def counted(n: int, one: str, many: str) -> str:
    """``1 varning``, ``2 varningar``."""
    return f"{n} {one if n == 1 else many}"
