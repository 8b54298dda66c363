"""Shell completion: ``styrdok completion bash|zsh|fish`` prints the script, and the
arguments complete from the corpus — document ids, template ids, kinds and roles.

Completion runs on every Tab, so it reads as little as it can: ids are the file names
(a document is ``<id>.yaml``), kinds and roles come from styrdok.yaml. A corpus that cannot
be read completes nothing rather than printing an error into the shell.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import click
from click.shell_completion import CompletionItem, get_completion_class

SHELLS = ("bash", "zsh", "fish")
Completer = Callable[[click.Context, click.Parameter, str], list[CompletionItem]]


def _root(ctx: click.Context) -> Path:
    root = ctx.params.get("root")
    return Path(root) if root else Path(".")


def _ids(folder: Path) -> Iterable[str]:
    if not folder.is_dir():
        return []
    return sorted({p.stem for p in folder.rglob("*.y*ml") if p.suffix in (".yaml", ".yml")})


def _items(values: Iterable[tuple[str, str | None]], incomplete: str) -> list[CompletionItem]:
    return [CompletionItem(v, help=h) for v, h in values if v.startswith(incomplete)]


def documents(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    return _items(((i, None) for i in _ids(_root(ctx) / "routines")), incomplete)


def templates(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    return _items(((i, None) for i in _ids(_root(ctx) / "templates")), incomplete)


def documents_and_templates(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    return documents(ctx, param, incomplete) + templates(ctx, param, incomplete)


def _terms(name: str) -> Completer:
    def complete(
        ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        from governance.config import load_config

        try:
            config = load_config(_root(ctx))
        except (click.ClickException, OSError, ValueError):
            return []
        if name == "kinds":
            return _items(((k.id, k.label) for k in config.kinds), incomplete)
        return _items(((t.id, t.name) for t in getattr(config, name)), incomplete)

    return complete


kinds = _terms("kinds")
roles = _terms("roles")


def script(command: click.Command, shell: str, prog: str = "styrdok") -> str:
    """The completion script for ``shell``, as click writes it for the ``prog`` command."""
    cls = get_completion_class(shell)
    if cls is None:  # pragma: no cover - SHELLS are click's own
        raise click.BadParameter(shell)
    var = f"_{prog.replace('-', '_').upper()}_COMPLETE"
    return cls(command, {}, prog, var).source()


@click.command()
@click.argument("shell", metavar="SKAL", type=click.Choice(SHELLS))
@click.pass_context
def completion(ctx: click.Context, shell: str) -> None:
    """Skriv ut skriptet som kompletterar styrdoks kommandon med Tab i SKAL.

    Kompletterar kommandon, flaggor, dokumentens och mallarnas id, dokumentsorter och
    roller ur korpusen. Lägg till i skalets startfil:

    \b
      bash: eval "$(styrdok completion bash)"   (i ~/.bashrc)
      zsh:  eval "$(styrdok completion zsh)"    (i ~/.zshrc)
      fish: styrdok completion fish > ~/.config/fish/completions/styrdok.fish
    """
    root = ctx.find_root().command
    click.echo(script(root, shell), nl=False)


COMMANDS: list[click.Command] = [completion]
