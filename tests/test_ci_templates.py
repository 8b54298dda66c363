"""The CI files ``styrdok init`` writes (GitHub Actions, GitLab CI) and the pre-commit hook:
they parse, have the triggers and jobs the routine needs, and every styrdok command they run
exists with the options they give it."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path
from typing import Any

import click
import pytest
from conftest import REPO, run
from ruamel.yaml import YAML

from governance.cli import main
from governance.links.cache import CACHE_FILE

DATA = REPO / "governance" / "data" / "init"
GITHUB = DATA / "ci" / "github-workflow.yml"
GITLAB = DATA / "ci" / "gitlab-ci.yml"


SOURCE = "git+https://git.example.se/it/styrdok.git@0123456789abcdef0123456789abcdef01234567"


def load(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text("utf-8").replace("{source}", f'"{SOURCE}"'))


def shell_lines(data: Any) -> list[str]:
    """Every shell line in a workflow: ``run:`` values and ``script:`` items."""
    found: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "run" and isinstance(value, str):
                found += value.splitlines()
            elif key == "script" and isinstance(value, list):
                found += [str(v) for v in value]
            else:
                found += shell_lines(value)
    elif isinstance(data, list):
        for item in data:
            found += shell_lines(item)
    return found


def styrdok_lines() -> list[str]:
    lines = shell_lines(load(GITHUB)) + shell_lines(load(GITLAB))
    return sorted({line.strip() for line in lines if line.strip().startswith("styrdok ")})


def test_init_writes_the_ci_files_and_a_gitignore(tmp_path: Path) -> None:
    target = tmp_path / "ny"
    result = run("init", str(target), "--source", SOURCE)
    assert result.exit_code == 0
    line = f'STYRDOK: "styrdok @ {SOURCE}"'
    workflow = (target / ".github" / "workflows" / "styrdok.yml").read_text("utf-8")
    assert workflow == GITHUB.read_text("utf-8").replace("STYRDOK: {source}", line)
    gitlab = (target / ".gitlab-ci.yml").read_text("utf-8")
    assert gitlab == GITLAB.read_text("utf-8").replace("STYRDOK: {source}", line)
    hooks = YAML(typ="safe").load((target / ".pre-commit-config.yaml").read_text("utf-8"))
    assert hooks["repos"][0]["hooks"][0]["additional_dependencies"] == [f"styrdok @ {SOURCE}"]
    assert f"Skapade {target / '.gitlab-ci.yml'}" in result.output
    assert f"CI och pre-commit installerar styrdok från: {SOURCE}" in result.output


def test_the_gitignore_covers_every_output(tmp_path: Path) -> None:
    target = tmp_path / "ny"
    run("init", str(target), "--source", SOURCE)
    subprocess.run(["git", "init", "-q", str(target)], check=True)
    outputs = [
        ".styrdok/handbook/mkdocs.yml",
        ".styrdok/links.json",
        ".styrdok/cache/a.pdf",
        "build/handbok/index.html",
        "public/index.html",
        ".cache/pip/x",
        "styrdok-check.xml",
        "styrdok-links.xml",
        "mall-a.docx",
        "rutin-a.pdf",
        "frister.ics",
        "frister.csv",
    ]
    kept = ["templates/mall-a.docx", "routines/a.yaml", ".gitlab-ci.yml", ".vscode/settings.json"]
    result = subprocess.run(
        ["git", "-C", str(target), "check-ignore", "--no-index", "--stdin"],
        input="\n".join(outputs + kept),
        capture_output=True,
        text=True,
    )
    assert result.stdout.splitlines() == outputs


def test_the_source_is_one_variable_and_the_check_uses_the_core() -> None:
    for path in (GITHUB, GITLAB):
        text = path.read_text("utf-8")
        assert text.count("{source}") == 1
        installs = [line.strip() for line in shell_lines(load(path)) if "pip install" in line]
        installs += [
            line.strip().removeprefix("- ")
            for line in text.splitlines()
            if line.strip().startswith("- pip install")
        ]
        assert set(installs) == {
            'pip install "$STYRDOK"',
            'pip install "$STYRDOK" "styrdok[handbook]"',
        }
    github = load(GITHUB)["jobs"]
    assert shell_lines(github["check"])[0] == 'pip install "$STYRDOK"'
    assert shell_lines(github["handbook"])[0] == 'pip install "$STYRDOK" "styrdok[handbook]"'
    gitlab = load(GITLAB)
    assert gitlab["default"]["before_script"] == ['pip install "$STYRDOK"']
    assert gitlab["pages"]["before_script"] == ['pip install "$STYRDOK" "styrdok[handbook]"']


def test_actions_are_pinned_to_commits_without_credentials() -> None:
    text = GITHUB.read_text("utf-8")
    uses = re.findall(r"uses: (\S+)@(\S+)(.*)", text)
    assert len(uses) == 13
    for _, ref, comment in uses:
        assert re.fullmatch(r"[0-9a-f]{40}", ref)
        assert re.fullmatch(r"  # v\d+\.\d+\.\d+", comment)
    jobs = load(GITHUB)["jobs"]
    for job in jobs.values():
        checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout"))
        assert checkout["with"]["persist-credentials"] is False
    assert jobs["handbook"]["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_gitlab_caches_pip_in_every_job() -> None:
    data = load(GITLAB)
    assert data["variables"]["PIP_CACHE_DIR"] == "$CI_PROJECT_DIR/.cache/pip"
    pip = {"key": "styrdok-pip", "paths": [".cache/pip"]}
    assert data["default"]["cache"] == [pip]
    assert pip in data["links"]["cache"]
    assert pip in data["pages"]["cache"]


def test_templates_point_only_to_help_the_corpus_has() -> None:
    for path in (GITHUB, GITLAB):
        text = path.read_text("utf-8")
        assert "docs/" not in text
        assert "'styrdok --help'" in text


def test_github_runs_check_on_every_push_and_links_and_build_every_night() -> None:
    data = load(GITHUB)
    triggers = data["on"]
    assert set(triggers) == {"push", "pull_request", "schedule", "workflow_dispatch"}
    assert len(triggers["schedule"][0]["cron"].split()) == 5
    jobs = data["jobs"]
    assert (
        jobs["check"]["if"] == "github.event_name == 'push' || github.event_name == 'pull_request'"
    )
    nightly = "github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'"
    assert jobs["links"]["if"] == nightly
    assert jobs["handbook"]["if"] == f"always() && ({nightly})"
    assert jobs["handbook"]["needs"] == "links"
    assert "styrdok check --format github" in shell_lines(jobs["check"])
    assert "styrdok check --links --format github" in shell_lines(jobs["links"])
    assert 'styrdok build --out build/handbok --site-url "$PAGES_URL"' in shell_lines(
        jobs["handbook"]
    )


def _uses(job: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {step["uses"].split("@")[0]: step for step in job["steps"] if "uses" in step}


def test_github_keeps_the_link_cache_and_publishes_the_handbook() -> None:
    jobs = load(GITHUB)["jobs"]
    links = _uses(jobs["links"])
    assert links["actions/cache/restore"]["with"]["path"] == CACHE_FILE.as_posix()
    assert links["actions/cache/save"]["with"]["path"] == CACHE_FILE.as_posix()
    assert links["actions/cache/save"]["if"] == "always()"  # a run with broken links saves too
    handbook = _uses(jobs["handbook"])
    assert handbook["actions/cache/restore"]["with"]["path"] == CACHE_FILE.as_posix()
    assert handbook["actions/upload-pages-artifact"]["with"]["path"] == "build/handbok"
    assert handbook["actions/cache"]["with"]["path"] == ".styrdok/cache"  # Word and PDF files
    runs = [step.get("run", "") for step in jobs["handbook"]["steps"]]
    assert any("libreoffice-writer-nogui" in run for run in runs)  # PDFs in the handbook
    assert "actions/deploy-pages" in handbook
    assert jobs["handbook"]["permissions"] == {
        "contents": "read",
        "pages": "write",
        "id-token": "write",
    }
    summaries = [s for s in jobs["links"]["steps"] if "GITHUB_STEP_SUMMARY" in s.get("run", "")]
    assert summaries[0]["run"].startswith("styrdok check --links --format markdown >>")


def test_gitlab_runs_check_on_push_and_merge_requests_and_links_and_pages_on_schedule() -> None:
    data = load(GITLAB)
    check, links, pages = data["check"], data["links"], data["pages"]
    assert [r["if"] for r in check["rules"]] == [
        '$CI_PIPELINE_SOURCE == "merge_request_event"',
        '$CI_PIPELINE_SOURCE == "push"',
    ]
    assert check["artifacts"]["reports"]["junit"] == "styrdok-check.xml"
    assert check["script"][-1] == "styrdok check"
    assert [r["if"] for r in links["rules"]] == ['$CI_PIPELINE_SOURCE == "schedule"']
    assert links["cache"][0]["paths"] == [CACHE_FILE.as_posix()]
    assert links["cache"][0]["when"] == "always"
    assert links["script"][-1] == "styrdok check --links"
    assert pages["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"', "when": "always"}]
    assert pages["cache"][0]["paths"] == [CACHE_FILE.as_posix()]
    assert pages["cache"][1]["paths"] == [".styrdok/cache"]  # Word and PDF files
    assert "libreoffice-writer-nogui" in pages["script"][0]  # PDFs in the handbook
    assert pages["script"][-1] == 'styrdok build --out public --site-url "$CI_PAGES_URL"'
    assert pages["artifacts"]["paths"] == ["public"]


def _option(command: click.Command, name: str) -> click.Parameter | None:
    return next((p for p in command.params if name in getattr(p, "opts", [])), None)


@pytest.mark.parametrize("line", styrdok_lines())
def test_every_styrdok_command_in_the_templates_exists(line: str) -> None:
    words = shlex.split(re.split(r"\s(?:>>?|\|\|)\s", line)[0])
    name, args = words[1], words[2:]
    result = run(name, "--help")
    assert result.exit_code == 0, f"styrdok {name} finns inte"
    command = main.commands[name]
    for i, word in enumerate(args):
        if not word.startswith("--"):
            continue
        assert word in result.output, f"styrdok {name} har inget {word}"
        option = _option(command, word)
        assert option is not None
        if isinstance(option.type, click.Choice):
            assert args[i + 1] in option.type.choices


def test_the_templates_run_the_commands_the_routine_needs() -> None:
    assert styrdok_lines() == [
        'styrdok build --out build/handbok --site-url "$PAGES_URL"',
        'styrdok build --out public --site-url "$CI_PAGES_URL"',
        "styrdok check",
        "styrdok check --format github",
        "styrdok check --format junit > styrdok-check.xml || true",
        'styrdok check --format markdown >> "$GITHUB_STEP_SUMMARY" || true',
        "styrdok check --links",
        "styrdok check --links --format github",
        "styrdok check --links --format junit > styrdok-links.xml || true",
        'styrdok check --links --format markdown >> "$GITHUB_STEP_SUMMARY" || true',
    ]


def test_the_pre_commit_hook() -> None:
    hooks = YAML(typ="safe").load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hooks == [
        {
            "id": "styrdok-check",
            "name": "styrdok check",
            "description": "Kontrollerar styrande dokument och mallar (YAML och Word-layouter) "
            "utan nätverk.",
            "entry": "styrdok check",
            "language": "python",
            "pass_filenames": False,
            "files": r"\.(ya?ml|docx)$",
        }
    ]
    files = re.compile(hooks[0]["files"])
    changed = ["routines/a.yaml", "templates/b.yml", "templates/b.docx", "styrdok.yaml"]
    assert all(files.search(path) for path in changed)
    assert not any(files.search(path) for path in ["README.md", "site/docs/index.md", "a.yaml.bak"])
    assert 'styrdok = "governance.cli:run"' in (REPO / "pyproject.toml").read_text("utf-8")


def test_the_hook_runs_in_the_corpus_root_without_arguments(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(corpus)
    hook = YAML(typ="safe").load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))[0]
    words = shlex.split(hook["entry"])
    result = run(*words[1:], "--today=2026-11-23")
    assert result.exit_code == 0
    assert result.output == "0 fel och 0 varningar i 3 filer.\n"


def test_the_markdown_summary_of_check(corpus: Path) -> None:
    result = run("check", "--root", str(corpus), "--today=2026-11-23", "--format", "markdown")
    assert result.exit_code == 0
    assert result.output == "## styrdok check\n\n✅ 0 fel och 0 varningar i 3 filer.\n"


def test_the_markdown_summary_is_safe_and_bounded() -> None:
    from governance.findings import Finding
    from governance.report import MARKDOWN_ROWS, render

    hostile = Finding(
        "placeholder",
        "error",
        "routines/a|b.yaml",
        "Text <script>x</script> | [Nummer]",
        "Gör",
        3,
        5,
    )
    out = render([hostile] * (MARKDOWN_ROWS + 2), "markdown", 1)
    rows = out.splitlines()
    assert rows[6] == (
        "| fel | `routines/a\\|b.yaml:3:5` | `placeholder` | "
        "Text &lt;script&gt;x&lt;/script&gt; \\| [Nummer] | Gör |"
    )
    assert len([r for r in rows if r.startswith("| fel |")]) == MARKDOWN_ROWS
    assert rows[-1] == "… och 2 anmärkningar till; se jobbets logg."
