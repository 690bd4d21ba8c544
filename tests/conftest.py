"""Shared fixtures: the fixture dataset, the bundled data, a fixed 'today', and Chromium."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from timeline.core.asof import AsOf, projection_horizon
from timeline.core.query import Timeline
from timeline.load import default_data_dir, load

FIXTURE_DATA = Path(__file__).parent / "fixtures" / "data"
FIXTURE_TODAY = date(2024, 6, 1)
FIXTURE_HORIZON = projection_horizon(FIXTURE_TODAY)
FIXTURE_ASOF = AsOf(FIXTURE_TODAY, FIXTURE_HORIZON)


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the load cache of the tests out of the user's own cache folder."""
    os.environ["TIMELINE_CACHE"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session", autouse=True)
def english_by_default() -> None:
    """The answers in English whatever the machine's locale (TIMELINE_LANG, LC_ALL, LANG choose the CLI's
    language); a test that wants another language says so."""
    for name in ("TIMELINE_LANG", "LC_ALL"):
        os.environ.pop(name, None)
    os.environ["LANG"] = "C.UTF-8"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="Rewrite golden files from the current output.")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def fixture_data() -> Path:
    """The data folder of the small synthetic organisation 'testorg'."""
    return FIXTURE_DATA


@pytest.fixture(scope="session")
def fixture_tl() -> Timeline:
    return load(FIXTURE_DATA, "testorg")


@pytest.fixture(scope="session")
def csto() -> Timeline:
    """The bundled CSTO data."""
    return load(default_data_dir(), "csto")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture data folder, for tests that edit data."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, target)
    return target


@pytest.fixture(scope="session")
def chromium() -> str:
    """Path of Debian's Chromium; skipped where it is missing, but a failure in CI (CI=true)."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    if os.environ.get("CI"):
        pytest.fail("Chromium is required in CI (Debian package 'chromium'); .ci/run installs it")
    pytest.skip("no Chromium on this machine (apt-get install chromium) — browser tests skipped")


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
"""Chromium as the browser tests run it: headless, and nothing it would fetch on its own."""


@pytest.fixture(scope="module")
def browser(chromium: str):
    """One headless Chromium for a test module (playwright driving Debian's Chromium)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
