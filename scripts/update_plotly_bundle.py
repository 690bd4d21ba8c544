"""Vendor plotly.js's basic bundle (scatter, bar, pie) and its Russian locale into timeline/render/html/vendor/, from
the npm registry.

Run: python scripts/update_plotly_bundle.py [--version 4.1.1] [--tarball FILE.tgz] [--locales-tarball FILE.tgz]
     [--check]

By default the version is the plotly.js that the installed plotly package bundles
(`plotly.offline.get_plotlyjs_version()`). The script fetches `plotly.js-basic-dist-min@VERSION` with
`npm pack` (npm checks the tarball against the registry's integrity hash; the script checks it again), reads
the tarball in memory (nothing is extracted), checks the package's name, version and MIT licence, the bundle's
`plotly.js (basic - minified) v<VERSION>` banner and that it can be inlined in a page (no `</script`), then
writes the bundle, its licence file and a manifest (package, version, sha256, size, where it came from).
Idempotent: a file whose content is already right is not rewritten. --tarball uses a tarball already at hand
(no network). --check only verifies the vendored files against the manifest and the installed plotly's
plotly.js version (no network), and exits 1 if they differ.

The locales (LOCALES: Russian, the pages' other language) come from the same version of the `plotly.js` package
itself, whose `dist/plotly-locale-<code>.js` is a small browser script that registers the locale with Plotly
(`plotly.js-locales` is not published for plotly.js 4, whose messages differ from 3's). That tarball is the whole
plotly.js source (about 22 MB); only the locale files and the licence are read from it, in memory, and checked
(the package's name, version and MIT licence; each file registers its locale and can be inlined), then written
beside the bundle with their own manifest (plotly-locales.json). --locales-tarball uses one already at hand.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "timeline" / "render" / "html" / "vendor"
PACKAGE = "plotly.js-basic-dist-min"
BUNDLE = "plotly-basic.min.js"
"""The bundle's name in the npm package, and in vendor/."""
LICENCE = "plotly-basic.min.js.LICENSE.txt"
"""The package's LICENSE file, as vendor/ names it."""
MANIFEST = "plotly-basic.json"
MIN_BYTES = 500_000
"""A smaller file is not the whole bundle."""
LOCALE_PACKAGE = "plotly.js"
LOCALES = ("ru",)
"""The plotly.js locales the pages use: one per language of the pages but English (plotly.js's own)."""
LOCALE_FILE = "plotly-locale-{code}.js"
"""A locale's name in the package's dist/, and in vendor/."""
LOCALE_LICENCE = "plotly-locales.LICENSE.txt"
LOCALE_MANIFEST = "plotly-locales.json"
MAX_LOCALE_BYTES = 100_000
"""A bigger file is not a locale."""


class BundleError(Exception):
    """The tarball or the vendored files are not what they should be."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def integrity(data: bytes) -> str:
    """npm's Subresource Integrity string of a tarball."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def default_version() -> str:
    from plotly.offline import get_plotlyjs_version

    return get_plotlyjs_version()


def npm_pack(version: str, folder: Path, package: str = PACKAGE) -> tuple[bytes, dict]:
    """The package's tarball from the npm registry, with what npm says of it (filename, integrity, shasum)."""
    npm = shutil.which("npm")
    if npm is None:
        raise BundleError("npm is not on PATH (or pass --tarball and --locales-tarball)")
    spec = f"{package}@{version}"
    command = [npm, "pack", spec, "--json", "--ignore-scripts", "--pack-destination", str(folder)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=folder, check=False)
    if done.returncode != 0:
        raise BundleError(f"npm pack {spec} failed: {done.stderr.strip()[-500:]}")
    (info,) = json.loads(done.stdout)
    data = (folder / info["filename"]).read_bytes()
    if integrity(data) != info["integrity"] or hashlib.sha1(data).hexdigest() != info["shasum"]:
        raise BundleError(f"{info['filename']}: its hash is not the one npm reports")
    return data, info


def package_files(data: bytes, wanted: set[str], package: str, version: str) -> dict[str, bytes]:
    """The wanted files, package.json and LICENSE from an npm tarball, after checking that it is `package` at
    `version` under the MIT licence (its package.json says so)."""
    wanted = {"package/package.json", "package/LICENSE", *wanted}
    found: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for member in tar:
            if member.name in wanted and member.isreg():
                found[member.name] = tar.extractfile(member).read()
    missing = sorted(wanted - found.keys())
    if missing:
        raise BundleError(f"the tarball lacks {', '.join(missing)}")
    meta = json.loads(found["package/package.json"])
    if (meta.get("name"), meta.get("version"), meta.get("license")) != (package, version, "MIT"):
        raise BundleError(f"package.json says {meta.get('name')}@{meta.get('version')} ({meta.get('license')})")
    return found


def read_tarball(data: bytes, version: str) -> tuple[bytes, bytes]:
    """The bundle and the licence from the tarball, after checking the package and the bundle."""
    found = package_files(data, {f"package/{BUNDLE}"}, PACKAGE, version)
    bundle, licence = found[f"package/{BUNDLE}"], found["package/LICENSE"]
    check_bundle(bundle, version)
    if b"MIT License" not in licence:
        raise BundleError("LICENSE is not the MIT licence")
    return bundle, licence


def check_bundle(bundle: bytes, version: str) -> None:
    """plotly's banner with this version, MIT; big enough; safe to inline in a <script> element."""
    head = bundle[:300].decode("utf-8", "replace")
    if not re.match(rf"/\*\*\n\* plotly\.js \(basic - minified\) v{re.escape(version)}\n", head):
        raise BundleError(f"{BUNDLE} does not open with the banner of plotly.js (basic - minified) v{version}")
    if "Licensed under the MIT license" not in head:
        raise BundleError(f"{BUNDLE}'s banner does not say MIT")
    if len(bundle) < MIN_BYTES:
        raise BundleError(f"{BUNDLE} is only {len(bundle)} bytes")
    if re.search(rb"</script", bundle, re.I):
        raise BundleError(f"{BUNDLE} contains '</script': it could not be inlined in a page")
    bundle.decode("utf-8")  # the pages are UTF-8; a UnicodeDecodeError stops the update


def read_locales(data: bytes, version: str, codes: tuple[str, ...]) -> tuple[dict[str, bytes], bytes]:
    """The locale files (by code) and the licence from a plotly.js tarball, after checking the package and each file."""
    wanted = {f"package/dist/{LOCALE_FILE.format(code=c)}" for c in codes}
    found = package_files(data, wanted, LOCALE_PACKAGE, version)
    if b"MIT License" not in found["package/LICENSE"]:
        raise BundleError("LICENSE is not the MIT licence")
    locales = {code: found[f"package/dist/{LOCALE_FILE.format(code=code)}"] for code in codes}
    for code, text in locales.items():
        check_locale(text, code)
    return locales, found["package/LICENSE"]


def check_locale(text: bytes, code: str) -> None:
    """A plotly.js locale script: it defines the locale `code` and registers it with Plotly; small; safe to inline."""
    name = LOCALE_FILE.format(code=code)
    if not text.startswith(f'var locale={{moduleType:"locale",name:"{code}",'.encode()):
        raise BundleError(f"{name} does not define the plotly.js locale '{code}'")
    if b"Plotly.register(locale)" not in text:
        raise BundleError(f"{name} does not register its locale with Plotly")
    if len(text) > MAX_LOCALE_BYTES:
        raise BundleError(f"{name} is {len(text)} bytes: not a locale")
    if re.search(rb"</script", text, re.I):
        raise BundleError(f"{name} contains '</script': it could not be inlined in a page")
    text.decode("utf-8")


def locales_manifest(version: str, locales: dict[str, bytes], licence: bytes, tarball: bytes, name: str) -> dict:
    return {
        "package": LOCALE_PACKAGE,
        "version": version,
        "files": {
            code: {"file": LOCALE_FILE.format(code=code), "sha256": sha256(text), "bytes": len(text)}
            for code, text in locales.items()
        },
        "licence": "MIT",
        "licence_file": LOCALE_LICENCE,
        "licence_sha256": sha256(licence),
        "source": f"npm registry: npm pack {LOCALE_PACKAGE}@{version}, dist/{LOCALE_FILE.format(code='<code>')}",
        "tarball": {"file": name, "integrity": integrity(tarball)},
        "updated_by": f"python scripts/update_plotly_bundle.py --version {version}",
    }


def manifest(version: str, bundle: bytes, licence: bytes, tarball: bytes, name: str) -> dict:
    return {
        "package": PACKAGE,
        "version": version,
        "file": BUNDLE,
        "sha256": sha256(bundle),
        "bytes": len(bundle),
        "licence": "MIT",
        "licence_file": LICENCE,
        "licence_sha256": sha256(licence),
        "source": f"npm registry: npm pack {PACKAGE}@{version}",
        "tarball": {"file": name, "integrity": integrity(tarball)},
        "updated_by": f"python scripts/update_plotly_bundle.py --version {version}",
    }


def write(path: Path, data: bytes) -> bool:
    """Write `data` unless the file already holds it; True if written."""
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def update(version: str, tarball: Path | None, vendor: Path = VENDOR) -> list[str]:
    """Vendor `version`; the names of the files written (none if all were current)."""
    with tempfile.TemporaryDirectory() as tmp:
        if tarball is None:
            data, info = npm_pack(version, Path(tmp))
            name = info["filename"]
        else:
            data, name = tarball.read_bytes(), tarball.name
    bundle, licence = read_tarball(data, version)
    text = json.dumps(manifest(version, bundle, licence, data, name), indent=2) + "\n"
    files = {BUNDLE: bundle, LICENCE: licence, MANIFEST: text.encode("utf-8")}
    return [name for name, content in files.items() if write(vendor / name, content)]


def update_locales(
    version: str, tarball: Path | None, vendor: Path = VENDOR, codes: tuple[str, ...] = LOCALES
) -> list[str]:
    """Vendor the locales of plotly.js `version`; the names of the files written (none if all were current)."""
    with tempfile.TemporaryDirectory() as tmp:
        if tarball is None:
            data, info = npm_pack(version, Path(tmp), LOCALE_PACKAGE)
            name = info["filename"]
        else:
            data, name = tarball.read_bytes(), tarball.name
    locales, licence = read_locales(data, version, codes)
    text = json.dumps(locales_manifest(version, locales, licence, data, name), indent=2) + "\n"
    files = {LOCALE_FILE.format(code=code): content for code, content in locales.items()}
    files |= {LOCALE_LICENCE: licence, LOCALE_MANIFEST: text.encode("utf-8")}
    return [name for name, content in files.items() if write(vendor / name, content)]


def check_locales(vendor: Path = VENDOR, codes: tuple[str, ...] = LOCALES) -> list[str]:
    """What is wrong with the vendored locales (nothing: an empty list): each file as the manifest says, and of the
    same plotly.js version as the bundle."""
    try:
        info = json.loads((vendor / LOCALE_MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return [f"{LOCALE_MANIFEST} is missing or not JSON"]
    problems = []
    bundle = json.loads((vendor / MANIFEST).read_text(encoding="utf-8"))["version"]
    if info["version"] != bundle:
        problems.append(f"the vendored locales are of plotly.js {info['version']}, the bundle is {bundle}")
    if sorted(info["files"]) != sorted(codes):
        problems.append(f"{LOCALE_MANIFEST} lists the locales {sorted(info['files'])}, expected {sorted(codes)}")
    for code, entry in info["files"].items():
        try:
            text = (vendor / entry["file"]).read_bytes()
        except OSError:
            problems.append(f"{entry['file']} is missing")
            continue
        if sha256(text) != entry["sha256"] or len(text) != entry["bytes"]:
            problems.append(f"{entry['file']} is not the file the manifest describes")
        try:
            check_locale(text, code)
        except BundleError as error:
            problems.append(str(error))
    licence = vendor / info["licence_file"]
    if not licence.exists() or sha256(licence.read_bytes()) != info["licence_sha256"]:
        problems.append(f"{info['licence_file']} is not the file the manifest describes")
    return problems


def check(vendor: Path = VENDOR, expected: str | None = None) -> list[str]:
    """What is wrong with the vendored files (nothing: an empty list)."""
    problems = []
    info = json.loads((vendor / MANIFEST).read_text(encoding="utf-8"))
    bundle, licence = (vendor / BUNDLE).read_bytes(), (vendor / LICENCE).read_bytes()
    if sha256(bundle) != info["sha256"] or len(bundle) != info["bytes"]:
        problems.append(f"{BUNDLE} is not the file the manifest describes")
    if sha256(licence) != info["licence_sha256"]:
        problems.append(f"{LICENCE} is not the file the manifest describes")
    try:
        check_bundle(bundle, info["version"])
    except BundleError as error:
        problems.append(str(error))
    if expected is not None and info["version"] != expected:
        problems.append(f"vendored plotly.js {info['version']}, the installed plotly bundles {expected}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", help="plotly.js version (default: the one the installed plotly bundles)")
    parser.add_argument("--tarball", type=Path, help=f"a {PACKAGE} tarball already downloaded (npm pack)")
    parser.add_argument(
        "--locales-tarball", type=Path, help=f"a {LOCALE_PACKAGE} tarball already downloaded (npm pack): the locales"
    )
    parser.add_argument("--check", action="store_true", help="only check the vendored files; no network")
    parser.add_argument("--vendor", type=Path, default=VENDOR, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        if args.check:
            problems = check(args.vendor, args.version or default_version()) + check_locales(args.vendor)
            for problem in problems:
                print(problem, file=sys.stderr)
            if problems:
                print("run: python scripts/update_plotly_bundle.py", file=sys.stderr)
                return 1
            print(f"{args.vendor / BUNDLE} and the locales: as the manifests say")
            return 0
        version = args.version or default_version()
        written = update(version, args.tarball, args.vendor)
        written += update_locales(version, args.locales_tarball, args.vendor)
    except BundleError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    done = f"wrote {', '.join(written)}" if written else "already vendored, nothing written"
    print(f"{PACKAGE}@{version} and the locales of {LOCALE_PACKAGE}@{version}: {done}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
