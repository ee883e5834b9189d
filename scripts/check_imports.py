"""Check that askbot's imports point down the data flow and form no circles.

Floors, lowest first: the floor (types, errors, settings, hashing) → minutes → people/model →
index → retrieve → edges (render, jsonshapes, evaluate, api, cli). A module may import its own
package and any package on a lower floor; never one on its own floor or above. Run:
``python scripts/check_imports.py`` (exit 1 and the offending imports when the rule is broken).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "askbot"
FLOOR = {"types": 0, "errors": 0, "settings": 0, "hashing": 0, "__init__": 0,
         "minutes": 1, "people": 2, "model": 2, "index": 3, "retrieve": 4,
         "render": 5, "jsonshapes": 5, "evaluate": 6, "api": 7, "cli": 8}


def unit(module: str) -> str:
    """The package (or top-level module) a dotted askbot module belongs to."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports(path: Path) -> list[tuple[int, str]]:
    rel = path.relative_to(SRC.parent).with_suffix("")
    here = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
    pkg = here if path.name == "__init__.py" else here.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg.split(".")
                base = base[: len(base) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            out.append((node.lineno, mod))
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
    return [(n, m) for n, m in out if m == "askbot" or m.startswith("askbot.")]


def cycles() -> list[str]:
    """Module-level circles anywhere (lazy imports included): A imports B imports … A."""
    graph: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC.parent).with_suffix("").parts
        name = ".".join(rel[:-1] if rel[-1] == "__init__" else rel)
        graph[name] = set()
        for _, mod in imports(path):
            graph[name].add(mod)
    found, state = [], {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if nxt not in graph or nxt == node or node.startswith(nxt + "."):
                continue  # a package's own __init__ or an imported name, not a module
            if state.get(nxt) == 1:
                found.append("circle: " + " -> ".join(stack[stack.index(nxt):] + [nxt]))
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return found


def main() -> int:
    bad = []
    for path in sorted(SRC.rglob("*.py")):
        mine = unit(".".join(path.relative_to(SRC.parent).with_suffix("").parts))
        for line, mod in imports(path):
            theirs = unit(mod)
            if theirs == mine:
                continue
            if FLOOR[theirs] >= FLOOR[mine]:
                bad.append(f"{path.relative_to(SRC.parent)}:{line}: {mine} imports {mod} (same floor or above)")
    bad += cycles()
    print("\n".join(bad) or "imports point down; no circles")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
