"""Case data for ``styrdok fill``: reading YAML, JSON and CSV, and validating every record
against the template's fields before anything is rendered.

A file holds one record (a YAML or JSON mapping) or many (a list of mappings, or a CSV
file with one row per document and the field keys as header). The output of
``styrdok extract`` (``template``, ``version``, ``values``) is read as one record. A
problem with the file itself stops everything; a problem in one record is reported for
that record, and the other records are still filled.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from governance.errors import InputError
from governance.messages import did_you_mean
from governance.model import Template, TemplateColumn, TemplateField
from governance.render.forms.ooxml import INVALID_XML
from governance.safefile import Unreadable, read_bytes
from governance.yamlio import Locator, YamlProblem, decode, read_fast

MAX_DATA_BYTES = 50_000_000
MAX_TABLE_ROWS = 1000
SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".csv": "csv"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YES, _NO = {"ja", "true"}, {"nej", "false"}
Item = TemplateField | TemplateColumn


@dataclass
class Record:
    """One document's data and where it is in the file (``rad 3``, ``post 2``)."""

    where: str
    data: dict[str, Any]
    number: int = 1
    lines: dict[str, int] = field(default_factory=dict)  # field → line, when known
    problem: str | None = None  # the record as a whole cannot be used


@dataclass
class DataFile:
    path: Path
    records: list[Record]
    many: bool  # a list or a CSV file: one document per record, -o is a folder


@dataclass
class Checked:
    """A validated record: the values (typed, complete for rendering) or the errors."""

    record: Record
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def read_data(path: Path, template: Template) -> DataFile:
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise InputError(
            f"{path}: okänd filtyp '{path.suffix}'. Data läses från .yaml, .yml, .json eller .csv."
        )
    raw = _read(path)
    if kind == "csv":
        return DataFile(path, list(_csv_records(path, raw, template)), many=True)
    text = _text(path, raw)
    if kind == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"{path}:{exc.lineno}:{exc.colno}: filen är inte giltig JSON ({exc.msg})."
            ) from None
        except (RecursionError, ValueError) as exc:  # nesting or a number of 5000 digits
            reason = "för djupt nästlad" if isinstance(exc, RecursionError) else str(exc)
            raise InputError(f"{path}: filen är inte giltig JSON ({reason}).") from None
        return _records(path, data, template, None)
    try:
        data = read_fast(text, numbers_as_text=True)  # 0701234567 keeps its leading zero
    except YamlProblem as exc:
        raise InputError(f"{path}:{exc.line}:{exc.column}: {exc.message}") from None
    return _records(path, data, template, Locator(text))


def _read(path: Path) -> bytes:
    try:
        return read_bytes(path, MAX_DATA_BYTES)
    except Unreadable as exc:
        if exc.code == "file-too-large":
            raise InputError(
                f"{path}: filen är {exc.size / 1e6:.0f} MB; data får vara högst "
                f"{MAX_DATA_BYTES / 1e6:.0f} MB. Dela upp den."
            ) from None
        reason = exc.message[0].lower() + exc.message[1:]
        raise InputError(f"{path}: {reason}") from None


def _text(path: Path, raw: bytes) -> str:
    try:
        return decode(raw)
    except YamlProblem as exc:
        raise InputError(
            f"{path}:{exc.line}:{exc.column}: {exc.message} Spara filen som UTF-8."
        ) from None


def _records(path: Path, data: Any, template: Template, locator: Locator | None) -> DataFile:
    data = _unwrap_extracted(path, data, template)
    if isinstance(data, dict):
        lines = _lines(locator, (), data)
        return DataFile(path, [Record("", data, 1, lines)], many=False)
    if not isinstance(data, list) or not data:
        raise InputError(
            f"{path}: data ska vara en mappning (fält: värde) för ett dokument, eller en "
            "lista av mappningar för flera."
        )
    records = []
    for i, item in enumerate(data):
        line = locator.position((i,))[0] if locator else 0
        where = f"post {i + 1}" + (f" (rad {line})" if line else "")
        if isinstance(item, dict):
            records.append(Record(where, item, i + 1, _lines(locator, (i,), item)))
        else:
            records.append(Record(where, {}, i + 1, problem="ska vara en mappning av fält."))
    return DataFile(path, records, many=True)


def _lines(locator: Locator | None, base: tuple[int, ...], data: dict[str, Any]) -> dict[str, int]:
    if locator is None:
        return {}
    return {str(key): locator.position((*base, str(key)))[0] for key in data}


def _unwrap_extracted(path: Path, data: Any, template: Template) -> Any:
    """The values of a file that ``styrdok extract`` wrote, or ``data`` as it is."""
    if not (isinstance(data, dict) and isinstance(data.get("values"), dict)):
        return data
    if not set(data) <= {"template", "version", "values"} or "template" not in data:
        return data
    if data["template"] != template.id:
        raise InputError(
            f"{path}: data kommer från ett formulär av mallen '{data['template']}', "
            f"inte '{template.id}'."
        )
    return data["values"]


def _csv_records(path: Path, raw: bytes, template: Template) -> Iterator[Record]:
    text = _text(path, raw)
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
        if not header or not any(h.strip() for h in header):
            raise InputError(f"{path}: filen saknar rubrikrad med fältens nycklar.")
        keys = _csv_header(path, [h.strip() for h in header], template)
        number = 0
        start = reader.line_num + 1
        for row in reader:
            where, start = f"rad {start}", reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            number += 1
            if len(row) != len(keys):
                problem = f"raden har {len(row)} värden men rubrikraden {len(keys)}."
                yield Record(where, {}, number, problem=problem)
                continue
            yield Record(where, _csv_values(keys, row, template), number)
    except csv.Error as exc:
        raise InputError(
            f"{path}: rad {reader.line_num}: filen är inte giltig CSV ({exc})."
        ) from None


def _csv_header(path: Path, header: list[str], template: Template) -> list[str]:
    known = [f.key for f in template.fields]
    problems = []
    for n, key in enumerate(header, start=1):
        if not key:
            problems.append(f"Kolumn {n} saknar rubrik.")
        elif key not in known:
            problems.append(f"Okänd kolumn '{key}'.{did_you_mean(key, known)}")
        elif header.count(key) > 1:
            problems.append(f"Kolumnen '{key}' finns flera gånger.")
    if problems:
        raise InputError(
            f"{path}: rad 1 (rubrikraden): "
            + " ".join(dict.fromkeys(problems))
            + " Rubrikerna ska vara fältens nycklar: "
            + ", ".join(known)
            + ". Inget dokument gjordes."
        )
    return header


def _csv_values(keys: list[str], row: list[str], template: Template) -> dict[str, Any]:
    fields = {f.key: f for f in template.fields}
    values: dict[str, Any] = {}
    for key, cell in zip(keys, row, strict=True):
        if cell == "":
            continue
        if fields[key].type == "table":
            try:
                values[key] = json.loads(cell)
            except (ValueError, RecursionError):  # not JSON, too deep, a number too long
                values[key] = _NotJson(cell)
        else:
            values[key] = cell
    return values


class _NotJson(str):
    """A CSV cell for a table that is not JSON (reported by validation)."""


def validate(template: Template, record: Record) -> Checked:
    """Check a record against the fields; on success, ``values`` holds every field (empty
    ones as "", False or a single empty table row) ready for the template."""
    checked = Checked(record)
    if record.problem:
        checked.errors.append(record.problem)
        return checked
    fields = {f.key: f for f in template.fields}
    for key in record.data:
        if key not in fields:
            checked.errors.append(
                _at(record, str(key), None)
                + f"okänt fält.{did_you_mean(str(key), fields)} Mallens fält: "
                + ", ".join(fields)
                + "."
            )
    for item in template.fields:
        value, errors = _field(item, record.data.get(item.key))
        checked.errors.extend(_at(record, item.key, item) + e for e in errors)
        checked.values[item.key] = value
    return checked


def _at(record: Record, key: str, item: Item | None) -> str:
    line = record.lines.get(key)
    where = record.where or ""
    if line and not where:
        where = f"rad {line}"
    label = f" ({item.label})" if item is not None else ""
    return (f"{where}: " if where else "") + f"fält '{key}'{label}: "


def _field(item: TemplateField, value: Any) -> tuple[Any, list[str]]:
    if item.type != "table":
        result, error = scalar(item, value)
        return result, [error] if error else []
    rows, errors = _table(item, value)
    if not rows and item.required:
        errors.append("saknas men är obligatoriskt. Ge minst en rad.")
    return rows or [empty_row(item)], errors


def empty_row(item: TemplateField) -> dict[str, Any]:
    return {c.key: False if c.type == "yesno" else "" for c in item.columns}


def _table(item: TemplateField, value: Any) -> tuple[list[dict[str, Any]], list[str]]:
    if value is None or value == []:
        return [], []
    if isinstance(value, _NotJson) or not isinstance(value, list):
        return [], [
            "ska vara en lista av rader, till exempel "
            + json.dumps([{c.key: "…" for c in item.columns[:2]}], ensure_ascii=False)
            + " (i CSV som JSON i cellen)."
        ]
    if len(value) > MAX_TABLE_ROWS:
        return [], [f"har {len(value)} rader; högst {MAX_TABLE_ROWS} går."]
    rows, errors = [], []
    columns = {c.key: c for c in item.columns}
    for n, row in enumerate(value, start=1):
        if not isinstance(row, dict):
            errors.append(f"rad {n} i tabellen ska vara en mappning av kolumner.")
            continue
        for key in row:
            if key not in columns:
                tip = did_you_mean(str(key), columns)
                errors.append(f"rad {n} i tabellen: okänd kolumn '{key}'.{tip}")
        values = {}
        for column in item.columns:
            cell, error = scalar(column, row.get(column.key))
            if error:
                errors.append(
                    f"rad {n} i tabellen, kolumn '{column.key}' ({column.label}): {error}"
                )
            values[column.key] = cell
        if not any(values.values()):
            errors.append(f"rad {n} i tabellen är tom.")
        rows.append(values)
    return rows, errors


def scalar(item: Item, value: Any) -> tuple[Any, str | None]:
    """A value for a text, multiline, date, yesno or choice field: (normalized, error).
    Missing or empty gives "" (False for yesno)."""
    empty: Any = False if item.type == "yesno" else ""
    if value is None or value == "":
        return empty, "saknas men är obligatoriskt." if item.required else None
    if item.type == "yesno":
        return _yesno(value)
    if isinstance(value, date):
        value = value.isoformat()
    elif isinstance(value, int) and not isinstance(value, bool) and item.type == "text":
        value = str(value)
    if not isinstance(value, str):
        return empty, f"värdet {value!r} ska vara text. Sätt det inom citattecken."
    bad = INVALID_XML.search(value)
    if bad:
        return (
            empty,
            f"innehåller tecknet U+{ord(bad.group()):04X}, som ett Word-dokument inte kan hålla.",
        )
    return _typed(item, value)


def _typed(item: Item, value: str) -> tuple[Any, str | None]:
    if item.type == "multiline":
        return value.replace("\r\n", "\n").replace("\r", "\n"), None
    if item.type == "date":
        if not _DATE.match(value):
            return "", f"'{value}' är inget datum på formen ÅÅÅÅ-MM-DD."
        try:
            date.fromisoformat(value)
        except ValueError:
            return "", f"{value} är inget giltigt datum."
        return value, None
    if item.type == "choice":
        if value not in item.choices:
            tip = did_you_mean(value, item.choices)
            listed = ", ".join(f"'{c}'" for c in item.choices)
            return "", f"'{value}' är inget av valen {listed}.{tip}"
        return value, None
    if "\n" in value or "\r" in value:
        return "", "innehåller en radbrytning, men fältet har en rad (typen text)."
    return value, None


def _yesno(value: Any) -> tuple[bool, str | None]:
    if isinstance(value, bool):
        return value, None
    if isinstance(value, str) and value.strip().lower() in _YES | _NO:
        return value.strip().lower() in _YES, None
    return False, f"värdet {value!r} ska vara ja eller nej (eller true/false)."
