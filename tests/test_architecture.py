"""The layering holds: a pure core, and no heavy library on the query path."""

import ast
import subprocess
import sys
from pathlib import Path

import timeline

PACKAGE = Path(timeline.__file__).parent
CORE = sorted((PACKAGE / "core").glob("*.py"))
CLOCK_OR_IO = {"today", "now", "utcnow", "time", "open", "read_text", "write_text", "getenv", "environ"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            found.add(node.module or "")
    return found


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
