"""Personal identity numbers are found; registration numbers, dates and phones are not."""

from __future__ import annotations

import pytest

from governance.textscan import find_personnummer, luhn_ok


def numbers_in(text: str) -> list[str]:
    return [m.group() for m in find_personnummer(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Brukaren har 121212-1212.",
        "pnr 19121212-1212",
        "201212121212 i löptext",  # twelve digits without separator (2012-12-12)
        "811218-9876",
        "811218+9876",  # over a hundred years old
        "samordningsnummer 701063-2391",  # day 63 = 3 + 60
        "'121212-1212'",
    ],
)
def test_found(text: str) -> None:
    assert len(numbers_in(text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Dnr SO 2017/0164",
        "Dnr SO 2016/0093 och KS 0123/15",
        "beslut 2022-02-15, gäller fr.o.m. 2022-02-15",
        "031-365 00 00",
        "telefon 0701234567",  # bare ten digits starting with 0: a phone number
        "växel 08-508 09 000",
        "121212-1213",  # wrong check digit
        "991332-1234",  # month 13
        "20221123153000",  # a timestamp, fourteen digits
        "ärende 2022/121212-1212-3",
    ],
)
def test_not_found(text: str) -> None:
    assert numbers_in(text) == []


def test_luhn() -> None:
    assert luhn_ok("1212121212")
    assert not luhn_ok("1212121213")
