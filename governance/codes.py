"""Every finding code: its default severity, a Swedish title and what to do.

Severity is configuration: ``severity:`` in styrdok.yaml overrides the defaults here
(``error``, ``warning`` or ``off``), and ``--strict`` makes warnings fail the run.
"""

from __future__ import annotations

from dataclasses import dataclass

from governance.findings import Severity


@dataclass(frozen=True)
class Code:
    severity: Severity
    title: str
    hint: str
    # The command that reports it: "check" (styrdok check) or "links" (styrdok links).
    command: str = "check"


CODES: dict[str, Code] = {
    # Reading files
    "file-too-large": Code(
        "error",
        "Filen är för stor",
        "Dela upp dokumentet eller höj limits.max_file_bytes i styrdok.yaml.",
    ),
    "file-empty": Code(
        "error", "Filen är tom", "Fyll i dokumentet (se 'styrdok new') eller ta bort filen."
    ),
    "file-encoding": Code("error", "Filen är inte UTF-8", "Spara filen som UTF-8 i din editor."),
    "yaml-syntax": Code(
        "error", "Ogiltig YAML", "Rätta raden som anges; kontrollera indrag, kolon och citattecken."
    ),
    "yaml-tab": Code("error", "Tabb i indrag", "Byt tabbarna mot mellanslag (två per nivå)."),
    "yaml-duplicate-key": Code(
        "error", "Dubblerad nyckel", "Ta bort eller slå ihop den ena förekomsten."
    ),
    "yaml-alias": Code(
        "error",
        "Ankare och alias",
        "Skriv ut värdet på varje ställe i stället för &ankare och *alias.",
    ),
    "not-a-mapping": Code(
        "error", "Inte ett dokument", "Filen ska bestå av fält på formen nyckel: värde."
    ),
    # Schema
    "schema-missing": Code("error", "Obligatoriskt fält saknas", "Lägg till fältet."),
    "schema-unknown-field": Code(
        "error", "Okänt fält", "Rätta stavningen eller ta bort fältet; se schemat."
    ),
    "schema-invalid": Code("error", "Ogiltigt värde", "Ändra värdet så att det följer schemat."),
    "date-invalid": Code(
        "error", "Ogiltigt datum", "Skriv ett datum som finns, på formen ÅÅÅÅ-MM-DD."
    ),
    "id-filename": Code(
        "error", "Id och filnamn skiljer sig", "Filen ska heta som dokumentets id, med .yaml."
    ),
    "duplicate-id": Code(
        "error", "Samma id i flera filer", "Ge det ena dokumentet ett nytt id och filnamn."
    ),
    "schema-pointer": Code(
        "warning",
        "Schemat saknas för editorn",
        "Lägg första raden '# yaml-language-server: $schema=…' (se 'styrdok schema --write').",
    ),
    "schema-outdated": Code(
        "warning",
        "Korpusens schema är inaktuellt",
        "Kör 'styrdok schema --write' och checka in filerna.",
    ),
    # Terms from styrdok.yaml
    "unknown-kind": Code(
        "error", "Okänd dokumentsort", "Använd en sort som finns under kinds i styrdok.yaml."
    ),
    "unknown-body": Code(
        "error",
        "Okänt beslutande organ",
        "Använd ett id under bodies i styrdok.yaml, eller lägg till organet där.",
    ),
    "unknown-unit": Code(
        "error",
        "Okänd förvaltning eller enhet",
        "Använd ett id under units i styrdok.yaml, eller lägg till enheten där.",
    ),
    "unknown-role": Code(
        "error",
        "Okänd roll",
        "Använd ett id under roles i styrdok.yaml, eller lägg till rollen där.",
    ),
    "unknown-theme": Code(
        "error",
        "Okänt tema",
        "Använd ett id under themes i styrdok.yaml, eller lägg till temat där.",
    ),
    "kind-field-missing": Code(
        "error",
        "Uppgift saknas för dokumentsorten",
        "Fyll i fältet; styrdok.yaml anger vilka fält sorten kräver.",
    ),
    "decided-by-not-allowed": Code(
        "error", "Fel beslutsfattare för sorten", "Kontrollera beslutet, eller ändra dokumentsort."
    ),
    # References
    "link-unknown": Code(
        "error", "Länk till okänt dokument", "Rätta id:t eller lägg till dokumentet."
    ),
    "link-retired": Code(
        "warning",
        "Länk till upphävt dokument",
        "Länka till dokumentet som ersätter det, eller ta bort länken.",
    ),
    "link-expired": Code(
        "warning",
        "Länk till dokument vars giltighet gått ut",
        "Länka till det dokument som gäller nu, eller ta bort länken.",
    ),
    "link-suspect": Code(
        "warning",
        "Länkat dokument eller mall har ändrats",
        "Läs ändringen, pröva dokumentet och registrera det med 'styrdok review', "
        "eller revidera det.",
    ),
    "template-unknown": Code(
        "error", "Okänd mall", "Rätta mallens id eller lägg till malldefinitionen under templates/."
    ),
    "template-routine-unknown": Code(
        "error",
        "Mallen hör till okänd rutin",
        "Rätta rutinens id under routines i malldefinitionen.",
    ),
    "template-not-listed": Code(
        "warning",
        "Mall och rutin pekar inte på varandra",
        "Lägg till kopplingen åt båda hållen: templates i rutinen och routines i mallen.",
    ),
    # Text
    "placeholder": Code(
        "error",
        "Platshållare i texten",
        "Ersätt platshållaren med det riktiga innehållet, eller ta bort den.",
    ),
    "placeholder-link": Code(
        "error", "Länk utan mål", "Ange länkens riktiga adress, eller ta bort länken."
    ),
    "personnummer": Code(
        "error",
        "Personnummer i texten",
        "Ta bort numret: personnummer och samordningsnummer får aldrig publiceras.",
    ),
    # Dates
    "validity-order": Code("error", "Giltig till före giltig från", "Rätta datumen."),
    "revised-before-decided": Code(
        "warning",
        "Reviderad före beslutet",
        "Kontrollera datumen: en revidering efter beslut ska ha ett senare datum.",
    ),
    "revision-order": Code(
        "error",
        "Revideringar i fel ordning",
        "Ordna revideringarna från äldst till nyast, med stigande versioner.",
    ),
    "revision-duplicate": Code(
        "error", "Samma version två gånger", "Ge varje revidering ett eget versionsnummer."
    ),
    "expired": Code(
        "warning",
        "Giltighetstiden har gått ut",
        "Förläng giltigheten genom nytt beslut, eller upphäv dokumentet.",
    ),
    "expires-soon": Code(
        "warning",
        "Giltighetstiden går snart ut",
        "Planera nytt beslut eller upphävande före slutdatumet.",
    ),
    "review-overdue": Code(
        "warning",
        "Aktualitetsprövning försenad",
        "Pröva dokumentet och registrera det med 'styrdok review', eller revidera det.",
    ),
    "review-due": Code(
        "warning", "Aktualitetsprövning snart", "Planera prövningen med dokumentansvarig."
    ),
}


def _merge_subpackage_codes() -> None:
    # Codes of the Word forms and the link checker live beside their code; imported here,
    # after Code is defined, so each package can import Code from this module.
    from governance.links.codes import LINK_CODES
    from governance.render.forms.codes import WORD_CODES

    for extra in (WORD_CODES, LINK_CODES):
        clash = set(extra) & set(CODES)
        assert not clash, f"finding codes defined twice: {sorted(clash)}"
        CODES.update(extra)


_merge_subpackage_codes()
