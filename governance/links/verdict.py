"""Results → findings: one per place an address is written, with what to do."""

from __future__ import annotations

from governance import findings
from governance.config import Severity
from governance.findings import Finding, new
from governance.links.collect import Link, Place, position
from governance.links.result import CODE_OF, Result
from governance.load import Entry


def message(url: str, result: Result) -> str:
    """What happened to ``url``, in Swedish."""
    detail = result.detail
    return {
        "moved": f"Länken {url} har flyttats permanent till {result.new_url}.",
        "access": f"Länken {url} kräver inloggning eller behörighet: {detail}.",
        "too-large": f"Länken {url} går till en fil på {detail}, mer än links.max_body_bytes."
        if detail
        else f"Länken {url} går till en fil som är större än links.max_body_bytes.",
        "broken": f"Länken {url} fungerar inte: {detail}.",
        "server-error": f"Servern för {url} svarar med fel: {detail}.",
        "rate-limited": f"Servern för {url} begränsar antalet anrop: {detail}.",
        "timeout": f"Servern för {url} svarar inte: {detail}.",
        "connection": f"Länken {url} kan inte nås: {detail}.",
        "dns": f"Länken {url} kan inte nås: {detail}.",
        "tls": f"Säker anslutning för {url} misslyckades: {detail}.",
        "redirect-loop": f"Länken {url} omdirigeras utan slut: {detail}.",
        "invalid": f"'{url}' är ingen giltig adress: {detail}.",
        "unchecked": f"Länken {url} kontrollerades inte: {detail}.",
    }.get(result.outcome, f"Länken {url}: {result.outcome}.")


def finding(code: str, link: Link, text: str, entries: dict[str, Entry]) -> Finding:
    line, column = position(link, entries)
    return _at(code, link.place, text, line, column)


def place_finding(code: str, place: Place, text: str) -> Finding:
    """A finding about a file as a whole (no line), e.g. an unreadable Word layout."""
    return _at(code, place, text, place.line, place.column)


def _at(code: str, place: Place, text: str, line: int, column: int) -> Finding:
    if place.context:
        text = f"{text.rstrip('.')} ({place.context})."
    return new(
        code,
        place.path,
        text,
        place.loc,
        line=line,
        column=column,
        doc_id=place.doc_id,
        field=place.field,
    )


def result_finding(link: Link, url: str, result: Result, entries: dict[str, Entry]) -> Finding:
    return finding(CODE_OF[result.outcome], link, message(url, result), entries)


def configured(found: list[Finding], severity: dict[str, Severity]) -> list[Finding]:
    """The findings with the severity set in styrdok.yaml (``off`` drops them), sorted."""
    return sorted(findings.configured(found, severity), key=lambda f: f.sort_key)
