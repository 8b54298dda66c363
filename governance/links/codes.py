"""Finding codes of the link checker (reported by ``styrdok links``)."""

from __future__ import annotations

from governance.codes import Code

LINK_CODES: dict[str, Code] = {}
