"""The test suite's own layout: test modules share code only through tests/helpers, and the fast lane is honest
(a test that drives Chromium or starts a server carries the marker that the lane leaves out).

Both are read from the source (ast), so they hold whichever tests a run selects."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
SOURCES = sorted(p for p in TESTS.rglob("*.py") if "node_modules" not in p.parts)
TEST_MODULES = [p for p in SOURCES if p.name.startswith("test_")]

BROWSER_FIXTURES = frozenset({"browser", "chromium"})
"""conftest's fixtures: Chromium's path, and Chromium launched."""
LAUNCHES = {"sync_playwright": "browser", "serving": "server", "make_server": "server", "serve": "page server"}
"""Calls that start something: playwright (Chromium), `timeline serve` as a process, its server in this process,
and the stdlib's file server that the browser tests load their pages from (tests/helpers/browser.py)."""
REQUIRED = {"browser": {"browser"}, "server": {"server"}, "page server": {"browser", "server"}}
"""What each launch needs: one of these marks."""


def imported(tree: ast.Module) -> set[str]:
    """Every module an import statement names, at any depth (`from tests import x` names tests.x too)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def is_test_module(name: str) -> bool:
    last = name.rsplit(".", 1)[-1]
    return last.startswith("test_") or last == "conftest"


def test_no_test_module_imports_another_test_module_or_conftest():
    found = [
        f"{path.relative_to(TESTS)} imports {name}"
        for path in SOURCES
        for name in sorted(imported(ast.parse(path.read_text(encoding="utf-8"))))
        if is_test_module(name)
    ]
    assert found == [], "shared code belongs in tests/helpers/ (fixtures in conftest.py)"


def marks_of(node: ast.expr) -> set[str]:
    """The names X of `pytest.mark.X` (called or not) in a decorator or a `pytestmark` value."""
    return {n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute) and ast.unparse(n.value) == "pytest.mark"}


def launches(source: str) -> dict[str, set[str]]:
    """What each test of a module starts, itself or through the fixtures and functions of the module it uses."""
    tree = ast.parse(source)
    defs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef | ast.ClassDef)}
    direct: dict[str, set[str]] = {}
    uses: dict[str, set[str]] = {}
    for name, node in defs.items():
        calls = {n.func for n in ast.walk(node) if isinstance(n, ast.Call)}
        called = {c.id if isinstance(c, ast.Name) else c.attr for c in calls if isinstance(c, ast.Name | ast.Attribute)}
        params = {a.arg for n in ast.walk(node) if isinstance(n, ast.FunctionDef) for a in n.args.args}
        direct[name] = {LAUNCHES[c] for c in called & LAUNCHES.keys()} | (
            {"browser"} if params & BROWSER_FIXTURES else set()
        )
        names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
        uses[name] = (names | params) & defs.keys() - {name}
    started = {name: set(kinds) for name, kinds in direct.items()}
    changed = True
    while changed:  # through fixtures that use fixtures, functions that call functions
        changed = False
        for name, used in uses.items():
            more = set().union(*(started[u] for u in used)) - started[name]
            if more:
                started[name] |= more
                changed = True
    return {name: kinds for name, kinds in started.items() if name.startswith("test_") and kinds}


def unmarked(source: str) -> dict[str, list[str]]:
    """Each test that starts something without a mark that keeps it out of the fast lane: test -> what it starts."""
    tree = ast.parse(source)
    module_marks = set().union(
        *(
            marks_of(node.value)
            for node in tree.body
            if isinstance(node, ast.Assign) and any(ast.unparse(t) == "pytestmark" for t in node.targets)
        )
    )
    decorated = {
        node.name: set().union(*(marks_of(d) for d in node.decorator_list))
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
    }
    return {
        test: sorted(kind for kind in kinds if not REQUIRED[kind] & (module_marks | decorated.get(test, set())))
        for test, kinds in launches(source).items()
        if any(not REQUIRED[kind] & (module_marks | decorated.get(test, set())) for kind in kinds)
    }


SAMPLE = """
import pytest
from tests.helpers.serving import serving

pytestmark = [pytest.mark.slow]


@pytest.fixture
def served(tmp_path):
    with serving(tmp_path) as server:
        yield server


def get(server, path):
    return server.get(path)


def test_a_page(served):
    assert get(served, "/")


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_in_chromium(chromium, lang):
    assert chromium


def test_unmarked_chromium(browser):
    assert browser


@pytest.mark.browser
def test_pages_in_a_browser(tmp_path):
    with serve(tmp_path), sync_playwright():
        pass


def test_pages_served_to_no_browser(tmp_path):
    with serve(tmp_path):
        pass


def test_nothing_started():
    assert get
"""


def test_the_check_sees_fixtures_functions_marks_and_module_marks():
    assert unmarked(SAMPLE) == {
        "test_a_page": ["server"],
        "test_unmarked_chromium": ["browser"],
        "test_pages_served_to_no_browser": ["page server"],
    }
    assert "test_nothing_started" not in launches(SAMPLE)
    assert unmarked(SAMPLE.replace("pytestmark = [pytest.mark.slow]", "pytestmark = pytest.mark.server")) == {
        "test_unmarked_chromium": ["browser"],
    }


def test_every_test_that_starts_chromium_or_a_server_is_marked_out_of_the_fast_lane():
    found = {p.name: unmarked(p.read_text(encoding="utf-8")) for p in TEST_MODULES}
    assert {name: tests for name, tests in found.items() if tests} == {}, (
        "mark them @pytest.mark.browser / @pytest.mark.server (or pytestmark = ... for a whole module)"
    )
    starting = {p.name for p in TEST_MODULES if launches(p.read_text(encoding="utf-8"))}
    assert {"test_browser_page.py", "test_serve.py", "test_landing.py", "test_injection.py"} <= starting
