"""The metadata table: which table it is, and its labels → fields.

Three shapes are read: a label column and a value column (styrdok's own export, many
templates), cells that hold "Etikett: värde" (source 003's grid), and cells with the label
in one paragraph and the value below it. Merged cells count once. A value can hold a second
label ("2022-01-27 Länkar uppdaterade 2024-02-06"), which is then read as its own entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from governance.importer.match import normal
from governance.importer.reader import Block, Para, Segment, markdown_of

# field → the labels it is written with, the usual one first.
LABELS: dict[str, tuple[str, ...]] = {
    "title": ("Dokumentnamn", "Dokumentets namn", "Dokumenttitel", "Titel"),
    "kind": ("Dokumentsort", "Dokumenttyp", "Typ av dokument"),
    "status": ("Status",),
    "publisher": ("Utgivare",),
    "url": ("Webbadress",),
    "decided_by": (
        "Beslutad av",
        "Beslutsinstans",
        "Fastställd av",
        "Beslutsfattare",
        "Antagen av",
        "Beslutat av",
    ),
    "applies_to": ("Gäller för", "Giltig för", "Omfattar"),
    "registration_number": ("Diarienummer", "Dnr", "Ärendenummer"),
    "decision_date": (
        "Datum och paragraf för beslutet",
        "Beslutsdatum",
        "Datum för beslut",
        "Beslutsdatum och paragraf",
        "Fastställd datum",
        "Fastställd den",
        "Beslutad den",
    ),
    "validity": ("Giltighetstid", "Giltighet"),
    "valid_from": ("Gäller från", "Giltig från", "Gäller fr.o.m.", "Gäller från och med"),
    "valid_until": (
        "Giltig till",
        "Gäller till",
        "Gäller t.o.m.",
        "Giltig t.o.m.",
        "Gäller till och med",
    ),
    "last_revised": ("Senast reviderad", "Senast ändrad", "Reviderad", "Revideringsdatum"),
    "links_checked": ("Länkar kontrollerade", "Länkar uppdaterade", "Länkar granskade"),
    "owner": ("Dokumentansvarig", "Ansvarig", "Dokumentägare", "Ansvarig för dokumentet"),
    "version": ("Version",),
    "attachments": ("Bilagor", "Bilaga"),
    "next_review": ("Nästa aktualitetsprövning",),
}
_BY_NORMAL = {normal(label): name for name, labels in LABELS.items() for label in labels}
_HEADER = {normal("Uppgift"), normal("Värde")}
_INNER = re.compile(
    "|".join(
        re.escape(label)
        for labels in LABELS.values()
        for label in labels
        if " " in label and label not in ("Beslutad av", "Gäller för")
    ),
    re.IGNORECASE,
)
MIN_LABELS = 3


@dataclass
class Entry:
    field: str
    label: str
    text: str  # the value, plain
    lines: list[Para]  # the value's paragraphs (hyperlinks and Markdown)
    row: int  # 1-based row of the table


@dataclass
class Table:
    index: int  # position among the document's blocks
    entries: list[Entry]


def field_of(label: str) -> str | None:
    return _BY_NORMAL.get(normal(label.rstrip(": ")))


def find_table(blocks: list[Block]) -> Table | None:
    """The first table with at least three known labels."""
    for index, block in enumerate(blocks):
        if block.kind != "table":
            continue
        entries = entries_of(block)
        if len({e.field for e in entries}) >= MIN_LABELS:
            return Table(index, entries)
    return None


def entries_of(block: Block) -> list[Entry]:
    entries: list[Entry] = []
    for row_no, row in enumerate(block.rows, start=1):
        cells = [c for c in row if c]
        if len(row) == 2 and not row[0] and entries and row[1]:  # a label merged downwards
            last = entries[-1]
            last.text = f"{last.text}\n{_plain(row[1])}".strip()
            last.lines += row[1]
            continue
        if len(cells) == 2 and _label_cell(cells[0]):
            field = _label_cell(cells[0]) or ""
            label = cells[0][0].plain.rstrip(": ")
            entries += _split(Entry(field, label, _plain(cells[1]), cells[1], row_no))
            continue
        for cell in cells:
            entries += _cell_entries(cell, row_no)
    return entries


def _label_cell(cell: list[Para]) -> str | None:
    texts = [p.plain for p in cell if p.plain]
    if len(texts) != 1 or normal(texts[0]) in _HEADER:
        return None
    return field_of(texts[0])


def _cell_entries(cell: list[Para], row_no: int) -> list[Entry]:
    """ "Etikett: värde" or a label paragraph with the value below, several per cell."""
    out: list[Entry] = []
    current: Entry | None = None
    for para in cell:
        label, rest = _leading_label(para.plain)
        if label:
            current = Entry(field_of(label) or "", label, rest, [], row_no)
            if rest:
                current.lines.append(_rest_para(para, rest))
            out.append(current)
        elif current is not None and para.plain:
            current.text = f"{current.text}\n{para.plain}".strip()
            current.lines.append(para)
    return [part for entry in out for part in _split(entry)]


def _leading_label(text: str) -> tuple[str | None, str]:
    if ":" in text:
        head, rest = text.split(":", 1)
        if field_of(head):
            return head.strip(), rest.strip()
    if field_of(text):
        return text.strip(), ""
    return None, text


def _rest_para(para: Para, rest: str) -> Para:
    """The value part of a "Label: value" paragraph, its links and formatting kept."""
    segments: list[Segment] = []
    seen_colon = False
    for seg in para.segments:
        if seen_colon:
            segments.append(seg)
        elif ":" in seg.text:
            seen_colon = True
            tail = seg.text.split(":", 1)[1].lstrip()
            if tail:
                segments.append(Segment(tail, seg.bold, seg.italic, seg.code, seg.url))
    return Para(markdown_of(segments), rest, segments)


def _split(entry: Entry) -> list[Entry]:
    """An entry whose value names a second label is two entries."""
    found = _INNER.search(entry.text)
    if not found or found.start() == 0:
        return [entry]
    first = Entry(entry.field, entry.label, entry.text[: found.start()].strip(), [], entry.row)
    rest = entry.text[found.end() :].strip(" :")
    second = Entry(field_of(found.group(0)) or "", found.group(0), rest, [], entry.row)
    return [first, *_split(second)]


def _plain(cell: list[Para]) -> str:
    return "\n".join(p.plain for p in cell if p.plain)
