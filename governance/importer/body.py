"""Blocks under a heading → a Markdown body: paragraphs, bullet and numbered lists (nested
four spaces deep, as Python-Markdown reads them), paragraphs inside a list item, quotes and
tables as Markdown tables."""

from __future__ import annotations

from governance.importer.reader import Block, Para

ORDERED = {"decimal", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman", "decimalZero"}


def markdown(blocks: list[Block]) -> str:
    out: list[str] = []
    counters: dict[tuple[str, int], int] = {}
    previous: Block | None = None
    for block in blocks:
        piece = _piece(block, previous, counters)
        if piece is None:
            continue
        if out and not (block.kind == "item" and previous is not None and previous.kind == "item"):
            out.append("")
        out.append(piece)
        previous = block
    return "\n".join(out).strip() + ("\n" if out else "")


def _piece(
    block: Block, previous: Block | None, counters: dict[tuple[str, int], int]
) -> str | None:
    if block.kind == "table":
        return table(block.rows)
    text = block.text
    if not text:
        return None
    if block.kind == "item":
        level = min(block.level, 2)
        key = (block.num_id, level)
        counters[key] = counters.get(key, 0) + 1
        for deeper in [k for k in counters if k[0] == block.num_id and k[1] > level]:
            del counters[deeper]
        marker = f"{counters[key]}." if block.fmt in ORDERED else "-"
        return "    " * level + f"{marker} " + _indent_lines(text, "    " * (level + 1))
    if previous is not None and previous.kind == "item" and block.indent > 0:
        depth = "    " * (min(previous.level, 2) + 1)
        return depth + _indent_lines(text, depth)
    if block.style.startswith(("quote", "citat", "intense quote")):
        return "> " + _indent_lines(text, "> ")
    return _hard_breaks(text)


def _indent_lines(text: str, prefix: str) -> str:
    lines = _hard_breaks(text).split("\n")
    return "\n".join([lines[0], *(prefix + line for line in lines[1:])])


def _hard_breaks(text: str) -> str:
    """A line break inside a paragraph: Markdown's two spaces at the end of the line."""
    return text.replace("\n", "  \n")


def table(rows: list[list[list[Para]]]) -> str:
    cells = [[_cell(c) for c in row] for row in rows if row]
    if not cells:
        return ""
    width = max(len(r) for r in cells)
    cells = [r + [""] * (width - len(r)) for r in cells]
    lines = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(r) + " |" for r in cells[1:]]
    return "\n".join(lines)


def _cell(paras: list[Para]) -> str:
    text = " ".join(p.markdown for p in paras if p.markdown)
    return " ".join(text.replace("|", "\\|").split())
