"""``styrdok serve``: MkDocs' live-reloading server on the generated project. A MkDocs hook
regenerates the pages from the corpus before every build, so saving a YAML file under
routines/ or templates/ shows on the page."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from governance.render.handbook.build import generate_project

_HOOK = """\
# Written by styrdok serve: regenerate the pages from the corpus before every build.
from datetime import date
from pathlib import Path

from governance.render.handbook.build import generate_project


def on_pre_build(config, **kwargs):
    generate_project(Path({root!r}), date.fromisoformat({today!r}), Path({target!r}))
"""


def serve_handbook(root: Path, today: date, port: int) -> None:
    from mkdocs.commands.serve import serve

    with tempfile.TemporaryDirectory(prefix="styrdok-serve-") as tmp:
        target = Path(tmp) / "handbook"
        config_file = generate_project(root, today, target)
        hook = Path(tmp) / "styrdok_serve_hook.py"
        hook.write_text(
            _HOOK.format(root=str(root.resolve()), today=today.isoformat(), target=str(target)),
            "utf-8",
        )
        watch = [
            str(root / name)
            for name in ("routines", "templates", "site", "styrdok.yaml")
            if (root / name).exists()
        ]
        serve(
            str(config_file),
            livereload=True,
            watch=watch,
            dev_addr=f"127.0.0.1:{port}",
            hooks=[str(hook)],
        )
