"""The package's layers, read from the source: imports only go down, and no module imports itself back.

Order, bottom to top (``docs/architecture.md``). A module may import its own unit and the
units of lower layers, never a unit of its own layer or above; function-level imports count.
The facade (``sdgmap/__init__.py``) re-exports everything and is left out.
"""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "sdgmap"
LAYERS = [
    {"about", "errors"},
    {"util", "lang"},
    {"_taxonomy", "lexicon"},
    {"results"},
    {"systemic"},
    {"pipeline"},
    {"loading"},
    {"mapping"},
    {"io"},
    {"report", "training", "adaptation"},
    {"documents"},
    {"service", "dask", "schema"},
    {"cli"},
    {"train"},
]
# Upward imports made on purpose, each a lazy import inside one method, named here so that no
# other can slip in: ``SDGModel.classify_document`` hands a document to ``sdgmap.documents``.
ALLOWED_UPWARD = {("sdgmap.pipeline._model", "sdgmap.documents")}
RANK = {unit: rank for rank, units in enumerate(LAYERS) for unit in units}


def _modules() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts == ("__init__",):
            continue
        name = ".".join(("sdgmap", *parts))
        modules[name.removesuffix(".__init__")] = path
    return modules


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The sdgmap modules ``name`` imports, anywhere in its body."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            targets = [f"{module}.{alias.name}" if f"{module}.{alias.name}" in MODULES else module for alias in node.names]
        else:
            continue
        found.update(t for t in targets if t == "sdgmap" or t.startswith("sdgmap."))
    return found


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "sdgmap"


def test_every_unit_has_a_layer():
    units = {_unit(name) for name in MODULES}
    assert units <= set(RANK), units - set(RANK)


def test_imports_only_go_down():
    upward = []
    for module, targets in GRAPH.items():
        for target in targets:
            source_unit, target_unit = _unit(module), _unit(target)
            if target_unit == "sdgmap":
                upward.append(f"{module} imports the facade `sdgmap`")
            elif (module, target) in ALLOWED_UPWARD:
                continue
            elif source_unit != target_unit and RANK[target_unit] >= RANK[source_unit]:
                upward.append(f"{module} -> {target}")
    assert not upward, "\n".join(sorted(upward))


def test_no_import_cycles():
    # Tarjan's strongly connected components over modules.
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in GRAPH.get(node, ()):
            if target not in GRAPH:
                continue
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in GRAPH:
        if node not in index:
            visit(node)
    assert not cycles, cycles


def test_training_is_never_imported_at_run_time():
    importers = {_unit(module) for module, targets in GRAPH.items()
                 if any(_unit(t) == "training" for t in targets)} - {"training"}
    assert importers <= {"cli"}, importers


def test_the_graph_is_read():
    # Guard against a parser that sees nothing: the model imports its pipeline parts.
    assert "sdgmap.pipeline._text" in GRAPH["sdgmap.pipeline._model"]
    assert "sdgmap.results" in GRAPH["sdgmap.systemic._impact"]
