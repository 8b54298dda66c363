"""Work on the other core (governance.background): the build's search index is made in a
forked child; whatever happens to the child, the build either has its answer or fails
with a message saying what failed, and never publishes a site without its index."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from conftest import TODAY, edit

from governance import background
from governance.errors import InputError, ToolError
from governance.load import load_corpus
from governance.render.handbook import project
from governance.render.handbook.build import build_handbook, published


def test_the_childs_answer_comes_back() -> None:
    job = background.start("Arbetet", lambda: {"sok/a.bin": b"\x00\x01", "pid": os.getpid()})
    answer = job.result()
    assert answer["sok/a.bin"] == b"\x00\x01" and answer["pid"] != os.getpid()


def test_an_error_for_the_user_is_raised_as_it_is() -> None:
    def refuse() -> None:
        raise InputError("Filen är för stor.")

    with pytest.raises(InputError, match="Filen är för stor."):
        background.start("Arbetet", refuse).result()


def test_a_child_that_dies_fails_with_what_it_was_doing() -> None:
    def die() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    with pytest.raises(ToolError, match="Arbetet avbröts"):
        background.start("Arbetet", die).result()


@pytest.mark.parametrize(
    ("made_by", "what"), [("search_files", "Sökindexet"), ("_listings", "Listsidorna")]
)
def test_a_failing_child_fails_the_build_and_publishes_nothing(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, made_by: str, what: str
) -> None:
    def broken(*args: object) -> object:
        raise RuntimeError("det gick sönder")

    monkeypatch.setattr(project, made_by, broken)
    with pytest.raises(ToolError) as raised:
        build_handbook(corpus, corpus / "ut", TODAY, pdf=False)
    assert f"{what} misslyckades" in str(raised.value)
    assert "det gick sönder" in str(raised.value)
    assert not (corpus / "ut").exists()


def test_a_search_index_made_apart_is_the_one_made_here(corpus: Path) -> None:
    build_handbook(corpus, corpus / "ut", TODAY, pdf=False, clean=True)
    here = project.search_files(published(load_corpus(corpus)), TODAY, reuse=False)
    built = corpus / ".styrdok" / "handbook" / "docs"
    assert here and all((built / name).read_bytes() == data for name, data in here.items())


def test_a_corpus_with_errors_builds_nothing_and_leaves_no_child(corpus: Path) -> None:
    """MkDocs is made ready in a child, and the search index started in another, while
    the corpus is checked; an error found meanwhile stops the build, and both children
    are ended with it."""
    build_handbook(corpus, corpus / "ut", TODAY, pdf=False)  # a project: MkDocs made ready too
    edit(corpus, "routines/rutin-a.yaml", "status: in-force", "status: gällande")
    result = build_handbook(corpus, corpus / "ut", TODAY, pdf=False)
    assert result.errors and result.site is None
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child left, not even one to reap
