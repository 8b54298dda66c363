"""Click commands for the lifecycle; registered on the ``styrdok`` group by governance.cli.

Each command parses its options, calls the library (governance.lifecycle.*) and prints.
Edits print a unified diff with ``--dry-run`` and write nothing; otherwise they write
atomically and show what ``styrdok check`` now reports that it did not before.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from governance import completion as complete
from governance.dates import parse_day
from governance.lifecycle.edit import Edit, commit, unified_diff
from governance.lifecycle.validate import describe
from governance.load import Corpus, load_corpus
from governance.options import root_option, today_option

F = TypeVar("F", bound=Callable[..., Any])


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return parse_day(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def date_option(name: str, dest: str, help: str) -> Callable[[F], F]:
    return click.option(name, dest, callback=_parse_date, metavar="ÅÅÅÅ-MM-DD", help=help)


def dry_run_option(func: F) -> F:
    return click.option(
        "--dry-run",
        is_flag=True,
        help="Visa ändringen som diff utan att skriva något.",
    )(func)


def _finish(edit: Edit, dry_run: bool, done: str) -> None:
    if dry_run:
        click.echo(unified_diff(edit), nl=False)
        click.echo("--dry-run: inget skrevs.", err=True)
        return
    commit(edit)
    click.echo(done)
    if edit.result.warnings:
        click.echo("styrdok check visar nu också:")
        click.echo(describe(edit.result.warnings))


def _corpus(root: Path) -> Corpus:
    return load_corpus(root)


@click.command()
@click.argument("kind", metavar="SORT", shell_complete=complete.kinds)
@click.option("--title", required=True, help="Dokumentets namn (dokumentnamn).")
@click.option(
    "--id", "doc_id", help="Ett eget id i stället för det som id_scheme i styrdok.yaml ger."
)
@dry_run_option
@root_option
@today_option
def new(kind: str, title: str, doc_id: str | None, dry_run: bool, root: Path, today: date) -> None:
    """Skapa ett nytt dokument av sorten SORT, som utkast.

    Filen får nästa lediga id enligt id_scheme i styrdok.yaml (standard: sort och titel,
    till exempel rutin-bistand-till-boende) och hamnar i routines/SORT/ om den mappen finns,
    annars i routines/. Varje fält som sorten kräver finns med, tomt och med en kommentar
    som säger vad som ska stå där.
    """
    from governance.lifecycle.new import create

    draft, edit = create(_corpus(root), kind, title, today, doc_id)
    _finish(edit, dry_run, f"Skapade {draft.path} ({draft.doc_id}, utkast).")


@click.command()
@click.argument("doc_id", metavar="ID", shell_complete=complete.documents_and_templates)
@click.option("--summary", required=True, help="Vad som ändrades, en eller två meningar.")
@click.option(
    "--major",
    is_flag=True,
    help="Större ändring: ny huvudversion (1.4 → 2.0). Dokument som länkar hit flaggas av "
    "check tills de prövats eller reviderats.",
)
@date_option("--date", "day", "Revideringens datum. Standard: i dag.")
@click.option(
    "--decided-by",
    multiple=True,
    metavar="ORGAN",
    help="Nytt beslut: organet som beslutade (id under bodies). Kan anges flera gånger.",
)
@date_option("--decision-date", "decision_date", "Nytt beslut: beslutsdatum.")
@click.option("--paragraph", help="Nytt beslut: paragraf i protokollet, till exempel '§ 12'.")
@click.option("--registration-number", help="Nytt beslut: diarienummer.")
@date_option(
    "--valid-from",
    "valid_from",
    "Dag då den nya versionen börjar gälla (sätter valid_from och sparas med revideringen).",
)
@dry_run_option
@root_option
@today_option
def revise(
    doc_id: str,
    summary: str,
    major: bool,
    day: date | None,
    decided_by: tuple[str, ...],
    decision_date: date | None,
    paragraph: str | None,
    registration_number: str | None,
    valid_from: date | None,
    dry_run: bool,
    root: Path,
    today: date,
) -> None:
    """Revidera dokumentet ID: ny version med en sammanfattning av ändringen.

    Versionen räknas upp (1.0 → 1.1, med --major 1.1 → 2.0), revideringen läggs sist i
    revisions och last_revised sätts. Ett nytt beslut sparas med revideringen och blir
    dokumentets gällande beslut; det tidigare beslutet står kvar i historiken. Uppgifter
    som inte anges tas från det tidigare beslutet. Revideringens datum är beslutsdatumet
    när ett sådant anges, annars i dag. Fungerar också för mallar under templates/.
    """
    from governance.lifecycle.revise import DecisionUpdate
    from governance.lifecycle.revise import revise as run

    decision = DecisionUpdate(decided_by, decision_date, paragraph, registration_number)
    when = day or decision_date or today
    result, edit = run(_corpus(root), doc_id, summary, when, today, major, decision, valid_from)
    change = f"{result.old} → {result.new}" if result.old else result.new
    _finish(edit, dry_run, f"Reviderade {doc_id}: version {change} ({result.day}).")


@click.command()
@click.argument("doc_id", metavar="ID", shell_complete=complete.documents)
@click.option("--note", help="Anteckning, till exempel vad som kontrollerades.")
@date_option("--date", "day", "Prövningens datum. Standard: i dag.")
@dry_run_option
@root_option
@today_option
def review(
    doc_id: str, note: str | None, day: date | None, dry_run: bool, root: Path, today: date
) -> None:
    """Registrera en aktualitetsprövning av dokumentet ID: det gäller oförändrat.

    Prövningen läggs till under reviews. Nästa prövning räknas från den, så check och
    handboken slutar flagga dokumentet som försenat.
    """
    from governance.lifecycle.review import review as run

    result, edit = run(_corpus(root), doc_id, day or today, today, note)
    after = f" Nästa prövning senast {result.next_due}." if result.next_due else ""
    done = f"Registrerade aktualitetsprövning av {doc_id} ({result.day}).{after}"
    _finish(edit, dry_run, done)


@click.command()
@click.argument("doc_id", metavar="ID", shell_complete=complete.documents)
@click.option("--reason", required=True, help="Varför dokumentet upphävs.")
@click.option(
    "--superseded-by",
    metavar="ID",
    shell_complete=complete.documents,
    help="Dokumentet som ersätter det.",
)
@date_option("--date", "day", "Dagen då dokumentet upphävs. Standard: i dag.")
@dry_run_option
@root_option
@today_option
def retire(
    doc_id: str,
    reason: str,
    superseded_by: str | None,
    day: date | None,
    dry_run: bool,
    root: Path,
    today: date,
) -> None:
    """Upphäv dokumentet ID, eventuellt ersatt av ett annat.

    Dokumentet får status retired, datum och skäl, och superseded_by. Det nya dokumentet
    får det gamla under supersedes. Dokument som fortfarande länkar till det upphävda
    flaggas sedan av check.
    """
    from governance.lifecycle.retire import retire as run

    result, edit = run(_corpus(root), doc_id, reason, day or today, today, superseded_by)
    instead = f", ersatt av {result.successor}" if result.successor else ""
    _finish(edit, dry_run, f"Upphävde {doc_id} ({result.day}){instead}.")


@click.command()
@click.argument("doc_id", metavar="ID", shell_complete=complete.documents)
@click.option("--from", "from_version", metavar="VERSION", help="Standard: versionen före --to.")
@click.option(
    "--to",
    "to_version",
    metavar="VERSION",
    help="Standard: den senaste versionen, med ändringar som inte checkats in.",
)
@root_option
def diff(doc_id: str, from_version: str | None, to_version: str | None, root: Path) -> None:
    """Visa vad som ändrats i dokumentet ID mellan två versioner, ur git-historiken.

    Jämför fält för fält och avsnitt för avsnitt. Utan --from och --to visas den senaste
    ändringen: senaste versionen mot versionen före.
    """
    from governance.lifecycle.diff import render_diff, version_diff

    click.echo(render_diff(version_diff(_corpus(root), doc_id, from_version, to_version)), nl=False)


def _parse_window(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    from governance.lifecycle.due import parse_window

    if value is None:
        return None
    try:
        return parse_window(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.command()
@click.option(
    "--within",
    callback=_parse_window,
    metavar="PERIOD",
    help="Hur långt fram: 90d, 12w, 6m eller 1y. Standard: review_warning_days i styrdok.yaml.",
)
@click.option(
    "--owner",
    metavar="ROLL",
    shell_complete=complete.roles,
    help="Bara dokument som rollen ansvarar för (roll-id).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "ics"]),
    default="table",
    show_default=True,
    help="table för terminalen, csv för Excel, ics för Outlook och andra kalendrar.",
)
@click.option(
    "--csv-dialect",
    type=click.Choice(["excel", "plain"]),
    default="excel",
    show_default=True,
    help="excel: semikolon och UTF-8 med BOM, som Excel i Sverige öppnar direkt; "
    "plain: kommaseparerad UTF-8 för andra program.",
)
@click.option(
    "--remind-days",
    type=click.IntRange(min=0, max=365),
    default=14,
    show_default=True,
    metavar="DAGAR",
    help="Påminnelse i kalendern så många dagar före (ics); 0 = samma dag.",
)
@click.option("--no-remind", is_flag=True, help="Inga påminnelser i kalenderfilen.")
@root_option
@today_option
def due(
    within: Any,
    owner: str | None,
    fmt: str,
    csv_dialect: str,
    remind_days: int,
    no_remind: bool,
    root: Path,
    today: date,
) -> None:
    """Lista aktualitetsprövningar och slutdatum som infaller snart, per dokumentansvarig.

    Tar med dokument som gäller och vars prövning eller giltighet går ut inom perioden,
    och sådana som redan är försenade. Med --format ics blir varje tidsfrist en
    heldagshändelse med påminnelse som kan importeras i Outlook:
    styrdok due --format ics > frister.ics. En försenad tidsfrist visas på dagens datum
    med FÖRSENAD i rubriken. --format csv > frister.csv öppnas direkt i Excel.
    """
    from governance.lifecycle import due as lib
    from governance.lifecycle.ics import calendar

    corpus = _corpus(root)
    window = within or lib.Window(corpus.config.review_warning_days)
    until = window.end(today)
    found = lib.deadlines(corpus, today, until, owner)
    if fmt == "ics":
        remind = None if no_remind else remind_days
        text = calendar(found, corpus.config.organisation, today, remind)
        click.echo(text.encode("utf-8"), nl=False)
    elif fmt == "csv":
        click.echo(lib.csv_text(found, today, csv_dialect).encode("utf-8"), nl=False)
    else:
        click.echo(lib.table(found, today, until), nl=False)


COMMANDS: list[click.Command] = [new, revise, review, retire, diff, due]
