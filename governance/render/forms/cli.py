"""Click commands of this package; registered on the ``styrdok`` group by governance.cli.

``docx`` writes a template's fillable form, ``fill`` fills it (or the template's own layout)
with case data, ``extract`` reads the values of a filled form back out.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from governance import completion as complete
from governance.errors import OutputError
from governance.load import Corpus, load_corpus
from governance.options import root_option
from governance.progress import StreamProgress


def _corpus(root: Path) -> Corpus:
    return load_corpus(root)


@click.command("docx")
@click.argument("template_id", metavar="MALL", shell_complete=complete.templates)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Filen som skrivs. Standard: MALL.docx i aktuell mapp.",
)
@root_option
def docx_command(template_id: str, output: Path | None, root: Path) -> None:
    """Gör ett ifyllbart Word-formulär av mallen MALL (ett id under templates/).

    Varje fält blir en innehållskontroll med fältets nyckel som tagg och etiketten som
    rubrik: text, flera rader, datum (ÅÅÅÅ-MM-DD), kryssruta och listruta; tabellfält blir
    tabeller med rubrikrad. Mallens id, version och rutin står i dokumentegenskaperna och i
    sidfoten, så att 'styrdok extract' vet vilken version ett ifyllt formulär kommer från.
    """
    from governance.render.forms.fill import write_file
    from governance.render.forms.form import form_bytes

    data = form_bytes(_corpus(root), template_id)
    target = output or Path(f"{template_id}.docx")
    _ensure_parent(target)
    write_file(target, data)
    click.echo(f"Skrev {target}")


def _ensure_parent(target: Path) -> None:
    from governance.render.forms.fill import ensure_folder

    if target.is_dir():
        raise OutputError(f"{target} är en mapp. Ange ett filnamn som slutar på .docx.")
    ensure_folder(target.parent)


@click.command("fill")
@click.argument("template_id", metavar="MALL", shell_complete=complete.templates)
@click.option(
    "--data",
    "data_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Ärendedata: YAML eller JSON (en mappning, eller en lista för flera dokument) "
    "eller CSV (ett dokument per rad, fältens nycklar som rubriker).",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="Dokumentet som skrivs; en mapp när data har flera poster (CSV eller lista).",
)
@click.option(
    "--name-from",
    metavar="FÄLT",
    help="Flera dokument: döp filerna efter detta fält. Standard: MALL-001.docx, MALL-002.docx …",
)
@click.option(
    "--no-layout",
    is_flag=True,
    help="Fyll i det genererade formuläret även om mallen har en egen layout.",
)
@root_option
def fill_command(
    template_id: str,
    data_path: Path,
    output: Path,
    name_from: str | None,
    no_layout: bool,
    root: Path,
) -> None:
    """Fyll i mallen MALL med ärendedata och skriv Word-dokument.

    Alla poster kontrolleras mot mallens fält först: obligatoriska fält, datum
    (ÅÅÅÅ-MM-DD), ja/nej, val ur listan och tabellernas kolumner. En post med fel ger inget
    dokument och rapporteras med rad och fält; de andra fylls i ändå, och exit-status blir
    1. Ja/nej-fält: ja, nej, true eller false. I CSV anges en tabell som JSON i cellen,
    till exempel [{"roll": "God man"}]. Har mallen en egen layout (fältet layout) fylls
    den i, annars det genererade formuläret; dokumenten behåller innehållskontrollerna,
    så 'styrdok extract' kan läsa dem. Många dokument görs med en process per kärna.
    """
    from governance.render.forms.fill import plan_fill, run_fill

    plan = plan_fill(
        _corpus(root),
        template_id,
        data_path,
        output,
        name_from=name_from,
        use_layout=not no_layout,
    )
    if len(plan.jobs) > 1 and sys.stderr.isatty():
        shown = StreamProgress(label="Fyller i", starting="Fyller i {total} dokument …")
        shown.start(len(plan.jobs))
        result = run_fill(plan, lambda done: shown.advance())
        shown.finish()
    else:
        result = run_fill(plan)
    for error in result.errors:
        click.echo(f"Fel: {error}", err=True)
    where = result.written[0] if len(result.written) == 1 else output
    click.echo(f"Skrev {len(result.written)} av {result.total} dokument till {where}.")
    if result.errors:
        click.echo("Rätta felen ovan och kör kommandot igen för de poster som saknas.", err=True)
        sys.exit(1)


@click.command("extract")
@click.argument("form", metavar="FORMULÄR", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["yaml", "json"]),
    default="yaml",
    show_default=True,
    help="Utdata: YAML eller JSON. Båda kan läsas av 'styrdok fill --data'.",
)
@root_option
def extract_command(form: Path, fmt: str, root: Path) -> None:
    """Läs ut värdena ur ett ifyllt formulär (FORMULÄR.docx) efter fältens nycklar.

    Skriver mallens id och version och värdena: datum som ÅÅÅÅ-MM-DD, kryssrutor som
    true/false, tabeller som listor av rader; tomma fält utelämnas. Varnar när formuläret
    kommer från en äldre version av mallen än korpusen har. Läser också formulär som
    sparats i LibreOffice. Filer som inte är formulär från styrdok, eller som är för stora
    eller packas upp orimligt mycket, avvisas.
    """
    from governance.render.forms.extract import extract
    from governance.render.forms.yamlout import to_text

    corpus = _corpus(root) if (root / "styrdok.yaml").is_file() else None
    result = extract(form, corpus)
    for warning in result.warnings:
        click.echo(f"Varning: {warning}", err=True)
    click.echo(to_text(result.as_data(), fmt), nl=False)


COMMANDS: list[click.Command] = [docx_command, fill_command, extract_command]
