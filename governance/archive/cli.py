"""Click command for the version archive; registered on the ``styrdok`` group."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from governance.options import root_option, today_option


def _parse_day(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' är inget datum på formen ÅÅÅÅ-MM-DD.") from None


@click.command()
@click.argument("doc_id", metavar="ID")
@click.option(
    "--at",
    "day",
    callback=_parse_day,
    metavar="ÅÅÅÅ-MM-DD",
    help="Dagen att fråga om. Standard: i dag.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json för skript.",
)
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(path_type=Path),
    help="Skriv den versionens officiella PDF (PDF/A) hit: en fil eller en mapp.",
)
@root_option
@today_option
def show(
    doc_id: str, day: date | None, fmt: str, out: Path | None, root: Path, today: date
) -> None:
    """Visa vilken version av dokumentet ID som gällde en viss dag.

    Versionerna läses ur korpusens git-historik: beslut, giltighet och revidering för den
    version som gällde. En dag före första versionen eller efter upphävandet sägs som det är.
    """
    from governance.archive.pdfa import write_version_pdf
    from governance.archive.show import answer, render_json, render_text
    from governance.load import load_corpus

    corpus = load_corpus(root)
    found = answer(corpus, doc_id, day or today)
    click.echo(render_json(found) if fmt == "json" else render_text(found), nl=False)
    if out is not None:
        if found.version is None or found.reason != "applies":
            raise click.ClickException("Ingen version gällde den dagen, så ingen PDF skrevs.")
        path = write_version_pdf(corpus, found.version, found.day, out)
        click.echo(f"Skrev {path}", err=fmt == "json")


COMMANDS = [show]
