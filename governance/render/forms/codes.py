"""Finding codes of the Word forms (reported by ``styrdok check``): a template's own layout
(.docx with docxtpl tags) compared with its definition."""

from __future__ import annotations

from governance.codes import Code

WORD_CODES: dict[str, Code] = {
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
        "{%tr for rad in tabell %}…{%tr endfor %}.",
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
}
