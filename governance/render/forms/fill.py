"""``styrdok fill``: documents from case data.

First everything is gathered and checked: the template, its layout (when it has one), the
data file and every record in it, and the output folder. Then the first valid record is
rendered here, so a layout that fails fails once, with nothing written. The rest are
rendered by one process per core when there are many. Every document is written to a
temporary file in the output folder and renamed into place, so no half-written document is
ever left behind; a record with errors gives no document, and the others still do.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from docx.document import Document as DocxDocument

from governance.atomic import temp_file, write_atomic
from governance.errors import InputError, OutputError, RenderError, StyrdokError, UnknownId
from governance.load import Corpus
from governance.messages import did_you_mean
from governance.render.forms.data import Checked, read_data, validate
from governance.render.forms.form import (
    FormInfo,
    fill_template_bytes,
    info_of,
    set_core_properties,
    template_of,
)
from governance.render.forms.layout import LayoutSyntax, analyze, layout_path
from governance.render.forms.ooxml import set_custom_properties
from governance.render.forms.render import Environment, render
from governance.safezip import open_docx
from governance.workers import pool, worker_count

PARALLEL_FROM = 16  # documents; fewer are rendered in this process
Progress = Callable[[int], None]


@dataclass(frozen=True)
class Source:
    """What is rendered: the template bytes, the form's identity and where they came from."""

    data: bytes
    info: FormInfo
    layout: Path | None


@dataclass
class Job:
    number: int
    where: str
    context: dict[str, Any]
    target: Path


@dataclass
class FillResult:
    written: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    total: int = 0


@dataclass
class Plan:
    """Everything gathered and checked before the first document is written."""

    source: Source
    data_path: Path
    jobs: list[Job]
    errors: list[str]
    total: int


def source_of(corpus: Corpus, template_id: str, use_layout: bool = True) -> Source:
    """The template to render: the template's own layout, or the generated form."""
    template = template_of(corpus, template_id)
    info = info_of(corpus, template)
    if not (use_layout and template.layout):
        return Source(fill_template_bytes(info), info, None)
    path = layout_path(corpus, template)
    if path is None or not path.exists():
        raise InputError(
            f"{corpus.entry_of[template.id].path}: layouten '{template.layout}' finns inte "
            "i korpusen. Rätta fältet layout, eller fyll i formuläret med --no-layout."
        )
    try:
        analyze(path)
    except LayoutSyntax as exc:
        raise InputError(f"{path}: layouten är inte en giltig mall: {exc.message}") from None
    return Source(open_docx(path, "Layouten").data, info, path)


def plan_fill(
    corpus: Corpus,
    template_id: str,
    data_path: Path,
    out: Path,
    *,
    name_from: str | None = None,
    use_layout: bool = True,
) -> Plan:
    """Read and validate the data and check the output place. A file with one record
    gives the file ``out``; a list or a CSV file one document per record in the folder
    ``out``. Raises StyrdokError when the template, the data file or ``out`` cannot be
    used; a record's errors are in ``Plan.errors``."""
    source = source_of(corpus, template_id, use_layout)
    template = source.info.template
    data = read_data(data_path, template)
    keys = [f.key for f in template.fields]
    if name_from is not None and name_from not in keys:
        tip = did_you_mean(name_from, keys)
        raise UnknownId(f"--name-from: mallen har inget fält '{name_from}'.{tip}")
    checked = [validate(template, record) for record in data.records]
    errors = [f"{data_path}: {e}" for c in checked for e in c.errors]
    good = [c for c in checked if not c.errors]
    jobs = list(_jobs(good, out, data.many, name_from, template.id))
    if jobs:
        _prepare_output(out, data.many)
    return Plan(source, data_path, jobs, errors, len(checked))


def run_fill(
    plan: Plan, progress: Progress | None = None, workers: int | None = None
) -> FillResult:
    """Render and write every valid record. The first is rendered in this process: when
    the template fails on it, StyrdokError is raised and nothing is written."""
    result = FillResult(errors=list(plan.errors), total=plan.total)
    if not plan.jobs:
        return result
    first, rest = plan.jobs[0], plan.jobs[1:]
    env = Environment()
    try:
        result.written.append(_render_job(plan.source, env, first))
    except RenderError as exc:
        where = plan.source.layout or f"mallen {plan.source.info.template.id}"
        raise RenderError(f"{where}: {exc.message}") from None
    if progress:
        progress(1)
    for target, error in _run(plan.source, env, rest, progress, workers):
        if error is None:
            result.written.append(target)
        else:
            result.errors.append(f"{plan.data_path}: {error}")
    result.written.sort()
    return result


def fill(
    corpus: Corpus,
    template_id: str,
    data_path: Path,
    out: Path,
    *,
    name_from: str | None = None,
    use_layout: bool = True,
    workers: int | None = None,
) -> FillResult:
    """``plan_fill``, then ``run_fill``."""
    plan = plan_fill(
        corpus, template_id, data_path, out, name_from=name_from, use_layout=use_layout
    )
    return run_fill(plan, workers=workers)


def context_of(values: dict[str, Any]) -> dict[str, Any]:
    """The names a template sees: every field by key, and all of them as ``_v``."""
    return {**values, "_v": values}


def _jobs(
    good: list[Checked], out: Path, many: bool, name_from: str | None, template_id: str
) -> Iterator[Job]:
    if not good:
        return
    if not many:
        yield Job(1, good[0].record.where, context_of(good[0].values), out)
        return
    width = max(3, len(str(max(c.record.number for c in good))))
    taken: set[str] = set()
    for c in good:
        name = _file_name(c, name_from, template_id, width, taken)
        yield Job(c.record.number, c.record.where, context_of(c.values), out / name)


def _file_name(
    checked: Checked, name_from: str | None, template_id: str, width: int, taken: set[str]
) -> str:
    stem = f"{template_id}-{checked.record.number:0{width}d}"
    if name_from:
        cleaned = re.sub(r"[^\w\-. ]+", "_", str(checked.values.get(name_from) or ""))
        cleaned = re.sub(r"\s+", "-", cleaned).strip("-._")[:100]
        stem = cleaned or stem
    name, n = f"{stem}.docx", 1
    while name.lower() in taken:
        n += 1
        name = f"{stem}-{n}.docx"
    taken.add(name.lower())
    return name


def _prepare_output(out: Path, many: bool) -> None:
    if not many and out.is_dir():
        raise OutputError(
            f"{out} är en mapp. Ange ett filnamn, till exempel {out / 'ifylld.docx'}."
        )
    if many and out.exists() and not out.is_dir():
        raise OutputError(
            f"{out} är en fil. Data med flera poster ger ett dokument per post: ange en mapp med -o."
        )
    ensure_folder(out if many else out.parent)


def ensure_folder(folder: Path) -> None:
    """Create ``folder`` if needed and make sure a file can be written in it."""
    blocker = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if blocker is not None and not blocker.is_dir():
        raise OutputError(
            f"{folder}: {blocker} är en fil, inte en mapp. Välj en annan plats med -o."
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = temp_file(folder / "styrdok")
        os.close(fd)
        probe.unlink()
    except OSError as exc:
        raise OutputError(
            f"{folder}: kan inte skriva i mappen ({exc.strerror}). Välj en annan plats med -o."
        ) from None


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (governance.atomic)."""
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise OutputError(f"{path}: kan inte skrivas ({exc.strerror}).") from None


def _stamp(info: FormInfo) -> Callable[[DocxDocument], None]:
    def stamp(doc: DocxDocument) -> None:
        set_core_properties(doc, info, datetime.now(UTC).replace(microsecond=0))
        set_custom_properties(doc, info.properties)

    return stamp


def _render_job(source: Source, env: Environment, job: Job) -> Path:
    data = render(source.data, job.context, env, _stamp(source.info))
    write_file(job.target, data)
    return job.target


# Rendering many documents: the template and its compiled form are set here and reach the
# worker processes by fork, one per core.

_state: tuple[Source, Environment] | None = None


def _work(job: Job) -> tuple[Path, str | None]:
    assert _state is not None
    source, env = _state
    try:
        return _render_job(source, env, job), None
    except StyrdokError as exc:
        return job.target, f"{job.where}: {exc.message}" if job.where else exc.message


def _run(
    source: Source,
    env: Environment,
    jobs: list[Job],
    progress: Progress | None,
    workers: int | None,
) -> Iterator[tuple[Path, str | None]]:
    global _state
    _state = (source, env)
    count = worker_count(len(jobs), PARALLEL_FROM, workers)
    try:
        if not count:
            yield from _counted(map(_work, jobs), progress)
            return
        chunk = max(1, min(8, len(jobs) // (count * 8)))
        with pool(count) as running:
            yield from _counted(running.imap_unordered(_work, jobs, chunk), progress)
    finally:
        _state = None


def _counted(
    results: Iterator[tuple[Path, str | None]], progress: Progress | None
) -> Iterator[tuple[Path, str | None]]:
    for item in results:
        if progress:
            progress(1)
        yield item
