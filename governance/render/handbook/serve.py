"""``styrdok serve``: a live-reloading preview of the handbook. styrdok's own builder
(governance.render.handbook.live) keeps the corpus and MkDocs' state in memory and, when a
YAML file under routines/ or templates/ is saved, shows the saved document's page first,
then the other pages the save touches, then the search index; MkDocs' server
(mkdocs.livereload) serves the site and reloads the browsers after each step.

What the person sees: the address when the server starts, a port already in use as a
Swedish error, and, when a save breaks a document, the check's errors in the terminal, at
the top of every page, and on the page a missing address shows (the broken document's own
page is gone until fixed). A change to styrdok.yaml or site/ rebuilds every page.
"""

from __future__ import annotations

import errno
import logging
import re
import socket
import sys
import tempfile
import time
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from governance.errors import Refused, StyrdokError
from governance.render.handbook.live import LiveHandbook

_HOOK = """\
# Written by styrdok serve: the corpus' errors at the top of every page while it has any.
from governance.render.handbook.serve import error_banner


def on_post_page(output, page, config, **kwargs):
    return error_banner(output, config.extra.get("styrdok_errors") or [])


def on_post_template(output, template_name, config, **kwargs):
    if template_name != "404.html":
        return output
    return error_banner(output, config.extra.get("styrdok_errors") or [])
"""
_ARTICLE = re.compile(r"<article\b[^>]*>")
log = logging.getLogger(__name__)


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
    check_port(port)
    with tempfile.TemporaryDirectory(prefix="styrdok-serve-") as tmp:
        hook = Path(tmp) / "styrdok_serve_hook.py"
        hook.write_text(_HOOK, "utf-8")
        handbook = LiveHandbook(
            root,
            today,
            Path(tmp) / "handbook",
            Path(tmp) / "site",
            maintainer,
            lambda config_file: [*_project_hooks(config_file), str(hook)],
        )
        config_file = handbook.generate()
        server = _server(handbook, port, Path(tmp) / "site")
        print(
            f"Förhandsgranskar handboken på http://127.0.0.1:{port}/ (Ctrl+C avslutar). "
            "Sidorna byggs om när du sparar en fil.",
            file=sys.stderr,
            flush=True,
        )
        handbook.build_all(config_file)
        for name in ("routines", "templates", "site", "styrdok.yaml"):
            if (root / name).exists():
                server.watch(str(root / name))
        try:
            server.serve()
        except OSError as exc:  # the port taken between the check and the start
            if exc.errno not in (errno.EADDRINUSE, errno.EACCES):
                raise
            raise Refused(_port_message(port, exc)) from None
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()


def _server(handbook: LiveHandbook, port: int, site: Path) -> Any:
    """MkDocs' live-reloading server on ``site``, rebuilding with ``handbook``; each step of
    a rebuild is shown as soon as it is written."""
    from mkdocs.livereload import LiveReloadServer

    class Server(LiveReloadServer):
        def show(self) -> None:
            """Serve what is written so far and reload the browsers."""
            with self._epoch_cond:
                self._wanted_epoch = self._visible_epoch = max(
                    round(time.monotonic() * 1000), self._visible_epoch + 1
                )
                self._epoch_cond.notify_all()

        def poked(self) -> bool:
            """A change was seen since the rebuild began."""
            return bool(self._want_rebuild)

        def wake(self) -> None:
            """Run the builder again (the search index is ready)."""
            with self._rebuild_cond:
                self._want_rebuild = True
                self._rebuild_cond.notify_all()

    def rebuild() -> None:
        try:
            handbook.rebuild()
        except StyrdokError as exc:
            exc.show()

    server = Server(  # the corpus' files are looked at every quarter second
        builder=rebuild, host="127.0.0.1", port=port, root=str(site), polling_interval=0.25
    )
    server.error_handler = lambda code: _error_page(site, code)
    handbook.visible, handbook.poked, handbook.wake = server.show, server.poked, server.wake
    return server


def _error_page(site: Path, code: int) -> bytes | None:
    page = site / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None
