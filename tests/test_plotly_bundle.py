"""The plotly.js the pages ship: the basic bundle vendored in timeline/render/html/vendor/, as its manifest says.

The rule between it and the Python plotly package: the figure is built and checked by plotly (against the schema
of the plotly.js that plotly bundles) and drawn by the vendored bundle, so the two must be the same major
version of plotly.js (plotly.js keeps a major's attributes), and the browser test below checks that the bundle
accepts every attribute of every page's figure. The same version is what `scripts/update_plotly_bundle.py`
vendors by default; a newer plotly of the same major is reported as a warning, not a failure (and
`update_plotly_bundle.py --check` fails on it), so that a plotly release on PyPI cannot break CI by itself.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import subprocess
import sys
import tarfile
import tomllib
import warnings
from datetime import date
from pathlib import Path

import pytest

from timeline.render.html.page import PLOTLY_BUNDLE, plotly_js, plotly_locale, plotly_manifest

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "timeline" / "render" / "html" / "vendor"
LICENCE_NAME = "plotly-basic.min.js.LICENSE.txt"


def update_script():
    """scripts/update_plotly_bundle.py as a module."""
    spec = importlib.util.spec_from_file_location("update_plotly_bundle", ROOT / "scripts" / "update_plotly_bundle.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_bundle_is_the_file_its_manifest_describes():
    info = plotly_manifest()
    data = plotly_js().encode("utf-8")
    assert (info["package"], info["file"], info["licence"]) == ("plotly.js-basic-dist-min", PLOTLY_BUNDLE, "MIT")
    assert hashlib.sha256(data).hexdigest() == info["sha256"] and len(data) == info["bytes"]
    assert data == (VENDOR / PLOTLY_BUNDLE).read_bytes()
    licence = (VENDOR / info["licence_file"]).read_bytes()
    assert hashlib.sha256(licence).hexdigest() == info["licence_sha256"] and b"MIT License" in licence
    assert info["source"].endswith(f"npm pack plotly.js-basic-dist-min@{info['version']}")


def test_the_bundle_opens_with_plotlys_licence_banner_and_its_version():
    version = plotly_manifest()["version"]
    head = plotly_js()[:200]
    assert head.startswith(f"/**\n* plotly.js (basic - minified) v{version}\n* Copyright 2012-")
    assert "Licensed under the MIT license" in head
    assert plotly_js().rstrip().endswith("window.Plotly = Plotly;\nreturn Plotly;\n}));")


def test_the_bundle_is_the_same_plotly_js_major_as_the_python_plotly_bundles():
    """See the module's docstring for the rule: same major, or fail; another version of it, a warning."""
    from plotly.offline import get_plotlyjs_version

    vendored, bundled = plotly_manifest()["version"], get_plotlyjs_version()
    assert vendored.split(".")[0] == bundled.split(".")[0], (
        f"vendored plotly.js {vendored}, the installed plotly bundles {bundled}: "
        "run python scripts/update_plotly_bundle.py and the browser tests"
    )
    if vendored != bundled:
        warnings.warn(
            f"vendored plotly.js {vendored}, the installed plotly bundles {bundled}: "
            "python scripts/update_plotly_bundle.py vendors the matching bundle",
            stacklevel=1,
        )


def test_the_update_script_finds_nothing_to_change_offline():
    assert update_script().check(VENDOR, None) == []


def test_the_wheel_ships_the_bundle_as_package_data():
    """The wheel ships the `timeline` package, and names vendor/ as artifacts so no ignore rule can drop it."""
    wheel = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["hatch"]["build"]
    wheel = wheel["targets"]["wheel"]
    assert "timeline" in wheel["packages"] and "timeline/render/html/vendor/*" in wheel["artifacts"]
    tracked = subprocess.run(
        ["git", "ls-files", "timeline/render/html/vendor"], capture_output=True, text=True, cwd=ROOT
    )
    if tracked.returncode == 0 and tracked.stdout:
        names = (PLOTLY_BUNDLE, "plotly-basic.json", LICENCE_NAME, *LOCALE_NAMES)
        assert sorted(tracked.stdout.split()) == sorted(f"timeline/render/html/vendor/{name}" for name in names)


LOCALE_NAMES = ("plotly-locale-ru.js", "plotly-locales.LICENSE.txt", "plotly-locales.json")
"""The vendored Russian locale of plotly.js, its licence and manifest."""


def test_the_russian_locale_is_the_file_its_manifest_describes_of_the_bundle_s_version():
    info = json.loads((VENDOR / "plotly-locales.json").read_text(encoding="utf-8"))
    assert (info["package"], info["licence"], info["version"]) == ("plotly.js", "MIT", plotly_manifest()["version"])
    assert sorted(info["files"]) == ["ru"]
    data = plotly_locale("ru").encode("utf-8")
    assert data == (VENDOR / "plotly-locale-ru.js").read_bytes()
    entry = info["files"]["ru"]
    assert hashlib.sha256(data).hexdigest() == entry["sha256"] and len(data) == entry["bytes"]
    assert data.startswith(b'var locale={moduleType:"locale",name:"ru",') and b"Plotly.register(locale)" in data
    licence = (VENDOR / info["licence_file"]).read_bytes()
    assert hashlib.sha256(licence).hexdigest() == info["licence_sha256"] and b"MIT License" in licence
    assert plotly_locale("en") is None, "English is plotly.js's own"
    assert update_script().check_locales(VENDOR) == []


def fake_locales_tarball(folder: Path, version: str, locale: bytes | None = None, name: str = "plotly.js") -> Path:
    """An npm tarball of plotly.js (the whole library) with its Russian locale in dist/, as `npm pack` writes it."""
    files = {
        "package/package.json": json.dumps({"name": name, "version": version, "license": "MIT"}).encode(),
        "package/LICENSE": b"MIT License\n\nCopyright (c) Plotly\n",
        "package/dist/plotly.js": b"var Plotly = {};",
        "package/dist/plotly-locale-ru.js": locale
        if locale is not None
        else 'var locale={moduleType:"locale",name:"ru",dictionary:{Pan:"Сдвиг"},format:{}};'
        '"undefined"==typeof Plotly?(window.PlotlyLocales=window.PlotlyLocales||[],window.PlotlyLocales.push(locale))'
        ":Plotly.register(locale);".encode(),
    }
    return write_tarball(folder / f"plotly.js-{version}.tgz", files)


def test_the_update_script_vendors_the_locales_once_beside_the_bundle(tmp_path):
    script, vendor = update_script(), tmp_path / "vendor"
    script.update("9.8.7", fake_tarball(tmp_path, "9.8.7"), vendor)
    tarball = fake_locales_tarball(tmp_path, "9.8.7")
    assert script.update_locales("9.8.7", tarball, vendor) == [*LOCALE_NAMES]
    info = json.loads((vendor / "plotly-locales.json").read_text(encoding="utf-8"))
    locale = (vendor / "plotly-locale-ru.js").read_bytes()
    assert info["files"]["ru"]["sha256"] == hashlib.sha256(locale).hexdigest() and info["version"] == "9.8.7"
    assert info["tarball"]["file"] == tarball.name and info["tarball"]["integrity"].startswith("sha512-")
    stamps = {p.name: p.stat().st_mtime_ns for p in vendor.iterdir()}
    assert script.update_locales("9.8.7", tarball, vendor) == [], "idempotent: nothing rewritten"
    assert {p.name: p.stat().st_mtime_ns for p in vendor.iterdir()} == stamps
    assert script.check_locales(vendor) == []
    script.update("9.8.8", fake_tarball(tmp_path, "9.8.8"), vendor)
    assert script.check_locales(vendor) == ["the vendored locales are of plotly.js 9.8.7, the bundle is 9.8.8"]
    (vendor / "plotly-locale-ru.js").write_bytes(locale + b"\n")
    assert "plotly-locale-ru.js is not the file the manifest describes" in script.check_locales(vendor)


@pytest.mark.parametrize(
    ("tarball", "message"),
    [
        (lambda d: fake_locales_tarball(d, "9.8.6"), "package.json says plotly.js@9.8.6"),
        (lambda d: fake_locales_tarball(d, "9.8.7", name="plotly.js-dist"), "package.json says plotly.js-dist"),
        (lambda d: fake_locales_tarball(d, "9.8.7", locale=b"var locale={};"), "does not define the plotly.js locale"),
        (
            lambda d: fake_locales_tarball(
                d, "9.8.7", locale=b'var locale={moduleType:"locale",name:"ru",x:1};Plotly.register(locale);</script>'
            ),
            "could not be inlined",
        ),
    ],
)
def test_the_update_script_refuses_a_locale_that_is_not_one(tmp_path, tarball, message):
    script, vendor = update_script(), tmp_path / "vendor"
    with pytest.raises(script.BundleError, match=message.replace(".", r"\.")):
        script.update_locales("9.8.7", tarball(tmp_path), vendor)
    assert not vendor.exists(), "nothing written"


def write_tarball(path: Path, files: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for member, data in files.items():
            info = tarfile.TarInfo(member)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def fake_tarball(folder: Path, version: str, bundle: bytes | None = None, name: str | None = None) -> Path:
    """An npm tarball of plotly.js-basic-dist-min as `npm pack` writes it (package/...)."""
    files = {
        "package/package.json": json.dumps(
            {"name": name or "plotly.js-basic-dist-min", "version": version, "license": "MIT"}
        ).encode(),
        "package/LICENSE": b"MIT License\n\nCopyright (c) Plotly\n",
        "package/README.md": b"# plotly.js-basic-dist-min\n",
        f"package/{PLOTLY_BUNDLE}": bundle
        if bundle is not None
        else (
            f"/**\n* plotly.js (basic - minified) v{version}\n* Copyright 2012-2026, Plotly, Inc.\n"
            "* All rights reserved.\n* Licensed under the MIT license\n*/\n"
        ).encode()
        + b"var Plotly = {};" * 40_000
        + b"\nwindow.Plotly = Plotly;\n",
    }
    return write_tarball(folder / f"plotly.js-basic-dist-min-{version}.tgz", files)


def test_the_update_script_vendors_a_tarball_once(tmp_path):
    script, vendor = update_script(), tmp_path / "vendor"
    tarball = fake_tarball(tmp_path, "9.8.7")
    assert script.update("9.8.7", tarball, vendor) == [PLOTLY_BUNDLE, LICENCE_NAME, "plotly-basic.json"]
    info = json.loads((vendor / "plotly-basic.json").read_text(encoding="utf-8"))
    bundle = (vendor / PLOTLY_BUNDLE).read_bytes()
    assert (info["version"], info["sha256"]) == ("9.8.7", hashlib.sha256(bundle).hexdigest())
    assert info["tarball"]["file"] == tarball.name and info["tarball"]["integrity"].startswith("sha512-")
    stamps = {p.name: p.stat().st_mtime_ns for p in vendor.iterdir()}
    assert script.update("9.8.7", tarball, vendor) == [], "idempotent: nothing rewritten"
    assert {p.name: p.stat().st_mtime_ns for p in vendor.iterdir()} == stamps
    assert script.check(vendor, "9.8.7") == []
    assert script.check(vendor, "9.8.8") == ["vendored plotly.js 9.8.7, the installed plotly bundles 9.8.8"]
    (vendor / PLOTLY_BUNDLE).write_bytes(bundle + b"\n")
    assert script.check(vendor, None)[0] == f"{PLOTLY_BUNDLE} is not the file the manifest describes"


@pytest.mark.parametrize(
    ("tarball", "message"),
    [
        (lambda d: fake_tarball(d, "9.8.6"), "package.json says plotly.js-basic-dist-min@9.8.6"),
        (lambda d: fake_tarball(d, "9.8.7", name="plotly.js-dist-min"), "package.json says plotly.js-dist-min"),
        (lambda d: fake_tarball(d, "9.8.7", bundle=b"/**\n* plotly.js v9.8.7\n*/"), "does not open with the banner"),
        (
            lambda d: fake_tarball(
                d, "9.8.7", bundle=b"/**\n* plotly.js (basic - minified) v9.8.7\n* Licensed under the MIT license\n*/"
            ),
            "is only",
        ),
        (
            lambda d: fake_tarball(
                d,
                "9.8.7",
                bundle=b"/**\n* plotly.js (basic - minified) v9.8.7\n* Licensed under the MIT license\n*/"
                + b"x" * 600_000
                + b"'</SCRIPT>'",
            ),
            "could not be inlined",
        ),
    ],
)
def test_the_update_script_refuses_a_tarball_that_is_not_the_bundle(tmp_path, tarball, message):
    script, vendor = update_script(), tmp_path / "vendor"
    with pytest.raises(script.BundleError, match=message.replace("(", r"\(").replace(".", r"\.")):
        script.update("9.8.7", tarball(tmp_path), vendor)
    assert not vendor.exists(), "nothing written"


def test_the_update_script_check_command_says_whether_the_versions_agree():
    version = plotly_manifest()["version"]
    for expected, code in ((version, 0), ("4", 1)):
        done = subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "update_plotly_bundle.py"), "--check", "--version", expected],
            capture_output=True,
            text=True,
        )
        assert done.returncode == code, done.stdout + done.stderr
    assert f"vendored plotly.js {version}, the installed plotly bundles 4" in done.stderr


VALIDATE = """() => {
  // Every attribute of the page's own figure, as the page gives it to Plotly: Plotly.validate names any that
  // the bundle does not know (a trace type or a layout component left out of the basic bundle).
  const fig = JSON.parse(document.getElementById('timeline-figure').textContent);
  const found = Plotly.validate(fig.data, fig.layout) || [];
  const control = Plotly.validate([{type: 'scattergl', x: [1]}], {}) || [];
  return [found.map(e => e.msg), control.map(e => e.msg),
          [...new Set(fig.data.map(t => t.type))].sort(), Object.keys(Plotly.PlotSchema.get().traces).sort()];
}"""


@pytest.mark.browser
def test_every_bundled_page_draws_with_the_vendored_bundle(chromium, tmp_path_factory):
    """Each bundled organisation's page and the overview of them all, in English and in Russian (with plotly.js's
    Russian locale): drawn with no error, and every attribute of their figures known to the basic bundle (which has
    scatter, bar and pie, and no scattergl)."""
    from playwright.sync_api import sync_playwright

    from tests.helpers.browser import CHROMIUM_ARGS, LANGUAGES, READY, serve, write_site
    from timeline.load import load_many

    root = tmp_path_factory.mktemp("bundled-site")
    pages = {tl.org.id: tl for tl in load_many()}
    write_site(root, pages, date(2026, 11, 28), LANGUAGES)
    assert (root / "plotly.min.js").read_bytes() == (VENDOR / PLOTLY_BUNDLE).read_bytes()
    assert (root / "plotly-locale-ru.js").read_bytes() == (VENDOR / "plotly-locale-ru.js").read_bytes()
    with sync_playwright() as p, serve(root) as base:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        every = [*(f"{org}/timeline.html" for org in pages), "timeline.html"]
        for path in [*every, *(f"ru/{path}" for path in every)]:
            context = browser.new_context()
            page = context.new_page()
            errors: list[str] = []
            page.on("console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
            page.goto(base + path)
            page.wait_for_selector(READY, timeout=30_000)
            found, control, types, known = page.evaluate(VALIDATE)
            assert found == [] and errors == [], path
            assert set(types) <= set(known) == {"bar", "pie", "scatter"}, path
            assert control == ["In data trace 0, key type is set to an invalid value (scattergl)"]
            assert page.locator("#timeline-plot .cartesianlayer .barlayer .point path").count() > 0, path
            context.close()
        browser.close()
