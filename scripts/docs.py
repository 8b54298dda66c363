"""Write docs/findings.md from the finding codes: ``python scripts/docs.py``.

``python scripts/docs.py --check`` exits 1 when the file is out of date (the tests run it)."""

from __future__ import annotations

import sys
from pathlib import Path

from governance.codes import UNDECIDED
from governance.findings import CODES, SEVERITY_SV

TARGET = Path(__file__).resolve().parents[1] / "docs" / "findings.md"

INTRO = """\
# Anmärkningar från `styrdok check` och `styrdok links`

Varje anmärkning har en **kod** (på engelska, stabil att söka på), en **allvarlighetsgrad**
(fel eller varning), fil, rad, kolumn, fält, ett meddelande och vad du ska göra.
Fel ger exit-status 1; varningar bara med `--strict`. Allvarlighetsgraden kan ändras per kod
i `styrdok.yaml`:

```yaml
severity:
  link-expired: error   # error, warning eller off
```

**Utkast:** det som ännu inte är beslutat eller ifyllt (koderna märkta *utkast: varning*)
är en varning i ett utkast (`status: draft`) och får sin vanliga grad när dokumentet gäller
eller är upphävt. Utkast publiceras inte i handboken, och deras anmärkningar stoppar inte
`styrdok build`.

Koderna `link-*` kommer från länkkontrollen (`styrdok links` eller `styrdok check --links`),
som behöver nätverk; se [links.md](links.md). Listan skrivs av `scripts/docs.py` från koden;
`styrdok codes` visar den i terminalen.

| Kod | Grad | Vad den betyder | Gör så här |
|---|---|---|---|
"""


def _grade(code: str) -> str:
    grade = SEVERITY_SV[CODES[code].severity]
    return f"{grade} (utkast: varning)" if code in UNDECIDED and grade == "fel" else grade


def render() -> str:
    rows = [f"| `{code}` | {_grade(code)} | {c.title} | {c.hint} |" for code, c in CODES.items()]
    return INTRO + "\n".join(rows) + "\n"


def main() -> int:
    text = render()
    if "--check" in sys.argv:
        current = TARGET.read_text("utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} är inaktuell: kör python scripts/docs.py")
            return 1
        return 0
    TARGET.write_text(text, "utf-8")
    print(f"Skrev {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
