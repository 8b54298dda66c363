"""Fuzzing document and config fields with extreme dates and wrong types (hypothesis, a
bounded number of examples so CI stays quick): check, the handbook project made in
memory (build without MkDocs), the official Word export's facts and ``due`` never raise
anything but a StyrdokError with a Swedish message."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import BASE_FILES, write_files
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from governance.check import check
from governance.errors import StyrdokError
from governance.lifecycle.due import Window, csv_text, deadlines
from governance.lifecycle.ics import calendar
from governance.render.handbook.project import make_project
from governance.schema import write_schemas

R = "routines/rutin-a.yaml"


class Raw(str):
    """A YAML token written as it is (a number too long for Python to print)."""


EDGE_DAYS = [date.min, date(1, 1, 31), date(1970, 1, 1), date(9999, 12, 1), date.max]

days = st.one_of(st.sampled_from(EDGE_DAYS), st.dates())
scalars: st.SearchStrategy[Any] = st.one_of(
    days,
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([-1, 0, 2**63]),
    st.sampled_from([Raw("9" * 5000), Raw("-.inf"), Raw("0x7fffffffffffffff"), Raw("1e400")]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.text(max_size=20),
    st.sampled_from(["9999-12-31", "10000-01-01", "2022-02-30", "0000-00-00", "1.0", "99" * 50]),
)
values = st.one_of(scalars, st.lists(scalars, max_size=3))

DOCUMENT_FIELDS = [
    ("decision", "date"),
    ("last_revised",),
    ("valid_from",),
    ("valid_until",),
    ("links_checked",),
    ("revisions", 0, "date"),
    ("revisions", 0, "version"),
    ("reviews",),
    ("status",),
]
CONFIG_FIELDS = [
    ("review_warning_days",),
    ("kinds", 1, "review_interval_months"),
    ("limits", "max_file_bytes"),
    ("links", "max_age"),
]


def plain(value: Any) -> str:
    """A YAML token for a value: dates and numbers unquoted, as a person types them."""
    if isinstance(value, Raw):
        return str.__str__(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, float):
        return (
            ".nan"
            if value != value
            else (".inf" if value > 0 else "-.inf")
            if abs(value) == float("inf")
            else repr(value)
        )
    if isinstance(value, date | int):
        return str(value) if not isinstance(value, date) else value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(plain(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def put(data: dict[str, Any], where: tuple[Any, ...], value: Any) -> None:
    node: Any = data
    for part in where[:-1]:
        node = node.setdefault(part, {}) if isinstance(part, str) else node[part]
    node[where[-1]] = value


def emit(data: Any, indent: str = "") -> str:
    """Block YAML for nested dicts and lists, every scalar through ``plain``."""
    lines = []
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, dict | list) and value and not getattr(value, "flow", False):
                lines.append(f"{indent}{key}:\n" + emit(value, indent + "  "))
            else:
                lines.append(f"{indent}{key}: {plain(value)}")
        return "\n".join(lines) + "\n"
    for item in data:
        text = emit(item, indent + "  ").lstrip() if isinstance(item, dict) else plain(item) + "\n"
        lines.append(f"{indent}- {text.rstrip()}")
    return "\n".join(lines) + "\n"


def document() -> dict[str, Any]:
    return {
        "id": "rutin-a",
        "title": "Rutin",
        "kind": "rutin",
        "status": "in-force",
        "decision": {"by": ["avdelningschef"], "date": date(2026, 1, 10)},
        "applies_to": ["socialforvaltningen"],
        "valid_from": date(2026, 2, 1),
        "valid_until": "until-further-notice",
        "owner": "processledare",
        "revisions": [{"version": "1.0", "date": date(2026, 1, 10), "summary": "Första."}],
    }


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = write_files(tmp_path_factory.mktemp("fuzz") / "korpus", dict(BASE_FILES))
    write_schemas(base)
    return base


@settings(
    max_examples=int(os.environ.get("STYRDOK_FUZZ_EXAMPLES", "60")),  # more when hunting
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    doc_changes=st.lists(st.tuples(st.sampled_from(DOCUMENT_FIELDS), values), max_size=4),
    config_changes=st.lists(st.tuples(st.sampled_from(CONFIG_FIELDS), values), max_size=2),
    today=days,
    within=st.integers(min_value=0, max_value=10**15),
)
@example(  # found by this test: a version of 5000 digits reached int() in version_key
    doc_changes=[(("revisions", 0, "version"), Raw("9" * 5000))],
    config_changes=[],
    today=date(2026, 11, 23),
    within=90,
)
@example(
    doc_changes=[(("decision", "date"), date.max), (("last_revised",), date.max)],
    config_changes=[(("review_warning_days",), 10**30)],
    today=date.max,
    within=10**15,
)
@example(
    doc_changes=[(("last_revised",), Raw("9" * 5000))],
    config_changes=[(("links", "max_age"), Raw("1e400"))],
    today=date.min,
    within=0,
)
def test_extreme_fields_never_raise(
    root: Path,
    doc_changes: list[tuple[tuple[Any, ...], Any]],
    config_changes: list[tuple[tuple[Any, ...], Any]],
    today: date,
    within: int,
) -> None:
    data = document()
    for where, value in doc_changes:
        put(data, where, value)
    (root / R).write_text(
        "# yaml-language-server: $schema=../schema/document.schema.json\n" + emit(data), "utf-8"
    )
    config = BASE_FILES["styrdok.yaml"]
    for where, value in config_changes:
        config += f"# {where}\n"
        if where == ("review_warning_days",):
            config = config.replace(
                "review_warning_days: 90", f"review_warning_days: {plain(value)}"
            )
        elif where == ("kinds", 1, "review_interval_months"):
            config = config.replace(
                "review_interval_months: 24", f"review_interval_months: {plain(value)}"
            )
        elif where == ("limits", "max_file_bytes"):
            config = config.replace("max_file_bytes: 20000", f"max_file_bytes: {plain(value)}")
        else:
            config += f"links:\n  max_age: {plain(value)}\n"
    (root / "styrdok.yaml").write_text(config, "utf-8")
    try:
        corpus, findings = check(root, today)
    except StyrdokError as exc:  # styrdok.yaml refused: a Swedish message, exit 2
        assert exc.format_message().startswith(("Fel i styrdok.yaml", str(root)))
        return
    for finding in findings:
        assert finding.message and finding.code
    warnings = [f for f in findings if f.severity == "warning"]
    make_project(corpus, today, warnings)
    until = Window(within).end(today)
    found = deadlines(corpus, today, until)
    csv_text(found, today)
    calendar(found, corpus.config.organisation, today)
