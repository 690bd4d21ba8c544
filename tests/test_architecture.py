"""The layering holds: a pure core, imports that only run downward and never in a circle, no heavy library on the
query path."""

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import timeline

PACKAGE = Path(timeline.__file__).parent
CORE = sorted((PACKAGE / "core").rglob("*.py"))
CLOCK_OR_IO = {"today", "now", "utcnow", "time", "open", "read_text", "write_text", "getenv", "environ"}


LAYERS = (("errors",), ("datafiles",), ("stamps",), ("core",), ("load", "render"), ("site", "ingest"), ("cli",))
"""Imports run only downward, to an earlier layer; the two parts of one layer never import each other (ingest reads
press releases against the data: it stands beside the site, above load and render; datafiles and stamps, the standard
library and errors only, say which files and folders are data and where the caches are, for the loader, the answers
cache and a build that renders nothing alike)."""


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            found.add(node.module or "")
    return found


def module_name(path: Path) -> str:
    parts = ["timeline", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def import_nodes(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement below `node`: inside functions too, and under `if TYPE_CHECKING:` too (an import for
    annotations only still ties the two modules' designs together)."""
    for child in ast.walk(node):
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child


def imports_of(path: Path) -> set[str]:
    """The package's own modules a module imports, anywhere in it (inside functions and under `if TYPE_CHECKING:`
    too): `from a import b` counts as importing the module a.b when there is one, else a."""
    found = set()
    for node in import_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        else:
            assert node.level == 0, f"{path.name}:{node.lineno}: a relative import (write timeline.…)"
            found |= {m if (m := f"{node.module}.{alias.name}") in MODULES else node.module for alias in node.names}
    return {m for m in found if m in MODULES} - {module_name(path)}


def layer_of(module: str) -> int | None:
    """The index in LAYERS of a module's top package (None for the package itself and __main__)."""
    top = module.split(".")[1] if "." in module else None
    return next((i for i, names in enumerate(LAYERS) if top in names), None)


def packages_run_by(module: str, target: str) -> set[str]:
    """The packages importing `target` runs first (its parents), leaving out the importing module's own parents,
    which are already running."""
    parts = target.split(".")
    parents = {".".join(parts[:i]) for i in range(2, len(parts))}
    return {p for p in parents if p in MODULES and not module.startswith(p + ".")}


def import_graph() -> dict[str, set[str]]:
    """Each module of the package and the package's modules importing it runs: the ones it names, and their
    parent packages (importing timeline.core.rotation.context runs timeline/core/rotation/__init__.py first)."""
    graph = {}
    for name, path in MODULES.items():
        named = imports_of(path)
        graph[name] = named.union(*(packages_run_by(name, target) for target in named)) - {name}
    return graph


def test_the_purity_checks_read_the_whole_core():
    names = {path.relative_to(PACKAGE).as_posix() for path in CORE}
    assert {"core/model.py", "core/rotation/engine.py", "core/rotation/context.py"} <= names


def test_core_imports_only_the_standard_library_and_itself():
    assert CORE, "no core modules found"
    for path in CORE:
        for module in imported_modules(path):
            top = module.split(".")[0]
            allowed = top in sys.stdlib_module_names and top not in {"os", "io", "pathlib", "time", "socket", "urllib"}
            allowed |= module.startswith(("timeline.core", "timeline.errors"))
            assert allowed, f"{path.name} imports {module}"


def test_core_never_reads_the_clock_or_files():
    for path in CORE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else None
            if isinstance(node, ast.Call):
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
                assert called not in CLOCK_OR_IO, f"{path.name}:{node.lineno} calls {called}"
            assert name != "environ", f"{path.name} reads the environment"


def run_python(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return result.stdout.strip()


def test_import_timeline_leaves_heavy_libraries_out():
    code = (
        "import sys, timeline; print(sorted(m for m in ('plotly', 'icalendar', 'typer', 'arrow') if m in sys.modules))"
    )
    assert run_python(code) == "[]"


def test_the_query_path_does_not_import_plotly_or_icalendar():
    code = (
        "import sys\nfrom timeline.cli import app\n"
        "try:\n    app(['who-chairs', '2025'], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('plotly', 'icalendar') if m in sys.modules))"
    )
    assert run_python(code).splitlines()[-1] == "[]"


def test_imports_never_run_in_a_circle():
    """Not even through an import inside a function, nor one under `if TYPE_CHECKING:`: each module can be read
    knowing only the ones below it."""
    graph = import_graph()
    done: set[str] = set()

    def visit(module: str, trail: list[str]) -> None:
        if module in trail:
            raise AssertionError("import cycle: " + " -> ".join([*trail[trail.index(module) :], module]))
        if module not in done:
            for target in sorted(graph[module]):
                visit(target, [*trail, module])
            done.add(module)

    for module in sorted(graph):
        visit(module, [])


def test_imports_only_run_downward():
    """errors -> core -> load / render -> site -> cli: render never imports site or cli, nor load render."""
    assert all(layer_of(m) is not None for m in MODULES if m.count(".") and not m.endswith("__main__"))
    for name, path in MODULES.items():
        layer = layer_of(name)
        for target in imports_of(path):
            below = layer_of(target)
            if layer is None or below is None or target.split(".")[1] == name.split(".")[1]:
                continue
            assert below < layer, f"{name} imports {target}: {LAYERS[below]} is not below {LAYERS[layer]}"


def test_the_cycle_and_layer_checks_see_imports_inside_functions():
    """The page once imported the figure's module inside a function and the figure the page: the walk finds those."""
    assert "timeline.render.html.figure" in imports_of(MODULES["timeline.render.html.page"])
    assert "timeline.render.ical.feeds" in imports_of(MODULES["timeline.site.assembly"])  # imported in a method


def test_the_cycle_check_counts_imports_for_annotations_only():
    """`core/model.py` once imported the rotation package under `if TYPE_CHECKING:` while the rotation package
    imported the model: a cycle of design though not of execution. The walk counts those imports too."""
    source = "import a\nif TYPE_CHECKING:\n    import b\ndef f():\n    if typing.TYPE_CHECKING:\n        import c\n"
    assert [n.names[0].name for n in import_nodes(ast.parse(source))] == ["a", "b", "c"]
    assert "timeline.core.audit" in imports_of(MODULES["timeline.render.json"])  # under TYPE_CHECKING there


def test_the_cycle_check_counts_the_packages_an_import_runs():
    """Importing a module of a package runs the package's __init__ first: the check follows that edge too."""
    graph = import_graph()
    assert "timeline.core.rotation" in graph["timeline.core.organisation"]  # it imports timeline.core.rotation.rules
    assert "timeline.core.rotation" not in graph["timeline.core.rotation.engine"]  # its own package is running
