"""Every page type passes axe-core (the npm package, installed in tests/js beside ical.js) with no serious or critical
finding: the landing page, an organisation's page and the overview, in English and in Russian, on a desktop and on
a phone. axe.min.js is injected into the page as served (Playwright lifts the page's CSP for it only)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers.serving import serving, timeline

pytestmark = [pytest.mark.browser, pytest.mark.server]

AXE = Path(__file__).parent / "js" / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ("index.html", "testorg/timeline.html", "timeline.html")
"""One page of each type: the landing page, an organisation's timeline, the overview."""
SCREENS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
SEVERE = ("serious", "critical")


@pytest.fixture(scope="module")
def axe_js() -> str:
    """axe-core's script; skipped where tests/js is not installed (`npm ci` there), a failure in CI."""
    if not AXE.is_file():
        if os.environ.get("CI"):
            pytest.fail("axe-core is required in CI: npm ci in tests/js")
        pytest.skip("axe-core missing: run npm ci in tests/js")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def site(fixture_data, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("axe") / "out"
    result = timeline("build", "--data", str(fixture_data), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def findings(browser, url: str, axe_js: str, screen: str) -> list[str]:
    """axe-core's serious and critical findings on the page at `url`, once it is drawn: 'rule: target (summary)'."""
    context = browser.new_context(viewport=SCREENS[screen], bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(url)
        if page.locator("#timeline-plot").count():
            page.wait_for_selector("#timeline-plot[data-ready]", timeout=30_000)
        page.add_script_tag(content=axe_js)
        result = page.evaluate("() => axe.run(document, { resultTypes: ['violations'] })")
    finally:
        context.close()
    return [
        f"{v['id']}: {node['target']} ({node['failureSummary'][:200]})"
        for v in result["violations"]
        if v["impact"] in SEVERE
        for node in v["nodes"]
    ]


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("folder", ["", "ru/"], ids=["en", "ru"])
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_axe_finding(browser, site, axe_js, path, folder, screen):
    with serving(site) as server:
        found = findings(browser, f"{server.url}/{folder}{path}", axe_js, screen)
    assert found == []


def test_link_names_are_unique_where_they_lead_elsewhere(browser, site):
    """No two links of a page read alike but lead to different places (34 'Subscribe' links read the same)."""
    with serving(site) as server:
        for path in PAGES:
            context = browser.new_context()
            page = context.new_page()
            page.goto(f"{server.url}/{path}")
            links = page.eval_on_selector_all(
                "a[href]", "els => els.map(e => [(e.innerText || e.textContent).trim(), e.href])"
            )
            context.close()
            targets: dict[str, set[str]] = {}
            for name, target in links:
                targets.setdefault(name, set()).add(target)
            assert {name: t for name, t in targets.items() if len(t) > 1} == {}, path
