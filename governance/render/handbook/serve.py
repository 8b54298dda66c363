"""``styrdok serve``: MkDocs' live-reloading server on the generated project. A MkDocs hook
regenerates the pages from the corpus before every build, so saving a YAML file under
routines/ or templates/ shows on the page.

What the person sees: the address when the server starts, a port already in use as a
Swedish error, and, when a save breaks a document, the check's errors in the terminal, at
the top of every page, and on the page a missing address shows (the broken document's own
page is gone until fixed).

The server builds dirty: only pages whose Markdown the save changed are rebuilt (see
governance.render.handbook.incremental); a build whose mkdocs.yml or theme differs from the
previous build's rebuilds everything.
"""

from __future__ import annotations

import errno
import re
import shutil
import socket
import sys
import tempfile
from datetime import date
from html import escape
from pathlib import Path

from governance.errors import Refused
from governance.findings import Finding
from governance.render.handbook import incremental
from governance.render.handbook.build import generate_project

_HOOK = """\
# Written by styrdok serve: regenerate the pages from the corpus before every build.
from datetime import date
from pathlib import Path

from governance.render.handbook.serve import error_banner, regenerate


def on_pre_build(config, **kwargs):
    errors = regenerate(
        Path({root!r}),
        date.fromisoformat({today!r}),
        Path({target!r}),
        Path(config.site_dir),
        {maintainer!r},
    )
    config.extra["styrdok_errors"] = errors


def on_post_page(output, page, config, **kwargs):
    return error_banner(output, config.extra.get("styrdok_errors") or [])
"""
_ARTICLE = re.compile(r"<article\b[^>]*>")


_BUILT_WITH: dict[Path, str | None] = {}  # project → mkdocs.yml and theme of its last build


def regenerate(
    root: Path, today: date, target: Path, site: Path | None = None, maintainer: bool = False
) -> list[str]:
    """The hook's work before every build: the project, and the check's errors as lines
    (also printed on stderr), for the page of a missing address. A build whose settings
    (mkdocs.yml, theme) differ from the previous build's starts from an empty ``site``, so
    that the dirty build rebuilds every page."""
    from governance.report import render

    loaded = incremental.global_fingerprint(target) if target.is_dir() else None
    if site is not None and loaded != _BUILT_WITH.get(target) and site.is_dir():
        for child in site.iterdir():
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    _BUILT_WITH[target] = loaded
    found: list[Finding] = []
    generate_project(root, today, target, found, maintainer)
    errors = [f for f in found if f.severity == "error"]
    if errors:
        text = render(errors, "text", len({f.path for f in errors}))
        sys.stderr.write(
            f"Korpusen har fel; sidorna för dokumenten visas inte förrän de rättats:\n{text}"
        )
        sys.stderr.flush()
    return [_line(f) for f in errors]


def error_banner(html: str, errors: list[str]) -> str:
    """The page with the corpus' errors at the top of its content (serve only)."""
    found = _ARTICLE.search(html)
    if not errors or found is None:
        return html
    items = "".join(f"<li><code>{escape(line)}</code></li>" for line in errors)
    banner = (
        '<div class="admonition failure" role="alert"><p class="admonition-title">'
        "Korpusen har fel som måste rättas</p><p>Ett dokument som inte går att läsa får "
        f"ingen sida. Rätta felen och spara igen.</p><ul>{items}</ul></div>"
    )
    return html[: found.end()] + banner + html[found.end() :]


def _line(f: Finding) -> str:
    where = f"{f.path}:{f.line}" if f.line else f.path
    field = f" {f.field}:" if f.field else ""
    return f"{where}: [{f.code}]{field} {f.message}"


def _project_hooks(config_file: Path) -> list[str]:
    """The generated project's own hooks (the URL policy): ``hooks=`` replaces the list."""
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(config_file.read_text("utf-8")) or {}
    return [str(config_file.parent / h) for h in data.get("hooks") or []]


def check_port(port: int) -> None:
    """Refused, in Swedish, when 127.0.0.1:port cannot be used."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as exc:
            raise Refused(_port_message(port, exc)) from None


def _port_message(port: int, exc: OSError) -> str:
    if exc.errno == errno.EADDRINUSE:
        return (
            f"Porten {port} används redan av ett annat program (kanske en annan 'styrdok "
            f"serve'). Välj en annan port med --port {port + 1}, eller avsluta det andra "
            "programmet."
        )
    if exc.errno == errno.EACCES:
        return f"Porten {port} får inte användas av det här kontot. Välj en port över 1024."
    return f"Kan inte starta servern på port {port}: {exc.strerror}."


def serve_handbook(root: Path, today: date, port: int, maintainer: bool = False) -> None:
    from mkdocs.commands.serve import serve

    check_port(port)
    with tempfile.TemporaryDirectory(prefix="styrdok-serve-") as tmp:
        target = Path(tmp) / "handbook"
        config_file = generate_project(root, today, target, maintainer=maintainer)
        hook = Path(tmp) / "styrdok_serve_hook.py"
        hook.write_text(
            _HOOK.format(
                root=str(root.resolve()),
                today=today.isoformat(),
                target=str(target),
                maintainer=maintainer,
            ),
            "utf-8",
        )
        watch = [
            str(root / name)
            for name in ("routines", "templates", "site", "styrdok.yaml")
            if (root / name).exists()
        ]
        print(
            f"Förhandsgranskar handboken på http://127.0.0.1:{port}/ (Ctrl+C avslutar). "
            "Sidorna byggs om när du sparar en fil.",
            file=sys.stderr,
            flush=True,
        )
        try:
            serve(
                str(config_file),
                livereload=True,
                build_type="dirty",
                watch=watch,
                dev_addr=f"127.0.0.1:{port}",
                hooks=[*_project_hooks(config_file), str(hook)],
            )
        except OSError as exc:  # the port taken between the check and the start
            if exc.errno not in (errno.EADDRINUSE, errno.EACCES):
                raise
            raise Refused(_port_message(port, exc)) from None
