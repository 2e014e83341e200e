"""The package's shape: no import cycles, and lower layers never import higher ones.

Every import counts, including those inside functions and under TYPE_CHECKING: a function-level
import that only hides a cycle is still a cycle. The layers are drawn in docs/architecture.md.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("smartcheck", "web")

# Layer of each unit (a subpackage, or a top-level module of smartcheck); a unit may import
# units of a lower layer, and modules inside its own unit, never a higher or same-layer unit.
LAYERS: dict[str, float] = {
    "smartcheck.errors": 0,
    "smartcheck.resources": 0,
    "smartcheck.cpu_load": 0,  # is a core free for a batch worker (standard library only)
    "smartcheck.database": 0.5,  # URL, engines, Alembic migrations (no model of any layer)
    "smartcheck.report": 1,
    "smartcheck.judge": 2,
    "smartcheck.extract": 2,
    "smartcheck.models": 3,
    "smartcheck.corpus": 4,
    "smartcheck.rewrite": 5,
    "smartcheck.engine": 6,
    "smartcheck": 6.5,  # the package's __init__: the public API (check, check_many, Engine)
    "smartcheck.reports": 7,
    "smartcheck.batch": 8,
    "smartcheck.evaluate": 8,
    "smartcheck.bulk": 8.5,  # a file streamed in chunks through local or Dask workers
    "smartcheck.cli_corpus": 9,
    "smartcheck.cli": 10,
    "web": 12,
}


def module_name(path: Path) -> str:
    """Dotted module name of a source file."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules() -> dict[str, Path]:
    """Every module of smartcheck/ and web/."""
    return {module_name(p): p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")}


def imports_of(path: Path, name: str, modules: dict[str, Path]) -> set[str]:
    """Project modules imported anywhere in a file (module level, functions, TYPE_CHECKING)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for target in targets:
            # `from smartcheck.corpus import store` imports the module smartcheck.corpus.store
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def graph() -> dict[str, set[str]]:
    """Module → project modules it imports."""
    modules = all_modules()
    return {name: imports_of(path, name, modules) for name, path in modules.items()}


def unit_of(module: str) -> str:
    """The layer unit a module belongs to (longest matching prefix in LAYERS)."""
    parts = module.split(".")
    for n in range(len(parts), 0, -1):
        candidate = ".".join(parts[:n])
        if candidate in LAYERS:
            return candidate
    raise AssertionError(f"{module} is in no layer of tests/test_architecture.py")


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def package_inits(edges: dict[str, set[str]]) -> dict[str, set[str]]:
    """Edges without a package's own __init__ re-exporting its submodules (not a cycle)."""
    return {m: {t for t in ts if not m.startswith(t + ".")} for m, ts in edges.items()}


def test_no_import_cycles() -> None:
    """No two modules of smartcheck/ or web/ need each other, directly or through others."""
    assert cycles(package_inits(graph())) == []


def test_lower_layers_never_import_higher_ones() -> None:
    """Each import goes down the layers of docs/architecture.md (or stays in its own unit)."""
    wrong = []
    for module, targets in graph().items():
        here = unit_of(module)
        for target in targets:
            there = unit_of(target)
            if there == here:
                continue
            if LAYERS[there] >= LAYERS[here]:
                wrong.append(f"{module} -> {target}")
    assert wrong == []


def test_engine_never_imports_the_shells() -> None:
    """smartcheck/ imports nothing from web/, and nothing below the CLI imports the CLI."""
    for module, targets in graph().items():
        if module.startswith("smartcheck"):
            assert not any(t.startswith("web") for t in targets), module


def test_top_level_is_small_and_every_subpackage_says_what_it_is() -> None:
    """At most 10 modules directly in smartcheck/, at least 4 subpackages, each with a docstring."""
    top = [p for p in (ROOT / "smartcheck").glob("*.py")]
    subpackages = [p for p in (ROOT / "smartcheck").iterdir() if (p / "__init__.py").exists()]
    assert len(top) <= 10, sorted(p.name for p in top)
    assert len(subpackages) >= 4
    for package in subpackages:
        doc = ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "\n" not in doc.strip(), f"{package.name}/__init__.py: one-line docstring"


def test_the_checker_sees_a_planted_cycle() -> None:
    """The cycle finder is not vacuous."""
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("module", ["smartcheck.judge.scoring", "smartcheck.corpus.store"])
def test_units_are_known(module: str) -> None:
    """Every module maps to a layer (a new subpackage must be placed in LAYERS)."""
    assert unit_of(module) in LAYERS
