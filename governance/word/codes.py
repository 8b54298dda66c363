"""Finding codes of the Word forms (reported by ``styrdok check``)."""

from __future__ import annotations

from governance.codes import Code

WORD_CODES: dict[str, Code] = {}
