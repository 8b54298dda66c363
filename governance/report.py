"""Findings as text, JSON, JUnit XML, GitHub annotations or a Markdown summary (for a CI
job summary such as ``$GITHUB_STEP_SUMMARY``)."""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from xml.etree import ElementTree as ET

import click

from governance.clitext import counted, use_color
from governance.findings import Finding

MARKDOWN_ROWS = 500  # a job summary is limited (GitHub: 1 MiB); the rest is counted


@dataclass(frozen=True)
class Report:
    """What a format is given: the findings, how many files were read, and (for JUnit
    and Markdown) the title of the run and one line about it."""

    findings: list[Finding]
    documents: int
    color: bool = False
    title: str = "styrdok check"
    note: str = ""


# Control characters (a newline in a file name could start a forged "::error" line in a CI
# log), line and paragraph separators, and bidi controls that reorder what is shown.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """``text`` on one line, every control character written as an escape (``\\n``)."""
    return _INVISIBLE.sub(_escape_char, text)


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    return named.get(char) or (
        f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
    )


def summary_line(findings: list[Finding], documents: int) -> str:
    counts = Counter(f.severity for f in findings)
    errors, warnings = counts["error"], counts["warning"]
    return (
        f"{errors} fel och {counted(warnings, 'varning', 'varningar')} i "
        f"{counted(documents, 'fil', 'filer')}."
    )


def render(
    findings: list[Finding],
    fmt: str,
    documents: int,
    color: bool = False,
    *,
    title: str = "styrdok check",
    note: str = "",
) -> str:
    """``title`` names the JUnit suite and heads the Markdown summary, under which
    ``note`` (one line, e.g. how many links were checked) is shown."""
    return FORMATS[fmt].write(Report(findings, documents, color, title, note))


def show(
    findings: list[Finding],
    fmt: str,
    documents: int,
    *,
    strict: bool = False,
    title: str = "styrdok check",
    note: str = "",
) -> None:
    """Print the findings in ``fmt`` (text in colour on a terminal) and exit with status 1
    when any fails the run: an error, or with ``strict`` also a warning."""
    color = fmt == "text" and use_color()
    click.echo(render(findings, fmt, documents, color, title=title, note=note), nl=False)
    failing = {"error", "warning"} if strict else {"error"}
    if any(f.severity in failing for f in findings):
        sys.exit(1)


def _where(f: Finding) -> str:
    path = visible(f.path)
    return f"{path}:{f.line}:{f.column}" if f.line else path


def text_lines(findings: Iterable[Finding], color: bool = False) -> list[str]:
    """Each finding as two lines of text: where, severity, code, field and message; and
    what to do."""
    lines = []
    for f in findings:
        label = f.label
        if color:
            label = click.style(label, fg="red" if f.severity == "error" else "yellow", bold=True)
        field = f" {visible(f.field)}:" if f.field else ""
        lines.append(f"{_where(f)}: {label} [{f.code}]{field} {visible(f.message)}")
        if f.hint:
            lines.append(f"    Gör så här: {f.hint}")
    return lines


def _text(report: Report) -> str:
    lines = [*text_lines(report.findings, report.color)]
    lines.append(summary_line(report.findings, report.documents))
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


def _json(report: Report) -> str:
    findings, documents = report.findings, report.documents
    counts = Counter(f.severity for f in findings)
    payload = {
        "summary": {"files": documents, "errors": counts["error"], "warnings": counts["warning"]},
        "findings": [as_dict(f) for f in findings],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _junit(report: Report) -> str:
    findings, documents, title = report.findings, report.documents, report.title
    counts = Counter(f.severity for f in findings)
    suite = ET.Element(
        "testsuite",
        name=title,
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
        path = visible(f.path)
        case = ET.SubElement(
            suite, "testcase", classname=path, name=f"{f.code} {_where(f)}", file=path
        )
        case.set("line", str(f.line))
        tag = "failure" if f.severity == "error" else "system-out"
        body = f"{_where(f)} {visible(f.field)}: {visible(f.message)}\nGör så här: {f.hint}"
        if tag == "failure":
            ET.SubElement(case, "failure", message=visible(f.message), type=f.code).text = body
        else:
            ET.SubElement(case, "system-out").text = f"{f.label}: " + body
    suites = ET.Element("testsuites")
    suites.append(suite)
    ET.indent(suites)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
    )


def _escape_data(text: str) -> str:
    """A workflow command's data: %, CR and LF encoded as GitHub decodes them, any other
    control character made visible."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible(text)


def _escape_prop(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github(report: Report) -> str:
    return "".join(_annotation(f) + "\n" for f in report.findings)


def _annotation(f: Finding) -> str:
    props = [f"file={_escape_prop(visible(f.path))}"]
    if f.line:
        props += [f"line={f.line}", f"col={f.column}"]
    props.append(f"title={_escape_prop(f.code)}")
    message = f"{f.field}: {visible(f.message)}" if f.field else visible(f.message)
    if f.hint:
        message += f"\nGör så här: {f.hint}"
    return f"::{f.severity} {','.join(props)}::{_escape_data(message)}"


def _cell(text: str) -> str:
    """Text safe in a Markdown table cell: no HTML, pipes or line breaks."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return visible(text.replace("|", "\\|"))


def _markdown(report: Report) -> str:
    findings, documents, title, note = report.findings, report.documents, report.title, report.note
    errors = [f for f in findings if f.severity == "error"]
    ordered = errors + [f for f in findings if f.severity != "error"]
    lines = [
        f"## {_cell(title)}",
        "",
        ("❌ " if errors else "✅ ") + summary_line(findings, documents),
    ]
    if note:
        lines += ["", _cell(note)]
    if ordered:
        lines += ["", "| Grad | Var | Kod | Anmärkning | Gör så här |", "|---|---|---|---|---|"]
    for f in ordered[:MARKDOWN_ROWS]:
        where = _where(f).replace("`", "'").replace("|", "\\|")
        field = f"{f.field}: " if f.field else ""
        lines.append(
            f"| {f.label} | `{where}` | `{f.code}` | {_cell(field + f.message)} | {_cell(f.hint)} |"
        )
    if len(ordered) > MARKDOWN_ROWS:
        lines += ["", f"… och {len(ordered) - MARKDOWN_ROWS} anmärkningar till; se jobbets logg."]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Format:
    write: Callable[[Report], str]
    help: str  # for --format


# A new output format: a function above and a line here (and a word in README.md).
FORMATS: dict[str, Format] = {
    "text": Format(_text, "text för människor"),
    "json": Format(_json, "json"),
    "junit": Format(_junit, "junit (XML för CI)"),
    "github": Format(_github, "github (annoteringar)"),
    "markdown": Format(_markdown, "markdown (sammanfattning för CI)"),
}
