"""Every finding code: its default severity, a Swedish title and what to do.

Severity is configuration: ``severity:`` in styrdok.yaml overrides the defaults here
(``error``, ``warning`` or ``off``), and ``--strict`` makes warnings fail the run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]
Level = Literal["error", "warning", "off"]  # what styrdok.yaml may set a code to


@dataclass(frozen=True)
class Code:
    """What a finding code means: its default severity, a Swedish title and what to do."""

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
    "file-unreadable": Code(
        "error",
        "Filen kan inte läsas",
        "Det ska vara en vanlig fil: ta bort eller byt namn på mappen, rörledningen eller den "
        "symboliska länken som pekar fel (eller i en slinga).",
    ),
    "file-outside-corpus": Code(
        "error",
        "Symbolisk länk ut ur korpusen",
        "Kopiera in filen i korpusen i stället för att länka till den; styrdok läser och "
        "publicerar bara filer inom korpusen.",
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
    "date-out-of-range": Code(
        "error",
        "Datumet går inte att räkna med",
        "Rätta datumet (ett beslutsdatum eller en revidering år 9999 är ett skrivfel); "
        "nästa aktualitetsprövning måste hamna före 9999-12-31.",
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
        "Använd ett id under bodies i styrdok.yaml, eller lägg till organet där och under "
        "decided_by för dokumentsorten (kinds i styrdok.yaml).",
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
    "link-self": Code(
        "warning",
        "Dokumentet länkar till sig självt",
        "Ta bort id:t ur links: ett dokument ska bara länka till andra dokument.",
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
    "url-unsafe": Code(
        "error",
        "Otillåten adress",
        "Skriv en adress som börjar med https://, http://, mailto: eller tel:, eller en "
        "relativ länk. Andra adresser (javascript:, data:, vbscript:, file:) visas bara som "
        "text i handboken.",
    ),
    "image-remote": Code(
        "error",
        "Bild från en annan server",
        "Lägg bilden i handboken och länka relativt, eller gör en vanlig länk av adressen: "
        "en bild från en annan server hämtas varje gång sidan läses.",
    ),
    "text-admonition": Code(
        "warning",
        "Ruta med !!! i texten",
        "Ta bort '!!!': rutor som ser ut som handbokens statusruta kan inte göras i texten, "
        "raden visas som vanlig text. Skriv det viktiga i fetstil i stället.",
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
    # Word forms: a template's own layout (.docx with docxtpl tags) against its definition
    "layout-missing": Code(
        "error",
        "Layouten saknas",
        "Lägg .docx-filen där fältet layout pekar (räknat från malldefinitionens mapp, "
        "inom korpusen), eller ta bort fältet.",
    ),
    "layout-invalid": Code(
        "error",
        "Layouten kan inte läsas",
        "Spara layouten som Word-dokument (.docx) i Word eller LibreOffice; den får vara "
        "högst 20 MB.",
    ),
    "layout-syntax": Code(
        "error",
        "Fel i layoutens taggar",
        "Rätta taggen i layouten: {{ nyckel }}, {% if nyckel %}…{% endif %}, "
        "{%tr for rad in tabell %}…{%tr endfor %}. En layout får inte hämta andra filer "
        "(include, extends, import) eller använda |attr, .format, % eller hakparenteser "
        "utom på en tabellrad (rad['kolumn']).",
    ),
    "layout-field-unknown": Code(
        "error",
        "Layouten använder ett fält som mallen saknar",
        "Rätta namnet i layouten, eller lägg till fältet i malldefinitionen.",
    ),
    "layout-field-unused": Code(
        "warning",
        "Fält som layouten inte visar",
        "Lägg till fältet i layouten ({{ nyckel }}), eller ta bort det ur malldefinitionen.",
    ),
    # The link checker (styrdok links, check --links), which needs the network
    "link-broken": Code(
        "error",
        "Länken fungerar inte",
        "Sök upp sidans nya adress och byt länken, eller ta bort länken.",
        command="links",
    ),
    "link-server-error": Code(
        "error",
        "Servern svarar med fel",
        "Öppna länken i en webbläsare; fungerar den inte i morgon heller, kontakta "
        "webbplatsens ägare eller byt länken.",
        command="links",
    ),
    "link-timeout": Code(
        "error",
        "Servern svarar inte",
        "Öppna länken i en webbläsare. Är servern bara långsam, höj links.timeout (eller "
        "timeout för värden under links.hosts) i styrdok.yaml.",
        command="links",
    ),
    "link-connection": Code(
        "error",
        "Anslutningen misslyckades",
        "Kontrollera adressen och öppna den i en webbläsare; servern kan vara nere eller flyttad.",
        command="links",
    ),
    "link-dns": Code(
        "error",
        "Servernamnet finns inte",
        "Rätta stavningen av servernamnet, eller sök upp sidans nya adress.",
        command="links",
    ),
    "link-tls": Code(
        "error",
        "Säker anslutning (TLS) misslyckades",
        "Kontrollera att adressen är rätt. Är det en intern server med eget certifikat, "
        "sätt verify_tls: false för värden under links.hosts i styrdok.yaml.",
        command="links",
    ),
    "link-redirect-loop": Code(
        "error",
        "Omdirigeringar utan slut",
        "Öppna länken i en webbläsare och länka till sidan där den faktiskt hamnar, eller "
        "ta bort länken.",
        command="links",
    ),
    "link-invalid": Code(
        "error",
        "Ogiltig adress",
        "Skriv hela adressen med https://, en e-postadress som mailto:namn@exempel.se eller "
        "ett telefonnummer som tel:+46313650000.",
        command="links",
    ),
    "link-internal-broken": Code(
        "error",
        "Intern länk till sida eller avsnitt som inte finns",
        "Rätta länken: sidan heter som dokumentets id (id.md) och avsnittet som rubriken "
        "med små bokstäver och bindestreck, utan å, ä och ö (#syfte-och-mal).",
        command="links",
    ),
    "link-moved": Code(
        "warning",
        "Länken har flyttats permanent",
        "Byt till den nya adressen som meddelandet anger.",
        command="links",
    ),
    "link-access": Code(
        "warning",
        "Länken kräver inloggning eller behörighet",
        "Kontrollera att läsarna har behörighet. Går länken till ett intranät som bara "
        "nås inloggad, lägg adressen under links.exclude i styrdok.yaml.",
        command="links",
    ),
    "link-rate-limited": Code(
        "warning",
        "Servern begränsar antalet anrop",
        "Länken kontrolleras igen vid nästa körning. Händer det ofta, sänk concurrency för "
        "värden under links.hosts i styrdok.yaml.",
        command="links",
    ),
    "link-too-large": Code(
        "warning",
        "Länken går till en mycket stor fil",
        "Kontrollera att länken går till rätt fil; är den rätt, höj links.max_body_bytes "
        "i styrdok.yaml.",
        command="links",
    ),
    "link-unchecked": Code(
        "warning",
        "Länken kunde inte kontrolleras",
        "Kör styrdok links igen; räcker tiden inte, höj links.budget i styrdok.yaml.",
        command="links",
    ),
    # Current and complete
    "registration-number-missing": Code(
        "warning",
        "Gällande dokument utan diarienummer",
        "Skriv in diarienumret från beslutet under decision.registration_number. Ett utkast "
        "behöver inget: numret kommer med beslutet.",
    ),
    "last-reviewed-missing": Code(
        "warning",
        "Kunskapsstöd utan datum för senaste granskning",
        "Fyll i fact_check.date med dagen då sidan senast granskades, eller granska den nu.",
    ),
    "figures-stale": Code(
        "warning",
        "Siffrorna är gamla",
        "Uppdatera siffrorna och figures_as_of, eller ta bort dem. Åldersgränsen är "
        "figures_max_age_months i styrdok.yaml.",
    ),
    "unit-ended": Code(
        "warning",
        "Gäller för en enhet som upphört",
        "Byt till den förvaltning som tagit över (applies_to), eller revidera eller upphäv "
        "dokumentet.",
    ),
    "external-duplicate": Code(
        "warning",
        "Samma externa dokument två gånger",
        "Behåll ett av dem, länka dit och ta bort dubbletten (eller skilj dem åt i titeln).",
    ),
}


# Findings about what is not yet decided or filled in: a warning while the document is a
# draft (status: draft), the code's own severity once it is in force or retired.
UNDECIDED: frozenset[str] = frozenset(
    {"placeholder", "placeholder-link", "link-unknown", "template-unknown"}
)
