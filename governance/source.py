"""Where styrdok itself is installed from, as a pip requirement URL for CI and pre-commit.

``styrdok init`` writes that source into the corpus' CI templates and pre-commit config,
so a new corpus installs the same styrdok the person ran, from a place that exists:

* a git URL pinned to a commit (``git+https://git.example.se/it/styrdok.git@<sha>``),
* a wheel on a web server (``https://intranat.example.se/python/styrdok-0.1.0-py3-none-any.whl``),
* a local folder or wheel (``file:///…``), usable on this machine only,
* ``styrdok==VERSION`` from a package index the organisation runs (PIP_INDEX_URL).

The running distribution's PEP 610 record (``direct_url.json``) says which; a styrdok
installed from a package index has none, and then the source is the index name pinned to
the version. Never the bare name: an index where someone else could claim ``styrdok``
must not decide what a municipality's CI runs.
"""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

from governance import __version__
from governance.errors import InputError

DISTRIBUTION = "styrdok"
SCHEMES = ("git+https://", "git+ssh://", "git+http://", "git+file://", "https://", "http://")


def installed_source() -> str | None:
    """The URL the running styrdok was installed from, or None (from an index, or not
    installed at all, as when run from a source tree)."""
    try:
        text = metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    if not text:
        return None
    return url_from_direct_url(json.loads(text))


def url_from_direct_url(data: dict[str, object]) -> str | None:
    """A PEP 508 URL from a PEP 610 record: VCS pinned to its commit, archive, folder."""
    url = str(data.get("url") or "")
    if not url:
        return None
    vcs = data.get("vcs_info")
    if isinstance(vcs, dict):
        kind = str(vcs.get("vcs", "git"))
        commit = vcs.get("commit_id") or vcs.get("requested_revision")
        return f"{kind}+{url}" + (f"@{commit}" if commit else "")
    return url


def normalise(spec: str) -> str:
    """``--source`` as a requirement URL: URLs as given, a path made an absolute file URL."""
    spec = spec.strip()
    if not spec:
        raise InputError(
            "--source är tom: ange en git-adress, en adress till ett hjul (.whl) eller en sökväg."
        )
    if spec.startswith(SCHEMES) or spec.startswith("file://"):
        return spec
    if spec.startswith(f"{DISTRIBUTION}=="):  # an index the organisation runs itself
        return spec
    if "://" in spec or spec.startswith("git@"):
        raise InputError(
            f"--source '{spec}' går inte att installera med pip. Skriv till exempel "
            "git+https://git.example.se/it/styrdok.git@<commit> eller "
            "https://intranat.example.se/python/styrdok-0.1.0-py3-none-any.whl."
        )
    path = Path(spec).expanduser()
    if not path.exists():
        raise InputError(f"--source '{spec}' finns inte: ange en befintlig mapp eller .whl-fil.")
    return path.resolve().as_uri()


def default_source() -> str:
    """The source to write when ``--source`` is not given."""
    return installed_source() or f"{DISTRIBUTION}=={__version__}"


def requirement(source: str, extras: str = "") -> str:
    """What pip installs: ``styrdok[extras] @ URL``, or the pinned index name."""
    name = DISTRIBUTION + (f"[{extras}]" if extras else "")
    if source.startswith(DISTRIBUTION):
        return name + source[len(DISTRIBUTION) :].lstrip()
    return f"{name} @ {source}"


def is_local(source: str) -> bool:
    """A file URL: only this machine can install from it, a CI runner cannot."""
    return urlsplit(source).scheme == "file"
