"""Click commands of this package; registered on the ``styrdok`` group by governance.cli."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from governance import completion as complete
from governance.options import root_option, today_option

FORMATS = ("docx", "pdf")


@click.command()
@click.argument("doc_id", metavar="ID", shell_complete=complete.documents)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="docx",
    show_default=True,
    help="docx (Word) eller pdf (görs med LibreOffice, som måste vara installerat).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Filen som ska skrivas, eller en mapp. Standard: ID.docx eller ID.pdf i aktuell mapp.",
)
@root_option
@today_option
def export(doc_id: str, fmt: str, output: Path | None, root: Path, today: date) -> None:
    """Gör ett styrande dokument till ett officiellt Word- eller PDF-dokument.

    Dokumentet får en titelsida med organisation, dokumentsorten markerad i hierarkin
    (Policy … Instruktion), status och metadatatabellen, sedan innehållsförteckning,
    avsnitt, processer med numrerade steg och roller, kopplingar och stödjande dokument
    som länkar, bilagor, mallar och revideringar. Sidfoten visar id, version och sidnummer.
    Statusen gäller dagens datum (--today). Ett dokument med fel i 'styrdok check'
    exporteras inte.
    """
    from governance.render.export.document import export_document

    path = export_document(
        root, doc_id, fmt, output, today, progress=lambda message: click.echo(message, err=True)
    )
    click.echo(f"Skrev {path}")


COMMANDS: list[click.Command] = [export]
