"""Finding codes of the link checker (reported by ``styrdok links`` and ``check --links``)."""

from __future__ import annotations

from governance.codes import Code

LINK_CODES: dict[str, Code] = {
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
}
