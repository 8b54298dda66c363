"""The import report: one row per file (file, id, fields filled, fields missing, findings)
and, below, what each file needs: problems with their table rows, notes, and the proposed
additions to styrdok.yaml. As text for the terminal, Markdown or CSV (``--report``)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from governance.importer.match import SECTION_WORDS
from governance.importer.run import Outcome

COLUMNS = ("Fil", "Id", "Ifyllda fält", "Saknas", "Anmärkningar", "Resultat")
# The names a process leader knows the fields by (the labels of the metadata table).
NAMES = {
    "title": "Dokumentnamn",
    "kind": "Dokumentsort",
    "decision": "Beslut",
    "decision.registration_number": "Diarienummer",
    "applies_to": "Gäller för",
    "valid_from": "Gäller från",
    "valid_until": "Giltig till",
    "last_revised": "Senast reviderad",
    "owner": "Dokumentansvarig",
    "sections": "Avsnitt",
}


def missing(fields: list[str]) -> str:
    return ", ".join(NAMES.get(f, f) for f in fields) or "–"


@dataclass
class Row:
    file: str
    doc_id: str
    filled: int
    missing: str
    findings: int
    result: str

    def cells(self) -> list[str]:
        return [self.file, self.doc_id, str(self.filled), self.missing, str(self.findings),
                self.result]  # fmt: skip


def rows(outcome: Outcome, dry_run: bool) -> list[Row]:
    out = []
    for item in outcome.files:
        rel = outcome.paths.get(item.path)
        if item.problems and rel is None:
            result = "misslyckades"
        elif rel is None:
            result = "inte skriven"
        else:
            verb = "skulle skrivas" if dry_run else "skriven"
            result = f"{verb}: {rel}" + (" (med fel)" if item.problems else "")
        out.append(
            Row(
                item.path.name,
                str(item.data.get("id", "–")),
                len(item.filled),
                missing(item.missing),
                len(outcome.findings.get(item.path, [])),
                result,
            )
        )
    return out


def details(outcome: Outcome) -> list[str]:
    lines: list[str] = []
    for item in outcome.files:
        for problem in item.problems:
            where = f" (tabellrad {problem.row}, '{problem.label}')" if problem.row else ""
            lines.append(f"Fel: {item.path}{where}: {problem.message.rstrip('.')}.")
        lines += [f"Obs: {item.path}: {note}" for note in item.notes]
        if item.missing and not (item.problems and not item.data):
            lines.append(f"Obs: {item.path}: fylldes inte i: {missing(item.missing)}.")
        for finding in outcome.findings.get(item.path, []):
            label = "fel" if finding.severity == "error" else "varning"
            lines.append(f"Check: {item.path}: {label} [{finding.code}] {finding.message}")
    if outcome.proposals:
        lines.append("Finns inte i styrdok.yaml (lägg till med --update-config):")
        for p in outcome.proposals:
            lines.append(
                f"  {p.section}: - id: {p.id}  name: {p.name}  ({SECTION_WORDS[p.section]})"
            )
    return lines


def text(outcome: Outcome, dry_run: bool) -> str:
    table = [list(COLUMNS), *(r.cells() for r in rows(outcome, dry_run))]
    widths = [max(len(r[c]) for r in table) for c in range(len(COLUMNS))]
    out = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip()
           for r in table]  # fmt: skip
    return "\n".join(out + details(outcome)) + "\n"


def markdown(outcome: Outcome, dry_run: bool) -> str:
    out = ["# Import av Word-dokument", "", "| " + " | ".join(COLUMNS) + " |",
           "|" + "---|" * len(COLUMNS)]  # fmt: skip
    for r in rows(outcome, dry_run):
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in r.cells()) + " |")
    extra = details(outcome)
    if extra:
        out += ["", "## Att göra", ""] + [f"- {line.strip()}" for line in extra]
    return "\n".join(out) + "\n"


def csv_text(outcome: Outcome, dry_run: bool) -> str:
    raw = io.StringIO()
    writer = csv.writer(raw, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in rows(outcome, dry_run):
        writer.writerow(r.cells())
    return raw.getvalue()
