"""``styrdok links`` and ``styrdok check --links`` end to end: a corpus whose documents link
to a real HTTP server on 127.0.0.1, every output format, exit codes, the cache and the
links-checked dates."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from conftest import TODAY, edit, run
from helpers.links import LinkServer, R, add_links, start_server

from governance.links.cache import CACHE_FILE, links_checked_dates
from governance.links.run import Options, check_links
from governance.load import load_corpus


@pytest.fixture(scope="module")
def server() -> Iterator[LinkServer]:
    yield from start_server()


def add_body_links(root: Path, server: LinkServer) -> None:
    edit(
        root,
        R,
        "Rutinen gäller när hyresvärden skickar en underrättelse.",
        f"Rutinen gäller när hyresvärden skickar en [underrättelse]({server.url('/missing')}). "
        f"Mejla [oss](mailto:kalle@) eller se {server.url('/ok')}.",
    )


@pytest.fixture
def linked(corpus: Path, server: LinkServer) -> Path:
    add_links(corpus, server)
    add_body_links(corpus, server)
    return corpus


def test_broken_links_are_reported_where_they_are_written(linked: Path, server: LinkServer) -> None:
    result = run("links", "--root", str(linked))
    assert result.exit_code == 1
    url = server.url
    assert result.stdout == (
        f"{R}:22:10: varning [link-moved] supporting_documents[1].url: Länken {url('/moved')} "
        f"har flyttats permanent till {url('/ok')}.\n"
        "    Gör så här: Byt till den nya adressen som meddelandet anger.\n"
        f"{R}:32:65: fel [link-broken] sections[0].body: Länken {url('/missing')} fungerar "
        "inte: 404 Not Found (sidan finns inte).\n"
        "    Gör så här: Sök upp sidans nya adress och byt länken, eller ta bort länken.\n"
        f"{R}:32:110: fel [link-invalid] sections[0].body: 'mailto:kalle@' är ingen giltig "
        "adress: 'kalle@' är ingen e-postadress (namn@exempel.se).\n"
        "    Gör så här: Skriv hela adressen med https://, en e-postadress som "
        "mailto:namn@exempel.se eller ett telefonnummer som tel:+46313650000.\n"
        "2 fel och 1 varning i 1 fil.\n"
    )
    lines = (linked / R).read_text("utf-8").splitlines()
    assert lines[31][64:].startswith(url("/missing"))
    assert lines[31][109:].startswith("mailto:kalle@")
    assert lines[21][9:] == url("/moved")


def test_progress_and_summary_go_to_stderr(linked: Path) -> None:
    result = run("links", "--root", str(linked))
    assert result.stderr.startswith("Kontrollerar 3 adresser …\n3 webbadresser: 3 kontrollerade nu")


def test_a_rerun_with_a_fresh_cache_sends_no_request(linked: Path, server: LinkServer) -> None:
    first = run("links", "--root", str(linked))
    before = server.total()
    second = run("links", "--root", str(linked))
    assert server.total() == before
    assert second.stdout == first.stdout
    assert "3 webbadresser: 0 kontrollerade nu, 3 ur cachen" in second.stderr


def test_no_cache_and_max_age_check_again(linked: Path, server: LinkServer) -> None:
    run("links", "--root", str(linked))
    before = server.total()
    run("links", "--root", str(linked), "--no-cache")
    after_no_cache = server.total()
    assert after_no_cache > before
    run("links", "--root", str(linked), "--max-age", "0s")
    assert server.total() > after_no_cache


def _age_cache(root: Path, seconds: float) -> None:
    """Make every result in the cache ``seconds`` old."""
    path = root / CACHE_FILE
    data = json.loads(path.read_text("utf-8"))
    stamp = datetime.fromtimestamp(time.time() - seconds, UTC).isoformat()
    for item in data["urls"].values():
        item["checked_at"] = stamp
    path.write_text(json.dumps(data), "utf-8")


def test_failed_results_are_checked_again_sooner_than_working_ones(
    linked: Path, server: LinkServer
) -> None:
    run("links", "--root", str(linked))
    _age_cache(linked, 2 * 3600)  # older than max_age_failed (1h), younger than max_age (7d)
    before = dict(server.requests)
    result = run("links", "--root", str(linked))
    assert "1 kontrollerade nu, 2 ur cachen" in result.stderr
    assert server.requests[("HEAD", "/missing")] == before[("HEAD", "/missing")] + 1
    assert server.requests[("HEAD", "/moved")] == before[("HEAD", "/moved")]


def test_results_older_than_max_age_are_checked_again(linked: Path, server: LinkServer) -> None:
    run("links", "--root", str(linked))
    _age_cache(linked, 8 * 86400)
    result = run("links", "--root", str(linked))
    assert "3 kontrollerade nu, 0 ur cachen" in result.stderr


def test_working_links_record_the_date_and_a_failing_run_keeps_it(
    corpus: Path, server: LinkServer
) -> None:
    add_links(corpus, server)
    report = check_links(load_corpus(corpus), Options(today=date(2026, 11, 1)))
    assert [f.code for f in report.findings] == ["link-moved"]  # a warning: the link works
    assert links_checked_dates(corpus) == {"rutin-a": date(2026, 11, 1)}
    edit(corpus, R, server.url("/ok"), server.url("/gone"))
    report = check_links(load_corpus(corpus), Options(today=TODAY))
    assert [f.code for f in report.findings] == ["link-broken", "link-moved"]
    assert links_checked_dates(corpus) == {"rutin-a": date(2026, 11, 1)}
    edit(corpus, R, server.url("/gone"), server.url("/ok"))
    check_links(load_corpus(corpus), Options(today=TODAY))
    assert links_checked_dates(corpus) == {"rutin-a": TODAY}


def test_links_checked_dates_without_a_cache(corpus: Path) -> None:
    assert links_checked_dates(corpus) == {}
    (corpus / CACHE_FILE).parent.mkdir(parents=True, exist_ok=True)
    (corpus / CACHE_FILE).write_text("{trasig", "utf-8")
    assert links_checked_dates(corpus) == {}


def test_a_broken_cache_file_is_set_aside(linked: Path) -> None:
    (linked / CACHE_FILE).parent.mkdir(parents=True, exist_ok=True)
    (linked / CACHE_FILE).write_text("{trasig", "utf-8")
    result = run("links", "--root", str(linked))
    assert result.exit_code == 1
    assert "Varning: " in result.stderr and "flyttades till links.json.bak" in result.stderr
    assert (linked / ".styrdok" / "links.json.bak").read_text("utf-8") == "{trasig"
    assert json.loads((linked / CACHE_FILE).read_text("utf-8"))["version"] == 1


def test_json_format(linked: Path, server: LinkServer) -> None:
    data = json.loads(run("links", "--root", str(linked), "--format", "json").stdout)
    assert data["summary"] == {"files": 1, "errors": 2, "warnings": 1}
    assert data["findings"][1] == {
        "code": "link-broken",
        "severity": "error",
        "path": R,
        "line": 32,
        "column": 65,
        "field": "sections[0].body",
        "document": "rutin-a",
        "message": f"Länken {server.url('/missing')} fungerar inte: 404 Not Found "
        "(sidan finns inte).",
        "hint": "Sök upp sidans nya adress och byt länken, eller ta bort länken.",
    }


def test_junit_format(linked: Path) -> None:
    suite = ET.fromstring(run("links", "--root", str(linked), "--format", "junit").stdout)[0]
    assert suite.get("name") == "styrdok links"
    assert suite.get("failures") == "2"
    assert [c.get("name") for c in suite] == [
        f"link-moved {R}:22:10",
        f"link-broken {R}:32:65",
        f"link-invalid {R}:32:110",
    ]


def test_github_format(linked: Path, server: LinkServer) -> None:
    lines = run("links", "--root", str(linked), "--format", "github").stdout.splitlines()
    assert lines[1].startswith(f"::error file={R},line=32,col=65,title=link-broken::")


def test_markdown_format(linked: Path, server: LinkServer) -> None:
    out = run("links", "--root", str(linked), "--format", "markdown").stdout
    assert out.startswith("## styrdok links\n\n❌ 2 fel och 1 varning i 1 fil.\n\n3 webbadresser: ")
    table = out.split("\n\n")[3].splitlines()
    assert table[:2] == [
        "| Grad | Var | Kod | Anmärkning | Gör så här |",
        "|---|---|---|---|---|",
    ]
    assert table[2] == (
        f"| fel | `{R}:32:65` | `link-broken` | sections[0].body: Länken "
        f"{server.url('/missing')} fungerar inte: 404 Not Found (sidan finns inte). | "
        "Sök upp sidans nya adress och byt länken, eller ta bort länken. |"
    )
    assert table[4].startswith("| varning |")  # errors first


def test_warnings_fail_only_with_strict(corpus: Path, server: LinkServer) -> None:
    add_links(corpus, server)
    assert run("links", "--root", str(corpus)).exit_code == 0
    assert run("links", "--root", str(corpus), "--strict").exit_code == 1


def test_severity_and_exclude_from_styrdok_yaml(linked: Path, server: LinkServer) -> None:
    with (linked / "styrdok.yaml").open("a", encoding="utf-8") as handle:
        handle.write(f'  exclude: ["{server.url("/miss")}*", "mailto:*"]\n')
        handle.write("severity:\n  link-moved: off\n")
    before = server.requests[("HEAD", "/missing")]
    result = run("links", "--root", str(linked))
    assert result.exit_code == 0
    assert result.stdout == "0 fel och 0 varningar i 1 fil.\n"
    assert "2 undantagna" in result.stderr
    assert server.requests[("HEAD", "/missing")] == before


def test_a_bad_links_setting_is_a_config_error(corpus: Path) -> None:
    config = corpus / "styrdok.yaml"
    line = len(config.read_text("utf-8").splitlines()) + 2
    with config.open("a", encoding="utf-8") as handle:
        handle.write("links:\n  timeout: snart\n")
    result = run("links", "--root", str(corpus))
    assert result.exit_code == 2
    assert result.output.endswith(
        "Fel i styrdok.yaml:\n"
        f"{config}:{line}: links.timeout: 'snart' är ingen tid; skriv till "
        "exempel 20s (sekunder), 10min, 12h, 7d eller 1w (veckor)\n"
    )


def test_a_bad_max_age_is_a_usage_error(corpus: Path) -> None:
    result = run("links", "--root", str(corpus), "--max-age", "snart")
    assert result.exit_code == 2
    assert "Ogiltigt värde för '--max-age': 'snart' är ingen tid" in result.output


def test_check_without_links_sends_nothing(linked: Path, server: LinkServer) -> None:
    before = server.total()
    result = run("check", "--root", str(linked), f"--today={TODAY}")
    assert result.exit_code == 0
    assert server.total() == before
    assert not (linked / CACHE_FILE).exists()


def test_check_with_links_gives_one_report(linked: Path, server: LinkServer) -> None:
    edit(linked, R, "owner: processledare", "owner: kalle")
    result = run("check", "--root", str(linked), f"--today={TODAY}", "--links", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [f["code"] for f in data["findings"]] == [
        "unknown-role",
        "link-moved",
        "link-broken",
        "link-invalid",
    ]
    assert data["summary"] == {"files": 3, "errors": 3, "warnings": 1}
    assert links_checked_dates(linked) == {}


def test_check_with_links_records_dates_on_its_day(corpus: Path, server: LinkServer) -> None:
    add_links(corpus, server)
    result = run("check", "--root", str(corpus), f"--today={TODAY}", "--links")
    assert result.exit_code == 0
    assert links_checked_dates(corpus) == {"rutin-a": TODAY}


def test_the_cache_is_written_atomically_and_only_there(linked: Path) -> None:
    run("links", "--root", str(linked))
    assert sorted(os.listdir(linked / ".styrdok")) == ["links.json"]


def test_a_run_out_of_time_reports_what_it_did_not_check(corpus: Path, server: LinkServer) -> None:
    add_links(corpus, server, ok="/never?budget")
    with (corpus / "styrdok.yaml").open("a", encoding="utf-8") as handle:
        handle.write("  budget: 1s\n")  # shorter than the timeout of 2 s
    result = run("links", "--root", str(corpus))
    assert result.exit_code == 0  # a warning: nothing is known to be broken
    assert result.stdout.startswith(
        f"{R}:20:10: varning [link-unchecked] supporting_documents[0].url: Länken "
        f"{server.url('/never?budget')} kontrollerades inte: tidsbudgeten på 1 s "
        "(links.budget) tog slut.\n"
    )
    cached = json.loads((corpus / CACHE_FILE).read_text("utf-8"))
    assert sorted(cached["urls"]) == [server.url("/moved")]  # kept; the unchecked one not
    assert cached["documents"] == {}  # not all links of rutin-a passed


def test_internal_links_when_the_handbook_cannot_be_made(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from governance.links import anchors

    def broken(corpus: object) -> anchors.Pages:
        raise KeyError("riktlinje-x")

    monkeypatch.setattr(anchors, "handbook_pages", broken)
    edit(corpus, R, "Kontakta hyresvärden.", "Se [syftet](#syfte).")
    report = check_links(load_corpus(corpus))
    assert [(f.code, f.message) for f in report.findings] == [
        (
            "link-unchecked",
            "Länken '#syfte' kontrollerades inte: handbokens sidor kunde inte göras "
            "(KeyError: 'riktlinje-x'); rätta först felen som styrdok check visar.",
        )
    ]


def test_progress_is_a_bar_on_a_terminal_and_lines_in_ci() -> None:
    import io

    from governance.progress import StreamProgress

    terminal = io.StringIO()
    bar = StreamProgress(terminal, bar=True)
    bar.start(2)
    bar.advance()
    bar.advance()
    bar.finish()
    assert terminal.getvalue().endswith("\rLänkar [##############################] 2/2 (0 s)\n")
    log = io.StringIO()
    lines = StreamProgress(log, bar=False)
    lines.start(2)
    lines.advance()
    lines.finish()
    assert log.getvalue() == "Kontrollerar 2 adresser …\n"


def test_a_broken_link_in_a_word_layout(corpus: Path, server: LinkServer) -> None:
    from helpers.word import make_docx

    make_docx(corpus / "templates" / "mall-c.docx", [(server.url("/gone"), "Blanketten")])
    edit(corpus, "templates/mall-c.yaml", "version: ", "layout: mall-c.docx\nversion: ")
    result = run("links", "--root", str(corpus), "--format", "github")
    assert result.exit_code == 1
    assert result.stdout == (
        "::error file=templates/mall-c.docx,title=link-broken::"
        f"Länken {server.url('/gone')} fungerar inte: 410 Gone (sidan är borttagen) "
        "(i Word-layouten, länktexten 'Blanketten').%0A"
        "Gör så här: Sök upp sidans nya adress och byt länken, eller ta bort länken.\n"
    )


def test_no_server_name_resolving_says_the_network_may_be_missing(corpus: Path) -> None:
    edit(
        corpus,
        R,
        "themes: [boende]\n",
        "themes: [boende]\nsupporting_documents:\n"
        "  - title: A\n    url: http://styrdok-a.invalid/\n"
        "  - title: B\n    url: http://styrdok-b.invalid/\n",
    )
    result = run("links", "--root", str(corpus))
    assert result.exit_code == 1
    assert "Inget servernamn kunde slås upp: saknar datorn nätverk eller DNS?" in result.stderr
    assert result.stdout.count("[link-dns]") == 2


def test_one_unknown_server_name_is_not_called_a_network_problem(
    corpus: Path, server: LinkServer
) -> None:
    edit(
        corpus,
        R,
        "themes: [boende]\n",
        "themes: [boende]\nsupporting_documents:\n"
        "  - title: A\n    url: http://styrdok-a.invalid/\n"
        f"  - title: B\n    url: {server.url('/ok')}\n",
    )
    result = run("links", "--root", str(corpus))
    assert result.exit_code == 1
    assert "Inget servernamn" not in result.stderr
