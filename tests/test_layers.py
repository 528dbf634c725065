"""The layers of the package (read -> validate -> compute -> present) hold: each folder imports only
what it may, there is no import cycle, and no module keeps state keyed by object identity.

The imports are read from the source (every `import` and `from ... import`, also inside
functions), so a lazy import that breaks a rule is caught too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parents[1] / "src" / "sygefravaer"
PRESENTATION = {"typer", "rich", "openpyxl", "click"}
SHARED = {"sygefravaer.errors", "sygefravaer.names", "sygefravaer.periods"}

# layer -> (sygefravaer modules it must not import, third-party packages it must not import)
FORBIDDEN = {
    "io": ({"core", "report", "cli", "api"}, PRESENTATION),
    "core": ({"io", "report", "cli", "api"}, PRESENTATION),
    "report": ({"io", "cli", "api"}, {"typer", "click"}),
    "shared": ({"io", "core", "report", "cli", "api"}, PRESENTATION | {"pandas", "numpy"}),
}


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(source: str, module: str, is_package: bool = False) -> set[str]:
    """Every module `source` imports, as absolute dotted names (relative imports resolved)."""
    here = module.split(".") if is_package else module.split(".")[:-1]
    found: set[str] = set()
    for node in _executed(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            found.add(target)
            # `from . import models` imports the module sygefravaer.core.models
            found |= {f"{target}.{a.name}" for a in node.names}
    return found


def _executed(tree: ast.AST):
    """Every node, except those under `if TYPE_CHECKING:` (read by type checkers, never run)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            yield from (n for child in node.orelse for n in [child, *_executed(child)])
            continue
        yield node
        yield from _executed(node)


def layer(module: str) -> str:
    if module in SHARED:
        return "shared"
    parts = module.split(".")
    return parts[1] if len(parts) > 2 else parts[-1]


def violations(module: str, imported: set[str]) -> list[str]:
    """The imports of `module` that its layer forbids."""
    rules = FORBIDDEN.get(layer(module))
    if rules is None:
        return []
    inner, outer = rules
    bad = []
    for name in sorted(imported):
        parts = name.split(".")
        if parts[0] == "sygefravaer" and len(parts) > 1 and parts[1] in inner:
            bad.append(f"{module} imports {name}")
        elif parts[0] in outer:
            bad.append(f"{module} imports {name}")
    return bad


def graph() -> dict[str, set[str]]:
    """Module -> the package's own modules it imports."""
    files = sorted(SRC.rglob("*.py"))
    names = {module_name(f): f for f in files}
    out = {}
    for name, f in names.items():
        found = imports(f.read_text(encoding="utf-8"), name, f.name == "__init__.py")
        out[name] = {m for m in found if m in names and m != name}
    return out


def cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as a list of modules, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for m in sorted(edges.get(n, ())):
            if state.get(m) == 1:
                return stack[stack.index(m) :] + [m]
            if m not in state and (found := visit(m)):
                return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(edges):
        if n not in state and (found := visit(n)):
            return found
    return None


def test_every_layer_imports_only_what_it_may():
    problems = []
    for f in sorted(SRC.rglob("*.py")):
        name = module_name(f)
        problems += violations(
            name, imports(f.read_text(encoding="utf-8"), name, f.name == "__init__.py")
        )
    assert problems == []


def test_the_package_has_no_import_cycle():
    edges = graph()
    assert edges["sygefravaer"] == set()  # the package loads its API lazily (module __getattr__)
    assert cycle(edges) is None


def test_the_folders_are_there():
    for folder in ("io", "core", "report"):
        assert (SRC / folder / "__init__.py").exists()
    assert len(list((SRC / "core").glob("*.py"))) > 3


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("sygefravaer.core.targets", "from ..io.readers import Table", "sygefravaer.io.readers"),
        ("sygefravaer.core.targets", "import rich.table", "rich.table"),
        ("sygefravaer.io.readers", "from ..core import models", "sygefravaer.core"),
        ("sygefravaer.report.tables", "from ..io.inputs import Inputs", "sygefravaer.io.inputs"),
        ("sygefravaer.names", "import pandas as pd", "pandas"),
    ],
)
def test_the_checker_catches_a_forbidden_import(module, source, expected):
    bad = violations(module, imports(f"def f():\n    {source}\n", module))
    assert bad and expected in bad[0]


def test_the_checker_finds_a_cycle():
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_no_module_keys_anything_by_object_identity():
    # id() keys outlive the object they were made for: a reused id gives stale results.
    hits = []
    for f in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "id":
                hits.append(f"{f.relative_to(SRC)}:{node.lineno}")
    assert hits == []


def test_core_does_no_file_io():
    calls = {"open", "read_text", "read_bytes", "write_text", "write_bytes", "mkdir", "unlink"}
    hits = []
    for f in sorted((SRC / "core").rglob("*.py")):
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in calls:
                    hits.append(f"{f.relative_to(SRC)}:{node.lineno} {name}")
    assert hits == []
