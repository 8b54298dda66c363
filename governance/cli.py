"""The ``styrdok`` command: options and output only; the work is done by the library."""

from __future__ import annotations

import gc
import os
import sys
from datetime import date
from pathlib import Path

import click
from click.core import ParameterSource

from governance import __version__
from governance.check import check as run_check
from governance.clitext import counted, swedish_usage
from governance.extras import require
from governance.findings import CODES, SEVERITY_SV
from governance.options import output_options, root_option, today_option
from governance.report import render, show


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="styrdok", message="%(prog)s %(version)s")
@click.pass_context
def main(ctx: click.Context) -> None:
    """styrdok: styrande dokument som kod.

    Rutiner, riktlinjer och mallar skrivs som YAML under routines/ och templates/.
    styrdok kontrollerar dem och gör handbok och Word-mallar av dem.

    Exit-status: 0 = inga fel, 1 = fel hittades, 2 = fel i kommandot eller i styrdok.yaml.
    """
    if os.environ.get("NO_COLOR"):
        ctx.color = False


@main.command()
@root_option
@today_option
@output_options
@click.option(
    "--links",
    "with_links",
    is_flag=True,
    help="Kontrollera också länkarna (med nätverk), som 'styrdok links', i samma rapport.",
)
def check(root: Path, today: date, fmt: str, strict: bool, with_links: bool) -> None:
    """Kontrollera korpusen (utan nätverk).

    Hittar schemafel, okända länkar och id, länkar till upphävda eller utgångna dokument,
    platshållare som [Nummer], omöjliga datum, utgången giltighet, försenad
    aktualitetsprövning, fel beslutsfattare och personnummer. Varje anmärkning anger fil,
    rad, fält och vad du ska göra. 'styrdok codes' listar alla koder. Med --links
    kontrolleras också externa länkar och interna länkar till handbokens avsnitt.
    """
    corpus, findings = run_check(root, today)
    if with_links:
        from governance.links.cli import add_link_findings

        findings = add_link_findings(corpus, findings, today)
    show(findings, fmt, len(corpus.entries), strict=strict)


@main.command()
@root_option
@today_option
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Mapp för den färdiga webbplatsen. Standard: build/handbok i korpusen.",
)
@click.option(
    "--pdf/--no-pdf",
    default=True,
    show_default=True,
    help="Gör PDF av dokumenten med LibreOffice (sparas i .styrdok/cache/).",
)
@click.option(
    "--downloads/--no-downloads",
    default=True,
    show_default=True,
    help="Erbjud dokumenten som Word/PDF och mallarna som ifyllbara formulär.",
)
@click.option(
    "--site-url",
    metavar="ADRESS",
    callback=lambda ctx, param, value: _site_url(value),
    help="Adressen där handboken publiceras, t.ex. https://intranat.example.se/handbok/ "
    "(GitLab: $CI_PAGES_URL). Sidan för adresser som inte finns länkar då dit; utan den "
    "letar sidan själv upp handbokens startsida.",
)
@click.option(
    "--clean",
    is_flag=True,
    help="Bygg om alla sidor, inte bara dem som en ändring berör (byggcachen i .styrdok/site/).",
)
@click.option(
    "--maintainer",
    is_flag=True,
    help="Förhandsvisning för dokumentansvariga: varje sida visar kontrollens anmärkningar.",
)
@click.option(
    "--drafts",
    is_flag=True,
    help="Ta med utkasten, med en tydlig utkastmarkering, för förhandsgranskning (som "
    "--maintainer visar sidorna då kontrollens anmärkningar). Utan flaggan publiceras bara "
    "beslutade dokument.",
)
@click.option(
    "--archive/--no-archive",
    default=True,
    show_default=True,
    help="Ge varje version ur git-historiken en egen sida (versionsarkivet).",
)
def build(
    root: Path,
    today: date,
    out: Path | None,
    pdf: bool,
    downloads: bool,
    site_url: str | None,
    clean: bool,
    maintainer: bool,
    drafts: bool,
    archive: bool,
) -> None:
    """Bygg handboken: kontrollera korpusen och gör en webbplats med MkDocs Material.

    Fel i ett gällande eller upphävt dokument stoppar bygget och skrivs ut; varningar visas
    på sidan Aktualitetsprövning (med --maintainer också på de sidor de gäller). Utkast
    (status: draft) publiceras inte och deras anmärkningar stoppar inte bygget; --drafts
    tar med dem för förhandsgranskning. MkDocs-projektet skrivs till .styrdok/handbook/ och
    kan byggas med mkdocs direkt. Varje styrande dokument kan laddas ner som Word och PDF,
    varje mall som ifyllbart Word-formulär; oförändrade filer tas ur .styrdok/cache/. Bara
    de sidor som en ändring berör byggs om (byggcachen i .styrdok/site/); en ändring i
    styrdok.yaml eller site/ bygger om allt, och --clean likaså.

    Förloppet visas på standard error: i en terminal som stapel, annars en rad var 15:e
    sekund. Exit-status 1 också när LibreOffice inte kunde göra en PDF (handboken byggs
    ändå, med Word för de dokumenten), eller när --pdf angavs och LibreOffice saknas.
    """
    require("handbook", "build")
    from governance.progress import StreamStages
    from governance.render.handbook.build import build_handbook

    target = out or root / "build" / "handbok"
    click.echo("Kontrollerar korpusen …", err=True)
    result = build_handbook(
        root,
        target,
        today,
        pdf=pdf,
        downloads=downloads,
        site_url=site_url,
        clean=clean,
        drafts=drafts,
        progress=StreamStages(),
        maintainer=maintainer,
        archive=archive,
    )
    gc.freeze()  # the process ends soon: its last collection need not scan what the build left
    for note in result.notes:
        click.echo(note, err=True)
    if result.errors:
        click.echo(render(result.findings, "text", result.files), nl=False)
        click.echo("Handboken byggdes inte: rätta felen ovan först.", err=True)
        sys.exit(1)
    if result.draft_errors:
        files = sorted({f.path for f in result.draft_errors})
        click.echo(
            f"{len(result.draft_errors)} fel i utkast ({', '.join(files)}); utkast publiceras "
            "inte, så bygget fortsatte. Se 'styrdok check'.",
            err=True,
        )
    shown = sum(
        f.severity == "warning" and (drafts or f.path not in result.drafts) for f in result.findings
    )
    where = "på sidorna" if maintainer or drafts else "på sidan Aktualitetsprövning"
    warnings = counted(shown, "varning", "varningar")
    left_out = f", {len(result.drafts)} utkast inte med" if result.drafts and not drafts else ""
    click.echo(f"Handboken finns i {target} ({warnings} visas {where}{left_out}).")
    explicit = click.get_current_context().get_parameter_source("pdf")
    if result.pdf_failed or (result.no_office and explicit == ParameterSource.COMMANDLINE):
        missing = counted(len(result.pdf_failed), "dokument", "dokument")
        what = f"PDF saknas för {missing}" if result.pdf_failed else "PDF kunde inte göras"
        click.echo(f"Fel: {what} (se ovan); exit-status 1.", err=True)
        sys.exit(1)
    _end_at_once()


_AT_ONCE: list[bool] = []  # set by ``run``: this process is the styrdok program


def run() -> None:
    """The ``styrdok`` program (``python -m governance``): ``main``, and a build that is
    done ends the process at once (``_end_at_once``)."""
    _AT_ONCE.append(True)
    main(prog_name="styrdok")


def _end_at_once() -> None:
    """End the styrdok program after a build without taking the loaded corpus apart
    object by object first (~0.05 s of 2,000 documents; the system frees the memory at
    once): the output is flushed, and nothing else is left (no files open, no child
    processes, no temporary folders: each is closed by the block that made it). Not when
    the command runs inside another program (a test's CliRunner)."""
    if _AT_ONCE:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


def _site_url(value: str | None) -> str | None:
    """An absolute http(s) address, or None (also for an empty CI variable)."""
    if not value or value.startswith(("https://", "http://")):
        return value or None
    raise click.BadParameter(
        f"'{value}' är ingen fullständig adress: skriv till exempel "
        "https://intranat.example.se/handbok/."
    )


@main.command()
@root_option
@today_option
@click.option("--port", default=8000, show_default=True, help="Port på 127.0.0.1.")
@click.option(
    "--maintainer",
    is_flag=True,
    help="Förhandsvisning för dokumentansvariga: varje sida visar kontrollens anmärkningar.",
)
def serve(root: Path, today: date, port: int, maintainer: bool) -> None:
    """Förhandsgranska handboken på http://127.0.0.1:PORT med automatisk omladdning.

    När du sparar en fil under routines/, templates/ eller site/ byggs sidan om.
    """
    require("handbook", "serve")
    from governance.render.handbook.serve import serve_handbook

    serve_handbook(root, today, port, maintainer)


@main.command()
@click.argument("name", type=click.Choice(["document", "template", "config"]), default="document")
@click.option("--write", is_flag=True, help="Skriv alla scheman till korpusens mapp schema/.")
@root_option
def schema(name: str, write: bool, root: Path) -> None:
    """Skriv ut JSON Schema för dokument, mallar eller styrdok.yaml.

    Med --write uppdateras korpusens kopior i schema/, som filernas första rad pekar på,
    så att en editor med YAML language server fyller i och förklarar fälten.
    """
    from governance.schema import schema_text, write_schemas

    if not write:
        click.echo(schema_text(name), nl=False)
        return
    changed = write_schemas(root)
    for path in changed:
        click.echo(f"Skrev {path}")
    if not changed:
        click.echo("Schemafilerna är redan aktuella.")


@main.command()
@click.argument("directory", metavar="MAPP", type=click.Path(path_type=Path))
@click.option(
    "--organisation", default="Min kommun", show_default=True, help="Organisationens namn."
)
@click.option(
    "--source",
    metavar="KÄLLA",
    help="Var CI och pre-commit installerar styrdok ifrån: en git-adress låst till en commit "
    "(git+https://…/styrdok.git@COMMIT), en adress till ett hjul (.whl) eller en sökväg. "
    "Standard: samma källa som det här styrdok installerades från.",
)
def init(directory: Path, organisation: str, source: str | None) -> None:
    """Skapa en ny korpus i MAPP: styrdok.yaml, mappar, scheman och en exempelrutin.

    Skriver också .gitignore, CI för GitHub Actions och GitLab, .pre-commit-config.yaml
    och inställningar för VS Code (.vscode/), som ger hjälp och kontroll medan du skriver.
    """
    from governance.scaffold import create_corpus
    from governance.source import default_source, is_local, normalise

    spec = normalise(source) if source else default_source()
    for path in create_corpus(directory, organisation, date.today(), spec):
        click.echo(f"Skapade {path}")
    click.echo(f"CI och pre-commit installerar styrdok från: {spec}")
    if is_local(spec):
        click.echo(
            "Obs: källan är en fil på den här datorn, som CI inte kommer åt. Ange en adress "
            "som CI når med --source (se README: Installera), eller ändra variabeln STYRDOK i "
            "CI-filerna.",
            err=True,
        )
    elif "@" not in spec:
        click.echo(
            f"Obs: styrdok installeras från paketindexet ({spec}). Ange hellre er egen källa "
            "med --source (se README: Installera).",
            err=True,
        )
    click.echo(f"Klart. Gå till {directory} och kör 'styrdok check'.")


@main.command()
def codes() -> None:
    """Lista alla koder som 'styrdok check' och 'styrdok links' kan rapportera, med grad."""
    width = max(len(code) for code in CODES)
    for code, info in CODES.items():
        label = SEVERITY_SV[info.severity]
        click.echo(f"{code:<{width}}  {label:<7}  {info.title}")


def _register_subcommands() -> None:
    # Each package keeps its click commands in its own cli module (COMMANDS).
    from governance.archive.cli import COMMANDS as archive_commands
    from governance.completion import COMMANDS as completion_commands
    from governance.importer.cli import COMMANDS as import_commands
    from governance.lifecycle.cli import COMMANDS as lifecycle_commands
    from governance.links.cli import COMMANDS as links_commands
    from governance.render.export.cli import COMMANDS as export_commands
    from governance.render.forms.cli import COMMANDS as word_commands

    for command in [
        *lifecycle_commands,
        *word_commands,
        *export_commands,
        *links_commands,
        *completion_commands,
        *import_commands,
        *archive_commands,
    ]:
        main.add_command(command)
    swedish_usage(main)


_register_subcommands()
