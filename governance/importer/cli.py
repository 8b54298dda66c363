"""Click command of this package; registered on the ``styrdok`` group by governance.cli."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from governance.errors import InputError, OutputError
from governance.options import root_option, today_option

if TYPE_CHECKING:
    from governance.load import Corpus


@click.command(name="import")
@click.argument("files", metavar="FIL…", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--into",
    metavar="MAPP",
    default="routines",
    show_default=True,
    help="Mapp i korpusen där de nya YAML-filerna skrivs.",
)
@click.option("--dry-run", is_flag=True, help="Visa vad som skulle skrivas, skriv inget.")
@click.option(
    "--report",
    "report_file",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FIL",
    default=None,
    help="Skriv rapporten också till en fil: .md (Markdown) eller .csv.",
)
@click.option(
    "--update-config",
    is_flag=True,
    help="Lägg till organ, förvaltningar och roller som saknas i styrdok.yaml.",
)
@click.option(
    "--partial",
    is_flag=True,
    help="Skriv också dokument som inte kunde läsas helt (det som gick att läsa).",
)
@click.option(
    "--update",
    "update_id",
    metavar="ID",
    default=None,
    help="För in ändringarna i ett exporterat och redigerat Word-dokument i dokumentet ID.",
)
@root_option
@today_option
def import_(
    files: tuple[Path, ...],
    into: str,
    dry_run: bool,
    report_file: Path | None,
    update_config: bool,
    partial: bool,
    update_id: str | None,
    root: Path,
    today: date,
) -> None:
    """Importera styrande dokument från Word (.docx, .doc, .odt) till korpusen.

    Metadatatabellen läses med sina svenska etiketter (Dokumentnamn, Beslutad av/
    Beslutsinstans/Fastställd av, Gäller för, Diarienummer/Dnr, Giltighetstid, Gäller
    från, Giltig till, Dokumentansvarig/Ansvarig, Länkar uppdaterade …). Rubriker blir
    avsnitt, numrerade listor med bokstavsdelsteg blir processer, kopplingslistan blir
    länkar. En mapp importeras i ett svep, med en sammanfattning per fil. Ett dokument
    som inte kunde läsas skrivs inte (utom med --partial).

    Med --update ID FIL förs ändringar från ett exporterat dokument som redigerats i Word
    in i ID:s YAML-fil; spela sedan in revideringen med 'styrdok revise'.
    """
    from governance.check import check

    corpus, _ = check(root, today)
    if update_id is not None:
        _update(corpus, update_id, files, today, dry_run)
        return
    _import(corpus, list(files), into, today, dry_run, partial, update_config, report_file)


def _import(
    corpus: Corpus,
    files: list[Path],
    into: str,
    today: date,
    dry_run: bool,
    partial: bool,
    update_config: bool,
    report_file: Path | None,
) -> None:
    from governance.importer import config_edit, report
    from governance.importer.run import import_files
    from governance.importer.source import files_in

    if Path(into).is_absolute() or ".." in Path(into).parts:
        raise click.BadParameter(
            f"'{into}' ligger utanför korpusen; ange en mapp i korpusen, till exempel routines.",
            param_hint="--into",
        )
    paths = files_in(files)
    if not paths:
        names = ", ".join(str(f) for f in files)
        raise InputError(f"Inga Word-filer (.docx, .doc, .odt) hittades i {names}.")
    with click.progressbar(
        length=len(paths), label="Importerar", file=sys.stderr, show_pos=True
    ) as bar:
        outcome = import_files(
            corpus, files, into, today, partial=partial, dry_run=dry_run,
            progress=lambda path: bar.update(1),
        )  # fmt: skip
    click.echo(report.text(outcome, dry_run), nl=False)
    if update_config and outcome.proposals:
        changed = config_edit.add_terms(corpus.root, outcome.proposals, dry_run)
        click.echo(changed, nl=False)
    if report_file is not None:
        maker = report.csv_text if report_file.suffix.lower() == ".csv" else report.markdown
        try:
            report_file.write_text(maker(outcome, dry_run), "utf-8")
        except OSError as exc:
            raise OutputError(
                f"{report_file}: rapporten kan inte skrivas ({exc.strerror}). Välj en annan fil."
            ) from None
        click.echo(f"Rapporten finns i {report_file}")
    if outcome.failed:
        sys.exit(1)


def _update(corpus: Corpus, doc_id: str, files: tuple[Path, ...], today: date, dry: bool) -> None:
    from governance.importer.update import update_document
    from governance.lifecycle.edit import commit, unified_diff

    if len(files) != 1:
        raise click.UsageError("Med --update anges precis en Word-fil.")
    edit, fields = update_document(corpus, doc_id, files[0], today)
    if edit is None:
        click.echo(f"Inga ändringar: {files[0]} stämmer med {doc_id}.")
        return
    if dry:
        click.echo(unified_diff(edit), nl=False)
        return
    for path in commit(edit):
        click.echo(f"Skrev {path} (ändrat: {', '.join(fields)}).")
    click.echo(f'Spela in revideringen med: styrdok revise {doc_id} --summary "…"')


COMMANDS: list[click.Command] = [import_]
