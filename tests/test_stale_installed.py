"""A long-running process (a test run, ``styrdok serve``) whose lookup of the installed
MkDocs themes once found nothing still builds. MkDocs keeps its answer
(``mkdocs.utils.get_themes`` is cached until a theme is found), so one empty answer made
every later build of the process fail with "Unrecognised theme name" (seen in CI, 8 tests
of one run). governance.render.handbook.mkdocs_config looks the theme up once more, from
fresh caches, before that error stands."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import TODAY

from governance.errors import ToolError
from governance.render.handbook.build import build_handbook
from governance.render.handbook.mkdocs_config import forget_installed


@pytest.fixture
def themes_once_not_found(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """MkDocs' cached lookup of the installed themes, made once when none was found."""
    import mkdocs.utils

    forget_installed()
    with monkeypatch.context() as nothing:

        def none_installed(**params: Any) -> list[Any]:
            return []

        nothing.setattr(mkdocs.utils, "entry_points", none_installed)
        assert mkdocs.utils.get_themes() == {}
    assert mkdocs.utils.get_themes() == {}  # the empty answer is kept
    try:
        yield
    finally:
        forget_installed()


@pytest.mark.usefixtures("themes_once_not_found")
def test_a_build_after_a_lookup_that_found_no_theme(corpus: Path) -> None:
    out = corpus / "ut"
    result = build_handbook(corpus, out, TODAY, downloads=False)
    assert result.errors == []
    page = (out / "dokument" / "rutin-a" / "index.html").read_text("utf-8")
    assert "Rutin för att förebygga avhysning" in page


def test_a_theme_that_is_not_installed_is_still_an_error(corpus: Path) -> None:
    """The second lookup does not hide a real mistake: the project names a theme that is
    not installed."""
    out = corpus / "ut"
    assert build_handbook(corpus, out, TODAY, downloads=False).errors == []
    config = corpus / ".styrdok" / "handbook" / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "name: material" in text
    config.write_text(text.replace("name: material", "name: finns-inte"), "utf-8")
    from governance.render.handbook.project import build_site

    with pytest.raises(ToolError, match="Unrecognised theme name: 'finns-inte'"):
        build_site(config, corpus / ".styrdok" / "prov")
