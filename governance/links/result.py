"""The result of checking one address, as kept in the cache and turned into findings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal, get_args

Outcome = Literal[
    "ok",
    "moved",
    "access",
    "too-large",
    "broken",
    "server-error",
    "rate-limited",
    "timeout",
    "connection",
    "dns",
    "tls",
    "redirect-loop",
    "invalid",
    "unchecked",
]
OUTCOMES: tuple[str, ...] = get_args(Outcome)
# The link works (a finding may still suggest a change): cached for links.max_age.
WORKING: frozenset[str] = frozenset({"ok", "moved", "access", "too-large"})
CODE_OF: dict[str, str] = {
    "moved": "link-moved",
    "access": "link-access",
    "too-large": "link-too-large",
    "broken": "link-broken",
    "server-error": "link-server-error",
    "rate-limited": "link-rate-limited",
    "timeout": "link-timeout",
    "connection": "link-connection",
    "dns": "link-dns",
    "tls": "link-tls",
    "redirect-loop": "link-redirect-loop",
    "invalid": "link-invalid",
    "unchecked": "link-unchecked",
}


@dataclass(frozen=True, slots=True)
class Result:
    """What checking an address gave. ``status`` is the last HTTP status (0 without one),
    ``new_url`` where a permanent redirect leads, ``detail`` a Swedish explanation."""

    outcome: Outcome
    status: int = 0
    detail: str = ""
    new_url: str = ""
    checked_at: float = 0.0  # POSIX time

    @property
    def working(self) -> bool:
        return self.outcome in WORKING

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"outcome": self.outcome}
        if self.status:
            data["status"] = self.status
        if self.detail:
            data["detail"] = self.detail
        if self.new_url:
            data["new_url"] = self.new_url
        when = datetime.fromtimestamp(self.checked_at, UTC)
        data["checked_at"] = when.isoformat(timespec="seconds")
        return data

    @classmethod
    def from_json(cls, data: Any) -> Result | None:
        """A result read back from the cache, or None when it is not one."""
        if not isinstance(data, dict) or data.get("outcome") not in OUTCOMES:
            return None
        status, detail, new_url = (
            data.get("status", 0),
            data.get("detail", ""),
            data.get("new_url", ""),
        )
        if type(status) is not int or not 0 <= status <= 999:
            return None
        if not isinstance(detail, str) or not isinstance(new_url, str):
            return None
        try:
            when = datetime.fromisoformat(str(data["checked_at"]))
            checked = when.timestamp() if when.tzinfo else when.replace(tzinfo=UTC).timestamp()
            datetime.fromtimestamp(checked, UTC)  # it can be written back
        except (KeyError, TypeError, ValueError, OverflowError, OSError):
            return None
        return cls(data["outcome"], status, detail, new_url, checked)
