"""Findings as text, JSON, JUnit XML or GitHub annotations."""

from __future__ import annotations

import json
from collections import Counter
from xml.etree import ElementTree as ET

import click

from governance.findings import Finding

FORMATS = ("text", "json", "junit", "github")
_SEVERITY_SV = {"error": "fel", "warning": "varning"}


def summary_line(findings: list[Finding], documents: int) -> str:
    counts = Counter(f.severity for f in findings)
    errors, warnings = counts["error"], counts["warning"]
    return (
        f"{errors} fel och {warnings} varningar i {documents} "
        f"{'fil' if documents == 1 else 'filer'}."
    )


def render(findings: list[Finding], fmt: str, documents: int, color: bool = False) -> str:
    if fmt == "json":
        return _json(findings, documents)
    if fmt == "junit":
        return _junit(findings, documents)
    if fmt == "github":
        return "".join(_github(f) + "\n" for f in findings)
    return _text(findings, documents, color)


def _where(f: Finding) -> str:
    return f"{f.path}:{f.line}:{f.column}" if f.line else f.path


def _text(findings: list[Finding], documents: int, color: bool) -> str:
    lines = []
    for f in findings:
        label = _SEVERITY_SV[f.severity]
        if color:
            label = click.style(label, fg="red" if f.severity == "error" else "yellow", bold=True)
        field = f" {f.field}:" if f.field else ""
        lines.append(f"{_where(f)}: {label} [{f.code}]{field} {f.message}")
        if f.hint:
            lines.append(f"    Gör så här: {f.hint}")
    lines.append(summary_line(findings, documents))
    return "\n".join(lines) + "\n"


def as_dict(f: Finding) -> dict[str, object]:
    return {
        "code": f.code,
        "severity": f.severity,
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "field": f.field,
        "document": f.doc_id,
        "message": f.message,
        "hint": f.hint,
    }


def _json(findings: list[Finding], documents: int) -> str:
    counts = Counter(f.severity for f in findings)
    payload = {
        "summary": {"files": documents, "errors": counts["error"], "warnings": counts["warning"]},
        "findings": [as_dict(f) for f in findings],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _junit(findings: list[Finding], documents: int) -> str:
    counts = Counter(f.severity for f in findings)
    suite = ET.Element(
        "testsuite",
        name="styrdok check",
        tests=str(max(len(findings), 1)),
        failures=str(counts["error"]),
        errors="0",
        skipped="0",
    )
    if not findings:
        ET.SubElement(
            suite, "testcase", classname="styrdok", name=f"{documents} filer utan anmärkning"
        )
    for f in findings:
        case = ET.SubElement(
            suite, "testcase", classname=f.path, name=f"{f.code} {_where(f)}", file=f.path
        )
        case.set("line", str(f.line))
        tag = "failure" if f.severity == "error" else "system-out"
        body = f"{_where(f)} {f.field}: {f.message}\nGör så här: {f.hint}"
        if tag == "failure":
            ET.SubElement(case, "failure", message=f.message, type=f.code).text = body
        else:
            ET.SubElement(case, "system-out").text = "varning: " + body
    suites = ET.Element("testsuites")
    suites.append(suite)
    ET.indent(suites)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
    )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github(f: Finding) -> str:
    props = [f"file={_escape_prop(f.path)}"]
    if f.line:
        props += [f"line={f.line}", f"col={f.column}"]
    props.append(f"title={_escape_prop(f.code)}")
    message = f"{f.field}: {f.message}" if f.field else f.message
    if f.hint:
        message += f"\nGör så här: {f.hint}"
    return f"::{f.severity} {','.join(props)}::{_escape_data(message)}"
