"""LibreOffice, run headless: converting .docx to PDF (or re-saving it as .docx).

Each conversion gets its own throw-away user profile, so conversions can run side by side
and never touch the user's own LibreOffice settings. A missing ``soffice`` is a clear
StyrdokError, never a traceback.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from governance.errors import ToolError

INSTALL_HINT = (
    "LibreOffice behövs för PDF. Installera det (Debian/Ubuntu: "
    "'apt-get install libreoffice-writer-nogui') eller välj --format docx."
)


def soffice_path() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    override = os.environ.get("STYRDOK_SOFFICE")
    if override:
        return override if shutil.which(override) else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def command(exe: str, profile: Path, fmt: str, out_dir: Path, sources: list[Path]) -> list[str]:
    """LibreOffice's command line converting ``sources`` to ``fmt`` into ``out_dir``, with
    the throw-away user profile ``profile`` (the one place that spells it)."""
    return [
        exe,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        fmt,
        "--outdir",
        str(out_dir),
        *map(str, sources),
    ]


def convert(source: Path, fmt: str, out_dir: Path, *, timeout: float = 180.0) -> Path:
    """Convert ``source`` to ``fmt`` ("pdf", "docx", …) into ``out_dir``; return the new file.

    Raises StyrdokError when LibreOffice is missing, fails or takes longer than ``timeout``.
    """
    exe = soffice_path()
    if exe is None:
        raise ToolError(INSTALL_HINT)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="styrdok-lo-") as profile:
        try:
            done = subprocess.run(
                command(exe, Path(profile), fmt, out_dir, [source]),
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise ToolError(
                f"{source}: LibreOffice blev inte klar på {timeout:.0f} s. Försök igen, "
                "eller öppna filen i LibreOffice för att se om den är skadad."
            ) from None
    target = out_dir / f"{source.stem}.{fmt.split(':', 1)[0]}"
    if done.returncode != 0 or not target.is_file():
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise ToolError(
            f"{source}: LibreOffice kunde inte göra {fmt} av filen"
            + (f" ({detail[-1]})" if detail else "")
            + ". Öppna filen i LibreOffice för att se om den är skadad."
        )
    return target
