"""Click commands of this package; registered on the ``styrdok`` group by governance.cli."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from governance.dates import parse_duration
from governance.findings import Finding
from governance.load import Corpus, load_corpus
from governance.options import output_options, root_option
from governance.progress import StreamProgress
from governance.report import show

if TYPE_CHECKING:  # the checker (network, asyncio) is imported when a command runs
    from governance.links.run import LinkReport, Options


def _parse_age(ctx: click.Context, param: click.Parameter, value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return parse_duration(value)
    except ValueError as exc:
        raise click.BadParameter(f"{exc}.") from None


def _run(corpus: Corpus, options: Options) -> LinkReport:
    from governance.links.run import check_links

    report = check_links(corpus, options, StreamProgress())
    if report.cache_problem:
        click.echo(f"Varning: {report.cache_problem}", err=True)
    click.echo(report.summary(), err=True)
    return report


def add_link_findings(corpus: Corpus, findings: list[Finding], today: date) -> list[Finding]:
    """``styrdok check --links``: the check's findings and the link check's, in one list."""
    from governance.links.run import Options

    report = _run(corpus, Options(today=today))
    return sorted(findings + report.findings, key=lambda f: f.sort_key)


@click.command()
@root_option
@output_options
@click.option(
    "--no-cache",
    is_flag=True,
    help="Kontrollera varje adress på nytt, också de som cachen har svar på "
    "(cachen uppdateras ändå).",
)
@click.option(
    "--max-age",
    callback=_parse_age,
    metavar="TID",
    help="Använd bara svar i cachen som är yngre än TID, t.ex. 12h eller 7d. "
    "Standard: links.max_age i styrdok.yaml (7d).",
)
def links(root: Path, fmt: str, strict: bool, no_cache: bool, max_age: float | None) -> None:
    """Kontrollera korpusens länkar (med nätverk).

    Samlar varje adress i dokumentens fält och text, i mallarnas Word-layouter och i
    site/docs, och kontrollerar varje adress en gång: trasiga länkar, servrar som inte
    svarar, permanenta omdirigeringar (med den nya adressen), e-post- och telefonlänkars
    form och interna länkar till handbokens sidor och avsnitt (#avsnitt).

    Svaren sparas i .styrdok/links.json; en ny körning inom links.max_age skickar inga
    anrop för de adresserna. Inställningar under links: i styrdok.yaml. Dokument vars
    alla länkar fungerade får dagens datum som "Länkar kontrollerade" i handboken.
    """
    from governance.links.run import Options

    corpus = load_corpus(root)
    report = _run(corpus, Options(use_cache=not no_cache, max_age=max_age))
    show(
        report.findings,
        fmt,
        report.files,
        strict=strict,
        title="styrdok links",
        note=report.summary(),
    )


COMMANDS: list[click.Command] = [links]
