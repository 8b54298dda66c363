"""What an address is, whether its form is right, and how it is sent. Pure functions."""

from __future__ import annotations

import functools
import ipaddress
import re
from typing import Literal
from urllib.parse import quote, unquote, urldefrag, urlsplit

from governance import urlpolicy

Kind = Literal["web", "mail", "tel", "internal", "other"]

_MAIL = re.compile(r"^[^\s@<>()\[\]\\,;:\"]+@(?:[\w-]+\.)+[^\W\d_]{2,}$")
_TEL = re.compile(r"^\+?\d{3,15}$")
_TEL_SEPARATORS = re.compile(r"[-.() ]|%20")
_HOST = re.compile(r"^(?:[\w-]+\.)*[\w-]+\.?$")
_SAFE_PATH = "/%:@!$&'()*+,;=-._~"


def kind_of(url: str) -> Kind:
    """``web`` (http, https), ``mail``, ``tel``, ``internal`` (a relative link to a
    handbook page) or ``other`` (ftp:, file:, javascript: … which are not checked)."""
    scheme = urlpolicy.scheme_of(url)  # the one URL policy's reading of the scheme
    if scheme is None:
        return "other" if urlpolicy.normalise(url).startswith("//") else "internal"
    if scheme in ("http", "https"):
        return "web"
    if scheme == "mailto":
        return "mail"
    if scheme == "tel":
        return "tel"
    return "other"


def without_fragment(url: str) -> str:
    """The address a server is asked for: the same without ``#fragment``."""
    return urldefrag(url.strip())[0]


def web_problem(url: str) -> str | None:
    """Why an http(s) address cannot be right, in Swedish, or None."""
    if kind_of(url) != "web":
        return "adressen ska börja med https:// (eller http://); skriv hela adressen"
    if any(ch.isspace() for ch in url):
        return "adressen innehåller mellanslag; skriv %20 eller ta bort dem"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        return f"adressen kan inte tolkas ({exc})"
    host = parts.hostname or ""
    if not host:
        return "servernamn saknas efter //"
    try:
        if ":" in host:
            ipaddress.IPv6Address(host)
        elif not _HOST.match(host) or host.startswith("-"):
            raise ValueError(host)
        else:
            host.encode("idna")
    except (ValueError, UnicodeError):
        return f"'{host}' är inget giltigt servernamn"
    if port == 0:
        return "port 0 finns inte"
    return None


def mail_problem(url: str) -> str | None:
    target = unquote(url.split(":", 1)[1].split("?", 1)[0])
    addresses = [a.strip() for a in target.split(",")]
    if not any(addresses):
        return "e-postadressen saknas"
    for address in addresses:
        if not _MAIL.match(address):
            return f"'{address}' är ingen e-postadress (namn@exempel.se)"
    return None


def tel_problem(url: str) -> str | None:
    number = url.split(":", 1)[1].split(";", 1)[0]
    if not _TEL.match(_TEL_SEPARATORS.sub("", number)):
        return f"'{number}' är inget telefonnummer (+46313650000 eller 031-365 00 00)"
    return None


@functools.lru_cache(maxsize=65536)
def form_problem(url: str) -> str | None:
    """What is wrong with the form of an address that is checked without a request."""
    kind = kind_of(url)
    if kind == "mail":
        return mail_problem(url)
    if kind == "tel":
        return tel_problem(url)
    if kind == "web":
        return web_problem(url)
    return None


def request_target(url: str) -> tuple[str, str, int, str]:
    """scheme, ASCII host (IDNA), port and the path with query to send, for a valid
    http(s) address."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    host = f"[{host}]" if ":" in host else host.encode("idna").decode("ascii")
    port = parts.port or (443 if scheme == "https" else 80)
    path = quote(parts.path or "/", safe=_SAFE_PATH)
    if parts.query:
        path += "?" + quote(parts.query, safe=_SAFE_PATH + "?=&")
    return scheme, host, port, path


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def glob(pattern: str) -> re.Pattern[str]:
    """A pattern where ``*`` matches anything and every other character itself."""
    return re.compile(".*".join(re.escape(part) for part in pattern.split("*")) + r"\Z")


def excluded(url: str, patterns: list[re.Pattern[str]]) -> bool:
    return any(p.match(url) for p in patterns)
