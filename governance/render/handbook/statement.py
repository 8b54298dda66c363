"""The accessibility statement (tillgänglighetsredogörelse), generated from what the tests
measured, in the structure Digg (Myndigheten för digital förvaltning) recommends.

The measurement is a small JSON file in site/ (RECORD), written by ``scripts/a11y`` after
axe-core and the reflow check have walked every page of the handbook at three window widths;
the test suite fails when the file no longer says what the walk finds. ``manual`` holds
shortcomings people found that no automatic check sees; they are published as well.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from governance.render.handbook import escape

RECORD = "tillganglighet.json"
STANDARD = "WCAG 2.1 nivå AA"
# What a failed rule means for a reader, and the WCAG success criterion it belongs to.
_RULES = {
    "reflow": ("1.4.10", "Sidor rullar i sidled i ett fönster som är 320 pixlar brett."),
    "scrollable-region-focusable": (
        "2.1.1",
        "Tabeller som är bredare än fönstret kan inte rullas med tangentbordet.",
    ),
    "color-contrast": ("1.4.3", "Text har för låg kontrast mot bakgrunden."),
    "link-name": ("2.4.4", "Länkar saknar text som säger vart de leder."),
    "label": ("1.3.1", "Formulärfält saknar ledtext."),
}
_DIGG = "https://www.digg.se/tdosanmalan"


class Measured(Protocol):
    """One width's walk (tests/a11y_walk.WidthResult)."""

    width: int
    axe: dict[str, list[str]]
    reflow: dict[str, str]


def shortcomings_of(results: Iterable[Measured]) -> list[dict[str, Any]]:
    """The rules that failed, each with the widths and the number of pages."""
    found: dict[str, tuple[set[int], set[str]]] = {}
    for result in results:
        failed = dict(result.axe)
        if result.reflow:
            failed["reflow"] = list(result.reflow)
        for rule, pages in failed.items():
            widths, paths = found.setdefault(rule, (set(), set()))
            widths.add(result.width)
            paths.update(pages)
    return [
        {"rule": rule, "widths": sorted(w, reverse=True), "pages": len(p)}
        for rule, (w, p) in sorted(found.items())
    ]


def read_record(site: Path) -> dict[str, Any] | None:
    path = site / RECORD
    if not path.is_file():
        return None
    data = json.loads(path.read_text("utf-8"))
    return data if isinstance(data, dict) else None


def statement_page(organisation: str, record: dict[str, Any] | None) -> str:
    """The statement as Markdown."""
    org = escape.inline(organisation)
    parts = [
        "---\ntitle: Tillgänglighetsredogörelse\n---\n",
        "# Tillgänglighetsredogörelse\n",
        f"{org} står bakom den här webbplatsen, handboken för styrande dokument. Vi vill att så "
        "många som möjligt ska kunna använda den. Här beskriver vi hur webbplatsen uppfyller "
        "lagen (2018:1937) om tillgänglighet till digital offentlig service, kända brister och "
        "hur du kan rapportera brister till oss så att vi kan åtgärda dem.\n",
        "## Hur tillgänglig är webbplatsen?\n",
        _summary(record),
        "## Vad kan du göra om du inte kan använda delar av webbplatsen?\n",
        "Om du behöver innehåll från webbplatsen i ett annat format, kontakta den som "
        "förvaltar handboken i din organisation. Varje dokument finns också att ladda ner "
        "som Word-fil.\n",
        "## Rapportera brister i webbplatsens tillgänglighet\n",
        "Vi strävar hela tiden efter att förbättra webbplatsens tillgänglighet. Om du upptäcker "
        "problem som inte beskrivs på den här sidan, eller om du anser att vi inte uppfyller "
        "lagens krav, kontakta den som förvaltar handboken och beskriv var på webbplatsen "
        "problemet finns och vad som hände.\n",
        "## Tillsyn\n",
        "Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn för lagen om "
        "tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar "
        "dina synpunkter kan du "
        f"[kontakta Myndigheten för digital förvaltning och påtala det]({_DIGG}).\n",
        "## Teknisk information om webbplatsens tillgänglighet\n",
        *_technical(record),
    ]
    return "\n".join(parts)


def _items(record: dict[str, Any] | None) -> list[str]:
    if record is None:
        return []
    items = []
    for found in record.get("automated", []):
        criterion, text = _RULES.get(
            found["rule"], ("", f"Den automatiska kontrollen {found['rule']} underkänner sidor.")
        )
        where = ", ".join(f"{w} px" for w in found["widths"])
        ref = f" (WCAG 2.1 {criterion})" if criterion else ""
        items.append(f"{text}{ref} Gäller {found['pages']} sidor vid fönsterbredden {where}.")
    items += [str(m) for m in record.get("manual", [])]
    return items


def _summary(record: dict[str, Any] | None) -> str:
    if record is None:
        return (
            "Webbplatsen är byggd för att uppfylla WCAG 2.1 nivå AA, men den har ännu inte "
            "kontrollerats. Vi vet därför inte om den uppfyller lagens krav.\n"
        )
    if _items(record):
        return (
            "Vi är medvetna om att delar av webbplatsen inte är helt tillgängliga. Se avsnittet "
            "om innehåll som inte är tillgängligt nedan.\n"
        )
    return "Vi känner inte till några brister i webbplatsens tillgänglighet.\n"


def _technical(record: dict[str, Any] | None) -> list[str]:
    if record is None:
        return [
            "Webbplatsen har inte bedömts. Redogörelsen fylls i när testerna har körts "
            "(`scripts/a11y`).\n"
        ]
    items = _items(record)
    level = "delvis förenlig" if items else "helt förenlig"
    parts = [
        f"Den här webbplatsen är {level} med lagen om tillgänglighet till digital offentlig "
        f"service{', på grund av de brister som beskrivs nedan' if items else ''}.\n",
        "### Innehåll som inte är tillgängligt\n",
    ]
    if items:
        parts.append("**Bristande förenlighet med lagkraven**\n")
        parts.append("\n".join(f"- {escape.inline(i)}" for i in items) + "\n")
    else:
        parts.append("Inga kända brister.\n")
    widths = ", ".join(f"{w}" for w in record["widths"])
    parts += [
        "## Hur vi testat webbplatsen\n",
        f"Vi har gjort en självskattning (intern testning) av webbplatsen mot {STANDARD}. "
        f"Varje sida ({record['pages']} sidor) kontrolleras automatiskt med "
        f"{escape.inline(record['tool'])} vid fönsterbredderna {widths} pixlar, och att ingen sida "
        "rullar i sidled vid 320 pixlar. Att registret och dokumentsidorna går att använda "
        "med tangentbordet, med synlig markering, testas också automatiskt. Automatiska "
        "kontroller hittar inte alla brister.\n",
        f"Senaste bedömningen gjordes den {record['checked']}.\n",
        f"Redogörelsen uppdaterades senast den {record['checked']}.\n",
    ]
    return parts
