"""Text as a reader sees it, for scanners that look for what must not be published.

A personnummer can be hidden from a plain pattern in ways a reader never notices: an HTML
entity (``&#49;`` for 1, ``&ndash;``), a YAML escape in a double-quoted string
(``\\u2011``, ``\\x2D``, ``\\_``), a Unicode dash or space (en dash, non-breaking hyphen,
no-break space, thin space), a zero-width character or a soft hyphen, full-width digits.
``normalise`` undoes all of them and says where each character came from, so a finding
still points at the right line and column of the file.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
_SPACES += "\u202f\u205f\u3000"
_INVISIBLE = "\u00ad\u034f\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063"
_INVISIBLE += "\u2064\ufeff"
_FULLWIDTH = "\uff10-\uff19"
_TOKEN = re.compile(
    r"&#[xX][0-9a-fA-F]{1,6};?|&#\d{1,7};?|&[A-Za-z][A-Za-z0-9]{1,31};"
    r"|\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[_NLP])"
    f"|[{_DASHES}{_SPACES}{_INVISIBLE}{_FULLWIDTH}]"
)
_ANY = re.compile(f"[&\\\\{_DASHES}{_SPACES}{_INVISIBLE}{_FULLWIDTH}]")  # one class: fast
_YAML_SHORT = {"_": "\u00a0", "N": "\n", "L": "\n", "P": "\n"}
_MAP = str.maketrans(
    {
        **dict.fromkeys(map(ord, _DASHES), "-"),
        **dict.fromkeys(map(ord, _SPACES), " "),
        **dict.fromkeys(map(ord, _INVISIBLE), None),
        **{0xFF10 + n: str(n) for n in range(10)},
    }
)

Where = Callable[[int], int]


def _same(offset: int) -> int:
    return offset


def normalise(text: str) -> tuple[str, Where]:
    """The text as read, and a function from an offset in it to the offset in ``text``."""
    if (text.isascii() and "&" not in text and "\\" not in text) or not _ANY.search(text):
        return text, _same
    pieces: list[str] = []
    starts: list[int] = []  # where each piece starts in the result
    origins: list[int] = []  # … and in ``text``
    plain: list[bool] = []  # a piece copied as it is (else one token, decoded)
    done = length = 0
    for match in _TOKEN.finditer(text):
        if match.start() > done:
            _add(pieces, starts, origins, plain, text[done : match.start()], length, done, True)
            length += match.start() - done
        decoded = _decode(match.group()).translate(_MAP)
        _add(pieces, starts, origins, plain, decoded, length, match.start(), False)
        length += len(decoded)
        done = match.end()
    if not starts:
        return text, _same
    _add(pieces, starts, origins, plain, text[done:], length, done, True)

    def where(offset: int) -> int:
        i = bisect.bisect_right(starts, offset) - 1
        return origins[i] + (offset - starts[i] if plain[i] else 0)

    return "".join(pieces), where


def _add(
    pieces: list[str],
    starts: list[int],
    origins: list[int],
    plain: list[bool],
    piece: str,
    at: int,
    origin: int,
    is_plain: bool,
) -> None:
    if piece:
        pieces.append(piece)
        starts.append(at)
        origins.append(origin)
        plain.append(is_plain)


def _decode(token: str) -> str:
    if token.startswith("&"):
        return html.unescape(token)
    if token.startswith("\\"):
        code = token[1]
        if code in _YAML_SHORT:
            return _YAML_SHORT[code]
        try:
            return chr(int(token[2:], 16))
        except (ValueError, OverflowError):
            return token
    return token
