"""The io layer's imports, parsed from its source: no cycle among its modules, nothing from the
layers above it (core, report, cli, api) and none of typer, rich or openpyxl."""

import ast
from pathlib import Path

import sygefravaer.io

IO = Path(sygefravaer.io.__file__).parent
FORBIDDEN = ("typer", "rich", "openpyxl")
ABOVE = ("core", "report", "cli", "api")


def imports(path: Path) -> list[tuple[int, str]]:
    """(level, module) of each import in a file; level 1 is `from .x`, 2 is `from ..x`."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(0, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module] if node.module else [a.name for a in node.names]
            out += [(node.level, name) for name in names]
    return out


def io_graph() -> dict[str, set[str]]:
    """io module -> the io modules it imports."""
    return {
        p.stem: {m.split(".")[0] for level, m in imports(p) if level == 1} for p in IO.glob("*.py")
    }


def find_cycle(graph: dict[str, set[str]]) -> tuple[str, ...] | None:
    """A chain of imports that leads back to its start, or None (depth-first search)."""
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> tuple[str, ...] | None:
        if module in path:
            return (*path[path.index(module) :], module)
        if module in done:
            return None
        for dep in sorted(graph.get(module, ())):
            if cycle := visit(dep, (*path, module)):
                return cycle
        done.add(module)
        return None

    return next((c for m in sorted(graph) if (c := visit(m, ()))), None)


def test_io_imports_have_no_cycle():
    graph = io_graph()
    assert {"readers", "tables", "sources", "codes"} <= set(graph)
    assert "tables" in graph["readers"]  # the graph is read as written
    assert find_cycle(graph) is None


def test_a_cycle_is_found():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ("a", "b", "c", "a")
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_io_imports_nothing_from_the_layers_above():
    for p in IO.glob("*.py"):
        for level, module in imports(p):
            top = module.split(".")[0]
            assert not (level == 0 and top in FORBIDDEN), (p.name, module)
            assert not (level == 0 and module.startswith("sygefravaer.")), (p.name, module)
            assert not (level == 2 and top in ABOVE), (p.name, module)
